//! Whether a number is a claim, and how far it reaches: the context that
//! makes it a code, an ordinal, a name or a list marker; a range; the
//! approximation words around it; its unit, and whether that unit is used
//! as a measure here.

use super::numbers::{
    NUMBER_SPACE, arabic_at_start, is_time_unit_at, magnitude_exp, read_arabic, skip_space, unit_at,
};
use super::{Approx, Body, Found};
use crate::numerals::{self, Decimal};

pub(super) const APPROX_PREFIX: &[(&str, Approx)] = &[
    ("超过", Approx::Over),
    ("突破", Approx::Over),
    ("冲破", Approx::Over),
    ("多达", Approx::Over),
    ("逾", Approx::Over),
    ("超", Approx::Over),
    ("大约", Approx::About),
    ("将近", Approx::About),
    ("接近", Approx::About),
    ("约", Approx::About),
    ("近", Approx::About),
    ("不到", Approx::Under),
    ("不足", Approx::Under),
    ("未满", Approx::Under),
    ("少于", Approx::Under),
];

pub(super) const APPROX_SUFFIX: &[(&str, Approx)] = &[
    // 35岁及以下, 3万元及以上: the bound itself included.
    ("及以上", Approx::Over),
    ("及以下", Approx::Under),
    ("以上", Approx::Over),
    ("之多", Approx::Over),
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("以下", Approx::Under),
    ("以内", Approx::Under),
];

pub(super) fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Whether `at` is inside a quotation (more opening than closing marks
/// since the start of its sentence): quoted numbers are names (“千名干部进千企”).
pub(super) fn in_quotes(body: &Body, at: usize) -> bool {
    body.marks.more_opened(body.sentence_start(at), at)
}

/// The approximation word that ends `text[..at]` (约, 近, 超过 …), with its
/// length; 近 of 最近 and 超 of 高超 are not.
pub(super) fn approx_before(text: &str, at: usize) -> Option<(Approx, usize)> {
    let head = text[..at].trim_end_matches([' ', '\u{3000}']);
    for (w, a) in APPROX_PREFIX {
        if head.ends_with(w) {
            let before_w = prev_char(head, head.len() - w.len());
            if *w == "近" && before_w.is_some_and(|c| matches!(c, '最' | '附' | '将' | '接')) {
                continue;
            }
            if *w == "超" && before_w == Some('高') {
                continue;
            }
            return Some((*a, at - (head.len() - w.len())));
        }
    }
    None
}

/// A round count written with a magnitude word alone: 上百家, 数千名 (a
/// round prefix), 百余名, 千多人 (余/多 after it), 近千名, 超亿元 (an
/// approximation before it), 万名党员 (a count). Never inside quotation
/// marks (“百名书记” names a campaign), never glued to another numeral
/// (两万多名 is read whole elsewhere), and 家/户 after a bare magnitude are
/// set phrases (千家万户, 万家灯火), as are two bare magnitudes paired, each
/// with one character (千村万户, 百种千样).
pub(super) fn judge_round(body: &Body, s: usize, e: usize) -> Option<Found> {
    let text = body.text.as_str();
    let m = &text[s..e];
    let prefixed = m.starts_with(['上', '数', '几', '成']);
    let digits = if prefixed {
        &m[m.char_indices().nth(1).map_or(0, |(i, _)| i)..]
    } else {
        m
    };
    if digits.is_empty() || (!prefixed && digits == "十") {
        return None;
    }
    // 20余万名, 10 万元: the magnitude of an Arabic number, read there.
    let glued = text[..s].trim_end_matches(['余', '多', ' ', '\u{3000}']);
    let before = prev_char(glued, glued.len());
    if before.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || numerals::is_chinese_numeral_char(c)
            || matches!(c, '第' | '.' | '点')
            || c.is_numeric()
    }) {
        return None;
    }
    let value = numerals::parse_chinese(&format!("一{digits}")).ok()?;
    let mut end = e;
    let mut approx = prefixed.then_some(Approx::Over);
    let mut rest = &text[e..];
    if let Some(r) = rest.strip_prefix(['余', '多']) {
        approx = Some(Approx::Over);
        end += rest.len() - r.len();
        rest = r;
    }
    if is_time_unit_at(rest) {
        return None;
    }
    let (unit, ulen) = unit_at(rest)?;
    end += ulen;
    let after_unit = &text[end..];
    if unit == "人" && after_unit.starts_with(['民', '大']) {
        return None;
    }
    let mut start = s;
    if !prefixed && let Some((a, len)) = approx_before(text, s) {
        approx = approx.or(Some(a));
        start = s - len;
    }
    if approx.is_none() && matches!(unit, "家" | "户") {
        return None;
    }
    // Two bare magnitudes paired, each with one character, are a set
    // phrase of plenty (千村万户, 百种千样): a magnitude right after the
    // unit, or a magnitude and one character right before.
    let magnitude = |c: char| matches!(c, '百' | '千' | '万');
    let paired_after = ulen == unit_len_one_char(rest) && after_unit.starts_with(magnitude);
    let paired_before = {
        let mut back = text[..start].chars().rev();
        ulen == unit_len_one_char(rest)
            && back
                .next()
                .is_some_and(|c| !c.is_ascii_digit() && !magnitude(c))
            && back.next().is_some_and(magnitude)
            && back
                .next()
                .is_none_or(|c| !numerals::is_chinese_numeral_char(c))
    };
    if approx.is_none() && (paired_after || paired_before) {
        return None;
    }
    if in_quotes(body, s) {
        return None;
    }
    Some(Found {
        start,
        end,
        value,
        value_max: None,
        unit,
        approx,
    })
}

/// The byte length of `rest`'s first character when it is one.
fn unit_len_one_char(rest: &str) -> usize {
    rest.chars().next().map_or(0, char::len_utf8)
}

/// Decides whether the number at `text[s..e]` is a claim, and its extent:
/// the context that rules it out, its value, a range, its unit with the
/// approximation words around it, and whether the unit is a measure here.
pub(super) fn judge(body: &Body, s: usize, e: usize, arabic: bool) -> Option<Found> {
    let text = body.text.as_str();
    if ruled_out_before(text, s) {
        return None;
    }
    let (value, over, e) = read_value(text, s, e, arabic)?;
    if ruled_out_after(text, s, e, arabic) {
        return None;
    }
    let mut r = Reading {
        end: e,
        value,
        value_max: None,
        approx: over.then_some(Approx::Over),
    };
    if arabic {
        range_before_unit(text, &text[s..e], &mut r)?;
    }
    let unit = match unit_after(text, &mut r, arabic) {
        Some(unit) => unit,
        None if arabic && bare_count(body, s, &r) => "",
        None if arabic && sum_without_yuan(text, s, &r) => "元",
        None => return None,
    };
    let after_unit = &text[r.end..];
    if !unit_is_a_measure(unit, after_unit, prev_char(text, s), arabic) {
        return None;
    }
    // A number and unit closing a quotation are a name: “助力政策40条”,
    // 三个“100%”目标.
    if after_unit.starts_with(['”', '」', '』']) && in_quotes(body, s) {
        return None;
    }
    // Approximation words before the number.
    let mut start = s;
    if let Some((a, len)) = approx_before(text, s) {
        r.approx = r.approx.or(Some(a));
        start = s - len;
    }
    Some(Found {
        start,
        end: r.end,
        value: r.value,
        value_max: r.value_max,
        unit,
        approx: r.approx,
    })
}

/// A claim as [`judge`] reads it from its number on: where it ends so far,
/// its value, the upper end of a range and the approximation.
struct Reading {
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    approx: Option<Approx>,
}

/// Whether what stands before the number at `s` makes it no claim: glued to
/// letters or other numbers (codes, models, versions: A02, G20), or an
/// ordinal (第3, 第 3 次), a formula or a fraction's second part (1+N, 7·9).
fn ruled_out_before(text: &str, s: usize) -> bool {
    let before = prev_char(text, s);
    // 第 3 次: an ordinal even with a space.
    let before_spaced = text[..s].trim_end_matches(NUMBER_SPACE).chars().next_back();
    before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        || matches!(before, Some('第' | '+' | '·' | '/'))
        || before_spaced == Some('第')
}

/// The value of the number at `text[s..e]`, whether 余/多 inside makes it a
/// lower bound, and where the number ends (see [`read_arabic`]).
fn read_value(text: &str, s: usize, e: usize, arabic: bool) -> Option<(Decimal, bool, usize)> {
    if arabic {
        read_arabic(text, s, e)
    } else if text[s..e].contains(['余', '多']) {
        // 十余万: the count and its magnitude, more than that.
        let bare = text[s..e].replace(['余', '多'], "");
        Some((numerals::parse_chinese(&bare).ok()?, true, e))
    } else {
        Some((numerals::parse_chinese(&text[s..e]).ok()?, false, e))
    }
}

/// Whether what follows the number `text[s..e]` makes it no claim: a code,
/// a formula or a time (1+N, 7·9, 10:01, 2020〕; a dash may open a range),
/// a number alone in quotation marks (“139”行动, a name), a list marker
/// (一是, 二要).
fn ruled_out_after(text: &str, s: usize, e: usize, arabic: bool) -> bool {
    let after = text[e..].chars().next();
    let glued = after.is_some_and(|c| {
        c.is_ascii_alphabetic()
            || matches!(
                c,
                '+' | '·' | ':' | '/' | '-' | '.' | '_' | '〕' | ']' | ')'
            )
    });
    if glued && after != Some('-') {
        return true;
    }
    let rest = &text[e..];
    if prev_char(text, s) == Some('“') && (rest.starts_with('”') || rest.starts_with('“')) {
        return true;
    }
    !arabic && (rest.starts_with('是') || rest.starts_with('要'))
}

/// The separators of a range (3至5个, 3—5个, 3~5个).
const RANGE_MARKS: [&str; 7] = ["至", "到", "—", "–", "-", "~", "～"];

/// A range right after the Arabic number `num`, before the unit: 3至5个,
/// 3—5个; 10—50万元 puts 万 on both ends. `None` when the upper end cannot
/// be read (the number is then no claim); 33至5 is no range, and the number
/// stands alone.
fn range_before_unit(text: &str, num: &str, r: &mut Reading) -> Option<()> {
    let rest = &text[r.end..];
    for sep in RANGE_MARKS {
        if let Some(after) = rest.strip_prefix(sep)
            && let Some(m_end) = arabic_at_start(after)
        {
            let (hi, hi_over, hi_end) = read_arabic(after, 0, m_end)?;
            let hi_exp = magnitude_exp(&after[..hi_end]);
            let lo = if hi_exp > 0 && magnitude_exp(num) == 0 {
                r.value.shift(hi_exp).ok()?
            } else {
                r.value
            };
            if hi.to_f64() < lo.to_f64() {
                // 33至5: not a range (a typo or two numbers); the number alone.
                break;
            }
            r.value = lo;
            if hi_over {
                r.approx = Some(Approx::Over);
            }
            r.value_max = Some(hi);
            r.end += sep.len() + hi_end;
            break;
        }
    }
    Some(())
}

/// The unit after the number and what goes with it: 多/余 before it
/// (8000多件), one space (680 名), 余 after it (2万人余), a range that
/// repeats the unit (5万元至10万元) and an approximation after it (95%以上).
/// `None` when no unit follows, or a word of time or a name does (3个月:
/// a duration).
fn unit_after(text: &str, r: &mut Reading, arabic: bool) -> Option<&'static str> {
    // 多 / 余 between number and unit (5个多月 is a duration, caught by
    // [`unit_at`]).
    for w in ["多", "余"] {
        if text[r.end..].starts_with(w) {
            r.approx = Some(Approx::Over);
            r.end += w.len();
            break;
        }
    }
    // 680 名: a space before the unit.
    let (spaced, gap) = skip_space(&text[r.end..]);
    if is_time_unit_at(spaced) {
        return None;
    }
    let (unit, ulen) = unit_at(spaced)?;
    r.end += gap + ulen;
    // 120场(次), 3000人(次): the bracketed 次 makes a count of events.
    let unit = match (unit, text[r.end..].strip_prefix("(次)")) {
        ("场", Some(_)) => "场次",
        ("人", Some(_)) => "人次",
        _ => unit,
    };
    if unit == "场次" || unit == "人次" {
        r.end += text[r.end..]
            .strip_prefix("(次)")
            .map_or(0, |_| "(次)".len());
    }
    // 8000多件 already took 多. A 余 after the unit is rare but written
    // (2万人余).
    if r.approx.is_none() && text[r.end..].starts_with('余') {
        r.approx = Some(Approx::Over);
        r.end += '余'.len_utf8();
    }
    if r.value_max.is_none() && arabic {
        range_after_unit(text, unit, r);
    }
    let rest = &text[r.end..];
    if let Some((w, a)) = APPROX_SUFFIX.iter().find(|(w, _)| rest.starts_with(w)) {
        r.approx = Some(*a);
        r.end += w.len();
    }
    Some(unit)
}

/// A range that repeats its unit after the first one: 5万元至10万元.
fn range_after_unit(text: &str, unit: &str, r: &mut Reading) {
    let rest = &text[r.end..];
    for sep in RANGE_MARKS {
        if let Some(after) = rest.strip_prefix(sep)
            && let Some(m_end) = arabic_at_start(after)
            && let Some((hi, hi_over, hi_end)) = read_arabic(after, 0, m_end)
            && let Some((hi_unit, hi_ulen)) = unit_at(&after[hi_end..])
            && hi_unit == unit
            && hi.to_f64() >= r.value.to_f64()
        {
            r.value_max = Some(hi);
            if hi_over {
                r.approx = Some(Approx::Over);
            }
            r.end += sep.len() + hi_end + hi_ulen;
            break;
        }
    }
}

/// Nouns of people and households that a bare number may count without a
/// measure word (3万群众, 党员1.2万).
const COUNTED_WITHOUT_UNIT: &[&str] = &[
    "群众",
    "居民",
    "村民",
    "农民",
    "市民",
    "人口",
    "党员",
    "干部",
    "职工",
    "游客",
    "志愿者",
    "农户",
    "脱贫户",
    "贫困户",
    "家庭",
    "学生",
    "人次",
];

/// Whether a number without a unit clearly counts people or households:
/// written with 万 or 亿 (or 多/余) right before one of
/// [`COUNTED_WITHOUT_UNIT`] (3万群众), or ending its clause right after
/// one (全村人口1270多, 注册志愿者620万). A number alone is never a claim
/// otherwise.
fn bare_count(body: &Body, s: usize, r: &Reading) -> bool {
    let text = body.text.as_str();
    let num = &text[s..r.end];
    let rounded = num.ends_with(['万', '亿', '多', '余']);
    let after = &text[r.end..];
    if rounded && COUNTED_WITHOUT_UNIT.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let ends_clause = after
        .chars()
        .next()
        .is_none_or(|c| crate::window::is_clause_end(c) || c == '\n');
    // The count may be said of the noun: 游客人次达12万.
    let head = text[..s].trim_end_matches(NUMBER_SPACE);
    let head = SAID_OF
        .iter()
        .find_map(|v| head.strip_suffix(v))
        .unwrap_or(head);
    ends_clause
        && rounded
        && COUNTED_WITHOUT_UNIT.iter().any(|w| head.ends_with(w))
        && !in_quotes(body, s)
}

/// Verbs that say a count of the noun before them: 人次达12万, 人口为3万.
const SAID_OF: &[&str] = &["达到", "达", "为", "突破", "超过", "逾"];

/// Verbs that spend or raise money: a rounded sum right after one is in
/// 元 though the text leaves it out (投入430万 → 4,300,000 元).
const MONEY_VERBS: &[&str] = &[
    "投入",
    "拿出",
    "筹集",
    "筹措",
    "出资",
    "捐资",
    "捐款",
    "募集",
    "花费",
    "投资",
    "融资",
    "整合资金",
];

/// Whether a number without a unit is a sum of money: written with 万 or
/// 亿, right after a verb of spending or raising money (with 了, 共, 累计
/// or an approximation between): 村里拿出120万购置商铺.
fn sum_without_yuan(text: &str, s: usize, r: &Reading) -> bool {
    if !text[s..r.end].ends_with(['万', '亿']) {
        return false;
    }
    let mut head = text[..s].trim_end_matches(NUMBER_SPACE);
    if let Some((_, len)) = approx_before(text, s) {
        head = &text[..s - len];
    }
    for w in ["了", "共", "累计", "总计", "合计"] {
        head = head.strip_suffix(w).unwrap_or(head);
    }
    MONEY_VERBS.iter().any(|v| head.ends_with(v))
}

// A share said to be about a fraction: 约占…的, 近占… up to the number.
static_regex!(
    ABOUT_SHARE,
    r"(?:约|大约|将近|接近|近)占[^,，。;；:：]{0,12}$"
);

/// A fraction written with digits (约占全省的1/4, 超过2/3): a share, its
/// value a decimal and its unit empty. Only where a share is said — after
/// 占, 的, 为, 达, an approximation, or before 以上/左右/的 — and never
/// glued to other digits, slashes or letters (dates 2023/5/6, pages 第1/3页,
/// codes).
pub(super) fn judge_fraction(body: &Body, s: usize, e: usize) -> Option<Found> {
    let text = body.text.as_str();
    let before = prev_char(text, s);
    let after = text[e..].chars().next();
    let glued = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | ':' | '_'))
    };
    if glued(before) || glued(after) || before == Some('第') || text[e..].starts_with('页') {
        return None;
    }
    let (num, den) = text[s..e].split_once('/')?;
    let (num, den): (u32, u32) = (num.parse().ok()?, den.parse().ok()?);
    if num == 0 || den < 2 || num >= den {
        return None;
    }
    let head = text[..s].trim_end_matches(NUMBER_SPACE);
    let said = ["占", "的", "为", "达", "是", "仅"]
        .iter()
        .any(|w| head.ends_with(w))
        || approx_before(text, s).is_some()
        || ["以上", "左右", "的", "多"]
            .iter()
            .any(|w| text[e..].starts_with(w));
    if !said || in_quotes(body, s) {
        return None;
    }
    // Four decimals: 1/4 → 0.25, 2/3 → 0.6667.
    let value = Decimal::new(
        (u128::from(num) * 10_000 + u128::from(den) / 2) / u128::from(den),
        4,
    );
    let mut r = Reading {
        end: e,
        value,
        value_max: None,
        approx: None,
    };
    let rest = &text[r.end..];
    if let Some((w, a)) = APPROX_SUFFIX.iter().find(|(w, _)| rest.starts_with(w)) {
        r.approx = Some(*a);
        r.end += w.len();
    }
    let mut start = s;
    if let Some((a, len)) = approx_before(text, s) {
        r.approx = r.approx.or(Some(a));
        start = s - len;
    }
    // 约占全县的1/4: the approximation said of the share.
    if r.approx.is_none() && ABOUT_SHARE.is_match(head) {
        r.approx = Some(Approx::About);
    }
    Some(Found {
        start,
        end: r.end,
        value: r.value,
        value_max: None,
        unit: "",
        approx: r.approx,
    })
}

/// Whether a unit word is used as a measure here, and not as the start of a
/// longer word or a name: 元旦 is a date, 人民/人大 follow Chinese numerals
/// in names, 3路公交 and 1车间 are names, 15栋 after a housing estate's name
/// is an address (小区15栋), 1对1 is a formula, 村民 is not villages.
pub(super) fn unit_is_a_measure(
    unit: &str,
    after_unit: &str,
    before: Option<char>,
    arabic: bool,
) -> bool {
    match unit {
        "元" => !after_unit.starts_with('旦'),
        "人" => arabic || !after_unit.starts_with(['民', '大']),
        "路" => !after_unit.starts_with(['公', '车', '口', '段', '线', '灯']),
        "车" => !after_unit.starts_with(['间', '道']),
        "对" => !after_unit.starts_with(|c: char| c.is_ascii_digit() || c == '一'),
        "村" => !after_unit.starts_with(['民', '委', '级', '庄', '里']),
        "栋" | "幢" => {
            !before.is_some_and(|c| matches!(c, '区' | '苑' | '园' | '庭' | '府' | '城' | '院'))
                && !after_unit.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => true,
    }
}
