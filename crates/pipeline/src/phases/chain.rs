//! `chain`: consecutive calls of a chainable instruction become one chained call
//! (`ɵɵproperty("a", x)("b", y)`), at most 256 per chain.

use ngc_output as o;

use crate::ir::{Op, OpId, OpList};
use crate::job::Job;

const MAX_CHAIN_LENGTH: usize = 256;

/// `CHAIN_COMPATIBILITY`: the instruction a call may be chained onto a call of `name` with.
fn chains_with(name: &str) -> Option<&'static str> {
    Some(match name {
        "ɵɵariaProperty" => "ɵɵariaProperty",
        "ɵɵattribute" => "ɵɵattribute",
        "ɵɵclassProp" => "ɵɵclassProp",
        "ɵɵelement" => "ɵɵelement",
        "ɵɵelementContainer" => "ɵɵelementContainer",
        "ɵɵelementContainerEnd" => "ɵɵelementContainerEnd",
        "ɵɵelementContainerStart" => "ɵɵelementContainerStart",
        "ɵɵelementEnd" => "ɵɵelementEnd",
        "ɵɵelementStart" => "ɵɵelementStart",
        "ɵɵdomProperty" => "ɵɵdomProperty",
        "ɵɵi18nExp" => "ɵɵi18nExp",
        "ɵɵlistener" => "ɵɵlistener",
        "ɵɵproperty" => "ɵɵproperty",
        "ɵɵstyleProp" => "ɵɵstyleProp",
        "ɵɵsyntheticHostListener" => "ɵɵsyntheticHostListener",
        "ɵɵsyntheticHostProperty" => "ɵɵsyntheticHostProperty",
        "ɵɵtemplate" => "ɵɵtemplate",
        "ɵɵtwoWayProperty" => "ɵɵtwoWayProperty",
        "ɵɵtwoWayListener" => "ɵɵtwoWayListener",
        "ɵɵdeclareLet" => "ɵɵdeclareLet",
        "ɵɵconditionalCreate" => "ɵɵconditionalBranchCreate",
        "ɵɵconditionalBranchCreate" => "ɵɵconditionalBranchCreate",
        "ɵɵdomElement" => "ɵɵdomElement",
        "ɵɵdomElementStart" => "ɵɵdomElementStart",
        "ɵɵdomElementEnd" => "ɵɵdomElementEnd",
        "ɵɵdomElementContainer" => "ɵɵdomElementContainer",
        "ɵɵdomElementContainerStart" => "ɵɵdomElementContainerStart",
        "ɵɵdomElementContainerEnd" => "ɵɵdomElementContainerEnd",
        "ɵɵdomListener" => "ɵɵdomListener",
        "ɵɵdomTemplate" => "ɵɵdomTemplate",
        "ɵɵanimateEnter" => "ɵɵanimateEnter",
        "ɵɵanimateLeave" => "ɵɵanimateLeave",
        "ɵɵanimateEnterListener" => "ɵɵanimateEnterListener",
        "ɵɵanimateLeaveListener" => "ɵɵanimateLeaveListener",
        _ => return None,
    })
}

/// The instruction of a chainable call statement.
fn instruction(op: &Op) -> Option<&'static str> {
    let Op::Reified(o::Stmt::Expr(o::Expr::Call { callee, .. })) = op else {
        return None;
    };
    let o::Expr::External(r) = &**callee else {
        return None;
    };
    if r.module.as_deref() != Some(o::CORE) {
        return None;
    }
    CHAINABLE.iter().copied().find(|n| *n == r.name)
}

const CHAINABLE: &[&str] = &[
    "ɵɵariaProperty",
    "ɵɵattribute",
    "ɵɵclassProp",
    "ɵɵelement",
    "ɵɵelementContainer",
    "ɵɵelementContainerEnd",
    "ɵɵelementContainerStart",
    "ɵɵelementEnd",
    "ɵɵelementStart",
    "ɵɵdomProperty",
    "ɵɵi18nExp",
    "ɵɵlistener",
    "ɵɵproperty",
    "ɵɵstyleProp",
    "ɵɵsyntheticHostListener",
    "ɵɵsyntheticHostProperty",
    "ɵɵtemplate",
    "ɵɵtwoWayProperty",
    "ɵɵtwoWayListener",
    "ɵɵdeclareLet",
    "ɵɵconditionalCreate",
    "ɵɵconditionalBranchCreate",
    "ɵɵdomElement",
    "ɵɵdomElementStart",
    "ɵɵdomElementEnd",
    "ɵɵdomElementContainer",
    "ɵɵdomElementContainerStart",
    "ɵɵdomElementContainerEnd",
    "ɵɵdomListener",
    "ɵɵdomTemplate",
    "ɵɵanimateEnter",
    "ɵɵanimateLeave",
    "ɵɵanimateEnterListener",
    "ɵɵanimateLeaveListener",
];

fn chain_list(ops: &mut OpList) {
    // The op holding the chain, its instruction and length.
    let mut chain: Option<(OpId, &'static str, usize)> = None;
    let mut cursor = ops.first();
    while let Some(id) = cursor {
        cursor = ops.next(id);
        let Some(name) = instruction(&ops[id]) else {
            chain = None;
            continue;
        };
        match chain {
            Some((head, head_name, length))
                if chains_with(head_name) == Some(name) && length < MAX_CHAIN_LENGTH =>
            {
                let Op::Reified(o::Stmt::Expr(o::Expr::Call { args, pure, .. })) = ops.remove(id)
                else {
                    continue;
                };
                if let Op::Reified(o::Stmt::Expr(head_expr)) = &mut ops[head] {
                    let callee = std::mem::replace(head_expr, o::undefined());
                    *head_expr = o::Expr::Call {
                        callee: Box::new(callee),
                        args,
                        pure,
                        optional: false,
                    };
                }
                chain = Some((head, head_name, length + 1));
            }
            _ => chain = Some((id, name, 1)),
        }
    }
}

pub fn run(job: &mut Job<'_>) {
    for unit in &mut job.units {
        chain_list(&mut unit.create);
        chain_list(&mut unit.update);
    }
}
