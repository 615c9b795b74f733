//! Every diagnostic of the Angular transform (ngc's decorator errors, with its codes and
//! messages, and ngc-rs's own), triggered by a small project and checked for its code, message
//! and position. Nothing is written when one is reported.

mod common;

use common::{ngc, tempdir, write};

/// Builds a project holding `a.ts` and `extra` files; asserts exit 1, that stderr holds every
/// one of `expected`, and that nothing was written.
#[track_caller]
fn expect_error(source: &str, extra: &[(&str, &str)], expected: &[&str]) {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", r#"{"compilerOptions": {"outDir": "out", "target": "ES2022"}, "include": ["src"]}"#);
    write(dir.path(), "src/a.ts", source);
    for (name, text) in extra {
        write(dir.path(), name, text);
    }
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(expected);
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

const CORE: &str =
    "import { Component, ContentChild, Directive, HostBinding, Injectable, Input, Pipe, ViewChild } from '@angular/core';\n";

#[test]
fn ng1001_decorator_argument_not_an_object_literal() {
    expect_error(
        &format!("{CORE}@Directive('x')\nexport class A {{}}\n"),
        &[],
        &["NG1001", "@Directive argument must be an object literal", "[src/a.ts:2:12]"],
    );
}

#[test]
fn ng1002_wrong_number_of_decorator_arguments() {
    expect_error(
        &format!("{CORE}@Directive({{}}, {{}})\nexport class A {{}}\n"),
        &[],
        &["NG1002", "Incorrect number of arguments to @Directive decorator", "[src/a.ts:2:1]"],
    );
}

#[test]
fn ng1003_decorator_not_called() {
    expect_error(
        &format!("{CORE}@Injectable\nexport class A {{}}\n"),
        &[],
        &["NG1003", "@Injectable must be called", "[src/a.ts:2:1]"],
    );
}

#[test]
fn ng1005_angular_decorator_on_a_constructor_parameter() {
    expect_error(
        &format!("{CORE}@Injectable()\nexport class A {{\n  constructor(@Input() x: A) {{}}\n}}\n"),
        &[],
        &["NG1005", "Unexpected decorator Input on parameter.", "[src/a.ts:4:15]"],
    );
}

#[test]
fn ng1006_two_query_decorators_on_one_member() {
    expect_error(
        &format!(
            "{CORE}@Directive({{ selector: '[a]' }})\nexport class A {{\n  @ViewChild('x') @ContentChild('y') q: unknown;\n}}\n"
        ),
        &[],
        &["NG1006", "Cannot combine multiple query decorators.", "[src/a.ts:4:3]"],
    );
}

#[test]
fn ng1012_duplicate_decorated_members() {
    expect_error(
        &format!(
            "{CORE}@Directive({{ selector: '[a]' }})\nexport class A {{\n  @HostBinding() get x() {{ return 1; }}\n  @HostBinding() set x(v: number) {{}}\n}}\n"
        ),
        &[],
        &["NG1012", "Duplicate decorated properties found on class 'A': x", "[src/a.ts:5:22]"],
    );
}

#[test]
fn ng1054_one_public_name_for_two_inputs() {
    expect_error(
        &format!("{CORE}@Directive({{ selector: '[a]' }})\nexport class A {{\n  @Input('v') x = 1;\n  @Input('v') y = 2;\n}}\n"),
        &[],
        &["NG1054", "Input 'v' is bound to both 'x' and 'y'.", "[src/a.ts:5:3]", "The first binding is declared here."],
    );
}

#[test]
fn ng2001_component_without_template() {
    expect_error(
        &format!("{CORE}@Component({{ selector: 'a-b' }})\nexport class A {{}}\n"),
        &[],
        &["NG2001", "@Component is missing a template. Add either a `template` or `templateUrl`", "[src/a.ts:2:1]"],
    );
}

#[test]
fn ng2002_pipe_without_name() {
    expect_error(
        &format!("{CORE}@Pipe({{}})\nexport class A {{}}\n"),
        &[],
        &["NG2002", "@Pipe decorator is missing name field", "[src/a.ts:2:7]"],
    );
}

#[test]
fn ng2004_directive_with_an_empty_selector() {
    expect_error(
        &format!("{CORE}@Directive({{ selector: '' }})\nexport class A {{}}\n"),
        &[],
        &["NG2004", "Directive A has no selector, please add it!", "[src/a.ts:2:24]"],
    );
}

#[test]
fn ng2007_undecorated_class_using_angular_features() {
    expect_error(
        &format!("{CORE}export class A {{\n  ngOnInit() {{}}\n}}\n"),
        &[],
        &["NG2007", "Class is using Angular features but is not decorated.", "[src/a.ts:2:14]"],
    );
}

#[test]
fn ng2008_missing_style_sheet() {
    expect_error(
        &format!("{CORE}@Component({{ selector: 'a-b', template: '', styleUrl: './a.css' }})\nexport class A {{}}\n"),
        &[],
        &["NG2008", "Could not find stylesheet file './a.css'.", "[src/a.ts:2:55]"],
    );
}

#[test]
fn ng2010_imports_on_a_component_that_is_not_standalone() {
    expect_error(
        &format!("{CORE}@Component({{ selector: 'a-b', template: '', standalone: false, imports: [] }})\nexport class A {{}}\n"),
        &[],
        &["NG2010", "'imports' is only valid on a component that is standalone.", "[src/a.ts:2:73]"],
    );
}

#[test]
fn ng2021_style_url_and_style_urls() {
    expect_error(
        &format!(
            "{CORE}@Component({{ selector: 'a-b', template: '', styleUrl: './a.css', styleUrls: [] }})\nexport class A {{}}\n"
        ),
        &[("src/a.css", "")],
        &["NG2021", "@Component cannot define both `styleUrl` and `styleUrls`.", "[src/a.ts:2:55]"],
    );
}

/// A host value that cannot be evaluated (a dynamic value) where a string is needed.
#[test]
fn ng5001_host_binding_that_is_not_a_string() {
    expect_error(
        &format!("{CORE}@Directive({{ selector: '[a]', host: {{ '(click)': String(1) }} }})\nexport class A {{}}\n"),
        &[],
        &["NG5001", "Event binding must be string", "[src/a.ts:2:37]"],
    );
}

/// A host value of the wrong type.
#[test]
fn ng1010_host_value_of_the_wrong_type() {
    expect_error(
        &format!("{CORE}@Directive({{ selector: '[a]', host: {{ '(click)': 42 }} }})\nexport class A {{}}\n"),
        &[],
        &["NG1010", "Decorator host metadata must be a string -> string object, but found unparseable value", "[src/a.ts:2:37]"],
    );
}

#[test]
fn ng9001_injectable_with_its_own_prov() {
    expect_error(
        &format!("{CORE}@Injectable()\nexport class A {{\n  static ɵprov = null;\n}}\n"),
        &[],
        &["NG9001", "Injectables cannot contain a static ɵprov property", "[src/a.ts:4:10]"],
    );
}

#[test]
fn ngrs6003_interpolation_is_not_an_angular_22_option() {
    // Any value, the default delimiters included: Angular 22's `Component` type has no
    // `interpolation`, and ngc stops there (TS2353).
    for value in ["['[[', ']]']", "['{{', '}}']"] {
        expect_error(
            &format!("{CORE}@Component({{ selector: 'a-b', template: '[[ x ]]', interpolation: {value} }})\nexport class A {{}}\n"),
            &[],
            &["NGRS6003", "`interpolation` is not an option of @Component in Angular 22", "[src/a.ts:2:52]", "write the template's interpolations with `{{ }}`"],
        );
    }
}

#[test]
fn ngrs6002_angular_class_inside_a_function_is_not_supported() {
    expect_error(
        &format!("{CORE}export function make() {{\n  @Directive({{ selector: '[a]' }})\n  class A {{}}\n  return A;\n}}\n"),
        &[],
        &[
            "NGRS6002",
            "the Angular class `A` is declared inside a function: ngc-rs compiles Angular classes only at the top level of a module",
            "[src/a.ts:3:3]",
            "help: move the class to the top level of the module",
        ],
    );
}
