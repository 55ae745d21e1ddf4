#!/usr/bin/env bash
# Installs what the project needs and is missing; skips what is there at the right version.
# Usage: scripts/setup.sh [core|web|all]   (core: Rust targets and the OCR engine; web: + Trunk, wasm-bindgen, browser)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
say() { printf 'setup: %s\n' "$*" >&2; }

ensure_rust_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  for c in rustfmt clippy; do
    rustup component list --installed | grep -q "^$c" || rustup component add "$c"
  done
}

# ensure_cargo_tool BIN VERSION CRATE [install flags...]
ensure_cargo_tool() {
  local bin=$1 version=$2 crate=$3; shift 3
  if command -v "$bin" >/dev/null && "$bin" --version 2>/dev/null | grep -q "$version"; then return; fi
  say "installing $crate $version (a few minutes, once)"
  cargo install "$crate" --version "$version" "$@"
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_npm_tools() {
  if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -d tools/node_modules/playwright-core ] \
    || [ ! -d tools/node_modules/axe-core ] \
    || [ ! -f tools/node_modules/tesseract-wasm/dist/tesseract-core.wasm ]; then
    say "installing npm tools (binaryen, playwright-core, axe-core, tesseract-wasm)"
    (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_rust_target
ensure_apt tesseract-ocr tesseract-ocr-eng # scanned letters: the CLI's OCR engine and its English model
if [ "$what" = core ]; then exit 0; fi
ensure_cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli
ensure_cargo_tool trunk "$TRUNK_VERSION" trunk --locked
ensure_apt chromium chromium-driver
ensure_npm_tools
