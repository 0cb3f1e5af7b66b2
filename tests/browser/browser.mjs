// Shared setup for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), a `xietong serve` child process on 127.0.0.1, and small assertion helpers.
//
// Every test script is run by .ci/run as `node tests/browser/<name>.mjs`, with NODE_PATH pointing
// at the playwright-core that .ci/run installed and XIETONG_BIN at the release binary.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
/** The xietong binary under test. */
export const BIN = process.env.XIETONG_BIN || "target/release/xietong";
/** How long any single wait may take before the test fails. */
export const TIMEOUT_MS = 20000;

/**
 * Launches headless Chromium with no background network traffic (this machine has no network).
 * Playwright gives each launch a fresh, temporary profile of its own.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { browser, close: () => browser.close() };
}

/** Copies the repository's site (site.toml, themes/, content/) into a fresh temporary folder. */
export function copySite(repo) {
  const root = mkdtempSync(join(tmpdir(), "xietong-site-"));
  for (const part of ["site.toml", "themes", "content"]) {
    cpSync(join(repo, part), join(root, part), { recursive: true });
  }
  return root;
}

/**
 * Starts `xietong serve --port 0` on `root` and resolves to { url, log, stop } once it prints the
 * preview address. `log()` returns everything it printed so far; `stop()` ends it by its PID.
 */
export function startServe(root, extraArgs = []) {
  const child = spawn(BIN, ["serve", "--root", root, "--port", "0", ...extraArgs], {
    stdio: ["ignore", "inherit", "pipe"],
  });
  let output = "";
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`serve did not start:\n${output}`));
    }, TIMEOUT_MS * 3);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      output += chunk;
      const m = output.match(/预览地址：(\S+?)（/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], log: () => output, stop });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

/** Runs the named steps in order, printing each; exits non-zero on the first failure. */
export async function run(name, steps, cleanup) {
  let failed = false;
  try {
    for (const [label, step] of steps) {
      await step();
      console.log(`ok   ${name}: ${label}`);
    }
  } catch (e) {
    failed = true;
    console.error(`FAIL ${name}: ${e.stack || e}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}
