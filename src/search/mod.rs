//! The searchable archive: an embedded [tantivy] index of analyses, with
//! Chinese that finds what it should, facets from the analysis (place as a
//! hierarchy, year, formulation …) and claims as rows.
//!
//! ```text
//!  Analysis ─▶ ArchiveWriter::add ─▶ DIR (tantivy segments + dangjian-search.json)
//!                                      │
//!  SearchRequest ─▶ Archive::search ───┤─▶ SearchResults { hits (snippets, spans), facets }
//!  ClaimsRequest ─▶ Archive::claims ───┘─▶ ClaimResults { rows }
//! ```
//!
//! One tantivy document per analysed document (`kind:doc`) and one per
//! claim (`kind:claim`, carrying its document's id, date, source and the
//! claim's own place), so that claims are filtered and ranged on the index
//! itself. Adding a document deletes every earlier entry with the same id
//! or path first: a document indexed twice is there once.
//!
//! ```
//! use dangjian::search::{Archive, SearchRequest};
//! use dangjian::{Document, Pipeline};
//! let dir = std::env::temp_dir().join(format!("dangjian-search-doc-{}", std::process::id()));
//! let _ = std::fs::remove_dir_all(&dir);
//! let archive = Archive::create(&dir).unwrap();
//! let mut w = archive.writer(1).unwrap();
//! let a = Pipeline::default().analyze(&Document::from_text("桂林市：1.35萬名機關黨員到社區報到。".to_string()));
//! w.add(&a).unwrap();
//! w.commit().unwrap();
//! archive.reload().unwrap();
//! let r = archive.search(&SearchRequest::new().query("机关党员")).unwrap();
//! assert_eq!(r.total, 1);
//! assert!(r.hits[0].snippets[0].text.contains("**機關黨員**"));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

pub mod export;
pub mod query;
pub mod schema;
mod snippet;
pub mod tokenize;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, SegmentReader,
    TantivyDocument, TantivyError, Term,
};

use crate::analysis::Analysis;
use crate::error::{Error, ErrorKind, Result};
use crate::places::Gazetteer;
use crate::segment::Segmenter;

pub use query::{QField, QueryError};
use schema::Fields;
pub use snippet::Snippet;
use tokenize::{BIGRAMS, UNIGRAMS, WORDS, chars_of, normalize};

/// Most documents a claims query with a text query or document filters
/// draws its claims from.
pub const MAX_PARENT_DOCUMENTS: usize = 200_000;

/// Filters shared by document and claim searches (the CLI's options).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// A place by name or six-digit code; its subdivisions are included.
    pub place: Option<String>,
    /// First date, `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`).
    pub from: Option<String>,
    /// Last date, `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`).
    pub to: Option<String>,
    /// One year.
    pub year: Option<u32>,
    /// Source, exactly (after normalization).
    pub source: Option<String>,
    /// A formulation (canonical, simplified).
    pub formulation: Option<String>,
    /// A slogan or term.
    pub slogan: Option<String>,
    /// `simplified`, `traditional` or `mixed`.
    pub script: Option<String>,
    /// An indicator: documents with a claim of it; for claims, the claim's.
    pub indicator: Option<String>,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// BM25 relevance (the default).
    #[default]
    Score,
    /// Newest first.
    Date,
}

/// A document search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The query ([`query`] syntax); `None` matches every document.
    pub query: Option<String>,
    /// Filters.
    pub filters: Filters,
    /// Facets to count over all matching documents: `place`, `year`,
    /// `formulation`, `slogan`, `source`, `script`, `indicator`.
    pub facets: Vec<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order.
    pub sort: Sort,
    /// Snippets per hit.
    pub snippets: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: None,
            filters: Filters::default(),
            facets: Vec::new(),
            limit: 10,
            offset: 0,
            sort: Sort::Score,
            snippets: 2,
        }
    }
}

impl SearchRequest {
    /// Everything, ten hits by score.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the query.
    pub fn query(mut self, q: impl Into<String>) -> Self {
        self.query = Some(q.into());
        self
    }
    /// Sets the filters.
    pub fn filters(mut self, f: Filters) -> Self {
        self.filters = f;
        self
    }
    /// Restricts to a place and its subdivisions.
    pub fn place(mut self, p: impl Into<String>) -> Self {
        self.filters.place = Some(p.into());
        self
    }
    /// Restricts to a year.
    pub fn year(mut self, y: u32) -> Self {
        self.filters.year = Some(y);
        self
    }
    /// Asks for facets.
    pub fn facets<S: Into<String>>(mut self, f: impl IntoIterator<Item = S>) -> Self {
        self.facets = f.into_iter().map(Into::into).collect();
        self
    }
    /// Sets the number of hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }
    /// Sets the number of hits skipped.
    pub fn offset(mut self, n: usize) -> Self {
        self.offset = n;
        self
    }
    /// Sets the order.
    pub fn sort(mut self, s: Sort) -> Self {
        self.sort = s;
        self
    }
}

/// A claims search: the document query and filters, plus the claim's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimsRequest {
    /// Query, filters, limit, offset, order (`place`, `year`, dates and
    /// `source` apply to the claim: its own place, its document's date and
    /// source; `indicator` is the claim's).
    pub search: SearchRequest,
    /// Smallest value.
    pub min: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
    /// Unit, exactly (`名`, `个`, `%`, `元` …).
    pub unit: Option<String>,
}

/// A place, as in the `analyze` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitPlace {
    /// Name.
    pub name: String,
    /// Six-digit code.
    pub code: Option<String>,
    /// Level.
    pub level: String,
}

/// One document found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Path.
    pub path: Option<String>,
    /// BM25 score (`null` when sorted by date).
    pub score: Option<f32>,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Place.
    pub place: Option<HitPlace>,
    /// Passages with the matched words marked `**…**`.
    pub snippets: Vec<Snippet>,
}

/// Count of a place, with its subdivisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCount {
    /// Name.
    pub name: String,
    /// Code.
    pub code: String,
    /// Level.
    pub level: String,
    /// Matching documents in it (its subdivisions' included).
    pub count: u64,
    /// Subdivisions with matching documents.
    pub children: Vec<PlaceCount>,
}

/// Count of a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueCount {
    /// The value (a year is a number).
    pub value: serde_json::Value,
    /// Matching documents.
    pub count: u64,
}

/// One facet's counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Facet {
    /// `place`: a tree.
    Places(Vec<PlaceCount>),
    /// Any other facet.
    Values(Vec<ValueCount>),
}

/// The answer to a [`SearchRequest`]; the `search --format json` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: Option<String>,
    /// Matching documents.
    pub total: u64,
    /// Time taken.
    pub took_ms: u64,
    /// The hits asked for.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching documents.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facets: BTreeMap<String, Facet>,
}

/// One claim row: the columns of `dangjian claims` plus the document's
/// date and title and the score of the document's match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Document id.
    pub document: String,
    /// Document path.
    pub path: Option<String>,
    /// The claim's place.
    pub place: Option<String>,
    /// Time scope.
    pub period: Option<String>,
    /// What is counted.
    pub object: Option<String>,
    /// Indicator.
    pub indicator: String,
    /// Value.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Unit.
    pub unit: String,
    /// `over`, `about`, `under` or `null`.
    pub approx: Option<String>,
    /// Surface.
    pub text: String,
    /// Byte span start in the original text.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
    /// The sentence.
    pub sentence: String,
    /// Document date.
    pub date: Option<String>,
    /// Document title.
    pub title: Option<String>,
    /// Score of the document's match (`null` without a query).
    pub score: Option<f32>,
}

/// The answer to a [`ClaimsRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimResults {
    /// The query as given.
    pub query: Option<String>,
    /// Matching claims.
    pub total: u64,
    /// Time taken.
    pub took_ms: u64,
    /// The rows asked for.
    pub rows: Vec<ClaimRow>,
}

/// What is kept of a document in the index.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredDoc {
    /// The analysis.
    a: Analysis,
    /// Body paragraph starts: `[body offset, original offset]`.
    #[serde(default)]
    o: Vec<[usize; 2]>,
}

/// An archive: a search index on disk.
pub struct Archive {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    f: Fields,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish()
    }
}

fn config(msg: String) -> Error {
    Error::new(ErrorKind::Config, msg)
}

fn internal(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Internal,
        format!("search index {}: {e}", dir.display()),
    )
}

/// An error of tantivy in words a user can act on.
fn describe(dir: &Path, e: TantivyError) -> Error {
    let d = dir.display();
    match e {
        TantivyError::LockFailure(..) => config(format!(
            "search index {d} is locked: a build (`dangjian search-build` or `index --search`) is writing to it; wait for it to finish (searching meanwhile sees its last commit)"
        )),
        TantivyError::IncompatibleIndex(i) => config(format!(
            "search index {d} was written by an incompatible version of the index format ({i:?}); rebuild it: remove {d} and run `dangjian search-build {d} ARCHIVE.jsonl…`"
        )),
        TantivyError::DataCorruption(_)
        | TantivyError::OpenReadError(_)
        | TantivyError::OpenDirectoryError(_) => config(format!(
            "search index {d} is damaged ({e}); rebuild it: remove {d} and run `dangjian search-build {d} ARCHIVE.jsonl…` (or `dangjian index … --search {d}`)"
        )),
        TantivyError::IoError(io) => Error::new(
            ErrorKind::Io,
            format!("search index {d}: {io}; check the disk and the folder's permissions"),
        ),
        other => internal(dir, other),
    }
}

#[derive(Serialize, Deserialize)]
struct VersionFile {
    format: String,
    version: u32,
}

fn register_tokenizers(index: &Index) {
    let m = index.tokenizers();
    m.register(WORDS, tokenize::WordTokenizer::default());
    m.register(BIGRAMS, tokenize::BigramTokenizer::default());
    m.register(UNIGRAMS, tokenize::UnigramTokenizer::default());
}

/// Parses `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) into YYYYMMDD; a missing
/// month or day counts as 0 (or 99 for the end of a range).
fn date_number(s: &str, end: bool) -> Option<i64> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let num = |i: usize, max: i64| -> Option<i64> {
        match parts.get(i) {
            None => Some(if end { 99 } else { 0 }),
            Some(p) => p.parse::<i64>().ok().filter(|v| (1..=max).contains(v)),
        }
    };
    if parts.len() > 3 || parts[0].len() != 4 {
        return None;
    }
    let y = parts[0].parse::<i64>().ok()?;
    Some(y * 10000 + num(1, 12)? * 100 + num(2, 31)?)
}

/// Codes of a division and of every division above it.
fn ancestry(code: &str) -> Vec<String> {
    let g = Gazetteer::shared();
    let mut out = Vec::new();
    let mut cur = g.by_code(code);
    while let Some(p) = cur {
        if out.len() > 8 {
            break;
        }
        out.push(p.code.clone());
        cur = g.parent(p);
    }
    if out.is_empty() {
        out.push(code.to_string());
    }
    out
}

/// The codes a `--place` value stands for: a six-digit code, or every
/// division of that name (鼓楼区 is four).
fn place_codes(place: &str) -> Vec<String> {
    let p = normalize(place.trim());
    if p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()) {
        return vec![p];
    }
    Gazetteer::shared()
        .lookup(&p)
        .into_iter()
        .map(|pl| pl.code.clone())
        .collect()
}

/// The division a claim's place name stands for: within (or above) the
/// document's place when the name is ambiguous.
fn claim_place_codes(name: &str, doc_codes: &[String]) -> Vec<String> {
    let g = Gazetteer::shared();
    let cands = g.lookup(name);
    let pick = cands
        .iter()
        .find(|c| doc_codes.contains(&c.code))
        .or_else(|| {
            cands.iter().find(|c| {
                let anc = ancestry(&c.code);
                doc_codes.first().is_some_and(|d| anc.contains(d))
            })
        })
        .or_else(|| cands.first());
    pick.map(|p| ancestry(&p.code)).unwrap_or_default()
}

/// Where each body line starts in the original `text`: the body's
/// paragraphs are verbatim slices of it, in order.
pub fn locate_body(body: &str, text: &str) -> Option<Vec<[usize; 2]>> {
    let mut out = Vec::new();
    let mut at_body = 0usize;
    let mut cursor = 0usize;
    for line in body.split('\n') {
        if line.is_empty() {
            out.push([at_body, cursor]);
        } else {
            let found = text.get(cursor..)?.find(line)? + cursor;
            out.push([at_body, found]);
            cursor = found + line.len();
        }
        at_body += line.len() + 1;
    }
    Some(out)
}

/// The body paragraph offsets of an analysis: its own, or found by
/// reading its file again (an analysis read from `index` JSONL), when the
/// file still has the same bytes.
fn body_offsets(a: &Analysis) -> Vec<[usize; 2]> {
    if !a.body_offsets.is_empty() || a.body.is_empty() {
        return a.body_offsets.clone();
    }
    let Some(p) = a.path.as_deref() else {
        return Vec::new();
    };
    match crate::document::Document::from_path(p) {
        Ok(doc) if doc.id == a.id => locate_body(&a.body, &doc.text).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A document made ready for the index (on any thread): its tantivy
/// documents (the document and its claims).
pub struct Prepared {
    id: String,
    path: Option<String>,
    docs: Vec<TantivyDocument>,
}

fn term_q(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn any_of(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

impl Archive {
    /// Opens an existing archive for searching; the error says whether it is
    /// missing, of another version or damaged, and what to do.
    pub fn open(dir: impl AsRef<Path>) -> Result<Archive> {
        let dir = dir.as_ref();
        let d = dir.display();
        if !dir.is_dir() {
            return Err(config(format!(
                "no search index at {d}: build one with `dangjian search-build {d} ARCHIVE.jsonl…` or `dangjian index PATH… --search {d}`"
            )));
        }
        let vpath = dir.join(schema::VERSION_FILE);
        let has_meta = dir.join("meta.json").is_file();
        let version = match std::fs::read_to_string(&vpath) {
            Ok(s) => Some(s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&vpath, e)),
        };
        match (version, has_meta) {
            (None, false) => {
                return Err(config(format!(
                    "no search index at {d} (the folder has no meta.json): build one with `dangjian search-build {d} ARCHIVE.jsonl…` or `dangjian index PATH… --search {d}`"
                )));
            }
            (None, true) => {
                return Err(config(format!(
                    "{d} is a tantivy index but not a dangjian archive (no {}); rebuild it in an empty folder with `dangjian search-build`",
                    schema::VERSION_FILE
                )));
            }
            (Some(v), meta) => {
                let v: VersionFile = serde_json::from_str(&v).map_err(|e| {
                    config(format!(
                        "search index {d} is damaged ({} unreadable: {e}); rebuild it with `dangjian search-build`",
                        schema::VERSION_FILE
                    ))
                })?;
                if v.format != "dangjian-search" || v.version != schema::FORMAT_VERSION {
                    return Err(config(format!(
                        "search index {d} has layout {} version {}, this dangjian reads version {}: rebuild it (remove {d}, then `dangjian search-build {d} ARCHIVE.jsonl…`)",
                        v.format,
                        v.version,
                        schema::FORMAT_VERSION
                    )));
                }
                if !meta {
                    return Err(config(format!(
                        "search index {d} is damaged or was never committed (no meta.json); run the build again"
                    )));
                }
            }
        }
        let index = Index::open_in_dir(dir).map_err(|e| describe(dir, e))?;
        let f = schema::fields_of(&index.schema()).map_err(|missing| {
            config(format!(
                "search index {d} has another layout (no field `{missing}`): rebuild it with `dangjian search-build`"
            ))
        })?;
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| describe(dir, e))?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
            reader,
            f,
        })
    }

    /// Opens the archive in `dir`, or creates an empty one (and the folder).
    pub fn create(dir: impl AsRef<Path>) -> Result<Archive> {
        let dir = dir.as_ref();
        if dir.join("meta.json").is_file() || dir.join(schema::VERSION_FILE).is_file() {
            if !dir.join("meta.json").is_file() {
                // Created, never committed: start again.
                std::fs::remove_file(dir.join(schema::VERSION_FILE))
                    .map_err(|e| Error::io(dir, e))?;
                return Self::create(dir);
            }
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(config(format!(
                "{} is not empty and holds no search index; give an empty or new folder",
                dir.display()
            )));
        }
        let v = VersionFile {
            format: "dangjian-search".into(),
            version: schema::FORMAT_VERSION,
        };
        let vpath = dir.join(schema::VERSION_FILE);
        std::fs::write(&vpath, serde_json::to_string(&v).unwrap_or_default())
            .map_err(|e| Error::io(&vpath, e))?;
        let (sch, _) = schema::build();
        let index = Index::create_in_dir(dir, sch).map_err(|e| describe(dir, e))?;
        drop(index);
        Self::open(dir)
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sees the last commit (of this process or another).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| describe(&self.dir, e))
    }

    /// A writer: one at a time per archive (the folder is locked while it
    /// lives); `threads` indexing threads.
    pub fn writer(&self, threads: usize) -> Result<ArchiveWriter> {
        let threads = threads.clamp(1, 8);
        let writer = self
            .index
            .writer_with_num_threads(threads, threads * 64_000_000)
            .map_err(|e| describe(&self.dir, e))?;
        Ok(ArchiveWriter {
            writer,
            f: self.f,
            dir: self.dir.clone(),
            added: 0,
            deleted: 0,
            reader: self.reader.clone(),
        })
    }

    /// Documents in the archive.
    pub fn len(&self) -> u64 {
        let s = self.reader.searcher();
        s.search(&term_q(self.f.kind, "doc"), &Count)
            .map(|n| n as u64)
            .unwrap_or(0)
    }

    /// Whether the archive holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether a document with this id is in the archive.
    pub fn contains(&self, id: &str) -> bool {
        let s = self.reader.searcher();
        s.doc_freq(&Term::from_field_text(self.f.id, id))
            .map(|n| n > 0)
            .unwrap_or(false)
    }

    fn stored_doc(&self, addr: DocAddress) -> Result<StoredDoc> {
        let s = self.reader.searcher();
        let doc: TantivyDocument = s.doc(addr).map_err(|e| describe(&self.dir, e))?;
        let bytes = doc
            .get_first(self.f.stored)
            .and_then(|v| v.as_bytes())
            .ok_or_else(|| internal(&self.dir, "a document without its analysis"))?;
        let json = zstd::decode_all(bytes).map_err(|e| internal(&self.dir, e))?;
        serde_json::from_slice(&json).map_err(|e| internal(&self.dir, e))
    }

    /// The analysis of a document by id.
    pub fn document(&self, id: &str) -> Result<Option<Analysis>> {
        let s = self.reader.searcher();
        let q = BooleanQuery::new(vec![
            (Occur::Must, term_q(self.f.id, id)),
            (Occur::Must, term_q(self.f.kind, "doc")),
        ]);
        let top = s
            .search(&q, &TopDocs::with_limit(1))
            .map_err(|e| describe(&self.dir, e))?;
        match top.first() {
            Some((_, addr)) => Ok(Some(self.stored_doc(*addr)?.a)),
            None => Ok(None),
        }
    }

    /// Every document's analysis, in index order (for export).
    pub fn for_each_document(&self, mut f: impl FnMut(Analysis) -> Result<()>) -> Result<()> {
        let s = self.reader.searcher();
        let q = term_q(self.f.kind, "doc");
        let docs = s
            .search(&q, &tantivy::collector::DocSetCollector)
            .map_err(|e| describe(&self.dir, e))?;
        let mut docs: Vec<DocAddress> = docs.into_iter().collect();
        docs.sort();
        for addr in docs {
            f(self.stored_doc(addr)?.a)?;
        }
        Ok(())
    }

    /// Compiles a substring match on the bigram field (for one character:
    /// the unigram field if there is one, else the bigrams that start or
    /// end with it).
    fn substring(
        &self,
        bi: tantivy::schema::Field,
        uni: Option<tantivy::schema::Field>,
        norm: &str,
    ) -> Option<Box<dyn Query>> {
        let cs = chars_of(norm);
        let pair = |i: usize| {
            let mut s = String::with_capacity(8);
            s.push(cs[i].1);
            s.push(cs[i + 1].1);
            Term::from_field_text(bi, &s)
        };
        match cs.len() {
            0 => None,
            1 => match uni {
                Some(uni) => Some(Box::new(TermQuery::new(
                    Term::from_field_text(uni, &cs[0].1.to_string()),
                    IndexRecordOption::WithFreqs,
                ))),
                None => {
                    let c = regex::escape(&cs[0].1.to_string());
                    tantivy::query::RegexQuery::from_pattern(&format!("{c}.|.{c}"), bi)
                        .ok()
                        .map(|q| Box::new(q) as Box<dyn Query>)
                }
            },
            2 => Some(Box::new(TermQuery::new(
                pair(0),
                IndexRecordOption::WithFreqs,
            ))),
            n => {
                // Non-overlapping pairs cover the string; the last pair
                // overlaps when the length is odd.
                let mut terms: Vec<(usize, Term)> =
                    (0..n - 1).step_by(2).map(|i| (i, pair(i))).collect();
                if (n - 2) % 2 == 1 {
                    terms.push((n - 2, pair(n - 2)));
                }
                Some(Box::new(PhraseQuery::new_with_offset(terms)))
            }
        }
    }

    fn place_query(&self, place: &str) -> Result<Box<dyn Query>> {
        let codes = place_codes(place);
        if codes.is_empty() && !self.has_place_name(&normalize(place.trim())) {
            return Err(config(format!(
                "unknown place `{place}`: neither a division of the gazetteer nor the place of an indexed document; give a name (浙江省, 桂林市) or a six-digit code"
            )));
        }
        let mut qs: Vec<Box<dyn Query>> = codes.iter().map(|c| term_q(self.f.place, c)).collect();
        qs.push(term_q(self.f.place_name, &normalize(place.trim())));
        Ok(any_of(qs))
    }

    fn has_place_name(&self, name: &str) -> bool {
        self.reader
            .searcher()
            .doc_freq(&Term::from_field_text(self.f.place_name, name))
            .is_ok_and(|n| n > 0)
    }

    fn compile(&self, n: &query::Node) -> Result<Box<dyn Query>> {
        use query::Node;
        let f = &self.f;
        Ok(match n {
            Node::Term { field, text, .. } => {
                let norm = normalize(text);
                let empty = || {
                    config(format!(
                        "malformed query: `{text}` has nothing to search for"
                    ))
                };
                match field {
                    QField::Any | QField::Body | QField::Title => {
                        let mut alts: Vec<Box<dyn Query>> = Vec::new();
                        if *field != QField::Title {
                            alts.extend(self.substring(f.body_bi, None, &norm));
                        }
                        if *field != QField::Body {
                            alts.extend(self.substring(f.title_bi, Some(f.title_uni), &norm));
                        }
                        if alts.is_empty() {
                            return Err(empty());
                        }
                        let mut clauses = vec![(Occur::Must, any_of(alts))];
                        // Whole words weigh in the ranking.
                        let words = tokenize::words(&Segmenter::default(), &norm);
                        for (_, _, w) in words {
                            for fld in [f.body, f.title] {
                                clauses.push((
                                    Occur::Should,
                                    Box::new(TermQuery::new(
                                        Term::from_field_text(fld, &w),
                                        IndexRecordOption::WithFreqs,
                                    )) as Box<dyn Query>,
                                ));
                            }
                        }
                        Box::new(BooleanQuery::new(clauses))
                    }
                    QField::Source => term_q(f.source, norm.trim()),
                    QField::Formulation => term_q(f.formulation, norm.trim()),
                    QField::Slogan => term_q(f.slogan, norm.trim()),
                    QField::Indicator => term_q(f.indicator, text.trim()),
                    QField::Place => self.place_query(text)?,
                    QField::Year => {
                        let y: u64 = text.trim().parse().map_err(|_| {
                            config(format!("malformed query: year:{text} is not a year"))
                        })?;
                        Box::new(TermQuery::new(
                            Term::from_field_u64(f.year, y),
                            IndexRecordOption::Basic,
                        ))
                    }
                }
            }
            Node::And(parts) => {
                let mut clauses = Vec::new();
                let mut positive = false;
                for p in parts {
                    match p {
                        Node::Not(inner) => clauses.push((Occur::MustNot, self.compile(inner)?)),
                        _ => {
                            positive = true;
                            clauses.push((Occur::Must, self.compile(p)?));
                        }
                    }
                }
                if !positive {
                    clauses.push((Occur::Must, Box::new(AllQuery) as Box<dyn Query>));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(parts) => {
                let mut clauses = Vec::new();
                for p in parts {
                    clauses.push((Occur::Should, self.compile(p)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.compile(inner)?),
            ])),
        })
    }

    fn date_filters(&self, fl: &Filters, clauses: &mut Vec<(Occur, Box<dyn Query>)>) -> Result<()> {
        let f = &self.f;
        if fl.from.is_some() || fl.to.is_some() {
            let parse = |s: &Option<String>, end: bool, opt: &str| -> Result<Bound<Term>> {
                match s {
                    None => Ok(if end {
                        Bound::Unbounded
                    } else {
                        Bound::Included(Term::from_field_i64(f.date, 1))
                    }),
                    Some(s) => date_number(s, end)
                        .map(|n| Bound::Included(Term::from_field_i64(f.date, n)))
                        .ok_or_else(|| {
                            config(format!(
                                "--{opt} {s}: not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
                            ))
                        }),
                }
            };
            let lo = parse(&fl.from, false, "from")?;
            let hi = parse(&fl.to, true, "to")?;
            clauses.push(filter(Box::new(RangeQuery::new(lo, hi))));
        }
        if let Some(y) = fl.year {
            clauses.push(filter(Box::new(TermQuery::new(
                Term::from_field_u64(f.year, u64::from(y)),
                IndexRecordOption::Basic,
            ))));
        }
        if let Some(s) = &fl.source {
            clauses.push(filter(term_q(f.source, normalize(s.trim()).as_str())));
        }
        if let Some(p) = &fl.place {
            clauses.push(filter(self.place_query(p)?));
        }
        Ok(())
    }

    /// The document query of a request: kind, text query, filters.
    fn doc_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        let f = &self.f;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![filter(term_q(f.kind, "doc"))];
        if let Some(q) = req.query.as_deref().filter(|q| !q.trim().is_empty()) {
            let node = query::parse(q).map_err(|e| config(e.to_string()))?;
            clauses.push((Occur::Must, self.compile(&node)?));
        }
        let fl = &req.filters;
        self.date_filters(fl, &mut clauses)?;
        if let Some(s) = &fl.formulation {
            clauses.push(filter(term_q(f.formulation, normalize(s.trim()).as_str())));
        }
        if let Some(s) = &fl.slogan {
            clauses.push(filter(term_q(f.slogan, normalize(s.trim()).as_str())));
        }
        if let Some(s) = &fl.script {
            clauses.push(filter(term_q(f.script, s.trim())));
        }
        if let Some(s) = &fl.indicator {
            clauses.push(filter(term_q(f.indicator, s.trim())));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

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

    /// Facet counts for a request (its `facets`, or `fields`).
    pub fn facets(
        &self,
        req: &SearchRequest,
        fields: &[String],
    ) -> Result<BTreeMap<String, Facet>> {
        let q = self.doc_query(req)?;
        self.facets_of(&*q, fields)
    }

    fn facets_of(&self, q: &dyn Query, fields: &[String]) -> Result<BTreeMap<String, Facet>> {
        const KNOWN: &[&str] = &[
            "place",
            "year",
            "formulation",
            "slogan",
            "source",
            "script",
            "indicator",
        ];
        let mut aggs = serde_json::Map::new();
        for name in fields {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            if !KNOWN.contains(&name) {
                return Err(config(format!(
                    "unknown facet `{name}` (facets: {})",
                    KNOWN.join(", ")
                )));
            }
            let size = if name == "place" { 20_000 } else { 1_000 };
            aggs.insert(
                name.to_string(),
                serde_json::json!({"terms": {"field": name, "size": size}}),
            );
        }
        let req: Aggregations = serde_json::from_value(serde_json::Value::Object(aggs))
            .map_err(|e| internal(&self.dir, e))?;
        let coll = AggregationCollector::from_aggs(req, Default::default());
        let s = self.reader.searcher();
        let res = s.search(q, &coll).map_err(|e| describe(&self.dir, e))?;
        let v = serde_json::to_value(res).map_err(|e| internal(&self.dir, e))?;
        let mut out = BTreeMap::new();
        for name in fields {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let buckets = v
                .get(name)
                .and_then(|x| x.get("buckets"))
                .and_then(|b| b.as_array())
                .cloned()
                .unwrap_or_default();
            let counts: Vec<(serde_json::Value, u64)> = buckets
                .iter()
                .filter_map(|b| Some((b.get("key")?.clone(), b.get("doc_count")?.as_u64()?)))
                .collect();
            let facet = match name {
                "place" => Facet::Places(place_tree(&counts)),
                "year" => {
                    let mut v: Vec<ValueCount> = counts
                        .into_iter()
                        .filter_map(|(k, c)| {
                            let y = k.as_f64()? as u64;
                            (y > 0).then(|| ValueCount {
                                value: serde_json::json!(y),
                                count: c,
                            })
                        })
                        .collect();
                    v.sort_by_key(|x| x.value.as_u64());
                    Facet::Values(v)
                }
                _ => Facet::Values(
                    counts
                        .into_iter()
                        .map(|(k, c)| ValueCount { value: k, count: c })
                        .collect(),
                ),
            };
            out.insert(name.to_string(), facet);
        }
        Ok(out)
    }

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
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![filter(term_q(f.kind, "claim"))];
        self.date_filters(fl, &mut clauses)?;
        if let Some(i) = &fl.indicator {
            clauses.push(filter(term_q(f.indicator, i.trim())));
        }
        if let Some(u) = &req.unit {
            clauses.push(filter(term_q(f.unit, normalize(u.trim()).as_str())));
        }
        if req.min.is_some() || req.max.is_some() {
            let b = |v: Option<f64>| match v {
                Some(v) => Bound::Included(Term::from_field_f64(f.value, v)),
                None => Bound::Unbounded,
            };
            if let (Some(lo), Some(hi)) = (req.min, req.max)
                && lo > hi
            {
                return Err(config(format!("--min {lo} is above --max {hi}")));
            }
            clauses.push(filter(Box::new(RangeQuery::new(b(req.min), b(req.max)))));
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
        let q = BooleanQuery::new(clauses);
        let by_date = sr.sort == Sort::Date || !has_query;
        let parents2 = parents.clone();
        let coll = TopDocs::with_limit(sr.limit.max(1))
            .and_offset(sr.offset)
            .tweak_score(move |seg: &SegmentReader| {
                let ff = seg.fast_fields();
                let ids = ff.str("id").ok().flatten();
                let dates = ff.i64("date").ok();
                let seqs = ff.u64("seq").ok();
                let parents = parents2.clone();
                let mut buf = String::new();
                move |doc: tantivy::DocId, _score: tantivy::Score| {
                    let score = match (&parents, &ids) {
                        (Some(p), Some(col)) => {
                            buf.clear();
                            let ord = col.term_ords(doc).next();
                            match ord {
                                Some(o) if col.ord_to_str(o, &mut buf).unwrap_or(false) => {
                                    p.get(buf.as_str()).copied().unwrap_or(0.0)
                                }
                                _ => 0.0,
                            }
                        }
                        _ => 0.0,
                    };
                    let date = dates.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
                    let seq = seqs.as_ref().and_then(|c| c.first(doc)).unwrap_or(0) as i64;
                    if by_date {
                        (date as f64, f64::from(score), -seq)
                    } else {
                        (f64::from(score), date as f64, -seq)
                    }
                }
            });
        let (top, total) = s.search(&q, &(coll, Count)).map_err(err)?;
        let mut rows = Vec::with_capacity(top.len());
        if sr.limit > 0 {
            for ((a, b, _), addr) in top {
                let doc: TantivyDocument = s.doc(addr).map_err(err)?;
                let Some(bytes) = doc.get_first(f.stored).and_then(|v| v.as_bytes()) else {
                    continue;
                };
                let mut row: ClaimRow =
                    serde_json::from_slice(bytes).map_err(|e| internal(&self.dir, e))?;
                row.score = has_query.then_some(if by_date { b as f32 } else { a as f32 });
                rows.push(row);
            }
        }
        Ok(ClaimResults {
            query: sr.query.clone(),
            total: total as u64,
            took_ms: t0.elapsed().as_millis() as u64,
            rows,
        })
    }
}

/// The first value of a string fast field.
fn str_value(seg: &SegmentReader, field: &str, doc: tantivy::DocId) -> Option<String> {
    let col = seg.fast_fields().str(field).ok()??;
    let ord = col.term_ords(doc).next()?;
    let mut s = String::new();
    col.ord_to_str(ord, &mut s).ok()?.then_some(s)
}

/// Place counts (every document counted in its place and each division
/// above) as a tree.
fn place_tree(counts: &[(serde_json::Value, u64)]) -> Vec<PlaceCount> {
    let g = Gazetteer::shared();
    let by_code: HashMap<String, u64> = counts
        .iter()
        .filter_map(|(k, c)| Some((k.as_str()?.to_string(), *c)))
        .collect();
    let mut children: HashMap<Option<String>, Vec<String>> = HashMap::new();
    for code in by_code.keys() {
        let parent = g
            .by_code(code)
            .and_then(|p| g.parent(p))
            .map(|p| p.code.clone())
            .filter(|pc| by_code.contains_key(pc));
        children.entry(parent).or_default().push(code.clone());
    }
    fn build(
        code: &str,
        by_code: &HashMap<String, u64>,
        children: &HashMap<Option<String>, Vec<String>>,
        depth: usize,
    ) -> PlaceCount {
        let g = Gazetteer::shared();
        let p = g.by_code(code);
        let mut kids: Vec<PlaceCount> = if depth < 8 {
            children
                .get(&Some(code.to_string()))
                .into_iter()
                .flatten()
                .map(|c| build(c, by_code, children, depth + 1))
                .collect()
        } else {
            Vec::new()
        };
        kids.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        PlaceCount {
            name: p.map_or_else(|| code.to_string(), |p| p.name.clone()),
            code: code.to_string(),
            level: p.map_or("", |p| p.level.as_str()).to_string(),
            count: by_code.get(code).copied().unwrap_or(0),
            children: kids,
        }
    }
    let mut roots: Vec<PlaceCount> = children
        .get(&None)
        .into_iter()
        .flatten()
        .map(|c| build(c, &by_code, &children, 0))
        .collect();
    roots.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    roots
}

/// Prepares one analysis for the index; pure, so it runs on any thread.
pub fn prepare(a: &Analysis, f: &Fields) -> Result<Prepared> {
    let mut doc = TantivyDocument::default();
    let title = a.meta.title.as_deref().map(normalize).unwrap_or_default();
    let body = normalize(&a.body);
    let date = a.meta.date.as_deref().and_then(|d| date_number(d, false));
    let year = a
        .meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u64>().ok())
        .unwrap_or(0);
    let source = a.meta.source.as_deref().map(|s| normalize(s.trim()));
    let doc_codes: Vec<String> = a
        .place
        .as_ref()
        .and_then(|p| p.code.as_deref())
        .map(ancestry)
        .unwrap_or_default();
    doc.add_text(f.id, &a.id);
    if let Some(p) = &a.path {
        doc.add_text(f.path, p);
    }
    doc.add_text(f.kind, "doc");
    doc.add_text(f.title, &title);
    doc.add_text(f.title_bi, &title);
    doc.add_text(f.title_uni, &title);
    if a.terms.is_empty() {
        doc.add_text(f.body, &body);
    } else {
        // The analysis's own word counts (`index` keeps them): no second
        // segmentation. Positions do not matter to this field (phrases
        // go to the bigrams).
        let mut tokens = Vec::new();
        for (w, c) in &a.terms {
            if !w.chars().any(char::is_alphanumeric) {
                continue;
            }
            let w = w.to_ascii_lowercase();
            for _ in 0..*c {
                tokens.push(tantivy::tokenizer::Token {
                    offset_from: 0,
                    offset_to: 0,
                    position: tokens.len(),
                    text: w.clone(),
                    position_length: 1,
                });
            }
        }
        doc.add_pre_tokenized_text(
            f.body,
            tantivy::tokenizer::PreTokenizedString {
                text: String::new(),
                tokens,
            },
        );
    }
    doc.add_text(f.body_bi, &body);
    doc.add_i64(f.date, date.unwrap_or(0));
    doc.add_u64(f.year, year);
    if let Some(s) = &source {
        doc.add_text(f.source, s);
    }
    for c in &doc_codes {
        doc.add_text(f.place, c);
    }
    if let Some(p) = &a.place {
        doc.add_text(f.place_name, normalize(&p.name));
    }
    doc.add_text(f.script, a.script.as_str());
    let mut seen = std::collections::HashSet::new();
    for fm in &a.formulations {
        if seen.insert(fm.text.as_str()) {
            doc.add_text(f.formulation, normalize(&fm.text));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for s in &a.slogans {
        let n = normalize(&s.text);
        if seen.insert(n.clone()) {
            doc.add_text(f.slogan, n);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for c in &a.claims {
        if seen.insert(c.indicator.as_str()) {
            doc.add_text(f.indicator, &c.indicator);
        }
    }
    let mut kept = a.clone();
    kept.terms = Vec::new();
    let stored = StoredDoc {
        o: body_offsets(a),
        a: kept,
    };
    let json =
        serde_json::to_vec(&stored).map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
    let packed = zstd::bulk::compress(&json, 3)
        .map_err(|e| Error::new(ErrorKind::Internal, format!("compressing: {e}")))?;
    doc.add_bytes(f.stored, &packed);
    let mut docs = vec![doc];
    for (i, c) in a.claims.iter().enumerate() {
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &a.id);
        if let Some(p) = &a.path {
            d.add_text(f.path, p);
        }
        d.add_text(f.kind, "claim");
        d.add_i64(f.date, date.unwrap_or(0));
        d.add_u64(f.year, year);
        if let Some(s) = &source {
            d.add_text(f.source, s);
        }
        let codes = match &c.place {
            Some(name) => {
                let codes = claim_place_codes(&normalize(name), &doc_codes);
                if codes.is_empty() {
                    d.add_text(f.place_name, normalize(name));
                }
                codes
            }
            None => doc_codes.clone(),
        };
        for code in &codes {
            d.add_text(f.place, code);
        }
        d.add_text(f.indicator, &c.indicator);
        d.add_text(f.unit, normalize(&c.unit));
        d.add_f64(f.value, c.value);
        d.add_u64(f.seq, i as u64);
        let row = ClaimRow {
            document: a.id.clone(),
            path: a.path.clone(),
            place: c.place.clone(),
            period: c.period.clone(),
            object: c.object.clone(),
            indicator: c.indicator.clone(),
            value: c.value,
            value_max: c.value_max,
            unit: c.unit.clone(),
            approx: c.approx.map(|x| x.as_str().to_string()),
            text: c.text.clone(),
            start: c.span[0],
            end: c.span[1],
            sentence: c.sentence.clone(),
            date: a.meta.date.clone(),
            title: a.meta.title.clone(),
            score: None,
        };
        let json =
            serde_json::to_vec(&row).map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
        d.add_bytes(f.stored, &json);
        docs.push(d);
    }
    Ok(Prepared {
        id: a.id.clone(),
        path: a.path.clone(),
        docs,
    })
}

/// Adds documents to an archive; see [`Archive::writer`]. Nothing is
/// visible (or safe from a crash) before [`ArchiveWriter::commit`].
pub struct ArchiveWriter {
    writer: IndexWriter<TantivyDocument>,
    f: Fields,
    dir: PathBuf,
    reader: IndexReader,
    /// Documents added since the writer was made.
    pub added: u64,
    /// Deletions asked since the writer was made.
    pub deleted: u64,
}

impl std::fmt::Debug for ArchiveWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArchiveWriter")
            .field("dir", &self.dir)
            .field("added", &self.added)
            .field("deleted", &self.deleted)
            .finish()
    }
}

impl ArchiveWriter {
    /// The fields, for [`prepare`] on other threads.
    pub fn fields(&self) -> Fields {
        self.f
    }

    /// Adds (or replaces: same id or same path) one document.
    pub fn add(&mut self, a: &Analysis) -> Result<()> {
        let p = prepare(a, &self.f)?;
        self.add_prepared(p)
    }

    /// Adds a document made by [`prepare`].
    pub fn add_prepared(&mut self, p: Prepared) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.f.id, &p.id));
        if let Some(path) = &p.path {
            self.writer
                .delete_term(Term::from_field_text(self.f.path, path));
        }
        for d in p.docs {
            self.writer
                .add_document(d)
                .map_err(|e| describe(&self.dir, e))?;
        }
        self.added += 1;
        Ok(())
    }

    /// Removes a document by id or by path (and its claims).
    pub fn delete(&mut self, id_or_path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.f.id, id_or_path));
        self.writer
            .delete_term(Term::from_field_text(self.f.path, id_or_path));
        self.deleted += 1;
    }

    /// Whether the last commit holds a document with this id.
    pub fn contains(&self, id: &str) -> bool {
        self.reader
            .searcher()
            .doc_freq(&Term::from_field_text(self.f.id, id))
            .map(|n| n > 0)
            .unwrap_or(false)
    }

    /// Makes everything added so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(|e| describe(&self.dir, e))?;
        Ok(())
    }

    /// Commits and waits for background merges to end.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| describe(&self.dir, e))
    }
}

/// Writes `results` as a table (what `dangjian search` prints).
pub fn write_table(out: &mut dyn Write, r: &SearchResults) -> std::io::Result<()> {
    writeln!(
        out,
        "{} documents match{} ({} ms)",
        r.total,
        r.query
            .as_deref()
            .map(|q| format!(" {q}"))
            .unwrap_or_default(),
        r.took_ms
    )?;
    for (i, h) in r.hits.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}  [{}]",
            i + 1,
            h.title.as_deref().unwrap_or("(no title)"),
            h.score
                .map_or_else(|| "-".to_string(), |s| format!("{s:.2}"))
        )?;
        writeln!(
            out,
            "   {} | {} | {} | {}",
            h.date.as_deref().unwrap_or("-"),
            h.source.as_deref().unwrap_or("-"),
            h.place.as_ref().map_or("-", |p| p.name.as_str()),
            h.path.as_deref().unwrap_or(&h.id)
        )?;
        for s in &h.snippets {
            let span = s
                .span
                .map(|[a, b]| format!("  @{a}..{b}"))
                .unwrap_or_default();
            writeln!(out, "   {}{span}", s.text)?;
        }
    }
    for (name, facet) in &r.facets {
        writeln!(out)?;
        writeln!(out, "{name}:")?;
        match facet {
            Facet::Places(v) => write_places(out, v, 1)?,
            Facet::Values(v) => {
                for c in v.iter().take(30) {
                    let val = match &c.value {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    writeln!(out, "  {val}  {}", c.count)?;
                }
            }
        }
    }
    Ok(())
}

fn write_places(out: &mut dyn Write, v: &[PlaceCount], depth: usize) -> std::io::Result<()> {
    for p in v.iter().take(30) {
        writeln!(
            out,
            "{}{} ({})  {}",
            "  ".repeat(depth),
            p.name,
            p.code,
            p.count
        )?;
        write_places(out, &p.children, depth + 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ancestry() {
        assert_eq!(date_number("2019-11-25", false), Some(20191125));
        assert_eq!(date_number("2019", false), Some(20190000));
        assert_eq!(date_number("2019", true), Some(20199999));
        assert_eq!(date_number("2019-13-01", false), None);
        assert_eq!(date_number("x", false), None);
        let a = ancestry("330402");
        assert!(a.contains(&"330400".to_string()) && a.contains(&"330000".to_string()));
        assert!(place_codes("浙江省").contains(&"330000".to_string()));
        assert!(place_codes("浙江").contains(&"330000".to_string()));
    }

    #[test]
    fn body_lines_are_located() {
        let text = "標題\n\n  第一段。\n第二段";
        let body = "第一段。\n第二段";
        let o = locate_body(body, text).unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(&text[o[0][1]..o[0][1] + "第一段".len()], "第一段");
        assert_eq!(&text[o[1][1]..], "第二段");
    }
}
