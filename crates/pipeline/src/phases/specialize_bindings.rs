//! `specializeBindings`: generic binding ops into attribute, property, two-way property and (in
//! host jobs) DOM property ops; `ngNonBindable` marks its element.

use std::collections::HashSet;

use crate::error::PipelineError;
use crate::ingest::split_ns_name;
use crate::ir::*;
use crate::job::{Job, JobKind};
use crate::CompilationMode;

/// `isAriaAttribute`.
pub(crate) fn is_aria_attribute(name: &str) -> bool {
    name.starts_with("aria-") && name.len() > "aria-".len()
}

pub fn run(job: &mut Job<'_>) {
    let host = job.state.kind == JobKind::Host;
    let dom_only = job.state.mode == CompilationMode::DomOnly;
    let mut non_bindable: HashSet<Xref> = HashSet::new();
    for unit in &mut job.units {
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            let Op::Binding(b) = &unit.update[id] else {
                continue;
            };
            let new_op = match b.binding_kind {
                BindingKind::Attribute => {
                    if b.name == "ngNonBindable" {
                        non_bindable.insert(b.target);
                        unit.update.remove(id);
                        continue;
                    }
                    let (namespace, name) = split_ns_name(&b.name);
                    Op::Attribute(Box::new(AttributeOp {
                        target: b.target,
                        namespace: namespace.map(str::to_string),
                        name: name.to_string(),
                        expression: b.expression.clone(),
                        security_context: b.security_context.clone(),
                        sanitizer: None,
                        is_text_attribute: b.is_text_attribute,
                        is_structural_template_attribute: b.is_structural_template_attribute,
                        template_kind: b.template_kind,
                        span: b.span,
                    }))
                }
                BindingKind::Property | BindingKind::LegacyAnimation => {
                    if dom_only && is_aria_attribute(&b.name) {
                        Op::Attribute(Box::new(AttributeOp {
                            target: b.target,
                            namespace: None,
                            name: b.name.clone(),
                            expression: b.expression.clone(),
                            security_context: b.security_context.clone(),
                            sanitizer: None,
                            is_text_attribute: false,
                            is_structural_template_attribute: b.is_structural_template_attribute,
                            template_kind: b.template_kind,
                            span: b.span,
                        }))
                    } else if host {
                        Op::DomProperty(Box::new(DomPropertyOp {
                            name: b.name.clone(),
                            expression: b.expression.clone(),
                            binding_kind: b.binding_kind,
                            security_context: b.security_context.clone(),
                            sanitizer: None,
                            span: b.span,
                        }))
                    } else {
                        Op::Property(Box::new(property(b, b.binding_kind)))
                    }
                }
                BindingKind::TwoWayProperty => {
                    if b.expression.is_interpolation() {
                        job.state.errors.push(PipelineError::invalid(
                            format!("Expected value of two-way property binding \"{}\" to be an expression", b.name),
                            b.span,
                        ));
                        continue;
                    }
                    Op::TwoWayProperty(Box::new(property(b, BindingKind::TwoWayProperty)))
                }
                BindingKind::Animation
                | BindingKind::I18n
                | BindingKind::ClassName
                | BindingKind::StyleProperty => {
                    job.state.errors.push(PipelineError::internal(format!(
                        "unhandled binding of kind {:?}",
                        b.binding_kind
                    )));
                    continue;
                }
                BindingKind::Template => continue,
            };
            unit.update.replace(id, new_op);
        }
    }
    if non_bindable.is_empty() {
        return;
    }
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| match op {
            Op::ElementStart(e) | Op::Element(e) | Op::ContainerStart(e) | Op::Container(e)
                if non_bindable.contains(&e.xref) =>
            {
                e.non_bindable = true
            }
            Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t)
                if non_bindable.contains(&t.xref) =>
            {
                t.non_bindable = true
            }
            _ => {}
        });
    }
}

fn property(b: &BindingOp, binding_kind: BindingKind) -> PropertyOp {
    PropertyOp {
        target: b.target,
        name: b.name.clone(),
        expression: b.expression.clone(),
        binding_kind,
        security_context: b.security_context.clone(),
        sanitizer: None,
        is_structural_template_attribute: b.is_structural_template_attribute,
        template_kind: b.template_kind,
        span: b.span,
    }
}
