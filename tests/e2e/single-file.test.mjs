// The single-file edition (dist/imr-reader.html, scripts/single_file.py): copied alone into an
// empty folder and opened from file:// in Chromium with every network request refused, it
// reads the 150 corpus letters and the 12 PDFs, filters, exports what the CLI gives, takes
// pasted, dropped and folder-picked letters, and starts no service worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";
import { CHROMIUM_ARGS, CORPUS, DIST, OUT, ROOT, cliParse, text, waitForBatch, waitForIdle } from "./harness.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require(join(ROOT, "tools/node_modules/playwright-core"));

const SINGLE = join(DIST, "imr-reader.html");
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

test("the single file, alone in a folder, opened from file:// with the network refused", async () => {
  assert.ok((await stat(SINGLE)).size <= 800_000, "at most 800,000 bytes");
  const dir = await mkdtemp(join(tmpdir(), "imr-single-"));
  const profile = await mkdtemp(join(tmpdir(), "imr-e2e-"));
  await copyFile(SINGLE, join(dir, "imr-reader.html"));
  await mkdir(OUT, { recursive: true });
  assert.deepEqual(await readdir(dir), ["imr-reader.html"]);
  const pageUrl = pathToFileURL(join(dir, "imr-reader.html")).href;

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    offline: true,
  });
  const problems = [];
  // Any request but the page itself (and the page's own blob: and data: URLs) is refused and
  // counted; one the CSP stopped never reached the network and shows as a console error.
  await context.route((url) => url.href !== pageUrl && url.protocol !== "blob:" && url.protocol !== "data:", (r) => {
    problems.push(`request: ${r.request().url()}`);
    return r.abort();
  });
  context.on("request", (r) => {
    const u = r.url();
    if (u !== pageUrl && !u.startsWith("blob:") && !u.startsWith("data:")) problems.push(`request: ${u}`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForSelector("#paste-box");

    // The CSP: no connection at all, scripts and styles by hash only, workers from blob: only.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; style-src 'sha256-[A-Za-z0-9+/=]+'; connect-src 'none'; worker-src blob:;/);
    assert.doesNotMatch(csp, /'self'|unsafe-inline|https?:/);
    // No service worker (from file:// the browser refuses them anyway).
    const sw = await page.evaluate(() =>
      navigator.serviceWorker?.getRegistrations().then((r) => r.length, () => 0) ?? 0);
    assert.equal(sw, 0, "no service worker");

    // A batch: the 150 letters and the 12 PDFs, picked at once.
    const expected = asInPage(await cliParse(FILES));
    await page.setInputFiles("#pick-files", FILES);
    await waitForBatch(page, FILES.length);
    assert.equal(await page.locator("#failed-count").count(), 0, "no file failed");
    assert.equal(await page.locator("#letters-table tbody tr").count(), FILES.length);
    await page.screenshot({ path: join(OUT, "single-file.png") });
    const json = await download(page, "#export-json");
    const exported = JSON.parse(json.body);
    assert.equal(exported.length, expected.length);
    exported.forEach((l, i) => assert.deepEqual(l, expected[i], FILES[i]));
    const csv = await download(page, "#export-csv");
    const cliCsv = execFileSync(
      process.env.IMR_BIN ?? resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target", "debug/imr"),
      ["parse", "--format", "csv", ...FILES],
      { maxBuffer: 1 << 28 },
    ).toString("utf8");
    assert.equal(csv.body, cliCsv);

    // Filters.
    await page.selectOption("#f-outcome", "overturned");
    const over = expected.filter((l) => l.outcome === "overturned");
    assert.equal(await text(page, "#total-letters"), String(over.length));
    assert.deepEqual(JSON.parse((await download(page, "#export-json")).body), over);
    await page.selectOption("#f-outcome", "");

    // Paste, drop, a folder, a sample.
    let entries = FILES.length;
    await page.fill("#paste-box", await readFile(txts[0], "utf8"));
    await page.click("#read-paste");
    await waitForIdle(page, ++entries);
    const pdf = (await readFile(pdfs[0])).toString("base64");
    const dt = await page.evaluateHandle((pdf) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0))], "dropped.bin"));
      return dt;
    }, pdf);
    await page.dispatchEvent(".page", "dragover", { dataTransfer: dt });
    await page.dispatchEvent(".page", "drop", { dataTransfer: dt });
    await waitForIdle(page, ++entries);
    await page.setInputFiles("#pick-folder", join(REAL, "pdf"));
    entries += pdfs.length;
    await waitForIdle(page, entries);
    await page.click("button:has-text('2016 letter')");
    await waitForIdle(page, ++entries);
    assert.equal(await page.locator("#failed-count").count(), 0, "no file failed");
    assert.equal(await text(page, "#total-letters"), String(entries));

    // Nothing can leave: a request to another place is refused by the page itself.
    const fetched = await page.evaluate(() => fetch("http://127.0.0.2:9/").then(() => true, () => false));
    assert.equal(fetched, false);
    const other = problems.filter((p) => !/^console error: .*Content Security Policy/.test(p));
    assert.deepEqual(other, []);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});
