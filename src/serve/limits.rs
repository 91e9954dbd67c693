//! The server's bounds, and running a blocking search under them: a
//! semaphore so that no more searches run at once than the machine can
//! take, and a time limit after which the request is answered 503.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::search::Archive;

/// Hits per search page.
pub(super) const PAGE_HITS: usize = 20;
/// Most hits (or facet-less rows) one API call returns.
pub(super) const MAX_API_HITS: usize = 200;
/// Most claim rows one API call returns.
pub(super) const MAX_API_CLAIMS: usize = 5_000;
/// Claim rows read for the claims page (table, charts); past it the page says so.
pub(super) const CLAIMS_PAGE_ROWS: usize = 5_000;
/// Claim rows shown per claims page.
pub(super) const CLAIMS_PER_PAGE: usize = 100;
/// Most documents compared by `/compare`; past it the page says so.
pub(super) const COMPARE_DOCS: usize = 2_000;
/// Deepest page of results (offset past it is refused).
pub(super) const MAX_OFFSET: usize = 10_000;
/// Longest request target (path and query) in bytes.
pub(super) const MAX_URI: usize = 8 * 1024;
/// Longest query string value in characters.
pub(super) const MAX_QUERY_CHARS: usize = 500;
/// Largest request body accepted (none is ever read).
pub(super) const MAX_BODY: usize = 0;

/// Why a request failed, with the status it is answered with.
#[derive(Debug)]
pub(super) struct Fail {
    pub(super) status: u16,
    pub(super) message: String,
}

impl Fail {
    pub(super) fn bad(message: impl Into<String>) -> Fail {
        Fail {
            status: 400,
            message: message.into(),
        }
    }
    pub(super) fn not_found(message: impl Into<String>) -> Fail {
        Fail {
            status: 404,
            message: message.into(),
        }
    }
    pub(super) fn internal(message: impl Into<String>) -> Fail {
        Fail {
            status: 500,
            message: message.into(),
        }
    }
    /// A library error: a malformed query or an unknown place is the
    /// request's fault (400); anything else is the server's (500).
    pub(super) fn from_error(e: crate::error::Error) -> Fail {
        match e.kind() {
            crate::error::ErrorKind::Config => Fail::bad(e.message().to_string()),
            _ => Fail::internal(e.to_string()),
        }
    }
}

/// The archive and the bounds of the work done on it.
pub(super) struct Worker {
    pub(super) archive: Arc<Archive>,
    permits: Arc<Semaphore>,
    timeout: Duration,
}

impl Worker {
    pub(super) fn new(archive: Archive, timeout: Duration) -> Worker {
        let n = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
        Worker {
            archive: Arc::new(archive),
            permits: Arc::new(Semaphore::new(n)),
            timeout,
        }
    }

    /// Runs `f` on the blocking pool; waiting for a turn and running both
    /// count against the time limit (× `weight`, for the comparison).
    pub(super) async fn run<T, F>(&self, weight: u32, f: F) -> Result<T, Fail>
    where
        T: Send + 'static,
        F: FnOnce(&Archive) -> Result<T, Fail> + Send + 'static,
    {
        let limit = self.timeout * weight.max(1);
        let busy = || Fail {
            status: 503,
            message: format!(
                "the search took longer than {} s (or the server is busy): narrow the query or try again",
                limit.as_secs()
            ),
        };
        let archive = Arc::clone(&self.archive);
        let permits = Arc::clone(&self.permits);
        let work = async move {
            let permit = permits
                .acquire_owned()
                .await
                .map_err(|_| Fail::internal("the server is shutting down"))?;
            let job = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                f(&archive)
            });
            job.await
                .map_err(|e| Fail::internal(format!("the search failed: {e}")))?
        };
        match tokio::time::timeout(limit, work).await {
            Ok(r) => r,
            Err(_) => Err(busy()),
        }
    }
}
