//! The README and the guide (`docs/`) cannot rot: every ```` ```sh ```` block
//! in them runs here, and the output shown after it is checked.
//!
//! The convention (also read by `.ci/docs_outputs.py`, which refreshes the
//! outputs shown):
//! - a ```` ```sh ```` block runs as one bash script (`set -e`) in a scratch
//!   directory holding the bundled `corpus/`, with this build's `dangjian`
//!   first on `PATH`; the blocks of one page run in order in the same
//!   directory. ```` ```sh untested ```` marks a block that needs data the
//!   repository does not bundle (an archive, `../shared`, cargo itself);
//! - a ```` ```text ```` block right after a run block is its output:
//!   compared in full when marked `exact`, else by shape (the first line, or
//!   for JSON every key shown); `lines=N` and `cut=N` abridge it the same way
//!   on both sides.
//!
//! Beside the examples: the README stays a front door (≤ 250 lines), and
//! every command and every option of the commands appears in the guide.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_dangjian");

struct Block {
    info: String,
    body: Vec<String>,
    /// Only blank lines between this block and the one before it.
    follows_directly: bool,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    let mut gap_blank = false;
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let body: Vec<String> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .map(str::to_string)
                .collect();
            out.push(Block {
                info: info.trim().to_string(),
                body,
                follows_directly: gap_blank,
            });
            gap_blank = true;
        } else if !line.trim().is_empty() {
            gap_blank = false;
        }
    }
    out
}

fn option<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.split_whitespace().skip(1).find_map(|w| {
        let (k, v) = w.split_once('=').unwrap_or((w, ""));
        (k == key).then_some(v)
    })
}

fn lang(info: &str) -> &str {
    info.split_whitespace().next().unwrap_or("")
}

fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("docs/ is readable")
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let mut out = vec![Path::new(ROOT).join("README.md")];
    walk(&Path::new(ROOT).join("docs"), &mut out);
    out
}

/// The output as the page shows it: lines cut to `cut=N` characters, the
/// first `lines=N` lines kept, trailing spaces off.
fn shaped(out: &str, info: &str) -> Vec<String> {
    let mut lines: Vec<String> = out
        .trim_end_matches('\n')
        .split('\n')
        .map(str::to_string)
        .collect();
    if let Some(n) = option(info, "cut").and_then(|n| n.parse::<usize>().ok()) {
        for l in &mut lines {
            if l.chars().count() > n {
                *l = l.chars().take(n - 1).collect::<String>() + "…";
            }
        }
    }
    if let Some(n) = option(info, "lines").and_then(|n| n.parse::<usize>().ok())
        && lines.len() > n
    {
        lines.truncate(n);
        lines.push("…".to_string());
    }
    lines.iter().map(|l| l.trim_end().to_string()).collect()
}

fn json_keys(lines: &[String]) -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for l in lines {
        let mut rest = l.as_str();
        while let Some(i) = rest.find('"') {
            let after = &rest[i + 1..];
            let Some(j) = after.find('"') else { break };
            if after[j + 1..].starts_with(':') {
                keys.insert(after[..j].to_string());
            }
            rest = &after[j + 1..];
        }
    }
    keys
}

fn has(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("dangjian-docs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        #[cfg(unix)]
        std::os::unix::fs::symlink(Path::new(ROOT).join("corpus"), dir.join("corpus"))
            .expect("corpus linked into the scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
#[cfg(unix)]
fn every_example_command_runs_and_prints_what_the_page_shows() {
    if !has("bash") {
        eprintln!("docs: bash not found, examples not run");
        return;
    }
    let python = has("python3");
    let bindir = Path::new(BIN).parent().expect("the binary's directory");
    let path = format!(
        "{}:{}",
        bindir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    let mut ran = 0;
    for page in pages() {
        let name = page
            .strip_prefix(ROOT)
            .unwrap_or(&page)
            .display()
            .to_string();
        let text = std::fs::read_to_string(&page).expect("a readable page");
        let blocks = blocks(&text);
        let scratch = Scratch::new(&name.replace('/', "_"));
        let mut skip_rest = false;
        for (k, b) in blocks.iter().enumerate() {
            if lang(&b.info) != "sh" || option(&b.info, "untested").is_some() || skip_rest {
                continue;
            }
            let script = b.body.join("\n");
            if !python && script.contains("python3") {
                eprintln!("docs: python3 not found, {name}: the rest of the page not run");
                skip_rest = true;
                continue;
            }
            ran += 1;
            let out = Command::new("bash")
                .arg("-c")
                .arg(format!("set -e\n{script}"))
                .current_dir(&scratch.0)
                .env("PATH", &path)
                .env("LC_ALL", "C.UTF-8")
                .output()
                .expect("bash runs");
            if !out.status.success() {
                failures.push(format!(
                    "{name}: failed ({}):\n{script}\n{}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                ));
                continue;
            }
            let Some(shown) = blocks.get(k + 1) else {
                continue;
            };
            if lang(&shown.info) != "text" || !shown.follows_directly {
                continue;
            }
            let actual = shaped(&String::from_utf8_lossy(&out.stdout), &shown.info);
            let expected: Vec<String> = shown
                .body
                .iter()
                .map(|l| l.trim_end().to_string())
                .collect();
            let ok = if option(&shown.info, "exact").is_some() {
                actual == expected
            } else if expected
                .first()
                .is_some_and(|l| l.starts_with('{') || l.starts_with('['))
            {
                json_keys(&expected).is_subset(&json_keys(&actual))
            } else {
                !actual.is_empty() && actual.first() == expected.first()
            };
            if !ok {
                failures.push(format!(
                    "{name}: the output of\n{script}\nis not what the page shows:\n--- shown\n{}\n--- printed\n{}\n(refresh with python3 .ci/docs_outputs.py)",
                    expected.join("\n"),
                    actual.join("\n")
                ));
            }
        }
    }
    assert!(ran >= 20, "only {ran} example blocks found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md");
    let n = readme.lines().count();
    assert!(
        n <= 250,
        "README.md has {n} lines; the guide (docs/) is the place for more"
    );
    // The two set-up commands; `.ci/run` calls exactly the second.
    assert!(readme.contains("cargo run --release -- compare corpus/"));
    assert!(readme.contains("\ncargo test\n"));
    let ci = std::fs::read_to_string(Path::new(ROOT).join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l == "cargo test"),
        ".ci/run runs the README's test command"
    );
}

/// Every command `dangjian --help` lists, and every option of each, is in
/// the guide.
#[test]
fn every_command_and_option_is_in_the_guide() {
    let help = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(args)
            .output()
            .expect("dangjian runs");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let guide: String = pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a readable page"))
        .collect();
    let top = help(&["--help"]);
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 9, "commands: {commands:?}");
    let mut missing = Vec::new();
    for c in &commands {
        if !guide.contains(&format!("dangjian {c}")) {
            missing.push(format!("the command {c}"));
        }
        for l in help(&[c, "--help"]).lines() {
            let l = l.trim_start();
            let long = l
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .find(|w| w.starts_with("--"));
            if let Some(opt) = long
                && opt != "--help"
                && !guide.contains(opt)
            {
                missing.push(format!("{c} {opt}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in README.md or docs/: {missing:?}");
}
