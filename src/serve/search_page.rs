//! The search page (`/`, `/search`): the facet sidebar (place as a tree,
//! a year histogram, sources, formulations, indicators), the ranked hits
//! with their marked snippets, and paging. Every link is the current URL
//! with one parameter changed, so the URL is the whole state.

use std::fmt::Write as _;

use super::html::{self, Tab, esc, marked};
use super::limits::{Fail, PAGE_HITS};
use super::params::{Params, segment};
use crate::search::{Facet, PlaceCount, SearchResults, ValueCount};

/// Facets the page shows.
pub(super) const FACETS: &[&str] = &["place", "year", "source", "formulation", "indicator"];

/// Subdivisions listed under a place in the tree, most documents first
/// (the JSON of `/api/facets` has every one).
const PLACE_CHILDREN: usize = 40;

/// Values listed before the rest go into "more".
const SHOWN_VALUES: usize = 12;

/// Runs the search of `p` with the page's facets.
pub(super) fn search(archive: &crate::search::Archive, p: &Params) -> Result<SearchResults, Fail> {
    let page = p.page()?;
    let mut req = p.search(PAGE_HITS, (page - 1) * PAGE_HITS)?;
    req.facets = FACETS.iter().map(|s| s.to_string()).collect();
    archive.search(&req).map_err(Fail::from_error)
}

/// The page.
pub(super) fn render(p: &Params, r: &SearchResults, archive_docs: u64) -> String {
    let state = p.state();
    let mut o = String::new();
    o.push_str("<div class=\"layout\">\n<aside>");
    sidebar(&mut o, &state, r);
    o.push_str("</aside>\n<section>\n");
    html::chips(&mut o, &state, "/search");
    let _ = writeln!(
        o,
        "<p class=\"summary\">{} of {} documents match{} ({} ms). Order: {} · <a href=\"{}\">claims of these</a> · <a href=\"{}\">compare these results</a> · <a href=\"{}\">JSON</a></p>",
        r.total,
        archive_docs,
        match p.get("q") {
            Some(q) => format!(" <strong>{}</strong>", esc(q)),
            None => String::new(),
        },
        r.took_ms,
        order_links(&state),
        esc(&state.url("/claims")),
        esc(&state.url("/compare")),
        esc(&p.with("facets", Some(&FACETS.join(","))).url("/api/search")),
    );
    hits(&mut o, r);
    pager(&mut o, p, r.total);
    o.push_str("</section>\n</div>");
    let title = p.get("q").unwrap_or("Search");
    html::page(title, Tab::Search, &state, &o)
}

fn order_links(state: &Params) -> String {
    let by_date = state.get("sort") == Some("date");
    let score = state.with("sort", None).url("/search");
    let date = state.with("sort", Some("date")).url("/search");
    if by_date {
        format!(
            "<a href=\"{}\">relevance</a> · <span class=\"sel\">newest first</span>",
            esc(&score)
        )
    } else {
        format!(
            "<span class=\"sel\">relevance</span> · <a href=\"{}\">newest first</a>",
            esc(&date)
        )
    }
}

fn hits(o: &mut String, r: &SearchResults) {
    if r.hits.is_empty() {
        o.push_str("<p>No document matches. Remove a filter or try other words.</p>");
        return;
    }
    o.push_str("<ol class=\"hits\">\n");
    for h in &r.hits {
        let title = h.title.as_deref().unwrap_or("(untitled)");
        let _ = write!(
            o,
            "<li><h2><a href=\"/doc/{}\">{}</a></h2><div class=\"meta\">",
            esc(&segment(&h.id)),
            esc(title)
        );
        let mut parts = Vec::new();
        if let Some(d) = &h.date {
            parts.push(esc(d));
        }
        if let Some(s) = &h.source {
            parts.push(esc(s));
        }
        if let Some(pl) = &h.place {
            parts.push(esc(&pl.name));
        }
        if let Some(path) = &h.path {
            parts.push(format!("<span class=\"count\">{}</span>", esc(path)));
        }
        o.push_str(&parts.join(" · "));
        o.push_str("</div>");
        for s in &h.snippets {
            let _ = write!(o, "<p class=\"snip\">{}</p>", marked(&s.text));
        }
        o.push_str("</li>\n");
    }
    o.push_str("</ol>\n");
}

fn pager(o: &mut String, p: &Params, total: u64) {
    let pages = (total as usize)
        .div_ceil(PAGE_HITS)
        .min(super::limits::MAX_OFFSET / PAGE_HITS);
    if pages <= 1 {
        return;
    }
    let cur = p.page().unwrap_or(1);
    let state = p.state();
    let link = |n: usize| {
        state
            .with("page", (n > 1).then(|| n.to_string()).as_deref())
            .url("/search")
    };
    o.push_str("<nav class=\"pager\" aria-label=\"pages\">");
    if cur > 1 {
        let _ = write!(
            o,
            "<a href=\"{}\" rel=\"prev\">‹ previous</a>",
            esc(&link(cur - 1))
        );
    }
    let mut last = 0;
    for n in 1..=pages {
        let near = n == 1 || n == pages || n.abs_diff(cur) <= 2;
        if !near {
            continue;
        }
        if n > last + 1 {
            o.push_str("<span>…</span>");
        }
        if n == cur {
            let _ = write!(o, "<span class=\"cur\">{n}</span>");
        } else {
            let _ = write!(o, "<a href=\"{}\">{n}</a>", esc(&link(n)));
        }
        last = n;
    }
    if cur < pages {
        let _ = write!(
            o,
            "<a href=\"{}\" rel=\"next\">next ›</a>",
            esc(&link(cur + 1))
        );
    }
    o.push_str("</nav>");
}

fn sidebar(o: &mut String, state: &Params, r: &SearchResults) {
    if let Some(Facet::Places(tree)) = r.facets.get("place") {
        o.push_str("<section><h3>Place</h3>");
        if state.get("place").is_some() {
            let _ = write!(
                o,
                "<p><a href=\"{}\">← every place</a></p>",
                esc(&state.with("place", None).url("/search"))
            );
        }
        if tree.is_empty() {
            o.push_str("<p class=\"note\">no place known</p>");
        }
        o.push_str("<ul>");
        for (i, pc) in tree.iter().enumerate() {
            place_node(o, state, pc, i < 3 && tree.len() <= 8);
        }
        o.push_str("</ul></section>");
    }
    if let Some(Facet::Values(years)) = r.facets.get("year") {
        year_histogram(o, state, years);
    }
    for (key, title) in [
        ("source", "Source"),
        ("formulation", "Formulation"),
        ("indicator", "Claims of indicator"),
    ] {
        if let Some(Facet::Values(v)) = r.facets.get(key) {
            value_list(o, state, key, title, v);
        }
    }
}

fn place_node(o: &mut String, state: &Params, pc: &PlaceCount, open: bool) {
    let sel = state.get("place") == Some(pc.code.as_str()) || state.get("place") == Some(&pc.name);
    let link = format!(
        "<a href=\"{}\"{}>{}</a> <span class=\"count\">{}</span>",
        esc(&state
            .with("place", Some(&pc.code))
            .with("page", None)
            .url("/search")),
        if sel { " class=\"sel\"" } else { "" },
        esc(&pc.name),
        pc.count
    );
    if pc.children.is_empty() {
        let _ = write!(o, "<li>{link}</li>");
        return;
    }
    let _ = write!(
        o,
        "<li><details{}><summary>{link}</summary><ul>",
        if open { " open" } else { "" }
    );
    for c in pc.children.iter().take(PLACE_CHILDREN) {
        place_node(o, state, c, false);
    }
    if pc.children.len() > PLACE_CHILDREN {
        let _ = write!(
            o,
            "<li class=\"note\">… {} more (every one: /api/facets)</li>",
            pc.children.len() - PLACE_CHILDREN
        );
    }
    o.push_str("</ul></details></li>");
}

fn year_histogram(o: &mut String, state: &Params, years: &[ValueCount]) {
    let mut ys: Vec<(i64, u64)> = years
        .iter()
        .filter_map(|v| v.value.as_i64().map(|y| (y, v.count)))
        .collect();
    ys.sort_unstable();
    o.push_str("<section><h3>Year</h3>");
    if let Some(y) = state.get("year") {
        let _ = write!(
            o,
            "<p>{} · <a href=\"{}\">every year</a></p>",
            esc(y),
            esc(&state.with("year", None).url("/search"))
        );
    }
    let (Some(first), Some(last)) = (ys.first().map(|x| x.0), ys.last().map(|x| x.0)) else {
        o.push_str("<p class=\"note\">no dated document</p></section>");
        return;
    };
    let max = ys.iter().map(|x| x.1).max().unwrap_or(1).max(1);
    o.push_str("<div class=\"hist\">");
    // Every year of the span gets a slot, so gaps show as gaps; a span
    // past a century is drawn as its years with documents only.
    let slots: Vec<(i64, u64)> = if last - first <= 100 {
        (first..=last)
            .map(|y| (y, ys.iter().find(|x| x.0 == y).map_or(0, |x| x.1)))
            .collect()
    } else {
        ys.clone()
    };
    for (y, n) in &slots {
        let h = (*n as f64 / max as f64 * 100.0).max(if *n > 0 { 3.0 } else { 0.0 });
        let ys = y.to_string();
        let on = state.get("year") == Some(ys.as_str());
        let _ = write!(
            o,
            "<a href=\"{}\" style=\"height:{h:.0}%\" title=\"{y}: {n} documents\"{}></a>",
            esc(&state
                .with("year", Some(&ys))
                .with("page", None)
                .url("/search")),
            if on { " class=\"on\"" } else { "" }
        );
    }
    let _ = write!(
        o,
        "</div><div class=\"hist-axis\"><span>{first}</span><span>{last}</span></div>"
    );
    o.push_str("<details><summary class=\"note\">as a table</summary><ul>");
    for (y, n) in ys.iter().rev() {
        let _ = write!(
            o,
            "<li><a href=\"{}\">{y}</a> <span class=\"count\">{n}</span></li>",
            esc(&state.with("year", Some(&y.to_string())).url("/search"))
        );
    }
    o.push_str("</ul></details></section>");
}

fn value_list(o: &mut String, state: &Params, key: &str, title: &str, values: &[ValueCount]) {
    let _ = write!(o, "<section><h3>{}</h3>", esc(title));
    if values.is_empty() {
        o.push_str("<p class=\"note\">none</p></section>");
        return;
    }
    let item = |o: &mut String, v: &ValueCount| {
        let text = match &v.value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let sel = state.get(key) == Some(text.as_str());
        let _ = write!(
            o,
            "<li><a href=\"{}\"{}>{}</a> <span class=\"count\">{}</span></li>",
            esc(&state
                .with(key, Some(&text))
                .with("page", None)
                .url("/search")),
            if sel { " class=\"sel\"" } else { "" },
            esc(&text),
            v.count
        );
    };
    o.push_str("<ul>");
    for v in values.iter().take(SHOWN_VALUES) {
        item(o, v);
    }
    o.push_str("</ul>");
    if values.len() > SHOWN_VALUES {
        let _ = write!(
            o,
            "<details><summary class=\"note\">{} more</summary><ul>",
            values.len() - SHOWN_VALUES
        );
        for v in values.iter().skip(SHOWN_VALUES).take(500) {
            item(o, v);
        }
        o.push_str("</ul></details>");
    }
    if state.get(key).is_some() {
        let _ = write!(
            o,
            "<p><a href=\"{}\">← any {}</a></p>",
            esc(&state.with(key, None).url("/search")),
            esc(key)
        );
    }
    o.push_str("</section>");
}
