//! Patents: `[P1] Inventors. Title (Other name: …). KIND NUMBER. Filed in October 2024.`

use super::dates;
use super::publications::{looks_like_author_list, split_authors};
use super::util::{self, NLine};
use crate::profile::{Link, Patent};

util::re!(key_re, r"^\[([A-Z]{0,3}[0-9]{1,3})\]\s*");
util::re!(
    kind_re,
    r"(?i)(?-u:\b)((?:US|U\.S\.|European|EP|PCT|International|Chinese|Japanese|Swedish|German)?\s*(?:Provisional\s+)?(?:Patent\s+Application|Patent|Application)|PCT\s+Application)(?-u:\b)"
);
util::re!(
    number_re,
    r"(?-u:\b)(PCT/[A-Z]{2}[0-9]{4}/[0-9]{5,6}|EP\s?[0-9]{2}\s?[0-9]{3}\s?[0-9]{3}(?:\.[0-9])?|[0-9]{2}/[0-9]{3},[0-9]{3}|(?:US|EP|WO|CN|JP|DE|SE)\s?[0-9]{4,}(?:[/,][0-9]+)*\s?[A-Z][0-9]?|[0-9]{1,2},[0-9]{3},[0-9]{3}(?:\s?B[0-9])?)"
);
util::re!(
    granted_re,
    r"(?-u:\b)((?:US|EP|CN|JP|DE|SE)\s?[0-9]{6,}\s?[AB][0-9])\s*(?:\(?Granted\)?)?"
);
util::re!(
    other_name,
    r"\s*\(\s*(?:Other name|Also known as|a\.k\.a\.)\s*:\s*([^)]*?)\s*\)"
);
util::re!(filed_re, r"(?i)(?-u:\b)filed(?:\s+(?:in|on))?\s+");

pub fn parse(lines: &[NLine]) -> Vec<Patent> {
    util::blocks(lines)
        .into_iter()
        .filter_map(|b| {
            let links: Vec<Link> = b
                .lines
                .iter()
                .flat_map(|(_, l)| util::links_of(l))
                .collect();
            let text = b
                .lines
                .iter()
                .map(|(_, l)| l.flat_text())
                .collect::<Vec<_>>()
                .join(" ");
            parse_one(&util::collapse(&text), links)
        })
        .collect()
}

pub fn parse_one(text: &str, links: Vec<Link>) -> Option<Patent> {
    let mut p = Patent::default();
    let mut rest = text.trim().to_string();
    if rest.is_empty() {
        return None;
    }
    if let Some(c) = key_re().captures(&rest) {
        p.key = Some(c[1].to_string());
        rest = rest[c.get(0).map_or(0, |m| m.end())..].to_string();
    }
    // Granted numbers anywhere ("(US12111766B2 Granted)").
    for c in granted_re().captures_iter(&rest) {
        let whole = c.get(0).map_or("", |m| m.as_str());
        if whole.to_lowercase().contains("granted") {
            p.granted.push(c[1].replace(' ', ""));
        }
    }
    // Inventors up to the period that ends a name list.
    if let Some(end) = super::publications::authors_end(&rest) {
        let inv = &rest[..end];
        if looks_like_author_list(inv) {
            p.inventors = split_authors(inv);
            rest = rest[end..].trim().to_string();
        }
    }
    if let Some(c) = other_name().captures(&rest) {
        p.other_title = Some(c[1].trim().to_string());
        let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        rest = format!("{}{}", &rest[..m.0], &rest[m.1..]);
    }
    // Kind and numbers.
    let kind_m = kind_re().find_iter(&rest).find(|m| {
        let after = &rest[m.end()..];
        number_re().find(after).is_some_and(|n| n.start() <= 3)
            || m.as_str().to_lowercase().contains("patent")
    });
    let (title_part, tail) = match kind_m {
        Some(m) => {
            p.kind = Some(util::collapse(m.as_str()));
            (rest[..m.start()].to_string(), rest[m.end()..].to_string())
        }
        None => match number_re().find(&rest) {
            Some(n) => (rest[..n.start()].to_string(), rest[n.start()..].to_string()),
            None => (rest.clone(), String::new()),
        },
    };
    for m in number_re().find_iter(&tail) {
        let n = m.as_str().trim().to_string();
        if !p.granted.iter().any(|g| g == &n.replace(' ', "")) {
            p.application_numbers.push(n);
        }
    }
    if let Some(m) = filed_re().find(&tail) {
        if let Some(per) = dates::find_period(&tail[m.end()..]) {
            p.filed = per.start;
        }
    }
    let title = title_part
        .trim()
        .trim_end_matches(['.', ','])
        .trim()
        .to_string();
    p.title = (!title.is_empty()).then_some(title);
    p.links = links;
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_first_and_ep_numbers() {
        let p = parse_one("Reindl, M., Petrova, N. Cryogenic sample holder. European Patent Application EP 23 187 654.2. Filed in July 2023.", vec![]).unwrap();
        assert_eq!(p.inventors, vec!["Reindl, M.", "Petrova, N."]);
        assert_eq!(p.title.as_deref(), Some("Cryogenic sample holder"));
        assert_eq!(p.application_numbers, vec!["EP 23 187 654.2"]);
        assert_eq!(p.kind.as_deref(), Some("European Patent Application"));
    }

    #[test]
    fn seed_style() {
        let p = parse_one("[P1] Alireza Farshin, Omri Kahalon, Vishwanath Venkatesan, Timothy Stamler. Orchestration of Distributed Inference Operations. US Patent Application 18/926,233. Filed in October 2024.", vec![]).unwrap();
        assert_eq!(p.key.as_deref(), Some("P1"));
        assert_eq!(p.inventors.len(), 4);
        assert_eq!(
            p.title.as_deref(),
            Some("Orchestration of Distributed Inference Operations")
        );
        assert_eq!(p.kind.as_deref(), Some("US Patent Application"));
        assert_eq!(p.application_numbers, vec!["18/926,233"]);
        assert_eq!(p.filed.as_deref(), Some("2024-10"));

        let p = parse_one("[P2] Amir Roozbeh, Alireza Farshin. Network Entity and Method (Other name: System and Methods for X). PCT Application PCT/SE2023/050880. Filed in September 2023.", vec![]).unwrap();
        assert_eq!(p.other_title.as_deref(), Some("System and Methods for X"));
        assert_eq!(p.kind.as_deref(), Some("PCT Application"));
        assert_eq!(p.application_numbers, vec!["PCT/SE2023/050880"]);

        let p = parse_one("[P3] Amir Roozbeh, Alireza Farshin. Network Entity. US Provisional Patent Application 63/511,198. Filed in June 2023.", vec![]).unwrap();
        assert_eq!(p.kind.as_deref(), Some("US Provisional Patent Application"));

        let p = parse_one("[P17] Amir Roozbeh, Gerald Q. Maguire Jr. Entities and Methods. PCT Application PCT/SE2019/050948. Download (US12111766B2 Granted)", vec![]).unwrap();
        assert_eq!(p.granted, vec!["US12111766B2"]);
        assert_eq!(p.application_numbers, vec!["PCT/SE2019/050948"]);
        assert_eq!(p.inventors, vec!["Amir Roozbeh", "Gerald Q. Maguire Jr."]);

        let p = parse_one("[P14] A B, C D. Method and System. PCT Application PCT/SE2020/051107 (Download) & PCT/SE2020/051108 (Download).", vec![]).unwrap();
        assert_eq!(
            p.application_numbers,
            vec!["PCT/SE2020/051107", "PCT/SE2020/051108"]
        );
    }
}
