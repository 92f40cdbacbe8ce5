//! A tokenizer for content streams and CMaps.
//!
//! lopdf's `Content::decode` builds a full object tree and takes ~40 ms on a
//! 6-page CV; this reads operands into a reused buffer and hands each operator
//! to the caller, which is an order of magnitude faster. It never fails: junk
//! bytes are skipped, unbalanced arrays are closed at the end of input.

use std::borrow::Cow;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Num(f64),
    Name(Cow<'a, [u8]>),
    Str(Vec<u8>),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(Cow<'a, [u8]>, Operand<'a>)>),
    Bool(bool),
    Null,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// Arrays and dictionaries nested deeper than this are flattened away, so a
/// hostile stream cannot overflow the stack.
const MAX_DEPTH: usize = 16;

pub struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | 0)
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

enum Tok<'a> {
    Operand(Operand<'a>),
    Op(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Lexer { buf, pos: 0 }
    }

    /// Read operands into `ops` (cleared first) up to the next operator, and
    /// return the operator; `None` at the end of input. Inline images
    /// (`BI ... ID data EI`) are skipped whole and reported as `EI`.
    pub fn next_op(&mut self, ops: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        ops.clear();
        loop {
            match self.token()? {
                Tok::Operand(o) => ops.push(o),
                Tok::ArrayStart => {
                    let a = self.array(0);
                    ops.push(a);
                }
                Tok::DictStart => {
                    let d = self.dict(0);
                    ops.push(d);
                }
                Tok::ArrayEnd | Tok::DictEnd => {}
                Tok::Op(b"ID") => {
                    self.skip_inline_image();
                    ops.clear();
                    return Some(b"EI");
                }
                Tok::Op(op) => return Some(op),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        while let Some(t) = self.token() {
            match t {
                Tok::Operand(o) => items.push(o),
                Tok::ArrayStart if depth < MAX_DEPTH => items.push(self.array(depth + 1)),
                Tok::DictStart if depth < MAX_DEPTH => items.push(self.dict(depth + 1)),
                Tok::ArrayEnd => break,
                // An operator inside an array is malformed: keep it out of the array.
                Tok::Op(_) | Tok::DictEnd | Tok::ArrayStart | Tok::DictStart => {}
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        let mut key: Option<Cow<'a, [u8]>> = None;
        while let Some(t) = self.token() {
            let value = match t {
                Tok::DictEnd => break,
                Tok::Operand(Operand::Name(n)) if key.is_none() => {
                    key = Some(n);
                    continue;
                }
                Tok::Operand(o) => o,
                Tok::ArrayStart if depth < MAX_DEPTH => self.array(depth + 1),
                Tok::DictStart if depth < MAX_DEPTH => self.dict(depth + 1),
                _ => continue,
            };
            if let Some(k) = key.take() {
                items.push((k, value));
            }
        }
        Operand::Dict(items)
    }

    fn skip_ws(&mut self) {
        while self.pos < self.buf.len() {
            let b = self.buf[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.buf.len() && !matches!(self.buf[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self) -> Option<Tok<'a>> {
        loop {
            self.skip_ws();
            let b = *self.buf.get(self.pos)?;
            match b {
                b'[' => {
                    self.pos += 1;
                    return Some(Tok::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Tok::ArrayEnd);
                }
                b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    return Some(Tok::DictStart);
                }
                b'>' if self.buf.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Some(Tok::DictEnd);
                }
                b'<' => return Some(Tok::Operand(Operand::Str(self.hex_string()))),
                b'(' => return Some(Tok::Operand(Operand::Str(self.literal_string()))),
                b'/' => return Some(Tok::Operand(Operand::Name(self.name()))),
                b'0'..=b'9' | b'+' | b'-' | b'.' => return Some(Tok::Operand(self.number())),
                b')' | b'>' | b'{' | b'}' => {
                    // Stray delimiters: skip.
                    self.pos += 1;
                }
                _ => {
                    let start = self.pos;
                    while self.pos < self.buf.len() {
                        let c = self.buf[self.pos];
                        if is_white(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    let word = &self.buf[start..self.pos];
                    return Some(match word {
                        b"true" => Tok::Operand(Operand::Bool(true)),
                        b"false" => Tok::Operand(Operand::Bool(false)),
                        b"null" => Tok::Operand(Operand::Null),
                        _ => Tok::Op(word),
                    });
                }
            }
        }
    }

    fn number(&mut self) -> Operand<'a> {
        let start = self.pos;
        let mut neg = false;
        // Tolerate repeated signs ("--5"), as readers do.
        while self.pos < self.buf.len() && matches!(self.buf[self.pos], b'+' | b'-') {
            neg ^= self.buf[self.pos] == b'-';
            self.pos += 1;
        }
        let mut int: f64 = 0.0;
        let mut frac: f64 = 0.0;
        let mut scale: f64 = 1.0;
        let mut dot = false;
        let mut digits = 0;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            match c {
                b'0'..=b'9' => {
                    digits += 1;
                    if dot {
                        scale /= 10.0;
                        frac += f64::from(c - b'0') * scale;
                    } else {
                        int = int * 10.0 + f64::from(c - b'0');
                    }
                }
                b'.' if !dot => dot = true,
                // A second dot or a sign inside a number: junk, swallow it.
                b'.' | b'+' | b'-' => {}
                _ => break,
            }
            self.pos += 1;
        }
        if digits == 0 && self.pos == start {
            self.pos += 1;
        }
        let v = int + frac;
        Operand::Num(if neg { -v } else { v })
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            if is_white(c) || is_delim(c) {
                break;
            }
            escaped |= c == b'#';
            self.pos += 1;
        }
        let raw = &self.buf[start..self.pos];
        if !escaped {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' && i + 2 < raw.len() {
                if let (Some(h), Some(l)) = (hex_val(raw[i + 1]), hex_val(raw[i + 2])) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
            }
            out.push(raw[i]);
            i += 1;
        }
        Cow::Owned(out)
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        _ => out.push(e),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Skip an inline image's data: after `ID` and one white byte, up to an
    /// `EI` standing between white bytes (or the end).
    fn skip_inline_image(&mut self) {
        self.pos += 1;
        let b = self.buf;
        while self.pos + 1 < b.len() {
            if b[self.pos] == b'E'
                && b[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(b[self.pos - 1])
                && b.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = b.len();
    }
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(s: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(s);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(op) = lx.next_op(&mut buf) {
            out.push((String::from_utf8_lossy(op).into_owned(), buf.clone()));
        }
        out
    }

    #[test]
    fn reads_operators_and_operands() {
        let o = ops(b"BT /F1 9.96 Tf 1 0 0 1 72.5 -.5 Tm [(A)-250(B\\051)] TJ <4142> Tj ET");
        assert_eq!(o[0].0, "BT");
        assert_eq!(
            o[1].1,
            vec![Operand::Name(Cow::Borrowed(b"F1")), Operand::Num(9.96)]
        );
        assert_eq!(o[2].1[5], Operand::Num(-0.5));
        assert_eq!(
            o[3].1[0],
            Operand::Array(vec![
                Operand::Str(b"A".to_vec()),
                Operand::Num(-250.0),
                Operand::Str(b"B)".to_vec())
            ])
        );
        assert_eq!(o[4].1[0], Operand::Str(b"AB".to_vec()));
        assert_eq!(o[5].0, "ET");
    }

    #[test]
    fn strings_escapes_and_nesting() {
        let o = ops(b"(a(b)c\\n\\101\\\nd) Tj <4 1 4> Tj /A#20B Do");
        assert_eq!(o[0].1[0], Operand::Str(b"a(b)c\nAd".to_vec()));
        assert_eq!(o[1].1[0], Operand::Str(vec![0x41, 0x40]));
        assert_eq!(o[2].1[0], Operand::Name(Cow::Owned(b"A B".to_vec())));
    }

    #[test]
    fn skips_inline_images_and_junk() {
        let o = ops(b"q BI /W 2 /H 2 ID \x00EI\xff\xfe EI Q ) } 1..2 --3 w");
        let names: Vec<&str> = o.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["q", "BI", "EI", "Q", "w"]);
        assert_eq!(o[4].1, vec![Operand::Num(1.2), Operand::Num(3.0)]);
    }

    #[test]
    fn unbalanced_input_ends() {
        let o = ops(b"[(a) [[[ << /K [1 2");
        assert!(o.is_empty());
        let o = ops(b"BDC << /MCID 3 /Alt (x) >> BDC");
        assert_eq!(o.len(), 2);
    }
}
