//! `expandSafeReads`: `a?.b`, `a?.[k]` and `a?.()`. With Angular 22's default semantics they
//! stay native optional chains; with legacy optional chaining (or inside
//! `$safeNavigationMigration(...)`) they become `a == null ? null : a.b`, with a temporary when
//! the guard has side effects.

use std::collections::HashSet;

use crate::ir::*;
use crate::job::{Job, JobState};

fn needs_temporary(e: &Expr) -> bool {
    match e {
        Expr::Unary { expr, .. } => needs_temporary(expr),
        Expr::Binary { lhs, rhs, .. } => needs_temporary(lhs) || needs_temporary(rhs),
        Expr::Conditional {
            condition,
            true_case,
            false_case,
        } => {
            false_case.as_deref().is_some_and(needs_temporary)
                || needs_temporary(condition)
                || needs_temporary(true_case)
        }
        Expr::Not(e) | Expr::Paren(e) | Expr::SafeNavigationMigration(e) => needs_temporary(e),
        Expr::AssignTemporary { expr, .. } => needs_temporary(expr),
        Expr::ReadProp { receiver, .. } => needs_temporary(receiver),
        Expr::ReadKey {
            receiver, index, ..
        } => needs_temporary(receiver) || needs_temporary(index),
        Expr::Invoke { .. }
        | Expr::LiteralArray(_)
        | Expr::LiteralMap(_)
        | Expr::PipeBinding { .. } => true,
        _ => false,
    }
}

fn temporaries_in(e: &mut Expr) -> HashSet<Xref> {
    let mut out = HashSet::new();
    transform_expr(
        e,
        &mut |e, _| {
            if let Expr::AssignTemporary { xref, .. } = e {
                out.insert(*xref);
            }
        },
        VisitorFlags::NONE,
    );
    out
}

fn eliminate_temporary_assignments(e: &mut Expr, tmps: &HashSet<Xref>) {
    transform_expr(
        e,
        &mut |e, _| {
            if let Expr::AssignTemporary { xref, .. } = e {
                if tmps.contains(xref) {
                    let xref = *xref;
                    *e = Expr::AssignTemporary {
                        expr: Box::new(Expr::ReadTemporary { xref, name: None }),
                        xref,
                        name: None,
                    };
                }
            }
        },
        VisitorFlags::NONE,
    );
}

/// `safeTernaryWithTemporary`.
fn safe_ternary(state: &mut JobState<'_>, guard: Expr, body: impl FnOnce(Expr) -> Expr) -> Expr {
    let (guard, read) = if needs_temporary(&guard) {
        let xref = state.allocate_xref();
        (
            Expr::AssignTemporary {
                expr: Box::new(guard),
                xref,
                name: None,
            },
            Expr::ReadTemporary { xref, name: None },
        )
    } else {
        let mut guard = guard;
        let mut copy = guard.clone();
        let tmps = temporaries_in(&mut guard);
        eliminate_temporary_assignments(&mut copy, &tmps);
        (guard, copy)
    };
    Expr::SafeTernary {
        guard: Box::new(guard),
        expr: Box::new(body(read)),
    }
}

fn is_access(e: &Expr) -> bool {
    matches!(
        e,
        Expr::SafePropertyRead { .. }
            | Expr::SafeKeyedRead { .. }
            | Expr::Invoke { .. }
            | Expr::ReadProp { .. }
            | Expr::ReadKey { .. }
    )
}

/// Whether the receiver of the access `e` is a safe ternary (`deepestSafeTernary` finds one).
fn has_safe_ternary_receiver(e: &Expr) -> bool {
    let receiver = match e {
        Expr::SafePropertyRead { receiver, .. }
        | Expr::SafeKeyedRead { receiver, .. }
        | Expr::ReadProp { receiver, .. }
        | Expr::ReadKey { receiver, .. } => receiver,
        Expr::Invoke { callee, .. } => callee,
        _ => return false,
    };
    matches!(**receiver, Expr::SafeTernary { .. })
}

fn safe_transform(state: &mut JobState<'_>, e: &mut Expr, flags: VisitorFlags) {
    if let Expr::SafeNavigationMigration(inner) = e {
        *e = std::mem::take(&mut **inner);
        return;
    }
    let null_semantics =
        state.legacy_optional_chaining || flags.has(VisitorFlags::IN_SAFE_NAVIGATION_MIGRATION);
    if !null_semantics {
        match e {
            Expr::SafePropertyRead { receiver, name } => {
                *e = Expr::ReadProp {
                    receiver: std::mem::take(receiver),
                    name: std::mem::take(name),
                    optional: true,
                };
            }
            Expr::SafeKeyedRead { receiver, index } => {
                *e = Expr::ReadKey {
                    receiver: std::mem::take(receiver),
                    index: std::mem::take(index),
                    optional: true,
                };
            }
            _ => {}
        }
        return;
    }
    if !is_access(e) {
        return;
    }
    let taken = std::mem::take(e);
    *e = safe_access(state, taken);
}

/// The access an expression makes of its receiver.
enum Access {
    Call { args: Vec<Expr>, pure: bool },
    Prop(String),
    Key(Expr),
    SafeCall(Vec<Expr>),
    SafeProp(String),
    SafeKey(Expr),
}

/// Splits an access expression into its receiver and the access.
fn split_access(e: Expr) -> Result<(Expr, Access), Expr> {
    Ok(match e {
        Expr::Invoke {
            callee,
            args,
            optional: false,
            pure,
        } => (*callee, Access::Call { args, pure }),
        Expr::Invoke {
            callee,
            args,
            optional: true,
            ..
        } => (*callee, Access::SafeCall(args)),
        Expr::ReadProp { receiver, name, .. } => (*receiver, Access::Prop(name)),
        Expr::ReadKey {
            receiver, index, ..
        } => (*receiver, Access::Key(*index)),
        Expr::SafePropertyRead { receiver, name } => (*receiver, Access::SafeProp(name)),
        Expr::SafeKeyedRead { receiver, index } => (*receiver, Access::SafeKey(*index)),
        other => return Err(other),
    })
}

/// Applies an access to `r` (safe accesses become safe ternaries).
fn apply_access(state: &mut JobState<'_>, access: Access, r: Expr) -> Expr {
    match access {
        Access::Call { args, pure } => Expr::Invoke {
            callee: Box::new(r),
            args,
            optional: false,
            pure,
        },
        Access::Prop(name) => r.prop(name),
        Access::Key(index) => r.key(index),
        Access::SafeCall(args) => safe_ternary(state, r, |r| r.call(args)),
        Access::SafeProp(name) => safe_ternary(state, r, |r| r.prop(name)),
        Access::SafeKey(index) => safe_ternary(state, r, |r| r.key(index)),
    }
}

/// The legacy expansion of one access expression (its receiver already expanded).
fn safe_access(state: &mut JobState<'_>, e: Expr) -> Expr {
    let nested = has_safe_ternary_receiver(&e);
    let is_safe = matches!(
        e,
        Expr::SafePropertyRead { .. }
            | Expr::SafeKeyedRead { .. }
            | Expr::Invoke { optional: true, .. }
    );
    if !nested && !is_safe {
        return e;
    }
    let (mut receiver, access) = match split_access(e) {
        Ok(parts) => parts,
        Err(other) => return other,
    };
    if nested {
        // The access moves into the innermost ternary, which replaces the expression.
        if let Some(Expr::SafeTernary { expr, .. }) = deepest_in(&mut receiver) {
            let inner = std::mem::take(&mut **expr);
            **expr = apply_access(state, access, inner);
        }
        return receiver;
    }
    apply_access(state, access, receiver)
}

/// The innermost safe ternary of a chain of safe ternaries starting at `st`.
fn deepest_in(mut st: &mut Expr) -> Option<&mut Expr> {
    loop {
        let descend = matches!(st, Expr::SafeTernary { expr, .. } if matches!(**expr, Expr::SafeTernary { .. }));
        if !descend {
            return if matches!(st, Expr::SafeTernary { .. }) {
                Some(st)
            } else {
                None
            };
        }
        st = match st {
            Expr::SafeTernary { expr, .. } => expr,
            _ => return None,
        };
    }
}

fn ternary_transform(e: &mut Expr) {
    if let Expr::SafeTernary { guard, expr } = e {
        let guard = std::mem::take(&mut **guard);
        let expr = std::mem::take(&mut **expr);
        *e = Expr::Paren(Box::new(
            guard
                .binary(BinaryOp::Equals, Expr::null())
                .conditional(Expr::null(), expr),
        ));
    }
}

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, flags| safe_transform(state, e, flags),
                VisitorFlags::NONE,
            );
            transform_expressions_in_op(op, &mut |e, _| ternary_transform(e), VisitorFlags::NONE);
        });
    }
}
