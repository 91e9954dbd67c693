//! Lists, shares and figures given respectively: a share whose things
//! follow it (90%的村达到标准), a count of villages that shares its noun with
//! the count after it, the items of a 分别 clause, and the items listed
//! after or before an object.

use super::numbers::chinese_numerals;
use super::periods::leading_period_end;
use super::phrases::*;
use super::{Body, Found};
use crate::normalize::is_han;
use crate::window::{self, Ends};

/// The noun a count of one administrative unit shares with the count listed
/// after it: 260个村、45个社区综合服务站 → 综合服务站 (after `at`,
/// the end of the first unit).
pub(super) fn shared_head(body: &Body, at: usize) -> Option<String> {
    let text = body.text.as_str();
    let m = LISTED_UNIT_COUNT.find(text.get(at..)?)?;
    let from = at + m.end();
    let tags = object_tags(body, from, phrase_window_end(text, from));
    let mut words = Vec::new();
    noun_phrase_after(&tags, &mut words);
    let (first, _) = *words.first()?;
    (words.len() > 1 && PLACE_UNITS.contains(&first))
        .then(|| words[1..].iter().map(|(w, _)| *w).collect())
}

// 、 and a count of units: 、45个, 、85个.
static_regex!(LISTED_UNIT_COUNT, r"^、[0-9][0-9.]*[万]?[余多]?个");

/// Longest predicate a share's object keeps (characters).
pub(super) const SHARE_PREDICATE_MAX: usize = 20;

/// The object of a share whose counted things follow it, with what is said
/// of them: 90%的村达到标准 → 达到标准的村占比, 80%以上的问题当天得到解决
/// → 当天得到解决的问题占比. The things are the noun phrase after 的, or
/// the administrative unit it starts with when more nouns and a threshold
/// follow (70%的村集体经济收入超过20万元 → 集体经济收入超过20万元的村占比);
/// what is said of them is the rest of the clause. A clause that says nothing more
/// gives the things' share (95%的党员 → 党员占比).
pub(super) fn share_after(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let rest = &text[f.end..];
    let de = ["的", "以上的", "左右的", "以下的"]
        .iter()
        .find(|p| rest.starts_with(**p))?;
    let from = f.end + de.len();
    let tags = object_tags(body, from, phrase_window_end(text, from));
    let mut head = Vec::new();
    noun_phrase_after(&tags, &mut head);
    let (first, _) = *head.first()?;
    let (last, _) = head[head.len() - 1];
    let start = offset_in(text, first)?;
    let mut end = offset_in(text, last)? + last.len();
    // A threshold right after the phrase is said of the unit's attribute.
    if head.len() > 1 && PLACE_UNITS.contains(&first) && threshold_at(text, end) {
        end = start + first.len();
    }
    let things = text.get(start..end)?;
    // 以15%的速度增长, 3%的市场份额: the percentage is a rate or a part
    // of that measure, not a share of things counted.
    if MEASURE_NOUNS.iter().any(|m| things.ends_with(m)) {
        return Some(things.to_string());
    }
    let clause_end = body.clause_end(end);
    // 都是…的, 均由…: the adverb and the copula are not what is said of
    // the things.
    let said = text
        .get(end..clause_end.max(end))?
        .trim_end_matches(|c: char| window::is_clause_end(c) || c.is_whitespace())
        .trim()
        .trim_start_matches(['都', '均', '也'])
        .trim_start_matches('是')
        .trim_end_matches('的');
    let n = said.chars().count();
    // A predicate too long for an object, one that does not start with a
    // word (其中30个) or that opens reported speech (…的受访者表示:) leaves
    // the things' share.
    let speech = ["表示", "认为", "称", "说"]
        .iter()
        .any(|v| said.ends_with(v));
    if n == 0 || n > SHARE_PREDICATE_MAX || !said.starts_with(is_han) || speech {
        return Some(format!("{things}占比"));
    }
    Some(format!("{}的{things}占比", without_aspect(said)))
}

/// A predicate without its aspect mark 了 (落实了专项经费 → 落实专项经费),
/// which a relative clause does not keep; 了 inside a word (了解, 为了)
/// stays.
fn without_aspect(said: &str) -> String {
    let cs: Vec<char> = said.chars().collect();
    cs.iter()
        .enumerate()
        .filter(|&(i, &c)| {
            c != '了'
                || i == 0
                || matches!(cs[i - 1], '为' | '除' | '罢' | '末')
                || cs
                    .get(i + 1)
                    .is_some_and(|n| matches!(n, '解' | '结' | '却' | '不'))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// Nouns that name a measure a percentage is of (速度, 水平, 增长率), not
/// things a share counts.
pub(super) const MEASURE_NOUNS: &[&str] = &[
    "率", "速度", "增速", "水平", "幅度", "增幅", "降幅", "涨幅", "份额", "比例", "比重", "差距",
];

/// Verbs of change (after 分别, or opening a clause without a subject): the
/// object names what changed.
pub(super) const CHANGE_VERBS: &[&str] = &[
    "增长", "增加", "提高", "提升", "上升", "下降", "减少", "降低", "净增", "净减",
];

/// The items of the subject before 分别 (全区党员总数和基层党组织数 →
/// 党员总数, 基层党组织数): two or more short noun phrases joined by 和, 、,
/// 及 or 与, without the scope word before the first.
pub(super) fn respective_items(subject: &str) -> Option<Vec<String>> {
    let subject = subject.trim();
    // 去年全区…: the period before the subject is not part of it.
    let subject = match leading_period_end(subject) {
        Some(end) => &subject[end..],
        None => subject,
    };
    let items: Vec<String> = subject
        .split(['和', '、', '及', '与'])
        .map(|it| it.trim_start_matches('以').to_string())
        .collect();
    if items.len() < 2
        || items
            .iter()
            .any(|it| !(2..=12).contains(&it.chars().count()) || !it.chars().all(is_han))
    {
        return None;
    }
    // 农牧民和城镇居民人均收入, 进口和再出口货物的吨位: a last item much
    // longer than the others carries a head they share, which cannot be
    // told from its own words; no items then.
    let last = items[items.len() - 1].chars().count();
    let shortest = items.iter().map(|it| it.chars().count()).min().unwrap_or(0);
    if last > shortest + 2 || items[items.len() - 1].contains('的') {
        return None;
    }
    let mut items = items;
    // 全区党员总数: the scope is not part of the first item.
    let first = &items[0];
    let scope = first.starts_with(['全', '各', '该', '本'])
        && first
            .chars()
            .nth(1)
            .is_some_and(|c| "省市县区镇乡村旗州".contains(c));
    if scope && first.chars().count() > 3 {
        items[0] = first.chars().skip(2).collect();
    }
    Some(items)
}

/// The items listed after an object that ends at `at` on 、 (3位省、市级专家,
/// 120名党员、干部, 2万名机关、学校和医院职工), pushed onto
/// `ws` with their marks. An item is a noun phrase of its own; the list ends
/// at an item that does not fill the stretch up to the next mark, and before
/// one followed by a number (30户群众、解决问题50个 lists no 解决问题).
pub(super) fn list_items_after<'a>(body: &'a Body, mut at: usize, ws: &mut Vec<&'a str>) {
    let text = body.text.as_str();
    for _ in 0..4 {
        if !text[at..].starts_with('、') {
            return;
        }
        let from = at + '、'.len_utf8();
        let end = phrase_window_end(text, from);
        let tags = object_tags(body, from, end);
        let mut item = Vec::new();
        let taken = noun_phrase_after(&tags, &mut item);
        // An item names things: it ends in a noun proper (大型 alone is no
        // item) and does not start with a number word (万元产值 …).
        while item
            .last()
            .is_some_and(|(_, t)| matches!(*t, "b" | "s" | "an"))
        {
            item.pop();
        }
        // 每名党员, 各村: an item that opens with a distributive or scope
        // word starts a clause of its own, not another item.
        let counted = item.first().is_some_and(|(_, t)| matches!(*t, "m" | "q"))
            || text[from..].starts_with(['每', '各', '全']);
        let end_of = |w: &str| offset_in(text, w).map_or(0, |o| o + w.len());
        let Some(item_end) = item.last().map(|(w, _)| end_of(w)) else {
            return;
        };
        // An item followed by its number starts a claim of its own
        // (机组、合同总金额达7.4亿美元, 分公司、年产值近两亿元).
        let mut after = text.get(item_end..end.max(item_end)).unwrap_or("");
        // (The 的 of 省、市、自治区的150名运动员 links the whole list to
        // another count.)
        let linking = LINKING.iter().filter(|w| **w != "的");
        while let Some(rest) = linking.clone().find_map(|w| after.strip_prefix(w)) {
            after = rest;
        }
        let claimed = after.starts_with(|c: char| c.is_ascii_digit())
            || chinese_numerals(after).next().is_some_and(|(s, _)| s == 0);
        if counted || claimed {
            return;
        }
        // The object keeps at most twelve characters (see [`join_object`]):
        // an item that does not fit is cut after its last noun that does,
        // and the list ends there.
        let mut used: usize = ws.iter().map(|w| w.chars().count()).sum::<usize>() + 1;
        let mut fits = None;
        for (w, tag) in &item {
            used += w.chars().count();
            if used > 12 {
                break;
            }
            // A piece of a person's name is no place to cut (理事长王).
            if !matches!(*tag, "b" | "s" | "an" | "nr") && nounish(tag) {
                fits = Some(end_of(w));
            }
        }
        let Some(piece_end) = fits.filter(|&e| e > from && e <= end && text.is_char_boundary(e))
        else {
            return;
        };
        ws.push(&text[at..piece_end]);
        if piece_end != item_end {
            return;
        }
        if taken != tags.len() || item.len() != taken {
            return;
        }
        at = end;
    }
}

/// The list items before a subject phrase that starts at `at` after 、
/// (退休干部、网格员、楼栋长等36人), pushed onto `out` in text order with
/// their marks: each a noun phrase without a number, the first one after
/// its verb (吸纳党员骨干).
pub(super) fn listed_before<'a>(body: &'a Body, mut at: usize, out: &mut Vec<(&'a str, &'a str)>) {
    let text = body.text.as_str();
    for _ in 0..4 {
        let Some(mark) = text[..at].strip_suffix('、').map(str::len) else {
            return;
        };
        let from = body
            .marks
            .back_to(text, Ends::Phrase, mark, window::SENTENCE);
        let item = &text[from..mark];
        if item.is_empty()
            || item.chars().count() > 10
            || item.contains(|c: char| c.is_ascii_digit())
        {
            return;
        }
        let tags = object_tags(body, from, mark);
        let (words, whole) = subject_phrase(&tags);
        // An item is a noun phrase, or a set phrase ending in a noun (退役军人).
        if !words.iter().any(|(_, t)| nounish(t) || *t == SET_NOUN) {
            return;
        }
        let mut item_words = words;
        item_words.push((&text[mark..at], "x"));
        item_words.append(out);
        *out = item_words;
        if !whole {
            return;
        }
        at = from;
    }
}
