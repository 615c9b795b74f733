//! Compilation jobs and units (Angular's `ComponentCompilationJob`, `HostBindingCompilationJob`,
//! `ViewCompilationUnit`, `HostBindingCompilationUnit`).
//!
//! A [`Job`] owns its units (views in allocation order, the root first; a host-binding job has
//! one unit) and a [`JobState`] with everything shared across units: the xref counter, the slot
//! and semantic-variable tables, the consts array and the constant pool. Phases borrow the
//! units and the state separately.

use std::collections::HashMap;

use ngc_output::ConstantPool;

use crate::error::PipelineError;
use crate::ir::{
    Expr, Op, OpList, SemanticVariable, SemanticVariableKind, SlotHandle, VarId, Xref,
};
use crate::{CompilationMode, DeferMetadata};

/// The xref of the root view (the first one a job allocates) and of the host-binding unit.
pub const ROOT_XREF: Xref = Xref(0);

/// Whether a job compiles a template or host bindings (`CompilationJobKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Template,
    Host,
}

/// The value of a view's context variable (`contextVariables`).
#[derive(Debug, Clone, PartialEq)]
pub enum ContextValue {
    /// The context itself (`CTX_REF`: `@if (x; as y)`).
    CtxRef,
    /// A positional read `ctx[i]`.
    Index(u32),
    /// A property read `ctx.name`.
    Name(String),
}

/// An arrow function of a binding (the ops of Angular's `ir.ArrowFunctionExpr`, which a unit's
/// `functions` set also holds).
#[derive(Debug)]
pub struct ArrowFunction {
    pub params: Vec<String>,
    /// `return body;` at first, with the variables it reads prepended later.
    pub ops: OpList,
}

/// A view, or the host-binding unit.
#[derive(Debug)]
pub struct Unit {
    pub xref: Xref,
    pub parent: Option<Xref>,
    pub create: OpList,
    pub update: OpList,
    pub fn_name: Option<String>,
    pub vars: Option<u32>,
    pub decls: Option<u32>,
    /// Context variables in insertion order (a JavaScript `Map`: re-setting keeps the place).
    pub context_variables: Vec<(String, ContextValue)>,
    /// Alias variables (`SemanticVariableKind::Alias`), in insertion order.
    pub aliases: Vec<VarId>,
    /// Arrow functions of bindings, in creation order (`unit.functions`).
    pub functions: Vec<ArrowFunction>,
}

impl Unit {
    pub fn new(xref: Xref, parent: Option<Xref>) -> Self {
        Unit {
            xref,
            parent,
            create: OpList::new(),
            update: OpList::new(),
            fn_name: None,
            vars: None,
            decls: None,
            context_variables: Vec::new(),
            aliases: Vec::new(),
            functions: Vec::new(),
        }
    }

    /// Angular's `unit.ops()`: the ops of the arrow functions, then each create op followed by
    /// its nested ops (listener handlers, track-by ops), then the update ops. `f` may change the
    /// op it is given.
    pub fn for_each_op_mut(&mut self, mut f: impl FnMut(&mut Op)) {
        for function in &mut self.functions {
            function.ops.for_each_mut(&mut f);
        }
        let mut cursor = self.create.first();
        while let Some(id) = cursor {
            cursor = self.create.next(id);
            f(&mut self.create[id]);
            if let Some(nested) = self.create[id].nested_ops_mut() {
                nested.for_each_mut(&mut f);
            }
        }
        self.update.for_each_mut(f);
    }

    /// `contextVariables.set(name, value)`.
    pub fn set_context_variable(&mut self, name: &str, value: ContextValue) {
        match self.context_variables.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = value,
            None => self.context_variables.push((name.to_string(), value)),
        }
    }
}

/// State shared by the units of a job.
pub struct JobState<'p> {
    pub kind: JobKind,
    pub component_name: String,
    pub mode: CompilationMode,
    pub legacy_optional_chaining: bool,
    pub pool: &'p mut ConstantPool,
    next_xref: u32,
    /// Slot numbers by handle, filled by `allocateSlots`.
    pub slots: Vec<Option<u32>>,
    /// Semantic variables by id.
    pub variables: Vec<SemanticVariable>,
    /// The consts array (template jobs).
    pub consts: Vec<ngc_output::Expr>,
    /// Statements of the consts initializer function.
    pub consts_initializers: Vec<ngc_output::Stmt>,
    /// `ngContentSelectors`.
    pub content_selectors: Option<ngc_output::Expr>,
    /// The `hostAttrs` array (host jobs).
    pub host_attributes: Option<ngc_output::Expr>,
    pub defer_meta: DeferMetadata,
    /// `X_DeferFn` for per-component defer dependencies.
    pub all_deferrable_deps_fn: Option<Expr>,
    pub relative_template_path: Option<String>,
    pub enable_debug_locations: bool,
    /// Line starts of the template source, for debug locations.
    pub template_source: Option<String>,
    pub errors: Vec<PipelineError>,
    /// The arrow functions of the unit being reified (taken out of it during `reify`).
    pub reifying_functions: Vec<Option<ArrowFunction>>,
}

impl<'p> JobState<'p> {
    pub fn new(
        kind: JobKind,
        component_name: &str,
        mode: CompilationMode,
        pool: &'p mut ConstantPool,
    ) -> Self {
        JobState {
            kind,
            component_name: component_name.to_string(),
            mode,
            legacy_optional_chaining: false,
            pool,
            next_xref: 0,
            slots: Vec::new(),
            variables: Vec::new(),
            consts: Vec::new(),
            consts_initializers: Vec::new(),
            content_selectors: None,
            host_attributes: None,
            defer_meta: DeferMetadata::default(),
            all_deferrable_deps_fn: None,
            relative_template_path: None,
            enable_debug_locations: false,
            template_source: None,
            errors: Vec::new(),
            reifying_functions: Vec::new(),
        }
    }

    /// `allocateXrefId`.
    pub fn allocate_xref(&mut self) -> Xref {
        let x = Xref(self.next_xref);
        self.next_xref += 1;
        x
    }

    /// `new SlotHandle()`.
    pub fn new_slot(&mut self) -> SlotHandle {
        self.slots.push(None);
        SlotHandle(self.slots.len() as u32 - 1)
    }

    /// The slot of a handle (0 before allocation; reification checks allocation separately).
    pub fn slot(&self, handle: SlotHandle) -> Option<u32> {
        self.slots.get(handle.0 as usize).copied().flatten()
    }

    pub fn new_variable(&mut self, kind: SemanticVariableKind) -> VarId {
        self.variables.push(SemanticVariable { kind, name: None });
        VarId(self.variables.len() as u32 - 1)
    }

    pub fn variable(&self, id: VarId) -> &SemanticVariable {
        &self.variables[id.0 as usize]
    }

    pub fn variable_mut(&mut self, id: VarId) -> &mut SemanticVariable {
        &mut self.variables[id.0 as usize]
    }

    /// `addConst`: the index of an equivalent const, or of the new one.
    pub fn add_const(
        &mut self,
        value: ngc_output::Expr,
        initializers: Vec<ngc_output::Stmt>,
    ) -> u32 {
        if let Some(i) = self.consts.iter().position(|c| c == &value) {
            return i as u32;
        }
        self.consts.push(value);
        self.consts_initializers.extend(initializers);
        self.consts.len() as u32 - 1
    }

    /// `job.fnSuffix`.
    pub fn fn_suffix(&self) -> &'static str {
        match self.kind {
            JobKind::Template => "Template",
            JobKind::Host => "HostBindings",
        }
    }
}

/// A compilation job.
pub struct Job<'p> {
    pub units: Vec<Unit>,
    index: HashMap<Xref, usize>,
    pub state: JobState<'p>,
}

impl<'p> Job<'p> {
    /// A template job with its root view.
    pub fn new(mut state: JobState<'p>) -> Self {
        let root = if state.kind == JobKind::Host {
            ROOT_XREF
        } else {
            state.allocate_xref()
        };
        let mut job = Job {
            units: Vec::new(),
            index: HashMap::new(),
            state,
        };
        job.index.insert(root, 0);
        job.units.push(Unit::new(root, None));
        job
    }

    pub fn root_xref(&self) -> Xref {
        self.units[0].xref
    }

    /// `allocateView(parent)`.
    pub fn allocate_view(&mut self, parent: Xref) -> Xref {
        let xref = self.state.allocate_xref();
        self.index.insert(xref, self.units.len());
        self.units.push(Unit::new(xref, Some(parent)));
        xref
    }

    /// The index of a view in `units`.
    pub fn view_index(&self, xref: Xref) -> Option<usize> {
        self.index.get(&xref).copied()
    }

    pub fn view(&self, xref: Xref) -> Option<&Unit> {
        self.view_index(xref).map(|i| &self.units[i])
    }

    pub fn view_mut(&mut self, xref: Xref) -> Option<&mut Unit> {
        self.view_index(xref).map(move |i| &mut self.units[i])
    }
}
