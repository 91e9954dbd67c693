//! jieba's dictionary as data: the part of speech of each of its 349,045
//! words and the IDF weight of the words its keyword table knows.
//!
//! The segmenter cuts a text once and looks each word's tag up here, instead
//! of running jieba's tagger (a second segmentation plus a part-of-speech
//! HMM); keyword extraction weighs words with the IDF values. Both tables
//! come with jieba-rs (MIT, from jieba) and are shipped as one compressed
//! file, `data/jieba-words.tsv.zst` (1.7 MB, built by
//! `examples/build_dictionary.rs`): distinct IDF values are listed once and
//! words refer to them by index, so the file is read in a few tens of
//! milliseconds, once per process.
//!
//! ```
//! use dangjian::dictionary::{Dictionary, Pos};
//! let d = Dictionary::jieba();
//! assert_eq!(d.pos("机关").map(Pos::as_str), Some("n"));
//! assert!(d.idf("机关") > 0.0);
//! assert_eq!(d.idf("不在词典里的词"), d.median_idf());
//! ```

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const DATA: &[u8] = include_bytes!("../data/jieba-words.tsv.zst");

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
    pub fn of(tag: &str) -> Pos {
        TAGS.iter()
            .position(|t| *t == tag)
            .map_or(Pos::X, |i| Pos(i as u8))
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

/// What the dictionary knows about a word.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Part of speech, `None` when the word is only in the IDF table.
    pos: Option<Pos>,
    /// Index into `idf_values`, `u16::MAX` when the IDF table lacks it.
    idf: u16,
}

/// Words with their parts of speech and IDF weights.
#[derive(Debug, Default)]
pub struct Dictionary {
    words: FxHashMap<&'static str, Entry>,
    idf_values: Vec<f64>,
    median_idf: f64,
}

impl Dictionary {
    /// jieba's dictionary, read once per process (on first use).
    pub fn jieba() -> &'static Dictionary {
        static JIEBA: LazyLock<Dictionary> = LazyLock::new(|| {
            // The data is a constant of this crate, read by its tests: it
            // cannot fail to decode on any input. Were it damaged, keywords
            // would weigh every word alike and tags would be guessed.
            Dictionary::parse(DATA).unwrap_or_default()
        });
        &JIEBA
    }

    fn parse(data: &[u8]) -> Option<Dictionary> {
        let bytes = zstd::decode_all(data).ok()?;
        let text: &'static str = Box::leak(String::from_utf8(bytes).ok()?.into_boxed_str());
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
        words.reserve(line_count(text));
        for line in lines {
            let mut parts = line.split('\t');
            let (Some(word), Some(tag), Some(idf)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let pos = (!tag.is_empty()).then(|| Pos::of(tag));
            let idf = idf.parse::<u16>().unwrap_or(u16::MAX);
            words.insert(word, Entry { pos, idf });
        }
        Some(Dictionary {
            words,
            idf_values,
            median_idf,
        })
    }

    /// The part of speech of a dictionary word, `None` for other words.
    pub fn pos(&self, word: &str) -> Option<Pos> {
        self.words.get(word).and_then(|e| e.pos)
    }

    /// The IDF weight of `word`, or [`Dictionary::median_idf`] when the
    /// table does not know it (as jieba does).
    pub fn idf(&self, word: &str) -> f64 {
        self.words
            .get(word)
            .and_then(|e| self.idf_values.get(e.idf as usize))
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

    /// Whether the dictionary is empty (only when its data failed to load).
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
    fn loads_jieba_dictionary() {
        let d = Dictionary::jieba();
        assert_eq!(d.len(), 349_045);
        assert_eq!(d.pos("党员").map(Pos::as_str), Some("n"));
        assert_eq!(d.pos("加强").map(Pos::as_str), Some("v"));
        assert!((d.median_idf() - 11.9).abs() < 1.0);
        assert!(d.idf("的") < d.idf("党建"));
    }

    #[test]
    fn tags_round_trip() {
        for t in TAGS.iter().skip(1) {
            assert_eq!(Pos::of(t).as_str(), *t);
        }
        assert_eq!(Pos::X.as_str(), "x");
        assert_eq!(Pos::M.as_str(), "m");
        assert_eq!(Pos::ENG.as_str(), "eng");
    }
}
