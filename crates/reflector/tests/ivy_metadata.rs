//! The reflector reads program files through the collector's Ivy metadata: decorators View
//! Engine's metadata cannot represent are read in full, non-exported decorated classes are
//! declarations of their file (and in the scopes that reach them), yet not exports of it; files
//! without source facts are read as before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ngc_collector::{collect, CollectOptions, SourceFacts};
use ngc_reflector::declarations::Declaration;
use ngc_reflector::resolve::ResolveOptions;
use ngc_reflector::{analyze_with, Analysis, AnalysisOptions, Host, ProgramFile};

/// Files in memory.
struct MemoryHost(BTreeMap<PathBuf, Arc<str>>);

impl Host for MemoryHost {
    fn read_file(&self, path: &Path) -> Option<Arc<str>> {
        self.0.get(path).cloned()
    }
    fn file_exists(&self, path: &Path) -> bool {
        self.0.contains_key(path)
    }
    fn directory_exists(&self, path: &Path) -> bool {
        self.0.keys().any(|p| p.starts_with(path) && p != path)
    }
}

/// A stand-in for `@angular/core`'s declaration file: what the decorators resolve to.
const CORE: &str = "export declare const Component: any;\nexport declare const Directive: any;\n\
                    export declare const Injectable: any;\nexport declare const NgModule: any;\n\
                    export declare const Pipe: any;\n";

fn host() -> &'static MemoryHost {
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from("/p/node_modules/@angular/core/index.d.ts"), Arc::from(CORE));
    files.insert(
        PathBuf::from("/p/node_modules/@angular/core/package.json"),
        Arc::from(r#"{"name": "@angular/core", "types": "index.d.ts"}"#),
    );
    Box::leak(Box::new(MemoryHost(files)))
}

/// Analyses `files` (path under `/p/src/`, text); `with_facts: false` drops the source facts.
fn analyse(files: &[(&str, &str)], with_facts: bool, strict: bool) -> Analysis<'static> {
    let program = files
        .iter()
        .map(|(name, text)| {
            let path = PathBuf::from(format!("/p/src/{name}"));
            let options = CollectOptions { lower_expressions: true, ..CollectOptions::default() };
            let collected = collect(&path.to_string_lossy(), text, &options);
            assert!(collected.diagnostics.is_empty(), "{name}: {:?}", collected.diagnostics);
            let facts = if with_facts {
                collected.facts
            } else {
                SourceFacts { spans: collected.facts.spans, ..SourceFacts::default() }
            };
            ProgramFile { path, text: Arc::from(*text), metadata: collected.metadata, facts }
        })
        .collect();
    analyze_with(program, AnalysisOptions { resolve: ResolveOptions::default(), strict_metadata_emit: strict }, host())
}

fn codes(analysis: &Analysis<'_>) -> Vec<(&'static str, ngc_diagnostics::Severity)> {
    analysis.diagnostics.iter().map(|d| (d.diagnostic.code, d.diagnostic.severity)).collect()
}

fn directive<'a>(analysis: &'a Analysis<'_>, name: &str) -> &'a ngc_reflector::declarations::DirectiveMeta {
    analysis
        .program
        .iter()
        .find_map(|(s, d)| match d {
            Declaration::Directive(meta) if s.name == name => Some(meta),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no directive '{name}'"))
}

const APP: &str = "import { Component, Directive, Injectable } from '@angular/core';\n\
                   @Injectable()\nclass LocalService {}\n\
                   @Directive({ selector: '[local]' })\nclass LocalDirective {}\n\
                   @Component({ selector: 'app-root', template: '<p local></p>', imports: [LocalDirective], providers: [LocalService] })\n\
                   export class AppComponent {}\n";

#[test]
fn decorators_with_local_references_are_read_in_full() {
    let analysis = analyse(&[("app.ts", APP)], true, false);
    let app = directive(&analysis, "AppComponent");
    assert_eq!(app.selector.as_deref(), Some("app-root"));
    let local = directive(&analysis, "LocalDirective");
    assert_eq!(local.selector.as_deref(), Some("[local]"));
    let scope = analysis.component_scopes.values().next().expect("a scope");
    let names: Vec<&str> = scope.scope.directives.iter().map(|e| e.symbol.name.as_str()).collect();
    assert_eq!(names, ["AppComponent", "LocalDirective"]);
    // View Engine's restrictions are warnings, at each reference.
    assert_eq!(codes(&analysis), [("NGRS3002", ngc_diagnostics::Severity::Warning); 2]);
    let module = analysis.program[0].0.module;
    assert!(analysis.modules.is_module_local(&ngc_reflector::SymbolId { module, name: "LocalDirective".into() }));
    assert!(analysis.modules.is_class(&ngc_reflector::SymbolId { module, name: "LocalDirective".into() }));
    // With strictMetadataEmit, errors.
    let strict = analyse(&[("app.ts", APP)], true, true);
    assert_eq!(codes(&strict), [("NGRS3002", ngc_diagnostics::Severity::Error); 2]);
}

#[test]
fn a_non_exported_class_is_not_an_export_of_its_file() {
    let other = "import { Component } from '@angular/core';\nimport { LocalDirective } from './app';\n\
                 @Component({ selector: 'other', template: '', imports: [LocalDirective] })\nexport class OtherComponent {}\n";
    let analysis = analyse(&[("app.ts", APP), ("other.ts", other)], true, false);
    let errors: Vec<&str> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.path.ends_with("other.ts") && d.diagnostic.severity == ngc_diagnostics::Severity::Error)
        .map(|d| d.diagnostic.code)
        .collect();
    assert!(!errors.is_empty(), "importing a non-exported class resolved: {:?}", analysis.diagnostics);
}

#[test]
fn restrictions_inside_non_exported_classes_are_not_reported() {
    let text = "import { Component, Injectable } from '@angular/core';\n\
                @Injectable()\nclass LocalService {}\n\
                @Component({ selector: 'inner', template: '', providers: [LocalService, { provide: 'x', useValue: { f: () => 1 } }] })\n\
                class InnerComponent {}\n\
                @Component({ selector: 'outer', template: '<inner />', imports: [InnerComponent] })\nexport class OuterComponent {}\n";
    let analysis = analyse(&[("app.ts", text)], true, false);
    // Only OuterComponent's reference to InnerComponent: View Engine never collected InnerComponent.
    assert_eq!(codes(&analysis), [("NGRS3002", ngc_diagnostics::Severity::Warning)]);
    let outer = analysis.component_scopes.iter().find(|(s, _)| s.name == "OuterComponent").expect("scope");
    assert!(outer.1.scope.directives.iter().any(|e| e.symbol.name == "InnerComponent"));
}

#[test]
fn without_source_facts_the_metadata_is_read_as_before() {
    let analysis = analyse(&[("app.ts", APP)], false, false);
    // The whole argument is an error node: nothing Ivy needs can be read, an error.
    assert!(
        codes(&analysis).iter().any(|(c, s)| *c == "NGRS3002" && *s == ngc_diagnostics::Severity::Error),
        "{:?}",
        codes(&analysis)
    );
    assert!(!analysis.program.iter().any(|(s, _)| s.name == "LocalDirective"));
    assert_eq!(directive(&analysis, "AppComponent").selector, None);
}
