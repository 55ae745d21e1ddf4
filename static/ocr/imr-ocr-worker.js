// The OCR worker: started by the page only when a file has no text layer or is an image, and
// never part of the first visit. Runs Tesseract built for WebAssembly (npm tesseract-wasm) with
// the English model, both served from this directory (the page's own origin), beside the scan
// module (crates/imr-ocr-web: page images out, words in, the letter out).
//
// Page -> worker: {id, file}. Worker -> page: {id, stage: "loading", loaded, total} while the
// engine loads, {id, stage: "page", page, pages} before each page is recognised, then
// {id, reply} with the page's Reply JSON ({id, "ok": Parsed} or {id, "err": {code, message}}).
// The page cancels by terminating this worker.
import init, { ScanJob } from "./imr_ocr_web.js";
import { createOCREngine, supportsFastBuild } from "./tesseract/lib.js";

/** The engine's name and version, as the letter's `ocr.engine` gives it. */
const ENGINE = "tesseract-wasm 0.11.0 (Tesseract 5, eng)";

let engine = null;

/** Fetches this worker's files, reporting the bytes as they come. */
async function fetchAll(urls, report) {
  const responses = await Promise.all(urls.map((u) => fetch(new URL(u, import.meta.url))));
  for (const r of responses) if (!r.ok) throw Object.assign(new Error("The text recogniser could not be loaded."), { code: "ocr-unavailable" });
  const total = responses.reduce((n, r) => n + Number(r.headers.get("content-length") ?? 0), 0);
  let loaded = 0;
  return Promise.all(responses.map(async (r) => {
    const reader = r.body.getReader();
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      report(loaded, total);
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }));
}

async function load(report) {
  if (engine) return;
  const core = supportsFastBuild() ? "./tesseract/tesseract-core.wasm" : "./tesseract/tesseract-core-fallback.wasm";
  const [scanWasm, coreWasm, model] = await fetchAll(["./imr_ocr_web_bg.wasm", core, "./eng.traineddata"], report);
  await init({ module_or_path: scanWasm });
  const e = await createOCREngine({ wasmBinary: coreWasm });
  e.loadModel(model);
  e.setVariable("tessedit_pageseg_mode", "3");
  engine = e;
}

/** hOCR (tesseract-wasm's richest output) to Tesseract's TSV word rows. */
function hocrToTsv(hocr) {
  const rows = [];
  let block = 0, par = 0, line = 0, word = 0;
  const re = /<(div|p|span)\s+class=['"](ocr_carea|ocr_par|ocr_line|ocr_header|ocr_textfloat|ocr_caption|ocrx_word)['"][^>]*title=['"]([^'"]*)['"][^>]*>/g;
  let m;
  while ((m = re.exec(hocr))) {
    const [, , cls, title] = m;
    if (cls === 'ocr_carea') { block++; par = 0; }
    else if (cls === 'ocr_par') { par++; line = 0; }
    else if (cls !== 'ocrx_word') { line++; word = 0; }
    else {
      word++;
      const end = hocr.indexOf('</span>', re.lastIndex);
      let inner = hocr.slice(re.lastIndex, end).replace(/<[^>]+>/g, '');
      inner = inner.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      const b = /bbox (\d+) (\d+) (\d+) (\d+)/.exec(title);
      const c = /x_wconf (\d+)/.exec(title);
      if (!b) continue;
      const [x0, y0, x1, y1] = b.slice(1).map(Number);
      rows.push([5, 1, block, par, line, word, x0, y0, x1 - x0, y1 - y0, c ? c[1] : 0, inner].join('\t'));
    }
  }
  return 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n' + rows.join('\n') + '\n';
}

async function read(id, file) {
  await load((loaded, total) => postMessage({ id, stage: "loading", loaded, total }));
  const job = new ScanJob(new Uint8Array(await file.arrayBuffer()), file.name ?? null);
  try {
    const pages = job.pageCount();
    for (let i = 0; i < pages; i++) {
      const image = job.pageImage(i);
      if (!image) continue;
      postMessage({ id, stage: "page", page: i + 1, pages });
      const { width, height, dpi } = image;
      engine.setVariable("user_defined_dpi", String(dpi));
      engine.loadImage({ width, height, data: new Uint8ClampedArray(image.rgba().buffer) });
      image.free();
      const tsv = hocrToTsv(engine.getHOCR());
      engine.clearImage();
      job.setWords(i, width, height, dpi, tsv);
    }
    return job.finish(id, ENGINE);
  } finally {
    job.free();
  }
}

onmessage = async ({ data: { id, file } }) => {
  let reply;
  try {
    reply = await read(id, file);
  } catch (e) {
    reply = JSON.stringify({ id, err: { code: e?.code ?? "ocr-failed", message: e?.message ?? String(e) } });
  }
  postMessage({ id, reply });
};
