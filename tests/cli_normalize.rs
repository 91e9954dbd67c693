//! `dangjian normalize --config`: OpenCC's configurations from the command
//! line, checked against OpenCC's own test cases
//! (../shared/data/opencc-testcases) when present.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `dangjian normalize [--config CONFIG]` on `input` (stdin).
fn normalize(config: Option<&str>, input: &str) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dangjian"));
    cmd.arg("normalize");
    if let Some(c) = config {
        cmd.args(["--config", c]);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("the binary finishes");
    assert!(out.status.success(), "normalize --config {config:?} failed");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn configurations_differ_where_opencc_tables_differ() {
    // 著 stays under t2s and hk2s (their tables keep it), becomes 着 under tw2s.
    let text = "書記帶著黨員走訪";
    assert_eq!(normalize(Some("t2s"), text), "书记带著党员走访");
    assert_eq!(normalize(Some("hk2s"), text), "书记带著党员走访");
    assert_eq!(normalize(Some("tw2s"), text), "书记带着党员走访");
    // Conversion only: full-width digits stay; the default normalization folds them.
    assert_eq!(normalize(Some("t2s"), "黨員１２名"), "党员１２名");
    assert_eq!(normalize(None, "黨員１２名"), "党员12名");
    assert_eq!(normalize(Some("default"), "黨員１２名"), "党员12名");
}

#[test]
fn opencc_testcases_pass_from_the_command_line() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let raw = std::fs::read_to_string(data.join("opencc-testcases/testcases.strict.json"))
        .expect("testcases.strict.json");
    let json: serde_json::Value = serde_json::from_str(&raw).expect("valid JSON");
    let cases = json["cases"].as_array().expect("cases");
    for config in ["t2s", "tw2s", "hk2s"] {
        // One run per configuration: the inputs one per line.
        let picked: Vec<(&str, &str, &str)> = cases
            .iter()
            .filter_map(|c| {
                let input = c["input"].as_str()?;
                let expected = c["expected"][config].as_str()?;
                // Line structure is what the run keeps apart.
                (!input.contains('\n')).then_some((c["id"].as_str()?, input, expected))
            })
            .collect();
        let joined: String = picked.iter().map(|(_, i, _)| format!("{i}\n")).collect();
        let got = normalize(Some(config), &joined);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines.len(), picked.len(), "{config}: one line per case");
        let mut passed = 0;
        for ((id, input, expected), line) in picked.iter().zip(&lines) {
            if line == expected {
                passed += 1;
            } else {
                eprintln!("{config} {id}: {input:?}\n  want {expected:?}\n  got  {line:?}");
            }
            if *id == "BYVoid_OpenCC_Issue_767_solace" {
                assert_eq!(line, expected, "{config}: the 慰藉著 case");
            }
        }
        println!(
            "normalize --config {config}: {passed}/{} passed",
            picked.len()
        );
        assert!(
            passed as f64 >= 0.99 * picked.len() as f64,
            "{config}: {passed}/{} passed",
            picked.len()
        );
    }
}
