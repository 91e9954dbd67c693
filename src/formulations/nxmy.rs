//! The unquoted N-X-M-Y scan: where a number opens a candidate (三会一课,
//! 五基三化, and 一X一Y over a unit of organization), found in the text's
//! one pass and cut to the candidate's five characters.

use super::is_ideograph;
use super::lexicon::number_word;
use super::one_per_unit::AFTER_ONE_PER_UNIT;

/// The characters that can open an N-X-M-Y formulation: the digits of
/// [`number_word`] and 双 (百, 千, 万 and 十 open none).
pub(super) const LEADING_NUMBERS: [char; 25] = [
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
pub(super) fn opens_nxmy(c: char) -> bool {
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
pub(super) fn nxmy_candidates<'t>(text: &'t str, openers: &[usize]) -> Vec<&'t str> {
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
