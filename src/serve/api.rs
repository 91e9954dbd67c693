//! The JSON API behind the pages, in the shapes of `dangjian search
//! --format json` (and `analyze` for a document), and the claims as CSV
//! (the columns of `search --claims --format csv`).

use super::limits::{Fail, MAX_API_CLAIMS, MAX_API_HITS};
use super::params::Params;
use crate::search::{Archive, CLAIM_ROW_COLUMNS, ClaimResults, SearchResults};

/// Facets `/api/facets` counts: all there are.
const ALL_FACETS: &[&str] = crate::search::FACETS;

fn limit(p: &Params, default: usize, max: usize) -> Result<(usize, usize), Fail> {
    let limit = p.number::<usize>("limit")?.unwrap_or(default);
    if limit > max {
        return Err(Fail::bad(format!("parameter limit is at most {max}")));
    }
    let offset = p.number::<usize>("offset")?.unwrap_or(0);
    Ok((limit, offset))
}

fn facets(p: &Params) -> Result<Vec<String>, Fail> {
    let v: Vec<String> = p
        .get("facets")
        .unwrap_or("")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = v.iter().find(|f| !ALL_FACETS.contains(&f.as_str())) {
        return Err(Fail::bad(format!(
            "unknown facet {bad:?}: one of {}",
            ALL_FACETS.join(", ")
        )));
    }
    Ok(v)
}

/// `/api/search`: hits (`limit`, `offset`, `facets=place,year…`).
pub(super) fn search(archive: &Archive, p: &Params) -> Result<SearchResults, Fail> {
    let (limit, offset) = limit(p, 10, MAX_API_HITS)?;
    let mut req = p.search(limit, offset)?;
    req.facets = facets(p)?;
    if let Some(n) = p.number::<usize>("snippets")? {
        req.snippets = n.min(10);
    }
    archive.search(&req).map_err(Fail::from_error)
}

/// `/api/facets`: every facet (or those of `facets=`), no hits.
pub(super) fn facet_counts(archive: &Archive, p: &Params) -> Result<SearchResults, Fail> {
    let mut req = p.search(1, 0)?;
    req.snippets = 0;
    req.facets = facets(p)?;
    if req.facets.is_empty() {
        req.facets = ALL_FACETS.iter().map(|s| s.to_string()).collect();
    }
    let mut r = archive.search(&req).map_err(Fail::from_error)?;
    r.hits.clear();
    Ok(r)
}

/// `/api/claims`: claim rows.
pub(super) fn claims(archive: &Archive, p: &Params, max: usize) -> Result<ClaimResults, Fail> {
    let (limit, offset) = limit(p, 100.min(max), max)?;
    archive
        .claims(&p.claims(limit, offset)?)
        .map_err(Fail::from_error)
}

/// `/api/claims.csv`: every claim of the search (up to the API's bound).
pub(super) fn claims_csv(archive: &Archive, p: &Params) -> Result<String, Fail> {
    let p = if p.get("limit").is_none() {
        p.with("limit", Some(&MAX_API_CLAIMS.to_string()))
    } else {
        p.clone()
    };
    let r = claims(archive, &p, MAX_API_CLAIMS)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Fail::internal(format!("writing CSV: {e}"));
    w.write_record(CLAIM_ROW_COLUMNS).map_err(err)?;
    for c in &r.rows {
        w.write_record(c.csv_record()).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Fail::internal(format!("writing CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Fail::internal(format!("writing CSV: {e}")))
}
