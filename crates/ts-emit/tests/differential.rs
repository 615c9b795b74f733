//! Differential test against tsc (TypeScript 6.0.3 from tests/oracles/ng22): every file of the
//! corpus under tests/fixtures/ts-emit/corpus and of the collector's fixtures under
//! tests/fixtures/collector (one program per directory, with the directory's tsconfig.json over
//! ES2022 defaults) and every source file of the example apps under
//! tests/fixtures/apps (with each app's tsconfig.json) is emitted by `oracle.mjs` with a full
//! `ts.createProgram(...).emit()` and by ngc-ts-emit, and the two are compared token by token
//! (`ngc_output::js_tokens::first_difference`: comments and formatting do not count).
//!
//! Angular's decorators (callees imported from `@angular/core`) are removed on both sides: by a
//! `before` transformer in the oracle, after the checker has seen them, as ngc removes them; by
//! [`Edits::remove_decorators`] here. So the comparison covers exactly the TypeScript-to-
//! JavaScript step the Angular transform builds on (user code, import elision counting the
//! decorators' uses), without Angular's generated definitions, which are not this crate's.
//!
//! Every emitted file must also parse as JavaScript (swc) and be byte-identical when emitted
//! again.
//!
//! Known differences are listed with their reasons in tests/fixtures/ts-emit/accepted-differences.txt
//! (`<file key>  <reason>` per line). The test fails on any unlisted difference, and on a listed
//! file that now matches (remove it from the list). It prints the pass count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_output::js_tokens::first_difference;
use ngc_ts_emit::{emit, parse, EmitOptions, EnumValue, ImportKind, ParsedFile, ProgramFacts, Target};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn oracle(args: &[&str]) -> BTreeMap<String, Option<String>> {
    let ts = repo().join("tests/oracles/ng22/node_modules/typescript");
    assert!(ts.is_dir(), "the TypeScript oracle is not installed: run `scripts/test`, which installs tests/oracles/*");
    let script = repo().join("tests/fixtures/ts-emit/oracle.mjs");
    let output =
        Command::new("node").arg(&script).args(args).output().expect("node must be installed: run `scripts/test`");
    assert!(output.status.success(), "the oracle failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("oracle JSON");
    json.as_object().expect("oracle object").iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_string))).collect()
}

/// The compiler options of a tsconfig.json's `compilerOptions` that change emit.
fn options_from(config: &serde_json::Value, defaults: EmitOptions) -> EmitOptions {
    let mut o = defaults;
    let opts = &config["compilerOptions"];
    if let Some(t) = opts["target"].as_str().and_then(Target::parse) {
        o.target = t;
    }
    let flag = |name: &str| opts[name].as_bool();
    if let Some(v) = flag("useDefineForClassFields") {
        o.use_define_for_class_fields = Some(v);
    }
    if let Some(v) = flag("experimentalDecorators") {
        o.experimental_decorators = v;
    }
    if let Some(v) = flag("verbatimModuleSyntax") {
        o.verbatim_module_syntax = v;
    }
    if let Some(v) = flag("isolatedModules") {
        o.isolated_modules = v;
    }
    if let Some(v) = flag("importHelpers") {
        o.import_helpers = v;
    }
    if let Some(v) = flag("preserveConstEnums") {
        o.preserve_const_enums = v;
    }
    if let Some(v) = flag("alwaysStrict").or(flag("strict")) {
        o.always_strict = v;
    }
    o
}

/// Reads a tsconfig.json with comments and trailing commas.
fn read_tsconfig(path: &Path) -> serde_json::Value {
    let Ok(text) = std::fs::read_to_string(path) else {
        return serde_json::json!({});
    };
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    let cleaned = out.replace(",\n}", "\n}").replace(",\n]", "\n]");
    let re_trailing = |s: &str| {
        let mut r = String::new();
        let chars: Vec<char> = s.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == ',' {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if matches!(next, Some('}') | Some(']')) {
                    continue;
                }
            }
            r.push(c);
        }
        r
    };
    serde_json::from_str(&re_trailing(&cleaned)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ts_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            ts_files(&p, out);
        } else if p.to_string_lossy().ends_with(".ts") && !p.to_string_lossy().ends_with(".d.ts") {
            out.push(p);
        }
    }
}

/// The other files of the program, answering what tsc's checker knows.
struct Program {
    files: BTreeMap<PathBuf, ParsedFile>,
}

impl Program {
    fn resolve(&self, from: &Path, module: &str) -> Option<&ParsedFile> {
        if !module.starts_with('.') {
            return None;
        }
        let base = from.parent()?.join(module);
        let candidates = [base.with_extension("ts"), base.join("index.ts")];
        candidates.iter().find_map(|c| self.files.get(&normalize(c)))
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

struct Facts<'p> {
    program: &'p Program,
    file: &'p Path,
}

impl ProgramFacts for Facts<'_> {
    fn is_value(&self, module: &str, name: &str) -> Option<bool> {
        let target = self.program.resolve(self.file, module)?;
        target.exported_value(name)
    }

    fn const_enum_member(&self, module: &str, name: &str, member: &str) -> Option<EnumValue> {
        let target = self.program.resolve(self.file, module)?;
        target.exported_const_enum_member(name, member)
    }

    fn enum_member(&self, module: &str, name: &str, member: &str) -> Option<EnumValue> {
        let target = self.program.resolve(self.file, module)?;
        target.exported_enum_member(name, member)
    }
}

/// Emits one file the way the comparison needs: Angular's decorators removed.
fn emit_file(program: &Program, path: &Path, options: &EmitOptions) -> Result<String, String> {
    let file = program.files.get(path).ok_or("not parsed")?;
    let angular: Vec<String> = file
        .imports()
        .into_iter()
        .filter(|i| i.module == "@angular/core")
        .filter_map(|i| match i.kind {
            ImportKind::Named { .. } => Some(i.local),
            _ => None,
        })
        .collect();
    let mut edits = ngc_ts_emit::Edits::default();
    for class in file.classes() {
        let mut all: Vec<&ngc_ts_emit::DecoratorInfo> = class.decorators.iter().collect();
        all.extend(class.members.iter().flat_map(|m| m.decorators.iter().chain(m.parameters.iter().map(|p| &p.1))));
        if let Some(params) = &class.constructor {
            all.extend(params.iter().flat_map(|p| p.decorators.iter()));
        }
        for d in all {
            if d.namespace.is_none() && d.name.as_ref().is_some_and(|n| angular.contains(n)) {
                edits.remove_decorators.push(d.span);
            }
        }
    }
    let emitted = emit(file, options, &edits, &Facts { program, file: path });
    if let Some(d) = emitted.diagnostics.iter().find(|d| d.is_error()) {
        return Err(format!("{}: {}", d.code, d.message));
    }
    Ok(emitted.code)
}

/// The first syntax error of `code` parsed as a JavaScript module.
fn js_syntax_error(code: &str) -> Option<String> {
    use swc_common::input::StringInput;
    use swc_common::BytePos;
    let end = BytePos(1 + code.len() as u32);
    let mut parser = swc_ecma_parser::Parser::new(
        swc_ecma_parser::Syntax::Es(Default::default()),
        StringInput::new(code, BytePos(1), end),
        None,
    );
    let parsed = parser.parse_module();
    let errors = parser.take_errors();
    match parsed {
        Err(e) => Some(e.kind().msg().to_string()),
        Ok(_) => errors.first().map(|e| e.kind().msg().to_string()),
    }
}

/// Emitted JavaScript must parse as JavaScript (unless tsc's own output does not: tsc prints
/// `(-x as number) ** 2` as `-x ** 2`), and emitting twice gives the same bytes.
fn check_output(
    key: &str,
    program: &Program,
    path: &Path,
    options: &EmitOptions,
    tsc: &str,
    code: &str,
) -> Result<(), String> {
    if let Some(error) = js_syntax_error(code) {
        if js_syntax_error(tsc).is_none() {
            return Err(format!("{key}: the emitted JavaScript does not parse: {error}"));
        }
    }
    match emit_file(program, path, options) {
        Ok(again) if again == code => Ok(()),
        _ => Err(format!("{key}: emitting twice gives different output")),
    }
}

struct Outcome {
    passed: Vec<String>,
    failed: BTreeMap<String, String>,
}

fn compare(
    expected: &BTreeMap<String, Option<String>>,
    program: &Program,
    key_of: impl Fn(&Path) -> String,
    label_prefix: &str,
    options: &EmitOptions,
    outcome: &mut Outcome,
) {
    for path in program.files.keys() {
        let oracle_key = key_of(path);
        let key = format!("{label_prefix}{oracle_key}");
        let Some(Some(tsc)) = expected.get(&oracle_key) else {
            outcome.failed.insert(key, "tsc emitted nothing for this file".into());
            continue;
        };
        match emit_file(program, path, options) {
            Ok(ours) => match first_difference(tsc, &ours) {
                None => match check_output(&key, program, path, options, tsc, &ours) {
                    Ok(()) => outcome.passed.push(key),
                    Err(e) => {
                        outcome.failed.insert(key, e);
                    }
                },
                Some(diff) => {
                    outcome.failed.insert(key, format!("{diff}\n--- tsc:\n{tsc}\n--- ngc-ts-emit:\n{ours}"));
                }
            },
            Err(e) => {
                outcome.failed.insert(key, e);
            }
        }
    }
}

fn load_program(files: &[PathBuf]) -> Program {
    let mut map = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(f).expect("read source");
        match parse(&f.to_string_lossy(), &text) {
            Ok(parsed) => {
                map.insert(normalize(f), parsed);
            }
            Err(d) => panic!("{} does not parse: {:?}", f.display(), d),
        }
    }
    Program { files: map }
}

fn accepted() -> BTreeMap<String, String> {
    let path = repo().join("tests/fixtures/ts-emit/accepted-differences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((k, reason)) => (k.to_string(), reason.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// Every subdirectory of `dir` is one program (see oracle.mjs `corpus`).
fn run_corpus(dir: &Path, label: &str, outcome: &mut Outcome) {
    let expected = oracle(&["corpus", &dir.to_string_lossy()]);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir).expect("corpus").map(|e| e.expect("entry").path()).collect();
    cases.sort();
    for case in cases.into_iter().filter(|p| p.is_dir()) {
        let defaults = EmitOptions { experimental_decorators: true, ..EmitOptions::default() };
        let options = options_from(&read_tsconfig(&case.join("tsconfig.json")), defaults);
        let mut files = Vec::new();
        ts_files(&case, &mut files);
        let program = load_program(&files);
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let case_dir = normalize(&case);
        compare(
            &expected,
            &program,
            |p| format!("{name}/{}", p.strip_prefix(&case_dir).unwrap_or(p).to_string_lossy()),
            label,
            &options,
            outcome,
        );
    }
}

#[test]
fn emit_matches_tsc() {
    let root = repo();
    let mut outcome = Outcome { passed: Vec::new(), failed: BTreeMap::new() };

    run_corpus(&root.join("tests/fixtures/ts-emit/corpus"), "", &mut outcome);
    // The collector's fixtures: a few hundred more small programs, Angular-style.
    run_corpus(&root.join("tests/fixtures/collector"), "collector/", &mut outcome);

    let mut apps: Vec<PathBuf> =
        std::fs::read_dir(root.join("tests/fixtures/apps")).expect("apps").map(|e| e.expect("entry").path()).collect();
    apps.sort();
    apps.retain(|p| p.join("tsconfig.json").is_file());
    let tsconfigs: Vec<String> = apps.iter().map(|a| a.join("tsconfig.json").to_string_lossy().into_owned()).collect();
    let mut args = vec!["project"];
    args.extend(tsconfigs.iter().map(String::as_str));
    let expected = oracle(&args);
    for app in apps {
        let tsconfig = app.join("tsconfig.json");
        let options = options_from(&read_tsconfig(&tsconfig), EmitOptions::default());
        let mut files = Vec::new();
        ts_files(&app.join("src"), &mut files);
        let program = load_program(&files);
        let name = app.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let app_dir = normalize(&app);
        compare(
            &expected,
            &program,
            |p| format!("{name}/{}", p.strip_prefix(&app_dir).unwrap_or(p).to_string_lossy()),
            "apps/",
            &options,
            &mut outcome,
        );
    }

    let accepted = accepted();
    let total = outcome.passed.len() + outcome.failed.len();
    println!("ts-emit differential: {}/{} files match tsc", outcome.passed.len(), total);
    let mut problems = Vec::new();
    for (key, diff) in &outcome.failed {
        if !accepted.contains_key(key) {
            problems.push(format!("{key}: differs from tsc:\n{diff}"));
        }
    }
    for key in accepted.keys() {
        if outcome.passed.contains(key) {
            problems.push(format!("{key}: listed in accepted-differences.txt but now matches tsc: remove it"));
        } else if !outcome.failed.contains_key(key) {
            problems.push(format!("{key}: listed in accepted-differences.txt but not in the corpus"));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n\n{}", problems.len(), problems.join("\n\n"));
}
