//! `InjectableDecoratorHandler.analyze`: `providedIn`, the provider form (`useClass`,
//! `useFactory`, `useValue`, `useExisting` with `deps`) and the constructor dependencies.

use ngc_codegen::render3::metadata::{
    ForwardRefHandling, MaybeForwardRefExpr, R3DependencyMetadata, R3FactoryDeps, R3InjectableMetadata, R3InjectableProvider,
    R3Reference,
};
use ngc_diagnostics::Diagnostic;
use swc_ecma_ast as ast;

use super::{directive, unwrap_forward_ref, ClassContext};
use crate::di::{self, CtorDeps};
use crate::diagnostics as diag;
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};

/// The analysis of an `@Injectable` class.
pub struct InjectableAnalysis {
    pub meta: R3InjectableMetadata,
    pub ctor_deps: R3FactoryDeps,
}

/// `getProviderExpression`: unwraps `forwardRef`.
fn provider_expression(ctx: &ClassContext<'_, '_>, expr: &ast::Expr) -> MaybeForwardRefExpr {
    match unwrap_forward_ref(expr, ctx.source) {
        Some(inner) => MaybeForwardRefExpr { expression: ctx.raw(inner), forward_ref: ForwardRefHandling::Unwrapped },
        None => MaybeForwardRefExpr { expression: ctx.raw(expr), forward_ref: ForwardRefHandling::None },
    }
}

/// `getDep`: one entry of a `deps` array (`Token` or `[new Optional(), new Inject(T), ...]`).
fn dep(ctx: &ClassContext<'_, '_>, expr: &ast::Expr) -> R3DependencyMetadata {
    let mut meta = R3DependencyMetadata { token: Some(ctx.raw(expr)), ..Default::default() };
    if let ast::Expr::Array(array) = expr {
        for element in array.elems.iter().flatten() {
            let el = &*element.expr;
            let mut is_decorator = false;
            let (callee, token) = match el {
                ast::Expr::Ident(_) => (Some(el), None),
                ast::Expr::New(n) if matches!(&*n.callee, ast::Expr::Ident(_)) => {
                    (Some(&*n.callee), n.args.as_ref().and_then(|a| a.first()).map(|a| &*a.expr))
                }
                _ => (None, None),
            };
            if let Some((name, from)) = callee.and_then(|c| ctx.source.imports.import_of_expr(c)) {
                if from == "@angular/core" {
                    is_decorator = true;
                    match name.as_str() {
                        "Inject" => {
                            if let Some(token) = token {
                                meta.token = Some(ctx.raw(token));
                            }
                        }
                        "Optional" => meta.optional = true,
                        "SkipSelf" => meta.skip_self = true,
                        "Self" => meta.self_ = true,
                        _ => is_decorator = false,
                    }
                }
            }
            if !is_decorator {
                meta.token = Some(ctx.raw(el));
            }
        }
    }
    meta
}

pub fn analyze(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>) -> Result<InjectableAnalysis, Diagnostic> {
    let Some(args) = decorator.args.as_deref() else {
        return Err(diag::not_called(decorator.span(&ctx.source.spans), "Injectable"));
    };
    let mut meta = R3InjectableMetadata {
        name: ctx.class.name.to_string(),
        type_ref: R3Reference::same(ctx.class_expr()),
        type_argument_count: ctx.type_argument_count(),
        provided_in: None,
        provider: R3InjectableProvider::None,
        deps: None,
    };
    match args {
        [] => {}
        [arg] => {
            let ast::Expr::Object(object) = arg else {
                return Err(diag::arg_not_literal(ctx.span_of(*arg), "@Injectable argument must be an object literal".into()));
            };
            let object = ObjectLiteral::reflect(object, &ctx.source.spans);
            meta.provided_in = object.get("providedIn").map(|p| provider_expression(ctx, p));
            if let Some(ast::Expr::Lit(ast::Lit::Null(_))) = object.get("providedIn").map(syntax::unwrap_expression) {
                meta.provided_in = None;
            }
            if (object.has("useClass") || object.has("useFactory")) && object.has("deps") {
                let deps_expr = object.get("deps").map(syntax::unwrap_expression);
                let Some(ast::Expr::Array(array)) = deps_expr else {
                    let span = object.get("deps").map(|d| ctx.span_of(d)).unwrap_or_default();
                    return Err(diag::not_literal(span, "@Injectable deps metadata must be an inline array".into()));
                };
                meta.deps = Some(array.elems.iter().flatten().map(|e| dep(ctx, &e.expr)).collect());
            }
            meta.provider = if let Some(v) = object.get("useValue") {
                R3InjectableProvider::UseValue(provider_expression(ctx, v))
            } else if let Some(v) = object.get("useExisting") {
                R3InjectableProvider::UseExisting(provider_expression(ctx, v))
            } else if let Some(v) = object.get("useClass") {
                R3InjectableProvider::UseClass(provider_expression(ctx, v))
            } else if let Some(v) = object.get("useFactory") {
                R3InjectableProvider::UseFactory(ctx.raw(v))
            } else {
                R3InjectableProvider::None
            };
        }
        [_, _, third, ..] => return Err(diag::arity_wrong(ctx.span_of(*third), "Too many arguments to @Injectable".into())),
        [_, second] => return Err(diag::arity_wrong(ctx.span_of(*second), "Too many arguments to @Injectable".into())),
    }
    let requires_valid_ctor = matches!(meta.provider, R3InjectableProvider::None);
    let is_abstract = ctx.class.class.is_abstract;
    let must_be_valid = ctx.options.strict_injection_parameters && !is_abstract && (args.is_empty() || requires_valid_ctor);
    let params = di::constructor_params(ctx.class.class, ctx.source, &ctx.file.value_names);
    let raw = |e: &ast::Expr| ctx.raw(e);
    let deps = di::constructor_dependencies(params.as_deref(), ctx.has_base_class(), ctx.source, &raw)
        .map_err(directive::deps_problem)?;
    let ctor_deps = match deps {
        CtorDeps::Inherited => R3FactoryDeps::Inherited,
        CtorDeps::Valid(d) => R3FactoryDeps::Valid(d),
        CtorDeps::Invalid(errors) => match errors.first() {
            Some(first) if must_be_valid => return Err(directive::invalid_param(ctx, first)),
            _ => R3FactoryDeps::Invalid,
        },
    };
    Ok(InjectableAnalysis { meta, ctor_deps })
}
