// Scans in the page, read by the OCR worker, which loads only then from the page's own origin.
// Every request off the origin fails a test (harness.mjs). OCR is slow (seconds a page on a busy
// machine): the scans here are 7 pages in all, the fewest that cover each kind.
//  1. A faxed letter (an image-only PDF, CCITT Group 4, two pages) beside a JPEG scan: items and
//     decisions, the OCR note, the page image with the focused value's words outlined,
//     low-confidence marks, the batch summary, an export with the `ocr` block.
//  2. A PNG, a two-page Group 4 TIFF and a PDF whose second page only is scanned.
//  3. "Make scans readable offline", then a reload with the network off, and a scan read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { openApp, text, CORPUS, OUT } from "./harness.mjs";

const FAX = join(CORPUS, "scans/format1_CM16-0237844.scan-fax.pdf");
const MADE = join(CORPUS, "made/scans");
const JPEG = join(MADE, "CM16-0237844-page1.scan.jpg");
const PNG = join(MADE, "CM16-0237844-page1.fax.png");
const TIFF = join(MADE, "CM17-0010365.fax-g4.tif");
const MIXED = join(MADE, "CM16-0237844-text-page1-scan-page2.pdf");
// Pages of OCR in Chromium on a busy 2-core machine: generous, never a measure of speed.
const OCR_TIMEOUT = 400_000;

/** Waits until no scan is being read or waits for OCR. */
async function ocrDone(page) {
  await page.waitForFunction(() => !document.querySelector("#ocr-status") && document.querySelector("#progress-text")?.dataset.pending === "0",
    null, { timeout: OCR_TIMEOUT });
}

/** Opens the letter of the row whose file name holds `name`. */
async function open(page, name) {
  if (await page.locator("#back").count()) await page.click("#back");
  const row = page.locator("#letters-table tbody tr", { hasText: name });
  await row.first().waitFor();
  await row.first().locator("a, button").first().click();
  await page.waitForSelector("#decisions");
}

const badges = async (page) =>
  (await page.locator("#decisions tbody tr > td:nth-child(3)").allInnerTexts()).map((b) => b.trim());

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return readFile(await dl.path(), "utf8");
}

test("a fax PDF and a JPEG scan: letters, page images with the value outlined, export with the ocr block", { timeout: OCR_TIMEOUT + 120_000 }, async () => {
  const app = await openApp();
  try {
    const { page } = app;
    const requests = [];
    app.context.on("request", (r) => requests.push(new URL(r.url()).pathname));
    // A text letter first: the recogniser is not loaded for it.
    await page.click("button:has-text('2014 letter')");
    await page.waitForSelector("#decisions");
    assert.deepEqual(requests.filter((p) => p.includes("/ocr/")), [], "no OCR file before a scan");
    await page.click("#back");

    await page.setInputFiles("#pick-files", [FAX, JPEG]);
    // Progress in words, page by page.
    await page.waitForFunction(() => document.querySelector("#ocr-status")?.dataset.pages === "2", null, { timeout: OCR_TIMEOUT });
    assert.match(await text(page, "#ocr-status"), /reading page [12] of 2 by OCR/);
    // While scans are read, the batch's summary does not count them as not read.
    const during = await page.locator("#progress-text").innerText().catch(() => "");
    assert.doesNotMatch(during, /not read/);
    await ocrDone(page);
    // The summary counts both scans as read.
    assert.match(await text(page, "#progress-text"), /^2 read, in /);

    await open(page, "scan-fax.pdf");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.deepEqual(await badges(page), ["Upheld"]);
    assert.equal(await text(page, "#v-outcome"), "Upheld");
    const note = page.locator("#ocr-note");
    assert.match(await note.innerText(), /^Read by OCR \(tesseract-wasm 0\.11\.0.*\): 2 page\(s\), mean word confidence \d+%/);
    const confidence = Number(await note.getAttribute("data-confidence"));
    assert.ok(confidence > 70 && confidence <= 100, `confidence ${confidence}`);

    // The page images, as the worker read them: blob: URLs of this page, two pages.
    const figures = page.locator("#page-images figure");
    assert.equal(await figures.count(), 2);
    const href = await figures.first().locator("image").getAttribute("href");
    assert.match(href, /^blob:http:\/\/127\.0\.0\.1:\d+\//);
    // The image decodes (the CSP lets blob: images in), downscaled to 1275 px wide.
    const width = await figures.first().locator("image").evaluate(async (img) => {
      const i = new Image();
      i.src = img.getAttribute("href");
      await i.decode();
      return i.naturalWidth;
    });
    assert.equal(width, 1275);
    // (The row's click leaves the mouse over the letter: whatever it hovers may be outlined.)
    // Keyboard focus on a value outlines its words on its page.
    await page.locator("#v-case .field").focus();
    await page.waitForSelector("#page-images rect.word-box");
    const box = page.locator("#page-images figure[data-page='1'] rect.word-box");
    assert.equal(await box.count(), 1, "the case number is one word on page 1");
    const [x, y, w, h] = await box.evaluate((r) => ["x", "y", "width", "height"].map((a) => Number(r.getAttribute(a))));
    assert.ok(w > 100 && h > 20 && x >= 0 && y >= 0 && y < 1650, `box ${[x, y, w, h]}`);
    assert.match(await figures.first().locator("svg").getAttribute("aria-label"), /Page 1 of 2, as read by OCR, 1 word\(s\) of the highlighted value outlined/);
    assert.equal(await text(page, "#source-mark"), "CM16-0237844");
    // Hovering another value moves the outline: the decision word.
    await page.locator("#item-0 td:nth-child(3) .field").hover();
    await page.waitForFunction(() => [...document.querySelectorAll("#page-images rect.word-box")].length >= 1
      && document.querySelector("#source-mark")?.textContent === "Upheld");
    // Values from words the engine was unsure of carry a warning beside them, in words for
    // screen readers (this fax has some: its kerned state names).
    const unsure = page.locator("#warnings li[data-code='low-confidence']");
    assert.ok(await unsure.count() >= 1);
    const said = await unsure.first().innerText();
    assert.match(said, /^'.+' was read by OCR with low confidence \(\d+ of 100\): check it on the scan\.$/);
    const beside = page.locator(".field-warning");
    const labels = await beside.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    assert.ok(labels.some((l) => l.startsWith("Warning: ") && l.includes(said)), JSON.stringify(labels));
    await page.screenshot({ path: join(OUT, "ocr-fax.png"), fullPage: false });

    await open(page, "scan.jpg");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.deepEqual(await badges(page), ["Upheld"]);
    assert.equal(await page.locator("#page-images figure").count(), 1);

    // The export carries each scan's ocr block (engine, confidences, word boxes).
    await page.click("#back");
    const letters = JSON.parse(await download(page, "#export-json"));
    const scans = letters.filter((l) => l.source.kind === "scan");
    assert.deepEqual(scans.map((l) => l.source.name).sort(), ["CM16-0237844-page1.scan.jpg", "format1_CM16-0237844.scan-fax.pdf"]);
    for (const l of scans) {
      assert.match(l.ocr.engine, /^tesseract-wasm 0\.11\.0/);
      assert.equal(l.ocr.dpi, 300);
      assert.equal(l.ocr.words.length, l.ocr.pages);
      assert.ok(l.ocr.words[0].length > 100 && l.ocr.words[0][0].length === 6);
      for (const w of l.warnings.filter((w) => w.code === "low-confidence")) {
        assert.ok(l.ocr.words.flat().some(([a, b]) => a <= w.span[0] && w.span[1] <= b), "a warned word is a word of the ocr block");
      }
      assert.deepEqual(l.items.map((i) => i.decision), ["upheld"]);
    }

    // The recogniser's files came from the page's own origin (the harness fails any other).
    for (const f of ["/ocr/imr-ocr-worker.js", "/ocr/imr_ocr_web_bg.wasm", "/ocr/eng.traineddata"]) {
      assert.ok(requests.includes(f), `${f} fetched: ${JSON.stringify(requests)}`);
    }
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("a PNG, a multi-page Group 4 TIFF and a PDF with one scanned page among text pages", { timeout: OCR_TIMEOUT + 120_000 }, async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", [PNG, TIFF, MIXED]);
    await ocrDone(page);
    assert.match(await text(page, "#progress-text"), /^3 read, in /);

    await open(page, "fax.png");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.deepEqual(await badges(page), ["Upheld"]);
    assert.match(await text(page, "#ocr-note"), /: 1 page\(s\)/);

    await open(page, "fax-g4.tif");
    assert.equal(await text(page, "#v-case"), "CM17-0010365");
    // "Overturned" is read through OCR's "Overtumed" (a closed word), with a warning beside it.
    assert.deepEqual((await badges(page)).map((b) => b.replace("⚠", "")), ["Overturned"]);
    assert.match(await text(page, "#ocr-note"), /: 2 page\(s\)/);
    assert.equal(await page.locator("#page-images figure").count(), 2);

    // The text page is read as text, the scanned page by OCR: one page of OCR, one image.
    await open(page, "scan-page2.pdf");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.deepEqual(await badges(page), ["Upheld"]);
    assert.match(await text(page, "#ocr-note"), /: 1 page\(s\)/);
    const figures = page.locator("#page-images figure");
    assert.equal(await figures.count(), 1);
    assert.equal(await figures.first().getAttribute("data-page"), "2");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("make scans readable offline, then read a scan with the network off", { timeout: OCR_TIMEOUT + 120_000 }, async () => {
  const app = await openApp();
  try {
    const { page, context } = app;
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return !!reg.active && !!navigator.serviceWorker.controller;
    }, null, { timeout: 30_000 });
    await page.click("#make-offline");
    await page.waitForFunction(() => document.querySelector("#offline-status")?.dataset.state !== "idle");
    await page.waitForFunction(() => document.querySelector("#offline-status")?.dataset.state === "done", null, { timeout: 120_000 });
    assert.match(await text(page, "#offline-status"), /^Done: the text recogniser is kept in this browser/);

    await app.server.close(); // the network is gone for this origin
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("#paste-box");
    await page.setInputFiles("#pick-files", PNG);
    await ocrDone(page);
    await page.waitForSelector("#decisions");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.deepEqual(await badges(page), ["Upheld"]);
    const problems = app.problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED"));
    assert.deepEqual(problems, []);
  } finally {
    await app.close();
  }
});
