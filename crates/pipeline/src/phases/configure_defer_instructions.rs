//! `configureDeferInstructions`: the `minimum`/`after` times of `@placeholder` and `@loading`
//! become const-collected config arrays.

use crate::ir::{Expr, Op};
use crate::job::Job;

fn time(t: Option<f64>) -> Expr {
    t.map_or(Expr::null(), Expr::num)
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| {
            let Op::Defer(d) = op else { return };
            if let Some(min) = d.placeholder_minimum_time {
                d.placeholder_config =
                    Some(Expr::ConstCollected(Box::new(Expr::LiteralArray(vec![
                        Expr::num(min),
                    ]))));
            }
            if d.loading_minimum_time.is_some() || d.loading_after_time.is_some() {
                let config = Expr::LiteralArray(vec![
                    time(d.loading_minimum_time),
                    time(d.loading_after_time),
                ]);
                d.loading_config = Some(Expr::ConstCollected(Box::new(config)));
            }
        });
    }
}
