//! Expansion linking: the items a formulation names, read beside a mention
//! (module `adjacent`), from the counted parts of a digit formula, from
//! the one enumeration of the text that carries its key morphemes; and for
//! a count in a headline, from the body's section headings (module
//! `headings`).

use std::cell::OnceCell;
use std::collections::HashSet;

use super::adjacent;
use super::digits::is_digit_formula;
use super::enumerations::{Runs, parallel_clauses};
use super::headings::section_headings;
use super::lexicon::{LEX, canonical, leading_number, number_word};
use super::per_digit::per_digit_items;
use super::prefixed::led_count;
use super::shapes::is_formulation;

/// Key morphemes with their counts: 三创 → [(创, 3)]; 六有一好 → [(有, 6),
/// (好, 1)]; 四个之风 → [(之风, 4)].
fn key_morphemes(f: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut rest = f;
    while let Some((n, len)) = leading_number(rest) {
        rest = &rest[len..];
        let rest2 = rest.strip_prefix('个').unwrap_or(rest);
        let key_end = rest2
            .char_indices()
            .find(|&(i, c)| number_word(c).is_some() && !inside_a_word(rest2, i))
            .map_or(rest2.len(), |(i, _)| i);
        // 四个一, 十个一, 三个一批: the counted thing is itself 一 (with its
        // measure).
        let key_end =
            if key_end == 0 && rest2.starts_with('一') && (1..=2).contains(&rest2.chars().count())
            {
                rest2.len()
            } else {
                key_end
            };
        let key = &rest2[..key_end];
        if key.is_empty() {
            return Vec::new();
        }
        // 四好农村路: the morpheme is 好, the rest names what it is about.
        let key = if key.chars().count() > 2 {
            &key[..key.chars().next().map_or(0, char::len_utf8)]
        } else {
            key
        };
        out.push((key.to_string(), n));
        rest = &rest2[key_end..];
    }
    out
}

/// Words with a number word inside that counts nothing: the 一 of 进一步
/// is no second part of 三个进一步完善.
const NUMBER_INSIDE_WORDS: &[&str] = &["进一步", "统一", "唯一", "同一", "逐一", "专一", "之一"];

/// Whether the number word at byte `i` of `s` is inside one of
/// [`NUMBER_INSIDE_WORDS`].
fn inside_a_word(s: &str, i: usize) -> bool {
    NUMBER_INSIDE_WORDS.iter().any(|w| {
        w.char_indices()
            .skip(1)
            .any(|(k, _)| i >= k && s.get(i - k..).is_some_and(|r| r.starts_with(w)))
    })
}

/// Whether all items share a first or last character that is a content
/// morpheme (学习型、服务奉献型; not 具体的、实在的).
fn common_affix(items: &[String]) -> bool {
    const FUNCTION: &[char] = &[
        '的', '了', '地', '得', '是', '和', '在', '有', '要', '把', '对', '为',
    ];
    let shared = |chars: Vec<Option<char>>| {
        let set: HashSet<Option<char>> = chars.into_iter().collect();
        set.len() == 1
            && set
                .into_iter()
                .next()
                .flatten()
                .is_some_and(|c| !FUNCTION.contains(&c))
    };
    shared(items.iter().map(|s| s.chars().last()).collect())
        || shared(items.iter().map(|s| s.chars().next()).collect())
}

/// Whether `s` holds a figure: digits with a unit or measure word after
/// them (调解员300名, 2.5万个, 95%; not 5G). A figure is never an item of a
/// formulation that is not a digit formula.
fn has_figure(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        while chars
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '万' | '亿'))
        {
            chars.next();
        }
        if chars
            .peek()
            .is_some_and(|&c| c == '%' || c == '％' || super::is_ideograph(c))
        {
            return true;
        }
    }
    false
}

/// Items of a digit formula (1+9+27): one per part, each led by the part's
/// number, in a bracket or list after the mention or in the clauses after it.
fn expand_digit_formula(f: &str, text: &str, mentions: &[(usize, usize)]) -> Option<Vec<String>> {
    let lhs = f.split(['>', '﹥', '＞']).next().unwrap_or(f);
    let parts: Vec<&str> = lhs.split(['+', '＋']).collect();
    // Parts are numbers, or N for "any number" (1+3+N).
    let part_ok = |p: &str| !p.is_empty() && (p.chars().all(|c| c.is_ascii_digit()) || p == "N");
    if parts.len() < 2 || !parts.iter().all(|p| part_ok(p)) {
        return None;
    }
    let led = |items: &[String]| {
        items.iter().zip(&parts).all(|(it, p)| {
            it.strip_prefix(p)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| !c.is_ascii_digit())
        })
    };
    mentions.iter().find_map(|&(_, me)| {
        adjacent::items_after(text, me, parts.len(), &led, false)
            .or_else(|| adjacent::digit_items(text, me, &parts))
    })
}

/// Items listed right beside a mention (see [`adjacent`]): after a lead-in
/// (即, 包括, a colon or a bracket), in the clause before it, or, without a
/// lead-in, when every item carries the formulation's key morpheme or each
/// item carries one part of a formulation with several (一网两线三保障).
pub(super) fn expand_adjacent(
    f: &str,
    text: &str,
    mentions: &[(usize, usize)],
    keys: &[(String, u32)],
    total: usize,
) -> Option<Vec<String>> {
    // Not the formulation's neighbours in a list of formulations.
    let not_names = |items: &[String]| {
        let names = items
            .iter()
            .filter(|it| is_formulation(&canonical(it), true))
            .count();
        !items.iter().any(|it| it.contains(f) || has_figure(it)) && names * 2 <= items.len()
    };
    // (The cheap tests of substrings first.)
    let keyed = |items: &[String]| {
        items.iter().all(|it| it.contains(keys[0].0.as_str())) && not_names(items)
    };
    // Heads must carry every key (三抓三促: 抓A,促B).
    let key_words: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    let per_part = |items: &[String]| {
        items
            .iter()
            .zip(keys)
            .all(|(it, (k, _))| it.contains(k.as_str()))
    };
    // 四抓四强: each item carries both parts, so four items, not eight.
    let counts: HashSet<u32> = keys.iter().map(|k| k.1).collect();
    let n = match (keys.len(), counts.len()) {
        (2.., 1) => keys[0].1 as usize,
        _ => total,
    };
    let mut sorted = mentions.to_vec();
    sorted.sort();
    for &(ms, me) in &sorted {
        // 三联三帮: one list per part, the parts' items apart.
        let by_part = || {
            (keys.len() >= 2)
                .then(|| adjacent::lists_by_part_after(text, me, keys))
                .flatten()
                .filter(|items| not_names(items))
        };
        let found = by_part()
            .or_else(|| adjacent::items_after(text, me, n, &not_names, false))
            .or_else(|| adjacent::items_before(text, ms, n).filter(|i| not_names(i)))
            .or_else(|| {
                (keys.len() == 1)
                    .then(|| adjacent::keyed_items_before(text, ms, n, &keys[0].0))
                    .flatten()
                    .filter(|i| not_names(i))
            })
            .or_else(|| {
                (keys.len() == 1)
                    .then(|| adjacent::items_after(text, me, n, &keyed, true))
                    .flatten()
            })
            .or_else(|| {
                (keys.len() >= 2)
                    .then(|| adjacent::items_after(text, me, keys.len(), &per_part, true))
                    .flatten()
            })
            .or_else(|| adjacent::item_heads(text, me, n, &key_words, &not_names))
            .or_else(|| adjacent::named_by_head_noun(text, me, f, n))
            .or_else(|| adjacent::marked_right_after(text, me, n, &not_names))
            .or_else(|| adjacent::labelled_items(text, me, n, &not_names));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Finds the expansion of formulation `f` beside a mention or among the
/// enumerations of the text (its runs read on first need into `runs`).
pub(super) fn expand<'t>(
    f: &str,
    text: &'t str,
    marks: &[(usize, char)],
    mentions: &[(usize, usize)],
    runs: &OnceCell<Runs<'t>>,
) -> Option<Vec<String>> {
    // A run of digits counting its items one digit each (“123”).
    if f.chars().all(|c| c.is_ascii_digit())
        && let Some(items) = mentions
            .iter()
            .find_map(|&(_, me)| per_digit_items(f, text, me))
    {
        return Some(items);
    }
    if is_digit_formula(f) {
        return expand_digit_formula(f, text, mentions);
    }
    // A name led by a word before its count has the keys of its count
    // (便民五举措 → 五举措).
    let counted = led_count(f).map_or(f, |(at, _)| &f[at..]);
    let keys = key_morphemes(counted);
    if keys.is_empty() {
        return None;
    }
    let total: u32 = keys.iter().map(|k| k.1).sum();
    if let Some(items) = expand_adjacent(f, text, mentions, &keys, total as usize) {
        return Some(items);
    }
    // Parallel slogans elsewhere, each ending in a key of two characters
    // or more (a national name's too: such a key is no word any list
    // shares).
    if let [(key, n)] = keys.as_slice()
        && key.chars().count() >= 2
        && let Some(items) = parallel_clauses(text, key, *n as usize)
    {
        return Some(items);
    }
    let runs = runs.get_or_init(|| Runs::new(text, marks));
    expand_from_enumerations(f, runs, mentions, &keys, total)
}

/// The items of `f` set out as the section headings of `text` (see module
/// `headings`): `f` counts one kind of thing, and `text` has exactly as many
/// headings. Only for a count in a headline: inside a body, a count's
/// neighbourhood says more than the headings of the whole text.
pub(super) fn expand_by_headings(f: &str, text: &str) -> Option<Vec<String>> {
    match key_morphemes(f).as_slice() {
        [(key, n)] => section_headings(f, text, *n as usize, key),
        _ => None,
    }
}

/// The one enumeration of the text whose items carry the key morphemes of
/// `f` (or, beside a mention, share a template), `total` of them.
fn expand_from_enumerations(
    f: &str,
    runs: &Runs,
    mentions: &[(usize, usize)],
    keys: &[(String, u32)],
    total: u32,
) -> Option<Vec<String>> {
    let text = runs.text;
    // A national name's items are read only right beside it (see
    // expand_adjacent): 两委, 两新 have keys (委, 新) any list shares.
    let national = LEX.is_national(f);
    let mut by_key: Vec<Vec<String>> = Vec::new();
    let mut by_template: Vec<Vec<String>> = Vec::new();
    for run in &runs.runs {
        // A run of p pieces has p items, and p or p + 1 split on 和.
        let p = run.pieces.len() as u32;
        if p != total && p + 1 != total {
            continue;
        }
        // A template list must touch a mention: start right after it
        // (“五星”活动,即…) or end right before it (…发挥好的“六有一好”).
        let near = mentions.iter().any(|&(ms, me)| {
            // Byte distance first: no character counting over long gaps.
            let count = |a: usize, b: usize| {
                (b >= a && b - a <= 24)
                    .then(|| text.get(a..b).map(|g| g.chars().count()))
                    .flatten()
            };
            let gap_after = count(me, run.start);
            let gap_before = count(run.end, ms);
            gap_after.is_some_and(|g| g <= 6) || gap_before.is_some_and(|g| g <= 3)
        });
        // Items are cut from the pieces: where a piece carries no key, no
        // item does, and only a template list near a mention can pass.
        let keyed = || {
            runs.pieces(run)
                .all(|piece| keys.iter().any(|(k, _)| piece.contains(k.as_str())))
        };
        if !near && !keyed() {
            continue;
        }
        let Some(e) = runs.enumeration(run) else {
            continue;
        };
        for items in [&e.items, &e.split_items] {
            if items.len() as u32 != total {
                continue;
            }
            // Never the formulation's own neighbours in a list of
            // formulations; never figures (a count with its unit).
            if items
                .iter()
                .any(|it| it == f || leading_number(it).is_some() || has_figure(it))
            {
                continue;
            }
            let key_ok = if keys.len() == 1 {
                items.iter().all(|it| it.contains(keys[0].0.as_str()))
            } else {
                keys.iter().all(|(k, n)| {
                    items.iter().filter(|it| it.contains(k.as_str())).count() as u32 == *n
                }) && items
                    .iter()
                    .all(|it| keys.iter().filter(|(k, _)| it.contains(k.as_str())).count() == 1)
            };
            if key_ok && !national {
                if !by_key.contains(items) {
                    by_key.push(items.clone());
                }
                continue;
            }
            let short = items.iter().all(|it| it.chars().count() <= 8);
            if near
                && short
                && keys.len() == 1
                && common_affix(items)
                && !by_template.contains(items)
            {
                by_template.push(items.clone());
            }
        }
    }
    match (by_key.len(), by_template.len()) {
        (1, _) => by_key.pop(),
        (0, 1) => by_template.pop(),
        _ => None,
    }
}
