//! Expression traversal (Angular's `transformExpressionsInOp` / `transformExpressionsInExpression`
//! / `transformExpressionsInStatement`; `visitExpressionsInOp` is the same walk).
//!
//! The walk is post-order in Angular's child order: the children of an expression are handled
//! before the callback sees the expression itself, and the callback may replace it. Nested op
//! lists (listener handlers, track-by ops) and pure-function bodies are visited with
//! [`VisitorFlags::IN_CHILD_OPERATION`].

use super::expr::{
    ArrowBody, BindingValue, Expr, Interpolation, MapEntry, RestoreViewTarget, Stmt,
};
use super::ops::Op;

/// `VisitorContextFlag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VisitorFlags(pub u8);

impl VisitorFlags {
    pub const NONE: VisitorFlags = VisitorFlags(0);
    pub const IN_CHILD_OPERATION: VisitorFlags = VisitorFlags(1);
    pub const IN_ARROW_FUNCTION_OPERATION: VisitorFlags = VisitorFlags(2);
    pub const IN_SAFE_NAVIGATION_MIGRATION: VisitorFlags = VisitorFlags(4);

    pub fn has(self, other: VisitorFlags) -> bool {
        self.0 & other.0 != 0
    }

    pub fn with(self, other: VisitorFlags) -> VisitorFlags {
        VisitorFlags(self.0 | other.0)
    }
}

/// The callback type: sees (and may replace) each expression after its children.
pub type Transform<'a> = dyn FnMut(&mut Expr, VisitorFlags) + 'a;

fn interpolation(i: &mut Interpolation, f: &mut Transform<'_>, flags: VisitorFlags) {
    for e in &mut i.expressions {
        transform_expr(e, f, flags);
    }
}

fn binding_value(v: &mut BindingValue, f: &mut Transform<'_>, flags: VisitorFlags) {
    match v {
        BindingValue::Interpolation(i) => interpolation(i, f, flags),
        BindingValue::Expr(e) => transform_expr(e, f, flags),
    }
}

fn opt(e: &mut Option<Expr>, f: &mut Transform<'_>, flags: VisitorFlags) {
    if let Some(e) = e {
        transform_expr(e, f, flags);
    }
}

/// Visits every expression of `op` (and of its nested op lists).
pub fn transform_expressions_in_op(op: &mut Op, f: &mut Transform<'_>, flags: VisitorFlags) {
    match op {
        Op::Binding(b) => binding_value(&mut b.expression, f, flags),
        Op::StyleProp(s) | Op::StyleMap(s) | Op::ClassProp(s) | Op::ClassMap(s) => {
            binding_value(&mut s.expression, f, flags)
        }
        Op::Property(p) => {
            binding_value(&mut p.expression, f, flags);
            opt(&mut p.sanitizer, f, flags);
        }
        Op::DomProperty(p) => {
            binding_value(&mut p.expression, f, flags);
            opt(&mut p.sanitizer, f, flags);
        }
        Op::Attribute(a) => {
            binding_value(&mut a.expression, f, flags);
            opt(&mut a.sanitizer, f, flags);
        }
        Op::TwoWayProperty(p) => {
            binding_value(&mut p.expression, f, flags);
            opt(&mut p.sanitizer, f, flags);
        }
        Op::InterpolateText {
            interpolation: i, ..
        } => interpolation(i, f, flags),
        Op::Statement(stmt) => transform_stmt(stmt, f, flags),
        Op::Variable(v) => transform_expr(&mut v.initializer, f, flags),
        Op::Conditional(c) => {
            for cond in &mut c.conditions {
                opt(&mut cond.expr, f, flags);
            }
            opt(&mut c.processed, f, flags);
            opt(&mut c.context_value, f, flags);
        }
        Op::Boundary(b) => {
            for cond in &mut b.conditions {
                opt(&mut cond.expr, f, flags);
            }
            opt(&mut b.processed, f, flags);
        }
        Op::Listener(l) => {
            let child = flags.with(VisitorFlags::IN_CHILD_OPERATION);
            l.handler_ops
                .for_each_mut(|inner| transform_expressions_in_op(inner, f, child));
        }
        Op::TwoWayListener(l) => {
            let child = flags.with(VisitorFlags::IN_CHILD_OPERATION);
            l.handler_ops
                .for_each_mut(|inner| transform_expressions_in_op(inner, f, child));
        }
        Op::ExtractedAttribute(a) => {
            opt(&mut a.expression, f, flags);
            opt(&mut a.trusted_value_fn, f, flags);
        }
        Op::RepeaterCreate(r) => {
            match &mut r.track_by_ops {
                None => transform_expr(&mut r.track, f, flags),
                Some(ops) => {
                    let child = flags.with(VisitorFlags::IN_CHILD_OPERATION);
                    ops.for_each_mut(|inner| transform_expressions_in_op(inner, f, child));
                }
            }
            opt(&mut r.track_by_fn, f, flags);
        }
        Op::Repeater { collection, .. } => transform_expr(collection, f, flags),
        Op::Defer(d) => {
            opt(&mut d.loading_config, f, flags);
            opt(&mut d.placeholder_config, f, flags);
            opt(&mut d.resolver_fn, f, flags);
        }
        Op::DeferWhen { expr, .. } => transform_expr(expr, f, flags),
        Op::StoreLet { value, .. } => transform_expr(value, f, flags),
        Op::ListEnd
        | Op::Reified(_)
        | Op::ElementStart(_)
        | Op::Element(_)
        | Op::ElementEnd(_)
        | Op::ContainerStart(_)
        | Op::Container(_)
        | Op::ContainerEnd(_)
        | Op::Template(_)
        | Op::ConditionalCreate(_)
        | Op::ConditionalBranchCreate(_)
        | Op::BoundaryCreate(_)
        | Op::BoundaryErrorCreate(_)
        | Op::Text(_)
        | Op::Pipe { .. }
        | Op::Namespace(_)
        | Op::ProjectionDef(_)
        | Op::Projection(_)
        | Op::DeferOn { .. }
        | Op::DeclareLet { .. }
        | Op::DisableBindings(_)
        | Op::EnableBindings(_)
        | Op::EnableIncrementalHydrationRuntime
        | Op::ControlCreate { .. }
        | Op::SourceLocation { .. }
        | Op::Advance { .. }
        | Op::Control { .. } => {}
    }
}

/// Visits every expression of a statement.
pub fn transform_stmt(stmt: &mut Stmt, f: &mut Transform<'_>, flags: VisitorFlags) {
    match stmt {
        Stmt::Expr(e) => transform_expr(e, f, flags),
        Stmt::Return { value, .. } => transform_expr(value, f, flags),
        Stmt::DeclareVar { value, .. } => opt(value, f, flags),
    }
}

/// Visits `expr` and its children, children first.
pub fn transform_expr(expr: &mut Expr, f: &mut Transform<'_>, flags: VisitorFlags) {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
        transform_children(expr, f, flags)
    });
    f(expr, flags);
}

fn transform_children(expr: &mut Expr, f: &mut Transform<'_>, flags: VisitorFlags) {
    match expr {
        // IR kinds.
        Expr::RestoreView(RestoreViewTarget::Expr(e)) => transform_expr(e, f, flags),
        Expr::ResetView(e) => transform_expr(e, f, flags),
        Expr::TwoWayBindingSet { target, value } => {
            transform_expr(target, f, flags);
            transform_expr(value, f, flags);
        }
        Expr::PureFunction(pf) => {
            if let Some(body) = &mut pf.body {
                transform_expr(body, f, flags.with(VisitorFlags::IN_CHILD_OPERATION));
            } else if let Some(fn_ref) = &mut pf.fn_ref {
                transform_expr(fn_ref, f, flags);
            }
            for arg in &mut pf.args {
                transform_expr(arg, f, flags);
            }
        }
        Expr::PipeBinding { args, .. } => {
            for arg in args {
                transform_expr(arg, f, flags);
            }
        }
        Expr::PipeBindingVariadic { args, .. } => transform_expr(args, f, flags),
        Expr::SafePropertyRead { receiver, .. } => transform_expr(receiver, f, flags),
        Expr::SafeKeyedRead { receiver, index } => {
            transform_expr(receiver, f, flags);
            transform_expr(index, f, flags);
        }
        Expr::SafeNavigationMigration(e) => {
            transform_expr(e, f, flags.with(VisitorFlags::IN_SAFE_NAVIGATION_MIGRATION))
        }
        Expr::SafeTernary { guard, expr } => {
            transform_expr(guard, f, flags);
            transform_expr(expr, f, flags);
        }
        Expr::AssignTemporary { expr, .. } => transform_expr(expr, f, flags),
        // Angular applies the transform to the collected expression without walking into it.
        Expr::ConstCollected(e) => f(e, flags),
        Expr::StoreLet { value, .. } => transform_expr(value, f, flags),
        Expr::LexicalRead(_)
        | Expr::Reference { .. }
        | Expr::Context(_)
        | Expr::BoundaryState(_)
        | Expr::TrackContext(_)
        | Expr::NextContext { .. }
        | Expr::GetCurrentView
        | Expr::RestoreView(RestoreViewTarget::View(_))
        | Expr::ReadVariable { .. }
        | Expr::PureFunctionParameter(_)
        | Expr::Empty
        | Expr::ReadTemporary { .. }
        | Expr::SlotLiteral(_)
        | Expr::ArrowFunction { .. }
        | Expr::ContextLetReference { .. } => {}

        // Output-AST shapes.
        Expr::Binary { lhs, rhs, .. } => {
            transform_expr(lhs, f, flags);
            transform_expr(rhs, f, flags);
        }
        Expr::Unary { expr, .. } => transform_expr(expr, f, flags),
        Expr::ReadProp { receiver, .. } => transform_expr(receiver, f, flags),
        Expr::ReadKey {
            receiver, index, ..
        } => {
            transform_expr(receiver, f, flags);
            transform_expr(index, f, flags);
        }
        Expr::Invoke { callee, args, .. } => {
            transform_expr(callee, f, flags);
            for arg in args {
                transform_expr(arg, f, flags);
            }
        }
        Expr::LiteralArray(items) => {
            for item in items {
                transform_expr(item, f, flags);
            }
        }
        Expr::LiteralMap(entries) => {
            for entry in entries {
                match entry {
                    MapEntry::Spread(e) => transform_expr(e, f, flags),
                    MapEntry::Property { value, .. } => transform_expr(value, f, flags),
                }
            }
        }
        Expr::Conditional {
            condition,
            true_case,
            false_case,
        } => {
            transform_expr(condition, f, flags);
            transform_expr(true_case, f, flags);
            if let Some(fc) = false_case {
                transform_expr(fc, f, flags);
            }
        }
        Expr::Typeof(e)
        | Expr::Void(e)
        | Expr::Not(e)
        | Expr::Paren(e)
        | Expr::RequiredParen(e)
        | Expr::Spread(e) => transform_expr(e, f, flags),
        Expr::TaggedTemplate { tag, exprs, .. } => {
            transform_expr(tag, f, flags);
            for e in exprs {
                transform_expr(e, f, flags);
            }
        }
        Expr::TemplateLiteral { exprs, .. } => {
            for e in exprs {
                transform_expr(e, f, flags);
            }
        }
        Expr::ArrowFn { body, .. } => {
            let child = flags.with(VisitorFlags::IN_CHILD_OPERATION);
            match body {
                ArrowBody::Expr(e) => transform_expr(e, f, child),
                ArrowBody::Block(stmts) => {
                    for s in stmts {
                        transform_stmt(s, f, child);
                    }
                }
            }
        }
        Expr::Function { body, .. } => {
            for s in body {
                transform_stmt(s, f, flags);
            }
        }
        Expr::ReadVar(_)
        | Expr::Core(_)
        | Expr::Output(_)
        | Expr::Literal(_)
        | Expr::Regex { .. } => {}
    }
}

/// Visits every expression of `op` without changing it (Angular's `visitExpressionsInOp`).
pub fn visit_expressions_in_op(op: &mut Op, f: &mut dyn FnMut(&Expr, VisitorFlags)) {
    transform_expressions_in_op(op, &mut |e, flags| f(e, flags), VisitorFlags::NONE);
}

/// Visits every expression of `expr` (children first).
pub fn visit_expr(expr: &mut Expr, f: &mut dyn FnMut(&Expr, VisitorFlags)) {
    transform_expr(expr, &mut |e, flags| f(e, flags), VisitorFlags::NONE);
}
