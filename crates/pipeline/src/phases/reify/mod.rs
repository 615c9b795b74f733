//! `reify`: every op becomes an output-AST statement: create ops the creation instructions
//! ([`create`]: `ɵɵelementStart`, `ɵɵtemplate`, `ɵɵlistener`, …), update ops the binding
//! instructions ([`update`]: `ɵɵproperty`, `ɵɵtextInterpolate1`, `ɵɵadvance`, …), and the
//! remaining IR expressions their runtime calls ([`expression`]). [`to_output`] converts one
//! expression; earlier phases use it too, to put expressions into the consts array and the
//! constant pool.

mod create;
mod expression;
mod instructions;
mod update;

use ngc_output as o;

pub use expression::to_output;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobState};
use crate::CompilationMode;
use create::reify_create_list;
use update::reify_update_list;

/// Reifies the ops of a handler or track list as statements.
pub(super) fn reify_statements(
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
pub(super) struct Views {
    entries: std::collections::HashMap<Xref, ViewInfo>,
}

impl Views {
    pub(super) fn get(&self, xref: Xref) -> (String, Option<u32>, Option<u32>) {
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

pub(super) fn variable_stmt(state: &mut JobState<'_>, v: VariableOp) -> o::Stmt {
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
