//! From the interpreter's glyphs to styled glyphs ready for layout: style from
//! the font, icons typed and their glyphs marked, ligatures expanded, TeX's
//! spacing accents composed onto their letters, fake bold (the same glyph
//! overprinted a fraction of a point apart) merged, off-page glyphs dropped.

use super::fonts::Font;
use super::icons;
use super::interp::{FontTable, Glyph};
use super::links::Link;
use crate::extract::Icon;
use unicode_normalization::UnicodeNormalization;

/// A glyph with everything layout needs.
#[derive(Debug, Clone, PartialEq)]
pub struct G {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    /// Text; empty for an icon glyph.
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Small caps font (headings in moderncv, Awesome-CV).
    pub caps: bool,
    pub icon: Option<Icon>,
    /// Index into the page's links.
    pub link: Option<u16>,
    /// Explicitly a space (a space glyph, or whitespace text).
    pub space: bool,
    /// Character spacing after the glyph, in points.
    pub spacing: f32,
}

/// What preparing a page's glyphs counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub icons: usize,
    pub ligatures: usize,
    pub undecoded: usize,
}

fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

/// The combining mark of a spacing accent glyph (TeX places these over the
/// letter instead of using a precomposed character).
pub fn combining_of(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    if it.next().is_some() {
        return None;
    }
    Some(match c {
        '\u{b4}' | '\u{2ca}' => '\u{301}',
        '`' | '\u{2cb}' => '\u{300}',
        '\u{a8}' => '\u{308}',
        '^' | '\u{2c6}' => '\u{302}',
        '~' | '\u{2dc}' => '\u{303}',
        '\u{af}' | '\u{2c9}' => '\u{304}',
        '\u{2d8}' => '\u{306}',
        '\u{2d9}' => '\u{307}',
        '\u{2da}' => '\u{30a}',
        '\u{b8}' => '\u{327}',
        '\u{2db}' => '\u{328}',
        '\u{2c7}' => '\u{30c}',
        '\u{2dd}' => '\u{30b}',
        _ => return None,
    })
}

/// Prepare a page's glyphs.
pub fn prepare(
    raw: Vec<Glyph>,
    fonts: &FontTable,
    links: &[Link],
    width: f32,
    height: f32,
    counts: &mut Counts,
) -> Vec<G> {
    let mut out: Vec<G> = Vec::with_capacity(raw.len());
    let link_index = LinkIndex::new(links);
    for g in raw {
        let sane = g.size > 0.5 && g.size < 500.0 && g.x0.is_finite() && g.y.is_finite();
        if !sane {
            continue;
        }
        let mid = (g.x0 + g.x1) / 2.0;
        if mid < -1.0 || mid > width + 1.0 || g.y < -2.0 || g.y > height + 2.0 {
            continue;
        }
        let font = fonts.get(g.font);
        let mut icon = None;
        let mut text = g.text;
        let first = text.chars().next();
        if font.icon && (text.is_empty() || !text.trim().is_empty()) {
            icon = Some(icon_of(font, g.code, &text));
        } else if text.is_empty() {
            // An unknown glyph whose name is an icon's (an icon font by another name).
            icon = font
                .glyph_name(g.code)
                .map(icons::from_name)
                .filter(|&i| i != Icon::Other);
        } else if let Some(c) = first.filter(|&c| icons::is_private_use(c)) {
            icon = Some(icons::from_char(c));
        } else if let Some(i) = first.and_then(icons::from_pictograph) {
            if text.chars().count() == 1 {
                icon = Some(i);
            }
        }
        if icon.is_some() {
            counts.icons += 1;
            // An icon font's bullet (moderncv's marvosym, FontAwesome circles)
            // is a bullet to the layout.
            let bulletish = font.glyph_name(g.code).is_some_and(icons::is_bullet_name)
                || (icon == Some(Icon::Other) && icons::is_bullet_name(text.trim()));
            text.clear();
            if bulletish {
                icon = None;
                text.push('•');
            }
        } else if text.is_empty() {
            counts.undecoded += 1;
            continue;
        } else if text.chars().any(|c| ligature(c).is_some()) {
            let mut s = String::with_capacity(text.len() + 2);
            for c in text.chars() {
                match ligature(c) {
                    Some(l) => {
                        counts.ligatures += 1;
                        s.push_str(l);
                    }
                    None => s.push(c),
                }
            }
            text = s;
        }
        let space = icon.is_none() && text.chars().all(char::is_whitespace);
        if icon.is_none() && text.is_empty() {
            continue;
        }
        let link = link_index.find(links, mid, g.y + g.size * 0.3);
        let x1 = if g.x1 > g.x0 {
            g.x1
        } else {
            g.x0 + g.size * 0.01
        };
        let cand = G {
            x0: g.x0,
            x1,
            y: g.y,
            size: g.size,
            text,
            bold: font.bold,
            italic: font.italic,
            caps: font.caps,
            icon,
            link,
            space,
            spacing: g.spacing,
        };
        if overprint(&mut out, &cand) {
            continue;
        }
        out.push(cand);
    }
    compose_accents(&mut out);
    out
}

/// Links bucketed by height, so finding a glyph's link looks at a few.
struct LinkIndex {
    bands: std::collections::HashMap<i32, Vec<u16>>,
}

const BAND: f32 = 16.0;

impl LinkIndex {
    fn new(links: &[Link]) -> Self {
        let mut bands: std::collections::HashMap<i32, Vec<u16>> = std::collections::HashMap::new();
        for (i, l) in links.iter().enumerate().take(u16::MAX as usize) {
            let (a, b) = (
                ((l.y0 - 2.0) / BAND).floor() as i32,
                ((l.y1 + 2.0) / BAND).floor() as i32,
            );
            for k in a..=b.min(a + 200) {
                bands.entry(k).or_default().push(i as u16);
            }
        }
        LinkIndex { bands }
    }

    fn find(&self, links: &[Link], x: f32, y: f32) -> Option<u16> {
        let v = self.bands.get(&((y / BAND).floor() as i32))?;
        v.iter()
            .copied()
            .find(|&i| links[i as usize].contains(x, y))
    }
}

/// The icon of an icon font's glyph: its glyph name, else the name its
/// ToUnicode spells, else its private-use code point.
fn icon_of(font: &Font, code: u32, text: &str) -> Icon {
    if let Some(n) = font.glyph_name(code) {
        let i = icons::from_name(n);
        if i != Icon::Other {
            return i;
        }
    }
    let t = text.trim();
    if t.chars().count() > 1
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return icons::from_name(t);
    }
    match t.chars().next() {
        Some(c) if icons::is_private_use(c) => icons::from_char(c),
        Some(c) => icons::from_pictograph(c).unwrap_or(Icon::Other),
        None => Icon::Other,
    }
}

/// Fake bold: the same glyph drawn again within a fraction of its width.
/// The copy is dropped and the original marked bold.
fn overprint(out: &mut [G], g: &G) -> bool {
    if g.space {
        return false;
    }
    let n = out.len();
    for prev in out[n.saturating_sub(4)..].iter_mut().rev() {
        if prev.text == g.text
            && prev.icon == g.icon
            && (prev.y - g.y).abs() < 0.1 * g.size
            && (prev.x0 - g.x0).abs() < 0.15 * (g.x1 - g.x0).max(g.size * 0.2)
        {
            prev.bold = true;
            return true;
        }
    }
    false
}

/// Put TeX's spacing accents onto the letter they sit over.
fn compose_accents(gs: &mut Vec<G>) {
    let mut i = 0;
    while i < gs.len() {
        let Some(mark) = combining_of(&gs[i].text) else {
            i += 1;
            continue;
        };
        let a = &gs[i];
        let center = (a.x0 + a.x1) / 2.0;
        // The base is a neighbour in drawing order under the accent's centre.
        let mut base = None;
        for j in [i + 1, i.wrapping_sub(1), i + 2, i.wrapping_sub(2)] {
            let Some(b) = gs.get(j) else { continue };
            let letter = b.text.chars().next().is_some_and(char::is_alphabetic);
            if letter
                && b.text.chars().count() == 1
                && center >= b.x0 - 0.05 * b.size
                && center <= b.x1 + 0.05 * b.size
                && (b.y - a.y).abs() < 0.8 * b.size
            {
                base = Some(j);
                break;
            }
        }
        match base {
            Some(j) => {
                let composed: String = gs[j]
                    .text
                    .chars()
                    .chain(std::iter::once(mark))
                    .nfc()
                    .collect();
                gs[j].text = composed;
                gs.remove(i);
                if j < i {
                    continue;
                }
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x0: f32, x1: f32, text: &str) -> G {
        G {
            x0,
            x1,
            y: 100.0,
            size: 10.0,
            text: text.into(),
            bold: false,
            italic: false,
            caps: false,
            icon: None,
            link: None,
            space: false,
            spacing: 0.0,
        }
    }

    #[test]
    fn accents_compose() {
        // "H´emous": the acute is drawn over the e.
        let mut v = vec![
            g(0.0, 7.0, "H"),
            g(8.0, 12.0, "\u{b4}"),
            g(7.5, 12.5, "e"),
            g(12.5, 17.0, "m"),
        ];
        compose_accents(&mut v);
        let s: String = v.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(s, "Hém");
        // An accent standing alone stays.
        let mut v = vec![g(0.0, 5.0, "a"), g(20.0, 24.0, "\u{b4}")];
        compose_accents(&mut v);
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn overprint_merges() {
        let mut out = vec![g(0.0, 6.0, "A")];
        assert!(overprint(&mut out, &g(0.3, 6.3, "A")));
        assert!(out[0].bold);
        assert!(!overprint(&mut out, &g(6.0, 12.0, "A")));
    }

    #[test]
    fn ligatures_and_combining() {
        assert_eq!(ligature('\u{fb01}'), Some("fi"));
        assert_eq!(combining_of("\u{b4}"), Some('\u{301}'));
        assert_eq!(combining_of("e"), None);
    }
}
