//! Every PDF of the corpus of real CVs extracts and parses without a panic
//! into clean strings, damaged copies of them fail cleanly, and for many
//! documents the facts a reader checks by eye hold: lines in reading order,
//! dates set apart by a tab, icons typed, links attached, page furniture gone,
//! entries and fields parsed.
//!
//! The corpus is read in place from `$VITAE_CORPUS`, else `../shared/corpus`
//! beside the crate; without it these tests print a note and pass.

mod common;

use common::{check_value, corpus_dir, files_with_ext, string_problems};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vitae::extract::{Icon, Line, LineKind};
use vitae::profile::{Format, Profile, SectionKind};

fn corpus() -> Option<PathBuf> {
    let dir = corpus_dir();
    if dir.is_none() {
        eprintln!(
            "note: corpus not found (set VITAE_CORPUS or place it at ../shared/corpus): skipped"
        );
    }
    dir
}

/// Everything the pipeline made of one corpus PDF.
struct Run {
    name: String,
    lines: Vec<Line>,
    profile: Profile,
}

impl Run {
    fn texts(&self) -> Vec<String> {
        self.lines.iter().map(Line::text).collect()
    }

    fn all_text(&self) -> String {
        self.texts().join("\n")
    }

    fn index_of(&self, needle: &str) -> usize {
        self.texts()
            .iter()
            .position(|t| t.contains(needle))
            .unwrap_or_else(|| panic!("{}: no line contains {needle:?}", self.name))
    }

    fn line_with(&self, needle: &str) -> &Line {
        &self.lines[self.index_of(needle)]
    }

    fn has_line(&self, exact: &str) -> bool {
        self.texts().iter().any(|t| t == exact)
    }

    /// The links of the spans whose text contains `label`.
    fn links_of(&self, label: &str) -> Vec<String> {
        self.lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.text.contains(label))
            .filter_map(|s| s.link.clone())
            .collect()
    }

    fn icon_span(&self, icon: Icon) -> Option<(String, Option<String>)> {
        self.lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.icon == Some(icon))
            .map(|s| (s.text.trim().to_string(), s.link.clone()))
    }
}

fn run(dir: &Path, rel: &str) -> Option<Run> {
    let path = dir.join(rel);
    if !path.exists() {
        eprintln!("note: {rel} missing from the corpus: skipped");
        return None;
    }
    let bytes = std::fs::read(&path).expect("read");
    let parsed = match vitae::run(rel, &bytes, &vitae::Options::default()) {
        Ok(p) => p,
        Err(e) => panic!("{rel}: {} ({})", e.message, e.kind),
    };
    Some(Run {
        name: rel.to_string(),
        lines: parsed.cleaned.lines,
        profile: parsed.profile,
    })
}

#[test]
fn every_pdf_parses_to_clean_strings() {
    let Some(dir) = corpus() else { return };
    let files = files_with_ext(&dir, ".pdf");
    assert!(
        files.len() >= 50,
        "only {} PDFs under {}",
        files.len(),
        dir.display()
    );
    let mut report = String::new();
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for f in &files {
        let rel = f.strip_prefix(&dir).unwrap_or(f).display().to_string();
        let bytes = std::fs::read(f).expect("read");
        let start = Instant::now();
        let got = std::panic::catch_unwind(|| vitae::run(&rel, &bytes, &vitae::Options::default()));
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, f.clone());
        }
        let parsed = match got {
            Err(_) => {
                report.push_str(&format!("{rel}: PANIC\n"));
                continue;
            }
            Ok(Err(e)) => {
                report.push_str(&format!("{rel}: error {}: {}\n", e.kind, e.message));
                continue;
            }
            Ok(Ok(p)) => p,
        };
        if parsed.profile.source.format != Format::Pdf || parsed.profile.source.pages.is_none() {
            report.push_str(&format!("{rel}: source not a PDF with pages\n"));
        }
        // The cleaned lines are what every parser reads: they must be clean too.
        for (i, l) in parsed.cleaned.lines.iter().enumerate() {
            for sp in &l.spans {
                if sp.text == "\t" {
                    continue;
                }
                for p in string_problems(sp.text.trim()) {
                    if p != "double space" {
                        report.push_str(&format!("{rel}: line {}: {p}: {:?}\n", i + 1, sp.text));
                    }
                }
            }
        }
        let v = serde_json::to_value(&parsed.profile).expect("profile to JSON");
        for bad in check_value(&v) {
            report.push_str(&format!("{rel}: {bad}\n"));
        }
        if took > Duration::from_secs(10) {
            report.push_str(&format!("{rel}: took {took:?}\n"));
        }
    }
    assert!(report.is_empty(), "PDF corpus problems:\n{report}");
    eprintln!(
        "{} PDFs clean; slowest {:?} ({})",
        files.len(),
        slowest.0,
        slowest.1.display()
    );
}

/// Truncated and corrupted copies of real PDFs end in a clean error or a
/// profile, quickly, and never in a panic (caught or not).
#[test]
fn damaged_pdfs_fail_cleanly() {
    let Some(dir) = corpus() else { return };
    let picks = [
        "farshin/cv-2025-03-24-577300b.pdf",
        "farshin/resume-2024-07-11-758e940.pdf",
        "awesome-cv/resume.pdf",
        "rendercv/John_Doe_ClassicTheme_CV.pdf",
        "altacv/sample.pdf",
        "moderncv/template-zh.pdf",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut report = String::new();
    let mut cases = 0;
    for rel in picks {
        let Ok(bytes) = std::fs::read(dir.join(rel)) else {
            continue;
        };
        for k in 0..24 {
            let mut m = bytes.clone();
            if k < 8 {
                m.truncate(rnd() as usize % m.len());
            } else {
                for _ in 0..k * 3 {
                    let i = rnd() as usize % m.len();
                    m[i] = rnd() as u8;
                }
            }
            cases += 1;
            let start = Instant::now();
            let got = std::panic::catch_unwind(|| vitae::extract::extract(&m, Format::Pdf));
            let took = start.elapsed();
            match got {
                Err(_) => report.push_str(&format!("{rel} case {k}: PANIC\n")),
                Ok(Err(e)) if e.kind == "pdf_panic" => {
                    report.push_str(&format!("{rel} case {k}: caught panic\n"))
                }
                Ok(Err(e)) if e.message.is_empty() => {
                    report.push_str(&format!("{rel} case {k}: error without message\n"))
                }
                _ => {}
            }
            if took > Duration::from_secs(5) {
                report.push_str(&format!("{rel} case {k}: took {took:?}\n"));
            }
        }
    }
    assert!(report.is_empty(), "damaged PDFs:\n{report}");
    eprintln!("{cases} damaged copies handled");
}

/// Farshin CV versions spread over 2022-2026 (moderncv, FontAwesome Type1
/// icons, right-aligned locations and dates, running headers, page numbers).
const FARSHIN_CVS: &[&str] = &[
    "farshin/cv-2022-09-04-a19f8ec.pdf",
    "farshin/cv-2022-12-02-fe29f9f.pdf",
    "farshin/cv-2023-03-08-4b9a502.pdf",
    "farshin/cv-2023-08-15-ea56a6e.pdf",
    "farshin/cv-2023-12-11-c296e48.pdf",
    "farshin/cv-2024-03-30-940d6b6.pdf",
    "farshin/cv-2024-09-18-520a989.pdf",
    "farshin/cv-2025-03-24-577300b.pdf",
    "farshin/cv-2025-07-29-6c0662f.pdf",
];

#[test]
fn farshin_cvs_extract_like_a_reader() {
    let Some(dir) = corpus() else { return };
    for rel in FARSHIN_CVS {
        let Some(r) = run(&dir, rel) else { continue };
        let texts = r.texts();
        // No running header, footer or page number anywhere.
        for t in &texts {
            assert!(!t.contains("Updated on"), "{rel}: header left: {t:?}");
            let bare = t.replace(' ', "");
            assert!(
                !(bare.len() <= 5
                    && bare.contains('/')
                    && bare.chars().any(|c| c.is_ascii_digit())),
                "{rel}: page number left: {t:?}"
            );
        }
        let diag = &r.profile.diagnostics;
        assert!(diag.page_numbers >= 4, "{rel}: {diag:?}");
        assert!(diag.header_footer_lines >= 4, "{rel}: {diag:?}");
        assert!(diag.icon_glyphs >= 4, "{rel}: {diag:?}");
        // The name heads the document; the sections are headings.
        assert!(
            texts[0].starts_with("Alireza Farshin"),
            "{rel}: {:?}",
            texts[0]
        );
        assert!(matches!(r.lines[0].kind, LineKind::Heading(_)), "{rel}");
        for h in ["Work Experience", "Publications", "Education"] {
            assert!(
                matches!(r.line_with(h).kind, LineKind::Heading(_)),
                "{rel}: {h:?} is not a heading"
            );
        }
        // Header icons typed, with the profile links under them.
        let (gh, gh_url) = r
            .icon_span(Icon::GitHub)
            .unwrap_or_else(|| panic!("{rel}: no GitHub icon"));
        assert_eq!(gh, "aliireza", "{rel}");
        assert!(
            gh_url.is_some_and(|u| u.contains("github.com/aliireza")),
            "{rel}"
        );
        let (li, li_url) = r
            .icon_span(Icon::LinkedIn)
            .unwrap_or_else(|| panic!("{rel}: no LinkedIn icon"));
        assert_eq!(li, "alireza-farshin", "{rel}");
        assert!(
            li_url.is_some_and(|u| u.contains("linkedin.com/in/alireza-farshin")),
            "{rel}"
        );
        let (tw, tw_url) = r
            .icon_span(Icon::Twitter)
            .unwrap_or_else(|| panic!("{rel}: no Twitter icon"));
        assert_eq!(tw, "alirezafarshin", "{rel}");
        assert!(
            tw_url.is_some_and(|u| u.contains("twitter.com/alirezafarshin")),
            "{rel}"
        );
        // Right-aligned locations and dates are tab-separated cells.
        assert!(
            r.has_line("Network Systems Laboratory (NSLab) at KTH\tStockholm, Sweden"),
            "{rel}"
        );
        let doctoral = texts
            .iter()
            .find(|t| t.starts_with("Doctoral ") && t.contains('\t'))
            .unwrap_or_else(|| panic!("{rel}: no doctoral position line"));
        assert!(doctoral.contains("\tAugust 2017–"), "{rel}: {doctoral:?}");
        // Every "Download" carries its URL.
        let downloads: Vec<&vitae::extract::Span> = r
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.text.contains("Download"))
            .collect();
        assert!(
            downloads.len() >= 10,
            "{rel}: {} downloads",
            downloads.len()
        );
        for d in &downloads {
            assert!(
                d.link.as_deref().is_some_and(|u| u.starts_with("http")),
                "{rel}: Download without a link: {d:?}"
            );
        }
        // Words spaced from glyph gaps: no glued words, the hyphen of a line-end
        // compound kept.
        let all = r.all_text();
        assert!(!all.contains("multi100"), "{rel}");
        assert!(all.contains("Dejan Kostić"), "{rel}: accents");
        // Publication labels start their lines, in order, once each.
        let keys: Vec<&str> = texts
            .iter()
            .filter_map(|t| t.strip_prefix('['))
            .filter_map(|t| t.split(']').next())
            .filter(|k| k.len() <= 4 && k.starts_with(['C', 'J', 'P', 'W']))
            .collect();
        assert!(keys.len() >= 15, "{rel}: keys {keys:?}");
        for k in ["C1", "C2"] {
            assert_eq!(
                keys.iter().filter(|x| **x == k).count(),
                1,
                "{rel}: {k} in {keys:?}"
            );
        }
        // Numbered in order (each series, or all in one).
        let nums: Vec<u32> = keys.iter().filter_map(|k| k[1..].parse().ok()).collect();
        let ordered = nums
            .windows(2)
            .filter(|w| w[1] == w[0] + 1 || w[1] == 1)
            .count();
        assert_eq!(ordered, nums.len() - 1, "{rel}: keys {keys:?}");
    }
}

#[test]
fn farshin_cvs_parse_profiles_and_links() {
    let Some(dir) = corpus() else { return };
    for rel in FARSHIN_CVS {
        let Some(r) = run(&dir, rel) else { continue };
        let p = &r.profile;
        assert_eq!(p.basics.name.as_deref(), Some("Alireza Farshin"), "{rel}");
        let nets: Vec<(&str, &str)> = p
            .basics
            .profiles
            .iter()
            .map(|x| (x.network.as_str(), x.username.as_deref().unwrap_or("")))
            .collect();
        for want in [
            ("GitHub", "aliireza"),
            ("LinkedIn", "alireza-farshin"),
            ("Twitter", "alirezafarshin"),
        ] {
            assert!(nets.contains(&want), "{rel}: {want:?} not in {nets:?}");
        }
        for pr in &p.basics.profiles {
            assert!(
                pr.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{rel}: {pr:?}"
            );
        }
        // Every publication with a Download link carries its URL.
        let pubs = &p.publications;
        assert!(pubs.len() >= 10, "{rel}: {} publications", pubs.len());
        for pb in pubs {
            for l in &pb.links {
                assert!(l.url.starts_with("http"), "{rel}: {pb:?}");
            }
        }
        let with_download = pubs
            .iter()
            .filter(|pb| pb.links.iter().any(|l| l.label.contains("Download")))
            .count();
        assert!(
            with_download >= 10,
            "{rel}: {with_download} publications with Download"
        );
        // No furniture in any field.
        let json = serde_json::to_string(p).expect("json");
        assert!(
            !json.contains("Updated on"),
            "{rel}: running header in the profile"
        );
    }
}

/// The acceptance check: the PDF and a Markdown conversion of that very file
/// agree on the keys, titles and years of every publication and patent.
#[test]
fn farshin_pdf_and_markdown_conversion_agree() {
    let Some(dir) = corpus() else { return };
    let Some(pdf) = run(&dir, "farshin/cv-2025-03-24-577300b.pdf") else {
        return;
    };
    let Some(md) = run(
        &dir,
        "farshin/conversions/cv-2025-03-24-577300b.pymupdf4llm.md",
    ) else {
        return;
    };
    let norm = |s: &Option<String>| {
        s.as_deref()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let pubs = |p: &Profile| -> Vec<(Option<String>, String, Option<i32>)> {
        p.publications
            .iter()
            .map(|x| (x.key.clone(), norm(&x.title), x.year))
            .collect()
    };
    // And the remarks: a PDF line break inside "[Community Award Winner!]"
    // must not split it in two.
    let notes = |p: &Profile| -> Vec<(Option<String>, Vec<String>)> {
        p.publications
            .iter()
            .map(|x| (x.key.clone(), x.notes.clone()))
            .collect()
    };
    assert_eq!(
        notes(&pdf.profile),
        notes(&md.profile),
        "publication notes differ between the PDF and its conversion"
    );
    let pats = |p: &Profile| -> Vec<(Option<String>, String)> {
        p.patents
            .iter()
            .map(|x| (x.key.clone(), norm(&x.title)))
            .collect()
    };
    let (a, b) = (pubs(&pdf.profile), pubs(&md.profile));
    assert_eq!(a.len(), 18, "PDF publications: {a:#?}");
    assert_eq!(
        a, b,
        "publications differ between the PDF and its conversion"
    );
    let (a, b) = (pats(&pdf.profile), pats(&md.profile));
    assert_eq!(a.len(), 20, "PDF patents: {a:#?}");
    assert_eq!(a, b, "patents differ between the PDF and its conversion");
}

/// organization, position, location, start, end
type Job5<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

#[test]
fn farshin_cv_work_entries() {
    let Some(dir) = corpus() else { return };
    // Every version since NVIDIA joined the list (2024-01-29 on): 8 jobs.
    let mut rels: Vec<String> = std::fs::read_dir(dir.join("farshin"))
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("cv-") && n.ends_with(".pdf"))
                .filter(|n| n.as_str() >= "cv-2024-01-29")
                .map(|n| format!("farshin/{n}"))
                .collect()
        })
        .unwrap_or_default();
    rels.sort();
    assert!(rels.len() >= 10, "{rels:?}");
    for rel in &rels {
        let rel = rel.as_str();
        let Some(r) = run(&dir, rel) else { continue };
        let w = &r.profile.work;
        let got: Vec<Job5> = w
            .iter()
            .map(|x| {
                (
                    x.organization.as_deref(),
                    x.position.as_deref(),
                    x.location.as_deref(),
                    x.start.as_deref(),
                    x.end.as_deref(),
                )
            })
            .collect();
        assert_eq!(w.len(), 8, "{rel}: {got:#?}");
        // The title grew ("/Software Architect", "/Senior Software Architect").
        let pos = got[0].1.unwrap_or("");
        assert!(
            pos == "Distributed Systems Researcher"
                || pos.starts_with("Distributed Systems Researcher/")
                    && pos.ends_with("Software Architect"),
            "{rel}: {pos:?}"
        );
        assert_eq!(
            (got[0].0, got[0].2, got[0].3, got[0].4),
            (
                Some("NVIDIA"),
                Some("Stockholm, Sweden"),
                Some("2024-01"),
                Some("present")
            ),
            "{rel}"
        );
        // Every job has its organization, position, location and dates.
        for (i, j) in got.iter().enumerate() {
            assert!(
                j.0.is_some() && j.1.is_some() && j.2.is_some() && j.3.is_some(),
                "{rel}: job {i}: {j:?}"
            );
        }
        assert_eq!(got[6].0, Some("CafeYab"), "{rel}: {got:#?}");
        assert_eq!(got[6].1, Some("Co-founder and CEO"), "{rel}: {got:#?}");
        assert_eq!(got[7].3, Some("2013-06"), "{rel}: {got:#?}");
    }
}

/// The one-page resumes: a sidebar (contacts, a skills diagram, skills,
/// education) beside the main column; each is read as its own stream.
#[test]
fn farshin_resumes_read_sidebar_apart() {
    let Some(dir) = corpus() else { return };
    for rel in [
        "farshin/resume-2023-03-08-4b9a502.pdf",
        "farshin/resume-2024-07-11-758e940.pdf",
    ] {
        let Some(r) = run(&dir, rel) else { continue };
        let summary = r.index_of("Research Summary");
        let experience = r.index_of("Experience");
        let texts = r.texts();
        // Nothing of the sidebar between the summary and the experience.
        for t in &texts[summary..experience] {
            for side in [
                "Operating",
                "Compiler",
                "Programming & Tools",
                "Sharif University",
                "Specialization",
            ] {
                assert!(
                    !t.contains(side),
                    "{rel}: sidebar text {side:?} in the summary: {t:?}"
                );
            }
        }
        // The sidebar is one stream: its education block is whole.
        let kth = r.index_of("KTH Royal Institute of Technology");
        let sharif = r.index_of("Sharif University of Technology");
        assert!(sharif > kth && sharif - kth < 12, "{rel}: education split");
        // Contacts typed by their icons, with their links.
        let (li, url) = r
            .icon_span(Icon::LinkedIn)
            .unwrap_or_else(|| panic!("{rel}: no LinkedIn"));
        assert_eq!(li, "alireza-farshin", "{rel}");
        assert!(
            url.is_some_and(|u| u.contains("linkedin.com/in/alireza-farshin")),
            "{rel}"
        );
        let (gh, _) = r
            .icon_span(Icon::GitHub)
            .unwrap_or_else(|| panic!("{rel}: no GitHub"));
        assert_eq!(gh, "aliireza", "{rel}");
        assert!(r.icon_span(Icon::Home).is_some(), "{rel}: no homepage icon");
        // Dates in the narrow left column of the experience are a cell of
        // their own (joined when wrapped: `Jan 2024 -` / `Now`).
        let dated = texts
            .iter()
            .filter(|t| {
                let first = t.split('\t').next().unwrap_or("");
                t.contains('\t')
                    && first.contains(" - ")
                    && first.chars().filter(char::is_ascii_digit).count() >= 4
            })
            .count();
        assert!(dated >= 3, "{rel}: {dated} dated lines");
    }
}

#[test]
fn awesome_cv_icons_and_footer() {
    let Some(dir) = corpus() else { return };
    for rel in ["awesome-cv/cv.pdf", "awesome-cv/resume.pdf"] {
        let Some(r) = run(&dir, rel) else { continue };
        let all = r.all_text();
        for leaked in [
            "HOUSE-CHIMNEY",
            "GITHUB-SQUARE",
            "LINKEDIN",
            "ENVELOPE",
            "MOBILE",
        ] {
            assert!(!all.contains(leaked), "{rel}: {leaked} leaked");
        }
        let (phone, _) = r.icon_span(Icon::Phone).expect("phone icon");
        assert!(phone.contains("10-9030-1843"), "{rel}: {phone:?}");
        let (mail, mail_url) = r.icon_span(Icon::Email).expect("email icon");
        assert_eq!(mail, "posquit0.bj@gmail.com", "{rel}");
        assert_eq!(
            mail_url.as_deref(),
            Some("mailto:posquit0.bj@gmail.com"),
            "{rel}"
        );
        let (gh, gh_url) = r.icon_span(Icon::GitHub).expect("github icon");
        assert_eq!(gh, "posquit0", "{rel}");
        assert_eq!(
            gh_url.as_deref(),
            Some("https://github.com/posquit0"),
            "{rel}"
        );
        assert!(r.profile.diagnostics.header_footer_lines >= 2, "{rel}");
        assert!(!all.contains("Curriculum Vitae\t"), "{rel}: footer left");
        // The company and its location are cells of one line; the title and
        // its dates of the next.
        let l = r.line_with("Danggeun Pay Inc. (KarrotPay)");
        assert_eq!(
            l.text(),
            "Danggeun Pay Inc. (KarrotPay)\tSeoul, S.Korea",
            "{rel}"
        );
        assert!(l.all_bold() || l.spans[0].bold, "{rel}");
        let names: Vec<&str> = r
            .profile
            .work
            .iter()
            .filter_map(|w| w.organization.as_deref())
            .collect();
        assert!(
            names.contains(&"Danggeun Pay Inc. (KarrotPay)"),
            "{rel}: {names:?}"
        );
        // Every job: company, title, place ("Seoul, S.Korea", "S.Korea",
        // "Seoul, S.Korea & LA, U.S.A") and a start.
        for w in &r.profile.work {
            assert!(
                w.organization.is_some()
                    && w.position.is_some()
                    && w.location.as_deref().is_some_and(|l| l.contains("Korea"))
                    && w.start.is_some(),
                "{rel}: {w:#?}"
            );
        }
        let kasa = r
            .profile
            .work
            .iter()
            .find(|w| w.organization.as_deref() == Some("Kasa"));
        assert_eq!(
            kasa.and_then(|w| w.position.as_deref()),
            Some("Founding Member & Director of Infrastructure Division"),
            "{rel}"
        );
    }
    let Some(r) = run(&dir, "awesome-cv/cv.pdf") else {
        return;
    };
    let all = r.all_text();
    assert!(all.contains("Designed and provisioned the entire infrastructure on the AWS cloud"));
    // Skills as "category | items" rows; the Languages row fills languages.
    let cats: Vec<Option<&str>> = r.profile.skills.iter().map(|k| k.name.as_deref()).collect();
    assert_eq!(
        cats,
        vec![
            Some("DevOps"),
            Some("Back-end"),
            Some("Front-end"),
            Some("Programming")
        ]
    );
    let langs: Vec<&str> = r
        .profile
        .languages
        .iter()
        .map(|l| l.language.as_str())
        .collect();
    assert_eq!(langs, vec!["Korean", "English", "Japanese"]);
    assert_eq!(r.profile.work.len(), 12, "{:#?}", r.profile.work);
}

/// A minimal reader of the fields the RenderCV YAML gives for each entry.
#[derive(Debug, Default)]
struct YamlCv {
    name: String,
    email: String,
    institutions: Vec<String>,
    companies: Vec<(String, String, String, String)>,
    titles: Vec<String>,
    authors: Vec<Vec<String>>,
}

fn yaml_value(line: &str, key: &str) -> Option<String> {
    let t = line.trim_start().trim_start_matches("- ");
    let v = t.strip_prefix(key)?.strip_prefix(':')?.trim();
    Some(v.trim_matches('\'').trim_matches('"').to_string())
}

fn read_yaml(text: &str) -> YamlCv {
    let mut cv = YamlCv::default();
    let mut section = String::new();
    let mut in_authors = false;
    let mut company = (String::new(), String::new(), String::new(), String::new());
    for line in text.lines() {
        if line.starts_with("design:") {
            break;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 4 && line.trim_end().ends_with(':') {
            section = line.trim().trim_end_matches(':').to_string();
            continue;
        }
        if let Some(v) = yaml_value(line, "name").filter(|_| indent == 2) {
            cv.name = v;
        }
        if let Some(v) = yaml_value(line, "email").filter(|_| indent == 2) {
            cv.email = v;
        }
        if in_authors {
            if let Some(a) = line.trim().strip_prefix("- ").filter(|_| indent >= 10) {
                if let Some(list) = cv.authors.last_mut() {
                    list.push(a.trim_matches('\'').trim_matches('*').to_string());
                }
                continue;
            }
            in_authors = false;
        }
        match section.as_str() {
            "education" => {
                if let Some(v) = yaml_value(line, "institution") {
                    cv.institutions.push(v);
                }
            }
            "experience" => {
                if let Some(v) = yaml_value(line, "company") {
                    company = (v, String::new(), String::new(), String::new());
                }
                if let Some(v) = yaml_value(line, "position") {
                    company.1 = v;
                }
                if let Some(v) = yaml_value(line, "start_date") {
                    company.2 = v;
                }
                if let Some(v) = yaml_value(line, "end_date") {
                    company.3 = v;
                    cv.companies.push(company.clone());
                }
            }
            "publications" => {
                if let Some(v) = yaml_value(line, "title") {
                    cv.titles.push(v);
                }
                if line.trim() == "authors:" {
                    in_authors = true;
                    cv.authors.push(Vec::new());
                }
            }
            _ => {}
        }
    }
    cv
}

const RENDERCV: &[&str] = &[
    "Classic",
    "Engineeringresumes",
    "Moderncv",
    "Sb2nov",
    "Ember",
];

/// The five RenderCV themes against the YAML each was made from: every
/// name, institution, company, date, title and author is read.
#[test]
fn rendercv_text_holds_every_yaml_field() {
    let Some(dir) = corpus() else { return };
    for theme in RENDERCV {
        let rel = format!("rendercv/John_Doe_{theme}Theme_CV.pdf");
        let Some(r) = run(&dir, &rel) else { continue };
        let Ok(yaml) = std::fs::read_to_string(dir.join(rel.replace(".pdf", ".yaml"))) else {
            continue;
        };
        let cv = read_yaml(&yaml);
        assert_eq!(cv.institutions.len(), 2, "{rel}: YAML reader: {cv:?}");
        assert_eq!(cv.companies.len(), 5, "{rel}: YAML reader: {cv:?}");
        assert_eq!(cv.titles.len(), 4, "{rel}: YAML reader: {cv:?}");
        let all = r.all_text();
        // The text column only (a date cell may stand beside a wrapped title).
        let flat = r
            .texts()
            .iter()
            .map(|t| t.split('\t').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(r.has_line(&cv.name), "{rel}: name line");
        assert!(all.contains(&cv.email), "{rel}");
        for i in &cv.institutions {
            assert!(all.contains(i.as_str()), "{rel}: {i}");
        }
        for (c, p, _, _) in &cv.companies {
            assert!(
                all.contains(c.as_str()) && all.contains(p.as_str()),
                "{rel}: {c} {p}"
            );
        }
        let flat_all = all.replace(['\n', '\t'], " ");
        for t in &cv.titles {
            assert!(
                flat.contains(t.as_str()) || flat_all.contains(t.as_str()),
                "{rel}: title {t:?}"
            );
        }
        for list in &cv.authors {
            assert!(
                flat_all.contains(&list.join(", ")),
                "{rel}: authors {list:?}"
            );
        }
        // The contact line: every link typed and pointing at its target.
        let email = r.links_of("john.doe@email.com");
        assert!(
            email.iter().any(|u| u == "mailto:john.doe@email.com"),
            "{rel}: {email:?}"
        );
        assert!(!r.links_of("rendercv").is_empty(), "{rel}");
        // No page footer ("John Doe – 1/2" in the classic theme).
        assert!(
            !all.contains("1/2") && !all.contains("1/3"),
            "{rel}: page footer left"
        );
    }
}

#[test]
fn rendercv_profiles_match_the_yaml() {
    let Some(dir) = corpus() else { return };
    for theme in RENDERCV {
        let rel = format!("rendercv/John_Doe_{theme}Theme_CV.pdf");
        let Some(r) = run(&dir, &rel) else { continue };
        let Ok(yaml) = std::fs::read_to_string(dir.join(rel.replace(".pdf", ".yaml"))) else {
            continue;
        };
        let cv = read_yaml(&yaml);
        let p = &r.profile;
        assert_eq!(p.basics.name.as_deref(), Some(cv.name.as_str()), "{rel}");
        assert_eq!(p.basics.email.as_deref(), Some(cv.email.as_str()), "{rel}");
        let inst: Vec<&str> = p
            .education
            .iter()
            .filter_map(|e| e.institution.as_deref())
            .collect();
        assert_eq!(
            inst,
            cv.institutions
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            "{rel}"
        );
        let work: Vec<(&str, &str, &str, &str)> = p
            .work
            .iter()
            .map(|w| {
                (
                    w.organization.as_deref().unwrap_or(""),
                    w.position.as_deref().unwrap_or(""),
                    w.start.as_deref().unwrap_or(""),
                    w.end.as_deref().unwrap_or(""),
                )
            })
            .collect();
        let want: Vec<(&str, &str, &str, &str)> = cv
            .companies
            .iter()
            .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str()))
            .collect();
        assert_eq!(work, want, "{rel}");
        let titles: Vec<&str> = p
            .publications
            .iter()
            .filter_map(|x| x.title.as_deref())
            .collect();
        assert_eq!(
            titles,
            cv.titles.iter().map(String::as_str).collect::<Vec<_>>(),
            "{rel}"
        );
        let authors: Vec<Vec<String>> = p.publications.iter().map(|x| x.authors.clone()).collect();
        assert_eq!(authors, cv.authors, "{rel}");
    }
}

#[test]
fn moderncv_template_date_column() {
    let Some(dir) = corpus() else { return };
    let Some(r) = run(&dir, "moderncv/template_classic_green.pdf") else {
        return;
    };
    let texts = r.texts();
    // The left column's dates are the first cell of the entry's line.
    let rows = texts
        .iter()
        .filter(|t| t.starts_with("year–year\t"))
        .count();
    assert!(rows >= 5, "{rows} date rows");
    assert!(texts
        .iter()
        .any(|t| t == "year–year\tDegree, Institution, City, Grade."));
    // The big name is a line of its own, not mixed with the contact links.
    assert!(r.has_line("John Doe"));
    assert!(r.has_line("john.doe") && r.has_line("jdoe"));
    // Page numbers gone, marvosym icons typed.
    assert_eq!(r.profile.diagnostics.page_numbers, 4);
    let (mail, url) = r.icon_span(Icon::Email).expect("email icon");
    assert_eq!(mail, "john@doe.org");
    assert_eq!(url.as_deref(), Some("mailto:john@doe.org"));
    assert!(r.icon_span(Icon::Phone).is_some());
    // Nested lists keep their depth.
    let depths: Vec<u8> = r
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Item && l.text().contains("achievement"))
        .map(|l| l.depth)
        .collect();
    assert!(
        depths.contains(&1) && depths.contains(&2) && depths.contains(&3),
        "{depths:?}"
    );
}

#[test]
fn altacv_columns_and_icons() {
    let Some(dir) = corpus() else { return };
    let Some(r) = run(&dir, "altacv/sample.pdf") else {
        return;
    };
    // Left column (experience, projects, a day of my life) before the right
    // (philosophy, proud of, strengths, languages), never interleaved.
    let exp = r.index_of("EXPERIENCE");
    let day = r.index_of("A DAY OF MY LIFE");
    let phil = r.index_of("MY LIFE PHILOSOPHY");
    let langs = r.index_of("LANGUAGES");
    assert!(
        exp < day && day < phil && phil < langs,
        "{exp} {day} {phil} {langs}"
    );
    for i in exp..day {
        let t = &r.texts()[i];
        assert!(
            !t.contains("achievement") && !t.contains("Strength"),
            "{t:?}"
        );
    }
    for (icon, text) in [
        (Icon::Email, "your_name@email.com"),
        (Icon::Phone, "000-00-0000"),
        (Icon::Home, "www.homepage.com"),
        (Icon::LinkedIn, "your_id"),
        (Icon::GitHub, "your_id"),
        (Icon::Orcid, "0000-0000-0000-0000"),
        (Icon::Twitter, "@x-handle"),
    ] {
        let (t, url) = r.icon_span(icon).unwrap_or_else(|| panic!("no {icon:?}"));
        assert_eq!(t, text, "{icon:?}");
        assert!(url.is_some(), "{icon:?} without link");
    }
    // The real AltaCV CV: each job a title heading, the company, then a row of
    // dates and place; a title that mentions "Services" opens no section.
    let Some(r) = run(&dir, "altacv/mmayer.pdf") else {
        return;
    };
    let jobs: Vec<(Option<&str>, Option<&str>, Option<&str>)> = r
        .profile
        .work
        .iter()
        .map(|w| {
            (
                w.organization.as_deref(),
                w.position.as_deref(),
                w.start.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        jobs,
        vec![
            (Some("Yahoo!"), Some("President & CEO"), Some("2012-07")),
            (
                Some("Google"),
                Some("Vice President of Location & Services"),
                Some("2010-10")
            ),
            (
                Some("Google"),
                Some("Vice President of Search Products & UX"),
                Some("2005")
            ),
            (
                Some("Google"),
                Some("Product Manager & UI Lead"),
                Some("2001-10")
            ),
        ]
    );
    assert!(!r
        .profile
        .sections
        .iter()
        .any(|s| s.kind == SectionKind::Service));
}

#[test]
fn academics_cvs() {
    let Some(dir) = corpus() else { return };
    // Decan: French moderncv, dates in a left column wrapped over two lines.
    if let Some(r) = run(&dir, "decan/cv.pdf") {
        // French section titles, French job titles, a date column.
        let kinds: Vec<SectionKind> = r.profile.sections.iter().map(|s| s.kind).collect();
        assert!(kinds.contains(&SectionKind::Work), "{kinds:?}");
        assert!(kinds.contains(&SectionKind::Education), "{kinds:?}");
        assert!(kinds.contains(&SectionKind::Languages), "{kinds:?}");
        let w = &r.profile.work;
        assert!(w.len() >= 6, "{w:#?}");
        assert_eq!(
            w[0].position.as_deref(),
            Some("Chercheur qualifié F.R.S.-FNRS")
        );
        assert_eq!(w[0].end.as_deref(), Some("present"));
        assert_eq!(w[1].position.as_deref(), Some("Chercheur post-doctorant"));
        assert_eq!(w[1].start.as_deref(), Some("2015-02"));
        assert!(
            w.iter()
                .take(6)
                .all(|j| j.position.is_some() && j.start.is_some()),
            "{w:#?}"
        );
        assert!(r.has_line("Depuis 10/2022\tChercheur qualifié F.R.S.-FNRS, UMONS, Mons"));
        assert!(r.has_line("De 02/2015 à 09/2022\tChercheur post-doctorant, UMONS, Mons"));
        assert!(r.has_line("2007 à 2013\tDocteur en Sciences, UMONS, Mons"));
        let e = &r.profile.education;
        assert_eq!(
            e[0].degree.as_deref(),
            Some("Docteur en Sciences"),
            "{e:#?}"
        );
        assert_eq!(e[0].institution.as_deref(), Some("UMONS"), "{e:#?}");
        assert_eq!(
            (e[0].start.as_deref(), e[0].end.as_deref()),
            (Some("2007"), Some("2013"))
        );
        assert_eq!(r.profile.diagnostics.page_numbers, 9);
        let (mail, _) = r.icon_span(Icon::Email).expect("email icon");
        assert_eq!(mail, "alexandre.decan@lexpage.net");
        assert_eq!(
            r.profile.source.title.as_deref(),
            Some("Alexandre Decan – Data Scientist – Docteur en Sciences")
        );
    }
    // Schneider: a sidebar ("About Me") beside the main column.
    if let Some(r) = run(&dir, "schneider/cv.pdf") {
        let about = r.index_of("About Me");
        let edu = r.index_of("Education");
        let nat = r.index_of("nationality");
        assert!(
            about < nat && nat < edu || edu < about,
            "sidebar interleaved"
        );
        assert!(r.has_line("10/15-08/18\tBachelor in Physics\tUniversität Heidelberg"));
        // "out-" / "bursts" joined across the line end.
        assert!(r.all_text().contains("induced by outbursts"));
        // A date column: each dated row is a degree, its cells its fields,
        // the lines under it its thesis, advisor and notes.
        type Edu<'a> = (
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let edu: Vec<Edu> = r
            .profile
            .education
            .iter()
            .take(4)
            .map(|e| {
                (
                    e.institution.as_deref(),
                    e.degree.as_deref(),
                    e.field.as_deref(),
                    e.start.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            edu,
            vec![
                (
                    Some("Evangelisches Gymnasium Siegen-Weidenau"),
                    Some("Highschool"),
                    None,
                    Some("2006-09")
                ),
                (
                    Some("Universität Heidelberg"),
                    Some("Bachelor"),
                    Some("Physics"),
                    Some("2015-10")
                ),
                (
                    Some("Universität Heidelberg and Max Planck Institute for Astronomy"),
                    Some("Master"),
                    Some("Physics"),
                    Some("2018-10")
                ),
                (
                    Some("Københavns Universitet and KULeuven"),
                    Some("Doctor of Science"),
                    Some("Astronomy"),
                    Some("2020-11")
                ),
            ]
        );
        let bsc = &r.profile.education[1];
        assert_eq!(
            bsc.thesis.as_deref(),
            Some("Surface waves in protoplanetary disks induced by outbursts")
        );
        assert_eq!(bsc.advisors, vec!["Cornelis P. Dullemond"]);
        // Publications in a date column: "09/18 | authors | venue", the title below.
        let first = &r.profile.publications[0];
        assert_eq!(first.year, Some(2018));
        assert_eq!(
            first.authors,
            vec!["Schneider, A. D.", "Dullemond, C. P.", "Bitsch, B."]
        );
        assert_eq!(
            first.title.as_deref(),
            Some("Surface waves in protoplanetary disks induced by outbursts: Concentric rings in scattered light")
        );
        assert_eq!(first.venue.as_deref(), Some("A & A, Volume 617, id.L7"));
        let with_year = r
            .profile
            .publications
            .iter()
            .filter(|p| p.year.is_some())
            .count();
        assert!(with_year >= 9, "{:#?}", r.profile.publications);
    }
    // Ramezani: icon-only links; their targets become the text, typed.
    if let Some(r) = run(&dir, "ramezani/cv.pdf") {
        let (gh, url) = r.icon_span(Icon::GitHub).expect("github link");
        assert_eq!(gh, "https://github.com/AidaRamezani");
        assert_eq!(url.as_deref(), Some("https://github.com/AidaRamezani"));
        assert!(r.icon_span(Icon::LinkedIn).is_some());
        assert!(r.all_text().contains("Affiliation"), "ff ligature expanded");
        assert!(r.has_line("University of Toronto\t2020 – 2025"));
        // APA references, first lines indented: one entry each, read whole.
        let pubs = &r.profile.publications;
        assert_eq!(pubs.len(), 10, "{pubs:#?}");
        for p in pubs {
            assert!(
                p.authors.len() >= 2 && p.title.is_some() && p.venue.is_some(),
                "{p:#?}"
            );
        }
        assert_eq!(
            pubs[1].title.as_deref(),
            Some("Evolution of the moral lexicon")
        );
        assert_eq!(pubs[1].year, Some(2024));
        assert_eq!(pubs[0].notes, vec!["in press"]);
        assert_eq!(
            pubs[3].notes,
            vec!["Disciplinary Diversity and Integration Award"]
        );
        // Talks: a title (maybe wrapped), then the occasion and its date.
        let talks = &r.profile.talks;
        assert_eq!(talks.len(), 13, "{talks:#?}");
        assert_eq!(
            talks[0].title.as_deref(),
            Some("The discordance between embedded ethics and cultural inference in large language models")
        );
        assert_eq!(talks[0].event.as_deref(), Some("Poster, EMNLP"));
        assert!(talks.iter().all(|t| t.date.is_some()), "{talks:#?}");
        // Teaching: a role and place over its courses.
        let teaching = &r.profile.teaching;
        assert_eq!(teaching.len(), 9, "{teaching:#?}");
        assert!(
            teaching.iter().all(|t| t.role.is_some()
                && t.term.is_some()
                && t.notes == ["University of Toronto"]),
            "{teaching:#?}"
        );
        assert_eq!(teaching[0].role.as_deref(), Some("Head Teaching Assistant"));
    }
    // Andirko: Computer Modern with a built-in encoding, no ToUnicode.
    if let Some(r) = run(&dir, "andirko/cv.pdf") {
        let all = r.all_text();
        assert!(all.contains("Andirkó"), "accented name");
        assert!(!all.contains('\u{fffd}'));
        // "Title. Authors" then "BioRxiv. https://doi.org/... (2021)".
        let pubs = &r.profile.publications;
        for p in pubs.iter().take(4) {
            assert_eq!(p.venue.as_deref(), Some("BioRxiv"), "{p:#?}");
            assert!(p.authors.len() >= 3 && p.year.is_some(), "{p:#?}");
            assert!(
                p.links
                    .iter()
                    .any(|l| l.url.starts_with("https://doi.org/10.1101/")),
                "{p:#?}"
            );
        }
        assert_eq!(pubs[0].authors[1], "Núria Martínez-Gil");
    }
}

#[test]
fn jakes_resume_jobs_and_degree() {
    let Some(dir) = corpus() else { return };
    let Some(r) = run(&dir, "jakes-resume/resume.pdf") else {
        return;
    };
    let p = &r.profile;
    type Job<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let jobs: Vec<Job> = p
        .work
        .iter()
        .map(|w| {
            (
                w.organization.as_deref(),
                w.position.as_deref(),
                w.location.as_deref(),
                w.start.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        jobs,
        vec![
            (
                Some("Viasat Inc."),
                Some("Software Engineer Intern"),
                Some("Carlsbad, CA"),
                Some("2022-06")
            ),
            (
                Some("Ocean Aero Inc."),
                Some("Electrical Engineer Intern"),
                Some("San Diego, CA"),
                Some("2021-06")
            ),
            (
                Some("Qualcomm Inc."),
                Some("GSOC Ops Intern"),
                Some("San Diego, CA"),
                Some("2020-06")
            ),
        ]
    );
    // One degree: "Expected June 2023" is its end, the grade and the
    // coursework its notes (not a second institution named "Coursework").
    assert_eq!(p.education.len(), 1, "{:#?}", p.education);
    let e = &p.education[0];
    assert_eq!(
        e.institution.as_deref(),
        Some("University of California Los Angeles")
    );
    assert_eq!(e.degree.as_deref(), Some("BS"));
    assert_eq!(e.end.as_deref(), Some("2023-06"));
    assert!(e.notes.iter().any(|n| n == "GPA: 3.59"), "{:?}", e.notes);
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("Coursework: Operating Systems")),
        "{:?}",
        e.notes
    );
}

#[test]
fn every_farshin_cv_job_is_whole() {
    let Some(dir) = corpus() else { return };
    // All 35 versions, 2022-2026: 5 to 8 jobs (the older ones predate
    // NVIDIA and RISE), each with its organization, title, place and start.
    let mut rels: Vec<String> = std::fs::read_dir(dir.join("farshin"))
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("cv-") && n.ends_with(".pdf"))
                .map(|n| format!("farshin/{n}"))
                .collect()
        })
        .unwrap_or_default();
    rels.sort();
    assert!(rels.len() >= 30, "{rels:?}");
    for rel in &rels {
        let Some(r) = run(&dir, rel) else { continue };
        let w = &r.profile.work;
        assert!((5..=8).contains(&w.len()), "{rel}: {} jobs", w.len());
        for j in w {
            assert!(
                j.organization.is_some()
                    && j.position.is_some()
                    && j.location.is_some()
                    && j.start.is_some(),
                "{rel}: {j:#?}"
            );
        }
    }
}
