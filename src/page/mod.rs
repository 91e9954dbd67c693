//! Stage 1 of the pipeline: page cleaning — boilerplate off, metadata out.
//!
//! Archived e-paper and web pages wrap the article in navigation, date
//! pickers, font-size controls, photo captions, bylines, "related reading"
//! blocks, reader comments, reprint notices and footer records. [`clean`]
//! works on the *normalized* text line by line (so a traditional page is
//! cleaned by the same rules) and uses the shape of lines, not the strings of
//! particular sites.
//!
//! The rules, each with an invented example, are in the guide; this
//! documentation does not repeat them:
//!
//! | question | rules |
//! |---|---|
//! | which lines are the article? (paragraphs, cut markers, furniture, captions) | [docs/rules/pages.md#which-lines-are-the-article](../../docs/rules/pages.md#which-lines-are-the-article) |
//! | what are the title, source and date? (the title's scoring table, kickers, sources, dates, government tables, bylines) | [docs/rules/pages.md#what-are-the-title-source-and-date](../../docs/rules/pages.md#what-are-the-title-source-and-date) |
//!
//! ## Where things are
//!
//! | file | what it decides |
//! |---|---|
//! | `mod.rs` | the stage: [`clean`], each line classified (paragraph, heading, caption, byline, furniture), the body's extent |
//! | `furniture.rs` | page furniture: controls, labels, counters, bars, adverts, server error strings |
//! | `meta.rs` | the metadata record, read from the classified lines |
//! | `title.rs` | the headline: candidates scored, a kicker joined, a title tidied |
//! | `source.rs` | the source: the paper, site or body that published the page |
//! | `dates.rs` | the publication date and edition labels |
//! | `fields.rs` | labelled fields: a government page's information table |
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
use std::sync::LazyLock;

use aho_corasick::packed;

use serde::{Deserialize, Serialize};

use crate::normalize::is_han;

mod dates;
mod fields;
pub mod furniture;
pub mod meta;
mod source;
mod title;

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
    shape: Shape,
    marks: HanMarks,
}

/// Han characters some patterns need in every match. Han text is full of
/// bytes that look like them to a per-line search, so [`mark_lines`] finds
/// them for all lines in one (vectorized) search of the whole text.
#[derive(Debug, Clone, Copy, Default)]
struct HanMarks {
    /// 版: editions (02版), 版权所有.
    ban: bool,
    /// 者 员 文: author labels (记者, 通讯员, 作者, 撰文, 文/).
    author: bool,
}

/// Sets the [`HanMarks`] of `ls`, the lines of `text`.
fn mark_lines(text: &str, ls: &mut [Line<'_>]) {
    // `None` where the vectorized searcher is not available (a target
    // without the SIMD it needs).
    static MARKS: LazyLock<Option<packed::Searcher>> =
        LazyLock::new(|| packed::Searcher::new(["版", "者", "员", "文"]));
    let Some(marks) = MARKS.as_ref() else {
        // Every line may carry the marks: the gates stay open and the
        // patterns themselves decide, as before the gates existed.
        for l in ls.iter_mut() {
            l.marks = HanMarks {
                ban: true,
                author: true,
            };
        }
        return;
    };
    // Matches and lines both come in text order; a mark holds no
    // whitespace, so one starting inside a line's (trimmed) range is in it.
    let mut at = 0;
    for m in marks.find_iter(text) {
        while ls.get(at).is_some_and(|l| l.range.end <= m.start()) {
            at += 1;
        }
        let Some(l) = ls.get_mut(at) else { break };
        if l.range.start <= m.start() {
            match m.pattern().as_usize() {
                0 => l.marks.ban = true,
                _ => l.marks.author = true,
            }
        }
    }
}

/// What the line rules ask of a line, read in one pass over its characters:
/// every line meets a dozen rules, and each reads these counts and marks
/// instead of scanning the line again. A mark a pattern needs in every match
/// (a colon for `来源:`, a digit for a date) lets a line without it skip the
/// pattern.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    /// Characters besides whitespace.
    chars: usize,
    /// Han characters ([`is_han`]).
    han: usize,
    /// Han characters of the basic block (U+4E00–U+9FFF), the ones the
    /// paragraph test counts.
    han_basic: usize,
    /// Clause marks: , ， 、
    clauses: usize,
    /// A sentence end: 。！；!;
    sentence_end: bool,
    /// A question mark: ? ？
    question: bool,
    /// A full stop 。 in particular.
    full_stop: bool,
    whitespace: bool,
    /// An ASCII digit.
    digit: bool,
    /// A colon: : ：
    colon: bool,
    /// A bar `|`, which channel bars are made of.
    bar: bool,
    /// A mark breadcrumbs are made of: > » › /
    trail: bool,
}

impl Shape {
    fn of(s: &str) -> Shape {
        let mut sh = Shape::default();
        for c in s.chars() {
            // Most characters are Han, and a Han character is none of the
            // marks below but one: a bar drawn with the stroke 丨.
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                if c == '丨' {
                    sh.bar = true;
                    sh.chars += 1;
                } else {
                    sh.han_basic += 1;
                }
                continue;
            }
            if is_han(c) {
                sh.han += 1;
                continue;
            }
            if c.is_whitespace() {
                sh.whitespace = true;
                continue;
            }
            sh.chars += 1;
            match c {
                ',' | '，' | '、' => sh.clauses += 1,
                '。' => (sh.sentence_end, sh.full_stop) = (true, true),
                '！' | '；' | '!' | ';' => sh.sentence_end = true,
                '?' | '？' => sh.question = true,
                '0'..='9' => sh.digit = true,
                ':' | '：' => sh.colon = true,
                '|' => sh.bar = true,
                '>' | '»' | '›' | '/' => sh.trail = true,
                _ => {}
            }
        }
        // The Han characters, counted apart above, are characters too.
        sh.han += sh.han_basic;
        sh.chars += sh.han;
        sh
    }
}

/// Non-empty lines, trimmed, with their ranges and shapes.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let t = raw.trim_end_matches(['\n', '\r']);
        let from_start = t.trim_start();
        let lead = t.len() - from_start.len();
        let trimmed = from_start.trim_end();
        if !trimmed.is_empty() {
            out.push(Line {
                text: trimmed,
                range: pos + lead..pos + lead + trimmed.len(),
                shape: Shape::of(trimmed),
                marks: HanMarks::default(),
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

// Lines that end the article: related reading, comments, notices, pagination.
static_regex!(
    CUT_LINE,
    r"^(?:推荐阅读|相关阅读|延伸阅读|相关新闻|相关文章|相关报道|相关链接|热点推荐|热门推荐|热门文章|猜你喜欢|为您推荐|精彩推荐|往期精彩|最新评论|网友评论|发表评论|我要评论|评论列表|全部评论|上一篇|下一篇|上一篇:|下一篇:|请输入验证码|验证码|版权所有|版权声明|免责声明|未经允许不得转载|未经授权|转载请注明|本网原创|举报|本文来源于|(?:Copyright|copyright|©))"
);
static_regex!(NUMBER_LINE, r"^\d{1,4}$");
// A count or share with its unit: 156人, 8.5%, 46.2岁, 300多户, 1.2万元.
// Footers carry numbers without one (电话 0791…, 浏览次数:1234, 第3页).
static_regex!(
    FIGURE_WITH_UNIT,
    r"\d(?:[\d.,]*\d)?\s*(?:多|余)?\s*(?:万|亿)?\s*(?:%|％|‰|人次|人|名|个|户|家|岁|元|项|次|所|座|件|条|倍|亩|公里|平方米)"
);
static_regex!(BRACKETED, r"^(?:\s*[【\[][^】\]]{1,12}[】\]])+\s*$");
static_regex!(
    CONTINUATION,
    r"^[(（]?\s*(?:下转|上接|转第|接第|转下页|接上页)[^)）]{0,12}[)）]?$"
);
static_regex!(
    CREDIT_END,
    r"(?:摄|供图|图|摄影|翻拍|资料图片|资料图|制图|截图)[)）]?$"
);
/// Han characters in `s`.
fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

fn char_count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether `s` has at most `n` characters besides whitespace (reads no
/// further than the `n + 1`th: a paragraph costs no more than a label).
fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || s.chars().filter(|c| !c.is_whitespace()).nth(n).is_none()
}

fn is_paragraph(l: &Line<'_>) -> bool {
    let sh = &l.shape;
    // A question mark inside a comma-less line is more often a separator
    // lost in a bad conversion ("栏目?标题") than a question.
    let question = l.text.ends_with(['?', '？']) || (sh.question && sh.clauses > 0);
    let sentence = sh.sentence_end || question;
    // A paragraph whose closing mark was lost runs on in clauses; a heading
    // is short, and has one comma at most.
    (sentence && sh.chars >= 4 && sh.han_basic * 2 >= sh.chars)
        || (sh.clauses >= 2 && sh.chars >= 40)
        || (sh.clauses >= 1 && sh.chars >= 32 && sh.han_basic * 2 >= sh.chars)
}

/// A line shaped like a headline that asks or exclaims: short, no full stop,
/// one clause at most, ending in ? or !.
fn is_exclaimed_headline(l: &Line<'_>) -> bool {
    let sh = &l.shape;
    let end = l
        .text
        .trim_end_matches(['”', '"', '’', '」', '』', ')', '）'])
        .ends_with(['?', '？', '!', '！']);
    end && !sh.full_stop && sh.clauses <= 1 && (6..=30).contains(&sh.chars)
}

fn is_caption_marked(s: &str) -> bool {
    s.starts_with(['▲', '△', '↑', '▼', '◆'])
        || s.starts_with("图为")
        || s.starts_with("(图")
        || credit_at_end(s)
}

/// A photo credit at the end: "…活动。廖晓奇摄", "… 九峰镇供图".
fn credit_at_end(s: &str) -> bool {
    // Every match of CREDIT_END ends in one of these: test that first.
    if !s.ends_with(['摄', '图', '影', '拍', '片', ')', '）']) || !CREDIT_END.is_match(s) {
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

/// An organization signing the article on a line of its own:
/// "中共某某市委组织部", "■某某县委宣传部".
fn is_signing_body(s: &str) -> bool {
    if !s.ends_with(['委', '会', '部', '室', '组']) {
        return false;
    }
    static_regex!(
        SIGNING,
        r"^(?:中共[\p{Han}]{2,20}(?:委|工委|委员会|部|办公室|党组)|[\p{Han}]{2,16}(?:组织部|宣传部|统战部|机关工委|工作委员会))$"
    );
    SIGNING.is_match(s)
}

fn is_byline(s: &str) -> bool {
    let s = s.trim_start_matches(['□', '■', '◇', '○', '●', '(', '（', ' ']);
    // The labels first: they fail on most lines at the first character,
    // where the length test reads up to 41.
    let labelled = [
        "本报记者",
        "本报通讯员",
        "本刊记者",
        "本台记者",
        "本网记者",
        "记者",
        "通讯员",
        "作者",
        "本版撰文",
        "撰文",
        "文/",
        "责编",
        "责任编辑",
        "编辑:",
        "图片由",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        || s.ends_with("文/摄");
    (labelled || is_signing_body(s)) && chars_at_most(s, 40)
}

fn is_meta_line(l: &Line<'_>) -> bool {
    let (s, sh) = (l.text, &l.shape);
    sh.chars <= 60
        && !sh.full_stop
        && (source::has_source_field(l)
            || (sh.han <= 16 && dates::has_date(l))
            || dates::has_labelled_date(l)
            || fields::is_table_row(s)
            || s.starts_with("原标题")
            || source::is_masthead(s)
            || (sh.chars <= 12 && dates::has_edition(l)))
}

fn is_boilerplate(l: &Line<'_>) -> bool {
    let (s, sh) = (l.text, &l.shape);
    furniture::is_furniture_shaped(s, sh)
        // A match of NUMBER_LINE has one to four characters.
        || (sh.chars <= 4 && NUMBER_LINE.is_match(s))
        // A match of CONTINUATION has at most 1 + 3 + 12 + 1 characters
        // besides whitespace.
        || (sh.chars <= 17 && CONTINUATION.is_match(s))
        // Controls in brackets: 【打印本页】 【关闭窗口】 [收藏]. A line is
        // trimmed, so a match starts with its bracket.
        || (s.starts_with(['【', '[']) && BRACKETED.is_match(s) && !dates::has_date(l))
}

/// A subtitle: a dash and then words (a dash before a widget label,
/// "-- 天气", is furniture).
fn is_subtitle(l: &Line<'_>) -> bool {
    let s = l.text;
    (s.starts_with("——") || s.starts_with("──") || s.starts_with("--")) && l.shape.han >= 3
}

/// The kind of the `i`th line, by the first rule it meets.
fn classify(i: usize, l: &Line<'_>) -> Kind {
    let s = l.text;
    if CUT_LINE.is_match(s) {
        Kind::Cut
    } else if is_boilerplate(l) {
        Kind::Boilerplate
    } else if is_subtitle(l) {
        Kind::Subtitle
    } else if is_byline(s) {
        Kind::Byline
    } else if is_meta_line(l) {
        Kind::Meta
    } else if furniture::is_foreign(&l.shape) {
        Kind::Boilerplate
    } else if is_caption_marked(s) {
        Kind::Caption
    } else if i < 3 && furniture::self_description(s).is_some() {
        Kind::Boilerplate
    } else if is_paragraph(l) {
        Kind::Paragraph
    } else {
        Kind::Heading
    }
}

/// A line that sets out a figure: short, Han words with a count or share and
/// its unit (女党员120人,占35%; 平均年龄45岁).
fn is_figure_line(l: &Line<'_>) -> bool {
    let sh = &l.shape;
    // Figures are digits and marks: a quarter Han is enough.
    sh.digit
        && sh.chars <= 60
        && sh.han_basic >= 2
        && sh.han_basic * 4 >= sh.chars
        && FIGURE_WITH_UNIT.is_match(l.text)
}

/// A short label line that introduces what follows: 年龄:…, 学历:….
fn is_label_line(l: &Line<'_>) -> bool {
    l.shape.colon
        && l.shape.chars <= 30
        && l.text
            .find([':', '：'])
            .is_some_and(|i| (1..=6).contains(&char_count(&l.text[..i])))
}

/// The last body line once a closing run of figure lines is taken in.
///
/// A bulletin often ends its report with figures set out one to a line
/// (女委员120人,占8.5% / 平均年龄46岁 / 40岁以下占比12.5%), with a label
/// line (年龄:…) now and then: headings to the line rules, data to the
/// reader. Lines after the last paragraph are dropped as links and
/// furniture, so such a run — two figure lines at least, each a count or
/// share with its unit, starting right after the last paragraph — is taken
/// into the body up to the first line that is neither. Related-link
/// headlines and footers rarely carry a count with its unit, and a run
/// stops at the first that does not.
fn figures_after(ls: &[Line<'_>], kinds: &[Kind], last: usize, cut: usize) -> usize {
    let mut figures = 0;
    let mut end = last;
    let mut j = last + 1;
    while j < cut && kinds[j] == Kind::Heading {
        if is_figure_line(&ls[j]) {
            figures += 1;
            end = j;
        } else if !(is_label_line(&ls[j])
            && ls
                .get(j + 1)
                .is_some_and(|n| kinds[j + 1] == Kind::Heading && is_figure_line(n)))
        {
            break;
        }
        j += 1;
    }
    if figures >= 2 { end } else { last }
}

/// Cleans a (normalized) page; see the module documentation.
pub fn clean(text: &str) -> Page {
    let mut ls = lines(text);
    if ls.is_empty() {
        return Page::default();
    }
    mark_lines(text, &mut ls);
    let mut kinds: Vec<Kind> = ls.iter().enumerate().map(|(i, l)| classify(i, l)).collect();

    // Unmarked captions on pages that carry marked ones: a single sentence
    // without a comma, short, standing alone between other lines.
    let marked = kinds.iter().filter(|k| **k == Kind::Caption).count();
    if marked >= 2 {
        for (i, l) in ls.iter().enumerate() {
            if kinds[i] == Kind::Paragraph {
                let s = l.text;
                let one_sentence = s.ends_with('。') && s.matches('。').count() == 1;
                let no_clause = !s.contains([',', '，', ';', '；', ':']);
                if one_sentence && no_clause && l.shape.chars <= 45 {
                    kinds[i] = Kind::Caption;
                }
            }
        }
    }

    // A page's title dumped at its top with the site after it
    // (某县…,推动…_某某网) is a heading however long it runs.
    for i in 0..ls.len().min(3) {
        if kinds[i] == Kind::Paragraph
            && !ls[i].shape.full_stop
            && source::split_site_suffix(ls[i].text).is_some()
        {
            kinds[i] = Kind::Heading;
        }
    }

    // A headline that asks or exclaims (某县这支突击队了不起!) reads as a
    // sentence; standing first, short and in one clause at most, right above
    // the dateline, byline or subtitle, it is the headline.
    if let Some(f) = kinds.iter().position(|k| *k == Kind::Paragraph)
        && is_exclaimed_headline(&ls[f])
        && ls.get(f + 1).is_some()
        && matches!(kinds[f + 1], Kind::Meta | Kind::Byline | Kind::Subtitle)
    {
        kinds[f] = Kind::Heading;
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
            let mut last = (f..cut)
                .rev()
                .find(|&i| kinds[i] == Kind::Paragraph)
                .unwrap_or(f);
            // A page cut off mid-sentence ends on a paragraph without its
            // closing mark: a long line of prose (Han, no fields, labels or
            // bars) after the last paragraph, the page's last line.
            let prose = |sh: &Shape| {
                sh.han_basic >= 20
                    && sh.han_basic * 10 >= sh.chars * 8
                    && !(sh.whitespace || sh.colon || sh.bar || sh.trail)
            };
            // A section heading may stand between them.
            let end = ls.len() - 1;
            if cut == ls.len()
                && (last + 1..=last + 2).contains(&end)
                && kinds[last + 1..].iter().all(|k| *k == Kind::Heading)
                && prose(&ls[end].shape)
            {
                last = end;
            }
            last = figures_after(&ls, &kinds, last, cut);
            (f, last + 1)
        }
        None => (0, ls.len()),
    };

    let meta = meta::read(&ls, &kinds, meta_window_end, start..end);

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
    Page {
        body,
        captions,
        meta,
    }
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
    fn no_title_when_the_page_states_none() {
        // Dateline first, then a counter and a read-aloud widget.
        let page = "2024年01月13日09:48 来源:某某报新闻网\n321\n点击播报本文,约\n本报某地讯 今年以来,某市建立服务站180余处。\n";
        let p = clean(page);
        assert_eq!(p.meta.title, None);
        assert_eq!(p.meta.source.as_deref(), Some("某某报新闻网"));
        assert_eq!(p.body.len(), 1);
        // A signing organization and a numbered section heading are not titles.
        let page = "中共某市某区委组织部\n2018年10月18日13:44 来源:某某网\n一、背景起因\n某区辖9个街道,有党组织690个。\n";
        let p = clean(page);
        assert_eq!(p.meta.title, None);
        assert_eq!(p.meta.date.as_deref(), Some("2018-10-18"));
    }

    #[test]
    fn title_above_the_dateline_over_furniture() {
        let page = "某某网首页 > 某县 > 正文\n某县党建引领乡村振兴\n分 享 至 手 机\n时间:2024-06-22 11:07:16|来源:某某广视网编辑:张三|点击量:2901\n近年来,某县以党建为抓手,推动产业发展。\n";
        let p = clean(page);
        assert_eq!(p.meta.title.as_deref(), Some("某县党建引领乡村振兴"));
        assert_eq!(p.meta.source.as_deref(), Some("某某广视网"));
        assert_eq!(p.meta.date.as_deref(), Some("2024-06-22"));
    }

    #[test]
    fn a_word_with_wen_is_no_byline() {
        let p = clean("推进文化建设\n本报讯 某市今年新建文化广场12个,举办演出300场。\n");
        assert!(p.meta.authors.is_empty(), "{:?}", p.meta.authors);
        let p = clean("标题在这里\n文/张三 李四\n正文第一段,内容充实。\n");
        assert_eq!(p.meta.authors, ["张三", "李四"]);
    }

    #[test]
    fn a_paragraph_that_lost_its_closing_mark_is_body() {
        let page = "扎根基层谱新篇\n通讯员 张三\n暖民心\n各级党组织走访慰问困难党员和老战士1300余人,办理群众急难愁盼事项2400余件\n兴产业\n新建蔬菜大棚380座,带动120户群众增收。\n";
        let p = clean(page);
        let body: Vec<&str> = p.body.iter().map(|r| &page[r.clone()]).collect();
        assert!(
            body.iter().any(|l| l.starts_with("各级党组织走访慰问")),
            "{body:?}"
        );
        assert_eq!(p.meta.title.as_deref(), Some("扎根基层谱新篇"));
        // A short heading with a comma is still a heading.
        let p = clean("坚持党建引领,推动乡村振兴\n某县今年新建服务站12个。\n");
        assert_eq!(p.meta.title.as_deref(), Some("坚持党建引领,推动乡村振兴"));
    }

    #[test]
    fn a_page_cut_off_mid_sentence_keeps_its_last_line() {
        let page = "某社区开展结对帮扶\n社区党委组织党员结对帮扶困难群众,走访慰问200余户。\n家住某小区78岁的退休职工老刘是一名行动不便的\n";
        let body: Vec<&str> = clean(page).body.iter().map(|r| &page[r.clone()]).collect();
        assert_eq!(body.len(), 2, "{body:?}");
        // After a section heading too.
        let page = "某社区开展结对帮扶\n社区党委组织党员结对帮扶困难群众,走访慰问200余户。\n关爱老人 温暖人心\n家住某小区78岁的退休职工老刘是一名行动不便的\n";
        assert_eq!(clean(page).body.len(), 3);
        // Not a footer record of fields, nor a line before more furniture.
        let page = "某社区开展结对帮扶\n社区党委组织党员结对帮扶困难群众,走访慰问200余户。\n某某日报 要闻 00001 某社区开展结对帮扶 2019-11-25 星期一\n";
        assert_eq!(clean(page).body.len(), 1);
    }

    #[test]
    fn a_closing_run_of_figure_lines_is_body() {
        let page = "某县村级班子换届完成\n全县共选出村两委成员3200人,班子结构进一步优化,各项工作稳步推进。\n\
                    年龄:平均年龄46.2岁\n40岁以下占比12.5%\n女委员156人,占8.5%\n大专以上学历的780人\n";
        let body: Vec<&str> = clean(page).body.iter().map(|r| &page[r.clone()]).collect();
        assert_eq!(body.len(), 5, "{body:?}");
        assert_eq!(body.last(), Some(&"大专以上学历的780人"));
        // One figure line is not a run; a footer's numbers carry no unit;
        // a run stops at the first line that is neither figure nor label.
        let page = "某县村级班子换届完成\n全县共选出村两委成员3200人,班子结构进一步优化,各项工作稳步推进。\n女委员156人\n";
        assert_eq!(clean(page).body.len(), 1);
        let page = "某县村级班子换届完成\n全县共选出村两委成员3200人,班子结构进一步优化,各项工作稳步推进。\n\
                    浏览次数:1234\n联系电话:0123-4567890\n";
        assert_eq!(clean(page).body.len(), 1);
        let page = "某县村级班子换届完成\n全县共选出村两委成员3200人,班子结构进一步优化,各项工作稳步推进。\n\
                    女委员156人,占8.5%\n40岁以下占比12.5%\n某镇开会部署秋收\n某村新建党群服务中心\n";
        assert_eq!(clean(page).body.len(), 3);
    }

    #[test]
    fn plain_text_is_all_body() {
        let p = clean("严格执行三会一课制度");
        assert_eq!(p.body.len(), 1);
    }
}
