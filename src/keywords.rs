//! Keywords: the content words of a text ranked by TF-IDF.
//!
//! The words come already cut and tagged (the body's tokens, see
//! the `body` module); only nouns, verbal nouns, proper names, idioms and verbs
//! of two characters or more count (`n nz nt ns vn l nr v an`, as in jieba's
//! keyword extraction), and each is weighed by its frequency among them times
//! its IDF weight from jieba's table ([`crate::dictionary::Dictionary::idf`]).
//! The ranking is that of jieba-rs's `TfIdf::extract_keywords` on the same
//! text (tests/keywords.rs), without a second segmentation.
//!
//! ```
//! use dangjian::dictionary::Pos;
//! use dangjian::keywords::top;
//! let n = Pos::of("n");
//! let words = [("机关", n, None), ("党员", n, None), ("的", Pos::of("uj"), None), ("机关", n, None)];
//! let kw = top(words, |w, _| if w == "党员" { 9.0 } else { 7.0 }, 5);
//! assert_eq!(kw.len(), 2);
//! assert_eq!(kw.iter().map(|k| k.weight).sum::<f64>() > 0.0, true);
//! ```

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::dictionary::{Pos, PosSet};

/// A keyword with its TF-IDF weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The term, in normalized (simplified) script.
    pub term: String,
    /// TF-IDF weight.
    pub weight: f64,
}

/// The parts of speech a keyword may have.
const ALLOWED: &[&str] = &["n", "nz", "nt", "ns", "vn", "l", "nr", "v", "an"];

/// jieba's stop words (English function words).
static STOP: LazyLock<std::collections::BTreeSet<String>> = LazyLock::new(|| {
    jieba_rs::KeywordExtractConfig::default()
        .stop_words()
        .clone()
});

/// Whether a word may be a keyword by its form: two characters or more, not
/// a stop word (the stop words are ASCII).
fn is_keyword(word: &str) -> bool {
    if word.chars().nth(1).is_none() {
        return false;
    }
    if !word.is_ascii() {
        return true;
    }
    !STOP.contains(word) && !STOP.contains(&word.to_lowercase())
}

/// The `k` best keywords among `words` (each with its part of speech and
/// its dictionary id, if any), weighed with `idf` (see
/// [`crate::dictionary::Dictionary::idf`], asked once per distinct candidate
/// word), best first; equal weights in word order. Weights are rounded to
/// four decimals.
pub fn top<'a>(
    words: impl IntoIterator<Item = (&'a str, Pos, Option<usize>)>,
    idf: impl Fn(&str, Option<usize>) -> f64,
    k: usize,
) -> Vec<Keyword> {
    let allowed = PosSet::of(ALLOWED);
    let mut freq: FxHashMap<&str, (u64, Option<usize>)> = FxHashMap::default();
    for (w, pos, id) in words {
        if allowed.contains(pos) && is_keyword(w) {
            freq.entry(w).or_insert((0, id)).0 += 1;
        }
    }
    if k == 0 || freq.is_empty() {
        return Vec::new();
    }
    let total: u64 = freq.values().map(|v| v.0).sum();
    let mut ranked: Vec<(f64, &str)> = freq
        .iter()
        .map(|(w, (tf, id))| (*tf as f64 * idf(w, *id) / total as f64, *w))
        .collect();
    // Words are distinct, so the order is total: the k best by selection,
    // then only those sorted, give what sorting every word would.
    let order = |a: &(f64, &str), b: &(f64, &str)| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1));
    if ranked.len() > k {
        ranked.select_nth_unstable_by(k - 1, order);
        ranked.truncate(k);
    }
    ranked.sort_unstable_by(order);
    ranked
        .into_iter()
        .map(|(weight, w)| Keyword {
            term: w.to_string(),
            weight: (weight * 10000.0).round() / 10000.0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_words_outrank_common_ones() {
        let n = Pos::of("n");
        // Invented weights: the rarer word weighs more.
        let idf = |w: &str, _| if w == "党建" { 9.6 } else { 3.2 };
        let kw = top(
            ["工作", "党建", "工作", "党建"].map(|w| (w, n, None)),
            idf,
            2,
        );
        assert_eq!(kw[0].term, "党建");
    }

    #[test]
    fn short_and_stop_words_are_not_keywords() {
        let n = Pos::of("n");
        let kw = top(
            [("党", n, None), ("the", n, None), ("THE", n, None)],
            |_, _| 1.0,
            5,
        );
        assert!(kw.is_empty());
    }
}
