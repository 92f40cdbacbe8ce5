//! Stage 2: clean the extracted lines.
//!
//! Each pass is a small function in its own file with unit tests; every pass
//! counts what it removed or repaired into [`Diagnostics`]. Cleaning never
//! changes the document's structure except to drop furniture (page headers,
//! footers, page numbers) and empty lines, and to join hyphenated line ends.

pub mod furniture;
pub mod html;
pub mod icons;
pub mod latex;
pub mod mojibake;
pub mod text;

use crate::extract::{Document, Line, LineKind};
use crate::profile::Diagnostics;

/// The cleaned document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub title: Option<String>,
    pub pages: Option<u32>,
    pub front_matter: Vec<(String, String)>,
    pub lines: Vec<Line>,
    pub diagnostics: Diagnostics,
}

impl Cleaned {
    /// The cleaned text, one line per line (blank lines kept), as `vitae text` shows
    /// it; section `line` numbers index into this.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(&l.text());
            s.push('\n');
        }
        s
    }
}

/// Clean a whole document.
pub fn clean(doc: Document) -> Cleaned {
    let mut diag = Diagnostics::default();
    for (what, n) in &doc.removed {
        add_count(&mut diag, what, *n);
    }
    for w in &doc.warnings {
        diag.warnings.push(crate::profile::Warning {
            code: "extract".into(),
            message: w.clone(),
            line: None,
        });
    }
    let title = doc.title.map(|t| clean_inline(&t, &mut diag)).filter(|t| !t.is_empty());
    let front_matter = doc
        .front_matter
        .into_iter()
        .map(|(k, v)| {
            let v = clean_inline(&v, &mut diag);
            (k, v)
        })
        .collect();

    let mut lines = furniture::remove(doc.lines, &mut diag);
    for line in &mut lines {
        for span in &mut line.spans {
            if span.text == "\t" {
                continue;
            }
            span.text = clean_inline(&span.text, &mut diag);
            if let Some(url) = &span.link {
                span.link = text::clean_url(url, &mut diag);
            }
        }
        text::tidy_spans(&mut line.spans);
    }
    text::join_hyphenation(&mut lines, &mut diag);
    // Lines left empty by cleaning go, but a structural blank stays (one in a row).
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for l in lines {
        let empty = l.text().trim().is_empty();
        let is_sep = matches!(l.kind, LineKind::Blank | LineKind::Rule);
        if empty && !is_sep && !matches!(l.kind, LineKind::Heading(_)) {
            continue;
        }
        if empty && matches!(l.kind, LineKind::Heading(_)) {
            continue;
        }
        if l.kind == LineKind::Blank && matches!(out.last(), Some(p) if p.kind == LineKind::Blank) {
            continue;
        }
        out.push(l);
    }
    while matches!(out.first(), Some(l) if l.kind == LineKind::Blank) {
        out.remove(0);
    }
    while matches!(out.last(), Some(l) if l.kind == LineKind::Blank) {
        out.pop();
    }
    Cleaned {
        title,
        pages: doc.pages,
        front_matter,
        lines: out,
        diagnostics: diag,
    }
}

/// Clean one piece of inline text: every text pass, in order.
pub fn clean_inline(s: &str, diag: &mut Diagnostics) -> String {
    let s = mojibake::repair(s, &mut diag.mojibake_fixes);
    let s = html::strip(&s, &mut diag.html_tags, &mut diag.html_entities);
    let s = text::strip_liquid(&s, &mut diag.liquid_tags);
    let s = latex::convert(&s, &mut diag.latex_commands);
    let s = icons::strip(&s, &mut diag.icon_glyphs);
    let s = text::expand_ligatures(&s, &mut diag.ligatures);
    let s = text::strip_dotted_leaders(&s, &mut diag.dotted_leaders);
    text::normalize(&s)
}

/// Add a named count from extraction to the diagnostics.
pub fn add_count(diag: &mut Diagnostics, what: &str, n: usize) {
    match what {
        "icon_glyphs" => diag.icon_glyphs += n,
        "html_tags" => diag.html_tags += n,
        "mojibake_fixes" => diag.mojibake_fixes += n,
        "ligatures" => diag.ligatures += n,
        "hyphenations_joined" => diag.hyphenations_joined += n,
        "header_footer_lines" => diag.header_footer_lines += n,
        "page_numbers" => diag.page_numbers += n,
        "dotted_leaders" => diag.dotted_leaders += n,
        _ => diag.warnings.push(crate::profile::Warning {
            code: "count".into(),
            message: format!("{what}: {n}"),
            line: None,
        }),
    }
}
