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

/// A number in the page's title is a claim of the document, about its
/// place, listed first; a title that is also a body line is read once.
#[test]
fn claims_in_the_title() {
    let pipeline = Pipeline::default();
    let page = "某某网首页 > 某县 > 正文\n某县:2600名在职党员到社区报到\n分 享 至 手 机\n时间:2024-06-22 11:07:16|来源:某某广视网\n近年来,某县组织在职党员到社区报到,建成服务站35个。\n";
    let a = pipeline.analyze(&Document::from_text(page.to_string()));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("某县:2600名在职党员到社区报到")
    );
    let texts: Vec<&str> = a.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["2600名", "35个"]);
    let c = &a.claims[0];
    assert_eq!(&page[c.span[0]..c.span[1]], "2600名");
    assert_eq!(c.place, a.claims[1].place);

    // Plain text whose first line is both title and body: one claim.
    let a = pipeline.analyze(&Document::from_text("全市发放补贴300万元\n".to_string()));
    assert_eq!(a.claims.len(), 1, "{:?}", a.claims);
}

/// A number in a photo caption is a claim of the document, about its place,
/// standing where the caption stands among the body's claims.
#[test]
fn claims_in_photo_captions() {
    let pipeline = Pipeline::default();
    let page = "某街道举办主题党日活动\n本报记者 李四\n7月1日上午,某街道组织机关党员到社区开展志愿服务,服务群众600余人次。\n▲活动现场,150多名党员在广场前宣誓。(王五摄)\n当天,街道还为困难群众发放慰问金2万元。\n";
    let a = pipeline.analyze(&Document::from_text(page.to_string()));
    assert_eq!(a.captions.len(), 1, "{:?}", a.captions);
    let texts: Vec<&str> = a.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["600余人次", "150多名", "2万元"]);
    let c = &a.claims[1];
    assert_eq!(&page[c.span[0]..c.span[1]], "150多名");
    assert_eq!(c.object.as_deref(), Some("党员"));
    assert_eq!(c.place, a.place.as_ref().map(|p| p.name.clone()));
    assert!(!a.body.contains("广场前宣誓"), "a caption is not body");
}
