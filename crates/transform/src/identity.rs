//! Which identifiers of the file name the declarations an expression refers to.
//!
//! ngc's evaluator records, on every reference it reaches through an identifier, that
//! identifier; a reference with an identifier in the file being compiled is written as that
//! identifier (`LocalIdentifierStrategy`), any other through an import. The same happens here
//! syntactically: the expression is walked, through the initializers of the file's own
//! constants, and each identifier bound to a declaration (an import or a class of the file)
//! is recorded under the declaration's key.

use std::collections::{HashMap, HashSet};

use swc_ecma_ast as ast;

use crate::source::Source;
use crate::value::{EmitRef, RefValue};

/// Declaration key → the first identifier of the file that names it.
#[derive(Debug, Clone, Default)]
pub struct Identities {
    by_key: HashMap<String, String>,
    /// Declarations reached through a constant imported by a non-relative specifier, written
    /// through that specifier.
    aliased: HashMap<String, EmitRef>,
}

impl Identities {
    /// The identities reachable from `expr`.
    pub fn of(expr: &ast::Expr, source: &Source<'_>, bindings: &HashMap<String, String>) -> Self {
        Self::with_aliases(expr, source, bindings, &HashMap::new())
    }

    /// [`Identities::of`], also recording the declarations of `aliased` constants (see
    /// [`crate::facts::FileFacts::aliased_values`]) the expression names.
    pub fn with_aliases(
        expr: &ast::Expr,
        source: &Source<'_>,
        bindings: &HashMap<String, String>,
        aliased: &HashMap<String, Vec<(String, EmitRef)>>,
    ) -> Self {
        let mut identities = Identities::default();
        let mut seen = HashSet::new();
        identities.walk(expr, source, bindings, aliased, &mut seen);
        identities
    }

    /// How generated code writes `reference`: the identifier that names it, if any, else
    /// through the aliased import it was reached by, else what the reference emitter decided.
    pub fn emit(&self, reference: &RefValue) -> EmitRef {
        if let EmitRef::Local(_) = &reference.emit {
            return reference.emit.clone();
        }
        if let Some(identifier) = self.by_key.get(&reference.key) {
            return EmitRef::Local(identifier.clone());
        }
        self.aliased.get(&reference.key).cloned().unwrap_or_else(|| reference.emit.clone())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    fn walk(
        &mut self,
        expr: &ast::Expr,
        source: &Source<'_>,
        bindings: &HashMap<String, String>,
        aliased: &HashMap<String, Vec<(String, EmitRef)>>,
        seen: &mut HashSet<String>,
    ) {
        stacker_free_walk(expr, &mut |e| match e {
            ast::Expr::Ident(ident) => {
                let name = ident.sym.to_string();
                if let Some(key) = bindings.get(&name) {
                    self.by_key.entry(key.clone()).or_insert_with(|| name.clone());
                }
                for (key, emit) in aliased.get(&name).into_iter().flatten() {
                    self.aliased.entry(key.clone()).or_insert_with(|| emit.clone());
                }
                if source.imports.get(&name).is_none() && seen.insert(name.clone()) {
                    if let Some(init) = source.local_const(&name) {
                        self.walk(init, source, bindings, aliased, seen);
                    }
                }
                false
            }
            // `ns.X` and `a.b` do not record an identity for what they select.
            ast::Expr::Member(_) => false,
            _ => true,
        });
    }
}

/// Visits `expr` and its sub-expressions (arrays, spreads, calls, arrows, objects,
/// conditionals, parentheses, casts) with an explicit stack; `visit` returns whether to
/// descend into the node.
fn stacker_free_walk(expr: &ast::Expr, visit: &mut dyn FnMut(&ast::Expr) -> bool) {
    let mut stack: Vec<&ast::Expr> = vec![expr];
    while let Some(e) = stack.pop() {
        if !visit(e) {
            continue;
        }
        match e {
            ast::Expr::Array(a) => stack.extend(a.elems.iter().rev().flatten().map(|el| &*el.expr)),
            ast::Expr::Call(c) => {
                stack.extend(c.args.iter().rev().map(|a| &*a.expr));
                if let ast::Callee::Expr(callee) = &c.callee {
                    stack.push(callee);
                }
            }
            ast::Expr::New(n) => {
                if let Some(args) = &n.args {
                    stack.extend(args.iter().rev().map(|a| &*a.expr));
                }
            }
            ast::Expr::Arrow(a) => {
                if let ast::ArrowFunctionBody::Expr(body) = &*a.body {
                    stack.push(body);
                }
            }
            ast::Expr::Object(o) => {
                for prop in o.props.iter().rev() {
                    match prop {
                        ast::PropOrSpread::Spread(s) => stack.push(&s.expr),
                        ast::PropOrSpread::Prop(p) => {
                            if let ast::Prop::KeyValue(kv) = &**p {
                                stack.push(&kv.value);
                            }
                        }
                    }
                }
            }
            ast::Expr::Cond(c) => {
                stack.push(&c.alt);
                stack.push(&c.cons);
            }
            ast::Expr::Paren(p) => stack.push(&p.expr),
            ast::Expr::TsAs(a) => stack.push(&a.expr),
            ast::Expr::TsNonNull(n) => stack.push(&n.expr),
            ast::Expr::TsSatisfies(s) => stack.push(&s.expr),
            ast::Expr::TsTypeAssertion(t) => stack.push(&t.expr),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_source;
    use crate::value::RefKind;

    fn reference(key: &str) -> RefValue {
        RefValue {
            key: key.into(),
            name: key.rsplit('#').next().unwrap_or_default().into(),
            kind: RefKind::Directive,
            standalone: true,
            emit: EmitRef::Import { module: "./m".into(), name: "X".into() },
            is_class: true,
        }
    }

    #[test]
    fn identifiers_of_the_file_name_references_also_through_local_constants() {
        let text = "import { NgIf as If } from '@angular/common';\nimport { SHARED } from './shared';\nconst LOCAL = [If];\nconst ROOT = [...LOCAL, ...SHARED, ns.Other];\n";
        with_source(text, |source| {
            let ast::ModuleItem::Stmt(ast::Stmt::Decl(ast::Decl::Var(root))) = &source.module.body[3] else { panic!("ROOT") };
            let expr = root.decls[0].init.as_deref().expect("initializer");
            let bindings: HashMap<String, String> = [("If", "common#NgIf"), ("SHARED", "shared#SHARED")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            let identities = Identities::of(expr, source, &bindings);
            assert_eq!(identities.emit(&reference("common#NgIf")), EmitRef::Local("If".into()));
            assert!(identities.contains("shared#SHARED"));
            assert_eq!(identities.emit(&reference("other#Other")), EmitRef::Import { module: "./m".into(), name: "X".into() });
        });
    }
}
