//! Facet counts over every matching document: values by count, years in
//! order, places as a tree of divisions.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::Count;

use super::archive::{Archive, config, describe};
use super::complement::keep_all;
use super::facet_count::{Counted, Counts, FacetCounter, Key, match_key};
use super::request::SearchRequest;
use super::results::{Facet, PlaceCount, ValueCount};
use crate::error::Result;
use crate::places::Gazetteer;

/// The facets there are, in the order a page shows them.
///
/// ```
/// assert!(dangjian::search::FACETS.contains(&"place"));
/// ```
pub const FACETS: &[&str] = &[
    "place",
    "year",
    "formulation",
    "slogan",
    "source",
    "script",
    "indicator",
];

impl Archive {
    /// Facet counts for a request (its `facets`, or `fields`).
    pub fn facets(
        &self,
        req: &SearchRequest,
        fields: &[String],
    ) -> Result<BTreeMap<String, Facet>> {
        let q = self.doc_query(req)?;
        let counter = facet_counter(fields)?;
        let s = self.reader.searcher();
        let key = match_key(req, &counter);
        if let Some(kept) = self.counted.get(&s, &key) {
            return Ok(kept.facets);
        }
        let (total, all) = match self.counts_by_complement(&s, &*q, req, &counter)? {
            Some((n, all)) => (Some((n, true)), all),
            None => {
                let (n, all) = s
                    .search(&*q, &(Count, counter.clone()))
                    .map_err(|e| describe(&self.dir, e))?;
                (Some((n, true)), all)
            }
        };
        let facets = facets_from(counter.finish(&all));
        let counted = Counted {
            total,
            facets: facets.clone(),
            all: keep_all(req, all),
        };
        self.counted.put(&s, key, counted);
        Ok(facets)
    }
}

/// The counter of the facets named in `fields` (blank names skipped); an
/// unknown name is an error that lists the facets there are.
pub(super) fn facet_counter(fields: &[String]) -> Result<FacetCounter> {
    let mut c = FacetCounter::none();
    for name in fields {
        let name = name.trim();
        if name.is_empty() || c.has(name) {
            continue;
        }
        if !FACETS.contains(&name) {
            return Err(config(format!(
                "unknown facet `{name}` (facets: {})",
                FACETS.join(", ")
            )));
        }
        c = match name {
            "place" => c.keyword(name, 20_000),
            "year" => c.number(name, 1_000),
            _ => c.keyword(name, 1_000),
        };
    }
    Ok(c)
}

/// The facets as answered: places as a tree, years in order (the unknown
/// year, 0, left out), any other values most documents first.
pub(super) fn facets_from(counts: Vec<(String, Counts)>) -> BTreeMap<String, Facet> {
    let mut out = BTreeMap::new();
    for (name, counts) in counts {
        let facet = match name.as_str() {
            "place" => Facet::Places(place_tree(&counts)),
            "year" => {
                let mut v: Vec<(u64, u64)> = counts
                    .into_iter()
                    .filter_map(|(k, c)| match k {
                        Key::U64(y) if y > 0 => Some((y, c)),
                        _ => None,
                    })
                    .collect();
                v.sort_by_key(|x| x.0);
                Facet::Values(
                    v.into_iter()
                        .map(|(y, c)| ValueCount {
                            value: serde_json::json!(y),
                            count: c,
                        })
                        .collect(),
                )
            }
            _ => Facet::Values(
                counts
                    .into_iter()
                    .map(|(k, c)| ValueCount {
                        value: match k {
                            Key::Str(s) => serde_json::Value::String(s),
                            Key::U64(n) => serde_json::json!(n),
                        },
                        count: c,
                    })
                    .collect(),
            ),
        };
        out.insert(name, facet);
    }
    out
}

/// Place counts (every document counted in its place and each division
/// above) as a tree.
fn place_tree(counts: &[(Key, u64)]) -> Vec<PlaceCount> {
    let g = Gazetteer::shared();
    let by_code: HashMap<&str, u64> = counts
        .iter()
        .filter_map(|(k, c)| match k {
            Key::Str(s) => Some((s.as_str(), *c)),
            Key::U64(_) => None,
        })
        .collect();
    let mut children: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    for &code in by_code.keys() {
        let parent = g
            .by_code(code)
            .and_then(|p| g.parent(p))
            .map(|p| p.code.as_str())
            .filter(|pc| by_code.contains_key(pc));
        children.entry(parent).or_default().push(code);
    }
    fn build(
        code: &str,
        by_code: &HashMap<&str, u64>,
        children: &HashMap<Option<&str>, Vec<&str>>,
        depth: usize,
    ) -> PlaceCount {
        let g = Gazetteer::shared();
        let p = g.by_code(code);
        let mut kids: Vec<PlaceCount> = if depth < 8 {
            children
                .get(&Some(code))
                .into_iter()
                .flatten()
                .map(|c| build(c, by_code, children, depth + 1))
                .collect()
        } else {
            Vec::new()
        };
        kids.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        PlaceCount {
            name: p.map_or_else(|| code.to_string(), |p| p.name.clone()),
            code: code.to_string(),
            level: p.map_or("", |p| p.level.as_str()).to_string(),
            count: by_code.get(code).copied().unwrap_or(0),
            children: kids,
        }
    }
    let mut roots: Vec<PlaceCount> = children
        .get(&None)
        .into_iter()
        .flatten()
        .map(|c| build(c, &by_code, &children, 0))
        .collect();
    roots.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    roots
}
