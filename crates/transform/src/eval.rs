//! Values of decorator arguments during compilation: the reflector's evaluation when the
//! first step made one ([`crate::facts`]), otherwise the literal value read from the syntax
//! (strings, numbers, booleans, arrays and objects of them, and the file's own constants).

use std::collections::HashSet;

use swc_ecma_ast as ast;

use crate::source::Source;
use crate::syntax;
use crate::value::Value;

/// The literal value of `expr`, or `None` when it is not a literal the syntax alone decides.
pub fn literal_value(expr: &ast::Expr, source: &Source<'_>) -> Option<Value> {
    let mut seen = HashSet::new();
    literal(expr, source, &mut seen)
}

fn literal(expr: &ast::Expr, source: &Source<'_>, seen: &mut HashSet<String>) -> Option<Value> {
    Some(match syntax::unwrap_expression(expr) {
        ast::Expr::Lit(ast::Lit::Str(s)) => Value::String(syntax::str_value(s)),
        ast::Expr::Lit(ast::Lit::Num(n)) => Value::Number(n.value),
        ast::Expr::Lit(ast::Lit::Bool(b)) => Value::Bool(b.value),
        ast::Expr::Lit(ast::Lit::Null(_)) => Value::Null,
        ast::Expr::Tpl(t) if t.exprs.is_empty() => Value::String(syntax::unwrap_string(&ast::Expr::Tpl(t.clone()))?),
        ast::Expr::Ident(i) if &*i.sym == "undefined" => Value::Undefined,
        ast::Expr::Ident(i) => {
            let name = i.sym.to_string();
            if source.imports.get(&name).is_some() || !seen.insert(name.clone()) {
                return None;
            }
            let init = source.local_const(&name)?;
            let value = literal(init, source, seen);
            seen.remove(&name);
            value?
        }
        ast::Expr::Array(a) => {
            let mut items = Vec::new();
            for element in a.elems.iter() {
                let element = element.as_ref()?;
                let value = literal(&element.expr, source, seen)?;
                if element.spread.is_some() {
                    match value {
                        Value::Array(inner) => items.extend(inner),
                        _ => return None,
                    }
                } else {
                    items.push(value);
                }
            }
            Value::Array(items)
        }
        ast::Expr::Object(o) => {
            let mut fields: Vec<(String, Value)> = Vec::new();
            for prop in &o.props {
                let ast::PropOrSpread::Prop(prop) = prop else { return None };
                let ast::Prop::KeyValue(kv) = &**prop else { return None };
                let key = syntax::prop_name(&kv.key)?;
                let value = literal(&kv.value, source, seen)?;
                match fields.iter_mut().find(|(k, _)| *k == key) {
                    Some(existing) => existing.1 = value,
                    None => fields.push((key, value)),
                }
            }
            Value::Object(fields)
        }
        ast::Expr::Unary(u) if u.op == ast::UnaryOp::Minus => match literal(&u.arg, source, seen)? {
            Value::Number(n) => Value::Number(-n),
            _ => return None,
        },
        _ => return None,
    })
}

/// The value of a decorator argument: the literal when the syntax decides it, else what the
/// reflector evaluated (`evaluated`), else `Dynamic`.
pub fn value_of(expr: &ast::Expr, evaluated: Option<&Value>, source: &Source<'_>) -> Value {
    if let Some(value) = literal_value(expr, source) {
        return value;
    }
    match evaluated {
        Some(v) => v.clone(),
        None => Value::Dynamic(source.text_of(expr).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_source;

    fn init_value(text: &str) -> Option<Value> {
        with_source(text, |source| {
            let Some(ast::ModuleItem::Stmt(ast::Stmt::Decl(ast::Decl::Var(v)))) = source.module.body.last() else {
                panic!("a const")
            };
            literal_value(v.decls[0].init.as_deref().expect("initializer"), source)
        })
    }

    #[test]
    fn literals_and_local_constants_evaluate() {
        assert_eq!(
            init_value("const A = 'a';\nconst x = [A, `t`, -1, true, null, undefined, ...['s'], { k: 'v', k2: A }];\n"),
            Some(Value::Array(vec![
                Value::String("a".into()),
                Value::String("t".into()),
                Value::Number(-1.0),
                Value::Bool(true),
                Value::Null,
                Value::Undefined,
                Value::String("s".into()),
                Value::Object(vec![("k".into(), Value::String("v".into())), ("k2".into(), Value::String("a".into()))]),
            ]))
        );
    }

    #[test]
    fn imports_calls_and_cycles_are_not_literal() {
        assert_eq!(init_value("import { B } from './b';\nconst x = [B];\n"), None);
        assert_eq!(init_value("const x = [f()];\n"), None);
        assert_eq!(init_value("const y = x;\nconst x = y;\n"), None);
    }
}
