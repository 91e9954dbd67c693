//! 一X一Y formulations: one thing for each unit of organization (一村一品,
//! 一企一策, 一户一档). Quoted, any 一X with further numbers counts (一轴两翼,
//! 一心多点); unquoted, only 一X一Y over a unit of organization, since most
//! other unquoted 一X一Y are idioms (一言一行).

use super::lexicon::number_word;

/// Units of organization a 一X一Y formulation gives one thing each (一村一品,
/// 一企一策, 一户一档, 一事一议); idioms of that shape have a verb or a body
/// part there (一言一行, 一心一意).
const UNIT_OF_ORGANIZATION: &str = "村镇乡县区市省街居户企店校园厂岗事案业社组格院站所局楼";

/// Words that may follow an unquoted 一X一Y formulation (一村一品的, 一企一策
/// 服务); any other character may continue its last word.
pub(super) const AFTER_ONE_PER_UNIT: &[&str] = &[
    "的", "和", "与", "及", "等", "为", "是", "发展", "特色", "产业", "模式", "工作", "机制",
    "服务", "建设", "思路", "格局", "要求", "制度", "办法", "方式", "行动", "活动", "工程", "战略",
    "目标", "示范", "格局", "帮扶", "精准", "管理", "推进", "落实",
];

/// Verbs by which one person or body leads, helps or links others in a
/// 一带N formulation.
const LEADING_VERBS: &str = "带帮联包扶领助结促引";

/// Whether `chars`, led by 一, is a one-per-unit formulation. Quoted: 一X
/// with a second number or 多 after it (一X一Y, 一X两Y三Z, 一X多Y, 一X一个Y).
/// Unquoted: only 一X一Y over a unit of organization (一村一品, 一企一策).
pub(super) fn is_one_per_unit(chars: &[char], quoted: bool) -> bool {
    // 一带十, 一帮三: one leads or helps a number of others, quoted (not a
    // manner, a ratio or a machine: 一对一, 一比一, 一拖二).
    if quoted
        && chars.len() == 3
        && number_word(chars[1]).is_none()
        && LEADING_VERBS.contains(chars[1])
        && number_word(chars[2]).is_some_and(|v| (2..=10).contains(&v))
    {
        return true;
    }
    if quoted {
        let second = chars
            .iter()
            .skip(2)
            .any(|c| number_word(*c).is_some_and(|v| v <= 10) || *c == '多');
        return chars.len() >= 4 && number_word(chars[1]).is_none() && second;
    }
    chars.len() == 4
        && chars[2] == '一'
        && UNIT_OF_ORGANIZATION.contains(chars[1])
        && number_word(chars[3]).is_none()
}
