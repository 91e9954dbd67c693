//! Export for Elasticsearch and OpenSearch: the `_bulk` NDJSON of
//! `dangjian export --format es-bulk`, for the index template in
//! `docs/search-mapping.json`.
//!
//! Each document is an action line and a source line. The source carries
//! the body pre-segmented (`body_seg`: the project's words, space-separated,
//! for a `whitespace` analyzer) and normalized (`body_norm`, for the
//! template's bigram analyzer), so the cluster needs no Chinese plugin;
//! claims are `nested` objects with numeric values.
//!
//! ```
//! use dangjian::search::export::bulk_lines;
//! use dangjian::{Document, Pipeline};
//! let a = Pipeline::default().analyze(&Document::from_text("1.35万名机关党员到社区报到。".to_string()));
//! let (action, source) = bulk_lines(&a, "dangjian").unwrap();
//! assert!(action.contains("\"_id\""));
//! assert!(source.contains("\"body_seg\""));
//! ```

use serde_json::{Value, json};

use super::tokenize::{normalize, words};
use crate::analysis::Analysis;
use crate::error::{Error, ErrorKind, Result};
use crate::places::Gazetteer;
use crate::segment::Segmenter;

/// The source document of one analysis.
pub fn es_document(a: &Analysis) -> Value {
    let seg = Segmenter::default();
    let body_norm = normalize(&a.body);
    let body_seg: Vec<String> = words(&seg, &body_norm).into_iter().map(|w| w.2).collect();
    let title_norm = a.meta.title.as_deref().map(normalize);
    let title_seg = title_norm.as_deref().map(|t| {
        words(&seg, t)
            .into_iter()
            .map(|w| w.2)
            .collect::<Vec<_>>()
            .join(" ")
    });
    let date = a
        .meta
        .date
        .as_deref()
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-');
    let year = a
        .meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u32>().ok());
    let place_path: Vec<String> = a
        .place
        .as_ref()
        .and_then(|p| p.code.as_deref())
        .map(|c| {
            let g = Gazetteer::shared();
            let mut out = Vec::new();
            let mut cur = g.by_code(c);
            while let Some(p) = cur {
                out.push(p.code.clone());
                cur = g.parent(p);
                if out.len() > 8 {
                    break;
                }
            }
            out
        })
        .unwrap_or_default();
    let mut forms: Vec<String> = a.formulations.iter().map(|f| normalize(&f.text)).collect();
    forms.dedup();
    let mut slogans: Vec<String> = a.slogans.iter().map(|s| normalize(&s.text)).collect();
    slogans.dedup();
    let mut indicators: Vec<String> = a.claims.iter().map(|c| c.indicator.clone()).collect();
    indicators.sort();
    indicators.dedup();
    let claims: Vec<Value> = a
        .claims
        .iter()
        .map(|c| {
            json!({
                "text": c.text,
                "value": c.value,
                "value_max": c.value_max,
                "unit": c.unit,
                "approx": c.approx.map(|x| x.as_str()),
                "object": c.object,
                "indicator": c.indicator,
                "period": c.period,
                "place": c.place,
                "start": c.span[0],
                "end": c.span[1],
                "sentence": c.sentence,
            })
        })
        .collect();
    json!({
        "id": a.id,
        "path": a.path,
        "title": a.meta.title,
        "title_seg": title_seg,
        "title_norm": title_norm,
        "source": a.meta.source,
        "date": date,
        "year": year,
        "script": a.script.as_str(),
        "place": a.place.as_ref().map(|p| json!({"name": p.name, "code": p.code, "level": p.level})),
        "place_path": place_path,
        "body": a.body,
        "body_seg": body_seg.join(" "),
        "body_norm": body_norm,
        "formulations": forms,
        "slogans": slogans,
        "indicators": indicators,
        "keywords": a.keywords.iter().map(|k| k.term.clone()).collect::<Vec<_>>(),
        "claims": claims,
    })
}

/// The action line and the source line of one analysis (no newlines).
pub fn bulk_lines(a: &Analysis, index: &str) -> Result<(String, String)> {
    let action = json!({"index": {"_index": index, "_id": a.id}});
    let source = serde_json::to_string(&es_document(a))
        .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
    Ok((action.to_string(), source))
}
