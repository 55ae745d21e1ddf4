// Runs one engine in a Web Worker: the way the app would (loaded on demand, from its own origin).
// `window.runBench({engine, model, pages, dpi, psm})` resolves to {initMs, pages: [{name, ms, tsv}]}.
window.runBench = ({ engine, model, pages, dpi, psm }) => new Promise((resolve, reject) => {
  const worker = engine === 'tesseract-wasm'
    ? new Worker('worker-tesseract-wasm.mjs', { type: 'module' })
    : new Worker('worker-tesseract-js-core.js');
  const out = { pages: [] };
  worker.onerror = (e) => reject(new Error(e.message || 'worker error'));
  worker.onmessage = ({ data }) => {
    if (data.error) reject(new Error(data.error));
    else if (data.initMs !== undefined) out.initMs = data.initMs;
    else if (data.page) out.pages.push(data.page);
    else if (data.done) { worker.terminate(); resolve(out); }
  };
  worker.postMessage({ model, pages, dpi, psm });
});
document.title = 'ready';
