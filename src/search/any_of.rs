//! A union of queries that moves its parts only as far as it is asked to.
//!
//! A substring is looked for in the body and in the title: a union of two
//! phrase queries. tantivy's union of optional clauses fills a window of
//! 4,096 documents ahead at every move, each part checked for every
//! document of the window; when a page of the newest matches is found by
//! checking a few hundred documents scattered over the archive, each check
//! is then a window of phrase matching. [`AnyOf`] keeps only its parts'
//! current documents and moves a part only past the documents asked for:
//! the same matches, a check costs one skip a part.
//!
//! It scores a document by the sum of its matching parts' scores, but is
//! meant for filters, where no score is read.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// Matches what any of its queries matches.
#[derive(Debug)]
pub(super) struct AnyOf(pub(super) Vec<Box<dyn Query>>);

impl Clone for AnyOf {
    fn clone(&self) -> Self {
        AnyOf(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for AnyOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let parts = self
            .0
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyOfWeight(parts)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct AnyOfWeight(Vec<Box<dyn Weight>>);

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let parts = self
            .0
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyOfScorer::new(parts)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("any of", s.score()))
    }
}

/// The parts, each on its own current document (kept beside them: asking
/// a part costs a call through its box); the union is on the least of
/// them.
struct AnyOfScorer {
    parts: Vec<Box<dyn Scorer>>,
    docs: Vec<DocId>,
    doc: DocId,
}

impl AnyOfScorer {
    fn new(parts: Vec<Box<dyn Scorer>>) -> AnyOfScorer {
        let docs: Vec<DocId> = parts.iter().map(|p| p.doc()).collect();
        let doc = docs.iter().copied().min().unwrap_or(TERMINATED);
        AnyOfScorer { parts, docs, doc }
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let mut least = TERMINATED;
        for (p, d) in self.parts.iter_mut().zip(&mut self.docs) {
            if *d == self.doc {
                *d = p.advance();
            }
            least = least.min(*d);
        }
        self.doc = least;
        least
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut least = TERMINATED;
        for (p, d) in self.parts.iter_mut().zip(&mut self.docs) {
            if *d < target {
                *d = p.seek(target);
            }
            least = least.min(*d);
        }
        self.doc = least;
        least
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts
            .iter()
            .map(|p| p.size_hint())
            .fold(0u32, u32::saturating_add)
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.parts
            .iter_mut()
            .zip(&self.docs)
            .filter(|(_, d)| **d == doc)
            .map(|(p, _)| p.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    /// An index of 3,000 documents in one segment, the `k`-th holding the
    /// tags `a` (k divisible by 7), `b` (by 11), `c` (by 500).
    fn index() -> (Index, tantivy::schema::Field) {
        let mut sb = Schema::builder();
        let tag = sb.add_text_field("tag", STRING);
        let index = Index::create_in_ram(sb.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for k in 0..3000u32 {
            let mut d = TantivyDocument::new();
            for (t, m) in [("a", 7), ("b", 11), ("c", 500)] {
                if k % m == 0 {
                    d.add_text(tag, t);
                }
            }
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        (index, tag)
    }

    fn terms(tag: tantivy::schema::Field, ts: &[&str]) -> Vec<Box<dyn Query>> {
        ts.iter()
            .map(|t| {
                Box::new(TermQuery::new(
                    Term::from_field_text(tag, t),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect()
    }

    #[test]
    fn matches_and_seeks_as_tantivys_union() {
        let (index, tag) = index();
        let s = index.reader().unwrap().searcher();
        let seg = s.segment_reader(0);
        for parts in [&["a", "b"][..], &["a", "b", "c"], &["c"], &["a", "x"], &[]] {
            let ours = AnyOf(terms(tag, parts));
            let theirs = BooleanQuery::new(
                terms(tag, parts)
                    .into_iter()
                    .map(|q| (Occur::Should, q))
                    .collect(),
            );
            assert_eq!(
                s.search(&ours, &DocSetCollector).unwrap(),
                s.search(&theirs, &DocSetCollector).unwrap(),
                "{parts:?}"
            );
            let es = EnableScoring::disabled_from_searcher(&s);
            let (wo, wt) = (ours.weight(es).unwrap(), theirs.weight(es).unwrap());
            // Seeks far apart, near each other, onto the current document
            // and past the end.
            let mut o = wo.scorer(seg, 1.0).unwrap();
            let mut t = wt.scorer(seg, 1.0).unwrap();
            // (A scorer is never sought behind its document.)
            for target in [0, 1, 5, 6, 7, 700, 701, 1500, 1500, 2999, 3500] {
                let target = target.max(t.doc());
                assert_eq!(o.seek(target), t.seek(target), "{parts:?} {target}");
                if target % 2 == 1 {
                    assert_eq!(o.advance(), t.advance(), "{parts:?} after {target}");
                }
            }
        }
    }
}
