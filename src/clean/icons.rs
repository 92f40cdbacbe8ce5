//! Icon glyphs and invisible or visible-space characters left by converters.
//!
//! Always noise, removed wherever they are: private-use code points (icon
//! fonts; U+E000–U+F8FF and planes 15–16), the replacement character U+FFFD,
//! pdfminer's `(cid:123)` for glyphs without Unicode, the visible space `␣`,
//! zero-width spaces and word joiners, a byte order mark. Zero-width
//! (non-)joiners stay only between letters of scripts that need them (Persian).
//!
//! Soft hyphens (U+00AD) are what some fonts (Awesome-CV's) draw as a hyphen:
//! between spaces or digits one is a date dash (`2016­2018` → `2016–2018`); a
//! letter's soft hyphen before a space and a lowercase letter is a line-end
//! hyphenation (`en­ terprise` → `enterprise`); between letters, or at the end
//! of a line after a letter, it was drawn as a hyphen (`Back­end` → `Back-end`;
//! line-end joining decides later); anywhere else it is removed.
//!
//! Pictographs (emoji, Dingbats, Miscellaneous Symbols) are the glyphs
//! converters emit for icon-font icons, but also real emoji in prose. The rule:
//! a pictograph (with its modifiers, one token) is an icon, and removed, when
//! - it starts the line or cell (nothing but spaces, bullets or icons before it), or
//! - the nearest thing before it is a separator (`•`, `|`, `·`, `,`, `;`, `:`,
//!   `/`, a dash) or another icon, or
//! - the nearest thing after it is another icon (icons come in clusters:
//!   `aliireza.github.io 🔹 🛭 Alireza`), or
//! - the word after it is contact data (an email, a URL or domain, a phone
//!   number, an `@handle`): icons label contact fields, or
//! - it is one of the small geometric shapes used as separators (🔹 🔸 ⚫).
//!
//! Otherwise it follows a word and precedes prose, and it stays
//! (`AI/ML Systems 🙂 (21/12/2023)`).

use regex::Regex;
use std::sync::OnceLock;

/// Remove icon glyphs with no surrounding context (the text is a whole line).
pub fn strip(s: &str, count: &mut usize) -> String {
    strip_ctx(s, "", "", count)
}

/// What stood last before a position, for deciding about a pictograph.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Prev {
    /// Start of the line or cell.
    Start,
    Word,
    Separator,
    Icon,
}

crate::patterns::warm!(cid_re);
fn cid_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\(cid:[0-9]+\)").expect("valid regex"))
}

crate::patterns::warm!(contact_re);
fn contact_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:
                [^\s@]+@[^\s@]+\.[A-Za-z]{2,}            # email
              | (?:https?://|www\.)\S+                   # URL
              | [A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/\S*)?(?-u:\b)  # domain
              | @[A-Za-z0-9_.-]+                          # handle
              | [(+]*[0-9][0-9\s().-]{6,}[0-9]                   # phone
            )",
        )
        .expect("valid regex")
    })
}

crate::patterns::warm!(icon_name_re);
fn icon_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)(?:^|[\s|•·,;])(
                HOUSE-CHIMNEY | HOUSE-USER | GITHUB-SQUARE | SQUARE-GITHUB | GITHUB-ALT | GITHUB | GITLAB
              | LINKEDIN-IN | SQUARE-LINKEDIN | LINKEDIN | SQUARE-X-TWITTER | X-TWITTER | TWITTER-SQUARE | TWITTER
              | ENVELOPE-OPEN | ENVELOPE-SQUARE | ENVELOPE | PHONE-ALT | PHONE-SQUARE | PHONE
              | MOBILE-ALT | MOBILE-SCREEN-BUTTON | MOBILE-SCREEN | MOBILE | LOCATION-DOT | LOCATION-ARROW
              | MAP-MARKER-ALT | MAP-MARKER | MAP-PIN | GLOBE-AMERICAS | GLOBE-EUROPE | GLOBE | GRADUATION-CAP
              | GOOGLE-SCHOLAR | ORCID | YOUTUBE | STACK-OVERFLOW | SKYPE | INSTAGRAM | FACEBOOK-SQUARE | FACEBOOK
              | KAGGLE | RESEARCHGATE | TELEGRAM | WHATSAPP | MASTODON | BLUESKY
            )(?:\s+|$)",
        )
        .expect("valid regex")
    })
}

/// Remove icon names that converters leak as words (Awesome-CV's
/// `HOUSE-CHIMNEY www.posquit0.com | GITHUB-SQUARE posquit0`): a FontAwesome
/// name in capitals, standing before a handle, address or number (a word that
/// is not itself in capitals). `GITHUB` inside a capitalised title stays.
fn strip_icon_names(s: &str, after: &str, count: &mut usize) -> Option<String> {
    if !has_caps_run(s) {
        return None;
    }
    let re = icon_name_re();
    // (whole match, name) ranges; a name's trailing space belongs to its match.
    let mut found: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut from = 0;
    while let Some(c) = re.captures_at(s, from) {
        let (Some(all), Some(name)) = (c.get(0), c.get(1)) else {
            break;
        };
        found.push((name.start()..all.end(), name.range()));
        // Continue after the name (the separator before the next name is shared).
        from = name.end();
    }
    if found.is_empty() {
        return None;
    }
    // A cell that holds nothing but icon names (`HOUSE-CHIMNEY`, `GITHUB-SQUARE LINKEDIN`).
    let mut rest = String::new();
    let mut last = 0;
    for (all, _) in &found {
        rest.push_str(&s[last..all.start]);
        last = all.end;
    }
    rest.push_str(&s[last..]);
    let only_names = after.trim().is_empty()
        && rest
            .chars()
            .all(|c| c.is_whitespace() || "|•·,;".contains(c));
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    for (all, name) in &found {
        let next = if s[all.end..].trim().is_empty() {
            after.trim_start()
        } else {
            &s[all.end..]
        };
        let next_word = next.split_whitespace().next().unwrap_or("");
        let is_label = next_word
            .chars()
            .next()
            .is_some_and(|ch| ch.is_lowercase() || ch.is_ascii_digit() || "+(@".contains(ch))
            && !next_word
                .chars()
                .all(|ch| ch.is_uppercase() || !ch.is_alphabetic());
        // Hyphenated names (`HOUSE-CHIMNEY`) are never words.
        if only_names || is_label || s[name.clone()].contains('-') {
            out.push_str(&s[last..all.start]);
            last = all.end;
            *count += 1;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&s[last..]);
    Some(out)
}

/// Characters that are noise wherever they stand.
fn is_hard_noise(c: char) -> bool {
    matches!(c as u32,
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFD
        | 0x2423            // ␣ visible space
        | 0x200B | 0x2060 | 0xFEFF | 0x180E
    )
}

/// Emoji and symbol pictographs (the icon-font substitutes converters emit).
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF      // emoji, pictographs, transport, flags, ...
        | 0x2600..=0x27BF      // Miscellaneous Symbols, Dingbats
        | 0x2B1B..=0x2B1C | 0x2B50..=0x2B55
        | 0x231A..=0x231B | 0x23E9..=0x23FA
    )
}

/// Pictographs of objects and signs (laptop, envelope, pin, rocket): what icon
/// substitutes are made of, never a facial emoji of prose (`🙂` stays).
fn is_object_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1F5FF | 0x1F680..=0x1F6FF)
}

/// Characters that belong to the pictograph before them (variation selectors,
/// joiners, skin tones, keycaps, tag characters).
fn is_modifier(c: char) -> bool {
    matches!(
        c as u32,
        0xFE0E | 0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F
    )
}

/// Small shapes used as separators between contact fields.
fn is_separator_shape(c: char) -> bool {
    matches!(c as u32, 0x1F532..=0x1F53D | 0x1F7E0..=0x1F7EB | 0x26AA..=0x26AB | 0x2B1B..=0x2B1C)
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '|'
            | ','
            | ';'
            | ':'
            | '/'
            | '-'
            | '–'
            | '—'
            | '‒'
            | '∙'
            | '⋅'
            | '◦'
            | '●'
            | '○'
            | '▪'
            | '■'
            | '◆'
            | '♦'
            | '⋄'
            | '¦'
            | '‖'
    )
}

/// Scripts whose words use zero-width (non-)joiners.
fn joins(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFC | 0x0700..=0x074F | 0x0900..=0x0DFF
    )
}

const SPACING_ACCENTS: &[char] = &[
    '\u{A8}', '\u{B4}', '\u{B8}', '\u{AF}', '\u{2C6}', '\u{2C7}', '\u{2D8}', '\u{2D9}', '\u{2DA}',
    '\u{2DB}', '\u{2DC}', '\u{2DD}',
];

fn classify(c: char) -> Prev {
    if is_pictograph(c) || is_hard_noise(c) || is_modifier(c) {
        Prev::Icon
    } else if is_separator(c) {
        Prev::Separator
    } else {
        Prev::Word
    }
}

/// Remove icon glyphs from `s`, a piece of a line whose neighbours on the same
/// line are `before` and `after` (used only to see what surrounds a glyph).
pub fn strip_ctx(s: &str, before: &str, after: &str, count: &mut usize) -> String {
    strip_ctx_opt(s, before, after, count).unwrap_or_else(|| s.to_string())
}

/// Whether [`strip_ctx`] could change `s` at all (so callers can skip
/// building its context).
pub fn may_change(s: &str) -> bool {
    !s.is_ascii() || s.contains("(cid:") || has_caps_run(s)
}

/// Five capitals in a row: the shortest leaked icon name.
fn has_caps_run(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        if b.is_ascii_uppercase() {
            run += 1;
            if run >= 5 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// [`strip_ctx`], or `None` when nothing changes.
pub fn strip_ctx_opt(s: &str, before: &str, after: &str, count: &mut usize) -> Option<String> {
    let start = *count;
    let cleaned;
    let s = if s.contains("(cid:") {
        let n = cid_re().find_iter(s).count();
        *count += n;
        cleaned = cid_re().replace_all(s, "").into_owned();
        cleaned.as_str()
    } else {
        s
    };
    let named;
    let s = match strip_icon_names(s, after, count) {
        Some(t) => {
            named = t;
            named.as_str()
        }
        None => s,
    };
    if s.is_ascii() {
        return (*count != start).then(|| s.to_string());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    // What stands before the current position (for pictographs).
    let mut prev = match before.trim_end().chars().next_back() {
        None => Prev::Start,
        Some(c) => classify(c),
    };
    let prev_char_ctx = before.chars().next_back();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let p = if i > 0 {
            Some(chars[i - 1])
        } else {
            prev_char_ctx
        };
        let next = chars.get(i + 1).copied().or_else(|| after.chars().next());
        if is_hard_noise(c) {
            *count += 1;
            prev = if matches!(c as u32, 0x200B | 0x2060 | 0xFEFF | 0x180E | 0x2423) {
                prev
            } else {
                Prev::Icon
            };
            i += 1;
            continue;
        }
        if c == '\u{200C}' || c == '\u{200D}' {
            if p.is_some_and(joins) && next.is_some_and(joins) {
                out.push(c);
            } else {
                *count += 1;
            }
            i += 1;
            continue;
        }
        if c == '\u{AD}' {
            *count += 1;
            i += 1;
            let p_space = p.is_none_or(char::is_whitespace);
            let n_space = next.is_none_or(char::is_whitespace);
            let p_alnum = p.is_some_and(char::is_alphanumeric);
            if (p_space && n_space)
                || (p.is_some_and(|c| c.is_ascii_digit())
                    && next.is_some_and(|c| c.is_ascii_digit()))
            {
                out.push('–');
            } else if p.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_whitespace) {
                // `en­ terprise`: a hyphenation point the converter joined with a space.
                let mut j = i;
                while j < n && chars[j].is_whitespace() {
                    j += 1;
                }
                if j < n && chars[j].is_lowercase() {
                    i = j;
                } else if j >= n && after.trim().is_empty() {
                    out.push('-');
                }
            } else if (p_alnum && next.is_some_and(char::is_alphanumeric))
                || (p.is_some_and(char::is_alphabetic) && next.is_none())
            {
                out.push('-');
            }
            continue;
        }
        if is_pictograph(c) {
            let mut j = i + 1;
            while j < n
                && (is_modifier(chars[j])
                    || (is_pictograph(chars[j]) && !chars[j - 1].is_whitespace()))
            {
                j += 1;
            }
            // What follows the token.
            // What follows, as far as a contact field reaches (not the whole rest:
            // that would make a line full of pictographs quadratic).
            let tail: String = chars[j..].iter().take(80).collect();
            let follow = if tail.trim().is_empty() {
                after.trim_start()
            } else {
                tail.trim_start()
            };
            let next_sig = follow.chars().next().map(classify);
            let icon = matches!(prev, Prev::Start | Prev::Separator | Prev::Icon)
                || next_sig == Some(Prev::Icon)
                || chars[i..j].iter().any(|&c| is_object_pictograph(c))
                || is_separator_shape(c)
                || contact_re().is_match(follow);
            if icon {
                *count += j - i - chars[i..j].iter().filter(|c| is_modifier(**c)).count();
                prev = Prev::Icon;
            } else {
                out.extend(&chars[i..j]);
                prev = Prev::Word;
            }
            i = j;
            continue;
        }
        if matches!(c, '○' | '●' | '◦' | '▪' | '■' | '▸' | '►' | '➤')
            && p.is_none_or(char::is_whitespace)
            && next.is_some_and(char::is_alphanumeric)
        {
            // A bullet glued to the next word (`○InformaticsServices…`): a
            // converter joined a bulleted line into this one.
            *count += 1;
            i += 1;
            continue;
        }
        if SPACING_ACCENTS.contains(&c)
            && p.is_none_or(char::is_whitespace)
            && next.is_none_or(char::is_whitespace)
        {
            // A lone spacing accent is an icon-font glyph (AltaCV's `¨`), not an accent.
            *count += 1;
            prev = Prev::Icon;
            i += 1;
            continue;
        }
        if !c.is_whitespace() {
            prev = classify(c);
        }
        out.push(c);
        i += 1;
    }
    (*count != start).then_some(out)
}

/// Bullet glyphs that start a line in PDF conversions (`○␣`, `●`, `▪`, `➤`).
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '●'
            | '○'
            | '◦'
            | '▪'
            | '▫'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '►'
            | '▸'
            | '▹'
            | '▶'
            | '‣'
            | '⁃'
            | '∙'
            | '·'
            | '➤'
            | '➢'
            | '➔'
            | '➜'
            | '❖'
            | '◼'
            | '◻'
            | '⦿'
            | '⚬'
            | '⬤'
            | '✓'
            | '✔'
            | '☐'
            | '☑'
            | '★'
            | '☆'
            | '✦'
            | '✧'
            | '⋄'
            | '◊'
            | '◉'
            | '⊙'
            | '\u{2423}'
    )
}

/// If `s` starts (after spaces) with bullet glyphs, return the text after them.
pub fn strip_leading_bullet(s: &str) -> Option<String> {
    let t = s.trim_start();
    let first = t.chars().next()?;
    if !is_bullet(first) {
        return None;
    }
    let rest =
        t.trim_start_matches(|c: char| is_bullet(c) || c.is_whitespace() || is_hard_noise(c));
    Some(rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(s: &str) -> (String, usize) {
        let mut n = 0;
        let out = strip(s, &mut n);
        (out, n)
    }

    fn ctx(s: &str, before: &str, after: &str) -> String {
        let mut n = 0;
        strip_ctx(s, before, after, &mut n)
    }

    #[test]
    fn seed_002_contact_line() {
        let (out, n) = st("🔾 aliireza.github.io 🔹 🛭 Alireza Farshin 🔹 🗘 aliireza in alireza-farshin • 💆 alirezafarshin");
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>().join(" "),
            "aliireza.github.io Alireza Farshin aliireza in alireza-farshin • alirezafarshin"
        );
        assert_eq!(n, 6);
    }

    #[test]
    fn prose_emoji_stays() {
        // Seed 000: the emoji is in its own span after a bold span.
        assert_eq!(
            ctx(" 🙂 (21/12/2023)", "Start from AI/ML Systems", ""),
            " 🙂 (21/12/2023)"
        );
        assert_eq!(st("I love Rust 🦀 and Go").0, "I love Rust 🦀 and Go");
        assert_eq!(st("Smile 😀 and 🤖 robots").0, "Smile 😀 and 🤖 robots");
        // Object pictographs (the blocks icon substitutes come from) go wherever
        // they stand, with their modifiers.
        assert_eq!(st("Great news 🎉").0, "Great news ");
        assert_eq!(st("Thumbs 👍🏽 up").0, "Thumbs  up");
    }

    #[test]
    fn icons_by_position() {
        assert_eq!(st("📧 john@doe.org").0.trim(), "john@doe.org");
        assert_eq!(st("Contact 📧 john@doe.org").0, "Contact  john@doe.org");
        assert_eq!(st("Phone ☎ +46 70 123 4567").0, "Phone  +46 70 123 4567");
        assert_eq!(
            st("Stockholm • 🏠 example.com").0,
            "Stockholm •  example.com"
        );
        assert_eq!(st("🇸🇪 Sweden").0.trim(), "Sweden");
        // At the start of a later span whose line so far is only icons.
        assert_eq!(ctx("✉ x", "\u{f0e0} ", "").trim(), "x");
    }

    #[test]
    fn leaked_icon_names() {
        let (out, n) = st("Seoul 📱 (+82) 10-9030-1843 | HOUSE-CHIMNEY www.posquit0.com | GITHUB-SQUARE posquit0 | LINKEDIN posquit0");
        assert_eq!(
            out,
            "Seoul  (+82) 10-9030-1843 | www.posquit0.com | posquit0 | posquit0"
        );
        assert_eq!(n, 4);
        // A capitalised title or a plain word stays.
        for s in [
            "GITHUB ACTIONS CERTIFIED",
            "My GitHub profile",
            "PHONE BOOK",
            "GitHub posquit0",
        ] {
            assert_eq!(st(s), (s.to_string(), 0), "{s}");
        }
        assert_eq!(ctx(" LINKEDIN ", "x |", "posquit0").trim(), "");
        // Table cells of names only.
        assert_eq!(st("HOUSE-CHIMNEY").0, "");
        assert_eq!(st("GITHUB-SQUARE LINKEDIN").0.trim(), "");
        assert_eq!(st("LINKEDIN").0, "");
    }

    #[test]
    fn private_use_and_replacement() {
        assert_eq!(
            st("\u{f0ac} aliireza.github.io \u{f09b} aliireza"),
            (" aliireza.github.io  aliireza".into(), 2)
        );
        assert_eq!(st("� aliireza.github.io").0, " aliireza.github.io");
        assert_eq!(st("\u{F0000}x").0, "x");
        assert_eq!(
            st("(cid:140) aliireza.github.io • (cid:135) aliireza"),
            (" aliireza.github.io •  aliireza".into(), 2)
        );
    }

    #[test]
    fn invisible_characters() {
        assert_eq!(st("a\u{200B}b\u{2060}c\u{FEFF}"), ("abc".into(), 3));
        assert_eq!(
            st("○␣ Distributed Systems Researcher").0,
            "○ Distributed Systems Researcher"
        );
        // Persian keeps its zero-width non-joiner; Latin text does not need one.
        assert_eq!(st("می\u{200C}خواهم").0, "می\u{200C}خواهم");
        assert_eq!(st("a\u{200C}b").0, "ab");
        // An emoji ZWJ sequence goes whole when it holds an object pictograph.
        assert_eq!(st("Dev 👩\u{200D}💻 life").0, "Dev  life");
        assert_eq!(st("Dev 🧑\u{200D}🦰 life").0, "Dev 🧑\u{200D}🦰 life");
    }

    #[test]
    fn soft_hyphens() {
        assert_eq!(st("2016\u{AD}2018").0, "2016–2018");
        assert_eq!(st("Mar. 2010 \u{AD} Aug. 2017").0, "Mar. 2010 – Aug. 2017");
        assert_eq!(
            st("over 20 en\u{AD} terprise systems").0,
            "over 20 enterprise systems"
        );
        assert_eq!(
            st("Back\u{AD}end and easy\u{AD}to\u{AD}use").0,
            "Back-end and easy-to-use"
        );
        assert_eq!(st("multi\u{AD}").0, "multi-");
        assert_eq!(st("\u{AD}x").0, "x");
        assert_eq!(st("a\u{AD}2018").1, 1);
    }

    #[test]
    fn glued_bullets() {
        assert_eq!(
            st("Fall-2013 ○InformaticsServices Tehran").0,
            "Fall-2013 InformaticsServices Tehran"
        );
        assert_eq!(st("a ○ b").0, "a ○ b");
    }

    #[test]
    fn lone_spacing_accents() {
        assert_eq!(
            st("¨ Another achievement"),
            (" Another achievement".into(), 1)
        );
        // Accents next to letters are for the composing pass.
        assert_eq!(st("H´emous K¨onig").0, "H´emous K¨onig");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        for s in [
            "Kostić — Mühlhäuser ≈ 18.8%",
            "a • b · c | d",
            "日本語 and العربية",
            "Python ★★★★☆",
        ] {
            assert_eq!(st(s), (s.to_string(), 0), "{s}");
        }
    }

    #[test]
    fn leading_bullets() {
        assert_eq!(
            strip_leading_bullet("○ Distributed").as_deref(),
            Some("Distributed")
        );
        assert_eq!(strip_leading_bullet("  • item").as_deref(), Some("item"));
        assert_eq!(strip_leading_bullet("●○ x").as_deref(), Some("x"));
        assert_eq!(strip_leading_bullet("a • b"), None);
        assert_eq!(strip_leading_bullet(""), None);
    }
}
