// Browser test of live reload (run by .ci/run):
//
//   node tests/browser/live-reload.mjs XIETONG_BIN
//
// Copies this repository's site to a temporary folder, runs `xietong serve --port 0` on it, opens
// an article, edits its file and sees the new text without touching the browser; breaks its front
// matter and sees the error overlay naming the file; fixes it and sees the page again.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { check, launch, run, startProcess } from "./lib.mjs";

const [bin] = process.argv.slice(2);
if (!bin) {
  console.error("usage: node tests/browser/live-reload.mjs XIETONG_BIN");
  process.exit(2);
}

const repo = path.resolve(import.meta.dirname, "..", "..");
const ARTICLE = "content/carbon/jing-jin-ji-da-zao-qu-yu-tan-pu-hui-ti-xi.md";
const PAGE = "carbon/jing-jin-ji-da-zao-qu-yu-tan-pu-hui-ti-xi/";
const ADDED = "浏览器测试加上的一段话";

const root = mkdtempSync(path.join(tmpdir(), "xietong-live-"));
for (const part of ["site.toml", "themes", "content"]) {
  cpSync(path.join(repo, part), path.join(root, part), { recursive: true });
}
const file = path.join(root, ARTICLE);
const original = readFileSync(file, "utf8");

/** Waits until the page's live-reload stream is open (a reloaded page connects anew). */
const listening = (page) =>
  page.locator("html[data-xietong-live=connected]").waitFor({ state: "attached" });

let failures = 1;
let browser = null;
let serve = null;
try {
  serve = await startProcess(bin, ["serve", "--root", root, "--port", "0"], {
    ready: /预览地址：(\S+?)（/,
  });
  browser = await launch();
  failures = await run(
    {
      "an edit shows up, a broken edit shows the overlay, the fix clears it": async (page) => {
        await page.goto(serve.match + PAGE);
        await page.locator("h1.article-title", { hasText: "碳普惠" }).waitFor();
        await listening(page);

        writeFileSync(file, `${original}\n${ADDED}。\n`);
        await page.getByText(ADDED).waitFor();
        await listening(page);

        writeFileSync(file, original.replace(/^date = .*$/m, 'date = "2024-13-45"'));
        const overlay = page.locator("#xietong-error-overlay");
        await overlay.waitFor({ state: "visible" });
        const text = await overlay.innerText();
        check(text.includes(path.basename(ARTICLE)), `the overlay does not name the file: ${text}`);
        check(await page.getByText(ADDED).isVisible(), "the last good page stays under the overlay");

        writeFileSync(file, `${original}\n${ADDED}，修好了。\n`);
        await overlay.waitFor({ state: "detached" });
        await page.getByText(`${ADDED}，修好了`).waitFor();
      },
    },
    { browser },
  );
} finally {
  if (browser) {
    await browser.close();
  }
  if (serve) {
    await serve.stop();
  }
  rmSync(root, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
