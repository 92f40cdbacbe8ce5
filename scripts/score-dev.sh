#!/usr/bin/env bash
# Scores vitae against the hand-written answer keys of ../shared/eval/dev-keys:
# one line per CV (facts right / facts) and a total, the last line.
#
# Usage: scripts/score-dev.sh [-v] [KEY.json...]
#   -v    list every missed fact under its CV
#   KEY   keys to score (default: every key in $VITAE_EVAL/dev-keys)
# Environment: VITAE_CORPUS (default ../shared/corpus), VITAE_EVAL (default
# ../shared/eval), VITAE_BIN (default: the release binary, built first).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VITAE_CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}
EVAL=${VITAE_EVAL:-$ROOT/../shared/eval}
export VITAE_CORPUS

[ -f "$EVAL/score.py" ] || { echo "score-dev: no $EVAL/score.py" >&2; exit 2; }
[ -d "$VITAE_CORPUS" ] || { echo "score-dev: no corpus at $VITAE_CORPUS" >&2; exit 2; }

if [ -z "${VITAE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  VITAE_BIN="$ROOT/target/release/vitae"
fi
export VITAE_BIN

VERBOSE=()
if [ "${1:-}" = "-v" ]; then VERBOSE=(-v); shift; fi
if [ $# -eq 0 ]; then set -- "$EVAL"/dev-keys/*.json; fi
exec python3 "$EVAL/score.py" "${VERBOSE[@]}" "$@"
