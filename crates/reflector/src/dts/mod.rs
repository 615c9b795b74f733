//! Reading precompiled Angular libraries: the Ivy declarations in their `.d.ts` files.
//!
//! A library compiled by ngc (fully or partially) declares on each Angular class a static
//! field whose *type* carries the metadata other compilations need:
//! `static ɵdir: i0.ɵɵDirectiveDeclaration<NgIf<any>, "[ngIf]", never, {...}, {}, never, never, true, never>`.
//! [`read_dts`] parses one `.d.ts` file with swc and returns its module shape (imports and
//! exports, so that the caller can follow `export ... from` across files) plus, for every
//! top-level class, the declaration read from those literal types — the same reading as
//! Angular's `DtsMetadataReader` (compiler-cli `ngtsc/metadata/src/dts.ts`), including its
//! defaults for the type arguments older Angular versions did not emit.
//!
//! The reader works on one file and never fails: a parse error or a malformed declaration
//! becomes a diagnostic in [`DtsModule::diagnostics`], and a class whose declaration cannot be
//! read gets `declaration: None`. References to other classes ([`TypeRef`]) are left as
//! written (`typeof i1.NgIf` → namespace `i1`, name `NgIf`); resolving them through
//! [`DtsModule::imports`] is the caller's job.

mod declarations;
mod diagnostics;

use ngc_diagnostics::nesting::{self, Grammar, Nesting};
use ngc_diagnostics::{Diagnostic, Span};
use swc_common::input::StringInput;
use swc_common::{BytePos, Spanned};
use swc_ecma_ast::{
    Class, ClassMember, Decl, DefaultDecl, ExportSpecifier, Expr, ImportSpecifier, Module, ModuleDecl,
    ModuleExportName, ModuleItem, ParamOrTsParamProp, Pat, PropName, Stmt, TsEntityName, TsModuleRef, TsParamPropParam,
    TsType, TsTypeAnn,
};
use swc_ecma_parser::{Parser, Syntax, TsSyntax};

/// The module shape and Angular classes of one `.d.ts` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DtsModule {
    /// Every import binding, in source order.
    pub imports: Vec<DtsImport>,
    /// Every export, in source order.
    pub exports: Vec<DtsExport>,
    /// Every top-level class declaration, exported or not, in source order.
    pub classes: Vec<DtsClass>,
    /// Parse errors (NGRS3901, NGRS3904) and malformed declarations (NGRS3902, NGRS3903).
    pub diagnostics: Vec<Diagnostic>,
}

impl DtsModule {
    /// The top-level class declared under `name` in this file.
    pub fn class(&self, name: &str) -> Option<&DtsClass> {
        self.classes.iter().find(|c| c.name == name)
    }

    /// The import that binds `local` in this file.
    pub fn import(&self, local: &str) -> Option<&DtsImport> {
        self.imports.iter().find(|i| i.local == local)
    }
}

/// One local binding created by an import declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DtsImport {
    /// The name the binding has in this file.
    pub local: String,
    pub binding: ImportBinding,
}

/// What an imported local name refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportBinding {
    /// `import { name as local } from 'module'`.
    Named { module: String, name: String },
    /// `import * as local from 'module'`, or `import local = require('module')`.
    Namespace { module: String },
    /// `import local from 'module'`.
    Default { module: String },
}

impl ImportBinding {
    /// The module specifier imported from, as written.
    pub fn module(&self) -> &str {
        match self {
            ImportBinding::Named { module, .. }
            | ImportBinding::Namespace { module }
            | ImportBinding::Default { module } => module,
        }
    }
}

/// One exported name, or a group of names re-exported from another module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DtsExport {
    /// A binding of this file exported as `exported`: `export declare class X` (`X` as `X`),
    /// `export { A as B }` (`A` as `B`), `export default X` (`X` as `default`). `local` may be
    /// an imported binding (see [`DtsModule::imports`]).
    Local { local: String, exported: String },
    /// `export { a as b } from 'module'` (`names`: `(a, b)` pairs) or `export * from 'module'`
    /// (`names: None`).
    From { module: String, names: Option<Vec<(String, String)>> },
    /// `export * as exported from 'module'`.
    Namespace { module: String, exported: String },
}

/// A top-level class of the file and its Ivy declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DtsClass {
    pub name: String,
    /// The class declaration, from `export` (when exported in the declaration) to `}`.
    pub span: Span,
    pub is_abstract: bool,
    /// Number of the class's own type parameters (`NgForOf<T, U>` has 2).
    pub type_params: usize,
    /// The `extends` clause when it names a class (`extends i1.Base` or `extends Base`).
    pub extends: Option<TypeRef>,
    /// The directive, component, pipe or NgModule declaration (`ɵcmp`, `ɵdir`, `ɵpipe`,
    /// `ɵmod`), or [`IvyDeclaration::Injector`] for a class that only has `ɵinj`. `None` for a
    /// class without any, or whose declaration is malformed (with a diagnostic).
    pub declaration: Option<IvyDeclaration>,
    /// `static ɵfac: i0.ɵɵFactoryDeclaration<...>`.
    pub has_factory: bool,
    /// `static ɵprov: i0.ɵɵInjectableDeclaration<...>`.
    pub has_injectable: bool,
    /// `static ɵinj: i0.ɵɵInjectorDeclaration<...>` (NgModules have it besides `ɵmod`).
    pub has_injector: bool,
    /// A constructor parameter has the type `TemplateRef` imported from `@angular/core`: a
    /// structural directive, as Angular's reader decides it.
    pub is_structural: bool,
    /// Class properties of inputs that accept more than their type (`static ngAcceptInputType_x`).
    pub coerced_inputs: Vec<String>,
    /// Template guards of inputs (`static ngTemplateGuard_x`).
    pub template_guards: Vec<TemplateGuard>,
    /// `static ngTemplateContextGuard(...)` is declared.
    pub has_template_context_guard: bool,
    /// The class's own static methods, in source order, with the NgModule their declared
    /// return type names: `T` of `ModuleWithProviders<T>` (the type name imported from
    /// `@angular/core`, plain or through a namespace import), as ngc's
    /// `ModuleWithProviders` resolver reads it; `None` for any other return type.
    pub static_methods: Vec<(String, Option<TypeRef>)>,
}

/// `static ngTemplateGuard_<input>`: how the input narrows types in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateGuard {
    pub input: String,
    /// `true` for `ngTemplateGuard_x: 'binding'` (the binding itself narrows), `false` for a
    /// guard method that is invoked.
    pub binding: bool,
}

/// The Ivy declaration of a class, read from the type of its static definition field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IvyDeclaration {
    /// `static ɵdir: i0.ɵɵDirectiveDeclaration<...>`.
    Directive(DirectiveDeclaration),
    /// `static ɵcmp: i0.ɵɵComponentDeclaration<...>`; [`DirectiveDeclaration::ng_content_selectors`]
    /// is meaningful only here.
    Component(DirectiveDeclaration),
    /// `static ɵpipe: i0.ɵɵPipeDeclaration<...>`.
    Pipe(PipeDeclaration),
    /// `static ɵmod: i0.ɵɵNgModuleDeclaration<...>`.
    NgModule(NgModuleDeclaration),
    /// Only `static ɵinj: i0.ɵɵInjectorDeclaration<...>`.
    Injector,
}

impl IvyDeclaration {
    /// The directive metadata of a directive or component.
    pub fn directive(&self) -> Option<&DirectiveDeclaration> {
        match self {
            IvyDeclaration::Directive(d) | IvyDeclaration::Component(d) => Some(d),
            _ => None,
        }
    }

    pub fn is_component(&self) -> bool {
        matches!(self, IvyDeclaration::Component(_))
    }
}

/// Type arguments of `ɵɵDirectiveDeclaration` / `ɵɵComponentDeclaration`:
/// `<T, Selector, ExportAs, InputMap, OutputMap, QueryFields, NgContentSelectors, IsStandalone,
/// HostDirectives, IsSignal>`. Arguments older versions did not emit take Angular's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectiveDeclaration {
    /// The selector string; `None` for `never` or `null` (abstract directives).
    pub selector: Option<String>,
    pub export_as: Vec<String>,
    /// In the order of the input map.
    pub inputs: Vec<InputDeclaration>,
    /// `(class_property, public_name)` in the order of the output map.
    pub outputs: Vec<(String, String)>,
    /// Class properties of content queries.
    pub queries: Vec<String>,
    /// `<ng-content select>` selectors of a component, in order (including `*`).
    pub ng_content_selectors: Vec<String>,
    /// Default `false`: declarations without the argument predate standalone.
    pub standalone: bool,
    /// A signal-based component or directive. Default `false`.
    pub is_signal: bool,
    pub host_directives: Vec<HostDirectiveDeclaration>,
}

/// One entry of a directive's input map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDeclaration {
    pub class_property: String,
    /// The binding name in templates (the alias).
    pub public_name: String,
    pub required: bool,
    /// An `input()` signal.
    pub is_signal: bool,
}

/// One entry of a directive's `HostDirectives` tuple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostDirectiveDeclaration {
    pub directive: TypeRef,
    /// `(host directive's public input name, name exposed on the host)`.
    pub inputs: Vec<(String, String)>,
    /// `(host directive's public output name, name exposed on the host)`.
    pub outputs: Vec<(String, String)>,
}

/// Type arguments of `ɵɵPipeDeclaration<T, Name, IsStandalone>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipeDeclaration {
    /// The pipe's name; `None` when the declaration says `null`.
    pub name: Option<String>,
    /// Default `false`.
    pub standalone: bool,
}

/// Type arguments of `ɵɵNgModuleDeclaration<T, Declarations, Imports, Exports>`; each a tuple
/// of `typeof X` (`never` for none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NgModuleDeclaration {
    pub declarations: Vec<TypeRef>,
    pub imports: Vec<TypeRef>,
    pub exports: Vec<TypeRef>,
}

/// A reference to a class as written in a type: `typeof NgIf` or `typeof i1.NgIf`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeRef {
    /// The namespace import qualifying the name (`i1`; `a.b` for `typeof a.b.X`).
    pub namespace: Option<String>,
    pub name: String,
    pub span: Span,
}

/// swc reserves `BytePos(0)` for dummy spans, so byte offset `n` is `BytePos(n + BASE)`.
const BASE: u32 = 1;

/// A swc span as byte offsets into the text.
pub(crate) fn span_of(span: swc_common::Span) -> Span {
    Span::new(span.lo.0.saturating_sub(BASE), span.hi.0.saturating_sub(BASE))
}

/// Parses `text` (the `.d.ts` file `file_name`) and reads its imports, exports and classes.
/// Never fails: problems are reported in [`DtsModule::diagnostics`].
pub fn read_dts(file_name: &str, text: &str) -> DtsModule {
    // swc's parser recurses once per nesting level: deep input gets a stack of its own.
    match nesting::estimate(text, Grammar::Declarations, MAX_NESTING) {
        Nesting::Within(depth) => nesting::with_stack_for(depth, || read_on_stack(file_name, text)),
        Nesting::Excessive(at) => {
            let mut out = DtsModule::default();
            out.diagnostics.push(diagnostics::nesting_too_deep(Span::new(at, at + 1), MAX_NESTING));
            out
        }
    }
}

/// Declaration files nested deeper than this are refused (NGRS3904).
const MAX_NESTING: u32 = 5_000;

fn read_on_stack(file_name: &str, text: &str) -> DtsModule {
    let mut out = DtsModule::default();
    let lower = file_name.to_ascii_lowercase();
    let syntax = Syntax::Typescript(TsSyntax {
        tsx: lower.ends_with(".tsx"),
        decorators: true,
        dts: true,
        ..Default::default()
    });
    let Ok(len) = u32::try_from(text.len()) else {
        out.diagnostics.push(diagnostics::syntax_error(Span::default(), "file too large".into()));
        return out;
    };
    let input = StringInput::new(text, BytePos(BASE), BytePos(BASE.saturating_add(len)));
    let mut parser = Parser::new(syntax, input, None);
    let module = parser.parse_module();
    for e in parser.take_errors() {
        out.diagnostics.push(diagnostics::syntax_error(span_of(e.span()), e.kind().msg().to_string()));
    }
    match module {
        Ok(module) => read_module(&module, &mut out),
        Err(e) => out.diagnostics.push(diagnostics::syntax_error(span_of(e.span()), e.kind().msg().to_string())),
    }
    out
}

fn read_module(module: &Module, out: &mut DtsModule) {
    for item in &module.body {
        match item {
            ModuleItem::ModuleDecl(decl) => read_module_decl(decl, out),
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(class))) => {
                let name = class.ident.sym.to_string();
                read_class(&name, &class.class, class.class.span, out);
            }
            ModuleItem::Stmt(_) => {}
        }
    }
    // After all imports are known: an import may follow the class that uses it.
    mark_structural(module, out);
    mark_module_with_providers(module, out);
}

/// Fills in the `ModuleWithProviders<T>` return types of static methods.
fn mark_module_with_providers(module: &Module, out: &mut DtsModule) {
    let mut found: Vec<(String, String, TypeRef)> = Vec::new();
    for item in &module.body {
        let class = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(c))) => c,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => match &e.decl {
                Decl::Class(c) => c,
                _ => continue,
            },
            _ => continue,
        };
        for member in &class.class.body {
            let ClassMember::Method(method) = member else { continue };
            let (true, Some(key), Some(ty)) = (method.is_static, prop_name(&method.key), method.function.return_type.as_deref()) else {
                continue;
            };
            if let Some(target) = module_with_providers_arg(&ty.type_ann, &out.imports) {
                found.push((class.ident.sym.to_string(), key, target));
            }
        }
    }
    for (class_name, method, target) in found {
        let Some(class) = out.classes.iter_mut().find(|c| c.name == class_name) else { continue };
        if let Some(entry) = class.static_methods.iter_mut().find(|(name, returns)| *name == method && returns.is_none()) {
            entry.1 = Some(target);
        }
    }
}

fn read_module_decl(decl: &ModuleDecl, out: &mut DtsModule) {
    match decl {
        ModuleDecl::Import(import) => {
            let module = str_value(&import.src);
            for spec in &import.specifiers {
                let module = module.clone();
                let (local, binding) = match spec {
                    ImportSpecifier::Named(n) => {
                        let name = match &n.imported {
                            Some(name) => export_name(name),
                            None => n.local.sym.to_string(),
                        };
                        (n.local.sym.to_string(), ImportBinding::Named { module, name })
                    }
                    ImportSpecifier::Default(d) => (d.local.sym.to_string(), ImportBinding::Default { module }),
                    ImportSpecifier::Namespace(ns) => (ns.local.sym.to_string(), ImportBinding::Namespace { module }),
                };
                out.imports.push(DtsImport { local, binding });
            }
        }
        ModuleDecl::ExportDecl(export) => {
            for name in declared_names(&export.decl) {
                out.exports.push(DtsExport::Local { local: name.clone(), exported: name });
            }
            if let Decl::Class(class) = &export.decl {
                read_class(class.ident.sym.as_ref(), &class.class, export.span, out);
            }
        }
        ModuleDecl::ExportNamed(named) => {
            let src = named.src.as_deref().map(str_value);
            let mut pairs = Vec::new();
            for spec in &named.specifiers {
                match spec {
                    ExportSpecifier::Named(n) => {
                        let orig = export_name(&n.orig);
                        let exported = n.exported.as_ref().map(export_name).unwrap_or_else(|| orig.clone());
                        pairs.push((orig, exported));
                    }
                    ExportSpecifier::Namespace(ns) => {
                        if let Some(module) = &src {
                            out.exports
                                .push(DtsExport::Namespace { module: module.clone(), exported: export_name(&ns.name) });
                        }
                    }
                    ExportSpecifier::Default(d) => pairs.push(("default".into(), d.exported.sym.to_string())),
                }
            }
            match src {
                Some(module) => {
                    if !pairs.is_empty() || named.specifiers.is_empty() {
                        out.exports.push(DtsExport::From { module, names: Some(pairs) });
                    }
                }
                None => {
                    for (local, exported) in pairs {
                        out.exports.push(DtsExport::Local { local, exported });
                    }
                }
            }
        }
        ModuleDecl::ExportDefaultDecl(export) => match &export.decl {
            DefaultDecl::Class(class) => {
                if let Some(ident) = &class.ident {
                    let name = ident.sym.to_string();
                    out.exports.push(DtsExport::Local { local: name.clone(), exported: "default".into() });
                    read_class(&name, &class.class, export.span, out);
                }
            }
            DefaultDecl::Fn(f) => {
                if let Some(ident) = &f.ident {
                    out.exports.push(DtsExport::Local { local: ident.sym.to_string(), exported: "default".into() });
                }
            }
            DefaultDecl::TsInterfaceDecl(i) => {
                out.exports.push(DtsExport::Local { local: i.id.sym.to_string(), exported: "default".into() });
            }
        },
        ModuleDecl::ExportDefaultExpr(export) => {
            if let Expr::Ident(ident) = &*export.expr {
                out.exports.push(DtsExport::Local { local: ident.sym.to_string(), exported: "default".into() });
            }
        }
        ModuleDecl::ExportAll(all) => {
            out.exports.push(DtsExport::From { module: str_value(&all.src), names: None });
        }
        ModuleDecl::TsImportEquals(import) => {
            if let TsModuleRef::TsExternalModuleRef(ext) = &import.module_ref {
                let local = import.id.sym.to_string();
                out.imports.push(DtsImport {
                    local: local.clone(),
                    binding: ImportBinding::Namespace { module: str_value(&ext.expr) },
                });
                if import.is_export {
                    out.exports.push(DtsExport::Local { local: local.clone(), exported: local });
                }
            }
        }
        ModuleDecl::TsExportAssignment(_) | ModuleDecl::TsNamespaceExport(_) => {}
    }
}

/// Names a declaration binds (`export declare const a, b` binds two).
fn declared_names(decl: &Decl) -> Vec<String> {
    match decl {
        Decl::Class(c) => vec![c.ident.sym.to_string()],
        Decl::Fn(f) => vec![f.ident.sym.to_string()],
        Decl::Var(v) => v
            .decls
            .iter()
            .filter_map(|d| match &d.name {
                Pat::Ident(i) => Some(i.id.sym.to_string()),
                _ => None,
            })
            .collect(),
        Decl::Using(_) => Vec::new(),
        Decl::TsInterface(i) => vec![i.id.sym.to_string()],
        Decl::TsTypeAlias(t) => vec![t.id.sym.to_string()],
        Decl::TsEnum(e) => vec![e.id.sym.to_string()],
        Decl::TsModule(m) => match &m.id {
            swc_ecma_ast::TsModuleName::Ident(i) => vec![i.sym.to_string()],
            swc_ecma_ast::TsModuleName::Str(_) => Vec::new(),
        },
    }
}

pub(crate) fn str_value(s: &swc_ecma_ast::Str) -> String {
    s.value.to_atom_lossy().to_string()
}

fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => str_value(s),
    }
}

/// The name of a class member, when it is an identifier or a string literal.
pub(crate) fn prop_name(key: &PropName) -> Option<String> {
    match key {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => Some(str_value(s)),
        _ => None,
    }
}

fn read_class(name: &str, class: &Class, span: swc_common::Span, out: &mut DtsModule) {
    let extends = class.super_class.as_deref().and_then(expr_type_ref);
    let mut result = DtsClass {
        name: name.to_string(),
        span: span_of(span),
        is_abstract: class.is_abstract,
        type_params: class.type_params.as_ref().map_or(0, |p| p.params.len()),
        extends,
        declaration: None,
        has_factory: false,
        has_injectable: false,
        has_injector: false,
        is_structural: false,
        coerced_inputs: Vec::new(),
        template_guards: Vec::new(),
        has_template_context_guard: false,
        static_methods: Vec::new(),
    };
    // (field name, its type annotation, the member's span) of the static definition fields.
    let mut defs: Vec<(String, Option<&TsTypeAnn>, Span)> = Vec::new();
    for member in &class.body {
        match member {
            ClassMember::ClassProp(prop) if prop.is_static => {
                let Some(key) = prop_name(&prop.key) else { continue };
                if let Some(input) = key.strip_prefix("ngAcceptInputType_") {
                    result.coerced_inputs.push(input.to_string());
                } else if let Some(input) = key.strip_prefix("ngTemplateGuard_") {
                    let binding = prop.type_ann.as_deref().is_some_and(|t| is_string_literal(&t.type_ann, "binding"));
                    result.template_guards.push(TemplateGuard { input: input.to_string(), binding });
                } else if key == "ngTemplateContextGuard" {
                    result.has_template_context_guard = true;
                } else if key.starts_with('ɵ') {
                    defs.push((key, prop.type_ann.as_deref(), span_of(prop.span)));
                }
            }
            ClassMember::Method(method) if method.is_static => {
                let Some(key) = prop_name(&method.key) else { continue };
                // The return type is read once all imports are known (`mark_module_with_providers`).
                result.static_methods.push((key.clone(), None));
                if let Some(input) = key.strip_prefix("ngTemplateGuard_") {
                    result.template_guards.push(TemplateGuard { input: input.to_string(), binding: false });
                } else if key == "ngTemplateContextGuard" {
                    result.has_template_context_guard = true;
                }
            }
            _ => {}
        }
    }
    for (key, _, _) in &defs {
        match key.as_str() {
            "ɵfac" => result.has_factory = true,
            "ɵprov" => result.has_injectable = true,
            "ɵinj" => result.has_injector = true,
            _ => {}
        }
    }
    for wanted in ["ɵcmp", "ɵdir", "ɵpipe", "ɵmod"] {
        if let Some((key, ty, span)) = defs.iter().find(|(k, _, _)| k == wanted) {
            let ty = ty.map(|t| &*t.type_ann);
            result.declaration = declarations::read_declaration(name, key, ty, *span, &mut out.diagnostics);
            break;
        }
    }
    if result.declaration.is_none() && result.has_injector && !defs.iter().any(|(k, _, _)| k == "ɵmod") {
        result.declaration = Some(IvyDeclaration::Injector);
    }
    out.classes.push(result);
}

/// `T` of a `ModuleWithProviders<T>` return type whose `ModuleWithProviders` is imported from
/// `@angular/core` (by name, or qualified by a namespace import of it).
fn module_with_providers_arg(ty: &TsType, imports: &[DtsImport]) -> Option<TypeRef> {
    let TsType::TsTypeRef(r) = ty else { return None };
    let from_core = is_core_name(&r.type_name, "ModuleWithProviders", imports);
    let params = r.type_params.as_ref().filter(|p| p.params.len() == 1)?;
    if !from_core {
        return None;
    }
    let TsType::TsTypeRef(arg) = &*params.params[0] else { return None };
    match &arg.type_name {
        TsEntityName::Ident(i) => Some(TypeRef { namespace: None, name: i.sym.to_string(), span: span_of(arg.span) }),
        TsEntityName::TsQualifiedName(q) => {
            let namespace = entity_path(&q.left)?;
            Some(TypeRef { namespace: Some(namespace), name: q.right.sym.to_string(), span: span_of(arg.span) })
        }
    }
}

fn entity_path(name: &TsEntityName) -> Option<String> {
    match name {
        TsEntityName::Ident(i) => Some(i.sym.to_string()),
        TsEntityName::TsQualifiedName(q) => Some(format!("{}.{}", entity_path(&q.left)?, q.right.sym)),
    }
}

fn is_string_literal(ty: &TsType, value: &str) -> bool {
    declarations::string_literal(ty).is_some_and(|s| s == value)
}

/// `Base` or `ns.Base` in an `extends` clause.
fn expr_type_ref(expr: &Expr) -> Option<TypeRef> {
    match expr {
        Expr::Ident(i) => Some(TypeRef { namespace: None, name: i.sym.to_string(), span: span_of(i.span) }),
        Expr::Member(m) => {
            let name = m.prop.as_ident()?.sym.to_string();
            let namespace = expr_path(&m.obj)?;
            Some(TypeRef { namespace: Some(namespace), name, span: span_of(m.span) })
        }
        Expr::Paren(p) => expr_type_ref(&p.expr),
        _ => None,
    }
}

fn expr_path(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Ident(i) => Some(i.sym.to_string()),
        Expr::Member(m) => Some(format!("{}.{}", expr_path(&m.obj)?, m.prop.as_ident()?.sym)),
        _ => None,
    }
}

/// `TemplateRef` or `ns.TemplateRef` as a constructor parameter type, where the name is
/// imported from `@angular/core`: Angular's test for a structural directive.
fn mark_structural(module: &Module, out: &mut DtsModule) {
    let mut structural: Vec<String> = Vec::new();
    for item in &module.body {
        let class = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(c))) => c,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => match &e.decl {
                Decl::Class(c) => c,
                _ => continue,
            },
            _ => continue,
        };
        let is_structural = class.class.body.iter().any(|member| {
            let ClassMember::Constructor(ctor) = member else { return false };
            ctor.params.iter().any(|param| {
                let ann = match param {
                    ParamOrTsParamProp::Param(p) => match &p.pat {
                        Pat::Ident(i) => i.type_ann.as_deref(),
                        _ => None,
                    },
                    ParamOrTsParamProp::TsParamProp(p) => match &p.param {
                        TsParamPropParam::Ident(i) => i.type_ann.as_deref(),
                        TsParamPropParam::Assign(_) => None,
                    },
                };
                ann.is_some_and(|a| is_core_template_ref(&a.type_ann, &out.imports))
            })
        });
        if is_structural {
            structural.push(class.ident.sym.to_string());
        }
    }
    for class in &mut out.classes {
        if structural.contains(&class.name) {
            class.is_structural = true;
        }
    }
}

fn is_core_template_ref(ty: &TsType, imports: &[DtsImport]) -> bool {
    let TsType::TsTypeRef(r) = ty else { return false };
    is_core_name(&r.type_name, "TemplateRef", imports)
}

/// True when `type_name` names `@angular/core`'s export `export_name`: imported by that name
/// (`X`), or qualified by a namespace import of `@angular/core` (`i0.X`).
fn is_core_name(type_name: &TsEntityName, export_name: &str, imports: &[DtsImport]) -> bool {
    let binding = |local: &str| imports.iter().find(|i| i.local == local).map(|i| &i.binding);
    match type_name {
        TsEntityName::Ident(i) => matches!(
            binding(&i.sym),
            Some(ImportBinding::Named { module, name }) if module == "@angular/core" && name == export_name
        ),
        TsEntityName::TsQualifiedName(q) => {
            q.right.sym == export_name
                && matches!(&q.left, TsEntityName::Ident(ns) if matches!(
                    binding(&ns.sym),
                    Some(ImportBinding::Namespace { module }) if module == "@angular/core"
                ))
        }
    }
}
