//! The text that reuse detection matches on, and its character n-grams.
//!
//! A document is normalized (simplified script, half-width forms) and then
//! reduced to its letters and digits: punctuation, spaces and line breaks
//! are dropped, ASCII letters are lower-cased. What is left is the *match
//! text*, a sequence of characters each of which remembers where it came
//! from, so that a passage found on the match text is reported as a byte
//! span of the original document. A traditional copy of a simplified
//! passage, or one with different punctuation, has the same match text.
//!
//! ```
//! use dangjian::reuse::MatchText;
//! let n = dangjian::Normalizer::default();
//! let m = MatchText::new(&n, "黨的建設，１２３項。", None);
//! assert_eq!(m.as_string(), "党的建设123项");
//! // "建设" on the match text is "建設" in the original
//! let (s, e) = m.original_span(2, 4);
//! assert_eq!(&"黨的建設，１２３項。"[s..e], "建設");
//! ```

use std::ops::Range;

use crate::normalize::Normalizer;
use crate::offsets::OffsetMap;

/// A document's match text with its way back to the original.
#[derive(Debug, Clone)]
pub struct MatchText {
    /// The kept characters (normalized, letters and digits only).
    pub chars: Vec<char>,
    /// Byte offset of each kept character in the normalized text.
    norm_pos: Vec<u32>,
    /// The normalized text.
    norm: String,
    /// Normalized → original offsets.
    map: OffsetMap,
}

/// Whether a normalized character takes part in matching: a letter or a
/// digit. The common cases answer without the Unicode tables (the CJK
/// Unified Ideographs of the basic block are all letters).
fn keeps(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// Whether `c` is a Han character of the basic block.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Length in bytes of a bracketed run of Latin letters at the start of `s`
/// (`(guan)`, `（zhǎng wù）`): a pinyin gloss after a Han character, with or
/// without its tone marks. The normalizer drops well-formed glosses; one
/// that lost a tone mark or gained a typo is dropped here, so that a copy
/// glossed differently from its source still matches it letter for letter.
fn latin_gloss_len(s: &str) -> Option<usize> {
    let mut it = s.char_indices();
    it.next()?;
    let mut letters = 0usize;
    for (j, c) in it {
        if c == ')' || c == '）' {
            return (letters > 0).then_some(j + c.len_utf8());
        }
        if j > 64 {
            return None;
        }
        if c.is_ascii_alphabetic() || (c.is_alphabetic() && !c.is_ascii() && (c as u32) < 0x300) {
            letters += 1;
        } else if !(c == ' ' || c == '\'' || c == '-') {
            return None;
        }
    }
    None
}

impl MatchText {
    /// Builds the match text of `text`. With `regions` (sorted byte ranges of
    /// the original, such as a page's body paragraphs), only characters that
    /// start inside them are kept.
    pub fn new(normalizer: &Normalizer, text: &str, regions: Option<&[Range<usize>]>) -> Self {
        let n = normalizer.normalize(text);
        let mut chars = Vec::with_capacity(n.text.len() / 3 + 1);
        let mut norm_pos = Vec::with_capacity(n.text.len() / 3 + 1);
        let mut region = 0usize;
        let mut skip_to = 0usize;
        let mut prev = ' ';
        for (p, c) in n.text.char_indices() {
            let after_han = is_han(prev);
            prev = c;
            if p < skip_to {
                continue;
            }
            if after_han && (c == '(' || c == '（') {
                if let Some(len) = latin_gloss_len(&n.text[p..]) {
                    skip_to = p + len;
                    continue;
                }
            }
            if !keeps(c) {
                continue;
            }
            if let Some(rs) = regions {
                let o = n.map.start_to_original(p);
                while region < rs.len() && rs[region].end <= o {
                    region += 1;
                }
                match rs.get(region) {
                    Some(r) if r.start <= o => {}
                    _ => continue,
                }
            }
            chars.push(c.to_ascii_lowercase());
            norm_pos.push(p as u32);
        }
        MatchText {
            chars,
            norm_pos,
            norm: n.text,
            map: n.map,
        }
    }

    /// Number of match characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether nothing is left to match.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The match text as a string.
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// Byte span `[start, end)` in the normalized text of match characters
    /// `[from, to)`.
    pub fn normalized_span(&self, from: usize, to: usize) -> (usize, usize) {
        let to = to.min(self.chars.len());
        if from >= to {
            return (0, 0);
        }
        let s = self.norm_pos[from] as usize;
        let last = to - 1;
        let e = self.norm_pos[last] as usize
            + self
                .norm
                .get(self.norm_pos[last] as usize..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
        (s, e)
    }

    /// The normalized text of match characters `[from, to)`, punctuation
    /// included.
    pub fn normalized_text(&self, from: usize, to: usize) -> &str {
        let (s, e) = self.normalized_span(from, to);
        self.norm.get(s..e).unwrap_or("")
    }

    /// Byte span `[start, end)` in the original text of match characters
    /// `[from, to)`.
    pub fn original_span(&self, from: usize, to: usize) -> (usize, usize) {
        let (s, e) = self.normalized_span(from, to);
        if s == e {
            return (0, 0);
        }
        self.map.to_original(s, e)
    }
}

impl MatchText {
    /// The normalized text between match characters `i` and `i + 1`
    /// (punctuation, spaces); empty past either end.
    fn gap_after(&self, i: usize) -> &str {
        let (Some(&p), Some(&q)) = (self.norm_pos.get(i), self.norm_pos.get(i + 1)) else {
            return "";
        };
        let p = p as usize;
        let from = p + self
            .norm
            .get(p..)
            .and_then(|t| t.chars().next())
            .map_or(0, char::len_utf8);
        self.norm.get(from..q as usize).unwrap_or("")
    }

    /// Whether a sentence ends between match characters `i` and `i + 1`.
    fn sentence_end_after(&self, i: usize) -> bool {
        self.gap_after(i)
            .contains(['。', '！', '？', '；', '!', '?', ';'])
    }

    /// Match characters `r` without a sentence's last one or two letters
    /// before it: an alignment that runs on across a sentence end by
    /// chance (the copy's sentence follows another that ends the same way)
    /// starts at the sentence, not at `力。推进…`; likewise it ends at a
    /// sentence end, not one or two letters into the next sentence. A
    /// passage that starts (ends) at a sentence end already, or whose first
    /// (last) sentence is that short, is left as it is.
    ///
    /// ```
    /// let n = dangjian::Normalizer::default();
    /// let m = dangjian::reuse::MatchText::new(&n, "全面提升能力。推进工作落实，见成效。接着", None);
    /// // "力推进工作落实见成效接" → "推进工作落实见成效"
    /// assert_eq!(m.trim_sentence_tails(5..16), 6..15);
    /// assert_eq!(m.trim_sentence_tails(6..15), 6..15);
    /// // starting two letters before the sentence end
    /// assert_eq!(m.trim_sentence_tails(4..15), 6..15);
    /// ```
    pub fn trim_sentence_tails(&self, r: Range<usize>) -> Range<usize> {
        let (mut s, mut e) = (r.start, r.end.min(self.chars.len()));
        if s > 0 && !self.sentence_end_after(s - 1) {
            if let Some(k) = (1..=2).find(|&k| s + k < e && self.sentence_end_after(s + k - 1)) {
                s += k;
            }
        }
        if e > 0 && e < self.chars.len() && !self.sentence_end_after(e - 1) {
            if let Some(k) = (1..=2).find(|&k| e > s + k && self.sentence_end_after(e - k - 1)) {
                e -= k;
            }
        }
        s..e.max(s)
    }
}

/// The hash of the n-gram `chars` (a 64-bit mix; the high bits pick a
/// partition, so they must be as good as the low ones).
pub fn gram_hash(chars: &[char]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &c in chars {
        h = (h ^ u64::from(c as u32)).wrapping_mul(0x100_0000_01b3);
        h = h.rotate_left(23);
    }
    // splitmix64 finalizer
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The hashes of all `n`-grams of `chars`, by start position.
pub fn gram_hashes(chars: &[char], n: usize) -> Vec<u64> {
    if n == 0 || chars.len() < n {
        return Vec::new();
    }
    chars.windows(n).map(gram_hash).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_match_alike() {
        let n = Normalizer::default();
        let a = MatchText::new(&n, "加強機關黨的建設，推動發展。", None);
        let b = MatchText::new(&n, "加强机关党的建设 推动发展", None);
        assert_eq!(a.chars, b.chars);
    }

    #[test]
    fn regions_restrict_the_text() {
        let n = Normalizer::default();
        let t = "首页 导航\n正文第一段。\n版权所有";
        let s = t.find("正文").unwrap();
        let e = t.find("版权").unwrap();
        let regions = vec![std::ops::Range { start: s, end: e }];
        let m = MatchText::new(&n, t, Some(&regions));
        assert_eq!(m.as_string(), "正文第一段");
        let (a, b) = m.original_span(0, m.len());
        assert_eq!(&t[a..b], "正文第一段");
    }

    #[test]
    fn glosses_with_or_without_tones_are_not_matched() {
        let n = Normalizer::default();
        let a = MatchText::new(&n, "机关(ji guam)党建和服务（fu wú）中心", None);
        assert_eq!(a.as_string(), "机关党建和服务中心");
        // Not after a Han character, or not letters only: kept.
        let b = MatchText::new(&n, "报告 (PDF) 和附件(2)", None);
        assert_eq!(b.as_string(), "报告pdf和附件2");
    }

    #[test]
    fn empty_spans_are_empty() {
        let n = Normalizer::default();
        let m = MatchText::new(&n, "。。", None);
        assert!(m.is_empty());
        assert_eq!(m.original_span(0, 1), (0, 0));
        assert_eq!(m.normalized_text(0, 3), "");
    }

    #[test]
    fn kept_characters_are_letters_and_digits() {
        for c in ['a', 'Z', '7', '党', '\u{4E00}', '\u{9FFC}', 'é', '㐀', '①'] {
            assert_eq!(keeps(c), c.is_alphanumeric(), "{c}");
        }
        for c in ['，', ' ', '\n', '。', '-', '“'] {
            assert!(!keeps(c), "{c:?}");
        }
    }

    #[test]
    fn hashes_differ_by_order() {
        assert_ne!(gram_hash(&['a', 'b']), gram_hash(&['b', 'a']));
        assert_eq!(gram_hashes(&['a', 'b', 'c'], 2).len(), 2);
        assert!(gram_hashes(&['a'], 2).is_empty());
    }
}
