//! The grammar of binding expressions: one method per precedence level of Angular 22.2's
//! `_ParseAST` (lowest first: pipe, conditional, `||`, `&&`, `??`, equality, relational,
//! additive, multiplicative, `**`, prefix, call chain, primary) plus literals, template
//! literals, regular expressions and arrow functions. Token access, spans, the depth guard
//! and error recovery live in [`crate::parser`].

use crate::ast::*;
use crate::lexer::{StringKind, Token, TokenKind};
use crate::parser::{substring, Parser};
use crate::text::utf16_col;

const SUPPORTED_REGEX_FLAGS: &[char] = &['d', 'g', 'i', 'm', 's', 'u', 'v', 'y'];

impl Parser<'_> {
    pub(crate) fn parse_chain(&mut self) -> Ast {
        let mut exprs = Vec::new();
        let start = self.input_index();
        while self.index < self.tokens.len() {
            let expr = self.parse_pipe();
            exprs.push(expr);
            if self.consume_optional_character(';') {
                if !self.action {
                    self.error("Binding expression cannot contain chained expression");
                }
                while self.consume_optional_character(';') {}
            } else if self.index < self.tokens.len() {
                let error_index = self.index;
                let msg = format!("Unexpected token '{}'", self.next().display());
                self.error(&msg);
                if self.index == error_index {
                    break;
                }
            }
        }
        if exprs.is_empty() {
            let artificial_start = self.offset;
            let artificial_end = self.input_len_plus_offset();
            let span = self.span(artificial_start, Some(artificial_end));
            return Ast::new(span, span.to_absolute(self.absolute_offset), AstKind::Empty);
        }
        if exprs.len() == 1 {
            return exprs.pop().unwrap_or_else(|| self.empty(start));
        }
        self.node(start, AstKind::Chain(exprs))
    }

    pub(crate) fn parse_pipe(&mut self) -> Ast {
        self.guarded(|p| p.parse_pipe_inner())
    }

    fn parse_pipe_inner(&mut self) -> Ast {
        let start = self.input_index();
        let mut result = self.parse_expression();
        if self.consume_optional_operator("|") {
            if self.action {
                self.error("Cannot have a pipe in an action expression");
            }
            loop {
                if !self.deeper() {
                    break;
                }
                let name_start = self.input_index();
                let name_id = self.expect_identifier_or_keyword();
                let (name, name_span, full_span_end) = match name_id {
                    Some(name) => (
                        name,
                        self.span(name_start, None)
                            .to_absolute(self.absolute_offset),
                        None,
                    ),
                    None => {
                        // Angular uses the next token's index without the interpolation offset.
                        let end = if self.next_is_eof() {
                            self.input_len_plus_offset()
                        } else {
                            self.lexed_pos_as_input_pos(self.next().index)
                        };
                        (
                            String::new(),
                            ParseSpan::new(end, end).to_absolute(self.absolute_offset),
                            Some(end),
                        )
                    }
                };
                let mut args = Vec::new();
                while self.consume_optional_character(':') {
                    args.push(self.parse_expression());
                }
                let span = self.span(start, None);
                let source_span = self
                    .span(start, full_span_end)
                    .to_absolute(self.absolute_offset);
                result = Ast::new(
                    span,
                    source_span,
                    AstKind::Pipe {
                        exp: Box::new(result),
                        name,
                        args,
                        name_span,
                    },
                );
                if !self.consume_optional_operator("|") {
                    break;
                }
            }
        }
        result
    }

    pub(crate) fn parse_expression(&mut self) -> Ast {
        self.parse_conditional()
    }

    fn parse_conditional(&mut self) -> Ast {
        self.guarded(|p| p.parse_conditional_inner())
    }

    fn parse_conditional_inner(&mut self) -> Ast {
        let start = self.input_index();
        let result = self.parse_logical_or();
        if self.consume_optional_operator("?") {
            let yes = self.parse_pipe();
            let no = if !self.consume_optional_character(':') {
                let end = self.input_index();
                let expression = substring(self.input, start, end).to_string();
                self.error(&format!(
                    "Conditional expression {expression} requires all 3 expressions"
                ));
                self.empty(start)
            } else {
                self.parse_pipe()
            };
            self.node(
                start,
                AstKind::Conditional {
                    condition: Box::new(result),
                    true_exp: Box::new(yes),
                    false_exp: Box::new(no),
                },
            )
        } else {
            result
        }
    }

    /// One left-associative binary level: `operand (op operand)*` for the operators `ops`.
    fn parse_binary_level(
        &mut self,
        ops: &[&str],
        keywords: &[&str],
        operand: fn(&mut Self) -> Ast,
    ) -> Ast {
        let saved = self.depth;
        let start = self.input_index();
        let mut result = operand(self);
        loop {
            let n = self.next();
            let matches = (n.kind == TokenKind::Operator && ops.contains(&n.text.as_str()))
                || (n.kind == TokenKind::Keyword && keywords.contains(&n.text.as_str()));
            if !matches {
                break;
            }
            let op = BinaryOp::from_text(&n.text).unwrap_or(BinaryOp::Add);
            if !self.deeper() {
                break;
            }
            self.advance();
            let right = operand(self);
            result = self.node(
                start,
                AstKind::Binary {
                    op,
                    left: Box::new(result),
                    right: Box::new(right),
                },
            );
        }
        self.depth = saved;
        result
    }

    fn parse_logical_or(&mut self) -> Ast {
        self.parse_binary_level(&["||"], &[], Self::parse_logical_and)
    }

    fn parse_logical_and(&mut self) -> Ast {
        self.parse_binary_level(&["&&"], &[], Self::parse_nullish_coalescing)
    }

    fn parse_nullish_coalescing(&mut self) -> Ast {
        self.parse_binary_level(&["??"], &[], Self::parse_equality)
    }

    fn parse_equality(&mut self) -> Ast {
        self.parse_binary_level(&["==", "===", "!=", "!=="], &[], Self::parse_relational)
    }

    fn parse_relational(&mut self) -> Ast {
        self.parse_binary_level(
            &["<", ">", "<=", ">="],
            &["in", "instanceof"],
            Self::parse_additive,
        )
    }

    fn parse_additive(&mut self) -> Ast {
        self.parse_binary_level(&["+", "-"], &[], Self::parse_multiplicative)
    }

    fn parse_multiplicative(&mut self) -> Ast {
        self.parse_binary_level(&["*", "%", "/"], &[], Self::parse_exponentiation)
    }

    fn parse_exponentiation(&mut self) -> Ast {
        self.guarded(|p| p.parse_exponentiation_inner())
    }

    fn parse_exponentiation_inner(&mut self) -> Ast {
        let start = self.input_index();
        let mut result = self.parse_prefix();
        while self.next().is_operator("**") {
            if matches!(
                result.kind,
                AstKind::Unary { .. }
                    | AstKind::PrefixNot(_)
                    | AstKind::TypeofExpression(_)
                    | AstKind::VoidExpression(_)
            ) {
                self.error(
                    "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence",
                );
            }
            self.advance();
            let right = self.parse_exponentiation();
            result = self.node(
                start,
                AstKind::Binary {
                    op: BinaryOp::Pow,
                    left: Box::new(result),
                    right: Box::new(right),
                },
            );
        }
        result
    }

    fn parse_prefix(&mut self) -> Ast {
        self.guarded(|p| p.parse_prefix_inner())
    }

    fn parse_prefix_inner(&mut self) -> Ast {
        let n = self.next();
        if n.kind == TokenKind::Operator {
            let start = self.input_index();
            match n.text.as_str() {
                "+" | "-" => {
                    let op = if n.text == "+" {
                        UnaryOp::Plus
                    } else {
                        UnaryOp::Minus
                    };
                    self.advance();
                    let expr = self.parse_prefix();
                    return self.node(
                        start,
                        AstKind::Unary {
                            op,
                            expr: Box::new(expr),
                        },
                    );
                }
                "!" => {
                    self.advance();
                    let expr = self.parse_prefix();
                    return self.node(start, AstKind::PrefixNot(Box::new(expr)));
                }
                _ => {}
            }
        } else if n.is_keyword("typeof") || n.is_keyword("void") {
            let is_typeof = n.is_keyword("typeof");
            let start = self.input_index();
            self.advance();
            let expr = Box::new(self.parse_prefix());
            let kind = if is_typeof {
                AstKind::TypeofExpression(expr)
            } else {
                AstKind::VoidExpression(expr)
            };
            return self.node(start, kind);
        }
        self.parse_call_chain()
    }

    fn parse_call_chain(&mut self) -> Ast {
        let saved = self.depth;
        let start = self.input_index();
        let mut result = self.parse_primary();
        loop {
            let n = self.next();
            let continues = n.is_character('.')
                || n.is_operator("?.")
                || n.is_character('[')
                || n.is_character('(')
                || n.is_operator("!")
                || n.is_template_literal_end()
                || n.is_template_literal_part();
            if !continues || !self.deeper() {
                break;
            }
            if self.consume_optional_character('.') {
                result = self.parse_access_member(result, start, false);
            } else if self.consume_optional_operator("?.") {
                if self.consume_optional_character('(') {
                    result = self.parse_call(result, start, true);
                } else if self.consume_optional_character('[') {
                    result = self.parse_keyed_read_or_write(result, start, true);
                } else {
                    result = self.parse_access_member(result, start, true);
                }
            } else if self.consume_optional_character('[') {
                result = self.parse_keyed_read_or_write(result, start, false);
            } else if self.consume_optional_character('(') {
                result = self.parse_call(result, start, false);
            } else if self.consume_optional_operator("!") {
                result = self.node(start, AstKind::NonNullAssert(Box::new(result)));
            } else if self.next().is_template_literal_end() {
                let template = self.parse_no_interpolation_template_literal();
                result = self.node(
                    start,
                    AstKind::TaggedTemplateLiteral {
                        tag: Box::new(result),
                        template,
                    },
                );
            } else {
                let template = self.parse_template_literal();
                result = self.node(
                    start,
                    AstKind::TaggedTemplateLiteral {
                        tag: Box::new(result),
                        template,
                    },
                );
            }
        }
        self.depth = saved;
        result
    }

    fn parse_primary(&mut self) -> Ast {
        let start = self.input_index();
        if self.is_arrow_function() {
            return self.parse_arrow_function(start);
        }
        if self.consume_optional_character('(') {
            self.rparens_expected += 1;
            let result = self.parse_pipe();
            if !self.consume_optional_character(')') {
                self.error("Missing closing parentheses");
                self.consume_optional_character(')');
            }
            self.rparens_expected -= 1;
            return self.node(start, AstKind::Parenthesized(Box::new(result)));
        }
        let n = self.next();
        let literal = if n.is_keyword("null") {
            Some(Literal::Null)
        } else if n.is_keyword("undefined") {
            Some(Literal::Undefined)
        } else if n.is_keyword("true") {
            Some(Literal::Bool(true))
        } else if n.is_keyword("false") {
            Some(Literal::Bool(false))
        } else {
            None
        };
        if let Some(literal) = literal {
            self.advance();
            return self.node(start, AstKind::LiteralPrimitive(literal));
        }
        if n.is_keyword("this") {
            self.advance();
            return self.node(start, AstKind::ThisReceiver);
        }
        if self.consume_optional_character('[') {
            return self.parse_literal_array(start);
        }
        let n = self.next();
        if n.is_character('{') {
            return self.parse_literal_map();
        }
        if n.kind == TokenKind::Identifier {
            let receiver = self.node(start, AstKind::ImplicitReceiver);
            return self.parse_access_member(receiver, start, false);
        }
        if n.kind == TokenKind::Number {
            let value = n.num;
            self.advance();
            return self.node(start, AstKind::LiteralPrimitive(Literal::Number(value)));
        }
        if n.is_template_literal_end() {
            let t = self.parse_no_interpolation_template_literal();
            return Ast::new(t.span, t.source_span, AstKind::TemplateLiteral(t));
        }
        if n.is_template_literal_part() {
            let t = self.parse_template_literal();
            return Ast::new(t.span, t.source_span, AstKind::TemplateLiteral(t));
        }
        if n.kind == TokenKind::String && n.string_kind == StringKind::Plain {
            let value = n.text.clone();
            self.advance();
            return self.node(start, AstKind::LiteralPrimitive(Literal::String(value)));
        }
        if n.kind == TokenKind::PrivateIdentifier {
            let text = n.display();
            self.report_private_identifier(&text, None);
            return self.empty(start);
        }
        if n.kind == TokenKind::RegExpBody {
            return self.parse_regular_expression_literal();
        }
        if self.index >= self.tokens.len() {
            let msg = format!("Unexpected end of expression: {}", self.input);
            self.error(&msg);
            return self.empty(start);
        }
        let msg = format!("Unexpected token {}", n.display());
        self.error(&msg);
        self.empty(start)
    }

    fn parse_literal_array(&mut self, array_start: u32) -> Ast {
        self.rbrackets_expected += 1;
        let mut elements = Vec::new();
        loop {
            if self.next().is_operator("...") {
                elements.push(self.parse_spread_element());
            } else if !self.next().is_character(']') {
                elements.push(self.parse_pipe());
            } else {
                break;
            }
            if !self.consume_optional_character(',') {
                break;
            }
        }
        self.rbrackets_expected -= 1;
        self.expect_character(']');
        self.node(array_start, AstKind::LiteralArray(elements))
    }

    fn parse_literal_map(&mut self) -> Ast {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        let start = self.input_index();
        self.expect_character('{');
        if !self.consume_optional_character('}') {
            self.rbraces_expected += 1;
            loop {
                let key_start = self.input_index();
                if self.next().is_operator("...") {
                    self.advance();
                    let (span, source_span) = self.spans(key_start);
                    keys.push(LiteralMapKey::Spread { span, source_span });
                    values.push(self.parse_pipe());
                } else {
                    let quoted = self.next().kind == TokenKind::String;
                    let key = self.expect_identifier_or_keyword_or_string();
                    let (span, source_span) = self.spans(key_start);
                    let mut shorthand = false;
                    if quoted {
                        self.expect_character(':');
                        values.push(self.parse_pipe());
                    } else if self.consume_optional_character(':') {
                        values.push(self.parse_pipe());
                    } else {
                        shorthand = true;
                        let receiver = Ast::new(span, source_span, AstKind::ImplicitReceiver);
                        values.push(Ast::new(
                            span,
                            source_span,
                            AstKind::PropertyRead {
                                receiver: Box::new(receiver),
                                name: key.clone(),
                                name_span: source_span,
                            },
                        ));
                    }
                    keys.push(LiteralMapKey::Property {
                        key,
                        quoted,
                        shorthand,
                        span,
                        source_span,
                    });
                }
                if !self.consume_optional_character(',') || self.next().is_character('}') {
                    break;
                }
            }
            self.rbraces_expected -= 1;
            self.expect_character('}');
        }
        self.node(start, AstKind::LiteralMap { keys, values })
    }

    fn parse_access_member(&mut self, receiver: Ast, start: u32, is_safe: bool) -> Ast {
        let name_start = self.input_index();
        // Angular's `withContext(Writable, ...)`: sets the flag, then toggles it with XOR
        // (so nesting can leave it set; reproduced because it changes error recovery).
        self.writable = true;
        let id = self.expect_identifier_or_keyword().unwrap_or_default();
        if id.is_empty() {
            // Angular passes a text offset where a token index is expected.
            let index = utf16_col(self.input, receiver.span.end as usize);
            self.error_at("Expected identifier for property access", index);
        }
        self.writable = !self.writable;
        let name_span = self
            .span(name_start, None)
            .to_absolute(self.absolute_offset);
        if is_safe {
            if Self::is_assignment_operator(self.next()) {
                self.advance();
                self.error("The '?.' operator cannot be used in the assignment");
                self.empty(start)
            } else {
                self.node(
                    start,
                    AstKind::SafePropertyRead {
                        receiver: Box::new(receiver),
                        name: id,
                        name_span,
                    },
                )
            }
        } else if Self::is_assignment_operator(self.next()) {
            let op = BinaryOp::from_text(&self.next().text).unwrap_or(BinaryOp::Assign);
            if !self.action {
                self.advance();
                self.error("Bindings cannot contain assignments");
                return self.empty(start);
            }
            let read = self.node(
                start,
                AstKind::PropertyRead {
                    receiver: Box::new(receiver),
                    name: id,
                    name_span,
                },
            );
            self.advance();
            let value = self.parse_conditional();
            self.node(
                start,
                AstKind::Binary {
                    op,
                    left: Box::new(read),
                    right: Box::new(value),
                },
            )
        } else {
            self.node(
                start,
                AstKind::PropertyRead {
                    receiver: Box::new(receiver),
                    name: id,
                    name_span,
                },
            )
        }
    }

    fn parse_keyed_read_or_write(&mut self, receiver: Ast, start: u32, is_safe: bool) -> Ast {
        self.writable = true;
        self.rbrackets_expected += 1;
        let key = self.parse_pipe();
        if key.is_empty() {
            self.error("Key access cannot be empty");
        }
        self.rbrackets_expected -= 1;
        self.expect_character(']');
        let result = if Self::is_assignment_operator(self.next()) {
            let op = BinaryOp::from_text(&self.next().text).unwrap_or(BinaryOp::Assign);
            if is_safe {
                self.advance();
                self.error("The '?.' operator cannot be used in the assignment");
                self.empty(start)
            } else {
                let read = self.node(
                    start,
                    AstKind::KeyedRead {
                        receiver: Box::new(receiver),
                        key: Box::new(key),
                    },
                );
                self.advance();
                let value = self.parse_conditional();
                self.node(
                    start,
                    AstKind::Binary {
                        op,
                        left: Box::new(read),
                        right: Box::new(value),
                    },
                )
            }
        } else if is_safe {
            self.node(
                start,
                AstKind::SafeKeyedRead {
                    receiver: Box::new(receiver),
                    key: Box::new(key),
                },
            )
        } else {
            self.node(
                start,
                AstKind::KeyedRead {
                    receiver: Box::new(receiver),
                    key: Box::new(key),
                },
            )
        };
        self.writable = !self.writable;
        result
    }

    fn parse_call(&mut self, receiver: Ast, start: u32, is_safe: bool) -> Ast {
        let argument_start = self.input_index();
        self.rparens_expected += 1;
        let args = self.parse_call_arguments();
        let argument_span = self
            .span(argument_start, Some(self.input_index()))
            .to_absolute(self.absolute_offset);
        self.expect_character(')');
        self.rparens_expected -= 1;
        let receiver = Box::new(receiver);
        let kind = if is_safe {
            AstKind::SafeCall {
                receiver,
                args,
                argument_span,
            }
        } else {
            AstKind::Call {
                receiver,
                args,
                argument_span,
            }
        };
        self.node(start, kind)
    }

    fn parse_call_arguments(&mut self) -> Vec<Ast> {
        if self.next().is_character(')') {
            return Vec::new();
        }
        let mut positionals = Vec::new();
        loop {
            let arg = if self.next().is_operator("...") {
                self.parse_spread_element()
            } else {
                self.parse_pipe()
            };
            positionals.push(arg);
            if !self.consume_optional_character(',') {
                break;
            }
        }
        positionals
    }

    fn parse_spread_element(&mut self) -> Ast {
        let spread_start = self.input_index();
        self.advance();
        let expression = self.parse_pipe();
        self.node(spread_start, AstKind::SpreadElement(Box::new(expression)))
    }

    fn parse_no_interpolation_template_literal(&mut self) -> TemplateLiteral {
        let text = self.next().text.clone();
        let start = self.input_index();
        self.advance();
        let (span, source_span) = self.spans(start);
        TemplateLiteral {
            span,
            source_span,
            elements: vec![TemplateLiteralElement {
                span,
                source_span,
                text,
            }],
            expressions: Vec::new(),
        }
    }

    fn parse_template_literal(&mut self) -> TemplateLiteral {
        let mut elements = Vec::new();
        let mut expressions = Vec::new();
        let start = self.input_index();
        while !self.next_is_eof() {
            let token = self.next();
            if token.is_template_literal_part() || token.is_template_literal_end() {
                let is_end = token.is_template_literal_end();
                let text = token.text.clone();
                let part_start = self.input_index();
                self.advance();
                let (span, source_span) = self.spans(part_start);
                elements.push(TemplateLiteralElement {
                    span,
                    source_span,
                    text,
                });
                if is_end {
                    break;
                }
            } else if token.is_operator("${") {
                self.advance();
                self.rbraces_expected += 1;
                let expression = self.parse_pipe();
                if expression.is_empty() {
                    self.error("Template literal interpolation cannot be empty");
                }
                expressions.push(expression);
                self.rbraces_expected -= 1;
            } else {
                self.advance();
            }
        }
        let (span, source_span) = self.spans(start);
        TemplateLiteral {
            span,
            source_span,
            elements,
            expressions,
        }
    }

    fn parse_regular_expression_literal(&mut self) -> Ast {
        let body = self.next().clone();
        self.advance();
        let mut flags: Option<Token> = None;
        if self.next().kind == TokenKind::RegExpFlags {
            let flags_token = self.next().clone();
            self.advance();
            let mut seen: Vec<char> = Vec::new();
            for (i, c) in flags_token.text.chars().enumerate() {
                // Angular passes a text offset where a token index is expected.
                let at = utf16_col(self.lexed, flags_token.index as usize) + i;
                if !SUPPORTED_REGEX_FLAGS.contains(&c) {
                    let list: Vec<String> = SUPPORTED_REGEX_FLAGS
                        .iter()
                        .map(|f| format!("\"{f}\""))
                        .collect();
                    self.error_at(
                        &format!(
                            "Unsupported regular expression flag \"{c}\". The supported flags are: {}",
                            list.join(", ")
                        ),
                        at,
                    );
                } else if seen.contains(&c) {
                    self.error_at(&format!("Duplicate regular expression flag \"{c}\""), at);
                } else {
                    seen.push(c);
                }
            }
            flags = Some(flags_token);
        }
        // Angular uses the token positions without the interpolation offset.
        let start = self.lexed_pos_as_input_pos(body.index);
        let end = self.lexed_pos_as_input_pos(flags.as_ref().map_or(body.end, |f| f.end));
        let span = self.span(start, Some(end));
        Ast::new(
            span,
            span.to_absolute(self.absolute_offset),
            AstKind::RegularExpressionLiteral {
                body: body.text,
                flags: flags.map(|f| f.text),
            },
        )
    }

    fn parse_arrow_function(&mut self, start: u32) -> Ast {
        let mut params = Vec::new();
        if self.next().kind == TokenKind::Identifier {
            let token = self.next().clone();
            self.advance();
            params.push(self.arrow_parameter(&token));
        } else if self.next().is_character('(') {
            self.rparens_expected += 1;
            self.advance();
            params = self.parse_arrow_function_parameters();
            self.rparens_expected -= 1;
        } else {
            let msg = format!("Unexpected token {}", self.next().display());
            self.error(&msg);
        }
        self.expect_operator("=>");
        let body = if self.next().is_character('{') {
            self.error(
                "Multi-line arrow functions are not supported. If you meant to return an object literal, wrap it with parentheses.",
            );
            self.empty(start)
        } else {
            let prev = self.action;
            self.action = true;
            let body = self.parse_expression();
            self.action = prev;
            body
        };
        self.node(
            start,
            AstKind::ArrowFunction {
                parameters: params,
                body: Box::new(body),
            },
        )
    }

    fn parse_arrow_function_parameters(&mut self) -> Vec<ArrowFunctionParameter> {
        let mut params = Vec::new();
        if !self.consume_optional_character(')') {
            while !self.next_is_eof() {
                if self.next().kind == TokenKind::Identifier {
                    let token = self.next().clone();
                    self.advance();
                    params.push(self.arrow_parameter(&token));
                    if self.consume_optional_character(')') {
                        break;
                    }
                    self.expect_character(',');
                } else {
                    let msg = format!("Unexpected token {}", self.next().display());
                    self.error(&msg);
                    break;
                }
            }
        }
        params
    }

    fn arrow_parameter(&self, token: &Token) -> ArrowFunctionParameter {
        // Angular uses the token position without the interpolation offset.
        let span = self.span(self.lexed_pos_as_input_pos(token.index), None);
        ArrowFunctionParameter {
            name: token.text.clone(),
            span,
            source_span: span.to_absolute(self.absolute_offset),
        }
    }

    fn is_arrow_function(&self) -> bool {
        let start = self.index;
        let tokens = &self.tokens;
        if tokens.len() < 2 || start > tokens.len() - 2 {
            return false;
        }
        if tokens[start].kind == TokenKind::Identifier && tokens[start + 1].is_operator("=>") {
            return true;
        }
        if tokens[start].is_character('(') {
            let mut i = start + 1;
            while i < tokens.len() {
                if tokens[i].kind != TokenKind::Identifier && !tokens[i].is_character(',') {
                    break;
                }
                i += 1;
            }
            return i + 1 < tokens.len()
                && tokens[i].is_character(')')
                && tokens[i + 1].is_operator("=>");
        }
        false
    }

    pub(crate) fn consume_statement_terminator(&mut self) {
        let _ = self.consume_optional_character(';') || self.consume_optional_character(',');
    }
}
