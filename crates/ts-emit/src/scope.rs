//! Name resolution for value references, as far as emit needs it: which identifiers in value
//! positions refer to an import (import elision), to an exported variable of an enclosing
//! namespace (`a` becomes `N.a`), to a member of the enum being initialised (`A` becomes
//! `E.A`), to an enum, or to a `const` variable (enum constant folding).
//!
//! Types are never visited: a name used only in type positions (annotations, `typeof x` type
//! queries, `implements`, type arguments) is not a value use, as in tsc. Decorators are
//! visited: their expressions are value uses even when the caller removes the decorators.

use std::collections::HashMap;

use swc_atoms::Atom;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

/// Index into [`Resolution::bindings`].
pub(crate) type BindingId = usize;

#[derive(Debug)]
pub(crate) enum BindingKind<'a> {
    /// A top-level import binding: `(index of the import in module.body, index of the specifier)`
    /// (`usize::MAX` for a default import; the namespace import is specifier 0 of its clause).
    Import {
        item: usize,
        specifier: usize,
    },
    /// `import x = ...` at the top level.
    ImportEquals {
        item: usize,
    },
    /// An exported variable of a namespace, referenced through the namespace object.
    NamespaceVar {
        namespace: Atom,
    },
    /// A member of an enum, inside that enum's initialisers.
    EnumMember {
        enum_name: Atom,
    },
    /// An enum (all its declarations in one scope).
    Enum {
        decls: Vec<&'a TsEnumDecl>,
    },
    /// A `const` variable with an initializer (for enum constant folding).
    Const {
        init: &'a Expr,
        typed: bool,
        decl_lo: u32,
    },
    /// A declaration that is only a type (interface, type alias): no value.
    TypeOnly,
    Local,
}

#[derive(Debug)]
pub(crate) struct Binding<'a> {
    pub kind: BindingKind<'a>,
    /// Number of value references.
    pub uses: u32,
}

/// The result of resolving one module.
#[derive(Debug, Default)]
pub(crate) struct Resolution<'a> {
    pub bindings: Vec<Binding<'a>>,
    /// Value references by the identifier's `lo`.
    pub refs: HashMap<u32, BindingId>,
    /// The module scope's bindings by name.
    pub top_level: HashMap<Atom, BindingId>,
    /// Bindings named by `export { x }` or `export default x`: uses only if `x` is a value.
    pub exported: Vec<BindingId>,
    /// Class declaration bindings by the `lo` of the class name.
    pub declarations: HashMap<u32, BindingId>,
    /// Import bindings by `(item, specifier)`.
    pub imports: HashMap<(usize, usize), BindingId>,
}

impl<'a> Resolution<'a> {
    pub fn resolve(module: &'a Module) -> Resolution<'a> {
        let mut r = Resolver {
            res: Resolution::default(),
            scopes: Vec::new(),
            in_assign_target: false,
            top_namespace_exports: HashMap::new(),
        };
        r.module(module);
        r.res
    }

    pub fn binding_at(&self, ident_lo: u32) -> Option<&Binding<'a>> {
        self.refs.get(&ident_lo).map(|&id| &self.bindings[id])
    }

    /// The number of value uses of the import binding `(item, specifier)`.
    pub fn import_uses(&self, item: usize, specifier: usize) -> u32 {
        self.imports.get(&(item, specifier)).map_or(0, |&id| self.bindings[id].uses)
    }

    /// Whether the import binding `(item, specifier)` is re-exported (`export { x }`).
    pub fn import_exported(&self, item: usize, specifier: usize) -> bool {
        self.imports.get(&(item, specifier)).is_some_and(|id| self.exported.contains(id))
    }

    pub fn import_equals_used(&self, item: usize) -> bool {
        self.bindings.iter().any(|b| matches!(b.kind, BindingKind::ImportEquals { item: i } if i == item) && b.uses > 0)
    }
}

struct Scope {
    names: HashMap<Atom, BindingId>,
    function: bool,
}

struct Resolver<'a> {
    res: Resolution<'a>,
    scopes: Vec<Scope>,
    in_assign_target: bool,
    /// Exported variables of the top-level namespaces, over all their declarations.
    top_namespace_exports: HashMap<Atom, Vec<Atom>>,
}

impl<'a> Resolver<'a> {
    fn push(&mut self, function: bool) {
        self.scopes.push(Scope { names: HashMap::new(), function });
    }

    fn pop(&mut self) {
        self.scopes.pop();
    }

    fn declare(&mut self, name: &Atom, kind: BindingKind<'a>) -> BindingId {
        let id = self.res.bindings.len();
        self.res.bindings.push(Binding { kind, uses: 0 });
        if let Some(scope) = self.scopes.last_mut() {
            scope.names.insert(name.clone(), id);
        }
        id
    }

    /// Declares in the nearest function scope (`var`, hoisted).
    fn declare_var(&mut self, name: &Atom) {
        let id = self.res.bindings.len();
        self.res.bindings.push(Binding { kind: BindingKind::Local, uses: 0 });
        if let Some(scope) = self.scopes.iter_mut().rev().find(|s| s.function) {
            scope.names.entry(name.clone()).or_insert(id);
        }
    }

    fn lookup(&self, name: &Atom) -> Option<BindingId> {
        self.scopes.iter().rev().find_map(|s| s.names.get(name).copied())
    }

    fn reference(&mut self, ident: &Ident) {
        if let Some(id) = self.lookup(&ident.sym) {
            self.res.bindings[id].uses += 1;
            self.res.refs.insert(ident.span.lo.0, id);
        }
    }

    fn export_reference(&mut self, ident: &Ident) {
        match self.lookup(&ident.sym) {
            Some(id) if matches!(self.res.bindings[id].kind, BindingKind::Import { .. }) => self.res.exported.push(id),
            _ => self.reference(ident),
        }
    }

    fn module(&mut self, module: &'a Module) {
        self.push(true);
        for (index, item) in module.body.iter().enumerate() {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                    for (s, specifier) in import.specifiers.iter().enumerate() {
                        let (local, specifier_index) = match specifier {
                            ImportSpecifier::Named(n) => (&n.local, s),
                            ImportSpecifier::Default(d) => (&d.local, usize::MAX),
                            ImportSpecifier::Namespace(n) => (&n.local, s),
                        };
                        let id =
                            self.declare(&local.sym, BindingKind::Import { item: index, specifier: specifier_index });
                        self.res.top_level.insert(local.sym.clone(), id);
                        self.res.imports.insert((index, specifier_index), id);
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(decl)) => {
                    let id = self.declare(&decl.id.sym, BindingKind::ImportEquals { item: index });
                    self.res.top_level.insert(decl.id.sym.clone(), id);
                }
                _ => {}
            }
        }
        for decl in module.body.iter().filter_map(module_item_decl) {
            if let Decl::TsModule(m) = decl {
                if let (TsModuleName::Ident(id), Some(TsNamespaceBody::TsModuleBlock(block))) = (&m.id, &m.body) {
                    if !m.declare {
                        let names = self.top_namespace_exports.entry(id.sym.clone()).or_default();
                        block_export_vars(block, names);
                    }
                }
            }
        }
        let stmts: Vec<&'a Stmt> = module.body.iter().filter_map(module_item_stmt).collect();
        self.hoist_vars_in(&stmts);
        self.declare_lexical(module.body.iter().filter_map(module_item_decl));
        for item in &module.body {
            if let ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                decl: DefaultDecl::Class(ClassExpr { ident: Some(ident), .. }),
                ..
            })) = item
            {
                let id = self.declare(&ident.sym, BindingKind::Local);
                self.res.declarations.insert(ident.span.lo.0, id);
            }
        }
        for (name, &id) in &self.scopes[0].names {
            self.res.top_level.entry(name.clone()).or_insert(id);
        }
        for item in &module.body {
            item.visit_with(self);
        }
        self.pop();
    }

    /// Declares the block-scoped declarations of a statement list in the current scope.
    fn declare_lexical(&mut self, decls: impl Iterator<Item = &'a Decl>) {
        let mut enums: Vec<(Atom, Vec<&'a TsEnumDecl>)> = Vec::new();
        for decl in decls {
            match decl {
                Decl::Class(c) if !c.declare => {
                    let id = self.declare(&c.ident.sym, BindingKind::Local);
                    self.res.declarations.insert(c.ident.span.lo.0, id);
                }
                Decl::Fn(f) if !f.declare => {
                    self.declare(&f.ident.sym, BindingKind::Local);
                }
                Decl::Var(v) if v.kind != VarDeclKind::Var && !v.declare => {
                    for d in &v.decls {
                        let mut names = Vec::new();
                        pat_names(&d.name, &mut names);
                        for name in names {
                            let kind = match (&d.name, &d.init, v.kind) {
                                (Pat::Ident(id), Some(init), VarDeclKind::Const) => {
                                    BindingKind::Const { init, typed: id.type_ann.is_some(), decl_lo: d.span.lo.0 }
                                }
                                _ => BindingKind::Local,
                            };
                            self.declare(&name, kind);
                        }
                    }
                }
                Decl::Using(u) => {
                    for d in &u.decls {
                        let mut names = Vec::new();
                        pat_names(&d.name, &mut names);
                        for name in names {
                            self.declare(&name, BindingKind::Local);
                        }
                    }
                }
                Decl::TsEnum(e) if !e.declare => match enums.iter_mut().find(|(n, _)| *n == e.id.sym) {
                    Some((_, decls)) => decls.push(e),
                    None => enums.push((e.id.sym.clone(), vec![e])),
                },
                Decl::TsModule(m) if !m.declare => {
                    if let TsModuleName::Ident(id) = &m.id {
                        if self.scopes.last().is_some_and(|s| !s.names.contains_key(&id.sym)) {
                            self.declare(&id.sym, BindingKind::Local);
                        }
                    }
                }
                Decl::TsInterface(i) if self.scopes.last().is_some_and(|s| !s.names.contains_key(&i.id.sym)) => {
                    self.declare(&i.id.sym, BindingKind::TypeOnly);
                }
                Decl::TsTypeAlias(t) if self.scopes.last().is_some_and(|s| !s.names.contains_key(&t.id.sym)) => {
                    self.declare(&t.id.sym, BindingKind::TypeOnly);
                }
                _ => {}
            }
        }
        for (name, decls) in enums {
            self.declare(&name, BindingKind::Enum { decls });
        }
    }

    /// Declares the `var`s of a function body (not of nested functions) in the function scope.
    fn hoist_vars_in(&mut self, stmts: &[&'a Stmt]) {
        let mut names = Vec::new();
        for stmt in stmts {
            collect_vars(stmt, &mut names);
        }
        for name in names {
            if self.lookup_current_function(&name).is_none() {
                self.declare_var(&name);
            }
        }
    }

    fn lookup_current_function(&self, name: &Atom) -> Option<BindingId> {
        for scope in self.scopes.iter().rev() {
            if let Some(&id) = scope.names.get(name) {
                return Some(id);
            }
            if scope.function {
                break;
            }
        }
        None
    }
}

fn module_item_stmt(item: &ModuleItem) -> Option<&Stmt> {
    match item {
        ModuleItem::Stmt(s) => Some(s),
        _ => None,
    }
}

fn module_item_decl(item: &ModuleItem) -> Option<&Decl> {
    match item {
        ModuleItem::Stmt(Stmt::Decl(d)) => Some(d),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => Some(&e.decl),
        _ => None,
    }
}

/// The names of the exported variables of a namespace block.
fn block_export_vars(block: &TsModuleBlock, out: &mut Vec<Atom>) {
    for item in &block.body {
        if let ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl: Decl::Var(v), .. })) = item {
            if !v.declare {
                for d in &v.decls {
                    pat_names(&d.name, out);
                }
            }
        }
    }
}

/// Whether a binding pattern declares `name`.
pub(crate) fn pat_declares(pat: &Pat, name: &str) -> bool {
    let mut names = Vec::new();
    pat_names(pat, &mut names);
    names.iter().any(|n| n == name)
}

/// The names a binding pattern declares.
pub(crate) fn pat_names(pat: &Pat, out: &mut Vec<Atom>) {
    match pat {
        Pat::Ident(id) => out.push(id.id.sym.clone()),
        Pat::Array(a) => a.elems.iter().flatten().for_each(|p| pat_names(p, out)),
        Pat::Object(o) => {
            for prop in &o.props {
                match prop {
                    ObjectPatProp::KeyValue(kv) => pat_names(&kv.value, out),
                    ObjectPatProp::Assign(a) => out.push(a.key.id.sym.clone()),
                    ObjectPatProp::Rest(r) => pat_names(&r.arg, out),
                }
            }
        }
        Pat::Rest(r) => pat_names(&r.arg, out),
        Pat::Assign(a) => pat_names(&a.left, out),
        Pat::Expr(_) | Pat::Invalid(_) => {}
    }
}

/// `var` names declared by a statement, not looking into nested functions.
fn collect_vars(stmt: &Stmt, out: &mut Vec<Atom>) {
    struct Vars<'o> {
        out: &'o mut Vec<Atom>,
    }
    impl Visit for Vars<'_> {
        fn visit_var_decl(&mut self, v: &VarDecl) {
            if v.kind == VarDeclKind::Var {
                for d in &v.decls {
                    pat_names(&d.name, self.out);
                }
            }
        }
        fn visit_function(&mut self, _: &Function) {}
        fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
        fn visit_class(&mut self, _: &Class) {}
        fn visit_expr(&mut self, _: &Expr) {}
        fn visit_ts_module_decl(&mut self, _: &TsModuleDecl) {}
    }
    stmt.visit_with(&mut Vars { out });
}

impl<'a> Visit for Resolver<'a> {
    // Types are not value uses.
    fn visit_ts_type(&mut self, _: &TsType) {}
    fn visit_ts_type_ann(&mut self, _: &TsTypeAnn) {}
    fn visit_ts_type_param_decl(&mut self, _: &TsTypeParamDecl) {}
    fn visit_ts_type_param_instantiation(&mut self, _: &TsTypeParamInstantiation) {}
    fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}
    fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}
    fn visit_ts_expr_with_type_args(&mut self, _: &TsExprWithTypeArgs) {}
    fn visit_ts_index_signature(&mut self, _: &TsIndexSignature) {}

    fn visit_decl(&mut self, decl: &Decl) {
        let ambient = match decl {
            Decl::Class(c) => c.declare,
            Decl::Fn(f) => f.declare,
            Decl::Var(v) => v.declare,
            Decl::TsEnum(e) => e.declare,
            Decl::TsModule(m) => m.declare,
            _ => false,
        };
        if !ambient {
            decl.visit_children_with(self);
        }
    }

    fn visit_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Ident(ident) => self.reference(ident),
            _ => expr.visit_children_with(self),
        }
    }

    fn visit_prop(&mut self, prop: &Prop) {
        match prop {
            Prop::Shorthand(ident) => self.reference(ident),
            _ => prop.visit_children_with(self),
        }
    }

    fn visit_simple_assign_target(&mut self, target: &SimpleAssignTarget) {
        match target {
            SimpleAssignTarget::Ident(b) => self.reference(&b.id),
            _ => target.visit_children_with(self),
        }
    }

    fn visit_assign_target_pat(&mut self, pat: &AssignTargetPat) {
        let saved = std::mem::replace(&mut self.in_assign_target, true);
        pat.visit_children_with(self);
        self.in_assign_target = saved;
    }

    fn visit_binding_ident(&mut self, b: &BindingIdent) {
        if self.in_assign_target {
            self.reference(&b.id);
        }
    }

    fn visit_for_head(&mut self, head: &ForHead) {
        match head {
            ForHead::Pat(p) => {
                let saved = std::mem::replace(&mut self.in_assign_target, true);
                p.visit_with(self);
                self.in_assign_target = saved;
            }
            _ => head.visit_children_with(self),
        }
    }

    fn visit_param(&mut self, p: &Param) {
        let saved = std::mem::replace(&mut self.in_assign_target, false);
        p.visit_children_with(self);
        self.in_assign_target = saved;
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        let saved = std::mem::replace(&mut self.in_assign_target, false);
        d.visit_children_with(self);
        self.in_assign_target = saved;
    }

    fn visit_export_named_specifier(&mut self, s: &ExportNamedSpecifier) {
        if let ModuleExportName::Ident(ident) = &s.orig {
            // Only local exports reach here: re-exports (`from`) are skipped below.
            self.export_reference(ident);
        }
    }

    fn visit_named_export(&mut self, e: &NamedExport) {
        if e.src.is_none() && !e.type_only {
            e.visit_children_with(self);
        }
    }

    fn visit_import_decl(&mut self, _: &ImportDecl) {}

    fn visit_export_default_expr(&mut self, e: &ExportDefaultExpr) {
        match &*e.expr {
            Expr::Ident(ident) => self.export_reference(ident),
            _ => e.visit_children_with(self),
        }
    }

    fn visit_ts_import_equals_decl(&mut self, decl: &TsImportEqualsDecl) {
        if let TsModuleRef::TsEntityName(name) = &decl.module_ref {
            let mut name = name;
            while let TsEntityName::TsQualifiedName(q) = name {
                name = &q.left;
            }
            if let TsEntityName::Ident(ident) = name {
                self.reference(ident);
            }
        }
    }

    fn visit_block_stmt(&mut self, block: &BlockStmt) {
        let stmts: &[Stmt] = &block.stmts;
        self.push(false);
        let decls: Vec<&Decl> = stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Decl(d) => Some(d),
                _ => None,
            })
            .collect();
        self.declare_lexical_dyn(&decls);
        for stmt in stmts {
            stmt.visit_with(self);
        }
        self.pop();
    }

    fn visit_switch_stmt(&mut self, s: &SwitchStmt) {
        s.discriminant.visit_with(self);
        self.push(false);
        let decls: Vec<&Decl> = s
            .cases
            .iter()
            .flat_map(|c| c.cons.iter())
            .filter_map(|s| match s {
                Stmt::Decl(d) => Some(d),
                _ => None,
            })
            .collect();
        self.declare_lexical_dyn(&decls);
        for case in &s.cases {
            case.visit_with(self);
        }
        self.pop();
    }

    fn visit_for_stmt(&mut self, s: &ForStmt) {
        self.push(false);
        if let Some(VarDeclOrExpr::VarDecl(v)) = &s.init {
            self.declare_var_decl_dyn(v);
        }
        s.visit_children_with(self);
        self.pop();
    }

    fn visit_for_in_stmt(&mut self, s: &ForInStmt) {
        self.push(false);
        if let ForHead::VarDecl(v) = &s.left {
            self.declare_var_decl_dyn(v);
        }
        s.visit_children_with(self);
        self.pop();
    }

    fn visit_for_of_stmt(&mut self, s: &ForOfStmt) {
        self.push(false);
        if let ForHead::VarDecl(v) = &s.left {
            self.declare_var_decl_dyn(v);
        }
        s.visit_children_with(self);
        self.pop();
    }

    fn visit_catch_clause(&mut self, c: &CatchClause) {
        self.push(false);
        if let Some(p) = &c.param {
            let mut names = Vec::new();
            pat_names(p, &mut names);
            for n in names {
                self.declare(&n, BindingKind::Local);
            }
        }
        c.body.visit_with(self);
        self.pop();
    }

    fn visit_function(&mut self, f: &Function) {
        for d in &f.decorators {
            d.visit_with(self);
        }
        self.function_dyn(&f.params, f.body.as_ref());
    }

    fn visit_fn_expr(&mut self, f: &FnExpr) {
        self.push(false);
        if let Some(id) = &f.ident {
            self.declare(&id.sym, BindingKind::Local);
        }
        f.function.visit_with(self);
        self.pop();
    }

    fn visit_export_default_decl(&mut self, d: &ExportDefaultDecl) {
        // The name of `export default class C` is declared in the module scope.
        match &d.decl {
            DefaultDecl::Class(c) if c.ident.is_some() => c.class.visit_with(self),
            _ => d.visit_children_with(self),
        }
    }

    fn visit_class_expr(&mut self, c: &ClassExpr) {
        self.push(false);
        if let Some(id) = &c.ident {
            self.declare(&id.sym, BindingKind::Local);
        }
        c.class.visit_with(self);
        self.pop();
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        self.push(true);
        for p in &a.params {
            let mut names = Vec::new();
            pat_names(p, &mut names);
            for n in names {
                self.declare(&n, BindingKind::Local);
            }
        }
        let saved = std::mem::replace(&mut self.in_assign_target, false);
        for p in &a.params {
            p.visit_with(self);
        }
        self.in_assign_target = saved;
        match &*a.body {
            ArrowFunctionBody::FunctionBody(b) => {
                self.hoist_block_vars_dyn(&b.stmts);
                let decls: Vec<&Decl> = b
                    .stmts
                    .iter()
                    .filter_map(|s| match s {
                        Stmt::Decl(d) => Some(d),
                        _ => None,
                    })
                    .collect();
                self.declare_lexical_dyn(&decls);
                for s in &b.stmts {
                    s.visit_with(self);
                }
            }
            ArrowFunctionBody::Expr(e) => e.visit_with(self),
        }
        self.pop();
    }

    fn visit_constructor(&mut self, c: &Constructor) {
        self.push(true);
        for p in &c.params {
            match p {
                ParamOrTsParamProp::Param(p) => {
                    let mut names = Vec::new();
                    pat_names(&p.pat, &mut names);
                    for n in names {
                        self.declare(&n, BindingKind::Local);
                    }
                }
                ParamOrTsParamProp::TsParamProp(pp) => {
                    let name = match &pp.param {
                        TsParamPropParam::Ident(b) => b.id.sym.clone(),
                        TsParamPropParam::Assign(a) => match &*a.left {
                            Pat::Ident(b) => b.id.sym.clone(),
                            _ => continue,
                        },
                    };
                    self.declare(&name, BindingKind::Local);
                }
            }
        }
        if let Some(body) = &c.body {
            self.hoist_block_vars_dyn(&body.stmts);
            let decls: Vec<&Decl> = body
                .stmts
                .iter()
                .filter_map(|s| match s {
                    Stmt::Decl(d) => Some(d),
                    _ => None,
                })
                .collect();
            self.declare_lexical_dyn(&decls);
        }
        let saved = std::mem::replace(&mut self.in_assign_target, false);
        for p in &c.params {
            p.visit_with(self);
        }
        self.in_assign_target = saved;
        if let Some(body) = &c.body {
            for s in &body.stmts {
                s.visit_with(self);
            }
        }
        self.pop();
    }

    fn visit_static_block(&mut self, b: &StaticBlock) {
        self.push(true);
        self.hoist_block_vars_dyn(&b.body.stmts);
        let decls: Vec<&Decl> = b
            .body
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Decl(d) => Some(d),
                _ => None,
            })
            .collect();
        self.declare_lexical_dyn(&decls);
        for s in &b.body.stmts {
            s.visit_with(self);
        }
        self.pop();
    }

    fn visit_ts_enum_decl(&mut self, e: &TsEnumDecl) {
        if e.declare {
            return;
        }
        self.push(false);
        // Members of every declaration of this enum in the enclosing scope.
        let decls: Vec<Atom> = match self.lookup(&e.id.sym).map(|id| &self.res.bindings[id].kind) {
            Some(BindingKind::Enum { decls }) => {
                decls.iter().flat_map(|d| d.members.iter().map(|m| enum_member_name(&m.id))).collect()
            }
            _ => e.members.iter().map(|m| enum_member_name(&m.id)).collect(),
        };
        for name in decls {
            self.declare(&name, BindingKind::EnumMember { enum_name: e.id.sym.clone() });
        }
        for m in &e.members {
            if let Some(init) = &m.init {
                init.visit_with(self);
            }
        }
        self.pop();
    }

    fn visit_ts_module_decl(&mut self, m: &TsModuleDecl) {
        if m.declare || m.global {
            return;
        }
        let TsModuleName::Ident(id) = &m.id else {
            return;
        };
        let exported = self.namespace_export_names(&id.sym, m);
        self.namespace_body(&id.sym, m.body.as_ref(), exported);
    }
}

/// An enum member's name as a string.
pub(crate) fn enum_member_name(id: &TsEnumMemberId) -> Atom {
    match id {
        TsEnumMemberId::Ident(i) => i.sym.clone(),
        TsEnumMemberId::Str(s) => Atom::from(s.value.to_string_lossy().as_ref()),
    }
}

/// The `'_` variants: the Visit trait hands out references without the module's lifetime, so
/// bindings found inside nested scopes cannot keep `&'a` data; they are recorded as plain locals
/// (only module-level constants and enums feed constant folding).
impl Resolver<'_> {
    fn declare_lexical_dyn(&mut self, decls: &[&Decl]) {
        let mut enum_names: Vec<Atom> = Vec::new();
        for decl in decls {
            match decl {
                Decl::Class(c) if !c.declare => {
                    let id = self.declare(&c.ident.sym, BindingKind::Local);
                    self.res.declarations.insert(c.ident.span.lo.0, id);
                }
                Decl::Fn(f) if !f.declare => {
                    self.declare(&f.ident.sym, BindingKind::Local);
                }
                Decl::Var(v) if v.kind != VarDeclKind::Var && !v.declare => self.declare_var_decl_dyn(v),
                Decl::Using(u) => {
                    for d in &u.decls {
                        let mut names = Vec::new();
                        pat_names(&d.name, &mut names);
                        for n in names {
                            self.declare(&n, BindingKind::Local);
                        }
                    }
                }
                Decl::TsEnum(e) if !e.declare && !enum_names.contains(&e.id.sym) => {
                    enum_names.push(e.id.sym.clone());
                    self.declare(&e.id.sym, BindingKind::Local);
                }
                Decl::TsModule(m) if !m.declare => {
                    if let TsModuleName::Ident(id) = &m.id {
                        self.declare(&id.sym, BindingKind::Local);
                    }
                }
                _ => {}
            }
        }
    }

    fn declare_var_decl_dyn(&mut self, v: &VarDecl) {
        if v.kind == VarDeclKind::Var {
            return;
        }
        for d in &v.decls {
            let mut names = Vec::new();
            pat_names(&d.name, &mut names);
            for n in names {
                self.declare(&n, BindingKind::Local);
            }
        }
    }

    fn hoist_block_vars_dyn(&mut self, stmts: &[Stmt]) {
        let mut names = Vec::new();
        for s in stmts {
            collect_vars(s, &mut names);
        }
        for n in names {
            if self.lookup_current_function(&n).is_none() {
                self.declare_var(&n);
            }
        }
    }

    fn function_dyn(&mut self, params: &[Param], body: Option<&FunctionBody>) {
        self.push(true);
        for p in params {
            let mut names = Vec::new();
            pat_names(&p.pat, &mut names);
            for n in names {
                self.declare(&n, BindingKind::Local);
            }
        }
        if let Some(body) = body {
            self.hoist_block_vars_dyn(&body.stmts);
            let decls: Vec<&Decl> = body
                .stmts
                .iter()
                .filter_map(|s| match s {
                    Stmt::Decl(d) => Some(d),
                    _ => None,
                })
                .collect();
            self.declare_lexical_dyn(&decls);
        }
        let saved = std::mem::replace(&mut self.in_assign_target, false);
        for p in params {
            p.visit_with(self);
        }
        self.in_assign_target = saved;
        if let Some(body) = body {
            for s in &body.stmts {
                s.visit_with(self);
            }
        }
        self.pop();
    }

    /// The exported variable names of namespace `name`: of every top-level declaration of it
    /// for a top-level namespace, else of this declaration.
    fn namespace_export_names(&self, name: &Atom, this: &TsModuleDecl) -> Vec<Atom> {
        if self.scopes.len() == 1 {
            if let Some(names) = self.top_namespace_exports.get(name) {
                return names.clone();
            }
        }
        let mut out = Vec::new();
        if let Some(TsNamespaceBody::TsModuleBlock(block)) = &this.body {
            block_export_vars(block, &mut out);
        }
        out
    }

    fn namespace_body(&mut self, name: &Atom, body: Option<&TsNamespaceBody>, exported: Vec<Atom>) {
        self.push(true);
        for n in &exported {
            self.declare(n, BindingKind::NamespaceVar { namespace: name.clone() });
        }
        match body {
            Some(TsNamespaceBody::TsModuleBlock(block)) => {
                let mut names = Vec::new();
                for item in &block.body {
                    if let ModuleItem::Stmt(s) = item {
                        collect_vars(s, &mut names);
                    }
                }
                for n in names {
                    if self.lookup_current_function(&n).is_none() {
                        self.declare_var(&n);
                    }
                }
                let decls: Vec<&Decl> = block
                    .body
                    .iter()
                    .filter_map(|item| match item {
                        ModuleItem::Stmt(Stmt::Decl(d)) => Some(d),
                        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                            decl: d @ (Decl::Class(_) | Decl::Fn(_) | Decl::TsEnum(_) | Decl::TsModule(_)),
                            ..
                        })) => Some(d),
                        _ => None,
                    })
                    .collect();
                self.declare_lexical_dyn(&decls);
                for item in &block.body {
                    item.visit_with(self);
                }
            }
            Some(TsNamespaceBody::TsNamespaceDecl(inner)) => {
                let inner_exports = self.namespace_export_names_inner(inner);
                self.namespace_body(&inner.id.sym, Some(&inner.body), inner_exports);
            }
            None => {}
        }
        self.pop();
    }

    fn namespace_export_names_inner(&self, decl: &TsNamespaceDecl) -> Vec<Atom> {
        let mut out = Vec::new();
        if let TsNamespaceBody::TsModuleBlock(block) = &*decl.body {
            block_export_vars(block, &mut out);
        }
        out
    }
}
