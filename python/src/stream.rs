//! Documents through a thread pool, results back in input order.
//!
//! The caller (attached to Python) submits [`Source`]s while there is room
//! in a bounded window; workers load and process them in parallel, never
//! touching Python; [`Stream::next`] waits for the next result in input
//! order with the interpreter released, waking every 50 ms to let Python
//! handle signals, so a `KeyboardInterrupt` stops a run promptly (the
//! documents not yet started are then skipped).

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use dangjian::{Document, Error};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::source::Source;

/// How often a waiting caller looks for signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// Why one input gave no result; an error dict on the Python side.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What went wrong.
    pub message: String,
    /// `io`, `encoding`, `binary`, `empty`, `too_large`, `type`, `internal` …
    pub kind: &'static str,
    /// The file, when there is one.
    pub path: Option<String>,
    /// The operating system's error number of an I/O failure.
    pub errno: Option<i32>,
}

impl Failure {
    /// From a library error.
    pub fn from_error(e: &Error) -> Self {
        Failure {
            message: e.message().to_string(),
            kind: e.kind().as_str(),
            path: e.path().map(|p| p.display().to_string()),
            errno: crate::errors::errno(e),
        }
    }

    /// A bug met on one input (a panic caught on a worker).
    fn internal(payload: &(dyn std::any::Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        Failure {
            message: format!("internal error on this input: {what}"),
            kind: "internal",
            path: None,
            errno: None,
        }
    }
}

/// The work done on each document, on a worker thread.
pub type Job<T> = Arc<dyn Fn(Document) -> Result<T, Failure> + Send + Sync>;

type Done<T> = (usize, Result<T, Failure>);

/// An ordered parallel stream of results (see the module docs).
pub struct Stream<T> {
    pool: rayon::ThreadPool,
    job: Job<T>,
    tx: Sender<Done<T>>,
    rx: Receiver<Done<T>>,
    done: BTreeMap<usize, Result<T, Failure>>,
    next_in: usize,
    next_out: usize,
    window: usize,
    cancel: Arc<AtomicBool>,
}

/// The number of threads: `threads`, or every core for `None` or 0.
pub fn thread_count(threads: Option<usize>) -> usize {
    match threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

impl<T: Send + 'static> Stream<T> {
    /// A stream on `threads` workers (all cores for `None`).
    pub fn new(threads: Option<usize>, job: Job<T>) -> PyResult<Self> {
        let n = thread_count(threads);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("dangjian-{i}"))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start threads: {e}")))?;
        let (tx, rx) = channel();
        Ok(Stream {
            pool,
            job,
            tx,
            rx,
            done: BTreeMap::new(),
            next_in: 0,
            next_out: 0,
            // Enough queued work that no worker idles while the caller
            // converts results, few enough to bound memory.
            window: (8 * n).max(16),
            cancel: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Whether another input may be submitted now.
    pub fn has_room(&self) -> bool {
        self.next_in - self.next_out < self.window
    }

    /// Whether every submitted input has been returned.
    pub fn is_idle(&self) -> bool {
        self.next_in == self.next_out
    }

    /// Queues one input; returns its index.
    pub fn submit(&mut self, source: Source) -> usize {
        let index = self.next_in;
        self.next_in += 1;
        if let Some(msg) = source.invalid() {
            let failure = Failure {
                message: msg.to_string(),
                kind: "type",
                path: None,
                errno: None,
            };
            self.done.insert(index, Err(failure));
            return index;
        }
        let (job, tx, cancel) = (self.job.clone(), self.tx.clone(), self.cancel.clone());
        self.pool.spawn(move || {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let result = match catch_unwind(AssertUnwindSafe(|| source.load().map(|d| job(d)))) {
                Ok(Ok(r)) => r,
                Ok(Err(e)) => Err(Failure::from_error(&e)),
                Err(payload) => Err(Failure::internal(payload.as_ref())),
            };
            // The receiver is gone only when the stream was dropped.
            let _ = tx.send((index, result));
        });
        index
    }

    /// The next result in input order, waiting with the interpreter released;
    /// `None` when nothing submitted is outstanding. A pending signal (Ctrl-C)
    /// cancels the queued work and raises.
    pub fn next(&mut self, py: Python<'_>) -> PyResult<Option<Done<T>>> {
        loop {
            if let Some(r) = self.done.remove(&self.next_out) {
                let index = self.next_out;
                self.next_out += 1;
                return Ok(Some((index, r)));
            }
            if self.is_idle() {
                return Ok(None);
            }
            let (rx, done, want) = (&mut self.rx, &mut self.done, self.next_out);
            let timed_out = py.detach(move || {
                loop {
                    match rx.recv_timeout(SIGNAL_CHECK) {
                        Ok((i, r)) => {
                            done.insert(i, r);
                            if i == want {
                                return false;
                            }
                        }
                        // The stream holds a sender, so the channel cannot
                        // disconnect; treat it as a wake-up all the same.
                        Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                            return true;
                        }
                    }
                }
            });
            if timed_out {
                if let Err(e) = py.check_signals() {
                    self.cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
    }
}

impl<T> Drop for Stream<T> {
    fn drop(&mut self) {
        // Queued documents of an abandoned stream are skipped.
        self.cancel.store(true, Ordering::Relaxed);
    }
}
