//! `generateTemporaryVariables`: temporaries get names (`tmp_<op>_<n>`, reusing a number once
//! its last read is past) and a `let` declaration at the start of their op list.

use std::collections::HashMap;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let decls = generate(&mut unit.create, errors);
        unit.create.prepend(decls);
        let decls = generate(&mut unit.update, errors);
        unit.update.prepend(decls);
        for function in &mut unit.functions {
            let decls = generate(&mut function.ops, errors);
            function.ops.prepend(decls);
        }
    }
}

fn generate(ops: &mut OpList, errors: &mut Vec<PipelineError>) -> Vec<Op> {
    let mut generated: Vec<Op> = Vec::new();
    let mut op_count = 0;
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        let op = &mut ops[id];
        // The last read of each temporary, by visit position.
        let mut final_reads: HashMap<Xref, usize> = HashMap::new();
        let mut position = 0usize;
        transform_expressions_in_op(
            op,
            &mut |e, flags| {
                if flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                    return;
                }
                if let Expr::ReadTemporary { xref, .. } = e {
                    final_reads.insert(*xref, position);
                    position += 1;
                }
            },
            VisitorFlags::NONE,
        );
        let mut count = 0i64;
        let mut defs: Vec<(Xref, String)> = Vec::new();
        let mut position = 0usize;
        transform_expressions_in_op(
            op,
            &mut |e, flags| {
                if flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                    return;
                }
                match e {
                    Expr::AssignTemporary { xref, name, .. } => {
                        if !defs.iter().any(|(x, _)| x == xref) {
                            defs.push((*xref, format!("tmp_{op_count}_{count}")));
                            count += 1;
                        }
                        *name = defs.iter().find(|(x, _)| x == xref).map(|(_, n)| n.clone());
                    }
                    Expr::ReadTemporary { xref, name } => {
                        if final_reads.get(xref) == Some(&position) {
                            count -= 1;
                        }
                        position += 1;
                        match defs.iter().find(|(x, _)| x == xref) {
                            Some((_, n)) => *name = Some(n.clone()),
                            None => errors.push(PipelineError::internal(format!(
                                "found xref with unassigned name: {}",
                                xref.0
                            ))),
                        }
                    }
                    _ => {}
                }
            },
            VisitorFlags::NONE,
        );
        let mut names: Vec<String> = Vec::new();
        for (_, n) in defs {
            if !names.contains(&n) {
                names.push(n);
            }
        }
        generated.extend(names.into_iter().map(|name| {
            Op::Statement(Stmt::DeclareVar {
                name,
                value: None,
                is_const: false,
            })
        }));
        op_count += 1;
        if let Some(nested) = op.nested_ops_mut() {
            let decls = generate(nested, errors);
            nested.prepend(decls);
        }
    }
    generated
}
