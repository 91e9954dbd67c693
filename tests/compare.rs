//! The comparison across places on the bundled corpus, the merge laws of
//! profiles, and the self-contained HTML report.

mod common;

use dangjian::compare::{CompareOptions, GroupBy, Profiles, compare};
use dangjian::{Analysis, Corpus, PipelineBuilder};

fn analyses() -> Vec<Analysis> {
    let pipeline = PipelineBuilder::new()
        .keep_terms(true)
        .build()
        .expect("pipeline");
    Corpus::open(common::corpus_dir())
        .expect("corpus")
        .documents()
        .into_iter()
        .map(|d| pipeline.analyze(&d.expect("document")))
        .collect()
}

fn profiles_of(list: &[Analysis]) -> Profiles {
    let mut p = Profiles::new(GroupBy::Place);
    for a in list {
        p.add(a);
    }
    p
}

#[test]
fn corpus_comparison_answers_the_questions() {
    let all = analyses();
    let c = compare(&profiles_of(&all), &CompareOptions::default());
    let f = c
        .formulations
        .iter()
        .find(|f| f.text == "两个维护")
        .expect("两个维护");
    for place in ["桂林市", "天津市", "浙江省"] {
        assert!(
            f.places.iter().any(|p| p == place),
            "两个维护 not shared by {place}"
        );
    }
    let sanchuang = c
        .formulations
        .iter()
        .find(|f| f.text == "三创")
        .expect("三创");
    assert_eq!(sanchuang.places, ["unknown"]);
    assert!(sanchuang.specific);
    assert!(c.places.iter().any(|p| p.name == "unknown"));
    // Members reporting to communities, side by side under one indicator.
    let ind = c
        .indicators
        .iter()
        .find(|i| i.rows.iter().any(|r| r.text == "1.35万名"))
        .expect("indicator of 1.35万名");
    for text in [
        "1.35万名",
        "9.78万次",
        "5.1萬名",
        "5296名",
        "16441人次",
        "9000多名",
    ] {
        assert!(
            ind.rows.iter().any(|r| r.text == text),
            "{text} not under {}",
            ind.indicator
        );
    }
    // Levels are kept.
    let zj = c
        .places
        .iter()
        .find(|p| p.name == "浙江省")
        .expect("浙江省");
    assert_eq!(zj.level.as_deref(), Some("province"));
    // Similarity is symmetric with a unit diagonal.
    let m = &c.similarity.matrix;
    for (i, row) in m.iter().enumerate() {
        assert_eq!(row[i], 1.0);
        for (j, v) in row.iter().enumerate() {
            assert_eq!(*v, m[j][i]);
        }
    }
}

#[test]
fn profiles_merge_like_the_whole() {
    let all = analyses();
    let whole = profiles_of(&all);
    let (a, rest) = all.split_at(2);
    let (b, c) = rest.split_at(1);
    let (pa, pb, pc) = (profiles_of(a), profiles_of(b), profiles_of(c));
    // Halves merged equal the whole.
    let mut halves = profiles_of(a);
    halves.merge(&profiles_of(rest));
    assert_eq!(halves, whole);
    // Commutative.
    let mut ab = pa.clone();
    ab.merge(&pb);
    let mut ba = pb.clone();
    ba.merge(&pa);
    assert_eq!(ab, ba);
    // Associative.
    let mut ab_c = ab.clone();
    ab_c.merge(&pc);
    let mut bc = pb.clone();
    bc.merge(&pc);
    let mut a_bc = pa.clone();
    a_bc.merge(&bc);
    assert_eq!(ab_c, a_bc);
    // Serializable: a profile file round-trips.
    let json = serde_json::to_string(&whole).expect("serialize");
    let back: Profiles = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, whole);
}

/// Checks that every non-void element is closed in order.
fn well_formed(html: &str) -> Result<(), String> {
    const VOID: &[&str] = &["meta", "br", "hr", "img", "link", "input", "!doctype"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_lowercase();
        if tag.starts_with('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {stack:?}"))
    }
}

#[test]
fn html_report_is_well_formed_and_self_contained() {
    let c = compare(&profiles_of(&analyses()), &CompareOptions::default());
    let html = dangjian::report::html(&c);
    well_formed(&html).expect("well-formed HTML");
    for bad in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href=",
    ] {
        assert!(
            !html.contains(bad),
            "report refers to outside resources: {bad}"
        );
    }
    // The only URL is the SVG namespace, which is a name, not a download.
    let urls = html.matches("http").count();
    assert_eq!(urls, html.matches("http://www.w3.org/2000/svg").count());
    assert!(html.matches("<svg").count() >= 4, "charts missing");
}

#[test]
fn table_and_markdown_show_the_same_sections() {
    let c = compare(&profiles_of(&analyses()), &CompareOptions::default());
    let table = dangjian::report::table(&c);
    let md = dangjian::report::markdown(&c);
    for heading in [
        "PLACES",
        "FORMULATIONS SHARED",
        "SIMILARITY",
        "DISTINCTIVE VOCABULARY",
        "CLAIMS SIDE BY SIDE",
    ] {
        assert!(table.contains(heading), "table lacks {heading}");
    }
    for heading in [
        "## Places",
        "## Formulations",
        "## Similarity",
        "## Distinctive vocabulary",
        "## Claims by indicator",
    ] {
        assert!(md.contains(heading), "markdown lacks {heading}");
    }
    // Every place is a row of both, with its documents and characters.
    for p in &c.places {
        let cells = format!("| {} | {} |", p.documents, p.chars);
        assert!(md.contains(&cells), "markdown row of {}", p.name);
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(&p.name) && l.contains(&p.chars.to_string())),
            "table row of {}",
            p.name
        );
    }
    // Each place's most distinctive term is listed in both.
    for k in &c.keyness {
        if let Some(t) = k.terms.first() {
            assert!(
                table.contains(&t.term) && md.contains(&t.term),
                "{}",
                t.term
            );
        }
    }
    // A Markdown table's rows have as many cells as its header.
    for block in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells: Vec<usize> = block
            .lines()
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert!(
            cells.iter().all(|n| *n == cells[0]),
            "ragged table:\n{block}"
        );
    }
}
