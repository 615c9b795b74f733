//! Differential test of the render3 compilers against Angular 22's own: every case below is
//! compiled by ngc-codegen and, as the equivalent metadata, by `@angular/compiler`
//! (tests/oracle/render3-oracle.mjs prints its output AST through compiler-cli's TypeScript
//! translator). The two texts must have the same tokens, with `/*@__PURE__*/` and
//! `/* @ts-ignore */` counted as tokens.
//!
//! What the template pipeline produces (template and host-binding functions, `decls`, `vars`,
//! `consts`, `hostAttrs`, `hostVars`) is taken as given from Angular's result, so these
//! cases check everything around it: field order, features, inputs, queries, styles and the
//! constant pool. Known differences are listed in tests/oracle/accepted-differences.txt.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{decorator, directive, injectable, input, query, repo, selectors, this, NumberedImports};
use ngc_codegen::render3::metadata::*;
use ngc_codegen::render3::template::{CompiledHostBindings, CompiledTemplate, HostBindingsJob, TemplateCompiler, TemplateJob};
use ngc_codegen::render3::*;
use ngc_output::print::{print_expr, print_stmt};
use ngc_output::{external, raw, str_lit, var, ArrowBody, ConstantPool, Expr, ExternalRef, Literal, MapEntry, Stmt};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Serialising metadata for the oracle.

fn ex(e: &Expr) -> Value {
    match e {
        Expr::Var(name) => json!({ "var": name }),
        Expr::External(ExternalRef { module: Some(m), name }) => json!({ "ext": [m, name] }),
        Expr::External(ExternalRef { module: None, name }) => json!({ "var": name }),
        Expr::Literal(Literal::Undefined) => json!({ "undef": true }),
        Expr::Literal(Literal::Null) => json!({ "lit": null }),
        Expr::Literal(Literal::Bool(b)) => json!({ "lit": b }),
        Expr::Literal(Literal::Number(n)) => json!({ "lit": n }),
        Expr::Literal(Literal::String(s)) => json!({ "lit": s }),
        Expr::Raw(text) => json!({ "raw": &**text }),
        Expr::Array(items) => json!({ "arr": items.iter().map(ex).collect::<Vec<_>>() }),
        Expr::Map(entries) => json!({
            "map": entries.iter().map(|e| match e {
                MapEntry::Property { key, quoted, value } => json!([key, quoted, ex(value)]),
                MapEntry::Spread(_) => panic!("spread in test metadata"),
            }).collect::<Vec<_>>()
        }),
        Expr::Call { callee, args, pure, .. } => json!({ "call": ex(callee), "args": args.iter().map(ex).collect::<Vec<_>>(), "pure": pure }),
        Expr::Prop { receiver, name, .. } => json!({ "prop": ex(receiver), "name": name }),
        Expr::Arrow { params, body: ArrowBody::Expr(body) } => json!({ "arrow": params, "body": ex(body) }),
        other => panic!("expression not supported by the oracle script: {other:?}"),
    }
}

fn opt(e: &Option<Expr>) -> Value {
    e.as_ref().map(ex).unwrap_or(Value::Null)
}

fn reference(r: &R3Reference) -> Value {
    json!({ "value": ex(&r.value), "type": ex(&r.type_expr) })
}

fn maybe_ref(m: &MaybeForwardRefExpr) -> Value {
    let forward_ref = match m.forward_ref {
        ForwardRefHandling::None => 0,
        ForwardRefHandling::Wrapped => 1,
        ForwardRefHandling::Unwrapped => 2,
    };
    json!({ "expression": ex(&m.expression), "forwardRef": forward_ref })
}

fn dep(d: &R3DependencyMetadata) -> Value {
    json!({
        "token": opt(&d.token), "attributeNameType": opt(&d.attribute_name_type),
        "host": d.host, "optional": d.optional, "self": d.self_, "skipSelf": d.skip_self,
    })
}

fn deps(d: &R3FactoryDeps) -> Value {
    match d {
        R3FactoryDeps::Valid(list) => Value::Array(list.iter().map(dep).collect()),
        R3FactoryDeps::Inherited => Value::Null,
        R3FactoryDeps::Invalid => json!("invalid"),
    }
}

fn factory_json(m: &R3FactoryMetadata) -> Value {
    let mut v = json!({
        "name": m.name, "type": reference(&m.type_ref), "typeArgumentCount": m.type_argument_count,
        "deps": deps(&m.deps), "target": m.target as u8,
    });
    match &m.kind {
        R3FactoryKind::Constructor => {}
        R3FactoryKind::Delegated { delegate, delegate_type, delegate_deps } => {
            v["delegate"] = ex(delegate);
            v["delegateType"] = json!(match delegate_type {
                R3FactoryDelegateType::Class => 0,
                R3FactoryDelegateType::Function => 1,
            });
            v["delegateDeps"] = Value::Array(delegate_deps.iter().map(dep).collect());
        }
        R3FactoryKind::Expression(e) => v["expression"] = ex(e),
    }
    v
}

fn injectable_json(m: &R3InjectableMetadata) -> Value {
    let provided_in = m.provided_in.clone().unwrap_or(MaybeForwardRefExpr::plain(ngc_output::null()));
    let mut v = json!({
        "name": m.name, "type": reference(&m.type_ref), "typeArgumentCount": m.type_argument_count, "providedIn": maybe_ref(&provided_in),
    });
    match &m.provider {
        R3InjectableProvider::None => {}
        R3InjectableProvider::UseClass(e) => v["useClass"] = maybe_ref(e),
        R3InjectableProvider::UseFactory(e) => v["useFactory"] = ex(e),
        R3InjectableProvider::UseValue(e) => v["useValue"] = maybe_ref(e),
        R3InjectableProvider::UseExisting(e) => v["useExisting"] = maybe_ref(e),
    }
    if let Some(d) = &m.deps {
        v["deps"] = Value::Array(d.iter().map(dep).collect());
    }
    v
}

fn query_json(q: &R3QueryMetadata) -> Value {
    json!({
        "propertyName": q.property_name, "first": q.first,
        "predicate": match &q.predicate { R3QueryPredicate::Selectors(s) => json!(s), R3QueryPredicate::Type(t) => maybe_ref(t) },
        "descendants": q.descendants, "emitDistinctChangesOnly": q.emit_distinct_changes_only, "read": opt(&q.read),
        "static": q.is_static, "isSignal": q.is_signal,
    })
}

fn pairs(p: &[(String, String)]) -> Value {
    Value::Array(p.iter().map(|(k, v)| json!([k, v])).collect())
}

fn directive_json(m: &R3DirectiveMetadata) -> Value {
    json!({
        "name": m.name, "type": reference(&m.type_ref), "typeArgumentCount": m.type_argument_count, "deps": deps(&m.deps),
        "selector": m.selector, "queries": m.queries.iter().map(query_json).collect::<Vec<_>>(),
        "viewQueries": m.view_queries.iter().map(query_json).collect::<Vec<_>>(),
        "host": {
            "attributes": m.host.attributes.iter().map(|(k, v)| json!([k, ex(v)])).collect::<Vec<_>>(),
            "listeners": pairs(&m.host.listeners), "properties": pairs(&m.host.properties),
            "styleAttr": m.host.special_attributes.style_attr, "classAttr": m.host.special_attributes.class_attr,
        },
        "usesOnChanges": m.uses_on_changes,
        "inputs": m.inputs.iter().map(|(k, i)| json!([k, {
            "classPropertyName": i.class_property_name, "bindingPropertyName": i.binding_property_name,
            "required": i.required, "isSignal": i.is_signal, "transformFunction": opt(&i.transform_function),
        }])).collect::<Vec<_>>(),
        "outputs": pairs(&m.outputs), "usesInheritance": m.uses_inheritance,
        "controlCreate": m.control_create.as_ref().map(|p| json!({ "passThroughInput": p })),
        "exportAs": m.export_as, "providers": opt(&m.providers), "isStandalone": m.is_standalone, "isSignal": m.is_signal,
        "hostDirectives": m.host_directives.as_ref().map(|list| list.iter().map(|h| json!({
            "directive": reference(&h.directive), "isForwardReference": h.is_forward_reference,
            "inputs": h.inputs.as_deref().map(pairs), "outputs": h.outputs.as_deref().map(pairs),
        })).collect::<Vec<_>>()),
    })
}

fn component_json(m: &R3ComponentMetadata) -> Value {
    json!({
        "directive": directive_json(&m.directive),
        "declarations": m.declarations.iter().map(|d| json!({
            "kind": d.kind as u8, "type": ex(&d.type_expr), "selector": d.selector, "inputs": d.inputs, "outputs": d.outputs,
            "exportAs": d.export_as, "isComponent": d.is_component, "name": d.pipe_name,
        })).collect::<Vec<_>>(),
        "declarationListEmitMode": m.declaration_list_emit_mode as u8,
        "deferFn": match &m.defer { R3ComponentDeferMetadata::PerComponent { dependencies_fn } => opt(dependencies_fn), _ => Value::Null },
        "styles": m.styles, "externalStyles": m.external_styles,
        "encapsulation": m.encapsulation.map(|e| e as u8),
        "animations": opt(&m.animations), "viewProviders": opt(&m.view_providers),
        "changeDetection": match &m.change_detection { None => Value::Null, Some(ChangeDetection::Strategy(s)) => json!(s), Some(ChangeDetection::Expr(_)) => panic!("expression change detection") },
        "hasDirectiveDependencies": m.has_directive_dependencies,
    })
}

fn decorators_json(list: &[R3DecoratorMetadata]) -> Value {
    Value::Array(
        list.iter().map(|d| json!({ "type": ex(&d.type_expr), "args": d.args.as_ref().map(|a| a.iter().map(ex).collect::<Vec<_>>()) })).collect(),
    )
}

fn class_metadata_json(m: &R3ClassMetadata) -> Value {
    json!({
        "type": ex(&m.type_expr), "decorators": decorators_json(&m.decorators),
        "ctorParameters": m.ctor_parameters.as_ref().map(|ps| ps.iter().map(|p| json!({
            "type": opt(&p.type_expr), "decorators": p.decorators.as_deref().map(decorators_json), "suppressTypeErrors": p.suppress_type_errors,
        })).collect::<Vec<_>>()),
        "propDecorators": m.prop_decorators.iter().map(|p| json!({ "name": p.name, "quoted": p.quoted, "decorators": decorators_json(&p.decorators) })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------------------------------------
// Cases.

/// One thing to compile, on both sides.
#[allow(clippy::large_enum_variant)]
enum Case {
    Factory(R3FactoryMetadata),
    Injectable(R3InjectableMetadata),
    Service(R3ServiceMetadata),
    Injector(R3InjectorMetadata),
    NgModule(R3NgModuleMetadata),
    Pipe(R3PipeMetadata),
    Directive(R3DirectiveMetadata),
    Component(R3ComponentMetadata, &'static str),
    ClassMetadata(R3ClassMetadata),
    ComponentClassMetadata(R3ClassMetadata, Vec<R3DeferPerComponentDependency>),
    DebugInfo(R3ClassDebugInfo),
    DeferResolver(Vec<R3DeferPerBlockDependency>),
}

fn token(text: &str) -> R3DependencyMetadata {
    R3DependencyMetadata { token: Some(raw(text)), ..Default::default() }
}

fn factory(name: &str, deps: R3FactoryDeps, target: FactoryTarget) -> R3FactoryMetadata {
    R3FactoryMetadata { name: name.into(), type_ref: this(name), type_argument_count: 0, deps, target, kind: R3FactoryKind::Constructor }
}

fn component(name: &str, selector: &str) -> R3ComponentMetadata {
    R3ComponentMetadata { relative_context_file_path: "test.ts".into(), ..common::component(name, selector) }
}

fn module_ref(module: &str, name: &str) -> R3Reference {
    R3Reference::same(external(module, name))
}

fn cases() -> Vec<(String, Case)> {
    use Case::*;
    let mut cases: Vec<(&'static str, Case)> = Vec::new();

    // Factories: every DI shape.
    cases.push(("factory: no constructor parameters", Factory(factory("Plain", R3FactoryDeps::Valid(vec![]), FactoryTarget::Injectable))));
    let flags = vec![
        R3DependencyMetadata { token: Some(external("@angular/common/http", "HttpClient")), ..Default::default() },
        R3DependencyMetadata { optional: true, ..token("LOCALE") },
        R3DependencyMetadata { optional: true, skip_self: true, ..token("Parent") },
        R3DependencyMetadata { self_: true, host: true, ..token("Other") },
        R3DependencyMetadata { token: Some(raw("'role'")), attribute_name_type: Some(str_lit("role")), ..Default::default() },
        R3DependencyMetadata { token: None, ..Default::default() },
    ];
    cases.push(("factory: injectable with flags", Factory(factory("Api", R3FactoryDeps::Valid(flags.clone()), FactoryTarget::Injectable))));
    cases.push(("factory: directive injection", Factory(factory("Dir", R3FactoryDeps::Valid(flags.clone()), FactoryTarget::Directive))));
    cases.push((
        "factory: component injection",
        Factory(factory("Cmp", R3FactoryDeps::Valid(vec![token("i0.ElementRef")]), FactoryTarget::Component)),
    ));
    cases.push((
        "factory: pipe injection adds ForPipe",
        Factory(factory(
            "P",
            R3FactoryDeps::Valid(vec![token("i0.ChangeDetectorRef"), R3DependencyMetadata { optional: true, ..token("X") }]),
            FactoryTarget::Pipe,
        )),
    ));
    cases.push(("factory: NgModule injection", Factory(factory("M", R3FactoryDeps::Valid(vec![token("Router")]), FactoryTarget::NgModule))));
    cases.push(("factory: inherited", Factory(factory("Child", R3FactoryDeps::Inherited, FactoryTarget::Directive))));
    cases.push(("factory: invalid", Factory(factory("Broken", R3FactoryDeps::Invalid, FactoryTarget::Injectable))));
    cases.push((
        "factory: generic class",
        Factory(R3FactoryMetadata { type_argument_count: 2, ..factory("Generic", R3FactoryDeps::Valid(vec![]), FactoryTarget::Directive) }),
    ));
    cases.push((
        "factory: delegated class with invalid own deps",
        Factory(R3FactoryMetadata {
            kind: R3FactoryKind::Delegated { delegate: raw("Impl"), delegate_type: R3FactoryDelegateType::Class, delegate_deps: vec![token("A")] },
            ..factory("Svc", R3FactoryDeps::Invalid, FactoryTarget::Injectable)
        }),
    ));
    cases.push((
        "factory: expression with inherited deps",
        Factory(R3FactoryMetadata {
            kind: R3FactoryKind::Expression(raw("42")),
            ..factory("Svc", R3FactoryDeps::Inherited, FactoryTarget::Injectable)
        }),
    ));

    // Injectables: each provider form.
    cases.push(("injectable: root", Injectable(injectable("Logger", Some("'root'"), R3InjectableProvider::None, None))));
    cases.push(("injectable: no providedIn", Injectable(injectable("Clock", None, R3InjectableProvider::None, None))));
    cases.push(("injectable: providedIn module", Injectable(injectable("Store", Some("AppModule"), R3InjectableProvider::None, None))));
    cases.push((
        "injectable: providedIn forwardRef (unwrapped)",
        Injectable(R3InjectableMetadata {
            provided_in: Some(MaybeForwardRefExpr { expression: var("LaterModule"), forward_ref: ForwardRefHandling::Unwrapped }),
            ..injectable("Late", None, R3InjectableProvider::None, None)
        }),
    ));
    cases.push((
        "injectable: useClass",
        Injectable(injectable("A", Some("'root'"), R3InjectableProvider::UseClass(MaybeForwardRefExpr::plain(raw("AImpl"))), None)),
    ));
    cases.push((
        "injectable: useClass with deps",
        Injectable(injectable(
            "A",
            Some("'root'"),
            R3InjectableProvider::UseClass(MaybeForwardRefExpr::plain(raw("AImpl"))),
            Some(vec![token("Dep"), R3DependencyMetadata { optional: true, ..token("Opt") }]),
        )),
    ));
    cases.push(("injectable: useFactory", Injectable(injectable("B", Some("'root'"), R3InjectableProvider::UseFactory(raw("() => new B()")), None))));
    cases.push((
        "injectable: useFactory with deps",
        Injectable(injectable(
            "B",
            Some("'any'"),
            R3InjectableProvider::UseFactory(raw("makeB")),
            Some(vec![token("Dep"), R3DependencyMetadata { skip_self: true, ..token("B") }]),
        )),
    ));
    cases.push((
        "injectable: useValue",
        Injectable(injectable("C", Some("'root'"), R3InjectableProvider::UseValue(MaybeForwardRefExpr::plain(raw("{ a: 1 }"))), None)),
    ));
    cases.push((
        "injectable: useExisting",
        Injectable(injectable("D", Some("'platform'"), R3InjectableProvider::UseExisting(MaybeForwardRefExpr::plain(raw("Other"))), None)),
    ));

    // Services (Angular 22's `@Service`).
    cases.push((
        "service: default",
        Service(R3ServiceMetadata { name: "S".into(), type_ref: this("S"), type_argument_count: 0, auto_provided: None, factory: None }),
    ));
    cases.push((
        "service: factory, not auto-provided",
        Service(R3ServiceMetadata {
            name: "S".into(),
            type_ref: this("S"),
            type_argument_count: 0,
            auto_provided: Some(false),
            factory: Some(raw("() => new S(1)")),
        }),
    ));

    // Injectors and NgModules.
    cases.push(("injector: empty", Injector(R3InjectorMetadata { name: "M".into(), type_ref: this("M"), providers: None, imports: vec![] })));
    cases.push((
        "injector: providers and imports",
        Injector(R3InjectorMetadata {
            name: "M".into(),
            type_ref: this("M"),
            providers: Some(raw("[Logger, { provide: TOKEN, useValue: 1 }]")),
            imports: vec![raw("CommonModule"), raw("RouterModule.forRoot(routes)")],
        }),
    ));
    let module = |name: &str| R3NgModuleMetadata {
        type_ref: this(name),
        bootstrap: vec![],
        declarations: vec![],
        public_declaration_types: None,
        imports: vec![],
        include_import_types: true,
        exports: vec![],
        selector_scope_mode: R3SelectorScopeMode::SideEffect,
        contains_forward_decls: false,
        schemas: None,
        id: None,
        remote_scopes: vec![],
        remote_scopes_may_require_cycle_protection: false,
    };
    cases.push(("ngModule: empty", NgModule(module("Empty"))));
    cases.push((
        "ngModule: scope, bootstrap, schemas, id",
        NgModule(R3NgModuleMetadata {
            bootstrap: vec![this("AppComponent")],
            declarations: vec![this("AppComponent"), this("Dir")],
            imports: vec![module_ref("@angular/common", "CommonModule"), this("Shared")],
            exports: vec![this("Dir")],
            schemas: Some(vec![module_ref("@angular/core", "CUSTOM_ELEMENTS_SCHEMA")]),
            id: Some(raw("'app'")),
            ..module("AppModule")
        }),
    ));
    cases.push((
        "ngModule: forward declarations",
        NgModule(R3NgModuleMetadata {
            declarations: vec![this("Later")],
            exports: vec![this("Later")],
            contains_forward_decls: true,
            ..module("Fwd")
        }),
    ));
    cases.push((
        "ngModule: inline scope",
        NgModule(R3NgModuleMetadata {
            selector_scope_mode: R3SelectorScopeMode::Inline,
            declarations: vec![this("A")],
            imports: vec![this("B")],
            exports: vec![this("A")],
            ..module("Inl")
        }),
    ));
    cases.push((
        "ngModule: omitted scope",
        NgModule(R3NgModuleMetadata { selector_scope_mode: R3SelectorScopeMode::Omit, declarations: vec![this("A")], ..module("Om") }),
    ));

    // Pipes.
    let pipe = |pipe_name: Option<&str>, pure: bool, standalone: bool| R3PipeMetadata {
        name: "FmtPipe".into(),
        type_ref: this("FmtPipe"),
        type_argument_count: 0,
        pipe_name: pipe_name.map(str::to_string),
        deps: R3FactoryDeps::Valid(vec![]),
        pure,
        is_standalone: standalone,
    };
    cases.push(("pipe: pure standalone", Pipe(pipe(Some("fmt"), true, true))));
    cases.push(("pipe: impure, not standalone", Pipe(pipe(Some("fmt"), false, false))));
    cases.push(("pipe: name defaults to the class", Pipe(pipe(None, true, true))));

    // Directives.
    cases.push(("directive: abstract", Directive(directive("Base", None))));
    let mut dir = directive("TooltipDir", Some("[tip]:not(.off), button[tip]"));
    dir.inputs = vec![
        input("text", "tip"),
        input("delay", "delay"),
        ("flag".into(), R3InputMetadata { transform_function: Some(raw("booleanAttribute")), ..input("flag", "flag").1 }),
        ("aliased".into(), R3InputMetadata { transform_function: Some(raw("numberAttribute")), ..input("aliased", "size").1 }),
        ("sig".into(), R3InputMetadata { is_signal: true, required: true, ..input("sig", "sig").1 }),
        ("sigAlias".into(), R3InputMetadata { is_signal: true, ..input("sigAlias", "other").1 }),
        input("data-x", "data-x"),
    ];
    dir.outputs = vec![("shown".into(), "shown".into()), ("hidden".into(), "tipHidden".into())];
    dir.export_as = Some(vec!["tooltip".into(), "tip".into()]);
    dir.is_standalone = false;
    cases.push(("directive: inputs, outputs, exportAs", Directive(dir)));

    let mut features = directive("Featured", Some("[featured]"));
    features.providers = Some(raw("[Logger]"));
    features.uses_inheritance = true;
    features.uses_on_changes = true;
    features.host_directives = Some(vec![
        R3HostDirectiveMetadata { directive: this("Plain"), is_forward_reference: false, inputs: None, outputs: None },
        R3HostDirectiveMetadata {
            directive: module_ref("./other", "Mapped"),
            is_forward_reference: false,
            inputs: Some(vec![("value".into(), "mappedValue".into()), ("color".into(), "color".into())]),
            outputs: Some(vec![("changed".into(), "changed".into())]),
        },
    ]);
    features.is_signal = true;
    cases.push(("directive: providers, host directives, inheritance, ngOnChanges", Directive(features)));
    let mut forward = directive("Forward", Some("[fwd]"));
    forward.host_directives =
        Some(vec![R3HostDirectiveMetadata { directive: this("Later"), is_forward_reference: true, inputs: Some(vec![]), outputs: None }]);
    cases.push(("directive: forward host directive", Directive(forward)));
    let mut control = directive("Control", Some("[ctl]"));
    control.control_create = Some(Some("value".into()));
    control.uses_on_changes = true;
    cases.push(("directive: control feature", Directive(control)));
    let mut control_none = directive("ControlNone", Some("[ctl]"));
    control_none.control_create = Some(None);
    cases.push(("directive: control feature without pass-through input", Directive(control_none)));

    let mut queries = directive("Queries", Some("[q]"));
    queries.view_queries = vec![
        query("first", selectors(&["a"]), true, true),
        query("all", selectors(&["a, b", "c"]), false, true),
        R3QueryMetadata {
            read: Some(raw("ElementRef")),
            is_static: true,
            ..query("typed", R3QueryPredicate::Type(MaybeForwardRefExpr::plain(raw("Child"))), true, true)
        },
        R3QueryMetadata { is_signal: true, ..query("sig", selectors(&["s"]), true, true) },
        R3QueryMetadata { is_signal: true, ..query("sigs", R3QueryPredicate::Type(MaybeForwardRefExpr::plain(raw("Child"))), false, true) },
        R3QueryMetadata { emit_distinct_changes_only: false, ..query("last", selectors(&["a"]), false, true) },
    ];
    queries.queries = vec![
        R3QueryMetadata {
            descendants: false,
            ..query(
                "items",
                R3QueryPredicate::Type(MaybeForwardRefExpr { expression: raw("forwardRef(() => Item)"), forward_ref: ForwardRefHandling::Wrapped }),
                false,
                true,
            )
        },
        R3QueryMetadata { is_signal: true, ..query("sigItem", selectors(&["item"]), true, true) },
        query("one", selectors(&["a"]), true, true),
    ];
    cases.push(("directive: view and content queries", Directive(queries)));

    let mut host = directive("Hosted", Some("[hosted]"));
    host.host = R3HostMetadata {
        attributes: vec![("role".into(), str_lit("button")), ("tabindex".into(), str_lit("0"))],
        listeners: vec![("click".into(), "onClick($event)".into())],
        properties: vec![("class.active".into(), "active".into()), ("attr.aria-label".into(), "label".into())],
        special_attributes: R3HostSpecialAttributes { style_attr: Some("display: block".into()), class_attr: Some("a b".into()) },
    };
    host.inputs = vec![input("active", "active")];
    cases.push(("directive: host bindings around the pipeline's output", Directive(host)));

    // Components: the fields around the template.
    cases.push(("component: minimal", Component(component("EmptyCmp", "app-empty"), "")));
    let mut styled = component("StyledCmp", "app-styled");
    styled.styles =
        vec![":host { display: block; }".into(), "   ".into(), ".a .b { color: red; } .very-long-selector-name-that-goes-on { margin: 0 }".into()];
    styled.directive.is_standalone = false;
    styled.change_detection = Some(ChangeDetection::Strategy(1));
    styled.directive.providers = Some(raw("[Logger]"));
    styled.view_providers = Some(raw("[ViewOnly]"));
    styled.animations = Some(raw("[trigger('open', [])]"));
    cases.push(("component: styles, providers, viewProviders, animations, changeDetection", Component(styled, "<p>hi</p>")));
    let mut shadow = component("ShadowCmp", "app-shadow");
    shadow.encapsulation = Some(ViewEncapsulation::ShadowDom);
    shadow.styles = vec!["p { color: red }".into()];
    shadow.change_detection = Some(ChangeDetection::Strategy(0));
    cases.push(("component: shadow DOM", Component(shadow, "<p>x</p>")));
    let mut none = component("NoneCmp", "app-none");
    none.encapsulation = Some(ViewEncapsulation::None);
    none.external_styles = vec!["a.css".into(), "b.css".into()];
    cases.push(("component: external styles", Component(none, "")));
    let mut deps_cmp = component("DepsCmp", "app-deps");
    let dependency = |t: Expr, kind: R3TemplateDependencyKind| R3TemplateDependency {
        kind,
        type_expr: t,
        selector: Some("[x]".into()),
        inputs: vec![],
        outputs: vec![],
        export_as: None,
        is_component: false,
        pipe_name: None,
    };
    deps_cmp.declarations = vec![
        dependency(external("@angular/common", "NgIf"), R3TemplateDependencyKind::Directive),
        dependency(var("LocalDir"), R3TemplateDependencyKind::Directive),
        dependency(external("@angular/common", "AsyncPipe"), R3TemplateDependencyKind::Pipe),
    ];
    deps_cmp.has_directive_dependencies = true;
    let mut closure_cmp = component("ClosureCmp", "app-closure");
    closure_cmp.declarations = deps_cmp.declarations.clone();
    closure_cmp.declaration_list_emit_mode = DeclarationListEmitMode::Closure;
    let mut resolved_cmp = component("ResolvedCmp", "app-resolved");
    resolved_cmp.declarations = deps_cmp.declarations.clone();
    resolved_cmp.declaration_list_emit_mode = DeclarationListEmitMode::ClosureResolved;
    cases.push(("component: dependencies", Component(deps_cmp, "<p>{{ 1 }}</p>")));
    cases.push(("component: dependencies closure", Component(closure_cmp, "")));
    cases.push(("component: dependencies closure resolved", Component(resolved_cmp, "")));
    let mut queried = component("QueriedCmp", "app-q");
    queried.directive.view_queries = vec![query("el", selectors(&["el"]), true, true)];
    queried.directive.inputs = vec![input("value", "value")];
    queried.directive.uses_on_changes = true;
    queried.styles = vec![".x { color: blue }".into()];
    cases.push(("component: queries and styles share the pool", Component(queried, "<div #el></div>")));
    let mut deferred = component("DeferredCmp", "app-deferred");
    deferred.defer =
        R3ComponentDeferMetadata::PerComponent { dependencies_fn: Some(ngc_output::arrow(vec![], ngc_output::array(vec![var("Heavy")]))) };
    cases.push(("component: per-component defer function", Component(deferred, "")));

    // Class metadata and debug info.
    cases.push((
        "classMetadata: decorators only",
        ClassMetadata(R3ClassMetadata {
            type_expr: var("Logger"),
            decorators: vec![decorator("Injectable", &["{ providedIn: 'root' }"])],
            ctor_parameters: None,
            prop_decorators: vec![],
        }),
    ));
    cases.push((
        "classMetadata: ctor parameters and prop decorators",
        ClassMetadata(R3ClassMetadata {
            type_expr: var("Api"),
            decorators: vec![decorator("Component", &["{ selector: 'x', template: '' }"])],
            ctor_parameters: Some(vec![
                R3CtorParameter { type_expr: Some(external("@angular/common/http", "HttpClient")), decorators: None, suppress_type_errors: false },
                R3CtorParameter {
                    type_expr: None,
                    decorators: Some(vec![decorator("Inject", &["TOKEN"]), decorator("Optional", &[])]),
                    suppress_type_errors: false,
                },
                R3CtorParameter {
                    type_expr: Some(raw("Document")),
                    decorators: Some(vec![decorator("Inject", &["DOCUMENT"])]),
                    suppress_type_errors: true,
                },
            ]),
            prop_decorators: vec![
                R3PropDecorators { name: "value".into(), quoted: false, decorators: vec![decorator("Input", &[])] },
                R3PropDecorators {
                    name: "data-x".into(),
                    quoted: true,
                    decorators: vec![decorator("Input", &["'x'"]), decorator("HostBinding", &["'attr.x'"])],
                },
            ],
        }),
    ));
    cases.push((
        "classMetadata: empty constructor",
        ClassMetadata(R3ClassMetadata {
            type_expr: var("E"),
            decorators: vec![decorator("Directive", &[])],
            ctor_parameters: Some(vec![]),
            prop_decorators: vec![],
        }),
    ));
    cases.push((
        "componentClassMetadata: deferred dependencies",
        ComponentClassMetadata(
            R3ClassMetadata {
                type_expr: var("Lazy"),
                decorators: vec![decorator("Component", &["{ selector: 'lazy' }"])],
                ctor_parameters: None,
                prop_decorators: vec![],
            },
            vec![
                R3DeferPerComponentDependency { symbol_name: "Heavy".into(), import_path: "./heavy".into(), is_default_import: false },
                R3DeferPerComponentDependency { symbol_name: "Chart".into(), import_path: "./chart".into(), is_default_import: true },
                R3DeferPerComponentDependency { symbol_name: "Heavy".into(), import_path: "./heavy2".into(), is_default_import: false },
            ],
        ),
    ));
    let debug = |file: Option<&str>, forbid: bool| R3ClassDebugInfo {
        type_expr: var("AppComponent"),
        class_name: "AppComponent".into(),
        file_path: file.map(str::to_string),
        line_number: 12,
        forbid_orphan_rendering: forbid,
    };
    cases.push(("debugInfo: with file", DebugInfo(debug(Some("app/app.component.ts"), false))));
    cases.push((
        "deferResolver: deferrable and eager dependencies",
        DeferResolver(vec![
            R3DeferPerBlockDependency {
                type_reference: var("Heavy"),
                symbol_name: "Heavy".into(),
                is_deferrable: true,
                import_path: Some("./heavy".into()),
                is_default_import: false,
            },
            R3DeferPerBlockDependency {
                type_reference: external("@angular/common", "NgIf"),
                symbol_name: "NgIf".into(),
                is_deferrable: false,
                import_path: None,
                is_default_import: false,
            },
            R3DeferPerBlockDependency {
                type_reference: var("Chart"),
                symbol_name: "Chart".into(),
                is_deferrable: true,
                import_path: Some("./chart".into()),
                is_default_import: true,
            },
        ]),
    ));
    cases.push(("debugInfo: without file, orphan rendering forbidden", DebugInfo(debug(None, true))));
    let mut cases: Vec<(String, Case)> = cases.into_iter().map(|(name, case)| (name.to_string(), case)).collect();
    cases.extend(generated_cases(0x5eed, 200));
    cases
}

/// A small deterministic random generator (xorshift), so the generated cases are the same on
/// every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Random combinations of the features above: dependencies with every flag, inputs and
/// outputs with keys JavaScript orders specially (`"10"`, `"2"`) or quotes (`a-b`, `a.b`),
/// queries of both kinds, features, styles.
fn generated_cases(seed: u64, count: usize) -> Vec<(String, Case)> {
    let mut rng = Rng(seed);
    let members = ["value", "size", "10", "2", "a-b", "a.b", "label", "open", "_x", "$y", "0", "01"];
    let tokens = ["Dep", "i1.Service", "'attr'", "TOKEN", "forwardRef(() => Later)"];
    let mut cases = Vec::new();
    for i in 0..count {
        let name = format!("Gen{i}");
        let random_deps = |rng: &mut Rng| -> Vec<R3DependencyMetadata> {
            (0..rng.below(4))
                .map(|_| {
                    let token = rng.pick(&tokens);
                    if rng.chance(10) {
                        return R3DependencyMetadata { token: None, ..Default::default() };
                    }
                    R3DependencyMetadata {
                        token: Some(raw(token)),
                        attribute_name_type: (token == "'attr'" && rng.chance(50)).then(|| str_lit("attr")),
                        host: rng.chance(20),
                        optional: rng.chance(30),
                        self_: rng.chance(20),
                        skip_self: rng.chance(20),
                    }
                })
                .collect()
        };
        let targets = [FactoryTarget::Directive, FactoryTarget::Component, FactoryTarget::Injectable, FactoryTarget::Pipe, FactoryTarget::NgModule];
        match rng.below(3) {
            0 => {
                let deps = match rng.below(5) {
                    0 => R3FactoryDeps::Inherited,
                    1 => R3FactoryDeps::Invalid,
                    _ => R3FactoryDeps::Valid(random_deps(&mut rng)),
                };
                let target = targets[rng.below(targets.len())];
                let kind = match rng.below(4) {
                    0 => R3FactoryKind::Expression(raw("{ a: 1 }")),
                    1 => R3FactoryKind::Delegated {
                        delegate: raw("Impl"),
                        delegate_type: if rng.chance(50) { R3FactoryDelegateType::Class } else { R3FactoryDelegateType::Function },
                        delegate_deps: random_deps(&mut rng),
                    },
                    _ => R3FactoryKind::Constructor,
                };
                cases.push((format!("generated factory #{i}"), Case::Factory(R3FactoryMetadata { kind, ..factory(&name, deps, target) })));
            }
            _ => {
                let mut dir = directive(&name, if rng.chance(80) { Some(rng.pick(&["[a]", "b", "c.d:not([e])", "[f], g"])) } else { None });
                for _ in 0..rng.below(5) {
                    let member = rng.pick(&members);
                    let public = if rng.chance(30) { format!("{member}Alias") } else { member.to_string() };
                    let is_signal = rng.chance(30);
                    let input = R3InputMetadata {
                        class_property_name: member.into(),
                        binding_property_name: public,
                        required: rng.chance(20),
                        is_signal,
                        transform_function: (!is_signal && rng.chance(30)).then(|| raw("booleanAttribute")),
                    };
                    dir.inputs.push((member.into(), input));
                }
                for _ in 0..rng.below(4) {
                    let member = rng.pick(&members);
                    dir.outputs.push((member.into(), if rng.chance(30) { format!("{member}Change") } else { member.to_string() }));
                }
                let mut random_queries = |rng: &mut Rng| -> Vec<R3QueryMetadata> {
                    (0..rng.below(4))
                        .map(|q| {
                            let predicate = if rng.chance(50) {
                                selectors(&[rng.pick(&["a", "b, c", " d ,e "])])
                            } else {
                                R3QueryPredicate::Type(MaybeForwardRefExpr {
                                    expression: raw("Child"),
                                    forward_ref: if rng.chance(20) { ForwardRefHandling::Wrapped } else { ForwardRefHandling::None },
                                })
                            };
                            R3QueryMetadata {
                                read: rng.chance(20).then(|| raw("ElementRef")),
                                is_static: rng.chance(20),
                                is_signal: rng.chance(30),
                                descendants: rng.chance(50),
                                emit_distinct_changes_only: rng.chance(80),
                                ..query(&format!("q{q}"), predicate, rng.chance(50), true)
                            }
                        })
                        .collect()
                };
                dir.queries = random_queries(&mut rng);
                dir.view_queries = random_queries(&mut rng);
                dir.uses_inheritance = rng.chance(20);
                dir.uses_on_changes = rng.chance(20);
                dir.providers = rng.chance(20).then(|| raw("[Service]"));
                dir.export_as = rng.chance(20).then(|| vec!["x".into(), "y".into()]);
                dir.is_standalone = rng.chance(70);
                dir.is_signal = rng.chance(10);
                if rng.chance(15) {
                    dir.host_directives = Some(vec![R3HostDirectiveMetadata {
                        directive: this("HostDir"),
                        is_forward_reference: rng.chance(30),
                        inputs: rng.chance(50).then(|| vec![("a".into(), "b".into()), ("10".into(), "c".into())]),
                        outputs: rng.chance(50).then(|| vec![("o".into(), "o".into())]),
                    }]);
                }
                if rng.chance(40) && dir.selector.is_some() {
                    let mut cmp = component(&name, "gen-cmp");
                    cmp.directive = dir;
                    cmp.directive.deps = R3FactoryDeps::Valid(Vec::new());
                    let sheets = [
                        "a { color: red }",
                        ":host { display: block }",
                        "",
                        ".a-long-selector-that-is-longer-than-fifty-characters-in-total { x: y }",
                    ];
                    cmp.styles = (0..rng.below(3)).map(|_| rng.pick(&sheets).to_string()).collect();
                    cmp.encapsulation = match rng.below(4) {
                        0 => Some(ViewEncapsulation::None),
                        1 => Some(ViewEncapsulation::ShadowDom),
                        _ => None,
                    };
                    cmp.change_detection = rng.chance(30).then(|| ChangeDetection::Strategy(rng.below(2) as u8));
                    cmp.view_providers = rng.chance(20).then(|| raw("[ViewService]"));
                    cmp.animations = rng.chance(10).then(|| raw("[]"));
                    cmp.external_styles = if rng.chance(10) { vec!["x.css".into()] } else { Vec::new() };
                    cases.push((format!("generated component #{i}"), Case::Component(cmp, "")));
                } else {
                    cases.push((format!("generated directive #{i}"), Case::Directive(dir)));
                }
            }
        }
    }
    cases
}

fn case_json(case: &Case) -> Value {
    match case {
        Case::Factory(m) => json!({ "kind": "factory", "meta": factory_json(m) }),
        Case::Injectable(m) => json!({ "kind": "injectable", "meta": injectable_json(m) }),
        Case::Service(m) => json!({ "kind": "service", "meta": {
            "name": m.name, "type": reference(&m.type_ref), "typeArgumentCount": m.type_argument_count,
            "autoProvided": m.auto_provided, "factory": opt(&m.factory),
        } }),
        Case::Injector(m) => json!({ "kind": "injector", "meta": {
            "name": m.name, "type": reference(&m.type_ref), "providers": opt(&m.providers), "imports": m.imports.iter().map(ex).collect::<Vec<_>>(),
        } }),
        Case::NgModule(m) => {
            let refs = |r: &[R3Reference]| r.iter().map(reference).collect::<Vec<_>>();
            json!({ "kind": "ngModule", "meta": {
                "type": reference(&m.type_ref), "bootstrap": refs(&m.bootstrap), "declarations": refs(&m.declarations),
                "imports": refs(&m.imports), "exports": refs(&m.exports),
                "selectorScopeMode": match m.selector_scope_mode { R3SelectorScopeMode::Inline => 0, R3SelectorScopeMode::SideEffect => 1, R3SelectorScopeMode::Omit => 2 },
                "containsForwardDecls": m.contains_forward_decls, "schemas": m.schemas.as_deref().map(refs), "id": opt(&m.id),
            } })
        }
        Case::Pipe(m) => json!({ "kind": "pipe", "meta": {
            "name": m.name, "type": reference(&m.type_ref), "pipeName": m.pipe_name, "pure": m.pure, "isStandalone": m.is_standalone,
        } }),
        Case::Directive(m) => json!({ "kind": "directive", "meta": directive_json(m) }),
        Case::Component(m, template) => json!({ "kind": "component", "meta": component_json(m), "template": template }),
        Case::ClassMetadata(m) => json!({ "kind": "classMetadata", "meta": class_metadata_json(m) }),
        Case::ComponentClassMetadata(m, deps) => json!({ "kind": "componentClassMetadata", "meta": {
            "metadata": class_metadata_json(m),
            "dependencies": deps.iter().map(|d| json!({ "symbolName": d.symbol_name, "importPath": d.import_path, "isDefaultImport": d.is_default_import })).collect::<Vec<_>>(),
        } }),
        Case::DeferResolver(deps) => json!({ "kind": "deferResolver", "meta": deps.iter().map(|d| json!({
            "typeReference": ex(&d.type_reference), "symbolName": d.symbol_name, "isDeferrable": d.is_deferrable,
            "importPath": d.import_path, "isDefaultImport": d.is_default_import,
        })).collect::<Vec<_>>() }),
        Case::DebugInfo(m) => json!({ "kind": "debugInfo", "meta": {
            "type": ex(&m.type_expr), "className": m.class_name, "filePath": m.file_path, "lineNumber": m.line_number, "forbidOrphanRendering": m.forbid_orphan_rendering,
        } }),
    }
}

// ---------------------------------------------------------------------------------------------
// Our side.

/// The template pipeline's results, taken from Angular's output for the same case.
struct GivenPipelineOutput<'a> {
    pieces: &'a Value,
}

impl GivenPipelineOutput<'_> {
    fn piece(&self, key: &str) -> Option<Expr> {
        self.pieces.get(key).and_then(Value::as_str).map(raw)
    }

    fn number(&self, key: &str) -> u32 {
        self.pieces.get(key).and_then(Value::as_str).and_then(|s| s.parse().ok()).unwrap_or(0)
    }
}

impl TemplateCompiler for GivenPipelineOutput<'_> {
    type Error = String;

    fn compile_host_bindings(&mut self, _job: &HostBindingsJob<'_>, _pool: &mut ConstantPool) -> Result<CompiledHostBindings, Self::Error> {
        Ok(CompiledHostBindings {
            host_bindings: self.piece("hostBindings"),
            host_attrs: self.piece("hostAttrs"),
            host_vars: self.number("hostVars"),
        })
    }

    fn compile_template(&mut self, job: &TemplateJob<'_>, pool: &mut ConstantPool) -> Result<CompiledTemplate, Self::Error> {
        // The template compiler declares the per-component loader first (ngc-pipeline does).
        if let R3ComponentDeferMetadata::PerComponent { dependencies_fn: Some(f) } = job.defer {
            pool.statements.push(ngc_output::const_stmt(format!("{}_DeferFn", job.component_name), f.clone()));
        }
        Ok(CompiledTemplate {
            template_fn: self.piece("template").unwrap_or_else(|| raw("null")),
            decls: self.number("decls"),
            vars: self.number("vars"),
            // The consts array is given whole; as one raw entry it prints the same.
            consts: self.piece("consts").map(|c| vec![raw(c_inner(&c))]).unwrap_or_default(),
            consts_initializers: Vec::new(),
            content_selectors: self.piece("ngContentSelectors"),
        })
    }
}

/// The text inside the brackets of a printed array.
fn c_inner(e: &Expr) -> String {
    let Expr::Raw(text) = e else { return String::new() };
    let t = text.trim();
    t.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(t).to_string()
}

fn ours(case: &Case, pieces: &Value) -> Result<String, String> {
    let mut pool = ConstantPool::new();
    let mut given = GivenPipelineOutput { pieces };
    let compiled = match case {
        Case::Factory(m) => compile_factory_function(m),
        Case::Injectable(m) => compile_injectable(m, false),
        Case::Service(m) => compile_service(m, false),
        Case::Injector(m) => compile_injector(m),
        Case::NgModule(m) => compile_ng_module(m),
        Case::Pipe(m) => compile_pipe_from_metadata(m),
        Case::Directive(m) => compile_directive_from_metadata(m, &mut pool, &mut given)?,
        Case::Component(m, _) => compile_component_from_metadata(m, &mut pool, &mut given)?,
        Case::ClassMetadata(m) => R3CompiledExpression::new(compile_class_metadata(m)),
        Case::ComponentClassMetadata(m, deps) => R3CompiledExpression::new(compile_component_class_metadata(m, deps)),
        Case::DebugInfo(m) => R3CompiledExpression::new(compile_class_debug_info(m)),
        Case::DeferResolver(deps) => R3CompiledExpression::new(compile_defer_resolver_function(deps)),
    };
    let mut imports = NumberedImports::default();
    let expression = print_expr(&compiled.expression, &mut imports);
    let statements: Vec<String> = compiled.statements.iter().map(|s| print_stmt(s, 0, &mut imports)).collect();
    let pool_statements: Vec<String> = pool.statements.iter().map(|s: &Stmt| print_stmt(s, 0, &mut imports)).collect();
    let mut parts = pool_statements;
    parts.push(format!("const __expression__ = {expression};"));
    parts.extend(statements);
    Ok(parts.join("\n"))
}

/// Makes the annotations that matter visible to the token comparison.
fn with_visible_annotations(text: &str) -> String {
    text.replace("/*@__PURE__*/", " __PURE__ ").replace("/* @__PURE__ */", " __PURE__ ").replace("/* @ts-ignore */", " __TS_IGNORE__ ")
}

#[test]
fn render3_compilers_equal_angular() {
    let root = repo();
    let node_modules = root.join("tests/oracles/ng22/node_modules");
    assert!(
        node_modules.join("@angular/compiler/fesm2022/compiler.mjs").is_file(),
        "the Angular 22 packages are not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    let cases = cases();
    let input = Value::Array(cases.iter().map(|(_, c)| case_json(c)).collect());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/render3-oracle.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .arg(&node_modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node must be installed: run `scripts/test`");
    child.stdin.take().expect("stdin").write_all(input.to_string().as_bytes()).expect("write cases");
    let output = child.wait_with_output().expect("oracle");
    assert!(output.status.success(), "the oracle failed");
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).expect("oracle JSON");
    assert_eq!(results.len(), cases.len());

    let accepted_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/accepted-differences.txt")).expect("accepted differences");
    let accepted: Vec<&str> =
        accepted_text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split(" -- ").next().unwrap_or(l).trim()).collect();

    let mut failures = Vec::new();
    let mut equal = 0;
    let mut accepted_count = 0;
    for ((name, case), result) in cases.iter().zip(&results) {
        let Some(ok) = result.get("ok") else {
            failures.push(format!("{name}: Angular failed: {}", result["error"]));
            continue;
        };
        let expected = ok["text"].as_str().unwrap_or_default();
        let actual = match ours(case, &ok["pieces"]) {
            Ok(text) => text,
            Err(e) => {
                failures.push(format!("{name}: ngc-rs failed: {e}"));
                continue;
            }
        };
        let (expected, actual) = (with_visible_annotations(expected), with_visible_annotations(&actual));
        match ngc_output::js_tokens::first_difference(&expected, &actual) {
            None => equal += 1,
            // An accepted difference is about where `@ts-ignore` goes; everything else must match.
            Some(_) if accepted.contains(&name.as_str()) => {
                match ngc_output::js_tokens::first_difference(&expected.replace("__TS_IGNORE__", ""), &actual.replace("__TS_IGNORE__", "")) {
                    None => accepted_count += 1,
                    Some(diff) => failures.push(format!("{name} (accepted difference, but more differs): {diff}")),
                }
            }
            Some(diff) => failures.push(format!("{name}: {diff}\n--- angular\n{expected}\n--- ngc-rs\n{actual}")),
        }
    }
    eprintln!("render3 oracle: {} cases, {equal} equal, {accepted_count} accepted differences, {} failing", cases.len(), failures.len());
    assert!(accepted_count <= accepted.len(), "accepted differences counted twice");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
