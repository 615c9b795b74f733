//! `collectConstExpressions`: const-collected expressions (defer configs) move into the consts
//! array; their index is used instead.

use crate::ir::*;
use crate::job::Job;
use crate::phases::reify::to_output;

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::ConstCollected(inner) = e {
                        let value = to_output(state, std::mem::take(&mut **inner));
                        let index = state.add_const(value, Vec::new());
                        *e = Expr::num(index as f64);
                    }
                },
                VisitorFlags::NONE,
            )
        });
    }
}
