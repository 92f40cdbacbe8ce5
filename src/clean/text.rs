//! Small text passes: Liquid, ligatures and spacing accents, dotted leaders,
//! whitespace and NFC, link targets, span tidying, line-end hyphenation.

use crate::extract::{Line, LineKind, Span};
use crate::profile::Diagnostics;
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

crate::patterns::warm!(liquid_re);
fn liquid_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").expect("valid regex"))
}

/// Remove Jekyll Liquid output and tags (`{{ site.baseurl }}`, `{% include x %}`).
pub fn strip_liquid(s: &str, count: &mut usize) -> String {
    strip_liquid_opt(s, count).unwrap_or_else(|| s.to_string())
}

/// [`strip_liquid`], or `None` when nothing changes.
pub fn strip_liquid_opt(s: &str, count: &mut usize) -> Option<String> {
    if !s.contains("{{") && !s.contains("{%") {
        return None;
    }
    let re = liquid_re();
    let n = re.find_iter(s).count();
    if n == 0 {
        return None;
    }
    *count += n;
    Some(re.replace_all(s, "").into_owned())
}

fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' => "ft",
        '\u{FB06}' => "st",
        _ => return None,
    })
}

/// The combining mark for a spacing accent left by PDF extraction.
fn combining(c: char) -> Option<char> {
    Some(match c {
        '\u{B4}' => '\u{301}',  // ´ acute
        '`' => '\u{300}',       // grave
        '\u{A8}' => '\u{308}',  // ¨ diaeresis
        '\u{2DA}' => '\u{30A}', // ˚ ring
        '\u{2C7}' => '\u{30C}', // ˇ caron
        '\u{B8}' => '\u{327}',  // ¸ cedilla
        '\u{2DC}' => '\u{303}', // ˜ tilde
        '\u{2C6}' => '\u{302}', // ˆ circumflex
        '\u{2D8}' => '\u{306}', // ˘ breve
        '\u{2D9}' => '\u{307}', // ˙ dot above
        '\u{2DD}' => '\u{30B}', // ˝ double acute
        '\u{2DB}' => '\u{328}', // ˛ ogonek
        '\u{AF}' => '\u{304}',  // ¯ macron
        _ => return None,
    })
}

/// `base` with `mark`, if Unicode has a precomposed letter for it.
fn compose(base: char, mark: char) -> Option<char> {
    // LaTeX accents go on the dotless i and j (`\'\i` extracts as `´ı`).
    let base = match base {
        'ı' => 'i',
        'ȷ' => 'j',
        b => b,
    };
    let s: String = [base, mark].iter().collect::<String>().nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Expand ligatures (ﬁ → fi) and compose spacing accents with their letter
/// (`H´emous` → `Hémous`, `p˚a` → `på`, `Jose´` → `José`). An accent goes with
/// the letter after it when they compose; else with the letter before it when
/// it ends a word. Anything else (`don´t`) is left. A backtick composes only
/// inside a word, never as a quote (``` ``x'' ```). Counts each change.
pub fn expand_ligatures(s: &str, count: &mut usize) -> String {
    expand_ligatures_opt(s, count).unwrap_or_else(|| s.to_string())
}

/// [`expand_ligatures`], or `None` when nothing changes.
pub fn expand_ligatures_opt(s: &str, count: &mut usize) -> Option<String> {
    if s.is_ascii() && !s.contains('`') {
        return None;
    }
    let before = *count;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(l) = ligature(c) {
            out.push_str(l);
            *count += 1;
            i += 1;
            continue;
        }
        // A dotless i or j with a combining accent (`\'{\i}` as `ı́`): `í`.
        if matches!(c, 'ı' | 'ȷ') {
            if let Some(k) = chars
                .get(i + 1)
                .filter(|m| ('\u{300}'..='\u{36F}').contains(*m))
                .and_then(|&m| compose(c, m))
            {
                out.push(k);
                *count += 1;
                i += 2;
                continue;
            }
        }
        if let Some(mark) = combining(c) {
            let prev = out.chars().next_back();
            let next = chars.get(i + 1).copied();
            let prev_letter = prev.is_some_and(char::is_alphabetic);
            let next_letter = next.is_some_and(char::is_alphabetic);
            let allowed = c != '`' || (prev_letter && next.is_some_and(|n| n != '`'));
            if allowed && next_letter {
                if let Some(k) = next.and_then(|n| compose(n, mark)) {
                    out.push(k);
                    *count += 1;
                    i += 2;
                    continue;
                }
            }
            // After its letter: at a word end (`Jose´`), or inside a word for
            // accents that are never punctuation (`Mu¨ller`; not `don´t`).
            let after_ok = !next_letter || !matches!(c, '\u{B4}' | '`');
            if allowed && prev_letter && after_ok && c != '`' {
                if let Some(k) = prev.and_then(|p| compose(p, mark)) {
                    out.pop();
                    out.push(k);
                    *count += 1;
                    i += 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    (*count != before).then_some(out)
}

crate::patterns::warm!(leader_re);
fn leader_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[ \t\u{a0}]*(?:(?:[.\u{2024}][ \t\u{a0}]*){4,}|(?:\u{2026}[ \t\u{a0}]*){2,}|(?:\u{b7}[ \t\u{a0}]*){4,})")
            .expect("valid regex")
    })
}

/// Remove dotted leaders (`Conference Publications.....`, `Title . . . . 3`,
/// `……`): at the ends of the text they go, inside it they become one space.
pub fn strip_dotted_leaders(s: &str, count: &mut usize) -> String {
    strip_dotted_leaders_opt(s, count).unwrap_or_else(|| s.to_string())
}

/// [`strip_dotted_leaders`], or `None` when nothing changes.
pub fn strip_dotted_leaders_opt(s: &str, count: &mut usize) -> Option<String> {
    if !s.contains(['.', '\u{2026}', '\u{2024}', '\u{b7}']) {
        return None;
    }
    let re = leader_re();
    let out = re.replace_all(s, |c: &regex::Captures| {
        *count += 1;
        let Some(m) = c.get(0) else {
            return String::new();
        };
        let at_start = s[..m.start()].trim().is_empty();
        let at_end = s[m.end()..].trim().is_empty();
        if at_start || at_end {
            String::new()
        } else {
            " ".to_string()
        }
    });
    match out {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(o) => Some(o),
    }
}

/// NFC and single spaces (span edges keep one space so words stay apart).
pub fn normalize(s: &str) -> String {
    normalize_opt(s).unwrap_or_else(|| s.to_string())
}

/// [`normalize`], or `None` when the text is already NFC and single-spaced.
/// A geometric shape set between two words as a list separator (`ReactJS ◦
/// VueJS ◦ Node`, a bullet font's glyph inside a line) is written `•`, the
/// separator every list reader knows; shapes next to each other (rating dots)
/// are left to the icon pass.
pub fn inline_bullets_opt(s: &str, count: &mut usize) -> Option<String> {
    let shape = |c: char| matches!(c as u32, 0x25A0..=0x25FF);
    if !s.chars().any(shape) {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || ".)/+#".contains(*c));
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        if shape(c)
            && chars.get(i.wrapping_sub(1)) == Some(&' ')
            && chars.get(i + 1) == Some(&' ')
            && word(chars.get(i.wrapping_sub(2)))
            && word(chars.get(i + 2))
        {
            out.push('•');
            *count += 1;
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

pub fn normalize_opt(s: &str) -> Option<String> {
    let is_nfc = s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes;
    let mut prev_space = false;
    let spaced = s.chars().all(|c| {
        let ok = if c.is_whitespace() {
            c == ' ' && !prev_space
        } else {
            true
        };
        prev_space = c.is_whitespace();
        ok
    });
    if is_nfc && spaced {
        return None;
    }
    let nfc: std::borrow::Cow<str> = if is_nfc {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    };
    let mut out = String::with_capacity(nfc.len());
    let mut space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    Some(out)
}

/// Clean a link target: Liquid and whitespace removed, otherwise kept as
/// written. `None` for an empty or bogus target: a word with no `:`, `/` or
/// `.` (`Download`, `iOS`), `mailto:` without an `@`, `javascript:`.
pub fn clean_url(url: &str, diag: &mut Diagnostics) -> Option<String> {
    let u = strip_liquid(url, &mut diag.liquid_tags);
    let u: String = u.chars().filter(|c| !c.is_whitespace()).collect();
    if u.is_empty() {
        return None;
    }
    let lower = u.to_ascii_lowercase();
    if let Some(addr) = lower.strip_prefix("mailto:") {
        return addr.contains('@').then_some(u);
    }
    if lower.starts_with("javascript:") {
        return None;
    }
    if !u.contains([':', '/', '.']) {
        return None;
    }
    Some(u)
}

fn is_tab(s: &Span) -> bool {
    s.text == "\t"
}

/// Trim the line's and each table cell's outer whitespace, keep one space
/// where two spans meet, and drop empty spans. Cell separators (`\t`) stay.
pub fn tidy_spans(spans: &mut Vec<Span>) {
    // Leading whitespace after the line start, a cell start or a span that
    // already ends with a space.
    let mut space_before = true;
    for sp in spans.iter_mut() {
        if is_tab(sp) {
            space_before = true;
            continue;
        }
        if space_before {
            let t = sp.text.trim_start();
            if t.len() != sp.text.len() {
                sp.text = t.to_string();
            }
        }
        if !sp.text.is_empty() {
            space_before = sp.text.ends_with(char::is_whitespace);
        }
    }
    spans.retain(|s| !s.text.is_empty());
    // Trailing whitespace before a cell separator and at the line end.
    let mut end_here = true;
    for sp in spans.iter_mut().rev() {
        if is_tab(sp) {
            end_here = true;
            continue;
        }
        if end_here {
            let t = sp.text.trim_end();
            if t.len() != sp.text.len() {
                sp.text = t.to_string();
            }
        }
        if !sp.text.is_empty() {
            end_here = false;
        }
    }
    spans.retain(|s| !s.text.is_empty());
    // A line of separators only is empty.
    if spans.iter().all(is_tab) {
        spans.clear();
    }
}

/// First parts of hyphenated compounds that keep their hyphen when a line
/// break falls after them (`multi-` + `hundred` is `multi-hundred`).
const COMPOUND_PREFIXES: &[&str] = &[
    "multi", "non", "co", "self", "cross", "state", "well", "high", "low", "long", "short", "full",
    "part", "half", "semi", "anti", "quasi", "pseudo", "ex", "real", "open", "end", "fine",
    "large", "small", "cost", "energy", "time", "data", "user", "peer", "world", "first", "second",
    "third", "top", "mid", "all", "two", "three", "one", "cutting", "hands", "model", "domain",
    "task", "event", "hardware", "software", "network", "cache", "memory", "power", "rule",
    "learning", "deep", "up", "sub-", "state-of", "of", "to", "hard",
];

/// Words of the document, lowercased, to see how a split word is written elsewhere.
struct Vocabulary {
    words: HashSet<String>,
    /// `a-b` for every pair of parts next to each other in a hyphenated word.
    pairs: HashSet<String>,
}

impl Vocabulary {
    fn new(lines: &[Line]) -> Self {
        let mut words: HashSet<String> = HashSet::new();
        let mut pairs: HashSet<String> = HashSet::new();
        // Reused buffers: most tokens repeat, so most need no allocation.
        let mut lower = String::new();
        let mut pair = String::new();
        for l in lines {
            for sp in &l.spans {
                for tok in sp.text.split_whitespace() {
                    let tok = tok.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                    let tok = tok.trim_matches('-');
                    if tok.is_empty() {
                        continue;
                    }
                    lower.clear();
                    lower.extend(tok.chars().flat_map(char::to_lowercase));
                    if lower.contains('-') {
                        let mut parts = lower.split('-').peekable();
                        while let (Some(a), Some(b)) = (parts.next(), parts.peek()) {
                            pair.clear();
                            pair.push_str(a);
                            pair.push('-');
                            pair.push_str(b);
                            if !pairs.contains(pair.as_str()) {
                                pairs.insert(pair.clone());
                            }
                        }
                    } else if !words.contains(lower.as_str()) {
                        words.insert(lower.clone());
                    }
                }
            }
        }
        Vocabulary { words, pairs }
    }
}

/// Whether `b` continues the text block of `a`, so a hyphen at `a`'s end can
/// be a line-end hyphenation.
fn continues(a: &Line, b: &Line) -> bool {
    if matches!(
        a.kind,
        LineKind::Heading(_) | LineKind::Blank | LineKind::Rule
    ) {
        return false;
    }
    if a.spans.iter().any(is_tab) || b.spans.iter().any(is_tab) {
        return false;
    }
    match b.kind {
        LineKind::Continuation => true,
        LineKind::Text => match (a.geom, b.geom) {
            // PDF lines: same page, the next baseline just below.
            (Some(ga), Some(gb)) => {
                let gap = ga.y - gb.y;
                a.page == b.page && gap > 0.0 && gap <= 1.6 * ga.size.max(gb.size).max(1.0)
            }
            _ => false,
        },
        _ => false,
    }
}

/// Join words split by a line-end hyphen: `net-` / `worked systems` becomes
/// `networked` / `systems`. The hyphen is dropped when the next line starts
/// with a lowercase letter and the word is not a compound; a compound keeps it
/// (`multi-` + `hundred`, `100-Gbps`, `Self-` + `Domestication`). How the
/// document writes the word elsewhere decides first; then capitals or digits
/// in either part, or a prefix-like first part, mean a compound.
pub fn join_hyphenation(lines: &mut [Line], diag: &mut Diagnostics) {
    let ends_with_hyphen = |l: &Line| {
        l.spans.last().is_some_and(|s| {
            let t = s.text.as_str();
            t.ends_with('-') && {
                let mut r = t.chars().rev();
                r.next();
                r.next().is_some_and(char::is_alphabetic)
            }
        })
    };
    if !lines.iter().any(ends_with_hyphen) {
        return;
    }
    let vocab = Vocabulary::new(lines);
    for i in 0..lines.len().saturating_sub(1) {
        if !ends_with_hyphen(&lines[i]) || !continues(&lines[i], &lines[i + 1]) {
            continue;
        }
        let (head, tail) = lines.split_at_mut(i + 1);
        let a = &mut head[i];
        let b = &mut tail[0];
        let Some(first_span) = b.spans.iter_mut().find(|s| !s.text.trim().is_empty()) else {
            continue;
        };
        let t = first_span.text.trim_start();
        let Some(c0) = t.chars().next() else {
            continue;
        };
        if !c0.is_alphanumeric() {
            continue;
        }
        let frag_len = t.find(char::is_whitespace).unwrap_or(t.len());
        let frag = &t[..frag_len];
        let frag_word: String = frag.chars().take_while(|c| c.is_alphanumeric()).collect();
        let Some(last) = a.spans.last_mut() else {
            continue;
        };
        let stem_text = last.text.trim_end_matches('-');
        let first_part: String = stem_text
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if first_part.is_empty() {
            continue;
        }
        let keep_hyphen = if c0.is_lowercase() {
            let joined = format!("{first_part}{frag_word}").to_lowercase();
            let pair = format!("{first_part}-{frag_word}").to_lowercase();
            if vocab.pairs.contains(&pair) && !vocab.words.contains(&joined) {
                true
            } else if vocab.words.contains(&joined) {
                false
            } else {
                first_part
                    .chars()
                    .any(|c| c.is_uppercase() || c.is_ascii_digit())
                    || frag_word.chars().any(|c| c.is_ascii_digit())
                    || COMPOUND_PREFIXES.contains(&first_part.to_lowercase().as_str())
            }
        } else {
            // `multi-` + `100-Gbps`, `Self-` + `Domestication`: a compound split at its hyphen.
            true
        };
        if !keep_hyphen {
            last.text.pop();
        }
        last.text.push_str(frag);
        let rest = t[frag_len..].trim_start().to_string();
        first_span.text = rest;
        b.spans.retain(|s| !s.text.is_empty());
        diag.hyphenations_joined += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Geom;

    #[test]
    fn liquid() {
        let mut n = 0;
        assert_eq!(
            strip_liquid("{{ site.baseurl }}/hcongestion", &mut n),
            "/hcongestion"
        );
        assert_eq!(strip_liquid("a {% include x.html %} b", &mut n), "a  b");
        assert_eq!(n, 2);
        assert_eq!(strip_liquid("set {a, b}", &mut n), "set {a, b}");
        assert_eq!(n, 2);
    }

    #[test]
    fn ligatures_and_accents() {
        let mut n = 0;
        assert_eq!(
            expand_ligatures("ﬁne ﬂow eﬀort oﬃce baﬄe ﬅ ﬆ", &mut n),
            "fine flow effort office baffle ft st"
        );
        assert_eq!(n, 7);
        let acc = |s: &str| {
            let mut n = 0;
            (expand_ligatures(s, &mut n), n)
        };
        assert_eq!(acc("H´emous"), ("Hémous".into(), 1));
        assert_eq!(acc("Mart\u{131}\u{301}nez"), ("Martínez".into(), 1));
        assert_eq!(acc("Istanbul \u{131}"), ("Istanbul \u{131}".into(), 0));
        assert_eq!(acc("p˚a"), ("på".into(), 1));
        assert_eq!(acc("K¨onig"), ("König".into(), 1));
        assert_eq!(acc("N´uria Mart´ın"), ("Núria Martín".into(), 2));
        assert_eq!(
            acc("ˇCapek, Fran¸cois, Universit`a"),
            ("Čapek, François, Università".into(), 3)
        );
        assert_eq!(acc("Jose´ and Mu¨ller"), ("José and Müller".into(), 2));
        assert_eq!(acc("S˜ao Paulo, Mˆetis"), ("São Paulo, Mêtis".into(), 2));
        // Not accents: an apostrophe-like acute, LaTeX quotes, code.
        for s in ["don´t", "``quoted''", "`cmd`", "a ´ b"] {
            assert_eq!(acc(s), (s.to_string(), 0), "{s}");
        }
    }

    #[test]
    fn dotted_leaders() {
        let dl = |s: &str| {
            let mut n = 0;
            (strip_dotted_leaders(s, &mut n), n)
        };
        assert_eq!(
            dl("Conference Publications....."),
            ("Conference Publications".into(), 1)
        );
        assert_eq!(
            dl("Patent Applications."),
            ("Patent Applications.".into(), 0)
        );
        assert_eq!(dl("Title . . . . . 12"), ("Title 12".into(), 1));
        assert_eq!(dl("Title…… 12"), ("Title 12".into(), 1));
        assert_eq!(dl(".............................."), ("".into(), 1));
        assert_eq!(
            dl("Wait... what? e.g. x.y.z"),
            ("Wait... what? e.g. x.y.z".into(), 0)
        );
        assert_eq!(dl("and so on…"), ("and so on…".into(), 0));
    }

    #[test]
    fn normalize_nfc_and_spaces() {
        assert_eq!(normalize("e\u{301}  a\u{a0}b\n"), "é a b ");
        assert_eq!(normalize("  x"), " x");
    }

    #[test]
    fn urls() {
        let mut d = Diagnostics::default();
        let mut u = |s: &str| clean_url(s, &mut d);
        assert_eq!(
            u(" https://x.org/a b ").as_deref(),
            Some("https://x.org/ab")
        );
        assert_eq!(
            u("{{ site.baseurl }}/hcongestion").as_deref(),
            Some("/hcongestion")
        );
        assert_eq!(u("mailto:a@b.org").as_deref(), Some("mailto:a@b.org"));
        assert_eq!(
            u("aliireza.github.io").as_deref(),
            Some("aliireza.github.io")
        );
        for bogus in [
            "",
            "  ",
            "mailto:Download",
            "iOS",
            "Android",
            "Download",
            "javascript:void(0)",
            "{{ x }}",
        ] {
            assert_eq!(u(bogus), None, "{bogus}");
        }
        assert_eq!(d.liquid_tags, 2);
    }

    fn line(kind: LineKind, texts: &[&str]) -> Line {
        Line::new(kind, texts.iter().map(|t| Span::plain(*t)).collect())
    }

    fn texts(l: &Line) -> Vec<&str> {
        l.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn tidy() {
        let mut l = line(LineKind::Text, &["  a ", " b", "", " "]);
        tidy_spans(&mut l.spans);
        assert_eq!(texts(&l), ["a ", "b"]);
        let mut t = line(LineKind::TableRow, &[" x ", "\t", " y", "\t", "\t"]);
        tidy_spans(&mut t.spans);
        assert_eq!(texts(&t), ["x", "\t", "y", "\t", "\t"]);
        let mut e = line(LineKind::TableRow, &["\t", " "]);
        tidy_spans(&mut e.spans);
        assert!(e.spans.is_empty());
    }

    fn join(pairs: &[(LineKind, &str)]) -> (Vec<String>, usize) {
        let mut lines: Vec<Line> = pairs.iter().map(|(k, t)| line(*k, &[t])).collect();
        let mut d = Diagnostics::default();
        join_hyphenation(&mut lines, &mut d);
        (
            lines.iter().map(|l| l.text()).collect(),
            d.hyphenations_joined,
        )
    }

    #[test]
    fn hyphenation() {
        use LineKind::*;
        assert_eq!(
            join(&[
                (Text, "computer networks and net-"),
                (Continuation, "worked systems.")
            ]),
            (
                vec!["computer networks and networked".into(), "systems.".into()],
                1
            )
        );
        assert_eq!(
            join(&[(Text, "virtual ma-"), (Continuation, "chine placement")]).0,
            ["virtual machine", "placement"]
        );
        // Compounds keep their hyphen.
        assert_eq!(
            join(&[(Text, "at multi-"), (Continuation, "hundred rates")]).0,
            ["at multi-hundred", "rates"]
        );
        assert_eq!(
            join(&[(Text, "for multi-"), (Continuation, "100-Gbps Linux")]).0,
            ["for multi-100-Gbps", "Linux"]
        );
        assert_eq!(
            join(&[(Text, "the Self-"), (Continuation, "Domestication")]).0,
            ["the Self-Domestication", ""]
        );
        // The document's own spelling wins.
        assert_eq!(
            join(&[
                (Text, "data-driven work and data-"),
                (Continuation, "driven ideas")
            ])
            .0,
            ["data-driven work and data-driven", "ideas"]
        );
        assert_eq!(
            join(&[
                (Text, "a time line and time-"),
                (Continuation, "line x"),
                (Text, "timeline")
            ])
            .0,
            ["a time line and timeline", "x", "timeline"]
        );
        // Not across paragraphs, headings or dashes.
        assert_eq!(join(&[(Text, "a net-"), (Text, "worked")]).1, 0);
        assert_eq!(join(&[(Heading(2), "net-"), (Continuation, "worked")]).1, 0);
        assert_eq!(join(&[(Text, "2019 -"), (Continuation, "now")]).1, 0);
        assert_eq!(join(&[(Text, "2019-"), (Continuation, "now")]).1, 0);
        assert_eq!(join(&[(Text, "a net-"), (Continuation, "- item")]).1, 0);
    }

    #[test]
    fn hyphenation_in_pdf_blocks() {
        let mut a = line(LineKind::Text, &["research on net-"]);
        a.page = Some(1);
        a.geom = Some(Geom {
            x0: 50.0,
            x1: 500.0,
            y: 700.0,
            size: 10.0,
        });
        let mut b = line(LineKind::Text, &["works and more"]);
        b.page = Some(1);
        b.geom = Some(Geom {
            x0: 50.0,
            x1: 300.0,
            y: 688.0,
            size: 10.0,
        });
        let mut far = b.clone();
        far.geom = Some(Geom {
            x0: 50.0,
            x1: 300.0,
            y: 600.0,
            size: 10.0,
        });
        let mut lines = vec![a.clone(), b];
        let mut d = Diagnostics::default();
        join_hyphenation(&mut lines, &mut d);
        assert_eq!(lines[0].text(), "research on networks");
        let mut lines = vec![a, far];
        join_hyphenation(&mut lines, &mut d);
        assert_eq!(d.hyphenations_joined, 1);
    }

    #[test]
    fn a_shape_between_words_is_a_separator() {
        let mut n = 0;
        assert_eq!(
            inline_bullets_opt("ReactJS ◦ VueJS ◦ NodeJS", &mut n).as_deref(),
            Some("ReactJS • VueJS • NodeJS")
        );
        assert_eq!(n, 2);
        assert_eq!(inline_bullets_opt("English ○ ○ ○", &mut n), None);
        assert_eq!(inline_bullets_opt("plain text", &mut n), None);
    }
}
