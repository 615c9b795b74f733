//! Enums and namespaces as tsc emits them: `var E; (function (E) { ... })(E || (E = {}));`,
//! with enum member values folded by TypeScript's constant evaluator.

use swc_atoms::Atom;
use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::VisitWith;

use crate::emit::{Emitter, NamespaceFrame};
use crate::facts::EnumValue;
use crate::scope::{enum_member_name, BindingKind};
use crate::syntax::{js_number, js_string};

/// One evaluated enum member.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evaluated {
    pub value: Option<EnumValue>,
    pub syntactically_string: bool,
}

/// A constant as JavaScript source (`-1`, `"a"`).
pub(crate) fn value_text(value: &EnumValue) -> String {
    match value {
        EnumValue::String(s) => js_string(s),
        EnumValue::Number(n) if *n < 0.0 || (*n == 0.0 && n.is_sign_negative()) => {
            format!("-{}", js_number(-n))
        }
        EnumValue::Number(n) => js_number(*n),
    }
}

fn to_js_string(v: &EnumValue) -> String {
    match v {
        EnumValue::String(s) => s.clone(),
        EnumValue::Number(n) => js_number(*n),
    }
}

fn to_i32(v: f64) -> i32 {
    if !v.is_finite() {
        return 0;
    }
    let m = v.trunc().rem_euclid(4_294_967_296.0);
    m as u32 as i32
}

const MAX_EVAL_DEPTH: u32 = 64;

impl<'a> Emitter<'a> {
    /// The value of `member` of an enum given by its declarations.
    pub fn enum_member_value(&mut self, decls: &[&TsEnumDecl], member: &str) -> Option<EnumValue> {
        for decl in decls {
            if let Some(index) = decl.members.iter().position(|m| enum_member_name(&m.id).as_str() == member) {
                let values = self.enum_values_of(decl, 0);
                return values.get(index).and_then(|v| v.value.clone());
            }
        }
        None
    }

    fn enum_values_of(&mut self, decl: &TsEnumDecl, depth: u32) -> Vec<Evaluated> {
        let key = self.lo(decl.span);
        if let Some(values) = self.enum_values.get(&key) {
            return values.clone();
        }
        // Guard against cycles while computing.
        self.enum_values.insert(key, Vec::new());
        let mut values: Vec<Evaluated> = Vec::with_capacity(decl.members.len());
        let mut auto = Some(0f64);
        for member in &decl.members {
            let evaluated = match &member.init {
                Some(init) => {
                    let mut partial = values.clone();
                    partial.resize(decl.members.len(), Evaluated::default());
                    self.enum_values.insert(key, partial);
                    self.evaluate(init, depth + 1)
                }
                None => Evaluated { value: auto.map(EnumValue::Number), syntactically_string: false },
            };
            auto = match &evaluated.value {
                Some(EnumValue::Number(n)) => Some(n + 1.0),
                _ => None,
            };
            values.push(evaluated);
        }
        self.enum_values.insert(key, values.clone());
        values
    }

    /// TypeScript's constant evaluator (`createEvaluator`) over one file.
    pub fn evaluate(&mut self, expr: &Expr, depth: u32) -> Evaluated {
        if depth > MAX_EVAL_DEPTH {
            return Evaluated::default();
        }
        let mut e = expr;
        while let Expr::Paren(p) = e {
            e = &p.expr;
        }
        let none = Evaluated::default();
        match e {
            Expr::Unary(u) => {
                let v = self.evaluate(&u.arg, depth + 1);
                if let Some(EnumValue::Number(n)) = v.value {
                    let value = match u.op {
                        UnaryOp::Plus => Some(n),
                        UnaryOp::Minus => Some(-n),
                        UnaryOp::Tilde => Some(!to_i32(n) as f64),
                        _ => None,
                    };
                    return Evaluated { value: value.map(EnumValue::Number), syntactically_string: false };
                }
                none
            }
            Expr::Bin(b) => {
                let l = self.evaluate(&b.left, depth + 1);
                let r = self.evaluate(&b.right, depth + 1);
                let ss = (l.syntactically_string || r.syntactically_string) && b.op == BinaryOp::Add;
                let value = match (&l.value, &r.value) {
                    (Some(EnumValue::Number(x)), Some(EnumValue::Number(y))) => {
                        let (x, y) = (*x, *y);
                        let v = match b.op {
                            BinaryOp::BitOr => Some((to_i32(x) | to_i32(y)) as f64),
                            BinaryOp::BitAnd => Some((to_i32(x) & to_i32(y)) as f64),
                            BinaryOp::RShift => Some((to_i32(x) >> (to_i32(y) as u32 & 31)) as f64),
                            BinaryOp::ZeroFillRShift => Some(((to_i32(x) as u32) >> (to_i32(y) as u32 & 31)) as f64),
                            BinaryOp::LShift => Some((to_i32(x).wrapping_shl(to_i32(y) as u32 & 31)) as f64),
                            BinaryOp::BitXor => Some((to_i32(x) ^ to_i32(y)) as f64),
                            BinaryOp::Mul => Some(x * y),
                            BinaryOp::Div => Some(x / y),
                            BinaryOp::Add => Some(x + y),
                            BinaryOp::Sub => Some(x - y),
                            BinaryOp::Mod => Some(x % y),
                            BinaryOp::Exp => Some(x.powf(y)),
                            _ => None,
                        };
                        v.map(EnumValue::Number)
                    }
                    (Some(x), Some(y)) if b.op == BinaryOp::Add => {
                        Some(EnumValue::String(format!("{}{}", to_js_string(x), to_js_string(y))))
                    }
                    _ => None,
                };
                Evaluated { value, syntactically_string: ss }
            }
            Expr::Lit(Lit::Str(s)) => Evaluated {
                value: Some(EnumValue::String(s.value.to_string_lossy().into_owned())),
                syntactically_string: true,
            },
            Expr::Lit(Lit::Num(n)) => {
                Evaluated { value: Some(EnumValue::Number(n.value)), syntactically_string: false }
            }
            Expr::Tpl(t) => {
                let mut out = String::new();
                for (i, quasi) in t.quasis.iter().enumerate() {
                    match &quasi.cooked {
                        Some(c) => out.push_str(&c.to_string_lossy()),
                        None => return Evaluated { value: None, syntactically_string: true },
                    }
                    if let Some(expr) = t.exprs.get(i) {
                        match self.evaluate(expr, depth + 1).value {
                            Some(v) => out.push_str(&to_js_string(&v)),
                            None => return Evaluated { value: None, syntactically_string: true },
                        }
                    }
                }
                Evaluated { value: Some(EnumValue::String(out)), syntactically_string: true }
            }
            Expr::Ident(ident) => self.evaluate_name(ident, depth),
            Expr::Member(m) => {
                let Expr::Ident(obj) = &*m.obj else {
                    return none;
                };
                let member = match &m.prop {
                    MemberProp::Ident(i) => i.sym.to_string(),
                    MemberProp::Computed(c) => match &*c.expr {
                        Expr::Lit(Lit::Str(s)) => s.value.to_string_lossy().into_owned(),
                        Expr::Tpl(t) if t.exprs.is_empty() => t
                            .quasis
                            .first()
                            .and_then(|q| q.cooked.as_ref())
                            .map(|c| c.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        _ => return none,
                    },
                    MemberProp::PrivateName(_) => return none,
                };
                let decls = match self.res.binding_at(obj.span.lo.0).map(|b| &b.kind) {
                    Some(BindingKind::Enum { decls }) => decls.clone(),
                    Some(BindingKind::Import { item, specifier }) => {
                        let value = self.imported_enum_member(*item, *specifier, &member);
                        return Evaluated { value, syntactically_string: false };
                    }
                    _ => return none,
                };
                for decl in decls {
                    if let Some(index) = decl.members.iter().position(|mm| enum_member_name(&mm.id).as_str() == member)
                    {
                        let values = self.enum_values_of(decl, depth + 1);
                        return values.get(index).cloned().unwrap_or_default();
                    }
                }
                none
            }
            _ => none,
        }
    }

    fn evaluate_name(&mut self, ident: &Ident, depth: u32) -> Evaluated {
        let binding = self.res.binding_at(ident.span.lo.0);
        match binding.map(|b| &b.kind) {
            None => match ident.sym.as_str() {
                "NaN" => Evaluated { value: Some(EnumValue::Number(f64::NAN)), syntactically_string: false },
                "Infinity" => Evaluated { value: Some(EnumValue::Number(f64::INFINITY)), syntactically_string: false },
                _ => Evaluated::default(),
            },
            Some(BindingKind::EnumMember { enum_name }) => {
                let enum_name = enum_name.clone();
                let decls = match self.res.top_level.get(&enum_name).map(|&id| &self.res.bindings[id].kind) {
                    Some(BindingKind::Enum { decls }) => decls.clone(),
                    _ => return Evaluated::default(),
                };
                for decl in decls {
                    if let Some(index) = decl.members.iter().position(|m| enum_member_name(&m.id) == ident.sym) {
                        let values = self.enum_values.get(&self.lo(decl.span)).cloned();
                        let values = match values {
                            Some(v) if v.len() == decl.members.len() => v,
                            _ => self.enum_values_of(decl, depth + 1),
                        };
                        return values.get(index).cloned().unwrap_or_default();
                    }
                }
                Evaluated::default()
            }
            Some(BindingKind::Const { init, typed: false, decl_lo }) => {
                if *decl_lo >= ident.span.lo.0 {
                    return Evaluated::default();
                }
                let init: &Expr = init;
                let v = self.evaluate(init, depth + 1);
                Evaluated { value: v.value, syntactically_string: v.syntactically_string }
            }
            _ => Evaluated::default(),
        }
    }

    /// `var E; (function (E) { E[E["A"] = 0] = "A"; })(E || (E = {}));`
    pub fn enum_declaration(&mut self, decl: &TsEnumDecl, span: swc_common::Span, exported: bool) -> bool {
        if decl.is_const && !self.opts.keep_const_enums() {
            self.delete(span);
            return false;
        }
        for member in &decl.members {
            if let Some(init) = &member.init {
                init.visit_with(self);
            }
        }
        let values = self.enum_values_of(decl, 0);
        let name = decl.id.sym.clone();
        let mut body = String::new();
        for (member, evaluated) in decl.members.iter().zip(values.iter()) {
            let key = js_string(enum_member_name(&member.id).as_str());
            let value = match (&evaluated.value, &member.init) {
                (Some(v), _) => value_text(v),
                (None, Some(init)) => self.render(init.span()),
                (None, None) => "void 0".to_string(),
            };
            let is_string = matches!(evaluated.value, Some(EnumValue::String(_))) || evaluated.syntactically_string;
            if is_string {
                body.push_str(&format!("\n    {name}[{key}] = {value};"));
            } else {
                body.push_str(&format!("\n    {name}[{name}[{key}] = {value}] = {key};"));
            }
        }
        let text = self.iife_declaration(&name, &body, exported);
        let (lo, hi) = self.range(span);
        self.p.replace(lo, hi, text.0);
        text.1
    }

    /// The `var` (first declaration in scope only) and the IIFE around a body; returns the
    /// text and whether it carries an `export`.
    fn iife_declaration(&mut self, name: &Atom, body: &str, exported: bool) -> (String, bool) {
        let first = self.record_declaration(name);
        let parent = self.namespaces.last().map(|n| n.name.clone());
        let mut out = String::new();
        let mut exports = false;
        if first {
            let keyword = if self.at_file_level() { "var" } else { "let" };
            if exported && parent.is_none() {
                out.push_str("export ");
                exports = true;
            }
            out.push_str(&format!("{keyword} {name};\n"));
        }
        let arg = match (&parent, exported) {
            (Some(parent), true) => format!("{name} = {parent}.{name} || ({parent}.{name} = {{}})"),
            _ => format!("{name} || ({name} = {{}})"),
        };
        out.push_str(&format!("(function ({name}) {{{body}\n}})({arg});"));
        (out, exports)
    }

    /// `var N; (function (N) { ... })(N || (N = {}));`, or nothing for a namespace of types.
    pub fn namespace_declaration(&mut self, m: &TsModuleDecl, span: swc_common::Span, exported: bool) -> bool {
        let TsModuleName::Ident(id) = &m.id else {
            return false;
        };
        if !self.namespace_is_instantiated(m.body.as_ref()) {
            self.delete(span);
            return false;
        }
        let body = self.namespace_body(&id.sym, m.body.as_ref());
        let (text, exports) = self.iife_declaration(&id.sym, &body, exported);
        let (lo, hi) = self.range(span);
        self.p.replace(lo, hi, text);
        exports
    }

    fn namespace_body(&mut self, name: &Atom, body: Option<&TsNamespaceBody>) -> String {
        self.namespaces.push(NamespaceFrame { name: name.clone() });
        let text = match body {
            Some(TsNamespaceBody::TsModuleBlock(block)) => {
                self.scopes.push((false, Default::default()));
                for item in &block.body {
                    item.visit_with(self);
                }
                self.scopes.pop();
                let (lo, hi) = self.range(block.span);
                self.p.render(lo + 1, hi.saturating_sub(1).max(lo + 1), true).trim_end().to_string()
            }
            Some(TsNamespaceBody::TsNamespaceDecl(inner)) => {
                let file_level = self.at_file_level();
                let inner_body = self.namespace_body(&inner.id.sym, Some(&inner.body));
                let keyword = if file_level { "var" } else { "let" };
                let n = &inner.id.sym;
                format!("\n    {keyword} {n};\n    (function ({n}) {{{inner_body}\n    }})({n} = {name}.{n} || ({name}.{n} = {{}}));")
            }
            None => String::new(),
        };
        self.namespaces.pop();
        text
    }

    fn namespace_is_instantiated(&self, body: Option<&TsNamespaceBody>) -> bool {
        match body {
            Some(TsNamespaceBody::TsModuleBlock(block)) => block.body.iter().any(|item| {
                let decl = match item {
                    ModuleItem::Stmt(Stmt::Decl(d)) => d,
                    ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
                    ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(i)) => return i.is_export,
                    ModuleItem::ModuleDecl(_) => return false,
                    ModuleItem::Stmt(_) => return true,
                };
                match decl {
                    Decl::TsInterface(_) | Decl::TsTypeAlias(_) => false,
                    Decl::TsEnum(e) => !e.is_const || self.opts.keep_const_enums(),
                    Decl::TsModule(m) => self.namespace_is_instantiated(m.body.as_ref()),
                    _ => true,
                }
            }),
            Some(TsNamespaceBody::TsNamespaceDecl(inner)) => self.namespace_is_instantiated(Some(&inner.body)),
            None => false,
        }
    }
}
