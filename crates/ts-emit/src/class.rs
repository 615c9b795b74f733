//! Classes: TypeScript-only members and modifiers removed, parameter properties turned into
//! field declarations and assignments, and — with `useDefineForClassFields: false` — field
//! initializers moved into the constructor and static blocks, as tsc's class-fields transform
//! does for ES2022.

use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::VisitWith;

use crate::emit::Emitter;
use crate::syntax;

impl<'a> Emitter<'a> {
    pub(crate) fn class(&mut self, class: &Class) {
        for d in &class.decorators {
            d.visit_with(self);
        }
        if let Some(sup) = &class.super_class {
            self.set_slot(sup, crate::syntax::Slot::Access);
            sup.visit_with(self);
        }
        if let Some(t) = &class.type_params {
            self.delete(t.span);
        }
        if let Some(t) = &class.super_type_params {
            self.delete(t.span);
        }
        if let (Some(first), Some(last)) = (class.implements.first(), class.implements.last()) {
            let first_lo = self.lo(first.span);
            let back = syntax::skip_ws_back(self.src, first_lo as usize);
            let kw = back.saturating_sub("implements".len());
            if self.src.get(kw..back) == Some("implements") {
                let hi = self.hi(last.span);
                self.p.delete(kw as u32, hi);
            }
        }
        let define = self.opts.define_class_fields();
        let ctor = class.body.iter().find_map(|m| match m {
            ClassMember::Constructor(c) if c.body.is_some() => Some(c),
            _ => None,
        });
        // Parameter properties.
        let mut param_props: Vec<String> = Vec::new();
        if let Some(ctor) = ctor {
            for p in &ctor.params {
                if let ParamOrTsParamProp::TsParamProp(pp) = p {
                    let name = match &pp.param {
                        TsParamPropParam::Ident(b) => Some(b.id.sym.to_string()),
                        TsParamPropParam::Assign(a) => match &*a.left {
                            Pat::Ident(b) => Some(b.id.sym.to_string()),
                            _ => None,
                        },
                    };
                    if let Some(name) = name {
                        param_props.push(name);
                    }
                }
            }
        }
        let mut instance_inits: Vec<String> = Vec::new();
        for member in &class.body {
            self.class_member(member, define, &mut instance_inits);
        }
        let body_open = self.class_body_open(class);
        if define && !param_props.is_empty() {
            if let Some(open) = body_open {
                let decls: String = param_props.iter().map(|n| format!("\n    {n};")).collect();
                self.p.insert(open + 1, decls);
            }
        }
        let mut assignments: Vec<String> = param_props.iter().map(|n| format!("this.{n} = {n};")).collect();
        assignments.extend(instance_inits);
        if !assignments.is_empty() {
            match ctor {
                Some(ctor) => self.constructor_assignments(ctor, &assignments),
                None => {
                    if let Some(open) = body_open {
                        let derived = class
                            .super_class
                            .as_deref()
                            .is_some_and(|s| !matches!(syntax::skip_ts_wrappers(s), Expr::Lit(Lit::Null(_))));
                        let mut text = String::from("\n    constructor() {");
                        if derived {
                            text.push_str("\n        super(...arguments);");
                        }
                        for a in &assignments {
                            text.push_str("\n        ");
                            text.push_str(a);
                        }
                        text.push_str("\n    }");
                        self.p.insert(open + 1, text);
                    }
                }
            }
        }
        let lo = self.lo(class.span);
        if let Some(members) = self.class_members.remove(&lo) {
            let hi = self.hi(class.span);
            let mut text = String::new();
            for m in members {
                text.push_str("\n    ");
                text.push_str(&m);
            }
            text.push('\n');
            self.p.insert(hi.saturating_sub(1), text);
        }
    }

    /// The offset of the class body's `{`.
    pub(crate) fn class_body_open(&self, class: &Class) -> Option<u32> {
        let mut from = self.lo(class.span);
        for d in &class.decorators {
            from = from.max(self.hi(d.span));
        }
        let mut candidates = vec![from];
        if let Some(t) = &class.type_params {
            candidates.push(self.hi(t.span));
        }
        if let Some(s) = &class.super_class {
            candidates.push(self.hi(s.span()));
        }
        if let Some(t) = &class.super_type_params {
            candidates.push(self.hi(t.span));
        }
        if let Some(i) = class.implements.last() {
            candidates.push(self.hi(i.span));
        }
        let start = candidates.into_iter().max().unwrap_or(from) as usize;
        let end = match class.body.first() {
            Some(m) => self.lo(m.span()) as usize,
            None => self.hi(class.span) as usize,
        };
        let region = self.src.get(start..end)?;
        // The last `{` before the first member (or the closing brace).
        let rel = if class.body.is_empty() { region.find('{') } else { region.rfind('{') }?;
        Some((start + rel) as u32)
    }

    /// Inserts `this.x = x;` after the `super(...)` call (or the prologue) of a constructor.
    fn constructor_assignments(&mut self, ctor: &Constructor, assignments: &[String]) {
        let Some(body) = &ctor.body else { return };
        let is_super_call = |s: &Stmt| match s {
            Stmt::Expr(ExprStmt { expr, .. }) => {
                matches!(syntax::skip_ts_wrappers(expr), Expr::Call(CallExpr { callee: Callee::Super(_), .. }))
            }
            _ => false,
        };
        let text: String = assignments.iter().map(|a| format!("\n        {a}")).collect();
        if let Some(stmt) = body.stmts.iter().find(|s| is_super_call(s)) {
            let hi = self.hi(stmt.span());
            self.p.insert(hi, text);
            return;
        }
        let prologue = body
            .stmts
            .iter()
            .take_while(|s| matches!(s, Stmt::Expr(ExprStmt { expr, .. }) if matches!(&**expr, Expr::Lit(Lit::Str(_)))))
            .last();
        let at = match prologue {
            Some(stmt) => self.hi(stmt.span()),
            None => self.lo(body.span) + 1,
        };
        self.p.insert(at, text);
    }

    /// Deletes TypeScript modifiers between a member's decorators and `key_lo`.
    fn member_modifiers(&mut self, member_lo: u32, decorators: &[Decorator], key_lo: u32) {
        let skip: Vec<(usize, usize)> =
            decorators.iter().map(|d| (self.lo(d.span) as usize, self.hi(d.span) as usize)).collect();
        for (l, h) in syntax::ts_modifiers(self.src, member_lo as usize, key_lo as usize, &skip) {
            self.p.delete(l as u32, h as u32);
        }
    }

    /// Deletes a whole member, with its `;` when the span stops before it.
    fn delete_member(&mut self, span: swc_common::Span) {
        let (lo, mut hi) = self.range(span);
        if self.src.as_bytes().get((hi as usize).wrapping_sub(1)) != Some(&b';') {
            let next = syntax::skip_trivia(self.src, hi as usize);
            if self.src.as_bytes().get(next) == Some(&b';') {
                hi = next as u32 + 1;
            }
        }
        self.p.delete(lo, hi);
    }

    fn prop_key_access(&self, key: &PropName) -> Option<String> {
        match key {
            PropName::Ident(i) => Some(format!("this.{}", i.sym)),
            PropName::Str(s) => Some(format!("this[{}]", self.text(s.span))),
            PropName::Num(n) => Some(format!("this[{}]", self.text(n.span))),
            PropName::BigInt(b) => Some(format!("this[{}]", self.text(b.span))),
            PropName::Computed(_) => None,
        }
    }

    fn class_member(&mut self, member: &ClassMember, define: bool, instance_inits: &mut Vec<String>) {
        match member {
            ClassMember::TsIndexSignature(s) => self.delete_member(s.span),
            ClassMember::Empty(_) => {}
            ClassMember::StaticBlock(b) => b.visit_with(self),
            ClassMember::Constructor(c) => {
                if c.body.is_none() {
                    self.delete_member(c.span);
                    return;
                }
                let key_lo = self.lo(c.key.span());
                self.member_modifiers(self.lo(c.span), &[], key_lo);
                for p in &c.params {
                    match p {
                        ParamOrTsParamProp::Param(p) => p.visit_with(self),
                        ParamOrTsParamProp::TsParamProp(pp) => {
                            for d in &pp.decorators {
                                d.visit_with(self);
                            }
                            let param_lo = self.lo(pp.param.span());
                            self.member_modifiers(self.lo(pp.span), &pp.decorators, param_lo);
                            pp.param.visit_with(self);
                        }
                    }
                }
                if let Some(last) = c.params.last() {
                    self.delete_trailing_comma(self.hi(last.span()));
                }
                if let Some(body) = &c.body {
                    body.visit_with(self);
                }
            }
            ClassMember::Method(m) => {
                if m.function.body.is_none() {
                    self.delete_member(m.span);
                    return;
                }
                for d in &m.function.decorators {
                    d.visit_with(self);
                }
                let key_lo = self.lo(m.key.span());
                self.member_modifiers(self.lo(m.span), &m.function.decorators, key_lo);
                if m.is_optional {
                    let hi = self.hi(m.key.span());
                    self.delete_marker_after(hi, b"?");
                }
                m.key.visit_with(self);
                self.method_function(&m.function);
            }
            ClassMember::PrivateMethod(m) => {
                if m.function.body.is_none() {
                    self.delete_member(m.span);
                    return;
                }
                let key_lo = self.lo(m.key.span);
                self.member_modifiers(self.lo(m.span), &m.function.decorators, key_lo);
                self.method_function(&m.function);
            }
            ClassMember::ClassProp(p) => {
                if p.declare || p.is_abstract {
                    self.delete_member(p.span);
                    return;
                }
                for d in &p.decorators {
                    d.visit_with(self);
                }
                let key_lo = self.lo(p.key.span());
                self.member_modifiers(self.lo(p.span), &p.decorators, key_lo);
                let key_hi = self.hi(p.key.span());
                if p.is_optional || p.definite {
                    self.delete_marker_after(key_hi, b"?!");
                }
                p.key.visit_with(self);
                if let Some(t) = &p.type_ann {
                    self.delete(t.span);
                }
                if let Some(v) = &p.value {
                    v.visit_with(self);
                }
                if define {
                    self.ensure_semicolon(p.span);
                    return;
                }
                // Set semantics: the initializer moves.
                let Some(access) = self.prop_key_access(&p.key) else {
                    self.unsupported(
                        p.key.span(),
                        "a computed field name with `useDefineForClassFields: false`",
                        "use a plain name, or `useDefineForClassFields: true`",
                    );
                    return;
                };
                let init = p.value.as_ref().map(|v| self.render(v.span()));
                let (lo, hi) = self.member_range(p.span);
                match (init, p.is_static) {
                    (Some(init), true) => self.p.replace(lo, hi, format!("static {{ {access} = {init}; }}")),
                    (Some(init), false) => {
                        instance_inits.push(format!("{access} = {init};"));
                        self.p.replace(lo, hi, "");
                    }
                    (None, _) => self.p.replace(lo, hi, ""),
                }
            }
            ClassMember::PrivateProp(p) => {
                for d in &p.decorators {
                    d.visit_with(self);
                }
                let key_lo = self.lo(p.key.span);
                self.member_modifiers(self.lo(p.span), &p.decorators, key_lo);
                let key_hi = self.hi(p.key.span);
                if p.is_optional || p.definite {
                    self.delete_marker_after(key_hi, b"?!");
                }
                if let Some(t) = &p.type_ann {
                    self.delete(t.span);
                }
                if let Some(v) = &p.value {
                    v.visit_with(self);
                }
                if define || p.is_static {
                    self.ensure_semicolon(p.span);
                    return;
                }
                if let Some(v) = &p.value {
                    let init = self.render(v.span());
                    instance_inits.push(format!("this.#{} = {init};", p.key.name));
                    let (_, hi) = self.member_range(p.span);
                    let key_text = format!("{};", self.p.render(self.lo(p.span), key_hi, false));
                    let lo = self.lo(p.span);
                    self.p.replace(lo, hi, key_text);
                } else {
                    self.ensure_semicolon(p.span);
                }
            }
            ClassMember::AutoAccessor(a) => {
                if self.opts.target < crate::options::Target::EsNext {
                    self.unsupported(a.span, "an `accessor` field below target ESNext", "use a getter and a setter");
                }
                member.visit_children_with(self);
            }
        }
    }

    /// A member's range including a `;` after its span.
    fn member_range(&self, span: swc_common::Span) -> (u32, u32) {
        let (lo, hi) = self.range(span);
        if self.src.as_bytes().get((hi as usize).wrapping_sub(1)) == Some(&b';') {
            return (lo, hi);
        }
        let next = syntax::skip_trivia(self.src, hi as usize);
        if self.src.as_bytes().get(next) == Some(&b';') {
            (lo, next as u32 + 1)
        } else {
            (lo, hi)
        }
    }

    fn method_function(&mut self, f: &Function) {
        // Decorators were handled with the member; the rest as any function.
        if let Some(t) = &f.type_params {
            self.delete(t.span);
        }
        if let Some(t) = &f.return_type {
            self.delete(t.span);
        }
        let skip_first = self.function_this_param(f);
        for p in f.params.iter().skip(usize::from(skip_first)) {
            p.visit_with(self);
        }
        if let Some(last) = f.params.last() {
            self.delete_trailing_comma(self.hi(last.span));
        }
        if let Some(body) = &f.body {
            body.visit_with(self);
        }
    }
}
