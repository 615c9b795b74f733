//! `generateVariables`: every view, listener and track function gets variable ops for what its
//! expressions may read: the contexts of enclosing views (`nextContext()`), their template
//! variables, local references and `@let` declarations. Unused ones are removed later.

use crate::ir::*;
use crate::job::{ContextValue, Job};

/// A local reference visible in a scope.
struct ScopeReference {
    target: Xref,
    slot: SlotHandle,
    offset: u32,
    variable: VarId,
}

/// A `@let` declaration visible in a scope.
struct ScopeLet {
    target: Xref,
    slot: SlotHandle,
    variable: VarId,
}

/// The lexical scope of a view (Angular's `Scope`).
struct Scope {
    view: Xref,
    view_context_variable: VarId,
    context_variables: Vec<(String, VarId)>,
    /// The `@boundary` blocks of the view: their state variable and slot.
    boundary_variables: Vec<(VarId, SlotHandle)>,
    references: Vec<ScopeReference>,
    let_declarations: Vec<ScopeLet>,
    parent: Option<usize>,
}

pub fn run(job: &mut Job<'_>) {
    let mut scopes: Vec<Scope> = Vec::new();
    process_view(job, 0, None, &mut scopes);
}

fn process_view(
    job: &mut Job<'_>,
    view_index: usize,
    parent: Option<usize>,
    scopes: &mut Vec<Scope>,
) {
    let scope = scope_for_view(job, view_index, parent, scopes);
    let view_xref = job.units[view_index].xref;
    for id in job.units[view_index].create.ids() {
        let mut children: Vec<Xref> = Vec::new();
        let mut listener = false;
        match &job.units[view_index].create[id] {
            Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) | Op::Template(t) => {
                children.push(t.xref)
            }
            Op::BoundaryErrorCreate(b) => children.push(b.xref),
            Op::Projection(p) => children.extend(p.fallback_view),
            Op::RepeaterCreate(r) => {
                children.push(r.xref);
                children.extend(r.empty_view);
            }
            Op::Listener(_) | Op::TwoWayListener(_) => listener = true,
            _ => {}
        }
        for child in children {
            if let Some(index) = job.view_index(child) {
                stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
                    process_view(job, index, Some(scope), scopes)
                });
            }
        }
        let has_track_ops = matches!(&job.units[view_index].create[id], Op::RepeaterCreate(r) if r.track_by_ops.is_some());
        if listener || has_track_ops {
            let ops = variables_for_scope(job, view_xref, scope, listener, scopes);
            if let Some(list) = job.units[view_index].create[id].nested_ops_mut() {
                list.prepend(ops);
            }
        }
    }
    let create = variables_for_scope(job, view_xref, scope, false, scopes);
    job.units[view_index].create.prepend(create);
    let update = variables_for_scope(job, view_xref, scope, false, scopes);
    job.units[view_index].update.prepend(update);
    // Each arrow function gets a scope of its own (fresh variables, named separately).
    for index in 0..job.units[view_index].functions.len() {
        let function_scope = scope_for_view(job, view_index, parent, scopes);
        let ops = variables_for_scope(job, view_xref, function_scope, true, scopes);
        job.units[view_index].functions[index].ops.prepend(ops);
    }
}

/// `getScopeForView`.
fn scope_for_view(
    job: &mut Job<'_>,
    view_index: usize,
    parent: Option<usize>,
    scopes: &mut Vec<Scope>,
) -> usize {
    let view = job.units[view_index].xref;
    let view_context_variable = job
        .state
        .new_variable(SemanticVariableKind::Context { view });
    let names: Vec<String> = job.units[view_index]
        .context_variables
        .iter()
        .map(|(n, _)| n.clone())
        .collect();
    let context_variables = names
        .into_iter()
        .map(|identifier| {
            let v = job.state.new_variable(SemanticVariableKind::Identifier {
                identifier: identifier.clone(),
                local: false,
            });
            (identifier, v)
        })
        .collect();
    let mut references = Vec::new();
    let mut let_declarations = Vec::new();
    let mut found: Vec<(Xref, SlotHandle, Vec<String>)> = Vec::new();
    let mut lets: Vec<(Xref, SlotHandle, String)> = Vec::new();
    let mut boundaries: Vec<(Xref, SlotHandle)> = Vec::new();
    let mut error_aliases: Vec<(String, Xref)> = Vec::new();
    for op in job.units[view_index].create.iter() {
        match op {
            Op::BoundaryCreate(b) => boundaries.push((b.xref, b.handle)),
            Op::BoundaryErrorCreate(b) => {
                for (name, value) in &b.context_variables {
                    if value == "$error" {
                        error_aliases.push((name.clone(), b.boundary));
                    }
                }
            }
            Op::ElementStart(e) => found.push((
                e.xref,
                e.handle,
                e.local_refs.list().iter().map(|r| r.name.clone()).collect(),
            )),
            Op::ConditionalCreate(t) | Op::ConditionalBranchCreate(t) | Op::Template(t) => found
                .push((
                    t.xref,
                    t.handle,
                    t.local_refs.list().iter().map(|r| r.name.clone()).collect(),
                )),
            Op::DeclareLet {
                xref,
                handle,
                declared_name,
                ..
            } => lets.push((*xref, *handle, declared_name.clone())),
            _ => {}
        }
    }
    // References and `@let` declarations interleave in document order in Angular's single loop;
    // they live in separate lists, so collecting them separately keeps each list's order.
    for (target, slot, names) in found {
        for (offset, name) in names.into_iter().enumerate() {
            let variable = job.state.new_variable(SemanticVariableKind::Identifier {
                identifier: name,
                local: false,
            });
            references.push(ScopeReference {
                target,
                slot,
                offset: offset as u32,
                variable,
            });
        }
    }
    // Angular adds the `$error` aliases of the view's `@error` blocks to the view on each scope
    // creation.
    for (name, boundary) in error_aliases {
        let expression = Expr::BoundaryState(boundary).prop("error");
        let alias = job.state.new_variable(SemanticVariableKind::Alias {
            identifier: name,
            expression,
        });
        job.units[view_index].aliases.push(alias);
    }
    let boundary_variables = boundaries
        .into_iter()
        .map(|(boundary, handle)| {
            (
                job.state
                    .new_variable(SemanticVariableKind::BoundaryState { boundary }),
                handle,
            )
        })
        .collect();
    for (target, slot, name) in lets {
        let variable = job.state.new_variable(SemanticVariableKind::Identifier {
            identifier: name,
            local: false,
        });
        let_declarations.push(ScopeLet {
            target,
            slot,
            variable,
        });
    }
    scopes.push(Scope {
        view,
        view_context_variable,
        context_variables,
        boundary_variables,
        references,
        let_declarations,
        parent,
    });
    scopes.len() - 1
}

/// `generateVariablesInScopeForView`.
fn variables_for_scope(
    job: &mut Job<'_>,
    view: Xref,
    scope_index: usize,
    is_callback: bool,
    scopes: &[Scope],
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut current = Some(scope_index);
    let mut first = true;
    while let Some(index) = current {
        let scope = &scopes[index];
        let callback = first && is_callback;
        first = false;
        let variable =
            |job: &mut Job<'_>, variable: VarId, initializer: Expr, always_inline: bool| {
                let xref = job.state.allocate_xref();
                Op::Variable(Box::new(VariableOp {
                    xref,
                    variable,
                    initializer,
                    flags: VariableFlags { always_inline },
                }))
            };
        if scope.view != view {
            ops.push(variable(
                job,
                scope.view_context_variable,
                Expr::NextContext { steps: 1 },
                false,
            ));
        }
        let (context_values, aliases): (Vec<(String, ContextValue)>, Vec<VarId>) =
            match job.view(scope.view) {
                Some(v) => (v.context_variables.clone(), v.aliases.clone()),
                None => (Vec::new(), Vec::new()),
            };
        for (name, value) in context_values {
            let context = Expr::Context(scope.view);
            let initializer = match value {
                ContextValue::CtxRef => context,
                ContextValue::Index(i) => context.key(Expr::num(i as f64)),
                ContextValue::Name(n) => context.prop(n),
            };
            let Some((_, var)) = scope.context_variables.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            ops.push(variable(job, *var, initializer, false));
        }
        for alias in aliases {
            let expression = match &job.state.variable(alias).kind {
                SemanticVariableKind::Alias { expression, .. } => expression.clone(),
                _ => continue,
            };
            ops.push(variable(job, alias, expression, true));
        }
        for (var, handle) in &scope.boundary_variables {
            let initializer = Expr::Core("ɵɵgetBoundary").call(vec![Expr::SlotLiteral(*handle)]);
            ops.push(variable(job, *var, initializer, false));
        }
        for r in &scope.references {
            ops.push(variable(
                job,
                r.variable,
                Expr::Reference {
                    target: r.target,
                    slot: r.slot,
                    offset: r.offset,
                },
                false,
            ));
        }
        if scope.view != view || callback {
            for l in &scope.let_declarations {
                ops.push(variable(
                    job,
                    l.variable,
                    Expr::ContextLetReference {
                        target: l.target,
                        slot: l.slot,
                    },
                    false,
                ));
            }
        }
        current = scope.parent;
    }
    ops
}
