//! The facets of a common query, counted from the documents it leaves out.
//!
//! A page's facets need every match's values: a word found in four
//! documents of five means reading five columns for 800,000 documents of a
//! million. But the counts of the filters alone (the whole archive, for a
//! request without filters) are usually kept already — the first page a
//! browser opens counts them — and a query's counts are those less the
//! counts of the documents it does not match. When a sample says that the
//! query matches most of them, the fifth it leaves out is counted instead
//! and subtracted: the same numbers, exactly, for a fraction of the reads.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocSet, Searcher, TERMINATED};

use super::archive::{Archive, describe};
use super::facet_count::{AllCounts, FacetCounter, match_key, subtract};
use super::request::SearchRequest;
use crate::error::Result;

/// The least share of its filters' documents a query must match for its
/// facets to be counted from those it leaves out (reading the values of a
/// document costs more than checking it, so the break-even is about a
/// half; above it, a margin for the sample's error).
const MIN_SHARE: f64 = 0.6;

/// Documents sampled to estimate a query's share.
const SAMPLES: u32 = 512;

/// Most values kept with a request's counts (some 50 bytes each; a place
/// facet down to the townships has some 45,000).
const MOST_VALUES_KEPT: usize = 200_000;

/// Every value's count of a request without query text (the documents of
/// its filters), to be kept for the queries within them
/// ([`Archive::counts_by_complement`]); `None` for a request with query
/// text, or counts of more than [`MOST_VALUES_KEPT`] values.
pub(super) fn keep_all(req: &SearchRequest, all: AllCounts) -> Option<Arc<AllCounts>> {
    let values: usize = all.iter().map(|m| m.len()).sum();
    (req.query.as_deref().is_none_or(|t| t.trim().is_empty()) && values <= MOST_VALUES_KEPT)
        .then(|| Arc::new(all))
}

impl Archive {
    /// The number of documents `q` (the document query of `req`) matches
    /// and every facet value's count over them, from the counts kept for
    /// `req`'s filters alone less those of the documents the query text
    /// leaves out. `None` (count the matches themselves) when `req` has no
    /// query text, when the counts of its filters alone are not kept, or
    /// when a sample finds the text in less than [`MIN_SHARE`] of them.
    pub(super) fn counts_by_complement(
        &self,
        s: &Searcher,
        q: &dyn Query,
        req: &SearchRequest,
        asked: &FacetCounter,
    ) -> Result<Option<(usize, AllCounts)>> {
        if req.query.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Ok(None);
        }
        let within = SearchRequest {
            query: None,
            ..req.clone()
        };
        let Some((all_n, all)) = self.counted.get_all(s, &match_key(&within, asked)) else {
            return Ok(None);
        };
        let err = |e| describe(&self.dir, e);
        let within_q = self.doc_query(&within)?;
        if sampled_share(s, &*within_q, q).map_err(err)? < MIN_SHARE {
            return Ok(None);
        }
        let (rest_n, rest_all) = count_rest(s, &*within_q, q, asked).map_err(err)?;
        Ok(Some((
            all_n.saturating_sub(rest_n),
            subtract(&all, &rest_all),
        )))
    }
}

/// The number of live documents of `within` that `q` does not match, and
/// their facets. Both are walked forward side by side (no document is
/// sought: `q`'s matches come as dense as the documents, and moving on to
/// the next is cheaper than a skip).
fn count_rest(
    s: &Searcher,
    within: &dyn Query,
    q: &dyn Query,
    asked: &FacetCounter,
) -> tantivy::Result<(usize, AllCounts)> {
    let disabled = EnableScoring::disabled_from_searcher(s);
    let (ww, wq) = (within.weight(disabled)?, q.weight(disabled)?);
    let mut n = 0usize;
    let mut fruits = Vec::with_capacity(s.segment_readers().len());
    for (ord, seg) in s.segment_readers().iter().enumerate() {
        let mut facets = asked.for_segment(ord as u32, seg)?;
        let (mut w, mut m) = (ww.scorer(seg, 1.0)?, wq.scorer(seg, 1.0)?);
        let alive = seg.alive_bitset();
        let mut d = w.doc();
        while d != TERMINATED {
            let mut md = m.doc();
            while md < d {
                md = m.advance();
            }
            if md != d && alive.is_none_or(|a| a.is_alive(d)) {
                n += 1;
                facets.collect(d, 0.0);
            }
            d = w.advance();
        }
        fruits.push(facets.harvest());
    }
    asked.merge_fruits(fruits).map(|all| (n, all))
}

/// About what share of the live documents of `within` `q` matches: up to
/// [`SAMPLES`] of them, spread evenly over each segment, checked against
/// `q` (each a skip in its posting lists). 0 when `within` has none.
fn sampled_share(s: &Searcher, within: &dyn Query, q: &dyn Query) -> tantivy::Result<f64> {
    let disabled = EnableScoring::disabled_from_searcher(s);
    let (ww, wq) = (within.weight(disabled)?, q.weight(disabled)?);
    let all: u64 = s
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let (mut seen, mut hits) = (0u32, 0u32);
    for seg in s.segment_readers() {
        let max = seg.max_doc();
        // This segment's part of the sample, at least one document.
        let k = (u64::from(SAMPLES) * u64::from(max) / all.max(1)).max(1) as u32;
        let (mut w, mut m) = (ww.scorer(seg, 1.0)?, wq.scorer(seg, 1.0)?);
        let alive = seg.alive_bitset();
        let mut last = None;
        for i in 0..k {
            let target = (u64::from(i) * u64::from(max) / u64::from(k)) as u32;
            let d = if w.doc() < target {
                w.seek(target)
            } else {
                w.doc()
            };
            if d == TERMINATED {
                break;
            }
            if last == Some(d) || alive.is_some_and(|a| a.is_deleted(d)) {
                continue;
            }
            last = Some(d);
            seen += 1;
            let md = if m.doc() < d { m.seek(d) } else { m.doc() };
            if md == d {
                hits += 1;
            }
        }
    }
    Ok(if seen == 0 {
        0.0
    } else {
        f64::from(hits) / f64::from(seen)
    })
}
