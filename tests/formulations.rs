//! Formulations, expansions and quoted material against the hand gold in
//! tests/gold/formulations.json.

mod common;

use std::collections::HashSet;

use dangjian::{Document, Pipeline};
use serde_json::Value;

#[test]
fn corpus_formulations_match_gold() {
    let gold: Value = serde_json::from_str(include_str!("gold/formulations.json")).expect("gold");
    let pipeline = Pipeline::default();
    let (mut tp, mut sys, mut gn) = (0, 0, 0);
    let (mut kinds_ok, mut kinds_n) = (0, 0);
    let mut problems = Vec::new();
    for (file, g) in gold["documents"].as_object().expect("documents") {
        let doc = Document::from_path(common::corpus_dir().join(file)).expect("corpus");
        let a = pipeline.analyze(&doc);
        let gold_set: HashSet<&str> = g["formulations"]
            .as_array()
            .expect("formulations")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let sys_set: HashSet<&str> = a.formulations.iter().map(|f| f.text.as_str()).collect();
        let hit = sys_set.intersection(&gold_set).count();
        println!(
            "{file}: formulations {hit}/{} system, {} gold; extra {:?}, missed {:?}",
            sys_set.len(),
            gold_set.len(),
            sys_set.difference(&gold_set).collect::<Vec<_>>(),
            gold_set.difference(&sys_set).collect::<Vec<_>>()
        );
        tp += hit;
        sys += sys_set.len();
        gn += gold_set.len();
        // Expansions: exactly the gold ones, and none elsewhere.
        let empty = serde_json::Map::new();
        let exp = g
            .get("expansions")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for f in &a.formulations {
            match (exp.get(&f.text), &f.expansion) {
                (Some(want), Some(got)) => {
                    let want: Vec<&str> = want
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    if want != *got {
                        problems.push(format!(
                            "{file}: {} expanded to {got:?}, gold {want:?}",
                            f.text
                        ));
                    }
                }
                (Some(_), None) => problems.push(format!("{file}: {} not expanded", f.text)),
                (None, Some(got)) => {
                    problems.push(format!("{file}: wrong expansion {} → {got:?}", f.text))
                }
                (None, None) => {}
            }
        }
        // No numbered formulation is also a numeric claim.
        for f in &a.formulations {
            for m in &f.mentions {
                if a.claims
                    .iter()
                    .any(|c| c.span[0] < m[1] && m[0] < c.span[1])
                {
                    problems.push(format!("{file}: {} is also a claim", f.text));
                }
            }
        }
        if let Some(sl) = g.get("slogans").and_then(Value::as_array) {
            for pair in sl {
                let (text, kind) = (
                    pair[0].as_str().unwrap_or(""),
                    pair[1].as_str().unwrap_or(""),
                );
                kinds_n += 1;
                match a.slogans.iter().find(|s| s.text == text) {
                    Some(s) if s.kind.as_str() == kind => kinds_ok += 1,
                    Some(s) => println!("  {text}: {} (gold {kind})", s.kind.as_str()),
                    None => println!("  {text}: not found (gold {kind})"),
                }
            }
        }
    }
    let (p, r, f) = common::prf(tp, sys, gn);
    println!("formulations overall: P {p:.3} R {r:.3} F1 {f:.3}");
    println!("quoted-material kinds: {kinds_ok}/{kinds_n} right");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(p >= 0.95 && r >= 0.95, "P {p:.3} R {r:.3}");
    assert!(
        kinds_ok * 10 >= kinds_n * 8,
        "quote kinds {kinds_ok}/{kinds_n}"
    );
}

#[test]
fn two_safeguards_shared_under_one_form() {
    let pipeline = Pipeline::default();
    for file in [
        "guilin-2024-08-15.txt",
        "tianjin-2021-06-16.txt",
        "zhejiang-2019-11-25.txt",
    ] {
        let a = pipeline
            .analyze(&Document::from_path(common::corpus_dir().join(file)).expect("corpus"));
        assert!(
            a.formulations.iter().any(|f| f.text == "两个维护"),
            "{file}"
        );
    }
}

/// A formulation in the page's title or subtitle counts with the body's:
/// one formulation, its mentions in both; a headline's unquoted set phrase
/// is not one.
#[test]
fn formulations_in_the_title_and_subtitle() {
    let page = "以“双报到”促基层治理 夯实三梁四柱\n——在全市机关“三创”工作推进会上的讲话\n同志们:\n今年以来,全市机关党员到社区“双报到”3200余人次,开展“三创”活动,即机关创品牌、支部创红旗、党员创五星。\n";
    let a = Pipeline::default().analyze(&Document::from_text(page.to_string()));
    let texts: Vec<&str> = a.formulations.iter().map(|f| f.text.as_str()).collect();
    assert!(
        texts.contains(&"双报到") && texts.contains(&"三创"),
        "{texts:?}"
    );
    assert!(!texts.contains(&"三梁四柱"), "{texts:?}");
    let sanchuang = a
        .formulations
        .iter()
        .find(|f| f.text == "三创")
        .expect("三创");
    assert_eq!(sanchuang.mentions.len(), 2);
    assert!(sanchuang.expansion.is_some());
    for f in &a.formulations {
        for [s, e] in &f.mentions {
            assert!(page[*s..*e].contains(&f.text), "{} at {s}..{e}", f.text);
        }
    }
}

/// A name led by a word before its count (惠民五举措) stands in a headline
/// as in the body.
#[test]
fn a_led_name_in_the_headline() {
    let page = "某区推出惠民五举措\n\n本报讯 区里近日出台系列办法,方便居民办事。\n";
    let a = Pipeline::default().analyze(&Document::from_text(page.to_string()));
    let texts: Vec<&str> = a.formulations.iter().map(|f| f.text.as_str()).collect();
    assert!(texts.contains(&"惠民五举措"), "{texts:?}");
}
