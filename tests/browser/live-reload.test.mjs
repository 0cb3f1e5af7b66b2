// Live reload in a real browser: open an article in `xietong serve`, edit its file and see the
// new text without touching the browser; break its front matter and see the error overlay; fix it
// and see the page again.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { copySite, launch, run, startServe, TIMEOUT_MS } from "./browser.mjs";

const REPO = resolve(import.meta.dirname, "..", "..");
const ARTICLE = "content/carbon/jing-jin-ji-da-zao-qu-yu-tan-pu-hui-ti-xi.md";
const PATH = "carbon/jing-jin-ji-da-zao-qu-yu-tan-pu-hui-ti-xi/";
const ADDED = "浏览器测试加上的一段话";

const root = copySite(REPO);
const file = join(root, ARTICLE);
const original = readFileSync(file, "utf8");
let serve, browser, page;

/** Waits until the page's live-reload stream is connected (the reloaded page connects anew). */
const listening = (p) => p.locator("html[data-xietong-live=connected]").waitFor({ state: "attached" });

await run(
  "live reload",
  [
    ["serve starts", async () => {
      serve = await startServe(root);
      browser = await launch();
      page = await browser.browser.newPage();
      page.setDefaultTimeout(TIMEOUT_MS);
    }],
    ["the article opens", async () => {
      await page.goto(serve.url + PATH);
      await page.locator("h1.article-title", { hasText: "碳普惠" }).waitFor();
      await listening(page);
    }],
    ["an edit to the file shows up by itself", async () => {
      writeFileSync(file, original + `\n${ADDED}。\n`);
      await page.getByText(ADDED).waitFor();
      await listening(page);
    }],
    ["broken front matter shows the overlay", async () => {
      writeFileSync(file, original.replace(/^date = .*$/m, 'date = "2024-13-45"'));
      const overlay = page.locator("#xietong-error-overlay");
      await overlay.waitFor({ state: "visible" });
      const text = await overlay.innerText();
      if (!text.includes("jing-jin-ji-da-zao-qu-yu-tan-pu-hui-ti-xi.md")) {
        throw new Error(`the overlay does not name the file: ${text}`);
      }
    }],
    ["the fix clears the overlay and shows the page", async () => {
      writeFileSync(file, original + `\n${ADDED}，修好了。\n`);
      await page.locator("#xietong-error-overlay").waitFor({ state: "detached" });
      await page.getByText(`${ADDED}，修好了`).waitFor();
    }],
  ],
  async () => {
    if (browser) await browser.close();
    if (serve) serve.stop();
    rmSync(root, { recursive: true, force: true });
  },
);
