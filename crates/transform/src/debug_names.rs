//! ngc's `signalMetadataTransform`: calls of Angular's signal functions (`signal`,
//! `computed`, `input`, `model`, `viewChild`, `effect`, …) that initialise a variable, a
//! class property or an assigned property get a development-only `debugName` argument named
//! after what they initialise:
//!
//! ```text
//! count = signal(0);            →  count = signal(0, ...(ngDevMode ? [{ debugName: "count" }] : []));
//! name = input('', {alias});    →  name = input('', { ...(ngDevMode ? { debugName: "name" } : {}), alias });
//! ```
//!
//! The additions are text insertions into the emitted file (comments as ngc prints them).

use std::collections::HashMap;

use swc_ecma_ast as ast;
use swc_ecma_visit::{Visit, VisitWith};

use crate::source::Source;
use crate::syntax::ImportKind;

/// The signal functions and the package each comes from.
const SIGNAL_FUNCTIONS: &[(&str, &str)] = &[
    ("signal", "core"),
    ("computed", "core"),
    ("linkedSignal", "core"),
    ("input", "core"),
    ("model", "core"),
    ("viewChild", "core"),
    ("viewChildren", "core"),
    ("contentChild", "core"),
    ("contentChildren", "core"),
    ("effect", "core"),
    ("resource", "core"),
    ("httpResource", "common"),
];

/// The insertions (`(byte offset, text)`) that add debug names in `source`.
pub fn debug_name_insertions(source: &Source<'_>) -> Vec<(u32, String)> {
    let mut visitor = DebugNames { source, out: Vec::new(), memo: HashMap::new() };
    source.module.visit_with(&mut visitor);
    visitor.out
}

struct DebugNames<'s, 'm> {
    source: &'s Source<'m>,
    out: Vec<(u32, String)>,
    /// Whether a local name is a signal function imported from its Angular package.
    memo: HashMap<String, bool>,
}

impl DebugNames<'_, '_> {
    /// `expressionIsUsingAngularImportedSymbol` for an identifier: a named import, from
    /// `@angular/<package>` (or a subpath), of a name that is a signal function.
    fn is_angular_signal_function(&mut self, name: &str) -> bool {
        if let Some(known) = self.memo.get(name) {
            return *known;
        }
        let result = match (SIGNAL_FUNCTIONS.iter().find(|(f, _)| *f == name), self.source.imports.get(name)) {
            (Some((_, package)), Some(binding)) if matches!(binding.kind, ImportKind::Named(_)) => {
                let root = format!("@angular/{package}");
                binding.specifier == root || binding.specifier.starts_with(&format!("{root}/"))
            }
            _ => false,
        };
        self.memo.insert(name.to_string(), result);
        result
    }

    /// The identifier a call is made through: `signal(…)` and `input.required(…)` give
    /// `signal` and `input`.
    fn callee_identifier(call: &ast::CallExpr) -> Option<&ast::Ident> {
        let ast::Callee::Expr(callee) = &call.callee else { return None };
        match &**callee {
            ast::Expr::Ident(i) => Some(i),
            ast::Expr::Member(m) => match &*m.obj {
                ast::Expr::Ident(i) => Some(i),
                _ => None,
            },
            _ => None,
        }
    }

    /// Handles `init` when it is a call of a signal function: records the insertion and
    /// returns true (ngc then leaves the node's children alone).
    fn try_call(&mut self, init: &ast::Expr, name: &str) -> bool {
        let ast::Expr::Call(call) = init else { return false };
        let Some(ident) = Self::callee_identifier(call) else { return false };
        if !SIGNAL_FUNCTIONS.iter().any(|(f, _)| *f == &*ident.sym) {
            return false;
        }
        if self.is_angular_signal_function(&ident.sym) {
            self.insert(call, name);
        }
        true
    }

    /// `insertDebugNameIntoCallExpression`.
    fn insert(&mut self, call: &ast::CallExpr, name: &str) {
        let spans = self.source.spans;
        let callee_text = match &call.callee {
            ast::Callee::Expr(c) => self.source.text_of(&**c),
            _ => "",
        };
        let is_required_input = match &call.callee {
            ast::Callee::Expr(c) => matches!(&**c, ast::Expr::Member(m)
                if matches!(&m.prop, ast::MemberProp::Ident(p) if &*p.sym == "required")
                && matches!(&*m.obj, ast::Expr::Ident(i) if &*i.sym == "input" || &*i.sym == "model")),
            _ => false,
        };
        let has_no_args = call.args.is_empty();
        let object_only = (callee_text == "linkedSignal"
            && matches!(call.args.first().map(|a| &*a.expr), Some(ast::Expr::Object(_))))
            || callee_text == "resource";
        let position = if has_no_args || object_only || is_required_input { 0 } else { 1 };
        let mut debug_name = String::new();
        ngc_output::print::write_string(name, &mut debug_name);
        match call.args.get(position) {
            Some(existing) => {
                let ast::Expr::Object(object) = &*existing.expr else { return };
                let has_debug_name = object.props.iter().any(|p| {
                    matches!(p, ast::PropOrSpread::Prop(p) if matches!(&**p, ast::Prop::KeyValue(kv)
                        if matches!(&kv.key, ast::PropName::Ident(i) if &*i.sym == "debugName")))
                });
                if has_debug_name || existing.spread.is_some() {
                    return;
                }
                let at = spans.of(object.span).start + 1;
                let separator = if object.props.is_empty() { "" } else { ", " };
                self.out.push((
                    at,
                    format!("...(ngDevMode ? {{ debugName: {debug_name} }} : /* istanbul ignore next */ {{}}){separator}"),
                ));
            }
            None => {
                let mut items = String::new();
                if has_no_args && !is_required_input {
                    items.push_str("undefined, ");
                }
                items.push_str(&format!("{{ debugName: {debug_name} }}"));
                let spread = format!("/* @ts-ignore */ ...(ngDevMode ? [{items}] : /* istanbul ignore next */ [])");
                match call.args.last() {
                    Some(last) => {
                        let at = spans.of(swc_common::Spanned::span(&*last.expr)).end;
                        self.out.push((at, format!(", {spread}")));
                    }
                    None => {
                        let at = spans.of(call.span).end.saturating_sub(1);
                        self.out.push((at, spread));
                    }
                }
            }
        }
    }
}

impl Visit for DebugNames<'_, '_> {
    fn visit_var_declarator(&mut self, d: &ast::VarDeclarator) {
        if let (Some(init), ast::Pat::Ident(b)) = (&d.init, &d.name) {
            if self.try_call(init, &b.id.sym) {
                return;
            }
        }
        d.visit_children_with(self);
    }

    fn visit_class_prop(&mut self, p: &ast::ClassProp) {
        if let Some(value) = &p.value {
            let name = self.source.text_of(&p.key).to_string();
            if self.try_call(value, &name) {
                return;
            }
        }
        p.visit_children_with(self);
    }

    fn visit_private_prop(&mut self, p: &ast::PrivateProp) {
        if let Some(value) = &p.value {
            let name = format!("#{}", p.key.name);
            if self.try_call(value, &name) {
                return;
            }
        }
        p.visit_children_with(self);
    }

    fn visit_expr_stmt(&mut self, s: &ast::ExprStmt) {
        if let ast::Expr::Assign(assign) = &*s.expr {
            if assign.op == ast::AssignOp::Assign {
                if let ast::AssignTarget::Simple(ast::SimpleAssignTarget::Member(member)) = &assign.left {
                    if let ast::MemberProp::Ident(prop) = &member.prop {
                        let name = prop.sym.to_string();
                        if self.try_call(&assign.right, &name) {
                            return;
                        }
                    }
                }
            }
        }
        s.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_source;

    /// The source with the insertions applied.
    fn apply(text: &str) -> String {
        with_source(text, |source| {
            let mut out = text.to_string();
            let mut insertions = debug_name_insertions(source);
            insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
            for (at, insertion) in insertions {
                out.insert_str(at as usize, &insertion);
            }
            out
        })
    }

    #[test]
    fn signal_calls_get_a_debug_name_argument() {
        let out = apply("import { signal, input, computed } from '@angular/core';\nclass A {\n  count = signal(0);\n  name = input.required<string>();\n  empty = input();\n}\nconst total = computed(() => 1);\n");
        assert!(out.contains(r#"count = signal(0, /* @ts-ignore */ ...(ngDevMode ? [{ debugName: "count" }] : /* istanbul ignore next */ []));"#), "{out}");
        assert!(out.contains(r#"name = input.required<string>(/* @ts-ignore */ ...(ngDevMode ? [{ debugName: "name" }] : /* istanbul ignore next */ []));"#), "{out}");
        assert!(out.contains(r#"empty = input(/* @ts-ignore */ ...(ngDevMode ? [undefined, { debugName: "empty" }] : /* istanbul ignore next */ []));"#), "{out}");
        assert!(out.contains(r#"computed(() => 1, /* @ts-ignore */ ...(ngDevMode ? [{ debugName: "total" }]"#), "{out}");
    }

    #[test]
    fn an_options_object_gets_the_debug_name_first() {
        let out = apply("import { input, model } from '@angular/core';\nclass A {\n  a = input('', { alias: 'b' });\n  m = model.required({});\n}\n");
        assert!(
            out.contains(r#"input('', {...(ngDevMode ? { debugName: "a" } : /* istanbul ignore next */ {}),  alias: 'b' });"#),
            "{out}"
        );
        assert!(
            out.contains(r#"model.required({...(ngDevMode ? { debugName: "m" } : /* istanbul ignore next */ {})});"#),
            "{out}"
        );
    }

    #[test]
    fn calls_that_are_not_angular_signal_functions_are_left_alone() {
        let text = "import { signal as s } from '@angular/core';\nimport { signal } from './local';\nclass A {\n  a = signal(1);\n  b = s(2);\n  c = signal(3, { debugName: 'c' });\n}\n";
        assert_eq!(apply(text), text);
        let named =
            "import { signal } from '@angular/core';\nconst x = signal(1, { debugName: 'mine' });\nconst y = signal(1, extra);\n";
        assert_eq!(apply(named), named);
    }
}
