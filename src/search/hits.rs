//! A document search: the hits asked for, in order of score or date, each
//! with its snippets, and the facets asked for.

use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order};

use super::archive::{Archive, describe};
use super::facet_count::FacetCounter;
use super::facets::{facet_counter, facets_from, is_whole_archive};
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
        // Hits, their number and the facets in one pass over the matches;
        // the whole archive's facets once per generation of the reader.
        let asked = facet_counter(&req.facets)?;
        let whole = is_whole_archive(req) && !asked.names().is_empty();
        let kept = if whole {
            self.whole.get(&s, &asked)
        } else {
            None
        };
        let counter = if kept.is_some() {
            FacetCounter::none()
        } else {
            asked.clone()
        };
        let (addrs, total, counts): (Vec<(Option<f32>, DocAddress)>, usize, _) = match req.sort {
            Sort::Score => {
                let (top, n, counts) = s
                    .search(
                        &q,
                        &(
                            TopDocs::with_limit(limit).and_offset(req.offset),
                            Count,
                            counter,
                        ),
                    )
                    .map_err(err)?;
                (
                    top.into_iter().map(|(sc, a)| (Some(sc), a)).collect(),
                    n,
                    counts,
                )
            }
            Sort::Date => {
                let (top, n, counts) = s
                    .search(
                        &q,
                        &(
                            TopDocs::with_limit(limit)
                                .and_offset(req.offset)
                                .order_by_fast_field::<i64>("date", Order::Desc),
                            Count,
                            counter,
                        ),
                    )
                    .map_err(err)?;
                (top.into_iter().map(|(_, a)| (None, a)).collect(), n, counts)
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
        let facets = match kept {
            Some(f) => f,
            None => {
                let f = facets_from(counts);
                if whole {
                    self.whole.put(&s, &asked, &f);
                }
                f
            }
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
