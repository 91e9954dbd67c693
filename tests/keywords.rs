//! Keywords from the shared tokens equal jieba-rs's own TF-IDF extraction
//! (which tags the text a second time) on the bundled corpus and, when
//! present, the SIGHAN test texts.

use std::path::PathBuf;

use jieba_rs::{KeywordExtract, TfIdf};

use dangjian::segment::Segmenter;

fn texts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("corpus")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                out.push(t);
            }
        }
    }
    let pku = root.join("../shared/data/sighan2005/testing/pku_test.utf8");
    if let Ok(t) = std::fs::read_to_string(pku) {
        // Paragraph-sized pieces, as documents.
        let lines: Vec<&str> = t.lines().collect();
        out.extend(lines.chunks(40).take(50).map(|c| c.join("\n")));
    }
    out
}

/// The tokens' words are jieba's `cut` (HMM on), and their tags are the tags
/// jieba's tagger gives the same words — the lookup replaces the tagger —
/// except where the lexicon names another tag, which jieba-rs's tagger
/// ignores for a word of its dictionary (清单 n, not a).
#[test]
fn tags_equal_jieba_tagger() {
    let seg = Segmenter::default();
    let norm = dangjian::Normalizer::default();
    let lexicon_tags: std::collections::HashMap<&str, &str> = include_str!("../data/lexicon.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let tag = *f.last()?;
            (f.len() >= 2 && tag.parse::<f64>().is_err()).then_some((f[0], tag))
        })
        .collect();
    let mut corrected = 0;
    for text in texts() {
        let text = norm.normalize_text(&text);
        let ours = seg.tokens(&text);
        let theirs = seg.jieba().tag(&text, true);
        assert_eq!(ours.len(), theirs.len());
        for (o, t) in ours.iter().zip(&theirs) {
            assert_eq!(o.word(&text), t.word);
            if !o.known {
                continue;
            }
            match lexicon_tags.get(t.word) {
                Some(tag) => {
                    assert_eq!(o.pos.as_str(), *tag, "{}", t.word);
                    corrected += usize::from(*tag != t.tag);
                }
                None => assert_eq!(o.pos.as_str(), t.tag, "{}", t.word),
            }
        }
    }
    assert!(corrected > 0, "no lexicon tag was put to the test");
}

/// Keywords over the shared tokens (HMM on) against jieba-rs's own
/// extraction, which tags the text again without the HMM: the HMM joins a
/// few runs of single characters into dictionary words (初心), which then
/// count, so weights differ by a fraction of a percent and the ranking
/// stays that of jieba-rs.
#[test]
fn keywords_match_jieba_tfidf() {
    let seg = Segmenter::default();
    let tfidf = TfIdf::default();
    let allowed: Vec<String> = ["n", "nz", "nt", "ns", "vn", "l", "nr", "v", "an"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let norm = dangjian::Normalizer::default();
    let (mut same, mut total) = (0, 0);
    for text in texts() {
        let text = norm.normalize_text(&text);
        let ours: Vec<(String, f64)> = seg
            .keywords(&text, 10)
            .into_iter()
            .map(|k| (k.term, k.weight))
            .collect();
        let theirs: Vec<(String, f64)> = tfidf
            .extract_keywords(seg.jieba(), &text, 10, allowed.clone())
            .into_iter()
            .map(|k| (k.keyword, k.weight))
            .collect();
        for (w, _) in &theirs {
            total += 1;
            same += usize::from(ours.iter().any(|(o, _)| o == w));
        }
        for ((o, ow), (t, tw)) in ours.iter().zip(&theirs) {
            if o == t {
                assert!((ow - tw).abs() <= 0.05 * tw + 1e-4, "{o}: {ow} vs {tw}");
            }
        }
    }
    eprintln!("top-10 keywords shared with jieba-rs: {same}/{total}");
    assert!(same * 100 >= total * 95, "{same}/{total}");
}
