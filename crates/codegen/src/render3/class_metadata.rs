//! `compileClassMetadata` and its async variant: the `ɵsetClassMetadata` call, guarded by
//! `ngDevMode`, that records a class's original decorators, constructor parameters and
//! decorated members for TestBed.
//!
//! ```js
//! (() => { (typeof ngDevMode === "undefined" || ngDevMode) && i0.ɵsetClassMetadata(Foo, [{ type: Injectable }], () => [{ type: Dep }], null); })();
//! ```

use ngc_output::{array, arrow, core, null, undefined, var, ArrowBody, Expr, MapEntry, Stmt};

use super::metadata::{R3ClassMetadata, R3CtorParameter, R3DecoratorMetadata, R3DeferPerComponentDependency};
use super::util::{dev_only_guarded, ts_ignore_comment};

/// `{ type: Dec, args: [...] }` (ngc's `decoratorToMetadata`).
pub fn decorator_to_metadata(decorator: &R3DecoratorMetadata) -> Expr {
    let mut entries = vec![MapEntry::Property { key: "type".into(), quoted: false, value: decorator.type_expr.clone() }];
    if let Some(args) = decorator.args.as_ref().filter(|a| !a.is_empty()) {
        entries.push(MapEntry::Property { key: "args".into(), quoted: false, value: array(args.clone()) });
    }
    Expr::Map(entries)
}

fn decorators_array(decorators: &[R3DecoratorMetadata]) -> Expr {
    array(decorators.iter().map(decorator_to_metadata).collect())
}

/// `compileCtorParameters`: `null`, or `() => [{ type: A }, { type: undefined, decorators: [...] }]`.
fn compile_ctor_parameters(params: Option<&[R3CtorParameter]>) -> Expr {
    let Some(params) = params else { return null() };
    let items = params
        .iter()
        .map(|param| {
            let mut type_value = param.type_expr.clone().unwrap_or_else(undefined);
            if param.type_expr.is_some() && param.suppress_type_errors {
                // Angular puts the comment on the `type` property; before its value it reads the same.
                type_value = Expr::Commented { comments: vec![ts_ignore_comment()], expr: Box::new(type_value) };
            }
            let mut entries = vec![MapEntry::Property { key: "type".into(), quoted: false, value: type_value }];
            if let Some(decorators) = &param.decorators {
                entries.push(MapEntry::Property { key: "decorators".into(), quoted: false, value: decorators_array(decorators) });
            }
            Expr::Map(entries)
        })
        .collect();
    arrow(Vec::new(), array(items))
}

/// `internalCompileClassMetadata`: `i0.ɵsetClassMetadata(type, decorators, ctorParameters, propDecorators)`.
fn set_class_metadata_call(meta: &R3ClassMetadata) -> Expr {
    let prop_decorators = if meta.prop_decorators.is_empty() {
        null()
    } else {
        Expr::Map(
            meta.prop_decorators
                .iter()
                .map(|p| MapEntry::Property { key: p.name.clone(), quoted: p.quoted, value: decorators_array(&p.decorators) })
                .collect(),
        )
    };
    core("ɵsetClassMetadata").call(vec![
        meta.type_expr.clone(),
        decorators_array(&meta.decorators),
        compile_ctor_parameters(meta.ctor_parameters.as_deref()),
        prop_decorators,
    ])
}

/// `(() => { <guarded expr>; })()`.
fn dev_only_iife(expr: Expr) -> Expr {
    Expr::Arrow { params: Vec::new(), body: ArrowBody::Block(vec![dev_only_guarded(expr).to_stmt()]) }.call(Vec::new())
}

/// `compileClassMetadata`: the guarded IIFE (as an expression; ngc emits it as a statement).
pub fn compile_class_metadata(meta: &R3ClassMetadata) -> Expr {
    dev_only_iife(set_class_metadata_call(meta))
}

/// `compileComponentClassMetadata`: [`compile_class_metadata`], or with deferred dependencies
/// `ɵsetClassMetadataAsync(Type, () => [import(...).then(m => m.A)], (A) => { ɵsetClassMetadata(...); })`.
pub fn compile_component_class_metadata(meta: &R3ClassMetadata, dependencies: &[R3DeferPerComponentDependency]) -> Expr {
    if dependencies.is_empty() {
        return compile_class_metadata(meta);
    }
    // One parameter per symbol name; a later dependency with the same name replaces the
    // earlier one in place (a `Map` keyed by name).
    let mut unique: Vec<&R3DeferPerComponentDependency> = Vec::new();
    for dep in dependencies {
        match unique.iter_mut().find(|d| d.symbol_name == dep.symbol_name) {
            Some(slot) => *slot = dep,
            None => unique.push(dep),
        }
    }
    let params = unique.iter().map(|d| d.symbol_name.clone()).collect();
    let resolver = arrow(Vec::new(), array(unique.iter().map(|d| dynamic_import_of(&d.import_path, &d.symbol_name, d.is_default_import)).collect()));
    set_class_metadata_async(meta, params, resolver)
}

/// `compileOpaqueAsyncClassMetadata`: the async form with a given resolver function.
pub fn compile_opaque_async_class_metadata(meta: &R3ClassMetadata, defer_resolver: Expr, deferred_dependency_names: &[String]) -> Expr {
    set_class_metadata_async(meta, deferred_dependency_names.to_vec(), defer_resolver)
}

fn set_class_metadata_async(meta: &R3ClassMetadata, params: Vec<String>, resolver: Expr) -> Expr {
    let wrapper = Expr::Arrow { params, body: ArrowBody::Block(vec![set_class_metadata_call(meta).to_stmt()]) };
    dev_only_iife(core("ɵsetClassMetadataAsync").call(vec![meta.type_expr.clone(), resolver, wrapper]))
}

/// `import("path").then(m => m.Name)` with the `@ts-ignore` comment Angular puts before it.
pub fn dynamic_import_of(import_path: &str, symbol_name: &str, is_default_import: bool) -> Expr {
    let member = if is_default_import { "default" } else { symbol_name };
    let inner = arrow(vec!["m".into()], var("m").prop(member));
    let call = Expr::DynamicImport { url: Box::new(ngc_output::str_lit(import_path)), url_comment: None }.prop("then").call(vec![inner]);
    Expr::Commented { comments: vec![ts_ignore_comment()], expr: Box::new(call) }
}

/// The statement form ngc emits.
pub fn compile_class_metadata_stmt(meta: &R3ClassMetadata) -> Stmt {
    compile_class_metadata(meta).to_stmt()
}
