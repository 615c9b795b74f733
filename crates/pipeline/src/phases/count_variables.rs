//! `countVariables`: the binding slots (`vars`) of each view: each binding op takes its share,
//! pipes, pure functions and `@let` stores theirs; expressions that use variable slots get
//! their offset (pure functions after everything else).

use std::collections::HashMap;

use crate::ir::*;
use crate::job::{Job, JobKind};

/// `varsUsedByOp`.
fn vars_used_by_op(op: &Op) -> u32 {
    let interpolation_count = |v: &BindingValue| match v {
        BindingValue::Interpolation(i) => i.expressions.len() as u32,
        BindingValue::Expr(_) => 0,
    };
    match op {
        Op::Attribute(a) => {
            let mut slots = 1;
            if let BindingValue::Interpolation(i) = &a.expression {
                if !i.is_singleton() {
                    slots += i.expressions.len() as u32;
                }
            }
            slots
        }
        Op::Property(p) => 1 + interpolation_count(&p.expression),
        Op::DomProperty(p) => 1 + interpolation_count(&p.expression),
        Op::TwoWayProperty(_) => 1,
        Op::StyleProp(s) | Op::ClassProp(s) | Op::StyleMap(s) | Op::ClassMap(s) => {
            2 + interpolation_count(&s.expression)
        }
        Op::InterpolateText { interpolation, .. } => interpolation.expressions.len() as u32,
        Op::Conditional(_) | Op::Boundary(_) | Op::DeferWhen { .. } | Op::StoreLet { .. } => 1,
        Op::RepeaterCreate(r) => u32::from(r.empty_view.is_some()),
        _ => 0,
    }
}

/// `varsUsedByIrExpression` for expressions with the ConsumesVars trait.
fn vars_used_by_expr(e: &Expr) -> Option<u32> {
    match e {
        Expr::PureFunction(pf) => Some(1 + pf.args.len() as u32),
        Expr::PipeBinding { args, .. } => Some(1 + args.len() as u32),
        Expr::PipeBindingVariadic { num_args, .. } => Some(1 + num_args),
        Expr::StoreLet { .. } | Expr::ArrowFunction { .. } => Some(1),
        _ => None,
    }
}

fn set_offset(e: &mut Expr, offset: u32) {
    match e {
        Expr::PureFunction(pf) => pf.var_offset = Some(offset),
        Expr::PipeBinding { var_offset, .. }
        | Expr::PipeBindingVariadic { var_offset, .. }
        | Expr::ArrowFunction { var_offset, .. } => *var_offset = Some(offset),
        _ => {}
    }
}

pub fn run(job: &mut Job<'_>) {
    let mut vars: HashMap<Xref, u32> = HashMap::new();
    for unit in &mut job.units {
        let mut count = 0u32;
        unit.for_each_op_mut(|op| {
            if op.consumes_vars() {
                count += vars_used_by_op(op);
            }
        });
        for pure_pass in [false, true] {
            let mut pass = |op: &mut Op| {
                transform_expressions_in_op(
                    op,
                    &mut |e, _| {
                        if matches!(e, Expr::PureFunction(_)) != pure_pass {
                            return;
                        }
                        if let Some(n) = vars_used_by_expr(e) {
                            set_offset(e, count);
                            count += n;
                        }
                    },
                    VisitorFlags::NONE,
                )
            };
            unit.create.for_each_mut(&mut pass);
            unit.update.for_each_mut(&mut pass);
        }
        unit.vars = Some(count);
        vars.insert(unit.xref, count);
    }
    if job.state.kind == JobKind::Template {
        for unit in &mut job.units {
            unit.create.for_each_mut(|op| match op {
                Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) => {
                    t.vars = vars.get(&t.xref).copied()
                }
                Op::RepeaterCreate(r) => r.vars = vars.get(&r.xref).copied(),
                _ => {}
            });
        }
    }
}
