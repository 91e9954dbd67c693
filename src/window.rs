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
//! the whole pass stays linear. A text looked around at many positions
//! (the body, at every number) builds a [`Marks`] index of its ends once,
//! and each look-around is then a bisection rather than a scan.
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
/// in bytes (about 340 Chinese characters; a window reaches at least 3/4 of
/// it back, 768 bytes, and the longest of 36,800 sentences of reports and
/// news measured here is 652 bytes). Every claim reads its sentence, so on
/// text without sentence ends the work per claim grows with this window.
pub const SENTENCE: usize = 1024;

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

/// Whether `c` ends a phrase: a clause end, an enumeration comma, a
/// bracket or a book-title mark (the stretch a counted noun phrase is read
/// from never crosses one).
///
/// ```
/// assert!(dangjian::window::is_phrase_end('、'));
/// assert!(dangjian::window::is_phrase_end('，'));
/// assert!(!dangjian::window::is_phrase_end('“'));
/// ```
pub fn is_phrase_end(c: char) -> bool {
    is_clause_end(c) || matches!(c, '、' | '(' | ')' | '《' | '》')
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

/// The kinds of stretch a [`Marks`] index bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    /// Sentences: ended by [`is_sentence_end`].
    Sentence,
    /// Clauses: ended by [`is_clause_end`].
    Clause,
    /// Lines (paragraphs of a body): ended by `\n`.
    Line,
    /// Phrases: ended by [`is_phrase_end`].
    Phrase,
}

/// The sentence, clause and line ends of one text, found in one pass, so
/// that every later look-around on it is a bisection instead of a scan.
///
/// [`Marks::back_to`] and [`Marks::forward_to`] answer exactly what
/// [`back_to`] and [`forward_to`] answer for the same window; they differ
/// in cost. A scan reads the whole window when no end is in it, so on text
/// with thousands of numbers and no sentence end (a damaged page, a table
/// run together) every number costs a window's read, several times over;
/// with the index each look-around costs a logarithm. Build it once per
/// text (a document body keeps one in its `marks` field).
///
/// ```
/// use dangjian::window::{Ends, Marks, SENTENCE, back_to, is_clause_end};
/// let t = "今年以来,全市新建党组织12个。共发展党员300名。";
/// let marks = Marks::new(t);
/// let at = t.find("300").unwrap();
/// let (s, e) = (marks.back_to(t, Ends::Sentence, at, SENTENCE), marks.forward_to(t, Ends::Sentence, at, SENTENCE));
/// assert_eq!(&t[s..e], "共发展党员300名。");
/// assert_eq!(marks.back_to(t, Ends::Clause, at, SENTENCE), back_to(t, at, is_clause_end, SENTENCE));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Where each end char starts, in order, one list per kind; the char's
    /// length is recomputed from the text.
    sentence: Vec<usize>,
    clause: Vec<usize>,
    line: Vec<usize>,
    phrase: Vec<usize>,
    /// Where the opening (“「『) and closing (”」』) quotation marks start.
    opening: Vec<usize>,
    closing: Vec<usize>,
}

impl Marks {
    /// Finds the ends and quotation marks of `text`: one pass over its
    /// bytes (every mark is ASCII or a mark of the U+2000, U+3000 and
    /// U+FF00 blocks).
    pub fn new(text: &str) -> Marks {
        let mut m = Marks::default();
        // The first byte of every mark: the ASCII marks, and the lead byte
        // of the three blocks. A Han character's bytes are none of these, so
        // the search passes over them without decoding.
        let is_lead = |b: &u8| {
            matches!(
                b,
                b'\n' | b'!' | b'?' | b';' | b',' | b':' | b'(' | b')' | 0xE2 | 0xE3 | 0xEF
            )
        };
        let mut i = 0;
        while let Some(skip) = text.as_bytes()[i..].iter().position(is_lead) {
            i += skip;
            // `i` starts a char: an ASCII byte or a lead byte.
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            match c {
                '“' | '「' | '『' => m.opening.push(i),
                '”' | '」' | '』' => m.closing.push(i),
                _ => {}
            }
            if is_phrase_end(c) {
                m.phrase.push(i);
            }
            if is_clause_end(c) {
                m.clause.push(i);
                if is_sentence_end(c) {
                    m.sentence.push(i);
                    if c == '\n' {
                        m.line.push(i);
                    }
                }
            }
            i += c.len_utf8();
        }
        m
    }

    fn list(&self, kind: Ends) -> &[usize] {
        match kind {
            Ends::Sentence => &self.sentence,
            Ends::Clause => &self.clause,
            Ends::Line => &self.line,
            Ends::Phrase => &self.phrase,
        }
    }

    /// [`back_to`] for the ends of `kind`, on the `text` the marks were
    /// built from.
    pub fn back_to(&self, text: &str, kind: Ends, at: usize, window: usize) -> usize {
        if !text.is_char_boundary(at) {
            return at;
        }
        let from = window_start(text, at, window);
        let ends = self.list(kind);
        let i = ends.partition_point(|&p| p < at);
        match i.checked_sub(1).map(|j| ends[j]) {
            Some(p) if p >= from => p + char_len_at(text, p),
            _ => from,
        }
    }

    /// [`forward_to`] for the ends of `kind`, on the `text` the marks were
    /// built from.
    pub fn forward_to(&self, text: &str, kind: Ends, at: usize, window: usize) -> usize {
        self.forward_to_where(text, kind, at, window, |_| true)
    }

    /// [`forward_to`] for those ends of `kind` that `keep` accepts (a
    /// sentence ended by 。!? but not by a semicolon): the ends passed over
    /// are read one by one, so `keep` should reject few of them.
    ///
    /// ```
    /// use dangjian::window::{Ends, Marks};
    /// let t = "甲;乙。丙";
    /// let m = Marks::new(t);
    /// let e = m.forward_to_where(t, Ends::Sentence, 0, 100, |c| c != ';');
    /// assert_eq!(&t[..e], "甲;乙。");
    /// ```
    pub fn forward_to_where(
        &self,
        text: &str,
        kind: Ends,
        at: usize,
        window: usize,
        keep: impl Fn(char) -> bool,
    ) -> usize {
        if !text.is_char_boundary(at) {
            return at;
        }
        let to = window_end(text, at, window);
        let ends = self.list(kind);
        let i = ends.partition_point(|&p| p < at);
        ends[i..]
            .iter()
            .take_while(|&&p| p < to)
            .find_map(|&p| {
                let c = text[p..].chars().next()?;
                keep(c).then(|| p + c.len_utf8())
            })
            .unwrap_or(to)
    }

    /// Whether more quotation marks open than close in `[from, to)`: a
    /// position `to` inside a quotation that began after `from`.
    ///
    /// ```
    /// use dangjian::window::Marks;
    /// let t = "开展“百名书记进百村”活动";
    /// let m = Marks::new(t);
    /// assert!(m.more_opened(0, t.find("百名").unwrap()));
    /// assert!(!m.more_opened(0, t.find("活动").unwrap()));
    /// ```
    pub fn more_opened(&self, from: usize, to: usize) -> bool {
        let between = |marks: &[usize]| {
            marks
                .partition_point(|&p| p < to)
                .saturating_sub(marks.partition_point(|&p| p < from))
        };
        between(&self.opening) > between(&self.closing)
    }
}

/// The length of the char that starts at `at`.
fn char_len_at(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
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

    #[test]
    fn marks_answer_as_the_scans_do() {
        let texts = [
            "第一句。第二句,有5名党员;第三句\n下一段:共10人！完",
            "《条例》(试行)、甲、乙:“丙”",
            "“一「二『三』」”“四…—”",
            &"（“5名".repeat(400),
            &("今年以来,全市新建党组织12个。".repeat(50) + &"、".repeat(700) + "共3人。\n"),
            "",
            "。\n",
        ];
        for t in texts {
            let m = Marks::new(t);
            for w in [0, 3, 7, 60, SENTENCE, PARAGRAPH] {
                for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    let head = &t[..at];
                    let opened = head.matches(['“', '「', '『']).count()
                        > head.matches(['”', '」', '』']).count();
                    assert_eq!(m.more_opened(0, at), opened, "quotes {at}");
                    for (kind, f) in [
                        (Ends::Sentence, is_sentence_end as fn(char) -> bool),
                        (Ends::Clause, is_clause_end),
                        (Ends::Line, |c| c == '\n'),
                        (Ends::Phrase, is_phrase_end),
                    ] {
                        assert_eq!(
                            m.back_to(t, kind, at, w),
                            back_to(t, at, f, w),
                            "{kind:?} back {at} {w}"
                        );
                        assert_eq!(
                            m.forward_to(t, kind, at, w),
                            forward_to(t, at, f, w),
                            "{kind:?} fwd {at} {w}"
                        );
                    }
                }
            }
        }
    }
}
