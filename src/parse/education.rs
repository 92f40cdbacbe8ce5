//! Education: institution, location, degree, field, dates, advisors, thesis.

use super::dates;
use super::lexicon;
use super::util::{self, NLine};
use crate::extract::{Line, LineKind};
use crate::profile::Education;
use crate::segment::looks_like_institution;

/// A degree word at the start of a text (`data/degrees.txt`).
fn degree_re() -> &'static regex::Regex {
    lexicon::degree_prefix()
}

/// Separators between the parts of an entry's line: "Institution, Degree",
/// "Institution. Degree", "Degree | Institution", "Institution – Degree".
const PART_SEPARATORS: &[&str] = &[
    ", ", ". ", "; ", " – ", " — ", " - ", " | ", " · ", "\t", "，", "、", "｜",
];

/// Where a degree word starts a part of the line: at its start, or after a
/// separator ("Florida State University. PhD in Political Science",
/// "国际经济与贸易 · 本科"). Returns the byte offset of the degree and the
/// separator before it.
fn degree_at(text: &str) -> Option<(usize, &'static str)> {
    let lead = text.len() - text.trim_start().len();
    if degree_re().is_match(&text[lead..]) {
        return Some((lead, ""));
    }
    text.char_indices()
        .filter_map(|(i, _)| {
            PART_SEPARATORS
                .iter()
                .find(|sep| text[..i].ends_with(**sep))
                .map(|sep| (i, *sep))
        })
        .find(|(i, _)| degree_re().is_match(&text[*i..]))
}

/// A degree in brackets after the field or the institution ("控制工程 (硕士)",
/// "湖南大学（硕士）", "Informatik (B.Sc.)"): the text before and the degree.
fn bracket_degree(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    let close = t.chars().last().filter(|c| matches!(c, ')' | '）'))?;
    let open = if close == ')' { '(' } else { '（' };
    let at = t.rfind(open)?;
    let inner = t[at + open.len_utf8()..t.len() - close.len_utf8()].trim();
    let before = t[..at].trim().trim_end_matches([',', '-', '–', '|']).trim();
    let m = degree_re().find(inner)?;
    // The bracket holds the degree and nothing much else.
    let tail = inner[m.end()..].trim();
    (!before.is_empty() && tail.split_whitespace().count() <= 2)
        .then(|| (before.to_string(), inner.to_string()))
}

util::re!(
    advisor_re,
    r"(?i)(?-u:\b)(?:(?:co-)?(?:advisors?|supervisors?|advised by|supervised by|under the supervision of|promoters?)(?:\s+of\s+(?:the\s+)?thesis)?\s*:?|(?:co-)?(?:directeurs?|directrices?|encadrants?|encadrantes?|betreuer(?:in)?|doktorvater|directora?|directores|tutor(?:es)?|relatori?|correlatori?|orientador(?:a|es)?)(?:\s+de\s+th[eè]se|\s+de\s+tesis)?\s*:)\s*"
);
util::re!(
    thesis_re,
    r"(?i)^(?:(?:ph\.?d\.?|master'?s?|master’s|bachelor'?s?|m\.?sc\.?|b\.?sc\.?|licentiate)\s+)?(?:thesis|dissertation|thèse|these|tesi|tesis|tese|dissertação|mémoire|masterarbeit|bachelorarbeit|doktorarbeit|abschlussarbeit|titre|titolo(?:\s+della\s+tesi)?|título)(?:\s+title)?\s*:\s*"
);

#[derive(Default)]
struct Acc {
    e: Education,
}

impl Acc {
    fn started(&self) -> bool {
        self.e.institution.is_some() || self.e.degree.is_some()
    }
}

pub fn parse(lines: &[NLine]) -> Vec<Education> {
    let mut out = Vec::new();
    let mut cur: Option<Acc> = None;
    let items: Vec<&Line> = lines
        .iter()
        .map(|(_, l)| l)
        .filter(|l| l.kind == LineKind::Item)
        .collect();
    let top_depth = items.iter().map(|l| l.depth).min().unwrap_or(1);
    // When entries are headed by plain lines, list items are their notes.
    let items_are_entries = !lines
        .iter()
        .any(|(_, l)| !l.is_blank() && !matches!(l.kind, LineKind::Item | LineKind::Continuation));
    // A PDF line wrapped onto the next ("Dissertation Title: ... Per-Second" /
    // "Commodity Hardware") is one line again.
    // A wrapped line: the one before it ran to the right margin, holds no
    // right-aligned cell, and this one starts where it started.
    let right = lines
        .iter()
        .filter_map(|(_, l)| l.geom)
        .map(|g| g.x1)
        .fold(f32::MIN, f32::max);
    let wraps = |prev: &Line, line: &Line| match (prev.geom, line.geom) {
        (Some(a), Some(b)) => {
            line.kind == LineKind::Continuation
                && !prev.spans.iter().any(|s| s.text == "\t")
                && !advisor_re().is_match(&line.flat_text())
                && !thesis_re().is_match(line.flat_text().trim())
                && a.x1 >= right - 3.0 * a.size.max(1.0)
                && (a.x0 - b.x0).abs() <= a.size.max(1.0)
        }
        _ => false,
    };
    let lines = util::join_wrapped(lines);
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    for (_, line) in &lines {
        match joined.last_mut() {
            Some(prev) if wraps(prev, line) && !matches!(prev.kind, LineKind::Heading(_)) => {
                prev.spans.push(crate::extract::Span::plain(" "));
                prev.spans.extend(line.spans.iter().cloned());
                // The joined line ends where its last part ends.
                prev.geom = line.geom;
            }
            _ => joined.push(line.clone()),
        }
    }
    // A label alone on its line ("Coursework") heads the next line's note.
    let mut label: Option<String> = None;
    // Whether the first entry started with its date in a cell of its own.
    let mut date_column = false;
    for line in &joined {
        if line.is_blank() {
            continue;
        }
        // Linked words are text here (an advisor's name linked to a homepage).
        let text = util::text_with_urls_plain(line);
        let text = util::strip_bullet(&text).to_string();
        if text.is_empty() {
            continue;
        }
        if let Some(acc) = cur.as_mut() {
            if let Some(l) = label.take() {
                acc.e
                    .notes
                    .push(format!("{l}: {}", util::strip_dangling_labels(&text)));
                continue;
            }
            let bare = text.trim().trim_end_matches(':').trim();
            if NOTE_LABELS.contains(&bare.to_lowercase().as_str()) {
                label = Some(bare.to_string());
                continue;
            }
        }
        if line.kind == LineKind::Item && !items_are_entries && cur.is_some() {
            if let Some(acc) = cur.as_mut() {
                note(acc, &text);
            }
            continue;
        }
        let is_sub = line.kind == LineKind::Item && line.depth > top_depth
            || line.kind == LineKind::Continuation && line.depth > 0;
        let heading = matches!(line.kind, LineKind::Heading(_));
        // A date column before the degree ("Sep 2015 – Jun 2017  M.Sc. in ...").
        let period = dates::find_period(&text);
        let undated = match &period {
            Some(p) => dates::tidy(&dates::remove_range(&text, p.range)),
            None => text.clone(),
        };
        // In a date column (a PDF's first cell, only a date), each date opens
        // an entry ("09/06-06/14 | Highschool", then "10/15-08/18 | Bachelor
        // in Physics").
        let cells = util::cells(line);
        let date_first = !is_sub
            && line.geom.is_some()
            && cells.len() > 1
            && dates::whole_date(&cells[0]).is_some();
        let has_degree = degree_at(&undated).is_some();
        // A labelled line ("Cidade: X | País: Y", "Website: ...") under an
        // entry is one of its details, never the next institution.
        let labelled_detail = cur.is_some()
            && util::starts_with_label(text.trim())
            && !text
                .split_once(':')
                .is_some_and(|(label, _)| looks_like_institution(label));
        let inst_like = !labelled_detail
            && ((heading || line.all_bold() || bold_first(line)) && !has_degree
                || looks_like_institution(&text)
                    && !has_degree
                    && !is_sub
                    && text.split_whitespace().count() <= 10);
        let new_entry = match &cur {
            None => true,
            // Entries set in a date column: the shape of the first entry's
            // first line (its date in a cell of its own) is what opens the
            // next one; other lines, however institution-like ("Jury : X
            // (Université de Y)"), belong to the entry above.
            // A second degree opens an entry still: one entry holds one degree.
            Some(acc) if date_column => {
                (heading && acc.started())
                    || (date_first && acc.e.dates_text.is_some())
                    || (has_degree
                        && acc.e.degree.is_some()
                        && !is_sub
                        && !thesis_re().is_match(text.trim()))
            }
            Some(acc) => {
                (heading && acc.started())
                    || (date_first && acc.e.dates_text.is_some())
                    || (inst_like && acc.e.institution.is_some() && !is_sub)
                    || (has_degree && acc.e.degree.is_some() && !is_sub)
                    || (line.kind == LineKind::Item
                        && line.depth == top_depth
                        && has_degree
                        && acc.started())
            }
        };
        if new_entry && cur.is_none() && out.is_empty() {
            date_column = date_first;
        }
        if new_entry {
            if let Some(acc) = cur.take() {
                out.push(acc.e);
            }
        }
        let acc = cur.get_or_insert_with(Acc::default);
        // Cells ("10/15-08/18 | Bachelor in Physics | Universität Heidelberg")
        // are fields of their own: read each apart.
        // Only a PDF's cells: a text conversion's wide gaps split words too.
        if line.geom.is_some() && (2..=4).contains(&cells.len()) && !thesis_re().is_match(&text) {
            let named_before = (acc.e.institution.is_some(), acc.e.degree.is_some());
            for (i, cell) in cells.iter().enumerate() {
                let cell = util::strip_bullet(cell);
                // The last cell after the institution or the degree this
                // line named, a short name of a place ("Università di X |
                // Palermo", "Doctorat en Physique | Montréal"), is the town.
                let named_here =
                    (acc.e.institution.is_some(), acc.e.degree.is_some()) != named_before;
                if i > 0
                    && i + 1 == cells.len()
                    && named_here
                    && acc.e.location.is_none()
                    && is_place_name(cell)
                {
                    acc.e.location = Some(cell.to_string());
                    continue;
                }
                // The last cell after a degree is where it was earned
                // ("Highschool | Evangelisches Gymnasium Siegen-Weidenau").
                // A cell of one or two words with no institution word is
                // more likely the town ("Doctorat en Physique | Montréal").
                let after_degree = i + 1 == cells.len()
                    && i > 0
                    && acc.e.degree.is_some()
                    && acc.e.institution.is_none()
                    && cell.chars().next().is_some_and(char::is_uppercase)
                    && (3..=10).contains(&cell.split_whitespace().count())
                    && !util::is_location(cell)
                    && dates::find_period(cell).is_none();
                let inst =
                    (looks_like_institution(cell) || after_degree) && !degree_re().is_match(cell);
                absorb(
                    acc,
                    cell,
                    inst || (inst_like && acc.e.institution.is_none()),
                    line,
                );
            }
        } else {
            absorb(acc, &text, inst_like, line);
        }
    }
    if let Some(mut acc) = cur.take() {
        acc.e.notes.extend(label);
        out.push(acc.e);
    }
    merge_fragments(out)
}

/// An "entry" with no degree, no dates, no thesis and no advisors is no
/// degree (a stray line: a sidebar's word, a remark): its text goes to the
/// notes of the entry before it.
fn merge_fragments(entries: Vec<Education>) -> Vec<Education> {
    let mut out: Vec<Education> = Vec::with_capacity(entries.len());
    for e in entries {
        let fragment = e.degree.is_none()
            && e.start.is_none()
            && e.end.is_none()
            && e.thesis.is_none()
            && e.advisors.is_empty();
        match out.last_mut() {
            Some(prev) if fragment => {
                let text = [&e.institution, &e.field, &e.location]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                if !text.is_empty() {
                    prev.notes.push(text);
                }
                prev.notes.extend(e.notes);
            }
            _ => out.push(e),
        }
    }
    out
}

/// "UMONS", "EPFL", "UCLA": an institution's acronym.
fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(char::is_ascii_uppercase).count();
    (2..=10).contains(&s.len())
        && letters >= 2
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '&' | '-'))
}

/// Labels of an entry's notes that a CV may set on a line of their own.
const NOTE_LABELS: &[&str] = &[
    "coursework",
    "relevant coursework",
    "selected coursework",
    "courses",
    "relevant courses",
    "selected courses",
    "key courses",
    "activities",
    "activities and societies",
    "honors",
    "honours",
    "awards",
    "minor",
    "concentration",
];

fn bold_first(line: &Line) -> bool {
    line.spans
        .iter()
        .find(|s| !s.text.trim().is_empty())
        .is_some_and(|s| s.bold)
        && !degree_re().is_match(
            line.spans
                .iter()
                .find(|s| !s.text.trim().is_empty())
                .map(|s| s.text.trim())
                .unwrap_or(""),
        )
}

/// Labels that say what follows is the degree ("Degree: Bachelor of Arts",
/// "Abschluss: Diplom Informatik") or its field ("Major: ...").
const DEGREE_LABELS: &[&str] = &[
    "degree",
    "diploma",
    "abschluss",
    "titel",
    "diplôme",
    "título",
    "titulo",
    "titolo",
    "grau",
    "学位",
    "学历",
];
const FIELD_LABELS: &[&str] = &[
    "major",
    "field",
    "field of study",
    "fachrichtung",
    "studiengang",
    "spécialité",
    "spécialisation",
    "especialidad",
    "carrera",
    "curso",
    "corso di laurea",
    "indirizzo",
    "专业",
];

/// A labelled degree or field: `Some((true, degree))`, `Some((false, field))`.
fn labelled(text: &str) -> Option<(bool, &str)> {
    let (label, rest) = text.split_once([':', '：'])?;
    let label = label.trim().to_lowercase();
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    if DEGREE_LABELS.contains(&label.as_str()) {
        Some((true, rest))
    } else if FIELD_LABELS.contains(&label.as_str()) {
        Some((false, rest))
    } else {
        None
    }
}

/// A line under an entry: its thesis or advisors if it names them, else a note.
fn note(acc: &mut Acc, text: &str) {
    // The degree on a line of its own under the institution ("University of
    // X" / "• Bachelor of Science in ...").
    if acc.e.degree.is_none()
        && (degree_at(text).is_some_and(|(at, _)| at == 0)
            || labelled(text).is_some()
            || bracket_degree(text).is_some())
    {
        absorb(acc, text, false, &Line::new(LineKind::Text, Vec::new()));
        return;
    }
    if let Some(m) = thesis_re().find(text) {
        let rest = text[m.end()..].trim();
        if acc.e.thesis.is_none() && !rest.is_empty() {
            let (title, notes) = split_thesis(rest);
            acc.e.thesis = Some(title);
            acc.e.notes.extend(notes);
            return;
        }
    }
    // "title: ..." under a degree is its thesis.
    if let Some(t) = text
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("title:"))
        .map(|_| text[6..].trim())
    {
        if acc.e.thesis.is_none() && !t.is_empty() {
            acc.e.thesis = Some(t.to_string());
            return;
        }
    }
    if let Some(m) = advisor_re().find(text).filter(|m| m.start() == 0) {
        let names = util::split_names(&and_names(&text[m.end()..]));
        if !names.is_empty() {
            acc.e.advisors.extend(names);
            return;
        }
    }
    acc.e.notes.push(util::strip_dangling_labels(text));
}

/// Read one line into the entry.
fn absorb(acc: &mut Acc, text: &str, inst_like: bool, line: &Line) {
    let mut text = text.to_string();
    // Thesis line.
    if let Some(m) = thesis_re().find(&text) {
        let rest = text[m.end()..].trim().to_string();
        let (title, notes) = split_thesis(&rest);
        if acc.e.thesis.is_none() {
            acc.e.thesis = Some(title);
        } else {
            acc.e.notes.push(title);
        }
        acc.e.notes.extend(notes);
        return;
    }
    // Dates.
    if let Some(p) = dates::find_period(&text) {
        if acc.e.dates_text.is_none() {
            if p.is_range {
                acc.e.start = p.start.clone();
                acc.e.end = p.end.clone();
            } else {
                // A single date is when the degree was granted.
                acc.e.end = p.start.clone();
            }
            acc.e.dates_text = Some(p.text.clone());
            if p.expected {
                acc.e.notes.push("expected".into());
            }
            text = dates::remove_range(&text, p.range);
        }
    }
    // "Degree: Bachelor of Arts", "Major: Chinese Language and Literature".
    if let Some((is_degree, rest)) = labelled(&text) {
        if is_degree && acc.e.degree.is_none() {
            if degree_re().is_match(rest) {
                absorb(acc, rest, false, line);
            } else {
                acc.e.degree = Some(rest.to_string());
            }
            return;
        }
        if !is_degree && acc.e.field.is_none() {
            acc.e.field = Some(rest.to_string());
            return;
        }
    }
    // Advisors, possibly after other fields on the same line.
    if let Some(m) = advisor_re().find(&text) {
        let names = text[m.end()..].to_string();
        acc.e.advisors.extend(util::split_names(&and_names(&names)));
        text = text[..m.start()].trim().to_string();
        if text.is_empty() {
            return;
        }
    }
    // "GPA: 3.59", "CGPA 3.8/4.0": a note, wherever it stands.
    util::re!(
        gpa_re,
        r"(?i)(?-u:\b)(?:c?gpa|grade point average)\s*:?\s*[0-9]+(?:[.,][0-9]+)?(?:\s*/\s*[0-9]+(?:[.,][0-9]+)?)?\s*[,;]?"
    );
    if let Some(m) = gpa_re().find(&text) {
        let note = m.as_str().trim().trim_end_matches([',', ';']).trim_end();
        acc.e.notes.push(note.to_string());
        text = format!("{} {}", &text[..m.start()], &text[m.end()..]);
    }
    let text = dates::tidy(&text);
    if text.is_empty() {
        return;
    }
    // Location, also as "(Munich, Germany)" after the institution.
    util::re!(paren_loc, r"\s*\(([^()]+)\)\s*$");
    let text = match paren_loc().captures(&text) {
        Some(c) if acc.e.location.is_none() && util::is_location(&c[1]) => {
            acc.e.location = Some(c[1].trim().to_string());
            text[..c.get(0).map_or(text.len(), |m| m.start())]
                .trim()
                .to_string()
        }
        _ => text,
    };
    let text = match util::split_trailing_location(&text) {
        Some((rest, loc)) if acc.e.location.is_none() => {
            acc.e.location = Some(loc);
            rest.trim_end_matches([',', ';', ' ', '–', '—', '-', '|'])
                .to_string()
        }
        _ => text,
    };
    if text.is_empty() {
        return;
    }
    // "湖南大学（硕士）", "Control Engineering (M.Sc.)": the degree in brackets,
    // after the institution or the field.
    if acc.e.degree.is_none() {
        if let Some((before, degree)) = bracket_degree(&text) {
            acc.e.degree = Some(degree);
            if acc.e.institution.is_none()
                && (inst_like || looks_like_institution(&before) || is_acronym(&before))
            {
                acc.e.institution = Some(before);
            } else if acc.e.field.is_none() {
                acc.e.field = Some(before);
            } else {
                acc.e.notes.push(before);
            }
            return;
        }
    }
    // "Princeton University, PhD in Computer Science", "Florida State
    // University. PhD in ...": the institution first. A part before the
    // degree that names no institution is its field ("国际经济与贸易 · 本科").
    if acc.e.degree.is_none() {
        if let Some((at, sep)) = degree_at(&text).filter(|(at, _)| *at > 0) {
            let before = text[..at - sep.len()].trim().trim_end_matches([',', '.']);
            let deg = text[at..].trim().to_string();
            if !before.is_empty() {
                let inst = looks_like_institution(before) || is_acronym(before) || sep == ", ";
                if inst && acc.e.institution.is_none() {
                    acc.e.institution = Some(before.to_string());
                    absorb(acc, &deg, false, line);
                    return;
                }
                if !inst {
                    let before = before.to_string();
                    absorb(acc, &deg, false, line);
                    if acc.e.field.is_none() {
                        acc.e.field = Some(before);
                    } else {
                        acc.e.notes.push(before);
                    }
                    return;
                }
            }
        }
    }
    if let Some(m) = degree_re().find(&text) {
        if acc.e.degree.is_none() {
            let deg_end = m.end()
                - m.as_str()
                    .chars()
                    .last()
                    .filter(|c| !c.is_alphanumeric() && *c != '.')
                    .map_or(0, |c| c.len_utf8());
            let degree = text[..deg_end].trim().to_string();
            let rest = text[deg_end..].trim();
            // "Classe Préparatoire BCPST": an acronym set right after the
            // degree, with no comma, names its track, not the institution.
            let comma_after = rest.starts_with(',');
            let rest = rest.trim_start_matches([',', ':', '-', '–', '—', ' ']);
            let rest = strip_field_preposition(rest);
            // "Docteur en Sciences": the degree names its field itself.
            let field_in_degree = [" in ", " en ", " of "].iter().any(|w| degree.contains(w));
            acc.e.degree = Some(degree);
            // The field runs to the first part that names an institution or one of its units.
            let raw: Vec<&str> = rest
                .split(", ")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let cut = raw
                .iter()
                .position(|p| {
                    looks_like_institution(p)
                        || is_acronym(p)
                        || p.starts_with("Department")
                        || p.starts_with("School of")
                        || p.starts_with("Faculty")
                        || util::ends_with_org_noun(p)
                })
                .unwrap_or(raw.len());
            let field_text = raw[..cut].join(", ");
            let mut parts = std::iter::once(field_text.as_str())
                .filter(|f| !f.is_empty())
                .chain(raw[cut..].iter().copied());
            if let Some(field) = parts.next() {
                if (looks_like_institution(field) || is_acronym(field) && comma_after)
                    && acc.e.institution.is_none()
                    && !field.contains(" in ")
                {
                    acc.e.institution = Some(field.to_string());
                } else {
                    // A bracket the line left open ("Artificial Intelligence (").
                    let field = field.trim_end_matches(['(', ' ', ',', '-', '–']);
                    acc.e.field = Some(field.to_string());
                }
            }
            for p in parts {
                // After the institution, a town when the field is known:
                // "Licence en Sciences Informatiques, UMH, Mons".
                let town = acc.e.institution.is_some()
                    && acc.e.location.is_none()
                    && (acc.e.field.is_some() || field_in_degree)
                    && (1..=2).contains(&p.split_whitespace().count())
                    && p.split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && !p.chars().any(|c| c.is_ascii_digit())
                    && !looks_like_institution(p);
                if town {
                    acc.e.location = Some(p.to_string());
                } else if acc.e.institution.is_none()
                    && (looks_like_institution(p) || is_acronym(p))
                    && !p.starts_with("Department")
                    && !p.starts_with("School of")
                {
                    acc.e.institution = Some(p.to_string());
                } else if acc.e.field.is_none()
                    && acc.e.institution.is_some()
                    && !looks_like_institution(p)
                    && p.split_whitespace().count() <= 6
                    && p.chars().next().is_some_and(char::is_uppercase)
                {
                    // "PhD Princeton University, Computer Science": the field last.
                    acc.e.field = Some(p.to_string());
                } else {
                    acc.e.notes.push(p.to_string());
                }
            }
            return;
        }
    }
    // "Technische Universität München, Informatik Bachelor": a part that
    // ends in a degree word is field then degree.
    if acc.e.degree.is_none() {
        if let Some((rest, field, degree)) = split_trailing_degree(&text) {
            acc.e.degree = Some(degree);
            if !field.is_empty() && acc.e.field.is_none() {
                acc.e.field = Some(field);
            }
            if !rest.is_empty() {
                if acc.e.institution.is_none() && looks_like_institution(&rest) {
                    acc.e.institution = Some(rest);
                } else {
                    acc.e.notes.push(rest);
                }
            }
            return;
        }
    }
    // "Sciences de la nature, Collège Shawinigan" under a degree: its field,
    // then where it was earned.
    if acc.e.degree.is_some() && acc.e.institution.is_none() {
        if let Some((field, inst)) = split_field_institution(&text) {
            if acc.e.field.is_none() {
                acc.e.field = Some(field);
            } else {
                acc.e.notes.push(field);
            }
            acc.e.institution = Some(inst);
            return;
        }
    }
    if inst_like && acc.e.institution.is_none() {
        acc.e.institution = Some(text.trim_end_matches(',').to_string());
        return;
    }
    if acc.e.institution.is_none()
        && looks_like_institution(&text)
        && text.split_whitespace().count() <= 10
    {
        acc.e.institution = Some(text);
        return;
    }
    let _ = line;
    acc.e.notes.push(util::strip_dangling_labels(&text));
}

/// The last comma-separated part ending in a degree word, with no
/// institution word of its own ("Informatik Bachelor"): the parts before it,
/// the field and the degree.
fn split_trailing_degree(text: &str) -> Option<(String, String, String)> {
    let (rest, last) = match text.rsplit_once(", ") {
        Some((r, l)) => (r.trim(), l.trim()),
        None => ("", text.trim()),
    };
    let words: Vec<&str> = last.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || looks_like_institution(last) {
        return None;
    }
    // The longest run of last words that is a degree whole ("IB Diploma").
    let at = (1..words.len()).find(|&i| {
        let degree = words[i..].join(" ");
        degree.chars().next().is_some_and(char::is_uppercase)
            && degree_re()
                .find(&degree)
                .is_some_and(|m| m.as_str().trim_end().len() == degree.len())
    })?;
    let field = words[..at].join(" ");
    Some((rest.to_string(), field, words[at..].join(" ")))
}

/// Names joined by "et", "und", "y" ("Prof. A et Dr. B") joined by "and",
/// which the name splitter knows.
fn and_names(s: &str) -> String {
    // "Catherine Trottier (Directrice de thèse, Université X)": the role in
    // brackets is no name.
    util::re!(role, r"\s*\([^()]*\)");
    role()
        .replace_all(s, "")
        .replace(" et ", " and ")
        .replace(" und ", " and ")
        .replace(" y ", " and ")
}

/// A short name of a place: one to three capitalized words ("Palermo",
/// "Castelvetrano (TP)", "Le Mans, France"), no digits, no institution or
/// degree word.
fn is_place_name(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !w.starts_with('(') && !matches!(*w, "-" | "–"))
        .collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "de" | "di" | "del" | "am" | "an" | "der" | "sur")
        })
        && !s.chars().any(|c| c.is_ascii_digit())
        && !looks_like_institution(s)
        && !words.iter().any(|w| degree_re().is_match(w))
        && dates::find_period(s).is_none()
}

/// Words that join a degree to its field ("Master in", "Licence en",
/// "Bacharelado em", "Laurea in", "Ausbildung zum"), longest first.
const FIELD_PREPOSITIONS: &[&str] = &[
    "in der ", "in the ", "zum ", "zur ", "della ", "del ", "des ", "der ", "du ", "in ", "en ",
    "em ", "of ", "di ", "de ", "da ", "do ", "im ", "d’", "d'",
];

/// The field after a degree word, without the word that joins them.
fn strip_field_preposition(rest: &str) -> &str {
    let lower = rest.to_lowercase();
    FIELD_PREPOSITIONS
        .iter()
        .find(|p| lower.starts_with(*p) && rest.is_char_boundary(p.len()))
        .map_or(rest, |p| &rest[p.len()..])
        .trim()
}

/// "Sciences de la nature, Collège Shawinigan": a field, then from the part
/// that names an institution on, the institution. None when the first part
/// names an institution itself.
fn split_field_institution(text: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = text.split(", ").collect();
    if parts.len() < 2 || looks_like_institution(parts[0]) || is_acronym(parts[0]) {
        return None;
    }
    let at = parts.iter().position(|p| looks_like_institution(p))?;
    let field = parts[..at].join(", ");
    let inst = parts[at..].join(", ");
    // A one-word first part ("Rutgers, the State University of ...") and an
    // institution part in lower case are one name; a bracket left open is a
    // wrapped line.
    let open = field.matches('(').count() != field.matches(')').count();
    let ok = (2..=8).contains(&field.split_whitespace().count())
        && inst.chars().next().is_some_and(char::is_uppercase)
        && !open;
    ok.then_some((field, inst))
}

/// A thesis title, with a trailing `(see my Dissertation)` and a sentence that
/// follows the title ("... Applications I used bio-inspired ...") split off as notes.
fn split_thesis(s: &str) -> (String, Vec<String>) {
    util::re!(see, r"\s*\(\s*(?:see|cf\.|available)[^)]*\)\s*$");
    util::re!(
        sentence,
        r"^(.*?[a-zA-Z0-9)])\.?\s+((?:I|We|In this|This)\s+[a-z].*)$"
    );
    let mut notes = Vec::new();
    let mut t = s.trim().to_string();
    if let Some(m) = see().find(&t) {
        notes.push(
            t[m.start()..]
                .trim()
                .trim_matches(['(', ')'])
                .trim()
                .to_string(),
        );
        t = t[..m.start()].trim().to_string();
    }
    if let Some(c) = sentence().captures(&t) {
        let title = c[1].to_string();
        notes.push(c[2].to_string());
        t = title;
    }
    (t.trim_end_matches('.').trim().to_string(), notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    fn l(kind: LineKind, t: &str) -> NLine {
        (0, Line::new(kind, vec![Span::plain(t)]))
    }

    #[test]
    fn a_degree_in_brackets_after_the_institution_or_the_field() {
        let e = parse(&[
            l(LineKind::Text, "湖南大学（硕士） 2024.09-2027.06"),
            l(LineKind::Continuation, "网络空间安全专业"),
            l(LineKind::Blank, ""),
            l(LineKind::Text, "中原工学院 2019.09 – 2023.07"),
            l(LineKind::Continuation, "控制理论与控制工程 (学士)"),
        ]);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].institution.as_deref(), Some("湖南大学"));
        assert_eq!(e[0].degree.as_deref(), Some("硕士"));
        assert_eq!(e[1].institution.as_deref(), Some("中原工学院"));
        assert_eq!(e[1].degree.as_deref(), Some("学士"));
        assert_eq!(e[1].field.as_deref(), Some("控制理论与控制工程"));
        // A place in brackets is no degree.
        assert_eq!(bracket_degree("Universität Wien (Austria)"), None);
    }

    #[test]
    fn a_course_of_study_under_the_institution() {
        let e = parse(&[
            l(LineKind::Text, "Technische Universität, Almaty 1983-1987"),
            l(LineKind::Continuation, "Studium der Mathematik"),
        ]);
        assert_eq!(e[0].degree.as_deref(), Some("Studium"), "{e:#?}");
        assert_eq!(e[0].field.as_deref(), Some("Mathematik"));
    }

    #[test]
    fn stray_lines_are_notes_not_degrees() {
        let e = parse(&[
            l(
                LineKind::Text,
                "M.Sc. in Physics, Universität Heidelberg, 2018 – 2020",
            ),
            l(LineKind::Text, ""),
            l(LineKind::Text, "Python"),
            l(LineKind::Text, ""),
            l(LineKind::Text, "Fortran"),
        ]);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].notes, vec!["Python", "Fortran"]);
    }

    #[test]
    fn french_degree_acronym_and_town() {
        let e = parse(&[l(
            LineKind::Text,
            "2003 à 2007 Licence en Sciences Informatiques, UMH, Mons",
        )]);
        assert_eq!(e[0].degree.as_deref(), Some("Licence"));
        assert_eq!(e[0].field.as_deref(), Some("Sciences Informatiques"));
        assert_eq!(e[0].institution.as_deref(), Some("UMH"));
        assert_eq!(e[0].location.as_deref(), Some("Mons"));
        assert_eq!(e[0].start.as_deref(), Some("2003"));
        let e = parse(&[l(
            LineKind::Text,
            "2007 à 2013 Docteur en Sciences, UMONS, Mons",
        )]);
        assert_eq!(e[0].degree.as_deref(), Some("Docteur en Sciences"));
        assert_eq!(e[0].institution.as_deref(), Some("UMONS"));
        assert_eq!(e[0].location.as_deref(), Some("Mons"));
        // "PhD Princeton University, Computer Science": still the field.
        let e = parse(&[l(
            LineKind::Text,
            "PhD Princeton University, Computer Science, 2019",
        )]);
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"), "{e:#?}");
    }

    #[test]
    fn item_lines_name_thesis_and_advisor() {
        let lines = vec![
            l(
                LineKind::Text,
                "Doctor of Science: Astronomy, Københavns Universitet, 2020 – 2023",
            ),
            l(
                LineKind::Item,
                "title: Connecting the atmosphere with the interior",
            ),
            l(
                LineKind::Item,
                "supervisor of thesis: Prof. Dr. Uffe Gråe Jørgensen",
            ),
            l(LineKind::Item, "grade: 1.0"),
        ];
        let e = parse(&lines);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].degree.as_deref(), Some("Doctor of Science"));
        assert_eq!(e[0].field.as_deref(), Some("Astronomy"));
        assert_eq!(
            e[0].thesis.as_deref(),
            Some("Connecting the atmosphere with the interior")
        );
        assert_eq!(e[0].advisors, vec!["Uffe Gråe Jørgensen"]);
        assert_eq!(e[0].notes, vec!["grade: 1.0"]);
    }

    #[test]
    fn jakes_resume_gpa_expected_and_coursework() {
        let lines = vec![
            l(
                LineKind::Text,
                "University of California Los Angeles Expected June 2023",
            ),
            l(
                LineKind::Continuation,
                "BS in Computer Engineering; Concentration in Business Management GPA: 3.59",
            ),
            l(LineKind::Continuation, "Coursework"),
            l(
                LineKind::Continuation,
                "Operating Systems, Digital Logic Design",
            ),
        ];
        let e = parse(&lines);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(
            e[0].institution.as_deref(),
            Some("University of California Los Angeles")
        );
        assert_eq!(e[0].degree.as_deref(), Some("BS"));
        assert_eq!(
            e[0].field.as_deref(),
            Some("Computer Engineering; Concentration in Business Management")
        );
        assert_eq!(e[0].end.as_deref(), Some("2023-06"));
        assert_eq!(
            e[0].notes,
            vec![
                "expected",
                "GPA: 3.59",
                "Coursework: Operating Systems, Digital Logic Design"
            ]
        );
        // A grade inside a list of remarks leaves no stray separator.
        let e = parse(&[l(
            LineKind::Text,
            "B.Sc. in Computer Engineering, Boğaziçi University, GPA: 3.97/4.00, Valedictorian",
        )]);
        assert!(e[0].notes.contains(&"GPA: 3.97/4.00".to_string()), "{e:#?}");
        assert!(!format!("{e:?}").contains(", ,"), "{e:#?}");
    }

    #[test]
    fn moderncv_markdown() {
        let lines = vec![
            l(LineKind::Heading(4), "KTH Royal Institute of Technology"),
            l(LineKind::Text, "Stockholm, Sweden"),
            l(LineKind::Text, "Ph.D. in Information and Communication Technology, School of EECS Advisors: Prof. Dejan Kostić and Prof. Gerald Q. Maguire Jr."),
            l(LineKind::Text, "August 2017-March 2023"),
            l(LineKind::Text, "Dissertation Title: Realizing Low-Latency Packet Processing (see my Dissertation)"),
            l(LineKind::Heading(4), "Amirkabir University of Technology"),
            l(LineKind::Text, "Tehran, Iran"),
            l(LineKind::Text, "M.Sc. Electrical Engineering - Digital Electronic Circuits, Department of EE September 2015—July 2017"),
            l(LineKind::Continuation, "Advisor: Associate Prof. Saeed Sharifian"),
            l(LineKind::Text, "Thesis: Resource Allocation in Software-Defined Networks for 5G Applications I used bio-inspired metaheuristic algorithms to perform resource allocation."),
        ];
        let e = parse(&lines);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].institution.as_deref(),
            Some("KTH Royal Institute of Technology")
        );
        assert_eq!(e[0].degree.as_deref(), Some("Ph.D."));
        assert_eq!(
            e[0].field.as_deref(),
            Some("Information and Communication Technology")
        );
        assert_eq!(e[0].advisors, vec!["Dejan Kostić", "Gerald Q. Maguire Jr."]);
        assert_eq!(e[0].start.as_deref(), Some("2017-08"));
        assert_eq!(e[0].end.as_deref(), Some("2023-03"));
        assert_eq!(
            e[0].thesis.as_deref(),
            Some("Realizing Low-Latency Packet Processing")
        );
        assert_eq!(e[1].degree.as_deref(), Some("M.Sc."));
        assert_eq!(
            e[1].field.as_deref(),
            Some("Electrical Engineering - Digital Electronic Circuits")
        );
        assert_eq!(e[1].advisors, vec!["Saeed Sharifian"]);
        assert_eq!(e[1].end.as_deref(), Some("2017-07"));
        assert_eq!(
            e[1].thesis.as_deref(),
            Some("Resource Allocation in Software-Defined Networks for 5G Applications")
        );
    }

    #[test]
    fn degree_after_institution_in_any_separator() {
        let e = parse(&[l(
            LineKind::Text,
            "Florida State University. PhD in Political Science (2020)",
        )]);
        assert_eq!(
            e[0].institution.as_deref(),
            Some("Florida State University")
        );
        assert_eq!(e[0].degree.as_deref(), Some("PhD"));
        assert_eq!(e[0].field.as_deref(), Some("Political Science"));
        // A part before the degree that names no institution is its field.
        let e = parse(&[
            l(LineKind::Text, "浙江师范大学行知学院"),
            l(LineKind::Text, "国际经济与贸易 · 本科"),
        ]);
        assert_eq!(
            e[0].institution.as_deref(),
            Some("浙江师范大学行知学院"),
            "{e:#?}"
        );
        assert_eq!(e[0].degree.as_deref(), Some("本科"));
        assert_eq!(e[0].field.as_deref(), Some("国际经济与贸易"));
    }

    #[test]
    fn degrees_in_many_languages_join_their_field() {
        for (line, degree, field) in [
            (
                "Laurea Magistrale in Ingegneria Informatica",
                "Laurea Magistrale",
                "Ingegneria Informatica",
            ),
            ("Doctorat en Écologie", "Doctorat", "Écologie"),
            (
                "Bacharelado em Ciência da Computação",
                "Bacharelado",
                "Ciência da Computação",
            ),
            ("Máster en Ciencia de Datos", "Máster", "Ciencia de Datos"),
            ("Diplom Informatik", "Diplom", "Informatik"),
            ("Master d’Acoustique", "Master", "Acoustique"),
        ] {
            let e = parse(&[l(LineKind::Text, line)]);
            assert_eq!(e[0].degree.as_deref(), Some(degree), "{line}");
            assert_eq!(e[0].field.as_deref(), Some(field), "{line}");
        }
    }

    #[test]
    fn field_then_institution_under_the_degree() {
        let e = parse(&[
            l(LineKind::Text, "Diplôme d’études collégiales"),
            l(LineKind::Text, "Sciences de la nature, Collège Shawinigan"),
        ]);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].field.as_deref(), Some("Sciences de la nature"));
        assert_eq!(e[0].institution.as_deref(), Some("Collège Shawinigan"));
        // One name with a comma in it stays whole.
        let e = parse(&[
            l(LineKind::Text, "Ph.D. in Linguistics"),
            l(
                LineKind::Text,
                "Rutgers, the State University of New Jersey",
            ),
        ]);
        assert_eq!(
            e[0].institution.as_deref(),
            Some("Rutgers, the State University of New Jersey")
        );
    }

    #[test]
    fn degree_under_the_institution_and_labelled_fields() {
        let e = parse(&[
            l(LineKind::Text, "University of Central Florida 2016 – 2021"),
            l(
                LineKind::Item,
                "Bachelor of Science in Information Technology",
            ),
            l(LineKind::Item, "Coursework: Data Structures"),
        ]);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].degree.as_deref(), Some("Bachelor of Science"));
        assert_eq!(e[0].field.as_deref(), Some("Information Technology"));
        let e = parse(&[
            l(LineKind::Text, "Hunan University 2020 – 2024"),
            l(LineKind::Text, "Degree: Bachelor of Arts"),
            l(LineKind::Text, "Major: Chinese Language and Literature"),
            l(LineKind::Text, "Abschluss: FOR"),
        ]);
        assert_eq!(e[0].degree.as_deref(), Some("Bachelor of Arts"), "{e:#?}");
        assert_eq!(
            e[0].field.as_deref(),
            Some("Chinese Language and Literature")
        );
        assert_eq!(e[0].notes, vec!["Abschluss: FOR"]);
    }

    #[test]
    fn field_then_degree_word_after_the_institution() {
        let e = parse(&[l(
            LineKind::Text,
            "Technische Universität München, Informatik Bachelor",
        )]);
        assert_eq!(
            e[0].institution.as_deref(),
            Some("Technische Universität München"),
            "{e:#?}"
        );
        assert_eq!(e[0].degree.as_deref(), Some("Bachelor"));
        assert_eq!(e[0].field.as_deref(), Some("Informatik"));
        // A name that merely ends in a degree-like word is left alone.
        let e = parse(&[l(LineKind::Text, "Stanford University, 2019")]);
        assert_eq!(e[0].degree, None);
    }

    #[test]
    fn thesis_and_advisors_in_french_and_a_track_acronym() {
        let e = parse(&[
            l(
                LineKind::Text,
                "2016-2020 Doctorat en Écologie, Université de Montpellier",
            ),
            l(
                LineKind::Text,
                "Directeurs: Prof. Françoiz Munoz et Dr. Cyrille Violle",
            ),
            l(LineKind::Text, "Titre: En dehors de la norme"),
        ]);
        assert_eq!(
            e[0].advisors,
            vec!["Françoiz Munoz", "Cyrille Violle"],
            "{e:#?}"
        );
        assert_eq!(e[0].thesis.as_deref(), Some("En dehors de la norme"));
        let e = parse(&[l(
            LineKind::Text,
            "2010-2012 Classe Préparatoire BCPST, Lycée Saint-Louis",
        )]);
        assert_eq!(e[0].field.as_deref(), Some("BCPST"), "{e:#?}");
        assert_eq!(e[0].institution.as_deref(), Some("Lycée Saint-Louis"));
    }

    #[test]
    fn in_a_date_column_only_a_dated_line_opens_an_entry() {
        let cells = |parts: &[&str]| crate::parse::util::test_lines::row(parts, true);
        let e = parse(&[
            cells(&[
                "2019-2022",
                "Doctorat spécialité Biostatistique, Université de Montpellier",
            ]),
            l(
                LineKind::Text,
                "Encadrants : Catherine Trottier (Directrice de thèse, Université Paul Valéry)",
            ),
            l(
                LineKind::Text,
                "Jury : Jean Bacro (Président de jury, Université de Montpellier)",
            ),
            l(
                LineKind::Text,
                "David Warton (Rapporteur, University of New South Wales)",
            ),
            cells(&[
                "2017-2019",
                "Master de Mathématiques, Université Paul Sabatier",
            ]),
        ]);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].advisors, vec!["Catherine Trottier"]);
        assert_eq!(
            e[1].institution.as_deref(),
            Some("Université Paul Sabatier")
        );
    }

    #[test]
    fn a_town_in_the_cell_after_the_institution() {
        let cells = |parts: &[&str]| crate::parse::util::test_lines::row(parts, true);
        let e = parse(&[
            cells(&["Laurea Magistrale in Ingegneria Informatica", "2024 – 2026"]),
            cells(&["Università degli Studi di Palermo", "Palermo"]),
            l(LineKind::Text, "Valutazione finale: 110/110 con lode"),
        ]);
        assert_eq!(
            e[0].institution.as_deref(),
            Some("Università degli Studi di Palermo")
        );
        assert_eq!(e[0].location.as_deref(), Some("Palermo"), "{e:#?}");
        assert!(is_place_name("Castelvetrano (TP)"));
        assert!(!is_place_name("Doppia Laurea"));
        assert!(!is_place_name("GPA 3.9"));
    }

    #[test]
    fn academicpages_bullets() {
        let lines = vec![
            l(
                LineKind::Item,
                "Ph.D in Version Control Theory, GitHub University, 2018 (expected)",
            ),
            l(LineKind::Item, "M.S. in Jekyll, GitHub University, 2014"),
        ];
        let e = parse(&lines);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].degree.as_deref(), Some("Ph.D"));
        assert_eq!(e[0].field.as_deref(), Some("Version Control Theory"));
        assert_eq!(e[0].institution.as_deref(), Some("GitHub University"));
        assert_eq!(e[0].end.as_deref(), Some("2018"));
        assert_eq!(e[1].degree.as_deref(), Some("M.S."));
    }
}
