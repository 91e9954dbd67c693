//! The time scope in force for a claim (5年来, 今年以来, 截至目前, 较上年):
//! period expressions and scope clauses, how far each holds (its sentence,
//! its clause, a comparison base in the claim's own clause), and the period
//! stated at the head of a paragraph for the claims after it.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Body, Found};
use crate::window;

const PERIOD_WORDS: &str = include_str!("../../data/periods.txt");

/// The pattern of a period expression: 截至 …, comparison bases, spans of
/// years, … 以来 after a date, dates and date ranges with their seasons and
/// parts of the day, and the plain words of `data/periods.txt`. Longer
/// shapes come first, so the leftmost match is the whole expression.
pub(super) fn period_pattern() -> String {
    // ASCII digits, as in [`ARABIC`].
    let year = r"(?:(?:19|20)[0-9]{2} ?|今|去|前|明)年";
    let month = r"[0-9]{1,2}月份?";
    let day = r"[0-9]{1,2}[日号]";
    let date = format!("(?:{year}(?:{month}(?:{day})?)?|{month}(?:{day})?)");
    let range = format!("{date}(?:(?:和|至|到|—|–|-|~){date}|至{day})?");
    let count = r"(?:[0-9]+|[一二两三四五六七八九十几]+)";
    let mut words: Vec<&str> = PERIOD_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alternatives = [
        format!(
            "(?:截至|截止到?)(?:目前|今天|当前|{year}(?:{month})?(?:{day})?(?:底|末)?|{month}(?:{day})?(?:底|末)?)"
        ),
        format!("到{year}(?:{month})?(?:底|末)"),
        format!(
            "(?:同比|环比)?(?:比|较|对比|相比)(?:上一?年度?|去年|前年|上一?个?月|上季度|年初|上半年|[一二三四]季度|上一?届|{year}|{count}年前)(?:同期|底|末|初)?"
        ),
        "同比|环比".to_string(),
        format!(
            "(?:近|过去|这)?{count}(?:(?:至|到|-|—){count})?个?多?年多?(?:来|以来|间|时间|里|内)|连续{count}年|[0-9]+载|(?:[0-9]{{1,2}}|[一二两三四五六七八九十几]+)个?多?年前"
        ),
        format!("{date}(?:[^,，。;；!?！？\\n]{{0,12}}?)以来"),
        format!("{year}[0-9]{{1,2}}(?:—|–|-|~|至|到)[0-9]{{1,2}}月"),
        format!(
            "{range}(?:上半年|下半年|前三季度|[一二三四]季度|全年|年底|年初|底|末|初|度)?(?:上午|下午|晚上)?"
        ),
        words.join("|"),
    ];
    alternatives.join("|")
}

static_regex!(PERIOD, &period_pattern());

/// Words that end a clause naming an event as a time scope: 活动开展以来,
/// 疫情防控期间, 项目建设过程中.
pub(super) const SCOPE_ENDS: &[&str] = &["以来", "期间", "过程中", "伊始"];

/// [`SCOPE_ENDS`] in one automaton with standard semantics: its first match
/// is the one that ends first, where a clause's scope ends.
pub(super) static SCOPE_END: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Unreachable on any input: a fixed list of literals always builds.
    AhoCorasick::new(SCOPE_ENDS).expect("literal patterns build")
});

/// Prepositions and connectives before a scope, not part of the period
/// (特别是党的十八大以来); a scope after 在 starts after it (在疫情期间).
pub(super) const SCOPE_PREPOSITIONS: &[&str] = &["特别是", "尤其是", "于", "从", "自从", "是"];

/// How far a period expression holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// A time scope: the rest of its sentence (今年以来, 截至目前).
    Sentence,
    /// A comparison base: its own clause, before any scope (较一季度).
    Comparison,
    /// How long one action went on: its own clause, or the sentence when
    /// it states no scope (5年来, … 连续4年举办技能大赛, … 培训党员1200余人次:
    /// the count is of the five years; never the next sentences).
    Clause,
}

/// A period expression: (start, end, how far it holds).
pub(super) type Period = (usize, usize, Reach);

/// The scope a clause names: its (start, end), and the end of the stretch
/// of the clause whose own [`PERIOD`] matches give way to it.
pub(super) type Scope = (usize, usize, usize);

/// The [`PERIOD`] matches in `text[from..to]`, pushed onto `out`.
pub(super) fn period_matches(text: &str, from: usize, to: usize, out: &mut Vec<Period>) {
    let span = &text[from..to];
    out.extend(
        PERIOD
            .find_iter(span)
            .filter(|m| {
                !m.as_str().is_empty()
                    && !is_dateline(span, m.end())
                    && !is_inside_word(span, m.start(), m.end())
            })
            .map(|m| {
                let reach = if m.as_str().starts_with(['比', '较', '同', '环', '对', '相']) {
                    Reach::Comparison
                } else if m.as_str().starts_with("连续") {
                    Reach::Clause
                } else {
                    Reach::Sentence
                };
                (from + m.start(), from + m.end(), reach)
            }),
    );
}

/// Whether the date ending at byte `end` of `span` is a dateline's
/// (本报5月8日讯, 新华社某地10月12日电): the day the report was filed, not the
/// time scope of its figures.
fn is_dateline(span: &str, end: usize) -> bool {
    span[..end].ends_with(['日', '号']) && span[end..].starts_with(['讯', '电'])
}

/// Whether the period word `span[s..e]` is part of other words: 日前 after
/// a day or a holiday (16日前往, 节日前) or before 往/来 (日前往 = 日 + 前往);
/// N年前 cut out of a year (1994年前); 原来 outside a from–to pair.
fn is_inside_word(span: &str, s: usize, e: usize) -> bool {
    let word = &span[s..e];
    // 1994年前: before a year, not some years ago.
    if word.ends_with("年前") {
        return span[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    }
    // 原来 is a time only for the starting figure of a from–to pair
    // (由原来的3个增加到8个); elsewhere it is mostly "as it turns out".
    if word == "原来" {
        return !span[..s].ends_with(['从', '由']);
    }
    if word != "日前" {
        return false;
    }
    let before = span[..s].chars().next_back();
    let after = span[e..].chars().next();
    before.is_some_and(|c| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "一二三四五六七八九十百几数节生假号今昨当每".contains(c)
    }) || after.is_some_and(|c| "往来去行进".contains(c))
}

/// The scope a clause names, if it is one: the clause up to its first scope
/// word, the whole clause (集中整治行动以来,) or a short head
/// (疫情期间成立临时党组织); `clause` starts at byte `at` of the text.
pub(super) fn clause_scope(clause: &str, at: usize) -> Option<Scope> {
    let end = SCOPE_END.find(clause)?.end();
    let mut head = clause[..end].trim_start();
    // 本报讯(记者 张三)今年以来: a byline or a label before the scope is not
    // part of it.
    if let Some((p, c)) = head
        .char_indices()
        .rfind(|(_, c)| matches!(c, ')' | ' ' | ':' | '】'))
    {
        head = &head[p + c.len_utf8()..];
    }
    // 发生在今年春节期间 → 今年春节期间: the scope starts after 在, unless
    // the 在 is inside a title (印发《关于在…的意见》以来).
    if let Some(p) = head.rfind('在') {
        let opened = head[..p].matches('《').count() > head[..p].matches('》').count();
        if !opened {
            head = &head[p + '在'.len_utf8()..];
        }
    }
    for p in SCOPE_PREPOSITIONS {
        if let Some(r) = head.strip_prefix(p) {
            head = r;
            break;
        }
    }
    let n = head.chars().count();
    // A whole clause may name a document's issue or coming into force, its
    // title as long as it is (市委印发《关于…的意见》以来,).
    let limit = match end == clause.len() {
        true if head.contains('《') && head.contains('》') => 40,
        true => 16,
        false => 10,
    };
    let start = at + (end - head.len());
    (4..=limit)
        .contains(&n)
        .then_some((start, start + head.len(), at + end))
}

/// Adds a clause's scope to `out`: the clause's own matches inside the
/// scope give way to it (2017年 … 开展以来 is one period).
pub(super) fn add_scope(out: &mut Vec<Period>, clause_at: usize, (s, e, cut): Scope) {
    out.retain(|(m, _, _)| *m < clause_at || *m >= cut);
    out.push((s, e, Reach::Sentence));
}

/// The period expressions in `text[from..to]`, sorted by start: the
/// [`PERIOD`] matches, and clauses that end in 以来/期间/… and are short
/// enough to be a scope (集中整治行动以来). A clause cut off by `to` is read
/// as it stands.
pub(super) fn periods_in(text: &str, from: usize, to: usize) -> Vec<Period> {
    let mut out = Vec::new();
    period_matches(text, from, to, &mut out);
    let span = &text[from..to];
    let mut clause_s = 0;
    for (i, c) in span.char_indices() {
        let is_end = window::is_clause_end(c);
        if !is_end && i + c.len_utf8() != span.len() {
            continue;
        }
        let clause_e = if is_end { i } else { span.len() };
        if let Some(scope) = clause_scope(&span[clause_s..clause_e], from + clause_s) {
            add_scope(&mut out, from + clause_s, scope);
        }
        clause_s = clause_e + if is_end { c.len_utf8() } else { 0 };
    }
    out.sort_by_key(|(s, _, _)| *s);
    out
}

/// The period expressions of one sentence, read once and shared by its
/// claims: [`SentencePeriods::before`] gives, for any point of the
/// sentence, what [`periods_in`] gives from the sentence start to there,
/// without reading the sentence again for every claim (a sentence of
/// figures has dozens).
pub(super) struct SentencePeriods {
    start: usize,
    end: usize,
    /// The [`PERIOD`] matches of the whole sentence.
    matches: Vec<Period>,
    /// Its clauses that end in a clause mark: start, the mark's position,
    /// and the scope the clause names.
    clauses: Vec<(usize, usize, Option<Scope>)>,
}

impl SentencePeriods {
    fn new(text: &str, start: usize, end: usize) -> Self {
        let mut matches = Vec::new();
        period_matches(text, start, end, &mut matches);
        let mut clauses = Vec::new();
        let mut clause_s = start;
        for (i, c) in text[start..end].char_indices() {
            if window::is_clause_end(c) {
                let mark = start + i;
                let scope = clause_scope(&text[clause_s..mark], clause_s);
                clauses.push((clause_s, mark, scope));
                clause_s = mark + c.len_utf8();
            }
        }
        SentencePeriods {
            start,
            end,
            matches,
            clauses,
        }
    }

    /// Whether the table covers `text[from..to]`.
    fn covers(&self, from: usize, to: usize) -> bool {
        self.start == from && to <= self.end
    }

    /// [`periods_in`] of `text[self.start..to]`. A match of the whole
    /// sentence that ends by `to` is a match of the shorter stretch too (the
    /// pattern has no look-ahead), so only from the first one that crosses
    /// `to` is the stretch read again; of the clauses, only the last,
    /// unfinished one.
    fn before(&self, text: &str, to: usize) -> Vec<Period> {
        let kept = self.matches.partition_point(|m| m.1 <= to);
        let mut out = self.matches[..kept].to_vec();
        if let Some(&(s, _, _)) = self.matches.get(kept).filter(|m| m.0 < to) {
            period_matches(text, s, to, &mut out);
        }
        let mut clause_s = self.start;
        for &(s, mark, scope) in self.clauses.iter().take_while(|c| c.1 < to) {
            if let Some(scope) = scope {
                add_scope(&mut out, s, scope);
            }
            clause_s = mark + text[mark..].chars().next().map_or(0, char::len_utf8);
        }
        if clause_s < to
            && let Some(scope) = clause_scope(&text[clause_s..to], clause_s)
        {
            add_scope(&mut out, clause_s, scope);
        }
        out.sort_by_key(|(s, _, _)| *s);
        out
    }
}

/// The period in force for a claim at `at`: a comparison base in the
/// claim's own clause (较一季度提升7.9个百分点); for a change (增长15%,
/// 增幅为2%) the latest base earlier in its paragraph, unless a time scope
/// is stated after it (see [`is_change`]); else the nearest period
/// expression before it in its sentence, else the nearest one earlier in
/// its paragraph — a scope stated once at the head of a paragraph holds for
/// the claims after it.
///
/// `sentence` is the claim's sentence (start, end). The claims of one
/// sentence share its periods and its paragraph head through `memo` instead
/// of reading them again.
pub(super) fn period_for(
    body: &Body,
    at: usize,
    (sent_s, sent_e): (usize, usize),
    memo: &mut PeriodMemo,
) -> Option<String> {
    let text = body.text.as_str();
    let clause_s = body.clause_start(at);
    let sentence = match &mut memo.sentence {
        Some(p) if p.covers(sent_s, at) => p,
        slot => slot.insert(SentencePeriods::new(text, sent_s, sent_e.max(at))),
    };
    let mut found = sentence.before(text, at);
    // 从2015年底的18%下降到4%: the date of the starting figure is not the
    // period of the figure reached.
    found.retain(|&(s, e, _)| from_to_end(text, s, e).is_none_or(|to| at < to));
    if let Some(&(s, e, _)) = found
        .iter()
        .rev()
        .find(|(s, _, r)| *r == Reach::Comparison && *s >= clause_s)
    {
        return Some(clean_period(&text[s..e]));
    }
    // A duration of an earlier clause holds only where the sentence states
    // no scope (连续三年开展结对帮扶, 建成示范点46个).
    let scope = found
        .iter()
        .rev()
        .find(|(s, _, r)| *r == Reach::Sentence || (*r == Reach::Clause && *s >= clause_s));
    let duration = || found.iter().rev().find(|(_, _, r)| *r == Reach::Clause);
    let in_sentence = scope.or_else(duration).copied();
    let para_s = body.paragraph_start(sent_s);
    let lead = if in_sentence.is_none() && para_s < sent_s {
        memo.lead(text, para_s, sent_s)
    } else {
        None
    };
    if is_change(text, clause_s, at) {
        let base = found
            .iter()
            .rev()
            .find(|&&(s, e, r)| r == Reach::Comparison && carries(&text[s..e]))
            .map(|&(s, e, _)| (s, e))
            .or_else(|| memo.bases.last_before(text, para_s, sent_s));
        let scope_at = in_sentence.map(|p| p.0).or(lead.as_ref().map(|l| l.0));
        if let Some((s, e)) = base.filter(|b| scope_at.is_none_or(|a| b.0 > a)) {
            return Some(clean_period(&text[s..e]));
        }
    }
    if let Some((s, e, _)) = in_sentence {
        return Some(clean_period(&text[s..e]));
    }
    lead.map(|l| l.1)
}

/// Whether a comparison base holds for the changes after its own clause: a
/// base of a year or a term (比上年, 较上年底, 比上届, 同比) frames a series of
/// changes; one of a quarter or a month (较一季度, 比上月) compares one figure
/// with one other.
fn carries(base: &str) -> bool {
    !base.contains("季度") && !base.contains('月')
}

/// Verbs and nouns of change before a figure: the figure is a change from a
/// comparison base (比上年增长15%, 增幅为2%, 净增1200名).
const CHANGE_WORDS: &[&str] = &[
    "增长", "增加", "提高", "提升", "上升", "下降", "减少", "降低", "净增", "净减", "增幅", "降幅",
    "增", "减", "降",
];

/// The length in characters of the longest of [`CHANGE_WORDS`].
const CHANGE_WORD_CHARS: usize = 2;

/// Whether the figure at `at` states a change: a word of [`CHANGE_WORDS`]
/// in its clause at most three characters before it (增长了, 增幅为, 提高约),
/// not a level reached (增加到, 下降至), a rate (增长率为) nor a new count
/// (新增).
fn is_change(text: &str, clause_s: usize, at: usize) -> bool {
    let Some(before) = text.get(clause_s..at) else {
        return false;
    };
    // Only a word's last occurrence counts, and only within three
    // characters of the figure: the search reads the clause's last five
    // characters (the longest word, two, and three more), not all of it.
    let near = before
        .char_indices()
        .rev()
        .nth(CHANGE_WORD_CHARS + 2)
        .map_or(0, |(i, _)| i);
    CHANGE_WORDS.iter().any(|w| {
        before[near..].rfind(w).map(|p| p + near).is_some_and(|p| {
            let tail = &before[p + w.len()..];
            tail.chars().count() <= 3
                && !tail.contains(['到', '至'])
                && !tail.contains('率')
                && !before[..p].ends_with('新')
        })
    })
}

/// Where the figure reached starts when the period `text[s..e]` dates the
/// starting figure of a from–to pair in its clause: 从/由 before it, a
/// figure after it, then 到/至 (由原来的3个增加到8个, 从2015年底的18%下降到4%);
/// the position of the 到. A span of time (从12月31日晚上到次日凌晨) is no
/// such pair.
fn from_to_end(text: &str, s: usize, e: usize) -> Option<usize> {
    if !text[..s].ends_with(['从', '由']) {
        return None;
    }
    let mut figure = false;
    for (i, c) in text[e..].char_indices().take(40) {
        if window::is_clause_end(c) {
            return None;
        }
        if matches!(c, '到' | '至') {
            return figure.then_some(e + i);
        }
        figure |= c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "一二两三四五六七八九十百千万亿".contains(c);
    }
    None
}

/// The comparison bases of a paragraph's finished sentences, read once:
/// (paragraph start, read up to, the bases found).
#[derive(Default)]
pub(super) struct Bases(usize, usize, Vec<(usize, usize)>);

impl Bases {
    /// The last comparison base in `text[para_s..sent_s]`, reading only
    /// the sentences not read yet (a sentence end never cuts a period).
    fn last_before(&mut self, text: &str, para_s: usize, sent_s: usize) -> Option<(usize, usize)> {
        if self.0 != para_s || self.1 > sent_s {
            *self = Bases(para_s, para_s, Vec::new());
        }
        if self.1 < sent_s {
            let mut found = Vec::new();
            period_matches(text, self.1, sent_s, &mut found);
            self.2.extend(
                found
                    .into_iter()
                    .filter(|&(s, e, r)| r == Reach::Comparison && carries(&text[s..e]))
                    .map(|(s, e, _)| (s, e)),
            );
            self.1 = sent_s;
        }
        self.2.last().copied()
    }
}

/// What [`period_for`] keeps from one claim to the next: the periods of the
/// sentence it last read, its last paragraph-head answer and the
/// comparison bases of the paragraph.
#[derive(Default)]
pub(super) struct PeriodMemo {
    sentence: Option<SentencePeriods>,
    lead: LeadPeriod,
    bases: Bases,
}

impl PeriodMemo {
    /// The last time scope in `text[para_s..sent_s]`: its start and text.
    fn lead(&mut self, text: &str, para_s: usize, sent_s: usize) -> Option<(usize, String)> {
        if self.lead.0 != Some((para_s, sent_s)) {
            // The date of a starting figure holds for nothing after it.
            let p = periods_in(text, para_s, sent_s)
                .into_iter()
                .rev()
                .find(|&(s, e, r)| r == Reach::Sentence && from_to_end(text, s, e).is_none())
                .map(|(s, e, _)| (s, clean_period(&text[s..e])));
            self.lead = LeadPeriod(Some((para_s, sent_s)), p);
        }
        self.lead.1.clone()
    }
}

/// The period found in a paragraph before a sentence (its start and text),
/// and the stretch (paragraph start, sentence start) it was read from.
#[derive(Default)]
pub(super) struct LeadPeriod(Option<(usize, usize)>, Option<(usize, String)>);

// A year right after a count, naming the year of what is counted:
// 100个2023年度示范党组织.
static_regex!(YEAR_AFTER, r"^(?:19|20)[0-9]{2}年度?");

/// The year of what a count counts, when it follows the measure word and
/// the sentence states no period before it (命名100个2023年度示范党组织).
pub(super) fn year_after(text: &str, at: usize) -> Option<String> {
    YEAR_AFTER
        .find(text.get(at..)?)
        .map(|m| m.as_str().to_string())
}

/// A period as said, without a trailing comma and outer quote marks; a
/// quote mark left without its pair (“九五”期间 cut after the opening one)
/// is dropped too: 九五期间.
pub(super) fn clean_period(s: &str) -> String {
    let balanced = |s: &str| s.matches('“').count() == s.matches('”').count();
    let s = s.trim_end_matches([',', '，']);
    let inner = s.trim_matches(['“', '”', '"']);
    if balanced(inner) {
        return inner.to_string();
    }
    // “十四五”期间: the opening mark of a name at the start stays.
    let opened = s.trim_end_matches(['”', '"']);
    if balanced(opened) {
        return opened.to_string();
    }
    inner.replace(['“', '”'], "")
}

/// The end of the period expression that starts `s`, if the first one in
/// it starts there (去年全区… → after 去年).
pub(super) fn leading_period_end(s: &str) -> Option<usize> {
    PERIOD.find(s).filter(|m| m.start() == 0).map(|m| m.end())
}

/// The periods of a document's claims, read in order: what one claim's
/// reading leaves for the next (see [`PeriodMemo`]).
#[derive(Default)]
pub(super) struct Periods(PeriodMemo);

impl Periods {
    /// The period of the claim `f` in the sentence `(start, end)`: the one
    /// in force there (see [`period_for`]), else the year right after its
    /// measure word (see [`year_after`]).
    pub(super) fn of_claim(
        &mut self,
        body: &Body,
        f: &Found,
        sentence: (usize, usize),
    ) -> Option<String> {
        period_for(body, f.start, sentence, &mut self.0).or_else(|| year_after(&body.text, f.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::extract_text;
    use proptest::prelude::*;

    /// [`SentencePeriods::before`] at every point of `text` is
    /// [`periods_in`] from the start to there.
    fn check_sentence_periods(text: &str) -> Result<(), TestCaseError> {
        let table = SentencePeriods::new(text, 0, text.len());
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            prop_assert_eq!(table.before(text, at), periods_in(text, 0, at), "at {}", at);
        }
        Ok(())
    }

    /// [`is_change`] as first written: every word searched in the whole
    /// clause.
    fn is_change_whole_clause(before: &str) -> bool {
        CHANGE_WORDS.iter().any(|w| {
            before.rfind(w).is_some_and(|p| {
                let tail = &before[p + w.len()..];
                tail.chars().count() <= 3
                    && !tail.contains(['到', '至'])
                    && !tail.contains('率')
                    && !before[..p].ends_with('新')
            })
        })
    }

    #[test]
    fn the_longest_change_word_is_counted() {
        let longest = CHANGE_WORDS.iter().map(|w| w.chars().count()).max();
        assert_eq!(longest, Some(CHANGE_WORD_CHARS));
    }

    proptest! {
        #[test]
        fn change_read_near_the_figure_as_in_the_whole_clause(
            head in "[增长加降低减少幅新净提高到至率了约为共人个0-9]{0,8}",
            word in 0..CHANGE_WORDS.len(),
            tail in "[增长新到至率了约为共人个0-9]{0,5}",
        ) {
            let before = format!("{head}{}{tail}", CHANGE_WORDS[word]);
            prop_assert_eq!(is_change(&before, 0, before.len()), is_change_whole_clause(&before));
        }
    }

    #[test]
    fn sentence_periods_as_read_to_each_point() {
        for text in [
            "今年1—6月,全市签约项目36个,比上年增长15个百分点",
            "集中整治行动开展以来,各单位排查问题230个,2017年以来开展活动",
            "自2019年3月至2020年5月开展以来,特别是党的十八大以来,在疫情防控期间组建突击队",
            "2023年1月至3月、近三年来,较去年同期增长",
        ] {
            check_sentence_periods(text).unwrap();
        }
    }

    proptest! {
        #[test]
        fn sentence_periods_on_any_mix(
            text in "(2023 ?年|[0-9]月|[0-9]日|至|以来|期间|开展|活动|在|特别是|比|较|去年|上年|同期|近|三|年|来|,|，|、| )*"
        ) {
            check_sentence_periods(&text)?;
        }
    }

    fn periods(text: &str) -> Vec<Option<String>> {
        extract_text(text).into_iter().map(|c| c.period).collect()
    }

    #[test]
    fn periods_in_the_sentence() {
        let p = periods(
            "目前,全区共有党员1200名。上半年新发展党员35名。较去年同期增加12名。今年3月8日,120名志愿者走进社区。",
        );
        assert_eq!(
            p,
            [
                Some("目前".to_string()),
                Some("上半年".to_string()),
                Some("较去年同期".to_string()),
                Some("今年3月8日".to_string()),
            ]
        );
        let p = periods("截至6月底,全县建成驿站86个;2023 年村集体收入全部突破 20 万元。");
        assert_eq!(p[0].as_deref(), Some("截至6月底"));
        assert_eq!(p[1].as_deref(), Some("2023 年"));
    }

    #[test]
    fn a_quote_mark_without_its_pair_is_dropped() {
        assert_eq!(clean_period("九五”期间"), "九五期间");
        assert_eq!(clean_period("“十四五”期间"), "“十四五”期间");
        assert_eq!(clean_period("“三创”活动开展以来,"), "“三创”活动开展以来");
    }

    #[test]
    fn a_comparison_base_in_the_claims_clause_wins() {
        let p = periods("今年1—6月,全市签约项目36个,比上年增长15个百分点。");
        assert_eq!(p[0].as_deref(), Some("今年1—6月"));
        assert_eq!(p[1].as_deref(), Some("比上年"));
    }

    #[test]
    fn a_duration_holds_in_its_clause_unless_no_scope_is_stated() {
        // The scope of the sentence, not the duration of one action in it.
        let p = periods("5年来,全区连续4年举办技能大赛12场,培训党员1200余人次。");
        assert_eq!(p[0].as_deref(), Some("连续4年"));
        assert_eq!(p[1].as_deref(), Some("5年来"));
        // No scope stated: the duration is the sentence's time frame.
        let p = periods("全县连续三年开展结对帮扶,建成示范点46个。");
        assert_eq!(p[0].as_deref(), Some("连续三年"));
        // Never the next sentence's.
        let p = periods("全县连续三年开展结对帮扶。组织38个村结对共建。");
        assert_eq!(p[0].as_deref(), None);
    }

    #[test]
    fn a_byline_is_not_part_of_the_period() {
        let p = periods("本报讯(记者 王五)今年以来,全市新建站点152个。");
        assert_eq!(p[0].as_deref(), Some("今年以来"));
        // A label in wide brackets (three bytes) before the scope.
        let p = periods("【综述】今年以来,全市新建站点152个。");
        assert_eq!(p[0].as_deref(), Some("今年以来"));
    }

    #[test]
    fn the_year_of_what_is_counted() {
        let p = periods("大会命名了80个2024年度示范党组织、120名优秀党员。");
        assert_eq!(p[0].as_deref(), Some("2024年度"));
        // A period stated before the count comes first.
        let p = periods("今年以来,命名80个2024年度示范党组织。");
        assert_eq!(p[0].as_deref(), Some("今年以来"));
    }

    #[test]
    fn scope_clauses_and_carried_periods() {
        let p = periods(
            "集中整治行动开展以来,各单位排查问题230个。其中已整改210个。\n疫情防控期间,组建突击队45支,发放物资600余份。\n发放补助金18万元。",
        );
        assert_eq!(
            p,
            [
                Some("集中整治行动开展以来".to_string()),
                Some("集中整治行动开展以来".to_string()),
                Some("疫情防控期间".to_string()),
                Some("疫情防控期间".to_string()),
                None,
            ]
        );
        let p = periods("这些成绩都发生在今年汛期期间,转移群众300余人。");
        assert_eq!(p[0].as_deref(), Some("今年汛期期间"));
    }
    fn periods_of(text: &str) -> Vec<(String, Option<String>)> {
        extract_text(text)
            .into_iter()
            .map(|c| (c.text, c.period))
            .collect()
    }

    fn want(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(t, p)| (t.to_string(), p.map(str::to_string)))
            .collect()
    }

    #[test]
    fn a_comparison_base_goes_with_the_changes_of_its_paragraph() {
        let p = periods_of(
            "截至2022年底,全省党员总数为85.3万名,比上年净增1.2万名,增幅为1.4%。基层党组织4.1万个,比上年增加0.1万个。\n2023年,全县粮食产量12万吨,比上年增长3.5%;蔬菜产量8万吨,增长2.1%。年末有党员1500名,其中女党员420名。",
        );
        assert_eq!(
            p,
            want(&[
                ("85.3万名", Some("截至2022年底")),
                ("1.2万名", Some("比上年")),
                ("1.4%", Some("比上年")),
                ("4.1万个", Some("截至2022年底")),
                ("0.1万个", Some("比上年")),
                ("12万吨", Some("2023年")),
                ("3.5%", Some("比上年")),
                ("8万吨", Some("2023年")),
                ("2.1%", Some("比上年")),
                ("1500名", Some("年末")),
                ("420名", Some("年末")),
            ])
        );
        // A scope stated after the base is the later change's period.
        let p = periods_of("全市税收比上年增长8%。上半年,外贸出口增长5%。");
        assert_eq!(p[1].1.as_deref(), Some("上半年"));
        // Bases of a term and of years before.
        let p =
            periods_of("参选率达95.2%,比上届提高3.1%。对比三年前,空壳村减少至120个,降幅达40.5%。");
        assert_eq!(p[1].1.as_deref(), Some("比上届"));
        assert_eq!(p[3].1.as_deref(), Some("对比三年前"));
    }

    #[test]
    fn a_base_of_a_quarter_stays_in_its_clause() {
        let p = periods_of("上半年,全市产值同比增长6%,较一季度提升2个百分点,工业增加值增长4%。");
        assert_eq!(
            p,
            want(&[
                ("6%", Some("同比")),
                ("2个百分点", Some("较一季度")),
                ("4%", Some("同比")),
            ])
        );
    }

    #[test]
    fn the_date_of_a_starting_figure_is_not_the_period_of_the_figure_reached() {
        let p = periods_of("截至去年底,全县贫困发生率从2019年底的12.5%下降到1.2%。");
        assert_eq!(
            p,
            want(&[("12.5%", Some("2019年底")), ("1.2%", Some("截至去年底"))])
        );
        let p = periods_of("今年,活动室由原来的60平方米扩大到150平方米。原来他所在村有党员45名。");
        assert_eq!(
            p,
            want(&[
                ("60平方米", Some("原来")),
                ("150平方米", Some("今年")),
                ("45名", Some("今年")),
            ])
        );
        // Nor for the figures of the clauses after the pair.
        let p = periods_of("产能从原来的5000吨提高到8000吨,能耗下降12%。");
        assert_eq!(p[2].1, None);
        // A span of time is no pair of figures.
        let p = periods_of("从12月31日晚上到次日凌晨,全市商场销售额达800万元。");
        assert_eq!(p[0].1.as_deref(), Some("12月31日晚上"));
    }

    #[test]
    fn recent_days_date_the_event_and_datelines_do_not() {
        let p =
            periods_of("日前,全区表彰优秀党员120名。\n近日,县委组织部开展培训。参训党员共320名。");
        assert_eq!(p, want(&[("120名", Some("日前")), ("320名", Some("近日"))]));
        let p = periods_of("本报7月3日讯 全县新建驿站25个。");
        assert_eq!(p[0].1, None);
        // 日前 inside 16日前往 is no period.
        let p = periods_of("工作人员16日前往现场,查获假冒商标300套。");
        assert_eq!(p[0].1, None);
    }
    #[test]
    fn a_rate_is_not_a_change() {
        let p = periods_of("2021年,全乡产值比上年增长6.5%,人口自然增长率为4.2‰。");
        assert_eq!(
            p,
            want(&[("6.5%", Some("比上年")), ("4.2‰", Some("2021年"))])
        );
    }

    #[test]
    fn years_ago_and_a_documents_issue_are_scopes() {
        let p = periods_of("几年前,村里集体收入不足5万元。\n1998年前后建成校舍36间。");
        assert_eq!(p[0].1.as_deref(), Some("几年前"));
        assert_ne!(p[1].1.as_deref(), Some("98年前"));
        let p = periods_of(
            "县委印发《关于在全县党员中开展结对帮扶活动的实施意见》以来,全县结对帮扶困难户860户。",
        );
        assert_eq!(
            p[0].1.as_deref(),
            Some("县委印发《关于在全县党员中开展结对帮扶活动的实施意见》以来")
        );
    }
}
