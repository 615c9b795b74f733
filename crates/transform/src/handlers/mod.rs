//! ngc's decorator handlers, analysis side: for each Angular class decorator, the R3 metadata
//! compiler-cli builds (`ComponentDecoratorHandler.analyze`/`resolve`,
//! `DirectiveDecoratorHandler`, `PipeDecoratorHandler`, `InjectableDecoratorHandler`,
//! `NgModuleDecoratorHandler`), from the class's syntax and the facts of the first step.

pub mod bindings;
pub mod class_metadata;
pub mod component;
pub mod directive;
pub mod host;
pub mod injectable;
pub mod ng_module;
pub mod pipe;
pub mod queries;
pub mod usage;

use std::rc::Rc;

use ngc_diagnostics::Diagnostic;
use ngc_output::Expr;
use swc_ecma_ast as ast;

use crate::facts::{ClassFacts, FileFacts};
use crate::members::Member;
use crate::options::TransformOptions;
use crate::resources::ResourceHost;
use crate::source::Source;
use crate::syntax::{self, ClassSyntax, DecoratorSyntax, ObjectLiteral};
use crate::value::Value;

/// Prints source expressions as the JavaScript tsc emits for them (types removed).
pub trait SourceJs {
    fn expr(&self, expr: &ast::Expr) -> String;
}

/// Everything the handlers know about the class being compiled.
pub struct ClassContext<'a, 'm> {
    pub source: &'a Source<'m>,
    pub file: &'a FileFacts,
    pub facts: Option<&'a ClassFacts>,
    pub class: ClassSyntax<'m>,
    pub decorators: Vec<DecoratorSyntax<'m>>,
    pub members: Vec<Member<'m>>,
    pub js: &'a dyn SourceJs,
    pub options: &'a TransformOptions,
    pub resources: &'a dyn ResourceHost,
}

impl<'a, 'm> ClassContext<'a, 'm> {
    /// A source expression, as already-printed JavaScript.
    pub fn raw(&self, expr: &ast::Expr) -> Expr {
        Expr::Raw(Rc::from(self.js.expr(expr)))
    }

    /// The class itself, as generated code refers to it.
    pub fn class_expr(&self) -> Expr {
        ngc_output::var(self.class.name)
    }

    /// The reflector's evaluation of a class decorator's first argument.
    pub fn evaluated_arg(&self, decorator: &DecoratorSyntax<'_>) -> Option<&'a Value> {
        self.facts.and_then(|f| f.decorator_args.get(decorator.index)).and_then(|v| v.as_ref())
    }

    /// The value of the field `name` of a decorator's object literal.
    pub fn field_value(&self, decorator: &DecoratorSyntax<'_>, object: &ObjectLiteral<'_>, name: &str) -> Option<Value> {
        let expr = object.get(name)?;
        let evaluated = self.evaluated_arg(decorator).and_then(|v| v.field(name));
        Some(crate::eval::value_of(expr, evaluated, self.source))
    }

    /// The evaluated arguments of a member decorator.
    pub fn member_decorator_values(&self, member: &Member<'_>, decorator: &DecoratorSyntax<'_>) -> Vec<Value> {
        let args = decorator.args.as_deref().unwrap_or(&[]);
        let position = member.decorators.iter().position(|d| d.index == decorator.index).unwrap_or(0);
        let evaluated = self.facts.and_then(|f| f.member_decorator_args(&member.name, member.occurrence, position));
        args.iter()
            .enumerate()
            .map(|(i, arg)| crate::eval::value_of(arg, evaluated.and_then(|e| e.get(i)), self.source))
            .collect()
    }

    /// Which identifiers of the file name the references `expr` evaluates to (ngc's
    /// identities), and the references it reaches through aliased imports.
    pub fn identities(&self, expr: &ast::Expr) -> crate::identity::Identities {
        crate::identity::Identities::with_aliases(expr, self.source, &self.file.bindings, &self.file.aliased_values)
    }

    pub fn span_of(&self, node: &impl swc_common::Spanned) -> ngc_diagnostics::Span {
        self.source.spans.of(node.span())
    }

    pub fn has_base_class(&self) -> bool {
        self.class.class.super_class.is_some()
    }

    /// The number of generic type parameters of the class.
    pub fn type_argument_count(&self) -> usize {
        self.class.class.type_params.as_ref().map_or(0, |p| p.params.len())
    }
}

/// The object literal of a decorator's single argument (`unwrapExpression`), or the error
/// compiler-cli reports. `None` argument list (`@X`) and no arguments give an empty literal
/// when `allow_empty`.
pub fn decorator_object<'m>(
    decorator: &DecoratorSyntax<'m>,
    ctx: &ClassContext<'_, 'm>,
    message: impl FnOnce() -> String,
) -> Result<Option<ObjectLiteral<'m>>, Diagnostic> {
    let args = decorator.args.as_deref().unwrap_or(&[]);
    match args {
        [] => Ok(None),
        [arg] => match syntax::unwrap_expression(arg) {
            ast::Expr::Object(object) => Ok(Some(ObjectLiteral::reflect(object, &ctx.source.spans))),
            other => Err(crate::diagnostics::arg_not_literal(ctx.span_of(other), message())),
        },
        _ => Err(crate::diagnostics::arity_wrong(
            decorator.span(&ctx.source.spans),
            format!("Incorrect number of arguments to @{} decorator", decorator.name),
        )),
    }
}

/// `tryUnwrapForwardRef`: `X` for `forwardRef(() => X)` (with `forwardRef` from
/// `@angular/core`), else `None`.
pub fn unwrap_forward_ref<'e>(expr: &'e ast::Expr, source: &Source<'_>) -> Option<&'e ast::Expr> {
    let ast::Expr::Call(call) = syntax::unwrap_expression(expr) else { return None };
    let ast::Callee::Expr(callee) = &call.callee else { return None };
    let (name, from) = source.imports.import_of_expr(callee)?;
    if name != "forwardRef" || from != "@angular/core" {
        return None;
    }
    let [arg] = call.args.as_slice() else { return None };
    let ast::Expr::Arrow(arrow) = &*arg.expr else { return None };
    match &*arrow.body {
        ast::ArrowFunctionBody::Expr(body) => Some(body),
        ast::ArrowFunctionBody::FunctionBody(block) => match block.stmts.as_slice() {
            [ast::Stmt::Return(ast::ReturnStmt { arg: Some(arg), .. })] => Some(&**arg),
            _ => None,
        },
    }
}
