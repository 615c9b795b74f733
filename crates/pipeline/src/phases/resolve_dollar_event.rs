//! `resolveDollarEvent`: `$event` in a listener is the handler's parameter; the listener then
//! declares it.

use crate::ir::*;
use crate::job::Job;

fn transform(list: &mut OpList) {
    list.for_each_mut(|op| {
        let is_listener = matches!(op, Op::Listener(_));
        if !is_listener && !matches!(op, Op::TwoWayListener(_)) {
            return;
        }
        let mut consumed = false;
        transform_expressions_in_op(
            op,
            &mut |e, _| {
                if matches!(e, Expr::LexicalRead(n) if n == "$event") {
                    consumed = true;
                    *e = Expr::var("$event");
                }
            },
            VisitorFlags::IN_CHILD_OPERATION,
        );
        if let Op::Listener(l) = op {
            if consumed {
                l.consumes_dollar_event = true;
            }
        }
    });
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        transform(&mut unit.create);
        transform(&mut unit.update);
    }
}
