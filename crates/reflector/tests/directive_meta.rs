//! Differential test against ngc 22: the directive metadata the reflector reads from source —
//! selector, exportAs, inputs (alias, required, signal, transform), outputs (with `model()`'s
//! `<name>Change`), view and content queries, host bindings and host directives — equals what
//! ngc 22.2 declares for the same classes. ngc compiles each project in partial compilation mode
//! (tests/fixtures/reflector/ngc-declarations.mjs prints every `ɵɵngDeclareDirective` /
//! `ɵɵngDeclareComponent` argument, the metadata the linker reads) with declaration files, whose
//! `ɵɵDirectiveDeclaration` types the reflector's own `.d.ts` reader reads for `required`.
//!
//! Projects: tests/fixtures/reflector/signal-apis (every signal API, decorator queries, host
//! bindings, host directives), tests/fixtures/reflector/ivy-local-references (decorators View
//! Engine's metadata cannot represent: non-exported classes, local references) and the example
//! apps under tests/fixtures/apps/. The oracle is required: without `node` or
//! tests/oracles/ng22/node_modules this test fails (run `scripts/test`).

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, link_oracle_modules, program_files, repo, run_oracle_script, FsHost};
use ngc_reflector::declarations::{Declaration, DirectiveMeta, QueryExpr, QueryMeta, QueryPredicate};
use ngc_reflector::evaluate::StaticValue;
use ngc_reflector::resolve::ResolveOptions;
use ngc_reflector::{analyze_with, Analysis, AnalysisOptions};
use serde_json::{json, Map, Value};

fn prepare(name: &str, source: &Path) -> PathBuf {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("directive-meta").join(name);
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&source.join("src"), &work.join("src"));
    let tsconfig = json!({
        "compilerOptions": {
            "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler", "lib": ["ES2022", "dom"],
            "strict": true, "skipLibCheck": true, "experimentalDecorators": true,
            "rootDir": "src", "outDir": "out", "declaration": true
        },
        "angularCompilerOptions": { "compilationMode": "partial" },
        "include": ["src/**/*.ts"]
    });
    std::fs::write(work.join("tsconfig.json"), serde_json::to_string_pretty(&tsconfig).expect("json"))
        .expect("tsconfig");
    link_oracle_modules(&work)
}

/// ngc's diagnostics and declarations for the project in `work`.
fn run_ngc(work: &Path) -> (Vec<Value>, Vec<Value>) {
    let json = run_oracle_script(&repo().join("tests/fixtures/reflector/ngc-declarations.mjs"), work);
    let list = |key: &str| json[key].as_array().cloned().unwrap_or_default();
    (list("diagnostics"), list("declarations"))
}

/// `i0.forwardRef(() => X)` → (`X`, true); `i1.X` → `X` for references ngc emitted.
fn unwrap_emitted(text: &str) -> (String, bool) {
    let text = text.trim();
    let stripped = text.strip_prefix("i0.").unwrap_or(text);
    if let Some(inner) = stripped.strip_prefix("forwardRef(() => ").and_then(|r| r.strip_suffix(')')) {
        return (inner.trim().to_string(), true);
    }
    (text.to_string(), false)
}

fn strip_namespace(text: &str) -> String {
    match text.split_once('.') {
        Some((ns, rest)) if ns.starts_with('i') && ns[1..].chars().all(|c| c.is_ascii_digit()) => rest.to_string(),
        _ => text.to_string(),
    }
}

fn expr_text(value: &Value) -> Option<String> {
    value.get("expr").and_then(Value::as_str).map(str::to_string)
}

/// ngc's declaration, in the canonical form both sides are compared in. `required` comes from
/// the declaration file (the legacy input array format of partial output does not carry it).
fn canonical_ngc(meta: &Value, dts: Option<&ngc_reflector::dts::DirectiveDeclaration>) -> Value {
    let mut inputs = Vec::new();
    if let Some(Value::Object(map)) = meta.get("inputs") {
        for (property, value) in map {
            let (alias, is_signal, transform) = match value {
                Value::String(alias) => (alias.clone(), false, false),
                Value::Array(items) => {
                    (items.first().and_then(Value::as_str).unwrap_or(property).to_string(), false, items.len() > 2)
                }
                object => (
                    object["publicName"].as_str().unwrap_or(property).to_string(),
                    object["isSignal"] == json!(true),
                    !object["transformFunction"].is_null(),
                ),
            };
            let required =
                dts.and_then(|d| d.inputs.iter().find(|i| i.class_property == *property)).is_some_and(|i| i.required);
            inputs.push(json!({ "property": property, "alias": alias, "required": required, "isSignal": is_signal, "transform": transform }));
        }
    }
    let outputs: Vec<Value> = match meta.get("outputs") {
        Some(Value::Object(map)) => map.iter().map(|(p, a)| json!([p, a])).collect(),
        _ => Vec::new(),
    };
    let queries = |key: &str| -> Vec<Value> {
        let Some(Value::Array(list)) = meta.get(key) else { return Vec::new() };
        list.iter()
            .map(|q| {
                let predicate = match &q["predicate"] {
                    Value::Array(names) => json!(names),
                    other => {
                        let (text, forward_ref) = unwrap_emitted(&expr_text(other).unwrap_or_default());
                        json!({ "expr": text, "forwardRef": forward_ref })
                    }
                };
                json!({
                    "property": q["propertyName"],
                    "first": q["first"] == json!(true),
                    "predicate": predicate,
                    "descendants": q["descendants"] == json!(true),
                    "read": expr_text(&q["read"]),
                    "static": q["static"] == json!(true),
                    "emitDistinctChangesOnly": q["emitDistinctChangesOnly"] != json!(false),
                    "isSignal": q["isSignal"] == json!(true),
                })
            })
            .collect()
    };
    let host = meta.get("host").cloned().unwrap_or_else(|| json!({}));
    let host_map = |key: &str| -> Value {
        match host.get(key) {
            Some(Value::Object(map)) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| json!(expr_text(v)), |s| json!(s))))
                    .collect(),
            ),
            _ => json!({}),
        }
    };
    let host_directives: Vec<Value> = match meta.get("hostDirectives") {
        Some(Value::Array(list)) => list
            .iter()
            .map(|h| {
                let (text, forward_ref) = unwrap_emitted(&expr_text(&h["directive"]).unwrap_or_default());
                let pairs = |key: &str| -> Vec<Value> {
                    h.get(key)
                        .and_then(Value::as_array)
                        .map(|flat| flat.chunks(2).map(|c| json!([c[0], c.get(1).cloned().unwrap_or(Value::Null)])).collect())
                        .unwrap_or_default()
                };
                json!({ "directive": strip_namespace(&text), "forwardRef": forward_ref, "inputs": pairs("inputs"), "outputs": pairs("outputs") })
            })
            .collect(),
        _ => Vec::new(),
    };
    json!({
        "selector": meta.get("selector").cloned().unwrap_or(Value::Null),
        "exportAs": meta.get("exportAs").cloned().unwrap_or_else(|| json!([])),
        "inputs": inputs,
        "outputs": outputs,
        "queries": queries("queries"),
        "viewQueries": queries("viewQueries"),
        "host": {
            "attributes": host_map("attributes"),
            "listeners": host_map("listeners"),
            "properties": host_map("properties"),
            "classAttribute": host.get("classAttribute").cloned().unwrap_or(Value::Null),
            "styleAttribute": host.get("styleAttribute").cloned().unwrap_or(Value::Null),
        },
        "hostDirectives": host_directives,
    })
}

/// The source text of a query expression, and what it resolved to.
fn query_expr(text: &str, expr: &QueryExpr, failures: &mut Vec<String>, context: &str) -> String {
    let written = text.get(expr.span.start as usize..expr.span.end as usize).unwrap_or("").trim().to_string();
    if let StaticValue::Symbol(symbol) = &expr.value {
        if !written.ends_with(&symbol.name) {
            failures.push(format!("{context}: `{written}` resolved to '{}'", symbol.name));
        }
    }
    written
}

/// The reflector's metadata, in the same canonical form.
fn canonical_ours(meta: &DirectiveMeta, text: &str, failures: &mut Vec<String>) -> Value {
    let context = meta.symbol.name.clone();
    let queries = |list: &[QueryMeta], failures: &mut Vec<String>| -> Vec<Value> {
        list.iter()
            .map(|q| {
                let predicate = match &q.predicate {
                    QueryPredicate::Names(names) => json!(names),
                    QueryPredicate::Type(expr) => {
                        json!({ "expr": query_expr(text, expr, failures, &context), "forwardRef": expr.forward_ref })
                    }
                };
                json!({
                    "property": q.property,
                    "first": q.first,
                    "predicate": predicate,
                    "descendants": q.descendants,
                    "read": q.read.as_ref().map(|r| query_expr(text, r, failures, &context)),
                    "static": q.is_static,
                    "emitDistinctChangesOnly": q.emit_distinct_changes_only,
                    "isSignal": q.is_signal,
                })
            })
            .collect()
    };
    let pairs = |list: &[(String, String)]| -> Value {
        Value::Object(list.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
    };
    let attributes: Map<String, Value> = meta
        .host
        .attributes
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                match v {
                    StaticValue::String(s) => json!(s),
                    other => json!(format!("{other:?}")),
                },
            )
        })
        .collect();
    let host_directives: Vec<Value> = meta
        .host_directives
        .iter()
        .map(|h| {
            let name = match &h.directive {
                StaticValue::Symbol(s) => s.name.clone(),
                other => format!("{other:?}"),
            };
            let list = |l: &[(String, String)]| -> Vec<Value> { l.iter().map(|(a, b)| json!([a, b])).collect() };
            json!({ "directive": name, "forwardRef": h.is_forward_reference, "inputs": list(&h.inputs), "outputs": list(&h.outputs) })
        })
        .collect();
    json!({
        "selector": meta.selector,
        "exportAs": meta.export_as,
        "inputs": meta.inputs.iter().map(|i| json!({
            "property": i.property, "alias": i.alias, "required": i.required, "isSignal": i.is_signal,
            // ngc keeps the transform of decorator inputs only; a signal input's is in the signal.
            "transform": i.has_transform && !i.is_signal,
        })).collect::<Vec<_>>(),
        "outputs": meta.outputs.iter().map(|o| json!([o.property, o.alias])).collect::<Vec<_>>(),
        "queries": queries(&meta.queries, failures),
        "viewQueries": queries(&meta.view_queries, failures),
        "host": {
            "attributes": attributes,
            "listeners": pairs(&meta.host.listeners),
            "properties": pairs(&meta.host.properties),
            "classAttribute": meta.host.class_attribute,
            "styleAttribute": meta.host.style_attribute,
        },
        "hostDirectives": host_directives,
    })
}

fn analyse(work: &Path) -> (Vec<PathBuf>, Analysis<'static>) {
    analyse_with(work, false)
}

fn analyse_with(work: &Path, strict_metadata_emit: bool) -> (Vec<PathBuf>, Analysis<'static>) {
    let (paths, files) = program_files(work);
    static HOST: FsHost = FsHost;
    let options = AnalysisOptions { resolve: ResolveOptions::default(), strict_metadata_emit };
    (paths, analyze_with(files, options, &HOST))
}

fn check_project(name: &str, source: &Path) -> (usize, Vec<String>) {
    let work = prepare(name, source);
    let (ngc_diagnostics, declarations) = run_ngc(&work);
    assert!(ngc_diagnostics.is_empty(), "{name}: ngc reported errors: {ngc_diagnostics:?}");
    let (paths, analysis) = analyse(&work);
    // Diagnostics are not this test's concern (tests/apps.rs expects none in the apps).
    let mut failures: Vec<String> = Vec::new();
    let mut compared = 0;
    for declaration in &declarations {
        let file = declaration["file"].as_str().unwrap_or_default();
        let meta = &declaration["meta"];
        let class = meta["type"]["expr"].as_str().unwrap_or_default().to_string();
        let ts_path = work.join("src").join(file.replace(".js", ".ts"));
        let dts_path = work.join("out").join(file.replace(".js", ".d.ts"));
        let dts_text = std::fs::read_to_string(&dts_path).unwrap_or_default();
        let dts = ngc_reflector::dts::read_dts(&dts_path.to_string_lossy(), &dts_text);
        let dts_directive = dts.class(&class).and_then(|c| c.declaration.as_ref()).and_then(|d| d.directive()).cloned();
        let Some(index) = paths.iter().position(|p| *p == ts_path) else {
            failures.push(format!("{name}: no program file for {file}"));
            continue;
        };
        let ours = analysis.program.iter().find_map(|(symbol, d)| match d {
            Declaration::Directive(meta)
                if symbol.name == class && symbol.module == ngc_reflector::ModuleId::Program(index) =>
            {
                Some(meta)
            }
            _ => None,
        });
        let Some(ours) = ours else {
            failures.push(format!("{name}/{class}: not a directive for ngc-rs"));
            continue;
        };
        let text = std::fs::read_to_string(&ts_path).expect("source");
        let theirs = canonical_ngc(meta, dts_directive.as_ref());
        let mine = canonical_ours(ours, &text, &mut failures);
        compared += 1;
        if theirs != mine {
            let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
            let (t, m) = (pretty(&theirs), pretty(&mine));
            let first_difference = t.lines().zip(m.lines()).position(|(a, b)| a != b).unwrap_or(0);
            failures.push(format!(
                "{name}/{class}: differs from ngc at line {}\n--- ngc\n{t}\n--- ngc-rs\n{m}",
                first_difference + 1
            ));
        }
    }
    (compared, failures)
}

#[test]
fn directive_metadata_equals_ngc_declarations() {
    let mut projects: Vec<(String, PathBuf)> = ["signal-apis", "ivy-local-references"]
        .iter()
        .map(|name| (name.to_string(), repo().join("tests/fixtures/reflector").join(name)))
        .collect();
    let apps = repo().join("tests/fixtures/apps");
    let mut names: Vec<String> = std::fs::read_dir(&apps)
        .expect("apps dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("tsconfig.json").is_file())
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    names.sort();
    projects.extend(names.into_iter().map(|n| (format!("app-{n}"), apps.join(n))));
    let mut failures = Vec::new();
    let mut total = 0;
    for (name, dir) in &projects {
        let (compared, mut found) = check_project(name, dir);
        assert!(compared > 0, "{name}: ngc declared no directives");
        eprintln!("{name}: {compared} directives compared with ngc 22");
        total += compared;
        failures.append(&mut found);
    }
    eprintln!("directive metadata: {total} directives compared");
    assert!(failures.is_empty(), "{} differences from ngc 22:\n{}", failures.len(), failures.join("\n"));
}

/// ngc's errors (`file:line:column code message`) and ngc-rs's for the fixture `name` under
/// tests/fixtures/reflector, each sorted; only errors (ngc-rs's warnings are View Engine's
/// restrictions, which ngc does not have).
fn errors_of_both(name: &str) -> (Vec<String>, Vec<String>) {
    let work = prepare(name, &repo().join("tests/fixtures/reflector").join(name));
    let (ngc, _) = run_ngc(&work);
    let mut theirs: Vec<String> = ngc
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("NG")))
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d["file"].as_str().unwrap_or(""),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    let (_, analysis) = analyse(&work);
    let mut ours: Vec<String> = Vec::new();
    for d in analysis.diagnostics.iter().filter(|d| d.diagnostic.severity == ngc_diagnostics::Severity::Error) {
        let text = std::fs::read_to_string(&d.path).expect("source");
        let span = d.diagnostic.primary.as_ref().map(|l| l.span).unwrap_or_default();
        let at = ngc_diagnostics::LineIndex::new(&text).utf16_line_col(&text, span.start);
        let file = d.path.strip_prefix(&work).unwrap_or(&d.path).to_string_lossy().replace('\\', "/");
        ours.push(format!("{file}:{}:{} {} {}", at.line + 1, at.col + 1, d.diagnostic.code, d.diagnostic.message));
    }
    theirs.sort();
    ours.sort();
    (ours, theirs)
}

/// The signal-API errors of tests/fixtures/reflector/error-signal-apis (one per class, as ngc
/// stops analysing a class at its first) have ngc's codes, messages and positions.
#[test]
fn signal_api_errors_equal_ngc_diagnostics() {
    let (ours, theirs) = errors_of_both("error-signal-apis");
    assert!(theirs.len() >= 10, "ngc reported too few errors: {theirs:?}");
    assert_eq!(ours, theirs, "ngc-rs (left) and ngc 22 (right) report different errors");
    eprintln!("error-signal-apis: {} errors as ngc reports them", ours.len());
}

/// Needed values that cannot be determined statically or have the wrong type
/// (tests/fixtures/reflector/error-dynamic-values: NgModule lists, standalone imports,
/// selector, template, flags, enums, inputs, host, exportAs, pipe name) have ngc's codes,
/// messages and positions.
#[test]
fn needed_value_errors_equal_ngc_diagnostics() {
    let (ours, theirs) = errors_of_both("error-dynamic-values");
    assert!(theirs.len() >= 14, "ngc reported too few errors: {theirs:?}");
    assert_eq!(ours, theirs, "ngc-rs (left) and ngc 22 (right) report different errors");
    eprintln!("error-dynamic-values: {} errors as ngc reports them", ours.len());
}

/// A program ngc compiles although View Engine's metadata rules reject it
/// (tests/fixtures/reflector/view-engine-restrictions): no errors on either side, and ngc-rs
/// still tells about each restriction as a warning.
#[test]
fn view_engine_restrictions_are_not_errors() {
    let name = "view-engine-restrictions";
    let (ours, theirs) = errors_of_both(name);
    assert!(theirs.is_empty(), "ngc reported errors: {theirs:?}");
    assert!(ours.is_empty(), "ngc-rs reported errors: {ours:?}");
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("directive-meta").join(name).canonicalize().expect("work dir");
    let (_, analysis) = analyse(&work);
    let warnings: Vec<&str> = analysis.diagnostics.iter().map(|d| d.diagnostic.code).collect();
    for code in ["NGRS3001", "NGRS3003", "NGRS3005", "NGRS3007"] {
        assert!(warnings.contains(&code), "no {code} warning: {warnings:?}");
    }
    // With strictMetadataEmit, the same restrictions are errors.
    let (_, strict) = analyse_with(&work, true);
    let severities: Vec<_> = strict.diagnostics.iter().map(|d| (d.diagnostic.code, d.diagnostic.severity)).collect();
    assert_eq!(severities.len(), warnings.len(), "{severities:?}");
    assert!(severities.iter().all(|(_, s)| *s == ngc_diagnostics::Severity::Error), "{severities:?}");
}

/// Decorators that refer to module-local declarations, and non-exported decorated classes
/// (tests/fixtures/reflector/ivy-local-references), which View Engine's metadata cannot
/// represent and ngc 22 compiles: no errors on either side; each of View Engine's restrictions
/// is a warning, an error with strictMetadataEmit; none is reported inside non-exported classes.
#[test]
fn local_references_are_not_errors() {
    let name = "ivy-local-references";
    let (ours, theirs) = errors_of_both(name);
    assert!(theirs.is_empty(), "ngc reported errors: {theirs:?}");
    assert!(ours.is_empty(), "ngc-rs reported errors: {ours:?}");
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("directive-meta").join(name).canonicalize().expect("work dir");
    let (paths, analysis) = analyse(&work);
    let warnings: Vec<&str> = analysis.diagnostics.iter().map(|d| d.diagnostic.code).collect();
    for code in ["NGRS3002", "NGRS3003", "NGRS3004"] {
        assert!(warnings.contains(&code), "no {code} warning: {warnings:?}");
    }
    // Every class of the project is read, exported or not.
    let names: Vec<&str> = analysis.program.iter().map(|(s, _)| s.name.as_str()).collect();
    for class in ["BadgeComponent", "TrackDirective", "CardComponent", "HighlightDirective", "ShoutPipe", "ShellComponent"] {
        assert!(names.contains(&class), "{class} is not declared: {names:?}");
    }
    // The restrictions are found in exported classes only: CardComponent (not exported) refers to
    // BadgeComponent and TrackDirective, AppComponent to CardComponent and BadgeComponent.
    let app = paths.iter().position(|p| p.ends_with("app.component.ts")).expect("app.component.ts");
    let text = std::fs::read_to_string(&paths[app]).expect("source");
    let card_start = text.find("@Component({\n  selector: 'app-card'").expect("CardComponent");
    let card_end = text.find("@Component({\n  selector: 'app-root'").expect("AppComponent");
    let inside_card = analysis.diagnostics.iter().filter(|d| d.path == paths[app]).any(|d| {
        d.diagnostic.primary.as_ref().is_some_and(|l| (card_start as u32..card_end as u32).contains(&l.span.start))
    });
    assert!(!inside_card, "a restriction was reported inside the non-exported CardComponent");
    let (_, strict) = analyse_with(&work, true);
    let severities: Vec<_> = strict.diagnostics.iter().map(|d| (d.diagnostic.code, d.diagnostic.severity)).collect();
    assert_eq!(severities.len(), warnings.len(), "{severities:?}");
    assert!(severities.iter().all(|(_, s)| *s == ngc_diagnostics::Severity::Error), "{severities:?}");
}

/// Decorators whose whole argument View Engine's metadata replaced by an error node are read
/// through the Ivy metadata as ngc reads them: an unsupported expression form in the template is
/// ngc's NG1010 at the same place (tests/fixtures/reflector/error-expression-form), a
/// non-exported directive declared by an NgModule is no error (error-non-exported).
#[test]
fn unrepresentable_decorators_have_ngc_errors() {
    for name in ["error-expression-form", "error-non-exported"] {
        let (ours, theirs) = errors_of_both(name);
        assert_eq!(ours, theirs, "{name}: ngc-rs (left) and ngc 22 (right) report different errors");
    }
    let (_, theirs) = errors_of_both("error-expression-form");
    assert_eq!(theirs.len(), 1, "ngc reported: {theirs:?}");
}
