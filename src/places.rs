//! Stage 5: places — which provinces, cities and counties a document names,
//! which one it reports on, and which one each claim speaks for.
//!
//! **Gazetteer.** `data/gazetteer.tsv` (built by `examples/build_gazetteer.rs`
//! from the NBS 2023 division codes, WTFPL, plus older names such as 莱芜市
//! from the cpca table, MIT) holds 3,458 divisions with codes, parents, full
//! and short names (桂林 for 桂林市, 广西 for 广西壮族自治区). It is parsed
//! once per process.
//!
//! The rules, each with an invented example, are in the guide; this
//! documentation does not repeat them:
//!
//! | question | rules |
//! |---|---|
//! | which places are named? (short names, ambiguous names) | [docs/rules/places.md#which-places-are-named](../docs/rules/places.md#which-places-are-named) |
//! | which place does the document report on? | [docs/rules/places.md#which-place-does-the-document-report-on](../docs/rules/places.md#which-place-does-the-document-report-on) |
//! | which place does a claim speak for? | [docs/rules/places.md#which-place-does-a-claim-speak-for](../docs/rules/places.md#which-place-does-a-claim-speak-for) |
//!
//! ## Where things are
//!
//! | file | what it decides |
//! |---|---|
//! | `places.rs` | the gazetteer, recognition in one pass (a bitmap of names' first two characters, then the longest name among those that start with the same two), resolving shared names, the stage's entry points |
//! | `places/evidence.rs` | the evidence for the document's division: each mention weighed by where it stands and the role words around it |
//! | `places/towns.rs` | towns, streets and villages tied to their county |
//! | `places/subject.rs` | the division the report is about, weighed along the gazetteer's tree |
//! | `places/claim_places.rs` | the place each claim speaks for |
//!
//! ```
//! use dangjian::places::Gazetteer;
//! let g = Gazetteer::shared();
//! let p = g.by_code("440281").unwrap();
//! assert_eq!((p.name.as_str(), p.level.as_str()), ("乐昌市", "county"));
//! assert_eq!(g.parent(p).unwrap().name, "韶关市");
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::body::Body;
use crate::claims::Claim;
use crate::document::DocumentInfo;
use crate::page::PageMeta;

mod claim_places;
mod evidence;
mod subject;
mod towns;
mod townships;

/// Administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Province, autonomous region or municipality.
    Province,
    /// Prefecture-level city, prefecture, autonomous prefecture, league.
    City,
    /// County, county-level city, banner.
    County,
    /// Urban district.
    District,
    /// Functional zone (development zone, new area).
    Zone,
}

impl Level {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::District => "district",
            Level::Zone => "zone",
        }
    }

    fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "province" => Level::Province,
            "city" => Level::City,
            "county" => Level::County,
            "district" => Level::District,
            "zone" => Level::Zone,
            _ => return None,
        })
    }

    /// Rank from the top (province 0).
    fn rank(self) -> u8 {
        match self {
            Level::Province => 0,
            Level::City => 1,
            Level::County | Level::District => 2,
            Level::Zone => 3,
        }
    }
}

/// One division of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Six-digit code.
    pub code: String,
    /// Full official name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Index of the parent in the gazetteer.
    pub parent: Option<usize>,
    /// Short name used in news (桂林), if any.
    pub short: Option<String>,
    /// Other full forms news use: an autonomous division's short name with
    /// its level word (化隆县 for 化隆回族自治县, 鄂温克旗, 黔西南州).
    pub aliases: Vec<String>,
    /// Only in the older table (a name that has since gone).
    pub historical: bool,
}

/// The gazetteer with its recognizer.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_code: HashMap<String, usize>,
    /// Where a name may start: the first two characters of every name.
    starts: FirstTwo,
    /// The longest name at a position: see [`Names`].
    names: Names,
    /// For each pattern: the candidate places, whether it is a short name,
    /// and whether that short name is also an ordinary word.
    patterns: Vec<Pattern>,
    /// The divisions of each full name, short name and alias, in order.
    by_name: HashMap<String, Vec<usize>>,
    /// Short names that are also ordinary words (`data/place-ambiguous.txt`).
    ordinary: HashSet<&'static str>,
}

/// A necessary condition for a name to start at a position, tested at
/// every character of every text: its first two characters, hashed into a
/// bitmap of 2^18 bits (32 KB) where every name's first two set one bit.
/// About one Chinese character in sixty passes, which leaves the search
/// for the longest name ([`Names`]) to those few.
struct FirstTwo {
    bits: Vec<u64>,
}

impl std::fmt::Debug for FirstTwo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FirstTwo").finish_non_exhaustive()
    }
}

/// The names (patterns) of the gazetteer by their first two characters,
/// longest first: the longest name that starts at a position is the first
/// of its bucket that the text there starts with (names are distinct, so
/// two of one length cannot both match). It finds what an anchored
/// leftmost-longest Aho-Corasick search found before, and is built in a
/// small fraction of the automaton's time (the largest part of loading the
/// gazetteer; `docs/speed.md`).
#[derive(Debug)]
struct Names {
    surfaces: Vec<String>,
    /// Pattern ids by first two characters (`'\0'` as the second for a
    /// one-character name), longest first.
    by_start: rustc_hash::FxHashMap<(char, char), Vec<usize>>,
}

impl Names {
    fn new(surfaces: Vec<String>) -> Names {
        let mut by_start: rustc_hash::FxHashMap<(char, char), Vec<usize>> = Default::default();
        for (k, s) in surfaces.iter().enumerate() {
            let mut chars = s.chars();
            if let Some(a) = chars.next() {
                by_start
                    .entry((a, chars.next().unwrap_or('\0')))
                    .or_default()
                    .push(k);
            }
        }
        for ids in by_start.values_mut() {
            ids.sort_by_key(|&k| std::cmp::Reverse(surfaces[k].len()));
        }
        Names { surfaces, by_start }
    }

    /// The longest name at byte `i` of `text`, whose characters there are
    /// `a` then `b`: its pattern id and end.
    fn longest_at(&self, text: &str, i: usize, a: char, b: char) -> Option<(usize, usize)> {
        let rest = text.get(i..)?;
        [(a, b), (a, '\0')]
            .iter()
            .filter_map(|key| self.by_start.get(key))
            .flatten()
            .find(|&&k| rest.starts_with(self.surfaces[k].as_str()))
            .map(|&k| (k, i + self.surfaces[k].len()))
    }
}

impl FirstTwo {
    const BITS: u32 = 18;

    /// The bitmap of the first two characters of `names` (every name has
    /// two or more).
    fn new(names: &[String]) -> FirstTwo {
        let mut starts = FirstTwo {
            bits: vec![0; 1 << (Self::BITS - 6)],
        };
        for name in names {
            let mut chars = name.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                let h = Self::hash(a, b);
                starts.bits[h / 64] |= 1 << (h % 64);
            }
        }
        starts
    }

    fn hash(a: char, b: char) -> usize {
        let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77);
        (h >> (32 - Self::BITS)) as usize
    }

    /// Whether some name may start with `a` then `b` (false: none does).
    fn may_start(&self, a: char, b: char) -> bool {
        let h = Self::hash(a, b);
        self.bits[h / 64] >> (h % 64) & 1 != 0
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    candidates: Vec<usize>,
    short: bool,
    weak: bool,
}

const GAZETTEER: &str = include_str!("../data/gazetteer.tsv");
const AMBIGUOUS: &str = include_str!("../data/place-ambiguous.txt");

/// What follows a name when it names a street, a community or an
/// institution rather than the division (中山路, 城北社区, 南京大学).
const NOT_DIVISION_AFTER: &[&str] = &[
    "路", "街", "大道", "大街", "巷", "社区", "小区", "街道", "村", "镇", "乡", "公园", "广场",
    "大学", "学院", "中学", "小学", "医院", "宾馆", "饭店", "酒店", "大厦", "花园", "号", "站",
    "港", "机场", "桥", "湖", "山", "江", "河", "岛",
];

impl Gazetteer {
    /// The gazetteer, parsed once per process.
    pub fn shared() -> &'static Gazetteer {
        static G: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);
        &G
    }

    fn load() -> Gazetteer {
        let mut places = Vec::new();
        let mut parents = Vec::new();
        for line in GAZETTEER.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 5 {
                continue;
            }
            let Some(level) = Level::parse(cols[2]) else {
                continue;
            };
            // The short name, then level forms (化隆, 化隆县).
            let mut shorts = cols[4].split(',').map(str::trim);
            let short = shorts.next().filter(|s| !s.is_empty()).map(str::to_string);
            let aliases = shorts
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            places.push(Place {
                code: cols[0].to_string(),
                name: cols[1].to_string(),
                level,
                parent: None,
                short,
                aliases,
                historical: cols.get(5).is_some_and(|n| *n == "historical"),
            });
            parents.push(cols[3].to_string());
        }
        let by_code: HashMap<String, usize> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        for (p, parent) in places.iter_mut().zip(&parents) {
            p.parent = by_code.get(parent).copied();
        }
        // Patterns: full names, and short names.
        let ordinary: HashSet<&'static str> = AMBIGUOUS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut surfaces: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |surface: &str, id: usize, short: bool, weak: bool| {
            let k = *index.entry(surface.to_string()).or_insert_with(|| {
                surfaces.push(surface.to_string());
                patterns.push(Pattern {
                    candidates: Vec::new(),
                    short,
                    weak,
                });
                patterns.len() - 1
            });
            let pat = &mut patterns[k];
            if !pat.candidates.contains(&id) {
                pat.candidates.push(id);
            }
            // A surface that is some division's full name is not short.
            pat.short &= short;
            pat.weak &= weak;
        };
        for (i, p) in places.iter().enumerate() {
            // Full names are words of their own (鼓楼区), except the two-character
            // ones that are generic (城区, 郊区, 矿区).
            let weak_full = ordinary.contains(p.name.as_str());
            add(&p.name, i, false, weak_full);
            // Level forms end in a level word like full names (化隆县).
            for a in &p.aliases {
                add(a, i, false, false);
            }
            if let Some(s) = &p.short
                && p.level != Level::Zone
            {
                // Short names that are ordinary words (资源, 前进) or natural
                // features (井冈山) are weak.
                let weak = ordinary.contains(s.as_str()) || s.ends_with('山');
                add(s, i, true, weak);
            }
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            let forms = std::iter::once(&p.name).chain(&p.short).chain(&p.aliases);
            for form in forms {
                let ids = by_name.entry(form.clone()).or_default();
                // In order, once each (a short name may equal an alias).
                if ids.last() != Some(&i) {
                    ids.push(i);
                }
            }
        }
        Gazetteer {
            starts: FirstTwo::new(&surfaces),
            names: Names::new(surfaces),
            places,
            by_code,
            patterns,
            by_name,
            ordinary,
        }
    }

    /// Whether `s` is the full or short name of some division.
    ///
    /// ```
    /// let g = dangjian::places::Gazetteer::shared();
    /// assert!(g.is_name("桂林") && g.is_name("桂林市") && !g.is_name("党建"));
    /// ```
    pub fn is_name(&self, s: &str) -> bool {
        self.by_name.contains_key(s)
    }

    /// All divisions.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// A division by its six-digit code.
    pub fn by_code(&self, code: &str) -> Option<&Place> {
        self.by_code.get(code).map(|&i| &self.places[i])
    }

    /// Divisions whose full or short name is `name`.
    ///
    /// ```
    /// let g = dangjian::places::Gazetteer::shared();
    /// assert_eq!(g.lookup("鼓楼区").len(), 4);
    /// assert_eq!(g.lookup("桂林")[0].code, "450300");
    /// ```
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        let mut v: Vec<&Place> = self
            .by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&i| &self.places[i])
            .collect();
        v.sort_by_key(|p| (p.historical, p.level.rank()));
        v
    }

    /// The parent division.
    pub fn parent(&self, p: &Place) -> Option<&Place> {
        p.parent.map(|i| &self.places[i])
    }

    pub(super) fn index_of(&self, p: &Place) -> Option<usize> {
        self.by_code.get(&p.code).copied()
    }

    /// Whether `a` is `b` or lies within it.
    pub(super) fn within(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(a);
        while let Some(c) = cur {
            if c == b {
                return true;
            }
            cur = self.places[c].parent;
        }
        false
    }

    /// Whether `s` is a short name that is also an ordinary word (和平, 光明).
    fn ordinary_word(&self, s: &str) -> bool {
        self.ordinary.contains(s)
    }
}

/// The place a document reports on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentPlace {
    /// Full name, e.g. `桂林市`.
    pub name: String,
    /// Six-digit code, `null` for a name the gazetteer does not know.
    pub code: Option<String>,
    /// Level.
    pub level: String,
    /// Parent's full name (乐昌市 → 韶关市).
    pub parent: Option<String>,
}

/// A place the body mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Full name.
    pub name: String,
    /// Code; `null` when the name is ambiguous.
    pub code: Option<String>,
    /// Level.
    pub level: String,
    /// Number of mentions.
    pub mentions: usize,
    /// Codes of the candidates of an ambiguous name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// A recognized mention in the body text.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    /// Resolved place, or `None` when ambiguous.
    place: Option<usize>,
    pattern: usize,
}

/// The result of the places stage.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The document place.
    pub place: Option<DocumentPlace>,
    /// Why.
    pub reason: String,
    /// Places mentioned, most mentioned first.
    pub mentions: Vec<PlaceMention>,
}

/// What one pass of the gazetteer's recognizer finds in a text.
#[derive(Debug, Default)]
struct Recognized {
    /// The place mentions, in order.
    hits: Vec<Hit>,
    /// Where every level word (省, 市, 县 …) starts, names' own included,
    /// for [`subject::Evidence::count_self_references`].
    level_words: Vec<usize>,
}

/// Recognizes place mentions in `text`; `boundary(at)` tells whether a
/// word boundary (between two tokens of the shared token pass) lies at byte
/// `at`, which short names need on both sides.
fn recognize(
    g: &Gazetteer,
    text: &str,
    hint: Option<usize>,
    boundary: &dyn Fn(usize) -> bool,
) -> Recognized {
    let on_token_boundaries = |s: usize, e: usize| boundary(s) && boundary(e);
    let mut raw: Vec<(usize, usize, usize)> = Vec::new();
    let mut level_words = Vec::new();
    // Leftmost-longest, as one unanchored search would find the names: at
    // each position past the last name, the longest name starting there.
    let mut past = 0;
    let mut prev: Option<(usize, char)> = None;
    for (j, next) in text.char_indices() {
        if subject::is_level_word(next) {
            level_words.push(j);
        }
        // A name may start at the previous character `c`, at `i`.
        let Some((i, c)) = prev.replace((j, next)) else {
            continue;
        };
        if i < past || !g.starts.may_start(c, next) {
            continue;
        }
        let Some((pattern, end)) = g.names.longest_at(text, i, c, next) else {
            continue;
        };
        past = end;
        let pat = &g.patterns[pattern];
        let after = &text[end..];
        let two_chars = end - i <= 6;
        if pat.short {
            // The first character rules out most words before they are
            // compared whole.
            let next = after.chars().next().unwrap_or('\0');
            if NOT_DIVISION_AFTER
                .iter()
                .any(|w| w.starts_with(next) && after.starts_with(w))
            {
                continue;
            }
            if !on_token_boundaries(i, end) {
                continue;
            }
        } else if after.starts_with("路")
            || after.starts_with("街")
            || after.starts_with("大道")
            || (two_chars && !on_token_boundaries(i, end))
        {
            // A street (中山路), or a two-character full name inside a word
            // (范县 in 示范县).
            continue;
        }
        raw.push((i, end, pattern));
    }
    let mut support = Support::new(g, &raw, hint);
    support.own_county = own_county(g, &support, text, &raw, &level_words);
    let hits = raw
        .into_iter()
        .filter_map(|(start, end, pattern)| {
            let place = resolve(g, &support, text, start, pattern)?;
            Some(Hit {
                start,
                end,
                place,
                pattern,
            })
        })
        .collect();
    Recognized { hits, level_words }
}

/// The county a text that speaks of itself as a county (全县, 我旗) names
/// by its short name alone: the one county short name without other
/// support whose full name ends in that level word; `None` when there are
/// several (a roundup of counties) or none.
fn own_county(
    g: &Gazetteer,
    support: &Support<'_>,
    text: &str,
    raw: &[(usize, usize, usize)],
    level_words: &[usize],
) -> Option<usize> {
    let levels: HashSet<char> = level_words
        .iter()
        .filter_map(|&at| match subject::self_reference_at(text, at) {
            Some(subject::SelfReference::Prefixed(c)) if matches!(c, '县' | '旗') => Some(c),
            _ => None,
        })
        .collect();
    if levels.is_empty() {
        return None;
    }
    let mut found = raw.iter().filter_map(|&(_, _, pattern)| {
        let pat = &g.patterns[pattern];
        let c = *pat.candidates.first()?;
        let fits = g.places[c]
            .name
            .chars()
            .last()
            .is_some_and(|l| levels.contains(&l));
        (pat.short
            && !pat.weak
            && pat.candidates.len() == 1
            && g.places[c].level.rank() >= 2
            && fits
            && !support.supports(c))
        .then_some(c)
    });
    let first = found.next()?;
    found.all(|c| c == first).then_some(first)
}

/// The places that lend support to a name shared by several divisions or
/// to a county's short name: those that are certain (one candidate, not an
/// ordinary word, and a full name or the short name of a city or province),
/// and the masthead's hint. A candidate is supported when it is one of them
/// or related to one (lies within it or contains it).
struct Support<'g> {
    g: &'g Gazetteer,
    certain: HashSet<usize>,
    /// The divisions that contain a certain place (computed once per
    /// document rather than walking up from each certain place per hit).
    above_certain: HashSet<usize>,
    hint: Option<usize>,
    /// The county a text speaking of itself as a county names by its short
    /// name alone (see [`own_county`]).
    own_county: Option<usize>,
}

impl<'g> Support<'g> {
    fn new(g: &'g Gazetteer, raw: &[(usize, usize, usize)], hint: Option<usize>) -> Support<'g> {
        let certain: HashSet<usize> = raw
            .iter()
            .filter_map(|&(_, _, p)| {
                let pat = &g.patterns[p];
                let c = *pat.candidates.first()?;
                if pat.candidates.len() == 1 {
                    return (!pat.weak && (!pat.short || g.places[c].level.rank() <= 1))
                        .then_some(c);
                }
                // A short name shared by one province and lower divisions
                // (吉林), used more than once, names the province unless
                // something else settles it: the province lends its counties
                // support. Once, it may be a firm's name.
                let mut provinces = pat
                    .candidates
                    .iter()
                    .filter(|&&c| g.places[c].level == Level::Province);
                let again = raw.iter().filter(|&&(_, _, q)| q == p).nth(1).is_some();
                match (provinces.next(), provinces.next()) {
                    (Some(&prov), None) if pat.short && !pat.weak && again => Some(prov),
                    _ => None,
                }
            })
            .collect();
        let above_certain = certain
            .iter()
            .flat_map(|&c| std::iter::successors(g.places[c].parent, |&p| g.places[p].parent))
            .collect();
        Support {
            g,
            certain,
            above_certain,
            hint,
            own_county: None,
        }
    }

    /// The level rank of the most specific certain place that `c` is or
    /// lies within (a city ranks above its province).
    fn certain_depth(&self, c: usize) -> Option<u8> {
        let g = self.g;
        std::iter::successors(Some(c), |&p| g.places[p].parent)
            .filter(|a| self.certain.contains(a))
            .map(|a| g.places[a].level.rank())
            .max()
    }

    /// Whether `c` is, lies within or contains a certain place, or is
    /// related to the hint.
    fn supports(&self, c: usize) -> bool {
        let g = self.g;
        std::iter::successors(Some(c), |&p| g.places[p].parent).any(|a| self.certain.contains(&a))
            || self.above_certain.contains(&c)
            || self.hint.is_some_and(|h| g.within(c, h) || g.within(h, c))
    }
}

/// The place a match of `pattern` at `start` names: `None` when it names
/// none (a weak name without its parent before it, a county's short name
/// without support), `Some(None)` when it is ambiguous.
fn resolve(
    g: &Gazetteer,
    support: &Support<'_>,
    text: &str,
    start: usize,
    pattern: usize,
) -> Option<Option<usize>> {
    let pat = &g.patterns[pattern];
    // A weak name (an ordinary word) counts only right after its parent:
    // 汕尾市城区.
    if pat.weak {
        let before = &text[..start];
        let parent_before = pat.candidates.iter().find(|&&c| {
            g.places[c].parent.is_some_and(|par| {
                let pp = &g.places[par];
                before.ends_with(pp.name.as_str())
                    || pp.short.as_deref().is_some_and(|sh| before.ends_with(sh))
            })
        });
        return parent_before.map(|&c| Some(c));
    }
    if pat.candidates.len() == 1 {
        let c = pat.candidates[0];
        // A county's short name (义乌, 宁海) needs its province, city or
        // full name in the document, or a text that speaks of itself as a
        // county (全县, 我县) and names no other county so.
        if pat.short
            && g.places[c].level.rank() >= 2
            && !support.supports(c)
            && support.own_county != Some(c)
        {
            return None;
        }
        return Some(Some(c));
    }
    let sup: Vec<usize> = pat
        .candidates
        .iter()
        .copied()
        .filter(|&c| support.supports(c))
        .collect();
    if sup.len() == 1 {
        return Some(Some(sup[0]));
    }
    // A county renamed a district keeps its old name in older reports (某县
    // became 某县区, whose short name is 某县): when the supported
    // candidates share one parent, the one whose full name is written is
    // meant, as the report knew it.
    if let Some(as_written) = renamed_division(g, &sup, &text[start..]) {
        return Some(Some(as_written));
    }
    // 鼓楼区 in a report that names 江苏省 and 南京市: both 南京's and
    // 徐州's lie in the province, only one in the city. The candidate
    // within the most specific certain place wins, when it is alone there.
    if sup.len() > 1 {
        let depth = |c: usize| support.certain_depth(c);
        let best = sup.iter().map(|&c| depth(c)).max().flatten();
        let deepest: Vec<usize> = sup.iter().copied().filter(|&c| depth(c) == best).collect();
        if best.is_some() && deepest.len() == 1 {
            return Some(Some(deepest[0]));
        }
    }
    // A short name shared by a province and a city (吉林): the higher level,
    // when it is the only one at its level.
    let top = pat
        .candidates
        .iter()
        .map(|&c| g.places[c].level.rank())
        .min();
    let at_top: Vec<usize> = pat
        .candidates
        .iter()
        .copied()
        .filter(|&c| Some(g.places[c].level.rank()) == top && !g.places[c].historical)
        .collect();
    Some((pat.short && at_top.len() == 1 && top == Some(0)).then(|| at_top[0]))
}

/// The one division among `cands` whose full name `text` starts with,
/// when they all share one parent and `text` is another's short name (a
/// county later renamed a district: 某县 is the old county's full name and
/// the new district's short one). The name as written is the division the
/// report knew.
fn renamed_division(g: &Gazetteer, cands: &[usize], text: &str) -> Option<usize> {
    let first = *cands.first()?;
    let parent = g.places[first].parent?;
    if cands.len() < 2 || cands.iter().any(|&c| g.places[c].parent != Some(parent)) {
        return None;
    }
    let full = |c: usize| text.starts_with(g.places[c].name.as_str());
    let mut written = cands.iter().copied().filter(|&c| full(c));
    let one = written.next()?;
    let longer = cands
        .iter()
        .any(|&c| c != one && text.starts_with(g.places[c].name.as_str()));
    (written.next().is_none() && !longer).then_some(one)
}

fn document_place_of(g: &Gazetteer, i: usize) -> DocumentPlace {
    let p = &g.places[i];
    DocumentPlace {
        name: p.name.clone(),
        code: Some(p.code.clone()),
        level: p.level.as_str().to_string(),
        parent: g.parent(p).map(|q| q.name.clone()),
    }
}

/// Resolves a name as given by a manifest or a masthead.
fn resolve_name(g: &Gazetteer, name: &str, code: Option<&str>) -> Option<usize> {
    if let Some(c) = code
        && let Some(&i) = g.by_code.get(c)
    {
        return Some(i);
    }
    let found = g.lookup(name);
    let best = found.first()?;
    // Only when the best is unique at its level.
    let same = found
        .iter()
        .filter(|p| p.level.rank() == best.level.rank() && !p.historical)
        .count();
    (same <= 1).then(|| g.index_of(best)).flatten()
}

/// The title and body recognized as one text (one context for ambiguous
/// names): `title`, `\n`, body.
struct Combined {
    text: String,
    /// Where the body starts in `text`.
    offset: usize,
    found: Recognized,
    /// Township names standing as words, outside every division's name.
    townships: Vec<townships::Found>,
}

/// Recognizes the title (and subtitle) together with the body, on the
/// body's shared word boundaries and the title's own cut; `hint`: the
/// masthead's division.
fn recognize_document(
    g: &Gazetteer,
    body: &Body,
    meta: &PageMeta,
    norm: &crate::normalize::Normalizer,
    hint: Option<usize>,
) -> Combined {
    let title = [meta.title.as_deref(), meta.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .map(|t| norm.normalize_text(t))
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!("{title}\n{}", body.text);
    let offset = title.len() + 1;
    let title_bounds: HashSet<usize> = body
        .segmenter()
        .spans(&title)
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .collect();
    let body_bounds = body.boundaries();
    let boundary = |at: usize| {
        if at >= offset {
            body_bounds.is_boundary(at - offset)
        } else {
            at == 0 || at + 1 == offset || title_bounds.contains(&at)
        }
    };
    let found = recognize(g, &text, hint, &boundary);
    let townships = townships::find(&text, &boundary)
        .into_iter()
        .filter(|t| {
            !found
                .hits
                .iter()
                .any(|h| h.start < t.end && t.start < h.end)
        })
        .collect();
    Combined {
        text,
        offset,
        found,
        townships,
    }
}

/// The document's place decided from the weighed evidence, with the reason.
fn decide_subject(
    g: &Gazetteer,
    c: &Combined,
    towns: &[towns::Town<'_>],
    masthead: Option<&(usize, String)>,
) -> Option<(usize, String)> {
    let ev = evidence::weigh_evidence(&c.text, c.offset, &c.found, towns, masthead);
    let s = subject::decide(g, &ev)?;
    let hint = masthead
        .map(|(_, src)| format!("; masthead/source {src} as a hint"))
        .unwrap_or_default();
    Some((
        s.place,
        format!(
            "weighed mentions: {} ({:.1}){hint}",
            g.places[s.place].name, s.weight
        ),
    ))
}

/// Why a text has no place: it refers to one only by level word, or names
/// none.
fn no_place_reason(text: &str) -> String {
    let refers = ["我市", "我省", "我县", "本市", "x委", "X委", "该市"]
        .iter()
        .find(|w| text.contains(*w));
    match refers {
        Some(w) => {
            format!("the text refers to its place only as {w} and names no place it reports on")
        }
        None => "the text names no place it reports on".to_string(),
    }
}

/// The body's mentions of divisions and of tied towns (as their county),
/// as (start, end, division) in body offsets, sorted.
fn named_in_body(
    hits: &[Hit],
    towns: &[towns::Town<'_>],
    offset: usize,
) -> Vec<(usize, usize, usize)> {
    let mut named: Vec<(usize, usize, usize)> = hits
        .iter()
        .filter_map(|h| h.place.map(|p| (h.start, h.end, p)))
        .collect();
    for t in towns {
        // A town's name holds no line break, so its mentions in the body
        // are those of the combined text past the title, as a search of
        // the body alone finds them.
        let in_body = t.mentions.iter().filter_map(|&at| at.checked_sub(offset));
        named.extend(in_body.map(|at| (at, at + t.name.len(), t.county)));
    }
    named.sort_unstable();
    named
}

/// The names of `named` a claim may be about: not a paper's or a site's
/// (某市日报), an agency's dateline (新华社某市5月8日电) or a neighbour named
/// to locate something (与某县交界).
fn subject_names(text: &str, named: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    named
        .into_iter()
        .filter(|&(s, e, _)| {
            let after = &text[e..];
            !evidence::MEDIA_AFTER.iter().any(|m| after.starts_with(m))
                && !evidence::is_dateline(after)
                && !evidence::is_neighbour(text, s, e)
        })
        .collect()
}

/// Sets the place of each claim of a headline or subtitle (`heads`, their
/// lines as one text) by the rules of the body's claims: a division the
/// line names for the claim (某省12人获评… in a county's report → 某省),
/// else the document's `place`.
pub fn attribute_headline(heads: &Body, place: Option<&DocumentPlace>, claims: &mut [Claim]) {
    let g = Gazetteer::shared();
    let doc = place
        .and_then(|p| p.code.as_deref())
        .and_then(|c| g.by_code.get(c).copied());
    let Some(d) = doc else {
        for c in claims.iter_mut() {
            c.place = place.map(|p| p.name.clone());
        }
        return;
    };
    let bounds = heads.boundaries();
    let found = recognize(g, &heads.text, Some(d), &|at| bounds.is_boundary(at));
    let named: Vec<(usize, usize, usize)> = found
        .hits
        .iter()
        .filter_map(|h| h.place.map(|p| (h.start, h.end, p)))
        .collect();
    let named = subject_names(&heads.text, named);
    claim_places::assign(g, heads, &named, Some(d), claims);
}

/// The places the body mentions, most mentioned first; an ambiguous name
/// with its candidates.
fn mention_list(g: &Gazetteer, hits: &[Hit]) -> Vec<PlaceMention> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let mut ambiguous: HashMap<usize, usize> = HashMap::new();
    for h in hits {
        match h.place {
            Some(p) => *counts.entry(p).or_default() += 1,
            None => *ambiguous.entry(h.pattern).or_default() += 1,
        }
    }
    let mut mentions: Vec<PlaceMention> = counts
        .iter()
        .map(|(&p, &n)| PlaceMention {
            name: g.places[p].name.clone(),
            code: Some(g.places[p].code.clone()),
            level: g.places[p].level.as_str().to_string(),
            mentions: n,
            candidates: Vec::new(),
        })
        .collect();
    for (&pat, &n) in &ambiguous {
        let cands = &g.patterns[pat].candidates;
        let first = &g.places[cands[0]];
        mentions.push(PlaceMention {
            name: first.name.clone(),
            code: None,
            level: first.level.as_str().to_string(),
            mentions: n,
            candidates: cands.iter().map(|&c| g.places[c].code.clone()).collect(),
        });
    }
    mentions.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    mentions
}

/// Runs recognition, decides the document place and attributes `claims`:
/// the manifest's place is decisive; else the evidence of the title, body
/// and masthead or publisher is weighed along the gazetteer's tree.
pub fn attribute(
    body: &Body,
    normalized_full: &str,
    meta: &PageMeta,
    info: &DocumentInfo,
    claims: &mut [Claim],
) -> Attribution {
    let g = Gazetteer::shared();
    let norm = crate::normalize::Normalizer::default();
    let manifest = info
        .place
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|name| resolve_name(g, &norm.normalize_text(name), info.place_code.as_deref()))
        .map(|i| (i, "given by the corpus manifest".to_string()));
    let masthead = evidence::masthead_place(g, &norm, meta, normalized_full);
    let c = recognize_document(g, body, meta, &norm, masthead.as_ref().map(|m| m.0));
    // Only body mentions are reported and attributed.
    let hits: Vec<Hit> = c
        .found
        .hits
        .iter()
        .filter(|h| h.start >= c.offset)
        .map(|h| Hit {
            start: h.start - c.offset,
            end: h.end - c.offset,
            ..h.clone()
        })
        .collect();
    // Towns and villages tied to their county (惠民县麻店镇, 某乡地处某县).
    let mut towns = towns::attach(
        &c.text,
        c.found.hits.iter().filter_map(|h| {
            let p = h.place?;
            let media = evidence::MEDIA_AFTER
                .iter()
                .any(|m| c.text[h.end..].starts_with(m));
            (g.places[p].level.rank() >= 2 && !media).then_some((h.start, h.end, p))
        }),
    );
    // Towns the text names alone, settled by the township table.
    let divisions: Vec<usize> = c.found.hits.iter().filter_map(|h| h.place).collect();
    for (name, county, mentions) in townships::settle(g, &c.text, &c.townships, &divisions) {
        if !towns.iter().any(|t| t.name == name) {
            towns.push(towns::Town {
                name,
                county,
                first: usize::MAX,
                mentions,
                weighs: !divisions.contains(&county),
            });
        }
    }
    let doc = manifest.or_else(|| decide_subject(g, &c, &towns, masthead.as_ref()));
    let (place, reason) = match &doc {
        Some((i, why)) => (Some(document_place_of(g, *i)), why.clone()),
        None => (None, no_place_reason(&body.text)),
    };
    let named = subject_names(&body.text, named_in_body(&hits, &towns, c.offset));
    claim_places::assign(g, body, &named, doc.as_ref().map(|d| d.0), claims);
    Attribution {
        place,
        reason,
        mentions: mention_list(g, &hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_body(text: &str) -> Body {
        let map = crate::offsets::OffsetMap::identity(text.len());
        Body::new(text.to_string(), map, &crate::segment::Segmenter::default())
    }

    fn doc_place(text: &str) -> Option<String> {
        let a = crate::Pipeline::default().analyze(&crate::Document::from_text(text));
        a.place.map(|p| p.name)
    }

    #[test]
    fn ordinary_words_are_not_places() {
        let a = crate::Pipeline::default().analyze(&crate::Document::from_text(
            "维护世界和平,党员干部前进在前,公安机关合作共建,光明磊落,城北社区开展活动,中山路改造。",
        ));
        assert!(a.places.is_empty(), "{:?}", a.places);
    }

    #[test]
    fn a_shared_name_lies_in_the_most_specific_place_named() {
        // 鼓楼区 is a district of 南京, 徐州, 福州 and 开封; the report names
        // the province of two of them and the city of one.
        let a = crate::Pipeline::default().analyze(&crate::Document::from_text(
            "江苏省部署基层党建工作。南京市各区开展结对共建。鼓楼区组织党员300余名参加志愿服务。",
        ));
        let t = a
            .places
            .iter()
            .find(|p| p.name == "鼓楼区")
            .expect("鼓楼区");
        assert_eq!(t.code.as_deref(), Some("320106"), "{:?}", a.places);
        // Named with the province alone, it stays ambiguous.
        let a = crate::Pipeline::default().analyze(&crate::Document::from_text(
            "江苏省部署基层党建工作。鼓楼区组织党员300余名参加志愿服务。",
        ));
        let t = a
            .places
            .iter()
            .find(|p| p.name == "鼓楼区")
            .expect("鼓楼区");
        assert_eq!(t.code, None, "{:?}", a.places);
    }

    #[test]
    fn masthead_and_dominant_mention() {
        assert_eq!(
            doc_place("来源:桂林日报\n机关党建工作取得成效。").as_deref(),
            Some("桂林市")
        );
        assert_eq!(
            doc_place("乐昌市委召开会议。乐昌市直机关开展活动,该市成效明显,乐昌市民满意。")
                .as_deref(),
            Some("乐昌市")
        );
        assert_eq!(doc_place("我市机关党建工作取得成效。"), None);
    }

    #[test]
    fn an_aid_report_is_about_the_place_aided() {
        // The team's own district and city are named too, but the county it
        // is stationed in is what the report is about.
        assert_eq!(
            doc_place(
                "自2021年进驻连南瑶族自治县以来,花都区工作队累计投入帮扶资金3000万元。\n\
                 广州市有关部门多次到村调研。"
            )
            .as_deref(),
            Some("连南瑶族自治县")
        );
    }

    #[test]
    fn duplicated_names_need_a_parent() {
        let g = Gazetteer::shared();
        let b = test_body("鼓楼区开展活动");
        let hits = recognize(g, &b.text, None, &|at| b.is_boundary(at)).hits;
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].place, None);
        let b = test_body("福州市鼓楼区开展活动");
        let hits = recognize(g, &b.text, None, &|at| b.is_boundary(at)).hits;
        assert_eq!(hits.len(), 2);
        assert_eq!(
            hits[1].place.map(|i| g.places[i].code.as_str()),
            Some("350102")
        );
    }
}
