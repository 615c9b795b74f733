//! Host bindings: the `host` object of a directive (with `@HostBinding` / `@HostListener`
//! merged in by the caller) into a host-binding job (Angular's `parseHostBindings`,
//! `BindingParser.createBoundHostProperties` / `createDirectiveHostEventAsts` and
//! `ingestHostBinding`).

use ngc_output as o;
use ngc_template::Span;

use crate::error::{codes, PipelineError};
use crate::ingest::convert::convert_ast;
use crate::ingest::{handler_ops_for, js_trim};
use crate::ir::*;
use crate::job::Job;

/// A value of the `host` object.
#[derive(Debug, Clone, PartialEq)]
pub enum HostValue {
    /// A string literal.
    String(String),
    /// Any other expression (only allowed for static attributes), already printed or built.
    Expr(o::Expr),
}

/// The `host` object sorted into its kinds (Angular's `ParsedHostBindings`), in key order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedHostBindings {
    /// Static attributes (`role: 'button'`).
    pub attributes: Vec<(String, o::Expr)>,
    /// `(event)` → handler source, name without the parentheses (`window:resize`).
    pub listeners: Vec<(String, String)>,
    /// `[prop]` → expression source, name without the brackets (`attr.x`, `class.y`).
    pub properties: Vec<(String, String)>,
    /// The static `class` attribute.
    pub class_attr: Option<String>,
    /// The static `style` attribute.
    pub style_attr: Option<String>,
}

fn set(entries: &mut Vec<(String, String)>, name: &str, value: &str) {
    match entries.iter_mut().find(|(n, _)| n == name) {
        Some(e) => e.1 = value.to_string(),
        None => entries.push((name.to_string(), value.to_string())),
    }
}

impl ParsedHostBindings {
    /// `parseHostBindings`: sorts the entries of a `host` object. Entries keep their order;
    /// a repeated key keeps its first place and takes the last value, as in a JavaScript
    /// object.
    pub fn from_entries(
        entries: &[(String, HostValue)],
        span: Span,
    ) -> Result<Self, Vec<PipelineError>> {
        let mut out = ParsedHostBindings::default();
        let mut errors = Vec::new();
        for (key, value) in entries {
            let string = match value {
                HostValue::String(s) => Some(s.as_str()),
                HostValue::Expr(_) => None,
            };
            if key.starts_with('(') && key.ends_with(')') && key.len() >= 2 {
                match string {
                    Some(s) => set(&mut out.listeners, &key[1..key.len() - 1], s),
                    None => errors.push(PipelineError::new(
                        codes::HOST,
                        "Event binding must be string",
                        span,
                    )),
                }
            } else if key.starts_with('[') && key.ends_with(']') && key.len() >= 2 {
                match string {
                    Some(s) => set(&mut out.properties, &key[1..key.len() - 1], s),
                    None => errors.push(PipelineError::new(
                        codes::HOST,
                        "Property binding must be string",
                        span,
                    )),
                }
            } else if key == "class" {
                match string {
                    Some(s) => out.class_attr = Some(s.to_string()),
                    None => errors.push(PipelineError::new(
                        codes::HOST,
                        "Class binding must be string",
                        span,
                    )),
                }
            } else if key == "style" {
                match string {
                    Some(s) => out.style_attr = Some(s.to_string()),
                    None => errors.push(PipelineError::new(
                        codes::HOST,
                        "Style binding must be string",
                        span,
                    )),
                }
            } else {
                let value = match value {
                    HostValue::String(s) => o::str_lit(s.clone()),
                    HostValue::Expr(e) => e.clone(),
                };
                match out.attributes.iter_mut().find(|(n, _)| n == key) {
                    Some(e) => e.1 = value,
                    None => out.attributes.push((key.clone(), value)),
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Adds or replaces a property binding (`@HostBinding`).
    pub fn set_property(&mut self, name: &str, expression: &str) {
        set(&mut self.properties, name, expression);
    }

    /// Adds or replaces a listener (`@HostListener`).
    pub fn set_listener(&mut self, name: &str, handler: &str) {
        set(&mut self.listeners, name, handler);
    }
}

fn expression_errors(
    job: &mut Job<'_>,
    errors: &[ngc_expression::ParseError],
    what: &str,
    span: Span,
) {
    for e in errors {
        job.state
            .errors
            .push(PipelineError::new(e.code, e.angular_text(what), span));
    }
}

/// `validateNoEventBindings`.
fn validate_no_event_bindings(job: &mut Job<'_>, name: &str, span: Span) {
    let is_attr = name.starts_with("attr.");
    let bound = if is_attr { &name[5..] } else { name };
    if bound.to_lowercase().starts_with("on") {
        let kind = if is_attr { "attribute" } else { "property" };
        let suggestion = format!("({})=...", bound.get(2..).unwrap_or(""));
        let mut message = format!("Binding to event {kind} '{bound}' is disallowed for security reasons, please use {suggestion}");
        if !is_attr {
            message.push_str(&format!("\nIf '{name}' is a directive input, make sure the directive is imported by the current module."));
        }
        job.state
            .errors
            .push(PipelineError::new(codes::HOST, message, span));
    }
}

/// `ingestHostBinding`.
pub fn ingest_host_binding(
    job: &mut Job<'_>,
    selector: &str,
    host: &ParsedHostBindings,
    span: Span,
) {
    let root = job.root_xref();
    for (raw_name, source) in &host.properties {
        validate_no_event_bindings(job, raw_name, span);
        if raw_name.is_empty() {
            job.state.errors.push(PipelineError::new(
                codes::HOST,
                "Property name is missing in binding",
                span,
            ));
            continue;
        }
        if raw_name.starts_with("animate-")
            || raw_name.starts_with('@')
            || raw_name.starts_with("animate.")
        {
            job.state
                .errors
                .push(PipelineError::animation_not_supported(
                    &format!("the host binding `[{raw_name}]`"),
                    span,
                ));
            continue;
        }
        let parsed = ngc_expression::parse_simple_binding(source, 0);
        if !parsed.errors.is_empty() {
            expression_errors(
                job,
                &parsed.errors,
                &format!("host binding [{raw_name}]"),
                span,
            );
            continue;
        }
        let (name, kind) = match raw_name.strip_prefix("attr.") {
            Some(rest) => (rest.to_string(), BindingKind::Attribute),
            None => (raw_name.clone(), BindingKind::Property),
        };
        let contexts = ngc_schema::host_binding_security_contexts(
            Some(selector),
            &name,
            kind == BindingKind::Attribute,
        );
        let expression = convert_ast(&parsed.ast.ast, &mut job.state);
        job.units[0].update.push(Op::Binding(Box::new(BindingOp {
            target: root,
            binding_kind: kind,
            name,
            expression: BindingValue::Expr(expression),
            unit: None,
            security_context: contexts,
            is_text_attribute: false,
            is_structural_template_attribute: false,
            template_kind: None,
            span,
        })));
    }
    let mut attributes = host.attributes.clone();
    // `createHostBindingsFunction` adds the special attributes when they are not empty.
    if let Some(style) = host.style_attr.as_ref().filter(|s| !s.is_empty()) {
        attributes.push(("style".to_string(), o::str_lit(style.clone())));
    }
    if let Some(class) = host.class_attr.as_ref().filter(|s| !s.is_empty()) {
        attributes.push(("class".to_string(), o::str_lit(class.clone())));
    }
    for (name, value) in attributes {
        let contexts = ngc_schema::host_binding_security_contexts(Some(selector), &name, true);
        let value = match value {
            o::Expr::Literal(l) => Expr::Literal(l),
            other => Expr::Output(Box::new(other)),
        };
        job.units[0].update.push(Op::Binding(Box::new(BindingOp {
            target: root,
            binding_kind: BindingKind::Attribute,
            name,
            expression: BindingValue::Expr(value),
            unit: None,
            security_context: contexts,
            is_text_attribute: true,
            is_structural_template_attribute: false,
            template_kind: None,
            span,
        })));
    }
    for (raw_name, source) in &host.listeners {
        if raw_name.is_empty() {
            job.state.errors.push(PipelineError::new(
                codes::HOST,
                "Event name is missing in binding",
                span,
            ));
            continue;
        }
        if raw_name.starts_with('@') || raw_name.starts_with("animate.") {
            job.state
                .errors
                .push(PipelineError::animation_not_supported(
                    &format!("the host listener `({raw_name})`"),
                    span,
                ));
            continue;
        }
        let parsed = ngc_expression::parse_action(source, 0);
        if !parsed.errors.is_empty() {
            expression_errors(
                job,
                &parsed.errors,
                &format!("host listener ({raw_name})"),
                span,
            );
            continue;
        }
        if parsed.ast.ast.is_empty() {
            job.state.errors.push(PipelineError::new(
                codes::HOST,
                "Empty expressions are not allowed",
                span,
            ));
            continue;
        }
        let (target, event) = match raw_name.find(':') {
            Some(i) => (
                Some(js_trim(&raw_name[..i]).to_string()),
                js_trim(&raw_name[i + 1..]).to_string(),
            ),
            None => (None, raw_name.clone()),
        };
        let handler_ops = handler_ops_for(job, &parsed.ast.ast, span);
        let target_slot = job.state.new_slot();
        job.units[0].create.push(Op::Listener(Box::new(ListenerOp {
            target: root,
            target_slot,
            name: event,
            tag: None,
            handler_ops,
            handler_fn_name: None,
            consumes_dollar_event: false,
            legacy_animation_phase: None,
            event_target: target,
            host_listener: true,
            span,
        })));
    }
}
