//! Teaching: course, role, term, date. Several courses under one role give one entry each.

use super::dates;
use super::util::{self, NLine};
use crate::profile::Teaching;

util::re!(
    term_re,
    r"(?i)(?-u:\b)((?:fall|spring|summer|winter|autumn|ht|vt)\s*[-–]?\s*(?:(?:19|20)[0-9]{2}|['’‘]\s?[0-9]{2})(?:\s*(?:&|and|,|-|–)\s*(?:fall|spring|summer|winter|autumn)\s*[-–]?\s*(?:(?:19|20)[0-9]{2}|['’‘]\s?[0-9]{2}))*)"
);
util::re!(
    role_paren,
    r"\(([^()]*(?:TA|Teaching|Assistant|Instructor|Lecturer|Fellow|Tutor|Grader|Head|Co-instructor|Guest)[^()]*)\)"
);
util::re!(
    role_prefix,
    r"(?i)^((?:head\s+|lead\s+|graduate\s+)?(?:teaching assistant|teaching fellow|instructor|lecturer|tutor|TA|grader|co-instructor|guest lecturer))\s*(?:for|in|of|:|,|-|–|—)\s*(.+)$"
);

pub fn parse(lines: &[NLine]) -> (Vec<Teaching>, Vec<String>) {
    let mut out = Vec::new();
    let mut prose = Vec::new();
    // A role over the courses below it ("Head Teaching Assistant, University
    // of Toronto", then "Computational Social Science  Fall 2025"): its role
    // and place go to each course; alone (no course under it) it is an entry.
    let mut group: Option<(Teaching, bool)> = None;
    let flush = |group: &mut Option<(Teaching, bool)>, out: &mut Vec<Teaching>| {
        if let Some((g, false)) = group.take() {
            out.push(g);
        }
    };
    for block in util::line_blocks(lines) {
        let text = block
            .lines
            .iter()
            .map(|(_, l)| util::text_with_urls(l))
            .collect::<Vec<_>>()
            .join(" ");
        let text = text
            .trim_start_matches(['•', '●', '○', '◦', '▪', '–', '*', ' '])
            .trim()
            .to_string();
        if text.is_empty() {
            continue;
        }
        let has_date = dates::find_period(&text).is_some() || term_re().is_match(&text);
        // An introduction sentence is not a course.
        if !has_date && text.ends_with('.') && text.split_whitespace().count() > 6 {
            prose.push(text);
            continue;
        }
        if !has_date {
            let one = parse_one(&text);
            if let [t] = one.as_slice() {
                if t.role.is_some() && t.term.is_none() && role_prefix().is_match(&text) {
                    flush(&mut group, &mut out);
                    group = Some((t.clone(), false));
                    continue;
                }
            }
            out.extend(one);
            continue;
        }
        let mut entries = parse_one(&text);
        if let Some((g, used)) = group.as_mut() {
            for t in &mut entries {
                if t.role.is_none() {
                    t.role = g.role.clone();
                    // The group's "course" is its place.
                    t.notes.extend(g.course.clone());
                }
            }
            *used = true;
        }
        out.extend(entries);
    }
    flush(&mut group, &mut out);
    (out, prose)
}

fn parse_one(text: &str) -> Vec<Teaching> {
    // "Teaching Assistant, Faculty of X: Course A (Fall 2022), Course B (Spring 2023)":
    // one entry per course, each with its own term.
    if let Some((head, list)) = text.split_once(": ") {
        let items = super::skills::split_items(list);
        let termed = items
            .iter()
            .filter(|i| term_re().is_match(i) || dates::find_period(i).is_some())
            .count();
        if items.len() >= 2 && termed == items.len() {
            let mut head_parts = head.splitn(2, ", ");
            let role = head_parts.next().map(|r| r.trim().to_string());
            let place = head_parts.next().map(|r| r.trim().to_string());
            return items
                .iter()
                .flat_map(|i| parse_one(i))
                .map(|mut t| {
                    if t.role.is_none() {
                        t.role = role.clone();
                    }
                    if let Some(pl) = &place {
                        t.notes.push(pl.clone());
                    }
                    t
                })
                .collect();
        }
    }
    let mut t = text.to_string();
    let mut role = None;
    let mut term = None;
    let mut date = None;
    let mut notes = Vec::new();
    if let Some(c) = role_paren().captures(&t) {
        role = Some(c[1].trim().to_string());
        let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        t = format!("{} {}", &t[..m.0], &t[m.1..]);
    }
    if let Some(m) = term_re().find(&t) {
        term = Some(m.as_str().trim().to_string());
        date = dates::find_period(m.as_str()).and_then(|p| p.first());
        t = format!("{} {}", &t[..m.start()], &t[m.end()..]);
    } else if let Some(p) = dates::find_period(&t) {
        term = Some(p.text.clone());
        date = p.first();
        if p.is_range {
            notes.push(p.text.clone());
        }
        t = dates::remove_range(&t, p.range);
    }
    let mut course = dates::tidy(&t);
    if role.is_none() {
        if let Some(c) = role_prefix().captures(&course) {
            role = Some(c[1].to_string());
            course = c[2].trim().to_string();
        }
    }
    // "Distributed systems - Spring'22": separators left at the end are gone; a
    // "Course (20 students)" keeps its parenthesis.
    // "Development Economics (ECON 301), Westbrook University": the place is a note.
    if let Some((c, place)) = course.rsplit_once(", ") {
        if crate::segment::looks_like_institution(place) && !c.is_empty() {
            notes.push(place.to_string());
            course = c.to_string();
        }
    }
    let courses: Vec<String> = if role.is_some() && course.contains("; ") {
        course.split("; ").map(|c| c.trim().to_string()).collect()
    } else {
        vec![course]
    };
    courses
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| Teaching {
            course: Some(c),
            role: role.clone(),
            term: term.clone(),
            date: date.clone(),
            notes: notes.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Line, LineKind, Span};

    fn l(t: &str) -> NLine {
        (0, Line::new(LineKind::Item, vec![Span::plain(t)]))
    }

    #[test]
    fn a_role_over_its_courses() {
        let t = |s: &str| {
            (
                0,
                crate::extract::Line::new(
                    crate::extract::LineKind::Text,
                    vec![crate::extract::Span::plain(s)],
                ),
            )
        };
        let b = (
            0,
            crate::extract::Line::new(crate::extract::LineKind::Blank, vec![]),
        );
        let lines = vec![
            t("Head Teaching Assistant, University of Toronto"),
            b.clone(),
            t("Computational Social Science Fall 2025"),
            t("Neural Networks and Deep Learning Winter 2024, Winter 2025"),
            b.clone(),
            t("Teaching Assistant, University of Toronto"),
            b.clone(),
            t("Computational Linguistics Fall 2023"),
            b,
            t("Guest Lecturer, Stockholm University"),
        ];
        let (got, _) = parse(&lines);
        let got: Vec<_> = got
            .iter()
            .map(|t| {
                (
                    t.course.as_deref(),
                    t.role.as_deref(),
                    t.term.as_deref(),
                    t.notes.clone(),
                )
            })
            .collect();
        let uoft = vec!["University of Toronto".to_string()];
        assert_eq!(
            got,
            vec![
                (
                    Some("Computational Social Science"),
                    Some("Head Teaching Assistant"),
                    Some("Fall 2025"),
                    uoft.clone()
                ),
                (
                    Some("Neural Networks and Deep Learning"),
                    Some("Head Teaching Assistant"),
                    Some("Winter 2024, Winter 2025"),
                    uoft.clone()
                ),
                (
                    Some("Computational Linguistics"),
                    Some("Teaching Assistant"),
                    Some("Fall 2023"),
                    uoft
                ),
                // A role with no course under it is an entry of its own.
                (
                    Some("Stockholm University"),
                    Some("Guest Lecturer"),
                    None,
                    vec![]
                ),
            ]
        );
    }

    #[test]
    fn several_courses_under_one_role() {
        let t = parse_one("Teaching Assistant, Faculty of Physics: Quantum Mechanics I (Fall 2022), Statistical Physics (Spring '24)");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].course.as_deref(), Some("Quantum Mechanics I"));
        assert_eq!(t[0].role.as_deref(), Some("Teaching Assistant"));
        assert_eq!(t[1].date.as_deref(), Some("2024"));
        assert_eq!(t[1].notes, vec!["Faculty of Physics"]);
    }

    #[test]
    fn homepage_styles() {
        let (t, prose) = parse(&[
            l("Undergraduate & Postgraduate Final Project Supervision (20 students) — Fall ’24 & Summer ’25"),
            l("Compilers — Spring ’24 (Teaching Fellow)"),
            l("Distributed systems - Spring'22 (TA)"),
        ]);
        assert!(prose.is_empty());
        assert_eq!(t.len(), 3);
        assert_eq!(
            t[0].course.as_deref(),
            Some("Undergraduate & Postgraduate Final Project Supervision (20 students)")
        );
        assert_eq!(t[0].term.as_deref(), Some("Fall ’24 & Summer ’25"));
        assert_eq!(t[0].date.as_deref(), Some("2024"));
        assert_eq!(t[1].course.as_deref(), Some("Compilers"));
        assert_eq!(t[1].role.as_deref(), Some("Teaching Fellow"));
        assert_eq!(t[2].course.as_deref(), Some("Distributed systems"));
        assert_eq!(t[2].role.as_deref(), Some("TA"));
        assert_eq!(t[2].date.as_deref(), Some("2022"));
    }
}
