//! `generateAdvance`: `ɵɵadvance(n)` before each update op whose element is not the currently
//! selected one.

use std::collections::HashMap;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

/// The target of the first expression with the DependsOnSlotContext trait (`storeLet`).
fn expression_target(op: &mut Op) -> Option<Xref> {
    let mut found = None;
    visit::visit_expressions_in_op(op, &mut |e, _| {
        if found.is_none() {
            if let Expr::StoreLet { target, .. } = e {
                found = Some(*target);
            }
        }
    });
    found
}

pub fn run(job: &mut Job<'_>) {
    let slots = &job.state.slots;
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let mut slot_map: HashMap<Xref, u32> = HashMap::new();
        for op in unit.create.iter() {
            if let Some((xref, handle, _)) = op.slot_consumer() {
                match slots.get(handle.0 as usize).copied().flatten() {
                    Some(slot) => {
                        slot_map.insert(xref, slot);
                    }
                    None => errors.push(PipelineError::internal(
                        "slots must be allocated before generating advance() calls",
                    )),
                }
            }
        }
        let mut slot_context = 0u32;
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            let target = match unit.update[id].slot_context_target() {
                Some(t) => Some(t),
                None => expression_target(&mut unit.update[id]),
            };
            let Some(target) = target else { continue };
            let Some(&slot) = slot_map.get(&target) else {
                errors.push(PipelineError::internal(format!(
                    "reference to unknown slot for target {}",
                    target.0
                )));
                continue;
            };
            if slot != slot_context {
                if slot < slot_context {
                    errors.push(PipelineError::internal(
                        "slot counter should never need to move backwards",
                    ));
                    continue;
                }
                unit.update.insert_before(
                    id,
                    Op::Advance {
                        delta: slot - slot_context,
                        span: Default::default(),
                    },
                );
                slot_context = slot;
            }
        }
    }
}
