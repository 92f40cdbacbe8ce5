//! One resource budget per document, counted in one place.
//!
//! Hostile or broken files make a reader do unbounded work from a few bytes:
//! a compression bomb under a filter chain, a predictor with a billion
//! columns, one text operator with millions of glyphs, self-referencing form
//! XObjects, a megabyte link target repeated on every annotation. Every place
//! that does such work asks the document's [`Budget`] first and stops where
//! it runs out; what was cut is remembered and becomes a warning (or, when
//! nothing readable is left, a `limit` error naming the limit).

/// Decoded bytes of one stream (after its whole filter chain).
pub const STREAM_BYTES: usize = 32 << 20;
/// Decoded bytes of all streams of a document, object streams and fonts
/// included (a form drawn twice is decoded twice and counts twice).
pub const DOC_BYTES: usize = 256 << 20;
/// Glyphs shown in a document (a long CV has some 50,000).
pub const GLYPHS: usize = 1_000_000;
/// Content-stream operators run in a document, forms included.
pub const OPS: usize = 4_000_000;
/// Longest link target kept (real ones are a few hundred bytes).
pub const URI_BYTES: usize = 8 << 10;

/// A limit that was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    StreamBytes,
    DocBytes,
    Glyphs,
    Ops,
    Uri,
}

impl Limit {
    /// What was cut, in words, with the limit's value.
    pub fn describe(self) -> String {
        match self {
            Limit::StreamBytes => format!(
                "a stream decoded to more than {} MiB and was cut there",
                STREAM_BYTES >> 20
            ),
            Limit::DocBytes => format!(
                "the streams decoded to more than {} MiB in all and the rest were not read",
                DOC_BYTES >> 20
            ),
            Limit::Glyphs => format!("more than {GLYPHS} glyphs: the rest were not read"),
            Limit::Ops => {
                format!("more than {OPS} content operators (forms included): the rest were not run")
            }
            Limit::Uri => format!(
                "link targets longer than {} KiB were dropped",
                URI_BYTES >> 10
            ),
        }
    }
}

/// What is left of one document's allowance.
#[derive(Debug, Clone)]
pub struct Budget {
    bytes: usize,
    glyphs: usize,
    ops: usize,
    hit: Vec<Limit>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            bytes: DOC_BYTES,
            glyphs: GLYPHS,
            ops: OPS,
            hit: Vec::new(),
        }
    }
}

impl Budget {
    /// Record that a limit cut something (once per kind).
    pub fn hit(&mut self, l: Limit) {
        if !self.hit.contains(&l) {
            self.hit.push(l);
        }
    }

    /// The limits reached so far, in the order they were met.
    pub fn reached(&self) -> &[Limit] {
        &self.hit
    }

    /// How many bytes the next stream may decode to.
    pub fn stream_limit(&self) -> usize {
        STREAM_BYTES.min(self.bytes)
    }

    /// Whether any decoding is left; notes the document limit when not.
    pub fn can_decode(&mut self) -> bool {
        if self.bytes == 0 {
            self.hit(Limit::DocBytes);
        }
        self.bytes > 0
    }

    /// Count `n` decoded bytes; `full` says the stream stopped at its limit.
    pub fn spend_bytes(&mut self, n: usize, full: bool) {
        if full {
            self.hit(if self.bytes <= STREAM_BYTES {
                Limit::DocBytes
            } else {
                Limit::StreamBytes
            });
        }
        self.bytes = self.bytes.saturating_sub(n);
    }

    /// Count one glyph; false (and noted) once the document has shown its share.
    pub fn glyph(&mut self) -> bool {
        if self.glyphs == 0 {
            self.hit(Limit::Glyphs);
            return false;
        }
        self.glyphs -= 1;
        true
    }

    /// Whether the document has shown all the glyphs it may.
    pub fn glyphs_spent(&self) -> bool {
        self.glyphs == 0
    }

    /// Count one operator; false (and noted) once the document has run its share.
    pub fn op(&mut self) -> bool {
        if self.ops == 0 {
            self.hit(Limit::Ops);
            return false;
        }
        self.ops -= 1;
        true
    }

    /// Whether a link target of `len` bytes may be kept; noted when not.
    pub fn uri(&mut self, len: usize) -> bool {
        if len > URI_BYTES {
            self.hit(Limit::Uri);
            return false;
        }
        true
    }

    /// One warning per limit reached.
    pub fn warnings(&self) -> Vec<String> {
        self.hit
            .iter()
            .map(|l| format!("limit: {}", l.describe()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_run_out_and_are_noted_once() {
        let mut b = Budget {
            glyphs: 2,
            ops: 1,
            ..Default::default()
        };
        assert!(b.glyph() && b.glyph());
        assert!(!b.glyph() && !b.glyph());
        assert!(b.op() && !b.op());
        assert_eq!(b.reached(), &[Limit::Glyphs, Limit::Ops]);
        assert!(b.uri(100) && !b.uri(URI_BYTES + 1));
        assert_eq!(b.warnings().len(), 3);
    }

    #[test]
    fn decoding_draws_on_the_document() {
        let mut b = Budget::default();
        assert_eq!(b.stream_limit(), STREAM_BYTES);
        b.spend_bytes(STREAM_BYTES, true);
        assert_eq!(b.reached(), &[Limit::StreamBytes]);
        b.spend_bytes(DOC_BYTES, false);
        assert_eq!(b.stream_limit(), 0);
        assert!(!b.can_decode());
        assert_eq!(b.reached(), &[Limit::StreamBytes, Limit::DocBytes]);
    }
}
