//! The evidence for the division a document is about: each mention of a
//! division weighed by where it stands (title, lead, masthead) and by the
//! role words around it (aid received, an epitome, a dateline, a neighbour).

use std::collections::HashMap;

use super::{Gazetteer, Recognized, resolve_name, subject, towns};
use crate::page::PageMeta;
use crate::window;

const PAPER_SUFFIXES: &[&str] = &["日报", "晚报", "时报", "商报", "都市报", "报"];

/// What follows a place's name when the name belongs to a paper, a site or a
/// station (滨州日报, 滨州网讯): the source, not the subject.
pub(super) const MEDIA_AFTER: &[&str] = &[
    "日报",
    "晚报",
    "都市报",
    "商报",
    "时报",
    "报社",
    "报讯",
    "网讯",
    "新闻网",
    "电视台",
    "广播",
    "融媒",
];

/// What precedes a division named as receiving aid (帮扶澜沧县, 进驻连山县).
const AID_BEFORE: &[&str] = &[
    "帮扶", "支援", "援建", "援助", "挂钩", "进驻", "驻", "结对", "对口", "援",
];

/// Newspapers whose names do not name their division (`data/papers.tsv`:
/// a provincial party paper, a metropolitan daily), by name.
static PAPERS: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../data/papers.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, code)| (name.trim(), code.trim()))
            .filter(|(name, code)| !name.is_empty() && !code.is_empty())
            .collect()
    });

/// The division code of the paper a source or masthead token names, when
/// the paper's name does not name it (解放日报 → 上海市): the token is the
/// paper's name, or the paper's name followed by a word of the byline
/// (记者, 客户端 …).
fn paper_division(token: &str) -> Option<&'static str> {
    PAPERS
        .iter()
        .find(|(name, _)| {
            token.strip_prefix(name).is_some_and(|rest| {
                rest.is_empty()
                    || ["记者", "客户端", "网", "讯", "社"]
                        .iter()
                        .any(|w| rest.starts_with(w))
            })
        })
        .map(|(_, code)| *code)
}

/// The masthead or source paper's division (桂林日报 → 桂林市), from the
/// page's source and the tokens of its first lines (滨州日报/滨州网讯).
pub(super) fn masthead_place(
    g: &Gazetteer,
    norm: &crate::normalize::Normalizer,
    meta: &PageMeta,
    normalized_full: &str,
) -> Option<(usize, String)> {
    let sources: Vec<String> = meta.source.iter().map(|s| norm.normalize_text(s)).collect();
    // Every paper suffix ends in 报: a line without one names no paper, and
    // is not cut into tokens.
    let first_lines = normalized_full
        .lines()
        .take(12)
        .filter(|l| l.contains('报'))
        .flat_map(|l| {
            l.split(|c: char| {
                c.is_whitespace() || matches!(c, '/' | '|' | '•' | '·' | ':' | '：' | '(' | '（')
            })
        })
        .filter(|t| !t.is_empty());
    sources
        .iter()
        .map(String::as_str)
        .chain(first_lines)
        .find_map(|src| {
            if let Some(code) = paper_division(src) {
                return resolve_name(g, "", Some(code)).map(|i| (i, src.to_string()));
            }
            let stem = PAPER_SUFFIXES.iter().find_map(|s| src.strip_suffix(s))?;
            if stem.chars().count() < 2 || g.ordinary_word(stem) {
                return None;
            }
            resolve_name(g, stem, None).map(|i| (i, src.to_string()))
        })
        .or_else(|| {
            publisher_place(g, &sources, normalized_full)
                .map(|i| (i, format!("publisher {}", g.places[i].name)))
        })
}

/// The words by which a sentence calls something an example's epitome.
const EPITOME_WORDS: [&str; 2] = ["缩影", "写照"];

/// Where the words of [`EPITOME_WORDS`] stand in `text`, in order: rare, so
/// that most mentions are ruled out without reading their sentence.
fn epitome_words(text: &str) -> Vec<usize> {
    // `contains` is a vectorized search, `match_indices` a plain one: the
    // second runs only where the first found the word.
    let mut at: Vec<usize> = EPITOME_WORDS
        .iter()
        .filter(|w| text.contains(*w))
        .flat_map(|w| text.match_indices(w).map(|(i, _)| i))
        .collect();
    at.sort_unstable();
    at
}

/// Whether the division named at `at` is what an example stands for:
/// `…是铜仁市发展村级集体经济的一个缩影` (after 是 in a sentence that calls
/// something its 缩影 or 写照). `words`: [`epitome_words`] of `text`.
fn is_epitome_of(text: &str, words: &[usize], at: usize) -> bool {
    // The sentence lies within a window either side of `at`: without one of
    // the words there, it has none.
    let first = words.partition_point(|&w| w < at.saturating_sub(window::SENTENCE));
    if words.get(first).is_none_or(|&w| w >= at + window::SENTENCE) {
        return false;
    }
    let end_mark = |c: char| matches!(c, '。' | '!' | '?' | '\n');
    let start = window::back_to(text, at, end_mark, window::SENTENCE);
    let end = window::forward_to(text, at, end_mark, window::SENTENCE);
    let sentence = &text[start..end];
    let before = &text[start..at];
    EPITOME_WORDS.iter().any(|w| sentence.contains(w)) && before.contains('是')
}

/// A line shorter than this many characters without a sentence mark is a
/// heading (一、基本情况, a kicker, a section label), not the lead.
const HEADING_CHARS: usize = 20;

/// Whether `line` is a heading: shorter than [`HEADING_CHARS`] characters,
/// with no sentence or clause mark (一、基本情况, 二、某县:产业兴村).
pub(super) fn is_heading(line: &str) -> bool {
    let content = line.trim();
    content.chars().count() < HEADING_CHARS && !content.contains(['。', '!', '?', ',', ';'])
}

/// The lead of `body`: its first paragraph that is not a heading, at most
/// about 200 characters (600 bytes), as a byte range.
pub(super) fn lead(body: &str) -> (usize, usize) {
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        if !is_heading(line) {
            break;
        }
        start += line.len();
    }
    if start >= body.len() {
        start = 0;
    }
    let rest = &body[start..];
    let end = start
        + rest
            .char_indices()
            .find(|(i, c)| *c == '\n' || *i > 600)
            .map_or(rest.len(), |(i, _)| i);
    (start, end)
}

/// Whether a division's name is followed by a news agency's dateline date
/// and 电 (新华社某市8月18日电, 本报某市电): the city the reporter filed
/// from, not what the report is about.
pub(super) fn is_dateline(after: &str) -> bool {
    let rest =
        after.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '月' | '日' | ' '));
    let dated = rest.len() < after.len();
    // Undated, 电 stands alone: 本报某市电 (记者…), not 某市电厂.
    let alone = || {
        rest["电".len().min(rest.len())..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || "(（:：记讯".contains(c))
    };
    rest.starts_with('电')
        && (dated || alone())
        && !rest.starts_with("电力")
        && !rest.starts_with("电网")
        && !rest.starts_with("电子")
        && !rest.starts_with("电影")
        && !rest.starts_with("电话")
}

/// Words that make the divisions of their clause the neighbours of the
/// one described (与某县交界, 毗邻某市): named to locate it, not reported on.
const NEIGHBOUR_WORDS: &[&str] = &[
    "交界", "接壤", "毗邻", "相邻", "比邻", "紧邻", "相接", "为邻",
];

/// Whether the division named at `start..end` of `text` is a neighbour:
/// its clause says 与/同/和 … 交界 (接壤, 相邻 …) around it, or it comes right
/// after 毗邻 (紧邻, 比邻).
pub(super) fn is_neighbour(text: &str, start: usize, end: usize) -> bool {
    let clause_end = |c: char| window::is_clause_end(c) || c == '\n';
    let from = window::back_to(text, start, clause_end, 120);
    let to = window::forward_to(text, end, clause_end, 120);
    let before = &text[from..start];
    let after = &text[end..to];
    if NEIGHBOUR_WORDS.iter().any(|w| before.ends_with(w)) {
        return true;
    }
    // A direction and a verb of bordering (东临某县, 西连某镇, 南接某市).
    let mut back = before.chars().rev();
    if let (Some(v), Some(dir)) = (back.next(), back.next())
        && "临连接靠邻".contains(v)
        && "东南西北".contains(dir)
    {
        return true;
    }
    NEIGHBOUR_WORDS.iter().any(|w| after.contains(w)) && before.contains(['与', '同', '和'])
}

/// Endings of the name of a government organ or office that publishes a
/// page (某区人民政府办公室, 某县委组织部): the division before them is the
/// publisher's.
const ORGAN_SUFFIXES: &[&str] = &[
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "政府办公室",
    "政府办公厅",
    "政府办",
    "政府",
    "委组织部",
    "委宣传部",
    "委办公室",
    "委",
    "融媒体中心",
];

/// Labels of the lines that name a page's publisher (发布机构: …, 主办单位: …).
const PUBLISHER_LABELS: &[&str] = &[
    "发布机构",
    "发布单位",
    "发布者",
    "主办单位",
    "信息来源",
    "来源",
];

/// Every label of [`PUBLISHER_LABELS`] holds one of these.
const PUBLISHER_KEYS: [&str; 3] = ["来源", "发布", "主办"];

/// The division a publisher's name starts with (天津市某区人民政府 → 某区 of
/// 天津市): the name before an organ ending, read as one division or as a
/// division and one of its children (市 + 区).
pub(super) fn publisher_division(g: &Gazetteer, name: &str) -> Option<usize> {
    let stem = ORGAN_SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    if stem.chars().count() < 2 {
        return None;
    }
    if let Some(i) = resolve_name(g, stem, None) {
        return Some(i);
    }
    // A parent and a child: split after each level word.
    for (i, c) in stem.char_indices() {
        if !subject::is_level_word(c) {
            continue;
        }
        let cut = i + c.len_utf8();
        let (a, b) = (&stem[..cut], &stem[cut..]);
        if b.chars().count() < 2 {
            continue;
        }
        let Some(parent) = resolve_name(g, a, None) else {
            continue;
        };
        let kids: Vec<usize> = g
            .lookup(b)
            .into_iter()
            .filter_map(|p| g.index_of(p))
            .filter(|&k| g.within(k, parent))
            .collect();
        if let [k] = kids[..] {
            return Some(k);
        }
    }
    None
}

/// The publisher's division of a page: its source when that is a
/// government organ (某县政府办公室), else the first publisher line of its
/// first or last lines (发布机构: …, 主办单位: …) that names a division.
pub(super) fn publisher_place(
    g: &Gazetteer,
    sources: &[String],
    normalized_full: &str,
) -> Option<usize> {
    let lines: Vec<&str> = normalized_full.lines().collect();
    let n = lines.len();
    let near_edges = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 15 || *i + 15 >= n)
        .map(|(_, l)| *l);
    // A line without a key of the labels is not searched label by label
    // (`contains` is a vectorized search, `match_indices` a plain one).
    let labelled = near_edges
        .filter(|l| PUBLISHER_KEYS.iter().any(|k| l.contains(k)))
        .flat_map(|l| {
            PUBLISHER_LABELS.iter().flat_map(move |lab| {
                l.match_indices(lab).filter_map(move |(i, _)| {
                    let rest = l[i + lab.len()..].trim_start_matches([':', ':', ' ', '|']);
                    let value = rest
                        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '丨' | '/'))
                        .next()?;
                    Some(value.to_string())
                })
            })
        });
    sources
        .iter()
        .cloned()
        .chain(labelled)
        .find_map(|v| publisher_division(g, v.trim()))
}

/// Weighs every piece of evidence of `combined` (title, `\n`, body from
/// `offset`) for [`subject::decide`].
pub(super) fn weigh_evidence(
    combined: &str,
    offset: usize,
    found: &Recognized,
    towns: &[towns::Town<'_>],
    masthead: Option<&(usize, String)>,
) -> subject::Evidence {
    let mut ev = subject::Evidence::default();
    if let Some((m, _)) = masthead {
        ev.add(*m, subject::MASTHEAD, usize::MAX);
    }
    let body = &combined[offset..];
    // The lead: the body's first paragraph, at most about 200 characters.
    let (lead_start, lead_end) = lead(body);
    let (lead_start, lead_end) = (offset + lead_start, offset + lead_end);
    let epitomes = epitome_words(combined);
    for h in &found.hits {
        let Some(p) = h.place else { continue };
        let after = &combined[h.end..];
        if MEDIA_AFTER.iter().any(|m| after.starts_with(m)) {
            continue;
        }
        let before = &combined[..h.start];
        let mut w = if h.start < offset {
            subject::TITLE
        } else {
            1.0
        };
        if is_dateline(after) || is_neighbour(combined, h.start, h.end) {
            continue;
        }
        if h.start == 0 && offset > 0 {
            ev.title_subject = Some(p);
        }
        if h.start >= lead_start && h.start < lead_end {
            w += subject::LEAD;
        }
        if AID_BEFORE.iter().any(|a| before.ends_with(a)) {
            w += subject::RECIPIENT;
        }
        if is_epitome_of(combined, &epitomes, h.start) {
            w += subject::EPITOME;
        }
        ev.add(p, w, h.start);
    }
    // Later mentions of towns and villages: evidence for their county, up
    // to a cap (an anecdote's village named ten times is still one example).
    let mut from_towns: HashMap<usize, f64> = HashMap::new();
    for t in towns.iter().filter(|t| t.weighs) {
        for &at in t.mentions.iter().filter(|&&at| at != t.first) {
            let w = if at < offset { 1.0 } else { subject::TOWN };
            let seen = from_towns.entry(t.county).or_default();
            let w = w.min(subject::TOWN_CAP - *seen);
            if w <= 0.0 {
                break;
            }
            *seen += w;
            ev.add(t.county, w, at);
        }
    }
    ev.count_self_references(combined, &found.level_words);
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_skips_headings() {
        let body = "一、基本情况\n石门乡地处某县西部,是一个农业乡。\n二、主要工作\n";
        let (s, e) = lead(body);
        assert_eq!(&body[s..e], "石门乡地处某县西部,是一个农业乡。");
        let one = "某县推行网格治理,建成网格120个。";
        assert_eq!(lead(one), (0, one.len()));
    }

    #[test]
    fn datelines() {
        assert!(is_dateline("5月20日电 某县推行"));
        assert!(is_dateline("电(记者 王明)"));
        assert!(!is_dateline("电视台报道"));
        assert!(!is_dateline("电力公司"));
        assert!(!is_dateline("大力推行"));
        assert!(!is_dateline("电厂两台机组"));
        assert!(is_dateline("电 记者王明报道"));
    }

    #[test]
    fn neighbours() {
        let t = "大坪乡地处新化县西部,与邵阳市的隆回县交界,是农业乡。";
        let at = |w: &str| {
            let s = t.find(w).unwrap_or(0);
            (s, s + w.len())
        };
        let (s, e) = at("邵阳市");
        assert!(is_neighbour(t, s, e));
        let (s, e) = at("新化县");
        assert!(!is_neighbour(t, s, e));
        let t2 = "该镇毗邻某某县,交通便利。";
        let s = t2.find("某某县").unwrap_or(0);
        assert!(is_neighbour(t2, s, s + "某某县".len()));
    }

    #[test]
    fn publishers_name_their_division() {
        let g = Gazetteer::shared();
        let name = |s: &str| publisher_division(g, s).map(|i| g.places[i].name.clone());
        assert_eq!(name("德清县人民政府办公室").as_deref(), Some("德清县"));
        // 和平区 alone is ambiguous; its city settles it.
        assert_eq!(name("和平区人民政府办公室"), None);
        let code = publisher_division(g, "沈阳市和平区人民政府").map(|i| g.places[i].code.clone());
        assert_eq!(code.as_deref(), Some("210102"));
        assert_eq!(name("新华社"), None);
    }

    #[test]
    fn publisher_labels_hold_a_key() {
        for l in PUBLISHER_LABELS {
            assert!(PUBLISHER_KEYS.iter().any(|k| l.contains(k)), "{l}");
        }
    }
}
