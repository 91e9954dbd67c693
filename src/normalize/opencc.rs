//! Traditional → simplified conversion with OpenCC's own dictionaries.
//!
//! The dictionaries (Apache-2.0, `data/opencc/`) are embedded at build time
//! and parsed once. The algorithm follows OpenCC 1.4: the text is split by
//! longest match against `TSPhrases`; each segment goes through the variant
//! stage (Taiwan or Hong Kong variant forms → OpenCC standard traditional,
//! for `tw2s` / `hk2s`) and then through the group `TSPhrases` →
//! `TSCharactersExt` → `TSCharacters`, where the first dictionary with a
//! prefix match wins and the longest key of that dictionary is taken.
//!
//! The normalizer does not call [`Converter::convert`] character by
//! character: it asks the converter to fill a flat lookup table once and
//! handles phrases through [`Converter::phrase_at`], so a text without
//! traditional characters is converted at memory speed.
//!
//! ```
//! use dangjian::normalize::opencc::{Converter, Variant};
//! let c = Converter::new(Variant::Standard);
//! assert_eq!(c.convert("黨的十八大以來"), "党的十八大以来");
//! ```

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Which traditional standard the input follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// OpenCC standard traditional (`t2s`).
    Standard,
    /// Taiwan forms (`tw2s`).
    Taiwan,
    /// Hong Kong forms (`hk2s`).
    HongKong,
    /// Both Taiwan and Hong Kong variant forms are folded (Taiwan first); the
    /// default, because news archives rarely say which they are.
    #[default]
    Any,
}

const TS_CHARACTERS: &str = include_str!("../../data/opencc/TSCharacters.txt");
const TS_CHARACTERS_EXT: &str = include_str!("../../data/opencc/TSCharactersExt.txt");
const TS_PHRASES: &str = include_str!("../../data/opencc/TSPhrases.txt");
const TW_VARIANTS_REV: &str = include_str!("../../data/opencc/TWVariantsRev.txt");
const TW_VARIANTS_REV_PHRASES: &str = include_str!("../../data/opencc/TWVariantsRevPhrases.txt");
const HK_VARIANTS_REV: &str = include_str!("../../data/opencc/HKVariantsRev.txt");
const HK_VARIANTS_REV_PHRASES: &str = include_str!("../../data/opencc/HKVariantsRevPhrases.txt");
const CJK_COMPAT: &str = include_str!("../../data/opencc/CJK_Compatibility_Ideographs.txt");

/// Parses an OpenCC text dictionary: `key<TAB>candidate candidate …`.
fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines().filter_map(|line| {
        if line.starts_with('#') || line.trim().is_empty() {
            return None;
        }
        let (k, v) = line.split_once('\t')?;
        let first = v.split(' ').next()?;
        Some((k, first))
    })
}

/// A phrase: its characters and its conversion.
type Phrase = (Box<[char]>, &'static str);

/// Phrases keyed by first character, longest first.
#[derive(Debug, Default)]
struct PhraseDict {
    by_first: FxHashMap<char, Vec<Phrase>>,
}

impl PhraseDict {
    fn add(&mut self, text: &'static str) {
        for (k, v) in entries(text) {
            let key: Box<[char]> = k.chars().collect();
            if key.len() < 2 {
                continue; // single characters go to the character maps
            }
            let list = self.by_first.entry(key[0]).or_default();
            if !list.iter().any(|(x, _)| *x == key) {
                list.push((key, v));
            }
        }
        for list in self.by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
    }

    /// Longest phrase starting at the beginning of `text`: (key bytes, value).
    fn longest(&self, text: &str) -> Option<(usize, &'static str)> {
        let first = text.chars().next()?;
        let list = self.by_first.get(&first)?;
        'cands: for (key, value) in list {
            let mut it = text.char_indices();
            let mut end = 0;
            for &kc in key.iter() {
                match it.next() {
                    Some((i, c)) if c == kc => end = i + c.len_utf8(),
                    _ => continue 'cands,
                }
            }
            return Some((end, value));
        }
        None
    }

    fn starts(&self) -> impl Iterator<Item = char> + '_ {
        self.by_first.keys().copied()
    }
}

fn char_map(texts: &[&'static str]) -> HashMap<char, char> {
    let mut m = HashMap::new();
    for t in texts {
        for (k, v) in entries(t) {
            let mut kc = k.chars();
            let mut vc = v.chars();
            if let (Some(a), None, Some(b), None) = (kc.next(), kc.next(), vc.next(), vc.next()) {
                m.entry(a).or_insert(b);
            }
        }
    }
    m
}

/// A traditional → simplified converter for one [`Variant`].
#[derive(Debug)]
pub struct Converter {
    compat: HashMap<char, char>,
    var_chars: HashMap<char, char>,
    var_phrases: PhraseDict,
    ts_phrases: PhraseDict,
    ts_chars: HashMap<char, char>,
}

impl Converter {
    /// Builds a converter (parses the embedded dictionaries; a few
    /// milliseconds). Use [`Converter::shared`] to get a cached one.
    pub fn new(variant: Variant) -> Self {
        let (var_char_texts, var_phrase_texts): (Vec<&'static str>, Vec<&'static str>) =
            match variant {
                Variant::Standard => (vec![], vec![]),
                Variant::Taiwan => (vec![TW_VARIANTS_REV], vec![TW_VARIANTS_REV_PHRASES]),
                Variant::HongKong => (vec![HK_VARIANTS_REV], vec![HK_VARIANTS_REV_PHRASES]),
                Variant::Any => (
                    vec![TW_VARIANTS_REV, HK_VARIANTS_REV],
                    vec![TW_VARIANTS_REV_PHRASES, HK_VARIANTS_REV_PHRASES],
                ),
            };
        let mut var_phrases = PhraseDict::default();
        for t in &var_phrase_texts {
            var_phrases.add(t);
        }
        let mut ts_phrases = PhraseDict::default();
        ts_phrases.add(TS_PHRASES);
        // Single-character keys of a phrase dictionary come first in their
        // group, so they override the character dictionaries.
        let mut var_chars = char_map(&var_char_texts);
        var_chars.extend(char_map(&var_phrase_texts));
        let mut ts_chars = char_map(&[TS_CHARACTERS_EXT, TS_CHARACTERS]);
        ts_chars.extend(char_map(&[TS_PHRASES]));
        Converter {
            compat: char_map(&[CJK_COMPAT]),
            var_chars,
            var_phrases,
            ts_phrases,
            ts_chars,
        }
    }

    /// A converter built once per process for `variant`.
    pub fn shared(variant: Variant) -> &'static Converter {
        static STANDARD: LazyLock<Converter> = LazyLock::new(|| Converter::new(Variant::Standard));
        static TAIWAN: LazyLock<Converter> = LazyLock::new(|| Converter::new(Variant::Taiwan));
        static HONG_KONG: LazyLock<Converter> = LazyLock::new(|| Converter::new(Variant::HongKong));
        static ANY: LazyLock<Converter> = LazyLock::new(|| Converter::new(Variant::Any));
        match variant {
            Variant::Standard => &STANDARD,
            Variant::Taiwan => &TAIWAN,
            Variant::HongKong => &HONG_KONG,
            Variant::Any => &ANY,
        }
    }

    /// The conversion of one character on its own (no phrase context), or
    /// `None` when the character is left as it is.
    pub fn char_mapping(&self, c: char) -> Option<char> {
        let c0 = self.compat.get(&c).copied().unwrap_or(c);
        let c1 = self.var_chars.get(&c0).copied().unwrap_or(c0);
        let c2 = self.ts_chars.get(&c1).copied().unwrap_or(c1);
        (c2 != c).then_some(c2)
    }

    /// Whether a phrase (of either stage) may start with `c`.
    pub fn may_start_phrase(&self, c: char) -> bool {
        self.ts_phrases.by_first.contains_key(&c) || self.var_phrases.by_first.contains_key(&c)
    }

    /// Characters that may start a phrase.
    pub fn phrase_starts(&self) -> impl Iterator<Item = char> + '_ {
        self.ts_phrases.starts().chain(self.var_phrases.starts())
    }

    /// The first two characters of every phrase (a phrase of one character
    /// gives its character twice).
    pub fn phrase_bigrams(&self) -> impl Iterator<Item = (char, char)> + '_ {
        self.ts_phrases
            .by_first
            .values()
            .chain(self.var_phrases.by_first.values())
            .flatten()
            .map(|(k, _)| (k[0], k.get(1).copied().unwrap_or(k[0])))
    }

    /// Characters the converter changes on their own.
    pub fn mapped_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.compat
            .keys()
            .chain(self.var_chars.keys())
            .chain(self.ts_chars.keys())
            .copied()
    }

    /// Simplified targets of the character tables (used for script detection).
    pub fn simplified_targets(&self) -> impl Iterator<Item = char> + '_ {
        self.ts_chars.values().copied()
    }

    /// If a phrase starts at the beginning of `text`, the number of bytes it
    /// covers and its full conversion.
    pub fn phrase_at(&self, text: &str) -> Option<(usize, String)> {
        if let Some((len, _)) = self.ts_phrases.longest(text) {
            return Some((len, self.convert_segment(&text[..len])));
        }
        if let Some((len, _)) = self.var_phrases.longest(text) {
            return Some((len, self.convert_segment(&text[..len])));
        }
        None
    }

    /// Converts a whole text (segmentation by `TSPhrases`, then both stages on
    /// each segment). The normalizer uses a faster table-driven path with the
    /// same results; this is the reference.
    pub fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pending_start = 0;
        let mut i = 0;
        while i < text.len() {
            if let Some((len, _)) = self.ts_phrases.longest(&text[i..]) {
                out.push_str(&self.convert_segment(&text[pending_start..i]));
                out.push_str(&self.convert_segment(&text[i..i + len]));
                i += len;
                pending_start = i;
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out.push_str(&self.convert_segment(&text[pending_start..]));
        out
    }

    /// Both conversion stages on one segment.
    fn convert_segment(&self, seg: &str) -> String {
        if seg.is_empty() {
            return String::new();
        }
        let seg: String = seg
            .chars()
            .map(|c| self.compat.get(&c).copied().unwrap_or(c))
            .collect();
        let stage1 = if self.var_chars.is_empty() && self.var_phrases.by_first.is_empty() {
            seg
        } else {
            max_match(&seg, &self.var_phrases, &HashMap::new(), &self.var_chars)
        };
        max_match(&stage1, &self.ts_phrases, &self.ts_chars, &HashMap::new())
    }
}

/// Longest-match conversion with a short-circuit dictionary group.
fn max_match(
    text: &str,
    phrases: &PhraseDict,
    chars: &HashMap<char, char>,
    extra_chars: &HashMap<char, char>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some((len, value)) = phrases.longest(&text[i..]) {
            out.push_str(value);
            i += len;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let mapped = chars
            .get(&c)
            .or_else(|| extra_chars.get(&c))
            .copied()
            .unwrap_or(c);
        out.push(mapped);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_win_over_characters() {
        let c = Converter::new(Variant::Standard);
        assert_eq!(c.convert("乾乾淨淨"), "干干净净");
        assert_eq!(c.convert("乾卦"), "乾卦");
    }

    #[test]
    fn taiwan_variants() {
        let c = Converter::new(Variant::Taiwan);
        assert_eq!(c.convert("虛偽"), "虚伪");
    }
}
