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

/// What the dictionary knows about a word: its part of speech (`None` when
/// the word is only in the IDF table) and its IDF weight.
///
/// ```
/// use dangjian::dictionary::Dictionary;
/// let d = Dictionary::jieba();
/// let e = d.entry("党员").unwrap();
/// assert_eq!(e.pos.unwrap().as_str(), "n");
/// assert_eq!(d.idf_of(e.idf), d.idf("党员"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Part of speech, `None` when the word is only in the IDF table.
    pub pos: Option<Pos>,
    /// The word's IDF weight, as a key for [`Dictionary::idf_of`].
    pub idf: IdfKey,
}

/// A word's IDF weight as an index into the table of distinct values
/// (3,313 of them); [`IdfKey::MEDIAN`] for words the IDF table lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdfKey(u16);

impl IdfKey {
    /// The weight of a word the IDF table lacks: the median.
    pub const MEDIAN: IdfKey = IdfKey(u16::MAX);
}

/// A word's key in the tables: a 64-bit hash of its bytes. Keys stand in
/// for the words themselves, so a lookup compares two integers instead of
/// following a pointer to compare strings (a second cache miss per token).
/// The shipped words have distinct keys (a unit test checks it); another
/// word shares a key with one of them with odds of about 2⁻⁴⁵.
fn word_key(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Words read into the small table of frequent words (by jieba's counts):
/// they make most of the tokens of a text.
const HOT_WORDS: usize = 24_000;

/// The characters whose tags [`Dictionary`] keeps in a flat table: CJK
/// extension A and the basic block.
const CHARS: std::ops::RangeInclusive<char> = '\u{3400}'..='\u{9fff}';

/// In the flat table: a character the dictionary lacks.
const NO_TAG: u8 = u8::MAX;

/// Words with their parts of speech and IDF weights.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// The most frequent words (a table small enough to stay in cache),
    /// by [`word_key`].
    hot: FxHashMap<u64, Entry>,
    /// Every word of Han characters, by [`word_key`].
    words: FxHashMap<u64, Entry>,
    /// The few words with an ASCII character (C++, A股) or of one character
    /// outside [`CHARS`]: numbers, Latin words and punctuation, a fifth of a
    /// text's tokens, are looked up here, in cache, instead of missing in
    /// the large table.
    other: FxHashMap<u64, Entry>,
    /// Tags of the single characters of [`CHARS`] (half of all tokens are
    /// one character): a 27 KB table that stays in cache, where the word
    /// table (8 MB) costs a cache miss per lookup.
    chars: Vec<u8>,
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
        let tags: FxHashMap<&str, Pos> = TAGS
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, Pos(i as u8)))
            .collect();
        let mut chars = vec![NO_TAG; char_index(*CHARS.end()) + 1];
        let mut words = FxHashMap::default();
        words.reserve(line_count(&text));
        let mut hot = FxHashMap::default();
        hot.reserve(HOT_WORDS);
        let mut other = FxHashMap::default();
        for line in lines {
            let Some((word, tag, idf)) = fields(line) else {
                continue;
            };
            let pos = (!tag.is_empty()).then(|| tags.get(tag).copied().unwrap_or(Pos::X));
            let idf = IdfKey(idf.parse::<u16>().unwrap_or(u16::MAX));
            let entry = Entry { pos, idf };
            let key = word_key(word);
            if is_other(word) {
                other.insert(key, entry);
                continue;
            }
            if hot.len() < HOT_WORDS {
                hot.insert(key, entry);
            }
            words.insert(key, entry);
            if let (Some(pos), Some(i)) = (pos, single_char_index(word)) {
                chars[i] = pos.0;
            }
        }
        Some(Dictionary {
            hot,
            words,
            other,
            chars,
            idf_values,
            median_idf,
        })
    }

    /// The part of speech of a dictionary word, `None` for other words.
    pub fn pos(&self, word: &str) -> Option<Pos> {
        if let Some(i) = single_char_index(word) {
            return match self.chars.get(i) {
                Some(&t) if t != NO_TAG => Some(Pos(t)),
                _ => None,
            };
        }
        self.entry(word).and_then(|e| e.pos)
    }

    /// What the segmenter needs to know about a word, the fastest way: for
    /// a single character, its tag from the flat table (and no IDF weight,
    /// as it is never a keyword); for a longer word, its [`Entry`].
    pub fn lookup(&self, word: &str) -> Option<Entry> {
        match single_char_index(word) {
            Some(i) => match self.chars.get(i) {
                Some(&t) if t != NO_TAG => Some(Entry {
                    pos: Some(Pos(t)),
                    idf: IdfKey::MEDIAN,
                }),
                _ => None,
            },
            None => self.entry(word),
        }
    }

    /// What the dictionary knows about `word`.
    pub fn entry(&self, word: &str) -> Option<Entry> {
        let key = word_key(word);
        if is_other(word) {
            return self.other.get(&key).copied();
        }
        self.hot.get(&key).or_else(|| self.words.get(&key)).copied()
    }

    /// The IDF weight of `word`, or [`Dictionary::median_idf`] when the
    /// table does not know it (as jieba does).
    pub fn idf(&self, word: &str) -> f64 {
        self.idf_of(self.entry(word).map_or(IdfKey::MEDIAN, |e| e.idf))
    }

    /// The IDF weight an [`IdfKey`] stands for.
    pub fn idf_of(&self, key: IdfKey) -> f64 {
        self.idf_values
            .get(key.0 as usize)
            .copied()
            .unwrap_or(self.median_idf)
    }

    /// The median of jieba's IDF table, the weight of unknown words.
    pub fn median_idf(&self) -> f64 {
        self.median_idf
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len() + self.other.len()
    }

    /// Whether the dictionary is empty (only when its data failed to load).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.other.is_empty()
    }
}

/// The index in the flat table of a word of one character of [`CHARS`].
/// The three tab-separated fields of a table line. A byte search: the
/// fields are a few bytes long, and `str::split('\t')` pays a call to
/// `memcmp` per field, a third of the table's loading time.
fn fields(line: &str) -> Option<(&str, &str, &str)> {
    let tab = |s: &str| s.bytes().position(|b| b == b'\t');
    let a = tab(line)?;
    let rest = &line[a + 1..];
    let b = tab(rest)?;
    let idf = &rest[b + 1..];
    let idf = &idf[..tab(idf).unwrap_or(idf.len())];
    Some((&line[..a], &rest[..b], idf))
}

fn single_char_index(word: &str) -> Option<usize> {
    if word.len() != 3 {
        return None;
    }
    let mut it = word.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if CHARS.contains(&c) => Some(char_index(c)),
        _ => None,
    }
}

/// Whether `word` belongs in [`Dictionary::other`]: it has an ASCII
/// character, or is one character outside [`CHARS`].
fn is_other(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii()) || {
        let mut it = word.chars();
        matches!((it.next(), it.next()), (Some(c), None) if !CHARS.contains(&c))
    }
}

fn char_index(c: char) -> usize {
    c as usize - *CHARS.start() as usize
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
        // The data holds 349,045 distinct words: as many keys means no two
        // of them share a key.
        assert_eq!(d.len(), 349_045);
        assert_eq!(d.pos("党员").map(Pos::as_str), Some("n"));
        assert_eq!(d.pos("加强").map(Pos::as_str), Some("v"));
        assert!((d.median_idf() - 11.9).abs() < 1.0);
        assert!(d.idf("的") < d.idf("党建"));
        assert_eq!(d.pos("的").map(Pos::as_str), Some("uj"));
        assert_eq!(d.pos("䶵"), None);
        // Words with ASCII characters and symbols, from their own table.
        assert_eq!(d.pos("C++").map(Pos::as_str), Some("nz"));
        assert_eq!(d.entry("2023"), None);
        assert_eq!(d.entry("。"), None);
    }

    #[test]
    fn table_fields() {
        assert_eq!(fields("党员\tn\t12"), Some(("党员", "n", "12")));
        assert_eq!(fields("词\t\t7\textra"), Some(("词", "", "7")));
        assert_eq!(fields("词\tn"), None);
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
