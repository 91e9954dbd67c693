//! Where the numbers are: Arabic numbers with their magnitude words,
//! Chinese numerals of a hundred or more, round counts (上百, 万名) and
//! 百分之…, read into values; the words of `data/units.tsv` that may follow
//! them. [`super::scan`] finds the numbers in a body with these.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::numerals::{self, Decimal};

pub(super) const UNITS_TSV: &str = include_str!("../../data/units.tsv");

/// The words of `data/units.tsv` that may follow a number.
pub(super) struct UnitTable {
    /// Measure words and units with their canonical unit, longest first.
    units: ByFirst<&'static str>,
    /// Words that make the number a date, time or duration, or a name,
    /// address or ordinal: the number is not a claim.
    not_claims: ByFirst<()>,
    /// The date, time and duration words alone (3个月 is a duration).
    time: ByFirst<()>,
}

/// Words grouped by their first character, each group in list order. The
/// words a text may start with are in the group of its first character, so
/// a number's candidates cost one lookup instead of a pass over every word
/// of the list (a hundred units, as many comparisons per number).
pub(super) struct ByFirst<T> {
    groups: FxHashMap<char, Vec<(&'static str, T)>>,
}

impl<T: Copy> ByFirst<T> {
    fn new(words: Vec<(&'static str, T)>) -> Self {
        let mut groups: FxHashMap<char, Vec<(&'static str, T)>> = FxHashMap::default();
        for (w, v) in words {
            if let Some(c) = w.chars().next() {
                groups.entry(c).or_default().push((w, v));
            }
        }
        ByFirst { groups }
    }

    /// The words that start `s`, in list order.
    fn starting<'s>(&'s self, s: &'s str) -> impl Iterator<Item = (&'static str, T)> + 's {
        s.chars()
            .next()
            .and_then(|c| self.groups.get(&c))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |(w, _)| s.starts_with(w))
    }
}

pub(super) fn unit_table() -> &'static UnitTable {
    static TABLE: LazyLock<UnitTable> = LazyLock::new(|| {
        let (mut units, mut not_claims, mut time) = (Vec::new(), Vec::new(), Vec::new());
        for line in UNITS_TSV.lines() {
            if line.starts_with('#') || line.starts_with("kind\t") || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t').map(str::trim);
            let (kind, surface) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
            if surface.is_empty() {
                continue;
            }
            match kind {
                "unit" => {
                    let canon = cols.next().filter(|c| !c.is_empty()).unwrap_or(surface);
                    units.push((surface, canon));
                }
                "time" => {
                    time.push((surface, ()));
                    not_claims.push((surface, ()));
                }
                _ => not_claims.push((surface, ())),
            }
        }
        units.sort_by_key(|(u, _)| std::cmp::Reverse(u.len()));
        not_claims.sort_by_key(|(u, _)| std::cmp::Reverse(u.len()));
        UnitTable {
            units: ByFirst::new(units),
            not_claims: ByFirst::new(not_claims),
            time: ByFirst::new(time),
        }
    });
    &TABLE
}

/// The measure word or unit that starts `s`: its canonical form and its
/// length in bytes.
pub(super) fn unit_at(s: &str) -> Option<(&'static str, usize)> {
    let table = unit_table();
    // After 个, a time word makes the whole a duration (3个月, 5个工作日).
    for prefix in ["个多", "个"] {
        if let Some(rest) = s.strip_prefix(prefix)
            && table
                .time
                .starting(rest)
                .any(|(t, ())| prefix == "个多" || (t != "点" && t != "分"))
        {
            return None;
        }
    }
    table
        .units
        .starting(s)
        .next()
        .map(|(u, canon)| (canon, u.len()))
}

/// Whether `s` starts with a word that makes the number before it a date,
/// a duration, a name or an ordinal rather than a claim — unless a longer
/// measure word starts there (千瓦 is not 千, 周岁 is not 周).
pub(super) fn is_time_unit_at(s: &str) -> bool {
    let table = unit_table();
    let longest_unit = table.units.starting(s).next().map_or(0, |(u, _)| u.len());
    table
        .not_claims
        .starting(s)
        .any(|(t, ())| t.len() >= longest_unit)
}

// Arabic numbers with optional Chinese multipliers. Digits are ASCII: the
// body is normalized (full-width digits folded), and a Unicode `\d` would
// make the automaton of this pass (the stage's longest: it runs over the
// whole body) several times larger and slower for digits of other scripts,
// which are not numbers of a Chinese report.
static_regex!(
    ARABIC,
    r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[余多]?(?:万亿|亿|万|千|百)|[ \u{3000}](?:万亿|亿|万))?"
);

/// A character of a Chinese numeral as [`chinese_numerals`] reads it.
pub(super) fn is_numeral_char(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '○'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
    )
}

// The magnitudes of a hundred or more, one of which a Chinese numeral claim
// must contain. A class of four literals: the regex crate finds them with
// its vectorized literal search, ten times faster here than an Aho-Corasick
// automaton (whose prefilter gives up on Han text, where the four share
// their lead bytes with most characters).
static_regex!(MAGNITUDES, "[百千万亿]");

/// The Chinese numerals of `text` that contain a magnitude of a hundred or
/// more (三百, 两千五百, 一万二, 三点五万), as `(start, end)`, left to right:
/// each is a whole run of numeral characters around a magnitude, with a
/// decimal part (点五, 点五万) after it. Equal to the leftmost matches of
/// `[零〇○一二两三四五六七八九十百千万亿]*[百千万亿][…]*(?:点[零〇○一二三四五六七八九]+[万亿]?)?`
/// (the unit tests check it against that pattern), but the search jumps
/// from magnitude to magnitude instead of running an automaton over every
/// byte.
pub(super) fn chinese_numerals(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let m = MAGNITUDES.find_at(text, from)?;
        let mut start = m.start();
        // 十余万, 三十多万: an approximation between a count and its
        // magnitude belongs to the number.
        if matches!(&text[m.start()..m.end()], "万" | "亿")
            && let Some(c) = text[from..start]
                .chars()
                .next_back()
                .filter(|c| matches!(c, '余' | '多'))
            && text[from..start - c.len_utf8()]
                .chars()
                .next_back()
                .is_some_and(is_numeral_char)
        {
            start -= c.len_utf8();
        }
        while let Some(c) = text[from..start]
            .chars()
            .next_back()
            .filter(|&c| is_numeral_char(c))
        {
            start -= c.len_utf8();
        }
        let mut end = m.end();
        end += text[end..]
            .chars()
            .take_while(|&c| is_numeral_char(c))
            .map(char::len_utf8)
            .sum::<usize>();
        // 一百多万: the approximation and the magnitude after it too.
        if let Some(r) = text[end..].strip_prefix(['余', '多'])
            && r.starts_with(['万', '亿'])
        {
            end = text.len() - r.len() + '万'.len_utf8();
        }
        if let Some(decimals) = text[end..].strip_prefix('点') {
            let digits: usize = decimals
                .chars()
                .take_while(|&c| {
                    is_numeral_char(c) && !matches!(c, '两' | '十' | '百' | '千' | '万' | '亿')
                })
                .map(char::len_utf8)
                .sum();
            if digits > 0 {
                end += '点'.len_utf8() + digits;
                if text[end..].starts_with(['万', '亿']) {
                    end += '万'.len_utf8();
                }
            }
        }
        from = end;
        Some((start, end))
    })
}

/// Spaces that may stand between a number and its unit (680 名, 10 万元).
pub(super) const NUMBER_SPACE: &[char] = &[' ', '\u{3000}', '\u{a0}'];

/// `s` without up to two leading spaces, and how many bytes they took.
pub(super) fn skip_space(s: &str) -> (&str, usize) {
    let mut rest = s;
    for _ in 0..2 {
        match rest.strip_prefix(NUMBER_SPACE) {
            Some(r) => rest = r,
            None => break,
        }
    }
    (rest, s.len() - rest.len())
}

/// An Arabic number as matched by [`ARABIC`], read: 20余万 → (200000,
/// over), 10 万 → 100000. The 千 of 3千米 and the 百 of 5百分点 belong to
/// the unit, so the number ends before them (the returned end).
pub(super) fn read_arabic(text: &str, s: usize, e: usize) -> Option<(Decimal, bool, usize)> {
    let mut e = e;
    let last = text[s..e].chars().next_back()?;
    if matches!(last, '千' | '百') {
        let at = e - last.len_utf8();
        if unit_at(&text[at..]).is_some_and(|(_, len)| len > last.len_utf8()) {
            e = at;
        }
    }
    let num = &text[s..e];
    let over = num.contains(['余', '多']);
    let clean: String = num
        .chars()
        .filter(|c| !matches!(c, '余' | '多') && !NUMBER_SPACE.contains(c))
        .collect();
    let value = numerals::parse(&clean).ok()?;
    Some((value, over, e))
}

/// The power of ten of the magnitude word that ends an Arabic number
/// (50万 → 4), 0 when there is none.
pub(super) fn magnitude_exp(num: &str) -> u32 {
    match num.chars().next_back() {
        Some('万') if num.ends_with("万亿") => 12,
        Some('万') => 4,
        Some('亿') => 8,
        Some('千') => 3,
        Some('百') => 2,
        _ => 0,
    }
}

/// The Arabic numbers of `text`, with their magnitude words, in order.
pub(super) fn arabic_numbers(text: &str) -> regex::Matches<'static, '_> {
    ARABIC.find_iter(text)
}

/// The end of the Arabic number that starts `s`, if one does.
pub(super) fn arabic_at_start(s: &str) -> Option<usize> {
    ARABIC.find(s).filter(|m| m.start() == 0).map(|m| m.end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pattern [`chinese_numerals`] finds the matches of.
    // A run with a magnitude, or a run ending in 余 or 多 before 万 or 亿
    // (十余万), then more numerals, 余/多 and a magnitude, decimals.
    const CHINESE: &str = "(?:[零〇○一二两三四五六七八九十百千万亿]*[百千万亿]|[零〇○一二两三四五六七八九十百千万亿]*[零〇○一二两三四五六七八九十百千万亿][余多][万亿])[零〇○一二两三四五六七八九十百千万亿]*(?:[余多][万亿])?(?:点[零〇○一二三四五六七八九]+[万亿]?)?";

    fn by_pattern(text: &str) -> Vec<(usize, usize)> {
        let re = regex::Regex::new(CHINESE).unwrap();
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn chinese_numerals_as_the_pattern() {
        for text in [
            "三百",
            "共有两千五百名党员,一万二千户",
            "三点五万元和一百点五五千",
            "点五万",
            "十一二三",
            "百千万亿",
            "第一百零八点",
            "增长三点",
            "",
        ] {
            assert_eq!(
                chinese_numerals(text).collect::<Vec<_>>(),
                by_pattern(text),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn chinese_numerals_as_the_pattern_on_any_mix(
            text in "[零〇○一二两三四五六七八九十百千万亿点余多名a1 ,]{0,40}"
        ) {
            prop_assert_eq!(chinese_numerals(&text).collect::<Vec<_>>(), by_pattern(&text));
        }
    }
}
