//! PDF extraction: lines in reading order with fonts, icons, links and
//! headings, page furniture removed.
//!
//! lopdf (through pdf-extract's re-export) parses the file; our own
//! content-stream interpreter ([`interp`]) turns each page into positioned
//! glyphs with their font (name, bold/italic, icon glyph names), which is
//! both faster than pdf-extract's and tells what its `OutputDev` cannot. The
//! layout stages then build rows, cells and reading order ([`layout`]), drop
//! running headers, footers and page numbers ([`furniture`]) and make the
//! document's lines ([`structure`]). Everything runs under `catch_unwind`: a
//! bug or a library panic on an odd file becomes an error, not a crash.

mod cmap;
mod collection;
mod decode;
mod fonts;
mod furniture;
mod glyphlist;
mod glyphs;
mod icons;
mod interp;
mod layout;
mod lexer;
mod links;
mod obj;
mod repair;
mod structure;

use super::budget::Budget;
use super::{Document, ExtractError};
use pdf_extract::{LoadOptions, Object, ObjectId};
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// Pages beyond this are not read (a CV has a few; a book is not a CV).
const MAX_PAGES: usize = 200;

pub const NO_TEXT: &str = "no text layer: scanned PDF? OCR is not supported";

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The budget of the document being loaded, for [`decode_object_stream`]
    /// (lopdf takes a plain `fn` as its object filter).
    static LOADING: RefCell<Option<Budget>> = const { RefCell::new(None) };
}
static HOOK: Once = Once::new();

/// Install, once, a panic hook that stays silent for panics caught inside
/// [`extract`] on this thread and defers to the previous hook otherwise.
fn install_quiet_hook() {
    HOOK.call_once(|| {
        let prev = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                prev(info);
            }
        }));
    });
}

/// Extract a PDF's lines.
pub fn extract(bytes: &[u8]) -> Result<Document, ExtractError> {
    install_quiet_hook();
    QUIET.with(|q| q.set(true));
    let r = panic::catch_unwind(AssertUnwindSafe(|| extract_inner(bytes)));
    QUIET.with(|q| q.set(false));
    match r {
        Ok(r) => r,
        Err(_) => Err(ExtractError::new(
            "pdf_panic",
            "internal error while reading the PDF (the file is unusual; please report it)",
        )),
    }
}

/// Page objects that resolve to a dictionary, of the first pages read.
fn readable_pages(doc: &pdf_extract::Document) -> usize {
    doc.page_iter()
        .take(MAX_PAGES + 1)
        .filter(|id| matches!(doc.get_object(*id), Ok(Object::Dictionary(_))))
        .count()
}

/// lopdf inflates object streams while it loads the file, without a bound:
/// decode them first, within the document's budget, so that it finds them
/// plain. (lopdf keeps the returned object only for objects inside object
/// streams, which are never streams themselves.)
fn decode_object_stream(id: ObjectId, o: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(s) = o {
        if s.dict.has_type(b"ObjStm") {
            let data = LOADING.with(|b| {
                let mut b = b.borrow_mut();
                decode::decode(s, b.get_or_insert_with(Budget::default))
            });
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(data);
        }
        return Some((id, Object::Null));
    }
    Some((id, o.clone()))
}

/// lopdf's loader with object streams decoded within `budget`.
fn load_mem(data: &[u8], budget: &mut Budget) -> Result<pdf_extract::Document, pdf_extract::Error> {
    LOADING.with(|b| *b.borrow_mut() = Some(std::mem::take(budget)));
    let r = pdf_extract::Document::load_mem_with_options(
        data,
        LoadOptions::with_filter(decode_object_stream),
    );
    if let Some(b) = LOADING.with(|b| b.borrow_mut().take()) {
        *budget = b;
    }
    r
}

/// Whether a `/Size` (of a trailer or a cross-reference stream) counts more
/// objects than the file has bytes for (every object takes some bytes, even
/// packed in an object stream, so 16 a byte is far past any real file), or a
/// cross-reference stream's `/W` names a field wider than 8 bytes.
fn absurd_xref_size(data: &[u8]) -> bool {
    let limit = (data.len() as u64).saturating_mul(16).saturating_add(4096);
    let mut from = 0;
    while let Some(off) = data[from..].windows(5).position(|w| w == b"/Size") {
        let mut i = from + off + 5;
        while data.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let digits = data[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 {
            let n = std::str::from_utf8(&data[i..i + digits])
                .ok()
                .and_then(|t| t.parse::<u64>().ok())
                .unwrap_or(u64::MAX);
            if n > limit {
                return true;
            }
        }
        from = i.max(from + off + 5);
    }
    // A cross-reference stream's field widths (`/W [1 4 2]`): each is at most
    // 8 bytes (an offset fits in 64 bits); a wider one is allocated as given.
    let mut from = 0;
    while let Some(off) = data[from..].windows(2).position(|w| w == b"/W") {
        let mut i = from + off + 2;
        from = i;
        while data.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        // Only a cross-reference stream's /W: a CID font's /W holds glyph widths.
        let near = &data[(from - 2).saturating_sub(400)..(from + 400).min(data.len())];
        if data.get(i) != Some(&b'[') || !near.windows(5).any(|w| w == b"/XRef") {
            continue;
        }
        let end = data[i..].iter().take(64).position(|&b| b == b']');
        let Some(end) = end else { continue };
        let inner = String::from_utf8_lossy(&data[i + 1..i + end]);
        if inner
            .split_ascii_whitespace()
            .any(|w| w.parse::<u64>().map_or(w.len() > 2, |n| n > 8))
        {
            return true;
        }
    }
    false
}

/// The document from a rebuilt cross-reference table ([`repair`]), if it
/// has readable pages.
fn recover(data: &[u8], budget: &mut Budget) -> Option<pdf_extract::Document> {
    let fixed = repair::rebuild(data)?;
    let mut doc = load_mem(&fixed, budget).ok()?;
    repair::fix_root(&mut doc);
    (readable_pages(&doc) > 0).then_some(doc)
}

/// The parsed file, and whether its cross-reference table had to be rebuilt.
fn load(bytes: &[u8], budget: &mut Budget) -> Result<(pdf_extract::Document, bool), ExtractError> {
    // Readers accept junk before the header; lopdf wants the header first.
    let start = bytes
        .windows(5)
        .take(1024)
        .position(|w| w == b"%PDF-")
        .unwrap_or(0);
    let data = &bytes[start..];
    let encrypted = || {
        ExtractError::new(
            "pdf_encrypted",
            "encrypted PDF: it needs a password to open",
        )
    };
    // A cross-reference /Size beyond what the file could hold, or a field
    // width past 8 bytes, makes lopdf allocate that much up front (an abort
    // under a memory cap):
    // such a table is damaged, so the objects are found by scanning instead.
    if absurd_xref_size(data) {
        return match recover(data, budget) {
            Some(doc) if !doc.is_encrypted() => Ok((doc, true)),
            Some(_) => Err(encrypted()),
            None => Err(ExtractError::new(
                "pdf_corrupt",
                "corrupt PDF: its cross-reference /Size is larger than the file could hold",
            )),
        };
    }
    let (doc, rebuilt) = match load_mem(data, budget) {
        Ok(doc) => {
            // Loaded, but a wrong xref offset can leave the Root or pages
            // unreadable: rebuild then, and keep whichever reads more pages.
            let pages = doc.page_iter().take(MAX_PAGES + 1).count();
            let readable = readable_pages(&doc);
            if pages > 0 && readable == pages && doc.catalog().is_ok() {
                (doc, false)
            } else {
                match recover(data, budget) {
                    Some(r) if readable_pages(&r) > readable => (r, true),
                    _ => (doc, false),
                }
            }
        }
        Err(e) => {
            let msg = e.to_string();
            let lower = msg.to_lowercase();
            if lower.contains("password") || lower.contains("encrypt") {
                return Err(encrypted());
            }
            match recover(data, budget) {
                Some(doc) => (doc, true),
                None => {
                    return Err(ExtractError::new(
                        "pdf_corrupt",
                        format!("corrupt or truncated PDF: {msg}"),
                    ))
                }
            }
        }
    };
    if doc.is_encrypted() {
        return Err(encrypted());
    }
    Ok((doc, rebuilt))
}

fn extract_inner(bytes: &[u8]) -> Result<Document, ExtractError> {
    let mut budget = Budget::default();
    let (doc, rebuilt) = load(bytes, &mut budget)?;
    let page_ids: Vec<_> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if page_ids.is_empty() {
        return Err(ExtractError::new(
            "pdf_corrupt",
            "corrupt PDF: it has no pages",
        ));
    }
    let mut out = Document {
        pages: Some(doc.get_pages().len() as u32),
        title: title(&doc, &mut budget),
        ..Default::default()
    };
    if rebuilt {
        out.warnings
            .push("damaged cross-reference table: objects found by scanning the file".into());
    }
    if page_ids.len() > MAX_PAGES {
        out.warnings
            .push(format!("only the first {MAX_PAGES} pages were read"));
    }
    let mut fonts = interp::FontTable::default();
    let mut glyph_counts = glyphs::Counts::default();
    let mut plines = Vec::new();
    let mut heights = Vec::new();
    let mut rules = Vec::new();
    let mut links = Vec::new();
    let mut raw_glyphs = 0;
    let mut images = 0;
    for (i, id) in page_ids.iter().take(MAX_PAGES).enumerate() {
        let page_no = i as u32 + 1;
        let Ok(Object::Dictionary(page)) = doc.get_object(*id) else {
            heights.push(0.0);
            rules.push(Vec::new());
            links.push(Vec::new());
            continue;
        };
        let (base, _, _) = interp::page_setup(&doc, page);
        let page_links = links::page_links(&doc, page, &base, &mut budget);
        let p = interp::Interp::new(&doc, &mut fonts, &mut budget).run_page(page);
        raw_glyphs += p.glyphs.len();
        images += p.images;
        let gs = glyphs::prepare(
            p.glyphs,
            &fonts,
            &page_links,
            p.width,
            p.height,
            &mut glyph_counts,
        );
        plines.extend(layout::page_lines(page_no, gs, &p.marks, p.width));
        heights.push(p.height);
        rules.push(p.rules);
        links.push(page_links);
    }
    out.warnings.extend(budget.warnings());
    if plines.is_empty() {
        let _ = images;
        if let Some(l) = budget.reached().first() {
            // Nothing readable before the limit: say which one, not "scanned".
            return Err(ExtractError::new(
                "limit",
                format!("stopped at a resource limit: {}", l.describe()),
            ));
        }
        return Err(if raw_glyphs == 0 {
            ExtractError::new("pdf_no_text", NO_TEXT)
        } else {
            ExtractError::new(
                "pdf_no_text",
                "no readable text: the PDF's fonts do not say which characters they draw",
            )
        });
    }
    if glyph_counts.undecoded > 0 {
        out.warnings.push(format!(
            "{} glyphs could not be decoded to text (fonts without a Unicode map)",
            glyph_counts.undecoded
        ));
    }
    let (hf, numbers) = furniture::remove(&mut plines, &heights);
    let mut counts = structure::Counts::default();
    out.lines = structure::build(plines, &rules, &links, &mut counts);
    out.count("icon_glyphs", glyph_counts.icons);
    out.count("ligatures", glyph_counts.ligatures);
    out.count("header_footer_lines", hf);
    out.count("page_numbers", numbers);
    out.count("dotted_leaders", counts.dotted_leaders);
    out.count("hyphenations_joined", counts.hyphenations);
    Ok(out)
}

/// The document's title: /Info /Title, else the XMP dc:title.
fn title(doc: &pdf_extract::Document, budget: &mut Budget) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok().map(|o| obj::deref(doc, o));
    let from_info = match info {
        Some(Object::Dictionary(d)) => match obj::get(doc, d, b"Title") {
            Some(Object::String(s, _)) => Some(obj::text_string(s)),
            _ => None,
        },
        _ => None,
    };
    let t = from_info.or_else(|| xmp_title(doc, budget))?;
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim_matches('\0').trim().to_string();
    (!t.is_empty()).then_some(t)
}

fn xmp_title(doc: &pdf_extract::Document, budget: &mut Budget) -> Option<String> {
    let root = doc.trailer.get(b"Root").ok().map(|o| obj::deref(doc, o))?;
    let Object::Dictionary(root) = root else {
        return None;
    };
    let s = obj::stream(doc, root, b"Metadata")?;
    let data = obj::content(s, budget);
    let xml = String::from_utf8_lossy(&data);
    let start = xml.find("<dc:title")?;
    let rest = &xml[start..];
    let li = rest.find("<rdf:li")?;
    let rest = &rest[li..];
    let open = rest.find('>')? + 1;
    let close = rest[open..].find("</rdf:li>")?;
    let raw = &rest[open..open + close];
    Some(
        raw.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_and_truncation_are_errors() {
        assert_eq!(
            extract(b"%PDF-1.4\ngarbage").unwrap_err().kind,
            "pdf_corrupt"
        );
        assert_eq!(extract(b"").unwrap_err().kind, "pdf_corrupt");
        let e = extract(
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        );
        assert!(e.is_err());
    }

    /// A valid one-page PDF saying "Hello recovered world", built from its
    /// objects with a correct xref table (offsets computed here); with
    /// `xref_stream`, its cross-reference is a `/Type /XRef` stream instead.
    fn small_pdf(xref_stream: bool) -> Vec<u8> {
        let content = b"BT /F1 12 Tf 72 700 Td (Hello recovered world) Tj ET";
        let objs: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            [
                format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
                content,
                b"\nendstream",
            ]
            .concat(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            b"<< /Title (Recovered) >>".to_vec(),
        ];
        let mut out = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let start = out.len();
        if xref_stream {
            let n = objs.len() + 2;
            let mut rows = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
            for off in offsets.iter().chain([&start]) {
                rows.push(1);
                rows.extend_from_slice(&(*off as u32).to_be_bytes());
                rows.extend_from_slice(&[0, 0]);
            }
            out.extend_from_slice(
                format!(
                    "{} 0 obj\n<< /Type /XRef /Size {n} /W [1 4 2] /Root 1 0 R /Info 6 0 R \
                     /Length {} >>\nstream\n",
                    n - 1,
                    rows.len()
                )
                .as_bytes(),
            );
            out.extend_from_slice(&rows);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        } else {
            out.extend_from_slice(format!("xref\n0 {}\n", objs.len() + 1).as_bytes());
            out.extend_from_slice(b"0000000000 65535 f\r\n");
            for off in &offsets {
                out.extend_from_slice(format!("{off:010} 00000 n\r\n").as_bytes());
            }
            out.extend_from_slice(
                format!(
                    "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\n",
                    objs.len() + 1
                )
                .as_bytes(),
            );
        }
        out.extend_from_slice(format!("startxref\n{start}\n%%EOF\n").as_bytes());
        out
    }

    /// The file with its `startxref` offset moved by `delta` bytes.
    fn shift_startxref(pdf: &[u8], delta: i64) -> Vec<u8> {
        let key = b"startxref\n";
        let at = pdf.windows(key.len()).rposition(|w| w == key).unwrap() + key.len();
        let end = at + pdf[at..].iter().position(|&b| b == b'\n').unwrap();
        let off: i64 = std::str::from_utf8(&pdf[at..end]).unwrap().parse().unwrap();
        let mut out = pdf[..at].to_vec();
        out.extend_from_slice((off + delta).to_string().as_bytes());
        out.extend_from_slice(&pdf[end..]);
        out
    }

    fn says_hello(bytes: &[u8]) -> Result<Document, String> {
        let doc = extract(bytes).map_err(|e| e.message)?;
        let text: Vec<String> = doc.lines.iter().map(|l| l.text()).collect();
        if text.iter().any(|t| t.contains("Hello recovered world")) {
            Ok(doc)
        } else {
            Err(format!("text lost: {text:?}"))
        }
    }

    #[test]
    fn intact_files_load_without_a_rebuild() {
        for xs in [false, true] {
            let doc = says_hello(&small_pdf(xs)).unwrap();
            assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
            assert_eq!(doc.title.as_deref(), Some("Recovered"));
        }
    }

    #[test]
    fn a_startxref_off_by_some_bytes_is_recovered() {
        for xs in [false, true] {
            for delta in [-46, -3, 5, 46, 100_000] {
                let pdf = shift_startxref(&small_pdf(xs), delta);
                let doc = says_hello(&pdf).unwrap_or_else(|e| panic!("{xs} {delta}: {e}"));
                assert!(doc.warnings[0].contains("cross-reference"));
                // The trailer was found: its /Info gives the title.
                assert_eq!(doc.title.as_deref(), Some("Recovered"), "{xs} {delta}");
            }
        }
    }

    #[test]
    fn garbage_after_eof_and_a_missing_eof_are_recovered() {
        for xs in [false, true] {
            let mut pdf = small_pdf(xs);
            pdf.extend(std::iter::repeat_n(0u8, 1000));
            says_hello(&pdf).unwrap();
            let mut pdf = small_pdf(xs);
            pdf.extend(b"x".repeat(2000));
            says_hello(&pdf).unwrap();
            let pdf = small_pdf(xs);
            let cut = pdf.len() - b"%%EOF\n".len();
            says_hello(&pdf[..cut]).unwrap();
        }
    }

    #[test]
    fn without_xref_or_trailer_the_catalog_is_the_root() {
        let pdf = small_pdf(false);
        let cut = pdf.windows(5).position(|w| w == b"xref\n").unwrap();
        says_hello(&pdf[..cut]).unwrap();
    }

    #[test]
    fn the_last_definition_of_an_object_wins() {
        // An incremental update redefines the content stream; its xref
        // section is lost with the offset.
        let mut pdf = small_pdf(false);
        let new = b"BT /F1 12 Tf 72 700 Td (Hello recovered world again) Tj ET";
        pdf.extend_from_slice(format!("4 0 obj\n<< /Length {} >>\nstream\n", new.len()).as_bytes());
        pdf.extend_from_slice(new);
        pdf.extend_from_slice(b"\nendstream\nendobj\nstartxref\n999999\n%%EOF\n");
        let doc = says_hello(&pdf).unwrap();
        assert!(doc.lines.iter().any(|l| l.text().contains("world again")));
    }
}

#[cfg(test)]
mod xref_size_tests {
    use super::absurd_xref_size;

    #[test]
    fn sizes_and_widths_past_what_a_file_holds_are_damage() {
        let ok = b"<</Type/XRef/Size 109/W[1 3 2]>> trailer <</Size 12>>".to_vec();
        assert!(!absurd_xref_size(&ok));
        assert!(absurd_xref_size(
            b"<</Type/XRef/Size 109/W[1 999999999999 2]>>"
        ));
        assert!(absurd_xref_size(
            b"<</Type/XRef/Size 99999999999/W[1 3 2]>>"
        ));
        // /Width is no field width, nor a CID font's /W of glyph widths.
        assert!(!absurd_xref_size(b"<</Width 4096/Height 3>>"));
        assert!(!absurd_xref_size(b"<</Type/Font/W[1 [500 600] 3 4 1000]>>"));
    }
}
