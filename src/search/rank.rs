//! Ranking a page without visiting every match, and counting matches up to
//! a bound.
//!
//! A document matches a text query by substrings (the bigram fields) and
//! ranks by whole words (the word fields): the substring part is a filter
//! with no score of its own ([`MatchOnly`] inside a constant score of 0),
//! so a document's score is the sum of BM25 over the query's words. That
//! lets a page of hits by score come from a union of word terms, which
//! tantivy walks by blocks, skipping every block whose best score cannot
//! reach the page (block-max WAND), with the filter checked only on the
//! documents that could ([`top_by_words`]). Without it, a word in 80 % of
//! an archive of a million documents means scoring 800,000 documents for
//! ten hits.
//!
//! Newest first, the same idea: [`newest_matches`] takes the newest
//! documents of the query relaxed to its pairs anywhere (no positions
//! read), checks those against the query itself and stops as soon as a
//! page of them holds. (Where the archive's documents are kept in date
//! order, a page is walked off that order first: `date_order.rs`.)
//!
//! [`count_up_to`] counts matches and stops past a bound, as search
//! engines do for their "about N results": the exact number of a common
//! word's matches costs a pass over all of them.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocAddress, DocId, DocSet, Order, Score, Searcher, TERMINATED};

/// A query that matches what `inner` matches and never computes its
/// scores: a phrase is then checked for one occurrence, not counted.
/// Wrapped in a constant score, it is a filter.
#[derive(Debug)]
pub(super) struct MatchOnly(pub(super) Box<dyn Query>);

impl Clone for MatchOnly {
    fn clone(&self) -> Self {
        MatchOnly(self.0.box_clone())
    }
}

impl Query for MatchOnly {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let disabled = match enable_scoring.searcher() {
            Some(s) => EnableScoring::disabled_from_searcher(s),
            None => EnableScoring::disabled_from_schema(enable_scoring.schema()),
        };
        self.0.weight(disabled)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

/// A hit in the page being filled: better is a higher score, then an
/// earlier address (tantivy's own order for equal scores).
#[derive(Clone, Copy, PartialEq)]
struct Ranked {
    score: Score,
    addr: DocAddress,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    /// `Greater` is the worse hit, so that a max-heap keeps the worst of
    /// the page on top.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .partial_cmp(&self.score)
            .unwrap_or(Ordering::Equal)
            .then(self.addr.cmp(&other.addr))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The best `want` documents of `matches`, ranked by the score of `words`
/// (a union of word terms): what a search by score of a query whose
/// matching part scores nothing returns, without scoring every match.
/// Documents that match but have none of the words follow, in index
/// order, with score 0.
pub(super) fn top_by_words(
    s: &Searcher,
    words: &dyn Query,
    matches: &dyn Query,
    want: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if want == 0 {
        return Ok(Vec::new());
    }
    let words_w = words.weight(EnableScoring::enabled_from_searcher(s))?;
    let match_w = matches.weight(EnableScoring::disabled_from_searcher(s))?;
    let mut page: BinaryHeap<Ranked> = BinaryHeap::with_capacity(want + 1);
    for (ord, seg) in s.segment_readers().iter().enumerate() {
        let mut filter = match_w.scorer(seg, 1.0)?;
        let alive = seg.alive_bitset();
        let floor = |page: &BinaryHeap<Ranked>| match page.peek() {
            Some(worst) if page.len() >= want => worst.score,
            _ => Score::MIN,
        };
        let mut threshold = floor(&page);
        words_w.for_each_pruning(threshold, seg, &mut |doc: DocId, score: Score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return threshold;
            }
            if filter.doc() < doc {
                filter.seek(doc);
            }
            if filter.doc() == doc {
                page.push(Ranked {
                    score,
                    addr: DocAddress::new(ord as u32, doc),
                });
                if page.len() > want {
                    page.pop();
                }
                threshold = floor(&page);
            }
            threshold
        })?;
    }
    let mut out: Vec<Ranked> = page.into_vec();
    if out.len() < want {
        // Every match with a word is in; the rest have none.
        let seen: HashSet<DocAddress> = out.iter().map(|r| r.addr).collect();
        'segments: for (ord, seg) in s.segment_readers().iter().enumerate() {
            let mut docs = match_w.scorer(seg, 1.0)?;
            let alive = seg.alive_bitset();
            let mut doc = docs.doc();
            while doc != TERMINATED {
                let addr = DocAddress::new(ord as u32, doc);
                if alive.is_none_or(|a| a.is_alive(doc)) && !seen.contains(&addr) {
                    out.push(Ranked { score: 0.0, addr });
                    if out.len() >= want {
                        break 'segments;
                    }
                }
                doc = docs.advance();
            }
        }
    }
    out.sort();
    Ok(out.into_iter().map(|r| (r.score, r.addr)).collect())
}

/// The `want` newest documents of `exact` (by the `date` column, then in
/// index order, as tantivy orders them), found among the newest of
/// `relaxed`, a query that matches at least what `exact` does but reads no
/// positions. `None` when the candidates taken hold too few matches: the
/// caller then orders every match.
pub(super) fn newest_matches(
    s: &Searcher,
    relaxed: &dyn Query,
    exact: &dyn Query,
    want: usize,
) -> tantivy::Result<Option<Vec<DocAddress>>> {
    if want == 0 {
        return Ok(Some(Vec::new()));
    }
    // Most candidates of a phrase are matches; four times the page and a
    // margin leave room for those that are not.
    let taken = want.saturating_mul(4).saturating_add(64);
    let by_date = TopDocs::with_limit(taken).order_by_fast_field::<i64>("date", Order::Desc);
    let candidates: Vec<DocAddress> = s
        .search(relaxed, &by_date)?
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    let w = exact.weight(EnableScoring::disabled_from_searcher(s))?;
    let mut found = matching(s, &*w, &candidates)?;
    found.truncate(want);
    // Every candidate taken (the relaxed query had no more), or a page.
    Ok((candidates.len() < taken || found.len() >= want).then_some(found))
}

/// The documents of `candidates` that `w` matches, in the order given.
/// They are checked a segment at a time, in index order (a scorer only
/// moves on), each by a skip to it.
pub(super) fn matching(
    s: &Searcher,
    w: &dyn Weight,
    candidates: &[DocAddress],
) -> tantivy::Result<Vec<DocAddress>> {
    let mut by_addr: Vec<usize> = (0..candidates.len()).collect();
    by_addr.sort_unstable_by_key(|&i| candidates[i]);
    let mut ok = vec![false; candidates.len()];
    let mut at: Option<(u32, Box<dyn tantivy::query::Scorer>)> = None;
    for i in by_addr {
        let a = candidates[i];
        if at.as_ref().is_none_or(|(seg, _)| *seg != a.segment_ord) {
            let reader = s.segment_reader(a.segment_ord);
            at = Some((a.segment_ord, w.scorer(reader, 1.0)?));
        }
        if let Some((_, docs)) = at.as_mut() {
            let d = if docs.doc() < a.doc_id {
                docs.seek(a.doc_id)
            } else {
                docs.doc()
            };
            ok[i] = d == a.doc_id;
        }
    }
    Ok(candidates
        .iter()
        .zip(&ok)
        .filter(|(_, ok)| **ok)
        .map(|(a, _)| *a)
        .collect())
}

/// The number of documents `q` matches, counted exactly up to `bound`
/// (every match when `None`), and whether it is exact: past the bound the
/// count stops and is `bound`.
pub(super) fn count_up_to(
    s: &Searcher,
    q: &dyn Query,
    bound: Option<u64>,
) -> tantivy::Result<(u64, bool)> {
    let Some(bound) = bound else {
        return Ok((s.search(q, &tantivy::collector::Count)? as u64, true));
    };
    let w = q.weight(EnableScoring::disabled_from_searcher(s))?;
    let mut n = 0u64;
    for seg in s.segment_readers() {
        let mut docs = w.scorer(seg, 1.0)?;
        let alive = seg.alive_bitset();
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                n += 1;
                if n > bound {
                    return Ok((bound, false));
                }
            }
            doc = docs.advance();
        }
    }
    Ok((n, true))
}
