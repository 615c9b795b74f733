//! Differential test against the real Angular 22.2 parser.
//!
//! Every case of tests/fixtures/expressions/corpus*.txt is parsed by ngc-expression and by
//! `@angular/compiler` (tests/fixtures/expressions/oracle.mjs, run with Node); the normalised
//! JSON (node kinds, names, values, spans, error messages) must be identical, except for the
//! cases listed in tests/fixtures/expressions/accepted-differences.txt (`<case> ## <reason>`).
//! A listed case that no longer differs fails the test too, so the list stays honest.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn corpus_matches_angular() {
    let root = workspace_root();
    let fixtures = root.join("tests/fixtures/expressions");
    let compiler =
        root.join("tests/oracles/ng22/node_modules/@angular/compiler/fesm2022/compiler.mjs");
    assert!(
        compiler.exists(),
        "the Angular 22 oracle is not installed ({}): run `scripts/test`, which installs the oracles",
        compiler.display()
    );
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(node_ok, "`node` is not available: install Node.js and run `scripts/test`, which installs the oracles");

    let mut files: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures/expressions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("corpus") && name.ends_with(".txt")
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no corpus*.txt in {}",
        fixtures.display()
    );

    let mut cases = Vec::new();
    for f in &files {
        cases.extend(common::parse_corpus(
            &std::fs::read_to_string(f).expect("corpus readable"),
        ));
    }

    let output = Command::new("node")
        .arg(fixtures.join("oracle.mjs"))
        .args(&files)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "oracle.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8 oracle output");
    let expected: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        expected.len(),
        cases.len(),
        "oracle printed a different number of cases"
    );

    let accepted_text =
        std::fs::read_to_string(fixtures.join("accepted-differences.txt")).unwrap_or_default();
    let mut accepted: BTreeMap<String, String> = BTreeMap::new();
    for line in accepted_text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (case, reason) = line.rsplit_once(" ## ").unwrap_or((line, ""));
        assert!(
            !reason.trim().is_empty(),
            "accepted difference without a reason: {line}"
        );
        accepted.insert(case.to_string(), reason.to_string());
    }

    let mut problems = Vec::new();
    let mut differences = 0;
    let mut seen_accepted = Vec::new();
    for (case, oracle) in cases.iter().zip(expected) {
        let ours = common::run_case(case);
        let differs = ours != oracle;
        match (differs, accepted.contains_key(&case.line)) {
            (true, true) => {
                differences += 1;
                seen_accepted.push(case.line.clone());
            }
            (true, false) => {
                differences += 1;
                problems.push(format!(
                    "DIFFERENT: {}\n  angular: {oracle}\n  ours:    {ours}",
                    case.line
                ));
            }
            (false, true) => {
                seen_accepted.push(case.line.clone());
                problems.push(format!(
                    "NO LONGER DIFFERENT (remove from accepted-differences.txt): {}",
                    case.line
                ));
            }
            (false, false) => {}
        }
    }
    for case in accepted.keys() {
        if !seen_accepted.contains(case) {
            problems.push(format!(
                "accepted difference for a case not in the corpus: {case}"
            ));
        }
    }
    println!(
        "expressions: {} cases, {} identical to Angular, {} accepted differences",
        cases.len(),
        cases.len() - differences,
        accepted.len()
    );
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
