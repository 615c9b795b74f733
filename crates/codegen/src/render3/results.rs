//! What ngc's decorator handlers emit for one class in full compilation mode
//! (`compileFull`): the static fields (`ɵfac`, `ɵcmp`, …) with their initializers, and the
//! statements that follow the class (`ɵsetClassMetadata`, `ɵsetClassDebugInfo`,
//! `ɵɵsetNgModuleScope`, …), in ngc's order.
//!
//! The file transform turns each [`CompileResult`] into `static name = initializer;` at the
//! end of the class body (a result without initializer declares a type-only member, which
//! JavaScript output omits) and appends the statements after the class, result by result.

use ngc_output::{ConstantPool, Expr, Stmt};

use super::class_metadata::{compile_class_metadata_stmt, compile_component_class_metadata};
use super::component::compile_component_from_metadata;
use super::debug_info::compile_class_debug_info;
use super::directive::compile_directive_from_metadata;
use super::factory::compile_factory_function;
use super::injectable::{compile_injectable, compile_service};
use super::injector::compile_injector;
use super::metadata::*;
use super::ng_module::compile_ng_module;
use super::pipe::compile_pipe_from_metadata;
use super::template::TemplateCompiler;
use super::R3CompiledExpression;

/// compiler-cli's `CompileResult`: one static field and the statements after the class.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileResult {
    /// `ɵfac`, `ɵcmp`, `ɵdir`, `ɵpipe`, `ɵprov`, `ɵmod`, `ɵinj`, `ngAcceptInputType_x`.
    pub name: String,
    /// The field's value; `None` for type-only members.
    pub initializer: Option<Expr>,
    pub statements: Vec<Stmt>,
}

fn field(name: &str, compiled: R3CompiledExpression) -> CompileResult {
    CompileResult { name: name.to_string(), initializer: Some(compiled.expression), statements: compiled.statements }
}

/// `compileNgFactoryDefField`.
pub fn factory_field(meta: &R3FactoryMetadata) -> CompileResult {
    field("ɵfac", compile_factory_function(meta))
}

/// `toFactoryMetadata(meta, target)` for a directive or component.
pub fn directive_factory_metadata(meta: &R3DirectiveMetadata, target: FactoryTarget) -> R3FactoryMetadata {
    R3FactoryMetadata {
        name: meta.name.clone(),
        type_ref: meta.type_ref.clone(),
        type_argument_count: meta.type_argument_count,
        deps: meta.deps.clone(),
        target,
        kind: R3FactoryKind::Constructor,
    }
}

/// `compileInputTransformFields`: a type-only `ngAcceptInputType_<member>` per input with a
/// decorator transform.
pub fn input_transform_fields(inputs: &[(String, R3InputMetadata)]) -> Vec<CompileResult> {
    inputs
        .iter()
        .filter(|(_, input)| input.transform_function.is_some())
        .map(|(_, input)| CompileResult {
            name: format!("ngAcceptInputType_{}", input.class_property_name),
            initializer: None,
            statements: Vec::new(),
        })
        .collect()
}

/// compiler-cli's `compileResults`: the factory, then the definition carrying its own
/// statements followed by the class metadata and debug info statements, then extra fields.
fn compile_results(
    fac: CompileResult,
    def: R3CompiledExpression,
    class_metadata: Option<Stmt>,
    prop_name: &str,
    additional: Vec<CompileResult>,
    debug_info: Option<Stmt>,
) -> Vec<CompileResult> {
    let mut def = field(prop_name, def);
    def.statements.extend(class_metadata);
    def.statements.extend(debug_info);
    let mut results = vec![fac, def];
    results.extend(additional);
    results
}

/// The directive handler's `compileFull`.
pub fn compile_directive_full<T: TemplateCompiler + ?Sized>(
    meta: &R3DirectiveMetadata,
    class_metadata: Option<&R3ClassMetadata>,
    pool: &mut ConstantPool,
    templates: &mut T,
) -> Result<Vec<CompileResult>, T::Error> {
    let fac = factory_field(&directive_factory_metadata(meta, FactoryTarget::Directive));
    let def = compile_directive_from_metadata(meta, pool, templates)?;
    let metadata = class_metadata.map(compile_class_metadata_stmt);
    Ok(compile_results(fac, def, metadata, "ɵdir", input_transform_fields(&meta.inputs), None))
}

/// The component handler's `compileFull`. `deferred_dependencies` are the per-component
/// deferrable dependencies for `ɵsetClassMetadataAsync` (empty: plain `ɵsetClassMetadata`).
pub fn compile_component_full<T: TemplateCompiler + ?Sized>(
    meta: &R3ComponentMetadata,
    class_metadata: Option<&R3ClassMetadata>,
    deferred_dependencies: &[R3DeferPerComponentDependency],
    debug_info: Option<&R3ClassDebugInfo>,
    pool: &mut ConstantPool,
    templates: &mut T,
) -> Result<Vec<CompileResult>, T::Error> {
    let fac = factory_field(&directive_factory_metadata(&meta.directive, FactoryTarget::Component));
    let def = compile_component_from_metadata(meta, pool, templates)?;
    let metadata = class_metadata.map(|m| compile_component_class_metadata(m, deferred_dependencies).to_stmt());
    let debug = debug_info.map(|d| compile_class_debug_info(d).to_stmt());
    Ok(compile_results(fac, def, metadata, "ɵcmp", input_transform_fields(&meta.directive.inputs), debug))
}

/// The pipe handler's `compileFull`.
pub fn compile_pipe_full(meta: &R3PipeMetadata, class_metadata: Option<&R3ClassMetadata>) -> Vec<CompileResult> {
    let fac = factory_field(&R3FactoryMetadata {
        name: meta.name.clone(),
        type_ref: meta.type_ref.clone(),
        type_argument_count: meta.type_argument_count,
        deps: meta.deps.clone(),
        target: FactoryTarget::Pipe,
        kind: R3FactoryKind::Constructor,
    });
    let def = compile_pipe_from_metadata(meta);
    compile_results(fac, def, class_metadata.map(compile_class_metadata_stmt), "ɵpipe", Vec::new(), None)
}

/// The injectable handler's `compileFull`. `ctor_deps` is `None` when no factory is needed
/// (the class already has a `ɵfac`); `has_own_prov` when it declares `ɵprov` itself.
pub fn compile_injectable_full(
    meta: &R3InjectableMetadata,
    ctor_deps: Option<R3FactoryDeps>,
    class_metadata: Option<&R3ClassMetadata>,
    has_own_prov: bool,
) -> Vec<CompileResult> {
    let mut results = Vec::new();
    if let Some(deps) = ctor_deps {
        let mut fac = factory_field(&R3FactoryMetadata {
            name: meta.name.clone(),
            type_ref: meta.type_ref.clone(),
            type_argument_count: meta.type_argument_count,
            deps,
            target: FactoryTarget::Injectable,
            kind: R3FactoryKind::Constructor,
        });
        fac.statements.extend(class_metadata.map(compile_class_metadata_stmt));
        results.push(fac);
    }
    if !has_own_prov {
        results.push(field("ɵprov", compile_injectable(meta, false)));
    }
    results
}

/// The `@Service` handler's `compileFull` (the factory never injects: services use `inject()`).
pub fn compile_service_full(meta: &R3ServiceMetadata, class_metadata: Option<&R3ClassMetadata>) -> Vec<CompileResult> {
    let mut fac = factory_field(&R3FactoryMetadata {
        name: meta.name.clone(),
        type_ref: meta.type_ref.clone(),
        type_argument_count: meta.type_argument_count,
        deps: R3FactoryDeps::Valid(Vec::new()),
        target: FactoryTarget::Service,
        kind: R3FactoryKind::Constructor,
    });
    fac.statements.extend(class_metadata.map(compile_class_metadata_stmt));
    vec![fac, field("ɵprov", compile_service(meta, false))]
}

/// The NgModule handler's `compileFull`: `ɵfac`, `ɵmod` (class metadata first among its
/// statements, then the scope call, `ɵɵregisterNgModuleType` and remote scopes), `ɵinj`.
pub fn compile_ng_module_full(
    fac: &R3FactoryMetadata,
    module: &R3NgModuleMetadata,
    injector: &R3InjectorMetadata,
    class_metadata: Option<&R3ClassMetadata>,
) -> Vec<CompileResult> {
    let fac = factory_field(fac);
    let inj = compile_injector(injector);
    let mut module_def = compile_ng_module(module);
    if let Some(metadata) = class_metadata {
        module_def.statements.insert(0, compile_class_metadata_stmt(metadata));
    }
    vec![fac, field("ɵmod", module_def), field("ɵinj", inj)]
}
