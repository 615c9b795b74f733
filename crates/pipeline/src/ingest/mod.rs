//! Ingestion: the Render3 template AST into the IR of a [`Job`] (Angular's `ingestComponent`
//! and the `ingest*` functions), and host bindings into a host job ([`host`]).
//!
//! Constructs the pipeline does not compile yet (i18n, animations, selectorless components)
//! are reported as [`PipelineError`]s at their node and skipped.

mod blocks;
pub mod convert;
mod defer;
mod elements;
pub mod host;

use ngc_schema::SecurityContext;
use ngc_template::r3_ast::{self as t, BindingType, EventType, Node};

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::Job;
use blocks::*;
use defer::ingest_defer_block;
use elements::*;

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
