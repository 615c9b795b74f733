//! Control-flow blocks: `@if`/`@else if`/`@else`, `@for`/`@empty` and `@switch`/`@case`/`@default`, with
//! Angular's parameter parsing and validation (`createIfBlock`, `createForLoop`, `createSwitchBlock`).

use crate::expression::Expr;
use crate::html_ast as html;
use crate::r3_ast::*;
use crate::r3_transform::{is_blank, Transformer};
use crate::span::{ParseError, Span};

const ALLOWED_FOR_LOOP_LET_VARIABLES: [&str; 6] =
    ["$index", "$first", "$last", "$even", "$odd", "$count"];

pub(crate) fn spans_of(b: &html::Block) -> BlockSpans {
    BlockSpans {
        span: b.span,
        start_span: b.start_span,
        end_span: b.end_span,
        name_span: b.name_span,
    }
}

pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '$' || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '_')
}

/// `/^\s/`-style JS whitespace test.
fn is_js_ws(c: char) -> bool {
    crate::lexer::is_js_trim(c)
}

/// `parseBlockParameterToBinding`: the parameter text (or `part` of it, found with `lastIndexOf`).
pub(crate) fn parse_block_parameter_to_binding(
    t: &mut Transformer,
    p: &html::BlockParameter,
    part: Option<&str>,
) -> Expr {
    let (start, end) = match part {
        Some(part) => {
            let s = p.expression.rfind(part).unwrap_or(0);
            (s, s + part.len())
        }
        None => (0, p.expression.len()),
    };
    let text = p.expression.get(start..end).unwrap_or("");
    t.bp.parse_binding(text, p.span.start + start as u32, p.span)
}

pub(crate) fn create_if_block(
    t: &mut Transformer,
    ast: &html::Block,
    connected: &[&html::Block],
) -> (Option<Node>, Vec<ParseError>) {
    let mut errors = validate_if_connected_blocks(connected);
    let mut branches = Vec::new();
    if let Some((expression, alias)) = parse_conditional_block_parameters(t, ast, &mut errors) {
        let children = t.visit_all(&ast.children);
        branches.push(IfBlockBranch {
            expression: Some(expression),
            children,
            expression_alias: alias,
            spans: spans_of(ast),
            i18n: ast.i18n.clone(),
        });
    }
    for block in connected {
        if block.name == "else if" {
            if let Some((expression, alias)) =
                parse_conditional_block_parameters(t, block, &mut errors)
            {
                let children = t.visit_all(&block.children);
                branches.push(IfBlockBranch {
                    expression: Some(expression),
                    children,
                    expression_alias: alias,
                    spans: spans_of(block),
                    i18n: block.i18n.clone(),
                });
            }
        } else if block.name == "else" {
            let children = t.visit_all(&block.children);
            branches.push(IfBlockBranch {
                expression: None,
                children,
                expression_alias: None,
                spans: spans_of(block),
                i18n: block.i18n.clone(),
            });
        }
    }
    let start_span = branches
        .first()
        .map(|b| b.spans.start_span)
        .unwrap_or(ast.start_span);
    let end_span = match branches.last() {
        Some(b) => b.spans.end_span,
        None => ast.end_span,
    };
    let mut whole = ast.span;
    if let Some(last) = branches.last() {
        whole = Span::new(start_span.start, last.spans.span.end);
    }
    let node = IfBlock {
        branches,
        span: whole,
        spans: BlockSpans {
            span: whole,
            start_span: ast.start_span,
            end_span,
            name_span: ast.name_span,
        },
    };
    (Some(Node::IfBlock(node)), errors)
}

fn validate_if_connected_blocks(connected: &[&html::Block]) -> Vec<ParseError> {
    let mut errors = Vec::new();
    let mut has_else = false;
    for (i, block) in connected.iter().enumerate() {
        if block.name == "else" {
            if has_else {
                errors.push(ParseError::new(
                    "Conditional can only have one @else block",
                    block.start_span,
                ));
            } else if connected.len() > 1 && i < connected.len() - 1 {
                errors.push(ParseError::new(
                    "@else block must be last inside the conditional",
                    block.start_span,
                ));
            } else if !block.parameters.is_empty() {
                errors.push(ParseError::new(
                    "@else block cannot have parameters",
                    block.start_span,
                ));
            }
            has_else = true;
        } else if block.name != "else if" {
            errors.push(ParseError::new(
                format!("Unrecognized conditional block @{}", block.name),
                block.start_span,
            ));
        }
    }
    errors
}

fn parse_conditional_block_parameters(
    t: &mut Transformer,
    block: &html::Block,
    errors: &mut Vec<ParseError>,
) -> Option<(Expr, Option<Variable>)> {
    let Some(first) = block.parameters.first() else {
        errors.push(ParseError::new(
            "Conditional block does not have an expression",
            block.start_span,
        ));
        return None;
    };
    let expression = parse_block_parameter_to_binding(t, first, None);
    let mut alias: Option<Variable> = None;
    for param in &block.parameters[1..] {
        // /^(as\s+)(.*)/
        let m = param.expression.strip_prefix("as").and_then(|rest| {
            let trimmed = rest.trim_start_matches(is_js_ws);
            if trimmed.len() < rest.len() {
                let prefix_len = 2 + rest.len() - trimmed.len();
                // `.` does not match line terminators.
                let value = trimmed
                    .split(['\n', '\r', '\u{2028}', '\u{2029}'])
                    .next()
                    .unwrap_or("");
                Some((prefix_len, value))
            } else {
                None
            }
        });
        match m {
            None => errors.push(ParseError::new(
                format!(
                    "Unrecognized conditional parameter \"{}\"",
                    param.expression
                ),
                param.span,
            )),
            Some(_) if block.name != "if" && block.name != "else if" => {
                errors.push(ParseError::new(
                    "\"as\" expression is only allowed on `@if` and `@else if` blocks",
                    param.span,
                ))
            }
            Some(_) if alias.is_some() => errors.push(ParseError::new(
                "Conditional can only have one \"as\" expression",
                param.span,
            )),
            Some((prefix_len, value)) => {
                let name = value.trim_matches(is_js_ws);
                if is_identifier(name) {
                    let start = param.span.start + prefix_len as u32;
                    let span = Span::new(start, start + name.len() as u32);
                    alias = Some(Variable {
                        name: name.into(),
                        value: name.into(),
                        span,
                        key_span: span,
                        value_span: None,
                    });
                } else {
                    errors.push(ParseError::new(
                        "\"as\" expression must be a valid JavaScript identifier",
                        param.span,
                    ));
                }
            }
        }
    }
    Some((expression, alias))
}

pub(crate) fn create_for_loop(
    t: &mut Transformer,
    ast: &html::Block,
    connected: &[&html::Block],
) -> (Option<Node>, Vec<ParseError>) {
    let mut errors = Vec::new();
    let params = parse_for_loop_parameters(t, ast, &mut errors);
    let mut empty: Option<ForLoopBlockEmpty> = None;
    for block in connected {
        if block.name == "empty" {
            if empty.is_some() {
                errors.push(ParseError::new(
                    "@for loop can only have one @empty block",
                    block.span,
                ));
            } else if !block.parameters.is_empty() {
                errors.push(ParseError::new(
                    "@empty block cannot have parameters",
                    block.span,
                ));
            } else {
                let children = t.visit_all(&block.children);
                empty = Some(ForLoopBlockEmpty {
                    children,
                    spans: spans_of(block),
                    i18n: block.i18n.clone(),
                });
            }
        } else {
            errors.push(ParseError::new(
                format!("Unrecognized @for loop block \"{}\"", block.name),
                block.span,
            ));
        }
    }
    let Some(params) = params else {
        return (None, errors);
    };
    let end_span = match &empty {
        Some(e) => e.spans.end_span,
        None => ast.end_span,
    };
    let span = Span::new(
        ast.span.start,
        end_span.map(|s| s.end).unwrap_or(ast.span.end),
    );
    let (track_by, track_keyword_span) = match params.track_by {
        None => {
            errors.push(ParseError::new(
                "@for loop must have a \"track\" expression",
                ast.start_span,
            ));
            (None, None)
        }
        Some((expr, kw)) => {
            if crate::expression::has_pipe(&expr) {
                errors.push(ParseError::new("Cannot use pipes in track expressions", kw));
            }
            (Some(expr), Some(kw))
        }
    };
    let children = t.visit_all(&ast.children);
    let node = ForLoopBlock {
        item: params.item,
        expression: params.expression,
        track_by,
        track_keyword_span,
        context_variables: params.context,
        children,
        empty,
        span,
        main_block_span: ast.span,
        spans: BlockSpans {
            span,
            start_span: ast.start_span,
            end_span,
            name_span: ast.name_span,
        },
        i18n: ast.i18n.clone(),
    };
    (Some(Node::ForLoopBlock(Box::new(node))), errors)
}

struct ForParams {
    item: Variable,
    track_by: Option<(Expr, Span)>,
    expression: Expr,
    context: Vec<Variable>,
}

fn parse_for_loop_parameters(
    t: &mut Transformer,
    block: &html::Block,
    errors: &mut Vec<ParseError>,
) -> Option<ForParams> {
    let Some(expression_param) = block.parameters.first() else {
        errors.push(ParseError::new(
            "@for loop does not have an expression",
            block.start_span,
        ));
        return None;
    };
    let stripped = strip_optional_parentheses(expression_param, errors);
    let m = stripped.as_deref().and_then(match_for_loop_expression);
    let Some((item_name, raw_expression)) = m.filter(|(_, e)| !e.trim_matches(is_js_ws).is_empty())
    else {
        errors.push(ParseError::new(
            "Cannot parse expression. @for loop expression must match the pattern \"<identifier> of <expression>\"",
            expression_param.span,
        ));
        return None;
    };
    if ALLOWED_FOR_LOOP_LET_VARIABLES.contains(&item_name.as_str()) {
        errors.push(ParseError::new(
            format!(
                "@for loop item name cannot be one of {}.",
                ALLOWED_FOR_LOOP_LET_VARIABLES.join(", ")
            ),
            expression_param.span,
        ));
    }
    let variable_name = expression_param.expression.split(' ').next().unwrap_or("");
    let variable_span = Span::new(
        expression_param.span.start,
        expression_param.span.start + variable_name.len() as u32,
    );
    let expression = parse_block_parameter_to_binding(t, expression_param, Some(&raw_expression));
    let empty_after_start = Span::empty(block.start_span.end);
    let mut context: Vec<Variable> = ALLOWED_FOR_LOOP_LET_VARIABLES
        .iter()
        .map(|v| Variable {
            name: v.to_string(),
            value: v.to_string(),
            span: empty_after_start,
            key_span: empty_after_start,
            value_span: None,
        })
        .collect();
    let mut track_by: Option<(Expr, Span)> = None;
    for param in &block.parameters[1..] {
        if let Some((prefix_len, rest)) = match_let(&param.expression) {
            let vars_start = param.span.start + prefix_len as u32;
            let item = item_name.clone();
            parse_let_parameters(
                param.span,
                rest,
                vars_start,
                &mut context,
                errors,
                "@for loop",
                None,
                &mut |name, variable_name, span, context, errors| {
                    if !ALLOWED_FOR_LOOP_LET_VARIABLES.contains(&variable_name) {
                        errors.push(ParseError::new(
                            format!(
                                "Unknown \"let\" parameter variable \"{variable_name}\". The allowed variables are: {}",
                                ALLOWED_FOR_LOOP_LET_VARIABLES.join(", ")
                            ),
                            span,
                        ));
                    } else if name == item {
                        errors.push(ParseError::new(
                            format!("Invalid @for loop \"let\" parameter. Variable cannot be called \"{item}\""),
                            span,
                        ));
                    } else if context.iter().any(|v| v.name == name) {
                        errors.push(ParseError::new(
                            format!("Duplicate \"let\" parameter variable \"{variable_name}\""),
                            span,
                        ));
                    }
                },
            );
            continue;
        }
        if let Some(rest) = match_track(&param.expression) {
            if track_by.is_some() {
                errors.push(ParseError::new(
                    "@for loop can only have one \"track\" expression",
                    param.span,
                ));
            } else {
                let expression = parse_block_parameter_to_binding(t, param, Some(rest));
                if crate::expression::is_empty(&expression) {
                    errors.push(ParseError::new(
                        "@for loop must have a \"track\" expression",
                        block.start_span,
                    ));
                }
                let kw = Span::new(param.span.start, param.span.start + 5);
                track_by = Some((expression, kw));
            }
            continue;
        }
        errors.push(ParseError::new(
            format!("Unrecognized @for loop parameter \"{}\"", param.expression),
            param.span,
        ));
    }
    Some(ForParams {
        item: Variable {
            name: item_name,
            value: "$implicit".into(),
            span: variable_span,
            key_span: variable_span,
            value_span: None,
        },
        track_by,
        expression,
        context,
    })
}

/// `/^\s*([0-9A-Za-z_$]*)\s+of\s+([\S\s]*)/`
fn match_for_loop_expression(s: &str) -> Option<(String, String)> {
    let rest = s.trim_start_matches(is_js_ws);
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    let after = &rest[name_len..];
    let trimmed = after.trim_start_matches(is_js_ws);
    if trimmed.len() == after.len() {
        return None;
    }
    let after_of = trimmed.strip_prefix("of")?;
    let expr = after_of.trim_start_matches(is_js_ws);
    if expr.len() == after_of.len() {
        return None;
    }
    Some((name.to_string(), expr.to_string()))
}

/// `/^let\s+([\S\s]*)/` → (length of the `let\s+` prefix, rest)
pub(crate) fn match_let(s: &str) -> Option<(usize, &str)> {
    let rest = s.strip_prefix("let")?;
    let trimmed = rest.trim_start_matches(is_js_ws);
    if trimmed.len() == rest.len() {
        return None;
    }
    Some((s.len() - trimmed.len(), trimmed))
}

/// `/^track\s+([\S\s]*)/`
fn match_track(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("track")?;
    let trimmed = rest.trim_start_matches(is_js_ws);
    if trimmed.len() == rest.len() {
        return None;
    }
    Some(trimmed)
}

/// Validation callback of [`parse_let_parameters`]: (name, variable name, parameter span, context, errors).
pub(crate) type LetValidator<'a> =
    dyn FnMut(&str, &str, Span, &[Variable], &mut Vec<ParseError>) + 'a;

/// Angular's `parseLetParameters` (`let i = $index, e = $even`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse_let_parameters(
    source_span: Span,
    expression: &str,
    vars_start: u32,
    context: &mut Vec<Variable>,
    errors: &mut Vec<ParseError>,
    prefix: &str,
    default_implicit: Option<&str>,
    validate: &mut LetValidator,
) {
    let mut start = vars_start;
    for part in expression.split(',') {
        let expression_parts: Vec<&str> = part.split('=').collect();
        let name = expression_parts[0].trim_matches(is_js_ws);
        let variable_name = if expression_parts.len() == 2 {
            expression_parts[1].trim_matches(is_js_ws)
        } else {
            default_implicit.unwrap_or("")
        };
        if name.is_empty() || variable_name.is_empty() {
            errors.push(ParseError::new(
                format!("Invalid {prefix} \"let\" parameter. Parameter should match the pattern \"<name> = <variable name>\""),
                source_span,
            ));
        } else if !is_identifier(name) {
            errors.push(ParseError::new(
                "\"let\" parameter must be a valid JavaScript identifier",
                source_span,
            ));
        } else {
            validate(name, variable_name, source_span, context, errors);
            let key_part = expression_parts[0];
            let (kl, kn) = surrounding_ws(key_part);
            let key_span = match kn {
                Some(n) => Span::new(start + kl as u32, start + (kl + n.len()) as u32),
                None => Span::new(start, start),
            };
            let mut value_span = None;
            if expression_parts.len() == 2 {
                let (vl, vn) = surrounding_ws(expression_parts[1]);
                if let Some(v) = vn {
                    let s = start + (key_part.len() + 1 + vl) as u32;
                    value_span = Some(Span::new(s, s + v.len() as u32));
                }
            }
            let span = Span::new(
                key_span.start,
                value_span.map(|v| v.end).unwrap_or(key_span.end),
            );
            context.push(Variable {
                name: name.to_string(),
                value: variable_name.to_string(),
                span,
                key_span,
                value_span,
            });
        }
        start += part.len() as u32 + 1;
    }
}

/// `/(\s*)(\S+)(\s*)/`: the leading whitespace length and the first run of non-whitespace.
fn surrounding_ws(s: &str) -> (usize, Option<&str>) {
    let lead = s.len() - s.trim_start_matches(is_js_ws).len();
    let rest = &s[lead..];
    let end = rest.find(is_js_ws).unwrap_or(rest.len());
    if end == 0 {
        // No non-whitespace at the start: search further (regex finds the first match anywhere).
        return (lead, None);
    }
    (lead, Some(&rest[..end]))
}

fn strip_optional_parentheses(
    param: &html::BlockParameter,
    errors: &mut Vec<ParseError>,
) -> Option<String> {
    let expression = &param.expression;
    let chars: Vec<(usize, char)> = expression.char_indices().collect();
    let mut open = 0;
    let mut start = 0usize;
    let mut end = expression.len().saturating_sub(1);
    for &(i, c) in &chars {
        if c == '(' {
            start = i + 1;
            open += 1;
        } else if is_js_ws(c) {
            continue;
        } else {
            break;
        }
    }
    if open == 0 {
        return Some(expression.clone());
    }
    for &(i, c) in chars.iter().rev() {
        if c == ')' {
            end = i;
            open -= 1;
            if open == 0 {
                break;
            }
        } else if is_js_ws(c) {
            continue;
        } else {
            break;
        }
    }
    if open != 0 {
        errors.push(ParseError::new(
            "Unclosed parentheses in expression",
            param.span,
        ));
        return None;
    }
    Some(expression.get(start..end).unwrap_or("").to_string())
}

pub(crate) fn create_switch_block(
    t: &mut Transformer,
    ast: &html::Block,
) -> (Option<Node>, Vec<ParseError>) {
    let mut errors = validate_switch_block(ast);
    let primary = match ast.parameters.first() {
        Some(p) => parse_block_parameter_to_binding(t, p, None),
        None => t.bp.parse_binding("", 0, ast.span),
    };
    let mut groups = Vec::new();
    let mut unknown_blocks = Vec::new();
    let mut collected: Vec<SwitchBlockCase> = Vec::new();
    let mut first_case_start: Option<Span> = None;
    let mut exhaustive: Option<SwitchExhaustiveCheck> = None;
    for node in &ast.children {
        let html::Node::Block(node) = node else {
            continue;
        };
        if (node.name != "case" || node.parameters.is_empty())
            && node.name != "default"
            && node.name != "default never"
        {
            unknown_blocks.push(UnknownBlock {
                name: node.name.clone(),
                span: node.span,
                name_span: node.name_span,
            });
            continue;
        }
        if exhaustive.is_some() {
            errors.push(ParseError::new(
                "@default block with \"never\" parameter must be the last case in a switch",
                node.span,
            ));
        }
        let is_case = node.name == "case";
        let mut expression = None;
        if is_case {
            expression = node
                .parameters
                .first()
                .map(|p| parse_block_parameter_to_binding(t, p, None));
        } else if node.name == "default never" {
            if let Some(p) = node.parameters.first() {
                expression = Some(parse_block_parameter_to_binding(t, p, None));
            }
            let has_body =
                !node.children.is_empty() || node.end_span.map(|e| !e.is_empty()).unwrap_or(false);
            if has_body {
                errors.push(ParseError::new(
                    "@default block with \"never\" parameter cannot have a body",
                    node.span,
                ));
            }
            if !collected.is_empty() {
                errors.push(ParseError::new(
                    "A @case block with no body cannot be followed by a @default block with \"never\" parameter",
                    node.span,
                ));
            }
            exhaustive = Some(SwitchExhaustiveCheck {
                expression,
                spans: spans_of(node),
            });
            continue;
        }
        collected.push(SwitchBlockCase {
            expression,
            spans: spans_of(node),
        });
        let case_without_body =
            node.children.is_empty() && node.end_span.map(|e| e.is_empty()).unwrap_or(false);
        if case_without_body {
            if first_case_start.is_none() {
                first_case_start = Some(node.span);
            }
            continue;
        }
        let mut spans = spans_of(node);
        if let Some(first) = first_case_start.take() {
            spans.span = Span::new(first.start, node.span.end);
            spans.start_span = Span::new(first.start, node.start_span.end);
        }
        let children = t.visit_all(&node.children);
        groups.push(SwitchBlockCaseGroup {
            cases: std::mem::take(&mut collected),
            children,
            spans,
            i18n: node.i18n.clone(),
        });
    }
    let node = SwitchBlock {
        expression: primary,
        groups,
        unknown_blocks,
        exhaustive_check: exhaustive,
        spans: spans_of(ast),
    };
    (Some(Node::SwitchBlock(Box::new(node))), errors)
}

fn validate_switch_block(ast: &html::Block) -> Vec<ParseError> {
    let mut errors = Vec::new();
    let mut has_default = false;
    if ast.parameters.len() != 1 {
        errors.push(ParseError::new(
            "@switch block must have exactly one parameter",
            ast.start_span,
        ));
        return errors;
    }
    for node in &ast.children {
        match node {
            html::Node::Comment(_) => continue,
            html::Node::Text(t) if is_blank(&t.value) => continue,
            html::Node::Block(b)
                if b.name == "case" || b.name == "default" || b.name == "default never" =>
            {
                if b.name == "default never" {
                    if has_default {
                        errors.push(ParseError::new(
                            "@switch block can only have one @default block",
                            b.start_span,
                        ));
                    }
                    has_default = true;
                } else if b.name == "default" {
                    if has_default {
                        errors.push(ParseError::new(
                            "@switch block can only have one @default block",
                            b.start_span,
                        ));
                    } else if !b.parameters.is_empty() {
                        errors.push(ParseError::new(
                            "@default block cannot have parameters",
                            b.start_span,
                        ));
                    }
                    has_default = true;
                } else if b.parameters.len() != 1 {
                    errors.push(ParseError::new(
                        "@case block must have exactly one parameter",
                        b.start_span,
                    ));
                }
            }
            other => errors.push(ParseError::new(
                "@switch block can only contain @case and @default blocks",
                other.span(),
            )),
        }
    }
    errors
}
