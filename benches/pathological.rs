//! Pathological inputs stay linear: 1 MB of nested quotation marks,
//! brackets and digits analyzes in less than 10× the time of 1 MB of
//! ordinary report text.
//!
//! `cargo bench --bench pathological`. Before criterion's measurements, a
//! timed run of each input (best of three) prints its size, the characters
//! the pipeline analyzed, its ratio to ordinary text and its growth from a
//! quarter of the input, so the bound can be read at a glance; the README's
//! reliability section has the figures. The ordinary baseline is real news
//! text that the pipeline keeps in full (see [`ordinary`]).

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

/// 1 MB of ordinary text that the pipeline analyzes in full, and where it
/// comes from: the bodies the pipeline keeps of the SIGHAN 2005 test texts
/// (People's Daily, MSR, Academia Sinica, CityU news; `../shared/data`)
/// when present, else of the bundled corpus. Only body lines are taken (a
/// page's furniture and its cut markers such as 推荐阅读 would end the body
/// early), and when the source must be repeated every repeated line is made
/// unique, so the cleaner keeps it all.
fn ordinary(p: &Pipeline) -> (String, &'static str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sighan = root.join("../shared/data/sighan2005/testing");
    let corpus = root.join("corpus");
    let sources: [(&'static str, PathBuf, &[&str]); 2] = [
        (
            "SIGHAN 2005 test texts",
            sighan,
            &[
                "pku_test.utf8",
                "msr_test.utf8",
                "as_test.utf8",
                "cityu_test.utf8",
            ],
        ),
        (
            "bundled corpus",
            corpus,
            &[
                "guilin-2024-08-15.txt",
                "lechang-2020.txt",
                "tianjin-2021-06-16.txt",
                "unnamed-city-speech.txt",
                "zhejiang-2019-11-25.txt",
            ],
        ),
    ];
    for (name, dir, files) in sources {
        let mut lines = Vec::new();
        for f in files {
            let Ok(text) = std::fs::read_to_string(dir.join(f)) else {
                continue;
            };
            let a = p.analyze(&Document::from_text(text));
            lines.extend(
                a.body
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string),
            );
        }
        if lines.is_empty() {
            continue;
        }
        let mut out = String::with_capacity(SIZE + 4096);
        let mut i = 0usize;
        while out.len() < SIZE {
            out.push_str(&lines[i % lines.len()]);
            if i >= lines.len() {
                out.push_str(&format!("（第{i}段）"));
            }
            out.push('\n');
            i += 1;
        }
        return (fill(&out), name);
    }
    let unit = "今年以来,全市机关党员到社区报到,开展志愿服务3000余次。\n";
    let mut out = String::new();
    let mut i = 0usize;
    while out.len() < SIZE {
        out.push_str(&format!("第{i}段:{unit}"));
        i += 1;
    }
    (fill(&out), "generated sentences")
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

/// Seconds for one analysis (the best of three, so that a busy machine
/// disturbs the figure less), and the characters of the body it kept.
fn analyze_seconds(p: &Pipeline, text: &str) -> (f64, usize) {
    let doc = Document::from_text(text);
    let mut best = f64::INFINITY;
    let mut chars = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let a = std::hint::black_box(p.analyze(&doc));
        best = best.min(t.elapsed().as_secs_f64());
        chars = a.chars;
    }
    (best, chars)
}

/// Non-space characters of `text` (what `Analysis::chars` counts).
fn chars_of(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn bench(c: &mut Criterion) {
    let p = Pipeline::default();
    p.warm_up();
    let (base_text, source) = ordinary(&p);
    let (base, chars) = analyze_seconds(&p, &base_text);
    println!(
        "ordinary text ({source}), {} bytes: {base:.3} s ({chars} of {} chars analyzed)",
        base_text.len(),
        chars_of(&base_text)
    );
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
            "{name}, {} bytes: {t:.3} s = {:.2}× ordinary ({chars} of {} chars analyzed; 256 KB: {tq:.3} s, growth ×{:.1} for ×4 input)",
            text.len(),
            t / base,
            chars_of(text),
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
