// One text recogniser: Tesseract built for WebAssembly (npm tesseract-wasm) with the English
// model, in a worker of its own. The OCR worker (imr-ocr-worker.js) starts one per core (at most
// four) and hands each a band of a page at a time, so that a file's pages are read at once.
//
// OCR worker -> engine: {init: {core, model}} once (the bytes of the engine build and of the
// model), then {width, height, dpi, rgba} per band. Engine -> OCR worker: {ready: true} (or
// {error}), then per band {tsv} (Tesseract's TSV word rows) or {error}.
import { createOCREngine } from "./tesseract/lib.js";
import { hocrToTsv } from "./hocr.js";

let engine = null;

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
