//! `deleteAnyCasts`: `$any(x)` is `x`.

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::Invoke { callee, args, .. } = e {
                        if matches!(&**callee, Expr::LexicalRead(n) if n == "$any") {
                            if args.len() != 1 {
                                errors.push(PipelineError::invalid(
                                    "The $any builtin function expects exactly one argument.",
                                    Default::default(),
                                ));
                                return;
                            }
                            let arg = args.remove(0);
                            *e = arg;
                        }
                    }
                },
                VisitorFlags::NONE,
            )
        });
    }
}
