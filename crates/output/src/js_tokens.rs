//! A JavaScript tokenizer for comparing generated code with ngc's: two outputs are equal when
//! their token streams are, whatever the whitespace, comments, string quote style and escapes.
//!
//! [`tokenize`] drops whitespace and comments and gives each token a normalised text: string
//! literals and template chunks by their cooked value (`'a'`, `"a"` and `"\x61"` are one
//! token), numbers by their value (`0x10` is `16`), everything else as written. [`first_difference`]
//! finds where two texts part and describes it with context for a test failure.
//!
//! The tokenizer is total: malformed input (an unterminated string, a stray character) yields
//! an [`TokenKind::Invalid`] token and tokenizing goes on.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Identifier,
    Keyword,
    Punctuator,
    Number,
    String,
    /// A template literal piece: `` `a${ `` is a head, `}b${` a middle, `` }c` `` a tail.
    Template,
    Regex,
    Invalid,
}

/// One token: its kind, normalised text, and byte offset in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
    pub offset: usize,
}

const KEYWORDS: &[&str] = &[
    "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
    "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new",
    "null", "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while",
    "with", "yield", "of", "async", "get", "set",
];

/// Keywords after which a `/` starts a regular expression.
const REGEX_AFTER_KEYWORD: &[&str] =
    &["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"];

const PUNCTUATORS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&",
    "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "**", "{", "}", "(", ")",
    "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?", ":", "=", ".", "@", "#",
];

/// Tokenizes `source`, dropping whitespace and comments.
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut lexer = Lexer { src: source, pos: 0, tokens: Vec::new(), template_depths: Vec::new(), brace_depth: 0 };
    lexer.run();
    lexer.tokens
}

/// Where two JavaScript texts first differ token-wise: `None` when they are equal, otherwise
/// a description with the differing tokens and a few tokens of context from each side.
pub fn first_difference(expected: &str, actual: &str) -> Option<String> {
    let a = tokenize(expected);
    let b = tokenize(actual);
    let same = |x: &Token, y: &Token| x.kind == y.kind && x.text == y.text;
    let index = (0..a.len().max(b.len())).find(|&i| match (a.get(i), b.get(i)) {
        (Some(x), Some(y)) => !same(x, y),
        _ => true,
    })?;
    let context = |tokens: &[Token], text: &str| -> String {
        let at = tokens.get(index).map(|t| t.offset).unwrap_or(text.len());
        let (line, col) = line_col(text, at);
        let from = index.saturating_sub(8);
        let to = (index + 8).min(tokens.len());
        let shown: Vec<String> = tokens[from..to]
            .iter()
            .enumerate()
            .map(|(i, t)| if from + i == index { format!("⟦{}⟧", t.text) } else { t.text.clone() })
            .collect();
        let end = if index >= tokens.len() { " ⟦<end>⟧" } else { "" };
        format!("line {line}:{col}: {}{end}", shown.join(" "))
    };
    Some(format!("token {index}\n  expected {}\n  actual   {}", context(&a, expected), context(&b, actual)))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map(|i| before.len() - i).unwrap_or(before.len() + 1);
    (line, col)
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    tokens: Vec<Token>,
    /// For each open template substitution, the brace depth at which it started.
    template_depths: Vec<usize>,
    brace_depth: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, kind: TokenKind, text: String, offset: usize) {
        self.tokens.push(Token { kind, text, offset });
    }

    /// Whether a `/` here starts a regular expression rather than a division.
    fn regex_allowed(&self) -> bool {
        match self.tokens.last() {
            None => true,
            Some(t) => match t.kind {
                TokenKind::Identifier | TokenKind::Number | TokenKind::String | TokenKind::Regex => false,
                TokenKind::Template => t.text.ends_with("${"),
                TokenKind::Keyword => REGEX_AFTER_KEYWORD.contains(&t.text.as_str()),
                TokenKind::Punctuator => !matches!(t.text.as_str(), ")" | "]" | "}" | "++" | "--"),
                TokenKind::Invalid => true,
            },
        }
    }

    fn run(&mut self) {
        while let Some(c) = self.peek() {
            let start = self.pos;
            if c.is_whitespace() || c == '\u{feff}' {
                self.pos += c.len_utf8();
            } else if self.rest().starts_with("//") {
                let len = self.rest().find(['\n', '\r', '\u{2028}', '\u{2029}']).unwrap_or(self.rest().len());
                self.pos += len;
            } else if self.rest().starts_with("/*") {
                match self.rest()[2..].find("*/") {
                    Some(i) => self.pos += i + 4,
                    None => {
                        self.pos = self.src.len();
                        self.push(TokenKind::Invalid, "/*".into(), start);
                    }
                }
            } else if c == '"' || c == '\'' {
                let (value, ok) = self.string(c);
                self.push(if ok { TokenKind::String } else { TokenKind::Invalid }, value, start);
            } else if c == '`' {
                self.pos += 1;
                self.template_chunk(start, "`");
            } else if c == '}' && self.template_depths.last() == Some(&self.brace_depth) {
                self.template_depths.pop();
                self.pos += 1;
                self.template_chunk(start, "}");
            } else if c.is_ascii_digit() || (c == '.' && self.rest()[1..].starts_with(|d: char| d.is_ascii_digit())) {
                let text = self.number();
                self.push(TokenKind::Number, text, start);
            } else if is_id_start(c) || c == '\\' {
                let word = self.identifier();
                let kind = if KEYWORDS.contains(&word.as_str()) { TokenKind::Keyword } else { TokenKind::Identifier };
                self.push(kind, word, start);
            } else if c == '/' && self.regex_allowed() {
                let text = self.regex();
                self.push(TokenKind::Regex, text, start);
            } else if let Some(p) = PUNCTUATORS.iter().find(|p| self.rest().starts_with(**p)) {
                // `a?.5:b` is a conditional, not optional chaining.
                let p = if *p == "?." && self.rest()[2..].starts_with(|d: char| d.is_ascii_digit()) { "?" } else { p };
                self.pos += p.len();
                match p {
                    "{" => self.brace_depth += 1,
                    "}" => self.brace_depth = self.brace_depth.saturating_sub(1),
                    _ => {}
                }
                self.push(TokenKind::Punctuator, p.to_string(), start);
            } else {
                self.pos += c.len_utf8();
                self.push(TokenKind::Invalid, c.to_string(), start);
            }
        }
    }

    /// A quoted string; returns its cooked value and whether it was terminated.
    fn string(&mut self, quote: char) -> (String, bool) {
        self.pos += 1;
        let mut value = String::new();
        while let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            if c == quote {
                return (value, true);
            }
            if c == '\\' {
                self.escape(&mut value);
            } else if c == '\n' {
                return (value, false);
            } else {
                value.push(c);
            }
        }
        (value, false)
    }

    /// After a backslash: appends the escaped character (line continuations append nothing).
    fn escape(&mut self, out: &mut String) {
        let Some(c) = self.peek() else { return };
        self.pos += c.len_utf8();
        match c {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => out.push('\0'),
            'x' => {
                let hex: String = self.rest().chars().take(2).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == 2 => {
                        self.pos += 2;
                        out.push(ch);
                    }
                    _ => out.push('x'),
                }
            }
            'u' => {
                let code = if self.rest().starts_with('{') {
                    let end = self.rest().find('}');
                    let hex = end.map(|e| self.rest()[1..e].to_string());
                    if let Some(e) = end {
                        self.pos += e + 1;
                    }
                    hex.and_then(|h| u32::from_str_radix(&h, 16).ok())
                } else {
                    let hex: String = self.rest().chars().take(4).collect();
                    let code = (hex.len() == 4).then(|| u32::from_str_radix(&hex, 16).ok()).flatten();
                    if code.is_some() {
                        self.pos += 4;
                    }
                    code
                };
                match code {
                    // A surrogate pair written as two escapes.
                    Some(hi @ 0xD800..=0xDBFF) if self.rest().starts_with("\\u") => {
                        let hex: String = self.rest()[2..].chars().take(4).collect();
                        match u32::from_str_radix(&hex, 16) {
                            Ok(lo @ 0xDC00..=0xDFFF) => {
                                self.pos += 6;
                                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                            }
                            _ => out.push('\u{fffd}'),
                        }
                    }
                    Some(code) => out.push(char::from_u32(code).unwrap_or('\u{fffd}')),
                    None => out.push('u'),
                }
            }
            '\r' => {
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => {}
            c => out.push(c),
        }
    }

    /// A template chunk after `` ` `` or a substitution's `}`: up to `${` or the closing backtick.
    fn template_chunk(&mut self, start: usize, opener: &str) {
        let mut value = String::from(opener);
        loop {
            let Some(c) = self.peek() else {
                self.push(TokenKind::Invalid, value, start);
                return;
            };
            if c == '`' {
                self.pos += 1;
                value.push('`');
                self.push(TokenKind::Template, value, start);
                return;
            }
            if self.rest().starts_with("${") {
                self.pos += 2;
                value.push_str("${");
                self.template_depths.push(self.brace_depth);
                self.push(TokenKind::Template, value, start);
                return;
            }
            self.pos += c.len_utf8();
            if c == '\\' {
                self.escape(&mut value);
            } else if c == '\r' {
                // Template literals normalise CR and CRLF to LF.
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                value.push('\n');
            } else {
                value.push(c);
            }
        }
    }

    /// A numeric literal, normalised to its value when it is an ordinary number.
    fn number(&mut self) -> String {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_alphanumeric()
                    || c == '_'
                    || c == '.'
                    || ((c == '+' || c == '-') && i > 0 && matches!(rest.as_bytes()[i - 1], b'e' | b'E') && !rest.starts_with("0x")))
            })
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let text = rest[..len].replace('_', "");
        self.pos += len;
        let lower = text.to_ascii_lowercase();
        let value = if let Some(h) = lower.strip_prefix("0x") {
            u64::from_str_radix(h, 16).ok().map(|v| v as f64)
        } else if let Some(o) = lower.strip_prefix("0o") {
            u64::from_str_radix(o, 8).ok().map(|v| v as f64)
        } else if let Some(b) = lower.strip_prefix("0b") {
            u64::from_str_radix(b, 2).ok().map(|v| v as f64)
        } else if lower.ends_with('n') {
            None
        } else {
            lower.parse::<f64>().ok()
        };
        match value {
            Some(v) => ngc_expression::js_number_to_string(v),
            None => text,
        }
    }

    fn identifier(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self.peek() {
            if c == '\\' && self.rest().starts_with("\\u") {
                self.pos += 1;
                let mut cooked = String::new();
                self.escape(&mut cooked);
                word.push_str(&cooked);
            } else if is_id_part(c) {
                self.pos += c.len_utf8();
                word.push(c);
            } else {
                break;
            }
        }
        if word.is_empty() {
            // A lone backslash.
            self.pos += 1;
            word.push('\\');
        }
        word
    }

    fn regex(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        let mut in_class = false;
        while let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    if let Some(n) = self.peek() {
                        self.pos += n.len_utf8();
                    }
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                '\n' => break,
                _ => {}
            }
        }
        while let Some(c) = self.peek().filter(|c| is_id_part(*c)) {
            self.pos += c.len_utf8();
        }
        self.src[start..self.pos].to_string()
    }
}

fn is_id_start(c: char) -> bool {
    c == '$' || c == '_' || c.is_alphabetic()
}

fn is_id_part(c: char) -> bool {
    c == '$' || c == '_' || c == '\u{200c}' || c == '\u{200d}' || c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn whitespace_comments_and_quotes_do_not_matter() {
        assert_eq!(first_difference("a('x', 1.50) /*c*/ ;", "a(\"x\",1.5);// d"), None);
        assert_eq!(first_difference("f(\"\\u00e9\")", "f('é')"), None);
        assert!(first_difference("a + b", "a - b").is_some());
        assert!(first_difference("a(b)", "a(b);").is_some());
    }

    #[test]
    fn templates_regexes_and_punctuators() {
        assert_eq!(texts("`a${b + `c${d}`}e`"), ["`a${", "b", "+", "`c${", "d", "}`", "}e`"]);
        assert_eq!(texts("x = /a\\/[/]b/g.test(y) / 2"), ["x", "=", "/a\\/[/]b/g", ".", "test", "(", "y", ")", "/", "2"]);
        assert_eq!(texts("a?.b ?? c?.5:d"), ["a", "?.", "b", "??", "c", "?", ".5", ":", "d"].map(|s| if s == ".5" { "0.5" } else { s }));
        assert_eq!(texts("x >>>= 1"), ["x", ">>>=", "1"]);
    }

    #[test]
    fn malformed_input_is_tokenized_without_panic() {
        for s in ["'abc", "`a${", "/* x", "\\", "0x", "a\u{0}b", "\"\\u{110000}\"", "'\\uD800'"] {
            let _ = tokenize(s);
        }
    }

    #[test]
    fn differences_are_described_with_context() {
        let d = first_difference("i0.ɵɵtext(0, \"a\");", "i0.ɵɵtext(1, \"a\");").unwrap_or_default();
        assert!(d.contains("⟦0⟧") && d.contains("⟦1⟧"), "{d}");
    }
}
