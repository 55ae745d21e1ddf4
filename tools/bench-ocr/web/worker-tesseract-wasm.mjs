// tesseract-wasm in a module worker: its lib.js is an ES module.
import { run } from './run.mjs';

onmessage = ({ data }) => run('tesseract-wasm', async () => ({
  lib: await import('./tesseract-wasm/lib.js'),
  wasm: new Uint8Array(await (await fetch('./tesseract-wasm/tesseract-core.wasm')).arrayBuffer()),
}), data);
