//! The claims page (`/claims`): the claims of the current search as a
//! table ordered by a column (`order=value`, `order=-value` …, set by
//! clicking a header), filters of the claim itself (indicator, value
//! range, unit, place, year), CSV download, and charts of the values by
//! province and by year, each with its table.
//!
//! The page reads up to [`CLAIMS_PAGE_ROWS`] rows (in order of the
//! document's match) and says so when there are more; order, charts and
//! paging are over those.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::html::{self, Tab, esc};
use super::limits::{CLAIMS_PAGE_ROWS, CLAIMS_PER_PAGE, Fail};
use super::params::{Params, segment};
use crate::claims::format_value;
use crate::search::{ClaimResults, ClaimRow};

/// Sortable columns: key, header.
const COLUMNS: &[(&str, &str)] = &[
    ("value", "value"),
    ("unit", "unit"),
    ("indicator", "indicator"),
    ("object", "object"),
    ("period", "period"),
    ("place", "place"),
    ("date", "date"),
    ("title", "document"),
];

/// Runs the claims search of `p` (the rows the page works on).
pub(super) fn search(archive: &crate::search::Archive, p: &Params) -> Result<ClaimResults, Fail> {
    let req = p.claims(CLAIMS_PAGE_ROWS, 0)?;
    archive.claims(&req).map_err(Fail::from_error)
}

fn cmp_opt(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    // Empty cells last in either order is not worth the code: they sort first.
    a.cmp(b)
}

fn sort_rows(rows: &mut [ClaimRow], order: &str) {
    let (desc, key) = match order.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, order),
    };
    rows.sort_by(|a, b| {
        let o = match key {
            "value" => a.value.total_cmp(&b.value),
            "unit" => a.unit.cmp(&b.unit),
            "indicator" => a.indicator.cmp(&b.indicator),
            "object" => cmp_opt(&a.object, &b.object),
            "period" => cmp_opt(&a.period, &b.period),
            "place" => cmp_opt(&a.place, &b.place),
            "date" => cmp_opt(&a.date, &b.date),
            "title" => cmp_opt(&a.title, &b.title),
            _ => std::cmp::Ordering::Equal,
        };
        if desc { o.reverse() } else { o }
    });
}

/// The province-level region of a claim's place (by the gazetteer).
fn province(cache: &mut HashMap<String, String>, place: Option<&str>) -> String {
    let Some(name) = place else {
        return "(no place)".into();
    };
    if let Some(p) = cache.get(name) {
        return p.clone();
    }
    let g = crate::places::Gazetteer::shared();
    let mut provs: Vec<String> = g
        .lookup(name)
        .iter()
        .filter_map(|p| crate::spread::province_of(Some(&p.code)).0)
        .collect();
    provs.dedup();
    let p = match provs.as_slice() {
        [one] => one.clone(),
        [] => "(not in the gazetteer)".into(),
        _ => "(ambiguous)".into(),
    };
    cache.insert(name.to_string(), p.clone());
    p
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// A chart and its table: claims and median value per group.
fn chart(o: &mut String, title: &str, groups: BTreeMap<String, Vec<f64>>, one_unit: Option<&str>) {
    let mut rows: Vec<(String, usize, f64)> = groups
        .into_iter()
        .map(|(k, mut v)| (k, v.len(), median(&mut v)))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown: Vec<(String, f64, String)> = rows
        .iter()
        .take(30)
        .map(|(k, n, m)| match one_unit {
            Some(u) => (k.clone(), *m, format!("{} {u}", format_value(*m))),
            None => (k.clone(), *n as f64, n.to_string()),
        })
        .collect();
    let what = match one_unit {
        Some(u) => format!("{title}: median value ({u})"),
        None => format!("{title}: claims (choose a unit for values)"),
    };
    o.push_str("<div class=\"panel\">");
    o.push_str(&html::bars(&what, &shown));
    if rows.len() > 30 {
        let _ = write!(
            o,
            "<p class=\"note\">the 30 with most claims; all {} in the table</p>",
            rows.len()
        );
    }
    o.push_str("<details><summary class=\"note\">the chart as a table</summary><div class=\"scroll\"><table><tr><th></th><th class=\"num\">claims</th><th class=\"num\">median</th></tr>");
    for (k, n, m) in &rows {
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"num\">{n}</td><td class=\"num\">{}</td></tr>",
            esc(k),
            format_value(*m)
        );
    }
    o.push_str("</table></div></details></div>");
}

fn filters_form(o: &mut String, state: &Params) {
    o.push_str("<form class=\"filters\" method=\"get\" action=\"/claims\">");
    for (key, label, hint) in [
        ("indicator", "indicator", "e.g. community_service"),
        ("min", "value ≥", ""),
        ("max", "value ≤", ""),
        ("unit", "unit", "名, 个, %, 元"),
        ("place", "place", "name or code"),
        ("year", "year", "2020"),
    ] {
        let _ = write!(
            o,
            "<label>{label}<input name=\"{key}\" value=\"{}\" placeholder=\"{}\"></label>",
            esc(state.get(key).unwrap_or("")),
            esc(hint)
        );
    }
    for (k, v) in state.pairs() {
        if !["indicator", "min", "max", "unit", "place", "year"].contains(&k.as_str()) {
            let _ = write!(
                o,
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            );
        }
    }
    o.push_str("<button type=\"submit\">Filter</button></form>");
}

fn table(o: &mut String, p: &Params, rows: &[ClaimRow], order: &str) {
    let state = p.state();
    o.push_str("<div class=\"scroll\"><table class=\"claims\"><tr>");
    for (key, head) in COLUMNS {
        let next = if order == *key {
            format!("-{key}")
        } else {
            key.to_string()
        };
        let arrow = if order == *key {
            " ▲"
        } else if order.strip_prefix('-') == Some(key) {
            " ▼"
        } else {
            ""
        };
        let _ = write!(
            o,
            "<th{}><a href=\"{}\">{head}{arrow}</a></th>",
            if *key == "value" {
                " class=\"num\""
            } else {
                ""
            },
            esc(&state.with("order", Some(&next)).url("/claims"))
        );
    }
    o.push_str("<th>sentence</th></tr>\n");
    for r in rows {
        let value = match r.value_max {
            Some(m) => format!("{}–{}", format_value(r.value), format_value(m)),
            None => format_value(r.value),
        };
        let approx = match r.approx.as_deref() {
            Some("over") => "+",
            Some("about") => "~",
            Some("under") => "<",
            _ => "",
        };
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}{}</td><td class=\"nw\">{}</td><td>{}</td><td>{}</td><td class=\"nw\">{}</td><td class=\"nw\">{}</td><td class=\"nw\">{}</td><td class=\"doc\"><a href=\"/doc/{}\">{}</a></td><td class=\"sent\">{}</td></tr>",
            esc(&value),
            approx,
            esc(&r.unit),
            esc(&r.indicator),
            esc(r.object.as_deref().unwrap_or("")),
            esc(r.period.as_deref().unwrap_or("")),
            esc(r.place.as_deref().unwrap_or("")),
            esc(r.date.as_deref().unwrap_or("")),
            esc(&segment(&r.document)),
            esc(r.title.as_deref().unwrap_or("(untitled)")),
            esc(&r.sentence)
        );
    }
    o.push_str("</table></div>");
}

/// The page.
pub(super) fn render(p: &Params, mut r: ClaimResults) -> Result<String, Fail> {
    let state = p.state();
    let order = p.get("order").unwrap_or("").to_string();
    if !order.is_empty()
        && !COLUMNS
            .iter()
            .any(|(k, _)| order.trim_start_matches('-') == *k)
    {
        return Err(Fail::bad(format!(
            "parameter order is one of the columns, not {order:?}"
        )));
    }
    sort_rows(&mut r.rows, &order);
    let page = p.page()?;
    let mut o = String::new();
    o.push_str("<h1>Claims</h1>");
    html::chips(&mut o, &state, "/claims");
    filters_form(&mut o, &state);
    let _ = write!(
        o,
        "<p class=\"summary\">{}{} claims match ({} ms){}. <a href=\"{}\" download=\"claims.csv\">CSV</a> · <a href=\"{}\">JSON</a> · <a href=\"{}\">the documents</a></p>",
        r.total,
        if r.total_exact { "" } else { " or more" },
        r.took_ms,
        if r.total as usize > r.rows.len() {
            format!(
                "; the first {} (by the documents' match) are ordered, charted and shown here, every one is in the CSV",
                r.rows.len()
            )
        } else {
            String::new()
        },
        esc(&state.url("/api/claims.csv")),
        esc(&state.url("/api/claims")),
        esc(&state.url("/search")),
    );
    let units: std::collections::BTreeSet<&str> = r.rows.iter().map(|c| c.unit.as_str()).collect();
    let one_unit = if units.len() == 1 {
        units.iter().next().copied()
    } else {
        None
    };
    let mut cache = HashMap::new();
    let mut by_prov: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut by_year: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for c in &r.rows {
        by_prov
            .entry(province(&mut cache, c.place.as_deref()))
            .or_default()
            .push(c.value);
        let y = c
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .unwrap_or("(undated)")
            .to_string();
        by_year.entry(y).or_default().push(c.value);
    }
    if !r.rows.is_empty() {
        o.push_str("<div class=\"charts\">");
        chart(&mut o, "By province", by_prov, one_unit);
        chart(&mut o, "By year", by_year, one_unit);
        o.push_str("</div>");
    }
    let start = (page - 1) * CLAIMS_PER_PAGE;
    let shown = r.rows.get(start..).unwrap_or(&[]);
    let shown = &shown[..shown.len().min(CLAIMS_PER_PAGE)];
    table(&mut o, p, shown, &order);
    let pages = r.rows.len().div_ceil(CLAIMS_PER_PAGE);
    if pages > 1 {
        o.push_str("<nav class=\"pager\">");
        for n in 1..=pages {
            if n == page {
                let _ = write!(o, "<span class=\"cur\">{n}</span>");
            } else {
                let link = state
                    .with("order", (!order.is_empty()).then_some(order.as_str()))
                    .with("page", Some(&n.to_string()))
                    .url("/claims");
                let _ = write!(o, "<a href=\"{}\">{n}</a>", esc(&link));
            }
        }
        o.push_str("</nav>");
    }
    Ok(html::page("Claims", Tab::Claims, &state, &o))
}
