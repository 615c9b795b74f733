//! `mergeNextContextExpressions`: a bare `ɵɵnextContext()` statement merges into the next
//! `nextContext` read (`nextContext(2)`) unless something in between depends on the current
//! view.

use crate::ir::*;
use crate::job::Job;

fn merge(ops: &mut OpList) {
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        let Op::Statement(Stmt::Expr(Expr::NextContext { steps })) = &ops[id] else {
            continue;
        };
        let merge_steps = *steps;
        let mut try_to_merge = true;
        let mut remove = false;
        let mut candidate = ops.next(id);
        while let (Some(c), true) = (candidate, try_to_merge) {
            transform_expressions_in_op(
                &mut ops[c],
                &mut |e, flags| {
                    if !e.is_ir() || !try_to_merge || flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                        return;
                    }
                    match e {
                        Expr::NextContext { steps } => {
                            *steps += merge_steps;
                            remove = true;
                            try_to_merge = false;
                        }
                        Expr::GetCurrentView
                        | Expr::Reference { .. }
                        | Expr::ContextLetReference { .. } => try_to_merge = false,
                        _ => {}
                    }
                },
                VisitorFlags::NONE,
            );
            candidate = ops.next(c);
        }
        if remove {
            ops.remove(id);
        }
    }
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        for function in &mut unit.functions {
            merge(&mut function.ops);
        }
        unit.create.for_each_mut(|op| {
            if let Some(handler) = op.handler_ops_mut() {
                merge(handler);
            }
        });
        merge(&mut unit.create);
        merge(&mut unit.update);
    }
}
