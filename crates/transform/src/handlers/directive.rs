//! `extractDirectiveMetadata` (shared by `@Directive` and `@Component`) and the directive
//! handler's analysis: selector, providers, `exportAs`, standalone, lifecycle and control
//! hooks and constructor dependencies here; inputs and outputs in [`super::bindings`], queries
//! in [`super::queries`], host bindings and host directives in [`super::host`].

use ngc_codegen::render3::metadata::{R3DirectiveMetadata, R3FactoryDeps, R3Reference};
use ngc_diagnostics::Diagnostic;
use swc_ecma_ast as ast;

use super::bindings::{merge, parse_input_fields, parse_inputs_array, parse_output_fields, parse_outputs_array};
use super::host::{extract_host_bindings, extract_host_directives};
use super::queries::{extract_queries_from_decorator, parse_queries_of_class_fields};
use super::{decorator_object, ClassContext};
use crate::di::{self, CtorDeps, DepsProblem, Unavailable};
use crate::diagnostics as diag;
use crate::members::MemberKind;
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
    let object = decorator_object(decorator, ctx, || format!("@{} argument must be an object literal", decorator.name))?
        .unwrap_or_default();
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
    let deps = di::constructor_dependencies(params.as_deref(), ctx.has_base_class(), ctx.source, &raw).map_err(deps_problem)?;
    Ok(match deps {
        CtorDeps::Inherited => R3FactoryDeps::Inherited,
        CtorDeps::Valid(deps) => R3FactoryDeps::Valid(deps),
        CtorDeps::Invalid(errors) => match errors.first() {
            Some(first) if must_be_valid => return Err(invalid_param(ctx, first)),
            _ => R3FactoryDeps::Invalid,
        },
    })
}

pub fn deps_problem(problem: DepsProblem) -> Diagnostic {
    match problem {
        DepsProblem::Arity { decorator, span } => {
            diag::arity_wrong(span, format!("Unexpected number of arguments to @{decorator}()."))
        }
        DepsProblem::Unexpected { decorator, span } => {
            diag::decorator_unexpected(span, format!("Unexpected decorator {decorator} on parameter."))
        }
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
