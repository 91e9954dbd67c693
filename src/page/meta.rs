//! Page metadata: title, date, source, edition, authors and editors, read
//! from the lines the cleaner has classified.
//!
//! **Title**: chosen among candidate lines by score ([`super::title`]).
//!
//! **Source**: the first of a list of cues, from a `来源:` field to the
//! site a page's furniture names ([`super::source`]).
//!
//! **Date**: the publication date of a government page's table of fields
//! (发布日期, 发文时间: [`super::fields`]) first, then a labelled date
//! (发布时间, 时间:, 日期, 信息时间), then the date a table says the
//! document was written (成文日期), then any date on a metadata line
//! (but bare dates after the article that disagree, the stamps of a list of
//! other articles), then the date a speech's head flattened into the first
//! paragraph gives (在某某会议上的讲话 张三(2023年3月1日)同志们:), ISO-formatted. Year first (2024年8月15日, 2024-08-15) or day first with
//! dots (15.08.2024); a date is a date only when its month has that day.

use super::dates::{self, caps, edition, find_date, labelled_date};
use super::fields::{self, Fields};
use super::{source, title};

pub use super::source::clean_source;
use super::{Kind, Line, PageMeta};

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

fn read_date(
    ls: &[Line<'_>],
    kinds: &[Kind],
    header_end: usize,
    body_end: usize,
    fields: &Fields,
) -> Option<String> {
    let outside = |i: usize| i < header_end || kinds[i] != Kind::Paragraph;
    // Lines of bare dates after the article that disagree are the stamps of
    // a list of other articles, not the page's date.
    let mut stamps: Vec<String> = ls
        .iter()
        .skip(body_end)
        .filter(|l| l.shape.han == 0)
        .filter_map(|l| find_date(l.text))
        .collect();
    stamps.sort_unstable();
    stamps.dedup();
    let listed = |i: usize| i >= body_end && stamps.len() >= 2 && ls[i].shape.han == 0;
    if let Some(d) = fields.published.as_deref().and_then(find_date) {
        return Some(d);
    }
    // Both date patterns need digits, and a labelled date a colon or a bar:
    // lines without them are not searched.
    let labelled = ls.iter().enumerate().find_map(|(i, l)| {
        if !(outside(i) && l.shape.digit && (l.shape.colon || l.shape.bar)) {
            return None;
        }
        labelled_date(l.text)
    });
    let written = || fields.written.as_deref().and_then(find_date);
    labelled
        .or_else(written)
        .or_else(|| {
            ls.iter().enumerate().find_map(|(i, l)| {
                ((l.shape.digit || dates::has_han_year(l.text))
                    && outside(i)
                    && !listed(i)
                    && matches!(kinds[i], Kind::Meta | Kind::Heading | Kind::Byline))
                .then(|| find_date(l.text))
                .flatten()
            })
        })
        .or_else(|| {
            // A page head flattened into the first paragraph: the date
            // before its source field.
            let l = ls.get(header_end)?;
            let at = source::flattened_field_start(l.text)?;
            find_date(l.text.get(..at)?)
        })
        .or_else(|| {
            // A speech's head flattened into the first paragraph: the date
            // after the speaker.
            title::speech_head(ls.get(header_end)?.text)?.1
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
    let fields = fields::read(ls, kinds);
    let mut meta = PageMeta {
        subtitle: (0..header_end)
            .find(|&i| kinds[i] == Kind::Subtitle)
            .map(|i| ls[i].text.to_string()),
        title: title::pick(ls, kinds, header_end, fields.title.as_deref()),
        source: source::read(ls, kinds, header_end, body.clone(), &fields),
        date: read_date(ls, kinds, header_end, body.end, &fields),
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
            && let Some(e) = edition(s)
        {
            meta.edition = Some(e);
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

/// `t` cut into the longest pieces, from its start, that occur in
/// `normalized`: the parts of a line that a field was pieced together from.
/// A character found nowhere is a piece of its own.
fn pieces<'a>(t: &'a str, normalized: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(first) = rest.chars().next() {
        let end = rest
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .rev()
            .find(|&e| normalized.contains(&rest[..e]))
            .unwrap_or(first.len_utf8());
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Where a field of the page stands in `text`: its own span, or for a
/// field pieced together from one line (a headline with a run cut out of
/// it) the span of that line from its first piece to its last.
pub fn span_in(text: &str, field: &str) -> Option<std::ops::Range<usize>> {
    if let Some(at) = text.find(field) {
        return Some(at..at + field.len());
    }
    // A few pieces of some length: not a text found character by character.
    let ps = pieces(field, text);
    if ps.len() > 4 || ps.iter().any(|p| p.chars().count() < 2) {
        return None;
    }
    let first = *ps.first()?;
    let start = text.find(first)?;
    let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    let line = &text[start..line_end];
    let mut at = 0;
    for p in &ps {
        at += line.get(at..)?.find(p)? + p.len();
    }
    Some(start..start + at)
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

/// In a source's name, a question mark between two Han characters is a
/// character lost in a bad conversion (某某日?报): names hold none, so it
/// is dropped.
fn drop_lost_characters(name: String) -> String {
    let chars: Vec<char> = name.chars().collect();
    let is_han = |c: Option<&char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    let lost = |i: usize| {
        matches!(chars[i], '?' | '？')
            && is_han(i.checked_sub(1).and_then(|j| chars.get(j)))
            && is_han(chars.get(i + 1))
    };
    (0..chars.len())
        .filter(|&i| !lost(i))
        .map(|i| chars[i])
        .collect()
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
        // A kicker and a headline were joined with a space: each is a line
        // of its own in the text. A headline with a run cut out of it is
        // pieces of its line.
        let conv_part = |t: &str| {
            if normalized.contains(t) {
                conv(t)
            } else {
                pieces(t, normalized).into_iter().map(conv).collect()
            }
        };
        let conv_title = |t: &str| {
            if normalized.contains(t) {
                conv(t)
            } else {
                t.split(' ').map(conv_part).collect::<Vec<_>>().join(" ")
            }
        };
        PageMeta {
            title: self
                .title
                .as_deref()
                .map(|t| drop_lost_separator(conv_title(t))),
            subtitle: self.subtitle.as_deref().map(conv),
            source: self
                .source
                .as_deref()
                .map(|s| drop_lost_characters(conv(s))),
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
        for re in [&*AUTHOR, &*EDITOR] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn lost_characters_in_sources() {
        assert_eq!(drop_lost_characters("某某日?报".to_string()), "某某日报");
        assert_eq!(drop_lost_characters("某某网?".to_string()), "某某网?");
    }

    #[test]
    fn pieces_of_a_line() {
        assert_eq!(
            pieces("某县推动发展", "某县推进查某动发展。"),
            ["某县推", "动发展"]
        );
        assert_eq!(pieces("某县", "某县"), ["某县"]);
        let text = "导航\n某县推进查某动发展\n正文。";
        assert_eq!(span_in(text, "某县推动发展"), Some(7..34));
        assert_eq!(span_in(text, "某县推动变化"), None);
        assert_eq!(span_in(text, "某县发推动展"), None);
    }

    #[test]
    fn lost_separators() {
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
