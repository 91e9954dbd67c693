//! Page metadata: title, date, source, edition, authors and editors, read
//! from the lines the cleaner has classified.
//!
//! **Title.** The headline is the heading-shaped line nearest above the
//! subtitle (——…), else nearest above the page's *dateline* (the line that
//! carries the publication date or the `来源:` field — news sites put it
//! right under the headline), else the first heading-shaped line before the
//! body. Furniture (breadcrumbs, widgets, edition labels, adverts) and
//! bylines are never headings, so they are never the title. A headline
//! written twice on one line is one headline.
//!
//! **Source**, in order of trust: a `来源:`/`稿源:` field (cut where a glued
//! field begins: `来源:某某日报编辑:张三` → 某某日报, `來源:某某日報222` →
//! 某某日報); a site or paper named on the dateline (`某某日报 2024年08月15日
//! 星期四`, `《 某某报 》( 2022年10月31日 第 17 版)`); a masthead line; the
//! news lead (`某某网讯`, `某某日报/某某网讯`, `某某社北京6月1日电`) or a
//! byline naming the paper (`某某日报记者 张三`); and last a footer record,
//! a reposting notice, a breadcrumb's site, or a site's description of
//! itself. A field with no Han character and digits in it (`sp20241124`) is
//! not a source.
//!
//! **Date**: a labelled date (发布时间, 时间:, 日期, 信息时间) first, then
//! any date on a metadata line, ISO-formatted.

use super::furniture;
use super::{Kind, Line, PageMeta, han_count};

static_regex!(
    DATE_CN,
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
);
static_regex!(DATE_ISO, r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})");
static_regex!(
    LABELLED_DATE,
    r"(?:发布|发表|信息|更新|稿件)?(?:时间|日期)\s*[:：]\s*\[?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
);
static_regex!(
    SOURCE,
    r"(?:来源|出处|稿源|转自)\s*[:：]\s*([^\s|:：]{2,30})"
);
static_regex!(
    MASTHEAD,
    r"^([\p{Han}]{2,10}(?:日报|晚报|时报|商报|报))(?:\s*(?:数字报纸|数字报|电子版))?$"
);
// A paper, site or agency name as it stands on a dateline or in a lead.
const SITE: &str = r"[\p{Han}A-Za-z]{1,14}?(?:日报社|日报|晚报|时报|商报|早报|都市报|报|新闻网站|网站|网|在线|客户端|电视台|广播电视台|融媒体中心|通讯社|社)";
static_regex!(SITE_TOKEN, &format!(r"^(?:{SITE})(?:[·\-/](?:{SITE}))*$"));
static_regex!(
    CITED_PAPER,
    r"《\s*([\p{Han}]{2,14}?(?:日报|晚报|时报|报))\s*》"
);
static_regex!(
    LEAD,
    &format!(
        r"^[\s|│■□●◆]*((?:{SITE})(?:[·/](?:{SITE}))?)(?:[\p{{Han}}]{{2,4}}?)?\s*(?:\d{{1,2}}月\d{{1,2}}日)?\s*(?:讯|电)"
    )
);
static_regex!(
    PAPER_REPORTER,
    r"^[\s□■]*([\p{Han}]{2,10}(?:日报|晚报|时报|报|社|电视台))(?:全媒体|融媒体)?记者"
);
static_regex!(
    EDITION,
    r"(?:^|\s|第)([A-Z]?\d{1,5})\s*版(?:\s*[:：]\s*([\p{Han}]{1,8}))?"
);
// A bare 文 signs only as a label of its own (文/张三, 文:张三, □文 张三),
// never inside a word (推进文化建设 names no author 化建设).
static_regex!(
    AUTHOR,
    r"(?:本报记者|本报通讯员|本刊记者|记者|通讯员|作者|本版撰文|撰文|文/图|(?:^|[^\p{Han}])文[\s:：/])\s*[:：]?\s*((?:[\p{Han}·]{2,4}[\s、,]*)+)"
);
static_regex!(
    EDITOR,
    r"(?:责任编辑|责编|编辑|校对|审核)\s*[:：]\s*((?:[\p{Han}·]{2,4}[\s、,]*)+)"
);
static_regex!(
    REPOST,
    r"(?:未经允许不得转载|转载请注明)\s*[:：]?\s*([^»]*?)\s*»\s*(.+)$"
);
static_regex!(
    COPYRIGHT,
    r"^([\p{Han}]{2,14}(?:网|报社|日报|在线))\s*版权所有"
);
// Where a glued field begins after a source name.
static_regex!(
    GLUED_FIELD,
    r"(?:作者|责任编辑|责编|编辑|记者|通讯员|发布时间|时间|日期|点击|浏览|阅读|字号|摄影|\d{4}[-/年])"
);

/// A source as written: glued fields and counters cut off; `None` when what
/// is left is not a name.
///
/// ```
/// # use dangjian::page::meta::clean_source;
/// assert_eq!(clean_source("某某日报编辑:张三").as_deref(), Some("某某日报"));
/// assert_eq!(clean_source("某某日报222").as_deref(), Some("某某日报"));
/// assert_eq!(clean_source("sp20241124"), None);
/// assert_eq!(clean_source("CCTV").as_deref(), Some("CCTV"));
/// ```
pub fn clean_source(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    if let Some(m) = GLUED_FIELD.find(s)
        && m.start() > 0
    {
        s = &s[..m.start()];
    }
    let s = s
        .trim_end_matches(|c: char| c.is_ascii_digit() || !c.is_alphanumeric())
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let han = han_count(s);
    // A Latin name ("CCTV"), not a code ("sp20241124").
    let letters_only = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphabetic())
        && !raw.contains(|c: char| c.is_ascii_digit());
    (han >= 2 || (letters_only && s.len() >= 2)).then(|| s.to_string())
}

fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `re`'s captures in `s`, after a plain match test: most lines match none
/// of these patterns, and the test costs no allocation.
fn caps<'h>(re: &regex::Regex, s: &'h str) -> Option<regex::Captures<'h>> {
    if re.is_match(s) { re.captures(s) } else { None }
}

/// The source field (来源:…) of a line, if it has one.
fn source_field<'h>(l: &Line<'h>) -> Option<regex::Captures<'h>> {
    // Every match of SOURCE holds a colon: test that first.
    if l.shape.colon {
        caps(&SOURCE, l.text)
    } else {
        None
    }
}

/// Whether a line carries a source field (来源:…).
pub(super) fn has_source_field(l: &Line<'_>) -> bool {
    l.shape.colon && SOURCE.is_match(l.text)
}

/// The paper a masthead line (a paper's name alone) names.
fn masthead(s: &str) -> Option<&str> {
    // Every match of MASTHEAD ends in one of these: test that first.
    if s.ends_with(['报', '纸', '版']) {
        MASTHEAD
            .captures(s)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str())
    } else {
        None
    }
}

/// Whether a line is a masthead: a paper's name alone.
pub(super) fn is_masthead(s: &str) -> bool {
    masthead(s).is_some()
}

/// Whether a line names an edition (02版, 第A02版).
pub(super) fn has_edition(l: &Line<'_>) -> bool {
    l.marks.ban && EDITION.is_match(l.text)
}

/// Whether a line carries a date (both patterns need digits).
pub(super) fn has_date(l: &Line<'_>) -> bool {
    l.shape.digit && (DATE_CN.is_match(l.text) || DATE_ISO.is_match(l.text))
}

/// The reposting notice of a line, "未经允许不得转载:站名 » 标题".
fn repost<'h>(l: &Line<'h>) -> Option<regex::Captures<'h>> {
    // Every match of REPOST holds a '»', one of the trail marks: test that
    // first (a search for '»' alone stops at every 0xBB byte of Han text).
    if l.shape.trail && l.text.contains('»') {
        caps(&REPOST, l.text)
    } else {
        None
    }
}

fn find_date(s: &str) -> Option<String> {
    if let Some(c) = caps(&DATE_CN, s) {
        return iso_date(&c[1], &c[2], &c[3]);
    }
    DATE_ISO
        .captures(s)
        .and_then(|c| iso_date(&c[1], &c[2], &c[3]))
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

// A numbered section heading (一、 (一) 1. 第一,) inside an article.
static_regex!(
    SECTION_NUMBER,
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]\D|第[一二三四五六七八九十]{1,3}[,，、])"
);

/// A line a reader would take for a headline.
fn title_shaped(l: &Line<'_>, k: Kind) -> bool {
    let s = l.text;
    k == Kind::Heading
        && (5..=60).contains(&l.shape.chars)
        && l.shape.han >= 4
        && !s.ends_with([':', '：'])
        && !SECTION_NUMBER.is_match(s)
}

/// The page's datelines before the body: metadata lines with a date or a
/// source field.
fn datelines(ls: &[Line<'_>], kinds: &[Kind], header_end: usize) -> Vec<usize> {
    (0..header_end)
        .filter(|&i| kinds[i] == Kind::Meta && (has_date(&ls[i]) || has_source_field(&ls[i])))
        .collect()
}

fn pick_title(ls: &[Line<'_>], kinds: &[Kind], header_end: usize) -> Option<String> {
    let shaped = |i: usize| title_shaped(&ls[i], kinds[i]);
    // Above the subtitle.
    if let Some(sub) = (0..header_end).find(|&i| kinds[i] == Kind::Subtitle) {
        if let Some(i) = (0..sub).rev().find(|&i| shaped(i)) {
            return Some(ls[i].text.to_string());
        }
    }
    // Above a dateline, over furniture, bylines and other metadata lines.
    for d in datelines(ls, kinds, header_end) {
        let above = (d.saturating_sub(6)..d)
            .rev()
            .take_while(|&i| kinds[i] != Kind::Paragraph)
            .find(|&i| shaped(i));
        if let Some(i) = above {
            return Some(ls[i].text.to_string());
        }
    }
    if let Some(i) = (0..header_end).find(|&i| shaped(i)) {
        return Some(ls[i].text.to_string());
    }
    // A reposting site's notice names the title: "未经允许不得转载:站名 » 标题".
    ls.iter()
        .find_map(|l| repost(l).map(|c| c[2].trim().to_string()))
}

/// A headline as it should read: decoration off, one copy when the page
/// wrote it twice on the line.
fn tidy_title(t: &str) -> String {
    let t = t
        .trim_start_matches(['■', '□', '●', '◆', '▶', '★', '☆'])
        .trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let half = words.len() / 2;
    if words.len() >= 2 && words.len() % 2 == 0 && words[..half] == words[half..] {
        return words[..half].join(" ");
    }
    let chars: Vec<char> = t.chars().collect();
    let n = chars.len();
    if n >= 10 && n % 2 == 0 && chars[..n / 2] == chars[n / 2..] {
        return chars[..n / 2].iter().collect();
    }
    t.to_string()
}

/// Site names standing as fields of a dateline.
fn dateline_site(s: &str) -> Option<String> {
    if let Some(c) = caps(&CITED_PAPER, s) {
        return Some(c[1].to_string());
    }
    s.split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '【' | '】'))
        .filter(|t| !t.is_empty())
        .find(|t| SITE_TOKEN.is_match(t) && han_count(t) >= 2 && !t.starts_with('本'))
        .map(str::to_string)
}

fn read_source(
    ls: &[Line<'_>],
    kinds: &[Kind],
    header_end: usize,
    body: std::ops::Range<usize>,
) -> Option<String> {
    let outside = |i: usize| i < header_end || kinds[i] != Kind::Paragraph;
    // A source field.
    for (i, l) in ls.iter().enumerate() {
        if outside(i)
            && kinds[i] != Kind::Paragraph
            && let Some(c) = source_field(l)
            && let Some(s) = clean_source(&c[1])
        {
            return Some(s);
        }
    }
    // A dateline naming the paper or site; a masthead line.
    for (i, l) in ls.iter().enumerate() {
        if kinds[i] == Kind::Meta && has_date(l) {
            if let Some(s) = dateline_site(l.text) {
                return Some(s);
            }
        }
        if outside(i)
            && matches!(kinds[i], Kind::Meta | Kind::Heading)
            && let Some(paper) = masthead(l.text)
        {
            return Some(paper.to_string());
        }
    }
    // The news lead or a byline that names the paper.
    for i in body.start..body.end.min(body.start + 3) {
        if matches!(kinds[i], Kind::Paragraph | Kind::Heading | Kind::Byline)
            && let Some(c) = caps(&LEAD, ls[i].text)
            && !c[1].starts_with('本')
        {
            return Some(c[1].to_string());
        }
    }
    for (i, l) in ls.iter().enumerate() {
        if (kinds[i] == Kind::Byline || (i >= body.start && i < body.start + 2))
            && let Some(c) = caps(&PAPER_REPORTER, l.text)
            && !c[1].starts_with('本')
        {
            return Some(c[1].to_string());
        }
    }
    // A footer record "报名 栏目 00001 标题 2019-11-25 …" names the paper
    // as its first field.
    for l in ls.iter().rev().take(3) {
        let first = l.text.split_whitespace().next().unwrap_or("");
        if let Some(paper) = masthead(first)
            && l.text.split_whitespace().count() >= 4
        {
            return Some(paper.to_string());
        }
    }
    for l in ls {
        // "未经允许不得转载:站名 » 标题"
        if let Some(c) = repost(l)
            && let Some(s) = clean_source(&c[1])
        {
            return Some(s);
        }
        if l.marks.ban
            && l.text.contains("版权所有")
            && let Some(c) = caps(&COPYRIGHT, l.text)
        {
            return Some(c[1].to_string());
        }
    }
    // A breadcrumb's site: "某某网 > 频道 > 正文".
    for (i, l) in ls.iter().enumerate().take(header_end) {
        if kinds[i] == Kind::Boilerplate && l.text.contains(['>', '»']) {
            let site = l
                .text
                .split(['>', '»', ':', '：'])
                .map(str::trim)
                .find(|p| {
                    !p.contains("首页")
                        && han_count(p) >= 2
                        && (SITE_TOKEN.is_match(p) || (p.ends_with('号') && p.chars().count() <= 4))
                });
            if let Some(s) = site {
                return Some(s.to_string());
            }
        }
    }
    ls.iter()
        .take(3)
        .find_map(|l| furniture::self_description(l.text).map(str::to_string))
}

fn read_date(ls: &[Line<'_>], kinds: &[Kind], header_end: usize) -> Option<String> {
    let outside = |i: usize| i < header_end || kinds[i] != Kind::Paragraph;
    // Both date patterns need digits, and a labelled date a colon: lines
    // without them are not searched.
    let labelled = ls.iter().enumerate().find_map(|(i, l)| {
        if !(outside(i) && l.shape.digit && l.shape.colon) {
            return None;
        }
        let c = caps(&LABELLED_DATE, l.text)?;
        find_date(&c[1])
    });
    labelled.or_else(|| {
        ls.iter().enumerate().find_map(|(i, l)| {
            (l.shape.digit
                && outside(i)
                && matches!(kinds[i], Kind::Meta | Kind::Heading | Kind::Byline))
            .then(|| find_date(l.text))
            .flatten()
        })
    })
}

/// Reads the metadata of a classified page; `header_end` is the first body
/// paragraph (or the page's end), `body` the range of body lines.
pub(super) fn read(
    ls: &[Line<'_>],
    kinds: &[Kind],
    header_end: usize,
    body: std::ops::Range<usize>,
) -> PageMeta {
    let mut meta = PageMeta {
        subtitle: (0..header_end)
            .find(|&i| kinds[i] == Kind::Subtitle)
            .map(|i| ls[i].text.to_string()),
        title: pick_title(ls, kinds, header_end).map(|t| tidy_title(&t)),
        source: read_source(ls, kinds, header_end, body.clone()),
        date: read_date(ls, kinds, header_end),
        ..PageMeta::default()
    };

    for (i, l) in ls.iter().enumerate() {
        let s = l.text;
        let k = kinds[i];
        if i >= header_end && k == Kind::Paragraph {
            continue;
        }
        if meta.edition.is_none()
            && matches!(
                k,
                Kind::Meta | Kind::Heading | Kind::Byline | Kind::Boilerplate | Kind::Cut
            )
            && l.shape.chars <= 16
            && l.marks.ban
            && let Some(c) = caps(&EDITION, s)
        {
            meta.edition = Some(format!("{}版", &c[1]));
        }
        if matches!(k, Kind::Byline | Kind::Heading | Kind::Meta) && l.shape.chars <= 40 {
            // Every match of EDITOR holds a colon, every match of AUTHOR one
            // of 者 员 文 (an author mark): test those first.
            if l.shape.colon
                && let Some(c) = caps(&EDITOR, s)
            {
                meta.editors.extend(names(&c[1]));
                continue;
            }
            if l.marks.author
                && let Some(c) = caps(&AUTHOR, s)
            {
                meta.authors.extend(names(&c[1]));
            }
        }
    }
    // A closing "(记者 某某)" inside the last paragraph.
    if meta.authors.is_empty()
        && let Some(last) = ls[..body.end]
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
        if let Some(c) = caps(&CLOSING, last) {
            meta.authors.extend(names(&c[1]));
        }
    }
    meta.authors.dedup();
    meta
}

/// Rewrites a span of the normalized text in the original's script, leaving
/// out what normalization dropped inside it (pinyin glosses `(guān)`) and
/// replacement characters.
fn original_surface(
    s: &str,
    normalized: &str,
    original: &str,
    map: &crate::offsets::OffsetMap,
) -> String {
    let Some(at) = normalized.find(s) else {
        return s.to_string();
    };
    let mut out = String::with_capacity(s.len());
    let mut done = 0;
    for (i, c) in s.char_indices() {
        let (a, b) = map.to_original(at + i, at + i + c.len_utf8());
        let a = a.max(done);
        if b > a
            && let Some(piece) = original.get(a..b)
        {
            out.push_str(piece);
            done = b;
        }
    }
    out.retain(|c| c != '\u{fffd}');
    out.trim().to_string()
}

/// In a headline, an ASCII `?` between two Han characters is a separator
/// lost in a bad conversion ("栏目名?标题"); the headline is what follows it.
fn drop_lost_separator(title: String) -> String {
    let chars: Vec<char> = title.chars().collect();
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let cut = (1..chars.len().saturating_sub(1))
        .rev()
        .find(|&i| chars[i] == '?' && is_han(chars[i - 1]) && is_han(chars[i + 1]));
    match cut {
        Some(i) if chars.len() - i > 5 => chars[i + 1..].iter().collect(),
        _ => title,
    }
}

impl PageMeta {
    /// Rewrites text fields found in `normalized` in the original's script
    /// (a traditional page keeps a traditional title), as clean text: pinyin
    /// glosses and replacement characters that normalization dropped stay
    /// out, and a headline keeps only what follows a separator lost as `?`.
    /// Fields that do not occur literally (ISO dates, `02版`) are left as
    /// they are.
    pub fn in_original_script(
        &self,
        normalized: &str,
        original: &str,
        map: &crate::offsets::OffsetMap,
    ) -> PageMeta {
        let conv = |s: &str| original_surface(s, normalized, original, map);
        PageMeta {
            title: self.title.as_deref().map(|t| drop_lost_separator(conv(t))),
            subtitle: self.subtitle.as_deref().map(conv),
            source: self.source.as_deref().map(conv),
            date: self.date.clone(),
            edition: self.edition.clone(),
            authors: self.authors.iter().map(|s| conv(s)).collect(),
            editors: self.editors.iter().map(|s| conv(s)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for re in [
            &*DATE_CN,
            &*DATE_ISO,
            &*LABELLED_DATE,
            &*SOURCE,
            &*MASTHEAD,
            &*SITE_TOKEN,
            &*CITED_PAPER,
            &*LEAD,
            &*PAPER_REPORTER,
            &*EDITION,
            &*AUTHOR,
            &*EDITOR,
            &*REPOST,
            &*COPYRIGHT,
            &*GLUED_FIELD,
            &*SECTION_NUMBER,
        ] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn sources_are_cut_where_glued_fields_begin() {
        assert_eq!(clean_source("某某网作者:李四").as_deref(), Some("某某网"));
        assert_eq!(
            clean_source("某某日报2024-01-02").as_deref(),
            Some("某某日报")
        );
        assert_eq!(clean_source("某某网|点击量").as_deref(), Some("某某网"));
    }

    #[test]
    fn dateline_sites() {
        assert_eq!(
            dateline_site("某某城市报 2022年10月31日 星期一").as_deref(),
            Some("某某城市报")
        );
        assert_eq!(
            dateline_site("《 某某城市报 》( 2022年10月31日   第 17 版)").as_deref(),
            Some("某某城市报")
        );
        assert_eq!(
            dateline_site("• 2011-06-15   某州日报   记者 张三报道").as_deref(),
            Some("某州日报")
        );
        assert_eq!(
            dateline_site("www.example.cn  2006年12月24日 08:40:48  某某在线新闻网站").as_deref(),
            Some("某某在线新闻网站")
        );
        assert_eq!(
            dateline_site("某某日报·新某某客户端 2023-07-13 17:49:44").as_deref(),
            Some("某某日报·新某某客户端")
        );
        assert_eq!(dateline_site("2024-02-24 20:10字体:"), None);
    }

    #[test]
    fn leads_name_the_source() {
        let lead = |s: &str| caps(&LEAD, s).map(|c| c[1].to_string());
        assert_eq!(
            lead("某某新闻网讯 1月3日,某县召开会议。").as_deref(),
            Some("某某新闻网")
        );
        assert_eq!(
            lead("  某州日报/某州网讯(记者张三)今年以来,").as_deref(),
            Some("某州日报/某州网")
        );
        assert_eq!(
            lead("某某日报·新某某客户端7月13日讯(通讯员 张三)").as_deref(),
            Some("某某日报·新某某客户端")
        );
        assert_eq!(
            lead("新华社北京6月1日电 记者从某部获悉").as_deref(),
            Some("新华社")
        );
        assert_eq!(lead("本报讯 今年以来,").as_deref(), Some("本报"));
        assert_eq!(lead("全市电网改造完成。"), None);
    }

    #[test]
    fn titles_are_tidied() {
        assert_eq!(tidy_title("某县党建工作 某县党建工作"), "某县党建工作");
        assert_eq!(tidy_title("■某县党建引领基层治理"), "某县党建引领基层治理");
        assert_eq!(
            drop_lost_separator("栏目名称·栏目名?某县党建引领基层治理".to_string()),
            "某县党建引领基层治理"
        );
        assert_eq!(
            drop_lost_separator("如何做好机关党建?".to_string()),
            "如何做好机关党建?"
        );
    }
}
