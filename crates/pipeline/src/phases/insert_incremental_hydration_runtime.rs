//! `insertIncrementalHydrationRuntime`: `ɵɵenableIncrementalHydrationRuntime()` before the first
//! `@defer` block with hydrate triggers of each view.

use crate::ir::Op;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let first = unit.create.ids().into_iter().find(
            |&id| matches!(&unit.create[id], Op::Defer(d) if d.flags.is_some_and(|f| f & 1 != 0)),
        );
        if let Some(id) = first {
            unit.create
                .insert_before(id, Op::EnableIncrementalHydrationRuntime);
        }
    }
}
