//! The citation model: a linear-chain CRF that labels each token of one
//! reference (author, title, container, date, ...), trained on AnyStyle's
//! labelled references (see `LICENSE-AnyStyle` beside the model) and on
//! CV-style re-settings of them (`examples/train_citations.rs`).
//!
//! The features are computed here and only here: the training example writes
//! them out for `scripts/train_citations.py`, and the tagger computes the
//! same ones at run time.

pub mod anystyle;

use std::sync::OnceLock;

/// The labels the model gives, in a fixed order.
pub const LABELS: &[&str] = &[
    "author",
    "title",
    "container",
    "date",
    "volume",
    "issue",
    "pages",
    "publisher",
    "location",
    "editor",
    "doi",
    "url",
    "note",
    "key",
    "other",
];

/// The committed model (`cargo run --release --example train_citations`).
static MODEL_BYTES: &[u8] = include_bytes!("model.crfsuite");

struct Loaded {
    tagger: crfs::Tagger<'static>,
}

static MODEL: OnceLock<Option<crfs::Model<'static>>> = OnceLock::new();
static TAGGER: OnceLock<Option<Loaded>> = OnceLock::new();

/// The embedded model, loaded once; `None` when the file is empty or broken.
fn tagger() -> Option<&'static crfs::Tagger<'static>> {
    TAGGER
        .get_or_init(|| {
            let model = MODEL
                .get_or_init(|| {
                    (!MODEL_BYTES.is_empty())
                        .then(|| crfs::Model::new(MODEL_BYTES).ok())
                        .flatten()
                })
                .as_ref()?;
            Some(Loaded {
                tagger: model.tagger().ok()?,
            })
        })
        .as_ref()
        .map(|l| &l.tagger)
}

/// The embedded model file.
pub fn model_bytes() -> &'static [u8] {
    MODEL_BYTES
}

/// Whether a model is embedded.
pub fn available() -> bool {
    tagger().is_some()
}

/// A token of a reference: a whitespace-separated word and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The tokens of a reference: its whitespace-separated words.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Labels for the tokens of a reference (empty when no model is embedded).
pub fn tag(tokens: &[&str]) -> Vec<&'static str> {
    let Some(t) = tagger() else {
        return Vec::new();
    };
    tag_with(t, tokens)
}

/// Labels the tokens with the given tagger.
pub fn tag_with<'m>(t: &'m crfs::Tagger<'m>, tokens: &[&str]) -> Vec<&'m str> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let xseq: Vec<Vec<crfs::Attribute>> = features(tokens)
        .into_iter()
        .map(|f| f.into_iter().map(crfs::Attribute::from).collect())
        .collect();
    t.tag(&xseq).unwrap_or_default()
}

/// Marks that flag the CV's owner or equal contribution (`Smith*`, `Roe†`).
const MARKS: &[char] = &['*', '†', '‡', '§', '¶', '#'];

type LexiconSets = std::sync::Mutex<Vec<(usize, &'static std::collections::HashSet<String>)>>;

fn lexicon(text: &'static str) -> &'static std::collections::HashSet<String> {
    // One set per list, keyed by the list's address.
    static SETS: OnceLock<LexiconSets> = OnceLock::new();
    let sets = SETS.get_or_init(Default::default);
    let key = text.as_ptr() as usize;
    let mut g = sets.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, s)) = g.iter().find(|(k, _)| *k == key) {
        return s;
    }
    let set: &'static std::collections::HashSet<String> = Box::leak(Box::new(
        crate::wordlist::lines(text)
            .map(|l| l.split('\t').next().unwrap_or(l).to_lowercase())
            .collect(),
    ));
    g.push((key, set));
    set
}

const GIVEN: &str = include_str!("../data/given-names.txt");
const MONTHS: &str = include_str!("../data/months.tsv");

const PARTICLES: &[&str] = &[
    "van", "de", "den", "der", "von", "da", "di", "del", "della", "dos", "du", "le", "la", "ter",
    "ten", "bin", "al", "el",
];

const VENUE_WORDS: &[&str] = &[
    "journal",
    "j",
    "proceedings",
    "proc",
    "conference",
    "conf",
    "symposium",
    "symp",
    "workshop",
    "transactions",
    "trans",
    "letters",
    "lett",
    "review",
    "rev",
    "magazine",
    "annals",
    "ann",
    "bulletin",
    "bull",
    "international",
    "int",
    "intl",
    "annual",
    "acm",
    "ieee",
    "usenix",
    "society",
    "quarterly",
    "research",
    "science",
    "sciences",
    "studies",
    "advances",
    "arxiv",
    "preprint",
    "biorxiv",
    "physics",
    "phys",
    "chemistry",
    "chem",
    "medicine",
    "med",
    "economics",
    "econ",
    "engineering",
    "eng",
    "computing",
    "comput",
    "systems",
    "meeting",
    "congress",
    "forum",
    "nature",
];

const PUBLISHER_WORDS: &[&str] = &[
    "press",
    "university",
    "univ",
    "publishers",
    "publishing",
    "verlag",
    "springer",
    "elsevier",
    "wiley",
    "routledge",
    "books",
    "inc",
    "ltd",
];

const EDITOR_WORDS: &[&str] = &[
    "ed", "eds", "editor", "editors", "edited", "hrsg", "(eds", "(ed",
];
const PAGE_WORDS: &[&str] = &["pp", "p", "pages", "page", "s"];
const VOLUME_WORDS: &[&str] = &["vol", "volume", "vols", "bd"];
const ISSUE_WORDS: &[&str] = &["no", "nr", "issue", "number", "num"];
const NOTE_WORDS: &[&str] = &[
    "award",
    "best",
    "prize",
    "acceptance",
    "rate",
    "oral",
    "spotlight",
    "appear",
    "review",
    "submitted",
    "press",
    "accepted",
    "forthcoming",
    "invited",
    "nominee",
    "finalist",
    "honorable",
    "mention",
    "thesis",
    "dissertation",
    "phd",
    "report",
];
const LINK_WORDS: &[&str] = &[
    "pdf", "code", "slides", "video", "poster", "bib", "bibtex", "project", "website", "link",
    "talk", "data", "abstract", "preprint", "doi", "html", "github",
];

fn is_venue_acronym(w: &str) -> bool {
    crate::parse::publications::CONFERENCES.contains(&w.to_uppercase().as_str())
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A word's shape: `Xxxx` → `Xx`, `1999` → `dddd`, `J.` → `X.`.
fn shape(w: &str, collapse: bool) -> String {
    let mut out = String::new();
    let mut last = None;
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        if Some(k) == last {
            run += 1;
            if collapse && k != 'd' || run >= 4 {
                continue;
            }
        } else {
            run = 0;
        }
        last = Some(k);
        out.push(k);
        if out.chars().count() >= 8 {
            break;
        }
    }
    out
}

struct Base {
    lw: String,
    word: String,
    lead: String,
    trail: String,
    mark: bool,
    short_shape: String,
}

fn base(tok: &str) -> Base {
    let mark = tok.contains(MARKS);
    let core: String = tok.chars().filter(|c| !MARKS.contains(c)).collect();
    let lead: String = core.chars().take_while(|c| !c.is_alphanumeric()).collect();
    let rest = &core[lead.len()..];
    let word = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
    let trail = rest[word.len()..].to_string();
    let lw = word.to_lowercase();
    let lw = if lw.starts_with("http") || lw.starts_with("www.") {
        "<url>".to_string()
    } else if lw.starts_with("10.") && lw.contains('/') || lw.starts_with("doi:") {
        "<doi>".to_string()
    } else if lw.chars().count() > 24 {
        "<long>".to_string()
    } else if word.is_empty() {
        format!("<p>{}", shape(&core, true))
    } else {
        lw
    };
    Base {
        short_shape: shape(word, true),
        lw,
        word: word.to_string(),
        lead,
        trail,
        mark,
    }
}

fn is_year(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b.len() == 4 || b.len() == 5 && b[4].is_ascii_lowercase())
}

const OPEN_QUOTES: &[char] = &['"', '“', '‘', '«', '„', '\''];
const CLOSE_QUOTES: &[char] = &['"', '”', '’', '»', '\''];

/// The feature strings of each token (the same at training and tagging).
pub fn features(tokens: &[&str]) -> Vec<Vec<String>> {
    let n = tokens.len();
    let bases: Vec<Base> = tokens.iter().map(|t| base(t)).collect();
    let given = lexicon(GIVEN);
    let months = lexicon(MONTHS);
    let mut out = Vec::with_capacity(n);
    let mut in_quote = false;
    let mut in_paren = 0i32;
    let mut seen_year = false;
    let mut seen_close_quote = false;
    let mut seen_in = false;
    // Sentences and clauses before the token: words (not initials) ending
    // in a period, and in a comma.
    let mut periods = 0usize;
    let mut commas = 0usize;
    for (i, b) in bases.iter().enumerate() {
        let mut f: Vec<String> = Vec::with_capacity(48);
        let w = &b.word;
        let lw = &b.lw;
        f.push("bias".into());
        f.push(format!("w={lw}"));
        f.push(format!("sh={}", b.short_shape));
        f.push(format!("shl={}", shape(w, false)));
        if lw.chars().count() >= 4 && !lw.starts_with('<') {
            let p: String = lw.chars().take(3).collect();
            let s: String = lw
                .chars()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            f.push(format!("p3={p}"));
            f.push(format!("s3={s}"));
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let uppers = w.chars().filter(|c| c.is_uppercase()).count();
        let cap = if letters == 0 {
            "none"
        } else if uppers == letters {
            if letters == 1 {
                "single"
            } else {
                "all"
            }
        } else if w.chars().next().is_some_and(char::is_uppercase) {
            "init"
        } else if uppers == 0 {
            "lower"
        } else {
            "mixed"
        };
        f.push(format!("cap={cap}"));
        f.push(format!(
            "lead={}",
            b.lead.chars().take(3).collect::<String>()
        ));
        f.push(format!(
            "trail={}",
            b.trail.chars().take(3).collect::<String>()
        ));
        if let Some(c) = b.trail.chars().last() {
            f.push(format!("end={c}"));
        }
        if b.mark {
            f.push("mark".into());
        }
        let q_open = b.lead.contains(OPEN_QUOTES);
        let q_close = b.trail.contains(CLOSE_QUOTES);
        if q_open {
            f.push("qopen".into());
            in_quote = true;
        }
        if q_close {
            f.push("qclose".into());
        }
        if in_quote {
            f.push("inq".into());
        }
        if seen_close_quote {
            f.push("afterq".into());
        }
        if b.lead.contains(['(', '[']) {
            f.push("popen".into());
        }
        if b.trail.contains([')', ']']) {
            f.push("pclose".into());
        }
        if in_paren > 0 || b.lead.contains(['(', '[']) {
            f.push("inp".into());
        }
        let digits = w.chars().filter(char::is_ascii_digit).count();
        if digits > 0 {
            f.push(format!("dig={}", digits.min(5)));
            if digits == w.chars().count() {
                f.push("alldig".into());
            }
        }
        if is_year(w) || w.len() == 9 && w.as_bytes()[4] == b'-' && is_year(&w[..4]) {
            f.push("year".into());
        }
        if seen_year {
            f.push("afteryear".into());
        }
        if seen_in {
            f.push("afterin".into());
        }
        if w.contains(['-', '–', '—']) && digits >= 2 && letters == 0 {
            f.push("range".into());
        }
        if w.contains('(') && digits > 0 {
            f.push("numparen".into());
        }
        if letters == 1 && uppers == 1 && b.trail.starts_with('.') || shape(w, true) == "X.X" {
            f.push("initial".into());
        }
        if given.contains(lw) {
            f.push("given".into());
        }
        if PARTICLES.contains(&lw.as_str()) {
            f.push("particle".into());
        }
        if VENUE_WORDS.contains(&lw.as_str()) {
            f.push("venue".into());
        }
        if PUBLISHER_WORDS.contains(&lw.as_str()) {
            f.push("publ".into());
        }
        if EDITOR_WORDS.contains(&lw.as_str()) {
            f.push("editw".into());
        }
        if PAGE_WORDS.contains(&lw.as_str()) {
            f.push("pagew".into());
        }
        if VOLUME_WORDS.contains(&lw.as_str()) {
            f.push("volw".into());
        }
        if ISSUE_WORDS.contains(&lw.as_str()) {
            f.push("issw".into());
        }
        if NOTE_WORDS.contains(&lw.as_str()) {
            f.push("notew".into());
        }
        if LINK_WORDS.contains(&lw.as_str()) {
            f.push("linkw".into());
        }
        if months.contains(lw) {
            f.push("month".into());
        }
        if is_venue_acronym(w) {
            f.push("acro".into());
        }
        if digits > 0 && (w.ends_with("th") || w.ends_with("nd")) {
            f.push("ord".into());
        }
        if b.trail.contains('%') || w.contains('%') {
            f.push("pct".into());
        }
        f.push(format!("seg={}", periods.min(5)));
        f.push(format!("clause={}", commas.min(8)));
        f.push(format!("seg|cap={}|{cap}", periods.min(5)));
        let pos = i * 10 / n.max(1);
        f.push(format!("pos={pos}"));
        if i == 0 {
            f.push("first".into());
        }
        if i + 1 == n {
            f.push("last".into());
        }
        // The neighbours.
        for d in [-2i64, -1, 1, 2] {
            let j = i as i64 + d;
            if j < 0 {
                f.push(format!("w[{d}]=<s>"));
                continue;
            }
            let Some(o) = bases.get(j as usize) else {
                f.push(format!("w[{d}]=</s>"));
                continue;
            };
            f.push(format!("w[{d}]={}", o.lw));
            if d.abs() == 1 {
                f.push(format!("sh[{d}]={}", o.short_shape));
                f.push(format!(
                    "trail[{d}]={}",
                    o.trail.chars().take(2).collect::<String>()
                ));
                f.push(format!(
                    "lead[{d}]={}",
                    o.lead.chars().take(2).collect::<String>()
                ));
            }
        }
        let prev_end = if i == 0 {
            "<s>".to_string()
        } else {
            bases[i - 1]
                .trail
                .chars()
                .last()
                .map(String::from)
                .unwrap_or_default()
        };
        f.push(format!("pe|cap={prev_end}|{cap}"));
        f.push(format!("pe|w={prev_end}|{lw}"));
        out.push(f);
        // State after this token.
        if q_close && in_quote {
            in_quote = false;
            seen_close_quote = true;
        }
        in_paren += b.lead.matches(['(', '[']).count() as i32;
        in_paren -= b.trail.matches([')', ']']).count() as i32;
        in_paren = in_paren.max(0);
        if is_year(w) {
            seen_year = true;
        }
        if lw == "in" {
            seen_in = true;
        }
        let initial = letters <= 2 && uppers >= 1;
        if b.trail.ends_with(['.', '?', '!']) && !initial
            || b.trail.contains(CLOSE_QUOTES) && b.trail.len() > 1
        {
            periods += 1;
        }
        if b.trail.ends_with([',', ';']) {
            commas += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_features_not_words() {
        let f = features(&["Smith*,", "J.", "2019."]);
        assert!(f[0].contains(&"w=smith".to_string()));
        assert!(f[0].contains(&"mark".to_string()));
        assert!(f[0].contains(&"end=,".to_string()));
        assert!(f[2].contains(&"year".to_string()));
        let f = features(&["Roe†"]);
        assert!(f[0].contains(&"w=roe".to_string()));
    }

    #[test]
    fn tokens_keep_their_offsets() {
        let t = tokenize("  A. Smith,  Title ");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].text, "Smith,");
        assert_eq!(&"  A. Smith,  Title "[t[2].start..t[2].end], "Title");
    }
}
