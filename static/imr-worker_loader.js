// Starts the parsing worker built by Trunk (data-type="worker": wasm-bindgen --target no-modules).
importScripts("./imr-worker.js");
wasm_bindgen({ module_or_path: "./imr-worker_bg.wasm" });
