// Browser test of the search page on a built site (run by .ci/run):
//
//   node tests/browser/search.mjs SITE_PARENT BASE_PATH
//
// SITE_PARENT holds the site under BASE_PATH (e.g. SITE_PARENT/xietong/index.html for
// /xietong/); it is served on a loopback port. The expectations are about the real articles in
// content/.

import { check, launch, run, serveStatic } from "./lib.mjs";

const [root, base = "/xietong/"] = process.argv.slice(2);
if (!root) {
  console.error("usage: node tests/browser/search.mjs SITE_PARENT [BASE_PATH]");
  process.exit(2);
}

/** Waits until the status line reports on `query` (as the page shows it), returns the state. */
async function settled(page, query) {
  await page.waitForFunction(
    (q) => (document.getElementById("search-status").textContent || "").includes("“" + q + "”"),
    query,
  );
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    titles: [...document.querySelectorAll("#search-results .card-title a")].map((a) => a.textContent),
    links: [...document.querySelectorAll("#search-results .card-title a")].map((a) => a.pathname),
    url: location.pathname + location.search,
  }));
}

/** Article links listed on a list page and its later pages. */
async function listed(page, origin, path) {
  const found = new Set();
  let next = origin + path;
  while (next) {
    await page.goto(next);
    for (const href of await page.$$eval("main .card-title a", (as) => as.map((a) => a.pathname))) {
      found.add(href);
    }
    next = await page.$$eval("a[rel=next]", (as) => (as[0] ? as[0].href : null));
  }
  return found;
}

const server = await serveStatic(root);
const origin = server.origin;
const search = (qs) => `${origin}${base}search/?${qs}`;
let failures = 1;
let browser = null;
try {
  browser = await launch();
  failures = await run(
    {
      "碳普惠 lists 京津冀打造区域碳普惠体系 first, highlighted": async (page) => {
        await page.goto(search("q=" + encodeURIComponent("碳普惠")));
        const s = await settled(page, "碳普惠");
        check(s.titles[0] === "京津冀打造区域碳普惠体系", `first result is ${s.titles[0]}`);
        check(/^找到 \d+ 篇/.test(s.status), `status: ${s.status}`);
        const first = page.locator("#search-results > li").first();
        check((await first.locator(".card-title mark").first().textContent()) === "碳普惠", "title match not marked");
        await first.locator(".search-snippet mark").first().waitFor();
        check((await first.locator("time").getAttribute("datetime")) !== null, "no date");
        check((await first.locator(".topic-label").textContent()) === "绿色低碳", "no topic label");
      },

      "a traditional query finds simplified text": async (page) => {
        await page.goto(search("q=" + encodeURIComponent("碳普惠體系")));
        const s = await settled(page, "碳普惠体系");
        check(s.titles[0] === "京津冀打造区域碳普惠体系", `first result is ${s.titles[0]}`);
      },

      "Latin words ignore case and width: ５Ｇ finds what 5g finds": async (page) => {
        await page.goto(search("q=5g"));
        const latin = await settled(page, "5g");
        check(latin.titles.length > 0, "no results for 5g");
        await page.goto(search("q=" + encodeURIComponent("５Ｇ")));
        const wide = await settled(page, "５Ｇ");
        check(JSON.stringify(wide.links) === JSON.stringify(latin.links), "５Ｇ and 5g differ");
        check((await page.locator("#search-results mark").first().textContent()).toLowerCase() === "5g", "5G is not marked");
      },

      "a word in no article is reported as not found": async (page) => {
        await page.goto(search("q=" + encodeURIComponent("企鹅")));
        const s = await settled(page, "企鹅");
        check(s.status === "没有找到与“企鹅”相关的报道。", `status: ${s.status}`);
        check(s.titles.length === 0, "results listed");
      },

      "the region filter keeps the articles of that region, in the URL too": async (page) => {
        const inCangzhou = await listed(page, origin, `${base}regions/hebei/cangzhou/`);
        await page.goto(search("q=" + encodeURIComponent("发展")));
        const all = await settled(page, "发展");
        await page.selectOption("#search-region", "hebei/cangzhou");
        await page.waitForFunction(() => location.search.includes("region=hebei%2Fcangzhou"));
        await page.waitForFunction(() => document.getElementById("search-status").textContent.includes("沧州市"));
        const some = await settled(page, "发展");
        check(some.titles.length > 0, "no results in 沧州");
        check(some.titles.length < all.titles.length || /找到 (\d+)/.exec(some.status)[1] < /找到 (\d+)/.exec(all.status)[1], "the filter removed nothing");
        for (const link of some.links) {
          check(inCangzhou.has(link), `${link} is not an article of 沧州`);
        }
        // The same filter from a shared link.
        await page.goto(search("q=" + encodeURIComponent("发展") + "&region=hebei%2Fcangzhou"));
        const shared = await settled(page, "发展");
        check(JSON.stringify(shared.links) === JSON.stringify(some.links), "a shared URL gives other results");
        check((await page.inputValue("#search-region")) === "hebei/cangzhou", "the filter is not shown");
      },

      "the topic filter keeps the articles of that topic": async (page) => {
        const carbon = await listed(page, origin, `${base}topics/carbon/`);
        await page.goto(search("q=" + encodeURIComponent("发展") + "&topic=carbon"));
        const s = await settled(page, "发展");
        check(s.titles.length > 0, "no results");
        for (const link of s.links) {
          check(carbon.has(link), `${link} is not an article of 绿色低碳`);
        }
      },

      "the header box searches from any page, by keyboard": async (page) => {
        await page.goto(`${origin}${base}`);
        await page.locator("#site-search-q").fill("雄安");
        await page.keyboard.press("Enter");
        await page.waitForURL((u) => u.pathname === `${base}search/` && u.searchParams.get("q") === "雄安");
        const s = await settled(page, "雄安");
        check(s.titles.length > 0, "no results for 雄安");
        check((await page.inputValue("#search-q")) === "雄安", "the query is not in the box");
      },

      "more results come on request and take the focus": async (page) => {
        await page.goto(search("q=" + encodeURIComponent("发展")));
        const s = await settled(page, "发展");
        const total = Number(/找到 (\d+)/.exec(s.status)[1]);
        check(total > 10, `only ${total} results for 发展`);
        check(s.titles.length === 10, `${s.titles.length} shown at first`);
        await page.focus("#search-more");
        await page.keyboard.press("Enter");
        await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length === n, total);
        const focused = await page.evaluate(() => document.activeElement.closest("li") === document.querySelectorAll("#search-results > li")[10]);
        check(focused, "the focus did not move to the first new result");
        check(await page.locator("#search-more").isHidden(), "the button stays after the last result");
      },

      "snippets load only for results that come into view": async (page) => {
        await page.setViewportSize({ width: 1000, height: 600 });
        const fetched = new Set();
        page.on("request", (r) => fetched.add(new URL(r.url()).pathname));
        await page.goto(search("q=" + encodeURIComponent("发展")));
        await settled(page, "发展");
        await page.locator("#search-results > li").first().locator(".search-snippet mark").first().waitFor();
        const last = page.locator("#search-results > li").last();
        const lastUrl = await last.locator(".card-title a").evaluate((a) => a.pathname);
        check(!fetched.has(lastUrl), "the last result's page was fetched before it came into view");
        check((await last.locator(".search-snippet").textContent()) === "", "the last snippet is filled early");
        await last.scrollIntoViewIfNeeded();
        const snippet = await last.locator(".search-snippet").elementHandle();
        await page.waitForFunction((el) => el.textContent.length > 0, snippet);
        check(fetched.has(lastUrl), "the page was not fetched");
      },

      "typing on a warm page updates the results quickly": async (page) => {
        await page.goto(search("q=" + encodeURIComponent("人才")));
        await settled(page, "人才");
        const started = await page.evaluate(() => performance.now());
        await page.locator("#search-q").fill("人才交流");
        await settled(page, "人才交流");
        const ms = (await page.evaluate(() => performance.now())) - started;
        console.log(`     (results ${Math.round(ms)} ms after typing, debounce included)`);
        check(ms < 2000, `results took ${Math.round(ms)} ms`);
        check((await page.evaluate(() => location.search)).includes(encodeURIComponent("人才交流")), "the URL lags");
      },
    },
    { browser },
  );
} finally {
  if (browser) {
    await browser.close();
  }
  await server.stop();
}
process.exit(failures ? 1 : 0);
