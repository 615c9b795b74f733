//! The collector's symbol table: built-in globals, imported names, and module-local
//! definitions made while the file is walked.

use std::collections::HashMap;

use swc_ecma_ast::{
    Decl, ImportSpecifier, Module, ModuleDecl, ModuleExportName, ModuleItem, Stmt, Str,
    TsModuleDecl, TsModuleRef, TsNamespaceBody,
};

use crate::source::{span_of, SourceFile};
use crate::value::Value;

/// Globals of lib.d.ts that resolve to global references (`{__symbolic: 'reference', name}`).
const BUILTINS: &[&str] = &[
    "Object", "Function", "String", "Number", "Array", "Boolean", "Map", "NaN", "Infinity", "Math",
    "Date", "RegExp", "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError",
    "TypeError", "URIError", "JSON", "ArrayBuffer", "DataView", "Int8Array", "Uint8Array",
    "Uint8ClampedArray", "Uint16Array", "Int16Array", "Int32Array", "Uint32Array", "Float32Array",
    "Float64Array",
];

/// Name → value. Values are shared objects: a generic type reference may add `arguments` to
/// an entry, and every later use sees it, as in the original.
pub(crate) struct Symbols {
    symbols: HashMap<String, Value>,
    references: HashMap<String, Value>,
}

impl Symbols {
    pub fn new(module: &Module, source: &SourceFile<'_>) -> Self {
        let mut table = Symbols { symbols: HashMap::new(), references: HashMap::new() };
        table.add_imports(&module.body, source);
        table
    }

    /// `preferReference` picks the reference recorded for an exported constant over its value.
    /// A built-in is created on first use (imports and definitions shadow it), and then shared
    /// like every other entry.
    pub fn resolve(&mut self, name: &str, prefer_reference: bool) -> Option<Value> {
        if prefer_reference {
            if let Some(reference) = self.references.get(name) {
                return Some(reference.clone());
            }
        }
        if let Some(value) = self.symbols.get(name) {
            return Some(value.clone());
        }
        let builtin = BUILTINS.iter().find(|b| **b == name)?;
        let value = Value::global_reference(builtin);
        self.symbols.insert(name.to_string(), value.clone());
        Some(value)
    }

    pub fn define(&mut self, name: &str, value: Value) {
        self.symbols.insert(name.to_string(), value);
    }

    pub fn define_reference(&mut self, name: &str, value: Value) {
        self.references.insert(name.to_string(), value);
    }

    fn add_imports(&mut self, items: &[ModuleItem], source: &SourceFile<'_>) {
        for item in items {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                    let from = module_specifier_text(&import.src, source);
                    for specifier in &import.specifiers {
                        match specifier {
                            ImportSpecifier::Default(default) => {
                                self.symbols.insert(
                                    default.local.sym.to_string(),
                                    Value::object(vec![
                                        ("__symbolic", Value::str("reference")),
                                        ("module", Value::str(&from)),
                                        ("default", Value::Bool(true)),
                                    ]),
                                );
                            }
                            ImportSpecifier::Named(named) => {
                                let name = match &named.imported {
                                    Some(imported) => export_name(imported),
                                    None => named.local.sym.to_string(),
                                };
                                self.symbols.insert(
                                    named.local.sym.to_string(),
                                    Value::object(vec![
                                        ("__symbolic", Value::str("reference")),
                                        ("module", Value::str(&from)),
                                        ("name", Value::str(&name)),
                                    ]),
                                );
                            }
                            ImportSpecifier::Namespace(ns) => {
                                self.symbols.insert(
                                    ns.local.sym.to_string(),
                                    Value::object(vec![
                                        ("__symbolic", Value::str("reference")),
                                        ("module", Value::str(&from)),
                                    ]),
                                );
                            }
                        }
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(decl)) => {
                    let value = match &decl.module_ref {
                        TsModuleRef::TsExternalModuleRef(external) => Value::object(vec![
                            ("__symbolic", Value::str("reference")),
                            ("module", Value::str(&module_specifier_text(&external.expr, source))),
                        ]),
                        TsModuleRef::TsEntityName(_) => {
                            let error = Value::object(vec![
                                ("__symbolic", Value::str("error")),
                                ("message", Value::str("Unsupported import syntax")),
                            ]);
                            if let Value::Object(o) = &error {
                                o.borrow_mut().error_span = Some(span_of(decl.span));
                            }
                            error
                        }
                    };
                    self.symbols.insert(decl.id.sym.to_string(), value);
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                    if let Decl::TsModule(m) = &export.decl {
                        self.add_module_imports(m, source);
                    }
                }
                ModuleItem::Stmt(Stmt::Decl(Decl::TsModule(m))) => self.add_module_imports(m, source),
                _ => {}
            }
        }
    }

    fn add_module_imports(&mut self, decl: &TsModuleDecl, source: &SourceFile<'_>) {
        let mut body = decl.body.as_ref();
        while let Some(b) = body {
            match b {
                TsNamespaceBody::TsModuleBlock(block) => {
                    self.add_imports(&block.body, source);
                    body = None;
                }
                TsNamespaceBody::TsNamespaceDecl(inner) => body = Some(&inner.body),
            }
        }
    }
}

/// `stripQuotes(moduleSpecifier.getText())`: the literal as written, without its quotes.
fn module_specifier_text(src: &Str, source: &SourceFile<'_>) -> String {
    let raw = source.slice(span_of(src.span));
    let raw = raw.strip_prefix(['\'', '"']).unwrap_or(raw);
    raw.strip_suffix(['\'', '"']).unwrap_or(raw).to_string()
}

pub(crate) fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(ident) => ident.sym.to_string(),
        ModuleExportName::Str(s) => crate::jsstr::from_wtf8(&s.value),
    }
}
