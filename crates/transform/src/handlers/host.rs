//! Host bindings and host directives of a directive: the decorator's `host` object (split as
//! `parseHostBindings` does), `@HostBinding` and `@HostListener` members, and `hostDirectives`
//! (ngc's `extractHostBindings`, `extractHostDirectives`).

use ngc_codegen::render3::metadata::{R3HostDirectiveMetadata, R3HostMetadata, R3Reference};
use ngc_diagnostics::Diagnostic;
use swc_ecma_ast as ast;

use super::bindings::{field_span, parse_mapping_string};
use super::{unwrap_forward_ref, ClassContext};
use crate::diagnostics as diag;
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::Value;

/// `getSafePropertyAccessString`.
fn safe_property_access(receiver: &str, name: &str) -> String {
    let is_identifier = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if is_identifier {
        format!("{receiver}.{name}")
    } else {
        let mut quoted = String::new();
        ngc_output::print::write_string(name, &mut quoted);
        format!("{receiver}[{quoted}]")
    }
}

/// `extractHostBindings`: the decorator's `host` object (split as `parseHostBindings` does),
/// then `@HostBinding` and `@HostListener` members.
pub(super) fn extract_host_bindings(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    object: &ObjectLiteral<'_>,
) -> Result<R3HostMetadata, Diagnostic> {
    let mut host = R3HostMetadata::default();
    if let Some(value) = ctx.field_value(decorator, object, "host") {
        let host_expr = object.get("host");
        let span = field_span(ctx, object, "host");
        let Value::Object(entries) = &value else {
            return Err(diag::wrong_type(span, "Decorator host metadata must be an object".into(), &value));
        };
        // The syntax of each entry, for values that are not strings.
        let syntax_entries = match host_expr.map(syntax::unwrap_expression) {
            Some(ast::Expr::Object(o)) => Some(ObjectLiteral::reflect(o, &ctx.source.spans)),
            _ => None,
        };
        for (key, entry) in entries {
            let entry_expr = || syntax_entries.as_ref().and_then(|o| o.get(key)).map(|e| ctx.raw(e));
            let as_string = match entry {
                Value::String(s) => Some(s.clone()),
                Value::Dynamic(_) => None,
                other => {
                    return Err(diag::wrong_type(
                        span,
                        "Decorator host metadata must be a string -> string object, but found unparseable value".into(),
                        other,
                    ));
                }
            };
            if key.starts_with('(') && key.ends_with(')') && key.len() >= 2 {
                let Some(s) = as_string else {
                    return Err(diag::host_binding_error(span, "Event binding must be string".into()));
                };
                insert(&mut host.listeners, key[1..key.len() - 1].to_string(), s);
            } else if key.starts_with('[') && key.ends_with(']') && key.len() >= 2 {
                let Some(s) = as_string else {
                    return Err(diag::host_binding_error(span, "Property binding must be string".into()));
                };
                insert(&mut host.properties, key[1..key.len() - 1].to_string(), s);
            } else if key == "class" {
                let Some(s) = as_string else {
                    return Err(diag::host_binding_error(span, "Class binding must be string".into()));
                };
                host.special_attributes.class_attr = Some(s);
            } else if key == "style" {
                let Some(s) = as_string else {
                    return Err(diag::host_binding_error(span, "Style binding must be string".into()));
                };
                host.special_attributes.style_attr = Some(s);
            } else {
                let expr = match as_string {
                    Some(s) => ngc_output::str_lit(s),
                    None => entry_expr().unwrap_or_else(ngc_output::undefined),
                };
                match host.attributes.iter_mut().find(|(k, _)| k == key) {
                    Some(existing) => existing.1 = expr,
                    None => host.attributes.push((key.clone(), expr)),
                }
            }
        }
    }
    for member in ctx.members.iter().filter(|m| !m.is_static) {
        for d in member.decorators.iter().filter(|d| d.is_angular_core() && d.name == "HostBinding") {
            let args = d.args.as_deref().unwrap_or(&[]);
            let mut name = member.name.clone();
            if !args.is_empty() {
                if args.len() != 1 {
                    return Err(diag::arity_wrong(
                        d.span(&ctx.source.spans),
                        format!("@HostBinding can have at most one argument, got {} argument(s)", args.len()),
                    ));
                }
                match ctx.member_decorator_values(member, d).into_iter().next() {
                    Some(Value::String(s)) => name = s,
                    other => {
                        return Err(diag::wrong_type(
                            d.span(&ctx.source.spans),
                            "@HostBinding's argument must be a string".into(),
                            &other.unwrap_or(Value::Undefined),
                        ))
                    }
                }
            }
            insert(&mut host.properties, name, safe_property_access("this", &member.name));
        }
    }
    for member in ctx.members.iter().filter(|m| !m.is_static) {
        for d in member.decorators.iter().filter(|d| d.is_angular_core() && d.name == "HostListener") {
            let args = d.args.as_deref().unwrap_or(&[]);
            let mut event = member.name.clone();
            let mut handler_args: Vec<String> = Vec::new();
            if !args.is_empty() {
                if args.len() > 2 {
                    return Err(diag::arity_wrong(ctx.span_of(args[2]), "@HostListener can have at most two arguments".into()));
                }
                let values = ctx.member_decorator_values(member, d);
                match values.first() {
                    Some(Value::String(s)) => event = s.clone(),
                    other => {
                        return Err(diag::wrong_type(
                            ctx.span_of(args[0]),
                            "@HostListener's event name argument must be a string".into(),
                            other.unwrap_or(&Value::Undefined),
                        ))
                    }
                }
                if args.len() == 2 {
                    match values.get(1).and_then(Value::string_list) {
                        Some(list) if matches!(values.get(1), Some(Value::Array(_))) => handler_args = list,
                        _ => {
                            return Err(diag::wrong_type(
                                ctx.span_of(args[1]),
                                "@HostListener's second argument must be a string array".into(),
                                values.get(1).unwrap_or(&Value::Undefined),
                            ))
                        }
                    }
                }
            }
            insert(&mut host.listeners, event, format!("{}({})", member.name, handler_args.join(",")));
        }
    }
    Ok(host)
}

fn insert(list: &mut Vec<(String, String)>, key: String, value: String) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(existing) => existing.1 = value,
        None => list.push((key, value)),
    }
}

/// `extractHostDirectives`.
pub(super) fn extract_host_directives(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    raw: &ast::Expr,
) -> Result<Vec<R3HostDirectiveMetadata>, Diagnostic> {
    let span = ctx.span_of(raw);
    let evaluated = ctx.evaluated_arg(decorator).and_then(|v| v.field("hostDirectives"));
    let Some(Value::Array(items)) = evaluated.cloned().or_else(|| crate::eval::literal_value(raw, ctx.source)) else {
        return Err(diag::unsupported(span, "`hostDirectives` that cannot be evaluated", "list the host directives literally"));
    };
    let identities = ctx.identities(raw);
    // Which elements were written with `forwardRef`.
    let elements: Vec<&ast::Expr> = match syntax::unwrap_expression(raw) {
        ast::Expr::Array(a) => a.elems.iter().flatten().map(|e| &*e.expr).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let (reference, inputs, outputs) = match item {
            Value::Ref(r) => (r.clone(), None, None),
            Value::Object(_) => {
                let Some(Value::Ref(r)) = item.field("directive") else {
                    return Err(diag::wrong_type(span, "Host directive must be a reference".into(), item));
                };
                let mapping = |key: &str| -> Result<Option<Vec<(String, String)>>, Diagnostic> {
                    match item.field(key) {
                        None => Ok(None),
                        Some(v) => {
                            let Some(list) = v.string_list() else {
                                return Err(diag::wrong_type(
                                    span,
                                    format!("Host directive {key} must be an array of strings"),
                                    v,
                                ));
                            };
                            let mut out: Vec<(String, String)> = Vec::new();
                            for entry in list {
                                let (binding, field) = parse_mapping_string(&entry);
                                match out.iter_mut().find(|(k, _)| *k == field) {
                                    Some(e) => e.1 = binding,
                                    None => out.push((field, binding)),
                                }
                            }
                            Ok(Some(out))
                        }
                    }
                };
                (r.clone(), mapping("inputs")?, mapping("outputs")?)
            }
            other => return Err(diag::wrong_type(span, "Host directive must be a reference".into(), other)),
        };
        let element = elements.get(i).copied();
        let is_forward_reference = element.is_some_and(|e| match syntax::unwrap_expression(e) {
            ast::Expr::Object(o) => ObjectLiteral::reflect(o, &ctx.source.spans)
                .get("directive")
                .is_some_and(|d| unwrap_forward_ref(d, ctx.source).is_some()),
            other => unwrap_forward_ref(other, ctx.source).is_some(),
        });
        // `toR3Reference`: the value may use the file's identifier; the type (which the
        // feature uses) is always imported.
        out.push(R3HostDirectiveMetadata {
            directive: R3Reference { value: identities.emit(&reference).to_expr(), type_expr: reference.emit.to_expr() },
            is_forward_reference,
            inputs,
            outputs,
        });
    }
    Ok(out)
}
