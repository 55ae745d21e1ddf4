// Runs a WebAssembly OCR engine in headless Chromium, in a Web Worker of a page served from
// 127.0.0.1 with a strict Content-Security-Policy, on prepared page images (PGM); writes each
// page's words as Tesseract TSV and prints the time per page. Fails on any request that leaves
// the page's origin.
//
//   node browser.mjs --engine tesseract-wasm|tesseract.js-core --model FILE[.gz] --pages DIR \
//                    --out DIR [--dpi 300] [--psm 3] [--only SUBSTRING] [--csp "..."]
import { createServer } from 'node:http';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const here = new URL('.', import.meta.url).pathname;
const csp = args.csp ?? "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";
let model = readFileSync(args.model);
if (args.model.endsWith('.gz')) model = gunzipSync(model);
const files = readdirSync(args.pages).filter((f) => f.endsWith('.pgm') && (!args.only || args.only.split(',').some((s) => f.includes(s)))).sort();

const routes = {
  '/engines.mjs': here + 'engines.mjs',
  '/static/ocr/hocr.js': here + '../../static/ocr/hocr.js',
  '/tesseract-wasm/lib.js': here + 'node_modules/tesseract-wasm/dist/lib.js',
  '/tesseract-wasm/tesseract-core.wasm': here + 'node_modules/tesseract-wasm/dist/tesseract-core.wasm',
  '/tesseract.js-core/tesseract-core-simd-lstm.js': here + 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.js',
  '/tesseract.js-core/tesseract-core-simd-lstm.wasm': here + 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
};
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  let file = routes[path] ?? (path === '/' ? here + 'web/index.html' : here + 'web' + path);
  let body;
  if (path === '/model') body = model;
  else if (path.startsWith('/pages/')) body = readFileSync(args.pages + '/' + decodeURIComponent(path.slice(7)));
  else if (!path.includes('..') && existsSync(file)) body = readFileSync(file);
  if (!body) { res.writeHead(404); res.end(); return; }
  const ext = file.slice(file.lastIndexOf('.'));
  res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream', 'content-security-policy': csp });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const require = createRequire(here + '../package.json');
const { chromium } = require('playwright-core');
const context = await chromium.launchPersistentContext(mkdtempSync(tmpdir() + '/ocr-bench-'), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const offOrigin = [], problems = [];
context.on('request', (r) => { if (!r.url().startsWith(origin)) offOrigin.push(r.url()); });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push(String(e)));
await page.goto(origin + '/');
await page.waitForFunction(() => document.title === 'ready');
const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
const result = await page.evaluate((opts) => window.runBench(opts), {
  engine: args.engine, model: '/model', pages: files.map((f) => '/pages/' + encodeURIComponent(f)),
  dpi: Number(args.dpi ?? 300), psm: Number(args.psm ?? 3),
});
await context.close();
server.close();
mkdirSync(args.out, { recursive: true });
for (const p of result.pages) {
  writeFileSync(`${args.out}/${decodeURIComponent(p.name).replace(/\.pgm$/, '.tsv')}`, p.tsv);
  console.log(`${decodeURIComponent(p.name)}\t${p.ms.toFixed(0)} ms`);
}
const times = result.pages.map((p) => p.ms).sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
console.log(`# ${args.engine} in ${version} (Web Worker, CSP "${csp}"): init ${result.initMs.toFixed(0)} ms (fetch model + wasm, compile), ${times.length} pages, median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, mean ${mean.toFixed(0)} ms a page`);
if (offOrigin.length || problems.length) {
  console.error('requests off the origin:', offOrigin, 'errors:', problems);
  process.exit(1);
}
