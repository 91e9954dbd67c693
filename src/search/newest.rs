//! The newest claims first: a collector that keeps the `k` entries with
//! the latest date (then the lowest `seq`, a claim's place in its
//! document; then index order), reading the dates of a block of matches at
//! a time and a `seq` only for an entry as new as the page's oldest.
//!
//! A claims search without query text is ordered so, and its matches can
//! be most of an archive's claims: this is the loop it spends its time in.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects the `limit` newest entries after skipping `offset`.
pub(super) struct Newest {
    pub(super) limit: usize,
    pub(super) offset: usize,
}

/// An entry on the page: newer is better, then a lower `seq`, then an
/// earlier address.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    date: i64,
    seq: u64,
    addr: DocAddress,
}

impl Ord for Entry {
    /// `Greater` is the worse entry: a max-heap keeps the page's worst on
    /// top.
    fn cmp(&self, o: &Self) -> Ordering {
        o.date
            .cmp(&self.date)
            .then(self.seq.cmp(&o.seq))
            .then(self.addr.cmp(&o.addr))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Collector for Newest {
    type Fruit = Vec<DocAddress>;
    type Child = NewestInSegment;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<NewestInSegment> {
        let ff = seg.fast_fields();
        Ok(NewestInSegment {
            ord,
            want: self.limit + self.offset,
            dates: ff.column_opt::<i64>("date")?,
            seqs: ff.column_opt::<u64>("seq")?,
            page: BinaryHeap::new(),
            buf: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, pages: Vec<Vec<Entry>>) -> tantivy::Result<Vec<DocAddress>> {
        let mut all: Vec<Entry> = pages.into_iter().flatten().collect();
        all.sort();
        Ok(all
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|e| e.addr)
            .collect())
    }
}

/// One segment's newest entries.
pub(super) struct NewestInSegment {
    ord: SegmentOrdinal,
    want: usize,
    dates: Option<Column<i64>>,
    seqs: Option<Column<u64>>,
    page: BinaryHeap<Entry>,
    buf: Vec<Option<i64>>,
}

impl NewestInSegment {
    fn offer(&mut self, doc: DocId, date: i64) {
        if self.want == 0 {
            return;
        }
        if self.page.len() >= self.want && self.page.peek().is_some_and(|worst| date < worst.date) {
            return;
        }
        let seq = self.seqs.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        let e = Entry {
            date,
            seq,
            addr: DocAddress::new(self.ord, doc),
        };
        if self.page.len() < self.want {
            self.page.push(e);
        } else if self.page.peek().is_some_and(|worst| e < *worst) {
            self.page.pop();
            self.page.push(e);
        }
    }
}

impl SegmentCollector for NewestInSegment {
    type Fruit = Vec<Entry>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let date = self.dates.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        self.offer(doc, date);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(dates) = &self.dates else {
            docs.iter().for_each(|&d| self.offer(d, 0));
            return;
        };
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.resize(docs.len(), None);
        dates.first_vals(docs, &mut buf);
        for (&doc, date) in docs.iter().zip(&buf) {
            self.offer(doc, date.unwrap_or(0));
        }
        self.buf = buf;
    }

    fn harvest(self) -> Vec<Entry> {
        self.page.into_vec()
    }
}
