//! Pathological inputs: text without sentence ends, unbalanced and deeply
//! nested marks. The analysis must do bounded work per number (see
//! `dangjian::window`); these tests check the shape of that bound on the
//! results — the context a claim carries stays within the window, and text
//! next to a pathological run still reads as it would alone. Timings are in
//! `benches/pathological.rs`, never here.

use dangjian::{Document, Pipeline, window};

fn analyze(text: &str) -> dangjian::Analysis {
    Pipeline::default().analyze(&Document::from_text(text))
}

/// Repeats `unit` until the text holds at least `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
fn claims_without_sentence_ends_carry_a_bounded_sentence() {
    // Every unit holds one range claim (3至5个); nothing ends a sentence.
    let text = repeat("”）》」3至5个】", 64 * 1024);
    let units = text.matches("3至5个").count();
    let a = analyze(&text);
    assert_eq!(a.claims.len(), units);
    for c in &a.claims {
        assert_eq!((c.value, c.value_max), (3.0, Some(5.0)));
        // Without the window each claim would carry the whole text. (The
        // window is in bytes of the normalized text, where full-width marks
        // take fewer bytes: count characters.)
        let chars = c.sentence.chars().count();
        assert!(chars <= 2 * window::SENTENCE, "{chars}");
    }
}

#[test]
fn nested_marks_do_not_hide_a_later_sentence() {
    // 400 levels of nested quotation marks and brackets with a number at
    // each level, then an ordinary sentence.
    let open = ["“", "（", "《", "「", "【", "‘", "(", "『"];
    let close = ["”", "）", "》", "」", "】", "’", ")", "』"];
    let mut text = String::new();
    for i in 0..400 {
        text.push_str(open[i % open.len()]);
        text.push_str(&format!("{}万", i + 1));
    }
    for i in (0..400).rev() {
        text.push_str("名党员");
        text.push_str(close[i % close.len()]);
    }
    text.push_str("。今年以来,全县新发展党员120名。");
    let a = analyze(&text);
    let last = a.claims.last().expect("the ordinary sentence's claim");
    assert_eq!((last.value, last.unit.as_str()), (120.0, "名"));
    assert_eq!(last.period.as_deref(), Some("今年以来"));
    assert_eq!(last.sentence, "今年以来,全县新发展党员120名。");
}

#[test]
fn a_formulation_before_an_endless_list_reads_no_list() {
    // A numbered formulation with a lead-in colon and no sentence end after
    // it: the list reader looks at a paragraph's worth of text at most.
    let mut text = String::from("坚持“三个聚焦”:");
    text.push_str(&repeat("聚焦基层、", 3 * window::PARAGRAPH));
    let a = analyze(&text);
    let f = a
        .formulations
        .iter()
        .find(|f| f.text == "三个聚焦")
        .expect("the formulation is found");
    // Thousands of items are not the three it counts.
    assert_eq!(f.expansion, None);
}
