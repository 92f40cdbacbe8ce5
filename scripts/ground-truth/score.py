"""Scores vitae's profiles of rendered PDFs against their JSON Resume truth.

Usage: python score.py RENDER_DIR RESUME_DIR [--worst N] [--json FILE]

RENDER_DIR holds one folder per theme, each with <stem>.pdf, <stem>.txt (the
page as pdftotext reads it: what the theme printed) and profiles.jsonl
(`vitae import` of that folder). RESUME_DIR holds <stem>.json. Prints a table
of accuracy per theme and per field, the worst documents with their first
wrong field, and a last line `overall: N%`.

A fact is expected only where the theme printed it (mapping.printed); lists
are matched order-free (each true entry against the parsed entry most like
it); dates compare at the precision printed.
"""

import json
import os
import pathlib
import sys
from difflib import SequenceMatcher

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mapping  # noqa: E402
from mapping import norm  # noqa: E402

FIELDS = [
    "name", "email",
    "work.organization", "work.position", "work.start", "work.end",
    "education.institution", "education.degree", "education.dates",
    "publications.title", "publications.date",
    "skills", "languages",
]


def same_text(a, b):
    """Equal after normalisation, or nearly (a dropped hyphen, a ligature)."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.92


def same_date(true, got, precision):
    if precision is None:
        return None
    if got is None:
        return False
    got = str(got)
    if precision == "present":
        return got == "present"
    if precision == "month":
        return got[:7] == true[:7]
    return got[:4] == true[:4]


def best_match(entry, candidates, keys):
    """The candidate most like `entry` on `keys`, or None."""
    best, score = None, 0.0
    for c in candidates:
        s = 0.0
        for k_true, k_got in keys:
            a, b = norm(entry.get(k_true)), norm(c.get(k_got))
            if a and b:
                s += SequenceMatcher(None, a, b).ratio()
        if s > score:
            best, score = c, s
    return best if score >= 0.5 else None


def facts(truth, prof, page):
    """(field, ok, detail) for each fact this page shows."""
    page_norm = norm(page)
    page_lower = page.lower()
    out = []
    b = prof.get("basics") or {}
    for f in ("name", "email"):
        v = truth["basics"][f]
        if v and mapping.printed(v, page_norm):
            out.append((f, same_text(v, b.get(f)), f"{v!r} got {b.get(f)!r}"))
    work = prof.get("work") or []
    for w in truth["work"]:
        if not (w["organization"] and mapping.printed(w["organization"], page_norm)):
            continue
        got = best_match(w, work, [("organization", "organization"), ("position", "position")]) or {}
        out.append(("work.organization", same_text(w["organization"], got.get("organization")),
                    f"{w['organization']!r} got {got.get('organization')!r}"))
        if w["position"] and mapping.printed(w["position"], page_norm):
            out.append(("work.position", same_text(w["position"], got.get("position")),
                        f"{w['position']!r} got {got.get('position')!r}"))
        for f in ("start", "end"):
            p = mapping.printed_precision(w[f], page_lower)
            ok = same_date(w[f], got.get(f), p)
            if ok is not None:
                out.append((f"work.{f}", ok, f"{w['organization']}: {w[f]!r} got {got.get(f)!r}"))
    edu = prof.get("education") or []
    for e in truth["education"]:
        if not (e["institution"] and mapping.printed(e["institution"], page_norm)):
            continue
        got = best_match(e, edu, [("institution", "institution"), ("degree", "degree")]) or {}
        out.append(("education.institution", same_text(e["institution"], got.get("institution")),
                    f"{e['institution']!r} got {got.get('institution')!r}"))
        if e["degree"] and mapping.printed(e["degree"], page_norm):
            # The degree may be printed with its field ("Bachelor in
            # Physics"): both read into degree and field is right too.
            got_deg = " ".join(x for x in (got.get("degree"), got.get("field")) if x)
            ok = norm(e["degree"]) in norm(got_deg) if got_deg else False
            out.append(("education.degree", ok, f"{e['degree']!r} got {got_deg!r}"))
        oks = []
        for f in ("start", "end"):
            p = mapping.printed_precision(e[f], page_lower)
            ok = same_date(e[f], got.get(f), p)
            if ok is not None:
                oks.append(ok)
        if oks:
            out.append(("education.dates", all(oks),
                        f"{e['institution']}: {e['start']!r}-{e['end']!r} got {got.get('start')!r}-{got.get('end')!r}"))
    pubs = prof.get("publications") or []
    for p in truth["publications"]:
        if not (p["title"] and mapping.printed(p["title"], page_norm)):
            continue
        got = best_match(p, pubs, [("title", "title")]) or {}
        out.append(("publications.title", same_text(p["title"], got.get("title")),
                    f"{p['title']!r} got {got.get('title')!r}"))
        if p["year"] and str(p["year"]) in page:
            out.append(("publications.date", got.get("year") == p["year"],
                        f"{p['title'][:40]!r}: {p['year']} got {got.get('year')!r}"))
    # Skills: one fact a document, the share of printed keywords found.
    kws = [k for s in truth["skills"] for k in s["keywords"] if mapping.printed(k, page_norm)]
    if kws:
        got_words = set()
        for s in prof.get("skills") or []:
            got_words.add(norm(s.get("name")))
            for k in s.get("keywords") or []:
                got_words.add(norm(k))
        got_blob = "".join(sorted(got_words))
        found = sum(1 for k in kws if norm(k) in got_words or norm(k) in got_blob)
        out.append(("skills", found >= 0.8 * len(kws), f"{found}/{len(kws)} keywords"))
    langs = prof.get("languages") or []
    for lang in truth["languages"]:
        if not mapping.printed(lang["language"], page_norm):
            continue
        ok = any(same_text(lang["language"], g.get("language")) for g in langs)
        out.append(("languages", ok, f"{lang['language']!r}"))
    return out


def main():
    args = sys.argv[1:]
    worst_n = 20
    json_out = None
    if "--worst" in args:
        i = args.index("--worst")
        worst_n = int(args[i + 1])
        del args[i:i + 2]
    if "--json" in args:
        i = args.index("--json")
        json_out = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    render_dir, resume_dir = pathlib.Path(args[0]), pathlib.Path(args[1])
    table = {}  # theme -> field -> [right, total]
    docs = []  # (share, theme, stem, first wrong)
    total_right = total = pdfs = 0
    for theme_dir in sorted(p for p in render_dir.iterdir() if p.is_dir()):
        profiles = {}
        jl = theme_dir / "profiles.jsonl"
        if jl.exists():
            for line in jl.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    p = json.loads(line)
                    profiles[pathlib.Path(p["source"]["file"]).stem] = p
        theme = theme_dir.name
        row = table.setdefault(theme, {f: [0, 0] for f in FIELDS})
        for pdf in sorted(theme_dir.glob("*.pdf")):
            stem = pdf.stem
            txt = pdf.with_suffix(".txt")
            resume = resume_dir / f"{stem}.json"
            if not (txt.exists() and resume.exists()):
                continue
            pdfs += 1
            truth = mapping.truth(json.loads(resume.read_text(encoding="utf-8")))
            prof = profiles.get(stem, {})
            fs = facts(truth, prof, txt.read_text(encoding="utf-8", errors="replace"))
            right = sum(1 for _, ok, _ in fs if ok)
            for f, ok, _ in fs:
                row[f][1] += 1
                row[f][0] += int(ok)
            total_right += right
            total += len(fs)
            if fs:
                wrong = next(((f, d) for f, ok, d in fs if not ok), None)
                docs.append((right / len(fs), theme, stem, wrong, right, len(fs)))

    def pct(r, t):
        return f"{100 * r / t:5.1f}" if t else "    -"

    short = [f.replace("education", "edu").replace("publications", "pub") for f in FIELDS]
    print(f"{'theme':<28} {'pdfs':>5} " + " ".join(f"{s[:10]:>10}" for s in short) + "   overall")
    theme_figs = {}
    for theme, row in table.items():
        n = sum(1 for d in docs if d[1] == theme)
        r = sum(v[0] for v in row.values())
        t = sum(v[1] for v in row.values())
        theme_figs[theme] = (r, t)
        print(f"{theme:<28} {n:>5} " + " ".join(f"{pct(*row[f]):>10}" for f in FIELDS) + f"   {pct(r, t)}")
    col = {f: [sum(table[t][f][0] for t in table), sum(table[t][f][1] for t in table)] for f in FIELDS}
    print(f"{'all':<28} {pdfs:>5} " + " ".join(f"{pct(*col[f]):>10}" for f in FIELDS) + f"   {pct(total_right, total)}")
    print(f"\nworst {worst_n} documents (share right, theme, document, first wrong field):")
    for share, theme, stem, wrong, r, t in sorted(docs)[:worst_n]:
        w = f"{wrong[0]}: {wrong[1]}" if wrong else "-"
        print(f"  {100 * share:5.1f}% {r}/{t} {theme} {stem}: {w[:150]}")
    if json_out:
        with open(json_out, "w") as f:
            json.dump({"pdfs": pdfs, "right": total_right, "facts": total,
                       "themes": {k: {"right": v[0], "facts": v[1]} for k, v in theme_figs.items()},
                       "fields": {k: {"right": v[0], "facts": v[1]} for k, v in col.items()}}, f, indent=1)
    print(f"overall: {100 * total_right / max(total, 1):.1f}% ({total_right}/{total} facts, {pdfs} PDFs)")


if __name__ == "__main__":
    main()
