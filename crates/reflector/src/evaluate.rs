//! Static evaluation of collected metadata across files.
//!
//! A metadata expression (`reference`, `select`, `call`, `binop`, …) evaluates to a
//! [`StaticValue`]: literals, references to classes and other declarations, enum members,
//! `ModuleWithProviders`, and the calls and `new` expressions that stay symbolic. Imported
//! constants are read from the metadata of their file (never its source), macro functions
//! (a single `return`) are expanded with their arguments, and each problem the View Engine
//! metadata rules forbid becomes a diagnostic at the metadata node's source span.

use std::collections::HashMap;

use ngc_collector::Json;
use ngc_diagnostics::Span;

use crate::modules::{Edge, ModuleId, Modules, SymbolId};

/// The value of a metadata expression.
#[derive(Debug, Clone, PartialEq)]
pub enum StaticValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<StaticValue>),
    Object(Vec<(String, StaticValue)>),
    /// A declaration that is not evaluated further: a class, a library constant or function.
    Symbol(SymbolId),
    /// A namespace import (`import * as ns from 'x'`).
    Namespace(ModuleId),
    /// `Enum.Member` of a library enum.
    EnumMember(SymbolId, String),
    /// `{ngModule: M, providers}` or a library `static forRoot(): ModuleWithProviders<M>`.
    ModuleWithProviders(SymbolId),
    /// A call that stays symbolic (a library function, a non-macro call in providers).
    Call(Box<StaticValue>, Vec<StaticValue>),
    New(Box<StaticValue>, Vec<StaticValue>),
    /// A global such as `Object` or `window`.
    Global(String),
    /// Something that cannot be known statically; the reason is for diagnostics.
    Unknown(String),
    /// A value whose problem has been reported already (an error node, a call that cannot be
    /// expanded, an unresolved import): later checks stay quiet about it.
    Invalid,
}

impl StaticValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            StaticValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn field(&self, name: &str) -> Option<&StaticValue> {
        match self {
            StaticValue::Object(fields) => fields.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            StaticValue::Undefined | StaticValue::Null => false,
            StaticValue::Bool(b) => *b,
            StaticValue::Number(n) => *n != 0.0 && !n.is_nan(),
            StaticValue::String(s) => !s.is_empty(),
            _ => true,
        }
    }
}

/// A problem found while evaluating, at a metadata node of a program file.
#[derive(Debug, Clone)]
pub struct EvalProblem {
    /// Where it is reported: the outermost use.
    pub module: ModuleId,
    pub span: Span,
    /// The module whose metadata holds the offending node (positions in `kind` refer to it).
    pub found_in: ModuleId,
    pub kind: ProblemKind,
    /// Found while evaluating what View Engine never collected (the decorators of a
    /// non-exported class): its restrictions do not apply there.
    pub outside_view_engine: bool,
}

#[derive(Debug, Clone)]
pub enum ProblemKind {
    /// A call of a function the compiler cannot expand; `definition` is where it is declared.
    FunctionCall { name: String, definition: Option<(ModuleId, Span)> },
    /// An error node the collector recorded (`Reference to non-exported class`, a lambda, …).
    MetadataError { message: String, context_name: Option<String>, line: Option<u32>, character: Option<u32> },
    /// `new` of something other than `InjectionToken`.
    UnsupportedNew { name: String },
    /// A reference the reflector could not resolve.
    Unresolved { module: Option<String>, name: String },
    /// A reference to a module-local declaration (a non-exported class or function, a local
    /// variable), where View Engine's metadata has the error node `message`; the reflector
    /// resolves it through the Ivy metadata. Positions as in `MetadataError`.
    LocalReference { message: String, name: String, line: Option<u32>, character: Option<u32> },
}

/// Where an expression being evaluated sits: its file and JSON pointer.
#[derive(Debug, Clone)]
pub struct Site {
    pub module: ModuleId,
    pub pointer: String,
}

impl Site {
    pub fn child(&self, key: &str) -> Site {
        Site { module: self.module, pointer: format!("{}/{}", self.pointer, key.replace('~', "~0").replace('/', "~1")) }
    }
}

/// Evaluates metadata over the module universe.
pub struct Evaluator<'m, 'h> {
    pub modules: &'m mut Modules<'h>,
    pub problems: Vec<EvalProblem>,
    /// Inside the metadata of a lowered symbol (`ɵ0`): its function expressions were rewritten
    /// into exported consts, so they are not errors.
    in_lowered: bool,
    /// The references being followed, outermost first: a problem inside another declaration
    /// is reported where the outermost reference uses it.
    references: Vec<Site>,
    depth: usize,
    /// Each evaluated top-level entry, with the problems its evaluation found (where they were
    /// found and what they were): a later use of the entry reports them again, at that use.
    cache: HashMap<SymbolId, (StaticValue, Vec<(Site, ProblemKind)>)>,
    in_progress: Vec<SymbolId>,
    /// Every problem found, at the site where it was found (not relocated to the outermost
    /// use), parallel to `problems`: what the cache replays.
    found_at: Vec<Site>,
    /// Evaluating what View Engine never collected (see [`EvalProblem::outside_view_engine`]).
    pub outside_view_engine: bool,
}

/// The `@angular/core` classes metadata may instantiate.
const NEW_ALLOWED: [&str; 5] = ["InjectionToken", "ViewChild", "ViewChildren", "ContentChild", "ContentChildren"];

/// Deeper evaluation than this (macro recursion, reference chains) is cut with `Unknown`.
const MAX_DEPTH: usize = 200;

impl<'m, 'h> Evaluator<'m, 'h> {
    pub fn new(modules: &'m mut Modules<'h>) -> Self {
        Evaluator {
            modules,
            problems: Vec::new(),
            in_lowered: false,
            references: Vec::new(),
            depth: 0,
            cache: HashMap::new(),
            in_progress: Vec::new(),
            found_at: Vec::new(),
            outside_view_engine: false,
        }
    }

    /// The source span of the metadata node at `site`, or of its nearest ancestor that has one.
    /// Nodes of an entry the Ivy metadata replaced or added are located through its spans.
    pub fn span_at(&self, site: &Site) -> Span {
        let Some(file) = self.modules.program_file(site.module) else { return Span::default() };
        if let Some(rest) = site.pointer.strip_prefix("/metadata") {
            let entry = rest.split('/').nth(1).map(|s| s.replace("~1", "/").replace("~0", "~"));
            if entry.is_some_and(|name| file.facts.ivy.entry(&name).is_some()) {
                return file.facts.ivy.spans.lookup(rest).unwrap_or_default();
            }
        }
        file.facts.spans.lookup(&site.pointer).unwrap_or_default()
    }

    /// The source span of the value at `site` itself, also where the span tree records none
    /// (a string, number or boolean): found in the text of the enclosing array or object
    /// literal. Falls back to [`Evaluator::span_at`].
    pub fn value_span(&self, site: &Site) -> Span {
        let span = self.span_at(site);
        let Some((parent_pointer, last)) = site.pointer.rsplit_once('/') else { return span };
        let parent = self.span_at(&Site { module: site.module, pointer: parent_pointer.to_string() });
        if span != parent {
            return span;
        }
        let Some(file) = self.modules.program_file(site.module) else { return span };
        let key = last.replace("~1", "/").replace("~0", "~");
        let found = match file.text.as_bytes().get(parent.start as usize) {
            Some(b'[') => key.parse().ok().and_then(|i| crate::literal_spans::element_span(&file.text, parent, i)),
            Some(b'{') => crate::literal_spans::property_value_span(&file.text, parent, &key),
            _ => None,
        };
        found.unwrap_or(span)
    }

    fn problem(&mut self, site: &Site, kind: ProblemKind) {
        let at = self.references.first().unwrap_or(site).clone();
        let span = self.span_at(&at);
        self.sync_found_at();
        let outside_view_engine = self.outside_view_engine;
        self.problems.push(EvalProblem { module: at.module, span, found_in: site.module, kind, outside_view_engine });
        self.found_at.push(site.clone());
    }

    /// Keeps `found_at` parallel to `problems` after a caller took the problems.
    fn sync_found_at(&mut self) {
        if self.found_at.len() != self.problems.len() {
            let sites: Vec<Site> = self.problems.iter().map(|p| Site { module: p.found_in, pointer: String::new() }).collect();
            self.found_at = sites;
        }
    }

    /// Evaluates the declaration a reference at `site` names.
    /// Only a lowered symbol's own metadata (`ɵ0`) holds rewritten function expressions: what
    /// it refers to is evaluated as written.
    fn follow(&mut self, site: &Site, symbol: &SymbolId) -> StaticValue {
        self.references.push(site.clone());
        let outer = std::mem::replace(&mut self.in_lowered, is_lowered_symbol(&symbol.name));
        let value = self.evaluate_entry(symbol);
        self.in_lowered = outer;
        self.references.pop();
        value
    }

    /// The value of a top-level metadata entry of a program file.
    pub fn evaluate_entry(&mut self, symbol: &SymbolId) -> StaticValue {
        if let Some((value, found)) = self.cache.get(symbol).cloned() {
            for (site, kind) in found {
                self.problem(&site, kind);
            }
            return value;
        }
        if self.in_progress.contains(symbol) {
            return StaticValue::Unknown(format!("'{}' refers to itself", symbol.name));
        }
        self.sync_found_at();
        let first_problem = self.problems.len();
        let value = match symbol.module {
            ModuleId::Program(_) => {
                let entry = self.modules.metadata(symbol.module).and_then(|m| m.get(&symbol.name)).cloned();
                match entry {
                    None => StaticValue::Unknown(format!("'{}' is not exported", symbol.name)),
                    Some(entry) => match symbolic(&entry) {
                        Some("class") | Some("function") | Some("interface") => StaticValue::Symbol(symbol.clone()),
                        _ => {
                            self.in_progress.push(symbol.clone());
                            let site = Site { module: symbol.module, pointer: format!("/metadata/{}", escape(&symbol.name)) };
                            let value = self.evaluate(&entry, &site, &HashMap::new());
                            self.in_progress.pop();
                            value
                        }
                    },
                }
            }
            ModuleId::Library(_) => StaticValue::Symbol(symbol.clone()),
        };
        // A problem found while `symbol` itself was being evaluated further up is not this
        // entry's (the self-reference is cut above, before any is found).
        let found: Vec<(Site, ProblemKind)> = self
            .found_at
            .get(first_problem..)
            .unwrap_or_default()
            .iter()
            .cloned()
            .zip(self.problems.get(first_problem..).unwrap_or_default().iter().map(|p| p.kind.clone()))
            .collect();
        self.cache.insert(symbol.clone(), (value.clone(), found));
        value
    }

    /// Evaluates `value`, found at `site`, with macro parameters bound in `scope`.
    pub fn evaluate(&mut self, value: &Json, site: &Site, scope: &HashMap<String, StaticValue>) -> StaticValue {
        if self.depth > MAX_DEPTH {
            return StaticValue::Unknown("expression nests too deeply".into());
        }
        self.depth += 1;
        let result = self.evaluate_inner(value, site, scope);
        self.depth -= 1;
        result
    }

    fn evaluate_inner(&mut self, value: &Json, site: &Site, scope: &HashMap<String, StaticValue>) -> StaticValue {
        match value {
            Json::Null => StaticValue::Null,
            Json::Bool(b) => StaticValue::Bool(*b),
            Json::Number(n) => StaticValue::Number(*n),
            Json::String(s) => StaticValue::String(s.clone()),
            Json::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let child = site.child(&i.to_string());
                    if symbolic(item) == Some("spread") {
                        let spread = self.evaluate(item.get("expression").unwrap_or(&Json::Null), &child.child("expression"), scope);
                        match spread {
                            StaticValue::Array(values) => out.extend(values),
                            other => out.push(other),
                        }
                        continue;
                    }
                    out.push(self.evaluate(item, &child, scope));
                }
                StaticValue::Array(out)
            }
            Json::Object(fields) => match symbolic(value) {
                None => {
                    let mut out = Vec::new();
                    for (key, field) in fields {
                        if key == "$quoted$" {
                            continue;
                        }
                        let v = self.evaluate(field, &site.child(key), scope);
                        out.push((key.clone(), v));
                    }
                    if let Some(StaticValue::Symbol(module)) = out.iter().find(|(k, _)| k == "ngModule").map(|(_, v)| v) {
                        return StaticValue::ModuleWithProviders(module.clone());
                    }
                    StaticValue::Object(out)
                }
                Some(tag) => self.evaluate_symbolic(tag, value, site, scope),
            },
        }
    }

    fn evaluate_symbolic(&mut self, tag: &str, value: &Json, site: &Site, scope: &HashMap<String, StaticValue>) -> StaticValue {
        let field = |name: &str| value.get(name).unwrap_or(&Json::Null);
        match tag {
            "reference" => self.evaluate_reference(value, site, scope),
            "select" => {
                let target = self.evaluate(field("expression"), &site.child("expression"), scope);
                let member = match field("member") {
                    Json::String(m) => m.clone(),
                    _ => return StaticValue::Unknown("select without member".into()),
                };
                self.select(target, &member)
            }
            "index" => {
                let target = self.evaluate(field("expression"), &site.child("expression"), scope);
                let index = self.evaluate(field("index"), &site.child("index"), scope);
                match (&target, &index) {
                    (StaticValue::Array(items), StaticValue::Number(n)) => {
                        items.get(*n as usize).cloned().unwrap_or(StaticValue::Undefined)
                    }
                    (_, StaticValue::String(key)) => self.select(target.clone(), key),
                    _ => StaticValue::Unknown("index into a value that is not known statically".into()),
                }
            }
            "call" => self.evaluate_call(value, site, scope),
            "new" => {
                let class = self.evaluate(field("expression"), &site.child("expression"), scope);
                let args = self.arguments(value, site, scope);
                // `InjectionToken`, and the query classes of a decorator's `queries`.
                let is_token = matches!(&class, StaticValue::Symbol(s)
                    if NEW_ALLOWED.contains(&s.name.as_str()) && self.is_angular_core(s));
                if !is_token {
                    let name = symbol_name(&class);
                    self.problem(site, ProblemKind::UnsupportedNew { name });
                }
                StaticValue::New(Box::new(class), args)
            }
            "if" => {
                let condition = self.evaluate(field("condition"), &site.child("condition"), scope);
                match condition {
                    StaticValue::Symbol(_) | StaticValue::Unknown(_) | StaticValue::Call(..) => {
                        StaticValue::Unknown("condition not known statically".into())
                    }
                    c if c.truthy() => self.evaluate(field("thenExpression"), &site.child("thenExpression"), scope),
                    _ => self.evaluate(field("elseExpression"), &site.child("elseExpression"), scope),
                }
            }
            "binop" | "binary" => {
                let left = self.evaluate(field("left"), &site.child("left"), scope);
                let right = self.evaluate(field("right"), &site.child("right"), scope);
                let op = match field("operator") {
                    Json::String(op) => op.as_str(),
                    _ => "",
                };
                binary(op, &left, &right)
            }
            "pre" => {
                let operand = self.evaluate(field("operand"), &site.child("operand"), scope);
                match (field("operator"), &operand) {
                    (Json::String(op), StaticValue::Number(n)) if op == "-" => StaticValue::Number(-n),
                    (Json::String(op), StaticValue::Number(n)) if op == "+" => StaticValue::Number(*n),
                    (Json::String(op), v) if op == "!" && is_primitive(v) => StaticValue::Bool(!v.truthy()),
                    _ => StaticValue::Unknown("prefix operator on a value not known statically".into()),
                }
            }
            "spread" => self.evaluate(field("expression"), &site.child("expression"), scope),
            "error" => {
                let message = match field("message") {
                    Json::String(m) => m.clone(),
                    _ => String::new(),
                };
                let rewritable = message == "Lambda not supported" && self.in_lowered;
                if !rewritable {
                    let context = value.get("context");
                    let context_name = context
                        .and_then(|c| c.get("className").or_else(|| c.get("name")).or_else(|| c.get("typeName")))
                        .and_then(|n| match n {
                            Json::String(s) => Some(s.clone()),
                            _ => None,
                        });
                    let number = |key: &str| match value.get(key) {
                        Some(Json::Number(n)) => Some(*n as u32),
                        _ => None,
                    };
                    let kind = ProblemKind::MetadataError {
                        message: message.clone(),
                        context_name,
                        line: number("line"),
                        character: number("character"),
                    };
                    self.problem(site, kind);
                }
                StaticValue::Invalid
            }
            "function" => StaticValue::Unknown("a function".into()),
            "class" => StaticValue::Unknown("a class expression".into()),
            other => StaticValue::Unknown(format!("metadata node '{other}'")),
        }
    }

    fn evaluate_reference(&mut self, value: &Json, site: &Site, scope: &HashMap<String, StaticValue>) -> StaticValue {
        let name = match value.get("name") {
            Some(Json::String(n)) => Some(n.clone()),
            _ => None,
        };
        let module = match value.get("module") {
            Some(Json::String(m)) => Some(m.clone()),
            _ => None,
        };
        if value.get("local") == Some(&Json::Bool(true)) {
            self.local_reference_problem(value, site);
        }
        match (module, name) {
            (None, Some(name)) => {
                if let Some(bound) = scope.get(&name) {
                    return bound.clone();
                }
                let symbol = SymbolId { module: site.module, name: name.clone() };
                if self.modules.metadata(site.module).and_then(|m| m.get(&name)).is_some() {
                    return self.follow(site, &symbol);
                }
                if name == "undefined" {
                    return StaticValue::Undefined;
                }
                StaticValue::Global(name)
            }
            (Some(specifier), Some(name)) => {
                let Some(target) = self.modules.resolve(site.module, &specifier, Edge::Import) else {
                    self.problem(site, ProblemKind::Unresolved { module: Some(specifier), name: "*".into() });
                    return StaticValue::Invalid;
                };
                match self.modules.find_export(target, &name) {
                    Some(symbol) => self.follow(site, &symbol),
                    None => {
                        self.problem(site, ProblemKind::Unresolved { module: Some(specifier), name });
                        StaticValue::Invalid
                    }
                }
            }
            (Some(specifier), None) => {
                if value.get("default").is_some() {
                    let found = self
                        .modules
                        .resolve(site.module, &specifier, Edge::Import)
                        .and_then(|target| self.modules.find_export(target, "default"));
                    return match found {
                        Some(symbol) => self.evaluate_entry(&symbol),
                        None => {
                            self.problem(site, ProblemKind::Unresolved { module: Some(specifier), name: "default".into() });
                            StaticValue::Invalid
                        }
                    };
                }
                match self.modules.resolve(site.module, &specifier, Edge::Import) {
                    Some(target) => StaticValue::Namespace(target),
                    None => {
                        self.problem(site, ProblemKind::Unresolved { module: Some(specifier), name: "*".into() });
                        StaticValue::Invalid
                    }
                }
            }
            (None, None) => StaticValue::Unknown("reference without a name".into()),
        }
    }

    /// View Engine's restriction on a reference to a module-local declaration (the Ivy
    /// metadata's `{__symbolic: 'reference', name, local: true, error}`): the error node View
    /// Engine has for it.
    fn local_reference_problem(&mut self, value: &Json, site: &Site) {
        let Some(error) = value.get("error") else { return };
        let text = |json: Option<&Json>| match json {
            Some(Json::String(s)) => Some(s.clone()),
            _ => None,
        };
        let number = |key: &str| match error.get(key) {
            Some(Json::Number(n)) => Some(*n as u32),
            _ => None,
        };
        let kind = ProblemKind::LocalReference {
            message: text(error.get("message")).unwrap_or_default(),
            name: text(value.get("name")).unwrap_or_default(),
            line: number("line"),
            character: number("character"),
        };
        self.problem(site, kind);
    }

    /// The declaration a `reference` node names, without evaluating it: a DI token is the
    /// constant written (`@Inject(APP_CONFIG)`), not the `new InjectionToken(...)` it holds.
    pub fn reference_symbol(&mut self, value: &Json, site: &Site) -> Option<SymbolId> {
        if symbolic(value) != Some("reference") {
            return None;
        }
        let name = match value.get("name") {
            Some(Json::String(n)) => n.clone(),
            _ => return None,
        };
        match value.get("module") {
            Some(Json::String(specifier)) => {
                let target = self.modules.resolve(site.module, specifier, Edge::Import)?;
                self.modules.find_export(target, &name)
            }
            _ => self
                .modules
                .metadata(site.module)
                .and_then(|m| m.get(&name))
                .map(|_| SymbolId { module: site.module, name }),
        }
    }

    fn select(&mut self, target: StaticValue, member: &str) -> StaticValue {
        match target {
            StaticValue::Object(fields) => {
                fields.into_iter().find(|(k, _)| k == member).map(|(_, v)| v).unwrap_or(StaticValue::Undefined)
            }
            StaticValue::Array(items) if member == "length" => StaticValue::Number(items.len() as f64),
            StaticValue::String(s) if member == "length" => StaticValue::Number(s.encode_utf16().count() as f64),
            StaticValue::Namespace(module) => match self.modules.find_export(module, member) {
                Some(symbol) => self.evaluate_entry(&symbol),
                None => StaticValue::Unknown(format!("'{member}' is not exported")),
            },
            StaticValue::Symbol(symbol) => match symbol.module {
                ModuleId::Library(_) => StaticValue::EnumMember(symbol, member.to_string()),
                ModuleId::Program(_) => StaticValue::Unknown(format!("member '{member}' of '{}'", symbol.name)),
            },
            _ => StaticValue::Unknown(format!("member '{member}' of a value not known statically")),
        }
    }

    fn arguments(&mut self, value: &Json, site: &Site, scope: &HashMap<String, StaticValue>) -> Vec<StaticValue> {
        match value.get("arguments") {
            Some(Json::Array(args)) => args
                .iter()
                .enumerate()
                .map(|(i, a)| self.evaluate(a, &site.child("arguments").child(&i.to_string()), scope))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn evaluate_call(&mut self, value: &Json, site: &Site, scope: &HashMap<String, StaticValue>) -> StaticValue {
        let callee_json = value.get("expression").unwrap_or(&Json::Null);
        let args = self.arguments(value, site, scope);
        // `Class.method()`: a library class's static method declared to return
        // `ModuleWithProviders<M>` gives `M` (its arguments play no part); a program class's
        // static method with a single `return` is expanded like a function.
        if symbolic(callee_json) == Some("select") {
            let target = self.evaluate(callee_json.get("expression").unwrap_or(&Json::Null), &site.child("expression").child("expression"), scope);
            if let StaticValue::Symbol(class) = &target {
                match class.module {
                    ModuleId::Library(_) => {
                        let member = match callee_json.get("member") {
                            Some(Json::String(m)) => m.as_str(),
                            _ => "",
                        };
                        return self.library_static_call(class, member);
                    }
                    ModuleId::Program(_) => {
                        if let Some(Json::String(member)) = callee_json.get("member") {
                            let pointer = format!("/metadata/{}/statics/{}", escape(&class.name), escape(member));
                            let method = self.modules.metadata(class.module).and_then(|m| m.get(&class.name)?.get("statics")?.get(member)).cloned();
                            if let Some(method) = method.filter(|m| symbolic(m) == Some("function")) {
                                let name = format!("{}.{member}", class.name);
                                return self.expand(&method, &name, class.module, &pointer, args, site);
                            }
                        }
                    }
                }
            }
        }
        let callee = self.evaluate(callee_json, &site.child("expression"), scope);
        let StaticValue::Symbol(symbol) = &callee else {
            return StaticValue::Call(Box::new(callee), args);
        };
        let entry = match symbol.module {
            ModuleId::Program(_) => self.modules.metadata(symbol.module).and_then(|m| m.get(&symbol.name)).cloned(),
            ModuleId::Library(_) => None,
        };
        match entry {
            Some(entry) if symbolic(&entry) == Some("function") => {
                let pointer = format!("/metadata/{}", escape(&symbol.name));
                self.expand(&entry, &symbol.name.clone(), symbol.module, &pointer, args, site)
            }
            _ => StaticValue::Call(Box::new(callee), args),
        }
    }

    /// The value of `Class.member(...)` for a library class, as ngc's `ModuleWithProviders`
    /// resolver reads the declaration file: the NgModule of a declared
    /// `ModuleWithProviders<M>` return type. A static method with another return type cannot
    /// be evaluated; a member the class does not declare itself (an inherited static) is taken
    /// to configure the class it is called on.
    fn library_static_call(&mut self, class: &SymbolId, member: &str) -> StaticValue {
        let declared = self
            .modules
            .library(class.module)
            .and_then(|l| l.dts.class(&class.name))
            .map(|c| c.static_methods.iter().find(|(name, _)| name == member).map(|(_, returns)| returns.clone()));
        match declared {
            Some(Some(Some(target))) => {
                match self.modules.resolve_library_type(class.module, target.namespace.as_deref(), &target.name) {
                    Some(module) => StaticValue::ModuleWithProviders(module),
                    None => StaticValue::Unknown(format!("'{}' in the return type of '{}.{member}'", target.name, class.name)),
                }
            }
            Some(Some(None)) => StaticValue::Unknown(format!(
                "'{}.{member}' does not return `ModuleWithProviders<...>` and is declared in a library",
                class.name
            )),
            _ => StaticValue::ModuleWithProviders(class.clone()),
        }
    }

    /// Expands a call of function metadata (`{__symbolic: 'function', parameters, value,
    /// defaults}`) found at `pointer`: the value with the parameters bound to the arguments.
    fn expand(&mut self, function: &Json, name: &str, module: ModuleId, pointer: &str, args: Vec<StaticValue>, site: &Site) -> StaticValue {
        let Some(body) = function.get("value") else {
            let definition = Some((module, self.span_at(&Site { module, pointer: pointer.to_string() })));
            self.problem(site, ProblemKind::FunctionCall { name: name.to_string(), definition });
            return StaticValue::Invalid;
        };
        // Problems in the function's body and defaults are reported at the call.
        self.references.push(site.clone());
        let value = self.expand_body(function, body, module, pointer, args);
        self.references.pop();
        value
    }

    fn expand_body(&mut self, function: &Json, body: &Json, module: ModuleId, pointer: &str, args: Vec<StaticValue>) -> StaticValue {
        let params: Vec<String> = match function.get("parameters") {
            Some(Json::Array(p)) => p
                .iter()
                .filter_map(|p| match p {
                    Json::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut bound = HashMap::new();
        for (i, param) in params.iter().enumerate() {
            let value = match args.get(i) {
                Some(arg) => arg.clone(),
                None => match function.get("defaults").and_then(|d| match d {
                    Json::Array(d) => d.get(i),
                    _ => None,
                }) {
                    Some(default) if *default != Json::Null => {
                        let default_site = Site { module, pointer: format!("{pointer}/defaults/{i}") };
                        self.evaluate(default, &default_site, &HashMap::new())
                    }
                    _ => StaticValue::Undefined,
                },
            };
            bound.insert(param.clone(), value);
        }
        let body_site = Site { module, pointer: format!("{pointer}/value") };
        self.evaluate(body, &body_site, &bound)
    }

    /// Whether a symbol is declared by `@angular/core`.
    pub fn is_angular_core(&self, symbol: &SymbolId) -> bool {
        self.modules.package_name(symbol.module).as_deref() == Some("@angular/core")
    }
}

/// A symbol View Engine's lowering made (`ɵ` followed by digits).
fn is_lowered_symbol(name: &str) -> bool {
    name.split('\u{275}').skip(1).any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The `__symbolic` tag of a metadata node.
pub fn symbolic(value: &Json) -> Option<&str> {
    match value.get("__symbolic") {
        Some(Json::String(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// A JSON pointer segment.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn symbol_name(value: &StaticValue) -> String {
    match value {
        StaticValue::Symbol(s) => s.name.clone(),
        StaticValue::Global(g) => g.clone(),
        _ => "an expression".into(),
    }
}

fn is_primitive(value: &StaticValue) -> bool {
    matches!(
        value,
        StaticValue::Undefined | StaticValue::Null | StaticValue::Bool(_) | StaticValue::Number(_) | StaticValue::String(_)
    )
}

fn to_js_string(value: &StaticValue) -> Option<String> {
    Some(match value {
        StaticValue::String(s) => s.clone(),
        StaticValue::Number(n) => ngc_collector::js_number_to_string(*n),
        StaticValue::Bool(b) => b.to_string(),
        StaticValue::Null => "null".into(),
        StaticValue::Undefined => "undefined".into(),
        _ => return None,
    })
}

fn to_number(value: &StaticValue) -> Option<f64> {
    Some(match value {
        StaticValue::Number(n) => *n,
        StaticValue::Bool(b) => f64::from(u8::from(*b)),
        StaticValue::Null => 0.0,
        StaticValue::Undefined => f64::NAN,
        StaticValue::String(s) => s.trim().parse().unwrap_or(f64::NAN),
        _ => return None,
    })
}

/// A binary operator across files (the collector folded what was local).
fn binary(op: &str, left: &StaticValue, right: &StaticValue) -> StaticValue {
    if !is_primitive(left) || !is_primitive(right) {
        return StaticValue::Unknown(format!("'{op}' on values not known statically"));
    }
    let num = |f: fn(f64, f64) -> f64| match (to_number(left), to_number(right)) {
        (Some(a), Some(b)) => StaticValue::Number(f(a, b)),
        _ => StaticValue::Unknown(format!("'{op}'")),
    };
    match op {
        "+" => {
            if matches!(left, StaticValue::String(_)) || matches!(right, StaticValue::String(_)) {
                match (to_js_string(left), to_js_string(right)) {
                    (Some(a), Some(b)) => StaticValue::String(a + &b),
                    _ => StaticValue::Unknown("'+'".into()),
                }
            } else {
                num(|a, b| a + b)
            }
        }
        "-" => num(|a, b| a - b),
        "*" => num(|a, b| a * b),
        "/" => num(|a, b| a / b),
        "%" => num(|a, b| a % b),
        "||" => if left.truthy() { left.clone() } else { right.clone() },
        "&&" => if left.truthy() { right.clone() } else { left.clone() },
        "===" => StaticValue::Bool(left == right),
        "!==" => StaticValue::Bool(left != right),
        _ => StaticValue::Unknown(format!("'{op}'")),
    }
}
