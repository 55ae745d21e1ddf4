// tesseract.js-core in a classic worker: its glue is a classic script that defines TesseractCore.
importScripts('./tesseract.js-core/tesseract-core-simd-lstm.js');

onmessage = async ({ data }) => {
  const { run } = await import('./run.mjs');
  run('tesseract.js-core', async () => ({
    factory: self.TesseractCore,
    wasm: new Uint8Array(await (await fetch('./tesseract.js-core/tesseract-core-simd-lstm.wasm')).arrayBuffer()),
  }), data);
};
