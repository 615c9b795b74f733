//! What the caller (the Angular transform) changes in a file's emit: decorators to remove,
//! imports to keep, and generated JavaScript to splice in.

use ngc_diagnostics::Span;

/// Edits applied while emitting one [`crate::ParsedFile`]. Spans are byte offsets into the
/// file's text, as [`crate::ParsedFile::span`] gives them for swc spans.
///
/// Spliced text is inserted verbatim, each piece on its own line(s); it must be complete
/// JavaScript statements (or class members, for [`Edits::class_members`]).
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// Decorators (`@X(...)`, by the span of the decorator) removed from classes, members and
    /// parameters. Their expressions still count as uses for import elision, as in ngc, where
    /// the checker has seen them before Angular's transform removes them.
    pub remove_decorators: Vec<Span>,
    /// Import bindings (by the span of the local name) kept even without a value use in the
    /// file: generated code refers to them (Angular's reuse of existing imports).
    pub keep_imports: Vec<Span>,
    /// Statements placed after the file's imports, as ngc places the imports it adds. When this
    /// is not empty every top-level import declaration moves to the top of the file (in order),
    /// these follow, then the other statements, as Angular's import manager arranges them.
    /// Text starting with `import` or `export` makes the file a module for the `export {};` rule.
    pub after_imports: Vec<String>,
    /// Statements placed before the top-level statement with this index in `module.body`.
    pub before_statement: Vec<(usize, String)>,
    /// Statements placed after the top-level statement with this index in `module.body`.
    pub after_statement: Vec<(usize, String)>,
    /// Members appended at the end of the body of the class with this span
    /// ([`crate::ClassInfo::span`]), e.g. `static ɵfac = ...;`.
    pub class_members: Vec<(Span, String)>,
    /// Import declarations (by index in `module.body`) removed whatever their uses: Angular
    /// loads what they import lazily instead (`@defer` dependencies).
    pub remove_imports: Vec<usize>,
    /// JavaScript inserted verbatim at byte offsets of the file, inside expressions too (the
    /// `debugName` arguments Angular adds to signal calls). Insertions at one offset keep their
    /// order.
    pub insertions: Vec<(u32, String)>,
    /// Expressions moved into exported constants, as ngc 8's expression lowering did for files
    /// whose View Engine metadata refers to them (see [`crate::lower`]): each expression is
    /// replaced by its name and `const ɵ0 = <expression>;` goes before its top-level statement
    /// (or, for a variable's whole initializer, `const ɵ0 = <variable>;` after it), and
    /// `export { ɵ0, … };` ends the file.
    pub lowered: Vec<LoweredExpression>,
}

/// An expression lowered into the exported constant `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoweredExpression {
    pub name: String,
    /// The expression's span (from its first token to its end).
    pub span: Span,
}
