//! `compileInjectable` and `compileService`: the `ɵprov` of `@Injectable` and `@Service`
//! classes (`ɵɵdefineInjectable({ token, factory, providedIn })`).

use ngc_output::{arrow, bool_lit, core, Expr};

use super::factory::{compile_factory_function, delegate_to_factory};
use super::metadata::{
    FactoryTarget, ForwardRefHandling, MaybeForwardRefExpr, R3FactoryDelegateType, R3FactoryDeps, R3FactoryKind, R3FactoryMetadata,
    R3InjectableMetadata, R3InjectableProvider, R3ServiceMetadata,
};
use super::util::{forward_ref, DefinitionMap};
use super::R3CompiledExpression;

/// `compileInjectable(meta, resolveForwardRefs)`; ngc passes `resolve_forward_refs = false`.
pub fn compile_injectable(meta: &R3InjectableMetadata, resolve_forward_refs: bool) -> R3CompiledExpression {
    let factory_meta = |kind: R3FactoryKind| R3FactoryMetadata {
        name: meta.name.clone(),
        type_ref: meta.type_ref.clone(),
        type_argument_count: meta.type_argument_count,
        deps: R3FactoryDeps::Valid(Vec::new()),
        target: FactoryTarget::Injectable,
        kind,
    };
    let type_value = &meta.type_ref.value;
    let result = match &meta.provider {
        R3InjectableProvider::UseClass(use_class) => match &meta.deps {
            Some(deps) => compile_factory_function(&factory_meta(R3FactoryKind::Delegated {
                delegate: use_class.expression.clone(),
                delegate_type: R3FactoryDelegateType::Class,
                delegate_deps: deps.clone(),
            })),
            // Angular's `useClassOnSelf` compares TypeScript nodes: a `useClass` written in the
            // decorator is never the class name node itself.
            None => R3CompiledExpression::new(delegate_to_factory(&use_class.expression, false, resolve_forward_refs)),
        },
        R3InjectableProvider::UseFactory(use_factory) => match &meta.deps {
            Some(deps) => compile_factory_function(&factory_meta(R3FactoryKind::Delegated {
                delegate: use_factory.clone(),
                delegate_type: R3FactoryDelegateType::Function,
                delegate_deps: deps.clone(),
            })),
            None => R3CompiledExpression::new(arrow(Vec::new(), use_factory.clone().call(Vec::new()))),
        },
        R3InjectableProvider::UseValue(use_value) => compile_factory_function(&factory_meta(R3FactoryKind::Expression(use_value.expression.clone()))),
        R3InjectableProvider::UseExisting(use_existing) => {
            compile_factory_function(&factory_meta(R3FactoryKind::Expression(core("ɵɵinject").call(vec![use_existing.expression.clone()]))))
        }
        R3InjectableProvider::None => R3CompiledExpression::new(delegate_to_factory(type_value, true, resolve_forward_refs)),
    };

    let mut props = DefinitionMap::new();
    props.set("token", type_value.clone());
    props.set("factory", result.expression);
    if let Some(provided_in) = &meta.provided_in {
        props.set("providedIn", convert_from_maybe_forward_ref(provided_in));
    }
    R3CompiledExpression { expression: core("ɵɵdefineInjectable").call_pure(vec![props.into_literal_map()]), statements: result.statements }
}

/// `compileService(meta, resolveForwardRefs)`: `ɵɵdefineService({ token, factory, autoProvided })`.
pub fn compile_service(meta: &R3ServiceMetadata, resolve_forward_refs: bool) -> R3CompiledExpression {
    let type_value = &meta.type_ref.value;
    let mut def = DefinitionMap::new();
    def.set("token", type_value.clone());
    def.set(
        "factory",
        match &meta.factory {
            None => delegate_to_factory(type_value, true, resolve_forward_refs),
            Some(factory) => arrow(Vec::new(), factory.clone().call(Vec::new())),
        },
    );
    if meta.auto_provided == Some(false) {
        def.set("autoProvided", bool_lit(false));
    }
    R3CompiledExpression::new(core("ɵɵdefineService").call_pure(vec![def.into_literal_map()]))
}

/// `convertFromMaybeForwardRefExpression`: an unwrapped forward reference is wrapped again.
pub fn convert_from_maybe_forward_ref(e: &MaybeForwardRefExpr) -> Expr {
    match e.forward_ref {
        ForwardRefHandling::None | ForwardRefHandling::Wrapped => e.expression.clone(),
        ForwardRefHandling::Unwrapped => forward_ref(e.expression.clone()),
    }
}
