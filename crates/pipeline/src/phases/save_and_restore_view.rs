//! `saveAndRestoreView`: every view saves its `getCurrentView()`; listeners of embedded views
//! (and root listeners that read local references or `@let`s) restore it on entry and reset it
//! around their return value.

use crate::ir::*;
use crate::job::{Job, JobState};

/// `needsRestoreView`.
fn needs_restore_view(is_root: bool, ops: &mut OpList) -> bool {
    if !is_root {
        return true;
    }
    let mut result = false;
    ops.for_each_mut(|op| {
        visit::visit_expressions_in_op(op, &mut |e, _| {
            if matches!(e, Expr::Reference { .. } | Expr::ContextLetReference { .. }) {
                result = true;
            }
        })
    });
    result
}

/// `addSaveRestoreViewOperation`.
fn add_save_restore_view(
    state: &mut JobState<'_>,
    view: Xref,
    ops: &mut OpList,
    target: RestoreViewTarget,
) {
    let variable = state.new_variable(SemanticVariableKind::Context { view });
    let xref = state.allocate_xref();
    ops.prepend(vec![Op::Variable(Box::new(VariableOp {
        xref,
        variable,
        initializer: Expr::RestoreView(target),
        flags: VariableFlags::default(),
    }))]);
    ops.for_each_mut(|op| {
        if let Op::Statement(Stmt::Return { value, .. }) = op {
            let inner = std::mem::take(value);
            *value = Expr::ResetView(Box::new(inner));
        }
    });
}

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for (index, unit) in job.units.iter_mut().enumerate() {
        let view = unit.xref;
        for function in &mut unit.functions {
            if needs_restore_view(index == 0, &mut function.ops) {
                // An arrow function restores the view its factory receives.
                add_save_restore_view(
                    state,
                    view,
                    &mut function.ops,
                    RestoreViewTarget::Expr(Box::new(Expr::var("view"))),
                );
            }
        }
        let variable = state.new_variable(SemanticVariableKind::SavedView { view });
        let xref = state.allocate_xref();
        unit.create.prepend(vec![Op::Variable(Box::new(VariableOp {
            xref,
            variable,
            initializer: Expr::GetCurrentView,
            flags: VariableFlags::default(),
        }))]);
        unit.create.for_each_mut(|op| {
            if let Some(handler) = op.handler_ops_mut() {
                if needs_restore_view(index == 0, handler) {
                    add_save_restore_view(state, view, handler, RestoreViewTarget::View(view));
                }
            }
        });
    }
}
