//! View and content query functions (`createViewQueriesFunction`,
//! `createContentQueriesFunction`): the `viewQuery` and `contentQueries` of definitions.
//!
//! ```js
//! function Foo_Query(rf, ctx) { if (rf & 1) { i0.ɵɵviewQuery(_c0, 5); } if (rf & 2) {
//!     let _t; i0.ɵɵqueryRefresh(_t = i0.ɵɵloadQuery()) && (ctx.a = _t.first); } }
//! ```

use ngc_output::{array, core, num, str_lit, var, BinaryOp, ConstantPool, Expr, Stmt};

use super::metadata::{ForwardRefHandling, R3QueryMetadata, R3QueryPredicate};

const TEMPORARY_NAME: &str = "_t";
const CONTEXT_NAME: &str = "ctx";
const RENDER_FLAGS: &str = "rf";

/// `toQueryFlags`: descendants 1, static 2, emitDistinctChangesOnly 4.
fn query_flags(query: &R3QueryMetadata) -> u32 {
    (if query.descendants { 1 } else { 0 }) | (if query.is_static { 2 } else { 0 }) | (if query.emit_distinct_changes_only { 4 } else { 0 })
}

/// `getQueryPredicate`: string selectors become a shared constant array of the trimmed
/// comma-separated names; a type is used as is (`resolveForwardRef(...)` when still wrapped).
fn query_predicate(query: &R3QueryMetadata, pool: &mut ConstantPool) -> Expr {
    match &query.predicate {
        R3QueryPredicate::Selectors(selectors) => {
            let names = selectors.iter().flat_map(|s| s.split(',').map(|t| str_lit(js_trim(t)))).collect();
            pool.get_const_literal(array(names), true)
        }
        R3QueryPredicate::Type(e) => match e.forward_ref {
            ForwardRefHandling::None | ForwardRefHandling::Unwrapped => e.expression.clone(),
            ForwardRefHandling::Wrapped => core("resolveForwardRef").call(vec![e.expression.clone()]),
        },
    }
}

/// JavaScript's `String.prototype.trim` (whitespace and line terminators).
fn js_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

fn create_parameters(query: &R3QueryMetadata, pool: &mut ConstantPool, prepend: Option<Expr>) -> Vec<Expr> {
    let mut params: Vec<Expr> = prepend.into_iter().collect();
    if query.is_signal {
        params.push(var(CONTEXT_NAME).prop(query.property_name.clone()));
    }
    params.push(query_predicate(query, pool));
    params.push(num(query_flags(query) as f64));
    if let Some(read) = &query.read {
        params.push(read.clone());
    }
    params
}

/// One update statement, or a signal query's `ɵɵqueryAdvance` placeholder.
enum Update {
    Stmt(Stmt),
    Advance,
}

/// `collapseAdvanceStatements`: runs of placeholders become one `ɵɵqueryAdvance(n)`.
fn collapse_advances(updates: Vec<Update>) -> Vec<Stmt> {
    let mut out: Vec<Stmt> = Vec::new();
    let mut count = 0usize;
    let advance = |n: usize| core("ɵɵqueryAdvance").call(if n == 1 { Vec::new() } else { vec![num(n as f64)] }).to_stmt();
    for update in updates {
        match update {
            Update::Advance => count += 1,
            Update::Stmt(stmt) => {
                if count > 0 {
                    out.push(advance(count));
                    count = 0;
                }
                out.push(stmt);
            }
        }
    }
    if count > 0 {
        out.push(advance(count));
    }
    out
}

fn render_flag_check(flags: u32, stmts: Vec<Stmt>) -> Stmt {
    Stmt::If { condition: var(RENDER_FLAGS).binary(BinaryOp::BitwiseAnd, num(flags as f64)), true_case: stmts, false_case: Vec::new() }
}

/// The shared body of both query functions.
fn query_function(
    queries: &[R3QueryMetadata],
    pool: &mut ConstantPool,
    prepend: Option<Expr>,
    signal_fn: &str,
    decorator_fn: &str,
) -> (Vec<Stmt>, Vec<Stmt>) {
    let mut updates: Vec<Update> = Vec::new();
    let mut temporary_declared = false;
    let mut signal_call: Option<Expr> = None;
    let mut decorator_call: Option<Expr> = None;
    for query in queries {
        let params = create_parameters(query, pool, prepend.clone());
        // Consecutive queries of one kind chain their calls: `ɵɵviewQuery(a, 5)(b, 5)`.
        let slot = if query.is_signal { &mut signal_call } else { &mut decorator_call };
        let callee = slot.take().unwrap_or_else(|| core(if query.is_signal { signal_fn } else { decorator_fn }));
        *slot = Some(callee.call(params));
        if query.is_signal {
            updates.push(Update::Advance);
            continue;
        }
        if !temporary_declared {
            updates.push(Update::Stmt(Stmt::DeclareVar { name: TEMPORARY_NAME.into(), value: None, is_const: false, exported: false }));
            temporary_declared = true;
        }
        let temporary = var(TEMPORARY_NAME);
        let refresh = core("ɵɵqueryRefresh").call(vec![temporary.clone().set(core("ɵɵloadQuery").call(Vec::new()))]);
        let value = if query.first { temporary.prop("first") } else { temporary };
        let update = var(CONTEXT_NAME).prop(query.property_name.clone()).set(value);
        updates.push(Update::Stmt(refresh.and(update).to_stmt()));
    }
    let create: Vec<Stmt> = signal_call.into_iter().chain(decorator_call).map(Expr::to_stmt).collect();
    (create, collapse_advances(updates))
}

/// `createViewQueriesFunction`: `function Name_Query(rf, ctx) { ... }`.
pub fn create_view_queries_function(queries: &[R3QueryMetadata], pool: &mut ConstantPool, name: &str) -> Expr {
    let (create, update) = query_function(queries, pool, None, "ɵɵviewQuerySignal", "ɵɵviewQuery");
    Expr::Function {
        name: (!name.is_empty()).then(|| format!("{name}_Query")),
        params: vec![RENDER_FLAGS.into(), CONTEXT_NAME.into()],
        body: vec![render_flag_check(1, create), render_flag_check(2, update)],
    }
}

/// `createContentQueriesFunction`: `function Name_ContentQueries(rf, ctx, dirIndex) { ... }`.
pub fn create_content_queries_function(queries: &[R3QueryMetadata], pool: &mut ConstantPool, name: &str) -> Expr {
    let (create, update) = query_function(queries, pool, Some(var("dirIndex")), "ɵɵcontentQuerySignal", "ɵɵcontentQuery");
    Expr::Function {
        name: (!name.is_empty()).then(|| format!("{name}_ContentQueries")),
        params: vec![RENDER_FLAGS.into(), CONTEXT_NAME.into(), "dirIndex".into()],
        body: vec![render_flag_check(1, create), render_flag_check(2, update)],
    }
}
