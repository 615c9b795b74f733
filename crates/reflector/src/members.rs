//! What the members of a program directive declare: inputs, outputs, queries and host bindings,
//! from member decorators (`@Input()`, `@ViewChild()`, `@HostListener()`, … in the metadata)
//! and from Angular's signal APIs (`input()`, `model()`, `output()`, `viewChild()`, … in the
//! collector's initializer calls), merged as Angular's `extractDirectiveMetadata` merges them:
//! the decorator's `inputs`/`outputs` arrays first, then the members in class order.
//!
//! A signal API is recognised as Angular recognises it: the callee is an identifier imported by
//! name from the API's module, or `.required` on one, or a member of a namespace import of that
//! module (`core.input`, `core.input.required`). Its options are read by form, as Angular reads
//! them: an object literal, a string-literal alias, a boolean-literal `descendants`.

use ngc_collector::{Accessibility, ExprFact, ExprSyntax, ImportFact, ImportedName, InitializerCall, Json};
use ngc_diagnostics::{Diagnostic, Span};

use crate::declarations::{
    angular_decorator, DeclarationProblem, HostMeta, InputMeta, OutputMeta, QueryExpr, QueryMeta, QueryPredicate,
};
use crate::diagnostics as diag;
use crate::evaluate::{Evaluator, Site, StaticValue};
use crate::modules::SymbolId;

/// An initializer API of `@angular/core`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitializerApi {
    Input,
    Model,
    Output,
    OutputFromObservable,
    ViewChild,
    ViewChildren,
    ContentChild,
    ContentChildren,
}

impl InitializerApi {
    const ALL: [InitializerApi; 8] = [
        InitializerApi::Input,
        InitializerApi::Model,
        InitializerApi::Output,
        InitializerApi::OutputFromObservable,
        InitializerApi::ViewChild,
        InitializerApi::ViewChildren,
        InitializerApi::ContentChild,
        InitializerApi::ContentChildren,
    ];

    pub fn function_name(self) -> &'static str {
        match self {
            InitializerApi::Input => "input",
            InitializerApi::Model => "model",
            InitializerApi::Output => "output",
            InitializerApi::OutputFromObservable => "outputFromObservable",
            InitializerApi::ViewChild => "viewChild",
            InitializerApi::ViewChildren => "viewChildren",
            InitializerApi::ContentChild => "contentChild",
            InitializerApi::ContentChildren => "contentChildren",
        }
    }

    pub fn owning_module(self) -> &'static str {
        match self {
            InitializerApi::OutputFromObservable => "@angular/core/rxjs-interop",
            _ => "@angular/core",
        }
    }

    fn is_query(self) -> bool {
        matches!(
            self,
            InitializerApi::ViewChild
                | InitializerApi::ViewChildren
                | InitializerApi::ContentChild
                | InitializerApi::ContentChildren
        )
    }

    /// Queries may be private (they are read from static blocks); inputs and outputs may not.
    fn allows(self, access: MemberAccess) -> bool {
        match access {
            MemberAccess::EcmaPrivate => false,
            MemberAccess::Private => self.is_query(),
            _ => true,
        }
    }

    fn allowed_levels(self) -> &'static str {
        if self.is_query() {
            "public, public readonly, protected, private"
        } else {
            "public, public readonly, protected"
        }
    }
}

/// Angular's `ClassMemberAccessLevel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberAccess {
    Public,
    PublicReadonly,
    Protected,
    Private,
    EcmaPrivate,
}

impl MemberAccess {
    fn of(call: &InitializerCall) -> MemberAccess {
        if call.is_ecma_private {
            return MemberAccess::EcmaPrivate;
        }
        match call.accessibility {
            Accessibility::Private => MemberAccess::Private,
            Accessibility::Protected => MemberAccess::Protected,
            Accessibility::Public if call.is_readonly => MemberAccess::PublicReadonly,
            Accessibility::Public => MemberAccess::Public,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            MemberAccess::Public => "public",
            MemberAccess::PublicReadonly => "public readonly",
            MemberAccess::Protected => "protected",
            MemberAccess::Private => "private",
            MemberAccess::EcmaPrivate => "ES private",
        }
    }
}

/// The API an initializer call is, and whether it is `.required`, as Angular's
/// `tryParseInitializerApi` decides it from the file's imports.
pub fn recognise(call: &InitializerCall, imports: &[ImportFact]) -> Option<(InitializerApi, bool)> {
    let named = |local: &str| {
        imports.iter().find(|i| i.local == local).and_then(|i| match &i.imported {
            ImportedName::Named(name) => InitializerApi::ALL
                .into_iter()
                .find(|api| api.function_name() == name && api.owning_module() == i.module),
            _ => None,
        })
    };
    let namespace = |local: &str, name: &str| {
        let import = imports.iter().find(|i| i.local == local && i.imported == ImportedName::Namespace)?;
        InitializerApi::ALL.into_iter().find(|api| api.function_name() == name && api.owning_module() == import.module)
    };
    match call.callee.as_slice() {
        [local] => named(local).map(|api| (api, false)),
        [local, required] if required == "required" && named(local).is_some() => named(local).map(|api| (api, true)),
        [ns, name] => namespace(ns, name).map(|api| (api, false)),
        [ns, name, required] if required == "required" => namespace(ns, name).map(|api| (api, true)),
        _ => None,
    }
}

/// A member decorator call, evaluated.
struct MemberDecorator {
    name: String,
    args: Vec<StaticValue>,
    /// The arguments' metadata, for references kept as written (a token constant rather
    /// than the `new InjectionToken(...)` it holds).
    raw_args: Vec<Json>,
    site: Site,
}

/// A class member that declares something: its decorators and its initializer API.
struct Member<'f> {
    name: String,
    /// Source order.
    position: u32,
    is_static: bool,
    decorators: Vec<MemberDecorator>,
    initializer: Option<(&'f InitializerCall, InitializerApi, bool)>,
}

/// What the members of a directive declare.
#[derive(Default)]
pub(crate) struct MemberBindings {
    pub inputs: Vec<InputMeta>,
    pub outputs: Vec<OutputMeta>,
    pub queries: Vec<QueryMeta>,
    pub view_queries: Vec<QueryMeta>,
    pub host: HostMeta,
}

const QUERY_DECORATORS: [&str; 4] = ["ViewChild", "ViewChildren", "ContentChild", "ContentChildren"];

/// Reads the inputs, outputs, queries and host bindings of the program directive `symbol`,
/// whose metadata entry is `entry` and whose decorator argument is `meta` (at `arg_site`).
pub(crate) fn read_members(
    ev: &mut Evaluator<'_, '_>,
    symbol: &SymbolId,
    entry: &Json,
    meta: &StaticValue,
    arg_site: &Site,
    problems: &mut Vec<DeclarationProblem>,
) -> MemberBindings {
    let mut out = MemberBindings::default();
    // ngc stops analysing a directive at its first problem: one diagnostic per class.
    let mut reported = false;
    let mut report = |d: Diagnostic| {
        if !std::mem::replace(&mut reported, true) {
            problems.push(DeclarationProblem::Diagnostic { module: symbol.module, diagnostic: d });
        }
    };
    if let Some(StaticValue::Array(items)) = meta.field("inputs") {
        for item in items {
            if let Some(input) = input_from_metadata(item) {
                upsert(&mut out.inputs, input, |i| i.property.clone());
            }
        }
    }
    if let Some(StaticValue::Array(items)) = meta.field("outputs") {
        for (property, alias) in items.iter().filter_map(|o| o.as_str().map(split_binding)) {
            upsert(&mut out.outputs, OutputMeta { property, alias }, |o| o.property.clone());
        }
    }
    let inputs_from_meta: Vec<String> = out.inputs.iter().map(|i| i.property.clone()).collect();
    let outputs_from_meta: Vec<String> = out.outputs.iter().map(|o| o.property.clone()).collect();

    let file = ev.modules.program_file(symbol.module).cloned();
    let (calls, imports, text) = match &file {
        Some(f) => (f.facts.initializer_calls.as_slice(), f.facts.imports.as_slice(), f.text.clone()),
        None => (&[][..], &[][..], std::sync::Arc::from("")),
    };
    let members = class_members(ev, symbol, entry, calls, imports, file.as_ref().map(|f| &f.facts));

    let mut field_inputs: Vec<InputMeta> = Vec::new();
    let mut field_outputs: Vec<OutputMeta> = Vec::new();
    let (mut signal_view, mut signal_content) = (Vec::new(), Vec::new());
    let mut decorator_queries: [Vec<QueryMeta>; 4] = Default::default();
    let mut host_properties: Vec<(String, String)> = Vec::new();
    let mut host_listeners: Vec<(String, String)> = Vec::new();
    let cls = symbol.name.as_str();
    for member in &members {
        let decorator = |name: &str| member.decorators.iter().find(|d| d.name == name);
        let initializer = member.initializer;
        if let Some((call, api, _)) = initializer {
            let access = MemberAccess::of(call);
            if !api.allows(access) {
                report(diag::initializer_visibility(
                    call.span,
                    api.function_name(),
                    access.describe(),
                    api.allowed_levels(),
                ));
            }
        }
        // Inputs.
        let input = match (decorator("Input"), initializer) {
            (Some(d), Some((_, api @ (InitializerApi::Input | InitializerApi::Model), _))) => {
                let what = if api == InitializerApi::Input { "a signal input" } else { "a model input" };
                report(diag::initializer_with_decorator(
                    decorator_span(&text, ev.span_at(&d.site)),
                    &format!("Using @Input with {what} is not allowed."),
                ));
                None
            }
            (Some(d), _) => Some(decorator_input(&member.name, d)),
            (None, Some((call, api @ (InitializerApi::Input | InitializerApi::Model), required))) => {
                let options = call.arguments.get(if required { 0 } else { 1 });
                let (alias, has_transform) = options.map(|o| input_output_options(o, &mut report)).unwrap_or_default();
                let alias = alias.unwrap_or_else(|| member.name.clone());
                if api == InitializerApi::Model {
                    field_outputs_model(&mut field_outputs, &member.name, &alias);
                }
                Some(InputMeta { property: member.name.clone(), alias, required, is_signal: true, has_transform })
            }
            _ => None,
        };
        if let Some(input) = input {
            if member.is_static {
                report(diag::static_member(
                    member_span(ev, member),
                    &format!("Input \"{}\" is incorrectly declared as static member of \"{cls}\".", member.name),
                ));
            }
            if input.is_signal && inputs_from_meta.contains(&member.name) {
                report(diag::decorator_metadata_collision(
                    member_span(ev, member),
                    &format!(
                        "Input \"{}\" is also declared as non-signal in @{}.",
                        member.name,
                        component_or_directive(entry)
                    ),
                ));
            }
            field_inputs.push(input);
        }
        // Outputs (a model's `<name>Change` output was added with its input).
        let output = match (decorator("Output"), initializer) {
            (Some(d), Some((_, InitializerApi::Output | InitializerApi::OutputFromObservable, _))) => {
                report(diag::initializer_with_decorator(
                    decorator_span(&text, ev.span_at(&d.site)),
                    "Using \"@Output\" with \"output()\" is not allowed.",
                ));
                None
            }
            (Some(d), Some((_, InitializerApi::Model, _))) => {
                report(diag::initializer_with_decorator(
                    decorator_span(&text, ev.span_at(&d.site)),
                    "Using @Output with a model input is not allowed.",
                ));
                None
            }
            (Some(d), _) => {
                let alias = d.args.first().and_then(|a| a.as_str()).unwrap_or(&member.name).to_string();
                Some(OutputMeta { property: member.name.clone(), alias })
            }
            (None, Some((call, api @ (InitializerApi::Output | InitializerApi::OutputFromObservable), required))) => {
                if required {
                    report(diag::output_required(call.span));
                }
                let options = call.arguments.get(if api == InitializerApi::Output { 0 } else { 1 });
                let alias = options.and_then(|o| input_output_options(o, &mut report).0);
                if outputs_from_meta.contains(&member.name) {
                    report(diag::decorator_metadata_collision(
                        member_span(ev, member),
                        &format!(
                            "Output \"{}\" is unexpectedly declared in @{} as well.",
                            member.name,
                            component_or_directive(entry)
                        ),
                    ));
                }
                Some(OutputMeta { property: member.name.clone(), alias: alias.unwrap_or_else(|| member.name.clone()) })
            }
            _ => None,
        };
        let is_output = output.is_some() || matches!(initializer, Some((_, InitializerApi::Model, _)));
        if is_output && member.is_static {
            let span = decorator("Output").map(|d| ev.span_at(&d.site)).or(initializer.map(|(c, _, _)| c.span));
            report(diag::static_member(
                span.unwrap_or_default(),
                "Output is incorrectly declared on a static class member.",
            ));
        }
        field_outputs.extend(output);
        // Queries.
        let query_decorator = member.decorators.iter().find(|d| QUERY_DECORATORS.contains(&d.name.as_str()));
        match (query_decorator, initializer) {
            (Some(d), Some((_, api, _))) if api.is_query() => {
                report(diag::initializer_with_decorator(
                    decorator_span(&text, ev.span_at(&d.site)),
                    &format!("Using @{} with a signal-based query is not allowed.", d.name),
                ));
            }
            (Some(d), _) => {
                if member.is_static {
                    report(diag::static_member(
                        ev.span_at(&d.site),
                        "Query is incorrectly declared on a static class member.",
                    ));
                }
                let index = QUERY_DECORATORS.iter().position(|n| *n == d.name).unwrap_or(0);
                let args = as_written(ev, &d.args, &d.raw_args, &d.site);
                if let Some(query) = decorator_query(ev, &text, &member.name, &d.name, &args, &d.site, &mut report) {
                    decorator_queries[index].push(query);
                }
            }
            (None, Some((call, api, _))) if api.is_query() => {
                if member.is_static {
                    report(diag::static_member(call.span, "Query is incorrectly declared on a static class member."));
                }
                if let Some(query) = signal_query(ev, symbol, imports, &member.name, call, api, &mut report) {
                    match api {
                        InitializerApi::ViewChild | InitializerApi::ViewChildren => signal_view.push(query),
                        _ => signal_content.push(query),
                    }
                }
            }
            _ => {}
        }
        // Host bindings.
        if !member.is_static {
            for d in member.decorators.iter().filter(|d| d.name == "HostBinding") {
                let property = match d.args.first() {
                    None | Some(StaticValue::Undefined) => member.name.clone(),
                    Some(StaticValue::String(s)) => s.clone(),
                    Some(_) => {
                        report(diag::wrong_type(ev.span_at(&d.site), "@HostBinding's argument must be a string"));
                        continue;
                    }
                };
                set(&mut host_properties, property, safe_property_access("this", &member.name));
            }
            for d in member.decorators.iter().filter(|d| d.name == "HostListener") {
                let event = match d.args.first() {
                    None | Some(StaticValue::Undefined) => member.name.clone(),
                    Some(StaticValue::String(s)) => s.clone(),
                    Some(_) => {
                        report(diag::wrong_type(
                            ev.span_at(&d.site),
                            "@HostListener's event name argument must be a string",
                        ));
                        continue;
                    }
                };
                let args: Vec<String> = match d.args.get(1) {
                    None | Some(StaticValue::Undefined) => Vec::new(),
                    Some(StaticValue::Array(items)) if items.iter().all(|i| i.as_str().is_some()) => {
                        items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect()
                    }
                    Some(_) => {
                        report(diag::wrong_type(
                            ev.span_at(&d.site),
                            "@HostListener's second argument must be a string array",
                        ));
                        continue;
                    }
                };
                set(&mut host_listeners, event, format!("{}({})", member.name, args.join(",")));
            }
        }
    }
    for input in field_inputs {
        upsert(&mut out.inputs, input, |i| i.property.clone());
    }
    for output in field_outputs {
        upsert(&mut out.outputs, output, |o| o.property.clone());
    }
    let [view_child, view_children, content_child, content_children] = decorator_queries;
    out.view_queries = signal_view.into_iter().chain(view_child).chain(view_children).collect();
    out.queries = signal_content.into_iter().chain(content_child).chain(content_children).collect();
    if let Some(StaticValue::Object(fields)) = meta.field("queries") {
        let site = arg_site.child("queries");
        for (property, value) in fields {
            let StaticValue::New(class, args) = value else { continue };
            let StaticValue::Symbol(class) = &**class else { continue };
            if !ev.is_angular_core(class) || !QUERY_DECORATORS.contains(&class.name.as_str()) {
                continue;
            }
            let query_site = site.child(property);
            let Some(query) = decorator_query(ev, &text, property, &class.name, args, &query_site, &mut report) else {
                continue;
            };
            if class.name.starts_with("Content") {
                out.queries.push(query);
            } else {
                out.view_queries.push(query);
            }
        }
    }
    out.host = host_from_metadata(meta.field("host"));
    for (property, value) in host_properties {
        set(&mut out.host.properties, property, value);
    }
    for (event, handler) in host_listeners {
        set(&mut out.host.listeners, event, handler);
    }
    out
}

/// `Component` or `Directive`, for messages.
fn component_or_directive(entry: &Json) -> &'static str {
    let Some(Json::Array(decorators)) = entry.get("decorators") else { return "Directive" };
    let is_component = decorators
        .iter()
        .any(|d| d.get("expression").and_then(|e| e.get("name")) == Some(&Json::String("Component".into())));
    if is_component {
        "Component"
    } else {
        "Directive"
    }
}

/// Inserts, or replaces the entry with the same key in place (JavaScript object assignment).
fn upsert<T>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> String) {
    let k = key(&item);
    match list.iter_mut().find(|existing| key(existing) == k) {
        Some(existing) => *existing = item,
        None => list.push(item),
    }
}

fn set(list: &mut Vec<(String, String)>, key: String, value: String) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(entry) => entry.1 = value,
        None => list.push((key, value)),
    }
}

/// Angular's `getSafePropertyAccessString`: `this.name`, or `this['na-me']`.
fn safe_property_access(accessor: &str, name: &str) -> String {
    let mut body = String::new();
    for c in name.chars() {
        match c {
            '\n' => body.push_str("\\n"),
            '\r' => body.push_str("\\r"),
            '\'' | '\\' => {
                body.push('\\');
                body.push(c);
            }
            c => body.push(c),
        }
    }
    let legal = body.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && body.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if legal && body == name {
        format!("{accessor}.{name}")
    } else {
        format!("{accessor}['{body}']")
    }
}

/// The decorated members (from the metadata) and the members with an initializer API (from the
/// source facts), in class order.
fn class_members<'f>(
    ev: &mut Evaluator<'_, '_>,
    symbol: &SymbolId,
    entry: &Json,
    calls: &'f [InitializerCall],
    imports: &[ImportFact],
    facts: Option<&ngc_collector::SourceFacts>,
) -> Vec<Member<'f>> {
    let mut members: Vec<Member<'f>> = Vec::new();
    let class_site =
        Site { module: symbol.module, pointer: format!("/metadata/{}", crate::evaluate::escape(&symbol.name)) };
    if let Some(Json::Object(entries)) = entry.get("members") {
        for (name, list) in entries {
            let Json::Array(list) = list else { continue };
            let facts_of: Vec<&ngc_collector::MemberFact> = facts
                .map(|f| f.decorated_members.iter().filter(|m| m.class == symbol.name && m.member == *name).collect())
                .unwrap_or_default();
            // Methods are listed with or without decorators; the facts hold decorated ones only.
            let mut decorated = 0;
            for (i, item) in list.iter().enumerate() {
                let Some(Json::Array(decorators)) = item.get("decorators") else { continue };
                let fact = facts_of.get(decorated).or(facts_of.first());
                decorated += 1;
                let mut found = Vec::new();
                for (j, decorator) in decorators.iter().enumerate() {
                    let site = class_site
                        .child("members")
                        .child(name)
                        .child(&i.to_string())
                        .child("decorators")
                        .child(&j.to_string());
                    if let Ok((decorator_name, args)) = angular_decorator(ev, decorator, &site) {
                        let raw_args = match decorator.get("arguments") {
                            Some(Json::Array(raw)) => raw.clone(),
                            _ => Vec::new(),
                        };
                        found.push(MemberDecorator { name: decorator_name, args, raw_args, site });
                    }
                }
                members.push(Member {
                    name: name.clone(),
                    position: fact.map_or(u32::MAX, |f| f.span.start),
                    is_static: fact.is_some_and(|f| f.is_static),
                    decorators: found,
                    initializer: None,
                });
            }
        }
    }
    for call in calls.iter().filter(|c| c.class == symbol.name) {
        let Some((api, required)) = recognise(call, imports) else { continue };
        match members.iter_mut().find(|m| m.name == call.member && m.position == call.member_span.start) {
            Some(member) => member.initializer = Some((call, api, required)),
            None => members.push(Member {
                name: call.member.clone(),
                position: call.member_span.start,
                is_static: call.is_static,
                decorators: Vec::new(),
                initializer: Some((call, api, required)),
            }),
        }
    }
    members.sort_by_key(|m| m.position);
    members
}

fn member_span(ev: &Evaluator<'_, '_>, member: &Member<'_>) -> Span {
    match (member.initializer, member.decorators.first()) {
        (Some((call, _, _)), _) => call.declaration,
        // The member starts at its first decorator's `@`, which the metadata node leaves out.
        (None, Some(d)) => {
            let span = ev.span_at(&d.site);
            let text = ev.modules.program_file(d.site.module).map(|f| f.text.clone());
            let at = text.as_deref().and_then(|t| {
                let before = t.get(..span.start as usize)?.trim_end();
                before.ends_with('@').then(|| before.len() as u32 - 1)
            });
            at.map_or(span, |start| Span { start, ..span })
        }
        (None, None) => Span::default(),
    }
}

/// `@Input()`, `@Input('alias')`, `@Input({alias, required, transform})`.
fn decorator_input(member: &str, d: &MemberDecorator) -> InputMeta {
    let arg = d.args.first().cloned().unwrap_or(StaticValue::Undefined);
    let (alias, required, has_transform) = match &arg {
        StaticValue::String(alias) => (alias.clone(), false, false),
        StaticValue::Object(_) => (
            arg.field("alias").and_then(|a| a.as_str()).unwrap_or(member).to_string(),
            matches!(arg.field("required"), Some(StaticValue::Bool(true))),
            arg.field("transform").is_some(),
        ),
        _ => (member.to_string(), false, false),
    };
    InputMeta { property: member.to_string(), alias, required, is_signal: false, has_transform }
}

/// A model's output, `<alias>Change`.
fn field_outputs_model(outputs: &mut Vec<OutputMeta>, property: &str, alias: &str) {
    outputs.push(OutputMeta { property: property.to_string(), alias: format!("{alias}Change") });
}

/// `parseAndValidateInputAndOutputOptions`: the alias, and whether a `transform` is given.
fn input_output_options(options: &ExprFact, report: &mut dyn FnMut(Diagnostic)) -> (Option<String>, bool) {
    let ExprSyntax::Object(properties) = &options.syntax else {
        report(diag::wrong_type(options.span, "Argument needs to be an object literal that is statically analyzable."));
        return (None, false);
    };
    let mut alias = None;
    if let Some(p) = properties.iter().rev().find(|p| p.key == "alias") {
        match &p.value.syntax {
            ExprSyntax::String(s) => alias = Some(s.clone()),
            _ => report(diag::wrong_type(p.value.span, "Alias needs to be a string that is statically analyzable.")),
        }
    }
    (alias, properties.iter().any(|p| p.key == "transform"))
}

/// An entry of a decorator's `inputs` array: `'prop'`, `'prop: alias'` or `{name, alias, required, transform}`.
pub(crate) fn input_from_metadata(value: &StaticValue) -> Option<InputMeta> {
    match value {
        StaticValue::String(s) => {
            let (property, alias) = split_binding(s);
            Some(InputMeta { property, alias, required: false, is_signal: false, has_transform: false })
        }
        StaticValue::Object(_) => {
            let property = value.field("name")?.as_str()?.to_string();
            let alias = value.field("alias").and_then(|a| a.as_str()).unwrap_or(&property).to_string();
            let required = matches!(value.field("required"), Some(StaticValue::Bool(true)));
            let has_transform = value.field("transform").is_some();
            Some(InputMeta { property, alias, required, is_signal: false, has_transform })
        }
        _ => None,
    }
}

/// `'prop'` or `'prop: alias'`.
pub(crate) fn split_binding(binding: &str) -> (String, String) {
    match binding.split_once(':') {
        Some((property, alias)) => (property.trim().to_string(), alias.trim().to_string()),
        None => (binding.trim().to_string(), binding.trim().to_string()),
    }
}

/// `@ViewChild(predicate, {read, static, descendants, emitDistinctChangesOnly})` and the
/// `new ViewChild(...)` entries of `queries`; `args_site` locates the arguments' metadata.
fn decorator_query(
    ev: &Evaluator<'_, '_>,
    text: &str,
    property: &str,
    name: &str,
    args: &[StaticValue],
    site: &Site,
    report: &mut dyn FnMut(Diagnostic),
) -> Option<QueryMeta> {
    let decorator_span = ev.span_at(site);
    let Some(first) = args.first() else {
        report(diag::wrong_type(decorator_span, &format!("@{name} must have arguments")));
        return None;
    };
    let predicate_site = site.child("arguments").child("0");
    let predicate_span = span_or(ev.span_at(&predicate_site), decorator_span);
    let predicate = match first {
        StaticValue::String(s) => QueryPredicate::Names(vec![s.clone()]),
        StaticValue::Array(items) if items.iter().all(|i| i.as_str().is_some()) => {
            QueryPredicate::Names(items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
        }
        other => QueryPredicate::Type(QueryExpr {
            span: predicate_span,
            value: other.clone(),
            forward_ref: is_forward_ref_text(text, predicate_span),
        }),
    };
    let options = args.get(1).cloned().unwrap_or(StaticValue::Undefined);
    let options_site = site.child("arguments").child("1");
    let boolean = |key: &str, default: bool, report: &mut dyn FnMut(Diagnostic)| match options.field(key) {
        None => default,
        Some(StaticValue::Bool(b)) => *b,
        Some(_) => {
            let span = span_or(ev.span_at(&options_site.child(key)), decorator_span);
            report(diag::wrong_type(span, &format!("@{name} options.{key} must be a boolean")));
            default
        }
    };
    let descendants = boolean("descendants", name != "ContentChildren", report);
    let emit_distinct_changes_only = boolean("emitDistinctChangesOnly", true, report);
    let is_static = boolean("static", false, report);
    let read = options.field("read").map(|value| {
        let span = span_or(ev.span_at(&options_site.child("read")), decorator_span);
        QueryExpr { span, value: value.clone(), forward_ref: is_forward_ref_text(text, span) }
    });
    Some(QueryMeta {
        property: property.to_string(),
        first: name == "ViewChild" || name == "ContentChild",
        predicate,
        descendants,
        read,
        is_static,
        emit_distinct_changes_only,
        is_signal: false,
    })
}

/// Decorator arguments with the references in the predicate and the `read` option kept as
/// the symbols written.
fn as_written(ev: &mut Evaluator<'_, '_>, args: &[StaticValue], raw: &[Json], site: &Site) -> Vec<StaticValue> {
    let mut args = args.to_vec();
    let arguments = site.child("arguments");
    if let (Some(first), Some(raw_first)) = (args.first_mut(), raw.first()) {
        if let Some(symbol) = ev.reference_symbol(raw_first, &arguments.child("0")) {
            *first = StaticValue::Symbol(symbol);
        }
    }
    if let (Some(StaticValue::Object(fields)), Some(raw_read)) =
        (args.get_mut(1), raw.get(1).and_then(|o| o.get("read")))
    {
        if let Some(symbol) = ev.reference_symbol(raw_read, &arguments.child("1").child("read")) {
            if let Some(read) = fields.iter_mut().find(|(k, _)| k == "read") {
                read.1 = StaticValue::Symbol(symbol);
            }
        }
    }
    args
}

/// A member decorator's metadata starts after its `@`; Angular reports at the `@`.
fn decorator_span(text: &str, span: Span) -> Span {
    let start = span.start as usize;
    match text.get(..start).map(str::trim_end) {
        Some(before) if before.ends_with('@') => Span::new((before.len() - 1) as u32, span.end),
        _ => span,
    }
}

fn span_or(span: Span, fallback: Span) -> Span {
    if span == Span::default() {
        fallback
    } else {
        span
    }
}

/// The collector folds `forwardRef(() => X)` to `X` (located at `X`, or at the call); whether
/// it was written so is in the text.
pub(crate) fn is_forward_ref_text(text: &str, span: Span) -> bool {
    if text.get(span.start as usize..span.end as usize).is_some_and(|s| s.trim_start().starts_with("forwardRef")) {
        return true;
    }
    let Some(before) = text.get(..span.start as usize) else { return false };
    let rest = before.trim_end();
    let Some(rest) = rest.strip_suffix("=>") else { return false };
    let Some(rest) = rest.trim_end().strip_suffix(')') else { return false };
    let Some(rest) = rest.trim_end().strip_suffix('(') else { return false };
    let Some(rest) = rest.trim_end().strip_suffix('(') else { return false };
    rest.trim_end().ends_with("forwardRef")
}

/// `tryParseSignalQueryFromInitializer`: `viewChild(locator, {read, descendants})` and friends.
fn signal_query(
    ev: &mut Evaluator<'_, '_>,
    symbol: &SymbolId,
    imports: &[ImportFact],
    property: &str,
    call: &InitializerCall,
    api: InitializerApi,
    report: &mut dyn FnMut(Diagnostic),
) -> Option<QueryMeta> {
    let Some(locator) = call.arguments.first() else {
        report(diag::wrong_type(call.span, "No locator specified."));
        return None;
    };
    let options = call.arguments.get(1);
    let properties = match options.map(|o| &o.syntax) {
        None => &[][..],
        Some(ExprSyntax::Object(properties)) => properties.as_slice(),
        Some(_) => {
            report(diag::wrong_type(options.map_or(call.span, |o| o.span), "Argument needs to be an object literal."));
            return None;
        }
    };
    let option = |key: &str| properties.iter().rev().find(|p| p.key == key).map(|p| &p.value);
    let read = match option("read") {
        None => None,
        Some(read) => match &read.syntax {
            ExprSyntax::EntityName(path) if path.len() <= 2 => {
                Some(QueryExpr { span: read.span, value: resolve_fact(ev, symbol, read), forward_ref: false })
            }
            _ => {
                report(diag::not_literal(read.span, "Query \"read\" option expected a literal class reference."));
                return None;
            }
        },
    };
    let descendants = match option("descendants") {
        None => api != InitializerApi::ContentChildren,
        Some(value) => match value.syntax {
            ExprSyntax::Bool(b) => b,
            _ => {
                report(diag::wrong_type(value.span, "Expected \"descendants\" option to be a boolean literal."));
                return None;
            }
        },
    };
    let (locator, forward_ref) = match unwrap_forward_ref(locator, imports) {
        Some(inner) => (inner, true),
        None => (locator, false),
    };
    let predicate = match &locator.syntax {
        ExprSyntax::String(s) if !forward_ref => QueryPredicate::Names(vec![s.clone()]),
        _ => QueryPredicate::Type(QueryExpr {
            span: locator.span,
            value: resolve_fact(ev, symbol, locator),
            forward_ref,
        }),
    };
    Some(QueryMeta {
        property: property.to_string(),
        first: matches!(api, InitializerApi::ViewChild | InitializerApi::ContentChild),
        predicate,
        descendants,
        read,
        is_static: false,
        emit_distinct_changes_only: true,
        is_signal: true,
    })
}

/// `forwardRef(() => X)` with `forwardRef` imported from `@angular/core`: `X`.
fn unwrap_forward_ref<'f>(fact: &'f ExprFact, imports: &[ImportFact]) -> Option<&'f ExprFact> {
    let ExprSyntax::Call { callee, arguments } = &fact.syntax else { return None };
    let from_core = match callee.as_slice() {
        [local] => imports.iter().any(|i| {
            i.local == *local && i.module == "@angular/core" && i.imported == ImportedName::Named("forwardRef".into())
        }),
        [ns, name] => {
            name == "forwardRef"
                && imports
                    .iter()
                    .any(|i| i.local == *ns && i.module == "@angular/core" && i.imported == ImportedName::Namespace)
        }
        _ => false,
    };
    if !from_core || arguments.len() != 1 {
        return None;
    }
    match &arguments[0].syntax {
        ExprSyntax::Arrow(body) => Some(body),
        _ => None,
    }
}

/// What an expression of an initializer call refers to. Problems the evaluation meets are View
/// Engine's (a non-exported class is an error node there), not this API's: they are dropped.
fn resolve_fact(ev: &mut Evaluator<'_, '_>, symbol: &SymbolId, fact: &ExprFact) -> StaticValue {
    let site = Site { module: symbol.module, pointer: "/initializer".into() };
    if let Some(symbol) = ev.reference_symbol(&fact.metadata, &site) {
        return StaticValue::Symbol(symbol);
    }
    let before = ev.problems.len();
    let value = ev.evaluate(&fact.metadata, &site, &Default::default());
    ev.problems.truncate(before);
    match (&value, &fact.syntax) {
        (StaticValue::Invalid, ExprSyntax::EntityName(path)) => {
            StaticValue::Unknown(format!("'{}', which the file does not export", path.join(".")))
        }
        _ => value,
    }
}

/// The decorator's `host` object, as Angular's `parseHostBindings` sorts it.
fn host_from_metadata(host: Option<&StaticValue>) -> HostMeta {
    let mut out = HostMeta::default();
    let Some(StaticValue::Object(fields)) = host else { return out };
    for (key, value) in fields {
        let text = value.as_str().map(str::to_string);
        if let Some(event) = key.strip_prefix('(').and_then(|k| k.strip_suffix(')')) {
            if let Some(handler) = text {
                set(&mut out.listeners, event.to_string(), handler);
            }
        } else if let Some(property) = key.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
            if let Some(binding) = text {
                set(&mut out.properties, property.to_string(), binding);
            }
        } else if key == "class" {
            out.class_attribute = text.or(out.class_attribute);
        } else if key == "style" {
            out.style_attribute = text.or(out.style_attribute);
        } else {
            match out.attributes.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value.clone(),
                None => out.attributes.push((key.clone(), value.clone())),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ngc_collector::{collect, CollectOptions};

    /// `(member, api, required)` for each recognised initializer call of `source`.
    fn recognised(source: &str) -> Vec<(String, InitializerApi, bool)> {
        let facts = collect("/p/a.ts", source, &CollectOptions::default()).facts;
        facts
            .initializer_calls
            .iter()
            .filter_map(|c| recognise(c, &facts.imports).map(|(api, required)| (c.member.clone(), api, required)))
            .collect()
    }

    #[test]
    fn signal_apis_are_recognised_through_the_files_imports() {
        let source = r#"
            import { Directive, input as i, model, viewChildren } from '@angular/core';
            import * as core from '@angular/core';
            import { outputFromObservable } from '@angular/core/rxjs-interop';
            import { output } from './barrel';
            import * as other from './other';
            @Directive({})
            export class D {
              a = i();
              b = i.required();
              c = core.model.required();
              d = core.contentChild('x');
              e = outputFromObservable(x);
              f = output();
              g = other.input();
              h = model.optional();
              k = core.input.required.other();
              l = viewChildren(X);
            }
        "#;
        assert_eq!(
            recognised(source),
            [
                ("a".to_string(), InitializerApi::Input, false),
                ("b".to_string(), InitializerApi::Input, true),
                ("c".to_string(), InitializerApi::Model, true),
                ("d".to_string(), InitializerApi::ContentChild, false),
                ("e".to_string(), InitializerApi::OutputFromObservable, false),
                ("l".to_string(), InitializerApi::ViewChildren, false),
            ]
        );
    }

    #[test]
    fn output_from_observable_belongs_to_rxjs_interop() {
        let source = r#"
            import { Directive, outputFromObservable } from '@angular/core';
            @Directive({})
            export class D { e = outputFromObservable(x); }
        "#;
        assert!(recognised(source).is_empty());
    }

    #[test]
    fn property_access_strings_are_escaped_as_angular_does() {
        assert_eq!(safe_property_access("this", "value"), "this.value");
        assert_eq!(safe_property_access("this", "$x_1"), "this.$x_1");
        assert_eq!(safe_property_access("this", "aria-label"), "this['aria-label']");
        assert_eq!(safe_property_access("this", "it's"), "this['it\\'s']");
    }

    #[test]
    fn forward_refs_are_found_in_the_text() {
        let text = "x = forwardRef(() => Item); y = Item; z = forwardRef( ( ) =>Item )";
        let at = |needle: &str, nth: usize| {
            let start = text.match_indices(needle).nth(nth).map(|(i, _)| i as u32).unwrap_or_default();
            Span::new(start, start + needle.len() as u32)
        };
        assert!(is_forward_ref_text(text, at("Item", 0)));
        assert!(!is_forward_ref_text(text, at("Item", 1)));
        assert!(is_forward_ref_text(text, at("Item", 2)));
        assert!(is_forward_ref_text(text, at("forwardRef(() => Item)", 0)));
    }
}
