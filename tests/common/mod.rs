//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/data` beside the project, or `$DANGJIAN_SHARED_DATA`; `None`
/// when absent (a fresh clone): tests that need it print a note and pass.
pub fn shared_data() -> Option<PathBuf> {
    let p = std::env::var_os("DANGJIAN_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: {} not present; evaluation skipped", p.display());
        None
    }
}

/// The bundled corpus directory.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Reads a corpus file as UTF-8.
pub fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).expect("bundled corpus file")
}

/// Precision, recall and F1 from counts.
pub fn prf(tp: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let p = if system == 0 {
        1.0
    } else {
        tp as f64 / system as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
