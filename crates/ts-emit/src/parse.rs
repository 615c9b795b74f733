//! Parsing a TypeScript file with swc into a [`ParsedFile`]: the AST, its comments and a source
//! map, with byte-offset spans for the rest of ngc-rs.

use std::sync::Arc;

use ngc_diagnostics::{nesting, Diagnostic, Span};
use swc_common::comments::SingleThreadedComments;
use swc_common::input::StringInput;
use swc_common::sync::Lrc;
use swc_common::{FileName, SourceMap, Spanned};
use swc_ecma_ast::Module;
use swc_ecma_parser::{Parser, Syntax, TsSyntax};

use crate::diagnostics;

/// Nesting beyond this is refused before parsing (as the collector does).
pub const MAX_NESTING: u32 = 30_000;

/// One parsed TypeScript source file.
///
/// swc spans (`swc_common::Span`, `BytePos`) are positions in [`ParsedFile::source_map`]; the
/// rest of ngc-rs speaks byte offsets into [`ParsedFile::text`] ([`Span`]):
/// [`ParsedFile::span`] converts.
pub struct ParsedFile {
    pub file_name: Arc<str>,
    pub text: Arc<str>,
    pub module: Module,
    pub comments: SingleThreadedComments,
    pub source_map: Lrc<SourceMap>,
    /// `BytePos` of the text's first byte in `source_map`.
    pub(crate) base: u32,
    /// Estimated nesting depth, for sizing the stack of recursive walks.
    pub(crate) depth: u32,
}

impl std::fmt::Debug for ParsedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedFile").field("file_name", &self.file_name).finish_non_exhaustive()
    }
}

/// Parses `text` as a TypeScript module with decorators (`.tsx` names enable JSX). Syntax errors
/// are returned as diagnostics (NGRS7001); so is nesting deeper than [`MAX_NESTING`] (NGRS7002).
///
/// A byte order mark is dropped: [`ParsedFile::text`] and every span start after it, and tsc
/// does not emit it either.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedFile, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let depth = match nesting::estimate(text, nesting::Grammar::Source, MAX_NESTING) {
        nesting::Nesting::Within(depth) => depth,
        nesting::Nesting::Excessive(offset) => {
            return Err(vec![diagnostics::nesting_too_deep(Span::new(offset, offset + 1), MAX_NESTING)])
        }
    };
    nesting::with_stack_for(depth, || parse_on_stack(file_name, text, depth))
}

fn parse_on_stack(file_name: &str, text: &str, depth: u32) -> Result<ParsedFile, Vec<Diagnostic>> {
    let lower = file_name.to_ascii_lowercase();
    let syntax = Syntax::Typescript(TsSyntax {
        tsx: lower.ends_with(".tsx"),
        decorators: true,
        dts: lower.ends_with(".d.ts"),
        ..Default::default()
    });
    let source_map: Lrc<SourceMap> = Lrc::default();
    let file = source_map.new_source_file(Lrc::new(FileName::Custom(file_name.to_string())), text.to_string());
    let base = file.start_pos.0;
    let to_span = |span: swc_common::Span| {
        Span::new(span.lo.0.saturating_sub(base), span.hi.0.saturating_sub(base).min(text.len() as u32))
    };
    let comments = SingleThreadedComments::default();
    let mut parser = Parser::new(syntax, StringInput::from(&*file), Some(&comments));
    let result = parser.parse_module();
    let mut errors: Vec<Diagnostic> = parser
        .take_errors()
        .into_iter()
        .map(|e| diagnostics::syntax_error(to_span(e.span()), e.kind().msg().to_string()))
        .collect();
    let module = match result {
        Ok(module) => module,
        Err(e) => {
            errors.push(diagnostics::syntax_error(to_span(e.span()), e.kind().msg().to_string()));
            errors.sort_by_key(|d| d.primary.as_ref().map(|l| l.span.start));
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        errors.sort_by_key(|d| d.primary.as_ref().map(|l| l.span.start));
        return Err(errors);
    }
    Ok(ParsedFile { file_name: Arc::from(file_name), text: Arc::from(text), module, comments, source_map, base, depth })
}

impl ParsedFile {
    /// A swc span as byte offsets into [`ParsedFile::text`].
    pub fn span(&self, span: swc_common::Span) -> Span {
        let len = self.text.len() as u32;
        Span::new(span.lo.0.saturating_sub(self.base).min(len), span.hi.0.saturating_sub(self.base).min(len))
    }

    /// The source text of a swc span.
    pub fn snippet(&self, span: swc_common::Span) -> &str {
        let s = self.span(span);
        self.text.get(s.start as usize..s.end as usize).unwrap_or("")
    }
}
