//! The profile as a RenderCV input (<https://rendercv.com>): `cv:` with the
//! header fields and `sections:` mapping titles to lists of RenderCV entries.
//!
//! Entry types by section: education `EducationEntry` (institution, area,
//! degree, dates, location, highlights), work `ExperienceEntry` (company,
//! position, ...), publications `PublicationEntry` (title, authors with the
//! owner in `**bold**`, date, journal, doi or url), patents, projects, awards,
//! talks, teaching, service and mentees `NormalEntry` (name, date, summary,
//! highlights), skills and languages `OneLineEntry` (label, details),
//! interests and other sections `BulletEntry`; the summary is a text entry.
//! RenderCV wants one entry type a section, so a work section with an entry
//! lacking a company or position is written as `NormalEntry`s throughout.
//!
//! The YAML is written by hand: every scalar is a double-quoted string, which
//! is valid YAML whatever it holds. Header fields RenderCV would refuse (a
//! phone without country code, an e-mail or website it cannot parse, a network
//! it does not know) are kept as comments or custom connections, not dropped.

use super::fmt::{self, Owner};
use crate::profile::{Profile, ProjectKind};

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

/// A YAML writer for the few shapes RenderCV input needs.
struct Yaml {
    out: String,
    /// Section titles written so far: YAML keys must be unique.
    titles: Vec<String>,
}

impl Yaml {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comment(&mut self, indent: usize, text: &str) {
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.line(indent, &format!("# {one_line}"));
    }

    /// A section title not used yet: a second "Teaching" becomes "Teaching (2)".
    fn unique_title(&mut self, title: &str) -> String {
        let title = title.trim();
        let mut t = title.to_string();
        let mut n = 2;
        while self.titles.iter().any(|u| u.eq_ignore_ascii_case(&t)) {
            t = format!("{title} ({n})");
            n += 1;
        }
        self.titles.push(t.clone());
        t
    }

    /// `key: "value"`, left out when the value is missing or blank.
    fn field(&mut self, indent: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.line(indent, &format!("{key}: {}", fmt::yaml_str(v)));
        }
    }
}

/// One entry: its fields in order, written as a YAML mapping in a list.
#[derive(Default)]
struct Entry {
    fields: Vec<(&'static str, Val)>,
}

enum Val {
    Text(String),
    List(Vec<String>),
}

impl Entry {
    fn f(mut self, k: &'static str, v: Option<&str>) -> Self {
        if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
            self.fields.push((k, Val::Text(v.to_string())));
        }
        self
    }

    /// A field RenderCV requires, written even when empty.
    fn required(mut self, k: &'static str, v: Option<&str>) -> Self {
        self.fields
            .push((k, Val::Text(v.unwrap_or("").trim().to_string())));
        self
    }

    fn l(mut self, k: &'static str, v: Vec<String>) -> Self {
        let v: Vec<String> = v.into_iter().filter(|s| !s.trim().is_empty()).collect();
        if !v.is_empty() {
            self.fields.push((k, Val::List(v)));
        }
        self
    }

    /// RenderCV's dates: `start_date`/`end_date` for a period, `date` for one
    /// date or for a text it would not parse.
    fn dates(self, start: Option<&str>, end: Option<&str>, text: Option<&str>) -> Self {
        fn ok(d: Option<&str>) -> Option<&str> {
            d.filter(|d| fmt::is_partial_iso(d))
        }
        let end_ok = end.filter(|e| *e == "present" || fmt::is_partial_iso(e));
        match (ok(start), end_ok) {
            (Some(s), Some(e)) if s != e => self.f("start_date", Some(s)).f("end_date", Some(e)),
            (Some(s), _) if end.is_none() || end == Some(s) => self.f("date", Some(s)),
            (None, Some(e)) if start.is_none() && e != "present" => self.f("date", Some(e)),
            _ => self.f("date", text.or(start).or(end)),
        }
    }

    fn write(&self, y: &mut Yaml, indent: usize) {
        for (i, (k, v)) in self.fields.iter().enumerate() {
            let p = if i == 0 { "- " } else { "  " };
            match v {
                Val::Text(t) => y.line(indent, &format!("{p}{k}: {}", fmt::yaml_str(t))),
                Val::List(items) => {
                    y.line(indent, &format!("{p}{k}:"));
                    for it in items {
                        y.line(indent + 2, &format!("- {}", fmt::yaml_str(it.trim())));
                    }
                }
            }
        }
    }
}

fn section(y: &mut Yaml, title: &str, entries: &[Entry]) {
    let entries: Vec<&Entry> = entries.iter().filter(|e| !e.fields.is_empty()).collect();
    if entries.is_empty() {
        return;
    }
    let title = y.unique_title(title);
    y.line(2, &format!("{}:", fmt::yaml_str(&title)));
    for e in entries {
        e.write(y, 3);
    }
}

fn bullets(y: &mut Yaml, title: &str, items: &[String]) {
    let entries: Vec<Entry> = items
        .iter()
        .map(|i| Entry::default().f("bullet", Some(i)))
        .collect();
    section(y, title, &entries);
}

/// The RenderCV YAML of a profile.
pub fn to_yaml(p: &Profile) -> String {
    let mut y = Yaml {
        out: String::new(),
        titles: Vec::new(),
    };
    y.comment(
        0,
        &format!(
            "RenderCV input written by vitae {} from {}; render with `rendercv render FILE`.",
            env!("CARGO_PKG_VERSION"),
            p.source.file
        ),
    );
    y.line(0, "cv:");
    let b = &p.basics;
    y.field(1, "name", b.name.as_deref());
    y.field(1, "headline", b.headline.as_deref());
    y.field(1, "location", b.location.as_deref());
    match b.email.as_deref().map(str::trim) {
        Some(e) if fmt::is_email(e) => y.field(1, "email", Some(e)),
        Some(e) => y.comment(1, &format!("email (not an address RenderCV accepts): {e}")),
        None => {}
    }
    match b.phone.as_deref().map(str::trim) {
        // RenderCV wants international numbers (+country code).
        Some(ph) if ph.starts_with('+') => y.field(1, "phone", Some(ph)),
        Some(ph) => y.comment(
            1,
            &format!("phone (RenderCV needs the +country code): {ph}"),
        ),
        None => {}
    }
    match b.url.as_deref() {
        Some(u) if is_http(u) => y.field(1, "website", fmt::absolute_uri(u).as_deref()),
        Some(u) => y.comment(1, &format!("website: {u}")),
        None => {}
    }
    let mut known = Vec::new();
    let mut custom = Vec::new();
    for pr in &b.profiles {
        let net = NETWORKS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&pr.network));
        match (net, pr.username.as_deref()) {
            (Some((_, name)), Some(user)) if !user.trim().is_empty() => {
                known.push((*name, user.trim()))
            }
            _ => custom.push(pr),
        }
    }
    if !known.is_empty() {
        y.line(1, "social_networks:");
        for (net, user) in known {
            y.line(2, &format!("- network: {}", fmt::yaml_str(net)));
            y.line(2, &format!("  username: {}", fmt::yaml_str(user)));
        }
    }
    let custom: Vec<_> = custom
        .into_iter()
        .filter_map(|pr| {
            let url = pr
                .url
                .as_deref()
                .filter(|u| is_http(u))
                .and_then(fmt::absolute_uri)?;
            Some((pr.network.as_str(), url))
        })
        .collect();
    if !custom.is_empty() {
        y.line(1, "custom_connections:");
        for (net, url) in custom {
            y.line(2, &format!("- placeholder: {}", fmt::yaml_str(net)));
            y.line(2, &format!("  url: {}", fmt::yaml_str(&url)));
            y.line(2, "  fontawesome_icon: \"link\"");
        }
    }
    y.line(1, "sections:");
    sections(&mut y, p);
    y.out
}

fn is_http(u: &str) -> bool {
    let l = u.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

fn sections(y: &mut Yaml, p: &Profile) {
    let owner = Owner::of(p);
    let bold = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| match &owner {
                Some(o) if o.matches(n) => format!("**{n}**"),
                _ => n.clone(),
            })
            .collect()
    };

    if let Some(s) = p.basics.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        let title = y.unique_title("Summary");
        y.line(2, &format!("{}:", fmt::yaml_str(&title)));
        for para in s
            .split("\n\n")
            .map(|x| x.split_whitespace().collect::<Vec<_>>().join(" "))
        {
            if !para.is_empty() {
                y.line(3, &format!("- {}", fmt::yaml_str(&para)));
            }
        }
    }

    let education: Vec<Entry> = p
        .education
        .iter()
        .map(|e| {
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
                (Some(f), d) => (f.clone(), d.clone()),
                (None, Some(d)) => (d.clone(), None),
                (None, None) => (String::new(), None),
            };
            Entry::default()
                .required("institution", e.institution.as_deref())
                .required("area", Some(&area))
                .f("degree", degree.as_deref())
                .f("location", e.location.as_deref())
                .dates(
                    e.start.as_deref(),
                    e.end.as_deref(),
                    e.dates_text.as_deref(),
                )
                .l("highlights", h)
        })
        .collect();
    section(y, "Education", &education);

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
            let en = if complete {
                Entry::default()
                    .f("company", company.as_deref())
                    .f("position", w.position.as_deref())
            } else {
                let name = [w.position.clone(), company]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                Entry::default().f("name", Some(&name))
            };
            en.f("location", w.location.as_deref())
                .dates(
                    w.start.as_deref(),
                    w.end.as_deref(),
                    w.dates_text.as_deref(),
                )
                .f("summary", w.summary.as_deref())
                .l("highlights", w.highlights.clone())
        })
        .collect();
    section(y, "Experience", &work);

    let pubs: Vec<Entry> = p
        .publications
        .iter()
        .map(|x| {
            let doi = x.links.iter().find_map(|l| doi_of(&l.url));
            let url = x
                .links
                .iter()
                .find(|l| is_http(&l.url) && doi_of(&l.url).is_none())
                .and_then(|l| fmt::absolute_uri(&l.url));
            let journal = x.venue.clone().or(x.venue_short.clone());
            let mut h = x.notes.clone();
            if let Some(k) = &x.key {
                h.insert(0, format!("[{k}]"));
            }
            let mut en = Entry::default().required("title", x.title.as_deref());
            // `authors` is required, even when the CV names none.
            en.fields.push(("authors", Val::List(bold(&x.authors))));
            let en = en
                .f("doi", doi.as_deref())
                .f("url", url.as_deref())
                .f("journal", journal.as_deref())
                .f("date", x.year.map(|y| y.to_string()).as_deref());
            if h.is_empty() {
                en
            } else {
                en.f("summary", Some(&h.join("; ")))
            }
        })
        .collect();
    section(y, "Publications", &pubs);

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
                h.push(format!("Other name: {o}"));
            }
            if !x.granted.is_empty() {
                h.push(format!("Granted: {}", x.granted.join(", ")));
            }
            h.extend(
                x.links
                    .iter()
                    .filter(|l| is_http(&l.url))
                    .map(|l| format!("[{}]({})", l.label, l.url)),
            );
            let name = match (&x.key, &x.title) {
                (Some(k), Some(t)) => format!("[{k}] {t}"),
                (k, t) => k.clone().or(t.clone()).unwrap_or_default(),
            };
            Entry::default()
                .f("name", Some(&name))
                .f("date", x.filed.as_deref())
                .f("summary", Some(&summary.join(" ")))
                .l("highlights", h)
        })
        .collect();
    section(y, "Patents", &patents);

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
                    (Some(n), Some(u)) => format!("[{n}]({u})"),
                    (Some(n), None) => n.clone(),
                    (None, u) => u.unwrap_or_default().to_string(),
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
                Entry::default()
                    .f("name", Some(&name))
                    .dates(
                        x.start.as_deref(),
                        x.end.as_deref(),
                        x.dates_text.as_deref(),
                    )
                    .f("summary", x.summary.as_deref())
                    .l("highlights", h)
            })
            .collect();
        section(y, title, &entries);
    }

    let dated =
        |name: Option<&str>, date: Option<&str>, summary: Option<&str>, notes: &[String]| {
            Entry::default()
                .f("name", name.or(summary).or(Some("")))
                .f("date", date)
                .f("summary", if name.is_some() { summary } else { None })
                .l("highlights", notes.to_vec())
        };
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
        .collect();
    section(y, "Awards", &awards);
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
        .collect();
    section(y, "Talks", &talks);
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
        .collect();
    section(y, "Teaching", &teaching);
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
        .collect();
    section(y, "Service", &service);
    let mentees: Vec<Entry> = p
        .mentees
        .iter()
        .map(|m| {
            let name = match (&m.name, m.url.as_deref().filter(|u| is_http(u))) {
                (Some(n), Some(u)) => format!("[{n}]({u})"),
                (n, u) => n.clone().or(u.map(str::to_string)).unwrap_or_default(),
            };
            Entry::default()
                .f("name", Some(&name))
                .l("highlights", m.notes.clone())
        })
        .collect();
    section(y, "Mentees", &mentees);

    let skills: Vec<Entry> = p
        .skills
        .iter()
        .map(|s| {
            Entry::default()
                .f("label", s.name.as_deref().or(Some("Skills")))
                .f("details", Some(&s.keywords.join(", ")))
        })
        .collect();
    section(y, "Skills", &skills);
    let languages: Vec<Entry> = p
        .languages
        .iter()
        .map(|l| {
            Entry::default()
                .f("label", Some(&l.language))
                .f("details", Some(l.fluency.as_deref().unwrap_or("")))
        })
        .collect();
    section(y, "Languages", &languages);
    bullets(y, "Interests", &p.interests);
    for o in &p.other {
        bullets(y, &o.title, &o.items);
    }
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
    use crate::profile::{Education, Format, Publication, PublicationType, Source, Work};

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

    #[test]
    fn entries_and_owner_in_bold() {
        let mut p = profile();
        p.publications.push(Publication {
            key: None,
            kind: PublicationType::Conference,
            authors: vec!["A. Sanaee".into(), "G. Antichi".into()],
            title: Some("Backdraft: a \"Lossless\" Virtual Switch".into()),
            venue: Some("USENIX NSDI".into()),
            venue_short: Some("NSDI".into()),
            year: Some(2022),
            notes: vec![],
            links: vec![crate::profile::Link {
                label: "Paper".into(),
                url: "https://doi.org/10.1145/3503222.3507769".into(),
            }],
        });
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
        assert!(y.contains("      - title: \"Backdraft: a \\\"Lossless\\\" Virtual Switch\"\n        authors:\n          - \"**A. Sanaee**\"\n"), "{y}");
        assert!(y.contains("doi: \"10.1145/3503222.3507769\""), "{y}");
        assert!(
            y.contains("- company: \"Huawei\"\n        position: \"Systems Architect\""),
            "{y}"
        );
        assert!(
            y.contains("start_date: \"2023-05\"\n        end_date: \"present\""),
            "{y}"
        );
        assert!(
            y.contains("- institution: \"QMUL\"\n        area: \"PhD\"\n        date: \"2023\""),
            "{y}"
        );
        assert!(
            y.contains("# phone (RenderCV needs the +country code): 0123 456"),
            "{y}"
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
        let y = to_yaml(&p);
        assert!(y.contains("    \"Skills\":\n"), "{y}");
        assert!(
            y.contains("    \"skills (2)\":\n      - bullet: \"Juggling\""),
            "{y}"
        );
    }

    #[test]
    fn incomplete_jobs_become_normal_entries() {
        let mut p = profile();
        p.work.push(Work {
            organization: Some("CafeYab".into()),
            ..Default::default()
        });
        let y = to_yaml(&p);
        assert!(y.contains("- name: \"CafeYab\""), "{y}");
        assert!(!y.contains("company:"), "{y}");
    }
}
