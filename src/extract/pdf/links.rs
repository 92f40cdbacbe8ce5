//! Link annotations: the `/URI` targets of a page and the rectangles they
//! cover, in the same upright page space as the glyphs.

use super::interp::Mat;
use super::obj;
use crate::extract::budget::Budget;
use pdf_extract::{Dictionary, Document, Object};

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub uri: String,
}

impl Link {
    /// Whether a point lies in the link's rectangle, with a little slack
    /// because rectangles are drawn from font boxes, not baselines.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 - 0.5 && x <= self.x1 + 0.5 && y >= self.y0 - 1.5 && y <= self.y1 + 1.5
    }
}

/// The page's URI links.
pub fn page_links(doc: &Document, page: &Dictionary, base: &Mat, budget: &mut Budget) -> Vec<Link> {
    let mut out = Vec::new();
    let Some(annots) = obj::array(doc, page, b"Annots") else {
        return out;
    };
    for a in annots.iter().take(5000) {
        let Object::Dictionary(d) = obj::deref(doc, a) else {
            continue;
        };
        if obj::name(doc, d, b"Subtype") != Some(b"Link") {
            continue;
        }
        let Some(uri) = uri_of(doc, d, budget) else {
            continue;
        };
        let Some(r) = obj::array(doc, d, b"Rect").map(|r| obj::nums(doc, r)) else {
            continue;
        };
        if r.len() != 4 {
            continue;
        }
        let (ax, ay) = base.apply(r[0], r[1]);
        let (bx, by) = base.apply(r[2], r[3]);
        out.push(Link {
            x0: ax.min(bx) as f32,
            y0: ay.min(by) as f32,
            x1: ax.max(bx) as f32,
            y1: ay.max(by) as f32,
            uri,
        });
    }
    out
}

/// The link's target; one too long to be a real link is refused before it
/// is copied (the same megabyte target can stand on thousands of links).
fn uri_of(doc: &Document, annot: &Dictionary, budget: &mut Budget) -> Option<String> {
    let action = obj::dict(doc, annot, b"A")?;
    if obj::name(doc, action, b"S") != Some(b"URI") {
        return None;
    }
    let raw = obj::get(doc, action, b"URI")?;
    if let Object::String(s, _) | Object::Name(s) = raw {
        if !budget.uri(s.len()) {
            return None;
        }
    }
    let s = match raw {
        // A URI is 7-bit ASCII by the spec, but producers write the UTF-8 bytes of
        // non-ASCII paths: read those as UTF-8, not PDFDocEncoding.
        Object::String(s, _) if !s.starts_with(&[0xfe, 0xff]) && std::str::from_utf8(s).is_ok() => {
            String::from_utf8_lossy(s).into_owned()
        }
        Object::String(s, _) => obj::text_string(s),
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        _ => return None,
    };
    let s = s.trim().trim_matches('\0').to_string();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_with_slack() {
        let l = Link {
            x0: 10.0,
            y0: 100.0,
            x1: 50.0,
            y1: 110.0,
            uri: "https://x".into(),
        };
        assert!(l.contains(10.2, 99.0));
        assert!(!l.contains(60.0, 105.0));
        assert!(!l.contains(20.0, 90.0));
    }
}
