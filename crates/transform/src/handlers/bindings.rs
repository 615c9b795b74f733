//! Inputs and outputs of a directive: the decorator's `inputs`/`outputs` lists, `@Input()`
//! and `@Output()` members, and the signal APIs (`input()`, `input.required()`, `model()`,
//! `output()`, `outputFromObservable()`), merged in ngc's order (`{...fromMeta, ...fromFields}`).

use ngc_codegen::render3::metadata::R3InputMetadata;
use ngc_diagnostics::{Diagnostic, Span};
use swc_ecma_ast as ast;

use super::ClassContext;
use crate::diagnostics as diag;
use crate::members::{AccessLevel, Member};
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::Value;

/// `{...a, ...b}` of two string-keyed objects: `b` overrides `a` in place, new keys append.
pub(super) fn merge<T>(mut a: Vec<(String, T)>, b: Vec<(String, T)>) -> Vec<(String, T)> {
    for (key, value) in b {
        match a.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = value,
            None => a.push((key, value)),
        }
    }
    a
}

/// `parseMappingString`: `'field: public'` → `(public, field)`.
pub(super) fn parse_mapping_string(value: &str) -> (String, String) {
    let mut parts = value.splitn(2, ':').map(str::trim);
    let field = parts.next().unwrap_or_default().to_string();
    let binding = parts.next().map(str::to_string).unwrap_or_else(|| field.clone());
    (binding, field)
}

pub(super) fn field_span(ctx: &ClassContext<'_, '_>, object: &ObjectLiteral<'_>, name: &str) -> Span {
    object.property(name).map(|p| ctx.span_of(&*p.value)).unwrap_or_default()
}

pub(super) fn parse_inputs_array(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    object: &ObjectLiteral<'_>,
) -> Result<Vec<(String, R3InputMetadata)>, Diagnostic> {
    let Some(value) = ctx.field_value(decorator, object, "inputs") else { return Ok(Vec::new()) };
    let span = field_span(ctx, object, "inputs");
    let Value::Array(items) = &value else {
        return Err(diag::wrong_type(span, "Failed to resolve @Directive.inputs to an array".into(), &value));
    };
    // The syntax of each element, for transforms written in place.
    let elements: Vec<Option<&ast::Expr>> = match object.get("inputs").map(syntax::unwrap_expression) {
        Some(ast::Expr::Array(a)) if a.elems.iter().all(|e| e.as_ref().is_some_and(|e| e.spread.is_none())) => {
            a.elems.iter().map(|e| e.as_ref().map(|e| &*e.expr)).collect()
        }
        _ => Vec::new(),
    };
    let mut inputs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::String(s) => {
                let (binding, field) = parse_mapping_string(s);
                inputs.push((
                    field.clone(),
                    R3InputMetadata {
                        class_property_name: field,
                        binding_property_name: binding,
                        required: false,
                        is_signal: false,
                        transform_function: None,
                    },
                ));
            }
            Value::Object(_) => {
                let Some(Value::String(name)) = item.field("name") else {
                    let name = item.field("name").cloned().unwrap_or(Value::Undefined);
                    return Err(diag::wrong_type(
                        span,
                        format!("Value at position {i} of @Directive.inputs array must have a \"name\" property"),
                        &name,
                    ));
                };
                let alias = item.field("alias").and_then(Value::as_str).unwrap_or(name).to_string();
                let required = item.field("required") == Some(&Value::Bool(true));
                let transform = match item.field("transform") {
                    Some(_) => {
                        let element = elements.get(i).copied().flatten().map(syntax::unwrap_expression);
                        let transform_expr = match element {
                            Some(ast::Expr::Object(o)) => {
                                ObjectLiteral::reflect(o, &ctx.source.spans).get("transform").map(|t| ctx.raw(t))
                            }
                            _ => None,
                        };
                        match transform_expr {
                            Some(t) => Some(t),
                            None => {
                                return Err(diag::unsupported(
                                    span,
                                    "an input transform that is not written in the decorator",
                                    "write the `{name, transform}` object literally in `inputs`",
                                ))
                            }
                        }
                    }
                    None => None,
                };
                inputs.push((
                    name.clone(),
                    R3InputMetadata {
                        class_property_name: name.clone(),
                        binding_property_name: alias,
                        required,
                        is_signal: false,
                        transform_function: transform,
                    },
                ));
            }
            other => {
                return Err(diag::wrong_type(
                    span,
                    "@Directive.inputs array can only contain strings or object literals".into(),
                    other,
                ));
            }
        }
    }
    Ok(inputs)
}

/// An Angular decorator of a member, by name.
pub(super) fn member_decorator<'d, 'm>(member: &'d Member<'m>, name: &str) -> Option<&'d DecoratorSyntax<'m>> {
    member.decorators.iter().find(|d| d.is_angular_core() && d.name == name)
}

/// A signal initializer API call in a member's initializer (`input()`, `input.required()`,
/// `core.model()`): the API name, whether `.required`, and the call.
pub fn initializer_api<'e>(
    value: &'e ast::Expr,
    functions: &[(&str, &str)],
    ctx: &ClassContext<'_, '_>,
) -> Option<(String, bool, &'e ast::CallExpr)> {
    let value = match value {
        ast::Expr::Paren(p) => return initializer_api(&p.expr, functions, ctx),
        ast::Expr::TsAs(a) => return initializer_api(&a.expr, functions, ctx),
        other => other,
    };
    let ast::Expr::Call(call) = value else { return None };
    let ast::Callee::Expr(callee) = &call.callee else { return None };
    let (reference, required): (&ast::Expr, bool) = match &**callee {
        ast::Expr::Member(m) => match &m.prop {
            ast::MemberProp::Ident(p) if &*p.sym == "required" && matches!(&*m.obj, ast::Expr::Ident(_)) => (&m.obj, true),
            ast::MemberProp::Ident(_) if matches!(&*m.obj, ast::Expr::Ident(_)) => (&**callee, false),
            ast::MemberProp::Ident(p) if &*p.sym == "required" => match &*m.obj {
                ast::Expr::Member(inner) => {
                    if !matches!(&*inner.obj, ast::Expr::Ident(_)) {
                        return None;
                    }
                    (&m.obj, true)
                }
                _ => return None,
            },
            _ => return None,
        },
        other => (other, false),
    };
    let (name, from) = ctx.source.imports.import_of_expr(reference)?;
    functions.iter().find(|(f, m)| *f == name && *m == from)?;
    Some((name, required, call))
}

pub(super) const INPUT_FN: &[(&str, &str)] = &[("input", "@angular/core")];
pub(super) const MODEL_FN: &[(&str, &str)] = &[("model", "@angular/core")];
pub(super) const OUTPUT_FNS: &[(&str, &str)] =
    &[("output", "@angular/core"), ("outputFromObservable", "@angular/core/rxjs-interop")];

/// `parseAndValidateInputAndOutputOptions`: the `alias` of an options object literal.
pub(super) fn options_alias(
    ctx: &ClassContext<'_, '_>,
    options: Option<&ast::ExprOrSpread>,
) -> Result<Option<String>, Diagnostic> {
    let Some(options) = options else { return Ok(None) };
    let ast::Expr::Object(object) = &*options.expr else {
        return Err(diag::member_api(
            "NG1010",
            ctx.span_of(&*options.expr),
            "Argument needs to be an object literal that is statically analyzable.".into(),
            "pass the options as an object literal",
        ));
    };
    let object = ObjectLiteral::reflect(object, &ctx.source.spans);
    match object.get("alias") {
        None => Ok(None),
        Some(alias) => match syntax::unwrap_string(alias) {
            Some(a) => Ok(Some(a)),
            None => Err(diag::member_api(
                "NG1010",
                ctx.span_of(alias),
                "Alias needs to be a string that is statically analyzable.".into(),
                "write the alias as a string literal",
            )),
        },
    }
}

pub(super) fn check_access(
    ctx: &ClassContext<'_, '_>,
    member: &Member<'_>,
    api: &str,
    call: &ast::CallExpr,
    allow_private: bool,
) -> Result<(), Diagnostic> {
    let allowed = match member.access {
        AccessLevel::PublicWritable | AccessLevel::PublicReadonly | AccessLevel::Protected => true,
        AccessLevel::Private => allow_private,
        AccessLevel::EcmaScriptPrivate => false,
    };
    if allowed {
        return Ok(());
    }
    let levels = if allow_private { "public, public readonly, protected, private" } else { "public, public readonly, protected" };
    Err(diag::member_api(
        "NG1053",
        ctx.source.spans.of(call.span),
        format!("Cannot use \"{api}\" on a class member that is declared as {}.", member.access.describe()),
        &format!("Update the class field to be either: {levels}"),
    ))
}

/// A signal input or model (`input()`, `model()`) on a member.
pub(super) struct SignalInput {
    pub binding: String,
    pub required: bool,
    pub is_model: bool,
}

pub(super) fn signal_input(ctx: &ClassContext<'_, '_>, member: &Member<'_>) -> Result<Option<SignalInput>, Diagnostic> {
    let Some(value) = member.value else { return Ok(None) };
    for (functions, is_model) in [(INPUT_FN, false), (MODEL_FN, true)] {
        if let Some((name, required, call)) = initializer_api(value, functions, ctx) {
            check_access(ctx, member, &name, call, false)?;
            let options = if required { call.args.first() } else { call.args.get(1) };
            let alias = options_alias(ctx, options)?;
            return Ok(Some(SignalInput { binding: alias.unwrap_or_else(|| member.name.clone()), required, is_model }));
        }
    }
    Ok(None)
}

pub(super) fn parse_input_fields(
    ctx: &ClassContext<'_, '_>,
    class_decorator: &DecoratorSyntax<'_>,
    from_meta: &[(String, R3InputMetadata)],
) -> Result<Vec<(String, R3InputMetadata)>, Diagnostic> {
    let mut inputs: Vec<(String, R3InputMetadata)> = Vec::new();
    let mut bindings: Vec<(String, String, Span)> = Vec::new();
    for member in &ctx.members {
        let decorator = member_decorator(member, "Input");
        let signal = signal_input(ctx, member)?;
        if let (Some(d), Some(s)) = (decorator, &signal) {
            let what = if s.is_model { "a model input" } else { "a signal input" };
            return Err(diag::member_api(
                "NG1050",
                d.span(&ctx.source.spans),
                format!("Using @Input with {what} is not allowed."),
                "remove the decorator",
            ));
        }
        let input = if let Some(decorator) = decorator {
            let args = decorator.args.as_deref().unwrap_or(&[]);
            if args.len() > 1 {
                return Err(diag::arity_wrong(
                    decorator.span(&ctx.source.spans),
                    format!("@{} can have at most one argument, got {} argument(s)", decorator.name, args.len()),
                ));
            }
            let values = ctx.member_decorator_values(member, decorator);
            let options = values.into_iter().next();
            let mut alias = None;
            let mut required = false;
            let mut transform = None;
            match &options {
                None => {}
                Some(Value::String(a)) => alias = Some(a.clone()),
                Some(Value::Object(_)) => {
                    let o = options.as_ref().unwrap_or(&Value::Undefined);
                    alias = o.field("alias").and_then(Value::as_str).map(str::to_string);
                    required = o.field("required") == Some(&Value::Bool(true));
                    if o.field("transform").is_some() {
                        transform = match args.first().map(|a| syntax::unwrap_expression(a)) {
                            Some(ast::Expr::Object(object)) => {
                                ObjectLiteral::reflect(object, &ctx.source.spans).get("transform").map(|t| ctx.raw(t))
                            }
                            _ => None,
                        };
                        if transform.is_none() {
                            return Err(diag::unsupported(
                                decorator.span(&ctx.source.spans),
                                "an input transform that is not written in the decorator",
                                "write `@Input({transform: fn})` literally",
                            ));
                        }
                    }
                }
                Some(other) => {
                    return Err(diag::wrong_type(
                        decorator.span(&ctx.source.spans),
                        format!("@{} decorator argument must resolve to a string or an object literal", decorator.name),
                        other,
                    ))
                }
            }
            Some(R3InputMetadata {
                class_property_name: member.name.clone(),
                binding_property_name: alias.unwrap_or_else(|| member.name.clone()),
                required,
                is_signal: false,
                transform_function: transform,
            })
        } else {
            signal.map(|s| R3InputMetadata {
                class_property_name: member.name.clone(),
                binding_property_name: s.binding,
                required: s.required,
                is_signal: true,
                transform_function: None,
            })
        };
        let Some(input) = input else { continue };
        if let Some((_, first, first_span)) = bindings.iter().find(|(b, _, _)| *b == input.binding_property_name) {
            return Err(diag::member_api(
                "NG1054",
                member.span,
                format!("Input '{}' is bound to both '{}' and '{}'.", input.binding_property_name, first, member.name),
                "rename one of the bindings",
            )
            .with_secondary(*first_span, "The first binding is declared here."));
        }
        bindings.push((input.binding_property_name.clone(), member.name.clone(), member.span));
        if member.is_static {
            return Err(diag::member_api(
                "NG1100",
                member.span,
                format!("Input \"{}\" is incorrectly declared as static member of \"{}\".", member.name, ctx.class.name),
                "remove `static`",
            ));
        }
        if input.is_signal && from_meta.iter().any(|(k, _)| *k == member.name) {
            return Err(diag::member_api(
                "NG1051",
                member.span,
                format!("Input \"{}\" is also declared as non-signal in @{}.", member.name, class_decorator.name),
                "remove it from the decorator's `inputs`",
            ));
        }
        match inputs.iter_mut().find(|(k, _)| *k == member.name) {
            Some(existing) => existing.1 = input,
            None => inputs.push((member.name.clone(), input)),
        }
    }
    Ok(inputs)
}

pub(super) fn parse_outputs_array(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    object: &ObjectLiteral<'_>,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let Some(value) = ctx.field_value(decorator, object, "outputs") else { return Ok(Vec::new()) };
    let span = field_span(ctx, object, "outputs");
    let Value::Array(items) = &value else {
        return Err(diag::wrong_type(span, "Failed to resolve @Directive.outputs to a string array".into(), &value));
    };
    let mut outputs: Vec<(String, String)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::String(s) = item else {
            return Err(diag::wrong_type(span, format!("Failed to resolve outputs at position {i} to a string"), item));
        };
        let (binding, field) = parse_mapping_string(s);
        match outputs.iter_mut().find(|(k, _)| *k == field) {
            Some(existing) => existing.1 = binding,
            None => outputs.push((field, binding)),
        }
    }
    Ok(outputs)
}

pub(super) fn parse_output_fields(
    ctx: &ClassContext<'_, '_>,
    class_decorator: &DecoratorSyntax<'_>,
    from_meta: &[(String, String)],
) -> Result<Vec<(String, String)>, Diagnostic> {
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut bindings: Vec<(String, String, Span)> = Vec::new();
    for member in &ctx.members {
        let decorator = member_decorator(member, "Output");
        let initializer = match member.value {
            Some(value) => initializer_api(value, OUTPUT_FNS, ctx),
            None => None,
        };
        let model = match member.value {
            Some(value) => initializer_api(value, MODEL_FN, ctx),
            None => None,
        };
        if let (Some(d), Some(_)) = (decorator, &initializer) {
            return Err(diag::member_api(
                "NG1050",
                d.span(&ctx.source.spans),
                "Using \"@Output\" with \"output()\" is not allowed.".into(),
                "remove the decorator",
            ));
        }
        if let (Some(d), Some(_)) = (decorator, &model) {
            return Err(diag::member_api(
                "NG1050",
                d.span(&ctx.source.spans),
                "Using @Output with a model input is not allowed.".into(),
                "remove the decorator",
            ));
        }
        let binding = if let Some(decorator) = decorator {
            let args = decorator.args.as_deref().unwrap_or(&[]);
            if args.len() > 1 {
                return Err(diag::arity_wrong(
                    decorator.span(&ctx.source.spans),
                    format!("@Output can have at most one argument, got {} argument(s)", args.len()),
                ));
            }
            match ctx.member_decorator_values(member, decorator).into_iter().next() {
                None => member.name.clone(),
                Some(Value::String(alias)) => alias,
                Some(other) => {
                    return Err(diag::wrong_type(
                        decorator.span(&ctx.source.spans),
                        "@Output decorator argument must resolve to a string".into(),
                        &other,
                    ))
                }
            }
        } else if let Some((name, required, call)) = &initializer {
            let (name, required, call) = (name.clone(), *required, *call);
            if required {
                return Err(diag::member_api(
                    "NG1052",
                    ctx.source.spans.of(call.span),
                    "Output does not support \".required()\".".into(),
                    "remove `.required`",
                ));
            }
            check_access(ctx, member, &name, call, false)?;
            let options = if name == "output" { call.args.first() } else { call.args.get(1) };
            options_alias(ctx, options)?.unwrap_or_else(|| member.name.clone())
        } else if let Some(s) = signal_input(ctx, member)?.filter(|s| s.is_model) {
            format!("{}Change", s.binding)
        } else {
            continue;
        };
        if let Some((_, first, first_span)) = bindings.iter().find(|(b, _, _)| *b == binding) {
            return Err(diag::member_api(
                "NG1054",
                member.span,
                format!("Output '{binding}' is bound to both '{first}' and '{}'.", member.name),
                "rename one of the bindings",
            )
            .with_secondary(*first_span, "The first binding is declared here."));
        }
        bindings.push((binding.clone(), member.name.clone(), member.span));
        if member.is_static {
            return Err(diag::member_api(
                "NG1100",
                member.span,
                "Output is incorrectly declared on a static class member.".into(),
                "remove `static`",
            ));
        }
        if (initializer.is_some() || model.is_some()) && from_meta.iter().any(|(k, _)| *k == member.name) {
            return Err(diag::member_api(
                "NG1051",
                member.span,
                format!("Output \"{}\" is unexpectedly declared in @{} as well.", member.name, class_decorator.name),
                "remove it from the decorator's `outputs`",
            ));
        }
        match outputs.iter_mut().find(|(k, _)| *k == member.name) {
            Some(existing) => existing.1 = binding,
            None => outputs.push((member.name.clone(), binding)),
        }
    }
    Ok(outputs)
}
