//! Stage 1: bytes in, lines with style and links out.
//!
//! Every input form (PDF, Markdown, plain text) becomes a [`Document`]: a flat
//! list of [`Line`]s, each made of styled [`Span`]s. Later stages never look at
//! the original bytes again.

pub mod budget;
pub mod markdown;
pub mod pdf;
pub mod sniff;
pub mod text;

use crate::profile::Format;

/// What an input became after extraction.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: Option<String>,
    pub pages: Option<u32>,
    pub lines: Vec<Line>,
    /// Top-level `key: value` pairs of a YAML front matter block (Markdown only).
    pub front_matter: Vec<(String, String)>,
    /// Counts of what extraction itself removed (PDF page furniture, icon glyphs
    /// found through font encodings, ...), merged into `diagnostics` later.
    pub removed: Vec<(&'static str, usize)>,
    /// Non-fatal problems met while extracting.
    pub warnings: Vec<String>,
}

impl Document {
    pub fn count(&mut self, what: &'static str, n: usize) {
        if n == 0 {
            return;
        }
        if let Some(e) = self.removed.iter_mut().find(|(k, _)| *k == what) {
            e.1 += n;
        } else {
            self.removed.push((what, n));
        }
    }
}

/// How a line stands in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineKind {
    /// A heading of the given level (1 = largest). PDF headings are found from
    /// typography by the extractor or the segmenter.
    Heading(u8),
    /// The first line of a list item.
    Item,
    /// A line that continues the paragraph or list item above it.
    Continuation,
    /// The first line of a paragraph (or any line with no structure known).
    #[default]
    Text,
    /// A separator between blocks: a blank line or a thematic break (`---`).
    Blank,
    /// A thematic break (`---`, `***`), which academic homepages use between sections.
    Rule,
    /// A table row; cells are separated by spans whose text is `\t`.
    TableRow,
}

/// A typed icon that stood before some text (from an icon font or a pictograph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Email,
    Phone,
    Home,
    Location,
    GitHub,
    LinkedIn,
    Twitter,
    Scholar,
    Orcid,
    YouTube,
    Other,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Target of the link the span is part of.
    pub link: Option<String>,
    /// An icon the span starts with (the glyph itself is removed by cleaning).
    pub icon: Option<Icon>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            ..Default::default()
        }
    }
}

/// Geometry of a PDF line, in points from the page's bottom-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Geom {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    /// Dominant font size.
    pub size: f32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// List nesting depth (0 outside lists, 1 for a top-level item).
    pub depth: u8,
    pub spans: Vec<Span>,
    pub page: Option<u32>,
    pub geom: Option<Geom>,
}

impl Line {
    pub fn new(kind: LineKind, spans: Vec<Span>) -> Self {
        Line {
            kind,
            spans,
            ..Default::default()
        }
    }

    /// The line's text, spans joined as they are (cell separators stay `\t`).
    pub fn text(&self) -> String {
        let mut s = String::new();
        for sp in &self.spans {
            s.push_str(&sp.text);
        }
        s
    }

    /// The line's text with each cell separator read as one space: what a
    /// parser reads and what ends up in the profile.
    pub fn flat_text(&self) -> String {
        let mut s = String::new();
        for sp in &self.spans {
            if sp.text == "\t" {
                if !s.is_empty() && !s.ends_with(' ') {
                    s.push(' ');
                }
            } else if s.ends_with(' ') && sp.text.starts_with(' ') {
                s.push_str(sp.text.trim_start());
            } else {
                s.push_str(&sp.text);
            }
        }
        // An empty last cell leaves no trailing space.
        if s.ends_with(' ') && self.spans.last().is_some_and(|sp| sp.text == "\t") {
            s.pop();
        }
        s
    }

    /// True when every non-blank span is bold (a bold-only line).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for sp in &self.spans {
            if sp.text.trim().is_empty() {
                continue;
            }
            if !sp.bold {
                return false;
            }
            any = true;
        }
        any
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.kind, LineKind::Blank | LineKind::Rule) || self.text().trim().is_empty()
    }
}

/// Why an input could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractError {
    /// Short machine-readable kind: `empty`, `binary`, `too_large`, `pdf_unsupported`,
    /// `pdf_corrupt`, `pdf_encrypted`, `pdf_no_text`, `pdf_panic`, ...
    pub kind: &'static str,
    pub message: String,
}

impl ExtractError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        ExtractError {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Extract a document of the given format from raw bytes.
pub fn extract(bytes: &[u8], format: Format) -> Result<Document, ExtractError> {
    match format {
        Format::Pdf => pdf::extract(bytes),
        Format::Markdown | Format::Text => {
            let text = sniff::decode_text(bytes)?;
            let mut doc = if format == Format::Markdown {
                markdown::extract(&text.text)
            } else {
                self::text::extract(&text.text)
            };
            if let Some(w) = text.warning {
                doc.warnings.push(w);
            }
            doc.count("nul_bytes", text.nuls);
            leader_headings(&mut doc.lines);
            Ok(doc)
        }
    }
}

crate::patterns::re!(
    leader_heading_re,
    r"^\s*([\p{Lu}][^.…]*?[^.…\s])\s*(?:(?:\.\s*){4,}|(?:…\s*){2,})$"
);

/// A short line that ends in a dotted leader (`Conference Publications.....`,
/// `Workshop Papers, ..., and Posters. . . .`) is a subsection title, as a
/// PDF's typography shows: converters leave it a plain paragraph.
fn leader_headings(lines: &mut [Line]) {
    let re = leader_heading_re();
    let deepest = lines
        .iter()
        .filter_map(|l| match l.kind {
            LineKind::Heading(n) => Some(n),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    for l in lines.iter_mut() {
        if l.kind != LineKind::Text {
            continue;
        }
        let t = l.flat_text();
        let Some(c) = re.captures(&t) else { continue };
        let title = &c[1];
        if title.split_whitespace().count() <= 14 && title.chars().count() <= 120 {
            l.kind = LineKind::Heading((deepest + 1).min(6));
        }
    }
}
