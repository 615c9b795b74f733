//! Elements, `<ng-template>`, `<ng-content>`, text and their bindings and listeners
//! (`ingestElement`, `ingestTemplate`, `ingestContent`, `ingestText`, `ingestBoundText` and the
//! binding and listener helpers).

use ngc_expression::ast::AstKind;
use ngc_template::r3_ast::{self as t, BindingType, EventType, Node};
use ngc_template::Span;

use super::convert::convert_ast;
use super::*;
use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{ContextValue, Job};

pub(super) fn ingest_element(job: &mut Job<'_>, unit: usize, element: &t::Element) {
    if element.i18n.is_some() {
        error(
            job,
            PipelineError::i18n_not_supported("the `i18n` attribute", element.start_span),
        );
        return;
    }
    if reject_unsupported_attributes(job, &element.attributes, &element.inputs, &element.outputs) {
        return;
    }
    let id = job.state.allocate_xref();
    let (ns_key, element_name) = split_ns_name(&element.name);
    let handle = job.state.new_slot();
    let namespace = Namespace::for_key(ns_key);
    let start = ElementOp {
        xref: id,
        tag: element_name.to_string(),
        handle,
        attributes: None,
        local_refs: LocalRefs::List(local_refs(&element.references)),
        non_bindable: false,
        namespace,
        num_slots_used: 1,
        start_span: element.start_span,
        whole_span: element.span,
    };
    push_create(job, unit, Op::ElementStart(Box::new(start)));
    ingest_element_bindings(job, unit, id, handle, element_name, namespace, element);
    ingest_nodes(job, unit, &element.children);
    let span = element.end_span.unwrap_or(element.start_span);
    push_create(job, unit, Op::ElementEnd(ElementEndOp { xref: id, span }));
}

pub(super) fn local_refs(refs: &[t::Reference]) -> Vec<LocalRef> {
    refs.iter()
        .map(|r| LocalRef {
            name: r.name.clone(),
            target: r.value.clone(),
        })
        .collect()
}

pub(super) fn convert_value(job: &mut Job<'_>, value: Value<'_>) -> BindingValue {
    match value {
        Value::Text(s) => BindingValue::Expr(Expr::str(s)),
        Value::Ast(ast) => match &ast.kind {
            AstKind::Interpolation {
                strings,
                expressions,
            } => BindingValue::Interpolation(Interpolation {
                strings: strings.clone(),
                expressions: expressions
                    .iter()
                    .map(|e| convert_ast(e, &mut job.state))
                    .collect(),
            }),
            _ => BindingValue::Expr(convert_ast(ast, &mut job.state)),
        },
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn binding_op(
    target: Xref,
    binding_kind: BindingKind,
    name: &str,
    expression: BindingValue,
    unit: Option<String>,
    security_context: SecurityContexts,
    is_text_attribute: bool,
    is_structural_template_attribute: bool,
    template_kind: Option<TemplateKind>,
    span: Span,
) -> Op {
    Op::Binding(Box::new(BindingOp {
        target,
        binding_kind,
        name: name.to_string(),
        expression,
        unit,
        security_context,
        is_text_attribute,
        is_structural_template_attribute,
        template_kind,
        span,
    }))
}

pub(super) fn extracted_attribute(
    target: Xref,
    binding_kind: BindingKind,
    name: &str,
    security_context: SecurityContexts,
) -> Op {
    Op::ExtractedAttribute(Box::new(ExtractedAttributeOp {
        target,
        binding_kind,
        namespace: None,
        name: name.to_string(),
        expression: None,
        security_context,
        trusted_value_fn: None,
    }))
}

#[allow(clippy::too_many_arguments)]
fn ingest_element_bindings(
    job: &mut Job<'_>,
    unit: usize,
    xref: Xref,
    handle: SlotHandle,
    tag: &str,
    namespace: Namespace,
    element: &t::Element,
) {
    let mut bindings = Vec::new();
    let (ns, element_name) = split_ns_name(&element.name);
    let ns = ns.or(match namespace {
        Namespace::Svg => Some("svg"),
        Namespace::Math => Some("math"),
        Namespace::Html => None,
    });
    let schema_tag = match ns {
        Some(ns) => format!(":{ns}:{element_name}"),
        None => element_name.to_string(),
    };
    for attr in &element.attributes {
        let sc = schema_context(&schema_tag, &attr.name, true);
        let value = convert_value(job, Value::Text(&attr.value));
        bindings.push(binding_op(
            xref,
            BindingKind::Attribute,
            &attr.name,
            value,
            None,
            sc,
            true,
            false,
            None,
            attr.span,
        ));
    }
    for input in &element.inputs {
        if input.name == "ngProjectAs" {
            error(
                job,
                PipelineError::invalid("ngProjectAs must have a string literal value", input.span),
            );
        }
        let sc = bound_security_context(&element.name, input);
        let value = convert_value(job, Value::Ast(&input.value.ast));
        bindings.push(binding_op(
            xref,
            binding_kind(input.kind),
            &input.name,
            value,
            input.unit.clone(),
            sc,
            false,
            false,
            None,
            input.span,
        ));
    }
    for b in bindings {
        push_update(job, unit, b);
    }
    for output in &element.outputs {
        let op = listener_for(job, xref, handle, Some(tag), output);
        push_create(job, unit, op);
    }
    // Angular creates an `I18nAttributes` op for every element (removed again when unused);
    // only its xref matters here: xref numbers appear in `@for` variable names.
    job.state.allocate_xref();
}

/// A `Listener` or `TwoWayListener` op for an element or `<ng-template>` output.
fn listener_for(
    job: &mut Job<'_>,
    xref: Xref,
    handle: SlotHandle,
    tag: Option<&str>,
    output: &t::BoundEvent,
) -> Op {
    if let Some(target) = output.target.as_deref() {
        if !matches!(target, "window" | "document" | "body") {
            error(
                job,
                PipelineError::invalid(
                    format!(
                        "Unexpected global target '{target}' defined for '{}' event. Supported list of global targets: window,document,body.",
                        output.name
                    ),
                    output.span,
                ),
            );
        }
    }
    if output.kind == EventType::TwoWay {
        let handler_ops = make_two_way_listener_handler_ops(job, output);
        Op::TwoWayListener(Box::new(TwoWayListenerOp {
            target: xref,
            target_slot: handle,
            name: output.name.clone(),
            tag: tag.map(str::to_string),
            handler_ops,
            handler_fn_name: None,
            span: output.span,
        }))
    } else {
        let handler_ops = make_listener_handler_ops(job, output);
        Op::Listener(Box::new(ListenerOp {
            target: xref,
            target_slot: handle,
            name: output.name.clone(),
            tag: tag.map(str::to_string),
            handler_ops,
            handler_fn_name: None,
            consumes_dollar_event: false,
            legacy_animation_phase: output
                .phase
                .clone()
                .filter(|_| output.kind == EventType::LegacyAnimation),
            event_target: output.target.clone(),
            host_listener: false,
            span: output.span,
        }))
    }
}

/// `makeListenerHandlerOps`: one statement per expression of the chain, the last returned.
pub(crate) fn make_listener_handler_ops(job: &mut Job<'_>, output: &t::BoundEvent) -> OpList {
    handler_ops_for(job, &output.handler.ast, output.span)
}

pub(crate) fn handler_ops_for(
    job: &mut Job<'_>,
    handler: &ngc_expression::Ast,
    span: Span,
) -> OpList {
    let exprs: Vec<&ngc_expression::Ast> = match &handler.kind {
        AstKind::Chain(list) => list.iter().collect(),
        _ => vec![handler],
    };
    let mut ops = OpList::new();
    if exprs.is_empty() {
        error(
            job,
            PipelineError::invalid("Expected listener to have non-empty expression list.", span),
        );
        return ops;
    }
    let mut converted: Vec<Expr> = exprs
        .into_iter()
        .map(|e| convert_ast(e, &mut job.state))
        .collect();
    let last = converted.pop().unwrap_or_default();
    for e in converted {
        ops.push(Op::Statement(Stmt::Expr(e)));
    }
    ops.push(Op::Statement(Stmt::ret(last)));
    ops
}

/// `makeTwoWayListenerHandlerOps`: `twoWayBindingSet(target, $event); return $event;`.
fn make_two_way_listener_handler_ops(job: &mut Job<'_>, output: &t::BoundEvent) -> OpList {
    let mut handler = &output.handler.ast;
    if let AstKind::Chain(list) = &handler.kind {
        if list.len() == 1 {
            handler = &list[0];
        } else {
            error(
                job,
                PipelineError::invalid(
                    "Expected two-way listener to have a single expression.",
                    output.span,
                ),
            );
        }
    }
    let target = convert_ast(handler, &mut job.state);
    let event = Expr::LexicalRead("$event".to_string());
    let mut ops = OpList::new();
    ops.push(Op::Statement(Stmt::Expr(Expr::TwoWayBindingSet {
        target: Box::new(target),
        value: Box::new(event.clone()),
    })));
    ops.push(Op::Statement(Stmt::ret(event)));
    ops
}

pub(super) fn ingest_template(job: &mut Job<'_>, unit: usize, tmpl: &t::Template) {
    if tmpl.i18n.is_some() {
        error(
            job,
            PipelineError::i18n_not_supported("the `i18n` attribute", tmpl.start_span),
        );
        return;
    }
    let mut unsupported =
        reject_unsupported_attributes(job, &tmpl.attributes, &tmpl.inputs, &tmpl.outputs);
    for attr in &tmpl.template_attrs {
        match attr {
            t::TemplateAttr::Text(a) if a.i18n.is_some() => {
                error(
                    job,
                    PipelineError::i18n_not_supported(
                        &format!("the i18n attribute `{}`", a.name),
                        a.span,
                    ),
                );
                unsupported = true;
            }
            t::TemplateAttr::Bound(b) if b.i18n.is_some() => {
                error(
                    job,
                    PipelineError::i18n_not_supported(
                        &format!("the i18n binding `{}`", b.name),
                        b.span,
                    ),
                );
                unsupported = true;
            }
            _ => {}
        }
    }
    if unsupported {
        return;
    }
    let parent_xref = job.units[unit].xref;
    let child_view = job.allocate_view(parent_xref);
    let (namespace_prefix, tag_without_ns) = match &tmpl.tag_name {
        Some(name) => {
            let (ns, local) = split_ns_name(name);
            (ns, Some(local.to_string()))
        }
        None => (None, None),
    };
    let namespace = Namespace::for_key(namespace_prefix);
    let function_name_suffix = match &tag_without_ns {
        None => String::new(),
        Some(tag) => namespace.prefix(tag),
    };
    let is_plain = split_ns_name(tmpl.tag_name.as_deref().unwrap_or("")).1 == NG_TEMPLATE_TAG_NAME;
    let template_kind = if is_plain {
        TemplateKind::NgTemplate
    } else {
        TemplateKind::Structural
    };
    let handle = job.state.new_slot();
    let op = TemplateOp {
        xref: child_view,
        template_kind,
        attributes: None,
        tag: tag_without_ns.clone(),
        handle,
        function_name_suffix,
        decls: None,
        vars: None,
        local_refs: LocalRefs::List(local_refs(&tmpl.references)),
        non_bindable: false,
        namespace,
        num_slots_used: 1,
        start_span: tmpl.start_span,
        whole_span: tmpl.span,
    };
    push_create(job, unit, Op::Template(Box::new(op)));
    ingest_template_bindings(
        job,
        unit,
        child_view,
        handle,
        tag_without_ns.as_deref(),
        tmpl,
        template_kind,
    );
    let child_index = job.view_index(child_view).unwrap_or(0);
    ingest_nodes(job, child_index, &tmpl.children);
    for v in &tmpl.variables {
        let value = if v.value.is_empty() {
            "$implicit".to_string()
        } else {
            v.value.clone()
        };
        job.units[child_index].set_context_variable(&v.name, ContextValue::Name(value));
    }
}

#[allow(clippy::too_many_arguments)]
fn ingest_template_bindings(
    job: &mut Job<'_>,
    unit: usize,
    xref: Xref,
    handle: SlotHandle,
    tag: Option<&str>,
    tmpl: &t::Template,
    template_kind: TemplateKind,
) {
    let mut bindings: Vec<Op> = Vec::new();
    for attr in &tmpl.template_attrs {
        let op = match attr {
            t::TemplateAttr::Text(a) => {
                let sc = schema_context(NG_TEMPLATE_TAG_NAME, &a.name, true);
                create_template_binding(
                    job,
                    xref,
                    BindingType::Attribute,
                    &a.name,
                    Value::Text(&a.value),
                    None,
                    sc,
                    true,
                    template_kind,
                    a.span,
                )
            }
            t::TemplateAttr::Bound(b) => {
                let sc = bound_security_context(NG_TEMPLATE_TAG_NAME, b);
                create_template_binding(
                    job,
                    xref,
                    b.kind,
                    &b.name,
                    Value::Ast(&b.value.ast),
                    b.unit.clone(),
                    sc,
                    true,
                    template_kind,
                    b.span,
                )
            }
        };
        bindings.extend(op);
    }
    for a in &tmpl.attributes {
        let sc = schema_context(NG_TEMPLATE_TAG_NAME, &a.name, true);
        bindings.extend(create_template_binding(
            job,
            xref,
            BindingType::Attribute,
            &a.name,
            Value::Text(&a.value),
            None,
            sc,
            false,
            template_kind,
            a.span,
        ));
    }
    let selector = tmpl
        .tag_name
        .as_deref()
        .unwrap_or(NG_TEMPLATE_TAG_NAME)
        .to_string();
    for b in &tmpl.inputs {
        let sc = bound_security_context(&selector, b);
        bindings.extend(create_template_binding(
            job,
            xref,
            b.kind,
            &b.name,
            Value::Ast(&b.value.ast),
            b.unit.clone(),
            sc,
            false,
            template_kind,
            b.span,
        ));
    }
    let (create, update): (Vec<Op>, Vec<Op>) = bindings
        .into_iter()
        .partition(|b| matches!(b, Op::ExtractedAttribute(_)));
    job.units[unit].create.extend(create);
    job.units[unit].update.extend(update);
    for output in &tmpl.outputs {
        if template_kind == TemplateKind::NgTemplate {
            let op = listener_for(job, xref, handle, tag, output);
            push_create(job, unit, op);
        }
        if template_kind == TemplateKind::Structural && output.kind != EventType::LegacyAnimation {
            let sc = schema_context(NG_TEMPLATE_TAG_NAME, &output.name, false);
            push_create(
                job,
                unit,
                extracted_attribute(xref, BindingKind::Property, &output.name, sc),
            );
        }
    }
    // The xref of Angular's (unused) `I18nAttributes` op, as for elements.
    job.state.allocate_xref();
}

/// `createTemplateBinding`: a binding op, an extracted attribute (structural templates), or
/// nothing.
#[allow(clippy::too_many_arguments)]
fn create_template_binding(
    job: &mut Job<'_>,
    xref: Xref,
    kind: BindingType,
    name: &str,
    value: Value<'_>,
    unit: Option<String>,
    security_context: SecurityContexts,
    is_structural_template_attribute: bool,
    template_kind: TemplateKind,
    span: Span,
) -> Option<Op> {
    let is_text_binding = matches!(value, Value::Text(_));
    if template_kind == TemplateKind::Structural {
        if !is_structural_template_attribute {
            match kind {
                BindingType::Property | BindingType::Class | BindingType::Style => {
                    return Some(extracted_attribute(
                        xref,
                        BindingKind::Property,
                        name,
                        security_context,
                    ));
                }
                BindingType::TwoWay => {
                    return Some(extracted_attribute(
                        xref,
                        BindingKind::TwoWayProperty,
                        name,
                        security_context,
                    ));
                }
                _ => {}
            }
        }
        if !is_text_binding
            && matches!(
                kind,
                BindingType::Attribute | BindingType::LegacyAnimation | BindingType::Animation
            )
        {
            return None;
        }
    }
    let mut binding_type = binding_kind(kind);
    if template_kind == TemplateKind::NgTemplate
        && (matches!(kind, BindingType::Class | BindingType::Style)
            || (kind == BindingType::Attribute && !is_text_binding))
    {
        binding_type = BindingKind::Property;
    }
    let value = convert_value(job, value);
    Some(binding_op(
        xref,
        binding_type,
        name,
        value,
        unit,
        security_context,
        is_text_binding,
        is_structural_template_attribute,
        Some(template_kind),
        span,
    ))
}

pub(super) fn ingest_content(job: &mut Job<'_>, unit: usize, content: &t::Content) {
    if content.i18n.is_some() {
        error(
            job,
            PipelineError::i18n_not_supported("the `i18n` attribute", content.start_span),
        );
        return;
    }
    if reject_unsupported_attributes(job, &content.attributes, &[], &[]) {
        return;
    }
    let has_fallback = content.children.iter().any(|c| match c {
        Node::Text(t) => !js_trim(&t.value).is_empty(),
        _ => true,
    });
    let mut fallback_view = None;
    if has_fallback {
        let parent = job.units[unit].xref;
        let view = job.allocate_view(parent);
        let index = job.view_index(view).unwrap_or(0);
        ingest_nodes(job, index, &content.children);
        fallback_view = Some(view);
    }
    let id = job.state.allocate_xref();
    let handle = job.state.new_slot();
    for attr in &content.attributes {
        let sc = schema_context("ng-content", &attr.name, true);
        let op = binding_op(
            id,
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
    let op = ProjectionOp {
        xref: id,
        handle,
        selector: content.selector.clone(),
        fallback_view,
        projection_slot_index: 0,
        attributes: None,
        num_slots_used: if fallback_view.is_some() { 2 } else { 1 },
        span: content.span,
    };
    push_create(job, unit, Op::Projection(Box::new(op)));
}

pub(super) fn ingest_text(job: &mut Job<'_>, unit: usize, text: &t::Text) {
    let xref = job.state.allocate_xref();
    let handle = job.state.new_slot();
    push_create(
        job,
        unit,
        Op::Text(Box::new(TextOp {
            xref,
            handle,
            initial_value: text.value.clone(),
            span: text.span,
        })),
    );
}

pub(super) fn ingest_bound_text(job: &mut Job<'_>, unit: usize, text: &t::BoundText) {
    if text.i18n.is_some() {
        error(
            job,
            PipelineError::i18n_not_supported("an interpolation inside an i18n block", text.span),
        );
        return;
    }
    let AstKind::Interpolation {
        strings,
        expressions,
    } = &text.value.ast.kind
    else {
        error(
            job,
            PipelineError::internal("expected an interpolation for a bound text node"),
        );
        return;
    };
    let xref = job.state.allocate_xref();
    let handle = job.state.new_slot();
    push_create(
        job,
        unit,
        Op::Text(Box::new(TextOp {
            xref,
            handle,
            initial_value: String::new(),
            span: text.span,
        })),
    );
    let interpolation = Interpolation {
        strings: strings.clone(),
        expressions: expressions
            .iter()
            .map(|e| convert_ast(e, &mut job.state))
            .collect(),
    };
    push_update(
        job,
        unit,
        Op::InterpolateText {
            target: xref,
            interpolation,
            span: text.span,
        },
    );
}
