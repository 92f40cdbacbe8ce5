//! Stage 4: one parser a section kind, from segmented lines to profile entries.
//!
//! Each parser takes its section's lines and returns entries; what a parser
//! cannot place is kept in `other` under the section's title, so nothing is lost.

pub mod basics;
pub mod citation;
pub mod dates;
pub mod education;
pub mod honors;
pub mod lexicon;
pub mod mentees;
pub mod patents;
pub mod projects;
pub mod publications;
pub mod quality;
pub mod skills;
pub mod teaching;
pub mod util;
pub mod work;

use crate::clean::Cleaned;
use crate::extract::LineKind;
use crate::profile::{
    Link, OtherSection, Profile, Publication, PublicationType, SectionInfo, SectionKind, Source,
    Warning,
};
use crate::segment::Segmented;

/// Build the profile from the segmented document.
pub fn parse(doc: &Cleaned, seg: &Segmented, source: Source) -> Profile {
    let mut p = Profile::new(source);
    p.diagnostics = doc.diagnostics.clone();

    // The header may run on into what the segmenter took for a section: the
    // name or a tagline set as a heading, with the contact details under it.
    let mut preamble = seg.preamble.clone();
    let mut skip = 0;
    if let Some(s) = seg.sections.first() {
        if s.kind == SectionKind::Other
            && basics::continues_header(&seg.preamble, &s.title, &s.lines)
        {
            if let Some(title_line) = doc.lines.get(s.line.wrapping_sub(1)) {
                preamble.push((s.line, title_line.clone()));
            }
            preamble.extend(s.lines.iter().cloned());
            skip = 1;
        }
    }
    let pre = basics::parse_preamble(&preamble, &doc.front_matter);
    p.basics = pre.basics;
    if !pre.leftover.is_empty() {
        p.other.push(OtherSection {
            title: "Header".into(),
            items: pre.leftover,
        });
    }

    let mut honors = honors::Honors::default();
    // Sections of no known kind before the first known one are still the
    // header's neighbourhood: their contact lines are the owner's.
    let first_known = seg
        .sections
        .iter()
        .position(|s| s.kind != SectionKind::Other)
        .unwrap_or(seg.sections.len());
    for (si, s) in seg.sections.iter().enumerate().skip(skip) {
        p.sections.push(SectionInfo {
            kind: s.kind,
            title: s.title.clone(),
            line: s.line,
        });
        // Links in a section's title line ("Selected Publications (all pubs)") may be profiles.
        if let Some(title_line) = doc.lines.get(s.line.wrapping_sub(1)) {
            for l in util::links_of(title_line) {
                if let Some(pr) = basics::profile_from_url(&l.url) {
                    basics::add_profile(&mut p.basics, pr);
                }
            }
        }
        let lines = &s.lines;
        match s.kind {
            SectionKind::Summary => {
                let text = paragraphs(lines);
                if !text.is_empty() {
                    p.basics.summary = Some(match p.basics.summary.take() {
                        Some(prev) => format!("{prev}\n\n{text}"),
                        None => text,
                    });
                }
            }
            SectionKind::Work => {
                let (jobs, groups) = work::parse(lines);
                p.work.extend(jobs);
                keep_other(&mut p, &s.title, groups);
            }
            SectionKind::Education => p.education.extend(education::parse(lines)),
            SectionKind::Publications => {
                let (pubs, rest) = publications::parse(&s.title, lines);
                p.publications.extend(pubs);
                keep_other(&mut p, &s.title, rest);
            }
            SectionKind::Patents => p.patents.extend(patents::parse(lines)),
            SectionKind::Projects => p.projects.extend(projects::parse(&s.title, lines)),
            SectionKind::Awards | SectionKind::Service | SectionKind::Talks => {
                honors::parse(s.kind, lines, &mut honors)
            }
            SectionKind::Teaching => {
                let (t, prose) = teaching::parse(lines);
                p.teaching.extend(t);
                keep_other(&mut p, &s.title, prose);
            }
            SectionKind::Mentees => p.mentees.extend(mentees::parse(lines)),
            SectionKind::Skills => {
                let found = skills::parse_skills(lines);
                keep_lists(&mut p, &s.title, found);
            }
            SectionKind::Languages => {
                let found = skills::parse_languages(lines);
                keep_lists(&mut p, &s.title, found);
            }
            SectionKind::Interests => p.interests.extend(skills::parse_interests(lines)),
            SectionKind::Other if basics::is_contact_title(&s.title) => {
                let rest = basics::parse_contact_section(lines, &mut p.basics);
                keep_other(&mut p, &s.title, rest);
            }
            SectionKind::Other if si < first_known => {
                let kept = basics::take_contact_lines(lines, &mut p.basics);
                let items = other_items(&kept);
                keep_other(&mut p, &s.title, items);
            }
            // "Certifications and Languages": its language lines are languages.
            SectionKind::Other
                if crate::segment::title_mentions(&s.title, SectionKind::Languages) =>
            {
                let found = skills::parse_languages(lines);
                keep_lists(&mut p, &s.title, found);
            }
            // "Languages: English, German" among other lines: languages.
            SectionKind::Other => {
                let (langs, lines) = skills::take_language_lines(lines);
                p.languages.extend(langs);
                let items = other_items(&lines);
                keep_other(&mut p, &s.title, items);
            }
        }
    }
    if p.basics.name.is_none() && front_matter_publication(doc, seg).is_none() {
        p.basics.name = basics::name_from_typography(&doc.lines);
    }
    p.awards.extend(honors.awards);
    p.service.extend(honors.service);
    p.talks.extend(honors.talks);
    p.projects.extend(honors.grants);

    // A homepage's prose says where its owner works and studied.
    if p.work.is_empty() || p.education.is_empty() {
        if let Some(summary) = &p.basics.summary {
            let (w, e) = basics::facts_from_prose(summary);
            if p.work.is_empty() {
                p.work = w;
            }
            if p.education.is_empty() {
                p.education = e;
            }
        }
    }
    // An academicpages publication page: the front matter is the entry.
    if let Some(pubn) = front_matter_publication(doc, seg) {
        // The page body is the paper's abstract (kept in its notes): it says nothing
        // of the owner's summary or contact details.
        p.basics = Default::default();
        p.publications.push(pubn);
    }
    if seg.sections.is_empty() && p.basics.summary.is_none() && p.publications.is_empty() {
        p.diagnostics.warnings.push(Warning {
            code: "no_sections".into(),
            message: "no section titles found: the text is kept in `other`".into(),
            line: None,
        });
    }
    crate::profile::tidy_strings(&mut p);
    // Last, from the finished profile.
    p.diagnostics.quality = quality::measure(&p, seg);
    p
}

fn keep_lists(p: &mut Profile, title: &str, found: skills::Lists) {
    p.skills.extend(found.skills);
    p.languages.extend(found.languages);
    p.interests.extend(found.interests);
    keep_other(p, title, found.rest);
}

fn keep_other(p: &mut Profile, title: &str, items: Vec<String>) {
    if items.is_empty() {
        return;
    }
    match p.other.iter_mut().find(|o| o.title == title) {
        Some(o) => o.items.extend(items),
        None => p.other.push(OtherSection {
            title: title.to_string(),
            items,
        }),
    }
}

/// Items of an unknown section: one per block, links as `text (url)`.
fn other_items(lines: &[util::NLine]) -> Vec<String> {
    util::line_blocks(lines)
        .iter()
        .map(|b| {
            b.lines
                .iter()
                .map(|(_, l)| util::text_with_urls(l))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .map(|s| util::collapse(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Paragraphs of prose, blank-line separated.
fn paragraphs(lines: &[util::NLine]) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for (_, l) in lines {
        if l.is_blank() || l.kind == LineKind::Item {
            if !cur.is_empty() {
                paras.push(cur.join(" "));
                cur.clear();
            }
            if l.is_blank() {
                continue;
            }
        }
        cur.push(util::text_with_urls_plain(l));
    }
    if !cur.is_empty() {
        paras.push(cur.join(" "));
    }
    paras
        .into_iter()
        .map(|p| util::strip_dangling_labels(&p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn front_matter_publication(doc: &Cleaned, seg: &Segmented) -> Option<Publication> {
    let fm = |k: &str| {
        doc.front_matter
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let is_pub = fm("collection").as_deref() == Some("publications")
        || (fm("venue").is_some() && (fm("citation").is_some() || fm("paperurl").is_some()));
    if !is_pub {
        return None;
    }
    let venue = fm("venue");
    let year = fm("date").and_then(|d| d.get(..4).and_then(|y| y.parse().ok()));
    let mut links = Vec::new();
    for key in ["paperurl", "slidesurl", "bibtexurl"] {
        if let Some(u) = fm(key) {
            links.push(Link {
                label: key.trim_end_matches("url").to_string(),
                url: u,
            });
        }
    }
    let mut notes = Vec::new();
    if let Some(c) = fm("citation") {
        notes.push(c);
    }
    // The page body (abstract, remarks) is kept.
    notes.extend(
        seg.preamble
            .iter()
            .filter(|(_, l)| !l.is_blank())
            .map(|(_, l)| util::text_with_urls(l))
            .filter(|t| !t.is_empty()),
    );
    let authors = fm("citation")
        .and_then(|c| {
            let head = c
                .split(['(', '"', '“'])
                .next()?
                .trim()
                .trim_end_matches(',')
                .to_string();
            publications::looks_like_author_list(&head).then(|| publications::split_authors(&head))
        })
        .unwrap_or_default();
    let kind = venue
        .as_deref()
        .and_then(publications::type_from_title)
        .unwrap_or(PublicationType::Other);
    Some(Publication {
        key: None,
        kind,
        authors,
        title: doc.title.clone(),
        venue,
        venue_short: None,
        year,
        notes,
        links,
    })
}
