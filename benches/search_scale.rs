//! Archive search at scale: build time of the search index alongside
//! `index` (against `index` alone), index size, peak memory, and query
//! latency (p50/p99) for a term, a phrase (matches counted up to the
//! default 10,000, and every one), a term + place + year filter with
//! facets, and a claims range query.
//!
//! Documents are generated from the bundled corpus (and the SIGHAN news
//! texts under ../shared/data when present): ~2 KB of paragraphs each, with
//! varied places (gazetteer cities), dates (2012–2024) and sources, fed as
//! `index -` JSONL records.
//!
//! ```text
//! cargo bench --bench search_scale                         # 20,000 documents
//! DANGJIAN_BENCH_DOCS=1000000 cargo bench --bench search_scale   # the 1M run (hours on 2 cores)
//! DANGJIAN_BENCH_KEEP=/big/disk/idx …                        # keep the index for serve_load.py
//! DANGJIAN_BENCH_INDEX=/big/disk/idx cargo bench --bench search_scale   # queries alone, on a kept index
//! ```
//! Peak RSS is the process's (`VmHWM`), sampled after each phase.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dangjian::index::{Indexer, Record};
use dangjian::places::{Gazetteer, Level};
use dangjian::search::{Archive, ClaimsRequest, Filters, SearchRequest, Sort};

fn vm_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds (user + system) of the process so far.
fn cpu_s() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// CPU seconds of the calling thread.
fn thread_cpu_s() -> f64 {
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: clock_gettime only writes the struct it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|r| {
            r.flatten()
                .map(|e| {
                    let m = e.metadata().ok();
                    if m.as_ref().is_some_and(|m| m.is_dir()) {
                        dir_size(&e.path())
                    } else {
                        m.map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn paragraphs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("corpus"), root.join("../shared/data/sighan")];
    dirs.retain(|d| d.is_dir());
    for d in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .map(|r| r.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(doc) = dangjian::Document::from_path(f) else {
                continue;
            };
            out.extend(
                doc.text
                    .lines()
                    .map(str::trim)
                    .filter(|l| l.chars().count() >= 20)
                    .map(String::from),
            );
        }
    }
    out
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn generate(n: usize, out: &Path) -> u64 {
    let paras = paragraphs();
    let cities: Vec<(String, String)> = Gazetteer::shared()
        .places()
        .iter()
        .filter(|p| p.level == Level::City && !p.historical)
        .map(|p| (p.name.clone(), p.code.clone()))
        .collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let mut bytes = 0u64;
    for i in 0..n {
        let (city, code) = &cities[rng.below(cities.len())];
        let mut text = format!("{city}：");
        while text.len() < 2000 {
            text.push_str(&paras[rng.below(paras.len())]);
            text.push('\n');
        }
        bytes += text.len() as u64;
        let source = ["人民日报", "光明日报", "浙江日报", "广西日报"][rng.below(4)];
        let rec = serde_json::json!({
            "id": format!("g{i:07}"),
            "text": text,
            "place": city,
            "place_code": code,
            "date": format!("{}-{:02}-{:02}", 2012 + rng.below(13), 1 + rng.below(12), 1 + rng.below(28)),
            "source": source,
        });
        writeln!(w, "{rec}").unwrap();
    }
    w.flush().unwrap();
    bytes
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

const TERMS: [&str; 10] = [
    "党建", "机关", "社区", "党员", "群众", "服务", "干部", "基层", "发展", "组织",
];
const PHRASES: [&str; 5] = [
    "\"机关党建\"",
    "\"在职党员\"",
    "\"基层党组织\"",
    "\"党风廉政建设\"",
    "\"为人民服务\"",
];
const PROVINCES: [&str; 5] = ["浙江省", "广东省", "广西壮族自治区", "四川省", "山东省"];

/// Query latency, p50 and p99 of 200 runs each, on a built archive.
fn time_queries(archive: &Archive) {
    let runs = 200;
    let report = |name: &str, mut f: Box<dyn FnMut(usize) -> u64>| {
        let mut times = Vec::with_capacity(runs);
        let mut total = 0;
        for i in 0..runs {
            // The first search of each query: counts kept of an earlier
            // run of the same query would time only its hits.
            archive.forget_counts();
            let t = Instant::now();
            total += f(i);
            times.push(t.elapsed());
        }
        println!(
            "{name:<38} p50 {:>7.2} ms  p99 {:>7.2} ms  (mean hits {})",
            pct(&mut times, 0.5),
            pct(&mut times, 0.99),
            total / runs as u64
        );
    };
    let a = archive;
    // A document search, timed: its request for the i-th run.
    let search = |name: &str, make: fn(usize) -> SearchRequest| {
        report(name, Box::new(move |i| a.search(&make(i)).unwrap().total))
    };
    search("term", |i| {
        SearchRequest::new().query(TERMS[i % TERMS.len()])
    });
    search("phrase", |i| {
        SearchRequest::new().query(PHRASES[i % PHRASES.len()])
    });
    search("phrase, newest first", |i| {
        SearchRequest::new()
            .query(PHRASES[i % PHRASES.len()])
            .sort(Sort::Date)
    });
    search("term, every match counted", |i| {
        SearchRequest::new()
            .query(TERMS[i % TERMS.len()])
            .count_limit(None)
    });
    search("phrase, every match counted", |i| {
        SearchRequest::new()
            .query(PHRASES[i % PHRASES.len()])
            .count_limit(None)
    });
    search("term + place + year, facets", |i| {
        SearchRequest::new()
            .query(TERMS[i % TERMS.len()])
            .place(PROVINCES[i % PROVINCES.len()])
            .year(2012 + (i % 13) as u32)
            .facets(["place", "year", "formulation"])
    });
    report(
        "claims range (min..max, unit)",
        Box::new(move |i| {
            a.claims(&ClaimsRequest {
                search: SearchRequest::new().filters(Filters::default()),
                min: Some(100.0 * (1 + i % 10) as f64),
                max: Some(100_000.0),
                unit: Some("名".into()),
            })
            .unwrap()
            .total
        }),
    );
}

fn main() {
    // DANGJIAN_BENCH_INDEX=DIR times the queries alone on an index kept
    // by an earlier run (DANGJIAN_BENCH_KEEP).
    if let Some(dir) = std::env::var_os("DANGJIAN_BENCH_INDEX") {
        let archive = Archive::open(&dir).unwrap();
        println!(
            "{} documents in {}",
            archive.len(),
            Path::new(&dir).display()
        );
        time_queries(&archive);
        return;
    }
    let n: usize = std::env::var("DANGJIAN_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let jobs: usize = std::env::var("DANGJIAN_BENCH_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let work = std::env::temp_dir().join(format!("dangjian-search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let input = work.join("input.jsonl");
    let raw = generate(n, &input);
    println!(
        "{n} generated documents, {:.1} MB of text",
        raw as f64 / 1e6
    );

    // `index` alone: analysis and the JSON lines.
    let indexer = Indexer::new().jobs(jobs);
    let c0 = cpu_s();
    let t = Instant::now();
    let mut lines = 0u64;
    let f = std::io::BufReader::new(std::fs::File::open(&input).unwrap());
    indexer.run_jsonl_lines(f, |_, line| {
        lines += line.len() as u64;
        std::ops::ControlFlow::Continue(())
    });
    let alone = t.elapsed();
    let alone_cpu = cpu_s() - c0;
    println!(
        "index alone:        {:.1} s wall, {:.1} s CPU ({:.0} docs/s); peak RSS {:.0} MB",
        alone.as_secs_f64(),
        alone_cpu,
        n as f64 / alone.as_secs_f64(),
        vm_hwm_mb()
    );

    // `index --search`: the same, each analysis also added to the index.
    let dir = work.join("idx");
    let archive = Archive::create(&dir).unwrap();
    let mut w = archive.writer(jobs).unwrap();
    let c0 = cpu_s();
    let t = Instant::now();
    let f = std::io::BufReader::new(std::fs::File::open(&input).unwrap());
    let mut added = 0u64;
    let mut in_add = Duration::ZERO;
    let mut in_prepare = Duration::ZERO;
    let fields = w.fields();
    indexer.run_jsonl_lines(f, |r, line| {
        lines += line.len() as u64;
        if let Record::Analysis(a) = r {
            let t = thread_cpu_s();
            let p = dangjian::search::prepare(a, &fields).unwrap();
            in_prepare += Duration::from_secs_f64(thread_cpu_s() - t);
            let t = Instant::now();
            w.add_prepared(p).unwrap();
            in_add += t.elapsed();
            added += 1;
            if added % 20_000 == 0 {
                w.commit().unwrap();
            }
        }
        std::ops::ControlFlow::Continue(())
    });
    w.finish().unwrap();
    let with = t.elapsed();
    let with_cpu = cpu_s() - c0;
    println!(
        "  on the output thread: preparing documents {:.1} s CPU, handing them to the index {:.1} s",
        in_prepare.as_secs_f64(),
        in_add.as_secs_f64()
    );
    archive.reload().unwrap();
    let size = dir_size(&dir);
    println!(
        "index --search:     {:.1} s wall ({:+.0} %), {:.1} s CPU ({:+.0} % over index alone); peak RSS {:.0} MB",
        with.as_secs_f64(),
        (with.as_secs_f64() / alone.as_secs_f64() - 1.0) * 100.0,
        with_cpu,
        (with_cpu / alone_cpu - 1.0) * 100.0,
        vm_hwm_mb()
    );
    println!(
        "index size:         {:.1} MB = {:.2} x the raw text ({} documents)",
        size as f64 / 1e6,
        size as f64 / raw as f64,
        archive.len()
    );

    time_queries(&archive);
    println!("peak RSS (whole run): {:.0} MB", vm_hwm_mb());
    // DANGJIAN_BENCH_KEEP=DIR keeps the index (for benches/serve_load.py
    // --index DIR) instead of removing it with the rest.
    if let Some(keep) = std::env::var_os("DANGJIAN_BENCH_KEEP") {
        drop(archive);
        let _ = std::fs::remove_dir_all(&keep);
        match std::fs::rename(&dir, &keep) {
            Ok(()) => println!("index kept at {}", Path::new(&keep).display()),
            Err(e) => println!("could not keep the index at {keep:?}: {e}"),
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}
