#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never RUST_BACKTRACE=0
step() { printf '\n== %s\n' "$*"; }

step setup
scripts/setup.sh all
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "native tests (parser, PDF, scans with Debian's tesseract, CLI)"
cargo test --workspace --locked

step "the parser, the PDF reader and the scan reader build for wasm32"
cargo build --locked --target wasm32-unknown-unknown -p imr-letter -p imr-pdf -p imr-scan
cargo clippy --locked --target wasm32-unknown-unknown -p imr-scan --no-deps -- -D warnings

# -- PDF in the browser (wasm-bindgen-test in Chromium) --
step "PDF reader: clippy for wasm32, and a real letter extracted in headless Chromium"
cargo clippy --locked --target wasm32-unknown-unknown -p imr-pdf --all-targets --no-deps -- -D warnings
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked --target wasm32-unknown-unknown -p imr-pdf

# -- web app: build, bundle budget, end-to-end tests in Chromium --
step "web app: clippy for wasm32 (page, worker, JS API, OCR module)"
cargo clippy --locked --target wasm32-unknown-unknown -p imr-web -p imr-js -p imr-ocr-web -- -D warnings

step "web app: component tests in Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked --target wasm32-unknown-unknown -p imr-web --test components

step "web app: release build (Trunk) and the JS API module"
scripts/build-web.sh

step "web app: bundle budget (everything the page loads, at most 500 KB gzipped)"
node scripts/bundle-budget.mjs dist

step "web app: end-to-end tests in Chromium"
cargo build --locked -p imr-cli # the native parser the tests compare with
node --test --test-concurrency=1 tests/e2e/

