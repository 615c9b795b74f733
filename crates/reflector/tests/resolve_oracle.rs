//! Differential test of module resolution against TypeScript 6.0 itself.
//!
//! The cases in tests/fixtures/resolve/cases.txt (containing file, specifier, configuration from
//! configs.json, moduleResolution modes) are resolved twice over the fixture tree under
//! tests/fixtures/resolve/project: by `ts.resolveModuleName` (node tests/fixtures/resolve/oracle.js,
//! live, with the resolution mode a real program computes for an import declaration in the
//! containing file) and by [`Resolver`] over a real-file-system [`Host`]. File, extension and
//! the external-library flag must agree, except for the differences listed with a reason in
//! tests/fixtures/resolve/accepted-differences.txt; a listed difference that no longer occurs
//! fails the test too, so the list stays true.
//!
//! `RESOLVE_VERBOSE=1` prints every case with both answers.
//!
//! The oracle is required: without `node` or tests/oracles/ng22/node_modules this test fails
//! (run `scripts/test`, which installs the oracles).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::FsHost;
use ngc_reflector::resolve::{resolve_module, Extension, ModuleResolution, ResolveOptions, Resolver};
use serde_json::{json, Map, Value};

const MODES: [&str; 4] = ["bundler", "node16", "nodenext", "node10"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

fn fixture_root() -> PathBuf {
    let dir = repo_root().join("tests").join("fixtures").join("resolve");
    // The oracle reports real paths (ts.sys.realpath); compare in the same terms.
    std::fs::canonicalize(&dir).unwrap_or_else(|e| panic!("cannot open {}: {e}", dir.display()))
}

fn typescript_dir() -> PathBuf {
    repo_root().join("tests").join("oracles").join("ng22").join("node_modules").join("typescript")
}

fn oracle_missing(why: &str) -> ! {
    panic!("the TypeScript oracle is not available ({why}); run `scripts/test`, which installs the oracles");
}

fn require_oracle() {
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => oracle_missing(&format!("`node --version` failed: {}", String::from_utf8_lossy(&o.stderr))),
        Err(e) => oracle_missing(&format!("cannot run `node`: {e}")),
    }
    let manifest = typescript_dir().join("package.json");
    if !manifest.is_file() {
        oracle_missing(&format!("{} is missing", manifest.display()));
    }
}

#[derive(Debug, Clone)]
struct Case {
    file: String,
    specifier: String,
    config: String,
    mode: &'static str,
    line: usize,
}

impl Case {
    /// The key of this case in accepted-differences.txt.
    fn key(&self) -> String {
        let mut key = format!("{} {} {}", self.mode, self.file, self.specifier);
        if self.config != "none" {
            key.push_str(&format!(" config={}", self.config));
        }
        key
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn parse_cases(list: &str, text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(file), Some(specifier)) = (words.next(), words.next()) else {
            panic!("{list}:{}: expected `<file> <specifier> [config=..] [modes=..]`", index + 1);
        };
        let mut config = "none".to_string();
        let mut modes: Vec<&'static str> = MODES.to_vec();
        for word in words {
            if let Some(name) = word.strip_prefix("config=") {
                config = name.to_string();
            } else if let Some(list) = word.strip_prefix("modes=") {
                modes = list
                    .split(',')
                    .map(|m| {
                        *MODES
                            .iter()
                            .find(|k| **k == m)
                            .unwrap_or_else(|| panic!("{list}:{}: unknown mode {m}", index + 1))
                    })
                    .collect();
            } else {
                panic!("{list}:{}: unexpected `{word}`", index + 1);
            }
        }
        for mode in modes {
            cases.push(Case {
                file: file.into(),
                specifier: specifier.into(),
                config: config.clone(),
                mode,
                line: index + 1,
            });
        }
    }
    cases
}

/// The ResolveOptions a tsconfig with these compilerOptions (at the fixture root) gives.
fn resolve_options(root: &Path, config: &Map<String, Value>, mode: &str) -> ResolveOptions {
    let module_resolution = ModuleResolution::from_tsconfig(mode).expect("known mode");
    let path = |v: &Value| root.join(v.as_str().expect("a path string"));
    let paths_list = |v: &Value| v.as_array().expect("an array").iter().map(path).collect::<Vec<_>>();
    let strings =
        |v: &Value| v.as_array().expect("an array").iter().map(|s| s.as_str().expect("a string").to_string()).collect();
    let mut options = ResolveOptions { module_resolution, ..ResolveOptions::default() };
    for (key, value) in config {
        match key.as_str() {
            "baseUrl" => options.base_url = Some(path(value)),
            "pathsBasePath" => options.paths_base_path = Some(path(value)),
            "paths" => {
                options.paths = value
                    .as_object()
                    .expect("paths is an object")
                    .iter()
                    .map(|(k, v)| (k.clone(), strings(v)))
                    .collect()
            }
            "rootDirs" => options.root_dirs = paths_list(value),
            "typeRoots" => options.type_roots = Some(paths_list(value)),
            "customConditions" => options.custom_conditions = strings(value),
            "moduleSuffixes" => options.module_suffixes = strings(value),
            "resolvePackageJsonExports" => options.resolve_package_json_exports = value.as_bool(),
            "resolvePackageJsonImports" => options.resolve_package_json_imports = value.as_bool(),
            "resolveJsonModule" => options.resolve_json_module = value.as_bool(),
            "allowJs" => options.allow_js = value.as_bool().unwrap_or(false),
            other => panic!("configs.json: option `{other}` is not mapped to ResolveOptions"),
        }
    }
    options
}

/// TypeScript's spelling of a resolved extension.
fn extension_text(extension: Extension, path: &str) -> String {
    match extension {
        Extension::Ts => ".ts".into(),
        Extension::Tsx => ".tsx".into(),
        Extension::Dts => ".d.ts".into(),
        Extension::Mts => ".mts".into(),
        Extension::Cts => ".cts".into(),
        Extension::Dmts => ".d.mts".into(),
        Extension::Dcts => ".d.cts".into(),
        Extension::Js => ".js".into(),
        Extension::Jsx => ".jsx".into(),
        Extension::Mjs => ".mjs".into(),
        Extension::Cjs => ".cjs".into(),
        Extension::Json => ".json".into(),
        Extension::ArbitraryDeclaration => {
            let name = path.rsplit('/').next().unwrap_or(path);
            name.find(".d.").map_or_else(|| "?".into(), |i| name[i..].to_string())
        }
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "unresolved".into(),
        v => format!(
            "{} ({}{})",
            v["path"].as_str().unwrap_or("?"),
            v["extension"].as_str().unwrap_or("?"),
            if v["external"].as_bool() == Some(true) { ", external" } else { "" }
        ),
    }
}

fn run_oracle(root: &Path, cases: &[Case], configs: &Map<String, Value>) -> Vec<Value> {
    let request = json!({
        "root": root.to_string_lossy(),
        "cases": cases.iter().map(|c| json!({
            "file": c.file, "specifier": c.specifier, "mode": c.mode, "config": configs[&c.config],
        })).collect::<Vec<_>>(),
    });
    let mut child = Command::new("node")
        .arg(fixture_root().join("oracle.js"))
        .arg(typescript_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| oracle_missing(&format!("cannot run node: {e}")));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let body = request.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(body.as_bytes()));
    let output = child.wait_with_output().expect("node ran");
    writer.join().expect("writer thread").expect("request written");
    assert!(output.status.success(), "the oracle failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let results: Value = serde_json::from_slice(&output.stdout).expect("oracle output is JSON");
    let results = results.as_array().expect("an array").clone();
    assert_eq!(results.len(), cases.len(), "one oracle result per case");
    results
}

fn parse_accepted(text: &str) -> BTreeMap<String, String> {
    let mut accepted = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reason) = line
            .split_once(" -- ")
            .unwrap_or_else(|| panic!("accepted-differences.txt:{}: expected `<case> -- <reason>`", index + 1));
        assert!(!reason.trim().is_empty(), "accepted-differences.txt:{}: a reason is required", index + 1);
        accepted.insert(key.split_whitespace().collect::<Vec<_>>().join(" "), reason.trim().to_string());
    }
    accepted
}

/// Differences and counts collected over all suites.
#[derive(Default)]
struct Outcome {
    failures: Vec<String>,
    accepted_seen: BTreeSet<String>,
    cases: usize,
    agreeing: usize,
}

/// Resolves `cases` (relative to `root`) with TypeScript and with ngc-rs and records the
/// differences.
fn check_suite(
    list: &str,
    root: &Path,
    cases: &[Case],
    configs: &Map<String, Value>,
    accepted: &BTreeMap<String, String>,
    outcome: &mut Outcome,
) {
    for case in cases {
        assert!(configs.contains_key(&case.config), "{list}:{}: unknown config {}", case.line, case.config);
    }
    let oracle = run_oracle(root, cases, configs);
    let host = FsHost;
    let verbose = std::env::var_os("RESOLVE_VERBOSE").is_some();
    // One resolver per configuration, so that the package.json cache is exercised across cases.
    let mut resolvers: BTreeMap<(String, &str), Resolver<'_>> = BTreeMap::new();
    for (case, expected) in cases.iter().zip(&oracle) {
        let options = resolve_options(root, &configs[&case.config].as_object().cloned().unwrap_or_default(), case.mode);
        let resolver =
            resolvers.entry((case.config.clone(), case.mode)).or_insert_with(|| Resolver::new(options.clone(), &host));
        let containing = root.join(&case.file);
        let ours = resolver.resolve_any(&case.specifier, &containing);
        let ours_json = match &ours {
            None => Value::Null,
            Some(r) => {
                let path = r.path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/"));
                let path = path.unwrap_or_else(|_| r.path.to_string_lossy().into_owned());
                json!({ "path": path, "extension": extension_text(r.extension, &path), "external": r.is_external_library })
            }
        };
        // The one-shot API gives the same answer, restricted to TypeScript files.
        let one_shot = resolve_module(&case.specifier, &containing, &options, &host);
        assert_eq!(
            one_shot,
            ours.as_ref().and_then(|r| r.to_resolved()),
            "resolve_module disagrees with Resolver for {}",
            case.key()
        );

        let theirs = &expected["result"];
        let key = case.key();
        if theirs.is_object() && theirs["path"] != expected["programPath"] {
            eprintln!(
                "oracle note: {key}: resolveModuleName gives {} but the program {}",
                theirs["path"], expected["programPath"]
            );
        }
        if verbose {
            eprintln!("{key}\n    typescript: {}\n    ngc-rs:     {}", describe(theirs), describe(&ours_json));
        }
        outcome.cases += 1;
        if &ours_json == theirs {
            outcome.agreeing += 1;
        } else if accepted.contains_key(&key) {
            outcome.accepted_seen.insert(key);
        } else {
            outcome.failures.push(format!(
                "{list}:{}: {key}\n    typescript: {}\n    ngc-rs:     {}",
                case.line,
                describe(theirs),
                describe(&ours_json)
            ));
        }
    }
}

#[test]
fn resolution_matches_typescript() {
    require_oracle();
    let fixtures = fixture_root();
    let configs: Value = serde_json::from_str(&read(&fixtures.join("configs.json"))).expect("configs.json is JSON");
    let configs = configs.as_object().expect("configs.json is an object").clone();
    let accepted = parse_accepted(&read(&fixtures.join("accepted-differences.txt")));
    let mut outcome = Outcome::default();

    // The fixture tree: a fake project with fake packages covering each rule.
    let cases = parse_cases("cases.txt", &read(&fixtures.join("cases.txt")));
    check_suite("cases.txt", &fixtures, &cases, &configs, &accepted, &mut outcome);

    // The real packages of the Angular 22 oracle: exports maps as published.
    let ng22 =
        std::fs::canonicalize(repo_root().join("tests").join("oracles").join("ng22")).expect("the ng22 oracle exists");
    let cases = parse_cases("real-packages.txt", &read(&fixtures.join("real-packages.txt")));
    assert!(cases.iter().all(|c| c.config == "none"), "real-packages.txt: only config=none");
    check_suite("real-packages.txt", &ng22, &cases, &configs, &accepted, &mut outcome);

    for key in accepted.keys() {
        if !outcome.accepted_seen.contains(key) {
            outcome.failures.push(format!(
                "accepted-differences.txt lists `{key}`, which no longer differs (or is not a case): remove it"
            ));
        }
    }
    eprintln!(
        "resolve oracle: {}/{} cases agree with TypeScript, {} accepted differences",
        outcome.agreeing,
        outcome.cases,
        outcome.accepted_seen.len()
    );
    assert!(outcome.failures.is_empty(), "{} problems:\n\n{}\n", outcome.failures.len(), outcome.failures.join("\n\n"));
}
