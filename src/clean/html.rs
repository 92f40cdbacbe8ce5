//! Stray HTML: tags removed keeping their text, entities decoded, comments dropped.
//!
//! Only names of real HTML elements count as tags, and a tag's name must follow
//! `<` directly, so `a < b`, `<5%` or `<name@host>` are text. Block-level tags
//! become a space (`a<br>b` is two words); inline tags vanish (`46<sup>th</sup>`
//! is `46th`). Entities are decoded after tags are gone, so `&lt;b&gt;` stays
//! the text `<b>`.

use crate::extract::{Line, Span};
use regex::{Captures, Regex};
use std::sync::OnceLock;

crate::patterns::warm!(tag_re);
fn tag_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?i)<(/?)([a-z][a-z0-9]*)((?:\s(?:[^<>"']|"[^"<]*"|'[^'<]*')*)?)/?>"#)
            .expect("valid regex")
    })
}

crate::patterns::warm!(entity_re);
fn entity_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
            .expect("valid regex")
    })
}

crate::patterns::warm!(anchor_re);
/// An anchor's opening tag with its target (the closing tag is found by hand:
/// a lazy `.*?</a>` would rescan the rest of the text for every unclosed `<a`).
fn anchor_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?i)<a\s(?:[^<>"']|"[^"<]*"|'[^'<]*')*?(?-u:\b)href\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))(?:[^<>"']|"[^"<]*"|'[^'<]*')*>"#,
        )
        .expect("valid regex")
    })
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Remove `<!-- … -->` comments and `<script>`/`<style>` elements with their
/// content, in one linear scan (an unclosed opener stops the search: nothing
/// after it can close an earlier one). Counts each.
fn strip_comments_and_scripts(s: &str, count: &mut usize) -> Option<String> {
    const KINDS: [(&str, &str); 3] = [
        ("<!--", "-->"),
        ("<script", "</script>"),
        ("<style", "</style>"),
    ];
    // Next occurrence of each opener at or after the cursor; `None` once there is none.
    let mut next: [Option<usize>; 3] = [0, 1, 2].map(|k| find_ci(s, KINDS[k].0));
    if next.iter().all(Option::is_none) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut cursor = 0;
    let mut changed = false;
    loop {
        for (k, pos) in next.iter_mut().enumerate() {
            if let Some(p) = *pos {
                if p < cursor {
                    *pos = find_ci(&s[cursor..], KINDS[k].0).map(|q| cursor + q);
                }
            }
        }
        let Some((k, i)) = next
            .iter()
            .enumerate()
            .filter_map(|(k, p)| p.map(|p| (k, p)))
            .min_by_key(|t| t.1)
        else {
            break;
        };
        let (open, close) = KINDS[k];
        let after_open = i + open.len();
        // `<scripts` is not `<script`.
        if k > 0 && s[after_open..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            out.push_str(&s[cursor..after_open]);
            cursor = after_open;
            continue;
        }
        let Some(e) = find_ci(&s[after_open..], close) else {
            // Unclosed: nothing later closes it; this kind is done.
            next[k] = None;
            continue;
        };
        out.push_str(&s[cursor..i]);
        cursor = after_open + e + close.len();
        *count += 1;
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(&s[cursor..]);
    Some(out)
}

const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "svg", "path", "time", "tt", "u", "var", "wbr", "label", "input",
    "button", "picture", "source", "meta", "link", "iframe", "object", "embed", "video", "audio",
    "g", "use", "icon",
];

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "noscript",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Strip tags (counted in `tags`) and decode entities (counted in `entities`).
pub fn strip(s: &str, tags: &mut usize, entities: &mut usize) -> String {
    strip_opt(s, tags, entities).unwrap_or_else(|| s.to_string())
}

/// [`strip`], or `None` when nothing changes.
pub fn strip_opt(s: &str, tags: &mut usize, entities: &mut usize) -> Option<String> {
    let stripped = if s.contains('<') {
        strip_tags(s, tags)
    } else {
        None
    };
    let t = stripped.as_deref().unwrap_or(s);
    let decoded = if t.contains('&') {
        let mut n = 0;
        let d = decode_entities(t, &mut n);
        *entities += n;
        (n > 0).then_some(d)
    } else {
        None
    };
    decoded.or(stripped)
}

fn strip_tags(s: &str, tags: &mut usize) -> Option<String> {
    let before = *tags;
    let cleaned = strip_comments_and_scripts(s, tags);
    let s = cleaned.as_deref().unwrap_or(s);
    let out = tag_re().replace_all(s, |c: &Captures| {
        let Some(name) = c.get(2) else {
            return c[0].to_string();
        };
        let name = name.as_str().to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            *tags += 1;
            " ".to_string()
        } else if INLINE_TAGS.contains(&name.as_str()) {
            *tags += 1;
            String::new()
        } else {
            c[0].to_string()
        }
    });
    (*tags != before).then(|| out.into_owned())
}

/// Decode character references; unknown names are left as written.
pub fn decode_entities(s: &str, count: &mut usize) -> String {
    let out = entity_re().replace_all(s, |c: &Captures| {
        let body = &c[1];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.and_then(numeric_char).map(String::from)
        } else {
            named(body)
        };
        match decoded {
            Some(d) => {
                *count += 1;
                d
            }
            None => c[0].to_string(),
        }
    });
    out.into_owned()
}

fn numeric_char(n: u32) -> Option<char> {
    // HTML maps references to 0x80..0x9F through Windows-1252 (`&#150;` is `–`).
    if (0x80..=0x9F).contains(&n) {
        let b = [n as u8];
        let (s, bad) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&b);
        let c = s.chars().next()?;
        return (!bad && !c.is_control()).then_some(c);
    }
    match n {
        0 | 0xD800..=0xDFFF => None,
        _ => char::from_u32(n),
    }
}

/// A named reference through the full HTML5 table (2,125 names) of the
/// html-escape crate; `None` for a name HTML does not define.
fn named(name: &str) -> Option<String> {
    let reference = format!("&{name};");
    match html_escape::decode_html_entities(&reference) {
        std::borrow::Cow::Owned(s) if s != reference => Some(s),
        _ => None,
    }
}

/// Split a span at `<a href="…">text</a>` so the anchor's text carries its
/// target as the span's link (the tags themselves are stripped later). Returns
/// `None` when the span holds no complete anchor.
pub fn split_anchor_links(span: &Span) -> Option<Vec<Span>> {
    if !span.text.contains("<a") && !span.text.contains("<A") {
        return None;
    }
    let re = anchor_re();
    let text = span.text.as_str();
    let mut out = Vec::new();
    let mut last = 0;
    let mut from = 0;
    while let Some(c) = re.captures_at(text, from) {
        let Some(open) = c.get(0) else {
            break;
        };
        let Some(close) = find_ci(&text[open.end()..], "</a") else {
            break;
        };
        let inner = &text[open.end()..open.end() + close];
        let close_end = text[open.end() + close..]
            .find('>')
            .map_or(text.len(), |k| open.end() + close + k + 1);
        let href = c
            .get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))
            .map(|m| m.as_str())
            .unwrap_or("");
        let mut ignored = 0;
        let href = decode_entities(href.trim(), &mut ignored);
        if open.start() > last {
            out.push(Span {
                text: text[last..open.start()].to_string(),
                ..span.clone()
            });
        }
        out.push(Span {
            // The tags go: this span's text is the anchor's text only.
            text: inner.to_string(),
            link: if href.is_empty() {
                span.link.clone()
            } else {
                Some(href)
            },
            ..span.clone()
        });
        last = close_end;
        from = close_end;
    }
    if out.is_empty() {
        return None;
    }
    if last < span.text.len() {
        out.push(Span {
            text: span.text[last..].to_string(),
            ..span.clone()
        });
    }
    Some(out)
}

/// Remove the byte range `start..end` of the line's text from its spans.
fn cut(spans: &mut Vec<Span>, start: usize, end: usize) {
    let mut off = 0;
    for sp in spans.iter_mut() {
        let len = sp.text.len();
        let (a, b) = (start.max(off), end.min(off + len));
        if a < b {
            sp.text.replace_range(a - off..b - off, "");
        }
        off += len;
    }
    spans.retain(|s| !s.text.is_empty());
}

/// Drop HTML comments that run over several lines (`<!--` on one line, `-->`
/// on a later one); one-line comments go with the tags. Counts each comment.
pub fn drop_comment_lines(lines: &mut [Line], count: &mut usize) {
    if !lines
        .iter()
        .any(|l| l.spans.iter().any(|s| s.text.contains("<!--")))
    {
        return;
    }
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    let mut open = false;
    for (li, line) in lines.iter_mut().enumerate() {
        let text = &texts[li];
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        loop {
            if open {
                match text[from..].find("-->") {
                    Some(k) => {
                        cuts.push((from, from + k + 3));
                        from += k + 3;
                        open = false;
                    }
                    None => {
                        cuts.push((from, text.len()));
                        break;
                    }
                }
            } else {
                let Some(k) = text[from..].find("<!--") else {
                    break;
                };
                let start = from + k;
                if let Some(e) = text[start + 4..].find("-->") {
                    // Closed on this line: the tag pass removes it.
                    from = start + 4 + e + 3;
                    continue;
                }
                // A comment closes within a few lines; a stray `<!--` that
                // nothing closes is left as text rather than eating the rest.
                let closes = texts
                    .iter()
                    .skip(li + 1)
                    .take(MAX_COMMENT_LINES)
                    .any(|t| t.contains("-->"));
                if !closes {
                    break;
                }
                *count += 1;
                open = true;
                from = start;
            }
        }
        for &(a, b) in cuts.iter().rev() {
            cut(&mut line.spans, a, b);
        }
    }
}

/// How many lines an HTML comment may run over.
const MAX_COMMENT_LINES: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;

    fn st(s: &str) -> (String, usize, usize) {
        let (mut t, mut e) = (0, 0);
        let out = strip(s, &mut t, &mut e);
        (out, t, e)
    }

    #[test]
    fn tags_are_removed_keeping_text() {
        assert_eq!(st("x <u>Download</u> y"), ("x Download y".into(), 2, 0));
        assert_eq!(st("<b>(7)</b>\tiommu").0, "(7)\tiommu");
        assert_eq!(st("Ranked 46<sup>th</sup> among").0, "Ranked 46th among");
        assert_eq!(
            st(r#"<a href="mailto:Download">Download</a>"#),
            ("Download".into(), 2, 0)
        );
        assert_eq!(st(r#"<span id="page-3-0"></span>Education"#).0, "Education");
        assert_eq!(st(r#"<img src="x.png" alt="a > b"/>Text"#).0, "Text");
        assert_eq!(st("<I>Italic</I>").0, "Italic");
    }

    #[test]
    fn block_tags_separate_words() {
        assert_eq!(st("one<br>two<br/>three").0, "one two three");
        assert_eq!(st("<div>a</div><p>b</p>").0, " a  b ");
    }

    #[test]
    fn comments_and_scripts_are_dropped() {
        assert_eq!(st("a <!-- hidden --> b"), ("a  b".into(), 1, 0));
        assert_eq!(st("a<script>var x = 1 < 2;</script>b").0, "ab");
    }

    #[test]
    fn unclosed_comments_and_scripts_stay_linear() {
        assert_eq!(
            st("a <!-- never closed <b>x</b>").0,
            "a <!-- never closed x"
        );
        assert_eq!(st("<script>x <!-- y --> z").0, "<script>x  z");
        assert_eq!(
            st("<scripts>ok</scripts> <STYLE>p{}</STYLE>q").0,
            "<scripts>ok</scripts> q"
        );
        let big = "<!-- a --> <script> <a href=\"x\">".repeat(20_000);
        let t = std::time::Instant::now();
        let _ = st(&big);
        assert!(t.elapsed().as_secs() < 20, "quadratic?");
    }

    #[test]
    fn comparisons_are_not_tags() {
        for s in [
            "a < b and c > d",
            "<5% error",
            "x<y",
            "mail <john@doe.org>",
            "List<T> generic",
            "1 <= 2",
        ] {
            let (out, t, _) = st(s);
            assert_eq!((out.as_str(), t), (s, 0), "{s}");
        }
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(st("R&amp;D"), ("R&D".into(), 0, 1));
        assert_eq!(st("a&nbsp;b").0, "a\u{a0}b");
        assert_eq!(st("it&#39;s").0, "it's");
        assert_eq!(st("2020&#x2014;2021").0, "2020—2021");
        assert_eq!(st("a&#150;b").0, "a–b");
        assert_eq!(st("M&uuml;ller &eacute;").0, "Müller é");
        // The whole HTML5 table, not the common names only.
        assert_eq!(st("&hearts; &ncaron;&scedil; &rarrw;").0, "♥ ňş ↝");
        // Decoded once: an escaped tag stays text.
        assert_eq!(st("&lt;b&gt;").0, "<b>");
        assert_eq!(st("&amp;lt;").0, "&lt;");
    }

    #[test]
    fn unknown_entities_and_bare_ampersands_stay() {
        assert_eq!(
            st("AT&T & Co; &foo; &#0;"),
            ("AT&T & Co; &foo; &#0;".into(), 0, 0)
        );
    }

    #[test]
    fn comments_over_several_lines() {
        use crate::extract::LineKind;
        let mk =
            |t: &[&str]| Line::new(LineKind::Text, t.iter().map(|x| Span::plain(*x)).collect());
        let mut lines = vec![
            mk(&["keep <!-- a"]),
            mk(&["hidden"]),
            mk(&["b --> ", "after <!-- x --> too"]),
            mk(&["plain"]),
        ];
        let mut n = 0;
        drop_comment_lines(&mut lines, &mut n);
        let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["keep ", "", " after <!-- x --> too", "plain"]);
        assert_eq!(n, 1);
        // Nothing closes it: not a comment.
        let mut lines = vec![mk(&["a <!-- b"]), mk(&["c"])];
        drop_comment_lines(&mut lines, &mut n);
        assert_eq!(lines[1].text(), "c");
        assert_eq!(n, 1);
    }

    #[test]
    fn anchors_give_links() {
        let sp = Span::plain(
            r#"App for <a href="iOS">iOS</a> and <a href='https://x.org/?a=1&amp;b=2'>web</a>."#,
        );
        let parts = split_anchor_links(&sp).expect("anchors");
        let texts: Vec<_> = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["App for ", "iOS", " and ", "web", "."]);
        assert_eq!(parts[1].link.as_deref(), Some("iOS"));
        assert_eq!(parts[3].link.as_deref(), Some("https://x.org/?a=1&b=2"));
        assert_eq!(parts[0].link, None);
        assert!(split_anchor_links(&Span::plain("no anchor <b>here</b>")).is_none());
        assert!(split_anchor_links(&Span::plain("<a href=\"x\">unclosed")).is_none());
    }
}
