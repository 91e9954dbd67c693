//! Builds `data/jieba-idf.tsv.zst`: the IDF weight of each word jieba's IDF
//! table knows that can be a keyword (words of jieba's dictionary and of
//! `data/lexicon.tsv`). Both tables come with jieba-rs (MIT, from jieba);
//! keywords are weighed with these IDF values. (The parts of speech come
//! with the tokens from jieba itself, see `vendor/jieba-rs/PATCH.md`.)
//!
//! ```text
//! cargo run --release --example build_dictionary -- \
//!     ~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt \
//!     ~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/idf.txt \
//!     data/lexicon.tsv data/jieba-idf.tsv.zst
//! ```
//!
//! The output, before compression: a header line `#median_idf\t<v>`, a line
//! `#idf\t<v1>\t<v2>…` listing the distinct IDF values, then one line per
//! word, `word\tidf`, where `idf` is the index of the word's IDF value in
//! the `#idf` line. Words come by falling frequency in jieba's dictionary.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dict, idf, lexicon, out] = args.as_slice() else {
        return Err("usage: build_dictionary DICT.txt IDF.txt LEXICON.tsv OUT.tsv.zst".into());
    };
    // Later duplicates win, as in jieba-rs.
    let mut words: BTreeMap<String, (String, Option<usize>)> = BTreeMap::new();
    let mut freq: HashMap<String, u64> = HashMap::new();
    for line in std::fs::read_to_string(dict)?.lines() {
        let mut p = line.split_whitespace();
        if let Some(w) = p.next() {
            let f = p.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            let tag = p.next().unwrap_or("").to_string();
            words.insert(w.to_string(), (tag, None));
            freq.insert(w.to_string(), f);
        }
    }
    let mut idfs: Vec<(String, f64, String)> = Vec::new();
    for line in std::fs::read_to_string(idf)?.lines() {
        let mut p = line.split_whitespace();
        if let (Some(w), Some(v)) = (p.next(), p.next())
            && let Ok(x) = v.parse::<f64>()
        {
            idfs.push((w.to_string(), x, v.to_string()));
        }
    }
    let mut sorted: Vec<f64> = idfs.iter().map(|t| t.1).collect();
    let mid = sorted.len().saturating_sub(1) / 2;
    let (_, median, _) = sorted.select_nth_unstable_by(mid, f64::total_cmp);
    let median = *median;
    let lexicon: Vec<String> = std::fs::read_to_string(lexicon)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let mut values: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (w, _, text) in &idfs {
        let known = words.contains_key(w);
        if !known && !lexicon.contains(w) {
            continue;
        }
        let i = *index.entry(text.clone()).or_insert_with(|| {
            values.push(text.clone());
            values.len() - 1
        });
        words.entry(w.clone()).or_insert((String::new(), None)).1 = Some(i);
    }
    let mut text = format!("#median_idf\t{median}\n#idf\t{}\n", values.join("\t"));
    // Most frequent first: the reader keeps the head in a small table that
    // stays in cache.
    let mut order: Vec<(&String, &(String, Option<usize>))> = words.iter().collect();
    order.sort_by_key(|(w, _)| std::cmp::Reverse(freq.get(*w).copied().unwrap_or(0)));
    for (w, (_, idf)) in order {
        if let Some(idf) = idf {
            text.push_str(&format!("{w}\t{idf}\n"));
        }
    }
    let compressed = zstd::encode_all(text.as_bytes(), 19)?;
    std::fs::write(out, &compressed)?;
    eprintln!(
        "{} words, {} IDF values, {} bytes ({} compressed)",
        words.len(),
        values.len(),
        text.len(),
        compressed.len()
    );
    Ok(())
}
