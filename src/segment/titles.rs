//! Section titles of the taxonomy, with their synonyms.

use crate::profile::SectionKind;

/// Phrases, most specific first: the first that matches decides.
const PHRASES: &[(&str, SectionKind)] = &[
    ("research interests", SectionKind::Summary),
    ("research statement", SectionKind::Summary),
    ("professional summary", SectionKind::Summary),
    ("about me", SectionKind::Summary),
    ("research experience", SectionKind::Work),
    ("teaching experience", SectionKind::Teaching),
    ("mini-teaching", SectionKind::Teaching),
    ("teaching assistant", SectionKind::Teaching),
    ("work experience", SectionKind::Work),
    ("professional experience", SectionKind::Work),
    ("industry experience", SectionKind::Work),
    ("academic experience", SectionKind::Work),
    ("employment history", SectionKind::Work),
    ("work history", SectionKind::Work),
    ("academic positions", SectionKind::Work),
    ("academic appointments", SectionKind::Work),
    ("professional positions", SectionKind::Work),
    ("academic background", SectionKind::Education),
    ("patent applications", SectionKind::Patents),
    ("patents", SectionKind::Patents),
    ("patent", SectionKind::Patents),
    ("open-source contributions", SectionKind::Projects),
    ("open source contributions", SectionKind::Projects),
    ("open-source", SectionKind::Projects),
    ("open source", SectionKind::Projects),
    ("funded projects", SectionKind::Projects),
    ("research projects", SectionKind::Projects),
    ("selected projects", SectionKind::Projects),
    ("grants and awards", SectionKind::Awards),
    ("grants & awards", SectionKind::Awards),
    ("honors", SectionKind::Awards),
    ("honours", SectionKind::Awards),
    ("awards", SectionKind::Awards),
    ("award", SectionKind::Awards),
    ("fellowships", SectionKind::Awards),
    ("scholarships", SectionKind::Awards),
    ("prizes", SectionKind::Awards),
    ("distinctions", SectionKind::Awards),
    ("achievements", SectionKind::Awards),
    ("grants", SectionKind::Projects),
    ("funding", SectionKind::Projects),
    ("software", SectionKind::Projects),
    ("projects", SectionKind::Projects),
    ("selected publications", SectionKind::Publications),
    ("other publications", SectionKind::Publications),
    ("conference publications", SectionKind::Publications),
    ("journal publications", SectionKind::Publications),
    ("conference papers", SectionKind::Publications),
    ("journal papers", SectionKind::Publications),
    ("journal articles", SectionKind::Publications),
    ("refereed", SectionKind::Publications),
    ("peer-reviewed", SectionKind::Publications),
    ("workshop papers", SectionKind::Publications),
    ("workshops", SectionKind::Publications),
    ("working papers", SectionKind::Publications),
    ("work in progress", SectionKind::Publications),
    ("preprints", SectionKind::Publications),
    ("technical reports", SectionKind::Publications),
    ("book chapters", SectionKind::Publications),
    ("theses", SectionKind::Publications),
    ("publications", SectionKind::Publications),
    ("publication", SectionKind::Publications),
    ("papers", SectionKind::Publications),
    ("job market paper", SectionKind::Publications),
    ("published and forthcoming", SectionKind::Publications),
    ("forthcoming", SectionKind::Publications),
    ("research", SectionKind::Publications),
    ("professional service", SectionKind::Service),
    ("professional activities", SectionKind::Service),
    ("academic service", SectionKind::Service),
    ("program committees", SectionKind::Service),
    ("reviewing", SectionKind::Service),
    ("service", SectionKind::Service),
    ("services", SectionKind::Service),
    ("invited talks", SectionKind::Talks),
    ("talks", SectionKind::Talks),
    ("presentations", SectionKind::Talks),
    ("seminars", SectionKind::Talks),
    ("teaching", SectionKind::Teaching),
    ("mentees", SectionKind::Mentees),
    ("mentoring", SectionKind::Mentees),
    ("mentorship", SectionKind::Mentees),
    ("supervision", SectionKind::Mentees),
    ("supervised students", SectionKind::Mentees),
    ("advising", SectionKind::Mentees),
    ("students", SectionKind::Mentees),
    ("technical skills", SectionKind::Skills),
    ("computer skills", SectionKind::Skills),
    ("skills", SectionKind::Skills),
    ("competences", SectionKind::Skills),
    ("competencies", SectionKind::Skills),
    ("languages", SectionKind::Languages),
    ("language skills", SectionKind::Languages),
    ("hobbies", SectionKind::Interests),
    ("interests", SectionKind::Interests),
    ("education", SectionKind::Education),
    ("degrees", SectionKind::Education),
    ("experience", SectionKind::Work),
    ("work", SectionKind::Work),
    ("employment", SectionKind::Work),
    ("positions", SectionKind::Work),
    ("appointments", SectionKind::Work),
    ("certifications", SectionKind::Other),
    ("certificates", SectionKind::Other),
    ("licenses and certifications", SectionKind::Other),
    ("references", SectionKind::Other),
    ("volunteering", SectionKind::Other),
    ("volunteer experience", SectionKind::Other),
    ("extracurricular activities", SectionKind::Other),
    ("memberships", SectionKind::Other),
    ("professional memberships", SectionKind::Other),
    ("affiliations", SectionKind::Other),
    ("personal details", SectionKind::Other),
    ("personal information", SectionKind::Other),
    ("personal data", SectionKind::Other),
    ("additional information", SectionKind::Other),
    ("contact", SectionKind::Other),
    // French, German and Spanish titles (European academics' CVs).
    ("expérience professionnelle", SectionKind::Work),
    ("expériences professionnelles", SectionKind::Work),
    ("parcours professionnel", SectionKind::Work),
    ("expérience", SectionKind::Work),
    ("expériences", SectionKind::Work),
    ("formation", SectionKind::Education),
    ("formations", SectionKind::Education),
    ("études", SectionKind::Education),
    ("diplômes", SectionKind::Education),
    ("enseignement", SectionKind::Teaching),
    ("enseignements", SectionKind::Teaching),
    ("encadrement", SectionKind::Mentees),
    ("encadrements", SectionKind::Mentees),
    ("compétences", SectionKind::Skills),
    ("compétences techniques", SectionKind::Skills),
    ("langues", SectionKind::Languages),
    ("centres d'intérêt", SectionKind::Interests),
    ("centres d’intérêt", SectionKind::Interests),
    ("loisirs", SectionKind::Interests),
    ("prix et distinctions", SectionKind::Awards),
    ("prix", SectionKind::Awards),
    ("projets", SectionKind::Projects),
    ("projets de recherche", SectionKind::Projects),
    ("brevets", SectionKind::Patents),
    ("exposés", SectionKind::Talks),
    ("conférences invitées", SectionKind::Talks),
    ("berufserfahrung", SectionKind::Work),
    ("beruflicher werdegang", SectionKind::Work),
    ("ausbildung", SectionKind::Education),
    ("studium", SectionKind::Education),
    ("bildungsweg", SectionKind::Education),
    ("publikationen", SectionKind::Publications),
    ("veröffentlichungen", SectionKind::Publications),
    ("kenntnisse", SectionKind::Skills),
    ("fähigkeiten", SectionKind::Skills),
    ("sprachen", SectionKind::Languages),
    ("sprachkenntnisse", SectionKind::Languages),
    ("interessen", SectionKind::Interests),
    ("hobbys", SectionKind::Interests),
    ("auszeichnungen", SectionKind::Awards),
    ("preise", SectionKind::Awards),
    ("lehre", SectionKind::Teaching),
    ("lehrtätigkeit", SectionKind::Teaching),
    ("projekte", SectionKind::Projects),
    ("patente", SectionKind::Patents),
    ("vorträge", SectionKind::Talks),
    ("betreuung", SectionKind::Mentees),
    ("experiencia profesional", SectionKind::Work),
    ("experiencia laboral", SectionKind::Work),
    ("experiencia", SectionKind::Work),
    ("formación académica", SectionKind::Education),
    ("formación", SectionKind::Education),
    ("educación", SectionKind::Education),
    ("publicaciones", SectionKind::Publications),
    ("habilidades", SectionKind::Skills),
    ("idiomas", SectionKind::Languages),
    ("premios", SectionKind::Awards),
    ("docencia", SectionKind::Teaching),
    ("proyectos", SectionKind::Projects),
    ("summary", SectionKind::Summary),
    ("profile", SectionKind::Summary),
    ("about", SectionKind::Summary),
    ("bio", SectionKind::Summary),
    ("biography", SectionKind::Summary),
    ("overview", SectionKind::Summary),
];

/// The kind of a section title, or None when the text is not one.
///
/// `exact` asks for the whole title to be a known phrase (for plain lines,
/// where a sentence that merely mentions "experience" must not open a section);
/// otherwise the title may hold a known phrase as a whole word or words (for
/// headings: "Workshop Papers, Extended Abstracts, Preprints, ...").
pub fn title_kind(title: &str, exact: bool) -> Option<SectionKind> {
    let norm = normalize(title);
    if norm.is_empty() {
        return None;
    }
    for (phrase, kind) in PHRASES {
        if norm == *phrase {
            return Some(*kind);
        }
    }
    if exact {
        // "Education and Training", "Awards & Honors": a known phrase opening a short title.
        let words = norm.split_whitespace().count();
        if words <= 4 {
            for (phrase, kind) in PHRASES {
                // Only a compound of titles: "Education and Training", "Awards & Honors",
                // never "Research Assistant" or "Software Engineering Intern".
                if let Some(rest) = norm.strip_prefix(phrase) {
                    if rest.starts_with(" and ")
                        || rest.starts_with(',')
                        || rest.starts_with(" /")
                        || rest.starts_with('/')
                    {
                        return Some(*kind);
                    }
                }
            }
        }
        return None;
    }
    if norm.split_whitespace().count() > 12 {
        return None;
    }
    // Earliest phrase in the title wins ("Honors, Awards, and Professional Services").
    let mut best: Option<(usize, usize, SectionKind)> = None;
    for (phrase, kind) in PHRASES {
        if let Some(pos) = find_word(&norm, phrase) {
            let better = match best {
                None => true,
                Some((bp, bl, _)) => pos < bp || (pos == bp && phrase.len() > bl),
            };
            if better {
                best = Some((pos, phrase.len(), *kind));
            }
        }
    }
    best.map(|(_, _, k)| k)
}

fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(p) = hay[start..].find(needle) {
        let pos = start + p;
        let before = hay[..pos].chars().next_back();
        let after = hay[pos + needle.len()..].chars().next();
        let ok_b = before.is_none_or(|c| !c.is_alphanumeric());
        let ok_a = after.is_none_or(|c| !c.is_alphanumeric());
        if ok_b && ok_a {
            return Some(pos);
        }
        start = pos + needle.len();
    }
    None
}

fn normalize(title: &str) -> String {
    let t = title
        .to_lowercase()
        .replace(['*', '_', '`'], "")
        .replace(" and ", " & ");
    let t = t.trim().trim_end_matches(['.', ':', ' ']).trim();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Honors and Awards" and "Honors & Awards" compare alike; keep "and" for phrases.
    t.replace(" & ", " and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_german_spanish_titles() {
        for (t, k) in [
            ("Expérience professionnelle", SectionKind::Work),
            ("Études", SectionKind::Education),
            ("Compétences", SectionKind::Skills),
            ("Berufserfahrung", SectionKind::Work),
            ("Veröffentlichungen", SectionKind::Publications),
            ("Formación académica", SectionKind::Education),
        ] {
            assert_eq!(title_kind(t, true), Some(k), "{t}");
        }
    }

    #[test]
    fn known_titles() {
        let cases = [
            ("Work Experience", SectionKind::Work),
            ("EDUCATION", SectionKind::Education),
            ("Research Interests", SectionKind::Summary),
            ("Interests", SectionKind::Interests),
            (
                "Honors, Awards, and Professional Services",
                SectionKind::Awards,
            ),
            (
                "Workshop Papers, Extended Abstracts, Preprints, Technical Reports",
                SectionKind::Publications,
            ),
            ("Patent Applications", SectionKind::Patents),
            ("Open-Source Contributions", SectionKind::Projects),
            ("Funded Projects", SectionKind::Projects),
            ("Mini-Teaching", SectionKind::Teaching),
            ("Teaching Experience", SectionKind::Teaching),
            (
                "Selected Publications (all pubs)",
                SectionKind::Publications,
            ),
            ("Hobbies", SectionKind::Interests),
            ("Skills", SectionKind::Skills),
        ];
        for (t, k) in cases {
            assert_eq!(title_kind(t, false), Some(k), "{t}");
        }
        assert_eq!(title_kind("Some thoughts", false), None);
        assert_eq!(title_kind("Linux kernel stuff", false), None);
    }

    #[test]
    fn exact_mode_rejects_sentences() {
        assert_eq!(title_kind("Experience", true), Some(SectionKind::Work));
        assert_eq!(
            title_kind("Education and Training", true),
            Some(SectionKind::Education)
        );
        assert_eq!(title_kind("I have experience with Rust", true), None);
        assert_eq!(title_kind("Research Assistant", true), None);
        assert_eq!(title_kind("Software Engineering Intern", true), None);
    }
}
