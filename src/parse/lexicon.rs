//! Word lists kept as reviewed data (`src/parse/data/*.txt`) and the one
//! regular expression each is matched with.
//!
//! A list is one phrase a line, `#` comments. A phrase with no lowercase
//! letter (`MBA`, `MIT`) matches in capitals only, any other phrase in any
//! case. In a phrase, `.` is an optional dot that may be followed by a space,
//! a space matches a run of spaces, `'` matches `'` and `’`, and a leading or
//! trailing `*` any run of letters (the head noun of a compound, a word's
//! endings). Longer phrases come first, so the longest one matches.

/// The phrases of a list: comments and blank lines dropped, each once.
pub fn phrases(list: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for l in list.lines() {
        let l = l.split('#').next().unwrap_or("").trim();
        if !l.is_empty() && !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// One phrase as a pattern, without boundaries.
fn phrase_pattern(p: &str) -> String {
    let body = p.trim_start_matches('*').trim_end_matches('*');
    let mut s = String::new();
    if p.starts_with('*') {
        s.push_str(r"\w*");
    }
    let chars: Vec<char> = body.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '.' if i + 1 == chars.len() => s.push_str(r"\.?"),
            '.' => s.push_str(r"\.?\s?"),
            ' ' => s.push_str(r"\s+"),
            '\'' | '’' => s.push_str("['’]"),
            c => s.push_str(&regex::escape(&c.to_string())),
        }
    }
    if p.ends_with('*') {
        s.push_str(r"\w*");
    }
    let lower = body.chars().any(char::is_lowercase);
    if lower {
        format!("(?i:{s})")
    } else {
        s
    }
}

fn by_length(list: &str) -> Vec<&str> {
    let mut ps = phrases(list);
    // Longest first: the alternation takes the first that matches.
    ps.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    ps
}

/// A pattern that matches a phrase of the list at the start of a text (the
/// whole match is the phrase and the character that ends it).
pub fn prefix_pattern(list: &str) -> String {
    let alts: Vec<String> = by_length(list)
        .into_iter()
        .map(|p| {
            let end_cjk = p.trim_end_matches('*').chars().last().is_some_and(is_cjk);
            let end = if end_cjk {
                ""
            } else {
                r"(?:[\s,:;(/–—-]|$)"
            };
            format!("{}{end}", phrase_pattern(p))
        })
        .collect();
    format!("^(?:{})", alts.join("|"))
}

/// A pattern that matches a phrase of the list as a word anywhere: an ASCII
/// word boundary at an ASCII letter's edge, none at a non-ASCII one (an
/// ASCII `\b` cannot border `é`, and a Unicode one is slow).
pub fn word_pattern(list: &str) -> String {
    let alts: Vec<String> = by_length(list)
        .into_iter()
        .map(|p| {
            // A phrase's final dot is optional after its boundary ("inc."
            // matches "Inc" and "Inc." but not "Incremental").
            let (p, dot) = match p.strip_suffix('.') {
                Some(q) => (q, r"\.?"),
                None => (p, ""),
            };
            let body = p.trim_start_matches('*').trim_end_matches('*');
            let ascii_edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let pre = if !p.starts_with('*') && ascii_edge(body.chars().next()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            let post = if !p.ends_with('*') && ascii_edge(body.chars().last()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            format!("{pre}{}{post}{dot}", phrase_pattern(p))
        })
        .collect();
    alts.join("|")
}

/// Degree names and abbreviations (`data/degrees.txt`).
pub const DEGREES: &str = include_str!("data/degrees.txt");
/// Words that mark an institution's name (`data/institutions.txt`).
pub const INSTITUTIONS: &str = include_str!("data/institutions.txt");

crate::patterns::warm!(degree_prefix);
/// A degree word at the start of a text.
pub fn degree_prefix() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(&prefix_pattern(DEGREES)).expect("valid degree list"))
}

crate::patterns::warm!(institution_word);
/// An institution word anywhere in a text.
pub fn institution_word() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(&word_pattern(INSTITUTIONS)).expect("valid institution list")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degree_phrases_in_their_spellings() {
        let re = degree_prefix();
        for t in [
            "B.Sc. in Physics",
            "BSc Physics",
            "B. Sc., Physics",
            "MSc",
            "Ph.D. in CS",
            "PhD, 2019",
            "Master’s degree in X",
            "Laurea Magistrale in Ingegneria",
            "Doctorat en Écologie",
            "Máster en Datos",
            "Tecnólogo em Análise",
            "Diploma di Maturità Scientifica",
            "本科",
            "硕士研究生",
            "MBA (2010)",
        ] {
            assert!(re.is_match(t), "{t}");
        }
        for t in [
            "Mba",
            "Bachelorette party",
            "Masterclass",
            "Ma Jun",
            "Grados",
        ] {
            assert!(!re.is_match(t), "{t}");
        }
        // The longest phrase wins.
        let m = re.find("Laurea Magistrale in X").unwrap();
        assert_eq!(m.as_str().trim(), "Laurea Magistrale");
        let m = re.find("Master of Science in X").unwrap();
        assert_eq!(m.as_str().trim(), "Master of Science");
    }

    #[test]
    fn institution_words_whole_stems_and_compound_heads() {
        let re = institution_word();
        for t in [
            "Università degli Studi di Palermo",
            "Universität Heidelberg",
            "Gesamtschule Süd",
            "Helmholtz-Gymnasium, Essen",
            "Lycée Saint-Louis",
            "同济大学",
            "ETH Zürich",
            "Wirtschafts-Akademie Mainz",
        ] {
            assert!(re.is_match(t), "{t}");
        }
        for t in ["mit Auszeichnung", "Schoolbook", "eth", "Incremental view"] {
            assert!(!re.is_match(t), "{t}");
        }
    }

    #[test]
    fn lists_parse_to_unique_phrases() {
        let ps = phrases("# c\nMaster\n\nMaster # again\nPh.D.\n");
        assert_eq!(ps, vec!["Master", "Ph.D."]);
    }
}
