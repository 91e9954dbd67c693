//! Stage 4a: numeric claims — "1.35万名机关党员", "占比达30.7%", "3000余名".
//!
//! A claim is a number with a unit or measure word that states a quantity.
//! [`extract`] finds them on normalized text (so `5.1萬名` and `１２３名` work)
//! and types each one. The rules, each with an invented example, are in the
//! guide (`docs/rules/claims.md`); this documentation does not repeat them:
//!
//! | field | example | rules |
//! |---|---|---|
//! | what is a claim, what is not | 1.35万名; not 5年来, 第3, “139”行动 | [docs/rules/claims.md#what-is-a-claim](../../docs/rules/claims.md#what-is-a-claim) |
//! | `value`, `value_max` | 13500; 3 and 5 in 3至5个 | [docs/rules/claims.md#how-many](../../docs/rules/claims.md#how-many) |
//! | `unit` | 名, 元, %, 百分点 | [docs/rules/claims.md#of-what-measure](../../docs/rules/claims.md#of-what-measure) |
//! | `approx` | over / about / under | [docs/rules/claims.md#exactly-or-about](../../docs/rules/claims.md#exactly-or-about) |
//! | `object` | 机关党员 | [docs/rules/claims.md#counting-what](../../docs/rules/claims.md#counting-what) |
//! | `indicator` | community_service | [docs/rules/claims.md#what-kind-of-figure](../../docs/rules/claims.md#what-kind-of-figure) |
//! | `period` | 5年来 | [docs/rules/claims.md#when](../../docs/rules/claims.md#when) |
//! | place (the places stage) | 桂林市 | [docs/rules/places.md#which-place-does-a-claim-speak-for](../../docs/rules/places.md#which-place-does-a-claim-speak-for) |
//! | `span` | | byte range in the original text |
//!
//! ```
//! use dangjian::claims::extract_text;
//! let claims = extract_text("5年来,市直机关组建党员志愿服务队335支,1.35万名机关党员到社区开展报到服务9.78万次,发放救助金125.91万元。");
//! let v: Vec<(f64, &str)> = claims.iter().map(|c| (c.value, c.unit.as_str())).collect();
//! assert_eq!(v, [(335.0, "支"), (13500.0, "名"), (97800.0, "次"), (1259100.0, "元")]);
//! assert_eq!(claims[0].object.as_deref(), Some("党员志愿服务队"));
//! assert_eq!(claims[1].object.as_deref(), Some("机关党员"));
//! assert_eq!(claims[1].period.as_deref(), Some("5年来"));
//! assert_eq!(claims[1].indicator, "community_service");
//! ```
//!
//! ## Where things are
//!
//! | file | what it decides |
//! |---|---|
//! | `mod.rs` | the stage: [`Claim`], [`extract`], one pass over the candidates typing each |
//! | `scan.rs` | the candidate scan: every number of a body, in order |
//! | `numbers.rs` | where numbers are: Arabic and Chinese numerals, the unit table |
//! | `judge.rs` | whether a number is a claim and its extent: context that rules it out, ranges, approximations, the unit |
//! | `objects.rs` | what a claim counts: after the measure word, before the number |
//! | `changes.rs` | what changed against a base (比上年增长), and objects carried from the clause before |
//! | `phrases.rs` | the noun phrases objects are read from: tagged words, the phrase after a point and before one |
//! | `lists.rs` | lists and shares of things: items before and after a point, the head they share |
//! | `respective.rs` | figures given 分别 (respectively): each figure to its item of the list, or to the one subject |
//! | `periods.rs` | the time scope in force for a claim |
//! | `indicators.rs` | the indicator taxonomy of `data/indicators.tsv` |

use serde::{Deserialize, Serialize, Serializer};

use crate::body::Body;
use crate::formulations::Formulation;
use crate::numerals::Decimal;
use crate::segment::Segmenter;
use crate::window;

mod changes;
mod groups;
mod indicators;
mod judge;
mod lists;
mod numbers;
mod objects;
mod periods;
mod phrases;
mod relative;
mod respective;
mod scan;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_series;

use changes::carried_object;
use indicators::classify;
pub use indicators::{IndicatorRule, indicator_label, indicators};
use objects::{attribute_of, loose_object, object_of};
use respective::Respective;

/// Whether a claim's value is a lower bound, an approximation or an upper
/// bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    /// 余, 多, 以上, 超过, 逾, 突破, 上百 …: more than the value.
    Over,
    /// 约, 近, 左右, 将近, 上下, 大约: about the value.
    About,
    /// 不到, 不足, 以下, 未满: less than the value.
    Under,
}

impl Approx {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::About => "about",
            Approx::Under => "under",
        }
    }
}

/// A value as written in CSV and tables: integers without a decimal point.
///
/// ```
/// assert_eq!(dangjian::claims::format_value(13500.0), "13500");
/// assert_eq!(dangjian::claims::format_value(30.7), "30.7");
/// ```
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn serialize_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn serialize_opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_number(v, s),
        None => s.serialize_none(),
    }
}

/// One numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The surface in the original text (original script).
    pub text: String,
    /// The value, 万 and 亿 folded in; percentages as written (30.7).
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// Upper end of a range (3至5个 → 5), else `null`.
    #[serde(serialize_with = "serialize_opt_number")]
    pub value_max: Option<f64>,
    /// Unit or measure word, normalized.
    pub unit: String,
    /// Approximation.
    pub approx: Option<Approx>,
    /// What is counted, when the text says.
    pub object: Option<String>,
    /// Indicator from the taxonomy in `data/indicators.tsv`.
    pub indicator: String,
    /// The time scope in force, as written (normalized script).
    pub period: Option<String>,
    /// The place the claim speaks for (filled by the places stage).
    pub place: Option<String>,
    /// Byte span `[start, end)` in the original text.
    pub span: [usize; 2],
    /// The sentence the claim is in (original script).
    pub sentence: String,
    /// Offset of the claim in the normalized body text (for later stages;
    /// not serialized).
    #[serde(skip)]
    pub body_start: usize,
}

/// A candidate number found in the text.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: &'static str,
    approx: Option<Approx>,
}

/// Extracts claims from plain text (no cleaning; spans refer to `text`
/// after normalization maps them back, so they are spans of `text`).
pub fn extract_text(text: &str) -> Vec<Claim> {
    let norm = crate::normalize::Normalizer::default().normalize(text);
    let body = Body::new(norm.text, norm.map, &Segmenter::default());
    extract(&body, text, &[])
}

/// Claims of a document body (the pipeline's entry point).
pub fn extract_in_body(body: &Body, original: &str, formulations: &[Formulation]) -> Vec<Claim> {
    extract(body, original, formulations)
}

/// Extracts the claims of a normalized body whose map points into
/// `original`. Numbers inside the mentions of `formulations` are skipped.
pub fn extract(body: &Body, original: &str, formulations: &[Formulation]) -> Vec<Claim> {
    let found = scan::candidates(body);

    let mentions = Spans::new(
        formulations
            .iter()
            .flat_map(|f| f.mentions.iter().copied())
            .collect(),
    );

    let mut claims = Vec::with_capacity(found.len());
    let mut periods = periods::Periods::default();
    // The last object read in the sentence, for a clause that leaves its
    // subject unsaid.
    let mut carried: Option<(usize, String, &str)> = None;
    let mut last_age: Option<(usize, String)> = None;
    let starts: Vec<usize> = found.iter().map(|f| f.start).collect();
    let mut respective = Respective::default();
    for f in found {
        let span = body.span(f.start, f.end);
        if mentions.overlaps(span) {
            continue;
        }
        let (sent_s, sent_e) = (body.sentence_start(f.start), body.sentence_end(f.start));
        let clause = clause_around(body, f.start, f.end);
        let object = respective
            .object(body, &f, &starts)
            .or_else(|| {
                // 争取项目12个、资金360万元: an attribute alone is the
                // attribute of what the sentence counted just before.
                // 35岁以下占比14%: a linking word alone (占比, 达到) is no
                // object.
                let own =
                    object_of(body, &f).filter(|o| !phrases::LINKING.contains(&o.as_str()))?;
                Some(
                    carried
                        .as_ref()
                        .filter(|(prev_sent, _, _)| *prev_sent == sent_s)
                        .and_then(|(_, prev, _)| attribute_of(body, &f, &own, prev))
                        .unwrap_or(own),
                )
            })
            .or_else(|| {
                // An age bound after a share of the bound before it
                // (平均年龄43岁,35岁以下占12%,60岁以上占3%) is of the people
                // the last age in the sentence was of.
                let (prev_sent, prev, prev_unit) = match (&carried, &last_age) {
                    (_, Some((s, age))) if f.unit == "岁" => (s, age, "岁"),
                    (Some((s, prev, unit)), _) => (s, prev, *unit),
                    _ => return None,
                };
                (*prev_sent == sent_s)
                    .then(|| carried_object(body, &f, prev, prev_unit))
                    .flatten()
            })
            .or_else(|| {
                // 排查纠纷23件,投入资金50万元,已化解18件: the part dealt
                // with is of the last figure of the sentence in its unit.
                let same = claims
                    .iter()
                    .rev()
                    .take_while(|c: &&Claim| c.body_start >= sent_s)
                    .find(|c| c.unit == f.unit)?;
                carried_object(body, &f, same.object.as_deref()?, f.unit)
            })
            .or_else(|| objects::subject_said_before(body, &f))
            .or_else(|| loose_object(body, &f))
            // 35岁以下占比14%: a linking word alone (占比, 达到) is no object.
            .filter(|o| !phrases::LINKING.contains(&o.as_str()));
        respective.note(sent_s, f.unit, object.as_deref());
        if let Some(o) = &object {
            carried = Some((sent_s, o.clone(), f.unit));
            if f.unit == "岁" {
                last_age = Some((sent_s, o.clone()));
            }
        }
        let indicator = classify(f.unit, object.as_deref(), clause);
        let period = periods.of_claim(body, &f, (sent_s, sent_e));
        let sentence = {
            let [a, b] = body.span(sent_s, sent_e);
            original.get(a..b).unwrap_or("").trim().to_string()
        };
        let surface = original.get(span[0]..span[1]).unwrap_or("").to_string();
        claims.push(Claim {
            text: surface,
            value: f.value.to_f64(),
            value_max: f.value_max.map(Decimal::to_f64),
            unit: f.unit.to_string(),
            approx: f.approx,
            object,
            indicator,
            period,
            place: None,
            span,
            sentence,
            body_start: f.start,
        });
    }
    claims
}

/// Byte ranges sorted by start, with the furthest end reached so far: one
/// overlap question costs a binary search, not a pass over all ranges.
struct Spans {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<[usize; 2]>) -> Self {
        spans.sort_unstable();
        let starts = spans.iter().map(|m| m[0]).collect();
        let max_end = spans
            .iter()
            .scan(0, |far, m| {
                *far = (*far).max(m[1]);
                Some(*far)
            })
            .collect();
        Spans { starts, max_end }
    }

    /// Whether some range overlaps `span`: among the ranges that start
    /// before its end, one ends after its start.
    fn overlaps(&self, span: [usize; 2]) -> bool {
        let n = self.starts.partition_point(|&s| s < span[1]);
        n > 0 && self.max_end[n - 1] > span[0]
    }
}

/// The clause around `text[s..e]` (end marks excluded), looked for within
/// [`window::SENTENCE`] bytes on either side.
fn clause_around(body: &Body, s: usize, e: usize) -> &str {
    let text = body.text.as_str();
    let (a, b) = (body.clause_start(s), body.clause_end(e));
    // The end mark found ahead is not part of the clause.
    let b = match text[..b].chars().next_back() {
        Some(c) if b > e && window::is_clause_end(c) => b - c.len_utf8(),
        _ => b,
    };
    text.get(a..b).unwrap_or("")
}
