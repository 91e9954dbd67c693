//! SIGHAN 2005 segmentation evaluation (PKU and MSR), run when
//! ../shared/data is present: the standard word-span precision / recall / F1,
//! ours (jieba-rs + party-building lexicon, on normalized text, tokens mapped
//! back to the original) against plain jieba-rs with HMM.

mod common;

use dangjian::Pipeline;

/// Word spans (in non-white-space characters, counted over the whole file)
/// of a sequence of lines of tokens.
fn spans<'a>(lines: impl Iterator<Item = Vec<&'a str>>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for toks in lines {
        for t in toks {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            if n > 0 {
                out.push((pos, pos + n));
                pos += n;
            }
        }
    }
    out
}

/// (precision, recall, F1) of system spans against gold spans.
fn score(system: &[(usize, usize)], gold: &[(usize, usize)]) -> (f64, f64, f64) {
    let gold_set: std::collections::HashSet<_> = gold.iter().collect();
    let tp = system.iter().filter(|s| gold_set.contains(s)).count();
    common::prf(tp, system.len(), gold.len())
}

#[test]
fn sighan_f1_at_least_plain_jieba() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let pipeline = Pipeline::default();
    let plain = jieba_rs::Jieba::new();
    for (name, test, gold) in [
        ("pku", "testing/pku_test.utf8", "gold/pku_test_gold.utf8"),
        ("msr", "testing/msr_test.utf8", "gold/msr_test_gold.utf8"),
    ] {
        let raw = std::fs::read_to_string(data.join("sighan2005").join(test)).expect("test file");
        let gold_text =
            std::fs::read_to_string(data.join("sighan2005").join(gold)).expect("gold file");
        let gold_spans = spans(gold_text.lines().map(|l| l.split_whitespace().collect()));
        let ours = spans(raw.lines().map(|l| pipeline.segment_original(l)));
        let base = spans(
            raw.lines()
                .map(|l| plain.cut(l, true).into_iter().map(|t| t.word).collect()),
        );
        let total_gold: usize = gold_spans.last().map_or(0, |s| s.1);
        assert_eq!(
            ours.last().map_or(0, |s| s.1),
            total_gold,
            "{name}: text lost"
        );
        let (p, r, f) = score(&ours, &gold_spans);
        let (bp, br, bf) = score(&base, &gold_spans);
        println!(
            "sighan {name}: dangjian P {p:.4} R {r:.4} F1 {f:.4} | plain jieba-rs P {bp:.4} R {br:.4} F1 {bf:.4}"
        );
        assert!(f >= bf, "{name}: F1 {f:.4} below plain jieba-rs {bf:.4}");
    }
}
