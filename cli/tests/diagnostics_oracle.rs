//! Error projects under tests/fixtures/diagnostics/: each is built by ngc 22 and by
//! `ngc-rs build`, and the errors must be the same — code, message, file, line and column, in
//! the same set — with exit status 1 and nothing written by ngc-rs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, repo};

/// One error: `file:line:column code message`.
fn ngc_errors(output: &str) -> Vec<String> {
    let plain = strip_ansi(output);
    plain
        .lines()
        .filter_map(|line| {
            let (position, rest) = line.split_once(" - error ")?;
            let (code, message) = rest.split_once(": ")?;
            Some(format!("{position} {code} {message}"))
        })
        .collect()
}

/// The errors of ngc-rs's rendered diagnostics: a code line, `× message`, then `╭─[file:line:col]`.
fn our_errors(output: &str) -> Vec<String> {
    let lines: Vec<&str> = output.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(first) = line.trim_start().strip_prefix("× ") else { continue };
        // Long messages wrap onto `│ ` lines.
        let mut message = first.trim_end().to_string();
        for continuation in lines[i + 1..].iter().map_while(|l| l.trim_start().strip_prefix("│ ")) {
            message.push(' ');
            message.push_str(continuation.trim());
        }
        let code = (0..i).rev().map(|j| lines[j].trim()).find(|l| !l.is_empty()).unwrap_or_default();
        let position = lines[i + 1..]
            .iter()
            .find_map(|l| l.split_once("─[").and_then(|(_, p)| p.strip_suffix(']')))
            .unwrap_or_default();
        out.push(format!("{position} {code} {message}"));
    }
    out
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn cases() -> Vec<PathBuf> {
    let root = repo().join("tests/fixtures/diagnostics");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures/diagnostics")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("tsconfig.json").is_file())
        .collect();
    cases.sort();
    cases
}

fn check(case: &Path, modules: &Path) -> Result<usize, String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diagnostics-oracle").join(&name);
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(case, &work);
    #[cfg(unix)]
    std::os::unix::fs::symlink(modules, work.join("node_modules")).expect("link node_modules");

    let ngc = modules.join("@angular/compiler-cli/bundles/src/bin/ngc.js");
    let run = Command::new("node").arg(&ngc).args(["-p", "tsconfig.json"]).current_dir(&work).output().expect("node");
    let expected = ngc_errors(&format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr)));
    if expected.is_empty() {
        return Err(format!("{name}: ngc 22 reports no error; a case must fail"));
    }
    let ours = common::ngc(&work, &["build", "-p", "tsconfig.json", "--outDir", "ngc-rs-out"]);
    ours.expect_no_crash();
    let actual = our_errors(&ours.stderr);
    if ours.code != Some(1) || work.join("ngc-rs-out").exists() {
        return Err(format!("{name}: ngc-rs must exit 1 and write nothing\n{}", ours.stderr));
    }
    // ngc lists a class's errors together, in the order of the classes; ngc-rs's order differs
    // where an error found while computing scopes belongs to another class.
    let (mut expected, mut actual) = (expected, actual);
    expected.sort();
    actual.sort();
    if actual != expected {
        return Err(format!("{name}:\n  ngc 22:\n    {}\n  ngc-rs:\n    {}", expected.join("\n    "), actual.join("\n    ")));
    }
    Ok(expected.len())
}

#[test]
fn errors_equal_ngc() {
    let modules = repo().join("tests/oracles/ng22/node_modules");
    assert!(
        modules.join("@angular/compiler-cli").is_dir(),
        "the Angular 22 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    let cases = cases();
    assert!(!cases.is_empty(), "no cases under tests/fixtures/diagnostics");
    let mut failures = Vec::new();
    let mut errors = 0;
    for case in &cases {
        match check(case, &modules) {
            Ok(n) => errors += n,
            Err(e) => failures.push(e),
        }
    }
    eprintln!("diagnostics oracle: {} cases, {errors} errors equal to ngc 22's", cases.len() - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
