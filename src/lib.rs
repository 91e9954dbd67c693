//! # dangjian
//!
//! Mining Chinese party-building (党建) news: reports, work summaries and
//! speeches in which city and provincial agencies describe their campaigns.
//!
//! The pipeline, one module per stage:
//!
//! | stage | module |
//! |---|---|
//! | bytes → text (UTF-8, UTF-16, GB18030, Big5) | [`decode`] |
//! | documents, corpora, manifests | [`document`] |
//! | HTML pages → text lines and page facts | [`html`] |
//! | traditional → simplified, widths, quotes, glosses, with an offset map | [`normalize`], [`offsets`] |
//! | page boilerplate off, metadata out | [`page`] |
//! | jieba's dictionary as data: parts of speech, IDF weights | [`dictionary`] |
//! | words, cut once and tagged (jieba-rs + party-building lexicon) | [`segment`] |
//! | the body: text, offset map and tokens, shared by the stages below | [`body`] |
//! | Chinese and Arabic numerals, exactly | [`numerals`] |
//! | numeric claims | [`claims`] |
//! | numbered formulations, slogans, cited documents | [`formulations`] |
//! | places, document place, claim attribution | [`places`] |
//! | keywords by TF-IDF | [`keywords`] |
//! | the whole pipeline and its output | [`analysis`] |
//! | batch indexing: parallel, streaming, resumable | [`index`] |
//! | profiles and the comparison of places | [`compare`] |
//! | tables, CSV, Markdown and HTML reports of a comparison | [`report`] |
//! | text reuse across documents: shared passages, clusters, first appearance | [`reuse`] |
//! | the archive search index: queries, facets, claims as rows | [`search`] |
//! | the archive in a browser (`dangjian serve`): pages and a JSON API | [`serve`] |
//! | the table, CSV, Markdown and HTML helpers under both (internal) | `render` |
//!
//! No two modules read each other, directly or round a loop
//! (`python3 .ci/module_cycles.py` checks).
//!
//! ```
//! use dangjian::{Document, Pipeline};
//! let pipeline = Pipeline::default();
//! let analysis = pipeline.analyze(&Document::from_text("黨的十八大以來，天津市加強機關黨建工作"));
//! assert_eq!(analysis.script, dangjian::Script::Traditional);
//! ```
//!
//! The guide, `docs/README.md` in the repository, teaches each command with
//! real output and holds the extraction rules (`docs/rules/`); the module
//! documentation below links to its pages rather than repeating them.

/// The Rust examples of the README and the guide, run as doctests so they
/// cannot rot (the shell examples are run by `tests/docs.rs`).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/library.md")]
pub struct LibraryDoctests;

/// A regex compiled once, on first use. The patterns are constants of this
/// crate, compiled by its tests, so `expect` cannot fire on any input.
macro_rules! static_regex {
    ($name:ident, $pat:expr) => {
        static $name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            // Unreachable on any input: `$pat` is a literal of this crate, and
            // every pattern is compiled by the unit tests of its module.
            regex::Regex::new($pat).expect("a constant pattern of this crate compiles")
        });
    };
}

pub mod analysis;
pub mod body;
pub mod claims;
pub mod compare;
pub mod decode;
pub mod dictionary;
pub mod document;
pub mod error;
pub mod formulations;
pub mod html;
pub mod index;
pub mod keywords;
pub mod normalize;
pub mod numerals;
pub mod offsets;
pub mod page;
pub mod places;
mod render;
pub mod report;
pub mod reuse;
pub mod search;
pub mod segment;
pub mod serve;
pub mod spread;
pub mod taken;
pub mod window;

#[doc(hidden)]
pub mod cli;

pub use analysis::{Analysis, Pipeline, PipelineBuilder, Stages};
pub use document::{Corpus, Document, DocumentInfo};
pub use error::{Error, ErrorKind, Result};
pub use normalize::{Normalizer, Script};
