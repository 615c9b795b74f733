//! `removeEmptyBindings`: bindings whose expression is empty (`[x]=""`) are dropped.

use crate::ir::{BindingValue, Expr, Op};
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            let value = match &unit.update[id] {
                Op::Attribute(a) => &a.expression,
                Op::Binding(b) => &b.expression,
                Op::ClassProp(s) | Op::ClassMap(s) | Op::StyleProp(s) | Op::StyleMap(s) => {
                    &s.expression
                }
                Op::Property(p) => &p.expression,
                _ => continue,
            };
            if matches!(value, BindingValue::Expr(Expr::Empty)) {
                unit.update.remove(id);
            }
        }
    }
}
