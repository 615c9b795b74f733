//! The emitter: walks the module once, recording edits on the source ([`crate::patch`]) for
//! everything tsc strips or lowers, then assembles the file from the edited top-level
//! statements, the caller's spliced text, the `"use strict"` prologue and `export {};`.

use std::collections::{HashMap, HashSet};

use ngc_diagnostics::{Diagnostic, Span};
use swc_atoms::Atom;
use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::diagnostics;
use crate::edits::Edits;
use crate::facts::ProgramFacts;
use crate::options::{EmitOptions, ModuleKind, Target};
use crate::parse::ParsedFile;
use crate::patch::Patches;
use crate::scope::{BindingKind, Resolution};
use crate::syntax::{self, Slot};

/// The JavaScript of one file.
#[derive(Debug, Clone, Default)]
pub struct Emitted {
    pub code: String,
    /// Errors mean `code` is not what tsc emits (the construct is unsupported or invalid).
    pub diagnostics: Vec<Diagnostic>,
}

/// Emits `file` as tsc does with `options`, applying the caller's `edits`; `facts` answers
/// questions about other files of the program.
pub fn emit(file: &ParsedFile, options: &EmitOptions, edits: &Edits, facts: &dyn ProgramFacts) -> Emitted {
    ngc_diagnostics::nesting::with_stack_for(file.depth, || emit_on_stack(file, options, edits, facts))
}

fn emit_on_stack(file: &ParsedFile, options: &EmitOptions, edits: &Edits, facts: &dyn ProgramFacts) -> Emitted {
    let mut diags = Vec::new();
    if options.target < Target::Es2022 {
        diags.push(diagnostics::unsupported_option(
            "target",
            &options.target.to_string(),
            "use ES2022 or later (Angular applications target ES2022)",
        ));
        return Emitted { code: String::new(), diagnostics: diags };
    }
    if options.module != ModuleKind::EcmaScript {
        diags.push(diagnostics::unsupported_option(
            "module",
            "a non-ECMAScript module format",
            "use `module: ES2022`, `ESNext` or `preserve`",
        ));
        return Emitted { code: String::new(), diagnostics: diags };
    }
    if options.emit_decorator_metadata {
        diags.push(diagnostics::unsupported_option(
            "emitDecoratorMetadata",
            "true",
            "remove `emitDecoratorMetadata`; Angular does not need it",
        ));
    }
    let mut e = Emitter::new(file, options, facts);
    e.diags = diags;
    e.removed_decorators = edits.remove_decorators.iter().map(|s| s.start).collect();
    e.kept_imports = edits.keep_imports.iter().map(|s| s.start).collect();
    e.removed_imports = edits.remove_imports.iter().copied().collect();
    for (at, text) in &edits.insertions {
        e.p.insert(*at, text.clone());
    }
    for (span, text) in &edits.class_members {
        e.class_members.entry(span.start).or_default().push(text.clone());
    }
    let plan = if edits.lowered.is_empty() {
        crate::lower::Plan::default()
    } else {
        crate::lower::plan(file, &edits.lowered, Some((options, facts)))
    };
    for missing in &plan.missing {
        let what = format!("no expression at this span can be lowered into `{}`", missing.name);
        e.diags.push(diagnostics::invalid_edit(Some(missing.span), what));
    }
    e.lowered = plan.replaced.clone();
    let code = e.module(edits, &plan);
    let decorators = if edits.remove_decorators.is_empty() { HashSet::new() } else { e.decorator_starts() };
    for span in &edits.remove_decorators {
        if !decorators.contains(&span.start) {
            e.diags.push(diagnostics::invalid_edit(Some(*span), "no decorator starts here".into()));
        }
    }
    Emitted { code, diagnostics: e.diags }
}

/// A namespace being emitted: the name its body refers to itself by.
pub(crate) struct NamespaceFrame {
    pub name: Atom,
}

pub(crate) struct Emitter<'a> {
    pub file: &'a ParsedFile,
    pub src: &'a str,
    pub base: u32,
    pub p: Patches<'a>,
    pub res: Resolution<'a>,
    pub opts: &'a EmitOptions,
    pub facts: &'a dyn ProgramFacts,
    pub removed_decorators: HashSet<u32>,
    pub kept_imports: HashSet<u32>,
    /// Import declarations removed by the caller (indices in `module.body`).
    pub removed_imports: HashSet<usize>,
    pub class_members: HashMap<u32, Vec<String>>,
    pub diags: Vec<Diagnostic>,
    /// Where an expression sits, by `(lo, hi)`, for the parenthesizer.
    pub slots: HashMap<(u32, u32), Slot>,
    /// Starts of expression statements (an object literal there needs parentheses).
    pub stmt_starts: HashSet<u32>,
    /// Expression statements (by start) that tsc wraps in parentheses.
    pub wrap_statements: HashSet<u32>,
    pub namespaces: Vec<NamespaceFrame>,
    /// Per statement list: whether it is the file's, and the names of the class, function,
    /// enum and namespace declarations emitted in it so far.
    pub scopes: Vec<(bool, HashSet<Atom>)>,
    /// Aliases of decorated classes that refer to themselves (`var C_1;` at the top).
    pub class_aliases: Vec<String>,
    /// Helpers the kept legacy decorators need.
    pub helpers: crate::decorate::Helpers,
    /// Uses of import bindings replaced by const enum values: not uses for elision.
    pub inlined: HashMap<(usize, usize), u32>,
    /// Computed enum member values by the enum declaration's `lo`.
    pub enum_values: HashMap<u32, Vec<crate::declarations::Evaluated>>,
    /// Lowered expressions, emitted as their names, by `(lo, hi)` ([`crate::lower`]).
    pub lowered: HashMap<(u32, u32), String>,
}

/// How a top-level statement counts for the module rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Import,
    Other,
}

impl<'a> Emitter<'a> {
    pub fn new(file: &'a ParsedFile, opts: &'a EmitOptions, facts: &'a dyn ProgramFacts) -> Self {
        Emitter {
            file,
            src: &file.text,
            base: file.base,
            p: Patches::new(&file.text),
            res: Resolution::resolve(&file.module),
            opts,
            facts,
            removed_decorators: HashSet::new(),
            kept_imports: HashSet::new(),
            removed_imports: HashSet::new(),
            class_members: HashMap::new(),
            diags: Vec::new(),
            slots: HashMap::new(),
            stmt_starts: HashSet::new(),
            wrap_statements: HashSet::new(),
            namespaces: Vec::new(),
            scopes: Vec::new(),
            enum_values: HashMap::new(),
            inlined: HashMap::new(),
            helpers: Default::default(),
            class_aliases: Vec::new(),
            lowered: HashMap::new(),
        }
    }

    pub fn lo(&self, span: swc_common::Span) -> u32 {
        span.lo.0.saturating_sub(self.base)
    }

    pub fn hi(&self, span: swc_common::Span) -> u32 {
        span.hi.0.saturating_sub(self.base)
    }

    pub fn range(&self, span: swc_common::Span) -> (u32, u32) {
        (self.lo(span), self.hi(span))
    }

    pub fn span(&self, span: swc_common::Span) -> Span {
        Span::new(self.lo(span), self.hi(span))
    }

    pub fn text(&self, span: swc_common::Span) -> &'a str {
        self.p.slice(self.lo(span), self.hi(span))
    }

    /// The emitted text of a node (edits inside applied).
    pub fn render(&self, span: swc_common::Span) -> String {
        self.p.render(self.lo(span), self.hi(span), false)
    }

    pub fn delete(&mut self, span: swc_common::Span) {
        let (lo, hi) = self.range(span);
        self.p.delete(lo, hi);
    }

    /// The start of every decorator of the file.
    fn decorator_starts(&self) -> HashSet<u32> {
        struct Find {
            base: u32,
            found: HashSet<u32>,
        }
        impl Visit for Find {
            fn visit_decorator(&mut self, d: &Decorator) {
                self.found.insert(d.span.lo.0.saturating_sub(self.base));
            }
        }
        let mut find = Find { base: self.base, found: HashSet::new() };
        self.file.module.visit_with(&mut find);
        find.found
    }

    /// Adds the `;` tsc prints after a statement that ends without one.
    pub fn ensure_semicolon(&mut self, span: swc_common::Span) {
        let hi = self.hi(span);
        if hi > 0 && self.src.as_bytes().get((hi as usize).wrapping_sub(1)) != Some(&b';') {
            self.p.insert(hi, ";");
        }
    }

    pub fn set_slot(&mut self, e: &Expr, slot: Slot) {
        let r = self.range(e.span());
        self.slots.insert(r, slot);
    }

    pub fn unsupported(&mut self, span: swc_common::Span, what: &str, help: &str) {
        let span = self.span(span);
        self.diags.push(diagnostics::unsupported_construct(span, what, help));
    }

    pub fn at_file_level(&self) -> bool {
        self.scopes.last().is_none_or(|(top, _)| *top)
    }

    /// Records a declaration name in the current statement list; true when it is the first.
    pub fn record_declaration(&mut self, name: &Atom) -> bool {
        match self.scopes.last_mut() {
            Some((_, names)) => names.insert(name.clone()),
            None => true,
        }
    }

    // ----- The file -----

    fn module(&mut self, edits: &Edits, lowering: &crate::lower::Plan) -> String {
        let module = &self.file.module;
        self.scopes.push((true, HashSet::new()));
        let mut kinds = vec![ItemKind::Other; module.body.len()];
        let mut indicators = vec![false; module.body.len()];
        // Imports last: inlined const enum uses are known then.
        let is_import = |item: &ModuleItem| matches!(item, ModuleItem::ModuleDecl(ModuleDecl::Import(_)));
        let order = (0..module.body.len())
            .filter(|&i| !is_import(&module.body[i]))
            .chain((0..module.body.len()).filter(|&i| is_import(&module.body[i])));
        for index in order {
            let (kind, indicator) = self.module_item(index, &module.body[index]);
            kinds[index] = kind;
            indicators[index] = indicator;
        }
        self.scopes.pop();
        let is_module = module.body.iter().any(|item| match item {
            ModuleItem::ModuleDecl(_) => true,
            ModuleItem::Stmt(_) => false,
        }) || has_import_meta(module);

        // Statements with the trivia before them.
        let mut pieces: Vec<(ItemKind, String)> = Vec::with_capacity(module.body.len());
        let mut cursor = 0u32;
        let shebang_end =
            if module.shebang.is_some() { self.src.find('\n').unwrap_or(self.src.len()) as u32 } else { 0 };
        if shebang_end > 0 {
            cursor = shebang_end;
        }
        for (index, item) in module.body.iter().enumerate() {
            let (lo, hi) = self.item_range(item);
            let mut text = String::new();
            let mut trivia = self.p.slice(cursor.min(lo), lo);
            if let Some(declarations) = lowering.declarations(index, true) {
                // On a line of its own, before the statement's comments (a comment ending the
                // previous line stays there; a newline inside a block comment is not a place).
                let line_end = trivia.find('\n').filter(|&i| !trivia[..i].contains("/*"));
                if let Some(i) = line_end {
                    text.push_str(&trivia[..=i]);
                    trivia = &trivia[i + 1..];
                }
                text.push_str(&declarations);
                text.push('\n');
            }
            for (i, before) in &edits.before_statement {
                if *i == index {
                    text.push('\n');
                    text.push_str(before);
                }
            }
            text.push_str(trivia);
            text.push_str(&self.p.render(lo, hi, true));
            if let Some(declarations) = lowering.declarations(index, false) {
                text.push('\n');
                text.push_str(&declarations);
            }
            for (i, after) in &edits.after_statement {
                if *i == index {
                    text.push('\n');
                    text.push_str(after);
                }
            }
            pieces.push((kinds[index], text));
            cursor = hi;
        }
        for (i, _) in edits.before_statement.iter().chain(&edits.after_statement) {
            if *i >= module.body.len() {
                self.diags.push(diagnostics::invalid_edit(None, format!("the file has no top-level statement {i}")));
            }
        }
        let trailing = self.p.slice(cursor, self.src.len() as u32).to_string();

        let mut out = String::with_capacity(self.src.len() + 256);
        if shebang_end > 0 {
            out.push_str(self.p.slice(0, shebang_end));
            out.push('\n');
        }
        if !is_module && self.opts.always_strict && !has_use_strict(module) {
            out.push_str("\"use strict\";\n");
        }
        let helpers = self.helper_text();
        let helper_indicator = helpers.is_some() && self.opts.import_helpers;
        let aliases = if self.class_aliases.is_empty() {
            String::new()
        } else {
            format!("var {};\n", self.class_aliases.join(", "))
        };
        // tsc puts the aliases before an imported helper and after inlined ones.
        if helper_indicator {
            out.push_str(&aliases);
        }
        if let Some(helpers) = helpers {
            out.push_str(&helpers);
        }
        if !helper_indicator {
            out.push_str(&aliases);
        }
        let spliced_indicator = edits.after_imports.iter().any(|t| {
            let t = t.trim_start();
            t.starts_with("import") || t.starts_with("export")
        });
        if edits.after_imports.is_empty() {
            for (_, text) in &pieces {
                out.push_str(text);
            }
        } else {
            for (kind, text) in &pieces {
                if *kind == ItemKind::Import {
                    out.push_str(text);
                }
            }
            for text in &edits.after_imports {
                out.push('\n');
                out.push_str(text);
            }
            for (kind, text) in &pieces {
                if *kind != ItemKind::Import {
                    out.push_str(text);
                }
            }
        }
        let lowered_exports = lowering.export_clause();
        if let Some(exports) = &lowered_exports {
            out.push('\n');
            out.push_str(exports);
        }
        out.push_str(&trailing);
        if is_module && lowered_exports.is_none() && !spliced_indicator && !helper_indicator && !indicators.iter().any(|&b| b) {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("export {};\n");
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }

    /// A top-level statement's range, with the decorators swc places before `export`.
    fn item_range(&self, item: &ModuleItem) -> (u32, u32) {
        let (mut lo, hi) = self.range(item.span());
        let class = match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl: Decl::Class(c), .. })) => Some(&c.class),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                decl: DefaultDecl::Class(c),
                ..
            })) => Some(&c.class),
            _ => None,
        };
        if let Some(class) = class {
            for d in &class.decorators {
                lo = lo.min(self.lo(d.span));
            }
        }
        (lo, hi)
    }

    /// Records the edits of one top-level statement; returns its kind and whether it stays an
    /// import or export in the output.
    fn module_item(&mut self, index: usize, item: &ModuleItem) -> (ItemKind, bool) {
        match item {
            ModuleItem::Stmt(stmt) => {
                stmt.visit_with(self);
                (ItemKind::Other, false)
            }
            ModuleItem::ModuleDecl(decl) => match decl {
                ModuleDecl::Import(import) => (ItemKind::Import, self.import(index, import)),
                ModuleDecl::TsImportEquals(decl) => {
                    let kept = self.import_equals(index, decl);
                    (ItemKind::Import, kept)
                }
                ModuleDecl::ExportDecl(export) => {
                    let kept = self.declaration(&export.decl, export.span, true);
                    (ItemKind::Other, kept)
                }
                ModuleDecl::ExportNamed(named) => (ItemKind::Other, self.export_named(named)),
                ModuleDecl::ExportDefaultDecl(def) => (ItemKind::Other, self.export_default_decl(def)),
                ModuleDecl::ExportDefaultExpr(def) => (ItemKind::Other, self.export_default_expr(def)),
                ModuleDecl::ExportAll(all) => {
                    if all.type_only {
                        self.delete(all.span);
                        (ItemKind::Other, false)
                    } else {
                        self.ensure_semicolon(all.span);
                        (ItemKind::Other, true)
                    }
                }
                ModuleDecl::TsExportAssignment(a) => {
                    let span = self.span(a.span);
                    self.diags.push(diagnostics::commonjs_syntax_in_esm(span, false));
                    (ItemKind::Other, true)
                }
                ModuleDecl::TsNamespaceExport(n) => {
                    self.delete(n.span);
                    (ItemKind::Other, false)
                }
            },
        }
    }

    fn import(&mut self, index: usize, import: &ImportDecl) -> bool {
        if import.type_only || self.removed_imports.contains(&index) {
            self.delete(import.span);
            return false;
        }
        if import.specifiers.is_empty() {
            self.ensure_semicolon(import.span);
            return true;
        }
        let verbatim = self.opts.verbatim_module_syntax;
        let mut default = None;
        let mut namespace = None;
        let mut named: Vec<&ImportNamedSpecifier> = Vec::new();
        let mut removed_any = false;
        let mut had_named = false;
        for (s, specifier) in import.specifiers.iter().enumerate() {
            match specifier {
                ImportSpecifier::Default(d) => {
                    if verbatim || self.import_kept(index, usize::MAX, &d.local) {
                        default = Some(d);
                    } else {
                        removed_any = true;
                    }
                }
                ImportSpecifier::Namespace(n) => {
                    if verbatim || self.import_kept(index, s, &n.local) {
                        namespace = Some(n);
                    } else {
                        removed_any = true;
                    }
                }
                ImportSpecifier::Named(n) => {
                    had_named = true;
                    if !n.is_type_only && (verbatim || self.import_kept(index, s, &n.local)) {
                        named.push(n);
                    } else {
                        removed_any = true;
                    }
                }
            }
        }
        let keep_braces = verbatim && had_named;
        if default.is_none() && namespace.is_none() && named.is_empty() && !keep_braces {
            self.delete(import.span);
            return false;
        }
        if removed_any {
            let mut clause = Vec::new();
            if let Some(d) = default {
                clause.push(self.text(d.span).to_string());
            }
            if let Some(n) = namespace {
                clause.push(self.text(n.span).to_string());
            }
            if !named.is_empty() || keep_braces {
                let list: Vec<&str> = named.iter().map(|n| self.text(n.span)).collect();
                let trailing = if self.named_list_has_trailing_comma(import) { ", " } else { " " };
                if list.is_empty() {
                    clause.push("{}".to_string());
                } else {
                    clause.push(format!("{{ {}{trailing}}}", list.join(", ")));
                }
            }
            let (src_lo, _) = self.range(import.src.span);
            let (_, hi) = self.range(import.span);
            let rest = self.p.slice(src_lo, hi).trim_end_matches(';').to_string();
            let text = format!("import {} from {};", clause.join(", "), rest);
            let (lo, hi) = self.range(import.span);
            self.p.replace(lo, hi, text);
        } else {
            self.ensure_semicolon(import.span);
        }
        true
    }

    fn import_kept(&self, item: usize, specifier: usize, local: &Ident) -> bool {
        self.kept_imports.contains(&self.lo(local.span))
            || self.res.import_uses(item, specifier) > self.inlined.get(&(item, specifier)).copied().unwrap_or(0)
            || (self.res.import_exported(item, specifier) && self.name_is_value(&local.sym))
    }

    fn named_list_has_trailing_comma(&self, import: &ImportDecl) -> bool {
        let last = import.specifiers.iter().rev().find(|s| matches!(s, ImportSpecifier::Named(_)));
        let Some(last) = last else { return false };
        let pos = syntax::skip_trivia(self.src, self.hi(last.span()) as usize);
        self.src.as_bytes().get(pos) == Some(&b',')
    }

    fn import_equals(&mut self, index: usize, decl: &TsImportEqualsDecl) -> bool {
        if decl.is_type_only {
            self.delete(decl.span);
            return false;
        }
        match &decl.module_ref {
            TsModuleRef::TsExternalModuleRef(_) => {
                let span = self.span(decl.span);
                self.diags.push(diagnostics::commonjs_syntax_in_esm(span, true));
                true
            }
            TsModuleRef::TsEntityName(name) => {
                let used = decl.is_export || self.res.import_equals_used(index) || self.opts.verbatim_module_syntax;
                if !used {
                    self.delete(decl.span);
                    return false;
                }
                let export = if decl.is_export { "export " } else { "" };
                let text = format!("{export}var {} = {};", decl.id.sym, entity_name_text(name));
                let (lo, hi) = self.range(decl.span);
                self.p.replace(lo, hi, text);
                decl.is_export
            }
        }
    }

    fn export_named(&mut self, named: &NamedExport) -> bool {
        if named.type_only {
            self.delete(named.span);
            return false;
        }
        let module = named.src.as_ref().map(|s| s.value.to_string_lossy().into_owned());
        let mut kept: Vec<&ExportSpecifier> = Vec::new();
        let mut removed_any = false;
        for specifier in &named.specifiers {
            let keep = match specifier {
                ExportSpecifier::Named(n) => {
                    !n.is_type_only
                        && (self.opts.verbatim_module_syntax || self.export_is_value(module.as_deref(), &n.orig))
                }
                ExportSpecifier::Namespace(_) | ExportSpecifier::Default(_) => true,
            };
            if keep {
                kept.push(specifier);
            } else {
                removed_any = true;
            }
        }
        if kept.is_empty() && !self.opts.verbatim_module_syntax {
            self.delete(named.span);
            return false;
        }
        if removed_any {
            let list: Vec<&str> = kept.iter().map(|s| self.text(s.span())).collect();
            let from = match &named.src {
                Some(src) => {
                    let (src_lo, _) = self.range(src.span);
                    let (_, hi) = self.range(named.span);
                    format!(" from {}", self.p.slice(src_lo, hi).trim_end_matches(';'))
                }
                None => String::new(),
            };
            let text = format!("export {{ {} }}{from};", list.join(", "));
            let (lo, hi) = self.range(named.span);
            self.p.replace(lo, hi, text);
        } else {
            self.ensure_semicolon(named.span);
        }
        true
    }

    /// Whether an exported name is a value (tsc's `isValueAliasDeclaration`).
    fn export_is_value(&self, module: Option<&str>, orig: &ModuleExportName) -> bool {
        let name = match orig {
            ModuleExportName::Ident(i) => i.sym.clone(),
            ModuleExportName::Str(s) => Atom::from(s.value.to_string_lossy().as_ref()),
        };
        if let Some(module) = module {
            return self.facts.is_value(module, &name).unwrap_or(true);
        }
        self.name_is_value(&name)
    }

    /// Whether a top-level name is a value: imports are asked about, type-only declarations
    /// are not values.
    fn name_is_value(&self, name: &Atom) -> bool {
        let Some(&id) = self.res.top_level.get(name) else {
            return true;
        };
        match &self.res.bindings[id].kind {
            BindingKind::TypeOnly => false,
            BindingKind::Import { item, specifier } => {
                let Some(ModuleItem::ModuleDecl(ModuleDecl::Import(import))) = self.file.module.body.get(*item) else {
                    return true;
                };
                if import.type_only {
                    return false;
                }
                let module = import.src.value.to_string_lossy();
                let imported = match import.specifiers.iter().enumerate().find(|(i, s)| match s {
                    ImportSpecifier::Default(_) => *specifier == usize::MAX,
                    _ => i == specifier,
                }) {
                    Some((_, ImportSpecifier::Named(n))) => {
                        if n.is_type_only {
                            return false;
                        }
                        match &n.imported {
                            Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                            Some(ModuleExportName::Str(s)) => s.value.to_string_lossy().into_owned(),
                            None => n.local.sym.to_string(),
                        }
                    }
                    Some((_, ImportSpecifier::Default(_))) => "default".to_string(),
                    _ => return true,
                };
                self.facts.is_value(&module, &imported).unwrap_or(true)
            }
            BindingKind::Enum { decls } => !decls.iter().all(|d| d.is_const) || self.opts.keep_const_enums(),
            _ => true,
        }
    }

    fn export_default_decl(&mut self, def: &ExportDefaultDecl) -> bool {
        match &def.decl {
            DefaultDecl::TsInterfaceDecl(_) => {
                self.delete(def.span);
                false
            }
            DefaultDecl::Class(c) => {
                self.class_keyword_modifiers(self.lo(def.span), &c.class);
                c.class.visit_with(self);
                if self.opts.experimental_decorators && self.has_kept_decorators(&c.class) {
                    let name = c.ident.as_ref().map(|i| (&i.sym, i.span.lo.0));
                    self.legacy_decorated_class(&c.class, name, def.span, crate::decorate::ClassExport::Default);
                }
                true
            }
            DefaultDecl::Fn(f) => {
                if f.function.body.is_none() {
                    self.delete(def.span);
                    return false;
                }
                f.visit_with(self);
                true
            }
        }
    }

    fn export_default_expr(&mut self, def: &ExportDefaultExpr) -> bool {
        if let Expr::Ident(ident) = &*def.expr {
            if !self.opts.verbatim_module_syntax && !self.name_is_value(&ident.sym) {
                self.delete(def.span);
                return false;
            }
        }
        let lo = self.lo(def.expr.span());
        self.stmt_starts.insert(lo);
        def.expr.visit_with(self);
        self.ensure_semicolon(def.span);
        true
    }

    /// Deletes `abstract`/`declare` before the `class` keyword of a class statement at `lo`.
    pub fn class_keyword_modifiers(&mut self, lo: u32, class: &Class) {
        let skip: Vec<(usize, usize)> =
            class.decorators.iter().map(|d| (self.lo(d.span) as usize, self.hi(d.span) as usize)).collect();
        let start = skip.iter().map(|s| s.1).max().unwrap_or(lo as usize).max(lo as usize);
        let Some(class_kw) = find_word(self.src, start, self.hi(class.span) as usize, "class") else {
            return;
        };
        for (l, h) in syntax::ts_modifiers(self.src, start, class_kw, &[]) {
            self.p.delete(l as u32, h as u32);
        }
    }

    /// Records the edits of a declaration statement (`export` included in `span` when
    /// `exported`); returns whether it stays an exported statement.
    pub fn declaration(&mut self, decl: &Decl, span: swc_common::Span, exported: bool) -> bool {
        let in_namespace = !self.namespaces.is_empty();
        let export_keyword_end = if exported { Some(self.lo(decl.span())) } else { None };
        match decl {
            Decl::TsInterface(_) | Decl::TsTypeAlias(_) => {
                self.delete(span);
                false
            }
            Decl::Class(c) => {
                if c.declare {
                    self.delete(span);
                    return false;
                }
                self.record_declaration(&c.ident.sym);
                self.class_keyword_modifiers(self.lo(span), &c.class);
                c.class.visit_with(self);
                if self.opts.experimental_decorators && self.has_kept_decorators(&c.class) {
                    let export =
                        if exported { crate::decorate::ClassExport::Named } else { crate::decorate::ClassExport::None };
                    if self.legacy_decorated_class(&c.class, Some((&c.ident.sym, c.ident.span.lo.0)), span, export) {
                        return exported && !in_namespace;
                    }
                }
                if in_namespace && exported {
                    self.namespace_export_of_declaration(span, export_keyword_end, &c.ident.sym);
                    return false;
                }
                exported
            }
            Decl::Fn(f) => {
                if f.declare || f.function.body.is_none() {
                    self.delete(span);
                    return false;
                }
                self.record_declaration(&f.ident.sym);
                f.function.visit_with(self);
                if in_namespace && exported {
                    self.namespace_export_of_declaration(span, export_keyword_end, &f.ident.sym);
                    return false;
                }
                exported
            }
            Decl::Var(v) => {
                if v.declare {
                    self.delete(span);
                    return false;
                }
                v.visit_with(self);
                if in_namespace && exported {
                    self.namespace_var(span, v);
                    return false;
                }
                self.ensure_semicolon(span);
                exported
            }
            Decl::Using(u) => {
                if self.opts.target < Target::EsNext {
                    self.unsupported(u.span, "`using` declarations below target ESNext", "target ESNext");
                }
                u.visit_with(self);
                self.ensure_semicolon(span);
                exported
            }
            Decl::TsEnum(en) => {
                if en.declare {
                    self.delete(span);
                    return false;
                }
                self.enum_declaration(en, span, exported)
            }
            Decl::TsModule(m) => {
                if m.declare || m.global || !matches!(m.id, TsModuleName::Ident(_)) {
                    self.delete(span);
                    return false;
                }
                self.namespace_declaration(m, span, exported)
            }
        }
    }

    /// `export class C {}` in a namespace: `class C {}` followed by `N.C = C;`.
    fn namespace_export_of_declaration(&mut self, span: swc_common::Span, decl_lo: Option<u32>, name: &Atom) {
        let lo = self.lo(span);
        if let Some(decl_lo) = decl_lo {
            self.p.delete(lo, decl_lo);
        }
        let ns = self.namespaces.last().map(|n| n.name.clone()).unwrap_or_default();
        let hi = self.hi(span);
        self.p.insert(hi, format!("\n{ns}.{name} = {name};"));
    }

    /// `export const a = 1, b;` in a namespace: `N.a = 1;` (uninitialised ones vanish).
    fn namespace_var(&mut self, span: swc_common::Span, v: &VarDecl) {
        let ns = self.namespaces.last().map(|n| n.name.clone()).unwrap_or_default();
        let mut parts = Vec::new();
        for d in &v.decls {
            let Some(init) = &d.init else { continue };
            match &d.name {
                Pat::Ident(id) => parts.push(format!("{ns}.{} = {}", id.id.sym, self.render(init.span()))),
                _ => self.unsupported(
                    d.span,
                    "a destructuring export in a namespace",
                    "declare the variables one by one",
                ),
            }
        }
        let (lo, hi) = self.range(span);
        if parts.is_empty() {
            self.p.replace(lo, hi, "");
        } else {
            self.p.replace(lo, hi, format!("{};", parts.join(", ")));
        }
    }

    /// Deletes a `,` after the last parameter or argument: tsc prints none.
    pub fn delete_trailing_comma(&mut self, last_hi: u32) {
        let at = syntax::skip_trivia(self.src, last_hi as usize);
        if self.src.as_bytes().get(at) == Some(&b',') {
            self.p.delete(at as u32, at as u32 + 1);
        }
    }

    /// Deletes a `?` or `!` ending at or right after `pos` (optional and definite markers).
    pub fn delete_marker_after(&mut self, pos: u32, markers: &[u8]) {
        if pos > 0 {
            if let Some(&c) = self.src.as_bytes().get(pos as usize - 1) {
                if markers.contains(&c) {
                    self.p.delete(pos - 1, pos);
                    return;
                }
            }
        }
        let at = syntax::skip_trivia(self.src, pos as usize);
        if let Some(&c) = self.src.as_bytes().get(at) {
            if markers.contains(&c) && self.src.as_bytes().get(at + 1) != Some(&b'.') {
                self.p.delete(at as u32, at as u32 + 1);
            }
        }
    }
}

fn entity_name_text(name: &TsEntityName) -> String {
    match name {
        TsEntityName::Ident(i) => i.sym.to_string(),
        TsEntityName::TsQualifiedName(q) => {
            format!("{}.{}", entity_name_text(&q.left), q.right.sym)
        }
    }
}

/// The position of the word `word` at or after `from` (before `to`), skipping trivia and other words.
pub(crate) fn find_word(src: &str, from: usize, to: usize, word: &str) -> Option<usize> {
    let mut pos = from;
    while pos < to {
        pos = syntax::skip_trivia(src, pos);
        let w = syntax::word_at(src, pos);
        if w == word {
            return Some(pos);
        }
        if w.is_empty() {
            pos += src[pos..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
        } else {
            pos += w.len();
        }
    }
    None
}

fn has_use_strict(module: &Module) -> bool {
    for item in &module.body {
        match item {
            ModuleItem::Stmt(Stmt::Expr(ExprStmt { expr, .. })) => match &**expr {
                Expr::Lit(Lit::Str(s)) => {
                    if s.value.to_string_lossy() == "use strict" {
                        return true;
                    }
                }
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

fn has_import_meta(module: &Module) -> bool {
    struct Find(bool);
    impl Visit for Find {
        fn visit_meta_prop_expr(&mut self, m: &MetaPropExpr) {
            if m.kind == MetaPropKind::ImportMeta {
                self.0 = true;
            }
        }
    }
    let mut f = Find(false);
    module.visit_with(&mut f);
    f.0
}
