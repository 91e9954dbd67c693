//! Stage 6: comparing places — the main job.
//!
//! Analyses are folded into one [`Profile`] per group (per place by default,
//! or per source or per year). Profiles **merge**: the merge is associative
//! and commutative, so shards of an archive can be profiled separately (on
//! other machines) and combined; the profile of a whole equals the merge of
//! the profiles of its parts when the parts share no document.
//!
//! [`compare`] turns profiles into a [`Comparison`]:
//!
//! * **formulations and slogans**, each with the places that use it, its
//!   documents, mentions and first date; used by one place only = specific to
//!   that place;
//! * **similarity** of the places' formulation sets, each formulation
//!   weighted by its rarity across places (one every place uses weighs
//!   nothing): the most similar pairs, each with what it shares and how many
//!   formulations each side uses, pairs sharing fewer than two formulations
//!   ranked after the rest; a matrix of the top places only;
//! * **keyness**: distinctive vocabulary of each place against all other
//!   places, by log-likelihood G² (Dunning 1993) with the log ratio (base 2)
//!   as effect size, for words used at least `min_count` times and
//!   over-represented in the place; terms with G² below 3.84 (p < 0.05) are
//!   dropped, and so are place names, self-references (我市, 全省) and stop
//!   words, which would otherwise top every list;
//! * **indicators**: the claims of all places side by side per indicator,
//!   each with its value, unit, approximation, period and sentence. Values are
//!   never added up: claims of different units or periods are different
//!   facts.
//!
//! Places at different levels (浙江省, 桂林市) are kept apart and labelled
//! with their level; documents without a place form the group `unknown`.
//!
//! ```
//! use dangjian::compare::{compare, CompareOptions, GroupBy, Profiles};
//! use dangjian::{Document, PipelineBuilder};
//!
//! let p = PipelineBuilder::new().keep_terms(true).build().unwrap();
//! let a = p.analyze(&Document::from_text("来源:桂林日报\n桂林市直机关践行“两个维护”,1.35万名党员到社区报到。"));
//! let b = p.analyze(&Document::from_text("来源:天津日报\n天津市践行“兩個維護”,5.1萬名黨員干部下沉社区。"));
//! let mut profiles = Profiles::new(GroupBy::Place);
//! profiles.add(&a);
//! profiles.add(&b);
//! let c = compare(&profiles, &CompareOptions::default());
//! assert_eq!(c.formulations[0].text, "两个维护");
//! assert_eq!(c.formulations[0].places, ["天津市", "桂林市"]);
//! ```
//!
//! Guide: `docs/commands/compare.md` (every view and option, with the
//! output over the bundled corpus), `docs/distributed.md` (profiles as the
//! reduce side of a distributed run).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::claims::{Approx, indicator_label};

/// How documents are grouped.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// By the place a document reports on.
    #[default]
    Place,
    /// By source (paper or site).
    Source,
    /// By year of publication.
    Year,
}

impl GroupBy {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Place => "place",
            GroupBy::Source => "source",
            GroupBy::Year => "year",
        }
    }
}

/// Statistics of one formulation or slogan in a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermStat {
    /// Mentions.
    pub mentions: u64,
    /// Ids of the documents that use it.
    pub documents: BTreeSet<String>,
    /// Earliest date of those documents.
    pub first_date: Option<String>,
    /// Kind (for slogans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl TermStat {
    fn merge(&mut self, other: &TermStat) {
        self.mentions += other.mentions;
        self.documents.extend(other.documents.iter().cloned());
        self.first_date = min_date(self.first_date.take(), other.first_date.clone());
        if self.kind.is_none() {
            self.kind.clone_from(&other.kind);
        }
    }
}

fn min_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// A claim as kept in a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// The group it belongs to (the claim's own place when grouping by place).
    pub place: String,
    /// Surface.
    pub text: String,
    /// Value.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Unit.
    pub unit: String,
    /// Approximation.
    pub approx: Option<Approx>,
    /// Counted object.
    pub object: Option<String>,
    /// Indicator id.
    pub indicator: String,
    /// Period.
    pub period: Option<String>,
    /// Document id.
    pub document: String,
    /// Document path, when known.
    pub path: Option<String>,
    /// Document date.
    pub date: Option<String>,
    /// Source sentence.
    pub sentence: String,
    /// Span in the document.
    pub span: [usize; 2],
}

/// Everything known about one group (a place, a source or a year).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Group name (`桂林市`, `浙江日报`, `2024`, or `unknown`).
    pub name: String,
    /// Level of a place (`province`, `city`, `county`, `district`), else
    /// `null`.
    pub level: Option<String>,
    /// Code of a place.
    pub code: Option<String>,
    /// Ids of its documents.
    pub documents: BTreeSet<String>,
    /// Characters of body text.
    pub chars: u64,
    /// Earliest and latest dates.
    pub first_date: Option<String>,
    /// Latest date.
    pub last_date: Option<String>,
    /// Formulations.
    pub formulations: BTreeMap<String, TermStat>,
    /// Slogans and other quoted material.
    pub slogans: BTreeMap<String, TermStat>,
    /// Word counts of the bodies.
    pub terms: BTreeMap<String, u64>,
    /// Claims.
    pub claims: Vec<ClaimRow>,
}

impl Profile {
    /// Merges `other` into `self` (same group). Associative and commutative;
    /// exact when the two share no document.
    pub fn merge(&mut self, other: &Profile) {
        if self.level.is_none() {
            self.level.clone_from(&other.level);
        }
        if self.code.is_none() {
            self.code.clone_from(&other.code);
        }
        self.documents.extend(other.documents.iter().cloned());
        self.chars += other.chars;
        self.first_date = min_date(self.first_date.take(), other.first_date.clone());
        self.last_date = max_date(self.last_date.take(), other.last_date.clone());
        for (k, v) in &other.formulations {
            self.formulations.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &other.slogans {
            self.slogans.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &other.terms {
            *self.terms.entry(k.clone()).or_default() += v;
        }
        self.claims.extend(other.claims.iter().cloned());
        sort_claims(&mut self.claims);
    }
}

fn sort_claims(v: &mut [ClaimRow]) {
    v.sort_by(|a, b| (&a.document, a.span, &a.place).cmp(&(&b.document, b.span, &b.place)));
}

/// Profiles of all groups: what `dangjian profile` writes and `compare`
/// reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profiles {
    /// How documents were grouped.
    pub group_by: GroupBy,
    /// One profile per group, by name.
    pub profiles: BTreeMap<String, Profile>,
}

/// The name of the group for documents without a place, source or date.
pub const UNKNOWN: &str = "unknown";

impl Profiles {
    /// No profiles yet.
    pub fn new(group_by: GroupBy) -> Self {
        Profiles {
            group_by,
            profiles: BTreeMap::new(),
        }
    }

    fn group_of(&self, a: &Analysis) -> (String, Option<String>, Option<String>) {
        match self.group_by {
            GroupBy::Place => match &a.place {
                Some(p) => (p.name.clone(), Some(p.level.clone()), p.code.clone()),
                None => (UNKNOWN.to_string(), None, None),
            },
            GroupBy::Source => (
                a.meta
                    .source
                    .as_deref()
                    .map(|s| crate::normalize::Normalizer::default().normalize_text(s))
                    .unwrap_or_else(|| UNKNOWN.to_string()),
                None,
                None,
            ),
            GroupBy::Year => (
                a.meta
                    .date
                    .as_deref()
                    .and_then(|d| d.get(..4))
                    .unwrap_or(UNKNOWN)
                    .to_string(),
                None,
                None,
            ),
        }
    }

    /// The name of the group `a` belongs to (its place, source or year).
    pub fn group_name(&self, a: &Analysis) -> String {
        self.group_of(a).0
    }

    /// Adds one analysis.
    pub fn add(&mut self, a: &Analysis) {
        let (name, level, code) = self.group_of(a);
        let date = a.meta.date.clone();
        let mut p = Profile {
            name: name.clone(),
            level,
            code,
            ..Default::default()
        };
        p.documents.insert(a.id.clone());
        p.chars = a.chars as u64;
        p.first_date.clone_from(&date);
        p.last_date.clone_from(&date);
        for f in &a.formulations {
            let s = p.formulations.entry(f.text.clone()).or_default();
            s.mentions += f.mentions.len() as u64;
            s.documents.insert(a.id.clone());
            s.first_date.clone_from(&date);
        }
        for sl in &a.slogans {
            let s = p.slogans.entry(sl.text.clone()).or_default();
            s.mentions += 1;
            s.documents.insert(a.id.clone());
            s.first_date.clone_from(&date);
            s.kind = Some(sl.kind.as_str().to_string());
        }
        for (t, n) in &a.terms {
            *p.terms.entry(t.clone()).or_default() += u64::from(*n);
        }
        for c in &a.claims {
            let place = match self.group_by {
                GroupBy::Place => c.place.clone().unwrap_or_else(|| name.clone()),
                _ => name.clone(),
            };
            p.claims.push(ClaimRow {
                place,
                text: c.text.clone(),
                value: c.value,
                value_max: c.value_max,
                unit: c.unit.clone(),
                approx: c.approx,
                object: c.object.clone(),
                indicator: c.indicator.clone(),
                period: c.period.clone(),
                document: a.id.clone(),
                path: a.path.clone(),
                date: date.clone(),
                sentence: c.sentence.clone(),
                span: c.span,
            });
        }
        sort_claims(&mut p.claims);
        self.merge_profile(p);
    }

    fn merge_profile(&mut self, p: Profile) {
        match self.profiles.get_mut(&p.name) {
            Some(q) => q.merge(&p),
            None => {
                self.profiles.insert(p.name.clone(), p);
            }
        }
    }

    /// Merges another set of profiles (same grouping) into this one.
    pub fn merge(&mut self, other: &Profiles) {
        for p in other.profiles.values() {
            self.merge_profile(p.clone());
        }
    }
}

/// Words a text uses for its own place; never distinctive vocabulary.
const SELF_REFERENCE: &[&str] = &[
    "我市", "该市", "本市", "全市", "我省", "全省", "本省", "该省", "我县", "该县", "全县", "我区",
    "全区", "一个", "起来", "进行", "开展", "工作",
];

/// Options of [`compare`].
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// Keyness: minimum count of a term in the place.
    pub min_count: u64,
    /// Keyness: terms per place.
    pub top_terms: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            min_count: 3,
            top_terms: 15,
        }
    }
}

/// One place (group) in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceSummary {
    /// Name, or `unknown`.
    pub name: String,
    /// Level.
    pub level: Option<String>,
    /// Code.
    pub code: Option<String>,
    /// Documents.
    pub documents: usize,
    /// Characters of body text.
    pub chars: u64,
    /// First and last date (`null` when unknown).
    pub dates: [Option<String>; 2],
    /// The province-level region it lies in (itself for a province).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// The prefecture-level city it lies in (itself for a city).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// A formulation or slogan across places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedItem {
    /// Text (canonical).
    pub text: String,
    /// Places that use it, sorted.
    pub places: Vec<String>,
    /// Documents that use it.
    pub documents: usize,
    /// Mentions.
    pub mentions: u64,
    /// Earliest date seen.
    pub first_date: Option<String>,
    /// Kind (slogans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether one place only uses it.
    pub specific: bool,
}

/// Similarity of places.
///
/// Each formulation weighs by how rare it is across places, `ln(N / n)`
/// for one used by `n` of `N` places (IDF): a formulation every place uses
/// weighs nothing, one two places share weighs much. The similarity of two
/// places is the weight of the formulations they share over the weight of
/// those either uses (a weighted Jaccard index).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Similarity {
    /// `weighted_jaccard` (formulations weighted by rarity across places).
    pub measure: String,
    /// Row and column names of the matrix: every place up to
    /// [`MATRIX_PLACES`], else the places with most documents.
    pub places: Vec<String>,
    /// Values in `[0, 1]`.
    pub matrix: Vec<Vec<f64>>,
    /// The most similar pairs, best first (at most [`PAIRS_KEPT`]): pairs
    /// sharing fewer than [`MIN_SHARED`] formulations come after all pairs
    /// with enough evidence, whatever their score.
    #[serde(default)]
    pub pairs: Vec<SimilarPair>,
    /// Pairs of places sharing at least one formulation with weight.
    #[serde(default)]
    pub pairs_total: usize,
}

/// Two places and what makes them alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarPair {
    /// One place.
    pub a: String,
    /// The other.
    pub b: String,
    /// Weighted Jaccard index.
    pub score: f64,
    /// Plain Jaccard index (every formulation weighing 1).
    pub jaccard: f64,
    /// The formulations they share, rarest first.
    pub shared: Vec<String>,
    /// How many formulations each side uses (`a`, `b`).
    pub formulations: [usize; 2],
    /// Whether they share at least [`MIN_SHARED`] formulations.
    pub enough: bool,
}

/// The matrix covers at most this many places.
pub const MATRIX_PLACES: usize = 20;
/// Pairs kept in a comparison.
pub const PAIRS_KEPT: usize = 100;
/// Formulations two places must share for their pair to rank on its score.
pub const MIN_SHARED: usize = 2;

/// A distinctive term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyTerm {
    /// The word.
    pub term: String,
    /// Log-likelihood G².
    pub g2: f64,
    /// Log ratio (base 2) of relative frequencies (effect size).
    pub log_ratio: f64,
    /// Count in the place.
    pub count: u64,
}

/// Distinctive vocabulary of one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyness {
    /// Place.
    pub place: String,
    /// Terms, most distinctive first.
    pub terms: Vec<KeyTerm>,
}

/// Claims of one indicator, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Indicator id.
    pub indicator: String,
    /// What it measures.
    pub label: String,
    /// Places with claims of it.
    pub places: Vec<String>,
    /// The claims.
    pub rows: Vec<ClaimRow>,
}

/// The comparison across places (`compare --format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// How documents were grouped.
    pub group_by: GroupBy,
    /// The places (groups).
    pub places: Vec<PlaceSummary>,
    /// Formulations, most widely shared first.
    pub formulations: Vec<SharedItem>,
    /// Slogans and other quoted material used by at least one place.
    pub slogans: Vec<SharedItem>,
    /// How the most widely used formulations spread over places and time.
    #[serde(default)]
    pub diffusion: Vec<crate::spread::Diffusion>,
    /// Similarity of the places' formulation sets.
    pub similarity: Similarity,
    /// Distinctive vocabulary per place.
    pub keyness: Vec<Keyness>,
    /// Claims side by side per indicator.
    pub indicators: Vec<Indicator>,
    /// Text reuse between places, when the documents' texts were at hand
    /// (see [`ReuseView`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse: Option<ReuseView>,
}

/// Text reuse between places: how many shared passages (clusters of
/// [`crate::reuse`]) each pair of places has, and the largest clusters with
/// their first appearance.
///
/// ```
/// use dangjian::compare::ReuseView;
/// use dangjian::reuse::{Reuse, ReuseDocument};
/// let p = "街道党工委牵头建立物业服务企业党建联盟，每月召开一次联席会议，协调解决老旧小区加装电梯和停车难等问题";
/// let docs = vec![
///     ReuseDocument::new("a", format!("{p}。")).with_place("甲市").with_date("2022-01-01"),
///     ReuseDocument::new("b", format!("据悉，{p}。")).with_place("乙市"),
/// ];
/// let report = Reuse::default().find(&docs);
/// let places = vec!["甲市".to_string(), "乙市".to_string()];
/// let v = ReuseView::from_report(&report, &places, 10);
/// assert_eq!(v.matrix[0][1], 1);
/// assert_eq!(v.clusters[0].first_place.as_deref(), Some("甲市"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReuseView {
    /// Shortest passage counted (letters and digits beyond stock phrases).
    pub min_chars: usize,
    /// The places, in the order of the matrix.
    pub places: Vec<String>,
    /// `matrix[i][j]`: passages shared by places `i` and `j`; on the
    /// diagonal, passages shared by two documents of the same place.
    pub matrix: Vec<Vec<u64>>,
    /// Clusters in all.
    pub passages: usize,
    /// The largest clusters.
    pub clusters: Vec<ReuseSummary>,
}

/// One shared passage in the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReuseSummary {
    /// Cluster id in the reuse report.
    pub id: usize,
    /// Length in letters and digits.
    pub chars: usize,
    /// The passage (normalized), cut to 80 characters.
    pub text: String,
    /// Documents that carry it.
    pub documents: usize,
    /// Places that carry it, in order of first appearance.
    pub places: Vec<String>,
    /// Place of the earliest dated copy.
    pub first_place: Option<String>,
    /// Date of the earliest dated copy.
    pub first_date: Option<String>,
    /// Path of the earliest dated copy.
    pub first_path: Option<String>,
}

impl ReuseView {
    /// The view of a reuse report whose members carry their group (place)
    /// names; `places` orders the matrix (other names are added after);
    /// `top` clusters are summarized.
    pub fn from_report(report: &crate::reuse::ReuseReport, places: &[String], top: usize) -> Self {
        let mut names: Vec<String> = places.to_vec();
        let name_of =
            |m: &crate::reuse::Member| m.place.clone().unwrap_or_else(|| UNKNOWN.to_string());
        for c in &report.clusters {
            for m in &c.members {
                let n = name_of(m);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        let idx: BTreeMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let mut matrix = vec![vec![0u64; names.len()]; names.len()];
        for c in &report.clusters {
            let mut at: Vec<usize> = c.members.iter().map(|m| idx[name_of(m).as_str()]).collect();
            let docs_per_place = |p: usize| {
                c.members
                    .iter()
                    .filter(|m| idx[name_of(m).as_str()] == p)
                    .map(|m| m.id.as_str())
                    .collect::<BTreeSet<_>>()
                    .len()
            };
            at.sort_unstable();
            at.dedup();
            for (k, &i) in at.iter().enumerate() {
                if docs_per_place(i) >= 2 {
                    matrix[i][i] += 1;
                }
                for &j in &at[k + 1..] {
                    matrix[i][j] += 1;
                    matrix[j][i] += 1;
                }
            }
        }
        let clusters = report
            .clusters
            .iter()
            .take(top)
            .map(|c| {
                let first = c.first.and_then(|i| c.members.get(i));
                let mut ps: Vec<String> = Vec::new();
                for m in &c.members {
                    let n = name_of(m);
                    if !ps.contains(&n) {
                        ps.push(n);
                    }
                }
                ReuseSummary {
                    id: c.id,
                    chars: c.chars,
                    text: c.text.chars().take(80).collect(),
                    documents: c
                        .members
                        .iter()
                        .map(|m| m.id.as_str())
                        .collect::<BTreeSet<_>>()
                        .len(),
                    places: ps,
                    first_place: first.map(name_of),
                    first_date: first.and_then(|m| m.date.clone()),
                    first_path: first.and_then(|m| m.path.clone()),
                }
            })
            .collect();
        ReuseView {
            min_chars: 0,
            places: names,
            matrix,
            passages: report.clusters.len(),
            clusters,
        }
    }

    /// Place pairs by passages shared, most first (`i < j`; the diagonal
    /// last).
    pub fn top_pairs(&self) -> Vec<(String, String, u64)> {
        let mut v = Vec::new();
        for i in 0..self.places.len() {
            for j in i..self.places.len() {
                let n = self.matrix[i][j];
                if n > 0 {
                    v.push((self.places[i].clone(), self.places[j].clone(), n));
                }
            }
        }
        v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (a.0 == a.1).cmp(&(b.0 == b.1))));
        v
    }
}

fn shared_items(
    profiles: &Profiles,
    pick: impl Fn(&Profile) -> &BTreeMap<String, TermStat>,
) -> Vec<SharedItem> {
    let mut acc: BTreeMap<String, (BTreeSet<String>, TermStat)> = BTreeMap::new();
    for p in profiles.profiles.values() {
        for (t, s) in pick(p) {
            let e = acc.entry(t.clone()).or_default();
            e.0.insert(p.name.clone());
            e.1.merge(s);
        }
    }
    let mut v: Vec<SharedItem> = acc
        .into_iter()
        .map(|(text, (places, s))| SharedItem {
            text,
            specific: places.len() == 1,
            places: places.into_iter().collect(),
            documents: s.documents.len(),
            mentions: s.mentions,
            first_date: s.first_date,
            kind: s.kind,
        })
        .collect();
    v.sort_by(|a, b| {
        b.places
            .len()
            .cmp(&a.places.len())
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.text.cmp(&b.text))
    });
    v
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Log-likelihood G² of a term with count `a` in a corpus of `c` tokens
/// against count `b` in a reference of `d` tokens.
///
/// ```
/// let g2 = dangjian::compare::log_likelihood(30, 5, 10_000, 10_000);
/// assert!(g2 > 15.0);
/// assert_eq!(dangjian::compare::log_likelihood(10, 10, 1000, 1000), 0.0);
/// ```
pub fn log_likelihood(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c == 0.0 || d == 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    (2.0 * (term(a, e1) + term(b, e2))).max(0.0)
}

/// Log ratio (base 2) of relative frequencies, with 0.5 added to a zero count
/// in the reference.
pub fn log_ratio(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let b = if b == 0 { 0.5 } else { b as f64 };
    let a = if a == 0 { 0.5 } else { a as f64 };
    ((a / c.max(1) as f64) / (b / d.max(1) as f64)).log2()
}

/// Compares the profiles; see the module documentation.
pub fn compare(profiles: &Profiles, options: &CompareOptions) -> Comparison {
    Comparison {
        group_by: profiles.group_by,
        places: place_summaries(profiles),
        formulations: shared_items(profiles, |p| &p.formulations),
        slogans: shared_items(profiles, |p| &p.slogans),
        similarity: similarity(profiles),
        diffusion: crate::spread::diffusion(
            profiles
                .profiles
                .values()
                .filter(|p| p.name != UNKNOWN)
                .flat_map(|p| {
                    p.formulations.iter().map(|(t, s)| crate::spread::Use {
                        place: &p.name,
                        code: p.code.as_deref(),
                        text: t,
                        first_date: s.first_date.as_deref(),
                    })
                }),
            3,
        ),
        keyness: keyness(profiles, options),
        indicators: indicators(profiles),
        reuse: None,
    }
}

/// What each place's profile holds: documents, characters, dates.
fn place_summaries(profiles: &Profiles) -> Vec<PlaceSummary> {
    profiles
        .profiles
        .values()
        .map(|p| PlaceSummary {
            name: p.name.clone(),
            level: p.level.clone(),
            code: p.code.clone(),
            documents: p.documents.len(),
            chars: p.chars,
            dates: [p.first_date.clone(), p.last_date.clone()],
            province: crate::spread::province_of(p.code.as_deref()).0,
            city: crate::spread::province_of(p.code.as_deref()).1,
        })
        .collect()
}

/// Formulation sets as sorted ids, with each id's weight `ln(N / n)`.
struct WeightedSets {
    names: Vec<String>,
    texts: Vec<String>,
    sets: Vec<Vec<u32>>,
    weights: Vec<f64>,
}

impl WeightedSets {
    fn new(profiles: &Profiles) -> Self {
        let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
        for p in profiles.profiles.values() {
            for k in p.formulations.keys() {
                let n = ids.len() as u32;
                ids.entry(k.as_str()).or_insert(n);
            }
        }
        let mut texts = vec![String::new(); ids.len()];
        for (t, &i) in &ids {
            texts[i as usize] = (*t).to_string();
        }
        let mut df = vec![0usize; ids.len()];
        let sets: Vec<Vec<u32>> = profiles
            .profiles
            .values()
            .map(|p| {
                let mut v: Vec<u32> = p.formulations.keys().map(|k| ids[k.as_str()]).collect();
                v.sort_unstable();
                for &i in &v {
                    df[i as usize] += 1;
                }
                v
            })
            .collect();
        let n = sets.len().max(1) as f64;
        let weights = df.iter().map(|&d| (n / d.max(1) as f64).ln()).collect();
        WeightedSets {
            names: profiles.profiles.keys().cloned().collect(),
            texts,
            sets,
            weights,
        }
    }

    /// Weighted and plain Jaccard of places `i` and `j`, with the shared ids.
    fn pair(&self, i: usize, j: usize) -> (f64, f64, Vec<u32>) {
        let (a, b) = (&self.sets[i], &self.sets[j]);
        let (mut x, mut y) = (0, 0);
        let mut shared = Vec::new();
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    shared.push(a[x]);
                    x += 1;
                    y += 1;
                }
            }
        }
        let w = |v: &[u32]| v.iter().map(|&k| self.weights[k as usize]).sum::<f64>();
        let inter = w(&shared);
        let union = w(a) + w(b) - inter;
        let weighted = if union > 0.0 { inter / union } else { 0.0 };
        let all = a.len() + b.len() - shared.len();
        let plain = if all > 0 {
            shared.len() as f64 / all as f64
        } else {
            0.0
        };
        // `+ 0.0` turns the -0.0 of an empty sum into 0.0.
        (round4(weighted) + 0.0, round4(plain), shared)
    }

    fn similar_pair(&self, i: usize, j: usize) -> SimilarPair {
        let (score, jaccard, mut shared) = self.pair(i, j);
        shared.sort_by(|x, y| {
            self.weights[*y as usize]
                .total_cmp(&self.weights[*x as usize])
                .then_with(|| self.texts[*x as usize].cmp(&self.texts[*y as usize]))
        });
        SimilarPair {
            a: self.names[i].clone(),
            b: self.names[j].clone(),
            score,
            jaccard,
            enough: shared.len() >= MIN_SHARED,
            shared: shared
                .into_iter()
                .map(|k| self.texts[k as usize].clone())
                .collect(),
            formulations: [self.sets[i].len(), self.sets[j].len()],
        }
    }
}

/// A pair as ranked: its key (see [`pair_key`]) and the two places.
type Ranked = (bool, u64, usize, usize, usize);

/// Ranking key of a pair: enough evidence first, then score, then shared.
fn pair_key(enough: bool, score: f64, shared: usize) -> (bool, u64, usize) {
    (enough, (score * 1e6) as u64, shared)
}

/// The similarity view: the matrix of the top places and the ranked pairs.
fn similarity(profiles: &Profiles) -> Similarity {
    let w = WeightedSets::new(profiles);
    let n = w.names.len();
    // The best pairs of each row, then the best of those: never N² pairs
    // held at once.
    let rows: Vec<(usize, Vec<Ranked>)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut best = Vec::new();
            let mut total = 0;
            if w.names[i] == UNKNOWN {
                return (0, best);
            }
            for j in i + 1..n {
                if w.names[j] == UNKNOWN {
                    continue;
                }
                let (score, _, shared) = w.pair(i, j);
                if score <= 0.0 {
                    continue;
                }
                total += 1;
                let (e, s, k) = pair_key(shared.len() >= MIN_SHARED, score, shared.len());
                best.push((e, s, k, i, j));
            }
            best.sort_unstable_by(|x, y| y.cmp(x));
            best.truncate(PAIRS_KEPT);
            (total, best)
        })
        .collect();
    let pairs_total = rows.iter().map(|r| r.0).sum();
    let mut best: Vec<_> = rows.into_iter().flat_map(|r| r.1).collect();
    best.sort_unstable_by(|x, y| {
        (y.0, y.1, y.2)
            .cmp(&(x.0, x.1, x.2))
            .then((x.3, x.4).cmp(&(y.3, y.4)))
    });
    best.truncate(PAIRS_KEPT);
    let pairs = best
        .into_iter()
        .map(|(_, _, _, i, j)| w.similar_pair(i, j))
        .collect();
    let mut shown: Vec<usize> = (0..n).collect();
    if n > MATRIX_PLACES {
        let docs: Vec<usize> = profiles
            .profiles
            .values()
            .map(|p| p.documents.len())
            .collect();
        shown.sort_by_key(|&i| (w.names[i] == UNKNOWN, std::cmp::Reverse(docs[i]), i));
        shown.truncate(MATRIX_PLACES);
        shown.sort_unstable();
    }
    let matrix = shown
        .iter()
        .map(|&i| {
            shown
                .iter()
                .map(|&j| if i == j { 1.0 } else { w.pair(i, j).0 })
                .collect()
        })
        .collect();
    Similarity {
        measure: "weighted_jaccard".to_string(),
        places: shown.iter().map(|&i| w.names[i].clone()).collect(),
        matrix,
        pairs,
        pairs_total,
    }
}

/// Every term's count over all places, and whether it may be distinctive
/// at all (self-references, stop words and place names may not), computed
/// once per distinct term rather than once per place.
fn term_totals(profiles: &Profiles) -> rustc_hash::FxHashMap<&str, (u64, bool)> {
    let stop = jieba_rs::KeywordExtractConfig::default();
    let gazetteer = crate::places::Gazetteer::shared();
    let mut all_terms: rustc_hash::FxHashMap<&str, (u64, bool)> = Default::default();
    for p in profiles.profiles.values() {
        for (t, n) in &p.terms {
            all_terms
                .entry(t.as_str())
                .or_insert_with(|| {
                    let excluded = SELF_REFERENCE.contains(&t.as_str())
                        || stop.stop_words().contains(t.as_str())
                        || gazetteer.is_name(t);
                    (0, excluded)
                })
                .0 += n;
        }
    }
    all_terms
}

/// Distinctive vocabulary: each place's terms against all other places,
/// by log-likelihood G² (at least 3.84, more frequent here than there, at
/// least `min_count` times), the best `top_terms` of each.
fn keyness(profiles: &Profiles, options: &CompareOptions) -> Vec<Keyness> {
    let totals: Vec<u64> = profiles
        .profiles
        .values()
        .map(|p| p.terms.values().sum())
        .collect();
    let grand: u64 = totals.iter().sum();
    let all_terms = term_totals(profiles);
    profiles
        .profiles
        .values()
        .zip(&totals)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(p, &c)| place_keyness(p, c, grand - c, &all_terms, options))
        .collect()
}

/// One place's distinctive terms: `c` is its number of terms, `d` the other
/// places'.
fn place_keyness(
    p: &Profile,
    c: u64,
    d: u64,
    all_terms: &rustc_hash::FxHashMap<&str, (u64, bool)>,
    options: &CompareOptions,
) -> Keyness {
    let mut scored: Vec<(f64, &str, u64, u64)> = p
        .terms
        .iter()
        .filter(|(_, n)| **n >= options.min_count)
        .filter_map(|(t, &a)| {
            let &(total, excluded) = all_terms.get(t.as_str())?;
            let b = total - a;
            if excluded || d == 0 || (a as f64 / c.max(1) as f64) <= (b as f64 / d as f64) {
                return None;
            }
            let g2 = log_likelihood(a, b, c, d);
            (g2 >= 3.84).then_some((g2, t.as_str(), a, b))
        })
        .collect();
    let by_score = |x: &(f64, &str, u64, u64), y: &(f64, &str, u64, u64)| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| x.1.cmp(y.1))
    };
    if scored.len() > options.top_terms {
        scored.select_nth_unstable_by(options.top_terms, by_score);
        scored.truncate(options.top_terms);
    }
    scored.sort_by(by_score);
    Keyness {
        place: p.name.clone(),
        terms: scored
            .into_iter()
            .map(|(g2, t, a, b)| KeyTerm {
                term: t.to_string(),
                g2: round4(g2),
                log_ratio: round4(log_ratio(a, b, c, d)),
                count: a,
            })
            .collect(),
    }
}

/// Claims side by side: one table per indicator, in the order of the
/// indicator taxonomy, rows by place, unit, document and position.
fn indicators(profiles: &Profiles) -> Vec<Indicator> {
    let mut by_indicator: BTreeMap<String, Vec<ClaimRow>> = BTreeMap::new();
    for p in profiles.profiles.values() {
        for c in &p.claims {
            by_indicator
                .entry(c.indicator.clone())
                .or_default()
                .push(c.clone());
        }
    }
    let order: Vec<String> = crate::claims::indicators()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let mut indicators: Vec<Indicator> = by_indicator
        .into_iter()
        .map(|(id, mut rows)| {
            rows.sort_by(|a, b| {
                (&a.place, &a.unit, &a.document, a.span).cmp(&(
                    &b.place,
                    &b.unit,
                    &b.document,
                    b.span,
                ))
            });
            let places: BTreeSet<String> = rows.iter().map(|r| r.place.clone()).collect();
            Indicator {
                label: indicator_label(&id).to_string(),
                indicator: id,
                places: places.into_iter().collect(),
                rows,
            }
        })
        .collect();
    indicators.sort_by_key(|i| {
        order
            .iter()
            .position(|o| *o == i.indicator)
            .unwrap_or(usize::MAX)
    });
    indicators
}
