#!/usr/bin/env bash
# Builds the web app (release) into dist/, its single-file edition dist/imr-reader.html, and
# the JS API module into dist/imr-js/, and the on-demand OCR files into dist/ocr/.
# Expects the tools of `scripts/setup.sh all` (Trunk, wasm-bindgen 0.2.130, wasm-opt 132).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true RUST_BACKTRACE=0
target_dir=${CARGO_TARGET_DIR:-target}

cargo fetch --locked >/dev/null # Trunk runs cargo offline (Trunk.toml)
trunk build --release
python3 scripts/single_file.py dist # dist/imr-reader.html: the app in one file, for file://

# The JS API (crates/imr-js): an ES module for other pages; not loaded by the app itself.
cargo build --release --locked --target wasm32-unknown-unknown -p imr-js
rm -rf dist/imr-js
wasm-bindgen --target web --no-typescript --out-dir dist/imr-js --out-name imr_js \
  "$target_dir/wasm32-unknown-unknown/release/imr_js.wasm"
wasm-opt -Oz dist/imr-js/imr_js_bg.wasm -o dist/imr-js/imr_js_bg.wasm
# The OCR path (crates/imr-ocr-web, static/ocr/, npm tesseract-wasm, Debian's English model):
# dist/ocr/, fetched only when a scan is met; not precached, not in the first-visit budget.
cargo build --release --locked --target wasm32-unknown-unknown -p imr-ocr-web
rm -rf dist/ocr
mkdir -p dist/ocr/tesseract
wasm-bindgen --target web --no-typescript --out-dir dist/ocr --out-name imr_ocr_web \
  "$target_dir/wasm32-unknown-unknown/release/imr_ocr_web.wasm"
wasm-opt -Oz dist/ocr/imr_ocr_web_bg.wasm -o dist/ocr/imr_ocr_web_bg.wasm
cp static/ocr/imr-ocr-worker.js static/ocr/imr-ocr-engine.js static/ocr/hocr.js dist/ocr/
tw=tools/node_modules/tesseract-wasm
cp "$tw/dist/lib.js" "$tw/dist/tesseract-core.wasm" "$tw/dist/tesseract-core-fallback.wasm" "$tw/LICENSE.md" dist/ocr/tesseract/
cp /usr/share/tesseract-ocr/5/tessdata/eng.traineddata dist/ocr/ # Debian tesseract-ocr-eng (setup)
echo "built dist/ (web app), dist/imr-reader.html (single file), dist/imr-js/ (JS API) and dist/ocr/ (OCR, on demand)"
