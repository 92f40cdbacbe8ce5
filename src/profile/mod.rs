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

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
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
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
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

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ProjectKind {
    Grant,
    Software,
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
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
