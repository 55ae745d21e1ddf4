// One text recogniser: Tesseract built for WebAssembly (npm tesseract-wasm) with the English
// model, in a worker of its own. The OCR worker (imr-ocr-worker.js) starts one per core (at most
// four) and hands each a band of a page at a time, so that a file's pages are read at once.
//
// OCR worker -> engine: {init: {core, model}} once (the bytes of the engine build and of the
// model), then {width, height, dpi, rgba} per band. Engine -> OCR worker: {ready: true} (or
// {error}), then per band {tsv} (Tesseract's TSV word rows) or {error}.
import { createOCREngine } from "./tesseract/lib.js";

let engine = null;

/** hOCR (tesseract-wasm's richest output) to Tesseract's TSV word rows. */
function hocrToTsv(hocr) {
  const rows = [];
  let block = 0, par = 0, line = 0, word = 0;
  const re = /<(div|p|span)\s+class=['"](ocr_carea|ocr_par|ocr_line|ocr_header|ocr_textfloat|ocr_caption|ocrx_word)['"][^>]*title=['"]([^'"]*)['"][^>]*>/g;
  let m;
  while ((m = re.exec(hocr))) {
    const [, , cls, title] = m;
    if (cls === "ocr_carea") { block++; par = 0; }
    else if (cls === "ocr_par") { par++; line = 0; }
    else if (cls !== "ocrx_word") { line++; word = 0; }
    else {
      word++;
      const end = hocr.indexOf("</span>", re.lastIndex);
      let inner = hocr.slice(re.lastIndex, end).replace(/<[^>]+>/g, "");
      inner = inner.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, "&");
      const b = /bbox (\d+) (\d+) (\d+) (\d+)/.exec(title);
      const c = /x_wconf (\d+)/.exec(title);
      if (!b) continue;
      const [x0, y0, x1, y1] = b.slice(1).map(Number);
      rows.push([5, 1, block, par, line, word, x0, y0, x1 - x0, y1 - y0, c ? c[1] : 0, inner].join("\t"));
    }
  }
  return "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" + rows.join("\n") + "\n";
}

onmessage = async ({ data }) => {
  try {
    if (data.init) {
      const e = await createOCREngine({ wasmBinary: data.init.core });
      e.loadModel(data.init.model);
      e.setVariable("tessedit_pageseg_mode", "3");
      engine = e;
      postMessage({ ready: true });
      return;
    }
    const { width, height, dpi, rgba } = data;
    engine.setVariable("user_defined_dpi", String(dpi));
    engine.loadImage({ width, height, data: rgba });
    const tsv = hocrToTsv(engine.getHOCR());
    engine.clearImage();
    postMessage({ tsv });
  } catch (e) {
    postMessage({ error: e?.message ?? String(e) });
  }
};
