//! Unit tests of the emitter: import elision, enums, namespaces, parameter properties, class
//! fields, the caller's edits, class facts and diagnostics. Expected outputs are what tsc 6
//! emits for the same input (the differential test checks the general case against the real
//! tsc); comparisons ignore formatting and comments.

use ngc_diagnostics::Span;
use ngc_output::js_tokens::first_difference;
use ngc_ts_emit::{
    emit, parse, Edits, EmitOptions, EnumValue, ModuleKind, NoProgramFacts, ParsedFile, ProgramFacts, Target,
    TypeOrigin,
};

fn parsed(src: &str) -> ParsedFile {
    parse("input.ts", src).unwrap_or_else(|d| panic!("parse: {d:?}"))
}

fn js_with(src: &str, options: &EmitOptions, edits: &Edits, facts: &dyn ProgramFacts) -> String {
    let out = emit(&parsed(src), options, edits, facts);
    assert!(out.diagnostics.is_empty(), "diagnostics: {:?}", out.diagnostics);
    out.code
}

#[track_caller]
fn same(expected: &str, actual: &str) {
    if let Some(diff) = first_difference(expected, actual) {
        panic!("{diff}\n--- expected:\n{expected}\n--- actual:\n{actual}");
    }
}

#[track_caller]
fn check(src: &str, expected: &str) {
    same(expected, &js_with(src, &EmitOptions::default(), &Edits::default(), &NoProgramFacts));
}

#[track_caller]
fn check_with(src: &str, options: &EmitOptions, expected: &str) {
    same(expected, &js_with(src, options, &Edits::default(), &NoProgramFacts));
}

fn codes(src: &str, options: &EmitOptions) -> Vec<&'static str> {
    emit(&parsed(src), options, &Edits::default(), &NoProgramFacts).diagnostics.iter().map(|d| d.code).collect()
}

/// The spans of every decorator of every class (class, member and parameter decorators).
fn all_decorators(file: &ParsedFile) -> Vec<Span> {
    let mut out = Vec::new();
    for class in file.classes() {
        out.extend(class.decorators.iter().map(|d| d.span));
        out.extend(class.members.iter().flat_map(|m| m.decorators.iter().map(|d| d.span)));
        if let Some(params) = &class.constructor {
            out.extend(params.iter().flat_map(|p| p.decorators.iter().map(|d| d.span)));
        }
    }
    out
}

// ----- Import elision -----

#[test]
fn imports_used_as_values_stay_and_type_uses_go() {
    check(
        "import { A, B, C, D } from './m';\nlet a: A = new B();\nlet c: typeof C;\nfunction f(D: number) { return D; }",
        "import { B } from './m';\nlet a = new B();\nlet c;\nfunction f(D) { return D; }",
    );
}

#[test]
fn type_only_imports_go_and_side_effect_imports_stay() {
    check(
        "import type { A } from './a';\nimport { type B, C } from './b';\nimport './side';\nexport const x: A | B = C;",
        "import { C } from './b';\nimport './side';\nexport const x = C;",
    );
}

#[test]
fn a_module_whose_imports_all_go_gets_export_empty() {
    check("import { T } from './t';\nlet x: T;", "let x;\nexport {};");
}

#[test]
fn default_and_namespace_imports_are_elided_alike() {
    check(
        "import D, * as ns from './m';\nimport E from './e';\nlet d: D = E;\nlet n: ns.T;",
        "import E from './e';\nlet d = E;\nlet n;",
    );
}

#[test]
fn decorators_count_as_uses_even_when_removed() {
    let src = "import { Component, Input } from '@angular/core';\nimport { Dep } from './dep';\n@Component({ providers: [Dep] })\nexport class A { @Input() x = 1; }";
    let file = parsed(src);
    let edits = Edits { remove_decorators: all_decorators(&file), ..Edits::default() };
    let out = emit(&file, &EmitOptions::default(), &edits, &NoProgramFacts);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    same(
        "import { Component, Input } from '@angular/core';\nimport { Dep } from './dep';\nexport class A { x = 1; }",
        &out.code,
    );
}

#[test]
fn keep_imports_keeps_a_binding_generated_code_uses() {
    let src = "import { Service, Other } from './s';\nexport class A { constructor(s: Service, o: Other) {} }";
    let file = parsed(src);
    let service = file.imports().into_iter().find(|i| i.local == "Service").expect("import");
    let edits = Edits { keep_imports: vec![service.local_span], ..Edits::default() };
    same(
        "import { Service } from './s';\nexport class A { constructor(s, o) { } }",
        &js_with(src, &EmitOptions::default(), &edits, &NoProgramFacts),
    );
}

struct TypesAreNotValues;

impl ProgramFacts for TypesAreNotValues {
    fn is_value(&self, _module: &str, name: &str) -> Option<bool> {
        Some(!name.starts_with('I'))
    }
    fn const_enum_member(&self, _module: &str, name: &str, member: &str) -> Option<EnumValue> {
        (name == "Flags" && member == "On").then_some(EnumValue::Number(1.0))
    }
}

#[test]
fn re_exports_ask_program_facts() {
    let src = "import { IShape, Circle } from './shapes';\nexport { IShape, Circle };\nexport { IOther, Square } from './shapes';";
    same(
        "import { Circle } from './shapes';\nexport { Circle };\nexport { Square } from './shapes';",
        &js_with(src, &EmitOptions::default(), &Edits::default(), &TypesAreNotValues),
    );
    // Without facts, names are assumed to be values.
    same(
        "import { IShape, Circle } from './shapes';\nexport { IShape, Circle };\nexport { IOther, Square } from './shapes';",
        &js_with(src, &EmitOptions::default(), &Edits::default(), &NoProgramFacts),
    );
}

#[test]
fn imported_const_enum_members_are_inlined_through_program_facts() {
    same(
        "export const x = 1 /* Flags.On */;",
        &js_with(
            "import { Flags } from './flags';\nexport const x = Flags.On;",
            &EmitOptions::default(),
            &Edits::default(),
            &TypesAreNotValues,
        ),
    );
}

#[test]
fn local_type_exports_are_elided() {
    check(
        "interface I {}\ntype T = string;\nclass C {}\nexport { I, T, C };\nexport type { C as D };",
        "class C {\n}\nexport { C };",
    );
}

#[test]
fn verbatim_module_syntax_keeps_unused_imports() {
    let options = EmitOptions { verbatim_module_syntax: true, ..EmitOptions::default() };
    check_with(
        "import { a, type B } from './m';\nimport type { C } from './m';\nlet x: B | C;",
        &options,
        "import { a } from './m';\nlet x;",
    );
}

#[test]
fn trailing_commas_of_kept_import_lists_stay() {
    check("import {\n  A,\n  B,\n} from './m';\nnew A();", "import { A, } from './m';\nnew A();");
}

// ----- Enums -----

#[test]
fn enums_fold_constant_members() {
    check(
        "enum E { A, B = 5, C, D = 'd', F = B << 1, G = D + 'x', H = A | C }",
        r#""use strict";
var E;
(function (E) {
    E[E["A"] = 0] = "A";
    E[E["B"] = 5] = "B";
    E[E["C"] = 6] = "C";
    E["D"] = "d";
    E[E["F"] = 10] = "F";
    E["G"] = "dx";
    E[E["H"] = 6] = "H";
})(E || (E = {}));"#,
    );
}

#[test]
fn non_constant_members_refer_to_the_enum() {
    check(
        "declare function f(): number;\nexport enum E { A = f(), B = A * 2, C }",
        r#"export var E;
(function (E) {
    E[E["A"] = f()] = "A";
    E[E["B"] = E.A * 2] = "B";
    E[E["C"] = void 0] = "C";
})(E || (E = {}));"#,
    );
}

#[test]
fn const_enums_are_inlined_and_removed() {
    check(
        "const enum C { A = 1, B = A + 1, S = 's' }\nconsole.log(C.B, C['S']);",
        "\"use strict\";\nconsole.log(2 /* C.B */, \"s\" /* C['S'] */);",
    );
    let preserved = EmitOptions { preserve_const_enums: true, ..EmitOptions::default() };
    check_with(
        "const enum C { A = 1 }\nexport const x = C.A;",
        &preserved,
        "var C;\n(function (C) {\n    C[C[\"A\"] = 1] = \"A\";\n})(C || (C = {}));\nexport const x = 1 /* C.A */;",
    );
    let isolated = EmitOptions { isolated_modules: true, ..EmitOptions::default() };
    check_with(
        "const enum C { A = 1 }\nexport const x = C.A;",
        &isolated,
        "var C;\n(function (C) {\n    C[C[\"A\"] = 1] = \"A\";\n})(C || (C = {}));\nexport const x = C.A;",
    );
}

#[test]
fn merged_enums_declare_their_variable_once_and_local_enums_use_let() {
    check(
        "enum E { A }\nenum E { B = 2 }\nfunction f() { enum L { X } return L.X; }",
        r#""use strict";
var E;
(function (E) { E[E["A"] = 0] = "A"; })(E || (E = {}));
(function (E) { E[E["B"] = 2] = "B"; })(E || (E = {}));
function f() { let L; (function (L) { L[L["X"] = 0] = "X"; })(L || (L = {})); return L.X; }"#,
    );
}

// ----- Namespaces -----

#[test]
fn namespace_exported_variables_are_qualified() {
    check(
        "namespace N { export const a = 1; export function f() { return a; } let b = { a }; }",
        r#""use strict";
var N;
(function (N) {
    N.a = 1;
    function f() { return N.a; }
    N.f = f;
    let b = { a: N.a };
})(N || (N = {}));"#,
    );
}

#[test]
fn nested_and_dotted_namespaces() {
    check(
        "export namespace A.B { export const x = 1; }\nnamespace T { export interface I {} }",
        r#"export var A;
(function (A) {
    var B;
    (function (B) {
        B.x = 1;
    })(B = A.B || (A.B = {}));
})(A || (A = {}));"#,
    );
}

// ----- Classes -----

#[test]
fn parameter_properties_become_fields_and_assignments_after_super() {
    check(
        "class B {}\nexport class C extends B { y = 1; constructor(private readonly a: number, public b?: string) { super(); } }",
        r#"class B {
}
export class C extends B {
    a;
    b;
    y = 1;
    constructor(a, b) {
        super();
        this.a = a;
        this.b = b;
    }
}"#,
    );
}

#[test]
fn set_semantics_move_initializers_into_the_constructor() {
    let options = EmitOptions { use_define_for_class_fields: Some(false), ..EmitOptions::default() };
    check_with(
        "class B {}\nexport class C extends B { x = 1; declare y: number; static s = 2; #p = 3; z?: string; constructor(public a: number) { super(); } }\nexport class D extends B { w = 4; }",
        &options,
        r#"class B {
}
export class C extends B {
    static { this.s = 2; }
    #p;
    constructor(a) {
        super();
        this.a = a;
        this.x = 1;
        this.#p = 3;
    }
}
export class D extends B {
    constructor() {
        super(...arguments);
        this.w = 4;
    }
}"#,
    );
}

#[test]
fn type_only_members_and_modifiers_vanish() {
    check(
        "export abstract class A<T> implements I { abstract x: T; declare y: T; [k: string]: unknown; protected abstract m(): void; private n?(): void; public override readonly z: number = 1; o(a: string): void; o(a: any) {} }",
        "export class A { z = 1; o(a) { } }",
    );
}

// ----- Expressions -----

#[test]
fn assertions_lose_their_parentheses_where_tsc_drops_them() {
    check(
        "declare const x: any;\nexport const a = (x as any).b, b = (x + 1 as any) * 2, c = new (x() as any)(), d = () => <any>{};\n(<any>{}).toString();",
        "export const a = x.b, b = (x + 1) * 2, c = new (x())(), d = () => ({});\n({}.toString());",
    );
}

#[test]
fn statements_get_semicolons() {
    check("let a = 1\na++\nexport default a", "let a = 1;\na++;\nexport default a;");
}

#[test]
fn scripts_get_use_strict_unless_they_have_it() {
    check("let a = 1;", "\"use strict\";\nlet a = 1;");
    check("'use strict';\nlet a = 1;", "'use strict';\nlet a = 1;");
    let sloppy = EmitOptions { always_strict: false, ..EmitOptions::default() };
    check_with("let a = 1;", &sloppy, "let a = 1;");
}

// ----- Edits -----

#[test]
fn spliced_text_lands_after_imports_around_statements_and_in_classes() {
    let src = "const before = 1;\nimport { A } from './a';\nexport class C { x = new A(); }\nexport const after = 2;";
    let file = parsed(src);
    let class = file.classes().into_iter().next().expect("class");
    let edits = Edits {
        after_imports: vec!["import * as i0 from \"@angular/core\";".into()],
        before_statement: vec![(2, "const _c0 = [];".into())],
        after_statement: vec![(2, "(() => { i0.ɵsetClassMetadata(C); })();".into())],
        class_members: vec![(class.span, "static ɵfac = function C_Factory(t) { return new (t || C)(); };".into())],
        ..Edits::default()
    };
    same(
        r#"import { A } from './a';
import * as i0 from "@angular/core";
const before = 1;
const _c0 = [];
export class C {
    x = new A();
    static ɵfac = function C_Factory(t) { return new (t || C)(); };
}
(() => { i0.ɵsetClassMetadata(C); })();
export const after = 2;"#,
        &js_with(src, &EmitOptions::default(), &edits, &NoProgramFacts),
    );
}

#[test]
fn edits_naming_nothing_are_diagnosed() {
    let file = parsed("export class C {}");
    let edits =
        Edits { remove_decorators: vec![Span::new(0, 1)], after_statement: vec![(7, "x;".into())], ..Edits::default() };
    let out = emit(&file, &EmitOptions::default(), &edits, &NoProgramFacts);
    let codes: Vec<_> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["NGRS7006", "NGRS7006"]);
}

// ----- Class facts -----

#[test]
fn classes_report_heritage_decorators_and_constructor_types() {
    let file = parsed(
        "import { Component, Inject } from '@angular/core';\nimport * as forms from '@angular/forms';\nimport { Store } from './store';\nclass Local {}\n@Component({})\nexport class C extends Local {\n  @Inject('x') field: string;\n  constructor(private store: Store, ctrl: forms.NgControl, local: Local, @Inject('t') doc: Document, ...rest: any[]) { super(); }\n}",
    );
    let classes = file.classes();
    assert_eq!(classes.len(), 2);
    let c = &classes[1];
    assert_eq!(c.name.as_deref(), Some("C"));
    assert!(c.exported && !c.default_export);
    assert_eq!(c.extends.as_deref(), Some("Local"));
    assert_eq!(c.decorators[0].name.as_deref(), Some("Component"));
    assert!(c.decorators[0].is_call);
    assert_eq!(c.members[0].name, "field");
    let params = c.constructor.as_ref().expect("constructor");
    assert_eq!(params.len(), 5);
    assert!(params[0].is_property);
    let origin = |i: usize| params[i].type_reference.as_ref().map(|t| (t.name.clone(), t.origin.clone()));
    assert_eq!(origin(0), Some(("Store".into(), TypeOrigin::Import(3))));
    assert_eq!(origin(1), Some(("forms.NgControl".into(), TypeOrigin::Import(2))));
    assert_eq!(origin(2), Some(("Local".into(), TypeOrigin::Local)));
    assert_eq!(origin(3), Some(("Document".into(), TypeOrigin::Other)));
    assert_eq!(params[3].decorators[0].name.as_deref(), Some("Inject"));
    assert_eq!(params[4].type_annotation.as_deref(), Some("any[]"));
    assert_eq!(params[4].type_reference, None);
}

// ----- Diagnostics -----

#[test]
fn syntax_errors_are_diagnosed_with_their_place() {
    let errors = parse("bad.ts", "let x = ;\n").expect_err("syntax error");
    assert_eq!(errors[0].code, "NGRS7001");
    let label = errors[0].primary.as_ref().expect("label");
    assert_eq!(label.span.start, 8);
}

#[test]
fn deep_nesting_is_refused() {
    let src = format!("let x = {}1{};", "(".repeat(40_000), ")".repeat(40_000));
    let errors = parse("deep.ts", &src).expect_err("too deep");
    assert_eq!(errors[0].code, "NGRS7002");
}

#[test]
fn commonjs_syntax_is_an_error_in_modules() {
    assert_eq!(codes("import fs = require('fs');\nfs.x;", &EmitOptions::default()), ["NGRS7003"]);
    assert_eq!(codes("const x = 1;\nexport = x;", &EmitOptions::default()), ["NGRS7003"]);
}

#[test]
fn unsupported_options_are_diagnosed() {
    let es2020 = EmitOptions { target: Target::Es2020, ..EmitOptions::default() };
    assert_eq!(codes("let a = 1;", &es2020), ["NGRS7004"]);
    let commonjs = EmitOptions { module: ModuleKind::Other, ..EmitOptions::default() };
    assert_eq!(codes("let a = 1;", &commonjs), ["NGRS7004"]);
    let metadata = EmitOptions { emit_decorator_metadata: true, ..EmitOptions::default() };
    assert_eq!(codes("let a = 1;", &metadata), ["NGRS7004"]);
}

#[test]
fn unsupported_constructs_are_diagnosed() {
    let legacy = EmitOptions { experimental_decorators: true, ..EmitOptions::default() };
    assert_eq!(codes("declare const d: any;\nfunction f() { @d class A { static self = A; } }", &legacy), ["NGRS7005"]);
    assert_eq!(codes("declare const d: any;\nexport const x = @d class {};", &legacy), ["NGRS7005"]);
    assert_eq!(codes("declare const d: any;\n@d class A {}", &EmitOptions::default()), ["NGRS7005"]);
    assert_eq!(codes("class A { accessor x = 1; }", &EmitOptions::default()), ["NGRS7005"]);
    assert_eq!(codes("{ using r = null; }", &EmitOptions::default()), ["NGRS7005"]);
    let set = EmitOptions { use_define_for_class_fields: Some(false), ..EmitOptions::default() };
    assert_eq!(codes("declare const k: string;\nclass A { [k] = 1; }", &set), ["NGRS7005"]);
    assert_eq!(codes("namespace N { export const { a } = { a: 1 }; }", &EmitOptions::default()), ["NGRS7005"]);
    let tsx = parse("a.tsx", "export const x = <div />;").expect("tsx parses");
    let out = emit(&tsx, &EmitOptions::default(), &Edits::default(), &NoProgramFacts);
    assert_eq!(out.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["NGRS7005"]);
}
