//! `extractDirectiveMetadata` (shared by `@Directive` and `@Component`) and the directive
//! handler's analysis: selector, inputs and outputs (decorator lists, `@Input`/`@Output`,
//! `input()`/`model()`/`output()`), queries, host bindings, providers, `exportAs`, standalone,
//! constructor dependencies and host directives.

use ngc_codegen::render3::metadata::{
    ForwardRefHandling, MaybeForwardRefExpr, R3DirectiveMetadata, R3FactoryDeps, R3HostDirectiveMetadata, R3HostMetadata,
    R3InputMetadata, R3QueryMetadata, R3QueryPredicate, R3Reference,
};
use ngc_diagnostics::{Diagnostic, Span};
use swc_ecma_ast as ast;

use super::{decorator_object, unwrap_forward_ref, ClassContext};
use crate::diagnostics as diag;
use crate::di::{self, CtorDeps, DepsProblem, Unavailable};
use crate::identity::Identities;
use crate::members::{AccessLevel, Member, MemberKind};
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::Value;

/// What the directive part of a component or directive analysis produced.
pub struct DirectiveAnalysis<'m> {
    pub meta: R3DirectiveMetadata,
    /// The decorator's object literal (empty without one).
    pub object: ObjectLiteral<'m>,
}

/// Analyses the directive part of `decorator` (`@Directive` or `@Component`).
/// `default_selector` is `ng-component` for components. `Ok(None)`: `jit: true`.
pub fn extract_directive_metadata<'m>(
    ctx: &ClassContext<'_, 'm>,
    decorator: &DecoratorSyntax<'m>,
    default_selector: Option<&str>,
) -> Result<Option<DirectiveAnalysis<'m>>, Diagnostic> {
    let object = decorator_object(decorator, ctx, || format!("@{} argument must be an object literal", decorator.name))?.unwrap_or_default();
    if object.has("jit") {
        return Ok(None);
    }
    let inputs_from_meta = parse_inputs_array(ctx, decorator, &object)?;
    let inputs_from_fields = parse_input_fields(ctx, decorator, &inputs_from_meta)?;
    let inputs = merge(inputs_from_meta, inputs_from_fields);
    let outputs_from_meta = parse_outputs_array(ctx, decorator, &object)?;
    let outputs_from_fields = parse_output_fields(ctx, decorator, &outputs_from_meta)?;
    let outputs = merge(outputs_from_meta, outputs_from_fields);
    let (mut view_queries, mut content_queries) = parse_queries_of_class_fields(ctx)?;
    if let Some(queries) = object.get("queries") {
        let signal_fields: Vec<String> =
            view_queries.iter().chain(&content_queries).filter(|q| q.is_signal).map(|q| q.property_name.clone()).collect();
        let (content, view) = extract_queries_from_decorator(ctx, queries)?;
        for (expr_span, query) in content.into_iter().chain(view.clone()) {
            if signal_fields.contains(&query.property_name) {
                return Err(diag::member_api(
                    "NG1051",
                    expr_span,
                    format!("Query is declared multiple times. \"@{}\" declares a query for the same property.", decorator.name),
                    "declare the query once",
                ));
            }
        }
        let (content, view) = extract_queries_from_decorator(ctx, queries)?;
        content_queries.extend(content.into_iter().map(|(_, q)| q));
        view_queries.extend(view.into_iter().map(|(_, q)| q));
    }
    let mut selector = default_selector.map(str::to_string);
    if let Some(value) = ctx.field_value(decorator, &object, "selector") {
        let span = object.property("selector").map(|p| ctx.span_of(&*p.value)).unwrap_or_default();
        let Value::String(resolved) = &value else {
            return Err(diag::wrong_type(span, "selector must be a string".into(), &value));
        };
        selector = if resolved.is_empty() { default_selector.map(str::to_string) } else { Some(resolved.clone()) };
        if selector.is_none() {
            return Err(diag::missing_selector(span, format!("Directive {} has no selector, please add it!", ctx.class.name)));
        }
    }
    let host = extract_host_bindings(ctx, decorator, &object)?;
    let providers = object.get("providers").map(|p| ctx.raw(p));
    let uses_on_changes = ctx.members.iter().any(|m| !m.is_static && m.kind == MemberKind::Method && m.name == "ngOnChanges");
    let control_create = extract_control_create(ctx);
    let mut export_as = None;
    if let Some(value) = ctx.field_value(decorator, &object, "exportAs") {
        let span = object.property("exportAs").map(|p| ctx.span_of(&*p.value)).unwrap_or_default();
        let Value::String(resolved) = &value else {
            return Err(diag::wrong_type(span, "exportAs must be a string".into(), &value));
        };
        export_as = Some(resolved.split(',').map(|s| s.trim().to_string()).collect());
    }
    let deps = constructor_deps(ctx, selector.is_some())?;
    let mut is_standalone = true;
    if let Some(value) = ctx.field_value(decorator, &object, "standalone") {
        let span = object.property("standalone").map(|p| ctx.span_of(&*p.value)).unwrap_or_default();
        let Value::Bool(b) = value else {
            return Err(diag::wrong_type(span, "standalone flag must be a boolean".into(), &value));
        };
        is_standalone = b;
    }
    let mut is_signal = false;
    if let Some(value) = ctx.field_value(decorator, &object, "signals") {
        let span = object.property("signals").map(|p| ctx.span_of(&*p.value)).unwrap_or_default();
        let Value::Bool(b) = value else {
            return Err(diag::wrong_type(span, "signals flag must be a boolean".into(), &value));
        };
        is_signal = b;
    }
    let host_directives = match object.get("hostDirectives") {
        Some(raw) => Some(extract_host_directives(ctx, decorator, raw)?),
        None => None,
    };
    let meta = R3DirectiveMetadata {
        name: ctx.class.name.to_string(),
        type_ref: R3Reference::same(ctx.class_expr()),
        type_argument_count: ctx.type_argument_count(),
        type_source_span: ctx.class.name_span,
        deps,
        selector,
        queries: content_queries,
        view_queries,
        host,
        uses_on_changes,
        inputs,
        outputs,
        uses_inheritance: ctx.has_base_class(),
        control_create,
        export_as,
        providers,
        is_standalone,
        is_signal,
        host_directives,
        legacy_optional_chaining: ctx.options.legacy_optional_chaining,
    };
    Ok(Some(DirectiveAnalysis { meta, object }))
}

/// `{...a, ...b}` of two string-keyed objects: `b` overrides `a` in place, new keys append.
fn merge<T>(mut a: Vec<(String, T)>, b: Vec<(String, T)>) -> Vec<(String, T)> {
    for (key, value) in b {
        match a.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = value,
            None => a.push((key, value)),
        }
    }
    a
}

/// `parseMappingString`: `'field: public'` → `(public, field)`.
fn parse_mapping_string(value: &str) -> (String, String) {
    let mut parts = value.splitn(2, ':').map(str::trim);
    let field = parts.next().unwrap_or_default().to_string();
    let binding = parts.next().map(str::to_string).unwrap_or_else(|| field.clone());
    (binding, field)
}

fn field_span(ctx: &ClassContext<'_, '_>, object: &ObjectLiteral<'_>, name: &str) -> Span {
    object.property(name).map(|p| ctx.span_of(&*p.value)).unwrap_or_default()
}

fn parse_inputs_array(
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
                    return Err(diag::wrong_type(span, format!("Value at position {i} of @Directive.inputs array must have a \"name\" property"), &name));
                };
                let alias = item.field("alias").and_then(Value::as_str).unwrap_or(name).to_string();
                let required = item.field("required") == Some(&Value::Bool(true));
                let transform = match item.field("transform") {
                    Some(_) => {
                        let element = elements.get(i).copied().flatten().map(syntax::unwrap_expression);
                        let transform_expr = match element {
                            Some(ast::Expr::Object(o)) => ObjectLiteral::reflect(o, &ctx.source.spans).get("transform").map(|t| ctx.raw(t)),
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
                return Err(diag::wrong_type(span, "@Directive.inputs array can only contain strings or object literals".into(), other));
            }
        }
    }
    Ok(inputs)
}

/// An Angular decorator of a member, by name.
fn member_decorator<'d, 'm>(member: &'d Member<'m>, name: &str) -> Option<&'d DecoratorSyntax<'m>> {
    member.decorators.iter().find(|d| d.is_angular_core() && d.name == name)
}

/// A signal initializer API call in a member's initializer (`input()`, `input.required()`,
/// `core.model()`): the API name, whether `.required`, and the call.
pub fn initializer_api<'e>(value: &'e ast::Expr, functions: &[(&str, &str)], ctx: &ClassContext<'_, '_>) -> Option<(String, bool, &'e ast::CallExpr)> {
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

const INPUT_FN: &[(&str, &str)] = &[("input", "@angular/core")];
const MODEL_FN: &[(&str, &str)] = &[("model", "@angular/core")];
const OUTPUT_FNS: &[(&str, &str)] = &[("output", "@angular/core"), ("outputFromObservable", "@angular/core/rxjs-interop")];
const QUERY_FNS: &[(&str, &str)] =
    &[("viewChild", "@angular/core"), ("viewChildren", "@angular/core"), ("contentChild", "@angular/core"), ("contentChildren", "@angular/core")];

/// `parseAndValidateInputAndOutputOptions`: the `alias` of an options object literal.
fn options_alias(ctx: &ClassContext<'_, '_>, options: Option<&ast::ExprOrSpread>) -> Result<Option<String>, Diagnostic> {
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

fn check_access(ctx: &ClassContext<'_, '_>, member: &Member<'_>, api: &str, call: &ast::CallExpr, allow_private: bool) -> Result<(), Diagnostic> {
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
struct SignalInput {
    binding: String,
    required: bool,
    is_model: bool,
}

fn signal_input(ctx: &ClassContext<'_, '_>, member: &Member<'_>) -> Result<Option<SignalInput>, Diagnostic> {
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

fn parse_input_fields(
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

fn parse_outputs_array(
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

fn parse_output_fields(
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

const QUERY_DECORATORS: &[&str] = &["ViewChild", "ViewChildren", "ContentChild", "ContentChildren"];

/// `parseQueriesOfClassFields`: view and content queries of the members, signal queries
/// first, then `@ViewChild`, `@ViewChildren` (and the content equivalents).
fn parse_queries_of_class_fields(ctx: &ClassContext<'_, '_>) -> Result<(Vec<R3QueryMetadata>, Vec<R3QueryMetadata>), Diagnostic> {
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
                return Err(diag::decorator_collision(member.span, "Cannot combine @Input decorators with query decorators".into()));
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
fn decorator_query(ctx: &ClassContext<'_, '_>, member: &Member<'_>, decorator: &DecoratorSyntax<'_>) -> Result<R3QueryMetadata, Diagnostic> {
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
    let value = if forward.is_some() { Value::Dynamic(String::new()) } else { values.first().cloned().unwrap_or(Value::Undefined) };
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
                    return Err(diag::wrong_type(ctx.span_of(node), format!("Failed to resolve @{name} predicate at position {i} to a string"), item));
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
        for (key, slot) in [("descendants", &mut descendants), ("emitDistinctChangesOnly", &mut emit_distinct_changes_only), ("static", &mut is_static)] {
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
fn signal_query(ctx: &ClassContext<'_, '_>, member: &Member<'_>, function: &str, call: &ast::CallExpr) -> Result<R3QueryMetadata, Diagnostic> {
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
            return Err(diag::member_api("NG1010", ctx.span_of(&*options.expr), "Argument needs to be an object literal.".into(), "pass an object literal"));
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
                return Err(diag::not_literal(ctx.span_of(r), "Query \"read\" option expected a literal class reference.".into()));
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
fn extract_queries_from_decorator(
    ctx: &ClassContext<'_, '_>,
    queries: &ast::Expr,
) -> Result<(Vec<(Span, R3QueryMetadata)>, Vec<(Span, R3QueryMetadata)>), Diagnostic> {
    let span = ctx.span_of(queries);
    let ast::Expr::Object(object) = syntax::unwrap_expression(queries) else {
        return Err(diag::member_api("NG1010", span, "Decorator queries metadata must be an object literal".into(), "write an object literal"));
    };
    let mut content = Vec::new();
    let mut view = Vec::new();
    for (property, prop) in ObjectLiteral::reflect(object, &ctx.source.spans).properties {
        let expr = syntax::unwrap_expression(&prop.value);
        let ast::Expr::New(new) = expr else {
            return Err(diag::member_api("NG1010", span, "Decorator query metadata must be an instance of a query type".into(), "use `new ViewChild(...)`"));
        };
        let Some((name, from)) = ctx.source.imports.import_of_expr(&new.callee) else {
            return Err(diag::member_api("NG1010", span, "Decorator query metadata must be an instance of a query type".into(), "use `new ViewChild(...)`"));
        };
        if from != "@angular/core" || !QUERY_DECORATORS.contains(&name.as_str()) {
            return Err(diag::member_api("NG1010", span, "Decorator query metadata must be an instance of a query type".into(), "use `new ViewChild(...)`"));
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
fn extract_host_bindings(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>, object: &ObjectLiteral<'_>) -> Result<R3HostMetadata, Diagnostic> {
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
                    return Err(diag::wrong_type(span, "Decorator host metadata must be a string -> string object, but found unparseable value".into(), other));
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
                let Some(s) = as_string else { return Err(diag::host_binding_error(span, "Class binding must be string".into())) };
                host.special_attributes.class_attr = Some(s);
            } else if key == "style" {
                let Some(s) = as_string else { return Err(diag::host_binding_error(span, "Style binding must be string".into())) };
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

/// `extractControlDirectiveDefinition`: the `ɵngControlCreate(host: ɵFormFieldHost<'name'>)`
/// hook of signal-forms control directives.
fn extract_control_create(ctx: &ClassContext<'_, '_>) -> Option<Option<String>> {
    let member = ctx.members.iter().find(|m| !m.is_static && m.kind == MemberKind::Method && m.name == "ɵngControlCreate")?;
    let function = member.function?;
    let first = function.params.first()?;
    let ty = match &first.pat {
        ast::Pat::Ident(b) => b.type_ann.as_deref(),
        _ => None,
    };
    let Some(ty) = ty else { return Some(None) };
    let ast::TsType::TsTypeRef(reference) = &*ty.type_ann else { return Some(None) };
    let Some(params) = &reference.type_params else { return Some(None) };
    let [only] = params.params.as_slice() else { return Some(None) };
    match &**only {
        ast::TsType::TsLitType(ast::TsLitType { lit: ast::TsLit::Str(s), .. }) => Some(Some(syntax::str_value(s))),
        _ => Some(None),
    }
}

/// The factory dependencies of a directive or component: invalid parameters are an error
/// when the class has a selector (NG2003), else the factory is `ɵɵinvalidFactory`.
pub fn constructor_deps(ctx: &ClassContext<'_, '_>, must_be_valid: bool) -> Result<R3FactoryDeps, Diagnostic> {
    let params = di::constructor_params(ctx.class.class, ctx.source, &ctx.file.value_names);
    let raw = |e: &ast::Expr| ctx.raw(e);
    let deps = di::constructor_dependencies(params.as_deref(), ctx.has_base_class(), ctx.source, &raw).map_err(|p| deps_problem(p))?;
    Ok(match deps {
        CtorDeps::Inherited => R3FactoryDeps::Inherited,
        CtorDeps::Valid(deps) => R3FactoryDeps::Valid(deps),
        CtorDeps::Invalid(errors) => {
            if must_be_valid {
                return Err(invalid_param(ctx, &errors[0]));
            }
            R3FactoryDeps::Invalid
        }
    })
}

pub fn deps_problem(problem: DepsProblem) -> Diagnostic {
    match problem {
        DepsProblem::Arity { decorator, span } => diag::arity_wrong(span, format!("Unexpected number of arguments to @{decorator}().")),
        DepsProblem::Unexpected { decorator, span } => diag::decorator_unexpected(span, format!("Unexpected decorator {decorator} on parameter.")),
    }
}

/// `createUnsuitableInjectionTokenError` (NG2003).
pub fn invalid_param(ctx: &ClassContext<'_, '_>, error: &di::InvalidParam) -> Diagnostic {
    let name = error.name.clone().unwrap_or_else(|| error.index.to_string());
    let hint = match error.reason {
        Unavailable::MissingType => "Consider adding a type to the parameter or use the @Inject decorator to specify an injection token.",
        Unavailable::TypeOnlyImport => {
            "Consider changing the type-only import to a regular import, or use the @Inject decorator to specify an injection token."
        }
        Unavailable::UnknownReference => "The type should reference a known declaration.",
        _ => "Consider using the @Inject decorator to specify an injection token.",
    };
    diag::param_missing_token(
        error.name_span,
        format!("No suitable injection token for parameter '{name}' of class '{}'.", ctx.class.name),
        hint,
    )
}

/// `extractHostDirectives`.
fn extract_host_directives(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>, raw: &ast::Expr) -> Result<Vec<R3HostDirectiveMetadata>, Diagnostic> {
    let span = ctx.span_of(raw);
    let evaluated = ctx.evaluated_arg(decorator).and_then(|v| v.field("hostDirectives"));
    let Some(Value::Array(items)) = evaluated.cloned().or_else(|| crate::eval::literal_value(raw, ctx.source)) else {
        return Err(diag::unsupported(span, "`hostDirectives` that cannot be evaluated", "list the host directives literally"));
    };
    let identities = Identities::of(raw, ctx.source, &ctx.file.bindings);
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
                                return Err(diag::wrong_type(span, format!("Host directive {key} must be an array of strings"), v));
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
            ast::Expr::Object(o) => {
                ObjectLiteral::reflect(o, &ctx.source.spans).get("directive").is_some_and(|d| unwrap_forward_ref(d, ctx.source).is_some())
            }
            other => unwrap_forward_ref(other, ctx.source).is_some(),
        });
        out.push(R3HostDirectiveMetadata {
            directive: R3Reference::same(identities.emit(&reference).to_expr()),
            is_forward_reference,
            inputs,
            outputs,
        });
    }
    Ok(out)
}
