//! strictMetadataEmit: the error nodes Angular 8's `validateMetadata` rejects, as diagnostics.
//!
//! Only exported classes are validated: their decorators, member decorators, parameter
//! decorators, constructor parameter types (of decorated classes) and statics, following
//! references to other exported entries of the same file. An error node is skipped when the
//! node it was first recorded at, or the class itself, has `@dynamic` in its leading comments.
//! Where the original throws at the first error, every error is reported here.

use std::collections::HashSet;
use std::rc::Rc;

use ngc_diagnostics::{Diagnostic, Span};

use crate::diagnostics;
use crate::evaluator::NodeMap;
use crate::source::SourceFile;
use crate::value::Value;

struct Validator<'a, 's> {
    metadata: &'a Value,
    node_map: &'a NodeMap,
    source: &'a SourceFile<'s>,
    /// Names not looked up in `metadata`: built-ins and the parameters of enclosing functions.
    locals: Vec<Rc<str>>,
    /// Exported entries on the current path. Meeting one again is a cycle, on which the
    /// original recurses until the stack overflows, and so refuses the file.
    visiting: HashSet<String>,
    symbol: String,
    found: Vec<Diagnostic>,
}

/// Validates every exported class of `metadata` and returns one diagnostic per reported error.
pub(crate) fn validate(
    metadata: &Value,
    node_map: &NodeMap,
    source: &SourceFile<'_>,
    class_node: &dyn Fn(&str) -> Option<Span>,
) -> Vec<Diagnostic> {
    let Value::Object(entries) = metadata else { return Vec::new() };
    let entries: Vec<(Rc<str>, Value)> = entries.borrow().props.clone();
    let mut all = Vec::new();
    for (name, entry) in entries {
        if !entry.is_symbolic("class") {
            continue;
        }
        let mut validator = Validator {
            metadata,
            node_map,
            source,
            locals: ["Array", "Object", "Set", "Map", "string", "number", "any"].map(Rc::from).to_vec(),
            visiting: HashSet::new(),
            symbol: name.to_string(),
            found: Vec::new(),
        };
        validator.class(&entry);
        let class_start = node_map.start_of(&entry).or_else(|| class_node(&name).map(|s| s.start));
        let suppressed = class_start.is_some_and(|start| source.leading_trivia_has_dynamic(start));
        if !suppressed {
            all.extend(validator.found);
        }
    }
    all
}

impl Validator<'_, '_> {
    fn class(&mut self, class: &Value) {
        let decorated = class.prop("decorators").is_some_and(|d| d.truthy());
        if let Some(Value::Array(decorators)) = class.prop("decorators") {
            for d in decorators.borrow().iter() {
                self.expression(d);
            }
        }
        if let Some(Value::Object(members)) = class.prop("members") {
            let members: Vec<Value> = members.borrow().props.iter().map(|(_, v)| v.clone()).collect();
            for list in members {
                if let Value::Array(list) = list {
                    for member in list.borrow().iter() {
                        self.member(member, decorated);
                    }
                }
            }
        }
        if let Some(Value::Object(statics)) = class.prop("statics") {
            let statics: Vec<Value> = statics.borrow().props.iter().map(|(_, v)| v.clone()).collect();
            for value in statics {
                if value.is_symbolic("function") {
                    self.expression(&value.prop("value").unwrap_or(Value::Undefined));
                } else {
                    self.expression(&value);
                }
            }
        }
    }

    fn member(&mut self, member: &Value, class_decorated: bool) {
        if let Some(Value::Array(decorators)) = member.prop("decorators") {
            for d in decorators.borrow().iter() {
                self.expression(d);
            }
        }
        let is_method = member.is_symbolic("method") || member.is_symbolic("constructor");
        if is_method {
            if let Some(Value::Array(params)) = member.prop("parameterDecorators") {
                for p in params.borrow().iter() {
                    self.expression(p);
                }
            }
        }
        if class_decorated && member.is_symbolic("constructor") {
            if let Some(Value::Array(params)) = member.prop("parameters") {
                for p in params.borrow().iter() {
                    self.expression(p);
                }
            }
        }
    }

    fn expression(&mut self, value: &Value) {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.expression_inner(value))
    }

    fn expression_inner(&mut self, value: &Value) {
        if !value.truthy() {
            return;
        }
        match value {
            Value::Array(items) => {
                let items = items.borrow().clone();
                items.iter().for_each(|v| self.expression(v));
            }
            Value::Object(obj) if !obj.borrow().has("__symbolic") => {
                let values: Vec<Value> = obj.borrow().props.iter().map(|(_, v)| v.clone()).collect();
                values.iter().for_each(|v| self.expression(v));
            }
            Value::Object(_) => self.symbolic(value),
            _ => {}
        }
    }

    fn symbolic(&mut self, value: &Value) {
        let prop = |key: &str| value.prop(key).unwrap_or(Value::Undefined);
        if value.is_error() {
            return self.report(value);
        }
        if value.is_global_reference() {
            let name = prop("name").to_js_string();
            if !self.locals.iter().any(|l| **l == *name) {
                if let Some(entry) = self.metadata.prop(&name).filter(|e| e.truthy()) {
                    if self.visiting.contains(&name) {
                        let at = self.node_map.start_of(value).unwrap_or(0);
                        let diagnostic = diagnostics::metadata_cycle(Span::new(at, at), &name, &self.symbol);
                        self.found.push(diagnostic);
                        return;
                    }
                    self.visiting.insert(name.clone());
                    self.expression(&entry);
                    self.visiting.remove(&name);
                }
            }
            return;
        }
        if value.is_symbolic("function") {
            if prop("value").truthy() {
                let saved = self.locals.len();
                if let Value::Array(params) = prop("parameters") {
                    for p in params.borrow().iter() {
                        self.locals.push(Rc::from(p.to_js_string()));
                    }
                }
                self.expression(&prop("value"));
                self.locals.truncate(saved);
            }
            return;
        }
        let Some(tag) = value.symbolic() else { return };
        match &*tag {
            "binary" => {
                self.expression(&prop("left"));
                self.expression(&prop("right"));
            }
            "call" | "new" => {
                self.expression(&prop("expression"));
                if let Value::Array(args) = prop("arguments") {
                    let args = args.borrow().clone();
                    args.iter().for_each(|a| self.expression(a));
                }
            }
            "index" => {
                self.expression(&prop("expression"));
                self.expression(&prop("index"));
            }
            "pre" => self.expression(&prop("operand")),
            "select" | "spread" => self.expression(&prop("expression")),
            "if" => {
                self.expression(&prop("condition"));
                self.expression(&prop("elseExpression"));
                self.expression(&prop("thenExpression"));
            }
            _ => {}
        }
    }

    fn report(&mut self, error: &Value) {
        if let Some(start) = self.node_map.start_of(error) {
            if self.source.leading_trivia_has_dynamic(start) {
                return;
            }
        }
        let span = match error {
            Value::Object(o) => o.borrow().error_span,
            _ => None,
        }
        .unwrap_or_default();
        let message = error.prop("message").map(|m| m.to_js_string()).unwrap_or_default();
        let context_name = error
            .prop("context")
            .and_then(|c| c.prop("name").or_else(|| c.prop("className")).or_else(|| c.prop("typeName")))
            .map(|n| n.to_js_string());
        self.found.push(diagnostics::metadata_error(span, &message, context_name.as_deref(), &self.symbol));
    }
}
