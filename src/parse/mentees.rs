//! Mentees: name, link, notes (where they went, their thesis).

use super::util::{self, NLine};
use crate::extract::LineKind;
use crate::profile::Mentee;

pub fn parse(lines: &[NLine]) -> Vec<Mentee> {
    let mut out: Vec<Mentee> = Vec::new();
    let top = lines
        .iter()
        .filter(|(_, l)| l.kind == LineKind::Item)
        .map(|(_, l)| l.depth)
        .min()
        .unwrap_or(0);
    for (_, line) in lines {
        if line.is_blank() {
            continue;
        }
        let sub = (line.kind == LineKind::Item && line.depth > top)
            || line.kind == LineKind::Continuation
            || line.flat_text().trim_start().starts_with("--");
        if sub && !out.is_empty() {
            let note = util::text_with_urls(line);
            let note = note
                .trim_start_matches(['-', '–', '—', ' '])
                .trim()
                .to_string();
            if let Some(m) = out.last_mut() {
                if !note.is_empty() {
                    m.notes.push(strip_empty_links(&note));
                }
            }
            continue;
        }
        out.push(parse_one(line));
    }
    out
}

fn strip_empty_links(s: &str) -> String {
    util::strip_dangling_labels(s)
}

fn parse_one(line: &crate::extract::Line) -> Mentee {
    let mut m = Mentee::default();
    // The name is the first link's text, or the text up to the first separator.
    let first = line.spans.iter().find(|s| !s.text.trim().is_empty());
    let text = util::text_with_urls(line);
    let text = text
        .trim_start_matches(['•', '●', '○', '◦', '▪', '*', ' '])
        .to_string();
    if let Some(sp) = first {
        if let Some(url) = sp.link.as_deref().filter(|u| !u.is_empty()) {
            m.name = Some(sp.text.trim().to_string());
            m.url = Some(url.to_string());
            let after = text
                .split_once(&format!("({url})"))
                .map(|(_, a)| a.to_string())
                .unwrap_or_default();
            push_note(&mut m, &after);
            return m;
        }
    }
    util::re!(sep, r"\s*(?:—|–| - |,|\(|:)\s*");
    match sep().find(&text) {
        Some(s) => {
            m.name = Some(text[..s.start()].trim().to_string());
            push_note(&mut m, &text[s.start()..]);
        }
        None => m.name = Some(text.trim().to_string()),
    }
    m
}

fn push_note(m: &mut Mentee, s: &str) {
    let n = s
        .trim()
        .trim_start_matches(['—', '–', '-', ',', ':', ' '])
        .trim()
        .trim_end_matches(',')
        .trim();
    // "(now pursuing PhD at X)" loses its outer parentheses.
    let n = if n.starts_with('(') && n.ends_with(')') && n.matches('(').count() == 1 {
        &n[1..n.len() - 1]
    } else {
        n
    };
    let n = util::strip_dangling_labels(n);
    if !n.is_empty() {
        m.notes.push(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Line, Span};

    #[test]
    fn linked_and_plain_names() {
        let mut a = Span::plain("Farbod Shahinfar");
        a.link = Some("https://f.github.io/".into());
        let l1 = Line::new(
            LineKind::Item,
            vec![
                a,
                Span::plain(" — now PhD student at Politecnico di Milano"),
            ],
        );
        let mut l2 = Line::new(
            LineKind::Item,
            vec![Span::plain("Mohammad Siavashi — MSc from IUST")],
        );
        l2.depth = 1;
        let mut l3 = Line::new(
            LineKind::Item,
            vec![Span::plain("Master’s thesis: Development of a Scheduler.")],
        );
        l3.depth = 2;
        let mut l1d = l1.clone();
        l1d.depth = 1;
        let m = parse(&[(1, l1d), (2, l2), (3, l3)]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].name.as_deref(), Some("Farbod Shahinfar"));
        assert_eq!(m[0].url.as_deref(), Some("https://f.github.io/"));
        assert_eq!(m[0].notes, vec!["now PhD student at Politecnico di Milano"]);
        assert_eq!(m[1].name.as_deref(), Some("Mohammad Siavashi"));
        assert_eq!(
            m[1].notes,
            vec![
                "MSc from IUST",
                "Master’s thesis: Development of a Scheduler."
            ]
        );
    }
}
