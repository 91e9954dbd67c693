//! The searchable archive: an embedded [tantivy] index of analyses, with
//! Chinese that finds what it should, facets from the analysis (place as a
//! hierarchy, year, formulation …) and claims as rows.
//!
//! ```text
//!  Analysis ─▶ ArchiveWriter::add ─▶ DIR (tantivy segments + dangjian-search.json)
//!                                      │
//!  SearchRequest ─▶ Archive::search ───┤─▶ SearchResults { hits (snippets, spans), facets }
//!  ClaimsRequest ─▶ Archive::claims ───┘─▶ ClaimResults { rows }
//! ```
//!
//! One tantivy document per analysed document (`kind:doc`) and one per
//! claim (`kind:claim`, carrying its document's id, date, source and the
//! claim's own place), so that claims are filtered and ranged on the index
//! itself. Adding a document deletes every earlier entry with the same id
//! or path first: a document indexed twice is there once.
//!
//! ```
//! use dangjian::search::{Archive, SearchRequest};
//! use dangjian::{Document, Pipeline};
//! let dir = std::env::temp_dir().join(format!("dangjian-search-doc-{}", std::process::id()));
//! let _ = std::fs::remove_dir_all(&dir);
//! let archive = Archive::create(&dir).unwrap();
//! let mut w = archive.writer(1).unwrap();
//! let a = Pipeline::default().analyze(&Document::from_text("桂林市：1.35萬名機關黨員到社區報到。".to_string()));
//! w.add(&a).unwrap();
//! w.commit().unwrap();
//! archive.reload().unwrap();
//! let r = archive.search(&SearchRequest::new().query("机关党员")).unwrap();
//! assert_eq!(r.total, 1);
//! assert!(r.hits[0].snippets[0].text.contains("**機關黨員**"));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! Where things are, by job:
//!
//! | file | what it does |
//! |---|---|
//! | `request.rs` | what is asked: [`SearchRequest`], [`Filters`], [`Sort`], [`ClaimsRequest`] |
//! | `results.rs` | what is answered: [`SearchResults`], [`Hit`], [`Facet`], [`ClaimResults`], [`ClaimRow`] |
//! | `archive.rs` | opening and creating an archive, its version and lock, errors in words a user can act on |
//! | `writer.rs` | building: adding, replacing and deleting documents ([`ArchiveWriter`]) |
//! | `prepare.rs` | an analysis turned into index entries and stored fields ([`prepare()`]) |
//! | `keys.rs` | dates as numbers, places as division codes with their ancestry |
//! | `schema.rs`, `tokenize.rs` | the index's fields and its tokenizers (words, bigrams, characters) |
//! | `query.rs` | the query language, parsed |
//! | `compile.rs`, `any_of.rs` | a query and filters turned into tantivy queries (a union that seeks lazily) |
//! | `hits.rs` | a document search: hits in order, with their snippets (`snippet.rs`) |
//! | `rank.rs` | a page ranked by the query's words without scoring every match; matches counted up to a bound |
//! | `date_order.rs` | the documents newest first, kept a commit, and a page of newest matches walked off them |
//! | `facets.rs`, `facet_count.rs` | facet counts (one pass over the matches, fast-field columns), places as a tree |
//! | `complement.rs` | the facets of a common query, counted from the documents it leaves out |
//! | `claims.rs`, `newest.rs` | a claims search: claim rows (the newest first, without query text) |
//! | `value_range.rs` | a claim's value within a range, read off the column for the entries the other clauses pick |
//! | `table.rs` | results as the table `dangjian search` prints |
//! | `export.rs` | documents as Elasticsearch / OpenSearch `_bulk` lines |

mod any_of;
mod archive;
mod claims;
mod compile;
mod complement;
mod date_order;
pub mod export;
mod facet_count;
#[cfg(test)]
mod facet_tests;
mod facets;
mod hits;
mod keys;
mod newest;
mod prepare;
pub mod query;
mod rank;
mod request;
mod results;
mod reuse_source;
pub mod schema;
mod snippet;
mod table;
pub mod tokenize;
mod value_range;
mod writer;

pub use archive::Archive;
pub use claims::MAX_PARENT_DOCUMENTS;
pub use facets::FACETS;
pub use prepare::{Prepared, locate_body, prepare};
pub use query::{QField, QueryError};
pub use request::{ClaimsRequest, DEFAULT_COUNT_LIMIT, Filters, SearchRequest, Sort};
pub use results::{
    CLAIM_ROW_COLUMNS, ClaimResults, ClaimRow, Facet, Hit, HitPlace, PlaceCount, SearchResults,
    ValueCount,
};
pub use reuse_source::ArchiveDocuments;
pub use snippet::Snippet;
pub use table::write_table;
pub use writer::ArchiveWriter;
