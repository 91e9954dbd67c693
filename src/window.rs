//! Bounded look-around: the sentence, clause or paragraph around a position,
//! searched for no further than a fixed window.
//!
//! Extraction asks, for every number it reads, where its sentence starts
//! (for the period in force, quotation marks, the place named before it).
//! Searching back to the previous sentence end is cheap on report text,
//! where sentences are a few hundred bytes, but on text with no sentence end
//! at all (a megabyte of nested brackets, a damaged page with every
//! punctuation mark lost) each search would walk back to the start of the
//! text: the work for `n` numbers grows as `n × text length`, quadratic in
//! the input. So every search here stops after a window ([`SENTENCE`]
//! bytes for sentences and clauses, [`PARAGRAPH`] for paragraphs), several
//! times longer than any real sentence or paragraph, and treats the window's
//! edge as the boundary. On ordinary text the results are the plain
//! boundaries; on pathological text the work per position is bounded and
//! the whole pass stays linear.
//!
//! ```
//! use dangjian::window::{back_to, forward_to, is_sentence_end};
//! let t = "今年以来,全市新建党组织12个。共发展党员300名。";
//! let at = t.find("300").unwrap();
//! let s = back_to(t, at, is_sentence_end, dangjian::window::SENTENCE);
//! let e = forward_to(t, at, is_sentence_end, dangjian::window::SENTENCE);
//! assert_eq!(&t[s..e], "共发展党员300名。");
//!
//! // No sentence end within the window: the window's edge is the boundary.
//! let long = "（".repeat(3000) + "5名";
//! let at = long.find('5').unwrap();
//! let s = back_to(&long, at, is_sentence_end, 60);
//! assert_eq!(at - s, 60);
//! ```

/// The longest sentence or clause looked at on either side of a position,
/// in bytes (about 680 Chinese characters; report sentences stay well below
/// 700 bytes).
pub const SENTENCE: usize = 2048;

/// The longest stretch looked back at for the start of a paragraph, in
/// bytes (report paragraphs stay below 4 KB).
pub const PARAGRAPH: usize = 8192;

/// Whether `c` ends a sentence: 。！？!?；; or a line break.
///
/// ```
/// assert!(dangjian::window::is_sentence_end('。'));
/// assert!(!dangjian::window::is_sentence_end('，'));
/// ```
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | '；' | '\n')
}

/// Whether `c` ends a clause: a sentence end, a comma or a colon.
///
/// ```
/// assert!(dangjian::window::is_clause_end('，'));
/// assert!(dangjian::window::is_clause_end('。'));
/// assert!(!dangjian::window::is_clause_end('、'));
/// ```
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, ',' | '，' | ':' | '：')
}

/// Window edges fall on multiples of a quarter window, so that the
/// positions of one stretch of text without boundaries share their edge
/// (and callers can reuse what they computed for it).
fn step(window: usize) -> usize {
    (window / 4).max(1)
}

/// The first char boundary of `text` at or after the grid point just after
/// `at - window` (0 when the window reaches the start); between
/// `at - window` and `at - 3/4 window`.
fn window_start(text: &str, at: usize, window: usize) -> usize {
    let step = step(window);
    let mut s = (at.saturating_sub(window).div_ceil(step) * step).min(at);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

/// The last char boundary of `text` at or before the grid point just
/// before `at + window` (the text's length when the window reaches the
/// end).
fn window_end(text: &str, at: usize, window: usize) -> usize {
    let step = step(window);
    let mut e = (at.saturating_add(window) / step * step)
        .max(at)
        .min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    e
}

/// The longest prefix of `s` of at most `window` bytes, cut on a char
/// boundary: the stretch a forward scan from the start of `s` may look at.
///
/// ```
/// assert_eq!(dangjian::window::prefix("党员干部", 8), "党员");
/// assert_eq!(dangjian::window::prefix("党员", 100), "党员");
/// ```
pub fn prefix(s: &str, window: usize) -> &str {
    &s[..window_end(s, 0, window)]
}

/// Where the stretch that contains `at` starts: just after the last char
/// before `at` for which `is_end` holds, looking back at most `window`
/// bytes; the window's edge when there is none in it. `at` must be a char
/// boundary of `text` (else `at` itself is returned).
///
/// ```
/// use dangjian::window::{back_to, is_clause_end};
/// let t = "全年,开展活动30场";
/// assert_eq!(&t[back_to(t, t.len(), is_clause_end, 100)..], "开展活动30场");
/// ```
pub fn back_to(text: &str, at: usize, is_end: impl Fn(char) -> bool, window: usize) -> usize {
    if !text.is_char_boundary(at) {
        return at;
    }
    let from = window_start(text, at, window);
    text[from..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_end(c))
        .map_or(from, |(i, c)| from + i + c.len_utf8())
}

/// Where the stretch that contains `at` ends: just after the first char at
/// or after `at` for which `is_end` holds (the end char included), looking
/// ahead at most `window` bytes; the window's edge when there is none in
/// it. `at` must be a char boundary of `text` (else `at` itself is
/// returned).
///
/// ```
/// use dangjian::window::{forward_to, is_sentence_end};
/// let t = "开展活动30场。其余";
/// assert_eq!(&t[..forward_to(t, 0, is_sentence_end, 100)], "开展活动30场。");
/// ```
pub fn forward_to(text: &str, at: usize, is_end: impl Fn(char) -> bool, window: usize) -> usize {
    if !text.is_char_boundary(at) {
        return at;
    }
    let to = window_end(text, at, window);
    text[at..to]
        .char_indices()
        .find(|&(_, c)| is_end(c))
        .map_or(to, |(i, c)| at + i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_boundaries_on_ordinary_text() {
        let t = "第一句。第二句,有5名党员;第三句";
        let at = t.find('5').unwrap();
        assert_eq!(
            &t[back_to(t, at, is_sentence_end, SENTENCE)..at],
            "第二句,有"
        );
        assert_eq!(&t[back_to(t, at, is_clause_end, SENTENCE)..at], "有");
        assert_eq!(
            &t[at..forward_to(t, at, is_sentence_end, SENTENCE)],
            "5名党员;"
        );
        assert_eq!(back_to(t, 0, is_sentence_end, SENTENCE), 0);
        assert_eq!(forward_to(t, t.len(), is_sentence_end, SENTENCE), t.len());
    }

    #[test]
    fn window_edges_fall_on_char_boundaries() {
        let t = "“".repeat(100);
        for w in 0..20 {
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let s = back_to(&t, at, is_sentence_end, w);
                let e = forward_to(&t, at, is_sentence_end, w);
                assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
                assert!(s <= at && at <= e);
                assert!(at - s <= w && e - at <= w);
            }
        }
    }

    #[test]
    fn not_a_boundary_is_returned_as_is() {
        let t = "党员";
        assert_eq!(back_to(t, 1, is_sentence_end, 10), 1);
        assert_eq!(forward_to(t, 1, is_sentence_end, 10), 1);
    }
}
