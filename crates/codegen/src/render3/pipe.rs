//! `compilePipeFromMetadata`: the `ɵpipe` of a pipe (`ɵɵdefinePipe({ name, type, pure })`).

use ngc_output::{bool_lit, core, str_lit};

use super::metadata::R3PipeMetadata;
use super::util::DefinitionMap;
use super::R3CompiledExpression;

/// `compilePipeFromMetadata`.
pub fn compile_pipe_from_metadata(meta: &R3PipeMetadata) -> R3CompiledExpression {
    let mut def = DefinitionMap::new();
    def.set("name", str_lit(meta.pipe_name.clone().unwrap_or_else(|| meta.name.clone())));
    def.set("type", meta.type_ref.value.clone());
    def.set("pure", bool_lit(meta.pure));
    if !meta.is_standalone {
        def.set("standalone", bool_lit(false));
    }
    R3CompiledExpression::new(core("ɵɵdefinePipe").call_pure(vec![def.into_literal_map()]))
}
