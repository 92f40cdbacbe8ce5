//! Page layout: glyphs into rows (one baseline), rows into cells (split at
//! wide gaps, like a right-aligned date), cells into reading order.
//!
//! Reading order: a page whose text falls into two columns separated by an
//! empty vertical gutter is read column by column, when the columns are
//! independent streams (a sidebar: its lines do not share baselines with the
//! main column's). Columns whose lines do share baselines (a left date column,
//! right-aligned dates) are cells of one row, joined with a tab.

use super::glyphs::G;
use super::interp::Mark;

/// One line of a page, in reading order, with its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct PLine {
    pub page: u32,
    /// 0 for the page's single stream or a full-width line; 1 and 2 for the
    /// left and right column of a two-column page.
    pub stream: u8,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    /// Dominant glyph size.
    pub size: f32,
    /// Glyphs of each cell, left to right.
    pub cells: Vec<Vec<G>>,
}

impl PLine {
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, c) in self.cells.iter().enumerate() {
            if i > 0 {
                s.push('\t');
            }
            s.push_str(&cell_text(c));
        }
        s
    }

    pub fn chars(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.iter().filter(|g| !g.space).count())
            .sum()
    }
}

/// Gap between two glyphs that separates words, as a fraction of the size.
pub const WORD_GAP: f32 = 0.11;

/// Whether a space stands between two adjacent glyphs.
pub fn word_break(a: &G, b: &G) -> bool {
    if a.space || b.space {
        return true;
    }
    let size = a.size.max(b.size);
    b.x0 - a.x1 - a.spacing.max(0.0) > WORD_GAP * size
}

/// Letter-spaced text (headings tracked out by a layout tool that places
/// each glyph on its own, with no `Tc`): in a run of glyphs between explicit
/// spaces, when every gap is positive, the smallest gap is the tracking, and
/// is added to each glyph's spacing so that only gaps wider than tracking
/// plus a word gap break words, as xpdf's text output does (minimum gap plus
/// a word space). Runs of fewer than four glyphs say too little and are left
/// alone, and so are runs where any glyphs abut, as in all ordinary text.
pub fn absorb_tracking(row: &mut [G]) {
    let mut i = 0;
    while i < row.len() {
        if row[i].space {
            i += 1;
            continue;
        }
        let size = row[i].size.max(1.0);
        let mut j = i + 1;
        while j < row.len()
            && !row[j].space
            && row[j].icon.is_none()
            && (row[j].size - size).abs() < 0.1 * size
            && row[j].x0 - row[j - 1].x1 < size
        {
            j += 1;
        }
        if j - i >= 4 && row[i].icon.is_none() {
            let min = row[i..j]
                .windows(2)
                .map(|w| w[1].x0 - w[0].x1 - w[0].spacing.max(0.0))
                .fold(f32::INFINITY, f32::min);
            if min > 0.02 * size && min.is_finite() {
                for g in &mut row[i..j - 1] {
                    g.spacing = g.spacing.max(0.0) + min;
                }
            }
        }
        i = j;
    }
}

/// A cell's text with spaces from glyph gaps (icons left out).
pub fn cell_text(c: &[G]) -> String {
    let mut s = String::new();
    let mut prev: Option<&G> = None;
    for g in c {
        if let Some(p) = prev {
            if word_break(p, g) && !s.ends_with(' ') {
                s.push(' ');
            }
        }
        if !g.space {
            s.push_str(&g.text);
        }
        prev = Some(g);
    }
    s.trim().to_string()
}

fn median(v: &mut [f32]) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// Glyphs grouped by baseline, top to bottom; each row sorted by x.
pub fn rows(gs: Vec<G>) -> Vec<Vec<G>> {
    // Icons are placed after the text: they are often larger and off the
    // baseline, and would otherwise start rows of their own.
    let (icons, mut gs): (Vec<G>, Vec<G>) = gs.into_iter().partition(|g| g.icon.is_some());
    gs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut rows: Vec<Vec<G>> = Vec::new();
    let mut top = f32::NAN;
    let mut tol: f32 = 0.0;
    for g in gs {
        match rows.last_mut() {
            // A small glyph near a large line's baseline is not on it (a
            // contact line beside a large name); merge_scripts decides.
            Some(r) if top - g.y <= tol.min((0.25 * g.size).max(0.5)) => r.push(g),
            _ => {
                top = g.y;
                tol = (0.25 * g.size).max(0.5);
                rows.push(vec![g]);
            }
        }
    }
    merge_scripts(&mut rows);
    place_icons(&mut rows, icons);
    for r in &mut rows {
        r.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    rows.retain(|r| r.iter().any(|g| !g.space));
    rows
}

/// List bullets drawn as small filled shapes (browsers draw them so) become
/// bullet glyphs at the start of the text they stand before.
fn place_marks(rows: &mut [Vec<G>], marks: &[Mark]) {
    for m in marks {
        let cy = (m.y0 + m.y1) / 2.0;
        let mut best: Option<(f32, usize, usize)> = None;
        for (ri, r) in rows.iter().enumerate() {
            let Some(first) = r.iter().find(|g| !g.space) else {
                continue;
            };
            let size = first.size.max(1.0);
            let y = row_y(r);
            // Beside the x-height of the line's text.
            if !(cy >= y && cy - y <= 0.75 * size) || m.y1 - m.y0 > 0.8 * size {
                continue;
            }
            // The next glyph to the right, and none just to the left.
            let Some(gi) = r
                .iter()
                .enumerate()
                .filter(|(_, g)| !g.space && g.x0 >= m.x1 - 0.5)
                .min_by(|a, b| a.1.x0.total_cmp(&b.1.x0))
                .map(|(i, _)| i)
            else {
                continue;
            };
            let d = r[gi].x0 - m.x1;
            let crowded = r
                .iter()
                .any(|g| !g.space && g.x1 <= m.x0 + 0.5 && m.x0 - g.x1 < size);
            if d <= 2.5 * size && !crowded && best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, ri, gi));
            }
        }
        if let Some((_, ri, gi)) = best {
            let like = r_glyph(&rows[ri][gi]);
            let y = row_y(&rows[ri]);
            rows[ri].push(G {
                x0: m.x0,
                x1: m.x1.max(m.x0 + 0.5),
                y,
                text: "•".into(),
                ..like
            });
            rows[ri].sort_by(|a, b| a.x0.total_cmp(&b.x0));
        }
    }
}

fn r_glyph(g: &G) -> G {
    G {
        icon: None,
        link: None,
        space: false,
        spacing: 0.0,
        ..g.clone()
    }
}

/// Put each icon on the row of the text nearest to it.
fn place_icons(rows: &mut Vec<Vec<G>>, icons: Vec<G>) {
    let info: Vec<(f32, f32)> = rows.iter().map(|r| (row_y(r), row_size(r))).collect();
    let mut extra: Vec<Vec<G>> = Vec::new();
    for ic in icons {
        let mut best: Option<(f32, usize)> = None;
        for (i, r) in rows.iter().enumerate() {
            let (y, size) = info[i];
            if (y - ic.y).abs() > 0.8 * size.max(ic.size * 0.5) {
                continue;
            }
            let d = r
                .iter()
                .map(|g| (g.x0 - ic.x1).max(ic.x0 - g.x1).max(0.0))
                .fold(f32::INFINITY, f32::min);
            // Nearest by baseline first, then by distance along the row.
            let score = (y - ic.y).abs() / size + 0.5 * d / size;
            if d < 3.0 * size && best.is_none_or(|(bs, _)| score < bs) {
                best = Some((score, i));
            }
        }
        match best {
            Some((_, i)) => rows[i].push(ic),
            None => match extra
                .iter_mut()
                .find(|r| (r[0].y - ic.y).abs() < 0.25 * ic.size)
            {
                Some(r) => r.push(ic),
                None => extra.push(vec![ic]),
            },
        }
    }
    if !extra.is_empty() {
        rows.extend(extra);
        rows.sort_by(|a, b| row_y(b).total_cmp(&row_y(a)));
    }
}

fn row_size(r: &[G]) -> f32 {
    let mut s: Vec<f32> = r.iter().filter(|g| !g.space).map(|g| g.size).collect();
    median(&mut s)
}

fn row_y(r: &[G]) -> f32 {
    // The baseline of the row's largest glyphs (a superscript does not move it).
    let size = r.iter().map(|g| g.size).fold(0.0, f32::max);
    let mut ys: Vec<f32> = r
        .iter()
        .filter(|g| g.size >= size * 0.95)
        .map(|g| g.y)
        .collect();
    median(&mut ys)
}

/// Superscripts and subscripts (smaller glyphs a fraction of a line off the
/// baseline, next to a row's glyphs) join that row.
fn merge_scripts(rows: &mut Vec<Vec<G>>) {
    let mut i = 0;
    while i < rows.len() {
        let s = row_size(&rows[i]);
        let y = row_y(&rows[i]);
        let mut target = None;
        let deco = |g: &G| {
            g.space
                || g.icon == Some(crate::extract::Icon::Other)
                || (g.icon.is_none()
                    && g.text.chars().all(|c| !c.is_alphanumeric())
                    && !matches!(g.text.as_str(), "*" | "†" | "‡" | "," | "'" | "’"))
        };
        // A row of bullets alone (moderncv's `○␣` between two lines) is no script.
        let decoration = rows[i].iter().all(deco);
        if decoration {
            i += 1;
            continue;
        }
        for j in [i.wrapping_sub(1), i + 1] {
            let Some(m) = rows.get(j) else { continue };
            let ms = row_size(m);
            let my = row_y(m);
            // A few glyphs set a little off the line (the E of the TeX logo)
            // join it whatever their size.
            let few = rows[i].len() <= 3 && (y - my).abs() <= 0.45 * ms;
            // Icons are often drawn off the text's baseline.
            let icons = rows[i].iter().all(|g| g.icon.is_some() || g.space)
                && (y - my).abs() <= 0.7 * ms.max(s);
            if (s >= ms * 0.92 && !few && !icons)
                || (y - my).abs() > 0.7 * ms.max(s)
                || rows[i].len() > 12
            {
                continue;
            }
            let reach = if icons {
                1.5 * ms
            } else {
                0.6 * s.max(ms * 0.3)
            };
            // Beside the row's glyphs, not over them (a line of its own that
            // overlaps the row is no script). A bullet raised to the script's
            // height (a vertically centred `•` before "1st author") comes
            // along without having to be near.
            let near = rows[i].iter().filter(|g| !deco(g)).all(|g| {
                m.iter()
                    .any(|h| g.x0 <= h.x1 + reach && g.x1 >= h.x0 - reach)
                    && (few
                        || !m.iter().any(|h| {
                            let ov = g.x1.min(h.x1) - g.x0.max(h.x0);
                            ov > 0.3 * (g.x1 - g.x0).min(h.x1 - h.x0)
                        }))
            });
            if near {
                target = Some(j);
                break;
            }
        }
        match target {
            Some(j) => {
                let r = rows.remove(i);
                let j = if j > i { j - 1 } else { j };
                rows[j].extend(r);
                if j < i {
                    i = i.saturating_sub(1);
                }
            }
            None => i += 1,
        }
    }
}

/// Split a row (sorted by x) into cells at gaps much wider than a word space.
pub fn cells(row: Vec<G>) -> Vec<Vec<G>> {
    let size = row_size(&row).max(1.0);
    let mut gaps: Vec<f32> = row
        .windows(2)
        .map(|w| w[1].x0 - w[0].x1)
        .filter(|&g| g > WORD_GAP * size && g < 3.0 * size)
        .collect();
    let typical = median(&mut gaps);
    let limit = (1.0 * size).max(2.5 * typical).min(3.0 * size);
    let mut out: Vec<Vec<G>> = Vec::new();
    let mut cur: Vec<G> = Vec::new();
    let mut right = f32::NEG_INFINITY;
    for g in row {
        if g.space {
            if !cur.is_empty() {
                cur.push(g);
            }
            continue;
        }
        if !cur.is_empty() && g.x0 - right > limit {
            trim_spaces(&mut cur);
            out.push(std::mem::take(&mut cur));
        }
        right = right.max(g.x1);
        cur.push(g);
    }
    trim_spaces(&mut cur);
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn trim_spaces(c: &mut Vec<G>) {
    while c.last().is_some_and(|g| g.space) {
        c.pop();
    }
}

/// A list label (`[C1]`, `12.`, `(a)`) or a bullet, whose text hangs from
/// an indent.
fn is_hanging_label(t: &str) -> bool {
    let t = t.trim();
    let n = t.chars().count();
    (1..=8).contains(&n)
        && !t.contains(' ')
        && ((t.starts_with('[') && t.ends_with(']'))
            || (t.starts_with('(') && t.ends_with(')'))
            || (t.ends_with(['.', ')']) && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit()))
            || (n == 1 && !t.chars().all(char::is_alphanumeric)))
}

/// Glyphs of a cell that start after a gap wider than its word spaces.
fn wide_gaps(c: &[G]) -> Vec<usize> {
    let size = row_size(c).max(1.0);
    // Word gaps between visible glyphs (space glyphs skipped).
    let vis: Vec<&G> = c.iter().filter(|g| !g.space).collect();
    let mut gaps: Vec<f32> = vis
        .windows(2)
        .map(|w| w[1].x0 - w[0].x1)
        .filter(|&g| g > WORD_GAP * size)
        .collect();
    // Few gaps say little: take a normal word space then.
    let typical = if gaps.len() >= 3 {
        median(&mut gaps).max(WORD_GAP * size)
    } else {
        0.3 * size
    };
    let mut out = Vec::new();
    let mut last_x1 = f32::NEG_INFINITY;
    for (i, g) in c.iter().enumerate() {
        if g.space {
            continue;
        }
        let gap = g.x0 - last_x1;
        if i > 0 && gap >= 0.35 * size && gap >= 1.5 * typical {
            out.push(i);
        }
        last_x1 = last_x1.max(g.x1);
    }
    out
}

/// Split cells where a word starts, after a gap wider than the row's word
/// spaces, on a left edge where many lines or such words start: a left date
/// column set close to the text (moderncv) is a cell of its own.
fn split_at_edges(rows: &mut [Vec<Vec<G>>]) {
    let mut starts: Vec<(i32, usize)> = Vec::new();
    let mut count = |x: f32| {
        let x = x.round() as i32;
        match starts.iter_mut().find(|(e, _)| (*e - x).abs() <= 1) {
            Some(e) => e.1 += 1,
            None => starts.push((x, 1)),
        }
    };
    let wide: Vec<Vec<Vec<usize>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| wide_gaps(c)).collect())
        .collect();
    for (r, w) in rows.iter().zip(&wide) {
        for (c, w) in r.iter().zip(w) {
            if let Some(g) = c.first() {
                count(g.x0);
            }
            for &i in w {
                count(c[i].x0);
            }
        }
    }
    let need = (rows.len() / 8).max(4);
    let edges: Vec<f32> = starts
        .iter()
        .filter(|(_, n)| *n >= need)
        .map(|(x, _)| *x as f32)
        .collect();
    if edges.is_empty() {
        return;
    }
    for (r, w) in rows.iter_mut().zip(wide) {
        let mut out: Vec<Vec<G>> = Vec::with_capacity(r.len());
        for (c, w) in r.drain(..).zip(w) {
            let cut = w
                .into_iter()
                .rev()
                .find(|&i| edges.iter().any(|e| (c[i].x0 - e).abs() <= 2.5))
                // A list label or bullet hangs its text on the edge: no cell.
                .filter(|&i| !is_hanging_label(&cell_text(&c[..i])));
            match cut {
                Some(i) => {
                    let mut left = c;
                    let right = left.split_off(i);
                    trim_spaces(&mut left);
                    out.push(left);
                    out.push(right);
                }
                None => out.push(c),
            }
        }
        *r = out;
    }
}

/// A cell's extent, baseline and size.
struct CellInfo {
    x0: f32,
    x1: f32,
    y: f32,
    chars: usize,
}

fn cell_info(c: &[G]) -> CellInfo {
    let x0 = c.first().map_or(0.0, |g| g.x0);
    let x1 = c.iter().map(|g| g.x1).fold(x0, f32::max);
    let mut ys: Vec<f32> = c.iter().filter(|g| !g.space).map(|g| g.y).collect();
    CellInfo {
        x0,
        x1,
        y: median(&mut ys),
        chars: c.iter().filter(|g| !g.space).count(),
    }
}

/// Rows `start..end` of a page read as two streams split at `gx`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Region {
    start: usize,
    end: usize,
    gx: f32,
    score: f32,
    /// Share of cells on a baseline shared across the gutter.
    ratio: f32,
}

/// Runs of rows that an empty vertical gutter splits into two independent
/// streams (a sidebar, a contact block beside the name). Streams are
/// independent when their lines do not share baselines: a left date column
/// or right-aligned dates sit on their entry's baseline and stay cells of
/// one row.
fn find_regions(rows: &[Vec<Vec<G>>]) -> Vec<Region> {
    let info: Vec<Vec<CellInfo>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell_info(c)).collect())
        .collect();
    let mut cands: Vec<f32> = info
        .iter()
        .flatten()
        .map(|c| (c.x1 + 2.0).round())
        .collect();
    cands.sort_by(f32::total_cmp);
    cands.dedup();
    if cands.len() > 400 {
        let step = cands.len() / 400 + 1;
        cands = cands.into_iter().step_by(step).collect();
    }
    let mut found: Vec<Region> = Vec::new();
    for &gx in &cands {
        let mut i = 0;
        while i < rows.len() {
            let crosses = |r: &[CellInfo]| r.iter().any(|c| c.x0 < gx && c.x1 > gx);
            if crosses(&info[i]) {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < rows.len() && !crosses(&info[i]) {
                i += 1;
            }
            // The region ends with the side that ends last, unless that side
            // goes on for more than a couple of rows alone: then it is the
            // main text, read after the region in order.
            let has = |k: usize, left: bool| {
                info[k]
                    .iter()
                    .any(|c| if left { c.x1 <= gx } else { c.x0 >= gx })
            };
            let last = |left: bool| (run_start..i).rev().find(|&k| has(k, left));
            let (Some(ll), Some(lr)) = (last(true), last(false)) else {
                continue;
            };
            let (short, long) = (ll.min(lr), ll.max(lr));
            let end = if long - short <= 2 {
                long + 1
            } else {
                short + 1
            };
            let start = run_start;
            if let Some((score, ratio)) = region_score(&info[start..end], gx) {
                found.push(Region {
                    start,
                    end,
                    gx,
                    score,
                    ratio,
                });
            }
        }
    }
    // The best regions that do not overlap. Of two gutters over about the
    // same rows, the one whose sides share fewer baselines is the sidebar's
    // (the other splits a date column from its entries), unless it holds far
    // less text.
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    let same_rows = |a: &Region, b: &Region| {
        let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
        let smaller = (a.end - a.start).min(b.end - b.start);
        inter * 2 >= smaller
    };
    let mut out: Vec<Region> = Vec::new();
    for r in &found {
        let pick = found
            .iter()
            .filter(|o| same_rows(o, r) && o.score * 2.0 >= r.score && o.ratio + 0.2 <= r.ratio)
            .min_by(|a, b| a.ratio.total_cmp(&b.ratio))
            .unwrap_or(r);
        if out
            .iter()
            .all(|o| pick.end <= o.start || pick.start >= o.end)
        {
            out.push(*pick);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// How well a gutter at `gx` separates these rows into two independent
/// streams, and the share of baselines shared across it (None: it does not).
fn region_score(rows: &[Vec<CellInfo>], gx: f32) -> Option<(f32, f32)> {
    if rows.len() < 4 {
        return None;
    }
    let left: Vec<&CellInfo> = rows.iter().flatten().filter(|c| c.x1 <= gx).collect();
    let right: Vec<&CellInfo> = rows.iter().flatten().filter(|c| c.x0 >= gx).collect();
    let lrows = rows.iter().filter(|r| r.iter().any(|c| c.x1 <= gx)).count();
    let rrows = rows.iter().filter(|r| r.iter().any(|c| c.x0 >= gx)).count();
    // The two streams run side by side: each has rows within the other's
    // height (a centred header above a section is not a column).
    let span = |cs: &[&CellInfo]| {
        cs.iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), c| {
                (lo.min(c.y), hi.max(c.y))
            })
    };
    let within = |a: &[&CellInfo], b: &[&CellInfo]| {
        let (lo, hi) = span(b);
        let mut ys: Vec<i32> = a
            .iter()
            .filter(|c| c.y >= lo - 1.0 && c.y <= hi + 1.0)
            .map(|c| c.y.round() as i32)
            .collect();
        ys.dedup();
        ys.len()
    };
    if within(&left, &right) < 2 || within(&right, &left) < 2 {
        return None;
    }
    let lchars: usize = left.iter().map(|c| c.chars).sum();
    let rchars: usize = right.iter().map(|c| c.chars).sum();
    if lrows < 2 || rrows < 2 || lrows + rrows < 5 || lchars < 20 || rchars < 20 {
        return None;
    }
    // Cells of a table (dates beside entries) sit on the very same baseline
    // as a cell across the gutter; a sidebar's lines only by chance.
    let aligned = |a: &[&CellInfo], b: &[&CellInfo]| {
        let n = a
            .iter()
            .filter(|c| b.iter().any(|d| (d.y - c.y).abs() < 0.6))
            .count();
        n as f32 / a.len() as f32
    };
    let ratio = aligned(&left, &right).max(aligned(&right, &left));
    if ratio >= 0.5 {
        return None;
    }
    Some(((1.0 - ratio) * (lchars.min(rchars) as f32), ratio))
}

/// Lay out one page: rows, cells, and reading order.
pub fn page_lines(page: u32, glyphs: Vec<G>, marks: &[Mark], _width: f32) -> Vec<PLine> {
    let mut rows = rows(glyphs);
    place_marks(&mut rows, marks);
    rows.iter_mut().for_each(|r| absorb_tracking(r));
    let mut rows: Vec<Vec<Vec<G>>> = rows.into_iter().map(cells).collect();
    split_at_edges(&mut rows);
    let regions = find_regions(&rows);
    if std::env::var("VITAE_DEBUG_REGIONS").is_ok() {
        for r in &regions {
            let y0 = rows[r.start].first().map(|c| cell_info(c).y);
            let y1 = rows[r.end - 1].first().map(|c| cell_info(c).y);
            eprintln!("p{page} region {r:?} y {y0:?}..{y1:?}");
        }
    }
    let mut out = Vec::new();
    let mut rows: Vec<Option<Vec<Vec<G>>>> = rows.into_iter().map(Some).collect();
    let mut i = 0;
    while i < rows.len() {
        let Some(rg) = regions.iter().find(|r| r.start == i).copied() else {
            if let Some(l) = rows[i].take().and_then(|r| line_of(page, 0, r)) {
                out.push(l);
            }
            i += 1;
            continue;
        };
        // A side's last row that goes on below the region (a section heading
        // beside a contact block, over its text) is read after it.
        let mut pulled: Vec<usize> = Vec::new();
        for left_side in [true, false] {
            let on_side = |ci: &CellInfo| {
                if left_side {
                    ci.x0 < rg.gx
                } else {
                    ci.x1 > rg.gx
                }
            };
            let next_x0: Vec<f32> = rows[rg.end..]
                .iter()
                .flatten()
                .map(|r| r.iter().map(|c| cell_info(c)).collect::<Vec<_>>())
                .find(|r| r.iter().any(&on_side))
                .map(|r| r.iter().map(|c| c.x0).collect())
                .unwrap_or_default();
            let side_rows: Vec<usize> = (rg.start..rg.end)
                .filter(|&k| {
                    rows[k].as_ref().is_some_and(|r| {
                        r.iter().any(|c| {
                            let ci = cell_info(c);
                            if left_side {
                                ci.x1 <= rg.gx
                            } else {
                                ci.x0 >= rg.gx
                            }
                        })
                    })
                })
                .collect();
            if let Some(&last) = side_rows.last() {
                let r = rows[last].as_deref().unwrap_or(&[]);
                let whole = r.iter().all(|c| {
                    let ci = cell_info(c);
                    if left_side {
                        ci.x1 <= rg.gx
                    } else {
                        ci.x0 >= rg.gx
                    }
                });
                let x0 = r.first().map_or(f32::NAN, |c| cell_info(c).x0);
                if whole && side_rows.len() > 2 && next_x0.iter().any(|x| (x - x0).abs() <= 2.0) {
                    pulled.push(last);
                }
            }
        }
        let mut left: Vec<PLine> = Vec::new();
        let mut right: Vec<PLine> = Vec::new();
        for (k, row) in rows.iter_mut().enumerate().take(rg.end).skip(rg.start) {
            if pulled.contains(&k) {
                continue;
            }
            let Some(r) = row.take() else { continue };
            let (l, rr): (Vec<Vec<G>>, Vec<Vec<G>>) = r
                .into_iter()
                .partition(|c| c.first().is_some_and(|g| g.x0 < rg.gx));
            if let Some(l) = line_of(page, 1, l) {
                left.push(l);
            }
            if let Some(l) = line_of(page, 2, rr) {
                right.push(l);
            }
        }
        out.append(&mut left);
        out.append(&mut right);
        pulled.sort_unstable();
        for k in pulled {
            if let Some(l) = rows[k].take().and_then(|r| line_of(page, 0, r)) {
                out.push(l);
            }
        }
        i = rg.end;
    }
    out
}

/// The size most of a line's characters have, so a small icon or
/// superscript does not decide it.
pub fn dominant_size(cells: &[Vec<G>]) -> Option<f32> {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for g in cells
        .iter()
        .flatten()
        .filter(|g| !g.space && g.icon.is_none())
    {
        let s = (g.size * 4.0).round() / 4.0;
        match sizes.iter_mut().find(|(x, _)| (*x - s).abs() < 0.01) {
            Some(e) => e.1 += 1,
            None => sizes.push((s, 1)),
        }
    }
    sizes
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map(|e| e.0)
}

fn line_of(page: u32, stream: u8, cells: Vec<Vec<G>>) -> Option<PLine> {
    if cells.is_empty() {
        return None;
    }
    let x0 = cells.first()?.first()?.x0;
    let x1 = cells.iter().flatten().map(|g| g.x1).fold(x0, f32::max);
    let size = dominant_size(&cells).unwrap_or(cells[0][0].size);
    let mut ys: Vec<f32> = cells
        .iter()
        .flatten()
        .filter(|g| (g.size - size).abs() < 0.3)
        .map(|g| g.y)
        .collect();
    let y = if ys.is_empty() {
        cells[0][0].y
    } else {
        median(&mut ys)
    };
    Some(PLine {
        page,
        stream,
        x0,
        x1,
        y,
        size,
        cells,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn word(x: f32, y: f32, size: f32, text: &str) -> Vec<G> {
        let w = size * 0.5;
        text.chars()
            .enumerate()
            .map(|(i, c)| G {
                x0: x + i as f32 * w,
                x1: x + (i + 1) as f32 * w,
                y,
                size,
                text: c.to_string(),
                bold: false,
                italic: false,
                caps: false,
                icon: None,
                link: None,
                space: c == ' ',
                spacing: 0.0,
            })
            .collect()
    }

    #[test]
    fn words_from_gaps() {
        let mut gs = word(0.0, 100.0, 10.0, "multi-");
        gs.extend(word(30.0, 100.0, 10.0, "100"));
        assert_eq!(cell_text(&gs), "multi-100");
        let mut gs = word(0.0, 100.0, 10.0, "AWS");
        gs.extend(word(18.0, 100.0, 10.0, "cloud"));
        assert_eq!(cell_text(&gs), "AWS cloud");
    }

    /// Glyphs of `text` placed one by one, `track` apart, words another
    /// `extra` apart (no space glyphs).
    fn tracked(text: &str, track: f32, extra: f32) -> Vec<G> {
        let mut x = 0.0;
        let mut out = Vec::new();
        for c in text.chars() {
            if c == ' ' {
                x += extra;
                continue;
            }
            let mut g = word(x, 100.0, 10.0, &c.to_string()).remove(0);
            g.x1 = x + 6.0;
            x = g.x1 + track;
            out.push(g);
        }
        out
    }

    #[test]
    fn letter_spacing_is_not_word_spacing() {
        let mut gs = tracked("DATA ANALYSIS", 3.0, 3.0);
        assert_eq!(cell_text(&gs), "D A T A A N A L Y S I S");
        absorb_tracking(&mut gs);
        assert_eq!(cell_text(&gs), "DATA ANALYSIS");
        // Abutting glyphs: ordinary text is left as it was.
        let mut gs = tracked("AB CD EF", 0.0, 3.0);
        absorb_tracking(&mut gs);
        assert_eq!(cell_text(&gs), "AB CD EF");
        // Too few glyphs to tell tracking from word spaces.
        let mut gs = tracked("1 2 3", 0.0, 3.0);
        absorb_tracking(&mut gs);
        assert_eq!(cell_text(&gs), "1 2 3");
    }

    #[test]
    fn right_aligned_dates_are_a_cell() {
        let mut gs = word(50.0, 700.0, 10.0, "NVIDIA Research");
        gs.extend(word(450.0, 700.0, 10.0, "2024"));
        gs.extend(word(50.0, 688.0, 10.0, "Researcher"));
        let lines = page_lines(1, gs, &[], 595.0);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "NVIDIA Research\t2024");
        assert_eq!(lines[1].text(), "Researcher");
    }

    #[test]
    fn superscripts_join_their_line() {
        let mut gs = word(50.0, 700.0, 10.0, "Farshin");
        gs.extend(word(85.0, 703.5, 6.0, "*"));
        let lines = page_lines(1, gs, &[], 595.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "Farshin*");
    }

    #[test]
    fn a_raised_bullet_does_not_keep_a_superscript_off_its_line() {
        // "• 1st author": the bullet, centred, sits on the superscript's
        // baseline, a date of the left column above.
        let mut gs = word(20.0, 711.0, 8.0, "2019.9");
        gs.extend(word(32.0, 703.6, 11.0, "•"));
        gs.extend(word(50.0, 700.0, 11.0, "1"));
        gs.extend(word(55.5, 703.6, 8.0, "st"));
        gs.extend(word(66.0, 700.0, 11.0, "author"));
        let lines = page_lines(1, gs, &[], 595.0);
        let text: Vec<String> = lines.iter().map(PLine::text).collect();
        assert!(text.iter().any(|t| t.ends_with("1st author")), "{text:?}");
    }

    #[test]
    fn sidebar_is_read_apart() {
        let mut gs = Vec::new();
        // Sidebar lines at a 14pt pitch, main column lines at 12pt, offset.
        for i in 0..10 {
            gs.extend(word(
                20.0,
                700.0 - 14.0 * i as f32,
                9.0,
                &format!("side{i} text"),
            ));
            gs.extend(word(
                200.0,
                695.0 - 12.0 * i as f32,
                10.0,
                &format!("main line {i} more words"),
            ));
        }
        let lines = page_lines(1, gs, &[], 595.0);
        let texts: Vec<String> = lines.iter().map(PLine::text).collect();
        let first_main = texts.iter().position(|t| t.starts_with("main")).unwrap();
        assert!(
            texts[..first_main].iter().all(|t| t.starts_with("side")),
            "{texts:?}"
        );
        assert!(
            texts[first_main..].iter().all(|t| t.starts_with("main")),
            "{texts:?}"
        );
    }

    #[test]
    fn date_column_stays_in_rows() {
        let mut gs = Vec::new();
        for i in 0..10 {
            let y = 700.0 - 30.0 * i as f32;
            gs.extend(word(40.0, y, 10.0, &format!("201{i}")));
            gs.extend(word(120.0, y, 10.0, &format!("Entry {i} title words")));
            gs.extend(word(120.0, y - 12.0, 10.0, "second line of the entry"));
        }
        let lines = page_lines(1, gs, &[], 595.0);
        assert_eq!(lines[0].text(), "2010\tEntry 0 title words");
        assert_eq!(lines[1].text(), "second line of the entry");
    }
}
