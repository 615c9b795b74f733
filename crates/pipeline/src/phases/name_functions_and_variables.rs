//! `nameFunctionsAndVariables`: view functions (`App_div_3_Template`), listener functions
//! (`App_button_click_2_listener`) and variables (`ctx_r1`, `item_r2`, `_r3`) get their names,
//! numbered by one counter over the whole job in Angular's walk order.

use std::collections::HashMap;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobState, Unit};
use crate::phases::parse_host_style_properties::hyphenate;

/// `sanitizeIdentifier`: every character that is not `[A-Za-z0-9_]` becomes `_` (one per UTF-16
/// unit, as JavaScript's `\W` sees them).
pub(crate) fn sanitize_identifier(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            for _ in 0..c.len_utf16() {
                out.push('_');
            }
        }
    }
    out
}

fn strip_important(name: &str) -> String {
    match name.find("!important") {
        Some(i) => name[..i].to_string(),
        None => name.to_string(),
    }
}

/// `getVariableName`.
fn variable_name(state: &mut JobState<'_>, id: VarId, index: &mut u32) -> String {
    let var = state.variable_mut(id);
    if let Some(name) = &var.name {
        return name.clone();
    }
    let name = match &var.kind {
        SemanticVariableKind::Context { .. } => {
            let n = format!("ctx_r{index}");
            *index += 1;
            n
        }
        SemanticVariableKind::Identifier { identifier, .. } => {
            *index += 1;
            let prefix = if identifier == "ctx" { "i" } else { "" };
            format!("{identifier}_{prefix}r{index}")
        }
        SemanticVariableKind::BoundaryState { .. } => {
            *index += 1;
            format!("bnd_r{index}")
        }
        _ => {
            *index += 1;
            format!("_r{index}")
        }
    };
    var.name = Some(name.clone());
    name
}

pub fn run(job: &mut Job<'_>) {
    let base = job.state.component_name.clone();
    let mut index = 0;
    add_names(job, 0, &base, &mut index);
}

/// Where an op is within a unit.
#[derive(Clone, Copy)]
enum At {
    Function(usize, OpId),
    Create(OpId),
    Nested(OpId, OpId),
    Update(OpId),
}

fn op_at(units: &mut [Unit], unit: usize, at: At) -> Option<&mut Op> {
    let u = &mut units[unit];
    match at {
        At::Function(f, id) => u.functions.get_mut(f).map(|function| &mut function.ops[id]),
        At::Create(id) => Some(&mut u.create[id]),
        At::Update(id) => Some(&mut u.update[id]),
        At::Nested(parent, id) => u.create[parent].nested_ops_mut().map(|list| &mut list[id]),
    }
}

fn add_names(job: &mut Job<'_>, unit: usize, base_name: &str, index: &mut u32) {
    if job.units[unit].fn_name.is_none() {
        let suffix = job.state.fn_suffix();
        let name = job.state.pool.unique_name(
            &sanitize_identifier(&format!("{base_name}_{suffix}")),
            false,
        );
        job.units[unit].fn_name = Some(name);
    }
    let fn_name = job.units[unit].fn_name.clone().unwrap_or_default();
    let mut positions = Vec::new();
    for (f, function) in job.units[unit].functions.iter().enumerate() {
        positions.extend(function.ops.ids().into_iter().map(|id| At::Function(f, id)));
    }
    for id in job.units[unit].create.ids() {
        positions.push(At::Create(id));
        if let Some(nested) = job.units[unit].create[id].nested_ops() {
            positions.extend(nested.ids().into_iter().map(|n| At::Nested(id, n)));
        }
    }
    positions.extend(job.units[unit].update.ids().into_iter().map(At::Update));

    let mut var_names: HashMap<Xref, String> = HashMap::new();
    for at in positions {
        // Child views to name, after the op itself is handled.
        let mut children: Vec<(Xref, String)> = Vec::new();
        let state = &mut job.state;
        let slots = &state.slots;
        let slot_of = |h: SlotHandle| slots.get(h.0 as usize).copied().flatten();
        let Some(op) = op_at(&mut job.units, unit, at) else {
            continue;
        };
        match op {
            Op::Property(p) if p.binding_kind == BindingKind::LegacyAnimation => {
                p.name = format!("@{}", p.name)
            }
            Op::DomProperty(p) if p.binding_kind == BindingKind::LegacyAnimation => {
                p.name = format!("@{}", p.name)
            }
            Op::Listener(l) if l.handler_fn_name.is_none() => {
                let mut animation = "";
                if let Some(phase) = &l.legacy_animation_phase {
                    l.name = format!("@{}.{}", l.name, phase);
                    animation = "animation";
                }
                let name = if l.host_listener {
                    format!("{base_name}_{animation}{}_HostBindingHandler", l.name)
                } else {
                    let tag = l.tag.as_deref().unwrap_or("").replacen('-', "_", 1);
                    let slot = slot_of(l.target_slot).map_or(String::new(), |s| s.to_string());
                    format!("{fn_name}_{tag}_{animation}{}_{slot}_listener", l.name)
                };
                l.handler_fn_name = Some(sanitize_identifier(&name));
            }
            Op::TwoWayListener(l) if l.handler_fn_name.is_none() => {
                let tag = l.tag.as_deref().unwrap_or("").replacen('-', "_", 1);
                let slot = slot_of(l.target_slot).map_or(String::new(), |s| s.to_string());
                l.handler_fn_name = Some(sanitize_identifier(&format!(
                    "{fn_name}_{tag}_{}_{slot}_listener",
                    l.name
                )));
            }
            Op::Variable(v) => {
                let (xref, variable) = (v.xref, v.variable);
                let name = variable_name(state, variable, index);
                var_names.insert(xref, name);
            }
            Op::RepeaterCreate(r) => {
                let slot = slot_of(r.handle).unwrap_or(0);
                if let Some(empty) = r.empty_view {
                    children.push((
                        empty,
                        format!("{base_name}_{}Empty_{}", r.function_name_suffix, slot + 2),
                    ));
                }
                children.push((
                    r.xref,
                    format!("{base_name}_{}_{}", r.function_name_suffix, slot + 1),
                ));
            }
            Op::Projection(p) => {
                if let Some(fallback) = p.fallback_view {
                    let slot = slot_of(p.handle).unwrap_or(0);
                    children.push((fallback, format!("{base_name}_ProjectionFallback_{slot}")));
                }
            }
            Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) | Op::Template(t) => {
                let slot = slot_of(t.handle).unwrap_or(0);
                let suffix = if t.function_name_suffix.is_empty() {
                    String::new()
                } else {
                    format!("_{}", t.function_name_suffix)
                };
                children.push((t.xref, format!("{base_name}{suffix}_{slot}")));
            }
            Op::BoundaryErrorCreate(b) => {
                let slot = slot_of(b.handle).unwrap_or(0);
                children.push((
                    b.xref,
                    format!("{base_name}_{}_{slot}", b.function_name_suffix),
                ));
            }
            Op::StyleProp(s) => {
                let normalized = if s.name.starts_with("--") {
                    s.name.clone()
                } else {
                    hyphenate(&s.name)
                };
                s.name = strip_important(&normalized);
            }
            Op::ClassProp(s) => s.name = strip_important(&s.name),
            _ => {}
        }
        for (child, name) in children {
            if let Some(child_index) = job.view_index(child) {
                stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
                    add_names(job, child_index, &name, index)
                });
            }
        }
    }

    let errors = &mut job.state.errors;
    job.units[unit].for_each_op_mut(|op| {
        transform_expressions_in_op(
            op,
            &mut |e, _| {
                if let Expr::ReadVariable { xref, name } = e {
                    if name.is_none() {
                        match var_names.get(xref) {
                            Some(n) => *name = Some(n.clone()),
                            None => errors.push(PipelineError::internal(format!(
                                "variable {} not yet named",
                                xref.0
                            ))),
                        }
                    }
                }
            },
            VisitorFlags::NONE,
        );
    });
}

#[cfg(test)]
mod tests {
    use super::sanitize_identifier;

    #[test]
    fn sanitizes_like_javascript_word_class() {
        assert_eq!(
            sanitize_identifier("App_my-el_Template"),
            "App_my_el_Template"
        );
        assert_eq!(sanitize_identifier("a:svg:b"), "a_svg_b");
        assert_eq!(sanitize_identifier("é𝒜"), "___");
    }
}
