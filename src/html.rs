//! HTML input: saved web and e-paper pages → text lines and page facts.
//!
//! [`is_html`] recognizes a page by its markup; [`extract`] parses it with
//! `scraper` (html5ever), drops `script`, `style`, `nav`, forms and other
//! non-content elements, and writes the text of block elements (paragraphs,
//! headings, list items, table cells, `br`) as separate lines, so the page
//! cleaner sees the same line structure as in a text dump.
//!
//! Page facts come from `<title>`, `<meta>` (`description` is not used;
//! `author`, `source`, publication-date names and `article:published_time`),
//! and the `enpproperty` comment of the common Chinese e-paper and news-site
//! templates (`<title>`, `<subtitle>`, `<author>`, `<date>`, `<nodename>`).
//!
//! **Spans.** For HTML input, the text that is analyzed — and that every
//! span in the analysis points into — is the extracted text, not the markup.
//! `dangjian text PAGE.html` prints it.
//!
//! ```
//! let page = r#"<html><head><title>机关党建 - 某某网</title>
//! <meta name="publishdate" content="2023-05-12"></head>
//! <body><nav>首页 新闻</nav><h1>机关党建工作综述</h1><p>第一段,1.35万名党员。</p>
//! <script>var x = 1;</script><p>第二段。</p></body></html>"#;
//! assert!(dangjian::html::is_html(page));
//! let e = dangjian::html::extract(page);
//! assert_eq!(e.text, "机关党建工作综述\n第一段,1.35万名党员。\n第二段。\n");
//! assert_eq!(e.date.as_deref(), Some("2023-05-12"));
//! assert_eq!(e.title.as_deref(), Some("机关党建"));
//! ```
//!
//! Guide: `docs/rules/pages.md` (how pages are cleaned and metadata read).

use scraper::{ElementRef, Html, Node};

/// Text and facts extracted from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The text, one block per line.
    pub text: String,
    /// Title from the template fields or `<title>` (site name cut off).
    pub title: Option<String>,
    /// Subtitle from the template fields.
    pub subtitle: Option<String>,
    /// Publication date, ISO.
    pub date: Option<String>,
    /// Source (paper or site).
    pub source: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
}

/// Whether `text` is an HTML page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    // Plain text is told at its first character, before copying a head.
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html")
        || head.contains("<!doctype html")
        || head.contains("<body")
        || head.contains("<p>")
        || head.contains("<div")
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "form", "select", "option", "button", "iframe", "svg",
    "template", "head", "object", "embed", "canvas", "input", "textarea", "map",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "main",
    "center",
    "hr",
    "font",
];

fn walk(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let s = t.text.replace(['\n', '\r', '\t'], " ");
                let s = s.replace('\u{a0}', " ");
                if !s.trim().is_empty() {
                    if out.ends_with('\n') || out.is_empty() {
                        out.push_str(s.trim_start());
                    } else {
                        out.push_str(&s);
                    }
                } else if !out.ends_with(['\n', ' ']) && !out.is_empty() {
                    out.push(' ');
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCK.contains(&name) && name != "font";
                if block {
                    newline(out);
                }
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, out);
                }
                if block {
                    newline(out);
                }
            }
            _ => {}
        }
    }
}

fn newline(out: &mut String) {
    // Trim trailing spaces of the line, then end it once.
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

static_regex!(ENP, r"(?s)<!--\s*enpproperty(.*?)/enpproperty\s*-->");
static_regex!(ENP_FIELD, r"(?s)<(\w+)>(.*?)</\w+>");
static_regex!(DATE, r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})");

fn iso(s: &str) -> Option<String> {
    let c = DATE.captures(s)?;
    let (y, m, d): (u32, u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Cuts a site name off a `<title>`: "标题 - 某某网", "标题_人民网", "标题|某某".
fn strip_site(title: &str) -> String {
    for sep in [" - ", "_", "|", " — ", "--", "－"] {
        if let Some((head, _)) = title.split_once(sep)
            && head.chars().count() >= 4
        {
            return head.trim().to_string();
        }
    }
    title.trim().to_string()
}

/// Extracts text and page facts; see the module documentation.
pub fn extract(page: &str) -> Extracted {
    let doc = Html::parse_document(page);
    let mut out = Extracted::default();
    let mut text = String::new();
    if let Ok(sel) = scraper::Selector::parse("body") {
        match doc.select(&sel).next() {
            Some(body) => walk(body, &mut text),
            None => walk(doc.root_element(), &mut text),
        }
    }
    newline(&mut text);
    out.text = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();

    // Template fields.
    if let Some(c) = ENP.captures(page) {
        for f in ENP_FIELD.captures_iter(&c[1]) {
            let v = &f[2];
            match f[1].to_ascii_lowercase().as_str() {
                "title" => out.title = nonempty(v),
                "subtitle" => out.subtitle = nonempty(v),
                "date" => out.date = iso(v),
                "author" => {
                    out.authors = v
                        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';'))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "nodename" | "source" | "sitename" if out.source.is_none() => {
                    out.source = nonempty(v)
                }
                _ => {}
            }
        }
    }
    // <meta> fields.
    if let Ok(sel) = scraper::Selector::parse("meta") {
        for m in doc.select(&sel) {
            let key = m
                .value()
                .attr("name")
                .or_else(|| m.value().attr("property"))
                .or_else(|| m.value().attr("itemprop"))
                .unwrap_or("")
                .to_ascii_lowercase();
            let Some(content) = m.value().attr("content") else {
                continue;
            };
            match key.as_str() {
                "publishdate"
                | "pubdate"
                | "publish_date"
                | "article:published_time"
                | "datepublished"
                | "date"
                | "dc.date"
                | "og:release_date"
                | "publishtime"
                    if out.date.is_none() =>
                {
                    out.date = iso(content)
                }
                "author" | "dc.creator" if out.authors.is_empty() => {
                    out.authors = content
                        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，'))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "source" | "og:site_name" | "sitename" if out.source.is_none() => {
                    out.source = nonempty(content)
                }
                "og:title" | "title" | "headline" if out.title.is_none() => {
                    out.title = nonempty(content)
                }
                _ => {}
            }
        }
    }
    if out.title.is_none()
        && let Ok(sel) = scraper::Selector::parse("title")
        && let Some(t) = doc.select(&sel).next()
    {
        let t: String = t.text().collect();
        out.title = nonempty(&strip_site(&t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enpproperty_fields() {
        let page = "<html><body><!--enpproperty <articleid>1</articleid><date>2019-11-25 00:00:00:0</date><author>李国惠</author><title>奋进在新时代的大路上</title><subtitle>——纪事</subtitle><nodename>要闻</nodename>/enpproperty--><p>正文。</p></body></html>";
        let e = extract(page);
        assert_eq!(e.date.as_deref(), Some("2019-11-25"));
        assert_eq!(e.title.as_deref(), Some("奋进在新时代的大路上"));
        assert_eq!(e.subtitle.as_deref(), Some("——纪事"));
        assert_eq!(e.authors, ["李国惠"]);
        assert_eq!(e.text, "正文。\n");
    }

    #[test]
    fn not_html() {
        assert!(!is_html("党的十八大以来 <b>"));
        assert!(is_html("  <!DOCTYPE html><html>"));
    }
}
