//! `resolveContexts`: a read of a view's context is `ctx` in the view itself and the variable
//! holding it (from `nextContext()` or `restoreView()`) elsewhere.

use std::collections::HashMap;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobState, ROOT_XREF};

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        let xref = unit.xref;
        for function in &mut unit.functions {
            process(state, xref, &mut function.ops);
        }
        process(state, xref, &mut unit.create);
        process(state, xref, &mut unit.update);
    }
}

fn process(state: &mut JobState<'_>, view: Xref, ops: &mut OpList) {
    let mut scope: HashMap<Xref, Expr> = HashMap::new();
    scope.insert(view, Expr::var("ctx"));
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        match &mut ops[id] {
            Op::Variable(v) => {
                if let SemanticVariableKind::Context { view: context_view } =
                    &state.variable(v.variable).kind
                {
                    scope.insert(*context_view, Expr::read_variable(v.xref));
                }
            }
            op => {
                if let Some(nested) = op.nested_ops_mut() {
                    process(state, view, nested);
                }
            }
        }
    }
    if view == ROOT_XREF {
        scope.insert(view, Expr::var("ctx"));
    }
    let errors = &mut state.errors;
    ops.for_each_mut(|op| {
        transform_expressions_in_op(
            op,
            &mut |e, _| {
                if let Expr::Context(v) = e {
                    match scope.get(v) {
                        Some(resolved) => *e = resolved.clone(),
                        None => errors.push(PipelineError::internal(format!(
                            "no context found for a reference to view {} from view {}",
                            v.0, view.0
                        ))),
                    }
                }
            },
            VisitorFlags::NONE,
        );
    });
}
