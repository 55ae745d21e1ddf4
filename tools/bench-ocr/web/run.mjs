// Shared by both workers: fetch the model and the pages, recognise each page, report times.
import { ENGINES, readPgm } from './engines.mjs';

export async function run(name, load, { model, pages, dpi, psm }) {
  try {
    const t0 = performance.now();
    const modelBytes = new Uint8Array(await (await fetch(model)).arrayBuffer());
    const engine = await ENGINES[name].create({ ...(await load()), model: modelBytes, psm });
    postMessage({ initMs: performance.now() - t0 });
    for (const url of pages) {
      const img = { ...readPgm(new Uint8Array(await (await fetch(url)).arrayBuffer())), dpi };
      const t = performance.now();
      const tsv = engine.recognise(img);
      postMessage({ page: { name: url.split('/').pop(), ms: performance.now() - t, tsv } });
    }
    postMessage({ done: true });
  } catch (e) {
    postMessage({ error: String(e && e.stack || e) });
  }
}
