//! Rewrites every absolute span of a parsed template (nodes, attributes, blocks, triggers, expressions and
//! errors) through a function — used to move the spans of an inline template from its cooked text into the
//! `.ts` file with a [`SourceMap`]. Relative expression spans (`Ast::span`) are left
//! relative to the expression text, as Angular keeps them.

use ngc_expression::{AbsoluteSpan, Ast, AstKind, LiteralMapKey};

use crate::expression::Expr;
use crate::r3_ast::*;
use crate::span::Span;
use crate::{ParsedTemplate, SourceMap};

struct Mapper<'a> {
    f: &'a dyn Fn(u32) -> u32,
}

impl Mapper<'_> {
    fn span(&self, s: &mut Span) {
        *s = Span::new((self.f)(s.start), (self.f)(s.end));
    }
    fn ospan(&self, s: &mut Option<Span>) {
        if let Some(s) = s {
            self.span(s);
        }
    }
    fn abs(&self, s: &mut AbsoluteSpan) {
        *s = AbsoluteSpan::new((self.f)(s.start), (self.f)(s.end));
    }
    fn expr(&self, e: &mut Expr) {
        self.abs(&mut e.source_span);
        self.ast(&mut e.ast);
    }
    fn oexpr(&self, e: &mut Option<Expr>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }
    /// Expression trees are bounded in height by the expression parser, but walk them with a stack anyway.
    fn ast(&self, root: &mut Ast) {
        let mut stack: Vec<&mut Ast> = vec![root];
        while let Some(a) = stack.pop() {
            self.abs(&mut a.source_span);
            match &mut a.kind {
                AstKind::Empty
                | AstKind::ImplicitReceiver
                | AstKind::ThisReceiver
                | AstKind::LiteralPrimitive(_)
                | AstKind::RegularExpressionLiteral { .. } => {}
                AstKind::Chain(list) | AstKind::LiteralArray(list) => stack.extend(list.iter_mut()),
                AstKind::Interpolation { expressions, .. } => stack.extend(expressions.iter_mut()),
                AstKind::LiteralMap { keys, values } => {
                    for k in keys.iter_mut() {
                        match k {
                            LiteralMapKey::Property { source_span, .. }
                            | LiteralMapKey::Spread { source_span, .. } => self.abs(source_span),
                        }
                    }
                    stack.extend(values.iter_mut());
                }
                AstKind::Conditional {
                    condition,
                    true_exp,
                    false_exp,
                } => {
                    stack.push(condition);
                    stack.push(true_exp);
                    stack.push(false_exp);
                }
                AstKind::PropertyRead {
                    receiver,
                    name_span,
                    ..
                }
                | AstKind::SafePropertyRead {
                    receiver,
                    name_span,
                    ..
                } => {
                    self.abs(name_span);
                    stack.push(receiver);
                }
                AstKind::KeyedRead { receiver, key } | AstKind::SafeKeyedRead { receiver, key } => {
                    stack.push(receiver);
                    stack.push(key);
                }
                AstKind::Pipe {
                    exp,
                    args,
                    name_span,
                    ..
                } => {
                    self.abs(name_span);
                    stack.push(exp);
                    stack.extend(args.iter_mut());
                }
                AstKind::Binary { left, right, .. } => {
                    stack.push(left);
                    stack.push(right);
                }
                AstKind::Unary { expr, .. }
                | AstKind::PrefixNot(expr)
                | AstKind::TypeofExpression(expr)
                | AstKind::VoidExpression(expr)
                | AstKind::NonNullAssert(expr)
                | AstKind::Parenthesized(expr)
                | AstKind::SpreadElement(expr) => stack.push(expr),
                AstKind::ArrowFunction { parameters, body } => {
                    for p in parameters.iter_mut() {
                        self.abs(&mut p.source_span);
                    }
                    stack.push(body);
                }
                AstKind::Call {
                    receiver,
                    args,
                    argument_span,
                }
                | AstKind::SafeCall {
                    receiver,
                    args,
                    argument_span,
                } => {
                    self.abs(argument_span);
                    stack.push(receiver);
                    stack.extend(args.iter_mut());
                }
                AstKind::TaggedTemplateLiteral { tag, template } => {
                    self.abs(&mut template.source_span);
                    for e in template.elements.iter_mut() {
                        self.abs(&mut e.source_span);
                    }
                    stack.push(tag);
                    stack.extend(template.expressions.iter_mut());
                }
                AstKind::TemplateLiteral(template) => {
                    self.abs(&mut template.source_span);
                    for e in template.elements.iter_mut() {
                        self.abs(&mut e.source_span);
                    }
                    stack.extend(template.expressions.iter_mut());
                }
            }
        }
    }
    fn text_attr(&self, a: &mut TextAttribute) {
        self.span(&mut a.span);
        self.ospan(&mut a.key_span);
        self.ospan(&mut a.value_span);
    }
    fn bound_attr(&self, a: &mut BoundAttribute) {
        self.span(&mut a.span);
        self.span(&mut a.key_span);
        self.ospan(&mut a.value_span);
        self.expr(&mut a.value);
    }
    fn event(&self, e: &mut BoundEvent) {
        self.span(&mut e.span);
        self.span(&mut e.handler_span);
        self.span(&mut e.key_span);
        self.expr(&mut e.handler);
    }
    fn variable(&self, v: &mut Variable) {
        self.span(&mut v.span);
        self.span(&mut v.key_span);
        self.ospan(&mut v.value_span);
    }
    fn reference(&self, r: &mut Reference) {
        self.span(&mut r.span);
        self.span(&mut r.key_span);
        self.ospan(&mut r.value_span);
    }
    fn block(&self, s: &mut BlockSpans) {
        self.span(&mut s.span);
        self.span(&mut s.start_span);
        self.ospan(&mut s.end_span);
        self.span(&mut s.name_span);
    }
    fn triggers(&self, t: &mut DeferredTriggers) {
        for tr in [
            &mut t.when,
            &mut t.idle,
            &mut t.immediate,
            &mut t.hover,
            &mut t.timer,
            &mut t.interaction,
            &mut t.viewport,
            &mut t.never,
        ]
        .into_iter()
        .flatten()
        {
            self.span(&mut tr.span);
            self.ospan(&mut tr.name_span);
            self.ospan(&mut tr.prefetch_span);
            self.ospan(&mut tr.when_or_on_span);
            self.ospan(&mut tr.hydrate_span);
            self.oexpr(&mut tr.value);
            self.oexpr(&mut tr.options);
        }
    }

    /// Maps one node's own spans and pushes its children on `stack`.
    fn node<'n>(&self, n: &'n mut Node, stack: &mut Vec<&'n mut Node>) {
        match n {
            Node::Text(t) => self.span(&mut t.span),
            Node::BoundText(t) => {
                self.span(&mut t.span);
                self.expr(&mut t.value);
            }
            Node::Element(e) => {
                self.span(&mut e.span);
                self.span(&mut e.start_span);
                self.ospan(&mut e.end_span);
                e.attributes.iter_mut().for_each(|a| self.text_attr(a));
                e.inputs.iter_mut().for_each(|a| self.bound_attr(a));
                e.outputs.iter_mut().for_each(|a| self.event(a));
                e.references.iter_mut().for_each(|r| self.reference(r));
                stack.extend(e.children.iter_mut());
            }
            Node::Template(t) => {
                self.span(&mut t.span);
                self.span(&mut t.start_span);
                self.ospan(&mut t.end_span);
                t.attributes.iter_mut().for_each(|a| self.text_attr(a));
                t.inputs.iter_mut().for_each(|a| self.bound_attr(a));
                t.outputs.iter_mut().for_each(|a| self.event(a));
                for a in t.template_attrs.iter_mut() {
                    match a {
                        TemplateAttr::Text(a) => self.text_attr(a),
                        TemplateAttr::Bound(b) => self.bound_attr(b),
                    }
                }
                t.references.iter_mut().for_each(|r| self.reference(r));
                t.variables.iter_mut().for_each(|v| self.variable(v));
                stack.extend(t.children.iter_mut());
            }
            Node::Content(c) => {
                self.span(&mut c.span);
                self.span(&mut c.start_span);
                self.ospan(&mut c.end_span);
                c.attributes.iter_mut().for_each(|a| self.text_attr(a));
                stack.extend(c.children.iter_mut());
            }
            Node::Icu(i) => {
                self.span(&mut i.span);
                for (_, v) in i.vars.iter_mut() {
                    self.span(&mut v.span);
                    self.expr(&mut v.value);
                }
                stack.extend(i.placeholders.iter_mut().map(|(_, n)| n));
            }
            Node::IfBlock(b) => {
                self.span(&mut b.span);
                self.block(&mut b.spans);
                for br in b.branches.iter_mut() {
                    self.block(&mut br.spans);
                    self.oexpr(&mut br.expression);
                    if let Some(v) = &mut br.expression_alias {
                        self.variable(v);
                    }
                    stack.extend(br.children.iter_mut());
                }
            }
            Node::ForLoopBlock(b) => {
                self.span(&mut b.span);
                self.span(&mut b.main_block_span);
                self.block(&mut b.spans);
                self.variable(&mut b.item);
                self.expr(&mut b.expression);
                self.oexpr(&mut b.track_by);
                self.ospan(&mut b.track_keyword_span);
                b.context_variables
                    .iter_mut()
                    .for_each(|v| self.variable(v));
                if let Some(e) = &mut b.empty {
                    self.block(&mut e.spans);
                    stack.extend(e.children.iter_mut());
                }
                stack.extend(b.children.iter_mut());
            }
            Node::SwitchBlock(b) => {
                self.block(&mut b.spans);
                self.expr(&mut b.expression);
                for u in b.unknown_blocks.iter_mut() {
                    self.span(&mut u.span);
                    self.span(&mut u.name_span);
                }
                if let Some(x) = &mut b.exhaustive_check {
                    self.block(&mut x.spans);
                    self.oexpr(&mut x.expression);
                }
                for g in b.groups.iter_mut() {
                    self.block(&mut g.spans);
                    for c in g.cases.iter_mut() {
                        self.block(&mut c.spans);
                        self.oexpr(&mut c.expression);
                    }
                    stack.extend(g.children.iter_mut());
                }
            }
            Node::DeferredBlock(b) => {
                self.span(&mut b.span);
                self.span(&mut b.main_block_span);
                self.block(&mut b.spans);
                self.triggers(&mut b.triggers);
                self.triggers(&mut b.prefetch_triggers);
                self.triggers(&mut b.hydrate_triggers);
                for sub in [&mut b.placeholder, &mut b.loading, &mut b.error]
                    .into_iter()
                    .flatten()
                {
                    self.block(&mut sub.spans);
                    stack.extend(sub.children.iter_mut());
                }
                stack.extend(b.children.iter_mut());
            }
            Node::LetDeclaration(d) => {
                self.span(&mut d.span);
                self.span(&mut d.name_span);
                self.span(&mut d.value_span);
                self.expr(&mut d.value);
            }
            Node::UnknownBlock(u) => {
                self.span(&mut u.span);
                self.span(&mut u.name_span);
            }
            Node::BoundaryBlock(b) => {
                self.span(&mut b.main_block_span);
                self.block(&mut b.spans);
                for e in b.error_blocks.iter_mut() {
                    self.block(&mut e.spans);
                    e.context_variables
                        .iter_mut()
                        .for_each(|v| self.variable(v));
                    self.oexpr(&mut e.expression);
                    stack.extend(e.children.iter_mut());
                }
                stack.extend(b.children.iter_mut());
            }
            Node::ContentBlock(b) => {
                self.block(&mut b.spans);
                b.variables.iter_mut().for_each(|v| self.variable(v));
                stack.extend(b.children.iter_mut());
            }
        }
    }
}

impl ParsedTemplate {
    /// Rewrites every absolute offset in the template (nodes, expressions, errors) with `f`.
    pub fn map_offsets(&mut self, f: &dyn Fn(u32) -> u32) {
        let m = Mapper { f };
        let mut stack: Vec<&mut Node> = self.nodes.iter_mut().collect();
        while let Some(n) = stack.pop() {
            m.node(n, &mut stack);
        }
        for e in self.errors.iter_mut() {
            m.span(&mut e.span);
        }
    }

    /// Moves the spans of an inline template into its `.ts` file (see [`SourceMap::from_js_string_literal`]).
    pub fn map_to_file(&mut self, map: &SourceMap) {
        self.map_offsets(&|o| map.to_file(o));
    }
}
