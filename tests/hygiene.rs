//! Every string in every golden profile is clean text (the contract's general
//! rules): no icon glyphs, HTML, Markdown, LaTeX, mojibake, ligatures, Liquid,
//! dotted leaders, invisible characters, stray whitespace; NFC.

mod common;

use common::{check_value, golden_files, string_problems};
use serde_json::{json, Value};

#[test]
fn goldens_hold_only_clean_strings() {
    let files = golden_files();
    if files.is_empty() {
        // Not a pass by accident: tests/golden.rs fails for every sample without a golden.
        eprintln!("note: no goldens yet under golden/ (tests/golden.rs reports the missing ones)");
        return;
    }
    let mut report = String::new();
    for f in &files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                report.push_str(&format!("{}: cannot read: {e}\n", f.display()));
                continue;
            }
        };
        let v: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                report.push_str(&format!("{}: not JSON: {e}\n", f.display()));
                continue;
            }
        };
        for bad in check_value(&v) {
            report.push_str(&format!("{}: {bad}\n", f.display()));
        }
    }
    assert!(report.is_empty(), "unclean strings in goldens:\n{report}");
    eprintln!("{} goldens checked", files.len());
}

#[test]
fn clean_strings_pass() {
    for s in [
        "Universität Heidelberg",
        "Backdraft — a Lossless Virtual Switch",
        "SÃO PAULO",
        "Åse Öberg, Ärlig",
        "√2 is irrational",
        "28/104 ≈ 26.9%",
        "Start from AI/ML Systems 🙂",
        "C/C++, Python",
        "LinkedIn",
        "Mobile computing",
        "Dejan Kostić",
        "x < y and y > z",
        "Conference Publications...",
        "line one\nline two",
        "Presenter for <Metasploit 101> Sep. 2012",
        "Researcher for <Detecting video’s torrents using image similarity algorithms>",
    ] {
        assert_eq!(string_problems(s), Vec::<String>::new(), "{s:?}");
    }
}

#[test]
fn each_rule_flags_a_bad_string() {
    for (s, rule) in [
        ("\u{f0e0} mail", "private-use"),
        ("\u{f0001} mail", "private-use"),
        ("🔾 aliireza.github.io", "pictograph"),
        ("🔹", "pictograph"),
        ("🛭 Jane Roe", "pictograph"),
        ("🗘 janeroe", "pictograph"),
        ("💆 jroe", "pictograph"),
        ("bad \u{fffd} byte", "U+FFFD"),
        ("<u>Download</u>", "HTML tag"),
        ("Ranked 46<sup>th</sup>", "HTML tag"),
        ("<a href=\"mailto:Download\">", "HTML tag"),
        ("line<br>break", "HTML tag"),
        ("line<br/>break", "HTML tag"),
        ("<span id=\"page-1-0\"></span>", "HTML tag"),
        (
            "<img src=\"images/EU.jpg\" alt=\"EU\" width=\"15%\"/>",
            "HTML tag",
        ),
        (
            "<p class=\"text-muted\"><small>note</small></p>",
            "HTML tag",
        ),
        ("end </u>", "HTML tag"),
        ("**Education**", "**"),
        ("[Paper](https://x.org)", "]("),
        ("$\\sim$ 9.5 Million SEK", "LaTeX"),
        ("relatedâ€”or", "mojibake"),
        ("MÃ¼hlhÃ¤user", "mojibake"),
        ("3 Ã— R1", "mojibake"),
        ("E. AydÄ±n", "mojibake"),
        ("Universit√§t", "mojibake"),
        ("ðŸ™‚", "mojibake"),
        ("a\u{a0}Â\u{a0}b", "mojibake"),
        ("costsÂ 10", "mojibake"),
        ("Aﬃliation", "ligature"),
        ("ﬁrst", "ligature"),
        ("2019\u{ad}2020", "soft hyphen"),
        ("zero\u{200b}width", "zero-width"),
        ("\u{feff}BOM", "zero-width"),
        ("HOUSE-CHIMNEY Seoul", "icon name"),
        ("GITHUB-SQUARE posquit0", "icon name"),
        ("LINKEDIN posquit0", "icon name"),
        ("ENVELOPE jane@x.org", "icon name"),
        ("MOBILE (+82) 10-1234-5678", "icon name"),
        ("{{ site.baseurl }}/cv", "Liquid"),
        ("{% include base_path %}", "Liquid"),
        ("Publications.......", "dotted leader"),
        ("two  spaces", "double space"),
        (" padded", "whitespace"),
        ("padded ", "whitespace"),
        ("Hame\u{301}mous", "NFC"),
        ("tab\there", "control"),
    ] {
        let found = string_problems(s);
        assert!(
            found.iter().any(|r| r.contains(rule)),
            "{s:?} should break {rule:?}, got {found:?}"
        );
    }
}

#[test]
fn walks_nested_values_and_names_the_path() {
    let v = json!({
        "schema": "vitae/profile@1",
        "basics": {"name": "Jane Roe", "profiles": [{"network": "GitHub", "url": null}]},
        "work": [{"start": "2020", "highlights": ["ok", "<b>bad</b>"]}],
        "publications": [{"year": 2024, "authors": ["A. B", "**C. D**"]}],
    });
    let found = check_value(&v);
    let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["work[0].highlights[1]", "publications[0].authors[1]"],
        "{found:?}"
    );
    assert_eq!(found[0].value, "<b>bad</b>");
}
