//! The profile as a homepage: a Jekyll `about.md` (like the seeds), the
//! academicpages theme's pages and publication files, or one self-contained
//! HTML page.
//!
//! Rust builds a view of the profile (display dates, the owner's name marked
//! among authors, safe links, the sections present with conventional titles);
//! minijinja templates lay it out. The built-in templates are embedded in the
//! binary, and a folder given by the user overrides any of them by file name.
//! Markdown templates (`*.md.jinja`) escape every value for Markdown, HTML
//! templates (`*.html.jinja`) for HTML.

use super::fmt::{self, Owner};
use crate::profile::{Profile, ProjectKind, PublicationType};
use minijinja::{AutoEscape, Environment, Value};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Which homepage to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `about.md` for a plain Jekyll site (the seeds' form).
    Jekyll,
    /// `_pages/about.md`, `_pages/cv.md`, `_publications/*.md` for academicpages.
    Academicpages,
    /// One self-contained `index.html`.
    Html,
}

/// The built-in templates, by the file name that overrides them.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "sections.md.jinja",
        include_str!("templates/sections.md.jinja"),
    ),
    (
        "jekyll-about.md.jinja",
        include_str!("templates/jekyll-about.md.jinja"),
    ),
    (
        "academicpages-about.md.jinja",
        include_str!("templates/academicpages-about.md.jinja"),
    ),
    (
        "academicpages-cv.md.jinja",
        include_str!("templates/academicpages-cv.md.jinja"),
    ),
    (
        "academicpages-publication.md.jinja",
        include_str!("templates/academicpages-publication.md.jinja"),
    ),
    (
        "academicpages-item.md.jinja",
        include_str!("templates/academicpages-item.md.jinja"),
    ),
    (
        "index.html.jinja",
        include_str!("templates/index.html.jinja"),
    ),
];

/// One file of the homepage, its path relative to the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub content: String,
}

/// What [`render`] made.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// Templates taken from the user's folder instead of the built-in ones.
    pub overridden: Vec<String>,
    /// What the user should do with the files (printed by the CLI).
    pub notes: Vec<String>,
}

/// Render the homepage of a profile. `templates` is a folder whose files
/// replace built-in templates of the same name.
pub fn render(
    profile: &Profile,
    style: Style,
    templates: Option<&Path>,
) -> Result<Rendered, crate::Error> {
    let used = Arc::new(Mutex::new(Vec::new()));
    let env = environment(templates.map(Path::to_path_buf), used.clone());
    let view = View::new(profile, style);
    let mut files = Vec::new();
    let page = |name: &str, ctx: Value| -> Result<String, crate::Error> {
        let t = env.get_template(name).map_err(template_error)?;
        let out = t.render(ctx).map_err(template_error)?;
        Ok(if name.ends_with(".md.jinja") {
            tidy_markdown(&out)
        } else {
            out
        })
    };
    match style {
        Style::Jekyll => {
            files.push(OutputFile {
                path: "about.md".into(),
                content: page("jekyll-about.md.jinja", Value::from_serialize(&view))?,
            });
        }
        Style::Academicpages => {
            files.push(OutputFile {
                path: Path::new("_pages").join("about.md"),
                content: page("academicpages-about.md.jinja", Value::from_serialize(&view))?,
            });
            files.push(OutputFile {
                path: Path::new("_pages").join("cv.md"),
                content: page("academicpages-cv.md.jinja", Value::from_serialize(&view))?,
            });
            for p in &view.publications {
                let ctx = minijinja::context! { p => Value::from_serialize(p), basics => Value::from_serialize(&view.basics) };
                files.push(OutputFile {
                    path: Path::new("_publications").join(format!("{}.md", p.file)),
                    content: page("academicpages-publication.md.jinja", ctx)?,
                });
            }
            for x in collection_items(profile) {
                let ctx = minijinja::context! { x => Value::from_serialize(&x) };
                files.push(OutputFile {
                    path: Path::new(&format!("_{}", x.collection)).join(format!("{}.md", x.file)),
                    content: page("academicpages-item.md.jinja", ctx)?,
                });
            }
            // The theme's JSON CV page (`_pages/cv-json.md`) reads JSON Resume here.
            files.push(OutputFile {
                path: Path::new("_data").join("cv.json"),
                content: super::jsonresume::to_string(profile),
            });
            files.push(OutputFile {
                path: CONFIG_FILE.into(),
                content: config_snippet(profile),
            });
        }
        Style::Html => {
            files.push(OutputFile {
                path: "index.html".into(),
                content: page("index.html.jinja", Value::from_serialize(&view))?,
            });
        }
    }
    let mut overridden = used.lock().map(|v| v.clone()).unwrap_or_default();
    overridden.sort();
    overridden.dedup();
    let notes = match style {
        Style::Academicpages => vec![format!(
            "{CONFIG_FILE} holds the author block and publication categories: merge it into \
             _config.yml (which is left alone), or build with `jekyll build --config \
             _config.yml,{CONFIG_FILE}`"
        )],
        _ => vec![],
    };
    Ok(Rendered {
        files,
        overridden,
        notes,
    })
}

fn template_error(e: minijinja::Error) -> crate::Error {
    // `{:#}` adds where in which template the error is.
    let message = format!("template error: {e:#}");
    crate::Error {
        kind: "template",
        message,
    }
}

fn builtin(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

fn environment(dir: Option<PathBuf>, used: Arc<Mutex<Vec<String>>>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|name| {
        let name = name
            .strip_suffix(".jinja")
            .or_else(|| name.strip_suffix(".j2"))
            .unwrap_or(name);
        if name.ends_with(".md") {
            AutoEscape::Custom("markdown")
        } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xml") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        // A missing value prints as nothing (not "none") in every template.
        if value.is_none() || value.is_undefined() {
            return Ok(());
        }
        if value.is_safe() {
            return minijinja::escape_formatter(out, state, value);
        }
        let escaped = match state.auto_escape() {
            AutoEscape::Custom("markdown") => fmt::md_escape(&value.to_string()),
            // minijinja's own HTML escaping also encodes `/`, which makes URLs hard to read.
            AutoEscape::Html => html_attr(&value.to_string()),
            _ => return minijinja::escape_formatter(out, state, value),
        };
        out.write_str(&escaped).map_err(minijinja::Error::from)
    });
    env.add_filter("mdurl", |s: String| {
        Value::from_safe_string(fmt::md_url(&s))
    });
    // Prose whose links were kept as "Watch (https://...)": the word before
    // the parenthesis becomes the link; a bare URL links to itself (kramdown
    // does not autolink). Text is escaped for the template's language.
    env.add_filter("linked", |state: &minijinja::State, s: String| {
        let markdown = matches!(state.auto_escape(), AutoEscape::Custom("markdown"));
        Value::from_safe_string(linked(&s, markdown))
    });
    // A front matter value: a YAML string that is also safe where a theme prints it as HTML.
    env.add_filter("fm", |s: String| {
        Value::from_safe_string(fmt::yaml_str(&html_text(&s)))
    });
    env.add_global("br", Value::from_safe_string("  ".to_string()));
    env.set_loader(move |name| {
        // Names come from templates; only plain file names are looked up.
        if name.contains(['/', '\\']) || name.starts_with('.') {
            return Ok(None);
        }
        if let Some(dir) = &dir {
            let p = dir.join(name);
            if p.is_file() {
                let text = std::fs::read_to_string(&p).map_err(|e| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("cannot read template {}: {e}", p.display()),
                    )
                })?;
                if let Ok(mut u) = used.lock() {
                    u.push(name.to_string());
                }
                return Ok(Some(text));
            }
        }
        Ok(builtin(name).map(str::to_string))
    });
    env
}

/// Blank lines as Markdown wants them, whatever the template's whitespace:
/// a line of spaces is blank, blank lines come one at a time, none at the
/// start, and the file ends with one newline. Hard breaks (two spaces after
/// text) stay.
fn tidy_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = true;
    for line in s.lines() {
        if line.trim().is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

crate::patterns::re!(
    prose_link_re,
    r"([^\s()]+) \((https?://[^\s()]+)\)|(?:^|[\s(\[])(https?://[^\s<>\x22]+)"
);

/// Text with its links made links: `Label (https://…)` links the label, a
/// bare URL links itself (trailing punctuation and an unopened `)` left out);
/// an unsafe URL stays text. Escaped for Markdown or HTML.
fn linked(s: &str, markdown: bool) -> String {
    let text = |t: &str| {
        if markdown {
            fmt::md_escape(t)
        } else {
            html_attr(t)
        }
    };
    let link = |label: &str, url: &str| {
        if markdown {
            format!("[{}]({})", text(label), fmt::md_url(url))
        } else {
            format!("<a href=\"{}\">{}</a>", html_attr(url), text(label))
        }
    };
    let mut out = String::new();
    let mut last = 0;
    for c in prose_link_re().captures_iter(s) {
        let (start, end, label, raw) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(label), Some(url), _) => {
                (label.start(), url.end() + 1, label.as_str(), url.as_str())
            }
            (_, _, Some(url)) => {
                let u = trim_url(url.as_str());
                (url.start(), url.start() + u.len(), u, u)
            }
            _ => continue,
        };
        if start < last {
            continue;
        }
        let Some(url) = fmt::safe_url(raw) else {
            continue;
        };
        out.push_str(&text(&s[last..start]));
        out.push_str(&link(label, &url));
        last = end;
    }
    out.push_str(&text(&s[last..]));
    out
}

/// A bare URL without the punctuation that ends its sentence, and without a
/// closing parenthesis it did not open (`(see https://x.org/a)`).
fn trim_url(u: &str) -> &str {
    let mut u = u.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’', '"']);
    while u.ends_with([')', ']']) {
        let (open, close) = if u.ends_with(')') {
            ('(', ')')
        } else {
            ('[', ']')
        };
        if u.matches(open).count() >= u.matches(close).count() {
            break;
        }
        u = u[..u.len() - 1].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    }
    u
}

/// Text safe in HTML content and in quoted attribute values.
fn html_attr(s: &str) -> String {
    html_text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

/// `&`, `<`, `>` as character references.
fn html_text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

// ---------------------------------------------------------------------------
// The view: what templates see.

#[derive(Serialize)]
struct View {
    generator: String,
    lang: &'static str,
    source: SourceV,
    basics: BasicsV,
    sections: Vec<SectionV>,
    /// Every publication (also inside `sections`), for per-publication pages.
    publications: Vec<PubV>,
}

#[derive(Serialize)]
struct SourceV {
    file: String,
    format: &'static str,
}

#[derive(Serialize, Clone)]
struct BasicsV {
    name: Option<String>,
    headline: Option<String>,
    /// Paragraphs.
    summary: Vec<String>,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
    location: Option<String>,
    /// Contact links: e-mail, homepage, profiles.
    links: Vec<LinkV>,
}

#[derive(Serialize, Clone)]
struct LinkV {
    label: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct Person {
    name: String,
    owner: bool,
}

#[derive(Serialize)]
struct SectionV {
    kind: &'static str,
    title: String,
    /// An HTML id.
    id: String,
    entries: Vec<Value>,
}

#[derive(Serialize, Clone)]
struct PubV {
    key: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    title: Option<String>,
    /// A link whose label is the title (homepages link titles): the title is
    /// the link, and it is not repeated among `links`.
    title_url: Option<String>,
    authors: Vec<Person>,
    venue: Option<String>,
    venue_short: Option<String>,
    year: Option<i32>,
    /// `Venue, Year` (the year left out when the venue already names it).
    venue_year: Option<String>,
    links: Vec<LinkV>,
    notes: Vec<String>,
    /// `YYYY-01-01`, the date academicpages sorts by.
    date: Option<String>,
    /// academicpages' `publication_category` key (see [`category`]).
    category: &'static str,
    /// File stem of the academicpages publication page.
    file: String,
    permalink: String,
    paperurl: Option<String>,
    slidesurl: Option<String>,
    citation: String,
    excerpt: Option<String>,
}

#[derive(Serialize)]
struct WorkV {
    organization: Option<String>,
    unit: Option<String>,
    position: Option<String>,
    location: Option<String>,
    dates: Option<String>,
    summary: Option<String>,
    highlights: Vec<String>,
}

#[derive(Serialize)]
struct EduV {
    institution: Option<String>,
    degree: Option<String>,
    field: Option<String>,
    location: Option<String>,
    dates: Option<String>,
    thesis: Option<String>,
    advisors: Vec<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct PatentV {
    key: Option<String>,
    title: Option<String>,
    other_title: Option<String>,
    inventors: Vec<Person>,
    /// `PCT Application PCT/SE2023/050880`.
    application: Option<String>,
    filed: Option<String>,
    granted: Vec<String>,
    links: Vec<LinkV>,
}

#[derive(Serialize)]
struct ProjectV {
    name: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    role: Option<String>,
    funder: Option<String>,
    amount: Option<String>,
    partners: Vec<String>,
    dates: Option<String>,
}

#[derive(Serialize)]
struct DatedV {
    /// The main text: an award's title, a talk's title, a course, a service role.
    title: Option<String>,
    /// The second text: awarder, event, organization.
    detail: Option<String>,
    /// Teaching: the role.
    role: Option<String>,
    date: Option<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct MenteeV {
    name: Option<String>,
    url: Option<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct SkillV {
    name: Option<String>,
    keywords: Vec<String>,
}

#[derive(Serialize)]
struct LanguageV {
    language: String,
    fluency: Option<String>,
}

impl View {
    fn new(p: &Profile, style: Style) -> View {
        let owner = Owner::of(p);
        let people = |names: &[String]| -> Vec<Person> {
            names
                .iter()
                .map(|n| Person {
                    name: n.clone(),
                    owner: owner.as_ref().is_some_and(|o| o.matches(n)),
                })
                .collect()
        };
        let publications = publications(p, &people);
        let mut sections = Vec::new();
        let mut push = |kind: &'static str, title: &str, entries: Vec<Value>| {
            if !entries.is_empty() {
                sections.push(SectionV {
                    kind,
                    title: title.to_string(),
                    id: String::new(),
                    entries,
                });
            }
        };
        // The Jekyll about page lists a selection as the seeds do; a CV page and
        // the standalone page list them all.
        let pub_title = if style == Style::Jekyll {
            "Selected Publications"
        } else {
            "Publications"
        };
        push("publications", pub_title, values(&publications));
        push("work", "Work Experience", values(&work(p)));
        push("education", "Education", values(&education(p)));
        push("patents", "Patents", values(&patents(p, &people)));
        for (kind, title) in [
            (ProjectKind::Grant, "Funded Projects"),
            (ProjectKind::Software, "Software"),
            (ProjectKind::Other, "Projects"),
        ] {
            push("projects", title, values(&projects(p, kind)));
        }
        push("awards", "Awards", values(&awards(p)));
        push("talks", "Talks", values(&talks(p)));
        push("teaching", "Teaching", values(&teaching(p)));
        push("service", "Service", values(&service(p)));
        push("mentees", "Mentees", values(&mentees(p)));
        push(
            "skills",
            "Skills",
            values(
                &p.skills
                    .iter()
                    .filter(|s| s.name.is_some() || !s.keywords.is_empty())
                    .map(|s| SkillV {
                        name: s.name.clone(),
                        keywords: s.keywords.clone(),
                    })
                    .collect::<Vec<_>>(),
            ),
        );
        push(
            "languages",
            "Languages",
            values(
                &p.languages
                    .iter()
                    .map(|l| LanguageV {
                        language: l.language.clone(),
                        fluency: l.fluency.clone(),
                    })
                    .collect::<Vec<_>>(),
            ),
        );
        push("interests", "Interests", values(&p.interests));
        for o in &p.other {
            let items: Vec<&String> = o.items.iter().filter(|i| !i.trim().is_empty()).collect();
            if !o.title.trim().is_empty() {
                push("other", o.title.trim(), values(&items));
            }
        }
        // "about" is the summary's section in the HTML page.
        let mut ids = HashSet::from(["about".to_string()]);
        for s in &mut sections {
            s.id = unique(&mut ids, fmt::slugify(&s.title, 40), "section");
        }
        View {
            generator: format!("vitae {}", env!("CARGO_PKG_VERSION")),
            lang: "en",
            source: SourceV {
                file: p.source.file.clone(),
                format: match p.source.format {
                    crate::profile::Format::Pdf => "pdf",
                    crate::profile::Format::Markdown => "markdown",
                    crate::profile::Format::Text => "text",
                },
            },
            basics: basics(p),
            sections,
            publications,
        }
    }
}

fn values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items.iter().map(Value::from_serialize).collect()
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn links(list: &[crate::profile::Link]) -> Vec<LinkV> {
    list.iter()
        .filter_map(|l| {
            let url = fmt::safe_url(&l.url)?;
            let label = l.label.trim();
            // A link needs words to read: the host (or the address) stands in for a missing label.
            let label = if label.is_empty() {
                url.split("://")
                    .nth(1)
                    .unwrap_or(&url)
                    .split('/')
                    .next()
                    .unwrap_or(&url)
                    .to_string()
            } else {
                label.to_string()
            };
            Some(LinkV { label, url })
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unique(seen: &mut HashSet<String>, base: String, fallback: &str) -> String {
    let base = if base.is_empty() {
        fallback.to_string()
    } else {
        base
    };
    let mut s = base.clone();
    let mut n = 2;
    while !seen.insert(s.clone()) {
        s = format!("{base}-{n}");
        n += 1;
    }
    s
}

fn basics(p: &Profile) -> BasicsV {
    let b = &p.basics;
    let summary = b
        .summary
        .as_deref()
        .unwrap_or("")
        .split("\n\n")
        .map(|para| para.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|para| !para.is_empty())
        .collect();
    let mut links = Vec::new();
    if let Some(e) = nonempty(&b.email) {
        links.push(LinkV {
            label: e.clone(),
            url: format!("mailto:{e}"),
        });
    }
    if let Some(u) = nonempty(&b.url).and_then(|u| fmt::safe_url(&u)) {
        links.push(LinkV {
            label: "Homepage".into(),
            url: u,
        });
    }
    for pr in &b.profiles {
        if let Some(u) = pr.url.as_deref().and_then(fmt::safe_url) {
            links.push(LinkV {
                label: pr.network.clone(),
                url: u,
            });
        }
    }
    BasicsV {
        name: nonempty(&b.name),
        headline: nonempty(&b.headline),
        summary,
        email: nonempty(&b.email),
        phone: nonempty(&b.phone),
        url: nonempty(&b.url),
        location: nonempty(&b.location),
        links,
    }
}

fn pub_type(t: PublicationType) -> &'static str {
    match t {
        PublicationType::Conference => "conference",
        PublicationType::Journal => "journal",
        PublicationType::Workshop => "workshop",
        PublicationType::Preprint => "preprint",
        PublicationType::Report => "report",
        PublicationType::Thesis => "thesis",
        PublicationType::Book => "book",
        PublicationType::Chapter => "chapter",
        PublicationType::Poster => "poster",
        PublicationType::Talk => "talk",
        PublicationType::Other => "other",
    }
}

/// The academicpages `category` of a publication type: the theme's
/// publications page lists, under the titles of `publication_category` in
/// `_config.yml` (books, manuscripts, conferences), only publications whose
/// category is one of those keys, so every type maps to one of the three.
fn category(t: PublicationType) -> &'static str {
    match t {
        PublicationType::Book | PublicationType::Chapter => "books",
        PublicationType::Conference
        | PublicationType::Workshop
        | PublicationType::Poster
        | PublicationType::Talk => "conferences",
        PublicationType::Journal
        | PublicationType::Preprint
        | PublicationType::Report
        | PublicationType::Thesis
        | PublicationType::Other => "manuscripts",
    }
}

/// A date as Jekyll front matter wants it (`YYYY-MM-DD`): a partial ISO date
/// gets the first month or day; anything else (`Spring '24`) none.
fn jekyll_date(d: Option<&str>) -> Option<String> {
    let d = d?.trim();
    if !fmt::is_partial_iso(d) {
        return None;
    }
    Some(match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.to_string(),
    })
}

/// The file holding the `_config.yml` additions: written beside it, never
/// over it (the user's `_config.yml` has their own settings).
pub const CONFIG_FILE: &str = "_config.vitae.yml";

/// One page of academicpages' `_talks/` or `_teaching/` collection.
#[derive(Serialize)]
struct ItemV {
    collection: &'static str,
    title: String,
    /// The theme's `type` (`Talk`; for teaching the role or `Course`).
    kind: String,
    venue: Option<String>,
    date: Option<String>,
    file: String,
    permalink: String,
    /// Paragraphs of the body.
    body: Vec<String>,
}

fn collection_items(p: &Profile) -> Vec<ItemV> {
    let mut out = Vec::new();
    let mut item = |files: &mut HashSet<String>,
                    collection: &'static str,
                    title: String,
                    kind: String,
                    venue: Option<String>,
                    date: Option<String>,
                    body: Vec<String>| {
        let slug = fmt::slugify(&title, 50);
        let slug = if slug.is_empty() {
            collection.to_string()
        } else {
            slug
        };
        let stem = match &date {
            Some(d) => format!("{d}-{slug}"),
            None => slug,
        };
        let file = unique(files, stem, collection);
        out.push(ItemV {
            collection,
            title,
            kind,
            venue,
            date,
            permalink: format!("/{collection}/{file}"),
            file,
            body,
        });
    };
    let mut files = HashSet::new();
    for t in &p.talks {
        let (title, venue) = match (nonempty(&t.title), nonempty(&t.event)) {
            (Some(t), e) => (t, e),
            (None, Some(e)) => (e, None),
            (None, None) => continue,
        };
        let date = jekyll_date(t.date.as_deref());
        let mut body = t.notes.clone();
        if date.is_none() {
            // A date the front matter cannot hold is still the talk's.
            body.extend(nonempty(&t.date));
        }
        item(&mut files, "talks", title, "Talk".into(), venue, date, body);
    }
    let mut files = HashSet::new();
    for t in &p.teaching {
        let Some(course) = nonempty(&t.course) else {
            continue;
        };
        let kind = nonempty(&t.role).unwrap_or_else(|| "Course".into());
        let date = jekyll_date(t.date.as_deref());
        let body: Vec<String> = nonempty(&t.term)
            .into_iter()
            .chain(t.notes.clone())
            .collect();
        item(&mut files, "teaching", course, kind, None, date, body);
    }
    out
}

/// `_config.vitae.yml`: the sidebar's author block from the basics (the
/// theme's own keys: GitHub, LinkedIn and Twitter by user name, Google
/// Scholar, ORCID and ResearchGate by URL) and the publication categories
/// that [`category`] uses.
fn config_snippet(p: &Profile) -> String {
    use serde_json::{json, Map, Value as J};
    let b = &p.basics;
    let mut author = Map::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            author.insert(k.to_string(), J::String(v));
        }
    };
    put("name", b.name.clone());
    put("bio", b.headline.clone());
    put("location", b.location.clone());
    put(
        "employer",
        p.work
            .iter()
            .find(|w| w.end.as_deref().is_none_or(|e| e == "present"))
            .and_then(|w| w.organization.clone()),
    );
    put("uri", b.url.as_deref().and_then(fmt::safe_url));
    put("email", b.email.clone().filter(|e| fmt::is_email(e)));
    for s in &b.profiles {
        let net = s.network.to_lowercase();
        let url = s.url.as_deref().and_then(fmt::safe_url);
        let (key, by_url) = match net.as_str() {
            "github" => ("github", false),
            "linkedin" => ("linkedin", false),
            "twitter" | "x" => ("twitter", false),
            "google scholar" => ("googlescholar", true),
            "orcid" => ("orcid", true),
            "researchgate" => ("researchgate", true),
            _ => continue,
        };
        if by_url {
            put(key, url);
        } else {
            put(key, s.username.clone());
        }
    }
    let config = json!({
        "author": J::Object(author),
        "publication_category": {
            "books": {"title": "Books"},
            "manuscripts": {"title": "Journal Articles"},
            "conferences": {"title": "Conference Papers"},
        },
    });
    let yaml = serde_norway::to_string(&config).unwrap_or_default();
    format!(
        "# Written by vitae {}: merge into _config.yml, or build with\n\
         # jekyll build --config _config.yml,{CONFIG_FILE}\n{yaml}",
        env!("CARGO_PKG_VERSION")
    )
}

fn publications(p: &Profile, people: &dyn Fn(&[String]) -> Vec<Person>) -> Vec<PubV> {
    let mut files = HashSet::new();
    p.publications
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let venue = nonempty(&x.venue).or_else(|| nonempty(&x.venue_short));
            let year = x.year;
            let venue_year = match (&venue, year) {
                (Some(v), Some(y)) if names_year(v, y) => Some(v.clone()),
                (Some(v), Some(y)) => Some(format!("{v}, {y}")),
                (Some(v), None) => Some(v.clone()),
                (None, Some(y)) => Some(y.to_string()),
                (None, None) => None,
            };
            let mut links = links(&x.links);
            let date = year.map(|y| format!("{y:04}-01-01"));
            let title = nonempty(&x.title);
            let same = |l: &LinkV| {
                title
                    .as_deref()
                    .is_some_and(|t| squash(&l.label).eq_ignore_ascii_case(&squash(t)))
            };
            let title_url = links.iter().position(same).map(|i| links.remove(i).url);
            let slug = fmt::slugify(title.as_deref().unwrap_or(""), 50);
            let slug = if slug.is_empty() {
                format!("publication-{}", i + 1)
            } else {
                slug
            };
            let stem = match &date {
                Some(d) => format!("{d}-{slug}"),
                None => slug,
            };
            let file = unique(&mut files, stem, "publication");
            let pick = |pat: &[&str]| {
                links
                    .iter()
                    .find(|l| {
                        let lab = l.label.to_lowercase();
                        pat.iter().any(|w| lab.contains(w))
                    })
                    .and_then(|l| fmt::absolute_uri(&l.url))
            };
            let paperurl = pick(&[
                "paper", "pdf", "download", "doi", "arxiv", "preprint", "link",
            ])
            .or_else(|| title_url.as_deref().and_then(fmt::absolute_uri))
            .or_else(|| links.first().and_then(|l| fmt::absolute_uri(&l.url)));
            let slidesurl = pick(&["slides"]);
            let authors = people(&x.authors);
            let citation = citation(&x.authors, year, title.as_deref(), venue.as_deref());
            let excerpt = if x.notes.is_empty() {
                (!authors.is_empty()).then(|| {
                    authors
                        .iter()
                        .map(|a| {
                            let n = fmt::md_escape(&a.name);
                            if a.owner {
                                format!("**{n}**")
                            } else {
                                n
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            } else {
                Some(fmt::md_escape(&x.notes.join("; ")))
            };
            PubV {
                key: nonempty(&x.key),
                kind: pub_type(x.kind),
                title,
                title_url,
                authors,
                venue,
                venue_short: nonempty(&x.venue_short),
                year,
                venue_year,
                links,
                notes: x.notes.clone(),
                date,
                category: category(x.kind),
                permalink: format!("/publication/{file}"),
                file,
                paperurl,
                slidesurl,
                citation,
                excerpt,
            }
        })
        .collect()
}

/// The venue already gives the year: `NSDI 2022`, or two digits at its end or
/// after an apostrophe (`USENIX NSDI 22`, `SOSP '19`).
fn names_year(venue: &str, year: i32) -> bool {
    let full = year.to_string();
    let short = format!("{:02}", year.rem_euclid(100));
    let words: Vec<&str> = venue
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&full.as_str())
        || words.last() == Some(&short.as_str())
        || ['\'', '’', '‘']
            .iter()
            .any(|a| venue.contains(&format!("{a}{short}")))
}

/// `A, B, C. (2024). "Title." Venue.`
fn citation(
    authors: &[String],
    year: Option<i32>,
    title: Option<&str>,
    venue: Option<&str>,
) -> String {
    let mut parts = Vec::new();
    if !authors.is_empty() {
        parts.push(format!("{}.", authors.join(", ").trim_end_matches('.')));
    }
    if let Some(y) = year {
        parts.push(format!("({y})."));
    }
    if let Some(t) = title {
        let t = t.trim_end_matches('.');
        if t.ends_with(['?', '!']) {
            parts.push(format!("\"{t}\""));
        } else {
            parts.push(format!("\"{t}.\""));
        }
    }
    if let Some(v) = venue {
        parts.push(format!("{}.", v.trim_end_matches('.')));
    }
    parts.join(" ")
}

fn work(p: &Profile) -> Vec<WorkV> {
    p.work
        .iter()
        .map(|w| WorkV {
            organization: nonempty(&w.organization),
            unit: nonempty(&w.unit),
            position: nonempty(&w.position),
            location: nonempty(&w.location),
            dates: fmt::display_period(
                w.start.as_deref(),
                w.end.as_deref(),
                w.dates_text.as_deref(),
            ),
            summary: nonempty(&w.summary),
            highlights: w.highlights.clone(),
        })
        .collect()
}

fn education(p: &Profile) -> Vec<EduV> {
    p.education
        .iter()
        .map(|e| EduV {
            institution: nonempty(&e.institution),
            degree: nonempty(&e.degree),
            field: nonempty(&e.field),
            location: nonempty(&e.location),
            dates: fmt::display_period(
                e.start.as_deref(),
                e.end.as_deref(),
                e.dates_text.as_deref(),
            ),
            thesis: nonempty(&e.thesis),
            advisors: e.advisors.clone(),
            notes: e.notes.clone(),
        })
        .collect()
}

fn patents(p: &Profile, people: &dyn Fn(&[String]) -> Vec<Person>) -> Vec<PatentV> {
    p.patents
        .iter()
        .map(|x| {
            let numbers = x.application_numbers.join(", ");
            let application = [nonempty(&x.kind), Some(numbers).filter(|n| !n.is_empty())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            PatentV {
                key: nonempty(&x.key),
                title: nonempty(&x.title),
                other_title: nonempty(&x.other_title),
                inventors: people(&x.inventors),
                application: Some(application).filter(|a| !a.is_empty()),
                filed: x.filed.as_deref().map(fmt::display_date),
                granted: x.granted.clone(),
                links: links(&x.links),
            }
        })
        .collect()
}

fn projects(p: &Profile, kind: ProjectKind) -> Vec<ProjectV> {
    p.projects
        .iter()
        .filter(|x| x.kind == kind)
        .map(|x| ProjectV {
            name: nonempty(&x.name),
            url: x.url.as_deref().and_then(fmt::safe_url),
            summary: nonempty(&x.summary),
            role: nonempty(&x.role),
            funder: nonempty(&x.funder),
            amount: nonempty(&x.amount),
            partners: x.partners.clone(),
            dates: fmt::display_period(
                x.start.as_deref(),
                x.end.as_deref(),
                x.dates_text.as_deref(),
            ),
        })
        .collect()
}

fn awards(p: &Profile) -> Vec<DatedV> {
    p.awards
        .iter()
        .map(|a| DatedV {
            title: nonempty(&a.title),
            detail: nonempty(&a.awarder),
            role: None,
            date: a.date.as_deref().map(fmt::display_date),
            notes: a.notes.clone(),
        })
        .collect()
}

fn talks(p: &Profile) -> Vec<DatedV> {
    p.talks
        .iter()
        .map(|t| DatedV {
            title: nonempty(&t.title),
            detail: nonempty(&t.event),
            role: None,
            date: t.date.as_deref().map(fmt::display_date),
            notes: t.notes.clone(),
        })
        .collect()
}

fn teaching(p: &Profile) -> Vec<DatedV> {
    p.teaching
        .iter()
        .map(|t| DatedV {
            title: nonempty(&t.course),
            detail: None,
            role: nonempty(&t.role),
            // The term as written ("Spring '24") reads better than its year.
            date: nonempty(&t.term).or_else(|| t.date.as_deref().map(fmt::display_date)),
            notes: t.notes.clone(),
        })
        .collect()
}

fn service(p: &Profile) -> Vec<DatedV> {
    p.service
        .iter()
        .map(|s| DatedV {
            title: nonempty(&s.role),
            detail: nonempty(&s.organization),
            role: None,
            date: s.date.as_deref().map(fmt::display_date),
            notes: s.notes.clone(),
        })
        .collect()
}

fn mentees(p: &Profile) -> Vec<MenteeV> {
    p.mentees
        .iter()
        .map(|m| MenteeV {
            name: nonempty(&m.name),
            url: m.url.as_deref().and_then(fmt::safe_url),
            notes: m.notes.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Format, Source};

    fn empty() -> Profile {
        Profile::new(Source {
            file: "cv.md".into(),
            format: Format::Markdown,
            pages: None,
            sha256: "0".repeat(64),
            title: None,
        })
    }

    #[test]
    fn bare_urls_and_labelled_urls_become_links() {
        assert_eq!(
            linked("Best paper (see https://x.org/a_b). Code (https://github.com/x/y)", true),
            "Best paper (see [https://x.org/a\\_b](https://x.org/a_b)). [Code](https://github.com/x/y)"
        );
        assert_eq!(
            linked("at https://x.org/p?a=1&b=2, then", false),
            "at <a href=\"https://x.org/p?a=1&amp;b=2\">https://x.org/p?a=1&amp;b=2</a>, then"
        );
        // Not a link: a scheme that is not the web's, a URL inside a word.
        assert_eq!(
            linked("javascript:alert(1) xhttps://x.org", true),
            "javascript:alert(1) xhttps://x.org"
        );
        assert_eq!(
            trim_url("https://en.wikipedia.org/wiki/Rust_(language))."),
            "https://en.wikipedia.org/wiki/Rust_(language)"
        );
    }

    #[test]
    fn talks_teaching_and_config_for_academicpages() {
        let mut p = empty();
        p.basics.name = Some("Jürgen Weiß".into());
        p.basics.profiles.push(crate::profile::SocialProfile {
            network: "GitHub".into(),
            username: Some("jweiss".into()),
            url: Some("https://github.com/jweiss".into()),
        });
        p.talks.push(crate::profile::Talk {
            date: Some("2023-05".into()),
            title: Some("Über Pakete".into()),
            event: Some("NSDI".into()),
            notes: vec!["Slides: https://x.org/s.pdf".into()],
        });
        p.teaching.push(crate::profile::Teaching {
            course: Some("Networks".into()),
            role: Some("Teaching Assistant".into()),
            term: Some("Spring '24".into()),
            ..Default::default()
        });
        let r = render(&p, Style::Academicpages, None).unwrap();
        let get = |path: &str| {
            r.files
                .iter()
                .find(|f| f.path == Path::new(path))
                .map(|f| f.content.clone())
                .unwrap_or_else(|| {
                    panic!(
                        "{path} missing: {:?}",
                        r.files.iter().map(|f| &f.path).collect::<Vec<_>>()
                    )
                })
        };
        let talk = get("_talks/2023-05-01-uber-pakete.md");
        for line in [
            "collection: talks\n",
            "type: \"Talk\"\n",
            "permalink: \"/talks/2023-05-01-uber-pakete\"\n",
            "venue: \"NSDI\"\n",
            "date: 2023-05-01\n",
            "Slides: [https://x.org/s.pdf](https://x.org/s.pdf)\n",
        ] {
            assert!(talk.contains(line), "{line:?} missing:\n{talk}");
        }
        let course = get("_teaching/networks.md");
        assert!(
            course.contains("type: \"Teaching Assistant\"\n"),
            "{course}"
        );
        assert!(!course.contains("date:"), "{course}");
        assert!(course.contains("Spring '24"), "{course}");
        let cv: serde_json::Value = serde_json::from_str(&get("_data/cv.json")).unwrap();
        assert_eq!(cv["basics"]["name"], "Jürgen Weiß");
        let config = get(CONFIG_FILE);
        assert!(config.contains("name: Jürgen Weiß\n"), "{config}");
        assert!(config.contains("github: jweiss\n"), "{config}");
        assert!(config.contains("manuscripts:\n"), "{config}");
        assert!(!r.notes.is_empty());
    }

    #[test]
    fn markdown_is_tidied_but_hard_breaks_stay() {
        assert_eq!(tidy_markdown("\n\na  \nb\n  \n\n\nc\n\n"), "a  \nb\n\nc\n");
    }

    #[test]
    fn years_the_venue_names() {
        assert!(names_year("NSDI 2022", 2022));
        assert!(names_year("USENIX NSDI 22", 2022));
        assert!(names_year("SOSP ’19", 2019));
        assert!(!names_year("Journal of Things, Volume 19, Issue 3", 2019));
        assert!(!names_year("The 20th International Conference", 2020));
        assert!(!names_year("EuroSys23", 2023));
    }

    #[test]
    fn a_link_named_like_the_title_links_the_title() {
        let mut p = empty();
        let link = |label: &str, url: &str| crate::profile::Link {
            label: label.into(),
            url: url.into(),
        };
        p.publications.push(crate::profile::Publication {
            key: None,
            kind: PublicationType::Other,
            authors: vec![],
            title: Some("Remittances after the Flood".into()),
            venue: None,
            venue_short: None,
            year: None,
            notes: vec![],
            links: vec![
                link("Remittances  after the flood", "https://x.org/r.pdf"),
                link("Slides", "https://x.org/s.pdf"),
            ],
        });
        let md = &render(&p, Style::Jekyll, None).unwrap().files[0].content;
        assert!(
            md.contains("**[Remittances after the Flood](https://x.org/r.pdf)**  \n[Slides](https://x.org/s.pdf)  \n"),
            "{md}"
        );
        let html = &render(&p, Style::Html, None).unwrap().files[0].content;
        assert!(html.contains("<a href=\"https://x.org/r.pdf\">Remittances after the Flood</a>"));
    }

    #[test]
    fn citations() {
        let a = vec!["A. One".to_string(), "B. Two".to_string()];
        assert_eq!(
            citation(&a, Some(2024), Some("Title"), Some("NSDI")),
            "A. One, B. Two. (2024). \"Title.\" NSDI."
        );
        assert_eq!(citation(&[], None, Some("Why?"), None), "\"Why?\"");
    }

    #[test]
    fn an_empty_profile_still_makes_pages() {
        let p = empty();
        let r = render(&p, Style::Jekyll, None).unwrap();
        assert_eq!(
            r.files[0].content,
            "---\nlayout: default\ntitle: About\npermalink: /\n---\n"
        );
        let r = render(&p, Style::Html, None).unwrap();
        assert!(r.files[0].content.contains("<h1>Curriculum Vitae</h1>"));
        let r = render(&p, Style::Academicpages, None).unwrap();
        let paths: Vec<&Path> = r.files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(
            paths,
            [
                Path::new("_pages/about.md"),
                Path::new("_pages/cv.md"),
                Path::new("_data/cv.json"),
                Path::new(CONFIG_FILE)
            ]
        );
    }

    #[test]
    fn the_owner_is_bold_in_every_form() {
        let mut p = empty();
        p.basics.name = Some("Alireza Sanaee".into());
        p.publications.push(crate::profile::Publication {
            key: None,
            kind: PublicationType::Workshop,
            authors: vec![
                "M. Salmani".into(),
                "A. Sanaee".into(),
                "Alireza Sanaee".into(),
            ],
            title: Some("Reconciling High Accuracy".into()),
            venue: Some("MLSys Workshop @ EuroSys 23".into()),
            venue_short: None,
            year: Some(2023),
            notes: vec![],
            links: vec![],
        });
        let md = &render(&p, Style::Jekyll, None).unwrap().files[0].content;
        assert!(
            md.contains("M. Salmani, **A. Sanaee**, **Alireza Sanaee**  \n"),
            "{md}"
        );
        assert!(md.contains("\nMLSys Workshop @ EuroSys 23  \n"), "{md}");
    }
}
