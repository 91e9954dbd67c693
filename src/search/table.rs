//! Search results as the plain-text table `dangjian search` prints.

use std::io::Write;

use super::results::{Facet, PlaceCount, SearchResults};

/// Writes `results` as a table (what `dangjian search` prints).
pub fn write_table(out: &mut dyn Write, r: &SearchResults) -> std::io::Result<()> {
    writeln!(
        out,
        "{}{} documents match{} ({} ms)",
        r.total,
        if r.total_exact {
            ""
        } else {
            "+ (counted up to here; --count-all counts every one)"
        },
        r.query
            .as_deref()
            .map(|q| format!(" {q}"))
            .unwrap_or_default(),
        r.took_ms
    )?;
    for (i, h) in r.hits.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}  [{}]",
            i + 1,
            h.title.as_deref().unwrap_or("(no title)"),
            h.score
                .map_or_else(|| "-".to_string(), |s| format!("{s:.2}"))
        )?;
        writeln!(
            out,
            "   {} | {} | {} | {}",
            h.date.as_deref().unwrap_or("-"),
            h.source.as_deref().unwrap_or("-"),
            h.place.as_ref().map_or("-", |p| p.name.as_str()),
            h.path.as_deref().unwrap_or(&h.id)
        )?;
        for s in &h.snippets {
            let span = s
                .span
                .map(|[a, b]| format!("  @{a}..{b}"))
                .unwrap_or_default();
            writeln!(out, "   {}{span}", s.text)?;
        }
    }
    for (name, facet) in &r.facets {
        writeln!(out)?;
        writeln!(out, "{name}:")?;
        match facet {
            Facet::Places(v) => write_places(out, v, 1)?,
            Facet::Values(v) => {
                for c in v.iter().take(30) {
                    let val = match &c.value {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    writeln!(out, "  {val}  {}", c.count)?;
                }
            }
        }
    }
    Ok(())
}

fn write_places(out: &mut dyn Write, v: &[PlaceCount], depth: usize) -> std::io::Result<()> {
    for p in v.iter().take(30) {
        writeln!(
            out,
            "{}{} ({})  {}",
            "  ".repeat(depth),
            p.name,
            p.code,
            p.count
        )?;
        write_places(out, &p.children, depth + 1)?;
    }
    Ok(())
}
