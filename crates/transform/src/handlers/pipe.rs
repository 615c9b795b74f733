//! `PipeDecoratorHandler.analyze`: the pipe's name, purity and standalone flag.

use ngc_codegen::render3::metadata::{R3PipeMetadata, R3Reference};
use ngc_diagnostics::Diagnostic;
use swc_ecma_ast as ast;

use super::{directive, ClassContext};
use crate::diagnostics as diag;
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::Value;

/// The R3 metadata of a `@Pipe` class.
pub fn analyze(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>) -> Result<R3PipeMetadata, Diagnostic> {
    let Some(args) = decorator.args.as_deref() else {
        return Err(diag::not_called(decorator.span(&ctx.source.spans), "Pipe"));
    };
    let meta = match args.first().map(|a| syntax::unwrap_expression(a)) {
        None => None,
        // `@Pipe(null!)`: no metadata.
        Some(ast::Expr::TsNonNull(n)) if matches!(&*n.expr, ast::Expr::Lit(ast::Lit::Null(_))) => None,
        Some(ast::Expr::Object(o)) => Some(ObjectLiteral::reflect(o, &ctx.source.spans)),
        Some(other) => return Err(diag::arg_not_literal(ctx.span_of(other), "@Pipe must have a literal argument".into())),
    };
    let mut pipe_name = None;
    let mut pure = true;
    let mut is_standalone = true;
    if let Some(object) = &meta {
        let Some(value) = ctx.field_value(decorator, object, "name") else {
            return Err(diag::pipe_missing_name(args.first().map(|a| ctx.span_of(*a)).unwrap_or_default()));
        };
        let span_of = |name: &str| object.property(name).map(|p| ctx.span_of(&*p.value)).unwrap_or_default();
        let Value::String(name) = value else {
            return Err(diag::wrong_type(span_of("name"), "@Pipe.name must be a string".into(), &value));
        };
        pipe_name = Some(name);
        if let Some(value) = ctx.field_value(decorator, object, "pure") {
            let Value::Bool(b) = value else {
                return Err(diag::wrong_type(span_of("pure"), "@Pipe.pure must be a boolean".into(), &value));
            };
            pure = b;
        }
        if let Some(value) = ctx.field_value(decorator, object, "standalone") {
            let Value::Bool(b) = value else {
                return Err(diag::wrong_type(span_of("standalone"), "standalone flag must be a boolean".into(), &value));
            };
            is_standalone = b;
        }
    }
    Ok(R3PipeMetadata {
        name: ctx.class.name.to_string(),
        type_ref: R3Reference::same(ctx.class_expr()),
        type_argument_count: ctx.type_argument_count(),
        pipe_name,
        deps: directive::constructor_deps(ctx, true)?,
        pure,
        is_standalone,
    })
}
