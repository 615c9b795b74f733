//! `resolveDeferTargetNames`: the element a `hover`/`interaction`/`viewport` trigger refers to
//! (by local reference, or the placeholder's first element), and how many views up it is.

use std::collections::HashMap;

use crate::ir::*;
use crate::job::Job;

/// Local references with an empty target (`#ref`), by name, of each view.
fn targets_of_view(
    job: &Job<'_>,
    view: Xref,
    cache: &mut HashMap<Xref, HashMap<String, (Xref, SlotHandle)>>,
) -> HashMap<String, (Xref, SlotHandle)> {
    if let Some(t) = cache.get(&view) {
        return t.clone();
    }
    let mut targets = HashMap::new();
    if let Some(unit) = job.view(view) {
        for op in unit.create.iter() {
            if !op.is_element_or_container() {
                continue;
            }
            let (xref, handle, refs) = match op {
                Op::ElementStart(e) | Op::Element(e) | Op::ContainerStart(e) | Op::Container(e) => {
                    (e.xref, e.handle, e.local_refs.list())
                }
                Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) => {
                    (t.xref, t.handle, t.local_refs.list())
                }
                Op::RepeaterCreate(r) => (r.xref, r.handle, r.local_refs.list()),
                _ => continue,
            };
            for r in refs {
                if r.target.is_empty() {
                    targets.insert(r.name.clone(), (xref, handle));
                }
            }
        }
    }
    cache.insert(view, targets.clone());
    targets
}

/// A resolved trigger target: element xref, slot, view, and how many views up it is.
type Resolution = (Xref, SlotHandle, Xref, i32);

pub fn run(job: &mut Job<'_>) {
    let mut cache = HashMap::new();
    let mut resolutions: Vec<(usize, OpId, Option<Resolution>)> = Vec::new();
    for (index, unit) in job.units.iter().enumerate() {
        let mut defers: HashMap<Xref, (Xref, Option<Xref>)> = HashMap::new();
        for id in unit.create.ids() {
            match &unit.create[id] {
                Op::Defer(d) => {
                    defers.insert(d.xref, (d.main_view, d.placeholder_view));
                }
                Op::DeferOn {
                    defer,
                    trigger,
                    modifier,
                    ..
                } => {
                    if !matches!(
                        trigger.kind,
                        DeferTriggerKind::Hover
                            | DeferTriggerKind::Interaction
                            | DeferTriggerKind::Viewport
                    ) {
                        continue;
                    }
                    let Some(&(main, placeholder)) = defers.get(defer) else {
                        continue;
                    };
                    let placeholder_view = if *modifier == DeferOpModifier::Hydrate {
                        Some(main)
                    } else {
                        placeholder
                    };
                    let resolved = resolve(
                        job,
                        unit.xref,
                        trigger.target_name.as_deref(),
                        placeholder_view,
                        &mut cache,
                    );
                    resolutions.push((index, id, resolved));
                }
                _ => {}
            }
        }
    }
    for (index, id, resolved) in resolutions {
        if let Op::DeferOn { trigger, .. } = &mut job.units[index].create[id] {
            if let Some((xref, slot, view, steps)) = resolved {
                trigger.target_xref = Some(xref);
                trigger.target_slot = Some(slot);
                trigger.target_view = Some(view);
                trigger.target_slot_view_steps = Some(steps);
            }
        }
    }
}

fn resolve(
    job: &Job<'_>,
    owner: Xref,
    target_name: Option<&str>,
    placeholder_view: Option<Xref>,
    cache: &mut HashMap<Xref, HashMap<String, (Xref, SlotHandle)>>,
) -> Option<Resolution> {
    let Some(name) = target_name else {
        let placeholder = job.view(placeholder_view?)?;
        for op in placeholder.create.iter() {
            if let Some((xref, handle, _)) = op.slot_consumer() {
                if op.is_element_or_container() || matches!(op, Op::Projection(_)) {
                    return Some((xref, handle, placeholder.xref, -1));
                }
            }
        }
        return None;
    };
    let mut view = Some(placeholder_view.unwrap_or(owner));
    let mut step = if placeholder_view.is_some() { -1 } else { 0 };
    while let Some(v) = view {
        let targets = targets_of_view(job, v, cache);
        if let Some(&(xref, slot)) = targets.get(name) {
            return Some((xref, slot, v, step));
        }
        view = job.view(v).and_then(|u| u.parent);
        step += 1;
    }
    None
}
