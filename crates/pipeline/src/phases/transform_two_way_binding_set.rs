//! `transformTwoWayBindingSet`: the assignment of a two-way listener becomes
//! `ɵɵtwoWayBindingSet(target, $event) || (target = $event)` (or the call alone for a `@let` or
//! template variable target).

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| {
            if !matches!(op, Op::TwoWayListener(_)) {
                return;
            }
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    let Expr::TwoWayBindingSet { target, value } = e else {
                        return;
                    };
                    let (target, value) =
                        (std::mem::take(&mut **target), std::mem::take(&mut **value));
                    let set =
                        Expr::Core("ɵɵtwoWayBindingSet").call(vec![target.clone(), value.clone()]);
                    *e = match target {
                        Expr::ReadProp { .. } | Expr::ReadKey { .. } => {
                            set.binary(BinaryOp::Or, target.set(value))
                        }
                        Expr::ReadVariable { .. } => set,
                        _ => {
                            errors.push(PipelineError::invalid(
                                "Unsupported expression in two-way action binding.",
                                Default::default(),
                            ));
                            set
                        }
                    };
                },
                VisitorFlags::IN_CHILD_OPERATION,
            );
        });
    }
}
