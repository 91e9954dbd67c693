//! A document search: the hits asked for, in order of score or date, each
//! with its snippets, and the facets asked for.

use std::collections::BTreeMap;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order};

use super::archive::{Archive, describe};
use super::query;
use super::request::{SearchRequest, Sort};
use super::results::{Hit, HitPlace, SearchResults};
use super::snippet;
use super::tokenize::normalize;
use crate::error::Result;

impl Archive {
    /// Searches documents.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let t0 = Instant::now();
        let q = self.doc_query(req)?;
        let s = self.reader.searcher();
        let err = |e| describe(&self.dir, e);
        let limit = req.limit.max(1);
        let (addrs, total): (Vec<(Option<f32>, DocAddress)>, usize) = match req.sort {
            Sort::Score => {
                let (top, n) = s
                    .search(
                        &q,
                        &(TopDocs::with_limit(limit).and_offset(req.offset), Count),
                    )
                    .map_err(err)?;
                (top.into_iter().map(|(sc, a)| (Some(sc), a)).collect(), n)
            }
            Sort::Date => {
                let (top, n) = s
                    .search(
                        &q,
                        &(
                            TopDocs::with_limit(limit)
                                .and_offset(req.offset)
                                .order_by_fast_field::<i64>("date", Order::Desc),
                            Count,
                        ),
                    )
                    .map_err(err)?;
                (top.into_iter().map(|(_, a)| (None, a)).collect(), n)
            }
        };
        let addrs = if req.limit == 0 { Vec::new() } else { addrs };
        let terms: Vec<String> = match req.query.as_deref().map(query::parse) {
            Some(Ok(node)) => node.positive_texts().iter().map(|t| normalize(t)).collect(),
            _ => Vec::new(),
        };
        let mut hits = Vec::with_capacity(addrs.len());
        for (score, addr) in addrs {
            let sd = self.stored_doc(addr)?;
            let snippets = snippet::snippets(&sd.a, &sd.o, &terms, req.snippets);
            let a = sd.a;
            hits.push(Hit {
                id: a.id,
                path: a.path,
                score,
                title: a.meta.title,
                date: a.meta.date,
                source: a.meta.source,
                place: a.place.map(|p| HitPlace {
                    name: p.name,
                    code: p.code,
                    level: p.level,
                }),
                snippets,
            });
        }
        let facets = if req.facets.is_empty() {
            BTreeMap::new()
        } else {
            self.facets_of(&*q, &req.facets)?
        };
        Ok(SearchResults {
            query: req.query.clone(),
            total: total as u64,
            took_ms: t0.elapsed().as_millis() as u64,
            hits,
            facets,
        })
    }
}
