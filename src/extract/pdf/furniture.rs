//! Page furniture: running headers and footers (the same line near the top or
//! bottom of most pages, page numbers aside) and page numbers.

use super::layout::PLine;

/// Lines this close to a page's top or bottom edge are candidates.
const BAND: usize = 3;

/// The line's text with digits and spacing normalized, so "2/6" and "3/6" or
/// two dated footers compare equal.
fn key(l: &PLine) -> String {
    let mut s = String::new();
    let mut space = false;
    for c in l.text().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        s.push(if c.is_ascii_digit() {
            '#'
        } else {
            c.to_ascii_lowercase()
        });
    }
    s
}

/// A page number: `2`, `2/6`, `2 / 6`, `Page 2`, `Page 2 of 6`, `- 2 -`.
pub fn is_page_number(text: &str, page: u32) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("seite"))
        .or_else(|| lower.strip_prefix("pagina"))
        .or_else(|| lower.strip_prefix("página"))
        .map(str::trim)
        .unwrap_or(&lower);
    let nums: Vec<&str> = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of" && *p != "de" && *p != "von" && *p != "sur")
        .collect();
    let parsed: Vec<u32> = nums.iter().filter_map(|p| p.parse().ok()).collect();
    if parsed.len() != nums.len() || parsed.is_empty() || nums.iter().any(|p| p.len() > 3) {
        return false;
    }
    match parsed.as_slice() {
        [n] => *n == page || *n + 1 == page || *n == page + 1,
        [n, total] => *n <= *total && *total < 1000,
        _ => false,
    }
}

/// Share of the page height at the top and at the bottom where headers and
/// footers live.
const MARGIN: f32 = 0.15;

/// Remove running headers, footers and page numbers; returns the counts
/// (header/footer lines, page numbers). `heights` are the pages' heights.
pub fn remove(lines: &mut Vec<PLine>, heights: &[f32]) -> (usize, usize) {
    let pages = heights.len() as u32;
    // Candidates: the BAND top-most and bottom-most lines of each page, in
    // its top or bottom margin.
    let mut cand: Vec<bool> = vec![false; lines.len()];
    for p in 1..=pages {
        let h = heights[p as usize - 1];
        let mut idx: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].page == p).collect();
        idx.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
        for &i in idx.iter().take(BAND) {
            cand[i] |= lines[i].y > h * (1.0 - MARGIN);
        }
        for &i in idx.iter().rev().take(BAND) {
            cand[i] |= lines[i].y < h * MARGIN;
        }
    }
    let keys: Vec<String> = lines.iter().map(key).collect();
    let mut drop = vec![false; lines.len()];
    let (mut furniture, mut numbers) = (0, 0);
    for i in 0..lines.len() {
        if !cand[i] {
            continue;
        }
        if is_page_number(&lines[i].text(), lines[i].page) {
            drop[i] = true;
            numbers += 1;
            continue;
        }
        if pages < 2 {
            continue;
        }
        // Repeated at about the same height on most pages.
        let mut on: Vec<u32> = (0..lines.len())
            .filter(|&j| cand[j] && keys[j] == keys[i] && (lines[j].y - lines[i].y).abs() < 6.0)
            .map(|j| lines[j].page)
            .collect();
        on.dedup();
        let need = (pages as usize).div_ceil(2).max(2);
        if on.len() >= need {
            drop[i] = true;
            furniture += 1;
        }
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    (furniture, numbers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pdf::layout::tests::word;

    fn line(page: u32, y: f32, text: &str) -> PLine {
        PLine {
            page,
            stream: 0,
            x0: 50.0,
            x1: 300.0,
            y,
            size: 10.0,
            cells: vec![word(50.0, y, 10.0, text)],
        }
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("2/6", 2));
        assert!(is_page_number("Page 3 of 5", 3));
        assert!(is_page_number("- 4 -", 4));
        assert!(is_page_number("4", 4));
        assert!(!is_page_number("2019", 3));
        assert!(!is_page_number("12", 3));
        assert!(!is_page_number("Page two", 2));
    }

    #[test]
    fn running_header_goes() {
        let mut lines = Vec::new();
        for p in 1..=3 {
            lines.push(line(p, 800.0, "Jane Doe Updated on June 2, 2025"));
            lines.push(line(p, 700.0, &format!("content of page {p}")));
            lines.push(line(p, 690.0, "the same body line"));
            lines.push(line(p, 30.0, &format!("{p}/3")));
        }
        let (f, n) = remove(&mut lines, &[842.0; 3]);
        assert_eq!((f, n), (3, 3));
        assert_eq!(lines.len(), 6);
        assert!(lines.iter().all(|l| !l.text().contains("Updated")));
    }
}
