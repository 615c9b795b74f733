//! `generateConditionalExpressions`: the cases of an `@if`/`@switch` fold into one expression
//! that yields the slot of the branch to show (`test ? 1 : cond2 ? 2 : -1`), with a temporary
//! for the `@switch` value and for `@if (x; as y)` aliases.

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.update.for_each_mut(|op| {
            let Op::Conditional(op) = op else { return };
            let mut test = match op.conditions.iter().position(|c| c.expr.is_none()) {
                Some(i) => Expr::SlotLiteral(op.conditions.remove(i).target_slot),
                None => Expr::num(-1.0),
            };
            let tmp = op.test.take().map(|t| (state.allocate_xref(), t));
            let mut tmp_expr = tmp.map(|(xref, t)| Expr::AssignTemporary {
                expr: Box::new(t),
                xref,
                name: None,
            });
            let tmp_xref = match &tmp_expr {
                Some(Expr::AssignTemporary { xref, .. }) => Some(*xref),
                _ => None,
            };
            let mut case_tmp: Option<Xref> = None;
            for i in (0..op.conditions.len()).rev() {
                let case = &mut op.conditions[i];
                let Some(expr) = case.expr.take() else {
                    continue;
                };
                let expr = if let Some(xref) = tmp_xref {
                    let use_tmp = if i == 0 {
                        tmp_expr
                            .take()
                            .unwrap_or(Expr::ReadTemporary { xref, name: None })
                    } else {
                        Expr::ReadTemporary { xref, name: None }
                    };
                    use_tmp.identical(expr)
                } else if case.has_alias {
                    let xref = *case_tmp.get_or_insert_with(|| state.allocate_xref());
                    op.context_value = Some(Expr::ReadTemporary { xref, name: None });
                    Expr::AssignTemporary {
                        expr: Box::new(expr),
                        xref,
                        name: None,
                    }
                } else {
                    expr
                };
                test = expr.conditional(Expr::SlotLiteral(case.target_slot), test);
            }
            op.processed = Some(test);
            op.conditions.clear();
        });
    }
}
