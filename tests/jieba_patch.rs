//! The vendored jieba-rs (`vendor/jieba-rs`, one added entry point) cuts
//! exactly as the published 0.11.0 does, and its entries agree with jieba's
//! tagger.
//!
//! The expected hashes were computed with the published crate (jieba-rs
//! 0.11.0 from crates.io, `cut` with the HMM on, its default dictionary):
//! FNV-1a 64 over `byte_start,byte_end,word\n` for each token.

use std::path::PathBuf;

use jieba_rs::Jieba;

fn hash(jieba: &Jieba, text: &str) -> (usize, u64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut n = 0;
    for t in jieba.cut(text, true) {
        for b in format!("{},{},{}\n", t.byte_start, t.byte_end, t.word).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        n += 1;
    }
    (n, h)
}

/// (file, tokens, hash) from the published crate.
const CORPUS: &[(&str, usize, u64)] = &[
    ("guilin-2024-08-15.txt", 2668, 0x7c18184cb3920b2b),
    ("lechang-2020.txt", 1854, 0x5302288da8ec72c4),
    ("tianjin-2021-06-16.txt", 1859, 0x52842d64a214b45e),
    ("unnamed-city-speech.txt", 1846, 0xf23cc0cced9c0f8e),
    ("zhejiang-2019-11-25.txt", 2364, 0x341840e55c88a2d8),
];

const SIGHAN: &[(&str, usize, u64)] = &[
    ("as_test.utf8", 136581, 0x5eea9ea8aaafb1c6),
    ("cityu_test.utf8", 41771, 0xdbddb64e1c61d801),
    ("msr_test.utf8", 110092, 0x29de330776ec83a5),
    ("pku_test.utf8", 98216, 0x5518afb3036ac030),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn cut_is_the_published_cut_on_the_corpus() {
    let jieba = Jieba::new();
    assert!(!CORPUS.is_empty());
    for &(file, n, h) in CORPUS {
        let text = std::fs::read_to_string(root().join("corpus").join(file)).expect("corpus file");
        assert_eq!(hash(&jieba, &text), (n, h), "{file}");
    }
}

#[test]
fn cut_is_the_published_cut_on_sighan() {
    let dir = root().join("../shared/data/sighan2005/testing");
    let jieba = Jieba::new();
    for &(file, n, h) in SIGHAN {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            eprintln!("{file} absent: skipped");
            continue;
        };
        assert_eq!(hash(&jieba, &text), (n, h), "{file}");
    }
}

#[test]
fn entries_come_with_the_tokens_of_cut() {
    let jieba = Jieba::new();
    for text in [
        "机关党员到社区报到，开展志愿服务1.35万人次。",
        "推進「兩個維護」，ABC公司在2023年投资3亿元。\r\n我们中出了一个叛徒",
        "",
    ] {
        for hmm in [true, false] {
            let cut = jieba.cut(text, hmm);
            let tags = jieba.tag(text, hmm);
            let mut n = 0;
            jieba.cut_with_entries(text, hmm, |token, entry| {
                assert_eq!(Some(&token), cut.get(n));
                if let Some(e) = entry {
                    assert_eq!(Some(e.tag()), tags.get(n).map(|t| t.tag), "{}", token.word);
                    assert_eq!(jieba.word_entry(e.id()), Some(e));
                    assert_eq!(jieba.lookup(token.word), Some(e));
                    assert!(e.freq() > 0);
                }
                n += 1;
            });
            assert_eq!(n, cut.len());
        }
    }
    assert!(jieba.word_entry(usize::MAX).is_none());
}
