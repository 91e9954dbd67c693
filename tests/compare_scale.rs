//! The comparison report at 10, 100 and 300 places: generated profiles of
//! real place names (from the gazetteer the crate ships) with invented
//! formulations, dates and claims. Similarity ranks pairs by shared rare
//! formulations, the report stays within bounds (no N × N grid, top N and
//! "… N more"), places roll up by province, and diffusion is dated.

use dangjian::compare::{
    ClaimRow, CompareOptions, GroupBy, MATRIX_PLACES, PAIRS_KEPT, Profile, Profiles, TermStat,
    compare,
};
use dangjian::places::{Gazetteer, Level};

/// Invented formulations: one every place uses, some used by a few.
const COMMON: &str = "四带五促";
const RARE: &[&str] = &[
    "三联三创",
    "双帮双带",
    "五心五到",
    "一核三治",
    "两学三讲",
    "六联六促",
];

fn term(date: &str, doc: &str) -> TermStat {
    TermStat {
        mentions: 2,
        documents: [doc.to_string()].into_iter().collect(),
        first_date: Some(date.to_string()),
        kind: None,
    }
}

/// `n` county profiles spread over the provinces; places `2k` and `2k+1`
/// share two rare formulations of their own, every place uses [`COMMON`].
fn generated(n: usize) -> Profiles {
    let g = Gazetteer::shared();
    let counties: Vec<_> = g
        .places()
        .iter()
        .filter(|p| p.level == Level::County && !p.historical)
        .collect();
    let step = (counties.len() / n).max(1);
    let mut ps = Profiles::new(GroupBy::Place);
    for k in 0..n {
        let place = counties[(k * step) % counties.len()];
        let doc = format!("g{k}");
        let date = format!("{}-{:02}-01", 2015 + k % 7, 1 + k % 12);
        let mut p = Profile {
            name: place.name.clone(),
            level: Some("county".into()),
            code: Some(place.code.clone()),
            chars: 1000,
            first_date: Some(date.clone()),
            last_date: Some(date.clone()),
            ..Default::default()
        };
        p.documents.insert(doc.clone());
        p.formulations.insert(COMMON.into(), term(&date, &doc));
        p.formulations
            .insert(format!("第{}对甲", k / 2), term(&date, &doc));
        p.formulations
            .insert(format!("第{}对乙", k / 2), term(&date, &doc));
        p.formulations
            .insert(RARE[k % RARE.len()].into(), term(&date, &doc));
        p.claims.push(ClaimRow {
            place: place.name.clone(),
            text: format!("{}名", 100 + k),
            value: if k == 3 { 900000.0 } else { (100 + k) as f64 },
            value_max: None,
            unit: "名".into(),
            approx: None,
            object: Some("党员".into()),
            indicator: "community_service".into(),
            period: None,
            document: doc.clone(),
            path: None,
            date: Some(date.clone()),
            sentence: "（虚构）".into(),
            span: [0, 4],
        });
        ps.profiles.entry(p.name.clone()).or_default().merge(&p);
        if let Some(q) = ps.profiles.get_mut(&place.name) {
            q.name.clone_from(&place.name);
        }
    }
    ps
}

#[test]
fn similarity_ranks_shared_rare_formulations_and_stays_bounded() {
    for n in [10, 100, 300] {
        let c = compare(&generated(n), &CompareOptions::default());
        assert!(c.similarity.places.len() <= MATRIX_PLACES.min(c.places.len()));
        assert_eq!(c.similarity.matrix.len(), c.similarity.places.len());
        assert!(c.similarity.pairs.len() <= PAIRS_KEPT);
        let top = &c.similarity.pairs[0];
        assert!(top.enough, "{n}: top pair lacks evidence");
        assert!(top.shared.len() >= 2);
        // The rarest shared formulation is named first; the one every place
        // uses last.
        assert!(top.shared[0].starts_with('第'), "{:?}", top.shared);
        assert_eq!(top.shared.last().map(String::as_str), Some(COMMON));
        assert_eq!(top.formulations, [4, 4]);
        // Pairs with thin evidence never rank above one with enough.
        let first_thin = c.similarity.pairs.iter().position(|p| !p.enough);
        if let Some(i) = first_thin {
            assert!(c.similarity.pairs[i..].iter().all(|p| !p.enough));
        }
    }
}

#[test]
fn places_roll_up_by_province_and_formulations_spread_over_time() {
    let c = compare(&generated(100), &CompareOptions::default());
    assert!(c.places.iter().all(|p| p.province.is_some()));
    let d = c
        .diffusion
        .iter()
        .find(|d| d.text == COMMON)
        .expect("diffusion of the common formulation");
    assert_eq!(d.first_uses.len(), c.places.len());
    assert!(d.first_uses.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(d.cumulative().last().map(|x| x.1), Some(c.places.len()));
    let ds = dangjian::report::provinces::distributions(&c);
    let ds = ds
        .iter()
        .find(|d| d.indicator == "community_service")
        .expect("distribution");
    assert_eq!(ds.outliers.len(), 1);
    assert_eq!(ds.outliers[0].value, 900000.0);
}

#[test]
fn every_format_stays_readable_at_300_places() {
    let c = compare(&generated(300), &CompareOptions::default());
    let html = dangjian::report::html(&c);
    let provinces: std::collections::BTreeSet<_> =
        c.places.iter().filter_map(|p| p.province.clone()).collect();
    assert_eq!(
        html.matches("<details><summary><b>").count(),
        provinces.len()
    );
    assert!(html.len() < 3_000_000, "{} bytes", html.len());
    assert!(html.contains("class=\"tiles\""));
    assert!(html.contains("Diffusion of formulations"));
    assert!(!html.contains("<script"));
    let table = dangjian::report::table(&c);
    let md = dangjian::report::markdown(&c);
    for out in [&table, &md] {
        assert!(out.contains(" more"), "no \"… N more\"");
        assert!(out.lines().count() < 1500, "{} lines", out.lines().count());
        assert!(out.lines().all(|l| l.chars().count() < 400));
    }
    let csv = dangjian::report::csv_view(&c, "similarity").expect("view");
    assert!(csv.lines().count() <= PAIRS_KEPT + 1);
}

/// With `DANGJIAN_REPORT_DIR` set, writes the HTML reports at 10, 100 and
/// 300 places there (`compare-N.html`) for a look in a browser.
#[test]
fn writes_reports_for_a_browser_check_when_asked() {
    let Some(dir) = std::env::var_os("DANGJIAN_REPORT_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("report dir");
    for n in [10, 100, 300] {
        let c = compare(&generated(n), &CompareOptions::default());
        std::fs::write(
            dir.join(format!("compare-{n}.html")),
            dangjian::report::html(&c),
        )
        .expect("write report");
    }
}
