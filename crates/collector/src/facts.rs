//! Source facts the metadata format has no field for, read from the same parse: the file's
//! imports, where its top-level names are declared, and the class members initialised with a
//! call (`name = input<string>()`, `items = contentChildren(Item, {descendants: true})`), which
//! Angular's signal APIs declare and View Engine's metadata leaves out.
//!
//! Initializer calls are evaluated after the module's metadata has been serialised, with
//! lowering off, so that recording them cannot change the metadata.

use ngc_diagnostics::Span;
use swc_ecma_ast::{
    ArrowFunctionBody, Callee, Class, ClassMember, Decl, DefaultDecl, Expr, ImportSpecifier, Lit, MemberProp, Module,
    ModuleDecl, ModuleItem, Pat, Prop, PropName, PropOrSpread, Stmt,
};

use crate::evaluator::{at, Evaluator};
use crate::json::Json;
use crate::source::SourceFile;
use crate::symbols::export_name;
use crate::value;
use crate::Accessibility;

/// One binding made by a top-level import declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFact {
    /// The name the binding has in this file.
    pub local: String,
    /// The module specifier, as written.
    pub module: String,
    pub imported: ImportedName,
}

/// What an import binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportedName {
    /// `import { name as local }`.
    Named(String),
    /// `import * as local`.
    Namespace,
    /// `import local from`.
    Default,
}

/// A top-level class, function, enum or variable, by the span of its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredName {
    pub name: String,
    pub span: Span,
}

/// A member of an exported class whose initializer is a call, after parentheses and `as`
/// (as Angular looks for its initializer APIs).
#[derive(Debug, Clone, PartialEq)]
pub struct InitializerCall {
    /// The class's exported name (its key in the metadata).
    pub class: String,
    pub member: String,
    /// The member's name in the source.
    pub member_span: Span,
    /// The whole member declaration, from its first decorator or modifier.
    pub declaration: Span,
    pub accessibility: Accessibility,
    /// `#name`: an ECMAScript private field.
    pub is_ecma_private: bool,
    pub is_static: bool,
    pub is_readonly: bool,
    /// The callee as a path of names: `["input", "required"]` for `input.required(...)`,
    /// `["core", "viewChild"]` for `core.viewChild(...)`; empty when the callee is not an
    /// identifier or property accesses on one.
    pub callee: Vec<String>,
    /// The call expression.
    pub span: Span,
    /// Each type argument as written (`input<string | null>()` → `string | null`).
    pub type_arguments: Vec<String>,
    pub arguments: Vec<ExprFact>,
}

/// An expression, as metadata would record it and as it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprFact {
    pub span: Span,
    /// The collector's evaluation of the expression: literals, references (imported ones with
    /// their module), calls; error nodes for what metadata cannot hold (a lambda).
    pub metadata: Json,
    pub syntax: ExprSyntax,
}

/// The syntactic form of an expression, where Angular decides by form rather than by value.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprSyntax {
    /// A string literal or a template literal without substitutions.
    String(String),
    /// `true` or `false`.
    Bool(bool),
    /// An identifier or property accesses on one (`ElementRef`, `core.ElementRef`), after
    /// parentheses, `as` and type arguments (`Ref<T>`).
    EntityName(Vec<String>),
    /// An object literal: its `key: value` and shorthand properties, each evaluated on its own
    /// so that a lambda in one (`transform: v => ...`) does not hide the others. Spreads,
    /// methods, accessors and computed keys are left out.
    Object(Vec<PropertyFact>),
    /// An arrow function with an expression body, and that body (`() => Item`).
    Arrow(Box<ExprFact>),
    /// A call of an entity name (`forwardRef(() => Item)`).
    Call {
        callee: Vec<String>,
        arguments: Vec<ExprFact>,
    },
    Other,
}

/// A property of an object literal.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyFact {
    pub key: String,
    pub key_span: Span,
    pub value: ExprFact,
}

/// How deeply object literals, arrows and calls inside an argument are described.
const MAX_SYNTAX_DEPTH: usize = 4;

/// The bindings of the file's top-level import declarations, in order.
pub(crate) fn imports(module: &Module) -> Vec<ImportFact> {
    let mut out = Vec::new();
    for item in &module.body {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else { continue };
        let module = crate::jsstr::from_wtf8(&import.src.value);
        for specifier in &import.specifiers {
            let (local, imported) = match specifier {
                ImportSpecifier::Named(named) => {
                    let name = named.imported.as_ref().map_or_else(|| named.local.sym.to_string(), export_name);
                    (named.local.sym.to_string(), ImportedName::Named(name))
                }
                ImportSpecifier::Namespace(ns) => (ns.local.sym.to_string(), ImportedName::Namespace),
                ImportSpecifier::Default(default) => (default.local.sym.to_string(), ImportedName::Default),
            };
            out.push(ImportFact { local, module: module.clone(), imported });
        }
    }
    out
}

/// The names of top-level declarations, exported or not, in source order.
pub(crate) fn declared_names(module: &Module) -> Vec<DeclaredName> {
    let mut out = Vec::new();
    let mut push =
        |ident: &swc_ecma_ast::Ident| out.push(DeclaredName { name: ident.sym.to_string(), span: at(ident) });
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => d,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(e)) => {
                match &e.decl {
                    DefaultDecl::Class(c) => c.ident.iter().for_each(&mut push),
                    DefaultDecl::Fn(f) => f.ident.iter().for_each(&mut push),
                    DefaultDecl::TsInterfaceDecl(_) => {}
                }
                continue;
            }
            _ => continue,
        };
        match decl {
            Decl::Class(c) => push(&c.ident),
            Decl::Fn(f) => push(&f.ident),
            Decl::TsEnum(e) => push(&e.id),
            Decl::Var(v) => {
                for declarator in &v.decls {
                    if let Pat::Ident(binding) = &declarator.name {
                        push(&binding.id);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The members of `classes` (exported name, declaration) initialised with a call.
pub(crate) fn initializer_calls(
    classes: &[(String, &Class)],
    ev: &mut Evaluator<'_, '_>,
    source: &SourceFile<'_>,
) -> Vec<InitializerCall> {
    // Evaluating for facts must not make `ɵN` symbols.
    ev.lowering = None;
    let mut out = Vec::new();
    for (class_name, class) in classes {
        for member in &class.body {
            let (name, name_span, value, accessibility, is_ecma_private, is_static, is_readonly) = match member {
                ClassMember::ClassProp(p) => {
                    let Some(name) = prop_name(&p.key) else { continue };
                    (name, at(&p.key), p.value.as_deref(), p.accessibility, false, p.is_static, p.readonly)
                }
                ClassMember::PrivateProp(p) => (
                    p.key.name.to_string(),
                    at(&p.key),
                    p.value.as_deref(),
                    p.accessibility,
                    true,
                    p.is_static,
                    p.readonly,
                ),
                _ => continue,
            };
            let (span, decorators) = match member {
                ClassMember::ClassProp(p) => (at(p), &p.decorators),
                ClassMember::PrivateProp(p) => (at(p), &p.decorators),
                _ => continue,
            };
            let declaration = match decorators.first() {
                Some(d) => Span::new(at(d).start.min(span.start), span.end),
                None => span,
            };
            let Some(Expr::Call(call)) = value.map(unwrap_parens_and_as) else { continue };
            let Callee::Expr(callee) = &call.callee else { continue };
            let accessibility = match accessibility {
                Some(swc_ecma_ast::Accessibility::Private) => Accessibility::Private,
                Some(swc_ecma_ast::Accessibility::Protected) => Accessibility::Protected,
                _ => Accessibility::Public,
            };
            let type_arguments = call
                .type_args
                .as_ref()
                .map(|t| t.params.iter().map(|p| source.slice(at(&**p)).to_string()).collect())
                .unwrap_or_default();
            let arguments = call.args.iter().map(|a| expr_fact(ev, &a.expr, 0)).collect();
            out.push(InitializerCall {
                class: class_name.clone(),
                member: name,
                member_span: name_span,
                declaration,
                accessibility,
                is_ecma_private,
                is_static,
                is_readonly,
                callee: entity_name(callee).unwrap_or_default(),
                span: at(call),
                type_arguments,
                arguments,
            });
        }
    }
    out
}

fn prop_name(key: &PropName) -> Option<String> {
    match key {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => Some(crate::jsstr::from_wtf8(&s.value)),
        PropName::Num(n) => Some(crate::js_number_to_string(n.value)),
        _ => None,
    }
}

/// `(x)` and `x as T` around an initializer (what Angular unwraps before looking for a call).
fn unwrap_parens_and_as(mut expr: &Expr) -> &Expr {
    loop {
        match expr {
            Expr::Paren(p) => expr = &p.expr,
            Expr::TsAs(a) => expr = &a.expr,
            _ => return expr,
        }
    }
}

/// `a`, `a.b.c` (no computed or optional access) as names; also under parentheses, `as` and
/// type arguments.
fn entity_name(expr: &Expr) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut current = expr;
    loop {
        match current {
            Expr::Ident(i) => {
                parts.push(i.sym.to_string());
                break;
            }
            Expr::Member(m) => match &m.prop {
                MemberProp::Ident(name) => {
                    parts.push(name.sym.to_string());
                    current = &m.obj;
                }
                _ => return None,
            },
            Expr::Paren(p) => current = &p.expr,
            Expr::TsAs(a) => current = &a.expr,
            Expr::TsInstantiation(i) => current = &i.expr,
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts)
}

fn expr_fact(ev: &mut Evaluator<'_, '_>, expr: &Expr, depth: usize) -> ExprFact {
    let value = ev.evaluate(expr, false);
    let mut cyclic = false;
    let span_of_value = |v: &value::Value| ev.node_map.span_of(v);
    let (metadata, _) = value::to_json(&value, &span_of_value, &mut cyclic);
    let syntax = syntax(ev, expr, depth);
    ExprFact { span: at(expr), metadata, syntax }
}

fn syntax(ev: &mut Evaluator<'_, '_>, expr: &Expr, depth: usize) -> ExprSyntax {
    match expr {
        Expr::Lit(Lit::Str(s)) => return ExprSyntax::String(crate::jsstr::from_wtf8(&s.value)),
        Expr::Tpl(t) if t.exprs.is_empty() && t.quasis.len() == 1 => {
            if let Some(cooked) = &t.quasis[0].cooked {
                return ExprSyntax::String(crate::jsstr::from_wtf8(cooked));
            }
        }
        Expr::Lit(Lit::Bool(b)) => return ExprSyntax::Bool(b.value),
        _ => {}
    }
    if let Some(name) = entity_name(expr) {
        return ExprSyntax::EntityName(name);
    }
    if depth >= MAX_SYNTAX_DEPTH {
        return ExprSyntax::Other;
    }
    match expr {
        Expr::Object(object) => {
            let mut properties = Vec::new();
            for prop in &object.props {
                let PropOrSpread::Prop(prop) = prop else { continue };
                match &**prop {
                    Prop::KeyValue(kv) => {
                        let Some(key) = prop_name(&kv.key) else { continue };
                        let value = expr_fact(ev, &kv.value, depth + 1);
                        properties.push(PropertyFact { key, key_span: at(&kv.key), value });
                    }
                    Prop::Shorthand(ident) => {
                        let value = expr_fact(ev, &Expr::Ident(ident.clone()), depth + 1);
                        properties.push(PropertyFact { key: ident.sym.to_string(), key_span: at(ident), value });
                    }
                    _ => {}
                }
            }
            ExprSyntax::Object(properties)
        }
        Expr::Arrow(arrow) => match &*arrow.body {
            ArrowFunctionBody::Expr(body) => ExprSyntax::Arrow(Box::new(expr_fact(ev, body, depth + 1))),
            ArrowFunctionBody::FunctionBody(_) => ExprSyntax::Other,
        },
        Expr::Call(call) => {
            let Callee::Expr(callee) = &call.callee else { return ExprSyntax::Other };
            let Some(callee) = entity_name(callee) else { return ExprSyntax::Other };
            let arguments = call.args.iter().map(|a| expr_fact(ev, &a.expr, depth + 1)).collect();
            ExprSyntax::Call { callee, arguments }
        }
        Expr::Paren(p) => syntax(ev, &p.expr, depth),
        Expr::TsAs(a) => syntax(ev, &a.expr, depth),
        _ => ExprSyntax::Other,
    }
}
