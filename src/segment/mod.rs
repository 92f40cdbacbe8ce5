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
use crate::extract::{Line, LineKind};
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
    for (i, line) in doc.lines.iter().enumerate() {
        let no = i + 1;
        if line.kind == LineKind::Rule || line.kind == LineKind::Blank {
            prev_blank = true;
            if line.kind == LineKind::Rule {
                after_rule = true;
            }
            push(&mut out, no, line.clone());
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
        let found = section_of(line, prev_blank).filter(|(_, t)| !in_passing(t));
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

    #[test]
    fn numbering_and_dots_are_ignored() {
        assert_eq!(heading_title("2. Education..."), "Education");
        assert_eq!(heading_title("Patent Applications."), "Patent Applications");
    }
}
