//! The whole analysis beside bare jieba-rs, in the same run, on one core.
//!
//! `cargo bench --bench ratio` cuts the texts into documents of about 20 KB
//! (the bundled corpus and, when `../shared/data` is present, the SIGHAN 2005
//! raw test texts: PKU + MSR simplified, AS + CityU traditional), then times,
//! round by round, bare jieba-rs `cut` (HMM on, its own dictionary) and
//! `Pipeline::analyze` (all stages, keywords on) over the same documents, and
//! each stage alone, in CPU time of the thread. Each is timed over all the
//! documents at once, so its tables are warm as in a run of that program
//! alone (timing them document by document, interleaved, left bare jieba-rs
//! cold after every analysis and flattered the ratio on small inputs). It
//! prints MB/s (medians over the rounds) and the ratio analyze / cut, which
//! the machine's load changes much less than the absolute figures.
//!
//! `ROUNDS=9 cargo bench --bench ratio` for more rounds (default 5).

use std::path::PathBuf;
use std::time::Instant;

use dangjian::body::Body;
use dangjian::{Document, Pipeline, claims, formulations, page, places};

fn read(rel: &str) -> Option<String> {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)).ok()
}

/// Splits `text` at line ends into pieces of about `size` bytes.
fn documents(text: &str, size: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        cur.push_str(line);
        cur.push('\n');
        if cur.len() >= size {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// (name, documents): simplified and traditional inputs.
fn inputs() -> Vec<(&'static str, Vec<String>)> {
    let corpus = |names: &[&str]| -> String {
        names
            .iter()
            .filter_map(|n| read(&format!("corpus/{n}")))
            .collect()
    };
    let mut v = vec![
        (
            "corpus, simplified",
            documents(
                &corpus(&[
                    "guilin-2024-08-15.txt",
                    "unnamed-city-speech.txt",
                    "lechang-2020.txt",
                    "zhejiang-2019-11-25.txt",
                ]),
                20_000,
            ),
        ),
        (
            "corpus, traditional",
            documents(&corpus(&["tianjin-2021-06-16.txt"]), 20_000),
        ),
    ];
    let sighan = |a: &str, b: &str| -> Option<String> {
        let dir = "../shared/data/sighan2005/testing";
        Some(read(&format!("{dir}/{a}"))? + &read(&format!("{dir}/{b}"))?)
    };
    match sighan("pku_test.utf8", "msr_test.utf8") {
        Some(t) => v.push(("SIGHAN PKU + MSR, simplified", documents(&t, 20_000))),
        None => eprintln!("SIGHAN simplified test texts absent: skipped"),
    }
    match sighan("as_test.utf8", "cityu_test.utf8") {
        Some(t) => v.push(("SIGHAN AS + CityU, traditional", documents(&t, 20_000))),
        None => eprintln!("SIGHAN traditional test texts absent: skipped"),
    }
    v
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// CPU seconds this thread has used: on a shared machine, wall time counts
/// the other processes too.
fn cpu_now() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// CPU seconds `f` takes.
fn time(f: &dyn Fn() -> usize) -> f64 {
    let t = cpu_now();
    std::hint::black_box(f());
    cpu_now() - t
}

fn main() {
    // Start-up, table by table, each on its own (one thread).
    let clock = |what: &str, f: &dyn Fn()| {
        let t = cpu_now();
        f();
        println!("start-up: {what:<36} {:.3} s (CPU)", cpu_now() - t);
    };
    clock("jieba-rs Jieba::new", &|| drop(jieba_rs::Jieba::new()));
    clock("jieba-rs TfIdf::default (unused)", &|| {
        drop(<jieba_rs::TfIdf as Default>::default())
    });
    clock("IDF table (keywords)", &|| {
        dangjian::dictionary::Dictionary::jieba();
    });
    clock("gazetteer", &|| {
        places::Gazetteer::shared();
    });
    clock("normalizer", &|| drop(dangjian::Normalizer::default()));
    let t = Instant::now();
    let pipeline = Pipeline::default();
    pipeline.warm_up();
    let start_up = t.elapsed();
    println!(
        "start-up (pipeline built and warmed, tables above already loaded): {:.3} s",
        start_up.as_secs_f64()
    );
    let plain = jieba_rs::Jieba::new();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let stage_names = [
        "jieba-rs cut",
        "analyze",
        "jieba-rs cut, normalized",
        "normalize",
        "page",
        "body (segment + tags)",
        "claims",
        "formulations",
        "places",
        "keywords",
    ];
    for (name, docs) in inputs() {
        let bytes: usize = docs.iter().map(String::len).sum();
        if bytes == 0 {
            continue;
        }
        let docs_in: Vec<Document> = docs
            .iter()
            .map(|d| Document::from_text(d.clone()))
            .collect();
        let seg = pipeline.segmenter().clone();
        let norms: Vec<_> = docs.iter().map(|d| pipeline.normalize(d)).collect();
        let pages: Vec<_> = norms.iter().map(|n| page::clean(&n.text)).collect();
        let bodies: Vec<Body> = norms
            .iter()
            .zip(&pages)
            .map(|(n, p)| Body::from_blocks(n, &p.body, &seg))
            .collect();
        let forms: Vec<_> = bodies.iter().map(formulations::extract).collect();
        let mut secs: Vec<Vec<f64>> = vec![Vec::new(); stage_names.len()];
        // Each stage over all the documents in turn, round after round: a
        // stage runs with its own tables warm, as a program that only cuts
        // (or only analyzes) would, and the rounds alternate the stages so
        // that all of them see the same load on this shared machine.
        let stage = |i: usize, k: usize| -> usize {
            let (d, n, p, b) = (&docs[k], &norms[k], &pages[k], &bodies[k]);
            match i {
                0 => plain.cut(d, true).len(),
                1 => pipeline.analyze(&docs_in[k]).claims.len(),
                2 => plain.cut(&n.text, true).len(),
                3 => pipeline.normalize(d).text.len(),
                4 => page::clean(&n.text).body.len(),
                5 => Body::from_blocks(n, &p.body, &seg).tokens.len(),
                6 => claims::extract_in_body(b, d, &forms[k].formulations).len(),
                7 => formulations::extract(b).formulations.len(),
                8 => {
                    let mut claims = Vec::new();
                    places::attribute(
                        b,
                        &n.text,
                        &Default::default(),
                        &Default::default(),
                        &mut claims,
                    )
                    .mentions
                    .len()
                }
                _ => b.keywords(20).len(),
            }
        };
        for _ in 0..rounds {
            for (i, s) in secs.iter_mut().enumerate() {
                s.push(time(&|| (0..docs.len()).map(|k| stage(i, k)).sum()));
            }
        }
        let mb = bytes as f64 / 1e6;
        let ratios: Vec<f64> = secs[0].iter().zip(&secs[1]).map(|(c, a)| c / a).collect();
        println!(
            "\n{name}: {} documents, {:.2} MB, {rounds} rounds",
            docs.len(),
            mb
        );
        let cut = median(secs[0].clone());
        for (i, s) in secs.iter().enumerate() {
            let m = median(s.clone());
            println!(
                "  {:<24} {:>8.1} MB/s   {:>6.1} % of a cut",
                stage_names[i],
                mb / m,
                100.0 * m / cut
            );
        }
        println!(
            "  analyze / cut throughput: {:.2}× (median of the rounds' ratios)",
            median(ratios)
        );
    }
}
