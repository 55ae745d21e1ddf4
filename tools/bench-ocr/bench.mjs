// Runs a WebAssembly OCR engine in Node on prepared page images (PGM files written by
// `cargo run -p imr-scan --example ocr_files -- --pages-out DIR ...`), writes each page's words
// as Tesseract TSV, and prints the time per page.
//
//   node bench.mjs --engine tesseract-wasm|tesseract.js-core --model FILE[.gz] --pages DIR \
//                  --out DIR [--dpi 300] [--psm 3] [--only SUBSTRING]
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { ENGINES, readPgm } from './engines.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const dpi = Number(args.dpi ?? 300), psm = Number(args.psm ?? 3);
const here = new URL('.', import.meta.url).pathname;
let model = readFileSync(args.model);
if (args.model.endsWith('.gz')) model = gunzipSync(model);

const t0 = performance.now();
let engine;
if (args.engine === 'tesseract-wasm') {
  const lib = await import('tesseract-wasm');
  const wasm = readFileSync(here + 'node_modules/tesseract-wasm/dist/tesseract-core.wasm');
  engine = await ENGINES[args.engine].create({ lib, wasm, model, psm });
} else {
  const require = createRequire(import.meta.url);
  const factory = require('tesseract.js-core/tesseract-core-simd-lstm.js');
  const wasm = readFileSync(here + 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm');
  engine = await ENGINES[args.engine].create({ factory, wasm, model, psm });
}
const initMs = performance.now() - t0;
mkdirSync(args.out, { recursive: true });
const files = readdirSync(args.pages).filter((f) => f.endsWith('.pgm') && (!args.only || args.only.split(',').some((s) => f.includes(s)))).sort();
const times = [], cpus = [];
for (const f of files) {
  const img = { ...readPgm(readFileSync(`${args.pages}/${f}`)), dpi };
  const t = performance.now(), c = process.cpuUsage();
  const tsv = engine.recognise(img);
  const ms = performance.now() - t, used = process.cpuUsage(c);
  const cpu = (used.user + used.system) / 1000;
  times.push(ms);
  cpus.push(cpu);
  writeFileSync(`${args.out}/${f.replace(/\.pgm$/, '.tsv')}`, tsv);
  console.log(`${f}\t${ms.toFixed(0)} ms\tcpu ${cpu.toFixed(0)} ms`);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
const cpuMean = cpus.reduce((a, b) => a + b, 0) / Math.max(1, cpus.length);
console.log(`# ${args.engine} (node ${process.version}): init ${initMs.toFixed(0)} ms, ${times.length} pages, median ${median.toFixed(0)} ms, mean ${mean.toFixed(0)} ms a page (wall); CPU ${cpuMean.toFixed(0)} ms a page`);
