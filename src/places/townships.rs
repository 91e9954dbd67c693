//! The township level: towns (镇), townships (乡), streets (街道) and sumu
//! (苏木) of the whole country, each under its county.
//!
//! Many reports from below the county name no division at all: a township
//! secretary's account names his township and the next one, a sumu's report
//! names the sumu. A reader who knows the map knows the county; this module
//! is that knowledge (`data/townships.tsv`: 38,337 townships under 29,927
//! names, from the NBS 2023 codes, built by `examples/build_townships.rs`).
//!
//! Town names repeat across the country (城关镇 in 88 counties), and some
//! are also phrases, so a name found in the text settles a county only
//! where the text leaves one reading:
//!
//! 1. a name is found only as a whole word (word boundaries on both sides)
//!    of at least two characters before its level word;
//! 2. where the text names divisions, only the counties within one of them
//!    are candidates (梅州市 … 某镇 → the 某镇 of 梅州市's counties); where it
//!    names none, a name must be the only one of its kind in the country;
//! 3. a name left with one candidate settles it; then a name still shared
//!    is settled by the counties already settled (two towns of one report,
//!    one of them unique, the other shared with a far province).
//!
//! ```text
//! 某某苏木 (one in the country)              → its banner
//! 某乡 (unique) … 某镇 (three in the country) → both in the 某乡's county
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Gazetteer;

const DATA: &str = include_str!("../../data/townships.tsv");

/// The level words of the units listed, longest first where one ends
/// another.
const SUFFIXES: &[&str] = &["街道", "苏木", "镇", "乡"];

/// The most characters of a name before its level word.
const MAX_STEM: usize = 6;

/// Every township name with the counties (gazetteer indices) that have one.
struct Townships {
    by_name: HashMap<&'static str, Vec<usize>>,
}

impl Townships {
    fn shared() -> &'static Townships {
        static T: LazyLock<Townships> = LazyLock::new(|| Townships::load(Gazetteer::shared()));
        &T
    }

    fn load(g: &Gazetteer) -> Townships {
        let mut by_name: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let Some((code, names)) = line.split_once('\t') else {
                continue;
            };
            let Some(&county) = g.by_code.get(code) else {
                continue;
            };
            for name in names.split(' ').filter(|n| !n.is_empty()) {
                let v = by_name.entry(name).or_default();
                if !v.contains(&county) {
                    v.push(county);
                }
            }
        }
        Townships { by_name }
    }
}

/// A township name found in the text, with the counties that have one.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    counties: &'static [usize],
}

/// The township names of `text` that stand as whole words (`boundary`
/// says where words start and end), longest first at each level word.
pub(super) fn find(text: &str, boundary: &dyn Fn(usize) -> bool) -> Vec<Found> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(['镇', '乡', '街', '苏']) {
        let Some(suf) = SUFFIXES.iter().find(|s| text[at..].starts_with(*s)) else {
            continue;
        };
        let end = at + suf.len();
        if !boundary(end) {
            continue;
        }
        // Stems of two to MAX_STEM characters, longest first.
        let starts: Vec<usize> = text[..at]
            .char_indices()
            .rev()
            .take(MAX_STEM)
            .take_while(|(_, c)| crate::normalize::is_han(*c))
            .map(|(i, _)| i)
            .collect();
        // The table is read at the first candidate (a text without one
        // never loads it).
        let t = Townships::shared();
        let hit = starts.iter().skip(1).rev().find_map(|&s| {
            let name = &text[s..end];
            let counties = t.by_name.get(name)?;
            boundary(s).then_some(Found {
                start: s,
                end,
                counties,
            })
        });
        out.extend(hit);
    }
    out
}

/// Settles the county of each township name in `found` (see the module
/// docs): `named` are the divisions the text names. Returns each settled
/// name with its county and where it is mentioned.
pub(super) fn settle<'a>(
    g: &Gazetteer,
    text: &'a str,
    found: &[Found],
    named: &[usize],
) -> Vec<(&'a str, usize, Vec<usize>)> {
    let mut names: Vec<(&'a str, &'static [usize], Vec<usize>)> = Vec::new();
    for f in found {
        let name = &text[f.start..f.end];
        match names.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, _, at)) => at.push(f.start),
            None => names.push((name, f.counties, vec![f.start])),
        }
    }
    let candidates = |counties: &[usize]| -> Vec<usize> {
        if named.is_empty() {
            return counties.to_vec();
        }
        counties
            .iter()
            .copied()
            .filter(|&c| named.iter().any(|&n| g.within(c, n)))
            .collect()
    };
    let mut settled: Vec<(&'a str, usize, Vec<usize>)> = Vec::new();
    let mut open = Vec::new();
    for (name, counties, at) in names {
        match candidates(counties).as_slice() {
            [one] => settled.push((name, *one, at)),
            [] => {}
            many => open.push((name, many.to_vec(), at)),
        }
    }
    let known: Vec<usize> = settled.iter().map(|s| s.1).collect();
    for (name, many, at) in open {
        let mut left = many.iter().filter(|c| known.contains(c));
        if let (Some(&one), None) = (left.next(), left.next()) {
            settled.push((name, one, at));
        }
    }
    settled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_char(_: usize) -> bool {
        true
    }

    fn names(text: &str) -> Vec<&str> {
        find(text, &every_char)
            .iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    fn county_of(text: &str, named: &[&str]) -> Vec<(String, String)> {
        let g = Gazetteer::shared();
        let named: Vec<usize> = named.iter().map(|c| g.by_code[*c]).collect();
        let found = find(text, &every_char);
        settle(g, text, &found, &named)
            .into_iter()
            .map(|(n, c, _)| (n.to_string(), g.places[c].name.clone()))
            .collect()
    }

    #[test]
    fn the_table_loads() {
        let t = Townships::shared();
        assert!(t.by_name.len() > 25_000, "{}", t.by_name.len());
        // A name of many counties keeps them all.
        assert!(t.by_name["城关镇"].len() > 50);
    }

    #[test]
    fn names_are_found_as_words() {
        assert_eq!(names("镇里的干部来到东华门街道走访"), ["东华门街道"]);
        // Too short to tell from a word (新乡, 城乡), or no name at all.
        assert!(names("城乡统筹,回到家乡").is_empty());
        let b = "到城关镇开展活动";
        let only_at = |at: usize| at == 0 || at == 3 || at == "到城关镇".len();
        let found: Vec<&str> = find(b, &only_at)
            .iter()
            .map(|f| &b[f.start..f.end])
            .collect();
        assert_eq!(found, ["城关镇"]);
        // A name cut inside a word is not a name.
        let inside = |at: usize| at != "到城关镇".len();
        assert!(find(b, &inside).is_empty());
    }

    #[test]
    fn a_unique_name_settles_its_county() {
        // One 东华门街道 in the country: 东城区.
        assert_eq!(
            county_of("东华门街道组织党员开展志愿服务", &[]),
            [("东华门街道".to_string(), "东城区".to_string())]
        );
        // Outside the divisions the text names, it settles nothing.
        assert!(county_of("东华门街道组织党员开展志愿服务", &["440000"]).is_empty());
    }

    #[test]
    fn a_shared_name_needs_a_division_or_a_neighbour() {
        // 城关镇 is a town of 88 counties.
        assert!(county_of("城关镇开展活动", &[]).is_empty());
        // Within the one division named, one county has it.
        let g = Gazetteer::shared();
        let t = Townships::shared();
        let (county, province) = t.by_name["城关镇"]
            .iter()
            .map(|&c| (c, g.places[c].parent.and_then(|p| g.places[p].parent)))
            .find_map(|(c, p)| {
                let p = p?;
                let same = t.by_name["城关镇"]
                    .iter()
                    .filter(|&&o| g.within(o, p))
                    .count();
                (same == 1).then_some((c, p))
            })
            .expect("a province with one 城关镇");
        let code = g.places[province].code.as_str();
        assert_eq!(
            county_of("城关镇开展活动", &[code]),
            [("城关镇".to_string(), g.places[county].name.clone())]
        );
    }

    #[test]
    fn a_shared_name_is_settled_by_a_settled_neighbour() {
        // A county with a town of its own name and a town whose name three
        // counties share: a text naming both, and no division, is about it.
        let g = Gazetteer::shared();
        let t = Townships::shared();
        let in_county = |c: usize| t.by_name.iter().filter(move |(_, v)| v.contains(&c));
        let (county, unique, shared) = (0..g.places.len())
            .find_map(|c| {
                let u = in_county(c).find(|(_, v)| v.len() == 1)?.0;
                let s = in_county(c).find(|(_, v)| v.len() == 3)?.0;
                Some((c, *u, *s))
            })
            .expect("a county with a unique and a shared town");
        let text = format!("{unique}组织党员开展志愿服务。{shared}召开会议。");
        let mut got = county_of(&text, &[]);
        got.sort();
        let mut want = vec![
            (unique.to_string(), g.places[county].name.clone()),
            (shared.to_string(), g.places[county].name.clone()),
        ];
        want.sort();
        assert_eq!(got, want);
        // Alone, the shared name settles nothing.
        assert!(county_of(&format!("{shared}召开会议。"), &[]).is_empty());
    }

    #[test]
    fn a_report_from_a_town_is_about_its_county() {
        let a = crate::Pipeline::default().analyze(&crate::Document::from_text(
            "东华门街道开展党员志愿服务\n东华门街道组织党员120名走进社区,东华门街道各社区党组织同步开展活动。",
        ));
        let place = a.place.map(|p| p.name);
        assert_eq!(place.as_deref(), Some("东城区"));
        assert!(
            a.claims
                .iter()
                .all(|c| c.place.as_deref() == Some("东城区"))
        );
        // In traditional script too: names are read in the normalized text.
        let a = crate::Pipeline::default().analyze(&crate::Document::from_text(
            "東華門街道組織黨員120名走進社區,東華門街道各社區黨組織同步開展活動。",
        ));
        assert_eq!(a.place.map(|p| p.name).as_deref(), Some("东城区"));
    }
}
