//! CMaps: `ToUnicode` maps (codes to text) and encoding CMaps (codes to CIDs,
//! with the code space that says how many bytes a code takes).

use super::lexer::{Lexer, Operand};
use std::collections::HashMap;

/// Ranges up to this size are expanded into the code table; larger ones (a
/// whole-plane identity map) are kept as ranges.
const EXPAND_LIMIT: u32 = 1024;

#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// (bytes, low, high) of each code space range.
    pub codespace: Vec<(u8, u32, u32)>,
    chars: HashMap<u32, String>,
    /// Large bfranges: (low, high, first destination as UTF-16 units).
    ranges: Vec<(u32, u32, Vec<u16>)>,
    cids: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
}

fn code_of(s: &[u8]) -> u32 {
    s.iter().take(4).fold(0u32, |a, &b| a << 8 | u32::from(b))
}

fn utf16_units(s: &[u8]) -> Vec<u16> {
    s.chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from(c[0]) << 8 | u16::from(c[1])
            } else {
                u16::from(c[0])
            }
        })
        .collect()
}

fn text_of_units(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

fn dst_text(o: &Operand) -> Option<String> {
    match o {
        Operand::Str(s) => Some(text_of_units(&utf16_units(s))),
        Operand::Name(n) => super::glyphlist::unicode_of(&String::from_utf8_lossy(n)),
        _ => None,
    }
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut m = CMap::default();
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                            let n = lo.len().clamp(1, 4) as u8;
                            m.codespace.push((n, code_of(lo), code_of(hi)));
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(src), dst] = pair {
                            if let Some(t) = dst_text(dst) {
                                m.chars.insert(code_of(src), t);
                            }
                        }
                    }
                }
                b"endbfrange" => {
                    for tri in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), dst] = tri {
                            m.add_bfrange(code_of(lo), code_of(hi), dst);
                        }
                    }
                }
                b"endcidchar" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(src), Operand::Num(cid)] = pair {
                            m.cids.insert(code_of(src), *cid as u32);
                        }
                    }
                }
                b"endcidrange" => {
                    for tri in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), Operand::Num(cid)] = tri {
                            let (lo, hi) = (code_of(lo), code_of(hi));
                            if hi >= lo {
                                m.cid_ranges.push((lo, hi, *cid as u32));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        m
    }

    fn add_bfrange(&mut self, lo: u32, hi: u32, dst: &Operand) {
        if hi < lo {
            return;
        }
        match dst {
            Operand::Str(s) => {
                let units = utf16_units(s);
                if units.is_empty() {
                    return;
                }
                if hi - lo < EXPAND_LIMIT {
                    for (i, code) in (lo..=hi).enumerate() {
                        self.chars
                            .insert(code, text_of_units(&bump(&units, i as u32)));
                    }
                } else {
                    self.ranges.push((lo, hi, units));
                }
            }
            Operand::Array(items) => {
                for (code, item) in (lo..=hi).zip(items.iter()) {
                    if let Some(t) = dst_text(item) {
                        self.chars.insert(code, t);
                    }
                }
            }
            _ => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// The text a code maps to (ToUnicode).
    pub fn unicode(&self, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        self.ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, units)| text_of_units(&bump(units, code - lo)))
    }

    /// The CID a code selects (encoding CMap).
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(c) = self.cids.get(&code) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, start)| start + (code - lo))
    }

    /// Split the next code off `bytes` by the code space: (code, bytes used).
    /// With no code space, `default_len` bytes.
    pub fn next_code(&self, bytes: &[u8], default_len: usize) -> (u32, usize) {
        if self.codespace.is_empty() {
            let n = default_len.clamp(1, 4).min(bytes.len()).max(1);
            return (code_of(&bytes[..n.min(bytes.len())]), n);
        }
        for n in 1..=4usize {
            if n > bytes.len() {
                break;
            }
            let c = code_of(&bytes[..n]);
            if self
                .codespace
                .iter()
                .any(|&(len, lo, hi)| usize::from(len) == n && (lo..=hi).contains(&c))
            {
                return (c, n);
            }
        }
        // No range matches: take the shortest code length the map uses.
        let n = self
            .codespace
            .iter()
            .map(|&(len, _, _)| usize::from(len))
            .min()
            .unwrap_or(1)
            .min(bytes.len())
            .max(1);
        (code_of(&bytes[..n.min(bytes.len())]), n)
    }
}

/// The destination of a range's `i`-th code: the last unit incremented.
fn bump(units: &[u16], i: u32) -> Vec<u16> {
    let mut v = units.to_vec();
    if let Some(last) = v.last_mut() {
        *last = last.wrapping_add(i as u16);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <00B1> <00660069> endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> <D83DDE00>] endbfrange
1 beginbfrange <1000> <FFFF> <4E00> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn to_unicode_maps() {
        let m = CMap::parse(TOUNICODE);
        assert_eq!(m.codespace, vec![(2, 0, 0xffff)]);
        assert_eq!(m.unicode(3).as_deref(), Some(" "));
        assert_eq!(m.unicode(0xb1).as_deref(), Some("fi"));
        assert_eq!(m.unicode(0x25).as_deref(), Some("B"));
        assert_eq!(m.unicode(0x31).as_deref(), Some("😀"));
        assert_eq!(m.unicode(0x1001).as_deref(), Some("\u{4e01}"));
        assert_eq!(m.unicode(0x27), None);
        assert_eq!(m.next_code(&[0, 3, 0, 4], 1), (3, 2));
    }

    #[test]
    fn encoding_cmaps() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
             1 begincidrange <8140> <817e> 633 endcidrange 1 begincidchar <20> 1 endcidchar",
        );
        assert_eq!(m.next_code(&[0x41, 0x81, 0x40], 1), (0x41, 1));
        assert_eq!(m.next_code(&[0x81, 0x41], 1), (0x8141, 2));
        assert_eq!(m.cid(0x8141), Some(634));
        assert_eq!(m.cid(0x20), Some(1));
        let empty = CMap::default();
        assert_eq!(empty.next_code(&[1, 2, 3], 2), (0x0102, 2));
        assert_eq!(empty.next_code(&[1], 2), (1, 1));
    }
}
