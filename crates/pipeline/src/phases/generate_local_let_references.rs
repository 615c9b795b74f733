//! `generateLocalLetReferences`: each `storeLet` update op becomes a local variable holding
//! `ɵɵstoreLet(value)`, readable by later expressions of the view.

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            if !matches!(unit.update[id], Op::StoreLet { .. }) {
                continue;
            }
            let Op::StoreLet {
                target,
                declared_name,
                value,
                ..
            } = unit.update.replace(id, Op::ListEnd)
            else {
                continue;
            };
            let variable = state.new_variable(SemanticVariableKind::Identifier {
                identifier: declared_name,
                local: true,
            });
            let xref = state.allocate_xref();
            let op = Op::Variable(Box::new(VariableOp {
                xref,
                variable,
                initializer: Expr::StoreLet {
                    target,
                    value: Box::new(value),
                },
                flags: VariableFlags::default(),
            }));
            unit.update.replace(id, op);
        }
    }
}
