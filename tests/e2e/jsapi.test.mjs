// The JS API (dist/imr-js/imr_js.js): parseLetter and parsePdf give the CLI's Letter objects.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, access } from "node:fs/promises";
import { join } from "node:path";
import { openApp, cliParse, CORPUS, DIST } from "./harness.mjs";

const TXT = join(CORPUS, "real/format1_CM16-0237844.txt");
const PDF = join(CORPUS, "real/pdf/format1_CM16-0237844.pdf");

/** The CLI's letter as the JS API gives it: the API is handed text or bytes, never a file name. */
const unnamed = (l) => (l.source ? { ...l, source: { ...l.source, name: null } } : l);

test("parseLetter(text) and parsePdf(bytes) return spec objects equal to the CLI's", async () => {
  await access(join(DIST, "imr-js/imr_js.js")); // built by scripts/build-web.sh
  const [cliTxt, cliPdf] = await cliParse([TXT, PDF]);
  const app = await openApp();
  try {
    const got = await app.page.evaluate(
      async ({ text, pdf }) => {
        const api = await import("/imr-js/imr_js.js");
        await api.default();
        const bytes = Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0));
        let err = null;
        try {
          api.parsePdf(new Uint8Array([1, 2, 3]));
        } catch (e) {
          err = { isError: e instanceof Error, code: e.code, message: e.message };
        }
        return {
          fromText: api.parseLetter(text),
          fromPdf: api.parsePdf(bytes),
          empty: api.parseLetter(""),
          version: api.schemaVersion(),
          err,
        };
      },
      { text: await readFile(TXT, "utf8"), pdf: (await readFile(PDF)).toString("base64") },
    );
    assert.deepEqual(got.fromText, unnamed(cliTxt));
    assert.deepEqual(got.fromPdf, unnamed(cliPdf));
    assert.equal(got.version, 1);
    assert.equal(got.empty.layout, "unrecognized");
    assert.equal(got.empty.case_number, null);
    assert.equal(got.err.isError, true);
    assert.equal(typeof got.err.code, "string");
    assert.ok(got.err.code.length > 0 && got.err.message.length > 0);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

const FAX = join(CORPUS, "scans/format1_CM16-0237844.scan-fax.pdf");

test("readAny(bytes, name) reads text and PDFs at once and a fax PDF by OCR", { timeout: 460_000 }, async () => {
  const [cliPdf] = await cliParse([PDF]);
  const app = await openApp();
  try {
    const got = await app.page.evaluate(
      async ({ pdf, fax }) => {
        const api = await import("/imr-js/imr_js.js");
        await api.default();
        const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        let err = null;
        try {
          await api.readAny(new Uint8Array([37, 80, 68, 70, 45, 1, 2]), "broken.pdf");
        } catch (e) {
          err = { isError: e instanceof Error, code: e.code };
        }
        return {
          pdf: await api.readAny(bytes(pdf), "letter.pdf"),
          // The OCR worker of the reader (dist/ocr/), started for this file.
          fax: await api.readAny(bytes(fax), "fax.pdf", "/ocr/imr-ocr-worker.js"),
          err,
        };
      },
      { pdf: (await readFile(PDF)).toString("base64"), fax: (await readFile(FAX)).toString("base64") },
    );
    assert.deepEqual(got.pdf, [{ ...cliPdf, source: { ...cliPdf.source, name: "letter.pdf" } }]);
    assert.equal(got.fax.length, 1);
    const [l] = got.fax;
    assert.equal(l.case_number, "CM16-0237844");
    assert.deepEqual(l.items.map((i) => i.decision), ["upheld"]);
    assert.equal(l.outcome, "upheld");
    assert.deepEqual(l.source, { ...l.source, name: "fax.pdf", kind: "scan" });
    assert.match(l.ocr.engine, /^tesseract-wasm 0\.11\.0/);
    assert.equal(l.ocr.pages, 2);
    assert.equal(l.ocr.words.length, 2);
    assert.equal(got.err.isError, true);
    assert.equal(typeof got.err.code, "string");
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
