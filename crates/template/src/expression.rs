//! The one place where the template front end calls the binding-expression parser (crate `ngc-expression`).
//!
//! Offsets passed in are absolute byte offsets into the template; the expression spans that come back are
//! absolute too. Angular reports an expression error at the span of the construct being parsed (the attribute
//! value, the block parameter, the interpolation token), with a message that ends in `in <url>@<line>:<col>`;
//! [`Locator`] renders that location.

use ngc_expression as ex;

pub use ngc_expression::{Ast, AstKind, AstWithSource};

use crate::lexer::{Token, TokenKind};
use crate::span::{ParseError, Span};

/// A parsed expression with its source text (Angular's `ASTWithSource`).
pub type Expr = AstWithSource;

/// Converts byte offsets into Angular's `url@line:col` locations (line and UTF-16 column, zero-based).
#[derive(Debug, Clone, Default)]
pub struct Locator {
    url: String,
    source: String,
    /// Byte offsets where lines start (after each `\n`).
    line_starts: Vec<u32>,
}

impl Locator {
    pub fn new(url: &str, source: &str) -> Self {
        let mut line_starts = vec![0u32];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i as u32 + 1));
        Locator {
            url: url.to_string(),
            source: source.to_string(),
            line_starts,
        }
    }

    pub fn location(&self, offset: u32) -> String {
        let mut o = (offset as usize).min(self.source.len());
        while o > 0 && !self.source.is_char_boundary(o) {
            o -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|s| *s as usize <= o)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0) as usize;
        // Angular's cursor does not count `\r` as a column.
        let col: usize = self.source[line_start..o]
            .chars()
            .filter(|c| *c != '\r')
            .map(char::len_utf16)
            .sum();
        format!("{}@{}:{}", self.url, line, col)
    }

    fn error(&self, e: &ex::ParseError, span: Span) -> ParseError {
        let mut err = ParseError::new(e.angular_text(&self.location(span.start)), span);
        // Keep the expression parser's more specific code (NGRS21xx).
        err.code = e.code;
        err
    }
}

/// Expression parsing with Angular's error reporting; errors go to `errors`.
pub struct ExprParser<'a> {
    pub locator: &'a Locator,
    pub errors: &'a mut Vec<ParseError>,
}

impl ExprParser<'_> {
    fn push(&mut self, errs: &[ex::ParseError], span: Span) {
        for e in errs {
            let err = self.locator.error(e, span);
            self.errors.push(err);
        }
    }

    /// `parseBinding` (`span`: where errors are reported).
    pub fn binding(&mut self, source: &str, absolute_offset: u32, span: Span) -> Expr {
        let r = ex::parse_binding(source, absolute_offset);
        self.push(&r.errors, span);
        r.ast
    }

    /// `parseAction`.
    pub fn action(&mut self, source: &str, absolute_offset: u32, span: Span) -> Expr {
        let r = ex::parse_action(source, absolute_offset);
        self.push(&r.errors, span);
        r.ast
    }

    /// `parseInterpolationExpression`.
    pub fn interpolation_expression(
        &mut self,
        source: &str,
        absolute_offset: u32,
        span: Span,
    ) -> Expr {
        let r = ex::parse_interpolation_expression(source, absolute_offset);
        self.push(&r.errors, span);
        r.ast
    }

    /// `parseInterpolation`: `None` when `source` has no `{{ }}`. `tokens` are the HTML tokens of the text or
    /// attribute value (Angular's `interpolatedTokens`); errors inside an expression are reported at its token.
    pub fn interpolation(
        &mut self,
        source: &str,
        absolute_offset: u32,
        span: Span,
        tokens: Option<&[Token]>,
    ) -> Option<Expr> {
        // Angular parses each expression on its own (and reports its errors at its token) when the token list has
        // a token at `2 * i + 1`; raw text (`<textarea>`, `<title>`) is a single token, so there it parses the
        // whole text, as without tokens.
        let tokens = tokens.filter(|t| t.len() > 1);
        let index_map =
            tokens.map(|t| index_map_for_original_template(t, !source.contains('\u{E500}')));
        let r = ex::parse_interpolation(source, absolute_offset, index_map.as_deref())?;
        let split = tokens
            .map(|_| ex::split_interpolation(source, absolute_offset, index_map.as_deref()).0);
        for e in &r.errors {
            let split_level = e.message.starts_with("Blank expressions are not allowed")
                || e.message
                    .starts_with("Interpolation expression cannot only contain a comment");
            let mut err_span = span;
            if let (false, Some(tokens), Some(split)) = (split_level, tokens, split.as_ref()) {
                // Which expression the error belongs to: the last one starting at or before it.
                let idx = split
                    .offsets
                    .iter()
                    .rposition(|o| absolute_offset + *o <= e.span.start)
                    .unwrap_or(0);
                if let Some(tok) = tokens.get(idx * 2 + 1) {
                    err_span = tok.span;
                }
            }
            let err = self.locator.error(e, err_span);
            self.errors.push(err);
        }
        Some(r.ast)
    }

    /// `parseTemplateBindings` (`*dir="..."`), errors at `span` (the attribute).
    pub fn template_bindings(
        &mut self,
        key: &str,
        value: &str,
        key_offset: u32,
        value_offset: u32,
        span: Span,
    ) -> Vec<ex::TemplateBinding> {
        let r = ex::parse_template_bindings(key, value, key_offset, value_offset);
        self.push(&r.errors, span);
        for w in &r.warnings {
            self.errors.push(ParseError::new(w.clone(), span));
        }
        r.template_bindings
    }
}

/// Angular's `getIndexMapForOriginalTemplate`: `(consumed in decoded input, consumed in the template)` after
/// each token (entities are shorter decoded than written).
fn index_map_for_original_template(tokens: &[Token], ngsp_replaced: bool) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut original = 0u32;
    let mut input = 0u32;
    for t in tokens {
        if t.kind == TokenKind::EncodedEntity {
            // Angular counts UTF-16 units; in bytes, `&ngsp;` decodes to U+E500 (3 bytes) but the text being
            // parsed has it replaced by a space already.
            let decoded = match t.parts.first() {
                Some(d) if ngsp_replaced && d == "\u{E500}" => 1,
                Some(d) => d.len() as u32,
                None => 0,
            };
            let encoded = t.parts.get(1).map(|s| s.len()).unwrap_or(0) as u32;
            original += encoded;
            input += decoded;
        } else {
            let len: u32 = t.parts.iter().map(|p| p.len() as u32).sum();
            input += len;
            original += len;
        }
        out.push((input, original));
    }
    out
}

/// `wrapLiteralPrimitive`: a literal string (or `null`) as an expression.
pub fn literal(value: Option<&str>, absolute_offset: u32) -> Expr {
    let text = value.unwrap_or("");
    let span = ex::ParseSpan::new(0, text.len() as u32);
    let lit = match value {
        Some(v) => ex::Literal::String(v.to_string()),
        None => ex::Literal::Null,
    };
    AstWithSource::new(
        Ast::new(
            span,
            span.to_absolute(absolute_offset),
            AstKind::LiteralPrimitive(lit),
        ),
        text,
        absolute_offset,
    )
}

/// Whether the expression is empty (Angular's `EmptyExpr`).
pub fn is_empty(e: &Expr) -> bool {
    e.ast.is_empty()
}

/// Whether the expression contains a pipe anywhere (`track` validation).
pub fn has_pipe(e: &Expr) -> bool {
    let mut stack = vec![&e.ast];
    while let Some(n) = stack.pop() {
        if matches!(n.kind, AstKind::Pipe { .. }) {
            return true;
        }
        n.for_each_child(|c| stack.push(c));
    }
    false
}

/// The span of the expression's tree (Angular's `ast.sourceSpan` of an `ASTWithSource`).
pub fn inner_span(e: &Expr) -> Span {
    Span::new(e.ast.source_span.start, e.ast.source_span.end)
}

/// The absolute span of the whole source (`ASTWithSource.sourceSpan`).
pub fn source_span(e: &Expr) -> Span {
    Span::new(e.source_span.start, e.source_span.end)
}

/// Angular's `_isAllowedAssignmentEvent`: `[(x)]="expr"` must be assignable.
pub fn is_allowed_assignment_event(e: &Expr) -> bool {
    let mut ast = &e.ast;
    loop {
        match &ast.kind {
            AstKind::NonNullAssert(inner) => ast = inner,
            AstKind::Call { receiver, args, .. }
                if args.len() == 1
                    && matches!(&receiver.kind, AstKind::PropertyRead { receiver: r, name, .. } if name == "$any" && matches!(r.kind, AstKind::ImplicitReceiver)) =>
            {
                ast = &args[0];
            }
            AstKind::PropertyRead { .. } | AstKind::KeyedRead { .. } => {
                return !has_recursive_safe_receiver(ast)
            }
            _ => return false,
        }
    }
}

fn has_recursive_safe_receiver(ast: &Ast) -> bool {
    let mut ast = ast;
    loop {
        match &ast.kind {
            AstKind::SafePropertyRead { .. } | AstKind::SafeKeyedRead { .. } => return true,
            AstKind::Parenthesized(inner) => ast = inner,
            AstKind::PropertyRead { receiver, .. }
            | AstKind::KeyedRead { receiver, .. }
            | AstKind::Call { receiver, .. } => ast = receiver,
            _ => return false,
        }
    }
}

/// Re-exported microsyntax binding type.
pub use ngc_expression::TemplateBinding;
