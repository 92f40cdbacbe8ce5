#!/usr/bin/env bash
# Every export checked by the tool that consumes it, over every sample and
# every corpus PDF (wild included):
# - RenderCV 2.8 validates and renders each `vitae parse --to rendercv`;
# - `resumed validate` (the JSON Resume CLI) accepts each
#   `vitae parse --to jsonresume`, and the even theme renders it to PDF.
# A failure names the file and the tool's message; exit 1 if any.
#
# Usage: scripts/check-exports.sh
# Installs its tools first (scripts/ground-truth-install.sh). Outputs go to
# target/check-exports/.
# Environment: VITAE_CORPUS (default ../shared/corpus), VITAE_DATA (default
# ../shared/data: RenderCV's Typst packages), VITAE_BIN (default: the release
# binary, built first).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VITAE_CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}
VITAE_DATA=${VITAE_DATA:-$ROOT/../shared/data}
[ -d "$VITAE_DATA/typst/packages" ] || { echo "check-exports: no $VITAE_DATA/typst/packages" >&2; exit 2; }
VITAE_DATA=$(cd "$VITAE_DATA" && pwd)
"$ROOT/scripts/ground-truth-install.sh"
GT=$ROOT/target/ground-truth
if [ -z "${VITAE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  VITAE_BIN="$ROOT/target/release/vitae"
fi
OUT=$ROOT/target/check-exports
rm -rf "$OUT"
mkdir -p "$OUT/rendercv" "$OUT/jsonresume"

INPUTS=("$ROOT"/samples/*.md "$ROOT"/samples/*.txt "$ROOT"/samples/pdf/*.pdf)
if [ -d "$VITAE_CORPUS" ]; then
  while IFS= read -r f; do INPUTS+=("$f"); done < <(find "$VITAE_CORPUS" -name '*.pdf' | sort)
fi
fail=0
i=0
for f in "${INPUTS[@]}"; do
  i=$((i + 1))
  name=$(printf '%03d-%s' "$i" "$(basename "$f")")
  echo "$name	$f" >> "$OUT/index.tsv"
  for to in rendercv jsonresume; do
    ext=yaml; [ $to = jsonresume ] && ext=json
    if ! "$VITAE_BIN" parse "$f" --to $to -o "$OUT/$to/$name.$ext" 2>"$OUT/$to/$name.err"; then
      echo "check-exports: $f: vitae parse --to $to failed: $(tail -1 "$OUT/$to/$name.err")"
      fail=1
    fi
  done
done
echo "check-exports: ${#INPUTS[@]} inputs (names in $OUT/index.tsv)" >&2

XDG_DATA_HOME=$VITAE_DATA XDG_CACHE_HOME=$VITAE_DATA \
  "$GT/venv/bin/python" "$ROOT/scripts/check-exports/rendercv_check.py" "$OUT"/rendercv/*.yaml || fail=1

bad=0
for j in "$OUT"/jsonresume/*.json; do
  if ! msg=$(cd "$GT/node" && node_modules/.bin/resumed validate "$j" 2>&1); then
    echo "$j: resumed validate: $(echo "$msg" | tr '\n' ' ' | cut -c1-300)"
    bad=$((bad + 1))
  fi
done
echo "resumed validate: $(( $(ls "$OUT"/jsonresume/*.json | wc -l) - bad )) ok, $bad failed" >&2
[ "$bad" -eq 0 ] || fail=1
cp "$ROOT/scripts/ground-truth/render-themes.js" "$GT/node/"
(cd "$GT/node" && node render-themes.js "$OUT/jsonresume-pdf" even "$OUT"/jsonresume/*.json 2>"$OUT/render.log") \
  | tee "$OUT/render-failures.txt"
[ -s "$OUT/render-failures.txt" ] && fail=1
grep 'render-themes:' "$OUT/render.log" >&2 || true
exit $fail
