//! Stage 3: split the cleaned lines into sections of the contract's taxonomy.
//!
//! A section starts at a line that reads as a section title: a Markdown
//! heading, a bold-only line, or a short line standing alone whose whole text
//! is a known title. A heading that is not a known title starts an entry in the
//! current section (an institution inside Education), unless the section it
//! would land in does not hold headed entries, in which case it opens an
//! `other` section.

pub(crate) mod titles;

pub use titles::{title_kind, title_mentions};

use crate::clean::Cleaned;
use crate::extract::{Line, LineKind, Span};
use crate::profile::SectionKind;

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    /// The title as written (cleaned), without numbering and trailing dots.
    pub title: String,
    /// 1-based line of the title in the cleaned text.
    pub line: usize,
    /// The section's lines after its title; each with its 1-based line number.
    pub lines: Vec<(usize, Line)>,
}

#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Lines before the first section: name, contact details, introduction.
    pub preamble: Vec<(usize, Line)>,
    pub sections: Vec<Section>,
}

/// Kinds whose entries are often set as headings (an employer, a school, a project).
fn holds_headed_entries(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Work
            | SectionKind::Education
            | SectionKind::Projects
            | SectionKind::Publications
            | SectionKind::Patents
    )
}

/// The title of a heading-like line, cleaned of numbering, trailing dots and colons.
pub fn heading_title(text: &str) -> String {
    let t = text.trim();
    let re = numbering_regex();
    let t = re.replace(t, "");
    t.trim()
        .trim_end_matches(['.', ':', '…', ' '])
        .trim_start_matches(['#', ' '])
        .trim()
        .to_string()
}

crate::patterns::warm!(numbering_regex);
fn numbering_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^(?:(?:[0-9]{1,2}|[IVX]{1,4}|[A-H])[.)]\s+|§\s*)").expect("valid regex")
    })
}

/// A table-of-contents line: a title with its page number after a dotted
/// section number (`1.1.5 Talks and Posters 15`) or after dot leaders
/// (`Publications ........ 8`). It names a section; it does not open one.
fn toc_line(text: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^\s*(?:[0-9]{1,2}\.(?:[0-9]{1,2}\.?)+\s+\D.*\s[0-9]{1,3}|.*\S\s*(?:\.\s*){4,}[0-9]{1,3})\s*$",
        )
        .expect("valid regex")
    })
    .is_match(text)
}

/// Whether a line is a section title, and of which kind.
fn section_of(line: &Line, prev_blank: bool) -> Option<(SectionKind, String)> {
    let text = line.flat_text();
    let title = heading_title(&text);
    if title.is_empty() || title.chars().count() > 120 {
        return None;
    }
    let styled = matches!(line.kind, LineKind::Heading(_))
        || (line.all_bold() && line.kind == LineKind::Text);
    // Only a Markdown heading may hold a title among other words; a bold line
    // ("**Morpheus: ... for Software Data Planes**") must be a title and nothing else.
    let heading = matches!(line.kind, LineKind::Heading(_));
    let kind = title_kind(&title, !heading)?;
    if styled {
        return Some((kind, title));
    }
    // A plain line must stand alone and be a title and nothing else.
    // In plain text (no blank lines around titles) a title line may follow any line.
    // A line that continues a paragraph (after a soft or hard break) never is.
    let standalone = (prev_blank && matches!(line.kind, LineKind::Text))
        || (line.page.is_none()
            && line.kind == LineKind::Text
            && !text.trim_end().ends_with(['.', ',', ';']));
    let short = title.split_whitespace().count() <= 6;
    let upper =
        title.chars().any(|c| c.is_alphabetic()) && !title.chars().any(|c| c.is_lowercase());
    let title_case = title
        .split_whitespace()
        .filter(|w| w.len() > 3)
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    if standalone && short && (upper || title_case) {
        Some((kind, title))
    } else {
        None
    }
}

/// Split the cleaned document into a preamble and sections.
pub fn segment(doc: &Cleaned) -> Segmented {
    let mut out = Segmented::default();
    let mut prev_blank = true;
    let mut after_rule = true;
    let mut cur_level: u8 = 0;
    // Heading levels that known section titles use: an unknown heading of
    // such a level in the header, below the name's heading, is a section too
    // ("Welcome to RenderCV" above "Education").
    let title_levels: Vec<u8> = doc
        .lines
        .iter()
        .filter_map(|l| match l.kind {
            LineKind::Heading(n) if section_of(l, true).is_some() => Some(n),
            _ => None,
        })
        .collect();
    // The largest heading style, when no section title uses it: the owner's
    // name is set in it, wherever a sidebar puts it in the reading order.
    let name_level = doc
        .lines
        .iter()
        .filter_map(|l| match l.kind {
            LineKind::Heading(n) => Some(n),
            _ => None,
        })
        .min()
        .filter(|n| !title_levels.contains(n));
    let mut header_top: Option<u8> = None;
    let styles = section_styles(&doc.lines);
    for (no, line, label) in label_cells(&doc.lines) {
        let line = &line;
        if let Some((kind, title)) = label {
            out.sections.push(Section {
                kind,
                title,
                line: no,
                lines: vec![],
            });
            cur_level = 7;
            prev_blank = false;
            after_rule = false;
            continue;
        }
        if line.kind == LineKind::Rule || line.kind == LineKind::Blank {
            prev_blank = true;
            if line.kind == LineKind::Rule {
                after_rule = true;
            }
            push(&mut out, no, line.clone());
            continue;
        }
        if toc_line(&line.flat_text()) {
            push(&mut out, no, line.clone());
            prev_blank = false;
            after_rule = false;
            continue;
        }
        let level = match line.kind {
            LineKind::Heading(l) => l,
            _ => 7,
        };
        // A job or degree set as a deeper heading inside Work or Education
        // names a section only in passing ("Vice President of Location &
        // Services"): it is an entry, unless it is a title outright.
        let in_passing = |title: &str| {
            matches!(line.kind, LineKind::Heading(_))
                && level > cur_level
                && matches!(
                    out.sections.last().map(|s| s.kind),
                    Some(SectionKind::Work | SectionKind::Education)
                )
                && title_kind(title, true).is_none()
        };
        let found = section_of(line, prev_blank)
            .or_else(|| styled_title(line, &styles))
            .filter(|(_, t)| !in_passing(t));
        if section_of(line, prev_blank).is_some() && found.is_none() {
            push(&mut out, no, line.clone());
            prev_blank = false;
            after_rule = false;
            continue;
        }
        if let Some((kind, title)) = found {
            out.sections.push(Section {
                kind,
                title,
                line: no,
                lines: vec![],
            });
            cur_level = level;
        } else if line.kind == LineKind::Heading(name_level.unwrap_or(0))
            && !out.sections.is_empty()
            && line.page.unwrap_or(1) <= 1
            && (looks_like_name(&line.flat_text()) || name_part(&line.flat_text()))
        {
            out.preamble.push((no, line.clone()));
        } else if let LineKind::Heading(_) = line.kind {
            let cur = out.sections.last().map(|s| s.kind);
            let as_entry = match cur {
                None => {
                    let below_name = header_top.is_some_and(|t| t < level);
                    let top = header_top.get_or_insert(level);
                    *top = (*top).min(level);
                    // The owner's name set in the section style (a headline above it)
                    // is still the header.
                    !(below_name && title_levels.contains(&level))
                        || looks_like_name(&line.flat_text())
                }
                // A deeper heading inside a section of headed entries is an entry; one at
                // the section's own level only when it names an organization.
                Some(k) => {
                    holds_headed_entries(k)
                        && ((!after_rule && level > cur_level.min(6))
                            || looks_like_institution(&line.flat_text()))
                }
            };
            if as_entry {
                push(&mut out, no, line.clone());
            } else {
                out.sections.push(Section {
                    kind: SectionKind::Other,
                    title: heading_title(&line.flat_text()),
                    line: no,
                    lines: vec![],
                });
                cur_level = level;
            }
        } else {
            push(&mut out, no, line.clone());
        }
        prev_blank = false;
        after_rule = false;
    }
    // Trailing separators carry nothing.
    for s in &mut out.sections {
        while matches!(s.lines.last(), Some((_, l)) if l.is_blank()) {
            s.lines.pop();
        }
        while matches!(s.lines.first(), Some((_, l)) if l.is_blank()) {
            s.lines.remove(0);
        }
    }
    out
}

/// A section's kind and title as written.
type Titled = (SectionKind, String);

/// A line's first cell (the spans before its first cell separator) and the rest.
fn first_cell(line: &Line) -> Option<(Vec<Span>, Vec<Span>)> {
    let i = line.spans.iter().position(|s| s.text == "\t")?;
    Some((line.spans[..i].to_vec(), line.spans[i + 1..].to_vec()))
}

fn cells_text(spans: &[Span]) -> String {
    let t: String = spans.iter().map(|s| s.text.as_str()).collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to four words of letters, capitalized or upper case: the shape of a label.
fn label_shaped(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=4).contains(&words)
        && !t.chars().any(|c| c.is_ascii_digit())
        && t.chars().next().is_some_and(char::is_uppercase)
}

/// The document's lines, each with its 1-based number; a PDF line whose first
/// cell is a section title (a left label column: `EXPERIENCE | Engineer, ACME |
/// 2018`) splits into the title and the line's other cells, both on the
/// title's baseline. A label wrapped over two lines (`PROFESSIONAL | ...` over
/// `EXPERIENCE`) is read whole when the two halves make a title, and its second
/// half leaves the line below. Only a document with at least two such labels
/// has a label column.
fn label_cells(lines: &[Line]) -> Vec<(usize, Line, Option<Titled>)> {
    let mut out = Vec::new();
    let mut drop_label_of: Option<usize> = None;
    let label_of = |l: &Line| match first_cell(l) {
        Some((cell, _)) => cells_text(&cell),
        None => cells_text(&l.spans),
    };
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        let mut line = line.clone();
        if drop_label_of == Some(i) {
            drop_label_of = None;
            match first_cell(&line) {
                Some((_, rest)) => line.spans = rest,
                None => continue,
            }
        }
        let cells = first_cell(&line).filter(|_| {
            line.page.is_some() && matches!(line.kind, LineKind::Text | LineKind::Continuation)
        });
        if let Some((cell, rest)) = cells {
            let label = cells_text(&cell);
            if label_shaped(&label) && !cells_text(&rest).is_empty() {
                let joined = lines
                    .get(i + 1)
                    .filter(|n| {
                        n.page == line.page
                            && matches!(n.kind, LineKind::Text | LineKind::Continuation)
                    })
                    .map(label_of)
                    .filter(|l| {
                        (1..=3).contains(&l.split_whitespace().count())
                            && !l.chars().any(|c| c.is_ascii_digit())
                    })
                    .map(|l| format!("{label} {l}"))
                    .filter(|j| title_kind(j, true).is_some());
                let title = joined
                    .clone()
                    .or_else(|| Some(label.clone()).filter(|l| title_kind(l, true).is_some()));
                if let Some(kind) = title.as_deref().and_then(|t| title_kind(t, true)) {
                    let title = heading_title(title.as_deref().unwrap_or_default());
                    let head = Line {
                        kind: LineKind::Text,
                        spans: cell,
                        ..line.clone()
                    };
                    out.push((no, head, Some((kind, title))));
                    out.push((
                        no,
                        Line {
                            kind: LineKind::Text,
                            spans: rest,
                            ..line
                        },
                        None,
                    ));
                    if joined.is_some() {
                        drop_label_of = Some(i + 1);
                    }
                    continue;
                }
            }
        }
        out.push((no, line, None));
    }
    // A label column holds every section's title: one lone label is a row's
    // first cell that happens to read as a title (`Internship | June 2013`).
    if out.iter().filter(|(_, _, t)| t.is_some()).count() < 2 {
        return lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.clone(), None))
            .collect();
    }
    out
}

/// A PDF line's style: font size (to half a point), bold, upper case.
type Style = (i32, bool, bool);

fn style_of(line: &Line) -> Option<Style> {
    let g = line.geom?;
    let t = line.flat_text();
    let upper = t.chars().any(|c| c.is_alphabetic()) && !t.chars().any(|c| c.is_lowercase());
    Some(((g.size * 2.0).round() as i32, line.all_bold(), upper))
}

/// A short PDF line whose whole text is a known title, with its style.
fn title_candidate(line: &Line) -> Option<(Style, SectionKind, String)> {
    if matches!(
        line.kind,
        LineKind::Blank | LineKind::Rule | LineKind::TableRow
    ) {
        return None;
    }
    let style = style_of(line)?;
    let title = heading_title(&line.flat_text());
    if title.split_whitespace().count() > 6 {
        return None;
    }
    let kind = title_kind(&title, true)?;
    Some((style, kind, title))
}

/// The styles of the document's section titles: a style that at least two
/// known titles share and that stands out from the body text (larger, bold or
/// upper case than the commonest line).
fn section_styles(lines: &[Line]) -> Vec<Style> {
    let mut sizes: std::collections::HashMap<i32, usize> = Default::default();
    for l in lines {
        if let Some((size, ..)) = style_of(l) {
            *sizes.entry(size).or_default() += 1;
        }
    }
    let Some(body) = sizes
        .iter()
        .max_by_key(|(s, n)| (**n, -**s))
        .map(|(s, _)| *s)
    else {
        return vec![];
    };
    let mut counts: std::collections::HashMap<Style, usize> = Default::default();
    for l in lines {
        if let Some((style, ..)) = title_candidate(l) {
            *counts.entry(style).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|((size, bold, upper), n)| *n >= 2 && (*size > body || *bold || *upper))
        .map(|(s, _)| s)
        .collect()
}

/// A known title set in the document's section style is a section, whatever
/// its line kind (a title the extractor read as a list item).
fn styled_title(line: &Line, styles: &[Style]) -> Option<(SectionKind, String)> {
    let (style, kind, title) = title_candidate(line)?;
    styles.contains(&style).then_some((kind, title))
}

/// Two to five capitalized words of letters (particles such as `de`, `van`
/// between them): the shape of a person's name, which no section title has.
fn looks_like_name(s: &str) -> bool {
    const PARTICLES: [&str; 16] = [
        "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von",
        "der", "den", "y",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || title_kind(s, false).is_some() {
        return false;
    }
    let capitalized = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    capitalized(words[0])
        && capitalized(words[words.len() - 1])
        && words
            .iter()
            .all(|w| capitalized(w) || PARTICLES.contains(&w.to_lowercase().as_str()))
}

/// One word of a name set over two lines (`DANIELE` / `TRAPPOLINI`), or a name
/// in Han characters (two to four, no spaces).
fn name_part(s: &str) -> bool {
    let t = s.trim();
    if t.contains(char::is_whitespace) || title_kind(t, true).is_some() {
        return false;
    }
    let n = t.chars().count();
    let han = (2..=4).contains(&n) && t.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let word = n >= 2
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\''));
    han || word
}

fn push(out: &mut Segmented, no: usize, line: Line) {
    match out.sections.last_mut() {
        Some(s) => s.lines.push((no, line)),
        None => out.preamble.push((no, line)),
    }
}

/// An organization's name set as a heading (kept inside Work or Education).
pub fn looks_like_institution(s: &str) -> bool {
    let re = institution_regex();
    re.is_match(s)
}

fn institution_regex() -> &'static regex::Regex {
    crate::parse::lexicon::institution_word()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    fn line(kind: LineKind, t: &str, bold: bool) -> Line {
        let mut s = Span::plain(t);
        s.bold = bold;
        Line::new(kind, vec![s])
    }

    fn doc(lines: Vec<Line>) -> Cleaned {
        Cleaned {
            lines,
            ..Default::default()
        }
    }

    #[test]
    fn headings_bold_lines_and_plain_titles() {
        let d = doc(vec![
            line(LineKind::Heading(1), "Jane Doe", false),
            line(LineKind::Heading(1), "Work Experience", false),
            line(LineKind::Text, "ACME", false),
            line(LineKind::Blank, "", false),
            line(LineKind::Text, "Conference Publications.....", true),
            line(LineKind::Item, "[C1] A. Title.", false),
            line(LineKind::Blank, "", false),
            line(LineKind::Text, "EDUCATION", false),
            line(
                LineKind::Heading(4),
                "KTH Royal Institute of Technology",
                false,
            ),
            line(
                LineKind::Heading(3),
                "Sharif University of Technology",
                true,
            ),
        ]);
        let s = segment(&d);
        assert_eq!(s.preamble.len(), 1);
        let kinds: Vec<_> = s
            .sections
            .iter()
            .map(|x| (x.kind, x.title.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (SectionKind::Work, "Work Experience"),
                (SectionKind::Publications, "Conference Publications"),
                (SectionKind::Education, "EDUCATION"),
            ]
        );
        assert_eq!(s.sections[2].lines.len(), 2);
        assert_eq!(s.sections[1].line, 5);
    }

    #[test]
    fn unknown_heading_after_rule_is_other() {
        let d = doc(vec![
            line(LineKind::Heading(3), "Mentees", false),
            line(LineKind::Item, "Someone", false),
            line(LineKind::Rule, "", false),
            line(LineKind::Heading(4), "Some thoughts", false),
            line(LineKind::Item, "TCP", false),
        ]);
        let s = segment(&d);
        assert_eq!(s.sections.len(), 2);
        assert_eq!(s.sections[1].kind, SectionKind::Other);
        assert_eq!(s.sections[1].title, "Some thoughts");
    }

    #[test]
    fn a_name_in_the_section_style_below_a_headline_stays_in_the_header() {
        let d = doc(vec![
            line(LineKind::Heading(1), "Front-End Developer", true),
            line(LineKind::Heading(2), "Maria da Silva Souza", true),
            line(LineKind::Text, "maria@example.org", false),
            line(LineKind::Heading(2), "Educação", true),
            line(LineKind::Text, "Universidade Federal", false),
            line(LineKind::Heading(2), "Projetos Pessoais", true),
        ]);
        let s = segment(&d);
        assert_eq!(s.preamble.len(), 3);
        assert_eq!(s.sections[0].kind, SectionKind::Education);
        assert_eq!(s.sections[1].kind, SectionKind::Projects);
    }

    fn pdf_line(kind: LineKind, cells: &[&str], size: f32) -> Line {
        let mut spans = vec![];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                spans.push(Span::plain("\t"));
            }
            spans.push(Span::plain(*c));
        }
        let mut l = Line::new(kind, spans);
        l.page = Some(1);
        l.geom = Some(crate::extract::Geom {
            size,
            ..Default::default()
        });
        l
    }

    #[test]
    fn a_title_in_a_left_label_cell_opens_its_section() {
        let d = doc(vec![
            pdf_line(LineKind::Text, &["Jane Doe"], 14.0),
            pdf_line(
                LineKind::Text,
                &["EDUCATION", "PhD, Some University", "2016"],
                11.0,
            ),
            pdf_line(LineKind::Text, &["MS, Other University", "2012"], 11.0),
            pdf_line(
                LineKind::Text,
                &["PROFESSIONAL", "Research Associate, ACME", "2021"],
                11.0,
            ),
            pdf_line(LineKind::Continuation, &["EXPERIENCE"], 9.0),
            pdf_line(LineKind::Text, &["Engineer, Initech", "2020"], 11.0),
        ]);
        let s = segment(&d);
        let kinds: Vec<_> = s
            .sections
            .iter()
            .map(|x| (x.kind, x.title.as_str(), x.line))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (SectionKind::Education, "EDUCATION", 2),
                (SectionKind::Work, "PROFESSIONAL EXPERIENCE", 4),
            ]
        );
        assert_eq!(
            s.sections[0].lines[0].1.flat_text(),
            "PhD, Some University 2016"
        );
        let work: Vec<_> = s.sections[1]
            .lines
            .iter()
            .map(|(_, l)| l.flat_text())
            .collect();
        assert_eq!(
            work,
            vec!["Research Associate, ACME 2021", "Engineer, Initech 2020"]
        );
    }

    #[test]
    fn a_lone_title_in_a_first_cell_is_no_label_column() {
        let d = doc(vec![
            pdf_line(LineKind::Text, &["Experience"], 11.0),
            pdf_line(LineKind::Text, &["ACME", "Tehran, Iran"], 11.0),
            pdf_line(LineKind::Text, &["Internship", "June 2013"], 11.0),
        ]);
        let s = segment(&d);
        assert_eq!(s.sections.len(), 1);
        assert_eq!(s.sections[0].lines.len(), 2);
    }

    #[test]
    fn a_known_title_in_the_section_style_is_a_section_whatever_its_kind() {
        let d = doc(vec![
            pdf_line(LineKind::Heading(1), &["Jane Doe"], 32.0),
            pdf_line(LineKind::Item, &["Objetivo"], 15.0),
            pdf_line(LineKind::Text, &["Busco aplicar meus conhecimentos"], 11.8),
            pdf_line(LineKind::Continuation, &["em Engenharia de Software"], 11.8),
            pdf_line(LineKind::Item, &["Experiência Profissional"], 15.0),
            pdf_line(LineKind::Text, &["Volkswagen do Brasil"], 11.8),
            // A title word in the body's own style is no section.
            pdf_line(LineKind::Item, &["Experiência"], 11.8),
        ]);
        let s = segment(&d);
        let kinds: Vec<_> = s.sections.iter().map(|x| x.kind).collect();
        assert_eq!(kinds, vec![SectionKind::Summary, SectionKind::Work]);
        assert_eq!(s.sections[1].lines.len(), 2);
    }

    #[test]
    fn table_of_contents_lines_open_no_section() {
        assert!(toc_line("1.1 Scientific Production 8"));
        assert!(toc_line("1.1.5 Talks and Posters - Invited Talks 15"));
        assert!(toc_line("Publications ........ 8"));
        assert!(!toc_line("1.1 Scientific Production"));
        assert!(!toc_line("2. Education"));
        assert!(!toc_line("Conference Publications....."));
        let d = doc(vec![
            line(LineKind::Text, "Jane Doe", false),
            line(LineKind::Heading(2), "1.1 Scientific Production 8", false),
            line(LineKind::Heading(2), "1.2 Teaching 12", false),
            line(LineKind::Heading(2), "Publications", false),
            line(LineKind::Text, "[1] A paper.", false),
        ]);
        let s = segment(&d);
        assert_eq!(s.preamble.len(), 3);
        assert_eq!(s.sections.len(), 1);
        assert_eq!(s.sections[0].kind, SectionKind::Publications);
    }

    #[test]
    fn numbering_and_dots_are_ignored() {
        assert_eq!(heading_title("2. Education..."), "Education");
        assert_eq!(heading_title("Patent Applications."), "Patent Applications");
    }
}
