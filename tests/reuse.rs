//! Text reuse, evaluated on planted passages (run when ../shared/data is
//! present; the unit tests of `dangjian::reuse` run everywhere).
//!
//! The generator takes passages of 30–300 characters (letters and digits,
//! at least 30 of them outside stock phrases) from the real reports of
//! `corpus/`, edits them the way copies are edited — script converted to
//! traditional (OpenCC's TSCharacters table inverted), punctuation changed,
//! place names swapped (gazetteer), numbers changed, 5–10 % of the
//! characters inserted or deleted, at most 10 % edited in all — and plants
//! each into one to three unrelated news documents (SIGHAN 2005 test texts,
//! simplified and traditional, in chunks of about 3 KB; source passages do
//! not overlap). The scorer checks
//! that each planted copy is linked to its source (recall), that reported
//! links are planted ones (precision; links already present before planting
//! are background, reported separately), and that both ends of a found link
//! lie within 5 characters of the truth.
//!
//! `cargo test --release --test reuse -- --nocapture` prints the figures.

mod common;

use std::collections::HashMap;
use std::ops::Range;

use dangjian::Normalizer;
use dangjian::reuse::{MatchText, Reuse, ReuseDocument, ReuseReport};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1e6 < p
    }
}

/// Simplified → traditional, one character each, from OpenCC's
/// traditional → simplified table.
fn s2t() -> HashMap<char, char> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/opencc/TSCharacters.txt");
    let mut m = HashMap::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(t), Some(s)) = (f.next(), f.next()) else {
            continue;
        };
        let (mut tc, mut sc) = (t.chars(), s.split(' ').next().unwrap_or("").chars());
        if let (Some(t), None, Some(s), None) = (tc.next(), tc.next(), sc.next(), sc.next()) {
            if t != s {
                m.entry(s).or_insert(t);
            }
        }
    }
    m
}

/// Place names of the gazetteer (cities and counties).
fn place_names() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() > 2 && (f[2] == "city" || f[2] == "county") && f[1].chars().count() == 3)
                .then(|| f[1].to_string())
        })
        .collect()
}

const FILLER: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府";

/// Edits a surface the way a copy is edited; returns the new surface and
/// whether it was converted to traditional script.
fn edit(
    surface: &str,
    rng: &mut Rng,
    s2t: &HashMap<char, char>,
    places: &[String],
    match_len: usize,
) -> (String, bool) {
    let mut s = surface.to_string();
    let mut budget = match_len / 10; // at most 10 % of the characters edited
    // place names swapped
    for p in places.iter() {
        if budget >= 3 && s.contains(p.as_str()) {
            let other = &places[rng.below(places.len())];
            s = s.replacen(p.as_str(), other, 1);
            budget -= 3;
        }
    }
    // numbers changed
    let mut chars: Vec<char> = s.chars().collect();
    for c in chars.iter_mut() {
        if c.is_ascii_digit() && budget > 0 && rng.chance(0.5) {
            *c = char::from(b'0' + rng.below(10) as u8);
            budget -= 1;
        }
    }
    // 5–10 % of the characters inserted or deleted, inside the passage
    let rate = 0.05 + 0.05 * (rng.below(1000) as f64 / 1000.0);
    let indels = ((match_len as f64 * rate).round() as usize).min(budget);
    let filler: Vec<char> = FILLER.chars().collect();
    for _ in 0..indels {
        if chars.len() < 10 {
            break;
        }
        let at = 3 + rng.below(chars.len() - 6);
        if rng.chance(0.5) {
            chars.remove(at);
        } else {
            chars.insert(at, filler[rng.below(filler.len())]);
        }
    }
    // punctuation changed
    for c in chars.iter_mut() {
        if *c == '，' && rng.chance(0.3) {
            *c = if rng.chance(0.5) { '、' } else { ' ' };
        } else if *c == '。' && rng.chance(0.3) {
            *c = '；';
        }
    }
    // script converted
    let traditional = rng.chance(0.4);
    if traditional {
        for c in chars.iter_mut() {
            if let Some(t) = s2t.get(c) {
                *c = *t;
            }
        }
    }
    (chars.into_iter().collect(), traditional)
}

/// One planted copy: source passage and where the copy went.
struct Truth {
    plant: usize,
    source: usize,
    source_span: Range<usize>,
    host: usize,
    host_span: Range<usize>,
    traditional: bool,
}

/// Hosts: chunks of about 3 KB of SIGHAN test texts (PKU, AS and CityU;
/// the MSR texts repeat PKU articles).
fn hosts(data: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for (file, max) in [
        ("pku_test.utf8", 45),
        ("as_test.utf8", 30),
        ("cityu_test.utf8", 25),
    ] {
        let text = std::fs::read_to_string(data.join("sighan2005/testing").join(file)).unwrap();
        let mut chunk = String::new();
        for line in text.lines() {
            chunk.push_str(line.trim());
            chunk.push('\n');
            if chunk.len() > 3000 {
                out.push(std::mem::take(&mut chunk));
                if out.len() % 100 == max {
                    break;
                }
            }
        }
    }
    out
}

fn chars_between(text: &str, a: usize, b: usize) -> usize {
    let (a, b) = (a.min(b), a.max(b));
    text.get(a..b).map_or(usize::MAX, |s| s.chars().count())
}

fn overlaps(a: &Range<usize>, s: [usize; 2]) -> bool {
    a.start < s[1] && s[0] < a.end
}

#[test]
fn planted_passages_are_found_with_their_boundaries() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let normalizer = Normalizer::default();
    let finder = Reuse::default();
    let (s2t, places) = (s2t(), place_names());
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let corpus = common::corpus_dir();
    let mut sources: Vec<(String, String)> = Vec::new();
    for e in std::fs::read_dir(&corpus).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            sources.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    sources.sort();
    let host_texts = hosts(&data);
    let nsrc = sources.len();

    // Plants: passage, edited copies, host lines.
    let mut inserts: Vec<Vec<(usize, String, usize, bool)>> = vec![Vec::new(); host_texts.len()];
    let mut source_spans: Vec<(usize, Range<usize>)> = Vec::new();
    let plants = 120;
    while source_spans.len() < plants {
        let s = rng.below(nsrc);
        let m = MatchText::new(&normalizer, &sources[s].1, None);
        let len = if rng.chance(0.5) {
            30 + rng.below(31)
        } else {
            60 + rng.below(241)
        };
        if m.len() < len + 2 {
            continue;
        }
        let at = rng.below(m.len() - len);
        let (a, b) = m.original_span(at, at + len);
        let surface = &sources[s].1[a..b];
        let taken = source_spans
            .iter()
            .any(|(d, r)| *d == s && r.start < b && a < r.end);
        // A passage the source itself repeats has two true sources: skip.
        let whole = m.as_string();
        let head: String = m.chars[at..at + 12].iter().collect();
        let tail: String = m.chars[at + len - 12..at + len].iter().collect();
        let repeated = whole.matches(&head).count() > 1 || whole.matches(&tail).count() > 1;
        if taken || repeated || surface.contains('\n') || finder.novel_chars(surface) < 30 {
            continue;
        }
        let plant = source_spans.len();
        source_spans.push((s, a..b));
        let copies = 1 + rng.below(3);
        for _ in 0..copies {
            let h = rng.below(host_texts.len());
            let (copy, trad) = edit(surface, &mut rng, &s2t, &places, len);
            let lines = host_texts[h].lines().count().max(1);
            inserts[h].push((rng.below(lines), copy, plant, trad));
        }
    }
    // Hosts with their copies; truths with byte spans.
    let mut docs: Vec<ReuseDocument> = sources
        .iter()
        .map(|(p, t)| ReuseDocument::new(p.clone(), t.clone()).with_date("2019-01-01"))
        .collect();
    let mut truths: Vec<Truth> = Vec::new();
    let mut originals: Vec<ReuseDocument> = docs.clone();
    for (h, text) in host_texts.iter().enumerate() {
        originals.push(ReuseDocument::new(format!("host{h}"), text.clone()));
        let mut ins = inserts[h].clone();
        ins.sort_by_key(|x| x.0);
        let mut out = String::new();
        let mut k = 0;
        for (i, line) in text.lines().enumerate() {
            while k < ins.len() && ins[k].0 == i {
                let start = out.len();
                out.push_str(&ins[k].1);
                let (s, ref span) = source_spans[ins[k].2];
                truths.push(Truth {
                    plant: ins[k].2,
                    source: s,
                    source_span: span.clone(),
                    host: nsrc + h,
                    host_span: start..out.len(),
                    traditional: ins[k].3,
                });
                out.push('\n');
                k += 1;
            }
            out.push_str(line);
            out.push('\n');
        }
        docs.push(ReuseDocument::new(format!("host{h}"), out).with_date("2020-01-01"));
    }

    let background = finder.find(&originals);
    let report = finder.find(&docs);
    let (recall, precision, boundary, trad_recall, links, bg) =
        score(&report, &background, &docs, &truths);
    eprintln!(
        "reuse evaluation: {} documents, {} plants, {} planted copies ({} traditional); \
         recall {recall:.3}, traditional recall {trad_recall:.3}, precision {precision:.3} \
         over {links} new links, boundaries within 5 chars {boundary:.3}; \
         {bg} background clusters before planting",
        docs.len(),
        plants,
        truths.len(),
        truths.iter().filter(|t| t.traditional).count()
    );
    for c in &background.clusters {
        let text: String = c.text.chars().take(60).collect();
        eprintln!(
            "  background: {} members, {}",
            c.members.len(),
            text.replace('\n', " ")
        );
    }
    assert!(recall >= 0.95, "recall {recall}");
    assert!(trad_recall >= 0.95, "traditional recall {trad_recall}");
    assert!(precision >= 0.95, "precision {precision}");
    assert!(boundary >= 0.90, "boundaries {boundary}");
    // Before planting (corpus + news): the links there are the news
    // texts quoting each other (a law's articles, a speech quoted in later
    // reports); none stands on stock phrases alone.
    for c in &background.clusters {
        assert!(
            3 * finder.novel_chars(&c.text) >= 2 * finder.min_chars(),
            "stock-only link: {}",
            c.text
        );
    }
    assert!(bg <= originals.len() / 4, "{bg} background clusters");
}

/// (recall, precision, boundary accuracy, traditional recall, new links,
/// background clusters).
fn score(
    report: &ReuseReport,
    background: &ReuseReport,
    docs: &[ReuseDocument],
    truths: &[Truth],
) -> (f64, f64, f64, f64, usize, usize) {
    let j = judge(report, background, docs, truths);
    let (found, exact) = (&j.found, &j.exact);
    let n = truths.len().max(1) as f64;
    let recall = found.iter().filter(|x| **x).count() as f64 / n;
    let boundary = exact.iter().filter(|x| **x).count() as f64
        / found.iter().filter(|x| **x).count().max(1) as f64;
    let trad: Vec<usize> = (0..truths.len())
        .filter(|&t| truths[t].traditional)
        .collect();
    let trad_recall = trad.iter().filter(|&&t| found[t]).count() as f64 / trad.len().max(1) as f64;
    (
        recall,
        j.precision(),
        boundary,
        trad_recall,
        j.new_links,
        background.clusters.len(),
    )
}

/// What the scorer found: per planted copy, whether it was linked to its
/// source and whether both ends were within 5 characters; links counted.
struct Judged {
    found: Vec<bool>,
    exact: Vec<bool>,
    new_links: usize,
    true_links: usize,
}

impl Judged {
    fn precision(&self) -> f64 {
        if self.new_links == 0 {
            1.0
        } else {
            self.true_links as f64 / self.new_links as f64
        }
    }
}

/// Judges every reported link against the planted copies; links between
/// documents already linked before planting that touch no planted copy or
/// source are background and set aside.
fn judge(
    report: &ReuseReport,
    background: &ReuseReport,
    docs: &[ReuseDocument],
    truths: &[Truth],
) -> Judged {
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    // Every reported link: a pair of members of one cluster.
    let mut found = vec![false; truths.len()];
    let mut exact = vec![false; truths.len()];
    let (mut new_links, mut true_links) = (0usize, 0usize);
    for c in &report.clusters {
        for (i, x) in c.members.iter().enumerate() {
            for y in &c.members[i + 1..] {
                let (dx, dy) = (index[x.id.as_str()], index[y.id.as_str()]);
                if dx == dy {
                    continue;
                }
                // Background: neither side touches a planted copy or its
                // source, and the two documents were linked before planting
                // (the news texts quote each other).
                let planted = |d: usize, sp: [usize; 2]| {
                    truths.iter().any(|t| {
                        (d == t.host && overlaps(&t.host_span, sp))
                            || (d == t.source && overlaps(&t.source_span, sp))
                    })
                };
                if !planted(dx, x.span)
                    && !planted(dy, y.span)
                    && linked_before(background, &x.id, &y.id)
                {
                    continue;
                }
                new_links += 1;
                let mut ok = false;
                for (t, tr) in truths.iter().enumerate() {
                    let side = |d: usize, s: [usize; 2]| {
                        (d == tr.source && overlaps(&tr.source_span, s))
                            || (d == tr.host && overlaps(&tr.host_span, s))
                    };
                    let same_plant_hosts = truths.iter().any(|o| {
                        o.plant == tr.plant
                            && o.host != tr.host
                            && ((d_eq(dx, o.host)
                                && overlaps(&o.host_span, x.span)
                                && dy == tr.host
                                && overlaps(&tr.host_span, y.span))
                                || (d_eq(dy, o.host)
                                    && overlaps(&o.host_span, y.span)
                                    && dx == tr.host
                                    && overlaps(&tr.host_span, x.span)))
                    });
                    if same_plant_hosts {
                        ok = true;
                    }
                    if side(dx, x.span)
                        && side(dy, y.span)
                        && dx != dy
                        && (dx == tr.host || dy == tr.host)
                    {
                        ok = true;
                        found[t] = true;
                        let (src, host) = if dx == tr.host { (y, x) } else { (x, y) };
                        let st = &docs[tr.source].text;
                        let ht = &docs[tr.host].text;
                        let within = chars_between(st, src.span[0], tr.source_span.start) <= 5
                            && chars_between(st, src.span[1], tr.source_span.end) <= 5
                            && chars_between(ht, host.span[0], tr.host_span.start) <= 5
                            && chars_between(ht, host.span[1], tr.host_span.end) <= 5;
                        exact[t] |= within;
                    }
                }
                if ok {
                    true_links += 1;
                } else {
                    eprintln!(
                        "  false link: {} {:?} ~ {} {:?}: {}",
                        x.id, x.span, y.id, y.span, c.text
                    );
                }
            }
        }
    }
    for (t, tr) in truths.iter().enumerate() {
        if !found[t] {
            eprintln!(
                "  missed: plant {} ({} chars{}): {}",
                tr.plant,
                docs[tr.host].text[tr.host_span.clone()].chars().count(),
                if tr.traditional { ", traditional" } else { "" },
                &docs[tr.host].text[tr.host_span.clone()]
            );
        } else if !exact[t] {
            eprintln!(
                "  boundary off: plant {}: {}",
                tr.plant,
                &docs[tr.host].text[tr.host_span.clone()]
            );
        }
    }
    Judged {
        found,
        exact,
        new_links,
        true_links,
    }
}

fn linked_before(background: &ReuseReport, x: &str, y: &str) -> bool {
    background
        .clusters
        .iter()
        .any(|c| c.members.iter().any(|m| m.id == x) && c.members.iter().any(|m| m.id == y))
}

fn d_eq(a: usize, b: usize) -> bool {
    a == b
}

// ---------------------------------------------------------------------
// The harder planting: copied sentences with several edits at once.
// ---------------------------------------------------------------------

/// Pinyin syllables for invented glosses.
const SYLLABLES: [&str; 12] = [
    "dǎng", "jiàn", "shè", "qū", "zhì", "yuàn", "fú", "wù", "gōng", "zuò", "lǐng", "dǎo",
];

const NUMERALS: &str = "一二三四五六七八九十";

/// Whether `c` is a letter or digit (what the match text keeps).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Edits a passage as a copying writer does, several kinds at once: places
/// swapped, numbers changed, 3–10 % of its letters dropped or inserted,
/// punctuation swapped, sometimes a pinyin gloss with an edit inside,
/// a third of the copies in traditional script.
fn hard_edit(
    surface: &str,
    rng: &mut Rng,
    s2t: &HashMap<char, char>,
    places: &[String],
    len: usize,
) -> (String, bool) {
    let mut s = surface.to_string();
    for p in places {
        if s.contains(p.as_str()) {
            let other = &places[rng.below(places.len())];
            s = s.replace(p.as_str(), other);
        }
    }
    let mut chars: Vec<char> = s.chars().collect();
    let numerals: Vec<char> = NUMERALS.chars().collect();
    let mut changed = 0;
    for c in chars.iter_mut() {
        if changed < 2 && c.is_ascii_digit() && rng.chance(0.6) {
            *c = char::from(b'0' + ((*c as u8 - b'0' + 1 + rng.below(9) as u8) % 10));
            changed += 1;
        } else if changed < 2 && numerals.contains(c) && rng.chance(0.6) {
            *c = numerals[rng.below(numerals.len())];
            changed += 1;
        }
    }
    let rate = 0.03 + 0.07 * (rng.below(1000) as f64 / 1000.0);
    let indels = ((len as f64 * rate).round() as usize).max(1);
    let filler: Vec<char> = FILLER.chars().collect();
    for _ in 0..indels {
        if chars.len() < 6 {
            break;
        }
        let at = 1 + rng.below(chars.len() - 2);
        if rng.chance(0.5) && is_word_char(chars[at]) {
            chars.remove(at);
        } else {
            chars.insert(at, filler[rng.below(filler.len())]);
        }
    }
    for c in chars.iter_mut() {
        let r = rng.below(10);
        *c = match *c {
            '，' if r < 3 => ['、', ' ', '；'][r],
            '。' if r < 3 => ['；', '！', '，'][r],
            '、' if r < 2 => ['，', ' '][r],
            '“' | '”' if r < 5 => '"',
            x => x,
        };
    }
    // A pinyin gloss after a Han character, sometimes without its tone
    // marks or with a letter changed.
    if rng.chance(0.25) && chars.len() > 8 {
        let at = 2 + rng.below(chars.len() - 4);
        if ('\u{4E00}'..='\u{9FFF}').contains(&chars[at - 1]) {
            let mut g = String::from(if rng.chance(0.5) { "（" } else { "(" });
            for k in 0..1 + rng.below(2) {
                if k > 0 {
                    g.push(' ');
                }
                g.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
            }
            g.push(if g.starts_with('(') { ')' } else { '）' });
            let g = match rng.below(3) {
                0 => g
                    .replace(['ǎ', 'à'], "a")
                    .replace('è', "e")
                    .replace(['ī', 'ǐ'], "i")
                    .replace('ō', "o")
                    .replace(['ú', 'ù', 'ū'], "u"),
                1 => g.replacen('n', "m", 1),
                _ => g,
            };
            let tail = chars.split_off(at);
            chars.extend(g.chars());
            chars.extend(tail);
        }
    }
    let traditional = rng.below(3) == 0;
    if traditional {
        for c in chars.iter_mut() {
            if let Some(t) = s2t.get(c) {
                *c = *t;
            }
        }
    }
    (chars.into_iter().collect(), traditional)
}

/// Length buckets of the planted passages (letters and digits before
/// edits).
const BUCKETS: [(usize, usize); 4] = [(30, 44), (45, 59), (60, 89), (90, usize::MAX)];

fn bucket(len: usize) -> usize {
    BUCKETS
        .iter()
        .position(|&(lo, hi)| len >= lo && len <= hi)
        .unwrap_or(0)
}

/// The stock phrases' match texts.
fn stock_match_texts(n: &Normalizer) -> Vec<Vec<char>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reuse-stock.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| MatchText::new(n, l, None).chars)
        .filter(|c| c.len() >= 4)
        .collect()
}

/// Where stock phrases occur in `chars`: match-character ranges.
fn stock_ranges(chars: &[char], stock: &[Vec<char>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in stock {
        for (i, w) in chars.windows(p.len()).enumerate() {
            if w == p.as_slice() {
                out.push(i..i + p.len());
            }
        }
    }
    out
}

/// A chosen passage: source document, match-character start and length.
fn choose_passage(rng: &mut Rng, m: &MatchText, stock: &[Range<usize>]) -> Option<(usize, usize)> {
    let len = if rng.chance(0.5) {
        30 + rng.below(16)
    } else {
        30 + rng.below(271)
    };
    if m.len() < len + 2 {
        return None;
    }
    // A fifth begin or end inside a stock phrase.
    if rng.chance(0.2) && !stock.is_empty() {
        let r = &stock[rng.below(stock.len())];
        let inside = r.start + 1 + rng.below(r.len().saturating_sub(2).max(1));
        let at = if rng.chance(0.5) {
            inside
        } else {
            inside.checked_sub(len)?
        };
        return (at + len < m.len()).then_some((at, len));
    }
    Some((rng.below(m.len() - len), len))
}

/// Byte positions where a copy may go: after a full stop or a line break,
/// outside `avoid`.
fn insertion_points(text: &str, avoid: &[Range<usize>]) -> Vec<usize> {
    let mut out = vec![0];
    for (i, c) in text.char_indices() {
        if c == '。' || c == '\n' {
            out.push(i + c.len_utf8());
        }
    }
    out.retain(|&p| p < text.len() && !avoid.iter().any(|r| r.start < p && p < r.end));
    out
}

#[test]
fn harder_planting_by_length_bucket() {
    let data = common::shared_data();
    let normalizer = Normalizer::default();
    let finder = Reuse::default();
    let (s2t, places) = (s2t(), place_names());
    let stock = stock_match_texts(&normalizer);
    let mut rng = Rng(0x0ddb_a11c_0ffe_e026);
    let mut texts: Vec<(String, String)> = Vec::new();
    for e in std::fs::read_dir(common::corpus_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    texts.sort();
    let nsrc = texts.len();
    if let Some(d) = &data {
        for (i, t) in hosts(d).into_iter().enumerate() {
            texts.push((format!("news{i}"), t));
        }
    }
    let plants = if data.is_some() { 160 } else { 40 };

    // Passages from the corpus reports (not overlapping, not repeated in
    // their own report).
    let mut chosen: Vec<(usize, Range<usize>, usize)> = Vec::new();
    let mut tries = 0;
    while chosen.len() < plants && tries < 100_000 {
        tries += 1;
        let s = rng.below(nsrc);
        let m = MatchText::new(&normalizer, &texts[s].1, None);
        let sr = stock_ranges(&m.chars, &stock);
        let Some((at, len)) = choose_passage(&mut rng, &m, &sr) else {
            continue;
        };
        let (a, b) = m.original_span(at, at + len);
        let surface = &texts[s].1[a..b];
        let whole = m.as_string();
        let head: String = m.chars[at..at + 12].iter().collect();
        let tail: String = m.chars[at + len - 12..at + len].iter().collect();
        let repeated = whole.matches(&head).count() > 1 || whole.matches(&tail).count() > 1;
        let taken = chosen
            .iter()
            .any(|(d, r, _)| *d == s && r.start < b + 30 && a < r.end + 30);
        // At least two thirds of it outside stock phrases.
        if taken || repeated || surface.contains('\n') || 3 * finder.novel_chars(surface) < 2 * len
        {
            continue;
        }
        chosen.push((s, a..b, len));
    }
    // Copies: one or two each, into a corpus report other than the source
    // or a news text.
    let mut inserts: Vec<Vec<(usize, String, usize)>> = vec![Vec::new(); texts.len()];
    let mut copies: Vec<(usize, usize, bool)> = Vec::new(); // (plant, host, traditional)
    for (plant, (s, r, len)) in chosen.iter().enumerate() {
        for _ in 0..1 + rng.below(2) {
            let h = loop {
                let h = rng.below(texts.len());
                if h != *s {
                    break h;
                }
            };
            let avoid: Vec<Range<usize>> = chosen
                .iter()
                .filter(|(d, _, _)| *d == h)
                .map(|(_, r, _)| r.clone())
                .collect();
            let points = insertion_points(&texts[h].1, &avoid);
            let at = points[rng.below(points.len())];
            let (mut copy, trad) =
                hard_edit(&texts[*s].1[r.clone()], &mut rng, &s2t, &places, *len);
            let k = copies.len();
            copies.push((plant, h, trad));
            if !copy.ends_with(['。', '；', '！', '，']) {
                copy.push('。');
            }
            inserts[h].push((at, copy, k));
        }
    }
    let (docs, truths) = assemble(&texts, &inserts, &copies, &chosen, nsrc);
    let originals: Vec<ReuseDocument> = texts
        .iter()
        .map(|(id, t)| ReuseDocument::new(id.clone(), t.clone()))
        .collect();
    let background = finder.find(&originals);
    let report = finder.find(&docs);
    let j = judge(&report, &background, &docs, &truths);
    let lens: Vec<usize> = chosen.iter().map(|c| c.2).collect();
    let rows = bucket_rows(&j, &truths, &lens);
    let (n, found, exact) = rows
        .iter()
        .fold((0, 0, 0), |a, r| (a.0 + r.0, a.1 + r.1, a.2 + r.2));
    let trad: Vec<usize> = (0..truths.len())
        .filter(|&t| truths[t].traditional)
        .collect();
    eprintln!(
        "harder reuse evaluation: {} documents ({} reports, {} news), {} passages, {} copies \
         ({} traditional, found {}); recall {found}/{n} = {:.3}, precision {:.3} over {} new \
         links, boundaries within 5 chars {:.3}; {} background clusters",
        docs.len(),
        nsrc,
        docs.len() - nsrc,
        chosen.len(),
        truths.len(),
        trad.len(),
        trad.iter().filter(|&&t| j.found[t]).count(),
        found as f64 / n.max(1) as f64,
        j.precision(),
        j.new_links,
        exact as f64 / found.max(1) as f64,
        background.clusters.len()
    );
    for (b, (n, found, exact)) in rows.iter().enumerate() {
        let r = *found as f64 / (*n).max(1) as f64;
        assert!(r >= 0.95, "bucket {b}: recall {r}");
        let e = *exact as f64 / (*found).max(1) as f64;
        assert!(e >= 0.90, "bucket {b}: boundaries {e}");
    }
    for c in &background.clusters {
        assert!(
            3 * finder.novel_chars(&c.text) >= 2 * finder.min_chars(),
            "stock-only link: {}",
            c.text
        );
    }
    assert!(j.precision() >= 0.95, "precision {}", j.precision());
}

/// Prints recall and boundary accuracy by length bucket; returns (copies,
/// found, boundaries within 5) a bucket. `lens`: planted length by plant.
fn bucket_rows(j: &Judged, truths: &[Truth], lens: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut rows = Vec::new();
    for (b, &(lo, hi)) in BUCKETS.iter().enumerate() {
        let ts: Vec<usize> = (0..truths.len())
            .filter(|&t| bucket(lens[truths[t].plant]) == b)
            .collect();
        let found = ts.iter().filter(|&&t| j.found[t]).count();
        let exact = ts.iter().filter(|&&t| j.exact[t]).count();
        let hi = if hi == usize::MAX {
            "+".to_string()
        } else {
            format!("–{hi}")
        };
        eprintln!(
            "  {lo}{hi}: recall {found}/{} = {:.3}, boundaries within 5 chars {exact}/{found} = {:.3}",
            ts.len(),
            found as f64 / ts.len().max(1) as f64,
            exact as f64 / found.max(1) as f64
        );
        rows.push((ts.len(), found, exact));
    }
    rows
}

/// The documents with their copies inserted, and the truths with the
/// source spans shifted by the insertions.
fn assemble(
    texts: &[(String, String)],
    inserts: &[Vec<(usize, String, usize)>],
    copies: &[(usize, usize, bool)],
    chosen: &[(usize, Range<usize>, usize)],
    nsrc: usize,
) -> (Vec<ReuseDocument>, Vec<Truth>) {
    // Documents with their copies; truth spans shifted by the insertions.
    let mut docs: Vec<ReuseDocument> = Vec::new();
    let mut host_spans: Vec<Range<usize>> = vec![0..0; copies.len()];
    let mut shifts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); texts.len()];
    for (d, (id, text)) in texts.iter().enumerate() {
        let mut ins = inserts[d].clone();
        ins.sort_by_key(|x| x.0);
        let mut out = String::new();
        let mut last = 0;
        for (at, copy, k) in ins {
            out.push_str(&text[last..at]);
            let start = out.len();
            let body = copy.trim_end_matches(['。', '；', '！', '，']);
            out.push_str(&copy);
            host_spans[k] = start..start + body.len();
            shifts[d].push((at, copy.len()));
            last = at;
        }
        out.push_str(&text[last..]);
        let date = if d < nsrc { "2019-01-01" } else { "2020-01-01" };
        docs.push(ReuseDocument::new(id.clone(), out).with_date(date));
    }
    let shift = |d: usize, p: usize| -> usize {
        p + shifts[d]
            .iter()
            .filter(|(at, _)| *at <= p)
            .map(|x| x.1)
            .sum::<usize>()
    };
    let truths: Vec<Truth> = copies
        .iter()
        .enumerate()
        .map(|(k, &(plant, h, trad))| {
            let (s, r, _) = &chosen[plant];
            Truth {
                plant,
                source: *s,
                source_span: shift(*s, r.start)..shift(*s, r.start) + r.len(),
                host: h,
                host_span: host_spans[k].clone(),
                traditional: trad,
            }
        })
        .collect();
    (docs, truths)
}
