//! Who a count is of when the sentence says it around the number: the
//! parts of a group named once (全乡党员中,35岁以下210名 → 35岁以下党员),
//! and the villages or communities a threshold picks out (65个村集体经济收入
//! 超过20万元 → 集体经济收入超过20万元的村) with what the threshold measures.

use super::phrases::*;
use super::{Body, Found};
use crate::normalize::is_han;
use crate::window;

// A group's own count in its name (1200名党员中, 全市380个企业中).
static_regex!(GROUP_COUNT, r"[0-9][0-9.,]*[万亿]?[余多]?[名个家所]");

/// Longest qualifier (characters) a count of a group's part keeps.
const GROUP_PART_MAX: usize = 10;

/// Counts of the parts of a group named once in a clause of the sentence
/// that ends in 中 (at its head, or after a clause of its own):
/// 全乡党员中,35岁以下210名,女性96名,大专以上学历88名 count 35岁以下党员,
/// 女性党员, 大专以上学历党员; an age there (…,平均年龄45岁 aside) is of
/// the group's members (35岁以下210名: the age bound of 党员). A count
/// whose object already ends with the group's noun keeps it.
pub(super) fn in_group(body: &Body, f: &Found, object: Option<String>) -> Option<String> {
    let text = body.text.as_str();
    // The sentence to its full stop: a series runs on over semicolons.
    let sent_s = text[..f.start]
        .rfind(['。', '!', '?', '！', '？', '\n'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    if f.start - sent_s > window::SENTENCE {
        return object;
    }
    let clause_s = body.clause_start(f.start);
    if clause_s < sent_s {
        return object;
    }
    // The group is the nearest clause before that ends in 中 (质量提升,
    // 1200名党员中,…: not only the sentence's first), or that opens with
    // the group and goes on with a part (党员中具有大专学历的5万名, …), as
    // the claim's own clause may.
    let mut found = None;
    let mut c = sent_s;
    while c <= clause_s {
        let e = if c == clause_s {
            f.start
        } else {
            body.clause_end(c)
        };
        if e <= c || e > clause_s.max(f.start) {
            break;
        }
        let h = text
            .get(c..e)
            .unwrap_or("")
            .trim_end_matches(|ch: char| window::is_clause_end(ch) || ch.is_whitespace());
        if let Some(k) = group_mark(body, c, h) {
            found = Some((c, k));
        }
        c = e;
    }
    let Some((head_s, mark)) = found else {
        return object;
    };
    let at_head = head_s == sent_s;
    let own_clause = head_s == clause_s;
    let head = text.get(head_s..head_s + mark + '中'.len_utf8())?;
    let Some(group_text) = head.strip_suffix('中') else {
        return object;
    };
    // 在活动中: a time or a setting, not a group.
    if group_text
        .trim_start()
        .starts_with(['在', '从', '于', '对', '其'])
    {
        return object;
    }
    // 1200名党员中: the group's own count is not part of its noun.
    let counted = GROUP_COUNT.find(group_text).map_or(0, |m| m.end());
    let group_text = &group_text[counted..];
    if group_text.chars().count() > 12 {
        return object;
    }
    let group_s = head_s + (head.len() - head.trim_start().len()) + counted;
    let tags = object_tags(body, group_s, group_s + group_text.len());
    let (words, whole) = subject_phrase(&tags);
    let Some(&(last, _)) = words.last() else {
        return object;
    };
    // A group inside the sentence is a noun phrase and nothing else
    // (繁荣边疆经济中 is a setting).
    // 我市党员中: a scope or a place may open a group.
    let scoped = whole
        || tags[..tags.len() - words.len()]
            .iter()
            .all(|(w, t)| scope_word(w) || matches!(*t, "r" | "ns"));
    let opens = |(w, t): &(&str, &str)| nounish(t) || scope_word(w) || *t == "r";
    if !at_head && (!scoped || tags.first().is_some_and(|wt| !opens(wt))) {
        return object;
    }
    let ws: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    let Some(group) = join_object(&ws, true).filter(|g| g.chars().count() >= 2) else {
        return object;
    };
    // 党员队伍中女党员1200名: a part that names its people itself, without
    // the group.
    if object
        .as_deref()
        .is_some_and(|o| o.ends_with(last) || own_clause && o.ends_with(PERSON_ENDS))
    {
        return object.map(|o| match o.strip_prefix(head) {
            Some(part) if own_clause && part.chars().count() >= 2 => part.to_string(),
            _ => o,
        });
    }
    if f.unit == "岁" {
        // 平均年龄45岁 names its measure; a bare age bound is of the members.
        return object.or(Some(group));
    }
    if !matches!(f.unit, "名" | "人" | "岁") {
        return (!own_clause)
            .then(|| {
                // 非公企业: the group as written when it is short and plain.
                let named = group_text.trim();
                let plain = named.chars().all(is_han) && (2..=8).contains(&named.chars().count());
                said_of_units(body, f, clause_s, if plain { named } else { &group })
            })
            .flatten()
            .or(object);
    }
    let part_s = if own_clause {
        head_s + head.len()
    } else {
        clause_s
    };
    let mut part = text.get(part_s..f.start)?.trim();
    for p in ["其中", "具有", "共有", "有"] {
        part = part.strip_prefix(p).unwrap_or(part);
    }
    let mut part = part.trim_end_matches(['为', '达', '有', '共', '约', '近']);
    // 本科学历的增加到360名: what the part changed to, and the 的 of a
    // headless phrase, are not part of its name.
    for w in ["增加到", "增长到", "提高到", "达到"] {
        part = part.strip_suffix(w).unwrap_or(part);
    }
    let part = part.trim_end_matches(['的', '有']);
    let n = part.chars().count();
    let plain = part
        .chars()
        .all(|c| is_han(c) || c.is_ascii_digit() || c == '.' || c == '、');
    if !(2..=GROUP_PART_MAX).contains(&n)
        || !plain
        || !part.starts_with(|c: char| is_han(c) || c.is_ascii_digit())
    {
        return object;
    }
    // Inside the sentence, the part is a qualifier, not an adverb or a verb
    // (先后有683名官兵).
    if let Some(at) = offset_in(text, part) {
        let said = object_tags(body, at, at + part.len());
        if said.iter().any(|(w, t)| {
            matches!(*t, "d" | "p" | "v" | "r") || *t == "c" && !NOUN_JOINERS.contains(w)
        }) {
            return object;
        }
    }
    Some(format!("{part}{group}"))
}

/// Where the 中 that closes a group at the head of clause `h` (at byte `c`)
/// is (byte offset in `h`): the clause ends with it (全乡党员中), or the
/// group opens the clause and a part follows (党员中具有大专学历的5万名):
/// then 中 is a word of its own after a short phrase of nouns (not 大中型,
/// 中小学).
fn group_mark(body: &Body, c: usize, h: &str) -> Option<usize> {
    // The claim's own clause may end in 中 right before its figure
    // (乡镇领导班子中35岁以下165人).
    if h.ends_with('中') {
        return Some(h.len() - '中'.len_utf8());
    }
    let k = h.find('中')?;
    let group = &h[..k];
    let n = group.chars().count();
    let end = k + '中'.len_utf8();
    if !(2..=16).contains(&n)
        || !group.chars().all(|ch| is_han(ch) || ch.is_ascii_digit())
        || !h[end..].starts_with(|ch: char| is_han(ch) || ch.is_ascii_digit())
        || !body.is_boundary(c + k)
        || !body.is_boundary(c + end)
    {
        return None;
    }
    let tags = object_tags(body, c, c + k);
    tags.iter()
        .all(|(w, t)| {
            nounish(t) || matches!(*t, "m" | "q" | "r" | "ns") || scope_word(w) || w.ends_with('名')
        })
        .then_some(k)
}

// A threshold that ends a clause: what is measured (optional), the verb,
// the figure with its unit and bound (集体经济收入超过20万元, 超过50万元以上).
static_regex!(
    CLAUSE_THRESHOLD,
    r"^\p{Han}{0,10}?(?:达到|达|超过|超|突破|高于|在)[0-9][0-9.]*[万亿千百]?(?:元|人|户|亩|名|个|家|吨)?(?:以上)?$"
);

/// What a threshold that ends the clause of a count of villages or
/// communities says of them (65个村集体经济收入超过20万元 → 集体经济收入超过
/// 20万元, the predicate of 集体经济收入超过20万元的村): the text from `at`
/// (the end of the unit's noun) to the end of the clause. Not when the
/// clause says all of them reached it (全部达10万元: a count of all).
pub(super) fn threshold_picks_out(body: &Body, f: &Found, at: usize) -> Option<String> {
    let text = body.text.as_str();
    let before = text.get(body.clause_start(f.start)..f.start)?.trim();
    if !(before.is_empty() || before.ends_with('有') || before == "其中") {
        return None;
    }
    let end = body.clause_end(at).min(text.len());
    let said = text
        .get(at..end)?
        .trim_end_matches(|c: char| window::is_clause_end(c) || c.is_whitespace());
    let all = ["全部", "均", "都", "全"].iter().any(|w| said.contains(w));
    (!all && CLAUSE_THRESHOLD.is_match(said)).then(|| said.to_string())
}

/// Verbs of a threshold (超过20万元), longest first.
const THRESHOLD_VERBS: &[&str] = &["达到", "超过", "突破", "高于", "达", "超", "在"];

/// The measure of a threshold whose clause names only the villages or
/// communities it is of (…,65个村集体经济收入超过20万元,23个村超过50万元):
/// the measure an earlier threshold of the sentence named after the same
/// noun (村集体经济收入), not the villages.
pub(super) fn measured_before(body: &Body, f: &Found, unit_noun: &str) -> Option<String> {
    let text = body.text.as_str();
    let clause_s = body.clause_start(f.start);
    let clause = text.get(clause_s..f.start)?.trim();
    // The figure's own span may hold the verb (超过50万元).
    let subject = THRESHOLD_VERBS
        .iter()
        .find_map(|v| clause.strip_suffix(v))
        .unwrap_or(clause)
        .strip_suffix(unit_noun)?;
    let count = subject.strip_prefix("其中").unwrap_or(subject);
    let count = count.strip_suffix(['个', '家'])?;
    if count.is_empty() || !count.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let sentence = text.get(body.sentence_start(f.start)..clause_s)?;
    sentence.rmatch_indices(unit_noun).find_map(|(at, _)| {
        let rest = &sentence[at + unit_noun.len()..];
        THRESHOLD_VERBS.iter().find_map(|v| {
            let k = rest.find(v)?;
            let measure = &rest[..k];
            let n = measure.chars().count();
            let figure = rest[k + v.len()..].starts_with(|c: char| c.is_ascii_digit());
            ((2..=10).contains(&n) && figure && measure.chars().all(is_han))
                .then(|| format!("{unit_noun}{measure}"))
        })
    })
}

/// Adverbs that open what is said of the units of a group (已建立, 尚未).
const SAID_OPENERS: &[&str] = &["已经", "已", "均已", "尚未", "未", "没有", "全部"];

/// What a count of a group's units says of them when it opens its clause
/// (380个非公企业中,290个已建立党组织 → 已建立党组织的非公企业): the
/// predicate after the count, opened by an adverb of state, up to the end
/// of the clause.
fn said_of_units(body: &Body, f: &Found, clause_s: usize, group: &str) -> Option<String> {
    let text = body.text.as_str();
    let before = text.get(clause_s..f.start)?.trim();
    if !matches!(before, "" | "其中" | "有" | "其中有") {
        return None;
    }
    let end = body.clause_end(f.end).min(text.len());
    let said = text
        .get(f.end..end)?
        .trim_end_matches(|c: char| window::is_clause_end(c) || c.is_whitespace());
    let n = said.chars().count();
    let opened = SAID_OPENERS.iter().any(|a| said.starts_with(a));
    (opened && (3..=10).contains(&n) && said.chars().all(is_han))
        .then(|| format!("{said}的{group}"))
}
