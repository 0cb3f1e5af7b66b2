// Shared setup for the browser tests: a headless Debian Chromium driven by playwright-core, a
// loopback static server for a built site, and a tiny test runner.
//
// Nothing here sleeps for a fixed time: servers are waited for by the line they print when they
// listen, pages by the conditions the tests state (playwright's auto-waiting locators and
// waitForFunction), each with a deadline. Every process started here is stopped by its PID.
//
//   import { launch, serveStatic, run } from "./lib.mjs";
//
// Environment: CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE (the module to import,
// default "playwright-core", resolved through NODE_PATH), TEST_TIMEOUT_MS (default 20000).

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** How long any one wait may take before the test fails. */
export const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 20000);

function playwright() {
  const name = process.env.PLAYWRIGHT_CORE || "playwright-core";
  const paths = (process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean);
  return require(require.resolve(name, { paths: [process.cwd(), ...paths] }));
}

/** A headless Chromium (the system's, never a downloaded one). */
export async function launch() {
  const { chromium } = playwright();
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    // No background traffic: the machines that run these tests have no network, and Chromium's
    // own connections would only fail (and slow it down).
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: TIMEOUT_MS,
  });
}

/**
 * Starts `command args…` and resolves once a line of its output matches `ready` (a RegExp
 * whose first group, if any, is returned as `match`). Returns `{ pid, match, output, stop }`;
 * `stop()` ends that process only, by its PID.
 */
export function startProcess(command, args, { cwd, ready, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let done = false;
    const stop = () =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          res();
          return;
        }
        child.once("exit", () => res());
        process.kill(child.pid, "SIGTERM");
      });
    const timer = setTimeout(() => {
      if (!done) {
        done = true;
        stop().then(() => reject(new Error(`${command} did not get ready in ${TIMEOUT_MS} ms:\n${output}`)));
      }
    }, TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const m = done ? null : output.match(ready);
      if (m) {
        done = true;
        clearTimeout(timer);
        resolve({ pid: child.pid, match: m[1], output: () => output, stop });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.once("exit", (code) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`${command} exited with ${code} before it was ready:\n${output}`));
      }
    });
  });
}

/**
 * Serves `root` (a folder holding the site under its base path, e.g. `root/xietong/…`) on a
 * free loopback port with Python's static server. Resolves to `{ origin, stop }`.
 */
export async function serveStatic(root) {
  const server = await startProcess(
    "python3",
    ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", root, "0"],
    { ready: /Serving HTTP on \S+ port (\d+)/ },
  );
  return { origin: `http://127.0.0.1:${server.match}`, stop: server.stop, pid: server.pid };
}

/**
 * Runs the named async tests one after another, each with a fresh browser page, and prints
 * one line per test and then `N passed, N failed`. Resolves to the number of failures.
 */
export async function run(tests, { browser }) {
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of Object.entries(tests)) {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      await fn(page);
      if (errors.length) {
        throw new Error(`script errors on the page:\n${errors.join("\n")}`);
      }
      passed++;
      console.log(`ok   ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}\n     ${String(e && e.stack ? e.stack : e).replace(/\n/g, "\n     ")}`);
    } finally {
      await context.close();
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

/** Throws unless `cond`, with `message`. */
export function check(cond, message) {
  if (!cond) {
    throw new Error(message);
  }
}
