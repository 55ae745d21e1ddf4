// A cut letter (a PDF without its last page): the banner in the letter, the mark in both
// tables, the warnings filter that keeps it and drops a complete letter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openApp, text, cliParse, waitForBatch, allRows, CORPUS, OUT } from "./harness.mjs";

const CUT = join(CORPUS, "made/cut/format1_CM16-0247287.without-last-page.pdf");
const WHOLE = join(CORPUS, "real/pdf/format1_CM16-0237844.pdf");

/** Rows of a (windowed) table: all of them, not only those rendered. */
const rowCount = async (page, table) => Number(await page.locator(`#${table}`).getAttribute("aria-rowcount")) - 1;

const OUTCOME = { upheld: "Upheld", overturned: "Overturned", partially_overturned: "Partially overturned" };

test("a cut letter is shown as incomplete and found by the warnings filter", async () => {
  const [cut, whole] = await cliParse([CUT, WHOLE]);
  assert.ok(cut.warnings.some((w) => w.code === "truncated"), "the reader flags the cut letter");
  assert.ok(!whole.warnings.some((w) => w.code === "truncated"));
  // The cut letter's outcome: unknown, or settled by its items; the table says so plainly.
  const cutOutcome = cut.outcome === null ? "Incomplete" : `${OUTCOME[cut.outcome]} incomplete`;

  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", [CUT, WHOLE]);
    await waitForBatch(page, 2);
    assert.equal(await rowCount(page, "letters-table"), 2);
    const cases = await allRows(page, "letters-table", "td:nth-child(2)");
    assert.deepEqual(cases, [cut.case_number, whole.case_number]);
    const outcomes = await allRows(page, "letters-table", "td:nth-child(6)");
    assert.deepEqual(outcomes.map((t) => t.trim()), [cutOutcome, OUTCOME[whole.outcome]]);
    assert.equal(await page.locator("#letters-table .cut-mark, #letters-table .badge.cut").count(), 1);
    await page.screenshot({ path: join(OUT, "cut-letters-table.png") });

    // The Items view: every item of the cut letter is marked, none of the complete one.
    await page.click("#tab-items");
    await page.waitForSelector("#items-table");
    assert.equal(await rowCount(page, "items-table"), cut.items.length + whole.items.length);
    const itemCases = await allRows(page, "items-table", "td:nth-child(1)");
    assert.deepEqual(
      itemCases.map((t) => t.trim()),
      [
        ...cut.items.map(() => `${cut.case_number} incomplete`),
        ...whole.items.map(() => whole.case_number),
      ],
    );

    // The warnings filter: cut letters only, then letters with any warning, then any.
    await page.click("#tab-letters");
    await page.selectOption("#f-warnings", "cut");
    await page.waitForFunction(() => document.querySelector("#total-letters")?.textContent === "1");
    assert.deepEqual(await allRows(page, "letters-table", "td:nth-child(2)"), [cut.case_number]);
    assert.equal(await text(page, "#total-items"), String(cut.items.length));
    await page.selectOption("#f-warnings", "with_warnings");
    const warned = [cut, whole].filter((l) => l.warnings.length > 0);
    await page.waitForFunction((n) => document.querySelector("#total-letters")?.textContent === String(n), warned.length);
    assert.deepEqual(await allRows(page, "letters-table", "td:nth-child(2)"), warned.map((l) => l.case_number));
    await page.selectOption("#f-warnings", "");
    await page.waitForFunction(() => document.querySelector("#total-letters")?.textContent === "2");

    // The cut letter says so at its top; the complete one does not.
    await page.click("#letters-table-row-0 td.file");
    await page.waitForSelector("#cut-banner");
    assert.equal(await page.locator("#cut-banner").getAttribute("role"), "alert");
    assert.ok(
      (await text(page, "#cut-banner")).startsWith("This letter is incomplete: the text stops before the letter ends"),
      await text(page, "#cut-banner"),
    );
    assert.equal(await text(page, "#v-case"), cut.case_number);
    assert.equal(await text(page, "#v-outcome"), cutOutcome);
    assert.ok(await page.locator('#warnings li[data-code="truncated"]').count() >= 1);
    await page.screenshot({ path: join(OUT, "cut-letter.png") });
    await page.click("#next-letter");
    await page.waitForFunction((c) => document.querySelector("#v-case")?.innerText.trim() === c, whole.case_number);
    assert.equal(await page.locator("#cut-banner").count(), 0);
    assert.equal(await text(page, "#v-outcome"), OUTCOME[whole.outcome]);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
