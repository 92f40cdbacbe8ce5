//! Markdown (and plain text) to lines, through pulldown-cmark's events.
//!
//! Structure comes from the parser: headings, list items and their nesting,
//! emphasis, links, tables and thematic breaks. Inline HTML is kept verbatim
//! in the text (the clean stage strips and counts it), except `<br>`, which is
//! structure: it ends a line.

use super::{Document, Line, LineKind, Span};
use pulldown_cmark::{
    CowStr, Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};

/// Extract a Markdown or plain-text document.
pub fn extract(text: &str) -> Document {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut doc = Document::default();
    // Jekyll runs Liquid before Markdown, and so do we: `[x]({{ site.baseurl }}/p)`
    // is only a link once the tag is gone.
    let (text, liquid) = strip_liquid(&text);
    doc.count("liquid_tags", liquid);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut b = Builder::default();
    let mut in_meta = false;
    // An indented code block in a CV is a converter's indentation, not code: its
    // text is Markdown like the rest (`         - [x](y)`), read again unindented.
    let mut indented: Option<String> = None;
    for ev in Parser::new_ext(&text, opts) {
        if let Some(buf) = indented.as_mut() {
            match ev {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let inner = extract(&dedent(buf));
                    b.flush();
                    b.lines.extend(inner.lines);
                    indented = None;
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)) => {
                b.flush();
                indented = Some(String::new());
            }
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) if in_meta => {
                doc.front_matter.extend(parse_front_matter(&t));
            }
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            Event::Text(t) => b.text(&t),
            // Converters wrap links in code spans (`[x](y)`): the link is still a link.
            Event::Code(t) => b.code(&t),
            Event::InlineMath(t) => b.text(&format!("${t}$")),
            Event::DisplayMath(t) => b.text(&format!("$${t}$$")),
            Event::InlineHtml(h) => b.inline_html(h),
            Event::Html(h) => b.html_block(&h),
            Event::SoftBreak | Event::HardBreak => b.line_break(),
            Event::Rule => b.rule(),
            Event::FootnoteReference(r) => b.text(&format!("[{r}]")),
            Event::TaskListMarker(done) => b.text(if done { "[x] " } else { "[ ] " }),
        }
    }
    b.flush();
    // `**` left in text is emphasis that did not parse (`**Languages:**Python`):
    // the parser has taken every real one, so what is left is noise.
    let mut stray = 0;
    for line in &mut b.lines {
        for sp in &mut line.spans {
            if sp.text.contains("**") || sp.text.contains("__") {
                stray += sp.text.matches("**").count() + sp.text.matches("__").count();
                sp.text = sp.text.replace("**", "").replace("__", "");
            }
        }
    }
    doc.count("markdown_escapes", stray);
    doc.title = doc
        .front_matter
        .iter()
        .find(|(k, _)| k == "title")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty());
    doc.lines = b.lines;
    doc
}

/// `key: value` pairs of a YAML front matter block, top level only, quotes removed.
fn parse_front_matter(yaml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in yaml.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            let k = k.trim();
            if k.is_empty() || k.contains(' ') {
                continue;
            }
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            out.push((k.to_string(), v.to_string()));
        }
    }
    out
}

#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    cur: Option<Line>,
    bold: u32,
    italic: u32,
    links: Vec<String>,
    list_depth: u8,
    /// The kind the next started line takes (set by a block start).
    pending: Option<LineKind>,
    cells_in_row: usize,
}

impl Builder {
    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.pending = Some(LineKind::Heading(heading_level(level)));
            }
            // A paragraph inside a list item right after its start continues the item.
            Tag::Paragraph if self.pending != Some(LineKind::Item) => {
                self.flush();
                self.pending = Some(if self.list_depth > 0 {
                    LineKind::Continuation
                } else {
                    LineKind::Text
                });
            }
            Tag::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_add(1);
            }
            Tag::Item => {
                self.flush();
                self.pending = Some(LineKind::Item);
            }
            Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.flush();
                self.pending = Some(LineKind::Text);
            }
            Tag::TableRow | Tag::TableHead => {
                self.flush();
                self.pending = Some(LineKind::TableRow);
                self.cells_in_row = 0;
            }
            Tag::TableCell => {
                if self.cells_in_row > 0 {
                    self.push_span(Span::plain("\t"));
                }
                self.cells_in_row += 1;
            }
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::Link { dest_url, .. } => self.links.push(dest_url.to_string()),
            Tag::Image { dest_url, .. } => self.links.push(dest_url.to_string()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.flush()
            }
            TagEnd::Item => {
                self.flush();
                self.pending = None;
            }
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    self.blank();
                }
            }
            TagEnd::TableRow | TagEnd::TableHead => self.flush(),
            TagEnd::Table => self.blank(),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                self.links.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        // Text of a code block or HTML block can hold several lines.
        let mut first = true;
        for part in t.split('\n') {
            if !first {
                self.line_break();
            }
            first = false;
            if !part.is_empty() {
                self.push_span(Span {
                    text: part.to_string(),
                    bold: self.bold > 0,
                    italic: self.italic > 0,
                    link: self.links.last().cloned(),
                    icon: None,
                });
            }
        }
    }

    fn code(&mut self, t: &str) {
        let re = code_link_re();
        let mut last = 0;
        for c in re.captures_iter(t) {
            let (Some(m), Some(label), Some(url)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            self.text(&t[last..m.start()]);
            self.links.push(url.as_str().to_string());
            self.text(label.as_str());
            self.links.pop();
            last = m.end();
        }
        self.text(&t[last..]);
    }

    fn inline_html(&mut self, h: CowStr) {
        if is_br(&h) {
            self.line_break();
        } else {
            self.text(&h);
        }
    }

    fn html_block(&mut self, h: &str) {
        // `<br>` inside an HTML block also ends a line.
        let re_br = br_regex();
        let h = re_br.replace_all(h, "\n");
        let h = h.strip_suffix('\n').unwrap_or(&h).to_string();
        self.text(&h);
    }

    fn line_break(&mut self) {
        if self.cur.is_some() {
            self.flush();
            self.pending = Some(LineKind::Continuation);
        }
    }

    fn rule(&mut self) {
        self.flush();
        self.lines.push(Line::new(LineKind::Rule, vec![]));
    }

    fn blank(&mut self) {
        if !matches!(self.lines.last(), Some(l) if l.kind == LineKind::Blank) {
            self.lines.push(Line::new(LineKind::Blank, vec![]));
        }
    }

    fn push_span(&mut self, span: Span) {
        let line = self.cur.get_or_insert_with(|| {
            let kind = self.pending.take().unwrap_or(LineKind::Text);
            let mut l = Line::new(kind, vec![]);
            l.depth = self.list_depth;
            l
        });
        // Merge with the previous span when the style is the same.
        if let Some(last) = line.spans.last_mut() {
            if last.bold == span.bold
                && last.italic == span.italic
                && last.link == span.link
                && span.text != "\t"
                && last.text != "\t"
            {
                last.text.push_str(&span.text);
                return;
            }
        }
        line.spans.push(span);
    }

    fn flush(&mut self) {
        if let Some(line) = self.cur.take() {
            // A new block (not a continuation) after a paragraph: separate with a blank.
            let starts_block = matches!(line.kind, LineKind::Text | LineKind::Heading(_));
            if starts_block
                && matches!(
                    self.lines.last(),
                    Some(l) if !matches!(l.kind, LineKind::Blank | LineKind::Rule)
                )
                && line.depth == 0
            {
                self.blank();
            }
            self.lines.push(line);
        }
        // A paragraph inside a list item that is not the item's first continues it.
        if self.pending.is_none() && self.list_depth > 0 {
            self.pending = None;
        }
    }
}

fn dedent(s: &str) -> String {
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    s.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

crate::patterns::re!(code_link_re, r"\[([^\]]*)\]\(([^)\s]+)\)");
// Unbounded here, capped in `strip_liquid`: a counted `{0,200}` of a negated
// class compiles to a 200-fold automaton.
crate::patterns::re!(liquid_re, r"\{\{[^{}\n]*\}\}|\{%[^%\n]*%\}");

/// Longest Liquid tag removed: a longer "tag" is more likely prose with braces.
const MAX_LIQUID: usize = 204;

/// Remove Liquid tags (`{{ site.baseurl }}`, `{% include x %}`); returns the count.
fn strip_liquid(text: &str) -> (String, usize) {
    if !text.contains("{{") && !text.contains("{%") {
        return (text.to_string(), 0);
    }
    let mut n = 0;
    let out = liquid_re().replace_all(text, |c: &regex::Captures| {
        let m = &c[0];
        if m.len() <= MAX_LIQUID {
            n += 1;
            String::new()
        } else {
            m.to_string()
        }
    });
    (out.into_owned(), n)
}

fn is_br(h: &str) -> bool {
    let t = h.trim().to_ascii_lowercase();
    t == "<br>" || t == "<br/>" || t == "<br />"
}

crate::patterns::warm!(br_regex);
fn br_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"(?i)<br\s*/?>").expect("valid regex"))
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(d: &Document) -> Vec<(LineKind, String)> {
        d.lines
            .iter()
            .filter(|l| l.kind != LineKind::Blank)
            .map(|l| (l.kind, l.text()))
            .collect()
    }

    #[test]
    fn headings_items_and_breaks() {
        let d = extract(
            "---\ntitle: About\nlayout: x\n---\n\n# Work\n\n- one\n  two\n- three\n\n**A**  \nB\n",
        );
        assert_eq!(d.title.as_deref(), Some("About"));
        let k = kinds(&d);
        assert_eq!(k[0], (LineKind::Heading(1), "Work".into()));
        assert_eq!(k[1], (LineKind::Item, "one".into()));
        assert_eq!(k[2], (LineKind::Continuation, "two".into()));
        assert_eq!(k[3], (LineKind::Item, "three".into()));
        assert_eq!(k[4], (LineKind::Text, "A".into()));
        assert!(d.lines.iter().any(|l| l.all_bold() && l.text() == "A"));
        assert_eq!(k[5], (LineKind::Continuation, "B".into()));
    }

    #[test]
    fn links_keep_targets() {
        let d = extract("See [Paper](http://x.org/p.pdf), ok");
        let l = &d.lines[0];
        assert_eq!(l.text(), "See Paper, ok");
        assert_eq!(l.spans[1].link.as_deref(), Some("http://x.org/p.pdf"));
    }

    #[test]
    fn br_ends_a_line_and_tables_become_rows() {
        let d = extract("|**PhD**<br>Princeton|NJ|\n|---|---|\n|a|b|\n");
        let k = kinds(&d);
        assert_eq!(k[0], (LineKind::TableRow, "PhD".into()));
        assert_eq!(k[1], (LineKind::Continuation, "Princeton\tNJ".into()));
        assert_eq!(d.lines[1].spans[1].text, "\t");
        assert_eq!(k[2], (LineKind::TableRow, "a\tb".into()));
    }

    #[test]
    fn liquid_goes_before_links_are_read() {
        let d = extract("[here]({{ site.baseurl }}/hc) {% include x.html %}");
        assert_eq!(d.lines[0].spans[0].link.as_deref(), Some("/hc"));
        assert_eq!(d.removed, vec![("liquid_tags", 2)]);
    }

    #[test]
    fn indented_blocks_are_markdown_and_stray_stars_go() {
        let d = extract("Intro\n\n         - [in](http://l.in/x) and **Languages:**Python\n");
        let l = d
            .lines
            .iter()
            .find(|l| l.text().contains("in and"))
            .unwrap();
        assert_eq!(l.spans[0].link.as_deref(), Some("http://l.in/x"));
        assert!(!l.text().contains("**"));
    }

    #[test]
    fn links_in_code_spans() {
        let d = extract("Web `[https://a.eu](https://a.eu)`");
        assert_eq!(d.lines[0].text(), "Web https://a.eu");
        assert_eq!(d.lines[0].spans[1].link.as_deref(), Some("https://a.eu"));
    }

    #[test]
    fn inline_html_is_kept_for_cleaning() {
        let d = extract("x <u>Download</u> y");
        assert_eq!(d.lines[0].text(), "x <u>Download</u> y");
    }
}
