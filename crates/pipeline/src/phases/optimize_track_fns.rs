//! `optimizeTrackFns`: `track $index` and `track item` use the runtime's shared functions,
//! `track fn($index, item)` passes the component method itself; any other track expression
//! becomes a function body (with `this` for the component).

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, ROOT_XREF};

/// `isTrackByFunctionCall`: `ctx.fn($index)` or `ctx.fn($index, $item)` on the component.
fn is_track_by_function_call(expr: &Expr) -> Option<(Xref, String)> {
    let Expr::Invoke { callee, args, .. } = expr else {
        return None;
    };
    if args.is_empty() || args.len() > 2 {
        return None;
    }
    let Expr::ReadProp { receiver, name, .. } = &**callee else {
        return None;
    };
    let Expr::Context(view) = &**receiver else {
        return None;
    };
    if *view != ROOT_XREF {
        return None;
    }
    if !matches!(&args[0], Expr::ReadVar(n) if n == "$index") {
        return None;
    }
    if args.len() == 2 && !matches!(&args[1], Expr::ReadVar(n) if n == "$item") {
        return None;
    }
    Some((*view, name.clone()))
}

pub fn run(job: &mut Job<'_>) {
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        let unit_xref = unit.xref;
        unit.create.for_each_mut(|op| {
            let Op::RepeaterCreate(r) = op else { return };
            if matches!(&r.track, Expr::ReadVar(n) if n == "$index") {
                r.track_by_fn = Some(Expr::Core("ɵɵrepeaterTrackByIndex"));
            } else if matches!(&r.track, Expr::ReadVar(n) if n == "$item") {
                r.track_by_fn = Some(Expr::Core("ɵɵrepeaterTrackByIdentity"));
            } else if let Some((view, name)) = is_track_by_function_call(&r.track) {
                r.uses_component_instance = true;
                if view == unit_xref {
                    if let Expr::Invoke { callee, .. } = &r.track {
                        r.track_by_fn = Some((**callee).clone());
                    }
                } else {
                    let f = Expr::Core("ɵɵcomponentInstance").call(vec![]).prop(name);
                    r.track_by_fn = Some(f.clone());
                    r.track = f;
                }
            } else {
                let mut uses_component = false;
                transform_expr(
                    &mut r.track,
                    &mut |e, _| match e {
                        Expr::PipeBinding { .. } | Expr::PipeBindingVariadic { .. } => {
                            errors.push(PipelineError::invalid(
                                "Illegal State: Pipes are not allowed in this context",
                                ngc_template::Span::default(),
                            ));
                        }
                        Expr::Context(view) => {
                            uses_component = true;
                            *e = Expr::TrackContext(*view);
                        }
                        _ => {}
                    },
                    VisitorFlags::NONE,
                );
                if uses_component {
                    r.uses_component_instance = true;
                }
                let mut ops = OpList::new();
                ops.push(Op::Statement(Stmt::Return {
                    value: r.track.clone(),
                    ts_ignore: true,
                }));
                r.track_by_ops = Some(ops);
            }
        });
    }
}
