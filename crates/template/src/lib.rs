//! ngc-template: the Angular template front end of ngc-rs.
//!
//! [`parse_template`] turns a component template into the Render3 template AST ([`r3_ast`]) with byte spans,
//! the way Angular 22.2's `parseTemplate` does: HTML lexer ([`lexer`]) → tree builder ([`tree_builder`]) →
//! i18n attributes ([`i18n_meta`]) → whitespace removal ([`whitespace`]) → Render3 transform
//! ([`r3_transform`], with [`blocks`], [`defer`], [`icu`]). Binding expressions are parsed through the single
//! hook module [`expression`]. [`selector`] is Angular's CSS-selector parser (`CssSelector.parse`), shared by
//! directive matching, definition selectors and content projection.
//!
//! Architecture invariant: parsing never fails and never panics. Every malformed construct produces a
//! [`ParseError`] (Angular's message, an exact span) and the tree is still built. Deep nesting is handled with
//! an explicit stack in the tree builder and stack growth (`stacker`) in the recursive passes.
//!
//! Spans are byte offsets into the template text. For an inline template, cook the string literal with
//! [`SourceMap::from_js_string_literal`], parse the cooked text, and move every span into the `.ts` file with
//! [`ParsedTemplate::map_to_file`] (or map single spans with [`SourceMap::span_to_file`]). The `url@line:col`
//! inside expression error messages stays relative to the template text.
//!
//! Testing: `cargo test -p ngc-template` runs the differential test against Angular 22.2's `parseTemplate`
//! (corpus and oracle script in tests/fixtures/templates/, accepted differences listed with reasons in
//! accepted-differences.txt), snapshot tests (`UPDATE_SNAPSHOTS=1` rewrites them), HTML-layer unit tests,
//! source-map tests and robustness tests (deep nesting, random input). `cargo bench -p ngc-template` prints
//! the parse throughput.

mod bindings;
pub mod blocks;
pub mod boundary;
pub mod defer;
pub mod diagnostics;
mod entities;
pub mod expression;
pub mod html_ast;
pub mod i18n_meta;
pub mod icu;
pub mod json;
mod known_elements;
pub mod lexer;
pub mod map_spans;
pub mod print;
pub mod r3_ast;
pub mod r3_transform;
pub mod source_map;
pub mod selector;
pub mod span;
pub mod tag_definitions;
pub mod tree_builder;
pub mod whitespace;

pub use r3_ast::Node;
pub use source_map::SourceMap;
pub use span::{ParseError, Span};

/// Options of [`parse_template`]; the defaults are what `ngc` uses for a component template.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Keep whitespace-only text and runs of whitespace (`preserveWhitespaces`; default false).
    pub preserve_whitespaces: bool,
    /// Keep `\r\n` line endings in text (default false: normalised to `\n`).
    pub preserve_line_endings: bool,
    /// Tokenize `@if`/`@for`/... blocks (default true).
    pub enable_block_syntax: bool,
    /// Tokenize `@let` (default true).
    pub enable_let_syntax: bool,
    /// The template's URL, quoted in expression error messages (`url@line:col`).
    pub url: String,
    /// Normalise line endings in ICU switch expressions (`i18nNormalizeLineEndingsInICUs`; default false; ngc
    /// turns it on for inline templates).
    pub i18n_normalize_line_endings_in_icus: bool,
    /// Start token spans after leading spaces, tabs and line breaks (Angular's `leadingTriviaChars`; default
    /// true). The full start is kept where Angular keeps it.
    pub skip_leading_trivia: bool,
}

impl ParseOptions {
    /// The options of ngc's second parse of a component template, whose nodes the type-checker reports
    /// against: whitespace and line endings preserved, no leading-trivia skipping.
    pub fn diag_nodes(url: &str) -> Self {
        ParseOptions {
            preserve_whitespaces: true,
            preserve_line_endings: true,
            skip_leading_trivia: false,
            url: url.to_string(),
            ..Default::default()
        }
    }
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            preserve_whitespaces: false,
            preserve_line_endings: false,
            enable_block_syntax: true,
            enable_let_syntax: true,
            url: String::new(),
            skip_leading_trivia: true,
            i18n_normalize_line_endings_in_icus: false,
        }
    }
}

/// The result of [`parse_template`]: always a tree, plus the errors found while building it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTemplate {
    pub nodes: Vec<Node>,
    /// In Angular's order: binding and transform errors, then HTML errors, then i18n errors.
    pub errors: Vec<ParseError>,
    /// Contents of inline `<style>` elements.
    pub styles: Vec<String>,
    /// `href`s of `<link rel="stylesheet">` elements.
    pub style_urls: Vec<String>,
    /// `select` values of `<ng-content>`, in document order (`*` for none).
    pub ng_content_selectors: Vec<String>,
    pub preserve_whitespaces: bool,
}

/// Parses a template. Never fails: the result always has a tree (Angular's `parseTemplate` with
/// `alwaysAttemptHtmlToR3AstConversion`), and `errors` says what was wrong.
pub fn parse_template(source: &str, options: &ParseOptions) -> ParsedTemplate {
    let lexer_options = lexer::LexerOptions {
        tokenize_expansion_forms: true,
        tokenize_blocks: options.enable_block_syntax,
        tokenize_let: options.enable_let_syntax,
        preserve_line_endings: options.preserve_line_endings,
        i18n_normalize_line_endings_in_icus: options.i18n_normalize_line_endings_in_icus,
        leading_trivia: if options.skip_leading_trivia {
            vec![' ', '\n', '\r', '\t']
        } else {
            Vec::new()
        },
    };
    let tokens = lexer::tokenize(source, &lexer_options);
    let tree = tree_builder::build_tree(source, tokens.tokens);
    let mut html_errors = tokens.errors;
    html_errors.extend(tree.errors);
    let mut root = tree.root_nodes;
    let mut i18n_errors = Vec::new();
    i18n_meta::apply_i18n_meta(&mut root, &mut i18n_errors);
    if !options.preserve_whitespaces {
        root = whitespace::remove_whitespaces(root);
    }
    let result = r3_transform::html_ast_to_r3_ast(source, &options.url, &root);
    let mut errors = result.errors;
    errors.extend(html_errors);
    errors.extend(i18n_errors);
    drop_deep(root);
    ParsedTemplate {
        nodes: result.nodes,
        errors,
        styles: result.styles,
        style_urls: result.style_urls,
        ng_content_selectors: result.ng_content_selectors,
        preserve_whitespaces: options.preserve_whitespaces,
    }
}

/// Drops an HTML tree without recursion (the default drop glue recurses once per nesting level).
fn drop_deep(nodes: Vec<html_ast::Node>) {
    let mut stack = nodes;
    while let Some(node) = stack.pop() {
        match node {
            html_ast::Node::Element(mut e) => stack.append(&mut e.children),
            html_ast::Node::Block(mut b) => stack.append(&mut b.children),
            html_ast::Node::Expansion(mut x) => {
                for c in x.cases.iter_mut() {
                    stack.append(&mut c.expression);
                }
            }
            _ => {}
        }
    }
}

/// Dropping a parsed template flattens its tree first, so that arbitrarily deep trees drop in constant stack.
/// (To keep the nodes, take them: `std::mem::take(&mut parsed.nodes)`; drop deep trees with [`drop_nodes`].)
impl Drop for ParsedTemplate {
    fn drop(&mut self) {
        drop_nodes(std::mem::take(&mut self.nodes));
    }
}

/// Drops Render3 nodes without recursion (the default drop glue recurses once per nesting level).
pub fn drop_nodes(nodes: Vec<Node>) {
    let mut stack = nodes;
    while let Some(mut node) = stack.pop() {
        r3_ast::take_children(&mut node, &mut stack);
    }
}
