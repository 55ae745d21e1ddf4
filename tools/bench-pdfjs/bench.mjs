// pdf.js (pdfjs-dist, legacy build for Node) text extraction per real letter PDF:
// open the document, getTextContent() on every page, join the items. Median of 15 runs each,
// after 3 warm-up runs. Run: `cd tools/bench-pdfjs && npm install && npm run bench`.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../tests/corpus/real/pdf");
const files = readdirSync(dir).filter((f) => f.endsWith(".pdf")).sort();

async function extract(bytes) {
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => it.str + (it.hasEOL ? "\n" : "")).join(""));
  }
  await doc.destroy();
  return pages.join("\n");
}

const medians = [];
for (const f of files) {
  const raw = readFileSync(join(dir, f));
  const times = [];
  let text = "";
  for (let run = 0; run < 18; run++) {
    const bytes = new Uint8Array(raw); // pdf.js takes ownership of the buffer
    const t0 = performance.now();
    text = await extract(bytes);
    if (run >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  medians.push(median);
  console.log(`pdf.js ${f}: ${raw.length} bytes, ${text.split(/\s+/).length} words, median ${median.toFixed(2)} ms`);
}
const mean = medians.reduce((a, b) => a + b, 0) / medians.length;
console.log(`pdf.js ${pdfjs.version}: mean of medians ${mean.toFixed(2)} ms per PDF`);
