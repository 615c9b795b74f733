//! The Ivy metadata: decorator metadata for the Ivy compiler, where View Engine's metadata has
//! error nodes.
//!
//! Angular 8's collector replaces a whole object literal, array or call by an error node when
//! anything inside it is one, and refers to module-local declarations by error nodes (a
//! non-exported class or function, a local variable it cannot inline). ngc 22 reads the
//! TypeScript source instead and compiles such programs. After the View Engine metadata has
//! been serialised, this pass evaluates again, in the evaluator's Ivy mode, every top-level
//! entry whose View Engine value holds an error node, every non-exported decorated class, and
//! every module-local declaration those refer to (transitively):
//!
//! - an error node stands only for the expression at its own span: the object, array, call
//!   or selection around it stays readable;
//! - a module-local declaration is `{__symbolic: 'reference', name, local: true}`, with View
//!   Engine's error node for the reference under `error` when View Engine had one (the
//!   restriction the reflector reports), and has an entry of its own;
//! - lambdas are lowered as ngc 8 lowered them (new `ɵN` entries, numbered after the
//!   metadata's), so that exactly the lambdas View Engine could not rewrite stay errors.
//!
//! Entries are keyed as the metadata keys them (exported name; local name for declarations
//! that are not exported) and have the metadata's shapes, so the reflector reads them in place
//! of the metadata's entries.

use std::collections::{HashMap, HashSet};

use ngc_diagnostics::Span;
use swc_ecma_ast::{Class, Expr, Function, Ident, Module, Pat, VarDeclarator};

use crate::collector::{classify, ModuleWalk, TopLevel, Walker};
use crate::evaluator::{at, Evaluator, IvyMode, LocalKind};
use crate::json::Json;
use crate::source::SourceFile;
use crate::span_tree::SpanTree;
use crate::value::{self, Value};
use crate::MemberFact;

/// Decorator metadata for the Ivy compiler, in the shape of the module's `metadata` object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IvyMetadata {
    /// Entries by name, in source order, then the `ɵN` entries lowering made for them. Each
    /// replaces the metadata entry of the same name, or adds one for a declaration that is
    /// not exported (listed in `local`).
    pub entries: Vec<(String, Json)>,
    /// Source spans of the entries' nodes, shaped like `{<name>: <entry>}` (look up
    /// `/AppComponent/decorators/0`).
    pub spans: SpanTree,
    /// The names of `entries` that are not exported: module-local declarations.
    pub local: Vec<String>,
}

impl IvyMetadata {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, name: &str) -> Option<&Json> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, e)| e)
    }

    pub fn is_local(&self, name: &str) -> bool {
        self.local.iter().any(|n| n == name)
    }
}

/// What the pass produces besides the metadata.
pub(crate) struct IvyPass<'m> {
    pub metadata: IvyMetadata,
    /// Decorated members of the non-exported classes it recorded.
    pub decorated_members: Vec<MemberFact>,
    /// The non-exported classes it recorded, by name.
    pub classes: Vec<(String, &'m Class)>,
}

/// A module-local declaration a local reference may name.
enum Local<'m> {
    Class { class: &'m Class, node: Span },
    Function { ident: &'m Ident, function: &'m Function, node: Span },
    Variable { declarator: &'m VarDeclarator, node: Span },
}

impl Local<'_> {
    fn kind(&self) -> LocalKind {
        match self {
            Local::Class { .. } => LocalKind::Class,
            Local::Function { .. } => LocalKind::Function,
            Local::Variable { .. } => LocalKind::Variable,
        }
    }

    fn start(&self) -> u32 {
        match self {
            Local::Class { node, .. } | Local::Function { node, .. } | Local::Variable { node, .. } => node.start,
        }
    }
}

/// An entry evaluated by the pass.
struct Entry {
    name: String,
    start: u32,
    value: Value,
    local: bool,
}

/// Runs the pass over a module whose View Engine metadata has been serialised.
pub(crate) fn ivy_metadata<'m>(
    module: &'m Module,
    ev: &mut Evaluator<'_, '_>,
    source: &SourceFile<'_>,
    walk: &ModuleWalk<'m>,
) -> IvyPass<'m> {
    let empty = IvyPass { metadata: IvyMetadata::default(), decorated_members: Vec::new(), classes: Vec::new() };
    if source.is_declaration_file {
        return empty;
    }
    let items: Vec<TopLevel<'m>> = module.body.iter().filter_map(|item| classify(item, false)).collect();
    let view_engine_entry = |name: &str| walk.metadata.as_ref().and_then(|m| m.prop(name));
    let is_metadata_key = |name: &str| view_engine_entry(name).is_some();

    let mut walker = Walker {
        ev,
        export_map: walk.export_map.clone(),
        metadata: None,
        class_nodes: HashMap::new(),
        decorated_members: Vec::new(),
    };

    // The declarations local references may name: not exported, and not sharing a name with a
    // metadata entry (which a reference by name would find instead).
    let mut locals: HashMap<String, Local<'m>> = HashMap::new();
    for item in &items {
        match item {
            TopLevel::Class { ident: Some(ident), class, exported, node }
                if !walker.is_exported(*exported, Some(ident)) =>
            {
                locals.entry(ident.sym.to_string()).or_insert(Local::Class { class, node: *node });
            }
            TopLevel::Function { ident: Some(ident), function, exported, node }
                if !walker.is_exported(*exported, Some(ident)) =>
            {
                // Overloads: the declaration with a body.
                let name = ident.sym.to_string();
                let replaces = match locals.get(&name) {
                    None => true,
                    Some(Local::Function { function: previous, .. }) => {
                        previous.body.is_none() && function.body.is_some()
                    }
                    Some(_) => false,
                };
                if replaces {
                    locals.insert(name, Local::Function { ident, function, node: *node });
                }
            }
            TopLevel::Var { decl, exported, node } => {
                for declarator in &decl.decls {
                    let Pat::Ident(binding) = &declarator.name else { continue };
                    if *exported || walker.export_map.contains_key(&*binding.id.sym) {
                        continue;
                    }
                    locals.entry(binding.id.sym.to_string()).or_insert(Local::Variable { declarator, node: *node });
                }
            }
            _ => {}
        }
    }
    locals.retain(|name, _| !is_metadata_key(name));

    walker.ev.ivy = Some(IvyMode::new(locals.iter().map(|(n, l)| (n.clone(), l.kind())).collect()));
    let mut entries: Vec<Entry> = Vec::new();
    let mut done: HashSet<String> = HashSet::new();
    let mut lowered: Vec<(String, Value)> = Vec::new();

    // Exported entries View Engine could not represent, and non-exported decorated classes.
    for item in &items {
        match item {
            TopLevel::Class { ident: Some(ident), class, exported, node } => {
                let local = !walker.is_exported(*exported, Some(ident));
                let name = if local { ident.sym.to_string() } else { walker.exported_name(ident) };
                let wanted = if local {
                    !class.decorators.is_empty() && locals.contains_key(&name)
                } else {
                    view_engine_entry(&name).is_some_and(|e| e.contains_error())
                };
                if wanted && done.insert(name.clone()) {
                    let value = walker.class_metadata(&name, class, *node);
                    entries.push(Entry { name, start: node.start, value, local });
                }
            }
            TopLevel::Function { ident: Some(ident), function, exported, node }
                if walker.is_exported(*exported, Some(ident)) =>
            {
                let name = walker.exported_name(ident);
                if view_engine_entry(&name).is_some_and(|e| e.contains_error()) && done.insert(name.clone()) {
                    let value = function_metadata(&mut walker, ident, function, *node);
                    entries.push(Entry { name, start: node.start, value, local: false });
                }
            }
            TopLevel::Var { decl, exported, node } => {
                for declarator in &decl.decls {
                    let Pat::Ident(binding) = &declarator.name else { continue };
                    let ident = &binding.id;
                    if !(*exported || walker.export_map.contains_key(&*ident.sym)) {
                        continue;
                    }
                    let name = walker.exported_name(ident);
                    if view_engine_entry(&name).is_some_and(|e| e.contains_error()) && done.insert(name.clone()) {
                        let value = variable_value(&mut walker, declarator, true, *node);
                        entries.push(Entry { name, start: node.start, value, local: false });
                    }
                }
            }
            _ => {}
        }
        take_lowered(&mut walker, &mut lowered);
    }

    // The local declarations referenced so far, until no new one is.
    let mut next = 0;
    while let Some(name) = walker.ev.ivy.as_ref().and_then(|ivy| ivy.referenced.get(next)).cloned() {
        next += 1;
        if !done.insert(name.clone()) {
            continue;
        }
        let Some(local) = locals.get(&name) else { continue };
        let start = local.start();
        let value = match local {
            Local::Class { class, node } => walker.class_metadata(&name, class, *node),
            Local::Function { ident, function, node } => function_metadata(&mut walker, ident, function, *node),
            Local::Variable { declarator, node } => variable_value(&mut walker, declarator, false, *node),
        };
        entries.push(Entry { name, start, value, local: true });
        take_lowered(&mut walker, &mut lowered);
    }
    walker.ev.ivy = None;

    entries.sort_by_key(|e| e.start);
    let local_names: Vec<String> = entries.iter().filter(|e| e.local).map(|e| e.name.clone()).collect();
    let decorated_members: Vec<MemberFact> =
        walker.decorated_members.into_iter().filter(|m| local_names.contains(&m.class)).collect();
    let classes: Vec<(String, &'m Class)> = entries
        .iter()
        .filter(|e| e.local)
        .filter_map(|e| match locals.get(&e.name) {
            Some(Local::Class { class, .. }) => Some((e.name.clone(), *class)),
            _ => None,
        })
        .collect();

    let object = Value::new_object();
    for entry in &entries {
        object.set_prop(&entry.name, entry.value.clone());
    }
    for (name, value) in &lowered {
        object.set_prop(name, value.clone());
    }
    let mut cyclic = false;
    let span_of = |v: &Value| ev_span(walker.ev, v);
    let (json, spans) = value::to_json(&object, &span_of, &mut cyclic);
    if cyclic {
        // Metadata that refers to itself cannot be serialised: the reflector reads the
        // metadata's entries instead.
        return empty;
    }
    let Json::Object(entries) = json else { return empty };
    IvyPass { metadata: IvyMetadata { entries, spans, local: local_names }, decorated_members, classes }
}

fn ev_span(ev: &Evaluator<'_, '_>, value: &Value) -> Option<Span> {
    ev.node_map.span_of(value)
}

/// Moves the `ɵN` entries lowering made into `out`.
fn take_lowered(walker: &mut Walker<'_, '_, '_>, out: &mut Vec<(String, Value)>) {
    if let Some(lowering) = &mut walker.ev.lowering {
        out.append(&mut lowering.lowered);
    }
}

/// A function's metadata, as the collector records an exported function.
fn function_metadata(walker: &mut Walker<'_, '_, '_>, ident: &Ident, function: &Function, node: Span) -> Value {
    match walker.simple_function(Some(&ident.sym), function, node, at(ident).end) {
        Some(func) => walker.ev.record(func, node),
        None => walker.ev.record(Value::object(vec![("__symbolic", Value::str("function"))]), node),
    }
}

/// A variable's value, evaluated where lowering applies as it does for the metadata.
fn variable_value(walker: &mut Walker<'_, '_, '_>, declarator: &VarDeclarator, exported: bool, node: Span) -> Value {
    let value = match declarator.init.as_deref() {
        Some(init) => {
            let eligible = !exported || matches!(init, Expr::Object(_) | Expr::Array(_) | Expr::Call(_));
            walker.with_lowering_eligible(eligible, |w| w.ev.evaluate(init, false))
        }
        None => {
            let name_span = at(&declarator.name);
            walker.ev.error("Variable not initialized", name_span, None)
        }
    };
    walker.ev.record(value, node)
}
