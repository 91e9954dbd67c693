//! What is asked of an archive: a document search ([`SearchRequest`], with
//! its [`Filters`] and [`Sort`]) and a claims search ([`ClaimsRequest`]).

use serde::{Deserialize, Serialize};

/// Filters shared by document and claim searches (the CLI's options).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// A place by name or six-digit code; its subdivisions are included.
    pub place: Option<String>,
    /// First date, `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`).
    pub from: Option<String>,
    /// Last date, `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`).
    pub to: Option<String>,
    /// One year.
    pub year: Option<u32>,
    /// Source, exactly (after normalization).
    pub source: Option<String>,
    /// A formulation (canonical, simplified).
    pub formulation: Option<String>,
    /// A slogan or term.
    pub slogan: Option<String>,
    /// `simplified`, `traditional` or `mixed`.
    pub script: Option<String>,
    /// An indicator: documents with a claim of it; for claims, the claim's.
    pub indicator: Option<String>,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// BM25 relevance (the default).
    #[default]
    Score,
    /// Newest first.
    Date,
}

/// A document search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The query ([`query`](super::query) syntax); `None` matches every document.
    pub query: Option<String>,
    /// Filters.
    pub filters: Filters,
    /// Facets to count over all matching documents: `place`, `year`,
    /// `formulation`, `slogan`, `source`, `script`, `indicator`.
    pub facets: Vec<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order.
    pub sort: Sort,
    /// Snippets per hit.
    pub snippets: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: None,
            filters: Filters::default(),
            facets: Vec::new(),
            limit: 10,
            offset: 0,
            sort: Sort::Score,
            snippets: 2,
        }
    }
}

impl SearchRequest {
    /// Everything, ten hits by score.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the query.
    pub fn query(mut self, q: impl Into<String>) -> Self {
        self.query = Some(q.into());
        self
    }
    /// Sets the filters.
    pub fn filters(mut self, f: Filters) -> Self {
        self.filters = f;
        self
    }
    /// Restricts to a place and its subdivisions.
    pub fn place(mut self, p: impl Into<String>) -> Self {
        self.filters.place = Some(p.into());
        self
    }
    /// Restricts to a year.
    pub fn year(mut self, y: u32) -> Self {
        self.filters.year = Some(y);
        self
    }
    /// Asks for facets.
    pub fn facets<S: Into<String>>(mut self, f: impl IntoIterator<Item = S>) -> Self {
        self.facets = f.into_iter().map(Into::into).collect();
        self
    }
    /// Sets the number of hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }
    /// Sets the number of hits skipped.
    pub fn offset(mut self, n: usize) -> Self {
        self.offset = n;
        self
    }
    /// Sets the order.
    pub fn sort(mut self, s: Sort) -> Self {
        self.sort = s;
        self
    }
}

/// A claims search: the document query and filters, plus the claim's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimsRequest {
    /// Query, filters, limit, offset, order (`place`, `year`, dates and
    /// `source` apply to the claim: its own place, its document's date and
    /// source; `indicator` is the claim's).
    pub search: SearchRequest,
    /// Smallest value.
    pub min: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
    /// Unit, exactly (`名`, `个`, `%`, `元` …).
    pub unit: Option<String>,
}
