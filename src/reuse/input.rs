//! Reuse documents from the pipeline's inputs: decoded documents (the
//! body paragraphs of a page are matched, its menus and footers are not)
//! and JSONL records (`index` output, or `{"id", "text"}` lines).
//!
//! ```
//! use dangjian::reuse::ReuseDocument;
//! use dangjian::{Document, Pipeline};
//! let doc = Document::from_text("天津市委组织部\n2021-06-16\n全市机关党组织开展结对共建活动。");
//! let r = ReuseDocument::from_document(&Pipeline::default(), &doc);
//! assert_eq!(r.id, doc.id);
//! assert!(r.regions.is_some());
//!
//! let rec = serde_json::json!({"id": "x1", "text": "正文", "date": "2024-01-02"});
//! let r = ReuseDocument::from_record(&rec).unwrap();
//! assert_eq!((r.text.as_str(), r.date.as_deref()), ("正文", Some("2024-01-02")));
//! ```

use serde_json::Value;

use super::ReuseDocument;
use crate::analysis::Pipeline;
use crate::document::Document;

impl ReuseDocument {
    /// A decoded document, analyzed by `pipeline` for its place and date;
    /// matching is restricted to the page's body paragraphs. A pipeline
    /// with only the cleaning and place stages is enough (and fastest).
    pub fn from_document(pipeline: &Pipeline, doc: &Document) -> ReuseDocument {
        let a = pipeline.analyze(doc);
        let norm = pipeline.normalize(&doc.text);
        let page = if pipeline.stages().clean {
            crate::page::clean(&norm.text)
        } else {
            crate::page::Page::whole(&norm.text)
        };
        let regions = page
            .body
            .iter()
            .map(|r| {
                let (s, e) = norm.map.to_original(r.start, r.end);
                s..e
            })
            .collect();
        ReuseDocument {
            id: doc.id.clone(),
            path: a.path,
            place: a.place.map(|p| p.name),
            date: a.meta.date,
            text: doc.text.clone(),
            regions: None,
        }
        .with_regions(regions)
    }

    /// An analysis, matched on its body (spans refer to the body), as an
    /// `index` record of it is (see [`ReuseDocument::from_record`]).
    ///
    /// ```
    /// let a = dangjian::Pipeline::default().analyze(&dangjian::Document::from_text("全县党员参加培训。"));
    /// let d = dangjian::reuse::ReuseDocument::from_analysis(a);
    /// assert_eq!(d.text, "全县党员参加培训。");
    /// ```
    pub fn from_analysis(a: crate::analysis::Analysis) -> ReuseDocument {
        ReuseDocument {
            id: a.id,
            path: a.path,
            place: a.place.map(|p| p.name),
            date: a.meta.date,
            text: a.body,
            regions: None,
        }
    }

    /// A JSONL record: an `analyze` object (its `body` is matched, and
    /// spans refer to the body) or a `{"id", "text"}` record (spans refer
    /// to `text`), with optional `path`, `place` and `date`. `None` for
    /// error records and records without text.
    pub fn from_record(v: &Value) -> Option<ReuseDocument> {
        if v.get("error").is_some() {
            return None;
        }
        let text = v
            .get("text")
            .or_else(|| v.get("body"))
            .and_then(Value::as_str)?;
        let s = |x: Option<&Value>| x.and_then(Value::as_str).map(str::to_string);
        let place = match v.get("place") {
            Some(Value::String(p)) => Some(p.clone()),
            Some(p) => s(p.get("name")),
            None => None,
        };
        let date = s(v.get("date")).or_else(|| s(v.get("meta").and_then(|m| m.get("date"))));
        Some(ReuseDocument {
            id: s(v.get("id")).unwrap_or_else(|| crate::document::id_of(text.as_bytes())),
            path: s(v.get("path")),
            place,
            date,
            text: text.to_string(),
            regions: None,
        })
    }
}
