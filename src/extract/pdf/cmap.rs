//! CMaps: `ToUnicode` maps (codes to text) and encoding CMaps (codes to CIDs,
//! with the code space that says how many bytes a code takes).
//!
//! Every map is kept as the ranges the file wrote (a `bfchar` or `cidchar`
//! is a range of one code), sorted by their first code and looked up by
//! binary search: a range of a million codes costs one entry, and a lookup
//! costs a logarithm of the number of ranges however many there are.

use super::lexer::{Lexer, Operand};

/// Overlapping ranges looked at per lookup, walking back from the last one
/// that starts at or before the code.
const MAX_OVERLAP: usize = 16;

#[derive(Debug, Clone)]
enum Dst {
    /// One text for the whole range (a `bfchar`).
    Text(String),
    /// UTF-16 units of the first code's text; the last unit counts up.
    Bump(Vec<u16>),
    /// One text per code (an array destination).
    List(Vec<Option<String>>),
}

/// Ranges (low, high) sorted by low, with each one's definition order and
/// the largest high up to it, for lookups by binary search.
#[derive(Debug, Clone)]
pub struct Ranges<T> {
    items: Vec<(u32, u32, u32, T)>,
    reach: Vec<u32>,
}

impl<T> Default for Ranges<T> {
    fn default() -> Self {
        Ranges {
            items: Vec::new(),
            reach: Vec::new(),
        }
    }
}

impl<T> Ranges<T> {
    pub fn push(&mut self, lo: u32, hi: u32, v: T) {
        let seq = self.items.len() as u32;
        self.items.push((lo, hi, seq, v));
    }

    /// Sort the ranges pushed; call before [`Ranges::find`].
    pub fn finish(&mut self) {
        self.items.sort_by_key(|r| r.0);
        let mut m = 0;
        self.reach = self
            .items
            .iter()
            .map(|r| {
                m = m.max(r.1);
                m
            })
            .collect();
    }

    /// The range holding `code` defined last, and its low end.
    pub fn find(&self, code: u32) -> Option<(u32, &T)> {
        let mut j = self.items.partition_point(|r| r.0 <= code);
        let mut best: Option<&(u32, u32, u32, T)> = None;
        for _ in 0..MAX_OVERLAP {
            if j == 0 || self.reach[j - 1] < code {
                break;
            }
            j -= 1;
            let r = &self.items[j];
            if r.1 >= code && best.is_none_or(|b| r.2 > b.2) {
                best = Some(r);
            }
        }
        best.map(|r| (r.0, &r.3))
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// (bytes, low, high) of each code space range, sorted.
    pub codespace: Vec<(u8, u32, u32)>,
    bf: Ranges<Dst>,
    cids: Ranges<u32>,
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
                                let c = code_of(src);
                                m.bf.push(c, c, Dst::Text(t));
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
                            let c = code_of(src);
                            m.cids.push(c, c, *cid as u32);
                        }
                    }
                }
                b"endcidrange" => {
                    for tri in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), Operand::Num(cid)] = tri {
                            let (lo, hi) = (code_of(lo), code_of(hi));
                            if hi >= lo {
                                m.cids.push(lo, hi, *cid as u32);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        m.codespace.sort_unstable();
        m.bf.finish();
        m.cids.finish();
        m
    }

    fn add_bfrange(&mut self, lo: u32, hi: u32, dst: &Operand) {
        if hi < lo {
            return;
        }
        match dst {
            Operand::Str(s) => {
                let units = utf16_units(s);
                if !units.is_empty() {
                    self.bf.push(lo, hi, Dst::Bump(units));
                }
            }
            Operand::Array(items) => {
                let n = (hi - lo) as usize + 1;
                let list: Vec<Option<String>> = items.iter().take(n).map(dst_text).collect();
                if !list.is_empty() {
                    let hi = lo + (list.len() as u32 - 1);
                    self.bf.push(lo, hi, Dst::List(list));
                }
            }
            _ => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bf.is_empty()
    }

    /// The text a code maps to (ToUnicode).
    pub fn unicode(&self, code: u32) -> Option<String> {
        let (lo, dst) = self.bf.find(code)?;
        match dst {
            Dst::Text(t) => Some(t.clone()),
            Dst::Bump(units) => Some(text_of_units(&bump(units, code - lo))),
            Dst::List(l) => l.get((code - lo) as usize).cloned().flatten(),
        }
    }

    /// The CID a code selects (encoding CMap).
    pub fn cid(&self, code: u32) -> Option<u32> {
        let (lo, start) = self.cids.find(code)?;
        Some(start.wrapping_add(code - lo))
    }

    /// Whether a code space range of `n` bytes holds `c` (the ranges are
    /// sorted by length then low end).
    fn in_codespace(&self, n: u8, c: u32) -> bool {
        let j = self
            .codespace
            .partition_point(|&(len, lo, _)| (len, lo) <= (n, c));
        self.codespace[..j]
            .iter()
            .rev()
            .take(MAX_OVERLAP)
            .take_while(|r| r.0 == n)
            .any(|r| r.2 >= c)
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
            if self.in_codespace(n as u8, c) {
                return (c, n);
            }
        }
        // No range matches: take the shortest code length the map uses.
        let n = usize::from(self.codespace[0].0).min(bytes.len()).max(1);
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
        assert_eq!(m.cid(0x817f), None);
        assert_eq!(empty.next_code(&[1, 2, 3], 2), (0x0102, 2));
        assert_eq!(empty.next_code(&[1], 2), (1, 1));
    }

    #[test]
    fn wide_ranges_stay_ranges_and_later_definitions_win() {
        let m = CMap::parse(
            b"1 begincodespacerange <0000> <ffff> endcodespacerange
             1 beginbfrange <0000> <ffff> <0041> endbfrange
             1 beginbfchar <0005> <0078> endbfchar
             1 beginbfrange <0100> <01ff> [<0061> <0062>] endbfrange",
        );
        assert_eq!(m.bf.items.len(), 3);
        assert_eq!(m.unicode(5).as_deref(), Some("x"));
        assert_eq!(m.unicode(6).as_deref(), Some("G"));
        assert_eq!(m.unicode(0x101).as_deref(), Some("b"));
        // Past the array's end the wide range applies again.
        assert_eq!(m.unicode(0x102).as_deref(), Some("\u{143}"));
    }

    #[test]
    fn many_ranges_are_found_by_binary_search() {
        let mut src = String::from("20000 begincodespacerange\n");
        for i in 0..20000u32 {
            src.push_str(&format!("<{:04x}> <{:04x}>\n", i * 3, i * 3 + 1));
        }
        src.push_str("endcodespacerange\n20000 beginbfrange\n");
        for i in 0..20000u32 {
            src.push_str(&format!("<{:04x}> <{:04x}> <4e00>\n", i * 3, i * 3 + 1));
        }
        src.push_str("endbfrange");
        let m = CMap::parse(src.as_bytes());
        let t = std::time::Instant::now();
        for i in 0..200_000u32 {
            let c = i % 60000;
            let hit = m.unicode(c).is_some();
            assert_eq!(hit, c % 3 != 2, "{c}");
            assert_eq!(m.next_code(&[(c >> 8) as u8, c as u8], 1).1, 2);
        }
        assert!(t.elapsed().as_secs() < 5);
    }
}
