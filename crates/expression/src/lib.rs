//! Angular 22.2's binding-expression lexer and parser.
//!
//! The entry points mirror Angular's `Parser` methods: [`parse_action`] (event handlers:
//! assignments and `;` chains allowed, pipes not), [`parse_binding`] (property bindings),
//! [`parse_simple_binding`] (host bindings: no pipes), [`parse_interpolation`] /
//! [`split_interpolation`] (`{{ }}` in text and attributes), [`parse_interpolation_expression`]
//! and [`parse_template_bindings`] (`*ngFor` microsyntax).
//!
//! **Invariant: parsing never fails.** Every entry point returns a tree plus errors; broken
//! input yields [`AstKind::Empty`] nodes where Angular yields `EmptyExpr`. Error messages are
//! Angular's exact text ([`ParseError::message`], [`ParseError::angular_text`]); columns in
//! messages are UTF-16 like Angular's, spans are UTF-8 byte offsets.
//!
//! **Invariant: bounded depth.** Nesting beyond [`MAX_DEPTH`] levels stops parsing with
//! [`DEPTH_LIMIT_MESSAGE`] instead of overflowing the stack; trees are therefore at most about
//! [`MAX_DEPTH`] nodes high, and recursive visitors over them are safe.

pub mod ast;
mod grammar;
mod interpolation;
pub mod lexer;
mod parser;
mod template_bindings;
mod text;

pub use ast::*;
pub use interpolation::{
    index_map_for_original_template, split_interpolation, InterpolationPiece, SplitInterpolation,
};
pub use text::js_number_to_string;

use interpolation::{check_no_interpolation, strip_comments};
use parser::Parser;

/// How deep expressions may nest. Each recursive descent (into a parenthesised, bracketed or
/// braced sub-expression, an argument, a prefix operator, a right-nested `**`, `?:` or
/// assignment) and each link of a left-associative chain (`a.b`, `a[0]`, `f()`, `a + b`,
/// `a | p`) counts one level; a parenthesised sub-expression costs four (pipe, conditional,
/// exponentiation and prefix levels), so 125 nested parentheses or a 500-link chain fit.
/// Angular has no explicit limit (Node's stack gives out at a few thousand levels); real
/// templates stay far below this one. The parser also grows its stack on the heap
/// (`stacker`) because unoptimised builds use ~17 KiB of stack per parenthesis level; the
/// limit keeps trees at most ~500 nodes high for recursive consumers.
pub const MAX_DEPTH: usize = 500;

/// The message of the depth-limit error (ours; `{}` is [`MAX_DEPTH`]).
pub const DEPTH_LIMIT_MESSAGE: &str = "Expression is nested too deeply (more than {} levels)";

/// The result of a parse: never fails, carries its errors.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseResult<T> {
    pub ast: T,
    pub errors: Vec<ParseError>,
}

/// An expression error with Angular's message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Stable diagnostic code (`NGRS21xx`, see [`ParseError::code_for`]).
    pub code: &'static str,
    /// Angular's message, e.g. `Unexpected token ')'` or
    /// `Lexer Error: Unterminated quote at column 4 in expression ['abc]`.
    pub message: String,
    /// Angular's location text: `at column N in` (UTF-16, as Angular counts), `at the end of
    /// the expression`, or empty.
    pub location_text: String,
    /// The text Angular quotes in brackets.
    pub input: String,
    /// Where the problem is, absolute, in bytes (the offending token, or the end of input).
    pub span: AbsoluteSpan,
}

impl ParseError {
    pub(crate) fn new(
        message: &str,
        location_text: String,
        input: &str,
        span: AbsoluteSpan,
    ) -> ParseError {
        ParseError {
            code: ParseError::code_for(message),
            message: message.to_string(),
            location_text,
            input: input.to_string(),
            span,
        }
    }

    /// Angular's complete `ParseError.msg`:
    /// `Parser Error: {message} {location_text} [{input}] in {location}`, where `location` is
    /// what Angular prints for the source span start (`file@line:col`).
    pub fn angular_text(&self, location: &str) -> String {
        let location_text = if self.location_text.is_empty() {
            String::new()
        } else {
            format!(" {} ", self.location_text)
        };
        format!(
            "Parser Error: {}{}[{}] in {}",
            self.message, location_text, self.input, location
        )
    }

    /// The diagnostic code of a message. Codes are stable; docs/diagnostics.md lists them.
    pub fn code_for(message: &str) -> &'static str {
        const TABLE: &[(&str, &str)] = &[
            ("Lexer Error: ", "NGRS2101"),
            ("Expression is nested too deeply", "NGRS2102"),
            (
                "Binding expression cannot contain chained expression",
                "NGRS2103",
            ),
            ("Cannot have a pipe in an action expression", "NGRS2104"),
            ("Host binding expression cannot contain", "NGRS2104"),
            ("Bindings cannot contain assignments", "NGRS2105"),
            (
                "The '?.' operator cannot be used in the assignment",
                "NGRS2105",
            ),
            (
                "Got interpolation ({{}}) where expression was expected",
                "NGRS2106",
            ),
            (
                "Blank expressions are not allowed in interpolated strings",
                "NGRS2107",
            ),
            (
                "Interpolation expression cannot only contain a comment",
                "NGRS2107",
            ),
            ("Private identifiers are not supported", "NGRS2108"),
            ("Unsupported regular expression flag", "NGRS2109"),
            ("Duplicate regular expression flag", "NGRS2109"),
            ("Multi-line arrow functions are not supported", "NGRS2110"),
            (
                "Unary operator used immediately before exponentiation",
                "NGRS2111",
            ),
        ];
        TABLE
            .iter()
            .find(|(prefix, _)| message.starts_with(prefix))
            .map_or("NGRS2100", |(_, code)| code)
    }
}

/// Result of [`parse_template_bindings`] (Angular's `TemplateBindingParseResult`).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateBindingParseResult {
    pub template_bindings: Vec<TemplateBinding>,
    pub warnings: Vec<String>,
    pub errors: Vec<ParseError>,
}

fn parse_chain(
    input: &str,
    absolute_offset: u32,
    action: bool,
    mut errors: Vec<ParseError>,
) -> ParseResult<AstWithSource> {
    let (to_lex, _) = strip_comments(input);
    let tokens = lexer::tokenize(to_lex);
    let mut parser = Parser::new(input, to_lex, absolute_offset, tokens, action, 0);
    let ast = parser.parse_chain();
    errors.append(&mut parser.errors);
    ParseResult {
        ast: AstWithSource::new(ast, input, absolute_offset),
        errors,
    }
}

/// Parses an event handler (`(click)="a = $event; b()"`): Angular's `parseAction`.
pub fn parse_action(input: &str, absolute_offset: u32) -> ParseResult<AstWithSource> {
    let mut errors = Vec::new();
    check_no_interpolation(input, absolute_offset, &mut errors);
    parse_chain(input, absolute_offset, true, errors)
}

/// Parses a property binding (`[prop]="expr | pipe"`): Angular's `parseBinding`.
pub fn parse_binding(input: &str, absolute_offset: u32) -> ParseResult<AstWithSource> {
    let mut errors = Vec::new();
    check_no_interpolation(input, absolute_offset, &mut errors);
    parse_chain(input, absolute_offset, false, errors)
}

/// Parses a host binding, which may not contain pipes: Angular's `parseSimpleBinding`.
pub fn parse_simple_binding(input: &str, absolute_offset: u32) -> ParseResult<AstWithSource> {
    let mut result = parse_binding(input, absolute_offset);
    let mut pipes = 0usize;
    let mut stack = vec![&result.ast.ast];
    while let Some(node) = stack.pop() {
        // Angular's checker does not look inside a pipe once it found one.
        if matches!(node.kind, AstKind::Pipe { .. }) {
            pipes += 1;
            continue;
        }
        node.for_each_child(|child| stack.push(child));
    }
    if pipes > 0 {
        let message = format!(
            "Host binding expression cannot contain {}",
            vec!["pipes"; pipes].join(" ")
        );
        let span = result.ast.source_span;
        result
            .errors
            .push(ParseError::new(&message, String::new(), input, span));
    }
    result
}

/// Parses `text {{ expr }} text` (Angular's `parseInterpolation`). Returns `None` when the
/// input has no interpolation (Angular returns `null` and drops any errors).
///
/// `index_map` is as in [`split_interpolation`]; when given, each expression is parsed as its
/// own input (messages quote the expression only), as Angular does when the HTML lexer
/// provides interpolation tokens.
pub fn parse_interpolation(
    input: &str,
    absolute_offset: u32,
    index_map: Option<&[(u32, u32)]>,
) -> Option<ParseResult<AstWithSource>> {
    let (split, mut errors) = split_interpolation(input, absolute_offset, index_map);
    if split.expressions.is_empty() {
        return None;
    }
    let mut expressions = Vec::new();
    for (i, piece) in split.expressions.iter().enumerate() {
        let (to_lex, has_comments) = strip_comments(&piece.text);
        let tokens = lexer::tokenize(to_lex);
        if has_comments && to_lex.trim().is_empty() && tokens.is_empty() {
            let col = text::utf16_col(input, piece.start as usize);
            let span =
                AbsoluteSpan::new(absolute_offset + piece.start, absolute_offset + piece.end);
            errors.push(ParseError::new(
                "Interpolation expression cannot only contain a comment",
                format!("at column {col} in"),
                input,
                span,
            ));
            continue;
        }
        let own_input = index_map.is_some();
        let parser_input = if own_input {
            piece.text.as_str()
        } else {
            input
        };
        let offset = split.offsets.get(i).copied().unwrap_or(0);
        let mut parser = Parser::new(parser_input, to_lex, absolute_offset, tokens, false, offset);
        expressions.push(parser.parse_chain());
        errors.append(&mut parser.errors);
    }
    let strings = split.strings.into_iter().map(|s| s.text).collect();
    Some(ParseResult {
        ast: interpolation_ast(strings, expressions, input, absolute_offset),
        errors,
    })
}

fn interpolation_ast(
    strings: Vec<String>,
    expressions: Vec<Ast>,
    input: &str,
    absolute_offset: u32,
) -> AstWithSource {
    let span = ParseSpan::new(0, input.len() as u32);
    let node = Ast::new(
        span,
        span.to_absolute(absolute_offset),
        AstKind::Interpolation {
            strings,
            expressions,
        },
    );
    AstWithSource::new(node, input, absolute_offset)
}

/// Parses a lone expression as an interpolation with empty strings around it (Angular's
/// `parseInterpolationExpression`, used for `@let` and ICU switch expressions).
pub fn parse_interpolation_expression(
    expression: &str,
    absolute_offset: u32,
) -> ParseResult<AstWithSource> {
    let (to_lex, _) = strip_comments(expression);
    let tokens = lexer::tokenize(to_lex);
    let mut parser = Parser::new(expression, to_lex, absolute_offset, tokens, false, 0);
    let ast = parser.parse_chain();
    let errors = std::mem::take(&mut parser.errors);
    ParseResult {
        ast: interpolation_ast(
            vec![String::new(), String::new()],
            vec![ast],
            expression,
            absolute_offset,
        ),
        errors,
    }
}

/// Parses structural-directive microsyntax (Angular's `parseTemplateBindings`):
/// `template_key` is the directive name without `*` (`ngFor`) at `absolute_key_offset`,
/// `template_value` the attribute value at `absolute_value_offset`.
pub fn parse_template_bindings(
    template_key: &str,
    template_value: &str,
    absolute_key_offset: u32,
    absolute_value_offset: u32,
) -> TemplateBindingParseResult {
    let tokens = lexer::tokenize(template_value);
    let mut parser = Parser::new(
        template_value,
        template_value,
        absolute_value_offset,
        tokens,
        false,
        0,
    );
    let key = TemplateBindingIdentifier {
        source: template_key.to_string(),
        span: AbsoluteSpan::new(
            absolute_key_offset,
            absolute_key_offset + template_key.len() as u32,
        ),
    };
    let template_bindings = parser.parse_template_bindings(key);
    TemplateBindingParseResult {
        template_bindings,
        warnings: Vec::new(),
        errors: parser.errors,
    }
}

/// A plain attribute value as an expression: a string literal (or `null` for a missing value)
/// spanning the whole text (Angular's `wrapLiteralPrimitive`).
pub fn wrap_literal_primitive(input: Option<&str>, absolute_offset: u32) -> AstWithSource {
    let text = input.unwrap_or("");
    let span = ParseSpan::new(0, text.len() as u32);
    let value = match input {
        Some(v) => Literal::String(v.to_string()),
        None => Literal::Null,
    };
    let ast = Ast::new(
        span,
        span.to_absolute(absolute_offset),
        AstKind::LiteralPrimitive(value),
    );
    AstWithSource::new(ast, text, absolute_offset)
}
