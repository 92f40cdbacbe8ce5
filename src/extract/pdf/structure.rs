//! From laid-out page lines to the document's [`Line`]s: dotted leaders and
//! bullets removed, a wrapped left-column date joined, headings found from
//! typography, blocks separated by blank lines, list items and continuation
//! lines told apart, words split by a line-end hyphen joined, and styled spans
//! (bold, italic, link, icon) built with a tab span between cells.

use super::glyphs::G;
use super::interp::Rule;
use super::layout::{cell_text, word_break, PLine};
use super::links::Link;
use crate::extract::{Geom, Icon, Line, LineKind, Span};

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub dotted_leaders: usize,
    pub hyphenations: usize,
}

const BULLETS: &[char] = &[
    '•', '●', '○', '◦', '▪', '■', '►', '▸', '‣', '∙', '⁃', '➢', '➤', '✓', '✔', '◆', '◇', '□', '⋄',
    '❖', '➔', '→', '⊳', '▹', '▶', '★', '☆', '⋆',
];
/// Bullets that are also ordinary punctuation: only a bullet when a word
/// follows after a space.
const SOFT_BULLETS: &[char] = &['-', '–', '—', '*', '·', '+'];

/// Glyphs that only decorate (bullets, the visible space of moderncv's `○␣`).
fn is_decoration(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| BULLETS.contains(&c) || c == '␣' || c.is_whitespace())
}

fn is_dot(g: &G) -> bool {
    g.text == "." || g.text == "·" || g.text == "\u{2024}" || g.text == "…"
}

/// Remove a run of four or more dots at a cell's end (a dotted leader).
fn strip_leaders(cell: &mut Vec<G>) -> bool {
    let n = cell.len();
    let mut i = n;
    let mut dots = 0;
    while i > 0 && (is_dot(&cell[i - 1]) || cell[i - 1].space) {
        if !cell[i - 1].space {
            dots += 1;
        }
        i -= 1;
    }
    if dots < 4 {
        return false;
    }
    // The whole run goes, a dot that happens to touch the last word too:
    // leaders follow titles, which do not end with a full stop.
    cell.truncate(i);
    while cell.last().is_some_and(|g| g.space) {
        cell.pop();
    }
    true
}

/// Label at a line's start that the text after it hangs from: `[C1]`, `1.`.
fn is_label(w: &str) -> bool {
    let b = w.as_bytes();
    (w.starts_with('[') && w.ends_with(']') && (3..=8).contains(&w.len()))
        || (b.len() <= 4
            && w.ends_with(['.', ')'])
            && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
            && w.len() >= 2)
}

/// Words of a cell with their glyph ranges.
fn words(cell: &[G]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, g) in cell.iter().enumerate() {
        if g.space {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            continue;
        }
        if let Some(s) = start {
            if word_break(&cell[i - 1], g) {
                out.push((s, i));
                start = Some(i);
            }
        } else {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, cell.len()));
    }
    out
}

fn text_of(gs: &[G]) -> String {
    gs.iter()
        .filter(|g| !g.space)
        .map(|g| g.text.as_str())
        .collect()
}

/// A line being built.
struct L {
    p: PLine,
    leader: bool,
    bullet: bool,
    /// Where the text after a bullet or label starts.
    text_x: f32,
    rule: bool,
    kind: LineKind,
    depth: u8,
    blank_before: bool,
}

fn space_glyph(like: &G) -> G {
    G {
        text: " ".into(),
        space: true,
        icon: None,
        link: None,
        ..like.clone()
    }
}

/// Whether the left cell of the next row continues this row's left cell (a
/// date range wrapped in a narrow column: `Jan 2024 -` / `Now`).
fn continues_date(a: &str, b: &str) -> bool {
    let a = a.trim();
    let b = b.trim();
    if a.is_empty() || b.is_empty() || b.chars().count() > 20 {
        return false;
    }
    let now = ["now", "present", "today", "current", "ongoing"]
        .contains(&b.to_lowercase().trim_end_matches('.'));
    let b_digit = b.chars().any(|c| c.is_ascii_digit());
    let b_date = b_digit || now;
    let ends_dash = a.ends_with(['-', '–', '—']);
    let starts_dash = b.starts_with(['-', '–', '—']);
    let a_word = !a.chars().any(|c| c.is_ascii_digit()) && a.chars().count() <= 12;
    let lower = b.chars().next().is_some_and(char::is_lowercase);
    b_date && (ends_dash || starts_dash || (a_word && b_digit) || lower)
}

/// Join wrapped left-column dates into the row they start on.
fn join_wrapped_dates(lines: &mut Vec<PLine>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let (a, b) = (&lines[i], &lines[i + 1]);
        let close =
            a.page == b.page && a.stream == b.stream && a.y - b.y < 1.6 * a.size.max(b.size);
        let ok = close
            && a.cells.len() >= 2
            && !b.cells.is_empty()
            && {
                let b0 = &b.cells[0];
                let a1x = a.cells[1].first().map_or(0.0, |g| g.x0);
                let b0x1 = b0.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
                let a0x0 = a.cells[0].first().map_or(0.0, |g| g.x0);
                b0x1 < a1x && (b0[0].x0 - a0x0).abs() < a1x - a0x0
            }
            && continues_date(&cell_text(&a.cells[0]), &cell_text(&b.cells[0]));
        if !ok {
            i += 1;
            continue;
        }
        let moved = lines[i + 1].cells.remove(0);
        let sp = space_glyph(&moved[0]);
        lines[i].cells[0].push(sp);
        lines[i].cells[0].extend(moved);
        if lines[i + 1].cells.is_empty() {
            lines.remove(i + 1);
        } else {
            let b = &mut lines[i + 1];
            b.x0 = b.cells[0][0].x0;
        }
        i += 1;
    }
}

fn body_size(lines: &[PLine]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in lines {
        let s = (l.size * 2.0).round() / 2.0;
        let n = l.chars();
        match sizes.iter_mut().find(|(x, _)| (*x - s).abs() < 0.01) {
            Some(e) => e.1 += n,
            None => sizes.push((s, n)),
        }
    }
    sizes.iter().max_by_key(|e| e.1).map_or(10.0, |e| e.0)
}

/// The usual baseline distance between lines of a block, as a multiple of
/// the font size.
fn typical_pitch(lines: &[PLine]) -> f32 {
    let mut bins = [0usize; 40];
    for w in lines.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.page != b.page || a.stream != b.stream || (a.size - b.size).abs() > 0.3 {
            continue;
        }
        let r = (a.y - b.y) / a.size;
        if (0.9..2.0).contains(&r) {
            bins[((r - 0.9) / 0.05) as usize] += 1;
        }
    }
    let (i, n) = bins
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .unwrap_or((6, &0));
    if *n == 0 {
        1.2
    } else {
        0.9 + 0.05 * i as f32 + 0.025
    }
}

fn near_rule(l: &PLine, rules: &[Rule]) -> bool {
    rules.iter().any(|r| {
        r.y < l.y + 0.8 * l.size
            && r.y > l.y - 1.0 * l.size
            && r.x0 <= l.x1 + 40.0
            && r.x1 >= l.x0 - 40.0
    })
}

/// Build the document's lines.
pub fn build(
    plines: Vec<PLine>,
    rules: &[Vec<Rule>],
    links: &[Vec<Link>],
    counts: &mut Counts,
) -> Vec<Line> {
    let mut plines = plines;
    // Leaders and decoration first: they change what a line's text is.
    let mut ls: Vec<L> = Vec::with_capacity(plines.len());
    join_wrapped_dates(&mut plines);
    for mut p in plines {
        let mut leader = false;
        for c in &mut p.cells {
            if strip_leaders(c) {
                leader = true;
                counts.dotted_leaders += 1;
            }
        }
        p.cells.retain(|c| c.iter().any(|g| !g.space));
        // A first cell that is only a bullet (set apart in a margin column).
        let mut bullet = false;
        let soft_bullet_cell = p.cells.first().is_some_and(|c| {
            let t = cell_text(c);
            t.chars().count() == 1 && t.chars().all(|c| SOFT_BULLETS.contains(&c))
        });
        if p.cells.len() > 1
            && (soft_bullet_cell
                || p.cells[0]
                    .iter()
                    .all(|g| g.space || (g.icon.is_none() && is_decoration(&g.text))))
        {
            p.cells.remove(0);
            bullet = true;
        }
        let has_text = p
            .cells
            .iter()
            .flatten()
            .any(|g| !g.space && g.icon.is_none() && !is_decoration(&g.text));
        let has_icon_link = p
            .cells
            .iter()
            .flatten()
            .any(|g| g.icon.is_some() && g.link.is_some());
        if !has_text && !has_icon_link {
            continue;
        }
        // A leading bullet glyph.
        if let Some(first) = p.cells.first_mut() {
            let ws = words(first);
            if let Some(&(s, e)) = ws.first() {
                let w = text_of(&first[s..e]);
                let soft = w.chars().count() == 1
                    && w.chars().next().is_some_and(|c| SOFT_BULLETS.contains(&c));
                let icon = first[s..e].iter().any(|g| g.icon.is_some());
                if ws.len() > 1 && !icon && (is_decoration(&w) || soft) {
                    first.drain(..ws[1].0);
                    bullet = true;
                }
            }
        }
        let Some(first) = p.cells.first() else {
            continue;
        };
        p.x0 = first[0].x0;
        if leader {
            // The dots no longer count for the line's extent and size.
            p.x1 = p.cells.iter().flatten().map(|g| g.x1).fold(p.x0, f32::max);
            p.size = super::layout::dominant_size(&p.cells).unwrap_or(p.size);
        }
        let ws = words(first);
        let mut text_x = p.x0;
        if ws.len() > 1 && is_label(&text_of(&first[ws[0].0..ws[0].1])) {
            text_x = first[ws[1].0].x0;
        }
        let page_rules = rules
            .get(p.page as usize - 1)
            .map_or(&[][..], Vec::as_slice);
        let rule = near_rule(&p, page_rules);
        ls.push(L {
            p,
            leader,
            bullet,
            text_x,
            rule,
            kind: LineKind::Text,
            depth: 0,
            blank_before: false,
        });
    }
    join_wrapped_icons(&mut ls, links);
    let all: Vec<PLine> = ls.iter().map(|l| l.p.clone()).collect();
    let body = body_size(&all);
    let pitch = typical_pitch(&all);
    drop(all);

    // Headings.
    let mut heading_sizes: Vec<f32> = Vec::new();
    let mut is_heading = vec![false; ls.len()];
    for (i, l) in ls.iter().enumerate() {
        let text = l.p.text();
        let nwords = text.split_whitespace().count();
        let chars = text.chars().count();
        let glyphs: Vec<&G> =
            l.p.cells
                .iter()
                .flatten()
                .filter(|g| !g.space && g.icon.is_none())
                .collect();
        let bold = !glyphs.is_empty() && glyphs.iter().all(|g| g.bold);
        let caps = !glyphs.is_empty() && glyphs.iter().all(|g| g.caps);
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase());
        let big = l.p.size >= body * 1.15;
        let short = nwords <= 8 && chars <= 60 && l.p.cells.len() <= 2;
        let long_big =
            l.p.size >= body * 1.15 && nwords <= 16 && chars <= 110 && l.p.cells.len() == 1;
        let styled = bold || caps || upper;
        let h = ((big && short || long_big) && !l.bullet)
            || (l.leader && nwords <= 8)
            || (styled && l.rule && nwords <= 6 && !l.bullet);
        if h {
            is_heading[i] = true;
            let s = (l.p.size * 2.0).round() / 2.0;
            if !heading_sizes.iter().any(|x| (x - s).abs() < 0.01) {
                heading_sizes.push(s);
            }
        }
    }
    for (i, l) in ls.iter_mut().enumerate() {
        if is_heading[i] {
            let s = (l.p.size * 2.0).round() / 2.0;
            let larger = heading_sizes.iter().filter(|&&x| x > s + 0.01).count();
            l.kind = LineKind::Heading((larger + 1).min(6) as u8);
        }
    }

    // Blocks, items and continuations.
    let mut bullets: Vec<f32> = Vec::new();
    for i in 0..ls.len() {
        let (prev, cur) = if i == 0 {
            (None, &ls[0])
        } else {
            let (a, b) = ls.split_at(i);
            (a.last(), &b[0])
        };
        let heading = matches!(cur.kind, LineKind::Heading(_));
        let mut blank = false;
        let mut cont = false;
        if let Some(pv) = prev {
            let pv_heading = matches!(pv.kind, LineKind::Heading(_));
            let size = pv.p.size.max(cur.p.size);
            let aligned = (cur.p.x0 - pv.p.x0).abs() <= 2.0
                || (cur.p.x0 - pv.text_x).abs() <= 2.0
                || pv
                    .p
                    .cells
                    .iter()
                    .skip(1)
                    .any(|c| c.first().is_some_and(|g| (g.x0 - cur.p.x0).abs() <= 2.0))
                || (matches!(pv.kind, LineKind::Item | LineKind::Continuation)
                    && cur.p.x0 >= pv.text_x - 2.0
                    && cur.p.x0 <= pv.text_x + 2.0)
                // A paragraph's indented first line that ran to the margin, and
                // the next line back at the left edge (APA references).
                || (pv.kind == LineKind::Text
                    && pv.p.cells.len() == 1
                    && pv.p.x0 - cur.p.x0 > 2.0
                    && pv.p.x0 - cur.p.x0 <= 2.5 * size
                    && pv.p.x1 >= pv_right(&ls[..i], pv) - 2.0 * pv.p.size
                    && pv.p.x1 - pv.p.x0
                        >= 0.6 * (pv_right(&ls[..i], pv) - pv_left(&ls[..i], pv)));
            if pv.p.page != cur.p.page {
                // Across a page break the gap says nothing: a paragraph whose
                // last line ran to the margin goes on, and so does a list.
                let full =
                    pv.p.cells.len() == 1 && pv.p.x1 >= pv_right(&ls[..i], pv) - 2.0 * pv.p.size;
                let indented = cur.p.x0 > pv_left(&ls[..i], pv) + 2.0;
                blank = heading || !((aligned && (full || indented)) || cur.bullet);
                cont = !blank && !cur.bullet && !pv_heading && aligned;
            } else if pv.p.stream != cur.p.stream
                && !(cur.p.stream == 0
                    && aligned
                    && pv.p.y - cur.p.y > 0.0
                    && pv.p.y - cur.p.y <= pitch * size * 1.3)
            {
                // A new stream starts a block, unless a column's text simply
                // goes on below the region where the other column ended.
                blank = true;
            } else {
                let gap = pv.p.y - cur.p.y;
                blank = gap > pitch * size * 1.3 || gap < -0.5 * size;
                cont = !blank && !heading && !pv_heading && !cur.bullet && aligned;
            }
            if heading || pv_heading {
                // Headings stand alone; the segmenter needs no blank around them.
                cont = false;
            }
        }
        let kind = if heading {
            cur.kind
        } else if cur.bullet {
            LineKind::Item
        } else if cont {
            LineKind::Continuation
        } else {
            LineKind::Text
        };
        let mut depth = 0;
        if cur.bullet {
            while bullets.last().is_some_and(|&x| x > cur.p.x0 + 2.0) {
                bullets.pop();
            }
            if !bullets.last().is_some_and(|&x| (x - cur.p.x0).abs() <= 2.0) {
                bullets.push(cur.p.x0);
            }
            depth = bullets.len().min(8) as u8;
        } else if heading || (blank && kind == LineKind::Text) {
            bullets.clear();
        }
        if kind == LineKind::Continuation && matches!(prev.map(|p| p.kind), Some(LineKind::Item)) {
            depth = prev.map_or(0, |p| p.depth);
        } else if kind == LineKind::Continuation {
            depth = prev.map_or(0, |p| p.depth);
        }
        let l = &mut ls[i];
        l.kind = kind;
        l.depth = depth;
        l.blank_before = blank && i > 0;
    }

    lift_right_cells(&mut ls);

    // Spans, hyphenation.
    let mut out: Vec<Line> = Vec::with_capacity(ls.len() + ls.len() / 4);
    for l in ls {
        let page_links = links
            .get(l.p.page as usize - 1)
            .map_or(&[][..], Vec::as_slice);
        let mut spans = spans_of(&l.p.cells, page_links);
        if spans.is_empty() {
            continue;
        }
        if l.blank_before {
            out.push(Line::new(LineKind::Blank, Vec::new()));
        }
        if l.kind == LineKind::Continuation {
            if let Some(prev) = out.last_mut() {
                if join_hyphen(prev, &mut spans) {
                    counts.hyphenations += 1;
                }
            }
            if spans.iter().all(|s| s.text.trim().is_empty()) {
                continue;
            }
        }
        out.push(Line {
            kind: l.kind,
            depth: l.depth,
            spans,
            page: Some(l.p.page),
            geom: Some(Geom {
                x0: l.p.x0,
                x1: l.p.x1,
                y: l.p.y,
                size: l.p.size,
            }),
        });
    }
    out
}

/// A linked icon left alone on its line, because the text after it wrapped
/// to the next line (a long email address in a narrow sidebar), goes with
/// that text when the text carries the same link.
fn join_wrapped_icons(ls: &mut Vec<L>, links: &[Vec<Link>]) {
    let uri = |page: u32, l: Option<u16>| {
        l.and_then(|i| links.get(page as usize - 1)?.get(i as usize))
            .map(|l| l.uri.clone())
    };
    let mut i = 0;
    while i + 1 < ls.len() {
        let (a, b) = (&ls[i].p, &ls[i + 1].p);
        let icons_only = a
            .cells
            .iter()
            .flatten()
            .all(|g| g.space || g.icon.is_some());
        let target = a
            .cells
            .iter()
            .flatten()
            .find(|g| g.icon.is_some())
            .and_then(|g| uri(a.page, g.link));
        let next = b
            .cells
            .first()
            .and_then(|c| c.iter().find(|g| !g.space))
            .filter(|g| g.icon.is_none())
            .and_then(|g| uri(b.page, g.link));
        let below = a.page == b.page
            && a.stream == b.stream
            && a.y > b.y
            && a.y - b.y < 2.0 * b.size.max(a.size);
        if icons_only && below && target.is_some() && target == next {
            let icons: Vec<G> = ls.remove(i).p.cells.into_iter().flatten().collect();
            let l = &mut ls[i];
            if let Some(first) = l.p.cells.first_mut() {
                let x = first.first().map_or(l.p.x0, |g| g.x0);
                // Placed just before the text, so the icon types it.
                let mut moved: Vec<G> = icons
                    .into_iter()
                    .filter(|g| !g.space)
                    .map(|g| G {
                        x0: x - 1.0,
                        x1: x - 0.5,
                        y: l.p.y,
                        ..g
                    })
                    .collect();
                moved.append(first);
                *first = moved;
            }
            continue;
        }
        i += 1;
    }
}

/// Right-aligned cells (dates, a duration) that stand on the bullet lines of
/// an entry whose first line has a cell on the same right edge belong to
/// that first line: RenderCV's classic theme sets an entry's location on its
/// first line and its dates on the next, beside the first highlight.
fn lift_right_cells(ls: &mut [L]) {
    let right_edge = |c: &[G]| c.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    let mut header: Option<usize> = None;
    for i in 0..ls.len() {
        if ls[i].blank_before || matches!(ls[i].kind, LineKind::Heading(_)) {
            header = None;
        }
        let item_line = ls[i].kind == LineKind::Item
            || (ls[i].kind == LineKind::Continuation && ls[i].depth > 0);
        if !item_line {
            header = (ls[i].kind == LineKind::Text && ls[i].p.cells.len() >= 2).then_some(i);
            continue;
        }
        let Some(h) = header else { continue };
        if ls[i].p.cells.len() < 2 || ls[h].p.page != ls[i].p.page {
            continue;
        }
        let (Some(hc), Some(lc)) = (ls[h].p.cells.last(), ls[i].p.cells.last()) else {
            continue;
        };
        let short = cell_text(lc).chars().count() <= 40;
        if short && (right_edge(hc) - right_edge(lc)).abs() <= 3.0 {
            if let Some(c) = ls[i].p.cells.pop() {
                ls[h].p.cells.push(c);
            }
        }
    }
}

/// The right edge of the lines of `pv`'s page and stream.
fn pv_right(before: &[L], pv: &L) -> f32 {
    before
        .iter()
        .rev()
        .take_while(|l| l.p.page == pv.p.page)
        .filter(|l| l.p.stream == pv.p.stream)
        .map(|l| l.p.x1)
        .fold(pv.p.x1, f32::max)
}

/// The left edge of the lines of `pv`'s page and stream.
fn pv_left(before: &[L], pv: &L) -> f32 {
    before
        .iter()
        .rev()
        .take_while(|l| l.p.page == pv.p.page)
        .filter(|l| l.p.stream == pv.p.stream)
        .map(|l| l.p.x0)
        .fold(pv.p.x0, f32::min)
}

/// Join a word split by a hyphen at the end of `prev` with its rest at the
/// start of `spans`. The hyphen goes when the rest starts in lower case
/// (`net-` `worked`); it stays otherwise (`multi-` `100-Gbps`) and when the
/// word already holds a hyphen (`state-of-the-` `art`). True when a hyphen
/// was removed.
fn join_hyphen(prev: &mut Line, spans: &mut Vec<Span>) -> bool {
    // The word may end the line, or its first cell (a date cell after it).
    let ends_hyphen = |s: &Span| s.text.trim_end().ends_with(['-', '\u{2010}', '\u{ad}']);
    let tab = prev.spans.iter().position(|s| s.text == "\t");
    let (idx, cell_end) = match prev.spans.iter().rposition(|s| !s.text.trim().is_empty()) {
        Some(i) if prev.spans[i].text != "\t" && ends_hyphen(&prev.spans[i]) => (i, false),
        _ => match tab {
            Some(t) if t > 0 && ends_hyphen(&prev.spans[t - 1]) => (t - 1, true),
            _ => return false,
        },
    };
    let last = &mut prev.spans[idx];
    let t = last.text.trim_end();
    let Some(stem) = t.strip_suffix(['-', '\u{2010}', '\u{ad}']) else {
        return false;
    };
    let word_start = stem.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let fragment = &stem[word_start..];
    if fragment.is_empty() || !fragment.chars().last().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let Some(first) = spans.first_mut() else {
        return false;
    };
    if first.text == "\t" {
        return false;
    }
    let rest = first.text.trim_start();
    let Some(c) = rest.chars().next() else {
        return false;
    };
    if !c.is_alphanumeric() {
        return false;
    }
    // A number before the hyphen: at the end of a first cell (a date
    // column) it is an open range (`2017-`, then `for ...` on the next
    // line), not half a word; in prose it is a compound whose hyphen stays
    // (`1-` `year`). `2017-` `2018` is one range either way.
    let number = fragment.chars().last().is_some_and(|d| d.is_ascii_digit());
    if number && c.is_alphabetic() && cell_end {
        return false;
    }
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let word = rest[..end].to_string();
    let remainder = rest[end..].to_string();
    let drop_hyphen = c.is_lowercase() && !fragment.contains('-') && !number;
    let mut joined = if drop_hyphen {
        stem.to_string()
    } else {
        t.to_string()
    };
    joined.push_str(&word);
    joined.push(' ');
    last.text = joined;
    first.text = remainder.trim_start().to_string();
    if first.text.is_empty() {
        spans.remove(0);
        // The first cell held only the word's end: its tab goes too.
        if spans.first().is_some_and(|s| s.text == "\t") {
            spans.remove(0);
        }
    }
    drop_hyphen
}

fn is_separator(s: &str) -> bool {
    matches!(s, "•" | "·" | "|" | "⋄" | "◦" | "∙" | "—" | "–" | "/" | ",")
}

/// How a link target reads as text (for an icon whose link has no words).
fn display_url(u: &str) -> String {
    u.strip_prefix("mailto:")
        .or_else(|| u.strip_prefix("tel:"))
        .unwrap_or(u)
        .to_string()
}

/// Styled spans of a line's cells, with a `\t` span between cells.
fn spans_of(cells: &[Vec<G>], links: &[Link]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    // An icon waiting for the text it types (an icon set apart in its own
    // cell types the next cell).
    let mut pending: Option<Icon> = None;
    for (ci, cell) in cells.iter().enumerate() {
        if ci > 0 && !out.is_empty() {
            out.push(Span::plain("\t"));
        }
        let start = out.len();
        // The span the last icon typed is still growing.
        let mut in_icon_span = false;
        let mut prev: Option<&G> = None;
        for (gi, g) in cell.iter().enumerate() {
            let brk = prev.is_some_and(|p| word_break(p, g));
            if g.space {
                prev = Some(g);
                continue;
            }
            if let Some(i) = g.icon {
                prev = Some(g);
                in_icon_span = false;
                let next = cell[gi + 1..].iter().find(|h| !h.space && h.icon.is_none());
                let uri = |l: Option<u16>| l.and_then(|i| links.get(i as usize)).map(|l| &l.uri);
                // The icon's link is its own when the words after it do not
                // carry the same target (one annotation or two).
                let own_link = g
                    .link
                    .filter(|_| next.is_none_or(|n| uri(n.link) != uri(g.link)));
                match own_link {
                    // A linked icon with no words of its own: its target is the text.
                    Some(l) => push_url(&mut out, start, i, l, links),
                    None => pending = Some(i),
                }
                continue;
            }
            let link = g
                .link
                .and_then(|i| links.get(i as usize))
                .map(|l| l.uri.clone());
            if in_icon_span
                && (is_separator(&g.text) || prev.is_some_and(|p| g.x0 - p.x1 > 0.8 * g.size))
            {
                in_icon_span = false;
            }
            if brk {
                push_space(&mut out, start);
            }
            let icon = pending.take();
            let same = icon.is_none()
                && out.len() > start
                && out.last().is_some_and(|s| {
                    s.bold == g.bold
                        && s.italic == g.italic
                        && s.link == link
                        && (s.icon.is_none() || in_icon_span)
                });
            if same {
                if let Some(s) = out.last_mut() {
                    s.text.push_str(&g.text);
                }
            } else {
                in_icon_span = icon.is_some();
                out.push(Span {
                    text: g.text.clone(),
                    bold: g.bold,
                    italic: g.italic,
                    link,
                    icon,
                });
            }
            prev = Some(g);
        }
        if out.len() == start && ci > 0 && out.last().is_some_and(|s| s.text == "\t") {
            // An empty cell: drop its tab.
            out.pop();
        }
    }
    while out.last().is_some_and(|s| s.text == "\t") {
        out.pop();
    }
    out
}

fn push_space(out: &mut [Span], start: usize) {
    if out.len() > start {
        if let Some(s) = out.last_mut() {
            if !s.text.ends_with(' ') && s.text != "\t" {
                s.text.push(' ');
            }
        }
    }
}

/// An icon whose link carries no words: a span with the link's target.
fn push_url(out: &mut Vec<Span>, start: usize, icon: Icon, link: u16, links: &[Link]) {
    let Some(l) = links.get(link as usize) else {
        return;
    };
    let icon = match icon {
        Icon::Other => super::icons::from_url(&l.uri),
        i => i,
    };
    push_space(out, start);
    out.push(Span {
        text: display_url(&l.uri),
        bold: false,
        italic: false,
        link: Some(l.uri.clone()),
        icon: Some(icon),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pdf::layout::tests::word;

    fn pl(page: u32, x: f32, y: f32, size: f32, cells: &[&str]) -> PLine {
        let mut cs = Vec::new();
        let mut cx = x;
        for c in cells {
            let w = word(cx, y, size, c);
            cx = w.last().map_or(cx, |g| g.x1) + 60.0;
            cs.push(w);
        }
        PLine {
            page,
            stream: 0,
            x0: x,
            x1: cx,
            y,
            size,
            cells: cs,
        }
    }

    fn run(ls: Vec<PLine>) -> Vec<(LineKind, String)> {
        let mut c = Counts::default();
        build(ls, &[vec![], vec![]], &[vec![], vec![]], &mut c)
            .iter()
            .map(|l| (l.kind, l.text()))
            .collect()
    }

    #[test]
    fn headings_blocks_items() {
        let out = run(vec![
            pl(1, 50.0, 800.0, 14.0, &["Experience"]),
            pl(1, 50.0, 780.0, 10.0, &["NVIDIA", "2024"]),
            pl(1, 50.0, 768.0, 10.0, &["Researcher"]),
            pl(1, 50.0, 756.0, 10.0, &["• Built things"]),
            pl(1, 58.0, 744.0, 10.0, &["and more things"]),
            pl(1, 50.0, 715.0, 10.0, &["KTH"]),
        ]);
        assert_eq!(out[0], (LineKind::Heading(1), "Experience".into()));
        assert_eq!(out[1], (LineKind::Text, "NVIDIA\t2024".into()));
        assert_eq!(out[2], (LineKind::Continuation, "Researcher".into()));
        assert_eq!(out[3], (LineKind::Item, "Built things".into()));
        assert_eq!(out[4], (LineKind::Continuation, "and more things".into()));
        assert_eq!(out[5].0, LineKind::Blank);
        assert_eq!(out[6], (LineKind::Text, "KTH".into()));
    }

    #[test]
    fn an_indented_first_line_and_its_paragraph() {
        // APA references: the first line indented, the rest at the left edge.
        let long =
            "Ramezani, A., Stellar, J. E., Feinberg, M., & Xu, Y. (2024). Evolution of the moral";
        let out = run(vec![
            pl(1, 56.0, 780.0, 10.0, &[long]),
            pl(1, 50.0, 768.0, 10.0, &["lexicon. Open Mind, 8."]),
            pl(1, 56.0, 740.0, 10.0, &[long]),
            pl(1, 50.0, 728.0, 10.0, &["lexicon. PNAS Nexus."]),
            // A short line is no paragraph's first line: the next one stands alone.
            pl(1, 56.0, 700.0, 10.0, &["german"]),
            pl(1, 50.0, 688.0, 10.0, &["first language"]),
        ]);
        let kinds: Vec<LineKind> = out.iter().map(|o| o.0).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Text,
                LineKind::Continuation,
                LineKind::Blank,
                LineKind::Text,
                LineKind::Continuation,
                LineKind::Blank,
                LineKind::Text,
                LineKind::Text,
            ],
            "{out:#?}"
        );
    }

    #[test]
    fn hyphens_and_leaders() {
        let out = run(vec![
            pl(
                1,
                50.0,
                792.0,
                10.0,
                &["Conference Publications. . . . . . . ."],
            ),
            pl(1, 50.0, 780.0, 10.0, &["We study net-"]),
            pl(1, 50.0, 768.0, 10.0, &["worked systems at multi-"]),
            pl(1, 50.0, 756.0, 10.0, &["100-Gbps rates"]),
        ]);
        assert_eq!(out[0].1, "Conference Publications");
        assert!(matches!(out[0].0, LineKind::Heading(_)));
        assert_eq!(out[1].1, "We study networked ");
        assert_eq!(out[2].1, "systems at multi-100-Gbps ");
        assert_eq!(out[3].1, "rates");
    }

    #[test]
    fn a_number_before_a_line_end_hyphen_keeps_it() {
        // An open range ending a date cell, then the next line's words.
        let mut lines = vec![
            pl(
                1,
                50.0,
                792.0,
                10.0,
                &["2017-", "Instructor: Introduction to"],
            ),
            pl(1, 50.0, 780.0, 10.0, &["for Business Analytics"]),
        ];
        let x = lines[0].cells[1][0].x0;
        lines[1].cells[0] = word(x, 780.0, 10.0, "for Business Analytics");
        lines[1].x0 = x;
        let out = run(lines);
        assert_eq!(out[0].1, "2017-\tInstructor: Introduction to");
        assert_eq!(out[1].1, "for Business Analytics");
        // In prose: a compound keeps its hyphen, a range joins.
        let out = run(vec![
            pl(1, 50.0, 792.0, 10.0, &["patients who receive a 1-"]),
            pl(1, 50.0, 780.0, 10.0, &["year course, 2019-"]),
            pl(1, 50.0, 768.0, 10.0, &["2020 again"]),
        ]);
        assert_eq!(out[0].1, "patients who receive a 1-year ");
        assert_eq!(out[1].1, "course, 2019-2020 ");
        assert_eq!(out[2].1, "again");
    }

    #[test]
    fn wrapped_dates_join() {
        let mut lines = vec![
            pl(
                1,
                50.0,
                800.0,
                10.0,
                &["Jan 2024 -", "Researcher at NVIDIA"],
            ),
            pl(1, 50.0, 788.0, 10.0, &["Now", "Stockholm"]),
        ];
        // Put the second row's content cell under the first row's.
        let x = lines[0].cells[1][0].x0;
        lines[1].cells[1] = word(x, 788.0, 10.0, "Stockholm");
        let out = run(lines);
        assert_eq!(out[0].1, "Jan 2024 - Now\tResearcher at NVIDIA");
        assert_eq!(out[1].1, "Stockholm");
    }

    #[test]
    fn labels_and_pages() {
        assert!(is_label("[C1]"));
        assert!(is_label("12."));
        assert!(!is_label("Hello"));
        assert!(continues_date("Jan 2024 -", "Now"));
        assert!(continues_date("Depuis", "10/2022"));
        assert!(continues_date("De 02/2015", "à 09/2022"));
        assert!(!continues_date("2019", "2018"));
        assert!(!continues_date("NVIDIA", "Researcher"));
    }
}
