//! The lexicons a formulation is read against — the established national
//! formulations (`data/formulations.tsv`) and the idioms and set phrases
//! that start with a number (`data/numeric-idioms.txt`) — and the number
//! words a formulation starts with, with its canonical form.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashSet;

use crate::numerals;

const LEXICON: &str = include_str!("../../data/formulations.tsv");
const IDIOMS: &str = include_str!("../../data/numeric-idioms.txt");

pub(super) struct Lexicon {
    pub(super) national: Vec<String>,
    pub(super) matcher: Option<AhoCorasick>,
    pub(super) idioms: FxHashSet<String>,
    /// The longest idiom, in bytes: no longer head of a text is one.
    longest_idiom: usize,
}

impl Lexicon {
    pub(super) fn is_national(&self, s: &str) -> bool {
        self.national.iter().any(|n| n == s)
    }

    /// Whether `s` starts with an idiom of at least `min_chars` characters.
    /// The heads of `s` are looked up, one per character up to the longest
    /// idiom, instead of every idiom being tried against `s`.
    pub(super) fn has_idiom_head(&self, s: &str, min_chars: usize) -> bool {
        s.char_indices()
            .map(|(i, _)| i)
            .chain([s.len()])
            .skip(min_chars.max(1))
            .take_while(|&end| end <= self.longest_idiom)
            .any(|end| self.idioms.contains(&s[..end]))
    }
}

pub(super) static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let national: Vec<String> = LEXICON
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&national)
        .ok();
    let idioms: FxHashSet<String> = IDIOMS
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    let longest_idiom = idioms.iter().map(String::len).max().unwrap_or(0);
    Lexicon {
        national,
        matcher,
        idioms,
        longest_idiom,
    }
});

/// The value of a number word that may start a formulation.
pub(super) fn number_word(c: char) -> Option<u32> {
    match c {
        '双' => Some(2),
        '百' => Some(100),
        '千' => Some(1000),
        '万' => Some(10000),
        '十' => Some(10),
        _ => numerals::chinese_digit(c).filter(|d| *d > 0),
    }
}

/// Whether `s` starts with a number word: exactly when [`leading_number`]
/// finds one.
pub(super) fn starts_with_number_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| number_word(c).is_some())
}

/// Leading number of a formulation candidate (十二 → 12, 两 → 2).
pub(super) fn leading_number(s: &str) -> Option<(u32, usize)> {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if number_word(c).is_some() && !matches!(c, '百' | '千' | '万')
            || (i == 0 && number_word(c).is_some())
        {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    let head = &s[..end];
    let v = if head == "双" {
        2
    } else {
        numerals::parse_chinese(head)
            .ok()
            .map(|d| d.to_f64() as u32)
            .or_else(|| head.chars().next().and_then(number_word))?
    };
    Some((v, end))
}

const TRAILING: &[&str] = &["活动", "行动", "工程"];

pub(super) fn canonical(s: &str) -> String {
    let mut t = s.trim().trim_matches(['“', '”', '"']).to_string();
    for suf in TRAILING {
        // 五项行动 keeps its noun: 五项 alone names nothing.
        if let Some(rest) = t.strip_suffix(suf)
            && rest.chars().count() >= 2
            && leading_number(rest).is_some()
            && !rest.ends_with(['项', '个', '条', '大', '类', '种', '批'])
        {
            t = rest.to_string();
        }
    }
    t
}

pub(super) const HONOR_SUFFIX: &[&str] = &[
    "先进集体",
    "先进个人",
    "先进单位",
    "示范单位",
    "示范县",
    "示范点",
    "标兵",
    "模范",
    "红旗党支部",
    "五星党员",
    "改革先锋",
    "称号",
    "奖",
    "优秀党员",
    "优秀共产党员",
    "文明单位",
    "先进基层党组织",
    "示范岗",
    "先锋岗",
    "星级党支部",
];
