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
        Expr::Conditional { condition, true_case, false_case } => {
            false_case.as_deref().is_some_and(needs_temporary) || needs_temporary(condition) || needs_temporary(true_case)
        }
        Expr::Not(e) | Expr::Paren(e) | Expr::SafeNavigationMigration(e) => needs_temporary(e),
        Expr::AssignTemporary { expr, .. } => needs_temporary(expr),
        Expr::ReadProp { receiver, .. } => needs_temporary(receiver),
        Expr::ReadKey { receiver, index, .. } => needs_temporary(receiver) || needs_temporary(index),
        Expr::Invoke { .. } | Expr::LiteralArray(_) | Expr::LiteralMap(_) | Expr::PipeBinding { .. } => true,
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
                    *e = Expr::AssignTemporary { expr: Box::new(Expr::ReadTemporary { xref, name: None }), xref, name: None };
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
        (Expr::AssignTemporary { expr: Box::new(guard), xref, name: None }, Expr::ReadTemporary { xref, name: None })
    } else {
        let mut guard = guard;
        let mut copy = guard.clone();
        let tmps = temporaries_in(&mut guard);
        eliminate_temporary_assignments(&mut copy, &tmps);
        (guard, copy)
    };
    Expr::SafeTernary { guard: Box::new(guard), expr: Box::new(body(read)) }
}

fn is_access(e: &Expr) -> bool {
    matches!(e, Expr::SafePropertyRead { .. } | Expr::SafeKeyedRead { .. } | Expr::Invoke { .. } | Expr::ReadProp { .. } | Expr::ReadKey { .. })
}

#[allow(dead_code)]
fn receiver_mut(e: &mut Expr) -> Option<&mut Expr> {
    match e {
        Expr::SafePropertyRead { receiver, .. } | Expr::SafeKeyedRead { receiver, .. } | Expr::ReadProp { receiver, .. } | Expr::ReadKey { receiver, .. } => {
            Some(receiver)
        }
        Expr::Invoke { callee, .. } => Some(callee),
        _ => None,
    }
}

/// Whether the receiver of the access `e` is a safe ternary (`deepestSafeTernary` finds one).
fn has_safe_ternary_receiver(e: &Expr) -> bool {
    let receiver = match e {
        Expr::SafePropertyRead { receiver, .. } | Expr::SafeKeyedRead { receiver, .. } | Expr::ReadProp { receiver, .. } | Expr::ReadKey { receiver, .. } => {
            receiver
        }
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
    let null_semantics = state.legacy_optional_chaining || flags.has(VisitorFlags::IN_SAFE_NAVIGATION_MIGRATION);
    if !null_semantics {
        match e {
            Expr::SafePropertyRead { receiver, name } => {
                *e = Expr::ReadProp { receiver: std::mem::take(receiver), name: std::mem::take(name), optional: true };
            }
            Expr::SafeKeyedRead { receiver, index } => {
                *e = Expr::ReadKey { receiver: std::mem::take(receiver), index: std::mem::take(index), optional: true };
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

/// The legacy expansion of one access expression (its receiver already expanded).
fn safe_access(state: &mut JobState<'_>, e: Expr) -> Expr {
    if has_safe_ternary_receiver(&e) {
        // Move the access into the innermost ternary; the receiver (the ternary) replaces `e`.
        let (receiver, apply): (Expr, Box<dyn FnOnce(&mut JobState<'_>, Expr) -> Expr>) = match e {
            Expr::Invoke { callee, args, optional: false, pure } => {
                (*callee, Box::new(move |_, r: Expr| Expr::Invoke { callee: Box::new(r), args, optional: false, pure }))
            }
            Expr::ReadProp { receiver, name, .. } => (*receiver, Box::new(move |_, r: Expr| r.prop(name))),
            Expr::ReadKey { receiver, index, .. } => (*receiver, Box::new(move |_, r: Expr| r.key(*index))),
            Expr::Invoke { callee, args, optional: true, .. } => {
                (*callee, Box::new(move |s, r: Expr| safe_ternary(s, r, |r| r.call(args))))
            }
            Expr::SafePropertyRead { receiver, name } => (*receiver, Box::new(move |s, r: Expr| safe_ternary(s, r, |r| r.prop(name)))),
            Expr::SafeKeyedRead { receiver, index } => {
                (*receiver, Box::new(move |s, r: Expr| safe_ternary(s, r, |r| r.key(*index))))
            }
            other => return other,
        };
        let mut receiver = receiver;
        if let Some(Expr::SafeTernary { expr, .. }) = deepest_in(&mut receiver) {
            let inner = std::mem::take(&mut **expr);
            **expr = apply(state, inner);
        }
        return receiver;
    }
    match e {
        Expr::Invoke { callee, args, optional: true, .. } => safe_ternary(state, *callee, |r| r.call(args)),
        Expr::SafePropertyRead { receiver, name } => safe_ternary(state, *receiver, |r| r.prop(name)),
        Expr::SafeKeyedRead { receiver, index } => safe_ternary(state, *receiver, |r| r.key(*index)),
        other => other,
    }
}

/// The innermost safe ternary of a chain of safe ternaries starting at `st`.
fn deepest_in(mut st: &mut Expr) -> Option<&mut Expr> {
    loop {
        let descend = matches!(st, Expr::SafeTernary { expr, .. } if matches!(**expr, Expr::SafeTernary { .. }));
        if !descend {
            return if matches!(st, Expr::SafeTernary { .. }) { Some(st) } else { None };
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
        *e = Expr::Paren(Box::new(guard.binary(BinaryOp::Equals, Expr::null()).conditional(Expr::null(), expr)));
    }
}

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(op, &mut |e, flags| safe_transform(state, e, flags), VisitorFlags::NONE);
            transform_expressions_in_op(op, &mut |e, _| ternary_transform(e), VisitorFlags::NONE);
        });
    }
}
