//! The boundary with the template pipeline (ngc-pipeline): what the definition compilers hand
//! to it for a component's template and a directive's host bindings, and what they get back.
//!
//! [`TemplateCompiler`] is that boundary. The definition compilers call it exactly where
//! `compileComponentFromMetadata` runs `ingestHostBinding`/`ingestComponent`, so constants
//! land in the pool in ngc's order (queries, host bindings, template, styles).
//! [`super::pipeline::Pipeline`] implements it with ngc-pipeline.

use ngc_diagnostics::Span;
use ngc_output::{ConstantPool, Expr, Stmt};
use ngc_template::r3_ast::Node;

use super::metadata::{R3ComponentDeferMetadata, R3ForeignComponentMetadata, R3HostMetadata};

/// What the host-binding pipeline compiles (Angular's `HostBindingInput` before
/// `createHostBindingsFunction` moves the static `style` and `class` into the attributes,
/// which the template compiler does).
#[derive(Debug, Clone, Copy)]
pub struct HostBindingsJob<'a> {
    /// The directive's class name (`Foo_HostBindings`).
    pub component_name: &'a str,
    /// The directive's selector, or "".
    pub component_selector: &'a str,
    /// The host bindings.
    pub host: &'a R3HostMetadata,
    /// The class declaration, where binding errors point.
    pub type_source_span: Span,
    pub legacy_optional_chaining: bool,
}

/// What the host-binding pipeline produces.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompiledHostBindings {
    /// `function Foo_HostBindings(rf, ctx) { ... }`, when there are bindings.
    pub host_bindings: Option<Expr>,
    /// The `hostAttrs` array, when there are static attributes.
    pub host_attrs: Option<Expr>,
    /// `hostVars`: the binding slots the host bindings use.
    pub host_vars: u32,
}

/// `TemplateCompilationMode`: full, or DOM-only for standalone components that use no
/// directive (no directive matching at run time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateCompilationMode {
    Full,
    DomOnly,
}

/// What the template pipeline compiles (the arguments of Angular's `ingestComponent`).
#[derive(Debug, Clone, Copy)]
pub struct TemplateJob<'a> {
    /// The component's class name (`Foo_Template`, `Foo_div_1_Template`, …).
    pub component_name: &'a str,
    pub nodes: &'a [Node],
    pub compilation_mode: TemplateCompilationMode,
    pub relative_context_file_path: &'a str,
    pub i18n_use_external_ids: bool,
    /// The `@defer` loaders. For the per-component form, the template compiler declares
    /// `const Foo_DeferFn = ...;` in the pool first, as `compileComponentFromMetadata` does
    /// right before `ingestComponent`.
    pub defer: &'a R3ComponentDeferMetadata,
    pub relative_template_path: Option<&'a str>,
    pub enable_template_source_locations: bool,
    pub legacy_optional_chaining: bool,
    pub foreign_imports: Option<&'a [R3ForeignComponentMetadata]>,
}

/// What the template pipeline produces for the definition.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledTemplate {
    /// `function Foo_Template(rf, ctx) { ... }`.
    pub template_fn: Expr,
    pub decls: u32,
    pub vars: u32,
    /// The `consts` entries.
    pub consts: Vec<Expr>,
    /// Statements that must run before the consts array is built (i18n messages): when not
    /// empty, `consts` becomes `() => { ...; return [...]; }`.
    pub consts_initializers: Vec<Stmt>,
    /// `ngContentSelectors` (usually a pool constant), when the template projects content.
    pub content_selectors: Option<Expr>,
}

/// Compiles templates and host bindings for the definition compilers.
pub trait TemplateCompiler {
    /// What a failed compilation reports (the pipeline's errors, passed through untouched to
    /// the caller, which knows where the template came from).
    type Error;

    /// Host bindings of a directive or component (never called when there are none).
    fn compile_host_bindings(&mut self, job: &HostBindingsJob<'_>, pool: &mut ConstantPool) -> Result<CompiledHostBindings, Self::Error>;

    /// A component's template.
    fn compile_template(&mut self, job: &TemplateJob<'_>, pool: &mut ConstantPool) -> Result<CompiledTemplate, Self::Error>;
}
