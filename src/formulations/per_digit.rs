//! Runs of digits that count their items one digit each (“1234”: an item
//! led by 一, one by 两, one by 三 …), read from the items that follow, and
//! the numbered names those items open.

use super::adjacent;
use super::lexicon::{canonical, number_word};
use super::shapes::is_formulation;
use crate::normalize::is_han;

/// The items of a run of digits that counts them one digit each, listed
/// after a lead-in right after a mention that ends at `me`: as many items as
/// digits, the first number word of the k-th item (within its first two
/// characters) the k-th digit — “1234”(一A、两B、三C和四D). A run of digits
/// whose items do not follow so (a hotline, a year) has none.
pub(super) fn per_digit_items(f: &str, text: &str, me: usize) -> Option<Vec<String>> {
    let digits: Vec<u32> = f.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    if !(3..=9).contains(&digits.len()) || digits.contains(&0) {
        return None;
    }
    let counted = |items: &[String]| {
        items
            .iter()
            .zip(&digits)
            .all(|(it, d)| first_count(it).is_some_and(|(at, v)| at <= 1 && v == *d))
    };
    adjacent::items_after(text, me, digits.len(), &counted, false)
}

/// The position (in characters) and value of the first number word of `s`.
fn first_count(s: &str) -> Option<(usize, u32)> {
    s.chars()
        .enumerate()
        .find_map(|(i, c)| number_word(c).map(|v| (i, v)))
}

/// Measure words after a number that make an item a count of things.
const MEASURES: &[char] = &[
    '个', '支', '项', '条', '张', '套', '件', '批', '类', '种', '家', '座', '名', '位',
];

/// Words that end the name an item of a digit run opens (四A制度为主的…
/// → 四A制度).
const NAME_ENDS: &[char] = &['为', '的', '是', '和', '及', '与', '在', '以', '等'];

/// The numbered names the items of a digit run open (“123”(一A、两B、
/// 以三C为主的D) → 一A, 两B, 三C): each item from its number word up to a
/// function word or a mark, two to six characters; such names are
/// formulations of their own.
pub(super) fn item_names(items: &[String]) -> Vec<String> {
    items
        .iter()
        .filter_map(|it| {
            let at = it
                .char_indices()
                .find(|&(_, c)| number_word(c).is_some())?
                .0;
            let name: String = it[at..]
                .chars()
                .take_while(|&c| is_han(c) && !NAME_ENDS.contains(&c))
                .take(7)
                .collect();
            let name = canonical(&name);
            let k = name.chars().count();
            // A count of things (两支A, 三项B) names no set.
            let counted = name.chars().nth(1).is_some_and(|c| MEASURES.contains(&c));
            ((2..=6).contains(&k) && !counted && is_formulation(&name, true)).then_some(name)
        })
        .collect()
}
