//! `ngc-rs build` reading tsconfig.json: comments and trailing commas, `extends` chains, and a
//! diagnostic with a code frame for every broken configuration.

mod common;

use common::{list_files, ngc, tempdir, write};

#[test]
fn comments_trailing_commas_and_unknown_options_are_accepted() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "// leading comment\n{\n  /* block */\n  \"compilerOptions\": {\"target\": \"es2015\", \"strict\": true,},\n  \"angularCompilerOptions\": {\"whatever\": [1, {}], \"strictMetadataEmit\": false,},\n  \"files\": [\"a.ts\",],\n}\n",
    );
    write(dir.path(), "a.ts", "");
    assert_eq!(list_files(dir.path(), &[]), ["a.ts"]);
}

#[test]
fn project_may_be_a_directory() {
    let dir = tempdir();
    write(dir.path(), "app/tsconfig.json", "{}");
    write(dir.path(), "app/a.ts", "");
    assert_eq!(list_files(dir.path(), &["-p", "app"]), ["app/a.ts"]);
    assert_eq!(list_files(&dir.path().join("app"), &[]), ["a.ts"]);
}

#[test]
fn missing_tsconfig_is_ngrs0001() {
    let dir = tempdir();
    ngc(dir.path(), &["build", "-p", "nope.json"])
        .expect_code(1)
        .expect_stderr(&["NGRS0001", "cannot read tsconfig `nope.json`", "help:"]);
    ngc(dir.path(), &["build", "-p", "."])
        .expect_code(1)
        .expect_stderr(&["NGRS0001", "tsconfig.json"]);
}

#[test]
fn syntax_error_is_ngrs0002_at_the_offending_character() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\n  \"compilerOptions\": {\n    \"outDir\": \"out\"\n    \"rootDir\": \".\"\n  }\n}\n",
    );
    ngc(dir.path(), &["build", "-p", "tsconfig.json"])
        .expect_code(1)
        .expect_stderr(&[
            "NGRS0002",
            "[tsconfig.json:4:5]",
            "expected `,` or `}`",
            "help: add a `,` between the entries",
            "\"outDir\": \"out\"",
        ]);
}

#[test]
fn other_syntax_errors_are_ngrs0002() {
    let dir = tempdir();
    for (text, at) in [
        ("{'files': []}", "[tsconfig.json:1:2]"),
        ("{\"files\": [\"a.ts\"\n", "[tsconfig.json:2:1]"),
        ("{} /* open", "[tsconfig.json:1:4]"),
        ("{\"a\": \"unterminated}", "[tsconfig.json:1:7]"),
        ("{files: []}", "[tsconfig.json:1:2]"),
    ] {
        write(dir.path(), "tsconfig.json", text);
        ngc(dir.path(), &["build"])
            .expect_code(1)
            .expect_stderr(&["NGRS0002", at]);
    }
}

#[test]
fn missing_extends_target_is_ngrs0003() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\n  \"extends\": \"./base\"\n}\n",
    );
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0003",
        "`./base`",
        "[tsconfig.json:2:14]",
        "help:",
    ]);
    write(
        dir.path(),
        "tsconfig.json",
        "{\"extends\": [\"./a.json\", \"@org/missing-config\"]}",
    );
    write(dir.path(), "a.json", "{}");
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0003",
        "`@org/missing-config`",
        "node_modules",
    ]);
}

#[test]
fn circular_extends_is_ngrs0004() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", "{\"extends\": \"./a.json\"}");
    write(dir.path(), "a.json", "{\"extends\": \"./b\"}");
    write(dir.path(), "b.json", "{\"extends\": \"./a.json\"}");
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0004",
        "circular",
        "[b.json:1:13]",
    ]);
}

#[test]
fn settings_of_the_wrong_type_are_ngrs0005() {
    let dir = tempdir();
    write(dir.path(), "a.ts", "");
    for (text, at) in [
        ("{\"files\": \"a.ts\"}", "[tsconfig.json:1:11]"),
        ("{\"include\": [1]}", "[tsconfig.json:1:14]"),
        (
            "{\"compilerOptions\": {\"outDir\": 1}}",
            "[tsconfig.json:1:32]",
        ),
        ("{\"compilerOptions\": []}", "[tsconfig.json:1:21]"),
        (
            "{\"angularCompilerOptions\": {\"strictMetadataEmit\": \"yes\"}}",
            "[tsconfig.json:1:51]",
        ),
        ("{\"extends\": 3}", "[tsconfig.json:1:13]"),
        ("[]", "[tsconfig.json:1:1]"),
        ("{\"include\": [\"src/**\"]}", "[tsconfig.json:1:14]"),
    ] {
        write(dir.path(), "tsconfig.json", text);
        ngc(dir.path(), &["build"])
            .expect_code(1)
            .expect_stderr(&["NGRS0005", at]);
    }
}

#[test]
fn no_inputs_is_ngrs0006() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\n  \"include\": [\"src/**/*.ts\"]\n}\n",
    );
    write(dir.path(), "src/readme.md", "not TypeScript");
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0006",
        "no input files were found",
        "src/**/*.ts",
        "[tsconfig.json:2:14]",
        "help:",
    ]);
    write(dir.path(), "tsconfig.json", "{}");
    ngc(dir.path(), &["build"])
        .expect_code(1)
        .expect_stderr(&["NGRS0006", "**/*", "node_modules"]);
    write(dir.path(), "tsconfig.json", "{\"files\": []}");
    ngc(dir.path(), &["build"])
        .expect_code(1)
        .expect_stderr(&["NGRS0006"]);
}

#[test]
fn unreadable_files_entry_is_ngrs0007_pointing_at_the_entry() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\n  \"files\": [\"ok.ts\", \"x.ts\", \"gone.ts\"]\n}\n",
    );
    write(dir.path(), "ok.ts", "export const a = 1;\n");
    std::fs::create_dir(dir.path().join("x.ts")).unwrap_or_else(|e| panic!("{e}"));
    let run = ngc(dir.path(), &["build", "--outDir", "out"]);
    run.expect_code(1).expect_stderr(&[
        "NGRS0007",
        "`x.ts`: it is a directory",
        "[tsconfig.json:2:22]",
        "`gone.ts`",
        "[tsconfig.json:2:30]",
        "help: fix the path in `files`",
    ]);
    assert!(
        !dir.path().join("out").exists(),
        "nothing may be written when a file fails"
    );
}

#[test]
fn missing_declaration_file_in_files_is_ngrs0007() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"files\": [\"a.ts\", \"typings.d.ts\"]}",
    );
    write(dir.path(), "a.ts", "");
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0007",
        "`typings.d.ts`",
        "[tsconfig.json:1:20]",
    ]);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_in_files_is_ngrs0007() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", "{\"files\": [\"link.ts\"]}");
    std::os::unix::fs::symlink("nowhere.ts", dir.path().join("link.ts"))
        .unwrap_or_else(|e| panic!("{e}"));
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0007",
        "`link.ts`",
        "[tsconfig.json:1:12]",
    ]);
}

#[test]
fn non_utf8_and_binary_inputs_are_ngrs0008_and_nothing_is_written() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"compilerOptions\": {\"outDir\": \"out\"}}",
    );
    write(dir.path(), "src/good.ts", "export const a = 1;\n");
    write(
        dir.path(),
        "src/latin1.ts",
        b"export const s = 'caf\xE9';\n",
    );
    write(dir.path(), "src/blob.ts", b"\0\x01\x02");
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(1).expect_stderr(&[
        "NGRS0008",
        "[src/latin1.ts:1:22]",
        "invalid byte 0xE9",
        "`src/blob.ts` is a binary file",
    ]);
    assert!(
        !dir.path().join("out").exists(),
        "nothing may be written when a file fails"
    );
}

#[test]
fn file_outside_root_dir_is_ngrs0010() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\n  \"compilerOptions\": {\"rootDir\": \"src\", \"outDir\": \"out\"}\n}\n",
    );
    write(dir.path(), "src/a.ts", "");
    write(dir.path(), "tools/b.ts", "");
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0010",
        "`tools/b.ts` is not under rootDir `src`",
        "[tsconfig.json:2:34]",
    ]);
    ngc(dir.path(), &["build", "--rootDir", "tools"])
        .expect_code(1)
        .expect_stderr(&["NGRS0010", "`src/a.ts`"]);
    ngc(dir.path(), &["build", "--rootDir", "."]).expect_code(0);
}

#[test]
fn extends_inherits_settings_relative_to_the_file_that_wrote_them() {
    let dir = tempdir();
    write(
        dir.path(),
        "configs/base.json",
        "{\"include\": [\"../src/**/*\"], \"exclude\": [\"../src/skip\"]}",
    );
    write(
        dir.path(),
        "tsconfig.json",
        "{\"extends\": \"./configs/base.json\"}",
    );
    write(dir.path(), "src/a.ts", "");
    write(dir.path(), "src/skip/b.ts", "");
    write(dir.path(), "c.ts", "");
    assert_eq!(list_files(dir.path(), &[]), ["src/a.ts"]);
    // The extending file's own `include` wins; `exclude` is still inherited.
    write(
        dir.path(),
        "tsconfig.json",
        "{\"extends\": \"./configs/base\", \"include\": [\"*.ts\", \"src/**/*\"]}",
    );
    assert_eq!(list_files(dir.path(), &[]), ["c.ts", "src/a.ts"]);
}

#[test]
fn extends_resolves_package_names_through_node_modules() {
    let dir = tempdir();
    write(
        dir.path(),
        "node_modules/@org/tsconfig/tsconfig.json",
        "{\"files\": [\"../../../lib/a.ts\"]}",
    );
    write(
        dir.path(),
        "node_modules/@org/tsconfig/strict.json",
        "{\"files\": [\"../../../lib/b.ts\"]}",
    );
    write(
        dir.path(),
        "node_modules/shared-config/package.json",
        "{\"name\": \"shared-config\", \"tsconfig\": \"conf/ts.json\"}",
    );
    write(
        dir.path(),
        "node_modules/shared-config/conf/ts.json",
        "{\"files\": [\"../../../lib/c.ts\"]}",
    );
    for f in ["lib/a.ts", "lib/b.ts", "lib/c.ts"] {
        write(dir.path(), f, "");
    }
    // Looked up from the config's directory upwards.
    write(
        dir.path(),
        "app/tsconfig.json",
        "{\"extends\": \"@org/tsconfig\"}",
    );
    assert_eq!(list_files(dir.path(), &["-p", "app"]), ["lib/a.ts"]);
    write(
        dir.path(),
        "app/tsconfig.json",
        "{\"extends\": \"@org/tsconfig/strict\"}",
    );
    assert_eq!(list_files(dir.path(), &["-p", "app"]), ["lib/b.ts"]);
    write(
        dir.path(),
        "app/tsconfig.json",
        "{\"extends\": \"shared-config\"}",
    );
    assert_eq!(list_files(dir.path(), &["-p", "app"]), ["lib/c.ts"]);
}

#[test]
fn extends_array_later_entries_win() {
    let dir = tempdir();
    write(
        dir.path(),
        "one.json",
        "{\"files\": [\"a.ts\"], \"include\": [\"x/*\"]}",
    );
    write(dir.path(), "two.json", "{\"files\": [\"b.ts\"]}");
    write(
        dir.path(),
        "tsconfig.json",
        "{\"extends\": [\"./one.json\", \"./two.json\"]}",
    );
    for f in ["a.ts", "b.ts", "x/c.ts"] {
        write(dir.path(), f, "");
    }
    assert_eq!(list_files(dir.path(), &[]), ["b.ts", "x/c.ts"]);
}
