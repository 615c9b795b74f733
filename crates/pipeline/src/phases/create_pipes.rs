//! `createPipes`: a `ɵɵpipe(slot, name)` create op for each pipe binding, right after the
//! element-like op the binding's update op belongs to (after pipes already there).

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, Unit};

pub fn run(job: &mut Job<'_>) {
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let mut pipes: Vec<(Option<Xref>, Xref, SlotHandle, String)> = Vec::new();
        unit.update.for_each_mut(|op| {
            let target = op.slot_context_target();
            transform_expressions_in_op(
                op,
                &mut |e, flags| {
                    if let Expr::PipeBinding {
                        target: pipe,
                        slot,
                        name,
                        ..
                    } = e
                    {
                        if flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                            errors.push(PipelineError::internal(
                                "pipe bindings should not appear in child expressions",
                            ));
                            return;
                        }
                        pipes.push((target, *pipe, *slot, name.clone()));
                    }
                },
                VisitorFlags::NONE,
            );
        });
        for (target, xref, handle, name) in pipes {
            match target {
                Some(target) if add_pipe(unit, target, xref, handle, &name) => {}
                _ => errors.push(PipelineError::internal(format!(
                    "unable to find insertion point for pipe {name}"
                ))),
            }
        }
    }
}

/// `addPipeToCreationBlock`.
fn add_pipe(unit: &mut Unit, after: Xref, xref: Xref, handle: SlotHandle, name: &str) -> bool {
    let mut cursor = unit.create.first();
    while let Some(id) = cursor {
        cursor = unit.create.next(id);
        if unit.create[id].slot_consumer().map(|s| s.0) != Some(after) {
            continue;
        }
        let mut last = id;
        while let Some(next) = unit.create.next(last) {
            if matches!(unit.create[next], Op::Pipe { .. }) {
                last = next;
            } else {
                break;
            }
        }
        unit.create.insert_after(
            last,
            Op::Pipe {
                xref,
                handle,
                name: name.to_string(),
            },
        );
        return true;
    }
    false
}
