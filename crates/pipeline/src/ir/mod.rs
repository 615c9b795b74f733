//! The intermediate representation of the template pipeline (Angular's `ir` namespace).
//!
//! A compilation job has views (or one host-binding unit); each has a *create* and an *update*
//! [`OpList`] of [`Op`]s. Ops refer to each other through [`Xref`]s; slots are allocated late
//! and shared through [`SlotHandle`]s; expressions are output-AST shapes plus IR-only kinds
//! ([`Expr`]), rewritten in place by the phases through [`visit`].

pub mod expr;
pub mod list;
pub mod ops;
pub mod visit;

pub use expr::*;
pub use list::{OpId, OpList};
pub use ops::*;
pub use visit::{transform_expr, transform_expressions_in_op, transform_stmt, VisitorFlags};

/// A cross-reference id: names a view, an element-like op, a variable, a temporary or a pipe
/// (Angular's `XrefId`). Allocated from one counter per job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Xref(pub u32);

/// A slot handle (Angular's `SlotHandle`): filled with the slot index by `allocateSlots` and read
/// by every instruction that refers to the slot. An index into the job's slot table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SlotHandle(pub u32);

/// A semantic variable (Angular's `SemanticVariable`): an index into the job's variable table.
/// Variable ops generated for the same scope entry share one, and so one name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(pub u32);

/// Element namespaces (`ir.Namespace`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Namespace {
    Html,
    Svg,
    Math,
}

impl Namespace {
    /// `namespaceForKey`: `svg` and `math` prefixes; anything else is HTML.
    pub fn for_key(key: Option<&str>) -> Namespace {
        match key {
            Some("svg") => Namespace::Svg,
            Some("math") => Namespace::Math,
            _ => Namespace::Html,
        }
    }

    /// `keyForNamespace`.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Namespace::Html => None,
            Namespace::Svg => Some("svg"),
            Namespace::Math => Some("math"),
        }
    }

    /// `prefixWithNamespace`: `:svg:tag` for non-HTML namespaces.
    pub fn prefix(self, tag: &str) -> String {
        match self.key() {
            None => tag.to_string(),
            Some(k) => format!(":{k}:{tag}"),
        }
    }
}

/// How a template was written (`ir.TemplateKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateKind {
    /// `<ng-template>`.
    NgTemplate,
    /// The implicit template of a `*directive`.
    Structural,
    /// A control-flow or `@defer` block.
    Block,
}

/// What a binding binds to (`ir.BindingKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BindingKind {
    Attribute,
    ClassName,
    StyleProperty,
    Property,
    Template,
    I18n,
    LegacyAnimation,
    TwoWayProperty,
    Animation,
}

/// The kinds of semantic variables (`ir.SemanticVariableKind`).
#[derive(Debug, Clone, PartialEq)]
pub enum SemanticVariableKind {
    /// The context of a view.
    Context { view: Xref },
    /// A named value: a template variable, a local reference, a `@let`.
    Identifier { identifier: String, local: bool },
    /// The saved view (`getCurrentView()`).
    SavedView { view: Xref },
    /// An alias that is always inlined (`@for` computed variables).
    Alias {
        identifier: String,
        expression: Expr,
    },
    /// The state of a `@boundary` block (`ɵɵgetBoundary(slot)`).
    BoundaryState { boundary: Xref },
}

/// A semantic variable with the name `nameFunctionsAndVariables` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct SemanticVariable {
    pub kind: SemanticVariableKind,
    pub name: Option<String>,
}

/// Flags of variable ops (`ir.VariableFlags`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VariableFlags {
    /// The variable is always inlined where it is read.
    pub always_inline: bool,
}

/// `@defer` trigger kinds (`ir.DeferTriggerKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeferTriggerKind {
    Idle,
    Immediate,
    Timer,
    Hover,
    Interaction,
    Viewport,
    Never,
}

/// Which trigger list a `@defer` trigger belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeferOpModifier {
    None,
    Prefetch,
    Hydrate,
}

/// A security context list: one entry for template bindings, several for host bindings.
pub type SecurityContexts = Vec<ngc_schema::SecurityContext>;
