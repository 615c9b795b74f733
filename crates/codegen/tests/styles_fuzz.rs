//! Randomised differential test of style scoping against Angular 22.2.
//!
//! `tests/fixtures/styles/fuzz.mjs` generates stylesheets from a fixed seed (mostly malformed
//! token soup, partly nested near-valid CSS), runs Angular's `encapsulateStyle` and
//! `namespaceCssVariables` on them, and this test runs ours and compares byte for byte.
//! Accepted differences are listed by case index in
//! `tests/fixtures/styles/accepted-differences.txt` as `fuzz#<index> <field>: reason`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_codegen::styles::{encapsulate_style, namespace_css_variables};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn random_styles_match_angular_22() {
    let root = repo_root();
    let compiler = root.join("tests/oracles/ng22/node_modules/@angular/compiler/fesm2022/compiler.mjs");
    assert!(
        compiler.is_file(),
        "the Angular 22 oracle is not installed ({} is missing): run `scripts/test`, which installs it",
        compiler.display()
    );
    let output = Command::new("node")
        .arg(root.join("tests/fixtures/styles/fuzz.mjs"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js and run `scripts/test`"));
    assert!(output.status.success(), "fuzz oracle failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let cases: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("oracle output is JSON");
    let accepted: BTreeMap<String, String> =
        std::fs::read_to_string(root.join("tests/fixtures/styles/accepted-differences.txt"))
            .expect("accepted-differences.txt")
            .lines()
            .filter(|l| l.starts_with("fuzz#"))
            .filter_map(|l| l.split_once(": ").map(|(k, v)| (k.trim().to_string(), v.to_string())))
            .collect();
    let mut failures = Vec::new();
    let mut differing = Vec::new();
    let mut timeouts = 0;
    for (i, case) in cases.iter().enumerate() {
        if case["timeout"].as_bool() == Some(true) {
            // Angular's regular expressions backtrack catastrophically here: there is no
            // reference output to compare against.
            timeouts += 1;
            continue;
        }
        let input = case["input"].as_str().unwrap_or_default();
        for (field, got) in [("shim", encapsulate_style(input)), ("ns", namespace_css_variables(input))] {
            let want = case[field].as_str().unwrap_or_default();
            let key = format!("fuzz#{i} {field}");
            if got != want {
                differing.push(key.clone());
                if !accepted.contains_key(&key) {
                    failures.push(format!("{key}\n  input:    {input:?}\n  angular:  {want:?}\n  ngc-rs:   {got:?}"));
                }
            } else if accepted.contains_key(&key) {
                failures.push(format!("{key}: listed as accepted difference but now equal"));
            }
        }
    }
    eprintln!(
        "styles fuzz: {} cases ({} where Angular timed out, not compared), {} differences ({} accepted)",
        cases.len(),
        timeouts,
        differing.len(),
        accepted.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.iter().take(30).cloned().collect::<Vec<_>>().join("\n"));
}
