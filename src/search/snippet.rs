//! Snippets: passages of a hit in its original script, the matched words
//! marked `**…**`, with byte spans into the original text.
//!
//! The body is normalized again here (its map leads back to the body in
//! the original script), the query's terms are found in the normalized
//! body, and the body's paragraph offsets lead from the body to the
//! original text.

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::normalize::Normalizer;

/// Characters of context before a match.
const BEFORE: usize = 24;
/// Characters of context after a match.
const AFTER: usize = 48;

/// One passage of a hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    /// The passage, original script, matches marked `**…**`.
    pub text: String,
    /// Byte span `[start, end)` of the first match in the original text
    /// (of the passage when nothing is marked); `null` when the analysis
    /// came from JSON whose file is gone.
    pub span: Option<[usize; 2]>,
    /// Spans of every marked match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<[usize; 2]>,
}

fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

/// A body offset → an offset of the original text.
fn to_original(offsets: &[[usize; 2]], b: usize) -> Option<usize> {
    let i = offsets.partition_point(|o| o[0] <= b).checked_sub(1)?;
    let [body, orig] = offsets[i];
    Some(orig + (b - body))
}

fn orig_span(offsets: &[[usize; 2]], s: usize, e: usize) -> Option<[usize; 2]> {
    let a = to_original(offsets, s)?;
    Some([a, a + (e - s)])
}

/// Up to `n` snippets of `a` for the normalized query `terms`.
pub fn snippets(a: &Analysis, offsets: &[[usize; 2]], terms: &[String], n: usize) -> Vec<Snippet> {
    if n == 0 || a.body.is_empty() {
        return Vec::new();
    }
    let norm = Normalizer::default().normalize(&a.body);
    let lower = norm.text.to_ascii_lowercase();
    let mut matches: Vec<(usize, usize)> = Vec::new();
    for t in terms {
        let t: String = t
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if t.is_empty() {
            continue;
        }
        for (s, _) in lower.match_indices(t.as_str()).take(500) {
            matches.push((s, s + t.len()));
        }
    }
    matches.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for m in matches {
        match merged.last_mut() {
            Some(last) if m.0 <= last.1 => last.1 = last.1.max(m.1),
            _ => merged.push(m),
        }
    }
    let text = norm.text.as_str();
    let window = |s: usize, e: usize| -> (usize, usize) {
        let mut ws = s;
        for (k, (i, c)) in text[..s].char_indices().rev().enumerate() {
            if is_end(c) || k >= BEFORE {
                break;
            }
            ws = i;
        }
        let mut we = e;
        for (k, (i, c)) in text[e..].char_indices().enumerate() {
            if c == '\n' || k >= AFTER {
                break;
            }
            we = e + i + c.len_utf8();
            if is_end(c) {
                break;
            }
        }
        (ws, we)
    };
    let mut out = Vec::new();
    let mut covered = 0usize;
    for &(s, e) in &merged {
        if out.len() >= n {
            break;
        }
        if s < covered {
            continue;
        }
        let (ws, we) = window(s, e);
        let inside: Vec<(usize, usize)> = merged
            .iter()
            .copied()
            .filter(|&(ms, me)| ms >= ws && me <= we)
            .collect();
        covered = we;
        out.extend(render(a, &norm, offsets, ws, we, &inside));
    }
    if out.is_empty() {
        // Nothing to mark (a title match, or a match across a line):
        // the opening of the body.
        let we = text
            .char_indices()
            .nth(AFTER + BEFORE)
            .map_or(text.len(), |(i, _)| i);
        let we = text[..we].find('\n').unwrap_or(we);
        out.extend(render(a, &norm, offsets, 0, we, &[]));
    }
    out
}

fn render(
    a: &Analysis,
    norm: &crate::normalize::Normalized,
    offsets: &[[usize; 2]],
    ws: usize,
    we: usize,
    marks: &[(usize, usize)],
) -> Option<Snippet> {
    let body = a.body.as_str();
    let (bws, bwe) = norm.map.to_original(ws, we);
    let mut s = String::new();
    let before = norm.text[..ws].chars().next_back();
    if before.is_some_and(|c| !is_end(c)) {
        s.push('…');
    }
    let mut at = bws;
    let mut spans = Vec::new();
    for &(ms, me) in marks {
        let (bs, be) = norm.map.to_original(ms, me);
        let (bs, be) = (bs.clamp(at, bwe), be.clamp(at, bwe));
        s.push_str(body.get(at..bs)?);
        s.push_str("**");
        s.push_str(body.get(bs..be)?);
        s.push_str("**");
        spans.extend(orig_span(offsets, bs, be));
        at = be;
    }
    s.push_str(body.get(at..bwe)?);
    let after = norm.text[we..].chars().next();
    let last = norm.text[..we].chars().next_back();
    if after.is_some_and(|c| c != '\n') && !last.is_some_and(is_end) {
        s.push('…');
    }
    let span = spans
        .first()
        .copied()
        .or_else(|| orig_span(offsets, bws, bwe));
    Some(Snippet {
        text: s.replace('\n', " "),
        span,
        marks: spans,
    })
}
