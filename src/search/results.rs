//! What an archive answers: hits with their snippets, facet counts
//! ([`SearchResults`]) and claim rows ([`ClaimResults`]); the JSON objects
//! of `dangjian search`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::snippet::Snippet;

/// A place, as in the `analyze` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitPlace {
    /// Name.
    pub name: String,
    /// Six-digit code.
    pub code: Option<String>,
    /// Level.
    pub level: String,
}

/// One document found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Path.
    pub path: Option<String>,
    /// BM25 score (`null` when sorted by date).
    pub score: Option<f32>,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Place.
    pub place: Option<HitPlace>,
    /// Passages with the matched words marked `**…**`.
    pub snippets: Vec<Snippet>,
}

/// Count of a place, with its subdivisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCount {
    /// Name.
    pub name: String,
    /// Code.
    pub code: String,
    /// Level.
    pub level: String,
    /// Matching documents in it (its subdivisions' included).
    pub count: u64,
    /// Subdivisions with matching documents.
    pub children: Vec<PlaceCount>,
}

/// Count of a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueCount {
    /// The value (a year is a number).
    pub value: serde_json::Value,
    /// Matching documents.
    pub count: u64,
}

/// One facet's counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Facet {
    /// `place`: a tree.
    Places(Vec<PlaceCount>),
    /// Any other facet.
    Values(Vec<ValueCount>),
}

/// The answer to a [`SearchRequest`](super::SearchRequest); the `search --format json` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: Option<String>,
    /// Matching documents (at least this many when `total_exact` is false).
    pub total: u64,
    /// Whether `total` is every match counted, or the request's
    /// `count_limit` reached.
    #[serde(default = "exact")]
    pub total_exact: bool,
    /// Time taken.
    pub took_ms: u64,
    /// The hits asked for.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching documents.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facets: BTreeMap<String, Facet>,
}

/// One claim row: the columns of `dangjian claims` plus the document's
/// date and title and the score of the document's match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Document id.
    pub document: String,
    /// Document path.
    pub path: Option<String>,
    /// The claim's place.
    pub place: Option<String>,
    /// Time scope.
    pub period: Option<String>,
    /// What is counted.
    pub object: Option<String>,
    /// Indicator.
    pub indicator: String,
    /// Value.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Unit.
    pub unit: String,
    /// `over`, `about`, `under` or `null`.
    pub approx: Option<String>,
    /// Surface.
    pub text: String,
    /// Byte span start in the original text.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
    /// The sentence.
    pub sentence: String,
    /// Document date.
    pub date: Option<String>,
    /// Document title.
    pub title: Option<String>,
    /// Score of the document's match (`null` without a query).
    pub score: Option<f32>,
}

/// The CSV columns of a [`ClaimRow`]: those of `dangjian claims`, then the
/// document's date and title and the match's score (`dangjian search
/// --claims --format csv`, and the claims CSV of `dangjian serve`).
pub const CLAIM_ROW_COLUMNS: &[&str] = &[
    "document",
    "path",
    "place",
    "period",
    "object",
    "indicator",
    "value",
    "value_max",
    "unit",
    "approx",
    "text",
    "start",
    "end",
    "sentence",
    "date",
    "title",
    "score",
];

impl ClaimRow {
    /// The row's CSV fields, in the order of [`CLAIM_ROW_COLUMNS`].
    ///
    /// ```
    /// use dangjian::search::{CLAIM_ROW_COLUMNS, ClaimRow};
    /// let row = ClaimRow {
    ///     document: "d1".into(), path: None, place: Some("某县".into()), period: None,
    ///     object: Some("党员".into()), indicator: "people".into(), value: 1200.0,
    ///     value_max: None, unit: "名".into(), approx: None, text: "1200名".into(),
    ///     start: 3, end: 10, sentence: "有党员1200名。".into(), date: None, title: None,
    ///     score: Some(1.5),
    /// };
    /// let fields = row.csv_record();
    /// assert_eq!(fields.len(), CLAIM_ROW_COLUMNS.len());
    /// assert_eq!(fields[6], "1200");
    /// assert_eq!(fields[16], "1.5000");
    /// ```
    pub fn csv_record(&self) -> [String; 17] {
        let fv = crate::claims::format_value;
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        [
            self.document.clone(),
            opt(&self.path),
            opt(&self.place),
            opt(&self.period),
            opt(&self.object),
            self.indicator.clone(),
            fv(self.value),
            self.value_max.map(fv).unwrap_or_default(),
            self.unit.clone(),
            opt(&self.approx),
            self.text.clone(),
            self.start.to_string(),
            self.end.to_string(),
            self.sentence.clone(),
            opt(&self.date),
            opt(&self.title),
            self.score.map(|x| format!("{x:.4}")).unwrap_or_default(),
        ]
    }
}

/// The answer to a [`ClaimsRequest`](super::ClaimsRequest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimResults {
    /// The query as given.
    pub query: Option<String>,
    /// Matching claims (at least this many when `total_exact` is false).
    pub total: u64,
    /// Whether `total` is every match counted, or the request's
    /// `count_limit` reached.
    #[serde(default = "exact")]
    pub total_exact: bool,
    /// Time taken.
    pub took_ms: u64,
    /// The rows asked for.
    pub rows: Vec<ClaimRow>,
}

fn exact() -> bool {
    true
}
