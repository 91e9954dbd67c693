//! Rendering a [`ReuseReport`]: a terminal table, JSON lines, CSV (one row
//! per member) and a self-contained HTML page.
//!
//! ```
//! use dangjian::reuse::{output, Reuse, ReuseDocument};
//! let p = "镇党委把全镇划分为二十八个网格，每个网格配备一名专职网格员和若干名党员志愿者，负责政策宣传和矛盾排查";
//! let docs = vec![
//!     ReuseDocument::new("a", format!("一、{p}。")).with_path("a.txt").with_date("2023-01-05"),
//!     ReuseDocument::new("b", format!("二、{p}。")).with_path("b.txt"),
//! ];
//! let r = Reuse::default().find(&docs);
//! assert!(output::table(&r).contains("a.txt"));
//! assert_eq!(output::csv(&r).lines().count(), 3); // header + two members
//! assert_eq!(output::jsonl(&r).lines().count(), 1);
//! assert!(output::html(&r).starts_with("<!DOCTYPE html>"));
//! ```

use std::fmt::Write as _;

use super::{Cluster, ReuseReport};
use crate::render::{clip, csv_string, esc, text_table};

/// Clusters shown in the terminal table; the rest are counted.
const TABLE_CLUSTERS: usize = 40;
/// Members shown per cluster in the terminal table.
const TABLE_MEMBERS: usize = 15;

fn place_date(m: &super::Member) -> (String, String) {
    (
        m.place.clone().unwrap_or_else(|| "-".into()),
        m.date.clone().unwrap_or_else(|| "-".into()),
    )
}

fn who(m: &super::Member) -> String {
    m.path.clone().unwrap_or_else(|| m.id.clone())
}

/// The heading line of a cluster: size, length and first appearance.
fn heading(c: &Cluster) -> String {
    let first = match c.first.and_then(|i| c.members.get(i)) {
        Some(m) => {
            let (p, d) = place_date(m);
            format!("first {d} {p} ({})", who(m))
        }
        None => "no dated member".to_string(),
    };
    format!(
        "#{}  {} documents  {} chars  {}",
        c.id,
        c.members.len(),
        c.chars,
        first
    )
}

/// The terminal table: each cluster with its passage and its members by
/// date (the likely source marked ▶).
pub fn table(r: &ReuseReport) -> String {
    let mut out = String::new();
    let docs_in: std::collections::BTreeSet<&str> = r
        .clusters
        .iter()
        .flat_map(|c| c.members.iter().map(|m| m.id.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "TEXT REUSE: {} shared passages in {} of {} documents\n",
        r.clusters.len(),
        docs_in.len(),
        r.documents
    );
    for c in r.clusters.iter().take(TABLE_CLUSTERS) {
        let _ = writeln!(out, "{}", heading(c));
        let _ = writeln!(out, "  「{}」", clip(&c.text, 100));
        let rows: Vec<Vec<String>> = c
            .members
            .iter()
            .enumerate()
            .take(TABLE_MEMBERS)
            .map(|(i, m)| {
                let (p, d) = place_date(m);
                vec![
                    if c.first == Some(i) {
                        "▶".into()
                    } else {
                        " ".into()
                    },
                    d,
                    p,
                    who(m),
                    format!("{}–{}", m.span[0], m.span[1]),
                    m.text.replace(['\n', '\r'], " "),
                ]
            })
            .collect();
        let mut t = String::new();
        text_table(
            &mut t,
            &["", "date", "place", "document", "bytes", "text"],
            &rows,
            44,
        );
        for line in t.lines() {
            let _ = writeln!(out, "  {line}");
        }
        if c.members.len() > TABLE_MEMBERS {
            let _ = writeln!(
                out,
                "  … and {} more members",
                c.members.len() - TABLE_MEMBERS
            );
        }
        out.push('\n');
    }
    if r.clusters.len() > TABLE_CLUSTERS {
        let _ = writeln!(
            out,
            "… and {} more clusters (all of them: --format json, jsonl, csv or html)",
            r.clusters.len() - TABLE_CLUSTERS
        );
    }
    out
}

/// One cluster per line.
pub fn jsonl(r: &ReuseReport) -> String {
    let mut out = String::new();
    for c in &r.clusters {
        if let Ok(s) = serde_json::to_string(c) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}

/// Columns of `dangjian reuse --format csv`.
pub const CSV_COLUMNS: &[&str] = &[
    "cluster",
    "size",
    "chars",
    "first",
    "member",
    "document",
    "path",
    "place",
    "date",
    "start",
    "end",
    "member_chars",
    "text",
];

/// One row per member, with the cluster's id and size.
pub fn csv(r: &ReuseReport) -> String {
    let mut rows = Vec::new();
    for c in &r.clusters {
        for (i, m) in c.members.iter().enumerate() {
            rows.push(vec![
                c.id.to_string(),
                c.members.len().to_string(),
                c.chars.to_string(),
                (c.first == Some(i)).to_string(),
                i.to_string(),
                m.id.clone(),
                m.path.clone().unwrap_or_default(),
                m.place.clone().unwrap_or_default(),
                m.date.clone().unwrap_or_default(),
                m.span[0].to_string(),
                m.span[1].to_string(),
                m.chars.to_string(),
                m.text.clone(),
            ]);
        }
    }
    csv_string(CSV_COLUMNS, rows)
}

/// A self-contained HTML page: one section per cluster, members by date.
pub fn html(r: &ReuseReport) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>dangjian: text reuse</title>\n<style>\nbody{font-family:system-ui,'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}\nh2{font-size:1.1em;border-bottom:2px solid #c0392b;padding-bottom:.2em;margin-top:1.6em}\ntable{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;font-size:.92em;vertical-align:top}th{background:#f6f6f6}\n.passage{background:#fbf3e4;padding:.5em;border-left:3px solid #b9770e}.first{background:#fdecea}\n</style>\n</head>\n<body>\n");
    let _ = writeln!(
        o,
        "<h1>Text reuse</h1>\n<p>{} shared passages in a collection of {} documents; the earliest dated member of each is marked as the likely source.</p>",
        r.clusters.len(),
        r.documents
    );
    for c in &r.clusters {
        let _ = writeln!(o, "<h2>{}</h2>", esc(&heading(c)));
        let _ = writeln!(o, "<p class=\"passage\">{}</p>", esc(&c.text));
        o.push_str("<table>\n<tr><th>date</th><th>place</th><th>document</th><th>bytes</th><th>text</th></tr>\n");
        for (i, m) in c.members.iter().enumerate() {
            let (p, d) = place_date(m);
            let _ = writeln!(
                o,
                "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td></tr>",
                if c.first == Some(i) {
                    " class=\"first\""
                } else {
                    ""
                },
                esc(&d),
                esc(&p),
                esc(&who(m)),
                m.span[0],
                m.span[1],
                esc(&m.text)
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("<p>Made by dangjian.</p>\n</body>\n</html>\n");
    o
}
