//! Projects: funded grants (amount, funder, role, partners, period) and
//! open-source software (name: summary [Link]).

use super::dates;
use super::util::{self, NLine};
use crate::extract::LineKind;
use crate::profile::{Project, ProjectKind};

util::re!(
    amount_re,
    r"(?i)(?:~\s*|∼\s*|≈\s*|approx\.?\s*)?(?:[$€£¥]\s?[0-9][0-9,.]*(?:\s*(?:million|billion|m|k|bn))?(?:\s*[A-Z]{3})?|[0-9][0-9,.]*\s*(?:million|billion|m|k|bn)?\s*(?:SEK|USD|EUR|GBP|CHF|NOK|DKK|CAD|AUD|JPY|CNY|kr|€|\$))"
);
util::re!(funded_re, r"(?i)^(?:funded|supported|sponsored)\s+by\s+");
util::re!(role_re, r"(?i)^(?:acted as|role:|served as|my role:?)\s*");
util::re!(partners_re, r"(?i)^(?:other\s+)?partners?\s*:\s*");
util::re!(name_colon, r"^(?:\([0-9]+\)\s*)?([^:]{2,60}?)\s*:\s+(.+)$");

/// A line that holds one field of a grant (amount, funder, role, partners, period).
pub fn is_field_line(t: &str) -> bool {
    funded_re().is_match(t)
        || role_re().is_match(t)
        || partners_re().is_match(t)
        || amount_re().find(t).is_some_and(|m| m.start() == 0)
        || dates::find_period(t)
            .is_some_and(|p| dates::tidy(&dates::remove_range(t, p.range)).is_empty())
}

pub fn parse(title: &str, lines: &[NLine]) -> Vec<Project> {
    let t = title.to_lowercase();
    let software_section =
        t.contains("open") || t.contains("software") || t.contains("github") || t.contains("code");
    let mut out: Vec<Project> = Vec::new();
    let mut cur: Option<Project> = None;
    let heads = entry_heads(lines);
    // Whether the line before (blanks aside) was an entry's head.
    let mut after_head = false;
    for (k, (_, line)) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        // Link texts stay: a project's name is often its link ("[starbility](..)").
        let text = if util::links_of(line)
            .iter()
            .any(|l| !util::is_link_label(&l.label))
        {
            util::text_with_urls_plain(line)
        } else {
            util::text_without_link_labels(line)
        };
        let text = text
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .to_string();
        let url = util::links_of(line).into_iter().map(|l| l.url).next();
        if text.is_empty() {
            if let (Some(p), Some(u)) = (cur.as_mut(), url) {
                p.url.get_or_insert(u);
            }
            continue;
        }
        let field = is_field_line(&text);
        let bullet_of_current =
            matches!(line.kind, LineKind::Continuation | LineKind::Item) && line.depth > 1;
        let starts = match &heads {
            // A head right under a head is its subtitle ("School project - 2024").
            Some(h) => h[k] && !after_head,
            None => !field && !bullet_of_current,
        };
        let was_head = after_head;
        after_head = heads.as_ref().is_some_and(|h| h[k]);
        if heads.is_some() && !starts && !field {
            // A body line of the entry: its dates are the entry's, when it has none.
            if let Some(p) = cur.as_mut() {
                if p.url.is_none() {
                    p.url = url;
                }
                let mut t = text.clone();
                if p.dates_text.is_none() && (was_head || after_head) {
                    if let Some(per) = dates::find_period(&t) {
                        set_period(p, &per);
                        t = dates::tidy(&dates::remove_range(&t, per.range));
                    }
                }
                add_summary(p, &t);
                continue;
            }
        }
        if starts || cur.is_none() {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            let mut p = Project {
                name: None,
                kind: if software_section {
                    ProjectKind::Software
                } else {
                    ProjectKind::Other
                },
                summary: None,
                role: None,
                amount: None,
                funder: None,
                partners: vec![],
                start: None,
                end: None,
                dates_text: None,
                url: url.clone(),
            };
            if field {
                absorb(&mut p, &text);
            } else {
                set_name(&mut p, &text);
            }
            cur = Some(p);
            continue;
        }
        if let Some(p) = cur.as_mut() {
            if p.url.is_none() {
                p.url = url;
            }
            if field {
                absorb(p, &text);
            } else {
                add_summary(p, &text);
            }
        }
    }
    if let Some(p) = cur.take() {
        out.push(p);
    }
    for p in &mut out {
        if p.amount.is_some() || p.funder.is_some() {
            p.kind = ProjectKind::Grant;
        } else if p.kind == ProjectKind::Other
            && p.url
                .as_deref()
                .is_some_and(|u| u.contains("github.com") || u.contains("gitlab"))
        {
            p.kind = ProjectKind::Software;
        }
    }
    out
}

/// Which lines start an entry, when the section's entries repeat a head shape
/// of their own: a name line set apart by style (bold, or a heading) over body
/// lines that are not, as most résumé templates set a project. None when the
/// section has no such shape (one project a line, or plain text throughout).
fn entry_heads(lines: &[NLine]) -> Option<Vec<bool>> {
    // A bold name before its tools ("**Face Morphing** | Python, OpenCV")
    // heads an entry as a bold line does, when it runs up to a cell or bar.
    let bold_name = |l: &crate::extract::Line| {
        let mut spans = l
            .spans
            .iter()
            .filter(|s| s.text == "\t" || !s.text.trim().is_empty());
        spans
            .next()
            .is_some_and(|s| s.bold && !s.text.trim().ends_with(':'))
            && spans.next().is_some_and(|s| {
                s.text == "\t" || s.text.trim_start().starts_with(['|', '—', '–', '-'])
            })
    };
    let head = |l: &crate::extract::Line| {
        matches!(l.kind, LineKind::Heading(_)) || l.all_bold() || bold_name(l)
    };
    let content: Vec<&crate::extract::Line> = lines
        .iter()
        .map(|(_, l)| l)
        .filter(|l| !l.is_blank())
        .collect();
    let n_heads = content.iter().filter(|l| head(l)).count();
    let shaped = n_heads >= 2
        && content.first().is_some_and(|l| head(l))
        && content.len() > n_heads
        // Heads are names, not paragraphs: short, with bodies between them.
        && content
            .iter()
            .filter(|l| head(l))
            .all(|l| l.flat_text().split_whitespace().count() <= 16);
    shaped.then(|| {
        lines
            .iter()
            .map(|(_, l)| !l.is_blank() && head(l))
            .collect()
    })
}

fn set_name(p: &mut Project, text: &str) {
    let text = text.trim();
    // Dates on the name line.
    let mut t = text.to_string();
    if let Some(per) = dates::find_period(&t) {
        set_period(p, &per);
        t = dates::remove_range(&t, per.range);
    }
    if let Some(c) = name_colon().captures(&t) {
        p.name = Some(c[1].trim().to_string());
        add_summary(p, c[2].trim());
        return;
    }
    // "Face Morphing | Python, OpenCV": the name, then the tools it used.
    if let Some((name, tools)) = t.split_once(" | ") {
        let (name, tools) = (name.trim(), tools.trim());
        if !name.is_empty() && name.split_whitespace().count() <= 8 && !tools.is_empty() {
            p.name = Some(name.to_string());
            add_summary(p, tools);
            return;
        }
    }
    // "SEMLA - Securing Enterprises via ..." keeps the whole line as the name.
    p.name = Some(t.trim().to_string()).filter(|s| !s.is_empty());
}

fn add_summary(p: &mut Project, text: &str) {
    let text = util::strip_dangling_labels(text.trim());
    let text = text.trim_end_matches(['[', ' ']).trim().to_string();
    if text.is_empty() {
        return;
    }
    match &mut p.summary {
        Some(s) => {
            s.push(' ');
            s.push_str(&text);
        }
        None => p.summary = Some(text),
    }
}

fn set_period(p: &mut Project, per: &dates::Period) {
    if p.dates_text.is_some() {
        return;
    }
    p.start = per.start.clone();
    p.end = per.end.clone();
    p.dates_text = Some(per.text.clone());
}

fn absorb(p: &mut Project, text: &str) {
    let mut t = text.to_string();
    if let Some(m) = funded_re().find(&t) {
        let funder = t[m.end()..].trim().trim_end_matches('.');
        p.funder = Some(funder.strip_prefix("the ").unwrap_or(funder).to_string());
        return;
    }
    if let Some(m) = role_re().find(&t) {
        let role = t[m.end()..].trim().trim_end_matches('.');
        // "Acted as work package leader; other partners: A, B".
        match role.split_once("; ") {
            Some((r, rest)) if partners_re().is_match(rest.trim()) => {
                p.role = Some(r.trim().to_string());
                absorb(p, rest.trim());
            }
            _ => p.role = Some(role.to_string()),
        }
        return;
    }
    if let Some(m) = partners_re().find(&t) {
        p.partners = split_partners(&t[m.end()..]);
        return;
    }
    if let Some(m) = amount_re().find(&t) {
        if p.amount.is_none() {
            p.amount = Some(util::collapse(m.as_str()));
            t = format!("{} {}", &t[..m.start()], &t[m.end()..]);
        }
    }
    if let Some(per) = dates::find_period(&t) {
        set_period(p, &per);
        t = dates::remove_range(&t, per.range);
    }
    let t = dates::tidy(&t);
    if !t.is_empty() {
        add_summary(p, &t);
    }
}

/// "KTH (led by X), Saab AB, and RedHat AB": commas outside parentheses.
fn split_partners(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth <= 0 {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|p| {
            let p = p.trim().trim_end_matches('.');
            p.strip_prefix("and ").unwrap_or(p).trim().to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Line, Span};

    fn l(t: &str) -> NLine {
        (0, Line::new(LineKind::Text, vec![Span::plain(t)]))
    }

    #[test]
    fn grants() {
        let lines = vec![
            l("SEMLA - Securing Enterprises via Machine-Learning-based Automation"),
            l("~ 9.5 Million SEK November 2023–October 2025"),
            l("Funded by Vinnova - Cyber Security 2023"),
            l("Acted as one of the co-PIs from RISE AB"),
            l("other partners: KTH (led by Marco Chiesa), Saab AB, and RedHat AB"),
            l("Realizing Low-Latency Internet Services"),
            l("$140,000 USD"),
            l("August 2021-August 2023"),
            l("Funded by Google PhD Fellowship in Systems and Networking"),
        ];
        let p = parse("Funded Projects", &lines);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].kind, ProjectKind::Grant);
        assert_eq!(p[0].amount.as_deref(), Some("~ 9.5 Million SEK"));
        assert_eq!(p[0].start.as_deref(), Some("2023-11"));
        assert_eq!(
            p[0].partners,
            vec!["KTH (led by Marco Chiesa)", "Saab AB", "RedHat AB"]
        );
        assert_eq!(p[0].role.as_deref(), Some("one of the co-PIs from RISE AB"));
        assert_eq!(p[1].amount.as_deref(), Some("$140,000 USD"));
        assert_eq!(
            p[1].funder.as_deref(),
            Some("Google PhD Fellowship in Systems and Networking")
        );
        assert_eq!(p[1].end.as_deref(), Some("2023-08"));
    }

    fn bold(t: &str) -> NLine {
        let mut sp = Span::plain(t);
        sp.bold = true;
        (0, Line::new(LineKind::Text, vec![sp]))
    }

    #[test]
    fn entries_start_at_their_repeated_head_shape() {
        let blank = (0, Line::new(LineKind::Blank, vec![]));
        let lines = vec![
            bold("Network Monitoring API"),
            bold("School project - 2024"),
            l("Design of an API for monitoring network infrastructure"),
            l("Written in Python"),
            blank.clone(),
            bold("smolgraph"),
            blank.clone(),
            l("An extremely small multi-line-graph library."),
            blank,
            l("HTML, CSS, JS"),
        ];
        let p = parse("Projects", &lines);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name.as_deref(), Some("Network Monitoring API"));
        assert_eq!(p[0].start.as_deref(), Some("2024"));
        assert!(p[0]
            .summary
            .as_deref()
            .unwrap()
            .contains("Design of an API"));
        assert_eq!(p[1].name.as_deref(), Some("smolgraph"));
        assert!(p[1].summary.as_deref().unwrap().contains("HTML, CSS, JS"));
        let p = parse(
            "Projects",
            &[
                bold("Face Morphing | Python, OpenCV"),
                l("Video morphing"),
                bold("SVD CNN Optimization | MATLAB"),
                l("Compression of a data set"),
            ],
        );
        assert_eq!(p[0].name.as_deref(), Some("Face Morphing"));
        assert_eq!(
            p[0].summary.as_deref(),
            Some("Python, OpenCV Video morphing")
        );
        assert_eq!(p[1].name.as_deref(), Some("SVD CNN Optimization"));
    }

    #[test]
    fn software() {
        let lines = vec![
            l("iommu-bench: Understanding the IOTLB Wall [Link]"),
            l("PacketMill: Toward per-core 100-Gbps Networking [Link]"),
        ];
        let p = parse("Open-Source Contributions", &lines);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name.as_deref(), Some("iommu-bench"));
        assert_eq!(
            p[0].summary.as_deref(),
            Some("Understanding the IOTLB Wall")
        );
        assert_eq!(p[0].kind, ProjectKind::Software);
    }
}
