//! Quoted material (“…”): finding the quotes of a text, reading the
//! formulations a quote names, and classifying the other quotes (sentence
//! quote, honour, slogan, title, term).

use super::digits::is_digit_formula;
use super::lexicon::{HONOR_SUFFIX, LEX, canonical, number_word};
use super::shapes::is_formulation;
use super::{QuoteKind, char_prefix};

/// The formulations a quoted string names: itself, or each part of a list
/// of formulations (“双报到、双服务” → 双报到, 双服务). In such a list a part
/// led by 一 counts too (“一带头、两争当”).
pub(super) fn formulation_candidates(q: &str) -> Vec<String> {
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

/// A quoted stretch of the body text.
#[derive(Debug, Clone)]
pub(super) struct Quoted {
    /// Inside the quotation marks.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Whether it sits inside another quote that closes: such inner quotes
    /// are read for formulations but are not slogans of their own.
    pub(super) nested: bool,
}

/// Balanced “…” pairs within a line, and straight "…" pairs in a line with
/// an even number of them; a quote longer than 120 characters is ignored.
/// A quote inside another (“学习“三会一课”制度”) is kept as nested; an
/// opening mark that never closes does not hide the quotes after it.
/// Read from the `marks` of the text's [`Scan`].
pub(super) fn quotes(text: &str, marks: &[(usize, char)]) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    // The marks of each line, its line break included.
    for line in marks.split_inclusive(|&(_, c)| c == '\n') {
        let first = out.len();
        quotes_in_line(text, line, &mut out);
        unnest_orphans(&mut out[first..]);
    }
    single_quotes(text, &mut out);
    out.sort_by_key(|q| q.start);
    out
}

/// Short ‘…’ pairs (up to 12 characters, within a line), read like nested
/// quotes: for the formulations they name only (抓扶贫‘双到’ names 双到),
/// never as slogans.
fn single_quotes(text: &str, out: &mut Vec<Quoted>) {
    if !text.contains('‘') {
        return;
    }
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '‘' => open = Some(i + c.len_utf8()),
            '\n' => open = None,
            '’' => {
                if let Some(s) = open.take() {
                    let inner = &text[s..i];
                    if !inner.trim().is_empty() && inner.chars().count() <= 12 {
                        out.push(Quoted {
                            start: s,
                            end: i,
                            nested: true,
                        });
                    }
                }
            }
            _ => {}
        }
    }
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

pub(super) fn classify_quote(inner: &str, before: &str, after: &str) -> QuoteKind {
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
