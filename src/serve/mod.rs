//! `dangjian serve`: the archive in a browser. A local, read-only web
//! application over a search index: search with facets, a page per
//! document with what was extracted from it marked in its text, the claims
//! of a search as a table and charts, and the comparison report over the
//! documents of a search; a JSON API behind each page.
//!
//! ```text
//!  GET /            search page      GET /api/search      SearchResults (search --format json)
//!  GET /doc/{id}    document page    GET /api/doc/{id}    Analysis (analyze --format json)
//!  GET /claims      claims page      GET /api/claims      ClaimResults
//!  GET /compare     comparison       GET /api/claims.csv  claim rows as CSV
//!                                    GET /api/facets      SearchResults, facets only
//! ```
//!
//! The HTTP side is [axum] on a small [tokio] runtime: the well-kept,
//! widely used choice, whose request-size limits, timeouts and routing are
//! maintained upstream. Searches are blocking (tantivy), so each runs on
//! tokio's blocking pool behind a semaphore (at most `2 × cores` at once)
//! and under a time limit; past it the page says the server is busy (503).
//!
//! Safety, because archived pages are hostile input: every piece of text
//! from a document (title, body, source, snippet, facet value) is escaped
//! before it is written into HTML (`html.rs`); every URL is built with
//! percent-encoding and then escaped as an attribute; documents are looked
//! up by archive id, never by a path from the request; only `GET` is
//! answered, bodies are refused, URLs are bounded; the server binds
//! 127.0.0.1 unless told otherwise and never writes to the archive; each
//! page carries a Content-Security-Policy that forbids anything loaded
//! from elsewhere.
//!
//! Where things are, by job:
//!
//! | file | what it does |
//! |---|---|
//! | `app.rs` | the routes, the shared state, errors as pages or JSON, starting the server |
//! | `limits.rs` | the bounds: result caps, time limit, URL size; running a search off the async threads |
//! | `params.rs` | the URL's query string as a search, and URLs built from it |
//! | `html.rs` | escaping, the page frame and its style, marked snippets |
//! | `search_page.rs` | `/`: query box, facet sidebar, ranked hits, paging |
//! | `doc_page.rs` | `/doc/{id}`: metadata, the text with its extractions marked |
//! | `claims_page.rs` | `/claims`: the claims table, filters, charts by province and year |
//! | `compare_page.rs` | `/compare`: the comparison report over a search's documents |
//! | `api.rs` | the JSON and CSV routes |

mod api;
mod app;
mod claims_page;
mod compare_page;
mod doc_page;
mod html;
mod limits;
mod params;
mod search_page;

pub use app::{ServeOptions, Server, run, start};
