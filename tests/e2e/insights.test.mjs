// Insights on the 150 text letters of the corpus: every number equal to an independent count
// over the native CLI's JSON; the charts follow the filters; a treatment type's name filters
// the Items view; the Category column and filter of the Items table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { openApp, text, cliParse, waitForIdle, allRows, CORPUS, OUT, ROOT } from "./harness.mjs";

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

// ---- The charts added to Insights, their downloads, bar clicks, axe and print; search in the
// letters' text. ----

const AXE = await readFile(join(ROOT, "tools/node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA violations on the page, as "rule: target" lines. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE); // not a <script>: the CSP stays strict
  const res = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] }, resultTypes: ["violations"] }),
  );
  return res.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: dl.suggestedFilename(), body: await readFile(await dl.path(), "utf8") };
}

/** `imr stats --format json` on the files. */
function cliStats(files) {
  const bin = process.env.IMR_BIN ?? resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target", "debug/imr");
  return JSON.parse(execFileSync(bin, ["stats", "--format", "json", ...files], { maxBuffer: 1 << 28 }).toString("utf8"));
}

/** A share as `imr stats` writes it in CSV: a fraction with four decimals. */
const frac = (a, b) => {
  if (b === 0) return "";
  const n = Math.floor((a / b) * 10000 + 0.5);
  return `${Math.floor(n / 10000)}.${String(n % 10000).padStart(4, "0")}`;
};

/** A CSV cell, quoted as RFC 4180 says when it must be. */
const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

const DAY = 86_400_000;
const BINS = [[0, 7], [8, 14], [15, 21], [22, 28], [29, 35], [36, 42], [43, 49], [50, 56], [57, 90], [91, null]];

/** Days between two dates of each letter: bins, median and 90th percentile (nearest rank). */
function intervalOf(letters, from, to) {
  const days = [];
  let missing = 0, outOfOrder = 0;
  for (const l of letters) {
    const [a, b] = [l.dates[from], l.dates[to]];
    if (!a || !b) missing += 1;
    else if (Date.parse(b) < Date.parse(a)) outOfOrder += 1;
    else days.push((Date.parse(b) - Date.parse(a)) / DAY);
  }
  days.sort((x, y) => x - y);
  const rank = (p) => (days.length ? days[Math.max(1, Math.ceil((p * days.length) / 100)) - 1] : null);
  const bins = BINS.map(([lo, hi]) => [hi === null ? `${lo}+` : `${lo}-${hi}`, days.filter((d) => d >= lo && (hi === null || d <= hi)).length]);
  return { n: days.length, missing, outOfOrder, bins, median: rank(50), p90: rank(90) };
}

/** A chart's table: { key: label } of its rows. */
const labels = (page, id) => page.evaluate((id) => Object.fromEntries(
  [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) => [tr.dataset.key, tr.querySelector("th").innerText.trim()])), id);

test("the charts by specialty, interval and month equal an independent count; downloads, bar clicks, axe, print", async () => {
  const letters = await cliParse(txts);
  const stats = cliStats(txts);
  const withLetter = letters.flatMap((l) => l.items.map((i) => ({ ...i, letter: l })));
  const items = withLetter.length;
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", txts);
    await waitForIdle(page, txts.length);
    await page.click("#tab-insights");
    await page.waitForSelector("#chart-by-specialty");

    // By reviewer specialty: an item counts under each specialty its letter names.
    const specs = tally(withLetter, (i) => (i.letter.reviewer.specialties.length ? i.letter.reviewer.specialties : ["none"]));
    assert.deepEqual(await chartRows(page, "chart-by-specialty"), expectRows(specs, items));
    assert.ok(specs.size >= 3, `${specs.size} specialties`);

    // The intervals: letters by days, median and 90th percentile, as counted here and by the CLI.
    for (const [id, from, to, name] of [
      ["chart-ur-to-application", "ur_denial", "application_received", "ur_denial_to_application"],
      ["chart-application-to-decision", "application_received", "decision", "application_to_decision"],
    ]) {
      const iv = intervalOf(letters, from, to);
      assert.deepEqual([iv.median, iv.p90, iv.missing, iv.outOfOrder], [stats[name].median, stats[name].p90, stats[name].missing, stats[name].out_of_order], name);
      const rows = await chartRows(page, id);
      assert.deepEqual(rows, Object.fromEntries(iv.bins.map(([k, n]) => [k, [`${n} (${pct(n, iv.n)})`]])), id);
      assert.ok(iv.n > 100, `${name}: ${iv.n} letters`);
      assert.equal(await page.locator(`#${id}-note`).textContent(),
        `Median ${iv.median} days, 90th percentile ${iv.p90} days; ${iv.n} letters with both dates (${iv.missing} missing a date, ${iv.outOfOrder} out of order).`);
      const csv = (await download(page, `#${id}-download-csv`)).body;
      assert.ok(csv.includes(`\r\nmedian,${iv.median}\r\n90th percentile,${iv.p90}\r\n`), csv);
    }

    // Decisions by month: every letter in the month of its decision; rates over its items.
    const month = (l) => (l.dates.decision ? l.dates.decision.slice(0, 7) : "(no date)");
    const months = tally(withLetter, (i) => [month(i.letter)]);
    const expectMonths = {};
    for (const l of letters) {
      const m = month(l);
      const n = letters.filter((x) => month(x) === m).length;
      const t = months.get(m) ?? { decided: 0, overturned: 0 };
      expectMonths[m] = [`${n} (${pct(n, letters.length)})`, `${pct(t.overturned, t.decided)} (${t.overturned} of ${t.decided})`];
    }
    assert.deepEqual(await chartRows(page, "chart-by-month"), expectMonths);

    // The picture: a well-formed SVG file whose bars say what the table says, with its title and axes.
    const svg = await download(page, "#chart-by-type-download-svg");
    assert.equal(svg.name, "imr-chart-by-type.svg");
    const drawn = await page.evaluate((body) => {
      const doc = new DOMParser().parseFromString(body, "image/svg+xml");
      if (doc.querySelector("parsererror") || doc.documentElement.namespaceURI !== "http://www.w3.org/2000/svg") return null;
      const rows = {};
      for (const g of doc.querySelectorAll("g[data-key]")) {
        const t = [...g.querySelectorAll(":scope > text")].map((e) => e.textContent);
        rows[g.dataset.key] = { label: t[0], count: t[1], rate: t[2], width: Number(g.querySelector("rect.count").getAttribute("width")) };
      }
      const texts = [...doc.querySelectorAll("text")].map((e) => e.textContent);
      return { rows, texts };
    }, svg.body);
    assert.ok(drawn, "the SVG file parses as SVG");
    assert.ok(drawn.texts.includes("Items and overturn rate by treatment type"));
    assert.ok(drawn.texts.includes("Items") && drawn.texts.includes("Overturned, % of decided") && drawn.texts.includes("Treatment type"), "axes labelled");
    const types = tally(withLetter, (i) => [i.category.type]);
    const typeLabels = await labels(page, "chart-by-type");
    const widest = Math.max(...[...types.values()].map((t) => t.items));
    for (const [k, t] of types) {
      const r = drawn.rows[k];
      assert.deepEqual([r.label, r.count, r.rate], [typeLabels[k], `${t.items} (${pct(t.items, items)})`, `${pct(t.overturned, t.decided)} (${t.overturned}/${t.decided})`], k);
      // Bars in proportion to the counts (the longest is the largest group).
      assert.equal(r.width === Math.max(...Object.values(drawn.rows).map((x) => x.width)), t.items === widest, k);
    }
    assert.equal(Object.keys(drawn.rows).length, types.size);
    // The numbers: a CSV row per bar.
    const csv = await download(page, "#chart-by-type-download-csv");
    assert.equal(csv.name, "imr-chart-by-type.csv");
    const lines = csv.body.split("\r\n").filter(Boolean);
    assert.equal(lines[0], "Treatment_type,Items,share,decided,overturned,overturn_rate");
    assert.deepEqual(new Set(lines.slice(1)), new Set([...types].map(([k, t]) =>
      `${cell(typeLabels[k])},${t.items},${frac(t.items, items)},${t.decided},${t.overturned},${frac(t.overturned, t.decided)}`)));

    // The chart tables pass axe, in both themes.
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await axeViolations(page), [], scheme);
    }
    await page.emulateMedia({ colorScheme: "light" });

    // Print: the charts and their tables, no controls.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".toolbar").isVisible(), false);
    assert.equal(await page.locator("#chart-by-type-download-svg").isVisible(), false);
    assert.equal(await page.locator("#chart-by-month-svg").isVisible(), true);
    await page.screenshot({ path: join(OUT, "insights-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // A bar's click filters the Items view to it: a specialty, a subtype, a guideline.
    const [topSpec, topSpecN] = [...specs].filter(([k]) => k !== "none").sort((a, b) => b[1].items - a[1].items)[0].map((x, i) => (i ? x.items : x));
    await page.click(`#chart-by-specialty-svg g[data-key="${topSpec}"] rect.count`);
    await page.waitForSelector("#items-table");
    assert.equal(await page.inputValue("#f-specialty"), topSpec);
    assert.equal(await text(page, "#total-items"), String(topSpecN));
    await page.selectOption("#f-specialty", "");
    await page.click("#tab-insights");
    const opioids = withLetter.filter((i) => i.category.subtype === "opioid" && i.category.type === "pharmaceutical").length;
    await page.click(`#chart-pharmaceutical-svg g[data-key="opioid"] rect.count`);
    await page.waitForSelector("#items-table");
    assert.deepEqual([await page.inputValue("#f-category"), await page.inputValue("#f-subtype")], ["pharmaceutical", "opioid"]);
    assert.equal(await text(page, "#total-items"), String(opioids));
    const cats = await allRows(page, "items-table", "td.category");
    assert.ok(cats.length === opioids && cats.every((c) => c === "Pharmaceutical: opioid"), cats.join("; "));
    await page.selectOption("#f-category", "");
    assert.equal(await page.locator("#f-subtype").count(), 0, "no subtype without a type");
    await page.click("#tab-insights");
    const label = (c) => c.guideline === "mtus" ? (c.chapter ? `MTUS ${c.chapter}` : "MTUS (no chapter)")
      : c.guideline === "odg" ? "ODG" : c.guideline === "acoem" ? "ACOEM" : "Other guideline";
    const guidelines = tally(withLetter, (i) => (i.citations.length ? i.citations.map(label) : ["None cited"]));
    const [g, gt] = [...guidelines].sort((a, b) => b[1].items - a[1].items)[1];
    await page.click(`#chart-by-guideline-svg g[data-key="${g}"] rect.count`);
    await page.waitForSelector("#items-table");
    assert.equal(await text(page, "#f-guideline"), `Guideline cited: ${g} ×`);
    assert.equal(await text(page, "#total-items"), String(gt.items));
    await page.click("#f-guideline");
    assert.equal(await text(page, "#total-items"), String(items));

    // A month, a span of days, a decision: the Items view of those letters and items.
    const byMonth = new Map();
    for (const l of letters) {
      const m = l.dates.decision ? l.dates.decision.slice(0, 7) : "(no date)";
      byMonth.set(m, [...(byMonth.get(m) ?? []), l]);
    }
    const [topMonth, inMonth] = [...byMonth].sort((a, b) => b[1].length - a[1].length)[0];
    await page.click("#tab-insights");
    await page.click(`#chart-by-month-svg g[data-key="${topMonth}"] rect.count`);
    await page.waitForSelector("#items-table");
    assert.equal(await text(page, "#f-dates"), `Decided in ${topMonth} ×`);
    assert.equal(await text(page, "#total-letters"), String(inMonth.length));
    assert.equal(await text(page, "#total-items"), String(inMonth.reduce((n, l) => n + l.items.length, 0)));
    await page.click("#f-dates");
    const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const waits = letters
      .filter((l) => l.dates.application_received && l.dates.decision)
      .map((l) => ({ l, d: day(l.dates.decision) - day(l.dates.application_received) }));
    const bin = waits.filter(({ d }) => d >= 29 && d <= 35);
    assert.ok(bin.length > 0, "letters decided 29-35 days after the application");
    await page.click("#tab-insights");
    await page.click(`#chart-application-to-decision-svg g[data-key="29-35"] rect.count`);
    await page.waitForSelector("#items-table");
    assert.equal(await text(page, "#f-dates"), "Application to decision: 29-35 days ×");
    assert.equal(await text(page, "#total-letters"), String(bin.length));
    await page.click("#f-dates");
    const overturned = withLetter.filter((i) => i.decision === "overturned").length;
    await page.click("#tab-insights");
    await page.click(`#chart-decisions-svg g[data-key="overturned"] rect.count`);
    await page.waitForSelector("#items-table");
    assert.equal(await page.inputValue("#f-decision"), "overturned");
    assert.equal(await text(page, "#total-items"), String(overturned));
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("search reaches the summaries and rationales when asked, and the letter marks what it found", async () => {
  const letters = await cliParse(txts);
  const needle = "opioid";
  const fields = (l) => [basename(l.source.name), l.case_number ?? "", ...l.reviewer.specialties, ...l.items.map((i) => i.request ?? "")];
  const texts = (l) => [l.summary ?? "", ...l.items.map((i) => i.rationale ?? "")];
  const has = (ss) => ss.some((s) => s.toLowerCase().includes(needle));
  const inFields = letters.filter((l) => has(fields(l)));
  const inText = letters.filter((l) => has(fields(l)) || has(texts(l)));
  assert.ok(inText.length > inFields.length, `${inText.length} letters say "${needle}"`);
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", txts);
    await waitForIdle(page, txts.length);
    await page.fill("#f-search", "Opioid");
    await page.press("#f-search", "Enter");
    await page.waitForFunction((n) => document.querySelector("#total-letters").textContent === String(n), inFields.length);
    await page.check("#f-search-text");
    await page.waitForFunction((n) => document.querySelector("#total-letters").textContent === String(n), inText.length);
    const cases = await allRows(page, "letters-table", "td:nth-child(2)");
    assert.deepEqual(cases.sort(), inText.map((l) => l.case_number).sort());
    // The first letter shown: every match in its summary and rationales is marked, its
    // rationales that say it are open.
    await page.click("#letters-table-row-0 td.file");
    await page.waitForSelector(".letter #v-case");
    const opened = await text(page, "#v-case");
    const shown = letters.find((x) => x.case_number === opened);
    assert.ok(shown && has(texts(shown)), opened);
    const count = (s) => s.toLowerCase().split(needle).length - 1;
    const marks = await page.locator("mark.hit").allInnerTexts();
    assert.equal(marks.length, texts(shown).reduce((n, s) => n + count(s), 0));
    assert.ok(marks.every((m) => m.toLowerCase() === needle), marks.join(", "));
    const rationaleMarks = shown.items.reduce((n, i) => n + count(i.rationale ?? ""), 0);
    assert.equal(await page.locator("details[open] .rationale mark.hit").count(), rationaleMarks);
    assert.equal(await page.locator("details[open]").count(), shown.items.filter((i) => count(i.rationale ?? "") > 0).length);
    await page.screenshot({ path: join(OUT, "search-marks.png") });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
