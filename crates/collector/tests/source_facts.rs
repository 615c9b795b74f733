//! The source facts collected beside the metadata: imports, declared names, and the members
//! initialised with a call (Angular's signal APIs). Recording them leaves the metadata as it is.

use ngc_collector::{collect, CollectOptions, ExprSyntax, ImportedName, Json};

const SIGNALS: &str = r#"
import { Component, ElementRef, input, model as m } from '@angular/core';
import * as core from '@angular/core';
import { outputFromObservable } from '@angular/core/rxjs-interop';
import Default from './default';
import { Item, TRANSFORM } from './item';

@Component({ selector: 'app-x', template: '' })
export class XComponent {
  name = input<string>();
  count = (input.required<number>({ alias: 'n', transform: (v: string) => v.length }) as any);
  value = m(0);
  changed = core.output<string>();
  x = outputFromObservable(obs$, { alias: `xChange` });
  el = core.viewChild.required<ElementRef>('ref', { read: ElementRef });
  items = core.contentChildren(forwardRef(() => Item), { descendants: true, read: TRANSFORM });
  protected readonly p = input(1);
  private static s = input();
  #hidden = input();
  plain = 1;
  notACall = () => input();
}

class Hidden {}
"#;

fn collect_lowered(text: &str) -> ngc_collector::Collected {
    let options = CollectOptions { lower_expressions: true, ..CollectOptions::default() };
    collect("/p/x.component.ts", text, &options)
}

#[test]
fn imports_are_recorded_with_their_module() {
    let facts = collect_lowered(SIGNALS).facts;
    let imports: Vec<(String, String, ImportedName)> =
        facts.imports.iter().map(|i| (i.local.clone(), i.module.clone(), i.imported.clone())).collect();
    let named = |local: &str, module: &str, name: &str| (local.into(), module.into(), ImportedName::Named(name.into()));
    assert_eq!(
        imports,
        vec![
            named("Component", "@angular/core", "Component"),
            named("ElementRef", "@angular/core", "ElementRef"),
            named("input", "@angular/core", "input"),
            named("m", "@angular/core", "model"),
            ("core".into(), "@angular/core".into(), ImportedName::Namespace),
            named("outputFromObservable", "@angular/core/rxjs-interop", "outputFromObservable"),
            ("Default".into(), "./default".into(), ImportedName::Default),
            named("Item", "./item", "Item"),
            named("TRANSFORM", "./item", "TRANSFORM"),
        ]
    );
}

#[test]
fn declared_names_locate_the_name() {
    let facts = collect_lowered(SIGNALS).facts;
    let hidden = facts.declared_names.iter().find(|d| d.name == "Hidden").expect("Hidden");
    assert_eq!(&SIGNALS[hidden.span.start as usize..hidden.span.end as usize], "Hidden");
    assert!(facts.declared_names.iter().any(|d| d.name == "XComponent"));
}

#[test]
fn initializer_calls_record_callee_type_arguments_and_arguments() {
    let facts = collect_lowered(SIGNALS).facts;
    let calls = &facts.initializer_calls;
    let members: Vec<&str> = calls.iter().map(|c| c.member.as_str()).collect();
    assert_eq!(members, ["name", "count", "value", "changed", "x", "el", "items", "p", "s", "hidden"]);
    assert!(calls.iter().all(|c| c.class == "XComponent"));

    let by = |name: &str| calls.iter().find(|c| c.member == name).expect("member");
    assert_eq!(by("name").callee, ["input"]);
    assert_eq!(by("name").type_arguments, ["string"]);
    assert!(by("name").arguments.is_empty());

    let count = by("count");
    assert_eq!(count.callee, ["input", "required"]);
    assert_eq!(count.type_arguments, ["number"]);
    let ExprSyntax::Object(props) = &count.arguments[0].syntax else {
        panic!("options object: {:?}", count.arguments[0])
    };
    assert_eq!(props[0].key, "alias");
    assert_eq!(props[0].value.syntax, ExprSyntax::String("n".into()));
    assert_eq!(props[0].value.metadata, Json::String("n".into()));
    // The lambda is an error node of its own; the alias above is not hidden by it.
    assert_eq!(props[1].key, "transform");
    assert_eq!(props[1].value.metadata.get("__symbolic"), Some(&Json::String("error".into())));

    assert_eq!(by("value").callee, ["m"]);
    assert_eq!(by("changed").callee, ["core", "output"]);
    let x = by("x");
    let ExprSyntax::Object(props) = &x.arguments[1].syntax else { panic!("options") };
    assert_eq!(props[0].value.syntax, ExprSyntax::String("xChange".into()));

    let el = by("el");
    assert_eq!(el.callee, ["core", "viewChild", "required"]);
    assert_eq!(el.arguments[0].syntax, ExprSyntax::String("ref".into()));
    let ExprSyntax::Object(props) = &el.arguments[1].syntax else { panic!("options") };
    assert_eq!(props[0].value.syntax, ExprSyntax::EntityName(vec!["ElementRef".into()]));
    let reference = &props[0].value.metadata;
    assert_eq!(reference.get("module"), Some(&Json::String("@angular/core".into())));
    assert_eq!(reference.get("name"), Some(&Json::String("ElementRef".into())));

    let items = by("items");
    let ExprSyntax::Call { callee, arguments } = &items.arguments[0].syntax else { panic!("forwardRef call") };
    assert_eq!(callee, &["forwardRef"]);
    let ExprSyntax::Arrow(body) = &arguments[0].syntax else { panic!("arrow") };
    assert_eq!(body.syntax, ExprSyntax::EntityName(vec!["Item".into()]));
    assert_eq!(body.metadata.get("module"), Some(&Json::String("./item".into())));
    let ExprSyntax::Object(props) = &items.arguments[1].syntax else { panic!("options") };
    assert_eq!(props[0].value.syntax, ExprSyntax::Bool(true));

    let p = by("p");
    assert_eq!(p.accessibility, ngc_collector::Accessibility::Protected);
    assert!(p.is_readonly && !p.is_static);
    assert!(by("s").is_static);
    assert!(by("hidden").is_ecma_private);
    let span = by("hidden").member_span;
    assert_eq!(&SIGNALS[span.start as usize..span.end as usize], "#hidden");
}

#[test]
fn recording_initializers_leaves_the_metadata_unchanged() {
    // Without the instance members initialised with calls, the metadata is the same: they are
    // not recorded in it, and evaluating them for the facts does not lower anything. (Static
    // members are recorded under `statics`, so that line stays.)
    let with = collect_lowered(SIGNALS);
    // Removed lines become blank, so that the positions recorded in the metadata stay.
    let without_text: String = SIGNALS
        .lines()
        .map(|l| {
            let initialised_with_call = l.contains(" = ") && l.contains('(') && l.trim_end().ends_with(';');
            if !initialised_with_call || l.contains("notACall") || l.contains("static") {
                l
            } else {
                ""
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let without = collect_lowered(&without_text);
    let left: Vec<&str> = without.facts.initializer_calls.iter().map(|c| c.member.as_str()).collect();
    assert_eq!(left, ["s"], "{without_text}");
    assert!(with.metadata.is_some());
    assert_eq!(with.metadata.map(|m| m.to_js_string()), without.metadata.map(|m| m.to_js_string()));
}
