//! Parsing a file with swc, and the source positions Angular's collector reports.
//!
//! TypeScript reports a node at `node.getStart()`: its first token, after leading trivia.
//! swc spans start at the first token too, so most positions are a span's `lo`; the few
//! nodes swc has no span for (array holes) or spans differently (a class with decorators) are
//! computed here. Leading trivia is also what `@dynamic` comments are looked up in.

use ngc_diagnostics::{Diagnostic, LineIndex, Span};
use swc_common::comments::SingleThreadedComments;
use swc_common::input::StringInput;
use swc_common::{BytePos, Spanned};
use swc_ecma_ast::Module;
use swc_ecma_parser::{Parser, Syntax, TsSyntax};

use crate::diagnostics;

/// swc reserves `BytePos(0)` for dummy spans, so byte offset `n` is `BytePos(n + BASE)`.
const BASE: u32 = 1;

/// One parsed file: its text, line index and comment ranges.
pub(crate) struct SourceFile<'a> {
    pub text: &'a str,
    pub is_declaration_file: bool,
    line_index: LineIndex,
    /// Comment ranges `(start, end)` in byte offsets, sorted by start.
    comments: Vec<(u32, u32)>,
}

/// Parses `text` as a TypeScript module with decorators.
pub(crate) fn parse<'a>(file_name: &str, text: &'a str) -> Result<(Module, SourceFile<'a>), Vec<Diagnostic>> {
    let lower = file_name.to_ascii_lowercase();
    let is_declaration_file = lower.ends_with(".d.ts");
    let syntax = Syntax::Typescript(TsSyntax {
        tsx: lower.ends_with(".tsx"),
        decorators: true,
        dts: is_declaration_file,
        ..Default::default()
    });
    let end = BytePos(BASE + text.len() as u32);
    let comments = SingleThreadedComments::default();
    let input = StringInput::new(text, BytePos(BASE), end);
    let mut parser = Parser::new(syntax, input, Some(&comments));
    let module = parser.parse_module();
    let mut errors: Vec<Diagnostic> = parser
        .take_errors()
        .into_iter()
        .map(|e| diagnostics::syntax_error(span_of(e.span()), e.kind().msg().to_string()))
        .collect();
    let module = match module {
        Ok(module) => module,
        Err(e) => {
            errors.push(diagnostics::syntax_error(span_of(e.span()), e.kind().msg().to_string()));
            errors.sort_by_key(|d| d.primary.as_ref().map(|l| l.span.start));
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (leading, trailing) = comments.take_all();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for map in [leading, trailing] {
        for (_, list) in map.take() {
            for c in list {
                let s = span_of(c.span);
                ranges.push((s.start, s.end));
            }
        }
    }
    ranges.sort_unstable();
    ranges.dedup();
    let stray = stray_decorators(&module, text, &ranges);
    if !stray.is_empty() {
        return Err(stray);
    }
    let source = SourceFile { text, is_declaration_file, line_index: LineIndex::new(text), comments: ranges };
    Ok((module, source))
}

/// TypeScript's TS1206 "Decorators are not valid here.": swc parses decorators that no class
/// follows (on an enum, an interface, a function, a variable) and drops them, so they are found
/// as text in the gaps between module items (outside comments). One diagnostic per gap.
fn stray_decorators(module: &Module, text: &str, comments: &[(u32, u32)]) -> Vec<Diagnostic> {
    use swc_ecma_ast::{Decl, DefaultDecl, ModuleDecl, ModuleItem, Stmt};
    let class_decorator = |item: &ModuleItem| {
        let class = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(c))) => &c.class,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => match &e.decl {
                Decl::Class(c) => &c.class,
                _ => return None,
            },
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(e)) => match &e.decl {
                DefaultDecl::Class(c) => &c.class,
                _ => return None,
            },
            _ => return None,
        };
        class.decorators.first().map(|d| span_of(d.span).start)
    };
    let bytes = text.as_bytes();
    // A `#!` line is not TypeScript.
    let first = if text.starts_with("#!") { text.find('\n').unwrap_or(text.len()) as u32 } else { 0 };
    let mut gaps = Vec::new();
    let mut previous_end = first;
    for item in &module.body {
        let span = span_of(item.span());
        let start = class_decorator(item).map_or(span.start, |d| d.min(span.start));
        gaps.push((previous_end, start));
        previous_end = previous_end.max(span.end);
    }
    gaps.push((previous_end, text.len() as u32));
    let mut out = Vec::new();
    for (from, to) in gaps {
        let mut at = from;
        while at < to.min(bytes.len() as u32) {
            let before = comments.partition_point(|&(start, _)| start <= at);
            if let Some(&(_, end)) = before.checked_sub(1).map(|i| &comments[i]).filter(|&&(_, end)| at < end) {
                at = end;
                continue;
            }
            if bytes[at as usize] == b'@' {
                let message = "Decorators are not valid here.".to_string();
                out.push(diagnostics::syntax_error(Span::new(at, at + 1), message));
                break;
            }
            at += 1;
        }
    }
    out
}

/// A swc span as byte offsets into the text.
pub(crate) fn span_of(span: swc_common::Span) -> Span {
    Span::new(span.lo.0.saturating_sub(BASE), span.hi.0.saturating_sub(BASE))
}

impl SourceFile<'_> {
    /// Zero-based line and UTF-16 character of a byte offset, as TypeScript reports them.
    pub fn line_char(&self, offset: u32) -> (u32, u32) {
        let lc = self.line_index.utf16_line_col(self.text, offset);
        (lc.line, lc.col)
    }

    /// Text of a byte range.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }

    fn comment_ending_at(&self, end: u32) -> Option<(u32, u32)> {
        let i = self.comments.partition_point(|&(s, _)| s < end);
        self.comments[..i].iter().rev().find(|&&(_, e)| e == end).copied()
    }

    fn comment_starting_at(&self, start: u32) -> Option<(u32, u32)> {
        let i = self.comments.partition_point(|&(s, _)| s < start);
        self.comments.get(i).filter(|&&(s, _)| s == start).copied()
    }

    /// Start of the trivia (white space and comments) that precedes `start`: TypeScript's
    /// `node.pos` for a node whose first token is at `start`.
    pub fn trivia_start(&self, start: u32) -> u32 {
        let bytes = self.text.as_bytes();
        let mut pos = start as usize;
        loop {
            let before = pos;
            while pos > 0 {
                let prev = self.text[..pos].chars().next_back();
                match prev {
                    Some(c) if is_ts_whitespace(c) => pos -= c.len_utf8(),
                    _ => break,
                }
            }
            if let Some((s, _)) = self.comment_ending_at(pos as u32) {
                pos = s as usize;
            }
            if pos == before || pos == 0 || bytes.is_empty() {
                break;
            }
        }
        pos as u32
    }

    /// Whether the trivia before the node starting at `start` mentions `@dynamic`.
    pub fn leading_trivia_has_dynamic(&self, start: u32) -> bool {
        let pos = self.trivia_start(start);
        pos != start && self.slice(Span::new(pos, start)).contains("@dynamic")
    }

    /// Skips white space and comments forward from `offset`.
    pub fn skip_trivia(&self, offset: u32) -> u32 {
        let mut pos = offset as usize;
        while pos < self.text.len() {
            if let Some((_, e)) = self.comment_starting_at(pos as u32) {
                pos = e as usize;
                continue;
            }
            match self.text[pos..].chars().next() {
                Some(c) if is_ts_whitespace(c) => pos += c.len_utf8(),
                _ => break,
            }
        }
        pos as u32
    }

    /// Whether the parameter list that opens after `offset` (past a name or type parameters,
    /// and an optional `?`) starts with a `this` parameter. swc does not keep `this`
    /// parameters in its AST; TypeScript (and so the original collector) counts them.
    pub fn has_this_parameter(&self, offset: u32) -> bool {
        let mut pos = self.skip_trivia(offset) as usize;
        if self.text.as_bytes().get(pos) == Some(&b'?') {
            pos = self.skip_trivia(pos as u32 + 1) as usize;
        }
        if self.text.as_bytes().get(pos) != Some(&b'(') {
            return false;
        }
        let pos = self.skip_trivia(pos as u32 + 1) as usize;
        let rest = &self.text[pos..];
        rest.starts_with("this") && !rest[4..].starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
    }

    /// The `/// <amd-module name="..."/>` of the file's leading comments, as TypeScript reads it.
    pub fn amd_module_name(&self) -> Option<String> {
        let mut result = None;
        let mut pos = 0u32;
        loop {
            let next = self.skip_whitespace(pos);
            let Some((s, e)) = self.comment_starting_at(next) else { break };
            let comment = self.slice(Span::new(s, e));
            if comment.starts_with("//") && !comment.starts_with("/*") {
                if let Some(name) = amd_module_pragma(comment) {
                    result = Some(name);
                }
            }
            pos = e;
        }
        result
    }

    fn skip_whitespace(&self, offset: u32) -> u32 {
        let rest = &self.text[offset as usize..];
        let skipped = rest.len() - rest.trim_start_matches(is_ts_whitespace).len();
        offset + skipped as u32
    }
}

/// TypeScript's white space and line breaks.
fn is_ts_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{feff}' | '\u{85}' | '\u{1680}'
            | '\u{2000}'..='\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Matches `^///\s*<(\S+)\s.*?/>` with tag `amd-module` (any case) and returns the value of
/// its `name` argument, found as `(\sname\s*=\s*)('|")(.+?)\2` case-insensitively.
fn amd_module_pragma(comment: &str) -> Option<String> {
    let rest = comment.strip_prefix("///")?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace());
    let rest = rest.strip_prefix('<')?;
    let tag_len = rest.find(char::is_whitespace)?;
    if tag_len == 0 || !rest[tag_len..].contains("/>") {
        return None;
    }
    if !rest[..tag_len].eq_ignore_ascii_case("amd-module") {
        return None;
    }
    let lower = comment.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("name") {
        let at = from + found;
        from = at + 1;
        let preceded_by_space = comment[..at].chars().next_back().is_some_and(char::is_whitespace);
        if !preceded_by_space {
            continue;
        }
        let after = &comment[at + 4..];
        let after = after.trim_start_matches(char::is_whitespace);
        let Some(after) = after.strip_prefix('=') else { continue };
        let after = after.trim_start_matches(char::is_whitespace);
        let quote = match after.as_bytes().first() {
            Some(b'\'') => '\'',
            Some(b'"') => '"',
            _ => continue,
        };
        let value = &after[1..];
        // `.+?` needs at least one character before the closing quote.
        let mut chars = value.char_indices();
        if chars.next().is_none() {
            continue;
        }
        if let Some((end, _)) = chars.find(|&(_, c)| c == quote) {
            return Some(value[..end].to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::amd_module_pragma;

    #[test]
    fn amd_module_pragma_as_typescript_reads_it() {
        assert_eq!(amd_module_pragma("/// <amd-module name='a/b' />").as_deref(), Some("a/b"));
        assert_eq!(amd_module_pragma("///<AMD-module NAME=\"x\"/>").as_deref(), Some("x"));
        assert_eq!(amd_module_pragma("/// <amd-module  name = \"x\"/>").as_deref(), Some("x"));
        assert_eq!(amd_module_pragma("/// <reference path='x' />"), None);
        assert_eq!(amd_module_pragma("/// <amd-module name='' />"), None);
    }
}

/// Nesting deeper than this is refused before parsing (NGRS1003): the parser and the evaluator
/// recurse once per level, and the stack they get is finite.
pub(crate) const MAX_NESTING: u32 = 30_000;
