//! Control-flow blocks and `@let` (`ingestIfBlock`, `ingestSwitchBlock`, `ingestForBlock`,
//! `ingestBoundaryBlock`, `ingestLetDeclaration`, `ingestControlFlowInsertionPoint`).

use ngc_template::r3_ast::{self as t, BindingType, Node};
use ngc_template::Span;

use super::convert::convert_ast;
use super::*;
use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{ContextValue, Job};

/// A `ConditionalCreate` / `ConditionalBranchCreate` / block `Template` op.
pub(super) fn block_template_op(
    xref: Xref,
    handle: SlotHandle,
    tag: Option<String>,
    suffix: &str,
    start_span: Span,
    whole_span: Span,
) -> TemplateOp {
    TemplateOp {
        xref,
        template_kind: TemplateKind::Block,
        attributes: None,
        tag,
        handle,
        function_name_suffix: suffix.to_string(),
        decls: None,
        vars: None,
        local_refs: LocalRefs::List(Vec::new()),
        non_bindable: false,
        namespace: Namespace::Html,
        num_slots_used: 1,
        start_span,
        whole_span,
    }
}

pub(super) fn ingest_if_block(job: &mut Job<'_>, unit: usize, block: &t::IfBlock) {
    let mut first_xref = None;
    let mut conditions = Vec::new();
    let parent = job.units[unit].xref;
    for (i, branch) in block.branches.iter().enumerate() {
        if branch.i18n.is_some() {
            error(
                job,
                PipelineError::i18n_not_supported(
                    "an @if branch inside an i18n block",
                    branch.spans.span,
                ),
            );
            continue;
        }
        let view = job.allocate_view(parent);
        let view_index = job.view_index(view).unwrap_or(0);
        let tag = ingest_control_flow_insertion_point(job, unit, view, &branch.children);
        if let Some(alias) = &branch.expression_alias {
            job.units[view_index].set_context_variable(&alias.name, ContextValue::CtxRef);
        }
        let handle = job.state.new_slot();
        let op = block_template_op(
            view,
            handle,
            tag,
            "Conditional",
            branch.spans.start_span,
            branch.spans.span,
        );
        let op = if i == 0 {
            Op::ConditionalCreate(Box::new(op))
        } else {
            Op::ConditionalBranchCreate(Box::new(op))
        };
        push_create(job, unit, op);
        first_xref.get_or_insert(view);
        let expr = branch
            .expression
            .as_ref()
            .map(|e| convert_ast(&e.ast, &mut job.state));
        conditions.push(ConditionalCase {
            expr,
            target: view,
            target_slot: handle,
            has_alias: branch.expression_alias.is_some(),
        });
        ingest_nodes(job, view_index, &branch.children);
    }
    if let Some(target) = first_xref {
        let op = ConditionalOp {
            target,
            test: None,
            conditions,
            processed: None,
            context_value: None,
            span: block.span,
        };
        push_update(job, unit, Op::Conditional(Box::new(op)));
    }
}

pub(super) fn ingest_boundary_block(job: &mut Job<'_>, unit: usize, block: &t::BoundaryBlock) {
    if block.i18n.is_some() || block.error_blocks.iter().any(|e| e.i18n.is_some()) {
        error(
            job,
            PipelineError::i18n_not_supported(
                "a @boundary block inside an i18n block",
                block.spans.span,
            ),
        );
        return;
    }
    let parent = job.units[unit].xref;
    let primary_view = job.allocate_view(parent);
    let primary_index = job.view_index(primary_view).unwrap_or(0);
    let primary_tag = ingest_control_flow_insertion_point(job, unit, primary_view, &block.children);
    let boundary = job.state.allocate_xref();
    let handle = job.state.new_slot();
    let (start, whole) = (block.spans.start_span, block.spans.span);
    let create = block_template_op(
        boundary,
        handle,
        primary_tag.clone(),
        "Boundary",
        start,
        whole,
    );
    push_create(job, unit, Op::BoundaryCreate(Box::new(create)));
    let primary_handle = job.state.new_slot();
    let primary = block_template_op(
        primary_view,
        primary_handle,
        primary_tag,
        "Primary",
        start,
        whole,
    );
    push_create(job, unit, Op::ConditionalBranchCreate(Box::new(primary)));
    let mut conditions = Vec::new();
    for error_block in &block.error_blocks {
        let error_view = job.allocate_view(parent);
        let error_index = job.view_index(error_view).unwrap_or(0);
        let error_handle = job.state.new_slot();
        let context_variables: Vec<(String, String)> = error_block
            .context_variables
            .iter()
            .map(|v| (v.name.clone(), v.value.clone()))
            .collect();
        push_create(
            job,
            unit,
            Op::BoundaryErrorCreate(Box::new(BoundaryErrorCreateOp {
                xref: error_view,
                handle: error_handle,
                function_name_suffix: "Error".to_string(),
                boundary,
                context_variables: context_variables.clone(),
                start_span: error_block.spans.start_span,
                whole_span: error_block.spans.span,
            })),
        );
        let expr = error_block
            .expression
            .as_ref()
            .map(|e| convert_ast(&e.ast, &mut job.state));
        let has_alias = context_variables.iter().any(|(_, value)| value == "$error");
        conditions.push(ConditionalCase {
            expr,
            target: error_view,
            target_slot: error_handle,
            has_alias,
        });
        for (name, value) in context_variables {
            let expression = Expr::Context(error_view).prop(value);
            let alias = job.state.new_variable(SemanticVariableKind::Alias {
                identifier: name,
                expression,
            });
            job.units[error_index].aliases.push(alias);
        }
        ingest_nodes(job, error_index, &error_block.children);
    }
    let guarded = ConditionalCase {
        expr: None,
        target: primary_view,
        target_slot: primary_handle,
        has_alias: false,
    };
    ingest_nodes(job, primary_index, &block.children);
    let op = BoundaryOp {
        target: boundary,
        target_slot: handle,
        primary: primary_view,
        guarded,
        conditions,
        processed: None,
        span: whole,
    };
    push_update(job, unit, Op::Boundary(Box::new(op)));
}

pub(super) fn ingest_switch_block(job: &mut Job<'_>, unit: usize, block: &t::SwitchBlock) {
    if block.groups.is_empty() {
        return;
    }
    let mut first_xref = None;
    let mut conditions = Vec::new();
    let parent = job.units[unit].xref;
    for (i, group) in block.groups.iter().enumerate() {
        if group.i18n.is_some() {
            error(
                job,
                PipelineError::i18n_not_supported("a @case inside an i18n block", group.spans.span),
            );
            continue;
        }
        let view = job.allocate_view(parent);
        let view_index = job.view_index(view).unwrap_or(0);
        let tag = ingest_control_flow_insertion_point(job, unit, view, &group.children);
        let handle = job.state.new_slot();
        let op = block_template_op(
            view,
            handle,
            tag,
            "Case",
            group.spans.start_span,
            group.spans.span,
        );
        let op = if i == 0 {
            Op::ConditionalCreate(Box::new(op))
        } else {
            Op::ConditionalBranchCreate(Box::new(op))
        };
        push_create(job, unit, op);
        first_xref.get_or_insert(view);
        for case in &group.cases {
            let expr = case
                .expression
                .as_ref()
                .map(|e| convert_ast(&e.ast, &mut job.state));
            conditions.push(ConditionalCase {
                expr,
                target: view,
                target_slot: handle,
                has_alias: false,
            });
        }
        ingest_nodes(job, view_index, &group.children);
    }
    if let Some(target) = first_xref {
        let test = Some(convert_ast(&block.expression.ast, &mut job.state));
        let op = ConditionalOp {
            target,
            test,
            conditions,
            processed: None,
            context_value: None,
            span: block.spans.span,
        };
        push_update(job, unit, Op::Conditional(Box::new(op)));
    }
}

pub(super) fn ingest_for_block(job: &mut Job<'_>, unit: usize, block: &t::ForLoopBlock) {
    if block.i18n.is_some() || block.empty.as_ref().is_some_and(|e| e.i18n.is_some()) {
        error(
            job,
            PipelineError::i18n_not_supported("a @for block inside an i18n block", block.span),
        );
        return;
    }
    let parent = job.units[unit].xref;
    let repeater_view = job.allocate_view(parent);
    let view_index = job.view_index(repeater_view).unwrap_or(0);
    let index_name = format!("ɵ$index_{}", repeater_view.0);
    let count_name = format!("ɵ$count_{}", repeater_view.0);
    let mut index_var_names: Vec<String> = Vec::new();
    job.units[view_index].set_context_variable(
        &block.item.name,
        ContextValue::Name(block.item.value.clone()),
    );
    for variable in &block.context_variables {
        if variable.value == "$index" && !index_var_names.contains(&variable.name) {
            index_var_names.push(variable.name.clone());
        }
        if variable.name == "$index" {
            job.units[view_index]
                .set_context_variable("$index", ContextValue::Name(variable.value.clone()));
            job.units[view_index]
                .set_context_variable(&index_name, ContextValue::Name(variable.value.clone()));
        } else if variable.name == "$count" {
            job.units[view_index]
                .set_context_variable("$count", ContextValue::Name(variable.value.clone()));
            job.units[view_index]
                .set_context_variable(&count_name, ContextValue::Name(variable.value.clone()));
        } else {
            let expression = computed_for_loop_variable(&variable.value, &index_name, &count_name);
            let Some(expression) = expression else {
                error(
                    job,
                    PipelineError::invalid(
                        format!("unknown @for loop variable {}", variable.value),
                        variable.span,
                    ),
                );
                continue;
            };
            let alias = job.state.new_variable(SemanticVariableKind::Alias {
                identifier: variable.name.clone(),
                expression,
            });
            job.units[view_index].aliases.push(alias);
        }
    }
    let track = match &block.track_by {
        None => Expr::var("$index"),
        Some(t) => {
            if ngc_template::expression::has_pipe(t) {
                let span = ngc_template::expression::source_span(t);
                error(
                    job,
                    PipelineError::invalid(
                        "Illegal State: Pipes are not allowed in this context",
                        span,
                    ),
                );
            }
            convert_ast(&t.ast, &mut job.state)
        }
    };
    ingest_nodes(job, view_index, &block.children);
    let mut empty_view = None;
    let mut empty_tag = None;
    if let Some(empty) = &block.empty {
        let view = job.allocate_view(parent);
        let index = job.view_index(view).unwrap_or(0);
        ingest_nodes(job, index, &empty.children);
        empty_tag = ingest_control_flow_insertion_point(job, unit, view, &empty.children);
        empty_view = Some(view);
    }
    let tag = ingest_control_flow_insertion_point(job, unit, repeater_view, &block.children);
    let handle = job.state.new_slot();
    let op = RepeaterCreateOp {
        xref: repeater_view,
        attributes: None,
        handle,
        empty_view,
        track,
        track_by_fn: None,
        track_by_ops: None,
        tag,
        empty_tag,
        empty_attributes: None,
        function_name_suffix: "For".to_string(),
        decls: None,
        vars: None,
        var_names: RepeaterVarNames {
            index: index_var_names,
            implicit: block.item.name.clone(),
        },
        uses_component_instance: false,
        local_refs: LocalRefs::List(Vec::new()),
        num_slots_used: if empty_view.is_some() { 3 } else { 2 },
        start_span: block.spans.start_span,
        whole_span: block.span,
    };
    push_create(job, unit, Op::RepeaterCreate(Box::new(op)));
    let collection = convert_ast(&block.expression.ast, &mut job.state);
    push_update(
        job,
        unit,
        Op::Repeater {
            target: repeater_view,
            target_slot: handle,
            collection,
            span: block.span,
        },
    );
}

/// `getComputedForLoopVariableExpression`.
fn computed_for_loop_variable(value: &str, index_name: &str, count_name: &str) -> Option<Expr> {
    let index = || Expr::LexicalRead(index_name.to_string());
    let count = || Expr::LexicalRead(count_name.to_string());
    Some(match value {
        "$index" => index(),
        "$count" => count(),
        "$first" => index().identical(Expr::num(0.0)),
        "$last" => index().identical(count().binary(BinaryOp::Minus, Expr::num(1.0))),
        "$even" => index()
            .binary(BinaryOp::Modulo, Expr::num(2.0))
            .identical(Expr::num(0.0)),
        "$odd" => index()
            .binary(BinaryOp::Modulo, Expr::num(2.0))
            .binary(BinaryOp::NotIdentical, Expr::num(0.0)),
        _ => return None,
    })
}

pub(super) fn ingest_let_declaration(job: &mut Job<'_>, unit: usize, decl: &t::LetDeclaration) {
    let target = job.state.allocate_xref();
    let handle = job.state.new_slot();
    push_create(
        job,
        unit,
        Op::DeclareLet {
            xref: target,
            declared_name: decl.name.clone(),
            handle,
            span: decl.span,
        },
    );
    let value = convert_ast(&decl.value.ast, &mut job.state);
    push_update(
        job,
        unit,
        Op::StoreLet {
            target,
            declared_name: decl.name.clone(),
            value,
            span: decl.span,
        },
    );
}

/// `ingestControlFlowInsertionPoint`: when a block has a single root element or template, its
/// static attributes and binding names go on the block's template instruction, and its tag name
/// is returned.
pub(super) fn ingest_control_flow_insertion_point(
    job: &mut Job<'_>,
    unit: usize,
    xref: Xref,
    children: &[Node],
) -> Option<String> {
    let mut root: Option<&Node> = None;
    for child in children {
        if matches!(child, Node::LetDeclaration(_)) {
            continue;
        }
        if root.is_some() {
            return None;
        }
        match child {
            Node::Element(_) => root = Some(child),
            Node::Template(t) if t.tag_name.is_some() => root = Some(child),
            _ => return None,
        }
    }
    let root = root?;
    let (attributes, inputs, tag_name) = match root {
        Node::Element(e) => (&e.attributes, &e.inputs, e.name.clone()),
        Node::Template(t) => (
            &t.attributes,
            &t.inputs,
            t.tag_name.clone().unwrap_or_default(),
        ),
        _ => return None,
    };
    for attr in attributes {
        if !attr.name.starts_with(ANIMATE_PREFIX) {
            let sc = schema_context(NG_TEMPLATE_TAG_NAME, &attr.name, true);
            let op = binding_op(
                xref,
                BindingKind::Attribute,
                &attr.name,
                BindingValue::Expr(Expr::str(&attr.value)),
                None,
                sc,
                true,
                false,
                None,
                attr.span,
            );
            push_update(job, unit, op);
        }
    }
    for input in inputs {
        if !matches!(
            input.kind,
            BindingType::LegacyAnimation | BindingType::Animation | BindingType::Attribute
        ) {
            let sc = schema_context(NG_TEMPLATE_TAG_NAME, &input.name, true);
            push_create(
                job,
                unit,
                extracted_attribute(xref, BindingKind::Property, &input.name, sc),
            );
        }
    }
    if tag_name == NG_TEMPLATE_TAG_NAME {
        None
    } else {
        Some(tag_name)
    }
}
