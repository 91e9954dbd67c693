//! Stage 4b: numbered formulations, quoted slogans and terms, cited documents.
//!
//! **Numbered formulations** (数字化提法) name a fixed set of items by their
//! number: 两个维护, 三会一课, 五基三化, the city's own 三创. A formulation is
//! recognized when
//!
//! * it is in the lexicon of established national ones (`data/formulations.tsv`),
//!   quoted or not;
//! * the text quotes it and it starts with a number word (一…十, 百, 千, 万, 两,
//!   双) that is not a date (七一), a duration (三年…), a quantity (百名…), a
//!   rating (五星级) or a building number (三号楼) — “三创”, “四要”, “八有”;
//! * it has the shape number-X-number-Y with numbers other than 一 (三会一课,
//!   六有一好, 双争双促), unquoted too;
//! * a quoted 一X with further numbers (“一企一策”, “一轴两翼三中心”,
//!   “一心多点”); unquoted only 一X一Y over a unit of organization (一村一品,
//!   一户一档) — other unquoted 一X一Y are mostly idioms (一言一行);
//! * a digit formula (“1+5+20”, “258”, 1+N) or a quoted N级X (“三级联动”);
//! * each part of a quoted list of formulations (“双报到、双服务”);
//! * a count right after a list of exactly that many items, which it names
//!   (“A、B、C”三力提升, A、B、C“三项行动”).
//!
//! Idioms and set phrases that start with a number (千方百计, 一把手, 一体推进)
//! are never formulations (`data/numeric-idioms.txt`); nor are ordinals
//! (第一方阵 is a slogan), list markers (一是) or counts (三项制度, 两批).
//! Canonical form: simplified, no quotes, a trailing 活动/行动/工程 dropped.
//!
//! **Expansion linking**: items spelled out right beside a mention — after a
//! lead-in (即, a colon, a bracket), in the clause before it, as paragraph
//! heads or 一是/二是 sentences, or the counted parts of a digit formula — are
//! read first (module `adjacent`). Otherwise an enumeration elsewhere is
//! linked — the number of items must equal the formulation's number (or
//! numbers: 六有一好 = six items with 有 and one with 好), and every item must
//! contain the formulation's key morpheme (机关**创**品牌 for 三**创**), or, for
//! an enumeration in the same or the next sentence as a mention, all items must
//! share a template (a common suffix or prefix: 学习**型**、服务奉献**型** … for
//! 五星). Two different candidate expansions with equal evidence give none.
//!
//! **Quoted material** (“…”) that is not a formulation is classified, in this
//! order:
//!
//! | kind | rule | corpus examples |
//! |---|---|---|
//! | `quote` | a sentence: sentence punctuation inside or at the end, or longer than 24 characters | “建设让党中央放心、让人民群众满意的模范机关。” |
//! | `honor` | ends in an honour (先进集体, 示范单位, 标兵, 红旗党支部, 五星党员, 最美…) | “清廉广西工作建设先进集体”, “红旗党支部” |
//! | `slogan` | parallel parts separated by 、 or , (社区吹哨、部门报到), or an ordinal head (第一方阵) | “群众点单、社区派单、党员接单” |
//! | `title` | a name of a programme, brand, team, platform or column (…讲堂, …服务团, …之家, …联盟, …直通车) | “党课大讲堂”, “亲清助企服务团” |
//! | `term` | anything else: a short concept | “机关病”, “慵懒散”, “牛鼻子” |
//!
//! **Cited documents** (《…》) are classified as `paper` (…日报, …报), `column`
//! (followed by 专栏/栏目), `policy` (意见, 通知, 办法, 条例, 方案, 规划, 清单 …),
//! `book` (after 读/研读/阅读, or a known book shape) or `other`. A document
//! nested in another (〈…〉) is reported too.
//!
//! ```
//! use dangjian::formulations::extract_text;
//! let e = extract_text("开展“机关创品牌、支部创红旗、党员创五星”活动。制定“三创”活动实施方案,严格执行“三会一课”。");
//! let f: Vec<&str> = e.formulations.iter().map(|f| f.text.as_str()).collect();
//! assert_eq!(f, ["三创", "三会一课"]);
//! assert_eq!(
//!     e.formulations[0].expansion.as_deref(),
//!     Some(&["机关创品牌".to_string(), "支部创红旗".to_string(), "党员创五星".to_string()][..])
//! );
//! assert_eq!(e.slogans[0].kind, dangjian::formulations::QuoteKind::Slogan);
//! ```

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::body::Body;
use crate::numerals;
use crate::taken::Taken;

mod adjacent;

/// A numbered formulation with its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulation {
    /// Canonical text: simplified, no quotation marks.
    pub text: String,
    /// The (first) number it counts by: 3 for 三创, 5 for 五基三化.
    pub number: u32,
    /// Whether the text quotes it at least once.
    pub quoted: bool,
    /// The items, when the document spells them out.
    pub expansion: Option<Vec<String>>,
    /// Byte spans of every mention in the original text.
    pub mentions: Vec<[usize; 2]>,
    /// Whether it is in the lexicon of established national formulations.
    pub national: bool,
}

/// Kinds of quoted material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Parallel campaign language: 社区吹哨、部门报到.
    Slogan,
    /// A short concept: 机关病.
    Term,
    /// A name of a programme, brand, team or column: 党课大讲堂.
    Title,
    /// An honour: 红旗党支部.
    Honor,
    /// A quoted sentence of speech.
    Quote,
}

impl QuoteKind {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Slogan => "slogan",
            QuoteKind::Term => "term",
            QuoteKind::Title => "title",
            QuoteKind::Honor => "honor",
            QuoteKind::Quote => "quote",
        }
    }
}

/// Quoted material that is not a formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slogan {
    /// The quoted text, simplified, without quotation marks.
    pub text: String,
    /// Its kind.
    pub kind: QuoteKind,
    /// Byte span (inside the quotation marks) in the original text.
    pub span: [usize; 2],
}

/// Kinds of cited documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A policy document: 意见, 通知, 条例, 方案 …
    Policy,
    /// A newspaper or periodical.
    Paper,
    /// A column or programme.
    Column,
    /// A book.
    Book,
    /// Anything else (courses, films, songs …).
    Other,
}

/// A document cited in 《…》.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedDocument {
    /// Title, simplified, without the brackets.
    pub title: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// Byte span (inside the brackets) in the original text.
    pub span: [usize; 2],
}

/// Everything this stage finds in a body.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Numbered formulations, in order of first mention.
    pub formulations: Vec<Formulation>,
    /// Other quoted material, in text order.
    pub slogans: Vec<Slogan>,
    /// Cited documents, in text order.
    pub documents: Vec<CitedDocument>,
}

const LEXICON: &str = include_str!("../data/formulations.tsv");
const IDIOMS: &str = include_str!("../data/numeric-idioms.txt");

struct Lexicon {
    national: Vec<String>,
    matcher: Option<AhoCorasick>,
    idioms: FxHashSet<String>,
    /// The longest idiom, in bytes: no longer head of a text is one.
    longest_idiom: usize,
}

impl Lexicon {
    fn is_national(&self, s: &str) -> bool {
        self.national.iter().any(|n| n == s)
    }

    /// Whether `s` starts with an idiom of at least `min_chars` characters.
    /// The heads of `s` are looked up, one per character up to the longest
    /// idiom, instead of every idiom being tried against `s`.
    fn has_idiom_head(&self, s: &str, min_chars: usize) -> bool {
        s.char_indices()
            .map(|(i, _)| i)
            .chain([s.len()])
            .skip(min_chars.max(1))
            .take_while(|&end| end <= self.longest_idiom)
            .any(|end| self.idioms.contains(&s[..end]))
    }
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let national: Vec<String> = LEXICON
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&national)
        .ok();
    let idioms: FxHashSet<String> = IDIOMS
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    let longest_idiom = idioms.iter().map(String::len).max().unwrap_or(0);
    Lexicon {
        national,
        matcher,
        idioms,
        longest_idiom,
    }
});

/// The value of a number word that may start a formulation.
fn number_word(c: char) -> Option<u32> {
    match c {
        '双' => Some(2),
        '百' => Some(100),
        '千' => Some(1000),
        '万' => Some(10000),
        '十' => Some(10),
        _ => numerals::chinese_digit(c).filter(|d| *d > 0),
    }
}

/// Whether `s` starts with a number word: exactly when [`leading_number`]
/// finds one.
fn starts_with_number_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| number_word(c).is_some())
}

/// Leading number of a formulation candidate (十二 → 12, 两 → 2).
fn leading_number(s: &str) -> Option<(u32, usize)> {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if number_word(c).is_some() && !matches!(c, '百' | '千' | '万')
            || (i == 0 && number_word(c).is_some())
        {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    let head = &s[..end];
    let v = if head == "双" {
        2
    } else {
        numerals::parse_chinese(head)
            .ok()
            .map(|d| d.to_f64() as u32)
            .or_else(|| head.chars().next().and_then(number_word))?
    };
    Some((v, end))
}

const TRAILING: &[&str] = &["活动", "行动", "工程"];

fn canonical(s: &str) -> String {
    let mut t = s.trim().trim_matches(['“', '”', '"']).to_string();
    for suf in TRAILING {
        // 五项行动 keeps its noun: 五项 alone names nothing.
        if let Some(rest) = t.strip_suffix(suf)
            && rest.chars().count() >= 2
            && leading_number(rest).is_some()
            && !rest.ends_with(['项', '个', '条', '大', '类', '种', '批'])
        {
            t = rest.to_string();
        }
    }
    t
}

/// Units of organization a 一X一Y formulation gives one thing each (一村一品,
/// 一企一策, 一户一档, 一事一议); idioms of that shape have a verb or a body
/// part there (一言一行, 一心一意).
const UNIT_OF_ORGANIZATION: &str = "村镇乡县区市省街居户企店校园厂岗事案业社组格院站所局楼";

/// Words that may follow an unquoted 一X一Y formulation (一村一品的, 一企一策
/// 服务); any other character may continue its last word.
const AFTER_ONE_PER_UNIT: &[&str] = &[
    "的", "和", "与", "及", "等", "为", "是", "发展", "特色", "产业", "模式", "工作", "机制",
    "服务", "建设", "思路", "格局", "要求", "制度", "办法", "方式", "行动", "活动", "工程", "战略",
    "目标", "示范", "格局", "帮扶", "精准", "管理", "推进", "落实",
];

/// Whether `s` (a quoted string or a candidate) is a numbered formulation.
fn is_formulation(s: &str, quoted: bool) -> bool {
    let lex = &*LEX;
    if lex.is_national(s) {
        return true;
    }
    // Every other one has a leading number: most quotes and candidates stop
    // here, before any counting.
    if !starts_with_number_word(s) {
        return false;
    }
    let n = s.chars().count();
    let numbers_after_head = s
        .chars()
        .skip(2)
        .filter(|c| number_word(*c).is_some())
        .count();
    // 五化三融入一责任体系: a long name of several numbered parts, none of
    // them a count (两纵两横三个重要路段 is a count).
    let counted_part = s
        .char_indices()
        .skip(1)
        .any(|(i, c)| number_word(c).is_some() && s[i + c.len_utf8()..].starts_with('个'));
    let max_len = if quoted && numbers_after_head >= 2 && !counted_part {
        10
    } else {
        8
    };
    if !(2..=max_len).contains(&n)
        || lex.idioms.contains(s)
        || HONOR_SUFFIX.iter().any(|h| s.ends_with(h))
    {
        return false;
    }
    // An idiom at the head (一把手工程, 三年行动, 双方一致).
    if lex.has_idiom_head(s, 2) {
        return false;
    }
    let chars: Vec<char> = s.chars().collect();
    let Some((_, head)) = leading_number(s) else {
        return false;
    };
    // 百姓, 万家, 千里 …: a round number leads a formulation only in a
    // pattern with a second number (百县千乡).
    if matches!(chars[0], '百' | '千' | '万')
        && !chars.iter().skip(1).any(|c| number_word(*c).is_some())
    {
        return false;
    }
    let rest = &s[head..];
    let first_rest = rest.chars().next().unwrap_or(' ');
    // 五级联动, 四级联动: levels acting together, quoted.
    let levels = quoted
        && rest.starts_with('级')
        && rest.chars().count() >= 3
        && !rest.ends_with('级')
        && !rest.starts_with("级别");
    // Not a quantity, rating, date, building or duration.
    if rest.is_empty()
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || !levels
            && [
                "名", "人", "级", "号", "年", "月", "日", "天", "周", "星级", "是", "岁", "倍",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
    {
        return false;
    }
    if !rest.chars().all(is_ideograph) {
        return false;
    }
    // Quantity words after the number: 三项制度, 两批, 七个支部 … are counts
    // unless quoted.
    let nxmy = chars.len() >= 4
        && number_word(chars[0]).is_some()
        && (2..chars.len()).any(|i| number_word(chars[i]).is_some() && i >= 2);
    if chars[0] == '一' {
        // Quoted: 一X一Y, 一X两Y三Z, 一X多Y, 一X一个Y (one per unit).
        // Unquoted only 一X一Y over a unit of organization (一村一品,
        // 一企一策); other unquoted 一X一Y are mostly idioms (一言一行).
        let second = chars
            .iter()
            .skip(2)
            .any(|c| number_word(*c).is_some_and(|v| v <= 10) || *c == '多');
        if quoted {
            return chars.len() >= 4 && number_word(chars[1]).is_none() && second;
        }
        return chars.len() == 4
            && chars[2] == '一'
            && UNIT_OF_ORGANIZATION.contains(chars[1])
            && number_word(chars[3]).is_none();
    }
    if nxmy && chars[0] != '一' {
        let second = chars
            .iter()
            .skip(1)
            .position(|c| number_word(*c).is_some())
            .map(|p| p + 1);
        if let Some(p) = second
            && p >= 2
            && p < chars.len() - 1
            && (quoted || (chars.len() <= 6 && first_rest != '个'))
        {
            return true;
        }
    }
    quoted && n <= 7 && !matches!(first_rest, '批' | '次' | '项' | '条' | '份' | '期' | '轮')
}

/// The formulations a quoted string names: itself, or each part of a list
/// of formulations (“双报到、双服务” → 双报到, 双服务). In such a list a part
/// led by 一 counts too (“一带头、两争当”).
fn formulation_candidates(q: &str) -> Vec<String> {
    // Every formulation has a number word or a digit (each national one
    // starts with a number word): most quotes have neither and name none.
    if !q
        .chars()
        .any(|c| number_word(c).is_some() || c.is_ascii_digit() || matches!(c, 'N' | 'n'))
    {
        return Vec::new();
    }
    let c = canonical(q);
    if is_formulation(&c, true) || is_digit_formula(&c) {
        return vec![c];
    }
    // “党建+三变+X”: a formulation joined to other names by +.
    if c.contains(['+', '＋']) {
        return c
            .split(['+', '＋'])
            .map(canonical)
            .filter(|p| is_formulation(p, true))
            .collect();
    }
    let parts: Vec<String> = c.split(['、', ' ']).map(canonical).collect();
    if parts.len() < 2 || parts.iter().any(String::is_empty) {
        return Vec::new();
    }
    let strong = parts.iter().filter(|p| is_formulation(p, true)).count();
    let weak = |p: &str| {
        p.starts_with('一') && (2..=8).contains(&p.chars().count()) && !LEX.has_idiom_head(p, 1)
    };
    if strong >= 1 && parts.iter().all(|p| is_formulation(p, true) || weak(p)) {
        return parts;
    }
    Vec::new()
}

/// A formula of digits (“139”, 1+N, 2+14+68+610, 1+1>2): two to four digits
/// alone, or numbers (or N) joined by `+`, optionally compared with `>`.
///
/// ```
/// # use dangjian::formulations::is_digit_formula;
/// assert!(is_digit_formula("1+9+27"));
/// assert!(is_digit_formula("1+N"));
/// assert!(is_digit_formula("439"));
/// assert!(!is_digit_formula("12345"));
/// assert!(!is_digit_formula("2046"));
/// assert!(!is_digit_formula("2024年"));
/// ```
pub fn is_digit_formula(s: &str) -> bool {
    let s = s.trim();
    if !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()) {
        // Not a year (“2046”, “1921” name a year or a title first).
        let year = s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
        return s.len() >= 3 && !s.starts_with('0') && !year;
    }
    let (lhs, rhs) = match s.split_once(['>', '﹥', '＞']) {
        Some((l, r)) => (l, Some(r)),
        None => (s, None),
    };
    if rhs.is_some_and(|r| r.is_empty() || !r.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = lhs.split(['+', '＋']).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 4
                && (p.chars().all(|c| c.is_ascii_digit()) || *p == "N" || *p == "n")
        })
}

/// The first `n` characters of `s` (all of it when shorter): what
/// `s.chars().take(n).collect::<String>()` holds, without the copy. The
/// characters are counted a block at a time (`chars().count()` is
/// vectorized), then one by one in the block where the `n`th ends.
fn char_prefix(s: &str, n: usize) -> &str {
    const BLOCK: usize = 256;
    let mut start = 0;
    let mut left = n;
    // Once no more bytes than characters are left, all of them fit.
    while s.len() - start > left {
        let mut end = (start + BLOCK).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        let block = &s[start..end];
        let k = block.chars().count();
        if k >= left {
            let cut = block
                .char_indices()
                .nth(left)
                .map_or(block.len(), |(i, _)| i);
            return &s[..start + cut];
        }
        left -= k;
        start = end;
    }
    s
}

/// Extracts from plain text (normalized internally).
pub fn extract_text(text: &str) -> Extracted {
    let norm = crate::normalize::Normalizer::default().normalize(text);
    extract(&Body::new(
        norm.text,
        norm.map,
        &crate::segment::Segmenter::default(),
    ))
}

/// What a page's heading lines (`head`, its title and subtitle) and its body
/// state together, the heading first: a formulation named in both is one,
/// with the mentions of both and the body's expansion when the heading has
/// none.
///
/// ```
/// use dangjian::formulations::{extract_text, merge};
/// let head = extract_text("以“三创”引领机关党建");
/// let body = extract_text("全市开展“三创”活动,即机关创品牌、支部创红旗、党员创五星。");
/// let m = merge(head, body);
/// assert_eq!(m.formulations.len(), 1);
/// assert_eq!(m.formulations[0].mentions.len(), 2);
/// assert!(m.formulations[0].expansion.is_some());
/// ```
pub fn merge(head: Extracted, body: Extracted) -> Extracted {
    let mut out = head;
    for f in body.formulations {
        match out.formulations.iter_mut().find(|h| h.text == f.text) {
            Some(h) => {
                h.mentions.extend(f.mentions);
                h.quoted |= f.quoted;
                if h.expansion.is_none() {
                    h.expansion = f.expansion;
                }
            }
            None => out.formulations.push(f),
        }
    }
    out.slogans.extend(body.slogans);
    out.documents.extend(body.documents);
    out
}

/// What the stage reads of a text by position, found in one pass over its
/// characters: the punctuation marks that bound quotes, titles and
/// enumeration items, and the numbers that may open an N-X-M-Y formulation.
#[derive(Default)]
struct Scan {
    /// The [`is_mark`] characters, in text order.
    marks: Vec<(usize, char)>,
    /// Where a number that opens an N-X-M-Y candidate ([`opens_nxmy`])
    /// stands after no other number word and no 第 (第三会).
    openers: Vec<usize>,
}

impl Scan {
    fn new(text: &str) -> Scan {
        let mut scan = Scan::default();
        let mut prev = '\0';
        for (i, c) in text.char_indices() {
            // Most characters are ideographs, and no mark is one.
            if is_ideograph(c) {
                if opens_nxmy(c) && number_word(prev).is_none() && prev != '第' {
                    scan.openers.push(i);
                }
            } else if is_mark(c) {
                scan.marks.push((i, c));
            }
            prev = c;
        }
        scan
    }
}

/// Whether `c` is in the block of common ideographs (U+4E00–U+9FFF).
fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The marks the stage reads: quotation marks, title brackets, and the
/// marks that end an enumeration item ([`ends_item`]).
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '〈' | '〉') || ends_item(c)
}

/// A quoted stretch of the body text.
#[derive(Debug, Clone)]
struct Quoted {
    /// Inside the quotation marks.
    start: usize,
    end: usize,
    /// Whether it sits inside another quote that closes: such inner quotes
    /// are read for formulations but are not slogans of their own.
    nested: bool,
}

/// Balanced “…” pairs within a line, and straight "…" pairs in a line with
/// an even number of them; a quote longer than 120 characters is ignored.
/// A quote inside another (“学习“三会一课”制度”) is kept as nested; an
/// opening mark that never closes does not hide the quotes after it.
/// Read from the `marks` of the text's [`Scan`].
fn quotes(text: &str, marks: &[(usize, char)]) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    // The marks of each line, its line break included.
    for line in marks.split_inclusive(|&(_, c)| c == '\n') {
        let first = out.len();
        quotes_in_line(text, line, &mut out);
        unnest_orphans(&mut out[first..]);
    }
    out.sort_by_key(|q| q.start);
    out
}

/// The quotes of one line, from its marks.
fn quotes_in_line(text: &str, line: &[(usize, char)], out: &mut Vec<Quoted>) {
    let mut open: Vec<usize> = Vec::new();
    let straight = line.iter().filter(|&&(_, c)| c == '"').count() % 2 == 0;
    let mut straight_open: Option<usize> = None;
    for &(i, c) in line {
        let close = |s: usize, depth: usize, out: &mut Vec<Quoted>| {
            let inner = &text[s..i];
            if !inner.trim().is_empty() && inner.chars().count() <= 120 {
                out.push(Quoted {
                    start: s,
                    end: i,
                    nested: depth > 0,
                });
            }
        };
        match c {
            '“' => open.push(i + c.len_utf8()),
            '”' => {
                if let Some(s) = open.pop() {
                    close(s, open.len(), out);
                }
            }
            '"' if straight => match straight_open.take() {
                Some(s) => close(s, open.len(), out),
                None => straight_open = Some(i + 1),
            },
            _ => {}
        }
    }
}

/// A nested quote of one line whose outer quote never closed is a quote of
/// its own: it stays nested only inside a quote of the line that is not
/// nested itself. The outer quotes are sorted once, so that each nested
/// one is a bisection rather than a pass over the line's quotes.
fn unnest_orphans(line: &mut [Quoted]) {
    if !line.iter().any(|q| q.nested) {
        return;
    }
    // Outer quotes by start, each with the furthest end of those up to it.
    let mut outer: Vec<(usize, usize)> = line
        .iter()
        .filter(|q| !q.nested)
        .map(|q| (q.start, q.end))
        .collect();
    outer.sort_unstable();
    let mut reach = 0;
    for o in &mut outer {
        reach = reach.max(o.1);
        o.1 = reach;
    }
    for q in line.iter_mut().filter(|q| q.nested) {
        let k = outer.partition_point(|&(s, _)| s < q.start);
        q.nested = k > 0 && q.end < outer[k - 1].1;
    }
}

/// Extracts formulations, slogans and cited documents from a body.
pub fn extract(body: &Body) -> Extracted {
    let text = body.text.as_str();
    let scan = Scan::new(text);
    let qs = quotes(text, &scan.marks);
    let mut forms: Vec<(String, bool)> = Vec::new();
    let mut slogans = Vec::new();
    for q in &qs {
        let inner = &text[q.start..q.end];
        let found = formulation_candidates(inner);
        for f in &found {
            if !forms.iter().any(|(t, _)| t == f) {
                forms.push((f.clone(), true));
            }
        }
        if !found.is_empty() || q.nested {
            continue;
        }
        let before = text[..q.start]
            .strip_suffix('“')
            .unwrap_or(&text[..q.start]);
        let after = text[q.end..].strip_prefix('”').unwrap_or(&text[q.end..]);
        let kind = classify_quote(inner, before, after);
        slogans.push(Slogan {
            text: inner.trim().to_string(),
            kind,
            span: body.span(q.start, q.end),
        });
    }
    // Unquoted: the national lexicon and N-X-M-Y shapes.
    let lex = &*LEX;
    if let Some(m) = &lex.matcher {
        for hit in m.find_iter(text) {
            let t = lex.national[hit.pattern().as_usize()].clone();
            if !forms.iter().any(|(x, _)| *x == t) {
                forms.push((t, false));
            }
        }
    }
    for cand in list_named(text, &qs) {
        if !forms.iter().any(|(x, _)| *x == cand.0) {
            forms.push(cand);
        }
    }
    for cand in digit_formulas_with_n(text) {
        if !forms.iter().any(|(x, _)| *x == cand) {
            forms.push((cand, false));
        }
    }
    for cand in nxmy_candidates(text, &scan.openers) {
        if is_formulation(cand, false) && !forms.iter().any(|(x, _)| x == cand) {
            forms.push((cand.to_string(), false));
        }
    }
    // Mentions: every occurrence of each canonical form (quoted or not),
    // longest forms first so 两个一百年 does not also count as a shorter one.
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(forms[i].0.len()));
    let mut covered = Taken::new(text.len());
    let mut mentions: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for i in order {
        let f = &forms[i].0;
        let mut from = 0;
        // (`contains` is cheaper than a search that fails, as the last
        // search for every form does.)
        while text[from..].contains(f.as_str())
            && let Some(p) = text[from..].find(f.as_str())
        {
            let s = from + p;
            let e = s + f.len();
            from = e;
            if covered.overlaps(s, e) {
                continue;
            }
            // Inside a longer number (139 in 1395) is not a mention.
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '+');
            if f.starts_with(|c: char| c.is_ascii_digit())
                && (digit(text[..s].chars().next_back()) || digit(text[e..].chars().next()))
            {
                continue;
            }
            // Inside a longer number word run (十三会一课) is not a mention.
            if text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| number_word(c).is_some())
                && !forms[i].1
            {
                continue;
            }
            covered.take(s, e);
            mentions.entry(i).or_default().push((s, e));
        }
    }
    // Read only when a formulation is not expanded beside a mention.
    let runs = OnceCell::new();
    let mut formulations: Vec<(usize, Formulation)> = forms
        .iter()
        .enumerate()
        .filter_map(|(i, (t, quoted))| {
            let ms = mentions.get(&i)?;
            let first = ms.iter().map(|m| m.0).min().unwrap_or(0);
            let number = leading_number(t).map_or(0, |(v, _)| v);
            let expansion = expand(t, text, &scan.marks, ms, &runs);
            let quoted = *quoted
                || ms
                    .iter()
                    .any(|&(s, e)| text[..s].ends_with('“') && text[e..].starts_with('”'));
            Some((
                first,
                Formulation {
                    text: t.clone(),
                    number,
                    quoted,
                    expansion,
                    mentions: {
                        let mut v: Vec<[usize; 2]> =
                            ms.iter().map(|&(s, e)| body.span(s, e)).collect();
                        v.sort();
                        v
                    },
                    national: lex.is_national(t),
                },
            ))
        })
        .collect();
    formulations.sort_by_key(|(first, _)| *first);
    Extracted {
        formulations: formulations.into_iter().map(|(_, f)| f).collect(),
        slogans,
        documents: cited_documents(body, &scan.marks),
    }
}

/// Words after a number that make a count, a time or a part of speech
/// rather than a name, even right after a list (三个方面, 三年, 两句话).
const NOT_A_NAME: &[&str] = &[
    "方面",
    "个方面",
    "部分",
    "个部分",
    "种",
    "类",
    "者",
    "年",
    "月",
    "日",
    "天",
    "周",
    "名",
    "人",
    "次",
    "倍",
    "岁",
    "号",
    "句",
    "个字",
    "字",
    "点",
    "条意见",
    "家",
    "位",
    "级",
    "星",
];

/// Formulations named by the number of items listed right before them:
/// `“A、B、C”三力共振`, `A、B、C、D、E“五项行动”` — a count that would be
/// ordinary elsewhere (五项) names the list it closes.
fn list_named(text: &str, qs: &[Quoted]) -> Vec<(String, bool)> {
    let plausible = |c: &str| -> Option<u32> {
        let (n, head) = leading_number(c)?;
        let len = c.chars().count();
        let rest = &c[head..];
        let ok = (2..=6).contains(&len)
            && (2..=10).contains(&n)
            && !rest.is_empty()
            && rest.chars().all(is_ideograph)
            && !NOT_A_NAME.iter().any(|w| rest.starts_with(w))
            && !LEX.has_idiom_head(c, 1);
        ok.then_some(n)
    };
    let mut out: Vec<(String, bool)> = Vec::new();
    for q in qs.iter().filter(|q| !q.nested) {
        // The quote itself is the name: …开展反分裂斗争“五项行动”. (A name
        // has a leading number: a quote without a number word is none.)
        let inner = &text[q.start..q.end];
        let c = inner
            .chars()
            .any(|c| number_word(c).is_some())
            .then(|| canonical(inner));
        if let Some(c) = c
            && let Some(n) = plausible(&c)
            && formulation_candidates(&c).is_empty()
            && adjacent::items_before(text, q.start, n as usize).is_some()
        {
            out.push((c, true));
        }
        // The name follows the quoted list: “A、B、C”三力共振.
        // (A name has a leading number, and canonical keeps the first
        // character.)
        let Some(after) = text[q.end..].strip_prefix('”') else {
            continue;
        };
        if !starts_with_number_word(after) {
            continue;
        }
        let run: String = after
            .chars()
            .take_while(|&ch| is_ideograph(ch))
            .take(7)
            .collect();
        let run = canonical(&run);
        if let Some(n) = plausible(&run)
            && adjacent::items_before(text, q.end + '”'.len_utf8(), n as usize).is_some()
        {
            out.push((run, false));
        }
    }
    out
}

/// Unquoted digit formulas with a variable part (1+N, 3+1+N): a quoted
/// one is found with the quotes; without N a sum of numbers is arithmetic.
fn digit_formulas_with_n(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Every candidate contains an N.
    if !text.contains('N') {
        return out;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || matches!(bytes[j], b'+' | b'N')) {
            j += 1;
        }
        let cand = &text[i..j];
        if cand.contains('N')
            && is_digit_formula(cand)
            && !bytes.get(j).is_some_and(u8::is_ascii_alphanumeric)
            && !out.iter().any(|o| o == cand)
        {
            out.push(cand.to_string());
        }
        i = j.max(i + 1);
    }
    out
}

/// The characters that can open an N-X-M-Y formulation: the digits of
/// [`number_word`] and 双 (百, 千, 万 and 十 open none).
const LEADING_NUMBERS: [char; 25] = [
    '一', '壹', '幺', '二', '贰', '貳', '两', '兩', '三', '叁', '參', '四', '肆', '五', '伍', '六',
    '陆', '陸', '七', '柒', '八', '捌', '九', '玖', '双',
];

/// [`LEADING_NUMBERS`] as one bit per ideograph ([`is_ideograph`]): the
/// scan tests every character of the text, and a bit costs less than a
/// `match` over scattered characters.
static LEADING_BITS: [u64; 0x5200 / 64] = {
    let mut bits = [0u64; 0x5200 / 64];
    let mut i = 0;
    while i < LEADING_NUMBERS.len() {
        let k = (LEADING_NUMBERS[i] as u32 - 0x4e00) as usize;
        bits[k / 64] |= 1 << (k % 64);
        i += 1;
    }
    bits
};

/// Whether `c` is one of [`LEADING_NUMBERS`].
fn opens_nxmy(c: char) -> bool {
    let Some(k) = (c as u32).checked_sub(0x4e00) else {
        return false;
    };
    let k = k as usize;
    LEADING_BITS
        .get(k / 64)
        .is_some_and(|w| w >> (k % 64) & 1 == 1)
}

/// Unquoted N-X-M-Y candidates (三会一课, 五基三化) at the `openers` of the
/// text's [`Scan`].
fn nxmy_candidates<'t>(text: &'t str, openers: &[usize]) -> Vec<&'t str> {
    openers.iter().filter_map(|&at| nxmy_at(text, at)).collect()
}

/// The N-X-M-Y candidate that starts at `at` (at a number that opens one):
/// the number and the four characters after it, when they have the shape.
fn nxmy_at(text: &str, at: usize) -> Option<&str> {
    let mut chars = [(0, ' '); 5];
    let mut len = 0;
    for (k, c) in text[at..].char_indices().take(5) {
        chars[len] = (at + k, c);
        len += 1;
    }
    let end = if len == 5 { chars[4].0 } else { text.len() };
    if chars[0].1 == '一' {
        // 一X一Y (is_formulation keeps those over a unit of organization),
        // ending there: 一事一清单 is no 一事一清.
        let end_ok = || {
            len < 5
                || !is_ideograph(chars[4].1)
                || AFTER_ONE_PER_UNIT
                    .iter()
                    .any(|w| text[end..].starts_with(w))
        };
        return (len > 3 && chars[2].1 == '一' && end_ok()).then(|| &text[at..end]);
    }
    // N X M Y with single characters X and Y.
    if len <= 3 {
        return None;
    }
    let (x, m, y) = (chars[1].1, chars[2].1, chars[3].1);
    let shape = is_ideograph(x)
        && number_word(x).is_none()
        && number_word(m).is_some()
        && is_ideograph(y)
        && number_word(y).is_none()
        && !matches!(
            x,
            '个' | '项' | '是' | '年' | '月' | '名' | '次' | '批' | '大' | '届'
        );
    shape.then(|| &text[at..end])
}

/// An enumeration: items separated by 、 (the last may be joined by 和/及/与).
#[derive(Debug, Clone)]
struct Enumeration {
    items: Vec<String>,
    /// The same with the last item split on 和/及/与.
    split_items: Vec<String>,
}

const LEAD_INS: &[&str] = &[
    "即",
    "就是",
    "包括",
    "分别是",
    "分别为",
    "也就是",
    "争创",
    "开展",
    "大兴",
    "实现",
    "做到",
    "坚持",
    "推进",
    "落实",
    "创建",
    "打造",
    "深入开展",
    "按照",
    "突出",
    "围绕",
    "以",
    "的",
];

fn trim_item(s: &str) -> &str {
    let mut t = s.trim();
    'outer: loop {
        for w in LEAD_INS {
            if let Some(r) = t.strip_prefix(w)
                && r.chars().count() >= 2
            {
                t = r;
                continue 'outer;
            }
        }
        break;
    }
    t.trim_matches(['“', '”'])
}

/// Trims the lead-in of the first item and the tail of the last one where
/// the other items show the pattern: 省建设系统按照有组织、有制度 … → 有组织;
/// … 作用发挥好的 → 作用发挥好.
fn trim_ends(mut items: Vec<String>) -> Vec<String> {
    if items.len() < 3 {
        return items;
    }
    // The middle items show the pattern (the last may be joined by 和).
    let middle = if items.len() >= 4 {
        &items[1..items.len() - 1]
    } else {
        &items[1..]
    };
    let firsts: HashSet<Option<char>> = middle.iter().map(|s| s.chars().next()).collect();
    if firsts.len() == 1
        && let Some(Some(c)) = firsts.into_iter().next()
        && let Some(p) = items[0].rfind(c)
        && p > 0
    {
        items[0] = items[0][p..].to_string();
    }
    if let Some(last) = items.last_mut()
        && last.chars().count() > 2
        && let Some(t) = last.strip_suffix('的')
    {
        *last = t.to_string();
    }
    items
}

/// Whether `c` ends an item of an enumeration (、) or the enumeration.
fn ends_item(c: char) -> bool {
    matches!(
        c,
        '、' | ','
            | '，'
            | '。'
            | ';'
            | '；'
            | ':'
            | '：'
            | '“'
            | '”'
            | '('
            | ')'
            | '《'
            | '》'
            | '\n'
            | '!'
            | '?'
    )
}

/// The runs of pieces separated by 、 in a text, each between two other
/// marks that end an item ([`ends_item`]), read from the marks of the
/// text's [`Scan`]. A run's
/// [`Enumeration`] (its pieces trimmed to items) is made on first need: a
/// formulation reads only the runs of its own length that carry its key
/// morphemes or touch its mention.
struct Runs<'t> {
    text: &'t str,
    runs: Vec<Run>,
    /// The pieces of all runs, in order.
    pieces: Vec<(usize, usize)>,
}

struct Run {
    start: usize,
    end: usize,
    /// Its pieces: a range of [`Runs::pieces`].
    pieces: Range<usize>,
    enumeration: OnceCell<Option<Enumeration>>,
}

impl<'t> Runs<'t> {
    fn new(text: &'t str, marks: &[(usize, char)]) -> Runs<'t> {
        let mut runs = Runs {
            text,
            runs: Vec::new(),
            pieces: Vec::new(),
        };
        // After the last mark other than 、, and after the last mark.
        let mut run_start = 0;
        let mut piece_start = 0;
        // Where the current run's pieces start in `pieces`.
        let mut first = 0;
        for &(j, c) in marks.iter().filter(|&&(_, c)| ends_item(c)) {
            if c == '、' || runs.pieces.len() > first {
                runs.pieces.push((piece_start, j));
            }
            if c != '、' {
                runs.close(run_start, j, first);
                first = runs.pieces.len();
                run_start = j + c.len_utf8();
            }
            piece_start = j + c.len_utf8();
        }
        if runs.pieces.len() > first {
            runs.pieces.push((piece_start, text.len()));
            runs.close(run_start, text.len(), first);
        }
        runs
    }

    /// Ends the run of `start..end` whose pieces start at `first` (none
    /// when no 、 was met since its start).
    fn close(&mut self, start: usize, end: usize, first: usize) {
        if self.pieces.len() > first {
            self.runs.push(Run {
                start,
                end,
                pieces: first..self.pieces.len(),
                enumeration: OnceCell::new(),
            });
        }
    }

    fn pieces(&self, run: &Run) -> impl Iterator<Item = &'t str> {
        let text = self.text;
        self.pieces[run.pieces.clone()]
            .iter()
            .map(move |&(s, e)| &text[s..e])
    }

    fn enumeration<'r>(&self, run: &'r Run) -> Option<&'r Enumeration> {
        run.enumeration
            .get_or_init(|| enumeration(self.pieces(run)))
            .as_ref()
    }
}

/// The enumeration of the pieces of a run, unless a piece is empty or too
/// long for an item.
fn enumeration<'t>(pieces: impl Iterator<Item = &'t str>) -> Option<Enumeration> {
    let trimmed: Vec<&str> = pieces.map(trim_item).collect();
    if trimmed.len() < 2
        || trimmed
            .iter()
            .any(|s| s.is_empty() || s.chars().count() > 14)
    {
        return None;
    }
    let items: Vec<String> = trimmed.into_iter().map(str::to_string).collect();
    let mut split_items = items.clone();
    if let Some(last) = split_items.pop() {
        let parts: Vec<&str> = last.splitn(2, ['和', '及', '与']).collect();
        if parts.len() == 2 && !parts[0].is_empty() && !parts[1].is_empty() {
            split_items.push(parts[0].to_string());
            split_items.push(parts[1].to_string());
        } else {
            split_items.push(last);
        }
    }
    Some(Enumeration {
        items: trim_ends(items),
        split_items: trim_ends(split_items),
    })
}

/// Key morphemes with their counts: 三创 → [(创, 3)]; 六有一好 → [(有, 6),
/// (好, 1)]; 四个之风 → [(之风, 4)].
fn key_morphemes(f: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut rest = f;
    while let Some((n, len)) = leading_number(rest) {
        rest = &rest[len..];
        let rest2 = rest.strip_prefix('个').unwrap_or(rest);
        let key_end = rest2
            .char_indices()
            .find(|(_, c)| number_word(*c).is_some())
            .map_or(rest2.len(), |(i, _)| i);
        // 四个一, 十个一: the counted thing is itself the number word 一.
        let key_end = if key_end == 0 && rest2.chars().count() == 1 {
            rest2.len()
        } else {
            key_end
        };
        let key = &rest2[..key_end];
        if key.is_empty() {
            return Vec::new();
        }
        // 四好农村路: the morpheme is 好, the rest names what it is about.
        let key = if key.chars().count() > 2 {
            &key[..key.chars().next().map_or(0, char::len_utf8)]
        } else {
            key
        };
        out.push((key.to_string(), n));
        rest = &rest2[key_end..];
    }
    out
}

/// Whether all items share a first or last character that is a content
/// morpheme (学习型、服务奉献型; not 具体的、实在的).
fn common_affix(items: &[String]) -> bool {
    const FUNCTION: &[char] = &[
        '的', '了', '地', '得', '是', '和', '在', '有', '要', '把', '对', '为',
    ];
    let shared = |chars: Vec<Option<char>>| {
        let set: HashSet<Option<char>> = chars.into_iter().collect();
        set.len() == 1
            && set
                .into_iter()
                .next()
                .flatten()
                .is_some_and(|c| !FUNCTION.contains(&c))
    };
    shared(items.iter().map(|s| s.chars().last()).collect())
        || shared(items.iter().map(|s| s.chars().next()).collect())
}

/// Items of a digit formula (1+9+27): one per part, each led by the part's
/// number, in a bracket or list after the mention or in the clauses after it.
fn expand_digit_formula(f: &str, text: &str, mentions: &[(usize, usize)]) -> Option<Vec<String>> {
    let lhs = f.split(['>', '﹥', '＞']).next().unwrap_or(f);
    let parts: Vec<&str> = lhs.split(['+', '＋']).collect();
    // Parts are numbers, or N for "any number" (1+3+N).
    let part_ok = |p: &str| !p.is_empty() && (p.chars().all(|c| c.is_ascii_digit()) || p == "N");
    if parts.len() < 2 || !parts.iter().all(|p| part_ok(p)) {
        return None;
    }
    let led = |items: &[String]| {
        items.iter().zip(&parts).all(|(it, p)| {
            it.strip_prefix(p)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| !c.is_ascii_digit())
        })
    };
    mentions.iter().find_map(|&(_, me)| {
        adjacent::items_after(text, me, parts.len(), &led, false)
            .or_else(|| adjacent::digit_items(text, me, &parts))
    })
}

/// Items listed right beside a mention (see [`adjacent`]): after a lead-in
/// (即, 包括, a colon or a bracket), in the clause before it, or, without a
/// lead-in, when every item carries the formulation's key morpheme or each
/// item carries one part of a formulation with several (一网两线三保障).
fn expand_adjacent(
    f: &str,
    text: &str,
    mentions: &[(usize, usize)],
    keys: &[(String, u32)],
    total: usize,
) -> Option<Vec<String>> {
    // Not the formulation's neighbours in a list of formulations.
    let not_names = |items: &[String]| {
        let names = items
            .iter()
            .filter(|it| is_formulation(&canonical(it), true))
            .count();
        !items.iter().any(|it| it.contains(f)) && names * 2 <= items.len()
    };
    // (The cheap tests of substrings first.)
    let keyed = |items: &[String]| {
        items.iter().all(|it| it.contains(keys[0].0.as_str())) && not_names(items)
    };
    // Heads must carry every key (三抓三促: 抓A,促B).
    let key_words: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    let per_part = |items: &[String]| {
        items
            .iter()
            .zip(keys)
            .all(|(it, (k, _))| it.contains(k.as_str()))
    };
    // 四抓四强: each item carries both parts, so four items, not eight.
    let counts: HashSet<u32> = keys.iter().map(|k| k.1).collect();
    let n = match (keys.len(), counts.len()) {
        (2.., 1) => keys[0].1 as usize,
        _ => total,
    };
    let mut sorted = mentions.to_vec();
    sorted.sort();
    for &(ms, me) in &sorted {
        // 三联三帮: one list per part, the parts' items apart.
        let by_part = || {
            (keys.len() >= 2)
                .then(|| adjacent::lists_by_part_after(text, me, keys))
                .flatten()
                .filter(|items| not_names(items))
        };
        let found = by_part()
            .or_else(|| adjacent::items_after(text, me, n, &not_names, false))
            .or_else(|| adjacent::items_before(text, ms, n).filter(|i| not_names(i)))
            .or_else(|| {
                (keys.len() == 1)
                    .then(|| adjacent::items_after(text, me, n, &keyed, true))
                    .flatten()
            })
            .or_else(|| {
                (keys.len() >= 2)
                    .then(|| adjacent::items_after(text, me, keys.len(), &per_part, true))
                    .flatten()
            })
            .or_else(|| adjacent::item_heads(text, me, n, &key_words, &not_names));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Finds the expansion of formulation `f` beside a mention or among the
/// enumerations of the text (its runs read on first need into `runs`).
fn expand<'t>(
    f: &str,
    text: &'t str,
    marks: &[(usize, char)],
    mentions: &[(usize, usize)],
    runs: &OnceCell<Runs<'t>>,
) -> Option<Vec<String>> {
    if is_digit_formula(f) {
        return expand_digit_formula(f, text, mentions);
    }
    let keys = key_morphemes(f);
    if keys.is_empty() {
        return None;
    }
    let total: u32 = keys.iter().map(|k| k.1).sum();
    if let Some(items) = expand_adjacent(f, text, mentions, &keys, total as usize) {
        return Some(items);
    }
    let runs = runs.get_or_init(|| Runs::new(text, marks));
    expand_from_enumerations(f, runs, mentions, &keys, total)
}

/// The one enumeration of the text whose items carry the key morphemes of
/// `f` (or, beside a mention, share a template), `total` of them.
fn expand_from_enumerations(
    f: &str,
    runs: &Runs,
    mentions: &[(usize, usize)],
    keys: &[(String, u32)],
    total: u32,
) -> Option<Vec<String>> {
    let text = runs.text;
    // A national name's items are read only right beside it (see
    // expand_adjacent): 两委, 两新 have keys (委, 新) any list shares.
    let national = LEX.is_national(f);
    let mut by_key: Vec<Vec<String>> = Vec::new();
    let mut by_template: Vec<Vec<String>> = Vec::new();
    for run in &runs.runs {
        // A run of p pieces has p items, and p or p + 1 split on 和.
        let p = run.pieces.len() as u32;
        if p != total && p + 1 != total {
            continue;
        }
        // A template list must touch a mention: start right after it
        // (“五星”活动,即…) or end right before it (…发挥好的“六有一好”).
        let near = mentions.iter().any(|&(ms, me)| {
            // Byte distance first: no character counting over long gaps.
            let count = |a: usize, b: usize| {
                (b >= a && b - a <= 24)
                    .then(|| text.get(a..b).map(|g| g.chars().count()))
                    .flatten()
            };
            let gap_after = count(me, run.start);
            let gap_before = count(run.end, ms);
            gap_after.is_some_and(|g| g <= 6) || gap_before.is_some_and(|g| g <= 3)
        });
        // Items are cut from the pieces: where a piece carries no key, no
        // item does, and only a template list near a mention can pass.
        let keyed = || {
            runs.pieces(run)
                .all(|piece| keys.iter().any(|(k, _)| piece.contains(k.as_str())))
        };
        if !near && !keyed() {
            continue;
        }
        let Some(e) = runs.enumeration(run) else {
            continue;
        };
        for items in [&e.items, &e.split_items] {
            if items.len() as u32 != total {
                continue;
            }
            // Never the formulation's own neighbours in a list of formulations.
            if items
                .iter()
                .any(|it| it == f || leading_number(it).is_some())
            {
                continue;
            }
            let key_ok = if keys.len() == 1 {
                items.iter().all(|it| it.contains(keys[0].0.as_str()))
            } else {
                keys.iter().all(|(k, n)| {
                    items.iter().filter(|it| it.contains(k.as_str())).count() as u32 == *n
                }) && items
                    .iter()
                    .all(|it| keys.iter().filter(|(k, _)| it.contains(k.as_str())).count() == 1)
            };
            if key_ok && !national {
                if !by_key.contains(items) {
                    by_key.push(items.clone());
                }
                continue;
            }
            let short = items.iter().all(|it| it.chars().count() <= 8);
            if near
                && short
                && keys.len() == 1
                && common_affix(items)
                && !by_template.contains(items)
            {
                by_template.push(items.clone());
            }
        }
    }
    match (by_key.len(), by_template.len()) {
        (1, _) => by_key.pop(),
        (0, 1) => by_template.pop(),
        _ => None,
    }
}

const HONOR_SUFFIX: &[&str] = &[
    "先进集体",
    "先进个人",
    "先进单位",
    "示范单位",
    "示范县",
    "示范点",
    "标兵",
    "模范",
    "红旗党支部",
    "五星党员",
    "改革先锋",
    "称号",
    "奖",
    "优秀党员",
    "优秀共产党员",
    "文明单位",
    "先进基层党组织",
    "示范岗",
    "先锋岗",
    "星级党支部",
];
const TITLE_SUFFIX: &[&str] = &[
    "讲堂",
    "课堂",
    "讲坛",
    "服务团",
    "突击队",
    "先锋队",
    "宣传队",
    "联盟",
    "之家",
    "直通车",
    "平台",
    "品牌",
    "专栏",
    "栏目",
    "工作室",
    "驿站",
    "大赛",
    "论坛",
    "热线",
    "云",
    "网",
    "系统",
    "中心",
    "开讲啦",
    "直播间",
    "频道",
    "矩阵",
    "夜访",
    "讲堂",
];

/// Words after a quoted name that make it a title (“津港先锋”正式成立).
const NAMING_WORDS: &[&str] = &[
    "正式成立",
    "成立",
    "品牌",
    "平台",
    "专栏",
    "栏目",
    "智慧平台",
    "工程",
];

fn classify_quote(inner: &str, before: &str, after: &str) -> QuoteKind {
    let s = inner.trim();
    let n = s.chars().count();
    let sentence_punct = s.contains(['。', '!', '?', '！', '？']) || s.ends_with(['。', '…']);
    let before = before.trim_end_matches([':', '：', ',', '，']);
    let speech_before = ["说", "表示", "强调", "指出", "写道", "感慨", "认为", "问"]
        .iter()
        .any(|w| before.ends_with(w));
    let speech_after = after.starts_with(',') && char_prefix(after, 30).contains("说");
    // How many parts between commas, and whether all are short.
    let (parts, short_parts) = s
        .split(['、', ',', '，', ' '])
        .filter(|p| !p.is_empty())
        .fold((0, true), |(k, short), p| {
            (k + 1, short && p.chars().count() <= 14)
        });
    let parallel = parts >= 2 && short_parts;
    if sentence_punct || (n > 24 && !parallel) || speech_before || speech_after && n > 10 {
        return QuoteKind::Quote;
    }
    if s.starts_with('第') && s.chars().nth(1).is_some_and(|c| number_word(c).is_some()) {
        return QuoteKind::Slogan;
    }
    // A name followed by a naming word: “津港先锋”正式成立, “台州红云”智慧平台.
    let named = NAMING_WORDS.iter().any(|w| after.starts_with(w));
    if named && n >= 3 && parts == 1 {
        return QuoteKind::Title;
    }
    if HONOR_SUFFIX.iter().any(|h| s.ends_with(h)) || s.starts_with("最美") {
        return QuoteKind::Honor;
    }
    if parts >= 2 {
        return QuoteKind::Slogan;
    }
    if TITLE_SUFFIX.iter().any(|t| s.ends_with(t)) && n >= 3 {
        return QuoteKind::Title;
    }
    // A campaign named by what follows (“我为群众办实事”实践活动, “1+N”模式).
    if ["活动", "行动", "机制", "模式"]
        .iter()
        .any(|w| after.starts_with(w))
        && n >= 6
    {
        return QuoteKind::Slogan;
    }
    if n >= 8 {
        return QuoteKind::Slogan;
    }
    QuoteKind::Term
}

const POLICY_WORDS: &[&str] = &[
    "关于", "意见", "通知", "办法", "规定", "条例", "方案", "规划", "决定", "纲要", "细则", "制度",
    "清单", "标准", "体系", "准则", "措施", "计划", "实施", "决议", "报告", "公告", "指引", "指南",
    "规则", "法", "章程",
];

fn classify_document(title: &str, before: &str, after: &str) -> DocumentKind {
    if after.starts_with("专栏") || after.starts_with("栏目") || after.starts_with("节目") {
        return DocumentKind::Column;
    }
    if [
        "日报",
        "晚报",
        "时报",
        "商报",
        "报",
        "杂志",
        "周刊",
        "月刊",
        "半月刊",
        "求是",
        "党建",
    ]
    .iter()
    .any(|w| title.ends_with(w))
        && title.chars().count() <= 10
    {
        return DocumentKind::Paper;
    }
    if POLICY_WORDS.iter().any(|w| title.contains(w)) {
        return DocumentKind::Policy;
    }
    let b = before.trim_end();
    if ["读", "研读", "阅读", "学习", "出版", "著作", "读了", "著"]
        .iter()
        .any(|w| b.ends_with(w))
        || ["文集", "选集", "文选", "新语", "岁月", "论", "传", "史"]
            .iter()
            .any(|w| title.ends_with(w))
    {
        return DocumentKind::Book;
    }
    DocumentKind::Other
}

/// The documents cited in 《…》 (and 〈…〉 inside them), read from the
/// `marks` of the text's [`Scan`].
fn cited_documents(body: &Body, marks: &[(usize, char)]) -> Vec<CitedDocument> {
    let text = body.text.as_str();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut inner_open: Option<usize> = None;
    for &(i, c) in marks {
        match c {
            '《' => {
                open = Some(i + c.len_utf8());
                inner_open = None;
            }
            '〈' if open.is_some() => inner_open = Some(i + c.len_utf8()),
            '〉' => {
                if let Some(s) = inner_open.take() {
                    let title = &text[s..i];
                    if !title.trim().is_empty() {
                        out.push(CitedDocument {
                            title: title.trim().to_string(),
                            kind: classify_document(title, "", ""),
                            span: body.span(s, i),
                        });
                    }
                }
            }
            '》' => {
                if let Some(s) = open.take() {
                    let title = &text[s..i];
                    let n = title.chars().count();
                    if n > 0 && n <= 80 && !title.contains('\n') {
                        let before = &text[..s - '《'.len_utf8()];
                        let before: String = before
                            .chars()
                            .rev()
                            .take(4)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect();
                        let after = &text[i + c.len_utf8()..];
                        out.push(CitedDocument {
                            title: title.trim().to_string(),
                            kind: classify_document(title, &before, after),
                            span: body.span(s, i),
                        });
                    }
                }
            }
            '\n' => {
                open = None;
                inner_open = None;
            }
            _ => {}
        }
    }
    out.sort_by_key(|d| d.span[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_numbers_are_the_number_words() {
        for c in ('\u{3000}'..='\u{9fff}').filter(|c| !matches!(c, '百' | '千' | '万' | '十')) {
            assert_eq!(number_word(c).is_some(), opens_nxmy(c), "{c}");
            assert_eq!(opens_nxmy(c), LEADING_NUMBERS.contains(&c), "{c}");
            assert!(!is_mark(c) || !is_ideograph(c), "{c}");
        }
    }

    #[test]
    fn national_formulations_start_with_a_number_word() {
        // formulation_candidates skips quotes without a number word or digit.
        for n in &LEX.national {
            assert!(starts_with_number_word(n), "{n}");
        }
    }

    #[test]
    fn char_prefix_is_the_first_characters() {
        let long = "党员a干部，“三会一课”\n".repeat(200);
        for s in ["", "党员", "abc", long.as_str()] {
            for n in [0, 1, 2, 3, 255, 256, 257, 1000, 3000, 10_000] {
                let want: String = s.chars().take(n).collect();
                assert_eq!(char_prefix(s, n), want, "{n}");
            }
        }
    }

    #[test]
    fn one_scan_finds_marks_and_openers() {
        let text = "落实“三会一课”,第三会、十三五和四个意识";
        let scan = Scan::new(text);
        let marks: String = scan.marks.iter().map(|m| m.1).collect();
        assert_eq!(marks, "“”,、");
        let openers: Vec<&str> = scan.openers.iter().map(|&i| &text[i..]).collect();
        // Not 第三, not the 三 of 十三.
        assert_eq!(
            openers,
            [
                "三会一课”,第三会、十三五和四个意识",
                "一课”,第三会、十三五和四个意识",
                "四个意识"
            ]
        );
    }

    fn forms(t: &str) -> Vec<String> {
        extract_text(t)
            .formulations
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn not_formulations() {
        for t in [
            "建立健全调研指导、述职评议、党建考核三项制度",
            "2022年和2023年共两批评选",
            "分别设立了七个支部",
            "启动三年行动计划",
            "一言一行讲政治、一举一动显忠诚",
            "一是机关创品牌",
            "千方百计解决问题,一把手带头",
            "每年“七一”前夕",
            "“五星级”党支部占比达30.7%",
            "“百名处长话改革、千名支书讲党课、万名党员谈体会”活动",
        ] {
            assert!(forms(t).is_empty(), "{t}: {:?}", forms(t));
        }
    }

    #[test]
    fn formulations_found() {
        assert_eq!(forms("践行“兩個維護”"), ["两个维护"]);
        assert_eq!(
            forms("严格执行三会一课制度,推进“五基三化”"),
            ["三会一课", "五基三化"]
        );
        assert_eq!(forms("开展“双报到、双服务”工作"), ["双报到", "双服务"]);
        assert_eq!(
            forms("扎实推进“四好农村路”建设,重点做好“十个一”服务"),
            ["四好农村路", "十个一"]
        );
    }

    #[test]
    fn shapes_of_unseen_reports() {
        // Digit formulas, quoted or with a variable part.
        assert_eq!(
            forms("构建“1+5+20”工作体系,落实“258”行动"),
            ["1+5+20", "258"]
        );
        assert_eq!(forms("打造1+N服务矩阵"), ["1+N"]);
        assert!(forms("“2035”远景目标,全年增长1+2个百分点").is_empty());
        let e = extract_text("落实“258”行动,2580名党员参与");
        assert_eq!(e.formulations[0].mentions.len(), 1);
        // One per unit of organization, quoted or not; idioms are not.
        assert_eq!(forms("推行一户一档管理"), ["一户一档"]);
        assert_eq!(forms("实施“一校一案”"), ["一校一案"]);
        assert!(forms("一言一行都是榜样,一唱一和").is_empty());
        assert!(forms("推行一事一清单").is_empty());
        // 一X with other numbers, N级X, long names of numbered parts.
        assert_eq!(forms("构建“一轴两翼三中心”格局"), ["一轴两翼三中心"]);
        assert_eq!(forms("建立“一心多点”网络"), ["一心多点"]);
        assert_eq!(forms("完善“三级联动”机制"), ["三级联动"]);
        assert_eq!(forms("打造“四化两融合一体系”"), ["四化两融合一体系"]);
        assert!(!forms("建成“两纵两横三个重要路段”").contains(&"两纵两横三个重要路段".to_string()));
        // A quoted list of formulations gives each.
        assert_eq!(forms("以“一引领、三提升”为抓手"), ["一引领", "三提升"]);
        assert_eq!(forms("深化“红色物业+三联+X”模式"), ["三联"]);
        // A count names the list it closes.
        let e = extract_text("推动“服务能力、协同合力、自治活力”三力提升,让群众满意。");
        assert_eq!(e.formulations[0].text, "三力提升");
        assert_eq!(e.formulations[0].expansion.as_ref().map(Vec::len), Some(3));
        let e = extract_text("全面开展清理河道、修缮道路、美化庭院“三项行动”。");
        assert_eq!(e.formulations[0].text, "三项行动");
        // An ordinary count stays one.
        assert!(forms("围绕“政治、思想、组织”三个方面").is_empty());
        assert!(forms("健全三项制度,设立七个支部,分两批").is_empty());
    }

    /// The expansion of formulation `f` in text `t`.
    fn exp(t: &str, f: &str) -> Option<Vec<String>> {
        extract_text(t)
            .formulations
            .into_iter()
            .find(|x| x.text == f)
            .and_then(|x| x.expansion)
    }

    /// `items` as an expansion.
    fn v(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn expansions_listed_part_by_part() {
        // One list per part, after a lead-in or without one.
        assert_eq!(
            exp(
                "推行“两访两助”机制:访困难党员、访老党员,助就业、助就医。",
                "两访两助"
            ),
            v(&["访困难党员", "访老党员", "助就业", "助就医"])
        );
        assert_eq!(
            exp(
                "开展“三下三提”行动,下企业、下村组、下社区,提效率、提质量、提满意度。",
                "三下三提"
            ),
            v(&["下企业", "下村组", "下社区", "提效率", "提质量", "提满意度"])
        );
        // A digit formula with an open part.
        assert_eq!(
            exp(
                "构建“1+2+N”体系,即1个联合党委、2个功能型党支部、N个楼宇党小组。",
                "1+2+N"
            ),
            v(&["1个联合党委", "2个功能型党支部", "N个楼宇党小组"])
        );
    }

    #[test]
    fn expansions_beside_the_mention() {
        assert_eq!(
            exp(
                "以“三比三看”(即“比学习看素质、比服务看作风、比实绩看担当”)为主线。",
                "三比三看"
            ),
            v(&["比学习看素质", "比服务看作风", "比实绩看担当"])
        );
        assert_eq!(
            exp(
                "推行“五带头”活动,即带头学理论、讲奉献、守纪律、亮身份和办实事。",
                "五带头"
            ),
            v(&["带头学理论", "讲奉献", "守纪律", "亮身份", "办实事"])
        );
        assert_eq!(
            exp(
                "形成“1+3+12”架构(1个总支、3个支部、12个小组),运行顺畅。",
                "1+3+12"
            ),
            v(&["1个总支", "3个支部", "12个小组"])
        );
        assert_eq!(
            exp(
                "探索“一网两链”模式,织密一张“服务网”、延伸两条“产业链”,成效明显。",
                "一网两链"
            ),
            v(&["织密一张“服务网”", "延伸两条“产业链”"])
        );
        assert_eq!(
            exp(
                "实施“两抓两促”。\n抓队伍建设,促作用发挥。全县选派干部。\n抓产业发展,促集体增收。全县建成基地。",
                "两抓两促"
            ),
            v(&["抓队伍建设,促作用发挥", "抓产业发展,促集体增收"])
        );
        assert_eq!(
            exp(
                "推行“三同步”机制。将项目立项与党组织组建同步、项目建设与党建工作同步、项目验收与党建考核同步,成效明显。",
                "三同步"
            ),
            v(&[
                "项目立项与党组织组建同步",
                "项目建设与党建工作同步",
                "项目验收与党建考核同步"
            ])
        );
        // Subjects before the verb are no items; a list of another length is none.
        assert_eq!(
            exp("各单位党组织、在职党员到社区开展“双报到”。", "双报到"),
            None
        );
        assert_eq!(
            exp("落实“四个必访”,即困难户、独居老人、残疾人。", "四个必访"),
            None
        );
    }

    #[test]
    fn expansions() {
        let e = extract_text(
            "天津市深入开展大兴“学习之风、深入调研之风、亲民之风、尚能之风”活动。大兴“四个之风”。",
        );
        assert_eq!(e.formulations[0].text, "四个之风");
        assert_eq!(e.formulations[0].expansion.as_ref().map(Vec::len), Some(4));
        let e = extract_text(
            "按照有组织、有制度、有教育、有活动、有场所、有标识和作用发挥好的“六有一好”要求",
        );
        assert_eq!(e.formulations[0].expansion.as_ref().map(Vec::len), Some(7));
        let e = extract_text(
            "开展争创“五星”活动,即争创学习型、服务奉献型、奉献型、廉洁自律型、文明和谐型。",
        );
        assert_eq!(
            e.formulations[0].expansion.as_deref(),
            Some(
                &["学习型", "服务奉献型", "奉献型", "廉洁自律型", "文明和谐型"].map(String::from)[..]
            )
        );
        // A list of the wrong length is no expansion.
        let e = extract_text("争创“五星”,即学习型、服务型、奉献型。");
        assert_eq!(e.formulations[0].expansion, None);
    }

    #[test]
    fn quotes_and_documents() {
        let e = extract_text(
            "落实“社区吹哨、部门报到”机制,纠治“机关病”,办好“党课大讲堂”,获评“清廉广西工作建设先进集体”,带头走好“第一方阵”。《桂林日报》《机关党建先锋》专栏刊发,起草《关于全面加强新时代机关党的建设的意见》,研读《之江新语》。",
        );
        let kinds: Vec<QuoteKind> = e.slogans.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                QuoteKind::Slogan,
                QuoteKind::Term,
                QuoteKind::Title,
                QuoteKind::Honor,
                QuoteKind::Slogan
            ]
        );
        let docs: Vec<DocumentKind> = e.documents.iter().map(|d| d.kind).collect();
        assert_eq!(
            docs,
            [
                DocumentKind::Paper,
                DocumentKind::Column,
                DocumentKind::Policy,
                DocumentKind::Book
            ]
        );
    }

    #[test]
    fn unbalanced_quotes_do_not_swallow_text() {
        let e = extract_text("他说“我们要\n继续“机关病”问题");
        assert_eq!(e.slogans.len(), 1);
        assert_eq!(e.slogans[0].text, "机关病");
    }
}
