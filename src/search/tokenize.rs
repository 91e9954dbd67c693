//! How Chinese text becomes index terms.
//!
//! Three analyses of the same normalized (simplified, half-width) text:
//!
//! | field | tokenizer | what it is for |
//! |---|---|---|
//! | `body` | [`CutWords`]: the words the analysis already cut (jieba + lexicon), handed over as one space-separated string | BM25 ranking on words |
//! | `title` | [`WordTokenizer`]: the project's segmenter (jieba + lexicon) | BM25 ranking on words |
//! | `body_bi`, `title_bi` | [`CharGrams::bigrams`]: overlapping character pairs | every query of 2+ characters that occurs in the text matches, even inside a longer word (党建 in 机关党建) |
//! | `title_uni` | [`CharGrams::unigrams`]: single characters | one-character queries on titles (on the body, a one-character query matches the bigrams that start or end with it) |
//!
//! Whitespace is not part of the character sequence (a query
//! matches across a line break) and ASCII letters are lower-cased, in the
//! text and in queries alike ([`chars_of`]).
//!
//! ```
//! use dangjian::search::tokenize::bigrams;
//! assert_eq!(bigrams("机关党建"), vec!["机关", "关党", "党建"]);
//! ```

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::normalize::Normalizer;
use crate::segment::Segmenter;

/// Name of the word tokenizer in the index's tokenizer manager.
pub const WORDS: &str = "dangjian_words";
/// Name of the tokenizer of words already cut ([`CutWords`]).
pub const CUT_WORDS: &str = "dangjian_cut_words";
/// Name of the bigram tokenizer.
pub const BIGRAMS: &str = "dangjian_bigrams";
/// Name of the unigram tokenizer.
pub const UNIGRAMS: &str = "dangjian_unigrams";

/// The text as the index sees it: normalized the way bodies are
/// (traditional → simplified, full-width → half-width), so that a query in
/// either script finds both.
pub fn normalize(text: &str) -> String {
    Normalizer::default().normalize(text).text
}

/// The characters of `text` that bigrams are made of, with their byte
/// offsets: whitespace dropped, ASCII lower-cased.
pub fn chars_of(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (i, c.to_ascii_lowercase()))
        .collect()
}

/// The bigrams of a normalized string (a query or a text), in order.
pub fn bigrams(text: &str) -> Vec<String> {
    let cs = chars_of(text);
    cs.windows(2)
        .map(|w| {
            let mut s = String::with_capacity(8);
            s.push(w[0].1);
            s.push(w[1].1);
            s
        })
        .collect()
}

/// Overlapping runs of `n` characters (whitespace dropped, ASCII
/// lower-cased), positions consecutive: [`CharGrams::bigrams`] for the
/// body and title, [`CharGrams::unigrams`] for one-character title queries.
#[derive(Clone)]
pub struct CharGrams {
    n: usize,
    token: Token,
}

impl CharGrams {
    /// Overlapping character pairs.
    pub fn bigrams() -> Self {
        CharGrams {
            n: 2,
            token: Token::default(),
        }
    }
    /// Single characters.
    pub fn unigrams() -> Self {
        CharGrams {
            n: 1,
            token: Token::default(),
        }
    }
}

/// The stream of [`CharGrams`].
pub struct CharGramStream<'a> {
    chars: Vec<(usize, char)>,
    n: usize,
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for CharGrams {
    type TokenStream<'a> = CharGramStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharGramStream<'a> {
        self.token.reset();
        CharGramStream {
            chars: chars_of(text),
            n: self.n,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for CharGramStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(gram) = self.chars.get(self.at..self.at + self.n) else {
            return false;
        };
        let (Some(&(start, _)), Some(&(last, c))) = (gram.first(), gram.last()) else {
            return false;
        };
        self.token.text.clear();
        self.token.text.extend(gram.iter().map(|&(_, c)| c));
        self.token.offset_from = start;
        self.token.offset_to = last + c.len_utf8();
        self.token.position = self.at;
        self.token.position_length = 1;
        self.at += 1;
        true
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Words already cut, one per space-separated piece of the text (see
/// [`cut_words`]): the body's words are the analysis's own, so the index
/// neither segments the body a second time nor carries a token list
/// through the document (tantivy serializes a pre-tokenized value into
/// the document and parses it back on the indexing thread, which cost
/// more than the words' postings).
///
/// ```
/// use dangjian::search::tokenize::{CutWords, cut_words};
/// use tantivy::tokenizer::{TokenStream, Tokenizer};
/// let text = cut_words([("党建", 2), ("工作", 1), ("，", 3)]);
/// assert_eq!(text, "党建 党建 工作");
/// let mut t = CutWords::default();
/// let mut s = t.token_stream(&text);
/// let mut words = Vec::new();
/// while s.advance() {
///     words.push(s.token().text.clone());
/// }
/// assert_eq!(words, ["党建", "党建", "工作"]);
/// ```
#[derive(Clone, Default)]
pub struct CutWords {
    token: Token,
}

/// The stream of [`CutWords`].
pub struct CutWordsStream<'a> {
    rest: std::str::SplitAsciiWhitespace<'a>,
    text: &'a str,
    token: &'a mut Token,
}

/// The text [`CutWords`] takes: each word that is a term (has a letter or
/// digit) lower-cased and repeated as often as it occurs, separated by
/// spaces. A word that holds whitespace (none of the segmenter's do)
/// becomes the pieces between it.
pub fn cut_words<'w>(counts: impl IntoIterator<Item = (&'w str, u32)>) -> String {
    let mut out = String::new();
    for (w, n) in counts {
        if !w.chars().any(char::is_alphanumeric) {
            continue;
        }
        for _ in 0..n {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

impl Tokenizer for CutWords {
    type TokenStream<'a> = CutWordsStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CutWordsStream<'a> {
        self.token.reset();
        CutWordsStream {
            rest: text.split_ascii_whitespace(),
            text,
            token: &mut self.token,
        }
    }
}

impl TokenStream for CutWordsStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(w) = self.rest.next() else {
            return false;
        };
        let start = w.as_ptr() as usize - self.text.as_ptr() as usize;
        next_word(self.token, w, start);
        true
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Makes `token` the next word of a word stream: `word`, found at byte
/// `start` of the text, one position after the last.
fn next_word(token: &mut Token, word: &str, start: usize) {
    token.text.clear();
    token.text.push_str(word);
    token.offset_from = start;
    token.offset_to = start + word.len();
    token.position = token.position.wrapping_add(1);
    token.position_length = 1;
}

/// Words of the project's segmenter (the analysis's tokens and lexicon);
/// whitespace and punctuation are not terms. The segmenter is built when
/// the first text is tokenized, not with the tokenizer: an index is opened
/// with its tokenizers registered, and a search that has no words to cut
/// (filters, claims) never needs it.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The stream of [`WordTokenizer`].
pub struct WordStream<'a> {
    words: std::vec::IntoIter<(usize, usize, String)>,
    token: &'a mut Token,
}

/// The words of `text` that are terms: `(start, end, lower-cased word)`.
pub fn words(segmenter: &Segmenter, text: &str) -> Vec<(usize, usize, String)> {
    segmenter
        .spans(text)
        .into_iter()
        .filter_map(|(s, e)| {
            let w = text.get(s..e)?;
            w.chars()
                .any(char::is_alphanumeric)
                .then(|| (s, e, w.to_ascii_lowercase()))
        })
        .collect()
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            words: words(&Segmenter::default(), text).into_iter(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((s, _, w)) = self.words.next() else {
            return false;
        };
        next_word(self.token, &w, s);
        true
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect<T: Tokenizer>(mut t: T, text: &str) -> Vec<(String, usize)> {
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn bigrams_skip_whitespace_and_keep_positions() {
        let v = collect(CharGrams::bigrams(), "党建 工作\nAB");
        let texts: Vec<&str> = v.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["党建", "建工", "工作", "作a", "ab"]);
        assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert!(collect(CharGrams::bigrams(), "党").is_empty());
    }

    #[test]
    fn unigrams_and_words() {
        assert_eq!(collect(CharGrams::unigrams(), "党 建").len(), 2);
        let w = collect(WordTokenizer::default(), "在职党员到社区报到。");
        assert!(w.iter().any(|(t, _)| t == "社区"));
        assert!(!w.iter().any(|(t, _)| t == "。"));
    }
}
