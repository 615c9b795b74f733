//! Differential test against Angular 22.2's `parseTemplate`: every case of the corpus in
//! tests/fixtures/templates/*.txt is parsed by the oracle script (Node) and by ngc-template; the normalised
//! JSON of both must be equal, except for the cases listed with a reason in
//! tests/fixtures/templates/accepted-differences.txt. A listed case that no longer differs fails the test too,
//! so the list only ever shrinks. Files named `*.preserve-ws.txt` are parsed with `preserveWhitespaces: true`,
//! `*.diag-nodes.txt` with [`ParseOptions::diag_nodes`] (ngc's second parse for type-check diagnostics),
//! `*.inline.txt` with `i18nNormalizeLineEndingsInICUs` (what ngc sets for inline templates).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// Same splitting rule as oracle.mjs: `#### name` starts a case; the template runs to the next header,
/// without its final line break.
fn split_corpus(text: &str) -> Vec<(String, String)> {
    let mut cases: Vec<(String, Vec<&str>)> = Vec::new();
    for line in text.split('\n') {
        if let Some(name) = line.strip_prefix("#### ") {
            cases.push((name.trim().to_string(), Vec::new()));
        } else if let Some(last) = cases.last_mut() {
            last.1.push(line);
        }
    }
    cases
        .into_iter()
        .map(|(name, lines)| {
            let mut t = lines.join("\n");
            if t.ends_with('\n') {
                t.pop();
            }
            (name, t)
        })
        .collect()
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fixtures/templates exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "txt").unwrap_or(false))
        .filter(|p| {
            p.file_name()
                .map(|n| n != "accepted-differences.txt")
                .unwrap_or(false)
        })
        .collect();
    files.sort();
    files
}

/// Lists the paths where two JSON values differ (at most `limit`).
fn diff(a: &Value, b: &Value, path: &str, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                diff(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                    out,
                    limit,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                diff(p, q, &format!("{path}[{i}]"), out, limit);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{path}: angular={} ngc-rs={}", short(a), short(b))),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 300 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(300).map(|(i, _)| i).unwrap_or(s.len())]
        )
    } else {
        s
    }
}

#[test]
fn differential_against_angular() {
    let root = repo_root();
    let dir = root.join("tests/fixtures/templates");
    let oracle_modules = root.join("tests/oracles/ng22/node_modules/@angular/compiler");
    assert!(
        oracle_modules.exists(),
        "the Angular 22 oracle is not installed (tests/oracles/ng22/node_modules): run scripts/test to install it"
    );
    let files = corpus_files(&dir);
    assert!(
        !files.is_empty(),
        "no corpus files in tests/fixtures/templates"
    );
    let output = Command::new("node")
        .arg(dir.join("oracle.mjs"))
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): install Node and run scripts/test"));
    assert!(
        output.status.success(),
        "oracle.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut expected: BTreeMap<String, Value> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let v: Value = serde_json::from_str(line).expect("oracle prints JSON lines");
        let name = v["case"].as_str().unwrap_or_default().to_string();
        assert!(
            expected.insert(name.clone(), v["ast"].clone()).is_none(),
            "duplicate case name {name}"
        );
    }

    let accepted_text =
        std::fs::read_to_string(dir.join("accepted-differences.txt")).unwrap_or_default();
    let mut accepted: BTreeMap<String, String> = BTreeMap::new();
    for line in accepted_text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (case, reason) = line.split_once(':').unwrap_or((line, ""));
        accepted.insert(case.trim().to_string(), reason.trim().to_string());
    }

    let mut total = 0;
    let mut same = 0;
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut accepted_seen = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("corpus file is readable");
        for (name, template) in split_corpus(&text) {
            total += 1;
            let file_name = file.to_string_lossy();
            let options = if file_name.ends_with(".diag-nodes.txt") {
                ngc_template::ParseOptions::diag_nodes("template.html")
            } else if file_name.ends_with(".inline.txt") {
                ngc_template::ParseOptions {
                    url: "template.html".into(),
                    i18n_normalize_line_endings_in_icus: true,
                    ..Default::default()
                }
            } else {
                let preserve_whitespaces = file_name.ends_with(".preserve-ws.txt");
                ngc_template::ParseOptions {
                    url: "template.html".into(),
                    preserve_whitespaces,
                    ..Default::default()
                }
            };
            let parsed = ngc_template::parse_template(&template, &options);
            let actual = ngc_template::json::template(&parsed);
            let want = expected.get(&name).cloned().unwrap_or(Value::Null);
            let mut d = Vec::new();
            diff(&want, &actual, "", &mut d, 8);
            match (d.is_empty(), accepted.contains_key(&name)) {
                (true, false) => same += 1,
                (true, true) => fixed.push(name.clone()),
                (false, true) => accepted_seen += 1,
                (false, false) => unexpected.push(format!(
                    "--- {name} ({})\n{template}\n  {}",
                    file.display(),
                    d.join("\n  ")
                )),
            }
        }
    }
    let stale: Vec<&String> = accepted
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    println!("differential: {total} cases, {same} identical, {accepted_seen} accepted differences, {} unexpected", unexpected.len());
    let mut problems = String::new();
    if !unexpected.is_empty() {
        problems.push_str(&format!(
            "{} cases differ from Angular:\n{}\n",
            unexpected.len(),
            unexpected.join("\n")
        ));
    }
    if !fixed.is_empty() {
        problems.push_str(&format!("accepted differences that no longer differ (remove them from accepted-differences.txt): {fixed:?}\n"));
    }
    if !stale.is_empty() {
        problems.push_str(&format!(
            "accepted differences naming unknown cases: {stale:?}\n"
        ));
    }
    assert!(problems.is_empty(), "{problems}");
}
