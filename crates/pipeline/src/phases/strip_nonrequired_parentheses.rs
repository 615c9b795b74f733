//! `stripNonrequiredParentheses`: parentheses written in the template are dropped (the printer
//! adds the ones JavaScript needs) except where removing them would change the meaning or make
//! the code invalid: `(-a) ** b`, `(a && b) ?? c`, `(a ? b : c) ?? d`, `(a ?? b) || c`.

use crate::ir::*;
use crate::job::Job;

fn is_paren(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::Paren(inner) | Expr::RequiredParen(inner) => Some(inner),
        _ => None,
    }
}

fn is_logical_and_or(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Binary {
            op: BinaryOp::And | BinaryOp::Or,
            ..
        }
    )
}

fn mark(e: &mut Expr) {
    if let Expr::Paren(inner) = e {
        *e = Expr::RequiredParen(std::mem::take(inner));
    }
}

/// Marks the parentheses a binary expression needs on its operands.
fn mark_required(e: &mut Expr) {
    let Expr::Binary { op, lhs, rhs } = e else {
        return;
    };
    match op {
        BinaryOp::Exponentiation
            if is_paren(lhs).is_some_and(|i| matches!(i, Expr::Unary { .. })) =>
        {
            mark(lhs);
        }
        BinaryOp::NullishCoalesce => {
            for side in [lhs, rhs] {
                if is_paren(side)
                    .is_some_and(|i| is_logical_and_or(i) || matches!(i, Expr::Conditional { .. }))
                {
                    mark(side);
                }
            }
        }
        BinaryOp::And | BinaryOp::Or
            if is_paren(lhs).is_some_and(|i| {
                matches!(
                    i,
                    Expr::Binary {
                        op: BinaryOp::NullishCoalesce,
                        ..
                    }
                )
            }) =>
        {
            mark(lhs);
        }
        _ => {}
    }
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(op, &mut |e, _| mark_required(e), VisitorFlags::NONE)
        });
    }
    // Each expression once: nested op lists are reached through their owner op here, so a
    // kept parenthesis is not stripped by a second visit.
    let mut strip = |op: &mut Op| {
        transform_expressions_in_op(
            op,
            &mut |e, _| match e {
                Expr::Paren(inner) => *e = std::mem::take(&mut **inner),
                Expr::RequiredParen(inner) => *e = Expr::Paren(std::mem::take(inner)),
                _ => {}
            },
            VisitorFlags::NONE,
        )
    };
    for unit in &mut job.units {
        unit.create.for_each_mut(&mut strip);
        unit.update.for_each_mut(&mut strip);
    }
}
