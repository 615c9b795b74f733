//! Expression lowering in the JavaScript `ngc-rs build` writes beside View Engine metadata,
//! against ngc 8 (tests/oracles/ng8) and ngc 22 (tests/oracles/ng22), on tests/fixtures/lowering:
//!
//! - with `--emit-metadata`, every `.metadata.json` equals Angular 8.2.14's collector output with
//!   its lowering (`collect.js --lower`), and the lowering in each `.js` file — the
//!   `const ɵN = …;` statements, the statement each one stands before or after, and the final
//!   `export { … };` — has the tokens ngc 8's own lowering transform gives the same file
//!   (`lower.js`; View Engine's class emit differs, so only these statements are compared);
//! - the output, bundled with esbuild and run with node on @angular/core 22, exports every `ɵN`
//!   its metadata names, with the values the source wrote, the Ivy definitions refer to them,
//!   and the NgModule's injector gives the providers' values;
//! - without metadata, the JavaScript has ngc 22's tokens (nothing lowered);
//! - with `strictMetadataEmit`, the lambdas are errors, as ngc 8 reports them, with a help
//!   that says to export a named function.
//!
//! The work directory is `<CARGO_TARGET_TMPDIR>/lowering/` (left for inspection).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use ngc_output::js_tokens::{first_difference, tokenize};
use serde_json::Value;
use swc_ecma_ast::{Decl, ModuleDecl, ModuleItem, Pat, Stmt, VarDeclKind};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("repository root")
}

fn ng8() -> PathBuf {
    let dir = repo().join("tests/oracles/ng8");
    assert!(
        dir.join("node_modules/@angular/compiler-cli").is_dir(),
        "the Angular 8 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    dir
}

fn ng22() -> PathBuf {
    let dir = repo().join("tests/oracles/ng22");
    assert!(
        dir.join("node_modules/@angular/compiler-cli").is_dir() && dir.join("node_modules/esbuild").is_dir(),
        "the Angular 22 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    dir
}

/// The fixture's sources, relative to its `src/`.
const SOURCES: &[&str] = &[
    "app/app.module.ts",
    "app/app.routes.ts",
    "app/home.component.ts",
    "app/http.ts",
    "app/lazy.module.ts",
    "app/routing.module.ts",
    "app/tokens.ts",
];

/// A copy of the fixture with `node_modules` linked to the Angular 22 oracle's, built by ngc-rs
/// with `--emit-metadata` into `out/` (once per test run).
fn work() -> &'static Path {
    static WORK: OnceLock<PathBuf> = OnceLock::new();
    WORK.get_or_init(|| {
        let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lowering");
        let _ = std::fs::remove_dir_all(&work);
        let fixture = repo().join("tests/fixtures/lowering");
        common::write(&work, "tsconfig.json", std::fs::read(fixture.join("tsconfig.json")).expect("tsconfig"));
        for source in SOURCES {
            let text = std::fs::read(fixture.join("src").join(source)).expect("fixture source");
            common::write(&work, &format!("src/{source}"), text);
        }
        symlink_dir(&ng22().join("node_modules"), &work.join("node_modules"));
        common::ngc(&work, &["build", "-p", ".", "--emit-metadata"]).expect_code(0);
        work
    })
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("link node_modules");
}

#[cfg(windows)]
fn symlink_dir(target: &Path, link: &Path) {
    std::os::windows::fs::symlink_dir(target, link).expect("link node_modules");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// `out/<source>` with `.ts` replaced by `ext`.
fn output(source: &str, ext: &str) -> PathBuf {
    work().join("out").join(source.replace(".ts", ext))
}

/// Runs `node SCRIPT ARGS` in the work directory and parses its JSON output.
fn node_json(script: &Path, args: &[&str]) -> Value {
    let run = Command::new("node").arg(script).args(args).current_dir(work()).output().expect("node must be installed");
    assert!(run.status.success(), "{} failed: {}", script.display(), String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("{} printed no JSON: {e}", script.display()))
}

/// The `ɵN` entries of a written metadata file, with their metadata.
fn lowered_entries(source: &str) -> BTreeMap<String, Value> {
    let metadata: Value = serde_json::from_str(&read(&output(source, ".metadata.json"))).expect("metadata JSON");
    let entries = metadata[0]["metadata"].as_object().cloned().unwrap_or_default();
    entries.into_iter().filter(|(name, _)| is_lowered_name(name)).collect()
}

fn is_lowered_name(name: &str) -> bool {
    name.strip_prefix('ɵ').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn metadata_equals_ngc8() {
    let sources: Vec<String> = SOURCES.iter().map(|s| format!("src/{s}")).collect();
    let args: Vec<&str> = std::iter::once("--lower").chain(sources.iter().map(String::as_str)).collect();
    let oracle = node_json(&ng8().join("collect.js"), &args);
    let mut lowered = 0;
    for (source, path) in SOURCES.iter().zip(&sources) {
        let expected = &oracle[path.as_str()]["metadata"];
        assert!(expected.is_object(), "ngc 8 collected nothing for {path}: {}", oracle[path.as_str()]);
        // ngc 8 wrote `JSON.stringify([metadata])`: compare bytes.
        let ours = read(&output(source, ".metadata.json"));
        assert_eq!(ours, format!("[{}]", serde_json::to_string(expected).expect("JSON")), "{source} differs from ngc 8");
        lowered += lowered_entries(source).len();
    }
    // The fixture lowers in five files: the test must not pass vacuously.
    assert!(lowered >= 10, "only {lowered} lowered entries");
}

/// The lowering of a file: each `const ɵN = …;` statement (its tokens) with the name declared by
/// the statement it stands before (or after, for `const ɵN = variable;`), then the `export { ɵ… }`
/// clause.
fn lowering_shape(js: &str) -> Vec<String> {
    let file = ngc_ts_emit::parse("out.js", js).unwrap_or_else(|d| panic!("emitted JavaScript does not parse: {d:?}\n{js}"));
    let text = |item: &ModuleItem| {
        let span = file.span(swc_common::Spanned::span(item));
        tokenize(&js[span.start as usize..span.end as usize]).iter().map(|t| t.text.clone()).collect::<Vec<_>>().join(" ")
    };
    let items = &file.module.body;
    let mut shape = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if is_lowering_const(item) {
            let is_alias = matches!(item, ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) if v.decls.iter().all(|d| matches!(d.init.as_deref(), Some(swc_ecma_ast::Expr::Ident(_)))));
            let anchor = if is_alias {
                format!("after {}", items[..i].iter().rev().find(|s| !is_lowering_const(s)).map_or("-".into(), declared_name))
            } else {
                format!("before {}", items[i + 1..].iter().find(|s| !is_lowering_const(s)).map_or("-".into(), declared_name))
            };
            shape.push(format!("{anchor}: {}", text(item)));
        } else if let ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) = item {
            let names: Vec<String> = named
                .specifiers
                .iter()
                .map(|s| match s {
                    swc_ecma_ast::ExportSpecifier::Named(n) => match &n.orig {
                        swc_ecma_ast::ModuleExportName::Ident(i) => i.sym.to_string(),
                        swc_ecma_ast::ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
                    },
                    _ => String::new(),
                })
                .collect();
            if !names.is_empty() && names.iter().all(|n| is_lowered_name(n)) {
                let last = if i + 1 == items.len() { "last" } else { "not last" };
                shape.push(format!("{last}: {}", text(item)));
            }
        }
    }
    shape
}

fn is_lowering_const(item: &ModuleItem) -> bool {
    let ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) = item else { return false };
    var.kind == VarDeclKind::Const
        && var.decls.iter().all(|d| matches!(&d.name, Pat::Ident(b) if is_lowered_name(&b.id.sym)))
}

/// The name a statement declares (a class, function or the first variable), or `-`.
fn declared_name(item: &ModuleItem) -> String {
    let decl = match item {
        ModuleItem::Stmt(Stmt::Decl(decl)) => decl,
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => &export.decl,
        _ => return "-".into(),
    };
    match decl {
        Decl::Class(c) => c.ident.sym.to_string(),
        Decl::Fn(f) => f.ident.sym.to_string(),
        Decl::Var(v) => match v.decls.first().map(|d| &d.name) {
            Some(Pat::Ident(b)) => b.id.sym.to_string(),
            _ => "-".into(),
        },
        _ => "-".into(),
    }
}

#[test]
fn javascript_lowering_equals_ngc8() {
    let sources: Vec<String> = SOURCES.iter().map(|s| format!("src/{s}")).collect();
    let args: Vec<&str> = sources.iter().map(String::as_str).collect();
    let oracle = node_json(&ng8().join("lower.js"), &args);
    let mut statements = 0;
    for (source, path) in SOURCES.iter().zip(&sources) {
        let ngc8 = oracle[path.as_str()].as_str().unwrap_or_else(|| panic!("ngc 8 emitted nothing for {path}"));
        let ours = read(&output(source, ".js"));
        let (expected, actual) = (lowering_shape(ngc8), lowering_shape(&ours));
        assert_eq!(actual, expected, "the lowering of {source} differs from ngc 8's\n--- ngc-rs:\n{ours}\n--- ngc 8:\n{ngc8}");
        // Every `ɵN` of the metadata is declared and exported; nothing else is.
        let entries = lowered_entries(source);
        if entries.is_empty() {
            assert!(actual.is_empty(), "{source}: lowering without lowered metadata: {actual:?}");
        } else {
            let export = actual.last().expect("an export clause");
            let exported: Vec<&str> = export.split(['{', '}', ',', ' ']).filter(|n| is_lowered_name(n)).collect();
            let mut sorted = exported.clone();
            sorted.sort();
            assert_eq!(sorted, entries.keys().map(String::as_str).collect::<Vec<_>>(), "{source}: {export}");
        }
        statements += actual.len();
    }
    assert!(statements >= 9, "only {statements} lowering statements");
}

/// The node script that loads the bundled output with @angular/core and reports on each
/// module's `ɵN` exports.
const CHECK: &str = r#"
import '@angular/compiler';
import { createNgModule } from '@angular/core';
import * as appModule from './out/app/app.module.js';
import * as appRoutes from './out/app/app.routes.js';
import * as home from './out/app/home.component.js';
import * as http from './out/app/http.js';
import * as lazy from './out/app/lazy.module.js';
import * as routing from './out/app/routing.module.js';
import * as tokens from './out/app/tokens.js';

const modules = {
  'app/app.module.ts': appModule, 'app/app.routes.ts': appRoutes, 'app/home.component.ts': home,
  'app/http.ts': http, 'app/lazy.module.ts': lazy, 'app/routing.module.ts': routing, 'app/tokens.ts': tokens,
};
const lowered = (name) => /^ɵ\d+$/.test(name);
// Whether `target` can be reached from `root` through own data properties (class statics too).
function reaches(root, target) {
  const seen = new Set();
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === target) return true;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return false;
}
const report = { modules: {} };
for (const [file, m] of Object.entries(modules)) {
  const names = Object.keys(m).filter(lowered).sort();
  const others = Object.keys(m).filter((n) => !lowered(n)).map((n) => m[n]);
  report.modules[file] = Object.fromEntries(names.map((n) => [n, {
    type: typeof m[n],
    json: typeof m[n] === 'function' ? null : JSON.stringify(m[n]),
    referenced: others.some((o) => reaches(o, m[n])),
  }]));
}
const injector = createNgModule(appModule.AppModule).injector;
report.injector = {
  service: injector.get(appModule.Service).origin,
  config: injector.get(tokens.CONFIG),
  api: injector.get(tokens.API),
  logger: injector.get(tokens.LOGGER) instanceof tokens.Logger ? injector.get(tokens.LOGGER).prefix : null,
  flags: injector.get(tokens.FLAGS),
};
const functions = Object.keys(appModule).filter(lowered).map((n) => appModule[n]).filter((f) => typeof f === 'function');
report.makeLogger = functions.map((f) => { try { const r = f('x'); return r instanceof tokens.Logger ? r.prefix : null; } catch (e) { return null; } });
report.homeFactory = Object.keys(home).filter(lowered).map((n) => home[n]());
report.lazy = (await appRoutes.ROUTES[1].loadChildren()) === lazy.LazyModule;
process.stdout.write(JSON.stringify(report));
"#;

#[test]
fn emitted_modules_export_the_lowered_values_and_run() {
    let work = work();
    common::write(work, "check.mjs", CHECK);
    let esbuild = ng22().join("node_modules/esbuild/bin/esbuild");
    let bundle = Command::new(&esbuild)
        .args(["check.mjs", "--bundle", "--format=esm", "--platform=node", "--log-level=error", "--outfile=check.bundle.mjs"])
        .current_dir(work)
        .output()
        .expect("run esbuild");
    assert!(bundle.status.success(), "esbuild failed: {}", String::from_utf8_lossy(&bundle.stderr));
    let report = node_json(&work.join("check.bundle.mjs"), &[]);

    let shape_of = |source: &str| lowering_shape(&read(&output(source, ".js")));
    for source in SOURCES {
        let exported = report["modules"][*source].as_object().cloned().unwrap_or_default();
        let entries = lowered_entries(source);
        // The metadata's references resolve to the module's exports.
        assert_eq!(exported.keys().collect::<Vec<_>>(), entries.keys().collect::<Vec<_>>(), "{source}: exports");
        let aliases: Vec<String> = shape_of(source).into_iter().filter(|s| s.starts_with("after ")).collect();
        for (name, metadata) in &entries {
            let value = &exported[name];
            if metadata["__symbolic"] == "error" {
                // A lambda: ngc 8's metadata could not represent it.
                assert_eq!(metadata["message"], "Lambda not supported", "{source} {name}");
                assert_eq!(value["type"], "function", "{source} {name}: {value}");
            } else if !metadata.to_string().contains("__symbolic") {
                // Plain data: the value is what the metadata says.
                let json: Value = serde_json::from_str(value["json"].as_str().expect("JSON")).expect("JSON");
                assert_eq!(&json, metadata, "{source} {name}");
            }
            // The Ivy definitions and the route array use the exported value itself; a variable's
            // alias (`const ɵN = makeLogger;`) is the variable, which nothing exported refers to.
            let alias = aliases.iter().any(|a| a.contains(&format!("const {name} =")));
            assert_eq!(value["referenced"], !alias, "{source} {name}: referenced from the module's exports");
        }
    }
    assert_eq!(
        report["injector"],
        serde_json::json!({"service": "factory", "config": {"a": 1}, "api": "GET /api", "logger": "app", "flags": ["x", "y"]}),
    );
    // `makeLogger` is exported as its alias: of the module's lowered functions, it alone makes a Logger.
    let loggers: Vec<&Value> = report["makeLogger"].as_array().expect("array").iter().filter(|v| !v.is_null()).collect();
    assert_eq!(loggers, [&serde_json::json!("x")]);
    assert_eq!(report["homeFactory"], serde_json::json!(["home"]));
    assert_eq!(report["lazy"], true);
}

#[test]
fn without_metadata_the_javascript_equals_ngc22() {
    let work = work();
    let ngc_out = work.join("out-ngc");
    let run = Command::new("node")
        .arg(ng22().join("node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js"))
        .args(["-p", "tsconfig.json", "--outDir"])
        .arg(&ngc_out)
        .current_dir(work)
        .output()
        .expect("run ngc");
    assert!(run.status.success(), "ngc failed: {}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    common::ngc(work, &["build", "-p", ".", "--outDir", "out-plain"]).expect_code(0);
    for source in SOURCES {
        let name = source.replace(".ts", ".js");
        let expected = read(&ngc_out.join(&name));
        let actual = read(&work.join("out-plain").join(&name));
        if let Some(diff) = first_difference(&expected, &actual) {
            panic!("{name} differs from ngc 22: {diff}");
        }
        assert!(!actual.contains("ɵ0"), "{name} is lowered without metadata");
        assert!(!work.join("out-plain").join(source.replace(".ts", ".metadata.json")).exists());
    }
}

#[test]
fn strict_metadata_emit_rejects_the_lambdas_as_ngc8_does() {
    let work = work();
    let oracle = node_json(&ng8().join("collect.js"), &["--strict", "--lower", "src/app/app.module.ts"]);
    let message = oracle["src/app/app.module.ts"]["error"].as_str().expect("ngc 8 rejects the file");
    assert!(message.contains("Lambda not supported"), "{message}");
    // ngc 8 stops at the first error: `<file>:<line>:<column>: Metadata collected contains an error`.
    let location = message
        .split("src/app/app.module.ts:")
        .find_map(|part| part.split_once(": Metadata collected contains an error").map(|(at, _)| at))
        .unwrap_or_else(|| panic!("no location in {message}"));
    let run = common::ngc(work, &["build", "-p", ".", "--emit-metadata", "--strict-metadata-emit", "--outDir", "out-strict"]);
    run.expect_code(1);
    run.expect_stderr(&[
        "NGRS1101",
        &format!("src/app/app.module.ts:{location}]"),
        "export a named function (`export function factory() { ... }`) and reference it here by name",
    ]);
    assert!(!work.join("out-strict").exists(), "a failed build writes nothing");
}
