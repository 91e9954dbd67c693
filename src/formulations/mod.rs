//! Stage 4b: numbered formulations, quoted slogans and terms, cited documents.
//!
//! **Numbered formulations** (数字化提法) name a fixed set of items by their
//! number: 两个维护, 三会一课, 五基三化, the city's own 三创. Each is reported
//! with its mentions and, where the text spells its items out, its
//! **expansion**. Beside them the stage reports **quoted material** (“…”)
//! by kind and **cited documents** (《…》) by kind. The rules, each with an
//! invented example, are in the guide; this documentation does not repeat
//! them:
//!
//! | question | rules |
//! |---|---|
//! | is this a formulation? (lexicon, shapes, what is not one, canonical form) | [docs/rules/formulations.md#is-this-a-formulation](../../docs/rules/formulations.md#is-this-a-formulation) |
//! | what does it stand for? (expansions) | [docs/rules/formulations.md#what-does-it-stand-for-expansions](../../docs/rules/formulations.md#what-does-it-stand-for-expansions) |
//! | what kind of quoted material? (`quote`, `honor`, `slogan`, `title`, `term`) | [docs/rules/formulations.md#what-kind-of-quoted-material](../../docs/rules/formulations.md#what-kind-of-quoted-material) |
//! | what documents are cited? (`policy`, `paper`, `column`, `book`, `other`) | [docs/rules/formulations.md#what-documents-are-cited](../../docs/rules/formulations.md#what-documents-are-cited) |
//!
//! ```
//! use dangjian::formulations::extract_text;
//! let e = extract_text("开展“机关创品牌、支部创红旗、党员创五星”活动。制定“三创”活动实施方案,严格执行“三会一课”。");
//! let f: Vec<&str> = e.formulations.iter().map(|f| f.text.as_str()).collect();
//! assert_eq!(f, ["三创", "三会一课"]);
//! assert_eq!(
//!     e.formulations[0].expansion.as_deref(),
//!     Some(&["机关创品牌".to_string(), "支部创红旗".to_string(), "党员创五星".to_string()][..])
//! );
//! assert_eq!(e.slogans[0].kind, dangjian::formulations::QuoteKind::Slogan);
//! ```

//! # Where each step lives
//!
//! | step | file |
//! |---|---|
//! | the stage: one scan of the text, candidates, mentions, the entry points | `mod.rs` |
//! | national lexicon, numeric idioms, number words, canonical form | `lexicon.rs` |
//! | the gate every candidate passes, and the families by shape | `shapes.rs` |
//! | 一X一Y over a unit of organization (一村一品) | `one_per_unit.rs` |
//! | the unquoted N-X-M-Y scan (三会一课, 五基三化) | `nxmy.rs` |
//! | digit formulas (“139”, 1+N) | `digits.rs` |
//! | runs of digits counting their items one digit each (“1234”) | `per_digit.rs` |
//! | names led by a word before their count (便民五举措) | `prefixed.rs` |
//! | a count naming the list before it (A、B、C“三项行动”, A、B、C三张清单) | `list_named.rs` |
//! | N levels acting together after the quoted levels (“省市县”三级书记抓落实) | `levels.rs` |
//! | quotes, the formulations a quote names, slogans and their kinds | `quoted.rs` |
//! | expansions: which items a formulation names | `expansions.rs` |
//! | items beside a mention (即…, 一是…二是…, paragraph heads) | `adjacent.rs` |
//! | the markers that open items one by one (一是, 一要, 第一, 首先) | `markers.rs` |
//! | enumerations elsewhere in the text (runs of 、, parallel slogans) | `enumerations.rs` |
//! | cited documents (《…》) | `documents.rs` |

use std::cell::OnceCell;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::body::Body;
use crate::taken::Taken;

mod adjacent;
mod digits;
mod documents;
mod enumerations;
mod expansions;
mod headings;
mod levels;
mod lexicon;
mod list_named;
mod markers;
mod nxmy;
mod one_per_unit;
mod per_digit;
mod prefixed;
mod quoted;
mod shapes;
#[cfg(test)]
mod tests;

use digits::digit_formulas_with_n;
pub use digits::is_digit_formula;
use documents::cited_documents;
use enumerations::ends_item;
use expansions::expand;
use levels::level_named;
use lexicon::{LEX, leading_number, number_word};
use list_named::{list_named, sheets_named};
use nxmy::{nxmy_candidates, opens_nxmy};
use per_digit::{item_names, per_digit_items};
use prefixed::{led_candidates, led_count};
use quoted::{Quoted, classify_quote, formulation_candidates, quotes};
use shapes::is_formulation;

/// A numbered formulation with its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulation {
    /// Canonical text: simplified, no quotation marks.
    pub text: String,
    /// The (first) number it counts by: 3 for 三创, 5 for 五基三化.
    pub number: u32,
    /// Whether the text quotes it at least once.
    pub quoted: bool,
    /// The items, when the document spells them out.
    pub expansion: Option<Vec<String>>,
    /// Byte spans of every mention in the original text.
    pub mentions: Vec<[usize; 2]>,
    /// Whether it is in the lexicon of established national formulations.
    pub national: bool,
}

/// Kinds of quoted material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Parallel campaign language: 社区吹哨、部门报到.
    Slogan,
    /// A short concept: 机关病.
    Term,
    /// A name of a programme, brand, team or column: 党课大讲堂.
    Title,
    /// An honour: 红旗党支部.
    Honor,
    /// A quoted sentence of speech.
    Quote,
}

impl QuoteKind {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Slogan => "slogan",
            QuoteKind::Term => "term",
            QuoteKind::Title => "title",
            QuoteKind::Honor => "honor",
            QuoteKind::Quote => "quote",
        }
    }
}

/// Quoted material that is not a formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slogan {
    /// The quoted text, simplified, without quotation marks.
    pub text: String,
    /// Its kind.
    pub kind: QuoteKind,
    /// Byte span (inside the quotation marks) in the original text.
    pub span: [usize; 2],
}

/// Kinds of cited documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A policy document: 意见, 通知, 条例, 方案 …
    Policy,
    /// A newspaper or periodical.
    Paper,
    /// A column or programme.
    Column,
    /// A book.
    Book,
    /// Anything else (courses, films, songs …).
    Other,
}

/// A document cited in 《…》.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedDocument {
    /// Title, simplified, without the brackets.
    pub title: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// Byte span (inside the brackets) in the original text.
    pub span: [usize; 2],
}

/// Everything this stage finds in a body.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Numbered formulations, in order of first mention.
    pub formulations: Vec<Formulation>,
    /// Other quoted material, in text order.
    pub slogans: Vec<Slogan>,
    /// Cited documents, in text order.
    pub documents: Vec<CitedDocument>,
}

/// The first `n` characters of `s` (all of it when shorter): what
/// `s.chars().take(n).collect::<String>()` holds, without the copy. The
/// characters are counted a block at a time (`chars().count()` is
/// vectorized), then one by one in the block where the `n`th ends.
fn char_prefix(s: &str, n: usize) -> &str {
    const BLOCK: usize = 256;
    let mut start = 0;
    let mut left = n;
    // Once no more bytes than characters are left, all of them fit.
    while s.len() - start > left {
        let mut end = (start + BLOCK).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        let block = &s[start..end];
        let k = block.chars().count();
        if k >= left {
            let cut = block
                .char_indices()
                .nth(left)
                .map_or(block.len(), |(i, _)| i);
            return &s[..start + cut];
        }
        left -= k;
        start = end;
    }
    s
}

/// Whether `s` is a name led by a word before its count that stands as a
/// name unquoted (便民五举措, 强村六式): such a name is as set in a headline
/// as in the body.
pub fn is_led_name(s: &str) -> bool {
    prefixed::is_led_count(s, false)
}

/// Extracts from plain text (normalized internally).
pub fn extract_text(text: &str) -> Extracted {
    let norm = crate::normalize::Normalizer::default().normalize(text);
    extract(&Body::new(
        norm.text,
        norm.map,
        &crate::segment::Segmenter::default(),
    ))
}

/// What a page's heading lines (`head`, its title and subtitle) and its body
/// state together, the heading first: a formulation named in both is one,
/// with the mentions of both and the body's expansion when the heading has
/// none.
///
/// ```
/// use dangjian::formulations::{extract_text, merge};
/// let head = extract_text("以“三创”引领机关党建");
/// let body = extract_text("全市开展“三创”活动,即机关创品牌、支部创红旗、党员创五星。");
/// let m = merge(head, body);
/// assert_eq!(m.formulations.len(), 1);
/// assert_eq!(m.formulations[0].mentions.len(), 2);
/// assert!(m.formulations[0].expansion.is_some());
/// ```
pub fn merge(head: Extracted, body: Extracted) -> Extracted {
    let mut out = head;
    for f in body.formulations {
        match out.formulations.iter_mut().find(|h| h.text == f.text) {
            Some(h) => {
                h.mentions.extend(f.mentions);
                h.quoted |= f.quoted;
                if h.expansion.is_none() {
                    h.expansion = f.expansion;
                }
            }
            None => out.formulations.push(f),
        }
    }
    out.slogans.extend(body.slogans);
    out.documents.extend(body.documents);
    out
}

/// What the stage reads of a text by position, found in one pass over its
/// characters: the punctuation marks that bound quotes, titles and
/// enumeration items, and the numbers that may open an N-X-M-Y formulation.
#[derive(Default)]
struct Scan {
    /// The [`is_mark`] characters, in text order.
    marks: Vec<(usize, char)>,
    /// Where a number that opens an N-X-M-Y candidate ([`opens_nxmy`])
    /// stands after no other number word and no 第 (第三会).
    openers: Vec<usize>,
}

impl Scan {
    fn new(text: &str) -> Scan {
        let mut scan = Scan::default();
        let mut prev = '\0';
        for (i, c) in text.char_indices() {
            // Most characters are ideographs, and no mark is one.
            if is_ideograph(c) {
                if opens_nxmy(c) && number_word(prev).is_none() && prev != '第' {
                    scan.openers.push(i);
                }
            } else if is_mark(c) {
                scan.marks.push((i, c));
            }
            prev = c;
        }
        scan
    }
}

/// Whether `c` is in the block of common ideographs (U+4E00–U+9FFF).
fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The marks the stage reads: quotation marks, title brackets, and the
/// marks that end an enumeration item ([`ends_item`]).
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '〈' | '〉') || ends_item(c)
}

/// The items of formulation `f` when `text` sets them out as its section
/// headings: exactly as many heading lines as `f` counts (把握三个重点 in a
/// title, three headings in the body), alike in length. For a name found in
/// a headline, whose items the body gives each its own section.
///
/// ```
/// use dangjian::formulations::expand_by_headings;
/// let body = "某县把党建与发展一起抓。\n一、推动特色产业提质增效\n发展特色种植。\n\
///             二、壮大村级集体经济\n增加集体收入。\n三、建设美丽宜居乡村\n改善人居环境。";
/// let items = expand_by_headings("三个重点", body).unwrap_or_default();
/// assert_eq!(items, ["推动特色产业提质增效", "壮大村级集体经济", "建设美丽宜居乡村"]);
/// assert_eq!(expand_by_headings("两个重点", body), None);
/// ```
pub fn expand_by_headings(f: &str, text: &str) -> Option<Vec<String>> {
    expansions::expand_by_headings(f, text)
}

/// Formulations a headline names by a count that the body then sets out as
/// its section headings: 把握三个重点 over exactly three headed sections,
/// alike in length ([`expand_by_headings`]). `head` is the headline's body,
/// `body_text` the article's text.
///
/// ```
/// use dangjian::formulations::headline_counts;
/// use dangjian::body::Body;
/// use dangjian::offsets::OffsetMap;
/// use dangjian::segment::Segmenter;
/// let title = "某县委书记谈发展:把握三个重点".to_string();
/// let head = Body::new(title.clone(), OffsetMap::identity(title.len()), &Segmenter::default());
/// let body = "某县把党建与发展一起抓。\n推动特色产业提质增效\n发展特色种植。\n\
///             壮大村级集体经济\n增加集体收入。\n建设美丽宜居乡村\n改善人居环境。";
/// let found = headline_counts(&head, body);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].text, "三个重点");
/// assert_eq!(found[0].expansion.as_ref().map(Vec::len), Some(3));
/// ```
pub fn headline_counts(head: &Body, body_text: &str) -> Vec<Formulation> {
    headings::headline_counts(&head.text)
        .into_iter()
        .filter_map(|(name, s, e)| {
            let expansion = expand_by_headings(&name, body_text)?;
            Some(Formulation {
                number: leading_number(&name).map_or(0, |(v, _)| v),
                text: name,
                quoted: false,
                expansion: Some(expansion),
                mentions: vec![head.span(s, e)],
                national: false,
            })
        })
        .collect()
}

/// Extracts formulations, slogans and cited documents from a body: the
/// quotes first (each names formulations or is a slogan), then the
/// unquoted candidates, then every mention of each, then each one's
/// expansion.
pub fn extract(body: &Body) -> Extracted {
    let text = body.text.as_str();
    let scan = Scan::new(text);
    let qs = quotes(text, &scan.marks);
    let (mut forms, slogans) = read_quotes(body, &qs);
    unquoted_candidates(body, &scan, &qs, &mut forms);
    let mentions = mentions(text, &forms);
    Extracted {
        formulations: formulations(body, &scan, &forms, &mentions),
        slogans,
        documents: cited_documents(body, &scan.marks),
    }
}

/// Candidate formulations, each with whether it was found quoted, in the
/// order found.
type Candidates = Vec<(String, bool)>;

/// Adds `f` to the candidates unless it is there already.
fn add(forms: &mut Candidates, f: &str, quoted: bool) {
    if !forms.iter().any(|(x, _)| x == f) {
        forms.push((f.to_string(), quoted));
    }
}

/// The formulations the quotes name, and the other quotes as slogans (a
/// nested quote is read for formulations only).
fn read_quotes(body: &Body, qs: &[Quoted]) -> (Candidates, Vec<Slogan>) {
    let text = body.text.as_str();
    let mut forms: Candidates = Vec::new();
    let mut slogans = Vec::new();
    for q in qs {
        let inner = &text[q.start..q.end];
        let mut found = formulation_candidates(inner);
        // A run of digits counting the numbered names it lists (“123”(一A、
        // 两B、三C)), and those names.
        let digits = inner.trim();
        if digits.chars().all(|c| c.is_ascii_digit())
            && let Some(items) = per_digit_items(digits, text, q.end)
        {
            if found.is_empty() {
                found.push(digits.to_string());
            }
            for name in item_names(&items) {
                add(&mut forms, &name, false);
            }
        }
        for f in &found {
            add(&mut forms, f, true);
        }
        if !found.is_empty() || q.nested {
            continue;
        }
        let before = text[..q.start]
            .strip_suffix('“')
            .unwrap_or(&text[..q.start]);
        let after = text[q.end..].strip_prefix('”').unwrap_or(&text[q.end..]);
        let kind = classify_quote(inner, before, after);
        slogans.push(Slogan {
            text: inner.trim().to_string(),
            kind,
            span: body.span(q.start, q.end),
        });
    }
    (forms, slogans)
}

/// Unquoted candidates, after the quoted ones: the national lexicon, counts
/// naming the list before them (quoted, or N张清单), digit formulas with N, the N-X-M-Y
/// shapes, and names led by a word before their count (便民五举措).
fn unquoted_candidates(body: &Body, scan: &Scan, qs: &[Quoted], forms: &mut Candidates) {
    let text = body.text.as_str();
    let lex = &*LEX;
    if let Some(m) = &lex.matcher {
        for hit in m.find_iter(text) {
            add(forms, &lex.national[hit.pattern().as_usize()], false);
        }
    }
    for (cand, quoted) in list_named(text, qs) {
        add(forms, &cand, quoted);
    }
    for cand in sheets_named(text) {
        add(forms, &cand, false);
    }
    for cand in level_named(text, qs) {
        add(forms, &cand, false);
    }
    for cand in digit_formulas_with_n(text) {
        add(forms, &cand, false);
    }
    for cand in nxmy_candidates(text, &scan.openers) {
        if is_formulation(cand, false) {
            add(forms, cand, false);
        }
    }
    for cand in led_candidates(text, &scan.openers, &|at| body.is_boundary(at)) {
        add(forms, cand, false);
    }
}

/// Mentions: every occurrence of each canonical form (quoted or not),
/// longest forms first so 两个一百年 does not also count as a shorter one;
/// by the candidate's index.
fn mentions(text: &str, forms: &Candidates) -> HashMap<usize, Vec<(usize, usize)>> {
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(forms[i].0.len()));
    let mut covered = Taken::new(text.len());
    let mut mentions: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for i in order {
        let f = &forms[i].0;
        let mut from = 0;
        // (`contains` is cheaper than a search that fails, as the last
        // search for every form does.)
        while text[from..].contains(f.as_str())
            && let Some(p) = text[from..].find(f.as_str())
        {
            let s = from + p;
            let e = s + f.len();
            from = e;
            if covered.overlaps(s, e) || !is_mention(text, f, s, e, forms[i].1) {
                continue;
            }
            covered.take(s, e);
            mentions.entry(i).or_default().push((s, e));
        }
    }
    mentions
}

/// Whether the occurrence of `f` at `s..e` stands on its own: not inside a
/// longer number (139 in 1395), nor, unless `f` was found quoted, inside a
/// longer run of number words (十三会一课).
fn is_mention(text: &str, f: &str, s: usize, e: usize, quoted: bool) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '+');
    if f.starts_with(|c: char| c.is_ascii_digit())
        && (digit(text[..s].chars().next_back()) || digit(text[e..].chars().next()))
    {
        return false;
    }
    quoted
        || text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| number_word(c).is_none())
}

/// The formulations with at least one mention, each with its expansion, in
/// order of first mention.
fn formulations(
    body: &Body,
    scan: &Scan,
    forms: &Candidates,
    mentions: &HashMap<usize, Vec<(usize, usize)>>,
) -> Vec<Formulation> {
    let text = body.text.as_str();
    // Read only when a formulation is not expanded beside a mention.
    let runs = OnceCell::new();
    let mut formulations: Vec<(usize, Formulation)> = forms
        .iter()
        .enumerate()
        .filter_map(|(i, (t, quoted))| {
            let ms = mentions.get(&i)?;
            let first = ms.iter().map(|m| m.0).min().unwrap_or(0);
            let number = leading_number(t)
                .map(|(v, _)| v)
                .or_else(|| led_count(t).map(|(_, v)| v))
                .unwrap_or(0);
            let expansion = expand(t, text, &scan.marks, ms, &runs);
            let quoted = *quoted
                || ms
                    .iter()
                    .any(|&(s, e)| text[..s].ends_with('“') && text[e..].starts_with('”'));
            let mut spans: Vec<[usize; 2]> = ms.iter().map(|&(s, e)| body.span(s, e)).collect();
            spans.sort();
            Some((
                first,
                Formulation {
                    text: t.clone(),
                    number,
                    quoted,
                    expansion,
                    mentions: spans,
                    national: LEX.is_national(t),
                },
            ))
        })
        .collect();
    formulations.sort_by_key(|(first, _)| *first);
    formulations.into_iter().map(|(_, f)| f).collect()
}
