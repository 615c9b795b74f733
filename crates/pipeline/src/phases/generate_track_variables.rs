//! `generateTrackVariables`: in a `track` expression, the item and index variables are the
//! track function's `$item` and `$index` parameters.

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| {
            let Op::RepeaterCreate(r) = op else { return };
            let names = r.var_names.clone();
            transform_expr(
                &mut r.track,
                &mut |e, _| {
                    if let Expr::LexicalRead(name) = e {
                        if names.index.contains(name) {
                            *e = Expr::var("$index");
                        } else if *name == names.implicit {
                            *e = Expr::var("$item");
                        }
                    }
                },
                VisitorFlags::NONE,
            );
        });
    }
}
