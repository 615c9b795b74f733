//! ICU messages (`{count, plural, =0 {none} other {{{count}} items}}`): Angular turns each one into a `t.Icu`
//! whose variables (`VAR_PLURAL`, ...) and placeholders (`INTERPOLATION`, `START_TAG_SPAN`, ...) come from the
//! i18n message built for it. This module names them with the rules of Angular's `PlaceholderRegistry`.

use std::collections::BTreeMap;

use crate::html_ast as html;
use crate::lexer::TokenKind;
use crate::r3_ast::{BoundText, Icu, Node};
use crate::r3_transform::Transformer;
use crate::span::Span;
use crate::tag_definitions::get_html_tag_definition;

#[derive(Default)]
struct Registry {
    counts: BTreeMap<String, usize>,
    signatures: BTreeMap<String, String>,
    /// name → (text, span, full_start)
    content: Vec<(String, String, Span, u32)>,
}

impl Registry {
    fn unique(&mut self, base: &str) -> String {
        match self.counts.get_mut(base) {
            None => {
                self.counts.insert(base.to_string(), 1);
                base.to_string()
            }
            Some(id) => {
                let n = *id;
                *id += 1;
                format!("{base}_{n}")
            }
        }
    }
    fn by_signature(&mut self, signature: String, base: &str) -> String {
        if let Some(n) = self.signatures.get(&signature) {
            return n.clone();
        }
        let name = self.unique(base);
        self.signatures.insert(signature, name.clone());
        name
    }
    fn set(&mut self, name: String, text: String, span: Span, full_start: u32) {
        if let Some(e) = self.content.iter_mut().find(|e| e.0 == name) {
            *e = (name, text, span, full_start);
        } else {
            self.content.push((name, text, span, full_start));
        }
    }
}

fn tag_base(tag: &str) -> String {
    let upper = tag.to_uppercase();
    let known = match upper.as_str() {
        "A" => "LINK",
        "B" => "BOLD_TEXT",
        "BR" => "LINE_BREAK",
        "EM" => "EMPHASISED_TEXT",
        "H1" => "HEADING_LEVEL1",
        "H2" => "HEADING_LEVEL2",
        "H3" => "HEADING_LEVEL3",
        "H4" => "HEADING_LEVEL4",
        "H5" => "HEADING_LEVEL5",
        "H6" => "HEADING_LEVEL6",
        "HR" => "HORIZONTAL_RULE",
        "I" => "ITALIC_TEXT",
        "LI" => "LIST_ITEM",
        "LINK" => "MEDIA_LINK",
        "OL" => "ORDERED_LIST",
        "P" => "PARAGRAPH",
        "Q" => "QUOTATION",
        "S" => "STRIKETHROUGH_TEXT",
        "SMALL" => "SMALL_TEXT",
        "SUB" => "SUBSTRIPT",
        "SUP" => "SUPERSCRIPT",
        "TBODY" => "TABLE_BODY",
        "TD" => "TABLE_CELL",
        "TFOOT" => "TABLE_FOOTER",
        "TH" => "TABLE_HEADER_CELL",
        "THEAD" => "TABLE_HEADER",
        "TR" => "TABLE_ROW",
        "TT" => "MONOSPACED_TEXT",
        "U" => "UNDERLINED_TEXT",
        "UL" => "UNORDERED_LIST",
        _ => "",
    };
    if known.is_empty() {
        format!("TAG_{upper}")
    } else {
        known.to_string()
    }
}

fn visit_nodes(source: &str, nodes: &[html::Node], reg: &mut Registry, depth: usize) {
    for n in nodes {
        stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || visit(source, n, reg, depth));
    }
}

fn visit(source: &str, node: &html::Node, reg: &mut Registry, depth: usize) {
    match node {
        html::Node::Text(t) => {
            if t.tokens.len() > 1 {
                for tok in &t.tokens {
                    if tok.kind == TokenKind::Interpolation
                        || tok.kind == TokenKind::AttrValueInterpolation
                    {
                        let expression = tok.parts.get(1).cloned().unwrap_or_default();
                        let name = reg.by_signature(
                            format!("PH: INTERPOLATION={expression}"),
                            "INTERPOLATION",
                        );
                        reg.set(name, tok.parts.concat(), tok.span, tok.full_start);
                    }
                }
            }
        }
        html::Node::Expansion(x) => visit_expansion(source, x, reg, depth + 1),
        html::Node::Element(e) => {
            visit_nodes(source, &e.children, reg, depth);
            let is_void = get_html_tag_definition(&e.name).is_void;
            let mut attrs: Vec<(String, String)> = Vec::new();
            for a in &e.attrs {
                if let Some(existing) = attrs.iter_mut().find(|(n, _)| *n == a.name) {
                    existing.1 = a.value.clone();
                } else {
                    attrs.push((a.name.clone(), a.value.clone()));
                }
            }
            attrs.sort();
            let sig_attrs: String = attrs.iter().map(|(n, v)| format!(" {n}={v}")).collect();
            let signature = format!(
                "<{}{}{}",
                e.name,
                sig_attrs,
                if is_void {
                    "/>".to_string()
                } else {
                    format!("></{}>", e.name)
                }
            );
            let base = tag_base(&e.name);
            let start = reg.by_signature(
                signature,
                &if is_void {
                    base.clone()
                } else {
                    format!("START_{base}")
                },
            );
            reg.set(
                start,
                e.start_span.text(source).to_string(),
                e.start_span,
                e.start_span.start,
            );
            if !is_void {
                let close = reg.by_signature(
                    format!("</{}></{}>", e.name, e.name),
                    &format!("CLOSE_{base}"),
                );
                let span = e.end_span.unwrap_or(e.span);
                reg.set(close, format!("</{}>", e.name), span, span.start);
            }
        }
        html::Node::Block(b) => {
            visit_nodes(source, &b.children, reg, depth);
            if b.name != "switch" {
                let mut params: Vec<String> =
                    b.parameters.iter().map(|p| p.expression.clone()).collect();
                params.sort();
                let p = if params.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", params.join("; "))
                };
                let snake: String = b
                    .name
                    .to_uppercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                let start = reg.by_signature(
                    format!("@{}{p} {{}}", b.name),
                    &format!("START_BLOCK_{snake}"),
                );
                reg.set(
                    start,
                    b.start_span.text(source).to_string(),
                    b.start_span,
                    b.start_span.start,
                );
                let close = reg.by_signature(
                    format!("@close_{} {{}}", b.name),
                    &format!("CLOSE_BLOCK_{snake}"),
                );
                let (text, span) = match b.end_span {
                    Some(s) => (s.text(source).to_string(), s),
                    None => ("}".to_string(), b.span),
                };
                reg.set(close, text, span, span.start);
            }
        }
        html::Node::Comment(_) | html::Node::LetDeclaration(_) => {}
    }
}

fn visit_expansion(source: &str, x: &html::Expansion, reg: &mut Registry, depth: usize) {
    for c in &x.cases {
        visit_nodes(source, &c.expression, reg, depth);
    }
    let name = reg.unique(&format!("VAR_{}", x.kind).to_uppercase());
    reg.set(
        name,
        x.switch_value.clone(),
        x.switch_value_span,
        x.switch_value_span.start,
    );
}

pub(crate) fn icu_node(t: &mut Transformer, x: &html::Expansion) -> Node {
    let mut reg = Registry::default();
    visit_expansion(t.source, x, &mut reg, 0);
    let mut content = reg.content;
    content.sort_by(|a, b| a.0.cmp(&b.0));
    let mut vars = Vec::new();
    let mut placeholders = Vec::new();
    for (name, text, span, full_start) in content {
        if name.starts_with("VAR_") {
            let expr = t.bp.parse_interpolation_expression(&text, span.start, span);
            vars.push((
                name.trim().to_string(),
                BoundText {
                    value: expr,
                    span,
                    i18n: None,
                },
            ));
        } else {
            let node = t.visit_text_with_interpolation(&text, span, full_start, None);
            placeholders.push((name, node));
        }
    }
    Node::Icu(Icu {
        vars,
        placeholders,
        span: x.span,
        i18n: None,
    })
}
