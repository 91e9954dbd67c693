//! Numeric claims against the hand-annotated gold in tests/gold/claims.json:
//! system claims are matched to gold by (value, unit) as a multiset, per
//! document; precision, recall and F1 are printed per document and overall.

mod common;

use dangjian::{Document, Pipeline};
use serde_json::Value;

fn key(value: f64, unit: &str) -> (i64, String) {
    ((value * 1000.0).round() as i64, unit.to_string())
}

#[test]
fn corpus_claims_match_gold() {
    let gold: Value = serde_json::from_str(include_str!("gold/claims.json")).expect("gold");
    let pipeline = Pipeline::default();
    let (mut tp_all, mut sys_all, mut gold_all) = (0, 0, 0);
    let mut weak = Vec::new();
    for (file, items) in gold["documents"].as_object().expect("documents") {
        let doc = Document::from_path(common::corpus_dir().join(file)).expect("corpus file");
        let a = pipeline.analyze(&doc);
        let mut pool: Vec<(i64, String)> = items
            .as_array()
            .expect("claims")
            .iter()
            .map(|c| {
                key(
                    c["value"].as_f64().unwrap_or(f64::NAN),
                    c["unit"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let gold_n = pool.len();
        let mut tp = 0;
        let mut extra = Vec::new();
        for c in &a.claims {
            let k = key(c.value, &c.unit);
            if let Some(i) = pool.iter().position(|g| *g == k) {
                pool.swap_remove(i);
                tp += 1;
            } else {
                extra.push(format!("{} ({} {})", c.text, c.value, c.unit));
            }
        }
        let (p, r, f) = common::prf(tp, a.claims.len(), gold_n);
        println!(
            "{file}: P {p:.3} R {r:.3} F1 {f:.3} ({tp}/{} system, {gold_n} gold)",
            a.claims.len()
        );
        if !extra.is_empty() {
            println!("  not in gold: {}", extra.join(", "));
        }
        if !pool.is_empty() {
            println!("  missed: {pool:?}");
        }
        if p < 0.9 || r < 0.9 {
            weak.push(format!("{file}: P {p:.3} R {r:.3}"));
        }
        tp_all += tp;
        sys_all += a.claims.len();
        gold_all += gold_n;
    }
    let (p, r, f) = common::prf(tp_all, sys_all, gold_all);
    println!("claims overall: P {p:.3} R {r:.3} F1 {f:.3}");
    assert!(weak.is_empty(), "documents below 0.9: {weak:?}");
    assert!(p >= 0.97 && r >= 0.95, "overall P {p:.3} R {r:.3}");
}
