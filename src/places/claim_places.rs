//! The place each claim speaks for.
//!
//! In order, for a claim at some point of a sentence:
//! 0. A 分别 list: the divisions listed before 分别 pair with the counts
//!    after it, in order (某县、某区分别建成12个、8个 → 12个 某县, 8个 某区).
//! Names of papers and sites (某市日报), agencies' datelines (新华社某市5月
//! 8日电) and neighbours (与某县交界, 东临某县) are not read.
//! 1. 全国, 我国 or 全党 earlier in its sentence (not as part of an honour, a
//!    ranking or a reach: 全国先进, 全国首家, 畅销全国 — unless it stands
//!    right before the count: 全国首批8个), with no division named between
//!    it and the claim → `全国`: the number counts the whole country —
//!    unless the people counted gather in the document's place, later in
//!    the clause (来自全国的400多名代表汇聚某县 → 某县).
//! 2. The nearest division named before it in its sentence that lies below
//!    the document's place or beside it under the same parent (嘉兴各级机关党员
//!    … 173.5万户 → 嘉兴市; 相邻的某县某村 … 56名 → 某县), or one above it
//!    named in the claim's own clause (来自岳阳市的80余人 → 岳阳市), or the
//!    document's place itself (not as the first part of an address, 某市某区,
//!    and not before a self-reference nearer the claim). A town tied to its
//!    county, or settled by the township table, counts as the county
//!    (叶坪镇 → 瑞金市); a division ranking
//!    something (某市首个…) is skipped.
//! 3. A division below the document's place later in the claim's own clause
//!    (30名党员来到某市某社区 → 某市).
//! 4. A self-reference whose level word fits none of the document's place
//!    and its ancestors (全县 in a city's report): the last division of that
//!    level named before it in the paragraph or in the line introducing the
//!    paragraph as a speaker's words (某县委书记某某: / “全县有12个…”), also
//!    one under a neighbouring city (where a city's aid team works); a
//!    town's (全镇, 该乡): the last county-level division named before it
//!    there (a tied town counts as its county).
//! 5. The last self-reference earlier in its sentence: 全省 in a county's
//!    report → its province; 该市 → the document's city itself. Rankings
//!    (全市首家, 全省第一) and the base of a share or a comparison (约占全省的,
//!    比全市) are not self-references.
//! 6. The sentence an anaphor opening the claim's sentence points back to
//!    (该驿站, 这个村 …): the division it names.
//! 7. The paragraph's subject: the divisions its first sentence (or the
//!    introducing line) names, when they lie on one line of descent below
//!    the document's place or a division beside it (某市某区 → 某区), and the
//!    document's place is not named there on its own.
//! 8. The nearest section heading above the paragraph, numbered or opening
//!    with a place (二、某县:生态优先促增收): the division it names.
//! 9. The document's place.
//!
//! A headline's claims are read by the same rules on its own lines.

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
    "首",
    "第一",
    "率先",
];

/// Words that rank something within a scope (全市首家, 全省第一, 全国率先):
/// the scope is where it stands out, not what a number counts.
const RANKING: &[&str] = &["首", "第一", "率先", "唯一", "最"];

/// Whether `rest` (what follows 全国, 全市 …) starts with a ranking word.
fn ranking(rest: &str) -> bool {
    RANKING.iter().any(|r| rest.starts_with(r))
}

/// The level word of the last self-reference (全省, 我市, 该县) in
/// `text[from..to]`; 全市首家, 全省第一 rank something and are skipped.
fn last_self_reference(text: &str, from: usize, to: usize) -> Option<char> {
    text[from..to].char_indices().rev().find_map(|(i, c)| {
        match subject::self_reference_at(text, from + i) {
            Some(SelfReference::Prefixed(c2))
                if !ranking(&text[from + i + c.len_utf8()..])
                    && !comparison_base(&text[..from + i]) =>
            {
                Some(c2)
            }
            _ => None,
        }
    })
}

/// Words that make the scope after them the base of a share or a
/// comparison (占全省的1/4, 高于全市平均): what the figure is measured
/// against, not what it counts.
const BASE_BEFORE: &[&str] = &["占", "比", "高于", "低于", "相当于", "超过"];

/// Whether a self-reference whose prefix (全, 我 …) ends `before` is a
/// share's or a comparison's base (约占全省的…, 比全市高).
fn comparison_base(before: &str) -> bool {
    let before = before
        .strip_suffix(|c: char| "全我本该".contains(c))
        .unwrap_or(before);
    BASE_BEFORE.iter().any(|w| before.ends_with(w))
}

/// Town-level words a text uses of a town it has named (全镇, 该乡, 本街道):
/// not divisions of the gazetteer, but the town's county's.
const TOWN_SELF: &[&str] = &[
    "全镇",
    "该镇",
    "本镇",
    "我镇",
    "全乡",
    "该乡",
    "本乡",
    "我乡",
    "全街道",
    "该街道",
];

/// Whether `p` lies within a division beside the document's place under
/// the same parent (a county of a neighbouring city in a city's report:
/// where its aid team works), or is local to it.
fn near(g: &Gazetteer, p: usize, d: usize) -> bool {
    local(g, p, d)
        || std::iter::successors(g.places[p].parent, |&a| g.places[a].parent)
            .any(|a| a != d && g.places[a].parent == g.places[d].parent)
}

/// Verbs before 全国 that make it where something reaches, not the scope
/// of a count (畅销全国的产品, 辐射全国).
const REACH_BEFORE: &[&str] = &[
    "畅销", "销往", "远销", "辐射", "享誉", "闻名", "走向", "面向", "推向", "覆盖", "影响",
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

/// Words by which a text speaks of the whole country or the whole party:
/// its figures are national (我国共有…, 全党共有党员…).
const NATION_WORDS: &[&str] = &["全国", "我国", "全党"];

/// Where the last word of [`NATION_WORDS`] in `span` that scopes a count
/// ends (see [`national`]).
fn national_end(span: &str) -> Option<usize> {
    NATION_WORDS
        .iter()
        .flat_map(|w| span.match_indices(w))
        .filter(|&(i, w)| w != "全国" || national_scope(span, i, w))
        .map(|(i, w)| i + w.len())
        .max()
}

/// 全国 in `span`, not as part of an honour or a body, and not inside
/// quotation marks (“全国文明村” is a title).
#[cfg(test)]
fn national(span: &str) -> bool {
    national_end(span).is_some()
}

/// Whether 全国 at `i` of `span` scopes a count: not an honour, a body, a
/// ranking or a reach, and not inside quotation marks.
fn national_scope(span: &str, i: usize, w: &str) -> bool {
    let quoted = span[..i].matches('“').count() > span[..i].matches('”').count();
    let rest = &span[i + w.len()..];
    // 全国首批8个, 销往全国25个: right before the number, 全国 is its
    // scope whatever comes before it.
    let scopes_the_count = rest.chars().count() <= 2;
    !quoted
        && (scopes_the_count
            || !REACH_BEFORE.iter().any(|v| span[..i].ends_with(v))
                && !NATIONAL_HONOUR.iter().any(|h| rest.starts_with(h)))
}

/// The division the last self-reference in `text[from..to]` (全省, 我市,
/// 该县 … as [`subject::self_reference_at`] reads them) means: the nearest of
/// the document's place and its ancestors whose name ends in that level
/// word.
fn self_reference(g: &Gazetteer, text: &str, from: usize, to: usize, doc: usize) -> Option<usize> {
    // One pass back over the stretch, testing only level words.
    let level = last_self_reference(text, from, to)?;
    let mut cur = Some(doc);
    while let Some(c) = cur {
        if g.places[c].name.ends_with(level) {
            return Some(c);
        }
        cur = g.places[c].parent;
    }
    None
}

/// Whether `p` is local to the document's place `d`: below it, or a
/// sibling under the same parent (a neighbouring county in a county's
/// report, a village of which the text names its county; another province
/// in a province's report, as in a roundup of provinces).
fn local(g: &Gazetteer, p: usize, d: usize) -> bool {
    p != d && (g.within(p, d) || g.places[p].parent == g.places[d].parent)
}

/// The divisions named in `text[from..to]` when they lie on one line of
/// descent (市, then one of its counties): the deepest, if it is local to
/// the document's place. The document's place named on its own (not as
/// the first part of an address: 某市某区) means the stretch is about it,
/// and gives `None`, as do two unrelated local divisions; provinces and
/// cities above the document's place are skipped.
fn one_chain(
    g: &Gazetteer,
    named: &[(usize, usize, usize)],
    from: usize,
    to: usize,
    d: usize,
) -> Option<usize> {
    let mut deepest: Option<usize> = None;
    let mut within: Vec<&(usize, usize, usize)> = named_within(named, from, to).collect();
    within.dedup();
    for (k, &&(_, e, p)) in within.iter().enumerate() {
        if p != d && g.within(d, p) {
            continue;
        }
        if p == d {
            let address = within.get(k + 1).is_some_and(|&&(s2, _, _)| s2 == e);
            if address {
                continue;
            }
            return None;
        }
        deepest = match deepest {
            None => Some(p),
            Some(q) if q == p || g.within(q, p) => Some(q),
            Some(q) if g.within(p, q) => Some(p),
            Some(_) => return None,
        };
    }
    deepest.filter(|&p| near(g, p, d))
}

/// Words that open a sentence about what the sentence before named
/// (该驿站, 这个村, 此举); 该市, 全县 … are self-references, read apart.
const ANAPHORA: &[&str] = &["该", "这", "此"];

/// Where the sentence before the one starting at `sent` starts, when the
/// sentence at `sent` (or its first clause after a time phrase) opens with
/// an anaphor: that sentence names what the claim's speaks of.
fn antecedent_start(body: &Body, sent: usize, at: usize) -> Option<usize> {
    let text = body.text.as_str();
    let clause = body.clause_start(at);
    let opens = |from: usize| {
        let s = text[from..].trim_start();
        ANAPHORA.iter().any(|a| s.starts_with(a))
            && !s
                .chars()
                .nth(1)
                .is_some_and(|c| subject::is_level_word(c) || c == '些' || c == '样')
    };
    if sent == 0 || !(opens(sent) || opens(clause)) {
        return None;
    }
    let last = text[..sent].trim_end().char_indices().next_back()?.0;
    Some(body.sentence_start(last))
}

/// The division a self-reference in `text[from..to]` names when its level
/// word fits none of the document's place and its ancestors (全县 in a
/// city's report): the last division of that level named before `to`
/// since `since`.
fn self_reference_below(
    g: &Gazetteer,
    text: &str,
    named: &[(usize, usize, usize)],
    (since, from, to): (usize, usize, usize),
    d: usize,
) -> Option<usize> {
    let level = last_self_reference(text, from, to)?;
    let fits_doc = std::iter::successors(Some(d), |&c| g.places[c].parent)
        .any(|c| g.places[c].name.ends_with(level));
    if fits_doc {
        return None;
    }
    // The level word as written counts too: a county renamed a district
    // is still 某县 in older reports, and its speaker says 全县.
    named_within(named, since, to)
        .rev()
        .find(|&&(s, e, p)| {
            let written = text.get(s..e).is_some_and(|w| w.ends_with(level));
            (g.places[p].name.ends_with(level) || written) && near(g, p, d)
        })
        .map(|&(_, _, p)| p)
}

/// The county a town-level word in `text[from..to]` (全镇, 该乡) speaks
/// for: the last county-level division named before `to` since `since`
/// (a town tied to its county counts as the county: 某县某镇 … 全镇).
fn town_self_reference(
    g: &Gazetteer,
    text: &str,
    named: &[(usize, usize, usize)],
    (since, from, to): (usize, usize, usize),
    d: usize,
) -> Option<usize> {
    let span = &text[from..to];
    let at = TOWN_SELF.iter().filter_map(|w| span.rfind(w)).max()?;
    named_within(named, since, from + at)
        .rev()
        .find(|&&(_, _, p)| g.places[p].level.rank() >= 2)
        .map(|&(_, _, p)| p)
        .filter(|&p| p == d || near(g, p, d))
}

/// Where the sentence before the claim's paragraph starts, when that
/// sentence introduces the paragraph as a speaker's words (某县委书记张三: / 某区区长说:):
/// its speaker's division is the paragraph's.
fn introducer_start(body: &Body, para: usize) -> Option<usize> {
    let text = body.text.as_str();
    let before = text[..para].trim_end();
    let (last, c) = before.char_indices().next_back()?;
    matches!(c, ':' | '：').then(|| body.sentence_start(last))
}

/// Verbs of people coming together at a place (齐聚某县, 汇聚某市).
const GATHER: &[&str] = &["齐聚", "汇聚", "聚集", "相聚", "云集", "会聚"];

/// The division within the document's place `d` (or `d` itself) that
/// follows a verb of [`GATHER`] in `text[at..end]` (the rest of a claim's
/// clause): where the people a national count counts gather.
fn gathering_place(
    g: &Gazetteer,
    text: &str,
    named: &[(usize, usize, usize)],
    (at, end): (usize, usize),
    d: usize,
) -> Option<usize> {
    let span = &text[at..end];
    let v = GATHER
        .iter()
        .filter_map(|w| span.find(w).map(|i| at + i + w.len()))
        .min()?;
    // The place right after the verb, or the last of an address starting
    // there (某市某县).
    let mut last = None;
    let mut next = v;
    for &(s, e, p) in named_within(named, v, end) {
        if s != next {
            break;
        }
        last = Some(p);
        next = e;
    }
    last.filter(|&p| g.within(p, d))
}

/// The place of the claim at `at` when its own sentence or clause names one
/// (rules 1–3 and 5 of the module's list), else `None`.
fn named_for_claim(
    g: &Gazetteer,
    body: &Body,
    named: &[(usize, usize, usize)],
    at: usize,
    d: usize,
) -> Option<String> {
    let text = body.text.as_str();
    let sent = body.sentence_start(at);
    let clause = body.clause_start(at);
    let clause_end = body.clause_end(at).max(at);
    // The country is the scope unless a division is named between the
    // national word and the claim (全国有49万个村,某县有120个 → 某县), or
    // the people counted gather in the document's place, later in the
    // clause (来自全国的400多名代表汇聚某县: the count is of that meeting).
    if let Some(e) = national_end(&text[sent..at])
        && named_within(named, sent + e, at).next().is_none()
    {
        let met = gathering_place(g, text, named, (at, clause_end), d);
        return Some(met.map_or_else(|| "全国".to_string(), |p| g.places[p].name.clone()));
    }
    let name = |p: usize| Some(g.places[p].name.clone());
    // The nearest division named before the claim that it may be about:
    // the document's own place named on its own (not as the first part of
    // an address, 某市某区), one local to it, or one above it in the
    // claim's clause. A division ranking something (某市首个…) names
    // where it stands out, not what is counted.
    let before = named_within(named, sent, at).rev().find(|&&(s, e, p)| {
        let address = named.iter().any(|n| n.0 == e);
        !ranking(&text[e..])
            && ((p == d && !address) || local(g, p, d) || (s >= clause && p != d && g.within(d, p)))
    });
    if let Some(&(_, e, p)) = before {
        // The document's place named before a self-reference (到某县调研,
        // 全省有…): the self-reference is nearer, and decides below.
        if p != d || last_self_reference(text, e, at).is_none() {
            return name(p);
        }
    }
    // A division later in the claim's own clause (30名党员来到某市某社区).
    let after = named_within(named, at, clause_end).find(|&&(_, _, p)| g.within(p, d) && p != d);
    if let Some(&(_, _, p)) = after {
        return name(p);
    }
    let para = body.paragraph_start(at);
    let since = introducer_start(body, para).unwrap_or(para);
    if let Some(p) = self_reference_below(g, text, named, (since, sent, at), d) {
        return name(p);
    }
    if let Some(p) = town_self_reference(g, text, named, (since, sent, at), d) {
        return name(p);
    }
    if let Some(p) = self_reference(g, text, sent, at, d) {
        return name(p);
    }
    None
}

/// The division a 分别 list gives the claim at `at`: in 某县、某区分别建成
/// 12个、8个, the divisions listed in the clause before 分别 pair with the
/// counts after it, in order (12个 → 某县, 8个 → 某区); a second series of
/// as many counts pairs the same way. `starts`: where every claim starts,
/// in order.
fn respectively(
    g: &Gazetteer,
    body: &Body,
    named: &[(usize, usize, usize)],
    starts: &[usize],
    at: usize,
    d: usize,
) -> Option<usize> {
    let text = body.text.as_str();
    let sent = body.sentence_start(at);
    let f = sent + text[sent..at].rfind("分别")?;
    let listed: Vec<usize> = {
        let mut v: Vec<usize> = named_within(named, body.clause_start(f), f)
            .map(|&(_, _, p)| p)
            .filter(|&p| p == d || !g.within(d, p))
            .collect();
        v.dedup();
        v
    };
    if listed.len() < 2 {
        return None;
    }
    let after = f + "分别".len();
    let end = body.sentence_end(at).max(at);
    let counts = starts.iter().filter(|&&s| s >= after && s < end).count();
    let k = starts.iter().filter(|&&s| s >= after && s < at).count();
    (counts % listed.len() == 0).then(|| listed[k % listed.len()])
}

/// The division the nearest heading above the claim's paragraph names
/// (二、某县:产业兴村 … its paragraphs' counts → 某县): a roundup's sections
/// are each about the place their heading names. The nearest heading
/// decides: one that names no division gives nothing.
fn heading_place(
    g: &Gazetteer,
    body: &Body,
    named: &[(usize, usize, usize)],
    para: usize,
    d: usize,
) -> Option<usize> {
    let text = body.text.as_str();
    let mut end = para.min(text.len());
    for _ in 0..40 {
        let before = text[..end].strip_suffix('\n')?;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..before.len()];
        let content = line.trim();
        if !content.is_empty() && super::evidence::is_heading(line) {
            // A speaker's line (某县委书记某某:) introduces words, not a
            // section; a section heading is numbered (二、某县:…) or opens
            // with the place it is about (某县:产业兴村).
            if content.ends_with([':', '：']) {
                return None;
            }
            let body_start = start + (line.len() - line.trim_start().len());
            let opens = named_within(named, body_start, body_start + 16)
                .next()
                .is_some_and(|&(s, _, _)| s == body_start);
            if !(numbered(content) || opens) {
                return None;
            }
            return one_chain(g, named, start, before.len(), d);
        }
        if start == 0 {
            return None;
        }
        end = start;
    }
    None
}

/// Whether a heading opens with an ordinal: 一、, (一), 1., 1、, 第一.
fn numbered(line: &str) -> bool {
    let s = line.trim_start_matches(['(', '（', '【', '[', ' ']);
    let digits =
        s.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    (digits.len() < s.len() && digits.starts_with(['、', '.', '．', ')', '）', '】', ']', ' ']))
        || s.starts_with('第')
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
    let starts: Vec<usize> = claims.iter().map(|c| c.body_start).collect();
    for c in claims.iter_mut() {
        let at = c.body_start.min(text.len());
        if !text.is_char_boundary(at) {
            continue;
        }
        let sent = body.sentence_start(at);
        let Some(d) = doc else {
            // No document place: the nearest division named before the
            // claim in its sentence, if any.
            c.place = named_within(named, sent, at)
                .next_back()
                .map(|&(_, _, p)| g.places[p].name.clone());
            continue;
        };
        if let Some(p) = respectively(g, body, named, &starts, at, d) {
            c.place = Some(g.places[p].name.clone());
            continue;
        }
        if let Some(p) = named_for_claim(g, body, named, at, d) {
            c.place = Some(p);
            continue;
        }
        // The sentence an anaphor at the claim's sentence start points
        // back to (该驿站, 这个村), then the paragraph's subject: the
        // divisions the first sentence of the paragraph (or of the line
        // introducing it as a speaker's words) names, on one line of descent.
        let para = body.paragraph_start(at);
        let from_antecedent =
            antecedent_start(body, sent, at).and_then(|s| one_chain(g, named, s, sent, d));
        let lead = introducer_start(body, para).unwrap_or(para);
        let lead_end = first_sentence_end(body, lead).min(sent);
        let p = from_antecedent
            .or_else(|| one_chain(g, named, lead, lead_end, d))
            .or_else(|| heading_place(g, body, named, para, d))
            .unwrap_or(d);
        c.place = Some(g.places[p].name.clone());
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
        // A ranking or a reach is not a scope, unless it stands right
        // before the count.
        assert!(!national("成为全国首家社区工作室,已有"));
        assert!(!national("产品畅销全国,年产"));
        assert!(national("获批全国首批"));
        assert!(national("产品销往全国"));
    }

    #[test]
    fn rankings_are_not_self_references() {
        let t = "成立全市首家工作室,已有";
        assert_eq!(last_self_reference(t, 0, t.len()), None);
        let t = "全省共有";
        assert_eq!(last_self_reference(t, 0, t.len()), Some('省'));
    }

    #[test]
    fn a_share_base_is_not_a_self_reference() {
        // The scope before the share's base decides.
        let t = "全州茶园80万亩,相当于全省的1/6";
        assert_eq!(last_self_reference(t, 0, t.len()), Some('州'));
        let t = "人均收入比全市高";
        assert_eq!(last_self_reference(t, 0, t.len()), None);
        assert!(comparison_base("约占全"));
        assert!(!comparison_base("在全"));
    }
}
