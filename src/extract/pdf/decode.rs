//! A stream's filter chain, decoded within the document's [`Budget`].
//!
//! lopdf inflates without a bound, so every chain is decoded here: each
//! stage stops at the stream's limit, whatever the filters (a bomb hides as
//! well behind `[/FlateDecode /FlateDecode]`, a predictor or ASCII85 as
//! behind a lone FlateDecode). Image codecs (DCT, JPX, CCITT, JBIG2) are not
//! text and stop the chain with what was decoded before them.

use crate::extract::budget::Budget;
use pdf_extract::{Dictionary, Object, Stream};
use std::io::Read;

/// A stream's decoded bytes, at most the budget's stream limit; bytes a
/// filter cannot decode are kept as they are, the way lopdf left them.
pub fn decode(s: &Stream, budget: &mut Budget) -> Vec<u8> {
    if !budget.can_decode() {
        return Vec::new();
    }
    let limit = budget.stream_limit();
    let (out, full) = decode_within(s, limit);
    budget.spend_bytes(out.len(), full);
    out
}

/// The decoded bytes and whether they stopped at `limit`.
pub fn decode_within(s: &Stream, limit: usize) -> (Vec<u8>, bool) {
    let filters = names(s.dict.get(b"Filter").ok());
    let parms = s.dict.get(b"DecodeParms").ok();
    if filters.is_empty() {
        let n = s.content.len().min(limit);
        return (s.content[..n].to_vec(), s.content.len() > limit);
    }
    let mut data: Option<Vec<u8>> = None;
    let mut full = false;
    for (i, f) in filters.iter().enumerate() {
        let input = data.as_deref().unwrap_or(&s.content);
        let p = parm(parms, i);
        let (out, cut) = match f.as_slice() {
            b"FlateDecode" | b"Fl" => {
                let (v, cut) = inflate(input, limit);
                predict(v, p, cut, limit)
            }
            b"LZWDecode" | b"LZW" => {
                let early = p
                    .and_then(|d| d.get(b"EarlyChange").ok())
                    .and_then(|o| o.as_i64().ok())
                    .is_none_or(|v| v != 0);
                let (v, cut) = lzw(input, early, limit);
                predict(v, p, cut, limit)
            }
            b"ASCII85Decode" | b"A85" => ascii85(input, limit),
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input, limit),
            b"RunLengthDecode" | b"RL" => run_length(input, limit),
            b"Crypt" => (
                input[..input.len().min(limit)].to_vec(),
                input.len() > limit,
            ),
            // An image codec or an unknown filter: what came before it stays.
            _ => break,
        };
        full |= cut;
        data = Some(out);
    }
    match data {
        Some(d) => (d, full),
        None => {
            let n = s.content.len().min(limit);
            (s.content[..n].to_vec(), s.content.len() > limit)
        }
    }
}

fn names(o: Option<&Object>) -> Vec<Vec<u8>> {
    match o {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .take(16)
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// The parameters of the `i`th filter: one dictionary, or an array parallel
/// to the filters.
fn parm(o: Option<&Object>, i: usize) -> Option<&Dictionary> {
    match o? {
        Object::Dictionary(d) if i == 0 => Some(d),
        Object::Array(a) => a.get(i)?.as_dict().ok(),
        _ => None,
    }
}

/// Read at most `limit` bytes; true when more were there.
fn read_capped(r: impl Read, limit: usize, out: &mut Vec<u8>) -> std::io::Result<bool> {
    let res = r.take(limit as u64 + 1).read_to_end(out);
    let cut = out.len() > limit;
    out.truncate(limit);
    res.map(|_| cut)
}

fn inflate(input: &[u8], limit: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity((input.len() * 4).min(limit));
    let r = read_capped(flate2::read::ZlibDecoder::new(input), limit, &mut out);
    match r {
        Ok(cut) => (out, cut),
        Err(_) if out.is_empty() && input.len() > 2 => {
            // A broken zlib header or checksum: try raw deflate, as readers do.
            let cut = read_capped(
                flate2::read::DeflateDecoder::new(&input[2..]),
                limit,
                &mut out,
            )
            .unwrap_or(out.len() >= limit);
            (out, cut)
        }
        Err(_) => {
            let cut = out.len() >= limit;
            (out, cut)
        }
    }
}

fn lzw(input: &[u8], early_change: bool, limit: usize) -> (Vec<u8>, bool) {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let mut dec = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 << 10];
    let mut at = 0;
    loop {
        let r = dec.decode_bytes(&input[at..], &mut buf);
        at += r.consumed_in;
        let room = limit - out.len();
        if r.consumed_out > room {
            out.extend_from_slice(&buf[..room]);
            return (out, true);
        }
        out.extend_from_slice(&buf[..r.consumed_out]);
        match r.status {
            Ok(LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => return (out, false),
        }
    }
}

/// Undo a PNG predictor (10-15) row by row. A row size that the data cannot
/// hold (`/Columns 1500000000` on a few kilobytes) is no image of it: the
/// bytes are kept as they are.
fn predict(data: Vec<u8>, p: Option<&Dictionary>, cut: bool, limit: usize) -> (Vec<u8>, bool) {
    let Some(p) = p else { return (data, cut) };
    let int = |k: &[u8], d: i64| p.get(k).ok().and_then(|o| o.as_i64().ok()).unwrap_or(d);
    if !(10..=15).contains(&int(b"Predictor", 1)) {
        return (data, cut);
    }
    let colors = int(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = int(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int(b"Columns", 1).max(1) as u64;
    let bits = columns.saturating_mul((colors * bpc) as u64);
    let row = bits.div_ceil(8);
    if row == 0 || row >= data.len() as u64 || row > limit as u64 {
        return (data, cut);
    }
    let row = row as usize;
    let bpp = (colors * bpc).div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks_exact(row + 1) {
        let mut cur = chunk[1..].to_vec();
        if let Ok(t) = chunk[0].try_into() {
            pdf_extract::filters::png::decode_row(t, bpp, &prev, &mut cur);
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    (out, cut)
}

fn ascii85(input: &[u8], limit: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity((input.len() / 5 * 4).min(limit));
    let (mut acc, mut n) = (0u64, 0);
    for &c in input {
        if out.len() >= limit {
            return (out, true);
        }
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                acc = acc * 85 + u64::from(c - b'!');
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&(acc as u32).to_be_bytes());
                    (acc, n) = (0, 0);
                }
            }
            _ if c.is_ascii_whitespace() => {}
            _ => break,
        }
    }
    if n > 1 {
        for _ in n..5 {
            acc = acc * 85 + 84;
        }
        out.extend_from_slice(&(acc as u32).to_be_bytes()[..n - 1]);
    }
    let cut = out.len() > limit;
    out.truncate(limit);
    (out, cut)
}

fn ascii_hex(input: &[u8], limit: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity((input.len() / 2).min(limit));
    let mut hi: Option<u8> = None;
    for &c in input {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            b'>' => break,
            _ => continue,
        };
        match hi.take() {
            Some(h) => {
                if out.len() >= limit {
                    return (out, true);
                }
                out.push(h << 4 | v);
            }
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        if out.len() < limit {
            out.push(h << 4);
        }
    }
    (out, false)
}

fn run_length(input: &[u8], limit: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(input.len().min(limit));
    let mut i = 0;
    while i < input.len() {
        let n = input[i] as usize;
        i += 1;
        let (bytes, len): (&[u8], usize) = match n {
            128 => break,
            0..=127 => {
                let end = (i + n + 1).min(input.len());
                let b = &input[i..end];
                i = end;
                (b, b.len())
            }
            _ => {
                let Some(b) = input.get(i..i + 1) else { break };
                i += 1;
                (b, 257 - n)
            }
        };
        if out.len() + len > limit {
            return (out, true);
        }
        if bytes.len() == len {
            out.extend_from_slice(bytes);
        } else {
            out.resize(out.len() + len, bytes[0]);
        }
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn stream(dict: Dictionary, content: Vec<u8>) -> Stream {
        Stream::new(dict, content)
    }

    #[test]
    fn a_double_flate_bomb_stops_at_the_limit() {
        let bomb = zlib(&zlib(&vec![b' '; 20 << 20]));
        let mut d = Dictionary::new();
        d.set(
            "Filter",
            Object::Array(vec![
                Object::Name(b"FlateDecode".to_vec()),
                Object::Name(b"FlateDecode".to_vec()),
            ]),
        );
        let s = stream(d, bomb);
        let (out, full) = decode_within(&s, 1 << 20);
        assert_eq!(out.len(), 1 << 20);
        assert!(full);
        let (out, full) = decode_within(&s, 32 << 20);
        assert_eq!((out.len(), full), (20 << 20, false));
    }

    #[test]
    fn filters_and_predictors_decode() {
        assert_eq!(ascii_hex(b"48 65 6c6C6f>", 100).0, b"Hello");
        assert_eq!(ascii_hex(b"414", 100).0, b"A@");
        assert_eq!(ascii85(b"87cURDZ~>", 100).0, b"Hello");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).0,
            b"abcxxx"
        );
        assert_eq!(run_length(&[129, b'x'], 10), (Vec::new(), true));
        // PNG Up predictor, 2 columns: rows [1,2] then [1,2]+[1,1].
        let mut p = Dictionary::new();
        p.set("Predictor", 12);
        p.set("Columns", 2);
        let data = vec![0, 1, 2, 2, 1, 1];
        assert_eq!(predict(data, Some(&p), false, 100).0, vec![1, 2, 2, 3]);
    }

    #[test]
    fn an_absurd_row_size_is_not_allocated() {
        let mut p = Dictionary::new();
        p.set("Predictor", 12);
        p.set("Columns", 1_500_000_000);
        p.set("Colors", 4);
        let data = vec![0u8; 4096];
        let (out, _) = predict(data.clone(), Some(&p), false, 1 << 20);
        assert_eq!(out, data);
    }

    #[test]
    fn budget_is_spent_across_streams() {
        let mut b = Budget::default();
        let s = stream(Dictionary::new(), vec![b'x'; 1000]);
        assert_eq!(decode(&s, &mut b).len(), 1000);
        assert!(b.reached().is_empty());
    }
}
