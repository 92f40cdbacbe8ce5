//! The content-stream interpreter: pages in, positioned glyphs and rules out.
//!
//! It tracks what text extraction needs and nothing else: the graphics state
//! (CTM), the text state (font, size, spacing, matrices), form XObjects, and
//! horizontal rules drawn as lines or thin rectangles (heading underlines).

use super::fonts::Font;
use super::lexer::{Lexer, Operand};
use super::obj;
use crate::extract::budget::Budget;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// A glyph placed on a page, in points from the page's bottom-left corner
/// (after the page's rotation).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    /// Index into the document's font table.
    pub font: u32,
    pub code: u32,
    /// The glyph's text (empty when the font does not say).
    pub text: String,
    /// Character spacing added after the glyph (letter-spaced text).
    pub spacing: f32,
}

/// A horizontal rule (an underline below a heading, a separator).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
}

#[derive(Debug, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Images drawn (a page of images and no text is a scan).
    pub images: usize,
    /// Glyphs skipped because they were rotated or vertical.
    pub rotated: usize,
    /// Small filled shapes (list bullets drawn as paths, as browsers do).
    pub marks: Vec<Mark>,
}

/// A small filled shape: its bounding box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Fonts shared by all pages, so each is read once per document.
#[derive(Default)]
pub struct FontTable {
    pub fonts: Vec<Rc<Font>>,
    by_id: HashMap<ObjectId, u32>,
}

impl FontTable {
    fn index_of(&mut self, doc: &Document, o: &Object, budget: &mut Budget) -> u32 {
        if let Object::Reference(id) = o {
            if let Some(&i) = self.by_id.get(id) {
                return i;
            }
            let f = match obj::deref(doc, o) {
                Object::Dictionary(d) => Font::load(doc, d, budget),
                _ => Font::fallback(),
            };
            let i = self.push(f);
            self.by_id.insert(*id, i);
            return i;
        }
        let f = match o {
            Object::Dictionary(d) => Font::load(doc, d, budget),
            _ => Font::fallback(),
        };
        self.push(f)
    }

    fn push(&mut self, f: Font) -> u32 {
        self.fonts.push(Rc::new(f));
        (self.fonts.len() - 1) as u32
    }

    pub fn get(&self, i: u32) -> &Font {
        &self.fonts[i as usize]
    }
}

/// An affine matrix [a b c d e f]; points are row vectors: p' = p × M.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mat([f64; 6]);

impl Mat {
    pub const ID: Mat = Mat([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// self × other (apply self first, then other).
    pub fn then(&self, o: &Mat) -> Mat {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Mat([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn translate(tx: f64, ty: f64) -> Mat {
        Mat([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn from_ops(ops: &[Operand]) -> Option<Mat> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (i, o) in ops[ops.len() - 6..].iter().enumerate() {
            m[i] = o.num()?;
        }
        Some(Mat(m))
    }
}

#[derive(Clone)]
struct State {
    ctm: Mat,
    font: Option<u32>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    line_width: f64,
}

/// Forms nest no deeper (operators and glyphs are counted in the
/// document's [`Budget`]).
const MAX_FORM_DEPTH: usize = 12;

pub struct Interp<'a> {
    doc: &'a Document,
    pub fonts: &'a mut FontTable,
    budget: &'a mut Budget,
    page: Page,
    forms: Vec<ObjectId>,
    /// Current path: subpaths as point lists, and rectangles.
    path: Vec<Vec<(f64, f64)>>,
    rects: Vec<[f64; 4]>,
    /// Bounding box of the whole current path (curves by their control points).
    bbox: Option<[f64; 4]>,
}

/// The page's boxes and rotation as a matrix to upright page space.
pub fn page_setup(doc: &Document, page: &Dictionary) -> (Mat, f32, f32) {
    let inherited = |key: &[u8]| -> Option<Vec<f64>> {
        let mut d = page;
        for _ in 0..32 {
            if let Some(a) = obj::array(doc, d, key) {
                let v = obj::nums(doc, a);
                if v.len() == 4 {
                    return Some(v);
                }
            }
            d = obj::dict(doc, d, b"Parent")?;
        }
        None
    };
    let media = inherited(b"MediaBox").unwrap_or_else(|| vec![0.0, 0.0, 612.0, 792.0]);
    let b = inherited(b"CropBox").unwrap_or_else(|| media.clone());
    let (llx, lly) = (b[0].min(b[2]), b[1].min(b[3]));
    let (urx, ury) = (b[0].max(b[2]), b[1].max(b[3]));
    let rotate = {
        let mut d = page;
        let mut r = 0.0;
        for _ in 0..32 {
            if let Some(v) = obj::num(doc, d, b"Rotate") {
                r = v;
                break;
            }
            match obj::dict(doc, d, b"Parent") {
                Some(p) => d = p,
                None => break,
            }
        }
        (r as i64).rem_euclid(360)
    };
    let (w, h) = ((urx - llx) as f32, (ury - lly) as f32);
    match rotate {
        90 => (Mat([0.0, -1.0, 1.0, 0.0, -lly, urx]), h, w),
        180 => (Mat([-1.0, 0.0, 0.0, -1.0, urx, ury]), w, h),
        270 => (Mat([0.0, 1.0, -1.0, 0.0, ury, -llx]), h, w),
        _ => (Mat([1.0, 0.0, 0.0, 1.0, -llx, -lly]), w, h),
    }
}

/// The page's resources, inherited from the page tree if need be.
pub fn page_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut d = page;
    for _ in 0..32 {
        if let Some(r) = obj::dict(doc, d, b"Resources") {
            return Some(r);
        }
        d = obj::dict(doc, d, b"Parent")?;
    }
    None
}

/// The page's content: its streams' decoded bytes, joined.
pub fn page_content(doc: &Document, page: &Dictionary, budget: &mut Budget) -> Vec<u8> {
    let mut out = Vec::new();
    let mut add = |o: &Object, out: &mut Vec<u8>| {
        if let Object::Stream(s) = obj::deref(doc, o) {
            out.extend_from_slice(&obj::content(s, budget));
            out.push(b'\n');
        }
    };
    match page.get(b"Contents").map(|o| obj::deref(doc, o)) {
        Ok(Object::Array(a)) => {
            for o in a {
                add(o, &mut out);
            }
        }
        Ok(o @ Object::Stream(_)) => add(o, &mut out),
        _ => {}
    }
    out
}

impl<'a> Interp<'a> {
    pub fn new(doc: &'a Document, fonts: &'a mut FontTable, budget: &'a mut Budget) -> Self {
        Interp {
            doc,
            fonts,
            budget,
            page: Page::default(),
            forms: Vec::new(),
            path: Vec::new(),
            rects: Vec::new(),
            bbox: None,
        }
    }

    /// Interpret one page.
    pub fn run_page(mut self, page: &Dictionary) -> Page {
        let (base, w, h) = page_setup(self.doc, page);
        self.page.width = w;
        self.page.height = h;
        let content = page_content(self.doc, page, self.budget);
        let res = page_resources(self.doc, page);
        let state = State {
            ctm: base,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
        };
        self.run(&content, res, state);
        self.page
    }

    fn font_of(
        &mut self,
        res: Option<&Dictionary>,
        name: &[u8],
        cache: &mut HashMap<Vec<u8>, u32>,
    ) -> u32 {
        if let Some(&i) = cache.get(name) {
            return i;
        }
        let doc = self.doc;
        let o = res
            .and_then(|r| obj::dict(doc, r, b"Font"))
            .and_then(|fd| fd.get(name).ok());
        let i = match o {
            Some(o) => self.fonts.index_of(doc, o, self.budget),
            None => self.fonts.push(Font::fallback()),
        };
        cache.insert(name.to_vec(), i);
        i
    }

    fn run(&mut self, content: &[u8], res: Option<&Dictionary>, mut gs: State) {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = Mat::ID;
        let mut tlm = Mat::ID;
        let mut font_cache: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut lx = Lexer::new(content);
        let mut ops: Vec<Operand> = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            if !self.budget.op() || self.budget.glyphs_spent() {
                break;
            }
            let n = |i: usize| ops.get(i).and_then(Operand::num);
            match op {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"q" => {}
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = Mat::from_ops(&ops) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                b"w" => gs.line_width = n(0).unwrap_or(1.0),
                b"BT" => {
                    tm = Mat::ID;
                    tlm = Mat::ID;
                }
                b"Tf" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        let name = name.to_vec();
                        gs.font = Some(self.font_of(res, &name, &mut font_cache));
                    }
                    gs.size = n(1).unwrap_or(gs.size);
                }
                b"Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                b"Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                b"Tz" => gs.hscale = n(0).unwrap_or(100.0) / 100.0,
                b"TL" => gs.leading = n(0).unwrap_or(0.0),
                b"Ts" => gs.rise = n(0).unwrap_or(0.0),
                b"Td" | b"TD" => {
                    let (tx, ty) = (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0));
                    if op == b"TD" {
                        gs.leading = -ty;
                    }
                    tlm = Mat::translate(tx, ty).then(&tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = Mat::from_ops(&ops) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Mat::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Operand::Str(s)) = ops.first() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                    }
                    tlm = Mat::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    if let Some(Operand::Str(s)) = ops.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.first() {
                        for it in items {
                            match it {
                                Operand::Str(s) => self.show(&gs, &mut tm, s),
                                Operand::Num(adj) if adj.is_finite() => {
                                    let tx = -adj / 1000.0 * gs.size * gs.hscale;
                                    tm = Mat::translate(tx, 0.0).then(&tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        let name = name.to_vec();
                        self.do_xobject(res, &name, &gs);
                    }
                }
                b"m" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        let p = gs.ctm.apply(x, y);
                        self.extend_bbox(p);
                        self.path.push(vec![p]);
                    }
                }
                b"c" | b"v" | b"y" => {
                    for pair in ops.chunks(2) {
                        if let (Some(x), Some(y)) = (
                            pair.first().and_then(Operand::num),
                            pair.get(1).and_then(Operand::num),
                        ) {
                            let p = gs.ctm.apply(x, y);
                            self.extend_bbox(p);
                        }
                    }
                }
                b"l" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        let p = gs.ctm.apply(x, y);
                        self.extend_bbox(p);
                        match self.path.last_mut() {
                            Some(sp) if sp.len() < 64 => sp.push(p),
                            _ => self.path.push(vec![p]),
                        }
                    }
                }
                b"re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        let (x0, y0) = gs.ctm.apply(x, y);
                        let (x1, y1) = gs.ctm.apply(x + w, y + h);
                        self.extend_bbox((x0, y0));
                        self.extend_bbox((x1, y1));
                        if self.rects.len() < 10_000 {
                            self.rects
                                .push([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)]);
                        }
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    let stroke = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    self.paint(&gs, stroke);
                }
                b"n" => {
                    self.path.clear();
                    self.rects.clear();
                    self.bbox = None;
                }
                _ => {}
            }
        }
    }

    fn extend_bbox(&mut self, (x, y): (f64, f64)) {
        let b = self.bbox.get_or_insert([x, y, x, y]);
        b[0] = b[0].min(x);
        b[1] = b[1].min(y);
        b[2] = b[2].max(x);
        b[3] = b[3].max(y);
    }

    /// Record the horizontal rules (and small filled marks) of the current
    /// path and clear it.
    fn paint(&mut self, gs: &State, stroke: bool) {
        if let Some([x0, y0, x1, y1]) = self.bbox.take() {
            let (w, h) = (x1 - x0, y1 - y0);
            // A bullet: small, about as wide as high, filled.
            if !stroke
                && (1.2..=8.0).contains(&w)
                && (1.2..=8.0).contains(&h)
                && w <= 2.0 * h
                && h <= 2.0 * w
                && self.page.marks.len() < 10_000
            {
                self.page.marks.push(Mark {
                    x0: x0 as f32,
                    y0: y0 as f32,
                    x1: x1 as f32,
                    y1: y1 as f32,
                });
            }
        }
        let lw = (gs.line_width * gs.ctm.0[3].abs().max(gs.ctm.0[0].abs())).max(0.1);
        for r in self.rects.drain(..) {
            let (w, h) = (r[2] - r[0], r[3] - r[1]);
            if w >= 20.0 && h <= 3.0 {
                self.page.rules.push(Rule {
                    x0: r[0] as f32,
                    x1: r[2] as f32,
                    y: ((r[1] + r[3]) / 2.0) as f32,
                });
            }
        }
        if stroke && lw <= 3.0 {
            for sp in self.path.drain(..) {
                for w in sp.windows(2) {
                    let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                    if (y1 - y0).abs() < 0.5 && (x1 - x0).abs() >= 20.0 {
                        self.page.rules.push(Rule {
                            x0: x0.min(x1) as f32,
                            x1: x0.max(x1) as f32,
                            y: y0 as f32,
                        });
                    }
                }
            }
        }
        self.path.clear();
        if self.page.rules.len() > 20_000 {
            self.page.rules.truncate(20_000);
        }
    }

    fn do_xobject(&mut self, res: Option<&Dictionary>, name: &[u8], gs: &State) {
        let doc = self.doc;
        let Some(xo) = res.and_then(|r| obj::dict(doc, r, b"XObject")) else {
            return;
        };
        let Ok(o) = xo.get(name) else { return };
        let id = o.as_reference().ok();
        let Object::Stream(s) = obj::deref(doc, o) else {
            return;
        };
        match obj::name(doc, &s.dict, b"Subtype") {
            Some(b"Image") => self.page.images += 1,
            Some(b"Form") => {
                if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|i| self.forms.contains(&i))
                {
                    return;
                }
                let m = obj::array(doc, &s.dict, b"Matrix")
                    .map(|a| obj::nums(doc, a))
                    .filter(|v| v.len() == 6)
                    .map(|v| Mat([v[0], v[1], v[2], v[3], v[4], v[5]]))
                    .unwrap_or(Mat::ID);
                let mut inner = gs.clone();
                inner.ctm = m.then(&gs.ctm);
                let inner_res = obj::dict(doc, &s.dict, b"Resources").or(res);
                let data = obj::content(s, self.budget);
                // A direct (unnamed) form counts for depth under id (0, 0).
                self.forms.push(id.unwrap_or((0, 0)));
                self.run(&data, inner_res, inner);
                self.forms.pop();
            }
            _ => {}
        }
    }

    fn show(&mut self, gs: &State, tm: &mut Mat, s: &[u8]) {
        let Some(fi) = gs.font else {
            return;
        };
        let font = Rc::clone(&self.fonts.fonts[fi as usize]);
        let mut i = 0;
        while i < s.len() {
            // Counted glyph by glyph: one operator can show millions.
            if !self.budget.glyph() {
                return;
            }
            let (code, len) = font.next_code(&s[i..]);
            let len = len.max(1);
            i += len;
            let w0 = font.width(code);
            let space = font.is_space(code, len);
            let tmc = tm.then(&gs.ctm);
            let trm = Mat([gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise]).then(&tmc);
            let [a, b, c, d, e, f] = trm.0;
            let upright = a > 0.0 && d > 0.0 && b.abs() <= 0.05 * a && c.abs() <= 0.05 * d;
            let mut spacing = gs.char_spacing;
            if space {
                spacing += gs.word_spacing;
            }
            if font.vertical || !upright {
                self.page.rotated += 1;
            } else {
                let size = (c * c + d * d).sqrt() * font.size_factor();
                let text = font.text(code).map(|t| t.to_string()).unwrap_or_default();
                // Character spacing in page units: Tc scaled like the text.
                let sx = tmc.0[0].abs() * gs.hscale;
                self.page.glyphs.push(Glyph {
                    x0: e as f32,
                    x1: (e + w0 * a) as f32,
                    y: f as f32,
                    size: size as f32,
                    font: fi,
                    code,
                    text,
                    spacing: (spacing * sx) as f32,
                });
            }
            let tx = (w0 * gs.size + spacing) * gs.hscale;
            *tm = Mat::translate(tx, 0.0).then(tm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose() {
        let t = Mat::translate(10.0, 20.0);
        let s = Mat([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        // Translate then scale: (1,1) -> (11,21) -> (22,42).
        assert_eq!(t.then(&s).apply(1.0, 1.0), (22.0, 42.0));
        assert_eq!(s.then(&t).apply(1.0, 1.0), (12.0, 22.0));
        assert_eq!(Mat::ID.then(&t), t);
    }
}
