//! The document page (`/doc/{id}`): the metadata as a table, the body in
//! its original script with claims, formulations, slogans and places
//! marked (hover a mark for what was read from it), a side list of the
//! same, and a link to the analysis JSON.
//!
//! Spans of the analysis are byte offsets into the original text; the
//! archive keeps where each body paragraph starts in it
//! (`Analysis::body_offsets`), which leads a span back onto the body. A
//! span that falls outside the body (in a caption, say), across a
//! paragraph, or off a character boundary is listed but not marked.

use std::fmt::Write as _;

use super::html::{self, Tab, esc};
use super::params::{Params, segment};
use crate::analysis::Analysis;
use crate::claims::format_value;

/// Place names marked at most this many times each.
const PLACE_MARKS: usize = 50;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Claim,
    Form,
    Slogan,
    Place,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Claim => "hl-claim",
            Kind::Form => "hl-form",
            Kind::Slogan => "hl-slogan",
            Kind::Place => "hl-place",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Kind::Claim => "c",
            Kind::Form => "f",
            Kind::Slogan => "s",
            Kind::Place => "p",
        }
    }
}

/// One mark in body offsets.
struct Mark {
    start: usize,
    end: usize,
    kind: Kind,
    /// Index in its list (claims, formulations …).
    item: usize,
    title: String,
}

/// A span of the original text as a span of the body, when it lies
/// inside one body paragraph on character boundaries.
fn to_body(a: &Analysis, span: [usize; 2]) -> Option<(usize, usize)> {
    let [s, e] = span;
    if e <= s {
        return None;
    }
    let offs = &a.body_offsets;
    let i = offs.partition_point(|o| o[1] <= s).checked_sub(1)?;
    let [body, orig] = offs[i];
    let bs = body + (s - orig);
    let be = bs + (e - s);
    let para_end = offs
        .get(i + 1)
        .map_or(a.body.len(), |n| n[0].saturating_sub(1));
    if be > para_end || !a.body.is_char_boundary(bs) || !a.body.is_char_boundary(be) {
        return None;
    }
    Some((bs, be))
}

fn claim_title(c: &crate::claims::Claim) -> String {
    let mut t = format!("{} {}", format_value(c.value), c.unit);
    if let Some(m) = c.value_max {
        t = format!("{}–{} {}", format_value(c.value), format_value(m), c.unit);
    }
    if let Some(a) = &c.approx {
        t.push_str(&format!(" ({})", approx_word(a)));
    }
    t.push_str(&format!(" · indicator {}", c.indicator));
    if let Some(o) = &c.object {
        t.push_str(&format!(" · object {o}"));
    }
    if let Some(p) = &c.period {
        t.push_str(&format!(" · period {p}"));
    }
    if let Some(p) = &c.place {
        t.push_str(&format!(" · place {p}"));
    }
    t
}

fn approx_word(a: &crate::claims::Approx) -> String {
    serde_json::to_value(a)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Where a place's name stands in the body (its full name, else its name
/// without the level word).
fn place_spans(body: &str, name: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = body
        .match_indices(name)
        .take(PLACE_MARKS)
        .map(|(i, m)| (i, i + m.len()))
        .collect();
    if found.is_empty() {
        let short = name.trim_end_matches(['市', '县', '区', '省', '旗']);
        if short.chars().count() >= 2 && short != name {
            found = body
                .match_indices(short)
                .take(PLACE_MARKS)
                .map(|(i, m)| (i, i + m.len()))
                .collect();
        }
    }
    found
}

fn marks(a: &Analysis) -> Vec<Mark> {
    let mut v = Vec::new();
    if !a.body_offsets.is_empty() {
        for (i, c) in a.claims.iter().enumerate() {
            if let Some((s, e)) = to_body(a, c.span) {
                v.push(Mark {
                    start: s,
                    end: e,
                    kind: Kind::Claim,
                    item: i,
                    title: claim_title(c),
                });
            }
        }
        for (i, f) in a.formulations.iter().enumerate() {
            let mut t = format!("formulation {}", f.text);
            if let Some(x) = &f.expansion {
                t.push_str(&format!(" = {}", x.join("、")));
            }
            for m in &f.mentions {
                if let Some((s, e)) = to_body(a, *m) {
                    v.push(Mark {
                        start: s,
                        end: e,
                        kind: Kind::Form,
                        item: i,
                        title: t.clone(),
                    });
                }
            }
        }
        for (i, s) in a.slogans.iter().enumerate() {
            if let Some((st, e)) = to_body(a, s.span) {
                let title = format!("slogan ({}) {}", quote_kind(&s.kind), s.text);
                v.push(Mark {
                    start: st,
                    end: e,
                    kind: Kind::Slogan,
                    item: i,
                    title,
                });
            }
        }
    }
    for (i, p) in a.places.iter().enumerate() {
        let title = format!(
            "place {} ({}{})",
            p.name,
            p.level,
            p.code
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        );
        for (s, e) in place_spans(&a.body, &p.name) {
            v.push(Mark {
                start: s,
                end: e,
                kind: Kind::Place,
                item: i,
                title: title.clone(),
            });
        }
    }
    // Earlier first, longer first; a mark overlapping one kept is dropped
    // (claims and formulations come before places, so they win ties).
    v.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mark> = Vec::with_capacity(v.len());
    for m in v {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        kept.push(m);
    }
    kept
}

fn quote_kind(k: &crate::formulations::QuoteKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The body as paragraphs, marks in place.
fn text_html(a: &Analysis) -> String {
    let body = a.body.as_str();
    let mut o = String::from("<p>");
    let mut at = 0;
    let push_text = |o: &mut String, s: &str| {
        o.push_str(&esc(s).replace('\n', "</p>\n<p>"));
    };
    for m in marks(a) {
        let (Some(before), Some(inner)) = (body.get(at..m.start), body.get(m.start..m.end)) else {
            continue;
        };
        push_text(&mut o, before);
        let _ = write!(
            o,
            "<a class=\"hl {}\" href=\"#{}{}\" title=\"{}\">{}</a>",
            m.kind.class(),
            m.kind.prefix(),
            m.item,
            esc(&m.title),
            esc(inner)
        );
        at = m.end;
    }
    push_text(&mut o, body.get(at..).unwrap_or(""));
    o.push_str("</p>");
    o
}

fn meta_table(a: &Analysis) -> String {
    let m = &a.meta;
    let mut rows: Vec<(&str, String)> = vec![
        ("title", m.title.clone().unwrap_or_default()),
        ("subtitle", m.subtitle.clone().unwrap_or_default()),
        ("date", m.date.clone().unwrap_or_default()),
        ("source", m.source.clone().unwrap_or_default()),
        ("edition", m.edition.clone().unwrap_or_default()),
        ("authors", m.authors.join("、")),
        ("editors", m.editors.join("、")),
    ];
    let place = a.place.as_ref().map(|p| {
        format!(
            "{} ({}{})",
            p.name,
            p.level,
            p.code
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        )
    });
    rows.push(("place", place.unwrap_or_default()));
    rows.push(("why this place", a.place_reason.clone()));
    rows.push(("script", format!("{:?}", a.script).to_lowercase()));
    rows.push(("format", a.format.clone()));
    rows.push(("encoding", a.encoding.clone()));
    rows.push(("characters", a.chars.to_string()));
    rows.push(("path", a.path.clone().unwrap_or_default()));
    rows.push(("id", a.id.clone()));
    let kw: Vec<&str> = a
        .keywords
        .iter()
        .map(|k| k.term.as_str())
        .take(15)
        .collect();
    rows.push(("keywords", kw.join(" ")));
    let mut o = String::from("<div class=\"scroll\"><table class=\"metadata\">");
    for (k, v) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        let _ = write!(o, "<tr><th>{k}</th><td>{}</td></tr>", esc(&v));
    }
    o.push_str("</table></div>");
    o
}

fn side(a: &Analysis, meta: &str) -> String {
    let mut o = String::from("<aside class=\"side\"><section class=\"panel\"><h3>Metadata</h3>");
    o.push_str(meta);
    o.push_str("</section>");
    let _ = write!(
        o,
        "<section class=\"panel\"><h3>Claims ({})</h3>",
        a.claims.len()
    );
    if a.claims.is_empty() {
        o.push_str("<p class=\"note\">none</p>");
    } else {
        o.push_str("<ol start=\"0\">");
        for (i, c) in a.claims.iter().enumerate() {
            let _ = write!(
                o,
                "<li id=\"c{i}\"><strong>{}</strong> — {}</li>",
                esc(&c.text),
                esc(&claim_title(c))
            );
        }
        o.push_str("</ol>");
    }
    o.push_str("</section>");
    let _ = write!(
        o,
        "<section class=\"panel\"><h3>Formulations ({})</h3><ol start=\"0\">",
        a.formulations.len()
    );
    for (i, f) in a.formulations.iter().enumerate() {
        let exp = f
            .expansion
            .as_ref()
            .map(|x| format!(" = {}", x.join("、")))
            .unwrap_or_default();
        let _ = write!(
            o,
            "<li id=\"f{i}\"><strong>{}</strong>{} <span class=\"count\">×{}{}</span></li>",
            esc(&f.text),
            esc(&exp),
            f.mentions.len(),
            if f.national { " · national" } else { "" }
        );
    }
    o.push_str("</ol></section>");
    let _ = write!(
        o,
        "<section class=\"panel\"><h3>Slogans and terms ({})</h3><ol start=\"0\">",
        a.slogans.len()
    );
    for (i, s) in a.slogans.iter().enumerate() {
        let _ = write!(
            o,
            "<li id=\"s{i}\">{} <span class=\"count\">{}</span></li>",
            esc(&s.text),
            esc(&quote_kind(&s.kind))
        );
    }
    o.push_str("</ol></section>");
    let _ = write!(
        o,
        "<section class=\"panel\"><h3>Places ({})</h3><ol start=\"0\">",
        a.places.len()
    );
    for (i, p) in a.places.iter().enumerate() {
        let _ = write!(
            o,
            "<li id=\"p{i}\">{} <span class=\"count\">{} · ×{}{}</span></li>",
            esc(&p.name),
            esc(&p.level),
            p.mentions,
            p.code
                .as_deref()
                .map(|c| format!(" · {}", esc(c)))
                .unwrap_or_default()
        );
    }
    o.push_str("</ol></section></aside>");
    o
}

/// The page.
pub(super) fn render(a: &Analysis) -> String {
    let title = a.meta.title.as_deref().unwrap_or("(untitled)");
    let mut o = String::new();
    let _ = write!(
        o,
        "<h1>{}</h1>\n<p class=\"meta\">{} · <a href=\"/api/doc/{id}\" download=\"{id}.json\">analysis JSON</a></p>\n",
        esc(title),
        esc(&[
            a.meta.date.as_deref(),
            a.meta.source.as_deref(),
            a.place.as_ref().map(|p| p.name.as_str())
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")),
        id = esc(&segment(&a.id)),
    );
    o.push_str("<p class=\"legend\"><span class=\"hl hl-claim\">claim</span><span class=\"hl hl-form\">formulation</span><span class=\"hl hl-slogan\">slogan or term</span><span class=\"hl hl-place\">place</span> <span class=\"note\">hover a mark for what was read from it</span></p>");
    if a.body_offsets.is_empty() && !a.claims.is_empty() {
        o.push_str("<p class=\"note\">This analysis came without the positions of its paragraphs: claims, formulations and slogans are listed, not marked.</p>");
    }
    o.push_str("<div class=\"doc\"><article class=\"text\" lang=\"zh\">");
    o.push_str(&text_html(a));
    if !a.captions.is_empty() {
        o.push_str("<h3>Captions</h3>");
        for c in &a.captions {
            let _ = write!(o, "<p class=\"note\">{}</p>", esc(c));
        }
    }
    o.push_str("</article>");
    o.push_str(&side(a, &meta_table(a)));
    o.push_str("</div>");
    html::page(title, Tab::Document, &Params::default(), &o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Pipeline};

    #[test]
    fn claim_spans_land_on_their_text_in_the_body() {
        let text = "标题\n\n桂林市：1.35万名机关党员到社区报到，开展服务300余次。".to_string();
        let mut a = Pipeline::default().analyze(&Document::from_text(text));
        assert!(!a.claims.is_empty());
        for c in &a.claims {
            if let Some((s, e)) = to_body(&a, c.span) {
                assert_eq!(&a.body[s..e], c.text);
            }
        }
        assert!(text_html(&a).contains("hl-claim"));
        a.body_offsets.clear();
        assert!(!text_html(&a).contains("hl-claim"));
    }
}
