//! `collapseEmptyInstructions`: a start op directly followed by its end op (pipes aside) becomes
//! one `ɵɵelement` / `ɵɵelementContainer`.

use crate::ir::Op;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            let is_element_end = matches!(unit.create[id], Op::ElementEnd(_));
            if !is_element_end && !matches!(unit.create[id], Op::ContainerEnd(_)) {
                continue;
            }
            let mut prev = unit.create.prev(id);
            while let Some(p) = prev {
                if matches!(unit.create[p], Op::Pipe { .. }) {
                    prev = unit.create.prev(p);
                } else {
                    break;
                }
            }
            let Some(p) = prev else { continue };
            let merged = match unit.create.replace(p, Op::ListEnd) {
                Op::ElementStart(e) if is_element_end => Ok(Op::Element(e)),
                Op::ContainerStart(e) if !is_element_end => Ok(Op::Container(e)),
                other => Err(other),
            };
            match merged {
                Ok(op) => {
                    unit.create.replace(p, op);
                    unit.create.remove(id);
                }
                Err(other) => {
                    unit.create.replace(p, other);
                }
            }
        }
    }
}
