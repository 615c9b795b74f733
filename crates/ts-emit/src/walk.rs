//! The walk over statements, expressions, functions and patterns: deletes type syntax, removes
//! the parentheses tsc removes around assertions, adds semicolons, and substitutes namespace
//! exports, enum members and const enum values.

use std::collections::HashSet;

use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::emit::Emitter;
use crate::scope::BindingKind;
use crate::syntax::{self, Slot};

impl<'a> Emitter<'a> {
    fn statement_list<T: VisitWith<Self>>(&mut self, items: &[T]) {
        self.scopes.push((false, HashSet::new()));
        for item in items {
            item.visit_with(self);
        }
        self.scopes.pop();
    }

    /// `(x as T)` and friends: tsc drops the parentheses and adds them back only where needed.
    fn paren(&mut self, p: &ParenExpr) {
        let mut inner = &*p.expr;
        while let Expr::Paren(q) = inner {
            inner = &q.expr;
        }
        let assertion = matches!(
            inner,
            Expr::TsAs(_) | Expr::TsTypeAssertion(_) | Expr::TsConstAssertion(_) | Expr::TsSatisfies(_)
        );
        if assertion {
            let (lo, hi) = self.range(p.span);
            let slot = self.slots.get(&(lo, hi)).copied().unwrap_or(Slot::Free);
            let at_statement_start = self.stmt_starts.contains(&lo)
                && matches!(syntax::leftmost(inner), Expr::Object(_) | Expr::Fn(_) | Expr::Class(_));
            // At the start of an expression statement tsc parenthesizes the whole statement.
            if at_statement_start {
                self.wrap_statements.insert(lo);
            }
            let keep = !at_statement_start && syntax::needs_parens(slot, inner);
            if !keep {
                self.p.delete(lo, lo + 1);
                self.p.delete(hi - 1, hi);
                if self.stmt_starts.contains(&lo) {
                    let inner_lo = self.lo(p.expr.span());
                    self.stmt_starts.insert(inner_lo);
                }
            }
            // Parentheses nested inside need nothing more.
            let mut e = &*p.expr;
            loop {
                self.set_slot(e, Slot::Sequence);
                match e {
                    Expr::Paren(q) => e = &q.expr,
                    _ => break,
                }
            }
        } else {
            self.set_slot(&p.expr, Slot::Sequence);
        }
        p.expr.visit_with(self);
    }

    /// `E.A` for a const enum `E`: its value, with the access as a comment.
    fn const_enum_access(&mut self, m: &MemberExpr) -> bool {
        if !self.opts.inline_const_enums() {
            return false;
        }
        let Expr::Ident(obj) = &*m.obj else {
            return false;
        };
        let member = match &m.prop {
            MemberProp::Ident(i) => i.sym.to_string(),
            MemberProp::Computed(c) => match &*c.expr {
                Expr::Lit(Lit::Str(s)) => s.value.to_string_lossy().into_owned(),
                _ => return false,
            },
            MemberProp::PrivateName(_) => return false,
        };
        let value = match self.res.binding_at(obj.span.lo.0).map(|b| &b.kind) {
            Some(BindingKind::Enum { decls }) if decls.iter().all(|d| d.is_const) => {
                let decls = decls.clone();
                self.enum_member_value(&decls, &member)
            }
            Some(BindingKind::Import { item, specifier }) => {
                let (item, specifier) = (*item, *specifier);
                let value = self.imported_const_enum_member(item, specifier, &member);
                if value.is_some() {
                    *self.inlined.entry((item, specifier)).or_default() += 1;
                }
                value
            }
            _ => None,
        };
        let Some(value) = value else { return false };
        let text = crate::declarations::value_text(&value);
        let comment = if self.opts.remove_comments {
            String::new()
        } else {
            format!(" /* {} */", self.text(m.span).replace("*/", "*_/"))
        };
        let (lo, hi) = self.range(m.span);
        self.p.replace(lo, hi, format!("{text}{comment}"));
        true
    }

    pub(crate) fn imported_enum_member(
        &self,
        item: usize,
        specifier: usize,
        member: &str,
    ) -> Option<crate::facts::EnumValue> {
        let (module, name) = self.imported_name(item, specifier)?;
        self.facts.enum_member(&module, &name, member)
    }

    fn imported_const_enum_member(
        &self,
        item: usize,
        specifier: usize,
        member: &str,
    ) -> Option<crate::facts::EnumValue> {
        let (module, name) = self.imported_name(item, specifier)?;
        self.facts.const_enum_member(&module, &name, member)
    }

    /// The module and exported name of a named import binding.
    fn imported_name(&self, item: usize, specifier: usize) -> Option<(String, String)> {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = self.file.module.body.get(item)? else {
            return None;
        };
        let name = match import.specifiers.get(specifier)? {
            ImportSpecifier::Named(n) => match &n.imported {
                Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                Some(ModuleExportName::Str(s)) => s.value.to_string_lossy().into_owned(),
                None => n.local.sym.to_string(),
            },
            _ => return None,
        };
        Some((import.src.value.to_string_lossy().into_owned(), name))
    }

    /// An identifier that refers to a namespace's exported variable or to a member of the enum
    /// being initialised is emitted qualified.
    fn qualified_reference(&self, ident: &Ident) -> Option<String> {
        match &self.res.binding_at(ident.span.lo.0)?.kind {
            BindingKind::NamespaceVar { namespace } => Some(format!("{namespace}.{}", ident.sym)),
            BindingKind::EnumMember { enum_name } => Some(format!("{enum_name}.{}", ident.sym)),
            _ => None,
        }
    }

    fn arrow(&mut self, a: &ArrowExpr) {
        if let ArrowFunctionBody::Expr(body) = &*a.body {
            self.set_slot(body, Slot::ArrowBody);
        }
        a.visit_children_with(self);
        if let Some(last) = a.params.last() {
            self.delete_trailing_comma(self.hi(last.span()));
        }
        if let ArrowFunctionBody::Expr(body) = &*a.body {
            let wrapped = !matches!(&**body, Expr::Paren(_))
                && !std::ptr::eq(syntax::skip_ts_wrappers(body), &**body)
                && matches!(syntax::leftmost(body), Expr::Object(_));
            if wrapped {
                let text = format!("({})", self.render(body.span()));
                let (lo, hi) = self.range(body.span());
                self.p.replace(lo, hi, text);
            }
        }
    }

    /// A lowered expression ([`crate::lower`]) is emitted as its name. Its own edits are made all
    /// the same (for what they record); its entry is taken out while they are, so that nothing
    /// inside it is renamed, and put back for the next emit of an enclosing expression.
    fn take_lowered(&mut self, expr: &Expr) -> Option<((u32, u32), String)> {
        if self.lowered.is_empty() {
            return None;
        }
        let range = self.range(expr.span());
        self.lowered.remove(&range).map(|name| (range, name))
    }

    fn emit_lowered(&mut self, lowered: Option<((u32, u32), String)>) {
        if let Some(((lo, hi), name)) = lowered {
            self.p.replace(lo, hi, name.clone());
            self.lowered.insert((lo, hi), name);
        }
    }
}

impl<'a> Visit for Emitter<'a> {
    // ----- Types: deleted, never entered -----
    fn visit_ts_type_ann(&mut self, t: &TsTypeAnn) {
        self.delete(t.span);
    }
    fn visit_ts_type_param_decl(&mut self, t: &TsTypeParamDecl) {
        self.delete(t.span);
    }
    fn visit_ts_type_param_instantiation(&mut self, t: &TsTypeParamInstantiation) {
        self.delete(t.span);
    }
    fn visit_ts_type(&mut self, _: &TsType) {}
    fn visit_ts_expr_with_type_args(&mut self, _: &TsExprWithTypeArgs) {}

    // ----- Statements -----
    fn visit_module_items(&mut self, items: &[ModuleItem]) {
        // Namespace bodies (the file's items are walked by `Emitter::module`).
        self.statement_list(items);
    }

    fn visit_module_item(&mut self, item: &ModuleItem) {
        // Inside a namespace body.
        match item {
            ModuleItem::Stmt(s) => s.visit_with(self),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => {
                let decl: &Decl = &e.decl;
                self.declaration_in_namespace(decl, e.span);
            }
            ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(decl)) => {
                if let TsModuleRef::TsEntityName(name) = &decl.module_ref {
                    let ns = self.namespaces.last().map(|n| n.name.clone()).unwrap_or_default();
                    let value = entity_text(name);
                    let text = if decl.is_export {
                        format!("{ns}.{} = {value};", decl.id.sym)
                    } else {
                        format!("var {} = {value};", decl.id.sym)
                    };
                    let (lo, hi) = self.range(decl.span);
                    self.p.replace(lo, hi, text);
                } else {
                    self.delete(decl.span);
                }
            }
            ModuleItem::ModuleDecl(other) => self.delete(other.span()),
        }
    }

    fn visit_stmts(&mut self, stmts: &[Stmt]) {
        self.statement_list(stmts);
    }

    fn visit_stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Decl(decl) => {
                self.declaration_dyn(decl, stmt.span());
            }
            Stmt::Expr(e) => {
                let lo = self.lo(e.expr.span());
                self.stmt_starts.insert(lo);
                self.set_slot(&e.expr, Slot::Sequence);
                e.expr.visit_with(self);
                if self.wrap_statements.remove(&lo) {
                    let text = format!("({})", self.render(e.expr.span()));
                    let hi = self.hi(e.expr.span());
                    self.p.replace(lo, hi, text);
                }
                self.ensure_semicolon(e.span);
            }
            Stmt::Return(_)
            | Stmt::Throw(_)
            | Stmt::Break(_)
            | Stmt::Continue(_)
            | Stmt::Debugger(_)
            | Stmt::DoWhile(_) => {
                stmt.visit_children_with(self);
                self.ensure_semicolon(stmt.span());
            }
            _ => stmt.visit_children_with(self),
        }
    }

    fn visit_switch_case(&mut self, c: &SwitchCase) {
        if let Some(test) = &c.test {
            test.visit_with(self);
        }
        self.statement_list(&c.cons);
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if d.definite {
            if let Pat::Ident(id) = &d.name {
                let hi = self.hi(id.id.span);
                self.delete_marker_after(hi, b"!");
            }
        }
        d.visit_children_with(self);
    }

    // ----- Expressions -----
    fn visit_expr(&mut self, expr: &Expr) {
        let lowered = self.take_lowered(expr);
        match expr {
            Expr::TsAs(x) => {
                let slot = self.slot_for(expr);
                self.set_slot(&x.expr, slot);
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            Expr::TsSatisfies(x) => {
                let slot = self.slot_for(expr);
                self.set_slot(&x.expr, slot);
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            Expr::TsConstAssertion(x) => {
                let slot = self.slot_for(expr);
                self.set_slot(&x.expr, slot);
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            Expr::TsNonNull(x) => {
                let slot = self.slot_for(expr);
                self.set_slot(&x.expr, slot);
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            Expr::TsTypeAssertion(x) => {
                let slot = self.slot_for(expr);
                self.set_slot(&x.expr, slot);
                let (lo, hi) = (self.lo(x.span), self.lo(x.expr.span()));
                self.p.delete(lo, hi);
                x.expr.visit_with(self);
            }
            Expr::TsInstantiation(x) => {
                // tsc prints an instantiation expression `f<T>` as `(f)`.
                self.set_slot(&x.expr, Slot::Sequence);
                x.expr.visit_with(self);
                let text = format!("({})", self.render(x.expr.span()));
                let (lo, hi) = self.range(x.span);
                self.p.replace(lo, hi, text);
            }
            Expr::Paren(p) => self.paren(p),
            Expr::Ident(ident) => {
                if let Some(text) = self.qualified_reference(ident) {
                    let (lo, hi) = self.range(ident.span);
                    self.p.replace(lo, hi, text);
                }
            }
            Expr::Member(m) => {
                if !self.const_enum_access(m) {
                    self.set_slot(&m.obj, Slot::Access);
                    m.visit_children_with(self);
                }
            }
            Expr::Call(c) => {
                if let Callee::Expr(callee) = &c.callee {
                    self.set_slot(callee, Slot::Callee);
                }
                c.visit_children_with(self);
                if let Some(last) = c.args.last() {
                    self.delete_trailing_comma(self.hi(last.span()));
                }
            }
            Expr::New(n) => {
                self.set_slot(&n.callee, Slot::NewCallee);
                n.visit_children_with(self);
                if let Some(last) = n.args.as_ref().and_then(|a| a.last()) {
                    self.delete_trailing_comma(self.hi(last.span()));
                }
            }
            Expr::TaggedTpl(t) => {
                self.set_slot(&t.tag, Slot::Access);
                t.visit_children_with(self);
            }
            Expr::Bin(b) => {
                self.set_slot(&b.left, Slot::BinaryLeft(b.op));
                self.set_slot(&b.right, Slot::BinaryRight(b.op));
                b.visit_children_with(self);
            }
            Expr::Unary(u) => {
                self.set_slot(&u.arg, Slot::Unary);
                u.visit_children_with(self);
            }
            Expr::Update(u) => {
                self.set_slot(&u.arg, Slot::Unary);
                u.visit_children_with(self);
            }
            Expr::Await(a) => {
                self.set_slot(&a.arg, Slot::Unary);
                a.visit_children_with(self);
            }
            Expr::Cond(c) => {
                self.set_slot(&c.test, Slot::ConditionTest);
                c.visit_children_with(self);
            }
            Expr::Seq(s) => {
                for e in &s.exprs {
                    self.set_slot(e, Slot::Sequence);
                }
                s.visit_children_with(self);
            }
            Expr::OptChain(o) => {
                match &*o.base {
                    OptChainBase::Member(m) => self.set_slot(&m.obj, Slot::Access),
                    OptChainBase::Call(c) => self.set_slot(&c.callee, Slot::Callee),
                }
                o.visit_children_with(self);
                if let OptChainBase::Call(c) = &*o.base {
                    if let Some(last) = c.args.last() {
                        self.delete_trailing_comma(self.hi(last.span()));
                    }
                }
            }
            Expr::Arrow(a) => self.arrow(a),
            Expr::JSXElement(_)
            | Expr::JSXFragment(_)
            | Expr::JSXMember(_)
            | Expr::JSXNamespacedName(_)
            | Expr::JSXEmpty(_) => {
                self.unsupported(expr.span(), "JSX", "compile .tsx files with another tool");
            }
            _ => expr.visit_children_with(self),
        }
        self.emit_lowered(lowered);
    }

    fn visit_prop(&mut self, prop: &Prop) {
        match prop {
            Prop::Shorthand(ident) => {
                if let Some(text) = self.qualified_reference(ident) {
                    let (lo, hi) = self.range(ident.span);
                    self.p.replace(lo, hi, format!("{}: {text}", ident.sym));
                }
            }
            Prop::Method(m) => {
                if m.function.body.is_none() {
                    self.delete(prop.span());
                    return;
                }
                prop.visit_children_with(self);
            }
            _ => prop.visit_children_with(self),
        }
    }

    fn visit_simple_assign_target(&mut self, t: &SimpleAssignTarget) {
        match t {
            SimpleAssignTarget::Ident(b) => {
                if let Some(text) = self.qualified_reference(&b.id) {
                    let (lo, hi) = self.range(b.id.span);
                    self.p.replace(lo, hi, text);
                }
                if let Some(ann) = &b.type_ann {
                    self.delete(ann.span);
                }
            }
            SimpleAssignTarget::Paren(p) => self.paren(p),
            SimpleAssignTarget::TsAs(x) => {
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            SimpleAssignTarget::TsSatisfies(x) => {
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            SimpleAssignTarget::TsNonNull(x) => {
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            SimpleAssignTarget::TsTypeAssertion(x) => {
                let (lo, hi) = (self.lo(x.span), self.lo(x.expr.span()));
                self.p.delete(lo, hi);
                x.expr.visit_with(self);
            }
            SimpleAssignTarget::TsInstantiation(x) => {
                x.expr.visit_with(self);
                let (lo, hi) = (self.hi(x.expr.span()), self.hi(x.span));
                self.p.delete(lo, hi);
            }
            _ => t.visit_children_with(self),
        }
    }

    // ----- Functions and patterns -----
    fn visit_function(&mut self, f: &Function) {
        let skip_first = self.function_this_param(f);
        for d in &f.decorators {
            d.visit_with(self);
        }
        if let Some(t) = &f.type_params {
            self.delete(t.span);
        }
        for p in f.params.iter().skip(usize::from(skip_first)) {
            p.visit_with(self);
        }
        if let Some(t) = &f.return_type {
            self.delete(t.span);
        }
        if let Some(body) = &f.body {
            body.visit_with(self);
        }
        if let Some(last) = f.params.last() {
            self.delete_trailing_comma(self.hi(last.span));
        }
    }

    fn visit_binding_ident(&mut self, b: &BindingIdent) {
        if b.id.optional {
            match &b.type_ann {
                // The `?` sits before the annotation (swc's span of the name may cover both).
                Some(ann) => {
                    let before = syntax::skip_ws_back(self.src, self.lo(ann.span) as usize);
                    if before > 0 && self.src.as_bytes().get(before - 1) == Some(&b'?') {
                        self.p.delete(before as u32 - 1, before as u32);
                    }
                }
                None => {
                    let hi = self.hi(b.id.span);
                    self.delete_marker_after(hi, b"?");
                }
            }
        }
        b.visit_children_with(self);
    }

    fn visit_array_pat(&mut self, a: &ArrayPat) {
        if a.optional {
            let hi = self.hi(a.span);
            self.optional_pattern_marker(hi, a.type_ann.as_deref());
        }
        a.visit_children_with(self);
    }

    fn visit_object_pat(&mut self, o: &ObjectPat) {
        if o.optional {
            let hi = self.hi(o.span);
            self.optional_pattern_marker(hi, o.type_ann.as_deref());
        }
        o.visit_children_with(self);
    }

    fn visit_decorator(&mut self, d: &Decorator) {
        let lo = self.lo(d.span);
        if self.removed_decorators.contains(&lo) {
            self.delete(d.span);
            return;
        }
        if !self.opts.experimental_decorators {
            self.unsupported(
                d.span,
                "an ECMAScript decorator",
                "ECMAScript decorators are not lowered: enable `experimentalDecorators` (legacy decorators are emitted with `__decorate`)",
            );
        }
        d.visit_children_with(self);
    }

    fn visit_class(&mut self, class: &Class) {
        self.class(class);
    }

    fn visit_class_expr(&mut self, c: &ClassExpr) {
        c.class.visit_with(self);
        if self.opts.experimental_decorators && self.has_kept_decorators(&c.class) {
            self.unsupported(c.class.span, "a decorated class expression", "declare the class with a class statement");
        }
    }

    fn visit_ts_enum_decl(&mut self, _: &TsEnumDecl) {}
    fn visit_ts_module_decl(&mut self, _: &TsModuleDecl) {}
    fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}
    fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}
}

impl<'a> Emitter<'a> {
    fn slot_for(&self, e: &Expr) -> Slot {
        self.slots.get(&self.range(e.span())).copied().unwrap_or(Slot::Free)
    }

    /// Deletes a `this` parameter (swc keeps it as `this_param` or as a first parameter
    /// named `this`); returns whether the first of `f.params` was it.
    pub(crate) fn function_this_param(&mut self, f: &Function) -> bool {
        let (range, first_is_this) = match (&f.this_param, f.params.first()) {
            (Some(this), first) => {
                (Some((self.lo(this.span), self.hi(this.span), first.map(|p| self.lo(p.span)))), false)
            }
            (None, Some(first)) if matches!(&first.pat, Pat::Ident(b) if b.id.sym == "this") => {
                (Some((self.lo(first.span), self.hi(first.span), f.params.get(1).map(|p| self.lo(p.span)))), true)
            }
            _ => (None, false),
        };
        if let Some((lo, hi, next)) = range {
            let end = match next {
                Some(next) => next,
                None => {
                    let pos = syntax::skip_trivia(self.src, hi as usize);
                    if self.src.as_bytes().get(pos) == Some(&b',') {
                        pos as u32 + 1
                    } else {
                        hi
                    }
                }
            };
            self.p.delete(lo, end);
        }
        first_is_this
    }

    /// `function f({a}?: T)`: the `?` sits between the pattern and its annotation.
    fn optional_pattern_marker(&mut self, pattern_hi: u32, ann: Option<&TsTypeAnn>) {
        let search_from = match ann {
            Some(ann) => {
                // The pattern's span may include its annotation: look before it.
                let ann_lo = self.lo(ann.span);
                let before = syntax::skip_ws_back(self.src, ann_lo as usize);
                if self.src.as_bytes().get(before.wrapping_sub(1)) == Some(&b'?') {
                    self.p.delete(before as u32 - 1, before as u32);
                }
                return;
            }
            None => pattern_hi,
        };
        self.delete_marker_after(search_from, b"?");
    }

    /// A declaration statement found by the generic walk (inside functions and blocks).
    fn declaration_dyn(&mut self, decl: &Decl, span: swc_common::Span) {
        self.declaration(decl, span, false);
    }

    fn declaration_in_namespace(&mut self, decl: &Decl, span: swc_common::Span) {
        self.declaration(decl, span, true);
    }
}

fn entity_text(name: &TsEntityName) -> String {
    match name {
        TsEntityName::Ident(i) => i.sym.to_string(),
        TsEntityName::TsQualifiedName(q) => format!("{}.{}", entity_text(&q.left), q.right.sym),
    }
}
