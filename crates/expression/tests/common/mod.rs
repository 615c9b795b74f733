//! Test support: the normalised JSON form of parse results, identical in shape to what
//! tests/fixtures/expressions/oracle.mjs prints for Angular's AST, and the corpus reader.
#![allow(dead_code)]

use ngc_expression::*;

pub const BASE: u32 = 1000;

/// One corpus case: `<mode> <text>` (`tb <key> <value>` for microsyntax).
pub struct Case {
    pub line: String,
    pub mode: String,
    pub key: Option<String>,
    pub text: String,
}

pub fn parse_corpus(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (mode, mut rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut key = None;
        if mode == "tb" {
            let (k, r) = rest.split_once(' ').unwrap_or((rest, ""));
            key = Some(k.to_string());
            rest = r;
        }
        let text = match rest.strip_prefix("json:") {
            Some(json) => unquote_json(json),
            None => rest.to_string(),
        };
        cases.push(Case {
            line: line.to_string(),
            mode: mode.to_string(),
            key,
            text,
        });
    }
    cases
}

/// Decodes a JSON string literal.
pub fn unquote_json(s: &str) -> String {
    let inner = s.trim().trim_start_matches('"').trim_end_matches('"');
    let mut units: Vec<u16> = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buf));
            continue;
        }
        let e = chars.next().unwrap_or('\\');
        let code = match e {
            'n' => 10,
            't' => 9,
            'r' => 13,
            'b' => 8,
            'f' => 12,
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                u16::from_str_radix(&hex, 16).unwrap_or(0xFFFD)
            }
            other => other as u16,
        };
        units.push(code);
    }
    String::from_utf16_lossy(&units)
}

pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn pair(a: u32, b: u32) -> String {
    format!("[{a},{b}]")
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

fn kind_name(kind: &AstKind) -> &'static str {
    match kind {
        AstKind::Empty => "EmptyExpr",
        AstKind::ImplicitReceiver => "ImplicitReceiver",
        AstKind::ThisReceiver => "ThisReceiver",
        AstKind::Chain(_) => "Chain",
        AstKind::Conditional { .. } => "Conditional",
        AstKind::PropertyRead { .. } => "PropertyRead",
        AstKind::SafePropertyRead { .. } => "SafePropertyRead",
        AstKind::KeyedRead { .. } => "KeyedRead",
        AstKind::SafeKeyedRead { .. } => "SafeKeyedRead",
        AstKind::Pipe { .. } => "BindingPipe",
        AstKind::LiteralPrimitive(_) => "LiteralPrimitive",
        AstKind::LiteralArray(_) => "LiteralArray",
        AstKind::SpreadElement(_) => "SpreadElement",
        AstKind::LiteralMap { .. } => "LiteralMap",
        AstKind::Interpolation { .. } => "Interpolation",
        AstKind::Binary { .. } => "Binary",
        AstKind::Unary { .. } => "Unary",
        AstKind::PrefixNot(_) => "PrefixNot",
        AstKind::TypeofExpression(_) => "TypeofExpression",
        AstKind::VoidExpression(_) => "VoidExpression",
        AstKind::NonNullAssert(_) => "NonNullAssert",
        AstKind::Call { .. } => "Call",
        AstKind::SafeCall { .. } => "SafeCall",
        AstKind::TaggedTemplateLiteral { .. } => "TaggedTemplateLiteral",
        AstKind::TemplateLiteral(_) => "TemplateLiteral",
        AstKind::Parenthesized(_) => "ParenthesizedExpression",
        AstKind::ArrowFunction { .. } => "ArrowFunction",
        AstKind::RegularExpressionLiteral { .. } => "RegularExpressionLiteral",
    }
}

fn template_json(t: &TemplateLiteral) -> String {
    let elements = list(t.elements.iter().map(|e| {
        format!(
            "{{\"text\":{},\"s\":{},\"a\":{}}}",
            json_str(&e.text),
            pair(e.span.start, e.span.end),
            pair(e.source_span.start, e.source_span.end)
        )
    }));
    format!(
        "{{\"k\":\"TemplateLiteral\",\"s\":{},\"a\":{},\"elements\":{},\"exprs\":{}}}",
        pair(t.span.start, t.span.end),
        pair(t.source_span.start, t.source_span.end),
        elements,
        list(t.expressions.iter().map(ast_json))
    )
}

/// The normalised JSON of one node (same keys, same order as oracle.mjs).
pub fn ast_json(ast: &Ast) -> String {
    if let AstKind::TemplateLiteral(t) = &ast.kind {
        return template_json(t);
    }
    let mut o = format!(
        "{{\"k\":\"{}\",\"s\":{},\"a\":{}",
        kind_name(&ast.kind),
        pair(ast.span.start, ast.span.end),
        pair(ast.source_span.start, ast.source_span.end)
    );
    let abs = |s: &AbsoluteSpan| pair(s.start, s.end);
    let extra = match &ast.kind {
        AstKind::Empty | AstKind::ImplicitReceiver | AstKind::ThisReceiver => String::new(),
        AstKind::Chain(l) | AstKind::LiteralArray(l) => {
            format!(",\"exprs\":{}", list(l.iter().map(ast_json)))
        }
        AstKind::Conditional {
            condition,
            true_exp,
            false_exp,
        } => format!(
            ",\"cond\":{},\"yes\":{},\"no\":{}",
            ast_json(condition),
            ast_json(true_exp),
            ast_json(false_exp)
        ),
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
            format!(
                ",\"name\":{},\"ns\":{},\"recv\":{}",
                json_str(name),
                abs(name_span),
                ast_json(receiver)
            )
        }
        AstKind::KeyedRead { receiver, key } | AstKind::SafeKeyedRead { receiver, key } => {
            format!(",\"recv\":{},\"key\":{}", ast_json(receiver), ast_json(key))
        }
        AstKind::Pipe {
            exp,
            name,
            args,
            name_span,
        } => format!(
            ",\"name\":{},\"ns\":{},\"exp\":{},\"args\":{}",
            json_str(name),
            abs(name_span),
            ast_json(exp),
            list(args.iter().map(ast_json))
        ),
        AstKind::LiteralPrimitive(lit) => match lit {
            Literal::Null => ",\"t\":\"null\",\"v\":null".into(),
            Literal::Undefined => ",\"t\":\"undefined\",\"v\":null".into(),
            Literal::Bool(b) => format!(",\"t\":\"boolean\",\"v\":{b}"),
            Literal::Number(n) => {
                let v = if n.is_finite() {
                    js_number_to_string(*n)
                } else {
                    "null".into()
                };
                format!(",\"t\":\"number\",\"v\":{v}")
            }
            Literal::String(s) => format!(",\"t\":\"string\",\"v\":{}", json_str(s)),
        },
        AstKind::SpreadElement(e)
        | AstKind::PrefixNot(e)
        | AstKind::TypeofExpression(e)
        | AstKind::VoidExpression(e)
        | AstKind::NonNullAssert(e)
        | AstKind::Parenthesized(e) => format!(",\"expr\":{}", ast_json(e)),
        AstKind::LiteralMap { keys, values } => {
            let keys = list(keys.iter().map(|k| match k {
                LiteralMapKey::Property { key, quoted, shorthand, span, source_span } => format!(
                    "{{\"kind\":\"property\",\"key\":{},\"quoted\":{quoted},\"shorthand\":{shorthand},\"s\":{},\"a\":{}}}",
                    json_str(key),
                    pair(span.start, span.end),
                    abs(source_span)
                ),
                LiteralMapKey::Spread { span, source_span } => format!(
                    "{{\"kind\":\"spread\",\"s\":{},\"a\":{}}}",
                    pair(span.start, span.end),
                    abs(source_span)
                ),
            }));
            format!(
                ",\"keys\":{keys},\"values\":{}",
                list(values.iter().map(ast_json))
            )
        }
        AstKind::Interpolation {
            strings,
            expressions,
        } => format!(
            ",\"strings\":{},\"exprs\":{}",
            list(strings.iter().map(|s| json_str(s))),
            list(expressions.iter().map(ast_json))
        ),
        AstKind::Binary { op, left, right } => {
            format!(
                ",\"op\":{},\"left\":{},\"right\":{}",
                json_str(op.as_str()),
                ast_json(left),
                ast_json(right)
            )
        }
        AstKind::Unary { op, expr } => format!(
            ",\"op\":{},\"expr\":{}",
            json_str(op.as_str()),
            ast_json(expr)
        ),
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
            format!(
                ",\"recv\":{},\"args\":{},\"argSpan\":{}",
                ast_json(receiver),
                list(args.iter().map(ast_json)),
                abs(argument_span)
            )
        }
        AstKind::TaggedTemplateLiteral { tag, template } => {
            format!(
                ",\"tag\":{},\"tpl\":{}",
                ast_json(tag),
                template_json(template)
            )
        }
        AstKind::TemplateLiteral(_) => String::new(),
        AstKind::ArrowFunction { parameters, body } => {
            let params = list(parameters.iter().map(|p| {
                format!(
                    "{{\"name\":{},\"s\":{},\"a\":{}}}",
                    json_str(&p.name),
                    pair(p.span.start, p.span.end),
                    abs(&p.source_span)
                )
            }));
            format!(",\"params\":{params},\"body\":{}", ast_json(body))
        }
        AstKind::RegularExpressionLiteral { body, flags } => format!(
            ",\"body\":{},\"flags\":{}",
            json_str(body),
            flags.as_ref().map_or("null".to_string(), |f| json_str(f))
        ),
    };
    o.push_str(&extra);
    o.push('}');
    o
}

pub fn with_source_json(ws: &AstWithSource) -> String {
    format!(
        "{{\"k\":\"ASTWithSource\",\"source\":{},\"s\":{},\"a\":{},\"ast\":{}}}",
        json_str(&ws.source),
        pair(ws.span.start, ws.span.end),
        pair(ws.source_span.start, ws.source_span.end),
        ast_json(&ws.ast)
    )
}

fn errors_json(errors: &[ParseError]) -> String {
    list(errors.iter().map(|e| json_str(&e.angular_text("LOC"))))
}

fn id_json(id: Option<&TemplateBindingIdentifier>) -> String {
    match id {
        None => "null".into(),
        Some(id) => format!(
            "{{\"source\":{},\"a\":{}}}",
            json_str(&id.source),
            pair(id.span.start, id.span.end)
        ),
    }
}

/// Runs one case through our parser and prints the normalised result.
pub fn run_case(case: &Case) -> String {
    let text = case.text.as_str();
    let result = |r: ParseResult<AstWithSource>| {
        format!(
            "{{\"ast\":{},\"errors\":{}}}",
            with_source_json(&r.ast),
            errors_json(&r.errors)
        )
    };
    match case.mode.as_str() {
        "action" => result(parse_action(text, BASE)),
        "binding" => result(parse_binding(text, BASE)),
        "simple" => result(parse_simple_binding(text, BASE)),
        "interpexpr" => result(parse_interpolation_expression(text, BASE)),
        "interp" => match parse_interpolation(text, BASE, None) {
            None => "null".into(),
            Some(r) => result(r),
        },
        "tb" => {
            let key = case.key.as_deref().unwrap_or("");
            let r = parse_template_bindings(key, text, 0, BASE);
            let bindings = list(r.template_bindings.iter().map(|b| match b {
                TemplateBinding::Variable(v) => format!(
                    "{{\"k\":\"VariableBinding\",\"a\":{},\"key\":{},\"value\":{}}}",
                    pair(v.source_span.start, v.source_span.end),
                    id_json(Some(&v.key)),
                    id_json(v.value.as_ref())
                ),
                TemplateBinding::Expression(e) => format!(
                    "{{\"k\":\"ExpressionBinding\",\"a\":{},\"key\":{},\"value\":{}}}",
                    pair(e.source_span.start, e.source_span.end),
                    id_json(Some(&e.key)),
                    e.value.as_ref().map_or("null".to_string(), with_source_json)
                ),
            }));
            format!(
                "{{\"bindings\":{bindings},\"errors\":{}}}",
                errors_json(&r.errors)
            )
        }
        other => format!("{{\"badMode\":{}}}", json_str(other)),
    }
}
pub mod sexpr;
