#!/usr/bin/env node
// Benchmark by hand (BENCHMARKS.md, "Scans in the page"): reads scans in the release build
// (dist/) in Debian's Chromium, one after the other in one page, and prints for each the time
// to the first page (the recogniser loaded on the first scan only), the time per page and the
// whole. Timestamps are taken in the page when the OCR status changes (a MutationObserver).
//
//   node scripts/bench-ocr-web.mjs SCAN...      (e.g. tests/corpus/scans/*.pdf)
import { openApp } from "../tests/e2e/harness.mjs";
import { basename } from "node:path";

const files = process.argv.slice(2);
if (!files.length) { console.error("usage: bench-ocr-web.mjs SCAN..."); process.exit(2); }
const app = await openApp();
const { page } = app;
await page.evaluate(() => {
  window.__ocrMarks = [];
  new MutationObserver(() => {
    const s = document.querySelector("#ocr-status");
    const mark = s ? `${s.dataset.page}/${s.dataset.pages}` : "idle";
    const last = window.__ocrMarks.at(-1);
    if (!last || last.mark !== mark) window.__ocrMarks.push({ mark, t: performance.now() });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
});
const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
console.log(`# ${version}, ${new Date().toISOString()}`);
console.log("file\tpages\tfirst_page_ms\tms_per_page\ttotal_ms");
let allPages = 0, allOcrMs = 0;
for (const f of files) {
  await page.evaluate(() => { window.__ocrMarks = []; window.__t0 = performance.now(); });
  await page.setInputFiles("#pick-files", f);
  await page.waitForFunction(() => window.__ocrMarks.some((m) => m.mark !== "idle" && m.mark !== "0/0"), null, { timeout: 600_000 });
  await page.waitForFunction(() => window.__ocrMarks.at(-1)?.mark === "idle", null, { timeout: 600_000 });
  const { marks, t0 } = await page.evaluate(() => ({ marks: window.__ocrMarks, t0: window.__t0 }));
  const pageMarks = marks.filter((m) => /^[1-9]/.test(m.mark));
  const end = marks.at(-1).t;
  const pages = Number(pageMarks[0]?.mark.split("/")[1] ?? 0);
  const ocrMs = end - (pageMarks[0]?.t ?? end);
  allPages += pageMarks.length;
  allOcrMs += ocrMs;
  console.log(`${basename(f)}\t${pages}\t${((pageMarks[0]?.t ?? end) - t0).toFixed(0)}\t${(ocrMs / Math.max(1, pageMarks.length)).toFixed(0)}\t${(end - t0).toFixed(0)}`);
  await page.click("#back").catch(() => {});
}
console.log(`# ${allPages} pages, ${(allOcrMs / Math.max(1, allPages)).toFixed(0)} ms a page (wall, page prepared + recognised + the letter parsed)`);
if (app.problems.length) console.error("problems:", app.problems);
await app.close();
process.exit(app.problems.length ? 1 : 0);
