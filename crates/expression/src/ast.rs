//! The expression AST: a value-type tree mirroring Angular 22.2's expression AST classes.
//!
//! Every node carries `span` (relative to the parsed text, Angular's `ParseSpan`) and
//! `source_span` (absolute in the template file, Angular's `AbsoluteSourceSpan`). Offsets are
//! UTF-8 byte offsets. Trees are bounded in height by the parser's depth limit
//! ([`crate::MAX_DEPTH`]), so recursive visitors and `Drop` stay within a small stack.

/// A span relative to the start of the parsed expression text (Angular's `ParseSpan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ParseSpan {
    pub start: u32,
    pub end: u32,
}

impl ParseSpan {
    pub fn new(start: u32, end: u32) -> Self {
        ParseSpan { start, end }
    }
    pub fn to_absolute(self, absolute_offset: u32) -> AbsoluteSpan {
        AbsoluteSpan {
            start: absolute_offset + self.start,
            end: absolute_offset + self.end,
        }
    }
}

/// A span in the whole source file (Angular's `AbsoluteSourceSpan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct AbsoluteSpan {
    pub start: u32,
    pub end: u32,
}

impl AbsoluteSpan {
    pub fn new(start: u32, end: u32) -> Self {
        AbsoluteSpan { start, end }
    }
}

/// One expression node.
#[derive(Debug, Clone, PartialEq)]
pub struct Ast {
    pub span: ParseSpan,
    pub source_span: AbsoluteSpan,
    pub kind: AstKind,
}

/// A literal value (Angular's `LiteralPrimitive.value`).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Null,
    Undefined,
    Bool(bool),
    Number(f64),
    String(String),
}

/// Binary operators, including assignments (which Angular represents as `Binary` too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    Gt,
    LtEq,
    GtEq,
    And,
    Or,
    Nullish,
    In,
    InstanceOf,
    Assign,
    AddAssign,
    SubAssign,
    MulAssign,
    DivAssign,
    RemAssign,
    PowAssign,
    AndAssign,
    OrAssign,
    NullishAssign,
}

impl BinaryOp {
    const ALL: &'static [(BinaryOp, &'static str)] = &[
        (BinaryOp::Add, "+"),
        (BinaryOp::Sub, "-"),
        (BinaryOp::Mul, "*"),
        (BinaryOp::Div, "/"),
        (BinaryOp::Rem, "%"),
        (BinaryOp::Pow, "**"),
        (BinaryOp::Eq, "=="),
        (BinaryOp::NotEq, "!="),
        (BinaryOp::StrictEq, "==="),
        (BinaryOp::StrictNotEq, "!=="),
        (BinaryOp::Lt, "<"),
        (BinaryOp::Gt, ">"),
        (BinaryOp::LtEq, "<="),
        (BinaryOp::GtEq, ">="),
        (BinaryOp::And, "&&"),
        (BinaryOp::Or, "||"),
        (BinaryOp::Nullish, "??"),
        (BinaryOp::In, "in"),
        (BinaryOp::InstanceOf, "instanceof"),
        (BinaryOp::Assign, "="),
        (BinaryOp::AddAssign, "+="),
        (BinaryOp::SubAssign, "-="),
        (BinaryOp::MulAssign, "*="),
        (BinaryOp::DivAssign, "/="),
        (BinaryOp::RemAssign, "%="),
        (BinaryOp::PowAssign, "**="),
        (BinaryOp::AndAssign, "&&="),
        (BinaryOp::OrAssign, "||="),
        (BinaryOp::NullishAssign, "??="),
    ];

    /// The operator's source text, as Angular's `Binary.operation`.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(op, _)| *op == self)
            .map(|(_, s)| *s)
            .unwrap_or("")
    }

    pub fn from_text(text: &str) -> Option<BinaryOp> {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == text)
            .map(|(op, _)| *op)
    }

    /// Angular's `Binary.isAssignmentOperation`.
    pub fn is_assignment(self) -> bool {
        matches!(
            self,
            BinaryOp::Assign
                | BinaryOp::AddAssign
                | BinaryOp::SubAssign
                | BinaryOp::MulAssign
                | BinaryOp::DivAssign
                | BinaryOp::RemAssign
                | BinaryOp::PowAssign
                | BinaryOp::AndAssign
                | BinaryOp::OrAssign
                | BinaryOp::NullishAssign
        )
    }
}

/// Unary `+` and `-` (Angular's `Unary`); `!`, `typeof` and `void` have their own nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Plus,
    Minus,
}

impl UnaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOp::Plus => "+",
            UnaryOp::Minus => "-",
        }
    }
}

/// A key of an object literal.
#[derive(Debug, Clone, PartialEq)]
pub enum LiteralMapKey {
    Property {
        key: String,
        quoted: bool,
        /// `{a}`: the value is an implicit read of `a`.
        shorthand: bool,
        span: ParseSpan,
        source_span: AbsoluteSpan,
    },
    /// `{...value}`.
    Spread {
        span: ParseSpan,
        source_span: AbsoluteSpan,
    },
}

/// A `` `...${expr}...` `` literal.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateLiteral {
    pub span: ParseSpan,
    pub source_span: AbsoluteSpan,
    pub elements: Vec<TemplateLiteralElement>,
    pub expressions: Vec<Ast>,
}

/// A text piece of a template literal (cooked: escapes resolved).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateLiteralElement {
    pub span: ParseSpan,
    pub source_span: AbsoluteSpan,
    pub text: String,
}

/// A parameter of an arrow function.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrowFunctionParameter {
    pub name: String,
    pub span: ParseSpan,
    pub source_span: AbsoluteSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AstKind {
    /// A missing expression: empty input or the recovery node after an error.
    Empty,
    ImplicitReceiver,
    ThisReceiver,
    /// `a; b` in actions.
    Chain(Vec<Ast>),
    Conditional {
        condition: Box<Ast>,
        true_exp: Box<Ast>,
        false_exp: Box<Ast>,
    },
    PropertyRead {
        receiver: Box<Ast>,
        name: String,
        name_span: AbsoluteSpan,
    },
    SafePropertyRead {
        receiver: Box<Ast>,
        name: String,
        name_span: AbsoluteSpan,
    },
    KeyedRead {
        receiver: Box<Ast>,
        key: Box<Ast>,
    },
    SafeKeyedRead {
        receiver: Box<Ast>,
        key: Box<Ast>,
    },
    /// `exp | name:arg1:arg2`.
    Pipe {
        exp: Box<Ast>,
        name: String,
        args: Vec<Ast>,
        name_span: AbsoluteSpan,
    },
    LiteralPrimitive(Literal),
    LiteralArray(Vec<Ast>),
    /// `...expr` in array literals and call arguments.
    SpreadElement(Box<Ast>),
    LiteralMap {
        keys: Vec<LiteralMapKey>,
        values: Vec<Ast>,
    },
    /// `text {{ expr }} text`: `strings.len() == expressions.len() + 1`.
    Interpolation {
        strings: Vec<String>,
        expressions: Vec<Ast>,
    },
    /// Binary operators and assignments (`a = b`, `a.b += c`, `a[k] ??= d`).
    Binary {
        op: BinaryOp,
        left: Box<Ast>,
        right: Box<Ast>,
    },
    Unary {
        op: UnaryOp,
        expr: Box<Ast>,
    },
    PrefixNot(Box<Ast>),
    TypeofExpression(Box<Ast>),
    VoidExpression(Box<Ast>),
    NonNullAssert(Box<Ast>),
    Call {
        receiver: Box<Ast>,
        args: Vec<Ast>,
        argument_span: AbsoluteSpan,
    },
    SafeCall {
        receiver: Box<Ast>,
        args: Vec<Ast>,
        argument_span: AbsoluteSpan,
    },
    TaggedTemplateLiteral {
        tag: Box<Ast>,
        template: TemplateLiteral,
    },
    TemplateLiteral(TemplateLiteral),
    Parenthesized(Box<Ast>),
    ArrowFunction {
        parameters: Vec<ArrowFunctionParameter>,
        body: Box<Ast>,
    },
    RegularExpressionLiteral {
        body: String,
        flags: Option<String>,
    },
}

impl Ast {
    pub fn new(span: ParseSpan, source_span: AbsoluteSpan, kind: AstKind) -> Ast {
        Ast {
            span,
            source_span,
            kind,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self.kind, AstKind::Empty)
    }
}

/// Angular's `BindingPipeType` for a pipe name when the parser supports direct pipe
/// references (selectorless compilation): names starting with `_` or `A`-`Z` refer to a
/// class directly, others by registered name. Without selectorless every pipe is by name.
pub fn is_direct_pipe_reference(name: &str) -> bool {
    name.starts_with(|c: char| c == '_' || c.is_ascii_uppercase())
}

/// A parsed expression with its source text (Angular's `ASTWithSource`).
#[derive(Debug, Clone, PartialEq)]
pub struct AstWithSource {
    pub ast: Ast,
    pub source: String,
    /// `0..source.len()`.
    pub span: ParseSpan,
    /// `absolute_offset..absolute_offset + source.len()`.
    pub source_span: AbsoluteSpan,
}

impl AstWithSource {
    pub fn new(ast: Ast, source: &str, absolute_offset: u32) -> AstWithSource {
        let len = source.len() as u32;
        AstWithSource {
            ast,
            source: source.to_string(),
            span: ParseSpan::new(0, len),
            source_span: AbsoluteSpan::new(absolute_offset, absolute_offset + len),
        }
    }
}

/// A key or value name in microsyntax (`{source, span}` in Angular).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateBindingIdentifier {
    pub source: String,
    pub span: AbsoluteSpan,
}

/// `let item`, `let i = index`, `index as i`: declares a template variable.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableBinding {
    pub source_span: AbsoluteSpan,
    pub key: TemplateBindingIdentifier,
    pub value: Option<TemplateBindingIdentifier>,
}

/// `ngForOf: items`: binds an expression to a directive input.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpressionBinding {
    pub source_span: AbsoluteSpan,
    pub key: TemplateBindingIdentifier,
    pub value: Option<AstWithSource>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplateBinding {
    Variable(VariableBinding),
    Expression(ExpressionBinding),
}

impl Ast {
    /// Calls `f` on each direct child expression, in source order (Angular's
    /// `RecursiveAstVisitor` order). Template literal expressions are visited only when
    /// paired with an element, as Angular does.
    pub fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Ast)) {
        match &self.kind {
            AstKind::Empty
            | AstKind::ImplicitReceiver
            | AstKind::ThisReceiver
            | AstKind::LiteralPrimitive(_)
            | AstKind::RegularExpressionLiteral { .. } => {}
            AstKind::Chain(list) | AstKind::LiteralArray(list) => list.iter().for_each(f),
            AstKind::Interpolation { expressions, .. } => expressions.iter().for_each(f),
            AstKind::LiteralMap { values, .. } => values.iter().for_each(f),
            AstKind::Conditional {
                condition,
                true_exp,
                false_exp,
            } => {
                f(condition);
                f(true_exp);
                f(false_exp);
            }
            AstKind::PropertyRead { receiver, .. } | AstKind::SafePropertyRead { receiver, .. } => {
                f(receiver)
            }
            AstKind::KeyedRead { receiver, key } | AstKind::SafeKeyedRead { receiver, key } => {
                f(receiver);
                f(key);
            }
            AstKind::Pipe { exp, args, .. } => {
                f(exp);
                args.iter().for_each(f);
            }
            AstKind::Binary { left, right, .. } => {
                f(left);
                f(right);
            }
            AstKind::Unary { expr, .. }
            | AstKind::PrefixNot(expr)
            | AstKind::TypeofExpression(expr)
            | AstKind::VoidExpression(expr)
            | AstKind::NonNullAssert(expr)
            | AstKind::Parenthesized(expr)
            | AstKind::SpreadElement(expr) => f(expr),
            AstKind::ArrowFunction { body, .. } => f(body),
            AstKind::Call { receiver, args, .. } | AstKind::SafeCall { receiver, args, .. } => {
                f(receiver);
                args.iter().for_each(f);
            }
            AstKind::TaggedTemplateLiteral { tag, template } => {
                f(tag);
                template
                    .expressions
                    .iter()
                    .take(template.elements.len())
                    .for_each(f);
            }
            AstKind::TemplateLiteral(template) => template
                .expressions
                .iter()
                .take(template.elements.len())
                .for_each(f),
        }
    }
}
