//! `ngc-rs inspect`: the reflector's view of a project as JSON — every component, directive,
//! pipe and NgModule with its resolved metadata, and for components the directives and pipes
//! in scope with the NgModule each comes through.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ngc_diagnostics::SourceText;
use ngc_reflector::resolve::{ModuleResolution, ResolveOptions};
use ngc_reflector::{analyze_with, AnalysisOptions, Host, ProgramFile};

use crate::build::{self, Loaded};
use crate::diagnostics::Problem;
use crate::pipeline::{self, Job};
use crate::paths;
use crate::tsconfig::Resolution;

use ngc_reflector::declarations::{
    Declaration, DirectiveMeta, HostDirectiveMeta, HostMeta, InputMeta, OutputMeta, QueryExpr, QueryMeta, QueryPredicate,
};
use ngc_reflector::evaluate::StaticValue;
use ngc_reflector::scope::ScopeEntry;
use ngc_reflector::{Analysis, ModuleId, SymbolId};
use serde_json::{json, Map, Value};

/// The file system, for the reflector (module resolution and library declaration files).
struct FsHost;

impl Host for FsHost {
    fn read_file(&self, path: &Path) -> Option<Arc<str>> {
        std::fs::read_to_string(path).ok().map(Arc::from)
    }
    fn file_exists(&self, path: &Path) -> bool {
        path.is_file()
    }
    fn directory_exists(&self, path: &Path) -> bool {
        path.is_dir()
    }
    fn realpath(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

/// The result of `inspect`: the document (when the project could be analysed) and problems.
pub struct Inspection {
    pub document: Option<Value>,
    pub problems: Vec<Problem>,
}

/// Loads, collects and analyses the project named by `-p`.
pub fn run(cwd: &Path, project_arg: &Path) -> Result<Inspection, String> {
    let Loaded { project, inputs, .. } = match build::load(cwd, project_arg, None) {
        Ok(loaded) => loaded,
        Err(problems) => return Ok(Inspection { document: None, problems }),
    };
    let sources = build::sources(&inputs);
    let jobs: Vec<Job<'_>> = sources
        .iter()
        .map(|i| Job { path: &i.path, display: paths::display(&i.path, cwd), listed_at: i.listed_at.as_ref() })
        .collect();
    let results = pipeline::collect_all(&jobs, false, true)?;
    let mut problems: Vec<Problem> = results.iter().flat_map(|r| r.problems.iter().cloned()).collect();
    if problems.iter().any(Problem::is_error) {
        return Ok(Inspection { document: None, problems });
    }
    let mut displays = Vec::new();
    let files: Vec<ProgramFile> = jobs
        .iter()
        .zip(results)
        .filter_map(|(job, result)| {
            let (text, facts) = result.source?;
            displays.push((job.path.to_path_buf(), job.display.clone(), text.clone()));
            Some(ProgramFile { path: job.path.to_path_buf(), text, metadata: result.metadata, facts })
        })
        .collect();
    let options = AnalysisOptions {
        resolve: resolve_options(&project.resolution, &project.config_dir),
        strict_metadata_emit: project.strict_metadata_emit.as_ref().is_some_and(|s| s.value),
    };
    let analysis = analyze_with(files, options, &FsHost);
    for d in &analysis.diagnostics {
        // Program files are in memory; a library declaration file is read again for its frame.
        let source = displays
            .iter()
            .find(|(path, _, _)| *path == d.path)
            .map(|(_, display, text)| SourceText::new(display.as_str(), text.clone()))
            .or_else(|| {
                let text = std::fs::read_to_string(&d.path).ok()?;
                Some(SourceText::new(paths::display(&d.path, cwd), text))
            });
        problems.push(Problem::new(d.diagnostic.clone(), source));
    }
    let document = document(&analysis, &project.config_dir);
    Ok(Inspection { document: Some(document), problems })
}

/// TypeScript's module resolution settings for the reflector. Without `moduleResolution`,
/// `module: node16`/`nodenext` imply the same resolution, and everything else `bundler`.
fn resolve_options(resolution: &Resolution, config_dir: &Path) -> ResolveOptions {
    let named = resolution.module_resolution.as_deref().or(match resolution.module.as_deref() {
        Some(m @ ("node16" | "nodenext")) => Some(m),
        _ => None,
    });
    let module_resolution = named.and_then(ModuleResolution::from_tsconfig).unwrap_or(ModuleResolution::Bundler);
    let (paths, paths_base): (Vec<(String, Vec<String>)>, Option<PathBuf>) = match &resolution.paths {
        Some((paths, dir)) => (paths.clone(), Some(dir.clone())),
        None => (Vec::new(), None),
    };
    ResolveOptions {
        module_resolution,
        base_url: resolution.base_url.clone(),
        paths,
        paths_base_path: paths_base.or_else(|| Some(config_dir.to_path_buf())),
        ..ResolveOptions::default()
    }
}

/// The inspect document of an analysed project; paths relative to `root`.
pub fn document(analysis: &Analysis<'_>, root: &Path) -> Value {
    let mut components = Vec::new();
    let mut directives = Vec::new();
    let mut pipes = Vec::new();
    let mut modules = Vec::new();
    for (symbol, declaration) in &analysis.program {
        match declaration {
            Declaration::Directive(meta) => {
                let mut object = directive(analysis, root, meta);
                if meta.is_component {
                    if let Some(scope) = analysis.component_scopes.get(symbol) {
                        object.insert(
                            "declaredIn".into(),
                            scope.declared_in.as_ref().map(|m| Value::String(m.name.clone())).unwrap_or(Value::Null),
                        );
                        object.insert(
                            "scope".into(),
                            json!({
                                "directives": scope.scope.directives.iter().map(|e| entry(analysis, root, e)).collect::<Vec<_>>(),
                                "pipes": scope.scope.pipes.iter().map(|e| entry(analysis, root, e)).collect::<Vec<_>>(),
                            }),
                        );
                    }
                    components.push(Value::Object(object));
                } else {
                    directives.push(Value::Object(object));
                }
            }
            Declaration::Pipe(pipe) => {
                let mut object = reference(analysis, root, &pipe.symbol);
                object.insert("name".into(), json!(pipe.name));
                object.insert("pure".into(), json!(pipe.pure));
                object.insert("standalone".into(), json!(pipe.standalone));
                pipes.push(Value::Object(object));
            }
            Declaration::NgModule(module) => {
                let mut object = reference(analysis, root, &module.symbol);
                for (key, list) in [("declarations", &module.declarations), ("imports", &module.imports), ("exports", &module.exports)] {
                    let items: Vec<Value> = list.iter().map(|(value, _)| static_value(analysis, root, value)).collect();
                    object.insert(key.into(), Value::Array(items));
                }
                modules.push(Value::Object(object));
            }
            Declaration::Other => {}
        }
    }
    json!({ "components": components, "directives": directives, "pipes": pipes, "ngModules": modules })
}

/// `{"class": "NgIf", "module": "@angular/common"}` or `{"class": "App", "file": "src/app.ts"}`.
fn reference(analysis: &Analysis<'_>, root: &Path, symbol: &SymbolId) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("class".into(), json!(symbol.name));
    match symbol.module {
        ModuleId::Program(_) => {
            let path = analysis.modules.path(symbol.module);
            let shown = crate::paths::relative_to(path, root);
            object.insert("file".into(), json!(shown.to_string_lossy().replace('\\', "/")));
        }
        ModuleId::Library(_) => {
            let package = analysis.modules.package_name(symbol.module);
            object.insert("module".into(), package.map(Value::String).unwrap_or(Value::Null));
        }
    }
    object
}

fn entry(analysis: &Analysis<'_>, root: &Path, entry: &ScopeEntry) -> Value {
    let mut object = reference(analysis, root, &entry.symbol);
    object.insert("via".into(), entry.via.as_ref().map(|v| Value::String(v.name.clone())).unwrap_or(Value::Null));
    Value::Object(object)
}

/// A directive's metadata. Queries, host bindings and host directives are shown when present.
fn directive(analysis: &Analysis<'_>, root: &Path, meta: &DirectiveMeta) -> Map<String, Value> {
    let mut object = reference(analysis, root, &meta.symbol);
    object.insert("selector".into(), meta.selector.clone().map(Value::String).unwrap_or(Value::Null));
    object.insert("exportAs".into(), json!(meta.export_as));
    object.insert("inputs".into(), Value::Array(meta.inputs.iter().map(input).collect()));
    object.insert("outputs".into(), Value::Array(meta.outputs.iter().map(output).collect()));
    object.insert("standalone".into(), json!(meta.standalone));
    for (key, queries) in [("queries", &meta.queries), ("viewQueries", &meta.view_queries)] {
        if !queries.is_empty() {
            object.insert(key.into(), Value::Array(queries.iter().map(|q| query(analysis, root, q)).collect()));
        }
    }
    if !meta.host.is_empty() {
        object.insert("host".into(), host(analysis, root, &meta.host));
    }
    if !meta.host_directives.is_empty() {
        let list = meta.host_directives.iter().map(|h| host_directive(analysis, root, h)).collect();
        object.insert("hostDirectives".into(), Value::Array(list));
    }
    object
}

fn input(input: &InputMeta) -> Value {
    let mut object = json!({ "property": input.property, "alias": input.alias, "required": input.required, "isSignal": input.is_signal });
    if input.has_transform {
        object["transform"] = json!(true);
    }
    object
}

fn output(output: &OutputMeta) -> Value {
    json!({ "property": output.property, "alias": output.alias })
}

fn query(analysis: &Analysis<'_>, root: &Path, query: &QueryMeta) -> Value {
    let predicate = match &query.predicate {
        QueryPredicate::Names(names) => json!(names),
        QueryPredicate::Type(expr) => query_expr(analysis, root, expr),
    };
    let mut object = json!({
        "property": query.property,
        "first": query.first,
        "predicate": predicate,
        "descendants": query.descendants,
        "static": query.is_static,
        "emitDistinctChangesOnly": query.emit_distinct_changes_only,
        "isSignal": query.is_signal,
    });
    if let Some(read) = &query.read {
        object["read"] = query_expr(analysis, root, read);
    }
    object
}

fn query_expr(analysis: &Analysis<'_>, root: &Path, expr: &QueryExpr) -> Value {
    let mut value = static_value(analysis, root, &expr.value);
    if expr.forward_ref {
        value["forwardRef"] = json!(true);
    }
    value
}

fn pairs(list: &[(String, String)]) -> Value {
    Value::Object(list.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

fn host(analysis: &Analysis<'_>, root: &Path, host: &HostMeta) -> Value {
    let mut object = Map::new();
    if !host.attributes.is_empty() {
        let attributes = host.attributes.iter().map(|(k, v)| (k.clone(), static_value(analysis, root, v))).collect();
        object.insert("attributes".into(), Value::Object(attributes));
    }
    if !host.listeners.is_empty() {
        object.insert("listeners".into(), pairs(&host.listeners));
    }
    if !host.properties.is_empty() {
        object.insert("properties".into(), pairs(&host.properties));
    }
    if let Some(class) = &host.class_attribute {
        object.insert("classAttribute".into(), json!(class));
    }
    if let Some(style) = &host.style_attribute {
        object.insert("styleAttribute".into(), json!(style));
    }
    Value::Object(object)
}

fn host_directive(analysis: &Analysis<'_>, root: &Path, host: &HostDirectiveMeta) -> Value {
    let mut object = json!({ "directive": static_value(analysis, root, &host.directive) });
    if host.is_forward_reference {
        object["forwardRef"] = json!(true);
    }
    if !host.inputs.is_empty() {
        object["inputs"] = pairs(&host.inputs);
    }
    if !host.outputs.is_empty() {
        object["outputs"] = pairs(&host.outputs);
    }
    object
}

/// An NgModule list entry as inspect shows it.
fn static_value(analysis: &Analysis<'_>, root: &Path, value: &StaticValue) -> Value {
    match value {
        StaticValue::Symbol(symbol) => Value::Object(reference(analysis, root, symbol)),
        StaticValue::ModuleWithProviders(symbol) => {
            let mut object = reference(analysis, root, symbol);
            object.insert("withProviders".into(), json!(true));
            Value::Object(object)
        }
        StaticValue::String(s) => json!(s),
        StaticValue::Unknown(reason) => json!({ "unknown": reason }),
        other => json!({ "unknown": format!("{other:?}") }),
    }
}
