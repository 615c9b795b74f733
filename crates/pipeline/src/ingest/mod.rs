//! Ingestion: the Render3 template AST into the IR of a [`Job`] (Angular's `ingestComponent`
//! and the `ingest*` functions), and host bindings into a host job ([`host`]).
//!
//! Constructs the pipeline does not compile yet (i18n, animations, selectorless components)
//! are reported as [`PipelineError`]s at their node and skipped.

pub mod convert;
pub mod host;

use ngc_expression::ast::AstKind;
use ngc_schema::SecurityContext;
use ngc_template::r3_ast::{self as t, BindingType, EventType, Node};
use ngc_template::Span;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{ContextValue, Job};
use convert::convert_ast;

pub(crate) const NG_TEMPLATE_TAG_NAME: &str = "ng-template";
const ANIMATE_PREFIX: &str = "animate.";

/// `splitNsName`: `:svg:rect` → (`svg`, `rect`).
pub fn split_ns_name(name: &str) -> (Option<&str>, &str) {
    if let Some(rest) = name.strip_prefix(':') {
        if let Some(colon) = rest.find(':') {
            return (Some(&rest[..colon]), &rest[colon + 1..]);
        }
    }
    (None, name)
}

/// JavaScript's `String.prototype.trim`.
pub(crate) fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `domSchema.securityContext(tag, name, isAttribute)` as one-element list.
fn schema_context(tag: &str, name: &str, is_attribute: bool) -> SecurityContexts {
    vec![ngc_schema::security_context(tag, name, is_attribute)]
}

/// The security context the binding parser gives a bound attribute on `element_selector`
/// (`createBoundElementProperty`: the first of the possible contexts).
fn bound_security_context(element_selector: &str, attr: &t::BoundAttribute) -> SecurityContexts {
    let ctx = match attr.kind {
        BindingType::Attribute => {
            // The name has its namespace merged back (`:xlink:href`); contexts were computed before.
            let name = match split_ns_name(&attr.name) {
                (Some(ns), local) if attr.name.starts_with(':') => format!("{ns}:{local}"),
                _ => attr.name.clone(),
            };
            ngc_schema::element_binding_security_context(element_selector, &name, true)
        }
        BindingType::Class | BindingType::Animation | BindingType::LegacyAnimation => {
            SecurityContext::None
        }
        BindingType::Style => SecurityContext::Style,
        BindingType::Property | BindingType::TwoWay => {
            ngc_schema::element_binding_security_context(element_selector, &attr.name, false)
        }
    };
    vec![ctx]
}

/// `BINDING_KINDS`.
fn binding_kind(kind: BindingType) -> BindingKind {
    match kind {
        BindingType::Property => BindingKind::Property,
        BindingType::TwoWay => BindingKind::TwoWayProperty,
        BindingType::Attribute => BindingKind::Attribute,
        BindingType::Class => BindingKind::ClassName,
        BindingType::Style => BindingKind::StyleProperty,
        BindingType::LegacyAnimation => BindingKind::LegacyAnimation,
        BindingType::Animation => BindingKind::Animation,
    }
}

/// The pieces of a template-parser expression, for `convertAstWithInterpolation`.
enum Value<'a> {
    Text(&'a str),
    Ast(&'a ngc_expression::Ast),
}

/// `ingestComponent`: every node of the template into the root view.
pub fn ingest_component(job: &mut Job<'_>, nodes: &[Node]) {
    ingest_nodes(job, 0, nodes);
}

fn push_create(job: &mut Job<'_>, unit: usize, op: Op) -> OpId {
    job.units[unit].create.push(op)
}

fn push_update(job: &mut Job<'_>, unit: usize, op: Op) -> OpId {
    job.units[unit].update.push(op)
}

fn error(job: &mut Job<'_>, e: PipelineError) {
    job.state.errors.push(e);
}

fn ingest_nodes(job: &mut Job<'_>, unit: usize, nodes: &[Node]) {
    for node in nodes {
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || ingest_node(job, unit, node));
    }
}

fn ingest_node(job: &mut Job<'_>, unit: usize, node: &Node) {
    match node {
        Node::Element(e) => ingest_element(job, unit, e),
        Node::Template(t) => ingest_template(job, unit, t),
        Node::Content(c) => ingest_content(job, unit, c),
        Node::Text(t) => ingest_text(job, unit, t),
        Node::BoundText(t) => ingest_bound_text(job, unit, t),
        Node::IfBlock(b) => ingest_if_block(job, unit, b),
        Node::SwitchBlock(b) => ingest_switch_block(job, unit, b),
        Node::DeferredBlock(b) => ingest_defer_block(job, unit, b),
        Node::ForLoopBlock(b) => ingest_for_block(job, unit, b),
        Node::LetDeclaration(l) => ingest_let_declaration(job, unit, l),
        Node::Icu(icu) => error(
            job,
            PipelineError::i18n_not_supported("ICU expressions", icu.span),
        ),
        Node::BoundaryBlock(b) => ingest_boundary_block(job, unit, b),
        Node::ContentBlock(b) => error(
            job,
            PipelineError::not_supported("@content blocks", b.spans.span),
        ),
        // The parser reports unknown blocks; there is nothing to compile.
        Node::UnknownBlock(_) => {}
    }
}

/// Reports i18n and animation constructs on an element or template; true when any was found.
fn reject_unsupported_attributes(
    job: &mut Job<'_>,
    attributes: &[t::TextAttribute],
    inputs: &[t::BoundAttribute],
    outputs: &[t::BoundEvent],
) -> bool {
    let mut found = false;
    for a in attributes {
        if a.i18n.is_some() {
            error(
                job,
                PipelineError::i18n_not_supported(
                    &format!("the i18n attribute `{}`", a.name),
                    a.span,
                ),
            );
            found = true;
        } else if a.name.starts_with(ANIMATE_PREFIX) {
            error(
                job,
                PipelineError::animation_not_supported(&format!("`{}`", a.name), a.span),
            );
            found = true;
        }
    }
    for i in inputs {
        if i.i18n.is_some() {
            error(
                job,
                PipelineError::i18n_not_supported(
                    &format!("the i18n binding `{}`", i.name),
                    i.span,
                ),
            );
            found = true;
        } else if matches!(
            i.kind,
            BindingType::LegacyAnimation | BindingType::Animation
        ) {
            error(
                job,
                PipelineError::animation_not_supported(
                    &format!("the binding `{}`", i.name),
                    i.span,
                ),
            );
            found = true;
        }
    }
    for o in outputs {
        if matches!(o.kind, EventType::LegacyAnimation | EventType::Animation) {
            error(
                job,
                PipelineError::animation_not_supported(
                    &format!("the listener `{}`", o.name),
                    o.span,
                ),
            );
            found = true;
        }
    }
    found
}

fn ingest_element(job: &mut Job<'_>, unit: usize, element: &t::Element) {
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

fn local_refs(refs: &[t::Reference]) -> Vec<LocalRef> {
    refs.iter()
        .map(|r| LocalRef {
            name: r.name.clone(),
            target: r.value.clone(),
        })
        .collect()
}

fn convert_value(job: &mut Job<'_>, value: Value<'_>) -> BindingValue {
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
fn binding_op(
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

fn extracted_attribute(
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

fn ingest_template(job: &mut Job<'_>, unit: usize, tmpl: &t::Template) {
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

fn ingest_content(job: &mut Job<'_>, unit: usize, content: &t::Content) {
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

fn ingest_text(job: &mut Job<'_>, unit: usize, text: &t::Text) {
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

fn ingest_bound_text(job: &mut Job<'_>, unit: usize, text: &t::BoundText) {
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

/// A `ConditionalCreate` / `ConditionalBranchCreate` / block `Template` op.
fn block_template_op(
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

fn ingest_if_block(job: &mut Job<'_>, unit: usize, block: &t::IfBlock) {
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

fn ingest_boundary_block(job: &mut Job<'_>, unit: usize, block: &t::BoundaryBlock) {
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

fn ingest_switch_block(job: &mut Job<'_>, unit: usize, block: &t::SwitchBlock) {
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

fn ingest_defer_block(job: &mut Job<'_>, unit: usize, block: &t::DeferredBlock) {
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

fn ingest_for_block(job: &mut Job<'_>, unit: usize, block: &t::ForLoopBlock) {
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

fn ingest_let_declaration(job: &mut Job<'_>, unit: usize, decl: &t::LetDeclaration) {
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
fn ingest_control_flow_insertion_point(
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
