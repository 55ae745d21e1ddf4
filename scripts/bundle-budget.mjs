#!/usr/bin/env node
// The bundle budget: the sum of the gzipped sizes (level 9) of everything the page can load:
// index.html, the service worker, and every file in its precache list (the page's script,
// wasm, CSS, icon, and the parsing worker's loader, script and wasm). Fails above the limit.
// dist/imr-js/ (the JS API for other pages) is not loaded by the app and not counted.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const LIMIT = 500_000; // bytes: "500 KB", read strictly (decimal)
const sw = readFileSync(join(dist, "sw.js"), "utf8");
const m = sw.match(/const PRECACHE = (\[.*?\]);/s);
if (!m) { console.error("bundle budget: no precache list in dist/sw.js"); process.exit(2); }
const files = new Set(["index.html", "sw.js"]);
for (const f of JSON.parse(m[1])) if (f !== "./") files.add(f.replace(/^\.\//, ""));
let total = 0;
const rows = [];
for (const f of [...files].sort()) {
  const raw = readFileSync(join(dist, f));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push([gz, raw.length, f]);
}
rows.sort((a, b) => b[0] - a[0]);
for (const [gz, raw, f] of rows) console.log(`${String(gz).padStart(8)} gz ${String(raw).padStart(9)} raw  ${f}`);
// What loads only when a scan is met (dist/ocr/): measured apart, not counted.
const ocrDir = join(dist, "ocr");
if (existsSync(ocrDir)) {
  let ocrGz = 0, ocrRaw = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) { walk(p); continue; }
      if (p.endsWith("-fallback.wasm") || p.endsWith(".md")) continue; // fetched only without SIMD / never
      const raw = readFileSync(p);
      ocrGz += gzipSync(raw, { level: 9 }).length;
      ocrRaw += raw.length;
    }
  };
  walk(ocrDir);
  console.log(`on demand (a scan met; not counted): ocr/ ${ocrGz} bytes gzipped (${(ocrGz / 1e6).toFixed(2)} MB), ${ocrRaw} raw`);
}
const verdict = total <= LIMIT ? "within" : "OVER";
console.log(`bundle budget: ${total} bytes gzipped (${(total / 1000).toFixed(1)} KB) for ${files.size} files, ${verdict} the limit of ${LIMIT / 1000} KB`);
process.exit(total <= LIMIT ? 0 : 1);
