//! A document turned into index entries: the analysis's fields as the
//! document's entry (`kind:doc`), each claim as an entry of its own
//! (`kind:claim`, with its document's keys and its own place), and what is
//! stored to give the analysis and the claim rows back.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

use super::keys::{ancestry, claim_place_codes, date_number};
use super::results::ClaimRow;
use super::schema::Fields;
use super::tokenize::{cut_words, normalize};
use crate::analysis::{Analysis, WithoutTerms, term_counts};
use crate::claims::Claim;
use crate::error::{Error, ErrorKind, Result};
use crate::segment::Segmenter;

/// What is kept of a document in the index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct StoredDoc {
    /// The analysis.
    pub(super) a: Analysis,
    /// Body paragraph starts: `[body offset, original offset]`.
    #[serde(default)]
    pub(super) o: Vec<[usize; 2]>,
}

/// A document made ready for the index (on any thread): its tantivy
/// documents (the document and its claims).
pub struct Prepared {
    pub(super) id: String,
    pub(super) path: Option<String>,
    pub(super) docs: Vec<TantivyDocument>,
}

/// Prepares one analysis for the index; pure, so it runs on any thread.
pub fn prepare(a: &Analysis, f: &Fields) -> Result<Prepared> {
    let keys = Keys::of(a);
    let mut docs = vec![document_entry(a, f, &keys)?];
    for (i, c) in a.claims.iter().enumerate() {
        docs.push(claim_entry(a, c, i, f, &keys)?);
    }
    Ok(Prepared {
        id: a.id.clone(),
        path: a.path.clone(),
        docs,
    })
}

/// The keys a document and its claims share: date, year, source and the
/// document's place with the divisions above it.
struct Keys {
    date: i64,
    year: u64,
    source: Option<String>,
    doc_codes: Vec<String>,
}

impl Keys {
    fn of(a: &Analysis) -> Keys {
        let date = a.meta.date.as_deref().and_then(|d| date_number(d, false));
        let year = a
            .meta
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<u64>().ok())
            .unwrap_or(0);
        Keys {
            date: date.unwrap_or(0),
            year,
            source: a.meta.source.as_deref().map(|s| normalize(s.trim())),
            doc_codes: a
                .place
                .as_ref()
                .and_then(|p| p.code.as_deref())
                .map(ancestry)
                .unwrap_or_default(),
        }
    }

    /// Adds date, year and source.
    fn add_to(&self, d: &mut TantivyDocument, f: &Fields) {
        d.add_i64(f.date, self.date);
        d.add_u64(f.year, self.year);
        if let Some(s) = &self.source {
            d.add_text(f.source, s);
        }
    }
}

/// An entry's identity: the document's id and path, and the entry's kind.
fn identity(a: &Analysis, kind: &str, f: &Fields) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &a.id);
    if let Some(p) = &a.path {
        d.add_text(f.path, p);
    }
    d.add_text(f.kind, kind);
    d
}

/// The document's entry: its text, keys, labels and stored analysis.
fn document_entry(a: &Analysis, f: &Fields, keys: &Keys) -> Result<TantivyDocument> {
    let mut doc = identity(a, "doc", f);
    let title = a.meta.title.as_deref().map(normalize).unwrap_or_default();
    let body = normalize(&a.body);
    doc.add_text(f.title, &title);
    doc.add_text(f.title_bi, &title);
    doc.add_text(f.title_uni, &title);
    add_body_words(&mut doc, f, a, &body);
    doc.add_text(f.body_bi, &body);
    keys.add_to(&mut doc, f);
    for c in &keys.doc_codes {
        doc.add_text(f.place, c);
    }
    if let Some(p) = &a.place {
        doc.add_text(f.place_name, normalize(&p.name));
    }
    doc.add_text(f.script, a.script.as_str());
    add_labels(&mut doc, f, a);
    doc.add_bytes(f.stored, &stored_analysis(a)?);
    Ok(doc)
}

/// The body's words, as the space-separated words of
/// [`cut_words`](super::tokenize::cut_words): its content words (what
/// [`term_counts`] counts, and what a query's words rank the body by), the
/// analysis's own counts when it has them (`index` keeps them), so the text
/// is not segmented a second time. An index of version 1 cuts the body
/// itself.
fn add_body_words(doc: &mut TantivyDocument, f: &Fields, a: &Analysis, body: &str) {
    if !f.body_cut {
        doc.add_text(f.body, body);
        return;
    }
    let cut;
    let counts = if a.terms.is_empty() {
        cut = term_counts(&Segmenter::default(), body);
        &cut
    } else {
        &a.terms
    };
    doc.add_text(
        f.body,
        cut_words(counts.iter().map(|(w, c)| (w.as_str(), *c))),
    );
}

/// Formulations, slogans and indicators, each once.
fn add_labels(doc: &mut TantivyDocument, f: &Fields, a: &Analysis) {
    let mut seen = HashSet::new();
    for fm in &a.formulations {
        if seen.insert(fm.text.as_str()) {
            doc.add_text(f.formulation, normalize(&fm.text));
        }
    }
    let mut seen = HashSet::new();
    for s in &a.slogans {
        let n = normalize(&s.text);
        if seen.insert(n.clone()) {
            doc.add_text(f.slogan, n);
        }
    }
    let mut seen = HashSet::new();
    for c in &a.claims {
        if seen.insert(c.indicator.as_str()) {
            doc.add_text(f.indicator, &c.indicator);
        }
    }
}

/// A [`StoredDoc`] as written: the analysis borrowed, without its word
/// counts (the same JSON as a `StoredDoc` of the analysis with its `terms`
/// emptied).
#[derive(Serialize)]
struct StoredDocOut<'a> {
    a: WithoutTerms<'a>,
    o: Vec<[usize; 2]>,
}

/// The analysis as stored (without its word counts, with its body
/// offsets), compressed.
fn stored_analysis(a: &Analysis) -> Result<Vec<u8>> {
    compress(&stored_json(a)?)
}

/// The JSON of [`stored_analysis`], before compression.
fn stored_json(a: &Analysis) -> Result<Vec<u8>> {
    let stored = StoredDocOut {
        a: a.without_terms(),
        o: body_offsets(a),
    };
    serde_json::to_vec(&stored).map_err(|e| Error::new(ErrorKind::Json, e.to_string()))
}

/// zstd at level 1 (most of the ratio of level 3 at about twice the
/// speed), with one compressor per thread: a fresh context per document
/// cost as much as the compression itself.
fn compress(bytes: &[u8]) -> Result<Vec<u8>> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let fail = |e: std::io::Error| Error::new(ErrorKind::Internal, format!("compressing: {e}"));
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(zstd::bulk::Compressor::new(1).map_err(fail)?);
        }
        match c.as_mut() {
            Some(z) => z.compress(bytes).map_err(fail),
            None => Err(Error::new(ErrorKind::Internal, "no compressor")),
        }
    })
}

/// A claim's entry: its document's keys, its own place, its indicator,
/// unit and value, its order in the document, and its row as stored.
fn claim_entry(
    a: &Analysis,
    c: &Claim,
    i: usize,
    f: &Fields,
    keys: &Keys,
) -> Result<TantivyDocument> {
    let mut d = identity(a, "claim", f);
    keys.add_to(&mut d, f);
    let codes = match &c.place {
        Some(name) => {
            let codes = claim_place_codes(&normalize(name), &keys.doc_codes);
            if codes.is_empty() {
                d.add_text(f.place_name, normalize(name));
            }
            codes
        }
        None => keys.doc_codes.clone(),
    };
    for code in &codes {
        d.add_text(f.place, code);
    }
    d.add_text(f.indicator, &c.indicator);
    d.add_text(f.unit, normalize(&c.unit));
    d.add_f64(f.value, c.value);
    d.add_u64(f.seq, i as u64);
    let json = serde_json::to_vec(&claim_row(a, c))
        .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
    d.add_bytes(f.stored, &json);
    Ok(d)
}

/// The row a claims search gives back for a claim.
fn claim_row(a: &Analysis, c: &Claim) -> ClaimRow {
    ClaimRow {
        document: a.id.clone(),
        path: a.path.clone(),
        place: c.place.clone(),
        period: c.period.clone(),
        object: c.object.clone(),
        indicator: c.indicator.clone(),
        value: c.value,
        value_max: c.value_max,
        unit: c.unit.clone(),
        approx: c.approx.map(|x| x.as_str().to_string()),
        text: c.text.clone(),
        start: c.span[0],
        end: c.span[1],
        sentence: c.sentence.clone(),
        date: a.meta.date.clone(),
        title: a.meta.title.clone(),
        score: None,
    }
}

/// Where each body line starts in the original `text`: the body's
/// paragraphs are verbatim slices of it, in order.
pub fn locate_body(body: &str, text: &str) -> Option<Vec<[usize; 2]>> {
    let mut out = Vec::new();
    let mut at_body = 0usize;
    let mut cursor = 0usize;
    for line in body.split('\n') {
        if line.is_empty() {
            out.push([at_body, cursor]);
        } else {
            let found = text.get(cursor..)?.find(line)? + cursor;
            out.push([at_body, found]);
            cursor = found + line.len();
        }
        at_body += line.len() + 1;
    }
    Some(out)
}

/// The body paragraph offsets of an analysis: its own, or found by
/// reading its file again (an analysis read from `index` JSONL), when the
/// file still has the same bytes.
fn body_offsets(a: &Analysis) -> Vec<[usize; 2]> {
    if !a.body_offsets.is_empty() || a.body.is_empty() {
        return a.body_offsets.clone();
    }
    let Some(p) = a.path.as_deref() else {
        return Vec::new();
    };
    match crate::document::Document::from_path(p) {
        Ok(doc) if doc.id == a.id => locate_body(&a.body, &doc.text).unwrap_or_default(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_json_is_the_analysis_with_its_terms_emptied() {
        // An invented report with claims, places, a formulation and the
        // word counts `index` keeps: the borrowed form writes the bytes the
        // copy with `terms` emptied wrote (so they decode to the same
        // `StoredDoc`).
        let p = crate::PipelineBuilder::new()
            .keep_terms(true)
            .build()
            .unwrap();
        let text = "某县召开“三会一课”推进会\n\n\
                    2023年，某县新发展党员120名，建立党支部35个。\n\
                    全县累计开展志愿服务3000余次，服务群众约2万人次。\n";
        let a = p.analyze(&crate::Document::from_text(text.to_string()).with_path("r/1.txt"));
        assert!(!a.terms.is_empty() && !a.claims.is_empty());
        let mut kept = a.clone();
        kept.terms = Vec::new();
        let old = serde_json::to_vec(&StoredDoc {
            o: body_offsets(&a),
            a: kept,
        })
        .unwrap();
        let new = stored_json(&a).unwrap();
        assert_eq!(String::from_utf8(new.clone()), String::from_utf8(old));
        let back: StoredDoc = serde_json::from_slice(&new).unwrap();
        assert_eq!((back.a.id, back.o), (a.id.clone(), a.body_offsets.clone()));
        assert_eq!(back.a.claims.len(), a.claims.len());
    }

    #[test]
    fn body_lines_are_located() {
        let text = "標題\n\n  第一段。\n第二段";
        let body = "第一段。\n第二段";
        let o = locate_body(body, text).unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(&text[o[0][1]..o[0][1] + "第一段".len()], "第一段");
        assert_eq!(&text[o[1][1]..], "第二段");
    }
}
