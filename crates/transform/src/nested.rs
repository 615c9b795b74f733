//! Class declarations that are not top-level statements of the module: inside a function,
//! an arrow function, a method or static block, a block, or a namespace.
//!
//! ngc compiles an Angular class wherever it is declared. ngc-rs compiles top-level classes
//! only (the reflector reads classes through the collected metadata, which records the
//! module's top-level declarations), so an Angular-decorated nested class is reported as
//! NGRS6002 instead of being left to the TypeScript emitter's `__decorate` (which would need
//! the JIT compiler at run time). An undecorated nested class that uses Angular features is
//! NG2007, as ngc reports it for every class declaration. Class expressions are not classes to
//! ngc (it visits class declarations only), so they are not listed.

use swc_ecma_ast as ast;
use swc_ecma_visit::{Visit, VisitWith};

use crate::compile::{angular_feature, not_decorated, HANDLERS};
use crate::diagnostics::{self as diag, TransformDiagnostic};
use crate::members;
use crate::source::Source;
use crate::syntax;

/// The innermost construct a nested class is declared in (a block counts only when nothing
/// else encloses the class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enclosing {
    Function,
    Method,
    StaticBlock,
    Namespace,
    Block,
}

impl Enclosing {
    fn describe(self) -> &'static str {
        match self {
            Enclosing::Function => "inside a function",
            Enclosing::Method => "inside a method",
            Enclosing::StaticBlock => "inside a static block",
            Enclosing::Namespace => "inside a namespace",
            Enclosing::Block => "inside a block",
        }
    }
}

/// The diagnostics of the nested class declarations of the file, in source order (an outer
/// class before the classes declared in its members): NGRS6002 for an Angular-decorated one,
/// NG2007 for an undecorated one that uses Angular features.
pub fn nested_class_diagnostics(source: &Source<'_>) -> Vec<TransformDiagnostic> {
    let mut finder = Finder { source, stack: Vec::new(), diagnostics: Vec::new() };
    for item in &source.module.body {
        match item {
            // A top-level class is compiled; the classes its members declare are nested.
            ast::ModuleItem::Stmt(ast::Stmt::Decl(ast::Decl::Class(decl))) => decl.class.visit_with(&mut finder),
            ast::ModuleItem::ModuleDecl(ast::ModuleDecl::ExportDecl(ast::ExportDecl {
                decl: ast::Decl::Class(decl),
                ..
            })) => decl.class.visit_with(&mut finder),
            other => other.visit_with(&mut finder),
        }
    }
    finder.diagnostics
}

struct Finder<'s, 'm> {
    source: &'s Source<'m>,
    stack: Vec<Enclosing>,
    diagnostics: Vec<TransformDiagnostic>,
}

impl Finder<'_, '_> {
    fn enclosing(&self) -> Enclosing {
        self.stack.iter().rev().copied().find(|e| *e != Enclosing::Block).unwrap_or(Enclosing::Block)
    }

    fn inside(&mut self, enclosing: Enclosing, visit: impl FnOnce(&mut Self)) {
        self.stack.push(enclosing);
        visit(self);
        self.stack.pop();
    }

    fn check(&mut self, decl: &ast::ClassDecl) {
        if decl.declare {
            return;
        }
        let source = self.source;
        let spans = &source.spans;
        let name_span = spans.of(decl.ident.span);
        let decorators = syntax::decorators(&decl.class.decorators, &source.imports);
        let angular = decorators.iter().find(|d| d.is_angular_core() && HANDLERS.contains(&d.name.as_str()));
        if let Some(decorator) = angular {
            self.diagnostics.push(
                diag::nested_class(decorator.span(spans), name_span, &decl.ident.sym, self.enclosing().describe())
                    .into(),
            );
        } else if decl.class.decorators.is_empty() {
            let members = members::members(&decl.class, source);
            if let Some(member) = angular_feature(&members) {
                self.diagnostics.push(not_decorated(name_span, member).into());
            }
        }
    }
}

impl Visit for Finder<'_, '_> {
    fn visit_class_decl(&mut self, decl: &ast::ClassDecl) {
        self.check(decl);
        decl.class.visit_with(self);
    }

    fn visit_class_method(&mut self, m: &ast::ClassMethod) {
        self.inside(Enclosing::Method, |v| m.visit_children_with(v));
    }

    fn visit_private_method(&mut self, m: &ast::PrivateMethod) {
        self.inside(Enclosing::Method, |v| m.visit_children_with(v));
    }

    fn visit_constructor(&mut self, f: &ast::Constructor) {
        self.inside(Enclosing::Method, |v| f.visit_children_with(v));
    }

    fn visit_static_block(&mut self, f: &ast::StaticBlock) {
        self.inside(Enclosing::StaticBlock, |v| f.visit_children_with(v));
    }

    fn visit_function(&mut self, f: &ast::Function) {
        // A method's function is the method.
        if self.stack.last() == Some(&Enclosing::Method) {
            f.visit_children_with(self);
        } else {
            self.inside(Enclosing::Function, |v| f.visit_children_with(v));
        }
    }

    fn visit_arrow_expr(&mut self, f: &ast::ArrowExpr) {
        self.inside(Enclosing::Function, |v| f.visit_children_with(v));
    }

    fn visit_getter_prop(&mut self, f: &ast::GetterProp) {
        self.inside(Enclosing::Function, |v| f.visit_children_with(v));
    }

    fn visit_setter_prop(&mut self, f: &ast::SetterProp) {
        self.inside(Enclosing::Function, |v| f.visit_children_with(v));
    }

    fn visit_ts_module_decl(&mut self, m: &ast::TsModuleDecl) {
        // Ambient declarations emit nothing.
        if m.declare {
            return;
        }
        self.inside(Enclosing::Namespace, |v| m.visit_children_with(v));
    }

    fn visit_block_stmt(&mut self, b: &ast::BlockStmt) {
        self.inside(Enclosing::Block, |v| b.visit_children_with(v));
    }
}
