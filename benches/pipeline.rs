//! Throughput of each pipeline stage beside bare jieba-rs, on the bundled
//! corpus and, when ../shared/data is present, on the SIGHAN 2005 raw test
//! texts (PKU and MSR simplified, AS and CityU traditional).
//!
//! `cargo bench --bench pipeline`; figures in bytes/s are in the README.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dangjian::compare::{CompareOptions, GroupBy, Profile, Profiles, TermStat, compare};
use dangjian::{Document, Pipeline};

fn shared(rel: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    std::fs::read_to_string(p).ok()
}

/// (name, text) inputs: simplified and traditional.
fn inputs() -> Vec<(&'static str, String)> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut simplified = String::new();
    for f in [
        "guilin-2024-08-15.txt",
        "unnamed-city-speech.txt",
        "lechang-2020.txt",
        "zhejiang-2019-11-25.txt",
    ] {
        simplified.push_str(&std::fs::read_to_string(corpus.join(f)).unwrap_or_default());
    }
    let traditional =
        std::fs::read_to_string(corpus.join("tianjin-2021-06-16.txt")).unwrap_or_default();
    let mut v = vec![
        ("corpus-simplified", simplified),
        ("corpus-traditional", traditional),
    ];
    if let (Some(pku), Some(msr)) = (
        shared("sighan2005/testing/pku_test.utf8"),
        shared("sighan2005/testing/msr_test.utf8"),
    ) {
        v.push(("sighan-simplified", pku + &msr));
    }
    if let (Some(as_), Some(cityu)) = (
        shared("sighan2005/testing/as_test.utf8"),
        shared("sighan2005/testing/cityu_test.utf8"),
    ) {
        v.push(("sighan-traditional", as_ + &cityu));
    }
    v
}

fn stages(c: &mut Criterion) {
    let pipeline = Pipeline::default();
    let plain = jieba_rs::Jieba::new();
    let normalizer = pipeline.normalizer().clone();
    let segmenter = pipeline.segmenter().clone();
    for (name, text) in inputs() {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(4));
        g.bench_function("jieba-rs cut (bare, hmm)", |b| {
            b.iter(|| plain.cut(&text, true).len())
        });
        g.bench_function("normalize", |b| {
            b.iter(|| normalizer.normalize(&text).text.len())
        });
        let norm = normalizer.normalize(&text);
        g.bench_function("segment (normalized, lexicon)", |b| {
            b.iter(|| segmenter.spans(&norm.text).len())
        });
        let body = dangjian::body::Body::new(norm.text.clone(), norm.map.clone(), &segmenter);
        g.bench_function("claims", |b| {
            b.iter(|| dangjian::claims::extract_in_body(&body, &text, &[]).len())
        });
        g.bench_function("formulations", |b| {
            b.iter(|| dangjian::formulations::extract(&body).formulations.len())
        });
        g.bench_function("places", |b| {
            b.iter(|| {
                let mut claims = Vec::new();
                dangjian::places::attribute(
                    &body,
                    &norm.text,
                    &Default::default(),
                    &Default::default(),
                    &mut claims,
                )
                .mentions
                .len()
            })
        });
        let doc = Document::from_text(text.clone());
        g.bench_function("analyze (all stages)", |b| {
            b.iter(|| pipeline.analyze(&doc).claims.len())
        });
        g.finish();
    }
}

/// 300 places × 10,000 terms: the comparison must stay interactive.
fn comparison(c: &mut Criterion) {
    let mut profiles = Profiles::new(GroupBy::Place);
    for p in 0..300u64 {
        let mut prof = Profile {
            name: format!("place{p:03}"),
            ..Default::default()
        };
        prof.documents.insert(format!("doc{p}"));
        for t in 0..10_000u64 {
            // A Zipf-like spread that differs by place.
            let n = 1 + (1_000_000 / (1 + (t * 7 + p * 13) % 10_000)) % 500;
            prof.terms.insert(format!("词{t}"), n);
        }
        for f in 0..60u64 {
            let stat = TermStat {
                mentions: 1 + f % 5,
                ..Default::default()
            };
            prof.formulations
                .insert(format!("提法{}", (f * 31 + p * 7) % 400), stat);
        }
        profiles.profiles.insert(prof.name.clone(), prof);
    }
    let mut g = c.benchmark_group("compare");
    g.sample_size(10);
    g.bench_with_input(
        BenchmarkId::new("300 places x 10k terms", 300),
        &profiles,
        |b, p| b.iter(|| compare(p, &CompareOptions::default()).keyness.len()),
    );
    g.finish();
}

criterion_group!(benches, stages, comparison);
criterion_main!(benches);
