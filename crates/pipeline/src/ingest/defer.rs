//! `@defer` blocks and their triggers (`ingestDeferBlock`, `ingestDeferView`,
//! `ingestDeferTriggers`).

use ngc_template::r3_ast::{self as t, Node};
use ngc_template::Span;

use super::convert::convert_ast;
use super::*;
use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;

/// `ingestDeferView`: a block template for one part of a `@defer` block.
fn ingest_defer_view(
    job: &mut Job<'_>,
    unit: usize,
    suffix: &str,
    children: &[Node],
    span: Span,
) -> (Xref, SlotHandle) {
    let parent = job.units[unit].xref;
    let view = job.allocate_view(parent);
    let index = job.view_index(view).unwrap_or(0);
    ingest_nodes(job, index, children);
    let handle = job.state.new_slot();
    let op = block_template_op(view, handle, None, &format!("Defer{suffix}"), span, span);
    push_create(job, unit, Op::Template(Box::new(op)));
    (view, handle)
}

pub(super) fn ingest_defer_block(job: &mut Job<'_>, unit: usize, block: &t::DeferredBlock) {
    if block.i18n.is_some() {
        error(
            job,
            PipelineError::i18n_not_supported("a @defer block inside an i18n block", block.span),
        );
        return;
    }
    let own_resolver_fn = match &job.state.defer_meta {
        crate::DeferMetadata::PerBlock(blocks) => {
            match blocks.iter().find(|b| b.block_span == block.span) {
                Some(b) => b.dependencies_fn.clone().map(|e| Expr::Output(Box::new(e))),
                None => None,
            }
        }
        crate::DeferMetadata::PerComponent(_) => None,
    };
    let (main_view, main_slot) = ingest_defer_view(job, unit, "", &block.children, block.span);
    let loading = block
        .loading
        .as_ref()
        .map(|b| ingest_defer_view(job, unit, "Loading", &b.children, b.spans.span));
    let placeholder = block
        .placeholder
        .as_ref()
        .map(|b| ingest_defer_view(job, unit, "Placeholder", &b.children, b.spans.span));
    let error_view = block
        .error
        .as_ref()
        .map(|b| ingest_defer_view(job, unit, "Error", &b.children, b.spans.span));
    let defer_xref = job.state.allocate_xref();
    let handle = job.state.new_slot();
    let has_hydrate = has_any_trigger(&block.hydrate_triggers);
    let op = DeferOp {
        xref: defer_xref,
        handle,
        main_view,
        main_slot,
        loading_slot: loading.map(|l| l.1),
        loading_config: None,
        loading_minimum_time: block.loading.as_ref().and_then(|l| l.minimum_time),
        loading_after_time: block.loading.as_ref().and_then(|l| l.after_time),
        placeholder_view: placeholder.map(|p| p.0),
        placeholder_slot: placeholder.map(|p| p.1),
        placeholder_config: None,
        placeholder_minimum_time: block.placeholder.as_ref().and_then(|p| p.minimum_time),
        error_slot: error_view.map(|e| e.1),
        own_resolver_fn,
        resolver_fn: job.state.all_deferrable_deps_fn.clone(),
        flags: if has_hydrate { Some(1) } else { None },
        span: block.span,
    };
    push_create(job, unit, Op::Defer(Box::new(op)));
    let mut on_ops = Vec::new();
    let mut when_ops = Vec::new();
    ingest_defer_triggers(
        job,
        DeferOpModifier::Hydrate,
        &block.hydrate_triggers,
        &mut on_ops,
        &mut when_ops,
        defer_xref,
    );
    ingest_defer_triggers(
        job,
        DeferOpModifier::None,
        &block.triggers,
        &mut on_ops,
        &mut when_ops,
        defer_xref,
    );
    ingest_defer_triggers(
        job,
        DeferOpModifier::Prefetch,
        &block.prefetch_triggers,
        &mut on_ops,
        &mut when_ops,
        defer_xref,
    );
    let concrete = on_ops.iter().any(|o| {
        matches!(
            o,
            Op::DeferOn {
                modifier: DeferOpModifier::None,
                ..
            }
        )
    }) || when_ops.iter().any(|o| {
        matches!(
            o,
            Op::DeferWhen {
                modifier: DeferOpModifier::None,
                ..
            }
        )
    });
    if !concrete {
        on_ops.push(Op::DeferOn {
            defer: defer_xref,
            trigger: Box::new(trigger(DeferTriggerKind::Idle)),
            modifier: DeferOpModifier::None,
            span: block.span,
        });
    }
    job.units[unit].create.extend(on_ops);
    job.units[unit].update.extend(when_ops);
}

fn has_any_trigger(t: &t::DeferredTriggers) -> bool {
    t.when.is_some()
        || t.idle.is_some()
        || t.immediate.is_some()
        || t.hover.is_some()
        || t.timer.is_some()
        || t.interaction.is_some()
        || t.viewport.is_some()
        || t.never.is_some()
}

fn trigger(kind: DeferTriggerKind) -> DeferTrigger {
    DeferTrigger {
        kind,
        timeout: None,
        delay: None,
        target_name: None,
        target_xref: None,
        target_slot: None,
        target_view: None,
        target_slot_view_steps: None,
        options: None,
    }
}

fn ingest_defer_triggers(
    job: &mut Job<'_>,
    modifier: DeferOpModifier,
    triggers: &t::DeferredTriggers,
    on_ops: &mut Vec<Op>,
    when_ops: &mut Vec<Op>,
    defer: Xref,
) {
    let mut on = |trig: DeferTrigger, span: Span| {
        on_ops.push(Op::DeferOn {
            defer,
            trigger: Box::new(trig),
            modifier,
            span,
        });
    };
    if let Some(idle) = &triggers.idle {
        let mut trig = trigger(DeferTriggerKind::Idle);
        trig.timeout = idle.delay;
        on(trig, idle.span);
    }
    if let Some(imm) = &triggers.immediate {
        on(trigger(DeferTriggerKind::Immediate), imm.span);
    }
    if let Some(timer) = &triggers.timer {
        let mut trig = trigger(DeferTriggerKind::Timer);
        trig.delay = timer.delay;
        on(trig, timer.span);
    }
    for (t, kind) in [
        (&triggers.hover, DeferTriggerKind::Hover),
        (&triggers.interaction, DeferTriggerKind::Interaction),
    ] {
        if let Some(t) = t {
            let mut trig = trigger(kind);
            trig.target_name = t.reference.clone();
            on(trig, t.span);
        }
    }
    if let Some(vp) = &triggers.viewport {
        let mut trig = trigger(DeferTriggerKind::Viewport);
        trig.target_name = vp.reference.clone();
        trig.options = vp
            .options
            .as_ref()
            .map(|o| convert_ast(&o.ast, &mut job.state));
        on(trig, vp.span);
    }
    if let Some(never) = &triggers.never {
        on(trigger(DeferTriggerKind::Never), never.span);
    }
    if let Some(when) = &triggers.when {
        if let Some(value) = &when.value {
            let expr = convert_ast(&value.ast, &mut job.state);
            when_ops.push(Op::DeferWhen {
                target: defer,
                expr,
                modifier,
                span: when.span,
            });
        }
    }
}
