//! The template and host-binding functions from the reified ops (Angular's `emitTemplateFn`,
//! `emitChildViews`, `emitView` and `emitHostBindingFunction`).
//!
//! Each view becomes `function Name(rf, ctx) { if (rf & 1) { create } if (rf & 2) { update } }`;
//! embedded views are declared in the constant pool, children before their parents.

use std::collections::HashMap;

use ngc_output as o;

use crate::error::PipelineError;
use crate::ir::{Op, Xref};
use crate::job::{Job, Unit};

fn statements(unit: &mut Unit, create: bool, errors: &mut Vec<PipelineError>) -> Vec<o::Stmt> {
    let list = if create {
        &mut unit.create
    } else {
        &mut unit.update
    };
    list.take_all()
        .into_iter()
        .filter_map(|op| match op {
            Op::Reified(s) => Some(s),
            other => {
                let which = if create { "create" } else { "update" };
                errors.push(PipelineError::internal(format!(
                    "expected all {which} ops to have been compiled, but got {}",
                    other.kind_name()
                )));
                None
            }
        })
        .collect()
}

/// `maybeGenerateRfBlock`.
fn rf_block(flag: f64, stmts: Vec<o::Stmt>) -> Option<o::Stmt> {
    if stmts.is_empty() {
        return None;
    }
    Some(o::if_stmt(
        o::var("rf").binary(o::BinaryOp::BitwiseAnd, o::num(flag)),
        stmts,
    ))
}

fn view_body(unit: &mut Unit, errors: &mut Vec<PipelineError>) -> (Vec<o::Stmt>, bool) {
    let create = statements(unit, true, errors);
    let update = statements(unit, false, errors);
    let empty = create.is_empty() && update.is_empty();
    let body = rf_block(1.0, create)
        .into_iter()
        .chain(rf_block(2.0, update))
        .collect();
    (body, empty)
}

fn params() -> Vec<String> {
    vec!["rf".to_string(), "ctx".to_string()]
}

/// `emitTemplateFn`: the root template function; embedded views go into the pool.
pub fn emit_template_fn(job: &mut Job<'_>) -> o::Expr {
    let root = job.root_xref();
    let mut children: HashMap<Xref, Vec<usize>> = HashMap::new();
    for (index, unit) in job.units.iter().enumerate() {
        if let Some(parent) = unit.parent {
            children.entry(parent).or_default().push(index);
        }
    }
    emit_child_views(job, root, &children);
    let mut errors = Vec::new();
    let name = job.units[0].fn_name.clone();
    let (body, _) = view_body(&mut job.units[0], &mut errors);
    job.state.errors.extend(errors);
    o::function(name, params(), body)
}

/// `emitChildViews`: depth first, children before their parent, in view order.
fn emit_child_views(job: &mut Job<'_>, parent: Xref, children: &HashMap<Xref, Vec<usize>>) {
    for &index in children.get(&parent).map(Vec::as_slice).unwrap_or(&[]) {
        let xref = job.units[index].xref;
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            emit_child_views(job, xref, children)
        });
        let mut errors = Vec::new();
        let name = job.units[index].fn_name.clone().unwrap_or_default();
        let (body, _) = view_body(&mut job.units[index], &mut errors);
        job.state.errors.extend(errors);
        job.state.pool.statements.push(o::Stmt::DeclareFunction {
            name,
            params: params(),
            body,
        });
    }
}

/// `emitHostBindingFunction`: `None` when the host bindings need no code.
pub fn emit_host_binding_function(job: &mut Job<'_>) -> Option<o::Expr> {
    let mut errors = Vec::new();
    let name = job.units[0].fn_name.clone();
    let (body, empty) = view_body(&mut job.units[0], &mut errors);
    job.state.errors.extend(errors);
    if empty {
        return None;
    }
    Some(o::function(name, params(), body))
}
