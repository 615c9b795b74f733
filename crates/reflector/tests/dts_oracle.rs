//! Differential test of `ngc_reflector::dts` against the runtime definitions of
//! @angular/common, @angular/forms and @angular/router 22.2.
//!
//! tests/fixtures/dts/runtime-defs.mjs loads every entry point of the three packages in node
//! (JIT-compiling their partial declarations) and prints, for every exported directive,
//! component, pipe and NgModule, a normalised record of its compiled definition. This test
//! reads the same entry points' `.d.ts` files with `read_dts` — following `export ... from`
//! and imports across the chunk files, as a module resolver would — builds the same records
//! from the Ivy declaration types, and compares every class and every field.
//!
//! Inputs and outputs of the runtime definitions include those inherited from base directives
//! (`ɵɵInheritDefinitionFeature`); the `.d.ts` declares only a class's own, so the test merges
//! the declarations along the `extends` chain, as Angular's compiler does for library classes.
//!
//! Differences that cannot be avoided are listed in tests/fixtures/dts/accepted-differences.txt
//! as `<entry> <export> <field> -- <reason>`; a listed difference that no longer occurs fails
//! the test, so the list stays true. The oracle is required: without `node` or
//! tests/oracles/ng22/node_modules the test fails (run `scripts/test`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use ngc_reflector::dts::{read_dts, DtsClass, DtsExport, DtsModule, ImportBinding, IvyDeclaration, TypeRef};
use serde_json::{json, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures").join("dts")
}

fn node_modules() -> PathBuf {
    repo().join("tests").join("oracles").join("ng22").join("node_modules")
}

/// Fails (never skips) when the oracle cannot run.
fn require_oracle() {
    for pkg in ["@angular/core", "@angular/compiler", "@angular/common", "@angular/forms", "@angular/router"] {
        let manifest = node_modules().join(pkg).join("package.json");
        assert!(
            manifest.is_file(),
            "the Angular 22 oracle is not installed ({} is missing): run `scripts/test`, which installs the oracles",
            manifest.display()
        );
    }
    let node_ok = Command::new("node").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    assert!(node_ok, "`node` is not available: install Node.js and run `scripts/test`, which installs the oracles");
}

fn run_oracle() -> Value {
    let script = fixtures().join("runtime-defs.mjs");
    let out = Command::new("node").arg(&script).output().unwrap_or_else(|e| panic!("cannot run node: {e}"));
    assert!(out.status.success(), "{} failed:\n{}", script.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("the oracle printed invalid JSON: {e}"))
}

/// Lexically normalised path (`a/./b/../c` → `a/c`).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The `.d.ts` files of the installed packages, read on demand, and name resolution across
/// them: just enough module resolution for these packages (relative `./x.js` specifiers and
/// bare specifiers through `package.json` `exports`/`typings`).
struct Program {
    files: HashMap<PathBuf, DtsModule>,
}

/// A class found by resolution: the file declaring it and its name there.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ClassId {
    file: PathBuf,
    name: String,
}

impl Program {
    fn module(&mut self, path: &Path) -> &DtsModule {
        self.files.entry(path.to_path_buf()).or_insert_with(|| {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            read_dts(&path.to_string_lossy(), &text)
        })
    }

    fn resolve_specifier(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        if specifier.starts_with('.') {
            let base = from.parent()?.join(specifier);
            let s = base.to_string_lossy().to_string();
            let stem = s.strip_suffix(".js").or_else(|| s.strip_suffix(".mjs")).unwrap_or(&s);
            let candidate = normalise(Path::new(&format!("{stem}.d.ts")));
            return candidate.is_file().then_some(candidate);
        }
        let mut parts = specifier.splitn(3, '/');
        let first = parts.next()?;
        let (pkg, sub) = if first.starts_with('@') {
            let second = parts.next()?;
            (format!("{first}/{second}"), parts.next().map(str::to_string))
        } else {
            let rest: Vec<&str> = parts.collect();
            (first.to_string(), (!rest.is_empty()).then(|| rest.join("/")))
        };
        let dir = node_modules().join(&pkg);
        let manifest: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).ok()?).ok()?;
        let key = match &sub {
            Some(s) => format!("./{s}"),
            None => ".".to_string(),
        };
        let types = manifest
            .get("exports")
            .and_then(|e| e.get(&key))
            .and_then(|t| t.get("types"))
            .or_else(|| if sub.is_none() { manifest.get("typings").or_else(|| manifest.get("types")) } else { None })?
            .as_str()?
            .to_string();
        let path = normalise(&dir.join(types));
        path.is_file().then_some(path)
    }

    /// The class exported from `file` as `name`, following re-exports and imports.
    fn export(&mut self, file: &Path, name: &str, depth: usize) -> Option<ClassId> {
        if depth > 32 {
            return None;
        }
        let exports = self.module(file).exports.clone();
        for export in &exports {
            match export {
                DtsExport::Local { local, exported } if exported == name => return self.local(file, local, depth + 1),
                DtsExport::From { module, names: Some(names) } => {
                    if let Some((orig, _)) = names.iter().find(|(_, e)| e == name) {
                        let target = self.resolve_specifier(file, module)?;
                        return self.export(&target, orig, depth + 1);
                    }
                }
                _ => {}
            }
        }
        for export in &exports {
            if let DtsExport::From { module, names: None } = export {
                if name == "default" {
                    continue;
                }
                if let Some(target) = self.resolve_specifier(file, module) {
                    if let Some(found) = self.export(&target, name, depth + 1) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    /// The class a name used in `file` refers to.
    fn local(&mut self, file: &Path, local: &str, depth: usize) -> Option<ClassId> {
        let module = self.module(file);
        if module.class(local).is_some() {
            return Some(ClassId { file: file.to_path_buf(), name: local.to_string() });
        }
        let binding = module.import(local)?.binding.clone();
        match binding {
            ImportBinding::Named { module, name } => {
                let target = self.resolve_specifier(file, &module)?;
                self.export(&target, &name, depth + 1)
            }
            ImportBinding::Default { module } => {
                let target = self.resolve_specifier(file, &module)?;
                self.export(&target, "default", depth + 1)
            }
            ImportBinding::Namespace { .. } => None,
        }
    }

    /// The class a `typeof X` / `typeof ns.X` (or `extends`) in `file` refers to.
    fn type_ref(&mut self, file: &Path, r: &TypeRef) -> Option<ClassId> {
        match &r.namespace {
            None => self.local(file, &r.name, 0),
            Some(ns) => {
                let binding = self.module(file).import(ns)?.binding.clone();
                let ImportBinding::Namespace { module } = binding else { return None };
                let target = self.resolve_specifier(file, &module)?;
                self.export(&target, &r.name, 0)
            }
        }
    }

    /// Every name `file` exports (through `export *` too), in order, without duplicates.
    fn exported_names(&mut self, file: &Path, seen: &mut BTreeSet<PathBuf>) -> Vec<String> {
        if !seen.insert(file.to_path_buf()) {
            return Vec::new();
        }
        let mut names = Vec::new();
        for export in self.module(file).exports.clone() {
            match export {
                DtsExport::Local { exported, .. } => names.push(exported),
                DtsExport::From { names: Some(pairs), .. } => names.extend(pairs.into_iter().map(|(_, e)| e)),
                DtsExport::From { module, names: None } => {
                    if let Some(target) = self.resolve_specifier(file, &module) {
                        names.extend(self.exported_names(&target, seen).into_iter().filter(|n| n != "default"));
                    }
                }
                DtsExport::Namespace { exported, .. } => names.push(exported),
            }
        }
        let mut unique = BTreeSet::new();
        names.retain(|n| unique.insert(n.clone()));
        names
    }

    fn class(&mut self, id: &ClassId) -> DtsClass {
        let module = self.module(&id.file);
        module.class(&id.name).cloned().unwrap_or_else(|| panic!("resolved class {id:?} is missing"))
    }

    /// The class, then its base classes (`extends`), as far as they resolve.
    fn chain(&mut self, id: &ClassId) -> Vec<(ClassId, DtsClass)> {
        let mut out = Vec::new();
        let mut cur = Some(id.clone());
        while let Some(id) = cur.take() {
            if out.len() > 32 || out.iter().any(|(seen, _)| seen == &id) {
                break;
            }
            let class = self.class(&id);
            cur = class.extends.clone().and_then(|e| self.type_ref(&id.file, &e));
            out.push((id, class));
        }
        out
    }

    fn names(&mut self, file: &Path, refs: &[TypeRef]) -> Vec<Value> {
        refs.iter()
            .map(|r| match self.type_ref(file, r) {
                Some(id) => json!(id.name),
                None => json!(format!("<unresolved {}>", r.name)),
            })
            .collect()
    }

    /// The record the oracle prints for the class, built from the `.d.ts`.
    fn record(&mut self, id: &ClassId) -> Option<Value> {
        let class = self.class(id);
        let declaration = class.declaration.clone()?;
        let mut record = serde_json::Map::new();
        record.insert("class".into(), json!(class.name));
        match &declaration {
            IvyDeclaration::Directive(d) | IvyDeclaration::Component(d) => {
                let is_component = declaration.is_component();
                // Own inputs and outputs first, then those of base directives not overridden.
                let mut inputs: BTreeMap<String, Value> = BTreeMap::new();
                let mut outputs: BTreeMap<String, Value> = BTreeMap::new();
                for (_, base) in self.chain(id) {
                    let Some(bd) = base.declaration.as_ref().and_then(IvyDeclaration::directive) else { continue };
                    for i in &bd.inputs {
                        inputs.entry(i.public_name.clone()).or_insert_with(|| {
                            json!({"public": i.public_name, "property": i.class_property, "required": i.required, "isSignal": i.is_signal})
                        });
                    }
                    for (property, public) in &bd.outputs {
                        outputs
                            .entry(public.clone())
                            .or_insert_with(|| json!({"public": public, "property": property}));
                    }
                }
                let host_directives: Vec<Value> = d
                    .host_directives
                    .iter()
                    .map(|h| {
                        let directive =
                            self.type_ref(&id.file, &h.directive).map_or(h.directive.name.clone(), |c| c.name);
                        json!({"directive": directive, "inputs": h.inputs, "outputs": h.outputs})
                    })
                    .collect();
                record.insert("kind".into(), json!(if is_component { "component" } else { "directive" }));
                record.insert("selector".into(), json!(d.selector));
                record.insert("exportAs".into(), json!(d.export_as));
                record.insert("inputs".into(), Value::Array(inputs.into_values().collect()));
                record.insert("outputs".into(), Value::Array(outputs.into_values().collect()));
                record.insert("queries".into(), json!(d.queries));
                record.insert("ngContentSelectors".into(), json!(d.ng_content_selectors));
                record.insert("standalone".into(), json!(d.standalone));
                record.insert("isSignal".into(), json!(d.is_signal));
                record.insert("hostDirectives".into(), Value::Array(host_directives));
            }
            IvyDeclaration::Pipe(p) => {
                record.insert("kind".into(), json!("pipe"));
                record.insert("name".into(), json!(p.name));
                record.insert("standalone".into(), json!(p.standalone));
            }
            IvyDeclaration::NgModule(m) => {
                record.insert("kind".into(), json!("ngmodule"));
                let declarations = self.names(&id.file, &m.declarations);
                let imports = self.names(&id.file, &m.imports);
                let exports = self.names(&id.file, &m.exports);
                record.insert("declarations".into(), Value::Array(declarations));
                record.insert("imports".into(), Value::Array(imports));
                record.insert("exports".into(), Value::Array(exports));
            }
            IvyDeclaration::Injector => return None,
        }
        Some(Value::Object(record))
    }
}

/// `(entry, export, field)` → reason, from accepted-differences.txt.
fn accepted() -> BTreeMap<(String, String, String), String> {
    let path = fixtures().join("accepted-differences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reason) = line.split_once("--").unwrap_or((line, ""));
        let parts: Vec<&str> = key.split_whitespace().collect();
        assert!(parts.len() == 3, "accepted-differences.txt: expected `<entry> <export> <field> -- <reason>`: {line}");
        assert!(!reason.trim().is_empty(), "accepted-differences.txt: a difference without a reason: {line}");
        out.insert((parts[0].into(), parts[1].into(), parts[2].into()), reason.trim().to_string());
    }
    out
}

#[test]
fn dts_declarations_match_the_runtime_definitions() {
    require_oracle();
    let oracle = run_oracle();
    let problems = oracle["problems"].as_array().cloned().unwrap_or_default();
    assert!(problems.is_empty(), "the oracle script found inconsistencies in the runtime definitions: {problems:#?}");

    let mut program = Program { files: HashMap::new() };
    // (entry, export) → record, on both sides.
    let mut runtime: BTreeMap<(String, String), Value> = BTreeMap::new();
    for class in oracle["classes"].as_array().into_iter().flatten() {
        let mut record = class.clone();
        let Some(obj) = record.as_object_mut() else { continue };
        let entry = obj.remove("entry").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let export = obj.remove("export").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        runtime.insert((entry, export), record);
    }
    let mut dts: BTreeMap<(String, String), Value> = BTreeMap::new();
    let mut differences: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let entries = oracle["entries"].as_array().cloned().unwrap_or_default();
    assert!(!entries.is_empty(), "the oracle listed no entry points");
    for entry in &entries {
        let name = entry["entry"].as_str().unwrap_or_default().to_string();
        let pkg = entry["package"].as_str().unwrap_or_default();
        let types = normalise(&node_modules().join(pkg).join(entry["types"].as_str().unwrap_or_default()));
        // An entry importing a package the oracle does not install runs against a stub of that
        // package (its own definitions are still real); the list makes that visible.
        for stub in entry["stubbed"].as_array().into_iter().flatten() {
            let stub = stub.as_str().unwrap_or_default();
            differences.insert(
                (name.clone(), "*".into(), format!("stub:{stub}")),
                format!("imports {stub}, which the oracle does not install; a stub module stood in for it"),
            );
        }
        let mut seen = BTreeSet::new();
        for export in program.exported_names(&types, &mut seen) {
            let Some(id) = program.export(&types, &export, 0) else { continue };
            if let Some(record) = program.record(&id) {
                dts.insert((name.clone(), export), record);
            }
        }
    }

    // Every `.d.ts` read must be free of diagnostics.
    let mut file_diagnostics = Vec::new();
    for (path, module) in &program.files {
        for d in &module.diagnostics {
            file_diagnostics.push(format!("{}: {} {}", path.display(), d.code, d.message));
        }
    }
    file_diagnostics.sort();
    assert!(file_diagnostics.is_empty(), "diagnostics on Angular's own .d.ts files:\n{}", file_diagnostics.join("\n"));

    let keys: BTreeSet<&(String, String)> = runtime.keys().chain(dts.keys()).collect();
    let mut fields_compared = 0usize;
    for key in &keys {
        let (entry, export) = (key.0.clone(), key.1.clone());
        match (runtime.get(*key), dts.get(*key)) {
            (Some(_), None) => {
                differences.insert(
                    (entry, export, "presence".into()),
                    "defined at run time, no declaration in the .d.ts".into(),
                );
            }
            (None, Some(_)) => {
                differences.insert(
                    (entry, export, "presence".into()),
                    "declared in the .d.ts, not defined at run time".into(),
                );
            }
            (Some(r), Some(d)) => {
                let (Some(r), Some(d)) = (r.as_object(), d.as_object()) else { continue };
                let fields: BTreeSet<&String> = r.keys().chain(d.keys()).collect();
                for field in fields {
                    fields_compared += 1;
                    let (rv, dv) = (r.get(field.as_str()), d.get(field.as_str()));
                    if rv != dv {
                        differences.insert(
                            (entry.clone(), export.clone(), field.clone()),
                            format!(
                                "runtime {}\n      .d.ts   {}",
                                rv.map_or("(absent)".into(), Value::to_string),
                                dv.map_or("(absent)".into(), Value::to_string)
                            ),
                        );
                    }
                }
            }
            (None, None) => {}
        }
    }

    let accepted = accepted();
    let mut failures = Vec::new();
    for (key, detail) in &differences {
        if !accepted.contains_key(key) {
            failures.push(format!("{} {} {}:\n      {detail}", key.0, key.1, key.2));
        }
    }
    for (key, reason) in &accepted {
        if !differences.contains_key(key) {
            failures.push(format!(
                "{} {} {}: listed in accepted-differences.txt ({reason}) but no longer differs; remove the line",
                key.0, key.1, key.2
            ));
        }
    }
    eprintln!(
        "dts oracle: {} entry points, {} classes at run time, {} in the .d.ts, {} fields compared, {} accepted differences",
        entries.len(),
        runtime.len(),
        dts.len(),
        fields_compared,
        accepted.len()
    );
    assert!(
        failures.is_empty(),
        "{} differences from the runtime definitions:\n  {}\n",
        failures.len(),
        failures.join("\n  ")
    );
}

/// Every `.d.ts` of the Angular 22 packages the oracle installs reads without a diagnostic,
/// and every class with an Ivy definition field gets its declaration.
#[test]
fn every_angular_declaration_file_reads_cleanly() {
    require_oracle();
    let mut stack = vec![node_modules().join("@angular")];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "node_modules") {
                    stack.push(path);
                }
            } else if path.to_string_lossy().ends_with(".d.ts") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut problems = Vec::new();
    let (mut classes, mut declared) = (0usize, 0usize);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let module = read_dts(&path.to_string_lossy(), &text);
        for d in &module.diagnostics {
            problems.push(format!("{}: {} {}", path.display(), d.code, d.message));
        }
        for class in &module.classes {
            classes += 1;
            declared += usize::from(class.declaration.is_some());
        }
        // A class with `static ɵdir`/`ɵcmp`/`ɵpipe`/`ɵmod` in its text must have a declaration.
        for class in &module.classes {
            let body = text.get(class.span.start as usize..class.span.end as usize).unwrap_or("");
            let has_def =
                ["static ɵdir:", "static ɵcmp:", "static ɵpipe:", "static ɵmod:"].iter().any(|f| body.contains(f));
            if has_def && class.declaration.is_none() {
                problems.push(format!(
                    "{}: class {} has a definition field but no declaration",
                    path.display(),
                    class.name
                ));
            }
        }
    }
    eprintln!("{} .d.ts files of @angular/*: {classes} classes, {declared} with an Ivy declaration", files.len());
    assert!(files.len() > 20, "found only {} .d.ts files under {}", files.len(), node_modules().display());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
