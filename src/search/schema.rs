//! The fields of the search index. The names are part of the on-disk
//! format: [`FORMAT_VERSION`] changes when they do.

use tantivy::schema::{
    BytesOptions, FAST, Field, FieldType, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    SchemaBuilder, TextFieldIndexing, TextOptions,
};

use tantivy::Term;
use tantivy::query::{Query, TermQuery};

use super::tokenize::{BIGRAMS, CUT_WORDS, UNIGRAMS, WORDS};

/// Version of the index layout that new indexes get. Version 2 takes the
/// body's words already cut ([`Fields::body_cut`]); version 1 cut them on
/// the indexing thread. Both are read and written; an index of any other
/// version is refused with a message to rebuild it.
pub const FORMAT_VERSION: u32 = 2;

/// The layout versions this build opens.
pub const READS_VERSIONS: std::ops::RangeInclusive<u32> = 1..=FORMAT_VERSION;

/// Name of the file beside tantivy's that records the layout version.
pub const VERSION_FILE: &str = "dangjian-search.json";

/// Handles of every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id (a claim row carries its document's id).
    pub id: Field,
    /// Path as given to `index`.
    pub path: Field,
    /// `doc` or `claim`.
    pub kind: Field,
    /// Title, words.
    pub title: Field,
    /// Title, bigrams.
    pub title_bi: Field,
    /// Title, characters.
    pub title_uni: Field,
    /// Body, words.
    pub body: Field,
    /// Whether `body` takes the words already cut, as one space-separated
    /// string ([`super::tokenize::cut_words`]), or the text to cut (an index
    /// of version 1).
    pub body_cut: bool,
    /// Body, bigrams.
    pub body_bi: Field,
    /// Date as YYYYMMDD (0 when unknown).
    pub date: Field,
    /// Year (0 when unknown).
    pub year: Field,
    /// Source, normalized.
    pub source: Field,
    /// Gazetteer codes of the place and of every division above it.
    pub place: Field,
    /// Place name (for places the gazetteer has no code for).
    pub place_name: Field,
    /// Script of the original.
    pub script: Field,
    /// Formulations (canonical).
    pub formulation: Field,
    /// Slogans and terms (normalized).
    pub slogan: Field,
    /// Indicators of the claims.
    pub indicator: Field,
    /// A claim's unit.
    pub unit: Field,
    /// A claim's value.
    pub value: Field,
    /// A claim's order in its document.
    pub seq: Field,
    /// The stored analysis (zstd-compressed JSON) of a document; the row
    /// (JSON) of a claim.
    pub stored: Field,
}

fn text(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// The schema and its fields, of the current layout.
pub fn build() -> (Schema, Fields) {
    build_version(FORMAT_VERSION)
}

/// The schema of a layout version this build writes ([`READS_VERSIONS`]).
pub(super) fn build_version(version: u32) -> (Schema, Fields) {
    let body_cut = version >= 2;
    let body_tokenizer = if body_cut { CUT_WORDS } else { WORDS };
    let mut b = SchemaBuilder::new();
    let kw = STRING | FAST;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        path: b.add_text_field("path", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        title: b.add_text_field("title", text(WORDS, IndexRecordOption::WithFreqs)),
        title_bi: b.add_text_field(
            "title_bi",
            text(BIGRAMS, IndexRecordOption::WithFreqsAndPositions),
        ),
        title_uni: b.add_text_field("title_uni", text(UNIGRAMS, IndexRecordOption::WithFreqs)),
        body: b.add_text_field("body", text(body_tokenizer, IndexRecordOption::WithFreqs)),
        body_cut,
        body_bi: b.add_text_field(
            "body_bi",
            text(BIGRAMS, IndexRecordOption::WithFreqsAndPositions),
        ),
        date: b.add_i64_field("date", INDEXED | FAST),
        year: b.add_u64_field("year", INDEXED | FAST),
        source: b.add_text_field("source", kw.clone()),
        place: b.add_text_field("place", kw.clone()),
        place_name: b.add_text_field("place_name", kw.clone()),
        script: b.add_text_field("script", kw.clone()),
        formulation: b.add_text_field("formulation", kw.clone()),
        slogan: b.add_text_field("slogan", kw.clone()),
        indicator: b.add_text_field("indicator", kw.clone()),
        unit: b.add_text_field("unit", kw),
        value: b.add_f64_field("value", INDEXED | FAST),
        seq: b.add_u64_field("seq", FAST),
        stored: b.add_bytes_field("stored", BytesOptions::default().set_stored()),
    };
    (b.build(), fields)
}

/// The fields of an existing index's schema, or the name of the first one
/// missing (an index of another layout).
pub fn fields_of(schema: &Schema) -> Result<Fields, String> {
    let f = |name: &str| schema.get_field(name).map_err(|_| name.to_string());
    Ok(Fields {
        id: f("id")?,
        path: f("path")?,
        kind: f("kind")?,
        title: f("title")?,
        title_bi: f("title_bi")?,
        title_uni: f("title_uni")?,
        body: f("body")?,
        body_cut: tokenizer_of(schema, "body") == Some(CUT_WORDS),
        body_bi: f("body_bi")?,
        date: f("date")?,
        year: f("year")?,
        source: f("source")?,
        place: f("place")?,
        place_name: f("place_name")?,
        script: f("script")?,
        formulation: f("formulation")?,
        slogan: f("slogan")?,
        indicator: f("indicator")?,
        unit: f("unit")?,
        value: f("value")?,
        seq: f("seq")?,
        stored: f("stored")?,
    })
}

/// The tokenizer a text field is indexed with.
fn tokenizer_of<'s>(schema: &'s Schema, name: &str) -> Option<&'s str> {
    let field = schema.get_field(name).ok()?;
    match schema.get_field_entry(field).field_type() {
        FieldType::Str(o) => o.get_indexing_options().map(|i| i.tokenizer()),
        _ => None,
    }
}

/// A query for one exact term of a field (the kind of an entry, an id,
/// a label).
pub(super) fn term_q(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}
