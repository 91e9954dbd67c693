//! Stage 1 of the pipeline: page cleaning — boilerplate off, metadata out.
//!
//! Archived e-paper and web pages wrap the article in navigation, date
//! pickers, font-size controls, photo captions, bylines, "related reading"
//! blocks, reader comments, reprint notices and footer records. [`clean`]
//! works on the *normalized* text line by line (so a traditional page is
//! cleaned by the same rules) and uses the shape of lines, not the strings of
//! particular sites:
//!
//! * **Paragraphs** are lines with sentence punctuation (`。！？；`) or long
//!   comma-separated clauses. The body runs from the first paragraph to the
//!   last one before a *cut marker*; headings between paragraphs are kept.
//! * **Cut markers** end the article: related-reading and comment blocks
//!   (推荐阅读, 相关新闻, 最新评论 …), reprint and copyright notices
//!   (未经允许不得转载, 版权所有 …), pagination (上一篇/下一篇), captchas.
//! * **Boilerplate lines** anywhere: runs of short number-only lines (date
//!   pickers), page-UI words (放大, 缩小, 本版导航 …), `A|B|C` channel bars,
//!   continuation notes ((下转第五版)), a headline repeated on a continued page.
//! * **Captions**: lines starting with ▲/△/↑, lines ending in a photo credit
//!   (…摄, …供图, …图), and, on pages that carry credited captions, other
//!   single-sentence lines of the same shape. They go to `captions`, not the
//!   body.
//! * **Metadata**: title (the headline before the subtitle or the first
//!   heading-like line), subtitle (——…), source (来源:…, a masthead line,
//!   a footer record), date (2024年08月15日, 2024-08-15 → ISO), edition
//!   (02版, 00001版, 第A02版), authors (本报记者…, 记者 …, 通讯员…, 作者:…,
//!   本版撰文:…) and editors (责编, 编辑, 责任编辑). Absent fields are `null`
//!   or empty, never guessed.
//!
//! ```
//! let page = "上一版\n下一版\n放大\n缩小\n机关党建工作综述\n——副标题\n来源:某某日报 2024年08月15日\n\
//!             本报记者 张三\n正文第一段,讲了很多事情。\n正文第二段。\n上一篇\n下一篇\n";
//! let p = dangjian::page::clean(page);
//! let body: Vec<&str> = p.body.iter().map(|r| &page[r.clone()]).collect();
//! assert_eq!(body, ["正文第一段,讲了很多事情。", "正文第二段。"]);
//! assert_eq!(p.meta.title.as_deref(), Some("机关党建工作综述"));
//! assert_eq!(p.meta.subtitle.as_deref(), Some("——副标题"));
//! assert_eq!(p.meta.date.as_deref(), Some("2024-08-15"));
//! assert_eq!(p.meta.source.as_deref(), Some("某某日报"));
//! assert_eq!(p.meta.authors, ["张三"]);
//! ```

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Page metadata; every field `null`/empty when the page does not state it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Subtitle (the line starting with ——).
    pub subtitle: Option<String>,
    /// Source paper or site.
    pub source: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Edition / page, e.g. `02版`.
    pub edition: Option<String>,
    /// Reporters and correspondents.
    pub authors: Vec<String>,
    /// Editors.
    pub editors: Vec<String>,
}

/// A cleaned page: byte ranges of the (normalized) text it was given.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Body blocks (paragraphs and headings), in order.
    pub body: Vec<Range<usize>>,
    /// Photo captions and credits.
    pub captions: Vec<Range<usize>>,
    /// Metadata read from the page.
    pub meta: PageMeta,
}

impl Page {
    /// No cleaning: every non-empty line is body.
    pub fn whole(text: &str) -> Page {
        Page {
            body: lines(text).into_iter().map(|l| l.range).collect(),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone)]
struct Line<'a> {
    text: &'a str,
    range: Range<usize>,
}

/// Non-empty lines, trimmed, with their ranges.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let t = raw.trim_end_matches(['\n', '\r']);
        let lead = t.len() - t.trim_start().len();
        let trimmed = t.trim();
        if !trimmed.is_empty() {
            out.push(Line {
                text: trimmed,
                range: pos + lead..pos + lead + trimmed.len(),
            });
        }
        pos += raw.len();
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Heading,
    Boilerplate,
    Cut,
    Caption,
    Byline,
    Meta,
    Subtitle,
}

// Page-interface vocabulary (navigation, controls, sharing), matched as a
// whole line or as a line made of such words.
static_regex!(
    UI_LINE,
    r"^(?:[\[【]?(?:大图|PDF|pdf|打印|打印本页|关闭|关闭窗口|返回|返回列表|加入收藏|设为首页|返回目录|返回顶部|收藏|分享|分享到|字号|字体|放大|缩小|默认|大|中|小|上一版|下一版|上一期|下一期|本版导航|各版导航|视觉导航|标题导航|版面导航|往期回顾|选择其他日期报纸|历史数字报|数字报纸|数字报|电子版|首页|登录|注册|搜索|更多|更多>>|>>|<<|详细|详情|全文|进入|点击查看|图片|视频|二维码|扫一扫|微信|微博|手机版|网站地图|联系我们|[年月日])[\]】]?[\s:|/]*)+$"
);
// Lines that end the article: related reading, comments, notices, pagination.
static_regex!(
    CUT_LINE,
    r"^(?:推荐阅读|相关阅读|延伸阅读|相关新闻|相关文章|相关报道|相关链接|热点推荐|热门推荐|热门文章|猜你喜欢|为您推荐|精彩推荐|往期精彩|最新评论|网友评论|发表评论|我要评论|评论列表|全部评论|上一篇|下一篇|上一篇:|下一篇:|请输入验证码|验证码|版权所有|版权声明|免责声明|未经允许不得转载|未经授权|转载请注明|本网原创|举报|本文来源于|(?:Copyright|copyright|©))"
);
static_regex!(
    DATE_CN,
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
);
static_regex!(DATE_ISO, r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})");
static_regex!(
    SOURCE,
    r"(?:来源|來源|出处|稿源)\s*[:：]\s*([^\s|:：]{2,20})"
);
static_regex!(
    MASTHEAD,
    r"^([\p{Han}]{2,10}(?:日报|晚报|时报|商报|报))(?:\s*(?:数字报纸|数字报|电子版))?$"
);
static_regex!(
    EDITION,
    r"(?:^|\s|第)([A-Z]?\d{1,5})\s*版(?:\s*[:：]\s*([\p{Han}]{1,8}))?"
);
static_regex!(
    AUTHOR,
    r"(?:本报记者|本报通讯员|记者|通讯员|作者|本版撰文|撰文|文/图|文)\s*[:：]?\s*((?:[\p{Han}·]{2,4}[\s、,]*)+)"
);
static_regex!(
    EDITOR,
    r"(?:责任编辑|责编|编辑|校对|审核)\s*[:：]\s*((?:[\p{Han}·]{2,4}[\s、,]*)+)"
);
static_regex!(NUMBER_LINE, r"^\d{1,4}$");
static_regex!(BRACKETED, r"^(?:\s*[【\[][^】\]]{1,12}[】\]])+\s*$");
static_regex!(
    CONTINUATION,
    r"^[(（]?\s*(?:下转|上接|转第|接第|转下页|接上页)[^)）]{0,12}[)）]?$"
);
static_regex!(
    CREDIT_END,
    r"(?:摄|供图|图|摄影|翻拍|资料图片|资料图|制图|截图)[)）]?$"
);
static_regex!(
    REPOST_TITLE,
    r"(?:未经允许不得转载|转载请注明)[^»]*»\s*(.+)$"
);

fn han_count(s: &str) -> usize {
    s.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

fn char_count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn is_paragraph(s: &str) -> bool {
    let n = char_count(s);
    let sentence = s.contains(['。', '！', '？', '；', '!', '?', ';']);
    let clauses = s.matches([',', '，', '、']).count();
    (sentence && n >= 4 && han_count(s) * 2 >= n) || (clauses >= 2 && n >= 40)
}

fn is_caption_marked(s: &str) -> bool {
    s.starts_with(['▲', '△', '↑', '▼', '◆'])
        || s.starts_with("图为")
        || s.starts_with("(图")
        || credit_at_end(s)
}

/// A photo credit at the end: "…活动。廖晓奇摄", "… 九峰镇供图".
fn credit_at_end(s: &str) -> bool {
    if !CREDIT_END.is_match(s) {
        return false;
    }
    // The credit follows a sentence end or a space and is a short name.
    let tail_start = s
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | ' ' | '!' | '！'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = &s[tail_start..];
    let n = char_count(tail);
    tail_start > 0 && (1..=14).contains(&n) || (n <= 8 && s.starts_with("图"))
}

fn is_byline(s: &str) -> bool {
    let s = s.trim_start_matches(['□', '■', '◇', '○', '●', '(', '（']);
    let short = char_count(s) <= 40;
    short
        && (s.starts_with("本报记者")
            || s.starts_with("本报通讯员")
            || s.starts_with("记者")
            || s.starts_with("通讯员")
            || s.starts_with("作者")
            || s.starts_with("本版撰文")
            || s.starts_with("撰文")
            || s.starts_with("文/")
            || s.starts_with("责编")
            || s.starts_with("责任编辑")
            || s.starts_with("编辑:")
            || s.starts_with("编辑:")
            || s.starts_with("图片由")
            || s.ends_with("文/摄"))
}

fn is_meta_line(s: &str) -> bool {
    let n = char_count(s);
    n <= 60
        && !s.contains('。')
        && (SOURCE.is_match(s)
            || ((DATE_CN.is_match(s) || DATE_ISO.is_match(s)) && han_count(s) <= 16)
            || s.starts_with("原标题")
            || MASTHEAD.is_match(s)
            || (EDITION.is_match(s) && n <= 12))
}

fn is_boilerplate(s: &str) -> bool {
    UI_LINE.is_match(s)
        || NUMBER_LINE.is_match(s)
        || CONTINUATION.is_match(s)
        || (s.contains('|') && s.split('|').all(|p| char_count(p) <= 8))
        // Controls in brackets: 【打印本页】 【关闭窗口】 [收藏]
        || BRACKETED.is_match(s)
        // Breadcrumbs: 首页 > 新闻中心 > 基层党建, 当前位置:…
        || s.starts_with("当前位置")
        || s.starts_with("您的位置")
        || (s.contains(['>', '»', '›']) && s.split(['>', '»', '›']).count() >= 2
            && s.split(['>', '»', '›']).all(|p| char_count(p) <= 10))
        || s.chars().all(|c| !c.is_alphanumeric())
}

/// Cleans a (normalized) page; see the module documentation.
pub fn clean(text: &str) -> Page {
    let ls = lines(text);
    if ls.is_empty() {
        return Page::default();
    }
    let mut kinds: Vec<Kind> = ls
        .iter()
        .map(|l| {
            let s = l.text;
            if CUT_LINE.is_match(s) {
                Kind::Cut
            } else if is_boilerplate(s) {
                Kind::Boilerplate
            } else if s.starts_with("——") || s.starts_with("──") || s.starts_with("--") {
                Kind::Subtitle
            } else if is_byline(s) {
                Kind::Byline
            } else if is_caption_marked(s) {
                Kind::Caption
            } else if is_meta_line(s) {
                Kind::Meta
            } else if is_paragraph(s) {
                Kind::Paragraph
            } else {
                Kind::Heading
            }
        })
        .collect();

    // Unmarked captions on pages that carry marked ones: a single sentence
    // without a comma, short, standing alone between other lines.
    let marked = kinds.iter().filter(|k| **k == Kind::Caption).count();
    if marked >= 2 {
        for (i, l) in ls.iter().enumerate() {
            if kinds[i] == Kind::Paragraph {
                let s = l.text;
                let one_sentence = s.ends_with('。') && s.matches('。').count() == 1;
                let no_clause = !s.contains([',', '，', ';', '；', ':']);
                if one_sentence && no_clause && char_count(s) <= 45 {
                    kinds[i] = Kind::Caption;
                }
            }
        }
    }

    // The body: from the first paragraph to the last paragraph before a cut
    // marker that follows body text.
    let first = kinds.iter().position(|k| *k == Kind::Paragraph);
    let meta_window_end = first.unwrap_or(ls.len());
    let (start, end) = match first {
        Some(f) => {
            let cut = (f..ls.len())
                .find(|&i| kinds[i] == Kind::Cut)
                .unwrap_or(ls.len());
            let last = (f..cut)
                .rev()
                .find(|&i| kinds[i] == Kind::Paragraph)
                .unwrap_or(f);
            (f, last + 1)
        }
        None => (0, ls.len()),
    };

    let mut meta = read_meta(&ls, &kinds, meta_window_end, end);

    let mut body = Vec::new();
    let mut captions = Vec::new();
    for (i, l) in ls.iter().enumerate() {
        match kinds[i] {
            Kind::Caption => captions.push(l.range.clone()),
            Kind::Paragraph | Kind::Heading if (start..end).contains(&i) => {
                // A headline repeated on a continued page is not body.
                if kinds[i] == Kind::Heading
                    && first.is_some_and(|f| i > f)
                    && meta.title.as_deref().is_some_and(|t| t == l.text)
                {
                    continue;
                }
                body.push(l.range.clone());
            }
            _ => {}
        }
    }
    if body.is_empty() {
        // Nothing looked like an article: keep every line that is not page
        // furniture rather than return nothing.
        body = ls
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| matches!(k, Kind::Paragraph | Kind::Heading))
            .map(|(l, _)| l.range.clone())
            .collect();
    }
    meta.authors.dedup();
    Page {
        body,
        captions,
        meta,
    }
}

impl PageMeta {
    /// Rewrites text fields found in `normalized` in the original's script
    /// (a traditional page keeps a traditional title). Fields that do not
    /// occur literally (ISO dates, `02版`) are left as they are.
    pub fn in_original_script(
        &self,
        normalized: &str,
        original: &str,
        map: &crate::offsets::OffsetMap,
    ) -> PageMeta {
        let conv = |s: &str| -> String {
            match normalized.find(s) {
                Some(i) => {
                    let (a, b) = map.to_original(i, i + s.len());
                    original.get(a..b).unwrap_or(s).trim().to_string()
                }
                None => s.to_string(),
            }
        };
        PageMeta {
            title: self.title.as_deref().map(conv),
            subtitle: self.subtitle.as_deref().map(conv),
            source: self.source.as_deref().map(conv),
            date: self.date.clone(),
            edition: self.edition.clone(),
            authors: self.authors.iter().map(|s| conv(s)).collect(),
            editors: self.editors.iter().map(|s| conv(s)).collect(),
        }
    }
}

fn names(list: &str) -> Vec<String> {
    list.split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，'))
        .map(|s| s.trim_end_matches(['摄', ')', '）']))
        .filter(|s| {
            let n = s.chars().count();
            (2..=4).contains(&n)
                && s.chars()
                    .all(|c| c == '·' || ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .map(str::to_string)
        .collect()
}

fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn find_date(s: &str) -> Option<String> {
    if let Some(c) = DATE_CN.captures(s) {
        return iso_date(&c[1], &c[2], &c[3]);
    }
    DATE_ISO
        .captures(s)
        .and_then(|c| iso_date(&c[1], &c[2], &c[3]))
}

fn read_meta(ls: &[Line<'_>], kinds: &[Kind], header_end: usize, body_end: usize) -> PageMeta {
    let mut meta = PageMeta::default();
    // Header: lines before the body.
    let mut subtitle_at = None;
    for (i, l) in ls.iter().enumerate().take(header_end) {
        let s = l.text;
        if kinds[i] == Kind::Subtitle && meta.subtitle.is_none() {
            meta.subtitle = Some(s.to_string());
            subtitle_at = Some(i);
        }
    }
    let heading_like = |i: usize| {
        let s = ls[i].text;
        let n = char_count(s);
        kinds[i] == Kind::Heading && (5..=40).contains(&n) && !s.ends_with([':', '：'])
    };
    meta.title = match subtitle_at {
        Some(sub) => (0..sub).rev().find(|&i| heading_like(i)),
        None => (0..header_end).find(|&i| heading_like(i)),
    }
    .map(|i| ls[i].text.to_string());
    if meta.title.is_none() {
        // A reposting site's notice names the title: "未经允许不得转载:站名 » 标题".
        meta.title = ls.iter().find_map(|l| {
            REPOST_TITLE
                .captures(l.text)
                .map(|c| c[1].trim().to_string())
        });
    }

    // Metadata lines anywhere outside the body paragraphs (header, bylines,
    // footer records).
    for (i, l) in ls.iter().enumerate() {
        let s = l.text;
        let k = kinds[i];
        let outside = i < header_end || !matches!(k, Kind::Paragraph);
        if !outside {
            continue;
        }
        if matches!(
            k,
            Kind::Meta | Kind::Heading | Kind::Byline | Kind::Boilerplate | Kind::Cut
        ) {
            if meta.date.is_none() && matches!(k, Kind::Meta | Kind::Heading | Kind::Byline) {
                meta.date = find_date(s);
            }
            if meta.source.is_none() {
                if let Some(c) = SOURCE.captures(s) {
                    meta.source = Some(c[1].to_string());
                } else if k != Kind::Boilerplate
                    && let Some(c) = MASTHEAD.captures(s)
                {
                    meta.source = Some(c[1].to_string());
                }
            }
            if meta.edition.is_none()
                && char_count(s) <= 16
                && let Some(c) = EDITION.captures(s)
            {
                meta.edition = Some(format!("{}版", &c[1]));
            }
        }
        if matches!(k, Kind::Byline | Kind::Heading | Kind::Meta) && char_count(s) <= 40 {
            if let Some(c) = EDITOR.captures(s) {
                meta.editors.extend(names(&c[1]));
                continue;
            }
            if let Some(c) = AUTHOR.captures(s) {
                meta.authors.extend(names(&c[1]));
            }
        }
    }
    // A footer record "报名 栏目 00001 标题 2019-11-25 …" names the source
    // as its first field.
    if meta.source.is_none() {
        for l in ls.iter().rev().take(3) {
            let first = l.text.split_whitespace().next().unwrap_or("");
            if let Some(c) = MASTHEAD.captures(first)
                && l.text.split_whitespace().count() >= 4
            {
                meta.source = Some(c[1].to_string());
                break;
            }
        }
    }
    // A closing "(记者 某某)" inside the last paragraph.
    if meta.authors.is_empty()
        && let Some(last) = ls[..body_end]
            .iter()
            .zip(kinds)
            .rev()
            .find(|(_, k)| **k == Kind::Paragraph)
            .map(|(l, _)| l.text)
    {
        static_regex!(
            CLOSING,
            r"[(（](?:本报)?记者\s*([\p{Han}·]{2,4}(?:[\s、][\p{Han}·]{2,4})*)[)）]\s*$"
        );
        if let Some(c) = CLOSING.captures(last) {
            meta.authors.extend(names(&c[1]));
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_related_reading_are_cut() {
        let page = "标题在这里\n第一段正文,内容充实。\n第二段正文。\n推荐阅读\n别的新闻,也很长很长。\n最新评论\n说得好。\n";
        let p = clean(page);
        assert_eq!(p.body.len(), 2);
    }

    #[test]
    fn footer_record_gives_source_and_date() {
        let page = "正文第一段,内容充实。\n某省日报 要闻 00001 标题 2019-11-25 20102773 2 2019年11月25日 星期一\n";
        let p = clean(page);
        assert_eq!(p.meta.source.as_deref(), Some("某省日报"));
        assert_eq!(p.meta.date.as_deref(), Some("2019-11-25"));
        assert_eq!(p.body.len(), 1);
    }

    #[test]
    fn editors_and_closing_reporter() {
        let page = "标题\n正文第一段,内容充实。(记者 李国惠)\n(责编:李丹、崔新耀)\n";
        let p = clean(page);
        assert_eq!(p.meta.editors, ["李丹", "崔新耀"]);
        assert_eq!(p.meta.authors, ["李国惠"]);
    }

    #[test]
    fn plain_text_is_all_body() {
        let p = clean("严格执行三会一课制度");
        assert_eq!(p.body.len(), 1);
    }
}
