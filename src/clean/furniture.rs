//! Page furniture: running headers, footers and page numbers.
//!
//! PDF lines know their page: a line among the first or last few of its page
//! that comes back on at least three pages (and half of them), digits aside
//! (`Page 1`/`Page 2`), is a running header or footer; a page-number line
//! (`1/5`, `Page 2 of 6`, `- 3 -`, a bare number that follows the page count)
//! at a page edge is a page number.
//!
//! Markdown conversions have no pages, so page numbers are found first, by
//! their form and their sequence (`1/5` … `4/5` sharing the total, bare `1`,
//! `2`, `3` far apart ending paragraphs), and they mark where pages break.
//! A short line repeated three or more times, most of its occurrences within a
//! few lines of such a break (or the document's start or end), on three or
//! more pages, is a header or footer. With no page numbers at all, a repeated
//! line counts only when its occurrences are far apart and it opens or closes
//! the document, or carries a page number that counts up.
//!
//! Never removed: a line seen once or twice (except lines carrying counted
//! page numbers), a heading, a list item.

use crate::extract::{Line, LineKind};
use crate::profile::Diagnostics;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Verdict {
    Keep,
    PageNumber,
    HeaderFooter,
}

/// How far (in non-blank lines) from a page break furniture may stand.
const NEAR: usize = 4;
/// How many lines at each end of a PDF page are looked at.
const EDGE: usize = 3;

pub fn remove(lines: Vec<Line>, diag: &mut Diagnostics) -> Vec<Line> {
    let mut pages: Vec<u32> = lines.iter().filter_map(|l| l.page).collect();
    pages.sort_unstable();
    pages.dedup();
    let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
    let verdicts =
        if pages.len() >= 2 || (pages.len() == 1 && lines.iter().all(|l| l.page.is_some())) {
            by_page(&lines, &texts)
        } else {
            by_breaks(&lines, &texts)
        };
    let mut out = Vec::with_capacity(lines.len());
    for (l, v) in lines.into_iter().zip(verdicts) {
        match v {
            Verdict::Keep => out.push(l),
            Verdict::PageNumber => diag.page_numbers += 1,
            Verdict::HeaderFooter => diag.header_footer_lines += 1,
        }
    }
    out
}

/// The text that identifies a repeated line: words only, lowercase; with
/// `numbers` false, digit runs become `#` (`Page 1` and `Page 2` match).
fn key(text: &str, numbers: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_digit() && !numbers {
            if !in_digits {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                out.push('#');
            }
            in_digits = true;
            gap = false;
        } else if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            in_digits = false;
            gap = false;
        } else {
            in_digits = false;
            gap = true;
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum PageNo {
    /// `1/5`, `Page 2 of 6`.
    Of(u32, u32),
    /// `Page 3`.
    Word(u32),
    /// `- 3 -`.
    Dashed(u32),
    /// `3`.
    Bare(u32),
}

crate::patterns::warm!(page_re);
fn page_re() -> &'static [Regex; 4] {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    RE.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("valid regex");
        [
            r(r"(?i)^(?:page|p\.|pg\.?|seite|p[áa]gina|p[áa]g\.)?\s*([0-9]{1,3})\s*(?:/|of|von|de|sur|di)\s*([0-9]{1,3})$"),
            r(r"(?i)^(?:page|seite|p[áa]gina|p[áa]g\.|p\.)\s*([0-9]{1,3})$"),
            r(r"^[-–—]\s*([0-9]{1,3})\s*[-–—]$"),
            r(r"^([0-9]{1,3})$"),
        ]
    })
}

fn page_number(text: &str) -> Option<PageNo> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '_' || c == '*')
        .trim();
    if t.is_empty() || t.len() > 24 {
        return None;
    }
    let [of, word, dashed, bare] = page_re();
    let num = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = of.captures(t) {
        let (n, m) = (num(&c, 1)?, num(&c, 2)?);
        return (n >= 1 && n <= m).then_some(PageNo::Of(n, m));
    }
    if let Some(c) = word.captures(t) {
        return Some(PageNo::Word(num(&c, 1)?));
    }
    if let Some(c) = dashed.captures(t) {
        return Some(PageNo::Dashed(num(&c, 1)?));
    }
    if let Some(c) = bare.captures(t) {
        return Some(PageNo::Bare(num(&c, 1)?));
    }
    None
}

/// A page number at the end or start of a header or footer line
/// (`John Doe – 1/2`, `Page 2 of 3 — John Doe`,
/// `February 10, 2026 Claud D. Park - Curriculum Vitae 3`).
fn embedded_page_number(text: &str) -> Option<u32> {
    embedded(text).map(|e| e.0)
}

crate::patterns::re!(
    page_at_end_re,
    r"(?i)[\s|·•–—-](?:page\s*)?([0-9]{1,3})(?:\s*(?:/|of)\s*[0-9]{1,3})?\s*$"
);
crate::patterns::re!(
    page_at_start_re,
    r"(?i)^\s*(?:page\s*)?([0-9]{1,3})(?:\s*(?:/|of)\s*[0-9]{1,3})?\s*[|·•–—-]"
);

/// The embedded page number, whether its form says so (`1/2`, `of`, `Page`),
/// and the number of words around it.
fn embedded(text: &str) -> Option<(u32, bool, usize)> {
    let (end, start) = (page_at_end_re(), page_at_start_re());
    let t = text.trim();
    let digit_edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let page_word = t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("page"));
    if !digit_edge(t.chars().next_back()) && !digit_edge(t.chars().next()) && !page_word {
        return None;
    }
    for (re, at_end) in [(end, true), (start, false)] {
        let Some(c) = re.captures(t) else {
            continue;
        };
        let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        // The rest must be words, not just other numbers (`10 / 12`).
        let rest = if at_end {
            &t[..all.start()]
        } else {
            &t[all.end()..]
        };
        if rest.chars().any(char::is_alphabetic) {
            let m = all.as_str().to_ascii_lowercase();
            let strong = m.contains('/') || m.contains("of") || m.contains("page");
            let words = rest
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            return Some((num.as_str().parse().ok()?, strong, words));
        }
    }
    None
}

/// Non-empty cells of a line (1 for a line outside tables).
fn cells(text: &str) -> usize {
    text.split('\t').filter(|c| !c.trim().is_empty()).count()
}

/// Whether a line carries contact data (email, web address, phone number).
fn has_contact(text: &str) -> bool {
    contact_re().is_match(text)
}

crate::patterns::re!(
    contact_re,
    r"(?i)[^\s@]+@[^\s@]+\.[a-z]{2,}|https?://|www\.|\+?\(?[0-9][0-9\s().-]{7,}[0-9]"
);

/// Mark a group of furniture lines; if they carry contact data, the first
/// stays (a footer may be the only place a CV gives its email or phone).
fn mark(verdicts: &mut [Verdict], texts: &[String], occ: &[usize]) {
    let keep_first = occ.iter().any(|&i| has_contact(&texts[i]));
    for (k, &i) in occ.iter().enumerate() {
        if !(keep_first && k == 0) {
            verdicts[i] = Verdict::HeaderFooter;
        }
    }
}

/// Running headers, footers and page numbers are short.
const MAX_FURNITURE_BYTES: usize = 200;

fn can_be_furniture(l: &Line, text: &str) -> bool {
    !matches!(
        l.kind,
        LineKind::Heading(_) | LineKind::Item | LineKind::Blank | LineKind::Rule
    ) && text.len() <= MAX_FURNITURE_BYTES
        && !text.trim().is_empty()
}

/// Whether the numbers count up by one (allowing a start anywhere).
fn counts_up(ns: &[u32]) -> bool {
    ns.len() >= 2 && ns.windows(2).all(|w| w[1] == w[0] + 1)
}

// ---------------------------------------------------------------- PDF pages

fn by_page(lines: &[Line], texts: &[String]) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Keep; lines.len()];
    // Edge lines of each page: (index, page).
    let mut per_page: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(p) = l.page {
            if can_be_furniture(l, &texts[i]) {
                per_page.entry(p).or_default().push(i);
            }
        }
    }
    let total_pages = per_page.len();
    let mut edges: Vec<(usize, u32)> = Vec::new();
    for (&p, idx) in &per_page {
        let n = idx.len();
        for (k, &i) in idx.iter().enumerate() {
            if k < EDGE || k + EDGE >= n {
                edges.push((i, p));
            }
        }
    }
    // Page numbers. Bare numbers must keep one offset from the page index on
    // two pages or more (or be the only page's `1`).
    let mut bare: Vec<(usize, u32, i64)> = Vec::new();
    for &(i, p) in &edges {
        match page_number(&texts[i]) {
            Some(PageNo::Of(..) | PageNo::Word(_) | PageNo::Dashed(_)) => {
                verdicts[i] = Verdict::PageNumber;
            }
            Some(PageNo::Bare(n)) => bare.push((i, p, n as i64 - p as i64)),
            None => {}
        }
    }
    let mut offsets: HashMap<i64, Vec<u32>> = HashMap::new();
    for &(_, p, off) in &bare {
        offsets.entry(off).or_default().push(p);
    }
    let pages_per_offset: HashMap<i64, usize> = offsets
        .into_iter()
        .map(|(off, mut ps)| {
            ps.sort_unstable();
            ps.dedup();
            (off, ps.len())
        })
        .collect();
    for &(i, p, off) in &bare {
        let n_pages = pages_per_offset.get(&off).copied().unwrap_or(0);
        if n_pages >= 2 || (total_pages == 1 && off + p as i64 == 1) {
            verdicts[i] = Verdict::PageNumber;
        }
    }
    // Running headers and footers: the same text on many pages, or a text
    // whose only change is a page number counting up.
    let mut by_key: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
    let mut by_shape: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
    for &(i, p) in &edges {
        if verdicts[i] != Verdict::Keep {
            continue;
        }
        let k = key(&texts[i], true);
        if k.is_empty() || k.split(' ').count() > 20 {
            continue;
        }
        if embedded_page_number(&texts[i]).is_some() {
            by_shape
                .entry(key(&texts[i], false))
                .or_default()
                .push((i, p));
        }
        by_key.entry(k).or_default().push((i, p));
    }
    for occ in by_key.values() {
        let mut ps: Vec<u32> = occ.iter().map(|o| o.1).collect();
        ps.dedup();
        // On three pages or more; on both pages of a two-page document.
        if ps.len() >= 3.min(total_pages).max(2) && ps.len() * 2 >= total_pages {
            let idx: Vec<usize> = occ.iter().map(|o| o.0).collect();
            mark(&mut verdicts, texts, &idx);
        }
    }
    for occ in by_shape.values() {
        let ns: Vec<u32> = occ
            .iter()
            .filter_map(|o| embedded_page_number(&texts[o.0]))
            .collect();
        if ns.len() == occ.len() && counts_up(&ns) {
            let idx: Vec<usize> = occ.iter().map(|o| o.0).collect();
            mark(&mut verdicts, texts, &idx);
        }
    }
    verdicts
}

// ------------------------------------------------------- Markdown conversions

fn by_breaks(lines: &[Line], texts: &[String]) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Keep; lines.len()];
    // Ordinal of each line among non-blank lines.
    let mut ord = vec![0usize; lines.len()];
    let mut n_ord = 0;
    for (i, l) in lines.iter().enumerate() {
        ord[i] = n_ord;
        if !l.is_blank() {
            n_ord += 1;
        }
    }
    let ends_paragraph = |i: usize| {
        lines
            .get(i + 1)
            .is_none_or(|n| n.kind != LineKind::Continuation)
    };

    // 1. Page numbers, by form and sequence.
    let mut of_groups: BTreeMap<u32, Vec<(usize, u32)>> = BTreeMap::new();
    let mut dashed: Vec<(usize, u32)> = Vec::new();
    let mut bare: Vec<(usize, u32)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        // A table row only as a lone cell (GFM tables swallow the lines after them).
        if !can_be_furniture(l, &texts[i])
            || (l.kind == LineKind::TableRow && cells(&texts[i]) != 1)
        {
            continue;
        }
        match page_number(&texts[i]) {
            Some(PageNo::Of(n, m)) => of_groups.entry(m).or_default().push((i, n)),
            Some(PageNo::Word(_)) => verdicts[i] = Verdict::PageNumber,
            Some(PageNo::Dashed(n)) => dashed.push((i, n)),
            Some(PageNo::Bare(n)) if ends_paragraph(i) => bare.push((i, n)),
            _ => {}
        }
    }
    let increasing = |v: &[(usize, u32)]| v.windows(2).all(|w| w[1].1 > w[0].1);
    for (m, group) in &of_groups {
        if (group.len() >= 2 && increasing(group)) || (*m == 1 && group.len() == 1) {
            for &(i, _) in group {
                verdicts[i] = Verdict::PageNumber;
            }
        }
    }
    if dashed.len() >= 2 && increasing(&dashed) {
        for &(i, _) in &dashed {
            verdicts[i] = Verdict::PageNumber;
        }
    }
    // Bare numbers: the longest chain 1, 2, 3 … (or from 2) with pages between.
    let mut chains: Vec<Vec<(usize, u32)>> = Vec::new();
    // The longest chain ending in each value (one pass, no quadratic search).
    let mut ending: HashMap<u32, usize> = HashMap::new();
    for &(i, n) in &bare {
        let ext = n
            .checked_sub(1)
            .and_then(|m| ending.get(&m).copied())
            .filter(|&ci| {
                chains[ci]
                    .last()
                    .is_some_and(|&(j, m)| m + 1 == n && ord[i] >= ord[j] + 5)
            });
        let ci = match ext {
            Some(ci) => {
                chains[ci].push((i, n));
                ci
            }
            None if n <= 2 => {
                chains.push(vec![(i, n)]);
                chains.len() - 1
            }
            None => continue,
        };
        let better = ending.get(&n).is_none_or(|&cur| {
            chains[cur].last().is_none_or(|l| l.1 != n) || chains[cur].len() < chains[ci].len()
        });
        if better {
            ending.insert(n, ci);
        }
    }
    // Pages are long: all but the last (which may be short) hold a dozen lines.
    let paged = |c: &&Vec<(usize, u32)>| {
        c.len() >= 2
            && c.windows(2)
                .rev()
                .skip(1)
                .all(|w| ord[w[1].0] >= ord[w[0].0] + 12)
    };
    if let Some(best) = chains.iter().filter(paged).max_by_key(|c| c.len()) {
        for &(i, _) in best {
            verdicts[i] = Verdict::PageNumber;
        }
    }

    // Lines that carry a page number counting up (`John Doe – 1/2`): furniture
    // even when seen only twice.
    let mut numbered: HashMap<String, Vec<(usize, u32, bool)>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if verdicts[i] != Verdict::Keep || !can_be_furniture(l, &texts[i]) {
            continue;
        }
        let text = &texts[i];
        if text.chars().count() > 120 {
            continue;
        }
        if let Some((n, strong, words)) = embedded(text) {
            // A bare trailing number (`Project 2`) needs more to be a footer.
            if strong || words >= 3 {
                numbered
                    .entry(key(text, false))
                    .or_default()
                    .push((i, n, strong));
            }
        }
    }
    for occ in numbered.values() {
        let ns: Vec<u32> = occ.iter().map(|o| o.1).collect();
        let strong = occ.iter().all(|o| o.2);
        let gap = if strong { 5 } else { 10 };
        // The last page may be short.
        let spread = occ
            .windows(2)
            .rev()
            .skip(1)
            .all(|w| ord[w[1].0] >= ord[w[0].0] + gap)
            && occ.windows(2).all(|w| ord[w[1].0] >= ord[w[0].0] + 3);
        let enough = if strong {
            occ.len() >= 2
        } else {
            occ.len() >= 3
        };
        if counts_up(&ns) && spread && enough && (1..=2).contains(&ns[0]) {
            let idx: Vec<usize> = occ.iter().map(|o| o.0).collect();
            mark(&mut verdicts, texts, &idx);
        }
    }

    // 2. Page breaks: page-number lines, numbered furniture, and the document's ends.
    let breaks: Vec<usize> = (0..lines.len())
        .filter(|&i| verdicts[i] != Verdict::Keep)
        .map(|i| ord[i])
        .collect();
    // `breaks` is sorted: the nearest ones are found by binary search.
    let near_break = |o: usize| {
        let k = breaks.partition_point(|&b| b < o);
        o < NEAR
            || o + NEAR >= n_ord
            || breaks.get(k).is_some_and(|&b| b - o <= NEAR)
            || k.checked_sub(1)
                .and_then(|j| breaks.get(j))
                .is_some_and(|&b| o - b <= NEAR)
    };
    let page_of = |o: usize| breaks.partition_point(|&b| b < o);

    // 3. Repeated short lines.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if verdicts[i] != Verdict::Keep || !can_be_furniture(l, &texts[i]) {
            continue;
        }
        let k = key(&texts[i], true);
        if k.is_empty() || k.split(' ').count() > 15 {
            continue;
        }
        by_key.entry(k).or_default().push(i);
    }
    let have_breaks = breaks.len() >= 2;
    // A two-page document shows its running header twice: on every page is enough.
    let need = if have_breaks {
        breaks.len().clamp(2, 3)
    } else {
        3
    };
    for occ in by_key.values() {
        if occ.len() < need {
            continue;
        }
        if have_breaks {
            let near: Vec<usize> = occ
                .iter()
                .copied()
                .filter(|&i| near_break(ord[i]))
                .collect();
            let mut pages: Vec<usize> = near.iter().map(|&i| page_of(ord[i])).collect();
            pages.dedup();
            if near.len() >= need && pages.len() >= need && near.len() * 3 >= occ.len() * 2 {
                mark(&mut verdicts, texts, &near);
            }
        } else {
            // No page numbers: far apart, and opening or closing the document;
            // never table rows, which converters make of any layout.
            if occ.iter().any(|&i| lines[i].kind == LineKind::TableRow) {
                continue;
            }
            let spread = occ.windows(2).all(|w| ord[w[1]] >= ord[w[0]] + 8);
            let first = ord[occ[0]];
            let last = ord[occ[occ.len() - 1]];
            let at_edge = first < NEAR || last + NEAR >= n_ord;
            if spread && at_edge {
                mark(&mut verdicts, texts, occ);
            }
        }
    }
    verdicts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    fn l(kind: LineKind, t: &str) -> Line {
        Line::new(kind, vec![Span::plain(t)])
    }

    fn blank() -> Line {
        Line::new(LineKind::Blank, vec![])
    }

    fn run(lines: Vec<Line>) -> (Vec<String>, Diagnostics) {
        let mut d = Diagnostics::default();
        let out = remove(lines, &mut d);
        (
            out.iter()
                .filter(|l| !l.is_blank())
                .map(|l| l.text())
                .collect(),
            d,
        )
    }

    /// A markdown-like document of `pages` pages, each `body` lines long, with
    /// the given header lines and footer (page number) format.
    fn doc(pages: u32, body: usize, header: &[&str], number: impl Fn(u32) -> String) -> Vec<Line> {
        let mut v = Vec::new();
        for p in 1..=pages {
            for h in header {
                v.push(l(LineKind::Text, h));
                v.push(blank());
            }
            v.push(l(LineKind::Heading(2), &format!("Section {p}")));
            for k in 0..body {
                v.push(l(
                    if k == 0 {
                        LineKind::Text
                    } else {
                        LineKind::Continuation
                    },
                    &format!("content line {k} of page {p} with words"),
                ));
            }
            let num = number(p);
            if !num.is_empty() {
                v.push(l(LineKind::Continuation, &num));
            }
            v.push(blank());
        }
        v
    }

    #[test]
    fn page_number_forms() {
        assert_eq!(page_number("1/5"), Some(PageNo::Of(1, 5)));
        assert_eq!(page_number("_2/5_"), Some(PageNo::Of(2, 5)));
        assert_eq!(page_number("Page 2 of 6"), Some(PageNo::Of(2, 6)));
        assert_eq!(page_number("Page 3"), Some(PageNo::Word(3)));
        assert_eq!(page_number("- 3 -"), Some(PageNo::Dashed(3)));
        assert_eq!(page_number("4"), Some(PageNo::Bare(4)));
        assert_eq!(page_number("6/5"), None);
        assert_eq!(page_number("2023"), None);
        assert_eq!(page_number("Page Title"), None);
        assert_eq!(embedded_page_number("John Doe – 1/2"), Some(1));
        assert_eq!(
            embedded_page_number("February 10, 2026 Claud D. Park - Curriculum Vitae 3"),
            Some(3)
        );
        assert_eq!(embedded_page_number("10 / 12"), None);
        assert_eq!(
            key("Page 1 of 3 — John  DOE", false),
            "page # of # john doe"
        );
        assert_eq!(key("Page 1 of 3 — John  DOE", true), "page 1 of 3 john doe");
        assert_eq!(embedded_page_number("Page 2 of 3 — John Doe"), Some(2));
    }

    #[test]
    fn markdown_headers_and_page_numbers() {
        let lines = doc(
            5,
            12,
            &[
                "Curriculum Vitae",
                "Alireza Farshin",
                "Updated on March 24, 2025",
            ],
            |p| format!("{p}/5"),
        );
        let (out, d) = run(lines);
        assert_eq!(d.page_numbers, 5);
        assert_eq!(d.header_footer_lines, 15);
        assert!(out
            .iter()
            .all(|t| !t.contains("Curriculum") && !t.contains("/5")));
        assert_eq!(out.len(), 5 * 13);
    }

    #[test]
    fn markdown_bare_page_numbers_and_footers() {
        let mut lines = Vec::new();
        for p in 1..=4u32 {
            lines.push(l(LineKind::Heading(2), &format!("Part {p}")));
            for k in 0..8 {
                lines.push(l(LineKind::Text, &format!("entry {k} on {p}")));
                lines.push(blank());
            }
            lines.push(l(LineKind::Text, "Claud D. Park · Curriculum Vitae"));
            lines.push(blank());
            lines.push(l(LineKind::Text, "February 10, 2026"));
            lines.push(blank());
            lines.push(l(LineKind::Text, &p.to_string()));
            lines.push(blank());
        }
        let (out, d) = run(lines);
        assert_eq!((d.page_numbers, d.header_footer_lines), (4, 8));
        assert!(!out.iter().any(|t| t == "February 10, 2026" || t == "3"));
    }

    #[test]
    fn numbered_footer_seen_twice() {
        let lines = doc(2, 10, &[], |p| format!("John Doe – {p}/2"));
        let (out, d) = run(lines);
        assert_eq!(d.header_footer_lines, 2);
        assert!(!out.iter().any(|t| t.contains("John Doe")));
    }

    #[test]
    fn footer_with_running_number_and_no_other_breaks() {
        let mut lines = Vec::new();
        for p in 1..=3u32 {
            for k in 0..10 {
                lines.push(l(LineKind::Text, &format!("item {k} on {p}")));
            }
            lines.push(l(
                LineKind::Text,
                &format!("February 10, 2026 Claud D. Park - Curriculum Vitae {p}"),
            ));
        }
        let (_, d) = run(lines);
        assert_eq!(d.header_footer_lines, 3);
    }

    #[test]
    fn content_that_repeats_stays() {
        // "Research Intern" three times, mid-document, no page structure.
        let mut lines = vec![l(LineKind::Heading(1), "John Doe")];
        for k in 0..3 {
            lines.push(l(LineKind::Text, &format!("Company {k}")));
            lines.push(l(LineKind::Continuation, "Research Intern"));
            for j in 0..4 {
                lines.push(l(LineKind::Item, &format!("did thing {j}")));
            }
        }
        lines.push(l(LineKind::Text, "The end."));
        let (out, d) = run(lines.clone());
        assert_eq!((d.header_footer_lines, d.page_numbers), (0, 0));
        assert_eq!(out.len(), lines.len());
        // Seen twice, at the breaks of a two-page document: a running header.
        let (_, d) = run(doc(2, 10, &["Curriculum Vitae"], |p| format!("{p}/2")));
        assert_eq!((d.header_footer_lines, d.page_numbers), (2, 2));
        // Seen twice in a longer document: content.
        let (_, d) = run(doc(4, 10, &[], |p| format!("{p}/4")));
        assert_eq!(d.header_footer_lines, 0);
        // A heading repeated is never furniture.
        let (_, d) = run(doc(4, 10, &[], |p| format!("{p}/4")));
        assert_eq!(d.header_footer_lines, 0);
        // A list with items "1", "2" close together is not page numbers.
        let lines = vec![
            l(LineKind::Text, "Scores"),
            blank(),
            l(LineKind::Text, "1"),
            blank(),
            l(LineKind::Text, "2"),
        ];
        let (_, d) = run(lines);
        assert_eq!(d.page_numbers, 0);
        // One `2/3` in a table of fractions is not a page number.
        let (_, d) = run(vec![
            l(LineKind::Text, "ratio"),
            l(LineKind::Continuation, "2/3"),
        ]);
        assert_eq!(d.page_numbers, 0);
    }

    #[test]
    fn contact_footer_keeps_its_first_copy() {
        let lines = doc(3, 10, &["john@doe.org • +1 (234) 567 890"], |p| {
            format!("{p}/3")
        });
        let (out, d) = run(lines);
        assert_eq!(d.header_footer_lines, 2);
        assert_eq!(out.iter().filter(|t| t.contains("john@doe.org")).count(), 1);
    }

    #[test]
    fn page_numbers_in_table_rows() {
        // GFM tables swallow the next lines; a lone-cell row can be a page number.
        let mut lines = Vec::new();
        for p in 1..=3u32 {
            lines.push(l(LineKind::Heading(2), &format!("S{p}")));
            for k in 0..6 {
                lines.push(l(LineKind::Text, &format!("text {k}")));
            }
            lines.push(Line::new(
                LineKind::TableRow,
                vec![
                    Span::plain(format!("{p}/3")),
                    Span::plain("\t"),
                    Span::plain(""),
                ],
            ));
        }
        let (_, d) = run(lines);
        assert_eq!(d.page_numbers, 3);
    }

    fn pdf(pages: u32, header: Option<&str>, footer: impl Fn(u32) -> String) -> Vec<Line> {
        let mut v = Vec::new();
        for p in 1..=pages {
            let mut push = |t: &str, kind: LineKind| {
                let mut line = l(kind, t);
                line.page = Some(p);
                v.push(line);
            };
            if let Some(h) = header {
                push(&h.replace('#', &p.to_string()), LineKind::Text);
            }
            push(&format!("Heading {p}"), LineKind::Heading(2));
            for k in 0..10 {
                push(&format!("body {k} of {p}"), LineKind::Text);
            }
            let f = footer(p);
            if !f.is_empty() {
                push(&f, LineKind::Text);
            }
        }
        v
    }

    #[test]
    fn pdf_pages() {
        let (out, d) = run(pdf(
            5,
            Some("Alireza Farshin Updated on June 26, 2026 Curriculum Vitae"),
            |p| format!("{p}/5"),
        ));
        assert_eq!((d.header_footer_lines, d.page_numbers), (5, 5));
        assert_eq!(out.len(), 55);
        // Headers with page numbers in them, and bare page numbers.
        let (_, d) = run(pdf(3, Some("Jane Roe — Page # of 3"), |p| p.to_string()));
        assert_eq!((d.header_footer_lines, d.page_numbers), (3, 3));
        // Two pages: a header on both pages' edges goes, and so do the page numbers.
        let (_, d) = run(pdf(2, Some("Curriculum Vitae"), |p| format!("- {p} -")));
        assert_eq!((d.header_footer_lines, d.page_numbers), (2, 2));
        // A bare number that does not follow the pages is content.
        let (_, d) = run(pdf(3, None, |p| {
            if p == 2 {
                "7".into()
            } else {
                String::new()
            }
        }));
        assert_eq!(d.page_numbers, 0);
    }
}
