//! The normalised JSON form of a parsed template, shared with the differential oracle
//! (tests/fixtures/templates/oracle.mjs prints Angular's AST in the same shape): node kinds, names, values,
//! `[start, end]` byte spans, expressions as `{src, span}`, and errors as `{msg, span}`.

use serde_json::{json, Map, Value};

use crate::expression::{Ast, AstKind, Expr};
use crate::html_ast::I18nMeta;
use crate::r3_ast::*;
use crate::span::{ParseError, Span};
use crate::ParsedTemplate;
use ngc_expression::{Literal, LiteralMapKey};

fn sp(s: Span) -> Value {
    json!([s.start, s.end])
}
fn osp(s: Option<Span>) -> Value {
    s.map(sp).unwrap_or(Value::Null)
}
fn abs(a: ngc_expression::AbsoluteSpan) -> Value {
    json!([a.start, a.end])
}

/// A JavaScript number as JSON (integers without a fraction, as `JSON.stringify` prints them).
pub(crate) fn num(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn expr(e: &Expr) -> Value {
    json!({ "src": e.source, "span": abs(e.source_span), "ast": ast(&e.ast) })
}

/// An expression tree in the shape of the expression crate's oracle (kind `k`, absolute span `a`, fields),
/// without the relative spans (checked by the expression crate's own differential test).
pub fn ast(a: &Ast) -> Value {
    stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
        let mut o = Map::new();
        let k = |o: &mut Map<String, Value>, k: &str| {
            o.insert("k".into(), json!(k));
        };
        let list = |v: &[Ast]| Value::Array(v.iter().map(ast).collect());
        match &a.kind {
            AstKind::Empty => k(&mut o, "EmptyExpr"),
            AstKind::ImplicitReceiver => k(&mut o, "ImplicitReceiver"),
            AstKind::ThisReceiver => k(&mut o, "ThisReceiver"),
            AstKind::Chain(v) => {
                k(&mut o, "Chain");
                o.insert("exprs".into(), list(v));
            }
            AstKind::LiteralArray(v) => {
                k(&mut o, "LiteralArray");
                o.insert("exprs".into(), list(v));
            }
            AstKind::Conditional {
                condition,
                true_exp,
                false_exp,
            } => {
                k(&mut o, "Conditional");
                o.insert("cond".into(), ast(condition));
                o.insert("yes".into(), ast(true_exp));
                o.insert("no".into(), ast(false_exp));
            }
            AstKind::PropertyRead {
                receiver,
                name,
                name_span,
            }
            | AstKind::SafePropertyRead {
                receiver,
                name,
                name_span,
            } => {
                k(
                    &mut o,
                    if matches!(a.kind, AstKind::PropertyRead { .. }) {
                        "PropertyRead"
                    } else {
                        "SafePropertyRead"
                    },
                );
                o.insert("name".into(), json!(name));
                o.insert("ns".into(), abs(*name_span));
                o.insert("recv".into(), ast(receiver));
            }
            AstKind::KeyedRead { receiver, key } | AstKind::SafeKeyedRead { receiver, key } => {
                k(
                    &mut o,
                    if matches!(a.kind, AstKind::KeyedRead { .. }) {
                        "KeyedRead"
                    } else {
                        "SafeKeyedRead"
                    },
                );
                o.insert("recv".into(), ast(receiver));
                o.insert("key".into(), ast(key));
            }
            AstKind::Pipe {
                exp,
                name,
                args,
                name_span,
            } => {
                k(&mut o, "BindingPipe");
                o.insert("name".into(), json!(name));
                o.insert("ns".into(), abs(*name_span));
                o.insert("exp".into(), ast(exp));
                o.insert("args".into(), list(args));
            }
            AstKind::LiteralPrimitive(l) => {
                k(&mut o, "LiteralPrimitive");
                let (t, v) = match l {
                    Literal::Null => ("null", Value::Null),
                    Literal::Undefined => ("undefined", Value::Null),
                    Literal::Bool(b) => ("boolean", json!(b)),
                    Literal::Number(n) => ("number", num(*n)),
                    Literal::String(s) => ("string", json!(s)),
                };
                o.insert("t".into(), json!(t));
                o.insert("v".into(), v);
            }
            AstKind::SpreadElement(e) => {
                k(&mut o, "SpreadElement");
                o.insert("expr".into(), ast(e));
            }
            AstKind::LiteralMap { keys, values } => {
                k(&mut o, "LiteralMap");
                let keys: Vec<Value> = keys
                    .iter()
                    .map(|key| match key {
                        LiteralMapKey::Spread { source_span, .. } => json!({ "kind": "spread", "a": abs(*source_span) }),
                        LiteralMapKey::Property { key, quoted, shorthand, source_span, .. } => {
                            json!({ "kind": "property", "key": key, "quoted": quoted, "shorthand": shorthand, "a": abs(*source_span) })
                        }
                    })
                    .collect();
                o.insert("keys".into(), Value::Array(keys));
                o.insert("values".into(), list(values));
            }
            AstKind::Interpolation {
                strings,
                expressions,
            } => {
                k(&mut o, "Interpolation");
                o.insert("strings".into(), json!(strings));
                o.insert("exprs".into(), list(expressions));
            }
            AstKind::Binary { op, left, right } => {
                k(&mut o, "Binary");
                o.insert("op".into(), json!(op.as_str()));
                o.insert("left".into(), ast(left));
                o.insert("right".into(), ast(right));
            }
            AstKind::Unary { op, expr } => {
                k(&mut o, "Unary");
                o.insert("op".into(), json!(op.as_str()));
                o.insert("expr".into(), ast(expr));
            }
            AstKind::PrefixNot(e)
            | AstKind::TypeofExpression(e)
            | AstKind::VoidExpression(e)
            | AstKind::NonNullAssert(e)
            | AstKind::Parenthesized(e) => {
                let name = match &a.kind {
                    AstKind::PrefixNot(_) => "PrefixNot",
                    AstKind::TypeofExpression(_) => "TypeofExpression",
                    AstKind::VoidExpression(_) => "VoidExpression",
                    AstKind::NonNullAssert(_) => "NonNullAssert",
                    _ => "ParenthesizedExpression",
                };
                k(&mut o, name);
                o.insert("expr".into(), ast(e));
            }
            AstKind::Call {
                receiver,
                args,
                argument_span,
            }
            | AstKind::SafeCall {
                receiver,
                args,
                argument_span,
            } => {
                k(
                    &mut o,
                    if matches!(a.kind, AstKind::Call { .. }) {
                        "Call"
                    } else {
                        "SafeCall"
                    },
                );
                o.insert("recv".into(), ast(receiver));
                o.insert("args".into(), list(args));
                o.insert("argSpan".into(), abs(*argument_span));
            }
            AstKind::TaggedTemplateLiteral { tag, template } => {
                k(&mut o, "TaggedTemplateLiteral");
                o.insert("tag".into(), ast(tag));
                o.insert("tpl".into(), template_literal(template));
            }
            AstKind::TemplateLiteral(t) => return template_literal(t),
            AstKind::ArrowFunction { parameters, body } => {
                k(&mut o, "ArrowFunction");
                let ps: Vec<Value> = parameters
                    .iter()
                    .map(|p| json!({ "name": p.name, "a": abs(p.source_span) }))
                    .collect();
                o.insert("params".into(), Value::Array(ps));
                o.insert("body".into(), ast(body));
            }
            AstKind::RegularExpressionLiteral { body, flags } => {
                k(&mut o, "RegularExpressionLiteral");
                o.insert("body".into(), json!(body));
                o.insert("flags".into(), json!(flags));
            }
        }
        o.insert("a".into(), abs(a.source_span));
        Value::Object(o)
    })
}

fn template_literal(t: &ngc_expression::TemplateLiteral) -> Value {
    let elements: Vec<Value> = t
        .elements
        .iter()
        .map(|e| json!({ "text": e.text, "a": abs(e.source_span) }))
        .collect();
    json!({ "k": "TemplateLiteral", "elements": elements, "exprs": t.expressions.iter().map(ast).collect::<Vec<_>>(), "a": abs(t.source_span) })
}
/// An expression Angular keeps as a bare tree (no `ASTWithSource`).
fn bare_expr(e: &Expr) -> Value {
    json!({ "src": null, "span": abs(e.ast.source_span), "ast": ast(&e.ast) })
}
fn oexpr(e: Option<&Expr>) -> Value {
    e.map(expr).unwrap_or(Value::Null)
}
fn i18n(m: &Option<I18nMeta>) -> Value {
    match m {
        Some(m) => json!({ "meaning": m.meaning, "description": m.description, "id": m.custom_id }),
        None => Value::Null,
    }
}

fn text_attr(a: &TextAttribute) -> Value {
    json!({ "name": a.name, "value": a.value, "span": sp(a.span), "key": osp(a.key_span), "valueSpan": osp(a.value_span), "i18n": i18n(&a.i18n) })
}
fn bound_attr(a: &BoundAttribute) -> Value {
    json!({ "name": a.name, "type": a.kind as u8, "unit": a.unit, "value": expr(&a.value), "span": sp(a.span), "key": sp(a.key_span), "valueSpan": osp(a.value_span), "i18n": i18n(&a.i18n) })
}
fn bound_event(e: &BoundEvent) -> Value {
    json!({ "name": e.name, "type": e.kind as u8, "target": e.target, "phase": e.phase, "handler": expr(&e.handler), "span": sp(e.span), "handlerSpan": sp(e.handler_span), "key": sp(e.key_span) })
}
fn reference(r: &Reference) -> Value {
    json!({ "name": r.name, "value": r.value, "span": sp(r.span), "key": sp(r.key_span), "valueSpan": osp(r.value_span) })
}
fn variable(r: &Variable) -> Value {
    json!({ "name": r.name, "value": r.value, "span": sp(r.span), "key": sp(r.key_span), "valueSpan": osp(r.value_span) })
}
fn with_spans(mut m: Map<String, Value>, s: &BlockSpans) -> Value {
    m.insert("span".into(), sp(s.span));
    m.insert("start".into(), sp(s.start_span));
    m.insert("end".into(), osp(s.end_span));
    m.insert("nameSpan".into(), sp(s.name_span));
    Value::Object(m)
}
fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
fn nodes(ns: &[Node]) -> Value {
    Value::Array(ns.iter().map(node).collect())
}

fn trigger(t: &DeferredTrigger) -> Value {
    let kind = match t.kind {
        DeferredTriggerKind::Bound => "BoundDeferredTrigger",
        DeferredTriggerKind::Idle => "IdleDeferredTrigger",
        DeferredTriggerKind::Immediate => "ImmediateDeferredTrigger",
        DeferredTriggerKind::Hover => "HoverDeferredTrigger",
        DeferredTriggerKind::Timer => "TimerDeferredTrigger",
        DeferredTriggerKind::Interaction => "InteractionDeferredTrigger",
        DeferredTriggerKind::Viewport => "ViewportDeferredTrigger",
        DeferredTriggerKind::Never => "NeverDeferredTrigger",
    };
    let mut m = Map::new();
    m.insert("kind".into(), json!(kind));
    match t.kind {
        DeferredTriggerKind::Hover | DeferredTriggerKind::Interaction => {
            m.insert("reference".into(), json!(t.reference));
        }
        DeferredTriggerKind::Viewport => {
            m.insert("reference".into(), json!(t.reference));
            // Angular keeps the options as a bare LiteralMap (no source text).
            m.insert(
                "options".into(),
                t.options.as_ref().map(bare_expr).unwrap_or(Value::Null),
            );
        }
        DeferredTriggerKind::Timer => {
            m.insert("delay".into(), t.delay.map(num).unwrap_or(Value::Null));
        }
        DeferredTriggerKind::Bound => {
            m.insert("value".into(), oexpr(t.value.as_ref()));
        }
        _ => {}
    }
    m.insert("span".into(), sp(t.span));
    m.insert("nameSpan".into(), osp(t.name_span));
    m.insert("prefetchSpan".into(), osp(t.prefetch_span));
    m.insert("whenOrOnSpan".into(), osp(t.when_or_on_span));
    m.insert("hydrateSpan".into(), osp(t.hydrate_span));
    Value::Object(m)
}

fn triggers(t: &DeferredTriggers) -> Value {
    // Sorted keys, as the oracle prints them.
    let mut m = Map::new();
    let all = [
        ("hover", &t.hover),
        ("idle", &t.idle),
        ("immediate", &t.immediate),
        ("interaction", &t.interaction),
        ("never", &t.never),
        ("timer", &t.timer),
        ("viewport", &t.viewport),
        ("when", &t.when),
    ];
    for (k, v) in all {
        if let Some(v) = v {
            m.insert(k.into(), trigger(v));
        }
    }
    Value::Object(m)
}

fn sub_block(b: &Option<DeferredSubBlock>) -> Value {
    match b {
        None => Value::Null,
        Some(b) => with_spans(
            obj(
                json!({ "children": nodes(&b.children), "minimumTime": b.minimum_time.map(num), "afterTime": b.after_time.map(num), "i18n": i18n(&b.i18n) }),
            ),
            &b.spans,
        ),
    }
}

/// One node in normalised form.
pub fn node(n: &Node) -> Value {
    stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || match n {
        Node::Text(t) => json!({ "kind": "Text", "value": t.value, "span": sp(t.span) }),
        Node::BoundText(t) => {
            json!({ "kind": "BoundText", "value": expr(&t.value), "span": sp(t.span), "i18n": i18n(&t.i18n) })
        }
        Node::Element(e) => json!({
            "kind": "Element", "name": e.name,
            "attrs": e.attributes.iter().map(text_attr).collect::<Vec<_>>(),
            "inputs": e.inputs.iter().map(bound_attr).collect::<Vec<_>>(),
            "outputs": e.outputs.iter().map(bound_event).collect::<Vec<_>>(),
            "refs": e.references.iter().map(reference).collect::<Vec<_>>(),
            "children": nodes(&e.children), "selfClosing": e.is_self_closing,
            "span": sp(e.span), "start": sp(e.start_span), "end": osp(e.end_span), "i18n": i18n(&e.i18n),
        }),
        Node::Template(t) => json!({
            "kind": "Template", "tagName": t.tag_name,
            "attrs": t.attributes.iter().map(text_attr).collect::<Vec<_>>(),
            "inputs": t.inputs.iter().map(bound_attr).collect::<Vec<_>>(),
            "outputs": t.outputs.iter().map(bound_event).collect::<Vec<_>>(),
            "templateAttrs": t.template_attrs.iter().map(|a| match a { TemplateAttr::Text(a) => text_attr(a), TemplateAttr::Bound(b) => bound_attr(b) }).collect::<Vec<_>>(),
            "refs": t.references.iter().map(reference).collect::<Vec<_>>(),
            "vars": t.variables.iter().map(variable).collect::<Vec<_>>(),
            "children": nodes(&t.children), "selfClosing": t.is_self_closing,
            "span": sp(t.span), "start": sp(t.start_span), "end": osp(t.end_span), "i18n": i18n(&t.i18n),
        }),
        Node::Content(c) => json!({
            "kind": "Content", "selector": c.selector,
            "attrs": c.attributes.iter().map(text_attr).collect::<Vec<_>>(),
            "children": nodes(&c.children), "selfClosing": c.is_self_closing,
            "span": sp(c.span), "start": sp(c.start_span), "end": osp(c.end_span), "i18n": i18n(&c.i18n),
        }),
        Node::LetDeclaration(d) => {
            json!({ "kind": "LetDeclaration", "name": d.name, "value": expr(&d.value), "span": sp(d.span), "nameSpan": sp(d.name_span), "valueSpan": sp(d.value_span) })
        }
        Node::UnknownBlock(b) => {
            json!({ "kind": "UnknownBlock", "name": b.name, "span": sp(b.span), "nameSpan": sp(b.name_span) })
        }
        Node::IfBlock(b) => {
            let branches: Vec<Value> = b
                .branches
                .iter()
                .map(|br| {
                    with_spans(
                        obj(json!({ "expr": oexpr(br.expression.as_ref()), "alias": br.expression_alias.as_ref().map(variable), "children": nodes(&br.children), "i18n": i18n(&br.i18n) })),
                        &br.spans,
                    )
                })
                .collect();
            with_spans(
                obj(json!({ "kind": "IfBlock", "branches": branches })),
                &b.spans,
            )
        }
        Node::ForLoopBlock(b) => with_spans(
            obj(json!({
                "kind": "ForLoopBlock", "item": variable(&b.item), "expr": expr(&b.expression), "track": oexpr(b.track_by.as_ref()),
                "trackKeywordSpan": osp(b.track_keyword_span),
                "context": b.context_variables.iter().map(variable).collect::<Vec<_>>(),
                "children": nodes(&b.children),
                "empty": b.empty.as_ref().map(|e| with_spans(obj(json!({ "children": nodes(&e.children), "i18n": i18n(&e.i18n) })), &e.spans)),
                "mainBlockSpan": sp(b.main_block_span), "i18n": i18n(&b.i18n),
            })),
            &b.spans,
        ),
        Node::SwitchBlock(b) => with_spans(
            obj(json!({
                "kind": "SwitchBlock", "expr": expr(&b.expression),
                "groups": b.groups.iter().map(|g| with_spans(obj(json!({
                    "cases": g.cases.iter().map(|c| with_spans(obj(json!({ "expr": oexpr(c.expression.as_ref()) })), &c.spans)).collect::<Vec<_>>(),
                    "children": nodes(&g.children), "i18n": i18n(&g.i18n),
                })), &g.spans)).collect::<Vec<_>>(),
                "unknownBlocks": b.unknown_blocks.iter().map(|u| json!({ "kind": "UnknownBlock", "name": u.name, "span": sp(u.span), "nameSpan": sp(u.name_span) })).collect::<Vec<_>>(),
                "exhaustiveCheck": b.exhaustive_check.as_ref().map(|x| with_spans(obj(json!({ "expr": oexpr(x.expression.as_ref()) })), &x.spans)),
            })),
            &b.spans,
        ),
        Node::DeferredBlock(b) => with_spans(
            obj(json!({
                "kind": "DeferredBlock", "triggers": triggers(&b.triggers), "prefetchTriggers": triggers(&b.prefetch_triggers),
                "hydrateTriggers": triggers(&b.hydrate_triggers), "children": nodes(&b.children),
                "placeholder": sub_block(&b.placeholder), "loading": sub_block(&b.loading), "error": sub_block(&b.error),
                "mainBlockSpan": sp(b.main_block_span), "i18n": i18n(&b.i18n),
            })),
            &b.spans,
        ),
        Node::BoundaryBlock(b) => with_spans(
            obj(json!({
                "kind": "BoundaryBlock", "children": nodes(&b.children),
                "errorBlocks": b.error_blocks.iter().map(|e| with_spans(obj(json!({
                    "context": e.context_variables.iter().map(variable).collect::<Vec<_>>(),
                    "expr": e.expression.as_ref().map(bare_expr),
                    "children": nodes(&e.children), "i18n": i18n(&e.i18n),
                })), &e.spans)).collect::<Vec<_>>(),
                "mainBlockSpan": sp(b.main_block_span), "i18n": i18n(&b.i18n),
            })),
            &b.spans,
        ),
        Node::ContentBlock(b) => with_spans(
            obj(json!({
                "kind": "ContentBlock", "name": b.name,
                "vars": b.variables.iter().map(variable).collect::<Vec<_>>(),
                "children": nodes(&b.children), "i18n": i18n(&b.i18n),
            })),
            &b.spans,
        ),
        Node::Icu(i) => {
            let mut vars = Map::new();
            for (k, v) in &i.vars {
                vars.insert(k.clone(), json!({ "kind": "BoundText", "value": expr(&v.value), "span": sp(v.span), "i18n": i18n(&v.i18n) }));
            }
            let mut phs = Map::new();
            for (k, v) in &i.placeholders {
                phs.insert(k.clone(), node(v));
            }
            json!({ "kind": "Icu", "vars": vars, "placeholders": phs, "span": sp(i.span) })
        }
    })
}

fn error(e: &ParseError) -> Value {
    json!({ "msg": e.message, "span": sp(e.span) })
}

/// The whole template in normalised form: `{nodes, errors}`.
pub fn template(t: &ParsedTemplate) -> Value {
    json!({
        "nodes": nodes(&t.nodes),
        "errors": t.errors.iter().map(error).collect::<Vec<_>>(),
        "styles": t.styles,
        "styleUrls": t.style_urls,
        "ngContentSelectors": t.ng_content_selectors,
    })
}
