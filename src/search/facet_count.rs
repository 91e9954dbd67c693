//! Facet counting in the same pass over the matches as the hits: a tantivy
//! collector that reads each facet's fast-field column and counts per term
//! ordinal (per value, for a number) in a plain vector for each segment.
//! Ordinals become strings only once a segment is done, and segments are
//! merged by string.
//!
//! Every value a matching document carries is counted once per time it is
//! stored (the indexer stores each of a document's values once), deleted
//! documents are not seen (tantivy leaves them out before collecting). The
//! collector gives every value's count ([`AllCounts`], which can be
//! subtracted: [`subtract`]); [`FacetCounter::finish`] puts the values most
//! documents first, then in value order, cut to the facet's size.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnBlockAccessor, StrColumn};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use super::request::SearchRequest;
use super::results::Facet;

/// A facet value: a keyword or a number (the year).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Key {
    /// A keyword field's value.
    Str(String),
    /// A number field's value.
    U64(u64),
}

/// Counts of one facet, most documents first, then by value.
pub(super) type Counts = Vec<(Key, u64)>;

/// Every value's count of each facet, in the counter's order.
pub(super) type AllCounts = Vec<HashMap<Key, u64>>;

/// The facets counted: each field's name, whether it is a number field,
/// and how many values are kept.
#[derive(Debug, Clone, Default)]
pub(super) struct FacetCounter {
    fields: Vec<(String, bool, usize)>,
}

impl FacetCounter {
    /// Counts nothing (a search without facets).
    pub(super) fn none() -> FacetCounter {
        FacetCounter::default()
    }

    /// Adds a facet over the keyword field `name`, keeping `size` values.
    pub(super) fn keyword(mut self, name: &str, size: usize) -> FacetCounter {
        self.fields.push((name.to_string(), false, size));
        self
    }

    /// Adds a facet over the `u64` field `name`, keeping `size` values.
    pub(super) fn number(mut self, name: &str, size: usize) -> FacetCounter {
        self.fields.push((name.to_string(), true, size));
        self
    }

    /// The facets counted, in order.
    pub(super) fn names(&self) -> Vec<String> {
        self.fields.iter().map(|(n, _, _)| n.clone()).collect()
    }

    /// Whether no facet is counted.
    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether a facet over `name` is counted already.
    pub(super) fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _, _)| n == name)
    }
}

/// One facet's column in one segment, with its counts.
enum SegCounts {
    /// No value of the field in the segment.
    Absent,
    /// Counts by term ordinal (the column of ordinals beside its dictionary).
    Str(StrColumn, Column<u64>, Vec<u32>),
    /// Counts by value minus the segment's smallest value.
    Dense(Column<u64>, u64, Vec<u32>),
    /// Counts of a number field whose values spread too wide for a vector.
    Sparse(Column<u64>, HashMap<u64, u32>),
}

/// Widest range of a number field counted in a vector.
const DENSE_RANGE: u64 = 1 << 16;

/// Matching documents gathered before their values are read, a block at a
/// time (a small block under test, so that blocks fill and flush).
const BLOCK: usize = if cfg!(test) { 5 } else { 128 };

/// A segment's part of the counting.
pub(super) struct SegmentFacets {
    cols: Vec<SegCounts>,
    docs: Vec<DocId>,
    block: ColumnBlockAccessor<u64>,
}

impl SegCounts {
    /// Counts the values of a block of documents (in increasing order).
    fn count(&mut self, docs: &[DocId], block: &mut ColumnBlockAccessor<u64>) {
        match self {
            SegCounts::Absent => {}
            SegCounts::Str(_, ords, counts) => {
                block.fetch_block(docs, ords);
                for ord in block.iter_vals() {
                    if let Some(c) = counts.get_mut(ord as usize) {
                        *c += 1;
                    }
                }
            }
            SegCounts::Dense(col, min, counts) => {
                block.fetch_block(docs, col);
                for v in block.iter_vals() {
                    if let Some(c) = counts.get_mut(v.wrapping_sub(*min) as usize) {
                        *c += 1;
                    }
                }
            }
            SegCounts::Sparse(col, counts) => {
                block.fetch_block(docs, col);
                for v in block.iter_vals() {
                    *counts.entry(v).or_default() += 1;
                }
            }
        }
    }

    /// The non-zero counts, ordinals turned into strings.
    fn resolve(self) -> tantivy::Result<Vec<(Key, u64)>> {
        Ok(match self {
            SegCounts::Absent => Vec::new(),
            SegCounts::Str(col, _, counts) => {
                let ords: Vec<u64> = (0..counts.len() as u64)
                    .filter(|&o| counts[o as usize] > 0)
                    .collect();
                let mut out = Vec::with_capacity(ords.len());
                let mut i = 0;
                col.dictionary()
                    .sorted_ords_to_term_cb(ords.iter().copied(), |term| {
                        let n = counts[ords[i] as usize];
                        i += 1;
                        let s = String::from_utf8(term.to_vec()).map_err(std::io::Error::other)?;
                        out.push((Key::Str(s), u64::from(n)));
                        Ok(())
                    })?;
                out
            }
            SegCounts::Dense(_, min, counts) => counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (Key::U64(min + i as u64), u64::from(*n)))
                .collect(),
            SegCounts::Sparse(_, counts) => counts
                .into_iter()
                .map(|(v, n)| (Key::U64(v), u64::from(n)))
                .collect(),
        })
    }
}

impl SegmentFacets {
    /// Counts the gathered documents.
    fn flush(&mut self) {
        if self.docs.is_empty() {
            return;
        }
        for c in &mut self.cols {
            c.count(&self.docs, &mut self.block);
        }
        self.docs.clear();
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Vec<SegCountsFruit>;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        if self.cols.is_empty() {
            return;
        }
        self.docs.push(doc);
        if self.docs.len() == BLOCK {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.flush();
        self.cols.into_iter().map(SegCountsFruit).collect()
    }
}

/// A segment's counts of one facet, not yet turned into strings.
pub(super) struct SegCountsFruit(SegCounts);

fn column_error(name: &str, e: impl std::fmt::Display) -> TantivyError {
    TantivyError::SchemaError(format!("facet column `{name}`: {e}"))
}

impl Collector for FacetCounter {
    type Fruit = AllCounts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let ff = segment.fast_fields();
        let mut cols = Vec::with_capacity(self.fields.len());
        for (name, number, _) in &self.fields {
            let c = if *number {
                match ff.column_opt::<u64>(name)? {
                    None => SegCounts::Absent,
                    Some(col) => {
                        let (lo, hi) = (col.min_value(), col.max_value());
                        if hi >= lo && hi - lo < DENSE_RANGE {
                            SegCounts::Dense(col, lo, vec![0; (hi - lo + 1) as usize])
                        } else {
                            SegCounts::Sparse(col, HashMap::new())
                        }
                    }
                }
            } else {
                match ff.str(name).map_err(|e| column_error(name, e))? {
                    None => SegCounts::Absent,
                    Some(col) => {
                        let n = col.dictionary().num_terms();
                        let ords = col.ords().clone();
                        SegCounts::Str(col, ords, vec![0; n])
                    }
                }
            };
            cols.push(c);
        }
        Ok(SegmentFacets {
            cols,
            docs: Vec::with_capacity(BLOCK),
            block: ColumnBlockAccessor::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segment_fruits: Vec<Vec<SegCountsFruit>>) -> tantivy::Result<AllCounts> {
        let mut merged: AllCounts = vec![HashMap::new(); self.fields.len()];
        for seg in segment_fruits {
            for (m, SegCountsFruit(c)) in merged.iter_mut().zip(seg) {
                for (k, n) in c.resolve()? {
                    *m.entry(k).or_default() += n;
                }
            }
        }
        Ok(merged)
    }
}

impl FacetCounter {
    /// Each facet's counts by name, most documents first, then by value,
    /// cut to the facet's size.
    pub(super) fn finish(&self, all: &AllCounts) -> Vec<(String, Counts)> {
        self.fields
            .iter()
            .zip(all)
            .map(|((name, _, size), m)| {
                let mut v: Counts = m
                    .iter()
                    .filter(|(_, n)| **n > 0)
                    .map(|(k, n)| (k.clone(), *n))
                    .collect();
                v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(*size);
                (name.clone(), v)
            })
            .collect()
    }
}

/// The counts of `whole` less those of `part`, a part of the same documents
/// counted by the same counter: the counts of the rest of them.
pub(super) fn subtract(whole: &AllCounts, part: &AllCounts) -> AllCounts {
    whole
        .iter()
        .zip(part)
        .map(|(w, p)| {
            w.iter()
                .map(|(k, n)| (k.clone(), n.saturating_sub(p.get(k).copied().unwrap_or(0))))
                .filter(|(_, n)| *n > 0)
                .collect()
        })
        .collect()
}

/// What a request's matches add up to — their number and the facets asked
/// — kept for one generation of the index reader, for the requests that come
/// back to the same matches: the next page, another order, the same link
/// opened again, the first page of a browser (no query, no filter). Those
/// then rank only the hits they show, which lets tantivy skip the blocks of
/// documents that cannot reach them. A reload that sees a new commit starts
/// afresh.
#[derive(Default)]
pub(super) struct MatchCounts {
    kept: Mutex<Kept>,
}

/// Facets as answered, by name.
type Facets = BTreeMap<String, Facet>;

/// What is kept of one request's matches.
#[derive(Clone)]
pub(super) struct Counted {
    /// How many documents match and whether that is all of them (`None`
    /// when only facets were counted).
    pub(super) total: Option<(usize, bool)>,
    /// The facets asked.
    pub(super) facets: Facets,
    /// Every value's count, kept for a request without query text (its
    /// filters' documents): the facets of a query found in most of them
    /// are these less the counts of the documents it leaves out.
    pub(super) all: Option<Arc<AllCounts>>,
}

/// What identifies a request's matches and the facets counted over them:
/// the query, the filters and the facets, not the page, order or snippets.
pub(super) fn match_key(req: &SearchRequest, counter: &FacetCounter) -> String {
    format!(
        "{:?}\u{1}{:?}\u{1}{:?}",
        req.query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty()),
        req.filters,
        counter.names()
    )
}

/// The counts kept, by request, and the generation they are of.
#[derive(Default)]
struct Kept {
    generation: Option<u64>,
    by_request: HashMap<String, Counted>,
}

/// Most requests kept at once (a place tree of 3,000 counties is about
/// 100 KB).
const KEPT: usize = 64;

/// Most requests kept with every value's count ([`Counted::all`]) when the
/// others are forgotten.
const KEPT_ALL: usize = 16;

impl MatchCounts {
    /// The counts kept for `key` by the searcher's generation, if any.
    pub(super) fn get(&self, s: &Searcher, key: &str) -> Option<Counted> {
        let kept = self.kept.lock().ok()?;
        if kept.generation != Some(s.generation().generation_id()) {
            return None;
        }
        kept.by_request.get(key).cloned()
    }

    /// The exact number of matches and every value's count kept for
    /// `key` by the searcher's generation, if both are (without copying
    /// the facets as answered).
    pub(super) fn get_all(&self, s: &Searcher, key: &str) -> Option<(usize, Arc<AllCounts>)> {
        let kept = self.kept.lock().ok()?;
        if kept.generation != Some(s.generation().generation_id()) {
            return None;
        }
        let c = kept.by_request.get(key)?;
        match (c.total, &c.all) {
            (Some((n, true)), Some(all)) => Some((n, Arc::clone(all))),
            _ => None,
        }
    }

    /// Forgets every count kept.
    pub(super) fn forget(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            *kept = Kept::default();
        }
    }

    /// Keeps the counts of the request `key` made by the searcher `s`.
    pub(super) fn put(&self, s: &Searcher, key: String, counted: Counted) {
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        let generation = Some(s.generation().generation_id());
        if kept.generation != generation {
            *kept = Kept {
                generation,
                by_request: HashMap::new(),
            };
        }
        if kept.by_request.len() >= KEPT {
            // Full: the counts of filters alone outlive the rest (the
            // queries within them are counted from them), up to a point.
            kept.by_request.retain(|_, c| c.all.is_some());
            if kept.by_request.len() >= KEPT_ALL {
                kept.by_request.clear();
            }
        }
        kept.by_request.insert(key, counted);
    }
}
