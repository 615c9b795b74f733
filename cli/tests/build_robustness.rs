//! Torture tests for `ngc-rs build`: hostile decorator values, huge and deeply nested inputs,
//! odd encodings, broken project layouts and unwritable outputs. Whatever the input, the process
//! must not crash (no signal, no panic, no stack overflow), must exit 0 or 1, must report an
//! error at its file:line:col, and must write nothing when it fails — an `out/` left by an
//! earlier successful build stays exactly as it was.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{ngc, ngc_env, tempdir, tree, write, Run};

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler",
    "experimentalDecorators": true, "outDir": "out", "rootDir": "src"
  }
}"#;

const CORE: &str = "import { Component } from '@angular/core';\n";

use common::oracle_modules;

/// A project with `tsconfig` and `files`, node_modules linked to the Angular 22 oracle's.
fn project_with(tsconfig: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", tsconfig);
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    std::os::unix::fs::symlink(oracle_modules(), dir.path().join("node_modules")).expect("link node_modules");
    dir
}

fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    project_with(TSCONFIG, files)
}

/// A project whose only source is `src/a.ts`.
fn one_file(source: &str) -> tempfile::TempDir {
    project(&[("src/a.ts", source.as_bytes())])
}

/// `ngc-rs build` in `dir`, which must end normally within `limit`.
#[track_caller]
fn build_within(dir: &Path, limit: Duration) -> Run {
    let start = Instant::now();
    let run = ngc(dir, &["build"]);
    let took = start.elapsed();
    run.expect_no_crash();
    assert!(!run.stderr.contains("overflow"), "stack overflow:\n{}", run.stderr);
    assert!(took < limit, "build took {took:?} (limit {limit:?})");
    run
}

#[track_caller]
fn build(dir: &Path) -> Run {
    build_within(dir, Duration::from_secs(30))
}

/// The build fails: exit 1, stderr names `file:line:col` (and holds every one of `parts`), and
/// nothing is written.
#[track_caller]
fn expect_failure(dir: &Path, at: &str, parts: &[&str]) -> Run {
    let run = build(dir);
    run.expect_code(1).expect_stderr(&[at]).expect_stderr(parts);
    assert!(!dir.join("out").exists(), "a failed build wrote out/: {:?}", names(&dir.join("out")));
    run
}

/// The build succeeds and writes `out/a.js`; returns its text.
#[track_caller]
fn expect_success(dir: &Path) -> String {
    build(dir).expect_code(0);
    String::from_utf8(std::fs::read(dir.join("out/a.js")).expect("out/a.js written")).expect("UTF-8 output")
}

fn names(dir: &Path) -> Vec<String> {
    tree(dir).into_iter().map(|(n, _)| n).collect()
}

fn component(fields: &str) -> String {
    format!("{CORE}@Component({{ selector: 'app-a', {fields} }})\nexport class A {{ x = 1; }}\n")
}

// ---- decorator values ----

#[test]
fn template_that_is_not_a_string() {
    let dir = one_file(&component("template: 42"));
    expect_failure(dir.path(), "src/a.ts:2:", &["NG1010", "template must be a string"]);
}

#[test]
fn template_url_to_a_directory_or_a_missing_file() {
    for url in ["./dir", "./missing.html"] {
        let dir = one_file(&component(&format!("templateUrl: '{url}'")));
        std::fs::create_dir(dir.path().join("src/dir")).expect("mkdir");
        expect_failure(dir.path(), "src/a.ts:2:", &["NG2008", &format!("Could not find template file '{url}'")]);
    }
}

#[test]
fn template_url_to_a_binary_or_non_utf8_file() {
    // As ngc does, bytes that are not UTF-8 are read as U+FFFD: the binary file's template
    // errors are reported in it, the Latin-1 one compiles.
    let binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let dir = project(&[("src/a.ts", component("templateUrl: './t.html'").as_bytes()), ("src/t.html", &binary)]);
    expect_failure(dir.path(), "src/t.html:", &["NG5002"]);
    let dir = project(&[("src/a.ts", component("templateUrl: './t.html'").as_bytes()), ("src/t.html", b"<p>caf\xe9</p>")]);
    let js = expect_success(dir.path());
    assert!(js.contains("ɵɵtext(1, \"caf\u{FFFD}\")"), "{js}");
}

#[test]
fn style_url_to_a_missing_file() {
    let dir = one_file(&component("template: '', styleUrls: ['./x.css']"));
    expect_failure(dir.path(), "src/a.ts:2:", &["NG2008", "Could not find stylesheet file './x.css'"]);
}

#[test]
fn selector_that_is_not_valid_css() {
    // ngc accepts it too: Angular's selector parser keeps what it understands (`app-a`).
    let dir = one_file(&component("selector: 'app-a[[[', template: ''").replace("selector: 'app-a', ", ""));
    let js = expect_success(dir.path());
    assert!(js.contains(r#"selectors: [["app-a"]]"#), "{js}");
}

#[test]
fn imports_holding_numbers_strings_and_null() {
    let dir = one_file(&component("template: '', imports: [1, 'x', null]"));
    let run = expect_failure(dir.path(), "src/a.ts:2:", &["NG1010", "'imports' must be an array"]);
    assert_eq!(run.stderr.matches("NG1010").count(), 3, "{}", run.stderr);
}

#[test]
fn host_directives_garbage() {
    for value in ["[1, null, {}]", "[{ directive: 'x' }]", "'x'", "[[[]]]"] {
        let dir = one_file(&component(&format!("template: '', hostDirectives: {value}")));
        expect_failure(dir.path(), "src/a.ts:2:", &["NG1010"]);
    }
}

#[test]
fn host_with_a_non_string_value() {
    let dir = one_file(&component("template: '', host: { '[title]': 1 }"));
    expect_failure(dir.path(), "src/a.ts:2:", &["NG1010", "host metadata must be a string -> string object"]);
}

#[test]
fn providers_nested_5000_arrays_deep() {
    let depth = 5000;
    let providers = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let dir = one_file(&component(&format!("template: '', providers: {providers}")));
    let run = build(dir.path());
    run.expect_code(0);
}

#[test]
fn inline_template_of_2_mb() {
    let paragraph = format!("<p>{}{{{{ x }}}}</p>", "lorem ipsum ".repeat(1000));
    let template = paragraph.repeat(170);
    assert!(template.len() > 2_000_000);
    let dir = one_file(&component(&format!("template: '{template}'")));
    let js = expect_success(dir.path());
    assert_eq!(js.matches("ɵɵtextInterpolate1(\"").count(), 170);
}

#[test]
fn template_with_10000_nested_elements() {
    let depth = 10_000;
    let template = format!("{}{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let dir = one_file(&component(&format!("template: '{template}'")));
    let js = expect_success(dir.path());
    // The creation calls are chained (`ɵɵdomElementStart(0, "div")(1, "div")…`), one slot each.
    assert!(js.contains(&format!("decls: {depth},")), "one slot per element");
}

#[test]
fn nested_if_blocks_300_deep() {
    // Each block's function repeats the context reads of its parents (as ngc's output does), so
    // the output grows quadratically: 300 levels give about 1.3 MB.
    let depth = 300;
    let template = format!("{}y{}", "@if (x) {".repeat(depth), "}".repeat(depth));
    let dir = one_file(&component(&format!("template: `{template}`")));
    let js = expect_success(dir.path());
    assert_eq!(js.matches("ɵɵconditionalCreate(").count(), depth, "one conditional per block");
}

#[test]
fn unterminated_template_literal() {
    let dir = one_file(&format!("{CORE}@Component({{ selector: 'app-a', template: `<p>open</p> }})\nexport class A {{}}\n"));
    expect_failure(dir.path(), "src/a.ts:2:", &["NGRS1001", "Unterminated template"]);
}

#[test]
fn decorator_on_an_enum_interface_or_function() {
    // ngc stops with TS1206 "Decorators are not valid here." at the `@`.
    for declaration in ["export enum E { A }", "export interface I { a: number }", "export function f() {}", "const v = 1;"] {
        let dir = one_file(&format!("{CORE}@Component({{ selector: 'app-a', template: '' }})\n{declaration}\n"));
        expect_failure(dir.path(), "src/a.ts:2:1", &["NGRS1001", "Decorators are not valid here."]);
    }
    // Decorators of classes, also before `export` and `export default`, and an `@` in comments.
    let dir = one_file(&format!(
        "{CORE}// @Component\n/* @x */ @Component({{ selector: 'app-a', template: '' }})\nexport class A {{}}\n@Component({{ selector: 'app-b', template: '' }}) export default class B {{}}\n"
    ));
    expect_success(dir.path());
}

#[test]
fn unicode_identifiers_and_astral_characters() {
    let dir = one_file(&format!(
        "{CORE}@Component({{ selector: 'app-a', template: '<p title=\"𝒳 ü\">{{{{ x }}}} 😀 \\u{{1F600}} ü</p>' }})\nexport class Ä {{ x = '𝒳'; ñ = 1; }}\n"
    ));
    let js = expect_success(dir.path());
    assert!(js.contains("export class Ä"), "{js}");
    assert!(js.contains(" 😀 😀 ü"), "{js}");
}

#[test]
fn non_ascii_identifier_in_a_template_expression() {
    // Angular's expression lexer takes ASCII identifiers only.
    let dir = one_file(&format!("{CORE}@Component({{ selector: 'app-a', template: '<p>{{{{ ñame }}}}</p>' }})\nexport class A {{ ñame = 1; }}\n"));
    expect_failure(dir.path(), "src/a.ts:2:", &["Unexpected character [ñ]"]);
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark() {
    let source = component("template: `<p>\n  {{ x }}</p>`").replace('\n', "\r\n");
    let dir = project(&[("src/a.ts", [b"\xEF\xBB\xBF".as_slice(), source.as_bytes()].concat().as_slice())]);
    let js = expect_success(dir.path());
    assert!(!js.starts_with('\u{FEFF}'), "the byte order mark is not copied");
    assert!(js.contains("ɵɵtextInterpolate1(\" \", ctx.x)"), "{js}");
    // An error in such a file is located by line and column as the editor shows them.
    let bad = component("template: `<p>\n  {{ x + }}</p>`").replace('\n', "\r\n");
    let dir = project(&[("src/a.ts", [b"\xEF\xBB\xBF".as_slice(), bad.as_bytes()].concat().as_slice())]);
    expect_failure(dir.path(), "src/a.ts:3:3", &["Unexpected end of expression"]);
}

#[test]
fn line_and_paragraph_separators_in_a_template() {
    let dir = one_file(&component("template: '<p>a\u{2028}b {{ x }}\u{2029}</p>'"));
    let js = expect_success(dir.path());
    assert!(js.contains("ɵɵtextInterpolate2") || js.contains("ɵɵtextInterpolate1"), "{js}");
}

// ---- project layout ----

const SIMPLE: &str = "import { Component } from '@angular/core';\n@Component({ selector: 'app-a', template: '<p>{{ x }}</p>' })\nexport class A { x = 1; }\n";

#[test]
fn out_dir_that_is_an_existing_file() {
    let dir = one_file(SIMPLE);
    write(dir.path(), "out", "not a directory");
    build(dir.path()).expect_code(1).expect_stderr(&["NGRS0009", "cannot write"]);
    assert_eq!(std::fs::read_to_string(dir.path().join("out")).expect("out"), "not a directory");
}

#[test]
fn out_dir_inside_src() {
    let dir = project_with(&TSCONFIG.replace(r#""outDir": "out""#, r#""outDir": "src/out""#), &[("src/a.ts", SIMPLE.as_bytes())]);
    build(dir.path()).expect_code(0);
    // The second build does not take its own output as input.
    let first = tree(&dir.path().join("src/out"));
    assert_eq!(first.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["a.js"]);
    build(dir.path()).expect_code(0);
    assert_eq!(tree(&dir.path().join("src/out")), first);
}

#[test]
fn root_dir_that_does_not_contain_the_sources() {
    let dir = project_with(&TSCONFIG.replace(r#""rootDir": "src""#, r#""rootDir": "lib""#), &[("src/a.ts", SIMPLE.as_bytes())]);
    expect_failure(dir.path(), "tsconfig.json:", &["NGRS0010", "not under rootDir"]);
}

#[test]
fn source_that_is_a_symlink_loop() {
    let dir = one_file(SIMPLE);
    std::os::unix::fs::symlink("loop2.ts", dir.path().join("src/loop1.ts")).expect("symlink");
    std::os::unix::fs::symlink("loop1.ts", dir.path().join("src/loop2.ts")).expect("symlink");
    std::os::unix::fs::symlink("..", dir.path().join("src/up")).expect("symlink");
    build(dir.path()).expect_code(0);
    assert_eq!(names(&dir.path().join("out")), ["a.js"]);
}

#[test]
fn same_file_reached_twice_via_symlink() {
    // As with ngc, each name is an input of its own (with its own file name in the debug info).
    let dir = one_file(SIMPLE);
    std::os::unix::fs::symlink("a.ts", dir.path().join("src/b.ts")).expect("symlink");
    build(dir.path()).expect_code(0);
    let out = tree(&dir.path().join("out"));
    assert_eq!(out.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["a.js", "b.js"]);
    let b = String::from_utf8_lossy(&out[1].1);
    assert!(b.contains(r#"filePath: "b.ts""#), "{b}");
    assert_eq!(String::from_utf8_lossy(&out[0].1), b.replace(r#"filePath: "b.ts""#, r#"filePath: "a.ts""#));
}

#[test]
fn five_hundred_components_are_built_the_same_on_one_thread_and_on_four() {
    let dir = project(&[]);
    for i in 0..500 {
        let next = (i + 1) % 500;
        write(
            dir.path(),
            &format!("src/c{i}.ts"),
            format!(
                "import {{ Component }} from '@angular/core';\nimport {{ C{next} }} from './c{next}';\n@Component({{ selector: 'app-c{i}', template: '<p>{{{{ n }}}} {i}</p>' }})\nexport class C{i} {{ n = {i}; next = C{next}; }}\n"
            ),
        );
    }
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let _ = std::fs::remove_dir_all(dir.path().join("out"));
        let run = ngc_env(dir.path(), &["build"], &[("RAYON_NUM_THREADS", threads)]);
        run.expect_no_crash().expect_code(0);
        outputs.push(tree(&dir.path().join("out")));
    }
    assert_eq!(outputs[0].len(), 500);
    assert!(outputs[0] == outputs[1], "the output depends on the number of threads");
}

#[test]
fn import_cycle_between_two_components() {
    let dir = project(&[
        ("src/a.ts", b"import { Component } from '@angular/core';\nimport { B } from './b';\n@Component({ selector: 'app-a', template: '<app-b />', imports: [B] })\nexport class A {}\n"),
        ("src/b.ts", b"import { Component } from '@angular/core';\nimport { A } from './a';\n@Component({ selector: 'app-b', template: '', imports: [A] })\nexport class B {}\n"),
    ]);
    build(dir.path()).expect_code(0);
    assert_eq!(names(&dir.path().join("out")), ["a.js", "b.js"]);
}

#[test]
fn import_of_a_module_that_does_not_exist() {
    let dir = one_file("import { Component } from '@angular/core';\nimport { X } from './nope';\n@Component({ selector: 'app-a', template: '', imports: [X] })\nexport class A {}\n");
    expect_failure(dir.path(), "src/a.ts:3:", &["NGRS3008", "cannot resolve module './nope'"]);
}

#[test]
fn export_star_from_itself_and_a_cycle_of_them() {
    let dir = project(&[
        ("src/a.ts", b"export * from './a';\nexport * from './b';\nexport const y = 1;\n"),
        ("src/b.ts", b"export * from './a';\nexport const z = 2;\n"),
        ("src/c.ts", b"import { Component } from '@angular/core';\nimport { z } from './a';\n@Component({ selector: 'app-c', template: '<p>{{ v }}</p>' })\nexport class C { v = z; }\n"),
    ]);
    build(dir.path()).expect_code(0);
    assert_eq!(names(&dir.path().join("out")), ["a.js", "b.js", "c.js"]);
}

// ---- earlier output ----

#[test]
fn a_failing_build_leaves_an_earlier_output_unchanged() {
    let dir = project(&[("src/a.ts", SIMPLE.as_bytes()), ("src/b.ts", b"export const b = 1;\n")]);
    build(dir.path()).expect_code(0);
    let before = tree(&dir.path().join("out"));
    let mtime = |p: &str| std::fs::metadata(dir.path().join(p)).and_then(|m| m.modified()).expect("mtime");
    let stamp = mtime("out/a.js");
    std::thread::sleep(Duration::from_millis(20));
    write(dir.path(), "src/a.ts", component("template: '<p>{{ x + }}</p>'"));
    build(dir.path()).expect_code(1).expect_stderr(&["src/a.ts:2:"]);
    assert_eq!(tree(&dir.path().join("out")), before);
    assert_eq!(mtime("out/a.js"), stamp, "out/a.js was rewritten");
}

#[test]
fn output_that_cannot_be_written_touches_no_other_file() {
    // `chmod 0o555` does not stop root, so a directory stands where a file must go.
    let dir = project(&[
        ("src/a.ts", SIMPLE.as_bytes()),
        ("src/b.ts", b"export const b = 1;\n"),
        ("src/c.ts", b"export const c = 1;\n"),
    ]);
    build(dir.path()).expect_code(0);
    std::fs::remove_file(dir.path().join("out/b.js")).expect("rm");
    std::fs::create_dir(dir.path().join("out/b.js")).expect("mkdir");
    let before = tree(&dir.path().join("out"));
    let mtime = |p: &str| std::fs::metadata(dir.path().join(p)).and_then(|m| m.modified()).expect("mtime");
    let stamps = (mtime("out/a.js"), mtime("out/c.js"));
    std::thread::sleep(Duration::from_millis(20));
    build(dir.path()).expect_code(1).expect_stderr(&["NGRS0009", "out/b.js", "Is a directory"]);
    assert_eq!(tree(&dir.path().join("out")), before);
    assert_eq!((mtime("out/a.js"), mtime("out/c.js")), stamps, "a file was rewritten before the failure");
    let leftovers: Vec<String> = names(&dir.path().join("out")).into_iter().filter(|n| n.contains(".ngc-rs-")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn read_only_output_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = one_file(SIMPLE);
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    std::fs::set_permissions(dir.path().join("out"), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Whether the permissions stop writes depends on who runs the test (root ignores them).
    let writable = std::fs::write(dir.path().join("out/probe"), "").is_ok();
    let _ = std::fs::remove_file(dir.path().join("out/probe"));
    let run = build(dir.path());
    if writable {
        run.expect_code(0);
        assert_eq!(names(&dir.path().join("out")), ["a.js"]);
    } else {
        run.expect_code(1).expect_stderr(&["NGRS0009", "cannot write"]);
        assert!(names(&dir.path().join("out")).is_empty());
    }
    std::fs::set_permissions(dir.path().join("out"), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
}
