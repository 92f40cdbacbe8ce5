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
util::re!(
    phone_re,
    r"(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{1,4}\)[\s.-]?)?[0-9]{2,4}(?:[\s.-][0-9]{2,4}){2,4}(?-u:\b)"
);
util::re!(
    domain_re,
    r"(?i)(?-u:\b)(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|edu|me|dev|ai|se|de|uk|fr|ch|nl|github\.io|info|site|page|xyz|co)(?:/[^\s)]*)?"
);
util::re!(
    cv_word,
    r"(?i)^(?:curriculum vitae|curriculum vit[æa]e|cv|resume|résumé|résume)$"
);

/// Profiles recognized from a URL.
pub fn profile_from_url(url: &str) -> Option<SocialProfile> {
    let u = url.trim();
    let lower = u.to_lowercase();
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
    } else if lower.contains("mastodon") || lower.contains("bsky.app/profile") {
        ("Bluesky", after("bsky.app/profile"))
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

fn with_scheme(u: &str) -> String {
    if u.contains("://") || u.starts_with("mailto:") {
        u.to_string()
    } else {
        format!("https://{u}")
    }
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

/// Contact details of one line; returns true when the line was contact details.
fn contacts(line: &Line, b: &mut Basics) -> bool {
    let mut found = false;
    let text = line.flat_text();
    for l in util::links_of(line) {
        if let Some(mail) = l.url.strip_prefix("mailto:") {
            if mail.contains('@') {
                b.email.get_or_insert(mail.to_string());
                found = true;
            }
        } else if let Some(p) = profile_from_url(&l.url) {
            add_profile(b, p);
            found = true;
        } else if l.url.starts_with("tel:") {
            b.phone
                .get_or_insert(l.url.trim_start_matches("tel:").to_string());
            found = true;
        } else if b.url.is_none() && l.url.starts_with("http") && !is_file_link(&l.url) {
            b.url = Some(l.url.clone());
            found = true;
        }
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
                b.phone.get_or_insert(value);
            }
            Icon::Home => {
                b.url.get_or_insert(with_scheme(&value));
            }
            Icon::Location => {
                b.location.get_or_insert(value);
            }
            other => {
                if let Some((net, base)) = network_of(other) {
                    let user = value
                        .rsplit('/')
                        .find(|s| !s.is_empty())
                        .unwrap_or(&value)
                        .to_string();
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
    if lower.contains("phone")
        || lower.contains("tel")
        || lower.contains("mobile")
        || text.trim_start().starts_with('+')
    {
        if let Some(m) = phone_re().find(&text) {
            b.phone.get_or_insert(m.as_str().trim().to_string());
            found = true;
        }
    }
    if b.url.is_none() {
        for m in domain_re().find_iter(&text) {
            let d = m.as_str();
            if d.contains('@') || text[..m.start()].ends_with('@') {
                continue;
            }
            if let Some(p) = profile_from_url(d) {
                add_profile(b, p);
            } else {
                b.url = Some(with_scheme(d));
            }
            found = true;
            break;
        }
    }
    found
}

/// A section that holds the contact details a header usually does (a
/// sidebar's "Contact", "Personal information").
pub fn is_contact_title(title: &str) -> bool {
    util::re!(
        contact_title,
        r"(?i)^(?:contacts?|contact\s+(?:info(?:rmation)?|details|me)|personal\s+(?:info(?:rmation)?|details|data)|get\s+in\s+touch|find\s+me(?:\s+online)?|links)$"
    );
    contact_title().is_match(title.trim().trim_end_matches(':'))
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
        })
        .map_or(0, |(i, _)| i);
    for (gi, group) in groups.iter().enumerate() {
        let line = group[0];
        if line.is_blank() {
            flush(&mut para, &mut summary);
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
                && obf_email().find(&joined).is_none();
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
    // The name: the first heading, or a short first line.
    if b.name.is_none() && first && words <= 8 {
        let parts: Vec<&str> = text
            .split(['|', '–', '—', '·'])
            .map(str::trim)
            .filter(|p| !p.is_empty() && !cv_word().is_match(p))
            .collect();
        if let Some(first) = parts.first() {
            let plausible = first.split_whitespace().count() <= 5
                && !first.contains('@')
                && !first.chars().any(|c| c.is_ascii_digit())
                && first.chars().next().is_some_and(|c| c.is_uppercase());
            if plausible {
                b.name = Some(first.to_string());
                if parts.len() > 1 && b.headline.is_none() {
                    let rest = parts[1..].join(" · ");
                    if util::looks_like_position(&rest) {
                        b.headline = Some(rest);
                    }
                }
                return;
            }
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
            && util::looks_like_position(part)
        {
            b.headline = Some(part.to_string());
        } else if b.location.is_none() && util::is_location(part) {
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
