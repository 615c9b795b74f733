//! `resolveDeferDepsFns`: the dependency function of a `@defer` block (per-block mode) becomes a
//! module-level `X_Defer_N_DepsFn`.

use crate::ir::*;
use crate::job::Job;
use crate::phases::reify::to_output;

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        let full_path_name = unit
            .fn_name
            .clone()
            .unwrap_or_default()
            .replacen("_Template", "", 1);
        unit.create.for_each_mut(|op| {
            let Op::Defer(d) = op else { return };
            if d.resolver_fn.is_some() {
                return;
            }
            let Some(own) = d.own_resolver_fn.clone() else {
                return;
            };
            let slot = state.slot(d.handle).unwrap_or(0);
            let function = to_output(state, own);
            let reference = state.pool.get_shared_function_reference(
                function,
                &format!("{full_path_name}_Defer_{slot}_DepsFn"),
                false,
            );
            d.resolver_fn = Some(Expr::Output(Box::new(reference)));
        });
    }
}
