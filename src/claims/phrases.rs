//! The noun phrases objects are read from: the tagged words of a stretch
//! of text (quotation marks dropped, asides and quoted names as one word,
//! set phrases read by their head and tail), the noun phrase that starts
//! at a point, the subject phrase that ends at one, and how a phrase is cut
//! to an object's length.

use super::Body;
use crate::normalize::is_han;
use crate::segment::Segmenter;
use crate::window;

pub(super) fn nounish(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nr" | "ns" | "nt" | "nz" | "vn" | "an" | "j" | "b" | "ng" | "nrt" | "nrfg" | "s"
    ) || tag == ASIDE
}

/// Words that end an object after the measure word.
pub(super) const OBJECT_STOP: &[&str] = &[
    "全部", "全", "均", "都", "共", "等", "其中", "分别", "以上", "各",
];

pub(super) fn is_quote_char(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」')
}

pub(super) fn is_quote_mark(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_quote_char(c))
}

/// Words that join two nouns inside one object (村和社区, 问题和意见建议).
pub(super) const NOUN_JOINERS: &[&str] = &["和", "与", "及", "以及"];

/// A word that can stand inside a noun phrase: nouns, adjectives,
/// distinguishing words, set phrases, abbreviations, numerals without digits.
pub(super) fn phrase_word(word: &str, tag: &str) -> bool {
    nounish(tag)
        || matches!(tag, "a" | "l" | "i" | "j" | "k" | "eng" | SET_NOUN)
        || (tag == "m" && !word.chars().any(|c| c.is_ascii_digit()))
}

/// A scope word, not an object: 全县, 各村, 全部.
pub(super) fn scope_word(word: &str) -> bool {
    OBJECT_STOP.contains(&word) || word.starts_with('全') || word.starts_with('各')
}

/// Joins object words, keeping at most twelve characters (bracketed glosses
/// not counted) from the side nearest the number.
pub(super) fn join_object(words: &[&str], from_end: bool) -> Option<String> {
    join_object_within(words, from_end, 12)
}

/// [`join_object`] keeping at most `cap` characters.
pub(super) fn join_object_within(words: &[&str], from_end: bool, cap: usize) -> Option<String> {
    let mut kept: Vec<&str> = Vec::new();
    let mut chars = 0;
    let ordered: Vec<&str> = if from_end {
        words.iter().rev().copied().collect()
    } else {
        words.to_vec()
    };
    for w in ordered {
        // A bracketed gloss does not lengthen the phrase it glosses.
        let n = if w.starts_with('(') {
            0
        } else {
            w.chars().count()
        };
        if chars + n > cap {
            break;
        }
        chars += n;
        kept.push(w);
    }
    // A list cut short keeps its whole items (种粮大户、合作社理事长, not a
    // piece of the name after it).
    let cut_short = kept.len() < words.len();
    if cut_short && let Some(p) = kept.iter().rposition(|w| *w == "、") {
        kept.truncate(p);
    }
    if from_end {
        kept.reverse();
        // An aside glosses the word before it, which did not fit.
        if kept.first().is_some_and(|w| w.starts_with('(')) {
            kept.remove(0);
        }
    }
    // A list cut short ends on its last item, not on a mark.
    let obj = kept.concat();
    let obj = obj.trim_matches('、');
    // Chinese words, or an acronym (GDP, CPI).
    (obj.chars().any(is_han) || is_acronym(obj)).then(|| obj.to_string())
}

/// Whether `w` is an acronym of two to six capitals (GDP, CPI).
pub(super) fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Verbs that take an action noun as their object and never modify a noun
/// (50个村进行结对, 3个支部开展评比).
pub(super) const LIGHT_VERBS: &[&str] = &[
    "进行", "开展", "实施", "实行", "加以", "予以", "给予", "作出", "做出",
];

/// Ends of the names of teams and posts (工作队, 宣讲团, 服务站).
const TEAM_SUFFIXES: &[&str] = &["队", "团", "组", "站", "中心"];

/// Reads the noun phrase at the start of `tags` into `words` (nouns,
/// adjectives, joiners, a verb that modifies the noun after it), up to six
/// words, ending in a noun. Returns how many tags it went through.
pub(super) fn noun_phrase_after<'a>(
    tags: &[(&'a str, &'a str)],
    words: &mut Vec<(&'a str, &'a str)>,
) -> usize {
    let mut i = 0;
    while i < tags.len() && words.len() < 6 {
        let (w, tag) = tags[i];
        let next_noun = tags.get(i + 1).is_some_and(|(_, t)| nounish(t));
        // 齐聚南昌: a verb before a place name is the predicate, it does not
        // modify it.
        let next_place = tags.get(i + 1).is_some_and(|(_, t)| *t == "ns");
        // 宣讲队, 服务站: a verb before a one-character noun is part of it.
        let next_suffix = tags
            .get(i + 1)
            .is_some_and(|(n, t)| nounish(t) && n.chars().count() == 1);
        // 参观了: a word before an aspect particle is a verb, whatever the
        // dictionary says (it tags 参观 and 座谈 as nouns).
        let before_aspect = tags
            .get(i + 1)
            .is_some_and(|(n, _)| matches!(*n, "了" | "着" | "过"));
        // 市级及以上示范党支部: a level's bound inside the phrase.
        let level_bound = words
            .last()
            .is_some_and(|(l, _)| l.ends_with('级') || *l == "及")
            && (w == "及"
                && tags
                    .get(i + 1)
                    .is_some_and(|(n, _)| matches!(*n, "以上" | "以下"))
                || matches!(w, "以上" | "以下")
                    && tags
                        .get(i + 1)
                        .is_some_and(|(_, t)| nounish(t) || matches!(*t, "v" | "vn")));
        // 干部驻村指导: a distinguishing word after a noun and before no
        // noun starts the predicate (机关专职副书记 has the noun).
        let late_distinguisher = tag == "b"
            && words.last().is_some_and(|(_, t)| nounish(t) && *t != "b")
            && !tags
                .get(i + 1)
                .is_some_and(|(_, t)| matches!(*t, "n" | "nr" | "nz" | "nt" | "ng" | "ns" | "b"));
        if (scope_word(w) && !level_bound) || before_aspect || late_distinguisher {
            break;
        }
        // 市级(及以上)示范党支部: a level is a modifier like an adjective.
        let first = words.iter().all(|(w, t)| {
            matches!(*t, "a" | "b" | "m")
                || w.ends_with('级')
                || matches!(*w, "及" | "以上" | "以下")
        });
        // 被巡察单位, 被帮扶对象: a passive verb modifies the noun after it.
        if let (true, true, Some(&verb), Some(&noun)) =
            (w == "被", first, tags.get(i + 1), tags.get(i + 2))
            && verb.1 == "v"
            && matches!(noun.1, "n" | "nt" | "nz" | "ng")
        {
            words.extend([(w, "p"), verb, noun]);
            i += 3;
            continue;
        }
        // 帮扶工作队, 宣讲服务站: a verb before the noun of a team or a
        // post names it, also after a noun (联户帮扶工作队).
        let next_team = tags.get(i + 1).is_some_and(|(n, t)| {
            nounish(t) && n.chars().count() >= 2 && TEAM_SUFFIXES.iter().any(|s| n.ends_with(s))
        });
        // 党员科长加入服务团: after people, the verb is what they do.
        let after_people = words.last().is_some_and(|(l, _)| l.ends_with(PERSON_ENDS));
        let ok = phrase_word(w, tag)
            || level_bound
            || (matches!(tag, "v" | "vn")
                && next_team
                && !after_people
                && !LIGHT_VERBS.contains(&w)
                && !PREDICATE_VERBS.contains(&w))
            // 参会人员, 拆迁村: a verb first modifies the noun after it;
            // after a noun it starts the predicate (骑友担任观察员), unless
            // a one-character noun follows (宣讲队). A light verb (进行,
            // 开展) only ever starts the predicate.
            || (matches!(tag, "v" | "vn")
                && !LIGHT_VERBS.contains(&w)
                && next_noun
                && !next_place
                && (next_suffix || first))
            || (NOUN_JOINERS.contains(&w) && !words.is_empty() && next_noun);
        if !ok {
            break;
        }
        words.push((w, tag));
        i += 1;
    }
    // The phrase ends in a noun, or is one set phrase that ends in one.
    while let Some(&(_, t)) = words.last() {
        if nounish(t) || (t == SET_NOUN && words.len() == 1) {
            break;
        }
        words.pop();
    }
    i
}

/// A looser reading of the noun phrase at the start of `tags`, for when
/// [`noun_phrase_after`] finds none: a short position or place word that
/// the dictionary does not let modify a noun (沿边行政村, 周边村庄) before
/// a noun phrase, joined to it; or the noun phrase after a bound (万亩以上
///农田 → 农田).
pub(super) fn loose_phrase_after(tags: &[(&str, &str)]) -> Option<String> {
    // 万亩以上农田: a bound after the unit is not part of the phrase.
    let bound = tags
        .first()
        .is_some_and(|(w, _)| matches!(*w, "以上" | "以下" | "以内" | "左右" | "上下"));
    let tags = if bound { &tags[1..] } else { tags };
    if bound {
        let mut words = Vec::new();
        noun_phrase_after(tags, &mut words);
        let ws: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
        return join_object(&ws, false);
    }
    let &(first, tag) = tags.first()?;
    if !matches!(tag, "f" | "s") || first.chars().count() > 3 || !first.chars().all(is_han) {
        return None;
    }
    let mut words = Vec::new();
    noun_phrase_after(&tags[1..], &mut words);
    if words.is_empty() {
        return None;
    }
    let ws: Vec<&str> = std::iter::once(first)
        .chain(words.iter().map(|(w, _)| *w))
        .collect();
    join_object(&ws, false)
}

/// The tag [`object_tags`] gives a set phrase that ends in a noun (与会代表,
/// 困难群众): a noun phrase when it stands alone, but after other words of
/// a phrase often the predicate (下岗女工自谋职业), so never its end.
pub(super) const SET_NOUN: &str = "set phrase noun";

/// How a set phrase (jieba's `l`) reads in an object: [`SET_NOUN`] when it
/// ends in a noun and starts with a verb, a noun or an adjective (与会代表,
/// 困难群众); others (统筹兼顾, 不切实际) stay `l`.
pub(super) fn set_phrase_tag(segmenter: &Segmenter, word: &str) -> &'static str {
    let Some((split, _)) = word.char_indices().rev().nth(1) else {
        return "l";
    };
    if split == 0 {
        return "l";
    }
    let (head, tail) = word.split_at(split);
    if !segmenter.pos(tail).is_some_and(|p| nounish(p.as_str())) {
        return "l";
    }
    match segmenter.pos(head).map(|p| p.as_str()) {
        Some(t) if nounish(t) || matches!(t, "v" | "vi" | "vd" | "vg" | "a" | "an") => SET_NOUN,
        _ => "l",
    }
}

/// Where the phrase that starts at byte `from` of `text` may end: at most
/// 16 characters on, at the first mark that ends a phrase.
pub(super) fn phrase_window_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    from + rest
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == 16 || window::is_phrase_end(c))
        .map_or(rest.len(), |(_, (i, _))| i)
}

/// The byte offset in `text` of `word`, a slice of it (the tagged words of
/// [`object_tags`] are; quotation marks between them are dropped, so their
/// lengths do not add up to positions). `None` for a slice of other memory.
pub(super) fn offset_in(text: &str, word: &str) -> Option<usize> {
    let at = (word.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at + word.len() <= text.len()).then_some(at)
}

/// The tagged words of `[start, end)` for object reading: quotation marks
/// dropped, and a single character cut off a longer word — often tagged as
/// a morpheme (村 in 63个村 or 空壳村 is `zg`) — read as a noun.
/// A Chinese word the dictionary does not know (put together by the HMM:
/// 旗直, 共富) stays one word and counts as a noun, the usual case in
/// names of organizations and groups.
pub(super) fn object_tags(body: &Body, start: usize, end: usize) -> Vec<(&str, &'static str)> {
    let mut out = object_words(body, start, end);
    // A short bracketed aside after a noun is one word, read as a noun:
    // 党委(党组)成员.
    let text = body.text.as_str();
    let mut i = 0;
    while i < out.len() {
        // 社区级服务站点: 级 after a noun makes a noun of its level.
        if out[i].0 == "级" && i > 0 && nounish(out[i - 1].1) {
            out[i].1 = "ng";
        }
        // 办结率, 服务站: a suffix after a verb makes a noun of it (jieba
        // tags 率 and 站 as verbs).
        if i > 0 && NOUN_SUFFIXES.contains(&out[i].0) && matches!(out[i - 1].1, "v" | "vn") {
            out[i].1 = "ng";
        }
        // 县直单位, 市直部门: 直 after a level is part of the noun.
        if out[i].0 == "直" && i > 0 && out[i - 1].0.ends_with(['省', '市', '县', '区', '旗', '州'])
        {
            out[i].1 = "ng";
        }
        // After a noun (党委(党组)), not inside a verb (新(改)建).
        let glosses_noun =
            i > 0 && matches!(out[i - 1].1, "n" | "nt" | "nz" | "ns" | "vn" | "j" | "ng");
        if out[i].0 == "(" && glosses_noun {
            let close = out[i + 1..]
                .iter()
                .take(4)
                .position(|(w, _)| *w == ")")
                .map(|k| i + 1 + k);
            if let Some(c) = close
                && c > i + 1
                && let (Some(a), Some(b)) = (offset_in(text, out[i].0), offset_in(text, out[c].0))
                && let Some(aside) = text.get(a..b + ")".len())
                && aside.chars().count() <= 8
            {
                out.splice(i..=c, [(aside, ASIDE)]);
            }
        }
        i += 1;
    }
    out
}

/// Whether `word` after a verb makes one noun of both: a single character
/// (畅通率, 服务队) or a word of counting (参观人数, 服务次数).
pub(super) fn makes_noun_of_verb(word: &str) -> bool {
    NOUN_SUFFIXES.contains(&word) || COUNT_NOUNS.contains(&word)
}

/// Nouns of how many or how much that make a noun of the verb before them.
pub(super) const COUNT_NOUNS: &[&str] = &[
    "人数", "次数", "户数", "件数", "总数", "数量", "总量", "人次", "规模", "金额", "面积",
];

/// Words that end the name of a person or a group of people.
pub(super) const PERSON_ENDS: &[char] = &[
    '员', '人', '者', '部', '民', '生', '工', '师', '长', '众', '年', '童', '友', '士', '属', '兵',
    '户', '子', '女', '姓', '手', '家', '匠', '才', '客',
];

/// One-character words that make a noun of the verb before them.
pub(super) const NOUN_SUFFIXES: &[&str] = &[
    "率", "站", "点", "队", "室", "量", "额", "数", "度", "员", "费", "班", "组", "所", "处", "岗",
    "面",
];

/// The part of speech [`object_tags`] gives a bracketed aside.
pub(super) const ASIDE: &str = "aside";

/// Where a short bracketed aside that ends at `at` opens (志愿者(义工)|),
/// if one does: at most eight characters, after a word.
pub(super) fn aside_before(text: &str, at: usize) -> Option<usize> {
    let inner = text[..at].strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let gloss = &inner[open + 1..];
    (!gloss.is_empty()
        && gloss.chars().count() <= 6
        && !gloss.contains(['(', ')'])
        && text[..open].chars().next_back().is_some_and(is_han))
    .then_some(open)
}

/// The tagged words of `[start, end)` before asides are joined (see
/// [`object_tags`]).
pub(super) fn object_words(body: &Body, start: usize, end: usize) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for t in body.tokens_in(start, end) {
        if t.start < skip_to {
            continue;
        }
        let (s, e) = (t.start.max(start), t.end.min(end));
        let whole = (s, e) == (t.start, t.end);
        // 50个“红旗书记工作室”: a short quoted name is one word, a name.
        if let Some(name) = quoted_name(&body.text, s, end) {
            out.push((name, "nz"));
            skip_to = s + name.len() + 2 * '“'.len_utf8();
            continue;
        }
        if let Some(w) = body.text.get(s..e)
            && whole
            && !t.known
            && w.chars().count() >= 2
            && w.chars().all(is_han)
        {
            // 96个村集体经济: an unknown word the HMM put together from the
            // measure word after a number and the noun is both.
            let after_number = out
                .last()
                .is_some_and(|(p, _): &(&str, _)| p.ends_with(|c: char| c.is_ascii_digit()));
            let c = w.chars().next().map_or(0, char::len_utf8);
            if after_number && CLASSIFIERS.contains(&&w[..c]) {
                out.push((&w[..c], "q"));
                out.push((&w[c..], "n"));
            } else {
                out.push((w, "n"));
            }
            continue;
        }
        out.extend(
            body.tagged(s, e)
                .into_iter()
                .filter(|(w, _)| !is_quote_mark(w) && !w.trim().is_empty())
                .map(|(w, p)| match p.as_str() {
                    "zg" | "g" if w.chars().count() == 1 => (w, "ng"),
                    "l" => (w, set_phrase_tag(body.segmenter(), w)),
                    // GDP, CPI: an acronym names a thing.
                    "eng" if is_acronym(w) => (w, "nz"),
                    t => (w, t),
                }),
        );
    }
    out
}

/// The name inside the quotation marks that open at `at`, when they close
/// before `end` around at most eight characters of Han script, letters or
/// digits (“书香机关”, “139”): a name or a slogan used as one word.
pub(super) fn quoted_name(text: &str, at: usize, end: usize) -> Option<&str> {
    let inner = text.get(at..end)?.strip_prefix('“')?;
    let close = inner.find('”')?;
    let name = &inner[..close];
    let n = name.chars().count();
    (n > 0 && n <= 8 && name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric()))
        .then_some(name)
}

/// Verbs that set up, hold or hand out the thing a clause then counts
/// (组建…335支, 举办…12期, 发放…5000份): before a counted noun phrase they
/// are the predicate, never part of the object.
pub(super) const PREDICATE_VERBS: &[&str] = &[
    "办理",
    "办好",
    "办成",
    "共有",
    "现有",
    "拥有",
    "建有",
    "设有",
    "配备",
    "新增",
    "组建",
    "成立",
    "建立",
    "建成",
    "创建",
    "新建",
    "打造",
    "培育",
    "设立",
    "设置",
    "举办",
    "召开",
    "开展",
    "组织",
    "发放",
    "选派",
    "吸纳",
    "评选",
    "命名",
    "表彰",
    "收集",
    "征集",
    "安排",
    "投入",
    "拨付",
    "下拨",
    "筹集",
    "落实",
    "争取",
    "整合",
    "撬动",
    "吸引",
    "带动",
    "解决",
    "办结",
    "受理",
    "帮助",
    "推荐",
    "选树",
    "培训",
    "轮训",
    "慰问",
    "发展",
    "排查",
    "化解",
    "查处",
    "处分",
    "约谈",
    "招录",
    "选拔",
    "选聘",
    "培养",
    "储备",
    "认定",
    "统筹安排",
    "调整",
    "提拔",
    "救助",
    "安置",
];

/// The subject phrase at the end of `tags`, read backwards from the
/// number: nouns, a verb inside a compound, a negation before it (see
/// [`object_before`]). Also says whether it took every word of `tags`.
pub(super) fn subject_phrase<'a>(tags: &[(&'a str, &'a str)]) -> (Vec<(&'a str, &'a str)>, bool) {
    let mut words: Vec<(&'a str, &'a str)> = Vec::new();
    let mut i = tags.len();
    while i > 0 && words.len() < 5 {
        let (w, tag) = tags[i - 1];
        // 社区有工作人员10人: what has the things is not part of them; the
        // copula and 有 end the subject phrase (not a one-character noun:
        // 人均有粮 is one measure).
        let held: usize = words.iter().map(|(h, _)| h.chars().count()).sum();
        if scope_word(w) || tag == "ns" || (matches!(w, "有" | "是") && held >= 2) {
            break;
        }
        let prev_noun = i >= 2 && nounish(tags[i - 2].1);
        // 畅通率, 服务队: a one-character noun right after the verb.
        // (率 and 站 are tagged as verbs: any single character counts).
        let before_suffix =
            w.chars().count() > 1 && words.last().is_some_and(|(n, _)| makes_noun_of_verb(n));
        // 培育党员致富带头人: a predicate verb stays one when jieba tags it
        // a verbal noun (not 发展, which mostly modifies: 发展对象, 发展资金).
        if tag == "vn"
            && w != "发展"
            && !words.is_empty()
            && !before_suffix
            && PREDICATE_VERBS.contains(&w)
        {
            break;
        }
        let ok = phrase_word(w, tag)
            // The event itself (走访, 集中宣讲) or a verb inside a compound
            // (消防通道畅通率, 扶贫资金); a verb that sets up or holds what
            // is counted is the predicate, not part of it (组建党员志愿服务队
            // 335支 counts 党员志愿服务队), except before a suffix (组建率).
            || (matches!(tag, "v" | "vn")
                && (words.is_empty() || before_suffix || (prev_noun && words.len() < 3))
                && (words.is_empty() || before_suffix || !PREDICATE_VERBS.contains(&w)))
            || (NOUN_JOINERS.contains(&w) && !words.is_empty() && prev_noun);
        if !ok {
            break;
        }
        words.push((w, tag));
        i -= 1;
    }
    // 不在编人员, 未脱贫户: a negation before the phrase is part of it.
    if !words.is_empty() && i > 0 && matches!(tags[i - 1].0, "不" | "未" | "非") {
        words.push(tags[i - 1]);
    }
    words.reverse();
    // An aside glosses the word before it.
    while words.first().is_some_and(|(_, t)| *t == ASIDE) {
        words.remove(0);
    }
    // The phrase starts with a noun or an adjective unless it is the event.
    let whole = i == 0;
    // A verb with a one-character suffix after it is one noun (办结率).
    while words.len() > 1
        && words.first().is_some_and(|(_, t)| matches!(*t, "v" | "c"))
        && !makes_noun_of_verb(words[1].0)
    {
        words.remove(0);
    }
    (words, whole)
}

/// Measure words that count things named after them (12个…的温室大棚),
/// unlike 人 (3000人参加的比赛: the count is who took part) or units of
/// money, length or age.
pub(super) const CLASSIFIERS: &[&str] = &[
    "个", "名", "家", "位", "处", "株", "棵", "件", "项", "支", "座", "栋", "所", "条", "台", "辆",
    "套", "种", "类", "篇", "份", "张", "间", "户", "只", "头", "本", "部",
];

/// Words between an object and its number (组建党员志愿服务队335支,
/// 占比达30.7%), stripped from the end of the text before the number,
/// longest first.
pub(super) const LINKING: &[&str] = &[
    "折合人民币",
    "折合",
    "同比增长",
    "增长到",
    "增加到",
    "提高到",
    "提升到",
    "下降到",
    "减少到",
    "增长至",
    "增加至",
    "提高至",
    "提升至",
    "下降至",
    "减少至",
    "扩大至",
    "扩大到",
    "发展到",
    "占比达到",
    "占比达",
    "占比为",
    "已达到",
    "达到",
    "完成",
    "实现",
    "共计",
    "累计",
    "合计",
    "总计",
    "已达",
    "只有",
    "多达",
    "高达",
    "超过",
    "突破",
    "冲破",
    "增长",
    "提升",
    "提高",
    "下降",
    "减少",
    "增加",
    "占比",
    "全部",
    "均",
    "都",
    "不足",
    "不到",
    "至少",
    "超",
    "已",
    "达",
    "为",
    "是",
    "共",
    "有",
    "仅",
    "约",
    "近",
    "逾",
    "的",
    "等",
    "各",
    "了",
    "计",
    "从",
    "由",
    "在",
    "占",
];

/// Administrative units that a share of places counts (60%的行政村集体经济
/// 收入超过25万元: the share is of villages, the rest says which ones).
pub(super) const PLACE_UNITS: &[&str] = &["行政村", "村", "社区", "乡镇", "镇", "乡", "街道"];

// A threshold an attribute passes, after a few characters naming the
// attribute (jieba tags 收入 a verb): (全部)达10万元, 收入均超过50万元.
static_regex!(
    THRESHOLD,
    r"^\p{Han}{0,6}?(?:全部|均|都|已)?(?:达到|达|超过|超|突破|冲破|高于|低于|不足|不到|在)[0-9]"
);

/// Whether a threshold starts at byte `at` of `text` (see [`THRESHOLD`]).
pub(super) fn threshold_at(text: &str, at: usize) -> bool {
    text.get(at..).is_some_and(|r| THRESHOLD.is_match(r))
}
