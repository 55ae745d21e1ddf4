// Offline reload through the service worker; hostile files; the CSP. (The workers' crash,
// watchdog and cancel: runner.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
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
