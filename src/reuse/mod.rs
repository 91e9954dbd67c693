//! Text reuse: passages that two or more documents share, and who wrote
//! them first.
//!
//! A provincial document's paragraph, a model city's campaign description,
//! re-appears in another city's report weeks later with the names changed.
//! [`Reuse::find`] finds such passages in a collection, in four steps:
//!
//! 1. **Match text** ([`text`]): each document is normalized (simplified,
//!    half-width) and reduced to letters and digits, so a traditional copy
//!    with other punctuation matches its simplified source; every character
//!    keeps its way back to the original bytes.
//! 2. **Candidates** (passim's idea): character 5-grams are hashed into an
//!    inverted index; an n-gram found in more than `max_df` documents is a
//!    stock phrase, not evidence, and n-grams of the stock phrases of party
//!    language (`data/reuse-stock.txt`) are never indexed. Documents that
//!    share rare n-grams are candidate pairs, with the positions as *seeds*.
//!    The index is built in hash partitions (map: document → postings;
//!    shuffle: by hash; reduce: postings of one hash → pairs), in two
//!    rounds: the first counts the seeds of every document pair in a
//!    fixed-size sketch ([`sketch`]), the second keeps the seeds of the
//!    pairs that can have enough of them. Most pairs share an n-gram or two
//!    by chance; their seeds are counted, never held. Each document is
//!    read and normalized once for the map; its postings go to hash
//!    buckets, in temporary files when there are more than a partition's
//!    worth, and every round reads them back a partition at a time.
//!    Memory is bounded by one partition's postings, the sketch and the
//!    seeds of real candidates, not by the number of pairs or documents.
//!
//! Documents come from a [`DocumentSource`] (a slice of
//! [`ReuseDocument`]s, or [`Inputs`]: files, corpus directories and
//! `index` JSONL, read one at a time): only the documents of candidate
//! pairs are read back for alignment, and those of clusters for the
//! report, so the texts of a collection are never all held.
//! 3. **Alignment** ([`align`]): seeds on one diagonal form chains; a banded
//!    local alignment around each chain tolerates changed names and numbers
//!    and characters inserted or dropped, and finds the passage's
//!    boundaries. A passage counts when it is about `min_chars` letters
//!    and digits long (a copy may come out a tenth shorter) with two thirds
//!    of `min_chars` outside stock and common n-grams on both sides, so a
//!    sentence that opens with a stock phrase counts and boilerplate alone
//!    never links two documents.
//! 4. **Clusters** ([`cluster`]): linked passages form clusters (a paragraph
//!    in twelve documents is one cluster of twelve members); the earliest
//!    dated member is `first`, the likely source.
//!
//! ```
//! use dangjian::reuse::{Reuse, ReuseDocument};
//! let passage = "市委组织部在全市推行党员积分管理办法，把志愿服务、结对帮扶和参与社区治理的情况记入积分，年底按积分评定等次并公开公示";
//! let docs = vec![
//!     ReuseDocument::new("a", format!("春季工作会议召开。{passage}。会议还研究了其他事项。"))
//!         .with_place("甲市").with_date("2024-03-01"),
//!     ReuseDocument::new("b", format!("据了解，{passage}。此举受到群众欢迎。"))
//!         .with_place("乙市").with_date("2024-05-20"),
//!     ReuseDocument::new("c", "今年以来，全县新建村级活动场所十二处，整治软弱涣散党组织七个。"),
//! ];
//! let report = Reuse::builder().min_chars(30).build().find(&docs);
//! assert_eq!(report.clusters.len(), 1);
//! let c = &report.clusters[0];
//! assert_eq!(c.members.len(), 2);
//! assert_eq!(c.first, Some(0));
//! assert_eq!(c.members[0].place.as_deref(), Some("甲市"));
//! let [s, e] = c.members[1].span;
//! assert!(docs[1].text[s..e].starts_with("市委组织部"));
//! ```
//!
//! Guide: `docs/reuse.md` (method, evaluation, memory and time at scale),
//! `docs/commands/reuse.md` (the command and its formats).

pub mod align;
pub mod cluster;
pub mod input;
pub mod output;
mod postings;
pub mod sketch;
pub mod source;
pub mod text;

use std::ops::Range;
use std::sync::LazyLock;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::normalize::Normalizer;
pub use source::{Chained, DocumentSource, Inputs};
pub use text::MatchText;

/// The stock phrases shipped with the library.
const STOCK: &str = include_str!("../../data/reuse-stock.txt");

/// One document of a reuse collection: its text and what a member of a
/// cluster reports about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReuseDocument {
    /// Stable id (the `analyze` id for files).
    pub id: String,
    /// Where it was read from.
    pub path: Option<String>,
    /// The place it reports on.
    pub place: Option<String>,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The decoded text; spans are byte offsets into it.
    pub text: String,
    /// Byte ranges of `text` to match on (sorted; a page's body
    /// paragraphs), or the whole text.
    pub regions: Option<Vec<Range<usize>>>,
}

impl ReuseDocument {
    /// A document with an id and a text.
    ///
    /// ```
    /// let d = dangjian::reuse::ReuseDocument::new("x", "正文").with_date("2024-01-02");
    /// assert_eq!(d.date.as_deref(), Some("2024-01-02"));
    /// ```
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        ReuseDocument {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }
    /// Sets the path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }
    /// Sets the place.
    pub fn with_place(mut self, place: impl Into<String>) -> Self {
        self.place = Some(place.into());
        self
    }
    /// Sets the date (`YYYY-MM-DD`).
    pub fn with_date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }
    /// Restricts matching to these byte ranges of the text.
    pub fn with_regions(mut self, mut regions: Vec<Range<usize>>) -> Self {
        regions.sort_by_key(|r| (r.start, r.end));
        self.regions = Some(regions);
        self
    }
}

/// Reuse found in a collection (`dangjian reuse --format json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReuseReport {
    /// Documents in the collection.
    pub documents: usize,
    /// Clusters, largest first.
    pub clusters: Vec<Cluster>,
    /// How the work went (not serialized).
    #[serde(skip)]
    pub stats: Stats,
}

/// One passage shared by several documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Index of the cluster in the report.
    pub id: usize,
    /// Match characters (letters and digits) of the passage in `first` (or
    /// in the first member when none is dated).
    pub chars: usize,
    /// The passage, normalized, as it stands in that member.
    pub text: String,
    /// Index into `members` of the earliest dated member, the likely source;
    /// `null` when no member is dated.
    pub first: Option<usize>,
    /// The documents that carry the passage: dated ones by date, then the
    /// undated ones.
    pub members: Vec<Member>,
}

/// A document's copy of a cluster's passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Document id.
    pub id: String,
    /// Document path.
    pub path: Option<String>,
    /// Document place.
    pub place: Option<String>,
    /// Document date.
    pub date: Option<String>,
    /// Byte span `[start, end)` of the passage in the document's text.
    pub span: [usize; 2],
    /// The passage as the document writes it (original script).
    pub text: String,
    /// Match characters of this copy.
    pub chars: usize,
}

/// Counts of the work done, for benchmarks and progress reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Hash partitions (groups of postings read back a round each).
    pub partitions: usize,
    /// Whether the postings went to temporary files (more than
    /// `postings_per_pass` of them).
    pub spilled: bool,
    /// Postings in the largest partition.
    pub max_postings: usize,
    /// N-grams found in more than `max_df` documents.
    pub common_ngrams: usize,
    /// Seeds (shared rare n-gram positions of document pairs) counted.
    pub counted_seeds: usize,
    /// Seeds kept: those of the pairs the sketch lets through.
    pub seeds: usize,
    /// Counters a row of the pair sketch.
    pub sketch_counters: usize,
    /// Pair sketches chained (one, or more for a large collection).
    pub pair_sketches: usize,
    /// Document pairs with enough seeds to align.
    pub candidate_pairs: usize,
    /// Alignments that passed the length test.
    pub links: usize,
}

/// Configures a [`Reuse`] finder.
///
/// ```
/// let finder = dangjian::reuse::Reuse::builder()
///     .min_chars(40)
///     .max_df(50)
///     .stock_phrases(["本地区的固定说法"])
///     .build();
/// assert_eq!(finder.min_chars(), 40);
/// ```
#[derive(Debug, Clone)]
pub struct ReuseBuilder {
    min_chars: usize,
    ngram: usize,
    max_df: usize,
    postings_per_pass: usize,
    pair_counters: usize,
    max_gap: u32,
    min_seeds: usize,
    builtin_stock: bool,
    extra_stock: Vec<String>,
    normalizer: Option<Normalizer>,
    temp_dir: Option<std::path::PathBuf>,
    spill: bool,
}

impl Default for ReuseBuilder {
    fn default() -> Self {
        ReuseBuilder {
            min_chars: 30,
            ngram: 5,
            max_df: 100,
            postings_per_pass: 12_000_000,
            pair_counters: 1 << 26,
            max_gap: 48,
            min_seeds: 4,
            builtin_stock: true,
            extra_stock: Vec::new(),
            normalizer: None,
            temp_dir: None,
            spill: true,
        }
    }
}

impl ReuseBuilder {
    /// Shortest passage, in letters and digits (default 30): the longer
    /// copy needs nine tenths of it, the shorter eight tenths, and both two
    /// thirds of it outside stock phrases and common n-grams.
    pub fn min_chars(mut self, n: usize) -> Self {
        self.min_chars = n;
        self
    }
    /// N-gram length in characters (default 5; at least 2).
    pub fn ngram(mut self, n: usize) -> Self {
        self.ngram = n.max(2);
        self
    }
    /// An n-gram in more documents than this is common, not evidence
    /// (default 100).
    pub fn max_df(mut self, n: usize) -> Self {
        self.max_df = n.max(2);
        self
    }
    /// Postings held in memory at once; more postings go to temporary
    /// files and are read back in hash partitions of this many, one pass
    /// each (default 12 million, about 200 MB).
    pub fn postings_per_pass(mut self, n: usize) -> Self {
        self.postings_per_pass = n.max(1);
        self
    }
    /// Most counters a row of the sketch that counts the seeds of document
    /// pairs (default 2^26: 64 MB for its two rows of 4-bit counters; fewer
    /// for small collections). A smaller sketch lets more pairs through to exact
    /// counting; it never loses one.
    pub fn pair_counters(mut self, n: usize) -> Self {
        self.pair_counters = n.max(1);
        self
    }
    /// Largest distance between two seeds of one passage (default 48).
    pub fn max_gap(mut self, n: u32) -> Self {
        self.max_gap = n.max(1);
        self
    }
    /// Where the temporary files of a large collection go (default: the
    /// system's, `TMPDIR`); 16 bytes a letter or digit of the collection,
    /// removed when the search ends.
    pub fn temp_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.temp_dir = Some(dir.into());
        self
    }
    /// Whether the stock phrases of `data/reuse-stock.txt` apply (default
    /// yes).
    pub fn builtin_stock(mut self, yes: bool) -> Self {
        self.builtin_stock = yes;
        self
    }
    /// More stock phrases (a region's own formulations, a site's footer).
    pub fn stock_phrases<S: AsRef<str>>(mut self, phrases: impl IntoIterator<Item = S>) -> Self {
        self.extra_stock
            .extend(phrases.into_iter().map(|s| s.as_ref().to_string()));
        self
    }
    /// The normalizer (default: the library's).
    pub fn normalizer(mut self, n: Normalizer) -> Self {
        self.normalizer = Some(n);
        self
    }
    /// Builds the finder.
    pub fn build(self) -> Reuse {
        let normalizer = self.normalizer.clone().unwrap_or_default();
        let mut stock = FxHashSet::default();
        let builtin = self
            .builtin_stock
            .then(|| STOCK.lines())
            .into_iter()
            .flatten()
            .map(str::to_string);
        for line in builtin.chain(self.extra_stock.iter().cloned()) {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let m = MatchText::new(&normalizer, line, None);
            stock.extend(text::gram_hashes(&m.chars, self.ngram));
        }
        Reuse {
            options: self,
            normalizer,
            stock,
        }
    }
}

/// The reuse finder: build once, run on collections.
#[derive(Debug, Clone)]
pub struct Reuse {
    options: ReuseBuilder,
    normalizer: Normalizer,
    stock: FxHashSet<u64>,
}

impl Default for Reuse {
    fn default() -> Self {
        static DEFAULT: LazyLock<Reuse> = LazyLock::new(|| ReuseBuilder::default().build());
        DEFAULT.clone()
    }
}

/// A seed with its document pair: `pair` is `(a << 32) | b`, `a < b`.
type PairSeed = (u64, u32, u32);

/// An n-gram occurrence: `(hash, document, position)`.
type Posting = (u64, u32, u32);

/// The common n-grams of a collection (in more than `max_df` documents), as
/// a sorted list: eight bytes each, no table overhead.
#[derive(Debug, Clone, Default)]
struct Common(Vec<u64>);

impl Common {
    fn new(mut hashes: Vec<u64>) -> Self {
        hashes.par_sort_unstable();
        hashes.dedup();
        hashes.shrink_to_fit();
        Common(hashes)
    }
    fn contains(&self, h: u64) -> bool {
        self.0.binary_search(&h).is_ok()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

impl Reuse {
    /// A builder with the defaults.
    pub fn builder() -> ReuseBuilder {
        ReuseBuilder::default()
    }

    /// The minimum passage length.
    pub fn min_chars(&self) -> usize {
        self.options.min_chars
    }

    /// Letters and digits of `text` that are not covered by stock phrases:
    /// the length the `min_chars` test sees (common n-grams of a collection
    /// aside).
    ///
    /// ```
    /// let r = dangjian::reuse::Reuse::default();
    /// assert_eq!(r.novel_chars("坚持以习近平新时代中国特色社会主义思想为指导"), 0);
    /// assert_eq!(r.novel_chars("全市共建成党群服务中心八十个"), 14);
    /// ```
    pub fn novel_chars(&self, text: &str) -> usize {
        let m = MatchText::new(&self.normalizer, text, None);
        let mask = self.mask(&m.chars, &Common::default());
        mask.iter().filter(|c| !**c).count()
    }

    /// Which match characters are covered by stock or common n-grams.
    fn mask(&self, chars: &[char], common: &Common) -> Vec<bool> {
        let n = self.options.ngram;
        let mut mask = vec![false; chars.len()];
        for (i, h) in text::gram_hashes(chars, n).into_iter().enumerate() {
            if self.stock.contains(&h) || common.contains(h) {
                mask[i..i + n].iter_mut().for_each(|m| *m = true);
            }
        }
        mask
    }

    fn prepare(&self, d: &ReuseDocument) -> MatchText {
        MatchText::new(&self.normalizer, &d.text, d.regions.as_deref())
    }

    /// Finds the passages that documents of `docs` share.
    pub fn find(&self, docs: &[ReuseDocument]) -> ReuseReport {
        match self.find_in(docs) {
            Ok(r) => r,
            // Temporary files could not be written: the postings stay in
            // memory instead.
            Err(_) => {
                let mut roomy = self.clone();
                roomy.options.spill = false;
                roomy.find_in(docs).unwrap_or_default()
            }
        }
    }

    /// Finds the passages that documents of `source` share, reading each
    /// document once to index it and again only when it is aligned or
    /// reported: the texts are never all held. Fails only when the
    /// temporary files of a large collection cannot be written or read.
    pub fn find_in<S: DocumentSource + ?Sized>(&self, source: &S) -> crate::Result<ReuseReport> {
        let mut stats = Stats::default();
        let (seeds, common, documents) = self.candidates(source, &mut stats)?;
        let links = self.align_pairs(source, &seeds, &common, &mut stats);
        drop(seeds);
        let clusters = self.build_clusters(source, &links);
        Ok(ReuseReport {
            documents,
            clusters,
            stats,
        })
    }

    /// Map (once) → shuffle → reduce, one hash partition at a time, in two
    /// rounds: the first counts the seeds of every document pair in a
    /// fixed-size [`sketch::PairSketch`] and finds the common n-grams; the
    /// second keeps the seeds of the pairs that can have `min_seeds` of
    /// them. Returns those seeds sorted by pair, the common n-grams and the
    /// number of documents.
    fn candidates<S: DocumentSource + ?Sized>(
        &self,
        source: &S,
        stats: &mut Stats,
    ) -> crate::Result<(Vec<PairSeed>, Common, usize)> {
        let (mut buckets, documents) = self.map_all(source)?;
        let spill_err = |e| crate::Error::io(&self.temp_dir(), e);
        let est = buckets.total();
        stats.spilled = buckets.spilled();
        let parts = buckets.partitions(self.options.postings_per_pass);
        // One partition in memory is read once and kept for every round.
        let keep = parts.len() == 1 && !buckets.spilled();
        stats.partitions = parts.len();
        let max_df = self.options.max_df;
        let min_seeds = self.options.min_seeds;
        // Room for the pairs of a small collection too (64 KB), so that its
        // real pairs alone do not look like collisions.
        let sketch_size = est.max(1 << 16).min(self.options.pair_counters);
        let sketch = sketch::PairSketch::new(sketch_size);
        stats.sketch_counters = sketch.counters();
        // One partition: its postings, sorted once, serve every round.
        let mut kept_postings: Option<Vec<Posting>> = None;
        let read = |buckets: &mut postings::Buckets,
                    kept: &mut Option<Vec<Posting>>,
                    r: &Range<usize>|
         -> crate::Result<Vec<Posting>> {
            if let Some(p) = kept.take() {
                return Ok(p);
            }
            let mut p = buckets.read(r.clone(), keep).map_err(spill_err)?;
            p.par_sort_unstable();
            Ok(p)
        };
        // Round 1: count the seeds of every pair; collect common n-grams.
        let mut common: Vec<u64> = Vec::new();
        let mut counted = 0usize;
        for r in &parts {
            let postings = read(&mut buckets, &mut kept_postings, r)?;
            stats.max_postings = stats.max_postings.max(postings.len());
            let runs = hash_runs(&postings);
            let (part_common, part_seeds) = runs
                .par_iter()
                .map(|run| {
                    let mut common = Vec::new();
                    let mut seeds = 0usize;
                    for g in run.chunk_by(|x, y| x.0 == y.0) {
                        let df = distinct_docs(g);
                        if df > max_df {
                            common.push(g[0].0);
                        } else if df >= 2 {
                            seeds += for_each_pair(g, |key, w| sketch.add(key, w, min_seeds));
                        }
                    }
                    (common, seeds)
                })
                .reduce(
                    || (Vec::new(), 0),
                    |(mut c, s), (c2, s2)| {
                        c.extend(c2);
                        (c, s + s2)
                    },
                );
            common.extend(part_common);
            counted += part_seeds;
            if keep {
                kept_postings = Some(postings);
            }
        }
        let common = Common::new(common);
        // A chained sketch takes the room of postings: later rounds read
        // smaller partitions, so that memory stays that of the first round
        // (a partition and one sketch) however many sketches a large
        // collection chains.
        let sketch_postings = sketch.counters() / 16;
        let floor = (self.options.postings_per_pass / 4).max(1);
        let parts_with = |buckets: &postings::Buckets, sketches: usize| {
            if keep {
                return parts.clone();
            }
            let room = self
                .options
                .postings_per_pass
                .saturating_sub((sketches - 1) * sketch_postings)
                .max(floor);
            buckets.partitions(room)
        };
        let rare = |g: &&[Posting]| g.len() >= 2 && (2..=max_df).contains(&distinct_docs(g));
        // When a large collection fills the sketch, many pairs pass it by
        // collisions alone: their seeds are counted again in a fresh
        // sketch, which only the pairs that passed the first one fill.
        let mut sketches = vec![sketch];
        while sketches.len() < MAX_SKETCHES
            && sketches
                .last()
                .is_some_and(|s| s.pass_rate(min_seeds) > MAX_PASS_RATE)
        {
            let next = sketch::PairSketch::new(sketch_size);
            let passes = |key: u64| sketches.iter().all(|s| s.at_least(key, min_seeds));
            for r in &parts_with(&buckets, sketches.len() + 1) {
                let postings = read(&mut buckets, &mut kept_postings, r)?;
                hash_runs(&postings).par_iter().for_each(|run| {
                    for g in run.chunk_by(|x, y| x.0 == y.0).filter(rare) {
                        for_each_pair(g, |key, w| {
                            if passes(key) {
                                next.add(key, w, min_seeds);
                            }
                        });
                    }
                });
                if keep {
                    kept_postings = Some(postings);
                }
            }
            sketches.push(next);
        }
        stats.pair_sketches = sketches.len();
        // Last round: the seeds of the pairs every sketch lets through.
        let passes = |key: u64| sketches.iter().all(|s| s.at_least(key, min_seeds));
        let mut seeds: Vec<PairSeed> = Vec::new();
        for r in &parts_with(&buckets, sketches.len()) {
            let postings = read(&mut buckets, &mut kept_postings, r)?;
            let runs = hash_runs(&postings);
            seeds.par_extend(runs.par_iter().flat_map_iter(|run| {
                run.chunk_by(|x, y| x.0 == y.0)
                    .filter(rare)
                    .flat_map(|g| pair_seeds(g, passes))
            }));
        }
        drop(sketches);
        drop(buckets);
        seeds.par_sort_unstable();
        stats.common_ngrams = common.len();
        stats.counted_seeds = counted;
        stats.seeds = seeds.len();
        Ok((seeds, common, documents))
    }

    /// Where temporary files go.
    fn temp_dir(&self) -> std::path::PathBuf {
        self.options
            .temp_dir
            .clone()
            .unwrap_or_else(std::env::temp_dir)
    }

    /// The map, once over the collection: `(hash, document, position)` of
    /// every n-gram (stock phrases aside) into hash buckets, which spill to
    /// temporary files past `postings_per_pass`. Documents are read and
    /// mapped in blocks, so that no more than a block's texts are held.
    /// Returns the buckets and the number of documents (an entry whose id
    /// an earlier one has is left out when the source asks for it).
    fn map_all<S: DocumentSource + ?Sized>(
        &self,
        source: &S,
    ) -> crate::Result<(postings::Buckets, usize)> {
        const BLOCK: usize = 1024;
        let n = self.options.ngram;
        let limit = if self.options.spill {
            self.options.postings_per_pass
        } else {
            usize::MAX
        };
        let temp = self.temp_dir();
        let mut buckets = postings::Buckets::new(limit, temp.clone());
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut documents = 0usize;
        let len = source.len();
        for start in (0..len).step_by(BLOCK) {
            let got: Vec<Option<(String, Vec<Posting>)>> = (start..(start + BLOCK).min(len))
                .into_par_iter()
                .map(|i| {
                    let d = source.load(i)?;
                    let m = self.prepare(&d);
                    let ps = m
                        .chars
                        .windows(n)
                        .map(text::gram_hash)
                        .enumerate()
                        .filter(|(_, h)| !self.stock.contains(h))
                        .map(|(p, h)| (h, i as u32, p as u32))
                        .collect();
                    let id = if source.unique_ids() {
                        d.id.clone()
                    } else {
                        String::new()
                    };
                    Some((id, ps))
                })
                .collect();
            for (id, ps) in got.into_iter().flatten() {
                if source.unique_ids() && !seen.insert(id) {
                    continue;
                }
                documents += 1;
                buckets.push(&ps).map_err(|e| crate::Error::io(&temp, e))?;
            }
        }
        buckets.finish().map_err(|e| crate::Error::io(&temp, e))?;
        Ok((buckets, documents))
    }

    /// Aligns the candidate pairs; returns the links that pass the length
    /// test.
    fn align_pairs<S: DocumentSource + ?Sized>(
        &self,
        source: &S,
        seeds: &[PairSeed],
        common: &Common,
        stats: &mut Stats,
    ) -> Vec<cluster::Link> {
        // A pair is aligned when its seeds alone make a promising chain:
        // enough seeds on one diagonal, spread over a third of a passage.
        let pairs: Vec<&[PairSeed]> = seeds
            .chunk_by(|x, y| x.0 == y.0)
            .collect::<Vec<_>>()
            .into_par_iter()
            .filter(|g| g.len() >= self.options.min_seeds && self.promising(g))
            .collect();
        stats.candidate_pairs = pairs.len();
        // Pairs of one first document together: it is read and prepared
        // once; the second one of each pair is read back from the source.
        let by_a: Vec<&[&[PairSeed]]> = pairs
            .chunk_by(|x, y| x[0].0 >> 32 == y[0].0 >> 32)
            .collect();
        let links: Vec<cluster::Link> = by_a
            .par_iter()
            .flat_map_iter(|group| {
                let a = (group[0][0].0 >> 32) as usize;
                let mut out = Vec::new();
                let Some(da) = source.load(a) else {
                    return out;
                };
                let ma = self.prepare(&da);
                drop(da);
                let mask_a = self.mask(&ma.chars, common);
                for pair in group.iter() {
                    let b = (pair[0].0 & 0xffff_ffff) as usize;
                    let Some(db) = source.load(b) else {
                        continue;
                    };
                    let mb = self.prepare(&db);
                    drop(db);
                    let mask_b = self.mask(&mb.chars, common);
                    out.extend(
                        self.align_pair(&ma, &mask_a, &mb, &mask_b, pair)
                            .into_iter()
                            .map(|(ra, rb)| cluster::Link {
                                docs: [a as u32, b as u32],
                                spans: [ra, rb],
                            }),
                    );
                }
                out
            })
            .collect();
        stats.links = links.len();
        links
    }

    /// Seed chains of a pair, in match-character positions.
    fn chains_of(&self, seeds: &[PairSeed]) -> Vec<align::Chain> {
        let s: Vec<align::Seed> = seeds
            .iter()
            .map(|&(_, a, b)| align::Seed { a, b })
            .collect();
        align::chains(&s, self.options.max_gap, self.options.max_gap / 2)
            .into_iter()
            .filter(|c| self.chain_promising(c))
            .collect()
    }

    fn chain_promising(&self, c: &align::Chain) -> bool {
        let span = match (c.seeds.first(), c.seeds.last()) {
            (Some(f), Some(l)) => (l.a - f.a) as usize + self.options.ngram,
            _ => 0,
        };
        c.seeds.len() >= self.options.min_seeds && 3 * span >= self.options.min_chars
    }

    fn promising(&self, seeds: &[PairSeed]) -> bool {
        !self.chains_of(seeds).is_empty()
    }

    /// The passages one pair shares.
    fn align_pair(
        &self,
        ma: &MatchText,
        mask_a: &[bool],
        mb: &MatchText,
        mask_b: &[bool],
        seeds: &[PairSeed],
    ) -> Vec<(Range<usize>, Range<usize>)> {
        let n = self.options.ngram;
        let mut found: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for chain in self.chains_of(seeds) {
            let inside = chain.seeds.iter().all(|s| {
                found
                    .iter()
                    .any(|(ra, rb)| ra.contains(&(s.a as usize)) && rb.contains(&(s.b as usize)))
            });
            if inside {
                continue;
            }
            let Some(al) = align::align(&ma.chars, &mb.chars, &chain, n, 2 * n + 10) else {
                continue;
            };
            let novel = |mask: &[bool], r: &Range<usize>| {
                mask.get(r.clone())
                    .map_or(0, |m| m.iter().filter(|x| !**x).count())
            };
            let (na, nb) = (novel(mask_a, &al.a), novel(mask_b, &al.b));
            let long_enough = self.long_enough(al.a.len(), al.b.len(), na, nb);
            if long_enough && al.matches * 2 >= al.columns {
                found.push((ma.trim_sentence_tails(al.a), mb.trim_sentence_tails(al.b)));
            }
        }
        found
    }

    /// The length test of an aligned passage of `ta` and `tb` letters and
    /// digits, `na` and `nb` of them outside stock and common n-grams. A
    /// copy may come out a tenth shorter than `min_chars` (letters dropped,
    /// an edited first or last character that the alignment leaves out), so
    /// the longer side needs nine tenths of it and the shorter eight
    /// tenths. Stock phrases are discounted without erasing the passage
    /// around them: two thirds of `min_chars` outside them, on both sides,
    /// is enough, so a sentence that begins with a stock phrase still
    /// counts and a stock phrase alone never does.
    fn long_enough(&self, ta: usize, tb: usize, na: usize, nb: usize) -> bool {
        let min = self.options.min_chars;
        10 * ta.max(tb) >= 9 * min && 10 * ta.min(tb) >= 8 * min && 3 * na.min(nb) >= 2 * min
    }

    /// Clusters the links and fills in the members.
    fn build_clusters<S: DocumentSource + ?Sized>(
        &self,
        source: &S,
        links: &[cluster::Link],
    ) -> Vec<Cluster> {
        let groups = cluster::clusters(links);
        // What each document must report: (cluster, member slot, range).
        let mut wanted: Vec<(u32, usize, usize, Range<usize>)> = Vec::new();
        for (c, g) in groups.iter().enumerate() {
            for (k, (d, r)) in g.iter().enumerate() {
                wanted.push((*d, c, k, r.clone()));
            }
        }
        wanted.sort_by_key(|w| w.0);
        let filled: Vec<(usize, usize, Member, String)> = wanted
            .chunk_by(|x, y| x.0 == y.0)
            .collect::<Vec<_>>()
            .par_iter()
            .flat_map_iter(|ws| {
                let Some(d) = source.load(ws[0].0 as usize) else {
                    return Vec::new();
                };
                let m = self.prepare(&d);
                ws.iter()
                    .map(|(_, c, k, r)| {
                        let (s, e) = m.original_span(r.start, r.end);
                        let member = Member {
                            id: d.id.clone(),
                            path: d.path.clone(),
                            place: d.place.clone(),
                            date: d.date.clone(),
                            span: [s, e],
                            text: d.text.get(s..e).unwrap_or("").to_string(),
                            chars: r.len(),
                        };
                        (
                            *c,
                            *k,
                            member,
                            m.normalized_text(r.start, r.end).to_string(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut members: Vec<Vec<Option<(Member, String)>>> =
            groups.iter().map(|g| vec![None; g.len()]).collect();
        for (c, k, m, t) in filled {
            members[c][k] = Some((m, t));
        }
        let mut clusters: Vec<Cluster> = members
            .into_iter()
            .map(|ms| {
                let mut ms: Vec<(Member, String)> = ms.into_iter().flatten().collect();
                ms.sort_by(|x, y| {
                    let (a, b) = (&x.0, &y.0);
                    match (&a.date, &b.date) {
                        (Some(p), Some(q)) => p.cmp(q).then_with(|| a.path.cmp(&b.path)),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                });
                let first = ms.first().and_then(|m| m.0.date.as_ref()).map(|_| 0);
                let (chars, text) = ms
                    .first()
                    .map(|(m, t)| (m.chars, t.clone()))
                    .unwrap_or_default();
                Cluster {
                    id: 0,
                    chars,
                    text,
                    first,
                    members: ms.into_iter().map(|(m, _)| m).collect(),
                }
            })
            .collect();
        clusters.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then(b.chars.cmp(&a.chars))
                .then_with(|| a.text.cmp(&b.text))
        });
        for (i, c) in clusters.iter_mut().enumerate() {
            c.id = i;
        }
        clusters
    }
}

/// Distinct documents among a hash's postings (sorted by document).
fn distinct_docs(g: &[Posting]) -> usize {
    g.chunk_by(|x, y| x.1 == y.1).count()
}

/// Sorted postings cut into runs of whole hashes, a few per thread, for
/// the reducers to share out (a hash's postings stay in one run).
fn hash_runs(postings: &[Posting]) -> Vec<&[Posting]> {
    let want = 8 * rayon::current_num_threads();
    let step = postings.len().div_ceil(want).max(1);
    let mut runs = Vec::with_capacity(want + 1);
    let mut rest = postings;
    while !rest.is_empty() {
        let mut cut = step.min(rest.len());
        while cut < rest.len() && rest[cut].0 == rest[cut - 1].0 {
            cut += 1;
        }
        let (run, tail) = rest.split_at(cut);
        runs.push(run);
        rest = tail;
    }
    runs
}

/// Most pair sketches chained (each one as large as the first).
const MAX_SKETCHES: usize = 3;

/// Share of pairs a sketch may let through by collisions (the product of
/// its rows' shares of full counters) before a further sketch is chained.
const MAX_PASS_RATE: f64 = 5e-4;

/// Positions of one n-gram kept per document: a phrase repeated more often
/// inside one document adds nothing.
const MAX_REPEATS: usize = 3;

/// A hash's postings per document, at most [`MAX_REPEATS`] each.
fn per_doc(g: &[Posting]) -> Vec<&[Posting]> {
    g.chunk_by(|x, y| x.1 == y.1)
        .map(|d| &d[..d.len().min(MAX_REPEATS)])
        .collect()
}

/// The key of a document pair: `(a << 32) | b`.
fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Calls `f(pair, seeds)` for every document pair of one hash's postings
/// with the number of seeds [`pair_seeds`] gives it; returns their sum.
fn for_each_pair(g: &[Posting], mut f: impl FnMut(u64, u32)) -> usize {
    let docs = per_doc(g);
    let mut total = 0;
    for (i, da) in docs.iter().enumerate() {
        for db in &docs[i + 1..] {
            let w = da.len() * db.len();
            f(pair_key(da[0].1, db[0].1), w as u32);
            total += w;
        }
    }
    total
}

/// The seeds of one hash's postings: every pair of positions in two
/// different documents, for the document pairs `keep` accepts.
fn pair_seeds(g: &[Posting], keep: impl Fn(u64) -> bool) -> Vec<PairSeed> {
    let docs = per_doc(g);
    let mut out = Vec::new();
    for (i, da) in docs.iter().enumerate() {
        for db in &docs[i + 1..] {
            let key = pair_key(da[0].1, db[0].1);
            if !keep(key) {
                continue;
            }
            for x in da.iter() {
                for y in db.iter() {
                    out.push((key, x.2, y.2));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSAGE: &str = "区委组织部联合民政部门在各街道试行社区工作者星级评定制度，把入户走访、矛盾调解和为民办事的情况作为评定依据，评定结果与绩效报酬挂钩";

    const HEADS: [&str; 12] = [
        "春风送暖入屠苏",
        "秋高气爽登山远",
        "长河落日圆如镜",
        "大漠孤烟直上天",
        "明月松间照清泉",
        "野火烧不尽草木",
        "千山鸟飞绝径踪",
        "白日依山尽黄河",
        "两岸猿声啼不住",
        "孤帆远影碧空尽",
        "独在异乡为异客",
        "海内存知己天涯",
    ];

    fn doc(id: &str, text: String) -> ReuseDocument {
        ReuseDocument::new(id, text)
    }

    #[test]
    fn one_paragraph_in_twelve_documents_is_one_cluster() {
        let docs: Vec<ReuseDocument> = (0..12)
            .map(|i| {
                doc(
                    &i.to_string(),
                    format!(
                        "{}。{PASSAGE}。{}。",
                        HEADS[i],
                        HEADS[11 - i].chars().rev().collect::<String>()
                    ),
                )
                .with_date(format!("2024-{:02}-01", 12 - i))
            })
            .collect();
        let r = Reuse::default().find(&docs);
        assert_eq!(r.clusters.len(), 1, "{:#?}", r.clusters);
        let c = &r.clusters[0];
        assert_eq!(c.members.len(), 12);
        assert_eq!(c.first, Some(0));
        assert_eq!(c.members[0].id, "11");
        assert_eq!(c.members[0].text, PASSAGE);
    }

    #[test]
    fn traditional_copy_with_edits_is_found() {
        let trad = "區委組織部聯合民政部門在各街道試行社區工作者星級評定製度，把入戶走訪、調解和為民辦事的情況作為評定依據，評定結果與績效報酬掛鈎";
        let docs = vec![
            doc("s", format!("前言部分。{PASSAGE}。后记。")),
            doc("t", format!("報道開頭。{trad}。報道結尾。")),
        ];
        let r = Reuse::default().find(&docs);
        assert_eq!(r.clusters.len(), 1);
        let m = r.clusters[0].members.iter().find(|m| m.id == "t").unwrap();
        assert_eq!(m.text, trad);
        assert_eq!(r.clusters[0].first, None);
    }

    #[test]
    fn stock_phrases_alone_link_nothing() {
        let stock = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，增强“四个意识”、坚定“四个自信”、做到“两个维护”";
        let docs = vec![
            doc("a", format!("{stock}，全市新建党群服务中心十个。")),
            doc("b", format!("{stock}，本县开展培训二十场次。")),
        ];
        assert!(Reuse::default().find(&docs).clusters.is_empty());
    }

    #[test]
    fn short_shared_phrases_are_not_passages() {
        let docs = vec![
            doc(
                "a",
                "他们坚持把社区作为服务群众的第一线，效果很好。".to_string(),
            ),
            doc(
                "b",
                "我们也坚持把社区作为服务群众的第一线，反响不错。".to_string(),
            ),
        ];
        assert!(Reuse::default().find(&docs).clusters.is_empty());
    }

    #[test]
    fn a_tiny_pair_sketch_finds_the_same() {
        let docs: Vec<ReuseDocument> = (0..6)
            .map(|i| {
                doc(
                    &i.to_string(),
                    format!("{}。{PASSAGE}。{}。", HEADS[i], HEADS[i + 6]),
                )
            })
            .collect();
        let roomy = Reuse::default().find(&docs);
        let tiny = Reuse::builder().pair_counters(1).build().find(&docs);
        assert_eq!(tiny.stats.sketch_counters, 1024);
        assert_eq!(roomy.clusters, tiny.clusters);
        assert_eq!(roomy.stats.candidate_pairs, tiny.stats.candidate_pairs);
        assert!(tiny.stats.seeds <= tiny.stats.counted_seeds);
    }

    #[test]
    fn a_full_sketch_is_followed_by_more() {
        let docs: Vec<ReuseDocument> = (0..12)
            .map(|i| doc(&i.to_string(), format!("{}。{PASSAGE}。", HEADS[i])))
            .collect();
        let roomy = Reuse::default().find(&docs);
        assert_eq!(roomy.stats.pair_sketches, 1);
        let tiny = Reuse::builder().pair_counters(1).build().find(&docs);
        assert_eq!(tiny.stats.pair_sketches, MAX_SKETCHES);
        assert_eq!(roomy.clusters, tiny.clusters);
        assert_eq!(roomy.clusters.len(), 1);
    }

    #[test]
    fn a_passage_starts_and_ends_at_its_sentence_not_in_a_neighbours_tail() {
        // The sentences before the copy end alike (能力。 / 战斗力。), and so
        // do the ones after it begin alike (会议要求… / 会上…): the
        // alignment runs on across both sentence ends by a letter.
        let sentence = "街道党工委把辖区内的物业企业和业主委员会纳入网格管理，每月召开一次联席会议研究解决群众反映的问题";
        let docs = vec![
            doc(
                "a",
                format!("全面提升基层组织的服务能力。{sentence}。会议要求各社区抓好落实。"),
            ),
            doc(
                "b",
                format!("着力增强党支部的战斗力。{sentence}。会上还通报了有关情况。"),
            ),
        ];
        for min in [12, 30] {
            let r = Reuse::builder().min_chars(min).build().find(&docs);
            assert_eq!(r.clusters.len(), 1, "{:#?}", r.clusters);
            for m in &r.clusters[0].members {
                assert_eq!(m.text, sentence, "{min}");
            }
        }
    }

    #[test]
    fn many_partitions_find_the_same() {
        let docs = vec![
            doc("a", format!("开头。{PASSAGE}。")),
            doc("b", format!("{PASSAGE}。另一结尾。")),
        ];
        let one = Reuse::default().find(&docs);
        let many = Reuse::builder().postings_per_pass(10).build().find(&docs);
        assert!(many.stats.partitions > 1);
        assert_eq!(one.clusters, many.clusters);
    }
}
