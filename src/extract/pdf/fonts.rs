//! Fonts: what each code of a shown string means (text, glyph name), how wide
//! it is, and the font's style (bold, italic, icon font).
//!
//! Never fails: a font whose tables are missing or broken still decodes codes,
//! with fallbacks (standard encoding, default widths), so text is not lost.

use super::cmap::{CMap, Ranges};
use super::collection;
use super::glyphlist;
use super::obj;
use crate::extract::budget::Budget;
use pdf_extract::{Dictionary, Document, Object};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One byte a code (Type1, TrueType, MMType1).
    Simple,
    /// Type0: codes split by a CMap, widths by CID.
    Composite,
    /// Type3: glyph space given by its FontMatrix.
    Type3,
}

/// Widths of a range of CIDs in a `W` array.
#[derive(Debug, Clone)]
enum Widths {
    Same(f64),
    Each(Vec<f64>),
}

#[derive(Debug, Clone)]
pub struct Font {
    /// BaseFont without the subset tag (`ABCDEF+`).
    pub name: String,
    pub bold: bool,
    pub italic: bool,
    /// An icon or pictograph font (FontAwesome, Academicons, dingbats, ...).
    pub icon: bool,
    /// Written top to bottom: its glyphs are not read as lines.
    pub vertical: bool,
    kind: Kind,
    /// Encoding CMap of a composite font (none: identity, two bytes).
    cmap: Option<CMap>,
    /// Codes of a predefined UCS-2/UTF-16 CMap are Unicode themselves.
    ucs2: bool,
    to_unicode: Option<CMap>,
    /// Composite fonts with identity codes (or an embedded encoding CMap)
    /// whose CIDs are those of an Adobe CJK collection: its CID-to-Unicode
    /// map, for codes the ToUnicode (if any) leaves out.
    collection: Option<&'static CMap>,
    /// Simple fonts: glyph name of each code (encoding and Differences).
    names: Vec<Option<String>>,
    /// Simple fonts: width of each code in text space units, if given.
    widths: Vec<Option<f64>>,
    /// Composite fonts: width of each CID in text space units.
    /// As the `W` array wrote them: ranges, not one entry per CID.
    cid_widths: Ranges<Widths>,
    default_width: f64,
    /// Glyph space to text space (0.001, or a Type3 font's FontMatrix).
    scale: f64,
    /// Small caps (moderncv, Awesome-CV headings).
    pub caps: bool,
    cache: RefCell<HashMap<u32, Option<Rc<str>>>>,
}

/// Words in a font name that mark an icon font.
const ICON_FONTS: &[&str] = &[
    "awesome",
    "academicons",
    "simpleicons",
    "marvosym",
    "dingbat",
    "wingding",
    "webdings",
    "fontello",
    "materialicons",
    "materialsymbols",
    "icomoon",
    "octicons",
    "bootstrap-icons",
    "bootstrapicons",
    "ionicons",
    "devicon",
    "foundation-icons",
    "tabler",
    "phosphor",
    "remixicon",
    "entypo",
    "typicons",
    "socicon",
    "fontawesome",
];

// Widths of the printable ASCII codes of two standard fonts, for PDFs that
// use a standard font without a Widths array (from the Adobe AFM files).
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333,
    278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556, 556, 278,
    556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584];
#[rustfmt::skip]
const TIMES: [u16; 95] = [250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333,
    250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921,
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333,
    500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
    444, 480, 200, 480, 541];

/// The style a font name says: (bold, italic).
pub fn style_of_name(name: &str) -> (bool, bool) {
    let l = name.to_ascii_lowercase();
    let style = name.rsplit(['-', ',']).next().unwrap_or("");
    let has = |w: &[&str]| w.iter().any(|s| l.contains(s));
    let bold = has(&[
        "bold", "black", "heavy", "semibold", "demi", "medi", "cmbx", "sfbx", "cmssbx", "cmb10",
        "cmb12", "ecbx", "ecsx", "cmcsc-bx",
    ]) || matches!(style, "B" | "BI" | "BO" | "Bd" | "BdIt" | "SB" | "Blk");
    let italic = has(&[
        "italic", "oblique", "slant", "cmti", "sfti", "cmsl", "sfsl", "cmbxti", "cmbxsl", "ecti",
        "ecsl", "cmssi", "cmmi",
    ]) || matches!(style, "I" | "It" | "BI" | "BO" | "BdIt" | "Obl");
    (bold, italic)
}

fn is_caps_font(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    l.contains("csc") || l.contains("caps") || l.ends_with("-sc") || l.contains("smallcap")
}

fn is_icon_font(name: &str) -> bool {
    let l = name.to_ascii_lowercase().replace(' ', "");
    ICON_FONTS.iter().any(|w| l.contains(w))
}

/// The font name without its subset tag and encoding suffix.
pub fn clean_name(raw: &str) -> String {
    let n = match raw.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => raw,
    };
    n.trim_end_matches("-Identity-H")
        .trim_end_matches("-Identity-V")
        .to_string()
}

fn std_encoding(name: &[u8]) -> Option<&'static [&'static str; 256]> {
    match name {
        b"StandardEncoding" => Some(&glyphlist::STANDARD_ENCODING),
        b"WinAnsiEncoding" => Some(&glyphlist::WIN_ANSI_ENCODING),
        b"MacRomanEncoding" => Some(&glyphlist::MAC_ROMAN_ENCODING),
        b"MacExpertEncoding" => Some(&glyphlist::MAC_EXPERT_ENCODING),
        b"SymbolEncoding" => Some(&glyphlist::SYMBOL_ENCODING),
        b"ZapfDingbatsEncoding" => Some(&glyphlist::ZAPFDINGBATS_ENCODING),
        _ => None,
    }
}

impl Font {
    /// A font with nothing known: one byte a code, Standard encoding.
    pub fn fallback() -> Font {
        Font {
            name: String::new(),
            bold: false,
            italic: false,
            icon: false,
            vertical: false,
            kind: Kind::Simple,
            cmap: None,
            ucs2: false,
            to_unicode: None,
            collection: None,
            names: glyphlist::STANDARD_ENCODING
                .iter()
                .map(|n| (!n.is_empty()).then(|| n.to_string()))
                .collect(),
            widths: vec![None; 256],
            cid_widths: Ranges::default(),
            default_width: 500.0,
            scale: 0.001,
            caps: false,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// Read a font dictionary.
    pub fn load(doc: &Document, font: &Dictionary, budget: &mut Budget) -> Font {
        let mut f = Font::fallback();
        let subtype = obj::name(doc, font, b"Subtype").unwrap_or(b"Type1");
        f.kind = match subtype {
            b"Type0" => Kind::Composite,
            b"Type3" => Kind::Type3,
            _ => Kind::Simple,
        };
        let raw_name = obj::name(doc, font, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        f.name = clean_name(&raw_name);
        let descendant = if f.kind == Kind::Composite {
            obj::array(doc, font, b"DescendantFonts")
                .and_then(|a| a.first())
                .and_then(|o| obj::deref(doc, o).as_dict().ok())
        } else {
            None
        };
        let descriptor = obj::dict(doc, descendant.unwrap_or(font), b"FontDescriptor");
        let (mut bold, mut italic) = style_of_name(&f.name);
        let mut symbolic = false;
        if let Some(d) = descriptor {
            let flags = obj::num(doc, d, b"Flags").unwrap_or(0.0) as i64;
            symbolic = flags & 4 != 0;
            bold |= flags & (1 << 18) != 0;
            bold |= obj::num(doc, d, b"FontWeight").is_some_and(|w| w >= 600.0);
            italic |= flags & (1 << 6) != 0;
            italic |= obj::num(doc, d, b"ItalicAngle").is_some_and(|a| a.abs() > 5.0);
        }
        if f.name.is_empty() {
            if let Some(n) = descriptor.and_then(|d| obj::name(doc, d, b"FontName")) {
                f.name = clean_name(&String::from_utf8_lossy(n));
            }
        }
        f.bold = bold;
        f.italic = italic;
        f.icon = is_icon_font(&f.name);
        f.caps = is_caps_font(&f.name);
        if let Some(s) = obj::stream(doc, font, b"ToUnicode") {
            let m = CMap::parse(&obj::content(s, budget));
            if !m.is_empty() {
                f.to_unicode = Some(m);
            }
        }
        match f.kind {
            Kind::Composite => f.load_composite(doc, font, descendant, budget),
            Kind::Simple | Kind::Type3 => f.load_simple(doc, font, descriptor, symbolic, budget),
        }
        f
    }

    fn load_composite(
        &mut self,
        doc: &Document,
        font: &Dictionary,
        desc: Option<&Dictionary>,
        budget: &mut Budget,
    ) {
        self.names.clear();
        self.widths.clear();
        // Whether codes give CIDs we can read: Identity-H/V, or an embedded
        // CMap (a predefined CMap such as GBK-EUC-H is not loaded).
        let mut cids_known = false;
        match font.get(b"Encoding").map(|o| obj::deref(doc, o)) {
            Ok(Object::Name(n)) => {
                let n = n.as_slice();
                self.vertical = n.ends_with(b"-V");
                self.ucs2 =
                    n.starts_with(b"Uni") && n.windows(3).any(|w| w == b"UCS" || w == b"UTF");
                cids_known = n == b"Identity-H" || n == b"Identity-V";
            }
            Ok(Object::Stream(s)) => {
                self.vertical = obj::num(doc, &s.dict, b"WMode").is_some_and(|w| w == 1.0);
                self.cmap = Some(CMap::parse(&obj::content(s, budget)));
                cids_known = true;
            }
            _ => {}
        }
        let Some(desc) = desc else { return };
        if cids_known {
            if let Some(info) = obj::dict(doc, desc, b"CIDSystemInfo") {
                let text = |k: &[u8]| match obj::get(doc, info, k) {
                    Some(Object::String(s, _)) => s.clone(),
                    _ => Vec::new(),
                };
                self.collection = collection::to_unicode(&text(b"Registry"), &text(b"Ordering"));
            }
        }
        self.default_width = obj::num(doc, desc, b"DW").unwrap_or(1000.0);
        if let Some(w) = obj::array(doc, desc, b"W") {
            // [c [w1 w2 ...]] or [c_first c_last w].
            let mut i = 0;
            while i < w.len() {
                let first = obj::as_num(obj::deref(doc, &w[i]))
                    .filter(|f| (0.0..=f64::from(u32::MAX)).contains(f));
                match w.get(i + 1).map(|o| obj::deref(doc, o)) {
                    Some(Object::Array(ws)) => {
                        if let Some(first) = first {
                            let each: Vec<f64> = ws
                                .iter()
                                .map(|o| obj::as_num(obj::deref(doc, o)).unwrap_or(f64::NAN))
                                .collect();
                            let lo = first as u32;
                            if let Some(hi) = (each.len() as u32)
                                .checked_sub(1)
                                .and_then(|n| lo.checked_add(n))
                            {
                                self.cid_widths.push(lo, hi, Widths::Each(each));
                            }
                        }
                        i += 2;
                    }
                    Some(o) => {
                        let last = obj::as_num(o);
                        let v = w.get(i + 2).and_then(|o| obj::as_num(obj::deref(doc, o)));
                        if let (Some(a), Some(b), Some(v)) = (first, last, v) {
                            if b >= a && b <= f64::from(u32::MAX) {
                                self.cid_widths.push(a as u32, b as u32, Widths::Same(v));
                            }
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
            self.cid_widths.finish();
        }
    }

    fn load_simple(
        &mut self,
        doc: &Document,
        font: &Dictionary,
        descriptor: Option<&Dictionary>,
        symbolic: bool,
        budget: &mut Budget,
    ) {
        if self.kind == Kind::Type3 {
            if let Some(m) = obj::array(doc, font, b"FontMatrix") {
                if let Some(a) = m.first().and_then(|o| obj::as_num(obj::deref(doc, o))) {
                    if a.abs() > 1e-9 {
                        self.scale = a.abs();
                    }
                }
            }
        }
        // Base: the font program's own encoding, else Standard (for a symbolic
        // font with no encoding of its own, the codes say nothing).
        let builtin = descriptor.and_then(|d| builtin_encoding(doc, d, budget));
        let explicit = font.get(b"Encoding").ok().map(|o| obj::deref(doc, o));
        let mut names: Vec<Option<String>> = match (&builtin, explicit) {
            (_, Some(Object::Name(n))) if std_encoding(n).is_some() => table(std_encoding(n)),
            (Some(b), _) => b.clone(),
            (None, Some(Object::Dictionary(d))) => table(
                obj::name(doc, d, b"BaseEncoding")
                    .and_then(std_encoding)
                    .or(if symbolic && self.icon {
                        None
                    } else {
                        Some(&glyphlist::STANDARD_ENCODING)
                    }),
            ),
            _ if symbolic && self.icon => vec![None; 256],
            _ => table(Some(&glyphlist::STANDARD_ENCODING)),
        };
        if let Some(Object::Dictionary(d)) = explicit {
            if let Some(base) = obj::name(doc, d, b"BaseEncoding").and_then(std_encoding) {
                names = table(Some(base));
            }
            if let Some(diff) = obj::array(doc, d, b"Differences") {
                let mut code: usize = 0;
                for o in diff {
                    match obj::deref(doc, o) {
                        Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                        Object::Real(r) => code = (*r as i64).clamp(0, 255) as usize,
                        Object::Name(n) => {
                            if code < 256 {
                                names[code] = Some(String::from_utf8_lossy(n).into_owned());
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        names.resize(256, None);
        self.names = names;
        self.widths = vec![None; 256];
        let first = obj::num(doc, font, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
        if let Some(ws) = obj::array(doc, font, b"Widths") {
            for (i, w) in ws.iter().enumerate() {
                if first + i < 256 {
                    self.widths[first + i] = obj::as_num(obj::deref(doc, w));
                }
            }
        } else {
            self.standard_widths();
        }
        self.default_width = descriptor
            .and_then(|d| obj::num(doc, d, b"MissingWidth"))
            .filter(|w| *w > 0.0)
            .unwrap_or(if self.kind == Kind::Type3 { 0.0 } else { 500.0 });
    }

    /// Widths of a standard font used without a Widths array.
    fn standard_widths(&mut self) {
        let l = self.name.to_ascii_lowercase();
        let table: Option<&[u16; 95]> = if l.contains("courier") || l.contains("mono") {
            None
        } else if l.contains("times") || l.contains("serif") && !l.contains("sans") {
            Some(&TIMES)
        } else {
            Some(&HELVETICA)
        };
        for code in 0..256usize {
            let w = match (table, self.names.get(code).and_then(|n| n.as_deref())) {
                (None, _) => 600.0,
                (Some(t), Some(name)) => glyphlist::unicode_of(name)
                    .and_then(|s| s.chars().next())
                    .filter(|c| (' '..='~').contains(c))
                    .map(|c| f64::from(t[c as usize - 32]))
                    .unwrap_or(500.0),
                (Some(_), None) => 500.0,
            };
            self.widths[code] = Some(w);
        }
    }

    /// Split the next code off a shown string: (code, bytes used).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match self.kind {
            Kind::Simple | Kind::Type3 => (u32::from(bytes[0]), 1),
            Kind::Composite => match &self.cmap {
                Some(m) => m.next_code(bytes, 2),
                None => {
                    let n = 2.min(bytes.len());
                    (bytes[..n].iter().fold(0, |a, &b| a << 8 | u32::from(b)), n)
                }
            },
        }
    }

    /// The advance of a code in text space units (before the font size).
    pub fn width(&self, code: u32) -> f64 {
        let w = match self.kind {
            Kind::Simple | Kind::Type3 => self.widths.get(code as usize).copied().flatten(),
            Kind::Composite => {
                let cid = self.cid(code);
                self.cid_widths
                    .find(cid)
                    .and_then(|(lo, w)| match w {
                        Widths::Same(v) => Some(*v),
                        Widths::Each(ws) => ws.get((cid - lo) as usize).copied(),
                    })
                    .filter(|v| v.is_finite())
            }
        };
        w.unwrap_or(self.default_width) * self.scale
    }

    fn cid(&self, code: u32) -> u32 {
        match &self.cmap {
            Some(m) => m.cid(code).unwrap_or(code),
            None => code,
        }
    }

    /// The glyph name of a code (simple fonts with an encoding).
    pub fn glyph_name(&self, code: u32) -> Option<&str> {
        self.names.get(code as usize).and_then(|n| n.as_deref())
    }

    /// The text of a code (cached: a code is decoded once per document).
    pub fn text(&self, code: u32) -> Option<Rc<str>> {
        if let Some(t) = self.cache.borrow().get(&code) {
            return t.clone();
        }
        let t: Option<Rc<str>> = self.decode(code).map(Rc::from);
        self.cache.borrow_mut().insert(code, t.clone());
        t
    }

    /// The text of a code: ToUnicode first, then the glyph name.
    fn decode(&self, code: u32) -> Option<String> {
        if let Some(m) = &self.to_unicode {
            if let Some(s) = m.unicode(code) {
                if !s.is_empty() && !s.chars().all(|c| c == '\0') {
                    return Some(s);
                }
            }
        }
        match self.kind {
            Kind::Simple | Kind::Type3 => {
                let name = self.glyph_name(code)?;
                glyphlist::unicode_of(name)
            }
            Kind::Composite if self.ucs2 => char::from_u32(code).map(String::from),
            Kind::Composite => self
                .collection?
                .unicode(self.cid(code))
                .filter(|s| !s.is_empty() && s != "\u{fffd}"),
        }
    }

    /// How much larger the glyphs are than the font size says (Type3 fonts
    /// with a FontMatrix other than 1/1000).
    pub fn size_factor(&self) -> f64 {
        if self.kind == Kind::Type3 {
            self.scale / 0.001
        } else {
            1.0
        }
    }

    /// Word spacing applies to single-byte code 32 only.
    pub fn is_space(&self, code: u32, len: usize) -> bool {
        code == 32 && len == 1
    }
}

fn table(enc: Option<&[&str; 256]>) -> Vec<Option<String>> {
    match enc {
        Some(t) => t
            .iter()
            .map(|n| (!n.is_empty()).then(|| n.to_string()))
            .collect(),
        None => vec![None; 256],
    }
}

/// The encoding built into an embedded Type1 font program (`/Encoding 256
/// array ... dup 65 /A put ...`), read from its clear-text part.
fn builtin_encoding(
    doc: &Document,
    descriptor: &Dictionary,
    budget: &mut Budget,
) -> Option<Vec<Option<String>>> {
    let s = obj::stream(doc, descriptor, b"FontFile")?;
    let data = obj::content(s, budget);
    let clear_len = obj::num(doc, &s.dict, b"Length1")
        .map(|l| l as usize)
        .filter(|&l| l > 0 && l <= data.len())
        .unwrap_or(data.len());
    let clear = &data[..clear_len];
    let at = clear.windows(9).position(|w| w == b"/Encoding")?;
    let rest = &clear[at + 9..];
    let head: Vec<u8> = rest.iter().take(40).copied().collect();
    if head.windows(16).any(|w| w == b"StandardEncoding") {
        return Some(table(Some(&glyphlist::STANDARD_ENCODING)));
    }
    let mut names = vec![None; 256];
    let mut lx = super::lexer::Lexer::new(rest);
    let mut ops = Vec::new();
    let mut any = false;
    while let Some(op) = lx.next_op(&mut ops) {
        match op {
            b"put" => {
                if let [.., super::lexer::Operand::Num(c), super::lexer::Operand::Name(n)] =
                    ops.as_slice()
                {
                    let c = *c as usize;
                    if c < 256 {
                        names[c] = Some(String::from_utf8_lossy(n).into_owned());
                        any = true;
                    }
                }
            }
            b"readonly" | b"def" if any => break,
            b"eexec" | b"currentfile" => break,
            _ => {}
        }
    }
    any.then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_from_names() {
        assert_eq!(style_of_name("LMSans10-Bold"), (true, false));
        assert_eq!(style_of_name("LMSans10-BoldOblique"), (true, true));
        assert_eq!(style_of_name("CMBX12"), (true, false));
        assert_eq!(style_of_name("CMTI10"), (false, true));
        assert_eq!(style_of_name("SFBX1095"), (true, false));
        assert_eq!(style_of_name("Roboto-Medium"), (true, false));
        assert_eq!(style_of_name("MinionPro-It"), (false, true));
        assert_eq!(style_of_name("Arial-B"), (true, false));
        assert_eq!(style_of_name("LMRoman10-Regular"), (false, false));
        assert_eq!(style_of_name("SourceSans3-Regular"), (false, false));
    }

    #[test]
    fn names_and_icons() {
        assert_eq!(clean_name("WQQJTF+FontAwesome"), "FontAwesome");
        assert_eq!(
            clean_name("VIZLVL+LMRoman10-Regular-Identity-H"),
            "LMRoman10-Regular"
        );
        assert_eq!(clean_name("Helvetica"), "Helvetica");
        assert!(is_icon_font("FontAwesome5Brands-Regular"));
        assert!(is_icon_font("Academicons"));
        assert!(!is_icon_font("CMSY10"));
    }

    #[test]
    fn fallback_font_decodes_ascii() {
        let f = Font::fallback();
        assert_eq!(f.text(65).as_deref(), Some("A"));
        assert_eq!(f.next_code(&[65, 66]), (65, 1));
        assert!((f.width(65) - 0.5).abs() < 1e-9);
    }

    /// A Type0 font with Identity-H codes and the given CIDFont entries.
    fn composite(doc: &mut Document, cid_font: Dictionary) -> Font {
        let desc = doc.add_object(Object::Dictionary(cid_font));
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Font".to_vec()));
        d.set("Subtype", Object::Name(b"Type0".to_vec()));
        d.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        d.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(desc)]),
        );
        Font::load(doc, &d, &mut Budget::default())
    }

    #[test]
    fn cid_widths_are_kept_as_ranges() {
        let mut doc = Document::with_version("1.5");
        let n = |v: i64| Object::Integer(v);
        let mut w = vec![
            n(10),
            Object::Array(vec![n(300), n(400)]),
            n(20),
            n(29),
            n(700),
        ];
        // Wide ranges a hostile file repeats: one entry each, not 65,536.
        for _ in 0..20_000 {
            w.extend([n(100), n(0x10000), n(900)]);
        }
        let mut cid = Dictionary::new();
        cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        cid.set("DW", n(1000));
        cid.set("W", Object::Array(w));
        let t = std::time::Instant::now();
        let f = composite(&mut doc, cid);
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
        assert!(f.cid_widths.find(5).is_none());
        assert!((f.width(10) - 0.3).abs() < 1e-9);
        assert!((f.width(11) - 0.4).abs() < 1e-9);
        assert!((f.width(12) - 1.0).abs() < 1e-9);
        assert!((f.width(25) - 0.7).abs() < 1e-9);
        assert!((f.width(0x8000) - 0.9).abs() < 1e-9);
    }

    #[test]
    fn a_cjk_collection_without_to_unicode_decodes() {
        let mut doc = Document::with_version("1.5");
        let mut info = Dictionary::new();
        info.set("Registry", Object::string_literal("Adobe"));
        info.set("Ordering", Object::string_literal("GB1"));
        info.set("Supplement", Object::Integer(5));
        let mut cid = Dictionary::new();
        cid.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
        cid.set("CIDSystemInfo", Object::Dictionary(info.clone()));
        let f = composite(&mut doc, cid);
        // GB1's CID 34 is 'A'; 4162 is a Han character.
        assert_eq!(f.text(34).as_deref(), Some("A"));
        assert!(f
            .text(4162)
            .is_some_and(|t| t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
        // Identity ordering: no collection, nothing to decode.
        info.set("Ordering", Object::string_literal("Identity"));
        let mut cid = Dictionary::new();
        cid.set("CIDSystemInfo", Object::Dictionary(info));
        assert_eq!(composite(&mut doc, cid).text(34), None);
    }
}
