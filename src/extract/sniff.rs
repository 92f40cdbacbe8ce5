//! Input kind from the bytes, and text decoding.

use super::ExtractError;
use crate::profile::Format;

/// Sniff the input's format from its first bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    // PDF readers accept junk before the header (within the first 1 KiB), so do we.
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    if looks_like_markdown(&head) {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Markdown when the text uses Markdown's own syntax (headings, emphasis, links,
/// front matter, inline HTML a converter left); bullets alone do not make it
/// Markdown: converters such as markitdown emit plain text with `- ` bullets.
fn looks_like_markdown(s: &str) -> bool {
    if s.starts_with("---\n") || s.starts_with("---\r\n") {
        return true;
    }
    let mut marks = 0;
    let mut prev = "";
    for line in s.lines().take(2000) {
        let t = line.trim_start();
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            marks += 1;
        }
        if !prev.trim().is_empty()
            && !t.is_empty()
            && (t.chars().all(|c| c == '=') || (t.len() >= 3 && t.chars().all(|c| c == '-')))
        {
            marks += 1;
        }
        if t.contains("**")
            || t.contains("](")
            || t.contains("<br>")
            || t.contains("<sup>")
            || t.contains("<u>")
            || t.contains("<span")
        {
            marks += 1;
        }
        if marks >= 2 {
            return true;
        }
        prev = line;
    }
    false
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
    /// NUL bytes dropped from the text.
    pub nuls: usize,
}

/// Decode text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else
/// Windows-1252 with a warning. Binary data and empty files are errors.
/// A few stray NUL bytes (an editor's or a converter's slip) are dropped and
/// counted; a file with many is binary.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(ExtractError::new("empty", "empty file: no text to read"));
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            warning: None,
            nuls: 0,
        });
    }
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    let stripped;
    let bytes = if nuls == 0 {
        bytes
    } else {
        stripped = bytes
            .iter()
            .copied()
            .filter(|&b| b != 0)
            .collect::<Vec<u8>>();
        &stripped[..]
    };
    if nuls * MAX_NUL_SHARE > bytes.len() + nuls || looks_binary(bytes) {
        return Err(ExtractError::new(
            "binary",
            "binary data: not a PDF, Markdown or text file",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            warning: None,
            nuls,
        }),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                warning: Some(format!(
                    "invalid UTF-8 at byte {}: decoded as Windows-1252",
                    e.valid_up_to()
                )),
                nuls,
            })
        }
    }
}

/// A text file has fewer NUL bytes than one in this many (a binary one,
/// or UTF-16 without a BOM, has far more).
const MAX_NUL_SHARE: usize = 1000;

/// Binary if the sample (NULs already dropped) holds many control characters
/// or invalid UTF-8.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let ctrl = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    // Random bytes that happen to hold no NUL: count invalid UTF-8 sequences too.
    let invalid = match std::str::from_utf8(sample) {
        Ok(_) => 0,
        Err(_) => String::from_utf8_lossy(sample)
            .chars()
            .filter(|&c| c == '\u{FFFD}')
            .count(),
    };
    ctrl * 20 > sample.len() || invalid * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_pdf_and_markdown() {
        assert_eq!(sniff(b"%PDF-1.5\n..."), Format::Pdf);
        assert_eq!(sniff(b"---\ntitle: x\n---\nhello"), Format::Markdown);
        assert_eq!(sniff(b"# CV\n\n## Work\n- one\n- two\n"), Format::Markdown);
        assert_eq!(sniff(b"WORK\n- one\n- two\n"), Format::Text);
        assert_eq!(sniff(b"John Doe\nEngineer\n"), Format::Text);
    }

    #[test]
    fn decodes_and_rejects() {
        assert_eq!(decode_text(b"").unwrap_err().kind, "empty");
        assert_eq!(decode_text(b" \n\t").unwrap_err().kind, "empty");
        assert_eq!(decode_text(b"a\0b").unwrap_err().kind, "binary");
        assert_eq!(decode_text(b"\0\0\0").unwrap_err().kind, "empty");
        // One stray NUL in a text: dropped and counted.
        let mut t = b"# CV\n".repeat(400);
        t.insert(10, 0);
        let d = decode_text(&t).unwrap();
        assert_eq!((d.nuls, d.text.len()), (1, 2000));
        // UTF-16 without a BOM is half NULs: binary.
        let u16: Vec<u8> = "Curriculum vitae\n"
            .repeat(50)
            .bytes()
            .flat_map(|b| [b, 0])
            .collect();
        assert_eq!(decode_text(&u16).unwrap_err().kind, "binary");
        let d = decode_text(b"Caf\xe9 au lait").unwrap();
        assert_eq!(d.text, "Café au lait");
        assert!(d.warning.is_some());
        let d = decode_text("\u{feff}Ünïcode".as_bytes()).unwrap();
        assert_eq!(d.text, "Ünïcode");
    }
}
