//! What a component template uses of its scope, as `R3TargetBinder` decides it: the
//! directives whose selectors match each element and template (static attributes, property
//! and two-way bindings, events, template attributes) and the pipes named in expressions —
//! eagerly (outside the main content of `@defer` blocks), in the whole template, and inside
//! each `@defer` block.

use std::collections::BTreeSet;

use ngc_expression::ast::{Ast, AstKind, AstWithSource};
use ngc_reflector::selector::{CssSelector, MatchNode, SelectorMatcher};
use ngc_template::r3_ast::{BindingType, DeferredBlock, Node, TemplateAttr};
use ngc_template::Span;

/// Directives (by index in the matcher's list) and pipes (by name) used.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub directives: BTreeSet<usize>,
    pub pipes: BTreeSet<String>,
}

impl Usage {
    fn extend(&mut self, other: &Usage) {
        self.directives.extend(other.directives.iter().copied());
        self.pipes.extend(other.pipes.iter().cloned());
    }
}

/// The binding of a whole template.
#[derive(Debug, Clone, Default)]
pub struct TemplateUsage {
    /// Used outside the main content of `@defer` blocks.
    pub eager: Usage,
    /// Used anywhere.
    pub all: Usage,
    /// Each `@defer` block (by span, in document order, nested ones included) with what its
    /// main content uses eagerly (not counting blocks nested in it).
    pub defer_blocks: Vec<(Span, Usage)>,
}

/// Binds `nodes` against directives with the given selectors (`None`: no selector).
pub fn bind(nodes: &[Node], selectors: &[Option<String>]) -> TemplateUsage {
    let mut matcher = SelectorMatcher::new();
    for (i, selector) in selectors.iter().enumerate() {
        if let Some(parsed) = selector.as_deref().and_then(|s| CssSelector::parse(s).ok()) {
            matcher.add_selectables(&parsed, i);
        }
    }
    let mut walker = Walker { matcher: &matcher, eager: Usage::default(), deferred: Usage::default(), blocks: Vec::new() };
    walker.nodes(nodes, false);
    let mut usage = TemplateUsage { eager: walker.eager.clone(), ..Default::default() };
    usage.all.extend(&walker.eager);
    usage.all.extend(&walker.deferred);
    // Each defer block is bound again on its own children.
    for block in walker.blocks {
        let mut inner = Walker { matcher: &matcher, eager: Usage::default(), deferred: Usage::default(), blocks: Vec::new() };
        inner.nodes(&block.children, false);
        usage.defer_blocks.push((block.span, inner.eager));
    }
    usage
}

struct Walker<'m, 'n> {
    matcher: &'m SelectorMatcher<usize>,
    eager: Usage,
    deferred: Usage,
    /// Every `@defer` block met, in document order.
    blocks: Vec<&'n DeferredBlock>,
}

fn is_i18n_attribute(name: &str) -> bool {
    name == "i18n" || name.starts_with("i18n-")
}

impl<'m, 'n> Walker<'m, 'n> {
    fn usage(&mut self, deferred: bool) -> &mut Usage {
        if deferred {
            &mut self.deferred
        } else {
            &mut self.eager
        }
    }

    fn nodes(&mut self, nodes: &'n [Node], deferred: bool) {
        for node in nodes {
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.node(node, deferred));
        }
    }

    fn matched(&mut self, node: &MatchNode<'_>, deferred: bool) {
        let selector = CssSelector::for_node(node);
        for (_, index) in self.matcher.match_element(&selector) {
            self.usage(deferred).directives.insert(index);
        }
    }

    fn node(&mut self, node: &'n Node, deferred: bool) {
        match node {
            Node::Element(el) => {
                let attributes: Vec<(String, String)> = el
                    .attributes
                    .iter()
                    .filter(|a| !is_i18n_attribute(&a.name))
                    .map(|a| (a.name.clone(), a.value.clone()))
                    .collect();
                let inputs: Vec<String> = el
                    .inputs
                    .iter()
                    .filter(|i| matches!(i.kind, BindingType::Property | BindingType::TwoWay))
                    .map(|i| i.name.clone())
                    .collect();
                let outputs: Vec<String> = el.outputs.iter().map(|o| o.name.clone()).collect();
                self.matched(
                    &MatchNode {
                        tag_name: &el.name,
                        is_template: false,
                        attributes: &attributes,
                        property_inputs: &inputs,
                        outputs: &outputs,
                        template_attrs: &[],
                    },
                    deferred,
                );
                el.inputs.iter().for_each(|i| self.expression(&i.value, deferred));
                el.outputs.iter().for_each(|o| self.expression(&o.handler, deferred));
                self.nodes(&el.children, deferred);
            }
            Node::Template(t) => {
                let attributes: Vec<(String, String)> = t
                    .attributes
                    .iter()
                    .filter(|a| !is_i18n_attribute(&a.name))
                    .map(|a| (a.name.clone(), a.value.clone()))
                    .collect();
                let inputs: Vec<String> = t
                    .inputs
                    .iter()
                    .filter(|i| matches!(i.kind, BindingType::Property | BindingType::TwoWay))
                    .map(|i| i.name.clone())
                    .collect();
                let outputs: Vec<String> = t.outputs.iter().map(|o| o.name.clone()).collect();
                let template_attrs: Vec<String> = t
                    .template_attrs
                    .iter()
                    .map(|a| match a {
                        TemplateAttr::Text(text) => text.name.clone(),
                        TemplateAttr::Bound(bound) => bound.name.clone(),
                    })
                    .collect();
                self.matched(
                    &MatchNode {
                        tag_name: t.tag_name.as_deref().unwrap_or("ng-template"),
                        is_template: true,
                        attributes: &attributes,
                        property_inputs: &inputs,
                        outputs: &outputs,
                        template_attrs: &template_attrs,
                    },
                    deferred,
                );
                t.inputs.iter().for_each(|i| self.expression(&i.value, deferred));
                t.outputs.iter().for_each(|o| self.expression(&o.handler, deferred));
                for attr in &t.template_attrs {
                    if let TemplateAttr::Bound(bound) = attr {
                        self.expression(&bound.value, deferred);
                    }
                }
                self.nodes(&t.children, deferred);
            }
            Node::Content(c) => self.nodes(&c.children, deferred),
            Node::Text(_) => {}
            Node::BoundText(text) => self.expression(&text.value, deferred),
            Node::Icu(icu) => {
                for (_, var) in &icu.vars {
                    self.expression(&var.value, deferred);
                }
                for (_, placeholder) in &icu.placeholders {
                    self.node(placeholder, deferred);
                }
            }
            Node::IfBlock(block) => {
                for branch in &block.branches {
                    if let Some(e) = &branch.expression {
                        self.expression(e, deferred);
                    }
                    self.nodes(&branch.children, deferred);
                }
            }
            Node::ForLoopBlock(block) => {
                self.expression(&block.expression, deferred);
                if let Some(track) = &block.track_by {
                    self.expression(track, deferred);
                }
                self.nodes(&block.children, deferred);
                if let Some(empty) = &block.empty {
                    self.nodes(&empty.children, deferred);
                }
            }
            Node::SwitchBlock(block) => {
                self.expression(&block.expression, deferred);
                for group in &block.groups {
                    for case in &group.cases {
                        if let Some(e) = &case.expression {
                            self.expression(e, deferred);
                        }
                    }
                    self.nodes(&group.children, deferred);
                }
            }
            Node::DeferredBlock(block) => {
                self.blocks.push(block);
                self.nodes(&block.children, true);
                for triggers in [&block.triggers, &block.prefetch_triggers, &block.hydrate_triggers] {
                    if let Some(value) = triggers.when.as_ref().and_then(|w| w.value.as_ref()) {
                        self.expression(value, deferred);
                    }
                }
                for sub in [&block.placeholder, &block.loading, &block.error].into_iter().flatten() {
                    self.nodes(&sub.children, deferred);
                }
            }
            Node::LetDeclaration(decl) => self.expression(&decl.value, deferred),
            Node::BoundaryBlock(block) => {
                self.nodes(&block.children, deferred);
                for error in &block.error_blocks {
                    self.nodes(&error.children, deferred);
                }
            }
            Node::ContentBlock(_) | Node::UnknownBlock(_) => {}
        }
    }

    fn expression(&mut self, expr: &AstWithSource, deferred: bool) {
        let mut stack: Vec<&Ast> = vec![&expr.ast];
        while let Some(ast) = stack.pop() {
            if let AstKind::Pipe { name, .. } = &ast.kind {
                self.usage(deferred).pipes.insert(name.clone());
            }
            ast.for_each_child(|child| stack.push(child));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ngc_template::{parse_template, ParseOptions};

    fn bound(template: &str) -> TemplateUsage {
        let parsed = parse_template(template, &ParseOptions::default());
        let selectors = [Some("[a]".to_string()), Some("b-c".to_string()), Some("[d]".to_string()), None];
        bind(&parsed.nodes, &selectors)
    }

    #[test]
    fn defer_blocks_are_bound_apart_from_the_eager_template() {
        let usage = bound(
            "<p a>{{ x | one }}</p>@defer (when y | two) { <b-c /> {{ z | three }} @defer { <i d></i> } } @placeholder { <i d></i> }",
        );
        assert_eq!(usage.eager.directives.iter().copied().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(usage.eager.pipes.iter().cloned().collect::<Vec<_>>(), ["one", "two"]);
        assert_eq!(usage.all.directives.iter().copied().collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(usage.all.pipes.len(), 3);
        assert_eq!(usage.defer_blocks.len(), 2);
        // The outer block uses `b-c` and `three`; its nested block is deferred again.
        assert_eq!(usage.defer_blocks[0].1.directives.iter().copied().collect::<Vec<_>>(), [1]);
        assert_eq!(usage.defer_blocks[0].1.pipes.iter().cloned().collect::<Vec<_>>(), ["three"]);
        assert_eq!(usage.defer_blocks[1].1.directives.iter().copied().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn structural_templates_match_their_template_attributes() {
        let usage = bound("<div *d></div><ng-template a></ng-template>");
        assert_eq!(usage.eager.directives.iter().copied().collect::<Vec<_>>(), [0, 2]);
    }
}
