//! The archive search: recall of substrings in either script, replacement,
//! deletion, filters, facets, claims rows, errors, and the Elasticsearch
//! export against its mapping.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dangjian::search::tokenize::{chars_of, normalize};
use dangjian::search::{Archive, ClaimsRequest, Facet, Filters, SearchRequest, Sort};
use dangjian::{Analysis, Document, Pipeline};

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dangjian-search-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    v.sort();
    v
}

/// The bundled corpus, and the development texts when they are present.
fn analyses() -> &'static Vec<Analysis> {
    static A: OnceLock<Vec<Analysis>> = OnceLock::new();
    A.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = corpus_files(&root.join("corpus"));
        files.extend(corpus_files(&root.join("../shared/dev/texts")));
        let p = Pipeline::default();
        files
            .iter()
            .filter_map(|f| Document::from_path(f).ok())
            .map(|d| p.analyze(&d))
            .collect()
    })
}

/// An archive of [`analyses`], built once.
fn archive() -> &'static Archive {
    static A: OnceLock<Archive> = OnceLock::new();
    A.get_or_init(|| {
        let dir = temp_dir("shared");
        let a = Archive::create(&dir).unwrap();
        let mut w = a.writer(2).unwrap();
        for an in analyses() {
            w.add(an).unwrap();
        }
        w.finish().unwrap();
        a.reload().unwrap();
        a
    })
}

fn ids(a: &Archive, q: &str) -> BTreeSet<String> {
    let r = a
        .search(&SearchRequest::new().query(q).limit(100_000))
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    r.hits.into_iter().map(|h| h.id).collect()
}

/// The text a document is searched by: normalized title and body, without
/// whitespace, ASCII lower-cased.
fn searchable(a: &Analysis) -> (String, String) {
    let f = |s: &str| {
        chars_of(&normalize(s))
            .into_iter()
            .map(|c| c.1)
            .collect::<String>()
    };
    (f(a.meta.title.as_deref().unwrap_or("")), f(&a.body))
}

/// Simplified → a traditional form, from OpenCC's traditional → simplified
/// table: for each character, a traditional one that normalizes back.
fn to_traditional(s: &str) -> String {
    static MAP: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let raw = std::fs::read_to_string(root.join("data/opencc/TSCharacters.txt")).unwrap();
        let mut m: HashMap<char, Vec<char>> = HashMap::new();
        for line in raw.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let (Some(t), Some(s)) = (parts.next(), parts.next()) else {
                continue;
            };
            let (Some(t), Some(s)) = (
                t.chars().next(),
                s.split(' ').next().and_then(|x| x.chars().next()),
            ) else {
                continue;
            };
            m.entry(s).or_default().push(t);
        }
        m
    });
    s.chars()
        .map(|c| {
            map.get(&c)
                .and_then(|ts| {
                    ts.iter()
                        .copied()
                        .find(|t| normalize(&t.to_string()) == c.to_string())
                })
                .unwrap_or(c)
        })
        .collect()
}

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn every_substring_finds_every_document_that_contains_it_in_either_script() {
    let arch = archive();
    let docs = analyses();
    let texts: Vec<(String, String)> = docs.iter().map(searchable).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut checked, mut trad_checked, mut trad_differs) = (0, 0, 0);
    while checked < 500 {
        let d = rng.below(docs.len());
        let body: Vec<char> = texts[d].1.chars().collect();
        if body.len() < 8 {
            continue;
        }
        let len = 2 + rng.below(5);
        let start = rng.below(body.len() - len);
        let sub: String = body[start..start + len].iter().collect();
        if sub.contains(['"', '“', '”']) {
            continue;
        }
        let expected: BTreeSet<String> = docs
            .iter()
            .zip(&texts)
            .filter(|(_, (t, b))| t.contains(&sub) || b.contains(&sub))
            .map(|(a, _)| a.id.clone())
            .collect();
        let got = ids(arch, &format!("\"{sub}\""));
        let missing: Vec<_> = expected.difference(&got).collect();
        assert!(missing.is_empty(), "{sub}: missing {missing:?}");
        checked += 1;
        let trad = to_traditional(&sub);
        if trad != sub {
            if normalize(&trad) == sub {
                let got = ids(arch, &format!("\"{trad}\""));
                let missing: Vec<_> = expected.difference(&got).collect();
                assert!(missing.is_empty(), "{trad} ({sub}): missing {missing:?}");
                trad_checked += 1;
            } else {
                trad_differs += 1;
            }
        }
    }
    eprintln!(
        "{checked} substrings, {trad_checked} in traditional form ({trad_differs} forms normalize otherwise)"
    );
    assert!(trad_checked > 100);
}

#[test]
fn a_word_inside_a_longer_word_is_found() {
    let dir = temp_dir("inside");
    let a = Archive::create(&dir).unwrap();
    let mut w = a.writer(1).unwrap();
    let p = Pipeline::default();
    let an = p.analyze(&Document::from_text(
        "某县推进机关党建工作，成效明显。".to_string(),
    ));
    w.add(&an).unwrap();
    w.finish().unwrap();
    a.reload().unwrap();
    assert_eq!(ids(&a, "党建").len(), 1);
    assert_eq!(ids(&a, "黨建").len(), 1);
    assert_eq!(ids(&a, "党").len(), 1);
    assert_eq!(ids(&a, "\"关党\"").len(), 1);
    assert_eq!(ids(&a, "党建 -成效").len(), 0);
    assert_eq!(ids(&a, "党建 OR 乡村").len(), 1);
    assert_eq!(ids(&a, "党建 AND 乡村").len(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A document of `text` at `path`, with its date (if any) as its only
/// metadata.
fn dated(text: String, path: String, date: Option<String>) -> Document {
    Document::from_text(text)
        .with_path(path)
        .with_info(dangjian::DocumentInfo {
            date,
            ..Default::default()
        })
}

/// Newest first, a phrase whose pairs are in every document but which is
/// itself only in the oldest: the newest candidates hold no match, and the
/// search orders every match instead. Newest first, they are found in
/// order from the candidates; further pages too.
#[test]
fn newest_first_finds_a_phrase_the_newest_candidates_lack() {
    let dir = temp_dir("newest");
    let a = Archive::create(&dir).unwrap();
    let p = Pipeline::default();
    let mut w = a.writer(1).unwrap();
    for k in 0..150usize {
        let text = if k == 0 {
            "某县组织党员社区服务活动。".to_string()
        } else {
            format!("某县{k}名党员到城东社区报到。")
        };
        let date = format!("{}-{:02}-{:02}", 2000 + k / 12, 1 + k % 12, 1 + k % 28);
        let doc = dated(text, format!("n/{k}.txt"), Some(date));
        w.add(&p.analyze(&doc)).unwrap();
    }
    w.finish().unwrap();
    a.reload().unwrap();
    let req = SearchRequest::new()
        .query("党员社区")
        .sort(Sort::Date)
        .limit(1);
    let r = a.search(&req).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].path.as_deref(), Some("n/0.txt"));
    let r = a
        .search(
            &SearchRequest::new()
                .query("社区")
                .sort(Sort::Date)
                .limit(5)
                .offset(5),
        )
        .unwrap();
    let paths: Vec<_> = r.hits.iter().map(|h| h.path.clone().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "n/144.txt",
            "n/143.txt",
            "n/142.txt",
            "n/141.txt",
            "n/140.txt"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn indexing_twice_replaces_and_delete_removes() {
    let dir = temp_dir("replace");
    let a = Archive::create(&dir).unwrap();
    let p = Pipeline::default();
    let doc =
        Document::from_text("某市：2600名在职党员到社区报到。".to_string()).with_path("x/a.txt");
    let an = p.analyze(&doc);
    for _ in 0..2 {
        let mut w = a.writer(1).unwrap();
        w.add(&an).unwrap();
        w.add(&an).unwrap();
        w.finish().unwrap();
    }
    a.reload().unwrap();
    assert_eq!(a.len(), 1);
    let claims = a
        .claims(&ClaimsRequest {
            search: SearchRequest::new().limit(100),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(claims.total as usize, an.claims.len());
    // A new version of the same path replaces the old.
    let doc2 =
        Document::from_text("某市：3000名在职党员到社区报到。".to_string()).with_path("x/a.txt");
    let mut w = a.writer(1).unwrap();
    w.add(&p.analyze(&doc2)).unwrap();
    w.finish().unwrap();
    a.reload().unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(ids(&a, "3000名").len(), 1);
    assert_eq!(ids(&a, "2600名").len(), 0);
    let mut w = a.writer(1).unwrap();
    w.delete("x/a.txt");
    w.finish().unwrap();
    a.reload().unwrap();
    assert_eq!(a.len(), 0);
    let claims = a.claims(&ClaimsRequest::default()).unwrap();
    assert_eq!(claims.total, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn snippets_are_in_the_original_script_with_spans_into_the_original() {
    let arch = archive();
    let docs = analyses();
    let r = arch
        .search(&SearchRequest::new().query("党员").limit(50))
        .unwrap();
    assert!(r.total > 0);
    for h in &r.hits {
        let a = docs.iter().find(|a| a.id == h.id).unwrap();
        let text = Document::from_path(a.path.as_deref().unwrap())
            .unwrap()
            .text;
        for s in &h.snippets {
            assert!(s.text.contains("**"), "{}", s.text);
            let [b, e] = s.span.unwrap();
            let surface = &text[b..e];
            assert_eq!(normalize(surface), "党员", "{surface}");
            for m in &s.marks {
                assert_eq!(normalize(&text[m[0]..m[1]]), "党员");
            }
        }
    }
}

/// Newest first over decades: documents over forty years, the query's
/// matches sparse in the newest years and dense in older ones, documents
/// without a date and several on one day, in several segments; some pages
/// within a year or up to a date. Every page, walked off the documents in
/// date order or taken from the newest candidates, is the page of every
/// match ordered (a search that counts facets for the first time orders
/// every match).
#[test]
fn newest_first_pages_are_every_match_ordered_over_decades() {
    let dir = temp_dir("decades");
    let a = Archive::create(&dir).unwrap();
    let p = Pipeline::default();
    let mut w = a.writer(1).unwrap();
    for k in 0..240usize {
        // Recent years: one document in five mentions the query; older:
        // every other one. Every seventh has no date; pairs share a day.
        let year = 1985 + (k * 41 / 240);
        let topic = if (year > 2015 && k % 5 == 0) || (year <= 2015 && k % 2 == 0) {
            "组织党员到社区报到"
        } else {
            "召开经济工作会议"
        };
        let date =
            (k % 7 != 3).then(|| format!("{year}-{:02}-{:02}", 1 + k / 2 % 12, 1 + k / 2 % 28));
        let doc = dated(
            format!("某地第{k}号简报。{topic}。"),
            format!("w/{k}.txt"),
            date,
        );
        w.add(&p.analyze(&doc)).unwrap();
        if k % 60 == 59 {
            w.commit().unwrap();
        }
    }
    w.finish().unwrap();
    a.reload().unwrap();
    let paths = |r: dangjian::search::SearchResults| -> Vec<String> {
        r.hits.into_iter().map(|h| h.path.unwrap()).collect()
    };
    // Within a year, and up to a date: the newest documents before it are
    // where a page starts.
    let to_2009 = Filters {
        to: Some("2009-06".into()),
        ..Default::default()
    };
    let filters = [Filters::default(), Filters::default(), to_2009];
    for q in ["党员到社区", "社区报到", "\"到社区\"", "报到 -经济"] {
        for (offset, limit) in [(0, 3), (0, 10), (8, 10), (40, 25), (100, 30)] {
            let mut req = SearchRequest::new()
                .query(q)
                .sort(Sort::Date)
                .offset(offset)
                .limit(limit)
                .filters(filters[(offset + limit) % 3].clone());
            if limit == 10 {
                req = req.year(2003);
            }
            let newest = paths(a.search(&req).unwrap());
            // Nothing counted: with facets, every match is ordered.
            a.forget_counts();
            let every = paths(a.search(&req.clone().facets(["year"])).unwrap());
            assert_eq!(newest, every, "{q} {offset}+{limit}");
            assert!(
                !newest.is_empty() || offset >= 100 || req.filters.year.is_some(),
                "{q} {offset}+{limit}"
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A page by score comes from the query's words, skipping what cannot reach
/// it; the same query as an OR of itself has every match scored: the two
/// pages are the same, in the same order, for every shape of query and for
/// a page further on. So are the pages newest first, from the newest
/// candidates and from every match. And the count stops at the request's
/// limit.
#[test]
fn a_page_ranked_from_the_words_is_the_page_of_every_match_scored() {
    let arch = archive();
    let queries = [
        "党员",
        "社区",
        "党建",
        "建设",
        "机关党建",
        "\"基层党组织\"",
        "党员 社区",
        "党员 -社区",
        "title:党建",
        "body:群众",
        "党员 OR 群众",
        "服务 source:人民日报",
        "党员群众",
        "的",
    ];
    for q in queries {
        for (offset, limit) in [(0, 10), (10, 10), (0, 1), (3, 40)] {
            let req = SearchRequest::new().query(q).offset(offset).limit(limit);
            // Newest first: from the newest candidates, or every match.
            let by_date = req.clone().sort(Sort::Date);
            let ids = |r: dangjian::search::SearchResults| -> Vec<String> {
                r.hits.into_iter().map(|h| h.id).collect()
            };
            let newest = ids(arch.search(&by_date).unwrap());
            // Nothing counted: with facets, every match is ordered.
            arch.forget_counts();
            assert_eq!(
                newest,
                ids(arch.search(&by_date.clone().facets(["year"])).unwrap()),
                "{q} by date {offset}+{limit}"
            );
            let fast = arch.search(&req).unwrap();
            // The same query as an OR of itself is ranked by scoring every
            // match (under an OR the words alone do not give the score), at
            // twice the score.
            let full = arch
                .search(&req.clone().query(format!("({q}) OR ({q})")))
                .unwrap();
            let faceted = arch.search(&req.clone().facets(["year"])).unwrap();
            assert_eq!(faceted.hits, fast.hits, "{q}: with facets");
            let page = |r: &dangjian::search::SearchResults| -> Vec<(String, f32)> {
                let twice = if std::ptr::eq(r, &full) { 0.5 } else { 1.0 };
                r.hits
                    .iter()
                    .map(|h| (h.id.clone(), h.score.unwrap_or(-1.0) * twice))
                    .collect()
            };
            let (a, b) = (page(&fast), page(&full));
            assert_eq!(a.len(), b.len(), "{q} {offset}+{limit}");
            for ((ia, sa), (ib, sb)) in a.iter().zip(&b) {
                // The same documents in the same order; where two scores
                // are equal up to the order of a float sum, either order.
                assert!(
                    ia == ib || (sa - sb).abs() <= 1e-4 * sa.abs().max(1.0),
                    "{q} {offset}+{limit}: {a:?}\n{b:?}"
                );
                assert!(
                    (sa - sb).abs() <= 1e-4 * sa.abs().max(1.0),
                    "{q}: {sa} {sb}"
                );
            }
            assert_eq!(fast.total, full.total, "{q}");
            assert!(fast.total_exact && full.total_exact);
        }
        let all = arch
            .search(&SearchRequest::new().query(q).count_limit(None))
            .unwrap();
        if all.total > 3 {
            // (A number counted before is exact and would be answered.)
            arch.forget_counts();
            let capped = arch
                .search(&SearchRequest::new().query(q).count_limit(Some(3)))
                .unwrap();
            assert_eq!((capped.total, capped.total_exact), (3, false), "{q}");
            assert_eq!(capped.hits.len(), all.hits.len());
            // Facets count every match, and the total with them.
            let faceted = arch
                .search(
                    &SearchRequest::new()
                        .query(q)
                        .count_limit(Some(3))
                        .facets(["year"]),
                )
                .unwrap();
            assert_eq!((faceted.total, faceted.total_exact), (all.total, true));
        }
    }
}

#[test]
fn filters_and_facets() {
    let arch = archive();
    let docs = analyses();
    let all = arch
        .search(
            &SearchRequest::new()
                .limit(0)
                .facets(["place", "year", "formulation", "script"]),
        )
        .unwrap();
    assert_eq!(all.total as usize, docs.len());
    let Some(Facet::Places(places)) = all.facets.get("place") else {
        panic!("no place facet");
    };
    // Every document with a coded place is counted under its province.
    let coded = docs
        .iter()
        .filter(|a| a.place.as_ref().is_some_and(|p| p.code.is_some()))
        .count() as u64;
    assert_eq!(places.iter().map(|p| p.count).sum::<u64>(), coded);
    for p in places {
        let kids: u64 = p.children.iter().map(|c| c.count).sum();
        assert!(kids <= p.count);
    }
    // A province filter holds the documents of its cities and counties.
    let zj = arch
        .search(&SearchRequest::new().place("浙江省").limit(1000))
        .unwrap();
    let expected = docs
        .iter()
        .filter(|a| {
            a.place
                .as_ref()
                .and_then(|p| p.code.as_deref())
                .is_some_and(|c| c.starts_with("33"))
        })
        .count();
    assert_eq!(zj.total as usize, expected);
    // Year and date range agree.
    for a in docs.iter().filter(|a| a.meta.date.is_some()).take(3) {
        let d = a.meta.date.clone().unwrap();
        let y: u32 = d[..4].parse().unwrap();
        let by_year = arch
            .search(&SearchRequest::new().year(y).limit(1000))
            .unwrap();
        let by_range = arch
            .search(
                &SearchRequest::new()
                    .filters(Filters {
                        from: Some(format!("{y}-01-01")),
                        to: Some(format!("{y}-12-31")),
                        ..Default::default()
                    })
                    .limit(1000),
            )
            .unwrap();
        assert_eq!(by_year.total, by_range.total);
        assert!(by_year.hits.iter().any(|h| h.id == a.id));
    }
    // Sorted by date, newest first.
    let r = arch
        .search(&SearchRequest::new().sort(Sort::Date).limit(1000))
        .unwrap();
    let dates: Vec<&str> = r.hits.iter().filter_map(|h| h.date.as_deref()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    // A formulation filter equals the documents that have it.
    if let Some(f) = docs.iter().flat_map(|a| &a.formulations).next() {
        let r = arch
            .search(
                &SearchRequest::new()
                    .filters(Filters {
                        formulation: Some(f.text.clone()),
                        ..Default::default()
                    })
                    .limit(1000),
            )
            .unwrap();
        let n = docs
            .iter()
            .filter(|a| a.formulations.iter().any(|x| x.text == f.text))
            .count();
        assert_eq!(r.total as usize, n);
        let q = ids(arch, &format!("formulation:{}", f.text));
        assert_eq!(q.len(), n);
    }
}

#[test]
fn claims_rows_filter_by_value_unit_indicator_and_place() {
    let arch = archive();
    let docs = analyses();
    let all: Vec<_> = docs
        .iter()
        .flat_map(|a| a.claims.iter().map(move |c| (a, c)))
        .collect();
    let req =
        |min: Option<f64>, max: Option<f64>, unit: Option<&str>, ind: Option<&str>| ClaimsRequest {
            search: SearchRequest::new()
                .filters(Filters {
                    indicator: ind.map(String::from),
                    ..Default::default()
                })
                .limit(100_000),
            min,
            max,
            unit: unit.map(String::from),
        };
    let r = arch.claims(&req(None, None, None, None)).unwrap();
    assert_eq!(r.total as usize, all.len());
    let r = arch
        .claims(&req(Some(1000.0), None, Some("名"), None))
        .unwrap();
    let n = all
        .iter()
        .filter(|(_, c)| c.value >= 1000.0 && c.unit == "名")
        .count();
    assert_eq!(r.total as usize, n);
    assert!(r.rows.iter().all(|c| c.value >= 1000.0 && c.unit == "名"));
    let r = arch
        .claims(&req(Some(10.0), Some(100.0), None, Some("people")))
        .unwrap();
    let n = all
        .iter()
        .filter(|(_, c)| (10.0..=100.0).contains(&c.value) && c.indicator == "people")
        .count();
    assert_eq!(r.total as usize, n);
    // Every range, with and without a unit: the rows are those of a plain
    // filter, newest first, then in their document's order.
    for (min, max, unit) in [
        (Some(1.0), Some(50.0), None),
        (None, Some(10.0), Some("%")),
        (Some(100.0), None, Some("名")),
        (Some(5.0), Some(5.0), Some("个")),
    ] {
        let r = arch.claims(&req(min, max, unit, None)).unwrap();
        let mut want: Vec<(String, f64)> = all
            .iter()
            .filter(|(_, c)| {
                min.is_none_or(|m| c.value >= m)
                    && max.is_none_or(|m| c.value <= m)
                    && unit.is_none_or(|u| c.unit == u)
            })
            .map(|(a, c)| (a.id.clone(), c.value))
            .collect();
        let mut got: Vec<(String, f64)> = r
            .rows
            .iter()
            .map(|c| (c.document.clone(), c.value))
            .collect();
        assert_eq!(r.total as usize, want.len(), "{min:?} {max:?} {unit:?}");
        let dates: Vec<&str> = r
            .rows
            .iter()
            .map(|c| c.date.as_deref().unwrap_or(""))
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        for w in r.rows.windows(2) {
            if w[0].document == w[1].document {
                assert!(w[0].start < w[1].start, "a document's claims in order");
            }
        }
        want.sort_by(|a, b| a.partial_cmp(b).unwrap());
        got.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(got, want);
        // A page further on is the rest of the same order.
        let mut second = req(min, max, unit, None);
        second.search.offset = 2;
        second.search.limit = 3;
        let page = arch.claims(&second).unwrap();
        let ids = |rows: &[dangjian::search::ClaimRow]| -> Vec<(String, usize)> {
            rows.iter().map(|c| (c.document.clone(), c.start)).collect()
        };
        let full = ids(&r.rows);
        assert_eq!(ids(&page.rows), full[2.min(full.len())..5.min(full.len())]);
        // The count stops at its limit.
        if want.len() > 2 {
            let mut capped = req(min, max, unit, None);
            capped.search.count_limit = Some(2);
            let c = arch.claims(&capped).unwrap();
            assert_eq!((c.total, c.total_exact), (2, false));
            assert_eq!(c.rows.len(), r.rows.len());
        }
    }
    // Claims of documents matching a query carry its score.
    let r = arch
        .claims(&ClaimsRequest {
            search: SearchRequest::new().query("党员").limit(5),
            ..Default::default()
        })
        .unwrap();
    assert!(r.rows.iter().all(|c| c.score.is_some()));
    // That score is their document's in a search of the query, and rows
    // come best document first.
    let hits = arch
        .search(&SearchRequest::new().query("党员").limit(10_000))
        .unwrap();
    let score_of: HashMap<&str, Option<f32>> =
        hits.hits.iter().map(|h| (h.id.as_str(), h.score)).collect();
    let many = arch
        .claims(&ClaimsRequest {
            search: SearchRequest::new().query("党员").limit(200),
            ..Default::default()
        })
        .unwrap();
    assert!(many.rows.len() > 20);
    for row in &many.rows {
        assert_eq!(
            Some(row.score),
            score_of.get(row.document.as_str()).copied()
        );
    }
    assert!(many.rows.windows(2).all(|w| w[0].score >= w[1].score));
    let distinct: BTreeSet<String> = many.rows.iter().map(|c| format!("{:?}", c.score)).collect();
    assert!(distinct.len() > 3, "{distinct:?}");
    // Rows have the original surface at their span.
    for row in &r.rows {
        let a = docs.iter().find(|a| a.id == row.document).unwrap();
        let text = Document::from_path(a.path.as_deref().unwrap())
            .unwrap()
            .text;
        assert_eq!(&text[row.start..row.end], row.text);
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let arch = archive();
    for (q, pos) in [
        ("党建 (机关", 3),
        ("党建 OR", 5),
        ("\"党建", 0),
        ("foo:党建", 0),
        ("党建 )", 3),
    ] {
        let e = arch.search(&SearchRequest::new().query(q)).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("at character {}", pos + 1)),
            "{q}: {msg}"
        );
    }
    let missing = temp_dir("missing");
    let e = Archive::open(&missing).unwrap_err().to_string();
    assert!(
        e.contains("no search index") && e.contains("search-build"),
        "{e}"
    );
    // Another version of the layout.
    let dir = temp_dir("version");
    Archive::create(&dir).unwrap();
    std::fs::write(
        dir.join("dangjian-search.json"),
        r#"{"format":"dangjian-search","version":999}"#,
    )
    .unwrap();
    let e = Archive::open(&dir).unwrap_err().to_string();
    assert!(e.contains("version 999") && e.contains("rebuild"), "{e}");
    // Damaged: the segment files gone.
    let dir = temp_dir("damaged");
    {
        let a = Archive::create(&dir).unwrap();
        let mut w = a.writer(1).unwrap();
        w.add(&analyses()[0]).unwrap();
        w.finish().unwrap();
    }
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".idx") || name.ends_with(".term") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    let e = Archive::open(&dir)
        .and_then(|a| a.search(&SearchRequest::new().query("党建")).map(|_| ()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("damaged") && e.contains("rebuild"), "{e}");
    // Locked by a running build.
    let dir = temp_dir("locked");
    let a = Archive::create(&dir).unwrap();
    let _w = a.writer(1).unwrap();
    let e = a.writer(1).unwrap_err().to_string();
    assert!(e.contains("locked") && e.contains("wait"), "{e}");
    // Searching meanwhile works (the last commit).
    assert!(a.search(&SearchRequest::new()).is_ok());
}

#[test]
fn the_query_parser_never_panics() {
    let pieces = [
        "党建", "\"", "(", ")", "OR", "AND", "NOT", "-", "title:", "year:", "place:", ":", "“",
        "）", "|", "&", " ", "黨", "a", "2019",
    ];
    let mut rng = Rng(7);
    let arch = archive();
    for _ in 0..3000 {
        let n = 1 + rng.below(8);
        let q: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
        let _ = dangjian::search::query::parse(&q);
        let _ = arch.search(&SearchRequest::new().query(q.as_str()).limit(1));
    }
}

/// Checks `value` against a mapping's `properties`: every field is mapped,
/// and its value fits the type.
fn check_against(
    props: &serde_json::Map<String, serde_json::Value>,
    doc: &serde_json::Value,
    at: &str,
) {
    let obj = doc
        .as_object()
        .unwrap_or_else(|| panic!("{at}: not an object"));
    for (k, v) in obj {
        let m = props
            .get(k)
            .unwrap_or_else(|| panic!("{at}.{k} is not in the mapping"));
        if v.is_null() {
            continue;
        }
        let values: Vec<&serde_json::Value> = match v {
            serde_json::Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        let ty = m.get("type").and_then(|t| t.as_str()).unwrap_or("object");
        for v in values {
            match ty {
                "keyword" | "text" => assert!(v.is_string(), "{at}.{k}: {v} is not a string"),
                "date" => {
                    let s = v.as_str().unwrap();
                    assert!(s.len() == 10 && s.as_bytes()[4] == b'-', "{at}.{k}: {s}");
                }
                "integer" | "long" => assert!(v.is_i64() || v.is_u64(), "{at}.{k}: {v}"),
                "double" => assert!(v.is_number(), "{at}.{k}: {v}"),
                "nested" | "object" => {
                    let sub = m["properties"].as_object().unwrap();
                    check_against(sub, v, &format!("{at}.{k}"));
                }
                other => panic!("{at}.{k}: type {other} not checked"),
            }
        }
    }
}

#[test]
fn es_bulk_pairs_fit_the_mapping() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mapping: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/search-mapping.json")).unwrap(),
    )
    .unwrap();
    let props = mapping["template"]["mappings"]["properties"]
        .as_object()
        .unwrap();
    assert_eq!(props["claims"]["type"], "nested");
    let mut n = 0;
    for a in analyses() {
        let (action, source) = dangjian::search::export::bulk_lines(a, "dangjian").unwrap();
        assert!(!action.contains('\n') && !source.contains('\n'));
        let action: serde_json::Value = serde_json::from_str(&action).unwrap();
        assert_eq!(action["index"]["_id"], a.id.as_str());
        assert_eq!(action["index"]["_index"], "dangjian");
        let source: serde_json::Value = serde_json::from_str(&source).unwrap();
        check_against(props, &source, "doc");
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn killed_builds_resume_to_each_document_exactly_once() {
    let bin = env!("CARGO_BIN_EXE_dangjian");
    let work = temp_dir("kill");
    let docs_dir = work.join("docs");
    std::fs::create_dir_all(&docs_dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources: Vec<String> = corpus_files(&root.join("corpus"))
        .iter()
        .map(|f| Document::from_path(f).unwrap().text)
        .collect();
    let n = 300;
    for i in 0..n {
        let src = &sources[i % sources.len()];
        // Each copy is a document of its own (its own bytes, its own id).
        std::fs::write(
            docs_dir.join(format!("d{i:04}.txt")),
            format!("{src}\n第{i}号\n"),
        )
        .unwrap();
    }
    let out = work.join("out.jsonl");
    let idx = work.join("idx");
    let run = || {
        std::process::Command::new(bin)
            .args(["index", "-q", "-j", "2", "--resume", "-o"])
            .arg(&out)
            .arg("--search")
            .arg(&idx)
            .arg(&docs_dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut rng = Rng(42);
    for _ in 0..10 {
        let mut child = run();
        std::thread::sleep(std::time::Duration::from_millis(
            150 + rng.below(900) as u64,
        ));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    let last = std::process::Command::new(bin)
        .args(["index", "-q", "-j", "2", "--resume", "-o"])
        .arg(&out)
        .arg("--search")
        .arg(&idx)
        .arg(&docs_dir)
        .output()
        .unwrap();
    assert!(
        last.status.success(),
        "the resumed build failed: {}",
        String::from_utf8_lossy(&last.stderr)
    );
    let lines = std::fs::read_to_string(&out).unwrap();
    let mut claims = HashMap::new();
    for l in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let id = v["id"].as_str().unwrap().to_string();
        claims.insert(id, v["claims"].as_array().map_or(0, |c| c.len()));
    }
    assert_eq!(claims.len(), n);
    let a = Archive::open(&idx).unwrap();
    assert_eq!(a.len(), n as u64);
    let r = a.claims(&ClaimsRequest::default()).unwrap();
    assert_eq!(r.total as usize, claims.values().sum::<usize>());
    assert!(claims.keys().all(|id| a.contains(id)));
    assert_eq!(ids(&a, "党员").len(), n);
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_build_killed_before_its_first_commit_starts_again() {
    // What a build killed while it made the index leaves: the version file,
    // a file of the index's own, no meta.json.
    let dir = temp_dir("uncommitted").join("idx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(dangjian::search::schema::VERSION_FILE), "{}").unwrap();
    std::fs::write(dir.join(".managed.json"), "[]").unwrap();
    let a = Archive::create(&dir).unwrap();
    assert_eq!(a.len(), 0);
    // A folder of someone else's stays an error.
    let other = temp_dir("uncommitted-other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    assert!(Archive::create(&other).is_err());
}

#[test]
fn text_reuse_reads_an_archive_as_it_reads_index_records() {
    use dangjian::reuse::{Reuse, ReuseDocument, ReuseReport};
    use dangjian::search::ArchiveDocuments;
    // Invented reports, two of them sharing a passage.
    let shared = "全县推行机关党员到社区报到制度,组织党员认领服务岗位,开展政策宣讲和困难帮扶,群众满意度明显提升。";
    let texts = [
        format!("某甲县召开党建工作会议。{shared}会议还部署了下一阶段工作。"),
        format!("某乙县组织部近日发布通知。{shared}各单位要抓好落实。"),
        "某丙县开展植树活动,干部群众一起种下树苗三千余株。".to_string(),
    ];
    let p = Pipeline::default();
    let analyses: Vec<Analysis> = texts
        .iter()
        .map(|t| p.analyze(&Document::from_text(t.as_str())))
        .collect();
    let dir = temp_dir("reuse-source");
    let a = Archive::create(&dir).unwrap();
    let mut w = a.writer(1).unwrap();
    for an in &analyses {
        w.add(an).unwrap();
    }
    w.finish().unwrap();
    a.reload().unwrap();
    let from_index = ArchiveDocuments::new(&a).unwrap();
    let reuse = Reuse::builder().build();
    let got = reuse.find_in(&from_index).unwrap();
    assert!(from_index.failures().is_empty());
    // The same bodies as records, as `index` writes them.
    let records: Vec<ReuseDocument> = analyses
        .iter()
        .map(|x| ReuseDocument::from_record(&serde_json::to_value(x).unwrap()).unwrap())
        .collect();
    let want = reuse.find(&records);
    let members = |r: &ReuseReport| -> BTreeSet<Vec<(String, [usize; 2])>> {
        r.clusters
            .iter()
            .map(|c| {
                let mut m: Vec<(String, [usize; 2])> =
                    c.members.iter().map(|m| (m.id.clone(), m.span)).collect();
                m.sort();
                m
            })
            .collect()
    };
    assert_eq!((got.documents, got.clusters.len()), (3, 1));
    assert_eq!(members(&got), members(&want));
    let _ = std::fs::remove_dir_all(&dir);
}
