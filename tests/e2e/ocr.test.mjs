// Scans in the page: a faxed letter (an image-only PDF, CCITT Group 4, two pages) is read by the
// OCR worker, loaded only then from the page's own origin; the letter's fields come out of the
// recognised text and it is marked as read by OCR. Every request off the origin fails the test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openApp, text, CORPUS, OUT } from "./harness.mjs";

const FAX = join(CORPUS, "scans/format1_CM16-0237844.scan-fax.pdf");
// Two pages of OCR in Chromium on a busy 2-core machine: generous, never a measure of speed.
const OCR_TIMEOUT = 300_000;

test("a faxed letter is read by OCR, loaded on demand from the page's origin", { timeout: OCR_TIMEOUT + 60_000 }, async () => {
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

    await page.setInputFiles("#pick-files", FAX);
    // Progress in words, page by page.
    await page.waitForFunction(() => document.querySelector("#ocr-status")?.dataset.pages === "2", null, { timeout: OCR_TIMEOUT });
    assert.match(await text(page, "#ocr-status"), /reading page [12] of 2 by OCR/);
    await page.waitForFunction(() => !document.querySelector("#ocr-status"), null, { timeout: OCR_TIMEOUT });

    const row = page.locator("#letters-table tbody tr", { hasText: "scan-fax.pdf" });
    await row.first().waitFor();
    await row.first().locator("a, button").first().click();
    await page.waitForSelector("#decisions");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    const badges = await page.locator("#decisions tbody tr > td:nth-child(3)").allInnerTexts();
    assert.deepEqual(badges.map((b) => b.trim()), ["Upheld"]);
    assert.equal(await text(page, "#v-outcome"), "Upheld");
    const note = page.locator("#ocr-note");
    assert.match(await note.innerText(), /^Read by OCR \(tesseract-wasm 0\.11\.0.*\): 2 page\(s\), mean word confidence \d+%/);
    const confidence = Number(await note.getAttribute("data-confidence"));
    assert.ok(confidence > 70 && confidence <= 100, `confidence ${confidence}`);
    await page.screenshot({ path: join(OUT, "ocr-fax.png"), fullPage: false });

    // The recogniser's files came from the page's own origin (the harness fails any other).
    for (const f of ["/ocr/imr-ocr-worker.js", "/ocr/imr_ocr_web_bg.wasm", "/ocr/eng.traineddata"]) {
      assert.ok(requests.includes(f), `${f} fetched: ${JSON.stringify(requests)}`);
    }
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
