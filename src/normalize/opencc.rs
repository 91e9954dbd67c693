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

use std::borrow::Cow;

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

/// A phrase: its key and its conversion.
type Phrase = (&'static str, &'static str);

/// The two characters `a`, `b` as one hash key.
fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

/// Phrases (two characters or more) keyed by their first two characters,
/// longest first, so that a lookup compares a handful of byte strings.
#[derive(Debug, Default)]
struct PhraseDict {
    by_pair: FxHashMap<u64, Vec<Phrase>>,
}

impl PhraseDict {
    fn add(&mut self, text: &'static str) {
        for (k, v) in entries(text) {
            let mut chars = k.chars();
            let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
                continue; // single characters go to the character maps
            };
            let list = self.by_pair.entry(pair_key(a, b)).or_default();
            if !list.iter().any(|(x, _)| *x == k) {
                list.push((k, v));
            }
        }
        for list in self.by_pair.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
    }

    fn is_empty(&self) -> bool {
        self.by_pair.is_empty()
    }

    /// Longest phrase starting at the beginning of `text`: (key bytes, value).
    fn longest(&self, text: &str) -> Option<(usize, &'static str)> {
        let mut chars = text.chars();
        let (a, b) = (chars.next()?, chars.next()?);
        let list = self.by_pair.get(&pair_key(a, b))?;
        // Keys of one pair that are longer in bytes are longer in characters.
        list.iter()
            .find(|(key, _)| text.starts_with(key))
            .map(|(key, value)| (key.len(), *value))
    }

    /// Longest phrase starting at the beginning of `text` once each of its
    /// characters is passed through `f`: the bytes of `text` it covers.
    fn longest_by(&self, text: &str, f: impl Fn(char) -> char) -> Option<usize> {
        let mut chars = text.chars();
        let (a, b) = (f(chars.next()?), f(chars.next()?));
        let list = self.by_pair.get(&pair_key(a, b))?;
        'keys: for (key, _) in list {
            let mut raw = text.char_indices();
            let mut end = 0;
            for kc in key.chars() {
                match raw.next() {
                    Some((j, c)) if f(c) == kc => end = j + c.len_utf8(),
                    _ => continue 'keys,
                }
            }
            return Some(end);
        }
        None
    }

    fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_pair.values().flatten().map(|(k, _)| *k)
    }

    /// The longest key in characters.
    fn max_chars(&self) -> usize {
        self.by_pair
            .values()
            .flatten()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
    }

    fn pairs(&self) -> impl Iterator<Item = (char, char)> + '_ {
        self.by_pair.values().filter_map(|list| {
            let mut chars = list.first()?.0.chars();
            Some((chars.next()?, chars.next()?))
        })
    }
}

fn char_map(texts: &[&'static str]) -> FxHashMap<char, char> {
    let mut m = FxHashMap::default();
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
    compat: FxHashMap<char, char>,
    var_chars: FxHashMap<char, char>,
    var_phrases: PhraseDict,
    ts_phrases: PhraseDict,
    ts_chars: FxHashMap<char, char>,
    /// For each character that the first stage (compatibility ideographs,
    /// variant forms) produces from others: those others. A `TSPhrases` key
    /// may appear only after that stage (`藉著` → `藉着` → `借着`).
    stage1_sources: FxHashMap<char, Vec<char>>,
    /// The longest variant phrase in characters.
    var_max_chars: usize,
    /// The full conversion of every phrase key, made once.
    full: FxHashMap<&'static str, String>,
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
        let compat = char_map(&[CJK_COMPAT]);
        let var_max_chars = var_phrases.max_chars();
        let mut converter = Converter {
            compat,
            var_chars,
            var_phrases,
            ts_phrases,
            ts_chars,
            stage1_sources: FxHashMap::default(),
            var_max_chars,
            full: FxHashMap::default(),
        };
        let mut stage1_sources: FxHashMap<char, Vec<char>> = FxHashMap::default();
        for &c in converter.compat.keys().chain(converter.var_chars.keys()) {
            let c1 = converter.stage1_char(c);
            if c1 != c {
                let v = stage1_sources.entry(c1).or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
        }
        converter.stage1_sources = stage1_sources;
        let full = converter
            .ts_phrases
            .keys()
            .chain(converter.var_phrases.keys())
            .map(|k| (k, converter.convert_segment(k)))
            .collect();
        converter.full = full;
        converter
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
        let c1 = self.stage1_char(c);
        let c2 = self.ts_chars.get(&c1).copied().unwrap_or(c1);
        (c2 != c).then_some(c2)
    }

    /// Characters that may start a phrase (once for each second character).
    pub fn phrase_starts(&self) -> impl Iterator<Item = char> + '_ {
        self.phrase_bigrams().map(|(a, _)| a)
    }

    /// The first two characters of every phrase as they may be written in
    /// the input (every phrase has two characters or more; single-character
    /// keys are in the character maps): a `TSPhrases` pair also under every
    /// spelling that the first stage turns into it. A pair may come more than
    /// once.
    pub fn phrase_bigrams(&self) -> impl Iterator<Item = (char, char)> + '_ {
        let spellings = |c: char| {
            std::iter::once(c).chain(self.stage1_sources.get(&c).into_iter().flatten().copied())
        };
        self.ts_phrases
            .pairs()
            .flat_map(move |(a, b)| {
                spellings(a).flat_map(move |x| spellings(b).map(move |y| (x, y)))
            })
            .chain(self.var_phrases.pairs())
    }

    /// A character after the first stage.
    fn stage1_char(&self, c: char) -> char {
        let c0 = self.compat.get(&c).copied().unwrap_or(c);
        self.var_chars.get(&c0).copied().unwrap_or(c0)
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
    ///
    /// ```
    /// use dangjian::normalize::opencc::{Converter, Variant};
    /// let c = Converter::shared(Variant::Any);
    /// assert_eq!(c.phrase_at("乾乾淨淨的").map(|(n, s)| (n, s.into_owned())), Some((12, "干干净净".into())));
    /// assert_eq!(c.phrase_at("藉著文字").map(|(n, s)| (n, s.into_owned())), Some((6, "借着".into())));
    /// assert_eq!(c.phrase_at("乾坤").map(|(n, s)| (n, s.into_owned())), Some((6, "乾坤".into())));
    /// assert_eq!(c.phrase_at("黨的"), None);
    /// ```
    pub fn phrase_at(&self, text: &str) -> Option<(usize, Cow<'_, str>)> {
        let known = |len: usize| {
            let key = &text[..len];
            let full = match self.full.get(key) {
                Some(f) => Cow::Borrowed(f.as_str()),
                None => Cow::Owned(self.convert_segment(key)),
            };
            Some((len, full))
        };
        if let Some((len, _)) = self.ts_phrases.longest(text) {
            return known(len);
        }
        if let Some((len, _)) = self.var_phrases.longest(text) {
            return known(len);
        }
        if self.stage1_sources.is_empty() {
            return None;
        }
        // A phrase that only the first stage spells out. Character by
        // character first (cheap, and nearly always the answer), then the
        // first stage for real on a window, since a variant phrase there
        // takes precedence over its characters (`藉著於是`: `著於` stays).
        let rough = self.ts_phrases.longest_by(text, |c| self.stage1_char(c))?;
        let window_chars = text[..rough].chars().count() + self.var_max_chars;
        let window_end = text
            .char_indices()
            .nth(window_chars)
            .map_or(text.len(), |(j, _)| j);
        let (staged, bounds) = self.stage1_with_bounds(&text[..window_end]);
        let (len, _) = self.ts_phrases.longest(&staged)?;
        let &(_, raw) = bounds.iter().find(|(s, _)| *s == len)?;
        Some((raw, Cow::Owned(self.convert_segment(&text[..raw]))))
    }

    /// The first stage (compatibility ideographs, then variant phrases and
    /// characters by longest match) on `raw`, with the (staged, raw) byte
    /// offsets where both sides are at a boundary.
    fn stage1_with_bounds(&self, raw: &str) -> (String, Vec<(usize, usize)>) {
        let compat = self.compat_mapped(raw);
        let mut steps = Vec::new();
        let staged = self.variant_stage(&compat, Some(&mut steps));
        // Compatibility mapping is one character for one: the k-th character
        // end of `compat` is the k-th of `raw`.
        let ends =
            |s: &str| -> Vec<usize> { s.char_indices().map(|(j, c)| j + c.len_utf8()).collect() };
        let (compat_ends, raw_ends) = (ends(&compat), ends(raw));
        let bounds = steps
            .into_iter()
            .filter_map(|(out, at)| {
                let k = compat_ends.binary_search(&at).ok()?;
                Some((out, raw_ends[k]))
            })
            .collect();
        (staged, bounds)
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
        let seg = self.compat_mapped(seg);
        let stage1 = if self.var_chars.is_empty() && self.var_phrases.is_empty() {
            seg
        } else {
            self.variant_stage(&seg, None)
        };
        max_match(
            &stage1,
            &self.ts_phrases,
            &self.ts_chars,
            &FxHashMap::default(),
            None,
        )
    }

    /// Compatibility ideographs replaced, one character for one.
    fn compat_mapped(&self, s: &str) -> String {
        s.chars()
            .map(|c| self.compat.get(&c).copied().unwrap_or(c))
            .collect()
    }

    /// The variant stage (phrases, then characters, by longest match).
    fn variant_stage(&self, s: &str, steps: Option<&mut Vec<(usize, usize)>>) -> String {
        max_match(
            s,
            &self.var_phrases,
            &FxHashMap::default(),
            &self.var_chars,
            steps,
        )
    }
}

/// Longest-match conversion with a short-circuit dictionary group.
/// With `steps`, records (output end, input end) after every phrase or
/// character.
fn max_match(
    text: &str,
    phrases: &PhraseDict,
    chars: &FxHashMap<char, char>,
    extra_chars: &FxHashMap<char, char>,
    mut steps: Option<&mut Vec<(usize, usize)>>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some((len, value)) = phrases.longest(&text[i..]) {
            out.push_str(value);
            i += len;
        } else if let Some(c) = text[i..].chars().next() {
            let mapped = chars
                .get(&c)
                .or_else(|| extra_chars.get(&c))
                .copied()
                .unwrap_or(c);
            out.push(mapped);
            i += c.len_utf8();
        }
        if let Some(steps) = steps.as_deref_mut() {
            steps.push((out.len(), i));
        }
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
