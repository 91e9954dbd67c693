//! What each fuzz target checks, as plain functions that panic on a broken
//! invariant. The fuzz targets call them on libFuzzer's inputs; the root
//! crate's `tests/fuzz_corpus.rs` includes this file with `#[path]` and
//! calls them on the committed corpus, on stable Rust.

use std::io::Cursor;
use std::sync::LazyLock;

use dangjian::index::{Indexer, Record};
use dangjian::normalize::opencc::Variant;
use dangjian::normalize::{NormalizeOptions, Normalizer};
use dangjian::numerals::{format_chinese, parse, parse_chinese};
use dangjian::{Document, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);
static NORMALIZERS: LazyLock<[Normalizer; 2]> = LazyLock::new(|| {
    [
        Normalizer::default(),
        Normalizer::new(NormalizeOptions::conversion_only(Variant::Taiwan)),
    ]
});
static INDEXER: LazyLock<Indexer> = LazyLock::new(|| {
    Indexer::new()
        .jobs(1)
        .max_in_flight(4)
        .max_bytes(1 << 16)
        .pipeline(PIPELINE.clone())
});

/// Bytes → `Document`: decoding never panics; valid UTF-8 without a
/// byte-order mark decodes to itself (or is refused as empty or binary); the
/// id depends on the bytes alone.
pub fn decode(data: &[u8]) {
    let doc = Document::from_bytes(data, None);
    let direct = dangjian::decode::decode(data);
    match (&doc, &direct) {
        (Ok(d), Ok(x)) => {
            assert_eq!(d.encoding, x.encoding);
            assert_eq!(d.id, dangjian::document::id_of(data));
            if !data.starts_with(b"\xef\xbb\xbf")
                && !data.starts_with(b"\xff\xfe")
                && !data.starts_with(b"\xfe\xff")
                && let Ok(s) = std::str::from_utf8(data)
            {
                assert_eq!(x.encoding, "utf-8");
                assert_eq!(x.text, s);
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
        _ => panic!("Document::from_bytes and decode disagree"),
    }
}

/// Text → normalize, with both option sets: the offset map is monotone,
/// stays inside the original, lands on character boundaries, and spans of
/// consecutive characters do not cross.
pub fn normalize(text: &str) {
    for n in NORMALIZERS.iter() {
        let out = n.normalize(text);
        assert_eq!(out.map.derived_len(), out.text.len());
        assert_eq!(n.normalize_text(text), out.text);
        let bounds: Vec<usize> = out
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([out.text.len()])
            .collect();
        let mut last = (0usize, 0usize);
        for w in bounds.windows(2) {
            let (x, y) = out.map.to_original(w[0], w[1]);
            assert!(
                x <= y && y <= text.len(),
                "{w:?} -> {x}..{y} of {}",
                text.len()
            );
            assert!(
                text.is_char_boundary(x) && text.is_char_boundary(y),
                "{w:?} -> {x}..{y} not on a char boundary"
            );
            assert!(
                x >= last.0 && y >= last.1,
                "not monotone at {w:?}: {last:?} then {x}..{y}"
            );
            // A character maps after the previous one, or into the same
            // atomic replacement.
            assert!(
                x >= last.1 || (x, y) == last || x == last.0,
                "{w:?} crosses {last:?}"
            );
            last = (x, y);
        }
        // The whole text maps to the stretch from the first to the last
        // character's source.
        if !out.text.is_empty() {
            let (x, y) = out.map.to_original(0, out.text.len());
            assert_eq!(y, last.1);
            assert!(x <= y && y <= text.len());
            assert!(text.is_char_boundary(x) && text.is_char_boundary(y));
        }
    }
}

/// Text → the whole pipeline: no panic; every span slices the original on
/// character boundaries, claim surfaces are exactly their spans, values are
/// finite, a range's upper end is not below its value, and the analysis
/// serializes to JSON.
pub fn analyze(text: &str) {
    let doc = Document::from_text(text);
    analysis_holds(&doc, &PIPELINE.analyze(&doc));
}

fn span_ok(text: &str, [a, b]: [usize; 2], what: &str) {
    assert!(
        a <= b && b <= text.len(),
        "{what} span {a}..{b} of {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(a) && text.is_char_boundary(b),
        "{what} span {a}..{b} not on a char boundary"
    );
}

/// The invariants of one analysis of `doc`.
pub fn analysis_holds(doc: &Document, a: &dangjian::Analysis) {
    let text = doc.text.as_str();
    for c in &a.claims {
        span_ok(text, c.span, "claim");
        assert_eq!(&text[c.span[0]..c.span[1]], c.text, "claim surface");
        assert!(c.value.is_finite(), "claim value {}", c.value);
        if let Some(max) = c.value_max {
            assert!(max.is_finite(), "claim value_max {max}");
            assert!(
                max >= c.value,
                "value_max {max} below value {} in {:?}",
                c.value,
                c.text
            );
        }
    }
    for f in &a.formulations {
        for &m in &f.mentions {
            span_ok(text, m, "formulation");
        }
    }
    for s in &a.slogans {
        span_ok(text, s.span, "slogan");
    }
    for d in &a.documents {
        span_ok(text, d.span, "document");
    }
    let json = serde_json::to_string(a).expect("an analysis serializes");
    let back: dangjian::Analysis = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(back.claims.len(), a.claims.len());
}

/// Numerals: parsing never panics and gives a finite, non-negative value;
/// an integer that parses is formatted and parsed back to itself; any
/// `u64` formats and parses back exactly.
pub fn numerals(data: &[u8]) {
    if data.len() >= 8 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&data[..8]);
        let n = u64::from_le_bytes(b);
        round_trip(n);
    }
    let s = crate::shapes::render(data);
    for piece in [s.as_str(), s.trim()] {
        for d in [parse(piece), parse_chinese(piece)].into_iter().flatten() {
            let v = d.to_f64();
            assert!(v.is_finite() && v >= 0.0, "{piece:?} -> {v}");
            let (m, scale) = d.parts();
            if d.is_integer()
                && let Ok(n) = u64::try_from(m / 10u128.pow(scale.min(38)))
                && scale < 39
            {
                round_trip(n);
            }
        }
    }
}

/// `parse(format_chinese(n)) == n`, exactly.
fn round_trip(n: u64) {
    let written = format_chinese(n);
    let back = parse(&written).unwrap_or_else(|e| panic!("{n} -> {written:?} -> {e:?}"));
    let (m, scale) = back.parts();
    assert!(back.is_integer(), "{n} -> {written:?} -> {m}e-{scale}");
    assert_eq!(m / 10u128.pow(scale), n as u128, "{n} -> {written:?}");
}

/// HTML → text: extraction and the page cleaner never panic; the text has
/// no markup comments or script bodies left as lines of their own.
pub fn html(page: &str) {
    let e = dangjian::html::extract(page);
    if let Some(d) = &e.date {
        assert!(d.is_ascii(), "date {d:?}");
    }
    let cleaned = dangjian::page::clean(&e.text);
    let _ = cleaned;
    // The document path: what `analyze` sees for a page.
    let doc = Document::from_bytes(page.as_bytes(), None);
    if let Ok(doc) = doc {
        assert!(!doc.text.contains('\0') || page.contains('\0'));
    }
}

/// JSONL → `index -`: every line that is not blank gives exactly one
/// record, in input order; no record is an internal error (a caught panic);
/// every record serializes to one line of JSON.
pub fn index(input: &[u8]) {
    let mut records = Vec::new();
    let summary = INDEXER.run_jsonl_lines(Cursor::new(input), |r, line| {
        assert!(!line.contains('\n'), "a record is one line");
        let v: serde_json::Value = serde_json::from_str(line).expect("a record is JSON");
        assert!(v.is_object());
        records.push(r.clone());
        std::ops::ControlFlow::Continue(())
    });
    let mut lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let expected = lines
        .iter()
        .filter(|l| std::str::from_utf8(l).map_or(true, |s| !s.trim().is_empty()))
        .count();
    assert_eq!(records.len(), expected, "one record per line");
    assert_eq!(summary.documents + summary.errors, records.len());
    let mut last_line = 0usize;
    for r in &records {
        match r {
            Record::Analysis(_) => {}
            Record::Error(e) => {
                assert_ne!(e.kind, "internal", "a panic was caught: {}", e.error);
                if let Some(n) = e.path.strip_prefix("<stdin>:").and_then(|n| n.parse().ok()) {
                    assert!(n > last_line, "error records out of order");
                    last_line = n;
                }
            }
        }
    }
}
