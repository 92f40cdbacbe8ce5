//! Awards, service and talks. A mixed section ("Honors, Awards, and
//! Professional Services") is split by content: program committees and
//! reviewing go to service, talks to talks, the rest to awards.

use super::dates;
use super::util::{self, NLine};
use crate::profile::{Award, SectionKind, Service, Talk};

#[derive(Default)]
pub struct Honors {
    pub awards: Vec<Award>,
    pub service: Vec<Service>,
    pub talks: Vec<Talk>,
    /// Funded grants found in a "Grants & Awards" section (money with a funder or period).
    pub grants: Vec<crate::profile::Project>,
}

util::re!(
    service_re,
    r"(?i)(?-u:\b)(PC member|program committee|programme committee|TPC|reviewer|reviewing|referee|artifact evaluation|AEC|shadow|organi[sz]ing committee|organi[sz]er|chair|co-chair|editor|editorial board|council|steering committee|session chair|judge|mentor at|volunteer|faculty at|member of)(?-u:\b)"
);
util::re!(
    talk_re,
    r"(?i)(?-u:\b)(talk|keynote|invited speaker|presentation|presented|seminar|lecture at|panel(?:ist)?|tutorial at|guest lecture)(?-u:\b)"
);
util::re!(
    money_re,
    r"(?i)(?:[$€£]\s?[0-9]|[0-9]\s*(?:SEK|USD|EUR|GBP|CHF|k€|M€)(?-u:\b)|(?-u:\b)grant(?-u:\b))"
);
util::re!(
    date_prefix,
    r"^\s*\(?((?:19|20)[0-9]{2}(?:\s*[-–]\s*(?:(?:19|20)?[0-9]{2}|present|now))?)\)?\s*[:.–—-]\s*"
);

/// Classify each entry of a section of the given kind.
pub fn parse(kind: SectionKind, lines: &[NLine], out: &mut Honors) {
    // Talks set as paragraphs: the title (maybe wrapped), then the occasion
    // and its date ("Visual moral inference" / "Oral, CogSci 2025").
    let lines = &match kind {
        SectionKind::Talks => talk_paragraphs(lines, out),
        _ => lines.to_vec(),
    };
    let lines = &year_column_entries(lines);
    let blocks = util::line_blocks(lines);
    let mut skip_to = 0;
    for (bi, block) in blocks.iter().enumerate() {
        if bi < skip_to {
            continue;
        }
        // A grant laid out over several lines (name, then amount, funder, role):
        // the name and the field lines after it are one project.
        let is_field = |b: &util::Block| super::projects::is_field_line(&b.first().flat_text());
        if kind == SectionKind::Awards
            && !is_field(block)
            && blocks.get(bi + 1).is_some_and(is_field)
        {
            let mut j = bi + 1;
            while j < blocks.len() && is_field(&blocks[j]) {
                j += 1;
            }
            let grant_lines: Vec<NLine> = blocks[bi..j]
                .iter()
                .flat_map(|b| b.lines.iter().cloned())
                .collect();
            for mut g in super::projects::parse("Grants", &grant_lines) {
                g.kind = crate::profile::ProjectKind::Grant;
                out.grants.push(g);
            }
            skip_to = j;
            continue;
        }
        // Fields read the text with link labels kept; the targets go to notes.
        let text = block
            .lines
            .iter()
            .map(|(_, l)| util::text_with_urls_plain(l))
            .collect::<Vec<_>>()
            .join(" ");
        let urls: Vec<String> = block
            .lines
            .iter()
            .flat_map(|(_, l)| util::links_of(l))
            .map(|l| {
                if l.label.is_empty() || util::is_link_label(&l.label) || text.contains(&l.label) {
                    l.url
                } else {
                    format!("{} ({})", l.label, l.url)
                }
            })
            .collect();
        let text = text
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .trim()
            .to_string();
        if text.is_empty() {
            continue;
        }
        // The date: a leading "2024:" or any date in the text.
        let (date, dates_text, body) = split_date(&text);
        let target = match kind {
            SectionKind::Talks => SectionKind::Talks,
            SectionKind::Service => {
                if talk_re().is_match(&body) && !service_re().is_match(&body) {
                    SectionKind::Talks
                } else {
                    SectionKind::Service
                }
            }
            _ => {
                if service_re().is_match(&body) {
                    SectionKind::Service
                } else if talk_re().is_match(&body) {
                    SectionKind::Talks
                } else if money_re().is_match(&body) && kind == SectionKind::Awards {
                    SectionKind::Projects
                } else {
                    SectionKind::Awards
                }
            }
        };
        let mut notes = Vec::new();
        let body = strip_bracketed_labels(&body);
        if let Some(dt) = dates_text {
            if dt.contains(['-', '–', '—']) || dt.to_lowercase().contains(" to ") {
                notes.push(dt);
            }
        }
        notes.extend(urls);
        match target {
            SectionKind::Service => out.service.push(service_entry(date, &body, notes)),
            SectionKind::Talks => out.talks.push(talk_entry(date, &body, notes)),
            SectionKind::Projects => out.grants.push(grant_entry(&text)),
            _ => out.awards.push(award_entry(date, &body, notes)),
        }
    }
}

/// A date cell alone at the start of a row ("2017-20 | NSF Fellowship").
fn date_cell(l: &crate::extract::Line) -> Option<String> {
    let cells = util::cells(l);
    if cells.len() < 2 {
        return None;
    }
    let p = dates::find_period(&cells[0])?;
    (p.range.0 == 0 && p.range.1 >= cells[0].trim_end_matches([':', '.']).len())
        .then(|| cells[0].clone())
}

/// A section set in a year column: each row with a date cell starts an entry,
/// the lines below it without one continue it, and a paragraph after a blank
/// line without a date cell of its own is an entry under the year above it
/// (the year given once for the rows it heads). Each entry becomes one line,
/// "YEAR: text", for the entry reader; other sections pass unchanged.
fn year_column_entries(lines: &[NLine]) -> Vec<NLine> {
    use crate::extract::{Line, LineKind, Span};
    if lines.iter().filter(|(_, l)| date_cell(l).is_some()).count() < 2 {
        return lines.to_vec();
    }
    let mut out: Vec<NLine> = Vec::new();
    let mut year: Option<String> = None;
    let mut open = false;
    for (no, l) in lines {
        if l.is_blank() || matches!(l.kind, LineKind::Heading(_)) {
            open = false;
            out.push((*no, l.clone()));
            continue;
        }
        let dated = date_cell(l);
        if dated.is_none() && open {
            if let Some((_, prev)) = out.last_mut() {
                prev.spans.push(Span::plain(" "));
                prev.spans.extend(l.spans.iter().cloned());
                continue;
            }
        }
        let mut spans = Vec::new();
        let mut rest = l.spans.as_slice();
        if let Some(d) = &dated {
            year = Some(d.clone());
            // The spans after the date cell's tab.
            if let Some(t) = rest.iter().position(|sp| sp.text == "\t") {
                rest = &rest[t + 1..];
            }
        }
        if let Some(y) = &year {
            spans.push(Span::plain(format!("{y}: ")));
        }
        spans.extend(rest.iter().filter(|sp| sp.text != "\t").cloned());
        let mut line = Line::new(LineKind::Text, spans);
        line.page = l.page;
        out.push((*no, line));
        open = true;
    }
    out
}

/// "[Watch]" or "[Interview with KTH EECS]" whose link was lost: the label is kept,
/// without its brackets when it is not a bare link label.
fn strip_bracketed_labels(s: &str) -> String {
    util::re!(br, r"\s*\[([^\]]*)\]");
    let out = br().replace_all(s, |c: &regex::Captures| {
        if util::is_link_label(&c[1]) || c[1].trim().is_empty() {
            String::new()
        } else if c[1].chars().all(|ch| ch.is_ascii_alphanumeric()) {
            // A citation key like [C2] stays as written.
            c[0].to_string()
        } else {
            format!(" ({})", c[1].trim())
        }
    });
    util::collapse(out.trim_end_matches('.'))
}

/// (date, the range text when the date came from one, the rest).
fn split_date(text: &str) -> (Option<String>, Option<String>, String) {
    if let Some(c) = date_prefix().captures(text) {
        let per = dates::find_period(&c[1]);
        let rest = text[c.get(0).map_or(0, |m| m.end())..].trim().to_string();
        return (
            per.as_ref().and_then(|p| p.first()),
            per.map(|p| p.text),
            rest,
        );
    }
    if let Some(p) = dates::find_period(text) {
        // A date in the middle of a title ("Fellowship 2021 in Systems") stays in the text.
        let rest = if p.range.1 >= text.trim_end_matches(['.', ')']).len() || p.range.0 == 0 {
            dates::remove_range(text, p.range)
        } else {
            text.to_string()
        };
        let rest = rest.trim_end_matches(['(', ' ']).trim().to_string();
        return (p.first(), Some(p.text), rest);
    }
    // "SOSP ’19": a venue's two-digit year.
    util::re!(venue_year, r"[A-Za-z]\s?['’]([0-9]{2})(?-u:\b)");
    if let Some(c) = venue_year().captures(text) {
        if let Ok(n) = c[1].parse::<i32>() {
            let y = if n >= 70 { 1900 + n } else { 2000 + n };
            return (Some(format!("{y}")), None, text.to_string());
        }
    }
    (None, None, text.to_string())
}

fn service_entry(date: Option<String>, body: &str, notes: Vec<String>) -> Service {
    let body = body.trim().trim_end_matches('.').trim();
    let mut s = Service {
        date,
        notes,
        ..Default::default()
    };
    // "PC Member for eBPF'24", "Reviewer for IEEE CAL", "SOSP ’19 — Artifact Evaluation Committee",
    // "EuroSys'20 Shadow Program Committee".
    util::re!(for_re, r"^(.*?)\s+(?:for|at|of|in)\s+(.+)$");
    util::re!(dash_re, r"^(.*?)\s*(?:—|–| - |, )\s*(.+)$");
    if let Some(c) = dash_re().captures(body) {
        let (a, b) = (c[1].trim(), c[2].trim());
        if service_re().is_match(b) && !service_re().is_match(a) {
            s.organization = Some(a.to_string());
            s.role = Some(b.to_string());
            return s;
        }
    }
    if let Some(c) = for_re().captures(body) {
        if service_re().is_match(&c[1]) {
            s.role = Some(c[1].trim().to_string());
            let org = c[2].trim();
            s.organization = Some(org.strip_prefix("the ").unwrap_or(org).to_string());
            return s;
        }
    }
    // "EuroSys'20 Shadow Program Committee": organization first, then the role.
    if let Some(m) = service_re().find(body) {
        let before = body[..m.start()].trim();
        if !before.is_empty() && before.split_whitespace().count() <= 3 {
            s.organization = Some(before.trim_end_matches(',').to_string());
            s.role = Some(body[m.start()..].trim().to_string());
            return s;
        }
    }
    s.role = Some(body.to_string());
    s
}

/// Reads the paragraphs of a talks section that are a title and then an
/// occasion line with a date; returns the lines it did not read.
fn talk_paragraphs(lines: &[NLine], out: &mut Honors) -> Vec<NLine> {
    let mut rest = Vec::new();
    for block in util::blocks(lines) {
        let ls: Vec<&crate::extract::Line> = block.lines.iter().map(|(_, l)| l).collect();
        let texts: Vec<String> = ls.iter().map(|l| util::text_with_urls_plain(l)).collect();
        let last = texts.last().map(String::as_str).unwrap_or("");
        let period = dates::find_period(last);
        let titled = ls.len() >= 2
            && ls[0].kind != crate::extract::LineKind::Item
            && dates::find_period(&texts[0]).is_none()
            && period.is_some();
        let Some(p) = period.filter(|_| titled) else {
            rest.extend(block.lines.iter().cloned());
            continue;
        };
        let title = util::collapse(&texts[..texts.len() - 1].join(" "));
        let event = dates::tidy(&dates::remove_range(last, p.range));
        let event = event.trim_matches([',', ';', ' ', '–', '-']).to_string();
        let mut notes = Vec::new();
        if p.is_range {
            notes.push(p.text.clone());
        }
        notes.extend(
            ls.iter()
                .flat_map(|l| util::links_of(l))
                .filter(|l| !l.url.is_empty())
                .map(|l| l.url),
        );
        out.talks.push(Talk {
            date: p.first(),
            title: Some(title.trim_end_matches('.').to_string()).filter(|t| !t.is_empty()),
            event: Some(event).filter(|e| !e.is_empty()),
            notes,
        });
    }
    rest
}

fn talk_entry(date: Option<String>, body: &str, notes: Vec<String>) -> Talk {
    let body = body.trim().trim_end_matches('.').trim();
    let mut t = Talk {
        date,
        notes,
        ..Default::default()
    };
    util::re!(
        at_re,
        r"(?-u:\b)at\s+(?:the\s+)?([A-Z0-9][^,.;]*?)(?:\s+(?:about|on|with)(?-u:\b)|[,.;]|$)"
    );
    if let Some(c) = at_re().captures(body) {
        t.event = Some(c[1].trim().trim_end_matches(['.', '"', ' ']).to_string());
    }
    // "Sensing under the canopy, Keynote at the AfriIoT Workshop, Kigali": the title
    // comes first, the occasion after it (kept as a note).
    match body.split_once(", ") {
        Some((title, rest)) if !talk_re().is_match(title) && talk_re().is_match(rest) => {
            t.title = Some(title.to_string());
            t.notes.insert(0, rest.to_string());
        }
        _ => t.title = Some(body.to_string()),
    }
    t
}

fn award_entry(date: Option<String>, body: &str, notes: Vec<String>) -> Award {
    let body = body.trim().trim_end_matches('.').trim();
    let mut a = Award {
        date,
        notes,
        ..Default::default()
    };
    util::re!(
        from_re,
        r"(?-u:\b)(?:from|by)\s+(?:the\s+)?([A-Z][^,.;()]*)$"
    );
    if let Some(c) = from_re().captures(body) {
        a.awarder = Some(c[1].trim().to_string());
    }
    a.title = Some(body.to_string());
    a
}

/// "Research grant "Name", Funder Foundation, €54,000, 10/21 – 09/24".
fn grant_entry(text: &str) -> crate::profile::Project {
    util::re!(
        funder_re,
        r"(?i)(?-u:\b)(foundation|agency|council|fund|trust|ministry|commission|society|academy|institute|university|NSF|ERC|DFG|SNSF|NIH|DARPA|EU|Horizon|Vinnova|VR|Wallenberg|Google|Microsoft|Meta|Amazon|Intel)(?-u:\b)"
    );
    util::re!(
        amount_full,
        r"^(?:~\s*|∼\s*|≈\s*)?(?:[$€£¥]\s?[0-9][0-9,.]*(?:\s*(?:million|billion|m|k|bn))?(?:\s*[A-Z]{3})?|[0-9][0-9,.]*\s*(?:million|billion|m|k|bn)?\s*(?:SEK|USD|EUR|GBP|CHF|kr|€|\$))$"
    );
    let mut p = crate::profile::Project {
        name: None,
        kind: crate::profile::ProjectKind::Grant,
        summary: None,
        role: None,
        amount: None,
        funder: None,
        partners: vec![],
        start: None,
        end: None,
        dates_text: None,
        url: None,
    };
    let mut t = text.to_string();
    if let Some(per) = dates::find_period(&t) {
        p.start = per.start.clone();
        p.end = per.end.clone();
        p.dates_text = Some(per.text.clone());
        t = dates::remove_range(&t, per.range);
    }
    let mut name = Vec::new();
    // Parts at ", " (an amount's thousands comma has no space after it).
    for part in t.split(", ").map(str::to_string) {
        let part = part.trim().to_string();
        if p.amount.is_none() && amount_full().is_match(&part) {
            p.amount = Some(part);
        } else if p.funder.is_none() && !name.is_empty() && funder_re().is_match(&part) {
            p.funder = Some(part);
        } else {
            name.push(part);
        }
    }
    let name = name.join(", ");
    p.name = (!name.is_empty()).then_some(name);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Line, LineKind, Span};

    fn l(t: &str) -> NLine {
        (0, Line::new(LineKind::Text, vec![Span::plain(t)]))
    }

    #[test]
    fn talks_as_title_then_occasion_paragraphs() {
        let k = |kind: LineKind, t: &str| (0, Line::new(kind, vec![Span::plain(t)]));
        let lines = vec![
            k(
                LineKind::Text,
                "The discordance between embedded ethics and cultural inference in large language",
            ),
            k(LineKind::Continuation, "models."),
            k(
                LineKind::Continuation,
                "Lightning talk, Schwartz Reisman Institute, October 2025",
            ),
            k(LineKind::Blank, ""),
            k(LineKind::Text, "Visual moral inference and communication"),
            k(LineKind::Continuation, "Oral, CogSci 2025"),
            k(LineKind::Blank, ""),
            k(
                LineKind::Text,
                "2021: Invited talk at KTH about packet processing.",
            ),
        ];
        let mut out = Honors::default();
        parse(SectionKind::Talks, &lines, &mut out);
        let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = out
            .talks
            .iter()
            .map(|t| (t.date.as_deref(), t.title.as_deref(), t.event.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("2025-10"),
                    Some("The discordance between embedded ethics and cultural inference in large language models"),
                    Some("Lightning talk, Schwartz Reisman Institute")
                ),
                (
                    Some("2025"),
                    Some("Visual moral inference and communication"),
                    Some("Oral, CogSci")
                ),
                (
                    Some("2021"),
                    Some("Invited talk at KTH about packet processing"),
                    Some("KTH")
                ),
            ]
        );
    }

    #[test]
    fn mixed_section_is_split() {
        let lines = vec![
            l("2025: NetConfEval [C2] received IRTF/IETF Applied Networking Research Prize 2025."),
            l("2024: Giving a talk with Luigi Rizzo at Netdev 0x18 about IOTLB Wall."),
            l("2024: PC Member for eBPF'24."),
            l("2020: EuroSys'20 Shadow Program Committee."),
            l("2010: Ranked 46th among more than 460,000 participants."),
        ];
        let mut h = Honors::default();
        parse(SectionKind::Awards, &lines, &mut h);
        assert_eq!(h.awards.len(), 2);
        assert_eq!(h.talks.len(), 1);
        assert_eq!(h.service.len(), 2);
        assert_eq!(h.awards[0].date.as_deref(), Some("2025"));
        assert_eq!(h.talks[0].event.as_deref(), Some("Netdev 0x18"));
        assert_eq!(h.service[0].role.as_deref(), Some("PC Member"));
        assert_eq!(h.service[0].organization.as_deref(), Some("eBPF'24"));
        assert_eq!(h.service[1].organization.as_deref(), Some("EuroSys'20"));
        assert_eq!(
            h.service[1].role.as_deref(),
            Some("Shadow Program Committee")
        );
    }

    #[test]
    fn service_dash_style() {
        let lines = vec![l(
            "SOSP ’19 (https://sysartifacts.github.io) — Artifact Evaluation Committee",
        )];
        let mut h = Honors::default();
        parse(SectionKind::Service, &lines, &mut h);
        assert_eq!(
            h.service[0].role.as_deref(),
            Some("Artifact Evaluation Committee")
        );
    }

    #[test]
    fn year_column_rows_and_their_continuations() {
        let row = |a: &str, b: &str| super::util::test_lines::row(&[a, b], false);
        let blank = (0, Line::new(LineKind::Blank, vec![]));
        let mut h = Honors::default();
        parse(
            SectionKind::Awards,
            &[
                row(
                    "2017-20",
                    "NSF Graduate Research Fellowship supporting research in modeling,",
                ),
                l("disparity, and group dynamics."),
                blank.clone(),
                row("2012", "Fulbright Scholarship"),
                blank.clone(),
                l("Ivy Award recognizing leadership"),
            ],
            &mut h,
        );
        let got: Vec<(Option<&str>, &str)> = h
            .awards
            .iter()
            .map(|a| (a.date.as_deref(), a.title.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, Some("2017"));
        assert!(got[0].1.starts_with("NSF Graduate Research Fellowship"));
        assert!(got[0].1.ends_with("group dynamics"), "{got:?}");
        assert_eq!(got[1], (Some("2012"), "Fulbright Scholarship"));
        assert_eq!(got[2].0, Some("2012"));
    }
}
