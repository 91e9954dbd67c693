//! Page cleaning against the hand-annotated gold in tests/gold/pages.json:
//! character-level body precision/recall and exact metadata.

mod common;

use std::collections::HashMap;

use dangjian::{Document, Pipeline};
use serde_json::Value;

fn chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Character-level overlap of two lists of lines (lines are matched whole,
/// as a multiset).
fn overlap(system: &[&str], gold: &[&str]) -> (usize, usize, usize) {
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for g in gold {
        *pool.entry(g).or_default() += 1;
    }
    let mut tp = 0;
    for s in system {
        if let Some(n) = pool.get_mut(s)
            && *n > 0
        {
            *n -= 1;
            tp += chars(s);
        }
    }
    let sys: usize = system.iter().map(|s| chars(s)).sum();
    let gold: usize = gold.iter().map(|s| chars(s)).sum();
    (tp, sys, gold)
}

/// Body precision and recall of an analysis against a gold entry's lines.
fn body_scores(a: &dangjian::Analysis, gold: &Value) -> (f64, f64) {
    let sys: Vec<&str> = a.body.lines().collect();
    let gold_lines: Vec<&str> = gold["body"]
        .as_array()
        .expect("body")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let (tp, s, g) = overlap(&sys, &gold_lines);
    let (p, r, _) = common::prf(tp, s, g);
    (p, r)
}

/// Metadata fields of the gold entry that the analysis gets wrong.
fn meta_mismatches(file: &str, a: &dangjian::Analysis, gold: &Value) -> Vec<String> {
    let meta = serde_json::to_value(&a.meta).expect("meta");
    gold["meta"]
        .as_object()
        .expect("meta")
        .iter()
        .filter(|(k, v)| meta[k.as_str()] != **v)
        .map(|(k, v)| format!("{file}: meta.{k} = {} (gold {v})", meta[k.as_str()]))
        .collect()
}

#[test]
fn corpus_pages_match_gold() {
    let gold: Value = serde_json::from_str(include_str!("gold/pages.json")).expect("gold JSON");
    let pipeline = Pipeline::default();
    let mut failures = Vec::new();
    for d in gold["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file");
        // No manifest facts: what is found must come from the page itself.
        let doc = Document::from_path(common::corpus_dir().join(file)).expect("corpus file");
        let a = pipeline.analyze(&doc);
        let (p, r) = body_scores(&a, d);
        println!("{file}: body P {p:.3} R {r:.3}");
        if p < 0.97 || r < 0.97 {
            failures.push(format!("{file}: body P {p:.3} R {r:.3}"));
        }
        failures.extend(meta_mismatches(file, &a, d));
        if let Some(caps) = d.get("captions").and_then(Value::as_array) {
            for c in caps.iter().filter_map(Value::as_str) {
                if !a.captions.iter().any(|x| x == c) {
                    failures.push(format!("{file}: caption missed: {c}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn page_samples_in_other_shapes() {
    let gold: Value =
        serde_json::from_str(include_str!("gold/page-samples.json")).expect("gold JSON");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let pipeline = Pipeline::default();
    let mut failures = Vec::new();
    for d in gold["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file");
        let doc = Document::from_path(dir.join(file)).expect("sample decodes");
        if doc.encoding != d["encoding"].as_str().unwrap_or("") {
            failures.push(format!(
                "{file}: encoding {} (gold {})",
                doc.encoding, d["encoding"]
            ));
        }
        let a = pipeline.analyze(&doc);
        let (p, r) = body_scores(&a, d);
        println!("{file}: body P {p:.3} R {r:.3}");
        if p < 0.97 || r < 0.97 {
            failures.push(format!(
                "{file}: body P {p:.3} R {r:.3}\n  got {:?}",
                a.body
            ));
        }
        failures.extend(meta_mismatches(file, &a, d));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// GBK and Big5 copies of corpus documents analyze exactly like the UTF-8
/// originals (only the id and the encoding differ).
#[test]
fn legacy_encodings_give_the_same_analysis() {
    let pipeline = Pipeline::default();
    for (file, enc) in [
        ("guilin-2024-08-15.txt", encoding_rs::GBK),
        ("zhejiang-2019-11-25.txt", encoding_rs::GB18030),
        ("tianjin-2021-06-16.txt", encoding_rs::BIG5),
    ] {
        // Big5 has no no-break space; the portal's page uses one.
        let text = common::corpus_text(file).replace('\u{a0}', " ");
        let (bytes, _, lossy) = enc.encode(&text);
        assert!(!lossy, "{file} is not representable in {}", enc.name());
        let original = pipeline.analyze(&Document::from_text(text.clone()));
        let copy = pipeline.analyze(&Document::from_bytes(&bytes, None).expect("decodes"));
        let mut a = serde_json::to_value(&original).expect("json");
        let mut b = serde_json::to_value(&copy).expect("json");
        assert_ne!(b["encoding"], "utf-8");
        for v in [&mut a, &mut b] {
            v["id"] = Value::Null;
            v["encoding"] = Value::Null;
        }
        assert_eq!(a, b, "{file} as {}", enc.name());
    }
}

#[test]
fn binary_file_gives_a_clear_error() {
    let e = Document::from_bytes(
        &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
        ],
        Some(std::path::Path::new("photo.txt")),
    )
    .expect_err("binary");
    assert_eq!(e.kind(), dangjian::ErrorKind::Binary);
    assert!(e.to_string().starts_with("photo.txt: binary"), "{e}");
}

/// The script found agrees with the manifest for every corpus document.
#[test]
fn script_matches_the_manifest() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(common::corpus_dir().join("manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    let pipeline = Pipeline::default();
    for d in manifest["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file");
        let a = pipeline
            .analyze(&Document::from_path(common::corpus_dir().join(file)).expect("corpus"));
        assert_eq!(
            serde_json::to_value(a.script).expect("script"),
            d["script"],
            "{file}"
        );
    }
}
