//! The decorator values Ivy compilation needs, checked as ngc 22 checks them.
//!
//! ngc's static interpreter evaluates every decorator field, but a value it cannot determine
//! (a dynamic value) is an error only where compilation needs it: the NgModule lists, a
//! standalone component's `imports`, `hostDirectives`, the strings and flags of the metadata
//! (selector, exportAs, inputs, outputs, template, styles, pipe name, …) and the
//! `encapsulation`/`changeDetection` enums. Everything else (providers, route arrays,
//! `useFactory`/`useValue`/`deps`, `data`, `animations`, …) is emitted as written. This module
//! reports, for a program class, ngc's error (code, message, position) for a needed value that
//! is dynamic or of the wrong type. As ngc stops analysing a class at its first such error,
//! each check stops there too; a standalone component's `imports` entries are each reported.
//!
//! What made a value dynamic (a View Engine metadata restriction found while evaluating it)
//! is attached to the error by [`crate::analysis`].

use ngc_collector::Json;
use ngc_diagnostics::{Diagnostic, Span};

use crate::declarations::DeclarationProblem;
use crate::diagnostics as diag;
use crate::evaluate::{symbolic, Evaluator, Site, StaticValue};
use crate::modules::SymbolId;

/// What a decorator declares, for the checks that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecoratorKind {
    Directive,
    Component,
    Pipe,
    NgModule,
}

/// Checks the needed fields of the decorator argument `meta` (at `arg_site`) of `symbol`.
pub(crate) fn check(
    ev: &Evaluator<'_, '_>,
    symbol: &SymbolId,
    kind: DecoratorKind,
    meta: &StaticValue,
    arg_site: &Site,
    out: &mut Vec<DeclarationProblem>,
) {
    let fields = Fields { ev, meta, arg_site };
    let fatal = match kind {
        DecoratorKind::Directive => directive(&fields),
        DecoratorKind::Component => component(&fields),
        DecoratorKind::Pipe => pipe(&fields),
        DecoratorKind::NgModule => ng_module(&fields, &symbol.name),
    };
    let mut report = |diagnostic: Diagnostic| out.push(DeclarationProblem::NeededValue { module: symbol.module, diagnostic });
    match fatal {
        Err(diagnostic) => report(*diagnostic),
        Ok(()) if kind == DecoratorKind::Component => component_imports(&fields, &mut report),
        Ok(()) => {}
    }
}

/// The fields of one decorator argument, with their source spans.
struct Fields<'a, 'e, 'm, 'h> {
    ev: &'e Evaluator<'m, 'h>,
    meta: &'a StaticValue,
    arg_site: &'a Site,
}

impl Fields<'_, '_, '_, '_> {
    fn get(&self, name: &str) -> Option<&StaticValue> {
        self.meta.field(name)
    }

    /// The span of the field's value expression.
    fn span(&self, name: &str) -> Span {
        self.ev.value_span(&self.arg_site.child(name))
    }

    /// `Err` with ngc's NG1010 when the field is present and `ok` rejects its value.
    fn expect(&self, name: &str, ok: impl Fn(&StaticValue) -> bool, message: &str) -> Check {
        match self.get(name) {
            Some(value) if !ok(value) => Err(wrong(self.span(name), message, value)),
            _ => Ok(()),
        }
    }

    fn string(&self, name: &str, message: &str) -> Check {
        self.expect(name, |v| matches!(v, StaticValue::String(_)), message)
    }

    fn boolean(&self, name: &str, message: &str) -> Check {
        self.expect(name, |v| matches!(v, StaticValue::Bool(_)), message)
    }

    /// ngc's `isStringArrayOrDie`: not an array is the caller's error, a non-string element
    /// its own.
    fn string_array(&self, name: &str, what: &str, message: &str) -> Check {
        let Some(value) = self.get(name) else { return Ok(()) };
        let StaticValue::Array(items) = value else {
            return Err(wrong(self.span(name), message, value));
        };
        match items.iter().position(|item| !matches!(item, StaticValue::String(_))) {
            Some(i) => Err(wrong(self.span(name), &format!("Failed to resolve {what} at position {i} to a string"), &items[i])),
            None => Ok(()),
        }
    }
}

/// ngc's `extractDirectiveMetadata`, in its order.
fn directive(f: &Fields<'_, '_, '_, '_>) -> Check {
    if let Some(inputs) = f.get("inputs") {
        let StaticValue::Array(items) = inputs else {
            return Err(wrong(f.span("inputs"), "Failed to resolve @Directive.inputs to an array", inputs));
        };
        for (i, item) in items.iter().enumerate() {
            match item {
                StaticValue::String(_) => {}
                StaticValue::Object(_) => {
                    let name = item.field("name").cloned().unwrap_or(StaticValue::Undefined);
                    if !matches!(name, StaticValue::String(_)) {
                        return Err(wrong(
                            f.span("inputs"),
                            &format!("Value at position {i} of @Directive.inputs array must have a \"name\" property"),
                            &name,
                        ));
                    }
                }
                other => return Err(wrong(f.span("inputs"), "@Directive.inputs array can only contain strings or object literals", other)),
            }
        }
    }
    f.string_array("outputs", "outputs", "Failed to resolve @Directive.outputs to a string array")?;
    f.string("selector", "selector must be a string")?;
    if let Some(host) = f.get("host") {
        let StaticValue::Object(entries) = host else {
            return Err(wrong(f.span("host"), "Decorator host metadata must be an object", host));
        };
        // A value that cannot be evaluated is emitted as written; a known non-string is wrong.
        if let Some((_, value)) =
            entries.iter().find(|(_, v)| !is_dynamic(v) && !matches!(v, StaticValue::String(_) | StaticValue::EnumMember(..)))
        {
            return Err(wrong(
                f.span("host"),
                "Decorator host metadata must be a string -> string object, but found unparseable value",
                value,
            ));
        }
    }
    f.string("exportAs", "exportAs must be a string")?;
    f.boolean("standalone", "standalone flag must be a boolean")?;
    f.boolean("signals", "signals flag must be a boolean")?;
    if let Some(host_directives) = f.get("hostDirectives") {
        let StaticValue::Array(items) = host_directives else {
            return Err(wrong(f.span("hostDirectives"), "hostDirectives must be an array", host_directives));
        };
        for item in items {
            let directive = match item {
                StaticValue::Object(_) => item.field("directive").cloned().unwrap_or(StaticValue::Undefined),
                other => other.clone(),
            };
            if !matches!(directive, StaticValue::Symbol(_)) {
                return Err(wrong(f.span("hostDirectives"), "Host directive must be a reference", &directive));
            }
        }
    }
    Ok(())
}

/// ngc's component analysis, in its order: style URLs, the directive metadata, the enums,
/// then the template.
fn component(f: &Fields<'_, '_, '_, '_>) -> Check {
    f.string("styleUrl", "styleUrl must be a string")?;
    f.expect(
        "styleUrls",
        |v| matches!(v, StaticValue::Array(items) if items.iter().all(|i| matches!(i, StaticValue::String(_)))),
        "styleUrls must be an array of strings",
    )?;
    directive(f)?;
    enumeration(f, "encapsulation", "ViewEncapsulation")?;
    enumeration(f, "changeDetection", "ChangeDetectionStrategy")?;
    f.boolean("preserveWhitespaces", "preserveWhitespaces must be a boolean")?;
    if f.get("templateUrl").is_some() {
        f.string("templateUrl", "templateUrl must be a string")?;
    } else {
        f.string("template", "template must be a string")?;
    }
    if let Some(StaticValue::String(_)) = f.get("styles") {
        return Ok(());
    }
    f.string_array("styles", "styles", "Failed to resolve @Component.styles to a string or an array of strings")
}

/// ngc's `resolveEnumValue`: a member of the `@angular/core` enum.
fn enumeration(f: &Fields<'_, '_, '_, '_>, field: &str, enum_name: &str) -> Check {
    let message = format!("{field} must be a member of {enum_name} enum from @angular/core");
    f.expect(field, |v| matches!(v, StaticValue::EnumMember(e, _) if e.name == enum_name && f.ev.is_angular_core(e)), &message)
}

fn pipe(f: &Fields<'_, '_, '_, '_>) -> Check {
    f.string("name", "@Pipe.name must be a string")?;
    f.boolean("pure", "@Pipe.pure must be a boolean")?;
    f.boolean("standalone", "standalone flag must be a boolean")
}

/// ngc's `resolveTypeList` over each list of an NgModule.
fn ng_module(f: &Fields<'_, '_, '_, '_>, class: &str) -> Check {
    for list in ["declarations", "imports", "exports", "bootstrap"] {
        let Some(value) = f.get(list) else { continue };
        let span = f.span(list);
        if !matches!(value, StaticValue::Array(_)) {
            let message = format!("Expected array when reading the NgModule.{list} of {class}");
            return Err(wrong(span, &message, value));
        }
        let mut index = 0;
        type_list(value, &mut index).map_err(|entry| {
            let message = format!("Value at position {index} in the NgModule.{list} of {class} is not a reference");
            wrong(span, &message, entry)
        })?;
    }
    Ok(())
}

/// Walks a (nested) NgModule list, counting references; `Err` with the first entry that is
/// not one.
/// ngc stops analysing a class at the first of these.
type Check = Result<(), Box<Diagnostic>>;

fn type_list<'v>(value: &'v StaticValue, index: &mut usize) -> Result<(), &'v StaticValue> {
    let StaticValue::Array(items) = value else { return Err(value) };
    for item in items {
        match item {
            StaticValue::Array(_) => type_list(item, index)?,
            StaticValue::Symbol(_) | StaticValue::ModuleWithProviders(_) => *index += 1,
            other => return Err(other),
        }
    }
    Ok(())
}

/// ngc's `validateAndFlattenComponentImports` for a standalone component: every entry must be
/// a class; a `ModuleWithProviders` is NG2012. Each bad entry is reported.
fn component_imports(f: &Fields<'_, '_, '_, '_>, report: &mut dyn FnMut(Diagnostic)) {
    const MESSAGE: &str = "'imports' must be an array of components, directives, pipes, or NgModules.";
    if matches!(f.get("standalone"), Some(StaticValue::Bool(false))) {
        return;
    }
    let Some(imports) = f.get("imports") else { return };
    let site = f.arg_site.child("imports");
    let StaticValue::Array(items) = imports else {
        report(*wrong(f.span("imports"), MESSAGE, imports));
        return;
    };
    // An entry is located at its element when the list is written as an array literal with
    // one element per value (no spread), else at the list.
    fn walk(f: &Fields<'_, '_, '_, '_>, items: &[StaticValue], site: &Site, report: &mut dyn FnMut(Diagnostic)) {
        let one_to_one = matches!(
            written(f.ev, site),
            Some(Json::Array(elements)) if elements.len() == items.len() && !elements.iter().any(|e| symbolic(e) == Some("spread"))
        );
        for (i, item) in items.iter().enumerate() {
            let item_site = if one_to_one { site.child(&i.to_string()) } else { site.clone() };
            match item {
                StaticValue::Array(inner) => walk(f, inner, &item_site, report),
                StaticValue::Symbol(_) => {}
                StaticValue::ModuleWithProviders(_) => report(diag::module_with_providers_import(f.ev.value_span(&item_site))),
                other => report(*wrong(f.ev.value_span(&item_site), MESSAGE, other)),
            }
        }
    }
    walk(f, items, &site, report);
}

/// The metadata written at `site` (its pointer starts with `/metadata`).
fn written<'e>(ev: &'e Evaluator<'_, '_>, site: &Site) -> Option<&'e Json> {
    let mut node = ev.modules.metadata(site.module)?;
    for segment in site.pointer.split('/').skip(2) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        node = match node {
            Json::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            other => other.get(&key)?,
        };
    }
    Some(node)
}

/// A value ngc's interpreter could not determine.
fn is_dynamic(value: &StaticValue) -> bool {
    matches!(value, StaticValue::Invalid | StaticValue::Unknown(_) | StaticValue::Call(..) | StaticValue::New(..) | StaticValue::Global(_))
}

/// ngc's second line of a wrong-type error: what the value is.
fn describe(value: &StaticValue) -> String {
    if is_dynamic(value) {
        return "Value could not be determined statically.".into();
    }
    match value {
        StaticValue::Symbol(s) => format!("Value is a reference to '{}'.", s.name),
        other => format!("Value is of type '{}'.", type_name(other, 1)),
    }
}

/// ngc's `describeResolvedType`.
fn type_name(value: &StaticValue, depth: usize) -> String {
    match value {
        StaticValue::Null => "null".into(),
        StaticValue::Undefined => "undefined".into(),
        StaticValue::Number(_) => "number".into(),
        StaticValue::Bool(_) => "boolean".into(),
        StaticValue::String(_) => "string".into(),
        StaticValue::Object(_) if depth == 0 => "object".into(),
        StaticValue::Object(entries) if entries.is_empty() => "{}".into(),
        StaticValue::Object(entries) => {
            let parts: Vec<String> = entries.iter().map(|(k, v)| format!("{}: {}", quote_key(k), type_name(v, depth - 1))).collect();
            format!("{{ {} }}", parts.join("; "))
        }
        StaticValue::Array(_) if depth == 0 => "Array".into(),
        StaticValue::Array(items) => format!("[{}]", items.iter().map(|i| type_name(i, depth - 1)).collect::<Vec<_>>().join(", ")),
        StaticValue::Namespace(_) => "(module)".into(),
        StaticValue::EnumMember(e, _) => e.name.clone(),
        StaticValue::Symbol(s) | StaticValue::ModuleWithProviders(s) => s.name.clone(),
        _ => "(not statically analyzable)".into(),
    }
}

fn quote_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        key.to_string()
    } else {
        format!("'{}'", key.replace('\'', "\\'"))
    }
}

/// ngc's NG1010 for `value` at `span`.
fn wrong(span: Span, message: &str, value: &StaticValue) -> Box<Diagnostic> {
    Box::new(diag::value_has_wrong_type(span, message, &describe(value)))
}
