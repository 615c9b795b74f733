//! Differential test: `parse_selector_to_r3_selector` against Angular 22's
//! `core.parseSelectorToR3Selector`, over every selector of the selector corpus
//! (tests/fixtures/selector/cases.txt) and of @angular/common, forms and router.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ngc_codegen::r3_selector::{parse_selector_to_r3_selector, R3SelectorPart};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn to_json(parts: &[Vec<R3SelectorPart>]) -> Value {
    Value::Array(
        parts
            .iter()
            .map(|list| {
                Value::Array(
                    list.iter()
                        .map(|p| match p {
                            R3SelectorPart::Text(t) => Value::String(t.clone()),
                            R3SelectorPart::Flags(f) => Value::from(*f),
                        })
                        .collect(),
                )
            })
            .collect(),
    )
}

#[test]
fn r3_selectors_equal_angular() {
    let root = repo();
    let compiler = root.join("tests/oracles/ng22/node_modules/@angular/compiler/fesm2022/compiler.mjs");
    assert!(compiler.is_file(), "the Angular 22 packages are not installed: run `scripts/test`, which installs tests/oracles/*");
    let fixtures = root.join("tests/fixtures/selector");
    let mut selectors: Vec<String> = Vec::new();
    for line in std::fs::read_to_string(fixtures.join("cases.txt")).expect("cases").lines() {
        if let Some(selector) = line.strip_prefix("parse ") {
            selectors.push(selector.to_string());
        }
    }
    for line in std::fs::read_to_string(fixtures.join("angular-directives.txt")).expect("directives").lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(selector) = line.splitn(3, ' ').nth(2) {
            selectors.push(selector.to_string());
        }
    }
    assert!(selectors.len() > 200, "too few selectors");

    let mut child = Command::new("node")
        .arg(fixtures.join("r3-oracle.mjs"))
        .arg(&compiler)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node must be installed: run `scripts/test`");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for s in &selectors {
            writeln!(stdin, "{s}").expect("write selector");
        }
    }
    let output = child.wait_with_output().expect("oracle");
    assert!(output.status.success(), "the oracle failed");
    let oracle: Vec<Value> = serde_json::from_slice(&output.stdout).expect("oracle JSON");
    assert_eq!(oracle.len(), selectors.len());

    let mut differences = Vec::new();
    let mut compared = 0;
    for (selector, expected) in selectors.iter().zip(&oracle) {
        // Selectors Angular rejects are reported by the reflector; definitions never carry them.
        let Some(expected) = expected.get("ok") else { continue };
        compared += 1;
        let ours = to_json(&parse_selector_to_r3_selector(selector));
        if &ours != expected {
            differences.push(format!("{selector:?}: angular {expected}, ngc-rs {ours}"));
        }
    }
    eprintln!("r3 selectors: {compared} compared, {} differ", differences.len());
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
