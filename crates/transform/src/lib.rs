//! The Angular file transform: each program file's Angular classes are analysed (decorators
//! through the reflector), compiled to definitions and factories, and spliced into the file's
//! JavaScript.
//!
//! Two steps per file: [`facts::file_facts`] asks the whole-program analysis (the reflector)
//! what the file's classes need from other files, as plain data; [`compile::compile_file`]
//! then analyses the decorators from the file's syntax (ngc's decorator handlers, in
//! [`handlers`]), compiles them with ngc-codegen and emits the file with ngc-ts-emit.
//! [`transform_file`] runs both for one file; files compile in parallel, sharing the analysis
//! behind a lock for the first step only.

// Diagnostics travel by value on the (cold) error paths; boxing them would only add noise.
#![allow(clippy::result_large_err)]

pub mod compile;
pub mod debug_names;
pub mod defer;
pub mod di;
pub mod diagnostics;
pub mod eval;
pub mod facts;
pub mod handlers;
pub mod identity;
pub mod imports;
pub mod members;
pub mod nested;
pub mod options;
pub mod paths;
pub mod program;
pub mod resources;
pub mod source;
pub mod syntax;
pub mod value;

use std::sync::Mutex;

use ngc_codegen::render3::template::TemplateCompiler;
use ngc_diagnostics::nesting;
use ngc_reflector::ModuleId;
use ngc_ts_emit::EmitOptions;

pub use compile::CompiledFile;
pub use diagnostics::{ExternalSource, TransformDiagnostic};
pub use options::TransformOptions;
pub use program::ProgramRefs;
pub use resources::ResourceHost;

/// Compiles one program file: parses it, asks the program (`refs`, shared by the threads
/// that compile files, locked only for that) what its classes need, compiles the Angular
/// classes and emits the JavaScript. `file_name` is the file's absolute path. `lowered` are the
/// expressions the file's emitted metadata refers to as `ɵN` symbols (ngc 8's expression
/// lowering), empty when no metadata is emitted.
#[allow(clippy::too_many_arguments)]
pub fn transform_file(
    refs: &Mutex<ProgramRefs<'_, '_>>,
    module: ModuleId,
    file_name: &str,
    text: &str,
    options: &TransformOptions,
    emit_options: &EmitOptions,
    lowered: &[ngc_ts_emit::LoweredExpression],
    resources: &dyn ResourceHost,
    templates: &mut dyn TemplateCompiler<Error = Vec<ngc_pipeline::PipelineError>>,
) -> CompiledFile {
    let parsed = match ngc_ts_emit::parse(file_name, text) {
        Ok(parsed) => parsed,
        Err(diagnostics) => {
            return CompiledFile {
                code: String::new(),
                diagnostics: diagnostics.into_iter().map(TransformDiagnostic::from).collect(),
            }
        }
    };
    let spans = compile::spans_of(&parsed);
    let facts = {
        let source = source::Source::new(&parsed.file_name, &parsed.text, &parsed.module, spans);
        match refs.lock() {
            Ok(mut refs) => facts::file_facts(&mut refs, module, &source),
            Err(poisoned) => facts::file_facts(&mut poisoned.into_inner(), module, &source),
        }
    };
    let job = compile::FileJob { parsed: &parsed, facts: &facts, options, emit_options, resources, program: &facts, lowered };
    // The syntax walks recurse once per nesting level: a deep file gets a stack to match (the
    // parse above refused anything beyond ngc-ts-emit's limit).
    let depth = match nesting::estimate(text, nesting::Grammar::Source, ngc_ts_emit::MAX_NESTING) {
        nesting::Nesting::Within(depth) => depth,
        nesting::Nesting::Excessive(_) => ngc_ts_emit::MAX_NESTING,
    };
    nesting::with_stack_for(depth, || compile::compile_file(&job, templates))
}
