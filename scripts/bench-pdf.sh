#!/usr/bin/env bash
# Whole-process time per PDF: `vitae parse` (release build, whole pipeline,
# JSON written) against `pdftotext` extracting the same file.
#
# Usage: scripts/bench-pdf.sh [RUNS] [PDF...]
#   RUNS  runs per file and tool (default 15); the median is reported
#   PDF   files to time (default: samples/pdf/*.pdf and, when the corpus is
#         there, every farshin CV of 5-6 pages)
# Environment: VITAE_CORPUS (default ../shared/corpus).
# Needs pdftotext (Debian: poppler-utils) for the comparison.
set -euo pipefail

RUNS=${1:-15}
shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}

echo "building the release binary..."
(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/vitae"
HAVE_PDFTOTEXT=1
command -v pdftotext >/dev/null || {
  HAVE_PDFTOTEXT=0
  echo "note: pdftotext not found: vitae timings only (apt-get install poppler-utils)"
}

FILES=("$@")
if [ ${#FILES[@]} -eq 0 ]; then
  FILES=("$ROOT"/samples/pdf/*.pdf)
  if [ -d "$CORPUS/farshin" ]; then
    FILES+=("$CORPUS"/farshin/cv-*.pdf)
  else
    echo "note: corpus not found at $CORPUS: samples only"
  fi
fi

# Median wall time in ms of RUNS runs of a command.
median_ms() {
  local t=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    t+=($(((e - s) / 1000)))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

printf '%-44s %5s %10s %12s %7s\n' file pages "vitae ms" "pdftotext ms" ratio
all_v=() all_p=()
for f in "${FILES[@]}"; do
  pages=$("$BIN" parse "$f" 2>/dev/null | sed -n 's/.*"pages": \([0-9]*\).*/\1/p' | head -1)
  v=$(median_ms "$BIN" parse "$f" -o /dev/null)
  if [ $HAVE_PDFTOTEXT = 1 ]; then
    p=$(median_ms pdftotext "$f" /dev/null)
    r=$(awk -v v="$v" -v p="$p" 'BEGIN {printf "%.2f", v / p}')
  else
    p=- r=-
  fi
  printf '%-44s %5s %10s %12s %7s\n' "$(basename "$f")" "${pages:-?}" "$v" "$p" "$r"
  all_v+=("$v") all_p+=("$p")
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "median over ${#FILES[@]} files: vitae $(med "${all_v[@]}") ms, pdftotext $(med "${all_p[@]}") ms per file (ratio < 1: vitae is faster)"
