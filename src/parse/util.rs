//! Helpers shared by the section parsers: entry grouping, link handling,
//! and small recognizers (locations, positions, names).

use crate::extract::{Line, LineKind};
use crate::profile::Link;

pub type NLine = (usize, Line);

pub(crate) use crate::patterns::re;

/// Labels of links that say nothing themselves ("Download", "[Link]").
const LINK_LABELS: &[&str] = &[
    "download", "link", "pdf", "paper", "slides", "video", "code", "talk", "watch", "podcast",
    "poster", "website", "web", "arxiv", "doi", "url", "html", "bib", "bibtex", "preprint", "demo",
    "github", "project", "blog", "press", "abstract", "here",
];

pub fn is_link_label(s: &str) -> bool {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ',' | '.' | ';' | ' '))
        .to_lowercase();
    !t.is_empty() && (LINK_LABELS.contains(&t.as_str()) || t.starts_with("paper --"))
}

/// The line's links (spans with a real target), labelled by their text.
pub fn links_of(line: &Line) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    // Whether the last span was part of a link: text between two links with
    // one URL (`[Talk](u), [Code](u)`) keeps them two links, each its label.
    // (A space alone does not: a PDF link's words may be spans apart.)
    let mut in_link = false;
    for sp in &line.spans {
        let Some(url) = sp.link.as_deref().filter(|u| !u.is_empty()) else {
            if !sp.text.trim().is_empty() {
                in_link = false;
            }
            continue;
        };
        let adjacent = std::mem::replace(&mut in_link, true);
        let label = sp
            .text
            .trim()
            .trim_matches(|c| c == '[' || c == ']')
            .trim()
            .to_string();
        // Consecutive spans of one link (bold part + plain part) make one link.
        if let Some(last) = out.last_mut().filter(|_| adjacent) {
            if last.url == url && !label.is_empty() {
                if !last.label.is_empty() {
                    last.label.push(' ');
                }
                last.label.push_str(&label);
                continue;
            }
        }
        out.push(Link {
            label,
            url: url.to_string(),
        });
    }
    // A linked title word keeps no trailing punctuation ("PacketMill:").
    for l in &mut out {
        let t = l.label.trim_end_matches([':', ',', ';']).trim_end();
        if t.len() != l.label.len() && !t.is_empty() {
            l.label = t.to_string();
        }
    }
    out
}

/// The line's text without spans that are link labels (`[Paper](..)`, a
/// `Download` whose target was lost), for parsing the fields around them.
pub fn text_without_link_labels(line: &Line) -> String {
    let mut s = String::new();
    let first = line.spans.iter().position(|sp| !sp.text.trim().is_empty());
    // Where the trailing run of links (and punctuation between them) starts:
    // "... Title. [pdf], [code], [api]."
    let mut tail = line.spans.len();
    while tail > 0 {
        let sp = &line.spans[tail - 1];
        let punct = sp.link.is_none() && sp.text.chars().all(|c| !c.is_alphanumeric());
        if sp.link.is_some() || punct {
            tail -= 1;
        } else {
            break;
        }
    }
    let mut removed = false;
    for (i, sp) in line.spans.iter().enumerate() {
        // A link labelled "Download" or "[Link]" says nothing; a word or two linked in
        // the trailing run of links ("api") is a label too. A linked word inside the
        // text ("iOS and Android for ...", a linked advisor's name) is text.
        let words = sp.text.split_whitespace().count();
        let labelish = sp.link.is_some()
            && (is_link_label(&sp.text)
                || words == 0
                || (words <= 2 && i >= tail && Some(i) != first));
        if labelish || (sp.link.is_none() && is_link_label(&sp.text) && sp.text.trim().len() > 2) {
            s.push(' ');
            removed = true;
            continue;
        }
        s.push_str(&sp.text);
    }
    if removed {
        tidy_links_left(&s)
    } else {
        collapse(&s)
    }
}

/// [`text_without_link_labels`] of each cell, the cells joined with tabs.
pub fn text_without_link_labels_cells(line: &Line) -> String {
    line.spans
        .split(|sp| sp.text == "\t")
        .map(|cell| {
            let l = Line {
                spans: cell.to_vec(),
                ..line.clone()
            };
            text_without_link_labels(&l)
        })
        .collect::<Vec<_>>()
        .join("\t")
}

/// Text with each link written as `text (url)`, for `other` and notes.
pub fn text_with_urls(line: &Line) -> String {
    let mut s = String::new();
    let mut i = 0;
    let spans = &line.spans;
    while i < spans.len() {
        let sp = &spans[i];
        if sp.text == "\t" {
            s.push(' ');
            i += 1;
            continue;
        }
        match sp.link.as_deref() {
            Some(url) if !url.is_empty() => {
                let mut label = sp.text.clone();
                let mut j = i + 1;
                while j < spans.len() && spans[j].link.as_deref() == Some(url) {
                    label.push_str(&spans[j].text);
                    j += 1;
                }
                let label = label.trim();
                if label.is_empty() || label == url {
                    s.push_str(url);
                } else {
                    s.push_str(label);
                    s.push_str(" (");
                    s.push_str(url);
                    s.push(')');
                }
                i = j;
            }
            _ => {
                s.push_str(&sp.text);
                i += 1;
            }
        }
    }
    collapse(&s)
}

/// The line's text with link labels kept and targets dropped (prose).
pub fn text_with_urls_plain(line: &Line) -> String {
    let s: String = line
        .spans
        .iter()
        .map(|s| if s.text == "\t" { " " } else { s.text.as_str() })
        .collect();
    collapse(&s)
}

fn tidy_links_left(s: &str) -> String {
    let s = collapse(s);
    // Separators left between removed link labels: "NSDI 22, , ," -> "NSDI 22".
    re!(seps, r"(?:\s*[,;|]\s*)+$");
    re!(inner, r"\s*,(?:\s*,)+");
    re!(emptybr, r"\[\s*\]|\(\s*\)");
    let s = emptybr().replace_all(&s, "");
    let s = inner().replace_all(&s, ",");
    let s = seps().replace(&s, "");
    collapse(&s)
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cells of a line split at `\t` spans (table cells, right-aligned columns).
pub fn cells(line: &Line) -> Vec<String> {
    let mut out = vec![String::new()];
    for sp in &line.spans {
        if sp.text == "\t" {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push_str(&sp.text);
        }
    }
    out.into_iter()
        .map(|c| collapse(&c))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Remove a trailing run of link labels with no target ("... techniques. Watch").
pub fn strip_dangling_labels(s: &str) -> String {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while let Some(w) = words.last() {
        if is_link_label(w) {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// A top-level unit of a section: a line that starts an entry with the lines
/// that belong to it (continuations and deeper list items).
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<NLine>,
}

impl Block {
    pub fn first(&self) -> &Line {
        &self.lines[0].1
    }
    pub fn no(&self) -> usize {
        self.lines[0].0
    }
}

/// Split section lines into blocks: a blank line, a heading, a list item at
/// the top depth, or a table row starts a new block; continuations and deeper
/// items stay in the block they follow.
pub fn blocks(lines: &[NLine]) -> Vec<Block> {
    let top_depth = lines
        .iter()
        .filter(|(_, l)| l.kind == LineKind::Item)
        .map(|(_, l)| l.depth)
        .min()
        .unwrap_or(1);
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for (no, l) in lines {
        match l.kind {
            LineKind::Blank | LineKind::Rule => {
                open = false;
                continue;
            }
            LineKind::Heading(_) | LineKind::Text | LineKind::TableRow => {
                out.push(Block {
                    lines: vec![(*no, l.clone())],
                });
                open = true;
            }
            LineKind::Item if l.depth <= top_depth => {
                out.push(Block {
                    lines: vec![(*no, l.clone())],
                });
                open = true;
            }
            _ => {
                if open {
                    if let Some(b) = out.last_mut() {
                        b.lines.push((*no, l.clone()));
                        continue;
                    }
                }
                out.push(Block {
                    lines: vec![(*no, l.clone())],
                });
                open = true;
            }
        }
    }
    out
}

/// PDF lines that a narrow column wrapped are one line again: a continuation
/// after a line that ends mid-phrase (`,` `:` `&` `and` `of`), or that starts
/// mid-phrase itself (lower case, `(`). A continuation that starts a label
/// of its own ("Thesis: ...") is no wrap. Markdown lines (no geometry) are
/// left as the document gave them.
pub fn join_wrapped(lines: &[NLine]) -> Vec<NLine> {
    let mut out: Vec<NLine> = Vec::with_capacity(lines.len());
    for (no, l) in lines {
        if let Some((_, prev)) = out.last_mut() {
            let t = l.flat_text();
            let t = t.trim();
            let pt = prev.flat_text();
            let pt = pt.trim_end();
            let open_end = pt.ends_with([',', ':', '&', '/'])
                || [" and", " of", " in", " for", " the"]
                    .iter()
                    .any(|w| pt.ends_with(w));
            let open_start = t.starts_with(|c: char| c.is_lowercase() || c == '(');
            let wraps = l.kind == LineKind::Continuation
                && l.geom.is_some()
                && prev.geom.is_some()
                && !matches!(prev.kind, LineKind::Heading(_))
                && !t.is_empty()
                && !starts_with_label(t)
                && (open_end || open_start);
            if wraps {
                prev.spans.push(crate::extract::Span::plain(" "));
                prev.spans.extend(l.spans.iter().cloned());
                prev.geom = l.geom;
                continue;
            }
        }
        out.push((*no, l.clone()));
    }
    out
}

/// "Thesis: ...", "Advisor: ...": a short capitalized label and a colon.
/// (A regex with a bounded Unicode class here costs milliseconds to build.)
pub fn starts_with_label(t: &str) -> bool {
    let Some(colon) = t.find(':') else {
        return false;
    };
    let (label, after) = (&t[..colon], &t[colon + 1..]);
    label.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && label.chars().count() <= 31
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '’' | '-' | '_'))
        && after.chars().next().is_none_or(char::is_whitespace)
}

/// Each non-blank line of the section, one block each (for line-per-entry sections).
pub fn line_blocks(lines: &[NLine]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (no, l) in lines {
        if l.is_blank() {
            continue;
        }
        // Deeper list items and continuations of an item belong to it.
        let attach = matches!(l.kind, LineKind::Continuation)
            && matches!(out.last(), Some(b) if b.first().kind == LineKind::Item)
            || (l.kind == LineKind::Item
                && matches!(out.last(), Some(b) if b.first().kind == LineKind::Item && b.first().depth < l.depth));
        if attach {
            if let Some(b) = out.last_mut() {
                b.lines.push((*no, l.clone()));
                continue;
            }
        }
        out.push(Block {
            lines: vec![(*no, l.clone())],
        });
    }
    out
}

const COUNTRIES: &[&str] = &[
    "sweden",
    "iran",
    "usa",
    "u.s.a.",
    "us",
    "united states",
    "uk",
    "united kingdom",
    "england",
    "scotland",
    "switzerland",
    "germany",
    "france",
    "italy",
    "spain",
    "portugal",
    "netherlands",
    "the netherlands",
    "belgium",
    "austria",
    "denmark",
    "norway",
    "finland",
    "iceland",
    "ireland",
    "poland",
    "czech republic",
    "czechia",
    "greece",
    "turkey",
    "türkiye",
    "israel",
    "canada",
    "mexico",
    "brazil",
    "argentina",
    "chile",
    "china",
    "japan",
    "korea",
    "south korea",
    "s korea",
    "skorea",
    "india",
    "singapore",
    "australia",
    "new zealand",
    "hong kong",
    "taiwan",
    "russia",
    "ukraine",
    "egypt",
    "south africa",
    "nigeria",
    "kenya",
    "uae",
    "qatar",
    "saudi arabia",
    "pakistan",
    "vietnam",
    "thailand",
    "malaysia",
    "indonesia",
    "luxembourg",
    "hungary",
    "romania",
    "estonia",
    "croatia",
    "serbia",
    "slovenia",
    "colombia",
    "peru",
    "lebanon",
    "jordan",
    "morocco",
    "tunisia",
    "bulgaria",
    "slovakia",
    "lithuania",
    "latvia",
    "belarus",
    "moldova",
    "bosnia and herzegovina",
    "north macedonia",
    "albania",
    "montenegro",
    "cyprus",
    "malta",
    "armenia",
    "georgia",
    "azerbaijan",
    "kazakhstan",
    "uzbekistan",
    "afghanistan",
    "iraq",
    "syria",
    "kuwait",
    "bahrain",
    "oman",
    "yemen",
    "bangladesh",
    "sri lanka",
    "nepal",
    "myanmar",
    "cambodia",
    "laos",
    "philippines",
    "mongolia",
    "ethiopia",
    "ghana",
    "uganda",
    "tanzania",
    "rwanda",
    "algeria",
    "libya",
    "sudan",
    "senegal",
    "cameroon",
    "ivory coast",
    "zimbabwe",
    "zambia",
    "botswana",
    "namibia",
    "mozambique",
    "angola",
    "venezuela",
    "ecuador",
    "bolivia",
    "paraguay",
    "uruguay",
    "cuba",
    "costa rica",
    "panama",
    "guatemala",
    "honduras",
    "el salvador",
    "nicaragua",
    "dominican republic",
    "puerto rico",
    "jamaica",
    "scotland",
    "wales",
    "northern ireland",
    "macau",
    "p.r. china",
    "pr china",
    "people's republic of china",
    "republic of korea",
    "the united states",
    "united states of america",
    "united arab emirates",
    "deutschland",
    "schweiz",
    "suisse",
    "österreich",
    "france métropolitaine",
    "italia",
    "españa",
    "sverige",
    "norge",
    "danmark",
    "suomi",
    "belgique",
    "belgië",
    "nederland",
    "polska",
    "česko",
    "brasil",
    "méxico",
    "moçambique",
    "perú",
    "türkiye",
];

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

/// A country, or a US state's code.
pub fn is_region(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    let lower = t.to_lowercase();
    // Abbreviations with dots ("U.S.A.", "S.Korea", "P.R. China") as without.
    let undotted: String = lower
        .split(['.', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    COUNTRIES.contains(&lower.as_str())
        || COUNTRIES.contains(&undotted.as_str())
        || COUNTRIES.contains(&undotted.replace(' ', "").as_str())
        || US_STATES.contains(&t)
}

/// `City, Country` (or `City, ST`), or `Remote`.
pub fn is_location(s: &str) -> bool {
    let t = s.trim();
    if t.eq_ignore_ascii_case("remote") || t.eq_ignore_ascii_case("online") {
        return true;
    }
    let parts: Vec<&str> = t.split(',').map(|p| p.trim()).collect();
    if parts.len() < 2 || parts.len() > 3 || t.split_whitespace().count() > 6 {
        return false;
    }
    let caps = parts.iter().all(|p| {
        !p.is_empty()
            && p.chars().next().is_some_and(|c| c.is_uppercase())
            && p.split_whitespace().count() <= 3
    });
    caps && parts.last().is_some_and(|p| is_region(p))
}

/// Find a location at the end of a text: returns (rest, location).
pub fn split_trailing_location(s: &str) -> Option<(String, String)> {
    let t = s.trim();
    let (head, region) = t.rsplit_once(',')?;
    if !is_region(region) {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let cap = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase());
    if words.is_empty() || !words.iter().all(|w| !w.is_empty()) || !cap(words[words.len() - 1]) {
        return None;
    }
    // The city is the last word, or the last two when the first is a two-word city's
    // first word ("New York", "Santa Clara").
    let n = if words.len() >= 2 && CITY_FIRST_WORDS.contains(&words[words.len() - 2]) {
        2
    } else {
        1
    };
    let city = words[words.len() - n..].join(" ");
    if roles().all.contains(&city.to_lowercase()) {
        return None;
    }
    let rest = words[..words.len() - n].join(" ");
    // "Université de Montpellier, France", "University of Oslo, Norway": after a
    // preposition the city is part of the name; only the region is where.
    const LINKS: [&str; 12] = [
        "of", "de", "di", "du", "des", "der", "von", "da", "do", "del", "della", "d’",
    ];
    if rest
        .split_whitespace()
        .last()
        .is_some_and(|w| LINKS.contains(&w) || w.ends_with(['’', '\'']))
    {
        return Some((head.trim().to_string(), region.trim().to_string()));
    }
    Some((rest, format!("{}, {}", city, region.trim())))
}

/// A `City, Country` inside a text: (before, location, after).
pub fn find_location(s: &str) -> Option<(String, String, String)> {
    let mut from = 0;
    while let Some(off) = s[from..].find(", ") {
        let comma = from + off;
        from = comma + 2;
        let after = &s[comma + 2..];
        // The region: one to three words after the comma.
        // Only the first three words are wanted: collecting all of them at
        // every comma was quadratic on a long comma-separated line.
        let words: Vec<&str> = after.split_whitespace().take(3).collect();
        let mut region_len = 0;
        for n in (1..=3.min(words.len())).rev() {
            let cand = words[..n].join(" ");
            if is_region(cand.trim_end_matches([',', ';', ')'])) {
                region_len = n;
                break;
            }
        }
        if region_len == 0 {
            continue;
        }
        let region = words[..region_len].join(" ");
        let region = region.trim_end_matches([',', ';', ')']).to_string();
        let head = &s[..comma];
        let (rest, loc) = split_trailing_location(&format!("{head}, {region}"))?;
        let tail_start = comma + 2 + after.find(region.as_str()).map_or(0, |i| i + region.len());
        let tail = s.get(tail_start..).unwrap_or("").trim().to_string();
        return Some((rest, loc, tail));
    }
    None
}

/// Leading bullet and icon-like glyphs converters leave (`○`, `•`, `▪`).
pub fn strip_bullet(s: &str) -> &str {
    s.trim_start_matches(|c: char| {
        matches!(
            c,
            '•' | '●' | '○' | '◦' | '▪' | '■' | '‣' | '␣' | '*' | '–' | '-'
        ) || c.is_whitespace()
    })
}

const CITY_FIRST_WORDS: &[&str] = &[
    "New",
    "San",
    "Los",
    "Las",
    "Santa",
    "Saint",
    "St.",
    "Hong",
    "Tel",
    "Rio",
    "Buenos",
    "Den",
    "Palo",
    "Mountain",
    "Menlo",
    "Redwood",
    "Salt",
    "Kuala",
    "Ho",
    "Ann",
    "Cape",
    "College",
    "Mexico",
    "Abu",
    "Sao",
    "São",
    "El",
    "La",
    "Le",
    "Bad",
    "Frankfurt",
    "Halle",
];

/// Role words (`data/roles.txt`), lower case: all of them for whole-word
/// lookups, and the long ones (6 bytes and more) that also match as the start
/// or the head of a longer word.
struct Roles {
    all: std::collections::HashSet<String>,
    long: Vec<String>,
}

fn roles() -> &'static Roles {
    static W: std::sync::OnceLock<Roles> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let words = word_list(include_str!("data/roles.txt"));
        Roles {
            long: words.iter().filter(|r| r.len() >= 6).cloned().collect(),
            all: words.into_iter().collect(),
        }
    })
}

/// Organization nouns (`data/org-nouns.txt`), lower case.
fn org_nouns() -> &'static std::collections::HashSet<String> {
    static W: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        word_list(include_str!("data/org-nouns.txt"))
            .into_iter()
            .collect()
    })
}

/// The words of a reviewed list, lower case.
pub fn word_list(text: &str) -> Vec<String> {
    crate::wordlist::lines(text)
        .map(str::to_lowercase)
        .collect()
}

/// Whether a lower-case word is a role word, or starts with a long one
/// (`researchers`) or ends with one as a compound's head (`softwareentwickler`,
/// `teamleiter`).
fn is_role(w: &str) -> bool {
    let r = roles();
    r.all.contains(w)
        || r.long.iter().any(|r| {
            w.starts_with(r.as_str()) || (w.ends_with(r.as_str()) && w.len() >= r.len() + 3)
        })
}

/// A job title: holds a role word and is short, not a sentence.
pub fn looks_like_position(s: &str) -> bool {
    let t = s.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 14 || t.ends_with('.') && words > 8 {
        return false;
    }
    let last = t
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // "Director of Infrastructure Division", "Head of the Vision Lab": a role
    // over a unit is a title, though it ends like an organization.
    let role_over_unit = [" of ", " for "].iter().any(|sep| {
        t.split_once(sep).is_some_and(|(left, _)| {
            left.split_whitespace()
                .last()
                .is_some_and(|w| is_role_word(w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
    });
    if org_nouns().contains(&last) && !role_over_unit {
        return false;
    }
    let lower = t.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .any(is_role)
}

/// The last word names an organization or a part of one ("Team", "Lab").
pub fn ends_with_org_noun(s: &str) -> bool {
    let last = s
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    org_nouns().contains(&last)
}

pub fn is_role_word(w: &str) -> bool {
    let w = w.to_lowercase();
    is_role(&w)
}

/// Split a trailing job title off an organization: `NVIDIA Distributed Systems Researcher`
/// gives (`NVIDIA`, `Distributed Systems Researcher`). The title is the longest
/// run of words at the end that ends with a role word and holds no acronym or
/// organization marker.
pub fn split_trailing_position(s: &str) -> Option<(String, String)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let last = words.last()?;
    if !is_role_word(last.trim_end_matches([',', '.', ':'])) || words.len() < 2 {
        return None;
    }
    let mut start = words.len() - 1;
    while start > 0 {
        let w = words[start - 1];
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let acronym = bare.len() >= 2
            && bare.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && !matches!(
                bare,
                "AI" | "ML" | "CEO" | "CTO" | "VP" | "IT" | "HR" | "R&D" | "PHD"
            );
        let org_marker = matches!(
            bare.to_lowercase().as_str(),
            "inc"
                | "ltd"
                | "llc"
                | "gmbh"
                | "ab"
                | "ag"
                | "corp"
                | "corporation"
                | "university"
                | "institute"
                | "lab"
                | "labs"
                | "laboratory"
                | "company"
                | "at"
                | "of"
                | "team"
        );
        if acronym || org_marker || w.ends_with([',', ')']) {
            break;
        }
        start -= 1;
    }
    if start == 0 || start >= words.len() {
        return None;
    }
    Some((words[..start].join(" "), words[start..].join(" ")))
}

/// Names of people in a list: `A, B and C`, `A & B`, `A; B`.
pub fn split_names(s: &str) -> Vec<String> {
    re!(sep, r"\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|;\s*)");
    let t = s.trim();
    // A final period ends the list unless it closes an abbreviation (`Jr.`, `Q.`).
    let t = match t.strip_suffix('.') {
        Some(rest)
            if !rest.ends_with("Jr") && !rest.ends_with("Sr") && !ends_with_initial(rest) =>
        {
            rest
        }
        _ => t,
    };
    sep()
        .split(t)
        .map(|n| strip_person_title(n.trim()))
        .filter(|n| !n.is_empty() && n.chars().any(|c| c.is_alphabetic()))
        .collect()
}

fn ends_with_initial(s: &str) -> bool {
    let last = s
        .rsplit(|c: char| c.is_whitespace() || c == '.')
        .next()
        .unwrap_or("");
    last.chars().count() == 1 && last.chars().all(|c| c.is_uppercase())
}

/// `Prof. Dejan Kostić` -> `Dejan Kostić`; also `Associate Prof.`, `Dr.`, `Assoc. Prof.`.
pub fn strip_person_title(s: &str) -> String {
    re!(
        title,
        r"^(?i:(?:(?:assistant|associate|assoc\.|full|adjunct|emeritus)\s+)?(?:prof(?:essor)?\.?|dr\.?|mr\.?|ms\.?|mrs\.?|sir)\s+)+"
    );
    collapse(title().replace(s.trim(), "").as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    #[test]
    fn link_labels_lose_trailing_punctuation() {
        let mut linked = Span::plain("PacketMill:");
        linked.link = Some("https://packetmill.github.io/".into());
        let line = Line::new(
            LineKind::Text,
            vec![linked, Span::plain(" Toward per-core 100-Gbps")],
        );
        let l = links_of(&line);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].label, "PacketMill");
    }

    #[test]
    fn locations() {
        assert!(is_location("Stockholm, Sweden"));
        assert!(is_location("San Francisco, CA"));
        assert!(!is_location("Alireza Farshin, Saeed Sharifian"));
        assert_eq!(
            split_trailing_location("CafeYab Tehran, Iran"),
            Some(("CafeYab".into(), "Tehran, Iran".into()))
        );
        assert_eq!(
            split_trailing_location("Google New York, USA"),
            Some(("Google".into(), "New York, USA".into()))
        );
    }

    #[test]
    fn abbreviated_countries() {
        for r in [
            "S.Korea",
            "S. Korea",
            "U.S.A",
            "U.S.A.",
            "U.K.",
            "USA",
            "P.R. China",
        ] {
            assert!(is_region(r), "{r}");
        }
        assert!(is_location("Seoul, S.Korea"));
        assert!(!is_region("Seoul"));
        assert!(!is_region("S.K."));
    }

    #[test]
    fn location_inside() {
        assert_eq!(
            find_location("Genomics Group at EMBL Heidelberg, Germany Staff Scientist"),
            Some((
                "Genomics Group at EMBL".into(),
                "Heidelberg, Germany".into(),
                "Staff Scientist".into()
            ))
        );
        assert_eq!(find_location("Smith, Jones and Lee"), None);
    }

    #[test]
    fn positions() {
        assert!(looks_like_position(
            "Founding Member & Director of Infrastructure Division"
        ));
        assert!(looks_like_position("Head of the Vision Lab"));
        assert!(!looks_like_position("Computer Vision Lab"));
        assert!(!looks_like_position("Department of Physics"));
        assert!(looks_like_position("Postdoctoral Researcher"));
        assert!(looks_like_position("Co-founder and CEO"));
        // Role words of other languages, and compounds headed by one.
        assert!(looks_like_position("Programming Teacher"));
        assert!(looks_like_position("Doctorant contractuel"));
        assert!(looks_like_position("Softwareentwickler"));
        assert!(looks_like_position("Estagiário na área de Suporte técnico"));
        assert!(!looks_like_position("Acme GmbH"));
        assert!(!looks_like_position(
            "Network Systems Laboratory (NSLab) at KTH"
        ));
        assert_eq!(
            split_trailing_position("NVIDIA Distributed Systems Researcher"),
            Some(("NVIDIA".into(), "Distributed Systems Researcher".into()))
        );
        assert_eq!(
            split_trailing_position("RISE Research Institutes of Sweden"),
            None
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            split_names("Prof. Dejan Kostić and Prof. Gerald Q. Maguire Jr."),
            vec!["Dejan Kostić", "Gerald Q. Maguire Jr."]
        );
        assert_eq!(
            strip_person_title("Associate Prof. Saeed Sharifian"),
            "Saeed Sharifian"
        );
    }

    #[test]
    fn link_text() {
        let mut a = Span::plain("USENIX NSDI 22, ");
        let mut b = Span::plain("Paper");
        b.link = Some("http://p".into());
        let c = Span::plain(", ");
        let mut d = Span::plain("Talk");
        d.link = Some("http://t".into());
        a.bold = false;
        let l = Line::new(LineKind::Text, vec![a, b, c, d]);
        assert_eq!(text_without_link_labels(&l), "USENIX NSDI 22");
        assert_eq!(links_of(&l).len(), 2);
        assert_eq!(
            text_with_urls(&l),
            "USENIX NSDI 22, Paper (http://p), Talk (http://t)"
        );
        assert_eq!(strip_dangling_labels("techniques. Watch"), "techniques.");
    }
}

/// Lines for the parsers' unit tests.
#[cfg(test)]
pub mod test_lines {
    use super::NLine;
    use crate::extract::{Geom, Line, LineKind, Span};

    /// A row of cells (tab spans between them), as PDF layout makes one;
    /// `pdf` gives it geometry.
    pub fn row(cells: &[&str], pdf: bool) -> NLine {
        let mut spans = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                spans.push(Span::plain("\t"));
            }
            spans.push(Span::plain(*c));
        }
        let mut line = Line::new(LineKind::Text, spans);
        if pdf {
            line.geom = Some(Geom::default());
        }
        (0, line)
    }
}
