//! Builders of instruction calls (Angular's `instruction.ts`): variadic instructions
//! (`ɵɵtextInterpolateN`, `ɵɵinterpolateN`, `ɵɵpureFunctionN`), element and template
//! instructions, property instructions and `@defer` triggers.

use ngc_output as o;

use super::expression::{all, call, core, num, opt_num, to_output};
use crate::ir::*;
use crate::job::JobState;

/// A family of variadic instructions (`TEXT_INTERPOLATE_CONFIG` and friends).
pub(super) struct Variadic {
    constant: &'static [&'static str],
    variable: &'static str,
    /// Whether the instruction index counts interpolation pieces (`(n - 1) / 2`) or arguments.
    interpolation: bool,
}

pub(super) const TEXT_INTERPOLATE: Variadic = Variadic {
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

pub(super) const VALUE_INTERPOLATE: Variadic = Variadic {
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

pub(super) const PURE_FUNCTION: Variadic = Variadic {
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
pub(super) fn variadic(config: &Variadic, base: Vec<o::Expr>, mut args: Vec<o::Expr>) -> o::Expr {
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
pub(super) fn collate(strings: Vec<String>, expressions: Vec<o::Expr>) -> Vec<o::Expr> {
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
pub(super) fn value_to_output(state: &mut JobState<'_>, value: BindingValue) -> o::Expr {
    match value {
        BindingValue::Expr(e) => to_output(state, e),
        BindingValue::Interpolation(i) => {
            let exprs = all(state, i.expressions);
            variadic(&VALUE_INTERPOLATE, Vec::new(), collate(i.strings, exprs))
        }
    }
}

/// `elementOrContainerBase`.
pub(super) fn element_or_container(
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
pub(super) fn template_base(
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
pub(super) fn dom_property_name(name: &str) -> &str {
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

pub(super) fn property_base(
    name: &str,
    prop: &str,
    value: o::Expr,
    sanitizer: Option<o::Expr>,
) -> o::Stmt {
    let mut args = vec![o::str_lit(prop), value];
    args.extend(sanitizer);
    call(name, args)
}

pub(super) fn defer_on(
    state: &mut JobState<'_>,
    trigger: DeferTrigger,
    modifier: DeferOpModifier,
) -> o::Stmt {
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
