//! The profile as a JSON Resume (<https://jsonresume.org/schema>, v1.0.0).
//!
//! Standard fields carry what JSON Resume knows. What it has no field for is
//! kept in extra keys, which the schema allows on the top level, in `meta`, and
//! on every entry (`additionalProperties: true`): on entries `authors`, `type`,
//! `key`, `venueShort`, `links`, `unit`, `advisors`, `thesis`, `datesText`, ...;
//! on the top level the sections `patents`, `talks`, `teaching`, `service`,
//! `mentees`, `otherSections`; in `meta.vitae` the provenance (source, sections
//! found, diagnostics). Keys are camelCase like JSON Resume's own. A field the
//! CV does not give is left out, not null (the schema types are plain strings).
//!
//! Themes show none of the extension keys: [`extension_note`] says what went
//! there, for the CLI to print.
//!
//! Dates: JSON Resume takes `YYYY`, `YYYY-MM`, `YYYY-MM-DD`; an ongoing period
//! (`present`) has no `endDate`. An entry with one date gets it as `startDate`
//! only (start = end printed "2013 - 2013" in themes); a degree's one date is
//! its `endDate`. Education notes that give a GPA go to `score`, coursework to
//! `courses`. URLs must be absolute URIs: others stay in `links` only.

use super::fmt;
use crate::profile::{Link, Profile, ProjectKind};
use serde::Serialize;
use serde_json::{json, Map, Value};

pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The JSON Resume document as a JSON value.
pub fn to_value(p: &Profile) -> Value {
    let mut top = Obj::new();
    top.put("$schema", SCHEMA_URL);
    top.put("basics", basics(p));
    top.put("work", p.work.iter().map(work).collect::<Vec<_>>());
    top.put(
        "education",
        p.education.iter().map(education).collect::<Vec<_>>(),
    );
    top.put("awards", p.awards.iter().map(award).collect::<Vec<_>>());
    top.put(
        "publications",
        p.publications.iter().map(publication).collect::<Vec<_>>(),
    );
    top.put("skills", p.skills.iter().map(skill).collect::<Vec<_>>());
    top.put(
        "languages",
        p.languages
            .iter()
            .map(|l| {
                let mut o = Obj::new();
                o.put_str("language", Some(&l.language));
                o.put_str("fluency", l.fluency.as_deref());
                o.done()
            })
            .collect::<Vec<_>>(),
    );
    top.put(
        "interests",
        p.interests
            .iter()
            .filter(|i| !i.trim().is_empty())
            .map(|i| json!({ "name": i }))
            .collect::<Vec<_>>(),
    );
    top.put(
        "projects",
        p.projects.iter().map(project).collect::<Vec<_>>(),
    );
    // Sections JSON Resume has no place for, in vitae's own shape.
    top.put("patents", camel(&p.patents));
    top.put("talks", camel(&p.talks));
    top.put("teaching", camel(&p.teaching));
    top.put("service", camel(&p.service));
    top.put("mentees", camel(&p.mentees));
    top.put("otherSections", camel(&p.other));
    let mut vitae = Obj::new();
    vitae.put("schema", p.schema.as_str());
    vitae.put("source", camel(&p.source));
    vitae.put("sections", camel(&p.sections));
    vitae.put("diagnostics", camel(&p.diagnostics));
    let mut meta = Obj::new();
    meta.put("version", "v1.0.0");
    meta.put("vitae", vitae.done());
    top.put("meta", meta.done());
    top.done()
}

/// The JSON Resume document, pretty-printed, with a trailing newline.
pub fn to_string(p: &Profile) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(p)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// An object builder that leaves out what is missing or empty.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Obj {
        Obj(Map::new())
    }

    fn put(&mut self, k: &str, v: impl Into<Value>) {
        let v = v.into();
        let empty = match &v {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty {
            self.0.insert(k.to_string(), v);
        }
    }

    fn put_str(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.put(k, v.trim());
        }
    }

    /// A date field: only a partial ISO date, `present` left out.
    fn put_date(&mut self, k: &str, v: Option<&str>) {
        if let Some(d) = v.filter(|d| fmt::is_partial_iso(d)) {
            self.put(k, d);
        }
    }

    fn put_url(&mut self, k: &str, v: Option<&str>) {
        if let Some(u) = v.and_then(fmt::absolute_uri) {
            self.put(k, u);
        }
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// A serde value with snake_case keys turned camelCase, nulls and empty lists
/// left out (JSON Resume's style).
fn camel<T: Serialize>(v: &T) -> Value {
    fn conv(v: Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, v) in m {
                    let v = conv(v);
                    let empty =
                        matches!(&v, Value::Null) || matches!(&v, Value::Array(a) if a.is_empty());
                    if !empty {
                        out.insert(camel_key(&k), v);
                    }
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.into_iter().map(conv).collect()),
            v => v,
        }
    }
    conv(serde_json::to_value(v).unwrap_or(Value::Null))
}

fn camel_key(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut up = false;
    for c in k.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Start and end as JSON Resume reads them: `present` is no end date, and a
/// lone date is the start only.
fn put_period(o: &mut Obj, start: Option<&str>, end: Option<&str>) {
    o.put_date("startDate", start);
    o.put_date("endDate", end);
}

/// What JSON Resume has no field for and themes therefore do not show: a
/// sentence naming the extension keys that hold it, or None.
pub fn extension_note(p: &Profile) -> Option<String> {
    let counts = [
        (p.patents.len(), "patents"),
        (p.talks.len(), "talks"),
        (p.teaching.len(), "teaching"),
        (p.service.len(), "service"),
        (p.mentees.len(), "mentees"),
        (p.other.len(), "otherSections"),
    ];
    let kept: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, k)| format!("{k} ({n})"))
        .collect();
    (!kept.is_empty()).then(|| {
        format!(
            "JSON Resume has no section for {}: kept under extension keys of those names, \
             which themes do not show",
            kept.join(", ")
        )
    })
}

/// A GPA-like education note (`GPA: 3.9/4.0`): its value, for `score`.
fn score_of(note: &str) -> Option<String> {
    let c = score_re().captures(note)?;
    Some(c[1].trim().to_string()).filter(|s| !s.is_empty())
}

/// A coursework note (`Relevant coursework: A, B; C`): its courses.
fn courses_of(note: &str) -> Option<Vec<String>> {
    let c = courses_re().captures(note)?;
    let list: Vec<String> = c[1]
        .split([',', ';'])
        .map(|s| s.trim().trim_end_matches('.').trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then_some(list)
}

crate::patterns::re!(
    score_re,
    r"(?i)^\s*(?:cumulative\s+|overall\s+|major\s+)?(?:c?gpa|grade point average|final grade|grade|score)\s*(?:[:=]\s*|\s+)([0-9][^;]*)$"
);
crate::patterns::re!(
    courses_re,
    r"(?i)^\s*(?:relevant\s+|selected\s+|key\s+)?(?:course\s*work|courses)\s*(?:[:\-–]\s*|\s+)(.+)$"
);

fn links_value(links: &[Link]) -> Value {
    camel(&links)
}

fn basics(p: &Profile) -> Value {
    let b = &p.basics;
    let mut o = Obj::new();
    o.put_str("name", b.name.as_deref());
    o.put_str("label", b.headline.as_deref());
    match b.email.as_deref().map(str::trim) {
        Some(e) if fmt::is_email(e) => o.put("email", e),
        // Kept, but not where a validator expects a well-formed address.
        Some(e) => o.put("emailText", e),
        None => {}
    }
    o.put_str("phone", b.phone.as_deref());
    o.put_url("url", b.url.as_deref());
    if b.url.is_some() && b.url.as_deref().and_then(fmt::absolute_uri).is_none() {
        o.put_str("urlText", b.url.as_deref());
    }
    o.put_str("summary", b.summary.as_deref());
    if let Some(loc) = b
        .location
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        // "City, Region": the first part is the city; the whole text is kept too.
        let mut l = Obj::new();
        match loc.split_once(',') {
            Some((city, region)) => {
                l.put("city", city.trim());
                l.put("region", region.trim());
            }
            None => l.put("city", loc),
        }
        l.put("text", loc);
        o.put("location", l.done());
    }
    let profiles: Vec<Value> = b
        .profiles
        .iter()
        .map(|pr| {
            let mut x = Obj::new();
            x.put("network", pr.network.as_str());
            x.put_str("username", pr.username.as_deref());
            x.put_url("url", pr.url.as_deref());
            if pr.url.is_some() && pr.url.as_deref().and_then(fmt::absolute_uri).is_none() {
                x.put_str("urlText", pr.url.as_deref());
            }
            x.done()
        })
        .collect();
    o.put("profiles", profiles);
    o.done()
}

fn work(w: &crate::profile::Work) -> Value {
    let mut o = Obj::new();
    o.put_str("name", w.organization.as_deref());
    o.put_str("position", w.position.as_deref());
    o.put_str("location", w.location.as_deref());
    put_period(&mut o, w.start.as_deref(), w.end.as_deref());
    o.put_str("summary", w.summary.as_deref());
    o.put("highlights", w.highlights.clone());
    o.put_str("unit", w.unit.as_deref());
    o.put_str("datesText", w.dates_text.as_deref());
    o.done()
}

fn education(e: &crate::profile::Education) -> Value {
    let mut o = Obj::new();
    o.put_str("institution", e.institution.as_deref());
    o.put_str("area", e.field.as_deref());
    o.put_str("studyType", e.degree.as_deref());
    // A degree's single date is when it was granted: an end, not a start.
    o.put_date("startDate", e.start.as_deref());
    o.put_date("endDate", e.end.as_deref());
    o.put_str("location", e.location.as_deref());
    o.put("advisors", e.advisors.clone());
    o.put_str("thesis", e.thesis.as_deref());
    let mut notes = Vec::new();
    let mut courses = Vec::new();
    let mut score = None;
    for n in &e.notes {
        if let (None, Some(s)) = (&score, score_of(n)) {
            score = Some(s);
        } else if let Some(c) = courses_of(n) {
            courses.extend(c);
        } else {
            notes.push(n.clone());
        }
    }
    o.put("score", score);
    o.put("courses", courses);
    o.put("notes", notes);
    o.put_str("datesText", e.dates_text.as_deref());
    o.done()
}

fn award(a: &crate::profile::Award) -> Value {
    let mut o = Obj::new();
    o.put_str("title", a.title.as_deref());
    o.put_date("date", a.date.as_deref());
    o.put_str("awarder", a.awarder.as_deref());
    o.put("summary", a.notes.join("; "));
    o.done()
}

fn publication(x: &crate::profile::Publication) -> Value {
    let mut o = Obj::new();
    o.put_str("name", x.title.as_deref());
    o.put_str("publisher", x.venue.as_deref().or(x.venue_short.as_deref()));
    if let Some(y) = x.year {
        o.put_date("releaseDate", Some(&format!("{y:04}")));
    }
    let url = x.links.iter().find_map(|l| fmt::absolute_uri(&l.url));
    o.put("url", url);
    o.put("summary", x.notes.join("; "));
    o.put("authors", x.authors.clone());
    o.put("type", camel(&x.kind));
    o.put_str("key", x.key.as_deref());
    o.put_str("venue", x.venue.as_deref());
    o.put_str("venueShort", x.venue_short.as_deref());
    o.put("year", x.year);
    o.put("links", links_value(&x.links));
    o.done()
}

fn skill(s: &crate::profile::Skill) -> Value {
    let mut o = Obj::new();
    o.put_str("name", s.name.as_deref());
    o.put("keywords", s.keywords.clone());
    o.done()
}

fn project(x: &crate::profile::Project) -> Value {
    let mut o = Obj::new();
    o.put_str("name", x.name.as_deref());
    o.put_str("description", x.summary.as_deref());
    put_period(&mut o, x.start.as_deref(), x.end.as_deref());
    o.put_url("url", x.url.as_deref());
    if let Some(r) = x.role.as_deref() {
        o.put("roles", vec![r.to_string()]);
    }
    o.put_str("entity", x.funder.as_deref());
    // JSON Resume's `type` is free text that themes print: none for "other".
    o.put(
        "type",
        match x.kind {
            ProjectKind::Grant => Some("grant"),
            ProjectKind::Software => Some("software"),
            ProjectKind::Other => None,
        },
    );
    o.put_str("amount", x.amount.as_deref());
    o.put("partners", x.partners.clone());
    o.put_str("datesText", x.dates_text.as_deref());
    if x.url.is_some() && x.url.as_deref().and_then(fmt::absolute_uri).is_none() {
        o.put_str("urlText", x.url.as_deref());
    }
    o.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Format, Source, Work};

    fn profile() -> Profile {
        Profile::new(Source {
            file: "cv.pdf".into(),
            format: Format::Pdf,
            pages: Some(1),
            sha256: "0".repeat(64),
            title: None,
        })
    }

    #[test]
    fn present_is_no_end_and_a_lone_date_is_not_ongoing() {
        let mut p = profile();
        p.work.push(Work {
            organization: Some("NVIDIA".into()),
            start: Some("2024-01".into()),
            end: Some("present".into()),
            ..Default::default()
        });
        p.work.push(Work {
            organization: Some("CafeYab".into()),
            start: Some("2013".into()),
            dates_text: Some("Fall-2013".into()),
            ..Default::default()
        });
        let v = to_value(&p);
        assert_eq!(v["work"][0]["startDate"], "2024-01");
        assert!(v["work"][0].get("endDate").is_none());
        assert_eq!(v["work"][1]["startDate"], "2013");
        assert!(v["work"][1].get("endDate").is_none());
        assert_eq!(v["work"][1]["datesText"], "Fall-2013");
    }

    #[test]
    fn gpa_and_coursework_have_their_fields() {
        let mut p = profile();
        p.education.push(crate::profile::Education {
            institution: Some("KTH".into()),
            notes: vec![
                "GPA: 3.9/4.0".into(),
                "Relevant coursework: Operating Systems, Networks; Compilers".into(),
                "Graduated with honours".into(),
            ],
            ..Default::default()
        });
        let v = to_value(&p);
        let e = &v["education"][0];
        assert_eq!(e["score"], "3.9/4.0");
        assert_eq!(
            e["courses"],
            json!(["Operating Systems", "Networks", "Compilers"])
        );
        assert_eq!(e["notes"], json!(["Graduated with honours"]));
        assert_eq!(
            score_of("Grade 1.3 (very good)").as_deref(),
            Some("1.3 (very good)")
        );
        assert!(score_of("Graduated in 2019").is_none());
        assert!(courses_of("Course of study: physics").is_none());
    }

    #[test]
    fn extension_keys_are_announced() {
        let mut p = profile();
        assert!(extension_note(&p).is_none());
        p.talks.push(Default::default());
        p.talks.push(Default::default());
        let n = extension_note(&p).unwrap();
        assert!(n.contains("talks (2)"), "{n}");
    }

    #[test]
    fn nothing_null_and_extensions_camel_case() {
        let mut p = profile();
        p.patents.push(crate::profile::Patent {
            title: Some("Packets".into()),
            application_numbers: vec!["PCT/SE2023/050880".into()],
            ..Default::default()
        });
        let v = to_value(&p);
        assert_eq!(
            v["patents"][0]["applicationNumbers"][0],
            "PCT/SE2023/050880"
        );
        assert!(v["patents"][0].get("key").is_none());
        assert!(v.get("work").is_none());
        assert_eq!(v["meta"]["vitae"]["source"]["file"], "cv.pdf");
        let s = to_string(&p);
        assert!(!s.contains("null"), "{s}");
    }
}
