//! `dangjian serve` over real HTTP: every page and API route, bad queries
//! (400 with a message), unknown ids and pages (404), what a read-only
//! server refuses, and a hostile document whose title, body and source are
//! markup: the served HTML shows them as text, with no live tag.
//!
//! One archive (the bundled corpus and invented documents) and one server
//! (in this process, on a free port) for every test.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dangjian::search::Archive;
use dangjian::serve::{ServeOptions, start};
use dangjian::{Analysis, Document, Pipeline};

const HOSTILE_TITLE: &str = "<script>alert(1)</script>";
const HOSTILE_SOURCE: &str = "<img src=x onerror=alert(2)>\"报\"'社'";

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dangjian-serve-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Invented documents: (text, title, date, source).
const INVENTED: &[(&str, &str, &str, &str)] = &[
    (
        "桂林市：1.35萬名機關黨員到社區報到，開展志願服務3000餘次。",
        "桂林市機關黨員到社區報到",
        "2020-05-01",
        "桂林日报",
    ),
    (
        "2019年以来，乐昌市推行“双报到”制度，组织1200名在职党员到社区报到，认领服务项目450个。",
        "乐昌市推行双报到",
        "2019-09-10",
        "韶关日报",
    ),
    (
        "2021年，成都市武侯区深化“双报到”，全区2.3万名党员到社区报到，解决群众诉求1.1万件。",
        "武侯区深化双报到",
        "2021-03-02",
        "成都日报",
    ),
    (
        "今年以来，杭州市西湖区落实“三会一课”制度，全区党组织开展主题党日活动860场。",
        "西湖区落实三会一课",
        "2022-07-15",
        "杭州日报",
    ),
];

fn hostile() -> Analysis {
    let text = "长沙市岳麓区：<img src=x onerror=alert(3)> 与 \"引号\" 和 'apostrophe' 在正文里。全区2000名党员到社区报到。";
    let mut a = Pipeline::default().analyze(&Document::from_text(text.to_string()));
    a.meta.title = Some(HOSTILE_TITLE.to_string());
    a.meta.source = Some(HOSTILE_SOURCE.to_string());
    a.meta.date = Some("2020-01-02".to_string());
    a
}

fn analyses() -> Vec<Analysis> {
    let p = Pipeline::default();
    let mut out = Vec::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for f in files {
        out.push(p.analyze(&Document::from_path(&f).unwrap()));
    }
    for (text, title, date, source) in INVENTED {
        let mut a = p.analyze(&Document::from_text(text.to_string()));
        a.meta.title = Some(title.to_string());
        a.meta.date = Some(date.to_string());
        a.meta.source = Some(source.to_string());
        out.push(a);
    }
    out.push(hostile());
    out
}

struct Fixture {
    addr: SocketAddr,
    hostile_id: String,
    claim_doc: String,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = temp_dir("ix");
        let archive = Archive::create(&dir).unwrap();
        let mut w = archive.writer(1).unwrap();
        let all = analyses();
        for a in &all {
            w.add(a).unwrap();
        }
        w.finish().unwrap();
        drop(archive);
        let server = start(ServeOptions {
            dir,
            bind: "127.0.0.1".into(),
            port: 0,
            timeout_secs: 60,
        })
        .unwrap();
        let addr = server.addr;
        // The server thread lives as long as the test process.
        std::mem::forget(server);
        Fixture {
            addr,
            hostile_id: hostile().id,
            claim_doc: all
                .iter()
                .find(|a| a.meta.title.as_deref() == Some("乐昌市推行双报到"))
                .unwrap()
                .id
                .clone(),
        }
    })
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn request(raw: &str) -> Reply {
    let mut s = TcpStream::connect(fixture().addr).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// `GET path` (path already percent-encoded where it needs to be).
fn get(path: &str) -> Reply {
    request(&format!(
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    ))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn json(r: &Reply) -> serde_json::Value {
    assert!(r.head.contains("application/json"), "{}", r.head);
    serde_json::from_str(&r.body).unwrap()
}

#[test]
fn search_page_has_hits_facets_marks_and_paging_state_in_links() {
    let r = get(&format!("/?q={}", enc("机关党员")));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.head.contains("text/html"));
    assert!(r.body.contains("<mark>"), "snippets are marked");
    assert!(r.body.contains("桂林市機關黨員到社區報到"));
    for facet in [
        "<h3>Place</h3>",
        "<h3>Year</h3>",
        "<h3>Source</h3>",
        "class=\"hist\"",
    ] {
        assert!(r.body.contains(facet), "{facet}");
    }
    // The place tree nests a city under its province, with counts.
    assert!(r.body.contains("<details"));
    // Links keep the query.
    assert!(
        r.body
            .contains(&format!("q={}", "%E6%9C%BA%E5%85%B3%E5%85%9A%E5%91%98"))
    );
    // Self-contained: nothing from elsewhere.
    assert!(!r.body.contains("http://") || !r.body.contains("src=\"http"));
    assert!(
        r.head
            .to_ascii_lowercase()
            .contains("content-security-policy")
    );
    // Traditional and simplified queries find the same documents.
    let t = get(&format!("/api/search?q={}", enc("機關黨員")));
    let s = get(&format!("/api/search?q={}", enc("机关党员")));
    assert_eq!(json(&t)["total"], json(&s)["total"]);
}

#[test]
fn filters_narrow_and_the_url_holds_them() {
    let all = json(&get(&format!("/api/search?q={}", enc("报到"))));
    let y = json(&get(&format!("/api/search?q={}&year=2019", enc("报到"))));
    assert!(y["total"].as_u64().unwrap() < all["total"].as_u64().unwrap());
    let f = json(&get(&format!("/api/search?formulation={}", enc("双报到"))));
    assert!(f["total"].as_u64().unwrap() >= 2, "{f}");
    let page = get(&format!("/search?q={}&year=2019", enc("报到")));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("year: 2019"),
        "the filter is shown as a chip"
    );
    assert!(page.body.contains("乐昌市推行双报到"));
    assert!(!page.body.contains("武侯区深化双报到"));
    // Paging: page 2 of a small result is empty but fine.
    assert_eq!(get("/search?page=2").status, 200);
}

#[test]
fn document_page_marks_claims_and_lists_them() {
    let id = &fixture().claim_doc;
    let r = get(&format!("/doc/{id}"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("hl-claim"), "claims are marked in the text");
    assert!(r.body.contains("hl-form"), "formulations are marked");
    assert!(r.body.contains("1200名"));
    assert!(r.body.contains(&format!("/api/doc/{id}")));
    assert!(r.body.contains("<table class=\"metadata\">"));
    let a = json(&get(&format!("/api/doc/{id}")));
    assert_eq!(a["id"], id.as_str());
    assert!(!a["claims"].as_array().unwrap().is_empty());
}

#[test]
fn unknown_ids_and_pages_are_404() {
    let r = get("/doc/0000000000000000");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("no document with id"));
    let r = get("/api/doc/0000000000000000");
    assert_eq!(r.status, 404);
    assert_eq!(json(&r)["status"], 404);
    assert_eq!(get("/doc/..%2F..%2Fetc%2Fpasswd").status, 404);
    assert_eq!(get("/no/such/page").status, 404);
}

#[test]
fn bad_queries_are_400_with_a_message() {
    let r = get(&format!("/?q={}", enc("党建 (机关")));
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parenthesis"), "{}", r.body);
    let r = get(&format!("/api/search?q={}", enc("党建 (机关")));
    assert_eq!(r.status, 400);
    assert!(json(&r)["error"].as_str().unwrap().contains("parenthesis"));
    assert_eq!(get("/api/search?year=abc").status, 400);
    assert_eq!(get("/api/search?limit=100000").status, 400);
    assert_eq!(get("/api/search?facets=nope").status, 400);
    assert_eq!(get("/claims?order=nope").status, 400);
    assert_eq!(get(&format!("/claims?min={}", enc("many"))).status, 400);
    assert_eq!(
        get(&format!("/api/claims?place={}", enc("火星"))).status,
        400
    );
}

#[test]
fn claims_page_table_charts_and_csv() {
    let r = get(&format!("/claims?q={}", enc("报到")));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("<table class=\"claims\">"));
    assert!(r.body.contains("<svg"), "charts are drawn");
    assert!(r.body.contains("By province") && r.body.contains("By year"));
    assert!(r.body.contains("广东省"), "claims roll up by province");
    let sorted = get(&format!(
        "/claims?q={}&unit={}&order=-value",
        enc("报到"),
        enc("名")
    ));
    assert_eq!(sorted.status, 200);
    let a = sorted.body.find("23000").unwrap();
    let b = sorted.body.find("1200").unwrap();
    assert!(a < b, "largest value first");
    assert!(sorted.body.contains("median value (名)"));
    let csv = get(&format!("/api/claims.csv?q={}", enc("报到")));
    assert_eq!(csv.status, 200);
    assert!(csv.head.contains("text/csv"));
    assert!(
        csv.body
            .starts_with("document,path,place,period,object,indicator,value")
    );
    let j = json(&get(&format!("/api/claims?q={}&min=1000", enc("报到"))));
    let rows = j["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["value"].as_f64().unwrap() >= 1000.0));
}

#[test]
fn compare_page_and_facets_api() {
    let r = get(&format!("/compare?formulation={}", enc("双报到")));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Comparison of"));
    assert!(r.body.contains("双报到"));
    assert!(r.body.contains("back to the search"));
    let f = json(&get("/api/facets"));
    for k in ["place", "year", "source", "formulation", "indicator"] {
        assert!(f["facets"][k].is_array(), "{k}");
    }
    assert!(f["hits"].as_array().unwrap().is_empty());
    let s = json(&get("/api/search?facets=place,year&limit=2"));
    assert_eq!(s["hits"].as_array().unwrap().len(), 2);
    assert!(s["facets"]["place"][0]["children"].is_array());
}

#[test]
fn hostile_document_is_shown_as_text_and_runs_nothing() {
    let id = &fixture().hostile_id;
    let pages = [
        get(&format!("/doc/{id}")),
        get(&format!("/?q={}", enc("岳麓区"))),
        get(&format!("/claims?q={}", enc("岳麓区"))),
        get(&format!("/?source={}", enc(HOSTILE_SOURCE))),
        get(&format!("/?q={}", enc("<script>alert(9)</script>'"))),
        // An unclosed quote: a 400 page that quotes the query, escaped.
        get(&format!(
            "/?q={}",
            enc("<script>alert(8)</script>\"<img src=x>")
        )),
    ];
    for (i, r) in pages.iter().enumerate() {
        assert!(
            r.status == if i == 5 { 400 } else { 200 },
            "page {i}: {}",
            r.status
        );
        let lower = r.body.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "page {i} has a live script tag");
        assert!(!lower.contains("<img"), "page {i} has a live img tag");
        assert!(!r.body.contains("onerror=alert(2)>\""), "page {i}");
    }
    let doc = &pages[0].body;
    assert!(
        doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown"
    );
    assert!(
        doc.contains("&lt;img src=x onerror=alert(3)&gt;"),
        "the body is shown"
    );
    assert!(
        doc.contains("&quot;报&quot;&#39;社&#39;"),
        "quotes in the source are escaped"
    );
    assert!(
        pages[1]
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    // The source facet's link is percent-encoded, its text escaped.
    assert!(
        pages[1]
            .body
            .contains("%3Cimg+src%3Dx+onerror%3Dalert%282%29%3E")
    );
    // The query echoed in the box is escaped in its attribute.
    assert!(
        pages[4]
            .body
            .contains("value=\"&lt;script&gt;alert(9)&lt;/script&gt;&#39;\"")
    );
    assert!(
        pages[5]
            .body
            .contains("&lt;script&gt;alert(8)&lt;/script&gt;&quot;&lt;img src=x&gt;")
    );
    // The JSON of the document is JSON, never HTML.
    let j = get(&format!("/api/doc/{id}"));
    assert_eq!(json(&j)["meta"]["title"], HOSTILE_TITLE);
}

#[test]
fn a_read_only_server_refuses_writes_bodies_and_huge_urls() {
    let r = request(
        "POST /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
    );
    assert_eq!(r.status, 405);
    let r =
        request("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
    assert_eq!(r.status, 413);
    let long = "a".repeat(10_000);
    assert_eq!(get(&format!("/?q={long}")).status, 414);
    let r = get(&format!("/?q={}", "b".repeat(600)));
    assert_eq!(r.status, 400);
}

#[test]
fn a_folder_that_is_not_an_index_is_a_clear_error() {
    let dir = temp_dir("not-an-index");
    std::fs::create_dir_all(&dir).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dangjian"))
        .args(["serve", dir.to_str().unwrap(), "--port", "0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no search index"), "{err}");
    assert!(!err.contains("panicked"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dangjian"))
        .args(["serve", dir.to_str().unwrap(), "--bind", "localhost:80"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
