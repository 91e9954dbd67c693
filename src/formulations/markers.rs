//! The list markers that open the items of a formulation spelled out one
//! sentence or clause each: 一是…二是…, 一要…二要…, 第一…第二… (also
//! 第一步…第二步…), 其一…其二…, 首先…其次…最后….
//!
//! A family of markers is one way of counting; the items of one list are
//! opened by the markers of one family, in order. Only 一是… stands
//! anywhere; the other markers open a clause (after a mark of punctuation or
//! at a line's start), so 统一要求 holds no 一要 and 第一书记 no 第一.

use super::char_prefix;

/// The number words of the counting markers, one to ten.
const NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Measure words a 第N marker may carry before its punctuation (第一步,).
const ORDINAL_MEASURES: &[char] = &['步', '条', '招', '点', '项', '是'];

/// Marks after which a marker opens a clause.
fn opens_clause(prev: Option<char>) -> bool {
    prev.is_none_or(|c| {
        matches!(
            c,
            '。' | '，'
                | ','
                | '；'
                | ';'
                | '：'
                | ':'
                | '\n'
                | ' '
                | '\u{3000}'
                | '\t'
                | '！'
                | '!'
                | '？'
                | '?'
                | '”'
                | ')'
                | '）'
        )
    })
}

/// Punctuation between a marker and its item.
fn is_gap(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '、' | ' ' | '\u{3000}')
}

/// The families of markers for a list of `n` items: for each, the `n`
/// markers in order and the marker of a further item (none when the family
/// ends with its last, as 首先…最后 does).
fn families(n: usize) -> Vec<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    if !(2..=9).contains(&n) {
        return out;
    }
    let counted = |make: &dyn Fn(&str) -> String, max: usize| {
        (n < max).then(|| {
            (
                NUMBERS[..n].iter().map(|d| make(d)).collect::<Vec<_>>(),
                NUMBERS.get(n).map(|d| make(d)),
            )
        })
    };
    out.extend(counted(&|d| format!("{d}是"), 10));
    out.extend(counted(&|d| format!("{d}要"), 10));
    out.extend(counted(&|d| format!("第{d}"), 10));
    out.extend(counted(&|d| format!("其{d}"), 6));
    let sequence: Option<&[&str]> = match n {
        2 => Some(&["首先", "其次"]),
        3 => Some(&["首先", "其次", "最后"]),
        4 => Some(&["首先", "其次", "再次", "最后"]),
        _ => None,
    };
    if let Some(s) = sequence {
        let next = (n == 2).then(|| "最后".to_string());
        out.push((s.iter().map(|m| (*m).to_string()).collect(), next));
    }
    out
}

/// Where the item after the marker `m` found at byte `at` of `s` starts,
/// when the marker stands as one: a 第N marker is followed by punctuation,
/// directly or after one measure word (第一步,), so 第一书记 is none.
fn item_start(s: &str, at: usize, m: &str) -> Option<usize> {
    let mut end = at + m.len();
    if m.starts_with('第') {
        let mut rest = s[end..].chars();
        let c = rest.next()?;
        if ORDINAL_MEASURES.contains(&c) && rest.next().is_some_and(is_gap) {
            end += c.len_utf8();
        } else if !is_gap(c) {
            return None;
        }
    }
    let gap: usize = s[end..]
        .chars()
        .take_while(|&c| is_gap(c))
        .map(char::len_utf8)
        .sum();
    Some(end + gap)
}

/// The first occurrence of marker `m` in `s` from byte `from` that stands
/// as one: where it starts and where its item starts. 一是 stands anywhere;
/// the others only at the opening of a clause.
fn find(s: &str, from: usize, m: &str) -> Option<(usize, usize)> {
    let anywhere = m.ends_with('是') && !m.starts_with('第');
    s[from..].match_indices(m).find_map(|(p, _)| {
        let at = from + p;
        let opens = anywhere || opens_clause(s[..at].chars().next_back());
        opens
            .then(|| item_start(s, at, m))
            .flatten()
            .map(|i| (at, i))
    })
}

/// A list opened by the markers of one family in `window`.
pub(super) struct Marked {
    /// Where the first marker starts.
    pub(super) first: usize,
    /// Where each item starts, in order.
    pub(super) starts: Vec<usize>,
    /// Where the last marker starts.
    pub(super) last: usize,
    /// The marker of a further item of the family, if it has one.
    pub(super) next: Option<String>,
}

/// The lists of `n` items opened by the markers of one family in `window`,
/// one per family that has all `n` markers in order, 一是… first.
pub(super) fn marked_lists(window: &str, n: usize) -> Vec<Marked> {
    let window = char_prefix(window, 3000);
    families(n)
        .into_iter()
        .filter_map(|(markers, next)| {
            let mut from = 0;
            let mut starts = Vec::new();
            let mut first = None;
            let mut last = 0;
            for m in &markers {
                let (at, start) = find(window, from, m)?;
                first.get_or_insert(at);
                last = at;
                starts.push(start);
                from = start;
            }
            Some(Marked {
                first: first?,
                starts,
                last,
                next,
            })
        })
        .collect()
}

/// Whether the marker `m` stands as one in `s` (see [`find`]).
pub(super) fn stands_in(s: &str, m: &str) -> bool {
    find(s, 0, m).is_some()
}

/// What follows the marker that opens `s` (and its punctuation), when a
/// marker of any family opens it: 首先,A → A; 第一步,A → A; 二是A → A.
pub(super) fn after_marker(s: &str) -> Option<&str> {
    let s = s.trim_start();
    families(9)
        .into_iter()
        .chain(families(4))
        .flat_map(|(markers, _)| markers)
        .find_map(|m| {
            s.starts_with(m.as_str())
                .then(|| item_start(s, 0, &m))
                .flatten()
        })
        .map(|i| &s[i..])
}
