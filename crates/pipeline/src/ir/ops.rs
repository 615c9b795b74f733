//! IR operations (Angular's `ir.OpKind` and the `create*Op` shapes).
//!
//! Create ops build the view (elements, templates, text, listeners, pipes, `@let`
//! declarations); update ops refresh bindings. Angular's traits are methods here:
//! [`Op::slot_consumer`] (ConsumesSlot), [`Op::slot_context_target`] (DependsOnSlotContext) and
//! [`Op::consumes_vars`] (ConsumesVars).

use ngc_template::Span;

use super::expr::{BindingValue, Expr, Interpolation, Stmt};
use super::list::OpList;
use super::{
    BindingKind, DeferOpModifier, DeferTriggerKind, Namespace, SecurityContexts, SlotHandle,
    TemplateKind, VarId, VariableFlags, Xref,
};

/// A local reference (`#name="target"`) of an element or template.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalRef {
    pub name: String,
    pub target: String,
}

/// Local references before and after `liftLocalRefs` moved them into the consts array.
#[derive(Debug, Clone, PartialEq)]
pub enum LocalRefs {
    List(Vec<LocalRef>),
    /// The consts index of the serialised list, or `None` when there were none.
    Const(Option<u32>),
}

impl LocalRefs {
    pub fn list(&self) -> &[LocalRef] {
        match self {
            LocalRefs::List(l) => l,
            LocalRefs::Const(_) => &[],
        }
    }

    pub fn const_index(&self) -> Option<u32> {
        match self {
            LocalRefs::List(_) => None,
            LocalRefs::Const(i) => *i,
        }
    }
}

/// `ElementStart`, `Element`, `ContainerStart` and `Container` ops.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementOp {
    pub xref: Xref,
    /// The tag without namespace (`ng-container` for containers).
    pub tag: String,
    pub handle: SlotHandle,
    pub attributes: Option<u32>,
    pub local_refs: LocalRefs,
    pub non_bindable: bool,
    pub namespace: Namespace,
    pub num_slots_used: u32,
    pub start_span: Span,
    pub whole_span: Span,
}

/// `ElementEnd` and `ContainerEnd`.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementEndOp {
    pub xref: Xref,
    pub span: Span,
}

/// `Template`, `ConditionalCreate` and `ConditionalBranchCreate` ops: an embedded view.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateOp {
    /// The embedded view.
    pub xref: Xref,
    pub template_kind: TemplateKind,
    pub attributes: Option<u32>,
    pub tag: Option<String>,
    pub handle: SlotHandle,
    pub function_name_suffix: String,
    pub decls: Option<u32>,
    pub vars: Option<u32>,
    pub local_refs: LocalRefs,
    pub non_bindable: bool,
    pub namespace: Namespace,
    pub num_slots_used: u32,
    pub start_span: Span,
    pub whole_span: Span,
}

/// The variable names of a `@for` block the track expression may use.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RepeaterVarNames {
    /// The names `$index` is known by.
    pub index: Vec<String>,
    /// The item variable.
    pub implicit: String,
}

/// `RepeaterCreate`: a `@for` block.
#[derive(Debug, Clone, PartialEq)]
pub struct RepeaterCreateOp {
    /// The primary (item) view.
    pub xref: Xref,
    pub attributes: Option<u32>,
    pub handle: SlotHandle,
    pub empty_view: Option<Xref>,
    pub track: Expr,
    pub track_by_fn: Option<Expr>,
    pub track_by_ops: Option<OpList>,
    pub tag: Option<String>,
    pub empty_tag: Option<String>,
    pub empty_attributes: Option<u32>,
    pub function_name_suffix: String,
    pub decls: Option<u32>,
    pub vars: Option<u32>,
    pub var_names: RepeaterVarNames,
    pub uses_component_instance: bool,
    pub local_refs: LocalRefs,
    pub num_slots_used: u32,
    pub start_span: Span,
    pub whole_span: Span,
}

/// `Text`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextOp {
    pub xref: Xref,
    pub handle: SlotHandle,
    pub initial_value: String,
    pub span: Span,
}

/// `Listener`: an event listener of an element, template or host.
#[derive(Debug, Clone, PartialEq)]
pub struct ListenerOp {
    pub target: Xref,
    pub target_slot: SlotHandle,
    pub name: String,
    pub tag: Option<String>,
    pub handler_ops: OpList,
    pub handler_fn_name: Option<String>,
    pub consumes_dollar_event: bool,
    pub legacy_animation_phase: Option<String>,
    pub event_target: Option<String>,
    pub host_listener: bool,
    pub span: Span,
}

impl ListenerOp {
    pub fn is_legacy_animation_listener(&self) -> bool {
        self.legacy_animation_phase.is_some()
    }
}

/// `TwoWayListener`: the `xChange` half of `[(x)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TwoWayListenerOp {
    pub target: Xref,
    pub target_slot: SlotHandle,
    pub name: String,
    pub tag: Option<String>,
    pub handler_ops: OpList,
    pub handler_fn_name: Option<String>,
    pub span: Span,
}

/// `Projection`: `<ng-content>`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionOp {
    pub xref: Xref,
    pub handle: SlotHandle,
    pub selector: String,
    pub fallback_view: Option<Xref>,
    pub projection_slot_index: u32,
    /// The attributes array (a constant-pool literal).
    pub attributes: Option<Expr>,
    pub num_slots_used: u32,
    pub span: Span,
}

/// `ExtractedAttribute`: an attribute or binding name that goes into the consts array.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedAttributeOp {
    pub target: Xref,
    pub binding_kind: BindingKind,
    pub namespace: Option<String>,
    pub name: String,
    pub expression: Option<Expr>,
    pub security_context: SecurityContexts,
    pub trusted_value_fn: Option<Expr>,
}

/// A `@defer` trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct DeferTrigger {
    pub kind: DeferTriggerKind,
    /// `idle(timeout)`.
    pub timeout: Option<f64>,
    /// `timer(delay)`.
    pub delay: Option<f64>,
    /// `hover(ref)`, `interaction(ref)`, `viewport(ref)`.
    pub target_name: Option<String>,
    pub target_xref: Option<Xref>,
    pub target_slot: Option<SlotHandle>,
    pub target_view: Option<Xref>,
    pub target_slot_view_steps: Option<i32>,
    /// `viewport({...})` options.
    pub options: Option<Expr>,
}

/// `Defer`: a `@defer` block.
#[derive(Debug, Clone, PartialEq)]
pub struct DeferOp {
    pub xref: Xref,
    pub handle: SlotHandle,
    pub main_view: Xref,
    pub main_slot: SlotHandle,
    pub loading_slot: Option<SlotHandle>,
    pub loading_config: Option<Expr>,
    pub loading_minimum_time: Option<f64>,
    pub loading_after_time: Option<f64>,
    pub placeholder_view: Option<Xref>,
    pub placeholder_slot: Option<SlotHandle>,
    pub placeholder_config: Option<Expr>,
    pub placeholder_minimum_time: Option<f64>,
    pub error_slot: Option<SlotHandle>,
    pub own_resolver_fn: Option<Expr>,
    pub resolver_fn: Option<Expr>,
    pub flags: Option<u32>,
    pub span: Span,
}

/// A `Conditional` case: a branch view with its test (`None`: `@else` / `@default`).
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionalCase {
    pub expr: Option<Expr>,
    pub target: Xref,
    pub target_slot: SlotHandle,
    /// `@if (x; as alias)`.
    pub has_alias: bool,
}

/// `Binding`: any binding before it is specialised.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOp {
    pub target: Xref,
    pub binding_kind: BindingKind,
    pub name: String,
    pub expression: BindingValue,
    pub unit: Option<String>,
    pub security_context: SecurityContexts,
    pub is_text_attribute: bool,
    pub is_structural_template_attribute: bool,
    pub template_kind: Option<TemplateKind>,
    pub span: Span,
}

/// `Property` and `TwoWayProperty`.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyOp {
    pub target: Xref,
    pub name: String,
    pub expression: BindingValue,
    pub binding_kind: BindingKind,
    pub security_context: SecurityContexts,
    pub sanitizer: Option<Expr>,
    pub is_structural_template_attribute: bool,
    pub template_kind: Option<TemplateKind>,
    pub span: Span,
}

/// `Attribute`.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeOp {
    pub target: Xref,
    pub namespace: Option<String>,
    pub name: String,
    pub expression: BindingValue,
    pub security_context: SecurityContexts,
    pub sanitizer: Option<Expr>,
    pub is_text_attribute: bool,
    pub is_structural_template_attribute: bool,
    pub template_kind: Option<TemplateKind>,
    pub span: Span,
}

/// `StyleProp`, `ClassProp`, `StyleMap` and `ClassMap`.
#[derive(Debug, Clone, PartialEq)]
pub struct StylingOp {
    pub target: Xref,
    /// Empty for the map forms.
    pub name: String,
    pub expression: BindingValue,
    pub unit: Option<String>,
    pub span: Span,
}

/// `DomProperty`: a host property binding.
#[derive(Debug, Clone, PartialEq)]
pub struct DomPropertyOp {
    pub name: String,
    pub expression: BindingValue,
    pub binding_kind: BindingKind,
    pub security_context: SecurityContexts,
    pub sanitizer: Option<Expr>,
    pub span: Span,
}

/// `Conditional`: the update of an `@if` / `@switch`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionalOp {
    /// The first branch view.
    pub target: Xref,
    /// The `@switch` expression.
    pub test: Option<Expr>,
    pub conditions: Vec<ConditionalCase>,
    pub processed: Option<Expr>,
    pub context_value: Option<Expr>,
    pub span: Span,
}

/// `BoundaryErrorCreate`: an `@error` view of a `@boundary` block.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryErrorCreateOp {
    /// The error view.
    pub xref: Xref,
    pub handle: SlotHandle,
    pub function_name_suffix: String,
    /// The `BoundaryCreate` op of the block.
    pub boundary: Xref,
    /// `(name, value)` of `$error`, `$reset` and their `let` aliases.
    pub context_variables: Vec<(String, String)>,
    pub start_span: Span,
    pub whole_span: Span,
}

/// `Boundary`: the update of a `@boundary` block.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryOp {
    /// The `BoundaryCreate` op.
    pub target: Xref,
    pub target_slot: SlotHandle,
    /// The primary view.
    pub primary: Xref,
    pub guarded: ConditionalCase,
    /// The `@error` branches.
    pub conditions: Vec<ConditionalCase>,
    pub processed: Option<Expr>,
    pub span: Span,
}

/// `Variable`: `const name = initializer;`.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableOp {
    pub xref: Xref,
    pub variable: VarId,
    pub initializer: Expr,
    pub flags: VariableFlags,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// The value of a removed op's id; never in a list.
    ListEnd,
    /// An IR statement (listener bodies, temporaries).
    Statement(Stmt),
    /// A statement of the output AST: what `reify` turns every op into.
    Reified(ngc_output::Stmt),
    Variable(Box<VariableOp>),

    // ---- Create ops ----
    ElementStart(Box<ElementOp>),
    Element(Box<ElementOp>),
    ElementEnd(ElementEndOp),
    ContainerStart(Box<ElementOp>),
    Container(Box<ElementOp>),
    ContainerEnd(ElementEndOp),
    Template(Box<TemplateOp>),
    ConditionalCreate(Box<TemplateOp>),
    ConditionalBranchCreate(Box<TemplateOp>),
    RepeaterCreate(Box<RepeaterCreateOp>),
    /// `BoundaryCreate`: the `@boundary` block itself.
    BoundaryCreate(Box<TemplateOp>),
    BoundaryErrorCreate(Box<BoundaryErrorCreateOp>),
    Text(Box<TextOp>),
    Listener(Box<ListenerOp>),
    TwoWayListener(Box<TwoWayListenerOp>),
    Pipe {
        xref: Xref,
        handle: SlotHandle,
        name: String,
    },
    Namespace(Namespace),
    ProjectionDef(Option<Expr>),
    Projection(Box<ProjectionOp>),
    ExtractedAttribute(Box<ExtractedAttributeOp>),
    Defer(Box<DeferOp>),
    DeferOn {
        defer: Xref,
        trigger: Box<DeferTrigger>,
        modifier: DeferOpModifier,
        span: Span,
    },
    DeclareLet {
        xref: Xref,
        declared_name: String,
        handle: SlotHandle,
        span: Span,
    },
    DisableBindings(Xref),
    EnableBindings(Xref),
    EnableIncrementalHydrationRuntime,
    ControlCreate {
        span: Span,
    },
    /// `attachSourceLocations(templatePath, [[slot, offset, line, column], ...])`.
    SourceLocation {
        template_path: String,
        locations: Vec<(SlotHandle, u32, u32, u32)>,
    },

    // ---- Update ops ----
    Binding(Box<BindingOp>),
    Property(Box<PropertyOp>),
    TwoWayProperty(Box<PropertyOp>),
    Attribute(Box<AttributeOp>),
    StyleProp(Box<StylingOp>),
    ClassProp(Box<StylingOp>),
    StyleMap(Box<StylingOp>),
    ClassMap(Box<StylingOp>),
    DomProperty(Box<DomPropertyOp>),
    InterpolateText {
        target: Xref,
        interpolation: Interpolation,
        span: Span,
    },
    Advance {
        delta: u32,
        span: Span,
    },
    Conditional(Box<ConditionalOp>),
    Boundary(Box<BoundaryOp>),
    Repeater {
        target: Xref,
        target_slot: SlotHandle,
        collection: Expr,
        span: Span,
    },
    DeferWhen {
        target: Xref,
        expr: Expr,
        modifier: DeferOpModifier,
        span: Span,
    },
    StoreLet {
        target: Xref,
        declared_name: String,
        value: Expr,
        span: Span,
    },
    Control {
        target: Xref,
        span: Span,
    },
}

impl Op {
    /// ConsumesSlot: the op's xref, slot handle and slot count.
    pub fn slot_consumer(&self) -> Option<(Xref, SlotHandle, u32)> {
        match self {
            Op::ElementStart(e) | Op::Element(e) | Op::ContainerStart(e) | Op::Container(e) => {
                Some((e.xref, e.handle, e.num_slots_used))
            }
            Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) => {
                Some((t.xref, t.handle, t.num_slots_used))
            }
            Op::RepeaterCreate(r) => Some((r.xref, r.handle, r.num_slots_used)),
            Op::BoundaryCreate(t) => Some((t.xref, t.handle, t.num_slots_used)),
            Op::BoundaryErrorCreate(b) => Some((b.xref, b.handle, 1)),
            Op::Text(t) => Some((t.xref, t.handle, 1)),
            Op::Pipe { xref, handle, .. } => Some((*xref, *handle, 1)),
            Op::Projection(p) => Some((p.xref, p.handle, p.num_slots_used)),
            Op::Defer(d) => Some((d.xref, d.handle, 2)),
            Op::DeclareLet { xref, handle, .. } => Some((*xref, *handle, 1)),
            _ => None,
        }
    }

    /// DependsOnSlotContext: the element-like op whose slot must be selected first.
    pub fn slot_context_target(&self) -> Option<Xref> {
        match self {
            Op::InterpolateText { target, .. }
            | Op::Repeater { target, .. }
            | Op::DeferWhen { target, .. }
            | Op::StoreLet { target, .. }
            | Op::Control { target, .. } => Some(*target),
            Op::Property(p) | Op::TwoWayProperty(p) => Some(p.target),
            Op::Attribute(a) => Some(a.target),
            Op::StyleProp(s) | Op::ClassProp(s) | Op::StyleMap(s) | Op::ClassMap(s) => {
                Some(s.target)
            }
            Op::Conditional(c) => Some(c.target),
            Op::Boundary(b) => Some(b.target),
            _ => None,
        }
    }

    /// ConsumesVars.
    pub fn consumes_vars(&self) -> bool {
        matches!(
            self,
            Op::InterpolateText { .. }
                | Op::Property(_)
                | Op::TwoWayProperty(_)
                | Op::StyleProp(_)
                | Op::ClassProp(_)
                | Op::StyleMap(_)
                | Op::ClassMap(_)
                | Op::Attribute(_)
                | Op::Conditional(_)
                | Op::Boundary(_)
                | Op::RepeaterCreate(_)
                | Op::DeferWhen { .. }
                | Op::StoreLet { .. }
                | Op::DomProperty(_)
        )
    }

    /// `isElementOrContainerOp`.
    pub fn is_element_or_container(&self) -> bool {
        matches!(
            self,
            Op::Element(_)
                | Op::ElementStart(_)
                | Op::Container(_)
                | Op::ContainerStart(_)
                | Op::Template(_)
                | Op::RepeaterCreate(_)
                | Op::ConditionalCreate(_)
                | Op::ConditionalBranchCreate(_)
                | Op::BoundaryCreate(_)
        )
    }

    /// The xref of an element-like or slot-consuming op.
    pub fn xref(&self) -> Option<Xref> {
        self.slot_consumer().map(|(x, _, _)| x)
    }

    /// Ops with handler op lists (listeners).
    pub fn handler_ops(&self) -> Option<&OpList> {
        match self {
            Op::Listener(l) => Some(&l.handler_ops),
            Op::TwoWayListener(l) => Some(&l.handler_ops),
            _ => None,
        }
    }

    pub fn handler_ops_mut(&mut self) -> Option<&mut OpList> {
        match self {
            Op::Listener(l) => Some(&mut l.handler_ops),
            Op::TwoWayListener(l) => Some(&mut l.handler_ops),
            _ => None,
        }
    }

    /// The nested op list iterated by `unit.ops()` after this op: listener handlers or the
    /// track-by ops of a repeater.
    pub fn nested_ops_mut(&mut self) -> Option<&mut OpList> {
        match self {
            Op::Listener(l) => Some(&mut l.handler_ops),
            Op::TwoWayListener(l) => Some(&mut l.handler_ops),
            Op::RepeaterCreate(r) => r.track_by_ops.as_mut(),
            _ => None,
        }
    }

    pub fn nested_ops(&self) -> Option<&OpList> {
        match self {
            Op::Listener(l) => Some(&l.handler_ops),
            Op::TwoWayListener(l) => Some(&l.handler_ops),
            Op::RepeaterCreate(r) => r.track_by_ops.as_ref(),
            _ => None,
        }
    }

    /// The element op of the element-like kinds.
    pub fn as_element(&self) -> Option<&ElementOp> {
        match self {
            Op::ElementStart(e) | Op::Element(e) | Op::ContainerStart(e) | Op::Container(e) => {
                Some(e)
            }
            _ => None,
        }
    }

    pub fn as_template(&self) -> Option<&TemplateOp> {
        match self {
            Op::Template(t) | Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) => Some(t),
            _ => None,
        }
    }

    /// `ir.OpKind[op.kind]`, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Op::ListEnd => "ListEnd",
            Op::Statement(_) => "Statement",
            Op::Reified(_) => "Statement",
            Op::Variable(_) => "Variable",
            Op::ElementStart(_) => "ElementStart",
            Op::Element(_) => "Element",
            Op::ElementEnd(_) => "ElementEnd",
            Op::ContainerStart(_) => "ContainerStart",
            Op::Container(_) => "Container",
            Op::ContainerEnd(_) => "ContainerEnd",
            Op::Template(_) => "Template",
            Op::ConditionalCreate(_) => "ConditionalCreate",
            Op::ConditionalBranchCreate(_) => "ConditionalBranchCreate",
            Op::RepeaterCreate(_) => "RepeaterCreate",
            Op::BoundaryCreate(_) => "BoundaryCreate",
            Op::BoundaryErrorCreate(_) => "BoundaryErrorCreate",
            Op::Boundary(_) => "Boundary",
            Op::Text(_) => "Text",
            Op::Listener(_) => "Listener",
            Op::TwoWayListener(_) => "TwoWayListener",
            Op::Pipe { .. } => "Pipe",
            Op::Namespace(_) => "Namespace",
            Op::ProjectionDef(_) => "ProjectionDef",
            Op::Projection(_) => "Projection",
            Op::ExtractedAttribute(_) => "ExtractedAttribute",
            Op::Defer(_) => "Defer",
            Op::DeferOn { .. } => "DeferOn",
            Op::DeclareLet { .. } => "DeclareLet",
            Op::DisableBindings(_) => "DisableBindings",
            Op::EnableBindings(_) => "EnableBindings",
            Op::EnableIncrementalHydrationRuntime => "EnableIncrementalHydrationRuntime",
            Op::ControlCreate { .. } => "ControlCreate",
            Op::SourceLocation { .. } => "SourceLocation",
            Op::Binding(_) => "Binding",
            Op::Property(_) => "Property",
            Op::TwoWayProperty(_) => "TwoWayProperty",
            Op::Attribute(_) => "Attribute",
            Op::StyleProp(_) => "StyleProp",
            Op::ClassProp(_) => "ClassProp",
            Op::StyleMap(_) => "StyleMap",
            Op::ClassMap(_) => "ClassMap",
            Op::DomProperty(_) => "DomProperty",
            Op::InterpolateText { .. } => "InterpolateText",
            Op::Advance { .. } => "Advance",
            Op::Conditional(_) => "Conditional",
            Op::Repeater { .. } => "Repeater",
            Op::DeferWhen { .. } => "DeferWhen",
            Op::StoreLet { .. } => "StoreLet",
            Op::Control { .. } => "Control",
        }
    }
}

/// A new statement op.
pub fn statement(stmt: Stmt) -> Op {
    Op::Statement(stmt)
}
