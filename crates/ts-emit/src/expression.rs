//! The JavaScript of single expressions of a file, as the file's emit prints them (types,
//! type assertions, non-null assertions and type arguments removed): what the Angular transform
//! copies from decorators into generated code, where ngc wraps the original nodes
//! (`WrappedNodeExpr`) and tsc's own transform then strips their types.

use swc_common::Spanned;
use swc_ecma_ast::Expr;
use swc_ecma_visit::VisitWith;

use crate::emit::Emitter;
use crate::patch::Patches;
use crate::{EmitOptions, ParsedFile, ProgramFacts};

/// Emits expressions of one parsed file; the file's scopes are analysed once.
pub struct ExpressionEmitter<'a> {
    emitter: Emitter<'a>,
}

impl<'a> ExpressionEmitter<'a> {
    pub fn new(file: &'a ParsedFile, options: &'a EmitOptions, facts: &'a dyn ProgramFacts) -> Self {
        ExpressionEmitter { emitter: Emitter::new(file, options, facts) }
    }

    /// Prints the expressions `lowered` names as their names, as the file's emit with the same
    /// [`crate::Edits::lowered`] prints them.
    pub fn with_lowered(mut self, lowered: &[crate::LoweredExpression]) -> Self {
        if !lowered.is_empty() {
            self.emitter.lowered = crate::lower::plan(self.emitter.file, lowered, None).replaced;
        }
        self
    }

    /// The JavaScript of `expr`, a node of the file's AST.
    pub fn emit(&mut self, expr: &Expr) -> String {
        // Each expression gets edits of its own: one expression may be printed more than once,
        // and expressions may nest.
        self.emitter.p = Patches::new(self.emitter.src);
        expr.visit_with(&mut self.emitter);
        self.emitter.render(expr.span())
    }
}
