//! Angular declarations — components, directives, pipes and NgModules — read from the
//! decorators in program metadata and from the Ivy declaration types of library `.d.ts` files.

use ngc_collector::{Accessibility, Json};
use ngc_diagnostics::Span;

use crate::dts::IvyDeclaration;
use crate::evaluate::{escape, symbolic, Evaluator, Site, StaticValue};
use crate::members::{is_forward_ref_text, read_members, split_binding};
use crate::modules::{ModuleId, SymbolId};
use crate::needed::{self, DecoratorKind};

/// An input of a directive or component.
#[derive(Debug, Clone, PartialEq)]
pub struct InputMeta {
    pub property: String,
    pub alias: String,
    pub required: bool,
    /// Declared with `input()` or `model()`.
    pub is_signal: bool,
    /// A `transform` is given (`@Input({transform})`, `input(v, {transform})`). Always `false`
    /// for library inputs: declaration files record only the accepted type.
    pub has_transform: bool,
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

/// A view or content query: `@ViewChild('ref')`, `items = contentChildren(Item)`, or an entry
/// of the decorator's `queries`.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryMeta {
    pub property: String,
    /// `ViewChild`/`ContentChild`: the first match only.
    pub first: bool,
    pub predicate: QueryPredicate,
    pub descendants: bool,
    /// The `read` option: what to read from the matched element.
    pub read: Option<QueryExpr>,
    /// `static: true` (decorator queries only; signal queries are never static).
    pub is_static: bool,
    pub emit_distinct_changes_only: bool,
    /// Declared with `viewChild()` and friends.
    pub is_signal: bool,
}

/// What a query looks for.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryPredicate {
    /// Template reference names (`'ref'`, or a list in a decorator).
    Names(Vec<String>),
    /// A type or token.
    Type(QueryExpr),
}

/// An expression of a query, as written in the directive's file, and what it evaluates to.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryExpr {
    /// Where the expression is written (code generation emits it as written).
    pub span: Span,
    /// A class or token; `Unknown` for a class the file does not export.
    pub value: StaticValue,
    /// Written as `forwardRef(() => X)`.
    pub forward_ref: bool,
}

/// Host bindings of a directive: the decorator's `host` object, then `@HostBinding` and
/// `@HostListener` members, as Angular's `parseHostBindings` sorts them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostMeta {
    /// Static attributes (`role: 'button'`); a value that is not a string stays as evaluated.
    pub attributes: Vec<(String, StaticValue)>,
    /// Event name (`click`, `window:resize`) → handler source (`onClick($event)`).
    pub listeners: Vec<(String, String)>,
    /// Property name (`class.active`, `attr.aria-label`) → binding source (`isActive`,
    /// `this.label` for `@HostBinding`).
    pub properties: Vec<(String, String)>,
    /// The static `class` attribute.
    pub class_attribute: Option<String>,
    /// The static `style` attribute.
    pub style_attribute: Option<String>,
}

impl HostMeta {
    pub fn is_empty(&self) -> bool {
        *self == HostMeta::default()
    }
}

/// An entry of `hostDirectives`.
#[derive(Debug, Clone, PartialEq)]
pub struct HostDirectiveMeta {
    /// The directive (a class symbol, or what the entry evaluated to when it is not one).
    pub directive: StaticValue,
    /// Written as `forwardRef(() => X)`.
    pub is_forward_reference: bool,
    /// Inputs of the host directive exposed on the host: (its public name, the name on the host).
    pub inputs: Vec<(String, String)>,
    /// Outputs exposed on the host: (the host directive's public name, the name on the host).
    pub outputs: Vec<(String, String)>,
    /// Where the directive is named in the host's `hostDirectives` (empty for libraries).
    pub span: Span,
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
    /// Content queries in Angular's order: signal queries, `@ContentChild`, `@ContentChildren`,
    /// then the decorator's `queries` (program directives only; a library's declaration file
    /// lists only the fields of its content queries).
    pub queries: Vec<QueryMeta>,
    /// View queries in Angular's order (program directives only).
    pub view_queries: Vec<QueryMeta>,
    /// Host bindings (program directives only).
    pub host: HostMeta,
    pub host_directives: Vec<HostDirectiveMeta>,
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
// One per class, looked up far more often than built: not worth boxing the directive.
#[allow(clippy::large_enum_variant)]
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
    /// A diagnostic made where the problem was found (Angular's checks of members and of
    /// `hostDirectives`).
    Diagnostic { module: ModuleId, diagnostic: ngc_diagnostics::Diagnostic },
    /// A value Ivy compilation needs is dynamic or of the wrong type (ngc's NG1010, NG2012):
    /// the evaluation problems inside its primary span are what made it so.
    NeededValue { module: ModuleId, diagnostic: ngc_diagnostics::Diagnostic },
    /// The decorator argument at `span` is an error node as a whole (the collector replaces
    /// an object literal holding a reference to a non-exported class, or an expression form
    /// it does not support, by one): nothing Ivy needs can be read from it.
    UnreadableMetadata { module: ModuleId, span: Span },
}

const CLASS_DECORATORS: &[&str] = &["Component", "Directive", "Pipe", "NgModule", "Injectable"];

/// The Angular decorator a decorator call resolves to, with its evaluated arguments; `Err`
/// with the decorator's name when it is not one of `@angular/core`'s.
pub(crate) fn angular_decorator(
    ev: &mut Evaluator<'_, '_>,
    decorator: &Json,
    site: &Site,
) -> Result<(String, Vec<StaticValue>), String> {
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
    let arguments = match decorator.get("arguments") {
        Some(Json::Array(args)) => args
            .iter()
            .enumerate()
            .map(|(i, arg)| ev.evaluate(arg, &site.child("arguments").child(&i.to_string()), &Default::default()))
            .collect(),
        _ => Vec::new(),
    };
    Ok((name, arguments))
}

/// Reads the Angular declaration of a program class entry. A class the file does not export is
/// read as ngc 22 reads it, without View Engine's restrictions (View Engine never collected it).
pub fn read_program_class(
    ev: &mut Evaluator<'_, '_>,
    symbol: &SymbolId,
    entry: &Json,
    problems: &mut Vec<DeclarationProblem>,
) -> Declaration {
    let outside = std::mem::replace(&mut ev.outside_view_engine, ev.modules.is_module_local(symbol));
    let declaration = read_class(ev, symbol, entry, problems);
    ev.outside_view_engine = outside;
    declaration
}

fn read_class(
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
                Ok((name, args)) if CLASS_DECORATORS.contains(&name.as_str()) => {
                    // `@Injectable()` shares the class with a primary decorator (`@Component`,
                    // `@Directive`, `@Pipe`, `@NgModule`), which says what the class is.
                    let replaces = match &found {
                        None => true,
                        Some((kind, _, _)) => kind == "Injectable" && name != "Injectable",
                    };
                    if replaces {
                        found = Some((name, args.into_iter().next().unwrap_or(StaticValue::Undefined), i));
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
    let needed_kind = match kind.as_str() {
        "Component" => Some(DecoratorKind::Component),
        "Directive" => Some(DecoratorKind::Directive),
        "Pipe" => Some(DecoratorKind::Pipe),
        "NgModule" => Some(DecoratorKind::NgModule),
        _ => None,
    };
    if let Some(needed_kind) = needed_kind {
        if meta == StaticValue::Invalid {
            problems.push(DeclarationProblem::UnreadableMetadata { module: symbol.module, span: ev.span_at(&arg_site) });
        } else {
            needed::check(ev, symbol, needed_kind, &meta, &arg_site, problems);
        }
    }
    match kind.as_str() {
        "Component" | "Directive" => {
            let is_component = kind == "Component";
            let members = read_members(ev, symbol, entry, &meta, &arg_site, problems);
            let host_directives = host_directives(ev, &meta, &arg_site, symbol);
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
                inputs: members.inputs,
                outputs: members.outputs,
                standalone: standalone_flag(&meta),
                imports,
                template: if is_component { template } else { None },
                queries: members.queries,
                view_queries: members.view_queries,
                host: members.host,
                host_directives,
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

/// Decorated members must be public: the generated code reads and writes them from outside.
fn check_member_accessibility(ev: &mut Evaluator<'_, '_>, symbol: &SymbolId, problems: &mut Vec<DeclarationProblem>) {
    if ev.outside_view_engine {
        return;
    }
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
                        has_transform: false,
                    })
                    .collect(),
                outputs: d.outputs.iter().map(|(p, a)| OutputMeta { property: p.clone(), alias: a.clone() }).collect(),
                standalone: d.standalone,
                imports: Vec::new(),
                template: None,
                queries: Vec::new(),
                view_queries: Vec::new(),
                host: HostMeta::default(),
                host_directives: d
                    .host_directives
                    .iter()
                    .map(|h| HostDirectiveMeta {
                        directive: ev
                            .modules
                            .resolve_library_type(symbol.module, h.directive.namespace.as_deref(), &h.directive.name)
                            .map(StaticValue::Symbol)
                            .unwrap_or_else(|| StaticValue::Unknown(format!("'{}' in a library directive", h.directive.name))),
                        is_forward_reference: false,
                        inputs: h.inputs.clone(),
                        outputs: h.outputs.clone(),
                        span: Span::default(),
                    })
                    .collect(),
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

/// `hostDirectives: [Dir, {directive: Other, inputs: ['a', 'b: c'], outputs: [...]}]`.
fn host_directives(ev: &Evaluator<'_, '_>, meta: &StaticValue, arg_site: &Site, symbol: &SymbolId) -> Vec<HostDirectiveMeta> {
    let Some(StaticValue::Array(items)) = meta.field("hostDirectives") else { return Vec::new() };
    let text = ev.modules.program_file(symbol.module).map(|f| f.text.clone());
    let site = arg_site.child("hostDirectives");
    let mapping = |value: &StaticValue, field: &str| -> Vec<(String, String)> {
        match value.field(field) {
            Some(StaticValue::Array(entries)) => entries.iter().filter_map(|e| e.as_str().map(split_binding)).collect(),
            _ => Vec::new(),
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (directive, directive_site) = match item.field("directive") {
                Some(directive) => (directive.clone(), site.child(&i.to_string()).child("directive")),
                None => (item.clone(), site.child(&i.to_string())),
            };
            let span = ev.span_at(&directive_site);
            let is_forward_reference = text.as_deref().is_some_and(|t| is_forward_ref_text(t, span));
            HostDirectiveMeta {
                directive,
                is_forward_reference,
                inputs: mapping(item, "inputs"),
                outputs: mapping(item, "outputs"),
                span,
            }
        })
        .collect()
}
