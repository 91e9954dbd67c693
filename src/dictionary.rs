//! Parts of speech (jieba's tag set) and jieba's IDF table.
//!
//! The tags come with the tokens from jieba itself (the segmenter takes them
//! from the dictionary entry of each word the cut found, see the `segment`
//! module); here is their one-byte form, [`Pos`], and sets of them. Keyword
//! extraction weighs words with the IDF values of [`Dictionary`]: they come
//! with jieba-rs (MIT, from jieba) and are shipped as one compressed file,
//! `data/jieba-idf.tsv.zst` (1.3 MB, built by `examples/build_dictionary.rs`,
//! the words of jieba's dictionary and of the lexicon that the IDF table
//! knows): distinct IDF values are listed once and words refer to them by
//! index, so the file is read in a few tens of milliseconds, once per
//! process, on a second thread while jieba loads its dictionary.
//!
//! ```
//! use dangjian::dictionary::Dictionary;
//! let d = Dictionary::jieba();
//! assert!(d.idf("机关") > 0.0);
//! assert_eq!(d.idf("不在词典里的词"), d.median_idf());
//! ```

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const DATA: &[u8] = include_bytes!("../data/jieba-idf.tsv.zst");

/// The part-of-speech tags jieba uses (its dictionary's and its tagger's),
/// plus `eng` for Latin words; index 0 is the empty tag of a word added to
/// a lexicon without one.
const TAGS: [&str; 66] = [
    "", "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "en", "eng", "f", "g", "h",
    "i", "in", "j", "jn", "k", "l", "ln", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns",
    "nt", "nz", "o", "p", "q", "qe", "qg", "r", "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug",
    "uj", "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn", "vq", "w", "x", "y", "yg", "z", "zg",
];

/// A part-of-speech tag (jieba's tag set), one byte.
///
/// ```
/// use dangjian::dictionary::Pos;
/// assert_eq!(Pos::of("vn").as_str(), "vn");
/// assert_eq!(Pos::of("not a tag"), Pos::X);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pos(u8);

impl Pos {
    /// `x`: a symbol, or a word of unknown class.
    pub const X: Pos = Pos(61);
    /// `m`: a numeral.
    pub const M: Pos = Pos(24);
    /// `eng`: a Latin word.
    pub const ENG: Pos = Pos(13);

    /// The tag named `tag`; an unknown name is [`Pos::X`].
    ///
    /// A table lookup (the segmenter asks it for every word it cuts): the
    /// tag's bytes, at most four, packed into an integer.
    #[inline]
    pub fn of(tag: &str) -> Pos {
        static BY_KEY: LazyLock<FxHashMap<u32, Pos>> = LazyLock::new(|| {
            TAGS.iter()
                .enumerate()
                .filter_map(|(i, t)| Some((tag_key(t)?, Pos(i as u8))))
                .collect()
        });
        tag_key(tag)
            .and_then(|k| BY_KEY.get(&k).copied())
            .unwrap_or(Pos::X)
    }

    /// The tag's name (`n`, `vn`, `ns` …).
    pub fn as_str(self) -> &'static str {
        TAGS.get(self.0 as usize).copied().unwrap_or("x")
    }

    /// The tag jieba gives a word it does not know by the word's shape: `m`
    /// for ASCII digits, `eng` for other Latin letters and digits, `x`
    /// otherwise (a Chinese word the HMM put together, or a symbol).
    ///
    /// ```
    /// use dangjian::dictionary::Pos;
    /// assert_eq!(Pos::guess("30.7%"), Pos::M);
    /// assert_eq!(Pos::guess("A02"), Pos::ENG);
    /// assert_eq!(Pos::guess("。"), Pos::X);
    /// ```
    pub fn guess(word: &str) -> Pos {
        let (mut alnum, mut digits) = (0, 0);
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                alnum += 1;
                digits += usize::from(b.is_ascii_digit());
            }
        }
        match alnum {
            0 => Pos::X,
            _ if alnum == digits => Pos::M,
            _ => Pos::ENG,
        }
    }
}

/// A set of parts of speech, one bit per tag: a membership test is a shift
/// and a mask.
///
/// ```
/// use dangjian::dictionary::{Pos, PosSet};
/// let nouns = PosSet::of(&["n", "nz", "vn"]);
/// assert!(nouns.contains(Pos::of("vn")));
/// assert!(!nouns.contains(Pos::of("v")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PosSet(u128);

impl PosSet {
    /// The set of the tags named in `tags` (unknown names count as `x`).
    pub fn of(tags: &[&str]) -> PosSet {
        PosSet(tags.iter().fold(0, |bits, t| bits | 1 << Pos::of(t).0))
    }

    /// The set with `pos` added.
    ///
    /// ```
    /// use dangjian::dictionary::{Pos, PosSet};
    /// assert!(PosSet::default().with(Pos::of("a")).contains(Pos::of("a")));
    /// ```
    pub fn with(self, pos: Pos) -> PosSet {
        PosSet(self.0 | 1 << (pos.0 & 127))
    }

    /// Whether `pos` is in the set.
    pub fn contains(self, pos: Pos) -> bool {
        self.0 >> (pos.0 & 127) & 1 == 1
    }
}

/// A tag's bytes packed into an integer (the tags have at most four, none of
/// them zero); `None` for a longer name, which is no tag.
fn tag_key(tag: &str) -> Option<u32> {
    if tag.len() > 4 {
        return None;
    }
    Some(tag.bytes().fold(0, |k, b| k << 8 | u32::from(b)))
}

/// A word's key in the table: a 64-bit hash of its bytes. Keys stand in for
/// the words themselves, so a lookup compares two integers instead of
/// following a pointer to compare strings. The shipped words have distinct
/// keys (a unit test checks it); another word shares a key with one of them
/// with odds of about 2⁻⁴⁶.
fn word_key(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// jieba's IDF weights of the words that can be keywords.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// Index into `idf_values` of each word's weight, by [`word_key`].
    words: FxHashMap<u64, u16>,
    idf_values: Vec<f64>,
    median_idf: f64,
}

impl Dictionary {
    /// jieba's IDF table, read once per process (on first use).
    pub fn jieba() -> &'static Dictionary {
        static JIEBA: LazyLock<Dictionary> = LazyLock::new(|| {
            // The data is a constant of this crate, read by its tests: it
            // cannot fail to decode on any input. Were it damaged, keywords
            // would weigh every word alike.
            Dictionary::parse(DATA).unwrap_or_default()
        });
        &JIEBA
    }

    fn parse(data: &[u8]) -> Option<Dictionary> {
        let bytes = zstd::decode_all(data).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut lines = text.lines();
        let median_idf = lines
            .next()?
            .strip_prefix("#median_idf\t")?
            .parse::<f64>()
            .ok()?;
        let idf_values = lines
            .next()?
            .strip_prefix("#idf\t")?
            .split('\t')
            .map(|v| v.parse::<f64>().ok())
            .collect::<Option<Vec<f64>>>()?;
        let mut words = FxHashMap::default();
        words.reserve(line_count(&text));
        for line in lines {
            let Some((word, idf)) = line.split_once('\t') else {
                continue;
            };
            if let Ok(idf) = idf.parse::<u16>() {
                words.insert(word_key(word), idf);
            }
        }
        Some(Dictionary {
            words,
            idf_values,
            median_idf,
        })
    }

    /// The IDF weight of `word`, or [`Dictionary::median_idf`] when the
    /// table does not know it (as jieba does).
    pub fn idf(&self, word: &str) -> f64 {
        self.words
            .get(&word_key(word))
            .and_then(|&i| self.idf_values.get(usize::from(i)))
            .copied()
            .unwrap_or(self.median_idf)
    }

    /// The median of jieba's IDF table, the weight of unknown words.
    pub fn median_idf(&self) -> f64 {
        self.median_idf
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the table is empty (only when its data failed to load).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Lines in `text`, to size the table once.
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_jieba_idf_table() {
        let d = Dictionary::jieba();
        // The data holds 248,553 distinct words: as many keys means no two
        // of them share a key.
        assert_eq!(d.len(), 248_553);
        assert!((d.median_idf() - 11.9).abs() < 1.0);
        assert!(d.idf("的") < d.idf("党建"));
        assert_eq!(d.idf("2023"), d.median_idf());
    }

    #[test]
    fn tags_round_trip() {
        for t in TAGS.iter() {
            assert_eq!(Pos::of(t).as_str(), *t);
        }
        assert_eq!(Pos::X.as_str(), "x");
        assert_eq!(Pos::M.as_str(), "m");
        assert_eq!(Pos::ENG.as_str(), "eng");
        assert_eq!(Pos::of("nrfgx"), Pos::X);
        assert_eq!(Pos::of("zz"), Pos::X);
    }
}
