//! `ngc-rs collect`: output shape, exit codes and diagnostics for bad input files.

mod common;

use common::{ngc, tempdir, write};

#[test]
fn empty_file_prints_null() {
    let dir = tempdir();
    write(dir.path(), "empty.ts", "");
    let run = ngc(dir.path(), &["collect", "empty.ts"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "null\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn several_files_print_an_object_keyed_by_the_paths_as_given() {
    let dir = tempdir();
    write(dir.path(), "a.ts", "");
    write(dir.path(), "sub/b.ts", "// only a comment\n");
    let run = ngc(dir.path(), &["collect", "a.ts", "./sub/b.ts"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "{\"a.ts\":null,\"./sub/b.ts\":null}\n");
}

#[test]
fn utf8_bom_and_utf16_files_are_read() {
    let dir = tempdir();
    write(dir.path(), "bom.ts", b"\xEF\xBB\xBF// comment\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("// c\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write(dir.path(), "utf16.ts", utf16);
    ngc(dir.path(), &["collect", "bom.ts", "utf16.ts"]).expect_code(0);
}

#[test]
fn missing_file_is_ngrs0007() {
    let dir = tempdir();
    ngc(dir.path(), &["collect", "nope.ts"])
        .expect_code(1)
        .expect_stderr(&["NGRS0007", "cannot read input file `nope.ts`", "help:"]);
}

#[test]
fn directory_named_like_a_source_is_ngrs0007() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("x.ts")).unwrap_or_else(|e| panic!("{e}"));
    ngc(dir.path(), &["collect", "x.ts"])
        .expect_code(1)
        .expect_stderr(&["NGRS0007", "`x.ts`", "directory"]);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_ngrs0007() {
    let dir = tempdir();
    std::os::unix::fs::symlink("missing-target.ts", dir.path().join("link.ts"))
        .unwrap_or_else(|e| panic!("{e}"));
    ngc(dir.path(), &["collect", "link.ts"])
        .expect_code(1)
        .expect_stderr(&["NGRS0007", "`link.ts`"]);
}

#[test]
fn invalid_utf8_is_ngrs0008_with_a_code_frame() {
    let dir = tempdir();
    write(
        dir.path(),
        "bad.ts",
        b"// fine\nexport const x = '\xFF\xFE';\n",
    );
    let run = ngc(dir.path(), &["collect", "bad.ts"]);
    run.expect_code(1).expect_stderr(&[
        "NGRS0008",
        "not valid UTF-8",
        "[bad.ts:2:19]",
        "invalid byte 0xFF",
        "help:",
    ]);
    assert_eq!(run.stdout, "null\n");
}

#[test]
fn binary_file_is_ngrs0008() {
    let dir = tempdir();
    write(dir.path(), "logo.ts", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    ngc(dir.path(), &["collect", "logo.ts"])
        .expect_code(1)
        .expect_stderr(&["NGRS0008", "binary file", "logo.ts:3:1"]);
}

#[test]
fn one_bad_file_fails_the_run_but_the_others_are_printed() {
    let dir = tempdir();
    write(dir.path(), "ok.ts", "");
    write(dir.path(), "bad.ts", b"\xFF");
    let run = ngc(dir.path(), &["collect", "ok.ts", "bad.ts"]);
    run.expect_code(1).expect_stderr(&["NGRS0008"]);
    assert_eq!(run.stdout, "{\"ok.ts\":null,\"bad.ts\":null}\n");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempdir();
    for args in [
        &["collect"][..],
        &["collect", "--nope", "a.ts"],
        &["frobnicate"],
        &[],
        &["build", "-p"],
    ] {
        let run = ngc(dir.path(), args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("error:") || run.stderr.contains("Usage"),
            "{args:?}: {}",
            run.stderr
        );
    }
    ngc(dir.path(), &["--help"]).expect_code(0);
    ngc(dir.path(), &["collect", "--help"]).expect_code(0);
}

#[test]
fn five_megabyte_file() {
    let dir = tempdir();
    let mut text = String::from("import {Component} from '@angular/core';\n");
    let mut n = 0;
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(&format!("export const c{n} = {n};\n"));
        n += 1;
    }
    write(dir.path(), "big.ts", &text);
    let run = ngc(dir.path(), &["collect", "big.ts"]);
    run.expect_code(0);
    let last = n - 1;
    assert!(
        run.stdout
            .starts_with("{\"__symbolic\":\"module\",\"version\":4,\"metadata\":{\"c0\":0,"),
        "{}",
        &run.stdout[..run.stdout.len().min(200)]
    );
    assert!(run.stdout.ends_with(&format!("\"c{last}\":{last}}}}}\n")));
}

/// `1 + 1 + … + 1`, 10,000 operators: a left-leaning tree 10,000 deep. Angular folds it.
#[test]
fn binary_expression_nested_10000_deep() {
    let dir = tempdir();
    write(
        dir.path(),
        "deep.ts",
        format!("export const x = 1{};\n", " + 1".repeat(10_000)),
    );
    let run = ngc(dir.path(), &["collect", "deep.ts"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "{\"__symbolic\":\"module\",\"version\":4,\"metadata\":{\"x\":10001}}\n"
    );
}

/// Parentheses and array literals 10,000 deep: whatever the collector makes of them, it must
/// not overflow the stack.
#[test]
fn parentheses_and_arrays_nested_10000_deep_do_not_crash() {
    let dir = tempdir();
    let n = 10_000;
    write(
        dir.path(),
        "parens.ts",
        format!("export const x = {}1{};\n", "(".repeat(n), ")".repeat(n)),
    );
    write(
        dir.path(),
        "arrays.ts",
        format!("export const x = {}1{};\n", "[".repeat(n), "]".repeat(n)),
    );
    write(
        dir.path(),
        "calls.ts",
        format!("export const x = {}1{};\n", "f(".repeat(n), ")".repeat(n)),
    );
    write(
        dir.path(),
        "decorator.ts",
        format!("import {{Component}} from '@angular/core';\n@Component({{a: {}1{}}})\nexport class X {{}}\n", "{b: ".repeat(n), "}".repeat(n)),
    );
    for file in ["parens.ts", "arrays.ts", "calls.ts", "decorator.ts"] {
        ngc(dir.path(), &["collect", file]).expect_no_crash();
        ngc(dir.path(), &["collect", "--strict-metadata-emit", file]).expect_no_crash();
    }
}

#[test]
fn decorator_without_arguments_is_a_call_without_arguments() {
    let dir = tempdir();
    write(
        dir.path(),
        "x.ts",
        "import {Component} from '@angular/core';\n@Component() export class X {}\n",
    );
    let run = ngc(dir.path(), &["collect", "x.ts"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"__symbolic":"module","version":4,"metadata":{"X":{"__symbolic":"class","decorators":[{"__symbolic":"call","#,
            r#""expression":{"__symbolic":"reference","module":"@angular/core","name":"Component","line":1,"character":1}}]}}}"#,
            "\n"
        )
    );
}

#[test]
fn computed_member_names_are_left_out() {
    let dir = tempdir();
    write(
        dir.path(),
        "x.ts",
        "import {Input} from '@angular/core';\nconst k = 'z';\nexport class X {\n  ['a' + 'b']() {}\n  [k]: string;\n  @Input() ['q']: number;\n}\n",
    );
    let run = ngc(dir.path(), &["collect", "x.ts"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "{\"__symbolic\":\"module\",\"version\":4,\"metadata\":{\"X\":{\"__symbolic\":\"class\"}}}\n");
}

const LAMBDA: &str =
    "import {Component} from '@angular/core';\n@Component({providers: [{provide: 'a', useFactory: () => 1}]})\nexport class X {}\n";

#[test]
fn lambda_is_an_error_node_without_strict() {
    let dir = tempdir();
    write(dir.path(), "l.ts", LAMBDA);
    let run = ngc(dir.path(), &["collect", "l.ts"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            r#"{"__symbolic":"error","message":"Lambda not supported","line":1,"character":51}"#
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn lambda_fails_with_strict_metadata_emit() {
    let dir = tempdir();
    write(dir.path(), "l.ts", LAMBDA);
    let run = ngc(dir.path(), &["collect", "--strict-metadata-emit", "l.ts"]);
    run.expect_code(1).expect_stderr(&["NGRS1", "[l.ts:2:"]);
}
