//! Places against the hand gold in tests/gold/places.json: document place
//! from the text alone, places mentioned, claim attribution; and a list of
//! ordinary words in the corpus that must not become places.

mod common;

use dangjian::{Document, Pipeline};
use serde_json::Value;

#[test]
fn corpus_places_match_gold() {
    let gold: Value = serde_json::from_str(include_str!("gold/places.json")).expect("gold");
    let pipeline = Pipeline::default();
    let mut problems = Vec::new();
    let (mut attr_ok, mut attr_n) = (0, 0);
    for (file, g) in gold["documents"].as_object().expect("documents") {
        // No manifest: the place must come from the text.
        let doc = Document::from_path(common::corpus_dir().join(file)).expect("corpus");
        let a = pipeline.analyze(&doc);
        println!("{file}: {:?} ({})", a.place, a.place_reason);
        match (&g["place"], &a.place) {
            (Value::Null, None) => {
                if a.place_reason.is_empty() {
                    problems.push(format!("{file}: null place without a reason"));
                }
            }
            (want, Some(got)) if !want.is_null() => {
                for k in ["name", "code", "level", "parent"] {
                    if let Some(w) = want.get(k) {
                        let gv = serde_json::to_value(got).expect("place")[k].clone();
                        if gv != *w {
                            problems.push(format!("{file}: place.{k} = {gv} (gold {w})"));
                        }
                    }
                }
            }
            (want, got) => problems.push(format!("{file}: place {got:?} (gold {want})")),
        }
        let mut want: Vec<&str> = g["mentioned"]
            .as_array()
            .expect("mentioned")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let mut got: Vec<&str> = a.places.iter().map(|p| p.name.as_str()).collect();
        want.sort();
        got.sort();
        if want != got {
            problems.push(format!("{file}: places {got:?} (gold {want:?})"));
        }
        if let Some(claims) = g.get("claims").and_then(Value::as_array) {
            let mut pool: Vec<(&str, &str)> = claims
                .iter()
                .map(|c| {
                    (
                        c["text"].as_str().unwrap_or(""),
                        c["place"].as_str().unwrap_or(""),
                    )
                })
                .collect();
            for c in &a.claims {
                attr_n += 1;
                let place = c.place.as_deref().unwrap_or("");
                if let Some(i) = pool.iter().position(|&(t, p)| t == c.text && p == place) {
                    pool.swap_remove(i);
                    attr_ok += 1;
                } else {
                    println!("  {} attributed to {place}", c.text);
                }
            }
        }
    }
    let precision = attr_ok as f64 / attr_n.max(1) as f64;
    println!("claim attribution precision (zhejiang): {attr_ok}/{attr_n} = {precision:.3}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(precision >= 0.95);
}

/// Ordinary words in the corpus that share a name with a division; none may
/// be reported as a place.
#[test]
fn no_false_places_from_ordinary_words() {
    let checked = [
        ("guilin-2024-08-15.txt", ["资源县", "红旗区"].as_slice()),
        ("unnamed-city-speech.txt", &["红旗区", "资源县"]),
        ("tianjin-2021-06-16.txt", &["大兴区"]),
        ("lechang-2020.txt", &["范县", "城区", "井冈山市"]),
    ];
    let pipeline = Pipeline::default();
    for (file, bad) in checked {
        let a = pipeline
            .analyze(&Document::from_path(common::corpus_dir().join(file)).expect("corpus"));
        for b in bad {
            assert!(
                !a.places.iter().any(|p| p.name == *b),
                "{file}: false place {b}"
            );
        }
    }
}
