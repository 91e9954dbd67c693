//! Pathological inputs stay linear: 1 MB of nested quotation marks,
//! brackets and digits analyzes in less than 10× the time of 1 MB of
//! ordinary report text.
//!
//! `cargo bench --bench pathological`. Before criterion's measurements, one
//! timed run of each input prints its ratio to ordinary text, so the bound
//! can be read at a glance; the README's reliability section has the
//! figures.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dangjian::{Document, Pipeline};

const SIZE: usize = 1 << 20;

/// Repeats `unit` until the text is `SIZE` bytes (cut on a char boundary).
fn fill(unit: &str) -> String {
    let mut s = String::with_capacity(SIZE + unit.len());
    while s.len() < SIZE {
        s.push_str(unit);
    }
    let mut end = SIZE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// 1 MB of the bundled corpus, repeated.
fn ordinary() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut text = String::new();
    for f in [
        "guilin-2024-08-15.txt",
        "lechang-2020.txt",
        "zhejiang-2019-11-25.txt",
    ] {
        text.push_str(&std::fs::read_to_string(dir.join(f)).unwrap_or_default());
    }
    if text.is_empty() {
        text = "今年以来,全市1.35万名机关党员到社区报到,开展志愿服务3000余次。\n".into();
    }
    // Every paragraph made unique (the page cleaner drops repeated lines as
    // boilerplate, which would make a repeated text look cheap).
    let mut out = String::with_capacity(SIZE + 4096);
    let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut i = 0usize;
    while out.len() < SIZE {
        out.push_str(paras[i % paras.len()]);
        out.push_str(&format!("（第{i}段）\n"));
        i += 1;
    }
    fill(&out)
}

/// The hostile inputs: deep nesting without an end, unbalanced marks in
/// every style, endless numerals, and a mix of all of them on one line.
fn hostile() -> Vec<(&'static str, String)> {
    let mut nested = String::new();
    let open = ["“", "（", "《", "「", "【", "‘", "(", "『"];
    let close = ["”", "）", "》", "」", "】", "’", ")", "』"];
    let mut depth = 0usize;
    while nested.len() < SIZE {
        // Descend 200 levels with a number at each, then climb out again.
        for i in 0..200 {
            nested.push_str(open[i % open.len()]);
            nested.push_str(&format!("{}万", i + 1));
            depth += 1;
        }
        for i in (0..200).rev() {
            nested.push_str("名党员");
            nested.push_str(close[i % close.len()]);
            depth -= 1;
        }
    }
    debug_assert_eq!(depth, 0);
    vec![
        ("nested-marks", fill(&nested)),
        ("unbalanced-open", fill("“（《「1.35万【三会一课")),
        ("unbalanced-close", fill("”）》」3至5个】")),
        ("arabic-digits", fill("1234567890.")),
        ("chinese-numerals", fill("一万三千五百零二十亿")),
        ("digits-and-units", fill("1万1千1百个3至5名近20%")),
        (
            "mixed-one-line",
            fill("“两个维护”（第1.35万《关于〈三会一课〉的12条》”）「十二」3000余名"),
        ),
    ]
}

/// Seconds for one analysis, and the characters of the body it kept.
fn analyze_seconds(p: &Pipeline, text: &str) -> (f64, usize) {
    let doc = Document::from_text(text);
    let t = Instant::now();
    let a = std::hint::black_box(p.analyze(&doc));
    (t.elapsed().as_secs_f64(), a.chars)
}

fn bench(c: &mut Criterion) {
    let p = Pipeline::default();
    p.warm_up();
    let base_text = ordinary();
    let (base, chars) = analyze_seconds(&p, &base_text);
    println!("ordinary text, 1 MB: {base:.3} s ({chars} body chars)");
    let hostile = hostile();
    for (name, text) in &hostile {
        let (t, chars) = analyze_seconds(&p, text);
        // A quarter of the input: linear work takes a quarter of the time.
        let mut q = text.len() / 4;
        while !text.is_char_boundary(q) {
            q -= 1;
        }
        let (tq, _) = analyze_seconds(&p, &text[..q]);
        println!(
            "{name}, 1 MB: {t:.3} s = {:.2}× ordinary ({chars} body chars; 256 KB: {tq:.3} s, growth ×{:.1} for ×4 input)",
            t / base,
            t / tq
        );
    }
    let mut g = c.benchmark_group("analyze-1MB");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(SIZE as u64));
    g.bench_with_input(
        BenchmarkId::from_parameter("ordinary"),
        &base_text,
        |b, t| {
            let doc = Document::from_text(t.as_str());
            b.iter(|| p.analyze(&doc))
        },
    );
    for (name, text) in &hostile {
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            let doc = Document::from_text(t.as_str());
            b.iter(|| p.analyze(&doc))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
