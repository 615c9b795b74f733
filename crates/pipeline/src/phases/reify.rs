//! `reify`: every op becomes an output-AST statement: create ops the creation instructions
//! (`ɵɵelementStart`, `ɵɵtemplate`, `ɵɵlistener`, …), update ops the binding instructions
//! (`ɵɵproperty`, `ɵɵtextInterpolate1`, `ɵɵadvance`, …), and the remaining IR expressions their
//! runtime calls (`ɵɵnextContext`, `ɵɵpipeBind1`, `ɵɵpureFunction2`, …). [`to_output`] converts
//! one expression; it is also what earlier phases use to put expressions into the consts array
//! and the constant pool.

use ngc_output as o;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobState};
use crate::phases::specialize_bindings::is_aria_attribute;
use crate::CompilationMode;

fn core(name: &str) -> o::Expr {
    o::core(name)
}

fn call(name: &str, args: Vec<o::Expr>) -> o::Stmt {
    o::Stmt::Expr(core(name).call(args))
}

fn num(n: u32) -> o::Expr {
    o::num(n as f64)
}

fn opt_num(n: Option<u32>) -> o::Expr {
    n.map_or(o::null(), num)
}

fn internal(state: &mut JobState<'_>, message: impl Into<String>) -> o::Expr {
    state.errors.push(PipelineError::internal(message));
    o::undefined()
}

fn slot(state: &mut JobState<'_>, handle: SlotHandle) -> u32 {
    match state.slot(handle) {
        Some(s) => s,
        None => {
            state
                .errors
                .push(PipelineError::internal("no slot was assigned"));
            0
        }
    }
}

/// Converts an IR expression to the output AST (Angular's `reifyIrExpression`, applied to the
/// whole tree). IR kinds that earlier phases should have resolved are internal errors.
pub fn to_output(state: &mut JobState<'_>, expr: Expr) -> o::Expr {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || convert(state, expr))
}

fn boxed(state: &mut JobState<'_>, expr: Expr) -> Box<o::Expr> {
    Box::new(to_output(state, expr))
}

fn all(state: &mut JobState<'_>, exprs: Vec<Expr>) -> Vec<o::Expr> {
    exprs.into_iter().map(|e| to_output(state, e)).collect()
}

fn convert(state: &mut JobState<'_>, expr: Expr) -> o::Expr {
    match expr {
        Expr::ReadVar(name) => o::var(name),
        Expr::Core(name) => core(name),
        Expr::Output(e) => *e,
        Expr::Literal(l) => o::Expr::Literal(l),
        Expr::ReadProp {
            receiver,
            name,
            optional,
        } => o::Expr::Prop {
            receiver: boxed(state, *receiver),
            name,
            optional,
        },
        Expr::ReadKey {
            receiver,
            index,
            optional,
        } => o::Expr::Key {
            receiver: boxed(state, *receiver),
            index: boxed(state, *index),
            optional,
        },
        Expr::Invoke {
            callee,
            args,
            optional,
            pure,
        } => o::Expr::Call {
            callee: boxed(state, *callee),
            args: all(state, args),
            pure,
            optional,
        },
        Expr::LiteralArray(items) => o::Expr::Array(all(state, items)),
        Expr::LiteralMap(entries) => o::Expr::Map(
            entries
                .into_iter()
                .map(|e| match e {
                    MapEntry::Property { key, quoted, value } => o::MapEntry::Property {
                        key,
                        quoted,
                        value: to_output(state, value),
                    },
                    MapEntry::Spread(e) => o::MapEntry::Spread(to_output(state, e)),
                })
                .collect(),
        ),
        Expr::Binary { op, lhs, rhs } => o::Expr::Binary {
            op,
            lhs: boxed(state, *lhs),
            rhs: boxed(state, *rhs),
        },
        Expr::Unary { op, expr } => o::Expr::Unary(op, boxed(state, *expr)),
        Expr::Not(e) => o::Expr::Not(boxed(state, *e)),
        Expr::Typeof(e) => o::Expr::Typeof(boxed(state, *e)),
        Expr::Void(e) => o::Expr::Void(boxed(state, *e)),
        Expr::Conditional {
            condition,
            true_case,
            false_case,
        } => o::Expr::Conditional {
            condition: boxed(state, *condition),
            true_case: boxed(state, *true_case),
            false_case: match false_case {
                Some(f) => boxed(state, *f),
                None => Box::new(o::undefined()),
            },
        },
        Expr::Paren(e) | Expr::RequiredParen(e) => o::Expr::Paren(boxed(state, *e)),
        Expr::Spread(e) => o::Expr::Spread(boxed(state, *e)),
        Expr::TemplateLiteral { elements, exprs } => o::Expr::Template {
            elements,
            exprs: all(state, exprs),
        },
        Expr::TaggedTemplate {
            tag,
            elements,
            exprs,
        } => o::Expr::TaggedTemplate {
            tag: boxed(state, *tag),
            elements,
            exprs: all(state, exprs),
        },
        Expr::Regex { body, flags } => o::Expr::Regex { body, flags },
        Expr::ArrowFn { params, body } => o::Expr::Arrow {
            params,
            body: match body {
                ArrowBody::Expr(e) => o::ArrowBody::Expr(boxed(state, *e)),
                ArrowBody::Block(stmts) => o::ArrowBody::Block(
                    stmts
                        .into_iter()
                        .map(|s| stmt_to_output(state, s))
                        .collect(),
                ),
            },
        },
        Expr::Function { name, params, body } => o::Expr::Function {
            name,
            params,
            body: body.into_iter().map(|s| stmt_to_output(state, s)).collect(),
        },
        Expr::NextContext { steps } => {
            core("ɵɵnextContext").call(if steps == 1 { vec![] } else { vec![num(steps)] })
        }
        Expr::Reference {
            slot: handle,
            offset,
            ..
        } => {
            let s = slot(state, handle);
            core("ɵɵreference").call(vec![num(s + 1 + offset)])
        }
        Expr::RestoreView(RestoreViewTarget::Expr(view)) => {
            core("ɵɵrestoreView").call(vec![to_output(state, *view)])
        }
        Expr::ResetView(e) => core("ɵɵresetView").call(vec![to_output(state, *e)]),
        Expr::GetCurrentView => core("ɵɵgetCurrentView").call(vec![]),
        Expr::ReadVariable {
            name: Some(name), ..
        }
        | Expr::ReadTemporary {
            name: Some(name), ..
        } => o::var(name),
        Expr::AssignTemporary {
            name: Some(name),
            expr,
            ..
        } => o::var(name).set(to_output(state, *expr)),
        Expr::PureFunction(pf) => {
            let PureFunction {
                fn_ref,
                args,
                var_offset,
                ..
            } = *pf;
            let Some(fn_ref) = fn_ref else {
                return internal(state, "pure functions must have been extracted");
            };
            let fn_ref = to_output(state, fn_ref);
            let args = all(state, args);
            variadic(&PURE_FUNCTION, vec![opt_num(var_offset), fn_ref], args)
        }
        Expr::PipeBinding {
            slot: handle,
            args,
            var_offset,
            ..
        } => {
            let s = slot(state, handle);
            let name = match args.len() {
                1 => "ɵɵpipeBind1",
                2 => "ɵɵpipeBind2",
                3 => "ɵɵpipeBind3",
                4 => "ɵɵpipeBind4",
                _ => return internal(state, "pipeBind() argument count out of bounds"),
            };
            let mut call_args = vec![num(s), opt_num(var_offset)];
            call_args.extend(all(state, args));
            core(name).call(call_args)
        }
        Expr::PipeBindingVariadic {
            slot: handle,
            args,
            var_offset,
            ..
        } => {
            let s = slot(state, handle);
            let args = to_output(state, *args);
            core("ɵɵpipeBindV").call(vec![num(s), opt_num(var_offset), args])
        }
        Expr::SlotLiteral(handle) => {
            let s = slot(state, handle);
            num(s)
        }
        Expr::ContextLetReference { slot: handle, .. } => {
            let s = slot(state, handle);
            core("ɵɵreadContextLet").call(vec![num(s)])
        }
        Expr::StoreLet { value, .. } => core("ɵɵstoreLet").call(vec![to_output(state, *value)]),
        Expr::TrackContext(_) => o::var("this"),
        Expr::ArrowFunction { index, var_offset } => {
            let Some(function) = state
                .reifying_functions
                .get_mut(index as usize)
                .and_then(Option::take)
            else {
                return internal(state, "arrow function reified twice or not found");
            };
            let factory = arrow_function_factory(state, function);
            let reference = state
                .pool
                .get_shared_function_reference(factory, "arrowFn", true);
            core("ɵɵarrowFunction").call(vec![opt_num(var_offset), reference, o::var("ctx")])
        }
        other => internal(
            state,
            format!("unsupported reification of an IR expression: {other:?}"),
        ),
    }
}

/// `getArrowFunctionFactory`: `(ctx, view) => (params) => body`.
fn arrow_function_factory(
    state: &mut JobState<'_>,
    function: crate::job::ArrowFunction,
) -> o::Expr {
    let mut ops = function.ops;
    let mut statements = reify_statements(state, &mut ops, state.mode);
    let body = if statements.len() == 1 && matches!(statements[0], o::Stmt::Return(_)) {
        match statements.remove(0) {
            o::Stmt::Return(value) => o::ArrowBody::Expr(Box::new(value)),
            other => o::ArrowBody::Block(vec![other]),
        }
    } else {
        o::ArrowBody::Block(statements)
    };
    let inner = o::Expr::Arrow {
        params: function.params,
        body,
    };
    o::arrow(vec!["ctx".to_string(), "view".to_string()], inner)
}

/// Converts an IR statement.
pub fn stmt_to_output(state: &mut JobState<'_>, stmt: Stmt) -> o::Stmt {
    match stmt {
        Stmt::Expr(e) => o::Stmt::Expr(to_output(state, e)),
        Stmt::Return { value, ts_ignore } => {
            let ret = o::Stmt::Return(to_output(state, value));
            if ts_ignore {
                o::Stmt::Commented {
                    comments: vec![o::LeadingComment {
                        text: "@ts-ignore".into(),
                        multiline: false,
                        trailing_newline: true,
                    }],
                    stmt: Box::new(ret),
                }
            } else {
                ret
            }
        }
        Stmt::DeclareVar {
            name,
            value,
            is_const,
        } => o::Stmt::DeclareVar {
            name,
            value: value.map(|v| to_output(state, v)),
            is_const,
            exported: false,
        },
    }
}

/// A family of variadic instructions (`TEXT_INTERPOLATE_CONFIG` and friends).
struct Variadic {
    constant: &'static [&'static str],
    variable: &'static str,
    /// Whether the instruction index counts interpolation pieces (`(n - 1) / 2`) or arguments.
    interpolation: bool,
}

const TEXT_INTERPOLATE: Variadic = Variadic {
    constant: &[
        "ɵɵtextInterpolate",
        "ɵɵtextInterpolate1",
        "ɵɵtextInterpolate2",
        "ɵɵtextInterpolate3",
        "ɵɵtextInterpolate4",
        "ɵɵtextInterpolate5",
        "ɵɵtextInterpolate6",
        "ɵɵtextInterpolate7",
        "ɵɵtextInterpolate8",
    ],
    variable: "ɵɵtextInterpolateV",
    interpolation: true,
};

const VALUE_INTERPOLATE: Variadic = Variadic {
    constant: &[
        "ɵɵinterpolate",
        "ɵɵinterpolate1",
        "ɵɵinterpolate2",
        "ɵɵinterpolate3",
        "ɵɵinterpolate4",
        "ɵɵinterpolate5",
        "ɵɵinterpolate6",
        "ɵɵinterpolate7",
        "ɵɵinterpolate8",
    ],
    variable: "ɵɵinterpolateV",
    interpolation: true,
};

const PURE_FUNCTION: Variadic = Variadic {
    constant: &[
        "ɵɵpureFunction0",
        "ɵɵpureFunction1",
        "ɵɵpureFunction2",
        "ɵɵpureFunction3",
        "ɵɵpureFunction4",
        "ɵɵpureFunction5",
        "ɵɵpureFunction6",
        "ɵɵpureFunction7",
        "ɵɵpureFunction8",
    ],
    variable: "ɵɵpureFunctionV",
    interpolation: false,
};

/// `callVariadicInstructionExpr`.
fn variadic(config: &Variadic, base: Vec<o::Expr>, mut args: Vec<o::Expr>) -> o::Expr {
    let n = if config.interpolation {
        args.len().saturating_sub(1) / 2
    } else {
        args.len()
    };
    if args.len() > 1
        && matches!(args.last(), Some(o::Expr::Literal(o::Literal::String(s))) if s.is_empty())
    {
        args.pop();
    }
    let mut call_args = base;
    if n < config.constant.len() {
        call_args.extend(args);
        core(config.constant[n]).call(call_args)
    } else {
        call_args.push(o::Expr::Array(args));
        core(config.variable).call(call_args)
    }
}

/// `collateInterpolationArgs`.
fn collate(strings: Vec<String>, expressions: Vec<o::Expr>) -> Vec<o::Expr> {
    if expressions.len() == 1
        && strings.len() == 2
        && strings[0].is_empty()
        && strings[1].is_empty()
    {
        return expressions;
    }
    let mut out = Vec::with_capacity(strings.len() + expressions.len());
    let mut strings = strings.into_iter();
    for e in expressions {
        out.push(o::str_lit(strings.next().unwrap_or_default()));
        out.push(e);
    }
    out.push(o::str_lit(strings.next().unwrap_or_default()));
    out
}

/// A binding value: the expression, or `ɵɵinterpolateN(...)` for an interpolation.
fn value_to_output(state: &mut JobState<'_>, value: BindingValue) -> o::Expr {
    match value {
        BindingValue::Expr(e) => to_output(state, e),
        BindingValue::Interpolation(i) => {
            let exprs = all(state, i.expressions);
            variadic(&VALUE_INTERPOLATE, Vec::new(), collate(i.strings, exprs))
        }
    }
}

/// `elementOrContainerBase`.
fn element_or_container(
    name: &str,
    slot: u32,
    tag: Option<&str>,
    const_index: Option<u32>,
    local_refs: Option<u32>,
) -> o::Stmt {
    let mut args = vec![num(slot)];
    if let Some(tag) = tag {
        args.push(o::str_lit(tag));
    }
    if let Some(refs) = local_refs {
        args.push(opt_num(const_index));
        args.push(num(refs));
    } else if let Some(c) = const_index {
        args.push(num(c));
    }
    call(name, args)
}

/// `templateBase` (also `conditionalCreate` and `conditionalBranchCreate`): trailing `null`s
/// are dropped.
#[allow(clippy::too_many_arguments)]
fn template_base(
    name: &str,
    slot: u32,
    fn_name: &str,
    decls: Option<u32>,
    vars: Option<u32>,
    tag: Option<&str>,
    const_index: Option<u32>,
    local_refs: Option<u32>,
) -> o::Stmt {
    let mut args = vec![
        num(slot),
        o::var(fn_name),
        opt_num(decls),
        opt_num(vars),
        tag.map_or(o::null(), o::str_lit),
        opt_num(const_index),
    ];
    if let Some(refs) = local_refs {
        args.push(num(refs));
        args.push(core("ɵɵtemplateRefExtractor"));
    }
    while matches!(args.last(), Some(o::Expr::Literal(o::Literal::Null))) {
        args.pop();
    }
    call(name, args)
}

/// `DOM_PROPERTY_REMAPPING`.
fn dom_property_name(name: &str) -> &str {
    match name {
        "class" => "className",
        "for" => "htmlFor",
        "formaction" => "formAction",
        "innerHtml" => "innerHTML",
        "readonly" => "readOnly",
        "tabindex" => "tabIndex",
        other => other,
    }
}

fn property_base(name: &str, prop: &str, value: o::Expr, sanitizer: Option<o::Expr>) -> o::Stmt {
    let mut args = vec![o::str_lit(prop), value];
    args.extend(sanitizer);
    call(name, args)
}

/// Reifies the ops of a handler or track list as statements.
fn reify_statements(
    job_state: &mut JobState<'_>,
    ops: &mut OpList,
    mode: CompilationMode,
) -> Vec<o::Stmt> {
    reify_update_list(job_state, ops, mode);
    ops.take_all()
        .into_iter()
        .filter_map(|op| match op {
            Op::Reified(s) => Some(s),
            other => {
                job_state.errors.push(PipelineError::internal(format!(
                    "expected reified statements, but found op {}",
                    other.kind_name()
                )));
                None
            }
        })
        .collect()
}

/// The function name, `decls` and `vars` of a view.
type ViewInfo = (Option<String>, Option<u32>, Option<u32>);

/// The names, decls and vars of the views, for template instructions.
struct Views {
    entries: std::collections::HashMap<Xref, ViewInfo>,
}

impl Views {
    fn get(&self, xref: Xref) -> (String, Option<u32>, Option<u32>) {
        match self.entries.get(&xref) {
            Some((name, decls, vars)) => (name.clone().unwrap_or_default(), *decls, *vars),
            None => (String::new(), None, None),
        }
    }
}

pub fn run(job: &mut Job<'_>) {
    let views = Views {
        entries: job
            .units
            .iter()
            .map(|u| (u.xref, (u.fn_name.clone(), u.decls, u.vars)))
            .collect(),
    };
    let mode = job.state.mode;
    let state = &mut job.state;
    for unit in &mut job.units {
        state.reifying_functions = unit.functions.drain(..).map(Some).collect();
        reify_create_list(state, &views, &mut unit.create, mode);
        reify_update_list(state, &mut unit.update, mode);
        state.reifying_functions.clear();
    }
}

fn reify_create_list(
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

fn variable_stmt(state: &mut JobState<'_>, v: VariableOp) -> o::Stmt {
    let name = state.variable(v.variable).name.clone();
    let Some(name) = name else {
        state.errors.push(PipelineError::internal(format!(
            "unnamed variable {}",
            v.xref.0
        )));
        return o::Stmt::Expr(o::undefined());
    };
    let value = to_output(state, v.initializer);
    o::Stmt::DeclareVar {
        name,
        value: Some(value),
        is_const: true,
        exported: false,
    }
}

fn defer_on(state: &mut JobState<'_>, trigger: DeferTrigger, modifier: DeferOpModifier) -> o::Stmt {
    let mut args = Vec::new();
    let hydrate = modifier == DeferOpModifier::Hydrate;
    let target = |state: &mut JobState<'_>, t: &DeferTrigger| {
        t.target_slot
            .and_then(|h| state.slot(h))
            .map_or(o::null(), num)
    };
    match trigger.kind {
        DeferTriggerKind::Never | DeferTriggerKind::Immediate => {}
        DeferTriggerKind::Idle => {
            if let Some(t) = trigger.timeout {
                args.push(o::num(t));
            }
        }
        DeferTriggerKind::Timer => args.push(o::num(trigger.delay.unwrap_or(0.0))),
        DeferTriggerKind::Viewport => {
            if hydrate {
                if let Some(options) = trigger.options.clone() {
                    args.push(to_output(state, options));
                }
            } else {
                args.push(target(state, &trigger));
                let steps = trigger.target_slot_view_steps.unwrap_or(0);
                if steps != 0 {
                    args.push(o::num(steps as f64));
                } else if trigger.options.is_some() {
                    args.push(o::null());
                }
                if let Some(options) = trigger.options.clone() {
                    args.push(to_output(state, options));
                }
            }
        }
        DeferTriggerKind::Interaction | DeferTriggerKind::Hover => {
            if !hydrate {
                args.push(target(state, &trigger));
                let steps = trigger.target_slot_view_steps.unwrap_or(0);
                if steps != 0 {
                    args.push(o::num(steps as f64));
                }
            }
        }
    }
    let name = match (trigger.kind, modifier) {
        (DeferTriggerKind::Never, _) => "ɵɵdeferHydrateNever",
        (DeferTriggerKind::Idle, DeferOpModifier::None) => "ɵɵdeferOnIdle",
        (DeferTriggerKind::Idle, DeferOpModifier::Prefetch) => "ɵɵdeferPrefetchOnIdle",
        (DeferTriggerKind::Idle, DeferOpModifier::Hydrate) => "ɵɵdeferHydrateOnIdle",
        (DeferTriggerKind::Immediate, DeferOpModifier::None) => "ɵɵdeferOnImmediate",
        (DeferTriggerKind::Immediate, DeferOpModifier::Prefetch) => "ɵɵdeferPrefetchOnImmediate",
        (DeferTriggerKind::Immediate, DeferOpModifier::Hydrate) => "ɵɵdeferHydrateOnImmediate",
        (DeferTriggerKind::Timer, DeferOpModifier::None) => "ɵɵdeferOnTimer",
        (DeferTriggerKind::Timer, DeferOpModifier::Prefetch) => "ɵɵdeferPrefetchOnTimer",
        (DeferTriggerKind::Timer, DeferOpModifier::Hydrate) => "ɵɵdeferHydrateOnTimer",
        (DeferTriggerKind::Hover, DeferOpModifier::None) => "ɵɵdeferOnHover",
        (DeferTriggerKind::Hover, DeferOpModifier::Prefetch) => "ɵɵdeferPrefetchOnHover",
        (DeferTriggerKind::Hover, DeferOpModifier::Hydrate) => "ɵɵdeferHydrateOnHover",
        (DeferTriggerKind::Interaction, DeferOpModifier::None) => "ɵɵdeferOnInteraction",
        (DeferTriggerKind::Interaction, DeferOpModifier::Prefetch) => {
            "ɵɵdeferPrefetchOnInteraction"
        }
        (DeferTriggerKind::Interaction, DeferOpModifier::Hydrate) => "ɵɵdeferHydrateOnInteraction",
        (DeferTriggerKind::Viewport, DeferOpModifier::None) => "ɵɵdeferOnViewport",
        (DeferTriggerKind::Viewport, DeferOpModifier::Prefetch) => "ɵɵdeferPrefetchOnViewport",
        (DeferTriggerKind::Viewport, DeferOpModifier::Hydrate) => "ɵɵdeferHydrateOnViewport",
    };
    call(name, args)
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

fn reify_update_list(state: &mut JobState<'_>, ops: &mut OpList, mode: CompilationMode) {
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
