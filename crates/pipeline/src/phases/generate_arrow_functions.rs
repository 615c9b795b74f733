//! `generateArrowFunctions`: arrow functions in bindings (`[items]="list.filter(x => x.ok)"`)
//! become `ɵɵarrowFunction` calls with a shared factory.
//!
//! Not compiled yet: such an arrow function is reported as NGRS5003. Arrow functions in event
//! handlers are plain JavaScript and need nothing here.

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

fn check(op: &mut Op, found: &mut bool) {
    transform_expressions_in_op(
        op,
        &mut |e, flags| {
            if matches!(e, Expr::ArrowFn { .. }) && !flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                *found = true;
            }
        },
        VisitorFlags::NONE,
    );
}

pub fn run(job: &mut Job<'_>) {
    let mut found = false;
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| {
            if !matches!(op, Op::Listener(_) | Op::TwoWayListener(_)) {
                check(op, &mut found);
            }
        });
        unit.update.for_each_mut(|op| check(op, &mut found));
    }
    if found {
        job.state.errors.push(PipelineError::not_supported(
            "arrow functions in bindings (only event handlers may contain arrow functions for now)",
            ngc_template::Span::default(),
        ));
    }
}
