//! Batch indexing: bad files isolated, nothing lost or doubled after
//! `kill -9` and `--resume`, the stdin pipe stage, and the Spark example
//! (opt-in: runs only when pyspark is installed).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dangjian")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dangjian-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Writes `n` small, distinct documents into `dir` (in subdirectories).
fn write_docs(dir: &Path, n: usize) {
    let seed = common::corpus_text("guilin-2024-08-15.txt");
    let paras: Vec<&str> = seed.lines().filter(|l| l.chars().count() > 40).collect();
    for i in 0..n {
        let sub = dir.join(format!("part{:02}", i % 20));
        std::fs::create_dir_all(&sub).expect("subdir");
        let text = format!(
            "第{i}号文件\n{}\n据统计,今年以来共组建志愿服务队{}支。\n",
            paras[i % paras.len()],
            i + 1
        );
        std::fs::write(sub.join(format!("doc{i:05}.txt")), text).expect("write doc");
    }
}

fn records(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a whole JSON record"))
        .collect()
}

#[test]
fn bad_files_are_isolated() {
    let dir = temp_dir("bad");
    write_docs(&dir, 1995);
    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).expect("bad dir");
    // Binary.
    std::fs::write(
        bad.join("image.txt"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0],
    )
    .expect("binary");
    // Truncated GBK.
    let (gbk, _, _) =
        encoding_rs::GBK.encode("机关党建工作取得明显成效,党员干部积极参与志愿服务。");
    std::fs::write(bad.join("truncated-gbk.txt"), &gbk[..gbk.len() - 1]).expect("gbk");
    // Empty.
    std::fs::write(bad.join("empty.txt"), b"").expect("empty");
    // Unreadable: a link to nowhere (root can read any mode-000 file).
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing-target.txt"), bad.join("unreadable.txt"))
        .expect("symlink");
    #[cfg(not(unix))]
    std::fs::create_dir_all(bad.join("unreadable.txt")).expect("dir");
    // 60 MB on one line.
    std::fs::write(bad.join("huge.txt"), "党".repeat(20 * 1024 * 1024)).expect("huge");
    // A symlink loop must not hang the walk.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("part00").join("loop")).expect("loop");

    let out = dir.join("out.jsonl");
    let status = Command::new(bin())
        .args(["index", "-q", "--jobs", "2", "-o"])
        .arg(&out)
        .arg(&dir)
        .status()
        .expect("run index");
    assert!(!status.success(), "exit status must report the failures");
    let recs = records(&out);
    let errors: Vec<&serde_json::Value> =
        recs.iter().filter(|r| r.get("error").is_some()).collect();
    let good = recs.len() - errors.len();
    let kinds: BTreeSet<&str> = errors.iter().filter_map(|e| e["kind"].as_str()).collect();
    println!("{good} good, {} errors: {kinds:?}", errors.len());
    assert_eq!(good, 1995);
    assert_eq!(errors.len(), 5, "{errors:?}");
    for k in ["binary", "encoding", "empty", "io", "too_large"] {
        assert!(kinds.contains(k), "no {k} error record");
    }
    let ids: BTreeSet<&str> = recs.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids.len(),
        recs.iter().filter(|r| r["id"].is_string()).count(),
        "a record is doubled"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The records of an output file as a set of canonical lines.
fn record_set(path: &Path) -> BTreeSet<String> {
    records(path).into_iter().map(|v| v.to_string()).collect()
}

#[test]
fn kill_and_resume_equals_uninterrupted() {
    let dir = temp_dir("resume");
    let docs = dir.join("docs");
    write_docs(&docs, 400);
    let full = dir.join("full.jsonl");
    let st = Command::new(bin())
        .args(["index", "-q", "-j", "1", "-o"])
        .arg(&full)
        .arg(&docs)
        .status()
        .expect("run");
    assert!(st.success());

    let part = dir.join("part.jsonl");
    let mut child = Command::new(bin())
        .args(["index", "-q", "-j", "1", "-o"])
        .arg(&part)
        .arg(&docs)
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it once some records are out, but before the end.
    let start = Instant::now();
    loop {
        let n = std::fs::read_to_string(&part)
            .map(|s| s.lines().count())
            .unwrap_or(0);
        if n >= 40 || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    // Simulate a write torn by the kill as well.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&part)
        .expect("open part");
    std::io::Write::write_all(&mut f, br#"{"path":"torn","id":"abc","encod"#).expect("torn write");
    drop(f);

    let st = Command::new(bin())
        .args(["index", "-q", "-j", "2", "--resume", "-o"])
        .arg(&part)
        .arg(&docs)
        .status()
        .expect("resume");
    assert!(st.success());
    let a = record_set(&full);
    let b = record_set(&part);
    assert_eq!(records(&part).len(), a.len(), "records lost or doubled");
    assert_eq!(a, b);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_pipe_stage() {
    let mut child = Command::new(bin())
        .args(["index", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    {
        let stdin = child.stdin.as_mut().expect("stdin");
        std::io::Write::write_all(
            stdin,
            "{\"id\":\"a\",\"text\":\"5年来,1.35万名机关党员到社区报到。\"}\n{\"id\":\"b\",\"text\":\"天津市加強機關黨建\",\"source\":\"天津日报\"}\nnot json\n".as_bytes(),
        )
        .expect("write");
    }
    let out = child.wait_with_output().expect("output");
    assert!(
        !out.status.success(),
        "a bad record makes the exit status non-zero"
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["claims"][0]["value"], 13500);
    assert_eq!(lines[1]["place"]["name"], "天津市");
    assert_eq!(lines[2]["kind"], "json");
}

#[test]
fn spark_example_in_local_mode() {
    let has_pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_pyspark {
        eprintln!("note: pyspark not installed; Spark example skipped");
        return;
    }
    let dir = temp_dir("spark");
    let out = dir.join("profiles.json");
    let st = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark_index.py"))
        .args(["--binary", bin(), "--output"])
        .arg(&out)
        .arg(common::corpus_dir())
        .status()
        .expect("spark example");
    assert!(st.success());
    let profiles: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("profiles")).expect("json");
    assert!(profiles["profiles"]["桂林市"].is_object());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Output is in walk order whatever the number of threads: one thread and
/// two write the same file byte for byte.
#[test]
fn output_order_does_not_depend_on_threads() {
    let dir = temp_dir("order");
    write_docs(&dir, 300);
    let mut outs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.join(format!("out{jobs}.jsonl"));
        let st = Command::new(bin())
            .args(["index", "-q", "--jobs", jobs, "-o"])
            .arg(&out)
            .arg(dir.join("part00"))
            .arg(&dir)
            .status()
            .expect("run index");
        assert!(st.success());
        outs.push(std::fs::read(&out).expect("output"));
    }
    assert!(!outs[0].is_empty());
    assert!(
        outs[0] == outs[1],
        "jobs 1 and jobs 2 wrote different files"
    );
    // Walk order: part00 given first comes first; its documents are not
    // indexed twice when the directory is walked again.
    let recs = records(&dir.join("out1.jsonl"));
    assert_eq!(recs.len(), 300);
    assert!(
        recs[0]["path"]
            .as_str()
            .is_some_and(|p| p.contains("part00"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A reader that stops early (`dangjian index … | head -1`) ends the run
/// quietly with success, as a Unix filter does (that the run stops early is
/// tested on the engine in `src/index.rs`).
#[test]
fn closed_output_pipe_stops_the_run() {
    use std::io::{BufRead, BufReader};
    let dir = temp_dir("pipe");
    write_docs(&dir, 3000);
    let mut child = Command::new(bin())
        .args(["index", "-q", "--jobs", "2"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn index");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a first record");
    assert!(first.contains("\"id\""));
    // The reader is gone now.
    let out = child.wait_with_output().expect("index ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------
// Faults: kills at random points, a full disk, a file size limit, huge and
// special files. (Files that vanish or change between the walk and the read
// are tested on the walker itself, in `src/index.rs`.)

/// A small deterministic generator (xorshift), so a failing kill schedule
/// can be replayed: the seed is printed and taken from
/// `DANGJIAN_FAULT_SEED` when set.
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("DANGJIAN_FAULT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_1600_u64);
        println!("kill schedule seed: {seed} (DANGJIAN_FAULT_SEED)");
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn line_count(path: &Path) -> usize {
    std::fs::read(path).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

/// Cuts the file inside its last whole line, as a kill in the middle of a
/// write would leave it.
fn tear_last_line(path: &Path, rng: &mut Rng) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
    let start = body.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    if body.len() <= start + 1 {
        return false;
    }
    let cut = start + 1 + rng.below((body.len() - start - 1) as u64) as usize;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open output");
    f.set_len(cut as u64).expect("tear");
    true
}

/// Where a kill lands.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// A random moment after the start: loading tables, walking, reading.
    Start,
    /// After a random number of further records: analysis in full swing.
    Records,
    /// As `Records`, and the last record is torn as by a kill mid-write.
    Write,
}

/// `kill -9` at 24 points of a run (during start-up and reading, during
/// analysis, in the middle of a write), each followed by `--resume`: the
/// final file equals an uninterrupted run record for record, in order.
#[test]
fn killed_at_random_points_resume_to_the_same_output() {
    let dir = temp_dir("kills");
    let docs = dir.join("docs");
    write_docs(&docs, 240);
    // Bad files make error records, which must not be doubled either.
    std::fs::write(docs.join("part03").join("empty.txt"), b"").expect("empty");
    std::fs::write(docs.join("part07").join("binary.txt"), [0u8, 1, 2, 0xff]).expect("bin");
    let full = dir.join("full.jsonl");
    let st = Command::new(bin())
        .args(["index", "-q", "-j", "2", "-o"])
        .arg(&full)
        .arg(&docs)
        .status()
        .expect("run");
    assert!(!st.success(), "the bad files make the exit status non-zero");
    let expected = records(&full);
    assert_eq!(expected.len(), 242);

    let mut rng = Rng::from_env();
    let part = dir.join("part.jsonl");
    let mut kills = Vec::new();
    for round in 0..60 {
        if kills.len() >= 24 {
            break;
        }
        let phase = match round % 3 {
            0 => Phase::Start,
            1 => Phase::Records,
            _ => Phase::Write,
        };
        let before = line_count(&part);
        let mut child = Command::new(bin())
            .args(["index", "-q", "-j", "2", "--resume", "-o"])
            .arg(&part)
            .arg(&docs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let start = Instant::now();
        match phase {
            Phase::Start => {
                std::thread::sleep(Duration::from_millis(rng.below(400)));
            }
            Phase::Records | Phase::Write => {
                let more = 1 + rng.below(8) as usize;
                while line_count(&part) < before + more
                    && start.elapsed() < Duration::from_secs(30)
                    && matches!(child.try_wait(), Ok(None))
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
        let running = matches!(child.try_wait(), Ok(None));
        child.kill().expect("kill -9");
        let _ = child.wait();
        if !running {
            // The run finished before the kill: start over from nothing, so
            // the remaining kill points still land inside a run.
            let _ = std::fs::remove_file(&part);
            continue;
        }
        let torn = matches!(phase, Phase::Write) && tear_last_line(&part, &mut rng);
        kills.push((phase, line_count(&part), torn));
    }
    println!(
        "{} kills (phase, whole records after the kill, torn): {kills:?}",
        kills.len()
    );
    assert!(
        kills.len() >= 20,
        "only {} kills landed inside a run",
        kills.len()
    );
    let st = Command::new(bin())
        .args(["index", "-q", "-j", "2", "--resume", "-o"])
        .arg(&part)
        .arg(&docs)
        .status()
        .expect("final resume");
    assert!(st.code().is_some(), "the final run ends normally");
    let got = records(&part);
    assert_eq!(got.len(), expected.len(), "records lost or doubled");
    for (i, (a, b)) in expected.iter().zip(&got).enumerate() {
        assert_eq!(a, b, "record {i} differs");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A full disk (`/dev/full`: every write fails with ENOSPC) ends the run at
/// once, with an error that names the output and says how to go on.
#[test]
fn full_disk_ends_the_run_with_a_clear_error() {
    let dev_full = Path::new("/dev/full");
    if !dev_full.exists() {
        eprintln!("note: no /dev/full here; full-disk test skipped");
        return;
    }
    let dir = temp_dir("full");
    write_docs(&dir, 30);
    let out = Command::new(bin())
        .args(["index", "-q", "-j", "1", "-o"])
        .arg(dev_full)
        .arg(&dir)
        .output()
        .expect("run index");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a failed write must fail the run");
    assert!(err.contains("/dev/full"), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("--resume"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A write that fails midway (a file size limit, the same failure as a disk
/// that fills up during a record) leaves whole records and at most one torn
/// line; `--resume` then completes the file to what an uninterrupted run
/// writes.
#[test]
fn failed_write_leaves_a_resumable_file() {
    let sh = Path::new("/bin/sh");
    if !sh.exists() {
        eprintln!("note: no /bin/sh here; file-size-limit test skipped");
        return;
    }
    let dir = temp_dir("fsize");
    let docs = dir.join("docs");
    write_docs(&docs, 60);
    let full = dir.join("full.jsonl");
    let st = Command::new(bin())
        .args(["index", "-q", "-j", "2", "-o"])
        .arg(&full)
        .arg(&docs)
        .status()
        .expect("run");
    assert!(st.success());
    let full_len = std::fs::metadata(&full).expect("full").len();
    // A limit of about a third of the output, in 512-byte blocks; SIGXFSZ
    // is ignored (and stays ignored across exec), so the write fails with
    // EFBIG instead of killing the process.
    let blocks = (full_len / 3 / 512).max(1);
    let part = dir.join("part.jsonl");
    let out = Command::new(sh)
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(["index", "-q", "-j", "2", "-o"])
        .arg(&part)
        .arg(&docs)
        .output()
        .expect("run under a file size limit");
    let err = String::from_utf8_lossy(&out.stderr);
    if out.status.success() && std::fs::metadata(&part).map_or(0, |m| m.len()) == full_len {
        eprintln!("note: the file size limit is not enforced here; test skipped");
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    assert!(!out.status.success(), "a failed write must fail the run");
    assert!(
        err.contains("part.jsonl") && err.contains("--resume"),
        "{err}"
    );
    let written = line_count(&part);
    assert!(
        written < 60,
        "the limit stopped the run early ({written} records)"
    );
    let st = Command::new(bin())
        .args(["index", "-q", "-j", "2", "--resume", "-o"])
        .arg(&part)
        .arg(&docs)
        .status()
        .expect("resume");
    assert!(st.success());
    assert_eq!(records(&part), records(&full));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A 2 GB file (sparse: no disk is used) is refused by `--max-bytes` from its
/// size alone, and a device given by name (`/dev/zero`, which never ends) is
/// refused as not a regular file instead of being read forever.
#[test]
fn huge_and_special_files_are_refused_without_reading() {
    let dir = temp_dir("huge");
    let docs = dir.join("docs");
    write_docs(&docs, 3);
    let huge = docs.join("huge.txt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(2 << 30).expect("sparse 2 GB");
    drop(f);
    let mut cmd = Command::new(bin());
    cmd.args(["index", "-q", "-j", "1", "--max-bytes", "1000000"])
        .arg(&docs);
    if Path::new("/dev/zero").exists() {
        cmd.arg("/dev/zero");
    }
    let out = cmd.output().expect("run index");
    let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let huge_rec = recs
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("huge.txt")))
        .expect("a record for the huge file");
    assert_eq!(huge_rec["kind"], "too_large");
    assert!(
        huge_rec["error"]
            .as_str()
            .is_some_and(|e| e.contains("2147483648 bytes")),
        "{huge_rec}"
    );
    if Path::new("/dev/zero").exists() {
        let zero = recs
            .iter()
            .find(|r| r["path"] == "/dev/zero")
            .expect("a record for /dev/zero");
        assert_eq!(zero["kind"], "io", "{zero}");
    }
    assert_eq!(recs.iter().filter(|r| r["error"].is_null()).count(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The analysis of the bundled corpus by `index`, with `--skip` stages,
/// one record per line.
fn index_corpus(skip: Option<&str>) -> Vec<serde_json::Value> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut cmd = Command::new(bin());
    cmd.args(["index", "-q", "--jobs", "1"]).arg(&corpus);
    if let Some(s) = skip {
        cmd.args(["--skip", s]);
    }
    let out = cmd.output().expect("run index");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

#[test]
fn skipped_stages_come_out_empty_and_the_rest_unchanged() {
    let all = index_corpus(None);
    let some = index_corpus(Some("formulations,keywords"));
    assert_eq!(all.len(), some.len());
    assert!(
        all.iter()
            .any(|r| r["formulations"].as_array().is_some_and(|a| !a.is_empty()))
    );
    assert!(
        all.iter()
            .any(|r| r["keywords"].as_array().is_some_and(|a| !a.is_empty()))
    );
    for (a, s) in all.iter().zip(&some) {
        assert_eq!(a["id"], s["id"]);
        assert_eq!(s["formulations"], serde_json::json!([]));
        assert_eq!(s["keywords"], serde_json::json!([]));
        // What the skipped stages do not feed is as before.
        for field in ["meta", "place", "body", "terms"] {
            assert_eq!(a[field], s[field], "{field} of {}", a["path"]);
        }
    }
    let no_places = index_corpus(Some("places"));
    for r in &no_places {
        assert_eq!(r["place"], serde_json::Value::Null);
        assert!(
            r["claims"]
                .as_array()
                .is_some_and(|cs| cs.iter().all(|c| c["place"].is_null()))
        );
    }
    // An unknown stage is refused with the stages there are.
    let out = Command::new(bin())
        .args(["analyze", "--skip", "tables", "-"])
        .output()
        .expect("run analyze");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tables") && err.contains("formulations"),
        "{err}"
    );
}
