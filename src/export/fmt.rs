//! Small text helpers shared by the exporters: dates for display, the CV
//! owner's name among authors, Markdown and YAML quoting, URLs and slugs.

use unicode_normalization::UnicodeNormalization;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A profile date (`2023`, `2023-03`, `2023-03-24`, `present`) as people write it:
/// `2023`, `Mar 2023`, `24 Mar 2023`, `present`. Anything else is returned as is.
pub fn display_date(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str| s.parse::<usize>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 && num(y).is_some() => y.to_string(),
        [y, m] if y.len() == 4 && num(y).is_some() => match num(m) {
            Some(m @ 1..=12) => format!("{} {y}", MONTHS[m - 1]),
            _ => d.to_string(),
        },
        [y, m, day] if y.len() == 4 && num(y).is_some() => match (num(m), num(day)) {
            (Some(m @ 1..=12), Some(day @ 1..=31)) => format!("{day} {} {y}", MONTHS[m - 1]),
            _ => d.to_string(),
        },
        _ => d.to_string(),
    }
}

/// The period of an entry for display. `dates_text` (the CV's own words) wins,
/// so a page reads like the CV and parsing it again finds the same dates; else
/// the dates are formatted: `Mar 2023 – present`, or one date alone.
pub fn display_period(
    start: Option<&str>,
    end: Option<&str>,
    dates_text: Option<&str>,
) -> Option<String> {
    if let Some(t) = dates_text.map(str::trim).filter(|t| !t.is_empty()) {
        return Some(t.to_string());
    }
    match (start, end) {
        (Some(s), Some(e)) if s == e => Some(display_date(s)),
        (Some(s), Some(e)) => Some(format!("{} – {}", display_date(s), display_date(e))),
        (Some(s), None) => Some(display_date(s)),
        // An end alone ("until 2019") is how CVs write a period whose start is unknown.
        (None, Some("present")) => None,
        (None, Some(e)) => Some(display_date(e)),
        (None, None) => None,
    }
}

/// True for `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (the partial ISO dates of the profile).
pub fn is_partial_iso(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && (1..=12).contains(&num2(&b[5..7])),
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && (1..=12).contains(&num2(&b[5..7]))
                && (1..=31).contains(&num2(&b[8..10]))
        }
        _ => false,
    }
}

fn num2(b: &[u8]) -> u32 {
    b.iter()
        .fold(0, |n, d| n * 10 + u32::from(d.saturating_sub(b'0')))
}

/// Recognizes the CV owner among author names, in the forms CVs print:
/// `Alireza Sanaee`, `A. Sanaee`, `A Sanaee`, `Sanaee, A.`, `Alireza R. Sanaee`.
#[derive(Debug, Clone)]
pub struct Owner {
    given: Vec<String>,
    surname: String,
}

impl Owner {
    /// None when the name has fewer than two words (a surname alone would
    /// match too many co-authors).
    pub fn new(name: &str) -> Option<Owner> {
        let mut toks = name_tokens(name);
        if toks.len() < 2 {
            return None;
        }
        let surname = toks.pop()?;
        Some(Owner {
            given: toks,
            surname,
        })
    }

    pub fn matches(&self, author: &str) -> bool {
        let mut toks = name_tokens(author);
        if toks.len() < 2 {
            return false;
        }
        let Some(surname) = toks.pop() else {
            return false;
        };
        if surname != self.surname {
            return false;
        }
        let (Some(first), Some(own_first)) = (toks.first(), self.given.first()) else {
            return false;
        };
        // Full given names must be equal; where either is an initial, the initials.
        if first.chars().count() == 1 || own_first.chars().count() == 1 {
            first.chars().next() == own_first.chars().next()
        } else {
            first == own_first
        }
    }
}

impl Owner {
    /// The owner of a profile's CV: its `basics.name`, or, when the CV does not
    /// print a name (a homepage), the one author on every publication of a list
    /// of at least two (whom a homepage's own list always includes).
    pub fn of(p: &crate::profile::Profile) -> Option<Owner> {
        if let Some(name) = p.basics.name.as_deref() {
            return Owner::new(name);
        }
        let pubs = &p.publications;
        if pubs.len() < 2 {
            return None;
        }
        let first = pubs.first()?;
        let mut found: Option<Owner> = None;
        for candidate in first.authors.iter().filter_map(|a| Owner::new(a)) {
            if pubs
                .iter()
                .all(|x| x.authors.iter().any(|a| candidate.matches(a)))
            {
                if found.is_some() {
                    // Two authors on every paper: which one is the owner is not known.
                    return None;
                }
                found = Some(candidate);
            }
        }
        found
    }
}

/// A name as comparable words: accents folded, lower case, initials split
/// (`J.-Y.` is `j`, `y`), marks and suffixes (`*`, `†`, `Jr.`) dropped, and
/// `Surname, Given` turned around.
fn name_tokens(name: &str) -> Vec<String> {
    let folded: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    let folded = match folded.split_once(',') {
        Some((last, first)) if !first.contains(',') && !first.trim().is_empty() => {
            format!("{first} {last}")
        }
        _ => folded,
    };
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|t| !t.is_empty())
        .filter(|t| !matches!(*t, "jr" | "sr" | "ii" | "iii" | "iv"))
        .filter(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Escape text for Markdown that both CommonMark (vitae's own reader) and
/// kramdown (Jekyll's) render as the same plain text: inline markup characters
/// get a backslash, block markers at the start are escaped, entity-like `&`,
/// Liquid's `{{`/`{%` and kramdown's `{:` become character references, and line
/// breaks become spaces (entries are laid out one field a line).
pub fn md_escape(s: &str) -> String {
    // Spaces are kept (a value may be a separator like `, `); a line break and
    // the spaces around it become one space.
    let mut flat = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            flat.truncate(flat.trim_end().len());
            flat.push(' ');
            flat.push_str(line.trim_start());
        } else {
            flat.push_str(line);
        }
    }
    let s = flat.replace('\r', "");
    let mut out = String::with_capacity(s.len() + 8);
    let tildes = s.matches('~').count();
    let chars: Vec<char> = s.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' | ':' if i == first => {
                out.push('\\');
                out.push(c);
            }
            '{' if matches!(next, Some('{' | '%' | ':')) => out.push_str("&#123;"),
            '~' if tildes >= 2 => out.push_str("&#126;"),
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    // "2024. A year" at a line start would begin an ordered list.
    let lead = out.len() - out.trim_start().len();
    if let Some(pos) = out[lead..]
        .find(|c: char| !c.is_ascii_digit())
        .map(|p| p + lead)
    {
        if pos > lead && out[pos..].starts_with(['.', ')']) {
            let rest = &out[pos + 1..];
            if rest.is_empty() || rest.starts_with(' ') {
                out.insert(pos, '\\');
            }
        }
    }
    out
}

/// `&name;`, `&#123;` or `&#x1F;` follows.
fn starts_entity(rest: &[char]) -> bool {
    let mut n = 0;
    let mut i = 0;
    if rest.first() == Some(&'#') {
        i = 1;
        if matches!(rest.get(1), Some('x' | 'X')) {
            i = 2;
        }
    }
    while let Some(c) = rest.get(i) {
        if c.is_ascii_alphanumeric() {
            n += 1;
            i += 1;
        } else {
            return *c == ';' && n > 0;
        }
    }
    false
}

/// A URL as a Markdown link destination: spaces, parentheses and angle
/// brackets percent-encoded so the destination cannot end early.
pub fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            _ => out.push(c),
        }
    }
    out
}

/// A link target that is safe to publish: `http`, `https`, `mailto`, `tel`,
/// `ftp` or a relative path. `javascript:` and other schemes are refused, so
/// a hostile CV cannot put script in a homepage.
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    if u.is_empty() || u.chars().any(char::is_control) {
        return None;
    }
    match scheme_of(u) {
        Some(s) => {
            let s = s.to_ascii_lowercase();
            matches!(s.as_str(), "http" | "https" | "mailto" | "tel" | "ftp").then(|| u.to_string())
        }
        None => Some(u.to_string()),
    }
}

fn scheme_of(u: &str) -> Option<&str> {
    let (scheme, _) = u.split_once(':')?;
    let mut cs = scheme.chars();
    let first = cs.next()?;
    (first.is_ascii_alphabetic()
        && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// An absolute URI (RFC 3986) for formats that demand one (JSON Resume's
/// `format: uri`): a scheme is required, and characters a URI may not hold
/// (spaces, non-ASCII, `"<>\^`{|}`, a `%` not starting an escape) are
/// percent-encoded. None for a relative or unsafe link.
pub fn absolute_uri(url: &str) -> Option<String> {
    let u = safe_url(url)?;
    scheme_of(&u)?;
    let bytes = u.as_bytes();
    let mut out = String::with_capacity(u.len());
    for (i, &b) in bytes.iter().enumerate() {
        let allowed = b.is_ascii_alphanumeric()
            || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)
            || (b == b'%'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit));
        if allowed {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    // Brackets are only legal around an IPv6 host: encode them elsewhere.
    let host_end = out
        .find("://")
        .map(|i| i + 3 + out[i + 3..].find('/').unwrap_or(out.len() - i - 3))
        .unwrap_or(0);
    let (head, tail) = out.split_at(host_end);
    Some(format!(
        "{head}{}",
        tail.replace('[', "%5B").replace(']', "%5D")
    ))
}

/// A plausible e-mail address (`local@host.tld`, ASCII), as validators of
/// `format: email` accept.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// A YAML double-quoted scalar: always valid, whatever the text holds.
pub fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A file-name slug: ASCII letters and digits in lower case, words joined by
/// `-`, at most `max` bytes cut at a word boundary. Other scripts are
/// transliterated by `deunicode` (`ß` → `ss`, `深度学习` → `shen-du-xue-xi`),
/// so a title in any language names its file readably.
pub fn slugify(s: &str, max: usize) -> String {
    let folded = deunicode::deunicode(s);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_ascii_lowercase();
        let extra = if out.is_empty() { w.len() } else { w.len() + 1 };
        if out.len() + extra > max {
            if out.is_empty() {
                out.push_str(&w[..max.min(w.len())]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_for_people() {
        assert_eq!(display_date("2023"), "2023");
        assert_eq!(display_date("2023-03"), "Mar 2023");
        assert_eq!(display_date("2023-03-24"), "24 Mar 2023");
        assert_eq!(display_date("present"), "present");
        assert_eq!(display_date("2023-13"), "2023-13");
        assert_eq!(
            display_period(Some("2023-08"), Some("present"), None).as_deref(),
            Some("Aug 2023 – present")
        );
        assert_eq!(
            display_period(Some("2013"), None, Some("Fall-2013")).as_deref(),
            Some("Fall-2013")
        );
        assert_eq!(
            display_period(None, Some("2019"), None).as_deref(),
            Some("2019")
        );
        assert_eq!(display_period(None, None, Some("  ")), None);
    }

    #[test]
    fn partial_iso() {
        for ok in ["2023", "2023-03", "2023-03-24"] {
            assert!(is_partial_iso(ok), "{ok}");
        }
        for bad in [
            "present",
            "23",
            "2023-3",
            "2023-13",
            "2023-03-32",
            "Mar 2023",
        ] {
            assert!(!is_partial_iso(bad), "{bad}");
        }
    }

    #[test]
    fn owner_in_its_printed_forms() {
        let o = Owner::new("Alireza Sanaee").unwrap();
        for yes in [
            "Alireza Sanaee",
            "A. Sanaee",
            "A Sanaee",
            "Sanaee, A.",
            "Sanaee, Alireza",
            "A. Sanaee*",
        ] {
            assert!(o.matches(yes), "{yes}");
        }
        for no in ["F. Shahinfar", "B. Sanaee", "Sanaee", "Ali Sanaee", ""] {
            assert!(!o.matches(no), "{no}");
        }
        let o = Owner::new("Gerald Q. Maguire Jr.").unwrap();
        assert!(o.matches("Gerald Q. Maguire Jr."));
        assert!(o.matches("G. Maguire"));
        let o = Owner::new("Dejan Kostić").unwrap();
        assert!(o.matches("Dejan Kostic"));
        assert!(Owner::new("Madonna").is_none());
        let o = Owner::new("A. Sanaee").unwrap();
        assert!(o.matches("Alireza Sanaee") && o.matches("Sanaee, A.") && !o.matches("B. Sanaee"));
    }

    #[test]
    fn owner_of_a_nameless_homepage() {
        use crate::profile::{Format, Profile, Publication, PublicationType, Source};
        let mut p = Profile::new(Source {
            file: "about.md".into(),
            format: Format::Markdown,
            pages: None,
            sha256: String::new(),
            title: None,
        });
        let paper = |authors: &[&str]| Publication {
            key: None,
            kind: PublicationType::Conference,
            authors: authors.iter().map(|a| a.to_string()).collect(),
            title: None,
            venue: None,
            venue_short: None,
            year: None,
            notes: vec![],
            links: vec![],
        };
        p.publications.push(paper(&["A. Sanaee", "G. Antichi"]));
        assert!(Owner::of(&p).is_none(), "one paper says nothing");
        p.publications
            .push(paper(&["S. Miano", "Alireza Sanaee", "G. Antichi"]));
        assert!(Owner::of(&p).is_none(), "two authors on every paper");
        p.publications.push(paper(&["B. Gao", "A. Sanaee"]));
        let o = Owner::of(&p).unwrap();
        assert!(o.matches("Alireza Sanaee") && !o.matches("G. Antichi"));
        p.basics.name = Some("Gianni Antichi".into());
        assert!(Owner::of(&p).unwrap().matches("G. Antichi"));
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(md_escape("a *b* _c_ [d](e)"), r"a \*b\* \_c\_ \[d\](e)");
        assert_eq!(md_escape("- not a list"), r"\- not a list");
        assert_eq!(md_escape("# not a heading"), r"\# not a heading");
        assert_eq!(md_escape("2024. A year"), r"2024\. A year");
        assert_eq!(md_escape("2024.5 is a number"), "2024.5 is a number");
        assert_eq!(md_escape("a - b"), "a - b");
        assert_eq!(md_escape("R&D &amp; more"), "R&D &amp;amp; more");
        assert_eq!(md_escape("{{ site.x }}"), "&#123;{ site.x }}");
        assert_eq!(md_escape("$140,000 USD"), r"\$140,000 USD");
        assert_eq!(md_escape("a \n\n b"), "a b");
        assert_eq!(md_escape(", "), ", ");
        assert_eq!(md_escape(" - x"), r" \- x");
        assert_eq!(md_escape("~9.5 M"), "~9.5 M");
        assert_eq!(md_escape("~a~"), "&#126;a&#126;");
    }

    #[test]
    fn urls() {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JavaScript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("/files/cv.pdf").as_deref(), Some("/files/cv.pdf"));
        assert_eq!(
            safe_url(" https://x.org/a ").as_deref(),
            Some("https://x.org/a")
        );
        assert_eq!(safe_url(""), None);
        assert_eq!(
            absolute_uri("https://x.org/a b|ü").as_deref(),
            Some("https://x.org/a%20b%7C%C3%BC")
        );
        assert_eq!(
            absolute_uri("https://x.org/%zz").as_deref(),
            Some("https://x.org/%25zz")
        );
        assert_eq!(
            absolute_uri("https://x.org/a[1]").as_deref(),
            Some("https://x.org/a%5B1%5D")
        );
        assert_eq!(absolute_uri("/files/cv.pdf"), None);
        assert_eq!(md_url("https://x.org/a (b)"), "https://x.org/a%20%28b%29");
    }

    #[test]
    fn emails() {
        assert!(is_email("john.doe@example.com"));
        assert!(!is_email("john at example dot com"));
        assert!(!is_email("a@b"));
        assert!(!is_email("ä@example.com"));
    }

    #[test]
    fn yaml_and_slugs() {
        assert_eq!(yaml_str(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(yaml_str("x\ny"), r#""x\ny""#);
        assert_eq!(
            slugify("PacketMill: Toward per-core 100-Gbps Networking", 40),
            "packetmill-toward-per-core-100-gbps"
        );
        assert_eq!(slugify("Über Käse", 40), "uber-kase");
        assert_eq!(slugify("Jürgen Weiß", 40), "jurgen-weiss");
        assert_eq!(slugify("深度学习", 40), "shen-du-xue-xi");
        assert_eq!(slugify("Модели данных", 40), "modeli-dannykh");
        assert_eq!(slugify("???", 40), "");
        assert_eq!(slugify("abcdefghij", 4), "abcd");
    }
}
