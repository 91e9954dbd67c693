//! Maps byte offsets in a derived text (normalized, cleaned) back to the
//! original text.
//!
//! Every stage that rewrites text (traditional→simplified, full-width →
//! half-width, dropping pinyin glosses …) records what it did in an
//! [`OffsetMap`]. A span found on the derived text is turned into a span of
//! the original with [`OffsetMap::to_original`], so that
//! `original[start..end]` is the surface the user wrote.
//!
//! The map is run-length encoded: a stretch of text that was copied byte for
//! byte, or replaced character by character with characters of the same UTF-8
//! length (for example 機→机, both three bytes), is one *linear* piece however long it
//! is. Replacements of a different length (`１` → `1`, `dangwei` → `党委`) are
//! *atomic* pieces: any offset inside them maps to the whole replaced range. An
//! already simplified, clean document therefore costs a single piece.
//!
//! ```
//! use dangjian::offsets::OffsetMapBuilder;
//!
//! // original "ab１c" → derived "ab1c"
//! let mut b = OffsetMapBuilder::new();
//! b.copy(0, 2);          // "ab"
//! b.replace(2, 5, 1);    // "１" (3 bytes) → "1" (1 byte)
//! b.copy(5, 1);          // "c"
//! let map = b.finish(4, 6);
//! assert_eq!(map.to_original(2, 3), (2, 5));
//! assert_eq!(map.to_original(0, 4), (0, 6));
//! ```

/// One run of the map; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start of the piece in the derived text.
    norm: usize,
    /// Start of the piece in the original text.
    orig: usize,
    /// End of the piece in the original text.
    orig_end: usize,
    /// Linear pieces have equal length on both sides and map byte for byte.
    linear: bool,
}

/// A map from derived-text byte offsets to original-text byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    norm_len: usize,
    orig_len: usize,
}

/// Builds an [`OffsetMap`] while a derived text is written left to right.
#[derive(Debug, Default)]
pub struct OffsetMapBuilder {
    pieces: Vec<Piece>,
    norm_pos: usize,
}

impl OffsetMapBuilder {
    /// A builder for a derived text that starts empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// The derived text received `len` bytes copied from (or replaced
    /// character for character with equal byte lengths from)
    /// `original[orig..orig + len]`.
    pub fn copy(&mut self, orig: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut()
            && last.linear
            && last.orig_end == orig
            && last.norm + (last.orig_end - last.orig) == self.norm_pos
        {
            last.orig_end += len;
            self.norm_pos += len;
            return;
        }
        self.pieces.push(Piece {
            norm: self.norm_pos,
            orig,
            orig_end: orig + len,
            linear: true,
        });
        self.norm_pos += len;
    }

    /// The derived text received `out_len` bytes that stand for
    /// `original[orig..orig_end]` as a whole.
    pub fn replace(&mut self, orig: usize, orig_end: usize, out_len: usize) {
        if out_len == 0 {
            return;
        }
        self.pieces.push(Piece {
            norm: self.norm_pos,
            orig,
            orig_end,
            linear: false,
        });
        self.norm_pos += out_len;
    }

    /// Current length of the derived text.
    pub fn len(&self) -> usize {
        self.norm_pos
    }

    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.norm_pos == 0
    }

    /// Finishes the map. `norm_len` must equal the derived text's length and
    /// `orig_len` the original's.
    pub fn finish(self, norm_len: usize, orig_len: usize) -> OffsetMap {
        debug_assert_eq!(norm_len, self.norm_pos);
        OffsetMap {
            pieces: self.pieces,
            norm_len,
            orig_len,
        }
    }
}

impl OffsetMap {
    /// The identity map of a text of `len` bytes.
    ///
    /// ```
    /// let m = dangjian::offsets::OffsetMap::identity(10);
    /// assert_eq!(m.to_original(3, 7), (3, 7));
    /// ```
    pub fn identity(len: usize) -> Self {
        let mut b = OffsetMapBuilder::new();
        b.copy(0, len);
        b.finish(len, len)
    }

    /// Length of the derived text.
    pub fn derived_len(&self) -> usize {
        self.norm_len
    }

    /// Number of runs in the map (1 for a text that was not changed).
    pub fn pieces(&self) -> usize {
        self.pieces.len()
    }

    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let idx = self.pieces.partition_point(|p| p.norm <= pos);
        if idx == 0 {
            None
        } else {
            self.pieces.get(idx - 1)
        }
    }

    /// Original offset where the derived character starting at `pos` begins.
    pub fn start_to_original(&self, pos: usize) -> usize {
        if pos >= self.norm_len {
            return self.pieces.last().map_or(self.orig_len, |p| p.orig_end);
        }
        match self.piece_at(pos) {
            None => 0,
            Some(p) if p.linear => (p.orig + (pos - p.norm)).min(p.orig_end),
            Some(p) => p.orig,
        }
    }

    /// Original offset where the derived text ending at `pos` (exclusive) ends.
    pub fn end_to_original(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.pieces.first().map_or(0, |p| p.orig);
        }
        let pos = pos.min(self.norm_len);
        match self.piece_at(pos - 1) {
            None => 0,
            Some(p) if p.linear => (p.orig + (pos - p.norm)).min(p.orig_end),
            Some(p) => p.orig_end,
        }
    }

    /// Maps the derived span `[start, end)` to the original.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.start_to_original(start);
        let e = self.end_to_original(end.max(start));
        (s, e.max(s))
    }

    /// Composes two maps: `self` maps text B to text A, `inner` maps text C to
    /// text B; the result maps C to A. Used when a cleaned text is derived from
    /// a normalized one.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut pieces = Vec::with_capacity(inner.pieces.len());
        for p in &inner.pieces {
            let len = if p.linear { p.orig_end - p.orig } else { 0 };
            if p.linear {
                // Split the linear piece where `self` changes pieces. `next`
                // is the first piece of `self` that starts after `b`: found
                // once by bisection, then walked forward with `b` (a text
                // normalized character by character has a piece for each
                // changed character).
                let mut off = 0;
                let mut next = self.pieces.partition_point(|q| q.norm <= p.orig);
                while off < len {
                    let b = p.orig + off;
                    while self.pieces.get(next).is_some_and(|q| q.norm <= b) {
                        next += 1;
                    }
                    let outer = next.checked_sub(1).and_then(|i| self.pieces.get(i));
                    let (chunk, orig, orig_end, linear) = match outer {
                        Some(o) if o.linear => {
                            let o_len = o.orig_end - o.orig;
                            let o_remaining = o.norm + o_len - b;
                            let chunk = o_remaining.min(len - off).max(1);
                            let start = o.orig + (b - o.norm);
                            (chunk, start, start + chunk, true)
                        }
                        Some(o) => {
                            let next = self.pieces.get(next).map_or(self.norm_len, |q| q.norm);
                            let chunk = (next - b).min(len - off).max(1);
                            (chunk, o.orig, o.orig_end, false)
                        }
                        None => (len - off, 0, 0, false),
                    };
                    pieces.push(Piece {
                        norm: p.norm + off,
                        orig,
                        orig_end,
                        linear,
                    });
                    off += chunk;
                }
            } else {
                let (s, e) = self.to_original(p.orig, p.orig_end);
                pieces.push(Piece {
                    norm: p.norm,
                    orig: s,
                    orig_end: e,
                    linear: false,
                });
            }
        }
        OffsetMap {
            pieces,
            norm_len: inner.norm_len,
            orig_len: self.orig_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_pieces_merge() {
        let mut b = OffsetMapBuilder::new();
        b.copy(0, 3);
        b.copy(3, 3);
        b.copy(6, 3);
        let m = b.finish(9, 9);
        assert_eq!(m.pieces(), 1);
    }

    #[test]
    fn dropped_text_is_skipped() {
        // original "機關(guān)的" → "机关的"
        let orig = "機關(guān)的";
        let mut b = OffsetMapBuilder::new();
        b.copy(0, 6);
        let de = orig.find('的').unwrap();
        b.copy(de, 3);
        let m = b.finish(9, orig.len());
        assert_eq!(m.to_original(0, 6), (0, 6));
        assert_eq!(m.to_original(6, 9), (de, orig.len()));
    }

    /// `compose` as first written, a bisection for every step: the
    /// reference the walk must agree with.
    fn compose_by_bisection(outer: &OffsetMap, inner: &OffsetMap) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for p in &inner.pieces {
            if !p.linear {
                let (s, e) = outer.to_original(p.orig, p.orig_end);
                pieces.push(Piece {
                    norm: p.norm,
                    orig: s,
                    orig_end: e,
                    linear: false,
                });
                continue;
            }
            let len = p.orig_end - p.orig;
            let mut off = 0;
            while off < len {
                let b = p.orig + off;
                let (chunk, orig, orig_end, linear) = match outer.piece_at(b) {
                    Some(o) if o.linear => {
                        let chunk = (o.norm + o.orig_end - o.orig - b).min(len - off).max(1);
                        let start = o.orig + (b - o.norm);
                        (chunk, start, start + chunk, true)
                    }
                    Some(o) => {
                        let next = outer
                            .pieces
                            .get(outer.pieces.partition_point(|q| q.norm <= b))
                            .map_or(outer.norm_len, |q| q.norm);
                        ((next - b).min(len - off).max(1), o.orig, o.orig_end, false)
                    }
                    None => (len - off, 0, 0, false),
                };
                pieces.push(Piece {
                    norm: p.norm + off,
                    orig,
                    orig_end,
                    linear,
                });
                off += chunk;
            }
        }
        pieces
    }

    /// A map of a text of `steps`: (copy or replace, original length, derived
    /// length of a replacement).
    fn map_of(steps: &[(bool, usize, usize)]) -> OffsetMap {
        let mut b = OffsetMapBuilder::new();
        let mut at = 0;
        for &(copy, len, out) in steps {
            if copy {
                b.copy(at, len);
            } else {
                b.replace(at, at + len, out);
            }
            at += len;
        }
        let n = b.len();
        b.finish(n, at)
    }

    proptest::proptest! {
        #[test]
        fn compose_walk_equals_bisection(
            outer in proptest::collection::vec((proptest::bool::ANY, 1usize..6, 1usize..4), 1..40),
            cuts in proptest::collection::vec((0usize..200, 0usize..30, proptest::bool::ANY), 0..12),
        ) {
            let outer = map_of(&outer);
            let b_len = outer.derived_len();
            // Blocks of B in order, joined by one-byte separators, as
            // `Body::from_blocks` builds its map.
            let mut starts: Vec<(usize, usize, bool)> = cuts
                .iter()
                .map(|&(s, l, sep)| (s % (b_len + 1), l, sep))
                .collect();
            starts.sort();
            let mut b = OffsetMapBuilder::new();
            let mut from = 0;
            for (s, l, sep) in starts {
                let s = s.max(from);
                let e = (s + l).min(b_len);
                if sep && s > 0 {
                    b.replace(s - 1, s, 1);
                }
                b.copy(s, e.saturating_sub(s));
                from = e;
            }
            let n = b.len();
            let inner = b.finish(n, b_len);
            proptest::prop_assert_eq!(outer.compose(&inner).pieces, compose_by_bisection(&outer, &inner));
        }
    }

    #[test]
    fn compose_maps() {
        // A = "ab１c", B = "ab1c" (normalized), C = "1c" (B[2..])
        let mut b = OffsetMapBuilder::new();
        b.copy(0, 2);
        b.replace(2, 5, 1);
        b.copy(5, 1);
        let outer = b.finish(4, 6);
        let mut b = OffsetMapBuilder::new();
        b.copy(2, 2);
        let inner = b.finish(2, 4);
        let m = outer.compose(&inner);
        assert_eq!(m.to_original(0, 1), (2, 5));
        assert_eq!(m.to_original(1, 2), (5, 6));
    }
}
