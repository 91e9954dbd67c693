//! A claims search: claim entries filtered and ranged on the index, drawn
//! from the documents a text query picks and ordered by their score or date.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermSetQuery};
use tantivy::schema::Value;
use tantivy::{SegmentReader, TantivyDocument, Term};

use super::archive::{Archive, config, describe, internal};
use super::compile::filter;
use super::newest::Newest;
use super::rank::count_up_to;
use super::request::{ClaimsRequest, Filters, SearchRequest, Sort};
use super::results::{ClaimResults, ClaimRow};
use super::schema::term_q;
use super::tokenize::normalize;
use super::value_range::{Range, ValueIn};
use crate::error::Result;

/// Most documents a claims query with a text query or document filters
/// draws its claims from.
pub const MAX_PARENT_DOCUMENTS: usize = 200_000;

impl Archive {
    /// Claim rows.
    pub fn claims(&self, req: &ClaimsRequest) -> Result<ClaimResults> {
        let t0 = Instant::now();
        let f = &self.f;
        let s = self.reader.searcher();
        let err = |e| describe(&self.dir, e);
        let sr = &req.search;
        let fl = &sr.filters;
        let has_query = sr.query.as_deref().is_some_and(|q| !q.trim().is_empty());
        let doc_level =
            has_query || fl.formulation.is_some() || fl.slogan.is_some() || fl.script.is_some();
        // Only claims' entries have a unit: with one asked, "claims only"
        // goes without saying (and would cost a walk over every claim of
        // the archive).
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if req.unit.is_none() {
            clauses.push(filter(term_q(f.kind, "claim")));
        }
        self.date_filters(fl, &mut clauses)?;
        if let Some(i) = &fl.indicator {
            clauses.push(filter(term_q(f.indicator, i.trim())));
        }
        if let Some(u) = &req.unit {
            clauses.push(filter(term_q(f.unit, normalize(u.trim()).as_str())));
        }
        if let (Some(lo), Some(hi)) = (req.min, req.max)
            && lo > hi
        {
            return Err(config(format!("--min {lo} is above --max {hi}")));
        }
        // The documents a text query (or document filters) picks, with
        // their scores.
        let parents: Option<Arc<HashMap<String, f32>>> = if doc_level {
            let doc_req = SearchRequest {
                filters: Filters {
                    place: None,
                    from: None,
                    to: None,
                    year: None,
                    source: None,
                    indicator: None,
                    ..fl.clone()
                },
                ..sr.clone()
            };
            let q = self.doc_query(&doc_req)?;
            let top = s
                .search(&q, &TopDocs::with_limit(MAX_PARENT_DOCUMENTS))
                .map_err(err)?;
            let map = parent_ids(&s, top, has_query).map_err(err)?;
            clauses.push(filter(Box::new(TermSetQuery::new(
                map.keys().map(|id| Term::from_field_text(f.id, id)),
            ))));
            Some(Arc::new(map))
        } else {
            None
        };
        let mut q: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        if req.min.is_some() || req.max.is_some() {
            q = Box::new(ValueIn {
                inner: q,
                range: Range {
                    field: "value",
                    lo: req.min,
                    hi: req.max,
                },
            });
        }
        // Without query text every score is 0: the newest first, by a
        // loop of its own over the dates.
        let top: Vec<(Option<f32>, tantivy::DocAddress)> = if !has_query {
            let newest = Newest {
                limit: sr.limit.max(1),
                offset: sr.offset,
            };
            let addrs = s.search(&*q, &newest).map_err(err)?;
            addrs.into_iter().map(|a| (None, a)).collect()
        } else {
            by_parent_score(&s, &*q, parents, sr).map_err(err)?
        };
        let (total, exact) = count_up_to(&s, &*q, sr.count_limit).map_err(err)?;
        let mut rows = Vec::with_capacity(top.len());
        if sr.limit > 0 {
            for (score, addr) in top {
                let doc: TantivyDocument = s.doc(addr).map_err(err)?;
                let Some(bytes) = doc.get_first(f.stored).and_then(|v| v.as_bytes()) else {
                    continue;
                };
                let mut row: ClaimRow =
                    serde_json::from_slice(bytes).map_err(|e| internal(&self.dir, e))?;
                row.score = score;
                rows.push(row);
            }
        }
        Ok(ClaimResults {
            query: sr.query.clone(),
            total,
            total_exact: exact,
            took_ms: t0.elapsed().as_millis() as u64,
            rows,
        })
    }
}

/// A page of claims of a query with text: by their document's score (in
/// `parents`, by id), then date, then their order in the document; or by
/// date first (`Sort::Date`). The score given back is the document's.
fn by_parent_score(
    s: &tantivy::Searcher,
    q: &dyn Query,
    parents: Option<Arc<HashMap<String, f32>>>,
    sr: &SearchRequest,
) -> tantivy::Result<Vec<(Option<f32>, tantivy::DocAddress)>> {
    let by_date = sr.sort == Sort::Date;
    let coll = TopDocs::with_limit(sr.limit.max(1))
        .and_offset(sr.offset)
        .tweak_score(move |seg: &SegmentReader| {
            let ff = seg.fast_fields();
            let ids = ff.str("id").ok().flatten();
            let dates = ff.i64("date").ok();
            let seqs = ff.u64("seq").ok();
            // The parent's score by the segment's ordinal of the id: the
            // segment's ids read once, in order, not one claim at a time.
            let by_ord = match (&parents, &ids) {
                (Some(p), Some(col)) => scores_by_ord(col, p),
                _ => Vec::new(),
            };
            move |doc: tantivy::DocId, _score: tantivy::Score| {
                let score = ids
                    .as_ref()
                    .and_then(|col| col.term_ords(doc).next())
                    .and_then(|o| by_ord.get(o as usize).copied())
                    .unwrap_or(0.0);
                let date = dates.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
                let seq = seqs.as_ref().and_then(|c| c.first(doc)).unwrap_or(0) as i64;
                if by_date {
                    (date as f64, f64::from(score), -seq)
                } else {
                    (f64::from(score), date as f64, -seq)
                }
            }
        });
    let top = s.search(q, &coll)?;
    Ok(top
        .into_iter()
        .map(|((a, b, _), addr)| (Some(if by_date { b as f32 } else { a as f32 }), addr))
        .collect())
}

/// The ids of the documents of `top` (a search's hits), each with its
/// score (0 without query text): each segment's id column opened once and
/// its ordinals turned into ids in order.
fn parent_ids(
    s: &tantivy::Searcher,
    top: Vec<(f32, tantivy::DocAddress)>,
    has_query: bool,
) -> tantivy::Result<HashMap<String, f32>> {
    let mut by_seg: HashMap<u32, Vec<(tantivy::DocId, f32)>> = HashMap::new();
    for (score, a) in top {
        by_seg
            .entry(a.segment_ord)
            .or_default()
            .push((a.doc_id, if has_query { score } else { 0.0 }));
    }
    let mut map = HashMap::new();
    for (ord, docs) in by_seg {
        let Some(col) = s.segment_reader(ord).fast_fields().str("id")? else {
            continue;
        };
        let mut ords: Vec<(u64, f32)> = docs
            .iter()
            .filter_map(|&(d, sc)| col.term_ords(d).next().map(|o| (o, sc)))
            .collect();
        ords.sort_unstable_by_key(|x| x.0);
        ords.dedup_by_key(|x| x.0);
        let mut i = 0;
        col.dictionary()
            .sorted_ords_to_term_cb(ords.iter().map(|x| x.0), |term| {
                if let (Ok(id), Some(&(_, sc))) = (std::str::from_utf8(term), ords.get(i)) {
                    map.insert(id.to_string(), sc);
                }
                i += 1;
                Ok(())
            })?;
    }
    Ok(map)
}

/// The score in `parents` of each id of a segment's id column, by the
/// id's ordinal (0 for an id not there).
fn scores_by_ord(col: &tantivy::columnar::StrColumn, parents: &HashMap<String, f32>) -> Vec<f32> {
    let dict = col.dictionary();
    let mut out = vec![0.0; dict.num_terms()];
    if let Ok(mut terms) = dict.stream() {
        while terms.advance() {
            let ord = terms.term_ord() as usize;
            if let (Ok(id), Some(slot)) = (std::str::from_utf8(terms.key()), out.get_mut(ord)) {
                *slot = parents.get(id).copied().unwrap_or(0.0);
            }
        }
    }
    out
}
