//! Property tests: `parse_bytes` never panics, whatever the bytes; it returns a
//! profile that serializes, or a clean error.

use proptest::prelude::*;
use vitae::{parse_bytes, Options};

/// The fragments real CV conversions are made of, and the junk they carry.
const FRAGMENTS: &[&str] = &[
    "# ",
    "## ",
    "### **",
    "#### ",
    "Education",
    "Work Experience",
    "Publications",
    "Honors, Awards, and Professional Services",
    "Skills",
    "Languages: English (Fluent)",
    "**",
    "__",
    "_",
    "*",
    "`",
    "[x](y)",
    "[C1] ",
    "[",
    "](",
    ")",
    "<b>",
    "</b>",
    "<br>",
    "<sup>th</sup>",
    "<span id=\"page-1-0\"></span>",
    "<!-- c -->",
    "&amp;",
    "&#8212;",
    "$\\sim$",
    "$28/104 \\approx 26.9\\%$",
    "\\$",
    "$",
    "\\",
    "â€”",
    "Ã¼",
    "√§",
    "ðŸ™‚",
    "\u{f0e0}",
    "🔾",
    "🔹",
    "🙂",
    "\u{fffd}",
    "ﬁ",
    "\u{ad}",
    "\u{200b}",
    "January 2024-now",
    "August 2023–January 2024",
    "Fall-2013",
    "Spring '24",
    "09/15-06/18",
    "2017 - 2023",
    " (expected)",
    "|a|b|",
    "|---|---|",
    "| ",
    "- ",
    "  - ",
    "- - - - ",
    "* ",
    "1. ",
    "> ",
    "---",
    "===",
    "{{ site.baseurl }}",
    "{% for post in site.publications %}",
    ".....",
    "○",
    "•",
    " at ",
    " dot ",
    "@",
    "https://example.org/x",
    "Jane Roe",
    "Ph.D. in Physics, Example University, 2019",
    "Advisors: Prof. A. B and Dr. C. D",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
];

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|v| v.concat())
}

/// Parse and, when it succeeds, serialize: both must return, not panic.
fn exercise(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_bytes(name, bytes, &Options::default()) {
        Ok(p) => {
            let json = vitae::export::to_json(&p);
            let back: Result<vitae::profile::Profile, _> = serde_json::from_str(&json);
            prop_assert!(back.is_ok(), "output does not read back: {:?}", back.err());
            prop_assert_eq!(&p.source.file, name);
        }
        Err(e) => {
            prop_assert!(!e.kind.is_empty(), "error without a kind");
            prop_assert!(!e.message.trim().is_empty(), "error without a message");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        exercise("bytes.md", &bytes)?;
    }

    #[test]
    fn markdownish_strings(s in markdownish()) {
        exercise("cv.md", s.as_bytes())?;
    }

    #[test]
    fn markdownish_with_front_matter(s in markdownish(), title in "[a-zA-Z \"':]{0,20}") {
        let doc = format!("---\nlayout: archive\ntitle: {title}\n---\n{s}");
        exercise("cv.md", doc.as_bytes())?;
    }

    #[test]
    fn markdownish_with_pdf_header(s in markdownish()) {
        // Sniffed as PDF: the PDF path must refuse junk cleanly.
        let doc = format!("%PDF-1.4\n{s}");
        exercise("cv.pdf", doc.as_bytes())?;
    }

    #[test]
    fn latex_and_escapes_next_to_multibyte_text(
        lines in prop::collection::vec("([a-zA-Z0-9 ,.:%{}^_$\\\\*]|–|—|ü|≈|€|ﬁ|🔹){0,60}", 1..8)
    ) {
        // Byte-indexed scanners (for `$…$`, `\$`, `**`) meet a multi-byte character.
        exercise("math.md", lines.join("\n").as_bytes())?;
    }

    #[test]
    fn arbitrary_unicode(s in "\\PC{0,400}") {
        exercise("u.txt", s.as_bytes())?;
    }
}
