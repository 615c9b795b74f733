//! Reading the file being transformed from its swc AST, the way ngc's `TypeScriptReflectionHost`
//! reads a `ts.SourceFile`: the import bindings, the class declarations with their decorators
//! (resolved to the module each decorator is imported from), members, constructor parameters
//! and the properties of decorator object literals.
//!
//! Positions are byte offsets into the file's text ([`Spans`]).

use std::borrow::Cow;

use ngc_diagnostics::Span;
use swc_common::Spanned;
use swc_ecma_ast as ast;

/// Converts swc positions of one parsed file into byte offsets of its text: the file's
/// first byte is at `BytePos(base)`.
#[derive(Debug, Clone, Copy)]
pub struct Spans {
    pub base: u32,
    pub len: u32,
}

impl Spans {
    /// A swc span as byte offsets into the text.
    pub fn of(&self, span: swc_common::Span) -> Span {
        Span::new(span.lo.0.saturating_sub(self.base).min(self.len), span.hi.0.saturating_sub(self.base).min(self.len))
    }
}

/// The text of `span` in `text` (empty when out of range).
pub fn slice(text: &str, span: Span) -> &str {
    text.get(span.start as usize..span.end as usize).unwrap_or("")
}

/// The value of a string literal, as JavaScript sees it (lone surrogates become U+FFFD).
pub fn str_value(s: &ast::Str) -> String {
    s.value.to_string_lossy().into_owned()
}

/// How a local name is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportKind {
    /// `import {name as local}`: the exported name.
    Named(String),
    /// `import local from`
    Default,
    /// `import * as local from`
    Namespace,
}

/// One local binding created by an import declaration.
#[derive(Debug, Clone)]
pub struct ImportBinding {
    pub local: String,
    pub kind: ImportKind,
    pub specifier: String,
    /// `import type {…}` or `import {type X}`.
    pub type_only: bool,
    /// Index of the import declaration in `module.body`.
    pub statement: usize,
    /// The local name's span (swc positions).
    pub local_span: swc_common::Span,
}

/// The import bindings of a file.
#[derive(Debug, Clone, Default)]
pub struct Imports {
    pub bindings: Vec<ImportBinding>,
}

impl Imports {
    /// Reads every import declaration of `module`.
    pub fn read(module: &ast::Module) -> Self {
        let mut bindings = Vec::new();
        for (statement, item) in module.body.iter().enumerate() {
            let ast::ModuleItem::ModuleDecl(ast::ModuleDecl::Import(import)) = item else { continue };
            let specifier = str_value(&import.src);
            for spec in &import.specifiers {
                let local_span = spec.local().span;
                let (local, kind, type_only) = match spec {
                    ast::ImportSpecifier::Named(named) => {
                        let imported = match &named.imported {
                            Some(ast::ModuleExportName::Ident(i)) => i.sym.to_string(),
                            Some(ast::ModuleExportName::Str(s)) => str_value(s),
                            None => named.local.sym.to_string(),
                        };
                        (named.local.sym.to_string(), ImportKind::Named(imported), named.is_type_only)
                    }
                    ast::ImportSpecifier::Default(d) => (d.local.sym.to_string(), ImportKind::Default, false),
                    ast::ImportSpecifier::Namespace(ns) => (ns.local.sym.to_string(), ImportKind::Namespace, false),
                };
                bindings.push(ImportBinding {
                    local,
                    kind,
                    specifier: specifier.clone(),
                    type_only: type_only || import.type_only,
                    statement,
                    local_span,
                });
            }
        }
        Imports { bindings }
    }

    /// The binding of a local name, if it is imported.
    pub fn get(&self, local: &str) -> Option<&ImportBinding> {
        self.bindings.iter().find(|b| b.local == local)
    }

    /// ngc's `getImportOfIdentifier` for an identifier or `ns.name` expression: the imported
    /// name and the module it comes from.
    pub fn import_of_expr(&self, expr: &ast::Expr) -> Option<(String, String)> {
        match expr {
            ast::Expr::Ident(ident) => {
                let binding = self.get(&ident.sym)?;
                match &binding.kind {
                    ImportKind::Named(name) => Some((name.clone(), binding.specifier.clone())),
                    // A default or namespace import names no single export.
                    _ => None,
                }
            }
            ast::Expr::Member(member) => {
                let ast::Expr::Ident(ns) = &*member.obj else { return None };
                let ast::MemberProp::Ident(name) = &member.prop else { return None };
                let binding = self.get(&ns.sym)?;
                (binding.kind == ImportKind::Namespace).then(|| (name.sym.to_string(), binding.specifier.clone()))
            }
            _ => None,
        }
    }
}

/// A class declaration of the file.
#[derive(Debug, Clone, Copy)]
pub struct ClassSyntax<'m> {
    pub name: &'m str,
    pub name_span: Span,
    pub class: &'m ast::Class,
    /// Index of the top-level statement that declares it.
    pub item_index: usize,
    pub exported: bool,
}

/// The named class declarations at the top level of `module`, in source order.
pub fn classes<'m>(module: &'m ast::Module, spans: &Spans) -> Vec<ClassSyntax<'m>> {
    let mut out = Vec::new();
    for (item_index, item) in module.body.iter().enumerate() {
        let (decl, exported) = match item {
            ast::ModuleItem::Stmt(ast::Stmt::Decl(ast::Decl::Class(decl))) => (Some(decl), false),
            ast::ModuleItem::ModuleDecl(ast::ModuleDecl::ExportDecl(export)) => match &export.decl {
                ast::Decl::Class(decl) => (Some(decl), true),
                _ => (None, false),
            },
            ast::ModuleItem::ModuleDecl(ast::ModuleDecl::ExportDefaultDecl(export)) => {
                if let ast::DefaultDecl::Class(ast::ClassExpr { ident: Some(ident), class }) = &export.decl {
                    out.push(ClassSyntax {
                        name: &ident.sym,
                        name_span: spans.of(ident.span),
                        class,
                        item_index,
                        exported: true,
                    });
                }
                (None, false)
            }
            _ => (None, false),
        };
        if let Some(decl) = decl {
            out.push(ClassSyntax {
                name: &decl.ident.sym,
                name_span: spans.of(decl.ident.span),
                class: &decl.class,
                item_index,
                exported,
            });
        }
    }
    out
}

/// A decorator, resolved like ngc's reflection host does (`Decorator`): its name, the import
/// it comes from, and its arguments.
#[derive(Debug, Clone)]
pub struct DecoratorSyntax<'m> {
    pub node: &'m ast::Decorator,
    /// Position in the declaration's decorator list.
    pub index: usize,
    /// The imported name for an imported decorator, else the identifier as written.
    pub name: String,
    /// The module specifier the decorator is imported from.
    pub from: Option<String>,
    /// The callee (`Component`, `core.Component`).
    pub identifier: &'m ast::Expr,
    /// `None` for a decorator that is not called (`@Input`).
    pub args: Option<Vec<&'m ast::Expr>>,
    /// Arguments with spreads (`@X(...a)`): such a decorator is not analysable.
    pub has_spread: bool,
}

impl DecoratorSyntax<'_> {
    /// Whether the decorator comes from `@angular/core` (`isAngularCore`).
    pub fn is_angular_core(&self) -> bool {
        self.from.as_deref() == Some("@angular/core")
    }

    pub fn span(&self, spans: &Spans) -> Span {
        spans.of(self.node.span)
    }
}

/// Resolves one decorator; `None` when its expression is not an identifier, `ns.name`, or a
/// call of one (ngc ignores such decorators).
pub fn decorator<'m>(node: &'m ast::Decorator, index: usize, imports: &Imports) -> Option<DecoratorSyntax<'m>> {
    let (identifier, args, has_spread) = match &*node.expr {
        ast::Expr::Call(call) => match &call.callee {
            ast::Callee::Expr(callee) => {
                let has_spread = call.args.iter().any(|a| a.spread.is_some());
                (&**callee, Some(call.args.iter().map(|a| &*a.expr).collect()), has_spread)
            }
            _ => return None,
        },
        other => (other, None, false),
    };
    let name = match identifier {
        ast::Expr::Ident(i) => i.sym.to_string(),
        ast::Expr::Member(m) => match (&*m.obj, &m.prop) {
            (ast::Expr::Ident(_), ast::MemberProp::Ident(p)) => p.sym.to_string(),
            _ => return None,
        },
        _ => return None,
    };
    let import = imports.import_of_expr(identifier);
    let (name, from) = match import {
        Some((imported, from)) => (imported, Some(from)),
        None => (name, None),
    };
    Some(DecoratorSyntax { node, index, name, from, identifier, args, has_spread })
}

/// The decorators of a list, resolved (unresolvable ones are skipped).
pub fn decorators<'m>(list: &'m [ast::Decorator], imports: &Imports) -> Vec<DecoratorSyntax<'m>> {
    list.iter().enumerate().filter_map(|(i, d)| decorator(d, i, imports)).collect()
}

/// ngc's `unwrapExpression`: parentheses and `as` casts removed.
pub fn unwrap_expression(mut expr: &ast::Expr) -> &ast::Expr {
    loop {
        match expr {
            ast::Expr::Paren(p) => expr = &p.expr,
            ast::Expr::TsAs(a) => expr = &a.expr,
            _ => return expr,
        }
    }
}

/// The name of a property key as `propertyNameToString` gives it (`None` for computed keys).
pub fn prop_name(key: &ast::PropName) -> Option<String> {
    match key {
        ast::PropName::Ident(i) => Some(i.sym.to_string()),
        ast::PropName::Str(s) => Some(str_value(s)),
        ast::PropName::Num(n) => Some(ngc_output_number(n.value)),
        ast::PropName::BigInt(b) => Some(b.value.to_string()),
        ast::PropName::Computed(_) => None,
    }
}

fn ngc_output_number(value: f64) -> String {
    ngc_expression::js_number_to_string(value)
}

/// One property of an object literal, by name: the initializer (or, for a shorthand
/// property, its identifier as an expression) and the span of the whole property.
#[derive(Debug, Clone)]
pub struct LiteralProperty<'m> {
    pub value: Cow<'m, ast::Expr>,
    pub span: Span,
    pub key_span: Span,
}

/// ngc's `reflectObjectLiteral`: the property assignments and shorthand properties of an
/// object literal, in source order; a later property of the same name replaces an earlier
/// one in place (a JavaScript `Map`).
#[derive(Debug, Clone, Default)]
pub struct ObjectLiteral<'m> {
    pub properties: Vec<(String, LiteralProperty<'m>)>,
}

impl<'m> ObjectLiteral<'m> {
    pub fn reflect(object: &'m ast::ObjectLit, spans: &Spans) -> Self {
        let mut properties: Vec<(String, LiteralProperty<'m>)> = Vec::new();
        for prop in &object.props {
            let ast::PropOrSpread::Prop(prop) = prop else { continue };
            let (name, property) = match &**prop {
                ast::Prop::KeyValue(kv) => {
                    let Some(name) = prop_name(&kv.key) else { continue };
                    let property = LiteralProperty {
                        value: Cow::Borrowed(&*kv.value),
                        span: spans.of(kv.span()),
                        key_span: spans.of(kv.key.span()),
                    };
                    (name, property)
                }
                ast::Prop::Shorthand(ident) => {
                    let value = Cow::Owned(ast::Expr::Ident(ident.clone()));
                    (ident.sym.to_string(), LiteralProperty { value, span: spans.of(ident.span), key_span: spans.of(ident.span) })
                }
                _ => continue,
            };
            match properties.iter_mut().find(|(n, _)| *n == name) {
                Some(existing) => existing.1 = property,
                None => properties.push((name, property)),
            }
        }
        ObjectLiteral { properties }
    }

    pub fn get(&self, name: &str) -> Option<&ast::Expr> {
        self.property(name).map(|p| &*p.value)
    }

    pub fn property(&self, name: &str) -> Option<&LiteralProperty<'m>> {
        self.properties.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }

    pub fn has(&self, name: &str) -> bool {
        self.property(name).is_some()
    }
}

/// The text of a string literal or a template literal without substitutions.
pub fn unwrap_string(expr: &ast::Expr) -> Option<String> {
    match expr {
        ast::Expr::Lit(ast::Lit::Str(s)) => Some(str_value(s)),
        ast::Expr::Tpl(t) if t.exprs.is_empty() => {
            t.quasis.first().and_then(|q| q.cooked.as_ref()).map(|c| c.to_string_lossy().into_owned())
        }
        _ => None,
    }
}
