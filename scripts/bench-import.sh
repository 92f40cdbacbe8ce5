#!/usr/bin/env bash
# Benchmark `vitae import` (release build) and compare it with pdftotext.
#
# Usage: scripts/bench-import.sh [COPIES] [MEM_INPUTS]
#   COPIES      copies of each sample for the throughput runs (default 20)
#   MEM_INPUTS  inputs for the memory run (default 10000)
# Environment: VITAE_CORPUS (default ../shared/corpus), JOBS (default: all cores).
#
# The corpus is the Markdown samples of samples/ plus our PDFs (samples/pdf/)
# and the PDFs of the corpus,
# COPIES times over (hard links: no disk space; every copy is parsed because
# the runs use --no-dedupe). It prints, for vitae: files/s, MB/s, peak RSS;
# for the same PDFs: pdftotext one process per file, in a plain loop (as
# users script it) and under xargs -P JOBS; the throughput ratios; and peak
# RSS for 100 inputs and MEM_INPUTS inputs against the 100 MB target.
# Needs pdftotext (Debian: poppler-utils) and, for RSS, GNU time (Debian: time).
set -euo pipefail

COPIES=${1:-20}
MEM_INPUTS=${2:-10000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}
JOBS=${JOBS:-$(nproc)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vitae-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  GNU_TIME=/usr/bin/time
else
  GNU_TIME=
  echo "note: GNU time not found: peak RSS not measured (install it: apt-get install time)"
fi
if ! command -v pdftotext >/dev/null; then
  echo "note: pdftotext not found: no comparison (install it: apt-get install poppler-utils)"
fi

echo "building the release binary..."
(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/vitae"

# One set of the base files, then hard links for the copies.
BASE="$WORK/base"
mkdir -p "$BASE/md" "$BASE/pdf"
for f in "$ROOT"/samples/*; do [ -f "$f" ] && cp "$f" "$BASE/md/"; done
# Our generated PDFs count with the corpus PDFs.
for f in "$ROOT"/samples/pdf/*.pdf; do [ -f "$f" ] && cp "$f" "$BASE/pdf/sample_${f##*/}"; done
if [ -d "$CORPUS" ]; then
  find "$CORPUS" -name '*.pdf' -print0 | while IFS= read -r -d '' f; do
    rel=${f#"$CORPUS"/}
    cp "$f" "$BASE/pdf/${rel//\//_}"
  done
else
  echo "note: no corpus at $CORPUS: Markdown samples only"
fi
n_md=$(find "$BASE/md" -type f | wc -l)
n_pdf=$(find "$BASE/pdf" -type f | wc -l)

# make_corpus DIR COPIES KIND(all|pdf): hard-linked copies of the base set.
make_corpus() {
  local dir=$1 copies=$2 kind=$3 k
  for ((k = 0; k < copies; k++)); do
    mkdir -p "$dir/c$k"
    if [ "$kind" = all ]; then ln "$BASE"/md/* "$dir/c$k/"; fi
    if [ "$n_pdf" -gt 0 ]; then ln "$BASE"/pdf/* "$dir/c$k/"; fi
  done
}

bytes_of() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# run_vitae DIR LABEL: import DIR; sets SECS, RSS_MB, IMPORTED, FAILED.
run_vitae() {
  local dir=$1 out="$WORK/out.jsonl" err="$WORK/errors.jsonl" log="$WORK/time.log" t0 t1
  rm -f "$out" "$err"
  t0=$(now)
  if [ -n "$GNU_TIME" ]; then
    "$GNU_TIME" -v -o "$log" "$BIN" import "$dir" -o "$out" --errors "$err" --no-dedupe -j "$JOBS" -q
    RSS_MB=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
  else
    "$BIN" import "$dir" -o "$out" --errors "$err" --no-dedupe -j "$JOBS" -q
    RSS_MB=n/a
  fi
  t1=$(now)
  SECS=$(calc "$t1 - $t0" 3)
  IMPORTED=$(wc -l <"$out")
  FAILED=$(wc -l <"$err")
  PDF_UNSUPPORTED=$(grep -c '"kind":"pdf_unsupported"' "$err" || true)
}

echo
echo "== vitae import: $COPIES copies of $n_md Markdown samples + $n_pdf PDFs, -j $JOBS"
make_corpus "$WORK/all" "$COPIES" all
files=$(find "$WORK/all" -type f | wc -l)
mb=$(calc "$(bytes_of "$WORK/all") / 1e6" 1)
run_vitae "$WORK/all"
echo "inputs $files ($mb MB): imported $IMPORTED, failed $FAILED in $SECS s"
echo "vitae: $(calc "$files / $SECS") files/s, $(calc "$mb / $SECS") MB/s, peak RSS $RSS_MB MB"
if [ "$PDF_UNSUPPORTED" -gt 0 ]; then
  echo "note: this build cannot read PDFs yet ($PDF_UNSUPPORTED pdf_unsupported): the figures above are not meaningful for PDFs"
fi

if [ "$n_pdf" -gt 0 ] && command -v pdftotext >/dev/null; then
  echo
  echo "== the same PDFs: vitae import vs pdftotext (one process per file)"
  make_corpus "$WORK/pdf" "$COPIES" pdf
  pdfs=$(find "$WORK/pdf" -type f | wc -l)
  run_vitae "$WORK/pdf"
  v_secs=$SECS
  v_rate=$(calc "$pdfs / $v_secs")
  echo "vitae import:          $pdfs PDFs in $v_secs s, $v_rate files/s (imported $IMPORTED, failed $FAILED)"
  mkdir -p "$WORK/txt"
  t0=$(now)
  for f in "$WORK"/pdf/*/*.pdf; do pdftotext -q "$f" "$WORK/txt/out.txt" || true; done
  t1=$(now)
  loop_secs=$(calc "$t1 - $t0" 3)
  t0=$(now)
  find "$WORK/pdf" -name '*.pdf' -print0 |
    xargs -0 -P "$JOBS" -I{} sh -c 'pdftotext -q "$1" - >/dev/null || true' _ {}
  t1=$(now)
  par_secs=$(calc "$t1 - $t0" 3)
  echo "pdftotext, a loop:     $pdfs PDFs in $loop_secs s, $(calc "$pdfs / $loop_secs") files/s"
  echo "pdftotext, xargs -P $JOBS: $pdfs PDFs in $par_secs s, $(calc "$pdfs / $par_secs") files/s"
  echo "throughput ratio (vitae / pdftotext loop):     $(calc "$loop_secs / $v_secs" 2)x (target >= 2x)"
  echo "throughput ratio (vitae / pdftotext xargs -P): $(calc "$par_secs / $v_secs" 2)x"
  if [ "$PDF_UNSUPPORTED" -gt 0 ]; then
    echo "note: PDFs failed as pdf_unsupported: this ratio measures nothing yet"
  fi
fi

echo
echo "== memory: 100 inputs vs $MEM_INPUTS inputs"
per_copy=$((n_md + n_pdf))
for target in 100 "$MEM_INPUTS"; do
  copies=$(((target + per_copy - 1) / per_copy))
  rm -rf "$WORK/mem"
  make_corpus "$WORK/mem" "$copies" all
  files=$(find "$WORK/mem" -type f | wc -l)
  run_vitae "$WORK/mem"
  echo "$files inputs: $SECS s, $(calc "$files / $SECS") files/s, peak RSS $RSS_MB MB"
  LAST_RSS=$RSS_MB
done
rm -rf "$WORK/mem"
if [ "$LAST_RSS" != n/a ]; then
  echo "peak RSS for $MEM_INPUTS inputs vs the 100 MB target: $(calc "$LAST_RSS / 100" 2) of the target"
fi
