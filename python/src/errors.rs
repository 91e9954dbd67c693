//! Library errors as Python exceptions: `DecodeError` (a `ValueError`) for
//! bytes that are not text, `OSError` (its subclass for the errno, such as
//! `FileNotFoundError`) for I/O, `ValueError` for bad configuration.

use std::error::Error as _;

use dangjian::{Error, ErrorKind};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    dangjian,
    DecodeError,
    PyValueError,
    "The input is not text in a supported encoding (UTF-8, UTF-16, GB18030, Big5), \
     is binary, empty, or too large. Attributes: `file` (the path, or None for text \
     in memory), `reason` (what is wrong) and `kind` (`encoding`, `binary`, `empty`, \
     `too_large`)."
);

/// `EISDIR` (the same number on Linux and macOS): `OSError(EISDIR, …)` is an
/// `IsADirectoryError`.
const EISDIR: i32 = 21;

/// `ENOENT` (the same number everywhere): `OSError(ENOENT, …)` is a
/// `FileNotFoundError`, also for a file found missing without a system call
/// (a `str` that looks like a path but names nothing).
const ENOENT: i32 = 2;

/// The operating system's error number behind an I/O error, if any (a
/// directory given as a file counts as `EISDIR`, a missing file found
/// without a system call as `ENOENT`).
pub fn errno(e: &Error) -> Option<i32> {
    if e.kind() != ErrorKind::Io {
        return None;
    }
    e.source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .and_then(|io| {
            io.raw_os_error()
                .or((io.kind() == std::io::ErrorKind::NotFound).then_some(ENOENT))
        })
        .or_else(|| e.path().filter(|p| p.is_dir()).map(|_| EISDIR))
}

/// The Python exception for a library error.
pub fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    let file = e.path().map(|p| p.display().to_string());
    match e.kind() {
        ErrorKind::Io => {
            match errno(e) {
                // OSError(errno, strerror, filename) picks the subclass.
                Some(n) => PyOSError::new_err((n, e.message().to_string(), file)),
                None => PyOSError::new_err(e.to_string()),
            }
        }
        ErrorKind::Encoding | ErrorKind::Binary | ErrorKind::Empty | ErrorKind::TooLarge => {
            let err = DecodeError::new_err(e.to_string());
            let value = err.value(py);
            // Setting an attribute on a fresh exception object cannot fail.
            let _ = value.setattr("file", file);
            let _ = value.setattr("reason", e.message());
            let _ = value.setattr("kind", e.kind().as_str());
            err
        }
        ErrorKind::Json | ErrorKind::Config => PyValueError::new_err(e.to_string()),
        ErrorKind::Internal => PyRuntimeError::new_err(e.to_string()),
    }
}
