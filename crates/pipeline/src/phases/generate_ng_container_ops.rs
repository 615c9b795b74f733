//! `generateNgContainerOps`: `<ng-container>` elements use the element-container instructions.

use std::collections::HashSet;

use crate::ir::Op;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let mut containers = HashSet::new();
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            let op = unit.create.replace(id, Op::ListEnd);
            let op = match op {
                Op::ElementStart(e) if e.tag == "ng-container" => {
                    containers.insert(e.xref);
                    Op::ContainerStart(e)
                }
                Op::ElementEnd(e) if containers.contains(&e.xref) => Op::ContainerEnd(e),
                other => other,
            };
            unit.create.replace(id, op);
        }
    }
}
