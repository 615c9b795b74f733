//! The part of Angular's `I18nMetaVisitor` that shapes the template AST: `i18n` / `i18n-attr` attributes are
//! parsed into [`I18nMeta`] (`meaning|description@@id`) on the element or attribute and removed from the
//! attribute list. Message extraction and placeholder naming belong to code generation.

use crate::html_ast::*;
use crate::span::ParseError;

/// `meaning|description@@id`.
pub fn parse_i18n_meta(meta: &str) -> I18nMeta {
    let meta = meta.trim_matches(crate::lexer::is_js_trim);
    if meta.is_empty() {
        return I18nMeta::default();
    }
    let (meaning_and_desc, custom_id) = match meta.find("@@") {
        Some(i) => (&meta[..i], &meta[i + 2..]),
        None => (meta, ""),
    };
    let (meaning, description) = match meta.find('|') {
        Some(i) if i <= meaning_and_desc.len() => (
            &meaning_and_desc[..i],
            meaning_and_desc.get(i + 1..).unwrap_or(""),
        ),
        Some(i) => (meaning_and_desc.get(..i).unwrap_or(meaning_and_desc), ""),
        None => ("", meaning_and_desc),
    };
    I18nMeta {
        meaning: meaning.to_string(),
        description: description.to_string(),
        custom_id: custom_id.to_string(),
    }
}

fn is_i18n_attr(name: &str) -> bool {
    name == "i18n" || name.starts_with("i18n-")
}

/// Whether an `i18n` element has translatable content (Angular drops the message when it has no nodes).
fn has_message_content(children: &[Node]) -> bool {
    children.iter().any(|c| match c {
        Node::Comment(_) => false,
        Node::Text(t) => t.value.chars().any(|ch| !crate::whitespace::is_ws_char(ch)),
        _ => true,
    })
}

fn is_trusted_types_sink(tag: &str, attr: &str) -> bool {
    let tag = tag.to_ascii_lowercase();
    let attr = attr.to_ascii_lowercase();
    matches!(
        (tag.as_str(), attr.as_str()),
        (_, "srcdoc") if tag == "iframe"
    ) || matches!(
        (tag.as_str(), attr.as_str()),
        ("embed", "src")
            | ("iframe", "src")
            | ("object", "codebase")
            | ("object", "data")
            | ("script", "src")
            | ("base", "href")
    ) || attr == "innerhtml"
        || attr == "outerhtml"
}

pub fn apply_i18n_meta(nodes: &mut [Node], errors: &mut Vec<ParseError>) {
    for n in nodes.iter_mut() {
        stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || visit(n, errors));
    }
}

fn visit(node: &mut Node, errors: &mut Vec<ParseError>) {
    match node {
        Node::Element(e) => {
            if e.attrs.iter().any(|a| is_i18n_attr(&a.name)) {
                let mut attrs = Vec::new();
                let mut attrs_meta: Vec<(String, String)> = Vec::new();
                for attr in std::mem::take(&mut e.attrs) {
                    if attr.name == "i18n" {
                        if has_message_content(&e.children) {
                            e.i18n = Some(parse_i18n_meta(&attr.value));
                        }
                    } else if let Some(name) = attr.name.strip_prefix("i18n-") {
                        if is_trusted_types_sink(&e.name, name)
                            || name.to_ascii_lowercase().starts_with("on")
                        {
                            errors.push(ParseError::new(
                                format!("Translating attribute '{name}' is disallowed for security reasons."),
                                attr.span,
                            ));
                        } else {
                            attrs_meta.push((name.to_string(), attr.value.clone()));
                        }
                    } else {
                        attrs.push(attr);
                    }
                }
                for attr in attrs.iter_mut() {
                    if let Some((_, meta)) = attrs_meta.iter().find(|(n, _)| *n == attr.name) {
                        if !attr.value.is_empty() {
                            attr.i18n = Some(parse_i18n_meta(meta));
                        }
                    }
                }
                e.attrs = attrs;
            }
            apply_i18n_meta(&mut e.children, errors);
        }
        Node::Block(b) => apply_i18n_meta(&mut b.children, errors),
        _ => {}
    }
}
