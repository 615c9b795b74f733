//! IR expressions and statements into the output AST (Angular's `reifyIrExpression` over a whole
//! tree): `ɵɵnextContext`, `ɵɵreference`, `ɵɵpipeBind1`, `ɵɵpureFunction2`, `ɵɵarrowFunction`, ….

use ngc_output as o;

use super::instructions::{variadic, PURE_FUNCTION};
use super::reify_statements;
use crate::error::PipelineError;
use crate::ir::*;
use crate::job::JobState;

pub(super) fn core(name: &str) -> o::Expr {
    o::core(name)
}

pub(super) fn call(name: &str, args: Vec<o::Expr>) -> o::Stmt {
    o::Stmt::Expr(core(name).call(args))
}

pub(super) fn num(n: u32) -> o::Expr {
    o::num(n as f64)
}

pub(super) fn opt_num(n: Option<u32>) -> o::Expr {
    n.map_or(o::null(), num)
}

pub(super) fn internal(state: &mut JobState<'_>, message: impl Into<String>) -> o::Expr {
    state.errors.push(PipelineError::internal(message));
    o::undefined()
}

pub(super) fn slot(state: &mut JobState<'_>, handle: SlotHandle) -> u32 {
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

pub(super) fn all(state: &mut JobState<'_>, exprs: Vec<Expr>) -> Vec<o::Expr> {
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
