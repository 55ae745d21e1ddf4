// The OCR worker: started by the page only when a file has no text layer (or only some of its
// pages have one) or is an image, and never part of the first visit. It holds the scan module
// (crates/imr-ocr-web over imr-read's scan path: the pages without text out as page images cut
// into bands, words in, the letter out) and a pool of text recognisers, one per core up to four
// (imr-ocr-engine.js: Tesseract built for WebAssembly, npm tesseract-wasm, with the English
// model), all served from this directory (the page's own origin). The recognisers read a file's
// bands at once; they load only when a page needs them (a PDF whose blank pages hold no image is
// read from its text alone), and stay loaded for the next file.
//
// Page -> worker: {id, file} ({id, file, previews: false}: no page images, for the JS API's
// readAny), or {id, prefetch: true} to fetch every file of the recogniser into
// the service worker's cache ahead of time ("make available offline"). Worker -> page:
// {id, stage: "loading", loaded, total} while files load, {id, stage: "page", page, pages}
// as each page starts being recognised, then {id, reply, images} with the page's Reply JSON
// ({id, "ok": Parsed} or {id, "err": {code, message}}) and, per page of the file, a downscaled
// JPEG of the page as the engine read it (null for a page read from its text layer): the letter
// view draws the words' boxes on it. The page cancels by terminating this worker (its
// recognisers go with it).
import init, { ScanReader } from "./imr_ocr_web.js";
import { supportsFastBuild } from "./tesseract/lib.js";

/** The engine's name and version, as the letter's `ocr.engine` gives it. */
const ENGINE = "tesseract-wasm 0.11.0 (Tesseract 5, eng)";

/** Most recognisers run at once (each holds the model and a page: some 100 MB). */
const MAX_ENGINES = 4;

let scanModule = null;
/** The recognisers, once loaded: [Engine]. */
let engines = null;

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

/** One recogniser worker, reading one band at a time. */
class Engine {
  constructor() {
    this.worker = new Worker(new URL("./imr-ocr-engine.js", import.meta.url), { type: "module" });
    this.pending = null;
    this.worker.onmessage = ({ data }) => {
      const p = this.pending;
      this.pending = null;
      if (data.error !== undefined) p?.reject(Object.assign(new Error(data.error), { code: "ocr-failed" }));
      else p?.resolve(data);
    };
    // A trap or running out of memory: the file fails, the next one gets new recognisers.
    this.worker.onerror = (e) => {
      e.preventDefault();
      const p = this.pending;
      this.pending = null;
      p?.reject(Object.assign(new Error("The text recogniser stopped on this file; it was restarted for the others."), { code: "ocr-crashed" }));
    };
  }
  /** Sends `message` (transferring `transfer`) and waits for the answer. */
  ask(message, transfer = []) {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    });
  }
}

async function loadEngines(report) {
  if (engines) return engines;
  const [core, model] = await fetchAll(engineFiles(), report);
  const count = Math.max(1, Math.min(MAX_ENGINES, navigator.hardwareConcurrency || 1));
  const pool = Array.from({ length: count }, () => new Engine());
  try {
    await Promise.all(pool.map((e) => e.ask({ init: { core, model } })));
  } catch (e) {
    pool.forEach((e) => e.worker.terminate());
    throw e;
  }
  engines = pool;
  return pool;
}

function dropEngines() {
  engines?.forEach((e) => e.worker.terminate());
  engines = null;
}

/** A page as the engine read it, shrunk by the scan module, as a JPEG blob (null where the
 * browser cannot). JPEG: a tenth of PNG's time to encode, and the recognisers share the cores. */
function preview(image) {
  if (typeof OffscreenCanvas === "undefined") return null;
  const { width, height } = image;
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(image.rgba().buffer), width, height), 0, 0);
  return canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 });
}

/** Recognises every page of `job` that needs it, the bands of the file shared among the
 * recognisers (the first page whole, later pages in halves: two recognisers finish together). */
async function recognise(id, job, pool, images, previews) {
  const n = job.toRecognise();
  const queue = [];
  let prepared = 0, shown = 0;
  // The next page's bands onto the queue (its preview drawn meanwhile).
  const prepareNext = async () => {
    const k = prepared++;
    const page = job.pageNumber(k);
    const bands = job.pageBands(k).map((b, band) => {
      const piece = { k, band, page, width: b.width, height: b.height, dpi: b.dpi, rgba: new Uint8ClampedArray(b.rgba().buffer) };
      b.free();
      return piece;
    });
    queue.push(...bands);
    const shrunk = job.takePreview(k);
    if (shrunk) {
      const drawn = previews ? preview(shrunk) : null;
      shrunk.free();
      if (drawn) images[page - 1] = await drawn;
    }
  };
  let failure = null;
  await Promise.all(pool.map(async (engine) => {
    try {
      while (!failure) {
        if (!queue.length && prepared < n) await prepareNext();
        const piece = queue.shift();
        if (!piece || failure) return;
        if (piece.page > shown) {
          shown = piece.page;
          postMessage({ id, stage: "page", page: piece.page, pages: images.length });
        }
        const { width, height, dpi, rgba } = piece;
        const answer = engine.ask({ width, height, dpi, rgba }, [rgba.buffer]);
        // Cut the next page while the recognisers work.
        if (queue.length < pool.length && prepared < n) await prepareNext();
        const { tsv } = await answer;
        if (!failure) job.setBandWords(piece.k, piece.band, tsv);
      }
    } catch (e) {
      failure ??= e;
    }
  }));
  if (failure) throw failure;
}

async function read(id, file, previews) {
  const report = (loaded, total) => postMessage({ id, stage: "loading", loaded, total });
  await loadScanModule(report);
  const job = new ScanReader(new Uint8Array(await file.arrayBuffer()), file.name ?? null);
  try {
    const images = new Array(job.pageCount()).fill(null);
    if (job.toRecognise() > 0) {
      const pool = await loadEngines(report);
      try {
        await recognise(id, job, pool, images, previews);
      } catch (e) {
        if (e?.code === "ocr-crashed") dropEngines();
        throw e;
      }
    }
    return { reply: job.finish(id, ENGINE), images };
  } finally {
    job.free();
  }
}

/** Fetches every file of the recogniser (the service worker keeps them), reporting the bytes. */
async function prefetch(id) {
  const report = (loaded, total) => postMessage({ id, stage: "loading", loaded, total });
  await fetchAll(["./imr-ocr-worker.js", "./imr-ocr-engine.js", "./hocr.js", "./imr_ocr_web.js", "./imr_ocr_web_bg.wasm", "./tesseract/lib.js", ...engineFiles()], report);
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
