//! The module walk of Angular 8's `MetadataCollector.getMetadata`: exported classes,
//! functions, variables, enums, interfaces and re-exports become the module's metadata.

use std::collections::HashMap;

use ngc_diagnostics::Span;
use swc_ecma_ast::{
    Class, ClassMember, Decl, DefaultDecl, Decorator, ExportSpecifier, Function, Ident, MethodKind,
    Module, ModuleDecl, ModuleExportName, ModuleItem, ObjectPatProp, Param, ParamOrTsParamProp,
    Pat, PropName, Stmt, Str, TsEnumDecl, TsEnumMemberId, TsParamPropParam, TsType, VarDecl,
};

use crate::evaluator::{at, Evaluator};
use crate::source::SourceFile;
use crate::symbols::export_name;
use crate::value::Value;
use crate::{Accessibility, MemberFact};

/// Metadata version written by the collector.
pub(crate) const METADATA_VERSION: f64 = 4.0;

/// A top-level statement, as the original's `ts.forEachChild(sourceFile)` sees it.
pub(crate) enum TopLevel<'m> {
    /// `export {a as b}` (no `from`) or `export {a} from 'x'`.
    ExportNamed { specifiers: &'m [ExportSpecifier], from: Option<&'m Str>, node: Span },
    /// `export * from 'x'`.
    ExportAll { from: &'m Str },
    Class { ident: Option<&'m Ident>, class: &'m Class, exported: bool, node: Span },
    Interface { ident: &'m Ident, exported: bool },
    TypeAlias { ident: &'m Ident, exported: bool },
    Function { ident: Option<&'m Ident>, function: &'m Function, exported: bool, node: Span },
    Enum { decl: &'m TsEnumDecl, exported: bool, node: Span },
    Var { decl: &'m VarDecl, exported: bool, node: Span },
}

/// The result of the walk, before validation and serialisation.
pub(crate) struct ModuleWalk<'m> {
    /// `metadata`: exported name → value, in insertion order.
    pub metadata: Option<Value>,
    pub exports: Option<Vec<Value>>,
    /// Where each class entry was declared, for strict-mode reporting.
    pub class_nodes: HashMap<String, Span>,
    /// Decorated members of exported classes.
    pub decorated_members: Vec<MemberFact>,
    /// Exported classes by exported name, in walk order.
    pub classes: Vec<(String, &'m Class)>,
    /// `export {a as b}` clauses: local name → exported name.
    pub export_map: HashMap<String, String>,
}

pub(crate) fn classify<'m>(item: &'m ModuleItem, declaration_file: bool) -> Option<TopLevel<'m>> {
    let node = at(item);
    let decl = |decl: &'m Decl, exported: bool, node: Span| -> Option<TopLevel<'m>> {
        let exported = exported || declaration_file;
        Some(match decl {
            Decl::Class(c) => TopLevel::Class {
                ident: Some(&c.ident),
                class: &c.class,
                exported,
                node: with_decorators(node, &c.class.decorators),
            },
            Decl::Fn(f) => TopLevel::Function { ident: Some(&f.ident), function: &f.function, exported, node },
            Decl::Var(v) => TopLevel::Var { decl: v, exported, node },
            Decl::TsInterface(i) => TopLevel::Interface { ident: &i.id, exported },
            Decl::TsTypeAlias(t) => TopLevel::TypeAlias { ident: &t.id, exported },
            Decl::TsEnum(e) => TopLevel::Enum { decl: e, exported, node },
            Decl::Using(_) | Decl::TsModule(_) => return None,
        })
    };
    match item {
        ModuleItem::Stmt(Stmt::Decl(d)) => decl(d, false, node),
        ModuleItem::Stmt(_) => None,
        ModuleItem::ModuleDecl(module_decl) => match module_decl {
            ModuleDecl::ExportDecl(e) => decl(&e.decl, true, node),
            ModuleDecl::ExportDefaultDecl(e) => match &e.decl {
                DefaultDecl::Class(c) => Some(TopLevel::Class {
                    ident: c.ident.as_ref(),
                    class: &c.class,
                    exported: true,
                    node: with_decorators(node, &c.class.decorators),
                }),
                DefaultDecl::Fn(f) => {
                    Some(TopLevel::Function { ident: f.ident.as_ref(), function: &f.function, exported: true, node })
                }
                DefaultDecl::TsInterfaceDecl(i) => Some(TopLevel::Interface { ident: &i.id, exported: true }),
            },
            ModuleDecl::ExportNamed(named) => {
                Some(TopLevel::ExportNamed { specifiers: &named.specifiers, from: named.src.as_deref(), node })
            }
            ModuleDecl::ExportAll(all) => Some(TopLevel::ExportAll { from: &all.src }),
            _ => None,
        },
    }
}

/// TypeScript starts a declaration at its first decorator when decorators come first.
fn with_decorators(node: Span, decorators: &[Decorator]) -> Span {
    match decorators.first() {
        Some(d) => Span::new(at(d).start.min(node.start), node.end),
        None => node,
    }
}

fn spec_names(spec: &ExportSpecifier) -> Option<(&ModuleExportName, Option<&ModuleExportName>)> {
    match spec {
        ExportSpecifier::Named(n) => Some((&n.orig, n.exported.as_ref())),
        _ => None,
    }
}

pub(crate) struct Walker<'e, 'a, 's> {
    pub ev: &'e mut Evaluator<'a, 's>,
    /// `exportMap`: local name → exported name, from `export {a as b}` clauses.
    pub export_map: HashMap<String, String>,
    pub metadata: Option<Value>,
    pub class_nodes: HashMap<String, Span>,
    pub decorated_members: Vec<MemberFact>,
}

impl Walker<'_, '_, '_> {
    pub fn is_exported(&self, modifier_exported: bool, ident: Option<&Ident>) -> bool {
        modifier_exported || ident.is_some_and(|i| self.export_map.contains_key(&*i.sym))
    }

    pub fn exported_name(&self, ident: &Ident) -> String {
        self.export_map.get(&*ident.sym).cloned().unwrap_or_else(|| ident.sym.to_string())
    }

    fn set_metadata(&mut self, name: &str, value: Value) {
        self.flush_lowered();
        let metadata = self.metadata.get_or_insert_with(Value::new_object);
        if name != "__proto__" {
            metadata.set_prop(name, value);
        }
    }

    /// Moves the `ɵN` symbols lowering made into the metadata (`recordExport`), in order.
    fn flush_lowered(&mut self) {
        let Some(lowering) = &mut self.ev.lowering else { return };
        if lowering.lowered.is_empty() {
            return;
        }
        let lowered = std::mem::take(&mut lowering.lowered);
        let metadata = self.metadata.get_or_insert_with(Value::new_object);
        for (name, value) in lowered {
            metadata.set_prop(&name, value);
        }
    }

    /// Runs `f` with lowering allowed or not (`isEligibleForLowering` of what it evaluates).
    pub fn with_lowering_eligible<R>(&mut self, eligible: bool, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = self.ev.lowering.as_mut().map(|l| std::mem::replace(&mut l.eligible, eligible));
        let result = f(self);
        if let (Some(saved), Some(lowering)) = (saved, &mut self.ev.lowering) {
            lowering.eligible = saved;
        }
        result
    }

    fn metadata_truthy(&self, name: &str) -> bool {
        self.metadata.as_ref().and_then(|m| m.prop(name)).is_some_and(|v| v.truthy())
    }

    /// `maybeGetSimpleFunction`: a function whose body is a single `return <expr>`.
    pub fn simple_function(&mut self, name: Option<&str>, function: &Function, node: Span, name_end: u32) -> Option<Value> {
        name?;
        let body = function.body.as_ref()?;
        let [Stmt::Return(ret)] = body.stmts.as_slice() else { return None };
        let arg = ret.arg.as_ref()?;
        let this_parameter = self.ev.source.has_this_parameter(params_start(function, name_end));
        let parameters: Vec<Value> = this_parameter
            .then(|| Value::str("this"))
            .into_iter()
            .chain(function.params.iter().flat_map(|p| names_of(&p.pat)).map(|n| Value::str(&n)))
            .collect();
        let value = self.ev.evaluate(arg, false);
        let func = Value::object(vec![
            ("__symbolic", Value::str("function")),
            ("parameters", Value::array(parameters)),
            ("value", value),
        ]);
        if function.params.iter().any(|p| initializer(&p.pat).is_some()) {
            let defaults: Vec<Value> = this_parameter
                .then_some(Value::Undefined)
                .into_iter()
                .chain(function.params.iter().map(|p| match initializer(&p.pat) {
                    Some(init) => self.ev.evaluate(init, false),
                    None => Value::Undefined,
                }))
                .collect();
            func.set_prop("defaults", Value::array(defaults));
        }
        let wrapper = Value::object(vec![("func", func.clone())]);
        self.ev.record(wrapper, node);
        Some(func)
    }

    /// Decorators are evaluated where lowering is allowed.
    fn decorators(&mut self, decorators: &[Decorator]) -> Option<Value> {
        if decorators.is_empty() {
            return None;
        }
        let values = self.with_lowering_eligible(true, |w| decorators.iter().map(|d| w.ev.evaluate(&d.expr, false)).collect());
        Some(Value::array(values))
    }

    /// `referenceFrom`: a symbol reference, a select, or an error.
    fn reference_from(&mut self, value: Value, node: Span) -> Value {
        if value.is_error() || value.is_reference() || value.is_symbolic("select") {
            value
        } else {
            self.ev.error("Symbol reference expected", node, None)
        }
    }

    pub fn class_metadata(&mut self, class_name: &str, class: &Class, node: Span) -> Value {
        self.record_decorated_members(class_name, class);
        let result = Value::object(vec![("__symbolic", Value::str("class"))]);
        if let Some(super_class) = &class.super_class {
            let value = self.ev.evaluate(super_class, false);
            let reference = self.reference_from(value, at(&**super_class));
            result.set_prop("extends", reference);
        }
        if let Some(params) = &class.type_params {
            if !params.params.is_empty() {
                result.set_prop("arity", Value::Num(params.params.len() as f64));
            }
        }
        if !class.decorators.is_empty() {
            let decorators = self.decorators(&class.decorators).unwrap_or(Value::Undefined);
            result.set_prop("decorators", decorators);
        }
        let mut members: Option<Value> = None;
        let mut statics: Option<Value> = None;
        let record_member = |members: &mut Option<Value>, name: &str, data: Value| {
            if name == "__proto__" {
                return;
            }
            let members = members.get_or_insert_with(Value::new_object);
            match members.prop(name) {
                Some(Value::Array(list)) => list.borrow_mut().push(data),
                _ => members.set_prop(name, Value::array(vec![data])),
            }
        };
        let record_static = |statics: &mut Option<Value>, name: &str, value: Value| {
            if name != "__proto__" {
                statics.get_or_insert_with(Value::new_object).set_prop(name, value);
            }
        };
        for member in &class.body {
            match member {
                ClassMember::Constructor(ctor) => {
                    let mut parameter_decorators = Vec::new();
                    let mut parameters = Vec::new();
                    let mut has_decorator_data = false;
                    for param in &ctor.params {
                        let (decorators, ty) = match param {
                            ParamOrTsParamProp::Param(p) => (&p.decorators, param_type(&p.pat)),
                            ParamOrTsParamProp::TsParamProp(p) => (
                                &p.decorators,
                                match &p.param {
                                    TsParamPropParam::Ident(b) => b.type_ann.as_deref().map(|t| &*t.type_ann),
                                    TsParamPropParam::Assign(a) => param_type(&a.left),
                                },
                            ),
                        };
                        let data = self.decorators(decorators);
                        has_decorator_data |= data.is_some();
                        parameter_decorators.push(data.unwrap_or(Value::Undefined));
                        parameters.push(match ty {
                            Some(ty) => {
                                let value = self.ev.evaluate_type(ty);
                                self.reference_from(value, at(ty))
                            }
                            None => Value::Null,
                        });
                    }
                    let data = Value::object(vec![("__symbolic", Value::str("constructor"))]);
                    if has_decorator_data {
                        data.set_prop("parameterDecorators", Value::array(parameter_decorators));
                    }
                    if !ctor.params.is_empty() {
                        data.set_prop("parameters", Value::array(parameters));
                    }
                    record_member(&mut members, "__ctor__", data);
                }
                ClassMember::Method(method) if method.kind == MethodKind::Method => {
                    if method.is_static {
                        let name = match &method.key {
                            PropName::Ident(i) => Some(i.sym.to_string()),
                            _ => None,
                        };
                        let key_end = at(&method.key).end;
                        if let Some(func) = self.simple_function(name.as_deref(), &method.function, at(method), key_end) {
                            record_static(&mut statics, name.as_deref().unwrap_or_default(), func);
                        }
                        continue;
                    }
                    let method_decorators = self.decorators(&method.function.decorators);
                    let this_parameter = self.ev.source.has_this_parameter(params_start(&method.function, at(&method.key).end));
                    let (parameter_decorators, has_decorator_data) =
                        self.parameter_decorators(&method.function.params, this_parameter);
                    let data = Value::object(vec![("__symbolic", Value::str("method"))]);
                    let name = self.ev.name_of(&method.key);
                    if let Some(decorators) = method_decorators {
                        data.set_prop("decorators", decorators);
                    }
                    if has_decorator_data {
                        data.set_prop("parameterDecorators", parameter_decorators);
                    }
                    if let Ok(name) = name {
                        record_member(&mut members, &name, data);
                    }
                }
                ClassMember::Method(accessor) => {
                    // Getters and setters are handled as properties without initializer.
                    self.property(&accessor.key, accessor.is_static, None, &accessor.function.decorators, &mut members, &mut statics, &record_member, &record_static);
                }
                ClassMember::ClassProp(prop) => {
                    self.property(&prop.key, prop.is_static, prop.value.as_deref(), &prop.decorators, &mut members, &mut statics, &record_member, &record_static);
                }
                _ => {}
            }
        }
        if let Some(members) = members {
            result.set_prop("members", members);
        }
        if let Some(statics) = statics {
            result.set_prop("statics", statics);
        }
        self.ev.record(result, node)
    }

    /// Facts about decorated members that the metadata does not record (accessibility).
    fn record_decorated_members(&mut self, class_name: &str, class: &Class) {
        for member in &class.body {
            let (key, decorated, accessibility, is_static) = match member {
                ClassMember::ClassProp(p) => (&p.key, !p.decorators.is_empty(), p.accessibility, p.is_static),
                ClassMember::Method(m) => (&m.key, !m.function.decorators.is_empty(), m.accessibility, m.is_static),
                _ => continue,
            };
            if !decorated {
                continue;
            }
            let member = match key {
                PropName::Ident(i) => i.sym.to_string(),
                PropName::Str(s) => crate::jsstr::from_wtf8(&s.value),
                _ => continue,
            };
            let accessibility = match accessibility {
                Some(swc_ecma_ast::Accessibility::Private) => Accessibility::Private,
                Some(swc_ecma_ast::Accessibility::Protected) => Accessibility::Protected,
                _ => Accessibility::Public,
            };
            self.decorated_members.push(MemberFact {
                class: class_name.to_string(),
                member,
                accessibility,
                is_static,
                span: at(key),
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn property(
        &mut self,
        key: &PropName,
        is_static: bool,
        initializer: Option<&swc_ecma_ast::Expr>,
        decorators: &[Decorator],
        members: &mut Option<Value>,
        statics: &mut Option<Value>,
        record_member: &dyn Fn(&mut Option<Value>, &str, Value),
        record_static: &dyn Fn(&mut Option<Value>, &str, Value),
    ) {
        if is_static {
            if let Ok(name) = self.ev.name_of(key) {
                let value = match initializer {
                    Some(init) => self.ev.evaluate(init, false),
                    None => self.ev.error("Variable not initialized", at(key), None),
                };
                record_static(statics, &name, value);
            }
        }
        if let Some(decorators) = self.decorators(decorators) {
            if let Ok(name) = self.ev.name_of(key) {
                let data = Value::object(vec![("__symbolic", Value::str("property")), ("decorators", decorators)]);
                record_member(members, &name, data);
            }
        }
    }

    fn parameter_decorators(&mut self, params: &[Param], this_parameter: bool) -> (Value, bool) {
        let mut data = Vec::new();
        if this_parameter {
            data.push(Value::Undefined);
        }
        let mut any = false;
        for p in params {
            let d = self.decorators(&p.decorators);
            any |= d.is_some();
            data.push(d.unwrap_or(Value::Undefined));
        }
        (Value::array(data), any)
    }

    fn enum_metadata(&mut self, decl: &TsEnumDecl, node: Span) {
        let holder = Value::new_object();
        let enum_name = self.exported_name(&decl.id);
        let mut next_default = Value::Num(0.0);
        let mut written = 0;
        for member in &decl.members {
            let value = match &member.init {
                Some(init) => self.ev.evaluate(init, false),
                None => next_default.clone(),
            };
            let name = match &member.id {
                TsEnumMemberId::Ident(ident) => {
                    let name = ident.sym.to_string();
                    if name != "__proto__" {
                        holder.set_prop(&name, value.clone());
                    }
                    written += 1;
                    Some(name)
                }
                TsEnumMemberId::Str(_) => None,
            };
            next_default = match (&value, name) {
                (Value::Num(n), _) => Value::Num(n + 1.0),
                (_, Some(name)) => {
                    let reference = self.ev.record(Value::global_reference(&enum_name), node);
                    let select = Value::object(vec![
                        ("__symbolic", Value::str("select")),
                        ("expression", reference),
                        ("name", Value::str(&name)),
                    ]);
                    Value::object(vec![
                        ("__symbolic", Value::str("binary")),
                        ("operator", Value::str("+")),
                        ("left", select),
                    ])
                }
                (_, None) => {
                    let error = self.ev.error("Unsupported enum member name", at(&member.id), None);
                    self.ev.record(error, node)
                }
            };
        }
        if written > 0 {
            let holder = self.ev.record(holder, node);
            self.set_metadata(&enum_name, holder);
        }
    }

    fn var_metadata(&mut self, decl: &VarDecl, statement_exported: bool, node: Span) {
        for declarator in &decl.decls {
            match &declarator.name {
                Pat::Ident(binding) => {
                    let ident = &binding.id;
                    let name = ident.sym.to_string();
                    // Module-scope variables may be lowered, exported ones only when their
                    // initializer is an object, array or call.
                    let eligible = !statement_exported
                        || matches!(declarator.init.as_deref(), Some(swc_ecma_ast::Expr::Object(_) | swc_ecma_ast::Expr::Array(_) | swc_ecma_ast::Expr::Call(_)));
                    let value = match &declarator.init {
                        Some(init) => self.with_lowering_eligible(eligible, |w| w.ev.evaluate(init, false)),
                        None => {
                            let error = self.ev.error("Variable not initialized", at(ident), None);
                            self.ev.record(error, at(ident))
                        }
                    };
                    let exported = statement_exported || self.export_map.contains_key(&name);
                    if exported {
                        let exported_name = self.exported_name(ident);
                        let value = self.ev.record(value.clone(), node);
                        self.set_metadata(&exported_name, value);
                    }
                    if matches!(value, Value::Str(_) | Value::Num(_) | Value::Bool(_)) {
                        self.ev.define(&name, value);
                        if exported {
                            self.ev.define_reference(&name, Value::global_reference(&name));
                        }
                    } else if !exported {
                        let local = if value.truthy() && !value.is_error() {
                            self.ev.record(value, node)
                        } else {
                            let context = Value::object(vec![("name", Value::str(&name))]);
                            let error = self.ev.error("Reference to a local symbol", at(ident), Some(context));
                            self.ev.record(error, node)
                        };
                        self.ev.define(&name, local);
                    }
                }
                pattern => self.report_destructuring(pattern, statement_exported),
            }
        }
    }

    fn report_destructuring(&mut self, pattern: &Pat, statement_exported: bool) {
        let mut idents = Vec::new();
        binding_idents(pattern, &mut idents);
        for ident in idents {
            let error = self.ev.error("Destructuring not supported", at(ident), None);
            self.ev.define(&ident.sym, error.clone());
            if statement_exported {
                self.set_metadata(&ident.sym, error);
            }
        }
    }
}

/// Collects the metadata of a parsed module.
pub(crate) fn walk_module<'m>(module: &'m Module, ev: &mut Evaluator<'_, '_>, source: &SourceFile<'_>) -> ModuleWalk<'m> {
    let items: Vec<TopLevel<'_>> =
        module.body.iter().filter_map(|item| classify(item, source.is_declaration_file)).collect();
    let mut walker = Walker {
        ev,
        export_map: HashMap::new(),
        metadata: None,
        class_nodes: HashMap::new(),
        decorated_members: Vec::new(),
    };

    // Names exported through `export {a as b}` clauses.
    for item in &items {
        if let TopLevel::ExportNamed { specifiers, from: None, .. } = item {
            for (orig, exported) in specifiers.iter().filter_map(spec_names) {
                let exported_as = export_name(exported.unwrap_or(orig));
                walker.export_map.insert(export_name(orig), exported_as);
            }
        }
    }

    // The export table lowering consults (`createExportTableFor`).
    if let Some(lowering) = &mut walker.ev.lowering {
        for item in &items {
            match item {
                TopLevel::Class { ident: Some(ident), exported: true, .. }
                | TopLevel::Function { ident: Some(ident), exported: true, .. }
                | TopLevel::Interface { ident, exported: true } => {
                    lowering.export_table.insert(ident.sym.to_string());
                }
                TopLevel::Var { decl, exported: true, .. } => {
                    for declarator in &decl.decls {
                        if let Pat::Ident(binding) = &declarator.name {
                            lowering.export_table.insert(binding.id.sym.to_string());
                        }
                    }
                }
                TopLevel::ExportNamed { specifiers, from: None, .. } => {
                    for (orig, exported) in specifiers.iter().filter_map(spec_names) {
                        lowering.export_table.insert(export_name(exported.unwrap_or(orig)));
                    }
                }
                _ => {}
            }
        }
    }

    // Pre-declare classes, interfaces and non-exported functions.
    for item in &items {
        match item {
            TopLevel::Class { ident: Some(ident), exported, node, .. } => {
                let value = if walker.is_exported(*exported, Some(ident)) {
                    Value::global_reference(&walker.exported_name(ident))
                } else {
                    let context = Value::object(vec![("className", Value::str(&ident.sym))]);
                    walker.ev.error("Reference to non-exported class", *node, Some(context))
                };
                walker.ev.define(&ident.sym, value);
            }
            TopLevel::Interface { ident, .. } => {
                walker.ev.define(&ident.sym, Value::global_reference("any"));
            }
            TopLevel::Function { ident: Some(ident), exported, .. }
                if !walker.is_exported(*exported, Some(ident)) && !ident.sym.is_empty() =>
            {
                let context = Value::object(vec![("name", Value::str(&ident.sym))]);
                let error = walker.ev.error("Reference to a non-exported function", at(*ident), Some(context));
                walker.ev.define(&ident.sym, error);
            }
            _ => {}
        }
    }

    let mut exports: Option<Vec<Value>> = None;
    let mut classes = Vec::new();
    for item in &items {
        match item {
            TopLevel::ExportNamed { specifiers, from, node } => {
                if from.is_none() {
                    for (orig, exported) in specifiers.iter().filter_map(spec_names) {
                        let name = export_name(exported.unwrap_or(orig));
                        if !walker.metadata_truthy(&name) {
                            let value = match orig {
                                ModuleExportName::Ident(ident) => walker.ev.evaluate(&swc_ecma_ast::Expr::Ident(ident.clone()), false),
                                ModuleExportName::Str(s) => Value::str(&crate::jsstr::from_wtf8(&s.value)),
                            };
                            let value = walker.ev.record(value, *node);
                            walker.set_metadata(&name, value);
                        }
                    }
                }
                if let Some(from) = from {
                    let module_export = Value::object(vec![("from", Value::str(&crate::jsstr::from_wtf8(&from.value)))]);
                    let names: Vec<Value> = specifiers
                        .iter()
                        .filter_map(spec_names)
                        .map(|(orig, exported)| match exported {
                            Some(exported) => Value::object(vec![
                                ("name", Value::str(&export_name(orig))),
                                ("as", Value::str(&export_name(exported))),
                            ]),
                            None => Value::str(&export_name(orig)),
                        })
                        .collect();
                    module_export.set_prop("export", Value::array(names));
                    exports.get_or_insert_with(Vec::new).push(module_export);
                }
            }
            TopLevel::ExportAll { from } => {
                let module_export = Value::object(vec![("from", Value::str(&crate::jsstr::from_wtf8(&from.value)))]);
                exports.get_or_insert_with(Vec::new).push(module_export);
            }
            TopLevel::Class { ident: Some(ident), class, exported, node } => {
                if walker.is_exported(*exported, Some(ident)) {
                    let name = walker.exported_name(ident);
                    let value = walker.class_metadata(&name, class, *node);
                    walker.class_nodes.insert(name.clone(), *node);
                    classes.push((name.clone(), *class));
                    walker.set_metadata(&name, value);
                }
            }
            TopLevel::Interface { ident, exported } | TopLevel::TypeAlias { ident, exported } => {
                if walker.is_exported(*exported, Some(ident)) {
                    let name = walker.exported_name(ident);
                    walker.set_metadata(&name, Value::object(vec![("__symbolic", Value::str("interface"))]));
                }
            }
            TopLevel::Function { ident: Some(ident), function, exported, node } => {
                if walker.is_exported(*exported, Some(ident)) {
                    let name = walker.exported_name(ident);
                    let value = match walker.simple_function(Some(&ident.sym), function, *node, at(*ident).end) {
                        Some(func) => walker.ev.record(func, *node),
                        None => walker.ev.record(Value::object(vec![("__symbolic", Value::str("function"))]), *node),
                    };
                    walker.set_metadata(&name, value);
                }
            }
            TopLevel::Enum { decl, exported, node } => {
                if walker.is_exported(*exported, Some(&decl.id)) {
                    walker.enum_metadata(decl, *node);
                }
            }
            TopLevel::Var { decl, exported, node } => walker.var_metadata(decl, *exported, *node),
            TopLevel::Class { ident: None, .. } | TopLevel::Function { ident: None, .. } => {}
        }
    }
    walker.flush_lowered();
    ModuleWalk {
        metadata: walker.metadata,
        exports,
        class_nodes: walker.class_nodes,
        decorated_members: walker.decorated_members,
        classes,
        export_map: walker.export_map,
    }
}

/// Where a function's parameter list may start: after its type parameters, else after its name.
pub(crate) fn params_start(function: &Function, name_end: u32) -> u32 {
    function.type_params.as_ref().map_or(name_end, |t| at(&**t).end)
}

/// `namesOf`: the names a parameter binds, in order.
fn names_of(pat: &Pat) -> Vec<String> {
    let mut idents = Vec::new();
    binding_idents(pat, &mut idents);
    idents.into_iter().map(|i| i.sym.to_string()).collect()
}

/// The identifiers of a binding pattern, in source order.
fn binding_idents<'p>(pat: &'p Pat, out: &mut Vec<&'p Ident>) {
    match pat {
        Pat::Ident(b) => out.push(&b.id),
        Pat::Array(a) => a.elems.iter().flatten().for_each(|p| binding_idents(p, out)),
        Pat::Object(o) => {
            for prop in &o.props {
                match prop {
                    ObjectPatProp::KeyValue(kv) => binding_idents(&kv.value, out),
                    ObjectPatProp::Assign(a) => out.push(&a.key.id),
                    ObjectPatProp::Rest(r) => binding_idents(&r.arg, out),
                }
            }
        }
        Pat::Rest(r) => binding_idents(&r.arg, out),
        Pat::Assign(a) => binding_idents(&a.left, out),
        Pat::Invalid(_) | Pat::Expr(_) => {}
    }
}

/// A parameter's default value.
fn initializer(pat: &Pat) -> Option<&swc_ecma_ast::Expr> {
    match pat {
        Pat::Assign(a) => Some(&a.right),
        _ => None,
    }
}

/// A parameter's declared type.
fn param_type(pat: &Pat) -> Option<&TsType> {
    let ann = match pat {
        Pat::Ident(b) => b.type_ann.as_deref(),
        Pat::Array(a) => a.type_ann.as_deref(),
        Pat::Object(o) => o.type_ann.as_deref(),
        Pat::Rest(r) => r.type_ann.as_deref(),
        Pat::Assign(a) => return param_type(&a.left),
        Pat::Invalid(_) | Pat::Expr(_) => None,
    };
    ann.map(|a| &*a.type_ann)
}

/// Builds the module object from the walk: `{__symbolic, version, metadata, importAs?, exports?}`.
pub(crate) fn module_object(walk: &ModuleWalk<'_>, import_as: Option<String>) -> Option<Value> {
    if walk.metadata.is_none() && walk.exports.is_none() {
        return None;
    }
    let metadata = walk.metadata.clone().unwrap_or_else(Value::new_object);
    let result = Value::object(vec![
        ("__symbolic", Value::str("module")),
        ("version", Value::Num(METADATA_VERSION)),
        ("metadata", metadata),
    ]);
    if let Some(import_as) = import_as {
        result.set_prop("importAs", Value::str(&import_as));
    }
    if let Some(exports) = &walk.exports {
        result.set_prop("exports", Value::array(exports.clone()));
    }
    Some(result)
}
