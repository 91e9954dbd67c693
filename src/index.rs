//! Batch indexing at archive scale: parallel, streaming, resumable, with bad
//! files isolated.
//!
//! An [`Indexer`] walks files and directories (recursively; symlink loops,
//! unreadable entries and non-document files are handled), analyzes
//! documents in parallel with rayon and hands each result — an [`Analysis`]
//! or an [`ErrorRecord`] — to a callback as soon as its batch is done.
//! Memory is bounded by the batch in flight (a few documents per thread), not
//! by the archive.
//!
//! [`Indexer::run_jsonl`] does the same for JSONL records
//! (`{"id": …, "text": …}` plus optional `path`, `place`, `place_code`,
//! `source`, `date`, `title`), which is how the binary runs as a Hadoop
//! Streaming mapper or a Spark `RDD.pipe` stage.
//!
//! [`OutputLog`] is the resumable output file: it appends whole records,
//! and on resume drops a torn last line (left by `kill -9` in the middle of a
//! write) and reports which documents are already done.
//!
//! ```
//! use dangjian::index::{Indexer, Record};
//! let dir = std::env::temp_dir().join(format!("dangjian-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "1.35万名机关党员到社区报到。").unwrap();
//! std::fs::write(dir.join("empty.txt"), "").unwrap();
//! let mut good = 0;
//! let mut bad = 0;
//! let summary = Indexer::new().jobs(2).run(&[dir.clone()], |r| match r {
//!     Record::Analysis(_) => good += 1,
//!     Record::Error(_) => bad += 1,
//! });
//! assert_eq!((good, bad, summary.errors), (1, 1, 1));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Pipeline, PipelineBuilder};
use crate::document::{self, Document, DocumentInfo};
use crate::error::{Error, ErrorKind, Result};

/// An error record of `index` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The file (or `<stdin>:LINE`).
    pub path: String,
    /// What went wrong.
    pub error: String,
    /// `io`, `encoding`, `binary`, `empty`, `too_large`, `json`.
    pub kind: String,
    /// Id of the bytes, when they could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl ErrorRecord {
    fn from_error(path: &str, e: &Error, id: Option<String>) -> Self {
        ErrorRecord {
            path: path.to_string(),
            error: e.message().to_string(),
            kind: e.kind().as_str().to_string(),
            id,
        }
    }
}

/// One line of `index` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// A bad document.
    Error(ErrorRecord),
    /// A good document.
    Analysis(Box<Analysis>),
}

impl Record {
    /// The JSON line (without the newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"path":"","error":"cannot serialize: {e}","kind":"json"}}"#)
        })
    }
}

/// A finished record with its JSON line, when asked for.
type Done = (Record, Option<String>);

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Good documents analyzed.
    pub documents: usize,
    /// Error records.
    pub errors: usize,
    /// Documents skipped because they were already done (`--resume`).
    pub skipped: usize,
    /// Bytes of input analyzed.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl Summary {
    /// Throughput in MB/s (10^6 bytes).
    pub fn mb_per_s(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s == 0.0 {
            0.0
        } else {
            self.bytes as f64 / 1e6 / s
        }
    }
}

/// Batch indexer; see the module documentation.
#[derive(Debug, Clone)]
pub struct Indexer {
    pipeline: Pipeline,
    jobs: usize,
    max_bytes: u64,
    done: HashSet<String>,
    batch: usize,
}

impl Default for Indexer {
    fn default() -> Self {
        Self::new()
    }
}

/// Default limit on the size of one document: 16 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// An entry found by the walker: a file to analyze, or a problem with a path.
#[derive(Debug)]
enum Entry {
    File(PathBuf, Option<DocumentInfo>),
    Problem(PathBuf, Error),
}

/// Walks `paths` recursively, in a stable (sorted) order. Directories are
/// followed through symlinks once (loops are cut); inside directories, only
/// files with a document extension or none are taken.
fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Entry> {
    let mut stack: Vec<(PathBuf, bool)> = paths.iter().rev().map(|p| (p.clone(), true)).collect();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    // Manifest facts of the corpus directories met so far.
    let mut manifests: std::collections::HashMap<PathBuf, crate::document::Corpus> =
        Default::default();
    std::iter::from_fn(move || {
        while let Some((p, explicit)) = stack.pop() {
            let meta = match fs::metadata(&p) {
                Ok(m) => m,
                Err(e) => return Some(Entry::Problem(p.clone(), Error::io(&p, e))),
            };
            if meta.is_dir() {
                let canon = fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
                if !seen_dirs.insert(canon) {
                    continue; // a symlink loop or a directory given twice
                }
                let rd = match fs::read_dir(&p) {
                    Ok(rd) => rd,
                    Err(e) => return Some(Entry::Problem(p.clone(), Error::io(&p, e))),
                };
                if p.join("manifest.json").is_file()
                    && let Ok(c) = crate::document::Corpus::open(&p)
                {
                    manifests.insert(p.clone(), c);
                }
                let mut children: Vec<PathBuf> =
                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                children.sort();
                for c in children.into_iter().rev() {
                    stack.push((c, false));
                }
                continue;
            }
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !explicit
                && (name.starts_with('.')
                    || name == "manifest.json"
                    || !(document::is_document_file(&p) || p.extension().is_none()))
            {
                continue;
            }
            let info = p
                .parent()
                .and_then(|d| manifests.get(d))
                .and_then(|c| c.info_for(&p))
                .map(|e| e.info.clone());
            return Some(Entry::File(p, info));
        }
        None
    })
}

/// A JSONL input record of `index -`.
#[derive(Debug, Clone, Deserialize)]
struct InputRecord {
    id: Option<String>,
    text: String,
    path: Option<String>,
    #[serde(flatten)]
    info: DocumentInfo,
}

impl Indexer {
    /// An indexer with the default pipeline (term counts kept, so `compare`
    /// can read the output), all cores and a 16 MiB document limit.
    pub fn new() -> Self {
        let pipeline = PipelineBuilder::new()
            .keep_terms(true)
            .build()
            .unwrap_or_default();
        Indexer {
            pipeline,
            jobs: 0,
            max_bytes: DEFAULT_MAX_BYTES,
            done: HashSet::new(),
            batch: 0,
        }
    }

    /// Uses this pipeline.
    pub fn pipeline(mut self, p: Pipeline) -> Self {
        self.pipeline = p;
        self
    }

    /// Number of threads (0 = all cores).
    pub fn jobs(mut self, n: usize) -> Self {
        self.jobs = n;
        self
    }

    /// Largest document in bytes; larger files give a `too_large` error.
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }

    /// Ids (and error paths) already done; they are skipped.
    pub fn skip(mut self, done: HashSet<String>) -> Self {
        self.done = done;
        self
    }

    fn threads(&self) -> usize {
        if self.jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            self.jobs
        }
    }

    fn batch_size(&self) -> usize {
        if self.batch > 0 {
            self.batch
        } else {
            self.threads() * 8
        }
    }

    fn pool(&self) -> Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads())
            .build()
            .map_err(|e| Error::new(ErrorKind::Config, format!("cannot start threads: {e}")))
    }

    /// Reads one file and analyzes it.
    fn one_file(&self, p: &Path, info: Option<&DocumentInfo>) -> (Option<Record>, u64) {
        let shown = p.display().to_string();
        let failed = |e: &Error| {
            (
                Some(Record::Error(ErrorRecord::from_error(&shown, e, None))),
                0,
            )
        };
        let meta = match fs::metadata(p) {
            Ok(m) => m,
            Err(e) => return failed(&Error::io(p, e)),
        };
        if meta.len() > self.max_bytes {
            return failed(&Error::new(
                ErrorKind::TooLarge,
                format!(
                    "{} bytes, over the limit of {} bytes (raise it with --max-bytes)",
                    meta.len(),
                    self.max_bytes
                ),
            ));
        }
        let bytes = match fs::read(p) {
            Ok(b) => b,
            Err(e) => return failed(&Error::io(p, e)),
        };
        let id = document::id_of(&bytes);
        if self.done.contains(&id) || self.done.contains(&shown) {
            return (None, 0);
        }
        let n = bytes.len() as u64;
        match Document::from_bytes(&bytes, Some(p)) {
            Ok(doc) => {
                let doc = match info {
                    Some(i) => doc.with_info(i.clone()),
                    None => doc,
                };
                (
                    Some(Record::Analysis(Box::new(self.pipeline.analyze(&doc)))),
                    n,
                )
            }
            Err(e) => (
                Some(Record::Error(ErrorRecord::from_error(&shown, &e, Some(id)))),
                n,
            ),
        }
    }

    /// Indexes files and directories; `sink` receives every record (from the
    /// calling thread, in walk order within each batch).
    pub fn run(&self, paths: &[PathBuf], mut sink: impl FnMut(Record)) -> Summary {
        self.run_inner(paths, false, |r, _| sink(r))
    }

    /// Like [`Indexer::run`], with each record's JSON line made on the worker
    /// threads (what `dangjian index` writes).
    pub fn run_lines(&self, paths: &[PathBuf], mut sink: impl FnMut(&Record, &str)) -> Summary {
        self.run_inner(paths, true, |r, line| sink(&r, line.unwrap_or_default()))
    }

    /// Indexes JSONL records from `reader` (`{"id": …, "text": …}` per line);
    /// results come out in input order.
    pub fn run_jsonl(&self, reader: impl BufRead, mut sink: impl FnMut(Record)) -> Summary {
        self.run_jsonl_inner(reader, false, |r, _| sink(r))
    }

    /// Like [`Indexer::run_jsonl`], with JSON lines made on the workers.
    pub fn run_jsonl_lines(
        &self,
        reader: impl BufRead,
        mut sink: impl FnMut(&Record, &str),
    ) -> Summary {
        self.run_jsonl_inner(reader, true, |r, line| sink(&r, line.unwrap_or_default()))
    }

    fn finish_one(r: (Option<Record>, u64), serialize: bool) -> (Option<Done>, u64) {
        let (rec, n) = r;
        (
            rec.map(|rec| {
                let line = serialize.then(|| rec.to_json());
                (rec, line)
            }),
            n,
        )
    }

    fn drain(
        results: Vec<(Option<Done>, u64)>,
        summary: &mut Summary,
        sink: &mut impl FnMut(Record, Option<&str>),
    ) {
        for (r, n) in results {
            summary.bytes += n;
            match r {
                None => summary.skipped += 1,
                Some((r, line)) => {
                    match &r {
                        Record::Analysis(_) => summary.documents += 1,
                        Record::Error(_) => summary.errors += 1,
                    }
                    sink(r, line.as_deref());
                }
            }
        }
    }

    fn run_inner(
        &self,
        paths: &[PathBuf],
        serialize: bool,
        mut sink: impl FnMut(Record, Option<&str>),
    ) -> Summary {
        let start = Instant::now();
        let mut summary = Summary::default();
        let pool = match self.pool() {
            Ok(p) => p,
            Err(e) => {
                sink(Record::Error(ErrorRecord::from_error("", &e, None)), None);
                summary.errors += 1;
                return summary;
            }
        };
        let batch = self.batch_size();
        // A driver thread walks and analyzes batch after batch; this thread
        // writes the finished ones meanwhile. At most two batches wait, so
        // memory stays bounded.
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(Option<Done>, u64)>>(2);
            let pool = &pool;
            scope.spawn(move || {
                let mut entries = walk(paths).peekable();
                while entries.peek().is_some() {
                    let chunk: Vec<Entry> = entries.by_ref().take(batch).collect();
                    let results = pool.install(|| {
                        chunk
                            .par_iter()
                            .map(|e| {
                                let r = match e {
                                    Entry::File(p, info) => self.one_file(p, info.as_ref()),
                                    Entry::Problem(p, err) => (
                                        Some(Record::Error(ErrorRecord::from_error(
                                            &p.display().to_string(),
                                            err,
                                            None,
                                        ))),
                                        0,
                                    ),
                                };
                                Self::finish_one(r, serialize)
                            })
                            .collect()
                    });
                    if tx.send(results).is_err() {
                        break;
                    }
                }
            });
            for results in rx {
                Self::drain(results, &mut summary, &mut sink);
            }
        });
        summary.elapsed = start.elapsed();
        summary
    }

    fn run_jsonl_inner(
        &self,
        reader: impl BufRead,
        serialize: bool,
        mut sink: impl FnMut(Record, Option<&str>),
    ) -> Summary {
        let start = Instant::now();
        let mut summary = Summary::default();
        let pool = match self.pool() {
            Ok(p) => p,
            Err(e) => {
                sink(
                    Record::Error(ErrorRecord::from_error("<stdin>", &e, None)),
                    None,
                );
                summary.errors += 1;
                return summary;
            }
        };
        let mut lines = reader.lines().enumerate().peekable();
        let batch = self.batch_size();
        while lines.peek().is_some() {
            let chunk: Vec<(usize, io::Result<String>)> = lines.by_ref().take(batch).collect();
            let results = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|(n, line)| Self::finish_one(self.one_record(n + 1, line), serialize))
                    .collect()
            });
            Self::drain(results, &mut summary, &mut sink);
        }
        summary.elapsed = start.elapsed();
        summary
    }

    fn one_record(&self, n: usize, line: io::Result<String>) -> (Option<Record>, u64) {
        let place = format!("<stdin>:{n}");
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                let err = Error::new(ErrorKind::Encoding, format!("not a UTF-8 line: {e}"));
                return (
                    Some(Record::Error(ErrorRecord::from_error(&place, &err, None))),
                    0,
                );
            }
        };
        if line.trim().is_empty() {
            return (None, 0);
        }
        let rec: InputRecord = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                let err = Error::new(
                    ErrorKind::Json,
                    format!("not a JSON record with a \"text\" field: {e}"),
                );
                return (
                    Some(Record::Error(ErrorRecord::from_error(&place, &err, None))),
                    0,
                );
            }
        };
        let bytes = rec.text.len() as u64;
        if bytes > self.max_bytes {
            let err = Error::new(
                ErrorKind::TooLarge,
                format!(
                    "{bytes} bytes of text, over the limit of {}",
                    self.max_bytes
                ),
            );
            return (
                Some(Record::Error(ErrorRecord::from_error(&place, &err, rec.id))),
                0,
            );
        }
        if rec.text.trim().is_empty() {
            let err = Error::new(ErrorKind::Empty, "the record's text is empty");
            return (
                Some(Record::Error(ErrorRecord::from_error(&place, &err, rec.id))),
                0,
            );
        }
        let mut doc = Document::from_text(rec.text).with_info(rec.info);
        if let Some(id) = rec.id {
            if self.done.contains(&id) {
                return (None, 0);
            }
            doc.id = id;
        }
        if let Some(p) = rec.path {
            doc = doc.with_path(p);
        }
        (
            Some(Record::Analysis(Box::new(self.pipeline.analyze(&doc)))),
            bytes,
        )
    }
}

/// The resumable output file of `index -o`.
#[derive(Debug)]
pub struct OutputLog {
    file: File,
}

impl OutputLog {
    /// Creates (truncates) `path`.
    pub fn create(path: &Path) -> Result<(OutputLog, HashSet<String>)> {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        Ok((OutputLog { file }, HashSet::new()))
    }

    /// Opens `path` for resuming: reads the ids (and error paths) of the
    /// complete records in it, cuts a torn or malformed last line, and
    /// positions at the end for appending.
    pub fn resume(path: &Path) -> Result<(OutputLog, HashSet<String>)> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        let mut done = HashSet::new();
        let mut good_end: u64 = 0;
        let mut pos: u64 = 0;
        {
            let mut reader = BufReader::new(&mut file);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                let n = reader
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| Error::io(path, e))?;
                if n == 0 {
                    break;
                }
                pos += n as u64;
                if buf.last() != Some(&b'\n') {
                    break; // torn: no newline
                }
                let Ok(v) = serde_json::from_slice::<serde_json::Value>(&buf) else {
                    break; // torn or garbage: cut from here
                };
                if let Some(id) = v.get("id").and_then(|x| x.as_str()) {
                    done.insert(id.to_string());
                }
                if v.get("error").is_some()
                    && let Some(p) = v.get("path").and_then(|x| x.as_str())
                {
                    done.insert(p.to_string());
                }
                good_end = pos;
            }
        }
        file.set_len(good_end).map_err(|e| Error::io(path, e))?;
        file.seek(SeekFrom::Start(good_end))
            .map_err(|e| Error::io(path, e))?;
        Ok((OutputLog { file }, done))
    }

    /// Appends one record as one line, in one write, and flushes it.
    pub fn append(&mut self, r: &Record) -> io::Result<()> {
        self.append_line(&r.to_json())
    }

    /// Appends a record already serialized (one JSON object, no newline).
    pub fn append_line(&mut self, json: &str) -> io::Result<()> {
        let mut line = String::with_capacity(json.len() + 1);
        line.push_str(json);
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.flush()
    }
}
