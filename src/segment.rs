//! Word segmentation: text → tagged tokens, once.
//!
//! [`Segmenter`] wraps a `jieba_rs::Jieba` with jieba's default dictionary
//! plus the party-building lexicon in `data/lexicon.tsv` (模范机关, 三会一课,
//! 两个维护 …) and any user lexicons. It runs on *normalized* text, so
//! traditional input is segmented with the same dictionary; tokens are byte
//! spans that the caller maps back to the original with the document's
//! [`OffsetMap`](crate::offsets::OffsetMap).
//!
//! [`Segmenter::tokens`] cuts a text once (jieba's `cut`, HMM on) and gives
//! each word its part of speech by a lookup in [`Dictionary`] (a tag a
//! lexicon gives wins, so a lexicon can correct the dictionary: 清单 is a
//! noun, not `a`); a word only the HMM found gets a tag from its
//! shape ([`Pos::guess`]). jieba's own tagger would segment the text again
//! and run a second HMM: this is the same tagging at the cost of one `cut`.
//!
//! The segmenter is cheap to clone (an `Arc`) and shared across threads.
//!
//! ```
//! use dangjian::segment::Segmenter;
//! let seg = Segmenter::default();
//! let words: Vec<&str> = seg.cut("严格执行三会一课制度").collect();
//! assert!(words.contains(&"三会一课"));
//! ```
//!
//! Guide: `docs/commands/segment.md` (the command, user lexicons).

use std::io::BufRead;
use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

use crate::dictionary::{Dictionary, IdfKey, Pos, PosSet};
use crate::error::{Error, ErrorKind, Result};
pub use crate::keywords::Keyword;

const LEXICON: &str = include_str!("../data/lexicon.tsv");

/// A word of a text: a byte range `[start, end)` into the text it was cut
/// from, and its part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Part of speech (dictionary or lexicon tag, or guessed by shape).
    pub pos: Pos,
    /// Whether the word is in the dictionary or a lexicon (false: the HMM
    /// put it together, or it is a number, Latin word or symbol).
    pub known: bool,
    /// The word's IDF weight ([`Dictionary::idf_of`]), looked up with its
    /// tag; [`IdfKey::MEDIAN`] for single characters, which are never
    /// keywords.
    pub idf: IdfKey,
}

impl Token {
    /// The word in `text` (the text the token was cut from).
    pub fn word<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Word segmenter with the party-building lexicon.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
    dictionary: &'static Dictionary,
    /// Tags of lexicon words that are not in jieba's dictionary.
    lexicon: Arc<FxHashMap<String, Pos>>,
    /// Tags a lexicon gives words of jieba's dictionary (清单 n, which the
    /// dictionary tags `a`), and the dictionary tags they replace: only a
    /// word with one of those is looked up again.
    overrides: Arc<FxHashMap<String, Pos>>,
    overridden: PosSet,
    hmm: bool,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").field("hmm", &self.hmm).finish()
    }
}

impl Default for Segmenter {
    /// The default segmenter (jieba dictionary + party-building lexicon, HMM
    /// on), built once per process.
    fn default() -> Self {
        static DEFAULT: LazyLock<Segmenter> = LazyLock::new(|| {
            SegmenterBuilder::new()
                .build()
                .unwrap_or_else(|_| SegmenterBuilder::new().domain_lexicon(false).build_plain())
        });
        DEFAULT.clone()
    }
}

/// Configures a [`Segmenter`].
///
/// ```
/// use dangjian::segment::SegmenterBuilder;
/// let seg = SegmenterBuilder::new()
///     .user_lexicon_str("邻里红管家 nz\n")
///     .unwrap()
///     .build()
///     .unwrap();
/// assert!(seg.cut("组织党员志愿者加入邻里红管家").any(|w| w == "邻里红管家"));
/// ```
#[derive(Debug, Clone)]
pub struct SegmenterBuilder {
    domain: bool,
    hmm: bool,
    user: Vec<Entry>,
}

impl Default for SegmenterBuilder {
    fn default() -> Self {
        SegmenterBuilder {
            domain: true,
            hmm: true,
            user: Vec::new(),
        }
    }
}

/// A lexicon entry: word, frequency, part of speech.
type Entry = (String, Option<usize>, Option<String>);

/// Parses lexicon lines: `word [freq] [pos]`, `#` comments.
fn parse_lexicon(text: &str) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let mut freq = None;
        let mut pos = None;
        for p in parts {
            if let Ok(f) = p.parse::<usize>() {
                freq = Some(f);
            } else if pos.is_none() {
                pos = Some(p.to_string());
            } else {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!(
                        "lexicon line {}: expected `word [freq] [pos]`, got {line:?}",
                        n + 1
                    ),
                ));
            }
        }
        out.push((word.to_string(), freq, pos));
    }
    Ok(out)
}

impl SegmenterBuilder {
    /// Defaults: domain lexicon on, HMM on.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to load the bundled party-building lexicon.
    pub fn domain_lexicon(mut self, yes: bool) -> Self {
        self.domain = yes;
        self
    }

    /// Whether jieba's HMM guesses unknown words.
    pub fn hmm(mut self, yes: bool) -> Self {
        self.hmm = yes;
        self
    }

    /// Adds a lexicon in the format of `data/lexicon.tsv`.
    pub fn user_lexicon_str(mut self, text: &str) -> Result<Self> {
        self.user.extend(parse_lexicon(text)?);
        Ok(self)
    }

    /// Adds a lexicon read from `reader`.
    pub fn user_lexicon<R: BufRead>(self, mut reader: R) -> Result<Self> {
        let mut s = String::new();
        reader
            .read_to_string(&mut s)
            .map_err(|e| Error::new(ErrorKind::Io, format!("reading a lexicon: {e}")))?;
        self.user_lexicon_str(&s)
    }

    fn build_plain(self) -> Segmenter {
        Segmenter {
            jieba: Arc::new(Jieba::new()),
            dictionary: Dictionary::jieba(),
            lexicon: Arc::default(),
            overrides: Arc::default(),
            overridden: PosSet::default(),
            hmm: self.hmm,
        }
    }

    /// Builds the segmenter: loads jieba's dictionary into jieba and, at the
    /// same time on a second thread, into the tag and IDF table
    /// ([`Dictionary::jieba`], once per process).
    pub fn build(self) -> Result<Segmenter> {
        let mut words = Vec::new();
        if self.domain {
            words.extend(parse_lexicon(LEXICON)?);
        }
        words.extend(self.user.iter().cloned());
        // Plain threads, not rayon: a rayon join inside a lazily built
        // static can deadlock when the static is first used on rayon's
        // threads.
        let (jieba, dictionary) = std::thread::scope(|s| {
            let dictionary = s.spawn(Dictionary::jieba);
            let mut jieba = Jieba::new();
            for (w, f, p) in &words {
                jieba.add_word(w, *f, p.as_deref());
            }
            (
                jieba,
                dictionary
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            )
        });
        // A new word takes the tag of its first lexicon entry (none: the
        // empty tag); a word of the dictionary keeps its tag unless a lexicon
        // names another (the last one that does wins, so a user's lexicon
        // overrides the bundled one).
        let mut lexicon = FxHashMap::default();
        let mut overrides = FxHashMap::default();
        let mut overridden = PosSet::default();
        for (w, _, p) in &words {
            match dictionary.pos(w) {
                None => {
                    lexicon
                        .entry(w.clone())
                        .or_insert_with(|| p.as_deref().map_or(Pos::of(""), Pos::of));
                }
                Some(old) => {
                    if let Some(new) = p.as_deref().map(Pos::of).filter(|&new| new != old) {
                        overrides.insert(w.clone(), new);
                        overridden = overridden.with(old);
                    }
                }
            }
        }
        Ok(Segmenter {
            jieba: Arc::new(jieba),
            dictionary,
            lexicon: Arc::new(lexicon),
            overrides: Arc::new(overrides),
            overridden,
            hmm: self.hmm,
        })
    }
}

impl Segmenter {
    /// Byte spans `[start, end)` of the words of `text`.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.jieba
            .cut(text, self.hmm)
            .into_iter()
            .map(|t| (t.byte_start, t.byte_end))
            .collect()
    }

    /// The words of `text`.
    pub fn cut<'a>(&self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.jieba.cut(text, self.hmm).into_iter().map(|t| t.word)
    }

    /// The words of `text` with their parts of speech, in one `cut`.
    ///
    /// ```
    /// let seg = dangjian::segment::Segmenter::default();
    /// let text = "1.35万名机关党员到社区报到";
    /// let tags: Vec<(&str, &str)> = seg
    ///     .tokens(text)
    ///     .iter()
    ///     .map(|t| (t.word(text), t.pos.as_str()))
    ///     .collect();
    /// assert!(tags.contains(&("1.35", "m")));
    /// assert!(tags.contains(&("社区", "n")));
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5 + 1);
        out.extend(self.jieba.cut(text, self.hmm).into_iter().map(|t| {
            let (pos, idf) = self.lookup(t.word);
            Token {
                start: t.byte_start,
                end: t.byte_end,
                pos: pos.unwrap_or_else(|| Pos::guess(t.word)),
                known: pos.is_some(),
                idf,
            }
        }));
        out
    }

    /// The part of speech of a dictionary or lexicon word, `None` for other
    /// words.
    pub fn pos(&self, word: &str) -> Option<Pos> {
        self.lookup(word).0
    }

    /// Part of speech and IDF key of `word`, in one lookup.
    fn lookup(&self, word: &str) -> (Option<Pos>, IdfKey) {
        let (pos, idf) = match self.dictionary.lookup(word) {
            Some(e) => (e.pos, e.idf),
            None => (None, IdfKey::MEDIAN),
        };
        match pos {
            Some(p) if self.overridden.contains(p) => {
                (Some(self.overrides.get(word).copied().unwrap_or(p)), idf)
            }
            Some(p) => (Some(p), idf),
            None if self.lexicon.is_empty() => (None, idf),
            None => (self.lexicon.get(word).copied(), idf),
        }
    }

    /// The tag and IDF table.
    pub fn dictionary(&self) -> &'static Dictionary {
        self.dictionary
    }

    /// Top `k` keywords of `text` by TF-IDF, content words only (nouns,
    /// verbal nouns, proper names, idioms); see [`crate::keywords`].
    ///
    /// ```
    /// let seg = dangjian::segment::Segmenter::default();
    /// let kw = seg.keywords("机关党建品牌创建。机关党建质量提升。党建品牌", 3);
    /// assert!(kw.iter().any(|k| k.term == "机关党建"));
    /// ```
    pub fn keywords(&self, text: &str, k: usize) -> Vec<Keyword> {
        let tokens = self.tokens(text);
        crate::keywords::top(
            tokens
                .iter()
                .filter(|t| t.known)
                .map(|t| (t.word(text), t.pos, self.dictionary.idf_of(t.idf))),
            k,
        )
    }

    /// The underlying jieba instance.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_tag_corrects_the_dictionary() {
        let seg = Segmenter::default();
        assert_eq!(seg.pos("清单").map(Pos::as_str), Some("n"));
        assert_eq!(seg.pos("机关").map(Pos::as_str), Some("n"));
        // A user's lexicon comes last and wins; a word without a tag keeps
        // the dictionary's.
        let seg = SegmenterBuilder::new()
            .user_lexicon_str("清单 vn\n机关\n")
            .expect("lexicon")
            .build()
            .expect("segmenter");
        assert_eq!(seg.pos("清单").map(Pos::as_str), Some("vn"));
        assert_eq!(seg.pos("机关").map(Pos::as_str), Some("n"));
    }

    #[test]
    fn lexicon_terms_are_one_token() {
        let seg = Segmenter::default();
        for term in [
            "模范机关",
            "机关党建",
            "两个维护",
            "主题党日",
            "清廉机关",
            "在职党员",
            "党建品牌",
        ] {
            let text = format!("推进{term}工作");
            assert!(seg.cut(&text).any(|w| w == term), "{term} split in {text}");
        }
    }

    #[test]
    fn bad_lexicon_line_is_an_error() {
        let e = SegmenterBuilder::new()
            .user_lexicon_str("词 n x y")
            .unwrap_err();
        assert!(e.to_string().contains("line 1"));
    }
}
