//! The headline: the line a reader would call the title, chosen among
//! candidate lines by a score rather than by a list of exceptions.
//!
//! **Candidates** are the heading-shaped lines of the page's head (the lines
//! the cleaner left as headings before the first body paragraphs): four Han
//! characters or more, at most 60 characters, not a label ending in a colon,
//! a clause ending in a comma, nor a numbered section heading. A `…_某某网` or `… - 某某网` suffix (a
//! page's `<title>` dumped as a line) is cut off. A heading that comes after
//! a body paragraph is a candidate only when something confirms it (below):
//! a page otherwise has section headings there.
//!
//! **Score** (points; the best candidate with 2 or more is the title):
//!
//! | feature | points |
//! |---|---|
//! | nearest heading above the dateline, the subtitle (——…) or the byline | +3 |
//! | only bylines, metadata or furniture between it and the lead | +2 |
//! | the page's first candidate free of furniture signals | +1 |
//! | 8 to 40 characters / under 6 / over 45 | +1 / −1 / −1 |
//! | share of its character pairs found in the paragraphs that follow | +4 × share |
//! | confirmed: the page's 原标题, a footer record or a reposting notice names it, or a paragraph quotes it in 《》 | +6 |
//! | the page's head writes it twice (the page's title and the article's heading) | +4 |
//! | a speech's title (在某某会议上的讲话), over the speaker's line below it | +4 |
//! | furniture: an edition label (第A03版:要闻), an image file name, app-advert words, toolbar words for half its words | −6 |
//! | a date, a clock time, a wire dateline (…6月1日电) or a long run of digits in it | −4 |
//! | a short line ending like an organization's name (…管理处, …委员会): the body signing the article | −2 |
//!
//! **Spam spliced into a headline** (a bad copy injecting advertising words
//! into the page's text) is cut out before scoring: around a spam word of
//! the furniture vocabulary, the shortest run whose character pairs, and
//! the two pairs across its edges, the article never uses, while the pair
//! its removal joins is one the article uses (`某县以党建引领推包养网动发展`
//! → `某县以党建引领推动发展`).
//!
//! **A speech's head** flattened into its first paragraph (`在某某会议上的讲话
//! 张三(2023年3月1日)同志们:……`) gives the title when no line does.
//!
//! A line of five characters or fewer must share half its character pairs
//! with the lead (a short headline names what the lead is about; a channel
//! name or a site's slogan does not).
//!
//! **Kicker and headline.** A kicker (引题) stands right above the headline:
//! when the line before the chosen one is itself a clean candidate of 6 to
//! 30 characters that shares a quarter of its pairs with the lead, is not
//! confirmed as a title of its own and is not the same headline again, the
//! two are joined with one space
//! (`某县机关党员进社区 结对服务群众零距离`).

use super::dates;
use super::furniture;
use super::source;
use super::{Kind, Line, han_count};

/// A candidate line and its score.
#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    text: String,
    score: f32,
    /// Free of furniture signals, and not confirmed: may stand as a kicker.
    clean: bool,
    share: f32,
}

// A numbered section heading (一、 (一) 1. 第一,) inside an article.
static_regex!(
    SECTION_NUMBER,
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]\D|第[一二三四五六七八九十]{1,3}[,，、])"
);
static_regex!(
    EDITION_LABEL,
    r"(?:^|第|\s)[A-Z]?\d{1,5}\s*版\s*(?:[:：]|$)|版面[:：]|版次[:：]"
);
static_regex!(
    ADVERT,
    r"(?i)客户端|APP|下载|订阅|扫码|扫一扫|公众号|手机报"
);
// A clock time, a long run of digits, a wire dateline (某某社北京6月1日电).
static_regex!(CLOCK, r"\d{1,2}:\d{2}|\d{7,}|\d{1,2}月\d{1,2}日(?:电|讯)");
// An organization's name, as a line signing the article reads.
static_regex!(
    ORGANIZATION,
    r"(?:委员会|办公室|管理处|管委会|人民政府|党委|党组|工委|局|厅|协会|学会|集团|公司)$"
);

/// Han character pairs of a text (pairs across other characters are not
/// pairs).
fn pairs(s: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2)
        .filter(|w| super::is_han(w[0]) && super::is_han(w[1]))
        .map(|w| (w[0], w[1]))
        .collect()
}

/// The share of `title`'s distinct character pairs found in `text`.
fn share(title: &str, text: &str) -> f32 {
    let mut t = pairs(title);
    t.sort_unstable();
    t.dedup();
    if t.is_empty() {
        return 0.0;
    }
    let found: rustc_hash::FxHashSet<(char, char)> = pairs(text).into_iter().collect();
    t.iter().filter(|p| found.contains(p)).count() as f32 / t.len() as f32
}

/// A headline with spam a bad copy spliced into it ("…推进查某某心得动…"):
/// the injected run cut out. A run is the spam word with up to three
/// characters before it and four after, taken out where it breaks the
/// headline's words: none of its character pairs, nor the two pairs across
/// its edges, occurs in the article (`known`), and the pair its removal
/// joins does. The shortest such run goes; without one the headline stays
/// as it is.
fn without_spam(t: &str, known: &rustc_hash::FxHashSet<(char, char)>) -> String {
    let mut t = t.to_string();
    // Each pass cuts one run; a headline holds few.
    for _ in 0..3 {
        let cs: Vec<char> = t.chars().collect();
        let cut = furniture::spam_words(&t).into_iter().find_map(|m| {
            let a = t[..m.start].chars().count();
            let b = a + t[m.clone()].chars().count();
            spliced_run(&cs, a, b, known)
        });
        let Some((x, y)) = cut else { break };
        t = cs[..x].iter().chain(&cs[y..]).collect();
    }
    t
}

/// The run around the spam word at `a..b` (char indices) whose removal
/// mends the headline, as char indices; see [`without_spam`].
fn spliced_run(
    cs: &[char],
    a: usize,
    b: usize,
    known: &rustc_hash::FxHashSet<(char, char)>,
) -> Option<(usize, usize)> {
    let han = |c: char| super::is_han(c);
    (0..=7).find_map(|total: usize| {
        (0..=total.min(3)).find_map(|l| {
            let r = total - l;
            let (x, y) = (a.checked_sub(l)?, b + r);
            if r > 4 || x == 0 || y >= cs.len() {
                return None;
            }
            let run = &cs[x - 1..=y];
            let mends = run.iter().all(|&c| han(c))
                && known.contains(&(cs[x - 1], cs[y]))
                && run.windows(2).all(|w| !known.contains(&(w[0], w[1])));
            mends.then_some((x, y))
        })
    })
}

/// Han characters and digits of a text: what two spellings of one title
/// share whatever their punctuation.
fn core(s: &str) -> String {
    s.chars()
        .filter(|c| super::is_han(*c) || c.is_ascii_digit())
        .collect()
}

/// Whether two titles are one, or one is most of the other (a copy that
/// lost a bracket or a site's suffix).
fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (core(a), core(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let n = short.chars().count();
    n >= 4 && long.contains(short.as_str()) && n * 5 >= long.chars().count() * 4
}

/// Titles the page states elsewhere: a 原标题 line, the title field of a
/// footer record ("报名 栏目 00015 标题 2015-11-18 …"), a reposting notice,
/// a table's 标题 field.
fn confirmations(ls: &[Line<'_>], kinds: &[Kind], table_title: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = table_title.into_iter().map(str::to_string).collect();
    for (i, l) in ls.iter().enumerate() {
        if kinds[i] == Kind::Paragraph {
            continue;
        }
        let s = l.text;
        if let Some(rest) = s.strip_prefix("原标题") {
            out.push(rest.trim_start_matches([':', '：', ' ']).to_string());
        } else if l.shape.whitespace && dates::has_date(l) && s.split_whitespace().nth(3).is_some()
        {
            out.extend(
                s.split_whitespace()
                    .filter(|t| han_count(t) >= 4)
                    .map(str::to_string),
            );
        }
        if let Some(t) = source::repost_title(l) {
            out.push(t);
        }
    }
    out
}

/// The furniture signals of a candidate: points off.
fn furniture_points(s: &str) -> f32 {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let toolbar = tokens.len() >= 2
        && tokens.iter().filter(|t| furniture::is_control(t)).count() * 2 >= tokens.len();
    let mut off = 0.0;
    if EDITION_LABEL.is_match(s) || furniture::has_image_file(s) || ADVERT.is_match(s) || toolbar {
        off += 6.0;
    }
    if CLOCK.is_match(s) || dates::find_date(s).is_some() {
        off += 4.0;
    }
    if s.chars().count() <= 14 && !s.contains(char::is_whitespace) && ORGANIZATION.is_match(s) {
        off += 2.0;
    }
    off
}

/// The headline text of a heading line, if it is one in shape.
fn shaped(l: &Line<'_>) -> Option<String> {
    let mut t = tidy(l.text);
    if let Some((head, _)) = source::split_site_suffix(&t) {
        t = head.to_string();
    }
    let n = t.chars().filter(|c| !c.is_whitespace()).count();
    let ok = (4..=60).contains(&n)
        && han_count(&t) >= 4
        // A clause broken off a sentence is no headline.
        && !t.ends_with([':', '：', ',', '，', '、', ';', '；', '﹐', '﹔', '﹑'])
        && !SECTION_NUMBER.is_match(&t);
    ok.then_some(t)
}

/// The texts of the first `n` paragraphs after line `i`.
fn following_paragraphs(ls: &[Line<'_>], kinds: &[Kind], i: usize, n: usize) -> String {
    (i + 1..ls.len())
        .filter(|&j| kinds[j] == Kind::Paragraph)
        .take(n)
        .map(|j| ls[j].text)
        .collect::<Vec<_>>()
        .join("")
}

/// Whether a paragraph near line `i` quotes `t` in 《》 (a notice issuing
/// the document the page carries).
fn quoted_nearby(ls: &[Line<'_>], kinds: &[Kind], i: usize, t: &str) -> bool {
    static_regex!(BOOK, r"《([^《》]{4,80})》?");
    let lo = i.saturating_sub(4);
    let hi = (i + 3).min(ls.len());
    (lo..hi)
        .filter(|&j| j != i && kinds[j] == Kind::Paragraph)
        .any(|j| BOOK.captures_iter(ls[j].text).any(|c| same_title(&c[1], t)))
}

/// The lines that a dateline, a subtitle or a byline makes the headline's
/// place: the nearest candidate above each, with no paragraph between.
fn anchored(ls: &[Line<'_>], kinds: &[Kind], header_end: usize, is_cand: &[bool]) -> Vec<bool> {
    let mut out = vec![false; ls.len()];
    for d in 0..header_end.min(ls.len()) {
        let anchor = matches!(kinds[d], Kind::Subtitle | Kind::Byline)
            || (kinds[d] == Kind::Meta
                && (dates::has_date(&ls[d]) || source::has_source_field(&ls[d])));
        if !anchor {
            continue;
        }
        let above = (d.saturating_sub(6)..d)
            .rev()
            .take_while(|&i| kinds[i] != Kind::Paragraph)
            .find(|&i| is_cand[i]);
        if let Some(i) = above {
            out[i] = true;
        }
    }
    out
}

/// Scores the candidates of the page's head.
fn candidates(
    ls: &[Line<'_>],
    kinds: &[Kind],
    header_end: usize,
    table_title: Option<&str>,
) -> Vec<Candidate> {
    // The head: up to the third paragraph, at most 40 lines.
    let window = (0..ls.len())
        .filter(|&i| kinds[i] == Kind::Paragraph)
        .nth(2)
        .unwrap_or(ls.len())
        .min(40)
        .max(header_end.min(ls.len()));
    let mut texts: Vec<Option<String>> = (0..ls.len())
        .map(|i| {
            (i < window && kinds[i] == Kind::Heading)
                .then(|| shaped(&ls[i]))
                .flatten()
        })
        .collect();
    // Spam spliced into a headline, cut out by the article's pairs.
    if texts
        .iter()
        .flatten()
        .any(|t| !furniture::spam_words(t).is_empty())
    {
        let article: String = (0..ls.len())
            .filter(|&i| kinds[i] == Kind::Paragraph)
            .map(|i| ls[i].text)
            .collect();
        let known: rustc_hash::FxHashSet<(char, char)> = pairs(&article).into_iter().collect();
        for t in texts.iter_mut().flatten() {
            *t = without_spam(t, &known);
        }
    }
    let is_cand: Vec<bool> = texts.iter().map(Option::is_some).collect();
    let anchor = anchored(ls, kinds, header_end, &is_cand);
    let confirmed_titles = confirmations(ls, kinds, table_title);
    let mut out = Vec::new();
    let mut first = true;
    for (i, t) in texts.iter().enumerate() {
        let Some(t) = t else { continue };
        let confirmed = confirmed_titles.iter().any(|c| same_title(c, t));
        // A headline the page's head writes twice (the page's title and
        // the article's heading).
        let repeated = texts
            .iter()
            .enumerate()
            .any(|(j, u)| j != i && u.as_deref() == Some(t.as_str()));
        let quoted = quoted_nearby(ls, kinds, i, t);
        if i > header_end && !(confirmed || quoted) {
            continue;
        }
        let lead = following_paragraphs(ls, kinds, i, 2);
        let sh = share(t, &lead);
        let n = t.chars().filter(|c| !c.is_whitespace()).count();
        if n <= 5 && sh < 0.5 {
            continue;
        }
        let above_lead = (i + 1..ls.len())
            .take_while(|&j| kinds[j] != Kind::Paragraph)
            .all(|j| kinds[j] != Kind::Heading);
        let off = furniture_points(t);
        let mut score = 4.0 * sh - off;
        score += if anchor[i] { 3.0 } else { 0.0 };
        score += if above_lead { 2.0 } else { 0.0 };
        score += if first && off == 0.0 { 1.0 } else { 0.0 };
        score += if (8..=40).contains(&n) {
            1.0
        } else if !(6..=45).contains(&n) {
            -1.0
        } else {
            0.0
        };
        score += if confirmed || quoted { 6.0 } else { 0.0 };
        score += if repeated { 4.0 } else { 0.0 };
        // A speech's title over the speaker's line under it.
        score += if is_speech_title(t) { 4.0 } else { 0.0 };
        first &= off > 0.0;
        out.push(Candidate {
            line: i,
            text: t.clone(),
            score,
            clean: off == 0.0 && !(confirmed || quoted),
            share: sh,
        });
    }
    out
}

// A speech's title: 在某某会议上的讲话.
const SPEECH_TITLE: &str = r"在[^,，。;；:：!！?？]{2,40}?(?:会议|大会|会|座谈会|仪式|典礼|论坛|开班式|推进会|报告会)[上中]?的(?:总结讲话|动员讲话|主旨讲话|讲话|发言|致辞|报告|主持词)";
static_regex!(SPEECH_LINE, &format!(r"^{SPEECH_TITLE}$"));
// A speech's head: its title, the speaker, the date in brackets, and the
// address that opens it (同志们:).
static_regex!(
    SPEECH_HEAD,
    &format!(
        r"^({SPEECH_TITLE})[^,，。;；:：!！?？]{{0,40}}?[(（]\s*([^()（）]{{6,20}}?)\s*[)）]\s*(?:同志们|各位|尊敬的)"
    )
);

/// Whether a headline is a speech's title (在某某会议上的讲话).
fn is_speech_title(t: &str) -> bool {
    t.starts_with('在') && SPEECH_LINE.is_match(t)
}

/// A speech's head flattened into its first paragraph ("在某某会议上的讲话
/// 张三(2023年3月1日)同志们:……"): the speech's title and the date it
/// was given.
pub(super) fn speech_head(s: &str) -> Option<(String, Option<String>)> {
    if !s.starts_with('在') {
        return None;
    }
    let c = dates::caps(&SPEECH_HEAD, s)?;
    Some((c[1].to_string(), dates::find_date(&c[2])))
}

/// The page's headline, if it states one.
pub(super) fn pick(
    ls: &[Line<'_>],
    kinds: &[Kind],
    header_end: usize,
    table_title: Option<&str>,
) -> Option<String> {
    let cands = candidates(ls, kinds, header_end, table_title);
    let best = cands
        .iter()
        .filter(|c| c.score >= 2.0)
        // The earlier of two equal scores.
        .fold(None::<&Candidate>, |b, c| match b {
            Some(b) if b.score >= c.score => Some(b),
            _ => Some(c),
        });
    let Some(best) = best else {
        return table_title
            .map(str::to_string)
            .or_else(|| ls.iter().find_map(source::repost_title))
            .or_else(|| Some(speech_head(ls.get(header_end)?.text)?.0));
    };
    // A kicker right above the headline.
    let kicker = cands.iter().find(|c| {
        c.line + 1 == best.line
            && c.clean
            && !same_title(&c.text, &best.text)
            && (6..=30).contains(&c.text.chars().count())
            && c.share >= 0.25
    });
    Some(match kicker {
        Some(k) => format!("{} {}", k.text, best.text),
        None => best.text.clone(),
    })
}

/// A headline as it should read: decoration and a serial's part number off,
/// one copy when the page wrote it twice on the line.
pub(super) fn tidy(t: &str) -> String {
    // A part number after a serial's headline: (3), (下).
    static_regex!(
        PART,
        r"\s*[(（](?:\d{1,2}|[一二三四五六七八九十]{1,2}|上|中|下)[)）]$"
    );
    let t = t
        .trim_start_matches(['■', '□', '●', '◆', '▶', '★', '☆'])
        .trim();
    let t = match PART.find(t) {
        Some(m) if han_count(&t[..m.start()]) >= 4 => &t[..m.start()],
        _ => t,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for re in [
            &*SECTION_NUMBER,
            &*EDITION_LABEL,
            &*ADVERT,
            &*CLOCK,
            &*ORGANIZATION,
            &*SPEECH_LINE,
            &*SPEECH_HEAD,
        ] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn titles_are_tidied() {
        assert_eq!(tidy("某县党建工作 某县党建工作"), "某县党建工作");
        assert_eq!(tidy("■某县党建引领基层治理"), "某县党建引领基层治理");
        assert_eq!(tidy("走进基层党支部(3)"), "走进基层党支部");
        assert_eq!(
            tidy("某县实施方案(2023—2025年)"),
            "某县实施方案(2023—2025年)"
        );
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            source::split_site_suffix("某县党建引领乡村振兴_某某网"),
            Some(("某县党建引领乡村振兴", "某某网"))
        );
        assert_eq!(
            source::split_site_suffix("某县党建引领乡村振兴 - 基层党建_某某日报"),
            Some(("某县党建引领乡村振兴", "某某日报"))
        );
        assert_eq!(source::split_site_suffix("某县党建引领乡村振兴"), None);
        assert_eq!(source::split_site_suffix("党建|某某网"), None);
    }

    #[test]
    fn pair_shares() {
        assert!(share("某县新建服务站", "今年以来,某县新建党群服务站12个。") > 0.6);
        assert_eq!(
            share("移动新媒体", "今年以来,某县新建党群服务站12个。"),
            0.0
        );
        assert!(same_title(
            "某县实施方案(2023—2025年)",
            "某县实施方案(2023—2025年"
        ));
        assert!(!same_title("某县", "某县实施方案"));
    }

    #[test]
    fn spliced_spam_is_cut_out() {
        let known = |s: &str| pairs(s).into_iter().collect();
        let body = known("某县以党建引领推动产业发展,新建服务站12个。");
        assert_eq!(
            without_spam("某县以党建引领推包养网动产业发展", &body),
            "某县以党建引领推动产业发展"
        );
        // A word the article uses is no spam; nor is one at the edge.
        let body = known("某县开展打击非法彩票专项行动,查处网点12个。");
        assert_eq!(
            without_spam("某县打击非法彩票行动", &body),
            "某县打击非法彩票行动"
        );
        assert_eq!(without_spam("博彩某县党建", &body), "博彩某县党建");
    }

    #[test]
    fn speech_heads() {
        assert_eq!(
            speech_head("在全市党建工作会议上的讲话 张三(2023年3月1日)同志们:今天……"),
            Some((
                "在全市党建工作会议上的讲话".to_string(),
                Some("2023-03-01".to_string())
            ))
        );
        assert_eq!(speech_head("在全市党建工作会议上的讲话,张三指出……"), None);
    }

    #[test]
    fn furniture_costs_points() {
        assert!(furniture_points("00012版:要闻·综合") > 0.0);
        assert!(furniture_points("第B03版:要闻") > 0.0);
        assert!(furniture_points("《晨光》张三 摄于某某公园_副本.jpg") > 0.0);
        assert!(furniture_points("某某网 打印 纠错") > 0.0);
        assert!(furniture_points("下载某某客户端 看更多新闻") > 0.0);
        assert_eq!(furniture_points("某县:党建引领 推进乡村振兴"), 0.0);
        assert!(furniture_points("某某集团某地管理处") > 0.0);
    }
}
