#!/usr/bin/env bash
# The corpus's health: imports every CV of the corpus with the release binary
# (`vitae import --report`) and prints, over the wild PDFs and over the rest,
# how many files get sections, complete jobs, degrees and publications, a name,
# clean strings, and how many of the words pdftotext finds `vitae text` keeps.
#
# Usage: scripts/health.sh [--wild-only]
#   --wild-only  only the 120 PDFs of $VITAE_CORPUS/wild
# The rest: the CVs listed in $VITAE_CORPUS/MANIFEST.tsv (kinds pdf-cv,
# pdf-resume, md-cv, md-homepage; not the JSON, YAML and LaTeX sources).
# Environment: VITAE_CORPUS (default ../shared/corpus), VITAE_EVAL (default
# ../shared/eval: its score.py gives the `clean` check), VITAE_BIN (default:
# the release binary, built first), JOBS (default 2).
# The last line is the summary figures.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VITAE_CORPUS=${VITAE_CORPUS:-$ROOT/../shared/corpus}
EVAL=${VITAE_EVAL:-$ROOT/../shared/eval}
JOBS=${JOBS:-2}
WILD_ONLY=0
case "${1:-}" in
  --wild-only) WILD_ONLY=1 ;;
  "") ;;
  *) echo "usage: scripts/health.sh [--wild-only]" >&2; exit 2 ;;
esac
[ -d "$VITAE_CORPUS/wild" ] || { echo "health: no corpus at $VITAE_CORPUS" >&2; exit 2; }
[ -f "$EVAL/score.py" ] || { echo "health: no $EVAL/score.py" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "health: pdftotext not found (poppler-utils)" >&2; exit 2; }
VITAE_CORPUS=$(cd "$VITAE_CORPUS" && pwd)

if [ -z "${VITAE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  VITAE_BIN="$ROOT/target/release/vitae"
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The inputs, one absolute path a line.
ls "$VITAE_CORPUS"/wild/*.pdf > "$TMP/inputs"
if [ "$WILD_ONLY" = 0 ]; then
  awk -F'\t' -v c="$VITAE_CORPUS" 'NR > 1 && $6 ~ /^(pdf-cv|pdf-resume|md-cv|md-homepage)$/ { print c "/" $1 }' \
    "$VITAE_CORPUS/MANIFEST.tsv" >> "$TMP/inputs"
fi

# Named files are imported whatever their folder; -j as the machine allows.
tr '\n' '\0' < "$TMP/inputs" | xargs -0 "$VITAE_BIN" import -o "$TMP/profiles.jsonl" \
  --errors "$TMP/errors.jsonl" --report "$TMP/report.tsv" -j "$JOBS" 2> "$TMP/import.log" \
  || { cat "$TMP/import.log" >&2; exit 2; }

# Both extractions of every PDF, two processes at a time.
mkdir -p "$TMP/pt" "$TMP/vt"
grep '\.pdf$' "$TMP/inputs" | awk '{ print NR; print }' | tr '\n' '\0' \
  | xargs -0 -P "$JOBS" -n 32 sh -c '
      bin=$1; tmp=$2; shift 2
      while [ $# -ge 2 ]; do
        n=$1; f=$2; shift 2
        pdftotext -q -enc UTF-8 "$f" "$tmp/pt/$n.txt" 2>/dev/null || : > "$tmp/pt/$n.txt"
        "$bin" text "$f" > "$tmp/vt/$n.txt" 2>/dev/null || : > "$tmp/vt/$n.txt"
        printf "%s\t%s\n" "$n" "$f" >> "$tmp/pdfs.$$"
      done' sh "$VITAE_BIN" "$TMP"
cat "$TMP"/pdfs.* > "$TMP/pdfs.tsv"

exec python3 - "$TMP" "$VITAE_CORPUS" "$EVAL/score.py" <<'PY'
import collections, csv, hashlib, importlib.util, json, os, re, statistics, sys, unicodedata

tmp, corpus, score_py = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("score", score_py)
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
# Awesome-CV's icon names that leak as words (tests/common/mod.rs, ICON_NAMES);
# a label in capitals before a colon ("MOBILE: Expo") is text, as there.
ICON_WORD = re.compile(r"(^|[^A-Za-z0-9-])(HOUSE-CHIMNEY|GITHUB-SQUARE|LINKEDIN|ENVELOPE|MOBILE)($|[^A-Za-z0-9:-])")
wild_dir = os.path.join(corpus, "wild") + os.sep

def group(path):
    return "wild" if path.startswith(wild_dir) else "rest"

inputs = [l.rstrip("\n") for l in open(os.path.join(tmp, "inputs"))]
by_sha = {}
for line in open(os.path.join(tmp, "profiles.jsonl"), encoding="utf-8"):
    p = json.loads(line)
    by_sha[p["source"]["sha256"]] = p
errors = {json.loads(l)["path"]: json.loads(l)["kind"] for l in open(os.path.join(tmp, "errors.jsonl"))}
with open(os.path.join(tmp, "report.tsv"), newline="") as f:
    report = {r["path"]: r for r in csv.DictReader(f, delimiter="\t")}

# --- extraction recall -------------------------------------------------------
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# `vitae text` sets a section's title line as `== kind: title ==`: the title
# is text it kept, the kind is not.
MARKER = re.compile(r"^== [a-z]+: (.*) ==$")

def words(text):
    out = []
    for w in re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold()):
        if CJK.search(w):
            # No spaces between CJK words: compare characters.
            out.extend(p for p in re.split(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])", w) if p)
        else:
            out.append(w)
    return collections.Counter(out)

recall = {}
for line in open(os.path.join(tmp, "pdfs.tsv")):
    n, path = line.rstrip("\n").split("\t", 1)
    pt = words(open(os.path.join(tmp, "pt", n + ".txt"), encoding="utf-8", errors="replace").read())
    vt_text = open(os.path.join(tmp, "vt", n + ".txt"), encoding="utf-8", errors="replace").read()
    vt = words("\n".join(MARKER.sub(r"\1", l) for l in vt_text.splitlines()))
    total = sum(pt.values())
    if total:
        recall[path] = sum(min(c, vt[w]) for w, c in pt.items()) / total

# --- per group ---------------------------------------------------------------
def stats(paths):
    s = collections.Counter()
    s["files"] = len(paths)
    bad_examples, scores = [], []
    for path in paths:
        r = report.get(path)
        if path in errors:
            s["failed"] += 1
            continue
        if r is None:
            s["duplicates"] += 1  # same bytes as an earlier input: imported once
            continue
        s["imported"] += 1
        scores.append((float(r["score"]), path))
        s["with_section"] += int(r["sections"]) > 0
        s["no_name"] += r["name_found"] == "false"
        for kind, key in [("work", "jobs"), ("education", "degrees"), ("publications", "pubs")]:
            s[key] += int(r[kind])
            s[key + "_ok"] += int(r[kind]) - int(r[kind + "_incomplete"])
        with open(path, "rb") as f:
            p = by_sha.get(hashlib.sha256(f.read()).hexdigest())
        if p is not None:
            bad = [x for x in score.strings(p)
                   if score.ICON_RE.search(x) or any(q.search(x) for q in score.NOISE) or ICON_WORD.search(x)]
            s["unclean_strings"] += len(bad)
            s["unclean_files"] += bool(bad)
            if bad:
                bad_examples.append((os.path.relpath(path, corpus), bad[0][:60]))
    # Over every PDF, imported or not: a failed import keeps no words.
    rec = [recall[p] for p in paths if p in recall]
    low_recall = [(recall[p], os.path.relpath(p, corpus)) for p in paths if recall.get(p, 1) < 0.99]
    return s, rec, sorted(low_recall), bad_examples, sorted(scores)

groups = {"wild": [p for p in inputs if group(p) == "wild"], "rest": [p for p in inputs if group(p) == "rest"]}
groups = {k: v for k, v in groups.items() if v}
res = {k: stats(v) for k, v in groups.items()}

def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "-"

def frac(a, b):
    return f"{a}/{b} ({pct(a, b)})"

rows = [
    ("files (failed, duplicates)", lambda s, r: f"{s['files']} ({s['failed']}, {s['duplicates']})"),
    ("files with a section", lambda s, r: frac(s["with_section"], s["imported"])),
    ("jobs: organization+position+start", lambda s, r: frac(s["jobs_ok"], s["jobs"])),
    ("degrees: institution+degree", lambda s, r: frac(s["degrees_ok"], s["degrees"])),
    ("publications: title+authors+year", lambda s, r: frac(s["pubs_ok"], s["pubs"])),
    ("files with no name", lambda s, r: frac(s["no_name"], s["imported"])),
    ("unclean strings (files)", lambda s, r: f"{s['unclean_strings']} ({s['unclean_files']})"),
    ("PDF recall vs pdftotext: mean, min", lambda s, r: f"{100 * statistics.mean(r):.1f}%, {100 * min(r):.1f}%" if r else "-"),
    ("PDFs under 99% recall", lambda s, r: frac(sum(x < 0.99 for x in r), len(r))),
    ("quality score: mean", lambda s, r: "-"),
]
for line in open(os.path.join(tmp, "import.log")):
    if line.startswith(("quality of ", "imported ")):
        print("import: " + line.rstrip())
print()
names = list(res)
width = max(len(r[0]) for r in rows) + 2
print("measure".ljust(width) + "".join(n.ljust(26) for n in names))
for label, f in rows:
    cells = []
    for n in names:
        s, rec, low, bad, scores = res[n]
        if label.startswith("quality"):
            cells.append(f"{statistics.mean(x for x, _ in scores):.3f}" if scores else "-")
        else:
            cells.append(f(s, rec))
    print(label.ljust(width) + "".join(c.ljust(26) for c in cells))

for n in names:
    s, rec, low, bad, scores = res[n]
    print(f"\n{n}: PDFs under 99% recall ({len(low)})")
    for r, path in low:
        print(f"  {100 * r:5.1f}%  {path}")
    print(f"{n}: lowest quality scores")
    for sc, path in scores[:10]:
        r = report[path]
        print(f"  {sc:.3f}  {os.path.relpath(path, corpus)}  sections {r['sections']}, name {r['name_found']}, "
              f"lines in fields {r['lines_in_fields']}/{r['content_lines']}, incomplete {r['incomplete']}/{r['entries']}")
    if bad:
        print(f"{n}: unclean strings, first of each file")
        for path, x in bad:
            print(f"  {path}: {x!r}")
    for path in groups[n]:
        if path in errors:
            print(f"{n}: failed: {os.path.relpath(path, corpus)} ({errors[path]})")

summary = []
for n in names:
    s, rec, low, bad, scores = res[n]
    summary.append(
        f"{n} {s['files']} files: sections {pct(s['with_section'], s['imported'])}, "
        f"jobs {pct(s['jobs_ok'], s['jobs'])}, degrees {pct(s['degrees_ok'], s['degrees'])}, "
        f"pubs {pct(s['pubs_ok'], s['pubs'])}, no name {s['no_name']}, unclean {s['unclean_strings']}, "
        f"recall {100 * statistics.mean(rec):.1f}% ({len(low)} under 99%)" if rec else f"{n}: no PDFs")
print("\nhealth: " + "; ".join(summary))
PY
