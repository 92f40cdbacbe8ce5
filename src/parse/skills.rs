//! Skills (categories with keywords), languages (with fluency) and interests.

use super::util::{self, NLine};
use crate::profile::{Language, SectionKind, Skill};

util::re!(cat_re, r"^([^:]{2,50}):\s*(.+)$");
util::re!(
    lang_cat,
    r"(?i)^(?:spoken\s+|natural\s+|foreign\s+)?languages?(?:\s+skills)?$"
);

/// The symbol a list repeats between its items when it is none of the usual
/// separators ("Empathy ∾ Problem solving ∾ Creativity", "Go ◆ Rust ◆ C"):
/// a character neither letter, digit, space nor common punctuation that
/// occurs at least twice, each time with spaces around it. Then the items
/// hold the commas of their own ("Reading, mostly novels ∾ Cinema").
fn list_symbol(s: &str) -> Option<char> {
    let chars: Vec<char> = s.chars().collect();
    let mut counts: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric()
            || c.is_whitespace()
            || ",.;:!?()[]{}'\"’“”«»-–—/&+#@%*_=<>$€£§~^`|·•".contains(c)
        {
            continue;
        }
        let spaced = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_none_or(|d| d.is_whitespace())
        };
        if !spaced(i.checked_sub(1)) || !spaced(Some(i + 1)) {
            continue;
        }
        match counts.iter_mut().find(|(d, _)| *d == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .max_by_key(|&(_, n)| n)
        .map(|(c, _)| c)
}

/// Split a list of items at commas and semicolons outside parentheses, or
/// only at the list's own repeated symbol when it has one.
pub fn split_items(s: &str) -> Vec<String> {
    let symbol = list_symbol(s);
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        let sep = match symbol {
            Some(sym) => c == sym,
            None => c == ',' || c == ';' || c == '·' || c == '•' || c == '|',
        };
        if sep && depth <= 0 {
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
            let i = symbol.map_or(i, |sym| i.trim_end_matches(sym));
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

/// What a skills, languages or mixed section holds, each line where it belongs.
#[derive(Default, Debug)]
pub struct Lists {
    pub skills: Vec<Skill>,
    pub languages: Vec<Language>,
    pub interests: Vec<String>,
    /// Lines that are none of these (captions, links, certificates), for `other`.
    pub rest: Vec<String>,
}

/// A category name and its items: "Name: items", or the name before an arrow
/// ("Abilità ↦ items", "Tools → items"). A URL's scheme is no name.
fn split_label(text: &str) -> Option<(String, String)> {
    let (i, sep) = text
        .char_indices()
        .find(|&(_, c)| matches!(c, ':' | '↦' | '→' | '⇒' | '➔' | '➜'))?;
    let (name, rest) = (text[..i].trim(), text[i + sep.len_utf8()..].trim());
    let n = name.chars().count();
    if !(2..=50).contains(&n) || rest.is_empty() || (sep == ':' && rest.starts_with("//")) {
        return None;
    }
    Some((name.to_string(), rest.to_string()))
}

/// The kind a category name names when it is a section title of its own
/// ("Languages", "Centres d'intérêt", "IT Kenntnisse"); Europass labels count
/// their plurals in brackets ("Língua(s) materna(s)", "Muttersprache(n)").
fn label_kind(name: &str) -> Option<SectionKind> {
    let name = name
        .replace("(s)", "")
        .replace("(n)", "")
        .replace("(e)", "");
    let name = name.trim().trim_end_matches(':').trim();
    if name.is_empty() {
        return None;
    }
    // "IT Kenntnisse" is the compound "IT-Kenntnisse" written apart.
    crate::segment::title_kind(name, true).or_else(|| {
        let joined = name.split_whitespace().collect::<Vec<_>>().join("-");
        (joined != name).then(|| crate::segment::title_kind(&joined, true))?
    })
}

/// A section title of `kind` in the first one to three words of a line, with
/// the text after it ("Langues Anglais (courant) | Français", "Centres
/// d'intérêt Tennis | Échecs"): a label set apart by style, not punctuation.
fn title_prefix(text: &str, kind: SectionKind) -> Option<&str> {
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .take(3)
        .collect();
    ends.reverse();
    ends.into_iter().find_map(|i| {
        let rest = text[i..]
            .trim_start_matches([' ', '-', '–', '—', '|'])
            .trim();
        (label_kind(&text[..i]) == Some(kind) && !rest.is_empty()).then_some(rest)
    })
}

/// A line that lists languages: "Languages: English (native), German", "Langues
/// Anglais (courant) | Français (natif)", "Língua(s) materna(s): Emakhuwa", or
/// parts set apart by dashes whose first may be a label ("Línguas - Português
/// Nativo - Inglês técnico"). Under a label that says so every item is a
/// language, known or not; without one, every item must start with a known
/// language name and there must be two.
fn language_list(text: &str) -> Option<Vec<Language>> {
    let text = util::strip_bullet(text).trim();
    // Whether a label says so, and whether it names a kind of language
    // ("Mother tongue"), not just "Languages", which may head programming ones.
    let (labelled, specific, body) = match split_label(text) {
        Some((name, rest)) if label_kind(&name) == Some(SectionKind::Languages) => {
            (true, !lang_cat().is_match(name.trim()), rest)
        }
        Some(_) => return None,
        None => match title_prefix(text, SectionKind::Languages) {
            Some(rest) => (true, false, rest.to_string()),
            None => (false, false, text.to_string()),
        },
    };
    let mut items = split_items(&body);
    if items.len() == 1 {
        items = body
            .split(" - ")
            .flat_map(|p| p.split(" – "))
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        // "Línguas - Português - Inglês": a first part that is no language is a label.
        if items.len() >= 3 && !is_language(&items[0]) {
            items.remove(0);
        } else if items.len() == 2 && is_language(&items[0]) && !is_language(&items[1]) {
            // "German - B2": one language and its level.
            items = vec![body.clone()];
        }
    }
    let known = items.iter().filter(|i| is_language(i)).count();
    let short = items
        .iter()
        .all(|i| i.split_whitespace().count() <= 4 && !i.chars().any(|c| c.is_ascii_digit()));
    let ok = if labelled {
        !items.is_empty() && (2 * known > items.len() || (specific && items.len() == 1 && short))
    } else {
        known == items.len() && known >= 2
    };
    ok.then(|| items.iter().map(|i| parse_language(i)).collect())
}

pub fn parse_skills(lines: &[NLine]) -> Lists {
    let mut out = Lists::default();
    let lines = join_open_brackets(util::join_wrapped(lines));
    let mut run: Vec<NLine> = Vec::new();
    for unit in group_categories(&lines) {
        match unit {
            Unit::Line(l) => run.push(l),
            Unit::Group(name, item_lines) => {
                parse_skill_blocks(&std::mem::take(&mut run), &mut out);
                let items: Vec<String> = item_lines
                    .iter()
                    .flat_map(|t| split_items(util::strip_bullet(t)))
                    .collect();
                // "Sprachkenntnisse | Deutsch (Muttersprache)": a list of languages.
                if !items.is_empty() && items.iter().all(|i| is_language(i)) {
                    out.languages
                        .extend(items.iter().map(|i| parse_language(i)));
                } else if label_kind(&name) == Some(SectionKind::Interests) {
                    out.interests.extend(items);
                } else {
                    out.skills.push(Skill {
                        name: Some(name),
                        keywords: items,
                    });
                }
            }
        }
    }
    parse_skill_blocks(&run, &mut out);
    out
}

/// A line that holds only a link, or a caption ending in a colon with no item
/// after it ("Repositories:"): not a skill.
fn not_a_skill(text: &str) -> bool {
    let t = text.trim();
    let link = !t.contains(' ')
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."));
    link || t.ends_with(':')
}

fn parse_skill_blocks(lines: &[NLine], out: &mut Lists) {
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
        if not_a_skill(&text) {
            out.rest.push(util::collapse(&text));
            continue;
        }
        if let Some(langs) = language_list(&text) {
            out.languages.extend(langs);
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
            out.skills.push(Skill {
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
                    category(c, out);
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
                category(&format!("{name}: {}", cells[1]), out);
                continue;
            }
        }
        category(&text, out);
    }
}

/// One "Category: item, item" text (or a bare list) into skills, languages or
/// interests, as its category name says.
fn category(text: &str, out: &mut Lists) {
    if let Some(langs) = language_list(text) {
        out.languages.extend(langs);
        return;
    }
    match split_label(text) {
        Some((name, items)) => {
            let items = split_items(&items);
            if lang_cat().is_match(&name) && items.iter().any(|i| is_language(i)) {
                out.languages
                    .extend(items.iter().map(|i| parse_language(i)));
            } else if label_kind(&name) == Some(SectionKind::Interests) {
                out.interests.extend(items);
            } else {
                out.skills.push(Skill {
                    name: Some(name),
                    keywords: items,
                });
            }
        }
        None => match title_prefix(text, SectionKind::Interests) {
            Some(rest) => out.interests.extend(split_items(rest)),
            None => out.skills.push(Skill {
                name: None,
                keywords: split_items(text),
            }),
        },
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

/// Language-level codes of the Common European Framework (A1 to C2), as a
/// Europass grid prints them after each skill.
fn has_cefr_level(t: &str) -> bool {
    t.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let b = w.as_bytes();
        b.len() == 2 && matches!(b[0], b'A' | b'B' | b'C') && matches!(b[1], b'1' | b'2')
    })
}

/// Languages of other sections: the lines that list languages under a label
/// that says so ("Languages: English (native), German (reading)"); the other
/// lines are returned as they were.
pub fn take_language_lines(lines: &[NLine]) -> (Vec<Language>, Vec<NLine>) {
    let mut langs = Vec::new();
    let mut rest = Vec::new();
    for (no, l) in lines {
        let t = l.flat_text();
        let labelled = split_label(t.trim())
            .is_some_and(|(name, _)| label_kind(&name) == Some(SectionKind::Languages));
        match language_list(&t).filter(|_| labelled) {
            Some(found) => langs.extend(found),
            None => rest.push((*no, l.clone())),
        }
    }
    (langs, rest)
}

/// Parse a Languages section; lines that name no language are returned (kept in `other`).
///
/// A language with no level on its line takes the lines below it as its
/// level ("English" then "Basic"); a row of languages in cells takes the
/// cells below each as its level, as a Europass grid sets them ("português |
/// inglês" then "LEITURA C1 | LEITURA B1"), up to a blank line, or over one
/// when the grid's rows go on giving CEFR levels.
pub fn parse_languages(lines: &[NLine]) -> Lists {
    let mut out = Lists::default();
    // Indices (in out.languages) of the languages still taking level lines,
    // and whether the last level line gave a CEFR code.
    let mut open: Vec<usize> = Vec::new();
    let mut cefr = false;
    let mut blank_seen = false;
    for (_, l) in &util::join_wrapped(lines) {
        let t = l.flat_text();
        let t = t
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .trim();
        if t.is_empty() {
            blank_seen = true;
            continue;
        }
        let row = util::cells(l);
        // Level lines of the open languages, cell for cell.
        if !open.is_empty() {
            let level_line = row.len() == open.len()
                && !row.iter().any(|c| is_language(c))
                && split_label(t).is_none()
                && (!blank_seen || (cefr && has_cefr_level(t)));
            if level_line {
                for (k, cell) in open.iter().zip(&row) {
                    let f = &mut out.languages[*k].fluency;
                    *f = Some(match f.take() {
                        Some(prev) => format!("{prev} {cell}"),
                        None => cell.trim_end_matches('.').trim().to_string(),
                    });
                }
                cefr = has_cefr_level(t);
                blank_seen = false;
                continue;
            }
            open.clear();
        }
        blank_seen = false;
        // A row of languages alone, one a cell ("português | inglês").
        if row.len() >= 2
            && row
                .iter()
                .all(|c| is_language(c) && c.split_whitespace().count() <= 2)
        {
            let first = out.languages.len();
            out.languages.extend(row.iter().map(|c| parse_language(c)));
            open = (first..out.languages.len())
                .filter(|&k| out.languages[k].fluency.is_none())
                .collect();
            if open.len() != row.len() {
                open.clear();
            }
            cefr = false;
            continue;
        }
        // A row of cells, the language first ("Français | Langue maternelle"): the
        // other cells are its level, whatever punctuation they hold.
        if row.len() >= 2 && is_language(&row[0]) && !row[0].contains([',', ';']) {
            out.languages.push(Language {
                language: row[0].trim_end_matches(':').trim().to_string(),
                fluency: Some(row[1..].join(" ").trim_end_matches('.').trim().to_string())
                    .filter(|f| !f.is_empty()),
            });
            continue;
        }
        // "IT Kenntnisse | HTML, CSS": a category of skills among the languages.
        if row.len() >= 2 && label_kind(&row[0]) == Some(SectionKind::Skills) {
            out.skills.push(Skill {
                name: Some(row[0].trim_end_matches(':').trim().to_string()),
                keywords: row[1..].iter().flat_map(|c| split_items(c)).collect(),
            });
            continue;
        }
        if let Some(langs) = language_list(t) {
            out.languages.extend(langs);
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
            let first = out.languages.len();
            out.languages
                .extend(items.iter().map(|i| parse_language(i)));
            // One language with no level: the level may follow on its own line.
            if out.languages.len() == first + 1 && out.languages[first].fluency.is_none() {
                open = vec![first];
                cefr = false;
            }
        } else if is_language(&t) {
            // One language whose level holds commas ("Anglais lu, parlé et écrit").
            out.languages.push(parse_language(&t));
        } else {
            out.rest.push(util::text_with_urls(l));
        }
    }
    out
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
        let Lists {
            skills: s,
            languages: langs,
            ..
        } = parse_skills(&[
            row(&["DevOps", "AWS, Docker, Kubernetes"]),
            row(&["Languages", "Korean, English, Japanese"]),
            row(&["Programming Languages: C++, C", "Hardware Tools: I2C, SPI"]),
            // A diagram's labels are no category.
            row(&["Networked", "Data"]),
        ]);
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
        let Lists {
            skills: s,
            languages: langs,
            ..
        } = parse_skills(&[
            l("Languages: English (Fluent), Persian (Native), Swedish (Novice)"),
            l("Programming Languages: C/C++, Python, bash."),
        ]);
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
        let Lists {
            languages: langs,
            rest,
            ..
        } = parse_languages(&[
            row("Français", "Langue maternelle."),
            text("Anglais lu, parlé et écrit."),
            text("espagnol [B1-B2, quotidien]; allemand [A2]"),
            text("Lingua Inglese: Livello B2."),
            text("Certificate in Project Management"),
        ]);
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
        let Lists {
            skills: s,
            languages: langs,
            ..
        } = parse_skills(&[
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
        ]);
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

    fn fluency(langs: &[Language]) -> Vec<(&str, Option<&str>)> {
        langs
            .iter()
            .map(|l| (l.language.as_str(), l.fluency.as_deref()))
            .collect()
    }

    #[test]
    fn lists_with_their_own_separator_and_arrow_labels() {
        assert_eq!(
            split_items("Reading, mostly novels ∾ Cinema ∾ Jazz, rock ∾"),
            vec!["Reading, mostly novels", "Cinema", "Jazz, rock"]
        );
        assert_eq!(split_items("a, b; c"), vec!["a", "b", "c"]);
        assert_eq!(
            split_label("Skills ↦ Empathy ∾ Planning"),
            Some(("Skills".into(), "Empathy ∾ Planning".into()))
        );
        assert_eq!(split_label("https://github.com/x"), None);
    }

    #[test]
    fn skills_lines_led_by_another_sections_title() {
        let l = |t: &str| (0, Line::new(LineKind::Text, vec![Span::plain(t)]));
        let found = parse_skills(&[
            l("Langues Anglais (Full professional proficiency) | Français (Native)"),
            l("Centres d’intérêt Tennis | Echecs | Lecture"),
            l("Línguas - Português Nativo - Inglês técnico/leitura"),
            l("Languages: C#, Python, JavaScript"),
            l("Interessi ↦ Lettura, romanzi ∾ Cinema ∾ Musica"),
            l("Repositories:"),
            l("https://github.com/someone/project"),
        ]);
        assert_eq!(
            fluency(&found.languages),
            vec![
                ("Anglais", Some("Full professional proficiency")),
                ("Français", Some("Native")),
                ("Português", Some("Nativo")),
                ("Inglês", Some("técnico/leitura")),
            ]
        );
        assert_eq!(
            found.interests,
            vec![
                "Tennis",
                "Echecs",
                "Lecture",
                "Lettura, romanzi",
                "Cinema",
                "Musica"
            ]
        );
        assert_eq!(found.skills.len(), 1);
        assert_eq!(found.skills[0].name.as_deref(), Some("Languages"));
        assert_eq!(found.rest.len(), 2);
    }

    #[test]
    fn levels_below_their_language_and_europass_grids() {
        let l = |t: &str| (0, Line::new(LineKind::Text, vec![Span::plain(t)]));
        let blank = || (0, Line::new(LineKind::Blank, vec![]));
        let row = |a: &str, b: &str| util::test_lines::row(&[a, b], false);
        let found = parse_languages(&[
            l("Língua(s) materna(s): Emakhuwa"),
            l("Outra(s) língua(s):"),
            row("português", "inglês"),
            row("LEITURA C1 ESCRITA C2", "LEITURA B1 ESCRITA B1"),
            blank(),
            row("INTERAÇÃO ORAL C1", "INTERAÇÃO ORAL A1"),
            l("francês"),
            l("LEITURA A1"),
            l("Níveis: A1 e A2: Utilizador de base"),
            l("Idioma Inglés"),
            l("Basico"),
            blank(),
            l("Someone Else"),
            row("IT Kenntnisse", "HTML, CSS"),
        ]);
        assert_eq!(
            fluency(&found.languages),
            vec![
                ("Emakhuwa", None),
                ("português", Some("LEITURA C1 ESCRITA C2 INTERAÇÃO ORAL C1")),
                ("inglês", Some("LEITURA B1 ESCRITA B1 INTERAÇÃO ORAL A1")),
                ("francês", Some("LEITURA A1")),
                ("Idioma Inglés", Some("Basico")),
            ]
        );
        assert_eq!(found.skills.len(), 1);
        assert_eq!(found.skills[0].keywords, vec!["HTML", "CSS"]);
        let (langs, rest) = take_language_lines(&[
            l("Languages: English (native), German (reading and listening)"),
            l("Software: R, Python"),
        ]);
        assert_eq!(langs.len(), 2);
        assert_eq!(rest.len(), 1);
    }
}
