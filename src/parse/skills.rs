//! Skills (categories with keywords), languages (with fluency) and interests.

use super::util::{self, NLine};
use crate::profile::{Language, Skill};

util::re!(cat_re, r"^([^:]{2,50}):\s*(.+)$");
util::re!(
    lang_cat,
    r"(?i)^(?:spoken\s+|natural\s+|foreign\s+)?languages?(?:\s+skills)?$"
);

/// Split a list of items at commas and semicolons outside parentheses.
pub fn split_items(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if (c == ',' || c == ';' || c == '·' || c == '•' || c == '|') && depth <= 0 {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|i| {
            let i = i.trim().trim_end_matches('.').trim();
            let i = i.strip_prefix("and ").unwrap_or(i);
            i.trim().to_string()
        })
        .filter(|i| !i.is_empty())
        .collect()
}

/// `English (Fluent)`, `Persian: native`, `German – B2`.
pub fn parse_language(item: &str) -> Language {
    util::re!(paren, r"^(.*?)\s*[(\[]([^)\]]*)[)\]]\.?\s*$");
    util::re!(sep, r"^(.*?)\s*(?::|–|—| - )\s*(.+)$");
    if let Some(c) = paren().captures(item) {
        return Language {
            language: c[1].trim().to_string(),
            fluency: Some(c[2].trim().to_string()),
        };
    }
    if let Some(c) = sep().captures(item) {
        return Language {
            language: c[1].trim().to_string(),
            fluency: Some(c[2].trim().trim_end_matches('.').trim().to_string()),
        };
    }
    // "Englisch fließend", "Anglais lu, parlé et écrit": the name, then its level.
    let item = item.trim();
    if let Some((first, rest)) = item.split_once(' ') {
        if is_language(first) && !is_language(rest) && !rest.trim().is_empty() {
            return Language {
                language: first.to_string(),
                fluency: Some(rest.trim().trim_end_matches('.').trim().to_string()),
            };
        }
    }
    Language {
        language: item.to_string(),
        fluency: None,
    }
}

pub fn parse_skills(lines: &[NLine], skills: &mut Vec<Skill>, languages: &mut Vec<Language>) {
    let lines = util::join_wrapped(lines);
    for block in util::line_blocks(&lines) {
        let text = block
            .lines
            .iter()
            .map(|(_, l)| l.flat_text())
            .collect::<Vec<_>>()
            .join(" ");
        let text = text
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .trim()
            .to_string();
        if text.is_empty() {
            continue;
        }
        // "* Modelling" with the tools as sub-bullets.
        if block.lines.len() > 1 && !block.lines[0].1.flat_text().contains(':') {
            let name = util::strip_bullet(&block.lines[0].1.flat_text())
                .trim()
                .to_string();
            let keywords = block.lines[1..]
                .iter()
                .flat_map(|(_, l)| split_items(util::strip_bullet(&l.flat_text())))
                .collect();
            skills.push(Skill {
                name: Some(name),
                keywords,
            });
            continue;
        }
        // A PDF row of cells: "DevOps | AWS, Docker, ..." is a category and its
        // items; "Languages: C++, C | Hardware Tools: I2C" two categories.
        let cells = util::cells(&block.lines[0].1);
        if block.lines.len() == 1 && block.lines[0].1.geom.is_some() && cells.len() >= 2 {
            if cells.iter().all(|c| c.contains(':')) {
                for c in &cells {
                    category(c, skills, languages);
                }
                continue;
            }
            let name = &cells[0];
            // The items a list: two words far apart (a diagram's labels) are none.
            if cells.len() == 2
                && !name.contains([':', ','])
                && name.split_whitespace().count() <= 4
                && cells[1].contains([',', ';', '·', '•'])
            {
                category(&format!("{name}: {}", cells[1]), skills, languages);
                continue;
            }
        }
        category(&text, skills, languages);
    }
}

/// One "Category: item, item" text (or a bare list) into skills or languages.
fn category(text: &str, skills: &mut Vec<Skill>, languages: &mut Vec<Language>) {
    match cat_re().captures(text) {
        Some(c) => {
            let name = c[1].trim().to_string();
            if lang_cat().is_match(&name) && split_items(&c[2]).iter().any(|i| is_language(i)) {
                languages.extend(split_items(&c[2]).iter().map(|i| parse_language(i)));
            } else {
                skills.push(Skill {
                    name: Some(name),
                    keywords: split_items(&c[2]),
                });
            }
        }
        None => skills.push(Skill {
            name: None,
            keywords: split_items(text),
        }),
    }
}

/// Language names (`data/languages.txt`), lower case.
fn language_names() -> &'static std::collections::HashSet<String> {
    static W: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        util::word_list(include_str!("data/languages.txt"))
            .into_iter()
            .collect()
    })
}

/// Words for "language" that stand before a language's name (`Lingua Inglese`,
/// `Langue : anglais`).
const LANGUAGE_WORDS: [&str; 8] = [
    "language", "langue", "lingua", "língua", "lengua", "idioma", "sprache", "taal",
];

fn is_language(item: &str) -> bool {
    let mut words = item
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | ':' | '-' | '–' | ','))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let names = language_names();
    match words.next() {
        Some(w) if names.contains(&w) => true,
        Some(w) if LANGUAGE_WORDS.contains(&w.as_str()) => {
            words.next().is_some_and(|n| names.contains(&n))
        }
        // CJK lines have no spaces: the name leads the text.
        Some(w) => names
            .iter()
            .any(|n| !n.is_ascii() && n.chars().count() >= 2 && w.starts_with(n.as_str())),
        None => false,
    }
}

/// Parse a Languages section; lines that name no language are returned (kept in `other`).
pub fn parse_languages(lines: &[NLine], languages: &mut Vec<Language>) -> Vec<String> {
    let mut rest = Vec::new();
    for (_, l) in &util::join_wrapped(lines) {
        let t = l.flat_text();
        let t = t
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .trim();
        if t.is_empty() {
            continue;
        }
        // A row of cells, the language first ("Français | Langue maternelle"): the
        // other cells are its level, whatever punctuation they hold.
        let row = util::cells(l);
        if row.len() >= 2 && is_language(&row[0]) && !row[0].contains([',', ';']) {
            languages.push(Language {
                language: row[0].trim_end_matches(':').trim().to_string(),
                fluency: Some(row[1..].join(" ").trim_end_matches('.').trim().to_string())
                    .filter(|f| !f.is_empty()),
            });
            continue;
        }
        let t = cat_re()
            .captures(t)
            .filter(|c| lang_cat().is_match(c[1].trim()))
            .map(|c| c[2].to_string())
            .unwrap_or_else(|| t.to_string());
        // One language a line ("English: native") or a list ("English (C2), French (B1)").
        let items = if t.contains([',', ';', '·', '•', '|']) {
            split_items(&t)
        } else {
            vec![t.clone()]
        };
        let named = items.iter().filter(|i| is_language(i)).count();
        if named >= 2 || (named == 1 && items.len() == 1) {
            languages.extend(items.iter().map(|i| parse_language(i)));
        } else if is_language(&t) {
            // One language whose level holds commas ("Anglais lu, parlé et écrit").
            languages.push(parse_language(&t));
        } else {
            rest.push(util::text_with_urls(l));
        }
    }
    rest
}

pub fn parse_interests(lines: &[NLine]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, l) in lines {
        let t = l.flat_text();
        let t = t
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .trim();
        if !t.is_empty() {
            out.extend(split_items(t));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Line, LineKind, Span};

    #[test]
    fn pdf_rows_of_category_and_items() {
        let row = |cells: &[&str]| {
            let mut spans = Vec::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::plain("\t"));
                }
                spans.push(Span::plain(*c));
            }
            let mut l = Line::new(LineKind::Text, spans);
            l.geom = Some(crate::extract::Geom::default());
            (0, l)
        };
        let (mut s, mut langs) = (vec![], vec![]);
        parse_skills(
            &[
                row(&["DevOps", "AWS, Docker, Kubernetes"]),
                row(&["Languages", "Korean, English, Japanese"]),
                row(&["Programming Languages: C++, C", "Hardware Tools: I2C, SPI"]),
                // A diagram's labels are no category.
                row(&["Networked", "Data"]),
            ],
            &mut s,
            &mut langs,
        );
        let got: Vec<(Option<&str>, Vec<&str>)> = s
            .iter()
            .map(|k| {
                (
                    k.name.as_deref(),
                    k.keywords.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("DevOps"), vec!["AWS", "Docker", "Kubernetes"]),
                (Some("Programming Languages"), vec!["C++", "C"]),
                (Some("Hardware Tools"), vec!["I2C", "SPI"]),
                (None, vec!["Networked Data"]),
            ]
        );
        let names: Vec<&str> = langs.iter().map(|l| l.language.as_str()).collect();
        assert_eq!(names, vec!["Korean", "English", "Japanese"]);
    }

    #[test]
    fn skills_and_languages() {
        let l = |t: &str| (0, Line::new(LineKind::Text, vec![Span::plain(t)]));
        let mut s = vec![];
        let mut langs = vec![];
        parse_skills(
            &[
                l("Languages: English (Fluent), Persian (Native), Swedish (Novice)"),
                l("Programming Languages: C/C++, Python, bash."),
            ],
            &mut s,
            &mut langs,
        );
        assert_eq!(langs.len(), 3);
        assert_eq!(langs[1].language, "Persian");
        assert_eq!(langs[1].fluency.as_deref(), Some("Native"));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name.as_deref(), Some("Programming Languages"));
        assert_eq!(s[0].keywords, vec!["C/C++", "Python", "bash"]);
        let i = parse_interests(&[l(
            "Playing Piano and Bass Guitar, Jamming with Friends, Reading Books.",
        )]);
        assert_eq!(
            i,
            vec![
                "Playing Piano and Bass Guitar",
                "Jamming with Friends",
                "Reading Books"
            ]
        );
    }

    #[test]
    fn language_lines_in_many_shapes() {
        let text = |t: &str| (0, Line::new(LineKind::Text, vec![Span::plain(t)]));
        let row = |a: &str, b: &str| {
            (
                0,
                Line::new(
                    LineKind::Text,
                    vec![Span::plain(a), Span::plain("\t"), Span::plain(b)],
                ),
            )
        };
        let mut langs = vec![];
        let rest = parse_languages(
            &[
                row("Français", "Langue maternelle."),
                text("Anglais lu, parlé et écrit."),
                text("espagnol [B1-B2, quotidien]; allemand [A2]"),
                text("Lingua Inglese: Livello B2."),
                text("Certificate in Project Management"),
            ],
            &mut langs,
        );
        let got: Vec<(&str, Option<&str>)> = langs
            .iter()
            .map(|l| (l.language.as_str(), l.fluency.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Français", Some("Langue maternelle")),
                ("Anglais", Some("lu, parlé et écrit")),
                ("espagnol", Some("B1-B2, quotidien")),
                ("allemand", Some("A2")),
                ("Lingua Inglese", Some("Livello B2")),
            ]
        );
        assert_eq!(rest, vec!["Certificate in Project Management".to_string()]);
    }
}
