//! `extractAttributes`: static attributes, and the names of bindings and listeners, become
//! `ExtractedAttribute` ops before their element, for the consts array (directive matching).

use std::collections::HashMap;

use ngc_schema::SecurityContext;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobKind, Unit};

/// `createOpXrefMap`: slot-consuming create ops by xref (a repeater also under its empty view).
pub(crate) fn op_xref_map(unit: &Unit) -> HashMap<Xref, OpId> {
    let mut map = HashMap::new();
    for id in unit.create.ids() {
        let op = &unit.create[id];
        if let Some((xref, _, _)) = op.slot_consumer() {
            map.insert(xref, id);
            if let Op::RepeaterCreate(r) = op {
                if let Some(empty) = r.empty_view {
                    map.insert(empty, id);
                }
            }
        }
    }
    map
}

fn extracted(target: Xref, kind: BindingKind, name: &str, sc: SecurityContexts) -> Op {
    Op::ExtractedAttribute(Box::new(ExtractedAttributeOp {
        target,
        binding_kind: kind,
        namespace: None,
        name: name.to_string(),
        expression: None,
        security_context: sc,
        trusted_value_fn: None,
    }))
}

pub fn run(job: &mut Job<'_>) {
    let host = job.state.kind == JobKind::Host;
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let elements = op_xref_map(unit);
        let mut insert = |unit: &mut Unit, target: Xref, op: Op| match elements.get(&target) {
            Some(&at) => {
                unit.create.insert_before(at, op);
            }
            None => errors.push(PipelineError::internal(
                "All attributes should have an element-like target.",
            )),
        };
        // Create ops (listeners), in order.
        for id in unit.create.ids() {
            let new = match &unit.create[id] {
                Op::Listener(l) if !l.is_legacy_animation_listener() && !host => Some((
                    l.target,
                    extracted(
                        l.target,
                        BindingKind::Property,
                        &l.name,
                        vec![SecurityContext::None],
                    ),
                )),
                Op::TwoWayListener(l) if !host => Some((
                    l.target,
                    extracted(
                        l.target,
                        BindingKind::Property,
                        &l.name,
                        vec![SecurityContext::None],
                    ),
                )),
                _ => None,
            };
            if let Some((target, op)) = new {
                insert(unit, target, op);
            }
        }
        // Update ops.
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            match &unit.update[id] {
                Op::Attribute(a) => {
                    if a.expression.is_interpolation() || !a.is_text_attribute {
                        continue;
                    }
                    let kind = if a.is_structural_template_attribute {
                        BindingKind::Template
                    } else {
                        BindingKind::Attribute
                    };
                    let op = Op::ExtractedAttribute(Box::new(ExtractedAttributeOp {
                        target: a.target,
                        binding_kind: kind,
                        namespace: a.namespace.clone(),
                        name: a.name.clone(),
                        expression: a.expression.as_expr().cloned(),
                        security_context: a.security_context.clone(),
                        trusted_value_fn: None,
                    }));
                    let target = a.target;
                    if host {
                        unit.create.push(op);
                    } else {
                        insert(unit, target, op);
                    }
                    unit.update.remove(id);
                }
                Op::Property(p) => {
                    if matches!(
                        p.binding_kind,
                        BindingKind::LegacyAnimation | BindingKind::Animation
                    ) {
                        continue;
                    }
                    let kind = if p.is_structural_template_attribute {
                        BindingKind::Template
                    } else {
                        BindingKind::Property
                    };
                    let (target, op) = (
                        p.target,
                        extracted(p.target, kind, &p.name, p.security_context.clone()),
                    );
                    insert(unit, target, op);
                }
                Op::TwoWayProperty(p) => {
                    let (target, op) = (
                        p.target,
                        extracted(
                            p.target,
                            BindingKind::TwoWayProperty,
                            &p.name,
                            p.security_context.clone(),
                        ),
                    );
                    insert(unit, target, op);
                }
                Op::StyleProp(s) | Op::ClassProp(s) => {
                    if matches!(s.expression, BindingValue::Expr(Expr::Empty)) {
                        let (target, op) = (
                            s.target,
                            extracted(
                                s.target,
                                BindingKind::Property,
                                &s.name,
                                vec![SecurityContext::Style],
                            ),
                        );
                        insert(unit, target, op);
                    }
                }
                _ => {}
            }
        }
    }
}
