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
    /// Matches are counted exactly up to this many ([`DEFAULT_COUNT_LIMIT`]
    /// unless set); past it `total` is this number and `total_exact` is
    /// false, and the search stops counting (a common word's matches are
    /// most of an archive). `None` counts every match. Facets count every
    /// match whatever this says, and the total with them.
    #[serde(default = "default_count_limit")]
    pub count_limit: Option<u64>,
}

/// How many matches a search counts exactly unless told otherwise.
pub const DEFAULT_COUNT_LIMIT: u64 = 10_000;

fn default_count_limit() -> Option<u64> {
    Some(DEFAULT_COUNT_LIMIT)
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
            count_limit: default_count_limit(),
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
    /// Counts matches exactly up to `n` (`None`: all of them).
    ///
    /// ```
    /// use dangjian::search::SearchRequest;
    /// let every = SearchRequest::new().query("党建").count_limit(None);
    /// assert_eq!(every.count_limit, None);
    /// assert_eq!(SearchRequest::new().count_limit, Some(10_000));
    /// ```
    pub fn count_limit(mut self, n: Option<u64>) -> Self {
        self.count_limit = n;
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
