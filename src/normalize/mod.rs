//! Stage 2 of the pipeline: normalization with a map back to the original.
//!
//! [`Normalizer::normalize`] turns a decoded document into the text every
//! later stage works on:
//!
//! * traditional → simplified, phrase-level, with OpenCC's dictionaries
//!   ([`opencc`]);
//! * full-width ASCII, digits and punctuation → half-width (`１２３` → `123`,
//!   `％` → `%`, `（` → `(`), the ideographic space and no-break space → a space;
//! * quotation marks `「」『』〝〞` and paired straight `"…"` → `“…”`;
//! * zero-width characters, soft hyphens and control characters dropped
//!   (line breaks kept; `\r\n` → `\n`);
//! * pinyin glosses after Han characters removed (`機關(guān)` → `机关`);
//! * stray Latin pinyin standing for a party-building word between Han
//!   characters mapped back (`机关dangwei(总支、支部)` → `机关党委(总支、支部)`),
//!   from the small table `data/pinyin-words.tsv`.
//!
//! The result carries an [`OffsetMap`] so that any span found on the
//! normalized text can be reported against the original, and the
//! [`Script`] the document is written in.
//!
//! ```
//! use dangjian::normalize::Normalizer;
//!
//! let n = Normalizer::default();
//! let out = n.normalize("黨的十八大以來，占比達３０.７％");
//! assert_eq!(out.text, "党的十八大以来,占比达30.7%");
//! // "30.7%" in the normalized text is "３０.７％" in the original
//! let s = out.text.find("30.7%").unwrap();
//! let (a, b) = out.map.to_original(s, s + "30.7%".len());
//! assert_eq!(&"黨的十八大以來，占比達３０.７％"[a..b], "３０.７％");
//! ```
//!
//! Guide: `docs/commands/normalize.md` (the command and OpenCC's
//! configurations), `docs/speed.md` (how the fast path is measured).

pub mod opencc;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, OffsetMapBuilder};
use opencc::{Converter, Variant};

/// The script a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Simplified characters only (or no Han characters at all).
    Simplified,
    /// Traditional characters, with at most a trace of simplified ones.
    Traditional,
    /// A real mixture.
    Mixed,
}

impl Script {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
            Script::Mixed => "mixed",
        }
    }
}

/// A normalized text, its map back to the original, and the original script.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Normalized byte offsets → original byte offsets.
    pub map: OffsetMap,
    /// Script of the original.
    pub script: Script,
    /// Han characters that the converter changed.
    pub traditional_chars: usize,
    /// Han characters that only exist in simplified script.
    pub simplified_chars: usize,
}

/// Which normalizations to apply; all on by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// Convert traditional to simplified.
    pub to_simplified: bool,
    /// Which traditional standard to fold.
    pub variant: Variant,
    /// Full-width → half-width.
    pub half_width: bool,
    /// Unify quotation marks to “…”.
    pub quotes: bool,
    /// Drop pinyin glosses after Han characters.
    pub strip_glosses: bool,
    /// Map stray pinyin words back to Han characters.
    pub pinyin_words: bool,
}

impl NormalizeOptions {
    /// Traditional → simplified conversion of `variant` and nothing else
    /// (widths, quotes, glosses and pinyin left as they are; zero-width and
    /// control characters are still dropped): OpenCC's output, with an
    /// offset map.
    ///
    /// ```
    /// use dangjian::normalize::{NormalizeOptions, Normalizer};
    /// use dangjian::normalize::opencc::Variant;
    /// let n = Normalizer::new(NormalizeOptions::conversion_only(Variant::Taiwan));
    /// assert_eq!(n.normalize_text("「虛偽」１２"), "「虚伪」１２");
    /// ```
    pub fn conversion_only(variant: Variant) -> Self {
        NormalizeOptions {
            to_simplified: true,
            variant,
            half_width: false,
            quotes: false,
            strip_glosses: false,
            pinyin_words: false,
        }
    }
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            to_simplified: true,
            variant: Variant::Any,
            half_width: true,
            quotes: true,
            strip_glosses: true,
            pinyin_words: true,
        }
    }
}

// Flags of the per-code-point table.
const MAPPED: u32 = 1 << 21;
const DROP: u32 = 1 << 22;
const PHRASE: u32 = 1 << 23;
const SPECIAL: u32 = 1 << 24;
const TRAD: u32 = 1 << 25;
const SIMP: u32 = 1 << 26;
const CHAR_MASK: u32 = (1 << 21) - 1;

// Flags of the dense table (above the output character's 21 bits).
const D_TRAD_SHIFT: u32 = 21;
const D_SIMP_SHIFT: u32 = 22;
const D_PHRASE: u32 = 1 << 23;
/// Needs the general path: dropped, special, or written as a character of
/// another length (`，` → `,`, which the offset map must record).
const D_SLOW: u32 = 1 << 24;

const BLOOM_BITS: u32 = 16;

/// The dense-table entry of code point `cp` from its full table entry `e`.
fn dense_entry(cp: u32, e: u32) -> u32 {
    let Some(c) = char::from_u32(cp) else {
        return D_SLOW; // surrogates never occur in a str
    };
    let out = if e & MAPPED != 0 {
        char::from_u32(e & CHAR_MASK).unwrap_or(c)
    } else {
        c
    };
    let mut d = out as u32;
    if e & TRAD != 0 {
        d |= 1 << D_TRAD_SHIFT;
    } else if e & SIMP != 0 {
        d |= 1 << D_SIMP_SHIFT;
    }
    if e & PHRASE != 0 {
        d |= D_PHRASE;
    }
    if e & (DROP | SPECIAL) != 0 || out.len_utf8() != c.len_utf8() {
        d |= D_SLOW;
    }
    d
}

/// The Bloom filter's bit for the pair (`a`, `b`).
#[inline]
fn bloom_bit(a: u32, b: u32) -> usize {
    ((a << 6) ^ b) as usize & ((1 << BLOOM_BITS) - 1)
}

// Compact flags for the hot loop.
const F_MAPPED: u8 = 1;
const F_DROP: u8 = 2;
const F_PHRASE: u8 = 4;
const F_SPECIAL: u8 = 8;
const F_TRAD: u8 = 16;
const F_SIMP: u8 = 32;
const F_ACTION: u8 = F_MAPPED | F_DROP | F_PHRASE | F_SPECIAL;

fn flags_from(e: u32) -> u8 {
    let mut f = 0;
    for (wide, narrow) in [
        (MAPPED, F_MAPPED),
        (DROP, F_DROP),
        (PHRASE, F_PHRASE),
        (SPECIAL, F_SPECIAL),
        (TRAD, F_TRAD),
        (SIMP, F_SIMP),
    ] {
        if e & wide != 0 {
            f |= narrow;
        }
    }
    f
}

const PINYIN_WORDS: &str = include_str!("../../data/pinyin-words.tsv");

/// The normalizer: build once, share freely (it is `Send + Sync` and cheap to
/// clone).
#[derive(Debug, Clone)]
pub struct Normalizer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    options: NormalizeOptions,
    converter: &'static Converter,
    /// Compact flags (`F_*`) of every BMP code point, for the hot loop.
    flags: Vec<u8>,
    /// A one-hash Bloom filter (2^16 bits) over the first two characters of
    /// every phrase (every phrase has two characters or more): the fast path
    /// tries a phrase only where it answers yes (about 2 % false positives
    /// for OpenCC's 1,300 first pairs).
    bloom: Box<[u64; (1 << BLOOM_BITS) / 64]>,
    /// The first two characters of every phrase, checked after `bloom`.
    bigrams: rustc_hash::FxHashSet<u64>,
    /// Whether some phrase has an ASCII second character.
    ascii_second: bool,
    /// For every BMP code point of three UTF-8 bytes (U+0800..U+FFFF): its
    /// output character (itself when unchanged) and the `D_*` flags; the
    /// fast path of [`Normalizer::normalize`] needs nothing else.
    dense: Box<[u32; 0x10000]>,
    /// Flags and mapped character of the code points beyond the BMP that
    /// have an entry (the BMP's are in `flags` and `dense`).
    astral: HashMap<char, u32>,
    pinyin: HashMap<&'static str, &'static str>,
}

impl Default for Normalizer {
    fn default() -> Self {
        static DEFAULT: LazyLock<Normalizer> =
            LazyLock::new(|| Normalizer::new(NormalizeOptions::default()));
        DEFAULT.clone()
    }
}

/// Whether `c` is a Han character: the CJK unified ideographs (basic block
/// and extensions A–G) and the compatibility ideographs. The one test of
/// "Chinese character" every stage uses.
///
/// ```
/// use dangjian::normalize::is_han;
/// assert!(is_han('党') && is_han('䶵'));
/// assert!(!is_han('。') && !is_han('A'));
/// ```
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// CJK punctuation that may sit next to a stray pinyin word.
fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '；'
            | '：'
            | '“'
            | '”'
            | '（'
            | '）'
            | '《'
            | '》'
            | '"'
            | '＂'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c)
}

impl Normalizer {
    /// A normalizer with the given options.
    ///
    /// ```
    /// use dangjian::normalize::{NormalizeOptions, Normalizer};
    /// let n = Normalizer::new(NormalizeOptions { to_simplified: false, ..Default::default() });
    /// assert_eq!(n.normalize("機關１２").text, "機關12");
    /// ```
    pub fn new(options: NormalizeOptions) -> Self {
        let converter = Converter::shared(options.variant);
        let mut table = vec![0u32; 0x10000];
        let mut astral: HashMap<char, u32> = HashMap::new();
        let mut set = |c: char, f: &dyn Fn(u32) -> u32| {
            let i = c as usize;
            if i < 0x10000 {
                table[i] = f(table[i]);
            } else {
                let e = astral.entry(c).or_insert(0);
                *e = f(*e);
            }
        };
        for s in converter.simplified_targets().collect::<Vec<_>>() {
            set(s, &|v| v | SIMP);
        }
        for c in converter.mapped_chars().collect::<Vec<_>>() {
            if let Some(m) = converter.char_mapping(c) {
                let trad = if is_han(c) { TRAD } else { 0 };
                if options.to_simplified {
                    set(c, &|v| (v & !CHAR_MASK & !SIMP) | MAPPED | trad | m as u32);
                } else {
                    set(c, &|v| (v & !SIMP) | trad);
                }
            }
        }
        if options.to_simplified {
            for c in converter.phrase_starts().collect::<Vec<_>>() {
                set(c, &|v| v | PHRASE);
            }
        }
        if options.half_width {
            for cp in 0xFF01u32..=0xFF5E {
                let half = cp - 0xFEE0;
                if let Some(c) = char::from_u32(cp) {
                    set(c, &|v| (v & !CHAR_MASK) | MAPPED | half);
                }
            }
            set('\u{3000}', &|v| (v & !CHAR_MASK) | MAPPED | ' ' as u32);
            set('\u{00A0}', &|v| (v & !CHAR_MASK) | MAPPED | ' ' as u32);
        }
        if options.quotes {
            for (from, to) in [
                ('「', '“'),
                ('」', '”'),
                ('『', '“'),
                ('』', '”'),
                ('〝', '“'),
                ('〞', '”'),
                ('〟', '”'),
                ('﹁', '“'),
                ('﹂', '”'),
            ] {
                set(from, &|v| (v & !CHAR_MASK) | MAPPED | to as u32);
            }
            set('"', &|v| v | SPECIAL);
            set('＂', &|v| v | SPECIAL);
        }
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
        ] {
            set(c, &|v| v | DROP);
        }
        for cp in (0u32..0x20).chain(0x7F..0xA0) {
            if cp != '\n' as u32 && cp != '\t' as u32 {
                if let Some(c) = char::from_u32(cp) {
                    set(c, &|v| v | DROP);
                }
            }
        }
        set('\r', &|v| (v & !DROP) | SPECIAL);
        set('\u{2028}', &|v| (v & !CHAR_MASK) | MAPPED | '\n' as u32);
        set('\u{2029}', &|v| (v & !CHAR_MASK) | MAPPED | '\n' as u32);
        if options.strip_glosses {
            set('(', &|v| v | SPECIAL);
            set('（', &|v| v | SPECIAL);
            // A gloss whose opening bracket a bad conversion turned into a
            // question mark: 日?rì).
            set('?', &|v| v | SPECIAL);
            set('？', &|v| v | SPECIAL);
        }
        if options.pinyin_words {
            for c in 'a'..='z' {
                set(c, &|v| v | SPECIAL);
            }
        }
        let pinyin = PINYIN_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(p, h)| (p.trim(), h.trim()))
            .collect();
        let flags = table.iter().map(|&e| flags_from(e)).collect();
        let bigrams: rustc_hash::FxHashSet<u64> = converter
            .phrase_bigrams()
            .map(|(a, b)| (u64::from(a as u32) << 32) | u64::from(b as u32))
            .collect();
        let ascii_second = converter.phrase_bigrams().any(|(_, b)| b.is_ascii());
        let mut bloom = Box::new([0u64; (1 << BLOOM_BITS) / 64]);
        for (a, b) in converter.phrase_bigrams() {
            let bit = bloom_bit(a as u32, b as u32);
            bloom[bit / 64] |= 1 << (bit % 64);
        }
        let mut dense = Box::new([0u32; 0x10000]);
        for (cp, slot) in (0u32..).zip(dense.iter_mut()) {
            *slot = dense_entry(cp, table[cp as usize]);
        }
        Normalizer {
            inner: Arc::new(Inner {
                options,
                converter,
                flags,
                bloom,
                bigrams,
                ascii_second,
                dense,
                astral,
                pinyin,
            }),
        }
    }

    /// The options this normalizer was built with.
    pub fn options(&self) -> &NormalizeOptions {
        &self.inner.options
    }

    #[inline]
    fn flags_of(&self, c: char) -> u8 {
        match self.inner.flags.get(c as usize) {
            Some(&f) => f,
            None => flags_from(self.inner.astral.get(&c).copied().unwrap_or(0)),
        }
    }

    /// Whether some phrase starts with `first` and the first character of
    /// `rest`.
    #[inline]
    fn starts_phrase(&self, first: char, rest: &str) -> bool {
        rest.chars().next().is_some_and(|second| {
            self.inner
                .bigrams
                .contains(&((u64::from(first as u32) << 32) | u64::from(second as u32)))
        })
    }

    #[inline]
    fn mapped_of(&self, c: char) -> char {
        let e = match self.inner.dense.get(c as usize) {
            Some(&d) => d, // the output character, the same bits as `table`'s
            None => self.inner.astral.get(&c).copied().unwrap_or(0),
        };
        char::from_u32(e & CHAR_MASK).unwrap_or(c)
    }

    /// Normalizes `text`; see the module documentation.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut p = Pass::new(text);
        let len = text.len();
        while p.i < len {
            let Some((c, clen, f)) = self.next_action(&mut p) else {
                continue;
            };
            p.count(f);
            if f & F_ACTION == 0 {
                p.i += clen;
                continue;
            }
            if f & F_PHRASE != 0 && self.phrase(&mut p, c, clen) {
                continue;
            }
            if f & F_SPECIAL != 0 && self.special(&mut p, c, clen) {
                continue;
            }
            if f & F_DROP != 0 {
                p.flush(p.i);
                p.restart(p.i + clen);
                continue;
            }
            if f & F_MAPPED != 0 {
                p.mapped(self.mapped_of(c), clen);
                continue;
            }
            p.i += clen;
        }
        p.finish()
    }

    /// Moves `p` to the next character that may need work and returns it
    /// with its length and flags (counted already when it came through the
    /// fast path), or `None` when the characters passed need nothing (or the
    /// text ended).
    #[inline]
    fn next_action(&self, p: &mut Pass) -> Option<(char, usize, u8)> {
        let bytes = p.text.as_bytes();
        let i = p.i;
        let b = bytes[i];
        if b < 0x80 {
            let f = self.inner.flags[b as usize];
            if f == 0 {
                if b == b'\n' {
                    p.quote_open = false;
                }
                p.i += 1;
                return None;
            }
            Some((b as char, 1, f))
        } else if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
            self.cjk_run(p)
        } else {
            let Some(c) = p.text[i..].chars().next() else {
                p.i = bytes.len();
                return None;
            };
            let f = self.flags_of(c);
            if f == 0 {
                p.i += c.len_utf8();
                return None;
            }
            Some((c, c.len_utf8(), f))
        }
    }

    /// The fast path: three-byte sequences (all of the BMP's CJK) decoded
    /// inline and handled from the dense table without data-dependent
    /// branches, until a character needs the general path or may start a
    /// phrase (returned, already counted) or the run of three-byte
    /// characters ends (`None`).
    /// Each character's successor is decoded once, to ask the Bloom filter
    /// about the pair, and becomes the next current character while the run
    /// lasts.
    #[inline]
    fn cjk_run(&self, p: &mut Pass) -> Option<(char, usize, u8)> {
        let text = p.text;
        let bytes = text.as_bytes();
        let flags: &[u8] = &self.inner.flags;
        let dense: &[u32; 0x10000] = &self.inner.dense;
        let bloom: &[u64; (1 << BLOOM_BITS) / 64] = &self.inner.bloom;
        let ascii_second = self.inner.ascii_second;
        let mut i = p.i;
        let mut cp = decode3(bytes, i);
        loop {
            let d = dense[cp as usize];
            p.trad += (d >> D_TRAD_SHIFT) as usize & 1;
            p.simp += (d >> D_SIMP_SHIFT) as usize & 1;
            // The next character if it has three bytes, and whether the
            // pair may start a phrase.
            let (next, pair) = match bytes.get(i + 3..i + 6) {
                Some(&[x, _, _]) if x & 0xF0 == 0xE0 => {
                    let n = decode3(bytes, i + 3);
                    let bit = bloom_bit(cp, n);
                    (n, (bloom[bit / 64] >> (bit % 64)) & 1 != 0)
                }
                _ => match bytes.get(i + 3) {
                    None => (u32::MAX, false),
                    Some(&x) if x < 0x80 => (u32::MAX, ascii_second),
                    Some(_) => (u32::MAX, true), // the general path decides
                },
            };
            if (d & D_SLOW != 0) | ((d & D_PHRASE != 0) & pair) {
                p.i = i;
                // Counted above already.
                let f = flags[cp as usize] & !(F_TRAD | F_SIMP);
                return Some((char::from_u32(cp).unwrap_or('\u{fffd}'), 3, f));
            }
            let o = d & CHAR_MASK;
            // Traditional text changes most characters: writing each one is
            // cheaper than guessing which to write.
            if (p.trad > p.simp) | (o != cp) {
                if i > p.run {
                    p.out.push_str(&text[p.run..i]);
                }
                // Same length: the offset map needs nothing.
                p.out.push(char::from_u32(o).unwrap_or('\u{fffd}'));
                p.run = i + 3;
            }
            i += 3;
            if next != u32::MAX {
                cp = next;
                continue;
            }
            // Plain ASCII (spaces, digits, commas, line breaks) between runs
            // of Chinese stays in the copied run.
            while let Some(&a) = bytes.get(i)
                && a < 0x80
                && flags[a as usize] == 0
            {
                if a == b'\n' {
                    p.quote_open = false;
                }
                i += 1;
            }
            match bytes.get(i..i + 3) {
                Some(&[x, _, _]) if x & 0xF0 == 0xE0 => cp = decode3(bytes, i),
                _ => {
                    p.i = i;
                    return None;
                }
            }
        }
    }

    /// Converts the OpenCC phrase that starts with `c` at `p.i`, if one
    /// does; whether it did.
    #[inline]
    fn phrase(&self, p: &mut Pass, c: char, clen: usize) -> bool {
        let (text, i) = (p.text, p.i);
        if !self.starts_phrase(c, &text[i + clen..]) {
            return false;
        }
        let Some((plen, conv)) = self.inner.converter.phrase_at(&text[i..]) else {
            return false;
        };
        p.flush(i);
        let seg = &text[i..i + plen];
        push_converted(&mut p.out, &mut p.map, i, seg, &conv);
        p.lin = i + plen;
        for c2 in seg.chars().skip(1) {
            p.count(self.flags_of(c2));
        }
        p.i += plen;
        p.run = p.i;
        true
    }

    /// The characters that are decided in context: a carriage return, a
    /// straight quotation mark (opening or closing by turns within a line),
    /// an opening bracket that starts a pinyin gloss after Han, and a
    /// lowercase word that may be stray pinyin. Whether `c` was handled.
    fn special(&self, p: &mut Pass, c: char, clen: usize) -> bool {
        let (text, i) = (p.text, p.i);
        match c {
            '\r' => {
                p.flush(i);
                if text.as_bytes().get(i + 1) != Some(&b'\n') {
                    p.out.push('\n');
                    p.map.replace(i, i + 1, 1);
                    p.quote_open = false;
                }
                p.restart(i + 1);
                true
            }
            '"' | '＂' => {
                p.flush(i);
                let q = if p.quote_open { '”' } else { '“' };
                p.quote_open = !p.quote_open;
                p.out.push(q);
                p.map.replace(i, i + clen, q.len_utf8());
                p.restart(i + clen);
                true
            }
            '(' | '（' | '?' | '？' => {
                if p.prev_out().first().is_some_and(|c| is_han(*c))
                    && let Some(glen) = gloss_len(&text[i..])
                {
                    p.flush(i);
                    p.restart(i + glen);
                    return true;
                }
                false
            }
            'a'..='z' => {
                let word_end = i + text[i..]
                    .bytes()
                    .position(|x| !x.is_ascii_lowercase())
                    .unwrap_or(text.len() - i);
                let prev = p.prev_out();
                if let Some(han) = self.pinyin_in_context(text, i, word_end, &prev) {
                    p.flush(i);
                    p.out.push_str(han);
                    p.map.replace(i, word_end, han.len());
                    p.restart(word_end);
                } else {
                    p.i = word_end;
                }
                true
            }
            _ => false,
        }
    }

    /// Normalizes and returns only the text.
    ///
    /// ```
    /// let n = dangjian::normalize::Normalizer::default();
    /// assert_eq!(n.normalize_text("「兩個維護」"), "“两个维护”");
    /// ```
    pub fn normalize_text(&self, text: &str) -> String {
        self.normalize(text).text
    }

    /// The Han word a stray pinyin word at `text[start..end]` stands for, when
    /// the context makes it certain: the word is in the table, and it is
    /// directly between Han characters or CJK punctuation (one bracket on
    /// either side allowed), never next to other Latin letters, digits or
    /// spaces.
    fn pinyin_in_context(
        &self,
        text: &str,
        start: usize,
        end: usize,
        prev: &[char],
    ) -> Option<&'static str> {
        let before = prev.first().copied();
        let han = *self.inner.pinyin.get(&text[start..end])?;
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == ' ') {
            return None;
        }
        // Characters the normalizer drops (zero-width, controls) do not count.
        let mut after_it = text[end..]
            .chars()
            .filter(|c| self.flags_of(*c) & F_DROP == 0);
        let after = after_it.next();
        if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '.') {
            return None;
        }
        let near_han = |c: Option<char>, beyond: Option<char>| match c {
            Some(c) if is_han(c) || is_cjk_punct(c) => true,
            Some('(' | ')') => beyond.is_some_and(|b| is_han(b) || is_cjk_punct(b)),
            _ => false,
        };
        let before2 = prev.get(1).copied();
        let after2 = after_it.next();
        (near_han(before, before2) && near_han(after, after2)).then_some(han)
    }
}

/// The state of one pass of [`Normalizer::normalize`] over a text: the
/// output so far, the offset map, the script counts and where the runs of
/// unchanged text began.
struct Pass<'t> {
    text: &'t str,
    out: String,
    map: OffsetMapBuilder,
    trad: usize,
    simp: usize,
    /// Start of a run of bytes copied unchanged into `out`.
    run: usize,
    /// Start of the run of the original that maps linearly (copied bytes
    /// and same-length replacements alike).
    lin: usize,
    quote_open: bool,
    /// The next byte to read.
    i: usize,
}

impl<'t> Pass<'t> {
    fn new(text: &'t str) -> Self {
        Pass {
            text,
            out: String::with_capacity(text.len()),
            map: OffsetMapBuilder::new(),
            trad: 0,
            simp: 0,
            run: 0,
            lin: 0,
            quote_open: false,
            i: 0,
        }
    }

    /// Counts a character as traditional or simplified by its flags.
    #[inline]
    fn count(&mut self, f: u8) {
        if f & F_TRAD != 0 {
            self.trad += 1;
        } else if f & F_SIMP != 0 {
            self.simp += 1;
        }
    }

    /// The characters before position `i` as written to the output, nearest
    /// first, at most two (text dropped before it, such as a gloss, does not
    /// count).
    fn prev_out(&self) -> Vec<char> {
        self.text[self.run..self.i]
            .chars()
            .rev()
            .chain(tail_str(&self.out).chars().rev())
            .take(2)
            .collect()
    }

    /// Ends the copied run and the linear run at `upto`.
    #[inline]
    fn flush(&mut self, upto: usize) {
        if upto > self.run {
            self.out.push_str(&self.text[self.run..upto]);
        }
        if upto > self.lin {
            self.map.copy(self.lin, upto - self.lin);
        }
    }

    /// Goes on reading at `at`, where both runs start again (what lies
    /// between the last flush and `at` was written or dropped already).
    #[inline]
    fn restart(&mut self, at: usize) {
        self.i = at;
        self.run = at;
        self.lin = at;
    }

    /// Writes `m` for the `clen`-byte character at `i` (a width or
    /// punctuation mapping); only a change of length enters the map.
    #[inline]
    fn mapped(&mut self, m: char, clen: usize) {
        let i = self.i;
        if i > self.run {
            self.out.push_str(&self.text[self.run..i]);
        }
        self.out.push(m);
        if m.len_utf8() != clen {
            // Not linear: close the linear run, record a replacement.
            if i > self.lin {
                self.map.copy(self.lin, i - self.lin);
            }
            self.map.replace(i, i + clen, m.len_utf8());
            self.lin = i + clen;
        }
        self.i = i + clen;
        self.run = self.i;
    }

    fn finish(mut self) -> Normalized {
        let len = self.text.len();
        self.flush(len);
        let norm_len = self.out.len();
        Normalized {
            text: self.out,
            map: self.map.finish(norm_len, len),
            script: script_of(self.trad, self.simp),
            traditional_chars: self.trad,
            simplified_chars: self.simp,
        }
    }
}

/// The code point of the three-byte UTF-8 sequence at `bytes[i..i + 3]`.
#[inline]
fn decode3(bytes: &[u8], i: usize) -> u32 {
    ((bytes[i] as u32 & 0x0F) << 12)
        | ((bytes[i + 1] as u32 & 0x3F) << 6)
        | (bytes[i + 2] as u32 & 0x3F)
}

/// The last few characters of UTF-8 output bytes (at most 16 bytes, cut on a
/// character boundary).
fn tail_str(out: &str) -> &str {
    let mut start = out.len().saturating_sub(16);
    while !out.is_char_boundary(start) {
        start += 1;
    }
    &out[start..]
}

/// Length of a pinyin gloss `(guān)` at the start of `s`: Latin letters with at
/// least one tone mark inside round brackets.
fn gloss_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    let close = if open == '（' { '）' } else { ')' };
    let mut tone = false;
    let mut letters = 0;
    for (j, c) in chars {
        if c == close || (c == ')' || c == '）') {
            return (tone && letters > 0).then_some(j + c.len_utf8());
        }
        if j > 48 {
            return None;
        }
        if is_tone_vowel(c) {
            tone = true;
            letters += 1;
        } else if c.is_ascii_lowercase() || c == 'ü' || c == ' ' || c == '\'' {
            letters += usize::from(c != ' ');
        } else {
            return None;
        }
    }
    None
}

/// Writes a converted phrase: character for character when both sides have
/// the same number of characters of the same byte lengths, else as one
/// atomic replacement.
fn push_converted(out: &mut String, map: &mut OffsetMapBuilder, at: usize, seg: &str, conv: &str) {
    out.push_str(conv);
    if seg.len() == conv.len()
        && seg.chars().count() == conv.chars().count()
        && seg
            .chars()
            .zip(conv.chars())
            .all(|(a, b)| a.len_utf8() == b.len_utf8())
    {
        map.copy(at, seg.len());
    } else {
        map.replace(at, at + seg.len(), conv.len());
    }
}

/// The script from counts of characters the converter changes (`trad`) and
/// of simplified forms (`simp`). The simplified forms include characters that
/// traditional text uses in their own right (后, 干, 台, 于 …: about 12 % of
/// the characters counted in the AS and CityU news texts), so a text is
/// traditional from 75 % changed characters on; simplified texts keep a few
/// changed ones (著, 乾 in names), so up to 10 % is still simplified.
fn script_of(trad: usize, simp: usize) -> Script {
    let total = trad + simp;
    if trad * 10 <= total {
        Script::Simplified
    } else if trad * 4 >= total * 3 {
        Script::Traditional
    } else {
        Script::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        Normalizer::default().normalize_text(s)
    }

    #[test]
    fn issue_example() {
        assert_eq!(
            n("黨的十八大以來天津市加強機關黨建工作綜述"),
            "党的十八大以来天津市加强机关党建工作综述"
        );
    }

    #[test]
    fn glosses_and_pinyin() {
        assert_eq!(n("機關(guān)和長（zhǎng）"), "机关和长");
        // The opening bracket garbled into a question mark.
        assert_eq!(n("某某日?rì)報?bào)"), "某某日报");
        assert_eq!(n("为什么?因为"), "为什么?因为");
        assert_eq!(
            n("相关部门机关dangwei(总支、支部)"),
            "相关部门机关党委(总支、支部)"
        );
        assert_eq!(n("部门党组(dangwei)主体"), "部门党组(党委)主体");
        // Not a gloss: no tone mark; not a stray word: English context.
        assert_eq!(n("报纸(PDF)"), "报纸(PDF)");
        assert_eq!(n("the dangwei is"), "the dangwei is");
    }

    #[test]
    fn widths_quotes_controls() {
        assert_eq!(n("１２３％，「好」"), "123%,“好”");
        assert_eq!(n("a\u{200B}b\r\nc"), "ab\nc");
        assert_eq!(n("说\"你好\"和\"再见\""), "说“你好”和“再见”");
    }

    #[test]
    fn script_detection() {
        let norm = Normalizer::default();
        assert_eq!(norm.normalize("党的建设").script, Script::Simplified);
        assert_eq!(norm.normalize("黨的建設機關").script, Script::Traditional);
        assert_eq!(norm.normalize("ascii only").script, Script::Simplified);
    }

    #[test]
    fn simplified_text_is_one_piece() {
        let r = Normalizer::default().normalize("党的十八大以来天津市加强机关党建工作综述");
        assert_eq!(r.map.pieces(), 1);
    }
}
