//! Icon glyphs: what an icon font's glyph shows, from its glyph name (Type1
//! `/Differences`), the name an icon font's ToUnicode spells (`HOUSE-CHIMNEY`),
//! or its private-use code point (FontAwesome, Academicons).

use crate::extract::Icon;

/// The icon a glyph name (or spelled-out icon name) stands for.
pub fn from_name(name: &str) -> Icon {
    let n = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    let n = n
        .trim_start_matches("fa-")
        .trim_start_matches("ai-")
        .trim_start_matches("uni")
        .to_string();
    let has = |w: &str| n.contains(w);
    if has("scholar") || has("graduation") {
        Icon::Scholar
    } else if has("orcid") {
        Icon::Orcid
    } else if has("github") {
        Icon::GitHub
    } else if has("linkedin") {
        Icon::LinkedIn
    } else if has("twitter")
        || n == "x"
        || n == "xicon"
        || n.starts_with("square-x")
        || n.starts_with("x-")
    {
        Icon::Twitter
    } else if has("youtube") {
        Icon::YouTube
    } else if has("envelope") || has("mail") || n == "at" || has("inbox") || n == "letter" {
        Icon::Email
    } else if has("phone") || has("mobile") || has("telefon") || has("fax") {
        Icon::Phone
    } else if has("map") || has("location") || has("marker") || has("pin") {
        Icon::Location
    } else if has("globe")
        || has("home")
        || has("house")
        || has("link")
        || has("chain")
        || has("earth")
        || has("mundus")
        || has("website")
    {
        Icon::Home
    } else {
        Icon::Other
    }
}

/// The icon a link target implies (for an icon glyph whose shape is unknown).
pub fn from_url(url: &str) -> Icon {
    let u = url.to_ascii_lowercase();
    let host = u
        .split("://")
        .nth(1)
        .unwrap_or(&u)
        .split('/')
        .next()
        .unwrap_or("")
        .trim_start_matches("www.");
    if u.starts_with("mailto:") {
        Icon::Email
    } else if u.starts_with("tel:") {
        Icon::Phone
    } else if host.ends_with("github.com") {
        Icon::GitHub
    } else if host.ends_with("linkedin.com") {
        Icon::LinkedIn
    } else if host == "twitter.com" || host == "x.com" {
        Icon::Twitter
    } else if host.starts_with("scholar.google.") {
        Icon::Scholar
    } else if host == "orcid.org" {
        Icon::Orcid
    } else if host.ends_with("youtube.com") || host == "youtu.be" {
        Icon::YouTube
    } else if u.starts_with("http") {
        Icon::Home
    } else {
        Icon::Other
    }
}

/// Icon-font glyphs used as list bullets or rating dots.
pub fn is_bullet_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('_', "-");
    let n = n.trim_start_matches("fa-");
    matches!(
        n,
        "circle"
            | "circle-blank"
            | "circle-o"
            | "dot-circle"
            | "dot-circle-o"
            | "circle-thin"
            | "bullet"
            | "neutral"
            | "angle-right"
            | "angle-double-right"
            | "chevron-right"
            | "chevron-circle-right"
            | "caret-right"
            | "arrow-right"
            | "long-arrow-right"
            | "long-arrow-alt-right"
            | "arrow-circle-right"
            | "hand-point-right"
            | "check"
            | "check-circle"
            | "check-square"
            | "square"
            | "square-full"
            | "minus"
            | "star"
            | "star-o"
            | "star-half"
            | "star-half-o"
            | "star-half-alt"
            | "○"
            | "●"
            | "○␣"
            | "•"
    )
}

/// The icon of a private-use code point (FontAwesome 4-7, Academicons).
pub fn from_char(c: char) -> Icon {
    match c as u32 {
        0xf0e0 | 0xf003 | 0xf2b6 | 0xf2b7 | 0xf199 | 0xf1fa | 0xf674 => Icon::Email,
        0xf095 | 0xf098 | 0xf10b | 0xf3cd | 0xf3ce | 0xf879 | 0xf2a0 | 0xe0db => Icon::Phone,
        0xf0ac | 0xf015 | 0xf0c1 | 0xf57d | 0xf57e | 0xf7a2 | 0xe3af | 0xe00d => Icon::Home,
        0xf041 | 0xf3c5 | 0xf276 | 0xf124 | 0xf601 => Icon::Location,
        0xf09b | 0xf113 | 0xf092 => Icon::GitHub,
        0xf0e1 | 0xf08c | 0xe9cb => Icon::LinkedIn,
        0xf099 | 0xf081 | 0xe61b | 0xe61a => Icon::Twitter,
        0xf167 | 0xf16a | 0xf431 => Icon::YouTube,
        0xf19d | 0xe9d4 | 0xf63d => Icon::Scholar,
        0xe9d9 | 0xf8d2 => Icon::Orcid,
        _ => Icon::Other,
    }
}

/// A private-use code point: only icon fonts put glyphs there.
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xe000..=0xf8ff | 0xf0000..=0xffffd | 0x100000..=0x10fffd)
}

/// Pictographs that CV templates use as icons in ordinary fonts.
pub fn from_pictograph(c: char) -> Option<Icon> {
    Some(match c {
        '\u{2709}' | '\u{1f4e7}' | '\u{1f582}' | '\u{1f4e8}' | '\u{1f4e9}' => Icon::Email,
        '\u{260e}' | '\u{260f}' | '\u{1f4de}' | '\u{1f4f1}' | '\u{2706}' | '\u{1f57f}' => {
            Icon::Phone
        }
        '\u{1f310}' | '\u{1f3e0}' | '\u{1f3e1}' | '\u{1f517}' => Icon::Home,
        '\u{1f4cd}' | '\u{1f4cc}' => Icon::Location,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(from_name("envelope"), Icon::Email);
        assert_eq!(from_name("mobile_phone"), Icon::Phone);
        assert_eq!(from_name("globe"), Icon::Home);
        assert_eq!(from_name("HOUSE-CHIMNEY"), Icon::Home);
        assert_eq!(from_name("GITHUB-SQUARE"), Icon::GitHub);
        assert_eq!(from_name("linkedin"), Icon::LinkedIn);
        assert_eq!(from_name("x-twitter"), Icon::Twitter);
        assert_eq!(from_name("map-marker-alt"), Icon::Location);
        assert_eq!(from_name("ai-google-scholar"), Icon::Scholar);
        assert_eq!(from_name("orcid"), Icon::Orcid);
        assert_eq!(from_name("youtube"), Icon::YouTube);
        assert_eq!(from_name("star"), Icon::Other);
        assert!(is_bullet_name("circle_blank"));
        assert!(is_bullet_name("Neutral"));
        assert!(!is_bullet_name("calendar"));
    }

    #[test]
    fn code_points() {
        assert_eq!(from_char('\u{f0ac}'), Icon::Home);
        assert_eq!(from_char('\u{f0e1}'), Icon::LinkedIn);
        assert_eq!(from_char('\u{f09b}'), Icon::GitHub);
        assert_eq!(from_char('\u{e9d4}'), Icon::Scholar);
        assert!(is_private_use('\u{f0e0}'));
        assert!(!is_private_use('a'));
        assert_eq!(from_pictograph('\u{2709}'), Some(Icon::Email));
        assert_eq!(from_pictograph('a'), None);
        assert_eq!(from_url("https://github.com/x"), Icon::GitHub);
        assert_eq!(from_url("https://www.linkedin.com/in/x"), Icon::LinkedIn);
        assert_eq!(from_url("mailto:a@b.c"), Icon::Email);
        assert_eq!(from_url("https://x.org"), Icon::Home);
    }
}
