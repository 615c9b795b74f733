//! `generateProjectionDefs`: the `ɵɵprojectionDef` of a template with `<ng-content>`, the
//! projection slot index of each `<ng-content>`, and the component's `ngContentSelectors`.

use ngc_output as o;

use crate::error::PipelineError;
use crate::ir::{Expr, Op};
use crate::job::Job;
use crate::r3_selector::{parse_selector_to_r3_selector, r3_selector_literal};

pub fn run(job: &mut Job<'_>) {
    let mut selectors: Vec<String> = Vec::new();
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| {
            if let Op::Projection(p) = op {
                p.projection_slot_index = selectors.len() as u32;
                selectors.push(p.selector.clone());
            }
        });
    }
    if selectors.is_empty() {
        return;
    }
    let mut def = None;
    if selectors.len() > 1 || selectors[0] != "*" {
        let mut entries = Vec::with_capacity(selectors.len());
        for s in &selectors {
            if s == "*" {
                entries.push(o::str_lit("*"));
                continue;
            }
            match parse_selector_to_r3_selector(s) {
                Ok(lists) => entries.push(o::Expr::Array(
                    lists.iter().map(|l| r3_selector_literal(l)).collect(),
                )),
                Err(_) => {
                    job.state.errors.push(PipelineError::invalid(
                        format!("Invalid ng-content selector `{s}`"),
                        Default::default(),
                    ));
                    return;
                }
            }
        }
        def = Some(Expr::Output(Box::new(
            job.state
                .pool
                .get_const_literal(o::Expr::Array(entries), true),
        )));
    }
    let list = o::Expr::Array(selectors.iter().map(|s| o::str_lit(s.clone())).collect());
    job.state.content_selectors = Some(job.state.pool.get_const_literal(list, true));
    job.units[0].create.prepend(vec![Op::ProjectionDef(def)]);
}
