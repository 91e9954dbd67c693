//! Text reuse at scale: N generated documents of about 3 KB (default
//! 100,000), a few percent of them carrying a passage copied from an
//! earlier one with edits; prints time, documents per second, peak RSS (of
//! the process, and of the finder above the documents it is given) and
//! the work counts.
//!
//! `nice cargo bench --bench reuse_scale -- 100000`
//!
//! With `--jsonl PATH` the documents are written to PATH as JSONL records
//! (`{"id", "text", "date"}`) instead, for `dangjian reuse PATH` to read
//! back one at a time (the way to measure the command's own memory:
//! `/usr/bin/time -v dangjian reuse --format json PATH`).
//!
//! The text is drawn from a character bigram model of the bundled corpus
//! (and of the SIGHAN test texts when `../shared/data` is present), so its
//! n-gram statistics are those of real Chinese: common n-grams are common,
//! and chance overlaps between documents happen as they do in real text.

use std::collections::HashMap;
use std::time::Instant;

use dangjian::reuse::{Reuse, ReuseDocument};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Character bigram model: successors of each character, with repeats
/// (sampling one is sampling by frequency).
fn model() -> HashMap<char, Vec<char>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for e in std::fs::read_dir(root.join("corpus"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "txt") {
            texts.extend(std::fs::read_to_string(e.path()).ok());
        }
    }
    for f in ["pku_test.utf8", "msr_test.utf8"] {
        texts.extend(
            std::fs::read_to_string(root.join("../shared/data/sighan2005/testing").join(f)).ok(),
        );
    }
    let n = dangjian::Normalizer::default();
    let mut m: HashMap<char, Vec<char>> = HashMap::new();
    for t in texts {
        let t = n.normalize_text(&t);
        let cs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        for w in cs.windows(2) {
            m.entry(w[0]).or_default().push(w[1]);
        }
    }
    m
}

fn generate(m: &HashMap<char, Vec<char>>, keys: &[char], rng: &mut Rng, chars: usize) -> String {
    let mut out = String::with_capacity(chars * 3);
    let mut c = keys[rng.below(keys.len())];
    for i in 0..chars {
        out.push(c);
        if i % 400 == 399 {
            out.push('\n');
        }
        c = match m.get(&c) {
            Some(v) if !v.is_empty() => v[rng.below(v.len())],
            _ => keys[rng.below(keys.len())],
        };
    }
    out
}

/// A memory figure of this process from `/proc/self/status`, in MB
/// (`VmHWM`: peak RSS; `VmRSS`: RSS now).
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let t0 = Instant::now();
    let m = model();
    let mut keys: Vec<char> = m.keys().copied().collect();
    keys.sort_unstable();
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let mut docs: Vec<ReuseDocument> = Vec::with_capacity(n);
    let mut planted = 0usize;
    for i in 0..n {
        let mut text = generate(&m, &keys, &mut rng, 1000);
        // Every 25th document copies 30–300 characters of an earlier one,
        // with one character in ten dropped.
        if i % 25 == 24 {
            let src: Vec<char> = docs[rng.below(i)]
                .text
                .chars()
                .filter(|c| *c != '\n')
                .collect();
            let len = 30 + rng.below(271);
            let at = rng.below(src.len().saturating_sub(len).max(1));
            let copy: String = src[at..(at + len).min(src.len())]
                .iter()
                .enumerate()
                .filter(|(k, _)| k % 10 != 5)
                .map(|(_, c)| *c)
                .collect();
            let cut = text
                .char_indices()
                .nth(rng.below(900))
                .map_or(0, |(b, _)| b);
            text.insert_str(cut, &copy);
            planted += 1;
        }
        let date = format!("20{:02}-{:02}-{:02}", 15 + i % 10, 1 + i % 12, 1 + i % 28);
        docs.push(ReuseDocument::new(format!("g{i}"), text).with_date(date));
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args
        .iter()
        .position(|a| a == "--jsonl")
        .and_then(|i| args.get(i + 1))
    {
        use std::io::Write;
        let f = std::fs::File::create(path).expect("JSONL output");
        let mut w = std::io::BufWriter::new(f);
        for d in &docs {
            let rec = serde_json::json!({"id": d.id, "text": d.text, "date": d.date});
            writeln!(w, "{rec}").expect("JSONL output");
        }
        w.flush().expect("JSONL output");
        println!(
            "reuse_scale: {n} documents, {:.1} MB, {planted} planted copies, written to {path}",
            bytes as f64 / 1e6
        );
        return;
    }
    let gen_s = t0.elapsed().as_secs_f64();
    let rss_before = peak_rss_mb();
    // Reset the peak to what is resident now (the documents), so the peak
    // below is the finder's own (Linux; a no-op elsewhere).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rss_docs = status_mb("VmRSS:");
    let t1 = Instant::now();
    let report = Reuse::default().find(&docs);
    let secs = t1.elapsed().as_secs_f64();
    let s = &report.stats;
    println!(
        "reuse_scale: {n} documents, {:.1} MB (generated in {gen_s:.1} s, peak RSS then {rss_before:.0} MB), {planted} planted copies",
        bytes as f64 / 1e6
    );
    println!(
        "  {secs:.1} s, {:.0} documents/s, {:.2} MB/s, peak RSS {:.0} MB ({:.0} MB above the documents)",
        n as f64 / secs,
        bytes as f64 / 1e6 / secs,
        peak_rss_mb().max(rss_before),
        (peak_rss_mb() - rss_docs).max(0.0)
    );
    println!(
        "  {} partitions (largest {} postings), {} common n-grams, {} seeds counted in {} sketch(es) of 2 x {} counters, {} kept, {} candidate pairs, {} links, {} clusters",
        s.partitions,
        s.max_postings,
        s.common_ngrams,
        s.counted_seeds,
        s.pair_sketches,
        s.sketch_counters,
        s.seeds,
        s.candidate_pairs,
        s.links,
        report.clusters.len()
    );
}
