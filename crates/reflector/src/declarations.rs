//! Angular declarations — components, directives, pipes and NgModules — read from the
//! decorators in program metadata and from the Ivy declaration types of library `.d.ts` files.

use ngc_collector::{Accessibility, Json};
use ngc_diagnostics::Span;

use crate::dts::IvyDeclaration;
use crate::evaluate::{escape, symbolic, Evaluator, Site, StaticValue};
use crate::modules::{ModuleId, SymbolId};

/// An input of a directive or component.
#[derive(Debug, Clone, PartialEq)]
pub struct InputMeta {
    pub property: String,
    pub alias: String,
    pub required: bool,
    pub is_signal: bool,
}

/// An output of a directive or component.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputMeta {
    pub property: String,
    pub alias: String,
}

/// Where a component's template comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateSource {
    /// `template: '...'`: the text, and the span of its metadata node in the `.ts` file.
    Inline { text: String },
    /// `templateUrl: './x.html'`.
    Url(String),
}

/// A component or directive.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectiveMeta {
    pub symbol: SymbolId,
    pub is_component: bool,
    pub selector: Option<String>,
    pub export_as: Vec<String>,
    pub inputs: Vec<InputMeta>,
    pub outputs: Vec<OutputMeta>,
    pub standalone: bool,
    /// `imports` of a standalone component, evaluated (program components only).
    pub imports: Vec<(StaticValue, Span)>,
    pub template: Option<TemplateSource>,
}

/// A pipe.
#[derive(Debug, Clone, PartialEq)]
pub struct PipeMeta {
    pub symbol: SymbolId,
    pub name: String,
    /// `None` for library pipes: declaration files do not record purity.
    pub pure: Option<bool>,
    pub standalone: bool,
}

/// An NgModule: its lists, evaluated; each entry with the span of its metadata node.
#[derive(Debug, Clone, PartialEq)]
pub struct NgModuleMeta {
    pub symbol: SymbolId,
    pub declarations: Vec<(StaticValue, Span)>,
    pub imports: Vec<(StaticValue, Span)>,
    pub exports: Vec<(StaticValue, Span)>,
}

/// What an Angular class is.
#[derive(Debug, Clone, PartialEq)]
pub enum Declaration {
    Directive(DirectiveMeta),
    Pipe(PipeMeta),
    NgModule(NgModuleMeta),
    /// `@Injectable()` and classes without an Angular decorator.
    Other,
}

/// A problem in a declaration (not in evaluating it).
#[derive(Debug, Clone)]
pub enum DeclarationProblem {
    /// `@Input()` and friends on a private or protected member.
    NonPublicMember { module: ModuleId, span: Span, class: String, member: String, decorator: String, accessibility: Accessibility },
    /// A class decorator that is not one of Angular's.
    ForeignDecorator { module: ModuleId, span: Span, class: String, decorator: String },
}

const CLASS_DECORATORS: &[&str] = &["Component", "Directive", "Pipe", "NgModule", "Injectable"];

/// The Angular decorator a decorator call resolves to, with its evaluated first argument.
fn angular_decorator(ev: &mut Evaluator<'_, '_>, decorator: &Json, site: &Site) -> Result<(String, StaticValue), String> {
    let callee = if symbolic(decorator) == Some("call") { decorator.get("expression") } else { Some(decorator) };
    let callee_site = if symbolic(decorator) == Some("call") { site.child("expression") } else { site.clone() };
    let callee_value = callee.map(|c| ev.evaluate(c, &callee_site, &Default::default())).unwrap_or(StaticValue::Undefined);
    let name = match &callee_value {
        StaticValue::Symbol(s) => s.name.clone(),
        StaticValue::Global(g) => g.clone(),
        _ => String::new(),
    };
    let is_angular = matches!(&callee_value, StaticValue::Symbol(s) if ev.is_angular_core(s));
    if !is_angular {
        return Err(if name.is_empty() { "a decorator".into() } else { name });
    }
    let argument = match decorator.get("arguments") {
        Some(Json::Array(args)) if !args.is_empty() => ev.evaluate(&args[0], &site.child("arguments").child("0"), &Default::default()),
        _ => StaticValue::Undefined,
    };
    Ok((name, argument))
}

/// Reads the Angular declaration of a program class entry.
pub fn read_program_class(
    ev: &mut Evaluator<'_, '_>,
    symbol: &SymbolId,
    entry: &Json,
    problems: &mut Vec<DeclarationProblem>,
) -> Declaration {
    let class_site = Site { module: symbol.module, pointer: format!("/metadata/{}", escape(&symbol.name)) };
    let mut found: Option<(String, StaticValue, usize)> = None;
    if let Some(Json::Array(decorators)) = entry.get("decorators") {
        for (i, decorator) in decorators.iter().enumerate() {
            let site = class_site.child("decorators").child(&i.to_string());
            match angular_decorator(ev, decorator, &site) {
                Ok((name, arg)) if CLASS_DECORATORS.contains(&name.as_str()) => {
                    if found.is_none() {
                        found = Some((name, arg, i));
                    }
                }
                Ok(_) => {}
                Err(name) => problems.push(DeclarationProblem::ForeignDecorator {
                    module: symbol.module,
                    span: ev.span_at(&site),
                    class: symbol.name.clone(),
                    decorator: name,
                }),
            }
        }
    }
    check_member_accessibility(ev, symbol, problems);
    let Some((kind, meta, decorator_index)) = found else { return Declaration::Other };
    let arg_site = class_site.child("decorators").child(&decorator_index.to_string()).child("arguments").child("0");
    match kind.as_str() {
        "Component" | "Directive" => {
            let is_component = kind == "Component";
            let (mut inputs, mut outputs) = (Vec::new(), Vec::new());
            if let Some(StaticValue::Array(items)) = meta.field("inputs") {
                inputs.extend(items.iter().filter_map(input_from_metadata));
            }
            if let Some(StaticValue::Array(items)) = meta.field("outputs") {
                outputs.extend(items.iter().filter_map(|o| o.as_str().map(split_binding)).map(|(p, a)| OutputMeta { property: p, alias: a }));
            }
            read_member_bindings(ev, symbol, entry, &class_site, &mut inputs, &mut outputs);
            let template = match (meta.field("template"), meta.field("templateUrl")) {
                (Some(StaticValue::String(t)), _) => Some(TemplateSource::Inline { text: t.clone() }),
                (_, Some(StaticValue::String(url))) => Some(TemplateSource::Url(url.clone())),
                _ => None,
            };
            let imports = list_with_spans(ev, &meta, "imports", &arg_site);
            DirectiveMeta {
                symbol: symbol.clone(),
                is_component,
                selector: meta.field("selector").and_then(|s| s.as_str()).map(str::to_string),
                export_as: meta
                    .field("exportAs")
                    .and_then(|e| e.as_str())
                    .map(|e| e.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                    .unwrap_or_default(),
                inputs,
                outputs,
                standalone: standalone_flag(&meta),
                imports,
                template: if is_component { template } else { None },
            }
            .into()
        }
        "Pipe" => Declaration::Pipe(PipeMeta {
            symbol: symbol.clone(),
            name: meta.field("name").and_then(|n| n.as_str()).unwrap_or_default().to_string(),
            pure: Some(!matches!(meta.field("pure"), Some(StaticValue::Bool(false)))),
            standalone: standalone_flag(&meta),
        }),
        "NgModule" => Declaration::NgModule(NgModuleMeta {
            symbol: symbol.clone(),
            declarations: list_with_spans(ev, &meta, "declarations", &arg_site),
            imports: list_with_spans(ev, &meta, "imports", &arg_site),
            exports: list_with_spans(ev, &meta, "exports", &arg_site),
        }),
        _ => Declaration::Other,
    }
}

impl From<DirectiveMeta> for Declaration {
    fn from(meta: DirectiveMeta) -> Self {
        Declaration::Directive(meta)
    }
}

/// Angular 19+: standalone unless `standalone: false`.
fn standalone_flag(meta: &StaticValue) -> bool {
    !matches!(meta.field("standalone"), Some(StaticValue::Bool(false)))
}

/// A metadata list (`imports: [A, [B, C], ...D]`), flattened, each entry with the span of
/// the node it came from.
fn list_with_spans(ev: &Evaluator<'_, '_>, meta: &StaticValue, field: &str, arg_site: &Site) -> Vec<(StaticValue, Span)> {
    let mut out = Vec::new();
    let site = arg_site.child(field);
    if let Some(value) = meta.field(field) {
        flatten(ev, value, &site, &mut out);
    }
    out
}

fn flatten(ev: &Evaluator<'_, '_>, value: &StaticValue, site: &Site, out: &mut Vec<(StaticValue, Span)>) {
    match value {
        StaticValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(ev, item, &site.child(&i.to_string()), out);
            }
        }
        other => out.push((other.clone(), ev.span_at(site))),
    }
}

/// `'prop'` or `'prop: alias'`.
fn split_binding(binding: &str) -> (String, String) {
    match binding.split_once(':') {
        Some((property, alias)) => (property.trim().to_string(), alias.trim().to_string()),
        None => (binding.trim().to_string(), binding.trim().to_string()),
    }
}

/// An entry of a decorator's `inputs` array: `'prop'`, `'prop: alias'` or `{name, alias, required}`.
fn input_from_metadata(value: &StaticValue) -> Option<InputMeta> {
    match value {
        StaticValue::String(s) => {
            let (property, alias) = split_binding(s);
            Some(InputMeta { property, alias, required: false, is_signal: false })
        }
        StaticValue::Object(_) => {
            let property = value.field("name")?.as_str()?.to_string();
            let alias = value.field("alias").and_then(|a| a.as_str()).unwrap_or(&property).to_string();
            let required = matches!(value.field("required"), Some(StaticValue::Bool(true)));
            Some(InputMeta { property, alias, required, is_signal: false })
        }
        _ => None,
    }
}

/// `@Input()` / `@Output()` on members.
fn read_member_bindings(
    ev: &mut Evaluator<'_, '_>,
    symbol: &SymbolId,
    entry: &Json,
    class_site: &Site,
    inputs: &mut Vec<InputMeta>,
    outputs: &mut Vec<OutputMeta>,
) {
    let Some(Json::Object(members)) = entry.get("members") else { return };
    for (member, list) in members {
        let Json::Array(list) = list else { continue };
        for (i, item) in list.iter().enumerate() {
            let Some(Json::Array(decorators)) = item.get("decorators") else { continue };
            for (j, decorator) in decorators.iter().enumerate() {
                let site = class_site.child("members").child(member).child(&i.to_string()).child("decorators").child(&j.to_string());
                let Ok((name, arg)) = angular_decorator(ev, decorator, &site) else { continue };
                match name.as_str() {
                    "Input" => {
                        let (alias, required) = match &arg {
                            StaticValue::String(alias) => (alias.clone(), false),
                            StaticValue::Object(_) => (
                                arg.field("alias").and_then(|a| a.as_str()).unwrap_or(member).to_string(),
                                matches!(arg.field("required"), Some(StaticValue::Bool(true))),
                            ),
                            _ => (member.clone(), false),
                        };
                        inputs.push(InputMeta { property: member.clone(), alias, required, is_signal: false });
                    }
                    "Output" => {
                        let alias = arg.as_str().unwrap_or(member).to_string();
                        outputs.push(OutputMeta { property: member.clone(), alias });
                    }
                    _ => {}
                }
            }
        }
    }
    let _ = symbol;
}

/// Decorated members must be public: the generated code reads and writes them from outside.
fn check_member_accessibility(ev: &mut Evaluator<'_, '_>, symbol: &SymbolId, problems: &mut Vec<DeclarationProblem>) {
    let Some(file) = ev.modules.program_file(symbol.module) else { return };
    let facts: Vec<_> = file
        .facts
        .decorated_members
        .iter()
        .filter(|m| m.class == symbol.name && m.accessibility != Accessibility::Public)
        .cloned()
        .collect();
    for fact in facts {
        let decorator = first_member_decorator(ev, symbol, &fact.member).unwrap_or_else(|| "decorator".into());
        problems.push(DeclarationProblem::NonPublicMember {
            module: symbol.module,
            span: fact.span,
            class: symbol.name.clone(),
            member: fact.member.clone(),
            decorator,
            accessibility: fact.accessibility,
        });
    }
}

fn first_member_decorator(ev: &mut Evaluator<'_, '_>, symbol: &SymbolId, member: &str) -> Option<String> {
    let entry = ev.modules.metadata(symbol.module)?.get(&symbol.name)?.clone();
    let decorators = entry.get("members")?.get(member)?;
    let Json::Array(list) = decorators else { return None };
    let first = list.first()?.get("decorators")?;
    let Json::Array(ds) = first else { return None };
    let site = Site {
        module: symbol.module,
        pointer: format!("/metadata/{}/members/{}/0/decorators/0", escape(&symbol.name), escape(member)),
    };
    match angular_decorator(ev, ds.first()?, &site) {
        Ok((name, _)) | Err(name) => Some(name),
    }
}

/// The declaration of a library class, from its Ivy declaration type.
pub fn read_library_class(ev: &mut Evaluator<'_, '_>, symbol: &SymbolId) -> Declaration {
    let Some(library) = ev.modules.library(symbol.module) else { return Declaration::Other };
    let Some(class) = library.dts.classes.iter().find(|c| c.name == symbol.name) else { return Declaration::Other };
    match class.declaration.clone() {
        Some(IvyDeclaration::Directive(d)) | Some(IvyDeclaration::Component(d)) => {
            let is_component = matches!(class.declaration, Some(IvyDeclaration::Component(_)));
            Declaration::Directive(DirectiveMeta {
                symbol: symbol.clone(),
                is_component,
                selector: d.selector.clone(),
                export_as: d.export_as.clone(),
                inputs: d
                    .inputs
                    .iter()
                    .map(|i| InputMeta {
                        property: i.class_property.clone(),
                        alias: i.public_name.clone(),
                        required: i.required,
                        is_signal: i.is_signal,
                    })
                    .collect(),
                outputs: d.outputs.iter().map(|(p, a)| OutputMeta { property: p.clone(), alias: a.clone() }).collect(),
                standalone: d.standalone,
                imports: Vec::new(),
                template: None,
            })
        }
        Some(IvyDeclaration::Pipe(p)) => Declaration::Pipe(PipeMeta {
            symbol: symbol.clone(),
            name: p.name.clone().unwrap_or_default(),
            pure: None,
            standalone: p.standalone,
        }),
        Some(IvyDeclaration::NgModule(m)) => {
            let module = symbol.module;
            let mut resolve = |refs: &[crate::dts::TypeRef]| -> Vec<(StaticValue, Span)> {
                refs.iter()
                    .map(|r| match ev.modules.resolve_library_type(module, r.namespace.as_deref(), &r.name) {
                        Some(s) => (StaticValue::Symbol(s), Span::default()),
                        None => (StaticValue::Unknown(format!("'{}' in a library NgModule", r.name)), Span::default()),
                    })
                    .collect()
            };
            Declaration::NgModule(NgModuleMeta {
                symbol: symbol.clone(),
                declarations: resolve(&m.declarations),
                imports: resolve(&m.imports),
                exports: resolve(&m.exports),
            })
        }
        _ => Declaration::Other,
    }
}
