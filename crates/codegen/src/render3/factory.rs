//! `compileFactoryFunction`: the `ɵfac` of every Angular class.
//!
//! ```js
//! function Foo_Factory(__ngFactoryType__) { return new (__ngFactoryType__ || Foo)(i0.ɵɵinject(A), …); }
//! ```
//! with the inherited form (`ɵɵgetInheritedFactory` memoised in an IIFE), the invalid form
//! (`ɵɵinvalidFactory()`), and the delegated / expression forms injectables use.

use ngc_output::{arrow, core, null, num, var, ArrowBody, Expr, Stmt};

use super::metadata::{FactoryTarget, R3DependencyMetadata, R3FactoryDelegateType, R3FactoryDeps, R3FactoryKind, R3FactoryMetadata};
use super::util::ts_ignore_comment;
use super::R3CompiledExpression;

const FACTORY_TYPE: &str = "__ngFactoryType__";
const CONDITIONAL_FACTORY: &str = "__ngConditionalFactory__";

/// `compileFactoryFunction`.
pub fn compile_factory_function(meta: &R3FactoryMetadata) -> R3CompiledExpression {
    let t = var(FACTORY_TYPE);
    let delegated = matches!(meta.kind, R3FactoryKind::Delegated { .. });
    // `new (__ngFactoryType__ || Foo)`; a delegated factory constructs the subclass type only.
    let type_for_ctor = if delegated { t.clone() } else { t.clone().or(meta.type_ref.value.clone()) };
    let has_deps = matches!(&meta.deps, R3FactoryDeps::Valid(deps) if !deps.is_empty());
    let factory_comments = || if has_deps { vec![ts_ignore_comment()] } else { Vec::new() };

    let mut base_factory_var: Option<String> = None;
    let ctor_expr = match &meta.deps {
        R3FactoryDeps::Valid(deps) => Some(type_for_ctor.clone().instantiate(inject_dependencies(deps, meta.target))),
        R3FactoryDeps::Invalid => None,
        R3FactoryDeps::Inherited => {
            let name = format!("ɵ{}_BaseFactory", meta.name);
            base_factory_var = Some(name.clone());
            Some(var(name).call(vec![type_for_ctor.clone()]))
        }
    };

    let mut body: Vec<Stmt> = Vec::new();
    let conditional = |non_ctor_expr: Expr, body: &mut Vec<Stmt>| -> Expr {
        let r = var(CONDITIONAL_FACTORY);
        body.push(Stmt::DeclareVar { name: CONDITIONAL_FACTORY.to_string(), value: Some(null()), is_const: false, exported: false });
        let ctor_stmt = match &ctor_expr {
            Some(ctor) => commented(r.clone().set(ctor.clone()).to_stmt(), factory_comments()),
            None => core("ɵɵinvalidFactory").call(Vec::new()).to_stmt(),
        };
        let non_ctor_stmt = commented(r.clone().set(non_ctor_expr).to_stmt(), vec![ts_ignore_comment()]);
        body.push(Stmt::If { condition: t.clone(), true_case: vec![ctor_stmt], false_case: vec![non_ctor_stmt] });
        r
    };

    let ret_expr = match &meta.kind {
        R3FactoryKind::Delegated { delegate, delegate_type, delegate_deps } => {
            let args = inject_dependencies(delegate_deps, meta.target);
            let factory_expr = match delegate_type {
                R3FactoryDelegateType::Class => delegate.clone().instantiate(args),
                R3FactoryDelegateType::Function => delegate.clone().call(args),
            };
            Some(conditional(factory_expr, &mut body))
        }
        R3FactoryKind::Expression(expression) => Some(conditional(expression.clone(), &mut body)),
        R3FactoryKind::Constructor => ctor_expr.clone(),
    };

    match (ret_expr, &base_factory_var) {
        (None, _) => body.push(core("ɵɵinvalidFactory").call(Vec::new()).to_stmt()),
        (Some(_), Some(base)) => {
            let base_var = var(base.clone());
            let get_inherited = core("ɵɵgetInheritedFactory").call(vec![meta.type_ref.value.clone()]);
            let base_factory = base_var.clone().or(base_var.set(get_inherited));
            body.push(Stmt::Return(base_factory.call(vec![type_for_ctor])));
        }
        (Some(ret), None) => body.push(commented(Stmt::Return(ret), factory_comments())),
    }

    let mut factory_fn = Expr::Function { name: Some(format!("{}_Factory", meta.name)), params: vec![FACTORY_TYPE.to_string()], body };
    if let Some(base) = base_factory_var {
        let iife = Expr::Arrow {
            params: Vec::new(),
            body: ArrowBody::Block(vec![Stmt::DeclareVar { name: base, value: None, is_const: false, exported: false }, Stmt::Return(factory_fn)]),
        };
        factory_fn = iife.call_pure(Vec::new());
    }
    R3CompiledExpression { expression: factory_fn, statements: Vec::new() }
}

/// A statement with leading comments (none: the statement itself).
fn commented(stmt: Stmt, comments: Vec<ngc_output::LeadingComment>) -> Stmt {
    if comments.is_empty() {
        stmt
    } else {
        Stmt::Commented { comments, stmt: Box::new(stmt) }
    }
}

fn inject_dependencies(deps: &[R3DependencyMetadata], target: FactoryTarget) -> Vec<Expr> {
    deps.iter().enumerate().map(|(index, dep)| compile_inject_dependency(dep, target, index)).collect()
}

/// `compileInjectDependency`: `ɵɵinject(token, flags)`, `ɵɵdirectiveInject(...)`,
/// `ɵɵinjectAttribute(name)` or `ɵɵinvalidFactoryDep(index)`.
pub fn compile_inject_dependency(dep: &R3DependencyMetadata, target: FactoryTarget, index: usize) -> Expr {
    let Some(token) = &dep.token else {
        return core("ɵɵinvalidFactoryDep").call(vec![num(index as f64)]);
    };
    if dep.attribute_name_type.is_some() {
        return core("ɵɵinjectAttribute").call(vec![token.clone()]);
    }
    let flags = (if dep.self_ { 2 } else { 0 })
        | (if dep.skip_self { 4 } else { 0 })
        | (if dep.host { 1 } else { 0 })
        | (if dep.optional { 8 } else { 0 })
        | (if target == FactoryTarget::Pipe { 16 } else { 0 });
    let mut args = vec![token.clone()];
    if flags != 0 || dep.optional {
        args.push(num(flags as f64));
    }
    core(inject_fn(target)).call(args)
}

/// `getInjectFn`.
fn inject_fn(target: FactoryTarget) -> &'static str {
    match target {
        FactoryTarget::Component | FactoryTarget::Directive | FactoryTarget::Pipe => "ɵɵdirectiveInject",
        FactoryTarget::NgModule | FactoryTarget::Injectable | FactoryTarget::Service => "ɵɵinject",
    }
}

/// `delegateToFactory(type, useType)`: `Foo.ɵfac` when `use_type` is the class reference
/// itself (`same_node`: Angular compares the TypeScript nodes, so a `useClass: Foo` written in
/// the decorator is never "the same"), otherwise `__ngFactoryType__ =>
/// Use.ɵfac(__ngFactoryType__)` (through `resolveForwardRef` when `unwrap_forward_refs`).
pub fn delegate_to_factory(use_type: &Expr, same_node: bool, unwrap_forward_refs: bool) -> Expr {
    if same_node {
        return use_type.clone().prop("ɵfac");
    }
    let target = if unwrap_forward_refs { core("resolveForwardRef").call(vec![use_type.clone()]) } else { use_type.clone() };
    arrow(vec![FACTORY_TYPE.to_string()], target.prop("ɵfac").call(vec![var(FACTORY_TYPE)]))
}
