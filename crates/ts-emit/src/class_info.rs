//! Facts about a file's imports and classes for the Angular transform, from the same parse:
//! names, spans, heritage, decorators (to remove through [`crate::Edits`]) and constructor
//! parameters with their types as written.

use ngc_diagnostics::Span;
use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::parse::ParsedFile;

/// How an import binding is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportKind {
    /// `import x from "m"`
    Default,
    /// `import * as x from "m"`
    Namespace,
    /// `import { imported as x } from "m"`
    Named { imported: String },
}

/// One binding of a top-level import declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBinding {
    pub local: String,
    /// The local name's span (what [`crate::Edits::keep_imports`] takes).
    pub local_span: Span,
    pub module: String,
    pub kind: ImportKind,
    /// `import type {...}` or `import {type x}`.
    pub type_only: bool,
    /// Index of the import declaration in `module.body`.
    pub statement: usize,
}

/// A decorator: `@name`, `@name(...)`, `@ns.name(...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecoratorInfo {
    pub span: Span,
    /// The callee's last name (`Component` for `@Component(...)` and `@core.Component(...)`).
    pub name: Option<String>,
    /// The namespace of `@ns.name`.
    pub namespace: Option<String>,
    pub is_call: bool,
}

/// Where the leftmost name of a type reference comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeOrigin {
    /// An import binding: index into [`ParsedFile::imports`].
    Import(usize),
    /// Declared in this file at the top level.
    Local,
    /// Neither (a global such as `Document`, or a type parameter).
    Other,
}

/// A type reference `a.b.C<T>` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeReference {
    /// The entity name without type arguments (`a.b.C`).
    pub name: String,
    /// Its leftmost identifier (`a`).
    pub root: String,
    pub origin: TypeOrigin,
    pub span: Span,
}

/// A constructor parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstructorParam {
    /// The parameter's name (`None` for destructuring patterns).
    pub name: Option<String>,
    pub span: Span,
    /// The annotation's text after `:`, as written.
    pub type_annotation: Option<String>,
    /// The annotation when it is a type reference (`Foo`, `ns.Foo`, `Foo<T>`).
    pub type_reference: Option<TypeReference>,
    pub decorators: Vec<DecoratorInfo>,
    /// A parameter property (`private x: T`).
    pub is_property: bool,
}

/// A class member's decorators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDecorators {
    /// The member's name as written (`x`, `'x'`, `#x`, `[expr]`).
    pub name: String,
    pub span: Span,
    pub is_static: bool,
    pub decorators: Vec<DecoratorInfo>,
    /// Decorators of a method's parameters, with the parameter's index.
    pub parameters: Vec<(usize, DecoratorInfo)>,
}

/// A class declaration or expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassInfo {
    pub name: Option<String>,
    /// The class's span (what [`crate::Edits::class_members`] takes).
    pub span: Span,
    /// Index of the top-level statement that declares it (`None` for nested classes).
    pub statement: Option<usize>,
    pub exported: bool,
    pub default_export: bool,
    pub is_abstract: bool,
    /// The `extends` expression's text.
    pub extends: Option<String>,
    pub decorators: Vec<DecoratorInfo>,
    pub members: Vec<MemberDecorators>,
    /// The parameters of the constructor with a body, if the class declares one.
    pub constructor: Option<Vec<ConstructorParam>>,
}

impl ParsedFile {
    /// The bindings of the top-level import declarations, in order.
    pub fn imports(&self) -> Vec<ImportBinding> {
        let mut out = Vec::new();
        for (statement, item) in self.module.body.iter().enumerate() {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                continue;
            };
            let module = import.src.value.to_string_lossy().into_owned();
            for s in &import.specifiers {
                let (local, kind, type_only) = match s {
                    ImportSpecifier::Default(d) => (&d.local, ImportKind::Default, false),
                    ImportSpecifier::Namespace(n) => (&n.local, ImportKind::Namespace, false),
                    ImportSpecifier::Named(n) => {
                        let imported = match &n.imported {
                            Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                            Some(ModuleExportName::Str(s)) => s.value.to_string_lossy().into_owned(),
                            None => n.local.sym.to_string(),
                        };
                        (&n.local, ImportKind::Named { imported }, n.is_type_only)
                    }
                };
                out.push(ImportBinding {
                    local: local.sym.to_string(),
                    local_span: self.span(local.span),
                    module: module.clone(),
                    kind,
                    type_only: type_only || import.type_only,
                    statement,
                });
            }
        }
        out
    }

    /// Every class of the file (declarations and expressions, nested ones too), in source order.
    pub fn classes(&self) -> Vec<ClassInfo> {
        ngc_diagnostics::nesting::with_stack_for(self.depth, || self.classes_on_stack())
    }

    fn classes_on_stack(&self) -> Vec<ClassInfo> {
        let imports = self.imports();
        let mut collector = Classes { file: self, imports: &imports, out: Vec::new(), statement: None };
        for (index, item) in self.module.body.iter().enumerate() {
            collector.statement = Some(index);
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl: Decl::Class(c), .. })) => {
                    collector.add(Some(c.ident.sym.to_string()), &c.class, true, false);
                    collector.statement = None;
                    c.class.visit_children_with(&mut collector);
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                    decl: DefaultDecl::Class(c),
                    ..
                })) => {
                    collector.add(c.ident.as_ref().map(|i| i.sym.to_string()), &c.class, true, true);
                    collector.statement = None;
                    c.class.visit_children_with(&mut collector);
                }
                ModuleItem::Stmt(Stmt::Decl(Decl::Class(c))) => {
                    collector.add(Some(c.ident.sym.to_string()), &c.class, false, false);
                    collector.statement = None;
                    c.class.visit_children_with(&mut collector);
                }
                other => {
                    collector.statement = None;
                    other.visit_with(&mut collector);
                }
            }
        }
        collector.out.sort_by_key(|c| c.span.start);
        collector.out
    }

    fn decorator_info(&self, d: &Decorator) -> DecoratorInfo {
        let (callee, is_call) = match &*d.expr {
            Expr::Call(CallExpr { callee: Callee::Expr(callee), .. }) => (&**callee, true),
            other => (other, false),
        };
        let (name, namespace) = match callee {
            Expr::Ident(i) => (Some(i.sym.to_string()), None),
            Expr::Member(MemberExpr { obj, prop: MemberProp::Ident(p), .. }) => match &**obj {
                Expr::Ident(ns) => (Some(p.sym.to_string()), Some(ns.sym.to_string())),
                _ => (Some(p.sym.to_string()), None),
            },
            _ => (None, None),
        };
        DecoratorInfo { span: self.span(d.span), name, namespace, is_call }
    }
}

struct Classes<'f> {
    file: &'f ParsedFile,
    imports: &'f [ImportBinding],
    out: Vec<ClassInfo>,
    statement: Option<usize>,
}

impl Classes<'_> {
    fn add(&mut self, name: Option<String>, class: &Class, exported: bool, default_export: bool) {
        let file = self.file;
        let decorators = class.decorators.iter().map(|d| file.decorator_info(d)).collect();
        let mut members = Vec::new();
        let mut constructor = None;
        for member in &class.body {
            let (key, span, is_static, decs): (String, _, bool, &[Decorator]) = match member {
                ClassMember::ClassProp(p) => {
                    (file.snippet(p.key.span()).to_string(), p.span, p.is_static, &p.decorators)
                }
                ClassMember::PrivateProp(p) => {
                    (file.snippet(p.key.span).to_string(), p.span, p.is_static, &p.decorators)
                }
                ClassMember::Method(m) => {
                    (file.snippet(m.key.span()).to_string(), m.span, m.is_static, &m.function.decorators)
                }
                ClassMember::PrivateMethod(m) => {
                    (file.snippet(m.key.span).to_string(), m.span, m.is_static, &m.function.decorators)
                }
                ClassMember::AutoAccessor(a) => {
                    (file.snippet(a.key.span()).to_string(), a.span, a.is_static, &a.decorators)
                }
                ClassMember::Constructor(c) => {
                    if c.body.is_some() {
                        constructor = Some(c.params.iter().map(|p| self.param(p)).collect());
                    }
                    continue;
                }
                _ => continue,
            };
            let params: &[Param] = match member {
                ClassMember::Method(m) => &m.function.params,
                ClassMember::PrivateMethod(m) => &m.function.params,
                _ => &[],
            };
            let parameters: Vec<(usize, DecoratorInfo)> = params
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.decorators.iter().map(move |d| (i, file.decorator_info(d))))
                .collect();
            if !decs.is_empty() || !parameters.is_empty() {
                members.push(MemberDecorators {
                    name: key,
                    span: file.span(span),
                    is_static,
                    decorators: decs.iter().map(|d| file.decorator_info(d)).collect(),
                    parameters,
                });
            }
        }
        self.out.push(ClassInfo {
            name,
            span: file.span(class.span),
            statement: self.statement,
            exported,
            default_export,
            is_abstract: class.is_abstract,
            extends: class.super_class.as_ref().map(|s| file.snippet(s.span()).to_string()),
            decorators,
            members,
            constructor,
        });
    }

    fn param(&self, p: &ParamOrTsParamProp) -> ConstructorParam {
        let file = self.file;
        let (pat_name, ann, decorators, is_property, span) = match p {
            ParamOrTsParamProp::Param(p) => {
                let (name, ann) = pat_name_and_type(&p.pat);
                (name, ann, &p.decorators, false, p.span)
            }
            ParamOrTsParamProp::TsParamProp(pp) => {
                let (name, ann) = match &pp.param {
                    TsParamPropParam::Ident(b) => (Some(b.id.sym.to_string()), b.type_ann.as_deref()),
                    TsParamPropParam::Assign(a) => pat_name_and_type(&a.left),
                };
                (name, ann, &pp.decorators, true, pp.span)
            }
        };
        let type_annotation = ann.map(|a| file.snippet(a.type_ann.span()).to_string());
        let type_reference = ann.and_then(|a| match &*a.type_ann {
            TsType::TsTypeRef(r) => {
                let mut root = &r.type_name;
                while let TsEntityName::TsQualifiedName(q) = root {
                    root = &q.left;
                }
                let root = match root {
                    TsEntityName::Ident(i) => i.sym.to_string(),
                    TsEntityName::TsQualifiedName(_) => return None,
                };
                let origin = match self.imports.iter().position(|i| i.local == root) {
                    Some(index) => TypeOrigin::Import(index),
                    None if declares_top_level(&file.module, &root) => TypeOrigin::Local,
                    None => TypeOrigin::Other,
                };
                Some(TypeReference {
                    name: file.snippet(r.type_name.span()).to_string(),
                    root,
                    origin,
                    span: file.span(r.span),
                })
            }
            _ => None,
        });
        ConstructorParam {
            name: pat_name,
            span: file.span(span),
            type_annotation,
            type_reference,
            decorators: decorators.iter().map(|d| file.decorator_info(d)).collect(),
            is_property,
        }
    }
}

fn pat_name_and_type(pat: &Pat) -> (Option<String>, Option<&TsTypeAnn>) {
    match pat {
        Pat::Ident(b) => (Some(b.id.sym.to_string()), b.type_ann.as_deref()),
        Pat::Assign(a) => pat_name_and_type(&a.left),
        Pat::Array(a) => (None, a.type_ann.as_deref()),
        Pat::Object(o) => (None, o.type_ann.as_deref()),
        Pat::Rest(r) => (None, r.type_ann.as_deref()),
        _ => (None, None),
    }
}

fn declares_top_level(module: &Module, name: &str) -> bool {
    module.body.iter().any(|item| {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => d,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(d)) => {
                return match &d.decl {
                    DefaultDecl::Class(c) => c.ident.as_ref().is_some_and(|i| i.sym == name),
                    DefaultDecl::Fn(f) => f.ident.as_ref().is_some_and(|i| i.sym == name),
                    DefaultDecl::TsInterfaceDecl(i) => i.id.sym == name,
                }
            }
            _ => return false,
        };
        match decl {
            Decl::Class(c) => c.ident.sym == name,
            Decl::Fn(f) => f.ident.sym == name,
            Decl::Var(v) => v.decls.iter().any(|d| matches!(&d.name, Pat::Ident(b) if b.id.sym == name)),
            Decl::TsInterface(i) => i.id.sym == name,
            Decl::TsTypeAlias(t) => t.id.sym == name,
            Decl::TsEnum(e) => e.id.sym == name,
            Decl::TsModule(m) => matches!(&m.id, TsModuleName::Ident(i) if i.sym == name),
            Decl::Using(_) => false,
        }
    })
}

impl Visit for Classes<'_> {
    fn visit_class_expr(&mut self, c: &ClassExpr) {
        self.add(c.ident.as_ref().map(|i| i.sym.to_string()), &c.class, false, false);
        c.class.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, c: &ClassDecl) {
        self.add(Some(c.ident.sym.to_string()), &c.class, false, false);
        c.class.visit_children_with(self);
    }
}
