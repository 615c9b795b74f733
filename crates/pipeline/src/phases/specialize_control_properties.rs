//! `specializeControlProperties`: form-control bindings (`[formField]`, `[formControl]`,
//! `formControlName`, `ngModel`) get `ɵɵcontrolCreate()` after their element and `ɵɵcontrol()`
//! after the binding.

use crate::ir::{Op, Xref};
use crate::job::Job;

/// Which op kinds of a name are control bindings (`ELIGIBLE_CONTROL_PROPERTIES`).
fn is_eligible(op: &Op) -> Option<(Xref, ngc_template::Span)> {
    let (name, target, span, kind) = match op {
        Op::Property(p) => (&p.name, p.target, p.span, 0),
        Op::TwoWayProperty(p) => (&p.name, p.target, p.span, 1),
        Op::Attribute(a) => (&a.name, a.target, a.span, 2),
        _ => return None,
    };
    let eligible = match name.as_str() {
        "formField" | "formControl" => kind == 0,
        "formControlName" => kind == 0 || kind == 2,
        "ngModel" => true,
        _ => false,
    };
    eligible.then_some((target, span))
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        let mut cursor = unit.update.first();
        while let Some(id) = cursor {
            cursor = unit.update.next(id);
            let Some((target, span)) = is_eligible(&unit.update[id]) else {
                continue;
            };
            let create_op = unit.create.ids().into_iter().find(|&c| {
                matches!(&unit.create[c], Op::Container(e) | Op::ContainerStart(e) | Op::Element(e) | Op::ElementStart(e) if e.xref == target)
            });
            let Some(create_op) = create_op else { continue };
            unit.create
                .insert_after(create_op, Op::ControlCreate { span });
            unit.update.insert_after(id, Op::Control { target, span });
        }
    }
}
