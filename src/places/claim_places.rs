//! The place each claim speaks for.
//!
//! In order, for a claim at some point of a sentence:
//! 1. 全国 earlier in its sentence (not as part of an honour, 全国先进 …)
//!    → `全国`: the number counts the whole country (在全国2700余个品牌中).
//! 2. The nearest division named before it in its sentence that lies below
//!    the document's place (嘉兴各级机关党员 … 173.5万户 → 嘉兴市), or one
//!    above it named in the claim's own clause (来自岳阳市的80余人 → 岳阳市).
//!    A town tied to its county counts as the county (叶坪镇 → 瑞金市).
//! 3. The last self-reference earlier in its sentence: 全省 in a county's
//!    report → its province (全省100个县市区 → 江西省); 该市 → the
//!    document's city itself.
//! 4. A division below the document's place named in the first sentence of
//!    the claim's paragraph: the paragraph is about it (去年,海棠区 … →
//!    海棠区's figures).
//! 5. The document's place.

use super::Gazetteer;
use super::subject::{self, SelfReference};
use crate::body::Body;
use crate::claims::Claim;
use crate::window::{self, Ends};

/// What follows 全国 when it names an honour or a body, not the scope of a
/// count (全国先进基层党组织, 全国人大).
const NATIONAL_HONOUR: &[&str] = &[
    "先进",
    "文明",
    "示范",
    "优秀",
    "模范",
    "人大",
    "政协",
    "劳模",
    "劳动模范",
    "百强",
    "重点",
    "道德",
    "五一",
    "三八",
    "青年",
    "妇联",
    "总工会",
    "工商联",
    "党建工作示范",
];

/// The end of the first sentence starting at `from`, its end mark
/// excluded (within [`window::PARAGRAPH`] bytes).
fn first_sentence_end(body: &Body, from: usize) -> usize {
    let text = body.text.as_str();
    let not_semicolon = |c: char| !matches!(c, ';' | '；');
    let e =
        body.marks
            .forward_to_where(text, Ends::Sentence, from, window::PARAGRAPH, not_semicolon);
    match text[..e].chars().next_back() {
        Some(c) if e > from && window::is_sentence_end(c) && not_semicolon(c) => e - c.len_utf8(),
        _ => e,
    }
}

/// The names in `named` (sorted by start) that lie within `text[from..to]`.
fn named_within(
    named: &[(usize, usize, usize)],
    from: usize,
    to: usize,
) -> impl DoubleEndedIterator<Item = &(usize, usize, usize)> {
    let lo = named.partition_point(|&(s, _, _)| s < from);
    let hi = named.partition_point(|&(s, _, _)| s < to).max(lo);
    named[lo..hi].iter().filter(move |&&(_, e, _)| e <= to)
}

/// 全国 in `span`, not as part of an honour or a body, and not inside
/// quotation marks (“全国文明村” is a title).
fn national(span: &str) -> bool {
    span.match_indices("全国").any(|(i, w)| {
        let quoted = span[..i].matches('“').count() > span[..i].matches('”').count();
        !quoted
            && !NATIONAL_HONOUR
                .iter()
                .any(|h| span[i + w.len()..].starts_with(h))
    })
}

/// The division the last self-reference in `text[from..to]` (全省, 我市,
/// 该县 … as [`subject::self_reference_at`] reads them) means: the nearest of
/// the document's place and its ancestors whose name ends in that level
/// word.
fn self_reference(g: &Gazetteer, text: &str, from: usize, to: usize, doc: usize) -> Option<usize> {
    // One pass back over the stretch, testing only level words.
    let level =
        text[from..to]
            .char_indices()
            .rev()
            .find_map(|(i, _)| match subject::self_reference_at(text, from + i) {
                Some(SelfReference::Prefixed(c)) => Some(c),
                _ => None,
            })?;
    let mut cur = Some(doc);
    while let Some(c) = cur {
        if g.places[c].name.ends_with(level) {
            return Some(c);
        }
        cur = g.places[c].parent;
    }
    None
}

/// Sets `place` on every claim. `named`: (start, end, division) of the
/// divisions and tied towns named in `text`, in order.
pub(super) fn assign(
    g: &Gazetteer,
    body: &Body,
    named: &[(usize, usize, usize)],
    doc: Option<usize>,
    claims: &mut [Claim],
) {
    let text = body.text.as_str();
    for c in claims.iter_mut() {
        let at = c.body_start.min(text.len());
        if !text.is_char_boundary(at) {
            continue;
        }
        let sent = body.sentence_start(at);
        let clause = body.clause_start(at);
        let Some(d) = doc else {
            // No document place: the nearest division named before the
            // claim in its sentence, if any.
            c.place = named_within(named, sent, at)
                .next_back()
                .map(|&(_, _, p)| g.places[p].name.clone());
            continue;
        };
        if national(&text[sent..at]) {
            c.place = Some("全国".to_string());
            continue;
        }
        let in_sentence = named_within(named, sent, at)
            .rev()
            .find(|&&(s, _, p)| p != d && (g.within(p, d) || (s >= clause && g.within(d, p))));
        if let Some(&(_, _, p)) = in_sentence {
            c.place = Some(g.places[p].name.clone());
            continue;
        }
        if let Some(p) = self_reference(g, text, sent, at, d) {
            c.place = Some(g.places[p].name.clone());
            continue;
        }
        let para = body.paragraph_start(at);
        let lead_end = first_sentence_end(body, para).min(sent);
        // The paragraph's subject: the one division its first sentence
        // names (the document's place and its ancestors included), when it
        // lies below the document's place.
        let mut in_lead = named_within(named, para, lead_end)
            .filter(|&&(_, _, p)| g.within(p, d) || g.within(d, p))
            .map(|&(_, _, p)| p);
        if let Some(p) = in_lead.next()
            && p != d
            && g.within(p, d)
            && in_lead.all(|q| q == p)
        {
            c.place = Some(g.places[p].name.clone());
            continue;
        }
        c.place = Some(g.places[d].name.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_scope_is_not_an_honour() {
        assert!(national("在全国3000余个品牌中"));
        assert!(!national("获得“全国文明村”“全国森林村庄”等"));
        assert!(!national("获评全国先进基层党组织"));
        assert!(!national("全国人大代表"));
    }
}
