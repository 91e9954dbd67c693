//! How dates and places are keyed in the index: a date as the number
//! YYYYMMDD, a place as its six-digit code and the codes of every division
//! above it, and what a `--place` value or a claim's place name stands for.

use crate::places::Gazetteer;

use super::tokenize::normalize;

/// Parses `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) into YYYYMMDD; a missing
/// month or day counts as 0 (or 99 for the end of a range).
pub(super) fn date_number(s: &str, end: bool) -> Option<i64> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let num = |i: usize, max: i64| -> Option<i64> {
        match parts.get(i) {
            None => Some(if end { 99 } else { 0 }),
            Some(p) => p.parse::<i64>().ok().filter(|v| (1..=max).contains(v)),
        }
    };
    if parts.len() > 3 || parts[0].len() != 4 {
        return None;
    }
    let y = parts[0].parse::<i64>().ok()?;
    Some(y * 10000 + num(1, 12)? * 100 + num(2, 31)?)
}

/// Codes of a division and of every division above it.
pub(super) fn ancestry(code: &str) -> Vec<String> {
    let g = Gazetteer::shared();
    let mut out = Vec::new();
    let mut cur = g.by_code(code);
    while let Some(p) = cur {
        if out.len() > 8 {
            break;
        }
        out.push(p.code.clone());
        cur = g.parent(p);
    }
    if out.is_empty() {
        out.push(code.to_string());
    }
    out
}

/// The codes a `--place` value stands for: a six-digit code, or every
/// division of that name (鼓楼区 is four).
pub(super) fn place_codes(place: &str) -> Vec<String> {
    let p = normalize(place.trim());
    if p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()) {
        return vec![p];
    }
    Gazetteer::shared()
        .lookup(&p)
        .into_iter()
        .map(|pl| pl.code.clone())
        .collect()
}

/// The division a claim's place name stands for: within (or above) the
/// document's place when the name is ambiguous.
pub(super) fn claim_place_codes(name: &str, doc_codes: &[String]) -> Vec<String> {
    let g = Gazetteer::shared();
    let cands = g.lookup(name);
    let pick = cands
        .iter()
        .find(|c| doc_codes.contains(&c.code))
        .or_else(|| {
            cands.iter().find(|c| {
                let anc = ancestry(&c.code);
                doc_codes.first().is_some_and(|d| anc.contains(d))
            })
        })
        .or_else(|| cands.first());
    pick.map(|p| ancestry(&p.code)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ancestry() {
        assert_eq!(date_number("2019-11-25", false), Some(20191125));
        assert_eq!(date_number("2019", false), Some(20190000));
        assert_eq!(date_number("2019", true), Some(20199999));
        assert_eq!(date_number("2019-13-01", false), None);
        assert_eq!(date_number("x", false), None);
        let a = ancestry("330402");
        assert!(a.contains(&"330400".to_string()) && a.contains(&"330000".to_string()));
        assert!(place_codes("浙江省").contains(&"330000".to_string()));
        assert!(place_codes("浙江").contains(&"330000".to_string()));
    }
}
