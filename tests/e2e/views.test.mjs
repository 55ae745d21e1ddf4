// Files that hold several letters (each its own row, opened with its own text), and big batches
// (thousands of letters made in the page by the `?test-hooks` "repeat" hook): the windowed
// tables show the right rows after scrolling, sorting and filtering, by keyboard too, print in
// full, and totals and exports cover every letter shown, not only the rows on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { openApp, text, cliParse, waitForBatch, allRows, CORPUS, OUT, ROOT } from "./harness.mjs";

const REAL = join(CORPUS, "real");
const BUNDLE = join(CORPUS, "made/bundle/three-letters.pdf");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const ROW = 36; // ROW_HEIGHT in src/components/windowed.rs

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: dl.suggestedFilename(), body: await readFile(await dl.path(), "utf8") };
}

function cliCsv(files) {
  const bin = process.env.IMR_BIN ?? resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target", "debug/imr");
  return execFileSync(bin, ["parse", "--format", "csv", ...files], { maxBuffer: 1 << 28 }).toString("utf8");
}

const rowCount = (page, table) =>
  page.locator(`#${table}`).getAttribute("aria-rowcount").then((n) => Number(n) - 1);

/** Scrolls a windowed table so that row `i` (from 0) is at the top; waits for it. */
async function scrollTo(page, table, i) {
  await page.evaluate(({ table, y }) => {
    document.querySelector(`#${table}`).closest(".table-scroll").scrollTop = y;
  }, { table, y: i * ROW });
  await page.waitForSelector(`#${table}-row-${i}`);
}

const cell = (page, table, i, col) => text(page, `#${table}-row-${i} > td:nth-child(${col})`);

test("a PDF and a text that hold three letters each give six rows, each opened with its own text", async () => {
  // The text bundle: three corpus letters, one after the other.
  const parts = [txts[0], txts[1], txts[2]];
  await mkdir(OUT, { recursive: true });
  const textBundle = join(OUT, "three-letters.txt");
  await writeFile(textBundle, (await Promise.all(parts.map((p) => readFile(p, "utf8")))).join("\n\n"));
  const files = [BUNDLE, textBundle];
  const expected = await cliParse(files);
  assert.equal(expected.length, 6, "the CLI finds three letters in each");
  const single = await cliParse(parts);
  assert.deepEqual(expected.slice(3).map((l) => l.case_number), single.map((l) => l.case_number));

  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", files);
    await waitForBatch(page, 2);
    assert.equal(await rowCount(page, "letters-table"), 6);
    assert.equal(await text(page, "#total-letters"), "6");
    const items = expected.flatMap((l) => l.items);
    assert.equal(await text(page, "#total-items"), String(items.length));
    const cases = await page.locator("#letters-table tbody td:nth-child(2)").allInnerTexts();
    assert.deepEqual(cases, expected.map((l) => l.case_number ?? "(no case number)"));
    // Each row names its file and its place in it (pages, for the PDF).
    const names = await page.locator("#letters-table tbody td.file").allInnerTexts();
    const place = (l, i) => {
      const p = l.source.pages;
      const pages = p ? (p[0] === p[1] ? `, page ${p[0]}` : `, pages ${p[0]}\u2013${p[1]}`) : "";
      return `${i < 3 ? "three-letters.pdf" : "three-letters.txt"} \u00b7 letter ${(i % 3) + 1} of 3${pages}`;
    };
    assert.deepEqual(names.map((n) => n.trim()), expected.map(place));
    assert.ok(expected[1].source.pages, "the PDF's letters have pages");

    // Exports hold the six letters, as the CLI reads them.
    const json = JSON.parse((await download(page, "#export-json")).body);
    assert.equal(json.length, 6);
    json.forEach((l, i) => {
      assert.deepEqual({ ...l, source: { ...l.source, name: null } }, { ...expected[i], source: { ...expected[i].source, name: null } });
      assert.deepEqual(l.source.span, expected[i].source.span);
      assert.equal(l.source.index, i % 3);
    });
    assert.equal((await download(page, "#export-csv")).body, cliCsv(files));

    // The second letter of the PDF opens with its own values and its own part of the text.
    await page.click("#letters-table-row-1 td.file");
    await page.waitForSelector(".letter");
    assert.equal(await text(page, "#v-case"), expected[1].case_number);
    assert.match(await text(page, "#letter-file"), /three-letters\.pdf .*letter 2 of 3, pages \d+\u2013\d+/);
    const source = await text(page, "#source-text");
    assert.ok(source.includes(expected[1].case_number));
    assert.ok(!source.includes(expected[0].case_number), "the first letter's text is not shown");
    assert.ok(!source.includes(expected[2].case_number), "the third letter's text is not shown");
    // A field's source is marked inside that text.
    await page.click("#v-case .field");
    assert.equal(await text(page, "#source-mark"), expected[1].case_number);
    await page.click("#back");

    // The items view: one row per item of the six letters.
    await page.click("#tab-items");
    assert.equal(await rowCount(page, "items-table"), items.length);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("3,000 letters: windowed tables, scrolling, sorting, filters, keyboard, print, totals and exports", async () => {
  const expected = await cliParse(txts);
  const N = 3000;
  const copies = N / txts.length; // the 150 letters, then 19 copies of them
  assert.equal(copies, 20);
  const all = Array.from({ length: N }, (_, i) => expected[i % txts.length]);
  const base = (p) => p.split("/").pop();
  const nameOf = (i) => (i < txts.length ? "" : `copy-${Math.floor(i / txts.length)}/`) + base(txts[i % txts.length]);

  const app = await openApp();
  try {
    const { page } = app;
    await page.goto(`${app.url}?test-hooks`);
    await page.setInputFiles("#pick-files", txts);
    await waitForBatch(page, txts.length);
    await page.evaluate((n) => document.dispatchEvent(new CustomEvent("imr-test", { detail: `repeat ${n}` })), N);
    await page.waitForFunction((n) => document.querySelector("#total-letters")?.textContent === String(n), N);

    // Totals cover every letter; only the rows in view are in the page.
    const items = all.flatMap((l) => l.items);
    const overturned = items.filter((i) => i.decision === "overturned").length;
    assert.equal(await text(page, "#total-items"), String(items.length));
    assert.equal(await text(page, "#total-overturned"), String(overturned));
    assert.equal(await rowCount(page, "letters-table"), N);
    const rendered = await page.locator("#letters-table tbody tr[aria-rowindex]").count();
    assert.ok(rendered > 10 && rendered < 100, `${rendered} rows rendered`);

    // Scrolling: the rows there are the right letters, with their screen-reader index.
    for (const i of [0, 1234, N - 1]) {
      await scrollTo(page, "letters-table", Math.min(i, N - 1));
      assert.equal(await cell(page, "letters-table", i, 2), all[i].case_number);
      assert.equal((await cell(page, "letters-table", i, 1)), nameOf(i));
      assert.equal(await page.locator(`#letters-table-row-${i}`).getAttribute("aria-rowindex"), String(i + 2));
    }
    await page.screenshot({ path: join(OUT, "letters-windowed.png") });

    // Sorting by case number, then descending: checked far down the table.
    const byCase = all.map((l, i) => [l.case_number ?? "", i])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    await page.click("#letters-table th:nth-child(2) button");
    await scrollTo(page, "letters-table", 0);
    assert.equal(await cell(page, "letters-table", 0, 2), byCase[0][0]);
    await scrollTo(page, "letters-table", 2222);
    assert.equal(await cell(page, "letters-table", 2222, 2), byCase[2222][0]);
    assert.equal(await cell(page, "letters-table", 2222, 1), nameOf(byCase[2222][1]));
    await page.click("#letters-table th:nth-child(2) button");
    await scrollTo(page, "letters-table", 10);
    const desc = all.map((l, i) => [l.case_number ?? "", i])
      .sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : a[1] - b[1]));
    assert.equal(await cell(page, "letters-table", 10, 2), desc[10][0]);
    assert.equal(await cell(page, "letters-table", 10, 1), nameOf(desc[10][1]));

    // A filter: totals, rows and exports cover every letter it lets through.
    await page.selectOption("#f-outcome", "overturned");
    const over = desc.filter(([, i]) => all[i].outcome === "overturned").map(([, i]) => i);
    assert.ok(over.length > 100);
    assert.equal(await text(page, "#total-letters"), String(over.length));
    assert.equal(await rowCount(page, "letters-table"), over.length);
    await scrollTo(page, "letters-table", over.length - 1);
    assert.equal(await cell(page, "letters-table", over.length - 1, 1), nameOf(over.at(-1)));
    const json = JSON.parse((await download(page, "#export-json")).body);
    assert.deepEqual(json.map((l) => l.case_number), over.map((i) => all[i].case_number));
    const csv = (await download(page, "#export-csv")).body;
    const overItems = over.reduce((n, i) => n + Math.max(1, all[i].items.length), 0);
    assert.equal(csv.trimEnd().split("\n").length - 1, overItems, "one CSV row per item (or per letter without one)");

    // Printing renders every filtered row, then the window again.
    const printed = await allRows(page, "letters-table", "td:nth-child(1)");
    assert.deepEqual(printed, over.map(nameOf));
    assert.ok((await page.locator("#letters-table tbody tr[aria-rowindex]").count()) < 100);

    // Search (debounced): the result shows once typing pauses; exports follow.
    const target = all[over[0]].case_number;
    await page.fill("#f-search", target.toLowerCase());
    const hits = over.filter((i) => all[i].case_number === target);
    assert.ok(hits.length >= copies);
    await page.waitForFunction((n) => document.querySelector("#total-letters").textContent === String(n), hits.length);
    const found = JSON.parse((await download(page, "#export-json")).body);
    assert.equal(found.length, hits.length);
    assert.ok(found.every((l) => l.case_number === target));
    await page.fill("#f-search", "");
    await page.selectOption("#f-outcome", "");
    await page.waitForFunction((n) => document.querySelector("#total-letters").textContent === String(n), N);

    // Keyboard: arrows move the focused row, End goes to the last, Enter opens the letter.
    await scrollTo(page, "letters-table", 0);
    await page.focus("#letters-table-row-0");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.id), "letters-table-row-2");
    await page.keyboard.press("PageDown");
    const afterPage = await page.evaluate(() => Number(document.activeElement.id.split("-").pop()));
    assert.ok(afterPage > 5, `PageDown moved to ${afterPage}`);
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.id), `letters-table-row-${N - 1}`);
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".letter");
    assert.equal(await text(page, "#v-case"), desc[1][0]);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#letters-table");
    // A copy far down opens with its own text (read back from what the page keeps for it).
    const far = desc.findIndex(([, i], k) => k >= 2400 && i >= txts.length);
    await scrollTo(page, "letters-table", far);
    await page.click(`#letters-table-row-${far} td.file`);
    await page.waitForSelector(".letter");
    assert.equal(await text(page, "#letter-file"), nameOf(desc[far][1]));
    assert.ok((await text(page, "#source-text")).includes(`Case Number: ${desc[far][0]}`));
    await page.keyboard.press("Escape");
    await page.waitForSelector("#letters-table");

    // The items view: every item, sorted by request; far rows right.
    await page.click("#tab-items");
    assert.equal(await rowCount(page, "items-table"), items.length);
    await page.click("#items-table th:nth-child(3) button");
    // Letters in the batch's order (the sort is an item column), their items by request.
    const rows = all.flatMap((l) => l.items.map((it) => it.request ?? ""));
    const req = rows.map((r, k) => [r.toLowerCase(), k]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    const k = items.length - 5;
    await scrollTo(page, "items-table", k);
    assert.equal((await cell(page, "items-table", k, 3)).toLowerCase(), req[k][0] || "\u2014");
    await page.selectOption("#f-decision", "overturned");
    assert.equal(await rowCount(page, "items-table"), overturned);
    assert.equal(await text(page, "#total-items"), String(overturned));
    // Far down the filtered items: overturned ones, in the sorted order; exports hold every
    // letter with such an item.
    const overRows = req.filter(([, k]) => all.flatMap((l) => l.items)[k].decision === "overturned");
    assert.equal(overRows.length, overturned);
    await scrollTo(page, "items-table", overturned - 1);
    assert.equal(await cell(page, "items-table", overturned - 1, 5), "Overturned");
    assert.equal((await cell(page, "items-table", overturned - 1, 3)).toLowerCase(), overRows.at(-1)[0] || "\u2014");
    const withOver = all.filter((l) => l.items.some((i) => i.decision === "overturned"));
    const overJson = JSON.parse((await download(page, "#export-json")).body);
    assert.deepEqual(overJson.map((l) => l.case_number), withOver.map((l) => l.case_number));
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("390 px: windowed cards never overlap, stay in step with the scroll, and reach the last row", async () => {
  const expected = await cliParse(txts);
  const N = 600;
  const all = Array.from({ length: N }, (_, i) => expected[i % txts.length]);
  const items = all.flatMap((l) => l.items);
  const app = await openApp({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = app;
    await page.goto(`${app.url}?test-hooks`);
    await page.setInputFiles("#pick-files", txts);
    await waitForBatch(page, txts.length);
    await page.evaluate((n) => document.dispatchEvent(new CustomEvent("imr-test", { detail: `repeat ${n}` })), N);
    await page.waitForFunction((n) => document.querySelector("#total-letters")?.textContent === String(n), N);

    /** The rendered rows: [position, top, bottom], and the scroll box's [top, bottom]. */
    const layout = (table) => page.evaluate((table) => {
      const box = document.querySelector(`#${table}`).closest(".table-scroll").getBoundingClientRect();
      // A row's extent: its box and its cells' (a cell may overflow a row given too little height).
      const rows = [...document.querySelectorAll(`#${table} tbody tr[aria-rowindex]`)].map((r) => {
        const boxes = [r, ...r.cells].map((c) => c.getBoundingClientRect());
        const top = Math.min(...boxes.map((b) => b.top)), bottom = Math.max(...boxes.map((b) => b.bottom));
        return [Number(r.getAttribute("aria-rowindex")) - 2, top, bottom];
      });
      return { rows, box: [box.top, box.bottom] };
    }, table);
    /** No two rendered rows overlap, they follow each other, and they cover the view. */
    async function check(table, where, count) {
      const { rows, box } = await layout(table);
      assert.ok(rows.length >= 2 && rows.length < 60, `${where}: ${rows.length} rows rendered`);
      for (let k = 1; k < rows.length; k++) {
        assert.equal(rows[k][0], rows[k - 1][0] + 1, `${where}: rows in order`);
        assert.ok(rows[k][1] >= rows[k - 1][2] - 0.5, `${where}: row ${rows[k][0]} overlaps row ${rows[k - 1][0]}`);
      }
      assert.ok(rows[0][0] === 0 || rows[0][1] <= box[0], `${where}: rows start above the view`);
      assert.ok(rows.at(-1)[0] === count - 1 || rows.at(-1)[2] >= box[1], `${where}: rows reach below the view`);
      return rows;
    }
    const scroll = (table, y) => page.evaluate(({ table, y }) => {
      const s = document.querySelector(`#${table}`).closest(".table-scroll");
      s.scrollTop = y ?? s.scrollHeight;
    }, { table, y });

    for (const [table, tab, count, last] of [
      ["letters-table", "#tab-letters", N, [2, all.at(-1).case_number]],
      ["items-table", "#tab-items", items.length, [3, items.at(-1).request ?? "\u2014"]],
    ]) {
      await page.click(tab);
      await page.waitForSelector(`#${table}-row-0`);
      assert.equal(await rowCount(page, table), count);
      const top = await check(table, `${table} at the top`, count);
      // Cards: each row several lines tall, all of one height.
      const pitch = top[1][1] - top[0][1];
      assert.ok(pitch > 3 * ROW, `${table}: a card is ${pitch} px from the next`);
      // The middle: the row the scroll offset names is the one in view, with its letter.
      const mid = Math.floor(count / 2);
      await scroll(table, Math.round(mid * pitch));
      await page.waitForSelector(`#${table}-row-${mid}`);
      await page.waitForFunction(({ table, mid }) => !document.querySelector(`#${table}-row-${mid - 12}`), { table, mid });
      const rows = await check(table, `${table} in the middle`, count);
      const at = rows.find(([i]) => i === mid);
      const { box } = await layout(table);
      assert.ok(Math.abs(at[1] - box[0]) < pitch, `${table}: row ${mid} at the top of the view (${at[1]} vs ${box[0]})`);
      if (table === "letters-table") assert.equal(await cell(page, table, mid, 2), all[mid].case_number);
      // The bottom: the last row is rendered, in full, inside the view.
      await scroll(table);
      await page.waitForSelector(`#${table}-row-${count - 1}`);
      const end = await check(table, `${table} at the bottom`, count);
      const [, lastTop, lastBottom] = end.at(-1);
      const after = await layout(table);
      assert.ok(lastTop >= after.box[0] && lastBottom <= after.box[1] + 1, `${table}: the last row is in view`);
      assert.equal(await cell(page, table, count - 1, last[0]), last[1]);
      await page.locator(`#${table}`).evaluate((t) => t.closest(".table-scroll").scrollIntoView());
      await page.screenshot({ path: join(OUT, `${table}-390-bottom.png`) });
    }
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
