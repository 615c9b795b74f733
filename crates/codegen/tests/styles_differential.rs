//! Differential test of component style scoping against Angular 22.2 itself.
//!
//! `tests/fixtures/styles/oracle.mjs` runs `@angular/compiler`'s `encapsulateStyle` and
//! `namespaceCssVariables` over every case in `tests/fixtures/styles/cases/*.css`; this test
//! runs ours over the same cases and compares byte for byte. Known differences are listed,
//! with reasons, in `tests/fixtures/styles/accepted-differences.txt` (`<case id> <field>: reason`);
//! the test fails on any unlisted difference and on any listed one that has disappeared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_codegen::styles::{
    Encapsulation, compile_component_styles, encapsulate_style, namespace_css_variables, shim_css_text,
};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Same format as `splitCases` in oracle.mjs.
fn split_cases(text: &str) -> Vec<(String, String)> {
    let mut cases = Vec::new();
    let mut name: Option<String> = None;
    let mut body: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if let Some(rest) = line.strip_prefix("@@@ ") {
            if let Some(n) = name.take() {
                cases.push((n, body.join("\n")));
            }
            name = Some(rest.trim().to_string());
            body.clear();
        } else if name.is_some() {
            body.push(line);
        }
    }
    if let Some(n) = name {
        cases.push((n, body.join("\n")));
    }
    cases
}

fn run_oracle(root: &Path) -> Vec<serde_json::Value> {
    let modules = root.join("tests/oracles/ng22/node_modules/@angular/compiler/fesm2022/compiler.mjs");
    assert!(
        modules.is_file(),
        "the Angular 22 oracle is not installed ({} is missing): run `scripts/test`, which installs it",
        modules.display()
    );
    let output = Command::new("node")
        .arg(root.join("tests/fixtures/styles/oracle.mjs"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}); install Node.js and run `scripts/test`"));
    assert!(
        output.status.success(),
        "the style oracle failed (run `scripts/test` to install the oracles):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("oracle output is JSON")
}

fn accepted(root: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root.join("tests/fixtures/styles/accepted-differences.txt"))
        .expect("tests/fixtures/styles/accepted-differences.txt exists");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(": ").map(|(k, v)| (k.trim().to_string(), v.to_string())))
        .collect()
}

#[test]
fn styles_match_angular_22() {
    let root = repo_root();
    let oracle = run_oracle(&root);
    let mut expected: BTreeMap<String, &serde_json::Value> = BTreeMap::new();
    for o in &oracle {
        expected.insert(o["id"].as_str().unwrap_or_default().to_string(), o);
    }
    let dir = root.join("tests/fixtures/styles/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("cases dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .collect();
    files.sort();
    let accepted = accepted(&root);
    let mut failures = Vec::new();
    let mut seen_accepted = Vec::new();
    let (mut cases, mut checks, mut equal) = (0, 0, 0);
    for file in files {
        let fname = file.file_name().and_then(|f| f.to_str()).unwrap_or_default().to_string();
        let text = std::fs::read_to_string(&file).expect("case file");
        for (name, css) in split_cases(&text) {
            cases += 1;
            let id = format!("{fname}::{name}");
            let Some(exp) = expected.get(&id) else {
                failures.push(format!("{id}: no oracle result"));
                continue;
            };
            let ns = namespace_css_variables(&css);
            let compiled = compile_component_styles(&[css.as_str()], Encapsulation::Emulated);
            let ours = [
                ("shim", encapsulate_style(&css)),
                ("shimId", shim_css_text(&css, "_ngcontent-c1", "_nghost-c1")),
                ("ns", ns.clone()),
                ("compiled", compiled.first().cloned().unwrap_or_default()),
            ];
            for (field, got) in ours {
                checks += 1;
                let want = exp[field].as_str().unwrap_or_default();
                let key = format!("{id} {field}");
                let same = got == want;
                if same {
                    equal += 1;
                }
                match (same, accepted.contains_key(&key)) {
                    (true, true) => failures.push(format!("{key}: listed as accepted difference but now equal")),
                    (true, false) => {}
                    (false, true) => seen_accepted.push(key),
                    (false, false) => failures.push(format!(
                        "{key}\n  input:    {css:?}\n  angular:  {want:?}\n  ngc-rs:   {got:?}"
                    )),
                }
            }
            // Styles that are empty after processing are dropped from the component.
            let none = compile_component_styles(&[css.as_str()], Encapsulation::None);
            let want_ns = exp["ns"].as_str().unwrap_or_default();
            let keep = !want_ns.trim().is_empty();
            assert_eq!(none.len(), usize::from(keep), "{id}: ViewEncapsulation.None keeps non-empty styles");
        }
    }
    for key in accepted.keys() {
        if !seen_accepted.contains(key) && !failures.iter().any(|f| f.starts_with(key.as_str())) {
            failures.push(format!("{key}: listed in accepted-differences.txt but no such case/field differs"));
        }
    }
    eprintln!(
        "styles: {cases} cases, {equal}/{checks} outputs equal to Angular 22, {} accepted differences",
        seen_accepted.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(cases >= 200, "the corpus should hold at least 200 cases, has {cases}");
}
