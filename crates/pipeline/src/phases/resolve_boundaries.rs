//! `generateBoundaryConditions` and `resolveBoundaries`: the update expression of a
//! `@boundary` block (the slot of the view to show: the primary view while there is no error,
//! else the first `@error` branch whose `when` holds), and the reads of its state, which
//! resolve to the `ɵɵgetBoundary(slot)` variable of the view.

use std::collections::HashMap;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

/// `boundary.error`.
fn error_prop(boundary: Xref) -> Expr {
    Expr::BoundaryState(boundary).prop("error")
}

pub fn generate_boundary_conditions(job: &mut Job<'_>) {
    for unit in &mut job.units {
        // The `$error` names of each error view.
        let error_names: HashMap<Xref, Vec<String>> = unit
            .create
            .iter()
            .filter_map(|op| match op {
                Op::BoundaryErrorCreate(b) => Some((
                    b.xref,
                    b.context_variables
                        .iter()
                        .filter(|(_, v)| v == "$error")
                        .map(|(n, _)| n.clone())
                        .collect(),
                )),
                _ => None,
            })
            .collect();
        unit.update.for_each_mut(|op| {
            let Op::Boundary(b) = op else { return };
            let boundary = b.target;
            let condition = error_prop(boundary).identical(Expr::null());
            let fallback = b
                .conditions
                .iter()
                .find(|c| c.expr.is_none())
                .map(|c| c.target_slot);
            let mut result = fallback.map_or(Expr::num(-1.0), Expr::SlotLiteral);
            let branches: Vec<&ConditionalCase> =
                b.conditions.iter().filter(|c| c.expr.is_some()).collect();
            for branch in branches.into_iter().rev() {
                let Some(mut condition) = branch.expr.clone() else {
                    continue;
                };
                if let Some(names) = error_names.get(&branch.target).filter(|n| !n.is_empty()) {
                    transform_expr(
                        &mut condition,
                        &mut |e, _| {
                            if matches!(e, Expr::LexicalRead(n) if names.contains(n)) {
                                *e = error_prop(boundary);
                            }
                        },
                        VisitorFlags::NONE,
                    );
                }
                result = condition.conditional(Expr::SlotLiteral(branch.target_slot), result);
            }
            b.processed =
                Some(condition.conditional(Expr::SlotLiteral(b.guarded.target_slot), result));
        });
    }
}

pub fn run(job: &mut Job<'_>) {
    let variables = &job.state.variables;
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let mut boundary_variables: HashMap<Xref, Xref> = HashMap::new();
        unit.for_each_op_mut(|op| {
            if let Op::Variable(v) = op {
                if let SemanticVariableKind::BoundaryState { boundary } =
                    variables[v.variable.0 as usize].kind
                {
                    boundary_variables.insert(boundary, v.xref);
                }
            }
        });
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::BoundaryState(boundary) = e {
                        match boundary_variables.get(boundary) {
                            Some(x) => *e = Expr::read_variable(*x),
                            None => errors.push(PipelineError::internal(format!(
                                "could not find variable for boundary {}",
                                boundary.0
                            ))),
                        }
                    }
                },
                VisitorFlags::NONE,
            )
        });
    }
}
