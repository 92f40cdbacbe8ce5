//! The profile contract (`vitae/profile@1`, see `shared/spec/profile.md`).
//!
//! These serde types are the source of truth: the JSON Schema in `schema/` is
//! generated from them, and field order here is the order in the JSON.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const SCHEMA_ID: &str = "vitae/profile@1";

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub schema: String,
    pub source: Source,
    pub basics: Basics,
    pub sections: Vec<SectionInfo>,
    pub work: Vec<Work>,
    pub education: Vec<Education>,
    pub publications: Vec<Publication>,
    pub patents: Vec<Patent>,
    pub projects: Vec<Project>,
    pub awards: Vec<Award>,
    pub service: Vec<Service>,
    pub talks: Vec<Talk>,
    pub teaching: Vec<Teaching>,
    pub mentees: Vec<Mentee>,
    pub skills: Vec<Skill>,
    pub languages: Vec<Language>,
    pub interests: Vec<String>,
    pub other: Vec<OtherSection>,
    pub diagnostics: Diagnostics,
}

impl Profile {
    pub fn new(source: Source) -> Self {
        Profile {
            schema: SCHEMA_ID.to_string(),
            source,
            basics: Basics::default(),
            sections: vec![],
            work: vec![],
            education: vec![],
            publications: vec![],
            patents: vec![],
            projects: vec![],
            awards: vec![],
            service: vec![],
            talks: vec![],
            teaching: vec![],
            mentees: vec![],
            skills: vec![],
            languages: vec![],
            interests: vec![],
            other: vec![],
            diagnostics: Diagnostics::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Markdown,
    Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name without folders.
    pub file: String,
    pub format: Format,
    pub pages: Option<u32>,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// PDF metadata title or front matter title.
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Basics {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Personal site, with scheme.
    pub url: Option<String>,
    pub location: Option<String>,
    pub profiles: Vec<SocialProfile>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SocialProfile {
    /// `GitHub`, `LinkedIn`, `Twitter`, `Google Scholar`, `ORCID`, `DBLP`, `YouTube`, ...
    pub network: String,
    pub username: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Summary,
    Work,
    Education,
    Publications,
    Patents,
    Projects,
    Awards,
    Service,
    Talks,
    Teaching,
    Mentees,
    Skills,
    Languages,
    Interests,
    Other,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Work => "work",
            SectionKind::Education => "education",
            SectionKind::Publications => "publications",
            SectionKind::Patents => "patents",
            SectionKind::Projects => "projects",
            SectionKind::Awards => "awards",
            SectionKind::Service => "service",
            SectionKind::Talks => "talks",
            SectionKind::Teaching => "teaching",
            SectionKind::Mentees => "mentees",
            SectionKind::Skills => "skills",
            SectionKind::Languages => "languages",
            SectionKind::Interests => "interests",
            SectionKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionInfo {
    pub kind: SectionKind,
    /// The title as written (cleaned).
    pub title: String,
    /// 1-based line in the cleaned text where the section starts.
    pub line: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Work {
    pub organization: Option<String>,
    pub unit: Option<String>,
    pub position: Option<String>,
    pub location: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub dates_text: Option<String>,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Education {
    pub institution: Option<String>,
    pub location: Option<String>,
    /// As written: `Ph.D.`, `M.Sc.`, `B.Sc.`
    pub degree: Option<String>,
    pub field: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub dates_text: Option<String>,
    /// Names without titles (`Prof.`, `Dr.`).
    pub advisors: Vec<String>,
    pub thesis: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PublicationType {
    Conference,
    Journal,
    Workshop,
    Preprint,
    Report,
    Thesis,
    Book,
    Chapter,
    Poster,
    Talk,
    #[default]
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// The printed label without brackets (`C1`), or null.
    pub key: Option<String>,
    #[serde(rename = "type")]
    pub kind: PublicationType,
    pub authors: Vec<String>,
    pub title: Option<String>,
    pub venue: Option<String>,
    /// The venue's acronym (`NSDI`).
    pub venue_short: Option<String>,
    pub year: Option<i32>,
    pub notes: Vec<String>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Patent {
    pub key: Option<String>,
    pub inventors: Vec<String>,
    pub title: Option<String>,
    /// The `(Other name: …)` title.
    pub other_title: Option<String>,
    /// As written: `PCT Application`, `US Patent Application`, ...
    pub kind: Option<String>,
    pub application_numbers: Vec<String>,
    pub filed: Option<String>,
    /// Granted patent numbers (`US12111766B2`).
    pub granted: Vec<String>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ProjectKind {
    Grant,
    Software,
    #[default]
    Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: Option<String>,
    pub kind: ProjectKind,
    pub summary: Option<String>,
    pub role: Option<String>,
    pub amount: Option<String>,
    pub funder: Option<String>,
    pub partners: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub dates_text: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub date: Option<String>,
    pub title: Option<String>,
    pub awarder: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub date: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Talk {
    pub date: Option<String>,
    pub title: Option<String>,
    pub event: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Teaching {
    pub course: Option<String>,
    pub role: Option<String>,
    /// The term as written (`Spring '24`).
    pub term: Option<String>,
    pub date: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mentee {
    pub name: Option<String>,
    pub url: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub name: Option<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub language: String,
    pub fluency: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OtherSection {
    pub title: String,
    /// Clean text, links as `text (url)`.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Diagnostics {
    pub icon_glyphs: usize,
    pub html_tags: usize,
    pub html_entities: usize,
    pub mojibake_fixes: usize,
    pub latex_commands: usize,
    pub liquid_tags: usize,
    pub dotted_leaders: usize,
    pub markdown_escapes: usize,
    pub ligatures: usize,
    pub hyphenations_joined: usize,
    pub header_footer_lines: usize,
    pub page_numbers: usize,
    pub warnings: Vec<Warning>,
    /// How much of the document the parse placed; `default` so that a profile
    /// written before this block existed still loads (`vitae homepage`).
    #[serde(default)]
    pub quality: Quality,
}

/// A summary of how well the parse went, computed from the finished profile:
/// what a reviewer of a large import sorts by.
///
/// `score` (0 to 1, three decimals) is 0.15 × name_found, plus 0.15 ×
/// (sections_found > 0), plus 0.40 × lines_in_fields / content_lines, plus
/// 0.30 × complete entries / entries, where entries are counted over every kind but `skills` and `languages`
/// (lists of words, always complete); a ratio with nothing to count is 0.
/// A document with a name, sections, every line in fields and every entry
/// complete scores 1.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Non-blank lines of the cleaned text inside sections (after the
    /// preamble; section title lines not counted).
    pub content_lines: usize,
    /// Content lines whose words are mostly (at least half of them) in the
    /// profile's fields: everything but `notes`, `other`, `sections`, `source`
    /// and `diagnostics`.
    pub lines_in_fields: usize,
    /// The other content lines: in an `other` section, or whose words are
    /// mostly only in notes, `other` or nowhere (text the parsers dropped).
    /// `lines_in_fields + lines_in_notes_or_other = content_lines`.
    pub lines_in_notes_or_other: usize,
    /// Entries per kind, and how many lack their primary fields.
    pub entries: EntryCounts,
    pub name_found: bool,
    pub sections_found: usize,
    pub score: f64,
}

/// Entries per kind; `incomplete` counts those missing a primary field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntryCounts {
    /// Incomplete: no organization, position or start.
    pub work: KindCount,
    /// Incomplete: no institution or degree.
    pub education: KindCount,
    /// Incomplete: no title, authors or year.
    pub publications: KindCount,
    /// Incomplete: no title.
    pub patents: KindCount,
    /// Incomplete: no name.
    pub projects: KindCount,
    /// Incomplete: no title.
    pub awards: KindCount,
    /// Incomplete: neither role nor organization.
    pub service: KindCount,
    /// Incomplete: no title or event.
    pub talks: KindCount,
    /// Incomplete: no course.
    pub teaching: KindCount,
    /// Incomplete: no name.
    pub mentees: KindCount,
    /// Incomplete: no keywords.
    pub skills: KindCount,
    /// Never incomplete (the language is required).
    pub languages: KindCount,
}

impl EntryCounts {
    /// Each kind's counts, by the kind's key, in field order.
    pub fn by_kind(&self) -> [(&'static str, KindCount); 12] {
        [
            ("work", self.work),
            ("education", self.education),
            ("publications", self.publications),
            ("patents", self.patents),
            ("projects", self.projects),
            ("awards", self.awards),
            ("service", self.service),
            ("talks", self.talks),
            ("teaching", self.teaching),
            ("mentees", self.mentees),
            ("skills", self.skills),
            ("languages", self.languages),
        ]
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KindCount {
    pub entries: usize,
    pub incomplete: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub line: Option<usize>,
}

/// The profile in `bytes` when they are a JSON object (a profile written by
/// `vitae parse`, or one written or corrected by hand); `None` when they are
/// something else, to be parsed as a CV.
///
/// The object is read as it is, never re-parsed: a missing field takes its
/// empty value (null, `[]`, `{}`; `type`/`kind` `other`), so a hand-written
/// profile needs only what it has. Missing fields are filled here instead of
/// by `#[serde(default)]` on the types because the JSON Schema, generated from
/// them, is the contract of vitae's output, where every field is present. An
/// unknown key, a wrong type or another `schema` is an error naming the key.
pub fn from_json_bytes(bytes: &[u8]) -> Result<Option<Profile>, crate::Error> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').trim_start(),
        Err(_) => return Ok(None),
    };
    if !text.starts_with('{') {
        return Ok(None);
    }
    // Not JSON at all (a Markdown CV opening with a Liquid `{% ... %}`): a CV.
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(None);
    };
    let err = |message: String| crate::Error {
        kind: "profile_json",
        message: format!("not a {SCHEMA_ID} profile JSON: {message}"),
    };
    if let Some(schema) = value.get("schema") {
        if schema.as_str() != Some(SCHEMA_ID) {
            return Err(err(format!("`schema` is {schema}, not \"{SCHEMA_ID}\"")));
        }
    }
    fill_at(&mut value, &profile_defaults(), "", "", &element_default).map_err(err)?;
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| err(e.to_string()))
}

/// The whole profile with every field at its empty value.
fn profile_defaults() -> serde_json::Value {
    let p = Profile::new(Source {
        file: String::new(),
        format: Format::Text,
        pages: None,
        sha256: String::new(),
        title: None,
    });
    serde_json::to_value(p).unwrap_or_default()
}

/// The empty entry of the list at `path` (keys joined by `.`, indexes left out).
fn element_default(path: &str) -> Option<serde_json::Value> {
    let link = || Link {
        label: String::new(),
        url: String::new(),
    };
    let v = match path {
        "sections" => serde_json::to_value(SectionInfo {
            kind: SectionKind::Other,
            title: String::new(),
            line: 0,
        }),
        "work" => serde_json::to_value(Work::default()),
        "education" => serde_json::to_value(Education::default()),
        "publications" => serde_json::to_value(Publication::default()),
        "patents" => serde_json::to_value(Patent::default()),
        "projects" => serde_json::to_value(Project::default()),
        "awards" => serde_json::to_value(Award::default()),
        "service" => serde_json::to_value(Service::default()),
        "talks" => serde_json::to_value(Talk::default()),
        "teaching" => serde_json::to_value(Teaching::default()),
        "mentees" => serde_json::to_value(Mentee::default()),
        "skills" => serde_json::to_value(Skill::default()),
        "languages" => serde_json::to_value(Language::default()),
        "other" => serde_json::to_value(OtherSection::default()),
        "basics.profiles" => serde_json::to_value(SocialProfile {
            network: String::new(),
            username: None,
            url: None,
        }),
        "publications.links" | "patents.links" => serde_json::to_value(link()),
        "diagnostics.warnings" => serde_json::to_value(Warning {
            code: String::new(),
            message: String::new(),
            line: None,
        }),
        _ => return None,
    };
    v.ok()
}

/// Give `value` every key of `default` it lacks, recursively; lists of
/// objects get each entry filled from `element(path)`. `at` is where `value`
/// is, for messages (`work[2].position`); `path` the same without indexes.
fn fill_at(
    value: &mut serde_json::Value,
    default: &serde_json::Value,
    at: &str,
    path: &str,
    element: &dyn Fn(&str) -> Option<serde_json::Value>,
) -> Result<(), String> {
    use serde_json::Value;
    let join = |a: &str, k: &str| {
        if a.is_empty() {
            k.to_string()
        } else {
            format!("{a}.{k}")
        }
    };
    match (value, default) {
        (Value::Object(map), Value::Object(want)) => {
            if let Some(k) = map.keys().find(|k| !want.contains_key(*k)) {
                return Err(format!("unknown key `{}`", join(at, k)));
            }
            for (k, d) in want {
                let (at, path) = (join(at, k), join(path, k));
                match map.get_mut(k) {
                    Some(v) => fill_at(v, d, &at, &path, element)?,
                    None => {
                        map.insert(k.clone(), d.clone());
                    }
                }
            }
        }
        (Value::Array(items), Value::Array(_)) => {
            if let Some(d) = element(path) {
                for (i, item) in items.iter_mut().enumerate() {
                    fill_at(item, &d, &format!("{at}[{i}]"), path, element)?;
                }
            }
        }
        // A scalar, or a type the deserializer will name as wrong.
        _ => {}
    }
    Ok(())
}

/// Trim every text of the profile and collapse runs of spaces (paragraph breaks
/// in prose stay): the contract's "single spaces" holds whatever a parser
/// joined or cut. `source` and `diagnostics` are left as they are.
pub fn tidy_strings(p: &mut Profile) {
    let Ok(mut v) = serde_json::to_value(&*p) else {
        return;
    };
    let mut changed = false;
    if let serde_json::Value::Object(map) = &mut v {
        for (k, val) in map.iter_mut() {
            if k != "source" && k != "diagnostics" {
                tidy_value(val, &mut changed);
            }
        }
    }
    if changed {
        if let Ok(t) = serde_json::from_value(v) {
            *p = t;
        }
    }
}

fn tidy_value(v: &mut serde_json::Value, changed: &mut bool) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(t) = tidy(s) {
                *s = t;
                *changed = true;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| tidy_value(x, changed)),
        serde_json::Value::Object(m) => m.values_mut().for_each(|x| tidy_value(x, changed)),
        _ => {}
    }
}

/// The tidied text, or `None` when it is tidy already.
fn tidy(s: &str) -> Option<String> {
    let untidy = s != s.trim()
        || s.contains("  ")
        || s.contains(" \n")
        || s.contains("\n ")
        || s.contains('\t');
    if !untidy {
        return None;
    }
    let paras: Vec<String> = s
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    Some(paras.join("\n").trim().to_string())
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn a_profile_json_is_read_as_it_is_with_defaults() {
        assert!(from_json_bytes(b"# Jane Doe\n\n## Education\n")
            .unwrap()
            .is_none());
        assert!(from_json_bytes(b"{% raw %} not json").unwrap().is_none());
        let p = from_json_bytes(
            br#"{"basics": {"name": "Jane Doe"},
                "publications": [{"title": "A Paper", "links": [{"label": "PDF", "url": "https://x.org/a.pdf"}]}]}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.schema, SCHEMA_ID);
        assert_eq!(p.basics.name.as_deref(), Some("Jane Doe"));
        assert_eq!(p.publications[0].kind, PublicationType::Other);
        assert_eq!(p.publications[0].links[0].label, "PDF");
        assert!(p.work.is_empty() && p.publications[0].authors.is_empty());
        // What vitae wrote comes back the same.
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(from_json_bytes(json.as_bytes()).unwrap(), Some(p));
    }

    #[test]
    fn a_wrong_profile_json_names_the_key() {
        let e = from_json_bytes(br#"{"work": [{}, {"title": "Engineer"}]}"#).unwrap_err();
        assert_eq!(e.kind, "profile_json");
        assert!(e.message.contains("`work[1].title`"), "{}", e.message);
        let e = from_json_bytes(br#"{"schema": "vitae/profile@2"}"#).unwrap_err();
        assert!(e.message.contains("vitae/profile@2"), "{}", e.message);
        let e = from_json_bytes(br#"{"basics": {"name": 3}}"#).unwrap_err();
        assert!(e.message.contains("invalid type"), "{}", e.message);
    }
}

#[cfg(test)]
mod tidy_tests {
    use super::tidy;

    #[test]
    fn trims_and_collapses_but_keeps_paragraphs() {
        assert_eq!(tidy("Title "), Some("Title".into()));
        assert_eq!(tidy("a  b"), Some("a b".into()));
        assert_eq!(tidy("one \n\n two"), Some("one\n\ntwo".into()));
        assert_eq!(tidy("clean"), None);
    }
}
