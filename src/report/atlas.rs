//! The HTML sections that keep a comparison of hundreds of places on one
//! screen width: places rolled up by province (plain `details`), a tile
//! map of the provinces, formulation × province grids of the top
//! formulations, the diffusion of formulations over time, and claims as
//! distributions per province. Every chart comes with its table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::provinces::places_by_province;
use crate::claims::format_value;
use crate::compare::{Comparison, SharedItem, UNKNOWN};
use crate::render::esc;
use crate::spread::Diffusion;

/// Province-level regions at their approximate position on a grid
/// (column, row); the name is the start of the full name.
const TILES: &[(&str, u8, u8)] = &[
    ("黑龙江", 8, 0),
    ("内蒙古", 5, 1),
    ("吉林", 8, 1),
    ("新疆", 1, 2),
    ("甘肃", 3, 2),
    ("宁夏", 4, 2),
    ("北京", 6, 2),
    ("天津", 7, 2),
    ("辽宁", 8, 2),
    ("青海", 2, 3),
    ("陕西", 4, 3),
    ("山西", 5, 3),
    ("河北", 6, 3),
    ("山东", 7, 3),
    ("西藏", 1, 4),
    ("四川", 3, 4),
    ("重庆", 4, 4),
    ("河南", 5, 4),
    ("安徽", 6, 4),
    ("江苏", 7, 4),
    ("上海", 8, 4),
    ("贵州", 4, 5),
    ("湖北", 5, 5),
    ("江西", 6, 5),
    ("浙江", 7, 5),
    ("云南", 3, 6),
    ("广西", 4, 6),
    ("湖南", 5, 6),
    ("福建", 7, 6),
    ("澳门", 4, 7),
    ("广东", 5, 7),
    ("香港", 6, 7),
    ("台湾", 8, 7),
    ("海南", 4, 8),
];

/// A value and its label per tile.
type TileValues = BTreeMap<&'static str, (f64, String)>;

/// The tile of a province's full name.
fn tile_of(province: &str) -> Option<&'static str> {
    TILES
        .iter()
        .map(|t| t.0)
        .find(|short| province.starts_with(short))
}

/// Places named per province row before "… N more".
const PLACES_NAMED: usize = 8;

/// Places rolled up by province, each expandable to its cities and
/// counties.
pub(crate) fn provinces(o: &mut String, c: &Comparison) {
    let groups = places_by_province(c);
    let _ = writeln!(
        o,
        "<h2>Places by province</h2>\n<p class=\"note\">{} places in {} province-level regions; open a province for its cities and counties.</p>",
        c.places.len(),
        groups.iter().filter(|g| g.0 != UNKNOWN).count()
    );
    for (prov, ps) in &groups {
        let docs: usize = ps.iter().map(|p| p.documents).sum();
        let names: Vec<String> = ps.iter().map(|p| p.name.clone()).collect();
        let _ = write!(
            o,
            "<details><summary><b>{}</b> · {} places · {} documents <span class=\"note\">{}</span></summary>\n<table>\n<tr><th>city</th><th>place</th><th>level</th><th>documents</th><th>characters</th><th>dates</th></tr>\n",
            esc(prov),
            ps.len(),
            docs,
            esc(&crate::report::first_n(&names, PLACES_NAMED))
        );
        for p in ps {
            let dates = match (&p.dates[0], &p.dates[1]) {
                (Some(a), Some(b)) if a == b => a.clone(),
                (Some(a), Some(b)) => format!("{a} … {b}"),
                _ => "-".into(),
            };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(p.city.as_deref().unwrap_or("-")),
                esc(&p.name),
                esc(p.level.as_deref().unwrap_or("-")),
                p.documents,
                p.chars,
                esc(&dates)
            );
        }
        o.push_str("</table>\n</details>\n");
    }
}

/// A tile map of the provinces coloured by `value` (0..=1 after scaling by
/// the largest), with `label` per tile; then its table.
fn tile_map(o: &mut String, title: &str, values: &TileValues) {
    let max = values
        .values()
        .map(|v| v.0)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let _ = write!(
        o,
        "<figure class=\"map\"><figcaption>{}</figcaption><div class=\"tiles\">",
        esc(title)
    );
    for (name, col, row) in TILES {
        let (v, label) = values.get(name).cloned().unwrap_or((0.0, String::new()));
        let alpha = if v > 0.0 { 0.15 + 0.85 * v / max } else { 0.0 };
        let _ = write!(
            o,
            "<div class=\"tile\" style=\"grid-column:{};grid-row:{};background:rgba(192,57,43,{alpha:.2});color:{}\" title=\"{}\">{}<small>{}</small></div>",
            col + 1,
            row + 1,
            if alpha > 0.6 { "#fff" } else { "#222" },
            esc(&format!("{name} {label}")),
            esc(name),
            esc(&label)
        );
    }
    o.push_str("</div></figure>\n");
}

/// The tile maps: documents per province, and the share of places using
/// each of the most widely shared formulations; each with its table.
pub(crate) fn maps(o: &mut String, c: &Comparison) {
    let groups = places_by_province(c);
    let mut docs = TileValues::new();
    for (prov, ps) in &groups {
        if let Some(t) = tile_of(prov) {
            let n: usize = ps.iter().map(|p| p.documents).sum();
            docs.insert(t, (n as f64, n.to_string()));
        }
    }
    o.push_str("<h2>Map of the provinces</h2>\n<p class=\"note\">One tile per province-level region at its approximate position; darker = more.</p>\n<div class=\"maps\">\n");
    tile_map(o, "documents", &docs);
    let top: Vec<&SharedItem> = c
        .formulations
        .iter()
        .filter(|f| !f.specific)
        .take(MAPPED)
        .collect();
    let mut tables: Vec<(String, TileValues)> = Vec::new();
    for f in &top {
        let mut m = TileValues::new();
        for (prov, ps) in &groups {
            let Some(t) = tile_of(prov) else { continue };
            let using = ps
                .iter()
                .filter(|p| f.places.binary_search(&p.name).is_ok())
                .count();
            if using > 0 {
                m.insert(
                    t,
                    (
                        using as f64 / ps.len() as f64,
                        format!("{using}/{}", ps.len()),
                    ),
                );
            }
        }
        tile_map(o, &format!("places using {}", f.text), &m);
        tables.push((f.text.clone(), m));
    }
    o.push_str("</div>\n<details><summary>The maps as a table</summary>\n<table>\n<tr><th>province</th><th>documents</th>");
    for (t, _) in &tables {
        let _ = write!(o, "<th>{}</th>", esc(t));
    }
    o.push_str("</tr>\n");
    for (name, _, _) in TILES {
        let Some(d) = docs.get(name) else { continue };
        let _ = write!(o, "<tr><td>{}</td><td>{}</td>", esc(name), esc(&d.1));
        for (_, m) in &tables {
            let _ = write!(
                o,
                "<td>{}</td>",
                esc(&m.get(name).map(|v| v.1.clone()).unwrap_or_default())
            );
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</table>\n</details>\n");
}

/// Formulations given a map of their own.
const MAPPED: usize = 3;
/// Formulations (columns) in the formulation × place grid.
pub(crate) const GRID_FORMULATIONS: usize = 12;

/// The most widely shared formulations by place (up to 20 places) or by
/// province: a cell is `using/places`, darker for a larger share.
pub(crate) fn formulation_grid(o: &mut String, c: &Comparison) {
    let top: Vec<&SharedItem> = c.formulations.iter().take(GRID_FORMULATIONS).collect();
    let by_place = c.places.len() <= crate::compare::MATRIX_PLACES;
    let rows: Vec<(String, Vec<String>)> = if by_place {
        c.places
            .iter()
            .map(|p| (p.name.clone(), vec![p.name.clone()]))
            .collect()
    } else {
        places_by_province(c)
            .into_iter()
            .map(|(prov, ps)| (prov, ps.iter().map(|p| p.name.clone()).collect()))
            .collect()
    };
    let _ = writeln!(
        o,
        "<h2>Formulations by {}</h2>\n<p class=\"note\">The {} most widely used of {} formulations; a cell counts the places using it{}.</p>",
        if by_place { "place" } else { "province" },
        top.len(),
        c.formulations.len(),
        if by_place {
            ""
        } else {
            " out of the province's places"
        }
    );
    o.push_str("<div class=\"wide\"><table class=\"fgrid\">\n<tr><th></th>");
    for f in &top {
        let _ = write!(o, "<th class=\"v\">{}</th>", esc(&f.text));
    }
    o.push_str("</tr>\n");
    for (name, members) in &rows {
        let _ = write!(o, "<tr><th>{}</th>", esc(name));
        for f in &top {
            let using = members
                .iter()
                .filter(|m| f.places.binary_search(m).is_ok())
                .count();
            let share = using as f64 / members.len().max(1) as f64;
            if using == 0 {
                o.push_str("<td></td>");
            } else {
                let _ = write!(
                    o,
                    "<td style=\"background:rgba(192,57,43,{:.2})\">{}</td>",
                    0.1 + 0.6 * share,
                    if by_place {
                        "●".to_string()
                    } else {
                        format!("{using}/{}", members.len())
                    }
                );
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</table></div>\n");
}

/// A small step chart of the cumulative number of places over time.
fn svg_diffusion(d: &Diffusion) -> String {
    let pts = d.cumulative();
    let (w, h, left, bottom) = (360.0, 120.0, 34.0, 20.0);
    let n = d.first_uses.len().max(1) as f64;
    let day = |s: &str| -> f64 {
        let y: f64 = s.get(..4).and_then(|v| v.parse().ok()).unwrap_or(2000.0);
        let m: f64 = s.get(5..7).and_then(|v| v.parse().ok()).unwrap_or(1.0);
        let dd: f64 = s.get(8..10).and_then(|v| v.parse().ok()).unwrap_or(1.0);
        y + (m - 1.0) / 12.0 + (dd - 1.0) / 365.0
    };
    let t0 = pts.first().map(|p| day(&p.0)).unwrap_or(0.0);
    let t1 = pts
        .last()
        .map(|p| day(&p.0))
        .unwrap_or(1.0)
        .max(t0 + 1.0 / 12.0);
    let x = |t: f64| left + (w - left - 10.0) * (t - t0) / (t1 - t0);
    let y = |k: f64| 8.0 + (h - bottom - 8.0) * (1.0 - k / n);
    let mut path = format!("M{:.1},{:.1}", x(t0), y(0.0));
    for (date, k) in &pts {
        let t = day(date);
        let prev = path.rsplit(',').next().unwrap_or("0").to_string();
        let _ = write!(
            path,
            " L{:.1},{prev} L{:.1},{:.1}",
            x(t),
            x(t),
            y(*k as f64)
        );
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="places using {} over time"><line x1="{left}" y1="{b}" x2="{r}" y2="{b}" stroke="#999"/><line x1="{left}" y1="8" x2="{left}" y2="{b}" stroke="#999"/><text x="{lt}" y="12" font-size="10" text-anchor="end">{}</text><text x="{lt}" y="{b}" font-size="10" text-anchor="end">0</text><text x="{left}" y="{yl}" font-size="10">{}</text><text x="{r}" y="{yl}" font-size="10" text-anchor="end">{}</text><path d="{path}" fill="none" stroke="#c0392b" stroke-width="2"/></svg>"##,
        esc(&d.text),
        d.first_uses.len(),
        esc(pts.first().map(|p| p.0.as_str()).unwrap_or("")),
        esc(pts.last().map(|p| p.0.as_str()).unwrap_or("")),
        b = h - bottom,
        r = w - 10.0,
        lt = left - 4.0,
        yl = h - 6.0,
    )
}

/// Earliest places named per formulation.
const EARLIEST_NAMED: usize = 5;

/// How each widely shared formulation spread: chart, earliest places, and
/// the cumulative table.
pub(crate) fn diffusion(o: &mut String, c: &Comparison) {
    if c.diffusion.is_empty() {
        return;
    }
    o.push_str("<h2>Diffusion of formulations</h2>\n<p class=\"note\">For each formulation used by several places: the first dated document of each place, and the number of places using it by each date.</p>\n<div class=\"cards\">\n");
    for d in &c.diffusion {
        let earliest: Vec<String> = d
            .first_uses
            .iter()
            .map(|u| format!("{} {}", u.place, u.date))
            .collect();
        let _ = write!(
            o,
            "<div class=\"card\"><b>{}</b> · {} places{}<br>{}<p class=\"note\">First: {}</p><details><summary>table</summary><table><tr><th>date</th><th>places by then</th><th>new places</th></tr>",
            esc(&d.text),
            d.first_uses.len(),
            if d.undated > 0 {
                format!(" (+{} undated)", d.undated)
            } else {
                String::new()
            },
            svg_diffusion(d),
            esc(&crate::report::first_n(&earliest, EARLIEST_NAMED))
        );
        let mut prev = 0;
        for (date, k) in d.cumulative() {
            let new: Vec<String> = d.first_uses[prev..k]
                .iter()
                .map(|u| u.place.clone())
                .collect();
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{k}</td><td>{}</td></tr>",
                esc(&date),
                esc(&crate::report::first_n(&new, EARLIEST_NAMED))
            );
            prev = k;
        }
        o.push_str("</table></details></div>\n");
    }
    o.push_str("</div>\n");
}

/// Claims by indicator as distributions per province, with outliers.
pub(crate) fn distributions(o: &mut String, c: &Comparison) {
    let ds = super::provinces::distributions(c);
    if ds.is_empty() {
        return;
    }
    o.push_str("<h2>Claims by indicator, per province</h2>\n<p class=\"note\">Each indicator in its most used unit: the range of values per province (bar from smallest to largest, tick at the median, on a log scale); outliers lie beyond 1.5 interquartile ranges of the log values.</p>\n");
    for d in ds {
        let label = crate::claims::indicator_label(&d.indicator);
        let lo = d
            .provinces
            .iter()
            .map(|p| p.min)
            .fold(f64::INFINITY, f64::min)
            .max(1e-9)
            .log10();
        let hi = d
            .provinces
            .iter()
            .map(|p| p.max)
            .fold(0.0, f64::max)
            .max(1e-9)
            .log10();
        let span = (hi - lo).max(1e-9);
        let _ = write!(
            o,
            "<h3>{} — {} ({})</h3>\n<table>\n<tr><th>province</th><th>claims</th><th>min</th><th>median</th><th>max</th><th>range</th></tr>\n",
            esc(&d.indicator),
            esc(label),
            esc(&d.unit)
        );
        for p in d.provinces.iter().take(PROVINCE_ROWS) {
            let (a, m, b) = (
                (p.min.max(1e-9).log10() - lo) / span * 200.0,
                (p.median.max(1e-9).log10() - lo) / span * 200.0,
                (p.max.max(1e-9).log10() - lo) / span * 200.0,
            );
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210\" height=\"12\"><rect x=\"{:.1}\" y=\"3\" width=\"{:.1}\" height=\"6\" fill=\"#e6b0aa\"/><rect x=\"{:.1}\" y=\"0\" width=\"2\" height=\"12\" fill=\"#c0392b\"/></svg></td></tr>",
                esc(&p.province),
                p.n,
                esc(&format_value(p.min)),
                esc(&format_value(p.median)),
                esc(&format_value(p.max)),
                a + 4.0,
                (b - a).max(2.0),
                m + 4.0 - 1.0
            );
        }
        if d.provinces.len() > PROVINCE_ROWS {
            let _ = writeln!(
                o,
                "<tr><td colspan=\"6\">… {} more</td></tr>",
                d.provinces.len() - PROVINCE_ROWS
            );
        }
        o.push_str("</table>\n");
        if !d.outliers.is_empty() {
            let list: Vec<String> = d
                .outliers
                .iter()
                .map(|x| format!("{} {} ({})", x.place, x.text, x.document))
                .collect();
            let _ = writeln!(
                o,
                "<p class=\"note\">Outliers: {}</p>",
                esc(&list.join("; "))
            );
        }
    }
}

/// Provinces listed per indicator.
const PROVINCE_ROWS: usize = 34;
