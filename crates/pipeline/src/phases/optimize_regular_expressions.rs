//! `optimizeRegularExpressions`: regular-expression literals without stateful flags (`g`, `y`)
//! become shared module-level constants.

use crate::ir::{transform_expressions_in_op, Expr, VisitorFlags};
use crate::job::Job;

const SAFE_REGEX_FLAGS: &[char] = &['d', 'i', 'm', 's', 'u', 'v'];

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::Regex { body, flags } = e {
                        if flags
                            .as_deref()
                            .unwrap_or("")
                            .chars()
                            .all(|c| SAFE_REGEX_FLAGS.contains(&c))
                        {
                            let flags = flags.clone();
                            let body = body.clone();
                            let key = format!("/{body}/{}", flags.as_deref().unwrap_or(""));
                            let value = ngc_output::Expr::Regex { body, flags };
                            let reference = state.pool.get_shared_constant(key, |name| {
                                ngc_output::const_stmt(name, value)
                            });
                            *e = Expr::Output(Box::new(reference));
                        }
                    }
                },
                VisitorFlags::NONE,
            )
        });
    }
}
