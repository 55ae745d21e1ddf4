// The OCR worker: started by the page only when a file has no text layer (or only some of its
// pages have one) or is an image, and never part of the first visit. Runs Tesseract built for
// WebAssembly (npm tesseract-wasm) with the English model, both served from this directory (the
// page's own origin), beside the scan module (crates/imr-ocr-web over imr-read's scan path: the
// pages without text out, words in, the letter out). The engine is loaded only when a page needs
// it (a PDF whose blank pages hold no image is read from its text alone).
//
// Page -> worker: {id, file} ({id, file, previews: false}: no page images, for the JS API's
// readAny), or {id, prefetch: true} to fetch every file of the recogniser into
// the service worker's cache ahead of time ("make available offline"). Worker -> page:
// {id, stage: "loading", loaded, total} while files load, {id, stage: "page", page, pages}
// before each page is recognised, then {id, reply, images} with the page's Reply JSON ({id,
// "ok": Parsed} or {id, "err": {code, message}}) and, per page of the file, a downscaled PNG of
// the page as the engine read it (null for a page read from its text layer): the letter view
// draws the words' boxes on it. The page cancels by terminating this worker.
import init, { ScanReader } from "./imr_ocr_web.js";
import { createOCREngine, supportsFastBuild } from "./tesseract/lib.js";

/** The engine's name and version, as the letter's `ocr.engine` gives it. */
const ENGINE = "tesseract-wasm 0.11.0 (Tesseract 5, eng)";
/** Width of the page images kept for the letter view (150 dpi of a letter page). */
const PREVIEW_WIDTH = 1275;

let scanModule = null;
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

/** The files of the recogniser (the engine build this browser runs, and the model). */
function engineFiles() {
  const core = supportsFastBuild() ? "./tesseract/tesseract-core.wasm" : "./tesseract/tesseract-core-fallback.wasm";
  return [core, "./eng.traineddata"];
}

async function loadScanModule(report) {
  if (scanModule) return;
  const [scanWasm] = await fetchAll(["./imr_ocr_web_bg.wasm"], report);
  await init({ module_or_path: scanWasm });
  scanModule = true;
}

async function loadEngine(report) {
  if (engine) return;
  const [coreWasm, model] = await fetchAll(engineFiles(), report);
  const e = await createOCREngine({ wasmBinary: coreWasm });
  e.loadModel(model);
  e.setVariable("tessedit_pageseg_mode", "3");
  engine = e;
}

/** A page as the engine read it, downscaled, as a PNG blob (null where the browser cannot). */
async function preview(rgba, width, height) {
  if (typeof OffscreenCanvas === "undefined") return null;
  const scale = Math.min(1, PREVIEW_WIDTH / width);
  const w = Math.max(1, Math.round(width * scale)), h = Math.max(1, Math.round(height * scale));
  const bitmap = await createImageBitmap(new ImageData(rgba, width, height), { resizeWidth: w, resizeHeight: h, resizeQuality: "high" });
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: "image/png" });
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

async function read(id, file, previews) {
  const report = (loaded, total) => postMessage({ id, stage: "loading", loaded, total });
  await loadScanModule(report);
  const job = new ScanReader(new Uint8Array(await file.arrayBuffer()), file.name ?? null);
  try {
    const images = new Array(job.pageCount()).fill(null);
    const n = job.toRecognise();
    if (n > 0) await loadEngine(report);
    for (let k = 0; k < n; k++) {
      const page = job.pageNumber(k);
      postMessage({ id, stage: "page", page, pages: images.length });
      const image = job.pageImage(k);
      const { width, height, dpi } = image;
      const rgba = new Uint8ClampedArray(image.rgba().buffer);
      image.free();
      if (previews) images[page - 1] = await preview(rgba, width, height);
      engine.setVariable("user_defined_dpi", String(dpi));
      engine.loadImage({ width, height, data: rgba });
      const tsv = hocrToTsv(engine.getHOCR());
      engine.clearImage();
      job.setWords(k, width, height, dpi, tsv);
    }
    return { reply: job.finish(id, ENGINE), images };
  } finally {
    job.free();
  }
}

/** Fetches every file of the recogniser (the service worker keeps them), reporting the bytes. */
async function prefetch(id) {
  const report = (loaded, total) => postMessage({ id, stage: "loading", loaded, total });
  await fetchAll(["./imr-ocr-worker.js", "./imr_ocr_web.js", "./imr_ocr_web_bg.wasm", "./tesseract/lib.js", ...engineFiles()], report);
  return { reply: JSON.stringify({ id, prefetched: true }), images: [] };
}

onmessage = async ({ data: { id, file, prefetch: ahead, previews = true } }) => {
  let answer;
  try {
    answer = await (ahead ? prefetch(id) : read(id, file, previews));
  } catch (e) {
    answer = { reply: JSON.stringify({ id, err: { code: e?.code ?? "ocr-failed", message: e?.message ?? String(e) } }), images: [] };
  }
  postMessage({ id, ...answer });
};
