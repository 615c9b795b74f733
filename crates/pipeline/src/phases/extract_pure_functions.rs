//! `extractPureFunctions`: the body of each pure function becomes a shared module-level arrow
//! function (`const _c0 = (a0) => [a0, 1];`).

use ngc_output as o;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;
use crate::phases::reify::to_output;

/// `PureFunctionConstant.keyOf` (Angular's `GenericKeyFn` plus parameters).
fn key_of(e: &Expr) -> Option<String> {
    Some(match e {
        Expr::PureFunctionParameter(i) => format!("param({i})"),
        Expr::Literal(Literal::String(s)) => format!("\"{s}\""),
        Expr::Literal(Literal::Number(n)) => ngc_expression::js_number_to_string(*n),
        Expr::Literal(Literal::Bool(b)) => b.to_string(),
        Expr::Literal(Literal::Null) => "null".to_string(),
        Expr::Literal(Literal::Undefined) => "undefined".to_string(),
        Expr::Regex { body, flags } => format!("/{body}/{}", flags.as_deref().unwrap_or("")),
        Expr::LiteralArray(items) => {
            let keys: Option<Vec<String>> = items.iter().map(key_of).collect();
            format!("[{}]", keys?.join(","))
        }
        Expr::LiteralMap(entries) => {
            let mut keys = Vec::with_capacity(entries.len());
            for entry in entries {
                keys.push(match entry {
                    MapEntry::Spread(e) => format!("...{}", key_of(e)?),
                    MapEntry::Property { key, quoted, value } => {
                        let k = if *quoted {
                            format!("\"{key}\"")
                        } else {
                            key.clone()
                        };
                        format!("{k}:{}", key_of(value)?)
                    }
                });
            }
            format!("{{{}}}", keys.join(","))
        }
        Expr::Core(name) => format!("import(\"@angular/core\", {name})"),
        Expr::ReadVar(name) => format!("read({name})"),
        Expr::Typeof(e) => format!("typeof({})", key_of(e)?),
        Expr::Spread(e) => format!("...{}", key_of(e)?),
        Expr::Output(e) => ngc_output::constant_pool::key_of(e)?,
        _ => return None,
    })
}

pub fn run(job: &mut Job<'_>) {
    let state = &mut job.state;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    let Expr::PureFunction(pf) = e else { return };
                    let Some(body) = pf.body.take() else { return };
                    let Some(key) = key_of(&body) else {
                        state.errors.push(PipelineError::internal(
                            "a pure function body Angular's key function does not handle",
                        ));
                        return;
                    };
                    let params: Vec<String> = (0..pf.args.len()).map(|i| format!("a{i}")).collect();
                    let mut body = body;
                    transform_expr(
                        &mut body,
                        &mut |e, _| {
                            if let Expr::PureFunctionParameter(i) = e {
                                *e = Expr::var(format!("a{i}"));
                            }
                        },
                        VisitorFlags::NONE,
                    );
                    let value = to_output(state, body);
                    let reference = state.pool.get_shared_constant(key, |name| {
                        o::const_stmt(name, o::arrow(params, value))
                    });
                    pf.fn_ref = Some(Expr::Output(Box::new(reference)));
                },
                VisitorFlags::NONE,
            )
        });
    }
}
