//! Batch indexing at archive scale: parallel, streaming, resumable, with bad
//! files isolated.
//!
//! An [`Indexer`] walks files and directories (recursively; symlink loops,
//! unreadable entries and non-document files are handled) on a thread of its
//! own, analyzes documents on rayon's threads — each thread takes the next
//! document as soon as it is free, so there are no batches to wait for — and
//! hands each result, an [`Analysis`] or an [`ErrorRecord`], to a callback on
//! the calling thread, in walk order. Memory is bounded by the documents in
//! flight (16 per thread by default, [`Indexer::max_in_flight`]), not by the
//! archive.
//!
//! [`Indexer::run_jsonl`] does the same for JSONL records
//! (`{"id": …, "text": …}` plus optional `path`, `place`, `place_code`,
//! `source`, `date`, `title`), which is how the binary runs as a Hadoop
//! Streaming mapper or a Spark `RDD.pipe` stage.
//!
//! [`OutputLog`] is the resumable output file: it appends whole records,
//! and on resume drops a torn last line (left by `kill -9` in the middle of a
//! write) and reports which documents are already done (a document whose
//! read failed is tried again).
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
//!
//! Guide: `docs/commands/index.md` (error records, resuming, the pipe
//! stage), `docs/distributed.md`, `docs/reliability.md` (the fault tests).

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Pipeline, PipelineBuilder};
use crate::document::{self, Document, DocumentInfo, Listed};
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
    /// Whether the sink stopped the run before the input was done.
    pub stopped: bool,
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
    max_in_flight: usize,
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
    File(PathBuf, Option<DocumentInfo>, Listed),
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
            return Some(Entry::File(p, info, Listed::of(&meta)));
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
            max_in_flight: 0,
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

    /// At most `n` documents between the walk and the sink (read, being
    /// analyzed, or finished and waiting for the ones before them); this
    /// bounds memory. 0 (the default) means 16 per thread.
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n;
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

    fn pool(&self) -> Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads())
            .build()
            .map_err(|e| Error::new(ErrorKind::Config, format!("cannot start threads: {e}")))
    }

    /// Reads one file and analyzes it. A file that vanished, grew past the
    /// limit or changed since the walk listed it is an error record (see
    /// [`document::read_limited`]).
    fn one_file(
        &self,
        p: &Path,
        info: Option<&DocumentInfo>,
        listed: Listed,
    ) -> (Option<Record>, u64) {
        let shown = p.display().to_string();
        let bytes = match document::read_limited(p, self.max_bytes, Some(listed)) {
            Ok(b) => b,
            Err(e) => {
                return (
                    Some(Record::Error(ErrorRecord::from_error(&shown, &e, None))),
                    0,
                );
            }
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
                (Some(self.analyze_guarded(&doc, &shown)), n)
            }
            Err(e) => (
                Some(Record::Error(ErrorRecord::from_error(&shown, &e, Some(id)))),
                n,
            ),
        }
    }

    /// Indexes files and directories; `sink` receives every record on the
    /// calling thread, in walk order (sorted by path within each directory),
    /// while the workers go on with the documents after it.
    pub fn run(&self, paths: &[PathBuf], mut sink: impl FnMut(Record)) -> Summary {
        self.run_inner(paths, false, |r, _| {
            sink(r);
            ControlFlow::Continue(())
        })
    }

    /// Like [`Indexer::run`], with each record's JSON line made on the worker
    /// threads (what `dangjian index` writes). The sink may stop the run
    /// (say, when its output is gone) by returning `ControlFlow::Break`.
    pub fn run_lines(
        &self,
        paths: &[PathBuf],
        mut sink: impl FnMut(&Record, &str) -> ControlFlow<()>,
    ) -> Summary {
        self.run_inner(paths, true, |r, line| sink(&r, line.unwrap_or_default()))
    }

    /// Indexes JSONL records from `reader` (`{"id": …, "text": …}` per line,
    /// read on a thread of its own); results come out in input order.
    ///
    /// ```
    /// use dangjian::index::{Indexer, Record};
    /// let input = "{\"id\":\"a\",\"text\":\"1.35万名机关党员到社区报到。\"}\nnot json\n";
    /// let mut out = Vec::new();
    /// Indexer::new().run_jsonl(input.as_bytes(), |r| out.push(r));
    /// assert!(matches!(&out[0], Record::Analysis(a) if a.id == "a"));
    /// assert!(matches!(&out[1], Record::Error(e) if e.kind == "json"));
    /// ```
    pub fn run_jsonl(&self, reader: impl BufRead + Send, mut sink: impl FnMut(Record)) -> Summary {
        self.run_jsonl_inner(reader, false, |r, _| {
            sink(r);
            ControlFlow::Continue(())
        })
    }

    /// Like [`Indexer::run_jsonl`], with JSON lines made on the workers and a
    /// sink that may stop the run.
    pub fn run_jsonl_lines(
        &self,
        reader: impl BufRead + Send,
        mut sink: impl FnMut(&Record, &str) -> ControlFlow<()>,
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

    /// Counts one result into `summary` and hands it to `sink`.
    fn deliver(
        (r, n): (Option<Done>, u64),
        summary: &mut Summary,
        sink: &mut impl FnMut(Record, Option<&str>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        summary.bytes += n;
        match r {
            None => {
                summary.skipped += 1;
                ControlFlow::Continue(())
            }
            Some((r, line)) => {
                match &r {
                    Record::Analysis(_) => summary.documents += 1,
                    Record::Error(_) => summary.errors += 1,
                }
                sink(r, line.as_deref())
            }
        }
    }

    /// How many items may be between the producer and the sink: enough that
    /// one slow document does not idle the other threads, few enough that
    /// memory stays bounded.
    fn in_flight_limit(&self) -> usize {
        if self.max_in_flight > 0 {
            self.max_in_flight
        } else {
            self.threads() * 16
        }
    }

    /// The streaming engine under every run: `items` are produced on a
    /// thread of their own, `work` runs on the pool's threads (each takes
    /// the next item as soon as it is free: no batches, no barrier), and the
    /// results reach `sink` on the calling thread in input order. At most
    /// [`Indexer::max_in_flight`] items are anywhere between production and the
    /// sink (and one more in the producer's hands while it waits). A `Break` from the sink stops the run: production and the
    /// workers stop after the documents in hand. A panic while analyzing one
    /// document is that document's error record.
    fn stream<T: Send>(
        &self,
        items: impl Iterator<Item = T> + Send,
        work: impl Fn(T) -> (Option<Done>, u64) + Sync,
        mut sink: impl FnMut(Record, Option<&str>) -> ControlFlow<()>,
    ) -> Summary {
        let start = Instant::now();
        let mut summary = Summary::default();
        let pool = match self.pool() {
            Ok(p) => p,
            Err(e) => {
                let _ = sink(Record::Error(ErrorRecord::from_error("", &e, None)), None);
                summary.errors += 1;
                return summary;
            }
        };
        let window = self.in_flight_limit();
        std::thread::scope(|scope| {
            // One token per item in flight: the producer waits for a free
            // slot, the sink frees one per result delivered.
            let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(window);
            // Unbounded: the slots bound it.
            let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
            let (done_tx, done_rx) = mpsc::channel::<(usize, (Option<Done>, u64))>();
            scope.spawn(move || {
                for (seq, item) in items.enumerate() {
                    if slot_tx.send(()).is_err() || job_tx.send((seq, item)).is_err() {
                        break;
                    }
                }
            });
            let work = &work;
            let pool = &pool;
            // The walk has started; build what the first documents would
            // otherwise all wait for.
            self.pipeline.warm_up();
            scope.spawn(move || {
                let job_rx = Mutex::new(job_rx);
                pool.broadcast(|_| {
                    loop {
                        // The lock is held while waiting, so idle workers
                        // sleep instead of spinning.
                        let job = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok((seq, item)) = job else {
                            break;
                        };
                        if done_tx.send((seq, work(item))).is_err() {
                            break;
                        }
                    }
                });
            });
            // Results arrive in completion order and leave in input order.
            let mut pending = BTreeMap::new();
            let mut next = 0usize;
            'results: for (seq, result) in done_rx {
                pending.insert(seq, result);
                while let Some(result) = pending.remove(&next) {
                    next += 1;
                    let flow = Self::deliver(result, &mut summary, &mut sink);
                    let _ = slot_rx.recv();
                    if flow.is_break() {
                        summary.stopped = true;
                        break 'results;
                    }
                }
            }
            // Dropping the receivers here stops the producer and the workers.
        });
        summary.elapsed = start.elapsed();
        summary
    }

    fn run_inner(
        &self,
        paths: &[PathBuf],
        serialize: bool,
        sink: impl FnMut(Record, Option<&str>) -> ControlFlow<()>,
    ) -> Summary {
        self.stream(
            walk(paths),
            |entry| {
                let r = match entry {
                    Entry::File(p, info, listed) => self.one_file(&p, info.as_ref(), listed),
                    Entry::Problem(p, err) => (
                        Some(Record::Error(ErrorRecord::from_error(
                            &p.display().to_string(),
                            &err,
                            None,
                        ))),
                        0,
                    ),
                };
                Self::finish_one(r, serialize)
            },
            sink,
        )
    }

    fn run_jsonl_inner(
        &self,
        reader: impl BufRead + Send,
        serialize: bool,
        sink: impl FnMut(Record, Option<&str>) -> ControlFlow<()>,
    ) -> Summary {
        self.stream(
            reader.lines().enumerate(),
            |(n, line)| Self::finish_one(self.one_record(n + 1, line), serialize),
            sink,
        )
    }

    /// Analyzes one document; a panic (a bug, never expected) becomes the
    /// document's error record instead of ending the run.
    fn analyze_guarded(&self, doc: &Document, shown: &str) -> Record {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.pipeline.analyze(doc)))
        {
            Ok(a) => Record::Analysis(Box::new(a)),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let err = Error::new(
                    ErrorKind::Internal,
                    format!("analysis failed (please report this document): {what}"),
                );
                Record::Error(ErrorRecord::from_error(shown, &err, Some(doc.id.clone())))
            }
        }
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
        (Some(self.analyze_guarded(&doc, &place)), bytes)
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
    /// positions at the end for appending. Documents whose read failed
    /// (error kind `io`) are not counted as done: a resumed run tries them
    /// again and appends their new record, which supersedes the error record
    /// before it.
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
                // A document whose read failed (kind `io`: it vanished,
                // changed while it was read, could not be opened) is tried
                // again; the other errors are the document's own and would
                // only repeat.
                if v.get("error").is_some()
                    && v.get("kind").and_then(|k| k.as_str()) != Some(ErrorKind::Io.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh directory with `names` written in it.
    fn dir_with(tag: &str, names: &[&str]) -> PathBuf {
        let d = std::env::temp_dir().join(format!("dangjian-walk-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        for n in names {
            fs::write(d.join(n), format!("{n}：1.35万名机关党员到社区报到。")).unwrap();
        }
        d
    }

    fn error_of(r: (Option<Record>, u64)) -> ErrorRecord {
        match r.0 {
            Some(Record::Error(e)) => e,
            other => panic!("expected an error record, got {other:?}"),
        }
    }

    /// A file that vanishes after its directory was listed, before the
    /// walker reaches it, is an error record (not silently skipped); one
    /// that vanishes after the walker listed it, before it is read, too.
    #[test]
    fn a_vanishing_file_is_an_error_record() {
        let d = dir_with("vanish", &["a.txt", "b.txt", "c.txt"]);
        let mut w = walk(std::slice::from_ref(&d));
        let Some(Entry::File(a, _, _)) = w.next() else {
            panic!("a.txt first")
        };
        assert!(a.ends_with("a.txt"));
        // The directory has been listed: b.txt goes before the walker
        // reaches it.
        fs::remove_file(d.join("b.txt")).unwrap();
        let Some(Entry::Problem(b, err)) = w.next() else {
            panic!("b.txt is a problem")
        };
        assert!(b.ends_with("b.txt"));
        assert_eq!(err.kind(), ErrorKind::Io);
        // c.txt is listed by the walker, then vanishes before it is read.
        let Some(Entry::File(c, info, listed)) = w.next() else {
            panic!("c.txt")
        };
        fs::remove_file(&c).unwrap();
        let e = error_of(Indexer::new().one_file(&c, info.as_ref(), listed));
        assert_eq!(e.kind, "io");
        assert!(e.path.ends_with("c.txt"));
        let _ = fs::remove_dir_all(&d);
    }

    /// On resume, a document whose read failed (`io`: vanished, changed
    /// while read) is tried again; one with an error of its own (binary,
    /// empty …) and every analyzed one count as done.
    #[test]
    fn resume_retries_failed_reads_only() {
        let d = dir_with("resume-io", &[]);
        let out = d.join("out.jsonl");
        let lines = [
            r#"{"id":"a.txt","path":"a.txt","chars":3}"#,
            r#"{"path":"b.txt","error":"b.txt: changed while it was read","kind":"io"}"#,
            r#"{"path":"c.bin","error":"c.bin: binary","kind":"binary"}"#,
        ];
        fs::write(&out, lines.join("\n") + "\n").unwrap();
        let (_, done) = OutputLog::resume(&out).unwrap();
        assert!(done.contains("a.txt"));
        assert!(!done.contains("b.txt"), "{done:?}");
        assert!(done.contains("c.bin"));
        let _ = fs::remove_dir_all(&d);
    }

    /// A file rewritten between the walk and the read (a crawler still
    /// writing it) is an error record saying so, not an analysis of a
    /// half-written page; read again once unchanged, it is a document.
    #[test]
    fn a_file_changed_since_the_walk_is_an_error_record() {
        let d = dir_with("change", &["a.txt"]);
        let mut w = walk(std::slice::from_ref(&d));
        let Some(Entry::File(a, info, listed)) = w.next() else {
            panic!("a.txt")
        };
        fs::write(&a, "改写后的内容更长一些：3000余名党员参加。").unwrap();
        let indexer = Indexer::new();
        let e = error_of(indexer.one_file(&a, info.as_ref(), listed));
        assert_eq!(e.kind, "io");
        assert!(e.error.contains("changed"), "{}", e.error);
        let Some(Entry::File(a, info, listed)) = walk(std::slice::from_ref(&d)).next() else {
            panic!("a.txt again")
        };
        assert!(matches!(
            indexer.one_file(&a, info.as_ref(), listed).0,
            Some(Record::Analysis(_))
        ));
        let _ = fs::remove_dir_all(&d);
    }

    /// Results leave in input order however unevenly the work is spread,
    /// and never more than the in-flight limit are between the producer and
    /// the sink.
    #[test]
    fn stream_keeps_order_and_bounds_the_window() {
        let indexer = Indexer::new().jobs(2).max_in_flight(8);
        let produced = AtomicUsize::new(0);
        let delivered = AtomicUsize::new(0);
        let worst = AtomicUsize::new(0);
        let items = (0..300usize).inspect(|_| {
            let p = produced.fetch_add(1, Ordering::SeqCst) + 1;
            let gap = p - delivered.load(Ordering::SeqCst);
            worst.fetch_max(gap, Ordering::SeqCst);
        });
        let mut seen = Vec::new();
        let summary = indexer.stream(
            items,
            |n| {
                // Every seventh item is slow.
                if n % 7 == 0 {
                    std::thread::sleep(Duration::from_millis(3));
                }
                let doc = Document::from_text(format!("第{n}号"));
                let rec = Record::Error(ErrorRecord::from_error(
                    &doc.id,
                    &Error::new(ErrorKind::Empty, n.to_string()),
                    None,
                ));
                (Some((rec, None)), 1)
            },
            |r, _| {
                delivered.fetch_add(1, Ordering::SeqCst);
                if let Record::Error(e) = r {
                    seen.push(e.error.parse::<usize>().unwrap_or(usize::MAX));
                }
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen, (0..300).collect::<Vec<_>>());
        assert_eq!((summary.errors, summary.bytes), (300, 300));
        // The window, plus the item the producer holds while it waits for a
        // free slot.
        assert!(worst.load(Ordering::SeqCst) <= 8 + 1, "{worst:?} in flight");
    }

    /// A `Break` from the sink stops production: far fewer items are made
    /// than the input holds.
    #[test]
    fn stream_stops_when_the_sink_says_so() {
        let indexer = Indexer::new().jobs(2).max_in_flight(4);
        let produced = AtomicUsize::new(0);
        let items = (0..100_000usize).inspect(|_| {
            produced.fetch_add(1, Ordering::SeqCst);
        });
        let mut got = 0;
        let summary = indexer.stream(
            items,
            |n| {
                let rec = Record::Error(ErrorRecord::from_error(
                    "x",
                    &Error::new(ErrorKind::Empty, n.to_string()),
                    None,
                ));
                (Some((rec, None)), 0)
            },
            |_, _| {
                got += 1;
                if got == 10 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert!(summary.stopped);
        assert_eq!(summary.errors, 10);
        assert!(
            produced.load(Ordering::SeqCst) < 100,
            "{produced:?} produced"
        );
    }
}
