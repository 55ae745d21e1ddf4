#!/usr/bin/env node
// Measures the web app in Debian's Chromium (headless) on localhost, from the release build
// in dist/: time to interactive, and the time to parse the 150 corpus letters and the 12 PDFs
// in the page (wall time from handing the files in to the last result, recorded by the page
// on <body data-last-batch-ms>). Prints a Markdown table for BENCHMARKS.md.
// Usage: node scripts/bench-web.mjs [runs]
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { openApp, waitForBatch, CORPUS } from "../tests/e2e/harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const pdfs = (await readdir(join(REAL, "pdf"))).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(REAL, "pdf", f));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function batch(page, files) {
  await page.evaluate(() => document.body.removeAttribute("data-last-batch-ms"));
  await page.click("#clear-all").catch(() => {});
  await page.setInputFiles("#pick-files", files);
  await waitForBatch(page, files.length);
  await page.waitForFunction(() => document.body.dataset.lastBatchMs !== undefined);
  return Number(await page.evaluate(() => document.body.dataset.lastBatchMs));
}

const tti = [], fcp = [], txt = [], pdf = [];
for (let i = 0; i < runs; i++) {
  const app = await openApp({ navigate: false }); // fresh profile: a first visit, no cache, no service worker
  const { page } = app;
  // Time to interactive: navigation start to the moment the app's controls exist (Yew has
  // rendered and the wasm is running), observed by a MutationObserver set before any script.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.getElementById("paste-box")) { window.__tti = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(app.url);
  await page.waitForFunction(() => window.__tti !== undefined);
  tti.push(await page.evaluate(() => window.__tti));
  fcp.push(await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN));
  txt.push(await batch(page, txts));
  pdf.push(await batch(page, pdfs));
  if (app.problems.length) console.error("problems:", app.problems);
  await app.close();
}
const f = (xs) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`| measure (median of ${runs} runs, fresh profile each) | value |`);
console.log("|---|---|");
console.log(`| time to interactive (navigation start to controls rendered) | ${f(tti)} |`);
console.log(`| first contentful paint | ${f(fcp)} |`);
console.log(`| parse the 150 corpus letters (.txt) in the page | ${f(txt)} |`);
console.log(`| parse the 12 real PDFs in the page | ${f(pdf)} |`);
console.log(`| per letter: .txt / PDF | ${(median(txt) / txts.length).toFixed(1)} ms / ${(median(pdf) / pdfs.length).toFixed(1)} ms |`);
