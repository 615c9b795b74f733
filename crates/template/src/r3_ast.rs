//! The Render3 template AST (Angular's `t.*` nodes from `r3_ast.ts`): what code generation and type-checking
//! consume. Value types; every node carries byte spans into the template text.

use crate::expression::Expr;
use crate::html_ast::I18nMeta;
use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Template(Template),
    Content(Content),
    Text(Text),
    BoundText(BoundText),
    Icu(Icu),
    IfBlock(IfBlock),
    ForLoopBlock(Box<ForLoopBlock>),
    SwitchBlock(Box<SwitchBlock>),
    DeferredBlock(Box<DeferredBlock>),
    LetDeclaration(LetDeclaration),
    /// `@boundary {...} @error (when ...; let e) {...}`
    BoundaryBlock(Box<BoundaryBlock>),
    /// `@content (name; let a, b) {...}`
    ContentBlock(ContentBlock),
    /// An unknown or misplaced block (`@foo {}`, a stray `@else`): kept so tools can point at it.
    UnknownBlock(UnknownBlock),
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Element(n) => n.span,
            Node::Template(n) => n.span,
            Node::Content(n) => n.span,
            Node::Text(n) => n.span,
            Node::BoundText(n) => n.span,
            Node::Icu(n) => n.span,
            Node::IfBlock(n) => n.span,
            Node::ForLoopBlock(n) => n.span,
            Node::SwitchBlock(n) => n.spans.span,
            Node::DeferredBlock(n) => n.span,
            Node::LetDeclaration(n) => n.span,
            Node::UnknownBlock(n) => n.span,
            Node::BoundaryBlock(n) => n.spans.span,
            Node::ContentBlock(n) => n.spans.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// Text with `{{ }}` interpolations; `value` is an interpolation expression.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundText {
    pub value: Expr,
    pub span: Span,
    pub i18n: Option<I18nMeta>,
}

/// A static attribute `name="value"`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextAttribute {
    pub name: String,
    pub value: String,
    pub span: Span,
    pub key_span: Option<Span>,
    pub value_span: Option<Span>,
    pub i18n: Option<I18nMeta>,
}

/// Angular's `BindingType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingType {
    Property = 0,
    Attribute = 1,
    Class = 2,
    Style = 3,
    LegacyAnimation = 4,
    TwoWay = 5,
    Animation = 6,
}

/// `[prop]`, `[attr.x]`, `[class.x]`, `[style.x.unit]`, `[@trigger]`, `[(twoWay)]`, `attr="{{interpolated}}"`.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundAttribute {
    pub name: String,
    pub kind: BindingType,
    pub value: Expr,
    pub unit: Option<String>,
    pub span: Span,
    pub key_span: Span,
    pub value_span: Option<Span>,
    pub i18n: Option<I18nMeta>,
}

/// Angular's `ParsedEventType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    Regular = 0,
    LegacyAnimation = 1,
    TwoWay = 2,
    Animation = 3,
}

/// `(event)`, `(window:resize)`, `(@trigger.done)`, the `xChange` half of `[(x)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundEvent {
    pub name: String,
    pub kind: EventType,
    pub handler: Expr,
    pub target: Option<String>,
    pub phase: Option<String>,
    pub span: Span,
    pub handler_span: Span,
    pub key_span: Span,
}

/// `#ref`, `ref-x`, `#ref="exportAs"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub name: String,
    pub value: String,
    pub span: Span,
    pub key_span: Span,
    pub value_span: Option<Span>,
}

/// `let-x="y"`, microsyntax variables, block context variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub name: String,
    pub value: String,
    pub span: Span,
    pub key_span: Span,
    pub value_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<TextAttribute>,
    pub inputs: Vec<BoundAttribute>,
    pub outputs: Vec<BoundEvent>,
    pub children: Vec<Node>,
    pub references: Vec<Reference>,
    pub is_self_closing: bool,
    pub span: Span,
    pub start_span: Span,
    pub end_span: Option<Span>,
    pub is_void: bool,
    pub i18n: Option<I18nMeta>,
}

/// A template attribute: static or bound (microsyntax keys of a `*` attribute).
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateAttr {
    Text(TextAttribute),
    Bound(BoundAttribute),
}

/// `<ng-template>` or the implicit template of a `*directive`.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The tag name of the wrapped element (`None` for a `*dir` on `<ng-template>`).
    pub tag_name: Option<String>,
    pub attributes: Vec<TextAttribute>,
    pub inputs: Vec<BoundAttribute>,
    pub outputs: Vec<BoundEvent>,
    pub template_attrs: Vec<TemplateAttr>,
    pub children: Vec<Node>,
    pub references: Vec<Reference>,
    pub variables: Vec<Variable>,
    pub is_self_closing: bool,
    pub span: Span,
    pub start_span: Span,
    pub end_span: Option<Span>,
    pub i18n: Option<I18nMeta>,
}

/// `<ng-content select="...">`.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub selector: String,
    pub attributes: Vec<TextAttribute>,
    pub children: Vec<Node>,
    pub is_self_closing: bool,
    pub span: Span,
    pub start_span: Span,
    pub end_span: Option<Span>,
    pub i18n: Option<I18nMeta>,
}

/// An ICU message (`{count, plural, ...}`): its variables and its placeholders (interpolations).
#[derive(Debug, Clone, PartialEq)]
pub struct Icu {
    /// `VAR_PLURAL`, `VAR_SELECT`, ... → the switch expression.
    pub vars: Vec<(String, BoundText)>,
    /// `INTERPOLATION`, ... → the text or interpolation of the placeholder.
    pub placeholders: Vec<(String, Node)>,
    pub span: Span,
    pub i18n: Option<I18nMeta>,
}

/// Spans shared by every block node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockSpans {
    pub span: Span,
    pub start_span: Span,
    pub end_span: Option<Span>,
    pub name_span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IfBlock {
    pub branches: Vec<IfBlockBranch>,
    pub span: Span,
    pub spans: BlockSpans,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IfBlockBranch {
    /// `None` for `@else`.
    pub expression: Option<Expr>,
    pub children: Vec<Node>,
    pub expression_alias: Option<Variable>,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForLoopBlock {
    pub item: Variable,
    pub expression: Expr,
    pub track_by: Option<Expr>,
    pub track_keyword_span: Option<Span>,
    pub context_variables: Vec<Variable>,
    pub children: Vec<Node>,
    pub empty: Option<ForLoopBlockEmpty>,
    pub span: Span,
    pub main_block_span: Span,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForLoopBlockEmpty {
    pub children: Vec<Node>,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SwitchBlock {
    pub expression: Expr,
    pub groups: Vec<SwitchBlockCaseGroup>,
    /// Blocks inside the `@switch` that are not `@case`/`@default`.
    pub unknown_blocks: Vec<UnknownBlock>,
    /// `@default never;`
    pub exhaustive_check: Option<SwitchExhaustiveCheck>,
    pub spans: BlockSpans,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SwitchBlockCase {
    /// `None` for `@default`.
    pub expression: Option<Expr>,
    pub spans: BlockSpans,
}

/// Consecutive `@case`s sharing one body.
#[derive(Debug, Clone, PartialEq)]
pub struct SwitchBlockCaseGroup {
    pub cases: Vec<SwitchBlockCase>,
    pub children: Vec<Node>,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SwitchExhaustiveCheck {
    pub expression: Option<Expr>,
    pub spans: BlockSpans,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeferredBlock {
    pub triggers: DeferredTriggers,
    pub prefetch_triggers: DeferredTriggers,
    pub hydrate_triggers: DeferredTriggers,
    pub children: Vec<Node>,
    pub placeholder: Option<DeferredSubBlock>,
    pub loading: Option<DeferredSubBlock>,
    pub error: Option<DeferredSubBlock>,
    pub span: Span,
    pub main_block_span: Span,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

/// `@placeholder (minimum 500ms)`, `@loading (after 100ms; minimum 1s)`, `@error`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeferredSubBlock {
    pub children: Vec<Node>,
    pub minimum_time: Option<f64>,
    pub after_time: Option<f64>,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

/// The triggers of one kind (main, prefetch or hydrate), at most one of each trigger type, in Angular's
/// key order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeferredTriggers {
    pub when: Option<Box<DeferredTrigger>>,
    pub idle: Option<Box<DeferredTrigger>>,
    pub immediate: Option<Box<DeferredTrigger>>,
    pub hover: Option<Box<DeferredTrigger>>,
    pub timer: Option<Box<DeferredTrigger>>,
    pub interaction: Option<Box<DeferredTrigger>>,
    pub viewport: Option<Box<DeferredTrigger>>,
    pub never: Option<Box<DeferredTrigger>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeferredTriggerKind {
    /// `when expr`
    Bound,
    Idle,
    Immediate,
    Hover,
    Timer,
    Interaction,
    Viewport,
    Never,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeferredTrigger {
    pub kind: DeferredTriggerKind,
    /// `when` expression.
    pub value: Option<Expr>,
    /// `timer(500ms)` delay in milliseconds.
    pub delay: Option<f64>,
    /// `hover(ref)`, `interaction(ref)`, `viewport(ref)`.
    pub reference: Option<String>,
    /// `viewport({...})` options.
    pub options: Option<Expr>,
    pub span: Span,
    pub name_span: Option<Span>,
    pub prefetch_span: Option<Span>,
    pub when_or_on_span: Option<Span>,
    pub hydrate_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LetDeclaration {
    pub name: String,
    pub value: Expr,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryBlock {
    pub children: Vec<Node>,
    pub error_blocks: Vec<BoundaryErrorBlock>,
    pub main_block_span: Span,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryErrorBlock {
    pub children: Vec<Node>,
    /// `$error`, `$reset` and the `let` aliases.
    pub context_variables: Vec<Variable>,
    /// `when expr` (Angular keeps the bare tree; `source` is its parameter text).
    pub expression: Option<Expr>,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContentBlock {
    pub name: String,
    pub variables: Vec<Variable>,
    pub children: Vec<Node>,
    pub spans: BlockSpans,
    pub i18n: Option<I18nMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnknownBlock {
    pub name: String,
    pub span: Span,
    pub name_span: Span,
}

/// Moves every child node of `node` (in all its branches) into `out`; used to drop deep trees without
/// recursion.
pub fn take_children(node: &mut Node, out: &mut Vec<Node>) {
    match node {
        Node::Element(e) => out.append(&mut e.children),
        Node::Template(t) => out.append(&mut t.children),
        Node::Content(c) => out.append(&mut c.children),
        Node::IfBlock(b) => {
            for br in b.branches.iter_mut() {
                out.append(&mut br.children);
            }
        }
        Node::ForLoopBlock(b) => {
            out.append(&mut b.children);
            if let Some(e) = b.empty.as_mut() {
                out.append(&mut e.children);
            }
        }
        Node::SwitchBlock(b) => {
            for g in b.groups.iter_mut() {
                out.append(&mut g.children);
            }
        }
        Node::DeferredBlock(b) => {
            out.append(&mut b.children);
            for s in [&mut b.placeholder, &mut b.loading, &mut b.error]
                .into_iter()
                .flatten()
            {
                out.append(&mut s.children);
            }
        }
        Node::Icu(i) => {
            for (_, n) in i.placeholders.iter_mut() {
                let n = std::mem::replace(
                    n,
                    Node::Text(Text {
                        value: String::new(),
                        span: Span::default(),
                    }),
                );
                out.push(n);
            }
        }
        Node::BoundaryBlock(b) => {
            out.append(&mut b.children);
            for e in b.error_blocks.iter_mut() {
                out.append(&mut e.children);
            }
        }
        Node::ContentBlock(b) => out.append(&mut b.children),
        Node::Text(_) | Node::BoundText(_) | Node::LetDeclaration(_) | Node::UnknownBlock(_) => {}
    }
}
