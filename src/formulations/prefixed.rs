//! Names led by a word before their count: a noun or a short phrase, a
//! number, then the kind of set it names — 便民五举措, 强村六式, 兴业三步法.
//! Quoted, any such name counts; unquoted, only one whose leading word is
//! no verb (推出三举措 is a verb and its count, not a name).

use super::is_ideograph;
use super::lexicon::number_word;

/// What a count led by a word names: measures, actions, ways, steps.
const SET_NOUNS: &[&str] = &[
    "举措", "措施", "行动", "式", "招", "法", "策", "步法", "步走", "工程", "机制", "清单",
];

/// Verbs that take a count as their object: a word before the count that is
/// one of them makes no name (推出三举措, 实施五行动).
const VERBS_BEFORE_A_COUNT: &[&str] = &[
    "推出", "出台", "采取", "制定", "提出", "打出", "启动", "部署", "实施", "开展", "推行", "落实",
    "通过", "形成", "明确", "聚焦", "围绕", "抓好", "做好", "探索", "总结", "推进", "出实", "用好",
    "拿出", "亮出", "列出", "打好", "做实", "强化", "创新", "完善", "建立", "构建", "实行", "坚持",
];

/// Where the count of a led name starts (in bytes) and its value, when `s`
/// is one: one to four leading characters without a number, a single
/// number word from two to ten, then a set noun ([`SET_NOUNS`]) that ends
/// the name.
pub(super) fn led_count(s: &str) -> Option<(usize, u32)> {
    let (at, c) = s.char_indices().find(|&(_, c)| number_word(c).is_some())?;
    let value = number_word(c).filter(|v| (2..=10).contains(v))?;
    let lead = &s[..at];
    let tail = &s[at + c.len_utf8()..];
    let ok = (1..=4).contains(&lead.chars().count())
        && lead.chars().all(is_ideograph)
        && SET_NOUNS.contains(&tail);
    ok.then_some((at, value))
}

/// Characters that open no leading word of a name: scope words (全县,
/// 各村, 本单位), pronouns and prepositions (把便民…, 为民…).
const NOT_A_LEAD_START: &str = "全各本该我这此其在对为把将以和与及向从由";

/// Whether `s` is a name led by a word before its count: quoted, any
/// ([`led_count`]); unquoted, a leading word of two characters, or of four
/// (便民服务五举措), that is no verb taking a count and opens with no
/// scope word, pronoun or preposition.
pub(super) fn is_led_count(s: &str, quoted: bool) -> bool {
    let Some((at, _)) = led_count(s) else {
        return false;
    };
    let lead = &s[..at];
    let head: String = lead.chars().take(2).collect();
    let tail: String = lead.chars().skip(2).collect();
    quoted
        || matches!(lead.chars().count(), 2 | 4)
            && !VERBS_BEFORE_A_COUNT.contains(&head.as_str())
            && !VERBS_BEFORE_A_COUNT.contains(&tail.as_str())
            && !lead.starts_with(|c: char| NOT_A_LEAD_START.contains(c))
}

/// Unquoted led names in `text`: at each number word (`openers`, the
/// numbers of the text's scan), the four or two characters before it and
/// the set noun after it, when the leading word starts a word
/// (`starts_word`).
pub(super) fn led_candidates<'t>(
    text: &'t str,
    openers: &[usize],
    starts_word: &dyn Fn(usize) -> bool,
) -> Vec<&'t str> {
    let mut out = Vec::new();
    for &at in openers {
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        let after = at + c.len_utf8();
        let Some(noun) = SET_NOUNS.iter().find(|n| text[after..].starts_with(**n)) else {
            continue;
        };
        let end = after + noun.len();
        // The name ends there: no longer noun goes on (三法 in 三法院).
        let next = text[end..].chars().next();
        if next.is_some_and(|c| is_ideograph(c) && noun.chars().count() == 1) {
            continue;
        }
        // The leading word: the four characters before the number when they
        // start a word and lead a name (便民服务五举措), else the two.
        let lead_at = |k: usize| text[..at].char_indices().rev().nth(k - 1).map(|(i, _)| i);
        let found = [4, 2].into_iter().find_map(|k| {
            let start = lead_at(k)?;
            let cand = &text[start..end];
            (starts_word(start) && is_led_count(cand, false)).then_some(cand)
        });
        out.extend(found);
    }
    out
}
