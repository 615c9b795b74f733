//! `orderOps`: within each run of ops on one target, listeners come in a fixed order and
//! bindings are grouped (style maps, class maps, style props, class props, interpolated
//! attributes and properties, properties, attributes, controls); only the last style or class
//! map of a run is kept.

use crate::ir::{BindingValue, Op, OpList};
use crate::job::{Job, JobKind};

type Test = fn(&Op) -> bool;

fn is_host_legacy_animation_listener(op: &Op) -> bool {
    matches!(op, Op::Listener(l) if l.host_listener && l.is_legacy_animation_listener())
}

fn basic_listener(op: &Op) -> bool {
    matches!(op, Op::Listener(l) if !(l.host_listener && l.is_legacy_animation_listener()))
        || matches!(op, Op::TwoWayListener(_))
}

fn interpolated(v: &BindingValue) -> bool {
    v.is_interpolation()
}

const CREATE_ORDERING: &[(Test, bool)] = &[
    (is_host_legacy_animation_listener, false),
    (basic_listener, false),
];

const UPDATE_ORDERING: &[(Test, bool)] = &[
    (|op| matches!(op, Op::StyleMap(_)), true),
    (|op| matches!(op, Op::ClassMap(_)), true),
    (|op| matches!(op, Op::StyleProp(_)), false),
    (|op| matches!(op, Op::ClassProp(_)), false),
    (
        |op| matches!(op, Op::Attribute(a) if interpolated(&a.expression)),
        false,
    ),
    (
        |op| matches!(op, Op::Property(p) if interpolated(&p.expression)),
        false,
    ),
    (
        |op| matches!(op, Op::Property(p) | Op::TwoWayProperty(p) if !interpolated(&p.expression)),
        false,
    ),
    (
        |op| matches!(op, Op::Attribute(a) if !interpolated(&a.expression)),
        false,
    ),
    (|op| matches!(op, Op::Control { .. }), false),
];

const UPDATE_HOST_ORDERING: &[(Test, bool)] = &[
    (
        |op| matches!(op, Op::DomProperty(p) if interpolated(&p.expression)),
        false,
    ),
    (
        |op| matches!(op, Op::DomProperty(p) if !interpolated(&p.expression)),
        false,
    ),
    (|op| matches!(op, Op::Attribute(_)), false),
    (|op| matches!(op, Op::StyleMap(_)), true),
    (|op| matches!(op, Op::ClassMap(_)), true),
    (|op| matches!(op, Op::StyleProp(_)), false),
    (|op| matches!(op, Op::ClassProp(_)), false),
];

/// `handledOpKinds`.
fn handled(op: &Op) -> bool {
    matches!(
        op,
        Op::Listener(_)
            | Op::TwoWayListener(_)
            | Op::StyleMap(_)
            | Op::ClassMap(_)
            | Op::StyleProp(_)
            | Op::ClassProp(_)
            | Op::Property(_)
            | Op::TwoWayProperty(_)
            | Op::DomProperty(_)
            | Op::Attribute(_)
            | Op::Control { .. }
    )
}

fn reorder(ops: Vec<Op>, ordering: &[(Test, bool)]) -> Vec<Op> {
    let mut groups: Vec<Vec<Op>> = ordering.iter().map(|_| Vec::new()).collect();
    let mut unmatched = Vec::new();
    for op in ops {
        match ordering.iter().position(|(test, _)| test(&op)) {
            Some(i) => groups[i].push(op),
            None => unmatched.push(op),
        }
    }
    let mut out = Vec::new();
    for (i, mut group) in groups.into_iter().enumerate() {
        if ordering[i].1 {
            if let Some(last) = group.pop() {
                out.push(last);
            }
        } else {
            out.append(&mut group);
        }
    }
    out.append(&mut unmatched);
    out
}

fn order_within(list: &mut OpList, ordering: &[(Test, bool)]) {
    let mut to_order: Vec<Op> = Vec::new();
    let mut first_target = None;
    let mut cursor = list.first();
    while let Some(id) = cursor {
        cursor = list.next(id);
        let op = &list[id];
        let current_target = op.slot_context_target();
        let is_handled = handled(op);
        if !is_handled
            || (current_target != first_target
                && first_target.is_some()
                && current_target.is_some())
        {
            let ordered = reorder(std::mem::take(&mut to_order), ordering);
            list.insert_all_before(id, ordered);
            first_target = None;
        }
        if is_handled {
            let op = list.remove(id);
            to_order.push(op);
            first_target = current_target.or(first_target);
        }
    }
    let ordered = reorder(to_order, ordering);
    list.extend(ordered);
}

pub fn run(job: &mut Job<'_>) {
    let host = job.state.kind == JobKind::Host;
    for unit in &mut job.units {
        order_within(&mut unit.create, CREATE_ORDERING);
        order_within(
            &mut unit.update,
            if host {
                UPDATE_HOST_ORDERING
            } else {
                UPDATE_ORDERING
            },
        );
    }
}
