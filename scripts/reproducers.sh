#!/usr/bin/env bash
# The hostile reproducers of issue 13, one `vitae parse` each, under a memory
# and time cap so a regression cannot take the machine down: prints per file
# the wall time, the peak RSS (/usr/bin/time -v), the exit code and the first
# line of stderr, and flags any run over 5 s or 300 MB. Exit 1 if any is flagged.
#
# Usage: scripts/reproducers.sh [FILE...]
# Environment: VITAE_FUZZ (default ../shared/fuzz/reproducers), VITAE_BIN
# (default target/release/vitae), CAP_KB (address-space cap, default 3000000),
# CAP_S (time cap, default 30).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${VITAE_FUZZ:-$ROOT/../shared/fuzz/reproducers}
BIN=${VITAE_BIN:-$ROOT/target/release/vitae}
CAP_KB=${CAP_KB:-3000000}
CAP_S=${CAP_S:-30}
[ -x "$BIN" ] || { echo "reproducers: no binary at $BIN" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "reproducers: /usr/bin/time not found" >&2; exit 2; }
if [ $# -gt 0 ]; then files=("$@"); else
  [ -d "$DIR" ] || { echo "reproducers: no folder $DIR" >&2; exit 2; }
  files=("$DIR"/*)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
printf '%-48s %8s %9s %4s  %s\n' file wall_s peak_MB exit stderr
for f in "${files[@]}"; do
  ( ulimit -v "$CAP_KB"; timeout "$CAP_S" /usr/bin/time -v -o "$tmp/time" \
      "$BIN" parse "$f" >"$tmp/out" 2>"$tmp/err" )
  rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time" 2>/dev/null |
    awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time" 2>/dev/null)
  code=$(awk -F': ' '/Exit status/ {print $2}' "$tmp/time" 2>/dev/null)
  sig=$(awk '/Command terminated by signal/ {print $NF}' "$tmp/time" 2>/dev/null)
  [ -n "$sig" ] && code="sig$sig"
  [ -n "$code" ] || code=$rc
  [ $rc -eq 124 ] && { code=timeout; wall=">$CAP_S"; }
  msg=$(head -c 300 "$tmp/err" | head -1 | sed "s|$(dirname "$f")/||")
  flag=""
  if [ "$code" = timeout ] || awk -v w="${wall:-0}" -v r="${rss:-0}" 'BEGIN{exit !(w>5 || r>300)}'; then
    flag="  <-- over 5 s or 300 MB"; bad=1
  fi
  if [ "$code" != 0 ] && [ "$code" != 2 ]; then flag="$flag  <-- exit $code"; bad=1; fi
  printf '%-48s %8s %9s %4s  %s%s\n' "$(basename "$f")" "${wall:-?}" "${rss:-?}" "$code" "$msg" "$flag"
done
exit $bad
