//! Markdown syntax printed as text: a CV written in Markdown and turned into a
//! PDF by a pipeline that did not render some of it shows `[label](url)` and
//! `**bold**` literally. The link becomes its label with the link target; the
//! asterisks go. (Markdown inputs lose theirs in the parser already.)

use crate::extract::Span;

/// Rewrite one line's spans; returns how many pieces of syntax went.
pub fn unrendered(spans: &mut Vec<Span>) -> usize {
    if !spans
        .iter()
        .any(|s| s.text.contains("](") || s.text.contains("**"))
    {
        return 0;
    }
    let mut count = 0;
    let mut out = Vec::with_capacity(spans.len() + 2);
    for mut sp in spans.drain(..) {
        if sp.text.contains("**") {
            count += sp.text.matches("**").count();
            sp.text = sp.text.replace("**", "");
        }
        if sp.link.is_none() && sp.text.contains("](") {
            count += split_links(sp, &mut out);
        } else {
            out.push(sp);
        }
    }
    *spans = out;
    count
}

/// Split `before [label](url) after` into spans, the label carrying the link.
fn split_links(sp: Span, out: &mut Vec<Span>) -> usize {
    let text = sp.text.clone();
    let mut rest = text.as_str();
    let mut n = 0;
    let piece = |t: &str, link: Option<String>| Span {
        text: t.to_string(),
        link,
        ..sp.clone()
    };
    while let Some((start, label, url, end)) = find_link(rest) {
        if start > 0 {
            out.push(piece(&rest[..start], None));
        }
        out.push(piece(label.trim(), Some(url.to_string())));
        n += 1;
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(piece(rest, None));
    }
    n
}

/// The first `[label](target)` whose target looks like a URL or address:
/// (start of `[`, label, target, end after `)`).
fn find_link(s: &str) -> Option<(usize, &str, &str, usize)> {
    let mut from = 0;
    while let Some(mid) = s[from..].find("](").map(|k| k + from) {
        let open = s[..mid].rfind('[');
        let close = s[mid + 2..].find(')').map(|k| k + mid + 2);
        if let (Some(open), Some(close)) = (open, close) {
            let label = &s[open + 1..mid];
            let url = &s[mid + 2..close];
            let urlish = url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
                || url.starts_with("www.");
            if urlish && !url.contains(char::is_whitespace) && !label.contains(']') {
                return Some((open, label, url, close + 1));
            }
        }
        from = mid + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> (Vec<Span>, usize) {
        let mut spans = vec![Span::plain(t)];
        let n = unrendered(&mut spans);
        (spans, n)
    }

    #[test]
    fn link_syntax_becomes_a_linked_label() {
        let (s, n) = run("[ @jdoe - Twitter](https://twitter.com/jdoe) and more");
        assert_eq!(n, 1);
        assert_eq!(s[0].text, "@jdoe - Twitter");
        assert_eq!(s[0].link.as_deref(), Some("https://twitter.com/jdoe"));
        assert_eq!(s[1].text, " and more");
        assert_eq!(s[1].link, None);
    }

    #[test]
    fn brackets_that_are_not_links_stay() {
        let (s, n) = run("see [1](page 3) and f(x)");
        assert_eq!(n, 0);
        assert_eq!(s[0].text, "see [1](page 3) and f(x)");
    }

    #[test]
    fn stray_bold_markers_go() {
        let (s, n) = run("**Jane Roe, supervisor");
        assert_eq!(n, 1);
        assert_eq!(s[0].text, "Jane Roe, supervisor");
    }
}
