// The two Tesseract builds for WebAssembly behind one interface, usable in Node and in a page:
//   const engine = await ENGINES[name].create({ wasm, model, psm });
//   const tsv = engine.recognise({ width, height, gray, dpi });   // Tesseract's TSV (words)
// `wasm` and `model` are bytes (Uint8Array); `gray` one byte a pixel.

import { hocrToTsv } from "../../static/ocr/hocr.js";
export { hocrToTsv };

/** Grey bytes to RGBA ImageData-like object. */
function rgba({ width, height, gray }) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
    data[j] = data[j + 1] = data[j + 2] = gray[i];
    data[j + 3] = 255;
  }
  return { width, height, data };
}

/** A binary PGM of the image, for engines that read files. */
function pgm({ width, height, gray }) {
  const head = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(head.length + gray.length);
  out.set(head);
  out.set(gray, head.length);
  return out;
}

export const ENGINES = {
  // npm tesseract-wasm 0.11 (Robert Knight): a trimmed Tesseract 5, SIMD build.
  'tesseract-wasm': {
    async create({ lib, wasm, model, psm = 3 }) {
      const engine = await lib.createOCREngine({ wasmBinary: wasm });
      engine.loadModel(model);
      engine.setVariable('tessedit_pageseg_mode', String(psm));
      return {
        recognise(image) {
          engine.setVariable('user_defined_dpi', String(image.dpi));
          engine.loadImage(rgba(image));
          const tsv = hocrToTsv(engine.getHOCR());
          engine.clearImage();
          return tsv;
        },
      };
    },
  },
  // npm tesseract.js-core 7 (the core of tesseract.js): Tesseract 5 with leptonica, SIMD LSTM build.
  'tesseract.js-core': {
    async create({ factory, wasm, model, psm = 3 }) {
      const core = await factory({ wasmBinary: wasm, print: () => {}, printErr: () => {} });
      core.FS.writeFile('/eng.traineddata', model);
      const api = new core.TessBaseAPI();
      if (api.Init('/', 'eng', 1) !== 0) throw new Error('Init failed');
      api.SetPageSegMode(psm);
      return {
        recognise(image) {
          core.FS.writeFile('/input', pgm(image));
          api.SetImageFile(1, 0);
          api.SetVariable('user_defined_dpi', String(image.dpi));
          api.Recognize(null);
          const tsv = api.GetTSVText(0);
          api.Clear();
          return 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n' + tsv;
        },
      };
    },
  },
};

/** Reads a binary PGM (P5, 8-bit). */
export function readPgm(bytes) {
  let pos = 0;
  const token = () => {
    while (/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(bytes[pos]))) s += String.fromCharCode(bytes[pos++]);
    return s;
  };
  if (token() !== 'P5') throw new Error('not a P5 PGM');
  const width = Number(token()), height = Number(token());
  token();
  pos++;
  return { width, height, gray: bytes.subarray(pos, pos + width * height) };
}
