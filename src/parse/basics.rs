//! Basics: name, headline, contact details and profiles from the preamble
//! (and from links anywhere), the summary, and the facts prose homepages
//! state outright ("I am a Systems Architect at Huawei Research Cambridge").

use super::util::{self, NLine};
use crate::extract::{Icon, Line, LineKind};
use crate::profile::{Basics, Education, SocialProfile, Work};

util::re!(
    email_re,
    r"(?i)(?-u:\b)[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}(?-u:\b)"
);
util::re!(
    obf_email,
    r"(?i)(?-u:\b)([a-z0-9._%+-]+)\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*((?:[a-z0-9-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\})\s*|\s+dot\s+|\.))+[a-z]{2,6})(?-u:\b)"
);
util::re!(phone_re, r"\(?\+?[0-9][0-9 \u{a0}().\-/]{5,}[0-9]");
util::re!(
    domain_re,
    r"(?i)(?-u:\b)(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|edu|me|dev|app|ai|se|de|uk|fr|ch|nl|it|es|pt|br|eu|at|be|dk|fi|no|pl|cz|ca|au|in|cn|jp|kr|mx|ar|cl|co|github\.io|gitlab\.io|netlify\.app|vercel\.app|pages\.dev|info|site|page|xyz|tech|blog|cafe|online|website|science|academy|studio|codes)(?-u:\b)(?:/[^\s)]*)?"
);
util::re!(
    cv_word,
    r"(?i)^(?:curriculum vitae|curriculum vit[æa]e|curriculum|cv|resume|résumé|résume|lebenslauf|tabellarischer lebenslauf|currículo|curriculum vítae|hoja de vida)$"
);

const CONTACT_LABELS_TSV: &str = include_str!("data/contact-labels.tsv");

/// The labels of `contact-labels.tsv` and their kinds.
fn label_table() -> &'static std::collections::HashMap<String, &'static str> {
    static T: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    T.get_or_init(|| {
        data_words(CONTACT_LABELS_TSV)
            .filter_map(|l| {
                let (k, w) = l.split_once('\t')?;
                Some((w.trim().to_lowercase(), k.trim()))
            })
            .collect()
    })
}

crate::patterns::warm!(label_re);
/// A cell that starts with a contact label: the label, then `: value` or
/// nothing (the value is the next cell).
fn label_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let mut labels: Vec<&String> = label_table().keys().collect();
        labels.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let alt = labels
            .iter()
            .map(|l| regex::escape(l).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|");
        regex::Regex::new(&format!(
            r"(?i)^\s*(?P<label>{alt})(?:\s*[:：]\s*(?P<value>.*)|\s*)$"
        ))
        .expect("valid label regex")
    })
}

/// The labelled contact details of a line (`E-Mail: x@y.de`, a `Mobil` cell
/// and its value cell, `Cidade: Nampula | País: Moçambique`): kind and value.
pub fn labelled_fields(text: &str) -> Vec<(&'static str, String)> {
    let cells: Vec<&str> = text
        .split(['\t', '|', '•', '·'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if let Some(c) = label_re().captures(cells[i]) {
            let kind = label_table()
                .get(
                    &c["label"]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase(),
                )
                .copied();
            let mut value = c
                .name("value")
                .map(|v| v.as_str().trim().to_string())
                .filter(|v| !v.is_empty());
            if value.is_none() && i + 1 < cells.len() && label_re().captures(cells[i + 1]).is_none()
            {
                value = Some(cells[i + 1].to_string());
                i += 1;
            }
            if let (Some(k), Some(v)) = (kind, value.filter(|v| !v.is_empty())) {
                out.push((k, v));
            }
        }
        i += 1;
    }
    out
}

/// The first phone number in `text`, as written: 7 to 15 digits in groups
/// separated by spaces, dots, hyphens or slashes, with a `+` country code, a
/// `(0)`, an area code in brackets (`+49 (0) 151 1234 5678`, `06 12 34 56
/// 78`, `(555) 123-4567`, `(+44) 07936507495`). A date is no phone number.
pub fn find_phone(text: &str) -> Option<String> {
    for m in phone_re().find_iter(text) {
        let mut cand = m.as_str().trim();
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).count();
        // Two numbers set as one ("+49 89 ... /0160 ..."): the first.
        if digits(cand) > 15 {
            cand = cand.split('/').next().unwrap_or("").trim();
        }
        let cand = cand.trim_end_matches(['(', '-', '.', '/', ' ']);
        let cand = if cand.matches('(').count() < cand.matches(')').count() {
            cand.trim_end_matches(')')
        } else {
            cand
        };
        let cand = if cand.matches('(').count() > cand.matches(')').count() {
            cand.trim_start_matches('(')
        } else {
            cand
        };
        let n = digits(cand);
        if !(7..=15).contains(&n) || cand.matches('(').count() != cand.matches(')').count() {
            continue;
        }
        if !cand.starts_with('+') && super::dates::find_period(cand).is_some() {
            continue;
        }
        return Some(cand.trim().to_string());
    }
    None
}

/// A part of a contact line that is a phone number and nothing else, in a
/// form that is not a mere number: a `+` or `(` or `0` first, or 10 digits
/// or more (`13522181392`).
fn phone_part(part: &str) -> Option<String> {
    let p = part.trim().trim_end_matches([',', ';']);
    let ph = find_phone(p)?;
    let digits = ph.chars().filter(char::is_ascii_digit).count();
    (ph == p && (p.starts_with(['+', '(', '0']) || digits >= 10)).then_some(ph)
}

/// A town after a postal code, the last part of an address (`80999 München`,
/// `33405 Talence`, `75005 Paris`): European addresses end so.
fn postal_town(part: &str) -> Option<String> {
    util::re!(
        postal,
        r"^(?:[A-Z]{1,2}-)?[0-9]{4,5}\s+(\p{Lu}[\p{L}'’.-]*(?:[\s-]+(?:\p{Lu}[\p{L}'’.-]*|am|an|de|del|di|im|la|le|sur|en|bei))*)$"
    );
    // "1401 Mission Street" is a house number and a street, not a town.
    const STREETS: &[&str] = &[
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "drive",
        "dr",
        "lane",
        "ln",
        "way",
        "court",
        "ct",
        "place",
        "pl",
        "square",
        "sq",
        "highway",
        "parkway",
        "straße",
        "strasse",
        "str",
        "weg",
        "gasse",
        "platz",
        "allee",
        "rue",
        "avenue",
        "chemin",
        "calle",
        "avenida",
        "rua",
        "via",
        "viale",
        "piazza",
        "straat",
        "laan",
        "plein",
    ];
    let town = postal().captures(part.trim())?[1].trim().to_string();
    let street = town.split_whitespace().any(|w| {
        STREETS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
            || w.to_lowercase().ends_with("straße")
            || w.to_lowercase().ends_with("strasse")
    });
    (!street).then_some(town)
}

/// The location of a postal address: the town after its postal code, else
/// the address as written.
fn location_of_address(v: &str) -> String {
    v.split(',')
        .rev()
        .find_map(|p| postal_town(p.trim()))
        .unwrap_or_else(|| v.trim().to_string())
}

/// A place as headers write it: `City, Country` or `City, ST` (util's
/// rule), that with a ZIP or postal code after it (`Cambridge, MA 02139`),
/// or places joined by dashes or slashes with a country last (`Teresina -
/// PI, Brasil`, `Santa Ninfa (TP) / Palermo - Italy`).
fn is_place(part: &str) -> bool {
    let t = part.trim().trim_end_matches('.');
    if util::is_location(t) {
        return true;
    }
    util::re!(trailing_code, r"\s+[0-9]{4,5}(?:-[0-9]{4})?$");
    let no_code = trailing_code().replace(t, "");
    if no_code != t && util::is_location(&no_code) {
        return true;
    }
    let pieces: Vec<&str> = t
        .split([',', '/', '-', '–'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // An affiliation with its country is no place of residence.
    if pieces
        .iter()
        .any(|p| crate::segment::looks_like_institution(p))
    {
        return false;
    }
    (2..=4).contains(&pieces.len())
        && t.split_whitespace().count() <= 8
        && !t.chars().any(|c| c.is_ascii_digit())
        && pieces
            .iter()
            .all(|p| p.chars().next().is_some_and(char::is_uppercase))
        && pieces.last().is_some_and(|p| util::is_region(p))
}

/// `Riemenschneider, Dennis` as `Dennis Riemenschneider`.
fn unreverse_name(v: &str) -> String {
    match v.split_once(',') {
        Some((sur, given)) if !given.trim().is_empty() => {
            format!("{} {}", given.trim(), sur.trim())
        }
        _ => v.trim().to_string(),
    }
}

/// A name as a header writes it, without a contact or date beside it in
/// brackets (`Jane Roe (jroe@x.edu)`, `Jane Roe (*28.10.1997)`), if it can be a name:
/// at most six words, no digits, no `@` or colon, not a label or a title
/// such as "Curriculum Vitae" or "Personal data"; capitalized, in capitals,
/// or two to four CJK characters.
fn name_candidate(part: &str) -> Option<String> {
    // Brackets that hold a contact, a date or pronouns; a name in another
    // script in brackets ("Yurui MU（穆钰蕊）") is part of the name.
    util::re!(bracketed, r"\s*[(\[][^)\]]*[@0-9*/][^)\]]*[)\]]");
    let t = bracketed().replace_all(part, "");
    let t = util::collapse(t.trim().trim_end_matches([',', ';', '-', '–']));
    if t.is_empty()
        || t.contains(['@', ':', '：', '/'])
        || t.chars().any(|c| c.is_ascii_digit())
        || t.split_whitespace().count() > 6
        || cv_word().is_match(&t)
        || is_contact_title(&t)
        || label_re().is_match(&t)
    {
        return None;
    }
    // "Daten und Lebenslauf", "Resume of Jane" hold a CV word; "I N F O" is
    // letter-spaced text, not initials.
    let ws: Vec<&str> = t.split_whitespace().collect();
    if util::is_location(&t)
        || ws
            .iter()
            .any(|w| cv_word().is_match(w.trim_matches(|c: char| !c.is_alphanumeric())))
        || (ws.len() >= 3 && ws.iter().all(|w| w.chars().count() == 1))
    {
        return None;
    }
    let cjk = |c: char| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF);
    let cjk_name = (2..=4).contains(&t.chars().count())
        && t.chars().all(cjk)
        && !data_words(include_str!("data/not-names.txt")).any(|w| t.contains(w));
    (cjk_name || t.chars().next().is_some_and(|c| c.is_uppercase())).then_some(t)
}

/// The owner's name from typography when the header gave none: the line of
/// the largest type on the first page, well above the body size, that reads
/// as a name; a name set over two lines of that size (given name line,
/// surname line) is joined as written.
pub fn name_from_typography(lines: &[Line]) -> Option<String> {
    let first_page: Vec<&Line> = lines
        .iter()
        .filter(|l| l.page.is_none_or(|p| p <= 1) && l.geom.is_some() && !l.is_blank())
        .collect();
    let mut sizes: Vec<f32> = first_page
        .iter()
        .filter_map(|l| l.geom.map(|g| g.size))
        .collect();
    if sizes.len() < 5 {
        return None;
    }
    sizes.sort_by(|a, b| a.total_cmp(b));
    let body = sizes[sizes.len() / 2];
    let max = *sizes.last()?;
    if max < body * 1.4 {
        return None;
    }
    let big = |l: &Line| l.geom.is_some_and(|g| g.size >= max * 0.97);
    let i = first_page.iter().position(|l| big(l))?;
    let one = name_candidate(first_page[i].flat_text().trim())?;
    let mut name = one;
    if let Some(next) = first_page.get(i + 1).filter(|l| big(l)) {
        if let Some(more) = name_candidate(next.flat_text().trim()) {
            if name.split_whitespace().count() + more.split_whitespace().count() <= 5 {
                name = format!("{name} {more}");
            }
        }
    }
    let words = name.split_whitespace().count();
    let cjk = name
        .chars()
        .all(|c| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF));
    let title = crate::segment::titles::title_kind(&name, true).is_some();
    (((2..=5).contains(&words) || cjk) && !title && !util::looks_like_position(&name))
        .then_some(name)
}

const HEADLINE_WORDS_TXT: &str = include_str!("data/headline-words.txt");

/// A tagline that can be a headline: short, no digits or contact details,
/// not a place or an institution, with a role word (English or of
/// `headline-words.txt`), or set apart as a heading or in bold or italics.
fn looks_like_headline(part: &str, line: &Line) -> bool {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        data_words(HEADLINE_WORDS_TXT)
            .map(str::to_lowercase)
            .collect()
    });
    let t = part.trim();
    let n = t.split_whitespace().count();
    // Letter-spaced text ("H O L A") or a lowercase handle is no tagline.
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if n == 0
        || letters < 2 * n + n / 2
        || t.chars().next().is_some_and(char::is_lowercase)
        || n > 8
        || t.chars().count() > 70
        || t.chars().any(|c| c.is_ascii_digit())
        || t.contains(['@', ':', '/'])
        || t.ends_with('.')
        || util::is_location(t)
        || crate::segment::looks_like_institution(t)
        || cv_word().is_match(t)
        || is_contact_title(t)
        || crate::segment::titles::title_kind(t, true).is_some()
    {
        return false;
    }
    let lower = format!(" {} ", t.to_lowercase());
    let role = util::looks_like_position(t)
        || words.iter().any(|w| {
            lower.match_indices(w.as_str()).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + w.len()..].chars().next();
                before.is_some_and(|c| !c.is_alphanumeric())
                    && after.is_some_and(|c| !c.is_alphanumeric())
            })
        });
    let styled = matches!(line.kind, LineKind::Heading(_))
        || (!line.spans.is_empty()
            && line
                .spans
                .iter()
                .filter(|s| !s.text.trim().is_empty())
                .all(|s| s.bold || s.italic));
    // A styled line of several commas is a list (of skills, places).
    role || (styled && n >= 2 && t.matches(',').count() < 2)
}

/// Profiles recognized from a URL.
pub fn profile_from_url(url: &str) -> Option<SocialProfile> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let after = |host: &str| -> Option<String> {
        let i = lower.find(host)? + host.len();
        let rest = &u[i..];
        let seg = rest
            .trim_start_matches('/')
            .split(['/', '?', '#'])
            .next()?
            .to_string();
        (!seg.is_empty()).then_some(seg)
    };
    let (network, username) = if lower.contains("github.com") && !lower.contains("github.com/orgs")
    {
        ("GitHub", after("github.com"))
    } else if lower.contains("linkedin.com/in/") {
        ("LinkedIn", after("linkedin.com/in"))
    } else if lower.contains("twitter.com") {
        ("Twitter", after("twitter.com"))
    } else if lower.contains("://x.com") || lower.starts_with("x.com") {
        ("Twitter", after("x.com"))
    } else if lower.contains("scholar.google.") {
        let user = u
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("user="))
            .map(|s| s.to_string());
        ("Google Scholar", user)
    } else if lower.contains("orcid.org") {
        ("ORCID", after("orcid.org"))
    } else if lower.contains("dblp.") {
        ("DBLP", None)
    } else if lower.contains("youtube.com") || lower.contains("youtu.be") {
        if lower.contains("watch?") || lower.contains("youtu.be") {
            return None;
        }
        ("YouTube", after("youtube.com"))
    } else if lower.contains("gitlab.com") {
        ("GitLab", after("gitlab.com"))
    } else if lower.contains("researchgate.net/profile") {
        ("ResearchGate", after("researchgate.net/profile"))
    } else if lower.contains("bsky.app/profile") {
        ("Bluesky", after("bsky.app/profile"))
    } else if lower.contains("stackoverflow.com/users/") {
        // stackoverflow.com/users/ID/name: the name when given, else the ID.
        let path = after("stackoverflow.com/users");
        let name = lower
            .find("stackoverflow.com/users/")
            .and_then(|i| u[i + 24..].split(['?', '#']).next())
            .and_then(|p| p.split('/').nth(1))
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        ("Stack Overflow", name.or(path))
    } else if lower.contains("kaggle.com/") {
        ("Kaggle", after("kaggle.com"))
    } else if let Some(user) = mastodon_user(u) {
        ("Mastodon", Some(user))
    } else {
        return None;
    };
    let username = username.map(|s| s.trim_start_matches('@').to_string());
    Some(SocialProfile {
        network: network.to_string(),
        username,
        url: Some(with_scheme(u)),
    })
}

/// A Mastodon profile URL: a host with `/@user` (`mastodon.social/@jane`,
/// `fosstodon.org/@jane`); the user as `@user@host`.
fn mastodon_user(u: &str) -> Option<String> {
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let (host, path) = rest.split_once('/')?;
    let user = path.strip_prefix('@')?.split(['/', '?', '#']).next()?;
    let host = host.trim_start_matches("www.");
    // Hosts that use /@ for something else.
    let other = ["medium.com", "youtube.com", "tiktok.com", "threads.net"];
    (host.contains('.') && !user.is_empty() && !other.iter().any(|o| host.ends_with(o)))
        .then(|| format!("{user}@{host}"))
}

/// A URL as a link target: a doubled scheme (`https://https://x`) once,
/// and a scheme for a bare host (`www.x.com`, `github.com/x`).
pub fn repair_url(u: &str) -> String {
    let mut u = u.trim().to_string();
    loop {
        let lower = u.to_ascii_lowercase();
        let Some(rest) = ["https://", "http://"]
            .iter()
            .find(|s| lower.starts_with(*s))
            .map(|s| &u[s.len()..])
        else {
            break;
        };
        let rl = rest.to_ascii_lowercase();
        if rl.starts_with("https://") || rl.starts_with("http://") {
            u = rest.to_string();
        } else if let Some(r) = rl
            .strip_prefix("https//")
            .or_else(|| rl.strip_prefix("http//"))
        {
            u = format!("https://{}", &rest[rest.len() - r.len()..]);
        } else {
            break;
        }
    }
    // A URL set before another ("http://www.github.com/https://github.com/x"):
    // the inner one is the target.
    let lower = u.to_ascii_lowercase();
    if let Some(i) = ["https://", "http://"]
        .iter()
        .filter_map(|s| lower.get(1..)?.rfind(s).map(|i| i + 1))
        .max()
    {
        u = u[i..].to_string();
    }
    // A host repeated as the path's first part ("github.com/github.com/x").
    if let Some((scheme, rest)) = u.split_once("://") {
        if let Some((host, path)) = rest.split_once('/') {
            let bare = host.trim_start_matches("www.");
            if let Some(p) = path
                .strip_prefix(bare)
                .or_else(|| path.strip_prefix(host))
                .and_then(|p| p.strip_prefix('/'))
            {
                u = format!("{scheme}://{host}/{p}");
            }
        }
    }
    if u.contains("://") || u.starts_with("mailto:") || u.starts_with("tel:") {
        u
    } else {
        format!("https://{u}")
    }
}

fn with_scheme(u: &str) -> String {
    repair_url(u)
}

fn network_of(icon: Icon) -> Option<(&'static str, &'static str)> {
    match icon {
        Icon::GitHub => Some(("GitHub", "https://github.com/")),
        Icon::LinkedIn => Some(("LinkedIn", "https://www.linkedin.com/in/")),
        Icon::Twitter => Some(("Twitter", "https://twitter.com/")),
        Icon::Orcid => Some(("ORCID", "https://orcid.org/")),
        Icon::YouTube => Some(("YouTube", "https://www.youtube.com/@")),
        Icon::Scholar => Some(("Google Scholar", "")),
        _ => None,
    }
}

pub fn add_profile(b: &mut Basics, p: SocialProfile) {
    if let Some(existing) = b.profiles.iter_mut().find(|e| e.network == p.network) {
        if existing.username.is_none() {
            existing.username = p.username;
        }
        if existing.url.is_none() {
            existing.url = p.url;
        }
        return;
    }
    b.profiles.push(p);
}

/// A link to a document (a CV's PDF), not a site.
fn is_file_link(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_lowercase();
    [".pdf", ".doc", ".docx", ".ps", ".zip", ".tex", ".bib"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// A line's text with its cells (a PDF row's wide gaps, a table's columns)
/// kept apart by tabs, as `flat_text` joins them with spaces.
fn cell_text(line: &Line) -> String {
    let mut s = String::new();
    for sp in &line.spans {
        if sp.text == "\t" {
            s.push('\t');
        } else {
            s.push_str(&sp.text);
        }
    }
    s
}

/// The URL a labelled value gives: a whole `http…` or `www.…` word (any
/// host, `scholar.google.co.th`), else a host with a known ending.
fn url_in(v: &str) -> Option<String> {
    let word = v.split_whitespace().find(|w| {
        let l = w.to_lowercase();
        l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
    });
    match word {
        Some(w) => Some(w.trim_end_matches([',', ';', '.', ')']).to_string()),
        None => domain_re().find(v).map(|m| m.as_str().to_string()),
    }
}

/// One labelled contact detail into `b`; true when it was one.
fn labelled(kind: &str, value: &str, b: &mut Basics) -> bool {
    let v = value.trim();
    match kind {
        "name" | "name-reversed" => {
            let n = if kind == "name" {
                v.to_string()
            } else {
                unreverse_name(v)
            };
            match name_candidate(&n) {
                Some(n) if b.name.is_none() => {
                    b.name = Some(n);
                    true
                }
                Some(_) => true,
                None => false,
            }
        }
        "phone" => match find_phone(v) {
            Some(ph) => {
                b.phone.get_or_insert(ph);
                true
            }
            None => false,
        },
        "email" => match email_re().find(v) {
            Some(m) => {
                b.email.get_or_insert(m.as_str().to_string());
                true
            }
            None => false,
        },
        "web" => match url_in(v) {
            Some(u) => {
                let u = repair_url(&u);
                match profile_from_url(&u) {
                    Some(p) => add_profile(b, p),
                    None => {
                        b.url.get_or_insert(u);
                    }
                }
                true
            }
            None => false,
        },
        "address" => {
            b.location.get_or_insert_with(|| location_of_address(v));
            true
        }
        "city" => {
            b.location.get_or_insert_with(|| v.to_string());
            true
        }
        network => {
            // A URL says more than a handle; a handle has no spaces.
            if let Some(p) = url_in(v).and_then(|u| profile_from_url(&repair_url(&u))) {
                add_profile(b, p);
                return true;
            }
            let user = v.trim_start_matches('@');
            if user.is_empty() || user.contains(char::is_whitespace) {
                return false;
            }
            let base = match network {
                "GitHub" => "https://github.com/",
                "GitLab" => "https://gitlab.com/",
                "LinkedIn" => "https://www.linkedin.com/in/",
                "Twitter" => "https://twitter.com/",
                "ORCID" => "https://orcid.org/",
                "Kaggle" => "https://www.kaggle.com/",
                "Bluesky" => "https://bsky.app/profile/",
                _ => "",
            };
            add_profile(
                b,
                SocialProfile {
                    network: network.to_string(),
                    username: Some(user.to_string()),
                    url: (!base.is_empty()).then(|| format!("{base}{user}")),
                },
            );
            true
        }
    }
}

/// Contact details of one line; returns true when the line was contact details.
fn contacts(line: &Line, b: &mut Basics) -> bool {
    let mut found = false;
    let text = line.flat_text();
    // "E-Mail: x@y.de", "Mobil | 0177 ...", "Name, Vorname: Roe, Jane": what
    // a label names comes first, before the targets of links.
    let cells = cell_text(line);
    for (kind, value) in labelled_fields(&cells) {
        found |= labelled(kind, &value, b);
    }
    for l in util::links_of(line) {
        if let Some(mail) = l.url.strip_prefix("mailto:") {
            // A mailto that is no whole address ("x@") leaves the text to say it.
            let mail = mail.split('?').next().unwrap_or("").trim();
            if email_re().find(mail).is_some_and(|m| m.as_str() == mail) {
                b.email.get_or_insert(mail.to_string());
                found = true;
            }
        } else if let Some(p) = profile_from_url(&repair_url(&l.url)) {
            add_profile(b, p);
            found = true;
        } else if l.url.starts_with("tel:") {
            b.phone
                .get_or_insert(l.url.trim_start_matches("tel:").to_string());
            found = true;
        } else if b.url.is_none() && l.url.starts_with("http") && !is_file_link(&l.url) {
            b.url = Some(repair_url(&l.url));
            found = true;
        }
    }
    // A Mastodon handle, @user@host, before it is read as an email.
    util::re!(
        mastodon_handle,
        r"(?i)(?:^|[\s(|•·])@([a-z0-9_]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)"
    );
    let mut text = text;
    if let Some(c) = mastodon_handle().captures(&text) {
        add_profile(
            b,
            SocialProfile {
                network: "Mastodon".into(),
                username: Some(format!("{}@{}", &c[1], &c[2])),
                url: Some(format!("https://{}/@{}", &c[2], &c[1])),
            },
        );
        found = true;
        let m = c.get(0).map_or(0..0, |m| m.range());
        text = format!("{} {}", &text[..m.start], &text[m.end..]);
    }
    // Icons type the text after them.
    for (i, sp) in line.spans.iter().enumerate() {
        let Some(icon) = sp.icon else { continue };
        let value: String = line.spans[i..]
            .iter()
            .take_while(|s| std::ptr::eq(*s, sp) || s.icon.is_none())
            .map(|s| s.text.as_str())
            .collect::<String>();
        let value = value
            .split(['•', '|', '·'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if value.is_empty() {
            continue;
        }
        found = true;
        match icon {
            Icon::Email => {
                b.email.get_or_insert(value);
            }
            Icon::Phone => {
                // The number after the icon, if it gives one ("(+39) [ ]" does not).
                if let Some(ph) = find_phone(&value) {
                    b.phone.get_or_insert(ph);
                }
            }
            Icon::Home => {
                b.url.get_or_insert(with_scheme(&value));
            }
            Icon::Location => {
                b.location.get_or_insert(value);
            }
            other => {
                if let Some((net, base)) = network_of(other) {
                    // A printed URL after the icon says which profile (or
                    // that it is a site: a github.io page is no GitHub profile).
                    let printed = value.contains('/') || value.contains("www.");
                    if let Some(u) = url_in(&value).filter(|_| printed) {
                        let u = repair_url(&u);
                        match profile_from_url(&u) {
                            Some(p) => add_profile(b, p),
                            None if !is_file_link(&u) => {
                                b.url.get_or_insert(u);
                            }
                            None => {}
                        }
                        continue;
                    }
                    let user = value
                        .rsplit('/')
                        .find(|s| !s.is_empty())
                        .unwrap_or(&value)
                        .to_string();
                    if user.contains(char::is_whitespace) || user.ends_with(':') {
                        continue;
                    }
                    let url = if base.is_empty() {
                        None
                    } else {
                        Some(format!("{base}{user}"))
                    };
                    add_profile(
                        b,
                        SocialProfile {
                            network: net.into(),
                            username: Some(user),
                            url,
                        },
                    );
                }
            }
        }
    }
    if let Some(m) = email_re().find(&text) {
        b.email.get_or_insert(m.as_str().to_string());
        found = true;
    } else if let Some(c) = obf_email().captures(&text) {
        let domain = c[2]
            .split(|ch: char| {
                ch.is_whitespace() || matches!(ch, '[' | ']' | '(' | ')' | '{' | '}' | '.')
            })
            .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("dot"))
            .collect::<Vec<_>>()
            .join(".");
        if domain.contains('.') || c[2].to_lowercase().contains("dot") {
            b.email.get_or_insert(format!("{}@{}", &c[1], domain));
            found = true;
        }
    }
    // LinkedIn's "in" logo before a handle: "in alireza-farshin".
    util::re!(
        linkedin_in,
        r"(?:^|\s)in\s+([a-z0-9][a-z0-9-]{2,}[a-z0-9])(?:\s|$|•)"
    );
    if let Some(c) = linkedin_in().captures(&text) {
        if c[1].contains('-') {
            add_profile(
                b,
                SocialProfile {
                    network: "LinkedIn".into(),
                    username: Some(c[1].to_string()),
                    url: Some(format!("https://www.linkedin.com/in/{}", &c[1])),
                },
            );
            found = true;
        }
    }
    let lower = text.to_lowercase();
    if b.phone.is_none()
        && (lower.contains("phone")
            || lower.contains("tel")
            || lower.contains("mobile")
            || text.trim_start().starts_with('+'))
    {
        if let Some(ph) = find_phone(&text) {
            b.phone = Some(ph);
            found = true;
        }
    }
    // A contact line's parts, each read on its own: a phone number, a town
    // after its postal code.
    // A spaced en or em dash separates parts too ("x@y.fr – Lyon, France");
    // a hyphen does not (it joins places and phone groups).
    let parts: Vec<&str> = cells
        .split(['\t', '|', '•', '·'])
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "))
        .collect();
    for part in parts {
        if let Some(ph) = phone_part(part) {
            b.phone.get_or_insert(ph);
            found = true;
        } else if let Some(town) = postal_town(part) {
            if b.location.is_none() {
                b.location = Some(town);
                found = true;
            }
        } else if found
            && b.location.is_none()
            && part.trim() != text.trim()
            && (is_place(part) || util::is_region(part))
        {
            // "Lyon, France | jane@roe.fr": a place among contact details.
            b.location = Some(part.trim().to_string());
        }
    }
    // Printed URLs: each profile by its host, the first other site as the URL.
    let emails: Vec<std::ops::Range<usize>> =
        email_re().find_iter(&text).map(|m| m.range()).collect();
    for m in domain_re().find_iter(&text) {
        let d = m.as_str();
        // A host inside an email address ("colin.ch" of colin.ch.x@gmail.com) is none.
        let in_email = emails
            .iter()
            .any(|e| e.start < m.end() && m.start() < e.end);
        if in_email || d.contains('@') || text[..m.start()].ends_with(['@', '.']) {
            continue;
        }
        let u = repair_url(d);
        if let Some(p) = profile_from_url(&u) {
            add_profile(b, p);
            found = true;
        } else if b.url.is_none() && !is_file_link(&u) {
            b.url = Some(u);
            found = true;
        }
    }
    found
}

/// A section that holds the contact details a header usually does (a
/// sidebar's "Contact", "Personal information").
pub fn is_contact_title(title: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        data_words(include_str!("data/contact-titles.txt"))
            .map(str::to_lowercase)
            .collect()
    });
    let t = title.trim().trim_end_matches([':', '：']).trim();
    set.contains(
        &t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// The lines of a word-list data file that are not comments or blank.
fn data_words(text: &'static str) -> impl Iterator<Item = &'static str> {
    crate::wordlist::lines(text)
}

/// Contact details of a contact section into `b`; the lines that were not
/// contact details are returned, for `other`.
pub fn parse_contact_section(lines: &[NLine], b: &mut Basics) -> Vec<String> {
    let mut rest = Vec::new();
    for (_, line) in lines {
        if line.is_blank() {
            continue;
        }
        if !contacts(line, b) {
            let t = util::text_with_urls(line);
            if !t.trim().is_empty() {
                rest.push(t);
            }
        }
    }
    rest
}

/// Whether a section of no known kind right after the preamble is still the
/// header: titled with a person's name (the segmenter took the name for a
/// title), or with a tagline just under the name; and short.
pub fn continues_header(preamble: &[NLine], title: &str, lines: &[NLine]) -> bool {
    let content = lines.iter().filter(|(_, l)| !l.is_blank()).count();
    if content > 20 {
        return false;
    }
    let named = preamble.iter().any(|(_, l)| {
        let t = l.flat_text();
        looks_like_person_name(t.trim()) && !util::looks_like_position(t.trim())
    });
    let title_is_name = !named
        && looks_like_person_name(title)
        && !util::looks_like_position(title)
        && crate::segment::titles::title_kind(title, true).is_none();
    let last = preamble.iter().rev().find(|(_, l)| !l.is_blank());
    let under_name = last.is_some_and(|(_, l)| {
        let t = l.flat_text();
        name_candidate(t.split(['|', '·', '•', '\t']).next().unwrap_or("")).is_some()
    });
    let heading = Line::new(
        LineKind::Heading(2),
        vec![crate::extract::Span::plain(title)],
    );
    title_is_name || (under_name && looks_like_headline(title, &heading))
}

/// The contact lines of a section near the header into `b`; the other lines
/// are returned as they were.
pub fn take_contact_lines(lines: &[NLine], b: &mut Basics) -> Vec<NLine> {
    lines
        .iter()
        .filter(|(_, l)| l.is_blank() || !contact_only(l, b))
        .cloned()
        .collect()
}

/// A line that is contact details and nothing else (an email, a phone
/// number, a profile URL, a labelled detail, a town after its postal code),
/// read into `b`.
fn contact_only(line: &Line, b: &mut Basics) -> bool {
    let text = line.flat_text();
    let t = text.trim();
    let cells = cell_text(line);
    let mut probe = Basics::default();
    if !contacts(line, &mut probe) {
        return false;
    }
    let whole = email_re().find(t).is_some_and(|m| m.as_str() == t)
        || phone_part(t).is_some()
        || postal_town(t).is_some()
        || !labelled_fields(&cells).is_empty()
        || domain_re().find(t).is_some_and(|m| m.as_str() == t);
    if whole {
        contacts(line, b);
    }
    whole
}

/// What the preamble gave: basics, and lines that fit nowhere.
pub struct Preamble {
    pub basics: Basics,
    pub leftover: Vec<String>,
}

pub fn parse_preamble(lines: &[NLine], front_matter: &[(String, String)]) -> Preamble {
    let mut b = Basics::default();
    let mut leftover = Vec::new();
    let mut summary: Vec<String> = Vec::new();
    for (k, v) in front_matter {
        match k.as_str() {
            "name" | "author" if b.name.is_none() && !v.is_empty() => b.name = Some(v.clone()),
            // An about page titled with its owner's name ("Daniel Osei").
            "title" if b.name.is_none() && looks_like_person_name(v) => b.name = Some(v.clone()),
            "email" => b.email = Some(v.clone()),
            _ => {}
        }
    }
    let mut para: Vec<String> = Vec::new();
    let flush = |para: &mut Vec<String>, summary: &mut Vec<String>| {
        if !para.is_empty() {
            summary.push(para.join(" "));
            para.clear();
        }
    };
    // Soft-wrapped paragraphs are read whole: a sentence may wrap inside a link.
    let mut groups: Vec<Vec<&Line>> = Vec::new();
    for (_, line) in lines {
        match groups.last_mut() {
            Some(g) if line.kind == LineKind::Continuation && !line.is_blank() => g.push(line),
            _ => groups.push(vec![line]),
        }
    }
    // The name is the top heading of the header when there is one (a
    // "Last updated" note may stand above it), else the first line.
    let top_level = groups
        .iter()
        .filter_map(|g| match g[0].kind {
            LineKind::Heading(n) => Some(n),
            _ => None,
        })
        .min();
    let name_group = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g[0].is_blank())
        .take(4)
        .find(|(_, g)| {
            top_level.is_some_and(|t| g[0].kind == LineKind::Heading(t))
                && looks_like_person_name(g[0].flat_text().trim())
                && !util::looks_like_position(g[0].flat_text().trim())
        })
        .or_else(|| {
            // No name heading: a tagline may stand above the name line.
            let mut top = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| !g[0].is_blank())
                .take(3);
            let first = top.next()?;
            let t0 = first.1[0].flat_text();
            if !util::looks_like_position(t0.trim()) || looks_like_person_name_strict(t0.trim()) {
                return None;
            }
            top.find(|(_, g)| looks_like_person_name_strict(g[0].flat_text().trim()))
        })
        .map_or(0, |(i, _)| i);
    // The headline: a tagline just under the name, or just above it.
    let name_line_ok = groups.get(name_group).is_some_and(|g| {
        let t = cell_text(g[0]);
        let first = t
            .split(['|', '–', '—', '·', '•', '\t'])
            .next()
            .unwrap_or("");
        name_candidate(first).is_some()
    });
    let next_after = |from: usize| -> Option<usize> {
        (from + 1..groups.len()).find(|&i| !groups[i][0].is_blank())
    };
    // A name set over two lines of the same type (given name line, surname
    // line, or the other way round): the second line is the name's tail.
    let name_tail = next_after(name_group).filter(|&i| {
        let (a, z) = (groups[name_group][0], groups[i][0]);
        let (ta, tz) = (a.flat_text(), z.flat_text());
        let same_type = match (a.geom, z.geom) {
            (Some(ga), Some(gz)) => (ga.size - gz.size).abs() < 0.5 && ga.size > 0.0,
            _ => a.kind == z.kind && matches!(a.kind, LineKind::Heading(_)),
        };
        let na = ta.split_whitespace().count();
        let nz = tz.split_whitespace().count();
        name_line_ok
            && same_type
            && groups[i].len() == 1
            && na <= 2
            && nz <= 3
            && name_candidate(ta.trim()).is_some()
            && name_candidate(tz.trim()).is_some()
            && !util::looks_like_position(tz.trim())
            && !looks_like_headline(tz.trim(), &Line::default())
            && !util::is_location(tz.trim())
    });
    let neighbour = |step: isize| -> Option<usize> {
        let from = if step > 0 {
            name_tail.unwrap_or(name_group)
        } else {
            name_group
        };
        let mut i = from as isize + step;
        while i >= 0 && (i as usize) < groups.len() {
            if !groups[i as usize][0].is_blank() {
                return Some(i as usize);
            }
            i += step;
        }
        None
    };
    let headline_group = [neighbour(1), neighbour(-1)]
        .into_iter()
        .flatten()
        .find(|&i| {
            let l = groups[i][0];
            let t = cell_text(l);
            let first = t.split(['|', '·', '•', '\t']).next().unwrap_or("");
            name_line_ok
                && groups[i].len() == 1
                && !contacts(l, &mut Basics::default())
                && looks_like_headline(first, l)
        });
    for (gi, group) in groups.iter().enumerate() {
        let line = group[0];
        if line.is_blank() {
            flush(&mut para, &mut summary);
            continue;
        }
        if Some(gi) == name_tail && b.name.is_some() {
            if let Some(n) = b.name.as_mut() {
                n.push(' ');
                n.push_str(line.flat_text().trim());
            }
            continue;
        }
        if Some(gi) == headline_group && b.headline.is_none() {
            let t = util::collapse(&line.flat_text().replace('\t', " | "));
            let t = t.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '|' | '·' | '•' | '–' | '-')
            });
            b.headline = Some(t.to_string());
            continue;
        }
        let joined = group
            .iter()
            .map(|l| util::text_with_urls_plain(l))
            .collect::<Vec<_>>()
            .join(" ");
        let words = joined.split_whitespace().count();
        let sentence_like =
            (joined.contains(". ") || joined.trim_end().ends_with(['.', '!', '?']) || words >= 25)
                && !joined.contains(['@', '•', '|', '·'])
                && obf_email().find(&joined).is_none()
                && !group
                    .iter()
                    .any(|l| !labelled_fields(&cell_text(l)).is_empty());
        if words >= 12 && sentence_like && !matches!(line.kind, LineKind::Heading(_)) {
            // "Click here to download my CV": a generic label's target is the content.
            let joined = group
                .iter()
                .map(|l| prose_with_generic_links(l))
                .collect::<Vec<_>>()
                .join(" ");
            para.push(util::strip_dangling_labels(&joined));
            continue;
        }
        for (li, line) in group.iter().enumerate() {
            let first = gi == name_group && li == 0;
            preamble_line(
                line,
                first,
                &mut b,
                &mut leftover,
                &mut para,
                summary.is_empty(),
            );
        }
    }
    flush(&mut para, &mut summary);
    if !summary.is_empty() {
        b.summary = Some(summary.join("\n\n"));
    }
    Preamble {
        basics: b,
        leftover,
    }
}

/// A person's name and not a role ("Front-End Developer" is capitalized too).
fn looks_like_person_name_strict(s: &str) -> bool {
    looks_like_person_name(s) && !util::looks_like_position(s)
}

/// Two to four capitalized words, none of them a page's usual title.
fn looks_like_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let page_words = [
        "about",
        "home",
        "cv",
        "resume",
        "publications",
        "talks",
        "teaching",
        "blog",
        "research",
        "projects",
        "me",
        "welcome",
        "portfolio",
        "page",
        "news",
    ];
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                && !page_words.contains(&w.to_lowercase().as_str())
        })
}

/// Prose text where a link labelled only "here" or "PDF" keeps its target.
fn prose_with_generic_links(line: &Line) -> String {
    let mut s = String::new();
    for sp in &line.spans {
        s.push_str(if sp.text == "\t" { " " } else { &sp.text });
        if let Some(url) = sp.link.as_deref().filter(|u| !u.is_empty()) {
            if util::is_link_label(&sp.text) {
                s.push_str(&format!(" ({url})"));
            }
        }
    }
    util::collapse(&s)
}

/// One line of the preamble that is not part of a prose paragraph.
fn preamble_line(
    line: &Line,
    first: bool,
    b: &mut Basics,
    leftover: &mut Vec<String>,
    para: &mut Vec<String>,
    no_summary_yet: bool,
) {
    let text = line.flat_text();
    let words = text.split_whitespace().count();
    // The name: the first heading, or a short first line; a tagline or
    // contact details may share its line ("Jane Roe | Data Scientist",
    // "Jane Roe (jroe@x.edu)", "Jane Roe<TAB>jroe@x.edu").
    if b.name.is_none() && first && words <= 8 {
        let cells = cell_text(line);
        let parts: Vec<&str> = cells
            .split(['|', '–', '—', '·', '•', '\t'])
            .flat_map(|p| p.split(" - "))
            .map(str::trim)
            .filter(|p| !p.is_empty() && !cv_word().is_match(p))
            .collect();
        if let Some(name) = parts.first().and_then(|p| name_candidate(p)) {
            b.name = Some(name);
            if parts.len() > 1 && b.headline.is_none() {
                let rest = parts[1..].join(" · ");
                // A role beside the name ("Jane Roe | Data Scientist"); not
                // the next cells of a row that runs on into the CV.
                if looks_like_headline(&rest, &Line::default()) {
                    b.headline = Some(rest);
                }
            }
            contacts(line, b);
            return;
        }
    }
    if contacts(line, b) {
        return;
    }
    // "Ph.D. candidate in physics · Munich, Germany": each separated part on its own.
    let parts: Vec<&str> = text
        .split(['·', '•', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut rest = Vec::new();
    for part in &parts {
        if b.name.is_some()
            && b.headline.is_none()
            && no_summary_yet
            && looks_like_headline(part, &Line::default())
        {
            b.headline = Some(part.to_string());
        } else if b.location.is_none() && is_place(part) {
            b.location = Some(part.to_string());
        } else if !cv_word().is_match(part) {
            rest.push(*part);
        }
    }
    if rest.is_empty() {
        return;
    }
    if rest.len() < parts.len() {
        leftover.push(rest.join(" · "));
        return;
    }
    if words >= 6 && !matches!(line.kind, LineKind::Heading(_)) {
        para.push(util::strip_dangling_labels(&prose_with_generic_links(line)));
        return;
    }
    leftover.push(util::text_with_urls(line));
}

/// Work and education that prose states outright.
pub fn facts_from_prose(summary: &str) -> (Vec<Work>, Vec<Education>) {
    let mut work = Vec::new();
    let mut edu = Vec::new();
    util::re!(
        pos_at,
        r"(?-u:\b)(?:a|an)\s+((?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*)\s+(?:at|with)\s+((?:[A-Z][\w&.'’-]*)(?:\s+(?:[A-Z][\w&.'’-]*|of|de|for|and))*)"
    );
    util::re!(
        degree_from,
        r"(?-u:\b)(?:received|obtained|earned|got|completed|hold|have)\s+(?:my|a|an)\s+((?:Ph\.?\s?D|M\.?\s?Sc|B\.?\s?Sc|M\.?\s?S|B\.?\s?S|B\.?\s?A|M\.?\s?A|MBA|Master'?s?|Bachelor'?s?|Doctorate)[\w.’']*)(?:\s+degree)?(?:\s+in\s+([A-Z][\w\s]*?))?\s+(?:from|at)\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*)(?:\s+(?:[A-Z][\w&.'’-]*|of|de|for|and))*)(?:\s+in\s+((?:19|20)[0-9]{2}))?"
    );
    util::re!(advised, r"advised by\s+(.+?)(?:\s*\([^)]*\))?(?:[,.;]|$)");
    for sentence in sentences(summary) {
        let s = sentence.trim();
        if !(s.starts_with("I ")
            || s.starts_with("I'm")
            || s.starts_with("I’m")
            || s.contains(" I "))
        {
            continue;
        }
        if let Some(c) = degree_from().captures(s) {
            let mut e = Education {
                degree: Some(c[1].trim_end_matches(',').to_string()),
                field: c.get(2).map(|m| m.as_str().trim().to_string()),
                institution: Some(c[3].trim().trim_end_matches('.').to_string()),
                end: c.get(4).map(|m| m.as_str().to_string()),
                dates_text: c.get(4).map(|m| m.as_str().to_string()),
                ..Default::default()
            };
            if let Some(a) = advised().captures(s) {
                let names = a[1].replace(" (", " ").replace(')', "");
                e.advisors = util::split_names(names.split(" see ").next().unwrap_or(&names))
                    .into_iter()
                    .filter(|n| {
                        n.split_whitespace().count() <= 4
                            && n.chars().next().is_some_and(|c| c.is_uppercase())
                    })
                    .collect();
            }
            edu.push(e);
            continue;
        }
        for c in pos_at().captures_iter(s) {
            let pos = c[1].trim();
            let org = c[2].trim().trim_end_matches(['.', ',']);
            if !util::looks_like_position(pos) || pos.split_whitespace().count() > 5 {
                continue;
            }
            let lower = pos.to_lowercase();
            if lower.contains("student") || lower.contains("candidate") {
                edu.push(Education {
                    institution: Some(org.to_string()),
                    notes: vec![pos.to_string()],
                    ..Default::default()
                });
            } else {
                work.push(Work {
                    organization: Some(org.to_string()),
                    position: Some(pos.to_string()),
                    ..Default::default()
                });
            }
        }
    }
    (work, edu)
}

fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        if matches!(c, '.' | '!' | '?' | '\n') {
            let next = chars.get(i + 1).copied();
            let prev_word: String = cur
                .trim_end_matches('.')
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_string();
            let abbrev = prev_word.len() <= 2
                || prev_word.contains('.')
                || matches!(
                    prev_word.as_str(),
                    "Prof" | "Dr" | "Mr" | "Ms" | "etc" | "vs" | "Jr" | "Sr"
                );
            if next.is_none_or(|n| n.is_whitespace()) && (c != '.' || !abbrev) {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;

    #[test]
    fn preamble_contacts() {
        let l = |t: &str, k: LineKind| (0, Line::new(k, vec![Span::plain(t)]));
        let p = parse_preamble(
            &[
                l("Jane Roe | Curriculum Vitae", LineKind::Heading(1)),
                l(
                    "jane.roe.dev • jroe at cs dot example dot edu • in jane-roe",
                    LineKind::Text,
                ),
            ],
            &[],
        );
        assert_eq!(p.basics.name.as_deref(), Some("Jane Roe"));
        assert_eq!(p.basics.email.as_deref(), Some("jroe@cs.example.edu"));
        assert_eq!(p.basics.url.as_deref(), Some("https://jane.roe.dev"));
        assert_eq!(p.basics.profiles[0].network, "LinkedIn");
        assert_eq!(p.basics.profiles[0].username.as_deref(), Some("jane-roe"));
    }

    #[test]
    fn prose_facts() {
        let (w, e) = facts_from_prose("I am a Systems Architect at Huawei Research Cambridge. These days I think. I received my PhD from Queen Mary University of London, advised by Gianni Antichi and Brent Stephens (Utah / Google), see my PhD dissertation. Before starting my PhD, I was initially an Intern, and later a Research Assistant at NUS, advised by Djordje Jevdjic.");
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].position.as_deref(), Some("Systems Architect"));
        assert_eq!(
            w[0].organization.as_deref(),
            Some("Huawei Research Cambridge")
        );
        assert_eq!(w[1].organization.as_deref(), Some("NUS"));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].degree.as_deref(), Some("PhD"));
        assert_eq!(
            e[0].institution.as_deref(),
            Some("Queen Mary University of London")
        );
        assert_eq!(e[0].advisors, vec!["Gianni Antichi", "Brent Stephens"]);
    }

    fn pre(lines: &[(&str, LineKind)]) -> Basics {
        let ls: Vec<NLine> = lines
            .iter()
            .enumerate()
            .map(|(i, (t, k))| (i + 1, Line::new(*k, vec![Span::plain(*t)])))
            .collect();
        parse_preamble(&ls, &[]).basics
    }

    #[test]
    fn phone_numbers_in_national_and_international_forms() {
        for t in [
            "+49 (0) 151 1234 5678",
            "06 12 34 56 78",
            "+33 6 12 34 56 78",
            "(555) 123-4567",
            "+86 138 0013 8000",
            "(+44) 07936507495",
            "+33 (0)6 32 04 94 79",
            "0177 4845365",
            "404.626.2095",
        ] {
            assert_eq!(find_phone(t).as_deref(), Some(t), "{t}");
        }
        // Two numbers set as one: the first.
        assert_eq!(
            find_phone("+49-89-80 92 86 94/0160 95 96 43 99").as_deref(),
            Some("+49-89-80 92 86 94")
        );
        // Dates and short numbers are no phone numbers.
        for t in ["2019 - 2021", "19.07.1987", "(+39) [ ]", "12 34"] {
            assert_eq!(find_phone(t), None, "{t}");
        }
    }

    #[test]
    fn a_contact_line_read_part_by_part() {
        let b = pre(&[
            ("Jane Roe", LineKind::Heading(1)),
            (
                "Lyon, France | jane@roe.fr | www.janeroe.fr | +33 6 12 34 56 78",
                LineKind::Text,
            ),
            (
                "06 12 34 56 78 • github.com/jroe • @jroe@fosstodon.org",
                LineKind::Text,
            ),
        ]);
        assert_eq!(b.name.as_deref(), Some("Jane Roe"));
        assert_eq!(b.email.as_deref(), Some("jane@roe.fr"));
        assert_eq!(b.url.as_deref(), Some("https://www.janeroe.fr"));
        assert_eq!(b.phone.as_deref(), Some("+33 6 12 34 56 78"));
        assert_eq!(b.location.as_deref(), Some("Lyon, France"));
        let nets: Vec<(&str, Option<&str>)> = b
            .profiles
            .iter()
            .map(|p| (p.network.as_str(), p.username.as_deref()))
            .collect();
        assert!(nets.contains(&("GitHub", Some("jroe"))), "{nets:?}");
        assert!(
            nets.contains(&("Mastodon", Some("jroe@fosstodon.org"))),
            "{nets:?}"
        );
    }

    #[test]
    fn parts_apart_by_a_spaced_dash() {
        let b = pre(&[
            ("Jane Roe", LineKind::Heading(1)),
            (
                "jane@roe.fr – +33 6 12 34 56 78 – Lyon, France",
                LineKind::Text,
            ),
        ]);
        assert_eq!(b.phone.as_deref(), Some("+33 6 12 34 56 78"));
        assert_eq!(b.location.as_deref(), Some("Lyon, France"));
    }

    #[test]
    fn labelled_details() {
        let b = pre(&[
            ("Persönliche Daten", LineKind::Heading(1)),
            ("Name, Vorname:\tRoe, Jane", LineKind::Text),
            ("Mobil\t0177 4845365", LineKind::Text),
            ("E-Mail: jane.roe@example.de", LineKind::Text),
            ("Adresse: Hauptstraße 4a, 80999 München", LineKind::Text),
            ("GitHub: janeroe", LineKind::Text),
        ]);
        assert_eq!(b.name.as_deref(), Some("Jane Roe"));
        assert_eq!(b.phone.as_deref(), Some("0177 4845365"));
        assert_eq!(b.email.as_deref(), Some("jane.roe@example.de"));
        assert_eq!(b.location.as_deref(), Some("München"));
        assert_eq!(b.profiles[0].username.as_deref(), Some("janeroe"));
        assert_eq!(b.summary, None);
    }

    #[test]
    fn a_label_cell_and_its_value_cell() {
        // A PDF row's cells are spans apart by a tab span.
        let row = |a: &str, b: &str| {
            Line::new(
                LineKind::Text,
                vec![Span::plain(a), Span::plain("\t"), Span::plain(b)],
            )
        };
        let p = parse_preamble(
            &[
                (1, row("Name", "Daniel Roe")),
                (2, row("Mobil", "0177 4845365")),
            ],
            &[],
        );
        assert_eq!(p.basics.name.as_deref(), Some("Daniel Roe"));
        assert_eq!(p.basics.phone.as_deref(), Some("0177 4845365"));
    }

    #[test]
    fn names_as_headers_set_them() {
        // In capitals, kept as written; a contact in brackets beside it.
        let b = pre(&[("JOHN SMITH (js@example.com)", LineKind::Heading(1))]);
        assert_eq!(b.name.as_deref(), Some("JOHN SMITH"));
        assert_eq!(b.email.as_deref(), Some("js@example.com"));
        // Over two lines of the same type.
        let b = pre(&[
            ("Daniel", LineKind::Heading(1)),
            ("Machado", LineKind::Heading(1)),
            ("Software developer", LineKind::Text),
        ]);
        assert_eq!(b.name.as_deref(), Some("Daniel Machado"));
        assert_eq!(b.headline.as_deref(), Some("Software developer"));
        // A tagline above the name.
        let b = pre(&[
            ("Front-End Developer", LineKind::Text),
            ("Guilherme Souza", LineKind::Heading(1)),
        ]);
        assert_eq!(b.name.as_deref(), Some("Guilherme Souza"));
        assert_eq!(b.headline.as_deref(), Some("Front-End Developer"));
        // A CV word, a label or a place is no name.
        for t in [
            "Lebenslauf",
            "Introduzione:",
            "Orlando, FL",
            "Persönliche Daten",
            "Daten und Lebenslauf",
            "I N F O",
        ] {
            assert_eq!(name_candidate(t), None, "{t}");
        }
        assert_eq!(name_candidate("韩佳颖").as_deref(), Some("韩佳颖"));
        assert_eq!(
            name_candidate("Yurui MU（穆钰蕊）").as_deref(),
            Some("Yurui MU（穆钰蕊）")
        );
        assert_eq!(
            name_candidate("Adrian Roe (*28.10.1997)").as_deref(),
            Some("Adrian Roe")
        );
        assert_eq!(name_candidate("实习经历"), None);
    }

    #[test]
    fn places_as_headers_write_them() {
        for t in [
            "Lyon, France",
            "Cambridge, MA 02139",
            "Teresina - PI, Brasil",
            "Santa Ninfa (TP) / Palermo - Italy",
        ] {
            assert!(is_place(t), "{t}");
        }
        for t in [
            "Data Science - Machine Learning",
            "Python, C, Git",
            "Front-End Developer",
            "Changchun University of Science and Technology,China",
        ] {
            assert!(!is_place(t), "{t}");
        }
        // A country alone among contact details.
        let b = pre(&[
            ("Jane Roe", LineKind::Heading(1)),
            ("United States of America | jane@roe.dev", LineKind::Text),
        ]);
        assert_eq!(b.location.as_deref(), Some("United States of America"));
    }

    #[test]
    fn a_host_inside_an_email_is_no_site() {
        let b = pre(&[
            ("Jane Roe", LineKind::Heading(1)),
            ("jane.fr.roe@gmail.com | janeroe.dev", LineKind::Text),
        ]);
        assert_eq!(b.email.as_deref(), Some("jane.fr.roe@gmail.com"));
        assert_eq!(b.url.as_deref(), Some("https://janeroe.dev"));
    }

    #[test]
    fn a_labelled_site_before_a_linked_word() {
        let line = Line::new(
            LineKind::Text,
            vec![
                Span {
                    text: "Research Center".into(),
                    link: Some("http://center.example.edu/".into()),
                    ..Default::default()
                },
                Span::plain("\t"),
                Span::plain("Website:"),
                Span::plain("\t"),
                Span::plain("janeroe.com"),
            ],
        );
        let mut b = Basics::default();
        assert!(contacts(&line, &mut b));
        assert_eq!(b.url.as_deref(), Some("https://janeroe.com"));
    }

    #[test]
    fn urls_repaired() {
        assert_eq!(repair_url("https://https://x.org/a"), "https://x.org/a");
        assert_eq!(repair_url("http://https://x.org"), "https://x.org");
        assert_eq!(repair_url("www.x.com"), "https://www.x.com");
        assert_eq!(repair_url("github.com/x"), "https://github.com/x");
        assert_eq!(repair_url("mailto:a@b.c"), "mailto:a@b.c");
        assert_eq!(
            repair_url("http://www.github.com/https://github.com/x"),
            "https://github.com/x"
        );
        assert_eq!(
            repair_url("https://github.com/github.com/x"),
            "https://github.com/x"
        );
        assert_eq!(repair_url("https://x.org/a/x.org"), "https://x.org/a/x.org");
        // Odd text never panics.
        for t in ["", "é", "İhttps://x", "ß://x/ß"] {
            let _ = repair_url(t);
            let _ = profile_from_url(t);
        }
    }

    #[test]
    fn profiles_by_host() {
        let net = |u: &str| profile_from_url(u).map(|p| (p.network, p.username));
        let some = |n: &str, u: &str| Some((n.to_string(), Some(u.to_string())));
        assert_eq!(net("https://gitlab.com/jroe"), some("GitLab", "jroe"));
        assert_eq!(net("https://x.com/jroe"), some("Twitter", "jroe"));
        assert_eq!(
            net("https://mastodon.social/@jroe"),
            some("Mastodon", "jroe@mastodon.social")
        );
        assert_eq!(
            net("https://bsky.app/profile/jroe.bsky.social"),
            some("Bluesky", "jroe.bsky.social")
        );
        assert_eq!(
            net("https://orcid.org/0000-0002-1825-0097"),
            some("ORCID", "0000-0002-1825-0097")
        );
        assert_eq!(
            net("https://www.researchgate.net/profile/Jane-Roe"),
            some("ResearchGate", "Jane-Roe")
        );
        assert_eq!(
            net("https://stackoverflow.com/users/123/jroe"),
            some("Stack Overflow", "jroe")
        );
        assert_eq!(net("https://www.kaggle.com/jroe"), some("Kaggle", "jroe"));
        assert_eq!(net("https://medium.com/@jroe"), None);
        assert_eq!(net("https://janeroe.dev"), None);
    }

    #[test]
    fn profiles_from_urls() {
        let p = profile_from_url("https://github.com/aliireza").unwrap();
        assert_eq!(
            (p.network.as_str(), p.username.as_deref()),
            ("GitHub", Some("aliireza"))
        );
        let p = profile_from_url("https://scholar.google.com/citations?user=SKU_VGgAAAAJ&hl=en")
            .unwrap();
        assert_eq!(p.username.as_deref(), Some("SKU_VGgAAAAJ"));
        assert!(profile_from_url("https://youtu.be/x").is_none());
    }
}
