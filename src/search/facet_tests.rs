//! The one-pass facet counter against a plain count: for every value in a
//! facet field's term dictionary, the number of matching documents that
//! carry it (a term query on the inverted index), over an index of several
//! segments with replaced and deleted documents, for several queries.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::Term;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::facet_count::{Counts, Key};
use super::facets::facets_from;
use super::{Archive, Facet, SearchRequest, Sort};
use crate::{Document, DocumentInfo, Pipeline};

const PLACES: &[(&str, &str)] = &[
    ("130121", "井陉县"),
    ("210422", "新宾满族自治县"),
    ("350421", "明溪县"),
    ("420281", "大冶市"),
    ("500237", "巫山县"),
    ("532928", "永平县"),
    ("652825", "且末县"),
];
const FORMS: &[&str] = &["双报到", "三会一课", "两学一做", "四议两公开"];
const FACETS: &[&str] = &[
    "place",
    "year",
    "source",
    "formulation",
    "indicator",
    "slogan",
    "script",
];

/// An invented report: its place, year, source and formulations vary with `k`.
fn report(k: usize, source: &str) -> Document {
    let (code, name) = PLACES[k % PLACES.len()];
    let year = 2015 + k % 5;
    let forms: Vec<String> = FORMS
        .iter()
        .enumerate()
        .filter(|(i, _)| k % (i + 1) == 0)
        .map(|(_, f)| format!("深化“{f}”"))
        .collect();
    let text = format!(
        "{name}抓实支部建设\n\n{year}年来，{name}{}，发动{}名党员下沉网格，办结群众诉求{}件。\n",
        forms.join("，"),
        200 + k * 7,
        1000 + k * 13
    );
    Document::from_text(text)
        .with_path(format!("r/{k}.txt"))
        .with_info(DocumentInfo {
            place: Some(name.to_string()),
            place_code: Some(code.to_string()),
            source: Some(source.to_string()),
            date: Some(format!("{year}-0{}-1{}", 1 + k % 9, k % 10)),
            title: Some(format!("{name}抓实支部建设")),
            ..Default::default()
        })
}

/// The facet's counts by term queries, most documents first, then by value.
fn plain_count(a: &Archive, q: &dyn Query, name: &str, size: usize) -> Counts {
    let s = a.reader.searcher();
    let field = a.index.schema().get_field(name).unwrap();
    let mut terms = BTreeSet::new();
    for seg in s.segment_readers() {
        let inv = seg.inverted_index(field).unwrap();
        let mut st = inv.terms().stream().unwrap();
        while st.advance() {
            terms.insert(st.key().to_vec());
        }
    }
    let mut out = Vec::new();
    for t in terms {
        let (term, key) = if name == "year" {
            let v = u64::from_be_bytes(t.as_slice().try_into().unwrap());
            (Term::from_field_u64(field, v), Key::U64(v))
        } else {
            let v = String::from_utf8(t).unwrap();
            (Term::from_field_text(field, &v), Key::Str(v))
        };
        let both = BooleanQuery::new(vec![
            (Occur::Must, q.box_clone()),
            (
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ),
        ]);
        let n = s.search(&both, &Count).unwrap() as u64;
        if n > 0 {
            out.push((key, n));
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(size);
    out
}

/// A new archive in a folder of its own under the temporary folder.
fn empty_archive(name: &str) -> (std::path::PathBuf, Archive) {
    let dir = std::env::temp_dir().join(format!("dangjian-facet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let a = Archive::create(&dir).unwrap();
    (dir, a)
}

/// An archive of 36 reports in three segments and a fourth, three of them
/// replaced (their old entries deleted) and three deleted, one of those
/// the only one of its source.
fn archive_with_changes(name: &str) -> (std::path::PathBuf, Archive, Pipeline) {
    let (dir, a) = empty_archive(name);
    let p = Pipeline::default();
    let mut w = a.writer(1).unwrap();
    for batch in 0..3 {
        for k in batch * 12..batch * 12 + 12 {
            w.add(&p.analyze(&report(k, &format!("样本报{}", k % 4))))
                .unwrap();
        }
        w.commit().unwrap();
    }
    for k in [1, 14, 30] {
        w.add(&p.analyze(&report(k, "更正版"))).unwrap();
    }
    w.add(&p.analyze(&report(40, "删去报"))).unwrap();
    w.commit().unwrap();
    w.delete("r/40.txt");
    w.delete("r/5.txt");
    w.delete("r/23.txt");
    w.finish().unwrap();
    a.reload().unwrap();
    let s = a.reader.searcher();
    assert!(s.segment_readers().len() >= 3);
    assert!(s.segment_readers().iter().any(|r| r.num_deleted_docs() > 0));
    assert_eq!(a.len(), 34);
    (dir, a, p)
}

/// The facets of a query as a plain count gives them, with the number of
/// matches.
fn plain_facets(a: &Archive, req: &SearchRequest) -> (u64, BTreeMap<String, Facet>) {
    let q = a.doc_query(req).unwrap();
    let plain: Vec<(String, Counts)> = FACETS
        .iter()
        .map(|f| {
            let size = if *f == "place" { 20_000 } else { 1_000 };
            (f.to_string(), plain_count(a, &*q, f, size))
        })
        .collect();
    let n = a.reader.searcher().search(&*q, &Count).unwrap() as u64;
    (n, facets_from(plain))
}

#[test]
fn one_pass_counts_equal_a_plain_count_over_segments_and_deletions() {
    let (dir, a, p) = archive_with_changes("count");

    let fields: Vec<String> = FACETS.iter().map(|s| s.to_string()).collect();
    let requests = [
        SearchRequest::new(),
        SearchRequest::new().query("党员"),
        SearchRequest::new().query("网格"),
        SearchRequest::new().query("双报到").year(2016),
        SearchRequest::new().place("大冶市"),
        SearchRequest::new().query("三会一课 OR 两学一做"),
        SearchRequest::new().query("没有这样的词语"),
    ];
    let mut seen_sources = BTreeSet::new();
    for req in requests {
        let q = a.doc_query(&req).unwrap();
        let plain: Vec<(String, Counts)> = FACETS
            .iter()
            .map(|f| {
                let size = if *f == "place" { 20_000 } else { 1_000 };
                (f.to_string(), plain_count(&a, &*q, f, size))
            })
            .collect();
        for (_, c) in plain.iter().filter(|(f, _)| f == "source") {
            seen_sources.extend(c.iter().map(|(k, _)| k.clone()));
        }
        let want = facets_from(plain);
        assert_eq!(a.facets(&req, &fields).unwrap(), want, "{req:?}");
        for sort in [Sort::Score, Sort::Date] {
            let r = a
                .search(&req.clone().facets(FACETS.iter().copied()).sort(sort))
                .unwrap();
            assert_eq!(r.facets, want, "{req:?}");
        }
    }
    // The plain count saw the replacing source, never the deleted one.
    assert!(seen_sources.contains(&Key::Str("更正版".into())));
    assert!(!seen_sources.contains(&Key::Str("删去报".into())));

    // The whole archive's facets, kept after the first count, follow a
    // reload that sees new documents and deletions.
    let whole = || {
        let r = a
            .search(&SearchRequest::new().facets(FACETS.iter().copied()))
            .unwrap();
        (r.facets, a.facets(&SearchRequest::new(), &fields).unwrap())
    };
    let plain_whole = || {
        let q = a.doc_query(&SearchRequest::new()).unwrap();
        facets_from(
            FACETS
                .iter()
                .map(|f| (f.to_string(), plain_count(&a, &*q, f, 20_000)))
                .collect(),
        )
    };
    let before = plain_whole();
    for f in [
        "place",
        "year",
        "source",
        "formulation",
        "indicator",
        "script",
    ] {
        assert!(
            matches!(&before[f], Facet::Places(v) if !v.is_empty())
                || matches!(&before[f], Facet::Values(v) if !v.is_empty()),
            "{f} counted nothing"
        );
    }
    assert_eq!(whole(), (before.clone(), before.clone()));
    let mut w = a.writer(1).unwrap();
    w.add(&p.analyze(&report(50, "新增报"))).unwrap();
    w.delete("r/6.txt");
    w.finish().unwrap();
    assert_eq!(
        whole(),
        (before.clone(), before.clone()),
        "not reloaded yet"
    );
    a.reload().unwrap();
    let after = plain_whole();
    assert_ne!(after, before);
    assert_eq!(whole(), (after.clone(), after));

    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn counted_matches_serve_the_next_pages() {
    let (dir, a) = empty_archive("kept");
    let p = Pipeline::default();
    let mut w = a.writer(1).unwrap();
    for k in 0..12 {
        w.add(&p.analyze(&report(k, "样本报"))).unwrap();
    }
    w.finish().unwrap();
    a.reload().unwrap();
    // A query's matches, counted once, serve its next pages and its other
    // order: the same number and facets, the hits of a full ranking.
    let req = SearchRequest::new()
        .query("党员")
        .facets(FACETS.iter().copied())
        .limit(3);
    let ids = |r: &crate::search::SearchResults| -> Vec<String> {
        r.hits.iter().map(|h| h.id.clone()).collect()
    };
    let first = a.search(&req).unwrap();
    let again = a.search(&req).unwrap();
    assert_eq!((first.total, &first.facets), (again.total, &again.facets));
    assert_eq!(ids(&first), ids(&again));
    // Counted against the documents' entries explicitly (the search leaves
    // that filter out for a query of text, which claims cannot match).
    let q = BooleanQuery::new(vec![
        (Occur::Must, a.doc_query(&req).unwrap()),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(a.f.kind, "doc"),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
    ]);
    let plain = a.reader.searcher().search(&q, &Count).unwrap();
    assert_eq!(first.total as usize, plain);
    let second = a.search(&req.clone().offset(3)).unwrap();
    assert_eq!((second.total, &second.facets), (first.total, &first.facets));
    let ranked = a.search(&req.clone().limit(100)).unwrap();
    assert_eq!(ids(&ranked)[3..6], ids(&second)[..]);
    assert_eq!(ids(&ranked)[..3], ids(&first)[..]);
    let by_date = a.search(&req.clone().sort(Sort::Date)).unwrap();
    assert_eq!(by_date.total, first.total);
    // A reload that sees a new match counts again.
    let mut w = a.writer(1).unwrap();
    w.add(&p.analyze(&report(60, "新增报"))).unwrap();
    w.finish().unwrap();
    a.reload().unwrap();
    assert_eq!(a.search(&req).unwrap().total, first.total + 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A query found in most of its filters' documents, whose counts are kept,
/// is counted from the documents it leaves out: the same number and facets
/// as a plain count, over segments, replacements and deletions, with and
/// without filters. A query in fewer of them, or filters whose counts are
/// not kept, is counted from its matches.
#[test]
fn counts_from_the_documents_left_out_equal_a_plain_count() {
    let (dir, a, _) = archive_with_changes("complement");
    let facets: Vec<&str> = FACETS.to_vec();
    let fields: Vec<String> = FACETS.iter().map(|f| f.to_string()).collect();
    let counter = super::facets::facet_counter(&fields).unwrap();
    let s = a.reader.searcher();
    let within = [
        SearchRequest::new(),
        SearchRequest::new().year(2016),
        SearchRequest::new().place("大冶市"),
    ];
    // In every report, three in four, about half, one in three.
    let queries = [
        ("党员", true),
        ("网格 -四议两公开", true),
        ("三会一课", false),
        ("两学一做", false),
    ];
    for base in within {
        let base = base.facets(facets.iter().copied());
        for (text, _) in queries {
            let req = base.clone().query(text);
            let q = a.doc_query(&req).unwrap();
            // The filters' counts not kept: counted from the matches.
            a.forget_counts();
            assert!(
                a.counts_by_complement(&s, &*q, &req, &counter)
                    .unwrap()
                    .is_none(),
                "{req:?}"
            );
        }
        a.search(&base).unwrap();
        for (text, common) in queries {
            let req = base.clone().query(text);
            let q = a.doc_query(&req).unwrap();
            let by_rest = a.counts_by_complement(&s, &*q, &req, &counter).unwrap();
            assert_eq!(by_rest.is_some(), common, "{req:?}");
            let (n, want) = plain_facets(&a, &req);
            let r = a.search(&req).unwrap();
            assert_eq!((r.total, &r.facets), (n, &want), "{req:?}");
            assert_eq!(a.facets(&req, &fields).unwrap(), want, "{req:?}");
            if let Some((n_rest, all)) = by_rest {
                assert_eq!(n_rest as u64, n, "{req:?}");
                assert_eq!(facets_from(counter.finish(&all)), want, "{req:?}");
            }
        }
        // The filters' counts outlive a full cache of other requests.
        for k in 0..80 {
            a.search(
                &SearchRequest::new()
                    .query(format!("诉求{k}"))
                    .facets(["year"]),
            )
            .unwrap();
        }
        let req = base.clone().query("党员");
        let q = a.doc_query(&req).unwrap();
        assert!(
            a.counts_by_complement(&s, &*q, &req, &counter)
                .unwrap()
                .is_some()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
