//! Formulations that name the levels of an administration acting together:
//! a quoted list of levels and, right after it, N级 with a role and what it
//! does (“省市县”三级书记抓落实, “县、乡、村”三级河长巡河制). The count names
//! the levels, so the list is its expansion.

use super::is_ideograph;
use super::lexicon::{canonical, leading_number};
use super::quoted::Quoted;

/// One-character names of the levels of an administration.
pub(super) const LEVELS: &[char] = &[
    '省', '市', '州', '盟', '县', '区', '旗', '乡', '镇', '街', '村', '社', '组', '户',
];

/// Roles that end a word (…书记, …主任); a word ending in 长 is a role too
/// (河长, 段长, 网格长) unless it is one of [`NOT_ROLES`].
const ROLES: &[&str] = &["书记", "主任", "干部", "委员", "长"];

/// Words ending in 长 that are no role.
const NOT_ROLES: &[&str] = &[
    "增长", "成长", "延长", "生长", "擅长", "助长", "加长", "拉长", "专长",
];

/// Characters that open the action of the levels' role (抓落实, 同抓共管,
/// 包片, 挂点, 联户, 带头, 巡查, 督办, 负责): a noun after the role (书记队伍)
/// is no action.
const ACTIONS: &[char] = &[
    '抓', '包', '挂', '联', '同', '共', '齐', '带', '管', '负', '巡', '督', '领', '帮', '促', '述',
    '下', '访', '办', '扶', '定', '蹲',
];

/// What a name of this shape may end in that is no part of it.
const TAILS: &[&str] = &[
    "工作机制",
    "工作制度",
    "机制",
    "制度",
    "工作",
    "模式",
    "体系",
];

/// Whether `s` is a run of exactly `n` one-character level names (省市县).
pub(super) fn level_run(s: &str, n: usize) -> bool {
    n >= 2 && s.chars().count() == n && s.chars().all(|c| LEVELS.contains(&c))
}

/// The number of levels a quote lists: a run of level characters (“州县乡”)
/// or a 、-list whose items are all but one level characters (“县、乡、村、
/// 护林员”).
fn levels_listed(inner: &str) -> Option<usize> {
    let n = inner.chars().count();
    if level_run(inner, n) {
        return Some(n);
    }
    let items: Vec<&str> = inner.split('、').collect();
    let levels = items
        .iter()
        .filter(|it| it.chars().count() == 1 && it.chars().all(|c| LEVELS.contains(&c)))
        .count();
    let short = items.iter().all(|it| (1..=4).contains(&it.chars().count()));
    (items.len() >= 3 && short && levels + 1 >= items.len()).then_some(items.len())
}

/// Where the role in `s` ends, when one is there with at least two
/// characters after it (its action).
fn after_role(s: &str) -> Option<usize> {
    let mut best = None;
    for (i, _) in s.char_indices() {
        let Some(role) = ROLES.iter().find(|r| s[i..].starts_with(**r)) else {
            continue;
        };
        let end = i + role.len();
        // 长 alone is a role only as the end of a word of two or more.
        if *role == "长" && (i == 0 || NOT_ROLES.iter().any(|w| s[..end].ends_with(w))) {
            continue;
        }
        if s[end..].chars().count() >= 2 {
            best = Some(end);
            break;
        }
    }
    best
}

/// Names `N级` + role + action right after a quoted list of N levels.
pub(super) fn level_named(text: &str, qs: &[Quoted]) -> Vec<String> {
    let mut out = Vec::new();
    for q in qs.iter().filter(|q| !q.nested) {
        let Some(n) = levels_listed(&text[q.start..q.end]) else {
            continue;
        };
        let Some(after) = text[q.end..].strip_prefix('”') else {
            continue;
        };
        let Some((count, len)) = leading_number(after) else {
            continue;
        };
        let Some(rest) = after[len..].strip_prefix('级') else {
            continue;
        };
        let run: String = rest
            .chars()
            .take_while(|&c| is_ideograph(c))
            .take(14)
            .collect();
        let mut run = run.as_str();
        if let Some(t) = TAILS.iter().find(|t| run.ends_with(**t)) {
            run = &run[..run.len() - t.len()];
        }
        let Some(role_end) = after_role(run) else {
            continue;
        };
        // The action is a short verb phrase (抓落实, 挂段包片).
        let action = &run[role_end..];
        if count as usize != n
            || action.chars().count() > 6
            || !action.starts_with(|c: char| ACTIONS.contains(&c))
        {
            continue;
        }
        out.push(canonical(&after[..len + '级'.len_utf8() + run.len()]));
    }
    out
}
