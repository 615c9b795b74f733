//! Differential test against ngc 22: every case of tests/fixtures/pipeline/*.txt is compiled by
//! the real ngc (through tests/fixtures/pipeline/oracle.mjs, once for the whole corpus, in Full
//! and DomOnly mode) and by `compile_template`; the constant-pool statements, `decls`, `vars`,
//! `consts`, `ngContentSelectors` and the template function must have the same JavaScript tokens.
//! The host-binding cases (`*.hosts`) compare `hostAttrs`, `hostVars` and the `hostBindings`
//! function of a directive with `compile_host_bindings`'s; the cases of `*.legacy.txt` are
//! compiled with `legacyOptionalChaining` on both sides, those of `*.debug.txt` with debug
//! source locations (as external templates).
//!
//! Known differences are listed with reasons in tests/fixtures/pipeline/accepted-differences.txt;
//! the test fails on an unlisted difference and on a listed case that has become identical. The
//! oracle's output is cached in Cargo's test temp dir, keyed by a hash of the corpus and the
//! oracle script (nothing is cached in the repository). Besides the fixture files, the corpus has
//! random valid templates from a seeded generator (`generate/`).

mod generate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_output::js_tokens::first_difference;
use ngc_output::print::PlainImports;
use ngc_pipeline::{
    compile_host_bindings, compile_template, CompilationMode, ConstantPool,
    HostBindingCompilationInput, HostValue, ParsedHostBindings, TemplateCompilationInput,
};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

fn fixtures() -> PathBuf {
    repo_root().join("tests").join("fixtures").join("pipeline")
}

/// The corpus files, sorted.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/pipeline exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt" || x == "hosts")
                && !p.ends_with("accepted-differences.txt")
        })
        .collect();
    files.sort();
    files
}

/// Splits a corpus file as oracle.mjs does.
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

/// FNV-1a, for the cache key.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x100000001b3);
    }
}

/// The oracle's JSON lines for the corpus (cached).
fn oracle_output(files: &[PathBuf]) -> String {
    let oracle = fixtures().join("oracle.mjs");
    let node_modules = repo_root()
        .join("tests")
        .join("oracles")
        .join("ng22")
        .join("node_modules");
    assert!(
        node_modules.join("@angular").join("compiler-cli").exists(),
        "the Angular 22 oracle is not installed: run scripts/test (it installs tests/oracles/ng22/node_modules)"
    );
    let mut hash = 0xcbf29ce484222325u64;
    fnv(&mut hash, &std::fs::read(&oracle).expect("read oracle.mjs"));
    for f in files {
        fnv(&mut hash, f.to_string_lossy().as_bytes());
        fnv(&mut hash, &std::fs::read(f).expect("read corpus file"));
    }
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let cache = tmp.join(format!("pipeline-oracle-{hash:016x}.jsonl"));
    if let Ok(text) = std::fs::read_to_string(&cache) {
        return text;
    }
    let work = tmp.join("pipeline-oracle-work");
    let output = Command::new("node")
        .arg(&oracle)
        .arg(&work)
        .args(files)
        .output()
        .expect("node must be installed to run the pipeline oracle");
    assert!(
        output.status.success(),
        "the pipeline oracle failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("oracle output is UTF-8");
    // Keep only the current cache entry.
    if let Ok(entries) = std::fs::read_dir(&tmp) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with("pipeline-oracle-") && name.ends_with(".jsonl") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let _ = std::fs::write(&cache, &text);
    text
}

fn field(v: &serde_json::Value, key: &str) -> String {
    match v.get(key) {
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => "null".to_string(),
    }
}

/// One comparable text per case: what ngc emitted.
fn expected_text(v: &serde_json::Value) -> String {
    format!(
        "{}\n;decls: {}; vars: {}; consts: {}; ngContentSelectors: {}; template: {}",
        field(v, "pool"),
        field(v, "decls"),
        field(v, "vars"),
        field(v, "consts"),
        field(v, "ngContentSelectors"),
        field(v, "template")
    )
}

/// The same text for ngc-rs, or the errors.
fn actual_text(
    template: &str,
    mode: CompilationMode,
    legacy_optional_chaining: bool,
    debug_path: Option<&str>,
) -> Result<String, String> {
    let mut parsed = ngc_template::parse_template(template, &ngc_template::ParseOptions::default());
    let nodes = std::mem::take(&mut parsed.nodes);
    let mut input = TemplateCompilationInput::new("App", &nodes);
    input.mode = mode;
    input.legacy_optional_chaining = legacy_optional_chaining;
    if let Some(path) = debug_path {
        input.enable_debug_locations = true;
        input.relative_template_path = Some(path);
        input.template_source = Some(template);
    }
    let mut pool = ConstantPool::new();
    let result = compile_template(&input, &mut pool);
    ngc_template::drop_nodes(nodes);
    let compiled = result.map_err(|errors| {
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let imports = &mut PlainImports;
    let pool_text = pool
        .statements
        .iter()
        .map(|s| ngc_output::print_stmt(s, 0, imports))
        .collect::<Vec<_>>()
        .join("\n");
    let consts = compiled.consts.as_ref().map_or("null".to_string(), |c| {
        ngc_output::print_expr(&c.to_expr(), imports)
    });
    let selectors = compiled
        .ng_content_selectors
        .as_ref()
        .map_or("null".to_string(), |s| ngc_output::print_expr(s, imports));
    Ok(format!(
        "{pool_text}\n;decls: {}; vars: {}; consts: {consts}; ngContentSelectors: {selectors}; template: {}",
        compiled.decls,
        compiled.vars,
        ngc_output::print_expr(&compiled.template_fn, imports)
    ))
}

/// The same text as [`expected_text`] for a host-binding case.
fn expected_host_text(v: &serde_json::Value) -> String {
    format!(
        "{}\n;hostAttrs: {}; hostVars: {}; hostBindings: {}",
        field(v, "pool"),
        field(v, "hostAttrs"),
        field(v, "hostVars"),
        field(v, "hostBindings")
    )
}

/// ngc-rs's text for a host-binding case (a JSON `{"selector", "host"}` object).
fn actual_host_text(source: &str) -> Result<String, String> {
    let spec: serde_json::Value =
        serde_json::from_str(source).map_err(|e| format!("bad case JSON: {e}"))?;
    let selector = spec
        .get("selector")
        .and_then(|s| s.as_str())
        .unwrap_or("[dir]")
        .to_string();
    let mut entries = Vec::new();
    if let Some(serde_json::Value::Object(host)) = spec.get("host") {
        for (k, v) in host {
            let value = match v {
                serde_json::Value::String(s) => HostValue::String(s.clone()),
                other => HostValue::Expr(ngc_output::raw(other.to_string())),
            };
            entries.push((k.clone(), value));
        }
    }
    let span = ngc_template::Span::default();
    let bindings = ParsedHostBindings::from_entries(&entries, span).map_err(join_errors)?;
    let input = HostBindingCompilationInput {
        component_name: "Dir",
        selector: &selector,
        bindings: &bindings,
        span,
        legacy_optional_chaining: false,
    };
    let mut pool = ConstantPool::new();
    let compiled = compile_host_bindings(&input, &mut pool).map_err(join_errors)?;
    let imports = &mut PlainImports;
    let pool_text = pool
        .statements
        .iter()
        .map(|s| ngc_output::print_stmt(s, 0, imports))
        .collect::<Vec<_>>()
        .join("\n");
    let (attrs, vars, function) = match &compiled {
        Some(c) => (
            c.host_attrs
                .as_ref()
                .map_or("null".to_string(), |a| ngc_output::print_expr(a, imports)),
            c.host_vars.map_or("null".to_string(), |v| v.to_string()),
            c.host_bindings_fn
                .as_ref()
                .map_or("null".to_string(), |f| ngc_output::print_expr(f, imports)),
        ),
        None => ("null".to_string(), "null".to_string(), "null".to_string()),
    };
    Ok(format!(
        "{pool_text}\n;hostAttrs: {attrs}; hostVars: {vars}; hostBindings: {function}"
    ))
}

fn join_errors(errors: Vec<ngc_pipeline::PipelineError>) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// `case mode` → reason.
fn accepted_differences() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(fixtures().join("accepted-differences.txt")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, r)| (k.trim().to_string(), r.trim().to_string()))
        })
        .collect()
}

/// How many random valid templates (`generate`) join the corpus, and their seed.
const GENERATED_CASES: usize = 250;
const GENERATED_SEED: u64 = 0x5eed_2202;

#[test]
fn pipeline_matches_ngc() {
    let mut files = corpus_files();
    let generated = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pipeline-generated.txt");
    std::fs::write(
        &generated,
        generate::corpus(GENERATED_SEED, GENERATED_CASES),
    )
    .expect("write the generated corpus");
    files.push(generated);
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read corpus");
        for (name, template) in split_corpus(&text) {
            assert!(
                templates.insert(name.clone(), template).is_none(),
                "duplicate case name `{name}`"
            );
        }
    }
    let oracle = oracle_output(&files);
    let accepted = accepted_differences();
    let mut identical = 0;
    let mut total = 0;
    let mut failures: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for line in oracle.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("oracle JSON line");
        let case = field(&v, "case");
        let mode_name = field(&v, "mode");
        let key = format!("{case} {mode_name}");
        seen.insert(key.clone());
        total += 1;
        let difference = if let Some(err) = v.get("error").and_then(|e| e.as_str()) {
            Some(format!("ngc rejects the case: {err}"))
        } else {
            let mode = if mode_name == "dom" {
                CompilationMode::DomOnly
            } else {
                CompilationMode::Full
            };
            let template = templates.get(&case).map(String::as_str).unwrap_or("");
            let result = match mode_name.as_str() {
                "host" => actual_host_text(template),
                "legacy" => actual_text(template, CompilationMode::Full, true, None),
                "debug" => {
                    let path = format!("debug/{}.html", field(&v, "file"));
                    actual_text(template, CompilationMode::Full, false, Some(&path))
                }
                _ => actual_text(template, mode, false, None),
            };
            let expected = if mode_name == "host" {
                expected_host_text(&v)
            } else {
                expected_text(&v)
            };
            match result {
                Ok(actual) => first_difference(&expected, &actual),
                Err(errors) => Some(format!("ngc-rs reports errors: {errors}")),
            }
        };
        match (difference, accepted.contains_key(&key)) {
            (None, false) => identical += 1,
            (None, true) => failures.push(format!(
                "{key}: listed in accepted-differences.txt but now identical; remove it"
            )),
            (Some(_), true) => {}
            (Some(d), false) => failures.push(format!("{key}: {d}")),
        }
    }
    for key in accepted.keys() {
        if !seen.contains(key) {
            failures.push(format!(
                "{key}: listed in accepted-differences.txt but not in the corpus"
            ));
        }
    }
    println!(
        "Pipeline differential: {identical}/{total} identical ({} accepted differences)",
        accepted.len()
    );
    assert!(
        failures.is_empty(),
        "{} unexpected result(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
