//! `compileNgModule` in full compilation mode: the `ɵmod` of an NgModule
//! (`ɵɵdefineNgModule({ type, bootstrap, schemas, id })`), the `ngJitMode`-guarded
//! `ɵɵsetNgModuleScope` call, `ɵɵregisterNgModuleType` for modules with an `id`, and the
//! `ɵɵsetComponentScope` calls of remote scoping.

use ngc_output::{array, core, function, Expr, Stmt};

use super::metadata::{R3NgModuleMetadata, R3Reference, R3SelectorScopeMode};
use super::util::{jit_only_guarded, refs_to_array, DefinitionMap};
use super::R3CompiledExpression;

fn values(refs: &[R3Reference]) -> Vec<Expr> {
    refs.iter().map(|r| r.value.clone()).collect()
}

/// `compileNgModule`, followed by the remote-scoping statements ngc's NgModule handler
/// appends (`appendRemoteScopingStatements`).
pub fn compile_ng_module(meta: &R3NgModuleMetadata) -> R3CompiledExpression {
    let mut statements = Vec::new();
    let mut def = DefinitionMap::new();
    let forward = meta.contains_forward_decls;
    def.set("type", meta.type_ref.value.clone());
    if !meta.bootstrap.is_empty() {
        def.set("bootstrap", refs_to_array(values(&meta.bootstrap), forward));
    }
    match meta.selector_scope_mode {
        R3SelectorScopeMode::Inline => {
            if !meta.declarations.is_empty() {
                def.set("declarations", refs_to_array(values(&meta.declarations), forward));
            }
            if !meta.imports.is_empty() {
                def.set("imports", refs_to_array(values(&meta.imports), forward));
            }
            if !meta.exports.is_empty() {
                def.set("exports", refs_to_array(values(&meta.exports), forward));
            }
        }
        R3SelectorScopeMode::SideEffect => statements.extend(set_ng_module_scope_call(meta)),
        R3SelectorScopeMode::Omit => {}
    }
    if let Some(schemas) = meta.schemas.as_deref().filter(|s| !s.is_empty()) {
        def.set("schemas", array(values(schemas)));
    }
    if let Some(id) = &meta.id {
        def.set("id", id.clone());
        statements.push(core("ɵɵregisterNgModuleType").call(vec![meta.type_ref.value.clone(), id.clone()]).to_stmt());
    }
    statements.extend(remote_scoping_statements(meta));
    R3CompiledExpression { expression: core("ɵɵdefineNgModule").call_pure(vec![def.into_literal_map()]), statements }
}

/// `generateSetNgModuleScopeCall`:
/// `(function () { (typeof ngJitMode === "undefined" || ngJitMode) && i0.ɵɵsetNgModuleScope(M, {...}); })();`
fn set_ng_module_scope_call(meta: &R3NgModuleMetadata) -> Option<Stmt> {
    let forward = meta.contains_forward_decls;
    let mut scope = DefinitionMap::new();
    if !meta.declarations.is_empty() {
        scope.set("declarations", refs_to_array(values(&meta.declarations), forward));
    }
    if !meta.imports.is_empty() {
        scope.set("imports", refs_to_array(values(&meta.imports), forward));
    }
    if !meta.exports.is_empty() {
        scope.set("exports", refs_to_array(values(&meta.exports), forward));
    }
    if scope.is_empty() {
        return None;
    }
    let call = core("ɵɵsetNgModuleScope").call(vec![meta.type_ref.value.clone(), scope.into_literal_map()]);
    let iife = function(None, Vec::new(), vec![jit_only_guarded(call).to_stmt()]);
    Some(iife.call(Vec::new()).to_stmt())
}

/// `i0.ɵɵsetComponentScope(Cmp, [directives], [pipes]);` for each remote scope.
fn remote_scoping_statements(meta: &R3NgModuleMetadata) -> Vec<Stmt> {
    let protect = |items: &[Expr]| {
        let list = array(items.to_vec());
        if meta.remote_scopes_may_require_cycle_protection && !items.is_empty() {
            function(None, Vec::new(), vec![Stmt::Return(list)])
        } else {
            list
        }
    };
    meta.remote_scopes
        .iter()
        .map(|scope| core("ɵɵsetComponentScope").call(vec![scope.component.clone(), protect(&scope.directives), protect(&scope.pipes)]).to_stmt())
        .collect()
}
