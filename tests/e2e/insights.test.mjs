// Insights on the 150 text letters of the corpus: every number equal to an independent count
// over the native CLI's JSON; the charts follow the filters; a treatment type's name filters
// the Items view; the Category column and filter of the Items table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { openApp, text, cliParse, waitForIdle, allRows, CORPUS, OUT } from "./harness.mjs";

const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));

/** `a / b` as the page writes it: tenths of a percent, rounded half up. */
const pct = (a, b) => {
  if (b === 0) return "-";
  const t = Math.floor((a * 2000 + b) / (b * 2));
  return `${Math.floor(t / 10)}.${t % 10}%`;
};

/** Counts per key: items, decided, overturned. */
function tally(items, keysOf) {
  const m = new Map();
  for (const i of items) {
    for (const k of new Set(keysOf(i))) {
      const t = m.get(k) ?? { items: 0, decided: 0, overturned: 0 };
      t.items += 1;
      t.decided += i.decision ? 1 : 0;
      t.overturned += i.decision === "overturned" ? 1 : 0;
      m.set(k, t);
    }
  }
  return m;
}

/** A chart's rows as { key: [items cell, rate cell] } (the cells' text). */
async function chartRows(page, id) {
  return await page.evaluate((id) => {
    const out = {};
    for (const tr of document.querySelectorAll(`#${id} tbody tr`)) {
      const rate = tr.querySelector("td.rate");
      out[tr.dataset.key] = [tr.querySelector("td.items").innerText.trim(), ...(rate ? [rate.innerText.trim()] : [])];
    }
    return out;
  }, id);
}

function expectRows(m, base) {
  const out = {};
  for (const [k, t] of m) out[k] = [`${t.items} (${pct(t.items, base)})`, `${pct(t.overturned, t.decided)} (${t.overturned} of ${t.decided})`];
  return out;
}

test("Insights on 150 letters equal an independent count of the CLI's JSON, and follow the filters", async () => {
  const letters = await cliParse(txts);
  const items = letters.flatMap((l) => l.items);
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", txts);
    await waitForIdle(page, txts.length);
    await page.click("#tab-insights");
    await page.waitForSelector("#chart-by-type");

    const decided = items.filter((i) => i.decision).length;
    const over = items.filter((i) => i.decision === "overturned").length;
    assert.ok((await text(page, "#insights-totals")).startsWith(`${letters.length} letters, ${items.length} items: ${over} overturned of ${decided} decided (${pct(over, decided)}).`));

    // By decision.
    const byDecision = await chartRows(page, "chart-decisions");
    const unread = items.length - decided;
    assert.deepEqual(byDecision, {
      upheld: [`${decided - over} (${pct(decided - over, items.length)})`],
      overturned: [`${over} (${pct(over, items.length)})`],
      ...(unread ? { unknown: [`${unread} (${pct(unread, items.length)})`] } : {}),
    });
    // By treatment type: every type with items.
    const types = tally(items, (i) => [i.category.type]);
    assert.deepEqual(await chartRows(page, "chart-by-type"), expectRows(types, items.length));
    assert.ok(types.size >= 5, `${types.size} types`);
    // Pharmaceutical subtypes, over the pharmaceutical items.
    const drugs = items.filter((i) => i.category.type === "pharmaceutical");
    assert.deepEqual(await chartRows(page, "chart-pharmaceutical"), expectRows(tally(drugs, (i) => [i.category.subtype ?? "none"]), drugs.length));
    // By guideline: each MTUS chapter, ODG, ACOEM, other, none cited (each once per item).
    const label = (c) => c.guideline === "mtus" ? (c.chapter ? `MTUS ${c.chapter}` : "MTUS (no chapter)")
      : c.guideline === "odg" ? "ODG" : c.guideline === "acoem" ? "ACOEM" : "Other guideline";
    const guidelines = tally(items, (i) => (i.citations.length ? i.citations.map(label) : ["None cited"]));
    assert.deepEqual(await chartRows(page, "chart-by-guideline"), expectRows(guidelines, items.length));
    await page.screenshot({ path: join(OUT, "insights.png"), fullPage: true });

    // The charts follow the filters: only overturned items.
    await page.selectOption("#f-decision", "overturned");
    const overItems = items.filter((i) => i.decision === "overturned");
    assert.deepEqual(await chartRows(page, "chart-by-type"), expectRows(tally(overItems, (i) => [i.category.type]), overItems.length));
    await page.selectOption("#f-decision", "");

    // A treatment type's name filters the Items view to it; the Category column shows it.
    await page.click("#chart-by-type tr[data-key='pharmaceutical'] th button");
    await page.waitForSelector("#items-table");
    assert.equal(await page.inputValue("#f-category"), "pharmaceutical");
    // The table draws only the rows in view: read every row as printing does.
    const cats = await allRows(page, "items-table", "td.category");
    assert.equal(cats.length, drugs.length);
    assert.ok(cats.every((c) => c.startsWith("Pharmaceutical")), cats.find((c) => !c.startsWith("Pharmaceutical")));
    const opioids = drugs.filter((i) => i.category.subtype === "opioid").length;
    assert.equal(cats.filter((c) => c === "Pharmaceutical: opioid").length, opioids);
    assert.equal(await text(page, "#total-items"), String(drugs.length));
    // The category filter by hand.
    await page.selectOption("#f-category", "surgery");
    const surgery = items.filter((i) => i.category.type === "surgery").length;
    assert.equal(await page.locator("#items-table tbody tr").count(), surgery);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
