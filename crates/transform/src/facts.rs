//! The first step of the transform, run for one file at a time with the whole-program analysis
//! at hand: everything the compilation of the file's classes needs from other files, as plain
//! data ([`FileFacts`]). Decorator arguments are evaluated by the reflector (over the collected
//! metadata, so imported constants fold), references are turned into what the file writes for
//! them, and each component gets its compilation scope in ngc's dependency order.
//!
//! The second step ([`crate::compile`]) then needs no reflector and runs files in parallel.

use std::collections::{HashMap, HashSet};

use ngc_collector::Json;
use ngc_reflector::declarations::Declaration;
use ngc_reflector::evaluate::{escape, symbolic, Evaluator, Site, StaticValue};
use ngc_reflector::{ModuleId, SymbolId};
use swc_ecma_ast as ast;

use crate::di::ValueNames;
use crate::program::ProgramRefs;
use crate::source::Source;
use crate::syntax::{self, ImportKind};
use crate::value::{EmitRef, RefKind, RefValue, Value};

/// What the compilation of one file needs from the rest of the program.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// The declaration each local binding of the file names (imports and top-level classes),
    /// by key ([`RefValue::key`]): references found through these identifiers are written as
    /// the identifier.
    pub bindings: HashMap<String, String>,
    /// Whether imported names used as constructor parameter types are values.
    pub value_names: ValueNames,
    /// Whether the import `(module specifier, exported name)` is a value: the emitter keeps
    /// `export { X }` of values only.
    pub import_values: Vec<(String, String, Option<bool>)>,
    /// The file's decorated classes.
    pub classes: Vec<ClassFacts>,
    /// For constants imported through a non-relative specifier (a tsconfig `paths` alias such
    /// as `@shared`): the declarations their value refers to, written through that specifier,
    /// as ngc writes references it reached through such an import (`AbsoluteModuleStrategy`).
    pub aliased_values: HashMap<String, Vec<(String, EmitRef)>>,
}

impl FileFacts {
    pub fn class(&self, name: &str) -> Option<&ClassFacts> {
        self.classes.iter().find(|c| c.name == name)
    }
}

impl ngc_ts_emit::ProgramFacts for FileFacts {
    fn is_value(&self, module: &str, name: &str) -> Option<bool> {
        self.import_values.iter().find(|(m, n, _)| m == module && n == name).and_then(|(_, _, v)| *v)
    }
}

/// What one decorated class needs.
#[derive(Debug, Clone, Default)]
pub struct ClassFacts {
    pub name: String,
    /// The evaluated first argument of each class decorator, by position (`None`: not
    /// evaluated, e.g. a class without collected metadata).
    pub decorator_args: Vec<Option<Value>>,
    /// Evaluated arguments of member decorators: member name, then per decorated occurrence
    /// of that name, per decorator, the arguments.
    pub member_args: Vec<(String, Vec<Vec<Vec<Value>>>)>,
    /// A component's compilation scope, in ngc's dependency order.
    pub scope: Option<Scope>,
    /// An NgModule's `imports`, one value per top-level element (a spread element evaluated
    /// as a whole), as ngc evaluates them for the injector.
    pub ng_module_imports: Option<Vec<Value>>,
}

impl ClassFacts {
    /// The evaluated arguments of the `index`-th decorator of member `name`'s
    /// `occurrence`-th decorated declaration.
    pub fn member_decorator_args(&self, name: &str, occurrence: usize, index: usize) -> Option<&[Value]> {
        let (_, occurrences) = self.member_args.iter().find(|(n, _)| n == name)?;
        occurrences.get(occurrence)?.get(index).map(Vec::as_slice)
    }
}

/// A component's compilation scope.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub standalone: bool,
    /// Directives, components and NgModules, in ngc's order (for a standalone component: the
    /// component itself, then each import — an NgModule followed by what it exports).
    pub dependencies: Vec<ScopeDependency>,
    /// Pipes, in scope order.
    pub pipes: Vec<ScopeDependency>,
}

/// One directive, pipe or NgModule in a scope.
#[derive(Debug, Clone)]
pub struct ScopeDependency {
    pub reference: RefValue,
    /// Reached directly from the component's own `imports` (standalone), or declared by the
    /// component's NgModule in the same file: an identifier of the file may name it.
    pub direct: bool,
    pub directive: Option<DirectiveFacts>,
    /// A pipe's name.
    pub pipe_name: Option<String>,
}

/// What template matching needs of a directive.
#[derive(Debug, Clone, Default)]
pub struct DirectiveFacts {
    pub selector: Option<String>,
    /// `(class property, public name)`.
    pub inputs: Vec<(String, String)>,
    pub outputs: Vec<(String, String)>,
    pub export_as: Vec<String>,
    pub is_component: bool,
}

/// Computes the facts of one program file. `source` is the file's syntax.
pub fn file_facts(refs: &mut ProgramRefs<'_, '_>, module: ModuleId, source: &Source<'_>) -> FileFacts {
    let mut facts = FileFacts::default();
    for binding in &source.imports.bindings {
        let name = match &binding.kind {
            ImportKind::Named(name) => name.as_str(),
            ImportKind::Default => "default",
            ImportKind::Namespace => continue,
        };
        let symbol = refs.imported_symbol(module, &binding.specifier, name);
        if let Some(symbol) = &symbol {
            facts.bindings.insert(binding.local.clone(), refs.key(symbol));
        }
        let value = symbol.as_ref().map(|s| is_value(refs, s));
        facts.value_names.insert(binding.local.clone(), value);
        facts.import_values.push((binding.specifier.clone(), name.to_string(), value));
        if let Some(symbol) = symbol.filter(|s| matches!(s.module, ModuleId::Program(_)) && !is_relative(&binding.specifier)) {
            let aliased = aliased_references(refs, module, &binding.specifier, &symbol);
            if !aliased.is_empty() {
                facts.aliased_values.insert(binding.local.clone(), aliased);
            }
        }
    }
    for class in syntax::classes(source.module, &source.spans) {
        let symbol = SymbolId { module, name: metadata_key(refs, module, source, class.name) };
        if symbol.name != class.name {
            refs.local_names.insert(symbol.clone(), class.name.to_string());
        }
        facts.bindings.insert(class.name.to_string(), refs.key(&symbol));
        for (namespace, member) in namespace_types(class.class, source) {
            let specifier = source.imports.get(&namespace).map(|b| b.specifier.clone()).unwrap_or_default();
            let symbol = refs.imported_symbol(module, &specifier, &member);
            facts.value_names.insert(format!("{namespace}.{member}"), symbol.map(|s| is_value(refs, &s)));
        }
        if class.class.decorators.is_empty() && !has_member_decorators(class.class) {
            continue;
        }
        facts.classes.push(class_facts(refs, module, source, class.name, &symbol.name, class.class));
    }
    facts
}

/// The name a class has in its file's metadata: its own, or the name of an export clause
/// (`export { X as default }`) under which the collector recorded it.
fn metadata_key(refs: &ProgramRefs<'_, '_>, module: ModuleId, source: &Source<'_>, class: &str) -> String {
    let metadata = refs.analysis.modules.metadata(module);
    if metadata.is_some_and(|m| m.get(class).is_some()) {
        return class.to_string();
    }
    let default = refs.analysis.modules.program_file(module).and_then(|f| f.facts.default_export.clone());
    let mut aliases: Vec<String> = export_aliases(source.module, class);
    if default.as_deref() == Some(class) {
        aliases.push("default".to_string());
    }
    aliases.into_iter().find(|alias| metadata.is_some_and(|m| m.get(alias).is_some())).unwrap_or_else(|| class.to_string())
}

/// The names `local` is exported under by `export { local as name }` clauses.
fn export_aliases(module: &ast::Module, local: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in &module.body {
        let ast::ModuleItem::ModuleDecl(ast::ModuleDecl::ExportNamed(named)) = item else { continue };
        if named.src.is_some() {
            continue;
        }
        for spec in &named.specifiers {
            let ast::ExportSpecifier::Named(n) = spec else { continue };
            let orig = match &n.orig {
                ast::ModuleExportName::Ident(i) => i.sym.to_string(),
                ast::ModuleExportName::Str(s) => syntax::str_value(s),
            };
            if orig != local {
                continue;
            }
            let exported = match &n.exported {
                Some(ast::ModuleExportName::Ident(i)) => i.sym.to_string(),
                Some(ast::ModuleExportName::Str(s)) => syntax::str_value(s),
                None => orig,
            };
            out.push(exported);
        }
    }
    out
}

fn is_relative(specifier: &str) -> bool {
    specifier.starts_with("./") || specifier.starts_with("../") || specifier == "." || specifier == ".."
}

/// The declarations a constant of another program file refers to, each written through
/// `specifier` when that module exports it under its own name.
fn aliased_references(
    refs: &mut ProgramRefs<'_, '_>,
    context: ModuleId,
    specifier: &str,
    constant: &SymbolId,
) -> Vec<(String, EmitRef)> {
    let is_class =
        refs.analysis.modules.metadata(constant.module).and_then(|m| m.get(&constant.name)).and_then(symbolic) == Some("class");
    if is_class {
        return Vec::new();
    }
    let value = {
        let mut ev = Evaluator::new(&mut refs.analysis.modules);
        ev.evaluate_entry(constant)
    };
    let mut symbols = Vec::new();
    collect_symbols(&value, &mut symbols);
    let mut out = Vec::new();
    for symbol in symbols {
        if refs.imported_symbol(context, specifier, &symbol.name).as_ref() == Some(&symbol) {
            let emit = EmitRef::Import { module: specifier.to_string(), name: symbol.name.clone() };
            out.push((refs.key(&symbol), emit));
        }
    }
    out
}

fn collect_symbols(value: &StaticValue, out: &mut Vec<SymbolId>) {
    match value {
        StaticValue::Symbol(s) | StaticValue::ModuleWithProviders(s) => out.push(s.clone()),
        StaticValue::Array(items) => items.iter().for_each(|i| collect_symbols(i, out)),
        _ => {}
    }
}

/// Whether a declaration is a value (not an interface).
fn is_value(refs: &ProgramRefs<'_, '_>, symbol: &SymbolId) -> bool {
    match symbol.module {
        ModuleId::Program(_) => !matches!(
            refs.analysis.modules.metadata(symbol.module).and_then(|m| m.get(&symbol.name)).and_then(symbolic),
            Some("interface")
        ),
        ModuleId::Library(_) => true,
    }
}

fn has_member_decorators(class: &ast::Class) -> bool {
    class.body.iter().any(|m| match m {
        ast::ClassMember::ClassProp(p) => !p.decorators.is_empty(),
        ast::ClassMember::Method(m) => !m.function.decorators.is_empty(),
        ast::ClassMember::AutoAccessor(a) => !a.decorators.is_empty(),
        _ => false,
    })
}

/// `ns.Type` references in constructor parameter types, with `ns` a namespace import.
fn namespace_types(class: &ast::Class, source: &Source<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(ctor) = crate::di::constructor(class) else { return out };
    for param in &ctor.params {
        let ty = match param {
            ast::ParamOrTsParamProp::Param(p) => match &p.pat {
                ast::Pat::Ident(b) => b.type_ann.as_deref(),
                _ => None,
            },
            ast::ParamOrTsParamProp::TsParamProp(p) => match &p.param {
                ast::TsParamPropParam::Ident(b) => b.type_ann.as_deref(),
                _ => None,
            },
        };
        let Some(ty) = ty else { continue };
        let mut t = &*ty.type_ann;
        if let ast::TsType::TsUnionOrIntersectionType(ast::TsUnionOrIntersectionType::TsUnionType(u)) = t {
            if let Some(first) = u.types.first() {
                t = first;
            }
        }
        if let ast::TsType::TsTypeRef(r) = t {
            if let ast::TsEntityName::TsQualifiedName(q) = &r.type_name {
                if let ast::TsEntityName::Ident(ns) = &q.left {
                    if source.imports.get(&ns.sym).is_some_and(|b| b.kind == ImportKind::Namespace) {
                        out.push((ns.sym.to_string(), q.right.sym.to_string()));
                    }
                }
            }
        }
    }
    out
}

fn class_facts(
    refs: &mut ProgramRefs<'_, '_>,
    module: ModuleId,
    source: &Source<'_>,
    name: &str,
    key: &str,
    class: &ast::Class,
) -> ClassFacts {
    let mut facts = ClassFacts { name: name.to_string(), ..Default::default() };
    let entry = refs.analysis.modules.metadata(module).and_then(|m| m.get(key)).cloned();
    let class_site = Site { module, pointer: format!("/metadata/{}", escape(key)) };
    let json_decorators: Vec<Json> = match entry.as_ref().and_then(|e| e.get("decorators")) {
        Some(Json::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    for (i, _) in class.decorators.iter().enumerate() {
        let value = json_decorators.get(i).and_then(|d| match d.get("arguments") {
            Some(Json::Array(args)) if !args.is_empty() => {
                let site = class_site.child("decorators").child(&i.to_string()).child("arguments").child("0");
                let value = evaluate(refs, &args[0], &site);
                Some(refs.value(module, &value))
            }
            _ => None,
        });
        facts.decorator_args.push(value);
    }
    // NgModule imports, element by element.
    let ng_module_decorator =
        syntax::decorators(&class.decorators, &source.imports).iter().position(|d| d.is_angular_core() && d.name == "NgModule");
    if let Some(index) = ng_module_decorator {
        let imports_json = json_decorators
            .get(index)
            .and_then(|d| d.get("arguments"))
            .and_then(|a| match a {
                Json::Array(args) => args.first(),
                _ => None,
            })
            .and_then(|arg| arg.get("imports"))
            .cloned();
        if let Some(imports) = imports_json {
            let site = class_site.child("decorators").child(&index.to_string()).child("arguments").child("0").child("imports");
            let elements: Vec<Value> = match &imports {
                Json::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let child = site.child(&i.to_string());
                        let (json, at) = if symbolic(item) == Some("spread") {
                            (item.get("expression").cloned().unwrap_or(Json::Null), child.child("expression"))
                        } else {
                            (item.clone(), child)
                        };
                        let value = evaluate(refs, &json, &at);
                        refs.value(module, &value)
                    })
                    .collect(),
                other => {
                    let value = evaluate(refs, other, &site);
                    vec![refs.value(module, &value)]
                }
            };
            facts.ng_module_imports = Some(elements);
        }
    }
    // Member decorators.
    if let Some(Json::Object(members)) = entry.as_ref().and_then(|e| e.get("members")) {
        for (member, list) in members {
            let Json::Array(list) = list else { continue };
            let mut occurrences = Vec::new();
            for (i, item) in list.iter().enumerate() {
                let Some(Json::Array(decorators)) = item.get("decorators") else { continue };
                let mut per_decorator = Vec::new();
                for (j, decorator) in decorators.iter().enumerate() {
                    let site =
                        class_site.child("members").child(member).child(&i.to_string()).child("decorators").child(&j.to_string());
                    let args: Vec<Value> = match decorator.get("arguments") {
                        Some(Json::Array(args)) => args
                            .iter()
                            .enumerate()
                            .map(|(k, a)| {
                                let value = evaluate(refs, a, &site.child("arguments").child(&k.to_string()));
                                refs.value(module, &value)
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    per_decorator.push(args);
                }
                occurrences.push(per_decorator);
            }
            facts.member_args.push((member.clone(), occurrences));
        }
    }
    let symbol = SymbolId { module, name: key.to_string() };
    facts.scope = component_scope(refs, module, &symbol);
    facts
}

fn evaluate(refs: &mut ProgramRefs<'_, '_>, json: &Json, site: &Site) -> StaticValue {
    let mut ev = Evaluator::new(&mut refs.analysis.modules);
    ev.evaluate(json, site, &HashMap::new())
}

/// The scope of a component, in ngc's dependency order.
fn component_scope(refs: &mut ProgramRefs<'_, '_>, module: ModuleId, symbol: &SymbolId) -> Option<Scope> {
    let Some(Declaration::Directive(meta)) = refs.analysis.declaration(symbol).cloned() else { return None };
    if !meta.is_component {
        return None;
    }
    let component_scope = refs.analysis.component_scopes.get(symbol).cloned()?;
    let mut scope = Scope { standalone: meta.standalone, ..Default::default() };
    let same_file_module = component_scope.declared_in.as_ref().is_some_and(|m| m.module == module);
    if meta.standalone {
        let mut seen: HashSet<SymbolId> = HashSet::new();
        seen.insert(symbol.clone());
        scope.dependencies.push(dependency(refs, module, symbol, false));
        let mut flat = Vec::new();
        flatten(meta.imports.iter().map(|(v, _)| v), &mut flat);
        for value in flat {
            let imported = match &value {
                StaticValue::Symbol(s) => s.clone(),
                _ => continue,
            };
            if !seen.insert(imported.clone()) {
                continue;
            }
            let (kind, _) = refs.kind_of(&imported);
            match kind {
                RefKind::NgModule => {
                    scope.dependencies.push(dependency(refs, module, &imported, true));
                    for entry in &component_scope.scope.directives {
                        if entry.via.as_ref() == Some(&imported) && seen.insert(entry.symbol.clone()) {
                            scope.dependencies.push(dependency(refs, module, &entry.symbol, false));
                        }
                    }
                }
                RefKind::Component | RefKind::Directive => scope.dependencies.push(dependency(refs, module, &imported, true)),
                _ => {}
            }
        }
    } else {
        for entry in &component_scope.scope.directives {
            let direct = same_file_module && entry.via.is_none();
            scope.dependencies.push(dependency(refs, module, &entry.symbol, direct));
        }
    }
    for entry in &component_scope.scope.pipes {
        let direct = if meta.standalone { entry.via.is_none() } else { same_file_module && entry.via.is_none() };
        scope.pipes.push(dependency(refs, module, &entry.symbol, direct));
    }
    Some(scope)
}

fn flatten<'v>(values: impl Iterator<Item = &'v StaticValue>, out: &mut Vec<StaticValue>) {
    for value in values {
        match value {
            StaticValue::Array(items) => flatten(items.iter(), out),
            other => out.push(other.clone()),
        }
    }
}

fn dependency(refs: &mut ProgramRefs<'_, '_>, module: ModuleId, symbol: &SymbolId, direct: bool) -> ScopeDependency {
    let reference = refs.reference(module, symbol);
    let declaration = refs.analysis.declaration(symbol).cloned();
    let (directive, pipe_name) = match declaration {
        Some(Declaration::Directive(d)) => (
            Some(DirectiveFacts {
                selector: d.selector.clone(),
                inputs: d.inputs.iter().map(|i| (i.property.clone(), i.alias.clone())).collect(),
                outputs: d.outputs.iter().map(|o| (o.property.clone(), o.alias.clone())).collect(),
                export_as: d.export_as.clone(),
                is_component: d.is_component,
            }),
            None,
        ),
        Some(Declaration::Pipe(p)) => (None, Some(p.name.clone())),
        _ => (None, None),
    };
    ScopeDependency { reference, direct, directive, pipe_name }
}
