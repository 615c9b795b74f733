//! Expression lowering in the emitted JavaScript, as ngc 8's `getExpressionLoweringTransformFactory`
//! (`transformSourceFile` of its `lower_expressions`) rewrote files whose metadata refers to
//! lowered `ɵN` symbols.
//!
//! Each lowered expression found in a top-level statement (without entering functions, arrow
//! functions or nested classes, as the original does not) is replaced by its name, and
//! `const ɵ0 = <expression>, ɵ1 = <expression>;` goes before that statement. When the
//! expression is the whole initializer of a variable declared by a plain name, it stays, and
//! `const ɵN = <name>;` goes after the statement. `export { … };` at the end of the file
//! exports every name, statement by statement in source order.

use std::collections::HashMap;

use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::edits::LoweredExpression;
use crate::expression::ExpressionEmitter;
use crate::{EmitOptions, ParsedFile, ProgramFacts};

/// Where the declaration of a lowered name goes, relative to its statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placement {
    /// `const ɵN = <expression>;` before it; the expression is replaced by `ɵN`.
    Before { js: String },
    /// `const ɵN = <variable>;` after it; the initializer stays.
    After { variable: String },
}

/// One lowered expression found in the file.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub name: String,
    /// The index of its top-level statement in `module.body`.
    pub statement: usize,
    pub lo: u32,
    pub placement: Placement,
}

/// What the lowering changes in one file.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Statement by statement, in source order within each.
    pub found: Vec<Found>,
    /// Expressions replaced by their names, by `(lo, hi)`.
    pub replaced: HashMap<(u32, u32), String>,
    /// Requests with no expression at their span where lowering rewrites.
    pub missing: Vec<LoweredExpression>,
}

impl Plan {
    /// `const a = x, b = y;` for the declarations with `placement` kind `before` at `statement`.
    pub fn declarations(&self, statement: usize, before: bool) -> Option<String> {
        let parts: Vec<String> = self
            .found
            .iter()
            .filter(|f| f.statement == statement)
            .filter_map(|f| match (&f.placement, before) {
                (Placement::Before { js }, true) => Some(format!("{} = {js}", f.name)),
                (Placement::After { variable }, false) => Some(format!("{} = {variable}", f.name)),
                _ => None,
            })
            .collect();
        (!parts.is_empty()).then(|| format!("const {};", parts.join(", ")))
    }

    /// `export { ɵ0, ɵ1 };`, in ngc 8's order.
    pub fn export_clause(&self) -> Option<String> {
        let names: Vec<&str> = self.found.iter().map(|f| f.name.as_str()).collect();
        (!names.is_empty()).then(|| format!("export {{ {} }};", names.join(", ")))
    }
}

/// Finds the lowered expressions of `file`. With `render`, the JavaScript of each expression
/// moved into a declaration is emitted (types removed, as everywhere in the file).
pub(crate) fn plan(
    file: &ParsedFile,
    lowered: &[LoweredExpression],
    render: Option<(&EmitOptions, &dyn ProgramFacts)>,
) -> Plan {
    let targets: HashMap<(u32, u32), &str> =
        lowered.iter().map(|l| ((l.span.start, l.span.end), l.name.as_str())).collect();
    let mut finder = Finder {
        base: file.base,
        targets,
        statement: 0,
        found: Vec::new(),
        js: render.map(|(options, facts)| ExpressionEmitter::new(file, options, facts)),
    };
    for (index, item) in file.module.body.iter().enumerate() {
        finder.statement = index;
        let before = finder.found.len();
        top_level(item, &mut finder);
        finder.found[before..].sort_by_key(|f| f.lo);
    }
    let mut plan = Plan::default();
    for found in &finder.found {
        if let Placement::Before { .. } = found.placement {
            if let Some(l) = lowered.iter().find(|l| l.name == found.name) {
                plan.replaced.insert((l.span.start, l.span.end), found.name.clone());
            }
        }
    }
    plan.missing =
        lowered.iter().filter(|l| !finder.found.iter().any(|f| f.name == l.name)).cloned().collect();
    plan.found = finder.found;
    plan
}

/// Visits a top-level statement's children: a top-level class or function is entered, nested
/// ones are not.
fn top_level(item: &ModuleItem, finder: &mut Finder<'_>) {
    let decl = match item {
        ModuleItem::Stmt(Stmt::Decl(decl)) => Some(decl),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => Some(&export.decl),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(def)) => {
            match &def.decl {
                DefaultDecl::Class(c) => c.class.visit_children_with(finder),
                DefaultDecl::Fn(f) => f.function.visit_children_with(finder),
                DefaultDecl::TsInterfaceDecl(_) => {}
            }
            return;
        }
        _ => None,
    };
    match decl {
        Some(Decl::Class(c)) => c.class.visit_children_with(finder),
        Some(Decl::Fn(f)) => f.function.visit_children_with(finder),
        _ => item.visit_children_with(finder),
    }
}

struct Finder<'a> {
    base: u32,
    targets: HashMap<(u32, u32), &'a str>,
    statement: usize,
    found: Vec<Found>,
    js: Option<ExpressionEmitter<'a>>,
}

impl Finder<'_> {
    fn range(&self, span: swc_common::Span) -> (u32, u32) {
        (span.lo.0.saturating_sub(self.base), span.hi.0.saturating_sub(self.base))
    }

    /// The name of the request at `span`, unless it was found already.
    fn target(&self, span: swc_common::Span) -> Option<String> {
        let name = self.targets.get(&self.range(span))?;
        (!self.found.iter().any(|f| f.name == *name)).then(|| name.to_string())
    }
}

impl Visit for Finder<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        if let Some(name) = self.target(expr.span()) {
            let js = self.js.as_mut().map(|js| js.emit(expr)).unwrap_or_default();
            let lo = self.range(expr.span()).0;
            self.found.push(Found { name, statement: self.statement, lo, placement: Placement::Before { js } });
            return;
        }
        // Lexical scopes are not entered (`isLexicalScope`).
        match expr {
            Expr::Arrow(_) | Expr::Fn(_) | Expr::Class(_) => {}
            _ => expr.visit_children_with(self),
        }
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        // The whole initializer of a variable with a plain name: the variable is the value.
        if let (Some(init), Pat::Ident(binding)) = (&d.init, &d.name) {
            if let Some(name) = self.target(init.span()) {
                let lo = self.range(init.span()).0;
                let variable = binding.id.sym.to_string();
                self.found.push(Found { name, statement: self.statement, lo, placement: Placement::After { variable } });
                return;
            }
        }
        d.visit_children_with(self);
    }

    // Nested declarations are lexical scopes too; methods are entered, as the original enters
    // every class member.
    fn visit_class_decl(&mut self, _: &ClassDecl) {}
    fn visit_fn_decl(&mut self, _: &FnDecl) {}
    fn visit_ts_type(&mut self, _: &TsType) {}
}
