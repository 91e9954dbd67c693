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
    /// Matching documents.
    pub total: u64,
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

/// The answer to a [`ClaimsRequest`](super::ClaimsRequest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimResults {
    /// The query as given.
    pub query: Option<String>,
    /// Matching claims.
    pub total: u64,
    /// Time taken.
    pub took_ms: u64,
    /// The rows asked for.
    pub rows: Vec<ClaimRow>,
}
