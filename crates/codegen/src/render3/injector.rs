//! `compileInjector`: the `ɵinj` of an NgModule (`ɵɵdefineInjector({ providers, imports })`).

use ngc_output::{array, core};

use super::metadata::R3InjectorMetadata;
use super::util::DefinitionMap;
use super::R3CompiledExpression;

/// `compileInjector`.
pub fn compile_injector(meta: &R3InjectorMetadata) -> R3CompiledExpression {
    let mut def = DefinitionMap::new();
    def.set_opt("providers", meta.providers.clone());
    if !meta.imports.is_empty() {
        def.set("imports", array(meta.imports.clone()));
    }
    R3CompiledExpression::new(core("ɵɵdefineInjector").call_pure(vec![def.into_literal_map()]))
}
