//! The page's source: the paper, site or body that published it.
//!
//! Cues, in order of trust:
//!
//! 1. a `来源:`/`稿源:` field, cut where a glued field begins
//!    (`来源:某某日报编辑:张三` → 某某日报, `來源:某某日報222` → 某某日報);
//!    a field that names no outlet (网络整理, 本站, 综合) is passed over;
//! 2. the publishing body of a government page's table of fields
//!    (发布机构, 发布单位, 发布者: see [`super::fields`]);
//! 3. the outlet credited in brackets right after the article
//!    (`(《某某时报》新闻中心)`, `(某某社)`): the paper that wrote it wins
//!    over the site that reprinted it;
//! 4. a site or paper named on the dateline (`某某日报 2024年08月15日 星期四`,
//!    `《 某某报 》( 2022年10月31日 第 17 版)`), or a masthead line, also
//!    two names joined and a column word after (`新某某-某某日报精选` →
//!    新某某-某某日报);
//! 5. the news lead (`某某网讯`, `某某日报/某某网讯`, `某某社北京6月1日电`,
//!    an outlet before the reporters' names: `某某在线(记者 张三)`), a byline
//!    naming the paper (`某某日报记者 张三`, two outlets joined:
//!    `某某日报·某某网记者 张三`), or in the first paragraph a broadcast's
//!    sign-off (`…,某某台记者张三报道`) or a paper's reporter learning the
//!    news (`…。某某日报记者从某县委组织部获悉,`); the agency credited for
//!    the photo a picture story opens with (`图为……。某某社记者 张三 摄`);
//!    an editor's note announcing the outlet's series
//!    (`编者按 … 某某新闻推出“…”系列报道`);
//! 6. a footer record, a reposting notice, a copyright line
//!    (`某某网 2006-2024 版权所有`);
//! 7. the site a page's furniture names: a breadcrumb (`某某网 > 频道 >
//!    正文`), a toolbar (`某某网 打印 纠错`), a page title's suffix
//!    (`标题_某某网`), a site's description of itself.
//!
//! A field with no Han character and digits in it (`sp20241124`) is not a
//! source. An app advert (`下载某某日报客户端`) names no source: it is
//! furniture, never read.

use super::dates::{self, caps};
use super::fields::Fields;
use super::furniture;
use super::{Kind, Line, han_count};

// A site's name after a page title: "标题_某某网", "标题 - 某某日报".
static_regex!(
    SITE_SUFFIX,
    r"^(.{4,}?)\s*(?:[_|｜]|\s[-－—–]\s|[-－–])\s*(?:[^_|｜]{1,12}[_|｜]\s*)*([\p{Han}A-Za-z]{2,14}(?:网|报|在线|新闻|频道|客户端|电视台|融媒))\s*$"
);

/// A page title with a site's name after it, split: (title, site):
/// `某县党建引领乡村振兴_某某网` → (某县党建引领乡村振兴, 某某网).
pub(super) fn split_site_suffix(s: &str) -> Option<(&str, &str)> {
    let c = SITE_SUFFIX.captures(s)?;
    let (head, site) = (c.get(1)?.as_str().trim(), c.get(2)?.as_str());
    (han_count(head) >= 4).then_some((head, site))
}

static_regex!(
    SOURCE,
    r"(?:来源|出处|稿源|转自)(?:\s*[:：|｜丨]\s*|[?？])([^\s|｜丨:：】\]]{2,30})"
);
static_regex!(
    MASTHEAD,
    r"^((?:[\p{Han}A-Za-z]{2,10}\s*[-·]\s*)?[\p{Han}]{2,10}(?:日报|晚报|时报|商报|报))(?:\s*(?:多媒体数字报刊|数字报刊|数字报纸|数字报|数字版|电子版|电子报|精选|独家))?$"
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
        r"^[\s|│■□●◆【\[(（]*((?:{SITE})(?:[·/](?:{SITE}))?)(?:[\p{{Han}}]{{2,4}}?)?\s*(?:\d{{1,2}}月\d{{1,2}}日)?\s*(?:讯|电|消息)"
    )
);
static_regex!(
    PAPER_REPORTER,
    r"^[\s□■]*(?:文\s*[/|:：]|作者\s*[:：])?\s*((?:[\p{Han}]{2,10}(?:日报|晚报|时报|报|社|网|在线|客户端)[·/-])?[\p{Han}]{2,10}(?:日报|晚报|时报|报|社|电视台|广播电视台|融媒体中心|新闻网|网|在线|客户端))\s?(?:全媒体|融媒体)?(?:记者|特约评论员|评论员)"
);

// A paper's reporter learning the news, opening a clause of the lead:
// "…。某某日报记者从某县委组织部获悉,".
static_regex!(
    REPORTER_LEARNED,
    &format!(
        r"(?:^|[^\p{{Han}}])((?:{SITE}))(?:全媒体|融媒体)?记者(?:\s*[\p{{Han}}·]{{2,4}}?)?\s*(?:近日|日前|今天|今日|昨天|昨日)?(?:从|自)[^,，。;；]{{2,30}}?(?:获悉|了解到|得知)"
    )
);
// The outlet credited in brackets after the article, alone or cited in
// 《》 with its desk: "(《某某时报》新闻中心)", "(某某社)" (a desk after a bare
// name would read 某某社区服务站 as 某某社).
static_regex!(
    CLOSING_CREDIT,
    &format!(
        r"(?:^|[。!！?？”])\s*[(（]\s*(?:《\s*((?:{SITE}))\s*》\s*(?:[\p{{Han}}]{{0,6}}(?:中心|部|组|站|室))?|((?:{SITE})))\s*[)）]\s*$"
    )
);
// A photo credit naming the outlet whose reporter took it:
// "…。某某社记者 张三 摄".
static_regex!(
    PHOTO_CREDIT,
    &format!(
        r"(?:^|[^\p{{Han}}])((?:{SITE}))(?:全媒体|融媒体)?(?:摄影)?记者\s*[\p{{Han}}·]{{2,4}}(?:[\s、][\p{{Han}}·]{{2,4}})*\s*摄(?:影)?$"
    )
);
// An outlet right before the reporters' names, opening the lead:
// "某某在线(记者 张三 通讯员 李四)".
static_regex!(
    LEAD_REPORTER,
    &format!(
        r"^[\s|│■□●◆]*((?:{SITE}))\s*[(（]\s*(?:本报|本台|本网)?(?:记者|通讯员|特约记者|见习记者)"
    )
);
// A broadcast's sign-off: "…,某某台记者张三报道" (and papers written so).
static_regex!(
    SIGN_OFF,
    r"([\p{Han}]{2,10}?(?:广播电视台|电视台|广播电台|电台|台|日报|晚报|报|网|社))(?:全媒体|融媒体)?记者\s*[\p{Han}·]{2,4}(?:[、和][\p{Han}·]{2,4})*\s*(?:报道|采写|整理)"
);
// A copyright line: "某某网 2006-2024 版权所有", "© 2024 某某网 版权所有".
static_regex!(
    COPYRIGHT_YEARS,
    r"^(?:©|Copyright|\(c\))?\s*(?:\d{4}(?:\s*[-—~]\s*\d{4})?)?\s*([\p{Han}]{2,14}(?:网|报社|日报|在线))\s*(?:©|Copyright|\(c\))?\s*(?:\d{4}(?:\s*[-—~]\s*\d{4})?)?\s*版权所有"
);
// An outlet announcing its own series in an editor's note: "某某新闻推出…".
static_regex!(
    ANNOUNCING,
    r"([\p{Han}]{2,8}?(?:新闻|日报|晚报|报|网|社|电视台|客户端))(?:特别|重磅|隆重|今起|即日起)?推出"
);
// What a 来源 field writes when it names no outlet.
static_regex!(
    NO_OUTLET,
    r"^(?:网络|互联网|网友|本站|本网|本台|本报|原创|转载|综合|佚名|未知|不详|其他|其它|编辑)(?:整理|转载|综合|投稿|来稿|报道|提供|原创|编辑)?$"
);

// A line or a paragraph's close stating where the article was taken from:
// "本文转载自某某日报", "(来源:某某县融媒体中心)".
static_regex!(
    REPRINTED,
    r"^[(（【\[]?\s*(?:本文|本篇|文章|此文)?(?:转载自|转自|来源于|摘自|选自|转引自)\s*[:：]?\s*([^\s,，。;；)）】\]]{2,30})"
);
static_regex!(
    CLOSING_FIELD,
    r"[(（【\[]\s*(?:稿件|文章|信息)?(?:来源|稿源|转自)\s*[:：]\s*([^)）】\]]{2,30}?)\s*[)）】\]]\s*$"
);
// The same field left bare after the paragraph's last sentence: "…。 来源:某某网".
static_regex!(
    CLOSING_BARE,
    r"[。!！?？\s](?:稿件|文章|信息)?(?:来源|稿源|转自)\s*[:：]\s*([^\s)）】\]]{2,30})\s*$"
);
// A lead reporting what an outlet reported: "据某某日报报道,".
static_regex!(
    ACCORDING_TO,
    &format!(r"^据\s*《?((?:{SITE}))》?\s*(?:报道|消息|讯)")
);
// A footer bar naming the site among the links every site has.
static_regex!(
    FOOTER_LINKS,
    r"关于我们|联系我们|网站地图|网站声明|法律声明|隐私政策|广告服务|意见反馈|投稿邮箱"
);
// Where a footer names the site's owner: a copyright line in any of its
// spellings (版权所有 before or after the name, ©, Copyright, All Rights
// Reserved).
static_regex!(
    COPYRIGHT_MARK,
    r"(?i)版权所有|copyright|©|all rights reserved"
);
static_regex!(
    FOOTER_SITE,
    r"([\p{Han}]{2,14}?(?:新闻网|网站|网|报社|日报社|日报|在线|客户端|融媒体中心|电视台))"
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
    r"(?:作者|责任编辑|责编|编辑|记者|通讯员|发布时间|发布日期|时间|日期|点击|浏览|阅读|字号|字体|摄影|\d{4}[-/年])"
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
    if let Some(m) = GLUED_FIELD.find(s) {
        // An empty field followed by the next label (来源: 作者:张三) names
        // nothing.
        if m.start() == 0 {
            return None;
        }
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

/// The source field (来源:…) of a line, if it has one.
fn source_field<'h>(l: &Line<'h>) -> Option<regex::Captures<'h>> {
    // Every match of SOURCE holds a colon or a question mark standing for
    // one: test that first.
    if l.shape.colon || l.shape.question || l.shape.bar {
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
    if s.ends_with(['报', '纸', '版', '刊', '选', '家'])
        && reprinted_from(s).is_none()
        && !s.starts_with('本')
    {
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

/// The title a reposting notice names.
pub(super) fn repost_title(l: &Line<'_>) -> Option<String> {
    repost(l).map(|c| c[2].trim().to_string())
}

fn repost<'h>(l: &Line<'h>) -> Option<regex::Captures<'h>> {
    // Every match of REPOST holds a '»', one of the trail marks: test that
    // first (a search for '»' alone stops at every 0xBB byte of Han text).
    if l.shape.trail && l.text.contains('»') {
        caps(&REPOST, l.text)
    } else {
        None
    }
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

/// The outlet a line says the article was taken from (本文转载自某某日报).
fn reprinted_from(s: &str) -> Option<String> {
    if s.chars().count() > 40 {
        return None;
    }
    let c = caps(&REPRINTED, s)?;
    let v = &c[1];
    // A paper cited by its title: the name inside 《》 alone.
    let v = match v.strip_prefix('《') {
        Some(rest) => rest.split('》').next().unwrap_or(rest),
        None => v.trim_start_matches('【').trim_end_matches('】'),
    };
    field_source(v)
}

/// A source field closing a paragraph: "…。(来源:某某县融媒体中心)", or
/// when `bare` (the article's last paragraph) "…。 来源:某某网".
fn closing_field(s: &str, bare: bool) -> Option<String> {
    let c = if s.ends_with([')', '）', '】', ']']) {
        caps(&CLOSING_FIELD, s)
    } else if bare {
        caps(&CLOSING_BARE, s)
    } else {
        None
    }?;
    field_source(&c[1])
}

/// A source field in the head of a page flattened into one line with its
/// article ("标题 2023-01-05 来源:某某网 正文……"): within the first 60
/// characters of the first paragraph.
fn flattened_field(s: &str) -> Option<String> {
    let head: String = s.chars().take(60).collect();
    let c = caps(&SOURCE, &head)?;
    field_source(&c[1])
}

/// A site a footer's line of hosts names (主办:某某日报社 承办:某某网):
/// the last of them, the one running the site.
fn host_site(s: &str) -> Option<String> {
    static_regex!(HOSTS, r"(?:主办|承办|协办|运营|主管)(?:单位)?\s*[:：]");
    if s.chars().count() > 80 || !HOSTS.is_match(s) {
        return None;
    }
    s.split(|c: char| c.is_whitespace() || matches!(c, '|' | '丨' | ':' | '：' | ',' | '，' | '、'))
        .rev()
        .find(|t| {
            SITE_TOKEN.is_match(t)
                && han_count(t) >= 3
                && !t.starts_with('本')
                && t.ends_with(['网', '站', '线', '端'])
        })
        .map(str::to_string)
        .or_else(|| host_organ(s))
}

/// The government organ a footer names as the site's owner when it names
/// no site (主办:中共某县委宣传部 承办:某县大数据中心 → 中共某县委宣传部):
/// a government site is published by the organ that runs it.
fn host_organ(s: &str) -> Option<String> {
    static_regex!(
        HOST_ORGAN,
        r"主办(?:单位)?\s*[:：]\s*([\p{Han}()（）]{2,24}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|委组织部|委宣传部|融媒体中心))(?:[\s|丨,，、]|$)"
    );
    caps(&HOST_ORGAN, s).map(|c| c[1].to_string())
}

/// Where the source field of a flattened page head starts (see
/// [`flattened_field`]), when it names an outlet: the head before it holds
/// the page's title and date.
pub(super) fn flattened_field_start(s: &str) -> Option<usize> {
    let head: String = s.chars().take(60).collect();
    let c = caps(&SOURCE, &head)?;
    field_source(&c[1])?;
    c.get(0).map(|m| m.start())
}

/// The site a footer bar names among the links every site has
/// (某某党建网 | 关于我们 | 联系我们).
fn footer_bar_site(s: &str) -> Option<&str> {
    if s.chars().count() > 60 || !FOOTER_LINKS.is_match(s) {
        return None;
    }
    s.split(|c: char| c.is_whitespace() || matches!(c, '|' | '丨' | '│' | '｜' | '·'))
        .filter(|t| !t.is_empty())
        .find(|t| {
            SITE_TOKEN.is_match(t)
                && han_count(t) >= 3
                && !t.starts_with('本')
                && !FOOTER_LINKS.is_match(t)
        })
}

/// The site a copyright line names: "某某网 版权所有", "版权所有:某某新闻网",
/// "Copyright © 2015-2020 某某新闻网 All Rights Reserved".
fn copyright_site(l: &Line<'_>) -> Option<String> {
    if l.shape.chars > 80 || !COPYRIGHT_MARK.is_match(l.text) {
        return None;
    }
    // The owner, not the hosts and contractors the line also names.
    static_regex!(OTHER_PARTY, r"主办|承办|技术支持|协办|备案|地址|电话");
    let owner = OTHER_PARTY.split(l.text).next().unwrap_or("");
    caps(&FOOTER_SITE, owner)
        .map(|c| c[1].to_string())
        .filter(|n| !n.starts_with('本'))
}

/// A site's name standing alone at the top of the page, above the headline
/// (某某党建网): a heading of a site's name only, with another heading below
/// it before the body.
fn header_site(ls: &[Line<'_>], kinds: &[Kind], header_end: usize) -> Option<String> {
    (0..header_end.min(ls.len())).find_map(|i| {
        let s = ls[i].text;
        let named = matches!(kinds[i], Kind::Heading | Kind::Boilerplate)
            && s.chars().count() <= 12
            && SITE_TOKEN.is_match(s)
            && han_count(s) >= 3
            && !s.starts_with('本')
            && s.ends_with(['网', '线', '端', '站']);
        let headline_below = (i + 1..header_end.min(ls.len())).any(|j| kinds[j] == Kind::Heading);
        (named && headline_below).then(|| s.to_string())
    })
}

/// A source field's value, when it names an outlet.
fn field_source(raw: &str) -> Option<String> {
    clean_source(raw).filter(|s| !NO_OUTLET.is_match(s))
}

/// A toolbar naming its site: "某某网 打印 纠错" (the site's name among
/// controls).
fn toolbar_site(s: &str) -> Option<&str> {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if tokens.len() < 2 {
        return None;
    }
    let mut sites = tokens
        .iter()
        .filter(|t| SITE_TOKEN.is_match(t) && han_count(t) >= 2 && !t.starts_with('本'));
    let site = sites.next()?;
    let rest_are_controls = tokens.iter().all(|t| t == site || furniture::is_control(t));
    (sites.next().is_none() && rest_are_controls).then_some(*site)
}

/// The source the lines before and at the start of the body name: the news
/// lead, a byline naming the paper, a broadcast's sign-off.
fn lead_source(ls: &[Line<'_>], kinds: &[Kind], body: &std::ops::Range<usize>) -> Option<String> {
    let near = body.start.saturating_sub(3)..body.end.min(body.start + 3);
    for i in near.clone() {
        if matches!(kinds[i], Kind::Paragraph | Kind::Heading | Kind::Byline) {
            let s = ls[i].text;
            let c = caps(&LEAD, s).or_else(|| caps(&LEAD_REPORTER, s));
            if let Some(c) = c
                && !c[1].starts_with('本')
            {
                return Some(c[1].to_string());
            }
        }
    }
    for (i, l) in ls.iter().enumerate() {
        // A byline, or a short heading among the first lines: the line
        // under a headline that names the paper's reporters.
        let signing = kinds[i] == Kind::Byline
            || (kinds[i] == Kind::Heading && i < body.start + 3 && l.shape.chars <= 30);
        if (signing || (i >= body.start && i < body.start + 2))
            && let Some(c) = caps(&PAPER_REPORTER, l.text)
            && !c[1].starts_with('本')
        {
            return Some(c[1].to_string());
        }
    }
    // A sign-off in the first paragraph, or what an outlet reported.
    let first = (body.start..body.end).find(|&i| kinds[i] == Kind::Paragraph)?;
    if let Some(c) = caps(&ACCORDING_TO, ls[first].text)
        && !c[1].starts_with('本')
    {
        return Some(c[1].to_string());
    }
    if let Some(c) = caps(&SIGN_OFF, ls[first].text) {
        let name = c[1].trim_start_matches(['据', '由', '从', '经']);
        if han_count(name) >= 2 && !name.starts_with('本') {
            return Some(name.to_string());
        }
    }
    // A paper's reporter learning the news in the lead.
    reporter_learned(ls[first].text)
}

/// The paper whose reporter learned the news, in a lead: "…。某某日报记者
/// 从某县委组织部获悉" (a time word or 据 before the name is not part of it).
fn reporter_learned(s: &str) -> Option<String> {
    let c = caps(&REPORTER_LEARNED, s)?;
    let mut name = &c[1];
    for w in ["近日", "日前", "今天", "今日", "昨天", "昨日", "据", "由"] {
        name = name.strip_prefix(w).unwrap_or(name);
    }
    (han_count(name) >= 2 && !name.starts_with('本')).then(|| name.to_string())
}

/// The outlet credited in brackets right after the article (a line of its
/// own or the last paragraph's close): the paper that wrote it, whoever
/// reprinted it.
fn closing_credit(
    ls: &[Line<'_>],
    kinds: &[Kind],
    body: &std::ops::Range<usize>,
) -> Option<String> {
    let last = body.end.checked_sub(1)?;
    (last..(body.end + 2).min(ls.len()))
        .filter(|&i| i == last || kinds[i] != Kind::Paragraph)
        .find_map(|i| {
            let s = ls[i].text;
            if !s.ends_with([')', '）']) {
                return None;
            }
            caps(&CLOSING_CREDIT, s)
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| m.as_str().to_string())
                .filter(|n| !n.starts_with('本') && han_count(n) >= 2)
        })
}

/// The outlet whose reporter took the photo a picture story opens with
/// (图为……。某某社记者 张三 摄): the caption is the story's head.
fn photo_credit(ls: &[Line<'_>], kinds: &[Kind], body: &std::ops::Range<usize>) -> Option<String> {
    (0..body.start.min(ls.len()).max(1).min(ls.len()))
        .filter(|&i| kinds[i] == Kind::Caption)
        .find_map(|i| {
            caps(&PHOTO_CREDIT, ls[i].text)
                .map(|c| c[1].to_string())
                .filter(|n| !n.starts_with('本') && han_count(n) >= 2)
        })
}

/// The outlet an editor's note (编者按) announces its series in: the note
/// speaks for the page's publisher.
fn editors_note_source(ls: &[Line<'_>]) -> Option<String> {
    let note = ls.iter().take(20).position(|l| {
        l.text
            .trim_start_matches(['【', '[', '(', '（', ' '])
            .starts_with("编者按")
    })?;
    ls.iter().skip(note).take(8).find_map(|l| {
        let c = caps(&ANNOUNCING, l.text)?;
        let name = c[1].trim_start_matches(['据', '由', '从', '经', '在']);
        (han_count(name) >= 2 && !name.starts_with('本')).then(|| name.to_string())
    })
}

/// A footer's naming of the site: a footer record "报名 栏目 00001 标题
/// 2019-11-25 …", a reposting notice, a copyright line.
fn footer_source(ls: &[Line<'_>]) -> Option<String> {
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
            && let Some(c) = caps(&COPYRIGHT, l.text).or_else(|| caps(&COPYRIGHT_YEARS, l.text))
        {
            return Some(c[1].to_string());
        }
    }
    ls.iter()
        .rev()
        .take(8)
        .find_map(|l| copyright_site(l).or_else(|| footer_bar_site(l.text).map(str::to_string)))
}

/// The site the page's furniture names: a breadcrumb, a toolbar, a page
/// title's suffix.
fn furniture_source(ls: &[Line<'_>], kinds: &[Kind], header_end: usize) -> Option<String> {
    for (i, l) in ls.iter().enumerate().take(header_end) {
        // A breadcrumb's site: "某某网 > 频道 > 正文".
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
    for (i, l) in ls.iter().enumerate().take(header_end) {
        if kinds[i] == Kind::Paragraph {
            continue;
        }
        if let Some(site) = toolbar_site(l.text) {
            return Some(site.to_string());
        }
        if kinds[i] == Kind::Heading
            && let Some((_, site)) = split_site_suffix(l.text)
        {
            return Some(site.to_string());
        }
    }
    None
}

/// Reads the page's source; see the module documentation (the table of
/// fields comes before the closing credit, cue 3).
pub(super) fn read(
    ls: &[Line<'_>],
    kinds: &[Kind],
    header_end: usize,
    body: std::ops::Range<usize>,
    fields: &Fields,
) -> Option<String> {
    let outside = |i: usize| i < header_end || kinds[i] != Kind::Paragraph;
    // A source field.
    for (i, l) in ls.iter().enumerate() {
        if !(kinds[i] == Kind::Paragraph && body.contains(&i))
            && let Some(c) = source_field(l)
            && let Some(s) = field_source(&c[1])
        {
            return Some(s);
        }
    }
    // A paragraph's closing field, a line naming where the article was
    // taken from.
    for (i, l) in ls.iter().enumerate() {
        let last = body.end.checked_sub(1) == Some(i);
        let found = if kinds[i] == Kind::Paragraph {
            let head = (i == body.start).then(|| flattened_field(l.text)).flatten();
            head.or_else(|| {
                (body.contains(&i))
                    .then(|| closing_field(l.text, last))
                    .flatten()
            })
        } else {
            reprinted_from(l.text).or_else(|| closing_field(l.text, false))
        };
        if found.is_some() {
            return found;
        }
    }
    if let Some(s) = fields.publisher.as_deref().and_then(field_source) {
        return Some(s);
    }
    // The outlet credited after the article, over the site that carries it.
    if let Some(s) = closing_credit(ls, kinds, &body) {
        return Some(s);
    }
    // A dateline naming the paper or site; a masthead line.
    for (i, l) in ls.iter().enumerate() {
        if kinds[i] == Kind::Meta && dates::has_date(l) {
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
    lead_source(ls, kinds, &body)
        .or_else(|| photo_credit(ls, kinds, &body))
        .or_else(|| editors_note_source(ls))
        .or_else(|| footer_source(ls))
        .or_else(|| furniture_source(ls, kinds, header_end))
        .or_else(|| header_site(ls, kinds, header_end))
        .or_else(|| ls.iter().rev().take(8).find_map(|l| host_site(l.text)))
        .or_else(|| {
            ls.iter()
                .take(3)
                .find_map(|l| furniture::self_description(l.text).map(str::to_string))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for re in [
            &*SOURCE,
            &*MASTHEAD,
            &*SITE_TOKEN,
            &*CITED_PAPER,
            &*LEAD,
            &*LEAD_REPORTER,
            &*PAPER_REPORTER,
            &*SIGN_OFF,
            &*REPOST,
            &*COPYRIGHT,
            &*COPYRIGHT_YEARS,
            &*NO_OUTLET,
            &*ANNOUNCING,
            &*GLUED_FIELD,
            &*REPRINTED,
            &*CLOSING_FIELD,
            &*COPYRIGHT_MARK,
            &*FOOTER_SITE,
            &*CLOSING_BARE,
            &*ACCORDING_TO,
            &*FOOTER_LINKS,
            &*REPORTER_LEARNED,
            &*CLOSING_CREDIT,
            &*PHOTO_CREDIT,
        ] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn a_footer_names_the_organ_that_runs_a_government_site() {
        assert_eq!(
            host_site("主办:中共青山县委宣传部 承办:青山县大数据中心").as_deref(),
            Some("中共青山县委宣传部")
        );
        assert_eq!(
            host_site("主办单位:中共青山县委组织部 | 技术支持:某某科技").as_deref(),
            Some("中共青山县委组织部")
        );
        assert_eq!(
            host_site("主办:某某日报社 承办:某某网").as_deref(),
            Some("某某网")
        );
        assert_eq!(host_site("承办:中共青山县委宣传部"), None);
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
    fn reporters_learning_the_news() {
        assert_eq!(
            reporter_learned(
                "3月5日,某县召开推进会。近日某某日报记者从县委组织部获悉,全县已建成服务站12个。"
            )
            .as_deref(),
            Some("某某日报")
        );
        assert_eq!(
            reporter_learned("本报记者从县委组织部获悉,全县已建成服务站12个。"),
            None
        );
    }

    #[test]
    fn closing_credits() {
        let credit = |s: &str| {
            caps(&CLOSING_CREDIT, s)
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| m.as_str().to_string())
        };
        assert_eq!(
            credit("(《某某时报》新闻中心)").as_deref(),
            Some("某某时报")
        );
        assert_eq!(
            credit("共解决难题300余个。(某某社)").as_deref(),
            Some("某某社")
        );
        assert_eq!(credit("共解决难题300余个。(某某社区服务站)"), None);
        assert_eq!(credit("(记者 张三)"), None);
        assert_eq!(credit("共走访群众(某某网格)"), None);
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
}
