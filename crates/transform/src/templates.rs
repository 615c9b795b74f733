//! The template compiler the definition compilers call for component templates and host
//! bindings ([`TemplateCompiler`]): Angular's template pipeline (ngc-pipeline).

use ngc_codegen::render3::template::{CompiledHostBindings, CompiledTemplate, HostBindingsJob, TemplateCompiler, TemplateJob};
use ngc_diagnostics::Diagnostic;
use ngc_output::ConstantPool;

/// Reports every template and host binding as not compiled (NGRS5002), for builds without
/// the template pipeline.
#[derive(Debug, Default)]
pub struct UnavailableTemplates;

impl TemplateCompiler for UnavailableTemplates {
    type Error = Vec<Diagnostic>;

    fn compile_host_bindings(&mut self, job: &HostBindingsJob<'_>, _pool: &mut ConstantPool) -> Result<CompiledHostBindings, Self::Error> {
        Err(vec![unavailable(job.type_source_span, "host bindings")])
    }

    fn compile_template(&mut self, job: &TemplateJob<'_>, _pool: &mut ConstantPool) -> Result<CompiledTemplate, Self::Error> {
        let span = job.nodes.first().map(node_span).unwrap_or_default();
        Err(vec![unavailable(span, "component templates")])
    }
}

fn node_span(node: &ngc_template::Node) -> ngc_diagnostics::Span {
    let s = node.span();
    ngc_diagnostics::Span::new(s.start, s.end)
}

/// NGRS5002: the template pipeline is not part of this build.
#[cold]
fn unavailable(span: ngc_diagnostics::Span, what: &str) -> Diagnostic {
    Diagnostic::error("NGRS5002", format!("{what} cannot be compiled: the template pipeline is not available"))
        .with_label(span, "needs the template pipeline")
        .with_help("build ngc-rs with the template pipeline (ngc-pipeline)")
}
