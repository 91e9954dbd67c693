//! Where the finder reads its documents: a [`DocumentSource`] hands out
//! one document at a time, so that a collection never has to be held in
//! memory whole.
//!
//! [`Reuse::find_in`](super::Reuse::find_in) reads every document once to
//! index its n-grams, and reads back only the few that it aligns (the
//! documents of candidate pairs) and reports (the members of clusters). A
//! slice of [`ReuseDocument`]s is a source; so is [`Inputs`], a list of
//! files, corpus directories and JSONL records (`index` output or
//! `{"id", "text"}` lines) that keeps only where each document is: a path,
//! or a file and the byte offset of its line; so is a search index (in the
//! search module), and [`Chained`] reads several as one.
//!
//! ```
//! use dangjian::reuse::source::{DocumentSource, Inputs};
//! let dir = std::env::temp_dir().join(format!("dj-src-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let jsonl = dir.join("a.jsonl");
//! std::fs::write(&jsonl, "{\"id\": \"x1\", \"text\": \"正文\"}\n\nnot json\n").unwrap();
//! let mut inputs = Inputs::with_reuse_pipeline();
//! inputs.add_jsonl(&jsonl).unwrap();
//! assert_eq!(inputs.len(), 2);
//! assert_eq!(inputs.load(0).unwrap().id, "x1");
//! assert!(inputs.load(1).is_none());
//! assert_eq!(inputs.failures().len(), 1);
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::ReuseDocument;
use crate::analysis::{Pipeline, PipelineBuilder, Stages};
use crate::document::{Corpus, Document, DocumentInfo};
use crate::error::{Error, Result};

/// A collection the finder reads one document at a time.
pub trait DocumentSource: Sync {
    /// Number of entries (documents, and entries that fail to load).
    fn len(&self) -> usize;

    /// Whether there are no entries.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i`, or `None` when it has no text (an error record, a file
    /// that cannot be read). Called once per entry to index it, and again
    /// for the entries that are aligned or reported; it must give the same
    /// document each time.
    fn load(&self, i: usize) -> Option<Cow<'_, ReuseDocument>>;

    /// Whether an entry whose id an earlier entry has is skipped (the
    /// same bytes given twice). Default: no, every entry counts.
    fn unique_ids(&self) -> bool {
        false
    }
}

/// Several sources read one after the other, as one (files and records
/// beside a search index, say).
///
/// ```
/// use dangjian::reuse::ReuseDocument;
/// use dangjian::reuse::source::{Chained, DocumentSource};
/// let a = vec![ReuseDocument::new("a", "甲")];
/// let b = vec![ReuseDocument::new("b", "乙"), ReuseDocument::new("c", "丙")];
/// let both = Chained::new(vec![&a as &dyn DocumentSource, &b]);
/// assert_eq!(both.len(), 3);
/// assert_eq!(both.load(2).unwrap().id, "c");
/// ```
pub struct Chained<'a> {
    sources: Vec<&'a dyn DocumentSource>,
}

impl<'a> Chained<'a> {
    /// The sources, in order.
    pub fn new(sources: Vec<&'a dyn DocumentSource>) -> Self {
        Chained { sources }
    }
}

impl DocumentSource for Chained<'_> {
    fn len(&self) -> usize {
        self.sources.iter().map(|s| s.len()).sum()
    }

    fn load(&self, mut i: usize) -> Option<Cow<'_, ReuseDocument>> {
        for s in &self.sources {
            if i < s.len() {
                return s.load(i);
            }
            i -= s.len();
        }
        None
    }

    fn unique_ids(&self) -> bool {
        self.sources.iter().any(|s| s.unique_ids())
    }
}

impl DocumentSource for [ReuseDocument] {
    fn len(&self) -> usize {
        <[ReuseDocument]>::len(self)
    }
    fn load(&self, i: usize) -> Option<Cow<'_, ReuseDocument>> {
        self.get(i).map(Cow::Borrowed)
    }
}

impl DocumentSource for Vec<ReuseDocument> {
    fn len(&self) -> usize {
        <[ReuseDocument]>::len(self)
    }
    fn load(&self, i: usize) -> Option<Cow<'_, ReuseDocument>> {
        self.get(i).map(Cow::Borrowed)
    }
}

/// Where one entry of [`Inputs`] is.
#[derive(Debug)]
enum Entry {
    /// A line of a JSONL file: file index, byte offset and length, line
    /// number (from 1).
    Line {
        file: usize,
        offset: u64,
        len: usize,
        line: usize,
    },
    /// A document file, with the facts of its corpus manifest.
    File {
        path: PathBuf,
        info: Option<DocumentInfo>,
    },
    /// A document held in memory (standard input).
    Held(Box<Document>),
    /// An input that failed before any document was read from it.
    Failed(String),
}

/// The pipeline that reads documents for reuse: cleaning and places only
/// (what a reuse document needs: body paragraphs, place, date).
pub fn reuse_pipeline() -> Result<Pipeline> {
    let stages = Stages {
        claims: false,
        formulations: false,
        keywords: false,
        terms: false,
        ..Default::default()
    };
    PipelineBuilder::new().stages(stages).keywords(0).build()
}

/// Files, corpus directories and JSONL records as a [`DocumentSource`]
/// that holds where each document is, not its text. Documents with the
/// same id (the same bytes) count once. An entry that fails to load is
/// recorded once in [`failures`](Inputs::failures).
#[derive(Debug)]
pub struct Inputs {
    /// Reads documents (not records): given, or built by the first
    /// document read (an error then fails each document).
    pipeline: OnceLock<std::result::Result<Pipeline, String>>,
    jsonl: Vec<PathBuf>,
    entries: Vec<Entry>,
    failures: Mutex<Vec<(usize, String)>>,
}

impl Inputs {
    /// No inputs yet; documents are read with `pipeline` (see
    /// [`reuse_pipeline`]).
    pub fn new(pipeline: Pipeline) -> Self {
        let inputs = Inputs::with_reuse_pipeline();
        let _ = inputs.pipeline.set(Ok(pipeline));
        inputs
    }

    /// No inputs yet; documents are read with [`reuse_pipeline`], built
    /// when the first document is read: records alone (JSONL) never build
    /// it, nor its segmenter.
    pub fn with_reuse_pipeline() -> Self {
        Inputs {
            pipeline: OnceLock::new(),
            jsonl: Vec::new(),
            entries: Vec::new(),
            failures: Mutex::new(Vec::new()),
        }
    }

    /// Entry `i`, a document, read with the pipeline (a failure when it
    /// could not be built).
    fn read_document(&self, i: usize, d: &Document) -> Option<ReuseDocument> {
        let built = self
            .pipeline
            .get_or_init(|| reuse_pipeline().map_err(|e| e.to_string()));
        match built {
            Ok(pipeline) => Some(ReuseDocument::from_document(pipeline, d)),
            Err(message) => {
                self.fail(i, message.clone());
                None
            }
        }
    }

    /// Adds the records of a JSONL file (one entry a non-blank line; the
    /// file is read once now for the line offsets, and again line by line
    /// when the records are loaded).
    pub fn add_jsonl(&mut self, path: &Path) -> Result<()> {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut r = BufReader::with_capacity(1 << 16, f);
        let file = self.jsonl.len();
        self.jsonl.push(path.to_path_buf());
        let mut buf = Vec::new();
        let mut offset = 0u64;
        let mut line = 0usize;
        loop {
            buf.clear();
            let got = r
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::io(path, e))?;
            if got == 0 {
                break;
            }
            line += 1;
            let text = std::str::from_utf8(&buf).map_err(|_| {
                Error::io(
                    path,
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "stream did not contain valid UTF-8",
                    ),
                )
            })?;
            if !text.trim().is_empty() {
                self.entries.push(Entry::Line {
                    file,
                    offset,
                    len: got,
                    line,
                });
            }
            offset += got as u64;
        }
        Ok(())
    }

    /// Adds a document file, with the facts its corpus manifest gives.
    pub fn add_file(&mut self, path: &Path, info: Option<DocumentInfo>) {
        self.entries.push(Entry::File {
            path: path.to_path_buf(),
            info,
        });
    }

    /// Adds the documents of a corpus directory, in its order.
    pub fn add_corpus(&mut self, corpus: &Corpus) {
        for p in &corpus.files {
            let info = corpus.info_for(p).map(|e| e.info.clone());
            self.add_file(p, info);
        }
    }

    /// Adds a document already read (standard input), or the error of an
    /// input that could not be read.
    pub fn add_document(&mut self, doc: Result<Document>) {
        self.entries.push(match doc {
            Ok(d) => Entry::Held(Box::new(d)),
            Err(e) => Entry::Failed(e.to_string()),
        });
    }

    /// The entries that failed to load, by entry, each once: a JSONL line
    /// that is not JSON, a file that cannot be read.
    pub fn failures(&self) -> Vec<(usize, String)> {
        let mut f = self.failures.lock().map(|f| f.clone()).unwrap_or_default();
        f.sort();
        f
    }

    fn fail(&self, i: usize, message: String) {
        if let Ok(mut f) = self.failures.lock() {
            if !f.iter().any(|(j, _)| *j == i) {
                f.push((i, message));
            }
        }
    }

    fn read_line(&self, file: usize, offset: u64, len: usize) -> std::io::Result<String> {
        let path = self.jsonl.get(file).ok_or(std::io::ErrorKind::NotFound)?;
        let mut f = File::open(path)?;
        f.seek(SeekFrom::Start(offset))?;
        let mut buf = vec![0u8; len];
        f.read_exact(&mut buf)?;
        String::from_utf8(buf).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

impl DocumentSource for Inputs {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn load(&self, i: usize) -> Option<Cow<'_, ReuseDocument>> {
        let doc = match self.entries.get(i)? {
            Entry::Line {
                file,
                offset,
                len,
                line,
            } => {
                let path = self.jsonl.get(*file)?;
                let text = match self.read_line(*file, *offset, *len) {
                    Ok(t) => t,
                    Err(e) => {
                        self.fail(i, Error::io(path, e).to_string());
                        return None;
                    }
                };
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(v) => ReuseDocument::from_record(&v)?,
                    Err(e) => {
                        self.fail(
                            i,
                            format!(
                                "{}:{line}: not a JSON record ({e}); skipped",
                                path.display()
                            ),
                        );
                        return None;
                    }
                }
            }
            Entry::File { path, info } => match Document::from_path(path) {
                Ok(d) => {
                    let d = match info {
                        Some(info) => d.with_info(info.clone()),
                        None => d,
                    };
                    self.read_document(i, &d)?
                }
                Err(e) => {
                    self.fail(i, e.to_string());
                    return None;
                }
            },
            Entry::Held(d) => self.read_document(i, d)?,
            Entry::Failed(m) => {
                self.fail(i, m.clone());
                return None;
            }
        };
        Some(Cow::Owned(doc))
    }

    fn unique_ids(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_records_load_again_the_same() {
        let dir = std::env::temp_dir().join(format!("dj-src-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let jsonl = dir.join("r.jsonl");
        std::fs::write(
            &jsonl,
            "{\"id\":\"a\",\"text\":\"第一条记录的正文\",\"date\":\"2024-01-02\"}\n  \n{\"error\":\"x\"}\n{\"id\":\"b\",\"text\":\"第二条\"}",
        )
        .unwrap();
        let txt = dir.join("d.txt");
        std::fs::write(&txt, "某县委组织部\n全县开展党员志愿服务活动。").unwrap();
        let mut inputs = Inputs::new(reuse_pipeline().unwrap());
        inputs.add_jsonl(&jsonl).unwrap();
        inputs.add_file(&txt, None);
        inputs.add_file(&dir.join("missing.txt"), None);
        assert_eq!(inputs.len(), 5);
        let a = inputs.load(0).unwrap().into_owned();
        assert_eq!(
            (a.id.as_str(), a.date.as_deref()),
            ("a", Some("2024-01-02"))
        );
        assert!(inputs.load(1).is_none());
        assert_eq!(inputs.load(2).unwrap().text, "第二条");
        let d = inputs.load(3).unwrap().into_owned();
        assert_eq!(inputs.load(3).unwrap().into_owned(), d);
        assert!(d.text.contains("志愿服务"));
        assert!(inputs.load(4).is_none());
        assert!(inputs.load(4).is_none());
        assert_eq!(inputs.failures().len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
