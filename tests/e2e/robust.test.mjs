// Offline reload through the service worker; a worker that dies is restarted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readdir } from "node:fs/promises";
import { openApp, text, waitForIdle, CORPUS } from "./harness.mjs";

test("after the first visit, a reload with the server gone still parses letters", async () => {
  const app = await openApp();
  try {
    const { page, context } = app;
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return !!reg.active && !!navigator.serviceWorker.controller;
    }, null, { timeout: 30_000 });
    await app.server.close(); // the network is gone for this origin
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("#paste-box");
    await page.click("button:has-text('2016 letter')");
    await page.waitForSelector("#decisions");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.equal(await page.locator("#decisions tbody tr").count(), 1);
    const problems = app.problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED"));
    assert.deepEqual(problems, []);
  } finally {
    await app.close();
  }
});

// The parsing worker's loader, with a trap on demand: a text containing TRAP-NOW makes the
// worker throw a WebAssembly.RuntimeError from its message handler, as a wasm panic does.
const TRAPPING_LOADER = `
importScripts("./imr-worker.js");
wasm_bindgen({ module_or_path: "./imr-worker_bg.wasm" }).then(() => {
  const real = self.onmessage;
  self.onmessage = (e) => {
    if (typeof e.data.text === "string" && e.data.text.includes("TRAP-NOW")) {
      throw new WebAssembly.RuntimeError("unreachable");
    }
    return real(e);
  };
});`;

test("when the worker dies on a file, only that file fails and the others are read", async () => {
  const app = await openApp({ overrides: { "/imr-worker_loader.js": TRAPPING_LOADER } });
  try {
    const { page } = app;
    const good = await readFile(join(CORPUS, "real/format1_CM16-0237844.txt"), "utf8");
    // Paste a good letter, a trapping one, then another good one.
    for (const t of [good, "TRAP-NOW", good.replace("CM16-0237844", "CM16-0237845")]) {
      await page.fill("#paste-box", t);
      await page.click("#read-paste");
    }
    await waitForIdle(page, 3);
    assert.equal(await text(page, "#failed-count"), "1 file(s) not read");
    const failed = await text(page, ".file-list li.failed");
    assert.equal(failed, "Pasted text 2: The parser stopped on this file; it was restarted for the others.");
    await page.click("#back").catch(() => {});
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, ["CM16-0237844", "CM16-0237845"]);
    const problems = app.problems.filter((p) => !p.includes("unreachable"));
    assert.deepEqual(problems, []);
  } finally {
    await app.close();
  }
});

// The worker's loader with a hang on demand: a text containing HANG-NOW never returns.
const HANGING_LOADER = TRAPPING_LOADER.replace(
  'throw new WebAssembly.RuntimeError("unreachable");',
  "for (;;) {}",
).replaceAll("TRAP-NOW", "HANG-NOW");

test("a file that keeps the worker busy past 30 s is stopped; the others are read", async () => {
  const app = await openApp({ overrides: { "/imr-worker_loader.js": HANGING_LOADER } });
  try {
    const { page } = app;
    const good = await readFile(join(CORPUS, "real/format1_CM16-0237844.txt"), "utf8");
    for (const t of [good, "HANG-NOW", good.replace("CM16-0237844", "CM16-0237845")]) {
      await page.fill("#paste-box", t);
      await page.click("#read-paste");
    }
    await waitForIdle(page, 3, 90_000);
    assert.equal(await text(page, "#failed-count"), "1 file(s) not read");
    const failed = await text(page, ".file-list li.failed");
    assert.match(failed, /^Pasted text 2: Reading this file took longer than 30 seconds/);
    await page.click("#back").catch(() => {});
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, ["CM16-0237844", "CM16-0237845"]);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("a PDF that inflates to 512 MiB does not take the page down", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", [
      join(CORPUS, "made/inflate-bomb.pdf"),
      join(CORPUS, "real/format1_CM16-0237844.txt"),
    ]);
    await waitForIdle(page, 2, 90_000);
    // The bomb is either refused or read as a non-letter; the real letter is read either way.
    await page.click("#back").catch(() => {});
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.ok(cases.includes("CM16-0237844"), JSON.stringify(cases));
    assert.deepEqual(app.problems.filter((p) => !/unreachable|memory/i.test(p)), []);
  } finally {
    await app.close();
  }
});

test("Cancel drops the rest of a batch; what was read stays", async () => {
  const REAL = join(CORPUS, "real");
  const files = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", files);
    await page.click("#cancel");
    await page.waitForFunction(() => !document.querySelector("#cancel"));
    const summary = await text(page, "#failed-count"); // "N file(s) not read"
    const cancelled = Number(summary.split(" ")[0]);
    assert.ok(cancelled > 0 && cancelled <= files.length, summary);
    assert.equal(await page.locator(".file-list li.cancelled").count(), cancelled);
    const read = await page.locator("#letters-table tbody tr").count().catch(() => 0);
    assert.equal(read + cancelled, files.length);
    // The page goes on: a new file is read after a cancel.
    await page.click("button:has-text('2016 letter')");
    await page.waitForFunction(() => document.querySelector("#progress-text")?.dataset.pending === "0"
      && document.querySelector("#progress-text")?.dataset.entries === "151");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("the Content-Security-Policy blocks other origins and unhashed inline script", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);
    assert.match(csp, /connect-src 'self';/);
    const result = await page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__inline = 1";
      document.body.append(s);
      const img = new Image();
      const imgLoaded = await new Promise((ok) => {
        img.onload = () => ok(true);
        img.onerror = () => ok(false);
        img.src = "http://127.0.0.2:9/pixel.png";
      });
      const fetched = await fetch("http://127.0.0.2:9/").then(() => true, () => false);
      return { inline: window.__inline, imgLoaded, fetched };
    });
    assert.deepEqual(result, { inline: undefined, imgLoaded: false, fetched: false });
    // The page's own origin still works (the app reads a sample).
    await page.click("button:has-text('2016 letter')");
    await page.waitForSelector("#decisions");
    // The blocked attempts show up as CSP reports, and only those: no request left the page.
    const other = app.problems.filter((p) => !/^console error: .*Content Security Policy/.test(p));
    assert.deepEqual(other, []);
  } finally {
    await app.close();
  }
});

test("a single file that cannot be read says why, with a way back", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", {
      name: "broken.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n\u0000\u0001\u0002 not really a PDF"),
    });
    await waitForIdle(page, 1);
    const status = await text(page, "#letter-status");
    assert.ok(status.startsWith("This file could not be read: "), status);
    assert.ok(status.length > "This file could not be read: ".length + 10, status);
    assert.equal(await text(page, ".file-list li.failed .name"), "broken.pdf");
    await page.click("#back");
    assert.equal(await text(page, "#no-rows"), "No letter matches.");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
