//! `compileDeferResolverFunction`: the loader of a `@defer` block's dependencies
//! (`() => [import("./a").then(m => m.A), B]`), which the template pipeline declares as
//! `Cmp_Defer_N_DepsFn`.

use ngc_output::{array, arrow, Expr};

use super::class_metadata::dynamic_import_of;
use super::metadata::{R3DeferPerBlockDependency, R3DeferPerComponentDependency};

/// Per-block mode: deferrable dependencies are imported dynamically, the others referenced.
pub fn compile_defer_resolver_function(dependencies: &[R3DeferPerBlockDependency]) -> Expr {
    let items = dependencies
        .iter()
        .map(|dep| match (&dep.import_path, dep.is_deferrable) {
            (Some(path), true) => dynamic_import_of(path, &dep.symbol_name, dep.is_default_import),
            _ => dep.type_reference.clone(),
        })
        .collect();
    arrow(Vec::new(), array(items))
}

/// Per-component mode (local compilation): every dependency is imported dynamically.
pub fn compile_per_component_defer_resolver_function(dependencies: &[R3DeferPerComponentDependency]) -> Expr {
    arrow(Vec::new(), array(dependencies.iter().map(|d| dynamic_import_of(&d.import_path, &d.symbol_name, d.is_default_import)).collect()))
}
