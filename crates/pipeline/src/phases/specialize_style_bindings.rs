//! `specializeStyleBindings`: class and style bindings (`[class.x]`, `[style.x]`, `[class]`,
//! `[style]`) into `ClassProp`, `StyleProp`, `ClassMap` and `StyleMap` ops.

use crate::error::PipelineError;
use crate::ir::{BindingKind, Op, StylingOp};
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            let Op::Binding(b) = &unit.update[id] else {
                continue;
            };
            let styling = |name: &str| {
                Box::new(StylingOp {
                    target: b.target,
                    name: name.to_string(),
                    expression: b.expression.clone(),
                    unit: b.unit.clone(),
                    span: b.span,
                })
            };
            let new_op = match b.binding_kind {
                BindingKind::ClassName => {
                    if b.expression.is_interpolation() {
                        job.state.errors.push(PipelineError::internal(
                            "unexpected interpolation in a class binding",
                        ));
                        continue;
                    }
                    let mut op = styling(&b.name);
                    op.unit = None;
                    Op::ClassProp(op)
                }
                BindingKind::StyleProperty => Op::StyleProp(styling(&b.name)),
                BindingKind::Property | BindingKind::Template if b.name == "style" => {
                    let mut op = styling("");
                    op.unit = None;
                    Op::StyleMap(op)
                }
                BindingKind::Property | BindingKind::Template if b.name == "class" => {
                    let mut op = styling("");
                    op.unit = None;
                    Op::ClassMap(op)
                }
                _ => continue,
            };
            unit.update.replace(id, new_op);
        }
    }
}
