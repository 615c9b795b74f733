//! One file being transformed, as the analysis sees it: its text, AST, imports and top-level
//! declarations, and the identifiers it contains (for unique generated names).

use std::collections::{HashMap, HashSet};

use ngc_diagnostics::{LineIndex, Span};
use swc_ecma_ast as ast;

use crate::syntax::{Imports, Spans};

/// What a top-level name of the file declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    /// A class, enum, function, variable or namespace with values.
    Value,
    /// An interface or type alias.
    TypeOnly,
}

/// A top-level declaration.
#[derive(Debug, Clone, Copy)]
struct Local<'m> {
    kind: LocalKind,
    /// The initializer of a `const`.
    initializer: Option<&'m ast::Expr>,
}

/// The file being transformed.
pub struct Source<'m> {
    pub file_name: &'m str,
    pub text: &'m str,
    pub module: &'m ast::Module,
    pub spans: Spans,
    pub imports: Imports,
    pub line_index: LineIndex,
    locals: HashMap<String, Local<'m>>,
}

impl<'m> Source<'m> {
    pub fn new(file_name: &'m str, text: &'m str, module: &'m ast::Module, spans: Spans) -> Self {
        let imports = Imports::read(module);
        let mut locals = HashMap::new();
        for item in &module.body {
            let decl = match item {
                ast::ModuleItem::Stmt(ast::Stmt::Decl(d)) => Some(d),
                ast::ModuleItem::ModuleDecl(ast::ModuleDecl::ExportDecl(e)) => Some(&e.decl),
                _ => None,
            };
            let Some(decl) = decl else { continue };
            match decl {
                ast::Decl::Class(c) => {
                    locals.insert(c.ident.sym.to_string(), Local { kind: LocalKind::Value, initializer: None });
                }
                ast::Decl::Fn(f) => {
                    locals.insert(f.ident.sym.to_string(), Local { kind: LocalKind::Value, initializer: None });
                }
                ast::Decl::Var(v) => {
                    for d in &v.decls {
                        if let ast::Pat::Ident(b) = &d.name {
                            let initializer = if v.kind == ast::VarDeclKind::Const { d.init.as_deref() } else { None };
                            locals.insert(b.id.sym.to_string(), Local { kind: LocalKind::Value, initializer });
                        }
                    }
                }
                ast::Decl::TsEnum(e) => {
                    locals.insert(e.id.sym.to_string(), Local { kind: LocalKind::Value, initializer: None });
                }
                ast::Decl::TsModule(m) => {
                    if let ast::TsModuleName::Ident(i) = &m.id {
                        locals.entry(i.sym.to_string()).or_insert(Local { kind: LocalKind::Value, initializer: None });
                    }
                }
                ast::Decl::TsInterface(i) => {
                    locals.entry(i.id.sym.to_string()).or_insert(Local { kind: LocalKind::TypeOnly, initializer: None });
                }
                ast::Decl::TsTypeAlias(t) => {
                    locals.entry(t.id.sym.to_string()).or_insert(Local { kind: LocalKind::TypeOnly, initializer: None });
                }
                _ => {}
            }
        }
        Source { file_name, text, module, spans, imports, line_index: LineIndex::new(text), locals }
    }

    /// What a top-level name declares, if the file declares it.
    pub fn local_declaration(&self, name: &str) -> Option<LocalKind> {
        self.locals.get(name).map(|l| l.kind)
    }

    /// The initializer of a top-level `const`.
    pub fn local_const(&self, name: &str) -> Option<&'m ast::Expr> {
        self.locals.get(name).and_then(|l| l.initializer)
    }

    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &'m str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }

    /// The source text of a node.
    pub fn text_of(&self, node: &impl swc_common::Spanned) -> &'m str {
        self.slice(self.spans.of(node.span()))
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: u32) -> u32 {
        self.line_index.utf16_line_col(self.text, offset).line + 1
    }

    /// TypeScript's `SourceFile.identifiers`: every identifier name in the file. Generated
    /// names (namespace imports) avoid them.
    pub fn identifiers(&self) -> HashSet<String> {
        ngc_output::js_tokens::tokenize(self.text)
            .into_iter()
            .filter(|t| {
                matches!(t.kind, ngc_output::js_tokens::TokenKind::Identifier | ngc_output::js_tokens::TokenKind::Keyword)
            })
            .map(|t| t.text)
            .collect()
    }
}

/// Parses `text` for unit tests and hands the file's [`Source`] to `f`.
#[cfg(test)]
pub(crate) fn with_source<T>(text: &str, f: impl FnOnce(&Source<'_>) -> T) -> T {
    let parsed = ngc_ts_emit::parse("/p/src/a.ts", text).expect("test source parses");
    let spans = crate::compile::spans_of(&parsed);
    let source = Source::new(&parsed.file_name, &parsed.text, &parsed.module, spans);
    f(&source)
}
