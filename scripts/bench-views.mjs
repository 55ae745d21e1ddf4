#!/usr/bin/env node
// Measures the views with big batches in Debian's Chromium (headless), from the release build in
// dist/: the 150 corpus letters and the 12 PDFs are read in the page, then copied in the page by
// the `?test-hooks` "repeat" hook (deep copies, as if each file were read again) up to 1,000 and
// 10,000 letters. At each size: the page's memory (JS heap after a garbage collection, through
// the DevTools protocol; the page's wasm linear memory; the parsing workers are not counted), and
// the time each action takes to show its result (from the event to the next frame painted,
// measured in the page): switching views, sorting, a filter change, a search keystroke (the
// box's echo; the filter follows once typing pauses: applying it is timed apart, by Enter),
// scrolling far, opening a letter (its values, then its text, which is read back from the
// Blob the page keeps it in), drawing Insights, searching the letters' text too. Prints
// Markdown tables for BENCHMARKS.md.
// Usage: node scripts/bench-views.mjs [runs]
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { openApp, waitForBatch, CORPUS } from "../tests/e2e/harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const pdfs = (await readdir(join(REAL, "pdf"))).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(REAL, "pdf", f));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const app = await openApp({ navigate: false });
const { page } = app;
// Keeps the page's wasm exports (Trunk announces them) to read the size of its linear memory.
await page.addInitScript(() => {
  addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail?.wasm; });
});
await page.goto(`${app.url}?test-hooks`);
await page.waitForSelector("#paste-box");
await page.setInputFiles("#pick-files", [...txts, ...pdfs]);
await waitForBatch(page, txts.length + pdfs.length, 300_000);
const cdp = await page.context().newCDPSession(page);

async function memory() {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? NaN);
  return { js: usedSize, wasm };
}

async function grow(n) {
  await page.evaluate((n) => document.dispatchEvent(new CustomEvent("imr-test", { detail: `repeat ${n}` })), n);
  await page.waitForFunction((n) => Number(document.querySelector("#total-letters")?.textContent) >= n, n, { timeout: 600_000 });
  return Number(await page.textContent("#total-letters"));
}

/** Runs `act` (JS statements, in the page) and waits for `ready` and the next frame: ms. (One
 * expression evaluated through the DevTools protocol: the page's CSP refuses `new Function`.) */
async function timed(act, ready) {
  return await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    ${act};
    while (!(${ready})) {
      if (performance.now() - t0 > 60000) throw new Error(${JSON.stringify("never ready: " + ready)});
      await new Promise((r) => setTimeout(r, 0));
    }
    await frame();
    return performance.now() - t0;
  })()`);
}

const q = (s) => `document.querySelector(${JSON.stringify(s)})`;
const change = (sel, v) => `{ const s = ${q(sel)}; s.value = ${JSON.stringify(v)}; s.dispatchEvent(new Event("change", { bubbles: true })); }`;
const type = (v) => `{ const s = ${q("#f-search")}; s.value = ${JSON.stringify(v)}; s.dispatchEvent(new InputEvent("input", { bubbles: true })); }`;
const enter = `${q("#f-search")}.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }))`;
const total = (n) => `${q("#total-letters")}.textContent === ${JSON.stringify(String(n))}`;

async function measure(n) {
  const t = {};
  const add = (k, v) => { if (process.env.BENCH_TRACE) console.error(n, k, v.toFixed(1)); (t[k] ??= []).push(v); };
  for (let r = 0; r < runs; r++) {
    add("switch to Insights (every chart drawn)", await timed(`${q("#tab-insights")}.click()`, `${q("#chart-by-month-svg")}`));
    add("switch to Items", await timed(`${q("#tab-items")}.click()`, `${q("#items-table")}`));
    add("switch to Letters", await timed(`${q("#tab-letters")}.click()`, `${q("#letters-table")}`));
    add("sort Letters by case number", await timed(`${q("#letters-table th:nth-child(2) button")}.click()`, `${q("#letters-table th:nth-child(2)")}.getAttribute("aria-sort") !== "none"`));
    add("filter change (outcome: overturned)", await timed(change("#f-outcome", "overturned"), `!(${total(n)})`));
    add("filter change (outcome: any)", await timed(change("#f-outcome", ""), total(n)));
    add("search keystroke (box echo)", await timed(type("p"), `${q("#f-search")}.value === "p"`));
    add("search applied (\"physical\", Enter)", await timed(`${type("physical")}; ${enter}`, `!(${total(n)})`));
    add("search cleared", await timed(`${type("")}; ${enter}`, total(n)));
    // The letters' text too (summaries and rationales, searched in place).
    await page.check("#f-search-text");
    add("search the letters' text too (\"opioid\", Enter)", await timed(`${type("opioid")}; ${enter}`, `!(${total(n)})`));
    add("search the letters' text too, cleared", await timed(`${type("")}; ${enter}`, total(n)));
    await page.uncheck("#f-search-text");
    add("scroll Letters to the middle", await timed(
      `${q("#letters-table")}.closest(".table-scroll").scrollTop = ${Math.floor(n / 2) * 36}`,
      `${q(`#letters-table-row-${Math.floor(n / 2)}`)}`));
    const [values, text] = await page.evaluate(`(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      ${q(`#letters-table-row-${Math.floor(n / 2)} td.file`)}.click();
      let values = null;
      while (!${q("#source-text")}) {
        if (values === null && ${q(".letter #v-case")}) { await frame(); values = performance.now() - t0; }
        if (performance.now() - t0 > 60000) throw new Error("the letter never opened");
        await new Promise((r) => setTimeout(r, 0));
      }
      await frame();
      const text = performance.now() - t0;
      return [values ?? text, text];
    })()`);
    add("open a letter (its values)", values);
    add("open a letter (its text too)", text);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#letters-table");
    // Back to the batch's order for the next run.
    await page.evaluate(() => document.querySelector("#letters-table").closest(".table-scroll").scrollTop = 0);
    while ((await page.getAttribute("#letters-table th:nth-child(2)", "aria-sort")) !== "none") {
      await page.click("#letters-table th:nth-child(1) button");
      if ((await page.getAttribute("#letters-table th:nth-child(1)", "aria-sort")) === "ascending") break;
    }
  }
  return t;
}

const sizes = [];
for (const target of (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number)) {
  const n = await grow(target);
  const items = Number(await page.textContent("#total-items"));
  const mem = await memory();
  const times = await measure(n);
  // Linear memory never shrinks: what the actions needed at their peak shows here.
  const after = await memory();
  sizes.push({ n, items, mem, after, times });
}
if (app.problems.length) console.error("problems:", app.problems);
await app.close();

const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
console.log("| letters (items) | JS heap (after GC) | wasm memory | wasm memory after the actions |");
console.log("|---|---|---|---|");
for (const s of sizes) console.log(`| ${s.n} (${s.items}) | ${mb(s.mem.js)} | ${mb(s.mem.wasm)} | ${mb(s.after.wasm)} |`);
console.log("");
console.log(`| action (median of ${runs}, ms to the next frame) | ${sizes.map((s) => `${s.n} letters`).join(" | ")} |`);
console.log(`|---|${sizes.map(() => "---").join("|")}|`);
for (const k of Object.keys(sizes[0].times)) {
  const cells = sizes.map((s) => `${median(s.times[k]).toFixed(0)} (max ${Math.max(...s.times[k]).toFixed(0)})`);
  console.log(`| ${k} | ${cells.join(" | ")} |`);
}
