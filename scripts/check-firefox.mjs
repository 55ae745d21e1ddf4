#!/usr/bin/env node
// The single-file edition in Firefox (Debian's firefox-esr), driven by puppeteer-core over
// WebDriver BiDi, which Firefox speaks without geckodriver. Run by hand (not part of
// scripts/test.sh: CI has no Firefox); it asserts what tests/e2e/single-file.test.mjs asserts in
// Chromium and leaves a screenshot in tests/e2e/out/single-file-firefox.png.
//
//   apt-get install firefox-esr
//   npm install --prefix /tmp/puppeteer puppeteer-core      # no browser download
//   cargo build -p imr-cli && scripts/build-web.sh
//   PUPPETEER_CORE=/tmp/puppeteer/node_modules/puppeteer-core node scripts/check-firefox.mjs
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CORPUS, DIST, OUT, cliParse } from "../tests/e2e/harness.mjs";

const require = createRequire(import.meta.url);
const puppeteer = require(process.env.PUPPETEER_CORE ?? "puppeteer-core");
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const pdfs = (await readdir(join(REAL, "pdf"))).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(REAL, "pdf", f));
const FILES = [...txts, ...pdfs];

const dir = await mkdtemp(join(tmpdir(), "imr-single-ff-"));
const downloads = await mkdtemp(join(tmpdir(), "imr-dl-ff-"));
await copyFile(join(DIST, "imr-reader.html"), join(dir, "imr-reader.html"));
await mkdir(OUT, { recursive: true });
const pageUrl = pathToFileURL(join(dir, "imr-reader.html")).href;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: FIREFOX,
  headless: true,
  defaultViewport: null, // Firefox ESR 140 lacks the BiDi command puppeteer sets it with
  args: ["--width=1440", "--height=900"],
  extraPrefsFirefox: {
    "browser.download.dir": downloads,
    "browser.download.folderList": 2,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
    "browser.helperApps.neverAsk.saveToDisk": "application/json,text/csv",
    "network.offline-mirrors-connectivity": false,
  },
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (u !== pageUrl && !u.startsWith("blob:") && !u.startsWith("data:")) problems.push(`request: ${u}`);
  });
  await page.goto(pageUrl);
  await page.waitForSelector("#paste-box");
  const ua = await page.evaluate(() => navigator.userAgent);
  // Polled from here: puppeteer's waitForFunction compiles code in the page, which the CSP forbids.
  const waitIdle = async (n) => {
    for (let i = 0; i < 1200; i++) {
      const idle = await page.evaluate((n) => {
        const el = document.querySelector("#progress-text");
        return !!el && el.dataset.entries === String(n) && el.dataset.pending === "0";
      }, n);
      if (idle) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`not idle with ${n} entries`);
  };

  // A batch: the 150 letters and the 12 PDFs.
  // The CLI names a file by the path it was given, the page by the file's own name.
  const expected = (await cliParse(FILES)).map((l) =>
    l.source?.name ? { ...l, source: { ...l.source, name: basename(l.source.name) } } : l);
  const input = await page.$("#pick-files");
  await input.uploadFile(...FILES);
  await waitIdle(FILES.length);
  assert.equal(await page.$("#failed-count"), null, "no file failed");
  // The table draws only the rows in view; it counts every row (the header row is one).
  assert.equal(await page.$eval("#letters-table", (t) => Number(t.getAttribute("aria-rowcount")) - 1), FILES.length);
  assert.equal(await page.$eval("#total-letters", (e) => e.textContent.trim()), String(FILES.length));

  // Export JSON: the download lands in `downloads`.
  await page.click("#export-json");
  let json;
  for (let i = 0; i < 100 && !json; i++) {
    await new Promise((ok) => setTimeout(ok, 100));
    const done = (await readdir(downloads)).find((f) => f.endsWith(".json"));
    if (done) json = JSON.parse(await readFile(join(downloads, done), "utf8"));
  }
  assert.ok(json, "the JSON export was downloaded");
  assert.equal(json.length, expected.length);
  json.forEach((l, i) => assert.deepEqual(l, expected[i], FILES[i]));

  // A filter, a pasted letter, a dropped PDF, a sample.
  await page.select("#f-outcome", "overturned");
  const over = expected.filter((l) => l.outcome === "overturned").length;
  assert.equal(await page.$eval("#total-letters", (e) => e.textContent.trim()), String(over));
  await page.select("#f-outcome", "");
  let entries = FILES.length;
  await page.$eval("#paste-box", (e, t) => { e.value = t; }, await readFile(txts[0], "utf8"));
  await page.click("#read-paste");
  await waitIdle(++entries);
  const pdf = (await readFile(pdfs[0])).toString("base64");
  await page.evaluate((pdf) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0))], "dropped.bin"));
    const target = document.querySelector(".page");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, pdf);
  await waitIdle(++entries);
  // (Not a folder: Firefox's WebDriver BiDi cannot hand a directory to an input.)
  const buttons = await page.$$("button");
  for (const b of buttons) {
    if ((await b.evaluate((e) => e.textContent)).includes("2016 letter")) { await b.click(); break; }
  }
  await waitIdle(++entries);
  assert.equal(await page.$eval("#total-letters", (e) => e.textContent.trim()), String(entries));
  assert.equal(await page.$("#failed-count"), null, "no file failed");

  // Nothing can leave.
  const fetched = await page.evaluate(() => fetch("http://127.0.0.2:9/").then(() => true, () => false));
  assert.equal(fetched, false);
  await page.screenshot({ path: join(OUT, "single-file-firefox.png") });
  const other = problems.filter((p) => !/Content[- ]Security[- ]Policy|Content-Security-Policy/i.test(p));
  assert.deepEqual(other, []);
  console.log(`Firefox (${ua}): the single file read ${entries} letters from file://; export equal to the CLI; no request left.`);
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
  await rm(downloads, { recursive: true, force: true });
}
