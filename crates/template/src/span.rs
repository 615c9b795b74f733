//! Byte spans and parse errors of the template front end.

/// A byte range `start..end` into the template text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn empty(at: u32) -> Self {
        Span { start: at, end: at }
    }
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers, or "" when it is out of range or not on char boundaries.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// One problem in the template: Angular's message and the span it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    /// A stable code (see `diagnostics.rs`).
    pub code: &'static str,
}

impl ParseError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        let message = message.into();
        let code = crate::diagnostics::code_for(&message);
        ParseError {
            message,
            span,
            code,
        }
    }
}
