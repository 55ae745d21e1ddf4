#!/usr/bin/env bash
# The CLI on every core: FILES files (the corpus's letters as text and as PDFs, repeated) read
# with --jobs 1 and with --jobs JOBS, RUNS times each; prints the median wall time of each, the
# speed-up, and checks that both outputs are byte-identical. A benchmark, run by hand
# (BENCHMARKS.md), not a test: its times depend on the machine.
#
# Usage: scripts/bench-cli.sh [FILES (3000)] [JOBS (all cores)] [RUNS (3)]
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-3000} jobs=${2:-$(nproc)} runs=${3:-3}
cargo build --release --locked -q -p imr-cli
imr=target/release/imr
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ls tests/corpus/real/*.txt tests/corpus/real/pdf/*.pdf |
  awk -v n="$files" '{ f[NR] = $0 } END { for (i = 0; i < n; i++) print f[i % NR + 1] }' > "$tmp/list"
echo "# $(grep -c . "$tmp/list") files ($(grep -c '\.pdf$' "$tmp/list") PDFs), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for j in 1 "$jobs"; do
  for r in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$imr" parse --format jsonl --jobs "$j" --files-from "$tmp/list" > "$tmp/out-$j.jsonl" 2> "$tmp/err-$j.txt" || true
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", b - a }'
  done | median > "$tmp/time-$j"
  echo "--jobs $j: $(cat "$tmp/time-$j") s (median of $runs)"
done
cmp "$tmp/out-1.jsonl" "$tmp/out-$jobs.jsonl" && cmp "$tmp/err-1.txt" "$tmp/err-$jobs.txt" &&
  echo "outputs byte-identical ($(wc -l < "$tmp/out-1.jsonl") letters)"
awk -v a="$(cat "$tmp/time-1")" -v b="$(cat "$tmp/time-$jobs")" -v j="$jobs" \
  'BEGIN { printf "speed-up with %d jobs: %.2fx\n", j, a / b }'
