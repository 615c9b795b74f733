//! Differential test against ngc 22: for every component of the example apps under
//! tests/fixtures/apps/, the directives and pipes ngc-rs finds used in its template (scope
//! from the reflector, matching from the selector matcher) equal the directives and pipes in
//! the `dependencies` of the ɵcmp that ngc 22.2 emits. NgModules, which ngc also lists for
//! standalone components, are left out of the comparison. And for every class with a factory,
//! the constructor dependencies ngc-rs resolves equal what ngc's `ɵfac` injects (token, flags,
//! attributes), or both say the factory is inherited.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{copy_dir, link_oracle_modules, program_files, repo, run_oracle_script, FsHost};
use ngc_reflector::declarations::{Declaration, TemplateSource};
use ngc_reflector::di::{constructor_deps, ConstructorDeps, Dependency};
use ngc_reflector::matching::template_usage;
use ngc_reflector::resolve::ResolveOptions;
use ngc_reflector::{analyze, ModuleId, SymbolId};

#[derive(Debug)]
struct NgcComponent {
    file: String,
    class: String,
    dependencies: Vec<(Option<String>, String)>,
}

/// One class's factory as ngc emitted it.
#[derive(Debug)]
struct NgcFactory {
    file: String,
    class: String,
    /// `known`, `inherited` or `invalid`.
    kind: String,
    /// `(module, name, flags)` of each token, or `(None, "@attr", 0)` for `@Attribute('attr')`.
    dependencies: Vec<(Option<String>, String, u32)>,
}

fn ngc_dependencies(work: &Path) -> (Vec<NgcComponent>, Vec<NgcFactory>) {
    let json = run_oracle_script(&repo().join("tests/oracles/ng22/ngc-dependencies.mjs"), work);
    let factories = json["factories"]
        .as_array()
        .expect("factories")
        .iter()
        .map(|f| NgcFactory {
            file: f["file"].as_str().unwrap_or_default().to_string(),
            class: f["class"].as_str().unwrap_or_default().to_string(),
            kind: f["kind"].as_str().unwrap_or_default().to_string(),
            dependencies: f["dependencies"]
                .as_array()
                .map(|deps| {
                    deps.iter()
                        .map(|d| match d.get("attribute") {
                            Some(attr) => (None, format!("@{}", attr.as_str().unwrap_or_default()), 0),
                            None => (
                                d["token"]["module"].as_str().map(str::to_string),
                                d["token"]["name"].as_str().unwrap_or_default().to_string(),
                                d["flags"].as_u64().unwrap_or(0) as u32,
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let components = json["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| NgcComponent {
            file: c["file"].as_str().unwrap_or_default().to_string(),
            class: c["class"].as_str().unwrap_or_default().to_string(),
            dependencies: c["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .map(|d| (d["module"].as_str().map(str::to_string), d["name"].as_str().unwrap_or_default().to_string()))
                .collect(),
        })
        .collect();
    (components, factories)
}

fn check_app(name: &str) -> Vec<String> {
    let source = repo().join("tests/fixtures/apps").join(name);
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("apps").join(name);
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&source, &work);
    let work = link_oracle_modules(&work);
    let (ngc, ngc_factories) = ngc_dependencies(&work);

    let (paths, files) = program_files(&work);
    let mut analysis = analyze(files, ResolveOptions::default(), &FsHost);
    let mut failures = Vec::new();
    // ngc compiles every app: no errors. Warnings (View Engine's metadata restrictions, which
    // Ivy does not have) are fine.
    let mut warnings = 0;
    for d in &analysis.diagnostics {
        if d.diagnostic.severity == ngc_diagnostics::Severity::Warning {
            warnings += 1;
            continue;
        }
        failures.push(format!("{name}: unexpected error in {}: {} {}", d.path.display(), d.diagnostic.code, d.diagnostic.message));
    }
    assert!(!ngc.is_empty(), "{name}: ngc emitted no components");
    for component in &ngc {
        let ts_path = work.join("src").join(component.file.replace(".js", ".ts"));
        let Some(index) = paths.iter().position(|p| *p == ts_path) else {
            failures.push(format!("{name}: no program file for {}", component.file));
            continue;
        };
        let module = ModuleId::Program(index);
        let symbol = SymbolId { module, name: component.class.clone() };
        let Some(Declaration::Directive(meta)) = analysis.declaration(&symbol).cloned() else {
            failures.push(format!("{name}: {} is not a component for ngc-rs", component.class));
            continue;
        };
        let template = match &meta.template {
            Some(TemplateSource::Inline { text }) => text.clone(),
            Some(TemplateSource::Url(url)) => {
                std::fs::read_to_string(ts_path.parent().expect("dir").join(url)).expect("templateUrl file")
            }
            None => String::new(),
        };
        let Some(scope) = analysis.component_scopes.get(&symbol).cloned() else {
            failures.push(format!("{name}: no scope for {}", component.class));
            continue;
        };
        let (usage, errors) = template_usage(&analysis, &scope.scope, &template);
        assert!(errors.is_empty(), "{name}: template errors in {}: {errors:?}", component.class);
        let ours: BTreeSet<SymbolId> = usage.directives.iter().chain(&usage.pipes).cloned().collect();

        let mut expected = BTreeSet::new();
        for (specifier, export) in &component.dependencies {
            let resolved = match specifier {
                None => Some(SymbolId { module, name: export.clone() }),
                Some(spec) => analysis
                    .modules
                    .resolve(module, spec, ngc_reflector::modules::Edge::Import)
                    .and_then(|target| analysis.modules.find_export(target, export)),
            };
            let Some(symbol) = resolved else {
                failures.push(format!("{name}/{}: cannot resolve ngc dependency {specifier:?} {export}", component.class));
                continue;
            };
            let is_module = match symbol.module {
                ModuleId::Program(_) => matches!(analysis.declaration(&symbol), Some(Declaration::NgModule(_))),
                ModuleId::Library(_) => {
                    let class = analysis.modules.library(symbol.module).and_then(|l| l.dts.classes.iter().find(|c| c.name == symbol.name));
                    matches!(class.and_then(|c| c.declaration.as_ref()), Some(ngc_reflector::dts::IvyDeclaration::NgModule(_)))
                }
            };
            if !is_module {
                expected.insert(symbol);
            }
        }
        if ours != expected {
            let names = |set: &BTreeSet<SymbolId>| set.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
            let missing: BTreeSet<_> = expected.difference(&ours).cloned().collect();
            let extra: BTreeSet<_> = ours.difference(&expected).cloned().collect();
            failures.push(format!(
                "{name}/{}: ngc uses [{}]\n    ngc-rs misses [{}], has extra [{}]",
                component.class,
                names(&expected),
                names(&missing),
                names(&extra)
            ));
        }
    }
    let mut factories_compared = 0;
    for factory in &ngc_factories {
        let ts_path = work.join("src").join(factory.file.replace(".js", ".ts"));
        let Some(index) = paths.iter().position(|p| *p == ts_path) else {
            failures.push(format!("{name}: no program file for {}", factory.file));
            continue;
        };
        let module = ModuleId::Program(index);
        let symbol = SymbolId { module, name: factory.class.clone() };
        let ours = {
            let mut ev = ngc_reflector::evaluate::Evaluator::new(&mut analysis.modules);
            constructor_deps(&mut ev, &symbol)
        };
        let expected = match factory.kind.as_str() {
            "inherited" => ConstructorDeps::Inherited,
            "invalid" => ConstructorDeps::Invalid { parameter: 0 },
            _ => {
                let mut deps = Vec::new();
                for (specifier, export, flags) in &factory.dependencies {
                    if let Some(attr) = export.strip_prefix('@').filter(|_| specifier.is_none() && !export.is_empty()) {
                        deps.push(Dependency::Attribute(attr.to_string()));
                        continue;
                    }
                    let token = match specifier {
                        None => Some(SymbolId { module, name: export.clone() }),
                        Some(spec) => analysis
                            .modules
                            .resolve(module, spec, ngc_reflector::modules::Edge::Import)
                            .and_then(|target| analysis.modules.find_export(target, export)),
                    };
                    match token {
                        Some(token) => deps.push(Dependency::Token { token, flags: *flags }),
                        None => failures.push(format!("{name}/{}: cannot resolve ngc token {specifier:?} {export}", factory.class)),
                    }
                }
                ConstructorDeps::Known(deps)
            }
        };
        let same = match (&ours, &expected) {
            (ConstructorDeps::Invalid { .. }, ConstructorDeps::Invalid { .. }) => true,
            (a, b) => a == b,
        };
        if !same {
            failures.push(format!("{name}/{}: ngc's factory injects {expected:?}\n    ngc-rs resolves {ours:?}", factory.class));
        }
        factories_compared += 1;
    }
    eprintln!("{name}: {} components and {factories_compared} factories compared, {warnings} warnings", ngc.len());
    failures
}

#[test]
fn matched_directives_and_pipes_equal_ngc_dependencies() {
    let mut apps: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/apps"))
        .expect("apps dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("tsconfig.json").is_file())
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    apps.sort();
    let failures: Vec<String> = apps.iter().flat_map(|app| check_app(app)).collect();
    assert!(failures.is_empty(), "{} differences from ngc 22:\n{}", failures.len(), failures.join("\n"));
}
