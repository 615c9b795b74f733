//! A readable, indented print of the Render3 AST (one node per line with its span), used by the snapshot
//! tests and handy when debugging.

use std::fmt::Write;

use crate::expression::Expr;
use crate::r3_ast::*;
use crate::span::Span;
use crate::ParsedTemplate;

fn s(span: Span) -> String {
    format!("{}..{}", span.start, span.end)
}
fn e(x: &Expr) -> String {
    format!("{:?} @{}", x.source, s(crate::expression::source_span(x)))
}

/// Prints the nodes and errors of a parsed template.
pub fn print_template(t: &ParsedTemplate) -> String {
    let mut out = String::new();
    for n in &t.nodes {
        print_node(&mut out, n, 0);
    }
    for err in &t.errors {
        let _ = writeln!(out, "error {} @{}: {}", err.code, s(err.span), err.message);
    }
    out
}

fn line(out: &mut String, depth: usize, text: String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(&text);
    out.push('\n');
}

fn attrs(
    out: &mut String,
    depth: usize,
    a: &[TextAttribute],
    i: &[BoundAttribute],
    o: &[BoundEvent],
    r: &[Reference],
) {
    for a in a {
        line(
            out,
            depth,
            format!("@attr {}={:?} @{}", a.name, a.value, s(a.span)),
        );
    }
    for b in i {
        line(
            out,
            depth,
            format!(
                "@input {:?} {}{} = {} @{}",
                b.kind,
                b.name,
                b.unit.as_ref().map(|u| format!(".{u}")).unwrap_or_default(),
                e(&b.value),
                s(b.span)
            ),
        );
    }
    for ev in o {
        line(
            out,
            depth,
            format!(
                "@output {:?} {}{} = {} @{}",
                ev.kind,
                ev.target
                    .as_ref()
                    .map(|t| format!("{t}:"))
                    .unwrap_or_default(),
                ev.name,
                e(&ev.handler),
                s(ev.span)
            ),
        );
    }
    for r in r {
        line(
            out,
            depth,
            format!("@ref #{}={:?} @{}", r.name, r.value, s(r.span)),
        );
    }
}

fn vars(out: &mut String, depth: usize, v: &[Variable]) {
    for v in v {
        line(
            out,
            depth,
            format!("@var {}={:?} @{}", v.name, v.value, s(v.span)),
        );
    }
}

fn children(out: &mut String, depth: usize, c: &[Node]) {
    for n in c {
        print_node(out, n, depth);
    }
}

fn print_node(out: &mut String, n: &Node, depth: usize) {
    stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || match n {
        Node::Text(t) => line(out, depth, format!("Text {:?} @{}", t.value, s(t.span))),
        Node::BoundText(t) => line(
            out,
            depth,
            format!("BoundText {} @{}", e(&t.value), s(t.span)),
        ),
        Node::Element(el) => {
            line(out, depth, format!("Element <{}> @{}", el.name, s(el.span)));
            attrs(
                out,
                depth + 1,
                &el.attributes,
                &el.inputs,
                &el.outputs,
                &el.references,
            );
            children(out, depth + 1, &el.children);
        }
        Node::Template(t) => {
            line(
                out,
                depth,
                format!(
                    "Template <{}> @{}",
                    t.tag_name.as_deref().unwrap_or("-"),
                    s(t.span)
                ),
            );
            for a in &t.template_attrs {
                match a {
                    TemplateAttr::Text(a) => line(
                        out,
                        depth + 1,
                        format!("@templateAttr {}={:?}", a.name, a.value),
                    ),
                    TemplateAttr::Bound(b) => line(
                        out,
                        depth + 1,
                        format!("@templateAttr [{}] = {}", b.name, e(&b.value)),
                    ),
                }
            }
            attrs(
                out,
                depth + 1,
                &t.attributes,
                &t.inputs,
                &t.outputs,
                &t.references,
            );
            vars(out, depth + 1, &t.variables);
            children(out, depth + 1, &t.children);
        }
        Node::Content(c) => {
            line(
                out,
                depth,
                format!("Content select={:?} @{}", c.selector, s(c.span)),
            );
            children(out, depth + 1, &c.children);
        }
        Node::Icu(i) => {
            line(out, depth, format!("Icu @{}", s(i.span)));
            for (k, v) in &i.vars {
                line(out, depth + 1, format!("@var {k} = {}", e(&v.value)));
            }
            for (k, v) in &i.placeholders {
                line(out, depth + 1, format!("@placeholder {k}:"));
                print_node(out, v, depth + 2);
            }
        }
        Node::IfBlock(b) => {
            line(out, depth, format!("IfBlock @{}", s(b.span)));
            for br in &b.branches {
                let cond = br
                    .expression
                    .as_ref()
                    .map(e)
                    .unwrap_or_else(|| "else".into());
                let alias = br
                    .expression_alias
                    .as_ref()
                    .map(|a| format!(" as {}", a.name))
                    .unwrap_or_default();
                line(
                    out,
                    depth + 1,
                    format!("Branch {cond}{alias} @{}", s(br.spans.span)),
                );
                children(out, depth + 2, &br.children);
            }
        }
        Node::ForLoopBlock(b) => {
            line(
                out,
                depth,
                format!(
                    "ForLoopBlock {} of {} track {} @{}",
                    b.item.name,
                    e(&b.expression),
                    b.track_by.as_ref().map(e).unwrap_or_default(),
                    s(b.span)
                ),
            );
            vars(out, depth + 1, &b.context_variables);
            children(out, depth + 1, &b.children);
            if let Some(em) = &b.empty {
                line(out, depth + 1, format!("Empty @{}", s(em.spans.span)));
                children(out, depth + 2, &em.children);
            }
        }
        Node::SwitchBlock(b) => {
            line(
                out,
                depth,
                format!("SwitchBlock {} @{}", e(&b.expression), s(b.spans.span)),
            );
            for g in &b.groups {
                let cases: Vec<String> = g
                    .cases
                    .iter()
                    .map(|c| {
                        c.expression
                            .as_ref()
                            .map(e)
                            .unwrap_or_else(|| "default".into())
                    })
                    .collect();
                line(
                    out,
                    depth + 1,
                    format!("Case {} @{}", cases.join(" | "), s(g.spans.span)),
                );
                children(out, depth + 2, &g.children);
            }
        }
        Node::DeferredBlock(b) => {
            line(out, depth, format!("DeferredBlock @{}", s(b.span)));
            for (label, t) in [
                ("on", &b.triggers),
                ("prefetch", &b.prefetch_triggers),
                ("hydrate", &b.hydrate_triggers),
            ] {
                for tr in [
                    &t.when,
                    &t.idle,
                    &t.immediate,
                    &t.hover,
                    &t.timer,
                    &t.interaction,
                    &t.viewport,
                    &t.never,
                ]
                .into_iter()
                .flatten()
                {
                    line(
                        out,
                        depth + 1,
                        format!("@{label} {:?} @{}", tr.kind, s(tr.span)),
                    );
                }
            }
            children(out, depth + 1, &b.children);
            for (label, sub) in [
                ("Placeholder", &b.placeholder),
                ("Loading", &b.loading),
                ("Error", &b.error),
            ] {
                if let Some(sub) = sub {
                    line(out, depth + 1, format!("{label} @{}", s(sub.spans.span)));
                    children(out, depth + 2, &sub.children);
                }
            }
        }
        Node::LetDeclaration(d) => line(
            out,
            depth,
            format!("Let {} = {} @{}", d.name, e(&d.value), s(d.span)),
        ),
        Node::BoundaryBlock(b) => {
            line(out, depth, format!("BoundaryBlock @{}", s(b.spans.span)));
            children(out, depth + 1, &b.children);
            for eb in &b.error_blocks {
                line(
                    out,
                    depth + 1,
                    format!(
                        "Error {} @{}",
                        eb.expression.as_ref().map(e).unwrap_or_default(),
                        s(eb.spans.span)
                    ),
                );
                vars(out, depth + 2, &eb.context_variables);
                children(out, depth + 2, &eb.children);
            }
        }
        Node::ContentBlock(b) => {
            line(
                out,
                depth,
                format!("ContentBlock {} @{}", b.name, s(b.spans.span)),
            );
            vars(out, depth + 1, &b.variables);
            children(out, depth + 1, &b.children);
        }
        Node::UnknownBlock(b) => line(
            out,
            depth,
            format!("UnknownBlock @{} @{}", b.name, s(b.span)),
        ),
    })
}
