//! The per-file constant pool (`ConstantPool` of `@angular/compiler`): the module-level
//! `const _c0 = ...;` declarations that definitions and templates share.
//!
//! Names come from one counter per prefix (`_c0`, `_c1`, …; `_forTrack0`, …), so the order in
//! which compilers ask for constants is the order of the declarations, as in ngc.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::{var, Expr, Literal, MapEntry, Stmt};

const CONSTANT_PREFIX: &str = "_c";
/// String literals this long or longer are pooled (`POOL_INCLUSION_LENGTH_THRESHOLD_FOR_STRINGS`).
const LONG_STRING: usize = 50;

/// Module-level constants of one generated file.
#[derive(Debug, Default)]
pub struct ConstantPool {
    /// The declarations, in creation order; emitted before the first class of the file.
    pub statements: Vec<Stmt>,
    literals: HashMap<String, Rc<RefCell<Expr>>>,
    /// Literals that already became shared variables.
    shared_literals: HashSet<String>,
    shared_constants: HashMap<String, Expr>,
    claimed_names: HashMap<String, usize>,
}

impl ConstantPool {
    pub fn new() -> Self {
        Self::default()
    }

    /// `getConstLiteral`: a literal array, object or long string that is declared once and
    /// shared by every use. The first use gets the literal inline (as a fixup) unless
    /// `force_shared`; a second use turns every use into a reference to `_cN`.
    pub fn get_const_literal(&mut self, literal: Expr, force_shared: bool) -> Expr {
        let is_long_string = matches!(&literal, Expr::Literal(Literal::String(s)) if s.encode_utf16().count() >= LONG_STRING);
        if (literal.is_literal() && !is_long_string) || matches!(literal, Expr::Fixup(_)) {
            return literal;
        }
        let Some(key) = key_of(&literal) else { return literal };
        let (cell, new_value) = match self.literals.get(&key) {
            Some(cell) => (cell.clone(), false),
            None => {
                let cell = Rc::new(RefCell::new(literal.clone()));
                self.literals.insert(key.clone(), cell.clone());
                (cell, true)
            }
        };
        let shared = self.shared_literals.contains(&key);
        if (!new_value && !shared) || (new_value && force_shared) {
            let name = self.fresh_name();
            self.statements.push(Stmt::DeclareVar { name: name.clone(), value: Some(literal), is_const: true, exported: false });
            *cell.borrow_mut() = var(name);
            self.shared_literals.insert(key);
        }
        Expr::Fixup(cell)
    }

    /// `getSharedConstant`: one declaration per `key`, made by `declare(name)`; returns a
    /// reference to it.
    pub fn get_shared_constant(&mut self, key: String, declare: impl FnOnce(&str) -> Stmt) -> Expr {
        if let Some(existing) = self.shared_constants.get(&key) {
            return existing.clone();
        }
        let name = self.fresh_name();
        self.statements.push(declare(&name));
        let reference = var(name);
        self.shared_constants.insert(key, reference.clone());
        reference
    }

    /// `getSharedFunctionReference`: a module-level function (a `function` declaration for a
    /// function expression, a `const` for an arrow function), reused when an equal one exists.
    pub fn get_shared_function_reference(&mut self, function: Expr, prefix: &str, use_unique_name: bool) -> Expr {
        for stmt in &self.statements {
            match (stmt, &function) {
                (Stmt::DeclareVar { name, value: Some(value), .. }, Expr::Arrow { .. }) if value == &function => return var(name.clone()),
                (Stmt::DeclareFunction { name, params, body }, Expr::Function { params: p, body: b, .. }) if params == p && body == b => {
                    return var(name.clone())
                }
                _ => {}
            }
        }
        let name = if use_unique_name { self.unique_name(prefix, true) } else { prefix.to_string() };
        let stmt = match function {
            Expr::Function { params, body, .. } => Stmt::DeclareFunction { name: name.clone(), params, body },
            other => Stmt::DeclareVar { name: name.clone(), value: Some(other), is_const: true, exported: false },
        };
        self.statements.push(stmt);
        var(name)
    }

    /// `uniqueName`: `name0`, `name1`, … (or `name` first when `always_include_suffix` is false).
    pub fn unique_name(&mut self, name: &str, always_include_suffix: bool) -> String {
        let count = self.claimed_names.entry(name.to_string()).or_insert(0);
        let result = if *count == 0 && !always_include_suffix { name.to_string() } else { format!("{name}{count}") };
        *count += 1;
        result
    }

    /// The next `_cN`.
    pub fn fresh_name(&mut self) -> String {
        self.unique_name(CONSTANT_PREFIX, true)
    }
}

/// `GenericKeyFn.keyOf`: a structural key for literal expressions; `None` for expressions
/// it does not handle (Angular throws there).
pub fn key_of(expr: &Expr) -> Option<String> {
    Some(match expr {
        Expr::Literal(Literal::String(s)) => format!("\"{s}\""),
        Expr::Literal(Literal::Number(n)) => ngc_expression::js_number_to_string(*n),
        Expr::Literal(Literal::Bool(b)) => b.to_string(),
        Expr::Literal(Literal::Null) => "null".into(),
        Expr::Literal(Literal::Undefined) => "undefined".into(),
        Expr::Regex { body, flags } => format!("/{body}/{}", flags.as_deref().unwrap_or("")),
        Expr::Array(items) => {
            let keys: Option<Vec<String>> = items.iter().map(key_of).collect();
            format!("[{}]", keys?.join(","))
        }
        Expr::Map(entries) => {
            let mut keys = Vec::with_capacity(entries.len());
            for entry in entries {
                keys.push(match entry {
                    MapEntry::Spread(e) => format!("...{}", key_of(e)?),
                    MapEntry::Property { key, quoted, value } => {
                        let k = if *quoted { format!("\"{key}\"") } else { key.clone() };
                        format!("{k}:{}", key_of(value)?)
                    }
                });
            }
            format!("{{{}}}", keys.join(","))
        }
        Expr::External(r) => format!("import(\"{}\", {})", r.module.as_deref().unwrap_or("null"), r.name),
        Expr::Var(name) => format!("read({name})"),
        Expr::Typeof(e) => format!("typeof({})", key_of(e)?),
        Expr::Spread(e) => format!("...{}", key_of(e)?),
        Expr::Fixup(cell) => key_of(&cell.borrow())?,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{array, print::PlainImports, print_expr, print_stmts, str_lit};

    #[test]
    fn literals_become_shared_on_second_use() {
        let mut pool = ConstantPool::new();
        let a = pool.get_const_literal(array(vec![str_lit("x")]), false);
        assert_eq!(print_expr(&a, &mut PlainImports), r#"["x"]"#);
        assert!(pool.statements.is_empty());
        let b = pool.get_const_literal(array(vec![str_lit("x")]), false);
        assert_eq!(print_expr(&a, &mut PlainImports), "_c0");
        assert_eq!(print_expr(&b, &mut PlainImports), "_c0");
        let c = pool.get_const_literal(array(vec![str_lit("y")]), true);
        assert_eq!(print_expr(&c, &mut PlainImports), "_c1");
        assert_eq!(print_stmts(&pool.statements, &mut PlainImports), "const _c0 = [\"x\"];\nconst _c1 = [\"y\"];\n");
    }

    #[test]
    fn unique_names_count_per_prefix() {
        let mut pool = ConstantPool::new();
        assert_eq!(pool.unique_name("_forTrack", true), "_forTrack0");
        assert_eq!(pool.unique_name("X_Template", false), "X_Template");
        assert_eq!(pool.unique_name("X_Template", false), "X_Template1");
        assert_eq!(pool.fresh_name(), "_c0");
    }
}
