//! Dates and periods as CVs write them, normalized to partial ISO 8601.
//!
//! `January 2024-now`, `August 2023–January 2024`, `Fall-2013`, `Spring '24`,
//! `2017 - 2023`, `09/15-06/18`, `Sept 2018 – May 2023`, `21/12/2023`,
//! `Depuis 10/2022`, `May 2024 (expected)`.

use regex::Regex;
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

const MONTHS: &str = r"(?:jan(?:uary|v(?:ier)?)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|m[äa]rz|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|juni|july?|juil(?:let)?|juli|aug(?:ust)?|ao[ûu]t|sept?(?:ember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|d[ée]c(?:embre)?|dez(?:ember)?)";
const SEASONS: &str = r"(?:fall|spring|summer|winter|autumn|ht|vt)";
const ONGOING: &str =
    r"(?:now|present|current(?:ly)?|today|ongoing|date|heute|aujourd'hui|présent|actuel)";

/// One date token (no range).
fn date_pattern() -> String {
    format!(
        r"(?:{MONTHS}\.?\s*(?:[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:(?:19|20)[0-9]{{2}}|['’‘]\s?[0-9]{{2}})|[0-9]{{1,2}}\.?\s+{MONTHS}\.?\s+(?:19|20)[0-9]{{2}}|{SEASONS}\s*[-–]?\s*(?:(?:19|20)[0-9]{{2}}|['’‘]\s?[0-9]{{2}})|(?:19|20)[0-9]{{2}}-[0-9]{{2}}(?:-[0-9]{{2}})?|[0-9]{{1,2}}/[0-9]{{1,2}}/(?:19|20)[0-9]{{2}}|[0-9]{{1,2}}/(?:19|20)[0-9]{{2}}|[0-9]{{1,2}}\.(?:19|20)[0-9]{{2}}|(?:19|20)[0-9]{{2}})"
    )
}

crate::patterns::warm!(period_regex);
fn period_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let d = date_pattern();
        // Two-digit MM/YY only inside a range (`09/15-06/18`), where it cannot be a fraction.
        let mmyy = r"(?:0?[1-9]|1[0-2])/[0-9]{2}";
        let p = format!(
            r"(?i)(?:(?P<since>since|depuis|seit|from)\s+(?P<s0>{d})|(?:(?:de|from)\s+)?(?P<a>{d}|{mmyy})\s*(?:-{{1,2}}|–|—|−|\u{{AD}}|(?-u:\b)to(?-u:\b)|(?-u:\b)until(?-u:\b)|(?-u:\b)till(?-u:\b)|à|(?-u:\b)bis(?-u:\b)|(?-u:\b)au(?-u:\b))\s*(?P<b>{d}|{mmyy}|{ONGOING}(?-u:\b))|(?P<one>{d}))(?P<exp>\s*\((?:expected|anticipated|prévu)\))?"
        );
        Regex::new(&p).expect("valid date regex")
    })
}

crate::patterns::warm!(token_regexes);
fn token_regexes() -> &'static [(Regex, Kind); 8] {
    static RE: OnceLock<[(Regex, Kind); 8]> = OnceLock::new();
    RE.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("valid date token regex");
        [
            (r(&format!(r"(?i)^(?P<m>{MONTHS})\.?\s*(?:(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)[0-9]{{2}}|['’‘]\s?[0-9]{{2}})$")), Kind::MonthYear),
            (r(&format!(r"(?i)^(?P<d>[0-9]{{1,2}})\.?\s+(?P<m>{MONTHS})\.?\s+(?P<y>(?:19|20)[0-9]{{2}})$")), Kind::MonthYear),
            (r(&format!(r"(?i)^{SEASONS}\s*[-–]?\s*(?P<y>(?:19|20)[0-9]{{2}}|['’‘]\s?[0-9]{{2}})$")), Kind::Year),
            (r(r"^(?P<y>(?:19|20)[0-9]{2})-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?$"), Kind::Iso),
            (r(r"^(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>(?:19|20)[0-9]{2})$"), Kind::Dmy),
            (r(r"^(?P<m>[0-9]{1,2})[/.](?P<y>(?:19|20)[0-9]{2})$"), Kind::Iso),
            (r(r"^(?P<m>[0-9]{1,2})/(?P<y>[0-9]{2})$"), Kind::Iso),
            (r(r"^(?P<y>(?:19|20)[0-9]{2})$"), Kind::Year),
        ]
    })
}

#[derive(Clone, Copy)]
enum Kind {
    MonthYear,
    Year,
    Iso,
    Dmy,
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_lowercase();
    let table: [(&[&str], u32); 12] = [
        (&["jan"], 1),
        (&["feb", "fév", "fev"], 2),
        (&["mar", "mär"], 3),
        (&["apr", "avr"], 4),
        (&["may", "mai"], 5),
        (&["jun", "juin"], 6),
        (&["jul", "juil"], 7),
        (&["aug", "aoû", "aou"], 8),
        (&["sep"], 9),
        (&["oct", "okt"], 10),
        (&["nov"], 11),
        (&["dec", "déc", "dez"], 12),
    ];
    // "mars" and "mai" are French; "juin"/"juil" before "jun"/"jul" is not needed as prefixes agree.
    for (prefixes, n) in table {
        if prefixes.iter().any(|p| m.starts_with(p)) {
            return Some(n);
        }
    }
    None
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

/// Normalize one date token to `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn normalize_date(token: &str) -> Option<String> {
    let t = token.trim().trim_end_matches('.');
    for (re, kind) in token_regexes() {
        let Some(c) = re.captures(t) else { continue };
        let y = year_of(c.name("y")?.as_str())?;
        return match kind {
            Kind::Year => Some(format!("{y:04}")),
            Kind::MonthYear => {
                let m = month_number(c.name("m")?.as_str())?;
                match c.name("d").and_then(|d| d.as_str().parse::<u32>().ok()) {
                    Some(d) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
                    _ => Some(format!("{y:04}-{m:02}")),
                }
            }
            Kind::Iso => {
                let m: u32 = c.name("m")?.as_str().parse().ok()?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                match c.name("d").and_then(|d| d.as_str().parse::<u32>().ok()) {
                    Some(d) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
                    _ => Some(format!("{y:04}-{m:02}")),
                }
            }
            Kind::Dmy => {
                let a: u32 = c.name("a")?.as_str().parse().ok()?;
                let b: u32 = c.name("b")?.as_str().parse().ok()?;
                // Day first unless that is impossible (CVs outside the US mostly write D/M/Y).
                let (d, m) = if b <= 12 { (a, b) } else { (b, a) };
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return Some(format!("{y:04}"));
                }
                Some(format!("{y:04}-{m:02}-{d:02}"))
            }
        };
    }
    None
}

fn is_ongoing(s: &str) -> bool {
    ongoing_re().is_match(s.trim())
}

crate::patterns::warm!(ongoing_re);
fn ongoing_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!(r"(?i)^{ONGOING}$")).expect("valid regex"))
}

/// The first date or period in `text` (a range is preferred to a lone date
/// only by position: the leftmost match wins, and a range is matched whole).
pub fn find_period(text: &str) -> Option<Period> {
    for c in period_regex().captures_iter(text) {
        let whole = c.get(0)?;
        // A bare number inside a longer number or word is not a year ("1024", "x2020").
        if !boundary_ok(text, whole.start(), whole.end()) {
            continue;
        }
        let mut expected = c.name("exp").is_some();
        let mut from = whole.start();
        // "Expected June 2023", "Anticipated: May 2024": the mark before the date.
        if let Some(n) = expected_before(&text[..from]) {
            from -= n;
            expected = true;
        }
        let mut p = Period {
            text: text[from..whole.end()].trim().to_string(),
            range: (from, whole.end()),
            expected,
            ..Default::default()
        };
        if let Some(s0) = c.name("s0") {
            p.start = normalize_date(s0.as_str());
            p.end = Some("present".into());
            p.is_range = true;
        } else if let (Some(a), Some(b)) = (c.name("a"), c.name("b")) {
            p.start = normalize_date(a.as_str());
            p.end = if is_ongoing(b.as_str()) {
                Some("present".into())
            } else {
                normalize_date(b.as_str())
            };
            p.is_range = true;
            if p.start.is_none() && p.end.is_none() {
                continue;
            }
        } else if let Some(one) = c.name("one") {
            let d = normalize_date(one.as_str());
            if d.is_none() {
                continue;
            }
            p.start = d;
        }
        if p.start.is_none() && p.end.is_none() {
            continue;
        }
        return Some(p);
    }
    None
}

/// The length of an "Expected" (or "Expected:", "Anticipated") mark that ends
/// `before`, spaces after it included; the mark must start a word.
fn expected_before(before: &str) -> Option<usize> {
    let t = before.trim_end();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    ["expected", "anticipated", "exp."].iter().find_map(|w| {
        let start = t.len().checked_sub(w.len())?;
        let tail = t.get(start..)?;
        let at_word = t[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        (tail.eq_ignore_ascii_case(w) && at_word).then_some(before.len() - start)
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

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let ok_b = before.is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '.');
    let ok_a = after.is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '%');
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
    let s = s.replace("()", "").replace("( )", "");
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | ';' | '-' | '–' | '—' | '|' | '·' | '•')
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
    fn find_all_walks_left_to_right() {
        let v = find_all("2015: a; 2010: b");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].start.as_deref(), Some("2010"));
    }
}
