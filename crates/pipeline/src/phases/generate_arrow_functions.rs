//! `generateArrowFunctions`: arrow functions in bindings (`[items]="list.filter(x => x.ok)"`)
//! get their own op list (so their reads of template variables resolve like a listener's) and
//! become `ɵɵarrowFunction` calls of a shared factory. Arrow functions in event handlers, and
//! nested in another arrow function, stay plain JavaScript.

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{ArrowFunction, Job};

fn extract(op: &mut Op, functions: &mut Vec<ArrowFunction>, errors: &mut Vec<PipelineError>) {
    transform_expressions_in_op(
        op,
        &mut |e, flags| {
            if flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                return;
            }
            let Expr::ArrowFn { params, body } = e else {
                return;
            };
            let body = match body {
                ArrowBody::Expr(b) => std::mem::take(&mut **b),
                ArrowBody::Block(_) => {
                    errors.push(PipelineError::internal(
                        "unexpected multi-line arrow function",
                    ));
                    return;
                }
            };
            let mut ops = OpList::new();
            ops.push(Op::Statement(Stmt::ret(body)));
            functions.push(ArrowFunction {
                params: std::mem::take(params),
                ops,
            });
            *e = Expr::ArrowFunction {
                index: functions.len() as u32 - 1,
                var_offset: None,
            };
        },
        VisitorFlags::NONE,
    );
}

pub fn run(job: &mut Job<'_>) {
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let functions = &mut unit.functions;
        unit.create.for_each_mut(|op| {
            if !matches!(op, Op::Listener(_) | Op::TwoWayListener(_)) {
                extract(op, functions, errors);
            }
        });
        unit.update
            .for_each_mut(|op| extract(op, functions, errors));
    }
}
