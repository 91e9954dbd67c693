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
            let mut map = HashMap::with_capacity(top.len());
            for (score, addr) in top {
                let seg = s.segment_reader(addr.segment_ord);
                if let Some(id) = str_value(seg, "id", addr.doc_id) {
                    map.insert(id, if has_query { score } else { 0.0 });
                }
            }
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
            let parents = parents.clone();
            let mut buf = String::new();
            move |doc: tantivy::DocId, _score: tantivy::Score| {
                let mut score = 0.0;
                if let (Some(p), Some(col)) = (&parents, &ids) {
                    buf.clear();
                    if let Some(o) = col.term_ords(doc).next()
                        && col.ord_to_str(o, &mut buf).unwrap_or(false)
                    {
                        score = p.get(buf.as_str()).copied().unwrap_or(0.0);
                    }
                }
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

/// The first value of a string fast field.
fn str_value(seg: &SegmentReader, field: &str, doc: tantivy::DocId) -> Option<String> {
    let col = seg.fast_fields().str(field).ok()??;
    let ord = col.term_ords(doc).next()?;
    let mut s = String::new();
    col.ord_to_str(ord, &mut s).ok()?.then_some(s)
}
