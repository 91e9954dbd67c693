//! A document search: the hits asked for, in order of score or date, each
//! with its snippets, and the facets asked for.

use std::time::Instant;

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order, Searcher};

use super::archive::{Archive, describe};
use super::complement::keep_all;
use super::date_order::{WALK_BUDGET, newest_in_order};
use super::facet_count::{Counted, FacetCounter, match_key};
use super::facets::{facet_counter, facets_from};
use super::keys::date_number;
use super::query;
use super::rank::{count_up_to, newest_matches, top_by_words};
use super::request::{Filters, SearchRequest, Sort};
use super::results::{Hit, HitPlace, SearchResults};
use super::schema::term_q;
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
        // The page of hits, the number of matches and the facets; for
        // matches counted before (the next page, another order), the page
        // alone.
        let asked = facet_counter(&req.facets)?;
        let key = match_key(req, &asked);
        let words = self.page_words(&s, req);
        // A number kept will do if it is exact or as far as this request
        // counts.
        let kept = self.counted.get(&s, &key).and_then(|c| {
            let (total, exact) = c.total?;
            (exact || req.count_limit.is_some_and(|l| l <= total as u64))
                .then_some((total, exact, c.facets))
        });
        let (addrs, total, exact, facets) = match kept {
            Some((total, exact, facets)) => {
                let addrs = self.page(&s, &*q, words.as_deref(), req, limit)?;
                (addrs, total, exact, facets)
            }
            // Without facets, the page is ranked on its own and the
            // matches counted up to the request's limit, without scores.
            None if asked.is_empty() => {
                let addrs = self.page(&s, &*q, words.as_deref(), req, limit)?;
                let (total, exact) = count_up_to(&s, &*q, req.count_limit).map_err(err)?;
                let total = total as usize;
                let counted = Counted {
                    total: Some((total, exact)),
                    facets: Default::default(),
                    all: None,
                };
                self.counted.put(&s, key, counted);
                (addrs, total, exact, Default::default())
            }
            // With facets, every match is visited: by score, the page is
            // ranked on its own and the matches counted without scores (no
            // word of any of them scored); else hits, their number and the
            // facets in one pass. A query found in most of its filters'
            // documents, whose counts are kept, is counted first another
            // way: their counts less those of the documents it leaves out.
            None => {
                let (addrs, total, all) =
                    if let Some((n, all)) = self.counts_by_complement(&s, &*q, req, &asked)? {
                        let addrs = self.page(&s, &*q, words.as_deref(), req, limit)?;
                        (addrs, n, all)
                    } else if words.is_some() {
                        let addrs = self.page(&s, &*q, words.as_deref(), req, limit)?;
                        let (n, all) = s.search(&*q, &(Count, asked.clone())).map_err(err)?;
                        (addrs, n, all)
                    } else {
                        counted_hits(&s, &*q, req, limit, asked.clone()).map_err(err)?
                    };
                let facets = facets_from(asked.finish(&all));
                let counted = Counted {
                    total: Some((total, true)),
                    facets: facets.clone(),
                    all: keep_all(req, all),
                };
                self.counted.put(&s, key, counted);
                (addrs, total, true, facets)
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
        Ok(SearchResults {
            query: req.query.clone(),
            total: total as u64,
            total_exact: exact,
            took_ms: t0.elapsed().as_millis() as u64,
            hits,
            facets,
        })
    }
}

/// The least share of the archive that a request's filters keep for its
/// page to be ranked from its words: at a million documents, a year (1/13)
/// ranked so in 15 ms against 37 ms by scoring every match, a province and
/// a year (1/400) in 26 ms against 12 ms.
const MIN_SHARE_FOR_WORDS: f64 = 1.0 / 32.0;

/// A hit's address with its score (`None` in date order).
type Ranked = Vec<(Option<f32>, DocAddress)>;

impl Archive {
    /// The words a page by score is ranked from ([`top_by_words`]): those
    /// of the query where its score is theirs and the filters keep at
    /// least [`MIN_SHARE_FOR_WORDS`] of the archive (narrower, most
    /// documents the words offer would fail the check, and scoring the few
    /// matches is cheaper).
    fn page_words(&self, s: &Searcher, req: &SearchRequest) -> Option<Box<dyn Query>> {
        if req.sort != Sort::Score || self.filter_share(s, &req.filters) < MIN_SHARE_FOR_WORDS {
            return None;
        }
        self.rank_words(req)
    }

    /// The hits of one page: by score, from `words` where they rank it
    /// ([`Archive::page_words`]); newest first, walked off the documents
    /// in date order where they are kept ([`newest_in_order`]), else from
    /// the newest candidates of the query relaxed ([`newest_matches`]);
    /// else as tantivy orders every match.
    fn page(
        &self,
        s: &Searcher,
        q: &dyn Query,
        words: Option<&dyn Query>,
        req: &SearchRequest,
        limit: usize,
    ) -> Result<Ranked> {
        let err = |e| describe(&self.dir, e);
        if let Some(words) = words {
            let top = top_by_words(s, words, q, req.offset + limit).map_err(err)?;
            return Ok(top
                .into_iter()
                .skip(req.offset)
                .map(|(sc, a)| (Some(sc), a))
                .collect());
        }
        if req.sort == Sort::Date {
            let every_doc = term_q(self.f.kind, "doc");
            if let Some(order) = self.newest.get(s, &*every_doc).map_err(err)? {
                let latest = latest_date(&req.filters);
                let newest = newest_in_order(s, &order, q, req.offset + limit, latest, WALK_BUDGET);
                if let Some(newest) = newest.map_err(err)? {
                    return Ok(by_date(newest, req.offset));
                }
            }
        }
        if req.sort == Sort::Date && req.query.as_deref().is_some_and(|q| !q.trim().is_empty()) {
            let relaxed = self.relaxed_doc_query(req)?;
            let newest = newest_matches(s, &*relaxed, q, req.offset + limit).map_err(err)?;
            if let Some(newest) = newest {
                return Ok(by_date(newest, req.offset));
            }
        }
        top_hits(s, q, req, limit).map_err(err)
    }
}

/// A page newest first from the newest matches up to its end.
fn by_date(newest: Vec<DocAddress>, offset: usize) -> Ranked {
    newest.into_iter().skip(offset).map(|a| (None, a)).collect()
}

/// The latest date (`yyyymmdd`) a document may have and pass the filters:
/// `--to`'s and the end of `--year`'s, whichever is earlier. (A document's
/// year is its date's, so a dated document after a year's end is not of
/// that year; an undated one sorts after every date.)
fn latest_date(f: &Filters) -> Option<i64> {
    let to = f.to.as_deref().and_then(|t| date_number(t, true));
    let year_end = f.year.map(|y| i64::from(y) * 10000 + 9999);
    match (to, year_end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The hits of one page alone, every match ranked (by score or by date).
fn top_hits(
    s: &Searcher,
    q: &dyn Query,
    req: &SearchRequest,
    limit: usize,
) -> tantivy::Result<Ranked> {
    let top = TopDocs::with_limit(limit).and_offset(req.offset);
    Ok(match req.sort {
        Sort::Score => s
            .search(q, &top)?
            .into_iter()
            .map(|(sc, a)| (Some(sc), a))
            .collect(),
        Sort::Date => s
            .search(q, &top.order_by_fast_field::<i64>("date", Order::Desc))?
            .into_iter()
            .map(|(_, a)| (None, a))
            .collect(),
    })
}

/// The hits of one page, the number of matches and the facets of `counter`,
/// in one pass over every match.
fn counted_hits(
    s: &Searcher,
    q: &dyn Query,
    req: &SearchRequest,
    limit: usize,
    counter: FacetCounter,
) -> tantivy::Result<(Ranked, usize, <FacetCounter as Collector>::Fruit)> {
    let top = TopDocs::with_limit(limit).and_offset(req.offset);
    Ok(match req.sort {
        Sort::Score => {
            let (top, n, counts) = s.search(q, &(top, Count, counter))?;
            let top = top.into_iter().map(|(sc, a)| (Some(sc), a)).collect();
            (top, n, counts)
        }
        Sort::Date => {
            let by_date = top.order_by_fast_field::<i64>("date", Order::Desc);
            let (top, n, counts) = s.search(q, &(by_date, Count, counter))?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), n, counts)
        }
    })
}
