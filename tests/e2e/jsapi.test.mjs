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
