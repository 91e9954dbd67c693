//! The table, CSV, Markdown and HTML helpers that every report is written
//! with: aligned terminal tables (CJK characters are two columns wide), CSV
//! strings, Markdown tables and HTML escaping.
//!
//! This module sits below the modules that render results (`report` for a
//! comparison, `reuse` for passages shared between documents) and depends on
//! nothing in the crate, so they can all use it without reading each other.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

/// Pads `s` with spaces to `width` display columns.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Cuts `s` to at most `width` display columns, with an ellipsis.
pub(crate) fn clip(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A plain-text table with columns aligned by display width (CJK characters
/// are two columns wide).
pub(crate) fn text_table(out: &mut String, header: &[&str], rows: &[Vec<String>], max_col: usize) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c, max_col)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| UnicodeWidthStr::width(*h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(UnicodeWidthStr::width(c.as_str()));
            }
        }
    }
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let _ = writeln!(
        out,
        "{}",
        line(header.iter().map(|s| s.to_string()).collect())
    );
    let _ = writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for r in rows {
        let _ = writeln!(out, "{}", line(r));
    }
    out.push('\n');
}

/// One section of a report as cells: the same rows rendered as a terminal
/// table ([`Grid::text`]), a Markdown table ([`Grid::markdown`]) or an
/// HTML table ([`Grid::html`]), so the formats cannot drift apart.
pub(crate) struct Grid {
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Grid {
    pub(crate) fn new(header: &[&str], rows: Vec<Vec<String>>) -> Self {
        Grid {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }

    pub(crate) fn header(&self) -> Vec<&str> {
        self.header.iter().map(String::as_str).collect()
    }

    /// Aligned columns, each cut to `max_col` display columns.
    pub(crate) fn text(&self, out: &mut String, max_col: usize) {
        text_table(out, &self.header(), &self.rows, max_col);
    }

    pub(crate) fn markdown(&self, out: &mut String) {
        md_table(out, &self.header(), &self.rows);
    }

    pub(crate) fn html(&self, out: &mut String) {
        out.push_str("<table>\n<tr>");
        for h in &self.header {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr>\n");
        for r in &self.rows {
            out.push_str("<tr>");
            for c in r {
                let _ = write!(out, "<td>{}</td>", esc(c));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
}

/// CSV text with a header row, quoted where needed.
pub(crate) fn csv_string(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Escapes a Markdown table cell.
pub(crate) fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown table.
pub(crate) fn md_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    );
    for r in rows {
        let _ = writeln!(
            out,
            "| {} |",
            r.iter()
                .map(|c| md_escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    out.push('\n');
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
