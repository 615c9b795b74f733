//! `@boundary` (with its `@error (when ...; let e = $error)` blocks) and `@content (name; let a, b)` blocks
//! (Angular's `createBoundaryBlock`, `createContentBlock`).

use crate::blocks::{is_identifier, match_let, parse_let_parameters, spans_of};
use crate::html_ast as html;
use crate::r3_ast::*;
use crate::r3_transform::Transformer;
use crate::span::{ParseError, Span};

fn is_ws(c: char) -> bool {
    crate::lexer::is_js_trim(c)
}

/// `/^\s*[$A-Z_][0-9A-Z_$]*\s*=/i`
fn is_alias(s: &str) -> bool {
    let t = s.trim_start_matches(is_ws);
    let mut chars = t.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() || c == '$' || c == '_' => {}
        _ => return false,
    }
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '$' || c == '_'))
        .unwrap_or(t.len());
    t[end..].trim_start_matches(is_ws).starts_with('=')
}

/// `/^(when\s+)(.*)/` → the text after `when\s+` up to the first line terminator.
fn match_when(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("when")?;
    let t = rest.trim_start_matches(is_ws);
    if t.len() == rest.len() {
        return None;
    }
    Some(
        t.split(['\n', '\r', '\u{2028}', '\u{2029}'])
            .next()
            .unwrap_or(""),
    )
}

pub(crate) fn create_boundary_block(
    t: &mut Transformer,
    ast: &html::Block,
    connected: &[&html::Block],
) -> (Option<Node>, Vec<ParseError>) {
    let mut errors = Vec::new();
    let mut error_blocks: Vec<BoundaryErrorBlock> = Vec::new();
    if !ast.parameters.is_empty() {
        errors.push(ParseError::new(
            "@boundary block cannot have parameters",
            ast.span,
        ));
    }
    for block in connected {
        if block.name != "error" {
            errors.push(ParseError::new(
                format!("Unrecognized @boundary connected block @{}", block.name),
                block.span,
            ));
            continue;
        }
        let empty = Span::empty(block.start_span.end);
        let mut context = vec![
            Variable {
                name: "$error".into(),
                value: "$error".into(),
                span: empty,
                key_span: empty,
                value_span: Some(empty),
            },
            Variable {
                name: "$reset".into(),
                value: "$reset".into(),
                span: empty,
                key_span: empty,
                value_span: Some(empty),
            },
        ];
        let mut expression = None;
        for param in &block.parameters {
            let let_match = match_let(&param.expression);
            if let_match.is_some() || is_alias(&param.expression) {
                let (to_parse, vars_start) = match let_match {
                    Some((prefix_len, rest)) => (rest, param.span.start + prefix_len as u32),
                    None => (param.expression.as_str(), param.span.start),
                };
                parse_let_parameters(
                    param.span,
                    to_parse,
                    vars_start,
                    &mut context,
                    &mut errors,
                    "@error block",
                    Some("$error"),
                    &mut |name, variable_name, span, context, errors| {
                        if variable_name != "$error" && variable_name != "$reset" {
                            errors.push(ParseError::new(
                                format!("Unknown context variable \"{variable_name}\". Only \"$error\" and \"$reset\" are allowed"),
                                span,
                            ));
                        } else if context.iter().any(|v| v.name == name) {
                            errors.push(ParseError::new(
                                format!("Duplicate \"let\" parameter variable \"{name}\""),
                                span,
                            ));
                        }
                    },
                );
                continue;
            }
            if let Some(rest) = match_when(&param.expression) {
                if expression.is_some() {
                    errors.push(ParseError::new(
                        "@error block can only have one \"when\" expression",
                        param.span,
                    ));
                } else {
                    let start = param.expression.find(rest).unwrap_or(0);
                    let text = &param.expression[start..start + rest.len()];
                    expression =
                        Some(t.bp.parse_binding(text, param.span.start + start as u32, param.span));
                }
                continue;
            }
            errors.push(ParseError::new(
                format!(
                    "Unrecognized @error block parameter \"{}\"",
                    param.expression
                ),
                param.span,
            ));
        }
        let children = t.visit_all(&block.children);
        error_blocks.push(BoundaryErrorBlock {
            children,
            context_variables: context,
            expression,
            spans: spans_of(block),
            i18n: block.i18n.clone(),
        });
    }
    let mut has_unconditional = false;
    let n = error_blocks.len();
    for (i, b) in error_blocks.iter().enumerate() {
        if b.expression.is_none() {
            if has_unconditional {
                errors.push(ParseError::new(
                    "@boundary block can only have one unconditional @error block",
                    b.spans.span,
                ));
            } else if i != n - 1 {
                errors.push(ParseError::new(
                    "Unconditional @error block must be the last @error block in the boundary chain",
                    b.spans.span,
                ));
            }
            has_unconditional = true;
        }
    }
    let whole = match error_blocks.last() {
        Some(last) => Span::new(ast.start_span.start, last.spans.span.end),
        None => ast.span,
    };
    let end_span = match error_blocks.last() {
        Some(last) => last.spans.end_span,
        None => ast.end_span,
    };
    let children = t.visit_all(&ast.children);
    let node = BoundaryBlock {
        children,
        error_blocks,
        main_block_span: ast.span,
        spans: BlockSpans {
            span: whole,
            start_span: ast.start_span,
            end_span,
            name_span: ast.name_span,
        },
        i18n: ast.i18n.clone(),
    };
    (Some(Node::BoundaryBlock(Box::new(node))), errors)
}

pub(crate) fn create_content_block(
    t: &mut Transformer,
    ast: &html::Block,
) -> (Option<Node>, Vec<ParseError>) {
    let mut errors = Vec::new();
    if ast.parameters.is_empty() || ast.parameters.len() > 2 {
        errors.push(ParseError::new(
            "@content block must have one or two parameters, e.g. \"@content(header)\" or \"@content(items; let item, index)\"",
            ast.start_span,
        ));
        return (None, errors);
    }
    let name_param = &ast.parameters[0];
    let name = name_param.expression.trim_matches(is_ws);
    if name.contains(',') {
        errors.push(ParseError::new(
            "@content block must have exactly one name parameter",
            ast.start_span,
        ));
        return (None, errors);
    }
    if !is_identifier(name) {
        errors.push(ParseError::new(
            "@content name must be a valid JavaScript identifier",
            name_param.span,
        ));
        return (None, errors);
    }
    let mut variables = Vec::new();
    if let Some(vars_param) = ast.parameters.get(1) {
        let vars_expr = vars_param.expression.trim_matches(is_ws);
        let Some((_, raw)) = match_let(vars_expr) else {
            errors.push(ParseError::new(
                "@content block variables must start with \"let\", e.g. \"let item, index\"",
                vars_param.span,
            ));
            return (None, errors);
        };
        let raw_start = vars_param.expression.find(raw).unwrap_or(0) as u32;
        let vars_start = vars_param.span.start + raw_start;
        let mut search = 0usize;
        for var in raw.split(',').map(|v| v.trim_matches(is_ws)) {
            if var.is_empty() {
                errors.push(ParseError::new(
                    "Invalid variable name in @content block",
                    vars_param.span,
                ));
                continue;
            }
            let index = raw[search.min(raw.len())..]
                .find(var)
                .map(|i| i + search)
                .unwrap_or(0);
            let var_start = vars_start + index as u32;
            let mut var_name = var;
            if let Some(eq) = var.find('=') {
                let full = Span::new(var_start, var_start + var.len() as u32);
                errors.push(ParseError::new(
                    "@content block variables cannot be assigned a value",
                    full,
                ));
                var_name = var[..eq].trim_matches(is_ws);
            }
            let var_span = Span::new(var_start, var_start + var_name.len() as u32);
            if !is_identifier(var_name) {
                errors.push(ParseError::new(
                    format!("Variable name \"{var_name}\" must be a valid JavaScript identifier"),
                    var_span,
                ));
                search = index + var_name.len();
                continue;
            }
            if variables.iter().any(|v: &Variable| v.name == var_name) {
                errors.push(ParseError::new(
                    format!("Duplicate variable name \"{var_name}\" in @content block"),
                    var_span,
                ));
                search = index + var_name.len();
                continue;
            }
            variables.push(Variable {
                name: var_name.to_string(),
                value: String::new(),
                span: var_span,
                key_span: var_span,
                value_span: None,
            });
            search = index + var_name.len();
        }
    }
    let children = t.visit_all(&ast.children);
    let node = ContentBlock {
        name: name.to_string(),
        variables,
        children,
        spans: spans_of(ast),
        i18n: ast.i18n.clone(),
    };
    (Some(Node::ContentBlock(node)), errors)
}
