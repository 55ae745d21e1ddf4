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

step "native tests (parser, PDF, CLI)"
cargo test --workspace --locked

step "the parser and the PDF reader build for wasm32"
cargo build --locked --target wasm32-unknown-unknown -p imr-letter -p imr-pdf

# -- PDF in the browser (wasm-bindgen-test in Chromium) --

# -- web app: build, bundle budget, end-to-end tests in Chromium --
