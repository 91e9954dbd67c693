//! Builds `data/jieba-idf.tsv.zst`: the IDF weight of each word jieba's IDF
//! table knows that can be a keyword (words of jieba's dictionary and of
//! `data/lexicon.tsv`). Both tables come with jieba-rs (MIT, from jieba);
//! keywords are weighed with these IDF values, found by the word id each
//! token carries. (The parts of speech come with the tokens from jieba
//! itself, see `vendor/jieba-rs/PATCH.md`.)
//!
//! ```text
//! cargo run --release --example build_dictionary -- \
//!     vendor/jieba-rs/src/data/dict.txt vendor/jieba-rs/src/data/idf.txt \
//!     data/lexicon.tsv data/jieba-idf.tsv.zst
//! ```
//!
//! The output, before compression: a header line `#median_idf\t<v>`, a line
//! `#idf\t<v1>\t<v2>…` listing the distinct IDF values, a line
//! `#dictionary\t<n>`, then one line for each of the `n` words of jieba's
//! dictionary in its order (the word's id in jieba-rs is its line: the
//! dictionary has no duplicate word), the index of the word's IDF value in
//! the `#idf` line or nothing, and last `word\tidf` for each lexicon word
//! outside the dictionary that the IDF table knows.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dict, idf, lexicon, out] = args.as_slice() else {
        return Err("usage: build_dictionary DICT.txt IDF.txt LEXICON.tsv OUT.tsv.zst".into());
    };
    // The dictionary's words in order: a word's id in jieba-rs.
    let order: Vec<String> = std::fs::read_to_string(dict)?
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let in_dictionary: HashSet<&String> = order.iter().collect();
    if in_dictionary.len() != order.len() {
        return Err("the dictionary repeats a word: ids would not be lines".into());
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
    // Later duplicates win, as in jieba-rs.
    let mut values: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut weights: BTreeMap<String, usize> = BTreeMap::new();
    for (w, _, text) in &idfs {
        if !in_dictionary.contains(w) && !lexicon.contains(w) {
            continue;
        }
        let i = *index.entry(text.clone()).or_insert_with(|| {
            values.push(text.clone());
            values.len() - 1
        });
        weights.insert(w.clone(), i);
    }
    let mut text = format!(
        "#median_idf\t{median}\n#idf\t{}\n#dictionary\t{}\n",
        values.join("\t"),
        order.len()
    );
    for w in &order {
        if let Some(i) = weights.get(w) {
            text.push_str(&i.to_string());
        }
        text.push('\n');
    }
    for (w, i) in &weights {
        if !in_dictionary.contains(w) {
            text.push_str(&format!("{w}\t{i}\n"));
        }
    }
    let compressed = zstd::encode_all(text.as_bytes(), 19)?;
    std::fs::write(out, &compressed)?;
    eprintln!(
        "{} words with a weight, {} IDF values, {} bytes ({} compressed)",
        weights.len(),
        values.len(),
        text.len(),
        compressed.len()
    );
    Ok(())
}
