//! Compilation scopes: what the template of each component may use.
//!
//! An NgModule's compilation scope is the exported scope of each import (in order), then its
//! own declarations; its exported scope is its exports, with exported NgModules replaced by
//! their own exported scope, transitively. A standalone component's scope is itself, then each
//! of its imports: standalone declarables as they are, NgModules by their exported scope.

use std::collections::{BTreeMap, HashMap, HashSet};

use ngc_diagnostics::Span;

use crate::declarations::Declaration;
use crate::evaluate::StaticValue;
use crate::modules::SymbolId;

/// A directive or pipe in scope, and the NgModule it came through: the one the component's
/// NgModule (or the standalone component) imports (`None`: declared or imported directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeEntry {
    pub symbol: SymbolId,
    pub via: Option<SymbolId>,
}

/// The directives and pipes a template may use, in Angular's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub directives: Vec<ScopeEntry>,
    pub pipes: Vec<ScopeEntry>,
}

impl Scope {
    fn add(&mut self, entry: ScopeEntry, is_pipe: bool) {
        let list = if is_pipe { &mut self.pipes } else { &mut self.directives };
        if !list.iter().any(|e| e.symbol == entry.symbol) {
            list.push(entry);
        }
    }

    fn extend(&mut self, other: &Scope, via: &SymbolId) {
        for d in &other.directives {
            self.add(ScopeEntry { symbol: d.symbol.clone(), via: Some(via.clone()) }, false);
        }
        for p in &other.pipes {
            self.add(ScopeEntry { symbol: p.symbol.clone(), via: Some(via.clone()) }, true);
        }
    }
}

/// A scope problem, at the span of the offending list entry.
#[derive(Debug, Clone)]
pub enum ScopeProblem {
    /// NG6001: a declaration that is not a directive, component or pipe. (An entry that is
    /// not a reference at all is ngc's NG1010, reported with the values Ivy needs.)
    InvalidDeclaration { ng_module: SymbolId, entry: String, span: Span },
    /// NG6002 / NG6003: an import that is not an NgModule (or standalone), an export that is
    /// not an NgModule or declarable.
    InvalidImport { ng_module: SymbolId, entry: String, span: Span },
    InvalidExport { ng_module: SymbolId, entry: String, span: Span },
    /// NG6007: declared by two NgModules.
    DeclaredTwice { class: SymbolId, kind: &'static str, first: SymbolId, second: SymbolId, span: Span },
    /// NG6008: a standalone declarable in `declarations`.
    StandaloneDeclared { ng_module: SymbolId, entry: SymbolId, kind: &'static str, span: Span },
    /// NG2012: a component import that is neither standalone nor an NgModule.
    UnknownComponentImport { component: SymbolId, entry: String, span: Span },
    /// NG2011: a component import of a non-standalone declarable, with the NgModule that
    /// declares it and whether that NgModule exports it.
    ImportNotStandalone { component: SymbolId, entry: SymbolId, kind: &'static str, declared_in: Option<(SymbolId, bool)>, span: Span },
}

/// Computes scopes over all declarations; `declaration` looks a class up (loading library
/// declarations on demand).
pub struct Scopes<'d> {
    declaration: &'d mut dyn FnMut(&SymbolId) -> Declaration,
    exported: HashMap<SymbolId, Scope>,
    in_progress: HashSet<SymbolId>,
    pub problems: Vec<ScopeProblem>,
    /// Which NgModule declares each class.
    pub declared_in: BTreeMap<SymbolId, SymbolId>,
}

impl<'d> Scopes<'d> {
    pub fn new(declaration: &'d mut dyn FnMut(&SymbolId) -> Declaration) -> Self {
        Scopes { declaration, exported: HashMap::new(), in_progress: HashSet::new(), problems: Vec::new(), declared_in: BTreeMap::new() }
    }

    fn declaration(&mut self, symbol: &SymbolId) -> Declaration {
        (self.declaration)(symbol)
    }

    /// The NgModule an import or export entry names: a class or `ModuleWithProviders`.
    fn as_ng_module(&mut self, value: &StaticValue) -> Option<SymbolId> {
        let symbol = match value {
            StaticValue::Symbol(s) | StaticValue::ModuleWithProviders(s) => s,
            _ => return None,
        };
        matches!(self.declaration(symbol), Declaration::NgModule(_)).then(|| symbol.clone())
    }

    /// The exported scope of an NgModule.
    pub fn exported_scope(&mut self, ng_module: &SymbolId) -> Scope {
        if let Some(scope) = self.exported.get(ng_module) {
            return scope.clone();
        }
        if !self.in_progress.insert(ng_module.clone()) {
            return Scope::default();
        }
        let mut scope = Scope::default();
        if let Declaration::NgModule(meta) = self.declaration(ng_module) {
            for (entry, span) in &meta.exports {
                if let Some(module) = self.as_ng_module(entry) {
                    let inner = self.exported_scope(&module);
                    scope.extend(&inner, &module);
                    continue;
                }
                // An entry that is not a reference is an error of the NgModule's lists
                // (`needed.rs`).
                if let StaticValue::Symbol(s) = entry {
                    match self.declaration(s) {
                        Declaration::Directive(_) => scope.add(ScopeEntry { symbol: s.clone(), via: None }, false),
                        Declaration::Pipe(_) => scope.add(ScopeEntry { symbol: s.clone(), via: None }, true),
                        _ => self.problems.push(ScopeProblem::InvalidExport { ng_module: ng_module.clone(), entry: s.name.clone(), span: *span }),
                    }
                }
            }
        }
        self.in_progress.remove(ng_module);
        self.exported.insert(ng_module.clone(), scope.clone());
        scope
    }

    /// The compilation scope of a program NgModule, checking its lists.
    pub fn compilation_scope(&mut self, ng_module: &SymbolId) -> Scope {
        let mut scope = Scope::default();
        let Declaration::NgModule(meta) = self.declaration(ng_module) else { return scope };
        for (entry, span) in &meta.imports {
            if let Some(module) = self.as_ng_module(entry) {
                let exported = self.exported_scope(&module);
                scope.extend(&exported, &module);
                continue;
            }
            if let StaticValue::Symbol(s) = entry {
                match self.declaration(s) {
                    Declaration::Directive(d) if d.standalone => scope.add(ScopeEntry { symbol: s.clone(), via: None }, false),
                    Declaration::Pipe(p) if p.standalone => scope.add(ScopeEntry { symbol: s.clone(), via: None }, true),
                    _ => self.problems.push(ScopeProblem::InvalidImport { ng_module: ng_module.clone(), entry: s.name.clone(), span: *span }),
                }
            }
        }
        for (entry, span) in &meta.declarations {
            let s = match entry {
                StaticValue::Symbol(s) => s,
                StaticValue::ModuleWithProviders(s) => {
                    self.problems.push(ScopeProblem::InvalidDeclaration { ng_module: ng_module.clone(), entry: s.name.clone(), span: *span });
                    continue;
                }
                _ => continue,
            };
            let (is_pipe, standalone, kind) = match self.declaration(s) {
                Declaration::Directive(d) => (false, d.standalone, if d.is_component { "Component" } else { "Directive" }),
                Declaration::Pipe(p) => (true, p.standalone, "Pipe"),
                _ => {
                    self.problems.push(ScopeProblem::InvalidDeclaration { ng_module: ng_module.clone(), entry: s.name.clone(), span: *span });
                    continue;
                }
            };
            if standalone {
                self.problems.push(ScopeProblem::StandaloneDeclared { ng_module: ng_module.clone(), entry: s.clone(), kind, span: *span });
                continue;
            }
            match self.declared_in.get(s) {
                Some(first) if first != ng_module => self.problems.push(ScopeProblem::DeclaredTwice {
                    class: s.clone(),
                    kind,
                    first: first.clone(),
                    second: ng_module.clone(),
                    span: *span,
                }),
                _ => {
                    self.declared_in.insert(s.clone(), ng_module.clone());
                }
            }
            scope.add(ScopeEntry { symbol: s.clone(), via: None }, is_pipe);
        }
        scope
    }

    /// The scope of a standalone component: itself, then its imports.
    pub fn standalone_scope(&mut self, component: &SymbolId, imports: &[(StaticValue, Span)]) -> Scope {
        let mut scope = Scope::default();
        scope.add(ScopeEntry { symbol: component.clone(), via: None }, false);
        for (entry, span) in imports {
            if let Some(module) = self.as_ng_module(entry) {
                let exported = self.exported_scope(&module);
                scope.extend(&exported, &module);
                continue;
            }
            if let StaticValue::Symbol(s) = entry {
                match self.declaration(s) {
                    Declaration::Directive(d) if d.standalone => scope.add(ScopeEntry { symbol: s.clone(), via: None }, false),
                    Declaration::Pipe(p) if p.standalone => scope.add(ScopeEntry { symbol: s.clone(), via: None }, true),
                    declaration @ (Declaration::Directive(_) | Declaration::Pipe(_)) => {
                        let kind = match declaration {
                            Declaration::Directive(d) if d.is_component => "component",
                            Declaration::Directive(_) => "directive",
                            _ => "pipe",
                        };
                        let declared_in = self.declared_in.get(s).cloned().map(|module| {
                            let exported = self.exported_scope(&module);
                            let exports = exported.directives.iter().chain(&exported.pipes).any(|e| e.symbol == *s);
                            (module, exports)
                        });
                        self.problems.push(ScopeProblem::ImportNotStandalone {
                            component: component.clone(),
                            entry: s.clone(),
                            kind,
                            declared_in,
                            span: *span,
                        })
                    }
                    _ => self.problems.push(ScopeProblem::UnknownComponentImport {
                        component: component.clone(),
                        entry: s.name.clone(),
                        span: *span,
                    }),
                }
            }
        }
        scope
    }
}
