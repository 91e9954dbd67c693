//! Items spelled out right beside a formulation's mention.
//!
//! Report language names a formulation and lists its items in a few fixed
//! places, which this module reads:
//!
//! * **before** it, in the same clause: `抓好A、B和C“三个环节”`,
//!   `“A、B、C”三力共振`, `“A”“B”“C”等“三X”`, `完成A和B的“双胜利”`;
//! * **after** it, behind a lead-in: `“四抓四强”(即“A、B、C、D”)`,
//!   `“六带头”活动,即A、B…和F`, `“三有一化”,即A、B、C,D`,
//!   `“四个X”,即A;B;C;D`, `“1+9+27”架构(1个A、9个B、27家C)`;
//! * after it without a lead-in, when each item carries its part of the name
//!   (`“一网两线三保障”…,密织一张“A网”、创新两条“B线”、运用三项“C保障”`);
//! * for a digit formula, the counted parts in the sentences that follow
//!   (`“2+14+68”体系。其中,2个A,是…;14个B,…;68个C,…`).
//!
//! Each reader returns exactly the number of items the formulation counts, or
//! nothing: a list of another length is not its expansion.

use super::char_prefix;
use super::levels;
use super::lexicon::number_word;
use super::markers;
use crate::normalize::is_han;
use crate::window;

/// Verbs and adverbs that govern a whole list and are not part of its first
/// item (抓好A、B、C → A, B, C).
const GOVERNING: &[&str] = &[
    "即",
    "包括",
    "包括了",
    "涵盖",
    "涵盖了",
    "包含",
    "包含了",
    "也就是",
    "就是",
    "分别是",
    "分别为",
    "大力",
    "着力",
    "积极",
    "深入",
    "全面",
    "扎实",
    "持续",
    "不断",
    "认真",
    "重点",
    "实施",
    "开展",
    "推行",
    "实行",
    "抓好",
    "抓实",
    "完成",
    "做好",
    "建立",
    "推进",
    "落实",
    "坚持",
    "围绕",
    "聚焦",
    "按照",
    "突出",
    "实现",
    "做到",
    "争创",
    "创建",
    "打造",
    "明确",
    "提出",
    "通过",
    "利用",
    "依托",
    "将",
    "把",
    "如",
    "以",
    "与",
];

/// Verbs that govern a formulation named after them: a clause ending in one
/// is a subject and its verb, not the formulation's items.
const ENDS_IN_A_VERB: &[&str] = &[
    "开展", "进行", "参加", "参与", "实施", "推行", "实行", "落实", "推进", "坚持", "做到", "践行",
    "深化", "建立", "执行", "启动", "举办", "到", "在", "为", "是", "要", "和", "与", "及",
];

/// Marks that introduce a list after a formulation.
const LEAD_MARKS: &[&str] = &[
    "即",
    "也就是",
    "就是",
    "包括",
    "分别是",
    "分别为",
    "是指",
    "指的是",
    "主要是",
    "主要有",
    "具体是",
    "具体为",
    "：",
    ":",
    "(",
    "（",
];

/// Splits `s` on any of `seps` outside quotes and brackets.
fn split_outside(s: &str, seps: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '“' | '(' | '（' | '‘' | '《' => depth += 1,
            '”' | ')' | '）' | '’' | '》' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && seps.contains(&c) {
            out.push(std::mem::take(&mut cur));
            depth = 0;
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

/// The prefix of `s` up to the first of `stops` outside quotes and brackets
/// (the first piece [`split_outside`] would give), looked for within
/// [`window::PARAGRAPH`] bytes: a list runs to the end of its sentence, and
/// a text without one costs no more than a paragraph per mention.
fn cut_at<'s>(s: &'s str, stops: &[char]) -> &'s str {
    let s = window::prefix(s, window::PARAGRAPH);
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '(' | '（' | '‘' | '《' => depth += 1,
            '”' | ')' | '）' | '’' | '》' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && stops.contains(&c) {
            return &s[..i];
        }
    }
    s
}

fn clean(s: &str) -> String {
    let mut t = without_label(s.trim());
    for m in ITEM_MARKERS {
        if let Some(r) = t.strip_prefix(m)
            && r.chars().count() >= 2
        {
            t = r;
        }
    }
    t.trim()
        .trim_end_matches(['。', '，', ',', '；', ';', '、', '…'])
        .trim()
        .to_string()
}

/// `s` without an ordinal label and its dash (一队—A → A; see
/// [`labelled_items`]), when at least two characters are left.
fn without_label(s: &str) -> &str {
    let mut chars = s.char_indices();
    if !chars
        .next()
        .is_some_and(|(_, c)| ORDINALS[..9].contains(&c))
    {
        return s;
    }
    for (i, c) in chars.take(3) {
        if let Some(d) = DASHES.iter().find(|d| s[i..].starts_with(**d)) {
            let rest = &s[i + d.len()..];
            return if rest.chars().count() >= 2 { rest } else { s };
        }
        if !is_han(c) {
            break;
        }
    }
    s
}

/// Characters that stand for a 和 and a 与 inside a word while a text is
/// split on the conjunctions (private-use characters, in no text).
const INSIDE_A_WORD: [(char, char); 2] = [('和', '\u{e000}'), ('与', '\u{e001}')];

/// Splits `s` on the conjunctions 和, 及 (以及) and 与 outside quotes and
/// brackets, but not inside a word: 和平, 和谐, 共和, 缓和; 参与, 与会.
pub(super) fn split_on_conjunctions(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut marked = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let inside = match c {
            // (和平安 is 和 and 平安.)
            '和' => {
                next == Some('平') && chars.get(i + 2) != Some(&'安')
                    || next.is_some_and(|n| "谐睦蔼煦".contains(n))
                    || prev.is_some_and(|p| "共总缓温调饱暖附柔随".contains(p))
            }
            '与' => {
                prev.is_some_and(|p| "参给赋授干".contains(p))
                    || next.is_some_and(|n| "会其否".contains(n))
            }
            _ => false,
        };
        // 以及: the 以 goes with the conjunction.
        if c == '以' && next == Some('及') {
            continue;
        }
        let stand_in = INSIDE_A_WORD.iter().find(|(w, _)| inside && *w == c);
        marked.push(stand_in.map_or(c, |(_, x)| *x));
    }
    split_outside(&marked, &['和', '及', '与'])
        .into_iter()
        .map(|p| {
            p.chars()
                .map(|c| {
                    INSIDE_A_WORD
                        .iter()
                        .find(|(_, x)| *x == c)
                        .map_or(c, |(w, _)| *w)
                })
                .collect()
        })
        .collect()
}

/// Splits the last item on 和/及/与 when one more item is needed.
fn split_last_conjunction(mut items: Vec<String>, n: usize) -> Vec<String> {
    if items.len() + 1 == n
        && let Some(last) = items.pop()
    {
        let parts = split_on_conjunctions(&last);
        if parts.len() == 2 && parts.iter().all(|p| !p.trim().is_empty()) {
            items.extend(parts);
        } else {
            items.push(last);
        }
    }
    items
}

/// Cuts the governing verb (and anything before it) off the first item,
/// unless most other items start with such a word too (坚持A;坚持B).
fn trim_first(mut items: Vec<String>) -> Vec<String> {
    if items.len() < 2 {
        return items;
    }
    // 坚持A;坚持B: the shared head word belongs to every item.
    let shared_head = GOVERNING.iter().any(|g| {
        items[0].trim_start_matches(['即']).starts_with(g)
            && items[1..].iter().any(|it| it.starts_with(g))
    });
    if shared_head {
        if let Some(r) = ["即", "包括", "也就是", "就是"]
            .iter()
            .find_map(|m| items[0].strip_prefix(m))
        {
            items[0] = r.to_string();
        }
        return items;
    }
    let cut = after_governing(&items[0]);
    items[0].drain(..cut);
    // 探索创新组织共建、决策共商、优势共扬: when the other items share one
    // length, a much longer first item keeps that many final characters.
    let lens: Vec<usize> = items[1..].iter().map(|it| it.chars().count()).collect();
    let k = lens[0];
    let first_len = items[0].chars().count();
    // (A quote or bracket before the kept characters is the lead's, not
    // the item's: “X”班子呈现A、B、C → A.)
    let tail: String = items[0].chars().skip(first_len.saturating_sub(k)).collect();
    if items.len() >= 3
        && k >= 2
        && lens.iter().all(|l| *l == k)
        && first_len > k + 2
        && !tail.contains(['“', '”', '(', ')'])
        && !items[1..].iter().any(|it| it.contains(['“', '(']))
    {
        items[0] = tail;
    }
    items
}

/// Where the last governing word outside quotes in `first` ends, with at
/// least two characters left after it (0 when there is none). Read at each
/// character of `first` (no governing word overlaps itself, so these are
/// the occurrences a search for each word finds).
pub(super) fn after_governing(first: &str) -> usize {
    let quoted_from = first.find('“').unwrap_or(first.len());
    let mut cut = 0;
    for (p, _) in first[..quoted_from].char_indices() {
        for g in GOVERNING {
            // One-character words only at the head (以, 将, 把, 如, 即).
            if !word_at(first, p, g) || (p != 0 && g.chars().nth(1).is_none()) {
                continue;
            }
            let end = p + g.len();
            if end > cut && first[end..].chars().nth(1).is_some() {
                cut = end;
            }
        }
    }
    cut
}

/// Whether `word` starts at byte `p` of `s`. The first bytes are compared
/// first: most positions differ there, at no cost of a call to compare.
fn word_at(s: &str, p: usize, word: &str) -> bool {
    let (s, w) = (&s.as_bytes()[p..], word.as_bytes());
    s.first() == w.first() && s.starts_with(w)
}

fn valid(items: &[String], n: usize) -> bool {
    items.len() == n
        && n >= 2
        && items
            .iter()
            .all(|it| (1..=30).contains(&it.chars().count()) && !it.contains(['。', '\n']))
}

/// Text inside the quote that ends right at the end of `before` (which ends
/// with ”), and where it starts.
fn last_quote(before: &str) -> Option<(usize, &str)> {
    let inner_end = before.strip_suffix('”')?.len();
    let mut depth = 0;
    for (i, c) in before[..inner_end].char_indices().rev() {
        match c {
            '”' => depth += 1,
            '“' if depth == 0 => {
                let s = i + c.len_utf8();
                return Some((i, &before[s..inner_end]));
            }
            '“' => depth -= 1,
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// The last `n` pieces of a 、-list, the first of them from after a copula
/// (A、B等都是C、D → C, D: the pieces before belong to the subject; 各村都是
/// C、D两手抓 → C, D).
fn from_copula(mut listed: Vec<String>, n: usize) -> Vec<String> {
    if listed.len() < n || n < 2 {
        return listed;
    }
    let first = &listed[listed.len() - n];
    let cut = ["都是", "就是", "均是", "都要", "是"]
        .iter()
        .find_map(|w| first.rfind(w).map(|p| p + w.len()))
        .filter(|&p| first[p..].chars().count() >= 2);
    match cut {
        Some(p) => {
            let mut tail = listed.split_off(listed.len() - n);
            tail[0] = tail[0][p..].to_string();
            tail
        }
        None => listed,
    }
}

/// Where the clause that ends `before` starts: at a clause mark, a bracket
/// or a quote mark, except that a short quote closed inside the clause is
/// part of it (与A、“B”推荐“三挂钩”: the list runs back over “B”).
fn clause_start(before: &str) -> usize {
    let clause_mark =
        |c: char| window::is_clause_end(c) || matches!(c, '“' | '”' | '(' | '（' | ')' | '）');
    let mut end = before.len();
    loop {
        let start = window::back_to(before, end, clause_mark, window::SENTENCE);
        // A quote of up to 12 characters closed at `start`, with its
        // opening mark in the same clause.
        let Some(inner) = before[..start].strip_suffix('”') else {
            return start;
        };
        let Some(open) = inner.rfind('“') else {
            return start;
        };
        let quoted = &inner[open + '“'.len_utf8()..];
        let closed_inside = start - open <= window::SENTENCE
            && quoted.chars().count() <= 12
            && !quoted.chars().any(clause_mark);
        if !closed_inside || open == 0 {
            return start;
        }
        end = open;
    }
}

/// The `n` items listed right before a mention that starts at `ms`.
pub(super) fn items_before(text: &str, ms: usize, n: usize) -> Option<Vec<String>> {
    let mut before = text.get(..ms)?;
    before = before.strip_suffix(['“', '‘']).unwrap_or(before);
    let mut glued = false;
    for glue in ["的", "等", "这", "的"] {
        if let Some(b) = before.strip_suffix(glue) {
            before = b;
            glued = true;
        }
    }
    if before.ends_with('”') {
        let (qs, inner) = last_quote(before)?;
        // A quoted list of clauses split by semicolons, one item each
        // (“抓A,促B;抓C,促D”的“两抓”).
        let clauses: Vec<String> = split_outside(inner, &['；', ';'])
            .iter()
            .map(|s| clean(s))
            .collect();
        if clauses.len() == n && valid(&clauses, n) {
            return Some(clauses);
        }
        // A run of one-character level names, one level each (“省市县”三级).
        if levels::level_run(inner, n) {
            return Some(inner.chars().map(String::from).collect());
        }
        let listed = split_outside(inner, &['、', '，', ',']);
        if listed.len() >= 2 {
            let items: Vec<String> = split_last_conjunction(listed, n)
                .iter()
                .map(|s| clean(s))
                .collect();
            return valid(&items, n).then_some(items);
        }
        // A run of quotes: “A”“B”、“C”.
        let mut items = vec![clean(inner)];
        let mut rest = before[..qs].strip_suffix('、').unwrap_or(&before[..qs]);
        while items.len() < n && rest.ends_with('”') {
            let (qs, inner) = last_quote(rest)?;
            items.push(clean(inner));
            rest = rest[..qs].strip_suffix('、').unwrap_or(&rest[..qs]);
        }
        items.reverse();
        return (valid(&items, n) && !rest.ends_with('”')).then_some(items);
    }
    // Unquoted: back to the start of the clause (within a sentence window).
    let region = &before[clause_start(before)..];
    // A list of subjects before a verb (A、B到社区开展“双报到”) is no list of
    // items; two unquoted items need 的 (完成A和B的“双胜利”).
    let listed = from_copula(split_outside(region, &['、']), n);
    // Two items without 的 need a 、 between them, each a short word
    // (A、B“两手抓”).
    let pair = n == 2
        && listed.len() == 2
        && listed
            .iter()
            .all(|p| (2..=6).contains(&p.chars().count()) && p.chars().all(is_han));
    if ENDS_IN_A_VERB.iter().any(|v| region.ends_with(v)) || (n == 2 && !glued && !pair) {
        return None;
    }
    if listed.len() < 2 && n > 2 {
        return None;
    }
    // Two items joined by 和 alone must each be a phrase, not a name
    // (区委和区政府的“双报到” lists no items).
    let short_pair = listed.len() == 1
        && split_on_conjunctions(region)
            .iter()
            .any(|p| p.chars().count() < 5);
    if short_pair {
        return None;
    }
    let listed = split_last_conjunction(listed, n);
    // Trimming keeps the count: a list of another length is none.
    if listed.len() != n {
        return None;
    }
    let items: Vec<String> = trim_first(listed).iter().map(|s| clean(s)).collect();
    // Two items split on 和 are phrases of their own (A和B的“双X”), not
    // the halves of one (政策性和经营性目标).
    if n == 2 && !pair && items.iter().any(|it| it.chars().count() < 5) {
        return None;
    }
    valid(&items, n).then_some(items)
}

/// The `n` items named right before a mention that starts at `ms`, in its
/// clause, when each ends in the formulation's key `key` (将A网与B网“两网”
/// → A网, B网): a pair joined by 和, 与 or 及 needs no 的 then, since the
/// key says the items are the ones counted.
pub(super) fn keyed_items_before(
    text: &str,
    ms: usize,
    n: usize,
    key: &str,
) -> Option<Vec<String>> {
    let before = text.get(..ms)?;
    let before = before.strip_suffix(['“', '‘']).unwrap_or(before);
    let region = &before[clause_start(before)..];
    if !region.ends_with(key) {
        return None;
    }
    let listed = split_last_conjunction(split_outside(region, &['、']), n);
    if listed.len() != n {
        return None;
    }
    let items: Vec<String> = trim_first(listed).iter().map(|s| clean(s)).collect();
    let keyed = items.iter().all(|it| {
        let k = it.chars().count();
        it.ends_with(key) && it != key && (2..=12).contains(&k) && it.chars().all(is_han)
    });
    (keyed && valid(&items, n)).then_some(items)
}

/// The `n` items listed after a lead-in right after a mention that ends at
/// `me`; with `no_lead_in` (the caller's check asks the items to carry the
/// formulation's parts) no lead-in is needed.
pub(super) fn items_after(
    text: &str,
    me: usize,
    n: usize,
    check: &dyn Fn(&[String]) -> bool,
    no_lead_in: bool,
) -> Option<Vec<String>> {
    let (region, mark) = region_after(text, me, no_lead_in)?;
    // Without a lead-in, the plain 、-list or one item a clause. After one,
    // a 、-list that a semicolon ends is the first of parallel clauses
    // (即A、B;C、D): the clauses are the items when there are `n`.
    let ways: &[usize] = if mark.is_none() {
        &[0, 3]
    } else if ends_at_semicolon(region) && split_outside(region, &['；', ';']).len() == n {
        &[1, 0, 2]
    } else {
        &[0, 1, 2]
    };
    ways.iter().find_map(|&way| {
        let listed = listing(region, n, way);
        // Trimming keeps the count: a list of another length is none.
        if listed.len() != n {
            return None;
        }
        let items: Vec<String> = trim_first(listed).iter().map(|s| clean(s)).collect();
        (valid(&items, n) && check(&items)).then_some(items)
    })
}

/// Whether the first clause of `region` ends at a semicolon (outside quotes
/// and brackets), not at a comma or the region's end.
fn ends_at_semicolon(region: &str) -> bool {
    let first = cut_at(region, &['，', ',', '；', ';']);
    region[first.len()..].starts_with(['；', ';'])
}

/// The items of a formulation of several parts listed part by part after a
/// mention that ends at `me`, with or without a lead-in: one 、-list per
/// part in consecutive clauses, each as long as its part's count and each
/// item carrying its part's key (“三联三帮”:联系A、联系B、联系C,帮助D、帮助E、
/// 帮助F).
pub(super) fn lists_by_part_after(
    text: &str,
    me: usize,
    keys: &[(String, u32)],
) -> Option<Vec<String>> {
    let (region, _) = region_after(text, me, true)?;
    let clauses = split_outside(region, &['，', ',', '；', ';']);
    if clauses.len() < keys.len() {
        return None;
    }
    let mut out = Vec::new();
    for (clause, (key, n)) in clauses.iter().zip(keys) {
        let n = *n as usize;
        let listed = split_last_conjunction(split_outside(clause, &['、']), n);
        let items: Vec<String> = trim_first(listed).iter().map(|s| clean(s)).collect();
        if !valid(&items, n) || !items.iter().all(|it| it.contains(key.as_str())) {
            return None;
        }
        out.extend(items);
    }
    Some(out)
}

/// The text a list after a mention that ends at `me` is read from, and the
/// lead-in mark before it: after a lead-in (即, 包括, a colon or a bracket)
/// or, with `no_lead_in`, after a few characters of glue and a comma.
fn region_after(text: &str, me: usize, no_lead_in: bool) -> Option<(&str, Option<&'static str>)> {
    let after = text.get(me..)?;
    let after = after.strip_prefix('”').unwrap_or(after);
    let head = char_prefix(after, 14);
    let mark = lead_mark(head);
    let region = match mark {
        Some((p, m)) => {
            let rest = &after[p + m.len()..];
            if matches!(m, "(" | "（") {
                let inner = cut_at(rest, &[')', '）']);
                inner.strip_prefix('即').unwrap_or(inner)
            } else {
                cut_at(rest, &['。', '\n'])
            }
        }
        None if no_lead_in => {
            // Glue of a few characters up to a comma or a full stop, then
            // the list (“三同步”工作机制。将A同步、B同步、C同步).
            let p = head.find(['，', ',', '。'])?;
            if head[..p].contains(['；', ';', '\n', '“']) {
                return None;
            }
            let comma = head[p..].chars().next().map_or(1, char::len_utf8);
            cut_at(&after[p + comma..], &['。', '\n'])
        }
        None => return None,
    };
    let region = region.trim();
    // The whole list in one quote: “A、B、C”; or a quoted definition that
    // ends its sentence inside the quote or its clause right after it
    // (是指“A、B;C、D。”其中…).
    let region = match region.strip_prefix('“').and_then(|r| r.strip_suffix('”')) {
        Some(r) if !r.contains(['“', '”']) => r,
        _ => mark.map_or(region, |_| quoted_definition(region).unwrap_or(region)),
    };
    Some((region, mark.map(|(_, m)| m)))
}

/// The inside of the quote that opens `region`, when nothing is nested in
/// it and it closes a sentence (its last mark a full stop) or is followed by
/// a clause mark: the quote alone is what the lead-in introduces.
fn quoted_definition(region: &str) -> Option<&str> {
    let rest = region.strip_prefix('“')?;
    let close = rest.find(['”', '“'])?;
    if !rest[close..].starts_with('”') {
        return None;
    }
    let inner = &rest[..close];
    let after = rest[close + '”'.len_utf8()..].chars().next();
    let closes_sentence = inner.ends_with(['。', '！', '!']);
    let clause_after = after.is_none_or(window::is_clause_end);
    (closes_sentence || clause_after).then_some(inner)
}

/// The first lead-in mark ([`LEAD_MARKS`]) in `head`, the start of the text
/// after a mention, and where it is: the glue before it must stay in the
/// clause and not end in 立/随/旋 (立即, 随即, 旋即 are no lead-ins). Only
/// the first occurrence of each mark counts.
fn lead_mark(head: &str) -> Option<(usize, &'static str)> {
    let mut seen = [false; LEAD_MARKS.len()];
    // The glue so far has left the clause / ends in 立, 随 or 旋.
    let mut left_clause = false;
    let mut glued_word = false;
    for (p, c) in head.char_indices() {
        let glue_ok = !left_clause && !glued_word;
        for (k, m) in LEAD_MARKS.iter().enumerate() {
            if !seen[k] && word_at(head, p, m) {
                seen[k] = true;
                if glue_ok {
                    return Some((p, m));
                }
            }
        }
        left_clause |= matches!(c, '。' | '；' | ';' | '\n' | '“');
        glued_word = matches!(c, '立' | '随' | '旋');
    }
    None
}

/// The items of the region after a lead-in, read one of four ways.
fn listing(region: &str, n: usize, way: usize) -> Vec<String> {
    match way {
        // A 、-list up to the clause's end.
        0 => {
            let clause = cut_at(region, &['，', ',', '；', ';']);
            split_last_conjunction(split_outside(clause, &['、']), n)
        }
        // Items separated by semicolons, the last up to its comma.
        // (An item opened by a list marker, 一是A,…, is its first clause, as
        // one read by its markers is.)
        1 => {
            let mut items = split_outside(region, &['；', ';']);
            let n_items = items.len();
            for (k, it) in items.iter_mut().enumerate() {
                if let Some(rest) = markers::after_marker(it) {
                    *it = cut_at(rest, &['，', ',']).to_string();
                } else if k + 1 == n_items {
                    *it = cut_at(it, &['，', ',']).to_string();
                }
            }
            items
        }
        // One item a clause, up to the sentence's end (把A培养成B,把B培养成C).
        3 => split_outside(region, &['，', ',', '；', ';']),
        // A 、-list finished by a clause after a comma (有A、有B,C规范化).
        _ => {
            if cut_at(region, &['，', ',']).contains('、') {
                split_outside(region, &['、', '，', ','])
            } else {
                Vec::new()
            }
        }
    }
}

/// Count words after which the rest of a formulation is the noun its items
/// share (三大工程: “A”工程, “B”工程, “C”工程).
const COUNT_WORDS: &[char] = &['大', '个', '项', '类', '条'];

/// Items named after a mention that ends at `me` by the noun of the
/// formulation `f` (a count word and a noun: 三大工程, 四大产业链): the
/// first `n` different names in the rest of the paragraph that end in that
/// noun (its last three or two characters), each a short word or a quote
/// before it — 柑橘产业链, “聚力”工程. Another number of such names, or a
/// name too long to be one word, gives none.
pub(super) fn named_by_head_noun(text: &str, me: usize, f: &str, n: usize) -> Option<Vec<String>> {
    let mut chars = f.chars();
    chars.next()?;
    if !chars.next().is_some_and(|c| COUNT_WORDS.contains(&c)) {
        return None;
    }
    let noun_of = chars.as_str();
    let rest = text.get(me..)?;
    let paragraph = char_prefix(cut_at(rest, &['\n']), 600);
    let len = noun_of.chars().count();
    [3, 2].into_iter().filter(|k| *k <= len).find_map(|k| {
        let cut = noun_of.char_indices().nth(len - k).map_or(0, |(i, _)| i);
        names_ending_in(paragraph, &noun_of[cut..], n)
    })
}

/// The different names in `s` that end in `noun`, when there are exactly
/// `n` and each is a word of one to four characters or a short quote.
fn names_ending_in(s: &str, noun: &str, n: usize) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for (p, _) in s.match_indices(noun) {
        let before = &s[..p];
        let name = if let Some(inner) = before.strip_suffix('”') {
            let open = inner.rfind('“')?;
            let quoted = &inner[open + '“'.len_utf8()..];
            if !(1..=8).contains(&quoted.chars().count()) || !quoted.chars().all(is_han) {
                return None;
            }
            &before[open..]
        } else {
            let word_start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| !is_han(c) || "的和及与、是有在".contains(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            &before[word_start..]
        };
        let k = name.trim_matches(['“', '”']).chars().count();
        // A bare noun (the formulation's own mention, 产业链发展) names none.
        if k == 0 || name.starts_with(|c: char| number_word(c).is_some()) {
            continue;
        }
        if k > 4 && !name.starts_with('“') {
            return None;
        }
        let item = format!("{name}{noun}");
        if !names.contains(&item) {
            names.push(item);
        }
    }
    (names.len() == n && n >= 2).then_some(names)
}

/// List markers that open a paragraph or a sentence of a spelled-out item.
const ITEM_MARKERS: &[&str] = &[
    "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "首先", "其次",
    "再次", "最后", "第一", "第二", "第三", "第四", "第五", "第六", "其一", "其二", "其三", "其四",
];

/// The head of an item: list markers and numbering off (一是, (一), 1.,
/// 一、), up to the first full stop, colon or semicolon.
fn item_head(s: &str) -> String {
    let mut t = s.trim_start_matches([' ', '\u{3000}', '\t']);
    loop {
        let before = t.len();
        for m in ITEM_MARKERS {
            t = t.strip_prefix(m).unwrap_or(t);
        }
        t = t.trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十()（）、.．,，:：".contains(c)
        });
        if t.len() == before {
            break;
        }
    }
    clean(cut_at(t, &['。', '：', ':', '；', ';', '!', '！']))
}

/// Items spelled out as the heads of the paragraphs after the mention's own
/// paragraph (`抓A,促B。…` / `二、抓C,促D` …), or as sentences opened by
/// 一是/二是… after the mention: the first `n` heads, each short, carrying
/// every one of `keys` and passing `check`.
pub(super) fn item_heads(
    text: &str,
    me: usize,
    n: usize,
    keys: &[&str],
    check: &dyn Fn(&[String]) -> bool,
) -> Option<Vec<String>> {
    let rest = text.get(me..)?;
    let window = char_prefix(rest, 3000);
    // Every head is cut from the window: without a key there, none carries
    // it.
    if !keys.iter().all(|k| window.contains(k)) {
        return None;
    }
    let fits = |items: &[String]| {
        items
            .iter()
            .all(|h| (2..=24).contains(&h.chars().count()) && keys.iter().all(|k| h.contains(k)))
            && check(items)
    };
    if let Some(heads) = paragraph_heads(window, n, keys)
        && fits(&heads)
    {
        return Some(heads);
    }
    marked_items(window, n)
        .map(|(items, _)| items)
        .filter(|items| fits(items))
}

/// The heads of the first `n` paragraphs of `window` after its first, when
/// each of those paragraphs carries every one of `keys` (a head is cut from
/// its paragraph, so one without a key gives none).
fn paragraph_heads(window: &str, n: usize, keys: &[&str]) -> Option<Vec<String>> {
    let lines: Vec<&str> = window
        .split('\n')
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .collect();
    if lines.len() != n || !lines.iter().all(|l| keys.iter().all(|k| l.contains(k))) {
        return None;
    }
    Some(lines.into_iter().map(item_head).collect())
}

/// The items of `window` opened by the markers of one family (一是, 二是 …;
/// 一要 …; 第一 …; 首先 … — see [`markers`]) in order, the first `n`, with
/// the list they were read from.
fn marked_items(window: &str, n: usize) -> Option<(Vec<String>, markers::Marked)> {
    markers::marked_lists(window, n)
        .into_iter()
        .next()
        .map(|m| {
            let items = m
                .starts
                .iter()
                .map(|&s| {
                    clean(cut_at(
                        &window[s..],
                        &['，', ',', '。', '；', ';', '：', ':', '\n'],
                    ))
                })
                .collect();
            (items, m)
        })
}

/// Items opened by 一是, 二是 … (or another family of markers) right after
/// a mention that ends at `me` (the first within 60 characters), exactly
/// `n` of them: no marker of an item after the last follows in the
/// paragraph. Such items need not carry the formulation's key (“三项机制”。
/// 一是建立台账,二是…,三是…).
pub(super) fn marked_right_after(
    text: &str,
    me: usize,
    n: usize,
    check: &dyn Fn(&[String]) -> bool,
) -> Option<Vec<String>> {
    if !(2..=9).contains(&n) {
        return None;
    }
    let window = char_prefix(text.get(me..)?, 1500);
    let (items, m) = marked_items(window, n)?;
    if window[..m.first].chars().count() > 60 || window[..m.first].contains('\n') {
        return None;
    }
    // The paragraph of the last item lists no further one.
    let tail = cut_at(&window[m.last..], &['\n']);
    let further = m
        .next
        .as_deref()
        .is_some_and(|x| markers::stands_in(tail, x));
    let fits = items.iter().all(|h| (2..=24).contains(&h.chars().count()));
    (fits && !further && check(&items)).then_some(items)
}

/// The numbers of ordinal labels (一队, 二队 …).
const ORDINALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Dashes that join a label to its item (一队—A).
const DASHES: &[&str] = &["——", "—", "－－", "－", "--", "-"];

/// Items introduced by ordinal labels and a dash right after a mention
/// that ends at `me`: `一队—A、二队—B、三队—C` gives A, B, C. The labels
/// count one, two, three … with the same noun after each number (none or
/// up to two characters), the first within 30 characters of the mention,
/// and exactly `n` of them stand in the paragraph.
pub(super) fn labelled_items(
    text: &str,
    me: usize,
    n: usize,
    check: &dyn Fn(&[String]) -> bool,
) -> Option<Vec<String>> {
    if !(2..=9).contains(&n) {
        return None;
    }
    let rest = text.get(me..)?;
    if !rest.contains('一') || !DASHES.iter().any(|d| rest.contains(d)) {
        return None;
    }
    let paragraph = char_prefix(cut_at(rest, &['\n']), 800);
    // Each label: where it starts, its noun, and where its item starts.
    let label_at = |from: usize, k: usize| -> Option<(usize, &str, usize)> {
        let number = ORDINALS[k];
        paragraph[from..].match_indices(number).find_map(|(p, _)| {
            let s = from + p;
            let after = &paragraph[s + number.len_utf8()..];
            // The noun's possible ends: after none to three characters.
            let ends = after
                .char_indices()
                .take_while(|&(_, c)| is_han(c))
                .take(3)
                .map(|(i, c)| i + c.len_utf8());
            let ends: Vec<usize> = std::iter::once(0).chain(ends).collect();
            ends.into_iter().rev().find_map(|cut| {
                let dash = DASHES.iter().find(|d| after[cut..].starts_with(**d))?;
                (after[..cut].chars().count() <= 2).then_some((
                    s,
                    &after[..cut],
                    s + number.len_utf8() + cut + dash.len(),
                ))
            })
        })
    };
    let mut labels = Vec::new();
    let mut from = 0;
    for k in 0..=n.min(9) {
        let Some(l) = label_at(from, k) else {
            break;
        };
        from = l.2;
        labels.push(l);
    }
    let (first, noun, _) = *labels.first()?;
    if labels.len() != n
        || paragraph[..first].chars().count() > 30
        || labels.iter().any(|l| l.1 != noun)
    {
        return None;
    }
    let items: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(k, &(_, _, s))| {
            let end = labels.get(k + 1).map_or(paragraph.len(), |l| l.0);
            clean(cut_at(
                &paragraph[s..end],
                &['、', '，', ',', '；', ';', '。', '\n'],
            ))
        })
        .collect();
    (valid(&items, n) && check(&items)).then_some(items)
}

/// The counted parts of a digit formula (2+14+68) in the text after its
/// mention: `2个A`, `14个B`, `68家C`, in order, each up to its clause's end.
pub(super) fn digit_items(text: &str, me: usize, parts: &[&str]) -> Option<Vec<String>> {
    let window = char_prefix(text.get(me..)?, 400);
    let mut from = 0;
    let mut items = Vec::new();
    for part in parts {
        let mut found = None;
        for (p, _) in window[from..].match_indices(part) {
            let s = from + p;
            let e = s + part.len();
            let before_digit = window[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '+');
            let next = window[e..].chars().next();
            if before_digit || next.is_none_or(|c| c.is_ascii_digit() || c == '+' || !is_han(c)) {
                continue;
            }
            let item = cut_at(
                &window[s..],
                &[
                    '，', ',', '。', '；', ';', '、', '(', '（', ')', '）', '”', '\n',
                ],
            )
            .to_string();
            if (3..=20).contains(&item.chars().count()) {
                found = Some((item, e));
                break;
            }
        }
        let (item, e) = found?;
        items.push(item);
        from = e;
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn before_a_mention() {
        let t = "全县着力抓好岗前培训、日常培训和专题培训“三个环节”。";
        let ms = t.find("“三个").map(|p| p + "“".len()).unwrap_or(0);
        assert_eq!(
            items_before(t, ms, 3),
            v(&["岗前培训", "日常培训", "专题培训"])
        );
        let t = "推动“服务能力、协同合力、自治活力”三力提升。";
        assert_eq!(
            items_before(t, t.find("三力").unwrap_or(0), 3),
            v(&["服务能力", "协同合力", "自治活力"])
        );
        let t = "实施“红色家园”“红色驿站”等“两红”工程。";
        let ms = t.find("两红").unwrap_or(0);
        assert_eq!(items_before(t, ms, 2), v(&["红色家园", "红色驿站"]));
        // Wrong length: nothing.
        assert_eq!(items_before(t, ms, 3), None);
    }

    #[test]
    fn after_a_mention() {
        let any = |_: &[String]| true;
        let t = "以“两抓两强”(即“抓学习强素质、抓服务强作风”)为主线";
        let me = t.find("”(").unwrap_or(0);
        assert_eq!(
            items_after(t, me, 2, &any, false),
            v(&["抓学习强素质", "抓服务强作风"])
        );
        let t = "推行“三个必到”,即坚持红白喜事必到;坚持生病住院必到;坚持困难家庭必到,赢得好评。";
        let me = t.find("”,").unwrap_or(0);
        assert_eq!(
            items_after(t, me, 3, &any, false),
            v(&["坚持红白喜事必到", "坚持生病住院必到", "坚持困难家庭必到"])
        );
        let t = "做到“两有一化”,即有场地、有经费,管理规范化。";
        let me = t.find("”,").unwrap_or(0);
        assert_eq!(
            items_after(t, me, 3, &any, false),
            v(&["有场地", "有经费", "管理规范化"])
        );
        // No lead-in: nothing unless the caller's check allows it.
        let t = "推行“三有”,有场地、有经费、有人员。";
        let me = t.find("”,").unwrap_or(0);
        assert_eq!(items_after(t, me, 3, &any, false), None);
    }

    #[test]
    fn digit_parts() {
        let t = "形成“1+6+30”体系。其中,1个县级中心,负责统筹;6个镇级站点,就近服务;30个村级驿站,覆盖全域。";
        let me = t.find("”体系").unwrap_or(0);
        assert_eq!(
            digit_items(t, me, &["1", "6", "30"]),
            v(&["1个县级中心", "6个镇级站点", "30个村级驿站"])
        );
    }
}
