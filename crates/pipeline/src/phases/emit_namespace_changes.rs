//! `emitNamespaceChanges`: `namespaceSVG()` / `namespaceMathML()` / `namespaceHTML()` before
//! the first element of each namespace run.

use crate::ir::{Namespace, Op};
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let mut active = Namespace::Html;
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            if let Op::ElementStart(e) = &unit.create[id] {
                if e.namespace != active {
                    active = e.namespace;
                    unit.create.insert_before(id, Op::Namespace(active));
                }
            }
        }
    }
}
