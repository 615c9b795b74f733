//! `disableBindings`: inside an `ngNonBindable` element, bindings are off
//! (`ɵɵdisableBindings()` after its start, `ɵɵenableBindings()` before its end).

use std::collections::HashSet;

use crate::ir::Op;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let mut non_bindable = HashSet::new();
    for unit in &job.units {
        for op in unit.create.iter() {
            match op {
                Op::ElementStart(e) | Op::Element(e) | Op::ContainerStart(e) | Op::Container(e)
                    if e.non_bindable =>
                {
                    non_bindable.insert(e.xref);
                }
                Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t)
                    if t.non_bindable =>
                {
                    non_bindable.insert(t.xref);
                }
                _ => {}
            }
        }
    }
    if non_bindable.is_empty() {
        return;
    }
    for unit in &mut job.units {
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            match &unit.create[id] {
                Op::ElementStart(e) | Op::ContainerStart(e) if e.non_bindable => {
                    let xref = e.xref;
                    unit.create.insert_after(id, Op::DisableBindings(xref));
                }
                Op::ElementEnd(e) | Op::ContainerEnd(e) if non_bindable.contains(&e.xref) => {
                    let xref = e.xref;
                    unit.create.insert_before(id, Op::EnableBindings(xref));
                }
                _ => {}
            }
        }
    }
}
