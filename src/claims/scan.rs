//! The candidate scan: every number of a body, in order — 百分之…, round
//! counts (上百家, 万名), Arabic numbers, then Chinese numerals — each
//! handed to [`super::judge`], which decides whether it is a claim.

use super::judge::{approx_before, judge, judge_fraction, judge_round};
use super::numbers::*;
use super::{Body, Found};
use crate::numerals;
use crate::taken::Taken;

// A fraction of small numbers written with digits (1/4, 2/3).
static_regex!(FRACTION, r"[0-9]{1,2}/[0-9]{1,3}");
static_regex!(
    ROUND,
    r"(?:上|数|几)?(?:十万|百万|千万|[十百千]亿|万|亿|百|千|十)|成(?:千|百|万)"
);
static_regex!(
    PERCENT_CN,
    r"(百|千)分之([零〇○一二两三四五六七八九十百点]+)"
);

/// The candidate numbers of a body, sorted by start: 百分之…, round counts
/// (上百家, 万名), Arabic numbers, then Chinese numerals, each judged by
/// [`super::judge`]; a stretch taken by one is not read again by the next.
pub(super) fn candidates(body: &Body) -> Vec<Found> {
    let text = body.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    let mut taken = Taken::new(text.len());

    // 百分之三十, 千分之五.
    for c in PERCENT_CN.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if let Ok(v) = numerals::parse_chinese(&c[2]) {
            let unit = if &c[1] == "百" { "%" } else { "‰" };
            // 近百分之九十: the approximation before it.
            let (start, approx) = match approx_before(text, m.start()) {
                Some((a, len)) => (m.start() - len, Some(a)),
                None => (m.start(), None),
            };
            found.push(Found {
                start,
                end: m.end(),
                value: v,
                value_max: None,
                unit,
                approx,
            });
            taken.take(m.start(), m.end());
        }
    }
    // 上百家, 数千名, 百余名, 近千名, 万名, 超亿元: round counts.
    for m in ROUND.find_iter(text) {
        if taken.overlaps(m.start(), m.end()) {
            continue;
        }
        if let Some(f) = judge_round(body, m.start(), m.end()) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    // 1/4, 2/3: shares written as fractions.
    for m in FRACTION.find_iter(text) {
        if let Some(f) = judge_fraction(body, m.start(), m.end()) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    for m in arabic_numbers(text) {
        if taken.overlaps(m.start(), m.end()) {
            continue;
        }
        if let Some(f) = judge(body, m.start(), m.end(), true) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    for (s, e) in chinese_numerals(text) {
        if taken.overlaps(s, e) {
            continue;
        }
        // A Chinese numeral needs a digit besides its units (一百二十, not 百),
        // or an approximation inside (十余万).
        if !text[s..e].chars().any(|c| {
            matches!(c, '余' | '多')
                || numerals::chinese_digit(c).is_some_and(|d| d > 0)
                    && !matches!(c, '零' | '〇' | '○')
        }) {
            continue;
        }
        if let Some(f) = judge(body, s, e, false) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    found.sort_by_key(|f| f.start);
    found
}
