#!/usr/bin/env node
// Measures the web app in Debian's Chromium (headless) on localhost, from the release build
// in dist/: time to interactive, and the time to parse the 150 corpus letters and the 12 PDFs
// in the page (wall time from handing the files in to the last result, recorded by the page
// on <body data-last-batch-ms>); then 1,200 PDFs (the 12 repeated) with one worker
// (`?workers=N`) and with the default pool (the machine's cores). Prints Markdown tables for
// BENCHMARKS.md.
// Usage: node scripts/bench-web.mjs [runs] [pool-runs]
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp, waitForBatch, CORPUS } from "../tests/e2e/harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const poolRuns = Number(process.argv[3] ?? 3);
const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const pdfs = (await readdir(join(REAL, "pdf"))).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(REAL, "pdf", f));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function batch(page, files, timeout) {
  await page.evaluate(() => document.body.removeAttribute("data-last-batch-ms"));
  await page.click("#clear-all").catch(() => {});
  await page.setInputFiles("#pick-files", files);
  await waitForBatch(page, files.length, timeout);
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
    // Paint entries are not always kept in the timeline of a headless page: observe them.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__fcp = e.startTime;
    }).observe({ type: "paint", buffered: true });
    new MutationObserver((_, obs) => {
      if (document.getElementById("paste-box")) { window.__tti = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(app.url);
  await page.waitForFunction(() => window.__tti !== undefined);
  tti.push(await page.evaluate(() => window.__tti));
  await page.waitForFunction(() => window.__fcp !== undefined, null, { timeout: 5_000 }).catch(() => {});
  fcp.push(await page.evaluate(() => window.__fcp ?? performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN));
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

// The pool: 1,200 PDFs (100 copies of the 12, each under its own name), one worker against all.
const many = await mkdtemp(join(tmpdir(), "imr-bench-"));
const manyFiles = [];
for (let i = 0; i < 100; i++) {
  const dir = join(many, String(i).padStart(3, "0"));
  await mkdir(dir);
  for (const p of pdfs) {
    const to = join(dir, p.split("/").pop());
    await copyFile(p, to);
    manyFiles.push(to);
  }
}
const pool = { 1: [], all: [] };
let cores = 0, workers = 0;
for (let i = 0; i < poolRuns; i++) {
  for (const mode of ["1", "all"]) {
    const app = await openApp({ navigate: false });
    const { page } = app;
    await page.goto(mode === "1" ? `${app.url}?workers=1&test-hooks` : `${app.url}?test-hooks`);
    await page.waitForSelector("#paste-box");
    const ms = await batch(page, manyFiles, 600_000);
    if (mode === "all") {
      cores = await page.evaluate(() => navigator.hardwareConcurrency);
      workers = Number(await page.evaluate(() => document.body.dataset.testWorkers));
    }
    pool[mode].push(ms);
    if (app.problems.length) console.error("problems:", app.problems);
    await app.close();
  }
}
await rm(many, { recursive: true, force: true });
const m1 = median(pool[1]), mAll = median(pool.all);
console.log("");
console.log(`| 1,200 PDFs in the page (median of ${poolRuns} runs) | wall time | PDFs/s |`);
console.log("|---|---|---|");
console.log(`| 1 worker (\`?workers=1\`) | ${f(pool[1])} | ${(1200_000 / m1).toFixed(0)} |`);
console.log(`| ${workers} workers (${cores} cores) | ${f(pool.all)} | ${(1200_000 / mAll).toFixed(0)} |`);
console.log(`| speed-up | ${(m1 / mAll).toFixed(2)}x on ${cores} cores | |`);
