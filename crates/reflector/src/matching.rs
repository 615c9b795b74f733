//! Which directives and pipes of a scope a template uses, as Angular's binder decides: the
//! selector of every directive in scope is matched against each element and template (with
//! its static attributes, property and two-way bindings, events and template attributes), and
//! every pipe name in a binding expression is looked up.

use std::collections::{BTreeSet, HashMap};

use ngc_expression::ast::{Ast, AstKind, AstWithSource};
use ngc_template::r3_ast::{BindingType, Node, TemplateAttr};
use ngc_template::{parse_template, ParseError, ParseOptions};

use crate::analysis::Analysis;
use crate::declarations::Declaration;
use crate::modules::SymbolId;
use crate::scope::Scope;
use crate::selector::{CssSelector, MatchNode, SelectorMatcher};

/// The directives and pipes a template uses, in scope order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateUsage {
    pub directives: Vec<SymbolId>,
    pub pipes: Vec<SymbolId>,
    /// Pipe names used but not in scope.
    pub unknown_pipes: Vec<String>,
}

/// Parses `template` and finds what it uses of `scope`.
pub fn template_usage(analysis: &Analysis<'_>, scope: &Scope, template: &str) -> (TemplateUsage, Vec<ParseError>) {
    let parsed = parse_template(template, &ParseOptions::default());
    let mut matcher = SelectorMatcher::new();
    for entry in &scope.directives {
        if let Some(Declaration::Directive(meta)) = analysis.declaration(&entry.symbol) {
            if let Some(selectors) = meta.selector.as_deref().and_then(|s| CssSelector::parse(s).ok()) {
                matcher.add_selectables(&selectors, entry.symbol.clone());
            }
        }
    }
    let mut walker = Walker { matcher: &matcher, directives: BTreeSet::new(), pipe_names: Vec::new() };
    walker.nodes(&parsed.nodes);
    let pipes_by_name: HashMap<String, SymbolId> = scope
        .pipes
        .iter()
        .filter_map(|entry| match analysis.declaration(&entry.symbol) {
            Some(Declaration::Pipe(pipe)) => Some((pipe.name.clone(), entry.symbol.clone())),
            _ => None,
        })
        .collect();
    let used_pipes: BTreeSet<SymbolId> = walker.pipe_names.iter().filter_map(|n| pipes_by_name.get(n).cloned()).collect();
    let mut unknown_pipes: Vec<String> = walker.pipe_names.iter().filter(|n| !pipes_by_name.contains_key(*n)).cloned().collect();
    unknown_pipes.dedup();
    let usage = TemplateUsage {
        directives: scope.directives.iter().map(|e| e.symbol.clone()).filter(|s| walker.directives.contains(s)).collect(),
        pipes: scope.pipes.iter().map(|e| e.symbol.clone()).filter(|s| used_pipes.contains(s)).collect(),
        unknown_pipes,
    };
    let errors = parsed.errors.clone();
    (usage, errors)
}

struct Walker<'m> {
    matcher: &'m SelectorMatcher<SymbolId>,
    directives: BTreeSet<SymbolId>,
    pipe_names: Vec<String>,
}

fn is_i18n_attribute(name: &str) -> bool {
    name == "i18n" || name.starts_with("i18n-")
}

impl Walker<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn matched(&mut self, node: &MatchNode<'_>) {
        let selector = CssSelector::for_node(node);
        for (_, symbol) in self.matcher.match_element(&selector) {
            self.directives.insert(symbol);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Element(el) => {
                let attributes: Vec<(String, String)> =
                    el.attributes.iter().filter(|a| !is_i18n_attribute(&a.name)).map(|a| (a.name.clone(), a.value.clone())).collect();
                let inputs: Vec<String> = el
                    .inputs
                    .iter()
                    .filter(|i| matches!(i.kind, BindingType::Property | BindingType::TwoWay))
                    .map(|i| i.name.clone())
                    .collect();
                let outputs: Vec<String> = el.outputs.iter().map(|o| o.name.clone()).collect();
                self.matched(&MatchNode {
                    tag_name: &el.name,
                    is_template: false,
                    attributes: &attributes,
                    property_inputs: &inputs,
                    outputs: &outputs,
                    template_attrs: &[],
                });
                el.inputs.iter().for_each(|i| self.expression(&i.value));
                el.outputs.iter().for_each(|o| self.expression(&o.handler));
                self.nodes(&el.children);
            }
            Node::Template(t) => {
                let attributes: Vec<(String, String)> =
                    t.attributes.iter().filter(|a| !is_i18n_attribute(&a.name)).map(|a| (a.name.clone(), a.value.clone())).collect();
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
                self.matched(&MatchNode {
                    tag_name: t.tag_name.as_deref().unwrap_or("ng-template"),
                    is_template: true,
                    attributes: &attributes,
                    property_inputs: &inputs,
                    outputs: &outputs,
                    template_attrs: &template_attrs,
                });
                t.inputs.iter().for_each(|i| self.expression(&i.value));
                t.outputs.iter().for_each(|o| self.expression(&o.handler));
                for attr in &t.template_attrs {
                    if let TemplateAttr::Bound(bound) = attr {
                        self.expression(&bound.value);
                    }
                }
                self.nodes(&t.children);
            }
            Node::Content(c) => self.nodes(&c.children),
            Node::Text(_) => {}
            Node::BoundText(text) => self.expression(&text.value),
            Node::Icu(icu) => {
                for (_, var) in &icu.vars {
                    self.expression(&var.value);
                }
                for (_, placeholder) in &icu.placeholders {
                    self.node(placeholder);
                }
            }
            Node::IfBlock(block) => {
                for branch in &block.branches {
                    if let Some(e) = &branch.expression {
                        self.expression(e);
                    }
                    self.nodes(&branch.children);
                }
            }
            Node::ForLoopBlock(block) => {
                self.expression(&block.expression);
                if let Some(track) = &block.track_by {
                    self.expression(track);
                }
                self.nodes(&block.children);
                if let Some(empty) = &block.empty {
                    self.nodes(&empty.children);
                }
            }
            Node::SwitchBlock(block) => {
                self.expression(&block.expression);
                for group in &block.groups {
                    for case in &group.cases {
                        if let Some(e) = &case.expression {
                            self.expression(e);
                        }
                    }
                    self.nodes(&group.children);
                }
            }
            Node::DeferredBlock(block) => {
                self.nodes(&block.children);
                for sub in [&block.placeholder, &block.loading, &block.error].into_iter().flatten() {
                    self.nodes(&sub.children);
                }
            }
            Node::LetDeclaration(decl) => self.expression(&decl.value),
            Node::BoundaryBlock(block) => {
                self.nodes(&block.children);
                for error in &block.error_blocks {
                    self.nodes(&error.children);
                }
            }
            Node::ContentBlock(_) | Node::UnknownBlock(_) => {}
        }
    }

    fn expression(&mut self, expr: &AstWithSource) {
        let mut stack: Vec<&Ast> = vec![&expr.ast];
        while let Some(ast) = stack.pop() {
            if let AstKind::Pipe { name, .. } = &ast.kind {
                self.pipe_names.push(name.clone());
            }
            ast.for_each_child(|child| stack.push(child));
        }
    }
}
