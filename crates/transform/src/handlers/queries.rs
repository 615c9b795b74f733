//! Queries of a directive: `@ViewChild`, `@ViewChildren`, `@ContentChild`,
//! `@ContentChildren` members, the signal query functions (`viewChild()`, `contentChildren()`,
//! …) and the decorator's `queries` object (ngc's `parseQueriesOfClassFields`,
//! `extractDecoratorQueryMetadata`, `tryParseSignalQueryFromInitializer`).

use ngc_codegen::render3::metadata::{ForwardRefHandling, MaybeForwardRefExpr, R3QueryMetadata, R3QueryPredicate};
use ngc_diagnostics::{Diagnostic, Span};
use swc_ecma_ast as ast;

use super::bindings::initializer_api;
use super::bindings::{check_access, member_decorator};
use super::{unwrap_forward_ref, ClassContext};
use crate::diagnostics as diag;
use crate::members::{Member, MemberKind};
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::Value;

/// View and content queries, each with the span of the query (for diagnostics).
pub(super) type SpannedQueries = Vec<(Span, R3QueryMetadata)>;

const QUERY_FNS: &[(&str, &str)] = &[
    ("viewChild", "@angular/core"),
    ("viewChildren", "@angular/core"),
    ("contentChild", "@angular/core"),
    ("contentChildren", "@angular/core"),
];

const QUERY_DECORATORS: &[&str] = &["ViewChild", "ViewChildren", "ContentChild", "ContentChildren"];

/// `parseQueriesOfClassFields`: view and content queries of the members, signal queries
/// first, then `@ViewChild`, `@ViewChildren` (and the content equivalents).
pub(super) fn parse_queries_of_class_fields(
    ctx: &ClassContext<'_, '_>,
) -> Result<(Vec<R3QueryMetadata>, Vec<R3QueryMetadata>), Diagnostic> {
    let mut view = Vec::new();
    let mut content = Vec::new();
    let mut by_decorator: [Vec<R3QueryMetadata>; 4] = Default::default();
    for member in &ctx.members {
        let decorators: Vec<&DecoratorSyntax<'_>> =
            member.decorators.iter().filter(|d| d.is_angular_core() && QUERY_DECORATORS.contains(&d.name.as_str())).collect();
        let signal = match member.value {
            Some(value) => initializer_api(value, QUERY_FNS, ctx),
            None => None,
        };
        if decorators.len() > 1 {
            return Err(diag::decorator_collision(member.span, "Cannot combine multiple query decorators.".into()));
        }
        if let Some(decorator) = decorators.first() {
            if signal.is_some() {
                return Err(diag::member_api(
                    "NG1050",
                    decorator.span(&ctx.source.spans),
                    format!("Using @{} with a signal-based query is not allowed.", decorator.name),
                    "remove the decorator",
                ));
            }
            if member_decorator(member, "Input").is_some() {
                return Err(diag::decorator_collision(
                    member.span,
                    "Cannot combine @Input decorators with query decorators".into(),
                ));
            }
            if member.kind == MemberKind::Method {
                return Err(diag::decorator_unexpected(member.span, "Query decorator must go on a property-type member".into()));
            }
            if member.is_static {
                return Err(diag::member_api(
                    "NG1100",
                    decorator.span(&ctx.source.spans),
                    "Query is incorrectly declared on a static class member.".into(),
                    "remove `static`",
                ));
            }
            let query = decorator_query(ctx, member, decorator)?;
            let slot = QUERY_DECORATORS.iter().position(|n| *n == decorator.name).unwrap_or(0);
            by_decorator[slot].push(query);
        } else if let Some((name, _, call)) = signal {
            check_access(ctx, member, &name, call, true)?;
            if member.is_static {
                return Err(diag::member_api(
                    "NG1100",
                    ctx.source.spans.of(call.span),
                    "Query is incorrectly declared on a static class member.".into(),
                    "remove `static`",
                ));
            }
            let query = signal_query(ctx, member, &name, call)?;
            if name.starts_with("view") {
                view.push(query);
            } else {
                content.push(query);
            }
        }
    }
    let [view_child, view_children, content_child, content_children] = by_decorator;
    view.extend(view_child);
    view.extend(view_children);
    content.extend(content_child);
    content.extend(content_children);
    Ok((view, content))
}

/// `extractDecoratorQueryMetadata` for a member decorator.
fn decorator_query(
    ctx: &ClassContext<'_, '_>,
    member: &Member<'_>,
    decorator: &DecoratorSyntax<'_>,
) -> Result<R3QueryMetadata, Diagnostic> {
    let args = decorator.args.as_deref().unwrap_or(&[]);
    let values = ctx.member_decorator_values(member, decorator);
    query_metadata(ctx, decorator.span(&ctx.source.spans), &decorator.name, args, &values, &member.name)
}

fn query_metadata(
    ctx: &ClassContext<'_, '_>,
    span: Span,
    name: &str,
    args: &[&ast::Expr],
    values: &[Value],
    property: &str,
) -> Result<R3QueryMetadata, Diagnostic> {
    let Some(first_arg) = args.first() else {
        return Err(diag::arity_wrong(span, format!("@{name} must have arguments")));
    };
    let first = name == "ViewChild" || name == "ContentChild";
    let forward = unwrap_forward_ref(first_arg, ctx.source);
    let node = forward.unwrap_or(first_arg);
    let value =
        if forward.is_some() { Value::Dynamic(String::new()) } else { values.first().cloned().unwrap_or(Value::Undefined) };
    let predicate = match &value {
        Value::Ref(_) | Value::Dynamic(_) => R3QueryPredicate::Type(MaybeForwardRefExpr {
            expression: ctx.raw(node),
            forward_ref: if forward.is_some() { ForwardRefHandling::Unwrapped } else { ForwardRefHandling::None },
        }),
        Value::String(s) => R3QueryPredicate::Selectors(vec![s.clone()]),
        Value::Array(items) => {
            let mut selectors = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let Value::String(s) = item else {
                    return Err(diag::wrong_type(
                        ctx.span_of(node),
                        format!("Failed to resolve @{name} predicate at position {i} to a string"),
                        item,
                    ));
                };
                selectors.push(s.clone());
            }
            R3QueryPredicate::Selectors(selectors)
        }
        other => return Err(diag::wrong_type(ctx.span_of(node), format!("@{name} predicate cannot be interpreted"), other)),
    };
    let mut read = None;
    let mut descendants = name != "ContentChildren";
    let mut emit_distinct_changes_only = true;
    let mut is_static = false;
    if args.len() == 2 {
        let options_expr = syntax::unwrap_expression(args[1]);
        let ast::Expr::Object(options) = options_expr else {
            return Err(diag::arg_not_literal(ctx.span_of(options_expr), format!("@{name} options must be an object literal")));
        };
        let options = ObjectLiteral::reflect(options, &ctx.source.spans);
        let evaluated = values.get(1);
        let option = |key: &str| -> Option<Value> {
            let expr = options.get(key)?;
            Some(crate::eval::value_of(expr, evaluated.and_then(|v| v.field(key)), ctx.source))
        };
        if let Some(r) = options.get("read") {
            read = Some(ctx.raw(r));
        }
        for (key, slot) in [
            ("descendants", &mut descendants),
            ("emitDistinctChangesOnly", &mut emit_distinct_changes_only),
            ("static", &mut is_static),
        ] {
            if let Some(v) = option(key) {
                let Value::Bool(b) = v else {
                    let at = options.get(key).map(|e| ctx.span_of(e)).unwrap_or(span);
                    return Err(diag::wrong_type(at, format!("@{name} options.{key} must be a boolean"), &v));
                };
                *slot = b;
            }
        }
    } else if args.len() > 2 {
        return Err(diag::arity_wrong(ctx.span_of(node), format!("@{name} has too many arguments")));
    }
    Ok(R3QueryMetadata {
        property_name: property.to_string(),
        first,
        predicate,
        descendants,
        emit_distinct_changes_only,
        read,
        is_static,
        is_signal: false,
    })
}

/// `tryParseSignalQueryFromInitializer`.
fn signal_query(
    ctx: &ClassContext<'_, '_>,
    member: &Member<'_>,
    function: &str,
    call: &ast::CallExpr,
) -> Result<R3QueryMetadata, Diagnostic> {
    let Some(predicate_arg) = call.args.first() else {
        return Err(diag::member_api("NG1010", ctx.source.spans.of(call.span), "No locator specified.".into(), "pass a locator"));
    };
    let forward = unwrap_forward_ref(&predicate_arg.expr, ctx.source);
    let node = forward.unwrap_or(&predicate_arg.expr);
    let predicate = match syntax::unwrap_string(node) {
        Some(s) => R3QueryPredicate::Selectors(vec![s]),
        None => R3QueryPredicate::Type(MaybeForwardRefExpr {
            expression: ctx.raw(node),
            forward_ref: if forward.is_some() { ForwardRefHandling::Unwrapped } else { ForwardRefHandling::None },
        }),
    };
    let mut read = None;
    let mut descendants = function != "contentChildren";
    if let Some(options) = call.args.get(1) {
        let ast::Expr::Object(object) = &*options.expr else {
            return Err(diag::member_api(
                "NG1010",
                ctx.span_of(&*options.expr),
                "Argument needs to be an object literal.".into(),
                "pass an object literal",
            ));
        };
        let object = ObjectLiteral::reflect(object, &ctx.source.spans);
        if let Some(r) = object.get("read") {
            let mut r = r;
            loop {
                match r {
                    ast::Expr::Paren(p) => r = &p.expr,
                    ast::Expr::TsAs(a) => r = &a.expr,
                    ast::Expr::TsInstantiation(i) => r = &i.expr,
                    _ => break,
                }
            }
            let ok = matches!(r, ast::Expr::Ident(_))
                || matches!(r, ast::Expr::Member(m) if matches!(&*m.obj, ast::Expr::Ident(_)) && matches!(m.prop, ast::MemberProp::Ident(_)));
            if !ok {
                return Err(diag::not_literal(
                    ctx.span_of(r),
                    "Query \"read\" option expected a literal class reference.".into(),
                ));
            }
            read = Some(ctx.raw(r));
        }
        if let Some(d) = object.get("descendants") {
            descendants = match d {
                ast::Expr::Lit(ast::Lit::Bool(b)) => b.value,
                other => {
                    return Err(diag::member_api(
                        "NG1010",
                        ctx.span_of(other),
                        "Expected \"descendants\" option to be a boolean literal.".into(),
                        "write `true` or `false`",
                    ))
                }
            };
        }
    }
    Ok(R3QueryMetadata {
        property_name: member.name.clone(),
        first: function == "viewChild" || function == "contentChild",
        predicate,
        descendants,
        emit_distinct_changes_only: true,
        read,
        is_static: false,
        is_signal: true,
    })
}

/// `extractQueriesFromDecorator`: the decorator's `queries: {name: new ViewChild(...)}`.
pub(super) fn extract_queries_from_decorator(
    ctx: &ClassContext<'_, '_>,
    queries: &ast::Expr,
) -> Result<(SpannedQueries, SpannedQueries), Diagnostic> {
    let span = ctx.span_of(queries);
    let ast::Expr::Object(object) = syntax::unwrap_expression(queries) else {
        return Err(diag::member_api(
            "NG1010",
            span,
            "Decorator queries metadata must be an object literal".into(),
            "write an object literal",
        ));
    };
    let mut content = Vec::new();
    let mut view = Vec::new();
    for (property, prop) in ObjectLiteral::reflect(object, &ctx.source.spans).properties {
        let expr = syntax::unwrap_expression(&prop.value);
        let ast::Expr::New(new) = expr else {
            return Err(diag::member_api(
                "NG1010",
                span,
                "Decorator query metadata must be an instance of a query type".into(),
                "use `new ViewChild(...)`",
            ));
        };
        let Some((name, from)) = ctx.source.imports.import_of_expr(&new.callee) else {
            return Err(diag::member_api(
                "NG1010",
                span,
                "Decorator query metadata must be an instance of a query type".into(),
                "use `new ViewChild(...)`",
            ));
        };
        if from != "@angular/core" || !QUERY_DECORATORS.contains(&name.as_str()) {
            return Err(diag::member_api(
                "NG1010",
                span,
                "Decorator query metadata must be an instance of a query type".into(),
                "use `new ViewChild(...)`",
            ));
        }
        let args: Vec<&ast::Expr> = new.args.as_deref().unwrap_or(&[]).iter().map(|a| &*a.expr).collect();
        let values: Vec<Value> = args.iter().map(|a| crate::eval::value_of(a, None, ctx.source)).collect();
        let query = query_metadata(ctx, ctx.span_of(expr), &name, &args, &values, &property)?;
        if name.starts_with("Content") {
            content.push((ctx.span_of(expr), query));
        } else {
            view.push((ctx.span_of(expr), query));
        }
    }
    Ok((content, view))
}
