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
        let sys: Vec<&str> = a.body.lines().collect();
        let gold_lines: Vec<&str> = d["body"]
            .as_array()
            .expect("body")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let (tp, s, g) = overlap(&sys, &gold_lines);
        let (p, r, _) = common::prf(tp, s, g);
        println!("{file}: body P {p:.3} R {r:.3}");
        if p < 0.97 || r < 0.97 {
            failures.push(format!("{file}: body P {p:.3} R {r:.3}"));
        }
        let meta = serde_json::to_value(&a.meta).expect("meta");
        for (k, v) in d["meta"].as_object().expect("meta") {
            if meta[k] != *v {
                failures.push(format!("{file}: meta.{k} = {} (gold {v})", meta[k]));
            }
        }
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
