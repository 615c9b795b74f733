//! `removeIllegalLetReferences`: a `@let` read before (or inside) its own declaration is
//! `undefined`.

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let variables = &job.state.variables;
    for unit in &mut job.units {
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            let Op::Variable(v) = &unit.update[id] else {
                continue;
            };
            if !matches!(v.initializer, Expr::StoreLet { .. }) {
                continue;
            }
            let SemanticVariableKind::Identifier { identifier, .. } =
                &variables[v.variable.0 as usize].kind
            else {
                continue;
            };
            let name = identifier.clone();
            let mut current = Some(id);
            while let Some(c) = current {
                transform_expressions_in_op(
                    &mut unit.update[c],
                    &mut |e, _| {
                        if matches!(e, Expr::LexicalRead(n) if *n == name) {
                            *e = Expr::Literal(Literal::Undefined);
                        }
                    },
                    VisitorFlags::NONE,
                );
                current = unit.update.prev(c);
            }
        }
    }
}
