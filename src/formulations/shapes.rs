//! Whether a string is a numbered formulation: the gate every candidate
//! passes (a national name, or a leading number word that is not a
//! quantity, date, rating or idiom), then the shapes of its family.

use super::is_ideograph;
use super::lexicon::HONOR_SUFFIX;
use super::lexicon::{LEX, leading_number, number_word, starts_with_number_word};
use super::one_per_unit::is_one_per_unit;
use super::prefixed::is_led_count;

/// Whether `s` (a quoted string or a candidate) is a numbered formulation:
/// a national one, a name led by a word before its count (便民五举措,
/// [`is_led_count`]), or one whose leading number passes the gate
/// ([`counted_rest`]) and whose shape is one of a family — 一X一Y
/// ([`is_one_per_unit`]), N-X-M-Y ([`is_nxmy`]) or, quoted, a single
/// count of a name (“三创”, “四要”).
pub(super) fn is_formulation(s: &str, quoted: bool) -> bool {
    if LEX.is_national(s) || is_led_count(s, quoted) {
        return true;
    }
    // Every other one has a leading number: most quotes and candidates stop
    // here, before any counting.
    if !starts_with_number_word(s) {
        return false;
    }
    let Some(rest) = counted_rest(s, quoted) else {
        return false;
    };
    let chars: Vec<char> = s.chars().collect();
    if chars[0] == '一' {
        return is_one_per_unit(&chars, quoted);
    }
    let first_rest = rest.chars().next().unwrap_or(' ');
    if is_nxmy(&chars, quoted, first_rest) {
        return true;
    }
    // A single quoted count names a set (“三创”), unless it counts batches,
    // times or items (“两批”, “三项”).
    quoted
        && chars.len() <= 7
        && !matches!(first_rest, '批' | '次' | '项' | '条' | '份' | '期' | '轮')
}

/// What follows the leading number of `s` when `s` may be a formulation at
/// all: of a formulation's length, neither an idiom (nor headed by one) nor
/// an honour, not a round number alone (百姓), and not a quantity, rating,
/// date, building or duration.
fn counted_rest(s: &str, quoted: bool) -> Option<&str> {
    if !plausible_length(s, quoted)
        || LEX.idioms.contains(s)
        || HONOR_SUFFIX.iter().any(|h| s.ends_with(h))
    {
        return None;
    }
    // An idiom at the head (一把手工程, 三年行动, 双方一致).
    if LEX.has_idiom_head(s, 2) {
        return None;
    }
    let (_, head) = leading_number(s)?;
    // 百姓, 万家, 千里 …: a round number leads a formulation only in a
    // pattern with a second number (百县千乡).
    let mut chars = s.chars();
    if chars
        .next()
        .is_some_and(|c| matches!(c, '百' | '千' | '万'))
        && !chars.any(|c| number_word(c).is_some())
    {
        return None;
    }
    let rest = &s[head..];
    (!is_quantity(rest, quoted) && rest.chars().all(is_ideograph)).then_some(rest)
}

/// Two to eight characters; quoted, up to ten for a long name of several
/// numbered parts, none of them a count (五化三融入一责任体系; 两纵两横三个
/// 重要路段 is a count).
fn plausible_length(s: &str, quoted: bool) -> bool {
    let numbers_after_head = s
        .chars()
        .skip(2)
        .filter(|c| number_word(*c).is_some())
        .count();
    let counted_part = s
        .char_indices()
        .skip(1)
        .any(|(i, c)| number_word(c).is_some() && s[i + c.len_utf8()..].starts_with('个'));
    let max_len = if quoted && numbers_after_head >= 2 && !counted_part {
        10
    } else {
        8
    };
    (2..=max_len).contains(&s.chars().count())
}

/// Whether what follows a leading number makes it a quantity, rating, date,
/// building number or duration (三名, 五星级, 七月, 三号, 三年, 八小时) — except
/// levels acting together, quoted (“五级联动”).
fn is_quantity(rest: &str, quoted: bool) -> bool {
    let levels = quoted
        && rest.starts_with('级')
        && rest.chars().count() >= 3
        && !rest.ends_with('级')
        && !rest.starts_with("级别");
    rest.is_empty()
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || !levels
            && [
                "名",
                "人",
                "级",
                "号",
                "年",
                "月",
                "日",
                "天",
                "周",
                "星级",
                "是",
                "岁",
                "倍",
                "小时",
                "个小时",
                "分钟",
                "个月",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// N-X-M-Y (三会一课, 五基三化, 双争双促): a second number inside, with
/// something after it. Unquoted only short ones, and not a count of
/// things (两个…三个…). `first_rest` is the character after the leading
/// number.
pub(super) fn is_nxmy(chars: &[char], quoted: bool, first_rest: char) -> bool {
    let nxmy = chars.len() >= 4
        && number_word(chars[0]).is_some()
        && (2..chars.len()).any(|i| number_word(chars[i]).is_some() && i >= 2);
    if !nxmy || chars[0] == '一' {
        return false;
    }
    let second = chars
        .iter()
        .skip(1)
        .position(|c| number_word(*c).is_some())
        .map(|p| p + 1);
    second.is_some_and(|p| {
        p >= 2 && p < chars.len() - 1 && (quoted || (chars.len() <= 6 && first_rest != '个'))
    })
}
