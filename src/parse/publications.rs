//! Publications: `[C1] Authors. Title In Venue (SHORT). 2024. Notes` entries,
//! homepage entries (title line, authors line, venue line with links), and
//! link-titled entries (`[Title](url) (with A and B) --- _Journal_, 2024`).

use super::citation;
use super::dates;
use super::util::{self, Block, NLine};
use crate::extract::{Line, LineKind};
use crate::profile::{Link, Publication, PublicationType};

util::re!(
    key_re,
    r"^\[([A-Z]{0,3}[-.]?[0-9]{1,3}[a-z]?)\]\s*|^([A-Z]{1,2}[0-9]{1,3})[.:]?\s+"
);
util::re!(
    year_marker,
    r"[.,]\s*\(?((?:19|20)[0-9]{2})\)?[a-z]?(?:\.|,|\s*$|\s+)"
);
util::re!(any_year, r"(?:^|[^0-9/])((?:19|20)[0-9]{2})(?:[^0-9%]|$)");
util::re!(
    short_year,
    r"(?:(?-u:\b)|[A-Za-z])\s?['’]?([0-9]{2})(?:\s*,|\s*$|\s+\(|\s+[A-Za-z])"
);
util::re!(
    paren_acronym,
    r"\(\s*([A-Za-z][A-Za-z0-9 &/+-]*?[A-Z][A-Za-z0-9+-]*)\s*['’]?[0-9]{0,4}\s*\)"
);

/// Publication type a section or subsection title implies.
pub fn type_from_title(title: &str) -> Option<PublicationType> {
    let t = title.to_lowercase();
    let order = [
        ("workshop", PublicationType::Workshop),
        ("conference", PublicationType::Conference),
        ("journal", PublicationType::Journal),
        ("preprint", PublicationType::Preprint),
        ("working paper", PublicationType::Preprint),
        ("in progress", PublicationType::Preprint),
        ("under review", PublicationType::Preprint),
        ("submitted", PublicationType::Preprint),
        ("report", PublicationType::Report),
        ("thes", PublicationType::Thesis),
        ("dissertation", PublicationType::Thesis),
        ("chapter", PublicationType::Chapter),
        ("book", PublicationType::Book),
        ("poster", PublicationType::Poster),
        ("talk", PublicationType::Talk),
        ("presentation", PublicationType::Talk),
    ];
    let mut best: Option<(usize, PublicationType)> = None;
    for (w, k) in order {
        if let Some(p) = t.find(w) {
            if best.is_none_or(|(bp, _)| p < bp) {
                best = Some((p, k));
            }
        }
    }
    best.map(|(_, k)| k)
}

/// A subsection title names a kind of publication in the plural ("Journal
/// Articles", "Workshops"); a paper's own title ("A Talk Without Slides") does not.
fn is_plural_title(t: &str) -> bool {
    util::re!(
        plural,
        r"(?i)(?-u:\b)(conferences|journals|workshops|preprints|reports|theses|chapters|books|posters|talks|presentations|papers|publications|articles|proceedings|abstracts|dissertations|manuscripts|works)(?-u:\b)"
    );
    plural().is_match(t)
}

/// Well-known computer-science conferences, to type entries whose venue is only an acronym.
pub const CONFERENCES: &[&str] = &[
    "NSDI",
    "OSDI",
    "SOSP",
    "ASPLOS",
    "ATC",
    "EUROSYS",
    "SIGCOMM",
    "CONEXT",
    "ISCA",
    "MICRO",
    "HPCA",
    "PLDI",
    "POPL",
    "ICML",
    "NEURIPS",
    "NIPS",
    "ICLR",
    "CVPR",
    "ICCV",
    "ECCV",
    "ACL",
    "EMNLP",
    "NAACL",
    "AAAI",
    "IJCAI",
    "KDD",
    "WWW",
    "SIGMOD",
    "VLDB",
    "ICDE",
    "FAST",
    "ICPE",
    "MOBICOM",
    "INFOCOM",
    "IMC",
    "CCS",
    "USENIX SECURITY",
    "NDSS",
    "S&P",
    "SOCC",
    "MIDDLEWARE",
    "PODC",
    "SPAA",
    "SC",
    "HPDC",
    "ICSE",
    "FSE",
    "CHI",
    "UIST",
    "SIGIR",
    "RECSYS",
    "MLSYS",
    "ICRA",
    "IROS",
    "RSS",
    "HRI",
    "CORL",
    "CDC",
    "ICASSP",
    "INTERSPEECH",
    "MICCAI",
    "ISMB",
    "RECOMB",
    "SODA",
    "STOC",
    "FOCS",
    "ICALP",
    "CAV",
    "TACAS",
    "LICS",
    "OOPSLA",
    "ECOOP",
    "ISSTA",
    "ASE",
    "MSR",
    "WSDM",
    "CIKM",
    "EDBT",
    "PODS",
    "SIGMETRICS",
    "MOBISYS",
    "SENSYS",
    "IPSN",
    "HOTNETS",
    "HOTOS",
    "SOCC",
    "EUROMLSYS",
    "CONEXT",
    "ICPE",
    "DAC",
    "DATE",
    "ICCAD",
    "FPGA",
    "UAI",
    "AISTATS",
    "COLT",
    "COLING",
    "EACL",
    "ICDM",
    "SDM",
    "WACV",
    "BMVC",
    "3DV",
];

fn infer_type(venue: &str, short: Option<&str>, key: Option<&str>) -> Option<PublicationType> {
    let v = venue.to_lowercase();
    if v.contains("arxiv") || v.contains("preprint") || v.contains("biorxiv") || v.contains("ssrn")
    {
        return Some(PublicationType::Preprint);
    }
    if v.contains("technical report") || v.contains("tech report") || v.contains("tech. rep") {
        return Some(PublicationType::Report);
    }
    if v.contains("thesis") || v.contains("dissertation") {
        return Some(PublicationType::Thesis);
    }
    if v.contains("poster") {
        return Some(PublicationType::Poster);
    }
    if v.contains("workshop") {
        return Some(PublicationType::Workshop);
    }
    if v.contains("journal")
        || v.contains("transactions")
        || v.contains("letters")
        || v.contains("magazine")
        || v.contains("review")
    {
        return Some(PublicationType::Journal);
    }
    if v.contains("conference")
        || v.contains("symposium")
        || v.contains("proceedings")
        || v.contains("proc.")
    {
        return Some(PublicationType::Conference);
    }
    if let Some(s) = short {
        if CONFERENCES.contains(&s.to_uppercase().as_str()) {
            return Some(PublicationType::Conference);
        }
    }
    for w in venue.split(|c: char| !c.is_alphanumeric()) {
        if w.len() >= 3
            && CONFERENCES.contains(&w.to_uppercase().as_str())
            && w.chars().filter(|c| c.is_uppercase()).count() >= 2
        {
            return Some(PublicationType::Conference);
        }
    }
    match key.and_then(|k| k.chars().next()) {
        Some('C') => Some(PublicationType::Conference),
        Some('J') => Some(PublicationType::Journal),
        Some('W') => Some(PublicationType::Workshop),
        _ => None,
    }
}

/// Types an entry's own text may impose over its section's type.
fn entry_override(venue: &str) -> Option<PublicationType> {
    match infer_type(venue, None, None) {
        Some(
            t @ (PublicationType::Preprint
            | PublicationType::Report
            | PublicationType::Thesis
            | PublicationType::Poster),
        ) => Some(t),
        _ => None,
    }
}

pub fn parse(title: &str, lines: &[NLine]) -> (Vec<Publication>, Vec<String>) {
    let mut out = Vec::new();
    let mut leftovers = Vec::new();
    let mut sub_type = type_from_title(title);
    for block in split_at_repeated_keys(util::blocks(lines)) {
        let first = block.first();
        let first_text = first.flat_text();
        // A subsection title inside the section ("Journal Articles", a bold line).
        if block.lines.len() == 1
            && (matches!(first.kind, LineKind::Heading(_)) || first.all_bold())
            && !key_re().is_match(&first_text)
            && first_text.split_whitespace().count() <= 8
            && is_plural_title(&first_text)
        {
            if let Some(t) = type_from_title(&first_text) {
                sub_type = Some(t);
                continue;
            }
        }
        if let Some(p) = parse_block(&block, sub_type) {
            // A legend ("* equal contribution") or a stray line is not a publication.
            let bold_title = block.first().all_bold();
            let lowercase_start = p
                .title
                .as_deref()
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_lowercase());
            if p.authors.is_empty()
                && p.year.is_none()
                && p.venue.is_none()
                && p.key.is_none()
                && (p.links.is_empty() || lowercase_start)
                && !bold_title
            {
                leftovers.push(util::text_with_urls(block.first()));
                continue;
            }
            out.push(p);
        }
    }
    (out, leftovers)
}

/// Entries start where their key repeats. When the section's entries start with
/// a citation key or a list number (`[C3]`, `J2.`, `12.`), every line that starts
/// with one starts the next entry, gaps or none: a list set without gaps is one
/// block of lines, and a gap inside an entry (before its venue line) does not end
/// it. A block before the first key (a legend) and a subsection title stay apart.
fn split_at_repeated_keys(blocks: Vec<Block>) -> Vec<Block> {
    util::re!(number, r"^\(?[0-9]{1,3}[.)]\s");
    let text = |l: &Line| l.flat_text().trim_start().to_string();
    // How many lines start with a key, and how many blocks: keys that start
    // most blocks, or several in one, are the entries' starts.
    let count = |re: &regex::Regex| {
        let lines = blocks
            .iter()
            .flat_map(|b| b.lines.iter())
            .filter(|(_, l)| re.is_match(&text(l)))
            .count();
        let firsts = blocks
            .iter()
            .filter(|b| re.is_match(&text(b.first())))
            .count();
        (lines, firsts)
    };
    let (keyed_lines, keyed_firsts) = count(key_re());
    let (numbered_lines, numbered_firsts) = count(number());
    let start_re: &regex::Regex = if keyed_lines >= 2 && keyed_firsts >= 1 {
        key_re()
    } else if numbered_lines >= 2 && numbered_firsts >= 1 {
        number()
    } else {
        return blocks;
    };
    let starts = |t: &str| start_re.is_match(t);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // Whether the last block out is an entry that later lines may continue.
    let mut open = false;
    for b in blocks {
        let first = b.first();
        let subsection = b.lines.len() == 1
            && (matches!(first.kind, LineKind::Heading(_)) || first.all_bold())
            && !starts(&text(first));
        if subsection || (!open && !starts(&text(first))) {
            out.push(b);
            open = false;
            continue;
        }
        for (no, l) in b.lines {
            if starts(&text(&l)) || !open {
                out.push(Block {
                    lines: vec![(no, l)],
                });
                open = true;
            } else if let Some(last) = out.last_mut() {
                last.lines.push((no, l));
            }
        }
    }
    out
}

/// How many of title, authors and year a publication has.
fn completeness(p: &Publication) -> usize {
    usize::from(p.title.is_some())
        + usize::from(!p.authors.is_empty())
        + usize::from(p.year.is_some())
}

/// An entry read by its layout (lines, cells, links); when that reading
/// lacks a title or authors, the citation model's reading of the whole
/// entry's text is taken instead if it has more of title, authors and year.
fn parse_block(block: &Block, sub_type: Option<PublicationType>) -> Option<Publication> {
    let p = parse_block_layout(block, sub_type);
    // Title and authors without a year: a working paper, read right.
    if p.as_ref()
        .is_some_and(|p| p.title.is_some() && !p.authors.is_empty())
        || block.lines.len() > 12
    {
        return p;
    }
    let lines: Vec<&Line> = block.lines.iter().map(|(_, l)| l).collect();
    let text = util::collapse(
        &lines
            .iter()
            .map(|l| util::text_without_link_labels(l))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let links: Vec<Link> = lines.iter().flat_map(|l| util::links_of(l)).collect();
    let Some(m) = model_entry(&text, links, sub_type) else {
        return p;
    };
    match p {
        Some(p) if completeness(&p) >= completeness(&m) => Some(p),
        _ => Some(m),
    }
}

fn parse_block_layout(block: &Block, sub_type: Option<PublicationType>) -> Option<Publication> {
    let lines: Vec<&Line> = block.lines.iter().map(|(_, l)| l).collect();
    let links: Vec<Link> = lines.iter().flat_map(|l| util::links_of(l)).collect();
    let first_text = util::text_without_link_labels(lines[0]);
    let starts_keyed = key_re().is_match(&first_text);
    // Link-titled entry: the line starts with a link whose text is the title.
    if let Some(first_span) = lines[0].spans.iter().find(|s| !s.text.trim().is_empty()) {
        let after_link: String = lines[0]
            .spans
            .iter()
            .skip_while(|s| s.text.trim().is_empty() || s.link.is_some())
            .map(|s| s.text.as_str())
            .collect();
        let after_link = after_link.trim();
        let titled = first_span.text.split_whitespace().count() >= 3
            || after_link.is_empty()
            || after_link.starts_with(['(', '—', '-', ':', ',']);
        if first_span.link.as_deref().is_some_and(|u| !u.is_empty())
            && !util::is_link_label(&first_span.text)
            && titled
            && !(lines.len() >= 2
                && looks_like_author_list(&util::text_without_link_labels(lines[1])))
        {
            return Some(link_titled(lines[0], &lines[1..], links, sub_type));
        }
    }
    // A date column: "09/18 | Schneider, A. D.; Bitsch, B. | A & A, Volume 617"
    // with the title on the lines below.
    if let Some(p) = date_row_entry(&lines, &links, sub_type) {
        return Some(p);
    }
    // Homepage style: title line, then an authors line (a keyed one only when the
    // title line holds nothing but the key and the title, bold or linked).
    let title_only = lines[0]
        .spans
        .iter()
        .filter(|s| !s.text.trim().is_empty() && !key_re().is_match(s.text.trim()))
        .all(|s| s.bold || s.link.is_some());
    // The title may wrap onto a second line before the authors (a long
    // title beside a date cell).
    let authors = |k: usize| {
        lines
            .get(k)
            .is_some_and(|l| looks_like_author_list(&util::text_without_link_labels(l)))
    };
    // Its second part is set like its first (bold) and is no author list.
    let title_goes_on = lines.len() > 2
        && lines[1].kind == LineKind::Continuation
        && lines[0]
            .spans
            .iter()
            .find(|s| !s.text.trim().is_empty())
            .is_some_and(|s| s.bold)
        && lines[1].all_bold()
        && authors(2);
    let authors_at = if title_goes_on {
        Some(2)
    } else {
        authors(1).then_some(1)
    };
    if let (true, Some(k)) = (!starts_keyed || title_only, authors_at) {
        let authors_line = util::text_without_link_labels(lines[k]);
        {
            let first_line = if lines[0]
                .spans
                .iter()
                .any(|s| s.link.as_deref().is_some_and(|u| !u.is_empty()))
                && !util::is_link_label(&lines[0].flat_text())
            {
                lines[0].text()
            } else {
                util::text_without_link_labels_cells(lines[0])
            };
            // A date set in a cell of its own beside the title is the date, not title.
            let (first_line, date_year) = split_date_cell(&first_line);
            let mut title_line = first_line;
            for l in &lines[1..k] {
                title_line.push(' ');
                title_line.push_str(&util::text_without_link_labels(l));
            }
            // The venue is the third line (unless it is all italics: notes); lines
            // after it are notes.
            let italic_line = |l: &Line| {
                l.spans
                    .iter()
                    .filter(|s| !s.text.trim().is_empty())
                    .all(|s| s.italic)
            };
            let venue_line = lines.get(k + 1).filter(|l| !italic_line(l));
            let venue_text = venue_line
                .map(|l| util::text_without_link_labels(l))
                .unwrap_or_default();
            let notes_from = if venue_line.is_some() { k + 2 } else { k + 1 };
            let mut p = homepage_entry(&title_line, &authors_line, &venue_text, links, sub_type);
            if p.year.is_none() {
                p.year = date_year;
            }
            if let Some(c) = key_re().captures(&title_line) {
                p.key = c.get(1).or(c.get(2)).map(|m| m.as_str().to_string());
                let rest = &title_line[c.get(0).map_or(0, |m| m.end())..];
                p.title = Some(clean_title(rest));
            }
            for l in lines.iter().skip(notes_from) {
                for note in util::text_without_link_labels(l).split("; ") {
                    let note = note.trim();
                    if !note.is_empty() {
                        p.notes.push(note.to_string());
                    }
                }
            }
            return Some(p);
        }
    }
    // "Title. Authors" over lines, then the venue and year on the last line.
    if let Some(p) = title_first_entry(&lines, &links, sub_type) {
        return Some(p);
    }
    // Bold remarks ("**Best Paper Award.**") are notes, not part of the venue.
    util::re!(
        award_re,
        r"(?i)(?-u:\b)(award|prize|best|winner|honou?rable|spotlight|oral|distinguished|nominee|finalist)(?-u:\b)"
    );
    // Runs of bold spans, across lines (spaces and brackets between them do
    // not break a run): a run that names an award holds remarks, whole even
    // when a PDF line ended inside one ("[Community Award" / "Winner!]").
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        for (si, sp) in l.spans.iter().enumerate() {
            let t = sp.text.trim();
            if sp.bold && !t.is_empty() {
                run.push((li, si));
            } else if !t.chars().all(|c| matches!(c, '[' | ']' | '(' | ')')) && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let mut remarks: Vec<String> = Vec::new();
    let mut dropped: std::collections::HashSet<(usize, usize)> = Default::default();
    for run in runs {
        let text = run
            .iter()
            .map(|&(li, si)| lines[li].spans[si].text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        if !award_re().is_match(&text) {
            continue;
        }
        // "Best Paper Award. Distinguished Artifact Award.": one remark a sentence.
        for part in text.split(". ") {
            let part = part
                .trim()
                .trim_matches(['[', ']'])
                .trim()
                .trim_end_matches('.');
            if !part.is_empty() {
                remarks.push(part.to_string());
            }
        }
        dropped.extend(run);
    }
    let text = lines
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let mut l = (*l).clone();
            let mut si = 0;
            l.spans.retain(|_| {
                let keep = !dropped.contains(&(li, si));
                si += 1;
                keep
            });
            util::text_without_link_labels(&l)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = util::collapse(&text);
    if text.is_empty() {
        return None;
    }
    let mut p = entry_from_text(&text, links, sub_type);
    p.notes.extend(remarks);
    Some(p)
}

/// "Title. Author, Author, Author" (over one or more lines), then a last line
/// with the venue and the year: "BioRxiv. https://doi.org/... (2021)".
fn title_first_entry(
    lines: &[&Line],
    links: &[Link],
    sub_type: Option<PublicationType>,
) -> Option<Publication> {
    if lines.len() < 2 {
        return None;
    }
    let (last, head) = lines.split_last()?;
    let venue_line = util::text_without_link_labels(last);
    let year = year_in(&venue_line)?;
    let text = util::collapse(
        &head
            .iter()
            .map(|l| util::text_without_link_labels(l))
            .collect::<Vec<_>>()
            .join(" "),
    );
    if key_re().is_match(&text) {
        return None;
    }
    // The title's end: the first ". " that does not follow an initial ("A. Example").
    let dot = text.match_indices(". ").map(|(i, _)| i).find(|&i| {
        let word = text[..i].rsplit(' ').next().unwrap_or("");
        !(word.chars().count() == 1 && word.chars().all(char::is_uppercase))
    })?;
    let (title, authors) = (&text[..dot], text[dot + 2..].trim().trim_end_matches('.'));
    if looks_like_author_list(title)
        || !looks_like_author_list(authors)
        || split_authors(authors).len() < 2
        || title.split_whitespace().count() < 3
    {
        return None;
    }
    let mut p = new_pub(PublicationType::Other);
    p.title = Some(clean_title(title)).filter(|t| !t.is_empty());
    p.authors = split_authors(authors);
    // A printed URL (a DOI) is a link, not part of the venue.
    let (venue, printed) = take_printed_urls(&end_year().replace(&venue_line, ""));
    p.year = Some(year);
    set_venue(&mut p, venue, sub_type);
    p.links = links.to_vec();
    add_links(&mut p, printed);
    Some(p)
}

/// A PDF row of cells: a date alone, the authors, the venue; the title on the
/// lines below (notes after a blank-free run are kept with it).
fn date_row_entry(
    lines: &[&Line],
    links: &[Link],
    sub_type: Option<PublicationType>,
) -> Option<Publication> {
    let first = lines.first()?;
    first.geom?;
    let cells = util::cells(first);
    if !(2..=4).contains(&cells.len()) || lines.len() < 2 {
        return None;
    }
    let year = date_cell_year(&cells[0])?;
    let mut authors = cells[1].clone();
    let mut venue: Vec<String> = cells[2..].to_vec();
    let mut rest = 1;
    // The author list wraps: its cell ends in a separator, and the next row
    // goes on with it (and may hold the venue in a cell of its own).
    while authors.trim_end().ends_with([';', ',']) && venue.is_empty() && rest < lines.len() {
        let next = util::cells(lines[rest]);
        let Some((more, others)) = next.split_first() else {
            break;
        };
        authors = format!("{} {more}", authors.trim_end());
        venue = others.to_vec();
        rest += 1;
    }
    if venue.is_empty() || !looks_like_author_list(&authors) {
        return None;
    }
    let venue = venue.join(", ");
    let title: Vec<String> = lines[rest..]
        .iter()
        .map(|l| util::text_without_link_labels(l))
        .filter(|t| !t.trim().is_empty())
        .collect();
    if title.is_empty() {
        return None;
    }
    let mut p = new_pub(PublicationType::Other);
    p.authors = split_authors(&authors);
    p.title = Some(clean_title(&title.join(" "))).filter(|t| !t.is_empty());
    p.year = Some(year);
    set_venue(&mut p, venue, sub_type);
    p.links = links.to_vec();
    Some(p)
}

/// The year of a cell that holds only a date: any date form, or `MM/YY`,
/// which is a date only in a cell of its own (elsewhere it may be a fraction).
fn date_cell_year(cell: &str) -> Option<i32> {
    let c = cell.trim();
    if let Some((m, y)) = c.split_once('/') {
        let two = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if two(y)
            && (1..=2).contains(&m.len())
            && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        {
            let y: i32 = y.parse().ok()?;
            return Some(if y >= 70 { 1900 + y } else { 2000 + y });
        }
    }
    let p = super::dates::whole_date(c)?;
    p.start.as_deref()?.get(..4)?.parse().ok()
}

/// A line's cells without a cell that is only a date (`July 2023`), and that
/// date's year.
fn split_date_cell(line: &str) -> (String, Option<i32>) {
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cells.len() < 2 {
        return (line.trim().to_string(), None);
    }
    let is_date = |c: &str| {
        super::dates::find_period(c).is_some_and(|p| p.text.trim().len() + 2 >= c.trim().len())
    };
    let mut year = None;
    let kept: Vec<&str> = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            let edge = *i == 0 || *i == cells.len() - 1;
            if edge && year.is_none() && is_date(c) {
                year = year_in(c).or(Some(0));
                false
            } else {
                true
            }
        })
        .map(|(_, c)| *c)
        .collect();
    (kept.join(" "), year.filter(|&y| y > 0))
}

fn new_pub(kind: PublicationType) -> Publication {
    Publication {
        kind,
        ..Publication::default()
    }
}

/// The venue, its acronym and the type they give (the entry's own words, then
/// the subsection it stands in, then the venue's kind).
fn set_venue(p: &mut Publication, venue: String, sub_type: Option<PublicationType>) {
    p.venue_short = acronym_of(&venue);
    p.kind = entry_override(&venue)
        .or(sub_type)
        .or_else(|| infer_type(&venue, p.venue_short.as_deref(), p.key.as_deref()))
        .unwrap_or(PublicationType::Other);
    p.venue = Some(venue).filter(|v| !v.is_empty());
}

/// Links found printed in the text, after the entry's own (no URL twice).
fn add_links(p: &mut Publication, links: Vec<Link>) {
    for l in links {
        if !p.links.iter().any(|k| k.url == l.url) {
            p.links.push(l);
        }
    }
}

// "Open Mind (2024)": a year in parentheses ending a venue is the year's field.
util::re!(end_year, r"\s*\((?:19|20)[0-9]{2}\)\s*\.?$");

fn homepage_entry(
    title: &str,
    authors: &str,
    venue: &str,
    links: Vec<Link>,
    sub_type: Option<PublicationType>,
) -> Publication {
    let venue = util::collapse(venue);
    let year = year_in(&venue).or_else(|| short_year_in(&venue));
    // A printed URL is a link and a "(2020)" at the end the year, not venue.
    let (venue, printed) = take_printed_urls(&venue);
    let venue = end_year()
        .replace(&venue, "")
        .trim_end_matches([',', '.', ';'])
        .trim()
        .to_string();
    let mut p = new_pub(PublicationType::Other);
    set_venue(&mut p, venue, sub_type);
    p.title = Some(clean_title(title));
    p.authors = split_authors(authors);
    p.year = year;
    p.links = links
        .into_iter()
        .filter(|l| !title.contains(&l.url))
        .collect();
    add_links(&mut p, printed);
    p
}

/// The URLs printed in a text, as links, and the text without them.
fn take_printed_urls(text: &str) -> (String, Vec<Link>) {
    util::re!(url_re, r"https?://\S+");
    let links = url_re()
        .find_iter(text)
        .map(|m| {
            let url = m.as_str().trim_end_matches(['.', ',', ')']).to_string();
            let label = if url.contains("doi.org/") {
                "DOI"
            } else {
                "Link"
            };
            Link {
                label: label.into(),
                url,
            }
        })
        .collect();
    let rest = util::collapse(&url_re().replace_all(text, ""));
    (
        rest.trim().trim_end_matches(['.', ',']).trim().to_string(),
        links,
    )
}

fn link_titled(
    first: &Line,
    rest: &[&Line],
    links: Vec<Link>,
    sub_type: Option<PublicationType>,
) -> Publication {
    let mut title = String::new();
    let mut after = String::new();
    let mut in_title = true;
    for sp in &first.spans {
        if in_title && sp.link.is_some() {
            title.push_str(&sp.text);
        } else {
            in_title = false;
            after.push_str(&sp.text);
        }
    }
    let after = util::collapse(&after);
    let mut p = new_pub(PublicationType::Other);
    p.title = Some(clean_title(&title));
    let mut rest_text = after.clone();
    util::re!(with_re, r"^\(?\s*(?:with|joint with|w/)\s+([^)]*)\)?\s*");
    if let Some(c) = with_re().captures(&after) {
        p.authors = split_authors(&c[1]);
        rest_text = after[c.get(0).map_or(0, |m| m.end())..].to_string();
    }
    let mut rest_text = rest_text
        .trim_start_matches(['-', '—', '–', ',', ' ', ':'])
        .trim()
        .to_string();
    // "**[Title](url)**" with the venue on the next line.
    let mut rest = rest;
    let mut venue_line: Option<&Line> = None;
    if rest_text.is_empty() {
        // Only a line of the same entry (a hard break), not a sub-bullet of notes.
        if let Some((first_rest, more)) = rest
            .split_first()
            .filter(|(l, _)| l.kind == LineKind::Continuation)
        {
            rest_text = util::text_without_link_labels(first_rest);
            venue_line = Some(first_rest);
            rest = more;
        }
    }
    // The venue is the italic part, else the text up to the first comma.
    let italic: String = venue_line
        .unwrap_or(first)
        .spans
        .iter()
        .filter(|s| s.italic && s.link.is_none())
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let venue = if !italic.trim().is_empty() {
        util::collapse(&italic)
    } else {
        rest_text.split(',').next().unwrap_or("").trim().to_string()
    };
    p.year = year_in(&rest_text);
    let remainder = dates::tidy(rest_text.replacen(&venue, "", 1).as_str());
    let year_only = p.year.is_some_and(|y| remainder == y.to_string());
    if !remainder.is_empty() && !year_only {
        p.notes.push(remainder);
    }
    for l in rest {
        let t = util::text_with_urls(l);
        let t = util::strip_bullet(&t).trim().to_string();
        if !t.is_empty() {
            p.notes.push(t);
        }
    }
    set_venue(&mut p, venue, sub_type);
    p.links = links;
    p
}

/// One entry's text read by the rules of `citation_entry`; when they miss
/// its title, authors or year, by the citation model if that finds more of
/// them. (The model alone reads the keyed and APA styles the rules were made
/// for less well: it splits authors from titles at the wrong period.)
fn entry_from_text(text: &str, links: Vec<Link>, sub_type: Option<PublicationType>) -> Publication {
    let p = citation_entry(text, links.clone(), sub_type);
    if completeness(&p) == 3 {
        return p;
    }
    match model_entry(text, links, sub_type) {
        Some(m) if completeness(&m) > completeness(&p) => m,
        _ => p,
    }
}

/// The labelled runs of a reference: label and byte range, in order.
fn labelled_runs(text: &str) -> Option<Vec<(&'static str, usize, usize)>> {
    let toks = citation::tokenize(text);
    let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
    let labels = citation::tag(&words);
    if labels.is_empty() || labels.len() != words.len() {
        return None;
    }
    let mut runs: Vec<(&'static str, usize, usize)> = Vec::new();
    for (t, l) in toks.iter().zip(labels) {
        match runs.last_mut() {
            Some(r) if r.0 == l => r.2 = t.end,
            _ => runs.push((l, t.start, t.end)),
        }
    }
    Some(runs)
}

/// `[C1] Authors. Title. Venue, 2024. Notes` in any citation style, by the
/// citation model: its labels mapped to the publication's fields.
fn model_entry(
    text: &str,
    links: Vec<Link>,
    sub_type: Option<PublicationType>,
) -> Option<Publication> {
    let runs = labelled_runs(text)?;
    let field = |l: &str| -> Vec<&str> {
        runs.iter()
            .filter(|r| r.0 == l)
            .map(|r| text[r.1..r.2].trim())
            .collect()
    };
    let mut p = new_pub(PublicationType::Other);
    if let Some(c) = key_re().captures(text.trim_start()) {
        p.key = c.get(1).or(c.get(2)).map(|m| m.as_str().to_string());
    }
    let title = field("title").first().map(|t| clean_title(t))?;
    if title.is_empty() {
        return None;
    }
    p.title = Some(title);
    if let Some(a) = field("author").first() {
        util::re!(with_head, r"^\(?\s*(?:with|joint with|w/)\s+");
        let a = with_head().replace(a, "");
        let a = a
            .trim_end_matches([',', ';', ':', ' '])
            .trim_end_matches(')');
        p.authors = split_authors(a.trim_end_matches([',', ';', ':', ' ']));
    }
    let date = field("date").join(" ");
    p.year = year_in(&date)
        .or_else(|| short_year_in(&date))
        .or_else(|| year_in(text));
    let containers = field("container");
    let publishers = field("publisher");
    let venue = containers
        .first()
        .or(publishers.first())
        .map(|v| {
            let v = v
                .strip_prefix("In ")
                .or_else(|| v.strip_prefix("in "))
                .unwrap_or(v);
            let v = v.trim_start_matches([':', ' ']);
            end_year()
                .replace(
                    v.trim_end_matches(|c: char| matches!(c, ',' | '.' | ';') || c.is_whitespace()),
                    "",
                )
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    for n in field("note") {
        p.notes.extend(split_notes(n).into_iter().map(|n| {
            n.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ' '))
                .to_string()
        }));
    }
    p.notes.retain(|n| !n.is_empty());
    set_venue(&mut p, venue, sub_type);
    p.links = links;
    let printed = [field("url"), field("doi")].concat().join(" ");
    let (_, printed) = take_printed_urls(&printed);
    add_links(&mut p, printed);
    Some(p)
}

/// `[C1] Authors. Title In Venue (SHORT). 2024. Notes`
fn citation_entry(text: &str, links: Vec<Link>, sub_type: Option<PublicationType>) -> Publication {
    let mut p = new_pub(PublicationType::Other);
    let mut rest = text.trim().to_string();
    if let Some(c) = key_re().captures(&rest) {
        p.key = c.get(1).or(c.get(2)).map(|m| m.as_str().to_string());
        rest = rest[c.get(0).map_or(0, |m| m.end())..].trim().to_string();
    }
    // "Title (with A and B)": a homepage's co-authors.
    util::re!(with_tail, r"\s*\((?:with|joint with)\s+([^)]*)\)\s*\.?$");
    if let Some(c) = with_tail().captures(&rest) {
        p.authors = split_authors(&c[1]);
        rest = rest[..c.get(0).map_or(rest.len(), |m| m.start())].to_string();
    } else if let Some(end) = authors_end(&rest) {
        let authors = &rest[..end];
        if looks_like_author_list(authors) {
            p.authors = split_authors(authors);
            rest = rest[end..].trim().to_string();
        }
    }
    // APA: "Authors (2024). Title. Venue, 8(1)." The year in parentheses
    // right after the authors; the title runs to its first sentence end.
    util::re!(
        apa_year,
        r"(?i)^\((?:((?:19|20)[0-9]{2})[a-z]?|(in press|forthcoming|accepted|under review|submitted))\)\.?\s+"
    );
    if !p.authors.is_empty() {
        if let Some(c) = apa_year().captures(&rest) {
            let year = c.get(1).and_then(|m| m.as_str().parse().ok());
            let status = c.get(2).map(|m| m.as_str().to_lowercase());
            let body = rest[c.get(0).map_or(0, |m| m.end())..].to_string();
            return apa_entry(p, &body, year, status, links, sub_type);
        }
    }
    // Year marker splits title+venue from the notes.
    let (head, tail, year) = match year_marker().captures(&rest) {
        Some(c) => {
            let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            let y = c[1].parse::<i32>().ok();
            (rest[..m.0].to_string(), rest[m.1..].to_string(), y)
        }
        None => (rest.clone(), String::new(), year_in(&rest)),
    };
    p.year = year;
    let (title, venue) = split_title_venue(&head);
    p.title = Some(clean_title(&title)).filter(|t| !t.is_empty());
    let venue = venue
        .map(|v| {
            end_year()
                .replace(
                    v.trim_end_matches(|c: char| matches!(c, ',' | '.' | ';') || c.is_whitespace()),
                    "",
                )
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    p.notes = split_notes(&tail);
    set_venue(&mut p, venue, sub_type);
    p.links = links;
    p
}

/// Byte index just past the period that ends an author list: the first period after a
/// whole word (not an initial) if the text before it is a list of names, else
/// the last period after an initial that still closes a list of names
/// ("Petrova, N.*, and Reindl, M.† Twist-angle ...").
pub fn authors_end(s: &str) -> Option<usize> {
    let mut best = None;
    let mut i = 0;
    while let Some(off) = s[i..].find('.') {
        let pos = i + off;
        i = pos + 1;
        let after = s[pos + 1..].trim_start_matches(['*', '†', '‡']);
        if !(after.is_empty() || after.starts_with(' ')) {
            continue;
        }
        let word = s[..pos].rsplit([' ', ',', '.']).next().unwrap_or("");
        let initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
        if (word == "Jr" || word == "Sr") && after.trim_start().starts_with(',') {
            continue;
        }
        // Exclusive end: the period and any marks after it belong to the list.
        let end = pos + 1 + (s[pos + 1..].len() - after.len());
        let valid = looks_like_author_list(&s[..end]);
        if initial {
            if valid {
                best = Some(end);
            }
            continue;
        }
        return if valid { Some(end) } else { best };
    }
    best
}

/// A list of person names: `A. B, C D, and E F`, `Surname, I., Surname, I.`
pub fn looks_like_author_list(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    if s.is_empty() || s.len() > 1200 {
        return false;
    }
    let names = split_authors(s);
    if names.is_empty() {
        return false;
    }
    if s.contains(':') {
        return false;
    }
    let multi = names.len() >= 2 || s.contains("et al");
    let ok = names.iter().all(|n| {
        let words: Vec<&str> = n.split_whitespace().collect();
        !words.is_empty()
            && !n.chars().any(|c| c.is_ascii_digit())
            && n.chars().any(char::is_alphabetic)
            && words.len() <= 5
            && words.iter().all(|w| {
                let w = w.trim_matches(|c: char| matches!(c, '*' | '†' | '‡' | '(' | ')'));
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                    || matches!(
                        w,
                        "de" | "van"
                            | "von"
                            | "der"
                            | "da"
                            | "di"
                            | "al"
                            | "et"
                            | "al."
                            | "le"
                            | "la"
                            | "del"
                            | "dos"
                            | "bin"
                    )
            })
    });
    ok && (multi || names[0].split_whitespace().count() <= 4)
}

/// Split an author list; marks (`*`, `†`, `‡`) removed; surname-first lists paired.
pub fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim().trim_end_matches(',');
    let s = match s.strip_suffix('.') {
        Some(r)
            if !r.ends_with(" Jr")
                && !r.ends_with(" Sr")
                && !r.ends_with("et al")
                && !r.rsplit([' ', '.']).next().is_some_and(|w| {
                    w.chars().count() == 1 && w.chars().all(char::is_uppercase)
                }) =>
        {
            r
        }
        _ => s,
    };
    let s = s.replace(" et al", ", et al");
    util::re!(sep, r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*;\s*");
    let parts: Vec<String> = sep()
        .split(&s)
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| matches!(c, '*' | '†' | '‡' | ' '))
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    // Surname-first: "Voronin, A, He, Y" or "Arnarson, B. T., A. N. Christensen".
    let is_initials = |p: &str| {
        let t = p.replace(['.', '-', ' '], "");
        !t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| c.is_uppercase())
    };
    // In a list that is surname-first throughout, a surname may have several
    // words ("Ferreira Pinto Junior, R.").
    let surname_first = parts
        .windows(2)
        .filter(|w| !is_initials(&w[0]) && is_initials(&w[1]) && !w[0].contains(' '))
        .count()
        >= 2;
    let surname = |p: &str| {
        !p.contains(' ')
            || surname_first
                && p.split_whitespace().count() <= 4
                && p.split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with('.'))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = &parts[i];
        if i + 1 < parts.len() && !is_initials(p) && is_initials(&parts[i + 1]) && surname(p) {
            // Kept as written, one whole name per author ("Voronin, A").
            out.push(format!("{}, {}", p, parts[i + 1]));
            i += 2;
            continue;
        }
        let name = p.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡'));
        if name.eq_ignore_ascii_case("et al.") || name.eq_ignore_ascii_case("et al") {
            out.push("et al.".to_string());
        } else {
            out.push(name.trim().to_string());
        }
        i += 1;
    }
    out
}

/// The rest of an APA reference after its "(year)." : title, venue, remarks.
fn apa_entry(
    mut p: Publication,
    body: &str,
    year: Option<i32>,
    status: Option<String>,
    links: Vec<Link>,
    sub_type: Option<PublicationType>,
) -> Publication {
    // Bracketed remarks ("[Best Paper Award]") are notes.
    let (body, mut notes) = match body.find('[') {
        Some(i) => (body[..i].trim().to_string(), split_notes(&body[i..])),
        None => (body.trim().to_string(), Vec::new()),
    };
    // The title ends at the first ". ", "? " or "! " (keeping "?" and "!").
    let end = body
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && body[i + 1..].starts_with(' '));
    let (title, venue) = match end {
        Some((i, c)) => {
            let t = if c == '.' { &body[..i] } else { &body[..=i] };
            (t.to_string(), body[i + 1..].trim().to_string())
        }
        None => (body.trim_end_matches('.').to_string(), String::new()),
    };
    let venue = venue
        .strip_prefix("In ")
        .unwrap_or(&venue)
        .trim_end_matches(['.', ',', ' '])
        .to_string();
    p.title = Some(clean_title(&title)).filter(|t| !t.is_empty());
    p.year = year.or_else(|| year_in(&venue));
    set_venue(&mut p, venue, sub_type);
    if let Some(s) = status {
        notes.insert(0, s);
    }
    p.notes = notes;
    p.links = links;
    p
}

/// Split "Title In Venue" or "Title, The 20th Conference" or "Title. Venue".
fn split_title_venue(head: &str) -> (String, Option<String>) {
    let head = head.trim();
    if let Some(pos) = head.rfind(" In ") {
        let (t, v) = (&head[..pos], &head[pos + 4..]);
        if !t.trim().is_empty() && !v.trim().is_empty() {
            return (t.to_string(), Some(v.to_string()));
        }
    }
    if let Some(pos) = head.find(". In ").or_else(|| head.find(", in ")) {
        return (head[..pos].to_string(), Some(head[pos + 5..].to_string()));
    }
    // The first ", " after which the text reads as a venue; then "Title. Venue".
    for sep in [", ", ". "] {
        if let Some(pos) = first_venue_split(head, sep) {
            return (
                head[..pos].to_string(),
                Some(head[pos + sep.len()..].to_string()),
            );
        }
    }
    // "Title. Nature Communications": a short capitalized tail after the last period.
    if let Some(pos) = head.trim_end_matches('.').rfind(". ") {
        let v = head[pos + 2..].trim();
        let words = v.split_whitespace().count();
        if pos > 0
            && (1..=10).contains(&words)
            && v.chars().next().is_some_and(|c| c.is_uppercase())
        {
            return (head[..pos].to_string(), Some(v.to_string()));
        }
    }
    (head.to_string(), None)
}

util::re!(
    venue_word,
    r"(?i)(?-u:\b)(conference|workshop|symposium|journal|transactions|proceedings|proc\.|preprint|arxiv|report|letters|magazine|review|annals|bulletin|press|university|edition|vol\.|volume)(?-u:\b)"
);
util::re!(
    venue_start,
    r"(?i)^(?:the\s+)?[0-9]+(?:st|nd|rd|th)(?-u:\b)|^\(?[A-Z]{3,}"
);

/// The first `sep` after which the text reads as a venue. One scan for the
/// last venue word, then only anchored checks per separator, so a long entry
/// full of separators stays linear (searching every suffix was quadratic).
fn first_venue_split(head: &str, sep: &str) -> Option<usize> {
    let last_word = venue_word().find_iter(head).map(|m| m.start()).last();
    let mut from = 0;
    while let Some(off) = head[from..].find(sep) {
        let pos = from + off;
        let v = pos + sep.len();
        if last_word.is_some_and(|w| w >= v) || venue_start().is_match(&head[v..]) {
            return Some(pos);
        }
        from = v;
    }
    None
}

fn clean_title(t: &str) -> String {
    let t = util::collapse(t);
    let t = t.trim().trim_end_matches([',', '.', ';']).trim();
    let t = t.trim_matches(|c| c == '"' || c == '“' || c == '”');
    t.to_string()
}

/// The venue's acronym: the last parenthesized acronym, or an acronym before a year.
fn acronym_of(venue: &str) -> Option<String> {
    if let Some(c) = paren_acronym().captures_iter(venue).last() {
        let a = c[1].trim().to_string();
        if a.chars().filter(|c| c.is_uppercase()).count() >= 2 || a.len() <= 6 {
            return Some(a);
        }
    }
    // "USENIX NSDI 22", "MLSys Workshop @ EuroSys 23": the acronym next to the year.
    let words: Vec<&str> = venue.split_whitespace().collect();
    let publisher = ["ACM", "IEEE", "USENIX", "SIAM", "AAAI", "IFIP"];
    let mut cand: Option<String> = None;
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let bare_alpha: String = bare.chars().take_while(|c| c.is_alphabetic()).collect();
        let upper = bare_alpha.chars().filter(|c| c.is_uppercase()).count();
        if bare_alpha.len() >= 3 && upper >= 2 && !publisher.contains(&bare_alpha.as_str()) {
            let next_is_year = words.get(i + 1).is_some_and(|n| {
                let d: String = n.chars().filter(|c| c.is_ascii_digit()).collect();
                d.len() == 2 || d.len() == 4
            }) || bare.len() > bare_alpha.len();
            if next_is_year || cand.is_none() {
                cand = Some(bare_alpha.clone());
                if next_is_year {
                    return cand;
                }
            }
        }
    }
    cand
}

fn year_in(s: &str) -> Option<i32> {
    any_year()
        .captures_iter(s)
        .last()
        .and_then(|c| c[1].parse().ok())
}

/// `NSDI 22`, `EuroSys23`, `SOSP'19`: a two-digit year after the venue's name.
fn short_year_in(s: &str) -> Option<i32> {
    util::re!(sy, r"[A-Za-z]\s?['’]?([0-9]{2})(?-u:\b)");
    let c = sy().captures_iter(s).last()?;
    let n: i32 = c[1].parse().ok()?;
    Some(if n >= 70 { 1900 + n } else { 2000 + n })
}

/// Notes after the year: bracketed remarks and sentences, link labels dropped.
fn split_notes(tail: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut rest = String::new();
    let mut chars = tail.char_indices().peekable();
    let mut last = 0;
    while let Some((i, c)) = chars.next() {
        if c == '[' {
            rest.push_str(&tail[last..i]);
            let close = tail[i..].find(']').map(|o| i + o);
            let end = close.unwrap_or(tail.len());
            let inner = &tail[i + 1..end];
            let inner = util::strip_dangling_labels(inner.trim());
            if !inner.is_empty() && !util::is_link_label(&inner) {
                notes.push(inner.trim().to_string());
            }
            last = (end + 1).min(tail.len());
            while let Some(&(j, _)) = chars.peek() {
                if j < last {
                    chars.next();
                } else {
                    break;
                }
            }
        }
    }
    if last < tail.len() {
        rest.push_str(&tail[last..]);
    }
    let mut out = Vec::new();
    for part in rest.split(". ") {
        let part = util::strip_dangling_labels(part.trim());
        let part = part.trim().trim_end_matches('.').trim();
        if part.is_empty() || util::is_link_label(part) {
            continue;
        }
        out.push(part.to_string());
    }
    out.extend(notes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    fn l(kind: LineKind, spans: Vec<Span>) -> NLine {
        (0, Line::new(kind, spans))
    }

    #[test]
    fn keyed_citations() {
        let t = "[C3] Hamid Ghasemirahni, Tom Barbette, Gerald Q. Maguire Jr., Dejan Kostić. Packet Order Matters! Improving Application Performance by Deliberately Delaying Packets In 19th USENIX Symposium on Networked Systems Design and Implementation (NSDI). 2022. Acceptance rate (Spring): 28/104 ≈ 26.9%. [Community Award Winner! Download";
        let p = citation_entry(t, vec![], Some(PublicationType::Conference));
        assert_eq!(p.key.as_deref(), Some("C3"));
        assert_eq!(p.authors.len(), 4);
        assert_eq!(p.authors[2], "Gerald Q. Maguire Jr.");
        assert_eq!(p.title.as_deref(), Some("Packet Order Matters! Improving Application Performance by Deliberately Delaying Packets"));
        assert_eq!(
            p.venue.as_deref(),
            Some("19th USENIX Symposium on Networked Systems Design and Implementation (NSDI)")
        );
        assert_eq!(p.venue_short.as_deref(), Some("NSDI"));
        assert_eq!(p.year, Some(2022));
        assert_eq!(
            p.notes,
            vec![
                "Acceptance rate (Spring): 28/104 ≈ 26.9%",
                "Community Award Winner!"
            ]
        );

        let t = "[W2] Hamid Ghasemirahni, Alireza Farshin, Dejan Kostić, Marco Chiesa. Just-in-Time Packet State Prefetching, ArXiv Preprint. 2024. Download";
        let p = citation_entry(t, vec![], Some(PublicationType::Workshop));
        assert_eq!(p.kind, PublicationType::Preprint);
        assert_eq!(
            p.title.as_deref(),
            Some("Just-in-Time Packet State Prefetching")
        );
        assert_eq!(p.venue.as_deref(), Some("ArXiv Preprint"));
        assert!(p.notes.is_empty());

        let t = "[C2] Changjie Wang, Marco Chiesa. NetConfEval: Can LLMs Facilitate Network Configuration?, The 20th International Conference on emerging Networking EXperiments and Technologies (CoNEXT). 2024. [IRTF/IETF ANRP Winner!] Download";
        let p = citation_entry(t, vec![], None);
        assert_eq!(
            p.title.as_deref(),
            Some("NetConfEval: Can LLMs Facilitate Network Configuration?")
        );
        assert_eq!(p.venue_short.as_deref(), Some("CoNEXT"));
        assert_eq!(p.kind, PublicationType::Conference);
        assert_eq!(p.notes, vec!["IRTF/IETF ANRP Winner!"]);
    }

    #[test]
    fn homepage_blocks() {
        let mut title = Span::plain("Backdraft: a Lossless Virtual Switch");
        title.bold = true;
        let mut owner = Span::plain("A. Sanaee");
        owner.bold = true;
        let mut paper = Span::plain("Paper");
        paper.link = Some("https://x/p.pdf".into());
        let lines = vec![
            l(LineKind::Text, vec![title]),
            l(
                LineKind::Continuation,
                vec![
                    owner,
                    Span::plain(", F. Shahinfar, G. Antichi, B. Stephens"),
                ],
            ),
            l(
                LineKind::Continuation,
                vec![Span::plain("USENIX NSDI 22, "), paper],
            ),
        ];
        let (p, _) = parse("Selected Publications", &lines);
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].title.as_deref(),
            Some("Backdraft: a Lossless Virtual Switch")
        );
        assert_eq!(
            p[0].authors,
            vec!["A. Sanaee", "F. Shahinfar", "G. Antichi", "B. Stephens"]
        );
        assert_eq!(p[0].venue.as_deref(), Some("USENIX NSDI 22"));
        assert_eq!(p[0].venue_short.as_deref(), Some("NSDI"));
        assert_eq!(p[0].year, Some(2022));
        assert_eq!(p[0].kind, PublicationType::Conference);
        assert_eq!(p[0].links.len(), 1);
    }

    #[test]
    fn a_bold_remark_broken_over_two_lines_stays_whole() {
        let bold = |t: &str| {
            let mut s = Span::plain(t);
            s.bold = true;
            s
        };
        let mut download = Span::plain("Download");
        download.link = Some("https://x/p.pdf".into());
        let lines = vec![
            l(
                LineKind::Text,
                vec![Span::plain(
                    "[C3] Hamid Ghasemirahni, Alireza Farshin, Dejan Kostić. Packet Order Matters! Improving",
                )],
            ),
            l(
                LineKind::Continuation,
                vec![
                    Span::plain("Application Performance In 19th USENIX Symposium on Networked Systems Design and Implementation (NSDI). 2022. Acceptance rate: 28/104. ["),
                    bold("Community Award"),
                ],
            ),
            l(
                LineKind::Continuation,
                vec![bold("Winner!"), Span::plain("] "), download],
            ),
        ];
        let (p, _) = parse("Conference Publications", &lines);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(
            p[0].notes,
            vec!["Acceptance rate: 28/104", "Community Award Winner!"],
            "{p:#?}"
        );
        // Two remarks that each end stay two.
        let lines = vec![l(
            LineKind::Text,
            vec![
                Span::plain("[C1] A. Farshin. A Title In NSDI. 2022. "),
                bold("Best Paper Award."),
                Span::plain(" "),
                bold("Distinguished Artifact Award."),
            ],
        )];
        let (p, _) = parse("Conference Publications", &lines);
        assert_eq!(
            p[0].notes,
            vec!["Best Paper Award", "Distinguished Artifact Award"]
        );
    }

    #[test]
    fn apa_references() {
        let p = citation_entry(
            "Ramezani, A., Liu, E., Lee, S. W. S., & Xu, Y. (2024). Quantifying the emergence of moral foundational lexicon in child language development. PNAS Nexus, 3(8).",
            vec![],
            Some(PublicationType::Journal),
        );
        assert_eq!(
            p.authors,
            vec!["Ramezani, A.", "Liu, E.", "Lee, S. W. S.", "Xu, Y."]
        );
        assert_eq!(p.year, Some(2024));
        assert_eq!(
            p.title.as_deref(),
            Some("Quantifying the emergence of moral foundational lexicon in child language development")
        );
        assert_eq!(p.venue.as_deref(), Some("PNAS Nexus, 3(8)"));
        let p = citation_entry(
            "Zhu, W., & Xu, Y. (in press). Visual moral inference? In Proceedings of the 47th Annual Meeting of the Cognitive Science Society (CogSci). [Best Paper Award]",
            vec![],
            None,
        );
        assert_eq!(p.year, None);
        assert_eq!(p.title.as_deref(), Some("Visual moral inference?"));
        assert_eq!(
            p.venue.as_deref(),
            Some(
                "Proceedings of the 47th Annual Meeting of the Cognitive Science Society (CogSci)"
            )
        );
        assert_eq!(p.notes, vec!["in press", "Best Paper Award"]);
    }

    #[test]
    fn title_first_then_authors_then_venue_line() {
        let lines = vec![
            l(
                LineKind::Text,
                vec![Span::plain(
                    "A distinct expression profile in the cerebellum for genes under selection",
                )],
            ),
            l(
                LineKind::Continuation,
                vec![Span::plain(
                    "within introgression deserts. Raul Buisan, Juan Moriano, Alejandro Andirkó,",
                )],
            ),
            l(LineKind::Continuation, vec![Span::plain("Cedric Boeckx")]),
            l(
                LineKind::Continuation,
                vec![Span::plain(
                    "BioRxiv. https://doi.org/10.1101/2021.03.26.437167 (2021)",
                )],
            ),
        ];
        let (p, _) = parse("Publications & Preprints", &lines);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(
            p[0].title.as_deref(),
            Some("A distinct expression profile in the cerebellum for genes under selection within introgression deserts")
        );
        assert_eq!(
            p[0].authors,
            vec![
                "Raul Buisan",
                "Juan Moriano",
                "Alejandro Andirkó",
                "Cedric Boeckx"
            ]
        );
        assert_eq!(p[0].venue.as_deref(), Some("BioRxiv"));
        assert_eq!(p[0].year, Some(2021));
        assert_eq!(
            p[0].links[0].url,
            "https://doi.org/10.1101/2021.03.26.437167"
        );
    }

    #[test]
    fn date_cells() {
        assert_eq!(date_cell_year("09/18"), Some(2018));
        assert_eq!(date_cell_year("12/99"), Some(1999));
        assert_eq!(date_cell_year("March 2021"), Some(2021));
        assert_eq!(date_cell_year("13/18"), None);
        assert_eq!(date_cell_year("28/104"), None);
        assert_eq!(date_cell_year("Schneider 2018"), None);
    }

    #[test]
    fn surname_first_citation() {
        let p = citation_entry("Petrova, N.*, Okafor, C. N.*, and Reindl, M.† Twist-angle disorder maps from transport data. Physical Review B 109 (2024).", vec![], None);
        assert_eq!(
            p.authors,
            vec!["Petrova, N.", "Okafor, C. N.", "Reindl, M."]
        );
        assert_eq!(
            p.title.as_deref(),
            Some("Twist-angle disorder maps from transport data")
        );
        assert_eq!(p.year, Some(2024));
        assert_eq!(p.kind, PublicationType::Journal);
        // A surname of several words in a surname-first list.
        assert_eq!(
            split_authors("Ramezani, A., Liu, E., Ferreira Pinto Junior, R., Lee, S. W., & Xu, Y."),
            vec![
                "Ramezani, A.",
                "Liu, E.",
                "Ferreira Pinto Junior, R.",
                "Lee, S. W.",
                "Xu, Y."
            ]
        );
        // Not in a first-name-first list: "A. N. Christensen" stays whole.
        assert_eq!(
            split_authors("Arnarson, B. T., A. N. Christensen"),
            vec!["Arnarson, B. T.", "A. N. Christensen"]
        );
    }

    #[test]
    fn authors_surname_first_and_marks() {
        assert_eq!(
            split_authors("Voronin, A, He, Y"),
            vec!["Voronin, A", "He, Y"]
        );
        assert_eq!(
            split_authors("Arnarson, B. T., A. N. Christensen"),
            vec!["Arnarson, B. T.", "A. N. Christensen"]
        );
        assert_eq!(
            split_authors("Example, A.; Sharifian, S."),
            vec!["Example, A.", "Sharifian, S."]
        );
        assert_eq!(
            split_authors("Jane Doe*, John Roe† and Max Mu"),
            vec!["Jane Doe", "John Roe", "Max Mu"]
        );
    }

    #[test]
    fn keyed_entries_start_where_the_key_repeats() {
        let t = |k: LineKind, x: &str| (0, Line::new(k, vec![crate::extract::Span::plain(x)]));
        let lines = vec![
            t(LineKind::Text, "* equal contribution"),
            t(LineKind::Blank, ""),
            t(LineKind::Text, "[C2] A Study of Things"),
            t(LineKind::Continuation, "Jane Roe*, John Doe"),
            t(LineKind::Continuation, "ICLR 2025"),
            t(LineKind::Continuation, "[C1] Another Study"),
            t(LineKind::Continuation, "Jane Roe, John Doe"),
            t(LineKind::Blank, ""),
            t(LineKind::Text, "NeurIPS 2024"),
        ];
        let (pubs, rest) = parse("Publications", &lines);
        let got: Vec<_> = pubs
            .iter()
            .map(|p| (p.key.as_deref(), p.title.as_deref(), p.year))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("C2"), Some("A Study of Things"), Some(2025)),
                (Some("C1"), Some("Another Study"), Some(2024)),
            ]
        );
        assert_eq!(rest.len(), 1);
    }
}
