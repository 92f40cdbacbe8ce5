//! The quality summary of a finished profile (`diagnostics.quality`): how
//! many content lines reached fields, how many entries lack their primary
//! fields, and one score (the formula is on [`Quality`]).

use crate::profile::{EntryCounts, KindCount, Profile, Quality, SectionKind};
use crate::segment::Segmented;
use serde_json::Value;
use std::collections::HashSet;

/// Measure `p`, parsed from `seg`.
pub fn measure(p: &Profile, seg: &Segmented) -> Quality {
    let fields = field_tokens(p);
    let (mut content, mut in_fields) = (0, 0);
    for s in &seg.sections {
        // A section outside the taxonomy lands in `other` by definition; a
        // contact section's lines go to `basics`, so its words are checked.
        let to_other = s.kind == SectionKind::Other && !super::basics::is_contact_title(&s.title);
        for (_, l) in s.lines.iter().filter(|(_, l)| !l.is_blank()) {
            content += 1;
            if !to_other && mostly_in(&l.flat_text(), &fields) {
                in_fields += 1;
            }
        }
    }
    let entries = entry_counts(p);
    let (mut total, mut incomplete) = (0, 0);
    for (kind, c) in entries.by_kind() {
        // Skills and languages are lists of words: complete by nature, they
        // would only dilute the share of the records that can be broken.
        if kind != "skills" && kind != "languages" {
            total += c.entries;
            incomplete += c.incomplete;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let name_found = p.basics.name.is_some();
    let sections_found = p.sections.len();
    let score = 0.15 * f64::from(u8::from(name_found))
        + 0.15 * f64::from(u8::from(sections_found > 0))
        + 0.40 * ratio(in_fields, content)
        + 0.30 * ratio(total - incomplete, total);
    Quality {
        content_lines: content,
        lines_in_fields: in_fields,
        lines_in_notes_or_other: content - in_fields,
        entries,
        name_found,
        sections_found,
        // Three decimals keep goldens readable and stable across platforms.
        score: (score * 1000.0).round() / 1000.0,
    }
}

fn entry_counts(p: &Profile) -> EntryCounts {
    fn count<T>(items: &[T], incomplete: impl Fn(&T) -> bool) -> KindCount {
        KindCount {
            entries: items.len(),
            incomplete: items.iter().filter(|i| incomplete(i)).count(),
        }
    }
    EntryCounts {
        work: count(&p.work, |w| {
            w.organization.is_none() || w.position.is_none() || w.start.is_none()
        }),
        education: count(&p.education, |e| {
            e.institution.is_none() || e.degree.is_none()
        }),
        publications: count(&p.publications, |x| {
            x.title.is_none() || x.authors.is_empty() || x.year.is_none()
        }),
        patents: count(&p.patents, |x| x.title.is_none()),
        projects: count(&p.projects, |x| x.name.is_none()),
        awards: count(&p.awards, |x| x.title.is_none()),
        service: count(&p.service, |x| x.role.is_none() && x.organization.is_none()),
        talks: count(&p.talks, |x| x.title.is_none() || x.event.is_none()),
        teaching: count(&p.teaching, |x| x.course.is_none()),
        mentees: count(&p.mentees, |x| x.name.is_none()),
        skills: count(&p.skills, |x| x.keywords.is_empty()),
        languages: count(&p.languages, |_| false),
    }
}

/// The words of every field a line's text may have gone to: the whole
/// profile but notes, `other` and the bookkeeping. Walking the JSON keeps
/// fields added later counted without a change here.
fn field_tokens(p: &Profile) -> HashSet<String> {
    fn walk(v: &Value, out: &mut HashSet<String>) {
        match v {
            Value::String(s) => tokens(s, |t| {
                out.insert(t);
            }),
            Value::Number(n) => {
                out.insert(n.to_string());
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(m) => {
                for (k, x) in m {
                    if k != "notes" {
                        walk(x, out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    if let Ok(Value::Object(m)) = serde_json::to_value(p) {
        for (k, v) in &m {
            if !matches!(
                k.as_str(),
                "schema" | "source" | "sections" | "other" | "diagnostics"
            ) {
                walk(v, &mut out);
            }
        }
    }
    out
}

/// Whether at least half of a line's words are in `set` (a line with no
/// words has nothing to lose and counts as placed).
fn mostly_in(text: &str, set: &HashSet<String>) -> bool {
    let (mut n, mut hits) = (0, 0);
    tokens(text, |t| {
        n += 1;
        hits += usize::from(set.contains(&t));
    });
    hits * 2 >= n
}

/// Casefolded words: runs of letters and digits, each CJK character a word
/// of its own (no spaces to split on), single Latin letters skipped (`a`, `&`
/// initials would match anything).
fn tokens(s: &str, mut emit: impl FnMut(String)) {
    let mut cur = String::new();
    let flush = |cur: &mut String, emit: &mut dyn FnMut(String)| {
        let mut cs = cur.chars();
        let single_letter = matches!((cs.next(), cs.next()), (Some(c), None) if !c.is_numeric());
        if !cur.is_empty() && !single_letter {
            emit(std::mem::take(cur));
        }
        cur.clear();
    };
    for c in s.chars() {
        if is_cjk(c) {
            flush(&mut cur, &mut emit);
            emit(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, &mut emit);
        }
    }
    flush(&mut cur, &mut emit);
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quality(md: &str) -> Quality {
        crate::parse_bytes("cv.md", md.as_bytes(), &crate::Options::default())
            .expect("parses")
            .diagnostics
            .quality
    }

    #[test]
    fn words_are_casefolded_and_cjk_split() {
        let mut v = Vec::new();
        tokens("Ph.D. in Física, 2019–2021 東京大学 a", |t| {
            v.push(t)
        });
        assert_eq!(
            v,
            ["ph", "in", "física", "2019", "2021", "東", "京", "大", "学"]
        );
    }

    #[test]
    fn counts_lines_entries_and_scores() {
        let q = quality(
            "# Jane Doe\n\njane@example.org\n\n## Education\n\n\
             - B.Sc. in Physics, Somewhere University, 2010\n\
             - Exchange semester\n\n\
             ## References\n\nAvailable on request.\n",
        );
        assert!(q.name_found);
        assert_eq!(q.sections_found, 2);
        assert_eq!(q.content_lines, 3, "{q:?}");
        // The degree's line is in fields; "Exchange semester" is a note of
        // the degree and the References line is in `other`.
        assert_eq!(
            (q.lines_in_fields, q.lines_in_notes_or_other),
            (1, 2),
            "{q:?}"
        );
        assert_eq!(
            q.entries.education,
            KindCount {
                entries: 1,
                incomplete: 0
            }
        );
        // 0.15 + 0.15 + 0.4 * 1/3 + 0.3 * 1/1
        assert_eq!(q.score, 0.733, "{q:?}");
    }

    #[test]
    fn an_unsectioned_text_scores_low() {
        let q = quality("just some words\nwithout any section at all\n");
        assert!(!q.name_found || q.sections_found == 0);
        assert_eq!(q.sections_found, 0);
        assert_eq!(q.content_lines, 0);
        assert!(q.score <= 0.15, "{q:?}");
    }
}
