//! Every Markdown file of the corpus of real CVs parses without a panic into a
//! profile of clean strings; and for a few documents, the facts a reader can
//! check by eye (entry counts, a degree, an institution, a year, a title).
//!
//! The corpus is read in place from `$VITAE_CORPUS`, else `../shared/corpus`
//! beside the crate; without it these tests print a note and pass.

mod common;

use common::{check_value, corpus_dir, files_with_ext};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vitae::profile::{Profile, ProjectKind, PublicationType, SectionKind};

fn corpus() -> Option<PathBuf> {
    let dir = corpus_dir();
    if dir.is_none() {
        eprintln!(
            "note: corpus not found (set VITAE_CORPUS or place it at ../shared/corpus): skipped"
        );
    }
    dir
}

fn parse(path: &Path) -> Profile {
    match vitae::parse_path(path, &vitae::Options::default()) {
        Ok(p) => p,
        Err(e) => panic!("{}: {} ({})", path.display(), e.message, e.kind),
    }
}

#[test]
fn every_markdown_file_parses_to_clean_strings() {
    let Some(dir) = corpus() else { return };
    let files: Vec<PathBuf> = files_with_ext(&dir, ".md")
        .into_iter()
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
        })
        .collect();
    assert!(
        !files.is_empty(),
        "no Markdown files under {}",
        dir.display()
    );
    let mut report = String::new();
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for f in &files {
        let rel = f.strip_prefix(&dir).unwrap_or(f).display().to_string();
        let start = Instant::now();
        // A panic is caught per file so one report names every failing file.
        let got = std::panic::catch_unwind(|| vitae::parse_path(f, &vitae::Options::default()));
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, f.clone());
        }
        match got {
            Err(_) => report.push_str(&format!("{rel}: PANIC\n")),
            Ok(Err(e)) => report.push_str(&format!("{rel}: error {}: {}\n", e.kind, e.message)),
            Ok(Ok(p)) => {
                let v = serde_json::to_value(&p).expect("profile serializes");
                let bad = check_value(&v);
                // A few per file keep the report readable; the count tells the rest.
                for b in bad.iter().take(8) {
                    report.push_str(&format!("{rel}: {b}\n"));
                }
                if bad.len() > 8 {
                    report.push_str(&format!("{rel}: ... and {} more\n", bad.len() - 8));
                }
            }
        }
    }
    eprintln!(
        "{} Markdown files; slowest {:?} ({})",
        files.len(),
        slowest.0,
        slowest.1.display()
    );
    assert!(report.is_empty(), "corpus Markdown problems:\n{report}");
}

/// Collects every mismatch of a document so one run shows them all.
struct Facts {
    doc: String,
    bad: Vec<String>,
}

impl Facts {
    fn new(doc: &str) -> Self {
        Facts {
            doc: doc.into(),
            bad: Vec::new(),
        }
    }

    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, got: T, want: T) {
        if got != want {
            self.bad.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    }

    fn check(&mut self, what: &str, ok: bool, detail: impl std::fmt::Debug) {
        if !ok {
            self.bad.push(format!("{what}: {detail:?}"));
        }
    }

    fn done(self) {
        assert!(
            self.bad.is_empty(),
            "{}: {} facts wrong:\n  {}",
            self.doc,
            self.bad.len(),
            self.bad.join("\n  ")
        );
    }
}

/// Every string of a JSON-serializable value, for "this text is kept somewhere" facts.
fn strings_of<T: serde::Serialize>(v: &T) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(v).expect("serializes"), &mut out);
    out
}

fn mentions<T: serde::Serialize>(v: &T, needle: &str) -> bool {
    strings_of(v).iter().any(|s| s.contains(needle))
}

fn section_kinds(p: &Profile) -> Vec<SectionKind> {
    p.sections.iter().map(|s| s.kind).collect()
}

fn opt(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// schneider/cv-page.md: an academicpages CV page, partly customised.
#[test]
fn schneider_cv_page() {
    let Some(dir) = corpus() else { return };
    let p = parse(&dir.join("schneider/cv-page.md"));
    let mut f = Facts::new("schneider/cv-page.md");
    f.eq("source.title", p.source.title.clone(), opt("CV"));
    f.eq(
        "section kinds",
        section_kinds(&p),
        vec![
            SectionKind::Education,
            SectionKind::Work,
            SectionKind::Publications,
        ],
    );

    f.eq("education count", p.education.len(), 3);
    let want = [
        ("B.S.", "Physics", "Heidelberg University", "2018"),
        ("M.S.", "Physics", "Heidelberg University", "2020"),
        (
            "Ph.D",
            "Astrophysics",
            "Copenhagen University & KULeuven",
            "2023",
        ),
    ];
    for (i, (e, (deg, field, inst, end))) in p.education.iter().zip(want).enumerate() {
        f.eq(
            &format!("education[{i}].degree"),
            e.degree.clone(),
            opt(deg),
        );
        f.eq(
            &format!("education[{i}].field"),
            e.field.clone(),
            opt(field),
        );
        f.eq(
            &format!("education[{i}].institution"),
            e.institution.clone(),
            opt(inst),
        );
        f.eq(&format!("education[{i}].end"), e.end.clone(), opt(end));
    }

    // "Previous work": a bachelor and a master thesis project, each with its place.
    f.eq("work count", p.work.len(), 2);
    if let [a, b] = p.work.as_slice() {
        f.eq(
            "work[0].position",
            a.position.clone(),
            opt("Bachelor thesis"),
        );
        f.eq(
            "work[0].organization",
            a.organization.clone(),
            opt("Heidelberg University"),
        );
        f.eq("work[0].start", a.start.clone(), opt("2018"));
        f.check(
            "work[0] keeps its description",
            mentions(a, "surface waves in protoplanetary disks"),
            a,
        );
        f.eq("work[1].position", b.position.clone(), opt("Master thesis"));
        f.eq(
            "work[1].organization",
            b.organization.clone(),
            opt("Max Planck Institute of Astronomy"),
        );
        // Seasons keep only their year.
        f.eq("work[1].start", b.start.clone(), opt("2019"));
        f.eq("work[1].end", b.end.clone(), opt("2020"));
        f.eq(
            "work[1].dates_text",
            b.dates_text.clone(),
            opt("Fall 2019 - Fall 2020"),
        );
        f.check(
            "work[1] keeps its supervisor",
            mentions(b, "Bertram Bitsch"),
            b,
        );
    }

    // The Publications section only points to ADS: no entries, but the link is kept.
    f.eq("publications count", p.publications.len(), 0);
    f.check(
        "ADS link kept",
        mentions(&p, "https://ui.adsabs.harvard.edu/search/"),
        &p.other,
    );
    f.check(
        "PDF CV link kept",
        mentions(&p, "https://aarondavidschneider.github.io/files/cv.pdf"),
        &p.other,
    );
    f.done();
}

/// ramezani/cv-page.md: the academicpages template's own cv.md, barely edited.
#[test]
fn ramezani_cv_page() {
    let Some(dir) = corpus() else { return };
    let p = parse(&dir.join("ramezani/cv-page.md"));
    let mut f = Facts::new("ramezani/cv-page.md");
    f.eq("source.title", p.source.title.clone(), opt("CV"));
    f.eq(
        "section kinds",
        section_kinds(&p),
        vec![
            SectionKind::Education,
            SectionKind::Work,
            SectionKind::Skills,
            SectionKind::Publications,
            SectionKind::Talks,
            SectionKind::Teaching,
            SectionKind::Service,
        ],
    );

    f.eq("education count", p.education.len(), 3);
    let want = [
        ("B.S.", "GitHub", "2012"),
        ("M.S.", "Jekyll", "2014"),
        ("Ph.D", "Version Control Theory", "2018"),
    ];
    for (i, (e, (deg, field, end))) in p.education.iter().zip(want).enumerate() {
        f.eq(
            &format!("education[{i}].degree"),
            e.degree.clone(),
            opt(deg),
        );
        f.eq(
            &format!("education[{i}].field"),
            e.field.clone(),
            opt(field),
        );
        f.eq(
            &format!("education[{i}].institution"),
            e.institution.clone(),
            opt("GitHub University"),
        );
        f.eq(&format!("education[{i}].end"), e.end.clone(), opt(end));
    }
    // `2018 (expected)` keeps the date and adds a note.
    if let Some(phd) = p.education.get(2) {
        f.check(
            "education[2] notes the expected degree",
            phd.notes
                .iter()
                .any(|n| n.to_lowercase().contains("expected")),
            &phd.notes,
        );
    }

    f.eq("work count", p.work.len(), 2);
    for (i, (w, (start, duty))) in p
        .work
        .iter()
        .zip([
            ("2015", "Tagging issues"),
            ("2015", "Merging pull requests"),
        ])
        .enumerate()
    {
        f.eq(
            &format!("work[{i}].position"),
            w.position.clone(),
            opt("Research Assistant"),
        );
        f.eq(
            &format!("work[{i}].organization"),
            w.organization.clone(),
            opt("Github University"),
        );
        f.eq(&format!("work[{i}].start"), w.start.clone(), opt(start));
        f.check(&format!("work[{i}] keeps its duties"), mentions(w, duty), w);
    }

    // Skill 2 is a category over three sub-skills; all six names are kept, once each.
    let names: Vec<String> = p
        .skills
        .iter()
        .flat_map(|s| s.name.iter().cloned().chain(s.keywords.iter().cloned()))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    f.eq(
        "skill names and keywords",
        sorted,
        [
            "Skill 1",
            "Skill 2",
            "Skill 3",
            "Sub-skill 2.1",
            "Sub-skill 2.2",
            "Sub-skill 2.3",
        ]
        .map(String::from)
        .to_vec(),
    );
    let cat = p
        .skills
        .iter()
        .find(|s| s.keywords.iter().any(|k| k == "Sub-skill 2.1"));
    f.eq(
        "the category of Sub-skill 2.1",
        cat.and_then(|s| s.name.clone()),
        opt("Skill 2"),
    );

    // Publications, Talks and Teaching are Liquid loops: nothing to parse.
    f.eq("publications count", p.publications.len(), 0);
    f.eq("talks count", p.talks.len(), 0);
    f.eq("teaching count", p.teaching.len(), 0);

    f.eq("service count", p.service.len(), 1);
    f.check(
        "service[0] keeps its text",
        p.service
            .first()
            .is_some_and(|s| mentions(s, "43 different slack teams")),
        &p.service,
    );
    f.done();
}

/// ramezani/about.md: a homepage with awards, surname-first publications, and a
/// long HTML comment (the template's instructions) that is not content.
#[test]
fn ramezani_about() {
    let Some(dir) = corpus() else { return };
    let p = parse(&dir.join("ramezani/about.md"));
    let mut f = Facts::new("ramezani/about.md");
    f.eq(
        "source.title (empty in the front matter)",
        p.source.title.clone(),
        None,
    );
    f.check(
        "summary is the introduction",
        p.basics.summary.as_deref().is_some_and(|s| {
            s.starts_with("I am a postdoctoral fellow at the Data Science Institute")
        }),
        &p.basics.summary,
    );
    let titles: Vec<&str> = p.sections.iter().map(|s| s.title.as_str()).collect();
    let mut want = ["Awards", "Publications", "Education", "Work Experience"]
        .into_iter()
        .peekable();
    for t in &titles {
        if want.peek() == Some(t) {
            want.next();
        }
    }
    f.check("sections in order", want.peek().is_none(), &titles);
    // The HTML comment at the end is dropped, headings and all.
    f.check(
        "commented-out text dropped",
        !mentions(&p, "Getting started"),
        &titles,
    );
    f.check(
        "commented-out text dropped",
        !mentions(&p, "academicpages makes you separate"),
        "found in the profile",
    );

    f.eq("awards count", p.awards.len(), 5);
    if let Some(a) = p.awards.first() {
        f.eq(
            "awards[0].title",
            a.title.clone(),
            opt("DSI Postdoctoral fellowship"),
        );
        f.eq("awards[0].date", a.date.clone(), opt("2025"));
    }
    if let Some(a) = p.awards.get(1) {
        // A range in a one-date field: the start.
        f.eq("awards[1].date", a.date.clone(), opt("2022"));
    }

    f.eq("publications count", p.publications.len(), 10);
    if let Some(pb) = p.publications.first() {
        // Surname-first list: one whole name per author.
        f.eq("publications[0].authors count", pb.authors.len(), 4);
        f.check(
            "publications[0].authors[0]",
            pb.authors.first().is_some_and(|a| a.contains("Ramezani")),
            &pb.authors,
        );
        f.eq(
            "publications[0].title",
            pb.title.clone(),
            opt("Historical reconstruction of human moralization with word association and text corpora"),
        );
        let labels: Vec<&str> = pb.links.iter().map(|l| l.label.as_str()).collect();
        f.eq(
            "publications[0] link labels",
            labels,
            vec!["pdf", "code", "api"],
        );
    }
    if let Some(pb) = p.publications.get(2) {
        f.eq("publications[2].authors count", pb.authors.len(), 3);
        f.check(
            "publications[2] notes its award",
            pb.notes
                .iter()
                .any(|n| n.contains("Disciplinary Diversity and Integration Award")),
            &pb.notes,
        );
    }
    if let Some(pb) = p.publications.get(3) {
        f.eq(
            "publications[3].title",
            pb.title.clone(),
            opt("Evolution of the moral lexicon"),
        );
        f.eq("publications[3].venue", pb.venue.clone(), opt("Open Mind"));
        f.eq("publications[3].year", pb.year, Some(2024));
    }
    if let Some(pb) = p.publications.get(9) {
        f.eq("publications[9].year", pb.year, Some(2021));
        f.eq("publications[9].authors count", pb.authors.len(), 4);
    }

    f.eq("education count", p.education.len(), 2);
    if let Some(e) = p.education.first() {
        f.eq("education[0].degree", e.degree.clone(), opt("PhD"));
        f.eq(
            "education[0].field",
            e.field.clone(),
            opt("Computer Science"),
        );
        f.eq(
            "education[0].institution",
            e.institution.clone(),
            opt("University of Toronto"),
        );
        f.eq("education[0].start", e.start.clone(), opt("2020-09"));
        f.eq("education[0].end", e.end.clone(), opt("2025-12"));
    }
    if let Some(e) = p.education.get(1) {
        f.eq("education[1].degree", e.degree.clone(), opt("BSc"));
        f.eq(
            "education[1].institution",
            e.institution.clone(),
            opt("Sharif University of Technology"),
        );
        f.eq("education[1].end", e.end.clone(), opt("2020-07"));
    }

    f.eq("work count", p.work.len(), 2);
    if let Some(w) = p.work.first() {
        f.eq(
            "work[0].position",
            w.position.clone(),
            opt("Intern of Technical Staff"),
        );
        f.eq(
            "work[0].organization",
            w.organization.clone(),
            opt("Cohere"),
        );
        f.eq("work[0].start", w.start.clone(), opt("2025"));
    }
    f.done();
}

/// rao/about.md: an economist's homepage, papers as Markdown links with the
/// co-authors in prose and the journal after a `---` dash.
#[test]
fn rao_about() {
    let Some(dir) = corpus() else { return };
    let p = parse(&dir.join("rao/about.md"));
    let mut f = Facts::new("rao/about.md");
    f.eq(
        "source.title (empty in the front matter)",
        p.source.title.clone(),
        None,
    );
    f.check(
        "summary is the introduction",
        p.basics
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("I am a Donald P. Jacobs Scholar")),
        &p.basics.summary,
    );
    // "I received my Ph.D. from Harvard University in 2026."
    f.eq("education count", p.education.len(), 1);
    if let Some(e) = p.education.first() {
        f.eq(
            "education[0].institution",
            e.institution.clone(),
            opt("Harvard University"),
        );
        f.eq("education[0].degree", e.degree.clone(), opt("Ph.D."));
        f.eq("education[0].end", e.end.clone(), opt("2026"));
    }

    // Job market paper, four published papers, one non-refereed, three op-eds.
    let titles: Vec<&str> = p
        .publications
        .iter()
        .filter_map(|x| x.title.as_deref())
        .collect();
    f.eq(
        "publication titles",
        titles,
        vec![
            "The Business of the Culture War",
            "Polarisation and Public Policy: Political Adverse Selection under Obamacare",
            "The Immigrant Next Door",
            "Justifying Dissent",
            "Opinions as Facts",
            "Scapegoating During Crises",
            "Excuses for prejudice",
            "Long-run contact with immigrant groups, prejudice, and altruism",
            "Rationales and social cover",
        ],
    );
    f.eq("publications count", p.publications.len(), 9);
    for pb in &p.publications {
        for a in &pb.authors {
            f.check(
                "author names hold no prose",
                !a.starts_with("with ")
                    && !a.starts_with("and ")
                    && !a.contains('(')
                    && !a.contains(')'),
                a,
            );
        }
    }
    let find = |t: &str| {
        p.publications
            .iter()
            .find(|x| x.title.as_deref() == Some(t))
    };
    if let Some(pb) = find("The Immigrant Next Door") {
        f.eq(
            "Immigrant Next Door: type",
            pb.kind,
            PublicationType::Journal,
        );
        f.eq(
            "Immigrant Next Door: venue",
            pb.venue.clone(),
            opt("American Economic Review"),
        );
        f.eq("Immigrant Next Door: year", pb.year, Some(2024));
        for co in ["Leonardo Bursztyn", "Thomas Chaney", "Tarek A. Hassan"] {
            f.check(
                &format!("Immigrant Next Door: co-author {co}"),
                pb.authors.iter().any(|a| a == co),
                &pb.authors,
            );
        }
        f.check(
            "Immigrant Next Door: DOI link",
            pb.links
                .iter()
                .any(|l| l.url == "https://doi.org/10.1257/aer.20220376"),
            &pb.links,
        );
        f.check(
            "Immigrant Next Door: volume kept",
            mentions(pb, "114(2)"),
            pb,
        );
    }
    if let Some(pb) =
        find("Polarisation and Public Policy: Political Adverse Selection under Obamacare")
    {
        f.eq(
            "Polarisation: venue",
            pb.venue.clone(),
            opt("The Economic Journal"),
        );
        f.eq("Polarisation: year", pb.year, Some(2025));
        for co in [
            "Leonardo Bursztyn",
            "Jonathan Kolstad",
            "Pietro Tebaldi",
            "Noam Yuchtman",
        ] {
            f.check(
                &format!("Polarisation: co-author {co}"),
                pb.authors.iter().any(|a| a == co),
                &pb.authors,
            );
        }
    }
    if let Some(pb) = find("Justifying Dissent") {
        f.eq(
            "Justifying Dissent: venue",
            pb.venue.clone(),
            opt("Quarterly Journal of Economics"),
        );
        f.eq("Justifying Dissent: year", pb.year, Some(2023));
    }
    if let Some(pb) = find("The Business of the Culture War") {
        f.check(
            "job market paper: co-author",
            pb.authors.iter().any(|a| a == "Shakked Noy"),
            &pb.authors,
        );
        f.check(
            "job market paper: press kept",
            mentions(pb, "Financial Times"),
            pb,
        );
    }

    // "Statistical Software": an open-source package, not a paper.
    let star = p
        .projects
        .iter()
        .find(|x| x.name.as_deref() == Some("starbility"));
    f.check("starbility is a project", star.is_some(), &p.projects);
    if let Some(s) = star {
        f.eq("starbility kind", s.kind, ProjectKind::Software);
        f.eq(
            "starbility url",
            s.url.clone(),
            opt("https://github.com/AakaashRao/starbility"),
        );
    }
    f.done();
}

/// schneider/_publications/*.md: one academicpages publication page each.
#[test]
fn schneider_publication_pages() {
    let Some(dir) = corpus() else { return };
    let cases = [
        (
            "2018-09-bachelor.md",
            "Surface waves in protoplanetary disks induced by outbursts: Concentric rings in scattered light",
            2018,
            "https://ui.adsabs.harvard.edu/abs/2018A%26A...617L...7S/abstract",
            "Vertically hydrostatic protoplanetary disk models",
        ),
        (
            "2021-08-chemcompI.md",
            "How drifting and evaporating pebbles shape giant planets I: Heavy element content and atmospheric C/O",
            2021,
            "https://ui.adsabs.harvard.edu/abs/2021arXiv210513267S/abstract",
            "Recent observations of extrasolar gas giants",
        ),
        (
            "2022-02-expeRTI.md",
            "Exploring the deep atmospheres of HD 209458b and WASP-43b using a non-gray GCM",
            2022,
            "https://ui.adsabs.harvard.edu/abs/2022arXiv220209183S/abstract",
            "Simulations with a 3D general circulation model",
        ),
        (
            "2023-12-expeRT-mix.md",
            "Harnessing machine learning for accurate treatment of overlapping opacity species in general circulation models",
            2023,
            "https://ui.adsabs.harvard.edu/abs/2023arXiv231100775S/abstract",
            "To understand high precision observations of exoplanets",
        ),
    ];
    let mut all = Facts::new("schneider/_publications");
    for (file, title, year, url, abstract_start) in cases {
        let p = parse(&dir.join("schneider/_publications").join(file));
        let mut f = Facts::new(file);
        f.eq("source.title", p.source.title.clone(), opt(title));
        f.eq("publications count", p.publications.len(), 1);
        if let Some(pb) = p.publications.first() {
            f.eq("title", pb.title.clone(), opt(title));
            f.eq("venue", pb.venue.clone(), opt("Astronomy & Astrophysics"));
            f.eq("year", pb.year, Some(year));
            f.check(
                "paper URL",
                pb.links.iter().any(|l| l.url == url),
                &pb.links,
            );
        }
        // The abstract is content: kept somewhere.
        f.check(
            "abstract kept",
            mentions(&p, abstract_start),
            "not found in the profile",
        );
        all.bad
            .extend(f.bad.into_iter().map(|b| format!("{file}: {b}")));
    }
    all.done();
}
