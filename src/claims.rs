//! Stage 4a: numeric claims — "1.35万名机关党员", "占比达30.7%", "3000余名".
//!
//! A claim is a number with a unit or measure word that states a quantity.
//! [`extract`] finds them on normalized text (so `5.1萬名` and `１２３名` work)
//! and types each one:
//!
//! | field | example | how |
//! |---|---|---|
//! | `value` | 13500 | [`crate::numerals`], 万/亿 folded in, exact decimals |
//! | `value_max` | 5 in 3至5个 | ranges with 至, 到, —, -, ~ |
//! | `unit` | 名, 元, %, 百分点 | the measure word, normalized (万元 → 元, 个百分点 → 百分点, ％ → %) |
//! | `approx` | over / about / under | 余 多 以上 超过 逾 突破 上百 … / 约 近 左右 … / 不到 不足 以下 … |
//! | `object` | 机关党员 | the noun phrase after the measure word, or before the number when the clause ends with it (组建党员志愿服务队335支) |
//! | `indicator` | community_service | the first matching rule of `data/indicators.tsv` |
//! | `period` | 5年来 | the time scope in force in the sentence (or at the head of its paragraph) |
//! | `span` | | byte range in the original text |
//!
//! Not claims: dates and times; quantities of time (5年来, 3个月, 5个工作日:
//! they give periods instead); ordinals (第3, A02版); document numbers
//! (〔2020〕26号); numbers inside names and formulations (“139”行动, 1+N,
//! “7·9”讲话, 12345热线, 三会一课); list markers (一是, (一)); page, edition
//! and phone numbers. Chinese-numeral quantities are taken only where they are
//! unambiguous: with a hundred-or-larger unit and a digit (一百二十名, 两万多人),
//! 上百/上千/上万/数百 … (approximate), 百分之…, 千分之….
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

use serde::{Deserialize, Serialize, Serializer};

use crate::analysis::Body;
use crate::formulations::Formulation;
use crate::numerals::{self, Decimal};
use crate::segment::Segmenter;

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

fn classify(unit: &str, object: Option<&str>, clause: &str) -> String {
    for r in indicators() {
        let unit_ok = r.units.is_empty() || r.units.iter().any(|u| u == unit);
        let obj_ok = r.object.is_empty()
            || object.is_some_and(|o| r.object.iter().any(|w| o.contains(w.as_str())));
        let clause_ok = r.clause.is_empty() || r.clause.iter().any(|w| clause.contains(w.as_str()));
        if unit_ok && obj_ok && clause_ok {
            return r.id.clone();
        }
    }
    "count".to_string()
}

/// Measure words and units, longest first within each shared prefix; the
/// second field is the canonical unit.
const UNITS: &[(&str, &str)] = &[
    ("个百分点", "百分点"),
    ("百分点", "百分点"),
    ("平方公里", "平方公里"),
    ("平方米", "平方米"),
    ("立方米", "立方米"),
    ("公里", "公里"),
    ("千米", "千米"),
    ("公顷", "公顷"),
    ("千克", "千克"),
    ("公斤", "公斤"),
    ("美元", "美元"),
    ("欧元", "欧元"),
    ("人民币", "元"),
    ("块钱", "元"),
    ("人次", "人次"),
    ("户次", "户次"),
    ("家次", "家次"),
    ("条次", "条次"),
    ("件次", "件次"),
    ("场次", "场次"),
    ("批次", "批次"),
    ("架次", "架次"),
    ("大类", "大类"),
    ("%", "%"),
    ("‰", "‰"),
    ("名", "名"),
    ("人", "人"),
    ("位", "位"),
    ("户", "户"),
    ("个", "个"),
    ("支", "支"),
    ("家", "家"),
    ("所", "所"),
    ("座", "座"),
    ("处", "处"),
    ("栋", "栋"),
    ("间", "间"),
    ("套", "套"),
    ("台", "台"),
    ("辆", "辆"),
    ("艘", "艘"),
    ("部", "部"),
    ("本", "本"),
    ("册", "册"),
    ("份", "份"),
    ("张", "张"),
    ("幅", "幅"),
    ("块", "块"),
    ("条", "条"),
    ("项", "项"),
    ("件", "件"),
    ("批", "批"),
    ("类", "类"),
    ("种", "种"),
    ("期", "期"),
    ("场", "场"),
    ("次", "次"),
    ("轮", "轮"),
    ("篇", "篇"),
    ("封", "封"),
    ("首", "首"),
    ("门", "门"),
    ("堂", "堂"),
    ("节", "节"),
    ("班", "班"),
    ("组", "组"),
    ("队", "队"),
    ("团", "团"),
    ("元", "元"),
    ("吨", "吨"),
    ("亩", "亩"),
    ("米", "米"),
    ("斤", "斤"),
    ("倍", "倍"),
    ("成", "成"),
];

/// Time units: quantities of time are periods, not claims.
const TIME_UNITS: &[&str] = &[
    "年",
    "月",
    "日",
    "天",
    "周",
    "小时",
    "分钟",
    "秒",
    "工作日",
    "季度",
    "学期",
    "世纪",
    "岁",
    "号",
    "时",
    "点",
    "分",
    "星期",
    "礼拜",
    "年度",
    "届",
    "代",
    "晚",
    "夜",
    "旬",
    "载",
    "版",
    "楼",
    "层",
    "号线",
    "路",
    "线",
    "级",
];

fn unit_at(s: &str) -> Option<(&'static str, usize)> {
    // After 个, a time unit makes the whole a duration (3个月, 5个工作日).
    if let Some(rest) = s.strip_prefix('个')
        && TIME_UNITS
            .iter()
            .any(|t| rest.starts_with(t) && *t != "点" && *t != "分")
    {
        return None;
    }
    if let Some(rest) = s.strip_prefix("个多")
        && TIME_UNITS.iter().any(|t| rest.starts_with(t))
    {
        return None;
    }
    UNITS
        .iter()
        .find(|(u, _)| s.starts_with(u))
        .map(|(u, canon)| (*canon, u.len()))
}

fn is_time_unit_at(s: &str) -> bool {
    TIME_UNITS.iter().any(|t| s.starts_with(t))
}

// Arabic numbers with optional Chinese multipliers.
static_regex!(ARABIC, r"\d+(?:,\d{3})*(?:\.\d+)?(?:万亿|亿|万|千|百)?");
// Chinese numerals containing a unit of a hundred or more.
static_regex!(
    CHINESE,
    r"[零〇○一二两三四五六七八九十百千万亿]*[百千万亿][零〇○一二两三四五六七八九十百千万亿]*(?:点[零〇○一二三四五六七八九]+[万亿]?)?"
);
static_regex!(ROUND, r"(?:上|数|几|成)(?:十|百|千|万|十万|百万|千万|亿)");
static_regex!(
    PERCENT_CN,
    r"(百|千)分之([零〇○一二两三四五六七八九十百点]+)"
);
static_regex!(
    PERIOD,
    r"(?:截至|截止到?)(?:目前|今年|去年|(?:19|20)\d{2}年)(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?|截至目前|到(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末)|(?:近|过去)?(?:\d+|[一二两三四五六七八九十]+)(?:个)?多?年(?:来|以来)|(?:(?:19|20)\d{2}|今|去|前)年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[^,。;!?]{0,12}?)以来|(?:今年|去年|(?:19|20)\d{2}年)(?:\d{1,2}[—\-–~至到]\d{1,2}月|上半年|下半年|前三季度|[一二三四]季度|全年)|今年以来|近年来|近几年|(?:19|20)\d{2}年(?:度)?(?:[,，])|今年|去年"
);

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
    let body = Body {
        text: norm.text.clone(),
        map: norm.map.clone(),
    };
    extract(&body, text, &[], &Segmenter::default())
}

/// Claims of a document body (the pipeline's entry point).
pub fn extract_in_body(body: &Body, original: &str, formulations: &[Formulation]) -> Vec<Claim> {
    extract(body, original, formulations, &Segmenter::default())
}

/// Extracts the claims of a normalized body whose map points into
/// `original`. Numbers inside the mentions of `formulations` are skipped.
pub fn extract(
    body: &Body,
    original: &str,
    formulations: &[Formulation],
    seg: &Segmenter,
) -> Vec<Claim> {
    let text = body.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let overlaps =
        |taken: &[(usize, usize)], s: usize, e: usize| taken.iter().any(|&(a, b)| s < b && a < e);

    // 百分之三十, 千分之五.
    for c in PERCENT_CN.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if let Ok(v) = numerals::parse_chinese(&c[2]) {
            let unit = if &c[1] == "百" { "%" } else { "‰" };
            found.push(Found {
                start: m.start(),
                end: m.end(),
                value: v,
                value_max: None,
                unit,
                approx: None,
            });
            taken.push((m.start(), m.end()));
        }
    }
    // 上百家, 数千名: round approximate counts.
    for m in ROUND.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        let rest = &text[m.end()..];
        let rest = rest.strip_prefix('多').unwrap_or(rest);
        let Some((unit, _)) = unit_at(rest) else {
            continue;
        };
        let digits = &m.as_str()[m.as_str().char_indices().nth(1).map_or(0, |(i, _)| i)..];
        let Ok(v) = numerals::parse_chinese(&format!("一{digits}")) else {
            continue;
        };
        let ulen = UNITS
            .iter()
            .find(|(u, c)| *c == unit && rest.starts_with(u))
            .map_or(0, |(u, _)| u.len());
        let end = text.len() - rest.len() + ulen;
        found.push(Found {
            start: m.start(),
            end,
            value: v,
            value_max: None,
            unit,
            approx: Some(Approx::Over),
        });
        taken.push((m.start(), end));
    }
    for m in ARABIC.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        if let Some(f) = judge(text, m.start(), m.end(), true) {
            taken.push((f.start, f.end));
            found.push(f);
        }
    }
    for m in CHINESE.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        // A Chinese numeral needs a digit besides its units (一百二十, not 百).
        if !m.as_str().chars().any(|c| {
            numerals::chinese_digit(c).is_some_and(|d| d > 0) && !matches!(c, '零' | '〇' | '○')
        }) {
            continue;
        }
        if let Some(f) = judge(text, m.start(), m.end(), false) {
            taken.push((f.start, f.end));
            found.push(f);
        }
    }
    found.sort_by_key(|f| f.start);

    let mentions: Vec<[usize; 2]> = formulations
        .iter()
        .flat_map(|f| f.mentions.iter().copied())
        .collect();

    let mut claims = Vec::with_capacity(found.len());
    for f in found {
        let span = body.span(f.start, f.end);
        if mentions.iter().any(|m| span[0] < m[1] && m[0] < span[1]) {
            continue;
        }
        let (sent_s, sent_e) = sentence_bounds(text, f.start);
        let clause = clause_around(text, f.start, f.end);
        let object = object_of(text, &f, seg);
        let indicator = classify(f.unit, object.as_deref(), clause);
        let period = period_for(text, f.start);
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

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Decides whether the number at `text[s..e]` is a claim, and its extent.
fn judge(text: &str, s: usize, e: usize, arabic: bool) -> Option<Found> {
    let num = &text[s..e];
    let before = prev_char(text, s);
    let after = text[e..].chars().next();
    // Glued to letters or other numbers: codes, models, versions (A02, G20).
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-') {
        return None;
    }
    if before == Some('第') || before == Some('+') || before == Some('·') || before == Some('/') {
        return None;
    }
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
    let value = if arabic {
        numerals::parse(num).ok()?
    } else {
        numerals::parse_chinese(num).ok()?
    };

    let mut end = e;
    let mut approx = None;
    let mut value_max = None;
    let mut rest = &text[end..];
    // Ranges: 3至5个, 3—5个, 3-5个, 3~5个.
    for sep in ["至", "到", "—", "–", "-", "~", "～"] {
        if let Some(r) = rest.strip_prefix(sep)
            && let Some(m) = ARABIC.find(r)
            && m.start() == 0
            && arabic
        {
            let hi = numerals::parse(m.as_str()).ok()?;
            if hi.to_f64() < value.to_f64() {
                // 33至5: not a range (a typo or two numbers); the number alone.
                break;
            }
            value_max = Some(hi);
            end += sep.len() + m.end();
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
    if is_time_unit_at(rest) {
        return None;
    }
    let (unit, ulen) = unit_at(rest)?;
    end += ulen;
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
    for (w, a) in APPROX_SUFFIX {
        if rest.starts_with(w) {
            approx = Some(*a);
            end += w.len();
            break;
        }
    }
    // The unit must not be the start of a longer word that is not a
    // measure (个人 as in 个人信息 is still 个; 元旦 is a date).
    let after_unit = text[s..].get(end - s..).unwrap_or("");
    if unit == "元" && after_unit.starts_with('旦') {
        return None;
    }
    if unit == "人" && (after_unit.starts_with('民') || after_unit.starts_with('大')) && !arabic
    {
        return None;
    }
    // Approximation words before the number.
    let mut start = s;
    let head = &text[..s];
    for (w, a) in APPROX_PREFIX {
        if head.ends_with(w) {
            // 近 in 最近 / 附近 is not an approximation.
            let before_w = prev_char(text, s - w.len());
            if *w == "近" && before_w.is_some_and(|c| matches!(c, '最' | '附' | '将' | '接')) {
                continue;
            }
            if *w == "超" && before_w == Some('高') {
                continue;
            }
            approx = approx.or(Some(*a));
            start = s - w.len();
            break;
        }
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

const SENTENCE_END: &[char] = &['。', '!', '?', '！', '？', ';', '；', '\n'];
const CLAUSE_END: &[char] = &[
    '。', '!', '?', '！', '？', ';', '；', '\n', ',', '，', ':', '：',
];

fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let s = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| SENTENCE_END.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let e = text[at..]
        .char_indices()
        .find(|(_, c)| SENTENCE_END.contains(c))
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    (s, e)
}

fn clause_around(text: &str, s: usize, e: usize) -> &str {
    let a = text[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| CLAUSE_END.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let b = text[e..]
        .char_indices()
        .find(|(_, c)| CLAUSE_END.contains(c))
        .map_or(text.len(), |(i, _)| e + i);
    &text[a..b]
}

fn nounish(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nr" | "ns" | "nt" | "nz" | "vn" | "an" | "j" | "b" | "ng" | "nrt" | "nrfg" | "s"
    )
}

/// Objects are short noun phrases: at most three words and ten characters.
fn cap_object(parts: &[&str]) -> Option<String> {
    let mut obj = String::new();
    for p in parts.iter().take(3) {
        if obj.chars().count() + p.chars().count() > 10 {
            break;
        }
        obj.push_str(p);
    }
    (obj.chars().count() >= 2).then_some(obj)
}

/// Words between an object and its number (组建党员志愿服务队335支,
/// 占比达30.7%), stripped from the end of the text before the number,
/// longest first.
const LINKING: &[&str] = &[
    "同比增长",
    "占比达到",
    "占比达",
    "占比为",
    "已达到",
    "达到",
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
];

/// Words that end an object after the measure word.
const OBJECT_STOP: &[&str] = &[
    "全部", "全", "均", "都", "共", "等", "其中", "分别", "以上", "各",
];

/// The counted object: the noun phrase after the measure word, or, when the
/// measure word ends the clause, the one before the number.
fn object_of(text: &str, f: &Found, seg: &Segmenter) -> Option<String> {
    let jieba = seg.jieba();
    // After: up to the clause end, at most 16 characters.
    let after = &text[f.end..];
    let stop = after
        .char_indices()
        .find(|(_, c)| CLAUSE_END.contains(c) || matches!(c, '、' | '“' | '”' | '(' | ')' | '《'))
        .map_or(after.len(), |(i, _)| i);
    let window: String = after[..stop].chars().take(16).collect();
    if !window.is_empty() && f.unit != "%" && f.unit != "百分点" {
        let tags = jieba.tag(&window, false);
        let mut parts: Vec<&str> = Vec::new();
        let mut pending_adj: Vec<&str> = Vec::new();
        for t in tags.iter().take(4) {
            if OBJECT_STOP.contains(&t.word) {
                break;
            }
            if nounish(t.tag) {
                parts.append(&mut pending_adj);
                parts.push(t.word);
            } else if matches!(t.tag, "a" | "m") && !t.word.chars().any(|c| c.is_ascii_digit()) {
                pending_adj.push(t.word);
            } else {
                break;
            }
        }
        if let Some(obj) = cap_object(&parts) {
            return Some(obj);
        }
    }
    // Before: from the clause start to the number, linking words skipped.
    let before = &text[..f.start];
    let cstart = before
        .char_indices()
        .rev()
        .find(|(_, c)| CLAUSE_END.contains(c) || matches!(c, '、' | '“' | '”' | '(' | ')' | '》'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let window = &before[cstart..];
    let mut window = window;
    'strip: loop {
        for w in LINKING {
            if let Some(rest) = window.strip_suffix(w) {
                window = rest;
                continue 'strip;
            }
        }
        break;
    }
    let skip = window.chars().count().saturating_sub(20);
    let window: String = window.chars().skip(skip).collect();
    if window.is_empty() {
        return None;
    }
    let tags = jieba.tag(&window, false);
    let mut parts: Vec<&str> = Vec::new();
    let mut i = tags.len();
    while i > 0 && parts.len() < 4 {
        let t = &tags[i - 1];
        if nounish(t.tag) || (t.tag == "a" && !parts.is_empty()) {
            parts.push(t.word);
            i -= 1;
        } else {
            break;
        }
    }
    // Keep the words nearest the number.
    let keep: Vec<&str> = parts.iter().take(3).rev().copied().collect();
    let mut obj = String::new();
    for p in keep.iter().rev() {
        if obj.chars().count() + p.chars().count() > 10 {
            break;
        }
        obj.insert_str(0, p);
    }
    (obj.chars().count() >= 2).then_some(obj)
}

/// The period in force for a claim at `at`: the nearest period expression
/// before it in its sentence, else one at the head of its paragraph.
fn period_for(text: &str, at: usize) -> Option<String> {
    let (sent_s, _) = sentence_bounds(text, at);
    let in_sentence = PERIOD
        .find_iter(&text[sent_s..at])
        .filter(|m| !m.as_str().is_empty())
        .last()
        .map(|m| clean_period(m.as_str()));
    if in_sentence.is_some() {
        return in_sentence;
    }
    let para_s = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let (first_s, first_e) = (para_s, sentence_bounds(text, para_s).1.min(at));
    if first_s < first_e {
        return PERIOD
            .find_iter(&text[first_s..first_e])
            .find(|m| !m.as_str().is_empty())
            .map(|m| clean_period(m.as_str()));
    }
    None
}

fn clean_period(s: &str) -> String {
    s.trim_end_matches([',', '，']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
