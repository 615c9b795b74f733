//! Whitespace removal (Angular's `WhitespaceVisitor` as `parseTemplate` runs it when `preserveWhitespaces` is
//! false): blank text nodes go away, runs of whitespace collapse to one space, `&ngsp;` becomes a space, and
//! `<pre>`, `<textarea>`, `<script>`, `<style>`, `<template>` and `ngPreserveWhitespaces` subtrees are kept.

use crate::html_ast::*;
use crate::lexer::TokenKind;

pub(crate) const NGSP: char = '\u{E500}';
const PRESERVE_WS_ATTR_NAME: &str = "ngPreserveWhitespaces";
const SKIP_WS_TRIM_TAGS: &[&str] = &["pre", "template", "textarea", "script", "style"];

/// Angular's `WS_CHARS` set.
pub(crate) fn is_ws_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{c}' | '\n' | '\r' | '\t' | '\u{b}' | '\u{1680}' | '\u{180e}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `replaceNgsp` then collapse runs of two or more whitespace characters into one space.
pub(crate) fn process_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0usize;
    let mut run_text = String::new();
    for c in text.chars() {
        let c = if c == NGSP { ' ' } else { c };
        if is_ws_char(c) {
            run += 1;
            run_text.push(c);
        } else {
            flush(&mut out, &mut run, &mut run_text);
            out.push(c);
        }
    }
    flush(&mut out, &mut run, &mut run_text);
    out
}

fn flush(out: &mut String, run: &mut usize, run_text: &mut String) {
    if *run >= 2 {
        out.push(' ');
    } else {
        out.push_str(run_text);
    }
    *run = 0;
    run_text.clear();
}

pub(crate) fn replace_ngsp(text: &str) -> String {
    text.replace(NGSP, " ")
}

/// Removes whitespace from root nodes (`visitAll` at the root: no sibling context there).
pub fn remove_whitespaces(nodes: Vec<Node>) -> Vec<Node> {
    visit_nodes(nodes, false, 0)
}

fn visit_nodes(nodes: Vec<Node>, with_siblings: bool, icu_depth: usize) -> Vec<Node> {
    let is_expansion: Vec<bool> = nodes
        .iter()
        .map(|n| matches!(n, Node::Expansion(_)))
        .collect();
    let mut out = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.into_iter().enumerate() {
        let expansion_sibling = with_siblings
            && ((i > 0 && is_expansion[i - 1])
                || (i + 1 < is_expansion.len() && is_expansion[i + 1]));
        if let Some(n) = visit_node(node, expansion_sibling, icu_depth) {
            out.push(n);
        }
    }
    out
}

fn visit_node(node: Node, expansion_sibling: bool, icu_depth: usize) -> Option<Node> {
    stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || match node {
        Node::Element(mut e) => {
            if SKIP_WS_TRIM_TAGS.contains(&e.name.as_str())
                || e.attrs.iter().any(|a| a.name == PRESERVE_WS_ATTR_NAME)
            {
                e.attrs.retain(|a| a.name != PRESERVE_WS_ATTR_NAME);
            } else {
                e.children = visit_nodes(std::mem::take(&mut e.children), true, icu_depth);
            }
            Some(Node::Element(e))
        }
        Node::Text(mut t) => {
            if icu_depth > 0 {
                return Some(Node::Text(t));
            }
            let not_blank = t.value.chars().any(|c| !is_ws_char(c));
            if not_blank || expansion_sibling {
                for tok in t.tokens.iter_mut() {
                    if tok.kind == TokenKind::Text {
                        if let Some(p) = tok.parts.first_mut() {
                            *p = process_whitespace(p);
                        }
                    }
                }
                t.value = process_whitespace(&t.value);
                Some(Node::Text(t))
            } else {
                None
            }
        }
        Node::Expansion(mut x) => {
            for c in x.cases.iter_mut() {
                c.expression = visit_nodes(std::mem::take(&mut c.expression), true, icu_depth + 1);
            }
            Some(Node::Expansion(x))
        }
        Node::Block(mut b) => {
            b.children = visit_nodes(std::mem::take(&mut b.children), true, icu_depth);
            Some(Node::Block(b))
        }
        other => Some(other),
    })
}
