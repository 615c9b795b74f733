//! The Ivy metadata of the source facts: decorator metadata for the Ivy compiler where View
//! Engine's metadata has error nodes, for non-exported decorated classes and for the
//! module-local declarations they refer to. The View Engine metadata itself is unchanged (its
//! byte-identity with Angular 8's is what `fixtures.rs`, `differential.rs` and `generated.rs`
//! check, with this pass running).

use ngc_collector::{collect, CollectOptions, Collected, Json};

fn collect_lowered(text: &str) -> Collected {
    let options = CollectOptions { lower_expressions: true, ..CollectOptions::default() };
    collect("/p/app.ts", text, &options)
}

fn entry(collected: &Collected, name: &str) -> String {
    collected.facts.ivy.entry(name).map(Json::to_js_string).unwrap_or_else(|| panic!("no Ivy entry '{name}'"))
}

/// The first (decorator) argument of an entry's first decorator.
fn decorator_argument(collected: &Collected, name: &str) -> Json {
    let entry = collected.facts.ivy.entry(name).unwrap_or_else(|| panic!("no Ivy entry '{name}'"));
    match entry.get("decorators") {
        Some(Json::Array(decorators)) => match decorators[0].get("arguments") {
            Some(Json::Array(args)) => args[0].clone(),
            _ => panic!("no arguments"),
        },
        _ => panic!("no decorators"),
    }
}

fn view_engine_argument(collected: &Collected, name: &str) -> String {
    let metadata =
        collected.metadata.as_ref().and_then(|m| m.get("metadata")).and_then(|m| m.get(name)).expect("entry");
    match metadata.get("decorators") {
        Some(Json::Array(decorators)) => match decorators[0].get("arguments") {
            Some(Json::Array(args)) => args[0].to_js_string(),
            _ => panic!("no arguments"),
        },
        _ => panic!("no decorators"),
    }
}

const LOCAL_REFERENCES: &str = r#"
import { Component, Injectable } from '@angular/core';

@Injectable()
class LocalService {}

function localFactory() {
  return 1;
}

const LOCAL_PROVIDERS = [LocalService];

@Component({ selector: 'app-root', template: '', providers: [LocalService, ...LOCAL_PROVIDERS, { provide: 'f', useFactory: localFactory }] })
export class AppComponent {
  constructor(service: LocalService) {}
}
"#;

#[test]
fn references_to_local_declarations_keep_the_argument_readable() {
    let collected = collect_lowered(LOCAL_REFERENCES);
    // View Engine replaced the whole argument.
    assert_eq!(
        view_engine_argument(&collected, "AppComponent"),
        r#"{"__symbolic":"error","message":"Reference to non-exported class","line":3,"character":0,"context":{"className":"LocalService"}}"#
    );
    let argument = decorator_argument(&collected, "AppComponent");
    assert_eq!(argument.get("selector"), Some(&Json::String("app-root".into())));
    let Some(Json::Array(providers)) = argument.get("providers") else { panic!("providers: {argument:?}") };
    assert_eq!(
        providers[0].to_js_string(),
        r#"{"__symbolic":"reference","name":"LocalService","local":true,"error":{"__symbolic":"error","message":"Reference to non-exported class","line":3,"character":0,"context":{"className":"LocalService"}}}"#
    );
    // The local array holds an error for View Engine: a local reference, and an entry of its own.
    assert_eq!(
        providers[1].to_js_string(),
        r#"{"__symbolic":"spread","expression":{"__symbolic":"reference","name":"LOCAL_PROVIDERS","local":true,"error":{"__symbolic":"error","message":"Reference to a local symbol","line":10,"character":6,"context":{"name":"LOCAL_PROVIDERS"}}}}"#
    );
    assert!(entry(&collected, "LOCAL_PROVIDERS")
        .starts_with(r#"[{"__symbolic":"reference","name":"LocalService","local":true"#));
    // View Engine lowers no value it has an error node for: the reference stays in place.
    assert!(providers[2]
        .to_js_string()
        .starts_with(r#"{"provide":"f","useFactory":{"__symbolic":"reference","name":"localFactory","local":true"#));
    assert_eq!(entry(&collected, "localFactory"), r#"{"__symbolic":"function","parameters":[],"value":1}"#);
    // Constructor parameter types too.
    let ctor = collected.facts.ivy.entry("AppComponent").and_then(|e| e.get("members")).and_then(|m| m.get("__ctor__"));
    assert!(ctor.is_some_and(|c| c
        .to_js_string()
        .contains(r#""parameters":[{"__symbolic":"reference","name":"LocalService","local":true"#)));
    // The module-local declarations referenced are entries, marked as not exported.
    assert_eq!(collected.facts.ivy.local, ["LocalService", "localFactory", "LOCAL_PROVIDERS"]);
    assert_eq!(
        entry(&collected, "LocalService"),
        r#"{"__symbolic":"class","decorators":[{"__symbolic":"call","expression":{"__symbolic":"reference","module":"@angular/core","name":"Injectable","line":3,"character":1}}]}"#
    );
}

#[test]
fn an_error_node_stands_only_for_its_own_expression() {
    let collected = collect_lowered(
        "import { Component } from '@angular/core';\n\
         declare const config: { title: string };\n\
         @Component({ selector: 'app-root', template: typeof config.title, host: { '[a]': 'b' }, providers: [[, 'x']] })\n\
         export class AppComponent {}\n",
    );
    assert!(view_engine_argument(&collected, "AppComponent").starts_with(r#"{"__symbolic":"error""#));
    let argument = decorator_argument(&collected, "AppComponent");
    assert_eq!(argument.get("selector"), Some(&Json::String("app-root".into())));
    assert_eq!(
        argument.get("template").map(Json::to_js_string).as_deref(),
        Some(r#"{"__symbolic":"error","message":"Expression form not supported","line":2,"character":45}"#)
    );
    assert!(argument.get("host").is_some());
    // An array hole is an error of its own, and the elements after it stay.
    assert_eq!(
        argument.get("providers").map(Json::to_js_string).as_deref(),
        Some(r#"[[{"__symbolic":"error","message":"Expression form not supported","line":2,"character":101},"x"]]"#)
    );
    // The span tree locates the error node at its expression.
    let span = collected.facts.ivy.spans.lookup("/AppComponent/decorators/0/arguments/0/template").expect("span");
    let text = "import { Component } from '@angular/core';\ndeclare const config: { title: string };\n@Component({ selector: 'app-root', template: typeof config.title";
    assert_eq!(span.start as usize, text.len() - "typeof config.title".len());
}

#[test]
fn lambdas_stay_errors_exactly_where_lowering_cannot_rewrite_them() {
    let collected = collect_lowered(
        "import { Component, Inject } from '@angular/core';\n\
         class Local {}\n\
         @Component({ selector: 'a', template: '', providers: [{ provide: 'x', useValue: { fn: () => 1 } }, { provide: 'y', useFactory: () => 2 }], imports: [Local] })\n\
         export class A {}\n",
    );
    let argument = decorator_argument(&collected, "A");
    let Some(Json::Array(providers)) = argument.get("providers") else { panic!("providers") };
    // Inside a lowerable value: View Engine had an error node, which lowering did not rewrite.
    assert_eq!(
        providers[0].to_js_string(),
        r#"{"provide":"x","useValue":{"fn":{"__symbolic":"error","message":"Lambda not supported","line":2,"character":86}}}"#
    );
    // The value itself: lowered.
    let Some(Json::Object(fields)) = providers.get(1) else { panic!("provider") };
    let lowered = fields.iter().find(|(k, _)| k == "useFactory").map(|(_, v)| v.to_js_string()).expect("useFactory");
    assert!(lowered.starts_with(r#"{"__symbolic":"reference","name":"ɵ"#), "{lowered}");
}

#[test]
fn non_exported_decorated_classes_are_recorded_also_in_a_file_without_exports() {
    let text = "import { Component, input } from '@angular/core';\n\
                @Component({ selector: 'app-shell', template: '<p>{{ title() }}</p>' })\n\
                class ShellComponent {\n  title = input('x');\n}\n\
                class Plain {}\n";
    let collected = collect_lowered(text);
    assert!(collected.metadata.is_none(), "View Engine records nothing for a file without exports");
    assert_eq!(collected.facts.ivy.local, ["ShellComponent"]);
    assert_eq!(
        decorator_argument(&collected, "ShellComponent").to_js_string(),
        r#"{"selector":"app-shell","template":"<p>{{ title() }}</p>"}"#
    );
    // Its signal inputs are among the initializer calls, under its name.
    assert!(collected.facts.initializer_calls.iter().any(|c| c.class == "ShellComponent" && c.member == "title"));
}

#[test]
fn exported_values_that_view_engine_cannot_represent_have_entries() {
    let collected = collect_lowered(
        "import { NgModule } from '@angular/core';\n\
         class LocalService {}\n\
         export const PROVIDERS = [LocalService, { provide: 'x', useValue: 1 }];\n\
         export function providers() { return [LocalService]; }\n",
    );
    assert!(
        entry(&collected, "PROVIDERS").starts_with(r#"[{"__symbolic":"reference","name":"LocalService","local":true"#)
    );
    assert!(entry(&collected, "providers")
        .contains(r#""value":[{"__symbolic":"reference","name":"LocalService","local":true"#));
    assert_eq!(collected.facts.ivy.local, ["LocalService"]);
}

#[test]
fn object_spreads_of_local_objects_are_read() {
    let collected = collect_lowered(
        "import { Component } from '@angular/core';\n\
         class Local {}\n\
         const BASE = { template: '<p></p>', standalone: true };\n\
         @Component({ ...BASE, selector: 'a', providers: [Local] })\n\
         export class A {}\n",
    );
    assert_eq!(
        decorator_argument(&collected, "A").get("template"),
        Some(&Json::String("<p></p>".into())),
        "View Engine drops spreads in object literals; the Ivy metadata reads a local object's properties"
    );
}

#[test]
fn files_view_engine_represents_have_no_ivy_metadata() {
    let collected = collect_lowered(
        "import { Component, NgModule } from '@angular/core';\n\
         export const ROUTES = [{ path: '', loadChildren: () => import('./x') }];\n\
         @Component({ selector: 'a', template: '', providers: [{ provide: 'x', useFactory: () => 1 }] })\n\
         export class A {}\n\
         @NgModule({ declarations: [A] })\n\
         export class M {}\n",
    );
    assert!(collected.facts.ivy.is_empty(), "{:?}", collected.facts.ivy.entries);
    let declarations =
        collect("/p/app.d.ts", "export declare class X {}\ndeclare class Y {}\n", &CollectOptions::default());
    assert!(declarations.facts.ivy.is_empty());
}
