//! HTML AST → Render3 AST (Angular's `HtmlAstToIvyAst`): attributes become static attributes, property and
//! event bindings, references and variables; `*dir` attributes wrap the element in a template; `ng-template`,
//! `ng-content`, `ngNonBindable`, `<script>`/`<style>` are handled; blocks go to `blocks.rs`/`defer.rs`.

use crate::bindings::{BindingParser, ParsedProperty, ParsedPropertyKind};
use crate::html_ast as html;
use crate::r3_ast::*;
use crate::span::{ParseError, Span};
use crate::tag_definitions::split_ns_name;
use crate::whitespace::replace_ngsp;

pub struct TransformResult {
    pub nodes: Vec<Node>,
    pub errors: Vec<ParseError>,
    pub styles: Vec<String>,
    pub style_urls: Vec<String>,
    pub ng_content_selectors: Vec<String>,
}

pub fn html_ast_to_r3_ast(source: &str, url: &str, nodes: &[html::Node]) -> TransformResult {
    let mut t = Transformer {
        source,
        bp: BindingParser {
            errors: Vec::new(),
            locator: crate::expression::Locator::new(url, source),
        },
        errors: Vec::new(),
        styles: Vec::new(),
        style_urls: Vec::new(),
        ng_content_selectors: Vec::new(),
        in_i18n_block: false,
    };
    let out = t.visit_all(nodes);
    let mut errors = std::mem::take(&mut t.bp.errors);
    errors.extend(t.errors);
    TransformResult {
        nodes: out,
        errors,
        styles: t.styles,
        style_urls: t.style_urls,
        ng_content_selectors: t.ng_content_selectors,
    }
}

pub(crate) struct Transformer<'a> {
    pub(crate) source: &'a str,
    pub(crate) bp: BindingParser,
    pub(crate) errors: Vec<ParseError>,
    styles: Vec<String>,
    style_urls: Vec<String>,
    ng_content_selectors: Vec<String>,
    in_i18n_block: bool,
}

#[derive(Default)]
struct PreparedAttributes {
    attributes: Vec<TextAttribute>,
    bound_events: Vec<BoundEvent>,
    references: Vec<Reference>,
    variables: Vec<Variable>,
    template_variables: Vec<Variable>,
    element_has_inline_template: bool,
    parsed_properties: Vec<ParsedProperty>,
    template_parsed_properties: Vec<ParsedProperty>,
    i18n_attrs_meta: Vec<(String, html::I18nMeta)>,
}

enum Preparsed {
    NgContent,
    Style,
    Stylesheet,
    Script,
    Other,
}

pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(crate::lexer::is_js_trim)
}

impl<'a> Transformer<'a> {
    pub(crate) fn report(&mut self, message: impl Into<String>, span: Span) {
        self.errors.push(ParseError::new(message, span));
    }

    /// Visits siblings; primary blocks consume their connected blocks (`@else`, `@empty`, `@placeholder`...).
    pub(crate) fn visit_all(&mut self, nodes: &[html::Node]) -> Vec<Node> {
        let mut processed = vec![false; nodes.len()];
        let mut out = Vec::with_capacity(nodes.len());
        for i in 0..nodes.len() {
            if processed[i] {
                continue;
            }
            if let Some(n) = self.visit_node(nodes, i, &mut processed) {
                out.push(n);
            }
        }
        out
    }

    fn visit_node(
        &mut self,
        siblings: &[html::Node],
        i: usize,
        processed: &mut [bool],
    ) -> Option<Node> {
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || match &siblings[i] {
            html::Node::Element(e) => self.visit_element(e),
            html::Node::Text(t) => Some(self.visit_text_with_interpolation(
                &t.value,
                t.span,
                t.full_start,
                Some(&t.tokens),
            )),
            html::Node::Comment(_) => None,
            html::Node::Expansion(x) => Some(self.visit_expansion(x)),
            html::Node::Block(_) => self.visit_block(siblings, i, processed),
            html::Node::LetDeclaration(d) => Some(self.visit_let_declaration(d)),
        })
    }

    fn visit_let_declaration(&mut self, d: &html::LetDeclaration) -> Node {
        let before = self.bp.errors.len();
        let value = self
            .bp
            .parse_binding(&d.value, d.value_span.start, d.value_span);
        if self.bp.errors.len() == before && crate::expression::is_empty(&value) {
            self.report("@let declaration value cannot be empty", d.value_span);
        }
        Node::LetDeclaration(LetDeclaration {
            name: d.name.clone(),
            value,
            span: d.span,
            name_span: d.name_span,
            value_span: d.value_span,
        })
    }

    pub(crate) fn visit_text_with_interpolation(
        &mut self,
        value: &str,
        span: Span,
        full_start: u32,
        tokens: Option<&[crate::lexer::Token]>,
    ) -> Node {
        let value = replace_ngsp(value);
        match self
            .bp
            .parse_interpolation(&value, full_start, span, tokens)
        {
            Some(expr) => Node::BoundText(BoundText {
                value: expr,
                span,
                i18n: None,
            }),
            None => Node::Text(Text { value, span }),
        }
    }

    fn preparse(e: &html::Element) -> (Preparsed, String, Option<String>, bool) {
        let mut select = None;
        let mut href = None;
        let mut rel = None;
        let mut non_bindable = false;
        for a in &e.attrs {
            let lc = a.name.to_ascii_lowercase();
            if lc == "select" {
                select = Some(a.value.clone());
            } else if lc == "href" {
                href = Some(a.value.clone());
            } else if lc == "rel" {
                rel = Some(a.value.clone());
            } else if a.name == "ngNonBindable" {
                non_bindable = true;
            }
        }
        let select = match select {
            Some(s) if !s.is_empty() => s,
            _ => "*".to_string(),
        };
        let name = e.name.to_ascii_lowercase();
        let kind = if split_ns_name(&name).1 == "ng-content" {
            Preparsed::NgContent
        } else if name == "style" {
            Preparsed::Style
        } else if name == ":math:script" || name == ":svg:script" || name == "script" {
            Preparsed::Script
        } else if name == "link" && rel.as_deref() == Some("stylesheet") {
            Preparsed::Stylesheet
        } else {
            Preparsed::Other
        };
        (kind, select, href, non_bindable)
    }

    fn visit_element(&mut self, element: &html::Element) -> Option<Node> {
        let is_i18n_root = element.i18n.is_some();
        if is_i18n_root {
            if self.in_i18n_block {
                self.report(
                    "Cannot mark an element as translatable inside of a translatable section. Please remove the nested i18n marker.",
                    element.span,
                );
            }
            self.in_i18n_block = true;
        }
        let (kind, select, href, non_bindable) = Self::preparse(element);
        match kind {
            Preparsed::Script => return None,
            Preparsed::Style => {
                if let [html::Node::Text(t)] = element.children.as_slice() {
                    self.styles.push(t.value.clone());
                }
                return None;
            }
            Preparsed::Stylesheet if is_style_url_resolvable(href.as_deref()) => {
                if let Some(h) = href {
                    self.style_urls.push(h);
                }
                return None;
            }
            _ => {}
        }
        let is_template_element = split_ns_name(&element.name).1 == "ng-template";
        let prepared = self.prepare_attributes(&element.attrs, is_template_element);
        let children = if non_bindable {
            let mut out = Vec::new();
            non_bindable_nodes(self.source, &element.children, &mut out);
            out
        } else {
            self.visit_all(&element.children)
        };
        let PreparedAttributes {
            attributes,
            bound_events,
            references,
            variables,
            template_variables,
            element_has_inline_template,
            parsed_properties,
            template_parsed_properties,
            i18n_attrs_meta,
        } = prepared;
        let mut parsed: Node = if matches!(kind, Preparsed::NgContent) {
            let attrs = element.attrs.iter().map(text_attribute).collect();
            self.ng_content_selectors.push(select.clone());
            Node::Content(Content {
                selector: select,
                attributes: attrs,
                children,
                is_self_closing: element.is_self_closing,
                span: element.span,
                start_span: element.start_span,
                end_span: element.end_span,
                i18n: element.i18n.clone(),
            })
        } else if is_template_element {
            let (bound, _literal) = self.categorize_property_attributes(
                &element.name,
                parsed_properties,
                &i18n_attrs_meta,
            );
            Node::Template(Template {
                tag_name: Some(element.name.clone()),
                attributes,
                inputs: bound,
                outputs: bound_events,
                template_attrs: Vec::new(),
                children,
                references,
                variables,
                is_self_closing: element.is_self_closing,
                span: element.span,
                start_span: element.start_span,
                end_span: element.end_span,
                i18n: element.i18n.clone(),
            })
        } else {
            let (bound, _literal) = self.categorize_property_attributes(
                &element.name,
                parsed_properties,
                &i18n_attrs_meta,
            );
            if element.name == "ng-container" {
                for b in &bound {
                    if b.kind == BindingType::Attribute {
                        self.report(
                            "Attribute bindings are not supported on ng-container. Use property bindings instead.",
                            b.span,
                        );
                    }
                }
            }
            Node::Element(Element {
                name: element.name.clone(),
                attributes,
                inputs: bound,
                outputs: bound_events,
                children,
                references,
                is_self_closing: element.is_self_closing,
                span: element.span,
                start_span: element.start_span,
                end_span: element.end_span,
                is_void: element.is_void,
                i18n: element.i18n.clone(),
            })
        };
        if element_has_inline_template {
            parsed = self.wrap_in_template(
                parsed,
                template_parsed_properties,
                template_variables,
                &i18n_attrs_meta,
                is_template_element,
                is_i18n_root,
            );
        }
        if is_i18n_root {
            self.in_i18n_block = false;
        }
        Some(parsed)
    }

    fn wrap_in_template(
        &mut self,
        node: Node,
        template_properties: Vec<ParsedProperty>,
        template_variables: Vec<Variable>,
        i18n_attrs_meta: &[(String, html::I18nMeta)],
        is_template_element: bool,
        is_i18n_root: bool,
    ) -> Node {
        let (bound, literal) = self.categorize_property_attributes(
            "ng-template",
            template_properties,
            i18n_attrs_meta,
        );
        let mut template_attrs: Vec<TemplateAttr> =
            literal.into_iter().map(TemplateAttr::Text).collect();
        template_attrs.extend(bound.into_iter().map(TemplateAttr::Bound));
        let (name, attributes, inputs, outputs, span, start_span, end_span, i18n) = match &node {
            Node::Element(e) => (
                Some(e.name.clone()),
                e.attributes
                    .iter()
                    .filter(|a| !a.name.starts_with("animate."))
                    .cloned()
                    .collect(),
                e.inputs
                    .iter()
                    .filter(|b| b.kind != BindingType::Animation)
                    .cloned()
                    .collect(),
                e.outputs.clone(),
                e.span,
                e.start_span,
                e.end_span,
                e.i18n.clone(),
            ),
            Node::Template(t) => (
                None,
                vec![],
                vec![],
                vec![],
                t.span,
                t.start_span,
                t.end_span,
                t.i18n.clone(),
            ),
            Node::Content(c) => (
                None,
                vec![],
                vec![],
                vec![],
                c.span,
                c.start_span,
                c.end_span,
                c.i18n.clone(),
            ),
            other => (
                None,
                vec![],
                vec![],
                vec![],
                other.span(),
                other.span(),
                None,
                None,
            ),
        };
        // Angular names the wrapping template after the element; for `<ng-content *x>` it uses the name too.
        let name = match (&node, name) {
            (Node::Content(_), _) => Some("ng-content".to_string()),
            (_, n) => n,
        };
        let i18n = if is_template_element && is_i18n_root {
            None
        } else {
            i18n
        };
        Node::Template(Template {
            tag_name: name,
            attributes,
            inputs,
            outputs,
            template_attrs,
            children: vec![node],
            references: vec![],
            variables: template_variables,
            is_self_closing: false,
            span,
            start_span,
            end_span,
            i18n,
        })
    }

    fn categorize_property_attributes(
        &mut self,
        element_name: &str,
        properties: Vec<ParsedProperty>,
        i18n_meta: &[(String, html::I18nMeta)],
    ) -> (Vec<BoundAttribute>, Vec<TextAttribute>) {
        let mut bound = Vec::new();
        let mut literal = Vec::new();
        for prop in properties {
            let i18n = i18n_meta
                .iter()
                .find(|(n, _)| *n == prop.name)
                .map(|(_, m)| m.clone());
            if prop.kind == ParsedPropertyKind::LiteralAttr {
                literal.push(TextAttribute {
                    name: prop.name.clone(),
                    value: prop.expression.source.clone(),
                    span: prop.span,
                    key_span: Some(prop.key_span),
                    value_span: prop.value_span,
                    i18n,
                });
            } else {
                let is_attr_on = prop.name.to_ascii_lowercase().starts_with("attr.on");
                let mut b = self
                    .bp
                    .create_bound_element_property(element_name, prop, !is_attr_on);
                b.i18n = i18n;
                bound.push(b);
            }
        }
        (bound, literal)
    }

    fn prepare_attributes(
        &mut self,
        attrs: &[html::Attribute],
        is_template_element: bool,
    ) -> PreparedAttributes {
        let mut p = PreparedAttributes::default();
        for attribute in attrs {
            let mut has_binding = false;
            let mut is_template_binding = false;
            if let Some(m) = &attribute.i18n {
                p.i18n_attrs_meta.push((attribute.name.clone(), m.clone()));
            }
            if let Some(template_key) = attribute.name.strip_prefix('*') {
                if p.element_has_inline_template {
                    self.report(
                        "Can't have multiple template bindings on one element. Use only one attribute prefixed with *",
                        attribute.span,
                    );
                }
                is_template_binding = true;
                p.element_has_inline_template = true;
                let absolute_value_offset = match attribute.value_span {
                    Some(_) => attribute.value_full_start,
                    None => attribute.span.start + attribute.name.len() as u32,
                };
                let vars = self.bp.parse_inline_template_binding(
                    template_key,
                    &attribute.value,
                    attribute.span,
                    absolute_value_offset,
                    &mut p.template_parsed_properties,
                );
                p.template_variables.extend(vars);
            } else {
                has_binding = self.parse_attribute(is_template_element, attribute, &mut p);
            }
            if !has_binding && !is_template_binding {
                p.attributes.push(text_attribute(attribute));
            }
        }
        p
    }

    fn parse_attribute(
        &mut self,
        is_template_element: bool,
        attribute: &html::Attribute,
        p: &mut PreparedAttributes,
    ) -> bool {
        let name = attribute.name.as_str();
        let value = attribute.value.as_str();
        let src_span = attribute.span;
        let absolute_offset = if attribute.value_span.is_some() {
            attribute.value_full_start
        } else {
            src_span.start
        };
        let key_span = |prefix_len: usize, ident: &str| {
            let s = src_span.start + prefix_len as u32;
            Span::new(s, s + ident.len() as u32)
        };
        let value_span = attribute.value_span;
        // BIND_NAME_REGEXP
        let prefixes: [(&str, u8); 7] = [
            ("bind-", 1),
            ("let-", 2),
            ("ref-", 3),
            ("#", 3),
            ("on-", 4),
            ("bindon-", 5),
            ("@", 6),
        ];
        for (prefix, kind) in prefixes {
            if let Some(ident) = name.strip_prefix(prefix) {
                if ident.contains('\n')
                    || ident.contains('\r')
                    || ident.contains('\u{2028}')
                    || ident.contains('\u{2029}')
                {
                    break;
                }
                let ks = key_span(prefix.len(), ident);
                match kind {
                    1 => self.bp.parse_property_binding(
                        ident,
                        value,
                        false,
                        src_span,
                        absolute_offset,
                        value_span,
                        &mut p.parsed_properties,
                        ks,
                    ),
                    2 => {
                        if is_template_element {
                            if ident.contains('-') {
                                self.report("\"-\" is not allowed in variable names", src_span);
                            } else if ident.is_empty() {
                                self.report("Variable does not have a name", src_span);
                            }
                            p.variables.push(Variable {
                                name: ident.to_string(),
                                value: value.to_string(),
                                span: src_span,
                                key_span: ks,
                                value_span,
                            });
                        } else {
                            self.report(
                                "\"let-\" is only supported on ng-template elements.",
                                src_span,
                            );
                        }
                    }
                    3 => {
                        if ident.contains('-') {
                            self.report("\"-\" is not allowed in reference names", src_span);
                        } else if ident.is_empty() {
                            self.report("Reference does not have a name", src_span);
                        } else if p.references.iter().any(|r| r.name == ident) {
                            self.report(
                                format!("Reference \"#{ident}\" is defined more than once"),
                                src_span,
                            );
                        }
                        p.references.push(Reference {
                            name: ident.to_string(),
                            value: value.to_string(),
                            span: src_span,
                            key_span: ks,
                            value_span,
                        });
                    }
                    4 => {
                        let handler_span = value_span.unwrap_or(src_span);
                        let ev =
                            self.bp
                                .parse_event(ident, value, false, src_span, handler_span, ks);
                        p.bound_events.extend(ev);
                    }
                    5 => {
                        self.bp.parse_property_binding(
                            ident,
                            value,
                            true,
                            src_span,
                            absolute_offset,
                            value_span,
                            &mut p.parsed_properties,
                            ks,
                        );
                        let handler_span = value_span.unwrap_or(src_span);
                        let ev = self.bp.parse_event(
                            &format!("{ident}Change"),
                            value,
                            true,
                            src_span,
                            handler_span,
                            ks,
                        );
                        p.bound_events.extend(ev);
                    }
                    _ => {
                        let ks = key_span(0, name);
                        self.bp.parse_literal_attr(
                            name,
                            Some(value),
                            src_span,
                            absolute_offset,
                            value_span,
                            &mut p.parsed_properties,
                            ks,
                        );
                    }
                }
                return true;
            }
        }
        let delims: Option<(&str, &str)> = if name.starts_with("[(") {
            Some(("[(", ")]"))
        } else if name.starts_with('[') {
            Some(("[", "]"))
        } else if name.starts_with('(') {
            Some(("(", ")"))
        } else {
            None
        };
        if let Some((start, end)) = delims {
            if name.ends_with(end) && name.len() > start.len() + end.len() {
                let ident = &name[start.len()..name.len() - end.len()];
                let ks = key_span(start.len(), ident);
                match start {
                    "[(" => {
                        self.bp.parse_property_binding(
                            ident,
                            value,
                            true,
                            src_span,
                            absolute_offset,
                            value_span,
                            &mut p.parsed_properties,
                            ks,
                        );
                        let handler_span = value_span.unwrap_or(src_span);
                        let ev = self.bp.parse_event(
                            &format!("{ident}Change"),
                            value,
                            true,
                            src_span,
                            handler_span,
                            ks,
                        );
                        p.bound_events.extend(ev);
                    }
                    "[" => {
                        self.bp.parse_property_binding(
                            ident,
                            value,
                            false,
                            src_span,
                            absolute_offset,
                            value_span,
                            &mut p.parsed_properties,
                            ks,
                        );
                    }
                    _ => {
                        let handler_span = value_span.unwrap_or(src_span);
                        let ev =
                            self.bp
                                .parse_event(ident, value, false, src_span, handler_span, ks);
                        p.bound_events.extend(ev);
                    }
                }
                return true;
            }
        }
        let ks = key_span(0, name);
        let interp_span = value_span.unwrap_or(src_span);
        let interp_offset = if value_span.is_some() {
            attribute.value_full_start
        } else {
            src_span.start
        };
        let tokens = if attribute.value_tokens.is_empty() {
            None
        } else {
            Some(attribute.value_tokens.as_slice())
        };
        match self
            .bp
            .parse_interpolation(value, interp_offset, interp_span, tokens)
        {
            Some(expr) => {
                p.parsed_properties.push(ParsedProperty {
                    name: name.to_string(),
                    expression: expr,
                    kind: ParsedPropertyKind::Default,
                    span: src_span,
                    key_span: ks,
                    value_span,
                });
                true
            }
            None => false,
        }
    }

    fn visit_expansion(&mut self, x: &html::Expansion) -> Node {
        crate::icu::icu_node(self, x)
    }

    fn visit_block(
        &mut self,
        siblings: &[html::Node],
        index: usize,
        processed: &mut [bool],
    ) -> Option<Node> {
        let html::Node::Block(block) = &siblings[index] else {
            return None;
        };
        let connected = |pred: fn(&str) -> bool, processed: &mut [bool]| -> Vec<&html::Block> {
            let mut related = Vec::new();
            for (j, node) in siblings.iter().enumerate().skip(index + 1) {
                match node {
                    html::Node::Comment(_) => continue,
                    html::Node::Text(t) if is_blank(&t.value) => {
                        processed[j] = true;
                        continue;
                    }
                    html::Node::Block(b) if pred(&b.name) => {
                        related.push(b);
                        processed[j] = true;
                    }
                    _ => break,
                }
            }
            related
        };
        let (node, errors) = match block.name.as_str() {
            "defer" => {
                let c = connected(crate::defer::is_connected_defer_block, processed);
                crate::defer::create_deferred_block(self, block, &c)
            }
            "switch" => crate::blocks::create_switch_block(self, block),
            "for" => {
                let c = connected(|n| n == "empty", processed);
                crate::blocks::create_for_loop(self, block, &c)
            }
            "if" => {
                let c = connected(|n| n == "else" || n == "else if", processed);
                crate::blocks::create_if_block(self, block, &c)
            }
            "boundary" => {
                let c = connected(|n| n == "error", processed);
                crate::boundary::create_boundary_block(self, block, &c)
            }
            "content" => crate::boundary::create_content_block(self, block),
            name => {
                let msg = match name {
                    "error" => "@error block can only be used after an @defer or @boundary block."
                        .to_string(),
                    "placeholder" | "loading" => {
                        format!("@{name} block can only be used after an @defer block.")
                    }
                    "empty" => format!("@{name} block can only be used after an @for block."),
                    "else" | "else if" => {
                        format!("@{name} block can only be used after an @if or @else if block.")
                    }
                    _ => format!("Unrecognized block @{name}."),
                };
                (
                    Some(Node::UnknownBlock(UnknownBlock {
                        name: name.to_string(),
                        span: block.span,
                        name_span: block.name_span,
                    })),
                    vec![ParseError::new(msg, block.span)],
                )
            }
        };
        self.errors.extend(errors);
        node
    }
}

pub(crate) fn text_attribute(a: &html::Attribute) -> TextAttribute {
    TextAttribute {
        name: a.name.clone(),
        value: a.value.clone(),
        span: a.span,
        key_span: Some(a.key_span),
        value_span: a.value_span,
        i18n: a.i18n.clone(),
    }
}

fn is_style_url_resolvable(url: Option<&str>) -> bool {
    let Some(url) = url else { return false };
    if url.is_empty() || url.starts_with('/') {
        return false;
    }
    // /^([^:/?#]+):/
    match url.find([':', '/', '?', '#']) {
        Some(i) if i > 0 && url[i..].starts_with(':') => {
            let scheme = &url[..i];
            scheme == "package" || scheme == "asset"
        }
        _ => true,
    }
}

/// Angular's `NonBindableVisitor`: everything below `ngNonBindable` is plain elements and text.
fn non_bindable_nodes(source: &str, nodes: &[html::Node], out: &mut Vec<Node>) {
    for n in nodes {
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || match n {
            html::Node::Element(e) => {
                let name = e.name.to_ascii_lowercase();
                let is_stylesheet = name == "link"
                    && e.attrs
                        .iter()
                        .any(|a| a.name.eq_ignore_ascii_case("rel") && a.value == "stylesheet");
                if name == "style"
                    || name == "script"
                    || name == ":svg:script"
                    || name == ":math:script"
                    || is_stylesheet
                {
                    return;
                }
                let mut children = Vec::new();
                non_bindable_nodes(source, &e.children, &mut children);
                out.push(Node::Element(Element {
                    name: e.name.clone(),
                    attributes: e.attrs.iter().map(text_attribute).collect(),
                    inputs: vec![],
                    outputs: vec![],
                    children,
                    references: vec![],
                    is_self_closing: e.is_self_closing,
                    span: e.span,
                    start_span: e.start_span,
                    end_span: e.end_span,
                    is_void: e.is_void,
                    i18n: None,
                }));
            }
            html::Node::Text(t) => out.push(Node::Text(Text {
                value: t.value.clone(),
                span: t.span,
            })),
            html::Node::Block(b) => {
                out.push(Node::Text(Text {
                    value: b.start_span.text(source).to_string(),
                    span: b.start_span,
                }));
                non_bindable_nodes(source, &b.children, out);
                if let Some(end) = b.end_span {
                    out.push(Node::Text(Text {
                        value: end.text(source).to_string(),
                        span: end,
                    }));
                }
            }
            html::Node::LetDeclaration(d) => out.push(Node::Text(Text {
                value: format!("@let {} = {};", d.name, d.value),
                span: d.span,
            })),
            html::Node::Comment(_) | html::Node::Expansion(_) => {}
        });
    }
}
