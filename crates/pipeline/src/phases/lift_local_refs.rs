//! `liftLocalRefs`: the local references of an element or template go into the consts array
//! (`["name", "exportAs", ...]`), and each takes a slot after its element.

use crate::ir::*;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.create.for_each_mut(|op| {
            let (refs, slots) = match op {
                Op::ElementStart(e) => (&mut e.local_refs, &mut e.num_slots_used),
                Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) | Op::Template(t) => {
                    (&mut t.local_refs, &mut t.num_slots_used)
                }
                _ => return,
            };
            let list = refs.list().to_vec();
            *slots += list.len() as u32;
            if list.is_empty() {
                *refs = LocalRefs::Const(None);
            } else {
                let mut items = Vec::with_capacity(list.len() * 2);
                for r in &list {
                    items.push(ngc_output::str_lit(r.name.clone()));
                    items.push(ngc_output::str_lit(r.target.clone()));
                }
                *refs = LocalRefs::Const(Some(
                    state.add_const(ngc_output::Expr::Array(items), Vec::new()),
                ));
            }
        });
    }
}
