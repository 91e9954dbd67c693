//! The routes, the guard every request passes (method, size, URL length,
//! headers that keep a page from loading anything from elsewhere), errors
//! as an HTML page or a JSON object, and starting the server.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::html::{self, Tab, esc};
use super::limits::{Fail, MAX_API_CLAIMS, MAX_BODY, MAX_URI, Worker};
use super::params::Params;
use super::{api, claims_page, compare_page, doc_page, search_page};
use crate::error::{Error, ErrorKind, Result};
use crate::search::Archive;

/// How `dangjian serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The search index folder.
    pub dir: PathBuf,
    /// Address to listen on (`127.0.0.1` unless told otherwise).
    pub bind: String,
    /// Port (`0`: any free port; the one chosen is printed).
    pub port: u16,
    /// Longest a search may take, in seconds (a comparison: three times it).
    pub timeout_secs: u64,
}

type App = Arc<Worker>;

/// A server running on a thread of its own (see [`start`]).
#[derive(Debug)]
pub struct Server {
    /// The address it listens on (the port chosen when 0 was asked).
    pub addr: SocketAddr,
    /// Documents in the archive.
    pub documents: u64,
    thread: std::thread::JoinHandle<Result<()>>,
}

impl Server {
    /// Serves until the process is stopped (or the server fails).
    pub fn wait(self) -> Result<()> {
        self.thread
            .join()
            .unwrap_or_else(|_| Err(Error::new(ErrorKind::Internal, "the server stopped")))
    }
}

/// Opens the archive, binds the address and serves on a thread of its
/// own; returns once the port is bound. An index that cannot be opened
/// or an address that cannot be bound is an error here, never a panic.
pub fn start(o: ServeOptions) -> Result<Server> {
    let archive = Archive::open(&o.dir)?;
    let ip: IpAddr = o.bind.parse().map_err(|_| {
        Error::new(
            ErrorKind::Config,
            format!(
                "--bind {}: not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface)",
                o.bind
            ),
        )
    })?;
    let documents = archive.len();
    let app: App = Arc::new(Worker::new(
        archive,
        Duration::from_secs(o.timeout_secs.max(1)),
    ));
    let addr = SocketAddr::new(ip, o.port);
    let io =
        move |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot listen on {addr}: {e}"));
    let listener = std::net::TcpListener::bind(addr).map_err(io)?;
    listener.set_nonblocking(true).map_err(io)?;
    let local = listener.local_addr().map_err(io)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot start the server: {e}")))?;
    let thread = std::thread::Builder::new()
        .name("dangjian-serve".into())
        .spawn(move || {
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).map_err(io)?;
                axum::serve(listener, router(app))
                    .await
                    .map_err(|e| Error::new(ErrorKind::Io, format!("server: {e}")))
            })
        })
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot start the server: {e}")))?;
    Ok(Server {
        addr: local,
        documents,
        thread,
    })
}

/// `dangjian serve`: starts the server, prints where it listens on stdout
/// (`… listening on http://ADDR/`), serves until stopped.
pub fn run(o: ServeOptions) -> Result<()> {
    let dir = o.dir.clone();
    let server = start(o)?;
    println!(
        "dangjian serve: {} documents from {}; listening on http://{}/ (Ctrl-C stops)",
        server.documents,
        dir.display(),
        server.addr
    );
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    server.wait()
}

fn router(app: App) -> Router {
    Router::new()
        .route("/", get(search_route))
        .route("/search", get(search_route))
        .route("/doc/{id}", get(doc_route))
        .route("/claims", get(claims_route))
        .route("/compare", get(compare_route))
        .route("/api/search", get(api_search))
        .route("/api/facets", get(api_facets))
        .route("/api/claims", get(api_claims))
        .route("/api/claims.csv", get(api_claims_csv))
        .route("/api/doc/{id}", get(api_doc))
        .fallback(not_found)
        .layer(middleware::from_fn(guard))
        .with_state(app)
}

/// Only GET (and HEAD), no body, a bounded URL; every answer carries the
/// headers that forbid loading anything from elsewhere.
async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let refuse = |status: u16, msg: &str| {
        fail(
            api,
            Fail {
                status,
                message: msg.to_string(),
            },
        )
    };
    let mut resp = if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = refuse(405, "this server is read-only: only GET is answered");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else if req.uri().to_string().len() > MAX_URI {
        refuse(414, "the URL is too long")
    } else if req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > MAX_BODY)
        || req.headers().contains_key(header::TRANSFER_ENCODING)
    {
        refuse(413, "requests carry no body")
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

fn status(f: &Fail) -> StatusCode {
    StatusCode::from_u16(f.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A failure as an HTML page (`api` false) or a JSON object.
fn fail(api: bool, f: Fail) -> Response {
    if api {
        let body = serde_json::json!({ "error": f.message, "status": f.status });
        return (
            status(&f),
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response();
    }
    let title = match f.status {
        400 => "Bad request",
        404 => "Not found",
        503 => "Busy",
        _ => "Error",
    };
    let body = format!(
        "<div class=\"error\"><h1>{title}</h1><pre>{}</pre><p><a href=\"/\">Search the archive</a></p></div>",
        esc(&f.message)
    );
    let page = html::page(title, Tab::Error, &Params::default(), &body);
    html_response(status(&f), page)
}

fn html_response(status: StatusCode, page: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn json_response<T: serde::Serialize>(v: &T) -> Response {
    match serde_json::to_string_pretty(v) {
        Ok(s) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            s,
        )
            .into_response(),
        Err(e) => fail(true, Fail::internal(e.to_string())),
    }
}

fn page_or_fail(r: std::result::Result<String, Fail>) -> Response {
    match r {
        Ok(p) => html_response(StatusCode::OK, p),
        Err(f) => fail(false, f),
    }
}

async fn not_found() -> Response {
    fail(false, Fail::not_found("no such page"))
}

async fn search_route(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(false, f),
    };
    let p2 = p.clone();
    let r = app
        .run(1, move |a| Ok((search_page::search(a, &p2)?, a.len())))
        .await;
    page_or_fail(r.map(|(r, n)| search_page::render(&p, &r, n)))
}

/// An id as given, or a 404 for one no archive could hold.
fn check_id(id: &str) -> std::result::Result<String, Fail> {
    if id.is_empty() || id.len() > 200 {
        return Err(Fail::not_found("no document with this id"));
    }
    Ok(id.to_string())
}

async fn load_doc(app: &App, id: String) -> std::result::Result<crate::Analysis, Fail> {
    let id = check_id(&id)?;
    app.run(1, move |a| {
        a.document(&id)
            .map_err(Fail::from_error)?
            .ok_or_else(|| Fail::not_found(format!("no document with id {id} in this archive")))
    })
    .await
}

async fn doc_route(State(app): State<App>, Path(id): Path<String>) -> Response {
    page_or_fail(load_doc(&app, id).await.map(|a| doc_page::render(&a)))
}

async fn claims_route(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(false, f),
    };
    let p2 = p.clone();
    let r = app.run(1, move |a| claims_page::search(a, &p2)).await;
    page_or_fail(r.and_then(|r| claims_page::render(&p, r)))
}

async fn compare_route(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(false, f),
    };
    let p2 = p.clone();
    let r = app.run(3, move |a| compare_page::build(a, &p2)).await;
    page_or_fail(r.map(|(report, n, total)| compare_page::render(&p, &report, n, total)))
}

async fn api_search(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(true, f),
    };
    match app.run(1, move |a| api::search(a, &p)).await {
        Ok(r) => json_response(&r),
        Err(f) => fail(true, f),
    }
}

async fn api_facets(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(true, f),
    };
    match app.run(1, move |a| api::facet_counts(a, &p)).await {
        Ok(r) => json_response(&r),
        Err(f) => fail(true, f),
    }
}

async fn api_claims(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(true, f),
    };
    match app
        .run(1, move |a| api::claims(a, &p, MAX_API_CLAIMS))
        .await
    {
        Ok(r) => json_response(&r),
        Err(f) => fail(true, f),
    }
}

async fn api_claims_csv(State(app): State<App>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref()) {
        Ok(p) => p,
        Err(f) => return fail(true, f),
    };
    match app.run(1, move |a| api::claims_csv(a, &p)).await {
        Ok(csv) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"claims.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Err(f) => fail(true, f),
    }
}

async fn api_doc(State(app): State<App>, Path(id): Path<String>) -> Response {
    match load_doc(&app, id).await {
        Ok(a) => json_response(&a),
        Err(f) => fail(true, f),
    }
}
