//! Writing HTML safely: escaping (element text and attribute values alike),
//! the frame every page shares (navigation, style), and snippets whose
//! `**…**` marks become `<mark>`.
//!
//! Everything that came from a document or a request goes through [`esc`]
//! before it is written; the only tags written are the ones this module
//! and the pages spell out.

use std::fmt::Write as _;

use super::params::Params;

/// Escapes text for element content and for attribute values in double or
/// single quotes.
pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// A snippet with its `**…**` marks as `<mark>`, everything else escaped.
/// A mark left open at the end is closed.
pub(super) fn marked(snippet: &str) -> String {
    let mut o = String::new();
    let mut open = false;
    for (i, part) in snippet.split("**").enumerate() {
        if i > 0 {
            o.push_str(if open { "</mark>" } else { "<mark>" });
            open = !open;
        }
        o.push_str(&esc(part));
    }
    if open {
        o.push_str("</mark>");
    }
    o
}

/// Which page a frame is for (its tab is shown as current).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tab {
    Search,
    Claims,
    Compare,
    Document,
    Error,
}

const STYLE: &str = r#"
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d232b;background:#f6f7f9;overflow-wrap:anywhere}
a{color:#0b57a4;text-decoration:none}a:hover{text-decoration:underline}
header{background:#8f1d1d;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
header .brand{font-weight:700;color:#fff;font-size:1.1rem;margin-right:.5rem}
header nav{display:flex;flex-wrap:wrap;gap:.25rem}
header nav a{color:#fde8e8;padding:.2rem .6rem;border-radius:4px}
header nav a.on{background:#fff;color:#8f1d1d}
header form{display:flex;flex:1 1 18rem;gap:.3rem;min-width:0}
header input[type=search]{flex:1;min-width:0;padding:.35rem .5rem;border:0;border-radius:4px;font:inherit}
button,.btn{font:inherit;padding:.3rem .8rem;border:1px solid #c7ccd3;border-radius:4px;background:#fff;color:#1d232b;cursor:pointer;display:inline-block}
header button{border:0}
main{max-width:1280px;margin:0 auto;padding:1rem}
.layout{display:grid;grid-template-columns:minmax(0,17rem) minmax(0,1fr);gap:1.2rem}
@media (max-width:760px){.layout{grid-template-columns:minmax(0,1fr)}.layout>aside{order:2}}
aside section,.panel{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:.6rem .8rem;margin-bottom:.8rem}
aside h3,.panel h3{margin:.1rem 0 .4rem;font-size:.95rem;color:#555}
aside ul{list-style:none;margin:0;padding:0}
aside li{margin:.1rem 0}
aside details ul{padding-left:.9rem;border-left:1px solid #e1e4e8;margin-left:.3rem}
aside summary{cursor:pointer}
.count{color:#777;font-size:.85em}
.sel{font-weight:700}
.hist{display:flex;align-items:flex-end;gap:2px;height:70px;border-bottom:1px solid #ccd}
.hist a{flex:1;background:#c84b4b;min-width:3px;display:block}
.hist a.on{background:#8f1d1d}
.hist a:hover{background:#0b57a4}
.hist-axis{display:flex;justify-content:space-between;font-size:.75rem;color:#777}
.chips{display:flex;flex-wrap:wrap;gap:.3rem;margin:.2rem 0 .6rem}
.chip{background:#fde8e8;border-radius:999px;padding:.05rem .6rem;font-size:.9em}
.chip a{margin-left:.3rem;color:#8f1d1d}
.summary{color:#555;margin:.2rem 0 .8rem}
ol.hits{list-style:none;padding:0;margin:0}
ol.hits li{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:.6rem .8rem;margin-bottom:.6rem}
ol.hits h2{font-size:1.05rem;margin:0 0 .2rem}
.meta{color:#5b6470;font-size:.88em}
.snip{margin:.3rem 0 0;color:#333}
mark{background:#ffe28a;color:inherit;padding:0 1px}
.pager{display:flex;flex-wrap:wrap;gap:.3rem;margin:1rem 0}
.pager a,.pager span{padding:.2rem .6rem;border:1px solid #d5d9de;border-radius:4px;background:#fff}
.pager span.cur{background:#8f1d1d;color:#fff;border-color:#8f1d1d}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;background:#fff;font-size:.9em}
th,td{border:1px solid #e1e4e8;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f2f5}
table.claims{overflow-wrap:normal}
table.claims td{min-width:3.5em}
table.claims td.nw{white-space:nowrap}
table.claims td.sent{min-width:22em}
table.claims td.doc{min-width:10em}
table.metadata th{white-space:nowrap}
h1{font-size:1.5rem;margin:.3rem 0 .4rem}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.doc{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,22rem);gap:1.2rem}
@media (max-width:900px){.doc{grid-template-columns:minmax(0,1fr)}}
.text{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:.8rem 1rem;line-height:1.9;font-size:1.02rem}
.text p{margin:0 0 .7rem}
.hl{border-radius:3px;padding:0 1px;color:inherit}
.hl:hover{text-decoration:none;outline:1px solid #888}
.hl-claim{background:#ffe28a;border-bottom:2px solid #d19a00}
.hl-form{background:#d6ecff;border-bottom:2px solid #2f7fd1}
.hl-slogan{background:#e7dcff;border-bottom:2px solid #7a4fd1}
.hl-place{background:#d9f2dd;border-bottom:2px solid #2f9e44}
.legend span{margin-right:.6rem;font-size:.85em}
.side ol{padding-left:1.3rem;margin:.2rem 0}
.side li{margin-bottom:.35rem;font-size:.9em}
.note{color:#5b6470;font-size:.9em}
.error{background:#fff4f4;border:1px solid #e8b4b4;border-radius:6px;padding:.8rem 1rem}
.error pre{white-space:pre-wrap}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
form.filters label{display:flex;flex-direction:column;font-size:.85em;color:#555}
form.filters input{font:inherit;padding:.25rem .4rem;border:1px solid #c7ccd3;border-radius:4px;width:9rem;max-width:100%}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:1rem;margin:1rem 0}
svg{max-width:100%;height:auto}
"#;

/// The page frame: navigation (carrying the current search to each tab),
/// the query box, then `body`.
pub(super) fn page(title: &str, tab: Tab, state: &Params, body: &str) -> String {
    let mut o = String::with_capacity(body.len() + 6000);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>{} · dangjian</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><a class=\"brand\" href=\"/\">dangjian</a><nav>",
        esc(title)
    );
    for (t, label, path) in [
        (Tab::Search, "Search", "/search"),
        (Tab::Claims, "Claims", "/claims"),
        (Tab::Compare, "Compare these results", "/compare"),
    ] {
        let _ = write!(
            o,
            "<a href=\"{}\"{}>{label}</a>",
            esc(&state.url(path)),
            if t == tab { " class=\"on\"" } else { "" }
        );
    }
    o.push_str("</nav>");
    let action = if tab == Tab::Claims || tab == Tab::Compare {
        if tab == Tab::Claims {
            "/claims"
        } else {
            "/compare"
        }
    } else {
        "/search"
    };
    let _ = write!(
        o,
        "<form method=\"get\" action=\"{action}\" role=\"search\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"党建 · traditional or simplified · &quot;phrase&quot; OR -word title:…\" aria-label=\"query\">",
        esc(state.get("q").unwrap_or(""))
    );
    for (k, v) in state.with("q", None).pairs() {
        let _ = write!(
            o,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            esc(k),
            esc(v)
        );
    }
    o.push_str("<button type=\"submit\">Search</button></form></header>\n<main>\n");
    o.push_str(body);
    o.push_str("\n</main>\n</body>\n</html>\n");
    o
}

/// The filters in force, each with a link that removes it.
pub(super) fn chips(o: &mut String, state: &Params, path: &str) {
    let names = [
        ("place", "place"),
        ("year", "year"),
        ("from", "from"),
        ("to", "to"),
        ("source", "source"),
        ("formulation", "formulation"),
        ("slogan", "slogan"),
        ("indicator", "indicator"),
        ("script", "script"),
        ("unit", "unit"),
        ("min", "≥"),
        ("max", "≤"),
    ];
    let mut any = false;
    for (key, label) in names {
        if let Some(v) = state.get(key) {
            if !any {
                o.push_str("<div class=\"chips\">");
                any = true;
            }
            let _ = write!(
                o,
                "<span class=\"chip\">{label}: {}<a href=\"{}\" title=\"remove\" aria-label=\"remove\">×</a></span>",
                esc(v),
                esc(&state.with(key, None).url(path))
            );
        }
    }
    if any {
        let _ = write!(
            o,
            "<a href=\"{}\">clear filters</a></div>",
            esc(&Params::default().with("q", state.get("q")).url(path))
        );
    }
}

/// Horizontal bars with their labels and values: a small inline SVG.
pub(super) fn bars(title: &str, rows: &[(String, f64, String)]) -> String {
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
    let row_h = 18.0;
    let label_w = 150.0;
    let bar_w = 260.0;
    let h = row_h * rows.len() as f64 + 24.0;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" role=\"img\" aria-label=\"{t}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\"><text x=\"0\" y=\"13\" font-weight=\"bold\">{t}</text>",
        w = label_w + bar_w + 90.0,
        t = esc(title)
    );
    for (i, (label, v, shown)) in rows.iter().enumerate() {
        let y = 24.0 + i as f64 * row_h;
        let w = if max > 0.0 { v / max * bar_w } else { 0.0 };
        let short: String = label.chars().take(10).collect();
        let _ = write!(
            o,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{l}</text><rect x=\"{bx}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bh}\" fill=\"#c84b4b\"><title>{full}: {s}</title></rect><text x=\"{vx:.1}\" y=\"{ty}\">{s}</text>",
            lx = label_w - 6.0,
            ty = y + 12.0,
            l = esc(&short),
            bx = label_w,
            bh = row_h - 4.0,
            full = esc(label),
            s = esc(shown),
            vx = label_w + w + 4.0,
        );
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            esc("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }

    #[test]
    fn marks_become_mark_tags_and_the_rest_is_escaped() {
        assert_eq!(marked("a**<b>**c"), "a<mark>&lt;b&gt;</mark>c");
        assert_eq!(marked("**x"), "<mark>x</mark>");
    }
}
