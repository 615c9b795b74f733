//! Update ops into binding instructions (Angular's `reifyUpdateOperations`).

use ngc_output as o;

use super::expression::{all, call, num, slot, stmt_to_output, to_output};
use super::instructions::*;
use super::variable_stmt;
use crate::error::PipelineError;
use crate::ir::*;
use crate::job::JobState;
use crate::phases::specialize_bindings::is_aria_attribute;
use crate::CompilationMode;

pub(super) fn reify_update_list(state: &mut JobState<'_>, ops: &mut OpList, mode: CompilationMode) {
    let dom = mode == CompilationMode::DomOnly;
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        let op = ops.replace(id, Op::ListEnd);
        match reify_update(state, op, dom) {
            Some(s) => {
                ops.replace(id, Op::Reified(s));
            }
            None => {
                ops.remove(id);
            }
        }
    }
}

fn reify_update(state: &mut JobState<'_>, op: Op, dom: bool) -> Option<o::Stmt> {
    Some(match op {
        Op::Advance { delta, .. } => call(
            "ɵɵadvance",
            if delta > 1 { vec![num(delta)] } else { vec![] },
        ),
        Op::Property(p) => {
            let p = *p;
            let value = value_to_output(state, p.expression);
            let sanitizer = p.sanitizer.map(|s| to_output(state, s));
            let synthetic = matches!(
                p.binding_kind,
                BindingKind::LegacyAnimation | BindingKind::Animation
            );
            if dom && !synthetic {
                property_base(
                    "ɵɵdomProperty",
                    dom_property_name(&p.name),
                    value,
                    sanitizer,
                )
            } else if is_aria_attribute(&p.name) {
                property_base("ɵɵariaProperty", &p.name, value, None)
            } else {
                property_base("ɵɵproperty", &p.name, value, sanitizer)
            }
        }
        Op::Control { .. } => call("ɵɵcontrol", vec![]),
        Op::TwoWayProperty(p) => {
            let p = *p;
            let value = value_to_output(state, p.expression);
            let sanitizer = p.sanitizer.map(|s| to_output(state, s));
            property_base("ɵɵtwoWayProperty", &p.name, value, sanitizer)
        }
        Op::StyleProp(s) => {
            let s = *s;
            let value = value_to_output(state, s.expression);
            let mut args = vec![o::str_lit(s.name), value];
            args.extend(s.unit.map(o::str_lit));
            call("ɵɵstyleProp", args)
        }
        Op::ClassProp(s) => {
            let s = *s;
            let value = value_to_output(state, s.expression);
            call("ɵɵclassProp", vec![o::str_lit(s.name), value])
        }
        Op::StyleMap(s) => {
            let value = value_to_output(state, s.expression);
            call("ɵɵstyleMap", vec![value])
        }
        Op::ClassMap(s) => {
            let value = value_to_output(state, s.expression);
            call("ɵɵclassMap", vec![value])
        }
        Op::InterpolateText { interpolation, .. } => {
            let exprs = all(state, interpolation.expressions);
            o::Stmt::Expr(variadic(
                &TEXT_INTERPOLATE,
                Vec::new(),
                collate(interpolation.strings, exprs),
            ))
        }
        Op::Attribute(a) => {
            let a = *a;
            let value = value_to_output(state, a.expression);
            let sanitizer = a.sanitizer.map(|s| to_output(state, s));
            let mut args = vec![o::str_lit(a.name), value];
            if sanitizer.is_some() || a.namespace.is_some() {
                args.push(sanitizer.unwrap_or_else(o::null));
            }
            if let Some(ns) = a.namespace {
                args.push(o::str_lit(ns));
            }
            call("ɵɵattribute", args)
        }
        Op::DomProperty(p) => {
            let p = *p;
            if p.expression.is_interpolation() {
                state.errors.push(PipelineError::internal(
                    "interpolated host property bindings are not handled",
                ));
                return None;
            }
            let value = value_to_output(state, p.expression);
            if matches!(
                p.binding_kind,
                BindingKind::LegacyAnimation | BindingKind::Animation
            ) {
                call("ɵɵsyntheticHostProperty", vec![o::str_lit(p.name), value])
            } else {
                let sanitizer = p.sanitizer.map(|s| to_output(state, s));
                property_base(
                    "ɵɵdomProperty",
                    dom_property_name(&p.name),
                    value,
                    sanitizer,
                )
            }
        }
        Op::Variable(v) => variable_stmt(state, *v),
        Op::Conditional(c) => {
            let c = *c;
            let Some(processed) = c.processed else {
                state
                    .errors
                    .push(PipelineError::internal("conditional test was not set"));
                return None;
            };
            let mut args = vec![to_output(state, processed)];
            if let Some(v) = c.context_value {
                args.push(to_output(state, v));
            }
            call("ɵɵconditional", args)
        }
        Op::Boundary(b) => {
            let b = *b;
            let Some(processed) = b.processed else {
                state
                    .errors
                    .push(PipelineError::internal("boundary test was not set"));
                return None;
            };
            let boundary_slot = slot(state, b.target_slot);
            let primary_slot = slot(state, b.guarded.target_slot);
            let processed = to_output(state, processed);
            call(
                "ɵɵboundaryUpdate",
                vec![num(boundary_slot), processed, num(primary_slot)],
            )
        }
        Op::Repeater { collection, .. } => {
            let c = to_output(state, collection);
            call("ɵɵrepeater", vec![c])
        }
        Op::DeferWhen { expr, modifier, .. } => {
            let e = to_output(state, expr);
            let name = match modifier {
                DeferOpModifier::Prefetch => "ɵɵdeferPrefetchWhen",
                DeferOpModifier::Hydrate => "ɵɵdeferHydrateWhen",
                DeferOpModifier::None => "ɵɵdeferWhen",
            };
            call(name, vec![e])
        }
        Op::Statement(s) => stmt_to_output(state, s),
        Op::Reified(s) => s,
        other => {
            state.errors.push(PipelineError::internal(format!(
                "unsupported reification of update op {}",
                other.kind_name()
            )));
            return None;
        }
    })
}
