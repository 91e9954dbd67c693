//! Parts of speech (jieba's tag set) and jieba's IDF table.
//!
//! The tags come with the tokens from jieba itself (the segmenter takes them
//! from the dictionary entry of each word the cut found); here is their one-byte form, [`Pos`], and sets of them. Keyword
//! extraction weighs words with the IDF values of [`Dictionary`]: they come
//! with jieba-rs (MIT, from jieba) and are shipped as one compressed file,
//! `data/jieba-idf.tsv.zst` (290 KB, built by `examples/build_dictionary.rs`):
//! distinct IDF values are listed once, and each word of jieba's dictionary,
//! in the dictionary's order, refers to one by index, so a word's weight is
//! found by the id its token carries, without hashing the word. The file
//! is read in a few milliseconds, once per process, on a second thread while
//! jieba loads its dictionary.
//!
//! ```
//! use dangjian::dictionary::Dictionary;
//! let d = Dictionary::jieba();
//! let id = jieba_rs::Jieba::new().lookup("机关").map(|e| e.id());
//! assert!(d.idf("机关", id) < d.median_idf());
//! assert_eq!(d.idf("不在词典里的词", None), d.median_idf());
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

/// A word's key in the table of words outside jieba's dictionary: a 64-bit
/// hash of its bytes.
fn word_key(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// In [`Dictionary::by_id`]: a word the IDF table does not know.
const NO_IDF: u16 = u16::MAX;

/// A line of `str::lines()`: without a final `\r`.
fn without_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// A line of the IDF data's index list (a line of `lines()`, without its
/// `\n`) as `str::parse::<u16>` reads it, [`NO_IDF`] when it does not.
fn parse_index(line: &[u8]) -> u16 {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if (1..=4).contains(&line.len()) && line.iter().all(u8::is_ascii_digit) {
        return line.iter().fold(0, |n, &d| n * 10 + u16::from(d - b'0'));
    }
    std::str::from_utf8(line)
        .ok()
        .and_then(|l| l.parse::<u16>().ok())
        .unwrap_or(NO_IDF)
}

/// jieba's IDF weights of the words that can be keywords.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// Index into `idf_values` of the weight of each word of jieba's
    /// dictionary, by word id ([`NO_IDF`]: none).
    by_id: Vec<u16>,
    /// The same for words the IDF table knows that are not in jieba's
    /// dictionary (words of the lexicon), by [`word_key`].
    others: FxHashMap<u64, u16>,
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
        // Three header lines, then 349,045 short lines of indices, split
        // by hand: `lines()` spent more finding their ends than parsing
        // them.
        let (median, rest) = text.split_once('\n')?;
        let (values, rest) = rest.split_once('\n')?;
        let (count, rest) = rest.split_once('\n')?;
        let median_idf = without_cr(median)
            .strip_prefix("#median_idf\t")?
            .parse::<f64>()
            .ok()?;
        let idf_values = without_cr(values)
            .strip_prefix("#idf\t")?
            .split('\t')
            .map(|v| v.parse::<f64>().ok())
            .collect::<Option<Vec<f64>>>()?;
        let words = without_cr(count)
            .strip_prefix("#dictionary\t")?
            .parse::<usize>()
            .ok()?;
        let mut by_id = Vec::with_capacity(words);
        let mut at = 0;
        while by_id.len() < words && at < rest.len() {
            let line = &rest.as_bytes()[at..];
            let len = line.iter().position(|&b| b == b'\n').unwrap_or(line.len());
            by_id.push(parse_index(&line[..len]));
            at += len + 1;
        }
        let mut others = FxHashMap::default();
        for line in rest.get(at.min(rest.len())..).unwrap_or("").lines() {
            if let Some((word, idf)) = line.split_once('\t')
                && let Ok(idf) = idf.parse::<u16>()
            {
                others.insert(word_key(word), idf);
            }
        }
        Some(Dictionary {
            by_id,
            others,
            idf_values,
            median_idf,
        })
    }

    /// The IDF weight of `word`, whose id in jieba's default dictionary is
    /// `id` (the dictionary id a segmented token carries), or
    /// [`Dictionary::median_idf`] when the table does not know it (as jieba
    /// does). A word past the dictionary (added by a lexicon) is found by
    /// its text.
    pub fn idf(&self, word: &str, id: Option<usize>) -> f64 {
        let index = match id {
            Some(id) if id < self.by_id.len() => self.by_id.get(id).copied(),
            _ => self.others.get(&word_key(word)).copied(),
        };
        index
            .filter(|&i| i != NO_IDF)
            .and_then(|i| self.idf_values.get(usize::from(i)))
            .copied()
            .unwrap_or(self.median_idf)
    }

    /// The median of jieba's IDF table, the weight of unknown words.
    pub fn median_idf(&self) -> f64 {
        self.median_idf
    }

    /// Number of words the table knows.
    pub fn len(&self) -> usize {
        self.by_id.iter().filter(|&&i| i != NO_IDF).count() + self.others.len()
    }

    /// Whether the table is empty (only when its data failed to load).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_jieba_idf_table() {
        let d = Dictionary::jieba();
        // One entry per word of jieba's dictionary, 248,553 of them with a
        // weight, and two words of the lexicon outside it.
        assert_eq!(d.by_id.len(), 349_045);
        assert_eq!(d.others.len(), 2);
        assert_eq!(d.len(), 248_555);
        assert!((d.median_idf() - 11.9).abs() < 1.0);
        let jieba = jieba_rs::Jieba::new();
        let idf = |w: &str| d.idf(w, jieba.lookup(w).map(|e| e.id()));
        assert!(idf("的") < idf("党建"));
        assert_eq!(idf("2023"), d.median_idf());
    }

    #[test]
    fn ids_follow_jiebas_dictionary() {
        // The weights jieba-rs's own IDF table gives, found by word id.
        let d = Dictionary::jieba();
        let jieba = jieba_rs::Jieba::new();
        for (word, idf) in [("党建", 10.1165), ("机关", 6.2928), ("的", 0.8847)] {
            let id = jieba.lookup(word).map(|e| e.id());
            assert!((d.idf(word, id) - idf).abs() < 1e-3, "{word}");
        }
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
