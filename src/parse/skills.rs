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

/// A line whose brackets stay open ("PHP [2 anos") runs on into the next one.
fn join_open_brackets(lines: Vec<NLine>) -> Vec<NLine> {
    let open = |t: &str| {
        let n = |c: char| t.chars().filter(|&x| x == c).count();
        n('[') > n(']') || n('(') > n(')')
    };
    let mut out: Vec<NLine> = Vec::with_capacity(lines.len());
    for (no, l) in lines {
        if let Some((_, prev)) = out.last_mut() {
            if !l.is_blank() && !prev.is_blank() && open(&prev.flat_text()) {
                prev.spans.push(crate::extract::Span::plain(" "));
                prev.spans.extend(l.spans.iter().cloned());
                continue;
            }
        }
        out.push((no, l));
    }
    out
}

/// A category's name alone: one to four words, no list punctuation, an
/// optional colon at the end ("Front-End:", "Soziale Kompetenzen").
fn label_shape(t: &str) -> Option<String> {
    let t = util::strip_bullet(t).trim();
    let bare = t.strip_suffix(':').unwrap_or(t).trim();
    let words = bare.split_whitespace().count();
    ((1..=4).contains(&words)
        && !bare.contains([',', ';', ':', '.', '(', '[', '|', '/'])
        && !bare.starts_with(|c: char| c.is_ascii_digit()))
    .then(|| bare.to_string())
}

/// One unit of a skills section: a category with the lines of its items, or
/// a line the block reader takes.
enum Unit {
    Group(String, Vec<String>),
    Line(NLine),
}

/// Categories whose name stands apart from its items: in its own cell with
/// the items in the next cell and the lines below ("EDV-Kenntnisse | Microsoft
/// Office" then "Adobe XD"), alone on a line ending in a colon with the item
/// lines below up to the next such line ("Front-End:" then "HTML5, CSS3"), or
/// on the first line of a paragraph of short lines when that layout repeats
/// or the name alone is bold ("Soziale Kompetenzen" then "Teamplayer").
fn group_categories(lines: &[NLine]) -> Vec<Unit> {
    let mut paras: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].1.is_blank() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].1.is_blank() {
            i += 1;
        }
        paras.push((start, i));
    }
    let text = |k: usize| lines[k].1.flat_text().trim().to_string();
    let short_list = |(a, b): (usize, usize)| {
        b - a >= 3
            && !lines[a..b].iter().any(|(_, l)| {
                let t = l.flat_text();
                t.contains([',', ';', ':']) || t.split_whitespace().count() > 6
            })
    };
    let repeated = paras.iter().filter(|p| short_list(**p)).count() >= 2;
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let l = &lines[k].1;
        if l.is_blank() || matches!(l.kind, crate::extract::LineKind::Heading(_)) {
            out.push(Unit::Line(lines[k].clone()));
            k += 1;
            continue;
        }
        let t = text(k);
        let para_end = paras
            .iter()
            .find(|(a, b)| *a <= k && k < *b)
            .map_or(k + 1, |p| p.1);
        let cells = util::cells(l);
        // The name in its own cell, the items in the next and the lines below.
        if cells.len() >= 2 && para_end > k + 1 {
            if let Some(name) = label_shape(&cells[0]) {
                let below = &lines[k + 1..para_end];
                if below.iter().all(|(_, b)| util::cells(b).len() == 1) {
                    let mut items: Vec<String> = cells[1..].to_vec();
                    items.extend(below.iter().map(|(_, b)| b.flat_text()));
                    out.push(Unit::Group(name, items));
                    k = para_end;
                    continue;
                }
            }
        }
        // "Front-End:" alone, the item lines below up to the next line with a colon.
        if t.ends_with(':') && cells.len() == 1 {
            if let Some(name) = label_shape(&t) {
                let mut j = k + 1;
                let mut items = Vec::new();
                while j < lines.len() {
                    let b = &lines[j].1;
                    if b.is_blank() {
                        j += 1;
                        continue;
                    }
                    let bt = b.flat_text();
                    if bt.contains(':') || matches!(b.kind, crate::extract::LineKind::Heading(_)) {
                        break;
                    }
                    items.push(bt);
                    j += 1;
                }
                if !items.is_empty() {
                    out.push(Unit::Group(name, items));
                    k = j;
                    continue;
                }
            }
        }
        // The name on the first line of a paragraph, one item a line below.
        let first_of_para = paras.iter().any(|p| p.0 == k);
        if first_of_para && para_end > k + 1 && cells.len() == 1 {
            if let Some(name) = label_shape(&t) {
                let bold = l.all_bold() && !lines[k + 1].1.all_bold();
                if bold || (repeated && short_list((k, para_end))) {
                    let items = lines[k + 1..para_end]
                        .iter()
                        .map(|(_, b)| b.flat_text())
                        .collect();
                    out.push(Unit::Group(name, items));
                    k = para_end;
                    continue;
                }
            }
        }
        out.push(Unit::Line(lines[k].clone()));
        k += 1;
    }
    out
}

pub fn parse_skills(lines: &[NLine], skills: &mut Vec<Skill>, languages: &mut Vec<Language>) {
    let lines = join_open_brackets(util::join_wrapped(lines));
    let mut run: Vec<NLine> = Vec::new();
    for unit in group_categories(&lines) {
        match unit {
            Unit::Line(l) => run.push(l),
            Unit::Group(name, item_lines) => {
                parse_skill_blocks(&std::mem::take(&mut run), skills, languages);
                let items: Vec<String> = item_lines
                    .iter()
                    .flat_map(|t| split_items(util::strip_bullet(t)))
                    .collect();
                // "Sprachkenntnisse | Deutsch (Muttersprache)": a list of languages.
                if !items.is_empty() && items.iter().all(|i| is_language(i)) {
                    languages.extend(items.iter().map(|i| parse_language(i)));
                } else {
                    skills.push(Skill {
                        name: Some(name),
                        keywords: items,
                    });
                }
            }
        }
    }
    parse_skill_blocks(&run, skills, languages);
}

fn parse_skill_blocks(lines: &[NLine], skills: &mut Vec<Skill>, languages: &mut Vec<Language>) {
    for block in util::line_blocks(lines) {
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
        let row = |cells: &[&str]| util::test_lines::row(cells, true);
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
        let row = |a: &str, b: &str| util::test_lines::row(&[a, b], false);
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

    #[test]
    fn category_names_apart_from_their_items() {
        let text = |t: &str| (0, Line::new(LineKind::Text, vec![Span::plain(t)]));
        let blank = || (0, Line::new(LineKind::Blank, vec![]));
        let row = |a: &str, b: &str| util::test_lines::row(&[a, b], false);
        let (mut s, mut langs) = (vec![], vec![]);
        parse_skills(
            &[
                row("EDV-Kenntnisse", "Microsoft Office"),
                text("Adobe XD"),
                blank(),
                row("Sprachkenntnisse", "Deutsch (Muttersprache)"),
                text("Englisch (gut)"),
                blank(),
                text("Front-End:"),
                blank(),
                text("HTML5, CSS3"),
                blank(),
                text("Vue"),
                text("Linguagens: Java [1 ano +], PHP [2 anos"),
                text("+], Python"),
                blank(),
                text("Soziale Kompetenzen"),
                text("Teamplayer"),
                text("Empathie"),
                blank(),
                text("Methodische Kompetenzen"),
                text("strukturierte Arbeitsweise"),
                text("schnelle Auffassungsgabe"),
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
                (Some("EDV-Kenntnisse"), vec!["Microsoft Office", "Adobe XD"]),
                (Some("Front-End"), vec!["HTML5", "CSS3", "Vue"]),
                (
                    Some("Linguagens"),
                    vec!["Java [1 ano +]", "PHP [2 anos +]", "Python"]
                ),
                (Some("Soziale Kompetenzen"), vec!["Teamplayer", "Empathie"]),
                (
                    Some("Methodische Kompetenzen"),
                    vec!["strukturierte Arbeitsweise", "schnelle Auffassungsgabe"]
                ),
            ]
        );
        let names: Vec<&str> = langs.iter().map(|l| l.language.as_str()).collect();
        assert_eq!(names, vec!["Deutsch", "Englisch"]);
    }
}
