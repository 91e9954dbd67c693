//! The pipeline and its output: one [`Analysis`] per [`Document`].
//!
//! ```text
//!  bytes ─decode─▶ text ─normalize─▶ normalized text + offset map
//!        ─page─▶ body blocks, metadata, captions
//!        ─body─▶ body text + map + tokens (segmented once)
//!        ─claims / formulations / quotes / places / keywords─▶ Analysis
//! ```
//!
//! A [`Pipeline`] is built once (loading dictionaries takes a fraction of a
//! second) and shared across threads; [`Pipeline::analyze`] never panics on
//! input and never fails once a document is decoded.
//!
//! Every span in an [`Analysis`] is a byte range `[start, end)` into
//! [`Document::text`], the decoded text before any cleaning or normalization.
//!
//! ```
//! use dangjian::{Document, Pipeline};
//!
//! let pipeline = Pipeline::default();
//! let doc = Document::from_text("5年来,1.35万名机关党员到社区报到。");
//! let a = pipeline.analyze(&doc);
//! assert_eq!(a.script, dangjian::Script::Simplified);
//! assert!(!a.keywords.is_empty());
//! ```
//!
//! Guide: `docs/commands/analyze.md` (every field of the output) and the
//! rules of each stage in `docs/rules/`.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use crate::body::Body;
use crate::claims::{self, Claim};
use crate::document::Document;
use crate::error::Result;
use crate::formulations::{self, CitedDocument, Formulation, Slogan};
use crate::keywords::Keyword;
use crate::normalize::{NormalizeOptions, Normalized, Normalizer, Script};
use crate::page::{self, PageMeta};
use crate::places::{self, DocumentPlace, PlaceMention};
use crate::segment::{Segmenter, SegmenterBuilder};

/// Everything dangjian finds in one document; the `analyze` object of the
/// command-line interface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Where the document was read from; `null` for stdin or memory.
    pub path: Option<String>,
    /// Stable id: the same bytes give the same id.
    pub id: String,
    /// The encoding the input was decoded from.
    pub encoding: String,
    /// `text` or `html`. For HTML input, spans refer to the text extracted
    /// from the page (`dangjian text PAGE` prints it).
    #[serde(default = "default_format")]
    pub format: String,
    /// Script of the original text.
    pub script: Script,
    /// Page metadata (title, source, date, edition, authors, editors).
    pub meta: PageMeta,
    /// The place the document reports on, `null` when the text does not say.
    pub place: Option<DocumentPlace>,
    /// Why `place` is what it is (masthead, manifest, 我市 + source, dominant
    /// mention, or why it is unknown).
    pub place_reason: String,
    /// The cleaned body in the original script: body paragraphs joined by
    /// `\n`.
    pub body: String,
    /// Photo captions and credits taken out of the body (they often carry
    /// facts).
    pub captions: Vec<String>,
    /// Numeric claims.
    pub claims: Vec<Claim>,
    /// Numbered formulations (三会一课, 两个维护 …).
    pub formulations: Vec<Formulation>,
    /// Other quoted material: slogans, terms, titles, honours, quotes.
    pub slogans: Vec<Slogan>,
    /// Documents cited in 《…》.
    pub documents: Vec<CitedDocument>,
    /// Places mentioned in the body.
    pub places: Vec<PlaceMention>,
    /// Top keywords by TF-IDF.
    pub keywords: Vec<Keyword>,
    /// Characters in the body.
    pub chars: usize,
    /// Word counts of the body (normalized script), for keyness in
    /// comparisons. Omitted from JSON unless the pipeline keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<(String, u32)>,
    /// Where each body paragraph starts: `[offset in body, offset in the
    /// original text]`, so that a position in `body` maps back to the
    /// original (a paragraph is a verbatim slice of it). Not serialized;
    /// empty for an analysis read back from JSON.
    #[serde(skip)]
    pub body_offsets: Vec<[usize; 2]>,
}

/// An analysis as JSON without its word counts ([`Analysis::terms`]): the
/// same object as the analysis with `terms` emptied, serialized from a
/// borrow instead of a copy (the search index stores it for every
/// document, and a copy of the whole analysis cost as much as writing it).
#[derive(Serialize)]
pub struct WithoutTerms<'a> {
    path: &'a Option<String>,
    id: &'a str,
    encoding: &'a str,
    format: &'a str,
    script: Script,
    meta: &'a PageMeta,
    place: &'a Option<DocumentPlace>,
    place_reason: &'a str,
    body: &'a str,
    captions: &'a [String],
    claims: &'a [Claim],
    formulations: &'a [Formulation],
    slogans: &'a [Slogan],
    documents: &'a [CitedDocument],
    places: &'a [PlaceMention],
    keywords: &'a [Keyword],
    chars: usize,
}

impl Analysis {
    /// This analysis as JSON without its word counts; see [`WithoutTerms`].
    pub fn without_terms(&self) -> WithoutTerms<'_> {
        // Every field named, so that one added to the analysis is added
        // here too (or left out on purpose).
        let Analysis {
            path,
            id,
            encoding,
            format,
            script,
            meta,
            place,
            place_reason,
            body,
            captions,
            claims,
            formulations,
            slogans,
            documents,
            places,
            keywords,
            chars,
            terms: _,
            body_offsets: _,
        } = self;
        WithoutTerms {
            path,
            id,
            encoding,
            format,
            script: *script,
            meta,
            place,
            place_reason,
            body,
            captions,
            claims,
            formulations,
            slogans,
            documents,
            places,
            keywords,
            chars: *chars,
        }
    }
}

fn default_format() -> String {
    "text".to_string()
}

/// Which stages run; all on by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stages {
    /// Remove page boilerplate and read metadata; off = the whole text is
    /// the body.
    pub clean: bool,
    /// Extract numeric claims.
    pub claims: bool,
    /// Extract formulations, slogans and cited documents.
    pub formulations: bool,
    /// Recognize places and attribute the document and its claims.
    pub places: bool,
    /// Extract keywords.
    pub keywords: bool,
    /// Keep per-document term counts in the analysis (for comparisons).
    pub terms: bool,
}

impl Default for Stages {
    fn default() -> Self {
        Stages {
            clean: true,
            claims: true,
            formulations: true,
            places: true,
            keywords: true,
            terms: false,
        }
    }
}

/// Configures a [`Pipeline`].
///
/// ```
/// use dangjian::PipelineBuilder;
/// let p = PipelineBuilder::new()
///     .keywords(5)
///     .user_lexicon_str("邻里红管家 nz")
///     .unwrap()
///     .build()
///     .unwrap();
/// let a = p.analyze(&dangjian::Document::from_text("组织党员志愿者加入邻里红管家"));
/// assert!(a.keywords.len() <= 5);
/// ```
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    stages: Stages,
    normalize: NormalizeOptions,
    segmenter: Option<SegmenterBuilder>,
    keywords: Option<usize>,
}

impl PipelineBuilder {
    /// All stages on, default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Chooses the stages.
    pub fn stages(mut self, stages: Stages) -> Self {
        self.stages = stages;
        self
    }

    /// Keeps per-document term counts (needed by the comparison of places).
    pub fn keep_terms(mut self, yes: bool) -> Self {
        self.stages.terms = yes;
        self
    }

    /// Normalization options.
    pub fn normalize(mut self, options: NormalizeOptions) -> Self {
        self.normalize = options;
        self
    }

    /// Number of keywords per document (default 20).
    pub fn keywords(mut self, k: usize) -> Self {
        self.keywords = Some(k);
        self
    }

    /// Adds a user lexicon (`word [freq] [pos]` per line).
    pub fn user_lexicon_str(mut self, text: &str) -> Result<Self> {
        let b = self.segmenter.take().unwrap_or_default();
        self.segmenter = Some(b.user_lexicon_str(text)?);
        Ok(self)
    }

    /// Builds the pipeline (its tables are built side by side on two
    /// threads).
    pub fn build(self) -> Result<Pipeline> {
        let seg = self.segmenter;
        let (segmenter, normalizer) =
            build_tables(&self.stages, self.normalize, move || match seg {
                Some(b) => b.build(),
                None => Ok(Segmenter::default()),
            });
        let segmenter = segmenter?;
        Ok(Pipeline {
            stages: self.stages,
            normalizer,
            segmenter,
            keywords: self.keywords.unwrap_or(20),
        })
    }
}

/// A short text whose analysis builds the tables the stages build on first
/// use (see [`Pipeline::warm_up`]).
const WARM_UP: &str =
    "浙江省杭州市:1.35万名机关党员到社区“双报到”,占比达30.7%。《关于加强机关党建的意见》";

/// The analysis pipeline. Cheap to clone and `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Pipeline {
    stages: Stages,
    normalizer: Normalizer,
    segmenter: Segmenter,
    keywords: usize,
}

impl Default for Pipeline {
    /// The default pipeline, built once per process.
    fn default() -> Self {
        static DEFAULT: LazyLock<Pipeline> = LazyLock::new(|| {
            let (segmenter, normalizer) = build_tables(
                &Stages::default(),
                NormalizeOptions::default(),
                Segmenter::default,
            );
            Pipeline {
                stages: Stages::default(),
                normalizer,
                segmenter,
                keywords: 20,
            }
        });
        DEFAULT.clone()
    }
}

/// Builds the segmenter (with `segmenter`) on this thread while another
/// builds the normalizer, the gazetteer when places are recognized, and
/// the page cleaner's patterns when pages are cleaned (by cleaning
/// [`WARM_UP`]: they are built on first use, which would otherwise be the
/// first document's, after the segmenter). The segmenter takes the
/// longest; the rest is done before it is. Plain threads, not rayon: see
/// `SegmenterBuilder::build`.
fn build_tables<S>(
    stages: &Stages,
    normalize: NormalizeOptions,
    segmenter: impl FnOnce() -> S,
) -> (S, Normalizer) {
    let (places, clean) = (stages.places, stages.clean);
    std::thread::scope(|s| {
        let side = s.spawn(move || {
            if places {
                places::Gazetteer::shared();
            }
            let normalizer = if normalize == NormalizeOptions::default() {
                Normalizer::default()
            } else {
                Normalizer::new(normalize)
            };
            if clean {
                page::clean(&normalizer.normalize(WARM_UP).text);
            }
            normalizer
        });
        let segmenter = segmenter();
        (
            segmenter,
            side.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    })
}

impl Pipeline {
    /// The stages this pipeline runs.
    pub fn stages(&self) -> &Stages {
        &self.stages
    }

    /// The normalizer.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Normalizes a document's text.
    pub fn normalize(&self, text: &str) -> Normalized {
        self.normalizer.normalize(text)
    }

    /// Segments `text` and returns the tokens in the original characters
    /// (traditional input comes back traditional, only split).
    ///
    /// ```
    /// let p = dangjian::Pipeline::default();
    /// let toks = p.segment_original("天津市加強機關黨建工作");
    /// assert_eq!(toks.concat(), "天津市加強機關黨建工作");
    /// assert!(toks.contains(&"機關黨建"));
    /// ```
    pub fn segment_original<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let norm = self.normalizer.normalize(text);
        let spans = self.segmenter.spans(&norm.text);
        let mut out = Vec::with_capacity(spans.len());
        let mut prev = 0;
        for (k, &(s, e)) in spans.iter().enumerate() {
            // Text that normalization dropped (zero-width characters, glosses)
            // joins the token before it, so the tokens concatenate to `text`.
            let end = if k + 1 == spans.len() {
                text.len()
            } else {
                norm.map.to_original(s, e).1.max(prev)
            };
            if end > prev {
                out.push(&text[prev..end]);
                prev = end;
            }
        }
        if prev < text.len() {
            out.push(&text[prev..]);
        }
        out
    }

    /// Builds every table the stages build on first use (word lists,
    /// patterns), by analyzing a short text; parallel runs call it first so
    /// that no thread waits for another to build them.
    ///
    /// ```
    /// dangjian::Pipeline::default().warm_up();
    /// ```
    pub fn warm_up(&self) {
        let _ = self.analyze(&Document::from_text(WARM_UP.to_string()));
    }

    /// Analyzes one document. Never fails: a document that decoded is a
    /// document that can be analyzed.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let text = doc.text.as_str();
        let norm = self.normalizer.normalize(text);
        let cleaned = if self.stages.clean {
            page::clean(&norm.text)
        } else {
            page::Page::whole(&norm.text)
        };
        let body = Body::from_blocks(&norm, &cleaned.body, &self.segmenter);
        let mut body_offsets = Vec::with_capacity(cleaned.body.len());
        let mut at = 0usize;
        let body_original = cleaned
            .body
            .iter()
            .map(|r| {
                let (s, e) = norm.map.to_original(r.start, r.end);
                let raw = &text[s..e];
                let para = raw.trim();
                let lead = raw.len() - raw.trim_start().len();
                body_offsets.push([at, s + lead]);
                at += para.len() + 1;
                para
            })
            .collect::<Vec<_>>()
            .join("\n");
        let captions = cleaned
            .captions
            .iter()
            .map(|r| {
                let (s, e) = norm.map.to_original(r.start, r.end);
                text[s..e].trim().to_string()
            })
            .collect();
        let mut meta = cleaned.meta.in_original_script(&norm.text, text, &norm.map);
        if meta.source.is_none() {
            meta.source.clone_from(&doc.info.source);
        }
        if meta.date.is_none() {
            meta.date.clone_from(&doc.info.date);
        }
        if meta.title.is_none() {
            meta.title.clone_from(&doc.info.title);
        }
        if meta.subtitle.is_none() {
            meta.subtitle.clone_from(&doc.info.subtitle);
        }
        if meta.authors.is_empty() {
            meta.authors.clone_from(&doc.info.authors);
        }

        // The page's title and subtitle, and its captions: lines the body
        // leaves out that still state formulations and claims.
        let heads = heading_lines(&norm.text, &cleaned);
        let heads = (!heads.is_empty()).then(|| Body::from_blocks(&norm, &heads, &self.segmenter));
        let captioned = (!cleaned.captions.is_empty())
            .then(|| Body::from_blocks(&norm, &cleaned.captions, &self.segmenter));
        let (formulations, slogans, documents, head_forms) = if self.stages.formulations {
            let (merged, head_forms) = page_formulations(&body, heads.as_ref());
            (
                merged.formulations,
                merged.slogans,
                merged.documents,
                head_forms,
            )
        } else {
            Default::default()
        };
        let mut claims = if self.stages.claims {
            claims::extract(&body, text, &formulations)
        } else {
            Vec::new()
        };
        let (mut headline, mut pictured) = if self.stages.claims {
            (
                heads
                    .as_ref()
                    .map_or_else(Vec::new, |h| claims::extract(h, text, &head_forms)),
                captioned
                    .as_ref()
                    .map_or_else(Vec::new, |c| claims::extract(c, text, &[])),
            )
        } else {
            Default::default()
        };
        let (place, place_reason, places) = if self.stages.places {
            let r = places::attribute(&body, &norm.text, &meta, &doc.info, &mut claims);
            (r.place, r.reason, r.mentions)
        } else {
            (None, "place recognition is off".to_string(), Vec::new())
        };
        // A caption's claims are about the document's place; a headline's
        // too, unless the line names another for them. The headline's come
        // first, as the title does; a caption's stand where the caption
        // stands among the body's.
        for c in &mut pictured {
            c.place = place.as_ref().map(|p| p.name.clone());
        }
        match &heads {
            Some(h) if self.stages.places => {
                places::attribute_headline(h, place.as_ref(), &mut headline);
            }
            _ => {
                for c in &mut headline {
                    c.place = place.as_ref().map(|p| p.name.clone());
                }
            }
        }
        if !pictured.is_empty() {
            claims.append(&mut pictured);
            claims.sort_by_key(|c| c.span[0]);
        }
        claims.splice(0..0, headline);
        let keywords = if self.stages.keywords && self.keywords > 0 {
            body.keywords(self.keywords)
        } else {
            Vec::new()
        };
        let terms = if self.stages.terms {
            body_term_counts(&body)
        } else {
            Vec::new()
        };
        Analysis {
            path: doc.path.as_ref().map(|p| p.display().to_string()),
            id: doc.id.clone(),
            encoding: doc.encoding.to_string(),
            format: doc.format.to_string(),
            script: norm.script,
            meta,
            place,
            place_reason,
            chars: body_original.chars().filter(|c| !c.is_whitespace()).count(),
            body: body_original,
            captions,
            claims,
            formulations,
            slogans,
            documents,
            places,
            keywords,
            terms,
            body_offsets,
        }
    }
}

/// The formulations of a page: the body's, with the headline's merged in,
/// and the headline's alone (its claims may name them).
fn page_formulations(
    body: &Body,
    heads: Option<&Body>,
) -> (formulations::Extracted, Vec<Formulation>) {
    let f = formulations::extract(body);
    let mut h = heads.map(formulations::extract).unwrap_or_default();
    // Headlines are terse and full of set phrases (夯实三梁四柱): only what
    // they quote, what the lexicon knows, or a name led by a word before
    // its count (便民五举措).
    h.formulations
        .retain(|f| f.quoted || f.national || formulations::is_led_name(&f.text));
    // A count the body then sets out as its section headings (把握三个重点
    // over three headed sections) is a name too.
    if let Some(heads) = heads {
        for f in formulations::headline_counts(heads, &body.text) {
            if !h.formulations.iter().any(|g| g.text == f.text) {
                h.formulations.push(f);
            }
        }
    }
    let head_forms = h.formulations.clone();
    (formulations::merge(h, f), head_forms)
}

/// The lines of the normalized text that hold the page's title and
/// subtitle, when they are lines of it (not from a manifest) outside the
/// body and the captions: 某县:2600名在职党员到社区报到, ——在全市“三创”
/// 推进会上的讲话.
fn heading_lines(text: &str, page: &page::Page) -> Vec<std::ops::Range<usize>> {
    let mut lines: Vec<std::ops::Range<usize>> = [&page.meta.title, &page.meta.subtitle]
        .into_iter()
        .filter_map(|t| t.as_deref().filter(|t| !t.is_empty()))
        .filter_map(|t| page::meta::span_in(text, t))
        .filter(|line| {
            !page
                .body
                .iter()
                .chain(&page.captions)
                .any(|b| b.start < line.end && line.start < b.end)
        })
        .collect();
    lines.sort_by_key(|l| l.start);
    lines.dedup_by(|a, b| a.start < b.end);
    lines
}

/// Counts content words of a text: two characters or more, with a Han
/// character, no digit, and not the measure word of a number (the 余名 of
/// 3000余名, the 年来 of 5年来).
pub fn term_counts(seg: &Segmenter, text: &str) -> Vec<(String, u32)> {
    count_terms(seg.cut(text))
}

/// [`term_counts`] of a body, from its tokens.
pub fn body_term_counts(body: &Body) -> Vec<(String, u32)> {
    count_terms(body.tokens.iter().map(|t| body.word(t)))
}

/// Whether a word is one [`term_counts`] counts (where it does not follow
/// a number): two characters or more, with a Han character and no digit.
///
/// ```
/// use dangjian::analysis::is_content_word;
/// assert!(is_content_word("党建"));
/// assert!(!is_content_word("党") && !is_content_word("covid") && !is_content_word("20年"));
/// ```
pub fn is_content_word(w: &str) -> bool {
    // Byte tests first, cheapest first: an ASCII digit is one byte
    // anywhere in UTF-8, and a character starts at every byte that is not
    // a continuation byte (most tokens are one character).
    let b = w.as_bytes();
    b.len() >= 2
        && b.iter().filter(|&&x| x & 0xC0 != 0x80).nth(1).is_some()
        && !b.iter().any(u8::is_ascii_digit)
        && w.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn count_terms<'a>(words: impl Iterator<Item = &'a str>) -> Vec<(String, u32)> {
    let mut counts: rustc_hash::FxHashMap<&str, u32> = Default::default();
    let mut after_number = false;
    for w in words {
        // A word right after a number is its unit or counted thing ("20 年"),
        // not a content word.
        let numeric = w.as_bytes().last().is_some_and(u8::is_ascii_digit);
        if !after_number && is_content_word(w) {
            *counts.entry(w).or_insert(0) += 1;
        }
        after_number = numeric;
    }
    let mut v: Vec<(String, u32)> = counts
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    // Words are unique, so the order is total and an unstable sort gives it.
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
