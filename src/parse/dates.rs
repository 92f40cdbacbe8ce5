//! Dates and periods as CVs write them, normalized to partial ISO 8601.
//!
//! One grammar for every parser. A date is one of
//! - a month name or abbreviation and a year: `Sept. 2018`, `Feb-2018`,
//!   `March 3, 2020`, `12. März 2020`, `enero de 2020`, `Spring '24`;
//! - a season or term and a year (`Fall 2019`, `Winters 2017`): the year only;
//! - numbers: `2019-03-24`, `2019.09`, `2019年9月`, `21/12/2023`, `10/2022`,
//!   `10.2022`, `2019`;
//!
//! and a period is a date alone, two dates joined by a dash (`-`, `–`, `—`,
//! `~`, `～`) or a word (`to`, `bis`, `à`, `hasta`, `至`, ...), an end that is
//! a two-digit year (`2016–19`) or a word for now (`present`, `heute`,
//! `至今`), an academic year (`2019/20`), an open end (`2021 –` at the end of
//! the text), a month range sharing its year (`June–August 2019`), or a date
//! after "since" (`seit 2019`, `Depuis 10/2022`: ends present). `Expected
//! 2025` and `May 2024 (expected)` mark the date as expected.
//!
//! The words (months, seasons, words for now, since/from/to/expected) are
//! reviewed data in `src/parse/data/`, compiled into the binary; the
//! patterns are generated from them.

use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A date or period found in a text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Period {
    pub start: Option<String>,
    pub end: Option<String>,
    /// The text the dates came from, as written.
    pub text: String,
    /// Byte range of `text` in the searched string.
    pub range: (usize, usize),
    /// True when the text was a range (two ends, or an open end).
    pub is_range: bool,
    /// `(expected)` followed the end date.
    pub expected: bool,
}

impl Period {
    /// The single date of a one-date field: a range gives its start.
    pub fn first(&self) -> Option<String> {
        self.start.clone().or_else(|| self.end.clone())
    }
}

const MONTHS_TSV: &str = include_str!("data/months.tsv");
const PRESENT_TXT: &str = include_str!("data/present.txt");
const SEASONS_TXT: &str = include_str!("data/seasons.txt");
const PERIOD_WORDS_TSV: &str = include_str!("data/period-words.tsv");

/// The lines of a data file that are not comments or blank.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    crate::wordlist::lines(text)
}

/// A word as the tables key it: lowercase, curly apostrophes straight,
/// spaces single.
fn word_key(w: &str) -> String {
    w.trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words and their month numbers of `months.tsv`.
fn month_table() -> &'static HashMap<String, u32> {
    static T: OnceLock<HashMap<String, u32>> = OnceLock::new();
    T.get_or_init(|| {
        data_lines(MONTHS_TSV)
            .filter_map(|l| {
                let (w, n) = l.split_once('\t')?;
                Some((word_key(w), n.trim().parse().ok()?))
            })
            .collect()
    })
}

fn present_words() -> impl Iterator<Item = &'static str> {
    data_lines(PRESENT_TXT)
}

fn season_words() -> impl Iterator<Item = &'static str> {
    data_lines(SEASONS_TXT)
}

/// The words of one kind of `period-words.tsv`.
fn period_words(kind: &'static str) -> impl Iterator<Item = &'static str> {
    data_lines(PERIOD_WORDS_TSV).filter_map(move |l| {
        let (k, w) = l.split_once('\t')?;
        (k.trim() == kind).then_some(w.trim())
    })
}

/// One alternation matching any of `words` whole: longest first (so
/// `Sept` is not read as `Sep`), either apostrophe for `'`, any run of
/// spaces for a space, and an ASCII word boundary on a side that ends in an
/// ASCII letter or digit when `bounded` (so `nu` is no prefix of `number`
/// and `mar` no part of `Omar`; `至今` needs none).
fn alternation<'a>(words: impl Iterator<Item = &'a str>, bounded: bool) -> String {
    let mut ws: Vec<String> = words.map(word_key).collect();
    ws.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    ws.dedup();
    let parts: Vec<String> = ws
        .iter()
        .map(|w| {
            let body = regex::escape(w).replace('\'', "['’‘]").replace(' ', r"\s+");
            let b = |c: Option<char>| bounded && c.is_some_and(|c| c.is_ascii_alphanumeric());
            format!(
                "{}{}{}",
                if b(w.chars().next()) { r"(?-u:\b)" } else { "" },
                body,
                if b(w.chars().next_back()) {
                    r"(?-u:\b)"
                } else {
                    ""
                }
            )
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

const Y4: &str = r"(?:19|20)[0-9]{2}";
const YQ: &str = r"['’‘]\s?[0-9]{2}";
/// Dashes that join a range: hyphen-minus (one or two), the Unicode hyphens
/// and dashes, minus, a soft hyphen left by extraction, and tildes (ASCII,
/// fullwidth and the wave dash of CJK text).
const DASH: &str = r"(?:-{1,2}|[‐‑‒–—―−\u{AD}~～〜])";

/// The alternations generated from the data files.
struct Words {
    month: String,
    season: String,
    present: String,
    since: String,
    from: String,
    to: String,
    expected: String,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| Words {
        month: alternation(month_table().keys().map(String::as_str), true),
        season: alternation(season_words(), true),
        present: alternation(present_words(), true),
        since: alternation(period_words("since"), true),
        from: alternation(period_words("from"), true),
        to: alternation(period_words("to"), true),
        expected: alternation(period_words("expected"), true),
    })
}

/// The numeric date forms, with named groups for `normalize_date`.
struct Forms {
    cjk: String,
    iso: String,
    dotted: String,
    dmy: String,
    month_num_year: String,
}

fn forms() -> &'static Forms {
    static F: OnceLock<Forms> = OnceLock::new();
    F.get_or_init(|| Forms {
        cjk: format!(
            r"(?P<y>{Y4})\s*年(?:\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>3[01]|[12][0-9]|0?[1-9])\s*日)?)?"
        ),
        // A hyphen and two digits up to 12 is a month (`2019-12`); other two
        // digits are an end year (`2016-19`; and see `hyphen_end_year`).
        iso: format!(r"(?P<y>{Y4})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12][0-9]|3[01]))?"),
        // `2019.09`, `2019.9.1`: year first with dots, as Chinese CVs write it.
        dotted: format!(
            r"(?P<y>{Y4})\.(?P<m>1[0-2]|0?[1-9])(?:\.(?P<d>3[01]|[12][0-9]|0?[1-9]))?"
        ),
        dmy: format!(r"(?P<a>[0-9]{{1,2}})[/.](?P<b>[0-9]{{1,2}})[/.](?P<y>{Y4})"),
        month_num_year: format!(
            r"(?P<m>1[0-2]|0?[1-9])[/.](?P<y>{Y4})|(?P<m2>1[0-2]|0[1-9])-(?P<y2>{Y4})"
        ),
    })
}

/// A named-group pattern with its group names dropped, to be used inside
/// a bigger pattern (group names must be unique there).
fn unnamed(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut rest = p;
    while let Some(i) = rest.find("(?P<") {
        out.push_str(&rest[..i]);
        out.push_str("(?:");
        let after = &rest[i + 4..];
        rest = after.find('>').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

/// Two-digit MM/YY (`09/15-06/18`): a date only inside a range, where it
/// cannot be a fraction.
const MMYY: &str = r"(?:1[0-2]|0?[1-9])/[0-9]{2}(?-u:\b)";

crate::patterns::warm!(token_regex);
/// One date token: a month name with its year (and maybe a day) or alone
/// (the start of `June–August 2019`), a season and year, the numeric forms,
/// MM/YY, a year. Each word list appears once, so the pattern stays small.
fn token_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let w = words();
        let f = forms();
        let (m, s) = (&w.month, &w.season);
        let alts = [
            // `Sept. 2018`, `Feb-2018`, `March 3, 2020`, `12. März 2020`,
            // `1er janvier 2020`, `3 de marzo de 2020`, `May '24`, `June`.
            format!(
                r"(?:[0-9]{{1,2}}(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?)?{m}(?:\.?,?\s*-?\s*(?:[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:del?\s+)?(?:{Y4}|{YQ}))?"
            ),
            format!(r"{s}\s*[-–]?\s*(?:{Y4}|{YQ})"),
            unnamed(&f.cjk),
            unnamed(&f.iso),
            unnamed(&f.dotted),
            unnamed(&f.dmy),
            unnamed(&f.month_num_year),
            MMYY.to_string(),
            Y4.to_string(),
        ];
        Regex::new(&format!("(?i){}", alts.join("|"))).expect("valid date regex")
    })
}

crate::patterns::warm!(joint_regexes);
/// What may follow or precede a date token, each anchored: the separator of
/// a range, a two-digit end year, a word for now, an academic year's
/// `/20`, an open end's dash, an `(expected)` mark, and a since/from word
/// ending the text before the token.
struct Joints {
    sep: Regex,
    yy: Regex,
    now: Regex,
    academic: Regex,
    dash: Regex,
    expected: Regex,
    prefix: Regex,
}

fn joint_regexes() -> &'static Joints {
    static RE: OnceLock<Joints> = OnceLock::new();
    RE.get_or_init(|| {
        let w = words();
        let r = |p: String| Regex::new(&p).expect("valid date joint regex");
        Joints {
            sep: r(format!(
                r"(?i)^\s*(?:{DASH}(?:\s*{to})?|{to})\s*",
                to = w.to
            )),
            yy: r(format!(r"^(?:[0-9]{{2}}|{YQ})(?-u:\b)")),
            now: r(format!(r"(?i)^{}", w.present)),
            academic: r(format!(r"^\s*/\s*({Y4}|[0-9]{{2}})(?-u:\b)")),
            dash: r(format!(r"^\s*{DASH}")),
            expected: r(format!(r"(?i)^\s*\(\s*{}\s*\)", w.expected)),
            prefix: r(format!(
                r"(?i)(?:(?P<since>{})|(?P<from>{}))\s*$",
                w.since, w.from
            )),
        }
    })
}

#[derive(Clone, Copy)]
enum Kind {
    MonthYear,
    Season,
    Year,
    Iso,
    Dmy,
    MonthNumYear,
}

crate::patterns::warm!(token_regexes);
/// The token forms read back with named groups. Words are read generically
/// here and looked up in the tables.
fn token_regexes() -> &'static [(Regex, Kind); 9] {
    static RE: OnceLock<[(Regex, Kind); 9]> = OnceLock::new();
    RE.get_or_init(|| {
        let f = forms();
        let r = |s: &str| Regex::new(&format!("(?i)^(?:{s})$")).expect("valid date token regex");
        [
            (
                r(&format!(
                    r"(?:(?P<d0>[0-9]{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?)?(?P<m>\p{{L}}+)\.?,?\s*-?\s*(?:(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:del?\s+)?(?P<y>{Y4}|{YQ})"
                )),
                Kind::MonthYear,
            ),
            (r(&format!(r"(?P<s>\p{{L}}+)\s*[-–]?\s*(?P<y>{Y4}|{YQ})")), Kind::Season),
            (r(&f.cjk), Kind::Iso),
            (r(&f.iso), Kind::Iso),
            (r(&f.dotted), Kind::Iso),
            (r(&f.dmy), Kind::Dmy),
            (r(&f.month_num_year), Kind::MonthNumYear),
            (r(r"(?P<m>[0-9]{1,2})/(?P<y>[0-9]{2})"), Kind::Iso),
            (r(&format!(r"(?P<y>{Y4})")), Kind::Year),
        ]
    })
}

fn is_season(w: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| season_words().map(word_key).collect())
        .contains(&word_key(w))
}

/// The month number of a month name or abbreviation (`Sept`, `März`, `déc.`).
pub fn month_number(m: &str) -> Option<u32> {
    month_table().get(&word_key(m)).copied()
}

fn year_of(y: &str) -> Option<i32> {
    let digits: String = y.chars().filter(|c| c.is_ascii_digit()).collect();
    let n: i32 = digits.parse().ok()?;
    if digits.len() == 2 {
        // Two-digit years in CVs: '95 is 1995, '24 is 2024.
        Some(if n >= 70 { 1900 + n } else { 2000 + n })
    } else {
        Some(n)
    }
}

fn ymd(y: i32, m: Option<u32>, d: Option<u32>) -> Option<String> {
    match (m, d) {
        (None, _) => Some(format!("{y:04}")),
        (Some(m), _) if !(1..=12).contains(&m) => None,
        (Some(m), Some(d)) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
        (Some(m), _) => Some(format!("{y:04}-{m:02}")),
    }
}

/// Normalize one date token to `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn normalize_date(token: &str) -> Option<String> {
    let t = token.trim().trim_end_matches('.');
    let num = |c: &regex::Captures, n: &str| c.name(n).and_then(|x| x.as_str().parse::<u32>().ok());
    for (re, kind) in token_regexes() {
        let Some(c) = re.captures(t) else { continue };
        let y = c
            .name("y")
            .or_else(|| c.name("y2"))
            .and_then(|y| year_of(y.as_str()));
        let Some(y) = y else { continue };
        let out = match kind {
            Kind::Year => Some(format!("{y:04}")),
            Kind::Season => is_season(&c["s"]).then(|| format!("{y:04}")),
            Kind::MonthYear => month_number(&c["m"])
                .and_then(|m| ymd(y, Some(m), num(&c, "d").or_else(|| num(&c, "d0")))),
            Kind::Iso => ymd(y, num(&c, "m"), num(&c, "d")),
            Kind::MonthNumYear => ymd(y, num(&c, "m").or_else(|| num(&c, "m2")), None),
            Kind::Dmy => {
                let (a, b) = (num(&c, "a")?, num(&c, "b")?);
                // Day first unless that is impossible (CVs outside the US mostly write D/M/Y).
                let (d, m) = if b <= 12 { (a, b) } else { (b, a) };
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    Some(format!("{y:04}"))
                } else {
                    ymd(y, Some(m), Some(d))
                }
            }
        };
        if out.is_some() {
            return out;
        }
    }
    None
}

/// Whether `s` is a word for now (`present`, `heute`, `至今`, ...).
pub fn is_present_word(s: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| present_words().map(word_key).collect())
        .contains(&word_key(s))
}

/// The end year of a two-digit end (`2016–19`, `1998–02`, `2019–'21`) after
/// `start`, when it makes a plausible period (it ends after it starts, within
/// a few decades).
fn two_digit_end(start: &str, yy: &str) -> Option<String> {
    let s: i32 = start.get(..4)?.parse().ok()?;
    let n: i32 = yy
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    let mut e = s - s % 100 + n;
    if e < s {
        e += 100;
    }
    (e - s <= 30).then(|| format!("{e:04}"))
}

/// `2010-12` alone reads as the years 2010 to 2012, not December 2010: a
/// hyphen and two digits from 10 to 12 after a year of 2000 to 2011 whose
/// last two digits are smaller. Year columns write two-digit end years so far
/// more often than ISO months of those years; `2019-12`, `2011-03` and
/// `2010-12-05` stay dates.
fn hyphen_end_year(token: &str) -> Option<String> {
    let (y, m) = token.split_once('-')?;
    let (sy, n): (i32, i32) = (y.parse().ok()?, m.parse().ok()?);
    (y.len() == 4
        && m.len() == 2
        && (10..=12).contains(&n)
        && (2000..2012).contains(&sy)
        && n > sy % 100)
        .then(|| format!("{:04}", 2000 + n))
}

/// What follows an open range's dash for it to be open (`2021 –` ending a
/// cell or the text, or before a closing bracket or another field).
fn open_end_ok(after: &str) -> bool {
    let a = after.trim_start_matches([' ', '\u{a0}']);
    a.is_empty() || a.starts_with([')', ']', '|', '•', '·', ',', ';', '\t', '\n'])
}

/// The first date or period in `text`: the leftmost date token, joined to
/// what follows it (a range's other end, a word for now, an open dash) and
/// to a since/from word before it.
pub fn find_period(text: &str) -> Option<Period> {
    let mut pos = 0;
    while pos < text.len() {
        let m = token_regex().find_at(text, pos)?;
        if let Some(p) = period_at(text, m) {
            return Some(p);
        }
        // A token that runs on from a word or number may hide a date in
        // its tail ("EE664000.\tJan. 2019" first reads "00.\tJan. 2019").
        pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The period that starts with the date token `a`, if it makes one.
fn period_at(text: &str, a: regex::Match) -> Option<Period> {
    let j = joint_regexes();
    let at = a.as_str();
    let start = normalize_date(at);
    let mut p = Period::default();
    let mut end_at = a.end();
    let after = &text[a.end()..];
    // The other end of a range.
    if let Some(sep) = j.sep.find(after) {
        let pos2 = a.end() + sep.end();
        let rest = &text[pos2..];
        let b = token_regex()
            .find_at(text, pos2)
            .filter(|b| b.start() == pos2);
        if let Some(b) = b {
            match (&start, normalize_date(b.as_str())) {
                (Some(s), Some(e)) => {
                    p.start = Some(s.clone());
                    p.end = Some(e);
                    end_at = b.end();
                }
                // "June–August 2019": the start month takes the end's year
                // (the year before when the months wrap, "Dec–Jan 2020").
                (None, Some(e)) if e.len() >= 7 => {
                    if let Some(m) = month_number(at) {
                        let ey: i32 = e[..4].parse().ok()?;
                        let em: u32 = e[5..7].parse().ok()?;
                        let y = if m > em { ey - 1 } else { ey };
                        p.start = Some(format!("{y:04}-{m:02}"));
                        p.end = Some(e);
                        end_at = b.end();
                    }
                }
                _ => {}
            }
        }
        if p.end.is_none() && start.is_some() {
            if let Some(yy) = j.yy.find(rest).filter(|_| b.is_none()) {
                if let Some(e) = start.as_deref().and_then(|s| two_digit_end(s, yy.as_str())) {
                    p.start = start.clone();
                    p.end = Some(e);
                    end_at = pos2 + yy.end();
                }
            } else if let Some(now) = j.now.find(rest) {
                p.start = start.clone();
                p.end = Some("present".into());
                end_at = pos2 + now.end();
            }
        }
    }
    if p.end.is_none() {
        let s = start.clone()?;
        // MM/YY alone is a fraction, not a date.
        if at.len() <= 5 && at.contains('/') {
            return None;
        }
        p.start = Some(s.clone());
        if let Some(ay) = j.academic.captures(after) {
            let ayt = &ay[1];
            let n: i32 = ayt.parse().ok()?;
            let sy: i32 = s.parse().unwrap_or(0);
            if s.len() == 4 && ayt.len() == 4 && n > sy && n - sy <= 10 {
                // "2019/2020": an academic year, or years, from one to the other.
                p.end = Some(ayt.to_string());
            } else if s.len() == 4 && ayt.len() == 2 && n == (sy + 1) % 100 {
                // "2019/20": an academic year.
                p.end = Some(format!("{:04}", sy + 1));
            } else if s.len() == 4 && ayt.len() == 2 && (1..=12).contains(&n) {
                // "2019/09": year and month.
                p.start = Some(format!("{sy:04}-{n:02}"));
            }
            // "Nov., 2013/2014": the date, with the other year it names.
            end_at = a.end() + ay.get(0)?.end();
        } else if let Some(dash) = j
            .dash
            .find(after)
            .filter(|d| open_end_ok(&after[d.end()..]))
        {
            // "2021 –" with nothing after: ongoing.
            p.end = Some("present".into());
            end_at = a.end() + dash.end();
        } else if let Some(e) = hyphen_end_year(at) {
            p.start = Some(at[..4].to_string());
            p.end = Some(e);
        }
    }
    p.is_range = p.end.is_some();
    // A since/from word before the date.
    let mut from = a.start();
    let mut back = a.start().saturating_sub(32);
    while !text.is_char_boundary(back) {
        back -= 1;
    }
    if let Some(c) = j.prefix.captures(&text[back..a.start()]) {
        let word_start = back + c.get(0)?.start();
        if c.name("since").is_some() {
            from = word_start;
            if !p.is_range {
                p.end = Some("present".into());
                p.is_range = true;
            }
        } else if p.is_range {
            from = word_start;
        }
    }
    if let Some(x) = j.expected.find(&text[end_at..]) {
        end_at += x.end();
        p.expected = true;
    }
    // A bare number inside a longer number or word is not a year ("1024", "x2020").
    if !boundary_ok(text, from, end_at) {
        return None;
    }
    // "Expected June 2023", "Anticipated: May 2024": the mark before the date.
    if let Some(n) = expected_before(&text[..from]) {
        from -= n;
        p.expected = true;
    }
    p.text = text[from..end_at].trim().to_string();
    p.range = (from, end_at);
    Some(p)
}

/// The length of an "Expected" (or "Expected:", "voraussichtlich") mark that
/// ends `before`, spaces after it included; the mark must start a word.
fn expected_before(before: &str) -> Option<usize> {
    let t = before.trim_end();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    period_words("expected").find_map(|w| {
        let start = t.len().checked_sub(w.len())?;
        let tail = t.get(start..)?;
        let at_word = t[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        (tail.to_lowercase() == w.to_lowercase() && at_word).then_some(before.len() - start)
    })
}

/// The date or period that is all of `text` (a table cell of its own), if any.
pub fn whole_date(text: &str) -> Option<Period> {
    find_period(text).filter(|p| tidy(&remove_range(text, p.range)).is_empty())
}

/// Every date or period in `text`, left to right.
pub fn find_all(text: &str) -> Vec<Period> {
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < text.len() {
        let Some(mut p) = find_period(&text[offset..]) else {
            break;
        };
        p.range = (p.range.0 + offset, p.range.1 + offset);
        offset = p.range.1.max(offset + 1);
        while offset < text.len() && !text.is_char_boundary(offset) {
            offset += 1;
        }
        out.push(p);
    }
    out
}

/// A letter or digit that would make a date part of a longer word or number.
/// CJK text has no spaces between words, so its characters do not count
/// (`毕业于2019年`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c as u32, 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let ok_b = before.is_none_or(|c| !is_word_char(c) && c != '/' && c != '.');
    // "2017a", "2025b.": an author-year citation's letter is no word.
    let letter_suffix = text[end..]
        .chars()
        .next()
        .is_some_and(|c| ('a'..='h').contains(&c))
        && text[end..].chars().nth(1).is_none_or(|c| !is_word_char(c))
        && text[..end].ends_with(|c: char| c.is_ascii_digit());
    let ok_a = letter_suffix || after.is_none_or(|c| !is_word_char(c) && c != '/' && c != '%');
    // "1.5" or "26.9%": a year followed by a decimal part is a number.
    let decimal = text[end..].starts_with('.')
        && text[end + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
    ok_b && ok_a && !decimal
}

/// Remove a period's text from a string, tidying separators left behind.
pub fn remove_range(text: &str, range: (usize, usize)) -> String {
    let mut s = String::with_capacity(text.len());
    s.push_str(&text[..range.0]);
    s.push(' ');
    s.push_str(&text[range.1..]);
    tidy(&s)
}

/// Collapse spaces and trim separators (`,`, `:`, `-`, `|`, `()`) left at the ends.
pub fn tidy(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // The brackets a removed date stood in ("Universidade X [ 2022 – Atual ]").
    let s = s
        .replace("()", "")
        .replace("( )", "")
        .replace("[]", "")
        .replace("[ ]", "");
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ':' | ';' | '-' | '–' | '—' | '|' | '·' | '•' | '~' | '～' | '〜'
            )
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<String>, Option<String>) {
        let p = find_period(s).unwrap_or_default();
        (p.start, p.end)
    }

    fn se(a: &str, b: &str) -> (Option<String>, Option<String>) {
        (
            Some(a.into()),
            if b.is_empty() { None } else { Some(b.into()) },
        )
    }

    #[test]
    fn ranges_of_the_issue() {
        assert_eq!(p("January 2024-now"), se("2024-01", "present"));
        assert_eq!(p("August 2023–January 2024"), se("2023-08", "2024-01"));
        assert_eq!(p("September 2015—July 2017"), se("2015-09", "2017-07"));
        assert_eq!(p("Fall-2013"), se("2013", ""));
        assert_eq!(p("Spring '24"), se("2024", ""));
        assert_eq!(p("Spring’24 (TA)"), se("2024", ""));
        assert_eq!(p("2017 - 2023"), se("2017", "2023"));
        assert_eq!(p("09/15-06/18"), se("2015-09", "2018-06"));
        assert_eq!(p("Sept 2018 – May 2023"), se("2018-09", "2023-05"));
        assert_eq!(p("Jan 2023 – present"), se("2023-01", "present"));
        assert_eq!(
            p("Fall 2019 - Fall 2020: Master thesis"),
            se("2019", "2020")
        );
        assert_eq!(p("Depuis 10/2022"), se("2022-10", "present"));
        assert_eq!(p("De 02/2015 à 09/2022"), se("2015-02", "2022-09"));
        assert_eq!(p("21/12/2023"), se("2023-12-21", ""));
        assert_eq!(p("Filed in October 2024."), se("2024-10", ""));
        assert_eq!(p("2019-03-24"), se("2019-03-24", ""));
    }

    #[test]
    fn expected_and_positions() {
        let x = find_period("Ph.D., May 2024 (expected)").unwrap();
        assert!(x.expected);
        assert_eq!(x.start.as_deref(), Some("2024-05"));
        let t = "Stockholm, Sweden January 2024-now";
        let x = find_period(t).unwrap();
        assert_eq!(remove_range(t, x.range), "Stockholm, Sweden");
        // The mark may come first, and goes with the date.
        for t in [
            "Expected June 2023",
            "expected: June 2023",
            "Exp. June 2023",
        ] {
            let x = find_period(t).unwrap();
            assert!(x.expected, "{t}");
            assert_eq!(x.start.as_deref(), Some("2023-06"));
            assert_eq!(x.text, t);
            assert_eq!(remove_range(t, x.range), "");
        }
        let x = find_period("Unexpected June 2023").unwrap();
        assert!(!x.expected);
        assert_eq!(x.text, "June 2023");
    }

    #[test]
    fn numbers_are_not_years() {
        assert_eq!(find_period("rate: 75/398 ≈ 18.8%"), None);
        assert_eq!(find_period("PCT/SE2023/050880"), None);
        assert_eq!(find_period("1.2019x"), None);
        assert_eq!(find_period("Impact factor: 2.469"), None);
    }

    #[test]
    fn two_digit_end_years() {
        assert_eq!(p("2016-19"), se("2016", "2019"));
        assert_eq!(p("2016–19"), se("2016", "2019"));
        assert_eq!(p("1998 – 02"), se("1998", "2002"));
        assert_eq!(p("2019–'21"), se("2019", "2021"));
        // A hyphen and a month number is a month, not a period, unless it
        // reads as a later two-digit year of 2010-2012.
        assert_eq!(p("2019-12"), se("2019-12", ""));
        assert_eq!(p("2011-03"), se("2011-03", ""));
        assert_eq!(p("2012-12"), se("2012-12", ""));
        assert_eq!(p("2010-12"), se("2010", "2012"));
        assert_eq!(p("2011-12 Senior thesis"), se("2011", "2012"));
        assert_eq!(p("2010-11 – 2012-03"), se("2010-11", "2012-03"));
        assert_eq!(p("2011–12"), se("2011", "2012"));
        // An end long before or after the start is no two-digit end year.
        assert_eq!(p("2016-15"), se("2016", ""));
    }

    #[test]
    fn month_names_of_each_language() {
        assert_eq!(p("Feb-2018 – Nov-2021"), se("2018-02", "2021-11"));
        assert_eq!(p("September 2019 bis März 2021"), se("2019-09", "2021-03"));
        assert_eq!(p("de janvier 2018 à mars 2020"), se("2018-01", "2020-03"));
        assert_eq!(p("févr. 2019 – déc. 2020"), se("2019-02", "2020-12"));
        assert_eq!(
            p("enero de 2020 - diciembre de 2021"),
            se("2020-01", "2021-12")
        );
        assert_eq!(p("março de 2021 – atual"), se("2021-03", "present"));
        assert_eq!(p("giugno 2019 - ottobre 2020"), se("2019-06", "2020-10"));
        assert_eq!(p("mei 2018 – heden"), se("2018-05", "present"));
        assert_eq!(p("Okt. 2015 - Dez. 2016"), se("2015-10", "2016-12"));
        assert_eq!(p("12. März 2020"), se("2020-03-12", ""));
        assert_eq!(p("3 de marzo de 2020"), se("2020-03-03", ""));
        assert_eq!(p("June–August 2019"), se("2019-06", "2019-08"));
        assert_eq!(p("Dec – Jan 2020"), se("2019-12", "2020-01"));
        // A month name inside a word is none.
        assert_eq!(p("Omar 2020"), se("2020", ""));
        assert_eq!(month_number("SEPT."), Some(9));
        assert_eq!(month_number("Jänner"), Some(1));
    }

    #[test]
    fn present_words_of_each_language() {
        for (t, s) in [
            ("10/2022 - heute", "2022-10"),
            ("2020 – aktuell", "2020"),
            ("2019 - présent", "2019"),
            ("2019 – aujourd’hui", "2019"),
            ("2019 - actuel", "2019"),
            ("2019 – en cours", "2019"),
            ("2019 - actualidad", "2019"),
            ("2019 – presente", "2019"),
            ("2019 - attuale", "2019"),
            ("2019 - oggi", "2019"),
            ("2019 - nu", "2019"),
            ("2019 bis heute", "2019"),
            ("2019 to date", "2019"),
            ("2019.09-至今", "2019-09"),
            ("2019年9月至今", "2019-09"),
            ("2019年9月 - 现在", "2019-09"),
            ("2019.09 - 今", "2019-09"),
            ("2019.09～至今", "2019-09"),
            ("03/2015 - Cursando", "2015-03"),
            ("2020 - en curso", "2020"),
            ("2018 - in progress", "2018"),
        ] {
            assert_eq!(p(t), se(s, "present"), "{t}");
        }
        // A word for now must be the whole word.
        assert_eq!(p("2019 - numerical methods"), se("2019", ""));
        assert!(is_present_word("Aujourd'hui"));
        assert!(!is_present_word("numerical"));
    }

    #[test]
    fn open_ranges_and_since() {
        assert_eq!(p("2021–"), se("2021", "present"));
        assert_eq!(p("2021 -"), se("2021", "present"));
        assert_eq!(p("(Sept 2021 – )"), se("2021-09", "present"));
        // A dash before more text is a separator, not an open end.
        let x = find_period("2019 - Best paper award").unwrap();
        assert_eq!((x.start.as_deref(), x.end.as_deref()), (Some("2019"), None));
        assert_eq!(x.text, "2019");
        for t in [
            "since 2019",
            "seit 2019",
            "depuis 2019",
            "desde 2019",
            "dal 2019",
            "Since Fall 2019",
        ] {
            assert_eq!(p(t), se("2019", "present"), "{t}");
            assert_eq!(find_period(t).unwrap().text, t);
        }
        assert_eq!(p("Depuis 10/2022"), se("2022-10", "present"));
        // "Since" before a range only opens it.
        assert_eq!(p("desde 2019 hasta 2021"), se("2019", "2021"));
        // "From" before a lone date is no period.
        let x = find_period("Université de 2019").unwrap();
        assert_eq!((x.text.as_str(), x.is_range), ("2019", false));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(p("03/2019 – 10/2022"), se("2019-03", "2022-10"));
        assert_eq!(p("03.2019 - 10.2022"), se("2019-03", "2022-10"));
        assert_eq!(p("2019.09 - 2023.06"), se("2019-09", "2023-06"));
        assert_eq!(p("2019.10"), se("2019-10", ""));
        assert_eq!(p("2019年9月 - 2023年6月"), se("2019-09", "2023-06"));
        assert_eq!(p("毕业于2019年"), se("2019", ""));
        assert_eq!(p("01.10.2019 – 30.09.2021"), se("2019-10-01", "2021-09-30"));
        assert_eq!(p("2019/20"), se("2019", "2020"));
        assert_eq!(p("2019/2020"), se("2019", "2020"));
        assert_eq!(p("2019/09"), se("2019-09", ""));
        assert_eq!(p("3/15 of them"), (None, None));
    }

    #[test]
    fn dates_after_runs_of_digits_and_letters() {
        let t = "Challenge in EE664000.\tJan. 2019";
        let x = find_period(t).unwrap();
        assert_eq!(
            (x.start.as_deref(), x.text.as_str()),
            (Some("2019-01"), "Jan. 2019")
        );
        let x = find_period("Nov., 2013/2014").unwrap();
        assert_eq!(
            (x.start.as_deref(), x.end.as_deref()),
            (Some("2013-11"), None)
        );
        assert_eq!(x.text, "Nov., 2013/2014");
        assert_eq!(p("Chodrow (2017b). Structure"), se("2017", ""));
        assert_eq!(p("June 2025a."), se("2025-06", ""));
        // Not a decade, a word or a number.
        assert_eq!(p("the 1990s"), (None, None));
        assert_eq!(p("2019abc"), (None, None));
        assert_eq!(p("EE2019"), (None, None));
    }

    #[test]
    fn tildes_join_ranges() {
        assert_eq!(p("2019～2021"), se("2019", "2021"));
        assert_eq!(p("09/2015 ～ 07/2018"), se("2015-09", "2018-07"));
        assert_eq!(p("2019 ~ 2021"), se("2019", "2021"));
        assert_eq!(p("2019.09〜2023.06"), se("2019-09", "2023-06"));
    }

    #[test]
    fn seasons_keep_their_year() {
        assert_eq!(p("Fall 2019"), se("2019", ""));
        assert_eq!(p("Winters 2017–2019"), se("2017", "2019"));
        assert_eq!(p("Summers 2017-2019"), se("2017", "2019"));
        assert_eq!(p("Wintersemester 2019/20"), se("2019", "2020"));
        assert_eq!(p("été 2018"), se("2018", ""));
    }

    #[test]
    fn expected_marks() {
        let x = find_period("Expected 2025").unwrap();
        assert!(x.expected);
        assert_eq!(
            (x.start.as_deref(), x.text.as_str()),
            (Some("2025"), "Expected 2025")
        );
        let x = find_period("voraussichtlich 09/2025").unwrap();
        assert!(x.expected);
        assert_eq!(x.start.as_deref(), Some("2025-09"));
        let x = find_period("2021 – 2025 (prévu)").unwrap();
        assert!(x.expected);
        assert_eq!(x.end.as_deref(), Some("2025"));
    }

    #[test]
    fn data_files_are_consistent() {
        // Every month line has a number 1-12, and no word has two numbers.
        let mut seen: HashMap<String, u32> = HashMap::new();
        for l in data_lines(MONTHS_TSV) {
            let (w, n) = l.split_once('\t').expect("NAME<TAB>NUMBER");
            let n: u32 = n.trim().parse().expect("a month number");
            assert!((1..=12).contains(&n), "{l}");
            if let Some(old) = seen.insert(word_key(w), n) {
                assert_eq!(old, n, "{w} has two month numbers");
            }
        }
        for l in data_lines(PERIOD_WORDS_TSV) {
            let (k, _) = l.split_once('\t').expect("KIND<TAB>WORD");
            assert!(["since", "from", "to", "expected"].contains(&k), "{l}");
        }
        // Each file's words are matched in full: no word is a month and a
        // word for now at once.
        for w in present_words() {
            assert!(month_number(w).is_none(), "{w}");
        }
    }

    #[test]
    fn find_all_walks_left_to_right() {
        let v = find_all("2015: a; 2010: b");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].start.as_deref(), Some("2010"));
    }
}
