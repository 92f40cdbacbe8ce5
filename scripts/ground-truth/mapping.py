"""JSON Resume -> the truth a rendered PDF must give back, and -> RenderCV YAML.

The truth is the JSON Resume document mapped once onto vitae's profile
(../shared/spec/profile.md). Which JSON Resume field becomes which profile
field:

| JSON Resume                          | profile                              |
| ------------------------------------ | ------------------------------------ |
| basics.name                          | basics.name                          |
| basics.email                         | basics.email                         |
| work[].name (schema 0.x: .company)   | work[].organization                  |
| work[].position                      | work[].position                      |
| work[].startDate / endDate           | work[].start / end (none: "present") |
| education[].institution              | education[].institution              |
| education[].studyType                | education[].degree                   |
| education[].area                     | education[].field                    |
| education[].startDate / endDate      | education[].start / end              |
| publications[].name                  | publications[].title                 |
| publications[].releaseDate           | publications[].year                  |
| skills[].name / keywords             | skills[].name / keywords             |
| languages[].language / fluency       | languages[].language / fluency       |

Everything else (summaries, highlights, volunteer, projects, references ...)
is not scored: themes print it in too many ways to hold a reader to one.

What a theme does not print is not expected: `printed()` looks a value up in
the text of the rendered PDF (as pdftotext reads it, not as vitae does), and a
date counts at the precision the theme printed it (a month, or only a year).
"""

import re
import unicodedata

MONTHS = [
    ["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"],
    ["may"], ["june", "jun"], ["july", "jul"], ["august", "aug"],
    ["september", "sep", "sept"], ["october", "oct"], ["november", "nov"],
    ["december", "dec"],
]


def text(v):
    """A JSON value as clean text, or None."""
    if v is None:
        return None
    if not isinstance(v, str):
        v = str(v)
    v = " ".join(v.split())
    return v or None


def date(v):
    """A JSON Resume date as a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD), or None.

    Dates written otherwise (`Present`, `2019/5`, `May 2019`) are read where
    they are plain; anything else is None (not scored)."""
    v = text(v)
    if not v:
        return None
    m = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?(?:T.*)?", v)
    if m:
        y, mo, d = m.groups()
        if mo and not 1 <= int(mo) <= 12:
            return y
        if mo and d:
            return f"{y}-{int(mo):02d}-{int(d):02d}"
        if mo:
            return f"{y}-{int(mo):02d}"
        return y
    if v.lower() in ("present", "current", "now", "ongoing", "today"):
        return "present"
    m = re.fullmatch(r"([A-Za-z]+)\.? (\d{4})", v)
    if m:
        for i, names in enumerate(MONTHS):
            if m.group(1).lower() in names:
                return f"{m.group(2)}-{i + 1:02d}"
    return None


def _list(v):
    return v if isinstance(v, list) else []


def _dict(v):
    return v if isinstance(v, dict) else {}


def truth(jr):
    """The profile fields a PDF of this JSON Resume document carries."""
    b = _dict(jr.get("basics"))
    out = {
        "basics": {"name": text(b.get("name")), "email": text(b.get("email"))},
        "work": [],
        "education": [],
        "publications": [],
        "skills": [],
        "languages": [],
    }
    for w in _list(jr.get("work")):
        w = _dict(w)
        start = date(w.get("startDate"))
        end = date(w.get("endDate"))
        if start and not end and not text(w.get("endDate")):
            end = "present"
        out["work"].append({
            "organization": text(w.get("name")) or text(w.get("company")),
            "position": text(w.get("position")),
            "start": start,
            "end": end,
        })
    for e in _list(jr.get("education")):
        e = _dict(e)
        start = date(e.get("startDate"))
        end = date(e.get("endDate"))
        if start and not end and not text(e.get("endDate")):
            end = "present"
        out["education"].append({
            "institution": text(e.get("institution")),
            "degree": text(e.get("studyType")),
            "field": text(e.get("area")),
            "start": start,
            "end": end,
        })
    for p in _list(jr.get("publications")):
        p = _dict(p)
        d = date(p.get("releaseDate"))
        out["publications"].append({
            "title": text(p.get("name")),
            "year": int(d[:4]) if d and d[:4].isdigit() else None,
        })
    for s in _list(jr.get("skills")):
        s = _dict(s)
        out["skills"].append({
            "name": text(s.get("name")),
            "keywords": [k for k in (text(k) for k in _list(s.get("keywords"))) if k],
        })
    for lang in _list(jr.get("languages")):
        lang = _dict(lang)
        name = text(lang.get("language")) or text(lang.get("name"))
        if name:
            out["languages"].append({"language": name, "fluency": text(lang.get("fluency"))})
    return out


def norm(s):
    """Text compared without case, accents' composition, punctuation or spacing."""
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = s.replace("\u00ad", "")
    return re.sub(r"[\W_]+", "", s)


def printed(value, page_norm):
    """Whether a text value appears in the rendered page (normalised)."""
    v = norm(value)
    return bool(v) and v in page_norm


def printed_precision(d, page_lower):
    """How precisely a theme printed a date: 'month', 'year' or None.

    `page_lower` is the page text in lower case. A month counts as printed when
    its name or number stands next to the year (`Jul 2024`, `07/2024`,
    `2024-07`, `July, 2024`)."""
    if not d:
        return None
    if d == "present":
        return "present" if re.search(r"\b(present|current|now|today|ongoing)\b", page_lower) else None
    y = d[:4]
    if y not in page_lower:
        return None
    if len(d) >= 7:
        mo = int(d[5:7])
        names = "|".join(MONTHS[mo - 1])
        pats = [
            rf"\b(?:{names})\.?,?\s*{y}",
            rf"\b0?{mo}\s*[/.\-]\s*{y}",
            rf"{y}\s*[/.\-]\s*0?{mo}\b",
        ]
        if any(re.search(p, page_lower) for p in pats):
            return "month"
    return "year"


# RenderCV ------------------------------------------------------------------

def _rcv_date(d):
    if not d:
        return None
    if d == "present":
        return "present"
    if len(d) == 4:
        return int(d)
    return d[:7]


def rendercv(jr):
    """A RenderCV 2.8 `cv` document (as a dict) for a JSON Resume document.

    Only the fields the truth scores are carried, so that what RenderCV
    prints and what is expected come from the same values."""
    t = truth(jr)
    cv = {"name": t["basics"]["name"] or "Anonymous"}
    if t["basics"]["email"]:
        cv["email"] = t["basics"]["email"]
    sections = {}
    exp = []
    for w in t["work"]:
        if not (w["organization"] and w["position"]):
            continue
        e = {"company": w["organization"], "position": w["position"]}
        if w["start"]:
            e["start_date"] = _rcv_date(w["start"])
            if w["end"]:
                e["end_date"] = _rcv_date(w["end"])
        exp.append(e)
    if exp:
        sections["Experience"] = exp
    edu = []
    for e in t["education"]:
        if not e["institution"]:
            continue
        x = {"institution": e["institution"], "area": e["field"] or e["degree"] or ""}
        if e["degree"] and e["field"]:
            x["degree"] = e["degree"]
        if e["start"]:
            x["start_date"] = _rcv_date(e["start"])
            if e["end"]:
                x["end_date"] = _rcv_date(e["end"])
        elif e["end"] and e["end"] != "present":
            x["date"] = _rcv_date(e["end"])
        if not x["area"]:
            continue
        edu.append(x)
    if edu:
        sections["Education"] = edu
    pubs = []
    for p, raw in zip(t["publications"], _list(jr.get("publications"))):
        if not p["title"]:
            continue
        x = {"name": p["title"]}
        if p["year"]:
            # An integer: a quoted year is read as a date and printed with
            # a month (January) the document never gave.
            x["date"] = p["year"]
        venue = text(_dict(raw).get("publisher"))
        if venue:
            x["summary"] = venue
        pubs.append(x)
    if pubs:
        sections["Publications"] = pubs
    skills = [
        {"label": s["name"], "details": ", ".join(s["keywords"])}
        for s in t["skills"]
        if s["name"] and s["keywords"]
    ]
    if skills:
        sections["Skills"] = skills
    langs = [
        {"label": lang["language"], "details": lang["fluency"] or "-"}
        for lang in t["languages"]
    ]
    if langs:
        sections["Languages"] = langs
    if sections:
        cv["sections"] = sections
    return {"cv": cv}
