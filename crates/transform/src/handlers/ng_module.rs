//! `NgModuleDecoratorHandler.analyze` and `resolve`: the module's declarations, imports,
//! exports and bootstrap components as references, its providers, and the injector imports.

use ngc_codegen::render3::metadata::{
    FactoryTarget, R3FactoryKind, R3FactoryMetadata, R3InjectorMetadata, R3NgModuleMetadata, R3Reference, R3SelectorScopeMode,
};
use ngc_diagnostics::{Diagnostic, Span};
use ngc_output::Expr;
use swc_ecma_ast as ast;

use super::{decorator_object, directive, ClassContext};
use crate::diagnostics as diag;
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::{EmitRef, RefKind, RefValue, Value};

/// The analysis of an NgModule.
pub struct NgModuleAnalysis {
    pub factory: R3FactoryMetadata,
    pub module: R3NgModuleMetadata,
    pub injector: R3InjectorMetadata,
}

/// A resolved list entry: the reference and whether it came from a `ModuleWithProviders`.
struct Entry {
    reference: RefValue,
}

/// `resolveTypeList`: flattens `value` into class references.
fn resolve_type_list(
    value: &Value,
    span: Span,
    class_name: &str,
    list: &str,
    absolute_index: &mut usize,
    out: &mut Vec<Entry>,
    has_module_with_providers: &mut bool,
) -> Result<(), Diagnostic> {
    let Value::Array(items) = value else {
        return Err(diag::wrong_type(span, format!("Expected array when reading the NgModule.{list} of {class_name}"), value));
    };
    for item in items {
        let item = match item {
            Value::ModuleWithProviders(r) => {
                *has_module_with_providers = true;
                Value::Ref(r.clone())
            }
            Value::Object(_) if item.field("ngModule").is_some() => {
                *has_module_with_providers = true;
                item.field("ngModule").cloned().unwrap_or(Value::Undefined)
            }
            other => other.clone(),
        };
        match &item {
            Value::Array(_) => resolve_type_list(&item, span, class_name, list, absolute_index, out, has_module_with_providers)?,
            Value::Ref(r) => {
                if !r.is_class {
                    return Err(diag::wrong_type(
                        span,
                        format!("Value at position {absolute_index} in the NgModule.{list} of {class_name} is not a class"),
                        &item,
                    ));
                }
                out.push(Entry { reference: r.clone() });
                *absolute_index += 1;
            }
            other => {
                return Err(diag::wrong_type(
                    span,
                    format!("Value at position {absolute_index} in the NgModule.{list} of {class_name} is not a reference"),
                    other,
                ))
            }
        }
    }
    Ok(())
}

pub fn analyze(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>) -> Result<Option<NgModuleAnalysis>, Diagnostic> {
    if decorator.args.is_none() || decorator.args.as_ref().is_some_and(|a| a.len() > 1) {
        return Err(diag::arity_wrong(
            decorator.span(&ctx.source.spans),
            "Incorrect number of arguments to @NgModule decorator".into(),
        ));
    }
    let object = decorator_object(decorator, ctx, || "@NgModule argument must be an object literal".into())?.unwrap_or_default();
    if object.has("jit") {
        return Ok(None);
    }
    let name = ctx.class.name;
    let lists = |key: &str| -> Result<(Vec<Entry>, bool, Option<&ast::Expr>), Diagnostic> {
        let Some(expr) = object.get(key) else { return Ok((Vec::new(), false, None)) };
        let value = ctx.field_value(decorator, &object, key).unwrap_or(Value::Undefined);
        let mut out = Vec::new();
        let mut mwp = false;
        let mut index = 0;
        resolve_type_list(&value, ctx.span_of(expr), name, key, &mut index, &mut out, &mut mwp)?;
        Ok((out, mwp, Some(expr)))
    };
    let (declarations, _, raw_declarations) = lists("declarations")?;
    let (imports, _, raw_imports) = lists("imports")?;
    let (exports, _, raw_exports) = lists("exports")?;
    let (bootstrap, _, raw_bootstrap) = lists("bootstrap")?;
    let to_r3 = |entries: &[Entry], raw: Option<&ast::Expr>| -> Vec<R3Reference> {
        let identities = raw.map(|r| ctx.identities(r)).unwrap_or_default();
        // `toR3Reference`: the value may use the file's identifier, the type is imported.
        entries
            .iter()
            .map(|e| R3Reference { value: identities.emit(&e.reference).to_expr(), type_expr: e.reference.emit.to_expr() })
            .collect()
    };
    let is_forward = |entries: &[Entry], raw: Option<&ast::Expr>| -> bool {
        let identities = raw.map(|r| ctx.identities(r)).unwrap_or_default();
        entries.iter().any(|e| match identities.emit(&e.reference) {
            EmitRef::Local(local) => is_declared_after(ctx, &local),
            EmitRef::Import { .. } => false,
        })
    };
    let contains_forward_decls = is_forward(&bootstrap, raw_bootstrap)
        || is_forward(&declarations, raw_declarations)
        || is_forward(&imports, raw_imports)
        || is_forward(&exports, raw_exports);
    let id = match object.get("id") {
        Some(expr) if !is_module_id(expr) => Some(ctx.raw(expr)),
        _ => None,
    };
    let module = R3NgModuleMetadata {
        type_ref: R3Reference::same(ctx.class_expr()),
        bootstrap: to_r3(&bootstrap, raw_bootstrap),
        declarations: to_r3(&declarations, raw_declarations),
        public_declaration_types: None,
        imports: to_r3(&imports, raw_imports),
        include_import_types: true,
        exports: to_r3(&exports, raw_exports),
        selector_scope_mode: if ctx.options.support_jit_mode {
            R3SelectorScopeMode::SideEffect
        } else {
            R3SelectorScopeMode::Omit
        },
        contains_forward_decls,
        schemas: None,
        id,
        remote_scopes: Vec::new(),
        remote_scopes_may_require_cycle_protection: false,
    };
    let providers = match object.get("providers") {
        Some(p) if !matches!(syntax::unwrap_expression(p), ast::Expr::Array(a) if a.elems.is_empty()) => Some(ctx.raw(p)),
        _ => None,
    };
    let injector = R3InjectorMetadata {
        name: name.to_string(),
        type_ref: R3Reference::same(ctx.class_expr()),
        providers,
        imports: injector_imports(ctx, &object, &exports, raw_exports)?,
    };
    let factory = R3FactoryMetadata {
        name: name.to_string(),
        type_ref: R3Reference::same(ctx.class_expr()),
        type_argument_count: 0,
        deps: directive::constructor_deps(ctx, true)?,
        target: FactoryTarget::NgModule,
        kind: R3FactoryKind::Constructor,
    };
    Ok(Some(NgModuleAnalysis { factory, module, injector }))
}

/// `module.id`: ignored as an NgModule id.
fn is_module_id(expr: &ast::Expr) -> bool {
    matches!(expr, ast::Expr::Member(m) if matches!(&*m.obj, ast::Expr::Ident(i) if &*i.sym == "module")
        && matches!(&m.prop, ast::MemberProp::Ident(p) if &*p.sym == "id"))
}

/// Whether a class of this file named `local` is declared after the class being compiled.
fn is_declared_after(ctx: &ClassContext<'_, '_>, local: &str) -> bool {
    crate::syntax::classes(ctx.source.module, &ctx.source.spans)
        .iter()
        .any(|c| c.name == local && c.name_span.start > ctx.class.name_span.start)
}

/// The injector imports of the resolve phase: each top-level `imports` element as written
/// when everything it resolves to is an NgModule (or it holds a `ModuleWithProviders`), else
/// its NgModules one by one; then the exported NgModules.
fn injector_imports(
    ctx: &ClassContext<'_, '_>,
    object: &ObjectLiteral<'_>,
    exports: &[Entry],
    raw_exports: Option<&ast::Expr>,
) -> Result<Vec<Expr>, Diagnostic> {
    let mut out = Vec::new();
    if let Some(raw) = object.get("imports") {
        let elements: Vec<&ast::Expr> = match syntax::unwrap_expression(raw) {
            ast::Expr::Array(a) => a.elems.iter().flatten().map(|e| &*e.expr).collect(),
            other => vec![other],
        };
        let values: Vec<Value> = match ctx.facts.and_then(|f| f.ng_module_imports.as_ref()) {
            Some(values) if values.len() == elements.len() => values.clone(),
            _ => elements.iter().map(|e| crate::eval::value_of(e, None, ctx.source)).collect(),
        };
        for (element, value) in elements.iter().zip(&values) {
            let mut entries = Vec::new();
            let mut mwp = false;
            let mut index = 0;
            resolve_type_list(
                &Value::Array(vec![value.clone()]),
                ctx.span_of(*element),
                ctx.class.name,
                "imports",
                &mut index,
                &mut entries,
                &mut mwp,
            )?;
            if mwp {
                out.push(ctx.raw(element));
                continue;
            }
            let kept: Vec<&Entry> = entries
                .iter()
                .filter(|e| !matches!(e.reference.kind, RefKind::Directive | RefKind::Component | RefKind::Pipe))
                .collect();
            if kept.len() == entries.len() {
                out.push(ctx.raw(element));
            } else {
                let identities = ctx.identities(element);
                out.extend(kept.iter().map(|e| identities.emit(&e.reference).to_expr()));
            }
        }
    }
    let identities = raw_exports.map(|r| ctx.identities(r)).unwrap_or_default();
    for export in exports.iter().filter(|e| e.reference.kind == RefKind::NgModule) {
        out.push(identities.emit(&export.reference).to_expr());
    }
    Ok(out)
}
