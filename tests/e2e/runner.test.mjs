// The parsing workers as the page runs them: the pool, cancel, a worker that dies, the
// watchdog, the progress bar and its summary. Timing is driven through the page's test hooks
// (`?test-hooks`, see src/runner.rs): answers held back until released, the scheduler's clock
// moved on. No test waits for the machine to be fast or slow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { openApp, text, waitForIdle, waitForBatch, cliParse, allRows, CORPUS } from "./harness.mjs";

const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const pdfs = (await readdir(join(REAL, "pdf"))).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(REAL, "pdf", f));
const GOOD = await readFile(join(REAL, "format1_CM16-0237844.txt"), "utf8");

/** Opens the app with URL parameters (e.g. "workers=1&test-hooks"). */
async function open(params, options = {}) {
  const app = await openApp({ ...options, navigate: false });
  await app.page.goto(`${app.url}?${params}`);
  await app.page.waitForSelector("#paste-box");
  return app;
}

/** Sends a test hook command to the page's runner. */
const hook = (page, detail) =>
  page.evaluate((d) => document.dispatchEvent(new CustomEvent("imr-test", { detail: d })), detail);

/** Waits until `<body data-test-NAME>` is `value`. */
const bodyData = (page, name, value) =>
  page.waitForFunction(([n, v]) => document.body.dataset[n] === v, [name, String(value)]);

async function paste(page, t) {
  await page.fill("#paste-box", t);
  await page.click("#read-paste");
}

test("Cancel while files are known to be in flight: what was read stays, the rest is cancelled", async () => {
  const app = await open("workers=1&test-hooks");
  try {
    const { page } = app;
    await hook(page, "hold");
    await page.setInputFiles("#pick-files", txts);
    // The one worker has its window (4 files) and has answered them; the answers are held.
    await bodyData(page, "testHeld", 4);
    await bodyData(page, "testInFlight", 4);
    await hook(page, "release 2");
    await page.waitForFunction(() => document.querySelector("#progress-text")?.dataset.done === "2");
    await bodyData(page, "testHeld", 4); // the window is full again, its answers held
    await page.click("#cancel");
    await page.waitForFunction(() => !document.querySelector("#cancel"));
    const cancelled = txts.length - 2;
    assert.equal(await text(page, "#failed-count"), `${cancelled} file(s) not read`);
    assert.equal(await page.locator(".file-list li.cancelled").count(), cancelled);
    assert.equal(await page.locator("#letters-table tbody tr").count(), 2);
    const expected = await cliParse(txts.slice(0, 2));
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, expected.map((l) => l.case_number));
    assert.match(await text(page, "#progress-text"), new RegExp(`^2 read, ${cancelled} cancelled, in \\d`));
    await bodyData(page, "testInFlight", 0);
    // The page goes on: a new file is read after a cancel, by a new worker.
    await hook(page, "flow");
    await page.click("button:has-text('2016 letter')");
    await waitForIdle(page, txts.length + 1);
    assert.equal(await page.locator("#letters-table tbody tr").count(), 3);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

// The parsing worker's loader with a trap on demand: a text containing TRAP-NOW makes the
// worker throw a WebAssembly.RuntimeError from its message handler, as a wasm panic does.
// Its listener comes before the worker's own and hides the message from it.
const trappingLoader = (action) => `
importScripts("./imr-worker.js");
self.addEventListener("message", (e) => {
  if (typeof e.data?.text === "string" && e.data.text.includes("TRAP-NOW")) {
    e.stopImmediatePropagation();
    ${action}
  }
});
wasm_bindgen({ module_or_path: "./imr-worker_bg.wasm" });`;
const TRAPPING_LOADER = trappingLoader('throw new WebAssembly.RuntimeError("unreachable");');
const HANGING_LOADER = trappingLoader("for (;;) {}");

test("when a worker dies on a file, only that file fails and the others are read", async () => {
  const app = await open("test-hooks", { overrides: { "/imr-worker_loader.js": TRAPPING_LOADER } });
  try {
    const { page } = app;
    await paste(page, GOOD);
    await waitForIdle(page, 1);
    await paste(page, "TRAP-NOW");
    await paste(page, GOOD.replace("CM16-0237844", "CM16-0237845"));
    await waitForIdle(page, 3);
    assert.equal(await text(page, "#failed-count"), "1 file(s) not read");
    assert.equal(
      await text(page, ".file-list li.failed"),
      "Pasted text 2: The parser stopped on this file; it was restarted for the others.",
    );
    assert.equal(await page.getAttribute(".file-list li.failed", "data-code"), "parser-crashed");
    await page.click("#back").catch(() => {});
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, ["CM16-0237844", "CM16-0237845"]);
    assert.deepEqual(app.problems.filter((p) => !p.includes("unreachable")), []);
  } finally {
    await app.close();
  }
});

test("a file that keeps its worker past 30 s is stopped; the others are read", async () => {
  const app = await open("workers=1&test-hooks", { overrides: { "/imr-worker_loader.js": HANGING_LOADER } });
  try {
    const { page } = app;
    await paste(page, GOOD);
    await waitForIdle(page, 1);
    await paste(page, "TRAP-NOW"); // the worker hangs on it for real
    await paste(page, GOOD.replace("CM16-0237844", "CM16-0237845"));
    await bodyData(page, "testInFlight", 2); // both sent to the one worker, which hangs
    await hook(page, "advance 31000"); // the scheduler's clock: 31 s later

    await waitForIdle(page, 3);
    assert.equal(await text(page, "#failed-count"), "1 file(s) not read");
    assert.match(await text(page, ".file-list li.failed"), /^Pasted text 2: Reading this file took longer than 30 seconds/);
    await page.click("#back").catch(() => {});
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, ["CM16-0237844", "CM16-0237845"]);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("a pool of workers reads a batch in the order given", async () => {
  const app = await open("workers=3&test-hooks");
  try {
    const { page } = app;
    await hook(page, "hold");
    const files = [...pdfs, ...txts.slice(0, 24)];
    await page.setInputFiles("#pick-files", files);
    // 36 files, 4 a worker: the whole pool, each with a full window.
    await bodyData(page, "testWorkers", 3);
    await bodyData(page, "testHeld", 12);
    await hook(page, "flow");
    await waitForBatch(page, files.length);
    const expected = await cliParse(files);
    const cases = await allRows(page, "letters-table", "td:nth-child(2)");
    assert.deepEqual(cases, expected.map((l) => l.case_number));
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("the progress bar shows files per second and time left, then a summary to dismiss", async () => {
  const app = await open("workers=1&test-hooks");
  try {
    const { page } = app;
    await hook(page, "hold");
    const files = txts.slice(0, 60);
    await page.setInputFiles("#pick-files", files);
    await bodyData(page, "testHeld", 4);
    assert.equal(await text(page, "#progress-text"), "Reading 0 / 60");
    await page.waitForTimeout(1100); // the rate is shown after a second (waiting longer is fine)
    await hook(page, "release 4");
    await page.waitForFunction(() => document.querySelector("#progress-text")?.dataset.done === "4");
    assert.match(await text(page, "#progress-text"), /^Reading 4 \/ 60 · [\d.]+ files\/s · about .+ left$/);
    await hook(page, "flow");
    await waitForBatch(page, files.length);
    assert.match(await text(page, "#progress-text"), /^60 read, in [\d.]+ s$|^60 read, in \d+ min \d+ s$/);
    assert.equal(await page.locator("#cancel").count(), 0);
    await page.click("#dismiss-summary");
    assert.equal(await page.locator(".progress").count(), 0);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
