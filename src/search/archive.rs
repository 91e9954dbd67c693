//! Opening and creating an archive on disk: the version file, the layout
//! check, the lock, and tantivy's errors said in words a user can act on.
//! Reading stored documents back lives here too.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur};
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, TantivyError, Term};

use super::date_order::DateOrder;
use super::facet_count::{Counted, MatchCounts};
use super::prepare::StoredDoc;
use super::schema::{self, Fields, term_q};
use super::tokenize::{self, BIGRAMS, CUT_WORDS, UNIGRAMS, WORDS};
use crate::analysis::Analysis;
use crate::error::{Error, ErrorKind, Result};

/// An archive: a search index on disk.
pub struct Archive {
    pub(super) dir: PathBuf,
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) f: Fields,
    /// The counts of recent requests' matches, per generation of the reader.
    pub(super) counted: MatchCounts,
    /// The documents newest first, per generation of the reader.
    pub(super) newest: DateOrder,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish()
    }
}

pub(super) fn config(msg: String) -> Error {
    Error::new(ErrorKind::Config, msg)
}

pub(super) fn internal(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Internal,
        format!("search index {}: {e}", dir.display()),
    )
}

/// An error of tantivy in words a user can act on.
pub(super) fn describe(dir: &Path, e: TantivyError) -> Error {
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
    m.register(CUT_WORDS, tokenize::CutWords::default());
    m.register(BIGRAMS, tokenize::CharGrams::bigrams());
    m.register(UNIGRAMS, tokenize::CharGrams::unigrams());
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
                if v.format != "dangjian-search" || !schema::READS_VERSIONS.contains(&v.version) {
                    return Err(config(format!(
                        "search index {d} has layout {} version {}, this dangjian reads versions {} to {}: rebuild it (remove {d}, then `dangjian search-build {d} ARCHIVE.jsonl…`)",
                        v.format,
                        v.version,
                        schema::READS_VERSIONS.start(),
                        schema::READS_VERSIONS.end()
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
            counted: MatchCounts::default(),
            newest: DateOrder::default(),
        })
    }

    /// Opens the archive in `dir`, or creates an empty one (and the folder).
    pub fn create(dir: impl AsRef<Path>) -> Result<Archive> {
        Self::create_version(dir.as_ref(), schema::FORMAT_VERSION)
    }

    /// [`Archive::create`], a new archive getting layout `version`.
    pub(super) fn create_version(dir: &Path, version: u32) -> Result<Archive> {
        if dir.join("meta.json").is_file() || dir.join(schema::VERSION_FILE).is_file() {
            if !dir.join("meta.json").is_file() {
                // Created, never committed (a build killed while it made the
                // index): the version file says the folder is ours, so
                // whatever the killed build left in it goes, and we start
                // again.
                std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                return Self::create_version(dir, version);
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
            version,
        };
        let vpath = dir.join(schema::VERSION_FILE);
        std::fs::write(&vpath, serde_json::to_string(&v).unwrap_or_default())
            .map_err(|e| Error::io(&vpath, e))?;
        let (sch, _) = schema::build_version(version);
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

    /// Forgets the counts kept of recent searches' matches (their number
    /// and facets, kept per generation of the reader so that the next page
    /// of a search ranks only its hits): the next search of each counts
    /// its matches again. Benchmarks call it to time the first search of a
    /// query; nothing else needs to, since a reload that sees a new commit
    /// forgets them anyway.
    ///
    /// ```no_run
    /// let archive = dangjian::search::Archive::open("corpus.idx")?;
    /// archive.forget_counts();
    /// # Ok::<(), dangjian::Error>(())
    /// ```
    pub fn forget_counts(&self) {
        self.counted.forget();
    }

    /// Documents in the archive.
    pub fn len(&self) -> u64 {
        let s = self.reader.searcher();
        // Counted once a commit (with deletions, a count walks every
        // document): a page of `serve` shows it each time.
        const KEY: &str = "\u{0}documents";
        if let Some((n, _)) = self.counted.get(&s, KEY).and_then(|c| c.total) {
            return n as u64;
        }
        let n = s.search(&term_q(self.f.kind, "doc"), &Count).unwrap_or(0);
        let counted = Counted {
            total: Some((n, true)),
            facets: Default::default(),
            all: None,
        };
        self.counted.put(&s, KEY.to_string(), counted);
        n as u64
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

    pub(super) fn stored_doc(&self, addr: DocAddress) -> Result<StoredDoc> {
        let s = self.reader.searcher();
        let doc: TantivyDocument = s.doc(addr).map_err(|e| describe(&self.dir, e))?;
        let bytes = doc
            .get_first(self.f.stored)
            .and_then(|v| v.as_bytes())
            .ok_or_else(|| internal(&self.dir, "a document without its analysis"))?;
        let json = decompress(bytes).map_err(|e| internal(&self.dir, e))?;
        serde_json::from_slice(&json).map_err(|e| internal(&self.dir, e))
    }

    /// The analysis of a document by id, with its `body_offsets` (so that
    /// spans in the original text map onto its body).
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
            Some((_, addr)) => {
                let stored = self.stored_doc(*addr)?;
                let mut a = stored.a;
                a.body_offsets = stored.o;
                Ok(Some(a))
            }
            None => Ok(None),
        }
    }

    /// The addresses of every document (not claim rows), in index order.
    pub(super) fn document_addresses(&self) -> Result<Vec<DocAddress>> {
        let s = self.reader.searcher();
        let q = term_q(self.f.kind, "doc");
        let docs = s
            .search(&q, &tantivy::collector::DocSetCollector)
            .map_err(|e| describe(&self.dir, e))?;
        let mut docs: Vec<DocAddress> = docs.into_iter().collect();
        docs.sort();
        Ok(docs)
    }

    /// Every document's analysis, in index order (for export).
    pub fn for_each_document(&self, mut f: impl FnMut(Analysis) -> Result<()>) -> Result<()> {
        for addr in self.document_addresses()? {
            f(self.stored_doc(addr)?.a)?;
        }
        Ok(())
    }
}

/// A stored analysis, decompressed with one zstd context per thread (a
/// fresh context for each hit of a page cost more than its
/// decompression). Frames record their size, as `prepare` writes them; one
/// that does not is read as a stream.
fn decompress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    thread_local! {
        static DECOMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let size = zstd::zstd_safe::get_frame_content_size(bytes)
        .ok()
        .flatten();
    // A damaged frame may claim any size: past 256 MB it is read as a
    // stream, which allocates only what it finds.
    let size = size.filter(|&n| n <= 256 << 20);
    let Some(size) = size.and_then(|n| usize::try_from(n).ok()) else {
        return zstd::decode_all(bytes);
    };
    DECOMPRESSOR.with(|d| {
        let mut d = d.borrow_mut();
        if d.is_none() {
            *d = Some(zstd::bulk::Decompressor::new()?);
        }
        match d.as_mut() {
            Some(z) => z.decompress(bytes, size),
            None => zstd::decode_all(bytes),
        }
    })
}
