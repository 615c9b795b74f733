//! The HTML-level AST built by the tree builder (Angular's ml_parser `ast.ts`): elements, attributes, text,
//! comments, ICU expansions, blocks with parameters and `@let` declarations. Value types with byte spans.

use crate::lexer::Token;
use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(Text),
    Comment(Comment),
    Expansion(Expansion),
    Block(Block),
    LetDeclaration(LetDeclaration),
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Element(e) => e.span,
            Node::Text(t) => t.span,
            Node::Comment(c) => c.span,
            Node::Expansion(e) => e.span,
            Node::Block(b) => b.span,
            Node::LetDeclaration(l) => l.span,
        }
    }
}

/// i18n metadata attached by the i18n meta pass: the parsed `meaning|description@@id` of an `i18n` or
/// `i18n-attr` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct I18nMeta {
    pub meaning: String,
    pub description: String,
    pub custom_id: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub value: String,
    pub span: Span,
    pub key_span: Span,
    pub value_span: Option<Span>,
    /// Start of the value including leading whitespace (Angular's `valueSpan.fullStart`).
    pub value_full_start: u32,
    /// Value tokens (text, interpolation, entity) when the attribute has a value.
    pub value_tokens: Vec<Token>,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<Attribute>,
    pub children: Vec<Node>,
    pub is_self_closing: bool,
    pub span: Span,
    pub start_span: Span,
    pub end_span: Option<Span>,
    pub is_void: bool,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
    pub full_start: u32,
    pub tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub value: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub switch_value: String,
    pub kind: String,
    pub cases: Vec<ExpansionCase>,
    pub span: Span,
    pub switch_value_span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExpansionCase {
    pub value: String,
    pub expression: Vec<Node>,
    pub span: Span,
    pub value_span: Span,
    pub exp_span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlockParameter {
    pub expression: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub name: String,
    pub parameters: Vec<BlockParameter>,
    pub children: Vec<Node>,
    pub span: Span,
    pub name_span: Span,
    pub start_span: Span,
    pub end_span: Option<Span>,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LetDeclaration {
    pub name: String,
    pub value: String,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
}
