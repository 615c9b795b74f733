//! Angular 22's template pipeline: a component template (Render3 AST) or a host-binding set
//! becomes the template function, `decls`/`vars`, the `consts` array and the constant-pool
//! entries that ngc emits.
//!
//! - [`compile_template`] mirrors what `compileComponentFromMetadata` does with the template:
//!   `ingestComponent`, the phases ([`phases`]), `emitTemplateFn`. Embedded-view functions,
//!   pure functions, track functions and shared literals go into the [`ConstantPool`].
//! - [`compile_host_bindings`] mirrors `createHostBindingsFunction`: `ingestHostBinding`, the
//!   host phases, `emitHostBindingFunction`. [`ParsedHostBindings::from_entries`] sorts a
//!   `host: {...}` object first, as `parseHostBindings` does.
//!
//! The IR ([`ir`]) follows Angular's: op lists per view ([`ir::OpList`]), ops that refer to each
//! other by xref, slot handles filled late, IR expressions resolved phase by phase.
//!
//! Not compiled yet, reported as [`PipelineError`]s at the node: i18n (NGRS5001), animations
//! (NGRS5002) and selectorless components (`@content` blocks, NGRS5003). Template errors Angular raises while compiling are NGRS5004/NGRS5005; broken
//! internal invariants NGRS5099. Codes are documented in docs/diagnostics.md.
//!
//! Testing: `cargo test -p ngc-pipeline` runs the differential test against ngc 22 (corpus,
//! README and oracle script in tests/fixtures/pipeline/, plus seeded random valid templates;
//! accepted differences listed with reasons in accepted-differences.txt), the error-code tests,
//! unit tests of tricky phases, and robustness tests (deep nesting, random input).
//! `cargo run -p ngc-pipeline --example compile < template.html` prints what one template
//! compiles to.

mod emit;
pub mod error;
pub mod ingest;
pub mod ir;
pub mod job;
pub mod phases;
pub mod r3_selector;

use ngc_output as o;
use ngc_template::{Node, Span};

pub use error::PipelineError;
pub use ingest::host::{HostValue, ParsedHostBindings};
pub use ngc_output::ConstantPool;

use job::{Job, JobKind, JobState};

/// Which instructions the template uses (`TemplateCompilationMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompilationMode {
    /// `ɵɵelementStart`, `ɵɵproperty`, `ɵɵlistener`, `ɵɵtemplate`.
    #[default]
    Full,
    /// `ɵɵdomElementStart`, `ɵɵdomProperty`, `ɵɵdomListener`, `ɵɵdomTemplate`: no directive can
    /// match anything in the template.
    DomOnly,
}

impl CompilationMode {
    /// `compileComponentFromMetadata`'s rule: DOM-only for a standalone component none of whose
    /// directive dependencies (directives or NgModules) is used by the template (ngc's
    /// `hasDirectiveDependencies` is always true for a component declared in an NgModule).
    pub fn for_component(is_standalone: bool, has_directive_dependencies: bool) -> CompilationMode {
        if is_standalone && !has_directive_dependencies {
            CompilationMode::DomOnly
        } else {
            CompilationMode::Full
        }
    }
}

/// The dependency function of one `@defer` block (per-block emit mode).
#[derive(Debug, Clone, PartialEq)]
pub struct DeferBlockDependencies {
    /// The `span` of the `@defer` block in the template.
    pub block_span: Span,
    /// `() => [import("./a").then(m => m.A), ...]`, or `None` when the block has no
    /// deferrable dependencies.
    pub dependencies_fn: Option<o::Expr>,
}

/// The `@defer` metadata of a component (Angular's `R3ComponentDeferMetadata`).
#[derive(Debug, Clone, PartialEq)]
pub enum DeferMetadata {
    /// One dependency function per block (`DeferBlockDepsEmitMode.PerBlock`).
    PerBlock(Vec<DeferBlockDependencies>),
    /// One function for the whole component (`PerComponent`, with `deferredImports`):
    /// declared as `const <Name>_DeferFn = ...;` and used by every block.
    PerComponent(Option<o::Expr>),
}

impl Default for DeferMetadata {
    fn default() -> Self {
        DeferMetadata::PerBlock(Vec::new())
    }
}

/// What `compileComponentFromMetadata` passes to `ingestComponent`.
#[derive(Debug, Clone)]
pub struct TemplateCompilationInput<'a> {
    /// The component class name (`meta.name`): the prefix of every function name.
    pub component_name: &'a str,
    /// The parsed template.
    pub nodes: &'a [Node],
    pub mode: CompilationMode,
    /// The component file relative to the project (`relativeContextFilePath`; i18n only).
    pub relative_context_file_path: &'a str,
    /// `i18nUseExternalIds` (i18n only).
    pub i18n_use_external_ids: bool,
    pub defer: DeferMetadata,
    /// The template file relative to the project, for debug locations.
    pub relative_template_path: Option<&'a str>,
    /// `enableTemplateSourceLocations`: `ɵɵattachSourceLocations` calls.
    pub enable_debug_locations: bool,
    /// The text the template's spans point into, for the line/column of debug locations.
    pub template_source: Option<&'a str>,
    /// `legacyOptionalChaining` (false in Angular 22): `a?.b` as `a == null ? null : a.b`.
    pub legacy_optional_chaining: bool,
}

impl<'a> TemplateCompilationInput<'a> {
    /// An input with ngc's defaults: full mode, no defer blocks, no debug locations.
    pub fn new(component_name: &'a str, nodes: &'a [Node]) -> Self {
        TemplateCompilationInput {
            component_name,
            nodes,
            mode: CompilationMode::Full,
            relative_context_file_path: "",
            i18n_use_external_ids: true,
            defer: DeferMetadata::default(),
            relative_template_path: None,
            enable_debug_locations: false,
            template_source: None,
            legacy_optional_chaining: false,
        }
    }
}

/// The `consts` of a component definition.
#[derive(Debug, Clone, PartialEq)]
pub enum Consts {
    /// `consts: [...]`.
    Array(Vec<o::Expr>),
    /// `consts: () => { ...statements; return [...]; }`.
    Initializer {
        statements: Vec<o::Stmt>,
        consts: Vec<o::Expr>,
    },
}

impl Consts {
    /// The value of the `consts` key.
    pub fn to_expr(&self) -> o::Expr {
        match self {
            Consts::Array(items) => o::Expr::Array(items.clone()),
            Consts::Initializer { statements, consts } => {
                let mut body = statements.clone();
                body.push(o::Stmt::Return(o::Expr::Array(consts.clone())));
                o::Expr::Arrow {
                    params: Vec::new(),
                    body: o::ArrowBody::Block(body),
                }
            }
        }
    }
}

/// The template part of a component definition.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledTemplate {
    /// `function X_Template(rf, ctx) { ... }`.
    pub template_fn: o::Expr,
    pub decls: u32,
    pub vars: u32,
    /// `None` when there are no consts (the key is omitted).
    pub consts: Option<Consts>,
    /// `ngContentSelectors` (a constant-pool reference), when the template projects content.
    pub ng_content_selectors: Option<o::Expr>,
}

/// Compiles a component template (see the crate docs). The constant pool receives the
/// embedded-view functions and shared constants, in ngc's order.
pub fn compile_template(
    input: &TemplateCompilationInput<'_>,
    pool: &mut ConstantPool,
) -> Result<CompiledTemplate, Vec<PipelineError>> {
    let mut all_deferrable_deps_fn = None;
    if let DeferMetadata::PerComponent(Some(f)) = &input.defer {
        let name = format!("{}_DeferFn", input.component_name);
        pool.statements.push(o::const_stmt(name.clone(), f.clone()));
        all_deferrable_deps_fn = Some(ir::Expr::var(name));
    }
    let mut state = JobState::new(JobKind::Template, input.component_name, input.mode, pool);
    state.legacy_optional_chaining = input.legacy_optional_chaining;
    state.defer_meta = input.defer.clone();
    state.all_deferrable_deps_fn = all_deferrable_deps_fn;
    state.relative_template_path = input.relative_template_path.map(str::to_string);
    state.enable_debug_locations = input.enable_debug_locations;
    state.template_source = input.template_source.map(str::to_string);
    let mut job = Job::new(state);
    ingest::ingest_component(&mut job, input.nodes);
    if !job.state.errors.is_empty() {
        return Err(job.state.errors);
    }
    phases::transform(&mut job);
    if !job.state.errors.is_empty() {
        return Err(job.state.errors);
    }
    let template_fn = emit::emit_template_fn(&mut job);
    if !job.state.errors.is_empty() {
        return Err(job.state.errors);
    }
    let consts = if job.state.consts.is_empty() {
        None
    } else if job.state.consts_initializers.is_empty() {
        Some(Consts::Array(std::mem::take(&mut job.state.consts)))
    } else {
        Some(Consts::Initializer {
            statements: std::mem::take(&mut job.state.consts_initializers),
            consts: std::mem::take(&mut job.state.consts),
        })
    };
    Ok(CompiledTemplate {
        template_fn,
        decls: job.units[0].decls.unwrap_or(0),
        vars: job.units[0].vars.unwrap_or(0),
        consts,
        ng_content_selectors: job.state.content_selectors.take(),
    })
}

/// What `createHostBindingsFunction` works from.
#[derive(Debug, Clone)]
pub struct HostBindingCompilationInput<'a> {
    /// The directive class name.
    pub component_name: &'a str,
    /// The directive's selector (`meta.selector || ''`), for the security contexts.
    pub selector: &'a str,
    pub bindings: &'a ParsedHostBindings,
    /// Where errors are reported (ngc uses the class declaration).
    pub span: Span,
    pub legacy_optional_chaining: bool,
}

/// The host-binding part of a directive definition.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledHostBindings {
    /// `function X_HostBindings(rf, ctx) { ... }`, when any binding or listener needs code.
    pub host_bindings_fn: Option<o::Expr>,
    /// `hostVars`, when not zero.
    pub host_vars: Option<u32>,
    /// `hostAttrs`, when there are static attributes or binding names to declare.
    pub host_attrs: Option<o::Expr>,
}

/// Compiles host bindings (see the crate docs). `Ok(None)` when there is nothing to emit.
pub fn compile_host_bindings(
    input: &HostBindingCompilationInput<'_>,
    pool: &mut ConstantPool,
) -> Result<Option<CompiledHostBindings>, Vec<PipelineError>> {
    let mut state = JobState::new(
        JobKind::Host,
        input.component_name,
        CompilationMode::DomOnly,
        pool,
    );
    state.legacy_optional_chaining = input.legacy_optional_chaining;
    let mut job = Job::new(state);
    ingest::host::ingest_host_binding(&mut job, input.selector, input.bindings, input.span);
    if !job.state.errors.is_empty() {
        return Err(job.state.errors);
    }
    phases::transform(&mut job);
    if !job.state.errors.is_empty() {
        return Err(job.state.errors);
    }
    let host_attrs = job.state.host_attributes.take();
    let host_vars = job.units[0].vars.filter(|v| *v > 0);
    let host_bindings_fn = emit::emit_host_binding_function(&mut job);
    if !job.state.errors.is_empty() {
        return Err(job.state.errors);
    }
    if host_bindings_fn.is_none() && host_vars.is_none() && host_attrs.is_none() {
        return Ok(None);
    }
    Ok(Some(CompiledHostBindings {
        host_bindings_fn,
        host_vars,
        host_attrs,
    }))
}
