#!/usr/bin/env bash
# Ground truth at scale: renders the real JSON Resume documents of
# $VITAE_CORPUS/jsonresume-wild through six JSON Resume themes (HTML printed
# to PDF by headless Chromium) and four RenderCV themes, parses every PDF with
# vitae and scores each against the document it came from, field by field.
# Prints a table per theme and field, the worst documents, and last
# `overall: N%`.
#
# Usage: scripts/ground-truth.sh [--quick]
#   --quick  the CI subset (every fifth document) and a check that overall
#            accuracy is not below the figure in scripts/ground-truth/quick-floor
# Renders what is missing into target/ground-truth/pdf/ (cached; a PDF is made
# again when its document changes). Installs its tools first
# (scripts/ground-truth-install.sh).
# Environment: VITAE_CORPUS (default ../shared/corpus), VITAE_DATA (default
# ../shared/data: RenderCV's Typst packages), VITAE_BIN (default: the release
# binary, built first).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VITAE_CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}
VITAE_DATA=${VITAE_DATA:-$ROOT/../shared/data}
QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: scripts/ground-truth.sh [--quick]" >&2; exit 2 ;;
esac
SRC=$VITAE_CORPUS/jsonresume-wild
[ -d "$SRC" ] || { echo "ground-truth: no $SRC" >&2; exit 2; }
[ -d "$VITAE_DATA/typst/packages" ] || { echo "ground-truth: no $VITAE_DATA/typst/packages (RenderCV's Typst packages)" >&2; exit 2; }
VITAE_DATA=$(cd "$VITAE_DATA" && pwd)

"$ROOT/scripts/ground-truth-install.sh"
GT=$ROOT/target/ground-truth
if [ -z "${VITAE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  VITAE_BIN="$ROOT/target/release/vitae"
fi

THEMES=even,elegant,stackoverflow,kendall,flat,macchiato
RCV_THEMES=classic,sb2nov,engineeringresumes,moderncv
mapfile -t DOCS < <(ls "$SRC"/*.json | sort)
if [ "$QUICK" -eq 1 ]; then
  mapfile -t DOCS < <(printf '%s\n' "${DOCS[@]}" | awk 'NR % 5 == 1')
  OUT=$GT/quick
else
  OUT=$GT/full
fi
mkdir -p "$OUT"
# The subset's PDFs are the full run's: render once into pdf/, link for quick.
PDFS=$GT/pdf
mkdir -p "$PDFS"

echo "ground-truth: ${#DOCS[@]} documents x 10 themes" >&2
# Beside its node_modules: node resolves imports from the script's folder.
cp "$ROOT/scripts/ground-truth/render-themes.js" "$GT/node/"
(cd "$GT/node" && node render-themes.js "$PDFS" "$THEMES" "${DOCS[@]}" 2>"$GT/render-themes.log") \
  | tee "$GT/render-failures.txt" >&2 || { echo "ground-truth: the browser failed: $GT/render-themes.log" >&2; exit 1; }
XDG_DATA_HOME=$VITAE_DATA XDG_CACHE_HOME=$VITAE_DATA \
  "$GT/venv/bin/python" "$ROOT/scripts/ground-truth/render_rendercv.py" "$PDFS" "$RCV_THEMES" "${DOCS[@]}" \
  2>>"$GT/render-themes.log" | tee -a "$GT/render-failures.txt" >&2

# What each theme printed, as an independent reader sees it.
for d in "$PDFS"/*/; do
  for pdf in "$d"*.pdf; do
    [ -e "$pdf" ] || continue
    txt=${pdf%.pdf}.txt
    [ "$txt" -nt "$pdf" ] || pdftotext -q "$pdf" "$txt" || true
  done
done

# The scored set: a folder a theme, with the chosen documents' PDFs.
rm -rf "$OUT/set"
mkdir -p "$OUT/set"
for d in "$PDFS"/*/; do
  theme=$(basename "$d")
  mkdir -p "$OUT/set/$theme"
  for doc in "${DOCS[@]}"; do
    stem=$(basename "$doc" .json)
    [ -f "$d$stem.pdf" ] || continue
    ln -sf "$d$stem.pdf" "$OUT/set/$theme/$stem.pdf"
    ln -sf "$d$stem.txt" "$OUT/set/$theme/$stem.txt"
  done
  "$VITAE_BIN" import --quiet -o "$OUT/set/$theme/profiles.jsonl" --errors "$OUT/set/$theme/errors.jsonl" \
    --glob '*.pdf' "$OUT/set/$theme" 2>/dev/null || true
done

python3 "$ROOT/scripts/ground-truth/score.py" "$OUT/set" "$SRC" --json "$OUT/score.json" | tee "$OUT/score.txt"

if [ "$QUICK" -eq 1 ]; then
  FLOOR=$(grep -v '^#' "$ROOT/scripts/ground-truth/quick-floor" | head -1)
  python3 - "$OUT/score.json" "$FLOOR" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
got = 100 * s["right"] / max(s["facts"], 1)
floor = float(sys.argv[2])
if s["pdfs"] < 1 or got + 1e-9 < floor:
    print(f"ground-truth: overall {got:.1f}% fell below the recorded {floor}% (scripts/ground-truth/quick-floor)", file=sys.stderr)
    sys.exit(1)
print(f"ground-truth: overall {got:.1f}% >= recorded {floor}%", file=sys.stderr)
PY
fi
