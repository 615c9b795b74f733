//! What a file exports, as far as other files' emit asks ([`crate::ProgramFacts`]): whether
//! an export is a value, and the members of exported const enums.

use swc_ecma_ast::*;

use crate::emit::Emitter;
use crate::facts::{EnumValue, NoProgramFacts};
use crate::options::EmitOptions;
use crate::parse::ParsedFile;

enum Found<'m> {
    Value,
    Type,
    ConstEnum(Vec<&'m TsEnumDecl>),
    Enum(Vec<&'m TsEnumDecl>),
}

impl ParsedFile {
    /// Whether the export `name` (`default` for the default export) is a value; `None` when
    /// the file does not declare it itself (re-exports are not followed).
    pub fn exported_value(&self, name: &str) -> Option<bool> {
        match self.find_export(name)? {
            Found::Value | Found::Enum(_) => Some(true),
            Found::Type | Found::ConstEnum(_) => Some(false),
        }
    }

    /// The value of `member` of the exported const enum `name`.
    pub fn exported_const_enum_member(&self, name: &str, member: &str) -> Option<EnumValue> {
        let Found::ConstEnum(decls) = self.find_export(name)? else {
            return None;
        };
        self.evaluate_member(&decls, member)
    }

    /// The constant value of `member` of the exported enum (const or not) `name`.
    pub fn exported_enum_member(&self, name: &str, member: &str) -> Option<EnumValue> {
        match self.find_export(name)? {
            Found::ConstEnum(decls) | Found::Enum(decls) => self.evaluate_member(&decls, member),
            _ => None,
        }
    }

    fn evaluate_member(&self, decls: &[&TsEnumDecl], member: &str) -> Option<EnumValue> {
        let options = EmitOptions::default();
        ngc_diagnostics::nesting::with_stack_for(self.depth, || {
            let mut emitter = Emitter::new(self, &options, &NoProgramFacts);
            emitter.enum_member_value(decls, member)
        })
    }

    fn find_export(&self, name: &str) -> Option<Found<'_>> {
        let mut local_name = None;
        for item in &self.module.body {
            let ModuleItem::ModuleDecl(decl) = item else {
                continue;
            };
            match decl {
                ModuleDecl::ExportDecl(e) => {
                    if let Some(found) = declaration_kind(&e.decl, name, &self.module) {
                        return Some(found);
                    }
                }
                ModuleDecl::ExportDefaultDecl(d) if name == "default" => {
                    return Some(match d.decl {
                        DefaultDecl::TsInterfaceDecl(_) => Found::Type,
                        _ => Found::Value,
                    });
                }
                ModuleDecl::ExportDefaultExpr(_) if name == "default" => return Some(Found::Value),
                ModuleDecl::ExportNamed(n) if n.src.is_none() => {
                    for s in &n.specifiers {
                        if let ExportSpecifier::Named(s) = s {
                            let exported = match s.exported.as_ref().unwrap_or(&s.orig) {
                                ModuleExportName::Ident(i) => i.sym.to_string(),
                                ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
                            };
                            if exported == name {
                                if s.is_type_only || n.type_only {
                                    return Some(Found::Type);
                                }
                                if let ModuleExportName::Ident(i) = &s.orig {
                                    local_name = Some(i.sym.to_string());
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let local = local_name?;
        self.module.body.iter().find_map(|item| match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => declaration_kind(d, &local, &self.module),
            _ => None,
        })
    }
}

fn declaration_kind<'m>(decl: &'m Decl, name: &str, module: &'m Module) -> Option<Found<'m>> {
    match decl {
        Decl::Class(c) if c.ident.sym == name => Some(Found::Value),
        Decl::Fn(f) if f.ident.sym == name => Some(Found::Value),
        Decl::Var(v) if v.decls.iter().any(|d| crate::scope::pat_declares(&d.name, name)) => Some(Found::Value),
        Decl::TsInterface(i) if i.id.sym == name => Some(Found::Type),
        Decl::TsTypeAlias(t) if t.id.sym == name => Some(Found::Type),
        Decl::TsEnum(e) if e.id.sym == name => {
            let decls =
                module
                    .body
                    .iter()
                    .filter_map(|item| match item {
                        ModuleItem::Stmt(Stmt::Decl(Decl::TsEnum(d))) if d.id.sym == name => Some(&**d),
                        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                            decl: Decl::TsEnum(d), ..
                        })) if d.id.sym == name => Some(&**d),
                        _ => None,
                    })
                    .collect();
            Some(if e.is_const { Found::ConstEnum(decls) } else { Found::Enum(decls) })
        }
        Decl::TsModule(m) if matches!(&m.id, TsModuleName::Ident(i) if i.sym == name) => Some(Found::Value),
        _ => None,
    }
}
