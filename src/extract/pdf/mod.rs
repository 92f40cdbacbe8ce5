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
mod structure;

use super::{Document, ExtractError};
use pdf_extract::Object;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// Pages beyond this are not read (a CV has a few; a book is not a CV).
const MAX_PAGES: usize = 200;

pub const NO_TEXT: &str = "no text layer: scanned PDF? OCR is not supported";

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
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

fn load(bytes: &[u8]) -> Result<pdf_extract::Document, ExtractError> {
    // Readers accept junk before the header; lopdf wants the header first.
    let start = bytes
        .windows(5)
        .take(1024)
        .position(|w| w == b"%PDF-")
        .unwrap_or(0);
    let data = &bytes[start..];
    let doc = pdf_extract::Document::load_mem(data).map_err(|e| {
        let msg = e.to_string();
        if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("encrypt") {
            ExtractError::new(
                "pdf_encrypted",
                "encrypted PDF: it needs a password to open",
            )
        } else {
            ExtractError::new("pdf_corrupt", format!("corrupt or truncated PDF: {msg}"))
        }
    })?;
    if doc.is_encrypted() {
        return Err(ExtractError::new(
            "pdf_encrypted",
            "encrypted PDF: it needs a password to open",
        ));
    }
    Ok(doc)
}

fn extract_inner(bytes: &[u8]) -> Result<Document, ExtractError> {
    let doc = load(bytes)?;
    let page_ids: Vec<_> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if page_ids.is_empty() {
        return Err(ExtractError::new(
            "pdf_corrupt",
            "corrupt PDF: it has no pages",
        ));
    }
    let mut out = Document {
        pages: Some(doc.get_pages().len() as u32),
        title: title(&doc),
        ..Default::default()
    };
    if page_ids.len() > MAX_PAGES {
        out.warnings
            .push(format!("only the first {MAX_PAGES} pages were read"));
    }
    let mut fonts = interp::FontTable::default();
    let mut budget = obj::MAX_TOTAL;
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
        let page_links = links::page_links(&doc, page, &base);
        let p = interp::Interp::new(&doc, &mut fonts).run_page(page, &mut budget);
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
    if budget == 0 {
        out.warnings
            .push("page content over the size limit was not read".into());
    }
    if plines.is_empty() {
        let _ = images;
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
fn title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok().map(|o| obj::deref(doc, o));
    let from_info = match info {
        Some(Object::Dictionary(d)) => match obj::get(doc, d, b"Title") {
            Some(Object::String(s, _)) => Some(obj::text_string(s)),
            _ => None,
        },
        _ => None,
    };
    let t = from_info.or_else(|| xmp_title(doc))?;
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim_matches('\0').trim().to_string();
    (!t.is_empty()).then_some(t)
}

fn xmp_title(doc: &pdf_extract::Document) -> Option<String> {
    let root = doc.trailer.get(b"Root").ok().map(|o| obj::deref(doc, o))?;
    let Object::Dictionary(root) = root else {
        return None;
    };
    let s = obj::stream(doc, root, b"Metadata")?;
    let data = obj::content(s);
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
}
