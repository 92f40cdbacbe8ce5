//! Repair of UTF-8 text that was decoded as Windows-1252 (or Latin-1) or as Mac Roman.
//!
//! Mojibake of one UTF-8 character is a short run of characters that each stand
//! for one high byte in the wrong 8-bit encoding (`â€”` is E2 80 94, `—`). We
//! re-encode such runs with the encoding's own table (from `encoding_rs`) and
//! accept the bytes only when they form valid UTF-8 *and* the character they
//! decode to is one real text uses (Latin, Greek, Cyrillic, Hebrew, Arabic,
//! punctuation, symbols, emoji, ...). A correct `ä`, `—` or `Kostić` is never a
//! valid lead byte followed by continuation bytes, so it is never touched.

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};
use std::sync::OnceLock;

/// Character -> byte for the high half (0x80..=0xFF) of an 8-bit encoding.
struct Table {
    map: Vec<(char, u8)>,
}

impl Table {
    fn build(enc: &'static Encoding, c1_controls: bool) -> Table {
        let mut map: Vec<(char, u8)> = Vec::with_capacity(160);
        for b in 0x80u8..=0xFF {
            let buf = [b];
            let (s, had_errors) = enc.decode_without_bom_handling(&buf);
            if had_errors {
                continue;
            }
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                map.push((c, b));
            }
        }
        if c1_controls {
            // Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; decoders
            // that pass them through (and Latin-1 decoders, for every byte of
            // 0x80..=0x9F) leave the C1 control of the same value.
            for b in 0x80u8..=0x9F {
                let c = char::from(b);
                if !map.iter().any(|(m, _)| *m == c) {
                    map.push((c, b));
                }
            }
        }
        map.sort_unstable();
        map.dedup_by(|a, b| a.0 == b.0);
        Table { map }
    }

    fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return None;
        }
        self.map
            .binary_search_by(|(k, _)| k.cmp(&c))
            .ok()
            .map(|i| self.map[i].1)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Enc {
    Cp1252,
    MacRoman,
}

fn table(enc: Enc) -> &'static Table {
    static CP: OnceLock<Table> = OnceLock::new();
    static MAC: OnceLock<Table> = OnceLock::new();
    match enc {
        Enc::Cp1252 => CP.get_or_init(|| Table::build(WINDOWS_1252, true)),
        Enc::MacRoman => MAC.get_or_init(|| Table::build(MACINTOSH, false)),
    }
}

/// How sure a decoded character is.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Trust {
    /// A character real text is full of (accented letters, dashes, quotes, emoji).
    Sure,
    /// CJK or Hangul: plausible, but a single one could come from real European
    /// text by chance (`é…»`), so it needs a repaired neighbour.
    Weak,
}

fn trust(c: char, len: usize, enc: Enc) -> Option<Trust> {
    let u = c as u32;
    match len {
        2 if enc == Enc::MacRoman => {
            // Mac Roman lead bytes beyond 0xC5 are quotes and dashes (`“Ä` would
            // decode to Cyrillic), so only Latin-1/Latin Extended-A and combining
            // marks are accepted.
            matches!(u, 0xA0..=0x17F | 0x300..=0x36F).then_some(Trust::Sure)
        }
        2 => matches!(u,
            0xA0..=0x24F      // Latin-1 Supplement, Latin Extended-A/B
            | 0x300..=0x36F   // combining marks (decomposed text)
            | 0x370..=0x3FF   // Greek
            | 0x400..=0x4FF   // Cyrillic
            | 0x5D0..=0x5EA   // Hebrew letters
            | 0x600..=0x6FF   // Arabic, Persian
        )
        .then_some(Trust::Sure),
        3 => match u {
            0x1E00..=0x1EFF     // Latin Extended Additional (Vietnamese)
            | 0x2000..=0x2BFF   // punctuation, currency, letterlike, arrows, math, symbols
            | 0xE000..=0xF8FF   // private use (icon fonts; the icon pass removes them)
            | 0xFB00..=0xFB06   // ligatures
            | 0xFE0F            // emoji variation selector
            | 0xFEFF            // byte order mark
            | 0xFFFD => Some(Trust::Sure),
            0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF => Some(Trust::Weak),
            _ => None,
        },
        4 => Some(Trust::Sure),
        _ => None,
    }
}

/// Try to read one mojibake'd UTF-8 character at the start of `s`.
/// Returns the character, the number of bytes of `s` it replaces, and its trust.
fn decode_at(s: &str) -> Option<(char, usize, Trust)> {
    for enc in [Enc::Cp1252, Enc::MacRoman] {
        let t = table(enc);
        let mut chars = s.char_indices();
        let (_, c0) = chars.next()?;
        let Some(lead) = t.byte(c0) else {
            continue;
        };
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => continue,
        };
        let mut bytes = [lead, 0, 0, 0];
        let mut end = c0.len_utf8();
        let mut ok = true;
        for slot in bytes.iter_mut().take(len).skip(1) {
            match chars.next() {
                Some((i, c)) => match t.byte(c) {
                    Some(b @ 0x80..=0xBF) => {
                        *slot = b;
                        end = i + c.len_utf8();
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                },
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let Ok(decoded) = std::str::from_utf8(&bytes[..len]) else {
            continue;
        };
        let Some(c) = decoded.chars().next() else {
            continue;
        };
        if let Some(tr) = trust(c, len, enc) {
            return Some((c, end, tr));
        }
    }
    None
}

/// One pass over the text; returns the text and the number of repaired runs.
fn repair_once(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut runs = 0;
    let mut in_run = false;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        // Fast path over ASCII, which never starts mojibake.
        let ascii = rest.bytes().take_while(|b| b.is_ascii()).count();
        if ascii > 0 {
            out.push_str(&rest[..ascii]);
            i += ascii;
            in_run = false;
            continue;
        }
        if let Some((c, n, tr)) = decode_at(rest) {
            let accept = tr == Trust::Sure || in_run || decode_at(&rest[n..]).is_some();
            if accept {
                out.push(c);
                i += n;
                if !in_run {
                    runs += 1;
                    in_run = true;
                }
                continue;
            }
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
        in_run = false;
    }
    (out, runs)
}

/// Repair mojibake where the repair is certain; counts one fix per repaired run.
pub fn repair(s: &str, count: &mut usize) -> String {
    repair_opt(s, count).unwrap_or_else(|| s.to_string())
}

/// [`repair`], or `None` when nothing was repaired.
pub fn repair_opt(s: &str, count: &mut usize) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let (mut out, runs) = repair_once(s);
    if runs == 0 {
        return None;
    }
    *count += runs;
    // Text that went through the wrong decoding twice (`Ã¢â‚¬â„¢`) needs a second
    // pass; the runs were counted once already.
    for _ in 0..2 {
        let (again, n) = repair_once(&out);
        if n == 0 {
            break;
        }
        out = again;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> (String, usize) {
        let mut n = 0;
        let out = repair(s, &mut n);
        (out, n)
    }

    #[test]
    fn windows_1252_seed_cases() {
        assert_eq!(fix("relatedâ€”or").0, "related—or");
        assert_eq!(fix("1Ã— R1").0, "1× R1");
        assert_eq!(
            fix("Systems ðŸ™‚ (21/12/2023)").0,
            "Systems 🙂 (21/12/2023)"
        );
        assert_eq!(fix("M. MÃ¼hlhÃ¤user"), ("M. Mühlhäuser".into(), 2));
        assert_eq!(fix("masterâ€™s").0, "master’s");
        assert_eq!(
            fix("Fall â€™24 & Summer â€™25"),
            ("Fall ’24 & Summer ’25".into(), 2)
        );
        assert_eq!(fix("Technische UniversitÃ¤t").0, "Technische Universität");
    }

    #[test]
    fn mac_roman() {
        assert_eq!(
            fix("Technische Universit√§t Ilmenau"),
            ("Technische Universität Ilmenau".into(), 1)
        );
        assert_eq!(fix("‚Äî").0, "—");
        assert_eq!(fix("Kosti√ß").0, "Kostiç");
    }

    #[test]
    fn adjacent_characters_are_one_run() {
        // Two mojibake'd characters with nothing between them: one fix.
        assert_eq!(fix("â€œquoteâ€\u{9d}"), ("“quote”".into(), 2));
        assert_eq!(fix("Ã¤Ã¶Ã¼"), ("äöü".into(), 1));
    }

    #[test]
    fn undefined_windows_1252_bytes_as_c1_controls() {
        // Á is C3 81; 0x81 is undefined in Windows-1252 and survives as U+0081.
        assert_eq!(fix("Ã\u{81}lvaro").0, "Álvaro");
        // Right double quote is E2 80 9D.
        assert_eq!(fix("â€\u{9d}").0, "”");
        // Latin-1 decoding leaves every 0x80..0x9F byte as a C1 control.
        assert_eq!(fix("â\u{80}\u{94}").0, "—");
    }

    #[test]
    fn double_encoding() {
        let (out, n) = fix("itÃ¢â‚¬â„¢s");
        assert_eq!(out, "it’s");
        assert_eq!(n, 1);
    }

    #[test]
    fn correct_text_is_untouched() {
        for s in [
            "Mühlhäuser ä ö ü ß",
            "a — b – c",
            "Dejan Kostić",
            "75/398 ≈ 18.8%",
            "Café, résumé, naïve, Ångström, Øresund",
            "„Fuß“ and «CAFÉ»",
            "“Über” and ‘Ärger’",
            "word—éclair",
            "« Le café…» dit-il",
            "Ελληνικά, русский, العربية, 日本語, 한국어",
            "¿Cómo? ¡Sí! 20 °C, 5 €, © 2024, ® ™",
            "plain ASCII",
        ] {
            assert_eq!(fix(s), (s.to_string(), 0), "{s}");
        }
    }

    #[test]
    fn broken_sequences_are_left() {
        // A lead byte with a missing continuation is not certain.
        assert_eq!(fix("Ã alone").0, "Ã alone");
        assert_eq!(fix("â€ end").0, "â€ end");
    }

    #[test]
    fn cjk_needs_a_neighbour() {
        // 日本 as mojibake (E6 97 A5 E6 9C AC) is repaired: two CJK in a row.
        assert_eq!(fix("æ—¥æœ¬").0, "日本");
        // A lone 3-byte CJK decode is not certain enough.
        assert_eq!(fix("é…» x").0, "é…» x");
    }
}
