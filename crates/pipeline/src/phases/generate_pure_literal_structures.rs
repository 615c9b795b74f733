//! `generatePureLiteralStructures`: array and object literals in bindings become pure
//! functions (`ɵɵpureFunctionN`) of their non-constant entries, so they keep their identity
//! while the entries do not change.

use crate::ir::*;
use crate::job::Job;

fn literal_array(entries: Vec<Expr>) -> Expr {
    let mut derived = Vec::with_capacity(entries.len());
    let mut args = Vec::new();
    for entry in entries {
        match entry {
            Expr::Spread(inner) => {
                if inner.is_constant() {
                    derived.push(Expr::Spread(inner));
                } else {
                    derived.push(Expr::Spread(Box::new(Expr::PureFunctionParameter(
                        args.len() as u32,
                    ))));
                    args.push(*inner);
                }
            }
            entry if entry.is_constant() => derived.push(entry),
            entry => {
                derived.push(Expr::PureFunctionParameter(args.len() as u32));
                args.push(entry);
            }
        }
    }
    Expr::PureFunction(Box::new(PureFunction {
        body: Some(Expr::LiteralArray(derived)),
        fn_ref: None,
        args,
        var_offset: None,
    }))
}

fn literal_map(entries: Vec<MapEntry>) -> Expr {
    let mut derived = Vec::with_capacity(entries.len());
    let mut args = Vec::new();
    for entry in entries {
        match entry {
            MapEntry::Spread(inner) => {
                if inner.is_constant() {
                    derived.push(MapEntry::Spread(inner));
                } else {
                    derived.push(MapEntry::Spread(Expr::PureFunctionParameter(
                        args.len() as u32
                    )));
                    args.push(inner);
                }
            }
            MapEntry::Property { key, quoted, value } => {
                if value.is_constant() {
                    derived.push(MapEntry::Property { key, quoted, value });
                } else {
                    derived.push(MapEntry::Property {
                        key,
                        quoted,
                        value: Expr::PureFunctionParameter(args.len() as u32),
                    });
                    args.push(value);
                }
            }
        }
    }
    Expr::PureFunction(Box::new(PureFunction {
        body: Some(Expr::LiteralMap(derived)),
        fn_ref: None,
        args,
        var_offset: None,
    }))
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        unit.update.for_each_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, flags| {
                    if flags.has(VisitorFlags::IN_CHILD_OPERATION) {
                        return;
                    }
                    match e {
                        Expr::LiteralArray(items) => *e = literal_array(std::mem::take(items)),
                        Expr::LiteralMap(entries) => *e = literal_map(std::mem::take(entries)),
                        _ => {}
                    }
                },
                VisitorFlags::NONE,
            );
        });
    }
}
