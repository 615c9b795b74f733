//! Create ops into creation instructions (Angular's `reifyCreateOperations`, `reifyTrackBy`).

use ngc_output as o;

use super::expression::{call, core, num, opt_num, slot, stmt_to_output, to_output};
use super::instructions::*;
use super::{reify_statements, variable_stmt, Views};
use crate::error::PipelineError;
use crate::ir::*;
use crate::job::JobState;
use crate::CompilationMode;

pub(super) fn reify_create_list(
    state: &mut JobState<'_>,
    views: &Views,
    ops: &mut OpList,
    mode: CompilationMode,
) {
    let dom = mode == CompilationMode::DomOnly;
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        let op = ops.replace(id, Op::ListEnd);
        let stmt = reify_create(state, views, op, dom, mode);
        match stmt {
            Some(s) => {
                ops.replace(id, Op::Reified(s));
            }
            None => {
                ops.remove(id);
            }
        }
    }
}

fn reify_create(
    state: &mut JobState<'_>,
    views: &Views,
    op: Op,
    dom: bool,
    mode: CompilationMode,
) -> Option<o::Stmt> {
    Some(match op {
        Op::Text(t) => {
            let s = slot(state, t.handle);
            let mut args = vec![num(s)];
            if !t.initial_value.is_empty() {
                args.push(o::str_lit(t.initial_value));
            }
            call("ɵɵtext", args)
        }
        Op::ElementStart(e) => {
            let s = slot(state, e.handle);
            element_or_container(
                if dom {
                    "ɵɵdomElementStart"
                } else {
                    "ɵɵelementStart"
                },
                s,
                Some(&e.tag),
                e.attributes,
                e.local_refs.const_index(),
            )
        }
        Op::Element(e) => {
            let s = slot(state, e.handle);
            element_or_container(
                if dom { "ɵɵdomElement" } else { "ɵɵelement" },
                s,
                Some(&e.tag),
                e.attributes,
                e.local_refs.const_index(),
            )
        }
        Op::ElementEnd(_) => call(
            if dom {
                "ɵɵdomElementEnd"
            } else {
                "ɵɵelementEnd"
            },
            vec![],
        ),
        Op::ContainerStart(e) => {
            let s = slot(state, e.handle);
            let name = if dom {
                "ɵɵdomElementContainerStart"
            } else {
                "ɵɵelementContainerStart"
            };
            element_or_container(name, s, None, e.attributes, e.local_refs.const_index())
        }
        Op::Container(e) => {
            let s = slot(state, e.handle);
            let name = if dom {
                "ɵɵdomElementContainer"
            } else {
                "ɵɵelementContainer"
            };
            element_or_container(name, s, None, e.attributes, e.local_refs.const_index())
        }
        Op::ContainerEnd(_) => call(
            if dom {
                "ɵɵdomElementContainerEnd"
            } else {
                "ɵɵelementContainerEnd"
            },
            vec![],
        ),
        Op::Template(t) => {
            let s = slot(state, t.handle);
            let (fn_name, decls, vars) = views.get(t.xref);
            let name = if t.template_kind == TemplateKind::Block || dom {
                "ɵɵdomTemplate"
            } else {
                "ɵɵtemplate"
            };
            template_base(
                name,
                s,
                &fn_name,
                decls,
                vars,
                t.tag.as_deref(),
                t.attributes,
                t.local_refs.const_index(),
            )
        }
        Op::ConditionalCreate(t) => conditional_create(state, views, "ɵɵconditionalCreate", &t),
        Op::ConditionalBranchCreate(t) => {
            conditional_create(state, views, "ɵɵconditionalBranchCreate", &t)
        }
        Op::BoundaryCreate(b) => {
            let s = slot(state, b.handle);
            call("ɵɵboundaryCreate", vec![num(s)])
        }
        Op::BoundaryErrorCreate(b) => {
            let s = slot(state, b.handle);
            let (fn_name, decls, vars) = views.get(b.xref);
            template_base(
                "ɵɵconditionalBranchCreate",
                s,
                &fn_name,
                decls,
                vars,
                None,
                None,
                None,
            )
        }
        Op::DisableBindings(_) => call("ɵɵdisableBindings", vec![]),
        Op::EnableBindings(_) => call("ɵɵenableBindings", vec![]),
        Op::Pipe { handle, name, .. } => {
            let s = slot(state, handle);
            call("ɵɵpipe", vec![num(s), o::str_lit(name)])
        }
        Op::DeclareLet { handle, .. } => {
            let s = slot(state, handle);
            call("ɵɵdeclareLet", vec![num(s)])
        }
        Op::Listener(l) => {
            let l = *l;
            let resolver = match l.event_target.as_deref() {
                None => None,
                Some("window") => Some("ɵɵresolveWindow"),
                Some("document") => Some("ɵɵresolveDocument"),
                Some("body") => Some("ɵɵresolveBody"),
                Some(other) => {
                    state.errors.push(PipelineError::invalid(
                        format!(
                            "Unexpected global target '{other}' defined for '{}' event. Supported list of global targets: window,document,body.",
                            l.name
                        ),
                        l.span,
                    ));
                    return None;
                }
            };
            let mut handler_ops = l.handler_ops;
            let body = reify_statements(state, &mut handler_ops, mode);
            let params = if l.consumes_dollar_event {
                vec!["$event".to_string()]
            } else {
                vec![]
            };
            let handler = o::function(l.handler_fn_name.clone(), params, body);
            let mut args = vec![o::str_lit(l.name.clone()), handler];
            args.extend(resolver.map(core));
            let legacy = l.legacy_animation_phase.is_some();
            let name = if dom && !l.host_listener && !legacy {
                "ɵɵdomListener"
            } else if l.host_listener && legacy {
                "ɵɵsyntheticHostListener"
            } else {
                "ɵɵlistener"
            };
            call(name, args)
        }
        Op::TwoWayListener(l) => {
            let l = *l;
            let mut handler_ops = l.handler_ops;
            let body = reify_statements(state, &mut handler_ops, mode);
            let handler = o::function(l.handler_fn_name.clone(), vec!["$event".to_string()], body);
            call("ɵɵtwoWayListener", vec![o::str_lit(l.name), handler])
        }
        Op::Variable(v) => variable_stmt(state, *v),
        Op::Namespace(ns) => call(
            match ns {
                Namespace::Html => "ɵɵnamespaceHTML",
                Namespace::Svg => "ɵɵnamespaceSVG",
                Namespace::Math => "ɵɵnamespaceMathML",
            },
            vec![],
        ),
        Op::Defer(d) => {
            let d = *d;
            let timer = d.loading_minimum_time.is_some_and(|t| t != 0.0)
                || d.loading_after_time.is_some_and(|t| t != 0.0)
                || d.placeholder_minimum_time.is_some_and(|t| t != 0.0);
            let self_slot = slot(state, d.handle);
            let main = slot(state, d.main_slot);
            let resolver = d.resolver_fn.map_or(o::null(), |e| to_output(state, e));
            let loading = d.loading_slot.map(|h| slot(state, h));
            let placeholder = d.placeholder_slot.map(|h| slot(state, h));
            let error = d.error_slot.map(|h| slot(state, h));
            let loading_config = d.loading_config.map_or(o::null(), |e| to_output(state, e));
            let placeholder_config = d
                .placeholder_config
                .map_or(o::null(), |e| to_output(state, e));
            let mut args = vec![
                num(self_slot),
                num(main),
                resolver,
                opt_num(loading),
                opt_num(placeholder),
                opt_num(error),
                loading_config,
                placeholder_config,
                if timer {
                    core("ɵɵdeferEnableTimerScheduling")
                } else {
                    o::null()
                },
                opt_num(d.flags),
            ];
            while matches!(args.last(), Some(o::Expr::Literal(o::Literal::Null))) {
                args.pop();
            }
            call("ɵɵdefer", args)
        }
        Op::DeferOn {
            trigger, modifier, ..
        } => defer_on(state, *trigger, modifier),
        Op::ProjectionDef(def) => {
            let args = match def {
                Some(d) => vec![to_output(state, d)],
                None => vec![],
            };
            call("ɵɵprojectionDef", args)
        }
        Op::EnableIncrementalHydrationRuntime => {
            call("ɵɵenableIncrementalHydrationRuntime", vec![])
        }
        Op::Projection(p) => {
            let p = *p;
            let s = slot(state, p.handle);
            let mut args = vec![num(s)];
            let fallback = p.fallback_view.map(|v| views.get(v));
            if p.projection_slot_index != 0 || p.attributes.is_some() || fallback.is_some() {
                args.push(num(p.projection_slot_index));
                let has_attributes = p.attributes.is_some();
                if let Some(a) = p.attributes {
                    args.push(to_output(state, a));
                }
                if let Some((fn_name, decls, vars)) = fallback {
                    if !has_attributes {
                        args.push(o::null());
                    }
                    args.push(o::var(fn_name));
                    args.push(opt_num(decls));
                    args.push(opt_num(vars));
                }
            }
            call("ɵɵprojection", args)
        }
        Op::RepeaterCreate(r) => {
            let r = *r;
            let s = slot(state, r.handle);
            let (fn_name, _, _) = views.get(r.xref);
            let uses_component_instance = r.uses_component_instance;
            let (decls, vars, tag, attributes, empty_view, empty_tag, empty_attributes) = (
                r.decls,
                r.vars,
                r.tag.clone(),
                r.attributes,
                r.empty_view,
                r.empty_tag.clone(),
                r.empty_attributes,
            );
            let track_by = reify_track_by(state, r, mode);
            let mut args = vec![
                num(s),
                o::var(fn_name),
                opt_num(decls),
                opt_num(vars),
                tag.map_or(o::null(), o::str_lit),
                opt_num(attributes),
                track_by,
            ];
            if uses_component_instance || empty_view.is_some() {
                args.push(o::bool_lit(uses_component_instance));
                if let Some(empty) = empty_view {
                    let (empty_fn, empty_decls, empty_vars) = views.get(empty);
                    args.push(o::var(empty_fn));
                    args.push(opt_num(empty_decls));
                    args.push(opt_num(empty_vars));
                    if empty_tag.is_some() || empty_attributes.is_some() {
                        args.push(empty_tag.map_or(o::null(), o::str_lit));
                    }
                    if let Some(a) = empty_attributes {
                        args.push(num(a));
                    }
                }
            }
            call("ɵɵrepeaterCreate", args)
        }
        Op::SourceLocation {
            template_path,
            locations,
        } => {
            let mut items = Vec::with_capacity(locations.len());
            for (handle, offset, line, column) in locations {
                let s = slot(state, handle);
                items.push(o::Expr::Array(vec![
                    num(s),
                    num(offset),
                    num(line),
                    num(column),
                ]));
            }
            call(
                "ɵɵattachSourceLocations",
                vec![o::str_lit(template_path), o::Expr::Array(items)],
            )
        }
        Op::ControlCreate { .. } => call("ɵɵcontrolCreate", vec![]),
        Op::Statement(s) => stmt_to_output(state, s),
        Op::Reified(s) => s,
        other => {
            state.errors.push(PipelineError::internal(format!(
                "unsupported reification of create op {}",
                other.kind_name()
            )));
            return None;
        }
    })
}

fn conditional_create(
    state: &mut JobState<'_>,
    views: &Views,
    name: &str,
    t: &TemplateOp,
) -> o::Stmt {
    let s = slot(state, t.handle);
    let (fn_name, decls, vars) = views.get(t.xref);
    template_base(
        name,
        s,
        &fn_name,
        decls,
        vars,
        t.tag.as_deref(),
        t.attributes,
        t.local_refs.const_index(),
    )
}

/// `reifyTrackBy`: the track function, shared through the constant pool (`_forTrackN`).
fn reify_track_by(state: &mut JobState<'_>, r: RepeaterCreateOp, mode: CompilationMode) -> o::Expr {
    if let Some(f) = r.track_by_fn {
        return to_output(state, f);
    }
    let params = vec!["$index".to_string(), "$item".to_string()];
    let function = match r.track_by_ops {
        None => {
            let track = to_output(state, r.track);
            if r.uses_component_instance {
                o::function(None, params, vec![o::Stmt::Return(track)])
            } else {
                o::arrow(params, track)
            }
        }
        Some(mut ops) => {
            let mut statements = reify_statements(state, &mut ops, mode);
            let single_return = statements.len() == 1
                && matches!(unwrap_commented(&statements[0]), o::Stmt::Return(_));
            if r.uses_component_instance || !single_return {
                o::function(None, params, statements)
            } else {
                match unwrap_commented_owned(statements.remove(0)) {
                    o::Stmt::Return(value) => o::arrow(params, value),
                    other => o::function(None, params, vec![other]),
                }
            }
        }
    };
    state
        .pool
        .get_shared_function_reference(function, "_forTrack", true)
}

fn unwrap_commented(s: &o::Stmt) -> &o::Stmt {
    match s {
        o::Stmt::Commented { stmt, .. } => unwrap_commented(stmt),
        other => other,
    }
}

fn unwrap_commented_owned(s: o::Stmt) -> o::Stmt {
    match s {
        o::Stmt::Commented { stmt, .. } => unwrap_commented_owned(*stmt),
        other => other,
    }
}
