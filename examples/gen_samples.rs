//! Render our own PDF samples from profiles, and write their goldens.
//!
//! Each sample is one profile (the `BASE` below) laid out the way real CVs
//! are: one column with right-aligned locations and dates (Awesome-CV,
//! moderncv banking), a left date column (moderncv classic), two columns with
//! a sidebar (AltaCV, Deedy). They use an icon font for the contacts, link
//! annotations, running headers and page numbers, and an entry split by a
//! page break. The HTML is printed to PDF by headless Chromium, a real PDF
//! producer with embedded subset fonts.
//!
//! The profile a sample was made from is its golden: the generator writes
//! `golden/pdf/<name>.pdf.json` from the source profile, with only the
//! bookkeeping a parse measures (`source`, `sections`, `diagnostics`) taken
//! from parsing the PDF; then it compares the parse with the golden field by
//! field and prints every difference. So the golden says what a reader of the
//! PDF knows, and `tests/golden.rs` fails until the parsers read it all.
//!
//! Usage (from the crate root):
//!   cargo run --example gen_samples            # goldens from the PDFs in samples/pdf
//!   cargo run --example gen_samples -- --render  # print the PDFs again first
//! Rendering needs Debian's `chromium`, `fonts-dejavu-core` and
//! `fonts-font-awesome` (FontAwesome 4.7); nothing is downloaded.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use vitae::profile::Profile;

/// The person every sample describes (a made-up researcher).
const BASE: &str = r#"{
  "schema": "vitae/profile@1",
  "source": {"file": "", "format": "pdf", "pages": null, "sha256": "", "title": null},
  "basics": {
    "name": "Maja Lindqvist",
    "headline": "Systems Researcher",
    "summary": "I build fast and dependable networked systems. My work spans packet processing, operating system kernels and cloud infrastructure, and it has been deployed in production at scale.",
    "email": "maja.lindqvist@example.org",
    "phone": "+46 70 123 45 67",
    "url": "https://example.org/~maja",
    "location": "Uppsala, Sweden",
    "profiles": [
      {"network": "GitHub", "username": "mlindqvist", "url": "https://github.com/mlindqvist"},
      {"network": "LinkedIn", "username": "maja-lindqvist", "url": "https://www.linkedin.com/in/maja-lindqvist"},
      {"network": "Twitter", "username": "majalindqvist", "url": "https://twitter.com/majalindqvist"}
    ]
  },
  "sections": [],
  "work": [
    {"organization": "Northwind Labs", "unit": null, "position": "Senior Systems Engineer",
     "location": "Stockholm, Sweden", "start": "2022-03", "end": "present",
     "dates_text": "Mar 2022 – present", "summary": null,
     "highlights": [
       "Designed the packet steering layer of the company's edge platform, serving 40 million requests per second.",
       "Cut tail latency of the storage service by 35% with a new kernel-bypass I/O path.",
       "Mentored four engineers and led the on-call rotation of the networking team."]},
    {"organization": "Uppsala University", "unit": null, "position": "Doctoral Researcher",
     "location": "Uppsala, Sweden", "start": "2017-09", "end": "2022-02",
     "dates_text": "Sep 2017 – Feb 2022", "summary": null,
     "highlights": [
       "Built a zero-copy packet processing framework used by three research groups.",
       "Taught the graduate course on operating systems for four years."]},
    {"organization": "Contoso Networks", "unit": null, "position": "Software Engineer Intern",
     "location": "Gothenburg, Sweden", "start": "2016-06", "end": "2016-08",
     "dates_text": "Jun 2016 – Aug 2016", "summary": null,
     "highlights": ["Wrote the flow-table compaction tool that shipped with the 5.2 release."]}
  ],
  "education": [
    {"institution": "Uppsala University", "location": "Uppsala, Sweden", "degree": "Ph.D.",
     "field": "Computer Science", "start": "2017-09", "end": "2022-02",
     "dates_text": "Sep 2017 – Feb 2022", "advisors": ["Erik Sandberg"],
     "thesis": "Fast Paths for Slow Networks", "notes": []},
    {"institution": "KTH Royal Institute of Technology", "location": "Stockholm, Sweden",
     "degree": "M.Sc.", "field": "Computer Science", "start": "2015-09", "end": "2017-06",
     "dates_text": "Sep 2015 – Jun 2017", "advisors": [], "thesis": null, "notes": []}
  ],
  "publications": [
    {"key": "C1", "type": "conference",
     "authors": ["Maja Lindqvist", "Omar Haddad", "Erik Sandberg"],
     "title": "Zero-Copy Packet Steering for Multi-Core Servers",
     "venue": "USENIX Symposium on Networked Systems Design and Implementation (NSDI)",
     "venue_short": "NSDI", "year": 2024, "notes": [],
     "links": [{"label": "Download", "url": "https://example.org/papers/steering-nsdi24.pdf"}]},
    {"key": "C2", "type": "conference",
     "authors": ["Omar Haddad", "Maja Lindqvist", "Lena Berg", "Erik Sandberg"],
     "title": "Tail Latency Is a Memory Problem",
     "venue": "European Conference on Computer Systems (EuroSys)",
     "venue_short": "EuroSys", "year": 2022, "notes": [],
     "links": [{"label": "Download", "url": "https://example.org/papers/tail-eurosys22.pdf"}]},
    {"key": "J1", "type": "journal",
     "authors": ["Maja Lindqvist", "Erik Sandberg"],
     "title": "Fast Paths for Slow Networks: A Decade of Kernel Bypass",
     "venue": "IEEE Transactions on Networking (ToN)",
     "venue_short": "ToN", "year": 2023, "notes": [],
     "links": [{"label": "Download", "url": "https://example.org/papers/fastpaths-ton23.pdf"}]},
    {"key": "W1", "type": "workshop",
     "authors": ["Maja Lindqvist", "Lena Berg"],
     "title": "Should Routers Learn?",
     "venue": "Workshop on Hot Topics in Networks (HotNets)",
     "venue_short": "HotNets", "year": 2021, "notes": [],
     "links": [{"label": "Download", "url": "https://example.org/papers/learn-hotnets21.pdf"}]}
  ],
  "patents": [], "projects": [],
  "awards": [
    {"date": "2023", "title": "Best Paper Award, IEEE Transactions on Networking", "awarder": null, "notes": []},
    {"date": "2020", "title": "Google PhD Fellowship in Systems and Networking", "awarder": null, "notes": []}
  ],
  "service": [], "talks": [], "teaching": [], "mentees": [],
  "skills": [
    {"name": "Programming Languages", "keywords": ["C", "Rust", "Go", "Python"]},
    {"name": "Systems", "keywords": ["Linux kernel", "DPDK", "eBPF", "Kubernetes"]}
  ],
  "languages": [
    {"language": "Swedish", "fluency": "Native"},
    {"language": "English", "fluency": "Fluent"},
    {"language": "German", "fluency": "Basic"}
  ],
  "interests": [], "other": [],
  "diagnostics": {"icon_glyphs": 0, "html_tags": 0, "html_entities": 0, "mojibake_fixes": 0,
    "latex_commands": 0, "liquid_tags": 0, "dotted_leaders": 0, "markdown_escapes": 0,
    "ligatures": 0, "hyphenations_joined": 0, "header_footer_lines": 0, "page_numbers": 0,
    "warnings": []}
}"#;

/// FontAwesome 4.7 code points of the contact icons.
const FA_ENVELOPE: &str = "&#xf0e0;";
const FA_PHONE: &str = "&#xf095;";
const FA_GLOBE: &str = "&#xf0ac;";
const FA_MAP: &str = "&#xf041;";
const FA_GITHUB: &str = "&#xf09b;";
const FA_LINKEDIN: &str = "&#xf0e1;";
const FA_TWITTER: &str = "&#xf099;";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn icon(code: &str) -> String {
    format!("<span class=\"fa\">{code}</span>")
}

/// The contact line: each item an icon and its text, linked.
fn contacts(p: &Profile, sep: &str) -> String {
    let b = &p.basics;
    let mut items = Vec::new();
    if let Some(l) = &b.location {
        items.push(format!("{} {}", icon(FA_MAP), esc(l)));
    }
    if let Some(e) = &b.email {
        items.push(format!(
            "<a href=\"mailto:{0}\">{1} {0}</a>",
            esc(e),
            icon(FA_ENVELOPE)
        ));
    }
    if let Some(ph) = &b.phone {
        items.push(format!("{} {}", icon(FA_PHONE), esc(ph)));
    }
    if let Some(u) = &b.url {
        let shown = u.trim_start_matches("https://");
        items.push(format!(
            "<a href=\"{}\">{} {}</a>",
            esc(u),
            icon(FA_GLOBE),
            esc(shown)
        ));
    }
    for pr in &b.profiles {
        let code = match pr.network.as_str() {
            "GitHub" => FA_GITHUB,
            "LinkedIn" => FA_LINKEDIN,
            _ => FA_TWITTER,
        };
        items.push(format!(
            "<a href=\"{}\">{} {}</a>",
            esc(pr.url.as_deref().unwrap_or("")),
            icon(code),
            esc(pr.username.as_deref().unwrap_or(""))
        ));
    }
    items.join(sep)
}

fn highlights(h: &[String]) -> String {
    if h.is_empty() {
        return String::new();
    }
    let items: Vec<String> = h.iter().map(|x| format!("<li>{}</li>", esc(x))).collect();
    format!("<ul>{}</ul>", items.join(""))
}

/// `[C1] Authors. Title. In Venue, 2024. Download`
fn publication(pb: &vitae::profile::Publication) -> String {
    let links: Vec<String> = pb
        .links
        .iter()
        .map(|l| format!(" <a href=\"{}\">{}</a>", esc(&l.url), esc(&l.label)))
        .collect();
    let authors: Vec<String> = pb
        .authors
        .iter()
        .map(|a| {
            if a == "Maja Lindqvist" {
                format!("<b>{}</b>", esc(a))
            } else {
                esc(a)
            }
        })
        .collect();
    let title = pb.title.as_deref().unwrap_or("");
    // A title ending in its own punctuation takes no full stop.
    let stop = if title.ends_with(['?', '!', '.']) {
        ""
    } else {
        "."
    };
    format!(
        "<div class=\"pub\"><span class=\"key\">[{}]</span>{}. {}{stop} In <i>{}</i>, {}.{}</div>",
        esc(pb.key.as_deref().unwrap_or("")),
        authors.join(", "),
        esc(title),
        esc(pb.venue.as_deref().unwrap_or("")),
        pb.year.unwrap_or(0),
        links.join("")
    )
}

fn skills(p: &Profile) -> String {
    p.skills
        .iter()
        .map(|s| {
            format!(
                "<div><b>{}</b>: {}</div>",
                esc(s.name.as_deref().unwrap_or("")),
                esc(&s.keywords.join(", "))
            )
        })
        .collect()
}

fn languages(p: &Profile) -> String {
    let l: Vec<String> = p
        .languages
        .iter()
        .map(|l| {
            format!(
                "{} ({})",
                esc(&l.language),
                esc(l.fluency.as_deref().unwrap_or(""))
            )
        })
        .collect();
    format!("<div>{}</div>", l.join(", "))
}

fn awards(p: &Profile) -> String {
    p.awards
        .iter()
        .map(|a| {
            format!(
                "<div><b>{}</b>: {}</div>",
                esc(a.date.as_deref().unwrap_or("")),
                esc(a.title.as_deref().unwrap_or(""))
            )
        })
        .collect()
}

fn education_entry(e: &vitae::profile::Education) -> String {
    let mut s = String::new();
    if !e.advisors.is_empty() {
        s.push_str(&format!(
            "<div>Advisor: Prof. {}</div>",
            esc(&e.advisors.join(", "))
        ));
    }
    if let Some(t) = &e.thesis {
        s.push_str(&format!("<div>Thesis: {}</div>", esc(t)));
    }
    s
}

const COMMON_CSS: &str = "
  body { font-family: 'DejaVu Sans'; font-size: 9.5pt; line-height: 1.32; margin: 0; color: #111 }
  a { color: inherit; text-decoration: none }
  .fa { font-family: FontAwesome; font-size: 9pt; }
  h1 { font-size: 22pt; font-weight: bold; margin: 0 0 2pt 0 }
  h2 { font-size: 13pt; font-weight: bold; margin: 12pt 0 5pt 0; padding-bottom: 1pt; border-bottom: 0.8pt solid #333 }
  ul { margin: 1pt 0 0 0; padding-left: 16pt }
  li { margin: 0 }
  .entry { margin-bottom: 7pt }
  .pub { padding-left: 28pt; text-indent: -28pt; margin-bottom: 5pt }
  .pub .key { display: inline-block; width: 28pt; text-indent: 0 }
";

/// One column; the organization and its location on a line, the position and
/// its dates on the next, both right-aligned; a running header and page
/// numbers in the page margins.
fn one_column(p: &Profile) -> String {
    let b = &p.basics;
    let mut h = String::new();
    h.push_str(&format!(
        "<h1>{}</h1><div class=\"headline\">{}</div><div class=\"contacts\">{}</div>",
        esc(b.name.as_deref().unwrap_or("")),
        esc(b.headline.as_deref().unwrap_or("")),
        contacts(p, " &nbsp;·&nbsp; ")
    ));
    h.push_str(&format!(
        "<h2>Summary</h2><p>{}</p>",
        esc(b.summary.as_deref().unwrap_or(""))
    ));
    h.push_str("<h2>Experience</h2>");
    for w in &p.work {
        h.push_str(&format!(
            "<div class=\"entry\"><div class=\"row\"><b>{}</b><span>{}</span></div>\
             <div class=\"row\"><i>{}</i><i>{}</i></div>{}</div>",
            esc(w.organization.as_deref().unwrap_or("")),
            esc(w.location.as_deref().unwrap_or("")),
            esc(w.position.as_deref().unwrap_or("")),
            esc(w.dates_text.as_deref().unwrap_or("")),
            highlights(&w.highlights)
        ));
    }
    h.push_str("<h2>Education</h2>");
    for e in &p.education {
        h.push_str(&format!(
            "<div class=\"entry\"><div class=\"row\"><b>{}</b><span>{}</span></div>\
             <div class=\"row\"><i>{} in {}</i><i>{}</i></div>{}</div>",
            esc(e.institution.as_deref().unwrap_or("")),
            esc(e.location.as_deref().unwrap_or("")),
            esc(e.degree.as_deref().unwrap_or("")),
            esc(e.field.as_deref().unwrap_or("")),
            esc(e.dates_text.as_deref().unwrap_or("")),
            education_entry(e)
        ));
    }
    h.push_str("<h2>Publications</h2>");
    for pb in &p.publications {
        h.push_str(&publication(pb));
    }
    h.push_str(&format!("<h2>Awards</h2>{}", awards(p)));
    h.push_str(&format!("<h2>Skills</h2>{}", skills(p)));
    h.push_str(&format!("<h2>Languages</h2>{}", languages(p)));
    page(
        p,
        "@page { size: A4; margin: 20mm 18mm 18mm 18mm;
           @top-left { content: 'Maja Lindqvist'; font: 8pt 'DejaVu Sans'; color: #444 }
           @top-right { content: 'Curriculum Vitae'; font: 8pt 'DejaVu Sans'; color: #444 }
           @bottom-center { content: counter(page) ' / ' counter(pages); font: 8pt 'DejaVu Sans' } }
         body { font-size: 10.5pt; line-height: 1.4 }
         .row { display: flex; justify-content: space-between }
         .contacts { margin-top: 4pt; font-size: 9pt }",
        &h,
    )
}

/// moderncv's classic style: dates in a left column, the entry beside them.
fn date_column(p: &Profile) -> String {
    let b = &p.basics;
    let mut h = String::new();
    h.push_str(&format!(
        "<h1>{}</h1><div class=\"headline\">{}</div><div class=\"contacts\">{}</div>",
        esc(b.name.as_deref().unwrap_or("")),
        esc(b.headline.as_deref().unwrap_or("")),
        contacts(p, "<br>")
    ));
    let item = |left: &str, right: &str| {
        format!("<div class=\"item\"><div class=\"left\">{left}</div><div class=\"right\">{right}</div></div>")
    };
    h.push_str(&format!(
        "<h2>Summary</h2>{}",
        item("", &esc(b.summary.as_deref().unwrap_or("")))
    ));
    h.push_str("<h2>Experience</h2>");
    for w in &p.work {
        let right = format!(
            "<b>{}</b>, <i>{}</i>, {}{}",
            esc(w.position.as_deref().unwrap_or("")),
            esc(w.organization.as_deref().unwrap_or("")),
            esc(w.location.as_deref().unwrap_or("")),
            highlights(&w.highlights)
        );
        h.push_str(&item(&esc(w.dates_text.as_deref().unwrap_or("")), &right));
    }
    h.push_str("<h2>Education</h2>");
    for e in &p.education {
        let right = format!(
            "<b>{} in {}</b>, <i>{}</i>, {}{}",
            esc(e.degree.as_deref().unwrap_or("")),
            esc(e.field.as_deref().unwrap_or("")),
            esc(e.institution.as_deref().unwrap_or("")),
            esc(e.location.as_deref().unwrap_or("")),
            education_entry(e)
        );
        h.push_str(&item(&esc(e.dates_text.as_deref().unwrap_or("")), &right));
    }
    h.push_str("<h2>Publications</h2>");
    for pb in &p.publications {
        h.push_str(&item("", &publication(pb)));
    }
    h.push_str("<h2>Awards</h2>");
    for a in &p.awards {
        h.push_str(&item(
            &esc(a.date.as_deref().unwrap_or("")),
            &esc(a.title.as_deref().unwrap_or("")),
        ));
    }
    h.push_str(&format!("<h2>Skills</h2>{}", item("", &skills(p))));
    h.push_str(&format!("<h2>Languages</h2>{}", item("", &languages(p))));
    page(
        p,
        "@page { size: A4; margin: 18mm 20mm 20mm 16mm;
           @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font: 8pt 'DejaVu Sans' } }
         body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 1.35 }
         h1 { font-size: 26pt; font-weight: normal }
         h2 { margin-left: 27%; border-bottom: none; color: #235 }
         .item { display: flex; margin-bottom: 6pt }
         .left { width: 24%; text-align: right; padding-right: 3%; flex: none }
         .right { flex: 1 }
         .contacts { position: absolute; top: 0; right: 0; text-align: right; font-size: 9.5pt }",
        &h,
    )
}

/// Two columns: a shaded sidebar (contacts, skills, languages, education)
/// and the main column (summary, experience, publications, awards).
fn sidebar(p: &Profile) -> String {
    let b = &p.basics;
    let mut side = String::new();
    side.push_str(&format!(
        "<h1>{}</h1><div class=\"headline\">{}</div><h2>Contact</h2><div class=\"contacts\">{}</div>",
        esc(b.name.as_deref().unwrap_or("")),
        esc(b.headline.as_deref().unwrap_or("")),
        contacts(p, "<br>")
    ));
    side.push_str(&format!("<h2>Skills</h2>{}", skills(p)));
    side.push_str(&format!("<h2>Languages</h2>{}", languages(p)));
    side.push_str("<h2>Education</h2>");
    for e in &p.education {
        side.push_str(&format!(
            "<div class=\"entry\"><b>{}</b><br>{} in {}<br>{}<br>{}{}</div>",
            esc(e.institution.as_deref().unwrap_or("")),
            esc(e.degree.as_deref().unwrap_or("")),
            esc(e.field.as_deref().unwrap_or("")),
            esc(e.dates_text.as_deref().unwrap_or("")),
            esc(e.location.as_deref().unwrap_or("")),
            education_entry(e)
        ));
    }
    let mut main = String::new();
    main.push_str(&format!(
        "<h2>Summary</h2><p>{}</p>",
        esc(b.summary.as_deref().unwrap_or(""))
    ));
    main.push_str("<h2>Experience</h2>");
    for w in &p.work {
        main.push_str(&format!(
            "<div class=\"entry\"><div class=\"row\"><b>{}</b><span>{}</span></div>\
             <div class=\"row\"><i>{}</i><i>{}</i></div>{}</div>",
            esc(w.organization.as_deref().unwrap_or("")),
            esc(w.location.as_deref().unwrap_or("")),
            esc(w.position.as_deref().unwrap_or("")),
            esc(w.dates_text.as_deref().unwrap_or("")),
            highlights(&w.highlights)
        ));
    }
    main.push_str("<h2>Publications</h2>");
    for pb in &p.publications {
        main.push_str(&publication(pb));
    }
    main.push_str(&format!("<h2>Awards</h2>{}", awards(p)));
    let h = format!("<div class=\"side\">{side}</div><div class=\"main\">{main}</div>");
    page(
        p,
        "@page { size: A4; margin: 12mm 12mm 12mm 0 }
         body { display: flex; font-size: 9pt }
         .side { width: 33%; flex: none; background: #e8eef4; padding: 0 10pt 0 14mm; box-sizing: border-box }
         .main { flex: 1; padding-left: 14pt }
         .side h1 { font-size: 16pt }
         .side h2 { font-size: 11.5pt }
         .row { display: flex; justify-content: space-between }",
        &h,
    )
}

fn page(p: &Profile, css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{} – Curriculum Vitae</title>\
         <style>{COMMON_CSS}{css}</style></head><body>{body}</body></html>",
        esc(p.basics.name.as_deref().unwrap_or(""))
    )
}

/// The samples: file name, layout, and what of the profile the layout shows.
/// A sample's file stem and the HTML layout that renders it.
type Layout = (&'static str, fn(&Profile) -> String);

fn samples() -> Vec<Layout> {
    vec![
        ("one-column", one_column as fn(&Profile) -> String),
        ("date-column", date_column),
        ("sidebar", sidebar),
    ]
}

fn render(html: &str, out: &Path) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let src = dir.path().join("cv.html");
    std::fs::write(&src, html).map_err(|e| e.to_string())?;
    let profile_dir = dir.path().join("profile");
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile_dir.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", src.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run chromium ({e}): apt-get install chromium"))?;
    if !status.success() || !out.exists() {
        return Err(format!("chromium failed on {}", out.display()));
    }
    Ok(())
}

/// Differences between two JSON values, one line each.
fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                diff(
                    &format!("{path}.{k}"),
                    v,
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                diff(
                    &format!("{path}[{i}]"),
                    a.get(i).unwrap_or(&Value::Null),
                    b.get(i).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ if want != got => out.push(format!("{path}: want {want}, got {got}")),
        _ => {}
    }
}

fn main() {
    let render_pdfs = std::env::args().any(|a| a == "--render");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let samples_dir = root.join("samples/pdf");
    let golden_dir = root.join("golden/pdf");
    for d in [&samples_dir, &golden_dir] {
        if let Err(e) = std::fs::create_dir_all(d) {
            eprintln!("{}: {e}", d.display());
            std::process::exit(2);
        }
    }
    let base: Profile = serde_json::from_str(BASE).expect("BASE is a profile");
    let mut failed = false;
    for (name, layout) in samples() {
        let pdf = samples_dir.join(format!("{name}.pdf"));
        if render_pdfs {
            if let Err(e) = render(&layout(&base), &pdf) {
                eprintln!("{name}: {e}");
                std::process::exit(2);
            }
        }
        let got = match vitae::parse_path(&pdf, &vitae::Options::default()) {
            Ok(p) => p,
            Err(e) => {
                eprintln!(
                    "{}: {} ({}); run with --render first",
                    pdf.display(),
                    e.message,
                    e.kind
                );
                std::process::exit(2);
            }
        };
        let mut want = base.clone();
        want.source = got.source.clone();
        want.sections = got.sections.clone();
        want.diagnostics = got.diagnostics.clone();
        let golden = golden_dir.join(format!("{name}.pdf.json"));
        if let Err(e) = std::fs::write(&golden, vitae::export::to_json(&want)) {
            eprintln!("{}: {e}", golden.display());
            std::process::exit(2);
        }
        let (w, g) = (
            serde_json::to_value(&want).expect("json"),
            serde_json::to_value(&got).expect("json"),
        );
        let mut diffs = Vec::new();
        diff("", &w, &g, &mut diffs);
        println!(
            "{name}: {} pages, {} fields differ from the source profile",
            got.source.pages.unwrap_or(0),
            diffs.len()
        );
        for d in &diffs {
            println!("  {d}");
        }
        failed |= !diffs.is_empty();
    }
    if failed {
        println!(
            "(the goldens hold the source profiles; tests/golden.rs fails until the parse matches)"
        );
    }
}
