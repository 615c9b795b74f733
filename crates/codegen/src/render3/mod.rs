//! Angular's render3 definition compilers (`compileFactoryFunction`, `compileInjectable`,
//! `compileInjector`, `compileNgModule`, `compilePipeFromMetadata`,
//! `compileDirectiveFromMetadata`, `compileComponentFromMetadata`, `compileService`,
//! `compileClassMetadata`, `compileClassDebugInfo`) in full compilation mode: R3 metadata
//! ([`metadata`]) in, output AST out.
//!
//! [`results`] assembles what each of ngc's decorator handlers emits for a class (the
//! `static ɵfac = …` fields and the statements after the class), in ngc's order. Templates
//! and host bindings go through [`template::TemplateCompiler`]; [`Pipeline`] is the
//! implementation with ngc-pipeline.

pub mod class_metadata;
pub mod component;
pub mod debug_info;
pub mod defer;
pub mod directive;
pub mod factory;
pub mod injectable;
pub mod injector;
pub mod metadata;
pub mod ng_module;
pub mod pipe;
pub mod pipeline;
pub mod query;
pub mod results;
pub mod template;
#[cfg(test)]
mod tests;
mod util;

use ngc_output::{Expr, Stmt};

/// `R3CompiledExpression` (without the type, which only `.d.ts` output needs): the
/// definition's initializer and the statements that go after the class.
#[derive(Debug, Clone, PartialEq)]
pub struct R3CompiledExpression {
    pub expression: Expr,
    pub statements: Vec<Stmt>,
}

impl R3CompiledExpression {
    /// An expression without extra statements.
    pub fn new(expression: Expr) -> Self {
        R3CompiledExpression { expression, statements: Vec::new() }
    }
}

pub use class_metadata::{compile_class_metadata, compile_component_class_metadata, compile_opaque_async_class_metadata};
pub use component::compile_component_from_metadata;
pub use debug_info::compile_class_debug_info;
pub use defer::compile_defer_resolver_function;
pub use directive::compile_directive_from_metadata;
pub use factory::compile_factory_function;
pub use injectable::{compile_injectable, compile_service};
pub use injector::compile_injector;
pub use ng_module::compile_ng_module;
pub use pipe::compile_pipe_from_metadata;
pub use pipeline::Pipeline;
