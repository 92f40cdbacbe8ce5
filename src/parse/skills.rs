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
    util::re!(paren, r"^(.*?)\s*\(([^)]*)\)\s*$");
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
            fluency: Some(c[2].trim().to_string()),
        };
    }
    Language {
        language: item.trim().to_string(),
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

/// Languages people list on CVs, in English and in their own names: an item
/// whose first word is none of these is not a language entry.
const LANGUAGE_NAMES: &[&str] = &[
    "english",
    "german",
    "french",
    "spanish",
    "italian",
    "portuguese",
    "dutch",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "icelandic",
    "polish",
    "czech",
    "slovak",
    "hungarian",
    "romanian",
    "bulgarian",
    "greek",
    "turkish",
    "russian",
    "ukrainian",
    "belarusian",
    "serbian",
    "croatian",
    "bosnian",
    "slovenian",
    "macedonian",
    "albanian",
    "lithuanian",
    "latvian",
    "estonian",
    "arabic",
    "hebrew",
    "persian",
    "farsi",
    "urdu",
    "hindi",
    "bengali",
    "punjabi",
    "gujarati",
    "marathi",
    "tamil",
    "telugu",
    "kannada",
    "malayalam",
    "sinhala",
    "nepali",
    "chinese",
    "mandarin",
    "cantonese",
    "japanese",
    "korean",
    "vietnamese",
    "thai",
    "malay",
    "indonesian",
    "tagalog",
    "filipino",
    "swahili",
    "amharic",
    "yoruba",
    "igbo",
    "hausa",
    "zulu",
    "afrikaans",
    "catalan",
    "basque",
    "galician",
    "irish",
    "welsh",
    "latin",
    "esperanto",
    "kurdish",
    "armenian",
    "georgian",
    "azerbaijani",
    "kazakh",
    "uzbek",
    "mongolian",
    "luxembourgish",
    "deutsch",
    "englisch",
    "français",
    "anglais",
    "allemand",
    "español",
    "inglés",
    "italiano",
    "português",
    "nederlands",
    "svenska",
    "norsk",
    "dansk",
    "suomi",
    "polski",
    "čeština",
    "русский",
    "中文",
    "日本語",
    "한국어",
    "العربية",
    "فارسی",
    "sign",
    "asl",
    "bsl",
];

fn is_language(item: &str) -> bool {
    let first = item
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ':' | '-' | '–' | ','))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    LANGUAGE_NAMES.contains(&first.as_str())
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
        if items.iter().any(|i| is_language(i)) {
            languages.extend(items.iter().map(|i| parse_language(i)));
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
}
