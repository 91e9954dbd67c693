//! Facet counts over every matching document: values by count, years in
//! order, places as a tree of divisions.

use std::collections::{BTreeMap, HashMap};

use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::query::Query;

use super::archive::{Archive, config, describe, internal};
use super::request::SearchRequest;
use super::results::{Facet, PlaceCount, ValueCount};
use crate::error::Result;
use crate::places::Gazetteer;

impl Archive {
    /// Facet counts for a request (its `facets`, or `fields`).
    pub fn facets(
        &self,
        req: &SearchRequest,
        fields: &[String],
    ) -> Result<BTreeMap<String, Facet>> {
        let q = self.doc_query(req)?;
        self.facets_of(&*q, fields)
    }

    pub(super) fn facets_of(
        &self,
        q: &dyn Query,
        fields: &[String],
    ) -> Result<BTreeMap<String, Facet>> {
        const KNOWN: &[&str] = &[
            "place",
            "year",
            "formulation",
            "slogan",
            "source",
            "script",
            "indicator",
        ];
        let mut aggs = serde_json::Map::new();
        for name in fields {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            if !KNOWN.contains(&name) {
                return Err(config(format!(
                    "unknown facet `{name}` (facets: {})",
                    KNOWN.join(", ")
                )));
            }
            let size = if name == "place" { 20_000 } else { 1_000 };
            aggs.insert(
                name.to_string(),
                serde_json::json!({"terms": {"field": name, "size": size}}),
            );
        }
        let req: Aggregations = serde_json::from_value(serde_json::Value::Object(aggs))
            .map_err(|e| internal(&self.dir, e))?;
        let coll = AggregationCollector::from_aggs(req, Default::default());
        let s = self.reader.searcher();
        let res = s.search(q, &coll).map_err(|e| describe(&self.dir, e))?;
        let v = serde_json::to_value(res).map_err(|e| internal(&self.dir, e))?;
        let mut out = BTreeMap::new();
        for name in fields {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let buckets = v
                .get(name)
                .and_then(|x| x.get("buckets"))
                .and_then(|b| b.as_array())
                .cloned()
                .unwrap_or_default();
            let counts: Vec<(serde_json::Value, u64)> = buckets
                .iter()
                .filter_map(|b| Some((b.get("key")?.clone(), b.get("doc_count")?.as_u64()?)))
                .collect();
            let facet = match name {
                "place" => Facet::Places(place_tree(&counts)),
                "year" => {
                    let mut v: Vec<ValueCount> = counts
                        .into_iter()
                        .filter_map(|(k, c)| {
                            let y = k.as_f64()? as u64;
                            (y > 0).then(|| ValueCount {
                                value: serde_json::json!(y),
                                count: c,
                            })
                        })
                        .collect();
                    v.sort_by_key(|x| x.value.as_u64());
                    Facet::Values(v)
                }
                _ => Facet::Values(
                    counts
                        .into_iter()
                        .map(|(k, c)| ValueCount { value: k, count: c })
                        .collect(),
                ),
            };
            out.insert(name.to_string(), facet);
        }
        Ok(out)
    }
}

/// Place counts (every document counted in its place and each division
/// above) as a tree.
fn place_tree(counts: &[(serde_json::Value, u64)]) -> Vec<PlaceCount> {
    let g = Gazetteer::shared();
    let by_code: HashMap<String, u64> = counts
        .iter()
        .filter_map(|(k, c)| Some((k.as_str()?.to_string(), *c)))
        .collect();
    let mut children: HashMap<Option<String>, Vec<String>> = HashMap::new();
    for code in by_code.keys() {
        let parent = g
            .by_code(code)
            .and_then(|p| g.parent(p))
            .map(|p| p.code.clone())
            .filter(|pc| by_code.contains_key(pc));
        children.entry(parent).or_default().push(code.clone());
    }
    fn build(
        code: &str,
        by_code: &HashMap<String, u64>,
        children: &HashMap<Option<String>, Vec<String>>,
        depth: usize,
    ) -> PlaceCount {
        let g = Gazetteer::shared();
        let p = g.by_code(code);
        let mut kids: Vec<PlaceCount> = if depth < 8 {
            children
                .get(&Some(code.to_string()))
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
