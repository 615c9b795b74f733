//! Constructor parameters and the dependencies a factory injects, read from the class's
//! syntax as ngc's `getConstructorParameters`, `typeToValue` and `getConstructorDependencies`
//! read them: the parameter's type becomes a value expression (`i0.ElementRef` for a type
//! imported by name, the identifier itself for a local or global class), `@Inject(token)`
//! replaces it, `@Attribute('name')` injects the host attribute, and `@Optional`, `@Self`,
//! `@SkipSelf` and `@Host` set flags.
//!
//! Whether a type names a value (a class, an enum, a constant) rather than only a type (an
//! interface, a type alias) is a question about the program: the file's own declarations are
//! read here, imported names are answered by the caller (`ValueNames`).

use std::collections::HashMap;

use ngc_codegen::render3::metadata::R3DependencyMetadata;
use ngc_diagnostics::Span;
use ngc_output::{Expr, Literal};
use swc_ecma_ast as ast;

use crate::source::{LocalKind, Source};
use crate::syntax::{self, DecoratorSyntax, ImportKind};

/// Why a parameter's type cannot be used as an injection token (ngc's `ValueUnavailableKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The parameter has no type.
    MissingType,
    /// The type names an interface, a type alias or a type parameter.
    NoValueDeclaration,
    /// The type is imported with `import type`.
    TypeOnlyImport,
    /// The name cannot be resolved.
    UnknownReference,
    /// The type names a namespace import itself.
    NamespaceImport,
    /// Not a type reference (`string`, a union, a literal type).
    Unsupported,
}

/// ngc's `TypeValueReference`: a parameter's type as a value.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeValue {
    /// A name in scope in the file (`Foo`, `ns.Foo` of a local namespace, a global class).
    Local(String),
    /// A name imported by a named or namespace import: written through the import's module.
    Imported {
        module: String,
        name: String,
        nested: Vec<String>,
    },
    Unavailable(Unavailable),
}

impl TypeValue {
    /// ngc's `valueReferenceToExpression`.
    pub fn to_expr(&self) -> Option<Expr> {
        match self {
            TypeValue::Local(text) => Some(ngc_output::raw(text.as_str())),
            TypeValue::Imported { module, name, nested } => {
                let mut expr = ngc_output::external(module.clone(), name.clone());
                for property in nested {
                    expr = expr.prop(property.clone());
                }
                Some(expr)
            }
            TypeValue::Unavailable(_) => None,
        }
    }
}

/// Whether imported names denote values: `Some(true)` for classes, enums and constants,
/// `Some(false)` for interfaces and type aliases, `None` when the name does not resolve.
pub type ValueNames = HashMap<String, Option<bool>>;

/// One constructor parameter.
#[derive(Debug, Clone)]
pub struct CtorParam<'m> {
    /// The parameter's name (`None` for a destructuring pattern).
    pub name: Option<String>,
    pub name_span: Span,
    pub type_value: TypeValue,
    pub decorators: Vec<DecoratorSyntax<'m>>,
}

/// The constructor of a class: the first constructor with a body (`None` without one).
pub fn constructor(class: &ast::Class) -> Option<&ast::Constructor> {
    class.body.iter().find_map(|m| match m {
        ast::ClassMember::Constructor(c) if c.body.is_some() => Some(c),
        _ => None,
    })
}

/// `getConstructorParameters`: `None` when the class declares no constructor.
pub fn constructor_params<'m>(
    class: &'m ast::Class,
    source: &Source<'m>,
    value_names: &ValueNames,
) -> Option<Vec<CtorParam<'m>>> {
    let ctor = constructor(class)?;
    let mut params = Vec::new();
    for param in &ctor.params {
        let (decorators, pat_type, name, name_span) = match param {
            ast::ParamOrTsParamProp::Param(p) => {
                let (name, span, ty) = pat_parts(&p.pat, source);
                (&p.decorators, ty, name, span)
            }
            ast::ParamOrTsParamProp::TsParamProp(p) => {
                let (name, span, ty) = match &p.param {
                    ast::TsParamPropParam::Ident(b) => {
                        (Some(b.id.sym.to_string()), source.spans.of(b.id.span), b.type_ann.as_deref())
                    }
                    ast::TsParamPropParam::Assign(a) => pat_parts(&a.left, source),
                };
                (&p.decorators, ty, name, span)
            }
        };
        let type_node = pat_type.map(|t| &*t.type_ann);
        params.push(CtorParam {
            name,
            name_span,
            type_value: type_to_value(type_node, source, value_names),
            decorators: syntax::decorators(decorators, &source.imports),
        });
    }
    Some(params)
}

fn pat_parts<'m>(pat: &'m ast::Pat, source: &Source<'m>) -> (Option<String>, Span, Option<&'m ast::TsTypeAnn>) {
    match pat {
        ast::Pat::Ident(b) => (Some(b.id.sym.to_string()), source.spans.of(b.id.span), b.type_ann.as_deref()),
        ast::Pat::Assign(a) => pat_parts(&a.left, source),
        ast::Pat::Array(a) => (None, source.spans.of(a.span), a.type_ann.as_deref()),
        ast::Pat::Object(o) => (None, source.spans.of(o.span), o.type_ann.as_deref()),
        ast::Pat::Rest(r) => (None, source.spans.of(r.span), r.type_ann.as_deref()),
        other => (None, source.spans.of(swc_common::Spanned::span(other)), None),
    }
}

/// ngc's `typeToValue`, after `getConstructorParameters` has dropped `| null` from a union.
fn type_to_value(type_node: Option<&ast::TsType>, source: &Source<'_>, value_names: &ValueNames) -> TypeValue {
    let Some(mut type_node) = type_node else { return TypeValue::Unavailable(Unavailable::MissingType) };
    if let ast::TsType::TsUnionOrIntersectionType(ast::TsUnionOrIntersectionType::TsUnionType(union)) = type_node {
        let rest: Vec<&ast::TsType> = union.types.iter().map(|t| &**t).filter(|t| !is_null_literal(t)).collect();
        if let [only] = rest.as_slice() {
            type_node = only;
        }
    }
    let ast::TsType::TsTypeRef(reference) = type_node else { return TypeValue::Unavailable(Unavailable::Unsupported) };
    let names = entity_names(&reference.type_name);
    let Some(first) = names.first() else { return TypeValue::Unavailable(Unavailable::Unsupported) };
    if let Some(binding) = source.imports.get(first) {
        if binding.type_only {
            return TypeValue::Unavailable(Unavailable::TypeOnlyImport);
        }
        return match &binding.kind {
            ImportKind::Default => match value_names.get(first) {
                Some(Some(false)) => TypeValue::Unavailable(Unavailable::NoValueDeclaration),
                Some(None) => TypeValue::Unavailable(Unavailable::UnknownReference),
                _ => TypeValue::Local(first.clone()),
            },
            ImportKind::Named(imported) => match value_names.get(first) {
                Some(Some(false)) => TypeValue::Unavailable(Unavailable::NoValueDeclaration),
                Some(None) => TypeValue::Unavailable(Unavailable::UnknownReference),
                _ => {
                    TypeValue::Imported { module: binding.specifier.clone(), name: imported.clone(), nested: names[1..].to_vec() }
                }
            },
            ImportKind::Namespace => {
                if names.len() == 1 {
                    return TypeValue::Unavailable(Unavailable::NamespaceImport);
                }
                let key = format!("{}.{}", first, names[1]);
                match value_names.get(&key) {
                    Some(Some(false)) => TypeValue::Unavailable(Unavailable::NoValueDeclaration),
                    Some(None) => TypeValue::Unavailable(Unavailable::UnknownReference),
                    _ => TypeValue::Imported {
                        module: binding.specifier.clone(),
                        name: names[1].clone(),
                        nested: names[2..].to_vec(),
                    },
                }
            }
        };
    }
    match source.local_declaration(first) {
        Some(LocalKind::TypeOnly) => TypeValue::Unavailable(Unavailable::NoValueDeclaration),
        Some(LocalKind::Value) | None => TypeValue::Local(names.join(".")),
    }
}

/// `null` in a type (TypeScript's `LiteralTypeNode` of `null`; a keyword type in swc).
fn is_null_literal(t: &ast::TsType) -> bool {
    matches!(t, ast::TsType::TsKeywordType(k) if k.kind == ast::TsKeywordTypeKind::TsNullKeyword)
}

fn entity_names(name: &ast::TsEntityName) -> Vec<String> {
    match name {
        ast::TsEntityName::Ident(i) => vec![i.sym.to_string()],
        ast::TsEntityName::TsQualifiedName(q) => {
            let mut left = entity_names(&q.left);
            left.push(q.right.sym.to_string());
            left
        }
    }
}

/// A constructor parameter that cannot be injected (ngc's `PARAM_MISSING_TOKEN`).
#[derive(Debug, Clone)]
pub struct InvalidParam {
    pub index: usize,
    pub name: Option<String>,
    pub name_span: Span,
    pub reason: Unavailable,
}

/// A decorator on a constructor parameter that ngc rejects.
#[derive(Debug, Clone)]
pub enum DepsProblem {
    /// `@Inject()` / `@Attribute()` without exactly one argument (NG1002).
    Arity { decorator: String, span: Span },
    /// Another Angular decorator on a parameter (NG1004? `DECORATOR_UNEXPECTED`).
    Unexpected { decorator: String, span: Span },
}

/// The result of `getConstructorDependencies`.
#[derive(Debug, Clone)]
pub enum CtorDeps {
    /// No constructor, and a base class: the factory inherits.
    Inherited,
    Valid(Vec<R3DependencyMetadata>),
    Invalid(Vec<InvalidParam>),
}

/// `getConstructorDependencies`. `raw` prints a source expression as JavaScript.
pub fn constructor_dependencies(
    params: Option<&[CtorParam<'_>]>,
    has_base_class: bool,
    source: &Source<'_>,
    raw: &dyn Fn(&ast::Expr) -> Expr,
) -> Result<CtorDeps, DepsProblem> {
    let Some(params) = params else {
        return Ok(if has_base_class { CtorDeps::Inherited } else { CtorDeps::Valid(Vec::new()) });
    };
    let mut deps = Vec::new();
    let mut errors = Vec::new();
    for (index, param) in params.iter().enumerate() {
        let mut token = param.type_value.to_expr();
        let mut dep = R3DependencyMetadata::default();
        for decorator in param.decorators.iter().filter(|d| d.is_angular_core()) {
            let span = decorator.span(&source.spans);
            let one_arg = || match decorator.args.as_deref() {
                Some([arg]) => Some(*arg),
                _ => None,
            };
            match decorator.name.as_str() {
                "Inject" => {
                    let Some(arg) = one_arg() else { return Err(DepsProblem::Arity { decorator: "Inject".into(), span }) };
                    token = Some(raw(arg));
                }
                "Optional" => dep.optional = true,
                "SkipSelf" => dep.skip_self = true,
                "Self" => dep.self_ = true,
                "Host" => dep.host = true,
                "Attribute" => {
                    let Some(arg) = one_arg() else { return Err(DepsProblem::Arity { decorator: "Attribute".into(), span }) };
                    token = Some(raw(arg));
                    dep.attribute_name_type = Some(match syntax::unwrap_string(arg) {
                        Some(text) => Expr::Literal(Literal::String(text)),
                        None => ngc_output::raw("unknown"),
                    });
                }
                other => return Err(DepsProblem::Unexpected { decorator: other.to_string(), span }),
            }
        }
        match token {
            Some(token) => {
                dep.token = Some(token);
                deps.push(dep);
            }
            None => {
                let TypeValue::Unavailable(reason) = param.type_value else { continue };
                errors.push(InvalidParam { index, name: param.name.clone(), name_span: param.name_span, reason });
            }
        }
    }
    Ok(if errors.is_empty() { CtorDeps::Valid(deps) } else { CtorDeps::Invalid(errors) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_source;
    use crate::syntax;

    fn param_types(text: &str, value_names: &[(&str, Option<bool>)]) -> Vec<TypeValue> {
        let names: ValueNames = value_names.iter().map(|(n, v)| (n.to_string(), *v)).collect();
        with_source(text, |source| {
            let class = syntax::classes(source.module, &source.spans).into_iter().find(|c| c.name == "X").expect("class X");
            constructor_params(class.class, source, &names).expect("a constructor").into_iter().map(|p| p.type_value).collect()
        })
    }

    #[test]
    fn parameter_types_become_values_as_ngc_types_them() {
        let types = param_types(
            "import { HttpClient } from '@angular/common/http';\nimport * as core from '@angular/core';\nimport type { T } from './t';\nimport { I } from './i';\ninterface Local {}\nclass Mine {}\nclass X {\n  constructor(a: HttpClient, b: core.ElementRef, c: T, d: I, e: Local, f: Mine | null, g: Document, h: string, i) {}\n}\n",
            &[("HttpClient", Some(true)), ("core.ElementRef", Some(true)), ("I", Some(false))],
        );
        let import = |module: &str, name: &str| TypeValue::Imported { module: module.into(), name: name.into(), nested: vec![] };
        assert_eq!(
            types,
            vec![
                import("@angular/common/http", "HttpClient"),
                import("@angular/core", "ElementRef"),
                TypeValue::Unavailable(Unavailable::TypeOnlyImport),
                TypeValue::Unavailable(Unavailable::NoValueDeclaration),
                TypeValue::Unavailable(Unavailable::NoValueDeclaration),
                TypeValue::Local("Mine".into()),
                TypeValue::Local("Document".into()),
                TypeValue::Unavailable(Unavailable::Unsupported),
                TypeValue::Unavailable(Unavailable::MissingType),
            ]
        );
    }

    #[test]
    fn no_constructor_with_a_base_class_inherits() {
        with_source("class B {}\nclass X extends B {}\n", |source| {
            let class = syntax::classes(source.module, &source.spans).into_iter().nth(1).expect("X");
            let params = constructor_params(class.class, source, &ValueNames::new());
            let raw = |e: &ast::Expr| ngc_output::raw(source.text_of(e));
            assert!(matches!(constructor_dependencies(params.as_deref(), true, source, &raw), Ok(CtorDeps::Inherited)));
            assert!(
                matches!(constructor_dependencies(params.as_deref(), false, source, &raw), Ok(CtorDeps::Valid(d)) if d.is_empty())
            );
        });
    }
}
