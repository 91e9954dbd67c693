//! The body of a document as every extractor sees it: the normalized text
//! of its body blocks, the map back to the original bytes, and its words.
//!
//! ```text
//!  decode → normalize → page ─▶ Body { text, map, tokens } ─▶ claims
//!                                                          ├▶ formulations
//!                                                          ├▶ places
//!                                                          └▶ keywords, terms
//! ```
//!
//! The body is segmented exactly once, when it is built ([`Body::new`]);
//! claims read tagged words around a number from its tokens
//! ([`Body::tagged`]), places check that a name stands on word boundaries
//! ([`Body::is_boundary`]), keywords and term counts walk the tokens.
//!
//! ```
//! use dangjian::body::Body;
//! use dangjian::normalize::Normalizer;
//! use dangjian::segment::Segmenter;
//!
//! let norm = Normalizer::default().normalize("選派黨員到社區報到");
//! let body = Body::new(norm.text, norm.map, &Segmenter::default());
//! let words: Vec<&str> = body.tokens.iter().map(|t| t.word(&body.text)).collect();
//! assert!(words.contains(&"社区"));
//! assert!(body.is_boundary("选派".len()));
//! // Spans of the body map back to the original text.
//! assert_eq!(body.span(0, "选派".len()), [0, "選派".len()]);
//! ```

use std::cell::Cell;
use std::ops::Range;

use crate::dictionary::Pos;
use crate::keywords::{self, Keyword};
use crate::normalize::Normalized;
use crate::normalize::is_han;
use crate::offsets::{OffsetMap, OffsetMapBuilder};
use crate::segment::{Segmenter, Token};
use crate::window::{self, Ends, Marks};

/// The body of a document: normalized text, offset map and words.
#[derive(Debug, Clone)]
pub struct Body {
    /// Normalized body text: body blocks joined by `\n`.
    pub text: String,
    /// Body text offsets → original document offsets.
    pub map: OffsetMap,
    /// The words of `text`, in order, covering it.
    pub tokens: Vec<Token>,
    /// Where the sentences, clauses and lines of `text` end, so that the
    /// extractors' look-arounds are bisections ([`Marks`]).
    pub marks: Marks,
    segmenter: Segmenter,
}

impl Body {
    /// A body of `text` (normalized), whose `map` leads to the original;
    /// segments it with `segmenter`.
    pub fn new(text: String, map: OffsetMap, segmenter: &Segmenter) -> Body {
        let tokens = segmenter.tokens(&text);
        let marks = Marks::new(&text);
        Body {
            text,
            map,
            tokens,
            marks,
            segmenter: segmenter.clone(),
        }
    }

    /// Joins the `blocks` of a normalized text (the body paragraphs the page
    /// stage kept) into one body, `\n` between blocks.
    pub fn from_blocks(norm: &Normalized, blocks: &[Range<usize>], segmenter: &Segmenter) -> Body {
        let mut text = String::with_capacity(norm.text.len());
        let mut b = OffsetMapBuilder::new();
        for r in blocks {
            if !text.is_empty() {
                // The separator stands for the line break before the block.
                let at = r.start.saturating_sub(1);
                text.push('\n');
                b.replace(at, r.start.max(at), 1);
            }
            text.push_str(&norm.text[r.clone()]);
            b.copy(r.start, r.end - r.start);
        }
        let inner = b.finish(text.len(), norm.text.len());
        Body::new(text, norm.map.compose(&inner), segmenter)
    }

    /// Maps a span of the body text to the original document.
    pub fn span(&self, start: usize, end: usize) -> [usize; 2] {
        let (s, e) = self.map.to_original(start, end);
        [s, e]
    }

    /// The word of a token.
    pub fn word(&self, token: &Token) -> &str {
        token.word(&self.text)
    }

    /// Whether byte `at` of the text falls between two words (or at either
    /// end of the text).
    pub fn is_boundary(&self, at: usize) -> bool {
        at == 0
            || at == self.text.len()
            || self.tokens.binary_search_by(|t| t.start.cmp(&at)).is_ok()
    }

    /// [`Body::is_boundary`] for many positions asked left to right (see
    /// [`Boundaries`]).
    ///
    /// ```
    /// use dangjian::body::Body;
    /// use dangjian::segment::Segmenter;
    /// let text = "选派党员到社区报到".to_string();
    /// let body = Body::new(text.clone(), dangjian::offsets::OffsetMap::identity(text.len()), &Segmenter::default());
    /// let bounds = body.boundaries();
    /// let all: Vec<usize> = (0..=text.len()).filter(|&at| bounds.is_boundary(at)).collect();
    /// let one_by_one: Vec<usize> = (0..=text.len()).filter(|&at| body.is_boundary(at)).collect();
    /// assert_eq!(all, one_by_one);
    /// ```
    pub fn boundaries(&self) -> Boundaries<'_> {
        Boundaries {
            body: self,
            next: Cell::new(0),
        }
    }

    /// Where the sentence around byte `at` starts: after the last sentence
    /// end before it, looked for within [`window::SENTENCE`] bytes (so text
    /// without sentence ends stays linear).
    ///
    /// ```
    /// use dangjian::body::Body;
    /// use dangjian::segment::Segmenter;
    /// let text = "去年开展活动。共有党员80名,其中女党员30名。".to_string();
    /// let body = Body::new(text.clone(), dangjian::offsets::OffsetMap::identity(text.len()), &Segmenter::default());
    /// let at = text.find("30").unwrap();
    /// assert_eq!(&text[body.sentence_start(at)..body.sentence_end(at)], "共有党员80名,其中女党员30名。");
    /// assert_eq!(&text[body.clause_start(at)..at], "其中女党员");
    /// assert_eq!(body.paragraph_start(at), 0);
    /// ```
    pub fn sentence_start(&self, at: usize) -> usize {
        self.marks
            .back_to(&self.text, Ends::Sentence, at, window::SENTENCE)
    }

    /// Where the sentence around byte `at` ends, its end mark included
    /// (within [`window::SENTENCE`] bytes).
    pub fn sentence_end(&self, at: usize) -> usize {
        self.marks
            .forward_to(&self.text, Ends::Sentence, at, window::SENTENCE)
    }

    /// Where the clause around byte `at` starts: after the last comma,
    /// semicolon, colon or sentence end before it (within
    /// [`window::SENTENCE`] bytes).
    pub fn clause_start(&self, at: usize) -> usize {
        self.marks
            .back_to(&self.text, Ends::Clause, at, window::SENTENCE)
    }

    /// Where the clause around byte `at` ends, its end mark included
    /// (within [`window::SENTENCE`] bytes).
    pub fn clause_end(&self, at: usize) -> usize {
        self.marks
            .forward_to(&self.text, Ends::Clause, at, window::SENTENCE)
    }

    /// Where the paragraph around byte `at` starts (within
    /// [`window::PARAGRAPH`] bytes).
    pub fn paragraph_start(&self, at: usize) -> usize {
        self.marks
            .back_to(&self.text, Ends::Line, at, window::PARAGRAPH)
    }

    /// The segmenter the body was cut with (to cut other text of the same
    /// document, a title say, the same way).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The tokens that overlap `[start, end)`.
    pub fn tokens_in(&self, start: usize, end: usize) -> &[Token] {
        let first = self.tokens.partition_point(|t| t.end <= start);
        let last = self.tokens.partition_point(|t| t.start < end);
        &self.tokens[first..last.max(first)]
    }

    /// The `k` best keywords of the body by TF-IDF ([`crate::keywords`]),
    /// from its tokens.
    pub fn keywords(&self, k: usize) -> Vec<Keyword> {
        let dictionary = self.segmenter.dictionary();
        keywords::top(
            self.tokens
                .iter()
                .filter(|t| t.known)
                .map(|t| (self.word(t), t.pos, t.dictionary_id())),
            |w, id| dictionary.idf(w, id),
            k,
        )
    }

    /// The tagged words of `[start, end)` as jieba's tagger gives them
    /// without its HMM: words cut at the range's ends are looked up again,
    /// and a Chinese word the dictionary does not know (found by the HMM, or
    /// cut short) counts as its single characters.
    ///
    /// ```
    /// use dangjian::body::Body;
    /// use dangjian::segment::Segmenter;
    /// let text = "到社区报到".to_string();
    /// let body = Body::new(text.clone(), dangjian::offsets::OffsetMap::identity(text.len()), &Segmenter::default());
    /// let words: Vec<&str> = body.tagged(0, text.len()).into_iter().map(|(w, _)| w).collect();
    /// assert_eq!(words.concat(), text);
    /// ```
    pub fn tagged(&self, start: usize, end: usize) -> Vec<(&str, Pos)> {
        let mut out = Vec::new();
        for t in self.tokens_in(start, end) {
            let (s, e) = (t.start.max(start), t.end.min(end));
            let Some(word) = self.text.get(s..e) else {
                continue;
            };
            let whole = (s, e) == (t.start, t.end);
            let pos = if whole && t.known {
                Some(t.pos)
            } else {
                self.segmenter.pos(word)
            };
            match pos {
                Some(p) => out.push((word, p)),
                None if word.chars().any(is_han) => {
                    for (i, c) in word.char_indices() {
                        let ch = &word[i..i + c.len_utf8()];
                        out.push((ch, self.segmenter.pos(ch).unwrap_or(Pos::guess(ch))));
                    }
                }
                None => out.push((word, Pos::guess(word))),
            }
        }
        out
    }
}

/// Word boundaries of a body asked in ascending order, as place recognition
/// asks them ([`Body::boundaries`]): each answer searches forward from the
/// previous one (galloping, then bisecting the last stride) among the few
/// tokens between them, instead of bisecting all the body's tokens, most of
/// them out of cache. A position asked out of order starts the search over,
/// so any order gives the right answers.
#[derive(Debug)]
pub struct Boundaries<'b> {
    body: &'b Body,
    /// The first token that starts at or after the last position asked.
    next: Cell<usize>,
}

impl Boundaries<'_> {
    /// Whether byte `at` of the body falls between two words (or at either
    /// end), as [`Body::is_boundary`].
    pub fn is_boundary(&self, at: usize) -> bool {
        let tokens = &self.body.tokens;
        let mut from = self.next.get();
        if tokens
            .get(from.wrapping_sub(1))
            .is_some_and(|t| t.start >= at)
        {
            from = 0;
        }
        let mut stride = 1;
        let mut to = from;
        while to < tokens.len() && tokens[to].start < at {
            from = to + 1;
            to += stride;
            stride *= 2;
        }
        let to = to.min(tokens.len());
        let next = from + tokens[from..to].partition_point(|t| t.start < at);
        self.next.set(next);
        at == 0 || at == self.body.text.len() || tokens.get(next).is_some_and(|t| t.start == at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn body(text: &str) -> Body {
        let norm = Normalizer::default().normalize(text);
        Body::new(norm.text, norm.map, &Segmenter::default())
    }

    #[test]
    fn tokens_cover_the_text() {
        let b = body("5年来,1.35万名机关党员到社区开展报到服务9.78万次。");
        let joined: String = b.tokens.iter().map(|t| b.word(t)).collect();
        assert_eq!(joined, b.text);
    }

    #[test]
    fn tokens_in_a_range() {
        let b = body("严格执行三会一课制度");
        let s = "严格执行".len();
        let words: Vec<&str> = b
            .tokens_in(s, s + "三会一课".len())
            .iter()
            .map(|t| b.word(t))
            .collect();
        assert_eq!(words, ["三会一课"]);
        assert!(b.is_boundary(s) && b.is_boundary(s + "三会一课".len()));
        assert!(!b.is_boundary(s + "三".len()));
    }

    #[test]
    fn sentences_clauses_and_paragraphs() {
        let b = body("去年,甲地开展活动。来自乙地的80余人参加,共100人\n下一段");
        let t = b.text.as_str();
        let at = t.find("100").unwrap();
        assert_eq!(&t[b.sentence_start(at)..at], "来自乙地的80余人参加,共");
        assert_eq!(&t[b.clause_start(at)..b.clause_end(at)], "共100人\n");
        assert_eq!(
            &t[b.sentence_start(at)..b.sentence_end(at)],
            "来自乙地的80余人参加,共100人\n"
        );
        assert_eq!(
            b.paragraph_start(t.find("下一段").unwrap()),
            t.find("下一段").unwrap()
        );
    }

    #[test]
    fn boundaries_in_any_order() {
        let b = body("5年来,1.35万名机关党员到社区开展报到服务9.78万次。严格执行三会一课制度");
        let n = b.text.len();
        let bounds = b.boundaries();
        // Ascending with repeats, descending, and jumping about.
        let order: Vec<usize> = (0..=n)
            .flat_map(|at| [at, at])
            .chain((0..=n).rev())
            .chain((0..=n).map(|i| i * 7919 % (n + 1)))
            .collect();
        for at in order {
            assert_eq!(bounds.is_boundary(at), b.is_boundary(at), "at {at}");
        }
    }

    #[test]
    fn tagged_clips_words_at_the_range() {
        let b = body("机关党员到社区报到");
        let words: Vec<&str> = b
            .tagged("机关".len(), b.text.len())
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words.concat(), "党员到社区报到");
        assert_eq!(words[0], "党员");
    }

    #[test]
    fn blocks_join_with_line_breaks() {
        let norm = Normalizer::default().normalize("标题\n正文一\n正文二");
        let b = Body::from_blocks(&norm, &[7..16, 17..26], &Segmenter::default());
        assert_eq!(b.text, "正文一\n正文二");
        assert_eq!(b.span(0, 9), [7, 16]);
    }
}
