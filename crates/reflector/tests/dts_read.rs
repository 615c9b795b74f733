//! Unit tests of `ngc_reflector::dts::read_dts` on hand-written `.d.ts` snippets: the module
//! shape, each Ivy declaration type in the forms Angular 12 to 22 emitted (string input maps
//! before v16, objects with `required` from v16 and `isSignal` from v17.1, missing trailing
//! type arguments), `never`/`null`, and malformed declarations, which must give a diagnostic
//! or `None` and never a panic.

use ngc_reflector::dts::{
    read_dts, DirectiveDeclaration, DtsClass, DtsExport, DtsImport, DtsModule, ImportBinding, InputDeclaration,
    IvyDeclaration, PipeDeclaration, TemplateGuard, TypeRef,
};

fn read(text: &str) -> DtsModule {
    read_dts("test.d.ts", text)
}

fn class<'a>(m: &'a DtsModule, name: &str) -> &'a DtsClass {
    m.class(name).unwrap_or_else(|| panic!("no class {name} in {m:#?}"))
}

fn directive(m: &DtsModule, name: &str) -> DirectiveDeclaration {
    match &class(m, name).declaration {
        Some(IvyDeclaration::Directive(d)) | Some(IvyDeclaration::Component(d)) => d.clone(),
        other => panic!("{name}: expected a directive declaration, got {other:?}"),
    }
}

fn codes(m: &DtsModule) -> Vec<&'static str> {
    m.diagnostics.iter().map(|d| d.code).collect()
}

fn input(class_property: &str, public_name: &str, required: bool, is_signal: bool) -> InputDeclaration {
    InputDeclaration { class_property: class_property.into(), public_name: public_name.into(), required, is_signal }
}

fn names(refs: &[TypeRef]) -> Vec<String> {
    refs.iter()
        .map(|r| match &r.namespace {
            Some(ns) => format!("{ns}.{}", r.name),
            None => r.name.clone(),
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn imports_of_every_form() {
    let m = read(
        r#"
import * as i0 from '@angular/core';
import { TemplateRef, ViewContainerRef as VCR } from '@angular/core';
import Def, { type X } from './def.js';
import 'rxjs';
import legacy = require('legacy');
"#,
    );
    let expected = vec![
        DtsImport { local: "i0".into(), binding: ImportBinding::Namespace { module: "@angular/core".into() } },
        DtsImport {
            local: "TemplateRef".into(),
            binding: ImportBinding::Named { module: "@angular/core".into(), name: "TemplateRef".into() },
        },
        DtsImport {
            local: "VCR".into(),
            binding: ImportBinding::Named { module: "@angular/core".into(), name: "ViewContainerRef".into() },
        },
        DtsImport { local: "Def".into(), binding: ImportBinding::Default { module: "./def.js".into() } },
        DtsImport { local: "X".into(), binding: ImportBinding::Named { module: "./def.js".into(), name: "X".into() } },
        DtsImport { local: "legacy".into(), binding: ImportBinding::Namespace { module: "legacy".into() } },
    ];
    assert_eq!(m.imports, expected);
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
}

#[test]
fn exports_of_every_form() {
    let m = read(
        r#"
export declare class A {}
declare class B {}
declare class Hidden {}
export declare const c: number, d: string;
export declare function f(): void;
export interface I {}
export type T = string;
export declare enum E { X }
export { B as BB, B };
export type { I as J };
export { x as y, z } from './chunk.js';
export * from './all.js';
export * as ns from './ns.js';
export default class Dflt {}
"#,
    );
    let local = |l: &str, e: &str| DtsExport::Local { local: l.into(), exported: e.into() };
    let expected = vec![
        local("A", "A"),
        local("c", "c"),
        local("d", "d"),
        local("f", "f"),
        local("I", "I"),
        local("T", "T"),
        local("E", "E"),
        local("B", "BB"),
        local("B", "B"),
        local("I", "J"),
        DtsExport::From { module: "./chunk.js".into(), names: Some(pairs(&[("x", "y"), ("z", "z")])) },
        DtsExport::From { module: "./all.js".into(), names: None },
        DtsExport::Namespace { module: "./ns.js".into(), exported: "ns".into() },
        local("Dflt", "default"),
    ];
    assert_eq!(m.exports, expected);
    let classes: Vec<&str> = m.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(classes, ["A", "B", "Hidden", "Dflt"]);
    assert!(m.classes.iter().all(|c| c.declaration.is_none()));
}

/// NgIf as Angular 22 writes it.
const NG_IF: &str = r#"
import * as i0 from '@angular/core';
import { TemplateRef, ViewContainerRef } from '@angular/core';
declare class NgIf<T = unknown> {
    private _viewContainer;
    constructor(_viewContainer: ViewContainerRef, templateRef: TemplateRef<NgIfContext<T>>);
    set ngIf(condition: T);
    static ngTemplateGuard_ngIf: 'binding';
    static ngTemplateContextGuard<T>(dir: NgIf<T>, ctx: any): ctx is NgIfContext<Exclude<T, false | 0 | '' | null | undefined>>;
    static ɵfac: i0.ɵɵFactoryDeclaration<NgIf<any>, never>;
    static ɵdir: i0.ɵɵDirectiveDeclaration<NgIf<any>, "[ngIf]", never, { "ngIf": { "alias": "ngIf"; "required": false; }; "ngIfThen": { "alias": "ngIfThen"; "required": false; }; "ngIfElse": { "alias": "ngIfElse"; "required": false; }; }, {}, never, never, true, never>;
}
export { NgIf };
"#;

#[test]
fn angular_22_directive() {
    let m = read(NG_IF);
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let c = class(&m, "NgIf");
    assert_eq!(c.type_params, 1);
    assert!(c.has_factory && !c.has_injectable && !c.has_injector);
    assert!(c.is_structural);
    assert!(c.has_template_context_guard);
    assert_eq!(c.template_guards, vec![TemplateGuard { input: "ngIf".into(), binding: true }]);
    assert_eq!(
        directive(&m, "NgIf"),
        DirectiveDeclaration {
            selector: Some("[ngIf]".into()),
            export_as: vec![],
            inputs: vec![
                input("ngIf", "ngIf", false, false),
                input("ngIfThen", "ngIfThen", false, false),
                input("ngIfElse", "ngIfElse", false, false),
            ],
            outputs: vec![],
            queries: vec![],
            ng_content_selectors: vec![],
            standalone: true,
            is_signal: false,
            host_directives: vec![],
        }
    );
}

#[test]
fn inputs_with_alias_required_and_signal_outputs_export_as_queries() {
    let m = read(
        r#"
import * as i0 from '@angular/core';
export declare class RouterOutlet {
    static ɵdir: i0.ɵɵDirectiveDeclaration<RouterOutlet, "router-outlet", ["outlet", "o2"], { "name": { "alias": "name"; "required": false; }; "data": { "alias": "routerOutletData"; "required": true; "isSignal": true; }; }, { "activateEvents": "activate"; "deactivateEvents": "deactivate"; }, ["links"], never, true, never, true>;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let d = directive(&m, "RouterOutlet");
    assert_eq!(d.selector.as_deref(), Some("router-outlet"));
    assert_eq!(d.export_as, ["outlet", "o2"]);
    assert_eq!(d.inputs, vec![input("name", "name", false, false), input("data", "routerOutletData", true, true)]);
    assert_eq!(d.outputs, pairs(&[("activateEvents", "activate"), ("deactivateEvents", "deactivate")]));
    assert_eq!(d.queries, ["links"]);
    assert!(d.standalone && d.is_signal);
}

#[test]
fn component_with_ng_content_and_host_directives() {
    let m = read(
        r#"
import * as i0 from '@angular/core';
import * as i1 from './tooltip';
import { Focus } from './focus';
export declare class Card {
    static ɵfac: i0.ɵɵFactoryDeclaration<Card, never>;
    static ɵcmp: i0.ɵɵComponentDeclaration<Card, "app-card, [card]", never, {}, { "closed": "closed"; }, ["header"], ["[card-title]", "*"], true, [{ directive: typeof i1.Tooltip; inputs: { "tooltip": "cardTooltip"; }; outputs: {}; }, { directive: typeof Focus; inputs: {}; outputs: { "focused": "cardFocused"; }; }], false>;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let decl = class(&m, "Card").declaration.clone();
    assert!(matches!(decl, Some(IvyDeclaration::Component(_))));
    let d = directive(&m, "Card");
    assert_eq!(d.selector.as_deref(), Some("app-card, [card]"));
    assert_eq!(d.ng_content_selectors, ["[card-title]", "*"]);
    assert_eq!(d.queries, ["header"]);
    assert_eq!(d.host_directives.len(), 2);
    assert_eq!(names(&[d.host_directives[0].directive.clone()]), ["i1.Tooltip"]);
    assert_eq!(d.host_directives[0].inputs, pairs(&[("tooltip", "cardTooltip")]));
    assert!(d.host_directives[0].outputs.is_empty());
    assert_eq!(names(&[d.host_directives[1].directive.clone()]), ["Focus"]);
    assert_eq!(d.host_directives[1].outputs, pairs(&[("focused", "cardFocused")]));
    assert!(d.standalone && !d.is_signal);
}

#[test]
fn pre_v16_string_input_maps_and_missing_trailing_arguments() {
    // Angular 12-15: inputs map class property to alias; no standalone / host directives /
    // signal arguments; Angular 12-13 components have 7 arguments, directives 6.
    let m = read(
        r#"
import * as i0 from "@angular/core";
export declare class OldDir {
    static ɵdir: i0.ɵɵDirectiveDeclaration<OldDir, "[old]", ["old"], { "value": "old"; "disabled": "oldDisabled"; }, { "changed": "oldChange"; }, never>;
}
export declare class OldCmp {
    static ɵcmp: i0.ɵɵComponentDeclaration<OldCmp, "old-cmp", never, { "a": "a"; }, {}, never, ["*"]>;
}
export declare class Minimal {
    static ɵdir: i0.ɵɵDirectiveDeclaration<Minimal, "[min]">;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let d = directive(&m, "OldDir");
    assert_eq!(d.inputs, vec![input("value", "old", false, false), input("disabled", "oldDisabled", false, false)]);
    assert_eq!(d.outputs, pairs(&[("changed", "oldChange")]));
    assert_eq!(d.export_as, ["old"]);
    assert!(!d.standalone && !d.is_signal && d.host_directives.is_empty());
    let c = directive(&m, "OldCmp");
    assert_eq!(c.ng_content_selectors, ["*"]);
    assert!(!c.standalone);
    assert_eq!(directive(&m, "Minimal"), DirectiveDeclaration { selector: Some("[min]".into()), ..Default::default() });
}

#[test]
fn never_and_null_mean_none() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
export declare abstract class Base {
    static ɵdir: i0.ɵɵDirectiveDeclaration<Base, never, never, never, never, never, never, false, never, never>;
}
export declare class NullSel {
    static ɵdir: i0.ɵɵDirectiveDeclaration<NullSel, null, null, {}, {}, never>;
}
export declare class Unnamed {
    static ɵpipe: i0.ɵɵPipeDeclaration<Unnamed, null, true>;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert!(class(&m, "Base").is_abstract);
    assert_eq!(directive(&m, "Base"), DirectiveDeclaration::default());
    assert_eq!(directive(&m, "NullSel"), DirectiveDeclaration::default());
    assert_eq!(
        class(&m, "Unnamed").declaration,
        Some(IvyDeclaration::Pipe(PipeDeclaration { name: None, standalone: true }))
    );
}

#[test]
fn pipes() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
export declare class AsyncPipe {
    static ɵfac: i0.ɵɵFactoryDeclaration<AsyncPipe, never>;
    static ɵpipe: i0.ɵɵPipeDeclaration<AsyncPipe, "async", true>;
}
export declare class OldPipe {
    static ɵpipe: i0.ɵɵPipeDeclaration<OldPipe, "old">;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let pipe = |name: &str| class(&m, name).declaration.clone();
    assert_eq!(
        pipe("AsyncPipe"),
        Some(IvyDeclaration::Pipe(PipeDeclaration { name: Some("async".into()), standalone: true }))
    );
    assert_eq!(
        pipe("OldPipe"),
        Some(IvyDeclaration::Pipe(PipeDeclaration { name: Some("old".into()), standalone: false }))
    );
}

#[test]
fn ng_modules_injectors_and_injectables() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
import * as i1 from "./dirs";
import { Local as Renamed } from "./local";
export declare class FeatureModule {
    static ɵfac: i0.ɵɵFactoryDeclaration<FeatureModule, never>;
    static ɵmod: i0.ɵɵNgModuleDeclaration<FeatureModule, [typeof i1.A, typeof Renamed], [typeof i1.SharedModule], [typeof i1.A, typeof Renamed, typeof i1.SharedModule]>;
    static ɵinj: i0.ɵɵInjectorDeclaration<FeatureModule>;
}
export declare class EmptyModule {
    static ɵmod: i0.ɵɵNgModuleDeclaration<EmptyModule, never, never, never>;
    static ɵinj: i0.ɵɵInjectorDeclaration<EmptyModule>;
}
export declare class OnlyInjector {
    static ɵinj: i0.ɵɵInjectorDeclaration<OnlyInjector>;
}
export declare class Service {
    static ɵfac: i0.ɵɵFactoryDeclaration<Service, [null, { optional: true; }]>;
    static ɵprov: i0.ɵɵInjectableDeclaration<Service>;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let Some(IvyDeclaration::NgModule(fm)) = class(&m, "FeatureModule").declaration.clone() else {
        panic!("FeatureModule is not an NgModule")
    };
    assert_eq!(names(&fm.declarations), ["i1.A", "Renamed"]);
    assert_eq!(names(&fm.imports), ["i1.SharedModule"]);
    assert_eq!(names(&fm.exports), ["i1.A", "Renamed", "i1.SharedModule"]);
    assert!(class(&m, "FeatureModule").has_injector);
    let Some(IvyDeclaration::NgModule(em)) = class(&m, "EmptyModule").declaration.clone() else {
        panic!("EmptyModule is not an NgModule")
    };
    assert!(em.declarations.is_empty() && em.imports.is_empty() && em.exports.is_empty());
    assert_eq!(class(&m, "OnlyInjector").declaration, Some(IvyDeclaration::Injector));
    let s = class(&m, "Service");
    assert!(s.declaration.is_none() && s.has_factory && s.has_injectable && !s.has_injector);
}

#[test]
fn class_shape_extends_guards_coercion_structural() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
import * as core from "@angular/core";
import { TemplateRef as TR } from "@angular/core";
import { TemplateRef } from "./not-angular";
import * as base from "./base";
export declare class ViaNamespace<A, B> extends base.Base<A> {
    constructor(t: core.TemplateRef<any>);
    static ngAcceptInputType_disabled: boolean | string;
    static ngTemplateGuard_when<T>(dir: ViaNamespace<T, T>, expr: T): expr is NonNullable<T>;
}
export declare class ViaAlias extends Plain {
    constructor(t: TR<any>);
}
export declare class NotAngularTemplateRef {
    constructor(t: TemplateRef);
}
declare class Plain {}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let v = class(&m, "ViaNamespace");
    assert_eq!(v.type_params, 2);
    assert_eq!(
        v.extends.as_ref().map(|e| (e.namespace.clone(), e.name.clone())),
        Some((Some("base".into()), "Base".into()))
    );
    assert!(v.is_structural);
    assert_eq!(v.coerced_inputs, ["disabled"]);
    assert_eq!(v.template_guards, vec![TemplateGuard { input: "when".into(), binding: false }]);
    assert!(!v.has_template_context_guard);
    let a = class(&m, "ViaAlias");
    assert!(a.is_structural);
    assert_eq!(a.extends.as_ref().map(|e| (e.namespace.clone(), e.name.clone())), Some((None, "Plain".into())));
    assert!(!class(&m, "NotAngularTemplateRef").is_structural);
    assert!(class(&m, "Plain").extends.is_none());
}

#[test]
fn literal_forms_parentheses_and_identifier_keys() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
export declare class Odd {
    static ɵdir: i0.ɵɵDirectiveDeclaration<Odd, ("[odd]"), [`tpl`], { plain: { alias: 'p'; required: (true); }; }, { out: "o"; }, never, never, (true)>;
}
"#,
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let d = directive(&m, "Odd");
    assert_eq!(d.selector.as_deref(), Some("[odd]"));
    assert_eq!(d.export_as, ["tpl"]);
    assert_eq!(d.inputs, vec![input("plain", "p", true, false)]);
    assert_eq!(d.outputs, pairs(&[("out", "o")]));
    assert!(d.standalone);
}

#[test]
fn malformed_declarations_give_none_and_a_warning() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
export declare class NoArgs { static ɵdir: i0.ɵɵDirectiveDeclaration; }
export declare class OneArg { static ɵcmp: i0.ɵɵComponentDeclaration<OneArg>; }
export declare class NotARef { static ɵdir: any; }
export declare class NoType { static ɵpipe; }
export declare class ModThree { static ɵmod: i0.ɵɵNgModuleDeclaration<ModThree, never, never>; }
export declare class PipeNumber { static ɵpipe: i0.ɵɵPipeDeclaration<PipeNumber, 42>; }
"#,
    );
    for name in ["NoArgs", "OneArg", "NotARef", "NoType", "ModThree", "PipeNumber"] {
        assert_eq!(class(&m, name).declaration, None, "{name}");
    }
    assert_eq!(codes(&m), ["NGRS3902"; 6]);
    assert!(m.diagnostics.iter().all(|d| !d.is_error() && d.primary.is_some() && d.help.is_some()));
    assert!(m.diagnostics[0].message.contains("NoArgs.ɵdir"), "{}", m.diagnostics[0].message);
}

#[test]
fn malformed_type_arguments_are_left_out_with_a_warning() {
    let m = read(
        r#"
import * as i0 from "@angular/core";
export declare class BadParts {
    static ɵdir: i0.ɵɵDirectiveDeclaration<BadParts, 42, ["ok", 1], string, { "o": 5; "p": "q"; }, never, never, "yes">;
}
export declare class BadModule {
    static ɵmod: i0.ɵɵNgModuleDeclaration<BadModule, [typeof A, string, B], never, typeof A>;
}
export declare class BadInput {
    static ɵdir: i0.ɵɵDirectiveDeclaration<BadInput, "[b]", never, { "x": 1; "y": "y"; }, {}, never>;
}
"#,
    );
    let d = directive(&m, "BadParts");
    assert_eq!(d.selector, None);
    assert_eq!(d.export_as, ["ok"]);
    assert!(d.inputs.is_empty());
    assert_eq!(d.outputs, pairs(&[("p", "q")]));
    assert!(!d.standalone);
    let Some(IvyDeclaration::NgModule(bm)) = class(&m, "BadModule").declaration.clone() else {
        panic!("BadModule is not an NgModule")
    };
    assert_eq!(names(&bm.declarations), ["A"]);
    assert!(bm.exports.is_empty());
    assert_eq!(directive(&m, "BadInput").inputs, vec![input("y", "y", false, false)]);
    // selector, exportAs element, input map, output entry, standalone flag; two module
    // elements and the exports list; one input.
    assert_eq!(codes(&m), ["NGRS3903"; 9], "{:#?}", m.diagnostics);
    assert!(m.diagnostics.iter().all(|d| !d.is_error()));
}

#[test]
fn syntax_errors_are_diagnostics_not_panics() {
    for text in [
        "export declare class {",
        "declare class A { static ɵdir: i0.ɵɵDirectiveDeclaration<A, \"[a]\"; }",
        "import { from 'x';",
        "export * from;",
        "\u{0}\u{1}garbage ((( <<< >>>",
    ] {
        let m = read(text);
        assert!(!m.diagnostics.is_empty(), "no diagnostic for {text:?}");
        assert!(m.diagnostics.iter().any(|d| d.code == "NGRS3901" && d.is_error()), "{text:?}: {:?}", m.diagnostics);
    }
    let empty = read("");
    assert_eq!(empty, DtsModule::default());
}

#[test]
fn every_prefix_of_a_declaration_file_reads_without_panic() {
    let mut checked = 0;
    for (i, _) in NG_IF.char_indices().step_by(3) {
        let _ = read(&NG_IF[..i]);
        checked += 1;
    }
    assert!(checked > 100);
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for (open, close) in [("(", ")"), ("Array<", ">"), ("{ a: ", " }"), ("[", "]")] {
        let deep = format!("export type T = {}string{};", open.repeat(50_000), close.repeat(50_000));
        let m = read(&deep);
        assert_eq!(codes(&m), ["NGRS3904"], "{open}");
    }
    let chain = format!("export type T<X> = {}never;", "X extends string ? 1 : ".repeat(50_000));
    assert_eq!(codes(&read(&chain)), ["NGRS3904"]);
}

#[test]
fn nesting_below_the_limit_parses_on_a_small_stack() {
    // read_dts parses on a stack of its own, large enough for swc's recursive parser up to the
    // nesting limit even in debug builds, whatever stack the caller runs on.
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            for (open, close) in [("(", ")"), ("Array<", ">"), ("{ a: ", " }"), ("[", "]")] {
                let text = format!("export type T = {}string{};", open.repeat(4_900), close.repeat(4_900));
                let m = read_dts("deep.d.ts", &text);
                assert!(m.diagnostics.is_empty(), "{open}: {:?}", m.diagnostics.first());
            }
            let chain = format!("export type T<X> = {}never;", "X extends string ? 1 : ".repeat(2_000));
            let m = read_dts("chain.d.ts", &chain);
            assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics.first());
        })
        .expect("spawn");
    assert!(handle.join().is_ok(), "parsing within the nesting limit overflowed or panicked");
}

#[test]
fn wide_files_are_not_mistaken_for_deep_ones() {
    let mut text = String::from("import * as i0 from '@angular/core';\nexport declare enum Flags {\n");
    for i in 0..2000 {
        text.push_str(&format!("    F{i} = 1 << {},\n", i % 30));
    }
    text.push_str("}\nexport declare class Opt {\n");
    for i in 0..2000 {
        text.push_str(&format!("    p{i}?: string\n"));
    }
    text.push_str("}\n");
    let m = read(&text);
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics.first());
}

#[test]
fn byte_order_mark_and_crlf() {
    let text = "\u{feff}import * as i0 from '@angular/core';\r\nexport declare class P {\r\n    static ɵpipe: i0.ɵɵPipeDeclaration<P, \"p\", true>;\r\n}\r\n";
    let m = read(text);
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let c = class(&m, "P");
    assert_eq!(c.declaration, Some(IvyDeclaration::Pipe(PipeDeclaration { name: Some("p".into()), standalone: true })));
    // Spans are byte offsets into the text as given.
    assert_eq!(&text[c.span.start as usize..c.span.start as usize + 14], "export declare");
}

/// Static methods with the NgModule of a `ModuleWithProviders<M>` return type, as ngc's
/// resolver reads it: the name imported from `@angular/core` (named or through a namespace),
/// exactly one type argument; any other return type gives `None`.
#[test]
fn module_with_providers_return_types_of_static_methods() {
    let m = read(
        "export declare class RouterModule {\n\
           static forRoot(routes: Routes): ModuleWithProviders<RouterModule>;\n\
           static forChild(routes: Routes): i0.ModuleWithProviders<i1.ChildModule>;\n\
           static other(): Other<RouterModule>;\n\
           static bare(): ModuleWithProviders;\n\
           forInstance(): ModuleWithProviders<RouterModule>;\n\
         }\n\
         import { ModuleWithProviders } from '@angular/core';\n\
         import * as i0 from '@angular/core';\n\
         import * as i1 from './child';\n",
    );
    let methods: Vec<(String, Option<(Option<String>, String)>)> = class(&m, "RouterModule")
        .static_methods
        .iter()
        .map(|(name, target)| (name.clone(), target.as_ref().map(|t| (t.namespace.clone(), t.name.clone()))))
        .collect();
    assert_eq!(
        methods,
        [
            ("forRoot".to_string(), Some((None, "RouterModule".to_string()))),
            ("forChild".to_string(), Some((Some("i1".to_string()), "ChildModule".to_string()))),
            ("other".to_string(), None),
            ("bare".to_string(), None),
        ]
    );
}
