#!/usr/bin/env bash
# Extraction recall against pdftotext: per PDF, the share of the words
# `pdftotext` finds that `vitae text` keeps, then a summary line.
#
# Usage: scripts/recall.sh [-v] [PDF...]
#   -v    list every lost word (with its count) under its file
#   PDF   files to measure (default: every PDF in $VITAE_CORPUS/wild)
# Environment: VITAE_CORPUS (default ../shared/corpus), VITAE_BIN (default:
# the release binary, built first), RECALL_LAYOUT=1 to read `pdftotext
# -layout` instead of its plain output, RECALL_MIN (default 99).
#
# Words on both sides are NFKC-normalised and casefolded, punctuation,
# symbols and private-use glyphs are deleted, and runs of CJK (Han, kana,
# Hangul) are split into single characters, since CJK text has no spaces.
# Recall is the multiset overlap over pdftotext's word count. vitae's
# `== kind: title ==` section markers count as their title words (the marker
# replaces the heading line). A word hyphenated across a line end in
# pdftotext counts as kept when vitae has it joined, and so do letter-spaced
# words that pdftotext splits into short pieces ("E X PER I E NC E"), shown as
# a count per file. Page furniture (running
# headers, page numbers) and icon glyphs are removed by vitae on purpose: they
# show among the lost words, which the per-file line lists (most frequent
# first). Files where pdftotext finds no words have no text layer and are
# skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VITAE_CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}

VERBOSE=0
if [ "${1:-}" = "-v" ]; then VERBOSE=1; shift; fi
if [ $# -eq 0 ]; then
  [ -d "$VITAE_CORPUS/wild" ] || { echo "recall: no $VITAE_CORPUS/wild" >&2; exit 2; }
  set -- "$VITAE_CORPUS"/wild/*.pdf
fi
command -v pdftotext >/dev/null || { echo "recall: pdftotext is not installed" >&2; exit 2; }
if [ -z "${VITAE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  VITAE_BIN="$ROOT/target/release/vitae"
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LAYOUT=()
if [ "${RECALL_LAYOUT:-0}" = 1 ]; then LAYOUT=(-layout); fi

i=0
for f in "$@"; do
  i=$((i + 1))
  pdftotext -q -enc UTF-8 "${LAYOUT[@]}" "$f" "$TMP/$i.ref" 2>/dev/null || : >"$TMP/$i.ref"
  timeout 60 "$VITAE_BIN" text "$f" >"$TMP/$i.out" 2>"$TMP/$i.err" || true
  printf '%s\t%s\n' "$f" "$i" >>"$TMP/list"
done

exec python3 - "$TMP" "$VERBOSE" "${RECALL_MIN:-99}" <<'PY'
import os, sys, re, unicodedata
from collections import Counter

tmp, verbose, minimum = sys.argv[1], sys.argv[2] == "1", float(sys.argv[3])

def cjk(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F
            or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F)

def word(w):
    """A raw token's normalised pieces: punctuation deleted, CJK split."""
    w = unicodedata.normalize("NFKC", w).casefold()
    out, cur = [], []
    for c in w:
        cat = unicodedata.category(c)
        if cat[0] in "PSC" or cat == "Mn" and not cur:
            continue
        if cjk(c):
            if cur:
                out.append("".join(cur)); cur = []
            out.append(c)
        else:
            cur.append(c)
    if cur:
        out.append("".join(cur))
    return out

def lines_words(text):
    return [[p for t in line.split() for p in word(t)] for line in text.splitlines()]

PAGE_NO = re.compile(r"^(page|seite|página|pagina|p\.)?\s*[-–]?\s*\d{1,3}\s*((/|of|von|de|di|sur)\s*\d{1,3})?\s*[-–]?$", re.I)

def furniture(text):
    """Lines pdftotext shows that are page furniture: a line among the first
    or last three of a page that recurs (digits aside) on another page, or a
    page number alone."""
    pages = [pg for pg in text.split("\f") if pg.strip()]
    seen = Counter()
    edges = []
    for pg in pages:
        ls = [l.strip() for l in pg.splitlines() if l.strip()]
        e = set(ls[:3] + ls[-3:])
        edges.append(e)
        for k in {re.sub(r"\d+", "#", l) for l in e}:
            seen[k] += 1
    out = set()
    for e in edges:
        for l in e:
            if (len(pages) >= 2 and seen[re.sub(r"\d+", "#", l)] >= 2) or PAGE_NO.match(l):
                out.add(l)
    return out

def spaced_run(ws, i, have):
    """Letter-spaced text that pdftotext splits where vitae reads one word
    ("E X PER I E NC E"): the longest run of 2-12 pieces from `i` on, all of
    at most 3 characters but one and one of a single character, whose
    concatenation vitae has."""
    for k in range(min(12, len(ws) - i), 1, -1):
        run = ws[i:i + k]
        if any(p is None for p in run):
            continue
        if sum(len(p) > 3 for p in run) > 1 or not any(len(p) == 1 for p in run):
            continue
        if have["".join(run)] > 0:
            return k
    return 0

MARK = re.compile(r"^== [a-z_]+: (.*) ==$")

def read(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()

files, under, total = [], [], 0.0
for row in read(os.path.join(tmp, "list")).splitlines():
    path, i = row.split("\t")
    name = os.path.basename(path)
    ref_text = read(os.path.join(tmp, i + ".ref"))
    out_lines = []
    for line in read(os.path.join(tmp, i + ".out")).splitlines():
        m = MARK.match(line)
        out_lines.append(m.group(1) if m else line)
    have = Counter(w for ws in lines_words("\n".join(out_lines)) for w in ws)
    furn = furniture(ref_text)
    ref_raw = [l for l in ref_text.splitlines() if l.strip() not in furn]
    furn_words = Counter(w for l in ref_text.splitlines() if l.strip() in furn
                         for t in l.split() for w in word(t))
    ref_lines = [ws for ws in lines_words("\n".join(ref_raw)) if ws]
    # Raw line ends for hyphenation: the last raw token of each line.
    raw = [l.split() for l in ref_raw if any(word(t) for t in l.split())]
    n = sum(len(ws) for ws in ref_lines)
    if n == 0:
        print(f"{name}\t-\tno text layer (pdftotext finds no words)")
        continue
    kept, lost, spaced = 0, Counter(), 0
    for li, ws in enumerate(ref_lines):
        for wi, w in enumerate(ws):
            if w is None:
                continue
            last = wi == len(ws) - 1
            if (last and li + 1 < len(ref_lines) and raw[li] and raw[li][-1].endswith("-")
                    and ref_lines[li + 1]):
                nxt = ref_lines[li + 1][0]
                joined = w + nxt
                if have[joined] > 0:
                    have[joined] -= 1
                    kept += 2
                    ref_lines[li + 1][0] = None
                    continue
            k = spaced_run(ws, wi, have)
            if k:
                joined = "".join(ws[wi:wi + k])
                have[joined] -= 1
                kept += k
                spaced += k
                for j in range(wi + 1, wi + k):
                    ws[j] = None
                continue
            if have[w] > 0:
                have[w] -= 1
                kept += 1
            else:
                lost[w] += 1
    r = 100.0 * kept / n
    total += r
    files.append(name)
    err = read(os.path.join(tmp, i + ".err")).strip().splitlines()
    note = ""
    if not out_lines and err:
        note = "  [" + err[-1][:120] + "]"
    sample = " ".join(f"{w}x{c}" if c > 1 else w for w, c in lost.most_common(12))
    fsample = " ".join(f"{w}x{c}" if c > 1 else w for w, c in furn_words.most_common(6))
    if spaced:
        note += f"\tletter-spaced {spaced} (kept)"
    fnote = f"\tfurniture {sum(furn_words.values())}: {fsample}" if furn_words else ""
    print(f"{name}\t{r:6.2f}%\t{kept}/{n}\tlost: {sample}{note}{fnote}")
    if verbose and lost:
        for w, c in lost.most_common():
            print(f"    {c}\t{w}")
    if r < minimum:
        under.append(f"{name} {r:.2f}%")

if files:
    print(f"recall: {len(files)} files with a text layer, {len(under)} under {minimum:g}%, "
          f"mean {total / len(files):.2f}%" + (": " + ", ".join(under) if under else ""))
PY
