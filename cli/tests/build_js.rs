//! `ngc-rs build` writing JavaScript: one `.js` per source under outDir (compared with ngc 22's
//! output for classes whose compilation needs no template), metadata files only on request,
//! warnings for outputs not produced yet, and errors in decorators and templates reported at
//! their place — in the `.ts` file for inline templates, in the `.html` file for `templateUrl` —
//! with nothing written.

mod common;

use std::path::Path;
use std::process::Command;

use common::{ngc, tempdir, tree, write};


use common::oracle_modules;

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler", "lib": ["ES2022", "dom"],
    "strict": true, "skipLibCheck": true, "experimentalDecorators": true, "rootDir": "src", "outDir": "out"
  },
  "angularCompilerOptions": { "compilationMode": "full" },
  "include": ["src/**/*.ts"]
}"#;

/// A project in a temporary directory with the oracle's node_modules linked in.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", TSCONFIG);
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(oracle_modules(), dir.path().join("node_modules")).expect("link node_modules");
    dir
}

fn names(dir: &Path) -> Vec<String> {
    tree(dir).into_iter().map(|(n, _)| n).collect()
}

const SERVICES: &str = r#"import { Directive, HostBinding, HostListener, Inject, Injectable, InjectionToken, Input, NgModule, Optional, Output, EventEmitter, Pipe, PipeTransform, Self, SkipSelf, ElementRef, forwardRef } from '@angular/core';
import { CommonModule, DOCUMENT } from '@angular/common';
import { Clock } from './clock';

export const API_URL = new InjectionToken<string>('api');

@Injectable({ providedIn: 'root' })
export class Logger {
  log(message: string): void {}
}

@Injectable({ providedIn: 'root', useFactory: () => new Store(new Logger(), null, document) })
export class Store {
  constructor(private logger: Logger, @Optional() @Inject(API_URL) private url: string | null, @Inject(DOCUMENT) doc: Document) {}
}

@Injectable({ providedIn: 'root', useExisting: forwardRef(() => Logger) })
export abstract class AbstractLogger {}

@Pipe({ name: 'shout', standalone: false, pure: false })
export class ShoutPipe implements PipeTransform {
  constructor(private clock: Clock) {}
  transform(value: string, suffix = '!'): string {
    return value.toUpperCase() + suffix;
  }
}

@Directive({ selector: '[appHighlight], .highlight', exportAs: 'highlight, hl', standalone: false })
export class HighlightDirective {
  @Input() color = 'yellow';
  @Input({ alias: 'appHighlight', required: true }) enabled = true;
  @Output() toggled = new EventEmitter<boolean>();
  constructor(private element: ElementRef<HTMLElement>, @Self() @Optional() parent: Logger, @SkipSelf() clock: Clock) {}
  ngOnChanges(): void {}
}

@Directive()
export abstract class Base {
  constructor(protected logger: Logger) {}
}

@Directive({ selector: '[appChild]' })
export class ChildDirective extends Base {}

@NgModule({
  declarations: [ShoutPipe, HighlightDirective],
  imports: [CommonModule],
  exports: [ShoutPipe, HighlightDirective, CommonModule],
  providers: [Store, { provide: API_URL, useValue: '/api' }],
})
export class SharedModule {}
"#;

const CLOCK: &str = "import { Injectable } from '@angular/core';\n\n@Injectable()\nexport class Clock {\n  now(): number {\n    return Date.now();\n  }\n}\n\nexport interface Tick {\n  at: number;\n}\n\nexport enum Unit {\n  Second = 1,\n  Minute = 60,\n}\n";

/// Classes without templates or host bindings compile to what ngc 22 emits, token for token.
#[test]
fn javascript_of_classes_equals_ngc() {
    let dir = project(&[
        ("src/services.ts", SERVICES),
        ("src/clock.ts", CLOCK),
        ("src/main.ts", "import { Unit } from './clock';\nconsole.log(Unit.Minute);\n"),
    ]);
    let ngc_js = oracle_modules().join("@angular/compiler-cli/bundles/src/bin/ngc.js");
    let run = Command::new("node")
        .arg(&ngc_js)
        .args(["-p", "tsconfig.json"])
        .current_dir(dir.path())
        .output()
        .expect("node must be installed");
    assert!(
        run.status.success(),
        "ngc failed:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let ours = ngc(dir.path(), &["build", "--outDir", "ours", "--listEmittedFiles"]);
    ours.expect_code(0);
    assert_eq!(names(&dir.path().join("ours")), ["clock.js", "main.js", "services.js"]);
    for name in ["clock.js", "main.js", "services.js"] {
        let expected = std::fs::read_to_string(dir.path().join("out").join(name)).expect("ngc output");
        let actual = std::fs::read_to_string(dir.path().join("ours").join(name)).expect("ngc-rs output");
        if let Some(difference) = ngc_output::js_tokens::first_difference(&expected, &actual) {
            panic!("{name} differs from ngc 22: {difference}\n--- ngc-rs:\n{actual}");
        }
        let listed = format!("TSFILE: {}\n", dir.path().join("ours").join(name).canonicalize().unwrap_or_default().display());
        let listed_plain = format!("TSFILE: {}\n", dir.path().join("ours").join(name).display());
        assert!(ours.stdout.contains(&listed) || ours.stdout.contains(&listed_plain), "{name} not listed:\n{}", ours.stdout);
    }
}

#[test]
fn metadata_files_are_written_with_declaration_true_or_on_request() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", r#"{"compilerOptions": {"outDir": "out", "declaration": true}}"#);
    write(dir.path(), "src/x.ts", "export const x = 1;\n");
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(0).expect_stderr(&["NGRS0011", "does not write `.d.ts` files yet", "tsconfig.json:1:"]);
    assert_eq!(names(&dir.path().join("out")), ["x.js", "x.metadata.json"]);

    let plain = tempdir();
    write(plain.path(), "tsconfig.json", r#"{"compilerOptions": {"outDir": "out"}}"#);
    write(plain.path(), "src/x.ts", "export const x = 1;\n");
    let run = ngc(plain.path(), &["build"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    assert_eq!(names(&plain.path().join("out")), ["x.js"]);
    ngc(plain.path(), &["build", "--emit-metadata", "--outDir", "meta"]).expect_code(0);
    assert_eq!(names(&plain.path().join("meta")), ["x.js", "x.metadata.json"]);
}

#[test]
fn source_maps_are_not_produced_and_a_warning_says_so() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", r#"{"compilerOptions": {"outDir": "out", "sourceMap": true, "declarationMap": true}}"#);
    write(dir.path(), "src/x.ts", "export const x: number = 1;\n");
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(0).expect_stderr(&[
        "NGRS0012",
        "`sourceMap: true`",
        "`declarationMap: true`",
        "does not write source maps yet",
    ]);
    assert_eq!(std::fs::read_to_string(dir.path().join("out/x.js")).ok().as_deref(), Some("export const x = 1;\n"));
}

#[test]
fn partial_compilation_mode_is_refused() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        r#"{"compilerOptions": {"outDir": "out"}, "angularCompilerOptions": {"compilationMode": "partial"}}"#,
    );
    write(dir.path(), "src/x.ts", "export const x = 1;\n");
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&["NGRS0013", "compilationMode: \"partial\""]);
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

const INLINE_ERROR: &str = "import { Component } from '@angular/core';\n\n@Component({\n  selector: 'app-root',\n  template: `\n    <p>ok</p>\n    <div>{{ user. }}</div>\n  `,\n})\nexport class AppComponent {\n  user = { name: 'a' };\n}\n";

/// A template error in an inline template is reported at its line and column in the `.ts`
/// file, with a code frame; nothing is written, not even the files without errors.
#[test]
fn inline_template_error_points_into_the_ts_file() {
    let dir = project(&[("src/app.component.ts", INLINE_ERROR), ("src/other.ts", "export const other = 1;\n")]);
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(1);
    // The same two errors, at the same place, as ngc reports them (its NG5002; binding
    // expression errors have their own codes in ngc-rs).
    let frame = "\
NGRS2100

  × Parser Error: Unexpected end of input, expected identifier or keyword at the end of the expression [ user. ] in ";
    assert!(run.stderr.starts_with(frame), "stderr:\n{}", run.stderr);
    let located = "\
   ╭─[src/app.component.ts:7:10]
 5 │   template: `
 6 │     <p>ok</p>
 7 │     <div>{{ user. }}</div>
   ·          ─────┬─────
   ·               ╰── in this template
 8 │   `,
 9 │ })
   ╰────
  help: fix the template syntax
";
    assert_eq!(run.stderr.matches(located).count(), 2, "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("Expected identifier for property access at the end of the expression [ user. ]"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

/// An error in a `templateUrl` file points into that file.
#[test]
fn external_template_error_points_into_the_html_file() {
    let component = "import { Component } from '@angular/core';\n\n@Component({ selector: 'app-list', templateUrl: './list.component.html' })\nexport class ListComponent {}\n";
    let html = "<ul>\n  <li>one</li>\n  <li>two</span>\n</ul>\n";
    let dir = project(&[("src/list.component.ts", component), ("src/list.component.html", html)]);
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(1).expect_stderr(&["NG5002", "[src/list.component.html:3:"]);
    assert!(run.stderr.contains(" 3 │   <li>two</span>"), "code frame:\n{}", run.stderr);
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

#[test]
fn missing_template_url_is_ng2008_at_the_url() {
    let component = "import { Component } from '@angular/core';\n\n@Component({\n  selector: 'app-list',\n  templateUrl: './missing.html',\n})\nexport class ListComponent {}\n";
    let dir = project(&[("src/list.component.ts", component)]);
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NG2008",
        "Could not find template file './missing.html'.",
        "[src/list.component.ts:5:16]",
    ]);
}

/// A decorator error stops the build with Angular's code and message, at the offending value.
#[test]
fn decorator_error_stops_the_build() {
    let pipe = "import { Pipe } from '@angular/core';\n\n@Pipe({\n  name: 42,\n})\nexport class BadPipe {\n  transform(v: unknown) {\n    return v;\n  }\n}\n";
    let dir = project(&[("src/bad.pipe.ts", pipe), ("src/good.ts", "export const good = 1;\n")]);
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(1);
    let frame = "\
NG1010

  × @Pipe.name must be a string
   ╭─[src/bad.pipe.ts:4:9]
 2 │ 
 3 │ @Pipe({
 4 │   name: 42,
   ·         ─┬
   ·          ╰── Value is of type 'number'.
 5 │ })
 6 │ export class BadPipe {
   ╰────
";
    assert!(run.stderr.contains(frame), "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr.matches("NG1010").count(), 1, "reported once:\n{}", run.stderr);
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

/// NG2003: a constructor parameter of a component-like class without an injection token.
#[test]
fn parameter_without_token_is_ng2003() {
    let directive = "import { Directive } from '@angular/core';\n\n@Directive({ selector: '[x]' })\nexport class X {\n  constructor(private name: string) {}\n}\n";
    let dir = project(&[("src/x.ts", directive)]);
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NG2003",
        "No suitable injection token for parameter 'name' of class 'X'.",
        "[src/x.ts:5:23]",
    ]);
}
