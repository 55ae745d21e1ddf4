#!/usr/bin/env bash
# The whole native OCR path (read, prepare, Debian's tesseract, assemble) on a folder of scanned
# letters; writes each letter's OCR text to OUT_DIR and reports the time per page, then how many
# of the parser's fields come out right against the letters' text layers (tests/corpus/real).
#
# Usage: scripts/bench-ocr.sh SCANS_DIR OUT_DIR [ocr_files options: --dpi 300 --psm 3 --deskew 1 ...]
# Scans are named <letter>.scan-<kind>.pdf (or .png/.jpg/.tif), as the scan maker writes them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then sed -n '2,7p' "$0"; exit 2; fi
scans=$1 out=$2; shift 2
cargo build --release --locked -q -p imr-scan --features native-tesseract --examples
mkdir -p "$out"
# CPU seconds (this process and Tesseract's) next to wall time: the machine may be shared.
/usr/bin/time -f 'cpu: %U s user + %S s system, wall %e s' \
  target/release/examples/ocr_files "$@" "$out" "$scans"/*.scan-* | tee "$out/timing.tsv"
target/release/examples/compare_fields "$out" tests/corpus/real | tee "$out/fields.txt"
