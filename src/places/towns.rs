//! Towns, townships, streets and villages: below the gazetteer, but a report
//! about one is a report about its county.
//!
//! A town is recognized by shape only where the text itself ties it to a
//! division: two to four Han characters ending in 镇, 乡, 街道 or 村, written
//! right after a county or district (惠民县麻店镇, 巢湖市亚父街道,
//! 泰来县和平镇建设村). Each later mention of that town (麻店镇 alone, in the
//! title or the body) is evidence for the county. Towns are never reported as
//! divisions.
//!
//! ```text
//! 惠民县麻店镇紧紧围绕 …… 麻店镇5个联村 ……   → 麻店镇 ↦ 惠民县
//! ```

use crate::normalize::is_han;

/// Level words of the units below a county.
const SUFFIXES: &[&str] = &["街道", "镇", "乡", "村"];

/// Words that end like a town but are not one (乡镇, 城乡, 农村 …); checked
/// against the whole candidate.
const NOT_TOWNS: &[&str] = &[
    "乡镇", "城乡", "城镇", "村镇", "农村", "乡村", "全镇", "全乡", "全村", "各镇", "各乡", "各村",
    "该镇", "该乡", "该村", "本镇", "本村",
];

/// Characters that never occur in a town's name: they belong to the clause
/// around it (的, 和, 等), or to numbers and quantities.
const NOT_IN_NAME: &[char] = &[
    '的', '与', '及', '等', '各', '全', '该', '每', '个', '在', '到', '为', '是', '了', '对', '把',
    '将', '向', '从', '由', '共', '有', '下', '内', '外', '级', '委', '党', '市', '县', '区', '省',
];

/// The town written at `at` (right after a division's name), if the text has
/// one there: `麻店镇` in `惠民县|麻店镇紧紧`.
///
/// ```ignore
/// assert_eq!(town_after("麻店镇紧紧围绕"), Some("麻店镇"));
/// ```
pub(super) fn town_after(text: &str) -> Option<&str> {
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= 4 {
            break;
        }
        if !is_han(c) || NOT_IN_NAME.contains(&c) {
            return None;
        }
        let end_name = i + c.len_utf8();
        if n + 1 < 2 {
            continue;
        }
        let rest = &text[end_name..];
        if let Some(suf) = SUFFIXES.iter().find(|s| rest.starts_with(*s)) {
            let town = &text[..end_name + suf.len()];
            if NOT_TOWNS.contains(&town) || NOT_TOWNS.iter().any(|w| town.ends_with(w)) {
                return None;
            }
            return Some(town);
        }
    }
    None
}

/// The verbs that locate a town in its county (某镇地处某县西部, 某乡位于某县).
const LOCATED: &[&str] = &["地处", "位于", "隶属于", "隶属", "坐落于", "坐落在"];

/// The town that `before` (the text up to a division's name) ends with,
/// located in that division by a verb of [`LOCATED`]: `某某乡` in
/// `某某乡地处|`, with where it starts. The town's name must start the
/// clause or follow a word that cannot be part of it.
pub(super) fn town_located_before(before: &str) -> Option<(usize, &str)> {
    let verb = LOCATED.iter().find(|v| before.ends_with(*v))?;
    let head = &before[..before.len() - verb.len()];
    let suf = SUFFIXES.iter().find(|s| head.ends_with(*s))?;
    let stem_end = head.len() - suf.len();
    let mut start = stem_end;
    let mut n = 0;
    for (i, c) in head[..stem_end].char_indices().rev() {
        if !is_han(c) || NOT_IN_NAME.contains(&c) {
            break;
        }
        n += 1;
        start = i;
        if n > 4 {
            return None;
        }
    }
    if n < 2 {
        return None;
    }
    let town = &head[start..];
    if NOT_TOWNS.iter().any(|w| town.ends_with(w)) {
        return None;
    }
    Some((start, town))
}

/// A town tied to its county by the text.
#[derive(Debug, Clone)]
pub(super) struct Town<'a> {
    /// As written: 麻店镇.
    pub name: &'a str,
    /// The county it was written after.
    pub county: usize,
    /// Where the mention written with its county starts (the later
    /// mentions are evidence); `usize::MAX` for a town the text names
    /// alone, whose every mention is evidence.
    pub first: usize,
    /// Where every mention starts, the first included, in order: found
    /// once for both the evidence and the claims.
    pub mentions: Vec<usize>,
    /// Whether its mentions are evidence of the document's place: a town
    /// the text names alone is not where its county is named too (the
    /// county's own mentions speak for it; its towns there may be the
    /// helpers' in an aid report).
    pub weighs: bool,
}

/// The towns (and a village right after a town: 叶坪镇田背村) written right
/// after the divisions named at `named` (end offset, division).
pub(super) fn attach(
    text: &str,
    named: impl IntoIterator<Item = (usize, usize, usize)>,
) -> Vec<Town<'_>> {
    let mut towns: Vec<Town<'_>> = Vec::new();
    for (start, end, county) in named {
        if let Some((first, name)) = text.get(..start).and_then(town_located_before)
            && !towns.iter().any(|t| t.name == name)
        {
            towns.push(Town {
                name,
                county,
                first,
                mentions: occurrences(text, name).collect(),
                weighs: true,
            });
        }
        let mut at = end;
        for _ in 0..2 {
            let Some(name) = text.get(at..).and_then(town_after) else {
                break;
            };
            if !towns.iter().any(|t| t.name == name) {
                towns.push(Town {
                    name,
                    county,
                    first: at,
                    mentions: occurrences(text, name).collect(),
                    weighs: true,
                });
            }
            at += name.len();
        }
    }
    towns
}

/// Byte offsets of every occurrence of `town` in `text`.
fn occurrences<'a>(text: &'a str, town: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(town).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_after_a_county() {
        assert_eq!(town_after("麻店镇紧紧围绕"), Some("麻店镇"));
        assert_eq!(town_after("亚父街道坚持以党建为引领"), Some("亚父街道"));
        assert_eq!(town_after("和平镇建设村黄家屯"), Some("和平镇"));
        assert_eq!(town_after("石湖荡镇各基层党组织"), Some("石湖荡镇"));
        assert_eq!(town_after("委组织部"), None);
        assert_eq!(town_after("乡镇干部"), None);
        assert_eq!(town_after("农村党员"), None);
        assert_eq!(town_after("各乡镇"), None);
        assert_eq!(town_after("直机关党员到村"), None);
    }

    #[test]
    fn towns_located_in_a_county() {
        assert_eq!(
            town_located_before("一、概况\n石门乡地处"),
            Some((13, "石门乡"))
        );
        assert_eq!(town_located_before("。青山镇位于"), Some((3, "青山镇")));
        assert_eq!(town_located_before("该乡位于"), None);
        assert_eq!(town_located_before("这个村位于"), None);
        assert_eq!(town_located_before("石门乡是"), None);
    }
}
