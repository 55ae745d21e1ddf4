// The first five minutes: the first screen, phone and tablet widths, next/previous letter by
// key, dates as the letters write them, "Copy summary", the dark theme, the accessibility
// check (axe-core, from tools/node_modules, injected from the local file) and screenshots of
// every view at three widths in both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { openApp, text, cliParse, waitForIdle, CORPUS, OUT, ROOT } from "./harness.mjs";

const REAL = join(CORPUS, "real");
const txts = (await readdir(REAL)).filter((f) => /^format1_.*\.txt$/.test(f)).sort().map((f) => join(REAL, f));
const SOME = txts.slice(0, 12);
const AXE = await readFile(join(ROOT, "tools/node_modules/axe-core/axe.min.js"), "utf8");
const WIDTHS = [390, 768, 1440];

/** `2016-12-14` as the letters write it: `12/14/2016`. */
const us = (iso) => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : "—");

/** axe-core's WCAG 2 A/AA violations on the page, as "rule: target" lines. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE); // not a <script>: the CSP stays strict
  const res = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] }, resultTypes: ["violations"] }),
  );
  return res.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/** Whether the page scrolls sideways (wider content than the viewport). */
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Checks the view at every width in both themes: no sideways scroll, axe clean, a screenshot. */
async function everyWidthAndTheme(page, view, { axe = true } = {}) {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
      assert.equal(await overflows(page), false, `${view} at ${width} px (${scheme}) scrolls sideways`);
      await page.screenshot({ path: join(OUT, `view-${view}-${width}-${scheme}.png`) });
    }
    // Contrast is checked per theme, at the narrowest width (the card layout) and the widest.
    if (axe) {
      for (const width of [390, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        assert.deepEqual(await axeViolations(page), [], `${view} at ${width} px (${scheme})`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the first screen says what the page does, what it reads, and how to check privacy", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    assert.equal(await page.locator("#no-rows").count(), 0, "no 'No letter matches.' before any letter");
    assert.equal(await text(page, "#landing-title"), "Read IMR decision letters, here in this tab");
    const accepts = await page.locator("#accepts li b").allInnerTexts();
    assert.deepEqual(accepts, ["Text", "PDF", "Scans"]);
    const privacy = await text(page, "#privacy-how");
    assert.match(privacy, /^Nothing leaves this machine/);
    assert.match(privacy, /Content Security Policy/);
    assert.match(privacy, /offline/);
    assert.deepEqual(await page.locator("#landing .samples button").allInnerTexts(), ["2014 letter (no header)", "2016 letter (with header)"]);
    await everyWidthAndTheme(page, "landing");
    // A sample from the first screen opens that letter.
    await page.click("#landing-sample-1");
    await page.waitForSelector("#decisions");
    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.equal(await page.locator("#landing").count(), 0);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("tables, a letter and Insights at 390/768/1440 px in both themes: no sideways scroll, AA contrast", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", SOME);
    await waitForIdle(page, SOME.length);
    // Progress only while work runs: then the summary, which can be dismissed.
    assert.equal(await page.locator("#progress-bar").count(), 0);
    assert.match(await text(page, "#progress-text"), /^12 read, in /);
    await page.click("#dismiss-summary");
    assert.equal(await page.locator(".progress").count(), 0);

    await everyWidthAndTheme(page, "letters");
    await page.click("#tab-items");
    await everyWidthAndTheme(page, "items");
    await page.click("#tab-insights");
    await page.waitForSelector("#chart-by-type");
    await everyWidthAndTheme(page, "insights");
    await page.click("#tab-letters");
    await page.click("#letters-table tbody tr:nth-child(2) button.case");
    await page.waitForSelector("#decisions");
    await everyWidthAndTheme(page, "letter");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("next and previous letter by key and button keep the table's sort and filter; dates as written", async () => {
  const expected = await cliParse(SOME);
  const app = await openApp();
  try {
    const { page } = app;
    await page.setInputFiles("#pick-files", SOME);
    await waitForIdle(page, SOME.length);
    // Sorted by decision date, newest first, and only the letters with an upheld item.
    await page.click("#letters-table th:nth-child(3) button");
    await page.click("#letters-table th:nth-child(3) button");
    await page.selectOption("#f-decision", "upheld");
    const cases = await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts();
    const want = expected
      .filter((l) => l.items.some((i) => i.decision === "upheld"))
      .map((l, n) => [l.dates.decision ?? "", -n, l.case_number]) // a stable sort: the original order among equals
      .sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : b[1] - a[1]))
      .map((r) => r[2]);
    assert.deepEqual(cases, want);
    assert.ok(cases.length >= 3, `${cases.length} letters`);
    // Dates in the table as the letters write them, ISO in the tooltip.
    const first = expected.find((l) => l.case_number === cases[0]);
    assert.equal(await text(page, "#letters-table tbody tr:first-child td:nth-child(3)"), us(first.dates.decision));
    assert.equal(await page.getAttribute("#letters-table tbody tr:first-child td:nth-child(3) time", "datetime"), first.dates.decision);

    await page.click("#letters-table tbody tr:first-child button.case");
    await page.waitForSelector("#decisions");
    assert.equal(await text(page, "#v-case"), cases[0]);
    assert.equal(await text(page, "#letter-position"), `1 of ${cases.length}`);
    assert.equal(await page.isDisabled("#prev-letter"), true);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((c) => document.querySelector("#v-case")?.innerText.trim() === c, cases[1]);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((c) => document.querySelector("#v-case")?.innerText.trim() === c, cases[2]);
    assert.equal(await text(page, "#letter-position"), `3 of ${cases.length}`);
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction((c) => document.querySelector("#v-case")?.innerText.trim() === c, cases[1]);
    await page.click("#next-letter");
    await page.waitForFunction((c) => document.querySelector("#v-case")?.innerText.trim() === c, cases[2]);
    await page.click("#prev-letter");
    await page.waitForFunction((c) => document.querySelector("#v-case")?.innerText.trim() === c, cases[1]);
    // The letter's dates as written; the ISO form in the tooltip.
    const l = expected.find((x) => x.case_number === cases[1]);
    assert.equal(await text(page, "#v-decision"), us(l.dates.decision));
    assert.equal(await text(page, "#v-injury"), us(l.dates.injury));
    assert.equal(await page.getAttribute("#v-decision time", "title"), `ISO ${l.dates.decision}`);
    // Typing in the paste box does not change letters.
    await page.focus("#paste-box");
    await page.keyboard.press("ArrowRight");
    assert.equal(await text(page, "#v-case"), cases[1]);
    // Back: the table kept its sort and filter.
    await page.keyboard.press("Escape");
    assert.deepEqual(await page.locator("#letters-table tbody tr td:nth-child(2)").allInnerTexts(), cases);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("Copy summary puts the case, dates and each item's decision and guideline source on the clipboard", async () => {
  const SAMPLE = join(REAL, "format1_CM16-0237844.txt");
  const [l] = await cliParse([SAMPLE]);
  const app = await openApp();
  try {
    const { page, context, url } = app;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
    await page.click("#landing-sample-1");
    await page.waitForSelector("#decisions");
    await page.click("#copy-summary");
    // The status is set when the clipboard's promise settles: wait for it, whatever the speed.
    await page.waitForFunction(() => document.querySelector("#copy-status").textContent.trim() !== "");
    assert.equal(await text(page, "#copy-status"), "Summary copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const decision = { upheld: "Upheld", overturned: "Overturned" };
    const source = (i) => {
      const m = i.citations.some((c) => c.source === "mtus");
      const n = i.citations.some((c) => c.source === "non_mtus");
      return m && n ? "MTUS + Non-MTUS" : m ? "MTUS" : n ? "Non-MTUS" : "none cited";
    };
    const outcome = { upheld: "Upheld", overturned: "Overturned", partially_overturned: "Partially overturned" };
    const want = [
      `IMR Final Determination, case ${l.case_number}`,
      `Date of injury: ${us(l.dates.injury)}`,
      `UR denial: ${us(l.dates.ur_denial)}`,
      `Application received: ${us(l.dates.application_received)}`,
      `Date assigned: ${us(l.dates.assigned)}`,
      `Decision date: ${us(l.dates.decision)}`,
      `Outcome: ${outcome[l.outcome]}`,
      `Items (${l.items.length}):`,
      ...l.items.map((i, n) => `${n + 1}. ${i.request}: ${decision[i.decision]} (guideline source: ${source(i)})`),
      "",
    ].join("\n");
    assert.equal(copied, want);
    assert.match(copied, /^IMR Final Determination, case CM16-0237844\n/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
