//! Angular's `BindingParser` for templates: turns attribute names and values into parsed properties, events and
//! template (microsyntax) bindings, collecting errors in Angular's order. Expressions are parsed through
//! `expression.rs`.

use crate::expression::{self, Expr, ExprParser, Locator, TemplateBinding};
use crate::r3_ast::{BindingType, BoundAttribute, BoundEvent, EventType, Variable};
use crate::span::{ParseError, Span};
use crate::tag_definitions::merge_ns_and_name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParsedPropertyKind {
    Default,
    LiteralAttr,
    TwoWay,
    Animation,
    LegacyAnimation,
}

#[derive(Debug, Clone)]
pub(crate) struct ParsedProperty {
    pub name: String,
    pub expression: Expr,
    pub kind: ParsedPropertyKind,
    pub span: Span,
    pub key_span: Span,
    pub value_span: Option<Span>,
}

#[derive(Default)]
pub(crate) struct BindingParser {
    pub errors: Vec<ParseError>,
    pub locator: Locator,
}

impl BindingParser {
    fn report(&mut self, message: impl Into<String>, span: Span) {
        self.errors.push(ParseError::new(message, span));
    }

    fn ep(&mut self) -> ExprParser<'_> {
        ExprParser {
            locator: &self.locator,
            errors: &mut self.errors,
        }
    }

    /// `parseBinding`; `span` is where Angular reports the expression's errors.
    pub fn parse_binding(&mut self, value: &str, absolute_offset: u32, span: Span) -> Expr {
        self.ep().binding(value, absolute_offset, span)
    }

    pub fn parse_interpolation(
        &mut self,
        value: &str,
        absolute_offset: u32,
        span: Span,
        tokens: Option<&[crate::lexer::Token]>,
    ) -> Option<Expr> {
        self.ep()
            .interpolation(value, absolute_offset, span, tokens)
    }

    pub fn parse_interpolation_expression(
        &mut self,
        value: &str,
        absolute_offset: u32,
        span: Span,
    ) -> Expr {
        self.ep()
            .interpolation_expression(value, absolute_offset, span)
    }

    /// `parseInlineTemplateBinding`: `*key="value"`; returns the variables and appends the properties.
    pub fn parse_inline_template_binding(
        &mut self,
        key: &str,
        value: &str,
        span: Span,
        absolute_value_offset: u32,
        props: &mut Vec<ParsedProperty>,
    ) -> Vec<Variable> {
        let key_offset = span.start + 1;
        let bindings =
            self.ep()
                .template_bindings(key, value, key_offset, absolute_value_offset, span);
        let mut vars = Vec::new();
        let sp = |a: ngc_expression::AbsoluteSpan| Span::new(a.start, a.end);
        for b in bindings {
            match b {
                TemplateBinding::Variable(v) => {
                    let (val, vspan) = match v.value {
                        Some(id) => (id.source, Some(sp(id.span))),
                        None => ("$implicit".to_string(), None),
                    };
                    vars.push(Variable {
                        name: v.key.source,
                        value: val,
                        span: sp(v.source_span),
                        key_span: sp(v.key.span),
                        value_span: vspan,
                    });
                }
                TemplateBinding::Expression(e) => match e.value {
                    Some(expr) => {
                        let value_span = trimmed_span(&expr);
                        props.push(ParsedProperty {
                            name: e.key.source,
                            expression: expr,
                            kind: ParsedPropertyKind::Default,
                            span: sp(e.source_span),
                            key_span: sp(e.key.span),
                            value_span: Some(value_span),
                        });
                    }
                    None => {
                        let ks = sp(e.key.span);
                        self.parse_literal_attr(
                            &e.key.source,
                            None,
                            ks,
                            absolute_value_offset,
                            None,
                            props,
                            ks,
                        );
                    }
                },
            }
        }
        vars
    }

    #[allow(clippy::too_many_arguments)]
    pub fn parse_literal_attr(
        &mut self,
        name: &str,
        value: Option<&str>,
        span: Span,
        absolute_offset: u32,
        value_span: Option<Span>,
        props: &mut Vec<ParsedProperty>,
        key_span: Span,
    ) {
        if let Some(stripped) = name.strip_prefix('@') {
            let key_span = Span::new(key_span.start + 1, key_span.end);
            if value.map(|v| !v.is_empty()).unwrap_or(false) {
                self.report(
                    "Assigning animation triggers via @prop=\"exp\" attributes with an expression is invalid. Use property bindings (e.g. [@prop]=\"exp\") or use an attribute without a value (e.g. @prop) instead.",
                    span,
                );
            }
            self.parse_legacy_animation(
                stripped,
                value,
                span,
                absolute_offset,
                key_span,
                value_span,
                props,
            );
        } else {
            props.push(ParsedProperty {
                name: name.to_string(),
                expression: expression::literal(value, absolute_offset),
                kind: ParsedPropertyKind::LiteralAttr,
                span,
                key_span,
                value_span,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn parse_property_binding(
        &mut self,
        name: &str,
        expression: &str,
        is_two_way: bool,
        span: Span,
        absolute_offset: u32,
        value_span: Option<Span>,
        props: &mut Vec<ParsedProperty>,
        key_span: Span,
    ) {
        if name.is_empty() {
            self.report("Property name is missing in binding", span);
        }
        let mut name = name;
        let mut key_span = key_span;
        let mut legacy = false;
        if let Some(rest) = name.strip_prefix("animate-") {
            legacy = true;
            name = rest;
            key_span = Span::new(key_span.start + "animate-".len() as u32, key_span.end);
        } else if let Some(rest) = name.strip_prefix('@') {
            legacy = true;
            name = rest;
            key_span = Span::new(key_span.start + 1, key_span.end);
        }
        if legacy {
            self.parse_legacy_animation(
                name,
                Some(expression),
                span,
                absolute_offset,
                key_span,
                value_span,
                props,
            );
        } else {
            let ast = self.parse_binding(expression, absolute_offset, value_span.unwrap_or(span));
            let kind = if name.starts_with("animate.") {
                ParsedPropertyKind::Animation
            } else if is_two_way {
                ParsedPropertyKind::TwoWay
            } else {
                ParsedPropertyKind::Default
            };
            props.push(ParsedProperty {
                name: name.to_string(),
                expression: ast,
                kind,
                span,
                key_span,
                value_span,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn parse_legacy_animation(
        &mut self,
        name: &str,
        expression: Option<&str>,
        span: Span,
        absolute_offset: u32,
        key_span: Span,
        value_span: Option<Span>,
        props: &mut Vec<ParsedProperty>,
    ) {
        if name.is_empty() {
            self.report("Animation trigger is missing", span);
        }
        let source = match expression {
            Some(e) if !e.is_empty() => e,
            _ => "undefined",
        };
        let ast = self.parse_binding(source, absolute_offset, value_span.unwrap_or(span));
        props.push(ParsedProperty {
            name: name.to_string(),
            expression: ast,
            kind: ParsedPropertyKind::LegacyAnimation,
            span,
            key_span,
            value_span,
        });
    }

    /// `createBoundElementProperty` (with `mapPropertyName` false, as the template transform calls it).
    pub fn create_bound_element_property(
        &mut self,
        _element: &str,
        prop: ParsedProperty,
        skip_validation: bool,
    ) -> BoundAttribute {
        if prop.kind == ParsedPropertyKind::LegacyAnimation {
            return BoundAttribute {
                name: prop.name,
                kind: BindingType::LegacyAnimation,
                value: prop.expression,
                unit: None,
                span: prop.span,
                key_span: prop.key_span,
                value_span: prop.value_span,
                i18n: None,
            };
        }
        let parts: Vec<&str> = prop.name.split('.').collect();
        let mut unit = None;
        let mut bound: Option<(String, BindingType)> = None;
        if parts.len() > 1 {
            match parts[0] {
                "attr" => {
                    let mut name = parts[1..].join(".");
                    if !skip_validation && name.to_ascii_lowercase().starts_with("on") {
                        let rest: String = name.chars().skip(2).collect();
                        self.report(
                            format!("Binding to event attribute '{name}' is disallowed for security reasons, please use ({rest})=..."),
                            prop.span,
                        );
                    }
                    if let Some(i) = name.find(':') {
                        name = merge_ns_and_name(&name[..i], &name[i + 1..]);
                    }
                    bound = Some((name, BindingType::Attribute));
                }
                "class" => bound = Some((parts[1].to_string(), BindingType::Class)),
                "style" => {
                    unit = parts.get(2).map(|s| s.to_string());
                    let n = parts[1];
                    let name = if let Some(rest) = n.strip_prefix("--global--") {
                        format!("--{rest}")
                    } else if let Some(rest) = n.strip_prefix("--") {
                        format!("--%NS%{rest}")
                    } else {
                        n.to_string()
                    };
                    bound = Some((name, BindingType::Style));
                }
                "animate" => bound = Some((prop.name.clone(), BindingType::Animation)),
                _ => {}
            }
        }
        let (name, kind) = match bound {
            Some(b) => b,
            None => {
                let kind = if prop.kind == ParsedPropertyKind::TwoWay {
                    BindingType::TwoWay
                } else {
                    BindingType::Property
                };
                if !skip_validation && prop.name.to_ascii_lowercase().starts_with("on") {
                    let rest: String = prop.name.chars().skip(2).collect();
                    self.report(
                        format!(
                            "Binding to event property '{}' is disallowed for security reasons, please use ({rest})=...\nIf '{}' is a directive input, make sure the directive is imported by the current module.",
                            prop.name, prop.name
                        ),
                        prop.span,
                    );
                }
                (prop.name.clone(), kind)
            }
        };
        BoundAttribute {
            name,
            kind,
            value: prop.expression,
            unit,
            span: prop.span,
            key_span: prop.key_span,
            value_span: prop.value_span,
            i18n: None,
        }
    }

    /// `parseEvent`; returns zero or one bound event.
    pub fn parse_event(
        &mut self,
        name: &str,
        expression: &str,
        is_assignment: bool,
        span: Span,
        handler_span: Span,
        key_span: Span,
    ) -> Vec<BoundEvent> {
        if name.is_empty() {
            self.report("Event name is missing in binding", span);
        }
        if let Some(rest) = name.strip_prefix('@') {
            let key_span = Span::new(key_span.start + 1, key_span.end);
            let (event_name, phase) = match rest.find('.') {
                Some(i) => (
                    rest[..i].trim().to_string(),
                    Some(rest[i + 1..].trim().to_ascii_lowercase()),
                ),
                None => (rest.to_string(), None),
            };
            let handler = self.parse_action(expression, handler_span);
            let ev = BoundEvent {
                name: event_name.clone(),
                kind: EventType::LegacyAnimation,
                handler,
                target: None,
                phase: phase.clone(),
                span,
                handler_span,
                key_span,
            };
            if event_name.is_empty() {
                self.report("Animation event name is missing in binding", span);
            }
            match phase {
                Some(p) => {
                    if p != "start" && p != "done" {
                        self.report(
                            format!("The provided animation output phase value \"{p}\" for \"@{event_name}\" is not supported (use start or done)"),
                            span,
                        );
                    }
                }
                None => self.report(
                    format!("The animation trigger output event (@{event_name}) is missing its phase value name (start or done are currently supported)"),
                    span,
                ),
            }
            return vec![ev];
        }
        let (event_name, target) = match name.find(':') {
            Some(i) => (
                name[i + 1..].trim().to_string(),
                Some(name[..i].trim().to_string()),
            ),
            None => (name.to_string(), None),
        };
        let before = self.errors.len();
        let handler = self.parse_action(expression, handler_span);
        let is_valid = self.errors.len() == before;
        if is_assignment && is_valid && !expression::is_allowed_assignment_event(&handler) {
            self.report("Unsupported expression in a two-way binding", span);
        }
        let mut kind = if is_assignment {
            EventType::TwoWay
        } else {
            EventType::Regular
        };
        if name.starts_with("animate.") {
            kind = EventType::Animation;
        }
        vec![BoundEvent {
            name: event_name,
            kind,
            handler,
            target: if kind == EventType::Regular {
                target
            } else {
                None
            },
            phase: None,
            span,
            handler_span,
            key_span,
        }]
    }

    fn parse_action(&mut self, value: &str, span: Span) -> Expr {
        let ast = self.ep().action(value, span.start, span);
        if expression::is_empty(&ast) {
            self.report("Empty expressions are not allowed", span);
            return expression::literal(Some("ERROR"), span.start);
        }
        ast
    }
}

/// The span of an expression's source without surrounding whitespace (the inner AST's span).
pub(crate) fn trimmed_span(expr: &Expr) -> Span {
    expression::inner_span(expr)
}
