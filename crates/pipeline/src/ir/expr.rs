//! IR expressions and statements: the output-AST shapes the pipeline builds (Angular's `o.*`)
//! plus the IR-only kinds (Angular's `ir.ExpressionKind`) that phases resolve before `reify`.

use ngc_output as o;
pub use ngc_output::{BinaryOp, Literal, UnaryOp};

use super::{SlotHandle, Xref};

/// One entry of an object literal.
#[derive(Debug, Clone, PartialEq)]
pub enum MapEntry {
    Property {
        key: String,
        quoted: bool,
        value: Expr,
    },
    Spread(Expr),
}

/// The body of an output-level arrow function.
#[derive(Debug, Clone, PartialEq)]
pub enum ArrowBody {
    Expr(Box<Expr>),
    Block(Vec<Stmt>),
}

/// The view a `restoreView()` restores: a view not yet resolved, or the saved-view expression.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreViewTarget {
    View(Xref),
    Expr(Box<Expr>),
}

/// A pure function (`ir.PureFunctionExpr`): `body` until it is extracted into the constant pool,
/// then `fn_ref`.
#[derive(Debug, Clone, PartialEq)]
pub struct PureFunction {
    pub body: Option<Expr>,
    pub fn_ref: Option<Expr>,
    pub args: Vec<Expr>,
    pub var_offset: Option<u32>,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    // ---- Output-AST shapes ----
    ReadVar(String),
    /// A symbol of `@angular/core`.
    Core(&'static str),
    /// An already-built output expression (a source expression copied from the user's file, a
    /// defer resolver function). Opaque to the phases.
    Output(Box<o::Expr>),
    Literal(Literal),
    ReadProp {
        receiver: Box<Expr>,
        name: String,
        optional: bool,
    },
    ReadKey {
        receiver: Box<Expr>,
        index: Box<Expr>,
        optional: bool,
    },
    Invoke {
        callee: Box<Expr>,
        args: Vec<Expr>,
        optional: bool,
        pure: bool,
    },
    LiteralArray(Vec<Expr>),
    LiteralMap(Vec<MapEntry>),
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Not(Box<Expr>),
    Typeof(Box<Expr>),
    Void(Box<Expr>),
    Conditional {
        condition: Box<Expr>,
        true_case: Box<Expr>,
        false_case: Option<Box<Expr>>,
    },
    Paren(Box<Expr>),
    Spread(Box<Expr>),
    TemplateLiteral {
        elements: Vec<o::TemplateElement>,
        exprs: Vec<Expr>,
    },
    TaggedTemplate {
        tag: Box<Expr>,
        elements: Vec<o::TemplateElement>,
        exprs: Vec<Expr>,
    },
    Regex {
        body: String,
        flags: Option<String>,
    },
    /// An output-level arrow function (`(a) => a.b` in an event handler).
    ArrowFn {
        params: Vec<String>,
        body: ArrowBody,
    },
    /// A function expression (listener handlers after reification).
    Function {
        name: Option<String>,
        params: Vec<String>,
        body: Vec<Stmt>,
    },

    // ---- IR kinds ----
    /// A name read in a template expression, not yet resolved to a variable or a context read.
    LexicalRead(String),
    /// A local reference (`#ref`) of the element `target`.
    Reference {
        target: Xref,
        slot: SlotHandle,
        offset: u32,
    },
    /// The context of view `0`.
    Context(Xref),
    /// The component instance inside a track function (`this`).
    TrackContext(Xref),
    /// `nextContext(steps)`.
    NextContext {
        steps: u32,
    },
    /// `getCurrentView()`.
    GetCurrentView,
    /// `restoreView(view)`.
    RestoreView(RestoreViewTarget),
    /// `resetView(expr)`.
    ResetView(Box<Expr>),
    /// The assignment of a two-way listener (`twoWayBindingSet(target, value)`).
    TwoWayBindingSet {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    /// The state of the `@boundary` block `0`, before it is resolved to its variable.
    BoundaryState(Xref),
    /// A read of a variable op's value.
    ReadVariable {
        xref: Xref,
        name: Option<String>,
    },
    PureFunction(Box<PureFunction>),
    /// Argument `n` of a pure function body.
    PureFunctionParameter(u32),
    /// `pipeBind1..4`.
    PipeBinding {
        target: Xref,
        slot: SlotHandle,
        name: String,
        args: Vec<Expr>,
        var_offset: Option<u32>,
    },
    /// `pipeBindV`.
    PipeBindingVariadic {
        target: Xref,
        slot: SlotHandle,
        name: String,
        args: Box<Expr>,
        num_args: u32,
        var_offset: Option<u32>,
    },
    SafePropertyRead {
        receiver: Box<Expr>,
        name: String,
    },
    SafeKeyedRead {
        receiver: Box<Expr>,
        index: Box<Expr>,
    },
    /// `$safeNavigationMigration(expr)`: legacy `?.` semantics for `expr`.
    SafeNavigationMigration(Box<Expr>),
    /// `guard == null ? null : expr`, before it is expanded.
    SafeTernary {
        guard: Box<Expr>,
        expr: Box<Expr>,
    },
    /// An empty binding expression.
    Empty,
    /// `tmp = expr`.
    AssignTemporary {
        expr: Box<Expr>,
        xref: Xref,
        name: Option<String>,
    },
    /// A read of a temporary.
    ReadTemporary {
        xref: Xref,
        name: Option<String>,
    },
    /// The slot of a handle, as a number literal.
    SlotLiteral(SlotHandle),
    /// An expression to be moved into the consts array (replaced by its index).
    ConstCollected(Box<Expr>),
    /// A parenthesised expression `stripNonrequiredParentheses` keeps (exists only during that
    /// phase).
    RequiredParen(Box<Expr>),
    /// An arrow function of a binding (`ir.ArrowFunctionExpr`): its body ops are
    /// `unit.functions[index]`; reified as `ɵɵarrowFunction(varOffset, factory, ctx)`.
    ArrowFunction {
        index: u32,
        var_offset: Option<u32>,
    },
    /// `storeLet(value)` of the `@let` declared by `target`.
    StoreLet {
        target: Xref,
        value: Box<Expr>,
    },
    /// `readContextLet(slot)` of a `@let` of an enclosing view.
    ContextLetReference {
        target: Xref,
        slot: SlotHandle,
    },
}

impl Default for Expr {
    fn default() -> Self {
        Expr::Literal(Literal::Undefined)
    }
}

impl Expr {
    pub fn str(s: impl Into<String>) -> Expr {
        Expr::Literal(Literal::String(s.into()))
    }

    pub fn num(n: f64) -> Expr {
        Expr::Literal(Literal::Number(n))
    }

    pub fn null() -> Expr {
        Expr::Literal(Literal::Null)
    }

    pub fn var(name: impl Into<String>) -> Expr {
        Expr::ReadVar(name.into())
    }

    pub fn prop(self, name: impl Into<String>) -> Expr {
        Expr::ReadProp {
            receiver: Box::new(self),
            name: name.into(),
            optional: false,
        }
    }

    pub fn key(self, index: Expr) -> Expr {
        Expr::ReadKey {
            receiver: Box::new(self),
            index: Box::new(index),
            optional: false,
        }
    }

    pub fn call(self, args: Vec<Expr>) -> Expr {
        Expr::Invoke {
            callee: Box::new(self),
            args,
            optional: false,
            pure: false,
        }
    }

    pub fn binary(self, op: BinaryOp, rhs: Expr) -> Expr {
        Expr::Binary {
            op,
            lhs: Box::new(self),
            rhs: Box::new(rhs),
        }
    }

    pub fn identical(self, rhs: Expr) -> Expr {
        self.binary(BinaryOp::Identical, rhs)
    }

    pub fn set(self, value: Expr) -> Expr {
        self.binary(BinaryOp::Assign, value)
    }

    pub fn conditional(self, true_case: Expr, false_case: Expr) -> Expr {
        Expr::Conditional {
            condition: Box::new(self),
            true_case: Box::new(true_case),
            false_case: Some(Box::new(false_case)),
        }
    }

    /// Whether this is an IR-only kind (Angular's `isIrExpression`).
    pub fn is_ir(&self) -> bool {
        matches!(
            self,
            Expr::LexicalRead(_)
                | Expr::Reference { .. }
                | Expr::Context(_)
                | Expr::BoundaryState(_)
                | Expr::TrackContext(_)
                | Expr::NextContext { .. }
                | Expr::GetCurrentView
                | Expr::RestoreView(_)
                | Expr::ResetView(_)
                | Expr::TwoWayBindingSet { .. }
                | Expr::ReadVariable { .. }
                | Expr::PureFunction(_)
                | Expr::PureFunctionParameter(_)
                | Expr::PipeBinding { .. }
                | Expr::PipeBindingVariadic { .. }
                | Expr::SafePropertyRead { .. }
                | Expr::SafeKeyedRead { .. }
                | Expr::SafeNavigationMigration(_)
                | Expr::SafeTernary { .. }
                | Expr::Empty
                | Expr::AssignTemporary { .. }
                | Expr::ReadTemporary { .. }
                | Expr::SlotLiteral(_)
                | Expr::ConstCollected(_)
                | Expr::StoreLet { .. }
                | Expr::ArrowFunction { .. }
                | Expr::ContextLetReference { .. }
        )
    }

    /// Angular's `isConstant()`.
    pub fn is_constant(&self) -> bool {
        match self {
            Expr::Literal(_) | Expr::Regex { .. } => true,
            Expr::Typeof(e)
            | Expr::Void(e)
            | Expr::Paren(e)
            | Expr::RequiredParen(e)
            | Expr::Spread(e) => e.is_constant(),
            Expr::LiteralArray(items) => items.iter().all(Expr::is_constant),
            Expr::LiteralMap(entries) => entries.iter().all(|e| match e {
                MapEntry::Property { value, .. } => value.is_constant(),
                MapEntry::Spread(e) => e.is_constant(),
            }),
            Expr::Empty | Expr::PureFunctionParameter(_) | Expr::SlotLiteral(_) => true,
            Expr::ConstCollected(e) | Expr::SafeNavigationMigration(e) => e.is_constant(),
            _ => false,
        }
    }

    /// A read of the variable op `xref` (named later).
    pub fn read_variable(xref: Xref) -> Expr {
        Expr::ReadVariable { xref, name: None }
    }
}

/// A statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    Expr(Expr),
    /// `return value;`, optionally preceded by `// @ts-ignore`.
    Return {
        value: Expr,
        ts_ignore: bool,
    },
    /// `const name = value;` (`is_const`) or `let name;`.
    DeclareVar {
        name: String,
        value: Option<Expr>,
        is_const: bool,
    },
}

impl Stmt {
    pub fn ret(value: Expr) -> Stmt {
        Stmt::Return {
            value,
            ts_ignore: false,
        }
    }
}

/// Strings and expressions of an interpolation (`ir.Interpolation`): one more string than
/// expressions.
#[derive(Debug, Clone, PartialEq)]
pub struct Interpolation {
    pub strings: Vec<String>,
    pub expressions: Vec<Expr>,
}

impl Interpolation {
    /// `{{ x }}` and nothing else (`isSingletonInterpolation`).
    pub fn is_singleton(&self) -> bool {
        self.expressions.len() == 1
            && self.strings.len() == 2
            && self.strings.iter().all(String::is_empty)
    }
}

/// The value of a binding: an expression or an interpolation.
#[derive(Debug, Clone, PartialEq)]
pub enum BindingValue {
    Expr(Expr),
    Interpolation(Interpolation),
}

impl BindingValue {
    pub fn is_interpolation(&self) -> bool {
        matches!(self, BindingValue::Interpolation(_))
    }

    pub fn as_expr(&self) -> Option<&Expr> {
        match self {
            BindingValue::Expr(e) => Some(e),
            BindingValue::Interpolation(_) => None,
        }
    }
}
