//! The error type: what happened, to which file, in words a user can act on.
//!
//! ```
//! use dangjian::{Document, ErrorKind};
//! let err = Document::from_bytes(b"\x00\x01\x02binary", None).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Binary);
//! assert!(err.to_string().contains("binary"));
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of failure an [`Error`] is; `as_str` is the `kind` of an error
/// record in `index` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The bytes are not valid in any supported text encoding.
    Encoding,
    /// The file is binary, not text.
    Binary,
    /// The file is empty (or only white space).
    Empty,
    /// The file is larger than the configured limit.
    TooLarge,
    /// A JSON or JSONL input is malformed.
    Json,
    /// A corpus manifest or other configuration is malformed.
    Config,
    /// A bug in dangjian met on this input (the run goes on without it).
    Internal,
}

impl ErrorKind {
    /// The short name used in error records.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Encoding => "encoding",
            ErrorKind::Binary => "binary",
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Json => "json",
            ErrorKind::Config => "config",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error with its kind, the file it concerns (when known) and a message.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            path: None,
            message: message.into(),
            source: None,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: std::io::Error) -> Self {
        Error {
            kind: ErrorKind::Io,
            path: Some(path.to_path_buf()),
            message: err.to_string(),
            source: Some(Box::new(err)),
        }
    }

    /// Attaches the file the error concerns (kept if one is already set).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.as_ref().to_path_buf());
        }
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error concerns, if known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The message without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
