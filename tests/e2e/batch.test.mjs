// Many letters: the 150 corpus letters and the 12 PDFs picked at once; totals, filters,
// sorting, the item view, exports equal to the native CLI's, drop, clear.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { execFileSync } from "node:child_process";
import { openApp, text, cliParse, waitForBatch, CORPUS, OUT, ROOT } from "./harness.mjs";
import { resolve } from "node:path";

const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const pdfs = (await readdir(join(REAL, "pdf"))).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(REAL, "pdf", f));
const FILES = [...txts, ...pdfs];

/** The CLI's letters as the page gives them: the CLI names a file by the path it was given, the
 * page by the file's own name (a browser never sees paths). */
const asInPage = (letters) =>
  letters.map((l) => (l.source?.name ? { ...l, source: { ...l.source, name: basename(l.source.name) } } : l));

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: dl.suggestedFilename(), body: await readFile(await dl.path(), "utf8") };
}

test("150 letters and 12 PDFs: counts, totals, filters, exports equal to the CLI", async () => {
  assert.equal(txts.length, 150);
  assert.equal(pdfs.length, 12);
  const expected = asInPage(await cliParse(FILES));
  assert.equal(expected.length, FILES.length);
  const items = expected.flatMap((l) => l.items);
  const overturned = items.filter((i) => i.decision === "overturned").length;

  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", FILES);
    await waitForBatch(page, FILES.length);
    assert.equal(await page.locator("#failed-count").count(), 0, "no file failed");
    assert.equal(await page.locator("#letters-table tbody tr").count(), FILES.length);
    assert.equal(await text(page, "#total-letters"), String(FILES.length));
    assert.equal(await text(page, "#total-items"), String(items.length));
    assert.equal(await text(page, "#total-overturned"), String(overturned));
    const tenths = Math.floor((overturned * 2000 + items.length) / (items.length * 2));
    assert.equal(await text(page, "#total-rate"), `${Math.floor(tenths / 10)}.${tenths % 10}%`);
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, expected.map((l) => l.case_number ?? "(no case number)"));
    await page.screenshot({ path: join(OUT, "letters-table.png") });

    // Export JSON: exactly what the native parser gives for the same files (wasm == native).
    const json = await download(page, "#export-json");
    assert.equal(json.name, "imr-letters.json");
    const exported = JSON.parse(json.body);
    assert.equal(exported.length, expected.length);
    // Letter by letter, so that a difference names its file.
    exported.forEach((l, i) => assert.deepEqual(l, expected[i], FILES[i]));
    // Export CSV: the CLI's CSV, byte for byte.
    const csv = await download(page, "#export-csv");
    const cliCsv = execFileSync(
      process.env.IMR_BIN ?? resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target", "debug/imr"),
      ["parse", "--format", "csv", ...FILES],
      { maxBuffer: 1 << 28 },
    ).toString("utf8");
    assert.equal(csv.body, cliCsv);

    // Filter by outcome: the totals follow.
    await page.selectOption("#f-outcome", "overturned");
    const over = expected.filter((l) => l.outcome === "overturned");
    assert.equal(await text(page, "#total-letters"), String(over.length));
    assert.equal(await page.locator("#letters-table tbody tr").count(), over.length);
    const filtered = await download(page, "#export-json");
    assert.deepEqual(JSON.parse(filtered.body), over);
    await page.selectOption("#f-outcome", "");

    // Filter by guideline source on the item view.
    await page.click("#tab-items");
    assert.equal(await page.locator("#items-table tbody tr").count(), items.length);
    await page.selectOption("#f-source", "none");
    const none = items.filter((i) => i.citations.length === 0).length;
    assert.equal(await text(page, "#total-items"), String(none));
    assert.equal(await page.locator("#items-table tbody tr").count(), none);
    await page.selectOption("#f-source", "");
    await page.selectOption("#f-decision", "overturned");
    assert.equal(await page.locator("#items-table tbody tr").count(), overturned);
    assert.equal(await text(page, "#total-rate"), overturned ? "100.0%" : "-");
    await page.screenshot({ path: join(OUT, "items-table.png") });
    await page.selectOption("#f-decision", "");

    // Search text and specialty.
    await page.fill("#f-search", "CM16-0237844");
    const same = expected.filter((l) => l.case_number === "CM16-0237844").length; // its .txt and its .pdf
    assert.equal(same, 2);
    assert.equal(await text(page, "#total-letters"), String(same));
    await page.fill("#f-search", "");
    const spec = "Anesthesiology";
    await page.selectOption("#f-specialty", spec);
    const withSpec = expected.filter((l) => l.reviewer.specialties.includes(spec)).length;
    assert.equal(await text(page, "#total-letters"), String(withSpec));
    await page.selectOption("#f-specialty", "");

    // Sort the letters by item count, descending, by keyboard.
    await page.click("#tab-letters");
    await page.focus("#letters-table th:nth-child(5) button");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    const counts = (await page.locator("#letters-table tbody td:nth-child(5)").allInnerTexts()).map(Number);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    assert.equal(counts[0], Math.max(...expected.map((l) => l.items.length)));

    // Clicking a row opens that letter.
    await page.click("#letters-table tbody tr:first-child td:nth-child(1)");
    await page.waitForSelector("#decisions, .letter");
    assert.equal(await page.locator(".letter").count(), 1);
    await page.click("#back");
    // By keyboard: Enter on a case opens it, Escape goes back.
    await page.focus("#letters-table tbody tr:first-child button.case");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".letter");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#letters-table");

    await page.click("#clear-all");
    assert.equal(await page.locator("#letters-table").count(), 0);
    assert.equal(await page.locator(".toolbar").count(), 0);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("files dropped anywhere on the page are read; a bad file shows its reason", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    const a = await readFile(txts[0], "utf8");
    const pdf = (await readFile(pdfs[0])).toString("base64");
    const dt = await page.evaluateHandle(
      ({ a, pdf }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a], "a.txt", { type: "text/plain" }));
        const bytes = Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], "letter.bin")); // recognised by content, not by name
        dt.items.add(new File([new Uint8Array([37, 80, 68, 70, 45, 49, 46, 52, 10, 0, 1, 2])], "broken.pdf"));
        return dt;
      },
      { a, pdf },
    );
    await page.dispatchEvent(".page", "dragover", { dataTransfer: dt });
    await page.dispatchEvent(".page", "drop", { dataTransfer: dt });
    await waitForBatch(page, 3);
    const expected = await cliParse([txts[0], pdfs[0]]);
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, expected.map((l) => l.case_number));
    assert.equal(await text(page, "#failed-count"), "1 file(s) not read");
    const failed = await text(page, ".file-list li.failed");
    assert.ok(failed.startsWith("broken.pdf: "), failed);
    assert.ok(failed.length > "broken.pdf: ".length + 10, "a reason is given");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("a whole folder picked is read, its files named by their path", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-folder", join(REAL, "pdf"));
    await waitForBatch(page, pdfs.length);
    const expected = await cliParse(pdfs);
    const names = await page.locator("#letters-table tbody td.file").allInnerTexts();
    assert.deepEqual(names.sort(), pdfs.map((p) => "pdf/" + p.split("/").pop()).sort());
    const cases = (await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts()).sort();
    assert.deepEqual(cases, expected.map((l) => l.case_number).sort());
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
