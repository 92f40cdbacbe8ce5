//! Work experience: organization, unit, position, location, dates, highlights.
//!
//! CVs lay a job out over one to four lines in any order (organization,
//! position, `City, Country`, dates), with bullets after. The parser reads the
//! section line by line and fills an entry until a line can only belong to a
//! new one: a line that names an organization or carries dates when the
//! current entry already has both.

use super::dates::{self, Period};
use super::util::{self, cells, NLine};
use crate::extract::{Line, LineKind};
use crate::profile::Work;

/// Pieces of one line: its period, its location, and the rest, in order.
struct Pieces {
    period: Option<Period>,
    location: Option<String>,
    /// A unit of the organization set in italics after it.
    unit: Option<String>,
    /// Remaining text pieces (cells, or the line split at separators); the flag
    /// is true for a piece that was bold or a heading (an organization hint).
    rest: Vec<(String, bool)>,
}

fn pieces(line: &Line) -> Pieces {
    let mut period = None;
    let mut location = None;
    let mut unit = None;
    let mut rest = Vec::new();
    let bold_prefix = bold_prefix(line);
    let heading = matches!(line.kind, LineKind::Heading(_));
    for (i, cell) in cells_of(line).into_iter().enumerate() {
        let mut text = util::strip_bullet(&cell).to_string();
        if period.is_none() {
            if let Some(p) = dates::find_period(&text) {
                text = dates::remove_range(&text, p.range);
                period = Some(p);
            }
        }
        let mut text = dates::tidy(&text);
        if text.is_empty() {
            continue;
        }
        if location.is_none() {
            // A cell of its own that is only a country ("S.Korea"), or places
            // joined ("Seoul, S.Korea & LA, U.S.A"), is where.
            let places = text
                .split(['&', '/'])
                .flat_map(|p| p.split(" and "))
                .map(str::trim)
                .collect::<Vec<_>>();
            let several = places.len() > 1 && places.iter().all(|p| util::is_location(p));
            if text.eq_ignore_ascii_case("remote") || (i > 0 && (util::is_region(&text) || several))
            {
                location = Some(text);
                continue;
            }
            if let Some((r, loc)) = util::split_trailing_location(&text) {
                location = Some(loc);
                let r = r
                    .trim_end_matches(['–', '—', '-', ',', '|', ' '])
                    .to_string();
                if r.is_empty() {
                    continue;
                }
                // "**Co-Founder & CTO**, Nexus AI – San Francisco, CA": the bold
                // part and the rest are read apart below.
                let split_bold = bold_prefix
                    .as_deref()
                    .is_some_and(|bp| r.starts_with(bp) && r.len() > bp.len());
                if !split_bold {
                    let b = bold_prefix.as_deref().is_some_and(|bp| r.starts_with(bp)) || heading;
                    rest.push((r, b));
                    continue;
                }
                text = r;
            }
            // "Org City, Country Position": the location splits the organization from the title.
            if let Some((before, loc, after)) = util::find_location(&text) {
                location = Some(loc);
                if !before.is_empty() {
                    rest.push((before, true));
                }
                if !after.is_empty() {
                    rest.push((after, false));
                }
                continue;
            }
        }
        // "**Nexus AI**, Co-Founder & CTO": the bold part is one piece, the rest another;
        // "**NVIDIA**, *Research Team*": an italic rest names a unit.
        if let Some(bp) = &bold_prefix {
            if let Some(after) = text.strip_prefix(bp.as_str()) {
                let after = dates::tidy(after);
                rest.push((bp.clone(), true));
                if !after.is_empty() {
                    let italic_rest = line
                        .spans
                        .iter()
                        .filter(|s| !s.bold && !s.text.trim().trim_matches(',').trim().is_empty())
                        .all(|s| s.italic);
                    if italic_rest && !util::looks_like_position(&after) {
                        unit = Some(after);
                    } else {
                        rest.push((after, false));
                    }
                }
                continue;
            }
        }
        rest.push((text, heading || line.all_bold()));
    }
    Pieces {
        period,
        location,
        unit,
        rest,
    }
}

/// Cells of a line, or for a one-cell line its text without link labels.
fn cells_of(line: &Line) -> Vec<String> {
    let c = cells(line);
    if c.len() > 1 {
        c
    } else {
        vec![util::text_without_link_labels(line)]
    }
}

/// The bold text a line starts with, when the line is not bold throughout.
fn bold_prefix(line: &Line) -> Option<String> {
    if line.all_bold() {
        return None;
    }
    let first = line.spans.iter().find(|s| !s.text.trim().is_empty())?;
    if first.bold {
        let t = util::collapse(&first.text);
        let t = t.trim_end_matches([',', ':', ';']).trim().to_string();
        (!t.is_empty()).then_some(t)
    } else {
        None
    }
}

#[derive(Default)]
struct Acc {
    w: Work,
    has_dates: bool,
}

impl Acc {
    fn set_period(&mut self, p: &Period) {
        self.w.start = p.start.clone();
        self.w.end = p.end.clone();
        if p.start.is_none() {
            // A lone end ("until 2019") is still the only date known.
            self.w.start = None;
        }
        self.w.dates_text = Some(p.text.clone());
        self.has_dates = true;
    }

    fn set_org(&mut self, text: &str) {
        let (org, unit) = split_unit(text);
        let (org, pos) = match util::split_trailing_position(&org) {
            Some((o, p)) if self.w.position.is_none() => (o, Some(p)),
            _ => (org, None),
        };
        self.w.organization = Some(org);
        if unit.is_some() {
            self.w.unit = unit;
        }
        if let Some(p) = pos {
            self.w.position = Some(p);
        }
    }

    fn add_summary(&mut self, text: &str) {
        let text = util::strip_dangling_labels(text);
        if text.is_empty() {
            return;
        }
        match &mut self.w.summary {
            Some(s) => {
                s.push(' ');
                s.push_str(&text);
            }
            None => self.w.summary = Some(text),
        }
    }
}

/// `Team at NVIDIA` gives organization `NVIDIA` and unit `Team`.
fn split_unit(text: &str) -> (String, Option<String>) {
    if let Some((unit, org)) = text.split_once(" at ") {
        let org = org.trim();
        let org = org.strip_prefix("the ").unwrap_or(org);
        if !unit.trim().is_empty() && !org.is_empty() {
            return (org.to_string(), Some(unit.trim().to_string()));
        }
    }
    (text.trim().to_string(), None)
}

/// "Co-founder and CEO An application for ..." gives the title and the description.
fn split_position_sentence(text: &str) -> (String, Option<String>) {
    util::re!(
        sent,
        r"^(.{2,80}?)\s+((?:An?|The|Developed|Built|Led|Worked|Responsible)\s+[a-z].*)$"
    );
    if let Some(c) = sent().captures(text) {
        let pos = c[1].to_string();
        if util::looks_like_position(&pos) {
            return (pos, Some(c[2].to_string()));
        }
    }
    (text.trim_end_matches(':').trim().to_string(), None)
}

/// A whole university, academy or school of higher education, as opposed to one of
/// its institutes, departments or labs.
fn is_top_institution(s: &str) -> bool {
    util::re!(
        top,
        r"(?i)univ|academ|akadem|hochschule|polytechn|politecnico|大学"
    );
    top().is_match(s)
}

/// A sentence rather than a name or title: long, or ends with a period.
fn is_prose(text: &str) -> bool {
    let words = text.split_whitespace().count();
    util::re!(sentence_start, r"^(?:An?|The|This|These|Our|We|I)\s+[a-z]");
    // A comma list of short parts ("Title, Institution, Unit, Country") is a
    // header however long.
    let parts: Vec<&str> = text.split(", ").collect();
    let header_list = parts.len() >= 3
        && !text.ends_with('.')
        && parts.iter().all(|p| p.split_whitespace().count() <= 8);
    (words > 12 && !header_list)
        || (text.ends_with('.') && words > 4)
        || (words > 4 && sentence_start().is_match(text))
}

/// Whether a line reads on from the one before, as a wrapped sentence does:
/// it starts in lower case, or the line before broke after a comma or ran on
/// for a while with no full stop. A line with dates, or a capitalised name
/// after a full sentence, opens a part of its own.
fn reads_on(prev: &str, next_line: &Line) -> bool {
    let next = next_line.flat_text();
    let (prev, next) = (prev.trim(), next.trim());
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    let open = prev.ends_with([',', ';', '(', '&', '/', '-']);
    let runs_on =
        prev.split_whitespace().count() >= 8 && !prev.ends_with(['.', ':', '!', '?', ')']);
    // A row of cells ("Title   Town") is a header's shape, not a wrapped line.
    (lower || open || runs_on) && cells(next_line).len() <= 1 && dates::find_period(next).is_none()
}

/// A bullet of the entry above, not a part of its header.
fn is_bullet(line: &Line, items_are_entries: bool, top_depth: u8) -> bool {
    match line.kind {
        LineKind::Item if line.depth > top_depth => true,
        // A top-level item with a date range (or a bold name and a date) heads a job
        // even among plain bullets: converters list a job's header line as an item.
        LineKind::Item => {
            !items_are_entries && {
                let text = line.flat_text();
                let period = dates::find_period(&text);
                !(period.as_ref().is_some_and(|p| p.is_range)
                    || (period.is_some() && bold_prefix(line).is_some()))
            }
        }
        _ => line
            .flat_text()
            .trim_start()
            .starts_with(['•', '●', '○', '◦', '▪', '■', '–', '‣', '*']),
    }
}

/// Jobs of a section, and the group headings found over them (kept as text).
pub fn parse(lines: &[NLine]) -> (Vec<Work>, Vec<String>) {
    let items: Vec<&Line> = lines
        .iter()
        .map(|(_, l)| l)
        .filter(|l| l.kind == LineKind::Item)
        .collect();
    let top_depth = items.iter().map(|l| l.depth).min().unwrap_or(1);
    // Items are entries when the section is a list whose top items carry dates.
    let top_items: Vec<&&Line> = items.iter().filter(|l| l.depth == top_depth).collect();
    let dated = top_items
        .iter()
        .filter(|l| dates::find_period(&l.flat_text()).is_some())
        .count();
    let non_items = lines
        .iter()
        .filter(|(_, l)| {
            !l.is_blank() && !matches!(l.kind, LineKind::Item | LineKind::Continuation)
        })
        .count();
    let items_are_entries = !top_items.is_empty() && dated * 2 >= top_items.len() && non_items == 0;

    // A PDF date column: rows whose first cell is only a date. Then each such
    // row opens a job, and the lines under it are that job's, whatever they say.
    // (The other cells hold the job: a row of a date and a place only, as
    // AltaCV sets it under the title, is no such row.)
    let date_row = |l: &Line| {
        l.geom.is_some() && {
            let c = cells(l);
            c.len() > 1
                && dates::whole_date(&c[0]).is_some()
                && !c[1..].iter().all(|x| util::is_location(x))
        }
    };
    // A line that is only a date, or a date cell beside the entry.
    let date_only = |l: &Line| {
        date_row(l) || {
            let t = util::strip_bullet(&l.flat_text()).trim().to_string();
            !t.is_empty() && dates::whole_date(&t).is_some()
        }
    };
    let first = lines.iter().map(|(_, l)| l).find(|l| !l.is_blank());
    // Entries led by their dates (a date column, or a date line over each entry):
    // each such row opens an entry, and the lines under it are that entry's.
    let date_column = lines.iter().filter(|(_, l)| date_row(l)).count() >= 2
        || (first.is_some_and(&date_only)
            && lines.iter().filter(|(_, l)| date_only(l)).count() >= 2);
    let date_row = |l: &Line| {
        if date_column {
            date_only(l)
        } else {
            date_row(l)
        }
    };

    let mut out: Vec<Work> = Vec::new();
    let mut cur: Option<Acc> = None;
    let mut prev_item = false;
    // Whether the line before went into the entry's summary (a paragraph of prose).
    let mut prev_summary = false;
    let mut after_blank = true;
    let mut stray: Vec<String> = Vec::new();
    // The flat text of the line before, and the lines a paragraph read as a
    // whole already took.
    let mut last_text = String::new();
    let mut skip_to = 0;
    for (idx, (_, line)) in lines.iter().enumerate() {
        if idx < skip_to {
            continue;
        }
        let this_text = line.flat_text();
        let prev_text = std::mem::replace(&mut last_text, this_text);
        if line.is_blank() {
            after_blank = true;
            prev_summary = false;
            continue;
        }
        let starts_block = std::mem::replace(&mut after_blank, false);
        // A stray mark left alone on a line (a LaTeX `<`) is no entry; kept.
        if starts_block && !line.flat_text().chars().any(char::is_alphanumeric) {
            stray.push(util::text_with_urls(line));
            after_blank = true;
            continue;
        }
        // The lines a paragraph of prose wraps onto go on with it, however
        // short or title-like the piece that wrapped ("umbrella of the K
        // Framework (a ... for" / "mechanised ...").
        if line.kind == LineKind::Continuation && prev_summary && reads_on(&prev_text, line) {
            if let Some(acc) = cur.as_mut() {
                acc.add_summary(&util::text_with_urls(line));
                continue;
            }
        }
        // Continuations of a bullet extend that bullet.
        if line.kind == LineKind::Continuation && prev_item {
            if let Some(acc) = cur.as_mut() {
                if let Some(h) = acc.w.highlights.last_mut() {
                    h.push(' ');
                    h.push_str(&util::text_with_urls(line));
                    continue;
                }
            }
        }
        if is_bullet(line, items_are_entries, top_depth) {
            let text = util::text_with_urls(line);
            let text = text
                .trim_start_matches(['•', '●', '○', '◦', '▪', '■', '–', '‣', '*', ' '])
                .to_string();
            let acc = cur.get_or_insert_with(Acc::default);
            if !text.is_empty() {
                acc.w.highlights.push(text);
            }
            prev_item = true;
            prev_summary = false;
            continue;
        }
        prev_item = false;
        if items_are_entries && line.kind == LineKind::Item {
            if let Some(acc) = cur.take() {
                out.push(acc.w);
            }
        }
        // A paragraph under a started entry ("Developed cutting-edge features
        // within a ... as part of a larger" / "programming languages research
        // team. ..."): read whole, it is prose, however short its first line.
        if let Some(acc) = cur.as_mut() {
            let started =
                acc.has_dates || (acc.w.organization.is_some() && acc.w.position.is_some());
            let first = line.flat_text();
            // A bold start is a header's shape ("**Employer**, *Unit*").
            if started
                && line.kind == LineKind::Text
                && bold_prefix(line).is_none()
                && !line.all_bold()
                && cells(line).len() <= 1
                && dates::find_period(&first).is_none()
            {
                let mut end = idx + 1;
                let mut last = first.clone();
                let mut para = util::text_with_urls(line);
                while let Some((_, next)) = lines.get(end) {
                    let t = next.flat_text();
                    if next.kind != LineKind::Continuation || !reads_on(&last, next) {
                        break;
                    }
                    para.push(' ');
                    para.push_str(&util::text_with_urls(next));
                    last = t;
                    end += 1;
                }
                // A block that goes on into a dated line ("Employer, Unit" /
                // "Title" / "City · 2023-2024") is the next entry's header.
                let into_dates = lines.get(end).is_some_and(|(_, n)| {
                    n.kind == LineKind::Continuation && dates::find_period(&n.flat_text()).is_some()
                });
                if end > idx + 1 && !into_dates && is_prose(&para) {
                    acc.add_summary(&para);
                    skip_to = end;
                    last_text = last;
                    prev_summary = true;
                    continue;
                }
            }
        }
        let p = pieces(line);
        // "Portal Specialist" then "Vendor Manager & Supervisor:" over the bullets:
        // the title goes on.
        if let Some(acc) = cur.as_mut() {
            let colon = line.flat_text().trim_end().ends_with(':');
            if colon
                && p.period.is_none()
                && p.rest.len() == 1
                && acc.w.highlights.is_empty()
                && util::looks_like_position(&p.rest[0].0)
            {
                if let Some(pos) = acc.w.position.as_mut() {
                    pos.push(' ');
                    pos.push_str(&p.rest[0].0);
                    continue;
                }
            }
        }
        // Does this line open a new entry?
        let new_entry = match &cur {
            None => true,
            Some(_) if date_column => date_row(line),
            Some(acc) => {
                if items_are_entries {
                    false
                } else if p.period.is_some() && acc.has_dates {
                    true
                } else if p.period.is_none() && acc.has_dates {
                    let text = p.rest.first().map(|r| r.0.as_str()).unwrap_or("");
                    let position_slot = acc.w.position.is_none() && util::looks_like_position(text);
                    let heading = matches!(line.kind, LineKind::Heading(_));
                    // A new block that is a row of cells ("Employer   Title"
                    // after a blank), under an entry with its title and dates:
                    // the next entry's first line, as the one above was.
                    let header_row = starts_block
                        && cells(line).len() > 1
                        && acc.w.position.is_some()
                        && !is_prose(text);
                    // "Organization    2018 - 2019" with the title on the line
                    // right under it, in the same block ("Mathematician",
                    // "University of X" under a bold title): the entry's other
                    // name, whatever its words.
                    let name_below = !starts_block
                        && acc.w.position.is_none()
                        && acc.w.highlights.is_empty()
                        && acc.w.summary.is_none()
                        && p.rest.len() == 1
                        && text.split_whitespace().count() <= 8;
                    !p.rest.is_empty()
                        && (heading
                            || header_row
                            || (!position_slot
                                && !name_below
                                && !is_prose(text)
                                && acc.w.organization.is_some()))
                } else {
                    // A heading, or a bold name opening a new paragraph, starts a job.
                    (matches!(line.kind, LineKind::Heading(_))
                        || (starts_block
                            && bold_prefix(line)
                                .or_else(|| line.all_bold().then(String::new))
                                .is_some()))
                        && acc.w.organization.is_some()
                }
            }
        };
        if new_entry {
            if let Some(acc) = cur.take() {
                out.push(acc.w);
            }
        }
        let acc = cur.get_or_insert_with(Acc::default);
        if let Some(per) = &p.period {
            acc.set_period(per);
            if per.expected {
                acc.w.highlights.push("expected".into());
            }
        }
        if let Some(loc) = p.location {
            acc.w.location.get_or_insert(loc);
        }
        // A date row whose next line names the organization ("08/2012 – 03/2014 |
        // Offering Manager, Technical Support Services" over "IBM Deutschland
        // GmbH"): the row's text is the title, whole, and is not split at commas.
        let mut rest = p.rest;
        if date_column && new_entry && acc.w.position.is_none() && rest.len() == 1 {
            let org_below = lines[idx + 1..]
                .iter()
                .map(|(_, l)| l)
                .find(|l| !l.is_blank())
                .is_some_and(|next| {
                    !date_row(next) && !is_bullet(next, items_are_entries, top_depth) && {
                        let np = pieces(next);
                        np.period.is_none()
                            && np.rest.first().is_some_and(|(t, _)| names_organization(t))
                    }
                });
            let text = rest[0].0.clone();
            if org_below && !is_prose(&text) && !text.split(", ").any(names_organization) {
                acc.w.position = Some(text);
                rest.clear();
            }
        }
        let summary_before = acc.w.summary.as_ref().map_or(0, String::len);
        for (text, strong) in rest {
            place(acc, &text, strong);
        }
        prev_summary = acc.w.summary.as_ref().map_or(0, String::len) > summary_before;
        if let Some(u) = p.unit {
            acc.w.unit.get_or_insert(u);
        }
    }
    if let Some(acc) = cur.take() {
        out.push(acc.w);
    }
    // A group heading over several jobs ("Finance Roles (2005 – 2011)") holds no
    // position and no highlights but has dates and is followed by jobs: drop it as an entry.
    // academicpages: "* Fall 2021 - Summer 2023: Postdoctoral Researcher" with the
    // organization as the first sub-bullet.
    for w in &mut out {
        // sb2nov, engineeringresumes: the title first and bold, the company after.
        let org_is_title = w
            .organization
            .as_deref()
            .is_some_and(util::looks_like_position);
        let pos_is_org = w
            .position
            .as_deref()
            .is_some_and(|p| !util::looks_like_position(p));
        if org_is_title && pos_is_org && w.unit.is_none() {
            std::mem::swap(&mut w.organization, &mut w.position);
        }
        // "* Spring 2018: Bachelor thesis" with "* Heidelberg University" under it: the
        // item's text was the position after all.
        if w.position.is_none() && w.organization.is_some() && w.unit.is_none() {
            if let Some(first) = w.highlights.first() {
                if crate::segment::looks_like_institution(first)
                    && first.split_whitespace().count() <= 8
                    && !first.contains(':')
                {
                    w.position = w.organization.take();
                    w.organization = Some(w.highlights.remove(0));
                }
            }
        }
        if w.organization.is_none() && w.position.is_some() {
            if let Some(first) = w.highlights.first() {
                let words = first.split_whitespace().count();
                if words <= 8 && !first.contains(':') && !first.ends_with('.') {
                    w.organization = Some(w.highlights.remove(0));
                }
            }
        }
    }
    // An organization alone in its block over the title and dates of the
    // job under it ("Acme Corp" / blank / "Developer | City" / "May 2023 -
    // Present"): the organization of that job.
    let mut i = 0;
    while i + 1 < out.len() {
        let (w, next) = (&out[i], &out[i + 1]);
        let org_only = w.organization.is_some()
            && w.position.is_none()
            && w.dates_text.is_none()
            && w.highlights.is_empty()
            && w.summary.is_none();
        if org_only && next.organization.is_none() && next.position.is_some() {
            let w = out.remove(i);
            out[i].organization = w.organization;
            out[i].unit = out[i].unit.take().or(w.unit);
            out[i].location = out[i].location.take().or(w.location);
        }
        i += 1;
    }
    out.retain(|w| {
        w.organization.is_some()
            || w.position.is_some()
            || !w.highlights.is_empty()
            || w.summary.is_some()
    });
    // A group heading over several jobs ("Industry Roles (2008 – 2014)"): a name and
    // dates, nothing else, with jobs after it. It is kept as text, not as a job.
    let mut groups = Vec::new();
    let mut i = 0;
    while i < out.len() {
        let w = &out[i];
        let bare = w.position.is_none()
            && w.location.is_none()
            && w.unit.is_none()
            && w.highlights.is_empty()
            && w.summary.is_none()
            && w.dates_text.is_some();
        let group_name = w.organization.as_deref().is_some_and(|o| {
            let last = o.split_whitespace().last().unwrap_or("").to_lowercase();
            matches!(
                last.as_str(),
                "roles" | "positions" | "appointments" | "experience" | "jobs" | "employment"
            )
        });
        if bare && ((i + 1 < out.len() && out[i + 1].position.is_some()) || group_name) {
            let w = out.remove(i);
            groups.push(format!(
                "{} ({})",
                w.organization.unwrap_or_default(),
                w.dates_text.unwrap_or_default()
            ));
            continue;
        }
        i += 1;
    }
    groups.extend(stray);
    (out, groups)
}

/// A short name ending in an organization noun ("Acme GmbH") or holding an
/// institution word ("Institut für Berufliche Bildung AG").
fn names_organization(text: &str) -> bool {
    !is_prose(text)
        && text.split_whitespace().count() <= 10
        && (util::ends_with_org_noun(text) || crate::segment::looks_like_institution(text))
}

/// Put one text piece of a header line into the entry.
fn place(acc: &mut Acc, text: &str, strong: bool) {
    let text = dates::tidy(text);
    if text.is_empty() {
        return;
    }
    if is_prose(&text) {
        match split_position_sentence(&text) {
            (pos, Some(rest)) if acc.w.position.is_none() => {
                acc.w.position = Some(pos);
                acc.add_summary(&rest);
            }
            _ => acc.add_summary(&text),
        }
        return;
    }
    // "Praktikum bei Bosch", "Stagiaire chez Airbus", "Tirocinante presso
    // Italtel", "Engineer @ Acme": a title, then where.
    if acc.w.organization.is_none() && acc.w.position.is_none() {
        for sep in [" bei ", " chez ", " presso ", " @ "] {
            if let Some((left, right)) = text.split_once(sep) {
                let (left, right) = (left.trim(), right.trim());
                if util::looks_like_position(left) && !right.is_empty() {
                    acc.w.position = Some(left.to_string());
                    acc.set_org(right);
                    return;
                }
            }
        }
    }
    // "Research Assistant at NUS" or "Systems Team at NVIDIA Researcher".
    if acc.w.organization.is_none() {
        if let Some((left, right)) = text.split_once(" at ") {
            if util::looks_like_position(left) && acc.w.position.is_none() {
                acc.w.position = Some(left.trim().to_string());
                acc.w.organization = Some(right.trim().to_string());
            } else {
                acc.set_org(&text);
            }
            return;
        }
    }
    // "HubSpot - Senior Software Engineer", "Engineer | Acme": one part a title.
    // A bold line is one name unless it is two short ones, a title and a
    // name ("**Front-End Developer — Acme**", "**Software Engineer, Acme**").
    let short =
        |a: &str, b: &str| a.split_whitespace().count() <= 5 && b.split_whitespace().count() <= 5;
    {
        for sep in [" - ", " – ", " — ", " | "] {
            if let Some((a, b)) = text.split_once(sep) {
                let (a, b) = (a.trim(), b.trim());
                let title_a = util::looks_like_position(a);
                let title_b = util::looks_like_position(b);
                if !a.is_empty()
                    && !b.is_empty()
                    && title_a != title_b
                    && !b.contains(sep)
                    && (!strong || short(a, b))
                {
                    place(acc, a, false);
                    place(acc, b, false);
                    return;
                }
            }
        }
    }
    // "Senior Researcher, Google" or "Google, Senior Researcher": place each part.
    let bold_pair = |parts: &[&str]| {
        parts.len() == 2
            && short(parts[0], parts[1])
            && util::looks_like_position(parts[0]) != util::looks_like_position(parts[1])
    };
    if text.contains(", ") {
        let parts: Vec<&str> = text.split(", ").collect();
        if (!strong || bold_pair(&parts))
            && parts.len() <= 4
            && parts.iter().any(|p| util::looks_like_position(p))
        {
            for part in parts {
                place(acc, part, false);
            }
            return;
        }
    }
    let positional = util::looks_like_position(&text);
    // "Department of Electrical Engineering": a part of the organization.
    util::re!(
        unit_start,
        r"^(?:Department|Dept\.|School|Faculty|Institute|Division|Chair|Laboratory|Lab|Group|Centre|Center) (?:of|for)(?-u:\b)"
    );
    if acc.w.organization.is_some() && acc.w.unit.is_none() && unit_start().is_match(&text) {
        acc.w.unit = Some(text.to_string());
        return;
    }
    // "**NVIDIA**, *Networking Research Team*": a part of the organization, not a title.
    if acc.w.organization.is_some()
        && acc.w.unit.is_none()
        && !positional
        && util::ends_with_org_noun(&text)
    {
        acc.w.unit = Some(text.to_string());
        return;
    }
    // A strong line is the organization, unless it reads as a job title
    // ("Product Manager & UI Lead" set as a heading above "Google").
    let title_like = positional
        && acc.w.position.is_none()
        && !util::ends_with_org_noun(&text)
        && !crate::segment::looks_like_institution(&text);
    if acc.w.organization.is_none() && ((strong && !title_like) || !positional) {
        acc.set_org(&text);
        return;
    }
    if acc.w.position.is_none() {
        let (pos, rest) = split_position_sentence(&text);
        acc.w.position = Some(pos);
        if let Some(r) = rest {
            acc.add_summary(&r);
        }
        return;
    }
    if acc.w.organization.is_none() {
        acc.set_org(&text);
        return;
    }
    // "Quantum Materials Group, Universität Wien": the group is a unit of the institution.
    // Two institutions in a row: the one that is a whole university or academy is
    // the employer and the other its unit, in either order ("Institute of Physics,
    // Academy of Sciences"; "Université de Bordeaux, Institut de Mathématiques").
    if acc.w.unit.is_none()
        && crate::segment::looks_like_institution(&text)
        && text.split_whitespace().count() <= 8
    {
        let org_is_top = acc
            .w
            .organization
            .as_deref()
            .is_some_and(is_top_institution);
        if org_is_top && !is_top_institution(&text) {
            acc.w.unit = Some(text.to_string());
        } else {
            acc.w.unit = acc.w.organization.take();
            acc.w.organization = Some(text.to_string());
        }
        return;
    }
    // A part that is only a country or region ("…, Université de Lyon, France").
    if acc.w.location.is_none() && util::is_region(&text) {
        acc.w.location = Some(text.to_string());
        return;
    }
    acc.add_summary(&text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    fn l(kind: LineKind, t: &str) -> NLine {
        (0, Line::new(kind, vec![Span::plain(t)]))
    }

    /// A PDF line of cells (tab spans between them).
    fn row(kind: LineKind, cells: &[&str]) -> NLine {
        let mut spans = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                spans.push(Span::plain("\t"));
            }
            spans.push(Span::plain(*c));
        }
        (0, Line::new(kind, spans))
    }

    #[test]
    fn a_pdf_date_column_delimits_jobs() {
        let pdf = |mut l: NLine| {
            l.1.geom = Some(crate::extract::Geom::default());
            l
        };
        let lines = vec![
            pdf(row(
                LineKind::Text,
                &[
                    "Depuis 10/2022",
                    "Chercheur qualifié F.R.S.-FNRS, UMONS, Mons",
                ],
            )),
            pdf(l(LineKind::Continuation, "Service de Génie Logiciel")),
            pdf(l(LineKind::Continuation, "Université de Mons – UMONS")),
            pdf(row(
                LineKind::Text,
                &[
                    "De 02/2015 à 09/2022",
                    "Chercheur post-doctorant, UMONS, Mons",
                ],
            )),
            pdf(l(
                LineKind::Continuation,
                "Automated Assistance for Developing Software.",
            )),
        ];
        let (w, _) = parse(&lines);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_eq!(
            w[0].position.as_deref(),
            Some("Chercheur qualifié F.R.S.-FNRS")
        );
        assert_eq!(
            (w[0].start.as_deref(), w[0].end.as_deref()),
            (Some("2022-10"), Some("present"))
        );
        assert_eq!(w[1].position.as_deref(), Some("Chercheur post-doctorant"));
        assert_eq!(w[1].organization.as_deref(), Some("UMONS"));
        assert_eq!(
            (w[1].start.as_deref(), w[1].end.as_deref()),
            (Some("2015-02"), Some("2022-09"))
        );
    }

    #[test]
    fn a_date_row_over_its_organization_keeps_its_title_whole() {
        let pdf = |mut l: NLine| {
            l.1.geom = Some(crate::extract::Geom::default());
            l
        };
        let lines = vec![
            pdf(row(
                LineKind::Text,
                &["02/2022 – heute", "Software IT Specialist Open Source"],
            )),
            pdf(l(LineKind::Continuation, "IBM Deutschland GmbH")),
            pdf(l(LineKind::Continuation, "Tätigkeiten: Beratung")),
            pdf(l(LineKind::Blank, "")),
            pdf(row(
                LineKind::Text,
                &[
                    "08/2012 – 03/2014",
                    "Offering Manager, Technical Support Services",
                ],
            )),
            pdf(l(
                LineKind::Continuation,
                "IBM Deutschland Customer Support Services GmbH",
            )),
        ];
        let (w, _) = parse(&lines);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_eq!(
            w[1].position.as_deref(),
            Some("Offering Manager, Technical Support Services")
        );
        assert_eq!(
            w[1].organization.as_deref(),
            Some("IBM Deutschland Customer Support Services GmbH")
        );
        assert_eq!(w[1].start.as_deref(), Some("2012-08"));
    }

    #[test]
    fn awesome_cv_rows_with_abbreviated_and_joined_places() {
        let lines = vec![
            row(LineKind::Text, &["Kasa", "Seoul, S.Korea"]),
            row(
                LineKind::Continuation,
                &[
                    "Founding Member & Director of Infrastructure Division",
                    "Jun. 2018 – Jan. 2021",
                ],
            ),
            l(LineKind::Blank, ""),
            row(LineKind::Text, &["NEXON", "Seoul, S.Korea & LA, U.S.A"]),
            row(
                LineKind::Continuation,
                &["Game Developer Intern", "Jan. 2013 – Feb. 2013"],
            ),
            l(LineKind::Blank, ""),
            row(LineKind::Text, &["SAMSUNG Electronics", "S.Korea"]),
            row(
                LineKind::Continuation,
                &["Freelance Penetration Tester", "Sep. 2013"],
            ),
        ];
        let (w, _) = parse(&lines);
        let got: Vec<_> = w
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
            got,
            vec![
                (
                    Some("Kasa"),
                    Some("Founding Member & Director of Infrastructure Division"),
                    Some("Seoul, S.Korea"),
                    Some("2018-06")
                ),
                (
                    Some("NEXON"),
                    Some("Game Developer Intern"),
                    Some("Seoul, S.Korea & LA, U.S.A"),
                    Some("2013-01")
                ),
                (
                    Some("SAMSUNG Electronics"),
                    Some("Freelance Penetration Tester"),
                    Some("S.Korea"),
                    Some("2013-09")
                ),
            ]
        );
    }

    #[test]
    fn moderncv_markdown_blocks() {
        let lines = vec![
            l(LineKind::Text, "Networking Software & Systems Research Team at NVIDIA Distributed Systems Researcher"),
            l(LineKind::Blank, ""),
            l(LineKind::Text, "Stockholm, Sweden January 2024-now"),
            l(LineKind::Blank, ""),
            l(LineKind::Text, "Connected Intelligence Unit at RISE Research Institutes of Sweden"),
            l(LineKind::Text, "Stockholm, Sweden August 2023-January 2024"),
            l(LineKind::Text, "Senior Researcher in AI / Machine Learning and Networking"),
            l(LineKind::Item, "Improving packet processing."),
            l(LineKind::Text, "CafeYab Tehran, Iran Fall-2013"),
            l(LineKind::Text, "Co-founder and CEO An application for iOS and Android for finding nearby Coffee Shops"),
            l(LineKind::Text, "Informatics Services Corporation (ISC)"),
            l(LineKind::Text, "Tehran, Iran"),
            l(LineKind::Text, "June 2013-September 2013"),
        ];
        let (w, _) = parse(&lines);
        assert_eq!(w.len(), 4);
        assert_eq!(w[0].organization.as_deref(), Some("NVIDIA"));
        assert_eq!(
            w[0].unit.as_deref(),
            Some("Networking Software & Systems Research Team")
        );
        assert_eq!(
            w[0].position.as_deref(),
            Some("Distributed Systems Researcher")
        );
        assert_eq!(w[0].location.as_deref(), Some("Stockholm, Sweden"));
        assert_eq!(w[0].start.as_deref(), Some("2024-01"));
        assert_eq!(w[0].end.as_deref(), Some("present"));
        assert_eq!(
            w[1].organization.as_deref(),
            Some("RISE Research Institutes of Sweden")
        );
        assert_eq!(
            w[1].position.as_deref(),
            Some("Senior Researcher in AI / Machine Learning and Networking")
        );
        assert_eq!(w[1].highlights, vec!["Improving packet processing."]);
        assert_eq!(w[2].organization.as_deref(), Some("CafeYab"));
        assert_eq!(w[2].position.as_deref(), Some("Co-founder and CEO"));
        assert_eq!(w[2].start.as_deref(), Some("2013"));
        assert_eq!(
            w[3].organization.as_deref(),
            Some("Informatics Services Corporation (ISC)")
        );
        assert_eq!(w[3].location.as_deref(), Some("Tehran, Iran"));
    }

    #[test]
    fn list_items_as_entries() {
        let lines = vec![
            l(
                LineKind::Item,
                "Research Scientist, Acme Labs, Boston, USA (2019 - 2021)",
            ),
            l(
                LineKind::Item,
                "Software Engineer, Initech, Austin, TX (2016 - 2019)",
            ),
        ];
        let (w, _) = parse(&lines);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].position.as_deref(), Some("Research Scientist"));
        assert_eq!(w[0].organization.as_deref(), Some("Acme Labs"));
        assert_eq!(w[0].location.as_deref(), Some("Boston, USA"));
        assert_eq!(w[1].end.as_deref(), Some("2019"));
    }

    #[test]
    fn a_date_line_over_each_entry_leads_it() {
        let lines = vec![
            l(LineKind::Text, "September 2024 - present"),
            l(LineKind::Text, "Acme Corp - Staff Compiler Engineer"),
            l(LineKind::Blank, ""),
            l(LineKind::Text, "Regex engine"),
            l(
                LineKind::Text,
                "Built a regex engine from scratch, and it compiles fast.",
            ),
            l(LineKind::Blank, ""),
            l(LineKind::Text, "June 2022 - August 2024"),
            l(LineKind::Text, "Tiko Energy - Consultant SE"),
        ];
        let (jobs, _) = parse(&lines);
        let got: Vec<_> = jobs
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
            got,
            vec![
                (
                    Some("Acme Corp"),
                    Some("Staff Compiler Engineer"),
                    Some("2024-09")
                ),
                (Some("Tiko Energy"), Some("Consultant SE"), Some("2022-06")),
            ]
        );
    }

    #[test]
    fn organization_and_title_across_a_dash_or_bar() {
        for t in [
            "HubSpot - Senior Software Engineer",
            "Senior Software Engineer | HubSpot",
        ] {
            let (jobs, _) = parse(&[l(LineKind::Text, t), l(LineKind::Text, "2018 - 2019")]);
            assert_eq!(jobs[0].organization.as_deref(), Some("HubSpot"), "{t}");
            assert_eq!(
                jobs[0].position.as_deref(),
                Some("Senior Software Engineer"),
                "{t}"
            );
        }
    }

    #[test]
    fn a_title_then_a_word_for_at_then_the_employer() {
        for (t, pos, org) in [
            ("Praktikum bei Bosch Rexroth", "Praktikum", "Bosch Rexroth"),
            ("Stagiaire chez Airbus", "Stagiaire", "Airbus"),
            ("Ricercatore presso INGV", "Ricercatore", "INGV"),
        ] {
            let (jobs, _) = parse(&[l(LineKind::Text, t), l(LineKind::Text, "2019 - 2020")]);
            assert_eq!(jobs[0].position.as_deref(), Some(pos), "{t}");
            assert_eq!(jobs[0].organization.as_deref(), Some(org), "{t}");
        }
    }

    #[test]
    fn a_wrapped_paragraph_stays_in_the_summary() {
        let lines = vec![
            l(LineKind::Text, "Acme Corp, Senior Engineer, 2021–2023"),
            l(
                LineKind::Text,
                "Strategic leadership for a diverse team of engineers across several projects under the",
            ),
            l(LineKind::Continuation, "umbrella of the compiler framework and its tooling for"),
            l(LineKind::Continuation, "formal verification."),
        ];
        let (jobs, _) = parse(&lines);
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0]
            .summary
            .as_deref()
            .unwrap()
            .ends_with("for formal verification."));
        // A capitalised name after a full sentence, or a dated line, is no
        // part of the paragraph.
        let lines = vec![
            l(LineKind::Text, "Acme Corp, Senior Engineer, 2021–2023"),
            l(
                LineKind::Text,
                "Led the team that built the platform used by every other team in the company.",
            ),
            l(LineKind::Continuation, "Globex, Developer, 2019–2021"),
        ];
        let (jobs, _) = parse(&lines);
        assert_eq!(jobs.len(), 2);
        assert_eq!(jobs[1].organization.as_deref(), Some("Globex"));
    }

    #[test]
    fn a_title_right_under_a_dated_organization_is_its_position() {
        let lines = vec![
            row(
                LineKind::Text,
                &["Quantum Computing Inc., Berkeley", "2018 - 2019"],
            ),
            l(LineKind::Text, "Mathematician"),
            l(LineKind::Blank, ""),
            row(LineKind::Text, &["Research Assistant", "2016 - 2018"]),
            l(LineKind::Continuation, "University of Wisconsin-Madison"),
        ];
        let (jobs, _) = parse(&lines);
        assert_eq!(jobs.len(), 2, "{jobs:?}");
        assert_eq!(jobs[0].position.as_deref(), Some("Mathematician"));
        assert_eq!(jobs[1].position.as_deref(), Some("Research Assistant"));
        assert_eq!(
            jobs[1].organization.as_deref(),
            Some("University of Wisconsin-Madison")
        );
    }

    #[test]
    fn a_bold_title_and_name_pair_is_split() {
        for t in ["Front-End Developer — Acme", "Software Engineer, Acme"] {
            let mut line = Line::new(
                LineKind::Text,
                vec![Span {
                    text: t.into(),
                    bold: true,
                    ..Default::default()
                }],
            );
            line.spans.push(Span::plain(" 2021 - 2022"));
            let (jobs, _) = parse(&[(0, line)]);
            assert_eq!(
                jobs[0].position.as_deref(),
                Some(t.split([',', '—']).next().unwrap().trim()),
                "{t}"
            );
            assert_eq!(jobs[0].organization.as_deref(), Some("Acme"), "{t}");
        }
    }

    #[test]
    fn a_paragraph_under_a_job_is_its_summary_however_short_its_first_line() {
        let lines = vec![
            row(LineKind::Text, &["Huawei", "Research Developer"]),
            l(LineKind::Continuation, "Edinburgh, 2019–2021"),
            l(LineKind::Blank, ""),
            l(
                LineKind::Text,
                "Developed features within a production-grade compiler as part of a larger",
            ),
            l(
                LineKind::Continuation,
                "research team. Maintained developer tools.",
            ),
            l(LineKind::Blank, ""),
            row(LineKind::Text, &["GoCardless", "Core Payments Developer"]),
            l(LineKind::Continuation, "London, 2016"),
        ];
        let (jobs, _) = parse(&lines);
        assert_eq!(jobs.len(), 2, "{jobs:#?}");
        assert!(jobs[0]
            .summary
            .as_deref()
            .unwrap()
            .contains("larger research team."));
        assert_eq!(jobs[1].organization.as_deref(), Some("GoCardless"));
    }

    #[test]
    fn an_organization_alone_over_the_title_and_dates() {
        let lines = vec![
            l(LineKind::Text, "Nearshore IT Development"),
            l(LineKind::Blank, ""),
            l(LineKind::Text, "Full-Stack Developer | Valencia, Spain"),
            l(LineKind::Continuation, "May 2023 - Present"),
        ];
        let (jobs, _) = parse(&lines);
        assert_eq!(jobs.len(), 1, "{jobs:#?}");
        assert_eq!(
            jobs[0].organization.as_deref(),
            Some("Nearshore IT Development")
        );
        assert_eq!(jobs[0].position.as_deref(), Some("Full-Stack Developer"));
        assert_eq!(jobs[0].start.as_deref(), Some("2023-05"));
    }
}
