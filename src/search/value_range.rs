//! A claim's value within a range, checked on the entries the other
//! clauses match rather than found on its own.
//!
//! tantivy answers a range of a numeric fast field by scanning the whole
//! column for values in range, then intersecting: with millions of claims
//! in an archive, the scan is most of a claims search even when the other
//! clauses (a unit, an indicator, a place) pick few of them. [`ValueIn`]
//! walks the matches of its inner query instead and reads each one's value
//! from the column: the cost follows the matches, not the archive.
//!
//! ```text
//!   kind:claim ∧ unit:名 ──▶ ValueIn(value ∈ [100, 100000]) ──▶ rows
//! ```

use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// A closed range of an `f64` fast field (either end open when `None`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Range {
    pub(super) field: &'static str,
    pub(super) lo: Option<f64>,
    pub(super) hi: Option<f64>,
}

impl Range {
    fn contains(&self, v: f64) -> bool {
        self.lo.is_none_or(|lo| v >= lo) && self.hi.is_none_or(|hi| v <= hi)
    }
}

/// The matches of `inner` whose first value of the range's field lies
/// within it.
#[derive(Debug)]
pub(super) struct ValueIn {
    pub(super) inner: Box<dyn Query>,
    pub(super) range: Range,
}

impl Clone for ValueIn {
    fn clone(&self) -> Self {
        ValueIn {
            inner: self.inner.box_clone(),
            range: self.range,
        }
    }
}

impl Query for ValueIn {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ValueInWeight {
            inner: self.inner.weight(enable_scoring)?,
            range: self.range,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct ValueInWeight {
    inner: Box<dyn Weight>,
    range: Range,
}

impl Weight for ValueInWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // A segment without a value of the field (no claims) matches nothing.
        let Some(column) = reader.fast_fields().column_opt::<f64>(self.range.field)? else {
            return Ok(Box::new(tantivy::query::EmptyScorer));
        };
        let mut s = ValueInScorer {
            inner: self.inner.scorer(reader, boost)?,
            column,
            range: self.range,
        };
        s.settle();
        Ok(Box::new(s))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let column = reader.fast_fields().column_opt::<f64>(self.range.field)?;
        match column.and_then(|c| c.first(doc)) {
            Some(v) if self.range.contains(v) => self.inner.explain(reader, doc),
            _ => Err(TantivyError::InvalidArgument(format!(
                "document {doc} has no {} in range",
                self.range.field
            ))),
        }
    }
}

struct ValueInScorer {
    inner: Box<dyn Scorer>,
    column: Column<f64>,
    range: Range,
}

impl ValueInScorer {
    /// Moves on from the current document to the first in range.
    fn settle(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED
            && !self
                .column
                .first(doc)
                .is_some_and(|v| self.range.contains(v))
        {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for ValueInScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target);
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for ValueInScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ends_and_closed_ends() {
        let r = |lo, hi| Range {
            field: "value",
            lo,
            hi,
        };
        assert!(r(None, None).contains(-1e9));
        assert!(r(Some(100.0), None).contains(100.0));
        assert!(!r(Some(100.0), None).contains(99.9));
        assert!(r(None, Some(5.0)).contains(5.0));
        assert!(!r(Some(1.0), Some(2.0)).contains(2.5));
    }
}
