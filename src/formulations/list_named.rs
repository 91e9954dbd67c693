//! Formulations named by the count of a list right before them: a count
//! that would be ordinary elsewhere (五项) names the list it closes.

use super::adjacent;
use super::is_ideograph;
use super::lexicon::{LEX, canonical, leading_number, number_word, starts_with_number_word};
use super::quoted::{Quoted, formulation_candidates};

/// Words after a number that make a count, a time or a part of speech
/// rather than a name, even right after a list (三个方面, 三年, 两句话).
pub(super) const NOT_A_NAME: &[&str] = &[
    "方面",
    "个方面",
    "部分",
    "个部分",
    "种",
    "类",
    "者",
    "年",
    "月",
    "日",
    "天",
    "周",
    "名",
    "人",
    "次",
    "倍",
    "岁",
    "号",
    "句",
    "个字",
    "字",
    "点",
    "条意见",
    "家",
    "位",
    "级",
    "星",
];

/// Measure words that name nothing alone after a number: 六个 is a count
/// whose noun is missing, not a name.
const LONE_MEASURES: &[&str] = &["个", "项", "条", "大", "类", "种", "批", "支", "方面"];

/// Formulations named by the number of items listed right before them:
/// `“A、B、C”三力共振`, `A、B、C、D、E“五项行动”` — a count that would be
/// ordinary elsewhere (五项) names the list it closes.
pub(super) fn list_named(text: &str, qs: &[Quoted]) -> Vec<(String, bool)> {
    let plausible = |c: &str| -> Option<u32> {
        let (n, head) = leading_number(c)?;
        let len = c.chars().count();
        let rest = &c[head..];
        let ok = (2..=6).contains(&len)
            && (2..=10).contains(&n)
            && !rest.is_empty()
            && !LONE_MEASURES.contains(&rest)
            && rest.chars().all(is_ideograph)
            && !NOT_A_NAME.iter().any(|w| rest.starts_with(w))
            && !LEX.has_idiom_head(c, 1);
        ok.then_some(n)
    };
    let mut out: Vec<(String, bool)> = Vec::new();
    for q in qs.iter().filter(|q| !q.nested) {
        // The quote itself is the name: …开展反分裂斗争“五项行动”. (A name
        // has a leading number: a quote without a number word is none.)
        let inner = &text[q.start..q.end];
        let c = inner
            .chars()
            .any(|c| number_word(c).is_some())
            .then(|| canonical(inner));
        if let Some(c) = c
            && let Some(n) = plausible(&c)
            && formulation_candidates(&c).is_empty()
            && adjacent::items_before(text, q.start, n as usize).is_some()
        {
            out.push((c, true));
        }
        // The name follows the quoted list: “A、B、C”三力共振.
        // (A name has a leading number, and canonical keeps the first
        // character.)
        let Some(after) = text[q.end..].strip_prefix('”') else {
            continue;
        };
        if !starts_with_number_word(after) {
            continue;
        }
        let run: String = after
            .chars()
            .take_while(|&ch| is_ideograph(ch))
            .take(7)
            .collect();
        let run = canonical(&run);
        if let Some(n) = plausible(&run)
            && adjacent::items_before(text, q.end + '”'.len_utf8(), n as usize).is_some()
        {
            out.push((run, false));
        }
    }
    out
}

/// Nouns counted by 张 that name a set of lists or networks: N张清单, N张网.
const SHEETS: &[&str] = &["张清单", "张网"];

/// Unquoted counts of lists or networks named by the list right before
/// them: `建立A、B、C三张清单` names 三张清单 (items A, B, C). A count of
/// sheets is a name only where the text spells out exactly that many.
pub(super) fn sheets_named(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for noun in SHEETS {
        for (p, _) in text.match_indices(noun) {
            let Some(c) = text[..p].chars().next_back() else {
                continue;
            };
            let s = p - c.len_utf8();
            let Some(n) = number_word(c).filter(|n| (2..=10).contains(n)) else {
                continue;
            };
            // Not the end of a longer number (十二张).
            if text[..s]
                .chars()
                .next_back()
                .is_some_and(|b| number_word(b).is_some())
            {
                continue;
            }
            let name = &text[s..p + noun.len()];
            if !out.iter().any(|o| o == name)
                && adjacent::items_before(text, s, n as usize).is_some()
            {
                out.push(name.to_string());
            }
        }
    }
    out
}
