//! What a claim counts or measures: the noun phrase after the measure word
//! (1.35万名机关党员), the subject before the number (组建党员志愿服务队335支,
//! 畅通率达95%), or, in a clause that leaves its subject unsaid, the object
//! carried from the claim before it.

use super::changes::{base_only, compared_change};
use super::groups::{in_group, measured_before, threshold_picks_out};
use super::lists::{
    CHANGE_VERBS, SHARE_PREDICATE_MAX, list_items_after, listed_before, share_after, shared_head,
};
use super::phrases::*;
use super::relative::{relative_clause_object, relative_object};
use super::{Body, Found};
use crate::normalize::is_han;
use crate::window::{self, Ends};

/// The counted object: the noun phrase after the measure word, or, when
/// there is none (the measure word ends the clause, or the unit is a share
/// or a change), the subject phrase before the number.
pub(super) fn object_of(body: &Body, f: &Found) -> Option<String> {
    let object = people_named_around(body, f)
        .or_else(|| attribute_of_following(body, f))
        .or_else(|| object_of_shape(body, f));
    let object = match object {
        Some(o) if PLACE_UNITS.contains(&o.as_str()) => measured_before(body, f, &o).or(Some(o)),
        o => o,
    };
    // Parts of a group (全乡党员中,35岁以下210名) and units of one
    // (380个企业中,290个已建立党组织).
    if matches!(f.unit, "人" | "岁") || CLASSIFIERS.contains(&f.unit) {
        in_group(body, f, object)
    } else {
        object
    }
}

// People counted by the title they were given (5人获评“全省优秀共产党员”,
// 12名同志被评为“优秀共产党员”).
static_regex!(
    HONOURED_AS,
    r"^(?:同志|党员|干部)?(?:获评|荣获|被评为|被授予|获得|当选为?|入选)“([^”]{2,20})”"
);

// People a project puts to work: 带动周边120人就业, 吸纳当地群众300余人就业.
static_regex!(
    EMPLOYED_BY,
    r"(带动|吸纳|解决|促进|帮助|安排)(?:了)?(?:周边|附近|当地|本地|村里|全村)?(?:群众|村民|农民|农户|贫困户)?(?:约|近|超过)?$"
);

/// The object of a count of people named by what the sentence says right
/// around it: the title they were given (see [`HONOURED_AS`]), or 就业
/// after a verb that gives them work (see [`EMPLOYED_BY`]: 带动就业).
fn people_named_around(body: &Body, f: &Found) -> Option<String> {
    if !matches!(f.unit, "人" | "名") {
        return None;
    }
    let text = body.text.as_str();
    let after = text.get(f.end..)?;
    if let Some(title) = HONOURED_AS.captures(after).and_then(|c| c.get(1)) {
        return Some(
            title
                .as_str()
                .chars()
                .filter(|c| !is_quote_char(*c))
                .collect(),
        );
    }
    if !(after.starts_with("就业") || after.starts_with("实现就业")) {
        return None;
    }
    let before = text.get(body.clause_start(f.start)..f.start)?;
    let verb = EMPLOYED_BY.captures(before)?.get(1)?.as_str();
    Some(format!("{verb}就业"))
}

// A clause of a linking verb and the figure alone (…,达到18.6万元).
static_regex!(
    LINK_ALONE,
    r"^(?:并|均|已|已经)?(?:达到|达|为|增至|增加到|增长到|提高到|提升到|升至)了?(?:约|近|超过)?$"
);

/// The subject of the clause before a figure whose own clause is a linking
/// verb alone, when that clause holds no figure of its own (村均收入三年实现
/// 翻番,达到18.6万元 → 村均收入): the nouns that open it.
pub(super) fn subject_said_before(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let clause_s = body.clause_start(f.start);
    if !LINK_ALONE.is_match(text.get(clause_s..f.start)?.trim()) {
        return None;
    }
    let sent_s = body.sentence_start(f.start);
    let before = text
        .get(..clause_s)?
        .trim_end_matches(|c: char| window::is_clause_end(c));
    let prev_s = body.clause_start(before.len()).max(sent_s);
    let prev = text.get(prev_s..before.len())?;
    // 已将目标提高到…: what 将 or 把 moves is the object, not the subject.
    if prev_s >= clause_s || prev.contains(|c: char| c.is_ascii_digit() || matches!(c, '将' | '把'))
    {
        return None;
    }
    let tags = object_tags(body, prev_s, before.len());
    let subject: Vec<&str> = tags
        .iter()
        .take_while(|(w, t)| {
            (nounish(t) || MONEY_WORDS.contains(w)) && !scope_word(w) && *t != "ns"
        })
        .map(|(w, _)| *w)
        .collect();
    let verb_follows = tags
        .get(subject.len())
        .is_some_and(|(_, t)| matches!(*t, "v" | "d" | "t" | "m" | "ad" | "i" | "l"));
    join_object(&subject, false).filter(|o| o.chars().count() >= 2 && verb_follows)
}

/// [`object_of`] as the shape of the claim's own clause gives it.
fn object_of_shape(body: &Body, f: &Found) -> Option<String> {
    match f.unit {
        // A share or a change names its subject before the number.
        "%" | "‰" => changed_by(body, f)
            .or_else(|| age_bound_share(body, f))
            .or_else(|| share_of_whole_before(body, f))
            .or_else(|| object_before(body, f))
            .or_else(|| share_after(body, f)),
        // A fraction (占全镇人口的1/4) is a share like a percentage.
        "" if f.value.to_f64() < 1.0 => share_object(body, f),
        "百分点" => object_before(body, f),
        // Money is mostly what was spent or earned (投入资金300万元,
        // 村集体收入达到50万元); what follows it is what it was spent on.
        // A verb alone before the sum (投入100万元用于…) names it unless
        // funds are named after it (筹集200万元周转资金 → 周转资金).
        // A sum that is the object of a verb (村里得到600万元补偿款) is
        // the funds named after it, whoever the subject is.
        "元" => {
            let funds = || {
                object_after(body, f).filter(|a| {
                    a.ends_with(['金', '款', '费']) || a.ends_with("额度") || a.ends_with("预算")
                })
            };
            match object_before(body, f).map(funds_raised) {
                Some(o) if money_verb_alone(&o) => funds().or(Some(o)),
                o if verb_before_number(body, f) => funds().or(o).or_else(|| object_after(body, f)),
                o => o.or_else(|| object_after(body, f)),
            }
        }
        // People counted by 人 are named before the number (吸纳志愿者等
        // 300余人); what follows is what they did (参与小区治理).
        "人" => object_before(body, f).or_else(|| object_after(body, f)),
        _ => match object_after(body, f) {
            // 志愿者120名参与服务: a noun right before the count is what it
            // counts; the verb after it is what they did.
            Some(a)
                if verb_after_number(body, f) && !NOUN_SUFFIXES.iter().any(|s| a.ends_with(s)) =>
            {
                object_before_noun(body, f).or(Some(a))
            }
            a => a.or_else(|| object_before(body, f)),
        },
    }
}

// An age bound alone as the subject of a share: 35岁以下占12%, 其中60岁
// 以上的为3.5%.
static_regex!(
    AGE_BOUND_SHARE,
    r"^(?:其中)?([0-9]+岁(?:及)?以[上下])的?(?:占比?|占到|为|达)?$"
);

/// The share of the people within an age bound (35岁以下占12% →
/// 35岁以下占比): the bound names them.
fn age_bound_share(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let clause = text.get(body.clause_start(f.start)..f.start)?.trim();
    let bound = AGE_BOUND_SHARE.captures(clause)?.get(1)?.as_str();
    Some(format!("{bound}占比"))
}

/// A share followed by 的 and the things it counts, after nothing but the
/// whole they belong to (该公司70%的销售员是技术人员, 社区党委60%的党员参加
/// 了志愿服务): the share is of those things, as after a scope word (see
/// [`share_after`]); the whole before it is not what it measures.
fn share_of_whole_before(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    if !text.get(f.end..).is_some_and(|r| r.starts_with('的')) {
        return None;
    }
    let start = body.clause_start(f.start);
    let tags = object_tags(body, start, f.start);
    let whole = !tags.is_empty()
        && tags
            .iter()
            .all(|(_, t)| nounish(t) || matches!(*t, "r" | "ns" | "nt"))
        && tags.last().is_some_and(|(_, t)| *t != "r");
    whole.then(|| share_after(body, f)).flatten()
}

/// Whether the word after the measure word is a verb (参与, 开展).
fn verb_after_number(body: &Body, f: &Found) -> bool {
    let text = body.text.as_str();
    let tags = object_tags(body, f.end, phrase_window_end(text, f.end));
    tags.first().is_some_and(|(_, t)| *t == "v")
}

/// The subject before the number when a noun ends right at it (党员干部
/// 300名): nothing but the phrase's own words between them.
fn object_before_noun(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let start = body.clause_start(f.start);
    let tags = object_tags(body, start, f.start);
    let &(last, tag) = tags.last()?;
    // Only a clause of nouns before the count (对辖区内1687名…: the count
    // is inside a phrase of a preposition or a verb).
    let nouns_only = tags.iter().all(|(_, t)| nounish(t));
    if !nouns_only
        || !matches!(tag, "n" | "nz" | "nt" | "j")
        || last.ends_with(['内', '中', '里', '外', '上', '下'])
        || !text[..f.start].ends_with(last)
    {
        return None;
    }
    object_before(body, f).filter(|o| o.ends_with(last))
}

/// An attribute noun before a figure that modifies the noun after it
/// (总投资5亿元的物流园, 面积300平方米的活动室) is that noun's attribute:
/// 物流园总投资, 活动室面积.
fn attribute_of_following(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let modifies = ["的", "以上的", "左右的"]
        .iter()
        .any(|p| text.get(f.end..).is_some_and(|r| r.starts_with(p)));
    if !modifies {
        return None;
    }
    let window = text
        .get(body.clause_start(f.start)..f.start)?
        .trim_end_matches(['为', '达', '约', '近', '共', '了']);
    let attribute = ATTRIBUTE_NOUNS
        .iter()
        .filter(|a| {
            window.strip_suffix(**a).is_some_and(|rest| {
                body.is_boundary(offset_in(text, rest).unwrap_or(0) + rest.len())
            })
        })
        .max_by_key(|a| a.len())?;
    let noun = object_after(body, f)?;
    (!ATTRIBUTE_NOUNS.iter().any(|a| noun.ends_with(a))).then(|| format!("{noun}{attribute}"))
}

/// A percentage after a verb of change alone and before 的 and a noun
/// (提高了20%的效率, 降低15%的成本) is the change of that noun: 效率提高,
/// 成本降低.
fn changed_by(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let clause = text.get(body.clause_start(f.start)..f.start)?.trim();
    let clause = clause.strip_suffix('了').unwrap_or(clause);
    let verb = CHANGE_VERBS.iter().find(|v| clause == **v)?;
    if !text.get(f.end..)?.starts_with('的') {
        return None;
    }
    let noun = object_after(body, f)?;
    (noun.chars().count() >= 2).then(|| format!("{noun}{verb}"))
}

/// Whether the number is the object of a verb right before it (得到, 筹到了,
/// 拿出约): a verb other than a linking word or a word of money, an aspect
/// mark and an approximation word skipped.
fn verb_before_number(body: &Body, f: &Found) -> bool {
    let mut tags = object_tags(body, body.clause_start(f.start), f.start);
    while tags
        .last()
        .is_some_and(|(w, _)| matches!(*w, "了" | "约" | "近" | "共" | "逾" | "超过"))
    {
        tags.pop();
    }
    tags.last().is_some_and(|(w, t)| {
        *t == "v" && !LINKING.contains(w) && !MONEY_WORDS.contains(w) && w.chars().count() >= 2
    })
}

/// The object of a fraction, read as the object of the same share written
/// as a percentage (超过2/3的村 → 村占比).
fn share_object(body: &Body, f: &Found) -> Option<String> {
    let as_percent = Found {
        unit: "%",
        ..f.clone()
    };
    object_before(body, &as_percent).or_else(|| share_after(body, &as_percent))
}

/// Nouns that name an attribute of things, not things (资金, 增幅, 总量):
/// alone before a figure they are the attribute of what was counted just
/// before (项目12个、资金360万元 → 项目资金).
const ATTRIBUTE_NOUNS: &[&str] = &[
    "资金",
    "金额",
    "总额",
    "总量",
    "总投资",
    "投资",
    "产值",
    "规模",
    "面积",
    "总面积",
    "人数",
    "增幅",
    "降幅",
    "涨幅",
    "增速",
    "比例",
    "比重",
];

/// The object of a figure whose object alone is an attribute noun (see
/// [`ATTRIBUTE_NOUNS`]) opening its clause or list item: the attribute of
/// `previous`, the object of the claim before it in the sentence, without
/// the verb of change it may end with (党员总数净增320名,增幅2.1% → 党员总数
/// 增幅). After a verb the attribute is its own (争取资金300万元).
pub(super) fn attribute_of(body: &Body, f: &Found, own: &str, previous: &str) -> Option<String> {
    if !ATTRIBUTE_NOUNS.contains(&own) {
        return None;
    }
    let text = body.text.as_str();
    let clause = text.get(body.clause_start(f.start)..f.start)?;
    let item = clause.rsplit('、').next().unwrap_or(clause).trim();
    if !item.starts_with(own) {
        return None;
    }
    let previous = CHANGE_VERBS
        .iter()
        .find_map(|v| previous.strip_suffix(v))
        .unwrap_or(previous);
    // 总面积180万平方米,总投资4亿元: an attribute after an attribute is of
    // the same thing, not of the first attribute.
    let of_attribute = ATTRIBUTE_NOUNS.iter().any(|a| previous.ends_with(a));
    (!previous.contains(own) && !of_attribute && previous.chars().count() >= 2)
        .then(|| format!("{previous}{own}"))
}

/// Longest object (characters) the loose reading keeps.
const LOOSE_MAX: usize = 12;

/// A looser reading of the object, for a figure the shape rules give none
/// and no claim before it lends one: the words after the measure word up
/// to the last noun before the predicate (除12个拆迁安置社区外 → 拆迁安置社区;
/// 30个未按期换届党组织逐一整改 → 未按期换届党组织), or, for shares, sums
/// and people (what follows those is what they did), the nouns that end the
/// text before the number once adverbs are skipped (贫困村曾占120个 → 贫困村).
pub(super) fn loose_object(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let after_first = !matches!(f.unit, "%" | "‰" | "百分点" | "元" | "人" | "岁");
    let event = EVENT_UNITS.contains(&f.unit);
    let after = || {
        let end = body.clause_end(f.end).min(text.len());
        let tags = object_tags(body, f.end, end);
        let first = tags.first()?.1;
        if matches!(
            first,
            "v" | "p" | "c" | "u" | "uj" | "ul" | "x" | "m" | "q" | "f"
        ) {
            return None;
        }
        let mut last_noun = None;
        let mut chars = 0;
        for (i, (w, t)) in tags.iter().enumerate() {
            chars += w.chars().count();
            let stop = !w.chars().all(is_han)
                || *w == "的"
                || chars > LOOSE_MAX
                || (last_noun.is_some() && matches!(*t, "v" | "f" | "p" | "d" | "c"));
            if stop {
                break;
            }
            if nounish(t) || *t == "vn" {
                last_noun = Some(i);
            }
        }
        let words = tags[..=last_noun?].to_vec();
        let object: String = words.iter().map(|(w, _)| *w).collect();
        (object.chars().count() >= 2 && !scope_word(&object) && !loose_junk(&words, event))
            .then_some(object)
    };
    let before = || {
        let start = body.clause_start(f.start);
        let mut tags = object_tags(body, start, f.start);
        while let Some((w, t)) = tags.last() {
            if matches!(*t, "d" | "p" | "u" | "uj" | "ul" | "m" | "q" | "x") || LINKING.contains(w)
            {
                tags.pop();
            } else {
                break;
            }
        }
        let mut words: Vec<(&str, &str)> = Vec::new();
        let mut chars = 0;
        for &(w, t) in tags.iter().rev() {
            chars += w.chars().count();
            if !(nounish(t) || matches!(t, "vn" | "b" | "nz")) || t == "ns" || chars > LOOSE_MAX {
                break;
            }
            words.push((w, t));
        }
        words.reverse();
        let object: String = words.iter().map(|(w, _)| *w).collect();
        (object.chars().count() >= 2 && !scope_word(&object) && !loose_junk(&words, event))
            .then_some(object)
    };
    let object = if after_first {
        after().or_else(before)
    } else {
        before().or_else(after)
    }?;
    let function_word = object.contains(LOOSE_NEVER)
        || LOOSE_NEVER_LAST.iter().any(|e| object.ends_with(e))
        || object.starts_with(['地', '均', '的', '得', '占'])
        || matches!(object.as_str(), "同比" | "环比" | "同期" | "时间");
    (!function_word).then_some(object)
}

/// Whether a loose reading is no noun phrase: a verb alone (调整, 声称)
/// unless the unit counts events,
/// a phrase ending in a verb, an adverb or a person's name (a reading
/// that ran into who said it; a name inside a team's name is fine), an adverb made with 地, a currency (人民币
/// names the unit, not what it measures), a caption's 图为.
pub(super) fn loose_junk(words: &[(&str, &str)], event: bool) -> bool {
    let Some(&(last, last_tag)) = words.last() else {
        return true;
    };
    // An event unit may count the verb itself (走访900余人次).
    let verb_alone = !event && words.iter().all(|(_, t)| matches!(*t, "v" | "vn" | "vd"));
    verb_alone
        || (matches!(last_tag, "v" | "vd") && !event)
        || matches!(last_tag, "d" | "nr" | "nrfg" | "nrt")
        || words
            .iter()
            .any(|(w, _)| matches!(*w, "地" | "是" | "各" | "占"))
        || matches!(
            last,
            "人民币" | "美元" | "新台币" | "港币" | "港元" | "欧元"
        )
        || words
            .first()
            .is_some_and(|(w, _)| w.starts_with("图为") || *w == "合共")
}

/// Characters of function words (pronouns, adverbs, prepositions, aspect
/// marks) that no loosely read object contains: a reading that takes one
/// in has run into the predicate.
const LOOSE_NEVER: &[char] = &[
    '这', '那', '也', '就', '即', '都', '了', '着', '被', '把', '将', '从', '该', '此', '更', '曾',
    '仍', '又', '才', '若', '仅', '穿', '是', '各',
];

/// Endings of a loosely read object that show it ran into the predicate
/// (船只中有, 病床可).
const LOOSE_NEVER_LAST: &[&str] = &[
    "有", "是", "可", "所", "每", "中", "达", "为", "机会", "总", "到", "各",
];

/// Units that count events: the thing counted may be the verb itself
/// (走访900余人次, 集中宣讲120场次).
pub(super) const EVENT_UNITS: &[&str] =
    &["次", "场", "场次", "期", "人次", "轮", "批", "回", "次数"];

/// The noun phrase after the measure word: 1.35万名机关党员 → 机关党员,
/// 8支宣讲队 → 宣讲队 (a verb inside a compound noun), 70个村和社区.
pub(super) fn object_after(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let end = phrase_window_end(text, f.end);
    if end <= f.end {
        return None;
    }
    let tags = object_tags(body, f.end, end);
    let mut words: Vec<(&str, &str)> = Vec::new();
    let mut i = 0;
    // 300平方米的农村党建活动基地: the phrase starts after 的; 300名第二批
    // 好支书, 100个2023年度示范党组织: after a batch or a year.
    loop {
        match (tags.get(i), tags.get(i + 1)) {
            (Some(("的", _)), _) | (Some(("首批", _)), _) => i += 1,
            // 第二批, 第三批 cut as one word.
            (Some((w, _)), _) if w.starts_with('第') && w.ends_with('批') => i += 1,
            (Some((w, _)), Some((y, _)))
                if (w.chars().all(|c| c.is_ascii_digit()) && matches!(*y, "年" | "年度"))
                    || (*w == "第" && y.ends_with('批')) =>
            {
                i += 2
            }
            _ => break,
        }
    }
    let skipped = i;
    let taken = noun_phrase_after(&tags[skipped..], &mut words);
    if words.is_empty() {
        if let Some(bound) = AGE_BOUND_AFTER.find(&text[f.end..]) {
            return age_group_after(body, f.end + bound.end(), bound.as_str());
        }
        return CLASSIFIERS
            .contains(&f.unit)
            .then(|| relative_object(text, &tags[i..]))
            .flatten()
            .or_else(|| loose_phrase_after(&tags[i..]));
    }
    if let Some(o) = relative_clause_object(text, f, &tags[skipped..], &words) {
        return Some(o);
    }
    i += taken;
    let mut ws: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    // 7个县(区), 85个乡(镇、办): a short bracketed aside right after the
    // whole phrase belongs to it, and so do the nouns after it
    // (6名党委(党组)成员).
    // Only quotation marks (dropped from the tags) may stand between the
    // phrase and the end of the window.
    let phrase_end = words
        .last()
        .and_then(|(w, _)| Some(offset_in(text, w)? + w.len()));
    // 96个村集体经济收入全部达15万元: the villages are counted, the rest
    // says what each of them reached.
    let (head_word, _) = words[0];
    if PLACE_UNITS.contains(&head_word) {
        // 65个村集体经济收入超过20万元 (one of a series of thresholds): the
        // villages the threshold picks out; 全部达 (all of them): the villages.
        let head_end = offset_in(text, head_word).map(|o| o + head_word.len());
        if let Some(said) = head_end.and_then(|e| threshold_picks_out(body, f, e)) {
            return Some(format!("{said}的{head_word}"));
        }
        if words.len() > 1 && phrase_end.is_some_and(|e| threshold_at(text, e)) {
            return Some(head_word.to_string());
        }
        if words.len() == 1
            && let Some(head) = phrase_end.and_then(|e| shared_head(body, e))
        {
            return Some(format!("{head_word}{head}"));
        }
        if words.len() == 1
            && let Some(said) = phrase_end.and_then(|e| units_picked_out(body, f, e))
        {
            return Some(format!("{said}的{head_word}"));
        }
    }
    let reaches_end = words.len() == taken
        && i == tags.len()
        && phrase_end
            .and_then(|e| text.get(e..end))
            .is_some_and(|gap| gap.chars().all(is_quote_char));
    if reaches_end {
        if let Some(aside) = text[end..].strip_prefix('(').and_then(|r| {
            r.find(')')
                .filter(|&k| {
                    k > 0
                        && r[..k].chars().count() <= 6
                        && !r[..k].contains(|c: char| c.is_ascii_digit())
                })
                .map(|k| &text[end..end + k + 2])
        }) {
            ws.push(aside);
            let from = end + aside.len();
            let to = phrase_window_end(text, from);
            let mut more = Vec::new();
            noun_phrase_after(&object_tags(body, from, to), &mut more);
            if more
                .first()
                .is_some_and(|(_, t)| !matches!(*t, "v" | "m" | "q"))
            {
                ws.extend(more.iter().map(|(w, _)| *w));
            }
        } else {
            list_items_after(body, end, &mut ws);
        }
    }
    join_object(&ws, false)
}

/// Longest predicate (characters) that picks out the units a count counts.
const UNITS_PREDICATE_MAX: usize = 10;

/// What a count of villages or communities says of them when the count is
/// the subject of its clause and the predicate picks out which ones (已有
/// 15个村实现通自来水 → 实现通自来水的村; 仍有8个社区没有活动场所 → 没有活动场所的
/// 社区): the predicate from `at` (the end of the unit) to the end of the
/// clause. Not a threshold (those keep the unit), not after a verb that
/// makes the units its object (帮助12个村发展产业).
fn units_picked_out(body: &Body, f: &Found, at: usize) -> Option<String> {
    let text = body.text.as_str();
    let before = text.get(body.clause_start(f.start)..f.start)?.trim();
    let before = before
        .strip_suffix("以上")
        .or_else(|| before.strip_suffix('约'))
        .unwrap_or(before);
    if !(before.is_empty() || before.ends_with('有')) || threshold_at(text, at) {
        return None;
    }
    let rest = text.get(at..)?;
    let stop = rest
        .find(|c: char| window::is_clause_end(c) || !is_han(c))
        .unwrap_or(rest.len());
    let said = &rest[..stop];
    let n = said.chars().count();
    if !(2..=UNITS_PREDICATE_MAX).contains(&n)
        || rest[stop..].starts_with(|c: char| !window::is_clause_end(c))
    {
        return None;
    }
    let tags = object_tags(body, at, at + stop);
    let (first, tag) = *tags.first()?;
    let verb = matches!(tag, "v" | "vn" | "vd") || matches!(first, "没有" | "未" | "尚未" | "无");
    (verb && !LIGHT_VERBS.contains(&first)).then(|| said.to_string())
}

// An age bound after a count (30名40岁以下年轻干部): the people counted
// are those of that age.
static_regex!(
    AGE_BOUND_AFTER,
    r"^[0-9]{1,3}(?:\.[0-9])?周?岁(?:及|或)?(?:以下|以上|以内)的?"
);

// An age bound or range that ends the text before a subject (35岁及以下干部,
// 35岁以下的干部, 36岁至45岁的党员).
static_regex!(
    AGE_BOUND_BEFORE,
    r"(?:[0-9]{1,3}(?:\.[0-9])?周?岁(?:及|或)?(?:以下|以上|以内)|[0-9]{1,3}周?岁?(?:至|到|—|-|~)[0-9]{1,3}周?岁(?:之间)?)的?$"
);

/// The object of a count whose measure word is followed by an age bound
/// (30名40岁以下年轻干部 → 40岁以下年轻干部): the bound and the noun
/// phrase after it, from byte `from`.
fn age_group_after(body: &Body, from: usize, bound: &str) -> Option<String> {
    let bound = bound.trim_end_matches('的');
    let text = body.text.as_str();
    let tags = object_tags(body, from, phrase_window_end(text, from));
    let mut head = Vec::new();
    noun_phrase_after(&tags, &mut head);
    let ws: Vec<&str> = head.iter().map(|(w, _)| *w).collect();
    join_object(&ws, false).map(|o| format!("{bound}{o}"))
}

// A count or a sum ending the text before another one (972户 before 3743人,
// 从不足3万元 before 达到6万元以上).
static_regex!(
    CHAINED_COUNT,
    &format!(
        r"[0-9][0-9.,]*[万亿]?[余多]?(?:{}|[户人个名家]|万?元)$",
        CLASSIFIERS.join("|")
    )
);

// A figure and a verb of change ending the text before the figure it
// changed to (从原来的300平方米扩容到近900平方米, 由18%下降到; the verb may
// already be stripped as a linking word): the second figure is of the
// same subject.
static_regex!(
    CHANGED_FROM,
    r"(?:从|由)[^,，;；:：]{0,12}?[0-9][0-9.,]*[万亿]?[余多]?(?:[%‰]|\p{Han}{1,4}?)(?:\p{Han}{0,3}?(?:到|至))?$"
);

// The whole a share is of, or what a figure is compared with, at the end of
// the text before the number: 占党员总数(的), 高于全省平均水平.
static_regex!(
    SHARE_OR_COMPARISON,
    r"(?:占|高于|低于|快于|慢于|多于|少于)\p{Han}{1,12}$"
);

// A year between a subject and its figure (由2020年的8.5万元), or a word
// for before or now (从原来的, 到如今的).
static_regex!(
    YEAR_BEFORE,
    r"(?:(?:19|20)[0-9]{2}年(?:底|末|初)?|去年|上年|今年|前年|原来|原先|过去|以前|如今|现在|目前)$"
);

// A place or scope at the end of a clause: 全村, 黄回村, 全县.
static_regex!(
    PLACE_TAIL,
    r"(全[村乡镇县市区旗]|\p{Han}{1,4}(?:村|乡|镇|县|市|区|旗|社区))$"
);

/// Households or people counted of a place or scope named before them: 全村
/// 356户 → the village's 户数, 惠及1800人 → 惠及人口, and a place's figures
/// listed without a subject (辖区2.4平方公里,1650户,4820人).
fn counted_per_place(text: &str, f: &Found, cstart: usize, window: &str) -> Option<String> {
    let suffix = match f.unit {
        "户" => "户数",
        "人" | "口人" => "人口",
        _ => return None,
    };
    let tail = window.trim_end_matches(['共', '有']);
    if let Some(m) = PLACE_TAIL.find(tail) {
        return Some(format!("{}{suffix}", m.as_str()));
    }
    // Those a project reaches, counted as people.
    if let Some(v) = BENEFIT_VERBS.iter().find(|v| tail.ends_with(**v)) {
        return Some(format!("{v}{suffix}"));
    }
    // A place's figures listed without a subject.
    let listed = text[..cstart]
        .trim_end_matches(|c: char| c.is_whitespace() || window::is_clause_end(c))
        .ends_with(['户', '里', '米']);
    if tail.trim().is_empty() && (suffix == "户数" || listed) {
        return Some(suffix.to_string());
    }
    None
}

/// The subject phrase before the number, linking verbs skipped:
/// 组建党员志愿服务队335支 → 党员志愿服务队, 畅通率达95% → 畅通率,
/// 累计走访900余人次 → 走访 (an event counted by its verb).
pub(super) fn object_before(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let before = &text[..f.start];
    // The object is read from the phrase before the number; quotation marks
    // do not end it (12支“红色先锋”志愿服务队 counts 红色先锋志愿服务队).
    let mut cstart = body
        .marks
        .back_to(text, Ends::Phrase, f.start, window::SENTENCE);
    // 社区志愿者(义工)3.2万人, 党委(党组)成员6名: a short bracketed
    // aside does not end the phrase.
    if let Some(open) = aside_before(text, cstart) {
        cstart = body
            .marks
            .back_to(text, Ends::Phrase, open, window::SENTENCE);
    }
    let Subject {
        window,
        ratio,
        enumerated,
    } = strip_links(body, f, cstart, before[cstart..].trim_end());
    if let Some(said) = headless_before(body, f, cstart) {
        return Some(said);
    }
    if let Some(o) = counted_per_place(text, f, cstart, window) {
        return Some(o);
    }
    // 团员总数较上年底净增320名: a change against a base names what
    // changed; the base is the period's, not the object's.
    // 比上届提高6.1%: a clause of a base and a change alone names no
    // subject; it is carried from the claim before (see [`carried_object`]).
    if base_only(window) {
        return None;
    }
    // 全县社会消费品零售总额比上年同期增长9.2%, 党员人数较上年增加了120
    // 名: what changed, and how (社会消费品零售总额增长, 党员人数增加); a
    // base and a change alone (同比增收1.1亿元) leave it to the claim before.
    let (window, change) = match compared_change(body, cstart, before[cstart..].trim_end()) {
        Some((base, verb)) => match window.get(..base.min(window.len())).map(str::trim_end) {
            Some(subject) if !subject.is_empty() => (subject, verb),
            _ => return None,
        },
        None => (window, ""),
    };
    let skip = window.chars().count().saturating_sub(20);
    let start = cstart
        + window
            .char_indices()
            .nth(skip)
            .map_or(window.len(), |(i, _)| i);
    let end = cstart + window.len();
    if start >= end {
        return None;
    }
    let tags = object_tags(body, start, end);
    let (mut words, whole) = subject_phrase(&tags);
    // 退休干部、网格员、楼栋长等36人: the items listed before the phrase
    // nearest the number, back to the first one, after its verb.
    let mut listed: Vec<(&str, &str)> = Vec::new();
    if whole && start == cstart && !words.is_empty() {
        listed_before(body, cstart, &mut listed);
    }
    // 县财政拨出500万元: before a sum, a verb after its subject is what the
    // subject did with it; the subject is the object. Not the words of
    // money that jieba tags as verbs (集体经济收入, 农户增收).
    if f.unit == "元"
        && words.len() > 1
        && words
            .last()
            .is_some_and(|(w, t)| *t == "v" && !MONEY_WORDS.contains(w))
        && nounish(words[words.len() - 2].1)
    {
        words.pop();
    }
    // A verb alone is an object only for units that count events (投入
    // 300万元 names no object; 走访900余人次 counts visits). A set phrase
    // right before the number is a noun there (慰问困难职工1200余人: jieba
    // tags 困难职工 `l`).
    // 个人所得税收入5.6亿元: so is a set phrase before a word of money.
    let set_phrase = |(w, t): &(&str, &str)| matches!(*t, "l" | SET_NOUN) && w.chars().count() >= 3;
    let set_phrase_head = match words.as_slice() {
        [.., last] if set_phrase(last) => true,
        [.., named, (money, _)] => set_phrase(named) && MONEY_WORDS.contains(money),
        _ => false,
    };
    if !EVENT_UNITS.contains(&f.unit) && !set_phrase_head && !words.iter().any(|(_, t)| nounish(t))
    {
        return money_verb_object(f, window, &words);
    }
    // 每年不低于50万人次: a bound is not the event counted.
    if let [.., (w, _)] = words.as_slice()
        && BOUND_VERBS.contains(w)
    {
        return None;
    }
    // 参加培训的党员占比达95%: a share of the things a clause picks out
    // names the clause (as 95%的党员参加培训 does, see [`share_after`]).
    if ratio
        && matches!(f.unit, "%" | "‰")
        && let Some(&(first, _)) = words.first()
        && offset_in(text, first).is_some_and(|o| text[..o].ends_with('的'))
    {
        let clause: String = window.chars().filter(|c| !is_quote_char(*c)).collect();
        let clause = clause.strip_prefix("其中").unwrap_or(&clause);
        if (4..=SHARE_PREDICATE_MAX).contains(&clause.chars().count())
            && !clause.contains(|c: char| c.is_ascii_digit())
        {
            return Some(format!("{clause}占比"));
        }
    }
    if let Some(picked) = picked_out(body, f, cstart, window, &words) {
        return Some(picked);
    }
    let ws: Vec<&str> = listed.iter().chain(&words).map(|(w, _)| *w).collect();
    // A list of what is counted keeps more of its items than a phrase does
    // of its modifiers.
    let cap = if enumerated && !listed.is_empty() {
        20
    } else {
        12
    };
    // A one-character object is a unit (20—40万元的村35个), never a piece.
    let object = join_object_within(&ws, true, cap)
        .filter(|o| o.chars().count() >= 2 || PLACE_UNITS.contains(&o.as_str()))?;
    // 35岁及以下党员12.5万名: the age bound before the phrase picks out the
    // people counted.
    let object = match ws.first().and_then(|w| offset_in(text, w)) {
        Some(at) if object == ws.concat() && f.unit != "岁" => {
            match AGE_BOUND_BEFORE.find(&text[..at]) {
                Some(m) => format!("{}{object}", m.as_str().trim_end_matches('的')),
                None => object,
            }
        }
        _ => object,
    };
    Some(if ratio && matches!(f.unit, "%" | "‰") {
        format!("{object}占比")
    } else {
        format!("{object}{change}")
    })
}

// A level and its bound alone before a count of people (本科及以上120人,
// 副处级以上35名): those at that level.
static_regex!(LEVEL_BOUND, r"^[\p{Han}()]{2,8}?及?以[上下]$");

/// Characters of function words (prepositions, pronouns, adverbs, aspect)
/// that show a phrase before 的 is no clause about the things counted
/// (由原来的, 据了解, 它们将…的).
const HEADLESS_NEVER: &[char] = &[
    '从', '由', '自', '据', '对', '连', '将', '把', '被', '它', '他', '她', '这', '那', '也', '都',
    '还', '了', '就', '又', '更', '最',
];

/// Longest clause (characters) a headless 的 phrase keeps.
const HEADLESS_MAX: usize = 12;

/// The object of a count of people or things named by what is said of them,
/// without a noun: a clause ending in 的 (调离本单位的8人, 获得表彰的有
/// 120名 → 调离本单位的, 获得表彰的), or a level and its bound (本科及以上
/// 60人 → 本科及以上). Not a scope or a place (全县的), not shares or sums.
fn headless_before(body: &Body, f: &Found, cstart: usize) -> Option<String> {
    if !(f.unit == "人" || CLASSIFIERS.contains(&f.unit)) {
        return None;
    }
    let text = body.text.as_str();
    let mut window = text.get(cstart..f.start)?.trim();
    for p in ["其中", "另有", "共有", "有"] {
        window = window.strip_prefix(p).unwrap_or(window);
    }
    let mut clause = window;
    loop {
        let before = clause;
        for w in [
            "有",
            "共",
            "达",
            "为",
            "约",
            "近",
            "增加到",
            "增长到",
            "达到",
        ] {
            clause = clause.strip_suffix(w).unwrap_or(clause);
        }
        if clause == before {
            break;
        }
    }
    let plain = |c: char| is_han(c) || matches!(c, '、' | '(' | ')');
    if matches!(f.unit, "人" | "名")
        && clause == window
        && LEVEL_BOUND.is_match(clause)
        && !clause.contains(HEADLESS_NEVER)
    {
        return Some(clause.to_string());
    }
    let said = clause.strip_suffix('的')?;
    let n = said.chars().count();
    if !(2..=HEADLESS_MAX).contains(&n) || !said.chars().all(plain) || said.contains(HEADLESS_NEVER)
    {
        return None;
    }
    // 开工了某厂的4台机组: the 的 links the whole count to a noun after it.
    if object_after(body, f).is_some() {
        return None;
    }
    // 黄回村的, 城区的: a place says where, not what is said of them.
    let at = offset_in(text, said)?;
    let tags = object_tags(body, at, at + said.len());
    // 全县的, 本单位的: a scope, not what is said of them.
    let scope = said.starts_with(['该', '其', '这', '那', '此'])
        || said.starts_with('本') && !said.starts_with("本科");
    if scope || tags.first().is_none_or(|(w, _)| scope_word(w)) {
        return None;
    }
    let says = tags
        .iter()
        .any(|(_, t)| matches!(*t, "v" | "vn" | "a" | "d" | "p"));
    if !says && (PLACE_TAIL.is_match(said) || tags.iter().all(|(_, t)| *t == "ns")) {
        return None;
    }
    Some(format!("{said}的"))
}

/// Verbs that set a bound on a figure (不低于, 少于): never the event an
/// event unit counts.
const BOUND_VERBS: &[&str] = &[
    "低于", "高于", "少于", "多于", "超过", "不足", "不到", "达", "达到", "突破", "接近",
];

/// Verbs of reaching people or households (惠及3200人 → 惠及人口).
const BENEFIT_VERBS: &[&str] = &["惠及", "受益", "覆盖", "辐射"];

/// Verbs that put money in or raise it: a sum after one of them alone is
/// the money so used (投入100余万元 → 投入资金).
const MONEY_VERBS: &[&str] = &[
    "投入", "筹集", "募集", "争取", "拨付", "下拨", "整合", "撬动", "吸引", "落实", "发放",
];

/// Verbs of raising or receiving money that jieba does not always split
/// from what comes before (筹得, 募得, 收到).
const RAISED_VERBS: &[&str] = &["筹得", "募得", "筹到", "募到", "收到", "获得"];

/// The funds named after a verb of raising them at the end of a subject
/// read before a sum (基金三天内筹得善款 → 善款): the funds, not who raised
/// them or when.
fn funds_raised(object: String) -> String {
    RAISED_VERBS
        .iter()
        .filter_map(|v| {
            object
                .rfind(v)
                .filter(|&at| at > 0)
                .map(|at| &object[at + v.len()..])
        })
        .find(|funds| {
            (2..=6).contains(&funds.chars().count())
                && (funds.ends_with(['款', '金', '费']) || funds.ends_with("资金"))
        })
        .map(str::to_string)
        .unwrap_or(object)
}

/// Whether an object of a sum is what [`money_verb_object`] reads from a
/// verb alone.
fn money_verb_alone(object: &str) -> bool {
    MONEY_WORDS.contains(&object)
        || object
            .strip_suffix("资金")
            .is_some_and(|v| MONEY_VERBS.contains(&v))
}

/// The object of a sum whose subject phrase is a verb alone: a word of money
/// itself (支出1200万元, 捐资5000元), or the funds a verb of putting money in
/// moves (投入300万元 → 投入资金).
fn money_verb_object(f: &Found, window: &str, words: &[(&str, &str)]) -> Option<String> {
    let [(w, _)] = words else {
        return None;
    };
    // 比上年增收90亿元: a change of the subject before, carried from there.
    if f.unit != "元" || window.starts_with(['比', '较', '同', '环']) {
        return None;
    }
    if MONEY_WORDS.contains(w) {
        return Some((*w).to_string());
    }
    MONEY_VERBS.contains(w).then(|| format!("{w}资金"))
}

/// Longest relative clause and head (characters) a count's object keeps.
const PICKED_OUT_MAX: usize = 16;

/// The object of a count of things a relative clause picks out, when the
/// things are a short head right after 的 and the clause fills the phrase
/// before them: 没有集体经济收入的村12个 → 没有集体经济收入的村,
/// 年收入10万元以上的合作社35家. Not shares and sums (they name their own
/// measure), not a scope (全县的党员), not a clause that opens with the
/// predicate of the whole (表彰优秀的党员).
fn picked_out(
    body: &Body,
    f: &Found,
    cstart: usize,
    window: &str,
    words: &[(&str, &str)],
) -> Option<String> {
    let text = body.text.as_str();
    // 收入10万元以上的村达到60%: a share of the villages or communities a
    // clause picks out names them (as 60%的村收入超过10万元 does).
    let share = matches!(f.unit, "%" | "‰");
    if share && !matches!(words, [(w, _)] if PLACE_UNITS.contains(w)) {
        return None;
    }
    if matches!(f.unit, "百分点" | "元" | "岁") {
        return None;
    }
    let &(first, _) = words.first()?;
    let at = offset_in(text, first)?;
    let head: usize = words.iter().map(|(w, _)| w.chars().count()).sum();
    if head > 3 || !text[..at].ends_with('的') {
        return None;
    }
    let mut clause = window.trim();
    for p in ["其中", "共有", "现有", "有"] {
        clause = clause.strip_prefix(p).unwrap_or(clause);
    }
    // 力争使…的村达到80%: the aim is not part of what is picked out.
    if share {
        for p in ["力争", "确保", "争取", "推动", "使", "让"] {
            clause = clause.strip_prefix(p).unwrap_or(clause);
        }
    }
    let n = clause.chars().count();
    if !(5..=PICKED_OUT_MAX).contains(&n)
        || clause.starts_with(['全', '各', '本', '该', '其'])
        || clause.contains(|c: char| is_quote_char(c) || c == '(')
    {
        return None;
    }
    let clause_at = offset_in(text, clause)?;
    if clause_at < cstart || clause_at >= at {
        return None;
    }
    let tags = object_tags(body, clause_at, at);
    // The clause opens with what it says of the things (没有, 年收入), not
    // with a place, a time or a connective before it (并, 此前, 新疆已有).
    // A share's clause may open with the measure it sets (年收入: jieba
    // tags 年 a measure word).
    let opens_with_predicate = tags.first().is_none_or(|(w, t)| {
        PREDICATE_VERBS.contains(w)
            || LIGHT_VERBS.contains(w)
            || !(matches!(*t, "v" | "vn" | "n" | "a" | "nz") || share && matches!(*t, "m" | "q"))
    }) || words.last().is_some_and(|(_, t)| *t == "b");
    let said = tags.iter().any(|(_, t)| matches!(*t, "v" | "vn"))
        || clause.contains("以上")
        || clause.contains("以下");
    let ratio = if share { "占比" } else { "" };
    (said && !opens_with_predicate).then(|| format!("{clause}{ratio}"))
}

/// The text before a number once the words between the subject and the
/// number are stripped (see [`strip_links`]), and what they said.
struct Subject<'a> {
    /// The text before the number, up to the subject's end.
    window: &'a str,
    /// 党员占比30%: a share names its ratio (the subject, then 占比).
    ratio: bool,
    /// 退休干部、网格员、楼栋长等36人: what is counted is listed, item by item.
    enumerated: bool,
}

/// Strips from the end of `window` (the phrase before the number, starting
/// at byte `cstart`) what stands between the subject and the number: the
/// [`LINKING`] words, an earlier count of the same subject (共有972户3743人),
/// the whole a share is of or what a figure is compared with, the year of
/// a figure.
fn strip_links<'a>(body: &Body, f: &Found, cstart: usize, mut window: &'a str) -> Subject<'a> {
    let mut ratio = false;
    let mut enumerated = false;
    let mut de_stripped = false;
    'strip: loop {
        for w in LINKING {
            if let Some(rest) = window.strip_suffix(w) {
                // 由, 在, 均 and 的 as words, not the ends of 理由, 现在, 平均
                // and 目的 (jieba glues the other short links to the verb
                // before them: 仅为, 共有).
                if matches!(*w, "由" | "在" | "均" | "的") && !body.is_boundary(cstart + rest.len())
                {
                    continue;
                }
                ratio |= w.starts_with('占');
                enumerated |= *w == "等";
                de_stripped |= *w == "的";
                window = rest.trim_end();
                continue 'strip;
            }
        }
        // 病床可由10张增至100张: a modal verb before the links is not part
        // of the subject.
        if let Some(rest) = MODALS.iter().find_map(|m| window.strip_suffix(m))
            && body.is_boundary(cstart + rest.len())
            && !rest.trim_end().is_empty()
        {
            window = rest.trim_end();
            continue 'strip;
        }
        // 共有972户3743人: the second count shares the first one's subject.
        if let Some(m) = CHAINED_COUNT.find(window) {
            window = window[..m.start()].trim_end();
            continue 'strip;
        }
        if let Some(m) = CHANGED_FROM.find(window) {
            window = window[..m.start()].trim_end();
            continue 'strip;
        }
        // 女党员占党员总数的27.3%: a share of a whole is the share of its
        // subject; 增速高于全省平均水平1.3个百分点: what it is compared with
        // is not what it measures.
        if matches!(f.unit, "%" | "‰" | "百分点")
            && let Some(m) = SHARE_OR_COMPARISON.find(window)
            && body.is_boundary(cstart + m.start())
        {
            let share = window[m.start()..].starts_with('占');
            // 占道经营: 占 names a share only before 的 and the number, or
            // when it opens the clause (…3.2万人,占常住人口6.5%).
            if !share || de_stripped || window[..m.start()].trim().is_empty() {
                ratio |= share;
                window = window[..m.start()].trim_end();
                continue 'strip;
            }
        }
        // 茶园已经扩种至500亩: a verb of reaching (not a change: 增加到 is
        // one) names no object; the subject before it does.
        if !matches!(f.unit, "人" | "名")
            && let Some(rest) = window.strip_suffix('至').or_else(|| window.strip_suffix('到'))
            && let Some(&(verb, tag)) = object_tags(body, cstart, cstart + rest.len()).last()
            // A verb the dictionary does not know reads as a noun here.
            && !matches!(tag, "ns" | "nr" | "t" | "m" | "q")
            && verb.chars().count() == 2
            && !CHANGE_VERBS.contains(&verb)
            && !LINKING.contains(&verb)
        {
            window = rest[..rest.len() - verb.len()].trim_end();
            for adverb in ["已经", "已", "又", "再"] {
                window = window.strip_suffix(adverb).unwrap_or(window).trim_end();
            }
            continue 'strip;
        }
        // 收入由2020年的8.5万元增长到去年的23万元: the year of each figure
        // is its period, the subject comes before both.
        if let Some(m) = YEAR_BEFORE.find(window) {
            window = window[..m.start()].trim_end();
            continue 'strip;
        }
        break;
    }
    Subject {
        window,
        ratio,
        enumerated,
    }
}

/// Modal verbs and adverbs of expectation, stripped from the end of a
/// subject before its figure.
const MODALS: &[&str] = &["可以", "能够", "有望", "预计", "可", "能", "将"];

/// Words for sums of money that jieba tags as verbs: the object of a sum
/// when they come last before it.
pub(super) const MONEY_WORDS: &[&str] = &[
    "收入", "增收", "创收", "捐款", "结算", "收益", "支出", "投资", "补贴", "奖励", "融资", "营收",
    "分红", "贷款", "补助", "缴纳", "捐资",
];
