//! Classes declared below the top level of a module (in a function, an arrow function, a
//! method, a static block, a block or a namespace), against ngc 22.
//!
//! ngc compiles an Angular class wherever it is declared; ngc-rs compiles top-level classes
//! only and reports an Angular-decorated nested class as NGRS6002, writing nothing, instead of
//! leaving it to the TypeScript emitter's `__decorate` (which would need the JIT compiler at
//! run time). Everything else about nested classes is as in ngc: an undecorated one that uses
//! Angular features is NG2007 at the same place, and one with only other decorators is
//! emitted the same, token for token.

mod common;


use common::{ngc, oracle_modules, run_real_ngc as run_ngc, tempdir, write};

/// The tsconfig of the reproduction in the issue.
const TSCONFIG: &str = r#"{"compilerOptions":{"target":"ES2022","module":"ES2022","moduleResolution":"bundler","outDir":"out","rootDir":"src","experimentalDecorators":true,"strict":true},"files":["src/a.ts"]}"#;

/// A project with `src/a.ts` and the oracle's node_modules linked in.
fn project(source: &str) -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", TSCONFIG);
    write(dir.path(), "src/a.ts", source);
    #[cfg(unix)]
    std::os::unix::fs::symlink(oracle_modules(), dir.path().join("node_modules")).expect("link node_modules");
    dir
}

/// The `(code, "line:column")` of each error in `src/a.ts` that ngc printed.
fn ngc_errors(output: &str) -> Vec<(String, String)> {
    in_a_ts(common::ngc_errors(output))
}

/// The `(code, "line:column")` of each error in `src/a.ts` that ngc-rs printed.
fn our_errors(stderr: &str) -> Vec<(String, String)> {
    in_a_ts(common::our_errors(stderr))
}

fn in_a_ts(errors: Vec<common::PrintedError>) -> Vec<(String, String)> {
    errors.into_iter().filter_map(|e| Some((e.code, e.position.strip_prefix("src/a.ts:")?.to_string()))).collect()
}

const REPRODUCTION: &str = "import {Component, Directive, Injectable, Input} from '@angular/core';
export function make() {
  @Component({selector: 'a-d', template: '<p>{{ x }}</p>'})
  class D { @Input() x = 1; }
  return D;
}
";

/// The issue's reproduction: ngc compiles the component in the function's body; ngc-rs
/// refuses it at the decorator and writes nothing (in particular no `__decorate`).
#[test]
fn a_component_in_a_function_is_ngrs6002_where_ngc_compiles_it() {
    let dir = project(REPRODUCTION);
    let (ok, output) = run_ngc(dir.path());
    assert!(ok, "ngc failed:\n{output}");
    let js = std::fs::read_to_string(dir.path().join("out/a.js")).expect("ngc output");
    assert!(js.contains("static ɵcmp = ") && js.contains("ɵsetClassMetadata(D,"), "ngc output:\n{js}");

    let run = ngc(dir.path(), &["build", "--outDir", "ours"]);
    run.expect_code(1).expect_stderr(&[
        "NGRS6002",
        "the Angular class `D` is declared inside a function: ngc-rs compiles Angular classes only at the top level of a module",
        "[src/a.ts:3:3]",
        "this decorator is not compiled",
        "declared inside a function",
        "help: move the class to the top level of the module",
    ]);
    assert_eq!(our_errors(&run.stderr), [("NGRS6002".to_string(), "3:3".to_string())], "{}", run.stderr);
    assert!(!dir.path().join("ours").exists(), "nothing may be written");
}

const EVERY_NESTING: &str = "import {Component, Directive, Injectable, NgModule, Pipe} from '@angular/core';
import * as core from '@angular/core';
export function f() {
  @Component({selector: 'a-f', template: ''})
  class InFunction {}
  return InFunction;
}
export const g = () => {
  @Pipe({name: 'p'})
  class InArrow { transform(v: unknown) { return v; } }
  return InArrow;
};
export class Outer {
  m() {
    @core.Directive({selector: '[m]'})
    class InMethod {}
    return InMethod;
  }
  static {
    @Injectable()
    class InStaticBlock {}
  }
}
{
  @Injectable({providedIn: 'root'})
  class InBlock {}
}
export namespace N {
  @NgModule({})
  export class InNamespace {}
}
";

/// Every kind of nesting is reported, each at its decorator and with where the class is;
/// ngc compiles them all.
#[test]
fn every_nesting_is_reported() {
    let dir = project(EVERY_NESTING);
    let (ok, output) = run_ngc(dir.path());
    assert!(ok, "ngc failed:\n{output}");

    let run = ngc(dir.path(), &["build", "--outDir", "ours"]);
    run.expect_code(1).expect_stderr(&[
        "`InFunction` is declared inside a function",
        "`InArrow` is declared inside a function",
        "`InMethod` is declared inside a method",
        "`InStaticBlock` is declared inside a static block",
        "`InBlock` is declared inside a block",
        "`InNamespace` is declared inside a namespace",
    ]);
    let expected: Vec<(String, String)> = ["4:3", "9:3", "15:5", "20:5", "25:3", "29:3"]
        .iter()
        .map(|p| ("NGRS6002".to_string(), p.to_string()))
        .collect();
    assert_eq!(our_errors(&run.stderr), expected, "{}", run.stderr);
    assert!(!dir.path().join("ours").exists(), "nothing may be written");
}

const UNDECORATED: &str = "import {Directive, Input} from '@angular/core';
export function f() {
  class UsesInput { @Input() x = 1; }
  return UsesInput;
}
export class Outer {
  static {
    class InStaticBlock { ngOnInit() {} }
  }
  m() { class InMethod { ngDoCheck() {} } return InMethod; }
}
{
  class InBlock { ngOnDestroy() {} }
}
export namespace N {
  export class InNamespace { @Input() y = 2; }
}
export const e = class { ngOnInit() {} };
@Directive({selector: '[top]'})
export class Top {}
";

/// Undecorated nested classes that use Angular features are NG2007, at the places ngc reports
/// them (class expressions are not classes to ngc and are not reported).
#[test]
fn undecorated_nested_classes_using_angular_features_are_ng2007_as_in_ngc() {
    let dir = project(UNDECORATED);
    let (ok, output) = run_ngc(dir.path());
    assert!(!ok, "ngc must fail:\n{output}");
    let expected = ngc_errors(&output);
    assert_eq!(expected.len(), 5, "ngc's errors:\n{output}");

    let run = ngc(dir.path(), &["build", "--outDir", "ours"]);
    run.expect_code(1);
    assert_eq!(our_errors(&run.stderr), expected, "ngc:\n{output}\nngc-rs:\n{}", run.stderr);
    assert!(!dir.path().join("ours").exists(), "nothing may be written");
}

const NOT_ANGULAR: &str = "import {Component, Input} from '@angular/core';
function track(target: unknown) {}
export function f() {
  @track
  class Tracked { n = 1; }
  class Plain { m() { return 1; } }
  return [Tracked, Plain];
}
export namespace N {
  export class InNamespace { y = 2; }
}
declare namespace Ambient { class Q {} }
@Component({selector: 'a-top', template: '<p>{{ x }}</p>'})
export class Top {
  @Input() x = 1;
  m() {
    class Local { ok = true; }
    return new Local();
  }
}
";

/// Nested classes without Angular decorators are emitted as ngc emits them (a non-Angular
/// decorator through `__decorate`, as in ngc), next to a compiled top-level component.
#[test]
fn nested_classes_without_angular_decorators_compile_as_ngc() {
    let dir = project(NOT_ANGULAR);
    let (ok, output) = run_ngc(dir.path());
    assert!(ok, "ngc failed:\n{output}");
    let run = ngc(dir.path(), &["build", "--outDir", "ours"]);
    run.expect_code(0);
    let expected = std::fs::read_to_string(dir.path().join("out/a.js")).expect("ngc output");
    let actual = std::fs::read_to_string(dir.path().join("ours/a.js")).expect("ngc-rs output");
    assert!(expected.contains("__decorate(["), "ngc output:\n{expected}");
    if let Some(difference) = ngc_output::js_tokens::first_difference(&expected, &actual) {
        panic!("a.js differs from ngc 22: {difference}\n--- ngc:\n{expected}\n--- ngc-rs:\n{actual}");
    }
}

/// A named `export default class` is a top-level class: compiled as ngc compiles it.
#[test]
fn a_named_default_export_class_compiles_as_ngc() {
    let dir = project(
        "import {Component, Input} from '@angular/core';\n@Component({selector: 'a-x', template: '<b>{{ x }}</b>'})\nexport default class X { @Input() x = 1; }\n",
    );
    let (ok, output) = run_ngc(dir.path());
    assert!(ok, "ngc failed:\n{output}");
    ngc(dir.path(), &["build", "--outDir", "ours"]).expect_code(0);
    let expected = std::fs::read_to_string(dir.path().join("out/a.js")).expect("ngc output");
    let actual = std::fs::read_to_string(dir.path().join("ours/a.js")).expect("ngc-rs output");
    assert!(expected.contains("static ɵcmp = "), "ngc output:\n{expected}");
    if let Some(difference) = ngc_output::js_tokens::first_difference(&expected, &actual) {
        panic!("a.js differs from ngc 22: {difference}\n--- ngc:\n{expected}\n--- ngc-rs:\n{actual}");
    }
}

/// An anonymous `export default class` with an Angular decorator: ngc does not compile it
/// either (it leaves it to `__decorate`); ngc-rs refuses it (NGRS7005) and asks for a name.
#[test]
fn an_anonymous_default_export_class_is_refused() {
    let dir = project(
        "import {Component} from '@angular/core';\n@Component({selector: 'a-x', template: ''})\nexport default class {}\n",
    );
    let (ok, output) = run_ngc(dir.path());
    assert!(ok, "ngc failed:\n{output}");
    let expected = std::fs::read_to_string(dir.path().join("out/a.js")).expect("ngc output");
    assert!(expected.contains("__decorate([") && !expected.contains("ɵcmp"), "ngc output:\n{expected}");
    ngc(dir.path(), &["build", "--outDir", "ours"]).expect_code(1).expect_stderr(&[
        "NGRS7005",
        "a decorated anonymous class is not supported",
        "[src/a.ts:3:16]",
        "help: give the class a name",
    ]);
    assert!(!dir.path().join("ours").exists(), "nothing may be written");
}
