#!/usr/bin/env bash
# Prints the gzipped size of the probe: baseline, with the PDF reader, and with the scan reader
# on top, after wasm-opt -Oz (binaryen 132 from tools/node_modules; never Debian's wasm-opt).
set -euo pipefail
cd "$(dirname "$0")"
WASM_OPT=../../../tools/node_modules/.bin/wasm-opt
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
out=$(mktemp -d)
for variant in base pdf scan; do
  flags=(); [ "$variant" != base ] && flags=(--features "$variant")
  cargo build --quiet --release --target wasm32-unknown-unknown "${flags[@]}"
  cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/imr_scan_size_probe.wasm" "$out/$variant.wasm"
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals "$out/$variant.wasm" -o "$out/$variant.opt.wasm"
  gzip -9 -c "$out/$variant.opt.wasm" > "$out/$variant.opt.wasm.gz"
  printf '%s: raw %d, -Oz %d, -Oz gzip %d bytes\n' "$variant" \
    "$(stat -c %s "$out/$variant.wasm")" "$(stat -c %s "$out/$variant.opt.wasm")" \
    "$(stat -c %s "$out/$variant.opt.wasm.gz")"
done
p=$(stat -c %s "$out/pdf.opt.wasm.gz"); s=$(stat -c %s "$out/scan.opt.wasm.gz")
echo "scan reader's share on top of the PDF reader, gzipped: $((s - p)) bytes ($(( (s - p + 512) / 1024 )) KB)"
rm -r "$out"
