//! A compact s-expression printer of the expression AST with spans, for one-line tests.
//!
//! `(read b 0..3 (read a 0..1))`: kind, names/values, the relative span, then children.
//! A property read on the implicit receiver omits the receiver. Absolute spans are printed
//! only when they differ from `span + offset` (`@abs`).

use ngc_expression::*;

pub fn print(ast: &Ast, offset: u32) -> String {
    let mut out = String::new();
    write(&mut out, ast, offset);
    out
}

fn sp(ast_span: ParseSpan, abs: AbsoluteSpan, offset: u32) -> String {
    let mut s = format!("{}..{}", ast_span.start, ast_span.end);
    if abs.start != ast_span.start + offset || abs.end != ast_span.end + offset {
        s.push_str(&format!("@{}..{}", abs.start, abs.end));
    }
    s
}

fn write(out: &mut String, ast: &Ast, offset: u32) {
    let span = sp(ast.span, ast.source_span, offset);
    let open = |out: &mut String, head: &str, children: &[&Ast]| {
        out.push('(');
        out.push_str(head);
        out.push(' ');
        out.push_str(&span);
        for c in children {
            out.push(' ');
            write(out, c, offset);
        }
        out.push(')');
    };
    match &ast.kind {
        AstKind::Empty => open(out, "empty", &[]),
        AstKind::ImplicitReceiver => out.push_str("implicit"),
        AstKind::ThisReceiver => open(out, "this", &[]),
        AstKind::Chain(list) => open(out, "chain", &list.iter().collect::<Vec<_>>()),
        AstKind::Conditional {
            condition,
            true_exp,
            false_exp,
        } => open(out, "?", &[condition, true_exp, false_exp]),
        AstKind::PropertyRead { receiver, name, .. }
        | AstKind::SafePropertyRead { receiver, name, .. } => {
            let safe = matches!(ast.kind, AstKind::SafePropertyRead { .. });
            let head = format!("{} {name}", if safe { "safe-read" } else { "read" });
            if matches!(receiver.kind, AstKind::ImplicitReceiver) {
                open(out, &head, &[]);
            } else {
                open(out, &head, &[receiver]);
            }
        }
        AstKind::KeyedRead { receiver, key } => open(out, "keyed", &[receiver, key]),
        AstKind::SafeKeyedRead { receiver, key } => open(out, "safe-keyed", &[receiver, key]),
        AstKind::Pipe {
            exp, name, args, ..
        } => {
            let mut children = vec![&**exp];
            children.extend(args.iter());
            open(out, &format!("pipe {name}"), &children);
        }
        AstKind::LiteralPrimitive(lit) => {
            let head = match lit {
                Literal::Null => "null".to_string(),
                Literal::Undefined => "undefined".to_string(),
                Literal::Bool(b) => b.to_string(),
                Literal::Number(n) => js_number_to_string(*n),
                Literal::String(s) => format!("{s:?}"),
            };
            open(out, &head, &[]);
        }
        AstKind::LiteralArray(list) => open(out, "array", &list.iter().collect::<Vec<_>>()),
        AstKind::SpreadElement(e) => open(out, "...", &[e]),
        AstKind::LiteralMap { keys, values } => {
            out.push_str(&format!("(map {span}"));
            for (k, v) in keys.iter().zip(values) {
                match k {
                    LiteralMapKey::Property {
                        key,
                        quoted,
                        shorthand,
                        ..
                    } => {
                        let key = if *quoted {
                            format!("{key:?}")
                        } else {
                            key.clone()
                        };
                        if *shorthand {
                            out.push_str(&format!(" {key}"));
                            continue;
                        }
                        out.push_str(&format!(" {key}: "));
                    }
                    LiteralMapKey::Spread { .. } => out.push_str(" ..."),
                }
                write(out, v, offset);
            }
            out.push(')');
        }
        AstKind::Interpolation {
            strings,
            expressions,
        } => {
            out.push_str(&format!("(interp {span} {strings:?}"));
            for e in expressions {
                out.push(' ');
                write(out, e, offset);
            }
            out.push(')');
        }
        AstKind::Binary { op, left, right } => open(out, op.as_str(), &[left, right]),
        AstKind::Unary { op, expr } => open(out, &format!("unary{}", op.as_str()), &[expr]),
        AstKind::PrefixNot(e) => open(out, "!", &[e]),
        AstKind::TypeofExpression(e) => open(out, "typeof", &[e]),
        AstKind::VoidExpression(e) => open(out, "void", &[e]),
        AstKind::NonNullAssert(e) => open(out, "non-null", &[e]),
        AstKind::Parenthesized(e) => open(out, "paren", &[e]),
        AstKind::Call { receiver, args, .. } | AstKind::SafeCall { receiver, args, .. } => {
            let head = if matches!(ast.kind, AstKind::SafeCall { .. }) {
                "safe-call"
            } else {
                "call"
            };
            let mut children = vec![&**receiver];
            children.extend(args.iter());
            open(out, head, &children);
        }
        AstKind::TemplateLiteral(t) => write_template(out, t, &span, offset),
        AstKind::TaggedTemplateLiteral { tag, template } => {
            out.push_str(&format!("(tagged {span} "));
            write(out, tag, offset);
            out.push(' ');
            let tspan = sp(template.span, template.source_span, offset);
            write_template(out, template, &tspan, offset);
            out.push(')');
        }
        AstKind::ArrowFunction { parameters, body } => {
            let names: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
            out.push_str(&format!("(=> {span} [{}] ", names.join(" ")));
            write(out, body, offset);
            out.push(')');
        }
        AstKind::RegularExpressionLiteral { body, flags } => open(
            out,
            &format!("regex /{body}/{}", flags.as_deref().unwrap_or("")),
            &[],
        ),
    }
}

fn write_template(out: &mut String, t: &TemplateLiteral, span: &str, offset: u32) {
    out.push_str(&format!("(template {span}"));
    for (i, e) in t.elements.iter().enumerate() {
        out.push_str(&format!(" {:?}", e.text));
        if let Some(x) = t.expressions.get(i) {
            out.push(' ');
            write(out, x, offset);
        }
    }
    out.push(')');
}

/// The tree followed by one `error: ...` line per error.
pub fn print_result(ast: &Ast, errors: &[ParseError], offset: u32) -> String {
    let mut out = print(ast, offset);
    for e in errors {
        out.push_str(format!("\nerror: {} {}", e.message, e.location_text).trim_end());
    }
    out
}
