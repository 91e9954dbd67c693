//! Replays the committed fuzz corpus (`fuzz/seeds/<target>/`: seeds and the
//! minimized inputs of every crash the fuzzers found) through the same
//! checks as the fuzz targets, on stable Rust and without libFuzzer. A
//! panic in a check names the target and the input file.
//!
//! The targets themselves (`cargo +nightly fuzz run <target>`) are described
//! in `fuzz/README.md`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../fuzz/src/shapes.rs"]
#[allow(dead_code)]
mod shapes;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).expect("read input");
            (p, b)
        })
        .collect()
}

/// Runs `check` on every input of `target`; reports all failing inputs.
fn replay(target: &str, check: impl Fn(&[u8])) {
    let mut failed = Vec::new();
    let all = inputs(target);
    for (path, data) in &all {
        if catch_unwind(AssertUnwindSafe(|| check(data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs fail: {failed:?}",
        failed.len(),
        all.len()
    );
}

#[test]
fn decode_corpus() {
    replay("decode", checks::decode);
}

#[test]
fn normalize_corpus() {
    replay("normalize", |d| checks::normalize(&shapes::render(d)));
}

#[test]
fn numerals_corpus() {
    replay("numerals", checks::numerals);
}

#[test]
fn html_corpus() {
    replay("html", |d| checks::html(&shapes::render(d)));
}

#[test]
fn analyze_corpus() {
    replay("analyze", |d| checks::analyze(&shapes::render(d)));
}

#[test]
fn index_corpus() {
    replay("index", |d| checks::index(&shapes::jsonl(d)));
}
