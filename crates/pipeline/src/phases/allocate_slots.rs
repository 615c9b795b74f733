//! `allocateSlots`: each slot-consuming create op gets its slot index (in order, each taking
//! its slot count); a view's `decls` is its slot count, recorded on the op that creates it.

use std::collections::HashMap;

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let mut decls: HashMap<Xref, u32> = HashMap::new();
    for unit in &mut job.units {
        let mut count = 0u32;
        for op in unit.create.iter() {
            if let Some((_, handle, slots)) = op.slot_consumer() {
                if let Some(slot) = job.state.slots.get_mut(handle.0 as usize) {
                    *slot = Some(count);
                }
                count += slots;
            }
        }
        unit.decls = Some(count);
        decls.insert(unit.xref, count);
    }
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| match op {
            Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) => {
                t.decls = decls.get(&t.xref).copied()
            }
            Op::RepeaterCreate(r) => r.decls = decls.get(&r.xref).copied(),
            _ => {}
        });
    }
}
