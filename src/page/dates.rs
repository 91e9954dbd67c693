//! Dates and edition labels on a page's lines: the publication date as
//! ISO `YYYY-MM-DD` (year first, 2024年8月15日 or 2024-08-15, or day first
//! with dots, 15.08.2024; a date is a date only when its month has that
//! day), labelled dates (发布时间:, 日期), and edition labels (A02版).

use super::Line;

static_regex!(
    DATE_CN,
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
);
static_regex!(DATE_ISO, r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})");
// Day first, with dots, as some templates stamp a page: 09.11.2014 12:06.
static_regex!(
    DATE_DMY,
    r"(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?:$|[^\d.])"
);
// A date in Han numerals, as a notice is signed: 二〇二三年六月二十八日.
static_regex!(
    DATE_HAN,
    r"([〇○零一二九][〇○零一二三四五六七八九]{3})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
);
static_regex!(
    LABELLED_DATE,
    r"(?:发布|发表|发文|信息|更新|稿件|公开)?(?:时间|日期)\s*[:：]?\s*[|｜]?\s*\[?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
);
static_regex!(
    EDITION,
    r"(?:^|\s|第)([A-Z]?\d{1,5})\s*版(?:\s*[:：]\s*([\p{Han}]{1,8}))?"
);
/// A date as ISO `YYYY-MM-DD`, when it is one: a month of 1 to 12, a day
/// that month has.
fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `re`'s captures in `s`, after a plain match test: most lines match none
/// of these patterns, and the test costs no allocation.
pub(super) fn caps<'h>(re: &regex::Regex, s: &'h str) -> Option<regex::Captures<'h>> {
    if re.is_match(s) { re.captures(s) } else { None }
}

/// Whether a line names an edition (02版, 第A02版).
pub(super) fn has_edition(l: &Line<'_>) -> bool {
    l.marks.ban && EDITION.is_match(l.text)
}

/// Whether a line carries a date (the patterns need digits, or a year in
/// Han numerals).
pub(super) fn has_date(l: &Line<'_>) -> bool {
    (l.shape.digit
        && (DATE_CN.is_match(l.text) || DATE_ISO.is_match(l.text) || DATE_DMY.is_match(l.text)))
        || han_date(l.text).is_some()
}

/// Whether `s` may hold a date in Han numerals (a year of 〇, 零 or 九 and
/// a 年): a test cheaper than the pattern.
pub(super) fn has_han_year(s: &str) -> bool {
    s.contains('年') && s.contains(['〇', '○', '零', '九'])
}

/// A number of one to thirty-one in Han numerals (五, 十二, 二十八).
fn han_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c || (c == '○' || c == '零') && d == '〇')
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        ['十', b] => Some(10 + digit(*b)? as u32),
        [a, '十'] => Some(digit(*a)? as u32 * 10),
        [a, '十', b] => Some(digit(*a)? as u32 * 10 + digit(*b)? as u32),
        [a] => Some(digit(*a)? as u32),
        _ => None,
    }
}

/// A date in Han numerals, ISO-formatted.
fn han_date(s: &str) -> Option<String> {
    if !has_han_year(s) {
        return None;
    }
    let c = DATE_HAN.captures(s)?;
    // A date a line is made of (a notice's signing date, 二〇二三年六月二十八日),
    // not one a sentence tells of.
    let end = c.get(0).map_or(s.len(), |m| m.end());
    if !s[end..]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ')' | '）' | '】' | ']'))
    {
        return None;
    }
    let digit = |c: char| match c {
        '〇' | '○' | '零' => Some('0'),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .and_then(|i| char::from_digit(i as u32 + 1, 10)),
    };
    let year: String = c[1].chars().map(digit).collect::<Option<String>>()?;
    let (m, d) = (han_number(&c[2])?, han_number(&c[3])?);
    iso_date(&year, &m.to_string(), &d.to_string())
}

/// Whether a line holds a labelled date field (发布日期:…, 发文时间: | …).
pub(super) fn has_labelled_date(l: &Line<'_>) -> bool {
    l.shape.digit && LABELLED_DATE.is_match(l.text)
}

/// The first date of a text, ISO-formatted: year first (2024年8月15日,
/// 2024-08-15), else day first with dots (15.08.2024).
pub(super) fn find_date(s: &str) -> Option<String> {
    if let Some(c) = caps(&DATE_CN, s) {
        return iso_date(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = DATE_ISO.captures(s) {
        return iso_date(&c[1], &c[2], &c[3]);
    }
    DATE_DMY
        .captures(s)
        .and_then(|c| iso_date(&c[3], &c[2], &c[1]))
        .or_else(|| han_date(s))
}

/// The date of a labelled date field in `s` (发布时间: 2024-08-15), as ISO.
pub(super) fn labelled_date(s: &str) -> Option<String> {
    let c = caps(&LABELLED_DATE, s)?;
    find_date(&c[1])
}

/// The edition label in `s` (第A02版, 3版:要闻) as `A02版`.
pub(super) fn edition(s: &str) -> Option<String> {
    caps(&EDITION, s).map(|c| format!("{}版", &c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for re in [
            &*DATE_CN,
            &*DATE_ISO,
            &*DATE_DMY,
            &*DATE_HAN,
            &*LABELLED_DATE,
            &*EDITION,
        ] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn dates_and_editions() {
        assert_eq!(find_date("2024年8月15日").as_deref(), Some("2024-08-15"));
        assert_eq!(find_date("09.11.2014 12:06").as_deref(), Some("2014-11-09"));
        assert_eq!(find_date("2023-02-30"), None);
        assert_eq!(
            find_date("二〇二三年六月二十八日").as_deref(),
            Some("2023-06-28")
        );
        assert_eq!(find_date("二〇二三年二月三十日"), None);
        // Not a date a sentence tells of.
        assert_eq!(find_date("二〇二三年六月二十八日,某县召开大会"), None);
        assert_eq!(
            labelled_date("发布时间:2024-08-15").as_deref(),
            Some("2024-08-15")
        );
        assert_eq!(edition("第A02版:要闻").as_deref(), Some("A02版"));
    }
}
