//! Small lopdf helpers that follow references and never fail loudly.

use crate::extract::budget::Budget;
use pdf_extract::{Dictionary, Document, Object, Stream};

static NULL: Object = Object::Null;

/// Follow references (a bounded number of times); a dangling one is `null`.
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(x) => o = x,
                Err(_) => return &NULL,
            },
            _ => return o,
        }
    }
    &NULL
}

pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

pub fn as_num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

pub fn num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    get(doc, d, key).and_then(as_num)
}

pub fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, d, key)? {
        Object::Dictionary(x) => Some(x),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub fn stream<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, d, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// A stream's decoded bytes within the document's budget ([`decode`]).
pub fn content(s: &Stream, budget: &mut Budget) -> Vec<u8> {
    super::decode::decode(s, budget)
}

/// Numbers of an array (missing or non-numeric items skipped).
pub fn nums(doc: &Document, a: &[Object]) -> Vec<f64> {
    a.iter().filter_map(|o| as_num(deref(doc, o))).collect()
}

/// A PDF text string (PDFDocEncoding or UTF-16 with a BOM) as Rust text.
pub fn text_string(bytes: &[u8]) -> String {
    if bytes.len() >= 2 && bytes[0] == 0xfe && bytes[1] == 0xff {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if bytes.len() >= 3 && bytes[..3] == [0xef, 0xbb, 0xbf] {
        return String::from_utf8_lossy(&bytes[3..]).into_owned();
    }
    bytes.iter().map(|&b| pdfdoc_char(b)).collect()
}

/// PDFDocEncoding: Latin-1 but for two small ranges.
fn pdfdoc_char(b: u8) -> char {
    const LOW: [u16; 8] = [
        0x02d8, 0x02c7, 0x02c6, 0x02d9, 0x02dd, 0x02db, 0x02da, 0x02dc,
    ];
    #[rustfmt::skip]
    const HIGH: [u16; 33] = [0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
        0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018, 0x2019, 0x201a, 0x2122,
        0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161,
        0x017e, 0xfffd, 0x20ac];
    let u = match b {
        0x18..=0x1f => LOW[usize::from(b - 0x18)],
        0x80..=0xa0 => HIGH[usize::from(b - 0x80)],
        _ => u16::from(b),
    };
    char::from_u32(u32::from(u)).unwrap_or('\u{fffd}')
}
