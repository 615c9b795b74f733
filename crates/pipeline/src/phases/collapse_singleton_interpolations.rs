//! `collapseSingletonInterpolations`: `attr="{{x}}"`-style interpolations with nothing around
//! the expression become plain bindings of the expression (attributes, style and class maps).

use crate::ir::{BindingValue, Op};
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        unit.update.for_each_mut(|op| {
            let value = match op {
                Op::Attribute(a) => &mut a.expression,
                Op::StyleProp(s) | Op::StyleMap(s) | Op::ClassMap(s) => &mut s.expression,
                _ => return,
            };
            if let BindingValue::Interpolation(i) = value {
                if i.strings.len() == 2
                    && i.strings.iter().all(String::is_empty)
                    && !i.expressions.is_empty()
                {
                    let e = i.expressions.remove(0);
                    *value = BindingValue::Expr(e);
                }
            }
        });
    }
}
