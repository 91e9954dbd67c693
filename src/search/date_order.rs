//! The archive's documents newest first, kept a commit, and a page of a
//! search's newest matches read off it.
//!
//! Newest first otherwise means visiting every match: a common word
//! matches most of an archive, and the ten newest of 800,000 matches are
//! known only after the dates of all of them are read. Kept in date order
//! once, the documents are walked from the newest, each checked against
//! the query by moving its matches forward to that document (a skip in
//! the posting lists, not a pass over them); a page of a common word's
//! matches is found among the first few hundred documents.
//!
//! The order is built at the second newest-first search of a commit (a
//! single search, as from the command line, would pay more for it than it
//! saves) and holds two numbers a document: 16 MB at a million documents.
//! A walk that meets too few matches in the documents it may check gives
//! up, and the caller orders the matches as before: a rare query's
//! matches are few, and so cheap to order.

use std::sync::{Arc, Mutex};

use tantivy::query::{EnableScoring, Query};

use super::rank::matching;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED};

/// Most documents a walk checks before it gives up.
pub(super) const WALK_BUDGET: usize = 16_384;

/// Documents newest first: their addresses and their dates (`yyyymmdd`,
/// 0 for undated), in the order tantivy gives a search by the `date`
/// column (newest first, then by address).
pub(super) struct Ordered {
    addrs: Vec<DocAddress>,
    dates: Vec<i64>,
}

/// The order kept for one generation of the reader.
#[derive(Default)]
struct Kept {
    generation: Option<u64>,
    /// Newest-first searches seen in this generation.
    asked: u32,
    order: Option<Arc<Ordered>>,
}

/// The documents' date order, kept per generation of the reader.
#[derive(Default)]
pub(super) struct DateOrder {
    kept: Mutex<Kept>,
}

impl DateOrder {
    /// The order for the searcher's generation: built at the second
    /// newest-first search of a generation, `None` before. `docs` matches
    /// every document (and nothing else) of the archive.
    pub(super) fn get(
        &self,
        s: &Searcher,
        docs: &dyn Query,
    ) -> tantivy::Result<Option<Arc<Ordered>>> {
        let generation = Some(s.generation().generation_id());
        {
            let Ok(mut kept) = self.kept.lock() else {
                return Ok(None);
            };
            if kept.generation != generation {
                *kept = Kept {
                    generation,
                    ..Kept::default()
                };
            }
            if let Some(order) = &kept.order {
                return Ok(Some(Arc::clone(order)));
            }
            kept.asked = kept.asked.saturating_add(1);
            if kept.asked < 2 {
                return Ok(None);
            }
        }
        // Built outside the lock: other searches go on meanwhile (two
        // built at once cost twice, once).
        let order = Arc::new(build(s, docs)?);
        if let Ok(mut kept) = self.kept.lock()
            && kept.generation == generation
        {
            kept.order = Some(Arc::clone(&order));
        }
        Ok(Some(order))
    }
}

/// Every live document of `docs` with its date, sorted newest first.
fn build(s: &Searcher, docs: &dyn Query) -> tantivy::Result<Ordered> {
    let w = docs.weight(EnableScoring::disabled_from_searcher(s))?;
    let mut all: Vec<(i64, DocAddress)> = Vec::new();
    let mut block: Vec<u32> = Vec::new();
    let mut dates: Vec<Option<i64>> = Vec::new();
    for (ord, seg) in s.segment_readers().iter().enumerate() {
        block.clear();
        let mut scorer = w.scorer(seg, 1.0)?;
        let alive = seg.alive_bitset();
        let mut d = scorer.doc();
        while d != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(d)) {
                block.push(d);
            }
            d = scorer.advance();
        }
        dates.clear();
        dates.resize(block.len(), None);
        if let Some(col) = seg.fast_fields().column_opt::<i64>("date")? {
            col.first_vals(&block, &mut dates);
        }
        let ord = ord as u32;
        all.extend(
            block
                .iter()
                .zip(&dates)
                // A document without a value sorts as the oldest, as in
                // tantivy's order by a column.
                .map(|(&doc, date)| (date.unwrap_or(i64::MIN), DocAddress::new(ord, doc))),
        );
    }
    all.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(Ordered {
        dates: all.iter().map(|(d, _)| *d).collect(),
        addrs: all.into_iter().map(|(_, a)| a).collect(),
    })
}

/// The `want` newest matches of `q` among the documents of `order` dated
/// at most `latest` (every one when `None`; a document's date is its
/// `yyyymmdd`), in `order`'s order. `None` when the walk checked `budget`
/// documents ([`WALK_BUDGET`] for a search) without finding them: the
/// caller orders the matches another way. Fewer than `want` when the
/// documents ran out.
pub(super) fn newest_in_order(
    s: &Searcher,
    order: &Ordered,
    q: &dyn Query,
    want: usize,
    latest: Option<i64>,
    budget: usize,
) -> tantivy::Result<Option<Vec<DocAddress>>> {
    if want == 0 {
        return Ok(Some(Vec::new()));
    }
    let w = q.weight(EnableScoring::disabled_from_searcher(s))?;
    // Newer than `latest`, no document can match.
    let start = latest.map_or(0, |l| order.dates.partition_point(|&d| d > l));
    let mut found: Vec<DocAddress> = Vec::new();
    let mut from = start;
    let mut chunk = want.saturating_mul(4).saturating_add(64);
    while from < order.addrs.len() {
        if from - start >= budget {
            return Ok(None);
        }
        let to = order.addrs.len().min(from.saturating_add(chunk));
        found.extend(matching(s, &*w, &order.addrs[from..to])?);
        if found.len() >= want {
            break;
        }
        from = to;
        chunk = chunk.saturating_mul(2);
    }
    found.truncate(want);
    Ok(Some(found))
}

#[cfg(test)]
mod tests {
    use tantivy::Order;
    use tantivy::collector::TopDocs;

    use super::*;
    use crate::search::schema::term_q;
    use crate::search::{Archive, SearchRequest};
    use crate::{Document, DocumentInfo, Pipeline};

    /// An archive of 180 reports over fifteen years in three segments, some
    /// replaced (their old entries deleted), every ninth undated and pairs
    /// on one day; "报到" only in reports of the first five years.
    fn archive(name: &str) -> (std::path::PathBuf, Archive) {
        let dir =
            std::env::temp_dir().join(format!("dangjian-order-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let a = Archive::create(&dir).unwrap();
        let p = Pipeline::default();
        let report = |k: usize, version: &str| {
            let year = 2000 + k / 12;
            let topic = if year < 2005 {
                "党员到社区报到"
            } else {
                "召开工作会议"
            };
            let date =
                (k % 9 != 4).then(|| format!("{year}-{:02}-{:02}", 1 + k / 2 % 12, 1 + k % 5));
            Document::from_text(format!("第{k}号{version}简报。{topic}。"))
                .with_path(format!("o/{k}.txt"))
                .with_info(DocumentInfo {
                    date,
                    ..Default::default()
                })
        };
        let mut w = a.writer(1).unwrap();
        for k in 0..180 {
            w.add(&p.analyze(&report(k, ""))).unwrap();
            if k % 60 == 59 {
                w.commit().unwrap();
            }
        }
        for k in [3, 70, 71, 150] {
            w.add(&p.analyze(&report(k, "更正"))).unwrap();
        }
        w.finish().unwrap();
        a.reload().unwrap();
        (dir, a)
    }

    /// tantivy's own newest-first order of a query's matches.
    fn by_date(a: &Archive, q: &dyn Query, n: usize) -> Vec<DocAddress> {
        let s = a.reader.searcher();
        let top = TopDocs::with_limit(n).order_by_fast_field::<i64>("date", Order::Desc);
        s.search(q, &top)
            .unwrap()
            .into_iter()
            .map(|(_, a)| a)
            .collect()
    }

    #[test]
    fn the_order_is_tantivys_and_is_built_at_the_second_asking() {
        let (dir, a) = archive("built");
        let s = a.reader.searcher();
        let docs = term_q(a.f.kind, "doc");
        assert!(a.newest.get(&s, &*docs).unwrap().is_none());
        let order = a.newest.get(&s, &*docs).unwrap().unwrap();
        assert_eq!(order.addrs.len(), 180);
        assert_eq!(order.addrs, by_date(&a, &*docs, 1000));
        // Kept: the same order again, not another.
        let again = a.newest.get(&s, &*docs).unwrap().unwrap();
        assert!(Arc::ptr_eq(&order, &again));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_walk_finds_the_page_of_every_match_or_gives_up_past_its_budget() {
        let (dir, a) = archive("walk");
        let s = a.reader.searcher();
        let docs = term_q(a.f.kind, "doc");
        a.newest.get(&s, &*docs).unwrap();
        let order = a.newest.get(&s, &*docs).unwrap().unwrap();
        for text in ["报到", "社区报到", "会议", "简报"] {
            let q = a.doc_query(&SearchRequest::new().query(text)).unwrap();
            let every = by_date(&a, &*q, 1000);
            assert!(!every.is_empty(), "{text}");
            for want in [1, 5, 30, 500] {
                let walked = newest_in_order(&s, &order, &*q, want, None, 1000).unwrap();
                let expected: Vec<_> = every.iter().copied().take(want).collect();
                assert_eq!(walked, Some(expected), "{text} {want}");
            }
        }
        // Matches only in the oldest third: a walk allowed fewer documents
        // than lie before them gives up.
        let q = a.doc_query(&SearchRequest::new().query("报到")).unwrap();
        assert_eq!(newest_in_order(&s, &order, &*q, 5, None, 64).unwrap(), None);
        // From a latest date on, what is newer is skipped, not walked.
        let walked = newest_in_order(&s, &order, &*q, 5, Some(20041231), 64).unwrap();
        assert_eq!(walked, Some(by_date(&a, &*q, 5)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
