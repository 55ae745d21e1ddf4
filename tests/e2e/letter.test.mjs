// One letter: paste, the fields shown, the source highlight, the XSS letter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { openApp, text, cliParse, CORPUS, OUT } from "./harness.mjs";

const SEED = join(CORPUS, "seed/letter_2014_no_header.txt");
const SAMPLE_2016 = join(CORPUS, "real/format1_CM16-0237844.txt");

test("pasting the 2014 seed letter shows its fields", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.fill("#paste-box", await readFile(SEED, "utf8"));
    await page.click("#read-paste");
    await page.waitForSelector("#decisions");
    const [cli] = await cliParse([SEED]);

    assert.equal(await text(page, "#v-case"), "—");
    assert.equal(await text(page, "#v-licensure"), "California");
    assert.equal(await text(page, "#v-specialties"), "Physical Medicine and Rehabilitation, Interventional Spine");
    assert.equal(await text(page, "#v-age"), "57");
    assert.equal(await text(page, "#v-sex"), "female");
    assert.equal(await text(page, "#v-outcome"), "Upheld");
    assert.equal(await text(page, "#v-days-ur-app"), "—");
    const requests = await page.locator("#decisions tbody .request").allInnerTexts();
    assert.deepEqual(requests, ["X-ray exam of the thoracic spine", "MRI of the thoracic spine without dye"]);
    assert.deepEqual(requests, cli.items.map((i) => i.request));
    const badges = await page.locator("#decisions tbody tr > td:nth-child(3)").allInnerTexts();
    assert.deepEqual(badges.map((b) => b.trim()), ["Upheld", "Upheld"]);
    const sources = await page.locator("#decisions tbody tr > td:nth-child(4)").allInnerTexts();
    assert.deepEqual(sources, ["Non-MTUS", "MTUS + Non-MTUS"]);
    assert.ok((await text(page, "#v-summary")).startsWith("The patient is a 57-year-old female"));

    // Expanding an item shows its guideline texts and rationale.
    await page.click("#item-1 summary");
    const detail = await text(page, "#item-1 .item-detail");
    assert.ok(detail.includes("MTUS ACOEM Chapter 8 Neck and Upper Back Complaints Page(s): 177-178."));
    assert.ok(detail.includes(cli.items[1].rationale.slice(0, 60)));
    await page.screenshot({ path: join(OUT, "letter-2014-seed.png"), fullPage: false });

    // The print layout: the letter only, guideline texts and rationale unfolded.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("#source-text").isVisible(), false);
    assert.equal(await page.locator(".intake").isVisible(), false);
    assert.equal(await page.locator("#print").isVisible(), false);
    assert.equal(await page.locator("#v-licensure").isVisible(), true);
    assert.equal(await page.locator("#item-0 .item-detail").isVisible(), true, "details print unfolded");
    await page.screenshot({ path: join(OUT, "letter-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("hovering or focusing a field highlights its source span", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    await page.click("button:has-text('2016 letter')");
    await page.waitForSelector("#decisions");
    const [cli] = await cliParse([SAMPLE_2016]);
    const bytes = await readFile(SAMPLE_2016);
    const slice = (ptr) => bytes.subarray(cli.spans[ptr][0], cli.spans[ptr][1]).toString("utf8");

    assert.equal(await text(page, "#v-case"), "CM16-0237844");
    assert.equal(await text(page, "#v-days-ur-app"), "7 days");
    assert.equal(await text(page, "#v-days-app-decision"), "31 days");
    assert.equal(await text(page, "#v-priority"), "Standard");
    assert.equal(await text(page, "#v-licensure"), "California, Texas, Florida");

    for (const ptr of ["/case_number", "/dates/decision", "/dates/application_received", "/reviewer/specialties/2", "/items/0/request"]) {
      await page.hover(`[data-ptr="${ptr}"]`);
      await page.waitForFunction((ptr) => document.querySelector(`[data-ptr="${ptr}"]`)?.classList.contains("active"), ptr);
      assert.equal(await page.locator("#source-mark").textContent(), slice(ptr), ptr);
    }
    // Keyboard: focusing a field highlights it too.
    await page.focus('[data-ptr="/patient/age"]');
    await page.waitForFunction(() => document.querySelector('[data-ptr="/patient/age"]')?.classList.contains("active"));
    assert.equal(await page.locator("#source-mark").textContent(), slice("/patient/age"));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.hover('[data-ptr="/items/0/request"]', { noWaitAfter: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(600); // let the smooth scroll of the text box settle for the screenshot
    await page.screenshot({ path: join(OUT, "letter-source-highlight.png") });
    // A wide monitor: the same view at 1920 x 1080.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, "letter-wide-1920.png") });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("a letter with <script> and <img onerror> shows those characters and runs nothing", async () => {
  const app = await openApp();
  try {
    const { page } = app;
    const requested = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    const evil =
      "Case Number: CM16-0000001 <script>window.__pwned = 1</script>\n" +
      'Date Assigned: 01/02/2016 <img src="x" onerror="window.__pwned = 2">\n' +
      "CLINICAL CASE SUMMARY\nThe injured worker is a 40 year old male <b onmouseover=alert(1)>x</b>.\n";
    await page.fill("#paste-box", evil);
    await page.click("#read-paste");
    await page.waitForSelector("#source-text");
    const source = await page.locator("#source-text").textContent();
    assert.equal(source, evil);
    assert.ok(source.includes("<script>window.__pwned = 1</script>"));
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator("#main img, #main script, #main b").count(), 0);
    await page.hover("#source-text");
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok(!requested.includes("/x"), "the <img> in the letter must not load");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
