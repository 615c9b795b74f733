//! `removeContentSelectors`: the `select` attribute of `<ng-content>` is not an attribute of
//! the projection.

use std::collections::HashSet;

use crate::ir::Op;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let projections: HashSet<_> = unit
            .create
            .iter()
            .filter_map(|op| match op {
                Op::Projection(p) => Some(p.xref),
                _ => None,
            })
            .collect();
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            if let Op::Binding(b) = &unit.update[id] {
                if b.name.to_lowercase() == "select" && projections.contains(&b.target) {
                    unit.update.remove(id);
                }
            }
        }
    }
}
