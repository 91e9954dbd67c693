//! OpenCC conformance: the t2s, tw2s and hk2s cases of OpenCC's own test
//! suite (../shared/data/opencc-testcases), run when the data is present.

mod common;

use dangjian::normalize::opencc::{Converter, Variant};
use dangjian::normalize::{NormalizeOptions, Normalizer};

#[test]
fn opencc_testcases_pass() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let raw = std::fs::read_to_string(data.join("opencc-testcases/testcases.strict.json"))
        .expect("testcases.strict.json");
    let json: serde_json::Value = serde_json::from_str(&raw).expect("valid JSON");
    let cases = json["cases"].as_array().expect("cases");
    let mut total = 0;
    let mut passed = 0;
    for (config, variant) in [
        ("t2s", Variant::Standard),
        ("tw2s", Variant::Taiwan),
        ("hk2s", Variant::HongKong),
    ] {
        let conv = Converter::new(variant);
        // The normalizer's table-driven path must agree with the reference.
        let norm = Normalizer::new(NormalizeOptions::conversion_only(variant));
        let (mut t, mut p) = (0, 0);
        for case in cases {
            let Some(expected) = case["expected"][config].as_str() else {
                continue;
            };
            let input = case["input"].as_str().unwrap_or_default();
            t += 1;
            let got = conv.convert(input);
            let fast = norm.normalize_text(input);
            if got == expected && fast == expected {
                p += 1;
            } else {
                eprintln!(
                    "{config} {}: {input:?}\n  want {expected:?}\n  got  {got:?}\n  fast {fast:?}",
                    case["id"]
                );
            }
        }
        println!("opencc {config}: {p}/{t} passed");
        total += t;
        passed += p;
    }
    let rate = passed as f64 / total as f64;
    println!(
        "opencc t2s+tw2s+hk2s: {passed}/{total} passed ({:.1} %)",
        rate * 100.0
    );
    assert!(rate >= 0.99, "OpenCC pass rate {rate:.3} below 0.99");
}

/// The normalizer's fast path (dense table, Bloom-filtered phrase starts)
/// converts whole news texts exactly as the reference converter does: the
/// SIGHAN 2005 AS and CityU test texts, about 280,000 characters of
/// traditional news, when ../shared/data is present.
#[test]
fn fast_path_equals_reference_on_traditional_news() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let conv = Converter::new(Variant::Any);
    let norm = Normalizer::new(NormalizeOptions::conversion_only(Variant::Any));
    for file in ["as_test.utf8", "cityu_test.utf8"] {
        let text = std::fs::read_to_string(data.join("sighan2005/testing").join(file))
            .expect("SIGHAN test text")
            .replace(['\r', '\u{feff}'], ""); // both dropped by the normalizer
        let fast = norm.normalize(&text);
        let reference = conv.convert(&text);
        if fast.text != reference {
            let at = fast
                .text
                .chars()
                .zip(reference.chars())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around =
                |s: &str| -> String { s.chars().skip(at.saturating_sub(10)).take(20).collect() };
            panic!(
                "{file}: fast path differs from the reference at character {at}:\n  fast {:?}\n  ref  {:?}",
                around(&fast.text),
                around(&reference)
            );
        }
    }
}
