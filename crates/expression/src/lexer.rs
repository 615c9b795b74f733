//! The expression lexer: a port of Angular 22.2's `Lexer`/`_Scanner`.
//!
//! Token positions are UTF-8 byte offsets into the lexed text. Errors do not stop the lexer:
//! they become [`TokenKind::Error`] tokens whose text is Angular's exact message (with UTF-16
//! columns), and the parser reports them where it meets them.

use crate::text::utf16_col;

const EOF: u32 = 0;

/// What a token is. Mirrors Angular's `TokenType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Character,
    Identifier,
    PrivateIdentifier,
    Keyword,
    String,
    Operator,
    Number,
    RegExpBody,
    RegExpFlags,
    Error,
}

/// The kind of a string token: a plain quoted string or a piece of a template literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringKind {
    Plain,
    TemplateLiteralPart,
    TemplateLiteralEnd,
}

/// One token. `index..end` are byte offsets into the lexed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub index: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// The character code of a `Character` token, the value of a `Number` token.
    pub num: f64,
    /// The text of the token; the unescaped value of a string; the message of an error.
    pub text: String,
    pub string_kind: StringKind,
}

impl Token {
    fn new(index: usize, end: usize, kind: TokenKind, num: f64, text: String) -> Token {
        Token {
            index: index as u32,
            end: end as u32,
            kind,
            num,
            text,
            string_kind: StringKind::Plain,
        }
    }

    pub fn is_character(&self, c: char) -> bool {
        self.kind == TokenKind::Character && self.num == c as u32 as f64
    }
    pub fn is_operator(&self, op: &str) -> bool {
        self.kind == TokenKind::Operator && self.text == op
    }
    pub fn is_keyword(&self, kw: &str) -> bool {
        self.kind == TokenKind::Keyword && self.text == kw
    }
    pub fn is_template_literal_part(&self) -> bool {
        self.kind == TokenKind::String && self.string_kind == StringKind::TemplateLiteralPart
    }
    pub fn is_template_literal_end(&self) -> bool {
        self.kind == TokenKind::String && self.string_kind == StringKind::TemplateLiteralEnd
    }
    /// Angular's `Token.toString()`.
    pub fn display(&self) -> String {
        match self.kind {
            TokenKind::Number => crate::text::js_number_to_string(self.num),
            _ => self.text.clone(),
        }
    }
}

const KEYWORDS: &[&str] = &[
    "var",
    "let",
    "as",
    "null",
    "undefined",
    "true",
    "false",
    "if",
    "else",
    "this",
    "typeof",
    "void",
    "in",
    "instanceof",
];

/// Splits `text` into tokens the way Angular's `Lexer.tokenize` does.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut scanner = Scanner {
        input: text,
        tokens: Vec::new(),
        peek: EOF,
        index: 0,
        brace_stack: Vec::new(),
    };
    scanner.peek = scanner.char_at(0);
    while let Some(token) = scanner.scan_token() {
        scanner.tokens.push(token);
    }
    scanner.tokens
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Brace {
    Expression,
    Interpolation,
}

struct Scanner<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    peek: u32,
    /// Byte offset of `peek`; may run past the end like Angular's index does.
    index: usize,
    brace_stack: Vec<Brace>,
}

fn is_identifier_start(c: u32) -> bool {
    (b'a' as u32..=b'z' as u32).contains(&c)
        || (b'A' as u32..=b'Z' as u32).contains(&c)
        || c == '_' as u32
        || c == '$' as u32
}
fn is_ascii_letter(c: u32) -> bool {
    (b'a' as u32..=b'z' as u32).contains(&c) || (b'A' as u32..=b'Z' as u32).contains(&c)
}
fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}
fn is_identifier_part(c: u32) -> bool {
    is_ascii_letter(c) || is_digit(c) || c == '_' as u32 || c == '$' as u32
}
fn is_whitespace(c: u32) -> bool {
    (9..=32).contains(&c) || c == 0xA0
}
fn ch(c: char) -> u32 {
    c as u32
}

impl<'a> Scanner<'a> {
    fn char_at(&self, index: usize) -> u32 {
        if index >= self.input.len() {
            return EOF;
        }
        self.input[index..]
            .chars()
            .next()
            .map(|c| c as u32)
            .unwrap_or(EOF)
    }

    fn advance(&mut self) {
        let step = if self.index < self.input.len() {
            self.input[self.index..]
                .chars()
                .next()
                .map(char::len_utf8)
                .unwrap_or(1)
        } else {
            1
        };
        self.index += step;
        self.peek = self.char_at(self.index);
    }

    fn substring(&self, start: usize, end: usize) -> &'a str {
        let len = self.input.len();
        let (s, e) = (start.min(len), end.min(len));
        self.input.get(s..e).unwrap_or("")
    }

    fn scan_token(&mut self) -> Option<Token> {
        while self.index < self.input.len() && self.peek <= ch(' ') {
            self.advance();
        }
        if self.index >= self.input.len() {
            return None;
        }
        let peek = self.peek;
        if is_identifier_start(peek) {
            return Some(self.scan_identifier());
        }
        if is_digit(peek) {
            return Some(self.scan_number(self.index));
        }
        let start = self.index;
        let c = char::from_u32(peek).unwrap_or('\u{FFFD}');
        let token = match c {
            '.' => {
                self.advance();
                if is_digit(self.peek) {
                    return Some(self.scan_number(start));
                }
                if self.peek != ch('.') {
                    return Some(Token::new(
                        start,
                        self.index,
                        TokenKind::Character,
                        peek as f64,
                        ".".into(),
                    ));
                }
                self.advance();
                if self.peek == ch('.') {
                    self.advance();
                    return Some(Token::new(
                        start,
                        self.index,
                        TokenKind::Operator,
                        0.0,
                        "...".into(),
                    ));
                }
                self.error(&format!("Unexpected character [{}]", c), 0)
            }
            '(' | ')' | '[' | ']' | ',' | ':' | ';' => self.scan_character(start, peek),
            '{' => {
                self.brace_stack.push(Brace::Expression);
                self.scan_character(start, peek)
            }
            '}' => {
                self.advance();
                if self.brace_stack.pop() == Some(Brace::Interpolation) {
                    self.tokens.push(Token::new(
                        start,
                        self.index,
                        TokenKind::Character,
                        peek as f64,
                        "}".into(),
                    ));
                    let at = self.index;
                    return Some(self.scan_template_literal_part(at));
                }
                Token::new(
                    start,
                    self.index,
                    TokenKind::Character,
                    peek as f64,
                    "}".into(),
                )
            }
            '\'' | '"' => self.scan_string(),
            '`' => {
                self.advance();
                self.scan_template_literal_part(start)
            }
            '#' => self.scan_private_identifier(),
            '+' | '-' | '%' | '<' | '>' => {
                self.scan_complex_operator(start, c, Some(('=', "=")), None)
            }
            '/' => {
                if self.is_start_of_regex() {
                    self.scan_regex(start)
                } else {
                    self.scan_complex_operator(start, '/', Some(('=', "=")), None)
                }
            }
            '^' => {
                self.advance();
                Token::new(start, self.index, TokenKind::Operator, 0.0, "^".into())
            }
            '*' => self.scan_star(start),
            '?' => self.scan_question(start),
            '!' => self.scan_complex_operator(start, '!', Some(('=', "=")), Some(('=', "="))),
            '=' => self.scan_equals(start),
            '&' => self.scan_complex_operator(start, '&', Some(('&', "&")), Some(('=', "="))),
            '|' => self.scan_complex_operator(start, '|', Some(('|', "|")), Some(('=', "="))),
            '\u{A0}' => {
                while is_whitespace(self.peek) && self.index < self.input.len() {
                    self.advance();
                }
                return self.scan_token();
            }
            _ => {
                self.advance();
                self.error(&format!("Unexpected character [{}]", c), 0)
            }
        };
        Some(token)
    }

    fn scan_character(&mut self, start: usize, code: u32) -> Token {
        self.advance();
        let text = char::from_u32(code).map(String::from).unwrap_or_default();
        Token::new(start, self.index, TokenKind::Character, code as f64, text)
    }

    fn scan_complex_operator(
        &mut self,
        start: usize,
        one: char,
        two: Option<(char, &str)>,
        three: Option<(char, &str)>,
    ) -> Token {
        self.advance();
        let mut text = String::from(one);
        if let Some((code, s)) = two {
            if self.peek == ch(code) {
                self.advance();
                text.push_str(s);
            }
        }
        if let Some((code, s)) = three {
            if self.peek == ch(code) {
                self.advance();
                text.push_str(s);
            }
        }
        Token::new(start, self.index, TokenKind::Operator, 0.0, text)
    }

    fn scan_equals(&mut self, start: usize) -> Token {
        self.advance();
        let mut text = String::from("=");
        if self.peek == ch('=') {
            self.advance();
            text.push('=');
        } else if self.peek == ch('>') {
            self.advance();
            text.push('>');
            return Token::new(start, self.index, TokenKind::Operator, 0.0, text);
        }
        if self.peek == ch('=') {
            self.advance();
            text.push('=');
        }
        Token::new(start, self.index, TokenKind::Operator, 0.0, text)
    }

    fn scan_identifier(&mut self) -> Token {
        let start = self.index;
        self.advance();
        while is_identifier_part(self.peek) {
            self.advance();
        }
        let text = self.substring(start, self.index).to_string();
        let kind = if KEYWORDS.contains(&text.as_str()) {
            TokenKind::Keyword
        } else {
            TokenKind::Identifier
        };
        Token::new(start, self.index, kind, 0.0, text)
    }

    fn scan_private_identifier(&mut self) -> Token {
        let start = self.index;
        self.advance();
        if !is_identifier_start(self.peek) {
            return self.error("Invalid character [#]", -1);
        }
        while is_identifier_part(self.peek) {
            self.advance();
        }
        let text = self.substring(start, self.index).to_string();
        Token::new(start, self.index, TokenKind::PrivateIdentifier, 0.0, text)
    }

    fn byte_is_digit(&self, index: Option<usize>) -> bool {
        index
            .and_then(|i| self.input.as_bytes().get(i))
            .is_some_and(|b| b.is_ascii_digit())
    }

    fn scan_number(&mut self, start: usize) -> Token {
        let mut simple = self.index == start;
        let mut has_separators = false;
        self.advance();
        loop {
            if is_digit(self.peek) {
                // digits continue the number
            } else if self.peek == ch('_') {
                if !self.byte_is_digit(self.index.checked_sub(1))
                    || !self.byte_is_digit(Some(self.index + 1))
                {
                    return self.error("Invalid numeric separator", 0);
                }
                has_separators = true;
            } else if self.peek == ch('.') {
                simple = false;
            } else if self.peek == ch('e') || self.peek == ch('E') {
                self.advance();
                if self.peek == ch('-') || self.peek == ch('+') {
                    self.advance();
                }
                if !is_digit(self.peek) {
                    return self.error("Invalid exponent", -1);
                }
                simple = false;
            } else {
                break;
            }
            self.advance();
        }
        let mut text = self.substring(start, self.index).to_string();
        if has_separators {
            text.retain(|c| c != '_');
        }
        let value = if simple {
            text.parse::<f64>().unwrap_or(f64::NAN)
        } else {
            parse_float_prefix(&text)
        };
        Token::new(start, self.index, TokenKind::Number, value, String::new())
    }

    fn scan_string(&mut self) -> Token {
        let start = self.index;
        let quote = self.peek;
        self.advance();
        let mut buffer = String::new();
        let mut marker = self.index;
        while self.peek != quote {
            if self.peek == ch('\\') {
                match self.scan_string_backslash(buffer, marker) {
                    Ok(b) => buffer = b,
                    Err(token) => return token,
                }
                marker = self.index;
            } else if self.peek == EOF {
                return self.error("Unterminated quote", 0);
            } else {
                self.advance();
            }
        }
        buffer.push_str(self.substring(marker, self.index));
        self.advance();
        Token::new(start, self.index, TokenKind::String, 0.0, buffer)
    }

    fn scan_question(&mut self, start: usize) -> Token {
        self.advance();
        let mut text = String::from("?");
        if self.peek == ch('?') {
            text.push('?');
            self.advance();
            if self.peek == ch('=') {
                text.push('=');
                self.advance();
            }
        } else if self.peek == ch('.') {
            text.push('.');
            self.advance();
        }
        Token::new(start, self.index, TokenKind::Operator, 0.0, text)
    }

    fn scan_template_literal_part(&mut self, start: usize) -> Token {
        let mut buffer = String::new();
        let mut marker = self.index;
        while self.peek != ch('`') {
            if self.peek == ch('\\') {
                match self.scan_string_backslash(buffer, marker) {
                    Ok(b) => buffer = b,
                    Err(token) => return token,
                }
                marker = self.index;
            } else if self.peek == ch('$') {
                let dollar = self.index;
                self.advance();
                if self.peek == ch('{') {
                    self.brace_stack.push(Brace::Interpolation);
                    buffer.push_str(self.substring(marker, dollar));
                    let mut part = Token::new(start, dollar, TokenKind::String, 0.0, buffer);
                    part.string_kind = StringKind::TemplateLiteralPart;
                    self.tokens.push(part);
                    self.advance();
                    return Token::new(dollar, self.index, TokenKind::Operator, 0.0, "${".into());
                }
            } else if self.peek == EOF {
                return self.error("Unterminated template literal", 0);
            } else {
                self.advance();
            }
        }
        buffer.push_str(self.substring(marker, self.index));
        self.advance();
        let mut token = Token::new(start, self.index, TokenKind::String, 0.0, buffer);
        token.string_kind = StringKind::TemplateLiteralEnd;
        token
    }

    fn error(&self, message: &str, offset: isize) -> Token {
        let position = (self.index as isize + offset).max(0) as usize;
        let column = utf16_col(self.input, position);
        let text = format!(
            "Lexer Error: {message} at column {column} in expression [{}]",
            self.input
        );
        Token::new(position, self.index, TokenKind::Error, 0.0, text)
    }

    fn scan_string_backslash(
        &mut self,
        mut buffer: String,
        marker: usize,
    ) -> Result<String, Token> {
        buffer.push_str(self.substring(marker, self.index));
        self.advance();
        if self.peek == ch('u') {
            // Angular looks at the next four UTF-16 code units.
            let rest = self.substring(self.index + 1, self.input.len());
            let mut hex = String::new();
            let mut units = 0;
            for c in rest.chars() {
                if units >= 4 {
                    break;
                }
                units += c.len_utf16();
                hex.push(c);
            }
            let valid = !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
            if !valid {
                return Err(self.error(&format!("Invalid unicode escape [\\u{hex}]"), 0));
            }
            let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
            for _ in 0..5 {
                self.advance();
            }
            buffer.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        } else {
            let code = match self.peek {
                c if c == ch('n') => 10,
                c if c == ch('f') => 12,
                c if c == ch('r') => 13,
                c if c == ch('t') => 9,
                c if c == ch('v') => 11,
                c => c,
            };
            self.advance();
            buffer.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        }
        Ok(buffer)
    }

    fn scan_star(&mut self, start: usize) -> Token {
        self.advance();
        let mut text = String::from("*");
        if self.peek == ch('*') {
            text.push('*');
            self.advance();
            if self.peek == ch('=') {
                text.push('=');
                self.advance();
            }
        } else if self.peek == ch('=') {
            text.push('=');
            self.advance();
        }
        Token::new(start, self.index, TokenKind::Operator, 0.0, text)
    }

    fn is_start_of_regex(&self) -> bool {
        let Some(prev) = self.tokens.last() else {
            return true;
        };
        if prev.is_operator("!") {
            let before = if self.tokens.len() > 1 {
                self.tokens.get(self.tokens.len() - 2)
            } else {
                None
            };
            return match before {
                None => true,
                Some(b) => {
                    b.kind != TokenKind::Identifier && !b.is_character(')') && !b.is_character(']')
                }
            };
        }
        prev.kind == TokenKind::Operator
            || prev.is_character('(')
            || prev.is_character('[')
            || prev.is_character(',')
            || prev.is_character(':')
    }

    fn scan_regex(&mut self, token_start: usize) -> Token {
        self.advance();
        let text_start = self.index;
        let mut in_escape = false;
        let mut in_class = false;
        loop {
            let peek = self.peek;
            if peek == EOF {
                return self.error("Unterminated regular expression", 0);
            }
            if in_escape {
                in_escape = false;
            } else if peek == ch('\\') {
                in_escape = true;
            } else if peek == ch('[') {
                in_class = true;
            } else if peek == ch(']') {
                in_class = false;
            } else if peek == ch('/') && !in_class {
                break;
            }
            self.advance();
        }
        let value = self.substring(text_start, self.index).to_string();
        self.advance();
        let body = Token::new(token_start, self.index, TokenKind::RegExpBody, 0.0, value);
        if !is_ascii_letter(self.peek) {
            return body;
        }
        let flags_start = self.index;
        while is_ascii_letter(self.peek) {
            self.advance();
        }
        self.tokens.push(body);
        let flags = self.substring(flags_start, self.index).to_string();
        Token::new(flags_start, self.index, TokenKind::RegExpFlags, 0.0, flags)
    }
}

/// JavaScript's `parseFloat`: the value of the longest decimal-literal prefix of `text`.
fn parse_float_prefix(text: &str) -> f64 {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        frac_digits = j - i - 1;
        if int_digits > 0 || frac_digits > 0 {
            i = j;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return f64::NAN;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let digits_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > digits_start {
            i = j;
        }
    }
    let mut prefix = text[..i].to_string();
    if prefix.ends_with('.') {
        prefix.pop();
    }
    if prefix.starts_with('.') {
        prefix.insert(0, '0');
    }
    prefix
        .replace(".e", "e")
        .replace(".E", "E")
        .parse::<f64>()
        .unwrap_or(f64::NAN)
}
