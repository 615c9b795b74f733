//! [`Pipeline`]: the [`TemplateCompiler`] that compiles templates and host bindings with
//! Angular 22's template pipeline (ngc-pipeline). The only place the definition compilers
//! call into it.

use ngc_output::ConstantPool;
use ngc_pipeline::{
    compile_host_bindings, compile_template, CompilationMode, Consts, DeferBlockDependencies, DeferMetadata, HostBindingCompilationInput,
    ParsedHostBindings, PipelineError, TemplateCompilationInput,
};

use super::metadata::R3ComponentDeferMetadata;
use super::template::{CompiledHostBindings, CompiledTemplate, HostBindingsJob, TemplateCompilationMode, TemplateCompiler, TemplateJob};

/// Compiles with ngc-pipeline. Errors are the pipeline's: spans into the template for
/// templates, the `type_source_span` of the class for host bindings.
#[derive(Debug, Default, Clone, Copy)]
pub struct Pipeline;

impl TemplateCompiler for Pipeline {
    type Error = Vec<PipelineError>;

    fn compile_host_bindings(&mut self, job: &HostBindingsJob<'_>, pool: &mut ConstantPool) -> Result<CompiledHostBindings, Self::Error> {
        let host = job.host;
        // `createHostBindingsFunction` only moves non-empty `style`/`class` values.
        let non_empty = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        let bindings = ParsedHostBindings {
            attributes: host.attributes.clone(),
            listeners: host.listeners.clone(),
            properties: host.properties.clone(),
            class_attr: non_empty(&host.special_attributes.class_attr),
            style_attr: non_empty(&host.special_attributes.style_attr),
        };
        let input = HostBindingCompilationInput {
            component_name: job.component_name,
            selector: job.component_selector,
            bindings: &bindings,
            span: ngc_template::Span::new(job.type_source_span.start, job.type_source_span.end),
            legacy_optional_chaining: job.legacy_optional_chaining,
        };
        Ok(match compile_host_bindings(&input, pool)? {
            None => CompiledHostBindings::default(),
            Some(compiled) => CompiledHostBindings {
                host_bindings: compiled.host_bindings_fn,
                host_attrs: compiled.host_attrs,
                host_vars: compiled.host_vars.unwrap_or(0),
            },
        })
    }

    fn compile_template(&mut self, job: &TemplateJob<'_>, pool: &mut ConstantPool) -> Result<CompiledTemplate, Self::Error> {
        let defer = match job.defer {
            R3ComponentDeferMetadata::PerBlock { blocks } => DeferMetadata::PerBlock(
                blocks.iter().map(|(span, f)| DeferBlockDependencies { block_span: *span, dependencies_fn: f.clone() }).collect(),
            ),
            R3ComponentDeferMetadata::PerComponent { dependencies_fn } => DeferMetadata::PerComponent(dependencies_fn.clone()),
        };
        let input = TemplateCompilationInput {
            component_name: job.component_name,
            nodes: job.nodes,
            mode: match job.compilation_mode {
                TemplateCompilationMode::Full => CompilationMode::Full,
                TemplateCompilationMode::DomOnly => CompilationMode::DomOnly,
            },
            relative_context_file_path: job.relative_context_file_path,
            i18n_use_external_ids: job.i18n_use_external_ids,
            defer,
            relative_template_path: job.relative_template_path,
            enable_debug_locations: job.enable_template_source_locations,
            template_source: None,
            legacy_optional_chaining: job.legacy_optional_chaining,
        };
        let compiled = compile_template(&input, pool)?;
        let (consts, consts_initializers) = match compiled.consts {
            None => (Vec::new(), Vec::new()),
            Some(Consts::Array(items)) => (items, Vec::new()),
            Some(Consts::Initializer { statements, consts }) => (consts, statements),
        };
        Ok(CompiledTemplate {
            template_fn: compiled.template_fn,
            decls: compiled.decls,
            vars: compiled.vars,
            consts,
            consts_initializers,
            content_selectors: compiled.ng_content_selectors,
        })
    }
}
