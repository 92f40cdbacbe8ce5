//! Stage 2: clean the extracted lines.
//!
//! Each pass is a small function in its own file with unit tests; every pass
//! counts what it removed or repaired into [`Diagnostics`]. Cleaning never
//! changes the document's structure except to drop furniture (page headers,
//! footers, page numbers), multi-line HTML comments and empty lines, to join
//! hyphenated line ends, and to make a text line that started with a bullet
//! glyph (`● item`) a list item once the glyph is gone.
//!
//! Order: furniture (on the raw lines, whose repeats are exact), then per
//! span: mojibake, HTML (`<a href>` first gives its text the link), Liquid,
//! LaTeX, leading bullets, icons (with the rest of the line as context),
//! ligatures and accents, dotted leaders, NFC and spaces; then link targets,
//! span tidying and, last, line-end hyphenation across lines.

pub mod furniture;
pub mod html;
pub mod icons;
pub mod latex;
pub mod markdown;
pub mod mojibake;
pub mod text;

use crate::extract::{Document, Line, LineKind};
use crate::profile::Diagnostics;
use std::borrow::Cow;

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
    let title = doc
        .title
        .map(|t| clean_inline(&t, &mut diag))
        .filter(|t| !t.is_empty());
    let front_matter = doc
        .front_matter
        .into_iter()
        .map(|(k, v)| {
            let v = clean_inline(&v, &mut diag);
            (k, v)
        })
        .collect();

    let mut lines = doc.lines;
    html::drop_comment_lines(&mut lines, &mut diag.html_tags);
    let mut lines = furniture::remove(lines, &mut diag);
    for line in &mut lines {
        clean_line(line, &mut diag);
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

/// Clean one piece of inline text: every text pass, in order. Used for text
/// with no line around it (titles, front matter); lines go through
/// [`clean_line`], which runs the same passes with the line as context.
/// The result is trimmed.
pub fn clean_inline(s: &str, diag: &mut Diagnostics) -> String {
    let s = before_icons(s, diag);
    let s = then(s, |t| {
        icons::strip_ctx_opt(t, "", "", &mut diag.icon_glyphs)
    });
    after_icons(&s, diag).trim().to_string()
}

/// Apply a pass that returns `None` when it changes nothing, without copying.
fn then<'a>(s: Cow<'a, str>, pass: impl FnOnce(&str) -> Option<String>) -> Cow<'a, str> {
    match pass(&s) {
        Some(changed) => Cow::Owned(changed),
        None => s,
    }
}

/// The passes that repair and unwrap text: mojibake first (the bytes must be
/// right before anything reads them), HTML before LaTeX (`<sup>` around `$`),
/// Liquid before LaTeX (`{{ }}` braces).
fn before_icons<'a>(s: &'a str, diag: &mut Diagnostics) -> Cow<'a, str> {
    let s = then(Cow::Borrowed(s), |t| {
        mojibake::repair_opt(t, &mut diag.mojibake_fixes)
    });
    let s = then(s, |t| {
        html::strip_opt(t, &mut diag.html_tags, &mut diag.html_entities)
    });
    let s = then(s, |t| text::strip_liquid_opt(t, &mut diag.liquid_tags));
    then(s, |t| latex::convert_opt(t, &mut diag.latex_commands))
}

/// The passes after icons are gone: ligatures and accents, leaders, NFC and spaces.
fn after_icons<'a>(s: &'a str, diag: &mut Diagnostics) -> Cow<'a, str> {
    let s = then(Cow::Borrowed(s), |t| {
        text::expand_ligatures_opt(t, &mut diag.ligatures)
    });
    let s = then(s, |t| {
        text::strip_dotted_leaders_opt(t, &mut diag.dotted_leaders)
    });
    let s = then(s, |t| text::inline_bullets_opt(t, &mut diag.icon_glyphs));
    then(s, text::normalize_opt)
}

/// How much of the neighbouring spans the icon pass sees.
const CONTEXT_CHARS: usize = 64;

/// Clean one line's spans. Icons are judged with the rest of the line (or
/// table cell) as context, so an emoji in its own span after a bold word is
/// still seen as prose.
fn clean_line(line: &mut Line, diag: &mut Diagnostics) {
    // `<a href="…">text</a>` gives its text the link.
    if line
        .spans
        .iter()
        .any(|s| s.text.contains("<a") || s.text.contains("<A"))
    {
        let mut spans = Vec::with_capacity(line.spans.len() + 2);
        for sp in line.spans.drain(..) {
            match html::split_anchor_links(&sp) {
                Some(parts) => spans.extend(parts),
                None => spans.push(sp),
            }
        }
        line.spans = spans;
    }
    for span in &mut line.spans {
        if span.text != "\t" {
            if let Cow::Owned(t) = before_icons(&span.text, diag) {
                span.text = t;
            }
        }
    }
    // After HTML: a comment holding `[label](url)` goes whole before links are split.
    diag.markdown_escapes += markdown::unrendered(&mut line.spans);
    strip_leading_bullet(line, diag);
    // A bullet that starts a later cell (`ReactJS | ◦ VueJS | ◦ Node`) goes too.
    for i in 1..line.spans.len() {
        if line.spans[i - 1].text == "\t" {
            if let Some(rest) = icons::strip_leading_bullet(&line.spans[i].text) {
                line.spans[i].text = rest;
                diag.icon_glyphs += 1;
            }
        }
    }
    // The line (or cell) so far, cleaned, as the icon pass's left context.
    let mut before = String::new();
    for i in 0..line.spans.len() {
        if line.spans[i].text == "\t" {
            before.clear();
            continue;
        }
        if icons::may_change(&line.spans[i].text) {
            let mut after = String::new();
            for sp in &line.spans[i + 1..] {
                if sp.text == "\t" || after.len() >= CONTEXT_CHARS {
                    break;
                }
                after.push_str(&sp.text);
            }
            if let Some(t) =
                icons::strip_ctx_opt(&line.spans[i].text, &before, &after, &mut diag.icon_glyphs)
            {
                line.spans[i].text = t;
            }
        }
        before.push_str(&line.spans[i].text);
        if before.len() > 4 * CONTEXT_CHARS {
            let cut = before.len() - CONTEXT_CHARS;
            let cut = (cut..before.len())
                .find(|&k| before.is_char_boundary(k))
                .unwrap_or(0);
            before.drain(..cut);
        }
        if let Cow::Owned(t) = after_icons(&line.spans[i].text, diag) {
            line.spans[i].text = t;
        }
    }
    for span in &mut line.spans {
        if let Some(url) = &span.link {
            span.link = text::clean_url(url, diag);
        }
    }
    text::tidy_spans(&mut line.spans);
}

/// Remove bullet glyphs that start a line (`● item`, `○␣ Position`). A text
/// line that started with a list bullet is a list item; moderncv's `○`, which
/// marks a job's title line rather than an item, leaves the kind alone.
fn strip_leading_bullet(line: &mut Line, diag: &mut Diagnostics) {
    let Some(first) = line.spans.iter_mut().find(|s| !s.text.trim().is_empty()) else {
        return;
    };
    if first.text == "\t" {
        return;
    }
    let glyph = first.text.trim_start().chars().next();
    if let Some(rest) = icons::strip_leading_bullet(&first.text) {
        first.text = rest;
        diag.icon_glyphs += 1;
        if matches!(line.kind, LineKind::Text | LineKind::Continuation)
            && !matches!(glyph, Some('○' | '◦' | '\u{2423}'))
        {
            line.kind = LineKind::Item;
            line.depth = line.depth.max(1);
        }
    }
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
        "liquid_tags" => diag.liquid_tags += n,
        "html_entities" => diag.html_entities += n,
        "latex_commands" => diag.latex_commands += n,
        "markdown_escapes" => diag.markdown_escapes += n,
        _ => diag.warnings.push(crate::profile::Warning {
            code: "count".into(),
            message: format!("{what}: {n}"),
            line: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::markdown;
    use crate::extract::Span;
    use unicode_normalization::UnicodeNormalization;

    const SEED_000: &str = include_str!("../../samples/000_91fdcebf25aa6776.txt");
    const SEED_001: &str = include_str!("../../samples/001_878e3baaa9acc3d7.txt");
    const SEED_002: &str = include_str!("../../samples/002_d0d3691bd95d5d3f.txt");

    fn cleaned(md: &str) -> Cleaned {
        clean(markdown::extract(md))
    }

    /// What every cleaned line must be: NFC, single-spaced, trimmed, no noise.
    fn assert_hygiene(c: &Cleaned) {
        for l in &c.lines {
            for cell in l.text().split('\t') {
                assert_eq!(cell, cell.nfc().collect::<String>(), "not NFC: {cell:?}");
                assert!(!cell.contains("  "), "double space: {cell:?}");
                assert_eq!(cell, cell.trim(), "untrimmed: {cell:?}");
                assert!(
                    !cell.chars().any(|c| matches!(c as u32,
                        0xE000..=0xF8FF | 0xFFFD | 0xAD | 0x200B | 0x2060 | 0xFEFF | 0x2423 | 0xFB00..=0xFB06)),
                    "noise glyph in {cell:?}"
                );
                for bad in [
                    "â€", "Ã", "√§", "$\\", "<u>", "</", "<br", "{{", "&amp;", "(cid:",
                ] {
                    assert!(!cell.contains(bad), "{bad:?} in {cell:?}");
                }
            }
        }
    }

    #[test]
    fn seed_000_mojibake_and_liquid() {
        let c = cleaned(SEED_000);
        assert_hygiene(&c);
        let t = c.text();
        for want in [
            "related—or",
            "master’s",
            "Mühlhäuser",
            "Fall ’24",
            "1× R1",
            "Systems 🙂 (21/12/2023)",
            "Universität Ilmenau",
        ] {
            assert!(t.contains(want), "{want}");
        }
        assert!(c.diagnostics.mojibake_fixes >= 30);
        assert_eq!(c.diagnostics.liquid_tags, 2);
        // `[here for more]({{ site.baseurl }}/hcongestion)` keeps its path.
        assert!(c
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .any(|s| s.link.as_deref() == Some("/hcongestion")));
        // `[Paper]()` has no target.
        assert!(c
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .all(|s| s.link.as_deref() != Some("")));
    }

    #[test]
    fn seed_001_mac_roman() {
        let c = cleaned(SEED_001);
        assert_hygiene(&c);
        assert!(c.text().contains("Technische Universität Ilmenau"));
        assert_eq!(c.diagnostics.mojibake_fixes, 1);
    }

    #[test]
    fn seed_002_icons_html_latex() {
        let c = cleaned(SEED_002);
        assert_hygiene(&c);
        let t = c.text();
        for icon in ['🔾', '🔹', '🛭', '🗘', '💆'] {
            assert!(!t.contains(icon), "{icon}");
        }
        assert!(t.contains(
            "aliireza.github.io Alireza Farshin aliireza in alireza-farshin • alirezafarshin"
        ));
        for want in [
            "~ 9.5 Million SEK November 2023–October 2025",
            "28/104 ≈ 26.9%",
            "65/348 ≈ 18.6%",
            "Ranked 46th among",
            "$140,000 USD",
            "Dejan Kostić",
            "(7) iommu-bench",
        ] {
            assert!(t.contains(want), "{want}");
        }
        assert!(!t.contains("Publications....."));
        assert!(t.contains("\nConference Publications\n"));
        assert_eq!(c.diagnostics.icon_glyphs, 6);
        assert!(c.diagnostics.html_tags >= 40);
        assert!(c.diagnostics.latex_commands >= 4);
        assert!(c.diagnostics.dotted_leaders >= 3);
        // `<a href="iOS">iOS</a>` and `<a href="mailto:Download">`: text kept, bogus targets dropped.
        let spans: Vec<&Span> = c.lines.iter().flat_map(|l| &l.spans).collect();
        assert!(spans.iter().any(|s| s.text.contains("iOS")));
        assert!(spans.iter().all(|s| s.link.is_none()));
    }

    #[test]
    fn bullets_and_cells() {
        let lines = vec![
            Line::new(LineKind::Text, vec![Span::plain("● Designed a thing")]),
            Line::new(
                LineKind::Continuation,
                vec![Span::plain("○␣ Postdoctoral Researcher")],
            ),
            Line::new(
                LineKind::TableRow,
                vec![
                    Span::plain(" \u{f0e0} a@b.org "),
                    Span::plain("\t"),
                    Span::plain(" 🙂 x "),
                ],
            ),
            Line::new(LineKind::Text, vec![Span::plain("<!-- start")]),
            Line::new(LineKind::Continuation, vec![Span::plain("hidden -->")]),
        ];
        let c = clean(Document {
            lines,
            ..Default::default()
        });
        let got: Vec<(LineKind, String)> = c.lines.iter().map(|l| (l.kind, l.text())).collect();
        assert_eq!(
            got,
            [
                (LineKind::Item, "Designed a thing".to_string()),
                (
                    LineKind::Continuation,
                    "Postdoctoral Researcher".to_string()
                ),
                (LineKind::TableRow, "a@b.org\tx".to_string()),
            ]
        );
    }

    #[test]
    fn anchor_links_become_span_links() {
        let c = cleaned(r#"See <a href="https://x.org/p.pdf">the paper</a> now"#);
        let l = &c.lines[0];
        assert_eq!(l.text(), "See the paper now");
        assert!(l
            .spans
            .iter()
            .any(|s| s.text == "the paper" && s.link.as_deref() == Some("https://x.org/p.pdf")));
    }

    #[test]
    fn hyphenation_across_lines() {
        let c = cleaned("computer networks and net-\nworked systems at multi-\nhundred rates\n");
        assert_eq!(
            c.text(),
            "computer networks and networked\nsystems at multi-hundred\nrates\n"
        );
        assert_eq!(c.diagnostics.hyphenations_joined, 2);
    }

    #[test]
    fn inline_order() {
        let mut d = Diagnostics::default();
        // Mojibake inside HTML inside a line with LaTeX, an icon and a ligature.
        let out = clean_inline(
            "\u{f0ac} <b>Mâ€™s</b> &amp; $\\sim$5 eﬃcient Conference.....",
            &mut d,
        );
        assert_eq!(out, "M’s & ~5 efficient Conference");
        assert_eq!(
            (
                d.icon_glyphs,
                d.html_tags,
                d.html_entities,
                d.mojibake_fixes,
                d.latex_commands,
                d.ligatures,
                d.dotted_leaders
            ),
            (1, 2, 1, 1, 1, 1, 1)
        );
    }

    proptest::proptest! {
        #[test]
        fn inline_never_panics_and_is_tidy(s in "\\PC{0,80}") {
            let mut d = Diagnostics::default();
            let out = clean_inline(&s, &mut d);
            proptest::prop_assert_eq!(out.clone(), out.nfc().collect::<String>());
            proptest::prop_assert!(!out.contains("  "));
        }

        #[test]
        fn noisy_inline_never_panics(s in "[a-zA-Z0-9 $\\\\{}^_<>/&;#.\\-\u{AD}\u{200B}\u{B4}\u{A8}ÃâÂ€™√§ðŸ…•○␣🙂🔹\u{f0ac}ﬁ]{0,60}") {
            let mut d = Diagnostics::default();
            let out = clean_inline(&s, &mut d);
            proptest::prop_assert!(!out.contains("  "));
        }

        #[test]
        fn documents_never_panic(lines in proptest::collection::vec("[a-z0-9 /\\-•○<>!{}$]{0,30}", 0..40)) {
            let md = lines.join("\n");
            let c = cleaned(&md);
            for l in &c.lines {
                proptest::prop_assert!(!l.text().contains("  "));
            }
        }
    }
}
