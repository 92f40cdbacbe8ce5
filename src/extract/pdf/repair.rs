//! Cross-reference recovery, as pdf.js and poppler do it: when the
//! `startxref` offset, the xref table or the trailer is wrong (offsets off by
//! a few bytes after a producer edited the file, garbage after `%%EOF`, a
//! missing `%%EOF`, a truncated tail), the object table is rebuilt by
//! scanning the bytes for `N G obj` headers, the last definition of a number
//! winning, as in an incremental update.
//!
//! lopdf 0.42 has no recovery mode of its own, so the rebuilt table is
//! written after the file's bytes as a fresh classic xref section, with the
//! file's last trailer dictionary that names a `/Root` (a `trailer << >>`, or
//! else the dictionary of a `/Type /XRef` stream), and a `startxref` and
//! `%%EOF` pointing at it; lopdf then loads that as it loads any file,
//! object streams included. A file whose trailer names no Root gets the
//! `/Type /Catalog` object as Root after loading ([`fix_root`]).
//!
//! The scan is one pass over the bytes: stream data is skipped to its
//! `endstream` (a failed search is not repeated), header candidates are
//! checked by walking back a bounded number of bytes, and at most
//! [`MAX_OBJECTS`] headers and a few trailer candidates are looked at.

use pdf_extract::{Document, Object};

/// Object headers recorded at most (a CV has hundreds; a book some 100k).
pub const MAX_OBJECTS: usize = 1 << 20;
/// Largest trailer dictionary copied.
const MAX_DICT: usize = 64 << 10;
/// Trailer candidates tried, from the end of the file.
const MAX_CANDIDATES: usize = 16;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    is_space(b)
        || matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

/// Ends at `end` (exclusive) with `N G ` then `obj` at `end`: the header's
/// start and its number and generation.
fn header_before(data: &[u8], end: usize) -> Option<(usize, u32, u16)> {
    let mut i = end;
    let skip_space = |i: &mut usize| {
        let stop = i.saturating_sub(32);
        let from = *i;
        while *i > stop && is_space(data[*i - 1]) {
            *i -= 1;
        }
        *i < from
    };
    let digits = |i: &mut usize, max: usize| -> Option<u64> {
        let from = *i;
        while *i > 0 && from - *i < max && data[*i - 1].is_ascii_digit() {
            *i -= 1;
        }
        if *i == from || (*i > 0 && data[*i - 1].is_ascii_digit()) {
            return None;
        }
        std::str::from_utf8(&data[*i..from]).ok()?.parse().ok()
    };
    if !skip_space(&mut i) {
        return None;
    }
    let gen = digits(&mut i, 5)?;
    if !skip_space(&mut i) {
        return None;
    }
    let num = digits(&mut i, 10)?;
    if i > 0 && !is_delim(data[i - 1]) {
        return None;
    }
    let num = u32::try_from(num).ok().filter(|&n| n > 0)?;
    let gen = u16::try_from(gen).ok()?;
    Some((i, num, gen))
}

fn find(data: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    data.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

/// What one pass over the file finds.
#[derive(Default)]
struct Scan {
    /// (number, generation, offset) of each header, in file order.
    headers: Vec<(u32, u16, usize)>,
    /// Offsets of `trailer` keywords.
    trailers: Vec<usize>,
    /// Offsets of `/XRef` names (the type of a cross-reference stream).
    xref_types: Vec<usize>,
}

fn scan(data: &[u8]) -> Scan {
    let mut s = Scan::default();
    let n = data.len();
    let mut i = 0;
    // Once no `endstream` follows some offset, none follows a later one.
    let mut endstream_seen_missing = false;
    let at = |i: usize, pat: &[u8]| data[i..].starts_with(pat);
    let delim_after = |j: usize| j >= n || is_delim(data[j]);
    let delim_before = |j: usize| j == 0 || is_delim(data[j - 1]);
    while i < n {
        match data[i] {
            b'o' if at(i, b"obj") && delim_after(i + 3) => {
                if let Some((start, num, gen)) = header_before(data, i) {
                    if s.headers.len() >= MAX_OBJECTS {
                        break;
                    }
                    s.headers.push((num, gen, start));
                }
                i += 3;
            }
            b's' if at(i, b"stream")
                && delim_before(i)
                && matches!(data.get(i + 6), Some(b'\r' | b'\n')) =>
            {
                i += 6;
                if !endstream_seen_missing {
                    match find(data, i, b"endstream") {
                        Some(j) => i = j + 9,
                        None => endstream_seen_missing = true,
                    }
                }
            }
            b't' if at(i, b"trailer") && delim_before(i) && delim_after(i + 7) => {
                s.trailers.push(i);
                i += 7;
            }
            b'/' if at(i, b"/XRef") && delim_after(i + 5) => {
                s.xref_types.push(i);
                i += 5;
            }
            _ => i += 1,
        }
    }
    s
}

/// The balanced `<< ... >>` starting at `start` (strings and comments
/// skipped), at most [`MAX_DICT`] bytes.
fn dict_at(data: &[u8], start: usize) -> Option<&[u8]> {
    if !data.get(start..)?.starts_with(b"<<") {
        return None;
    }
    let end = data.len().min(start + MAX_DICT);
    let mut depth = 0usize;
    let mut i = start;
    while i < end {
        match data[i] {
            b'<' if data.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(&data[start..i]);
                }
            }
            b'<' => {
                while i < end && data[i] != b'>' {
                    i += 1;
                }
                i += 1;
            }
            b'(' => {
                let mut nest = 0usize;
                while i < end {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => nest += 1,
                        b')' => {
                            nest -= 1;
                            if nest == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'%' => {
                while i < end && !matches!(data[i], b'\r' | b'\n') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn skip_space(data: &[u8], mut i: usize) -> usize {
    while i < data.len() && is_space(data[i]) {
        i += 1;
    }
    i
}

/// Whether `dict` holds the name `key` as a key (followed by a delimiter).
fn has_key(dict: &[u8], key: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = find(dict, from, key) {
        if dict.get(p + key.len()).is_none_or(|&b| is_delim(b)) {
            return Some(p);
        }
        from = p + 1;
    }
    None
}

/// A trailer dictionary to copy: keys that point at other xref sections
/// (`/Prev`, `/XRefStm`) are renamed to keys no reader knows, keeping the
/// bytes' length.
fn neutralise(dict: &[u8]) -> Vec<u8> {
    let mut d = dict.to_vec();
    for (key, new) in [(&b"/Prev"[..], &b"/Prex"[..]), (b"/XRefStm", b"/XRefSxm")] {
        let mut from = 0;
        while let Some(p) = find(&d, from, key) {
            if d.get(p + key.len()).is_none_or(|&b| is_delim(b)) {
                d[p..p + key.len()].copy_from_slice(new);
            }
            from = p + key.len();
        }
    }
    d
}

/// The last trailer dictionary (classic, else an xref stream's) that names
/// a Root.
fn trailer_dict<'a>(data: &'a [u8], s: &Scan) -> Option<&'a [u8]> {
    let mut classic = s
        .trailers
        .iter()
        .rev()
        .take(MAX_CANDIDATES)
        .filter_map(|&t| {
            let d = dict_at(data, skip_space(data, t + 7))?;
            has_key(d, b"/Root").map(|_| d)
        });
    let mut stream = s
        .xref_types
        .iter()
        .rev()
        .take(MAX_CANDIDATES)
        .filter_map(|&x| {
            // The dictionary of the object this `/XRef` stands in.
            let k = s.headers.partition_point(|h| h.2 < x).checked_sub(1)?;
            let off = s.headers[k].2;
            let obj = find(&data[..x], off, b"obj")? + 3;
            let start = skip_space(data, obj);
            let d = dict_at(data, start)?;
            (x < start + d.len() && has_key(d, b"/Root").is_some()).then_some(d)
        });
    // The later of the two kinds wins: that is the newest update.
    match (classic.next(), stream.next()) {
        (Some(c), Some(x)) => Some(if x.as_ptr() > c.as_ptr() { x } else { c }),
        (c, x) => c.or(x),
    }
}

/// The file's bytes with a rebuilt xref section and trailer appended, or
/// `None` when the scan finds no object.
pub fn rebuild(data: &[u8]) -> Option<Vec<u8>> {
    use std::fmt::Write;
    let s = scan(data);
    if s.headers.is_empty() {
        return None;
    }
    // Last definition wins: a stable sort by number keeps file order within
    // a number, so the last of each run is the newest.
    let mut table = s.headers.clone();
    table.sort_by_key(|h| h.0);
    let mut objs: Vec<(u32, u16, usize)> = Vec::with_capacity(table.len());
    for h in table {
        match objs.last_mut() {
            Some(last) if last.0 == h.0 => *last = h,
            _ => objs.push(h),
        }
    }
    let mut xref = String::with_capacity(objs.len() * 20 + 64);
    xref.push_str("xref\n0 1\n0000000000 65535 f\r\n");
    let mut k = 0;
    while k < objs.len() {
        let mut e = k + 1;
        while e < objs.len() && Some(objs[e].0) == objs[e - 1].0.checked_add(1) {
            e += 1;
        }
        let _ = writeln!(xref, "{} {}", objs[k].0, e - k);
        for &(_, gen, off) in &objs[k..e] {
            let _ = write!(xref, "{off:010} {gen:05} n\r\n");
        }
        k = e;
    }
    let size = objs.last().map_or(1, |o| o.0.saturating_add(1));
    let dict = match trailer_dict(data, &s) {
        Some(d) => neutralise(d),
        None => format!("<< /Size {size} >>").into_bytes(),
    };
    let mut out = Vec::with_capacity(data.len() + xref.len() + dict.len() + 64);
    out.extend_from_slice(data);
    out.push(b'\n');
    let start = out.len();
    out.extend_from_slice(xref.as_bytes());
    out.extend_from_slice(b"trailer\n");
    out.extend_from_slice(&dict);
    out.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF\n").as_bytes());
    Some(out)
}

/// Whether the trailer's Root is a catalog dictionary.
fn root_ok(doc: &Document) -> bool {
    doc.catalog().is_ok_and(|c| c.get(b"Pages").is_ok())
}

/// Give a document whose trailer names no usable Root the catalog found
/// among its objects (the last by number, the newest in an update).
pub fn fix_root(doc: &mut Document) {
    if root_ok(doc) {
        return;
    }
    let catalog = doc.objects.iter().rev().find_map(|(id, o)| match o {
        Object::Dictionary(d)
            if d.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Catalog")
                && d.get(b"Pages").is_ok() =>
        {
            Some(*id)
        }
        _ => None,
    });
    if let Some(id) = catalog {
        doc.trailer.set("Root", Object::Reference(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_with_their_start() {
        let d = b"%PDF-1.4\n12 0 obj\n<< >>\nendobj\nx3 0 obj\n 7  2 obj<<>>endobj";
        let s = scan(d);
        let got: Vec<_> = s.headers.iter().map(|h| (h.0, h.1)).collect();
        assert_eq!(got, vec![(12, 0), (7, 2)]);
        assert_eq!(&d[s.headers[0].2..s.headers[0].2 + 2], b"12");
    }

    #[test]
    fn stream_data_is_not_scanned_for_headers() {
        let d = b"1 0 obj\n<< /Length 9 >>\nstream\n2 0 obj\nendstream\nendobj\n3 0 obj\n";
        let s = scan(d);
        let got: Vec<_> = s.headers.iter().map(|h| h.0).collect();
        assert_eq!(got, vec![1, 3]);
    }

    #[test]
    fn a_stream_without_endstream_is_scanned_on() {
        let d = b"1 0 obj\n<< >>\nstream\nabc\n2 0 obj\n<< >>\nstream\n3 0 obj\n";
        let got: Vec<_> = scan(d).headers.iter().map(|h| h.0).collect();
        assert_eq!(got, vec![1, 2, 3]);
    }

    #[test]
    fn dictionaries_balance_past_strings_and_nesting() {
        let d = b"<< /A (x>>y\\)) /B << /C <00ff> >> /D [1] >> rest";
        assert_eq!(dict_at(d, 0), Some(&d[..d.len() - 5]));
        assert_eq!(dict_at(b"<< /A << ", 0), None);
    }

    #[test]
    fn prev_keys_are_neutralised_in_place() {
        let d = neutralise(b"<< /Prev 10 /XRefStm 20 /Prevalent 1 >>");
        assert_eq!(d, b"<< /Prex 10 /XRefSxm 20 /Prevalent 1 >>".to_vec());
    }

    #[test]
    fn the_last_trailer_with_a_root_wins() {
        let d =
            b"trailer << /Root 1 0 R /Size 3 >>\ntrailer << /Root 5 0 R >>\ntrailer << /Size 9 >>";
        let s = scan(d);
        assert_eq!(trailer_dict(d, &s), Some(&b"<< /Root 5 0 R >>"[..]));
    }

    #[test]
    fn an_xref_stream_dictionary_serves_as_trailer() {
        let d = b"%PDF-1.5\n9 0 obj\n<< /Type /XRef /Root 1 0 R /W [1 2 1] /Length 4 >>\nstream\nabcd\nendstream\nendobj\n";
        let s = scan(d);
        let t = trailer_dict(d, &s).unwrap();
        assert!(t.starts_with(b"<< /Type /XRef /Root 1 0 R"));
    }

    #[test]
    fn the_header_cap_bounds_the_scan() {
        let d = b"1 0 obj ".repeat(MAX_OBJECTS + 5);
        assert_eq!(scan(&d).headers.len(), MAX_OBJECTS);
    }

    #[test]
    fn odd_bytes_rebuild_without_panicking() {
        for d in [
            &b"4294967295 65535 obj << >> endobj 4294967294 0 obj"[..],
            b"1 0 obj << /A (unclosed",
            b"trailer << /Root 1 0 R",
            b"1 0 obj\nstream\n",
            b"99999999999 0 obj 1 99999 obj /XRef",
            b"",
        ] {
            let _ = rebuild(d);
            let _ = rebuild(&[d, b"\ntrailer << /Root 1 0 R /Prev 5 >>"].concat());
        }
    }
}
