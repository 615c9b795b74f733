//! Angular's output AST (`o.*` in `@angular/compiler`): the JavaScript that code generation
//! produces, before it is printed.
//!
//! Every compiler of ngc-rs (factories and definitions in ngc-codegen, the template pipeline
//! in ngc-pipeline) builds these trees; [`print`] turns them into JavaScript text the way ngc's translator and TypeScript's
//! printer do (same tokens, same parentheses). Source expressions that ngc copies verbatim
//! from the user's file (`providers`, `imports`, decorator arguments) are [`Expr::Raw`]:
//! already-printed JavaScript. [`ConstantPool`] holds a file's shared module-level constants.

pub mod constant_pool;
pub mod js_tokens;
pub mod print;

pub use constant_pool::ConstantPool;

use std::cell::RefCell;
use std::rc::Rc;

pub use print::{print_expr, print_stmt, print_stmts};

/// A reference to an exported symbol of another module, such as `@angular/core`'s
/// `ɵɵdefineComponent`. Printed through the file's namespace imports (`i0.ɵɵdefineComponent`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExternalRef {
    /// The module specifier, as it appears in the import (`@angular/core`, `./a.component`).
    /// `None` for a name that is in scope in the generated file already.
    pub module: Option<String>,
    pub name: String,
}

/// The module specifier of Angular's runtime.
pub const CORE: &str = "@angular/core";

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
}

/// Binary operators, with the JavaScript spelling of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Equals,
    NotEquals,
    Assign,
    Identical,
    NotIdentical,
    Minus,
    Plus,
    Divide,
    Multiply,
    Modulo,
    And,
    Or,
    BitwiseOr,
    BitwiseAnd,
    Lower,
    LowerEquals,
    Bigger,
    BiggerEquals,
    NullishCoalesce,
    Exponentiation,
    In,
    InstanceOf,
    AdditionAssignment,
    SubtractionAssignment,
    MultiplicationAssignment,
    DivisionAssignment,
    RemainderAssignment,
    ExponentiationAssignment,
    AndAssignment,
    OrAssignment,
    NullishCoalesceAssignment,
}

impl BinaryOp {
    /// The operator token.
    pub fn as_str(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Equals => "==",
            NotEquals => "!=",
            Assign => "=",
            Identical => "===",
            NotIdentical => "!==",
            Minus => "-",
            Plus => "+",
            Divide => "/",
            Multiply => "*",
            Modulo => "%",
            And => "&&",
            Or => "||",
            BitwiseOr => "|",
            BitwiseAnd => "&",
            Lower => "<",
            LowerEquals => "<=",
            Bigger => ">",
            BiggerEquals => ">=",
            NullishCoalesce => "??",
            Exponentiation => "**",
            In => "in",
            InstanceOf => "instanceof",
            AdditionAssignment => "+=",
            SubtractionAssignment => "-=",
            MultiplicationAssignment => "*=",
            DivisionAssignment => "/=",
            RemainderAssignment => "%=",
            ExponentiationAssignment => "**=",
            AndAssignment => "&&=",
            OrAssignment => "||=",
            NullishCoalesceAssignment => "??=",
        }
    }

    /// `=` and the compound assignments.
    pub fn is_assignment(self) -> bool {
        use BinaryOp::*;
        matches!(
            self,
            Assign
                | AdditionAssignment
                | SubtractionAssignment
                | MultiplicationAssignment
                | DivisionAssignment
                | RemainderAssignment
                | ExponentiationAssignment
                | AndAssignment
                | OrAssignment
                | NullishCoalesceAssignment
        )
    }
}

/// Prefix `-` and `+` (`!` is [`Expr::Not`], `typeof` and `void` have their own nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Minus,
    Plus,
}

/// A comment printed before a node (`/* @ts-ignore */`, JSDoc blocks).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadingComment {
    pub text: String,
    pub multiline: bool,
    pub trailing_newline: bool,
}

/// One key of an object literal.
#[derive(Debug, Clone, PartialEq)]
pub enum MapEntry {
    /// `key: value`; `quoted` prints the key as a string literal.
    Property { key: String, quoted: bool, value: Expr },
    /// `...expr`
    Spread(Expr),
}

/// A template literal piece: `cooked` is the value, `raw` the source text between the
/// backticks (escaped).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateElement {
    pub cooked: String,
    pub raw: String,
}

/// The body of an arrow function.
#[derive(Debug, Clone, PartialEq)]
pub enum ArrowBody {
    Expr(Box<Expr>),
    Block(Vec<Stmt>),
}

/// A JavaScript expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// An identifier in scope (`ctx`, `rf`, `_c0`, a class name).
    Var(String),
    /// An imported symbol; printed through the file's imports.
    External(ExternalRef),
    Literal(Literal),
    /// Already-printed JavaScript copied from the user's source (a `WrappedNodeExpr`).
    /// Shared: the same source expression may be emitted in several places.
    Raw(Rc<str>),
    Typeof(Box<Expr>),
    Void(Box<Expr>),
    Not(Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary { op: BinaryOp, lhs: Box<Expr>, rhs: Box<Expr> },
    Conditional { condition: Box<Expr>, true_case: Box<Expr>, false_case: Box<Expr> },
    /// `receiver.name`; `optional` is `?.`.
    Prop { receiver: Box<Expr>, name: String, optional: bool },
    /// `receiver[index]`; `optional` is `?.[`.
    Key { receiver: Box<Expr>, index: Box<Expr>, optional: bool },
    /// `f(args)`; `pure` adds the `/*@__PURE__*/` annotation; `optional` is `f?.(args)`.
    Call { callee: Box<Expr>, args: Vec<Expr>, pure: bool, optional: bool },
    /// `new C(args)`
    New { class: Box<Expr>, args: Vec<Expr> },
    Array(Vec<Expr>),
    Map(Vec<MapEntry>),
    /// `function name(params) { body }`
    Function { name: Option<String>, params: Vec<String>, body: Vec<Stmt> },
    /// `(params) => body`
    Arrow { params: Vec<String>, body: ArrowBody },
    /// `` `a${x}b` ``: one more element than expressions.
    Template { elements: Vec<TemplateElement>, exprs: Vec<Expr> },
    TaggedTemplate { tag: Box<Expr>, elements: Vec<TemplateElement>, exprs: Vec<Expr> },
    /// `/body/flags`
    Regex { body: String, flags: Option<String> },
    /// `import(url)`, with an optional comment before the URL (`/* @vite-ignore */`).
    DynamicImport { url: Box<Expr>, url_comment: Option<String> },
    /// `(expr)`, kept as written.
    Paren(Box<Expr>),
    /// `...expr` (in array literals and call arguments).
    Spread(Box<Expr>),
    /// A node with comments before it.
    Commented { comments: Vec<LeadingComment>, expr: Box<Expr> },
    /// A constant-pool literal (Angular's `FixupExpression`): printed as its current value,
    /// which the pool replaces by a shared `_cN` variable once the literal is used twice.
    /// Clones share the cell.
    Fixup(Rc<RefCell<Expr>>),
}

/// A JavaScript statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// `const name = value;` (`is_const`) or `let name = value;`.
    DeclareVar { name: String, value: Option<Expr>, is_const: bool, exported: bool },
    /// `function name(params) { body }`
    DeclareFunction { name: String, params: Vec<String>, body: Vec<Stmt> },
    Expr(Expr),
    Return(Expr),
    If { condition: Expr, true_case: Vec<Stmt>, false_case: Vec<Stmt> },
    /// A statement with comments before it.
    Commented { comments: Vec<LeadingComment>, stmt: Box<Stmt> },
}

// Constructors in the style of Angular's `o.*` helpers, so compilers read like their originals.

/// `name` as a variable read.
pub fn var(name: impl Into<String>) -> Expr {
    Expr::Var(name.into())
}

/// A symbol of `@angular/core` (`i0.name` once printed).
pub fn core(name: &str) -> Expr {
    Expr::External(ExternalRef { module: Some(CORE.to_string()), name: name.to_string() })
}

/// A symbol of another module.
pub fn external(module: impl Into<String>, name: impl Into<String>) -> Expr {
    Expr::External(ExternalRef { module: Some(module.into()), name: name.into() })
}

/// A string literal.
pub fn str_lit(s: impl Into<String>) -> Expr {
    Expr::Literal(Literal::String(s.into()))
}

/// A number literal.
pub fn num(n: f64) -> Expr {
    Expr::Literal(Literal::Number(n))
}

/// A boolean literal.
pub fn bool_lit(b: bool) -> Expr {
    Expr::Literal(Literal::Bool(b))
}

/// `null`
pub fn null() -> Expr {
    Expr::Literal(Literal::Null)
}

/// `undefined`
pub fn undefined() -> Expr {
    Expr::Literal(Literal::Undefined)
}

/// Already-printed JavaScript.
pub fn raw(text: impl Into<Rc<str>>) -> Expr {
    Expr::Raw(text.into())
}

/// An array literal.
pub fn array(items: Vec<Expr>) -> Expr {
    Expr::Array(items)
}

/// An object literal with unquoted keys.
pub fn map(entries: Vec<(&str, Expr)>) -> Expr {
    Expr::Map(entries.into_iter().map(|(k, v)| MapEntry::Property { key: k.to_string(), quoted: false, value: v }).collect())
}

/// `(params) => body` with an expression body.
pub fn arrow(params: Vec<String>, body: Expr) -> Expr {
    Expr::Arrow { params, body: ArrowBody::Expr(Box::new(body)) }
}

/// `function name(params) { body }`
pub fn function(name: Option<String>, params: Vec<String>, body: Vec<Stmt>) -> Expr {
    Expr::Function { name, params, body }
}

impl Expr {
    /// `self.name`
    pub fn prop(self, name: impl Into<String>) -> Expr {
        Expr::Prop { receiver: Box::new(self), name: name.into(), optional: false }
    }

    /// `self[index]`
    pub fn key(self, index: Expr) -> Expr {
        Expr::Key { receiver: Box::new(self), index: Box::new(index), optional: false }
    }

    /// `self(args)`
    pub fn call(self, args: Vec<Expr>) -> Expr {
        Expr::Call { callee: Box::new(self), args, pure: false, optional: false }
    }

    /// `/*@__PURE__*/ self(args)`
    pub fn call_pure(self, args: Vec<Expr>) -> Expr {
        Expr::Call { callee: Box::new(self), args, pure: true, optional: false }
    }

    /// `new self(args)`
    pub fn instantiate(self, args: Vec<Expr>) -> Expr {
        Expr::New { class: Box::new(self), args }
    }

    /// `self op rhs`
    pub fn binary(self, op: BinaryOp, rhs: Expr) -> Expr {
        Expr::Binary { op, lhs: Box::new(self), rhs: Box::new(rhs) }
    }

    /// `self = value`
    pub fn set(self, value: Expr) -> Expr {
        self.binary(BinaryOp::Assign, value)
    }

    /// `self && rhs`
    pub fn and(self, rhs: Expr) -> Expr {
        self.binary(BinaryOp::And, rhs)
    }

    /// `self || rhs`
    pub fn or(self, rhs: Expr) -> Expr {
        self.binary(BinaryOp::Or, rhs)
    }

    /// `self === rhs`
    pub fn identical(self, rhs: Expr) -> Expr {
        self.binary(BinaryOp::Identical, rhs)
    }

    /// `self ? t : f`
    pub fn conditional(self, true_case: Expr, false_case: Expr) -> Expr {
        Expr::Conditional { condition: Box::new(self), true_case: Box::new(true_case), false_case: Box::new(false_case) }
    }

    /// `self;`
    pub fn to_stmt(self) -> Stmt {
        Stmt::Expr(self)
    }

    /// Whether this is a literal value (Angular's `isConstant` for literals).
    pub fn is_literal(&self) -> bool {
        matches!(self, Expr::Literal(_))
    }
}

/// `const name = value;`
pub fn const_stmt(name: impl Into<String>, value: Expr) -> Stmt {
    Stmt::DeclareVar { name: name.into(), value: Some(value), is_const: true, exported: false }
}

/// `return value;`
pub fn return_stmt(value: Expr) -> Stmt {
    Stmt::Return(value)
}

/// `if (condition) { body }`
pub fn if_stmt(condition: Expr, true_case: Vec<Stmt>) -> Stmt {
    Stmt::If { condition, true_case, false_case: Vec::new() }
}
