//! `optimizeVariables`: always-inline variables are inlined; unused variables are removed (or
//! kept as statements when their initializer has side effects); variables read once are
//! inlined into their reader when no fence (a context read or write, a side effect) is in the
//! way. A listener that only restores and resets its view drops both.

use std::collections::{HashMap, HashSet};

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobState};

/// `Fence`.
const VIEW_CONTEXT_READ: u8 = 1;
const VIEW_CONTEXT_WRITE: u8 = 2;
const SIDE_EFFECTFUL: u8 = 4;

fn fences_for(e: &Expr) -> u8 {
    match e {
        Expr::NextContext { .. } => VIEW_CONTEXT_READ | VIEW_CONTEXT_WRITE,
        Expr::RestoreView(_) => VIEW_CONTEXT_READ | VIEW_CONTEXT_WRITE | SIDE_EFFECTFUL,
        Expr::StoreLet { .. } => SIDE_EFFECTFUL,
        Expr::Reference { .. } | Expr::ContextLetReference { .. } => VIEW_CONTEXT_READ,
        _ => 0,
    }
}

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        for function in &mut unit.functions {
            inline_always_inline(&mut function.ops);
        }
        inline_always_inline(&mut unit.create);
        inline_always_inline(&mut unit.update);
        unit.create.for_each_mut(|op| {
            if let Some(nested) = op.nested_ops_mut() {
                inline_always_inline(nested);
            }
        });
        for function in &mut unit.functions {
            optimize_list(state, &mut function.ops);
            optimize_save_restore_view(&mut function.ops);
        }
        unit.create.for_each_mut(|op| {
            let is_listener = matches!(op, Op::Listener(_) | Op::TwoWayListener(_));
            if let Some(nested) = op.nested_ops_mut() {
                optimize_list(state, nested);
                if is_listener {
                    optimize_save_restore_view(nested);
                }
            }
        });
        optimize_list(state, &mut unit.create);
        optimize_list(state, &mut unit.update);
    }
}

/// `inlineAlwaysInlineVariables`.
fn inline_always_inline(ops: &mut OpList) {
    let mut vars: Vec<(Xref, OpId, Expr)> = Vec::new();
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        if let Op::Variable(v) = &ops[id] {
            if v.flags.always_inline {
                vars.push((v.xref, id, v.initializer.clone()));
            }
        }
        if vars.is_empty() {
            continue;
        }
        transform_expressions_in_op(
            &mut ops[id],
            &mut |e, _| {
                if let Expr::ReadVariable { xref, .. } = e {
                    if let Some((_, _, init)) = vars.iter().find(|(x, _, _)| x == xref) {
                        *e = init.clone();
                    }
                }
            },
            VisitorFlags::NONE,
        );
        // Inlining may have changed the initializer of the variable declared here.
        if let Op::Variable(v) = &ops[id] {
            if let Some(entry) = vars.iter_mut().find(|(x, _, _)| *x == v.xref) {
                entry.2 = v.initializer.clone();
            }
        }
    }
    for (_, id, _) in vars {
        ops.remove(id);
    }
}

struct OpInfo {
    fences: u8,
    variables_used: HashSet<Xref>,
}

/// `collectOpInfo` (every visit passes `skipArrowFunctionOps`: there are no IR arrow functions).
fn collect_op_info(op: &mut Op) -> OpInfo {
    let mut fences = 0;
    let mut variables_used = HashSet::new();
    visit::visit_expressions_in_op(op, &mut |e, flags| {
        if !e.is_ir() {
            return;
        }
        if let Expr::ReadVariable { xref, .. } = e {
            variables_used.insert(*xref);
        } else if !flags.has(VisitorFlags::IN_CHILD_OPERATION) {
            fences |= fences_for(e);
        }
    });
    OpInfo {
        fences,
        variables_used,
    }
}

fn optimize_list(state: &mut JobState<'_>, ops: &mut OpList) {
    let mut var_decls: HashMap<Xref, OpId> = HashMap::new();
    // Usage counts, and their insertion order (Angular's `Map` iterates in it).
    let mut var_usages: HashMap<Xref, u32> = HashMap::new();
    let mut usage_order: Vec<Xref> = Vec::new();
    let mut remote: HashSet<Xref> = HashSet::new();
    let mut op_map: HashMap<OpId, OpInfo> = HashMap::new();
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        if let Op::Variable(v) = &ops[id] {
            if var_decls.contains_key(&v.xref) {
                state.errors.push(PipelineError::internal(
                    "two declarations of the same variable",
                ));
                return;
            }
            var_decls.insert(v.xref, id);
            var_usages.insert(v.xref, 0);
            usage_order.push(v.xref);
        }
        op_map.insert(id, collect_op_info(&mut ops[id]));
        visit::visit_expressions_in_op(&mut ops[id], &mut |e, flags| {
            if let Expr::ReadVariable { xref, .. } = e {
                if let Some(count) = var_usages.get_mut(xref) {
                    *count += 1;
                    if flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                        remote.insert(*xref);
                    }
                }
            }
        });
    }

    let mut context_is_used = false;
    let mut cursor = ops.last();
    while let Some(id) = cursor {
        cursor = ops.prev(id);
        let fences = op_map.get(&id).map_or(0, |i| i.fences);
        if let Op::Variable(v) = &ops[id] {
            if var_usages.get(&v.xref) == Some(&0) {
                let xref = v.xref;
                if (context_is_used && fences & VIEW_CONTEXT_WRITE != 0)
                    || fences & SIDE_EFFECTFUL != 0
                {
                    let Op::Variable(v) = ops.replace(id, Op::ListEnd) else {
                        continue;
                    };
                    ops.replace(id, Op::Statement(Stmt::Expr(v.initializer)));
                } else {
                    // Uncount the variables this one reads.
                    let mut removed = ops.remove(id);
                    visit::visit_expressions_in_op(&mut removed, &mut |e, _| {
                        if let Expr::ReadVariable { xref, .. } = e {
                            if let Some(count) = var_usages.get_mut(xref) {
                                *count = count.saturating_sub(1);
                            }
                        }
                    });
                    op_map.remove(&id);
                }
                var_decls.remove(&xref);
                var_usages.remove(&xref);
                continue;
            }
        }
        if fences & VIEW_CONTEXT_READ != 0 {
            context_is_used = true;
        }
    }

    let mut to_inline: Vec<Xref> = Vec::new();
    for xref in &usage_order {
        let Some(count) = var_usages.get(xref) else {
            continue;
        };
        let Some(&decl) = var_decls.get(xref) else {
            continue;
        };
        let always_inline = matches!(&ops[decl], Op::Variable(v) if v.flags.always_inline);
        if *count != 1 || always_inline || remote.contains(xref) {
            continue;
        }
        to_inline.push(*xref);
    }
    while let Some(candidate) = to_inline.pop() {
        let Some(&decl) = var_decls.get(&candidate) else {
            continue;
        };
        let (initializer, kind_allows) = match &ops[decl] {
            Op::Variable(v) => (v.initializer.clone(), v.variable),
            _ => continue,
        };
        let decl_kind = state.variable(kind_allows).kind.clone();
        let (decl_fences, decl_vars) = match op_map.get(&decl) {
            Some(i) => (i.fences, i.variables_used.clone()),
            None => (0, HashSet::new()),
        };
        let mut target = ops.next(decl);
        while let Some(t) = target {
            let (uses, target_fences) = match op_map.get(&t) {
                Some(i) => (i.variables_used.contains(&candidate), i.fences),
                None => (false, 0),
            };
            if uses {
                if !allow_conservative_inlining(&decl_kind, &initializer, &ops[t]) {
                    break;
                }
                if try_inline(candidate, &initializer, &mut ops[t], decl_fences) {
                    if let Some(info) = op_map.get_mut(&t) {
                        info.variables_used.remove(&candidate);
                        info.variables_used.extend(decl_vars.iter().copied());
                        info.fences |= decl_fences;
                    }
                    var_decls.remove(&candidate);
                    var_usages.remove(&candidate);
                    op_map.remove(&decl);
                    ops.remove(decl);
                }
                break;
            }
            if !safe_to_inline_past_fences(target_fences, decl_fences) {
                break;
            }
            target = ops.next(t);
        }
    }
}

fn safe_to_inline_past_fences(fences: u8, decl_fences: u8) -> bool {
    if fences & VIEW_CONTEXT_WRITE != 0 {
        if decl_fences & VIEW_CONTEXT_READ != 0 {
            return false;
        }
    } else if fences & VIEW_CONTEXT_READ != 0 && decl_fences & VIEW_CONTEXT_WRITE != 0 {
        return false;
    }
    true
}

/// `tryInlineVariableInitializer`.
fn try_inline(id: Xref, initializer: &Expr, target: &mut Op, decl_fences: u8) -> bool {
    let mut inlined = false;
    let mut allowed = true;
    transform_expressions_in_op(
        target,
        &mut |e, flags| {
            if !e.is_ir() || inlined || !allowed {
                return;
            }
            if flags.has(VisitorFlags::IN_CHILD_OPERATION) && decl_fences & VIEW_CONTEXT_READ != 0 {
                return;
            }
            match e {
                Expr::ReadVariable { xref, .. } => {
                    if *xref == id {
                        inlined = true;
                        *e = initializer.clone();
                    }
                }
                other => {
                    allowed = allowed && safe_to_inline_past_fences(fences_for(other), decl_fences)
                }
            }
        },
        VisitorFlags::NONE,
    );
    inlined
}

/// `allowConservativeInlining`.
fn allow_conservative_inlining(
    kind: &SemanticVariableKind,
    initializer: &Expr,
    target: &Op,
) -> bool {
    match kind {
        SemanticVariableKind::Identifier { .. } => {
            matches!(initializer, Expr::ReadVar(n) if n == "ctx")
        }
        SemanticVariableKind::Context { .. } => matches!(target, Op::Variable(_)),
        _ => true,
    }
}

/// `optimizeSaveRestoreView`: `restoreView(v); return resetView(x);` alone becomes `return x;`.
fn optimize_save_restore_view(ops: &mut OpList) {
    let (Some(head), Some(tail)) = (ops.first(), ops.last()) else {
        return;
    };
    if ops.next(head) != Some(tail) {
        return;
    }
    let head_is_restore = matches!(&ops[head], Op::Statement(Stmt::Expr(Expr::RestoreView(_))));
    let tail_is_reset = matches!(
        &ops[tail],
        Op::Statement(Stmt::Return {
            value: Expr::ResetView(_),
            ..
        })
    );
    if head_is_restore && tail_is_reset {
        ops.remove(head);
        if let Op::Statement(Stmt::Return { value, .. }) = &mut ops[tail] {
            if let Expr::ResetView(inner) = value {
                let inner = std::mem::take(&mut **inner);
                *value = inner;
            }
        }
    }
}
