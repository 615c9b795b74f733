//! A small JSON-with-comments parser, as tsconfig.json files are written: `//` and `/* */`
//! comments, trailing commas in objects and arrays. Every value keeps its byte span so that
//! configuration problems can point at the offending text. A syntax error is returned as a
//! [`SyntaxError`] with the span of the offending character, never a panic.

use ngc_diagnostics::Span;

/// Nesting deeper than this is reported instead of recursing further.
const MAX_DEPTH: usize = 256;

/// A parsed value with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: Kind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<Member>),
}

/// One `"key": value` entry of an object, in source order (duplicates kept; the last wins).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Value,
}

impl Value {
    /// The value of the last member named `key`, when `self` is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            Kind::Object(members) => members
                .iter()
                .rev()
                .find(|m| m.key == key)
                .map(|m| &m.value),
            _ => None,
        }
    }

    /// The members of an object.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }
}

/// Why a text is not valid JSON with comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// The offending character (or the end of the text).
    pub span: Span,
    pub label: String,
    pub help: Option<String>,
}

/// Parses `text`. A text holding only whitespace and comments is an empty object, as
/// TypeScript reads an empty tsconfig.json.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    p.skip_trivia()?;
    if p.pos >= p.bytes.len() {
        let end = p.pos as u32;
        return Ok(Value {
            kind: Kind::Object(Vec::new()),
            span: Span::new(0, end),
        });
    }
    let value = p.value(0)?;
    p.skip_trivia()?;
    if p.pos < p.bytes.len() {
        return Err(p.unexpected("expected the end of the file"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn span_here(&self) -> Span {
        let start = self.pos as u32;
        let len = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8) as u32;
        Span::new(start, start + len)
    }

    fn error(
        &self,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span,
            label: label.into(),
            help: None,
        }
    }

    /// An error at the current character: "unexpected …" with `expected` as the label.
    fn unexpected(&self, expected: &str) -> SyntaxError {
        let span = self.span_here();
        match self.text[self.pos..].chars().next() {
            None => self.error("unexpected end of file in tsconfig", span, expected),
            Some(c) => {
                let shown = if c.is_control() {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                };
                let mut err = self.error(
                    format!("unexpected character `{shown}` in tsconfig"),
                    span,
                    expected,
                );
                let wants_comma = expected.contains("`,`");
                err.help = match c {
                    '\'' => Some("JSON strings and keys use double quotes: \"...\"".to_string()),
                    '"' | '{' | '[' | '0'..='9' | '-' if wants_comma => {
                        Some("add a `,` between the entries".to_string())
                    }
                    't' | 'f' | 'n' if wants_comma => {
                        Some("add a `,` between the entries".to_string())
                    }
                    c if c.is_alphabetic() || c == '_' || c == '$' => {
                        Some("JSON keys and strings must be quoted with double quotes".to_string())
                    }
                    _ => None,
                };
                err
            }
        }
    }

    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => match self.bytes.get(self.pos + 1) {
                    Some(b'/') => {
                        while let Some(&b) = self.bytes.get(self.pos) {
                            if b == b'\n' || b == b'\r' {
                                break;
                            }
                            self.pos += 1;
                        }
                    }
                    Some(b'*') => {
                        let start = self.pos;
                        match self.text[self.pos + 2..].find("*/") {
                            Some(end) => self.pos += 2 + end + 2,
                            None => {
                                let mut err = self.error(
                                    "unterminated comment in tsconfig",
                                    Span::new(start as u32, start as u32 + 2),
                                    "this comment is never closed",
                                );
                                err.help = Some("close the comment with `*/`".to_string());
                                return Err(err);
                            }
                        }
                    }
                    _ => return Ok(()),
                },
                // A UTF-8 byte order mark and other Unicode white space are white space to TypeScript.
                Some(_) => match self.text[self.pos..].chars().next() {
                    Some(c) if c == '\u{feff}' || c.is_whitespace() => self.pos += c.len_utf8(),
                    _ => return Ok(()),
                },
                None => return Ok(()),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(
                "tsconfig is nested too deeply",
                self.span_here(),
                format!("more than {MAX_DEPTH} nested arrays or objects"),
            ));
        }
        let start = self.pos;
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Value {
                    kind: Kind::String(s),
                    span: Span::new(start as u32, self.pos as u32),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't' | b'f' | b'n') => {
                for (word, kind) in [
                    ("true", Kind::Bool(true)),
                    ("false", Kind::Bool(false)),
                    ("null", Kind::Null),
                ] {
                    if self.text[self.pos..].starts_with(word) {
                        self.pos += word.len();
                        return Ok(Value {
                            kind,
                            span: Span::new(start as u32, self.pos as u32),
                        });
                    }
                }
                Err(self.unexpected("expected a value"))
            }
            _ => Err(self.unexpected("expected a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.bytes.get(self.pos) {
                Some(b'}') => break,
                Some(b'"') => {}
                _ => return Err(self.unexpected("expected a double-quoted key or `}`")),
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start as u32, self.pos as u32);
            self.skip_trivia()?;
            if self.bytes.get(self.pos) != Some(&b':') {
                let mut err = self.unexpected("expected `:`");
                err.help = Some(format!("write `\"{key}\": value`"));
                return Err(err);
            }
            self.pos += 1;
            self.skip_trivia()?;
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_trivia()?;
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                _ => return Err(self.unexpected("expected `,` or `}`")),
            }
        }
        self.pos += 1;
        Ok(Value {
            kind: Kind::Object(members),
            span: Span::new(start as u32, self.pos as u32),
        })
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.bytes.get(self.pos) == Some(&b']') {
                break;
            }
            items.push(self.value(depth + 1)?);
            self.skip_trivia()?;
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                _ => return Err(self.unexpected("expected `,` or `]`")),
            }
        }
        self.pos += 1;
        Ok(Value {
            kind: Kind::Array(items),
            span: Span::new(start as u32, self.pos as u32),
        })
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.bytes.get(p.pos), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        if !digits(self) {
            return Err(self.unexpected("expected a digit"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.unexpected("expected a digit"));
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.unexpected("expected a digit"));
            }
        }
        let span = Span::new(start as u32, self.pos as u32);
        match self.text[start..self.pos].parse::<f64>() {
            Ok(n) => Ok(Value {
                kind: Kind::Number(n),
                span,
            }),
            Err(_) => Err(self.error("invalid number in tsconfig", span, "not a number")),
        }
    }

    /// A double-quoted string starting at the current position.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                let mut err = self.error(
                    "unterminated string in tsconfig",
                    Span::new(start as u32, start as u32 + 1),
                    "this string is never closed",
                );
                err.help = Some("close the string with `\"`".to_string());
                return Err(err);
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    let esc_start = self.pos;
                    self.pos += 1;
                    let e = self.text[self.pos..].chars().next();
                    self.pos += e.map_or(0, char::len_utf8);
                    match e {
                        Some('"') => out.push('"'),
                        Some('\\') => out.push('\\'),
                        Some('/') => out.push('/'),
                        Some('b') => out.push('\u{8}'),
                        Some('f') => out.push('\u{c}'),
                        Some('n') => out.push('\n'),
                        Some('r') => out.push('\r'),
                        Some('t') => out.push('\t'),
                        Some('u') => {
                            let unit = self.hex4(esc_start)?;
                            let c = if (0xD800..0xDC00).contains(&unit)
                                && self.text[self.pos..].starts_with("\\u")
                            {
                                let save = self.pos;
                                self.pos += 2;
                                let low = self.hex4(save)?;
                                if (0xDC00..0xE000).contains(&low) {
                                    char::from_u32(
                                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00),
                                    )
                                } else {
                                    self.pos = save;
                                    None
                                }
                            } else {
                                char::from_u32(unit)
                            };
                            out.push(c.unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            return Err(self.error(
                                "invalid escape sequence in tsconfig string",
                                Span::new(esc_start as u32, self.pos as u32),
                                "unknown escape",
                            ))
                        }
                    }
                }
                '\n' | '\r' => {
                    let mut err = self.error(
                        "unterminated string in tsconfig",
                        Span::new(start as u32, start as u32 + 1),
                        "this string is not closed before the end of the line",
                    );
                    err.help = Some("close the string with `\"`".to_string());
                    return Err(err);
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn hex4(&mut self, esc_start: usize) -> Result<u32, SyntaxError> {
        let hex = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(self.error(
                "invalid unicode escape in tsconfig string",
                Span::new(esc_start as u32, self.pos as u32),
                "expected four hexadecimal digits after `\\u`",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        match parse(text) {
            Ok(v) => v,
            Err(e) => panic!("{text:?}: {e:?}"),
        }
    }

    fn err(text: &str) -> SyntaxError {
        match parse(text) {
            Ok(v) => panic!("{text:?} parsed: {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn comments_and_trailing_commas() {
        let v = ok("// c\n{ /* a */ \"a\": [1, 2,], \"b\": {\"c\": true,}, }\n");
        assert_eq!(v.get("a").map(|a| a.type_name()), Some("an array"));
        assert_eq!(
            v.get("b").and_then(|b| b.get("c")).map(|c| &c.kind),
            Some(&Kind::Bool(true))
        );
    }

    #[test]
    fn empty_text_is_an_empty_object() {
        assert_eq!(ok(" // nothing\n").kind, Kind::Object(Vec::new()));
    }

    #[test]
    fn strings_and_numbers() {
        let v = ok(r#"{"s": "a\"\\\n\u00e9\ud83d\ude00", "n": -1.5e2, "z": null}"#);
        assert_eq!(v.get("s").and_then(Value::as_str), Some("a\"\\\né😀"));
        assert_eq!(v.get("n").map(|n| &n.kind), Some(&Kind::Number(-150.0)));
    }

    #[test]
    fn last_duplicate_wins() {
        assert_eq!(
            ok(r#"{"a": 1, "a": 2}"#).get("a").map(|a| &a.kind),
            Some(&Kind::Number(2.0))
        );
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        let e = err("{\n  \"a\": 1\n  \"b\": 2\n}");
        assert_eq!(e.span, Span::new(13, 14));
        assert!(e.help.is_some());
        assert_eq!(err("{'a': 1}").span, Span::new(1, 2));
        assert_eq!(err("{\"a\": }").span, Span::new(6, 7));
        assert_eq!(err("{\"a\": 1").span, Span::new(7, 7));
        assert_eq!(err("{\"a\": \"x").span, Span::new(6, 7));
        assert_eq!(err("{} x").span, Span::new(3, 4));
        assert_eq!(err("/* x").span, Span::new(0, 2));
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        let text = "[".repeat(100_000);
        assert!(err(&text).message.contains("nested too deeply"));
    }
}
