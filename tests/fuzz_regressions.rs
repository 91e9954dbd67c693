//! Minimized inputs of the failures the fuzz targets found (`fuzz/`), as
//! plain tests; each names the target that found it.

use dangjian::numerals::{format_chinese, parse, parse_chinese};

/// `numerals`: above 10^16 the numeral has parts of 亿亿 and 万亿, and a
/// later 亿 multiplied the larger parts before it as well
/// (一亿亿零一亿 read as (10^16 + 1) × 10^8).
#[test]
fn a_later_unit_does_not_multiply_larger_parts() {
    for (s, v) in [
        ("一亿亿零一亿", 10_000_000_100_000_000u128),
        (
            "六亿亿五千五百七十五万亿九千一百一十七亿三千六百二十六万四千二百三十五",
            65_575_911_736_264_235,
        ),
        ("一万三千亿", 1_300_000_000_000),
        ("一万亿", 1_000_000_000_000),
        ("亿万", 100_000_000),
        ("三千五百万", 35_000_000),
    ] {
        let d = parse_chinese(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        assert_eq!(d.parts(), (v, 0), "{s}");
    }
    for n in [
        10u64.pow(16) + 10u64.pow(8),
        65_575_911_736_264_235,
        u64::MAX,
    ] {
        let written = format_chinese(n);
        assert_eq!(
            parse(&written).map(|d| d.parts()),
            Ok((n as u128, 0)),
            "{written}"
        );
    }
}

/// `analyze`: a descending "range" (33至5个) gave a claim whose `value_max`
/// was below its value; it is now the number alone.
#[test]
fn a_descending_range_is_not_a_range() {
    let p = dangjian::Pipeline::default();
    let a = p.analyze(&dangjian::Document::from_text(
        "共组建33至5个服务队。另有3至5个小组。",
    ));
    for c in &a.claims {
        if let Some(max) = c.value_max {
            assert!(max >= c.value, "{c:?}");
        }
    }
    assert!(
        a.claims
            .iter()
            .any(|c| c.value == 3.0 && c.value_max == Some(5.0))
    );
}
