//! `createVariadicPipes`: pipe bindings with more than four arguments use `ɵɵpipeBindV` with an
//! argument array.

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        unit.update.for_each_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::PipeBinding {
                        target,
                        slot,
                        name,
                        args,
                        ..
                    } = e
                    {
                        if args.len() > 4 {
                            let num_args = args.len() as u32;
                            *e = Expr::PipeBindingVariadic {
                                target: *target,
                                slot: *slot,
                                name: std::mem::take(name),
                                args: Box::new(Expr::LiteralArray(std::mem::take(args))),
                                num_args,
                                var_offset: None,
                            };
                        }
                    }
                },
                VisitorFlags::NONE,
            );
        });
    }
}
