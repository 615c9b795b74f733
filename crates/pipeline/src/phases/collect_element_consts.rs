//! `collectElementConsts`: the extracted attributes of each element become its attribute array
//! in the consts array (`["id", "a", 1, "cls", 3, "click", ...]`, markers per kind); for
//! `<ng-content>` a shared literal; for host bindings the `hostAttrs`.

use std::collections::{HashMap, HashSet};

use ngc_output as o;

use crate::error::PipelineError;
use crate::ir::*;
use crate::job::{Job, JobKind};
use crate::phases::reify::to_output;
use crate::r3_selector::{parse_selector_to_r3_selector, r3_selector_literal};

/// `ElementAttributes`.
#[derive(Default)]
struct ElementAttributes {
    known: HashMap<BindingKindKey, HashSet<String>>,
    attributes: Vec<o::Expr>,
    classes: Vec<o::Expr>,
    styles: Vec<o::Expr>,
    bindings: Vec<o::Expr>,
    template: Vec<o::Expr>,
    project_as: Option<String>,
}

type BindingKindKey = u8;

fn kind_key(kind: BindingKind) -> BindingKindKey {
    kind as u8
}

impl ElementAttributes {
    fn add(
        &mut self,
        kind: BindingKind,
        name: &str,
        value: Option<o::Expr>,
        namespace: Option<&str>,
        trusted_value_fn: Option<o::Expr>,
    ) -> Result<(), String> {
        let allow_duplicates = matches!(
            kind,
            BindingKind::Attribute | BindingKind::ClassName | BindingKind::StyleProperty
        );
        if !allow_duplicates
            && !self
                .known
                .entry(kind_key(kind))
                .or_default()
                .insert(name.to_string())
        {
            return Ok(());
        }
        if name == "ngProjectAs" {
            match &value {
                Some(o::Expr::Literal(o::Literal::String(s))) => self.project_as = Some(s.clone()),
                _ => return Err("ngProjectAs must have a string literal value".to_string()),
            }
        }
        let array = match kind {
            BindingKind::Property | BindingKind::TwoWayProperty => &mut self.bindings,
            BindingKind::Attribute => &mut self.attributes,
            BindingKind::ClassName => &mut self.classes,
            BindingKind::StyleProperty => &mut self.styles,
            BindingKind::Template => &mut self.template,
            _ => return Ok(()),
        };
        match namespace {
            Some(ns) => array.extend([o::num(0.0), o::str_lit(ns), o::str_lit(name)]),
            None => array.push(o::str_lit(name)),
        }
        if matches!(kind, BindingKind::Attribute | BindingKind::StyleProperty) {
            let Some(value) = value else {
                return Err(
                    "Attribute, i18n attribute, & style element attributes must have a value"
                        .to_string(),
                );
            };
            match (trusted_value_fn, &value) {
                (Some(tag), o::Expr::Literal(o::Literal::String(s))) => {
                    let element = crate::ingest::convert::template_element(s);
                    array.push(o::Expr::TaggedTemplate {
                        tag: Box::new(tag),
                        elements: vec![element],
                        exprs: Vec::new(),
                    });
                }
                _ => array.push(value),
            }
        }
        Ok(())
    }

    /// `serializeAttributes`.
    fn serialize(self) -> Result<Vec<o::Expr>, String> {
        let mut out = self.attributes;
        if let Some(project_as) = &self.project_as {
            let first = parse_selector_to_r3_selector(project_as)
                .ok()
                .and_then(|l| l.into_iter().next())
                .ok_or_else(|| format!("invalid ngProjectAs selector `{project_as}`"))?;
            out.push(o::num(5.0));
            out.push(r3_selector_literal(&first));
        }
        for (marker, list) in [
            (1.0, self.classes),
            (2.0, self.styles),
            (3.0, self.bindings),
            (4.0, self.template),
        ] {
            if !list.is_empty() {
                out.push(o::num(marker));
                out.extend(list);
            }
        }
        Ok(out)
    }
}

pub fn run(job: &mut Job<'_>) {
    let mut all: HashMap<Xref, ElementAttributes> = HashMap::new();
    let mut order: Vec<Xref> = Vec::new();
    let state = &mut job.state;
    for unit in &mut job.units {
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            if !matches!(unit.create[id], Op::ExtractedAttribute(_)) {
                continue;
            }
            let Op::ExtractedAttribute(a) = unit.create.remove(id) else {
                continue;
            };
            let a = *a;
            if !all.contains_key(&a.target) {
                order.push(a.target);
            }
            let attrs = all.entry(a.target).or_default();
            let value = a.expression.map(|e| to_output(state, e));
            let trusted = a.trusted_value_fn.map(|e| to_output(state, e));
            if let Err(message) = attrs.add(
                a.binding_kind,
                &a.name,
                value,
                a.namespace.as_deref(),
                trusted,
            ) {
                state
                    .errors
                    .push(PipelineError::invalid(message, Default::default()));
            }
        }
    }
    match job.state.kind {
        JobKind::Template => {
            for unit in &mut job.units {
                let mut cursor = unit.create.first();
                while let Some(id) = cursor {
                    cursor = unit.create.next(id);
                    let xref = match &unit.create[id] {
                        Op::Projection(p) => p.xref,
                        op if op.is_element_or_container() => op.xref().unwrap_or(Xref(u32::MAX)),
                        _ => continue,
                    };
                    let op = &mut unit.create[id];
                    let array = match all.remove(&xref).map(ElementAttributes::serialize) {
                        Some(Ok(a)) => a,
                        Some(Err(message)) => {
                            job.state
                                .errors
                                .push(PipelineError::invalid(message, Default::default()));
                            continue;
                        }
                        None => Vec::new(),
                    };
                    let empty_array = match op {
                        Op::RepeaterCreate(r) => match r
                            .empty_view
                            .and_then(|v| all.remove(&v))
                            .map(ElementAttributes::serialize)
                        {
                            Some(Ok(a)) => a,
                            _ => Vec::new(),
                        },
                        _ => Vec::new(),
                    };
                    match op {
                        Op::Projection(p) => {
                            if !array.is_empty() {
                                let literal = job
                                    .state
                                    .pool
                                    .get_const_literal(o::Expr::Array(array), true);
                                p.attributes = Some(Expr::Output(Box::new(literal)));
                            }
                        }
                        _ => {
                            let index = if array.is_empty() {
                                None
                            } else {
                                Some(job.state.add_const(o::Expr::Array(array), Vec::new()))
                            };
                            match op {
                                Op::ElementStart(e)
                                | Op::Element(e)
                                | Op::ContainerStart(e)
                                | Op::Container(e) => e.attributes = index,
                                Op::Template(t)
                                | Op::ConditionalCreate(t)
                                | Op::ConditionalBranchCreate(t) => t.attributes = index,
                                Op::RepeaterCreate(r) => {
                                    r.attributes = index;
                                    if !empty_array.is_empty() {
                                        r.empty_attributes = Some(
                                            job.state
                                                .add_const(o::Expr::Array(empty_array), Vec::new()),
                                        );
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
        JobKind::Host => {
            for xref in order {
                let Some(attrs) = all.remove(&xref) else {
                    continue;
                };
                match attrs.serialize() {
                    Ok(array) if !array.is_empty() => {
                        job.state.host_attributes = Some(o::Expr::Array(array))
                    }
                    Ok(_) => {}
                    Err(message) => job
                        .state
                        .errors
                        .push(PipelineError::invalid(message, Default::default())),
                }
            }
        }
    }
}
