//! `resolveNames`: names read in expressions resolve to the variables in scope (local ones
//! first), or else to properties of the component (`ctx.name`); `restoreView()` gets the
//! saved view.

use std::collections::HashMap;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobState, ROOT_XREF};

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        for function in &mut unit.functions {
            process_scope(state, &mut function.ops, None);
        }
        process_scope(state, &mut unit.create, None);
        process_scope(state, &mut unit.update, None);
    }
}

fn process_scope(state: &mut JobState<'_>, ops: &mut OpList, mut saved_view: Option<(Xref, Xref)>) {
    let mut scope: HashMap<String, Xref> = HashMap::new();
    let mut local: HashMap<String, Xref> = HashMap::new();
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        match &mut ops[id] {
            Op::Variable(v) => match &state.variable(v.variable).kind {
                SemanticVariableKind::Identifier {
                    identifier,
                    local: is_local,
                } => {
                    if *is_local {
                        if local.contains_key(identifier) {
                            continue;
                        }
                        local.insert(identifier.clone(), v.xref);
                    } else if scope.contains_key(identifier) {
                        continue;
                    }
                    scope.insert(identifier.clone(), v.xref);
                }
                SemanticVariableKind::Alias { identifier, .. } => {
                    if !scope.contains_key(identifier) {
                        scope.insert(identifier.clone(), v.xref);
                    }
                }
                SemanticVariableKind::SavedView { view } => saved_view = Some((*view, v.xref)),
                SemanticVariableKind::Context { .. }
                | SemanticVariableKind::BoundaryState { .. } => {}
            },
            op => {
                if let Some(handler) = op.nested_ops_mut() {
                    process_scope(state, handler, saved_view);
                }
            }
        }
    }
    let errors = &mut state.errors;
    ops.for_each_mut(|op| {
        if matches!(op, Op::Listener(_) | Op::TwoWayListener(_)) {
            return;
        }
        transform_expressions_in_op(
            op,
            &mut |e, _| match e {
                Expr::LexicalRead(name) => {
                    *e = if let Some(x) = local.get(name.as_str()) {
                        Expr::read_variable(*x)
                    } else if let Some(x) = scope.get(name.as_str()) {
                        Expr::read_variable(*x)
                    } else {
                        Expr::Context(ROOT_XREF).prop(std::mem::take(name))
                    };
                }
                Expr::RestoreView(RestoreViewTarget::View(view)) => match saved_view {
                    Some((saved, variable)) if saved == *view => {
                        *e = Expr::RestoreView(RestoreViewTarget::Expr(Box::new(
                            Expr::read_variable(variable),
                        )));
                    }
                    _ => errors.push(PipelineError::internal(format!("no saved view {}", view.0))),
                },
                _ => {}
            },
            VisitorFlags::NONE,
        );
    });
}
