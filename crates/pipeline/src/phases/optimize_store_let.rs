//! `optimizeStoreLet`: a `@let` no other view reads needs no `ɵɵstoreLet` (and, without
//! pipes, no `ɵɵdeclareLet` slot): its value is used directly.

use std::collections::HashSet;

use crate::ir::*;
use crate::job::Job;

fn has_pipe(e: &mut Expr) -> bool {
    let mut found = false;
    visit::visit_expr(e, &mut |e, _| {
        if matches!(
            e,
            Expr::PipeBinding { .. } | Expr::PipeBindingVariadic { .. }
        ) {
            found = true;
        }
    });
    found
}

pub fn run(job: &mut Job<'_>) {
    let mut used_externally: HashSet<Xref> = HashSet::new();
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            visit::visit_expressions_in_op(op, &mut |e, _| {
                if let Expr::ContextLetReference { target, .. } = e {
                    used_externally.insert(*target);
                }
            })
        });
    }
    let mut remove_declarations: HashSet<Xref> = HashSet::new();
    for unit in &mut job.units {
        unit.update.for_each_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::StoreLet { target, value } = e {
                        if !used_externally.contains(target) {
                            if !has_pipe(value) {
                                remove_declarations.insert(*target);
                            }
                            *e = std::mem::take(&mut **value);
                        }
                    }
                },
                VisitorFlags::NONE,
            );
        });
    }
    if remove_declarations.is_empty() {
        return;
    }
    for unit in &mut job.units {
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            if matches!(&unit.create[id], Op::DeclareLet { xref, .. } if remove_declarations.contains(xref))
            {
                unit.create.remove(id);
            }
        }
    }
}
