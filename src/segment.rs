//! Word segmentation: text → tagged tokens, once.
//!
//! [`Segmenter`] wraps a `jieba_rs::Jieba` with jieba's default dictionary
//! plus the party-building lexicon in `data/lexicon.tsv` (模范机关, 三会一课,
//! 两个维护 …) and any user lexicons. It runs on *normalized* text, so
//! traditional input is segmented with the same dictionary; tokens are byte
//! spans that the caller maps back to the original with the document's
//! [`OffsetMap`](crate::offsets::OffsetMap).
//!
//! [`Segmenter::tokens`] cuts a text once (jieba's `cut`, HMM on) and takes
//! each word's dictionary entry from the cut itself (`Jieba::cut_with_entries`,
//! the one entry point dangjian adds to jieba-rs, see
//! `vendor/jieba-rs/PATCH.md`): the route already found the word in the
//! dictionary, so no word is looked up a second time. Its part of speech is
//! then an index by word id into a table of one byte per dictionary word
//! (349 KB, built with the segmenter), where a tag a lexicon gives has
//! replaced the dictionary's, so a lexicon can correct the dictionary (清单 is
//! a noun, not `a`). A word only the HMM found gets a tag from its shape
//! ([`Pos::guess`]). jieba's own tagger would run a part-of-speech HMM over
//! such words: this is the same tagging at the cost of one `cut`.
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

use crate::dictionary::{Dictionary, Pos};
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
    /// The word's id in jieba's dictionary ([`Token::NO_ID`] for a word
    /// that is not in it), as [`Dictionary::idf`] takes it.
    pub id: u32,
}

impl Token {
    /// The id of a word that is not in the dictionary.
    pub const NO_ID: u32 = u32::MAX;

    /// The word's dictionary id, `None` for a word that is not in it.
    pub fn dictionary_id(&self) -> Option<usize> {
        (self.id != Token::NO_ID).then_some(self.id as usize)
    }

    /// The word in `text` (the text the token was cut from).
    pub fn word<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Word segmenter with the party-building lexicon.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
    /// The part of speech of each word of jieba's dictionary and lexicons,
    /// by word id, with the lexicons' corrections.
    tags: Arc<[Pos]>,
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
        let jieba = Jieba::new();
        Segmenter {
            tags: tag_table(&jieba, &FxHashMap::default()),
            jieba: Arc::new(jieba),
            hmm: self.hmm,
        }
    }

    /// Builds the segmenter: loads jieba's dictionary and the lexicons into
    /// jieba and, at the same time on a second thread, the IDF table of
    /// keywords ([`Dictionary::jieba`], once per process).
    pub fn build(self) -> Result<Segmenter> {
        let mut words = Vec::new();
        if self.domain {
            words.extend(parse_lexicon(LEXICON)?);
        }
        words.extend(self.user.iter().cloned());
        // Plain threads, not rayon: a rayon join inside a lazily built
        // static can deadlock when the static is first used on rayon's
        // threads.
        // A new word takes the tag of its first lexicon entry (none: the
        // empty tag), as jieba records it; a word of the dictionary keeps its
        // tag in jieba unless a lexicon names another (the last one that
        // does wins, so a user's lexicon overrides the bundled one), which
        // goes into the overrides.
        let mut overrides = FxHashMap::default();
        let jieba = std::thread::scope(|s| {
            s.spawn(Dictionary::jieba);
            let mut jieba = Jieba::new();
            // Words added get the ids after the dictionary's: the first one
            // added marks where the dictionary ends.
            let mut first_added = usize::MAX;
            for (w, f, p) in &words {
                let before = jieba.lookup(w).map(|e| (e.id(), Pos::of(e.tag())));
                jieba.add_word(w, *f, p.as_deref());
                match before {
                    Some((id, old)) if id < first_added => {
                        if let Some(new) = p.as_deref().map(Pos::of).filter(|&new| new != old) {
                            overrides.insert(id, new);
                        }
                    }
                    Some(_) => {}
                    None => {
                        let id = jieba.lookup(w).map_or(usize::MAX, |e| e.id());
                        first_added = first_added.min(id);
                    }
                }
            }
            jieba
        });
        Ok(Segmenter {
            tags: tag_table(&jieba, &overrides),
            jieba: Arc::new(jieba),
            hmm: self.hmm,
        })
    }
}

/// The part of speech of every word of `jieba` by word id, with the tags
/// of `overrides` in place of the dictionary's. One pass over the records
/// when the segmenter is built (a few milliseconds), so tagging a token is
/// an index into a table that stays in cache (one byte a word) rather than
/// a read of jieba's record of the word.
fn tag_table(jieba: &Jieba, overrides: &FxHashMap<usize, Pos>) -> Arc<[Pos]> {
    // jieba keeps one copy of each distinct tag (a few dozen), so a tag's
    // address names it: a small cache by address spares parsing the name
    // for each of 349,045 words.
    let mut cache = [(std::ptr::null::<u8>(), Pos::X); 64];
    let mut tags: Vec<Pos> = (0..)
        .map_while(|id| jieba.word_entry(id))
        .map(|e| {
            let tag = e.tag();
            let slot = &mut cache[(tag.as_ptr().addr() >> 3) % 64];
            if slot.0 != tag.as_ptr() {
                *slot = (tag.as_ptr(), Pos::of(tag));
            }
            slot.1
        })
        .collect();
    for (&id, &pos) in overrides {
        if let Some(t) = tags.get_mut(id) {
            *t = pos;
        }
    }
    tags.into()
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
        self.jieba.cut_with_entries(text, self.hmm, |t, entry| {
            let id = entry.map(|e| e.id());
            let pos = id.and_then(|id| self.tags.get(id).copied());
            out.push(Token {
                start: t.byte_start,
                end: t.byte_end,
                pos: pos.unwrap_or_else(|| Pos::guess(t.word)),
                known: pos.is_some(),
                id: id
                    .and_then(|id| u32::try_from(id).ok())
                    .unwrap_or(Token::NO_ID),
            });
        });
        out
    }

    /// The part of speech of a dictionary or lexicon word, `None` for other
    /// words.
    pub fn pos(&self, word: &str) -> Option<Pos> {
        let id = self.jieba.lookup(word)?.id();
        self.tags.get(id).copied()
    }

    /// The IDF table of keywords.
    pub fn dictionary(&self) -> &'static Dictionary {
        Dictionary::jieba()
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
                .map(|t| (t.word(text), t.pos, t.dictionary_id())),
            |w, id| self.dictionary().idf(w, id),
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
    fn a_lexicon_tag_corrects_the_dictionary() -> Result<(), Box<dyn std::error::Error>> {
        let seg = Segmenter::default();
        assert_eq!(seg.pos("清单").map(Pos::as_str), Some("n"));
        assert_eq!(seg.pos("机关").map(Pos::as_str), Some("n"));
        // A user's lexicon comes last and wins; a word without a tag keeps
        // the dictionary's.
        let seg = SegmenterBuilder::new()
            .user_lexicon_str("清单 vn\n机关\n")?
            .build()?;
        assert_eq!(seg.pos("清单").map(Pos::as_str), Some("vn"));
        assert_eq!(seg.pos("机关").map(Pos::as_str), Some("n"));
        Ok(())
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
