// Shared harness of the end-to-end tests: serves dist/ on a free localhost port, starts
// Debian's Chromium through playwright-core, and records every request that leaves the page's
// origin and every console error (each test asserts there are none).
import { createServer } from "node:http";
import { readFile, mkdtemp, mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, extname, resolve, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const { chromium } = require(join(ROOT, "tools/node_modules/playwright-core"));

export const DIST = process.env.IMR_DIST ?? join(ROOT, "dist");
export const OUT = join(ROOT, "tests/e2e/out");
export const CORPUS = join(ROOT, "tests/corpus");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml",
  ".json": "application/json", ".png": "image/png", ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` on 127.0.0.1 at a free port; `overrides` maps a path to a body served instead.
 * Returns { url, close }.
 */
export async function serve(dir = DIST, overrides = {}) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    if (path in overrides) {
      res.writeHead(200, { "content-type": TYPES[extname(path)], "cache-control": "no-cache" });
      res.end(overrides[path]);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/**
 * Starts Chromium with a fresh profile and opens the app.
 * Returns { context, page, url, problems, close }: `problems` collects requests to other
 * origins, console errors and page errors.
 */
export async function openApp({ viewport = { width: 1440, height: 900 }, overrides = {}, navigate = true } = {}) {
  const server = await serve(DIST, overrides);
  const profile = await mkdtemp(join(tmpdir(), "imr-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    acceptDownloads: true,
  });
  const origin = new URL(server.url).origin;
  const problems = [];
  const watch = (page) => {
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  };
  context.on("page", watch);
  // Every request of the pages, the parsing worker and the service worker goes through the
  // context. One that the CSP refused never reached the network: it is no leak (the refusal
  // itself is a console error, which the test sees).
  const leaving = (u) => !u.startsWith("blob:") && !u.startsWith("data:") && new URL(u).origin !== origin;
  context.on("request", (r) => {
    if (leaving(r.url())) problems.push(`request leaving the origin: ${r.url()}`);
  });
  context.on("requestfailed", (r) => {
    if (leaving(r.url()) && /^csp$|ERR_BLOCKED_BY_CSP/.test(r.failure()?.errorText ?? "")) {
      const i = problems.indexOf(`request leaving the origin: ${r.url()}`);
      if (i >= 0) problems.splice(i, 1);
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  if (navigate) {
    await page.goto(server.url);
    await page.waitForSelector("#paste-box");
  }
  await mkdir(OUT, { recursive: true });
  return {
    context, page, url: server.url, problems, server,
    async close() {
      await context.close();
      await server.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the current batch is read (progress shows done == total == n). */
export async function waitForBatch(page, n, timeout = 120_000) {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector("#progress-text");
      return el && el.dataset.total === String(n) && el.dataset.done === String(n);
    },
    n,
    { timeout },
  );
}

/** Waits until `entries` files/texts were handed in and none is pending. */
export async function waitForIdle(page, entries, timeout = 60_000) {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector("#progress-text");
      return el && el.dataset.entries === String(n) && el.dataset.pending === "0";
    },
    entries,
    { timeout },
  );
}

/** Text of an element, trimmed. */
export async function text(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

/** Runs the native CLI on files: the parsed Letter JSON array. */
export async function cliParse(files) {
  const { execFile } = await import("node:child_process");
  const bin = process.env.IMR_BIN ?? resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target", "debug/imr");
  return await new Promise((ok, fail) => {
    execFile(bin, ["parse", "--format", "json", ...files], { maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      // The CLI exits non-zero when some file had problems but still prints the array.
      if (!stdout) { fail(err ?? new Error(stderr)); return; }
      ok(JSON.parse(stdout));
    });
  });
}

/**
 * Texts of one cell (`cellSelector` within each row) of every row of a windowed table, read
 * with the table in its print state (`beforeprint` renders every row; `afterprint` ends it).
 */
export async function allRows(page, table, cellSelector) {
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const n = Number(await page.locator(`#${table}`).getAttribute("aria-rowcount")) - 1;
  await page.waitForFunction(
    ({ table, n }) => document.querySelectorAll(`#${table} tbody tr[aria-rowindex]`).length === n,
    { table, n },
  );
  const texts = await page.locator(`#${table} tbody tr[aria-rowindex] > ${cellSelector}`).allInnerTexts();
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await page.waitForFunction(
    ({ table, n }) => n <= 60 || document.querySelectorAll(`#${table} tbody tr[aria-rowindex]`).length < n,
    { table, n },
  );
  return texts.map((t) => t.trim());
}
