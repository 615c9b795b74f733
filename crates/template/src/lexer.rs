//! The HTML tokenizer: Angular's `_Tokenizer` (ml_parser/lexer) rewritten over byte offsets.
//!
//! It turns template text into a flat list of [`Token`]s (tags, attributes, text with interpolations, entities,
//! comments, ICU expansion forms, `@` blocks and `@let` declarations). Errors never stop it: a malformed construct
//! becomes an error plus a text or incomplete token, and tokenizing goes on.

use crate::entities::NAMED_ENTITIES;
use crate::span::{ParseError, Span};
use crate::tag_definitions::{get_html_tag_definition, TagContentType};

/// Token kinds; the numbering follows Angular's `TokenType` (useful when comparing dumps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    TagOpenStart,
    TagOpenEnd,
    TagOpenEndVoid,
    TagClose,
    IncompleteTagOpen,
    Text,
    EscapableRawText,
    RawText,
    Interpolation,
    EncodedEntity,
    CommentStart,
    CommentEnd,
    StartTagComment,
    CdataStart,
    CdataEnd,
    AttrName,
    AttrQuote,
    AttrValueText,
    AttrValueInterpolation,
    DocType,
    ExpansionFormStart,
    ExpansionCaseValue,
    ExpansionCaseExpStart,
    ExpansionCaseExpEnd,
    ExpansionFormEnd,
    BlockOpenStart,
    BlockOpenEnd,
    BlockClose,
    BlockParameter,
    IncompleteBlockOpen,
    LetStart,
    LetValue,
    LetEnd,
    IncompleteLet,
    ProcessingInstruction,
    Eof,
}

/// One token: its kind, its string parts (meaning depends on the kind) and its span. `span.start` skips the
/// leading trivia (spaces, tabs, line breaks) of text tokens; `full_start` does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub parts: Vec<String>,
    pub span: Span,
    pub full_start: u32,
}

/// Options of the tokenizer.
#[derive(Debug, Clone)]
pub struct LexerOptions {
    pub tokenize_expansion_forms: bool,
    pub tokenize_blocks: bool,
    pub tokenize_let: bool,
    pub preserve_line_endings: bool,
    /// Normalise `\r\n` in ICU switch expressions too (ngc does for inline templates).
    pub i18n_normalize_line_endings_in_icus: bool,
    /// Characters skipped at the start of a token's span (its `full_start` keeps them).
    pub leading_trivia: Vec<char>,
}

impl Default for LexerOptions {
    fn default() -> Self {
        LexerOptions {
            tokenize_expansion_forms: true,
            tokenize_blocks: true,
            tokenize_let: true,
            preserve_line_endings: false,
            i18n_normalize_line_endings_in_icus: false,
            leading_trivia: vec![' ', '\n', '\r', '\t'],
        }
    }
}

pub struct TokenizeResult {
    pub tokens: Vec<Token>,
    pub errors: Vec<ParseError>,
}

const SUPPORTED_BLOCKS: &[&str] = &[
    "@if",
    "@else",
    "@for",
    "@switch",
    "@case",
    "@default",
    "@empty",
    "@defer",
    "@placeholder",
    "@loading",
    "@boundary",
    "@error",
    "@content",
];

pub fn tokenize(source: &str, options: &LexerOptions) -> TokenizeResult {
    let mut t = Tokenizer::new(source, options);
    t.tokenize();
    TokenizeResult {
        tokens: merge_text_tokens(t.tokens),
        errors: t.errors,
    }
}

#[derive(Debug, Clone, Copy)]
struct Cursor {
    pos: usize,
    peek: Option<char>,
}

/// An error thrown inside the tokenizer, recovered from in the main loop (Angular's exceptions).
struct LexError {
    msg: String,
    span: Span,
    /// A cursor error: the message still needs the ICU suffix and the token reset.
    raw: bool,
}

type LResult<T> = Result<T, LexError>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum ExpStack {
    Form,
    Case,
}

struct Tokenizer<'a> {
    input: &'a str,
    cursor: Cursor,
    options: &'a LexerOptions,
    current_start: Option<Cursor>,
    current_kind: Option<TokenKind>,
    expansion_stack: Vec<ExpStack>,
    in_interpolation: bool,
    tokens: Vec<Token>,
    errors: Vec<ParseError>,
}

pub(crate) fn is_whitespace(c: Option<char>) -> bool {
    match c {
        Some(c) => ('\t'..=' ').contains(&c) || c == '\u{a0}',
        None => false,
    }
}
fn is_not_whitespace(c: Option<char>) -> bool {
    !is_whitespace(c) || c.is_none()
}
fn is_new_line(c: Option<char>) -> bool {
    c == Some('\n') || c == Some('\r')
}
fn is_ascii_letter(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphabetic())
}
fn is_digit(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_ascii_digit())
}
fn is_quote(c: Option<char>) -> bool {
    c == Some('\'') || c == Some('"') || c == Some('`')
}
fn is_name_end(c: Option<char>) -> bool {
    is_whitespace(c) || matches!(c, Some('>' | '<' | '/' | '\'' | '"' | '=') | None)
}
fn is_prefix_end(c: Option<char>) -> bool {
    !matches!(c, Some(c) if c.is_ascii_alphanumeric())
}
fn is_digit_entity_end(c: Option<char>) -> bool {
    c == Some(';') || c.is_none() || !matches!(c, Some(c) if c.is_ascii_hexdigit())
}
fn is_named_entity_end(c: Option<char>) -> bool {
    c == Some(';') || c.is_none() || !matches!(c, Some(c) if c.is_ascii_alphanumeric())
}
fn is_block_name_char(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphanumeric() || c == '_')
}
fn is_block_parameter_char(c: Option<char>) -> bool {
    c != Some(';') && is_not_whitespace(c)
}
fn is_attribute_terminator(c: Option<char>) -> bool {
    matches!(c, Some('/' | '>' | '<') | None)
}

fn unexpected_character(c: Option<char>) -> String {
    match c {
        None => "Unexpected character \"EOF\"".to_string(),
        Some(c) => format!("Unexpected character \"{c}\""),
    }
}

fn process_carriage_returns(s: String, preserve: bool) -> String {
    if preserve || !s.contains('\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

impl<'a> Tokenizer<'a> {
    fn new(input: &'a str, options: &'a LexerOptions) -> Self {
        let cursor = Cursor {
            pos: 0,
            peek: input.chars().next(),
        };
        Tokenizer {
            input,
            cursor,
            options,
            current_start: None,
            current_kind: None,
            expansion_stack: Vec::new(),
            in_interpolation: false,
            tokens: Vec::new(),
            errors: Vec::new(),
        }
    }

    // ---- cursor ----
    fn peek(&self) -> Option<char> {
        self.cursor.peek
    }
    fn advance(&mut self) -> LResult<()> {
        match self.cursor.peek {
            None => Err(LexError {
                msg: "Unexpected character \"EOF\"".into(),
                span: Span::new(self.cursor.pos as u32, self.cursor.pos as u32),
                raw: true,
            }),
            Some(c) => {
                self.cursor.pos += c.len_utf8();
                self.cursor.peek = self.input[self.cursor.pos..].chars().next();
                Ok(())
            }
        }
    }
    fn chars_since(&self, start: Cursor) -> &'a str {
        &self.input[start.pos..self.cursor.pos]
    }
    fn chars_left(&self) -> usize {
        self.input.len() - self.cursor.pos
    }
    fn span_from(&self, start: Cursor) -> Span {
        Span::new(start.pos as u32, self.cursor.pos as u32)
    }
    fn point(&self) -> Span {
        Span::new(self.cursor.pos as u32, self.cursor.pos as u32)
    }

    fn tokenize(&mut self) {
        while self.peek().is_some() {
            let start = self.cursor;
            let r = self.tokenize_one(start);
            if let Err(e) = r {
                self.handle_error(e);
            }
        }
        self.begin_token(TokenKind::Eof, None);
        self.end_token(vec![], None);
    }

    fn tokenize_one(&mut self, start: Cursor) -> LResult<()> {
        if self.attempt_char('<')? {
            if self.attempt_char('!')? {
                if self.attempt_char('[')? {
                    self.consume_cdata(start)?;
                } else if self.attempt_char('-')? {
                    self.consume_comment(start)?;
                } else {
                    self.consume_doc_type(start)?;
                }
            } else if self.attempt_char('/')? {
                self.consume_tag_close(start)?;
            } else if self.attempt_char('?')? {
                self.consume_processing_instruction(start)?;
            } else {
                self.consume_tag_open(start)?;
            }
        } else if self.options.tokenize_let
            && self.peek() == Some('@')
            && !self.in_interpolation
            && self.is_let_start()
        {
            self.consume_let_declaration(start)?;
        } else if self.options.tokenize_blocks && self.is_block_start() {
            self.consume_block_start(start)?;
        } else if self.options.tokenize_blocks
            && !self.in_interpolation
            && !self.is_in_expansion_case()
            && !self.is_in_expansion_form()
            && self.attempt_char('}')?
        {
            self.begin_token(TokenKind::BlockClose, Some(start));
            self.end_token(vec![], None);
        } else if !(self.options.tokenize_expansion_forms && self.tokenize_expansion_form()?) {
            self.consume_with_interpolation(
                TokenKind::Text,
                TokenKind::Interpolation,
                EndPred::TextEnd,
                EndPred::TagStart,
            )?;
        }
        Ok(())
    }

    fn handle_error(&mut self, e: LexError) {
        let msg = if e.raw {
            self.decorate_error(e.msg)
        } else {
            e.msg
        };
        self.errors.push(ParseError::new(msg, e.span));
    }

    fn decorate_error(&mut self, mut msg: String) -> String {
        if self.is_in_expansion_form() {
            msg.push_str(" (Do you have an unescaped \"{\" in your template? Use \"{{ '{' }}\") to escape it.)");
        }
        self.current_start = None;
        self.current_kind = None;
        msg
    }

    fn create_error(&mut self, msg: String, span: Span) -> LexError {
        let msg = self.decorate_error(msg);
        LexError {
            msg,
            span,
            raw: false,
        }
    }

    fn begin_token(&mut self, kind: TokenKind, start: Option<Cursor>) {
        self.current_start = Some(start.unwrap_or(self.cursor));
        self.current_kind = Some(kind);
    }

    /// Ends the current token and returns its index in `tokens`.
    fn end_token(&mut self, parts: Vec<String>, end: Option<Cursor>) -> usize {
        let start = self.current_start.take().unwrap_or(self.cursor);
        let kind = self.current_kind.take().unwrap_or(TokenKind::Text);
        let end = end.unwrap_or(self.cursor);
        let mut s = start.pos;
        // Skip leading trivia for the span start.
        if !self.options.leading_trivia.is_empty() {
            let bytes = self.input;
            while s < end.pos {
                match bytes[s..].chars().next() {
                    Some(c) if self.options.leading_trivia.contains(&c) => s += c.len_utf8(),
                    _ => break,
                }
            }
        }
        self.tokens.push(Token {
            kind,
            parts,
            span: Span::new(s as u32, end.pos as u32),
            full_start: start.pos as u32,
        });
        self.tokens.len() - 1
    }

    fn attempt_char(&mut self, c: char) -> LResult<bool> {
        if self.peek() == Some(c) {
            self.advance()?;
            return Ok(true);
        }
        Ok(false)
    }
    fn attempt_char_ci(&mut self, c: char) -> LResult<bool> {
        match self.peek() {
            Some(p) if p.eq_ignore_ascii_case(&c) => {
                self.advance()?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }
    fn require_char(&mut self, c: char) -> LResult<()> {
        let location = self.cursor;
        if !self.attempt_char(c)? {
            let msg = unexpected_character(self.peek());
            return Err(self.create_error(msg, self.span_from(location)));
        }
        Ok(())
    }
    fn attempt_str(&mut self, s: &str) -> LResult<bool> {
        if self.chars_left() < s.len() {
            return Ok(false);
        }
        let initial = self.cursor;
        for c in s.chars() {
            if !self.attempt_char(c)? {
                self.cursor = initial;
                return Ok(false);
            }
        }
        Ok(true)
    }
    fn attempt_str_ci(&mut self, s: &str) -> LResult<bool> {
        for c in s.chars() {
            if !self.attempt_char_ci(c)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
    fn require_str(&mut self, s: &str) -> LResult<()> {
        let location = self.cursor;
        if !self.attempt_str(s)? {
            let msg = unexpected_character(self.peek());
            return Err(self.create_error(msg, self.span_from(location)));
        }
        Ok(())
    }
    fn attempt_until(&mut self, mut pred: impl FnMut(Option<char>) -> bool) -> LResult<()> {
        while !pred(self.peek()) {
            self.advance()?;
        }
        Ok(())
    }
    fn require_until(&mut self, pred: impl FnMut(Option<char>) -> bool, len: usize) -> LResult<()> {
        let start = self.cursor;
        self.attempt_until(pred)?;
        if self.cursor.pos - start.pos < len {
            let msg = unexpected_character(self.peek());
            return Err(self.create_error(msg, self.span_from(start)));
        }
        Ok(())
    }
    fn attempt_until_char(&mut self, c: char) -> LResult<()> {
        while self.peek() != Some(c) {
            self.advance()?;
        }
        Ok(())
    }
    fn attempt_until_ignore_quotes(&mut self, pred: impl Fn(Option<char>) -> bool) -> LResult<()> {
        while self.peek().is_some() {
            let c = self.peek();
            if pred(c) {
                break;
            }
            if is_quote(c) {
                self.advance()?;
                loop {
                    let inner = self.peek();
                    if inner == Some('\\') {
                        self.advance()?;
                        self.advance()?;
                        continue;
                    }
                    if inner == c {
                        break;
                    }
                    self.advance()?;
                }
            }
            self.advance()?;
        }
        Ok(())
    }
    fn read_char(&mut self) -> LResult<char> {
        let c = self.peek().unwrap_or('\0');
        self.advance()?;
        Ok(c)
    }
    fn peek_str(&self, s: &str) -> bool {
        self.input[self.cursor.pos..].starts_with(s)
    }
    fn is_block_start(&self) -> bool {
        self.peek() == Some('@') && SUPPORTED_BLOCKS.iter().any(|b| self.peek_str(b))
    }
    fn is_let_start(&self) -> bool {
        self.peek() == Some('@') && self.peek_str("@let")
    }

    // ---- blocks ----
    fn get_block_name(&mut self) -> LResult<String> {
        let mut spaces_allowed = false;
        let name_start = self.cursor;
        self.attempt_until(|c| {
            if is_whitespace(c) {
                return !spaces_allowed;
            }
            if is_block_name_char(c) {
                spaces_allowed = true;
                return false;
            }
            true
        })?;
        let result = self.chars_since(name_start).trim_matches(is_js_trim);
        if let Some(rest) = result.strip_prefix("else") {
            if starts_with_inline_ws_then(rest, "if") {
                return Ok("else if".into());
            }
        }
        if let Some(rest) = result.strip_prefix("default") {
            if starts_with_inline_ws_then(rest, "never") {
                return Ok("default never".into());
            }
        }
        Ok(result.to_string())
    }

    fn consume_block_start(&mut self, start: Cursor) -> LResult<()> {
        self.require_char('@')?;
        self.begin_token(TokenKind::BlockOpenStart, Some(start));
        let name = self.get_block_name()?;
        let idx = self.end_token(vec![name.clone()], None);
        if self.peek() == Some('(') {
            self.advance()?;
            self.consume_block_parameters()?;
            self.attempt_until(is_not_whitespace)?;
            if self.attempt_char(')')? {
                self.attempt_until(is_not_whitespace)?;
            } else {
                self.tokens[idx].kind = TokenKind::IncompleteBlockOpen;
                return Ok(());
            }
        }
        if name == "default never" && self.attempt_char(';')? {
            self.begin_token(TokenKind::BlockOpenEnd, None);
            self.end_token(vec![], None);
            self.begin_token(TokenKind::BlockClose, None);
            self.end_token(vec![], None);
            return Ok(());
        }
        if self.attempt_char('{')? {
            self.begin_token(TokenKind::BlockOpenEnd, None);
            self.end_token(vec![], None);
        } else if self.is_block_start() && (name == "case" || name == "default") {
            self.begin_token(TokenKind::BlockOpenEnd, None);
            self.end_token(vec![], None);
            self.begin_token(TokenKind::BlockClose, None);
            self.end_token(vec![], None);
        } else {
            self.tokens[idx].kind = TokenKind::IncompleteBlockOpen;
        }
        Ok(())
    }

    fn consume_block_parameters(&mut self) -> LResult<()> {
        self.attempt_until(is_block_parameter_char)?;
        while self.peek() != Some(')') && self.peek().is_some() {
            self.begin_token(TokenKind::BlockParameter, None);
            let start = self.cursor;
            let mut in_quote: Option<char> = None;
            let mut open_parens = 0i32;
            while (self.peek() != Some(';') && self.peek().is_some()) || in_quote.is_some() {
                let c = self.peek();
                if c == Some('\\') {
                    self.advance()?;
                } else if c.is_some() && c == in_quote {
                    in_quote = None;
                } else if in_quote.is_none() && is_quote(c) {
                    in_quote = c;
                } else if c == Some('(') && in_quote.is_none() {
                    open_parens += 1;
                } else if c == Some(')') && in_quote.is_none() {
                    if open_parens == 0 {
                        break;
                    } else if open_parens > 0 {
                        open_parens -= 1;
                    }
                }
                self.advance()?;
            }
            let text = self.chars_since(start).to_string();
            self.end_token(vec![text], None);
            self.attempt_until(is_block_parameter_char)?;
        }
        Ok(())
    }

    fn consume_let_declaration(&mut self, start: Cursor) -> LResult<()> {
        self.require_str("@let")?;
        self.begin_token(TokenKind::LetStart, Some(start));
        if is_whitespace(self.peek()) {
            self.attempt_until(is_not_whitespace)?;
        } else {
            let text = self.chars_since(start).to_string();
            let idx = self.end_token(vec![text], None);
            self.tokens[idx].kind = TokenKind::IncompleteLet;
            return Ok(());
        }
        let name = self.get_let_declaration_name()?;
        let idx = self.end_token(vec![name], None);
        self.attempt_until(is_not_whitespace)?;
        if !self.attempt_char('=')? {
            self.tokens[idx].kind = TokenKind::IncompleteLet;
            return Ok(());
        }
        self.attempt_until(|c| is_not_whitespace(c) && !is_new_line(c))?;
        self.consume_let_declaration_value()?;
        if self.peek() == Some(';') {
            self.begin_token(TokenKind::LetEnd, None);
            self.advance()?;
            self.end_token(vec![], None);
        } else {
            self.tokens[idx].kind = TokenKind::IncompleteLet;
            let s = self.span_from(start);
            // Angular's span for the incomplete token is computed with leading trivia skipping too.
            self.tokens[idx].span = Span::new(self.tokens[idx].span.start, s.end);
        }
        Ok(())
    }

    fn get_let_declaration_name(&mut self) -> LResult<String> {
        let name_start = self.cursor;
        let mut allow_digit = false;
        self.attempt_until(|c| {
            if is_ascii_letter(c)
                || c == Some('$')
                || c == Some('_')
                || (allow_digit && is_digit(c))
            {
                allow_digit = true;
                return false;
            }
            true
        })?;
        Ok(self
            .chars_since(name_start)
            .trim_matches(is_js_trim)
            .to_string())
    }

    fn consume_let_declaration_value(&mut self) -> LResult<()> {
        let start = self.cursor;
        self.begin_token(TokenKind::LetValue, Some(start));
        self.attempt_until_ignore_quotes(|c| c == Some(';'))?;
        let text = self.chars_since(start).to_string();
        self.end_token(vec![text], None);
        Ok(())
    }

    // ---- ICU ----
    fn tokenize_expansion_form(&mut self) -> LResult<bool> {
        if self.is_expansion_form_start() {
            self.consume_expansion_form_start()?;
            return Ok(true);
        }
        if self.peek() != Some('}') && self.is_in_expansion_form() {
            self.consume_expansion_case_start()?;
            return Ok(true);
        }
        if self.peek() == Some('}') {
            if self.is_in_expansion_case() {
                self.consume_expansion_case_end()?;
                return Ok(true);
            }
            if self.is_in_expansion_form() {
                self.consume_expansion_form_end()?;
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn consume_expansion_form_start(&mut self) -> LResult<()> {
        self.begin_token(TokenKind::ExpansionFormStart, None);
        self.require_char('{')?;
        self.end_token(vec![], None);
        self.expansion_stack.push(ExpStack::Form);
        self.begin_token(TokenKind::RawText, None);
        let mut condition = self.read_until(',')?;
        if self.options.i18n_normalize_line_endings_in_icus {
            condition = process_carriage_returns(condition, self.options.preserve_line_endings);
        }
        self.end_token(vec![condition], None);
        self.require_char(',')?;
        self.attempt_until(is_not_whitespace)?;
        self.begin_token(TokenKind::RawText, None);
        let kind = self.read_until(',')?;
        self.end_token(vec![kind], None);
        self.require_char(',')?;
        self.attempt_until(is_not_whitespace)?;
        Ok(())
    }
    fn consume_expansion_case_start(&mut self) -> LResult<()> {
        self.begin_token(TokenKind::ExpansionCaseValue, None);
        let value = self.read_until('{')?.trim_matches(is_js_trim).to_string();
        self.end_token(vec![value], None);
        self.attempt_until(is_not_whitespace)?;
        self.begin_token(TokenKind::ExpansionCaseExpStart, None);
        self.require_char('{')?;
        self.end_token(vec![], None);
        self.attempt_until(is_not_whitespace)?;
        self.expansion_stack.push(ExpStack::Case);
        Ok(())
    }
    fn consume_expansion_case_end(&mut self) -> LResult<()> {
        self.begin_token(TokenKind::ExpansionCaseExpEnd, None);
        self.require_char('}')?;
        self.end_token(vec![], None);
        self.attempt_until(is_not_whitespace)?;
        self.expansion_stack.pop();
        Ok(())
    }
    fn consume_expansion_form_end(&mut self) -> LResult<()> {
        self.begin_token(TokenKind::ExpansionFormEnd, None);
        self.require_char('}')?;
        self.end_token(vec![], None);
        self.expansion_stack.pop();
        Ok(())
    }
    fn read_until(&mut self, c: char) -> LResult<String> {
        let start = self.cursor;
        self.attempt_until_char(c)?;
        Ok(self.chars_since(start).to_string())
    }
    fn is_in_expansion(&self) -> bool {
        !self.expansion_stack.is_empty()
    }
    fn is_in_expansion_case(&self) -> bool {
        self.expansion_stack.last() == Some(&ExpStack::Case)
    }
    fn is_in_expansion_form(&self) -> bool {
        self.expansion_stack.last() == Some(&ExpStack::Form)
    }
    fn is_expansion_form_start(&self) -> bool {
        self.peek() == Some('{') && !self.peek_str("{{")
    }

    // ---- entities, raw text, comments ----
    fn consume_entity(&mut self, text_kind: TokenKind) -> LResult<()> {
        self.begin_token(TokenKind::EncodedEntity, None);
        let start = self.cursor;
        self.advance()?;
        if self.attempt_char('#')? {
            let is_hex = self.attempt_char('x')? || self.attempt_char('X')?;
            let code_start = self.cursor;
            self.attempt_until(is_digit_entity_end)?;
            if self.peek() != Some(';') {
                self.advance()?;
                let kind = if is_hex { "hexadecimal" } else { "decimal" };
                let msg = format!(
                    "Unable to parse entity \"{}\" - {kind} character reference entities must end with \";\"",
                    self.chars_since(start)
                );
                let p = self.point();
                return Err(self.create_error(msg, p));
            }
            let num = self.chars_since(code_start).to_string();
            self.advance()?;
            let parsed = if num.is_empty() {
                None
            } else {
                u32::from_str_radix(&num, if is_hex { 16 } else { 10 }).ok()
            };
            // A surrogate code point cannot be a Rust char: it becomes U+FFFD (the oracle prints the same).
            let decoded = parsed.and_then(|v| {
                if (0xd800..=0xdfff).contains(&v) {
                    Some('\u{fffd}')
                } else {
                    char::from_u32(v)
                }
            });
            match decoded {
                Some(c) => {
                    let src = self.chars_since(start).to_string();
                    self.end_token(vec![c.to_string(), src], None);
                }
                None => {
                    let msg = format!(
                        "Unknown entity \"{}\" - use the \"&#<decimal>;\" or  \"&#x<hex>;\" syntax",
                        self.chars_since(start)
                    );
                    let p = self.point();
                    return Err(self.create_error(msg, p));
                }
            }
        } else {
            let name_start = self.cursor;
            self.attempt_until(is_named_entity_end)?;
            if self.peek() != Some(';') {
                self.begin_token(text_kind, Some(start));
                self.cursor = name_start;
                self.end_token(vec!["&".into()], None);
            } else {
                let name = self.chars_since(name_start).to_string();
                self.advance()?;
                match lookup_entity(&name) {
                    Some(v) => {
                        self.end_token(vec![v.to_string(), format!("&{name};")], None);
                    }
                    None => {
                        let msg = format!(
                            "Unknown entity \"{name}\" - use the \"&#<decimal>;\" or  \"&#x<hex>;\" syntax"
                        );
                        let s = self.span_from(start);
                        return Err(self.create_error(msg, s));
                    }
                }
            }
        }
        Ok(())
    }

    fn consume_raw_text(&mut self, consume_entities: bool, end: RawEnd) -> LResult<()> {
        let kind = if consume_entities {
            TokenKind::EscapableRawText
        } else {
            TokenKind::RawText
        };
        self.begin_token(kind, None);
        let mut parts = String::new();
        loop {
            let tag_close_start = self.cursor;
            let found = self.raw_end_marker(&end)?;
            self.cursor = tag_close_start;
            if found {
                break;
            }
            if consume_entities && self.peek() == Some('&') {
                let p = std::mem::take(&mut parts);
                let p = process_carriage_returns(p, self.options.preserve_line_endings);
                self.end_token(vec![p], None);
                self.consume_entity(TokenKind::EscapableRawText)?;
                self.begin_token(TokenKind::EscapableRawText, None);
            } else {
                parts.push(self.read_char()?);
            }
        }
        let p = process_carriage_returns(parts, self.options.preserve_line_endings);
        self.end_token(vec![p], None);
        Ok(())
    }

    fn raw_end_marker(&mut self, end: &RawEnd) -> LResult<bool> {
        match end {
            RawEnd::Str(s) => self.attempt_str(s),
            RawEnd::TagClose(name) => {
                if !self.attempt_char('<')? {
                    return Ok(false);
                }
                if !self.attempt_char('/')? {
                    return Ok(false);
                }
                self.attempt_until(is_not_whitespace)?;
                if !self.attempt_str_ci(name)? {
                    return Ok(false);
                }
                self.attempt_until(is_not_whitespace)?;
                self.attempt_char('>')
            }
        }
    }

    fn consume_comment(&mut self, start: Cursor) -> LResult<()> {
        self.begin_token(TokenKind::CommentStart, Some(start));
        self.require_char('-')?;
        self.end_token(vec![], None);
        self.consume_raw_text(false, RawEnd::Str("-->"))?;
        self.begin_token(TokenKind::CommentEnd, None);
        self.require_str("-->")?;
        self.end_token(vec![], None);
        Ok(())
    }
    fn consume_cdata(&mut self, start: Cursor) -> LResult<()> {
        self.begin_token(TokenKind::CdataStart, Some(start));
        self.require_str("CDATA[")?;
        self.end_token(vec![], None);
        self.consume_raw_text(false, RawEnd::Str("]]>"))?;
        self.begin_token(TokenKind::CdataEnd, None);
        self.require_str("]]>")?;
        self.end_token(vec![], None);
        Ok(())
    }
    fn consume_doc_type(&mut self, start: Cursor) -> LResult<()> {
        self.begin_token(TokenKind::DocType, Some(start));
        let content_start = self.cursor;
        self.attempt_until_char('>')?;
        let content = self.chars_since(content_start).to_string();
        self.advance()?;
        self.end_token(vec![content], None);
        Ok(())
    }
    fn consume_processing_instruction(&mut self, start: Cursor) -> LResult<()> {
        self.begin_token(TokenKind::ProcessingInstruction, Some(start));
        let content_start = self.cursor;
        self.attempt_until_ignore_quotes(|c| c == Some('?') || c == Some('>'))?;
        let end_char = self.peek();
        let content = self.chars_since(content_start).to_string();
        self.advance()?;
        if end_char == Some('?') {
            self.require_char('>')?;
        }
        self.end_token(vec![content], None);
        Ok(())
    }

    // ---- tags ----
    fn consume_prefix_and_name(
        &mut self,
        end_pred: &mut dyn FnMut(Option<char>) -> bool,
    ) -> LResult<(String, String)> {
        let start = self.cursor;
        let mut prefix = String::new();
        while self.peek() != Some(':') && !is_prefix_end(self.peek()) {
            self.advance()?;
        }
        let name_start = if self.peek() == Some(':') {
            prefix = self.chars_since(start).to_string();
            self.advance()?;
            self.cursor
        } else {
            start
        };
        let len = if prefix.is_empty() { 0 } else { 1 };
        self.require_until(end_pred, len)?;
        let name = self.chars_since(name_start).to_string();
        Ok((prefix, name))
    }

    fn consume_single_line_comment(&mut self, start: Cursor) -> LResult<()> {
        let content_start = self.cursor;
        self.attempt_until(|c| is_new_line(c) || c.is_none())?;
        let span_end = self.cursor;
        let content = self.chars_since(content_start).to_string();
        self.begin_token(TokenKind::StartTagComment, Some(start));
        self.end_token(vec![content, "single".into()], Some(span_end));
        self.attempt_until(is_not_whitespace)?;
        Ok(())
    }

    fn consume_multi_line_comment(&mut self, start: Cursor) -> LResult<()> {
        let content_start = self.cursor;
        loop {
            match self.peek() {
                None => break,
                Some('*') if self.input[self.cursor.pos + 1..].starts_with('/') => break,
                _ => self.advance()?,
            }
        }
        let content_end = self.cursor;
        let content = self.chars_since(content_start).to_string();
        let mut span_end = content_end;
        if self.attempt_str("*/")? {
            span_end = self.cursor;
            self.attempt_until(is_not_whitespace)?;
        }
        self.begin_token(TokenKind::StartTagComment, Some(start));
        self.end_token(vec![content, "multi".into()], Some(span_end));
        Ok(())
    }

    fn consume_tag_open(&mut self, start: Cursor) -> LResult<()> {
        let mut open_token: Option<usize> = None;
        let r: LResult<(String, String)> = (|| {
            if !is_ascii_letter(self.peek()) {
                let msg = unexpected_character(self.peek());
                let s = self.span_from(start);
                return Err(self.create_error(msg, s));
            }
            self.begin_token(TokenKind::TagOpenStart, Some(start));
            let (prefix, name) = self.consume_prefix_and_name(&mut is_name_end)?;
            open_token = Some(self.end_token(vec![prefix.clone(), name.clone()], None));
            self.attempt_until(is_not_whitespace)?;
            loop {
                let comment_start = self.cursor;
                if self.attempt_str("//")? {
                    self.consume_single_line_comment(comment_start)?;
                    continue;
                }
                if self.attempt_str("/*")? {
                    self.consume_multi_line_comment(comment_start)?;
                    continue;
                }
                if is_attribute_terminator(self.peek()) {
                    break;
                }
                self.consume_attribute()?;
            }
            self.consume_tag_open_end()?;
            Ok((prefix, name))
        })();
        match r {
            Ok((prefix, name)) => {
                let def = get_html_tag_definition(&name);
                match def.content_type(Some(&prefix)) {
                    TagContentType::RawText => {
                        self.consume_raw_text_with_tag_close(&prefix, &name, false)?
                    }
                    TagContentType::EscapableRawText => {
                        self.consume_raw_text_with_tag_close(&prefix, &name, true)?
                    }
                    TagContentType::ParsableData => {}
                }
                Ok(())
            }
            Err(e) if !e.raw => {
                // A parse error inside the tag: the open token becomes incomplete, or the `<` becomes text.
                // The error itself is dropped, as Angular does.
                match open_token {
                    Some(i) => self.tokens[i].kind = TokenKind::IncompleteTagOpen,
                    None => {
                        self.begin_token(TokenKind::Text, Some(start));
                        self.end_token(vec!["<".into()], None);
                    }
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn consume_raw_text_with_tag_close(
        &mut self,
        prefix: &str,
        name: &str,
        entities: bool,
    ) -> LResult<()> {
        self.consume_raw_text(entities, RawEnd::TagClose(name.to_string()))?;
        self.begin_token(TokenKind::TagClose, None);
        self.require_until(|c| c == Some('>'), 3)?;
        self.advance()?;
        self.end_token(vec![prefix.to_string(), name.to_string()], None);
        Ok(())
    }

    fn consume_attribute(&mut self) -> LResult<()> {
        self.consume_attribute_name()?;
        self.attempt_until(is_not_whitespace)?;
        if self.attempt_char('=')? {
            self.attempt_until(is_not_whitespace)?;
            self.consume_attribute_value()?;
        }
        self.attempt_until(is_not_whitespace)?;
        Ok(())
    }

    fn consume_attribute_name(&mut self) -> LResult<()> {
        let first = self.peek();
        if first == Some('\'') || first == Some('"') {
            let msg = unexpected_character(first);
            let p = self.point();
            return Err(self.create_error(msg, p));
        }
        self.begin_token(TokenKind::AttrName, None);
        let (prefix, name) = if first == Some('[') {
            let mut open = 0i32;
            self.consume_prefix_and_name(&mut |c| {
                if c == Some('[') {
                    open += 1;
                } else if c == Some(']') {
                    open -= 1;
                }
                if open <= 0 {
                    is_name_end(c)
                } else {
                    is_new_line(c)
                }
            })?
        } else {
            self.consume_prefix_and_name(&mut is_name_end)?
        };
        self.end_token(vec![prefix, name], None);
        Ok(())
    }

    fn consume_attribute_value(&mut self) -> LResult<()> {
        let q = self.peek();
        if q == Some('\'') || q == Some('"') {
            let quote = q;
            self.consume_quote(quote)?;
            self.consume_with_interpolation(
                TokenKind::AttrValueText,
                TokenKind::AttrValueInterpolation,
                EndPred::Char(quote),
                EndPred::Char(quote),
            )?;
            self.consume_quote(quote)?;
        } else {
            self.consume_with_interpolation(
                TokenKind::AttrValueText,
                TokenKind::AttrValueInterpolation,
                EndPred::NameEnd,
                EndPred::NameEnd,
            )?;
        }
        Ok(())
    }

    fn consume_quote(&mut self, quote: Option<char>) -> LResult<()> {
        self.begin_token(TokenKind::AttrQuote, None);
        let q = quote.unwrap_or('"');
        self.require_char(q)?;
        self.end_token(vec![q.to_string()], None);
        Ok(())
    }

    fn consume_tag_open_end(&mut self) -> LResult<()> {
        let kind = if self.attempt_char('/')? {
            TokenKind::TagOpenEndVoid
        } else {
            TokenKind::TagOpenEnd
        };
        self.begin_token(kind, None);
        self.require_char('>')?;
        self.end_token(vec![], None);
        Ok(())
    }

    fn consume_tag_close(&mut self, start: Cursor) -> LResult<()> {
        self.begin_token(TokenKind::TagClose, Some(start));
        self.attempt_until(is_not_whitespace)?;
        let (prefix, name) = self.consume_prefix_and_name(&mut is_name_end)?;
        self.attempt_until(is_not_whitespace)?;
        self.require_char('>')?;
        self.end_token(vec![prefix, name], None);
        Ok(())
    }

    // ---- text and interpolation ----
    fn eval_end(&mut self, p: EndPred) -> bool {
        match p {
            EndPred::TextEnd => self.is_text_end(),
            EndPred::TagStart => self.is_tag_start(),
            EndPred::Char(c) => self.peek() == c,
            EndPred::NameEnd => is_name_end(self.peek()),
        }
    }

    fn consume_with_interpolation(
        &mut self,
        text_kind: TokenKind,
        interp_kind: TokenKind,
        end: EndPred,
        end_interpolation: EndPred,
    ) -> LResult<()> {
        self.begin_token(text_kind, None);
        let mut parts = String::new();
        while !self.eval_end(end) {
            let current = self.cursor;
            if self.attempt_str("{{")? {
                let p = process_carriage_returns(
                    std::mem::take(&mut parts),
                    self.options.preserve_line_endings,
                );
                self.end_token(vec![p], Some(current));
                self.consume_interpolation(interp_kind, current, end_interpolation)?;
                self.begin_token(text_kind, None);
            } else if self.peek() == Some('&') {
                let p = process_carriage_returns(
                    std::mem::take(&mut parts),
                    self.options.preserve_line_endings,
                );
                self.end_token(vec![p], None);
                self.consume_entity(text_kind)?;
                self.begin_token(text_kind, None);
            } else {
                parts.push(self.read_char()?);
            }
        }
        self.in_interpolation = false;
        let p = process_carriage_returns(parts, self.options.preserve_line_endings);
        self.end_token(vec![p], None);
        Ok(())
    }

    fn consume_interpolation(
        &mut self,
        kind: TokenKind,
        start: Cursor,
        premature_end: EndPred,
    ) -> LResult<()> {
        let mut parts = vec!["{{".to_string()];
        self.begin_token(kind, Some(start));
        let expression_start = self.cursor;
        let mut in_quote: Option<char> = None;
        let mut in_comment = false;
        while self.peek().is_some() && !self.eval_end(premature_end) {
            let current = self.cursor;
            if self.is_tag_start() {
                self.cursor = current;
                parts.push(self.processed(expression_start, current));
                self.end_token(parts, None);
                return Ok(());
            }
            if in_quote.is_none() {
                if self.attempt_str("}}")? {
                    parts.push(self.processed(expression_start, current));
                    parts.push("}}".into());
                    self.end_token(parts, None);
                    return Ok(());
                } else if self.attempt_str("//")? {
                    in_comment = true;
                }
            }
            let c = self.peek();
            self.advance()?;
            if c == Some('\\') {
                self.advance()?;
            } else if c.is_some() && c == in_quote {
                in_quote = None;
            } else if !in_comment && in_quote.is_none() && is_quote(c) {
                in_quote = c;
            }
        }
        let end = self.cursor;
        parts.push(self.processed(expression_start, end));
        self.end_token(parts, None);
        Ok(())
    }

    fn processed(&self, start: Cursor, end: Cursor) -> String {
        process_carriage_returns(
            self.input[start.pos..end.pos].to_string(),
            self.options.preserve_line_endings,
        )
    }

    fn is_text_end(&self) -> bool {
        if self.is_tag_start() || self.peek().is_none() {
            return true;
        }
        if self.options.tokenize_expansion_forms && !self.in_interpolation {
            if self.is_expansion_form_start() {
                return true;
            }
            if self.peek() == Some('}') && self.is_in_expansion_case() {
                return true;
            }
        }
        if self.options.tokenize_blocks
            && !self.in_interpolation
            && !self.is_in_expansion()
            && (self.is_block_start() || self.is_let_start() || self.peek() == Some('}'))
        {
            return true;
        }
        false
    }

    fn is_tag_start(&self) -> bool {
        if self.peek() == Some('<') {
            let next = self.input[self.cursor.pos + 1..].chars().next();
            if let Some(c) = next {
                return c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?';
            }
        }
        false
    }
}

#[derive(Clone, Copy)]
enum EndPred {
    TextEnd,
    TagStart,
    Char(Option<char>),
    NameEnd,
}

enum RawEnd {
    Str(&'static str),
    TagClose(String),
}

/// JavaScript's `String.prototype.trim` whitespace (the common subset).
pub(crate) fn is_js_trim(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn starts_with_inline_ws_then(rest: &str, word: &str) -> bool {
    // `[^\S\r\n]+word`: at least one whitespace character other than CR/LF, then the word.
    let trimmed = rest.trim_start_matches(|c: char| is_js_trim(c) && c != '\r' && c != '\n');
    trimmed.len() < rest.len() && trimmed.starts_with(word)
}

pub(crate) fn lookup_entity(name: &str) -> Option<&'static str> {
    NAMED_ENTITIES
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| NAMED_ENTITIES[i].1)
}

fn merge_text_tokens(src: Vec<Token>) -> Vec<Token> {
    let mut dst: Vec<Token> = Vec::with_capacity(src.len());
    for token in src {
        if let Some(last) = dst.last_mut() {
            if (last.kind == TokenKind::Text && token.kind == TokenKind::Text)
                || (last.kind == TokenKind::AttrValueText && token.kind == TokenKind::AttrValueText)
            {
                let extra = token.parts.into_iter().next().unwrap_or_default();
                if let Some(p) = last.parts.first_mut() {
                    p.push_str(&extra);
                }
                last.span.end = token.span.end;
                continue;
            }
        }
        dst.push(token);
    }
    dst
}
