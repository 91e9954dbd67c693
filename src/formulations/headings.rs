//! Items set out as section headings: a report or speech that announces a
//! number of things (把握三个重点, 做到四个到位) and then gives each its own
//! heading line, each followed by its paragraphs.
//!
//! The headings are the lines of the body that read as headings — short,
//! no sentence mark or bracket, an ordinal (一、 (一) 1. 第一,) taken off.
//! When a headline's count has exactly as many, alike in length, they are
//! its items. Only a headline's count: inside a body a count's own
//! neighbourhood says more than the headings of the whole text.

use super::lexicon::{LEX, leading_number, number_word};
use super::list_named::NOT_A_NAME;

/// Marks that end a sentence or hold a line open, and brackets (a credit, a
/// note): a line with one is no section heading.
const PROSE_MARKS: &[char] = &[
    '。', '！', '？', '；', '!', '?', ';', '，', ',', '：', ':', '、',
];

/// The text of `line` as a section heading, ordinal taken off, or `None`
/// when it reads as prose.
fn heading(line: &str) -> Option<&str> {
    let line = line.trim();
    let rest = strip_ordinal(line);
    let n = rest.chars().count();
    if !(4..=30).contains(&n) || rest.contains(PROSE_MARKS) {
        return None;
    }
    let han = rest
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    (han * 10 >= n * 8).then_some(rest)
}

/// `s` without a leading ordinal: 一、 (一) （一） 1. 1、 第一, 第一章.
fn strip_ordinal(s: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut rest = s;
    if let Some(r) = rest.strip_prefix('第') {
        rest = r;
    }
    let open = rest.starts_with(['(', '（']);
    if open {
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }
    let digits = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || NUMERALS.contains(c)))
        .map_or(rest.len(), |(i, _)| i);
    if digits == 0 {
        return s;
    }
    let after = &rest[digits..];
    let closed = if open {
        after.strip_prefix([')', '）'])
    } else {
        after.strip_prefix(['、', '.', '．', '，', ',', '是', '章', '节'])
    };
    closed.map_or(s, str::trim_start)
}

/// The `n` section headings of `text` (the text after the mention of
/// formulation `f`), or `None` unless there are exactly `n`, alike in
/// length. `key` is the thing counted (重点 of 三个重点): a
/// one-character key (创 of 三创) names a morpheme its items carry, so then
/// every heading must carry it.
pub(super) fn section_headings(f: &str, text: &str, n: usize, key: &str) -> Option<Vec<String>> {
    // A national name's items are known to readers and read only right
    // beside it; a list of one item is none.
    if LEX.is_national(f) || !(2..=8).contains(&n) {
        return None;
    }
    let items: Vec<&str> = text.lines().filter_map(heading).collect();
    if items.len() != n || items.iter().any(|it| it.contains(f)) {
        return None;
    }
    if key.chars().count() < 2 && !items.iter().all(|it| it.contains(key)) {
        return None;
    }
    let lens = items.iter().map(|it| it.chars().count());
    let (min, max) = lens.fold((usize::MAX, 0), |(lo, hi), l| (lo.min(l), hi.max(l)));
    (max <= min * 5 / 2).then(|| items.iter().map(|s| s.to_string()).collect())
}

/// Counts in a headline that may name what its sections set out: a number
/// word (two to ten), an optional 个 or 项, then two characters —
/// 把握三个重点, 坚持四项原则 — each with its byte range in `head`. Which
/// of them are names the body decides ([`section_headings`]); counts of
/// time, people and parts (三年, 五名, 三个方面) are none.
pub(super) fn headline_counts(head: &str) -> Vec<(String, usize, usize)> {
    let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut out = Vec::new();
    let mut prev = '\0';
    for (i, c) in head.char_indices() {
        let opens = number_word(c).is_some_and(|v| (2..=10).contains(&v))
            && !matches!(c, '百' | '千' | '万')
            && number_word(prev).is_none()
            && prev != '第';
        prev = c;
        if !opens {
            continue;
        }
        let rest = &head[i..];
        let Some((n, len)) = leading_number(rest) else {
            continue;
        };
        let after = &rest[len..];
        let measure = ["个", "项"]
            .into_iter()
            .find(|m| after.starts_with(m))
            .map_or(0, str::len);
        let noun: String = after[measure..].chars().take(2).collect();
        if !(2..=10).contains(&n)
            || noun.chars().count() != 2
            || !noun.chars().all(ideograph)
            || noun.chars().any(|c| number_word(c).is_some())
            || NOT_A_NAME
                .iter()
                .any(|w| after.starts_with(w) || noun.starts_with(w))
        {
            continue;
        }
        let end = i + len + measure + noun.len();
        let name = &head[i..end];
        if !LEX.has_idiom_head(name, 1) {
            out.push((name.to_string(), i, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH: &str = "某县委书记谈发展:把握三个重点\n\
        近年来,某县把党建与发展一起抓,成效逐年显现。\n\
        一、推动特色产业提质增效\n某县立足资源禀赋,发展特色种植。\n\
        二、壮大村级集体经济\n某县通过盘活资源,增加村集体收入。\n\
        三、建设美丽宜居乡村\n某县持续改善人居环境。\n";

    #[test]
    fn the_headings_after_a_count_are_its_items() {
        let after = &SPEECH[SPEECH.find('\n').unwrap_or(0)..];
        assert_eq!(
            section_headings("三个重点", after, 3, "重点"),
            Some(vec![
                "推动特色产业提质增效".to_string(),
                "壮大村级集体经济".to_string(),
                "建设美丽宜居乡村".to_string(),
            ])
        );
    }

    #[test]
    fn another_number_of_headings_or_a_keyless_morpheme_is_none() {
        let after = &SPEECH[SPEECH.find('\n').unwrap_or(0)..];
        assert_eq!(section_headings("四个重点", after, 4, "重点"), None);
        // 三创's items carry 创; these headings do not.
        assert_eq!(section_headings("三创", after, 3, "创"), None);
        // National names are read beside their mention only.
        assert_eq!(section_headings("三会一课", after, 3, "会"), None);
    }

    #[test]
    fn a_headline_offers_its_counts() {
        let names: Vec<String> =
            headline_counts("某县委书记:把握三个重点 坚持四项原则 用好三年时间")
                .into_iter()
                .map(|c| c.0)
                .collect();
        assert_eq!(names, ["三个重点", "四项原则"]);
        assert!(headline_counts("第三个重点").is_empty());
        assert!(headline_counts("做好三个方面工作").is_empty());
    }

    #[test]
    fn ordinals_come_off_and_prose_is_no_heading() {
        assert_eq!(heading("(二)壮大村级集体经济"), Some("壮大村级集体经济"));
        assert_eq!(heading("第三,建设美丽宜居乡村"), Some("建设美丽宜居乡村"));
        assert_eq!(
            heading("1.推动特色产业提质增效"),
            Some("推动特色产业提质增效")
        );
        assert_eq!(heading("某县持续改善人居环境。"), None);
        assert_eq!(heading("好"), None);
    }
}
