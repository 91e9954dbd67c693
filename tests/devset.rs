//! Accuracy on the development set (`../shared/dev`): real reports from
//! dozens of places, annotated by the rules in `../shared/dev/ANNOTATION.md`.
//!
//! The figures are computed with the same definitions as the reference
//! scorer `../shared/dev/score.py` (claims matched by value and unit as a
//! multiset; typed fields over matched claims; formulations as sets with
//! optional entries; expansions in order; document place and metadata by
//! field), on all documents: the new texts `dNNN` and the gold for the five
//! corpus documents `sNNN`. Every figure is printed, and the test fails when
//! one drops below its floor in [`FLOORS`]: floors only go up, so no change
//! silently loses accuracy. The test passes with a note when `../shared/dev`
//! is absent (a fresh clone): the development set is research material that
//! stays outside the project.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use dangjian::{Document, Normalizer, Pipeline};
use regex::Regex;
use serde_json::Value;

/// Figure → the least it may be. Raised whenever a change raises the figure.
const FLOORS: &[(&str, f64)] = &[
    ("claims_f1", 0.992),
    ("object", 0.910),
    ("period", 0.968),
    ("claim_place", 0.985),
    ("formulations_f1", 0.998),
    ("expansions", 0.880),
    ("document_place", 0.990),
    ("meta", 0.995),
];

fn dev_dir() -> Option<PathBuf> {
    let p = std::env::var_os("DANGJIAN_SHARED_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/dev"));
    p.join("gold").is_dir().then_some(p)
}

/// The text a gold file describes: `dNNN` in `dev/texts`, `sNNN` the NNN-th
/// seed document in name order.
fn text_path(dev: &Path, doc: &str, seeds: &[PathBuf]) -> Option<PathBuf> {
    if let Some(n) = doc.strip_prefix('s') {
        return seeds.get(n.parse::<usize>().ok()?).cloned();
    }
    Some(dev.join("texts").join(format!("{doc}.txt")))
}

fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new("[0-9０-９]").unwrap());
static MAGNITUDE: LazyLock<Regex> = LazyLock::new(|| Regex::new("[百千万亿萬億]").unwrap());
static PLACE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|地区|省|市|县|区|盟)$").unwrap()
});
static FORM_STRIP: LazyLock<Regex> = LazyLock::new(|| Regex::new("[“”\"「」『』‘’\\s]").unwrap());
static FORM_SUFFIX: LazyLock<Regex> = LazyLock::new(|| Regex::new("(活动|行动|工程)$").unwrap());
static PHRASE_STRIP: LazyLock<Regex> = LazyLock::new(|| Regex::new("[“”\"《》\\s]").unwrap());

fn as_f64(v: &Value) -> f64 {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(f64::NAN)
}

fn norm_unit(u: &Value) -> String {
    let u = u.as_str().unwrap_or("").trim();
    match u {
        "个百分点" => "百分点".to_string(),
        "％" => "%".to_string(),
        _ => u.to_string(),
    }
}

/// A claim's matching key: value to four decimals and the unit.
fn key(c: &Value) -> (i64, String) {
    let v = as_f64(&c["value"]);
    let v = if v.is_nan() {
        i64::MIN
    } else {
        (v * 1e4).round() as i64
    };
    (v, norm_unit(&c["unit"]))
}

/// Claims the gold would annotate: digits, a value of 100 or more, or a
/// magnitude character (Chinese counts under 100 are not annotated).
fn countable(c: &Value) -> bool {
    let t = c["text"].as_str().unwrap_or("");
    let v = as_f64(&c["value"]);
    DIGIT.is_match(t) || v >= 100.0 || MAGNITUDE.is_match(t)
}

fn simp(n: &Normalizer, s: &str) -> String {
    PHRASE_STRIP
        .replace_all(&n.normalize_text(s), "")
        .into_owned()
}

/// The scorer's phrase match: one contains the other and is at least a
/// third of its length.
fn same_phrase(n: &Normalizer, gold: &Value, sys: &Value) -> bool {
    let (Some(g), Some(s)) = (gold.as_str(), sys.as_str()) else {
        return false;
    };
    if g.is_empty() || s.is_empty() {
        return false;
    }
    let (g, s) = (simp(n, g), simp(n, s));
    let (short, long) = if s.chars().count() < g.chars().count() {
        (s, g)
    } else {
        (g, s)
    };
    let ls = short.chars().count();
    ls >= 1 && long.contains(&short) && ls * 3 >= long.chars().count()
}

fn place_key(n: &str) -> String {
    PLACE_SUFFIX.replace(n, "").into_owned()
}

fn place_name(v: &Value) -> &str {
    v.as_str()
        .or_else(|| v["name"].as_str())
        .unwrap_or_default()
}

fn canon_form(t: &str) -> String {
    FORM_STRIP.replace_all(t, "").into_owned()
}

/// A system formulation's match in `pool`: exact, or equal once a trailing
/// 活动/行动/工程 is dropped from both.
fn hit<'a>(x: &str, pool: impl IntoIterator<Item = &'a String>) -> Option<&'a String> {
    let xs = FORM_SUFFIX.replace(x, "");
    let pool: Vec<&String> = pool.into_iter().collect();
    pool.iter()
        .find(|y| y.as_str() == x)
        .or_else(|| pool.iter().find(|y| FORM_SUFFIX.replace(y, "") == xs))
        .copied()
}

#[derive(Default)]
struct Tally {
    claims: [usize; 3],
    forms: [usize; 3],
    expansions: [usize; 2],
    place: [usize; 2],
    meta: [usize; 2],
    approx: [usize; 2],
    object: [usize; 2],
    period: [usize; 2],
    claim_place: [usize; 2],
}

fn ratio(x: [usize; 2]) -> f64 {
    if x[1] == 0 {
        0.0
    } else {
        x[0] as f64 / x[1] as f64
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn score_doc(t: &mut Tally, n: &Normalizer, gold: &Value, out: &Value) {
    // Claims: a multiset match on (value, unit), in system order.
    let empty = Vec::new();
    let gold_claims = gold["claims"].as_array().unwrap_or(&empty);
    let sys_claims: Vec<&Value> = out["claims"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter(|c| countable(c))
        .collect();
    let mut pool: Vec<(i64, String)> = gold_claims.iter().map(key).collect();
    let mut tp = 0;
    for c in &sys_claims {
        if let Some(i) = pool.iter().position(|g| *g == key(c)) {
            pool.remove(i);
            tp += 1;
        }
    }
    t.claims[0] += tp;
    t.claims[1] += sys_claims.len() - tp;
    t.claims[2] += pool.len();

    // Typed fields over matched claims, gold taken in order per key.
    let places = gold["claims_places"].as_array();
    let mut by_key: HashMap<(i64, String), Vec<(&Value, &Value)>> = HashMap::new();
    for (i, c) in gold_claims.iter().enumerate() {
        let pl = places.and_then(|p| p.get(i)).unwrap_or(&Value::Null);
        by_key.entry(key(c)).or_default().push((c, pl));
    }
    for c in &sys_claims {
        let Some(list) = by_key.get_mut(&key(c)) else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let (g, gpl) = list.remove(0);
        t.approx[1] += 1;
        t.approx[0] += usize::from(g["approx"] == c["approx"]);
        if g.get("object").is_some() {
            t.object[1] += 1;
            t.object[0] += usize::from(same_phrase(n, &g["object"], &c["object"]));
        }
        if g["period"].as_str().is_some_and(|p| !p.is_empty()) {
            t.period[1] += 1;
            t.period[0] += usize::from(same_phrase(n, &g["period"], &c["period"]));
        }
        if let Some(gp) = gpl.as_str().filter(|p| !p.is_empty()) {
            t.claim_place[1] += 1;
            t.claim_place[0] += usize::from(place_key(gp) == place_key(place_name(&c["place"])));
        }
    }

    // Formulations: required ones are scored, optional ones are free.
    let gold_forms = gold["formulations"].as_array().unwrap_or(&empty);
    let (mut req, mut opt) = (BTreeSet::new(), BTreeSet::new());
    for f in gold_forms {
        let c = canon_form(f["text"].as_str().unwrap_or(""));
        if f["required"].as_bool().unwrap_or(true) {
            req.insert(c);
        } else {
            opt.insert(c);
        }
    }
    let sys_forms = out["formulations"].as_array().unwrap_or(&empty);
    let sys_set: BTreeSet<String> = sys_forms
        .iter()
        .map(|f| canon_form(f["text"].as_str().unwrap_or("")))
        .collect();
    let mut matched = BTreeSet::new();
    for x in &sys_set {
        if let Some(y) = hit(x, &req) {
            t.forms[0] += 1;
            matched.insert(y.clone());
        } else if hit(x, &opt).is_none() {
            t.forms[1] += 1;
        }
    }
    t.forms[2] += req.difference(&matched).count();

    // Expansions: the items, in order, of the system formulation that
    // matches each gold formulation with an expansion.
    let strip_ws = |v: &Value| -> Option<Vec<String>> {
        v.as_array().map(|a| {
            a.iter()
                .map(|i| i.as_str().unwrap_or("").split_whitespace().collect())
                .collect()
        })
    };
    for f in gold_forms {
        let Some(want) = strip_ws(&f["expansion"]).filter(|w| !w.is_empty()) else {
            continue;
        };
        t.expansions[1] += 1;
        let target = [canon_form(f["text"].as_str().unwrap_or(""))];
        let got = sys_forms
            .iter()
            .rfind(|s| hit(&canon_form(s["text"].as_str().unwrap_or("")), &target).is_some())
            .and_then(|s| strip_ws(&s["expansion"]));
        t.expansions[0] += usize::from(got.is_some_and(|g| !g.is_empty() && g == want));
    }

    // Document place.
    let gp = &gold["place"];
    if gp["level"]
        .as_str()
        .is_some_and(|l| !l.is_empty() && l != "unknown")
    {
        t.place[1] += 1;
        t.place[0] += usize::from(
            place_key(gp["name"].as_str().unwrap_or("")) == place_key(place_name(&out["place"])),
        );
    }

    // Metadata: date exactly; title and source by containment.
    for field in ["date", "title", "source"] {
        let Some(a) = gold["meta"][field].as_str().filter(|a| !a.is_empty()) else {
            continue;
        };
        t.meta[1] += 1;
        let b = out["meta"][field].as_str().unwrap_or("");
        let ok = if field == "date" {
            a == b
        } else {
            !b.is_empty() && (a.contains(b) || b.contains(a))
        };
        t.meta[0] += usize::from(ok);
    }
}

impl Tally {
    /// Adds another tally's counts to this one.
    fn add(&mut self, o: &Tally) {
        let sum = |a: &mut [usize], b: &[usize]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        sum(&mut self.claims, &o.claims);
        sum(&mut self.forms, &o.forms);
        sum(&mut self.expansions, &o.expansions);
        sum(&mut self.place, &o.place);
        sum(&mut self.meta, &o.meta);
        sum(&mut self.approx, &o.approx);
        sum(&mut self.object, &o.object);
        sum(&mut self.period, &o.period);
        sum(&mut self.claim_place, &o.claim_place);
    }

    /// Every figure by name, as the floors name them.
    fn figures(&self) -> HashMap<&'static str, f64> {
        [
            (
                "claims_f1",
                f1(self.claims[0], self.claims[1], self.claims[2]).2,
            ),
            ("object", ratio(self.object)),
            ("period", ratio(self.period)),
            ("claim_place", ratio(self.claim_place)),
            (
                "formulations_f1",
                f1(self.forms[0], self.forms[1], self.forms[2]).2,
            ),
            ("expansions", ratio(self.expansions)),
            ("document_place", ratio(self.place)),
            ("meta", ratio(self.meta)),
        ]
        .into()
    }

    /// Prints the figures in the reference scorer's lines.
    fn print(&self, label: &str, docs: usize) {
        let (cp, cr, cf) = f1(self.claims[0], self.claims[1], self.claims[2]);
        let (fp, fr, ff) = f1(self.forms[0], self.forms[1], self.forms[2]);
        println!("development set, {label}: {docs} documents");
        println!(
            "  claims P={cp:.3} R={cr:.3} F1={cf:.3} (tp={} fp={} fn={}) approx-acc={}/{}",
            self.claims[0], self.claims[1], self.claims[2], self.approx[0], self.approx[1]
        );
        println!(
            "  formulations P={fp:.3} R={fr:.3} F1={ff:.3} (tp={} fp={} fn={})",
            self.forms[0], self.forms[1], self.forms[2]
        );
        let show =
            |name: &str, x: [usize; 2]| format!("{name} {}/{} = {:.3}", x[0], x[1], ratio(x));
        println!(
            "  {}; {}",
            show("expansions", self.expansions),
            show("document place", self.place)
        );
        println!(
            "  matched claims: {}, {}, {}",
            show("object", self.object),
            show("period", self.period),
            show("place", self.claim_place)
        );
        println!("  {}", show("meta date/title/source", self.meta));
    }
}

/// The part of the development set a document belongs to: the first texts
/// and the seeds (on which the rules were written), and the two halves of
/// the texts added later (read cold; the second half is only ever used to
/// check a rule written on the first).
fn part_of(doc: &str) -> usize {
    match doc.strip_prefix('d').and_then(|n| n.parse::<u32>().ok()) {
        Some(n) if n > 90 => 2,
        Some(n) if n > 60 => 1,
        _ => 0,
    }
}

const PARTS: [&str; 3] = ["d001-d060 and the seeds", "d061-d090", "d091-d120"];

#[test]
fn development_set_accuracy() {
    let Some(dev) = dev_dir() else {
        eprintln!("note: ../shared/dev not present; development-set evaluation skipped");
        return;
    };
    let seeds = sorted_files(&dev.join("../seeds"), "txt");
    let pipeline = Pipeline::default();
    let normalizer = Normalizer::default();
    let mut parts: [(Tally, usize); 3] = Default::default();
    for gold_path in sorted_files(&dev.join("gold"), "json") {
        let doc_id = gold_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(&gold_path).expect("gold file is readable"),
        )
        .expect("gold file is JSON");
        let Some(path) = text_path(&dev, &doc_id, &seeds).filter(|p| p.is_file()) else {
            continue;
        };
        let out = match Document::from_path(&path) {
            Ok(d) => serde_json::to_value(pipeline.analyze(&d)).expect("analysis serializes"),
            Err(e) => {
                eprintln!("{doc_id}: {e}");
                Value::Null
            }
        };
        let part = &mut parts[part_of(&doc_id)];
        score_doc(&mut part.0, &normalizer, &gold, &out);
        part.1 += 1;
    }
    let mut all = Tally::default();
    let mut docs = 0;
    for (label, (tally, n)) in PARTS.iter().zip(&parts) {
        tally.print(label, *n);
        all.add(tally);
        docs += n;
    }
    all.print("all", docs);

    assert!(
        docs >= 60,
        "expected the development set's documents, read {docs}"
    );
    let figures = all.figures();
    let below: Vec<String> = FLOORS
        .iter()
        .filter(|(k, floor)| figures[k] < *floor)
        .map(|(k, floor)| format!("{k} {:.3} < floor {floor:.3}", figures[k]))
        .collect();
    assert!(below.is_empty(), "accuracy dropped: {}", below.join("; "));
}
