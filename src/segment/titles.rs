//! Section titles of the taxonomy, with their synonyms.

use crate::profile::SectionKind;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The reviewed list of titles (`data/titles.tsv`: kind, tab, phrase).
const TITLES_TSV: &str = include_str!("data/titles.tsv");

struct Titles {
    /// Every phrase with its kind, longest first (a longer phrase is the more specific).
    phrases: Vec<(String, SectionKind)>,
    exact: HashMap<String, SectionKind>,
}

fn kind_named(name: &str) -> Option<SectionKind> {
    Some(match name {
        "summary" => SectionKind::Summary,
        "work" => SectionKind::Work,
        "education" => SectionKind::Education,
        "publications" => SectionKind::Publications,
        "patents" => SectionKind::Patents,
        "projects" => SectionKind::Projects,
        "awards" => SectionKind::Awards,
        "service" => SectionKind::Service,
        "talks" => SectionKind::Talks,
        "teaching" => SectionKind::Teaching,
        "mentees" => SectionKind::Mentees,
        "skills" => SectionKind::Skills,
        "languages" => SectionKind::Languages,
        "interests" => SectionKind::Interests,
        "other" => SectionKind::Other,
        _ => return None,
    })
}

fn parse_titles(tsv: &str) -> Titles {
    let mut phrases = Vec::new();
    let mut exact = HashMap::new();
    for line in crate::wordlist::lines(tsv) {
        let Some((kind, phrase)) = line.split_once('\t') else {
            continue;
        };
        let Some(kind) = kind_named(kind.trim()) else {
            continue;
        };
        let phrase = normalize(phrase);
        if phrase.is_empty() || exact.contains_key(&phrase) {
            continue;
        }
        exact.insert(phrase.clone(), kind);
        phrases.push((phrase, kind));
    }
    phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    Titles { phrases, exact }
}

fn titles() -> &'static Titles {
    static T: OnceLock<Titles> = OnceLock::new();
    T.get_or_init(|| parse_titles(TITLES_TSV))
}

/// The kind of a section title, or None when the text is not one.
///
/// `exact` asks for the whole title to be a known phrase (for plain lines,
/// where a sentence that merely mentions "experience" must not open a section);
/// otherwise the title may hold a known phrase as a whole word or words (for
/// headings: "Workshop Papers, Extended Abstracts, Preprints, ...").
pub fn title_kind(title: &str, exact: bool) -> Option<SectionKind> {
    let norm = normalize(title);
    if norm.is_empty() {
        return None;
    }
    let t = titles();
    if let Some(k) = t.exact.get(&norm) {
        return Some(*k);
    }
    if let Some(k) = compound_word(&norm, t) {
        return Some(k);
    }
    if exact {
        // "Education and Training", "Awards & Honors": a known phrase opening a short title.
        // Only a compound of titles: "Education and Training", "Awards & Honors",
        // never "Research Assistant" or "Software Engineering Intern". The
        // longest known title before such a joint decides.
        if norm.split_whitespace().count() <= 4 {
            let joints = norm.char_indices().rev().filter(|&(i, _)| {
                let rest = &norm[i..];
                title_joints().iter().any(|j| {
                    rest.strip_prefix(' ')
                        .and_then(|r| r.strip_prefix(j.as_str()))
                        .is_some_and(|r| r.starts_with(' '))
                }) || rest.starts_with([',', '/'])
                    || rest.starts_with(" /")
            });
            for (i, _) in joints {
                if let Some(k) = t.exact.get(&norm[..i]) {
                    return Some(*k);
                }
            }
        }
        return head_noun(&norm, t);
    }
    if norm.split_whitespace().count() > 12 {
        return None;
    }
    // Earliest phrase in the title wins ("Honors, Awards, and Professional Services").
    let mut best: Option<(usize, usize, SectionKind)> = None;
    for (phrase, kind) in &t.phrases {
        if let Some(pos) = find_word(&norm, phrase) {
            let better = match best {
                None => true,
                Some((bp, bl, _)) => pos < bp || (pos == bp && phrase.len() > bl),
            };
            if better {
                best = Some((pos, phrase.len(), *kind));
            }
        }
    }
    // "Software Skills": one of `HEAD_NOUNS` right after the earliest phrase,
    // with no joint between, ending the title, is its head noun.
    if let Some((pos, len, _)) = best {
        let after = &norm[pos + len..];
        if after.starts_with(' ') {
            let tail = after.trim_start();
            if HEAD_NOUNS.contains(&tail) {
                if let Some(k) = t.exact.get(tail) {
                    return Some(*k);
                }
            }
        }
    }
    best.map(|(_, _, k)| k)
}

/// English head nouns that a short title may end in, the words before them
/// qualifying it ("Informatics Skills", "Foreign Languages"): the plural
/// names of kinds whose entries are never named so (not "projects": a list of
/// papers has "Ongoing Projects" among its groups).
const HEAD_NOUNS: [&str; 3] = ["skills", "languages", "interests"];

/// A title of two or three words, letters only, ending in one of `HEAD_NOUNS`:
/// English puts the head noun last.
fn head_noun(norm: &str, t: &Titles) -> Option<SectionKind> {
    let words: Vec<&str> = norm.split_whitespace().collect();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let (last, before) = words.split_last()?;
    if !HEAD_NOUNS.contains(last) || !before.iter().all(|w| w.chars().all(char::is_alphabetic)) {
        return None;
    }
    t.exact.get(*last).copied()
}

/// Conjunctions joining two titles (`data/title-joints.txt`).
fn title_joints() -> &'static [String] {
    static J: OnceLock<Vec<String>> = OnceLock::new();
    J.get_or_init(|| {
        crate::wordlist::lines(include_str!("data/title-joints.txt"))
            .map(str::to_string)
            .collect()
    })
}

/// Whether a title names a section of `kind` anywhere among its words
/// ("Certificazioni e Lingue" mentions languages), for mixed sections whose
/// content is split by what each line holds.
pub fn title_mentions(title: &str, kind: SectionKind) -> bool {
    let norm = normalize(title);
    titles()
        .phrases
        .iter()
        .any(|(p, k)| *k == kind && find_word(&norm, p).is_some())
}

/// A one-word title that is a compound ending in a known one-word title
/// (`Schulausbildung`, `Berufserfahrungen`): German and Dutch put the head noun
/// last. The head must be long enough to be a noun of its own, not a suffix.
fn compound_word(norm: &str, t: &Titles) -> Option<SectionKind> {
    if norm.contains(char::is_whitespace) || norm.chars().count() < 9 {
        return None;
    }
    // The longest suffix that is a known one-word title (of the word, or of it
    // without a plural `n`).
    let stripped = norm.strip_suffix('n');
    for (i, _) in norm.char_indices().skip(1) {
        let heads = std::iter::once(&norm[i..]).chain(stripped.and_then(|s| s.get(i..)));
        for head in heads {
            if head.chars().count() >= 6 && norm.len() >= head.len() + 3 {
                if let Some(k) = t.exact.get(head) {
                    return Some(*k);
                }
            }
        }
    }
    None
}

fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(p) = hay[start..].find(needle) {
        let pos = start + p;
        let before = hay[..pos].chars().next_back();
        let after = hay[pos + needle.len()..].chars().next();
        let ok_b = before.is_none_or(|c| !c.is_alphanumeric());
        let ok_a = after.is_none_or(|c| !c.is_alphanumeric());
        if ok_b && ok_a {
            return Some(pos);
        }
        start = pos + needle.len();
    }
    None
}

fn normalize(title: &str) -> String {
    let t = title
        .to_lowercase()
        .replace(['*', '_', '`'], "")
        .replace(" and ", " & ");
    let t = t.trim().trim_end_matches(['.', ':', ' ']).trim();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Honors and Awards" and "Honors & Awards" compare alike; keep "and" for phrases.
    t.replace(" & ", " and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_german_spanish_titles() {
        for (t, k) in [
            ("Expérience professionnelle", SectionKind::Work),
            ("Études", SectionKind::Education),
            ("Compétences", SectionKind::Skills),
            ("Berufserfahrung", SectionKind::Work),
            ("Veröffentlichungen", SectionKind::Publications),
            ("Formación académica", SectionKind::Education),
            ("Schulausbildung", SectionKind::Education),
            ("Berufserfahrungen", SectionKind::Work),
            ("Fremdsprachenkenntnisse", SectionKind::Languages),
            ("Programmiersprachen", SectionKind::Skills),
            ("Educação", SectionKind::Education),
            ("Esperienze lavorative", SectionKind::Work),
            ("Werkervaring", SectionKind::Work),
            ("教育背景", SectionKind::Education),
            ("Emplois occupés", SectionKind::Work),
        ] {
            assert_eq!(title_kind(t, true), Some(k), "{t}");
        }
    }

    #[test]
    fn known_titles() {
        let cases = [
            ("Work Experience", SectionKind::Work),
            ("EDUCATION", SectionKind::Education),
            ("Research Interests", SectionKind::Summary),
            ("Interests", SectionKind::Interests),
            (
                "Honors, Awards, and Professional Services",
                SectionKind::Awards,
            ),
            (
                "Workshop Papers, Extended Abstracts, Preprints, Technical Reports",
                SectionKind::Publications,
            ),
            ("Patent Applications", SectionKind::Patents),
            ("Open-Source Contributions", SectionKind::Projects),
            ("Funded Projects", SectionKind::Projects),
            ("Mini-Teaching", SectionKind::Teaching),
            ("Teaching Experience", SectionKind::Teaching),
            (
                "Selected Publications (all pubs)",
                SectionKind::Publications,
            ),
            ("Hobbies", SectionKind::Interests),
            ("Skills", SectionKind::Skills),
        ];
        for (t, k) in cases {
            assert_eq!(title_kind(t, false), Some(k), "{t}");
        }
        assert_eq!(title_kind("Some thoughts", false), None);
        assert_eq!(title_kind("Linux kernel stuff", false), None);
    }

    #[test]
    fn exact_mode_rejects_sentences() {
        assert_eq!(title_kind("Experience", true), Some(SectionKind::Work));
        assert_eq!(
            title_kind("Education and Training", true),
            Some(SectionKind::Education)
        );
        assert_eq!(title_kind("I have experience with Rust", true), None);
        assert_eq!(title_kind("Research Assistant", true), None);
        assert_eq!(title_kind("Software Engineering Intern", true), None);
    }

    #[test]
    fn compound_titles_by_conjunction_and_head_noun() {
        assert_eq!(
            title_kind("Educação e Formação", true),
            Some(SectionKind::Education)
        );
        assert_eq!(
            title_kind("Informatics skills", true),
            Some(SectionKind::Skills)
        );
        assert_eq!(
            title_kind("Software skills", false),
            Some(SectionKind::Skills)
        );
        assert_eq!(title_kind("Software", false), Some(SectionKind::Projects));
        assert_eq!(title_kind("Best Paper Award", true), None);
        assert_eq!(title_kind("Python skill", true), None);
    }
}
