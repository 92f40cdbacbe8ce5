//! The exports: JSON Resume against the official schema, RenderCV's shape,
//! the homepages (Jekyll, academicpages, HTML), template overrides, the CLI,
//! and the round trip homepage Markdown -> `vitae parse` -> same profile.
//!
//! Corpus files are read in place from `$VITAE_CORPUS` or `../shared/corpus`;
//! tests that need them skip with a note when the folder is absent.

use std::path::{Path, PathBuf};
use std::process::Command;
use vitae::export::homepage::{self, Style};
use vitae::export::{jsonresume, rendercv};
use vitae::profile::Profile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("VITAE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

/// A made-up profile that fills every section, with text that needs escaping.
fn fixture() -> Profile {
    serde_json::from_str(include_str!("fixtures/export_profile.json"))
        .expect("fixture is a profile")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every sample (walked recursively) that parses, plus the acceptance CV of
/// the corpus when present. Files that fail to parse are skipped with a note.
fn inputs() -> Vec<(String, Profile)> {
    let mut paths = Vec::new();
    files_under(&root().join("samples"), &mut paths);
    // samples/README.md describes the samples; it is not one.
    paths.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
    });
    match corpus() {
        Some(c) => paths.push(c.join("farshin/cv-2025-03-24-577300b.pdf")),
        None => eprintln!("note: corpus absent, the farshin CV is not exported"),
    }
    let mut out = Vec::new();
    for p in paths {
        match vitae::parse_path(&p, &vitae::Options::default()) {
            Ok(profile) => out.push((p.display().to_string(), profile)),
            Err(e) => eprintln!("note: skipping {}: {}", p.display(), e.message),
        }
    }
    out
}

fn jsonresume_validator() -> Option<jsonschema::Validator> {
    let Some(c) = corpus() else {
        eprintln!("note: corpus absent, JSON Resume schema validation skipped");
        return None;
    };
    let path = c.join("jsonresume/schema.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "note: {} absent, JSON Resume schema validation skipped",
            path.display()
        );
        return None;
    };
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles"),
    )
}

fn schema_errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn jsonresume_exports_validate_against_the_official_schema() {
    let Some(v) = jsonresume_validator() else {
        return;
    };
    let mut bad = Vec::new();
    let mut n = 0;
    let mut all = vec![("fixture".to_string(), fixture())];
    all.extend(inputs());
    for (name, p) in &all {
        let doc: serde_json::Value =
            serde_json::from_str(&jsonresume::to_string(p)).expect("export is JSON");
        for e in schema_errors(&v, &doc) {
            bad.push(format!("{name}: {e}"));
        }
        n += 1;
    }
    assert!(n >= 2);
    assert!(
        bad.is_empty(),
        "{} schema errors:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_validator_catches_a_bad_export() {
    // The validation above can fail: a date JSON Resume does not allow is caught.
    let Some(v) = jsonresume_validator() else {
        return;
    };
    let mut doc = jsonresume::to_value(&fixture());
    doc["work"][0]["startDate"] = "January 2024".into();
    assert!(!schema_errors(&v, &doc).is_empty());
}

#[test]
fn jsonresume_keeps_what_it_has_no_field_for() {
    let v = jsonresume::to_value(&fixture());
    assert_eq!(v["$schema"], jsonresume::SCHEMA_URL);
    assert_eq!(v["basics"]["name"], "Ada R. Example");
    assert_eq!(v["basics"]["label"], "Distributed Systems Researcher");
    assert_eq!(v["basics"]["location"]["city"], "Stockholm");
    // Work: present is no end date; the unit and the CV's own dates are kept.
    assert_eq!(v["work"][0]["name"], "NVIDIA");
    assert_eq!(v["work"][0]["startDate"], "2024-01");
    assert!(v["work"][0].get("endDate").is_none());
    assert_eq!(
        v["work"][0]["unit"],
        "Networking Software & Systems Research Team"
    );
    assert_eq!(v["work"][2]["datesText"], "August 2017-March 2023");
    // Education: degree and field in JSON Resume's names, advisors and thesis as extensions.
    assert_eq!(v["education"][0]["studyType"], "Ph.D.");
    assert_eq!(
        v["education"][0]["area"],
        "Information and Communication Technology"
    );
    assert_eq!(v["education"][0]["advisors"][1], "Gerald Q. Maguire Jr.");
    assert!(v["education"][0]["thesis"]
        .as_str()
        .unwrap()
        .starts_with("Realizing"));
    assert_eq!(v["education"][1]["endDate"], "2015");
    // Publications: authors, type, key, links as extensions.
    let p = &v["publications"][0];
    assert_eq!(
        p["name"],
        "FAJITA: Stateful Packet Processing at 100 Million pps"
    );
    assert_eq!(p["releaseDate"], "2024");
    assert_eq!(p["authors"][1], "Ada R. Example");
    assert_eq!(p["type"], "conference");
    assert_eq!(p["key"], "C1");
    assert_eq!(p["venueShort"], "CoNEXT");
    assert_eq!(p["links"][1]["label"], "Code");
    // A javascript: link is never a url.
    assert_eq!(
        v["publications"][1]["url"],
        "https://doi.org/10.1145/3445814.3446724"
    );
    // Sections JSON Resume lacks.
    assert_eq!(
        v["patents"][0]["applicationNumbers"][0],
        "PCT/SE2023/050538"
    );
    assert_eq!(v["patents"][0]["inventors"][1], "Ada R. Example");
    assert_eq!(v["teaching"][0]["course"], "Compilers");
    assert_eq!(v["service"][0]["role"], "Artifact Evaluation Committee");
    assert_eq!(v["mentees"][0]["name"], "Farbod Example");
    assert_eq!(v["talks"][0]["event"], "NetSys Seminar");
    assert_eq!(v["otherSections"][0]["title"], "Some thoughts");
    assert_eq!(v["projects"][0]["type"], "grant");
    assert_eq!(v["projects"][0]["partners"][2], "RedHat AB");
    assert_eq!(v["meta"]["vitae"]["schema"], "vitae/profile@1");
    assert_eq!(v["meta"]["vitae"]["source"]["file"], "ada-example-cv.pdf");
    let text = jsonresume::to_string(&fixture());
    assert!(
        !text.contains(": null"),
        "JSON Resume fields are left out, not null"
    );
}

// ---------------------------------------------------------------------------
// RenderCV

fn yaml(text: &str) -> yaml_rust2::Yaml {
    let mut docs =
        yaml_rust2::YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn keys(y: &yaml_rust2::Yaml) -> Vec<String> {
    y.as_hash()
        .map(|h| {
            h.keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The keys RenderCV's entry types take (`date` and friends are shared).
fn entry_type(keys: &[String]) -> &'static str {
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("institution") {
        "EducationEntry"
    } else if has("company") {
        "ExperienceEntry"
    } else if has("authors") {
        "PublicationEntry"
    } else if has("label") {
        "OneLineEntry"
    } else if has("bullet") {
        "BulletEntry"
    } else if has("name") {
        "NormalEntry"
    } else {
        "unknown"
    }
}

const ALLOWED: &[(&str, &[&str])] = &[
    (
        "EducationEntry",
        &[
            "institution",
            "area",
            "degree",
            "date",
            "start_date",
            "end_date",
            "location",
            "summary",
            "highlights",
        ],
    ),
    (
        "ExperienceEntry",
        &[
            "company",
            "position",
            "date",
            "start_date",
            "end_date",
            "location",
            "summary",
            "highlights",
        ],
    ),
    (
        "PublicationEntry",
        &[
            "title", "authors", "summary", "doi", "url", "journal", "date",
        ],
    ),
    (
        "NormalEntry",
        &[
            "name",
            "date",
            "start_date",
            "end_date",
            "location",
            "summary",
            "highlights",
        ],
    ),
    ("OneLineEntry", &["label", "details"]),
    ("BulletEntry", &["bullet"]),
];

/// One entry type a section, with only the keys that type takes; dates in
/// the forms RenderCV parses.
fn rendercv_shape(doc: &yaml_rust2::Yaml) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(sections) = doc["cv"]["sections"].as_hash() else {
        return vec!["no cv.sections mapping".into()];
    };
    let date = regex::Regex::new(r"^\d{4}(-\d{2}(-\d{2})?)?$").unwrap();
    for (title, entries) in sections {
        let title = title.as_str().unwrap_or("?");
        let Some(entries) = entries.as_vec() else {
            problems.push(format!("{title}: not a list"));
            continue;
        };
        let types: Vec<&str> = entries
            .iter()
            .map(|e| {
                if e.as_str().is_some() {
                    "TextEntry"
                } else {
                    entry_type(&keys(e))
                }
            })
            .collect();
        if types.windows(2).any(|w| w[0] != w[1]) {
            problems.push(format!("{title}: mixed entry types {types:?}"));
        }
        for e in entries {
            let ks = keys(e);
            if let Some((_, allowed)) = ALLOWED.iter().find(|(t, _)| *t == entry_type(&ks)) {
                for k in &ks {
                    if !allowed.contains(&k.as_str()) {
                        problems.push(format!("{title}: key {k} is not a RenderCV field"));
                    }
                }
            }
            for k in ["start_date", "end_date"] {
                if let Some(d) = e[k].as_str() {
                    let ok = date.is_match(d) || (k == "end_date" && d == "present");
                    if !ok {
                        problems.push(format!("{title}: {k} {d:?} is not a RenderCV date"));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn rendercv_yaml_of_every_sample_loads() {
    let mut problems = Vec::new();
    for (name, p) in inputs() {
        let text = rendercv::to_yaml(&p);
        match yaml_rust2::YamlLoader::load_from_str(&text) {
            Ok(docs) if docs.len() == 1 => problems.extend(
                rendercv_shape(&docs[0])
                    .into_iter()
                    .map(|e| format!("{name}: {e}")),
            ),
            Ok(docs) => problems.push(format!("{name}: {} YAML documents", docs.len())),
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rendercv_yaml_has_rendercvs_shape() {
    let p = fixture();
    let text = rendercv::to_yaml(&p);
    let doc = yaml(&text);
    let cv = &doc["cv"];
    assert_eq!(cv["name"].as_str(), Some("Ada R. Example"));
    assert_eq!(cv["email"].as_str(), Some("ada@example.org"));
    assert_eq!(cv["phone"].as_str(), Some("+46 70 123 45 67"));
    assert_eq!(cv["website"].as_str(), Some("https://ada.example.org"));
    assert_eq!(cv["social_networks"][0]["network"].as_str(), Some("GitHub"));
    assert_eq!(
        cv["social_networks"][1]["network"].as_str(),
        Some("Google Scholar")
    );
    assert_eq!(
        cv["custom_connections"][0]["placeholder"].as_str(),
        Some("DBLP")
    );
    let sections = cv["sections"].as_hash().expect("sections is a mapping");
    let titles: Vec<&str> = sections.keys().filter_map(|k| k.as_str()).collect();
    for t in [
        "Summary",
        "Education",
        "Experience",
        "Publications",
        "Patents",
        "Funded Projects",
        "Awards",
        "Teaching",
        "Service",
        "Mentees",
        "Skills",
        "Some thoughts",
    ] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    let problems = rendercv_shape(&doc);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let pubs = &cv["sections"]["Publications"];
    assert_eq!(pubs[0]["authors"][1].as_str(), Some("**Ada R. Example**"));
    assert_eq!(pubs[1]["authors"][0].as_str(), Some("**A. Example**"));
    // Years are integers: a quoted one RenderCV prints with a month.
    assert_eq!(pubs[0]["date"].as_i64(), Some(2024));
    assert_eq!(pubs[1]["doi"].as_str(), Some("10.1145/3445814.3446724"));
    assert_eq!(
        pubs[0]["journal"].as_str().map(|j| j.ends_with("(CoNEXT)")),
        Some(true)
    );
    let exp = &cv["sections"]["Experience"];
    assert_eq!(exp[0]["start_date"].as_str(), Some("2024-01"));
    assert_eq!(exp[0]["end_date"].as_str(), Some("present"));
    assert_eq!(exp[3]["date"].as_i64(), Some(2013));
    let edu = &cv["sections"]["Education"];
    assert_eq!(edu[0]["degree"].as_str(), Some("Ph.D."));
    assert_eq!(edu[1]["area"].as_str(), Some("B.Sc."));
    assert_eq!(
        cv["sections"]["Skills"][0]["label"].as_str(),
        Some("Programming Languages")
    );
}

#[test]
fn rendercv_keys_match_the_corpus_examples() {
    // The corpus YAMLs are RenderCV's own examples: every key vitae writes for an
    // entry type appears in them for that type, or is a documented field.
    let Some(c) = corpus() else {
        eprintln!("note: corpus absent, RenderCV comparison skipped");
        return;
    };
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    let mut files = Vec::new();
    files_under(&c.join("rendercv"), &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
    {
        let doc = yaml(&std::fs::read_to_string(f).expect("readable"));
        let Some(sections) = doc["cv"]["sections"].as_hash() else {
            continue;
        };
        for entries in sections.values() {
            for e in entries.as_vec().into_iter().flatten() {
                let ks = keys(e);
                let t = entry_type(&ks);
                for k in ks {
                    seen.push((t, k));
                }
            }
        }
    }
    assert!(!seen.is_empty(), "the corpus has RenderCV examples");
    let ours = yaml(&rendercv::to_yaml(&fixture()));
    for entries in ours["cv"]["sections"].as_hash().expect("sections").values() {
        for e in entries.as_vec().into_iter().flatten() {
            let ks = keys(e);
            let t = entry_type(&ks);
            for k in ks {
                assert!(
                    seen.iter().any(|(st, sk)| *st == t && *sk == k),
                    "{t}.{k} not in RenderCV's examples"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Homepages

fn render(p: &Profile, style: Style) -> Vec<homepage::OutputFile> {
    homepage::render(p, style, None).expect("renders").files
}

fn file<'a>(files: &'a [homepage::OutputFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("{path} not made"))
        .content
}

#[test]
fn jekyll_about_reads_like_the_seeds() {
    let files = render(&fixture(), Style::Jekyll);
    assert_eq!(files.len(), 1);
    let md = file(&files, "about.md");
    assert!(
        md.starts_with("---\nlayout: default\ntitle: About\npermalink: /\n---\n\n"),
        "{md}"
    );
    assert!(md.contains("\nI build fast networked systems: kernel bypass, NIC offloads and \\*scheduling\\* for data centers.\n"));
    for title in [
        "Selected Publications",
        "Work Experience",
        "Education",
        "Patents",
        "Funded Projects",
        "Software",
        "Awards",
        "Talks",
        "Teaching",
        "Service",
        "Mentees",
        "Skills",
        "Languages",
        "Interests",
        "Some thoughts",
    ] {
        assert!(
            md.contains(&format!("\n### {title}\n\n")),
            "### {title} missing:\n{md}"
        );
    }
    // A publication: bold title, authors with the owner bold (also as initials), venue and links.
    assert!(md.contains(
        "\\[C1\\] **FAJITA: Stateful Packet Processing at 100 Million pps**  \n\
         Hamid Ghasemirahni, **Ada R. Example**, Marco Chiesa  \n\
         The 20th International Conference on emerging Networking EXperiments and Technologies (CoNEXT), 2024, \
         [Paper](https://dl.acm.org/doi/10.1145/3680121.3697810), [Code](https://github.com/ada-example/fajita)  \n\
         *Acceptance rate: 28/104 ≈ 26.9%; Community Award Winner!*  \n\n"
    ), "{md}");
    assert!(md.contains("**A. Example**, T. Barbette, D. Kostić  \n"));
    assert!(
        md.contains("**Example, A.**; Sharifian, S.  \n"),
        "surname-first names are kept whole"
    );
    // The venue already names the year: not twice.
    assert!(md.contains("\nArXiv Preprint 2024, [arXiv]"));
    // Markdown in the text is escaped, not interpreted.
    assert!(md.contains("A modified \\*knowledge-based\\* ant colony algorithm for \\[virtual\\] machine placement\\_with\\_underscores"));
    assert!(md.contains("- 1\\. not a list item\n- \\- not a bullet \\| not a table\n"));
    // A javascript: link is dropped; a link without a label gets its host.
    assert!(!md.contains("javascript"));
    assert!(md.contains("[doi.org](https://doi.org/10.1145/3445814.3446724)"));
    // Work and education blocks.
    assert!(
        md.contains(
            "**NVIDIA**, *Networking Software & Systems Research Team*  \n\
         Distributed Systems Researcher  \n\
         Stockholm, Sweden · Jan 2024 – present  \n\n\
         - Improving packet processing at multi-100-Gbps rates (see FAJITA).\n"
        ),
        "{md}"
    );
    assert!(md.contains("**KTH Royal Institute of Technology**  \nDoctoral Researcher  \nAugust 2017-March 2023  \n"));
    assert!(md.contains(
        "**KTH Royal Institute of Technology**  \n\
         Ph.D. in Information and Communication Technology  \n\
         Stockholm, Sweden · Aug 2017 – Mar 2023  \n\
         Thesis: *Realizing Low-Latency Internet Services via Low-Level Optimization of NFV Service Chains*  \n\
         Advisors: Dejan Kostić, Gerald Q. Maguire Jr.  \n"
    ), "{md}");
    assert!(md.contains("- **Compilers** — Spring '24 (Teaching Fellow)\n"));
    assert!(md.contains("- SOSP '19 — Artifact Evaluation Committee (2019)\n"));
    assert!(md.contains("- [Farbod Example](https://example.com/farbod) — now PhD student at Politecnico di Milano\n  - Master's thesis"));
    assert!(md.contains("- **Programming Languages:** C, C++, Rust, Python\n"));
    // Sections are separated by rules, as in seed 000; no "none" leaks from missing values.
    assert!(md.contains("\n\n---\n\n### Work Experience\n"));
    assert!(!md.contains("none"), "{md}");
    assert!(!md.contains("\n\n\n"));
    assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
}

#[test]
fn academicpages_pages_and_publications() {
    let files = render(&fixture(), Style::Academicpages);
    let about = file(&files, "_pages/about.md");
    assert!(about.starts_with("---\npermalink: /\ntitle: \"About me\"\n"));
    assert!(about.contains("author_profile: true\n"));
    let cv = file(&files, "_pages/cv.md");
    assert!(
        cv.starts_with(
            "---\nlayout: archive\ntitle: \"CV\"\npermalink: /cv/\nauthor_profile: true\n"
        ),
        "{cv}"
    );
    assert!(cv.contains("\n### Publications\n\n"));
    assert!(cv.contains("\n### Work Experience\n\n**NVIDIA**"));
    let pubs: Vec<&homepage::OutputFile> = files
        .iter()
        .filter(|f| f.path.starts_with("_publications"))
        .collect();
    assert_eq!(pubs.len(), 5);
    let name =
        |f: &homepage::OutputFile| f.path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        name(pubs[0]),
        "2024-01-01-fajita-stateful-packet-processing-at-100-million.md"
    );
    assert_eq!(name(pubs[4]), "a-talk-without-authors-or-year.md");
    let fajita = &pubs[0].content;
    for line in [
        "---\n",
        "title: \"FAJITA: Stateful Packet Processing at 100 Million pps\"\n",
        "collection: publications\n",
        "permalink: \"/publication/2024-01-01-fajita-stateful-packet-processing-at-100-million\"\n",
        "excerpt: \"Acceptance rate: 28/104 ≈ 26.9%; Community Award Winner!\"\n",
        "date: 2024-01-01\n",
        "venue: \"The 20th International Conference on emerging Networking EXperiments and Technologies (CoNEXT)\"\n",
        "paperurl: \"https://dl.acm.org/doi/10.1145/3680121.3697810\"\n",
        "citation: \"Hamid Ghasemirahni, Ada R. Example, Marco Chiesa. (2024). \\\"FAJITA: Stateful Packet Processing at 100 Million pps.\\\" The 20th",
    ] {
        assert!(fajita.contains(line), "{line:?} missing:\n{fajita}");
    }
    // Every front matter is YAML a theme can read.
    for f in &pubs {
        let fm = f.content.split("---\n").nth(1).expect("front matter");
        let y = yaml(fm);
        assert_eq!(y["collection"].as_str(), Some("publications"));
        assert!(y["title"].as_str().is_some() && y["citation"].as_str().is_some());
    }
}

#[test]
fn front_matter_cannot_inject_html() {
    let mut p = fixture();
    p.publications[0].title = Some("<script>alert(1)</script> & more".into());
    let files = render(&p, Style::Academicpages);
    let f = files
        .iter()
        .find(|f| f.path.starts_with("_publications"))
        .unwrap();
    assert!(
        f.content
            .contains("title: \"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more\"\n"),
        "{}",
        f.content
    );
    let html = file(&render(&p, Style::Html), "index.html").to_string();
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
}

fn tags(html: &str, re: &str) -> Vec<String> {
    regex::Regex::new(re)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn html_page_is_self_contained_and_accessible() {
    let p = fixture();
    let files = render(&p, Style::Html);
    assert_eq!(files.len(), 1);
    let html = file(&files, "index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(html.contains("@media print"));
    assert!(html.contains("overflow-wrap:anywhere"));
    // Nothing to run or fetch.
    let lower = html.to_lowercase();
    for bad in [
        "<script",
        " src=",
        "rel=\"stylesheet\"",
        "@import",
        "url(",
        "<iframe",
        "<img",
    ] {
        assert!(!lower.contains(bad), "{bad} in the page");
    }
    let handler = regex::Regex::new(r"<[^>]+\son[a-z]+=").unwrap();
    assert!(!handler.is_match(&lower), "an event handler in the page");
    // Headings in order: one h1, then h2s, h3s only under an h2.
    let levels: Vec<u32> = tags(html, r"<h([1-6])[\s>]")
        .iter()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    assert_eq!(levels[0], 1);
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "heading level jumps {} -> {}", w[0], w[1]);
    }
    // Every link has text and a safe target.
    for (href, text) in regex::Regex::new(r#"<a href="([^"]*)">(.*?)</a>"#)
        .unwrap()
        .captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
    {
        assert!(!text.trim().is_empty(), "link {href} has no text");
        assert!(
            href.starts_with("https://") || href.starts_with("mailto:"),
            "{href}"
        );
    }
    for x in &p.publications {
        let t = x
            .title
            .as_deref()
            .unwrap()
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        assert!(html.contains(&t), "{t} missing");
    }
    assert!(html.contains("<strong>Ada R. Example</strong>"));
    assert!(html.contains("<strong>A. Example</strong>"));
    assert!(!html.contains(">none<") && !html.contains(" none "));
}

#[test]
fn templates_override_by_file_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html.jinja"),
        "<!DOCTYPE html><title>{{ basics.name }}</title>{% for s in sections %}<h2>{{ s.title }}</h2>{% endfor %}",
    )
    .unwrap();
    // A partial override: the about page keeps its built-in template, the sections change.
    std::fs::write(
        dir.path().join("sections.md.jinja"),
        "{% macro section(s) %}## {{ s.title }} ({{ s.entries|length }})\n{% endmacro %}\n{% macro links(l, sep) %}{% endmacro %}",
    )
    .unwrap();
    let p = fixture();
    let r = homepage::render(&p, Style::Html, Some(dir.path())).unwrap();
    assert_eq!(r.overridden, vec!["index.html.jinja".to_string()]);
    assert!(r.files[0]
        .content
        .starts_with("<!DOCTYPE html><title>Ada R. Example</title><h2>Publications</h2>"));
    let r = homepage::render(&p, Style::Jekyll, Some(dir.path())).unwrap();
    assert_eq!(r.overridden, vec!["sections.md.jinja".to_string()]);
    assert!(
        r.files[0]
            .content
            .contains("\n## Selected Publications (5)\n"),
        "{}",
        r.files[0].content
    );
    assert!(r.files[0].content.starts_with("---\nlayout: default\n"));
    // A broken template is an error naming it, not a panic.
    std::fs::write(dir.path().join("index.html.jinja"), "{% for %}").unwrap();
    let e = homepage::render(&p, Style::Html, Some(dir.path())).unwrap_err();
    assert_eq!(e.kind, "template");
    assert!(e.message.contains("index.html.jinja"), "{}", e.message);
}

#[test]
fn cli_homepage_and_parse_to() {
    let bin = env!("CARGO_BIN_EXE_vitae");
    let dir = tempfile::tempdir().unwrap();
    let fixture_path = root().join("tests/fixtures/export_profile.json");
    let out = Command::new(bin)
        .args(["homepage", fixture_path.to_str().unwrap(), "-o"])
        .arg(dir.path())
        .args(["--style", "academicpages"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    // about, cv, 5 publications, 1 talk, 2 courses, _data/cv.json, _config.vitae.yml.
    assert_eq!(listed.lines().count(), 12, "{listed}");
    assert!(dir.path().join("_pages/cv.md").is_file());
    assert!(dir
        .path()
        .join("_talks/2024-05-01-packet-processing-at-100-mpps.md")
        .is_file());
    let cv: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("_data/cv.json")).unwrap()).unwrap();
    assert_eq!(cv["$schema"], jsonresume::SCHEMA_URL);
    // The snippet for _config.yml is written beside it, and said so.
    assert!(String::from_utf8_lossy(&out.stderr).contains("_config.vitae.yml"));
    // The default style from a CV in Markdown.
    let seed = root().join("samples/000_91fdcebf25aa6776.txt");
    let out = Command::new(bin)
        .arg("homepage")
        .arg(&seed)
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let about = std::fs::read_to_string(dir.path().join("about.md")).unwrap();
    assert!(about.starts_with("---\nlayout: default\n"));
    // A JSON file that claims to be a profile but is not one is an error.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"schema": "vitae/profile@1", "basics": 3}"#).unwrap();
    let out = Command::new(bin)
        .arg("homepage")
        .arg(&bad)
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a vitae/profile@1 profile JSON"));
    // parse --to
    let out = Command::new(bin)
        .arg("parse")
        .arg(&seed)
        .args(["--to", "jsonresume"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON Resume is JSON");
    assert_eq!(v["$schema"], jsonresume::SCHEMA_URL);
    let out = Command::new(bin)
        .arg("parse")
        .arg(&seed)
        .args(["--to", "rendercv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let y = yaml(&String::from_utf8_lossy(&out.stdout));
    assert!(y["cv"].as_hash().is_some());
    let out = Command::new(bin).arg("parse").arg(&seed).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "vitae/profile@1");
}

// ---------------------------------------------------------------------------
// Round trip: the Markdown homepages parse back to the same profile.

type PubKey = (Option<String>, Vec<String>, Option<i32>);
type WorkKey = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);
type EduKey = (Option<String>, Option<String>);

fn pubs(p: &Profile) -> Vec<PubKey> {
    p.publications
        .iter()
        .map(|x| (x.title.clone(), x.authors.clone(), x.year))
        .collect()
}

fn work(p: &Profile) -> Vec<WorkKey> {
    p.work
        .iter()
        .map(|w| {
            (
                w.organization.clone(),
                w.position.clone(),
                w.start.clone(),
                w.end.clone(),
            )
        })
        .collect()
}

fn edu(p: &Profile) -> Vec<EduKey> {
    p.education
        .iter()
        .map(|e| (e.institution.clone(), e.degree.clone()))
        .collect()
}

/// Differences between two lists, entry by entry.
fn diff<T: std::fmt::Debug + PartialEq>(what: &str, a: &[T], b: &[T], out: &mut Vec<String>) {
    if a.len() != b.len() {
        out.push(format!(
            "{what}: {} entries, {} after the round trip",
            a.len(),
            b.len()
        ));
    }
    for i in 0..a.len().max(b.len()) {
        match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => out.push(format!("{what}[{i}]:\n    was {x:?}\n    got {y:?}")),
        }
    }
}

#[test]
fn homepage_markdown_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec![("fixture".to_string(), fixture())];
    all.extend(inputs());
    let mut report = Vec::new();
    for (n, (name, p)) in all.iter().enumerate() {
        for (style, page) in [
            (Style::Jekyll, "about.md"),
            (Style::Academicpages, "_pages/cv.md"),
        ] {
            let files = render(p, style);
            let path = dir.path().join(format!("{n}-{}", page.replace('/', "-")));
            std::fs::write(&path, file(&files, page)).unwrap();
            let back =
                vitae::parse_path(&path, &vitae::Options::default()).expect("homepage parses");
            let mut d = Vec::new();
            diff("publications", &pubs(p), &pubs(&back), &mut d);
            diff("work", &work(p), &work(&back), &mut d);
            diff("education", &edu(p), &edu(&back), &mut d);
            if !d.is_empty() {
                report.push(format!("{name} -> {page}:\n  {}", d.join("\n  ")));
            }
        }
    }
    assert!(
        report.is_empty(),
        "round trip lost or changed entries:\n{}",
        report.join("\n")
    );
}

#[test]
fn prose_links_in_the_summary_become_links() {
    let mut p = fixture();
    p.basics.summary = Some(
        "I study packets. Watch (https://www.youtube.com/watch?v=A7A4nEXrm3s) and not this (javascript:alert(1)) nor *that*."
            .into(),
    );
    let md = render(&p, Style::Jekyll);
    let md = file(&md, "about.md");
    assert!(
        md.contains("I study packets. [Watch](https://www.youtube.com/watch?v=A7A4nEXrm3s) and not this (javascript:alert(1)) nor \\*that\\*."),
        "{md}"
    );
    let html = render(&p, Style::Html);
    let html = file(&html, "index.html");
    assert!(
        html.contains("<a href=\"https://www.youtube.com/watch?v=A7A4nEXrm3s\">Watch</a>"),
        "{html}"
    );
    assert!(!html.contains("href=\"javascript"), "{html}");
}
