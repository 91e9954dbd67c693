//! What Python may pass as a document: `str` (text), `bytes`/`bytearray`
//! (decoded like a file) or an `os.PathLike` (read and decoded).

use std::path::PathBuf;

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

    /// Whether `obj` is one document (str, bytes, os.PathLike) rather than an
    /// iterable of them.
    pub fn is_single(obj: &Bound<'_, PyAny>) -> bool {
        obj.is_instance_of::<PyString>()
            || obj.is_instance_of::<PyBytes>()
            || obj.is_instance_of::<PyByteArray>()
            || obj.hasattr("__fspath__").unwrap_or(false)
    }

    /// Classifies a Python object, a directory becoming its documents (a
    /// corpus with its manifest, or every document file in it).
    pub fn expand_py(obj: &Bound<'_, PyAny>) -> Vec<Source> {
        match Source::from_py(obj) {
            Source::Path(p) if p.is_dir() => match Corpus::open(&p) {
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
