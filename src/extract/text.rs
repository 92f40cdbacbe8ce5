//! Plain text (and Markdown converters' heading-less output, such as
//! markitdown's) to lines: one line per line, bullets as list items, a line
//! that continues a wrapped sentence as a continuation. No Markdown parsing:
//! in such text `- a` followed by `b` is two lines, not one lazy list item.

use super::{Document, Line, LineKind, Span};

const BULLETS: &[&str] = &[
    "- ", "• ", "* ", "○ ", "● ", "◦ ", "▪ ", "■ ", "‣ ", "– ", "○␣ ", "○␣",
];

pub fn extract(text: &str) -> Document {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut doc = Document::default();
    let mut prev: Option<String> = None;
    for raw in text.split(['\n', '\u{c}']) {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            if !matches!(doc.lines.last(), Some(l) if l.kind == LineKind::Blank) {
                doc.lines.push(Line::new(LineKind::Blank, vec![]));
            }
            prev = None;
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let mut line = if let Some(rest) = BULLETS.iter().find_map(|b| trimmed.strip_prefix(b)) {
            let mut l = Line::new(LineKind::Item, spans_of(rest.trim()));
            l.depth = if indent >= 2 { 2 } else { 1 };
            l
        } else if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 1 {
            table_row(trimmed)
        } else {
            let continues = prev.as_deref().is_some_and(|p| {
                !p.ends_with(['.', ':', '!', '?'])
                    && trimmed.chars().next().is_some_and(|c| c.is_lowercase())
            });
            Line::new(
                if continues {
                    LineKind::Continuation
                } else {
                    LineKind::Text
                },
                spans_of(trimmed),
            )
        };
        if line.kind == LineKind::TableRow && line.spans.is_empty() {
            continue;
        }
        if line.kind == LineKind::Continuation {
            // A wrapped line keeps the depth of the item it continues.
            line.depth = doc.lines.last().map_or(0, |l| l.depth);
        }
        prev = Some(trimmed.to_string());
        doc.lines.push(line);
    }
    while matches!(doc.lines.last(), Some(l) if l.kind == LineKind::Blank) {
        doc.lines.pop();
    }
    doc
}

fn spans_of(s: &str) -> Vec<Span> {
    vec![Span::plain(s)]
}

/// `|a|b|` to cells separated by `\t` spans; a `|---|---|` rule gives no spans.
fn table_row(s: &str) -> Line {
    let inner = &s[1..s.len() - 1];
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    if cells
        .iter()
        .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    {
        return Line::new(LineKind::TableRow, vec![]);
    }
    let mut spans = Vec::new();
    for c in cells.iter().filter(|c| !c.is_empty()) {
        if !spans.is_empty() {
            spans.push(Span::plain("\t"));
        }
        spans.push(Span::plain(*c));
    }
    Line::new(LineKind::TableRow, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_bullets_and_wraps() {
        let d = extract("WORK EXPERIENCE\nAcme AB Göteborg, Sweden\n- Led a team and introduced con-\ntracts.\nNext Org\n\n|a|b|\n|---|---|\n");
        let k: Vec<(LineKind, String)> = d.lines.iter().map(|l| (l.kind, l.text())).collect();
        assert_eq!(k[0], (LineKind::Text, "WORK EXPERIENCE".into()));
        assert_eq!(
            k[2],
            (LineKind::Item, "Led a team and introduced con-".into())
        );
        assert_eq!(k[3], (LineKind::Continuation, "tracts.".into()));
        assert_eq!(d.lines[3].depth, 1);
        assert_eq!(k[4], (LineKind::Text, "Next Org".into()));
        assert_eq!(k[6], (LineKind::TableRow, "a\tb".into()));
        assert_eq!(d.lines.len(), 7);
    }
}
