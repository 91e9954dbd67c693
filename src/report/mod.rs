//! Rendering a [`Comparison`]: terminal table, CSV views, Markdown, and a
//! self-contained HTML report with inline SVG charts.
//!
//! ```
//! use dangjian::compare::{compare, CompareOptions, GroupBy, Profiles};
//! use dangjian::report;
//! let c = compare(&Profiles::new(GroupBy::Place), &CompareOptions::default());
//! let html = report::html(&c);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(!html.contains("<script src"));
//! ```
//!
//! Guide: `docs/commands/compare.md` (each format with its output).

use std::fmt::Write as _;

use crate::claims::format_value;
use crate::compare::{ClaimRow, Comparison};
use crate::render::{Grid, clip, csv_string, esc, md_table, text_table};

mod atlas;
pub mod provinces;

/// The CSV views of a comparison.
pub const VIEWS: &[&str] = &[
    "places",
    "formulations",
    "slogans",
    "similarity",
    "keyness",
    "indicators",
    "reuse",
    "reuse_clusters",
];

/// The places compared: documents, characters and the dates they span.
fn places_grid(c: &Comparison) -> Grid {
    let rows = c
        .places
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.level.clone().unwrap_or_else(|| "-".into()),
                p.code.clone().unwrap_or_else(|| "-".into()),
                p.documents.to_string(),
                p.chars.to_string(),
                match (&p.dates[0], &p.dates[1]) {
                    (Some(a), Some(b)) if a == b => a.clone(),
                    (Some(a), Some(b)) => format!("{a} … {b}"),
                    _ => "-".into(),
                },
            ]
        })
        .collect();
    Grid::new(
        &["place", "level", "code", "documents", "characters", "dates"],
        rows,
    )
}

/// Past [`crate::compare::MATRIX_PLACES`] places: one row per province
/// with its places named (the first few, then "… N more").
fn provinces_grid(c: &Comparison) -> Grid {
    let rows = provinces::places_by_province(c)
        .into_iter()
        .map(|(prov, ps)| {
            let names: Vec<String> = ps.iter().map(|p| p.name.clone()).collect();
            vec![
                prov,
                ps.len().to_string(),
                ps.iter().map(|p| p.documents).sum::<usize>().to_string(),
                first_n(&names, 6),
            ]
        })
        .collect();
    Grid::new(&["province", "places", "documents", "places named"], rows)
}

/// Whether places are listed one by one (else rolled up by province).
fn few_places(c: &Comparison) -> bool {
    c.places.len() <= crate::compare::MATRIX_PLACES
}

/// Rows listed in the terminal and Markdown before "… N more".
const ROWS_SHOWN: usize = 30;

/// `rows` cut to `ROWS_SHOWN`, with a last row saying how many were left.
fn cut_rows(mut rows: Vec<Vec<String>>, width: usize) -> Vec<Vec<String>> {
    if rows.len() > ROWS_SHOWN {
        let more = rows.len() - ROWS_SHOWN;
        rows.truncate(ROWS_SHOWN);
        let mut last = vec![String::new(); width];
        if let Some(c) = last.first_mut() {
            *c = format!("… {more} more");
        }
        rows.push(last);
    }
    rows
}

/// The places section of the terminal and Markdown formats.
fn places_section(c: &Comparison) -> Grid {
    if few_places(c) {
        places_grid(c)
    } else {
        provinces_grid(c)
    }
}

/// The similarity matrix of the places' formulation sets.
fn similarity_grid(c: &Comparison) -> Grid {
    let mut header = vec![""];
    header.extend(c.similarity.places.iter().map(String::as_str));
    let rows = c
        .similarity
        .places
        .iter()
        .zip(&c.similarity.matrix)
        .map(|(p, row)| {
            let mut r = vec![p.clone()];
            r.extend(row.iter().map(|v| format!("{v:.2}")));
            r
        })
        .collect();
    Grid::new(&header, rows)
}

/// Shared formulations named in a pair's row.
const SHARED_SHOWN: usize = 6;

/// The names in `items`, the first `n` of them, then "… N more".
pub(crate) fn first_n(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join("、");
    if items.len() > n {
        s.push_str(&format!(" … {} more", items.len() - n));
    }
    s
}

/// The most similar pairs: score, plain Jaccard, what they share and how
/// many formulations each side uses.
fn pairs_grid(c: &Comparison, limit: usize) -> Grid {
    let rows = c
        .similarity
        .pairs
        .iter()
        .take(limit)
        .map(|p| {
            vec![
                p.a.clone(),
                p.b.clone(),
                format!("{:.2}", p.score),
                format!("{:.2}", p.jaccard),
                format!(
                    "{} of {} / {}",
                    p.shared.len(),
                    p.formulations[0],
                    p.formulations[1]
                ),
                format!(
                    "{}{}",
                    first_n(&p.shared, SHARED_SHOWN),
                    if p.enough { "" } else { " (thin evidence)" }
                ),
            ]
        })
        .collect();
    Grid::new(
        &[
            "place",
            "place",
            "weighted",
            "jaccard",
            "shared of a / b",
            "shared formulations",
        ],
        rows,
    )
}

/// A line saying how many pairs are listed out of how many.
fn pairs_note(c: &Comparison, shown: usize) -> String {
    format!(
        "{} places, {} pairs sharing a formulation that not every place uses; the {} most similar (weighted by rarity; pairs sharing fewer than {} formulations rank last){}",
        c.places.len(),
        c.similarity.pairs_total,
        shown.min(c.similarity.pairs.len()),
        crate::compare::MIN_SHARED,
        if c.similarity.pairs_total > shown {
            format!(
                " … {} more",
                c.similarity.pairs_total - shown.min(c.similarity.pairs.len())
            )
        } else {
            String::new()
        }
    )
}

/// Terms listed per place in the short keyness views.
const KEYNESS_SHOWN: usize = 10;

/// Each place's most distinctive terms with their G².
fn keyness_grid(c: &Comparison) -> Grid {
    let rows = c
        .keyness
        .iter()
        .map(|k| {
            let terms: Vec<String> = k
                .terms
                .iter()
                .take(KEYNESS_SHOWN)
                .map(|t| format!("{} {:.0}", t.term, t.g2))
                .collect();
            vec![k.place.clone(), terms.join("  ")]
        })
        .collect();
    Grid::new(&["place", "terms (G²)"], rows)
}

/// The place pairs sharing most passages.
fn reuse_pairs_grid(r: &crate::compare::ReuseView) -> Grid {
    let rows = r
        .top_pairs()
        .into_iter()
        .take(TOP_PAIRS)
        .map(|(a, b, n)| vec![a, b, n.to_string()])
        .collect();
    Grid::new(&["place", "place", "passages"], rows)
}

/// The first `limit` clusters of shared passages (largest first), with the
/// earliest dated copy of each.
fn reuse_clusters_grid(r: &crate::compare::ReuseView, limit: usize) -> Grid {
    let rows = r
        .clusters
        .iter()
        .take(limit)
        .map(|s| {
            vec![
                s.documents.to_string(),
                s.chars.to_string(),
                s.first_date.clone().unwrap_or_else(|| "-".into()),
                s.first_place.clone().unwrap_or_else(|| "-".into()),
                s.places.join("、"),
                s.text.clone(),
            ]
        })
        .collect();
    Grid::new(
        &[
            "docs",
            "chars",
            "first date",
            "first place",
            "places",
            "passage",
        ],
        rows,
    )
}

fn approx_mark(a: Option<crate::claims::Approx>) -> &'static str {
    match a {
        Some(crate::claims::Approx::Over) => "+",
        Some(crate::claims::Approx::About) => "~",
        Some(crate::claims::Approx::Under) => "<",
        None => "",
    }
}

fn value_cell(r: &ClaimRow) -> String {
    let mut v = format_value(r.value);
    if let Some(m) = r.value_max {
        v = format!("{v}–{}", format_value(m));
    }
    format!("{v}{}", approx_mark(r.approx))
}

/// Columns of the claims views.
const CLAIM_HEADER: [&str; 6] = ["place", "value", "unit", "object", "period", "text"];

/// The cells of an indicator's claims, with the place written by `place`.
fn claim_rows(ind: &crate::compare::Indicator, place: impl Fn(&str) -> String) -> Vec<Vec<String>> {
    ind.rows
        .iter()
        .map(|r| {
            vec![
                place(&r.place),
                value_cell(r),
                r.unit.clone(),
                r.object.clone().unwrap_or_default(),
                r.period.clone().unwrap_or_default(),
                r.text.clone(),
            ]
        })
        .collect()
}

fn place_label(c: &Comparison, name: &str) -> String {
    match c
        .places
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.level.clone())
    {
        Some(l) => format!("{name} ({l})"),
        None => name.to_string(),
    }
}

/// Indicators shown in the short views: those with claims from two or more
/// places first.
fn shown_indicators(c: &Comparison) -> Vec<&crate::compare::Indicator> {
    let mut v: Vec<&crate::compare::Indicator> = c.indicators.iter().collect();
    v.sort_by_key(|i| std::cmp::Reverse(i.places.len().min(2)));
    v
}

/// The terminal table (`--format table`).
pub fn table(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "PLACES (grouped by {})\n", c.group_by.as_str());
    if !few_places(c) {
        let _ = writeln!(out, "{} places, rolled up by province\n", c.places.len());
    }
    places_section(c).text(&mut out, if few_places(c) { 40 } else { 70 });

    let _ = writeln!(out, "FORMULATIONS SHARED BY TWO OR MORE PLACES\n");
    let rows: Vec<Vec<String>> = c
        .formulations
        .iter()
        .filter(|f| !f.specific)
        .map(|f| {
            vec![
                f.text.clone(),
                f.places.join("、"),
                f.documents.to_string(),
                f.mentions.to_string(),
            ]
        })
        .collect();
    text_table(
        &mut out,
        &["formulation", "places", "docs", "mentions"],
        &cut_rows(rows, 4),
        60,
    );

    let _ = writeln!(out, "FORMULATIONS SPECIFIC TO ONE PLACE\n");
    let mut by_place: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for f in c.formulations.iter().filter(|f| f.specific) {
        by_place
            .entry(f.places[0].as_str())
            .or_default()
            .push(f.text.as_str());
    }
    let rows: Vec<Vec<String>> = by_place
        .iter()
        .map(|(p, fs)| vec![p.to_string(), fs.join("、")])
        .collect();
    text_table(&mut out, &["place", "formulations"], &cut_rows(rows, 2), 90);

    let shared_slogans: Vec<Vec<String>> = c
        .slogans
        .iter()
        .filter(|s| !s.specific)
        .map(|s| {
            vec![
                s.text.clone(),
                s.kind.clone().unwrap_or_default(),
                s.places.join("、"),
            ]
        })
        .collect();
    if !shared_slogans.is_empty() {
        let _ = writeln!(out, "SLOGANS AND TERMS SHARED BY TWO OR MORE PLACES\n");
        text_table(
            &mut out,
            &["quoted", "kind", "places"],
            &cut_rows(shared_slogans, 3),
            50,
        );
    }

    let _ = writeln!(
        out,
        "SIMILARITY OF FORMULATION SETS ({})\n",
        c.similarity.measure
    );
    let _ = writeln!(out, "{}\n", pairs_note(c, TOP_PAIRS));
    pairs_grid(c, TOP_PAIRS).text(&mut out, 60);
    if c.similarity.places.len() <= MATRIX_MAX_PLACES {
        similarity_grid(c).text(&mut out, 20);
    }
    reuse_table(&mut out, c);

    let _ = writeln!(
        out,
        "DISTINCTIVE VOCABULARY (log-likelihood G² against the other places)\n"
    );
    let mut k = keyness_grid(c);
    k.rows = cut_rows(k.rows, 2);
    k.text(&mut out, 110);

    let _ = writeln!(
        out,
        "CLAIMS SIDE BY SIDE BY INDICATOR (+ over, ~ about, < under)\n"
    );
    for ind in shown_indicators(c)
        .into_iter()
        .filter(|i| i.places.len() >= 2)
    {
        let _ = writeln!(out, "{} — {}", ind.indicator, ind.label);
        let rows = claim_rows(ind, |p| place_label(c, p));
        text_table(&mut out, &CLAIM_HEADER, &cut_rows(rows, 6), 28);
    }
    let single: Vec<String> = c
        .indicators
        .iter()
        .filter(|i| i.places.len() < 2)
        .map(|i| format!("{} ({})", i.indicator, i.rows.len()))
        .collect();
    if !single.is_empty() {
        let _ = writeln!(
            out,
            "Indicators reported by one place only: {}",
            single.join(", ")
        );
        let _ = writeln!(
            out,
            "(all claims: --format json, or --format csv --view indicators)"
        );
    }
    out
}

/// One CSV view (`places`, `formulations`, `slogans`, `similarity`,
/// `keyness`, `indicators`), tidy: one row per observation.
pub fn csv_view(c: &Comparison, view: &str) -> Option<String> {
    Some(match view {
        "places" => csv_string(
            &[
                "place",
                "level",
                "code",
                "documents",
                "chars",
                "first_date",
                "last_date",
            ],
            c.places
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.level.clone().unwrap_or_default(),
                        p.code.clone().unwrap_or_default(),
                        p.documents.to_string(),
                        p.chars.to_string(),
                        p.dates[0].clone().unwrap_or_default(),
                        p.dates[1].clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
        "formulations" | "slogans" => {
            let items = if view == "formulations" {
                &c.formulations
            } else {
                &c.slogans
            };
            csv_string(
                &[
                    "text",
                    "kind",
                    "place",
                    "places_using",
                    "documents",
                    "mentions",
                    "first_date",
                    "specific",
                ],
                items
                    .iter()
                    .flat_map(|f| {
                        f.places.iter().map(move |p| {
                            vec![
                                f.text.clone(),
                                f.kind.clone().unwrap_or_else(|| "formulation".into()),
                                p.clone(),
                                f.places.len().to_string(),
                                f.documents.to_string(),
                                f.mentions.to_string(),
                                f.first_date.clone().unwrap_or_default(),
                                f.specific.to_string(),
                            ]
                        })
                    })
                    .collect(),
            )
        }
        "similarity" => similarity_csv(c),
        "keyness" => csv_string(
            &["place", "term", "g2", "log_ratio", "count"],
            c.keyness
                .iter()
                .flat_map(|k| {
                    k.terms.iter().map(move |t| {
                        vec![
                            k.place.clone(),
                            t.term.clone(),
                            t.g2.to_string(),
                            t.log_ratio.to_string(),
                            t.count.to_string(),
                        ]
                    })
                })
                .collect(),
        ),
        "indicators" => csv_string(
            &[
                "indicator",
                "place",
                "value",
                "value_max",
                "unit",
                "approx",
                "object",
                "period",
                "text",
                "document",
                "path",
                "date",
                "sentence",
            ],
            c.indicators
                .iter()
                .flat_map(|i| {
                    i.rows.iter().map(move |r| {
                        vec![
                            i.indicator.clone(),
                            r.place.clone(),
                            format_value(r.value),
                            r.value_max.map(format_value).unwrap_or_default(),
                            r.unit.clone(),
                            r.approx.map(|a| a.as_str().to_string()).unwrap_or_default(),
                            r.object.clone().unwrap_or_default(),
                            r.period.clone().unwrap_or_default(),
                            r.text.clone(),
                            r.document.clone(),
                            r.path.clone().unwrap_or_default(),
                            r.date.clone().unwrap_or_default(),
                            r.sentence.clone(),
                        ]
                    })
                })
                .collect(),
        ),
        "reuse" => reuse_pairs_csv(c),
        "reuse_clusters" => reuse_clusters_csv(c),
        _ => return None,
    })
}

/// The ranked pairs as CSV, with what each shares.
fn similarity_csv(c: &Comparison) -> String {
    csv_string(
        &[
            "place_a",
            "place_b",
            c.similarity.measure.as_str(),
            "jaccard",
            "shared",
            "formulations_a",
            "formulations_b",
            "enough_evidence",
            "shared_formulations",
        ],
        c.similarity
            .pairs
            .iter()
            .map(|p| {
                vec![
                    p.a.clone(),
                    p.b.clone(),
                    p.score.to_string(),
                    p.jaccard.to_string(),
                    p.shared.len().to_string(),
                    p.formulations[0].to_string(),
                    p.formulations[1].to_string(),
                    p.enough.to_string(),
                    p.shared.join(";"),
                ]
            })
            .collect(),
    )
}

/// Markdown (`--format markdown`).
pub fn markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Comparison by {}\n", c.group_by.as_str());
    let _ = writeln!(out, "## Places\n");
    let _ = writeln!(out, "{} places.\n", c.places.len());
    places_section(c).markdown(&mut out);
    let _ = writeln!(out, "## Formulations\n");
    let rows: Vec<Vec<String>> = c
        .formulations
        .iter()
        .map(|f| {
            vec![
                f.text.clone(),
                first_n(&f.places, 8),
                f.documents.to_string(),
                f.mentions.to_string(),
                if f.specific {
                    "specific".into()
                } else {
                    "shared".into()
                },
            ]
        })
        .collect();
    md_table(
        &mut out,
        &["formulation", "places", "documents", "mentions", "scope"],
        &cut_rows(rows, 5),
    );
    let _ = writeln!(out, "## Similarity ({})\n", c.similarity.measure);
    let _ = writeln!(out, "{}\n", pairs_note(c, TOP_PAIRS));
    pairs_grid(c, TOP_PAIRS).markdown(&mut out);
    if c.similarity.places.len() > 1 {
        let _ = writeln!(
            out,
            "Matrix of the {} places with most documents:\n",
            c.similarity.places.len()
        );
        similarity_grid(c).markdown(&mut out);
    }
    let _ = writeln!(out, "## Distinctive vocabulary\n");
    let mut k = keyness_grid(c);
    k.rows = cut_rows(k.rows, 2);
    k.markdown(&mut out);
    reuse_markdown(&mut out, c);
    let _ = writeln!(out, "## Claims by indicator\n");
    for ind in shown_indicators(c) {
        let _ = writeln!(out, "### {} — {}\n", ind.indicator, ind.label);
        let rows = claim_rows(ind, str::to_string);
        md_table(&mut out, &CLAIM_HEADER, &cut_rows(rows, 6));
    }
    out
}

const PALETTE: &[&str] = &[
    "#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#a04000", "#2e4053",
];

/// Similarity heatmap as SVG.
fn svg_heatmap(c: &Comparison) -> String {
    let n = c.similarity.places.len();
    let (cell, left, top) = (56.0, 130.0, 110.0);
    let w = left + cell * n as f64 + 20.0;
    let h = top + cell * n as f64 + 10.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" aria-label="similarity heatmap">"#
    );
    for (j, p) in c.similarity.places.iter().enumerate() {
        let x = left + cell * j as f64 + cell / 2.0;
        let _ = write!(
            s,
            r#"<text x="{x}" y="{}" transform="rotate(-50 {x} {})" font-size="12">{}</text>"#,
            top - 6.0,
            top - 6.0,
            esc(p)
        );
        let y = top + cell * j as f64 + cell * 0.6;
        let _ = write!(
            s,
            r#"<text x="{}" y="{y}" text-anchor="end" font-size="12">{}</text>"#,
            left - 6.0,
            esc(p)
        );
    }
    for (i, row) in c.similarity.matrix.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let x = left + cell * j as f64;
            let y = top + cell * i as f64;
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{}" height="{}" fill="#2471a3" fill-opacity="{:.2}" stroke="#ffffff"/><text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{v:.2}</text>"##,
                cell - 1.0,
                cell - 1.0,
                0.08 + 0.92 * v,
                x + cell / 2.0,
                y + cell * 0.6,
                if *v > 0.5 { "#ffffff" } else { "#222222" }
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Keyness bars of one place as SVG.
fn svg_keyness(k: &crate::compare::Keyness, color: &str) -> String {
    let terms: Vec<_> = k.terms.iter().take(10).collect();
    let (row, left, width) = (20.0, 150.0, 220.0);
    let h = row * terms.len().max(1) as f64 + 10.0;
    let max = terms.iter().map(|t| t.g2).fold(1.0, f64::max);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{h}" role="img" aria-label="distinctive terms of {}">"#,
        left + width + 60.0,
        esc(&k.place)
    );
    for (i, t) in terms.iter().enumerate() {
        let y = row * i as f64 + 4.0;
        let bw = width * t.g2 / max;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text><rect x="{left}" y="{y}" width="{bw:.1}" height="{}" fill="{color}"/><text x="{}" y="{}" font-size="11">{:.1}</text>"#,
            left - 6.0,
            y + 12.0,
            esc(&t.term),
            row - 6.0,
            left + bw + 4.0,
            y + 12.0,
            t.g2
        );
    }
    if terms.is_empty() {
        s.push_str(r#"<text x="0" y="16" font-size="12">(no term over the thresholds)</text>"#);
    }
    s.push_str("</svg>");
    s
}

/// An indicator chart: one bar per claim, grouped by place, per unit (bars
/// of different units are never on one scale).
fn svg_indicator(ind: &crate::compare::Indicator, places: &[String]) -> String {
    let rows: Vec<&ClaimRow> = ind.rows.iter().collect();
    let (row, left, width) = (20.0, 240.0, 300.0);
    let h = row * rows.len().max(1) as f64 + 10.0;
    let mut max_by_unit: std::collections::HashMap<&str, f64> = Default::default();
    for r in &rows {
        let e = max_by_unit.entry(r.unit.as_str()).or_insert(0.0);
        *e = e.max(r.value_max.unwrap_or(r.value));
    }
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{h}" role="img" aria-label="{}">"#,
        left + width + 90.0,
        esc(&ind.indicator)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = row * i as f64 + 4.0;
        let color = PALETTE[places.iter().position(|p| *p == r.place).unwrap_or(0) % PALETTE.len()];
        let max = max_by_unit
            .get(r.unit.as_str())
            .copied()
            .unwrap_or(1.0)
            .max(f64::MIN_POSITIVE);
        let bw = (width * r.value / max).max(1.0);
        let label = format!("{} · {}", r.place, r.object.as_deref().unwrap_or(""));
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text><rect x="{left}" y="{y}" width="{bw:.1}" height="{}" fill="{color}"><title>{}</title></rect><text x="{}" y="{}" font-size="11">{}{} {}</text>"#,
            left - 6.0,
            y + 12.0,
            esc(&clip(&label, 34)),
            row - 6.0,
            esc(&r.sentence),
            left + bw + 4.0,
            y + 12.0,
            esc(&format_value(r.value)),
            approx_mark(r.approx),
            esc(&r.unit)
        );
    }
    s.push_str("</svg>");
    s
}

/// Style of the HTML report: one column at most 1100 px wide, wide tables
/// scroll inside their box, A4 when printed.
const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:2px solid #c0392b;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;font-size:.92em;overflow-wrap:anywhere}th{background:#f6f6f6}
.grid,.cards,.maps{display:flex;flex-wrap:wrap;gap:1.2em}.card{border:1px solid #eee;padding:.6em;border-radius:6px;max-width:100%}.cards .card{width:360px}
.wide{max-width:100%;overflow-x:auto}svg{max-width:100%;height:auto}
.note{color:#666;font-size:.9em}details{margin:.2em 0}summary{cursor:pointer}
.fgrid td{text-align:center;min-width:2.2em}.fgrid th.v{writing-mode:vertical-rl;vertical-align:bottom;padding:.4em .2em}
.tiles{display:grid;grid-template-columns:repeat(9,44px);grid-auto-rows:40px;gap:3px}
.tile{border:1px solid #ccc;border-radius:3px;font-size:11px;line-height:1.1;text-align:center;padding-top:3px;overflow:hidden}
.tile small{display:block;font-size:10px}figure.map{margin:0}figcaption{font-weight:bold;font-size:.9em;margin-bottom:.3em}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;margin:0;font-size:10pt}details{display:block}details>*{display:block}h2{break-after:avoid}.card,figure,table{break-inside:avoid}.wide{overflow:visible}}
";

/// Keyness cards and per-claim charts are drawn for the places of the
/// similarity matrix only (the top places); the rest are in JSON and CSV.
fn shown_place(c: &Comparison, name: &str) -> bool {
    c.similarity.places.iter().any(|p| p == name)
}

/// Claims per indicator drawn one bar each up to this many.
const CLAIM_BARS: usize = 40;

/// A self-contained HTML report (`--format html`): inline CSS and SVG, no
/// scripts, fonts or images from anywhere.
pub fn html(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>dangjian: comparison of places</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    let docs: usize = c.places.iter().map(|p| p.documents).sum();
    let _ = writeln!(
        o,
        "<h1>Party-building language compared by {}</h1>\n<p class=\"note\">{} places, {} documents, {} formulations.</p>",
        esc(c.group_by.as_str()),
        c.places.len(),
        docs,
        c.formulations.len()
    );
    if c.group_by == crate::compare::GroupBy::Place {
        atlas::maps(&mut o, c);
        atlas::provinces(&mut o, c);
    } else {
        places_grid(c).html(&mut o);
    }
    atlas::formulation_grid(&mut o, c);
    atlas::diffusion(&mut o, c);
    let _ = writeln!(
        o,
        "<h2>Similarity of formulation sets ({})</h2>",
        esc(&c.similarity.measure)
    );
    let _ = writeln!(
        o,
        "<p class=\"note\">{}</p>",
        esc(&pairs_note(c, TOP_PAIRS))
    );
    o.push_str("<div class=\"wide\">");
    pairs_grid(c, TOP_PAIRS).html(&mut o);
    o.push_str("</div>\n");
    if c.similarity.places.len() > 1 {
        let _ = writeln!(
            o,
            "<p class=\"note\">Matrix of the {} places with most documents.</p>",
            c.similarity.places.len()
        );
        o.push_str(&svg_heatmap(c));
        o.push_str("\n<details><summary>The matrix as a table</summary>");
        similarity_grid(c).html(&mut o);
        o.push_str("</details>\n");
    }
    let _ = writeln!(
        o,
        "<h2>Distinctive vocabulary (G² against the other places)</h2>\n<p class=\"note\">The {} places with most documents; every place: --format json or csv.</p>\n<div class=\"grid\">",
        c.similarity.places.len()
    );
    for (i, k) in c
        .keyness
        .iter()
        .filter(|k| shown_place(c, &k.place))
        .enumerate()
    {
        let _ = write!(
            o,
            "<div class=\"card\"><strong>{}</strong><br>",
            esc(&k.place)
        );
        o.push_str(&svg_keyness(k, PALETTE[i % PALETTE.len()]));
        o.push_str("</div>\n");
    }
    o.push_str("</div>\n");
    reuse_html(&mut o, c);
    atlas::distributions(&mut o, c);
    o.push_str("<h2>Claims by indicator</h2>\n<p class=\"note\">One bar per claim, scaled within its unit; + over, ~ about, &lt; under. Hover a bar for its sentence. Indicators with more claims: the table above, or --format csv --view indicators.</p>\n");
    let places = &c.similarity.places;
    for ind in shown_indicators(c)
        .into_iter()
        .filter(|i| i.rows.len() <= CLAIM_BARS)
    {
        let _ = writeln!(o, "<h3>{} — {}</h3>", esc(&ind.indicator), esc(&ind.label));
        o.push_str(&svg_indicator(ind, places));
        o.push_str("\n<details><summary>table</summary>");
        Grid::new(&CLAIM_HEADER, claim_rows(ind, str::to_string)).html(&mut o);
        o.push_str("</details>\n");
    }
    o.push_str("<p class=\"note\">Made by dangjian.</p>\n</body>\n</html>\n");
    o
}

/// More places than this and a terminal table prints the top pairs
/// instead of a matrix wider than the screen (the full matrix stays in
/// json, csv and html).
pub const MATRIX_MAX_PLACES: usize = 15;

/// Pairs listed instead of a matrix.
const TOP_PAIRS: usize = 30;

/// Clusters listed in the terminal and Markdown reuse sections.
const REUSE_SHOWN: usize = 10;

fn reuse_table(out: &mut String, c: &Comparison) {
    let Some(r) = &c.reuse else { return };
    let _ = writeln!(
        out,
        "TEXT REUSE BETWEEN PLACES ({} shared passages of {}+ characters beyond stock phrases)\n",
        r.passages, r.min_chars
    );
    if r.passages == 0 {
        out.push_str("(none)\n\n");
        return;
    }
    let shown: Vec<usize> = (0..r.places.len())
        .filter(|&i| r.matrix[i].iter().any(|n| *n > 0))
        .collect();
    if shown.len() > MATRIX_MAX_PLACES {
        let pairs = reuse_pairs_grid(r);
        let _ = writeln!(
            out,
            "the {} place pairs sharing most passages (all: --format json, csv or html)\n",
            pairs.rows.len()
        );
        pairs.text(out, 30);
    } else {
        let mut header: Vec<String> = vec![String::new()];
        header.extend(shown.iter().map(|&i| r.places[i].clone()));
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = shown
            .iter()
            .map(|&i| {
                let mut row = vec![r.places[i].clone()];
                row.extend(shown.iter().map(|&j| match r.matrix[i][j] {
                    0 => "·".to_string(),
                    n => n.to_string(),
                }));
                row
            })
            .collect();
        text_table(out, &header_refs, &rows, 20);
    }
    reuse_clusters_grid(r, REUSE_SHOWN).text(out, 50);
}

fn reuse_pairs_csv(c: &Comparison) -> String {
    let rows = c
        .reuse
        .iter()
        .flat_map(|r| r.top_pairs())
        .map(|(a, b, n)| vec![a, b, n.to_string()])
        .collect();
    csv_string(&["place_a", "place_b", "passages"], rows)
}

fn reuse_clusters_csv(c: &Comparison) -> String {
    let rows = c
        .reuse
        .iter()
        .flat_map(|r| r.clusters.iter())
        .map(|s| {
            vec![
                s.id.to_string(),
                s.documents.to_string(),
                s.chars.to_string(),
                s.first_place.clone().unwrap_or_default(),
                s.first_date.clone().unwrap_or_default(),
                s.first_path.clone().unwrap_or_default(),
                s.places.join(";"),
                s.text.clone(),
            ]
        })
        .collect();
    csv_string(
        &[
            "cluster",
            "documents",
            "chars",
            "first_place",
            "first_date",
            "first_path",
            "places",
            "text",
        ],
        rows,
    )
}

fn reuse_markdown(out: &mut String, c: &Comparison) {
    let Some(r) = &c.reuse else { return };
    let _ = writeln!(
        out,
        "## Text reuse between places\n\n{} shared passages of {}+ characters beyond stock phrases.\n",
        r.passages, r.min_chars
    );
    for grid in [reuse_pairs_grid(r), reuse_clusters_grid(r, REUSE_SHOWN)] {
        if !grid.rows.is_empty() {
            grid.markdown(out);
        }
    }
}

/// Place × place counts of shared passages as an SVG heatmap.
fn svg_reuse(r: &crate::compare::ReuseView) -> String {
    let shown: Vec<usize> = (0..r.places.len())
        .filter(|&i| r.matrix[i].iter().any(|n| *n > 0))
        .take(60)
        .collect();
    let n = shown.len();
    let cell = if n > 20 { 18.0 } else { 44.0 };
    let (left, top) = (130.0, 110.0);
    let max = r.matrix.iter().flatten().copied().max().unwrap_or(1).max(1) as f64;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" aria-label="shared passages between places">"#,
        left + cell * n as f64 + 20.0,
        top + cell * n as f64 + 10.0
    );
    for (k, &i) in shown.iter().enumerate() {
        let x = left + cell * k as f64 + cell / 2.0;
        let _ = write!(
            s,
            r#"<text x="{x}" y="{}" transform="rotate(-50 {x} {})" font-size="12">{}</text><text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>"#,
            top - 6.0,
            top - 6.0,
            esc(&r.places[i]),
            left - 6.0,
            top + cell * k as f64 + cell * 0.65,
            esc(&r.places[i])
        );
    }
    for (a, &i) in shown.iter().enumerate() {
        for (b, &j) in shown.iter().enumerate() {
            let v = r.matrix[i][j];
            let (x, y) = (left + cell * b as f64, top + cell * a as f64);
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{}" height="{}" fill="#b9770e" fill-opacity="{:.2}" stroke="#ffffff"><title>{} · {}: {v}</title></rect>"##,
                cell - 1.0,
                cell - 1.0,
                if v == 0 {
                    0.05
                } else {
                    0.2 + 0.8 * v as f64 / max
                },
                esc(&r.places[i]),
                esc(&r.places[j])
            );
            if v > 0 && cell > 30.0 {
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" text-anchor="middle" font-size="12">{v}</text>"#,
                    x + cell / 2.0,
                    y + cell * 0.6
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn reuse_html(o: &mut String, c: &Comparison) {
    let Some(r) = &c.reuse else { return };
    let _ = writeln!(
        o,
        "<h2>Text reuse between places</h2>\n<p class=\"note\">{} passages of {}+ characters (beyond stock phrases) shared by two or more documents; a cell counts the passages two places share (the diagonal: two documents of one place).</p>",
        r.passages, r.min_chars
    );
    if r.passages > 0 {
        o.push_str(&svg_reuse(r));
        o.push('\n');
        reuse_clusters_grid(r, usize::MAX).html(o);
    }
}
