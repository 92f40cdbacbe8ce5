//! Helpers shared by the integration tests: the string hygiene checker (the
//! contract's "text is clean" rules, as a test can see them) and file walking.
//!
//! Each test binary uses only part of this module.
#![allow(dead_code)]

use regex::Regex;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

/// One string that breaks a hygiene rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Where in the JSON: `work[2].highlights[0]`.
    pub path: String,
    /// Which rule, in words.
    pub rule: String,
    pub value: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {:?}", self.path, self.rule, self.value)
    }
}

/// Every string value in `v` (object keys are the contract's own and not checked).
pub fn check_value(v: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    walk(v, &mut String::new(), &mut out);
    out
}

fn walk(v: &Value, path: &mut String, out: &mut Vec<Violation>) {
    match v {
        Value::String(s) => {
            for rule in string_problems(s) {
                out.push(Violation {
                    path: if path.is_empty() {
                        "$".into()
                    } else {
                        path.clone()
                    },
                    rule,
                    value: s.clone(),
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                walk(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The pictographs converters emit for icon fonts (seed 002), which are never prose.
const ICON_PICTOGRAPHS: [char; 5] = ['🔾', '🔹', '🛭', '🗘', '💆'];
const LIGATURES: [char; 5] = ['ﬁ', 'ﬂ', 'ﬀ', 'ﬃ', 'ﬄ'];
const ZERO_WIDTH: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
/// Awesome-CV's icon names that leak into extracted text as words.
const ICON_NAMES: [&str; 5] = [
    "HOUSE-CHIMNEY",
    "GITHUB-SQUARE",
    "LINKEDIN",
    "ENVELOPE",
    "MOBILE",
];

/// What Windows-1252 shows for UTF-8 continuation bytes 0x80..=0xBF: after `Ã`,
/// `Ä`, `Å` or `Â` one of these means UTF-8 was read as Windows-1252 (`Ã¼` for
/// `ü`), while `Ã` or `Å` before a letter is real text (`SÃO PAULO`, `Åse`).
fn cp1252_continuation(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{BF}')
        || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
        || matches!(c, '\u{81}' | '\u{8D}' | '\u{8F}' | '\u{90}' | '\u{9D}')
}

/// What Mac Roman shows for UTF-8 continuation bytes 0x80..=0xBF (after `√`,
/// which is Mac Roman's 0xC3): `√§` for `ä`.
fn macroman_continuation(c: char) -> bool {
    "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø".contains(c)
}

/// An HTML tag as CommonMark defines one (open, closing or self-closing, with
/// well-formed attributes). Literal angle brackets around prose, as in Awesome-CV's
/// `Presenter for <Metasploit 101>`, are text and do not match.
fn html_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let attr = r#"\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?"#;
        // Only HTML's own element names: `<Metasploit101>` squashed from a talk title
        // `<Metasploit 101>` is text, not a tag.
        let name = r"(?i:a|abbr|b|big|blockquote|br|center|cite|code|dd|del|details|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|tt|u|ul|video|iframe|script|style|link|meta|section|article|header|footer|nav|figure|figcaption|picture|source|svg|path|button|input|form|label|select|option|textarea|object|embed|body|html|head|title)";
        Regex::new(&format!(
            r"<{name}({attr})*\s*/?>|</{name}\s*>"
        ))
        .expect("valid regex")
    })
}

fn icon_name() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Whole words, upper case as the icon font names them; `LinkedIn` in prose is fine,
        // and so is a label in capitals before a colon (`MOBILE: Expo, React Native`, a
        // skill category): a leaked icon name stands before its value with no colon.
        let alts: Vec<String> = ICON_NAMES.iter().map(|n| regex::escape(n)).collect();
        Regex::new(&format!(
            r"(^|[^A-Za-z0-9-])({})($|[^A-Za-z0-9:-])",
            alts.join("|")
        ))
        .expect("valid regex")
    })
}

/// The rules a string breaks (empty when clean).
pub fn string_problems(s: &str) -> Vec<String> {
    let mut p = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    for &c in &chars {
        let cp = c as u32;
        if (0xE000..=0xF8FF).contains(&cp) || cp >= 0xF0000 {
            p.push(format!("private-use icon glyph U+{cp:04X}"));
        } else if ICON_PICTOGRAPHS.contains(&c) {
            p.push(format!("icon pictograph {c}"));
        } else if c == '\u{FFFD}' {
            p.push("replacement character U+FFFD".into());
        } else if LIGATURES.contains(&c) {
            p.push(format!("ligature {c}"));
        } else if c == '\u{AD}' {
            p.push("soft hyphen U+00AD".into());
        } else if ZERO_WIDTH.contains(&c) {
            p.push(format!("zero-width character U+{cp:04X}"));
        } else if c.is_control() && c != '\n' {
            p.push(format!("control character U+{cp:04X}"));
        }
    }
    for w in chars.windows(2) {
        let bad = match w[0] {
            // Lead bytes 0xC3-0xC5 (Latin-1 and Latin Extended-A: `ü`, `ı`, `ł`).
            'Ã' | 'Ä' | 'Å' => cp1252_continuation(w[1]),
            // `Â ` is a no-break space read as Windows-1252 then normalized to a space.
            'Â' => cp1252_continuation(w[1]) || w[1] == ' ',
            '√' => macroman_continuation(w[1]),
            _ => false,
        };
        if bad {
            p.push(format!("mojibake {}{}", w[0], w[1]));
        }
    }
    for m in ["â€", "ðŸ"] {
        if s.contains(m) {
            p.push(format!("mojibake {m}"));
        }
    }
    if let Some(m) = html_tag().find(s) {
        p.push(format!("HTML tag {}", m.as_str()));
    }
    for (needle, what) in [
        ("**", "Markdown bold **"),
        ("](", "Markdown link ]("),
        ("$\\", "LaTeX $\\"),
        ("{{", "Liquid {{"),
        ("{%", "Liquid {%"),
        (".....", "dotted leader"),
        ("  ", "double space"),
    ] {
        if s.contains(needle) {
            p.push(what.into());
        }
    }
    if let Some(c) = icon_name().captures(s) {
        p.push(format!("icon name {}", &c[2]));
    }
    if s != s.trim() {
        p.push("leading or trailing whitespace".into());
    }
    if !is_nfc(s) {
        p.push("not NFC".into());
    }
    p
}

/// The crate's root folder.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus of real CVs: `$VITAE_CORPUS`, else `../shared/corpus` beside the crate.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("VITAE_CORPUS") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => crate_dir().join("../shared/corpus"),
    };
    dir.is_dir().then_some(dir)
}

/// Every file under `dir` whose name ends with `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(dir, ext, &mut out);
    out.sort();
    out
}

fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect(&p, ext, out);
        } else if p.to_string_lossy().ends_with(ext) {
            out.push(p);
        }
    }
}

/// Every golden profile, `golden/**/*.json`.
pub fn golden_files() -> Vec<PathBuf> {
    files_with_ext(&crate_dir().join("golden"), ".json")
}
