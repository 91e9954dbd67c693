//! Property tests: normalization is idempotent, converts as the reference
//! converter does, and its offset map always lands on character boundaries; claim spans slice the original to their
//! text; Chinese numerals round-trip from 0 to 10^12.

use dangjian::claims::extract_text;
use dangjian::normalize::opencc::{Converter, Variant};
use dangjian::normalize::{NormalizeOptions, Normalizer};
use dangjian::numerals::{format_chinese, parse};
use proptest::prelude::*;

/// Text mixing what the normalizer rewrites: traditional and simplified
/// characters, full-width digits and signs, quote styles, zero-width and
/// control characters, pinyin glosses and stray pinyin, numbers with units.
fn messy() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([党黨的十八大以來来机機关關建设設名个個万萬亿%％.0-9０-９「」『』“”\"（）()\u{200b}\u{feff}\r\n 　a-z]|dangwei|guān|\\(zhǎng\\)|乾隆|著名|1\\.35万名|3000余名|30\\.7%){0,60}",
    )
    .expect("valid regex")
}

/// Traditional text dense in phrase starts, variant forms that only make a
/// phrase after the variant stage (`藉著`), characters of other byte lengths
/// and ASCII between them: the normalizer's fast path against the reference.
fn phrase_material() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([藉著借口乾淨干隆髮頭發展於一了不大中為爲裏裡後台臺才纔, 1a\n，。é𠀀]|乾乾淨淨|藉著|藉口|頭髮|發展|於是){0,40}",
    )
    .expect("valid regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fast_path_equals_reference(s in phrase_material()) {
        let conv = Converter::shared(Variant::Any);
        let n = Normalizer::new(NormalizeOptions::conversion_only(Variant::Any));
        prop_assert_eq!(n.normalize_text(&s), conv.convert(&s));
    }

    #[test]
    fn normalization_is_idempotent(s in messy()) {
        let n = Normalizer::default();
        let once = n.normalize_text(&s);
        let twice = n.normalize_text(&once);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn spans_land_on_char_boundaries(s in messy()) {
        let n = Normalizer::default().normalize(&s);
        let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in &bounds[k..] {
                let (x, y) = n.map.to_original(a, b);
                prop_assert!(x <= y && y <= s.len());
                prop_assert!(s.is_char_boundary(x) && s.is_char_boundary(y), "{a}..{b} -> {x}..{y}");
            }
        }
    }

    #[test]
    fn claim_spans_slice_their_text(s in messy()) {
        for c in extract_text(&s) {
            let [a, b] = c.span;
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
            prop_assert_eq!(&s[a..b], c.text.as_str());
        }
    }

    #[test]
    fn chinese_numerals_round_trip(n in 0u64..=1_000_000_000_000) {
        let written = format_chinese(n);
        let back = parse(&written).map(|d| d.to_f64());
        prop_assert_eq!(back, Ok(n as f64), "{}", written);
    }
}
