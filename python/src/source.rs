//! What Python may pass as a document: `str` (text), `bytes`/`bytearray`
//! (decoded like a file) or an `os.PathLike` (read and decoded).
//!
//! A `str` is ambiguous: text or a file name. Given alone to `analyze` it is
//! always the text. Among the sources of a batch function (`claims`,
//! `compare`, `reuse`, `analyze_many`), the first thing a user writes is
//! `glob.glob(...)`, a list of path strings, so there a `str` that names an
//! existing file or directory is read as that file ([`Source::from_py_item`]);
//! a `str` that looks like a path and names nothing is a
//! `FileNotFoundError` rather than a text without claims; every other `str`
//! is text.

use std::path::{Path, PathBuf};

use dangjian::{Corpus, Document, Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// One input, taken from Python while attached and loaded on a worker.
pub enum Source {
    /// Text in memory.
    Text(String),
    /// Bytes in any supported encoding.
    Bytes(Vec<u8>),
    /// A file to read.
    Path(PathBuf),
    /// A document already loaded (a corpus member), or why it is not.
    Loaded(Box<dangjian::Result<Document>>),
    /// Not a document at all.
    Invalid(String),
}

impl Source {
    /// Classifies a Python object. Never fails: an object of another type
    /// becomes [`Source::Invalid`], reported when its turn comes.
    pub fn from_py(obj: &Bound<'_, PyAny>) -> Source {
        if obj.is_instance_of::<PyString>() {
            return match obj.extract::<String>() {
                Ok(s) => Source::Text(s),
                // Lone surrogates cannot become UTF-8.
                Err(e) => Source::Invalid(format!("text is not valid Unicode: {e}")),
            };
        }
        if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
            return match obj.extract::<Vec<u8>>() {
                Ok(b) => Source::Bytes(b),
                Err(e) => Source::Invalid(e.to_string()),
            };
        }
        if obj.hasattr("__fspath__").unwrap_or(false) {
            return match obj.extract::<PathBuf>() {
                Ok(p) => Source::Path(p),
                Err(e) => Source::Invalid(e.to_string()),
            };
        }
        let ty = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "object".to_string());
        Source::Invalid(format!(
            "expected str (text), bytes or os.PathLike (a file), got {ty}"
        ))
    }

    /// Classifies one of the sources of a batch function: as
    /// [`Source::from_py`], except that a `str` naming an existing file or
    /// directory is read as that path, and a `str` that looks like a path
    /// (see [`looks_like_path`]) but names nothing is a missing file.
    pub fn from_py_item(obj: &Bound<'_, PyAny>) -> Source {
        match Source::from_py(obj) {
            Source::Text(s) if names_path(&s) => Source::Path(PathBuf::from(s)),
            Source::Text(s) if looks_like_path(&s) => {
                let path = PathBuf::from(&s);
                let err = std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory (a str among the sources is read as a \
                     file when it names one; this one looks like a path but names \
                     none; pass the text itself if it is text)",
                );
                Source::Loaded(Box::new(Err(Error::io(&path, err))))
            }
            other => other,
        }
    }

    /// Whether `obj` is one document (str, bytes, os.PathLike) rather than an
    /// iterable of them.
    pub fn is_single(obj: &Bound<'_, PyAny>) -> bool {
        obj.is_instance_of::<PyString>()
            || obj.is_instance_of::<PyBytes>()
            || obj.is_instance_of::<PyByteArray>()
            || obj.hasattr("__fspath__").unwrap_or(false)
    }

    /// Classifies one of the sources of a batch function
    /// ([`Source::from_py_item`]), a directory becoming its documents (a
    /// corpus with its manifest, or every document file in it). A directory
    /// without a document file is an error, not an empty result.
    pub fn expand_py(obj: &Bound<'_, PyAny>) -> Vec<Source> {
        match Source::from_py_item(obj) {
            Source::Path(p) if p.is_dir() => match Corpus::open(&p) {
                Ok(c) if c.files.is_empty() => {
                    let msg = format!(
                        "the directory holds no document file (.{}); name the files \
                         themselves for other extensions",
                        dangjian::document::DOCUMENT_EXTENSIONS.join(", .")
                    );
                    vec![Source::Loaded(Box::new(Err(Error::new(
                        ErrorKind::Config,
                        msg,
                    )
                    .with_path(&p))))]
                }
                Ok(c) => c
                    .documents()
                    .into_iter()
                    .map(|d| Source::Loaded(Box::new(d)))
                    .collect(),
                Err(e) => vec![Source::Loaded(Box::new(Err(e)))],
            },
            s => vec![s],
        }
    }

    /// Loads the document (reads and decodes as needed).
    pub fn load(self) -> dangjian::Result<Document> {
        match self {
            Source::Text(s) => Ok(Document::from_text(s)),
            Source::Bytes(b) => Document::from_bytes(&b, None),
            Source::Path(p) => Document::from_path(&p),
            Source::Loaded(d) => *d,
            Source::Invalid(msg) => Err(Error::new(ErrorKind::Config, msg)),
        }
    }

    /// Whether this is not a document at all (a `TypeError` when alone).
    pub fn invalid(&self) -> Option<&str> {
        match self {
            Source::Invalid(m) => Some(m),
            _ => None,
        }
    }
}

/// The longest `str` taken for a file name (longer ones are text).
const MAX_PATH_BYTES: usize = 4096;

/// Whether `s` names an existing file or directory: one line, no longer
/// than a path can be, and there on disk.
fn names_path(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_PATH_BYTES
        && !s.contains(['\n', '\r', '\0'])
        && Path::new(s).exists()
}

/// Whether `s` looks like a file name rather than report text: one short
/// line without white space that ends in a document or data extension
/// (`.txt`, `.html`, `.jsonl` …), or holds a path separator and no Chinese
/// character. Report text is full of Chinese characters and never ends in
/// `.txt`.
pub fn looks_like_path(s: &str) -> bool {
    const EXTENSIONS: &[&str] = &["json", "jsonl", "csv", "md", "xml", "gz"];
    if s.is_empty() || s.len() > MAX_PATH_BYTES || s.chars().any(char::is_whitespace) {
        return false;
    }
    let ext = Path::new(s)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref().is_some_and(|e| {
        dangjian::document::DOCUMENT_EXTENSIONS.contains(&e) || EXTENSIONS.contains(&e)
    }) {
        return true;
    }
    (s.contains('/') || s.contains('\\')) && !s.chars().any(is_han)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}
