//! The expression parser's state: a port of Angular 22.2's `_ParseAST` minus the grammar
//! (which is in [`crate::grammar`]): token cursor, span arithmetic, the depth guard, error
//! reporting and Angular's error recovery (`skip`). Spans and messages follow Angular
//! exactly, including its quirks (documented inline).
//!
//! Depth: Angular recurses without a limit (and throws a JS `RangeError` on very deep input).
//! This parser counts nesting — each recursive descent into a sub-expression and each link of
//! a left-associative chain (`a.b.c`, `a + b + c`, `a | p | q`) — and stops with the error
//! [`crate::DEPTH_LIMIT_MESSAGE`] beyond [`crate::MAX_DEPTH`] levels, so neither parsing nor
//! dropping or visiting the tree can overflow the stack. Recursion additionally runs under
//! `stacker::maybe_grow`, so the caller's thread needs no particular stack size.

use crate::ast::*;
use crate::lexer::{StringKind, Token, TokenKind};
use crate::text::{byte_at_utf16, utf16_col};
use crate::{ParseError, MAX_DEPTH};

static EOF_TOKEN: Token = Token {
    index: 0,
    end: 0,
    kind: TokenKind::Character,
    num: 0.0,
    text: String::new(),
    string_kind: StringKind::Plain,
};

pub(crate) struct Parser<'a> {
    /// The text quoted in messages and used for substrings (for interpolations: the whole
    /// interpolated string, while tokens index into one expression).
    pub(crate) input: &'a str,
    /// The text the tokens were lexed from (for UTF-16 columns in messages).
    pub(crate) lexed: &'a str,
    pub(crate) absolute_offset: u32,
    pub(crate) tokens: Vec<Token>,
    /// Angular's `ParseFlags.Action`.
    pub(crate) action: bool,
    pub(crate) errors: Vec<ParseError>,
    /// Position of the lexed text inside `input`.
    pub(crate) offset: u32,
    pub(crate) rparens_expected: i32,
    pub(crate) rbrackets_expected: i32,
    pub(crate) rbraces_expected: i32,
    /// Angular's `ParseContextFlags.Writable`.
    pub(crate) writable: bool,
    pub(crate) index: usize,
    pub(crate) depth: usize,
    pub(crate) depth_exceeded: bool,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(
        input: &'a str,
        lexed: &'a str,
        absolute_offset: u32,
        tokens: Vec<Token>,
        action: bool,
        offset: u32,
    ) -> Parser<'a> {
        Parser {
            input,
            lexed,
            absolute_offset,
            tokens,
            action,
            errors: Vec::new(),
            offset,
            rparens_expected: 0,
            rbrackets_expected: 0,
            rbraces_expected: 0,
            writable: false,
            index: 0,
            depth: 0,
            depth_exceeded: false,
        }
    }

    // ----- token access -----------------------------------------------------------------

    pub(crate) fn peek(&self, offset: isize) -> &Token {
        let i = self.index as isize + offset;
        if i >= 0 && (i as usize) < self.tokens.len() {
            &self.tokens[i as usize]
        } else {
            &EOF_TOKEN
        }
    }

    pub(crate) fn next(&self) -> &Token {
        self.peek(0)
    }

    /// `this.next === EOF` in Angular.
    pub(crate) fn next_is_eof(&self) -> bool {
        self.index >= self.tokens.len()
    }

    pub(crate) fn input_index(&self) -> u32 {
        if self.next_is_eof() {
            self.current_end_index()
        } else {
            self.next().index + self.offset
        }
    }

    pub(crate) fn current_end_index(&self) -> u32 {
        if self.index > self.tokens.len() {
            // Past the last token (after an error skipped to the end and the caller advanced
            // once more) Angular reads its EOF token, whose end is -1: positions become
            // `offset - 1`, negative at offset 0, which a `u32` span cannot hold; clamp to 0.
            return self.offset.saturating_sub(1);
        }
        if self.index > 0 {
            return self.peek(-1).end + self.offset;
        }
        if self.tokens.is_empty() {
            return self.input_len_plus_offset();
        }
        self.next().index + self.offset
    }

    pub(crate) fn current_absolute_offset(&self) -> u32 {
        self.absolute_offset + self.input_index()
    }

    pub(crate) fn span(&self, start: u32, artificial_end: Option<u32>) -> ParseSpan {
        let mut end = self.current_end_index();
        if let Some(a) = artificial_end {
            if a > end {
                end = a;
            }
        }
        let mut start = start;
        if start > end {
            std::mem::swap(&mut start, &mut end);
        }
        ParseSpan::new(start, end)
    }

    pub(crate) fn spans(&self, start: u32) -> (ParseSpan, AbsoluteSpan) {
        let span = self.span(start, None);
        (span, span.to_absolute(self.absolute_offset))
    }

    pub(crate) fn node(&self, start: u32, kind: AstKind) -> Ast {
        let (span, source_span) = self.spans(start);
        Ast::new(span, source_span, kind)
    }

    pub(crate) fn empty(&self, start: u32) -> Ast {
        self.node(start, AstKind::Empty)
    }

    /// Angular sometimes uses a token position (relative to the lexed text) as a position in
    /// `input` without adding the offset; both count UTF-16 units there. This maps such a
    /// position the same way, so spans match Angular's even with non-ASCII text.
    pub(crate) fn lexed_pos_as_input_pos(&self, pos: u32) -> u32 {
        if std::ptr::eq(self.lexed, self.input) {
            return pos;
        }
        byte_at_utf16(self.input, utf16_col(self.lexed, pos as usize)) as u32
    }

    /// Angular's `input.length + offset`, computed in UTF-16 units like Angular and mapped
    /// back to bytes (it points past the input when the offset is not 0).
    pub(crate) fn input_len_plus_offset(&self) -> u32 {
        let col = utf16_col(self.input, self.offset as usize) + self.input.encode_utf16().count();
        byte_at_utf16(self.input, col) as u32
    }

    pub(crate) fn advance(&mut self) {
        self.index += 1;
    }

    pub(crate) fn consume_optional_character(&mut self, c: char) -> bool {
        if self.next().is_character(c) {
            self.advance();
            true
        } else {
            false
        }
    }

    pub(crate) fn consume_optional_operator(&mut self, op: &str) -> bool {
        if self.next().is_operator(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    pub(crate) fn expect_character(&mut self, c: char) {
        if self.consume_optional_character(c) {
            return;
        }
        self.error(&format!("Missing expected {c}"));
    }

    pub(crate) fn expect_operator(&mut self, op: &str) {
        if self.consume_optional_operator(op) {
            return;
        }
        self.error(&format!("Missing expected operator {op}"));
    }

    pub(crate) fn is_assignment_operator(token: &Token) -> bool {
        token.kind == TokenKind::Operator
            && BinaryOp::from_text(&token.text).is_some_and(BinaryOp::is_assignment)
    }

    pub(crate) fn pretty_print_token(&self) -> String {
        if self.next_is_eof() {
            "end of input".into()
        } else {
            format!("token {}", self.next().display())
        }
    }

    pub(crate) fn expect_identifier_or_keyword(&mut self) -> Option<String> {
        let n = self.next();
        if n.kind != TokenKind::Identifier && n.kind != TokenKind::Keyword {
            if n.kind == TokenKind::PrivateIdentifier {
                let text = n.display();
                self.report_private_identifier(&text, Some("expected identifier or keyword"));
            } else {
                let msg = format!(
                    "Unexpected {}, expected identifier or keyword",
                    self.pretty_print_token()
                );
                self.error(&msg);
            }
            return None;
        }
        let text = n.display();
        self.advance();
        Some(text)
    }

    pub(crate) fn expect_identifier_or_keyword_or_string(&mut self) -> String {
        let n = self.next();
        if n.kind != TokenKind::Identifier
            && n.kind != TokenKind::Keyword
            && n.kind != TokenKind::String
        {
            if n.kind == TokenKind::PrivateIdentifier {
                let text = n.display();
                self.report_private_identifier(
                    &text,
                    Some("expected identifier, keyword or string"),
                );
            } else {
                let msg = format!(
                    "Unexpected {}, expected identifier, keyword, or string",
                    self.pretty_print_token()
                );
                self.error(&msg);
            }
            return String::new();
        }
        let text = n.display();
        self.advance();
        text
    }

    // ----- depth limit ------------------------------------------------------------------

    /// Counts one level of nesting; past the limit reports the depth error once, drops the
    /// rest of the input and returns false.
    pub(crate) fn deeper(&mut self) -> bool {
        self.depth += 1;
        if self.depth <= MAX_DEPTH && !self.depth_exceeded {
            return true;
        }
        if !self.depth_exceeded {
            self.depth_exceeded = true;
            let msg = crate::DEPTH_LIMIT_MESSAGE.replace("{}", &MAX_DEPTH.to_string());
            self.push_error(&msg, self.index);
        }
        self.index = self.tokens.len();
        false
    }

    pub(crate) fn guarded(&mut self, f: impl FnOnce(&mut Self) -> Ast) -> Ast {
        let saved = self.depth;
        let result = if self.deeper() {
            // Debug builds spend ~17 KiB of stack per parenthesis level; grow the stack on
            // the heap instead of relying on the caller's thread having room.
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self))
        } else {
            let start = self.input_index();
            self.empty(start)
        };
        self.depth = saved;
        result
    }

    // ----- errors -----------------------------------------------------------------------

    pub(crate) fn error(&mut self, message: &str) {
        self.error_at(message, self.index);
    }

    /// Angular's `error(message, index)`: `index` is a token index (Angular sometimes passes a
    /// text offset here; the resulting column is reproduced as is).
    pub(crate) fn error_at(&mut self, message: &str, index: usize) {
        self.push_error(message, index);
        self.skip();
    }

    pub(crate) fn location_text(&self, index: usize) -> (String, AbsoluteSpan) {
        match self.tokens.get(index) {
            Some(token) => {
                let col = utf16_col(self.lexed, token.index as usize) + 1;
                let base = self.absolute_offset + self.offset;
                (
                    format!("at column {col} in"),
                    AbsoluteSpan::new(base + token.index, base + token.end),
                )
            }
            None => {
                let end = self.absolute_offset + self.offset + self.lexed.len() as u32;
                (
                    "at the end of the expression".into(),
                    AbsoluteSpan::new(end, end),
                )
            }
        }
    }

    pub(crate) fn push_error(&mut self, message: &str, index: usize) {
        let (location_text, span) = self.location_text(index);
        self.errors
            .push(ParseError::new(message, location_text, self.input, span));
    }

    pub(crate) fn report_private_identifier(&mut self, token_text: &str, extra: Option<&str>) {
        let mut msg = format!(
            "Private identifiers are not supported. Unexpected private identifier: {token_text}"
        );
        if let Some(extra) = extra {
            msg.push_str(", ");
            msg.push_str(extra);
        }
        self.error(&msg);
    }

    pub(crate) fn skip(&mut self) {
        while self.index < self.tokens.len() {
            let n = &self.tokens[self.index];
            if n.is_character(';')
                || n.is_operator("|")
                || (self.rparens_expected > 0 && n.is_character(')'))
                || (self.rbraces_expected > 0 && n.is_character('}'))
                || (self.rbrackets_expected > 0 && n.is_character(']'))
                || (self.writable && Self::is_assignment_operator(n))
            {
                break;
            }
            if n.kind == TokenKind::Error {
                let message = n.text.clone();
                // Angular passes the token's text offset where a token index is expected.
                let idx = utf16_col(self.lexed, n.index as usize);
                let (location_text, span) = self.location_text(idx);
                self.errors
                    .push(ParseError::new(&message, location_text, self.input, span));
            }
            self.advance();
        }
    }
}

/// `String.prototype.substring` on byte offsets (clamped, swapped when reversed).
pub(crate) fn substring(text: &str, start: u32, end: u32) -> &str {
    let (mut s, mut e) = (start as usize, end as usize);
    if s > e {
        std::mem::swap(&mut s, &mut e);
    }
    let s = s.min(text.len());
    let e = e.min(text.len());
    text.get(s..e).unwrap_or("")
}
