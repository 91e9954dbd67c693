//! Stage 4a: numeric claims — "1.35万名机关党员", "占比达30.7%", "3000余名".
//!
//! A claim is a number with a unit or measure word that states a quantity.
//! [`extract`] finds them on normalized text (so `5.1萬名` and `１２３名` work)
//! and types each one:
//!
//! | field | example | how |
//! |---|---|---|
//! | `value` | 13500 | [`crate::numerals`], 万/亿 folded in, exact decimals |
//! | `value_max` | 5 in 3至5个 | ranges with 至, 到, —, -, ~; 10—50万元 puts 万 on both ends |
//! | `unit` | 名, 元, %, 百分点 | the measure word from `data/units.tsv`, normalized (万元 → 元, 个百分点 → 百分点, 7大类 → 类, ％ → %); one space may stand before it (680 名) |
//! | `approx` | over / about / under | 余 多 以上 超过 逾 突破 上百 … / 约 近 左右 … / 不到 不足 以下 … |
//! | `object` | 机关党员 | the noun phrase after the measure word, or before the number when the clause ends with it (组建党员志愿服务队335支) |
//! | `indicator` | community_service | the first matching rule of `data/indicators.tsv` |
//! | `period` | 5年来 | the time scope in force: a comparison base in the claim's clause (较一季度), else the nearest period before it in its sentence, else the nearest one earlier in its paragraph — dates, 截至…, spans (3年来, 三年间), scope clauses (…以来, …期间) and the words of `data/periods.txt` (目前, 上半年, 每年 …) |
//! | `span` | | byte range in the original text |
//!
//! Not claims: dates and times; quantities of time (5年来, 3个月, 5个工作日:
//! they give periods instead); ordinals (第3, A02版); document numbers
//! (〔2020〕26号); numbers inside names and formulations (“139”行动, 1+N,
//! “7·9”讲话, 12345热线, 三会一课); list markers (一是, (一)); page, edition
//! and phone numbers. Chinese-numeral quantities are taken only where they are
//! unambiguous: with a hundred-or-larger unit and a digit (一百二十名, 两万多人),
//! 上百/上千/上万/数百 … (approximate), a magnitude word alone with an
//! approximation or as a count (百余名, 近千名, 超亿元, 万名党员 — never
//! inside quotation marks, where it names a campaign), 百分之…, 千分之….
//!
//! ```
//! use dangjian::claims::extract_text;
//! let claims = extract_text("5年来,市直机关组建党员志愿服务队335支,1.35万名机关党员到社区开展报到服务9.78万次,发放救助金125.91万元。");
//! let v: Vec<(f64, &str)> = claims.iter().map(|c| (c.value, c.unit.as_str())).collect();
//! assert_eq!(v, [(335.0, "支"), (13500.0, "名"), (97800.0, "次"), (1259100.0, "元")]);
//! assert_eq!(claims[0].object.as_deref(), Some("党员志愿服务队"));
//! assert_eq!(claims[1].object.as_deref(), Some("机关党员"));
//! assert_eq!(claims[1].period.as_deref(), Some("5年来"));
//! assert_eq!(claims[1].indicator, "community_service");
//! ```

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::body::Body;
use crate::formulations::Formulation;
use crate::normalize::is_han;
use crate::numerals::{self, Decimal};
use crate::segment::Segmenter;
use crate::taken::Taken;
use crate::window::{self, Ends};

/// Whether a claim's value is a lower bound, an approximation or an upper
/// bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    /// 余, 多, 以上, 超过, 逾, 突破, 上百 …: more than the value.
    Over,
    /// 约, 近, 左右, 将近, 上下, 大约: about the value.
    About,
    /// 不到, 不足, 以下, 未满: less than the value.
    Under,
}

impl Approx {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::About => "about",
            Approx::Under => "under",
        }
    }
}

/// A value as written in CSV and tables: integers without a decimal point.
///
/// ```
/// assert_eq!(dangjian::claims::format_value(13500.0), "13500");
/// assert_eq!(dangjian::claims::format_value(30.7), "30.7");
/// ```
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn serialize_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn serialize_opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_number(v, s),
        None => s.serialize_none(),
    }
}

/// One numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The surface in the original text (original script).
    pub text: String,
    /// The value, 万 and 亿 folded in; percentages as written (30.7).
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// Upper end of a range (3至5个 → 5), else `null`.
    #[serde(serialize_with = "serialize_opt_number")]
    pub value_max: Option<f64>,
    /// Unit or measure word, normalized.
    pub unit: String,
    /// Approximation.
    pub approx: Option<Approx>,
    /// What is counted, when the text says.
    pub object: Option<String>,
    /// Indicator from the taxonomy in `data/indicators.tsv`.
    pub indicator: String,
    /// The time scope in force, as written (normalized script).
    pub period: Option<String>,
    /// The place the claim speaks for (filled by the places stage).
    pub place: Option<String>,
    /// Byte span `[start, end)` in the original text.
    pub span: [usize; 2],
    /// The sentence the claim is in (original script).
    pub sentence: String,
    /// Offset of the claim in the normalized body text (for later stages;
    /// not serialized).
    #[serde(skip)]
    pub body_start: usize,
}

/// One rule of the indicator taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRule {
    /// Short name.
    pub id: String,
    /// What it measures.
    pub label: String,
    units: Vec<String>,
    object: Vec<String>,
    clause: Vec<String>,
}

const INDICATORS: &str = include_str!("../data/indicators.tsv");

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != "*")
        .map(str::to_string)
        .collect()
}

/// The indicator taxonomy, in rule order.
pub fn indicators() -> &'static [IndicatorRule] {
    static RULES: LazyLock<Vec<IndicatorRule>> = LazyLock::new(|| {
        INDICATORS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.trim().is_empty())
            .map(|l| {
                let mut cols = l.split('\t');
                let mut next = || cols.next().unwrap_or("").to_string();
                let (id, label, units, object, clause) = (next(), next(), next(), next(), next());
                IndicatorRule {
                    id,
                    label,
                    units: split_list(&units),
                    object: split_list(&object),
                    clause: split_list(&clause),
                }
            })
            .collect()
    });
    &RULES
}

/// The label of an indicator id.
pub fn indicator_label(id: &str) -> &'static str {
    indicators()
        .iter()
        .find(|r| r.id == id)
        .map_or("", |r| r.label.as_str())
}

/// The first rule whose unit, object and clause conditions all hold, tested
/// in that order: the unit is one comparison, the clause words a search each.
fn classify(unit: &str, object: Option<&str>, clause: &str) -> String {
    indicators()
        .iter()
        .find(|r| {
            (r.units.is_empty() || r.units.iter().any(|u| u == unit))
                && (r.object.is_empty()
                    || object.is_some_and(|o| r.object.iter().any(|w| o.contains(w.as_str()))))
                && (r.clause.is_empty() || r.clause.iter().any(|w| clause.contains(w.as_str())))
        })
        .map_or_else(|| "count".to_string(), |r| r.id.clone())
}

const UNITS_TSV: &str = include_str!("../data/units.tsv");

/// The words of `data/units.tsv` that may follow a number.
struct UnitTable {
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
struct ByFirst<T> {
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

fn unit_table() -> &'static UnitTable {
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
fn unit_at(s: &str) -> Option<(&'static str, usize)> {
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
fn is_time_unit_at(s: &str) -> bool {
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
fn is_numeral_char(c: char) -> bool {
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
fn chinese_numerals(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
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

static_regex!(
    ROUND,
    r"(?:上|数|几)?(?:十万|百万|千万|[十百千]亿|万|亿|百|千|十)|成(?:千|百|万)"
);
static_regex!(
    PERCENT_CN,
    r"(百|千)分之([零〇○一二两三四五六七八九十百点]+)"
);
const PERIOD_WORDS: &str = include_str!("../data/periods.txt");

/// The pattern of a period expression: 截至 …, comparison bases, spans of
/// years, … 以来 after a date, dates and date ranges with their seasons and
/// parts of the day, and the plain words of `data/periods.txt`. Longer
/// shapes come first, so the leftmost match is the whole expression.
fn period_pattern() -> String {
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
            "(?:同比|环比)?(?:比|较)(?:上年|去年|前年|上月|上季度|年初|上半年|[一二三四]季度|{year})(?:同期|底|末|初)?"
        ),
        format!(
            "(?:近|过去|这)?{count}(?:(?:至|到|-|—){count})?个?多?年多?(?:来|以来|间|时间|里|内)|连续{count}年|[0-9]+载"
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

const APPROX_PREFIX: &[(&str, Approx)] = &[
    ("超过", Approx::Over),
    ("突破", Approx::Over),
    ("多达", Approx::Over),
    ("逾", Approx::Over),
    ("超", Approx::Over),
    ("大约", Approx::About),
    ("将近", Approx::About),
    ("接近", Approx::About),
    ("约", Approx::About),
    ("近", Approx::About),
    ("不到", Approx::Under),
    ("不足", Approx::Under),
    ("未满", Approx::Under),
    ("少于", Approx::Under),
];

const APPROX_SUFFIX: &[(&str, Approx)] = &[
    ("以上", Approx::Over),
    ("之多", Approx::Over),
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("以下", Approx::Under),
    ("以内", Approx::Under),
];

/// A candidate number found in the text.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: &'static str,
    approx: Option<Approx>,
}

/// Extracts claims from plain text (no cleaning; spans refer to `text`
/// after normalization maps them back, so they are spans of `text`).
pub fn extract_text(text: &str) -> Vec<Claim> {
    let norm = crate::normalize::Normalizer::default().normalize(text);
    let body = Body::new(norm.text, norm.map, &Segmenter::default());
    extract(&body, text, &[])
}

/// Claims of a document body (the pipeline's entry point).
pub fn extract_in_body(body: &Body, original: &str, formulations: &[Formulation]) -> Vec<Claim> {
    extract(body, original, formulations)
}

/// Extracts the claims of a normalized body whose map points into
/// `original`. Numbers inside the mentions of `formulations` are skipped.
pub fn extract(body: &Body, original: &str, formulations: &[Formulation]) -> Vec<Claim> {
    let text = body.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    let mut taken = Taken::new(text.len());

    // 百分之三十, 千分之五.
    for c in PERCENT_CN.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if let Ok(v) = numerals::parse_chinese(&c[2]) {
            let unit = if &c[1] == "百" { "%" } else { "‰" };
            // 近百分之九十: the approximation before it.
            let (start, approx) = match approx_before(text, m.start()) {
                Some((a, len)) => (m.start() - len, Some(a)),
                None => (m.start(), None),
            };
            found.push(Found {
                start,
                end: m.end(),
                value: v,
                value_max: None,
                unit,
                approx,
            });
            taken.take(m.start(), m.end());
        }
    }
    // 上百家, 数千名, 百余名, 近千名, 万名, 超亿元: round counts.
    for m in ROUND.find_iter(text) {
        if taken.overlaps(m.start(), m.end()) {
            continue;
        }
        if let Some(f) = judge_round(body, m.start(), m.end()) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    for m in ARABIC.find_iter(text) {
        if taken.overlaps(m.start(), m.end()) {
            continue;
        }
        if let Some(f) = judge(body, m.start(), m.end(), true) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    for (s, e) in chinese_numerals(text) {
        if taken.overlaps(s, e) {
            continue;
        }
        // A Chinese numeral needs a digit besides its units (一百二十, not 百),
        // or an approximation inside (十余万).
        if !text[s..e].chars().any(|c| {
            matches!(c, '余' | '多')
                || numerals::chinese_digit(c).is_some_and(|d| d > 0)
                    && !matches!(c, '零' | '〇' | '○')
        }) {
            continue;
        }
        if let Some(f) = judge(body, s, e, false) {
            taken.take(f.start, f.end);
            found.push(f);
        }
    }
    found.sort_by_key(|f| f.start);

    let mentions = Spans::new(
        formulations
            .iter()
            .flat_map(|f| f.mentions.iter().copied())
            .collect(),
    );

    let mut claims = Vec::with_capacity(found.len());
    let mut periods = PeriodMemo::default();
    // The last object read in the sentence, for a clause that leaves its
    // subject unsaid.
    let mut carried: Option<(usize, String, &str)> = None;
    let starts: Vec<usize> = found.iter().map(|f| f.start).collect();
    let mut respective = Respective::default();
    for f in found {
        let span = body.span(f.start, f.end);
        if mentions.overlaps(span) {
            continue;
        }
        let (sent_s, sent_e) = (body.sentence_start(f.start), body.sentence_end(f.start));
        let clause = clause_around(body, f.start, f.end);
        let object = respective
            .object(body, &f, &starts)
            .or_else(|| object_of(body, &f))
            .or_else(|| {
                let (prev_sent, prev, prev_unit) = carried.as_ref()?;
                (*prev_sent == sent_s)
                    .then(|| carried_object(body, &f, prev, prev_unit))
                    .flatten()
            });
        if let Some(o) = &object {
            carried = Some((sent_s, o.clone(), f.unit));
        }
        let indicator = classify(f.unit, object.as_deref(), clause);
        let period = period_for(body, f.start, (sent_s, sent_e), &mut periods)
            .or_else(|| year_after(&body.text, f.end));
        let sentence = {
            let [a, b] = body.span(sent_s, sent_e);
            original.get(a..b).unwrap_or("").trim().to_string()
        };
        let surface = original.get(span[0]..span[1]).unwrap_or("").to_string();
        claims.push(Claim {
            text: surface,
            value: f.value.to_f64(),
            value_max: f.value_max.map(Decimal::to_f64),
            unit: f.unit.to_string(),
            approx: f.approx,
            object,
            indicator,
            period,
            place: None,
            span,
            sentence,
            body_start: f.start,
        });
    }
    claims
}

/// Byte ranges sorted by start, with the furthest end reached so far: one
/// overlap question costs a binary search, not a pass over all ranges.
struct Spans {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<[usize; 2]>) -> Self {
        spans.sort_unstable();
        let starts = spans.iter().map(|m| m[0]).collect();
        let max_end = spans
            .iter()
            .scan(0, |far, m| {
                *far = (*far).max(m[1]);
                Some(*far)
            })
            .collect();
        Spans { starts, max_end }
    }

    /// Whether some range overlaps `span`: among the ranges that start
    /// before its end, one ends after its start.
    fn overlaps(&self, span: [usize; 2]) -> bool {
        let n = self.starts.partition_point(|&s| s < span[1]);
        n > 0 && self.max_end[n - 1] > span[0]
    }
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Whether `at` is inside a quotation (more opening than closing marks
/// since the start of its sentence): quoted numbers are names (“千名干部进千企”).
fn in_quotes(body: &Body, at: usize) -> bool {
    body.marks.more_opened(body.sentence_start(at), at)
}

/// The approximation word that ends `text[..at]` (约, 近, 超过 …), with its
/// length; 近 of 最近 and 超 of 高超 are not.
fn approx_before(text: &str, at: usize) -> Option<(Approx, usize)> {
    let head = text[..at].trim_end_matches([' ', '\u{3000}']);
    for (w, a) in APPROX_PREFIX {
        if head.ends_with(w) {
            let before_w = prev_char(head, head.len() - w.len());
            if *w == "近" && before_w.is_some_and(|c| matches!(c, '最' | '附' | '将' | '接')) {
                continue;
            }
            if *w == "超" && before_w == Some('高') {
                continue;
            }
            return Some((*a, at - (head.len() - w.len())));
        }
    }
    None
}

/// A round count written with a magnitude word alone: 上百家, 数千名 (a
/// round prefix), 百余名, 千多人 (余/多 after it), 近千名, 超亿元 (an
/// approximation before it), 万名党员 (a count). Never inside quotation
/// marks (“百名书记” names a campaign), never glued to another numeral
/// (两万多名 is read whole elsewhere), and 家/户 after a bare magnitude are
/// set phrases (千家万户, 万家灯火).
fn judge_round(body: &Body, s: usize, e: usize) -> Option<Found> {
    let text = body.text.as_str();
    let m = &text[s..e];
    let prefixed = m.starts_with(['上', '数', '几', '成']);
    let digits = if prefixed {
        &m[m.char_indices().nth(1).map_or(0, |(i, _)| i)..]
    } else {
        m
    };
    if digits.is_empty() || (!prefixed && digits == "十") {
        return None;
    }
    // 20余万名, 10 万元: the magnitude of an Arabic number, read there.
    let glued = text[..s].trim_end_matches(['余', '多', ' ', '\u{3000}']);
    let before = prev_char(glued, glued.len());
    if before.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || numerals::is_chinese_numeral_char(c)
            || matches!(c, '第' | '.' | '点')
            || c.is_numeric()
    }) {
        return None;
    }
    let value = numerals::parse_chinese(&format!("一{digits}")).ok()?;
    let mut end = e;
    let mut approx = prefixed.then_some(Approx::Over);
    let mut rest = &text[e..];
    if let Some(r) = rest.strip_prefix(['余', '多']) {
        approx = Some(Approx::Over);
        end += rest.len() - r.len();
        rest = r;
    }
    if is_time_unit_at(rest) {
        return None;
    }
    let (unit, ulen) = unit_at(rest)?;
    end += ulen;
    let after_unit = &text[end..];
    if unit == "人" && after_unit.starts_with(['民', '大']) {
        return None;
    }
    let mut start = s;
    if !prefixed && let Some((a, len)) = approx_before(text, s) {
        approx = approx.or(Some(a));
        start = s - len;
    }
    if approx.is_none() && matches!(unit, "家" | "户") {
        return None;
    }
    if in_quotes(body, s) {
        return None;
    }
    Some(Found {
        start,
        end,
        value,
        value_max: None,
        unit,
        approx,
    })
}

/// Spaces that may stand between a number and its unit (680 名, 10 万元).
const NUMBER_SPACE: &[char] = &[' ', '\u{3000}', '\u{a0}'];

/// `s` without up to two leading spaces, and how many bytes they took.
fn skip_space(s: &str) -> (&str, usize) {
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
fn read_arabic(text: &str, s: usize, e: usize) -> Option<(Decimal, bool, usize)> {
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
fn magnitude_exp(num: &str) -> u32 {
    match num.chars().next_back() {
        Some('万') if num.ends_with("万亿") => 12,
        Some('万') => 4,
        Some('亿') => 8,
        Some('千') => 3,
        Some('百') => 2,
        _ => 0,
    }
}

/// Decides whether the number at `text[s..e]` is a claim, and its extent.
fn judge(body: &Body, s: usize, e: usize, arabic: bool) -> Option<Found> {
    let text = body.text.as_str();
    let before = prev_char(text, s);
    // 第 3 次: an ordinal even with a space.
    let before_spaced = text[..s].trim_end_matches(NUMBER_SPACE).chars().next_back();
    // Glued to letters or other numbers: codes, models, versions (A02, G20).
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-') {
        return None;
    }
    if matches!(before, Some('第' | '+' | '·' | '/')) || before_spaced == Some('第') {
        return None;
    }
    let (value, over, e) = if arabic {
        read_arabic(text, s, e)?
    } else if text[s..e].contains(['余', '多']) {
        // 十余万: the count and its magnitude, more than that.
        let bare = text[s..e].replace(['余', '多'], "");
        (numerals::parse_chinese(&bare).ok()?, true, e)
    } else {
        (numerals::parse_chinese(&text[s..e]).ok()?, false, e)
    };
    let num = &text[s..e];
    let after = text[e..].chars().next();
    if after.is_some_and(|c| {
        c.is_ascii_alphabetic()
            || matches!(
                c,
                '+' | '·' | ':' | '/' | '-' | '.' | '_' | '〕' | ']' | ')'
            )
    }) {
        // 1+N, 7·9, 10:01, 2020〕, ranges handled below for '-'.
        if after != Some('-') {
            return None;
        }
    }
    // A number alone in quotation marks is a name (“139”行动).
    if before == Some('“') {
        let rest = &text[e..];
        if rest.starts_with('”') || rest.starts_with('“') {
            return None;
        }
    }
    // List markers: 一是, 二要.
    if !arabic && (text[e..].starts_with('是') || text[e..].starts_with('要')) {
        return None;
    }

    let mut end = e;
    let mut approx = over.then_some(Approx::Over);
    let mut value = value;
    let mut value_max = None;
    let mut rest = &text[end..];
    // Ranges: 3至5个, 3—5个, 3-5个, 3~5个; 10—50万元 puts 万 on both ends.
    for sep in ["至", "到", "—", "–", "-", "~", "～"] {
        if let Some(r) = rest.strip_prefix(sep)
            && let Some(m) = ARABIC.find(r)
            && m.start() == 0
            && arabic
        {
            let (hi, hi_over, hi_end) = read_arabic(r, 0, m.end())?;
            let hi_exp = magnitude_exp(&r[..hi_end]);
            let lo = if hi_exp > 0 && magnitude_exp(num) == 0 {
                value.shift(hi_exp).ok()?
            } else {
                value
            };
            if hi.to_f64() < lo.to_f64() {
                // 33至5: not a range (a typo or two numbers); the number alone.
                break;
            }
            value = lo;
            if hi_over {
                approx = Some(Approx::Over);
            }
            value_max = Some(hi);
            end += sep.len() + hi_end;
            rest = &text[end..];
            break;
        }
    }
    // 多 / 余 between number and unit.
    for w in ["多", "余"] {
        if let Some(r) = rest.strip_prefix(w) {
            // 5个多月: a duration.
            approx = Some(Approx::Over);
            end += w.len();
            rest = r;
            break;
        }
    }
    // 680 名: a space before the unit.
    let (spaced, gap) = skip_space(rest);
    if is_time_unit_at(spaced) {
        return None;
    }
    let (unit, ulen) = unit_at(spaced)?;
    end += gap + ulen;
    rest = &text[end..];
    // 个多月 is caught by unit_at; 8000多件 already took 多. A 余/多 after
    // the unit is rare but written (2万人余).
    if approx.is_none()
        && let Some(r) = rest.strip_prefix('余')
    {
        approx = Some(Approx::Over);
        end += '余'.len_utf8();
        rest = r;
    }
    // 5万元至10万元: a range that repeats its unit.
    if value_max.is_none() && arabic {
        for sep in ["至", "到", "—", "–", "-", "~", "～"] {
            if let Some(r) = rest.strip_prefix(sep)
                && let Some(m) = ARABIC.find(r)
                && m.start() == 0
                && let Some((hi, hi_over, hi_end)) = read_arabic(r, 0, m.end())
                && let Some((hi_unit, hi_ulen)) = unit_at(&r[hi_end..])
                && hi_unit == unit
                && hi.to_f64() >= value.to_f64()
            {
                value_max = Some(hi);
                if hi_over {
                    approx = Some(Approx::Over);
                }
                end += sep.len() + hi_end + hi_ulen;
                rest = &text[end..];
                break;
            }
        }
    }
    for (w, a) in APPROX_SUFFIX {
        if rest.starts_with(w) {
            approx = Some(*a);
            end += w.len();
            break;
        }
    }
    let after_unit = &text[end..];
    if !unit_is_a_measure(unit, after_unit, before, arabic) {
        return None;
    }
    // A number and unit closing a quotation are a name: “助力政策40条”,
    // 三个“100%”目标.
    if after_unit.starts_with(['”', '」', '』']) && in_quotes(body, s) {
        return None;
    }
    // Approximation words before the number.
    let mut start = s;
    if let Some((a, len)) = approx_before(text, s) {
        approx = approx.or(Some(a));
        start = s - len;
    }
    Some(Found {
        start,
        end,
        value,
        value_max,
        unit,
        approx,
    })
}

/// Whether a unit word is used as a measure here, and not as the start of a
/// longer word or a name: 元旦 is a date, 人民/人大 follow Chinese numerals
/// in names, 3路公交 and 1车间 are names, 15栋 after a housing estate's name
/// is an address (小区15栋), 1对1 is a formula, 村民 is not villages.
fn unit_is_a_measure(unit: &str, after_unit: &str, before: Option<char>, arabic: bool) -> bool {
    match unit {
        "元" => !after_unit.starts_with('旦'),
        "人" => arabic || !after_unit.starts_with(['民', '大']),
        "路" => !after_unit.starts_with(['公', '车', '口', '段', '线', '灯']),
        "车" => !after_unit.starts_with(['间', '道']),
        "对" => !after_unit.starts_with(|c: char| c.is_ascii_digit() || c == '一'),
        "村" => !after_unit.starts_with(['民', '委', '级', '庄', '里']),
        "栋" | "幢" => {
            !before.is_some_and(|c| matches!(c, '区' | '苑' | '园' | '庭' | '府' | '城' | '院'))
                && !after_unit.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => true,
    }
}

/// The clause around `text[s..e]` (end marks excluded), looked for within
/// [`window::SENTENCE`] bytes on either side.
fn clause_around(body: &Body, s: usize, e: usize) -> &str {
    let text = body.text.as_str();
    let (a, b) = (body.clause_start(s), body.clause_end(e));
    // The end mark found ahead is not part of the clause.
    let b = match text[..b].chars().next_back() {
        Some(c) if b > e && window::is_clause_end(c) => b - c.len_utf8(),
        _ => b,
    };
    text.get(a..b).unwrap_or("")
}

fn nounish(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nr" | "ns" | "nt" | "nz" | "vn" | "an" | "j" | "b" | "ng" | "nrt" | "nrfg" | "s"
    ) || tag == ASIDE
}

/// Words between an object and its number (组建党员志愿服务队335支,
/// 占比达30.7%), stripped from the end of the text before the number,
/// longest first.
const LINKING: &[&str] = &[
    "折合人民币",
    "折合",
    "同比增长",
    "增长到",
    "增加到",
    "提高到",
    "提升到",
    "下降到",
    "减少到",
    "扩大到",
    "发展到",
    "占比达到",
    "占比达",
    "占比为",
    "已达到",
    "达到",
    "完成",
    "实现",
    "共计",
    "累计",
    "合计",
    "总计",
    "已达",
    "只有",
    "多达",
    "高达",
    "超过",
    "突破",
    "增长",
    "提升",
    "提高",
    "下降",
    "减少",
    "增加",
    "占比",
    "全部",
    "均",
    "都",
    "不足",
    "不到",
    "至少",
    "超",
    "已",
    "达",
    "为",
    "是",
    "共",
    "有",
    "仅",
    "约",
    "近",
    "逾",
    "的",
    "等",
    "各",
    "了",
    "计",
    "从",
    "由",
    "在",
    "占",
];

/// Words that end an object after the measure word.
const OBJECT_STOP: &[&str] = &[
    "全部", "全", "均", "都", "共", "等", "其中", "分别", "以上", "各",
];

/// The counted object: the noun phrase after the measure word, or, when
/// there is none (the measure word ends the clause, or the unit is a share
/// or a change), the subject phrase before the number.
fn object_of(body: &Body, f: &Found) -> Option<String> {
    match f.unit {
        // A share or a change names its subject before the number.
        "%" | "‰" => object_before(body, f).or_else(|| share_after(body, f)),
        "百分点" => object_before(body, f),
        // Money is mostly what was spent or earned (投入资金300万元,
        // 村集体收入达到50万元); what follows it is what it was spent on.
        "元" => object_before(body, f).or_else(|| object_after(body, f)),
        // People counted by 人 are named before the number (吸纳志愿者等
        // 300余人); what follows is what they did (参与小区治理).
        "人" => object_before(body, f).or_else(|| object_after(body, f)),
        _ => object_after(body, f).or_else(|| object_before(body, f)),
    }
}

/// Administrative units that a share of places counts (60%的行政村集体经济
/// 收入超过25万元: the share is of villages, the rest says which ones).
const PLACE_UNITS: &[&str] = &["行政村", "村", "社区", "乡镇", "镇", "乡", "街道"];

// A threshold an attribute passes, after a few characters naming the
// attribute (jieba tags 收入 a verb): (全部)达10万元, 收入均超过50万元.
static_regex!(
    THRESHOLD,
    r"^\p{Han}{0,6}?(?:全部|均|都|已)?(?:达到|达|超过|超|突破|高于|低于|不足|不到|在)[0-9]"
);

/// Whether a threshold starts at byte `at` of `text` (see [`THRESHOLD`]).
fn threshold_at(text: &str, at: usize) -> bool {
    text.get(at..).is_some_and(|r| THRESHOLD.is_match(r))
}

/// The noun a count of one administrative unit shares with the count listed
/// after it: 260个村、45个社区综合服务站 → 综合服务站 (after `at`,
/// the end of the first unit).
fn shared_head(body: &Body, at: usize) -> Option<String> {
    let text = body.text.as_str();
    let m = LISTED_UNIT_COUNT.find(text.get(at..)?)?;
    let from = at + m.end();
    let tags = object_tags(body, from, phrase_window_end(text, from));
    let mut words = Vec::new();
    noun_phrase_after(&tags, &mut words);
    let (first, _) = *words.first()?;
    (words.len() > 1 && PLACE_UNITS.contains(&first))
        .then(|| words[1..].iter().map(|(w, _)| *w).collect())
}

// 、 and a count of units: 、45个, 、85个.
static_regex!(LISTED_UNIT_COUNT, r"^、[0-9][0-9.]*[万]?[余多]?个");

/// Longest predicate a share's object keeps (characters).
const SHARE_PREDICATE_MAX: usize = 20;

/// The object of a share whose counted things follow it, with what is said
/// of them: 90%的村达到标准 → 达到标准的村占比, 80%以上的问题当天得到解决
/// → 当天得到解决的问题占比. The things are the noun phrase after 的, or
/// the administrative unit it starts with when more nouns and a threshold
/// follow (70%的村集体经济收入超过20万元 → 集体经济收入超过20万元的村占比);
/// what is said of them is the rest of the clause. A clause that says nothing more
/// gives the things' share (95%的党员 → 党员占比).
fn share_after(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let rest = &text[f.end..];
    let de = ["的", "以上的", "左右的", "以下的"]
        .iter()
        .find(|p| rest.starts_with(**p))?;
    let from = f.end + de.len();
    let tags = object_tags(body, from, phrase_window_end(text, from));
    let mut head = Vec::new();
    noun_phrase_after(&tags, &mut head);
    let (first, _) = *head.first()?;
    let (last, _) = head[head.len() - 1];
    let start = offset_in(text, first)?;
    let mut end = offset_in(text, last)? + last.len();
    // A threshold right after the phrase is said of the unit's attribute.
    if head.len() > 1 && PLACE_UNITS.contains(&first) && threshold_at(text, end) {
        end = start + first.len();
    }
    let things = text.get(start..end)?;
    // 以15%的速度增长, 3%的市场份额: the percentage is a rate or a part
    // of that measure, not a share of things counted.
    if MEASURE_NOUNS.iter().any(|m| things.ends_with(m)) {
        return Some(things.to_string());
    }
    let clause_end = body.clause_end(end);
    // 都是…的, 均由…: the adverb and the copula are not what is said of
    // the things.
    let said = text
        .get(end..clause_end.max(end))?
        .trim_end_matches(|c: char| window::is_clause_end(c) || c.is_whitespace())
        .trim()
        .trim_start_matches(['都', '均', '也'])
        .trim_start_matches('是')
        .trim_end_matches('的');
    let n = said.chars().count();
    // A predicate too long for an object, one that does not start with a
    // word (其中30个) or that opens reported speech (…的受访者表示:) leaves
    // the things' share.
    let speech = ["表示", "认为", "称", "说"]
        .iter()
        .any(|v| said.ends_with(v));
    if n == 0 || n > SHARE_PREDICATE_MAX || !said.starts_with(is_han) || speech {
        return Some(format!("{things}占比"));
    }
    Some(format!("{said}的{things}占比"))
}

/// Nouns that name a measure a percentage is of (速度, 水平, 增长率), not
/// things a share counts.
const MEASURE_NOUNS: &[&str] = &[
    "率", "速度", "增速", "水平", "幅度", "增幅", "降幅", "涨幅", "份额", "比例", "比重", "差距",
];

// A clause that states a share or a change of the subject before it and
// names none of its own: 占38%, 同比增长2.3%, 较一季度提升7.9个百分点,
// 比去年底提高27.71个百分点 (a comparison base, then the change).
static_regex!(
    SUBJECTLESS,
    &format!(
        r"^(?:其中|并|且|同时|已经|已)?(?:同比|环比|(?:比|较)[^,，;；:：]{{1,8}}?)?(占比?|占到|新增|{})(?:\p{{Han}}{{1,12}}?的)?(?:了|达到?|为)?(?:约|近|超过|逾)?$",
        CHANGE_VERBS.join("|")
    )
);

/// The items a 分别 clause distributes its figures over, read once per
/// sentence: 党员总数和党组织数分别达到3.6万名和1850个 gives the first figure
/// to 党员总数 and the second to 党组织数; a later clause of the sentence
/// without a list of its own (较去年底分别增长2.1%和1.5%) distributes over
/// the same items.
#[derive(Default)]
struct Respective {
    /// The sentence start and the items of its last list before 分别.
    items: Option<(usize, Vec<String>)>,
}

/// Verbs of change (after 分别, or opening a clause without a subject): the
/// object names what changed.
const CHANGE_VERBS: &[&str] = &[
    "增长", "增加", "提高", "提升", "上升", "下降", "减少", "降低",
];

impl Respective {
    fn object(&mut self, body: &Body, f: &Found, starts: &[usize]) -> Option<String> {
        let text = body.text.as_str();
        let clause_s = body.clause_start(f.start);
        let before = text.get(clause_s..f.start)?;
        let p = clause_s + before.rfind("分别")?;
        let after = &text[p + "分别".len()..f.start];
        // The figures after 分别 form one list (3.6万名和1850个).
        if after.contains(['，', ',', '；', ';']) {
            return None;
        }
        let k = starts.iter().filter(|&&s| s > p && s < f.start).count();
        let sent_s = body.sentence_start(f.start);
        let listed = respective_items(&text[clause_s..p]);
        let items = match listed {
            Some(items) => &self.items.insert((sent_s, items)).1,
            None => match &self.items {
                Some((s, items)) if *s == sent_s => items,
                _ => return None,
            },
        };
        let item = items.get(k)?;
        let verb = CHANGE_VERBS
            .iter()
            .find(|v| after.trim_start().starts_with(**v))
            .copied()
            .unwrap_or("");
        Some(format!("{item}{verb}"))
    }
}

/// The items of the subject before 分别 (全区党员总数和基层党组织数 →
/// 党员总数, 基层党组织数): two or more short noun phrases joined by 和, 、,
/// 及 or 与, without the scope word before the first.
fn respective_items(subject: &str) -> Option<Vec<String>> {
    let subject = subject.trim();
    // 去年全区…: the period before the subject is not part of it.
    let subject = match PERIOD.find(subject) {
        Some(m) if m.start() == 0 => &subject[m.end()..],
        _ => subject,
    };
    let items: Vec<String> = subject
        .split(['和', '、', '及', '与'])
        .map(|it| it.trim_start_matches('以').to_string())
        .collect();
    if items.len() < 2
        || items
            .iter()
            .any(|it| !(2..=12).contains(&it.chars().count()) || !it.chars().all(is_han))
    {
        return None;
    }
    // 农牧民和城镇居民人均收入, 进口和再出口货物的吨位: a last item much
    // longer than the others carries a head they share, which cannot be
    // told from its own words; no items then.
    let last = items[items.len() - 1].chars().count();
    let shortest = items.iter().map(|it| it.chars().count()).min().unwrap_or(0);
    if last > shortest + 2 || items[items.len() - 1].contains('的') {
        return None;
    }
    let mut items = items;
    // 全区党员总数: the scope is not part of the first item.
    let first = &items[0];
    let scope = first.starts_with(['全', '各', '该', '本'])
        && first
            .chars()
            .nth(1)
            .is_some_and(|c| "省市县区镇乡村旗州".contains(c));
    if scope && first.chars().count() > 3 {
        items[0] = first.chars().skip(2).collect();
    }
    Some(items)
}

// A clause that says how many of the things counted before it were dealt
// with: 已办结, 均已整改, 全部解决了.
static_regex!(
    DEALT_WITH,
    r"^(?:其中)?((?:已经|已|均已|全部)?(?:解决|办结|完成|整改|落实|化解|办理|答复|回复|采纳|销号|兑现))了?$"
);

/// The object of a claim whose clause leaves its subject unsaid, carried
/// from the claim before it in the sentence, as Chinese clause chains do:
/// 二产增加值达236.30亿元,同比增长2.3%,较一季度提升7.9个百分点 →
/// 二产增加值 / 二产增加值增长 / 二产增加值增长提升; 其中女党员1200人,占38%
/// → 女党员占比. A share names its ratio, a change what changed, and a part
/// (其中6000多名) what it is part of.
fn carried_object(body: &Body, f: &Found, previous: &str, previous_unit: &str) -> Option<String> {
    let text = body.text.as_str();
    let clause = text[body.clause_start(f.start)..f.start].trim();
    // 收集意见建议860条,已办结812条: the part of them that was dealt with,
    // counted in the same unit.
    if f.unit == previous_unit
        && let Some(done) = DEALT_WITH.captures(clause)
    {
        return Some(format!("{}{previous}", &done[1]));
    }
    // 其中6000多名还主动参与: a part of what was counted before (a share
    // names its own: 其中93%的工程项目).
    if matches!(clause, "其中" | "其中有" | "其中共有") && !matches!(f.unit, "%" | "‰" | "百分点")
    {
        return Some(previous.to_string());
    }
    let verb = SUBJECTLESS.captures(clause)?.get(1)?.as_str();
    let verb = if verb.starts_with('占') {
        "占比"
    } else {
        verb
    };
    Some(format!("{previous}{verb}"))
}

/// Units that count events: the thing counted may be the verb itself
/// (走访900余人次, 集中宣讲120场次).
const EVENT_UNITS: &[&str] = &["次", "场", "场次", "期", "人次", "轮", "批", "回", "次数"];

fn is_quote_char(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」')
}

fn is_quote_mark(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_quote_char(c))
}

/// Words that join two nouns inside one object (村和社区, 问题和意见建议).
const NOUN_JOINERS: &[&str] = &["和", "与", "及", "以及"];

/// A word that can stand inside a noun phrase: nouns, adjectives,
/// distinguishing words, set phrases, abbreviations, numerals without digits.
fn phrase_word(word: &str, tag: &str) -> bool {
    nounish(tag)
        || matches!(tag, "a" | "l" | "i" | "j" | "k" | "eng" | SET_NOUN)
        || (tag == "m" && !word.chars().any(|c| c.is_ascii_digit()))
}

/// A scope word, not an object: 全县, 各村, 全部.
fn scope_word(word: &str) -> bool {
    OBJECT_STOP.contains(&word) || word.starts_with('全') || word.starts_with('各')
}

/// Joins object words, keeping at most twelve characters (bracketed glosses
/// not counted) from the side nearest the number.
fn join_object(words: &[&str], from_end: bool) -> Option<String> {
    join_object_within(words, from_end, 12)
}

/// [`join_object`] keeping at most `cap` characters.
fn join_object_within(words: &[&str], from_end: bool, cap: usize) -> Option<String> {
    let mut kept: Vec<&str> = Vec::new();
    let mut chars = 0;
    let ordered: Vec<&str> = if from_end {
        words.iter().rev().copied().collect()
    } else {
        words.to_vec()
    };
    for w in ordered {
        // A bracketed gloss does not lengthen the phrase it glosses.
        let n = if w.starts_with('(') {
            0
        } else {
            w.chars().count()
        };
        if chars + n > cap {
            break;
        }
        chars += n;
        kept.push(w);
    }
    // A list cut short keeps its whole items (种粮大户、合作社理事长, not a
    // piece of the name after it).
    let cut_short = kept.len() < words.len();
    if cut_short && let Some(p) = kept.iter().rposition(|w| *w == "、") {
        kept.truncate(p);
    }
    if from_end {
        kept.reverse();
        // An aside glosses the word before it, which did not fit.
        if kept.first().is_some_and(|w| w.starts_with('(')) {
            kept.remove(0);
        }
    }
    // A list cut short ends on its last item, not on a mark.
    let obj = kept.concat();
    let obj = obj.trim_matches('、');
    // Chinese words, or an acronym (GDP, CPI).
    (obj.chars().any(is_han) || is_acronym(obj)).then(|| obj.to_string())
}

/// The noun phrase after the measure word: 1.35万名机关党员 → 机关党员,
/// 8支宣讲队 → 宣讲队 (a verb inside a compound noun), 70个村和社区.
fn object_after(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let end = phrase_window_end(text, f.end);
    if end <= f.end {
        return None;
    }
    let tags = object_tags(body, f.end, end);
    let mut words: Vec<(&str, &str)> = Vec::new();
    let mut i = 0;
    // 300平方米的农村党建活动基地: the phrase starts after 的; 300名第二批
    // 好支书, 100个2023年度示范党组织: after a batch or a year.
    loop {
        match (tags.get(i), tags.get(i + 1)) {
            (Some(("的", _)), _) | (Some(("首批", _)), _) => i += 1,
            // 第二批, 第三批 cut as one word.
            (Some((w, _)), _) if w.starts_with('第') && w.ends_with('批') => i += 1,
            (Some((w, _)), Some((y, _)))
                if (w.chars().all(|c| c.is_ascii_digit()) && matches!(*y, "年" | "年度"))
                    || (*w == "第" && y.ends_with('批')) =>
            {
                i += 2
            }
            _ => break,
        }
    }
    let skipped = i;
    let taken = noun_phrase_after(&tags[skipped..], &mut words);
    if words.is_empty() {
        return CLASSIFIERS
            .contains(&f.unit)
            .then(|| relative_object(text, &tags[i..]))
            .flatten();
    }
    i += taken;
    let mut ws: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    // 7个县(区), 85个乡(镇、办): a short bracketed aside right after the
    // whole phrase belongs to it, and so do the nouns after it
    // (6名党委(党组)成员).
    // Only quotation marks (dropped from the tags) may stand between the
    // phrase and the end of the window.
    let phrase_end = words
        .last()
        .and_then(|(w, _)| Some(offset_in(text, w)? + w.len()));
    // 96个村集体经济收入全部达15万元: the villages are counted, the rest
    // says what each of them reached.
    let (head_word, _) = words[0];
    if PLACE_UNITS.contains(&head_word) {
        if words.len() > 1 && phrase_end.is_some_and(|e| threshold_at(text, e)) {
            return Some(head_word.to_string());
        }
        if words.len() == 1
            && let Some(head) = phrase_end.and_then(|e| shared_head(body, e))
        {
            return Some(format!("{head_word}{head}"));
        }
    }
    let reaches_end = words.len() == taken
        && i == tags.len()
        && phrase_end
            .and_then(|e| text.get(e..end))
            .is_some_and(|gap| gap.chars().all(is_quote_char));
    if reaches_end {
        if let Some(aside) = text[end..].strip_prefix('(').and_then(|r| {
            r.find(')')
                .filter(|&k| {
                    k > 0
                        && r[..k].chars().count() <= 6
                        && !r[..k].contains(|c: char| c.is_ascii_digit())
                })
                .map(|k| &text[end..end + k + 2])
        }) {
            ws.push(aside);
            let from = end + aside.len();
            let to = phrase_window_end(text, from);
            let mut more = Vec::new();
            noun_phrase_after(&object_tags(body, from, to), &mut more);
            if more
                .first()
                .is_some_and(|(_, t)| !matches!(*t, "v" | "m" | "q"))
            {
                ws.extend(more.iter().map(|(w, _)| *w));
            }
        } else {
            list_items_after(body, end, &mut ws);
        }
    }
    join_object(&ws, false)
}

/// Measure words that count things named after them (12个…的温室大棚),
/// unlike 人 (3000人参加的比赛: the count is who took part) or units of
/// money, length or age.
const CLASSIFIERS: &[&str] = &[
    "个", "名", "家", "位", "处", "株", "棵", "件", "项", "支", "座", "栋", "所", "条", "台", "辆",
    "套", "种", "类", "篇", "份", "张", "间", "户", "只", "头", "本", "部",
];

/// The object of a count whose noun comes after a short relative clause
/// (12名退休的党员, 8家新落成的服务站): the clause, 的 and the noun
/// phrase after it, keeping the noun when the whole is too long. `tags`
/// start right after the measure word.
fn relative_object(text: &str, tags: &[(&str, &str)]) -> Option<String> {
    let de = tags.iter().take(5).position(|(w, _)| *w == "的")?;
    let clause = &tags[..de];
    // 100家以上的企业: a position or a bound, not a clause about what is
    // counted (dimensions, 56米长的, come with units that are no classifiers).
    if clause.first().is_some_and(|(_, t)| *t == "f") {
        return None;
    }
    let short = clause.iter().map(|(w, _)| w.chars().count()).sum::<usize>() <= 6;
    let plain = clause
        .iter()
        .all(|(w, t)| !w.contains(|c: char| c.is_ascii_digit()) && !matches!(*t, "x" | "m" | "q"));
    if de == 0 || !short || !plain {
        return None;
    }
    let mut head = Vec::new();
    noun_phrase_after(&tags[de + 1..], &mut head);
    if head.is_empty() {
        return None;
    }
    // The clause, 的 and the head are consecutive words of the text.
    let (last, _) = head[head.len() - 1];
    let start = offset_in(text, clause[0].0)?;
    let phrase = text.get(start..offset_in(text, last)? + last.len())?;
    if phrase.chars().count() <= 12 {
        return Some(phrase.to_string());
    }
    let ws: Vec<&str> = head.iter().map(|(w, _)| *w).collect();
    join_object(&ws, true)
}

/// Whether `w` is an acronym of two to six capitals (GDP, CPI).
fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Verbs that take an action noun as their object and never modify a noun
/// (50个村进行结对, 3个支部开展评比).
const LIGHT_VERBS: &[&str] = &[
    "进行", "开展", "实施", "实行", "加以", "予以", "给予", "作出", "做出",
];

/// Reads the noun phrase at the start of `tags` into `words` (nouns,
/// adjectives, joiners, a verb that modifies the noun after it), up to six
/// words, ending in a noun. Returns how many tags it went through.
fn noun_phrase_after<'a>(
    tags: &[(&'a str, &'a str)],
    words: &mut Vec<(&'a str, &'a str)>,
) -> usize {
    let mut i = 0;
    while i < tags.len() && words.len() < 6 {
        let (w, tag) = tags[i];
        let next_noun = tags.get(i + 1).is_some_and(|(_, t)| nounish(t));
        // 齐聚南昌: a verb before a place name is the predicate, it does not
        // modify it.
        let next_place = tags.get(i + 1).is_some_and(|(_, t)| *t == "ns");
        // 宣讲队, 服务站: a verb before a one-character noun is part of it.
        let next_suffix = tags
            .get(i + 1)
            .is_some_and(|(n, t)| nounish(t) && n.chars().count() == 1);
        // 参观了: a word before an aspect particle is a verb, whatever the
        // dictionary says (it tags 参观 and 座谈 as nouns).
        let before_aspect = tags
            .get(i + 1)
            .is_some_and(|(n, _)| matches!(*n, "了" | "着" | "过"));
        // 干部驻村指导: a distinguishing word after a noun and before no
        // noun starts the predicate (机关专职副书记 has the noun).
        let late_distinguisher = tag == "b"
            && words.last().is_some_and(|(_, t)| nounish(t) && *t != "b")
            && !tags
                .get(i + 1)
                .is_some_and(|(_, t)| matches!(*t, "n" | "nr" | "nz" | "nt" | "ng" | "ns" | "b"));
        if scope_word(w) || before_aspect || late_distinguisher {
            break;
        }
        let first = words.iter().all(|(_, t)| matches!(*t, "a" | "b" | "m"));
        // 被巡察单位, 被帮扶对象: a passive verb modifies the noun after it.
        if let (true, true, Some(&verb), Some(&noun)) =
            (w == "被", first, tags.get(i + 1), tags.get(i + 2))
            && verb.1 == "v"
            && matches!(noun.1, "n" | "nt" | "nz" | "ng")
        {
            words.extend([(w, "p"), verb, noun]);
            i += 3;
            continue;
        }
        let ok = phrase_word(w, tag)
            // 参会人员, 拆迁村: a verb first modifies the noun after it;
            // after a noun it starts the predicate (骑友担任观察员), unless
            // a one-character noun follows (宣讲队). A light verb (进行,
            // 开展) only ever starts the predicate.
            || (matches!(tag, "v" | "vn")
                && !LIGHT_VERBS.contains(&w)
                && next_noun
                && !next_place
                && (next_suffix || first))
            || (NOUN_JOINERS.contains(&w) && !words.is_empty() && next_noun);
        if !ok {
            break;
        }
        words.push((w, tag));
        i += 1;
    }
    // The phrase ends in a noun, or is one set phrase that ends in one.
    while let Some(&(_, t)) = words.last() {
        if nounish(t) || (t == SET_NOUN && words.len() == 1) {
            break;
        }
        words.pop();
    }
    i
}

/// The tag [`object_tags`] gives a set phrase that ends in a noun (与会代表,
/// 困难群众): a noun phrase when it stands alone, but after other words of
/// a phrase often the predicate (下岗女工自谋职业), so never its end.
const SET_NOUN: &str = "set phrase noun";

/// How a set phrase (jieba's `l`) reads in an object: [`SET_NOUN`] when it
/// ends in a noun and starts with a verb, a noun or an adjective (与会代表,
/// 困难群众); others (统筹兼顾, 不切实际) stay `l`.
fn set_phrase_tag(segmenter: &Segmenter, word: &str) -> &'static str {
    let Some((split, _)) = word.char_indices().rev().nth(1) else {
        return "l";
    };
    if split == 0 {
        return "l";
    }
    let (head, tail) = word.split_at(split);
    if !segmenter.pos(tail).is_some_and(|p| nounish(p.as_str())) {
        return "l";
    }
    match segmenter.pos(head).map(|p| p.as_str()) {
        Some(t) if nounish(t) || matches!(t, "v" | "vi" | "vd" | "vg" | "a" | "an") => SET_NOUN,
        _ => "l",
    }
}

/// The items listed after an object that ends at `at` on 、 (3位省、市级专家,
/// 120名党员、干部, 2万名机关、学校和医院职工), pushed onto
/// `ws` with their marks. An item is a noun phrase of its own; the list ends
/// at an item that does not fill the stretch up to the next mark, and before
/// one followed by a number (30户群众、解决问题50个 lists no 解决问题).
fn list_items_after<'a>(body: &'a Body, mut at: usize, ws: &mut Vec<&'a str>) {
    let text = body.text.as_str();
    for _ in 0..4 {
        if !text[at..].starts_with('、') {
            return;
        }
        let from = at + '、'.len_utf8();
        let end = phrase_window_end(text, from);
        let tags = object_tags(body, from, end);
        let mut item = Vec::new();
        let taken = noun_phrase_after(&tags, &mut item);
        // An item names things: it ends in a noun proper (大型 alone is no
        // item) and does not start with a number word (万元产值 …).
        while item
            .last()
            .is_some_and(|(_, t)| matches!(*t, "b" | "s" | "an"))
        {
            item.pop();
        }
        let counted = item.first().is_some_and(|(_, t)| matches!(*t, "m" | "q"));
        let end_of = |w: &str| offset_in(text, w).map_or(0, |o| o + w.len());
        let Some(item_end) = item.last().map(|(w, _)| end_of(w)) else {
            return;
        };
        // An item followed by its number starts a claim of its own
        // (机组、合同总金额达7.4亿美元, 分公司、年产值近两亿元).
        let mut after = text.get(item_end..end.max(item_end)).unwrap_or("");
        // (The 的 of 省、市、自治区的150名运动员 links the whole list to
        // another count.)
        let linking = LINKING.iter().filter(|w| **w != "的");
        while let Some(rest) = linking.clone().find_map(|w| after.strip_prefix(w)) {
            after = rest;
        }
        let claimed = after.starts_with(|c: char| c.is_ascii_digit())
            || chinese_numerals(after).next().is_some_and(|(s, _)| s == 0);
        if counted || claimed {
            return;
        }
        // The object keeps at most twelve characters (see [`join_object`]):
        // an item that does not fit is cut after its last noun that does,
        // and the list ends there.
        let mut used: usize = ws.iter().map(|w| w.chars().count()).sum::<usize>() + 1;
        let mut fits = None;
        for (w, tag) in &item {
            used += w.chars().count();
            if used > 12 {
                break;
            }
            // A piece of a person's name is no place to cut (理事长王).
            if !matches!(*tag, "b" | "s" | "an" | "nr") && nounish(tag) {
                fits = Some(end_of(w));
            }
        }
        let Some(piece_end) = fits.filter(|&e| e > from && e <= end && text.is_char_boundary(e))
        else {
            return;
        };
        ws.push(&text[at..piece_end]);
        if piece_end != item_end {
            return;
        }
        if taken != tags.len() || item.len() != taken {
            return;
        }
        at = end;
    }
}

/// Where the phrase that starts at byte `from` of `text` may end: at most
/// 16 characters on, at the first mark that ends a phrase.
fn phrase_window_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    from + rest
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == 16 || window::is_phrase_end(c))
        .map_or(rest.len(), |(_, (i, _))| i)
}

/// The byte offset in `text` of `word`, a slice of it (the tagged words of
/// [`object_tags`] are; quotation marks between them are dropped, so their
/// lengths do not add up to positions). `None` for a slice of other memory.
fn offset_in(text: &str, word: &str) -> Option<usize> {
    let at = (word.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at + word.len() <= text.len()).then_some(at)
}

/// The tagged words of `[start, end)` for object reading: quotation marks
/// dropped, and a single character cut off a longer word — often tagged as
/// a morpheme (村 in 63个村 or 空壳村 is `zg`) — read as a noun.
/// A Chinese word the dictionary does not know (put together by the HMM:
/// 旗直, 共富) stays one word and counts as a noun, the usual case in
/// names of organizations and groups.
fn object_tags(body: &Body, start: usize, end: usize) -> Vec<(&str, &'static str)> {
    let mut out = object_words(body, start, end);
    // A short bracketed aside after a noun is one word, read as a noun:
    // 党委(党组)成员.
    let text = body.text.as_str();
    let mut i = 0;
    while i < out.len() {
        // 社区级服务站点: 级 after a noun makes a noun of its level.
        if out[i].0 == "级" && i > 0 && nounish(out[i - 1].1) {
            out[i].1 = "ng";
        }
        // 办结率, 服务站: a suffix after a verb makes a noun of it (jieba
        // tags 率 and 站 as verbs).
        if i > 0 && NOUN_SUFFIXES.contains(&out[i].0) && matches!(out[i - 1].1, "v" | "vn") {
            out[i].1 = "ng";
        }
        // 县直单位, 市直部门: 直 after a level is part of the noun.
        if out[i].0 == "直" && i > 0 && out[i - 1].0.ends_with(['省', '市', '县', '区', '旗', '州'])
        {
            out[i].1 = "ng";
        }
        // After a noun (党委(党组)), not inside a verb (新(改)建).
        let glosses_noun =
            i > 0 && matches!(out[i - 1].1, "n" | "nt" | "nz" | "ns" | "vn" | "j" | "ng");
        if out[i].0 == "(" && glosses_noun {
            let close = out[i + 1..]
                .iter()
                .take(4)
                .position(|(w, _)| *w == ")")
                .map(|k| i + 1 + k);
            if let Some(c) = close
                && c > i + 1
                && let (Some(a), Some(b)) = (offset_in(text, out[i].0), offset_in(text, out[c].0))
                && let Some(aside) = text.get(a..b + ")".len())
                && aside.chars().count() <= 8
            {
                out.splice(i..=c, [(aside, ASIDE)]);
            }
        }
        i += 1;
    }
    out
}

/// Whether `word` after a verb makes one noun of both: a single character
/// (畅通率, 服务队) or a word of counting (参观人数, 服务次数).
fn makes_noun_of_verb(word: &str) -> bool {
    NOUN_SUFFIXES.contains(&word) || COUNT_NOUNS.contains(&word)
}

/// Nouns of how many or how much that make a noun of the verb before them.
const COUNT_NOUNS: &[&str] = &[
    "人数", "次数", "户数", "件数", "总数", "数量", "总量", "人次", "规模", "金额", "面积",
];

/// One-character words that make a noun of the verb before them.
const NOUN_SUFFIXES: &[&str] = &[
    "率", "站", "点", "队", "室", "量", "额", "数", "度", "员", "费", "班", "组", "所", "处", "岗",
];

/// The part of speech [`object_tags`] gives a bracketed aside.
const ASIDE: &str = "aside";

/// Where a short bracketed aside that ends at `at` opens (志愿者(义工)|),
/// if one does: at most eight characters, after a word.
fn aside_before(text: &str, at: usize) -> Option<usize> {
    let inner = text[..at].strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let gloss = &inner[open + 1..];
    (!gloss.is_empty()
        && gloss.chars().count() <= 6
        && !gloss.contains(['(', ')'])
        && text[..open].chars().next_back().is_some_and(is_han))
    .then_some(open)
}

/// The tagged words of `[start, end)` before asides are joined (see
/// [`object_tags`]).
fn object_words(body: &Body, start: usize, end: usize) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for t in body.tokens_in(start, end) {
        if t.start < skip_to {
            continue;
        }
        let (s, e) = (t.start.max(start), t.end.min(end));
        let whole = (s, e) == (t.start, t.end);
        // 50个“红旗书记工作室”: a short quoted name is one word, a name.
        if let Some(name) = quoted_name(&body.text, s, end) {
            out.push((name, "nz"));
            skip_to = s + name.len() + 2 * '“'.len_utf8();
            continue;
        }
        if let Some(w) = body.text.get(s..e)
            && whole
            && !t.known
            && w.chars().count() >= 2
            && w.chars().all(is_han)
        {
            // 96个村集体经济: an unknown word the HMM put together from the
            // measure word after a number and the noun is both.
            let after_number = out
                .last()
                .is_some_and(|(p, _): &(&str, _)| p.ends_with(|c: char| c.is_ascii_digit()));
            let c = w.chars().next().map_or(0, char::len_utf8);
            if after_number && CLASSIFIERS.contains(&&w[..c]) {
                out.push((&w[..c], "q"));
                out.push((&w[c..], "n"));
            } else {
                out.push((w, "n"));
            }
            continue;
        }
        out.extend(
            body.tagged(s, e)
                .into_iter()
                .filter(|(w, _)| !is_quote_mark(w) && !w.trim().is_empty())
                .map(|(w, p)| match p.as_str() {
                    "zg" | "g" if w.chars().count() == 1 => (w, "ng"),
                    "l" => (w, set_phrase_tag(body.segmenter(), w)),
                    // GDP, CPI: an acronym names a thing.
                    "eng" if is_acronym(w) => (w, "nz"),
                    t => (w, t),
                }),
        );
    }
    out
}

/// The name inside the quotation marks that open at `at`, when they close
/// before `end` around at most eight characters of Han script, letters or
/// digits (“书香机关”, “139”): a name or a slogan used as one word.
fn quoted_name(text: &str, at: usize, end: usize) -> Option<&str> {
    let inner = text.get(at..end)?.strip_prefix('“')?;
    let close = inner.find('”')?;
    let name = &inner[..close];
    let n = name.chars().count();
    (n > 0 && n <= 8 && name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric()))
        .then_some(name)
}

// A count or a sum ending the text before another one (972户 before 3743人,
// 从不足3万元 before 达到6万元以上).
static_regex!(
    CHAINED_COUNT,
    r"[0-9][0-9.,]*[万亿]?[余多]?(?:[户人个名家]|万?元)$"
);

// The whole a share is of, or what a figure is compared with, at the end of
// the text before the number: 占党员总数(的), 高于全省平均水平.
static_regex!(
    SHARE_OR_COMPARISON,
    r"(?:占|高于|低于|快于|慢于|多于|少于)\p{Han}{1,12}$"
);

// A year between a subject and its figure (由2020年的8.5万元).
static_regex!(
    YEAR_BEFORE,
    r"(?:(?:19|20)[0-9]{2}年(?:底|末|初)?|去年|上年|今年|前年)$"
);

// A place or scope at the end of a clause: 全村, 黄回村, 全县.
static_regex!(
    PLACE_TAIL,
    r"(全[村乡镇县市区旗]|\p{Han}{1,4}(?:村|乡|镇|县|市|区|旗|社区))$"
);

/// Verbs that set up, hold or hand out the thing a clause then counts
/// (组建…335支, 举办…12期, 发放…5000份): before a counted noun phrase they
/// are the predicate, never part of the object.
const PREDICATE_VERBS: &[&str] = &[
    "办理",
    "办好",
    "办成",
    "共有",
    "现有",
    "拥有",
    "建有",
    "设有",
    "配备",
    "新增",
    "组建",
    "成立",
    "建立",
    "建成",
    "创建",
    "新建",
    "打造",
    "培育",
    "设立",
    "设置",
    "举办",
    "召开",
    "开展",
    "组织",
    "发放",
    "选派",
    "吸纳",
    "评选",
    "命名",
    "表彰",
    "收集",
    "征集",
    "安排",
    "投入",
    "拨付",
    "下拨",
    "筹集",
    "落实",
    "争取",
    "整合",
    "撬动",
    "吸引",
    "带动",
    "解决",
    "办结",
    "受理",
    "帮助",
    "推荐",
    "选树",
    "培训",
    "轮训",
    "慰问",
    "发展",
    "排查",
    "化解",
    "查处",
    "处分",
    "约谈",
    "招录",
    "选拔",
    "选聘",
    "培养",
    "储备",
    "认定",
    "统筹安排",
];

/// The subject phrase before the number, linking verbs skipped:
/// 组建党员志愿服务队335支 → 党员志愿服务队, 畅通率达95% → 畅通率,
/// 累计走访900余人次 → 走访 (an event counted by its verb).
fn object_before(body: &Body, f: &Found) -> Option<String> {
    let text = body.text.as_str();
    let before = &text[..f.start];
    // The object is read from the phrase before the number; quotation marks
    // do not end it (12支“红色先锋”志愿服务队 counts 红色先锋志愿服务队).
    let mut cstart = body
        .marks
        .back_to(text, Ends::Phrase, f.start, window::SENTENCE);
    // 社区志愿者(义工)3.2万人, 党委(党组)成员6名: a short bracketed
    // aside does not end the phrase.
    if let Some(open) = aside_before(text, cstart) {
        cstart = body
            .marks
            .back_to(text, Ends::Phrase, open, window::SENTENCE);
    }
    let mut window = before[cstart..].trim_end();
    // 党员占比30%: a share names its ratio (the subject, then 占比).
    let mut ratio = false;
    // 退休干部、网格员、楼栋长等36人: what is counted is listed, item by item.
    let mut enumerated = false;
    let mut de_stripped = false;
    'strip: loop {
        for w in LINKING {
            if let Some(rest) = window.strip_suffix(w) {
                // 由 and 在 as words, not the ends of 理由 and 现在.
                if matches!(*w, "由" | "在") && !body.is_boundary(cstart + rest.len()) {
                    continue;
                }
                ratio |= w.starts_with('占');
                enumerated |= *w == "等";
                de_stripped |= *w == "的";
                window = rest.trim_end();
                continue 'strip;
            }
        }
        // 共有972户3743人: the second count shares the first one's subject.
        if let Some(m) = CHAINED_COUNT.find(window) {
            window = window[..m.start()].trim_end();
            continue 'strip;
        }
        // 女党员占党员总数的27.3%: a share of a whole is the share of its
        // subject; 增速高于全省平均水平1.3个百分点: what it is compared with
        // is not what it measures.
        if matches!(f.unit, "%" | "‰" | "百分点")
            && let Some(m) = SHARE_OR_COMPARISON.find(window)
            && body.is_boundary(cstart + m.start())
        {
            let share = window[m.start()..].starts_with('占');
            // 占道经营: 占 names a share only before 的 and the number.
            if !share || de_stripped {
                ratio |= share;
                window = window[..m.start()].trim_end();
                continue 'strip;
            }
        }
        // 收入由2020年的8.5万元增长到去年的23万元: the year of each figure
        // is its period, the subject comes before both.
        if let Some(m) = YEAR_BEFORE.find(window) {
            window = window[..m.start()].trim_end();
            continue 'strip;
        }
        break;
    }
    // 全村487户, 黄回村共有972户: a place or a scope counted in households
    // or people is that place's households or population.
    let per_place = match f.unit {
        "户" => Some("户数"),
        "人" | "口人" => Some("人口"),
        _ => None,
    };
    if let Some(suffix) = per_place {
        let tail = window.trim_end_matches(['共', '有']);
        if let Some(m) = PLACE_TAIL.find(tail) {
            return Some(format!("{}{suffix}", m.as_str()));
        }
    }
    let skip = window.chars().count().saturating_sub(20);
    let start = cstart
        + window
            .char_indices()
            .nth(skip)
            .map_or(window.len(), |(i, _)| i);
    let end = cstart + window.len();
    if start >= end {
        return None;
    }
    let tags = object_tags(body, start, end);
    let (mut words, whole) = subject_phrase(&tags);
    // 退休干部、网格员、楼栋长等36人: the items listed before the phrase
    // nearest the number, back to the first one, after its verb.
    let mut listed: Vec<(&str, &str)> = Vec::new();
    if whole && start == cstart && !words.is_empty() {
        listed_before(body, cstart, &mut listed);
    }
    // 县财政拨出500万元: before a sum, a verb after its subject is what the
    // subject did with it; the subject is the object. Not the words of
    // money that jieba tags as verbs (集体经济收入, 农户增收).
    if f.unit == "元"
        && words.len() > 1
        && words
            .last()
            .is_some_and(|(w, t)| *t == "v" && !MONEY_WORDS.contains(w))
        && nounish(words[words.len() - 2].1)
    {
        words.pop();
    }
    // A verb alone is an object only for units that count events (投入
    // 300万元 names no object; 走访900余人次 counts visits). A set phrase
    // right before the number is a noun there (慰问困难职工1200余人: jieba
    // tags 困难职工 `l`).
    let set_phrase_head = words
        .last()
        .is_some_and(|(w, t)| matches!(*t, "l" | SET_NOUN) && w.chars().count() >= 3);
    if !EVENT_UNITS.contains(&f.unit) && !set_phrase_head && !words.iter().any(|(_, t)| nounish(t))
    {
        return None;
    }
    // 参加培训的党员占比达95%: a share of the things a clause picks out
    // names the clause (as 95%的党员参加培训 does, see [`share_after`]).
    if ratio
        && matches!(f.unit, "%" | "‰")
        && let Some(&(first, _)) = words.first()
        && offset_in(text, first).is_some_and(|o| text[..o].ends_with('的'))
    {
        let clause: String = window.chars().filter(|c| !is_quote_char(*c)).collect();
        let clause = clause.strip_prefix("其中").unwrap_or(&clause);
        if (4..=SHARE_PREDICATE_MAX).contains(&clause.chars().count())
            && !clause.contains(|c: char| c.is_ascii_digit())
        {
            return Some(format!("{clause}占比"));
        }
    }
    let ws: Vec<&str> = listed.iter().chain(&words).map(|(w, _)| *w).collect();
    // A list of what is counted keeps more of its items than a phrase does
    // of its modifiers.
    let cap = if enumerated && !listed.is_empty() {
        20
    } else {
        12
    };
    // A one-character object is a unit (20—40万元的村35个), never a piece.
    let object = join_object_within(&ws, true, cap)
        .filter(|o| o.chars().count() >= 2 || PLACE_UNITS.contains(&o.as_str()))?;
    Some(if ratio && matches!(f.unit, "%" | "‰") {
        format!("{object}占比")
    } else {
        object
    })
}

/// Words for sums of money that jieba tags as verbs: the object of a sum
/// when they come last before it.
const MONEY_WORDS: &[&str] = &[
    "收入", "增收", "创收", "捐款", "结算", "收益", "支出", "投资", "补贴", "奖励", "融资", "营收",
    "分红", "贷款", "补助", "缴纳",
];

/// The subject phrase at the end of `tags`, read backwards from the
/// number: nouns, a verb inside a compound, a negation before it (see
/// [`object_before`]). Also says whether it took every word of `tags`.
fn subject_phrase<'a>(tags: &[(&'a str, &'a str)]) -> (Vec<(&'a str, &'a str)>, bool) {
    let mut words: Vec<(&'a str, &'a str)> = Vec::new();
    let mut i = tags.len();
    while i > 0 && words.len() < 5 {
        let (w, tag) = tags[i - 1];
        if scope_word(w) || tag == "ns" {
            break;
        }
        let prev_noun = i >= 2 && nounish(tags[i - 2].1);
        // 畅通率, 服务队: a one-character noun right after the verb.
        // (率 and 站 are tagged as verbs: any single character counts).
        let before_suffix =
            w.chars().count() > 1 && words.last().is_some_and(|(n, _)| makes_noun_of_verb(n));
        // 培育党员致富带头人: a predicate verb stays one when jieba tags it
        // a verbal noun (not 发展, which mostly modifies: 发展对象, 发展资金).
        if tag == "vn"
            && w != "发展"
            && !words.is_empty()
            && !before_suffix
            && PREDICATE_VERBS.contains(&w)
        {
            break;
        }
        let ok = phrase_word(w, tag)
            // The event itself (走访, 集中宣讲) or a verb inside a compound
            // (消防通道畅通率, 扶贫资金); a verb that sets up or holds what
            // is counted is the predicate, not part of it (组建党员志愿服务队
            // 335支 counts 党员志愿服务队), except before a suffix (组建率).
            || (matches!(tag, "v" | "vn")
                && (words.is_empty() || before_suffix || (prev_noun && words.len() < 3))
                && (words.is_empty() || before_suffix || !PREDICATE_VERBS.contains(&w)))
            || (NOUN_JOINERS.contains(&w) && !words.is_empty() && prev_noun);
        if !ok {
            break;
        }
        words.push((w, tag));
        i -= 1;
    }
    // 不在编人员, 未脱贫户: a negation before the phrase is part of it.
    if !words.is_empty() && i > 0 && matches!(tags[i - 1].0, "不" | "未" | "非") {
        words.push(tags[i - 1]);
    }
    words.reverse();
    // An aside glosses the word before it.
    while words.first().is_some_and(|(_, t)| *t == ASIDE) {
        words.remove(0);
    }
    // The phrase starts with a noun or an adjective unless it is the event.
    let whole = i == 0;
    // A verb with a one-character suffix after it is one noun (办结率).
    while words.len() > 1
        && words.first().is_some_and(|(_, t)| matches!(*t, "v" | "c"))
        && !makes_noun_of_verb(words[1].0)
    {
        words.remove(0);
    }
    (words, whole)
}

/// The list items before a subject phrase that starts at `at` after 、
/// (退休干部、网格员、楼栋长等36人), pushed onto `out` in text order with
/// their marks: each a noun phrase without a number, the first one after
/// its verb (吸纳党员骨干).
fn listed_before<'a>(body: &'a Body, mut at: usize, out: &mut Vec<(&'a str, &'a str)>) {
    let text = body.text.as_str();
    for _ in 0..4 {
        let Some(mark) = text[..at].strip_suffix('、').map(str::len) else {
            return;
        };
        let from = body
            .marks
            .back_to(text, Ends::Phrase, mark, window::SENTENCE);
        let item = &text[from..mark];
        if item.is_empty()
            || item.chars().count() > 10
            || item.contains(|c: char| c.is_ascii_digit())
        {
            return;
        }
        let tags = object_tags(body, from, mark);
        let (words, whole) = subject_phrase(&tags);
        // An item is a noun phrase, or a set phrase ending in a noun (退役军人).
        if !words.iter().any(|(_, t)| nounish(t) || *t == SET_NOUN) {
            return;
        }
        let mut item_words = words;
        item_words.push((&text[mark..at], "x"));
        item_words.append(out);
        *out = item_words;
        if !whole {
            return;
        }
        at = from;
    }
}

/// Words that end a clause naming an event as a time scope: 活动开展以来,
/// 疫情防控期间, 项目建设过程中.
const SCOPE_ENDS: &[&str] = &["以来", "期间", "过程中", "伊始"];

/// [`SCOPE_ENDS`] in one automaton with standard semantics: its first match
/// is the one that ends first, where a clause's scope ends.
static SCOPE_END: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Unreachable on any input: a fixed list of literals always builds.
    AhoCorasick::new(SCOPE_ENDS).expect("literal patterns build")
});

/// Prepositions and connectives before a scope, not part of the period
/// (特别是党的十八大以来); a scope after 在 starts after it (在疫情期间).
const SCOPE_PREPOSITIONS: &[&str] = &["特别是", "尤其是", "于", "从", "自从", "是"];

/// How far a period expression holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
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
type Period = (usize, usize, Reach);

/// The scope a clause names: its (start, end), and the end of the stretch
/// of the clause whose own [`PERIOD`] matches give way to it.
type Scope = (usize, usize, usize);

/// The [`PERIOD`] matches in `text[from..to]`, pushed onto `out`.
fn period_matches(text: &str, from: usize, to: usize, out: &mut Vec<Period>) {
    out.extend(
        PERIOD
            .find_iter(&text[from..to])
            .filter(|m| !m.as_str().is_empty())
            .map(|m| {
                let reach = if m.as_str().starts_with(['比', '较', '同', '环']) {
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

/// The scope a clause names, if it is one: the clause up to its first scope
/// word, the whole clause (集中整治行动以来,) or a short head
/// (疫情期间成立临时党组织); `clause` starts at byte `at` of the text.
fn clause_scope(clause: &str, at: usize) -> Option<Scope> {
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
    // 发生在今年春节期间 → 今年春节期间: the scope starts after 在.
    if let Some(p) = head.rfind('在') {
        head = &head[p + '在'.len_utf8()..];
    }
    for p in SCOPE_PREPOSITIONS {
        if let Some(r) = head.strip_prefix(p) {
            head = r;
            break;
        }
    }
    let n = head.chars().count();
    let limit = if end == clause.len() { 16 } else { 10 };
    let start = at + (end - head.len());
    (4..=limit)
        .contains(&n)
        .then_some((start, start + head.len(), at + end))
}

/// Adds a clause's scope to `out`: the clause's own matches inside the
/// scope give way to it (2017年 … 开展以来 is one period).
fn add_scope(out: &mut Vec<Period>, clause_at: usize, (s, e, cut): Scope) {
    out.retain(|(m, _, _)| *m < clause_at || *m >= cut);
    out.push((s, e, Reach::Sentence));
}

/// The period expressions in `text[from..to]`, sorted by start: the
/// [`PERIOD`] matches, and clauses that end in 以来/期间/… and are short
/// enough to be a scope (集中整治行动以来). A clause cut off by `to` is read
/// as it stands.
fn periods_in(text: &str, from: usize, to: usize) -> Vec<Period> {
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
struct SentencePeriods {
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
/// claim's own clause (较一季度提升7.9个百分点), else the nearest period
/// expression before it in its sentence, else the first one in the first
/// sentence of its paragraph — a scope stated once at the head of a
/// paragraph holds for the claims after it.
///
/// `sentence` is the claim's sentence (start, end). The claims of one
/// sentence share its periods and its paragraph head through `memo` instead
/// of reading them again.
fn period_for(
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
    let found = sentence.before(text, at);
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
    if let Some(&(s, e, _)) = scope.or_else(duration) {
        return Some(clean_period(&text[s..e]));
    }
    let para_s = body.paragraph_start(sent_s);
    if para_s < sent_s {
        if memo.lead.0 != Some((para_s, sent_s)) {
            let p = periods_in(text, para_s, sent_s)
                .into_iter()
                .rev()
                .find(|(_, _, r)| *r == Reach::Sentence)
                .map(|(s, e, _)| clean_period(&text[s..e]));
            memo.lead = LeadPeriod(Some((para_s, sent_s)), p);
        }
        return memo.lead.1.clone();
    }
    None
}

/// What [`period_for`] keeps from one claim to the next: the periods of the
/// sentence it last read, and its last paragraph-head answer.
#[derive(Default)]
struct PeriodMemo {
    sentence: Option<SentencePeriods>,
    lead: LeadPeriod,
}

/// The period found in a paragraph before a sentence, and the stretch
/// (paragraph start, sentence start) it was read from.
#[derive(Default)]
struct LeadPeriod(Option<(usize, usize)>, Option<String>);

// A year right after a count, naming the year of what is counted:
// 100个2023年度示范党组织.
static_regex!(YEAR_AFTER, r"^(?:19|20)[0-9]{2}年度?");

/// The year of what a count counts, when it follows the measure word and
/// the sentence states no period before it (命名100个2023年度示范党组织).
fn year_after(text: &str, at: usize) -> Option<String> {
    YEAR_AFTER
        .find(text.get(at..)?)
        .map(|m| m.as_str().to_string())
}

fn clean_period(s: &str) -> String {
    s.trim_end_matches([',', '，'])
        .trim_matches(['“', '”', '"'])
        .to_string()
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

    /// [`SentencePeriods::before`] at every point of `text` is
    /// [`periods_in`] from the start to there.
    fn check_sentence_periods(text: &str) -> Result<(), TestCaseError> {
        let table = SentencePeriods::new(text, 0, text.len());
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            prop_assert_eq!(table.before(text, at), periods_in(text, 0, at), "at {}", at);
        }
        Ok(())
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

    fn vals(text: &str) -> Vec<(f64, String, Option<Approx>)> {
        extract_text(text)
            .into_iter()
            .map(|c| (c.value, c.unit, c.approx))
            .collect()
    }

    #[test]
    fn not_claims() {
        for t in [
            "2019年7月9日,习近平总书记发表“7·9”重要讲话。",
            "5年来,工作成效显著。每年至少全脱产一周5个工作日。",
            "落实“139”“439”行动,形成“1+N”品牌矩阵。",
            "依据〔2020〕26号文件,拨打12345热线。",
            "第3次会议在A02版刊登。连续在外审计5个多月。",
            "一是机关创品牌,二是支部创红旗。",
        ] {
            assert!(vals(t).is_empty(), "{t}: {:?}", vals(t));
        }
    }

    #[test]
    fn approximations_and_ranges() {
        assert_eq!(
            vals("解决困难事项8000多件,接种率达到95%以上,约3至5个,不足10人。"),
            [
                (8000.0, "件".to_string(), Some(Approx::Over)),
                (95.0, "%".to_string(), Some(Approx::Over)),
                (3.0, "个".to_string(), Some(Approx::About)),
                (10.0, "人".to_string(), Some(Approx::Under)),
            ]
        );
        let c = extract_text("约3至5个");
        assert_eq!(c[0].value_max, Some(5.0));
    }

    #[test]
    fn chinese_numerals_and_percent() {
        assert_eq!(
            vals("上百家单位的3000余名党员,百分之三十的群众,两万多名干部"),
            [
                (100.0, "家".to_string(), Some(Approx::Over)),
                (3000.0, "名".to_string(), Some(Approx::Over)),
                (30.0, "%".to_string(), None),
                (20000.0, "名".to_string(), Some(Approx::Over)),
            ]
        );
    }

    #[test]
    fn traditional_surface() {
        let c = extract_text("今年共有5.1萬名黨員干部參加入列輪值");
        assert_eq!(c[0].text, "5.1萬名");
        assert_eq!(c[0].value, 51000.0);
    }

    #[test]
    fn percentage_points_and_money() {
        let v = vals("较一季度提升7.9个百分点,二产增加值达236.30亿元");
        assert_eq!(v[0].0, 7.9);
        assert_eq!(v[0].1, "百分点");
        assert_eq!(v[1].0, 23630000000.0);
        assert_eq!(v[1].1, "元");
    }

    #[test]
    fn measure_words_from_the_unit_list() {
        let v = vals(
            "村里85岁的老党员说,今年新装路灯36盏,整合120路视频监控,清运垃圾8车,全村1200口人,建成220千伏变电站,养殖肉牛300头。",
        );
        let units: Vec<&str> = v.iter().map(|(_, u, _)| u.as_str()).collect();
        assert_eq!(units, ["岁", "盏", "路", "车", "口", "千伏", "头"]);
        // Names and addresses are not counts.
        assert!(vals("乘坐3路公交到幸福小区8栋,走进1车间。").is_empty());
    }

    #[test]
    fn space_between_number_and_unit() {
        let v = vals("召开会议 12 次,为 560 名党员建档,2022 年投入 15 万元。");
        assert_eq!(
            v,
            [
                (12.0, "次".to_string(), None),
                (560.0, "名".to_string(), None),
                (150000.0, "元".to_string(), None),
            ]
        );
        let c = extract_text("收入突破 10 万元");
        assert_eq!(c[0].approx, Some(Approx::Over));
    }

    #[test]
    fn round_counts_with_a_bare_magnitude() {
        assert_eq!(
            vals(
                "近千名志愿者、百余名党员参加,万名党员进网格,累计投入超亿元,增收30余万元,集体收入200多万元。"
            ),
            [
                (1000.0, "名".to_string(), Some(Approx::About)),
                (100.0, "名".to_string(), Some(Approx::Over)),
                (10000.0, "名".to_string(), None),
                (100000000.0, "元".to_string(), Some(Approx::Over)),
                (300000.0, "元".to_string(), Some(Approx::Over)),
                (2000000.0, "元".to_string(), Some(Approx::Over)),
            ]
        );
        // Campaign names in quotes and set phrases are not counts.
        assert!(vals("开展“百名干部进千企”活动,服务千家万户。").is_empty());
    }

    #[test]
    fn range_with_magnitude_on_the_upper_end() {
        let c = extract_text("每个项目给予5—20万元奖励");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].value, 50000.0);
        assert_eq!(c[0].value_max, Some(200000.0));
        assert_eq!(c[0].unit, "元");
    }

    #[test]
    fn quoted_names_ending_in_a_unit() {
        assert!(vals("实现三个“100%”目标,出台“惠企政策30条”。").is_empty());
        assert_eq!(vals("“全村100户”的承诺兑现了,参与率达100%。").len(), 1);
    }

    /// The objects of the claims of `text`.
    fn objects(text: &str) -> Vec<Option<String>> {
        extract_text(text).into_iter().map(|c| c.object).collect()
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

    #[test]
    fn objects_that_are_lists() {
        assert_eq!(
            objects("组织120名党员、干部参加培训。"),
            [Some("党员、干部".to_string())]
        );
        assert_eq!(
            objects("来自8个省、市、自治区的120名队员参赛。")[0].as_deref(),
            Some("省、市、自治区")
        );
        // An item with a number of its own is a claim, not an item.
        assert_eq!(
            objects("帮扶30户群众、解决问题50个。")[0].as_deref(),
            Some("群众")
        );
        assert_eq!(
            objects("建成12个服务站、活动室近两百个。")[0].as_deref(),
            Some("服务站")
        );
        // A list too long for an object ends on the last noun that fits in
        // twelve characters.
        let long = objects("走访300家企业、个体工商户和农民专业合作社。")[0]
            .clone()
            .unwrap();
        assert!(
            long.starts_with("企业、个体工商户") && long.chars().count() <= 12,
            "{long}"
        );
        assert_eq!(
            objects("造船15万吨散货船、大型集装箱船。")[0].as_deref(),
            Some("散货船、大型集装箱船")
        );
    }

    #[test]
    fn set_phrases_and_negations_before_the_number() {
        // jieba tags 困难职工 as a set phrase (`l`).
        assert_eq!(
            objects("慰问困难职工1200余人。"),
            [Some("困难职工".to_string())]
        );
        // The negation is part of what is counted.
        assert_eq!(
            objects("收缴不合格产品4吨。"),
            [Some("不合格产品".to_string())]
        );
    }

    #[test]
    fn a_noun_after_a_short_relative_clause() {
        assert_eq!(
            objects("村里有12个新落成的温室大棚,全部投用。"),
            [Some("新落成的温室大棚".to_string())]
        );
        assert_eq!(
            objects("建成5个社区级服务站点。"),
            [Some("社区级服务站点".to_string())]
        );
        // A position or a dimension is no clause about what is counted, and
        // people counted by 人 are who did it.
        assert_eq!(objects("远在1750公里之外的考察站。"), [None]);
        assert_eq!(objects("新建56米长的渡槽。"), [None]);
        assert_eq!(objects("举行了3000人参加的长跑比赛。"), [None]);
    }

    #[test]
    fn bracketed_asides_inside_objects() {
        assert_eq!(
            objects("社区志愿者(义工)3.2万人。"),
            [Some("社区志愿者(义工)".to_string())]
        );
        assert_eq!(
            objects("选派25个乡镇(街道)领导班子成员。"),
            [Some("乡镇(街道)领导班子成员".to_string())]
        );
        // Not inside a verb: 新(改)建 is no noun with a gloss.
        assert_eq!(objects("新(改)建公厕9座。"), [Some("公厕".to_string())]);
    }

    #[test]
    fn a_clause_without_a_subject_carries_the_one_before() {
        assert_eq!(
            objects("全县工业产值达12亿元,同比增长8%,较上年提升3个百分点。"),
            [
                Some("工业产值".to_string()),
                Some("工业产值增长".to_string()),
                Some("工业产值增长提升".to_string()),
            ]
        );
        assert_eq!(
            objects("党员900名,其中女党员600名,占66%。"),
            [
                Some("党员".to_string()),
                Some("女党员".to_string()),
                Some("女党员占比".to_string()),
            ]
        );
        assert_eq!(
            objects("9000多名党员干部沉入社区,其中6000多名还参与志愿服务。"),
            [Some("党员干部".to_string()), Some("党员干部".to_string())]
        );
        // Only within the sentence; a verb between subject and number
        // (完成, 实现) is not part of the subject.
        assert_eq!(
            objects("税收收入完成12亿元。增长9%。"),
            [Some("税收收入".to_string()), None]
        );
    }

    #[test]
    fn objects_of_general_shapes() {
        // A verb inside a compound noun after the measure word.
        assert_eq!(
            objects("镇里组成6支宣讲队,走进村组。"),
            [Some("宣讲队".to_string())]
        );
        // Quotation marks inside the phrase are transparent.
        assert_eq!(
            objects("共组建8支“红色管家”服务队。"),
            [Some("红色管家服务队".to_string())]
        );
        // Two nouns joined by 和; a single-character noun.
        assert_eq!(
            objects("先后走访40个村和社区。"),
            [Some("村和社区".to_string())]
        );
        assert_eq!(objects("全乡63个村完成换届。"), [Some("村".to_string())]);
        // Before the number: a rate, an event counted by its verb.
        assert_eq!(
            objects("垃圾分类准确率达87%。"),
            [Some("垃圾分类准确率".to_string())]
        );
        assert_eq!(
            objects("今年累计走访300余人次。"),
            [Some("走访".to_string())]
        );
        // Households and people of a place; the second count shares the
        // first one's subject.
        assert_eq!(
            objects("全村412户1530人。"),
            [Some("全村户数".to_string()), Some("全村人口".to_string())]
        );
        // A short bracketed aside after the phrase belongs to it.
        assert_eq!(objects("走访了6个县(区)。"), [Some("县(区)".to_string())]);
    }

    #[test]
    fn objects_of_changes_sums_and_people() {
        // A change from one figure to another: both are the subject's, each
        // with its own year.
        assert_eq!(
            objects("户均年收入由2019年的3.2万元增加到今年的5.6万元。"),
            [
                Some("户均年收入".to_string()),
                Some("户均年收入".to_string())
            ]
        );
        // A predicate verb jieba tags as a verbal noun (培育, 培训) is still
        // the predicate.
        assert_eq!(
            objects("全县共培育农村致富带头人860名。"),
            [Some("农村致富带头人".to_string())]
        );
        // A transitive verb between an agency and the sum is what the agency
        // did with it.
        assert_eq!(
            objects("县财政局统筹安排奖补资金600万元。"),
            [Some("奖补资金".to_string())]
        );
        // People counted by 人 are named before the number, listed item by
        // item (a set phrase is an item), not by what they did after it.
        assert_eq!(
            objects("招募网格员、退役军人、志愿者等800余人参与巡查。"),
            [Some("网格员、退役军人、志愿者".to_string())]
        );
        // Words the dictionary tags as places (满意度) or splits (驻村干部).
        assert_eq!(
            objects("全区选派驻村干部120名,群众满意度达96%。"),
            [Some("驻村干部".to_string()), Some("群众满意度".to_string())]
        );
    }

    #[test]
    fn rates_cases_and_typical_examples() {
        // A rate named by a verb and its suffix (jieba tags 率 a verb).
        assert_eq!(
            objects("已整改问题120个,整改率达到96.5%。"),
            [Some("问题".to_string()), Some("整改率".to_string())]
        );
        // Cases counted by 起 and 例.
        let c = extract_text("共查处侵害群众利益问题57起,发现输入病例4例。");
        let units: Vec<&str> = c.iter().map(|c| c.unit.as_str()).collect();
        assert_eq!(units, ["起", "例"]);
        // 选树 is a verb of report language, not a piece of the object.
        assert_eq!(
            objects("各镇共选树身边典型86个。"),
            [Some("身边典型".to_string())]
        );
    }

    #[test]
    fn chinese_counts_with_an_approximation_inside_and_repeated_units() {
        let c = extract_text("惠及群众十余万人,投入一百多万元,近百分之八十的村参与。");
        let got: Vec<(f64, &str, Option<Approx>)> = c
            .iter()
            .map(|c| (c.value, c.unit.as_str(), c.approx))
            .collect();
        assert_eq!(
            got,
            [
                (100_000.0, "人", Some(Approx::Over)),
                (1_000_000.0, "元", Some(Approx::Over)),
                (80.0, "%", Some(Approx::About)),
            ]
        );
        // A range that repeats its unit is one claim; 均在 links it.
        let c = extract_text("去年,试点村集体经济收入均在8万元至15万元之间。");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].value, c[0].value_max), (80_000.0, Some(150_000.0)));
        assert_eq!(c[0].object.as_deref(), Some("试点村集体经济收入"));
    }

    #[test]
    fn shares_of_a_whole_and_comparisons() {
        assert_eq!(
            objects("全县GDP同比增长6.5%,增速高于全省平均水平0.8个百分点。"),
            [Some("GDP".to_string()), Some("增速".to_string())]
        );
        assert_eq!(
            objects("女党员占党员总数的31.2%,少数民族党员占9.8%。"),
            [
                Some("女党员占比".to_string()),
                Some("少数民族党员占比".to_string())
            ]
        );
        // A share whose subject the clause leaves unsaid is its subject's.
        assert_eq!(
            objects("全市有专业技术人员1200余人,占职工总数的25%。"),
            [
                Some("专业技术人员".to_string()),
                Some("专业技术人员占比".to_string())
            ]
        );
        // 占道 names no share.
        let o = objects("违规占道经营现象减少80%。");
        assert!(
            o[0].as_deref().is_some_and(|o| !o.contains("占比")),
            "{o:?}"
        );
    }

    #[test]
    fn figures_given_respectively() {
        assert_eq!(
            objects("截至9月底,全县党员和党组织分别达到2.8万名和960个,较上年分别增长3.1%和2.4%。"),
            [
                Some("党员".to_string()),
                Some("党组织".to_string()),
                Some("党员增长".to_string()),
                Some("党组织增长".to_string()),
            ]
        );
    }

    #[test]
    fn a_verb_with_a_count_noun_is_one_noun() {
        assert_eq!(
            objects("全年参观人数突破12万人次,比上年增加1.5万人次。"),
            [
                Some("参观人数".to_string()),
                Some("参观人数增加".to_string())
            ]
        );
    }

    #[test]
    fn the_part_dealt_with() {
        assert_eq!(
            objects("共梳理群众诉求530件,已办结498件。"),
            [
                Some("群众诉求".to_string()),
                Some("已办结群众诉求".to_string())
            ]
        );
    }

    #[test]
    fn objects_stop_at_their_predicate() {
        // A quoted name is one word of the phrase, whatever jieba makes of
        // its inside (a verb, a numeral).
        assert_eq!(
            objects("全县推行36个“书记点题”项目。"),
            [Some("书记点题项目".to_string())]
        );
        assert_eq!(
            objects("建成12个“15分钟”便民服务中心。"),
            [Some("15分钟便民服务中心".to_string())]
        );
        // A light verb starts the predicate even before a one-character
        // noun.
        assert_eq!(
            objects("推动40个社区进行结对帮扶。"),
            [Some("社区".to_string())]
        );
        // Report verbs the dictionary tags as nouns (重温) or lacks (齐聚)
        // end the phrase.
        assert_eq!(
            objects("会上,150名新党员重温入党誓词。"),
            [Some("新党员".to_string())]
        );
        assert_eq!(
            objects("来自各地的300余名代表齐聚省城。"),
            [Some("代表".to_string())]
        );
        // A word before an aspect particle is a verb (参观 is a noun to
        // the dictionary); a set phrase ending in a noun is a noun phrase
        // (与会代表), but not the end of a longer one (自谋职业).
        assert_eq!(
            objects("会议期间,200余名与会代表参观了展馆。"),
            [Some("与会代表".to_string())]
        );
        assert_eq!(
            objects("帮助50名留守妇女自谋职业。"),
            [Some("留守妇女".to_string())]
        );
        // A distinguishing word after a noun, before no noun, starts the
        // predicate.
        assert_eq!(
            objects("区里选派42名干部驻村指导。"),
            [Some("干部".to_string())]
        );
        // A passive verb modifies the noun after it.
        assert_eq!(
            objects("督促40个被巡察单位完成整改。"),
            [Some("被巡察单位".to_string())]
        );
    }

    #[test]
    fn lists_and_sums_before_the_number() {
        // A list before the number, back to the first item after its verb.
        assert_eq!(
            objects("吸纳退休干部、网格员、楼栋长等36人。"),
            [Some("退休干部、网格员、楼栋长".to_string())]
        );
        // A sum from one value to another names the same subject twice.
        assert_eq!(
            objects("合作社年收益从不足3万元达到6万元以上。"),
            [
                Some("合作社年收益".to_string()),
                Some("合作社年收益".to_string())
            ]
        );
        // What the subject did with a sum is not part of it; a word of
        // money is (集体经济收入).
        assert_eq!(objects("县财政拨出500万元。"), [Some("县财政".to_string())]);
        assert_eq!(
            objects("村集体经济收入达80万元。"),
            [Some("村集体经济收入".to_string())]
        );
    }

    #[test]
    fn a_share_named_before_its_number() {
        // A share names its ratio.
        assert_eq!(
            objects("全县四星级党支部占比达42.5%。"),
            [Some("四星级党支部占比".to_string())]
        );
        // The things a clause picks out: the clause is the share's name.
        assert_eq!(
            objects("其中,参加过系统培训的党员占比为88%。"),
            [Some("参加过系统培训的党员占比".to_string())]
        );
        // A rate is named as it stands.
        assert_eq!(
            objects("群众满意率达98.6%。"),
            [Some("群众满意率".to_string())]
        );
    }

    #[test]
    fn counts_of_administrative_units() {
        // Two counts of units share the noun after the second.
        assert_eq!(
            objects("培训12个乡镇、160个村党组织书记。"),
            [
                Some("乡镇党组织书记".to_string()),
                Some("村党组织书记".to_string())
            ]
        );
        // A threshold after the phrase is reached by each unit counted.
        assert_eq!(
            objects("全区96个村集体经济收入全部达15万元以上。"),
            [Some("村".to_string()), Some("村集体经济收入".to_string())]
        );
        // Without one the whole phrase is counted.
        assert_eq!(
            objects("全市50个村党组织书记参加培训。"),
            [Some("村党组织书记".to_string())]
        );
    }

    #[test]
    fn shares_of_things_named_after_the_number() {
        // What is said of the things is part of their share.
        assert_eq!(
            objects("其中86%的工程项目已完工。"),
            [Some("已完工的工程项目占比".to_string())]
        );
        // A share of villages whose attribute passes a threshold: the
        // village is counted, the threshold is said of its income.
        assert_eq!(
            objects("全镇70%以上的村集体经济收入超过20万元。")[0],
            Some("集体经济收入超过20万元的村占比".to_string())
        );
        // Without a threshold the whole noun phrase is counted.
        assert_eq!(
            objects("85%的社区居民参加了义诊活动。"),
            [Some("参加了义诊活动的社区居民占比".to_string())]
        );
        // Nothing more said: the things' share.
        assert_eq!(
            objects("覆盖全市92%的党员。"),
            [Some("党员占比".to_string())]
        );
        // A subject before the number comes first.
        assert_eq!(
            objects("党员参与率达到96%的水平。"),
            [Some("党员参与率".to_string())]
        );
    }
}
