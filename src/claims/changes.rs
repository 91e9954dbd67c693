//! Changes against a base, and clause chains: what a figure after 比上年,
//! 同比 or 较上届 says changed (社会消费品零售总额比上年同期增长9.2% →
//! 社会消费品零售总额增长), and the object a clause that names no subject
//! carries from the figure before it (达236亿元,同比增长2.3% → 二产增加值
//! 增长; 平均年龄43岁,35岁以下… → the same people).

use super::lists::CHANGE_VERBS;
use super::{Body, Found};

/// Verbs of change beside [`CHANGE_VERBS`] that a base may come before
/// (比上年增收, 较去年同期回落, 比上年净增加): one list for every reading
/// of a change in this module.
const MORE_CHANGE_VERBS: &[&str] = &[
    "净增加",
    "净减少",
    "新增",
    "增收",
    "减收",
    "回落",
    "扩大",
    "缩小",
];

/// [`CHANGE_VERBS`] and [`MORE_CHANGE_VERBS`], longest first (净增加
/// before 增加), for patterns and for stripping a change off an object.
fn change_verbs() -> Vec<&'static str> {
    let mut v: Vec<&str> = CHANGE_VERBS
        .iter()
        .chain(MORE_CHANGE_VERBS)
        .copied()
        .collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
}

// A clause that states a share or a change of the subject before it and
// names none of its own: 占38%, 同比增长2.3%, 较一季度提升7.9个百分点,
// 比去年底提高27.71个百分点 (a comparison base, then the change).
static_regex!(
    SUBJECTLESS,
    &format!(
        r"^(?:其中|并|且|同时|已经|已)?(?:同比|环比|(?:比|较)[^,，;；:：]{{1,8}}?)?(占比?|占到|{})(?:\p{{Han}}{{1,12}}?的)?(?:了|达到?|为)?(?:约|近|超过|逾)?$",
        change_verbs().join("|")
    )
);

// A clause that opens with 占 and names the whole without 的 (…3.2万人,
// 占全区常住人口6.5%): a share of the subject before it.
static_regex!(
    SHARE_OF_WHOLE,
    r"^(?:其中|并|且|约|分别)?占(?:全|总)?\p{Han}{1,12}?(?:约|近|超过|逾)?$"
);

// A clause that says how many of the things counted before it were dealt
// with, or are being dealt with: 已办结, 均已整改, 全部解决了, 正在推进解决.
static_regex!(
    DEALT_WITH,
    r"^(?:其中|目前|现)?((?:已经|已|均已|全部|正在(?:推进|加紧|抓紧)?)?(?:解决|办结|完成|整改|落实|化解|办理|答复|回复|采纳|销号|兑现))了?$"
);

/// The object of a claim whose clause leaves its subject unsaid, carried
/// from the claim before it in the sentence, as Chinese clause chains do:
/// 二产增加值达236.30亿元,同比增长2.3%,较一季度提升7.9个百分点 →
/// 二产增加值 / 二产增加值增长 / 二产增加值增长提升; 其中女党员1200人,占38%
/// → 女党员占比. A share names its ratio, a change what changed, and a part
/// (其中6000多名) what it is part of.
pub(super) fn carried_object(
    body: &Body,
    f: &Found,
    previous: &str,
    previous_unit: &str,
) -> Option<String> {
    let text = body.text.as_str();
    let clause = text[body.clause_start(f.start)..f.start].trim();
    // 平均年龄43.5岁,35岁以下…: an age bound after an age is of the same
    // people (as is one after another bound of theirs).
    if f.unit == "岁"
        && matches!(clause, "" | "其中")
        && text
            .get(f.start..f.end)
            .is_some_and(|s| s.ends_with("以下") || s.ends_with("以上"))
    {
        let group = ["平均年龄", "年龄"]
            .iter()
            .find_map(|a| previous.strip_suffix(a))
            .or((previous_unit == "岁").then_some(previous))
            .filter(|g| g.chars().count() >= 2);
        if let Some(group) = group {
            return Some(group.to_string());
        }
    }
    // 收集意见建议860条,已办结812条: the part of them that was dealt with,
    // counted in the same unit.
    // A part after a part (…,已办结812条,正在办理48条) is of the whole.
    if f.unit == previous_unit
        && let Some(done) = DEALT_WITH.captures(clause)
    {
        let whole = (1..=previous.chars().count().saturating_sub(2))
            .filter_map(|n| previous.char_indices().nth(n).map(|(i, _)| i))
            .find(|&i| DEALT_WITH.is_match(&previous[..i]))
            .map_or(previous, |i| &previous[i..]);
        return Some(format!("{}{whole}", &done[1]));
    }
    // 其中6000多名还主动参与: a part of what was counted before (a share
    // names its own: 其中93%的工程项目).
    if matches!(clause, "其中" | "其中有" | "其中共有") && !matches!(f.unit, "%" | "‰" | "百分点")
    {
        return Some(previous.to_string());
    }
    if matches!(f.unit, "%" | "‰") && SHARE_OF_WHOLE.is_match(clause) {
        return Some(format!("{previous}占比"));
    }
    let verb = SUBJECTLESS.captures(clause)?.get(1)?.as_str();
    let verb = if verb.starts_with('占') {
        "占比"
    } else {
        verb
    };
    // 地税收入比上年增收90亿元,增长17.6%: the same change said twice, as a
    // sum and as a rate (地税收入增长). A rate's change is a change of the
    // rate (增长2.3%,提升7.9个百分点 → 增长提升).
    let previous = match previous_unit {
        "%" | "‰" | "百分点" => previous,
        _ => change_verbs()
            .into_iter()
            .find_map(|v| previous.strip_suffix(v).filter(|p| p.chars().count() >= 2))
            .unwrap_or(previous),
    };
    Some(format!("{previous}{verb}"))
}

// The text before a number that is only a comparison base (比上届, 较去年同期).
static_regex!(
    BASE_ONLY,
    r"^(?:同比|环比)?(?:比|较)(?:上|去|前|本)(?:年|届|月|季度|年度)(?:同期|底|末|初)?$"
);

// A change against a base at the end of the text before a figure: 较上年底
// 净增, 比去年同期小幅上升, 同比增收, 比2015年增长了.
static_regex!(
    COMPARED_CHANGE,
    &format!(
        r"(?:同比|环比|(?:相比|对比|比|较)(?:[上去前本同]|[0-9]{{4}}年|年初)\p{{Han}}{{0,6}}?)(?:小幅|大幅|略有|明显|稳步|持续|分别|均|又|再)?({})了?$",
        change_verbs().join("|")
    )
);

/// A comparison base and a change at the end of `window` (the text from
/// `cstart` to a figure; see [`COMPARED_CHANGE`]): where the base starts in
/// `window`, and the verb of change. The base starts a word, or its 比 ends
/// one that the segmenter glued to it (价格比上年上升); 占比 is no base.
pub(super) fn compared_change<'a>(
    body: &Body,
    cstart: usize,
    window: &'a str,
) -> Option<(usize, &'a str)> {
    let c = COMPARED_CHANGE.captures(window)?;
    let base = c.get(0)?.start();
    let glued = window[base..].starts_with(['比', '较'])
        && body.is_boundary(cstart + base + '比'.len_utf8())
        && !window[..base].ends_with('占');
    (body.is_boundary(cstart + base) || glued).then(|| (base, c.get(1).map_or("", |m| m.as_str())))
}

/// Whether the text before a figure is a comparison base alone (see
/// [`BASE_ONLY`]): it names no subject of its own.
pub(super) fn base_only(window: &str) -> bool {
    BASE_ONLY.is_match(window)
}
