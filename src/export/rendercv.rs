//! The profile as a RenderCV 2.8 input (<https://rendercv.com>): `cv:` with
//! the header fields and `sections:` mapping titles to lists of RenderCV
//! entries, serialised with `serde_norway`.
//!
//! Entry types by section: education `EducationEntry` (institution, area,
//! degree, dates, location, highlights), work `ExperienceEntry` (company,
//! position, ...), publications `PublicationEntry` (title, authors with the
//! owner in `**bold**`, date, journal, doi or url), patents, projects, awards,
//! talks, teaching, service and mentees `NormalEntry` (name, date, summary,
//! highlights), skills and languages `OneLineEntry` (label, details),
//! interests and other sections `BulletEntry`; the summary is a text entry.
//! RenderCV wants one entry type a section, and validates each entry's
//! required fields, so a section with an entry that lacks one is written in a
//! looser type throughout: work without company or position, and
//! publications without authors, as `NormalEntry`s; languages without a level
//! as bullets.
//!
//! RenderCV reads text as Markdown and passes `#name(...)` through as Typst
//! code; text is escaped so that it prints as written (`typst_text`). A year
//! alone is a bare integer: a quoted year is read as a date and printed with
//! a month. Header fields RenderCV would refuse (a phone number that is not
//! valid international, an e-mail it cannot parse, a social username in the
//! wrong form) are kept in comments at the top, not dropped.

use super::fmt::{self, Owner};
use crate::profile::{Link, Profile, ProjectKind};
use serde_json::{Map, Value};

/// Social networks RenderCV knows, by the name vitae uses.
const NETWORKS: &[(&str, &str)] = &[
    ("LinkedIn", "LinkedIn"),
    ("GitHub", "GitHub"),
    ("GitLab", "GitLab"),
    ("Instagram", "Instagram"),
    ("ORCID", "ORCID"),
    ("Mastodon", "Mastodon"),
    ("StackOverflow", "StackOverflow"),
    ("ResearchGate", "ResearchGate"),
    ("YouTube", "YouTube"),
    ("Google Scholar", "Google Scholar"),
    ("Telegram", "Telegram"),
    ("X", "X"),
    ("Twitter", "X"),
    ("Bluesky", "Bluesky"),
    ("Reddit", "Reddit"),
];

/// Text as RenderCV prints it as written. RenderCV escapes Typst's special
/// characters itself, except `#` before a letter (which it passes through as
/// a Typst call) and `<`, which its Markdown reader takes for HTML (Typst
/// then sees a label); both are written as Typst string literals.
pub fn typst_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) => {
                out.push_str("#str(\"#\")")
            }
            '<' => out.push_str("#str(\"<\")"),
            c => out.push(c),
        }
    }
    out
}

/// A link as Markdown, which RenderCV makes a link.
fn md_link(label: &str, url: &str) -> String {
    let label = typst_text(label.trim()).replace(['[', ']'], "");
    format!("[{label}]({})", url.replace(')', "%29"))
}

/// The document being written: the `cv` mapping and the notes that go in
/// comments above it.
struct Doc {
    comments: Vec<String>,
    sections: Map<String, Value>,
}

impl Doc {
    /// A section title not used yet: a second "Teaching" becomes "Teaching (2)".
    fn unique_title(&self, title: &str) -> String {
        let title = title.trim();
        let mut t = title.to_string();
        let mut n = 2;
        while self.sections.keys().any(|u| u.eq_ignore_ascii_case(&t)) {
            t = format!("{title} ({n})");
            n += 1;
        }
        t
    }

    fn section(&mut self, title: &str, entries: Vec<Entry>) {
        let entries: Vec<Value> = entries
            .into_iter()
            .filter(|e| !e.0.is_empty())
            .map(|e| Value::Object(e.0))
            .collect();
        if entries.is_empty() {
            return;
        }
        let t = self.unique_title(title);
        self.sections.insert(t, Value::Array(entries));
    }

    fn bullets(&mut self, title: &str, items: &[String]) {
        let entries = items
            .iter()
            .map(|i| Entry::default().f("bullet", Some(&linked(i))))
            .collect();
        self.section(title, entries);
    }
}

/// Text with its links as Markdown links. Profiles keep a link inside text
/// as `label (https://…)`: a text that is only that is the link's label; in
/// running text the word before the parenthesis is. Other text is escaped.
fn linked(text: &str) -> String {
    let t = text.trim();
    let mut out = String::new();
    let mut rest = t;
    while let Some(open) = rest.find(" (http") {
        let after = &rest[open + 2..];
        let Some(close) = after.find(')') else { break };
        let url = &after[..close];
        if url.contains(char::is_whitespace) {
            out.push_str(&typst_text(&rest[..open + 2]));
            rest = after;
            continue;
        }
        let before = &rest[..open];
        let whole = out.is_empty() && rest.len() == open + 2 + close + 1;
        let label_start = if whole {
            0
        } else {
            before.rfind(' ').map_or(0, |i| i + 1)
        };
        out.push_str(&typst_text(&before[..label_start]));
        out.push_str(&md_link(&before[label_start..], url));
        rest = &after[close + 1..];
        // Typst reads `(` or `[` right after a link as more arguments.
        if rest.starts_with(['(', '[']) {
            out.push(' ');
        }
    }
    out.push_str(&typst_text(rest));
    out
}

/// One entry: its fields in order.
#[derive(Default)]
struct Entry(Map<String, Value>);

impl Entry {
    /// A text field, escaped, left out when missing or blank.
    fn f(self, k: &str, v: Option<&str>) -> Self {
        self.raw(k, v.map(linked).as_deref())
    }

    /// A text field already in RenderCV's Markdown.
    fn raw(mut self, k: &str, v: Option<&str>) -> Self {
        if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
            self.0.insert(k.into(), Value::String(v.to_string()));
        }
        self
    }

    fn l(mut self, k: &str, v: Vec<String>) -> Self {
        let v: Vec<Value> = v
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(linked(s)))
            .collect();
        if !v.is_empty() {
            self.0.insert(k.into(), Value::Array(v));
        }
        self
    }

    fn has(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }

    /// RenderCV's dates: `start_date`/`end_date` for a period, `date` for one
    /// date or for a text it would not parse. A year alone is an integer.
    fn dates(mut self, start: Option<&str>, end: Option<&str>, text: Option<&str>) -> Self {
        fn ok(d: Option<&str>) -> Option<&str> {
            d.filter(|d| fmt::is_partial_iso(d))
        }
        let end_ok = end.filter(|e| *e == "present" || fmt::is_partial_iso(e));
        let ordered = |s: &str, e: &str| e == "present" || s <= e;
        match (ok(start), end_ok) {
            (Some(s), Some(e)) if s != e && ordered(s, e) => {
                self.0.insert("start_date".into(), date_value(s));
                self.0.insert("end_date".into(), date_value(e));
                self
            }
            (Some(s), _) if end.is_none() || end == Some(s) => {
                self.0.insert("date".into(), date_value(s));
                self
            }
            (None, Some(e)) if start.is_none() && e != "present" => {
                self.0.insert("date".into(), date_value(e));
                self
            }
            _ => self.f("date", text.or(start).or(end)),
        }
    }
}

fn date_value(d: &str) -> Value {
    match d.parse::<u32>() {
        Ok(y) if d.len() == 4 => Value::from(y),
        _ => Value::String(d.to_string()),
    }
}

/// A phone number as RenderCV accepts it (a valid number with its country
/// code), in international form; None when it is not one.
fn phone(ph: &str) -> Option<String> {
    let t = ph.trim();
    let t = t
        .strip_prefix("00")
        .map(|r| format!("+{r}"))
        .unwrap_or(t.to_string());
    if !t.starts_with('+') {
        return None;
    }
    let n = phonenumber::parse(None, &t).ok()?;
    phonenumber::is_valid(&n).then(|| {
        n.format()
            .mode(phonenumber::Mode::International)
            .to_string()
    })
}

/// Usernames in the form RenderCV checks for the networks that have one.
fn username_ok(network: &str, user: &str) -> bool {
    match network {
        "ORCID" => {
            let parts: Vec<&str> = user.split('-').collect();
            parts.len() == 4
                && parts.iter().enumerate().all(|(i, p)| {
                    p.len() == 4
                        && p.chars()
                            .enumerate()
                            .all(|(j, c)| c.is_ascii_digit() || (i == 3 && j == 3 && c == 'X'))
                })
        }
        "Mastodon" => {
            let u = user.strip_prefix('@').unwrap_or("");
            u.split_once('@')
                .is_some_and(|(name, host)| !name.is_empty() && host.contains('.'))
        }
        _ => !user.contains(char::is_whitespace),
    }
}

/// The RenderCV YAML of a profile.
pub fn to_yaml(p: &Profile) -> String {
    let mut cv = Map::new();
    let mut doc = Doc {
        comments: vec![format!(
            "RenderCV input written by vitae {} from {}; render with `rendercv render FILE`.",
            env!("CARGO_PKG_VERSION"),
            p.source.file
        )],
        sections: Map::new(),
    };
    let b = &p.basics;
    let put = |cv: &mut Map<String, Value>, k: &str, v: Option<&str>| {
        if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
            cv.insert(k.into(), Value::String(v.to_string()));
        }
    };
    put(
        &mut cv,
        "name",
        b.name.as_deref().map(typst_text).as_deref(),
    );
    put(
        &mut cv,
        "headline",
        b.headline.as_deref().map(typst_text).as_deref(),
    );
    put(
        &mut cv,
        "location",
        b.location.as_deref().map(typst_text).as_deref(),
    );
    match b.email.as_deref().map(str::trim) {
        Some(e) if fmt::is_email(e) => put(&mut cv, "email", Some(e)),
        Some(e) => doc
            .comments
            .push(format!("email (not an address RenderCV accepts): {e}")),
        None => {}
    }
    if let Some(ph) = b.phone.as_deref().map(str::trim) {
        match phone(ph) {
            Some(intl) => put(&mut cv, "phone", Some(&intl)),
            None => doc.comments.push(format!(
                "phone (RenderCV needs a valid number with its +country code): {ph}"
            )),
        }
    }
    match b.url.as_deref() {
        Some(u) if is_http(u) => put(&mut cv, "website", fmt::absolute_uri(u).as_deref()),
        Some(u) => doc.comments.push(format!("website: {u}")),
        None => {}
    }
    let mut known = Vec::new();
    let mut custom = Vec::new();
    for pr in &b.profiles {
        let net = NETWORKS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&pr.network));
        match (net, pr.username.as_deref().map(str::trim)) {
            (Some((_, name)), Some(user)) if !user.is_empty() && username_ok(name, user) => {
                let mut m = Map::new();
                m.insert("network".into(), Value::from(*name));
                m.insert("username".into(), Value::from(user));
                known.push(Value::Object(m))
            }
            _ => custom.push(pr),
        }
    }
    if !known.is_empty() {
        cv.insert("social_networks".into(), Value::Array(known));
    }
    let mut connections = Vec::new();
    for pr in custom {
        let url = pr
            .url
            .as_deref()
            .filter(|u| is_http(u))
            .and_then(fmt::absolute_uri);
        match url {
            Some(url) => {
                let mut m = Map::new();
                m.insert("placeholder".into(), Value::from(typst_text(&pr.network)));
                m.insert("url".into(), Value::from(url));
                m.insert("fontawesome_icon".into(), Value::from("link"));
                connections.push(Value::Object(m));
            }
            None => doc.comments.push(format!(
                "{}: {}",
                pr.network,
                pr.username.as_deref().or(pr.url.as_deref()).unwrap_or("")
            )),
        }
    }
    if !connections.is_empty() {
        cv.insert("custom_connections".into(), Value::Array(connections));
    }
    sections(&mut doc, p);
    if !doc.sections.is_empty() {
        cv.insert(
            "sections".into(),
            Value::Object(std::mem::take(&mut doc.sections)),
        );
    }
    let mut top = Map::new();
    top.insert("cv".into(), Value::Object(cv));
    let body = serde_norway::to_string(&Value::Object(top)).unwrap_or_default();
    let mut out = String::new();
    for c in &doc.comments {
        out.push_str("# ");
        out.push_str(&c.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out.push_str(&body);
    out
}

fn is_http(u: &str) -> bool {
    let l = u.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

fn sections(doc: &mut Doc, p: &Profile) {
    let owner = Owner::of(p);
    let bold = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| match &owner {
                Some(o) if o.matches(n) => format!("**{}**", typst_text(n)),
                _ => typst_text(n),
            })
            .collect()
    };

    if let Some(s) = p.basics.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        let paras: Vec<Value> = s
            .split("\n\n")
            .map(|x| x.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|x| !x.is_empty())
            .map(|x| Value::String(linked(&x)))
            .collect();
        let t = doc.unique_title("Summary");
        doc.sections.insert(t, Value::Array(paras));
    }

    let education: Vec<Entry> = p
        .education
        .iter()
        .filter_map(|e| {
            let mut h = Vec::new();
            if let Some(t) = &e.thesis {
                h.push(format!("Thesis: {t}"));
            }
            match e.advisors.len() {
                0 => {}
                1 => h.push(format!("Advisor: {}", e.advisors[0])),
                _ => h.push(format!("Advisors: {}", e.advisors.join(", "))),
            }
            h.extend(e.notes.iter().cloned());
            // `area` is required: the field of study, else the degree stands in.
            let (area, degree) = match (&e.field, &e.degree) {
                (Some(f), d) => (Some(f.clone()), d.clone()),
                (None, Some(d)) => (Some(d.clone()), None),
                (None, None) => (None, None),
            };
            // `institution` and `area` are both required: without one the
            // entry is kept as a comment rather than failing the file.
            let (Some(inst), Some(area)) = (e.institution.as_deref(), area) else {
                return None;
            };
            Some(
                Entry::default()
                    .f("institution", Some(inst))
                    .f("area", Some(&area))
                    .f("degree", degree.as_deref())
                    .f("location", e.location.as_deref())
                    .dates(
                        e.start.as_deref(),
                        e.end.as_deref(),
                        e.dates_text.as_deref(),
                    )
                    .l("highlights", h),
            )
        })
        .collect();
    let dropped = p.education.len() - education.len();
    if dropped > 0 {
        for e in p
            .education
            .iter()
            .filter(|e| e.institution.is_none() || (e.field.is_none() && e.degree.is_none()))
        {
            let text = [
                e.degree.as_deref(),
                e.institution.as_deref(),
                e.dates_text.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            doc.comments.push(format!(
                "education entry without institution or degree: {text}"
            ));
        }
    }
    doc.section("Education", education);

    let complete = p
        .work
        .iter()
        .all(|w| w.organization.is_some() && w.position.is_some());
    let work: Vec<Entry> = p
        .work
        .iter()
        .map(|w| {
            let company = match (&w.organization, &w.unit) {
                (Some(o), Some(u)) => Some(format!("{o}, {u}")),
                (o, u) => o.clone().or(u.clone()),
            };
            let mut highlights = w.highlights.clone();
            let mut summary = w.summary.clone();
            let en = if complete {
                Entry::default()
                    .f("company", company.as_deref())
                    .f("position", w.position.as_deref())
            } else {
                let mut name = [w.position.clone(), company]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                // `name` is required: an entry with neither is named by
                // its first line of text.
                if name.is_empty() {
                    name = summary
                        .take()
                        .or_else(|| (!highlights.is_empty()).then(|| highlights.remove(0)))
                        .or(w.dates_text.clone())
                        .unwrap_or_default();
                }
                Entry::default().f("name", Some(&name))
            };
            en.f("location", w.location.as_deref())
                .dates(
                    w.start.as_deref(),
                    w.end.as_deref(),
                    w.dates_text.as_deref(),
                )
                .f("summary", summary.as_deref())
                .l("highlights", highlights)
        })
        .filter(|e| complete || e.has("name"))
        .collect();
    doc.section("Experience", work);

    // `authors` is required of a PublicationEntry; an empty list is what
    // RenderCV takes for a paper whose CV names none.
    let pubs: Vec<Entry> = p
        .publications
        .iter()
        .filter_map(|x| {
            let doi = x.links.iter().find_map(|l| doi_of(&l.url));
            let url = x
                .links
                .iter()
                .find(|l| is_http(&l.url) && doi_of(&l.url).is_none())
                .and_then(|l| fmt::absolute_uri(&l.url))
                // RenderCV prints the `url` field as text, where `#name` is
                // Typst code: such a link goes in the summary, as a link.
                .filter(|u| !u.contains('#'));
            let journal = x.venue.clone().or(x.venue_short.clone());
            let mut notes: Vec<String> = x.notes.iter().map(|n| linked(n)).collect();
            if let Some(k) = &x.key {
                notes.insert(0, format!("\\[{}\\]", typst_text(k)));
            }
            notes.extend(other_links(&x.links, url.as_deref()));
            let title = x.title.as_deref().or(journal.as_deref())?;
            let mut en = Entry::default().f("title", Some(title));
            en.0.insert(
                "authors".into(),
                Value::Array(bold(&x.authors).into_iter().map(Value::String).collect()),
            );
            let year = x.year.map(|y| y.to_string());
            let en = en
                .raw("doi", doi.as_deref())
                .raw("url", url.as_deref())
                .f(
                    "journal",
                    journal
                        .as_deref()
                        .filter(|j| Some(*j) != x.title.as_deref()),
                )
                .dates(year.as_deref(), None, None);
            Some(if notes.is_empty() {
                en
            } else {
                en.raw("summary", Some(&notes.join("; ")))
            })
        })
        .collect();
    doc.section("Publications", pubs);

    let patents: Vec<Entry> = p
        .patents
        .iter()
        .map(|x| {
            let mut summary = Vec::new();
            if let Some(k) = &x.kind {
                summary.push(k.clone());
            }
            summary.extend(x.application_numbers.iter().cloned());
            let mut h = Vec::new();
            if !x.inventors.is_empty() {
                h.push(bold(&x.inventors).join(", "));
            }
            if let Some(o) = &x.other_title {
                h.push(format!("Other name: {}", typst_text(o)));
            }
            if !x.granted.is_empty() {
                h.push(format!("Granted: {}", x.granted.join(", ")));
            }
            h.extend(
                x.links
                    .iter()
                    .filter(|l| is_http(&l.url))
                    .map(|l| md_link(&l.label, &l.url)),
            );
            let name = match (&x.key, &x.title) {
                (Some(k), Some(t)) => format!("[{k}] {t}"),
                (k, t) => k.clone().or(t.clone()).unwrap_or_default(),
            };
            let mut en = Entry::default()
                .f("name", Some(&name))
                .dates(x.filed.as_deref(), None, None)
                .f("summary", Some(&summary.join(" ")));
            let h: Vec<Value> = h.into_iter().map(Value::String).collect();
            if !h.is_empty() {
                en.0.insert("highlights".into(), Value::Array(h));
            }
            en
        })
        .filter(|e| e.has("name"))
        .collect();
    doc.section("Patents", patents);

    for (kind, title) in [
        (ProjectKind::Grant, "Funded Projects"),
        (ProjectKind::Software, "Software"),
        (ProjectKind::Other, "Projects"),
    ] {
        let entries: Vec<Entry> = p
            .projects
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| {
                let name = match (&x.name, x.url.as_deref().filter(|u| is_http(u))) {
                    (Some(n), Some(u)) => md_link(n, u),
                    (Some(n), None) => typst_text(n),
                    (None, Some(u)) => md_link(u, u),
                    (None, None) => typst_text(x.summary.as_deref().unwrap_or("")),
                };
                let mut h = Vec::new();
                if let Some(r) = &x.role {
                    h.push(format!("Role: {r}"));
                }
                if let Some(f) = &x.funder {
                    h.push(format!("Funded by {f}"));
                }
                if let Some(a) = &x.amount {
                    h.push(format!("Amount: {a}"));
                }
                if !x.partners.is_empty() {
                    h.push(format!("Partners: {}", x.partners.join(", ")));
                }
                let summary = x
                    .summary
                    .as_deref()
                    .filter(|_| x.name.is_some() || x.url.is_some());
                Entry::default()
                    .raw("name", Some(&name))
                    .dates(
                        x.start.as_deref(),
                        x.end.as_deref(),
                        x.dates_text.as_deref(),
                    )
                    .f("summary", summary)
                    .l("highlights", h)
            })
            .filter(|e| e.has("name"))
            .collect();
        doc.section(title, entries);
    }

    // NormalEntries: `name` is required, so an entry without its title is
    // named by its summary, and one with neither is left out.
    let dated =
        |name: Option<&str>, date: Option<&str>, summary: Option<&str>, notes: &[String]| {
            let named = name.filter(|n| !n.trim().is_empty());
            Entry::default()
                .f("name", named.or(summary))
                .dates(date, None, None)
                .f("summary", if named.is_some() { summary } else { None })
                .l("highlights", notes.to_vec())
        };
    let named = |e: &Entry| e.has("name");
    let awards: Vec<Entry> = p
        .awards
        .iter()
        .map(|a| {
            dated(
                a.title.as_deref(),
                a.date.as_deref(),
                a.awarder.as_deref(),
                &a.notes,
            )
        })
        .filter(named)
        .collect();
    doc.section("Awards", awards);
    let talks: Vec<Entry> = p
        .talks
        .iter()
        .map(|t| {
            dated(
                t.title.as_deref(),
                t.date.as_deref(),
                t.event.as_deref(),
                &t.notes,
            )
        })
        .filter(named)
        .collect();
    doc.section("Talks", talks);
    let teaching: Vec<Entry> = p
        .teaching
        .iter()
        .map(|t| {
            let summary = [t.role.clone(), t.term.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            dated(
                t.course.as_deref(),
                t.date.as_deref(),
                Some(summary.as_str()).filter(|s| !s.is_empty()),
                &t.notes,
            )
        })
        .filter(named)
        .collect();
    doc.section("Teaching", teaching);
    let service: Vec<Entry> = p
        .service
        .iter()
        .map(|s| {
            dated(
                s.role.as_deref(),
                s.date.as_deref(),
                s.organization.as_deref(),
                &s.notes,
            )
        })
        .filter(named)
        .collect();
    doc.section("Service", service);
    let mentees: Vec<Entry> = p
        .mentees
        .iter()
        .map(|m| {
            let name = match (&m.name, m.url.as_deref().filter(|u| is_http(u))) {
                (Some(n), Some(u)) => md_link(n, u),
                (Some(n), None) => typst_text(n),
                (None, Some(u)) => md_link(u, u),
                (None, None) => String::new(),
            };
            Entry::default()
                .raw("name", Some(&name))
                .l("highlights", m.notes.clone())
        })
        .filter(named)
        .collect();
    doc.section("Mentees", mentees);

    let skills: Vec<Entry> = p
        .skills
        .iter()
        .filter(|s| !s.keywords.is_empty())
        .map(|s| {
            Entry::default()
                .f("label", s.name.as_deref().or(Some("Skills")))
                .f("details", Some(&s.keywords.join(", ")))
        })
        .collect();
    doc.section("Skills", skills);
    // OneLineEntry requires `details`: with a level for every language, a
    // label and its level; otherwise one bullet a language.
    if p.languages.iter().all(|l| l.fluency.is_some()) {
        let languages: Vec<Entry> = p
            .languages
            .iter()
            .map(|l| {
                Entry::default()
                    .f("label", Some(&l.language))
                    .f("details", l.fluency.as_deref())
            })
            .collect();
        doc.section("Languages", languages);
    } else {
        let items: Vec<String> = p
            .languages
            .iter()
            .map(|l| match &l.fluency {
                Some(f) => format!("{} ({f})", l.language),
                None => l.language.clone(),
            })
            .collect();
        doc.bullets("Languages", &items);
    }
    doc.bullets("Interests", &p.interests);
    for o in &p.other {
        doc.bullets(&o.title, &o.items);
    }
}

/// A publication's links other than the DOI and URL fields, as Markdown.
fn other_links(links: &[Link], url: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = links
        .iter()
        .filter(|l| is_http(&l.url))
        // The DOI and URL have fields of their own.
        .filter(|l| doi_of(&l.url).is_none())
        .filter(|l| fmt::absolute_uri(&l.url).as_deref() != url)
        .map(|l| md_link(&l.label, &l.url))
        .collect();
    out.dedup();
    out
}

/// The DOI of a `doi.org` link (`10.1145/3503222.3507769`).
fn doi_of(url: &str) -> Option<String> {
    let l = url.trim();
    let i = l.find("doi.org/")?;
    let d = &l[i + "doi.org/".len()..];
    d.starts_with("10.").then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Education, Format, Language, Publication, PublicationType, Source, Work};

    fn profile() -> Profile {
        let mut p = Profile::new(Source {
            file: "cv.md".into(),
            format: Format::Markdown,
            pages: None,
            sha256: "0".repeat(64),
            title: None,
        });
        p.basics.name = Some("Alireza Sanaee".into());
        p.basics.phone = Some("0123 456".into());
        p
    }

    fn load(y: &str) -> Value {
        serde_norway::from_str(y).unwrap_or_else(|e| panic!("{e}\n{y}"))
    }

    fn publication(authors: &[&str], title: &str) -> Publication {
        Publication {
            key: None,
            kind: PublicationType::Conference,
            authors: authors.iter().map(|a| a.to_string()).collect(),
            title: Some(title.into()),
            venue: Some("USENIX NSDI".into()),
            venue_short: Some("NSDI".into()),
            year: Some(2022),
            notes: vec![],
            links: vec![Link {
                label: "Paper".into(),
                url: "https://doi.org/10.1145/3503222.3507769".into(),
            }],
        }
    }

    #[test]
    fn entries_and_owner_in_bold() {
        let mut p = profile();
        p.publications.push(publication(
            &["A. Sanaee", "G. Antichi"],
            "Backdraft: a \"Lossless\" Virtual Switch",
        ));
        p.work.push(Work {
            organization: Some("Huawei".into()),
            position: Some("Systems Architect".into()),
            start: Some("2023-05".into()),
            end: Some("present".into()),
            ..Default::default()
        });
        p.education.push(Education {
            institution: Some("QMUL".into()),
            degree: Some("PhD".into()),
            end: Some("2023".into()),
            ..Default::default()
        });
        let y = to_yaml(&p);
        let d = load(&y);
        let s = &d["cv"]["sections"];
        let pb = &s["Publications"][0];
        assert_eq!(pb["title"], "Backdraft: a \"Lossless\" Virtual Switch");
        assert_eq!(pb["authors"][0], "**A. Sanaee**");
        assert_eq!(pb["doi"], "10.1145/3503222.3507769");
        // A year is an integer: RenderCV would print a quoted one with a month.
        assert_eq!(pb["date"], 2022);
        let w = &s["Experience"][0];
        assert_eq!(w["company"], "Huawei");
        assert_eq!(w["position"], "Systems Architect");
        assert_eq!(w["start_date"], "2023-05");
        assert_eq!(w["end_date"], "present");
        let e = &s["Education"][0];
        assert_eq!(e["institution"], "QMUL");
        assert_eq!(e["area"], "PhD");
        assert_eq!(e["date"], 2023);
        assert!(
            y.starts_with("# RenderCV input")
                && y.contains(
                    "\n# phone (RenderCV needs a valid number with its +country code): 0123 456\n"
                ),
            "{y}"
        );
        assert!(d["cv"].get("phone").is_none(), "{y}");
    }

    #[test]
    fn phones_are_checked() {
        assert_eq!(
            phone("+46 70 123 45 67").as_deref(),
            Some("+46 70 123 45 67")
        );
        assert_eq!(
            phone("0046 70 123 45 67").as_deref(),
            Some("+46 70 123 45 67")
        );
        assert_eq!(phone("+1 (234) 567 890"), None);
        assert_eq!(phone("070-123 45 67"), None);
    }

    #[test]
    fn a_paper_without_authors_has_an_empty_list() {
        let mut p = profile();
        p.publications.push(publication(&["A. Sanaee"], "One"));
        p.publications.push(publication(&[], "Two"));
        let d = load(&to_yaml(&p));
        let pubs = &d["cv"]["sections"]["Publications"];
        assert_eq!(pubs[0]["authors"][0], "**A. Sanaee**");
        assert_eq!(pubs[1]["title"], "Two");
        assert_eq!(pubs[1]["authors"], Value::Array(vec![]));
        assert_eq!(pubs[1]["date"], 2022);
    }

    #[test]
    fn languages_without_a_level_are_bullets() {
        let mut p = profile();
        for (l, f) in [("English", Some("C1")), ("French", None)] {
            p.languages.push(Language {
                language: l.into(),
                fluency: f.map(str::to_string),
            });
        }
        let d = load(&to_yaml(&p));
        let ls = &d["cv"]["sections"]["Languages"];
        assert_eq!(ls[0]["bullet"], "English (C1)");
        assert_eq!(ls[1]["bullet"], "French");
        p.languages.pop();
        let d = load(&to_yaml(&p));
        assert_eq!(d["cv"]["sections"]["Languages"][0]["details"], "C1");
    }

    #[test]
    fn typst_code_in_text_is_printed_as_written() {
        assert_eq!(
            typst_text("see /#custom-kernels"),
            "see /#str(\"#\")custom-kernels"
        );
        assert_eq!(typst_text("C# and #1"), "C# and #1");
        assert_eq!(
            typst_text("<Detecting video>"),
            "#str(\"<\")Detecting video>"
        );
    }

    #[test]
    fn links_in_text_become_markdown_links() {
        assert_eq!(
            linked("Slides (https://x.org/s)"),
            "[Slides](https://x.org/s)"
        );
        assert_eq!(
            linked("A talk. Watch (https://y.org/v) now"),
            "A talk. [Watch](https://y.org/v) now"
        );
        assert_eq!(linked("no link (here)"), "no link (here)");
        assert_eq!(
            linked("Course (https://c.org/x)(Org, 2025)"),
            "[Course](https://c.org/x) (Org, 2025)"
        );
    }

    #[test]
    fn section_titles_stay_unique() {
        let mut p = profile();
        p.skills.push(crate::profile::Skill {
            name: Some("Languages".into()),
            keywords: vec!["Rust".into()],
        });
        p.other.push(crate::profile::OtherSection {
            title: "skills".into(),
            items: vec!["Juggling".into()],
        });
        let d = load(&to_yaml(&p));
        let s = &d["cv"]["sections"];
        assert_eq!(s["Skills"][0]["details"], "Rust");
        assert_eq!(s["skills (2)"][0]["bullet"], "Juggling");
    }

    #[test]
    fn incomplete_jobs_become_normal_entries() {
        let mut p = profile();
        p.work.push(Work {
            organization: Some("CafeYab".into()),
            ..Default::default()
        });
        p.work.push(Work {
            highlights: vec!["Built a thing".into()],
            ..Default::default()
        });
        let y = to_yaml(&p);
        let d = load(&y);
        let w = &d["cv"]["sections"]["Experience"];
        assert_eq!(w[0]["name"], "CafeYab");
        assert_eq!(w[1]["name"], "Built a thing");
        assert!(!y.contains("company:"), "{y}");
    }
}
