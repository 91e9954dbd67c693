//! The URL's query string: the whole state of a page (query, filters,
//! page, order), read into a search request, and written back into links
//! with percent-encoding, so a search can be bookmarked and shared.

use super::limits::{Fail, MAX_OFFSET, MAX_QUERY_CHARS};
use crate::search::{ClaimsRequest, DEFAULT_COUNT_LIMIT, Filters, SearchRequest, Sort};

/// Keys that make up the state of a search, in the order links write them.
pub(super) const STATE_KEYS: &[&str] = &[
    "q",
    "place",
    "year",
    "from",
    "to",
    "source",
    "formulation",
    "slogan",
    "indicator",
    "script",
    "sort",
    "min",
    "max",
    "unit",
];

/// The parameters of a request, in order, empty values dropped.
#[derive(Debug, Clone, Default)]
pub(super) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads a raw query string; a value longer than the bound is refused.
    pub(super) fn parse(raw: Option<&str>) -> Result<Params, Fail> {
        let mut pairs = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            if v.chars().count() > MAX_QUERY_CHARS {
                return Err(Fail::bad(format!(
                    "parameter {k} is longer than {MAX_QUERY_CHARS} characters"
                )));
            }
            pairs.push((k.into_owned(), v.to_string()));
        }
        Ok(Params { pairs })
    }

    /// The first value of `key`.
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn owned(&self, key: &str) -> Option<String> {
        self.get(key).map(str::to_string)
    }

    /// A number, or a 400 that names the parameter.
    pub(super) fn number<T: std::str::FromStr>(&self, key: &str) -> Result<Option<T>, Fail> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| Fail::bad(format!("parameter {key} must be a number, not {v:?}"))),
        }
    }

    /// The page number (1-based).
    pub(super) fn page(&self) -> Result<usize, Fail> {
        Ok(self.number::<usize>("page")?.unwrap_or(1).max(1))
    }

    /// The search these parameters describe (no facets, `limit` hits from `offset`).
    pub(super) fn search(&self, limit: usize, offset: usize) -> Result<SearchRequest, Fail> {
        if offset > MAX_OFFSET {
            return Err(Fail::bad(format!(
                "results past {MAX_OFFSET} are not shown: narrow the search"
            )));
        }
        let sort = match self.get("sort") {
            None | Some("score") => Sort::Score,
            Some("date") => Sort::Date,
            Some(s) => {
                return Err(Fail::bad(format!(
                    "parameter sort is score or date, not {s:?}"
                )));
            }
        };
        Ok(SearchRequest {
            query: self.owned("q"),
            filters: Filters {
                place: self.owned("place"),
                from: self.owned("from"),
                to: self.owned("to"),
                year: self.number("year")?,
                source: self.owned("source"),
                formulation: self.owned("formulation"),
                slogan: self.owned("slogan"),
                script: self.owned("script"),
                indicator: self.owned("indicator"),
            },
            facets: Vec::new(),
            limit,
            offset,
            sort,
            snippets: 2,
            count_limit: Some(DEFAULT_COUNT_LIMIT),
        })
    }

    /// The claims search these parameters describe.
    pub(super) fn claims(&self, limit: usize, offset: usize) -> Result<ClaimsRequest, Fail> {
        Ok(ClaimsRequest {
            search: self.search(limit, offset)?,
            min: self.number("min")?,
            max: self.number("max")?,
            unit: self.owned("unit"),
        })
    }

    /// The state of the search only (no page, no order of a table).
    pub(super) fn state(&self) -> Params {
        Params {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| STATE_KEYS.contains(&k.as_str()))
                .cloned()
                .collect(),
        }
    }

    /// These parameters with `key` set to `value` (or removed with `None`).
    pub(super) fn with(&self, key: &str, value: Option<&str>) -> Params {
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != key)
            .cloned()
            .collect();
        if let Some(v) = value {
            pairs.push((key.to_string(), v.to_string()));
        }
        Params { pairs }
    }

    /// `path?k=v&…`, percent-encoded (not yet escaped for HTML).
    pub(super) fn url(&self, path: &str) -> String {
        if self.pairs.is_empty() {
            return path.to_string();
        }
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            s.append_pair(k, v);
        }
        format!("{path}?{}", s.finish())
    }

    /// The pairs, for hidden form fields.
    pub(super) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// A path segment percent-encoded (an id in `/doc/{id}`).
pub(super) fn segment(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_through_a_url() {
        let p = Params::parse(Some(
            "q=%E5%85%9A%E5%BB%BA+%22a%22&place=450300&page=3&year=2020",
        ))
        .unwrap();
        assert_eq!(p.get("q"), Some("党建 \"a\""));
        let url = p.state().with("year", None).url("/claims");
        let back = Params::parse(url.split_once('?').map(|x| x.1)).unwrap();
        assert_eq!(back.get("q"), Some("党建 \"a\""));
        assert_eq!(back.get("place"), Some("450300"));
        assert_eq!(back.get("page"), None);
        assert_eq!(back.get("year"), None);
        assert!(!url.contains('"') && !url.contains('<'));
    }

    #[test]
    fn bad_numbers_are_named() {
        let p = Params::parse(Some("year=abc")).unwrap();
        let e = p.search(10, 0).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(e.message.contains("year"));
        assert!(Params::parse(Some("sort=x")).unwrap().search(1, 0).is_err());
    }
}
