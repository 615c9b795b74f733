//! `ngc-rs build`: which files are inputs (TypeScript's include/exclude semantics), where
//! output files go (outDir, rootDir), the metadata format (ngc 8's `JSON.stringify([metadata])`,
//! written with `--emit-metadata` or `declaration: true`), determinism across thread counts,
//! and all-or-nothing writing. The JavaScript output itself is tested in `build_js.rs`.

mod common;

use common::{list_files, metadata_app_dir, ngc, ngc_env, tempdir, tree, write};

#[test]
fn default_include_takes_ts_tsx_and_dts_but_skips_node_modules_dot_dirs_and_out_dir() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"compilerOptions\": {\"outDir\": \"dist\"}}",
    );
    for f in [
        "a.ts",
        "b.tsx",
        "types.d.ts",
        "src/c.ts",
        "src/deep/d.ts",
        "src/e.js",
        "src/notes.md",
        "node_modules/pkg/index.ts",
        "src/node_modules/x.ts",
        ".cache/f.ts",
        "src/.hidden.ts",
        "dist/old.ts",
        "bower_components/g.ts",
    ] {
        write(dir.path(), f, "");
    }
    assert_eq!(
        list_files(dir.path(), &[]),
        ["a.ts", "b.tsx", "types.d.ts", "src/c.ts", "src/deep/d.ts"]
    );
    // A command-line outDir is excluded too.
    assert_eq!(
        list_files(dir.path(), &["--outDir", "src/deep"]),
        ["a.ts", "b.tsx", "types.d.ts", "dist/old.ts", "src/c.ts"]
    );
}

#[test]
fn declaration_files_lose_to_sources_of_the_same_name() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", "{}");
    for f in [
        "a.ts", "a.d.ts", "b.tsx", "b.d.ts", "c.ts", "c.tsx", "d.d.ts",
    ] {
        write(dir.path(), f, "");
    }
    assert_eq!(
        list_files(dir.path(), &[]),
        ["a.ts", "b.tsx", "c.ts", "d.d.ts"]
    );
}

#[test]
fn files_come_first_then_include_in_pattern_order_minus_exclude() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"files\": [\"z/main.ts\"], \"include\": [\"lib\", \"src/**/*.ts\", \"z/*.ts\"], \"exclude\": [\"**/*.spec.ts\", \"src/gen\"]}",
    );
    for f in [
        "z/main.ts",
        "z/y.ts",
        "lib/l.ts",
        "lib/inner/k.tsx",
        "src/a.ts",
        "src/a.spec.ts",
        "src/gen/g.ts",
        "src/b/c.ts",
        "src/x.tsx",
    ] {
        write(dir.path(), f, "");
    }
    assert_eq!(
        list_files(dir.path(), &[]),
        [
            "z/main.ts",
            "lib/l.ts",
            "lib/inner/k.tsx",
            "src/a.ts",
            "src/b/c.ts",
            "z/y.ts"
        ]
    );
}

#[test]
fn explicit_files_are_not_subject_to_exclude_and_wildcards_follow_ts_rules() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", "{\"files\": [\"src/a.spec.ts\"], \"include\": [\"src/?.ts\", \"src/.*/*.ts\"], \"exclude\": [\"src/*.spec.ts\"]}");
    for f in ["src/a.spec.ts", "src/b.ts", "src/bb.ts", "src/.config/c.ts"] {
        write(dir.path(), f, "");
    }
    assert_eq!(
        list_files(dir.path(), &[]),
        ["src/a.spec.ts", "src/b.ts", "src/.config/c.ts"]
    );
}

#[test]
fn nothing_is_written_when_a_file_fails() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"compilerOptions\": {\"outDir\": \"out\"}}",
    );
    write(
        dir.path(),
        "a.ts",
        "import {Injectable} from '@angular/core';\n@Injectable() export class A {}\n",
    );
    write(dir.path(), "b.ts", "export const b = ;\n");
    let run = ngc(dir.path(), &["build"]);
    run.expect_code(1).expect_stderr(&["[b.ts:1:"]);
    assert!(!dir.path().join("out").exists());
}

/// Expected outputs of the Angular 8-era metadata app: every source with exports, none for `main.ts` (no
/// exports) and none for the excluded spec file.
const METADATA_APP_OUTPUTS: [&str; 10] = [
    "app/app.component.metadata.json",
    "app/app.module.metadata.json",
    "app/app.routes.metadata.json",
    "app/hero-detail.component.metadata.json",
    "app/hero.metadata.json",
    "app/hero.service.metadata.json",
    "app/heroes.component.metadata.json",
    "app/highlight.directive.metadata.json",
    "app/priority.pipe.metadata.json",
    "app/tokens.metadata.json",
];

#[test]
fn metadata_app_writes_one_metadata_file_per_source_with_exports() {
    let out = tempdir();
    let out_arg = out.path().display().to_string();
    let run = ngc(
        &metadata_app_dir(),
        &[
            "build",
            "-p",
            "tsconfig.json",
            "--outDir",
            &out_arg,
            "--listEmittedFiles",
            "--metadata-only",
        ],
    );
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    // The app targets ES2015 for Angular 8: only its metadata is written.
    let files = tree(out.path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    // rootDir defaults to the common directory of the inputs, src/.
    assert_eq!(names, METADATA_APP_OUTPUTS);
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.starts_with("[{\"__symbolic\":\"module\",\"version\":4,\"metadata\":{"),
            "{name}: {text}"
        );
        assert!(
            text.ends_with("}]"),
            "{name}: compact JSON in an array, no newline: {text}"
        );
        assert!(
            run.stdout
                .contains(&format!("TSFILE: {}/{name}\n", out.path().display())),
            "{}",
            run.stdout
        );
    }
    let get = |n: &str| {
        files
            .iter()
            .find(|(name, _)| name == n)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
    };
    assert_eq!(
        get("app/hero.metadata.json").as_deref(),
        Some(
            r#"[{"__symbolic":"module","version":4,"metadata":{"Hero":{"__symbolic":"interface"}}}]"#
        )
    );
    assert_eq!(
        get("app/app.routes.metadata.json").as_deref(),
        Some(concat!(
            r#"[{"__symbolic":"module","version":4,"metadata":{"routes":[{"path":"","redirectTo":"/heroes","pathMatch":"full"},"#,
            r#"{"path":"heroes","component":{"__symbolic":"reference","module":"./heroes.component","name":"HeroesComponent","line":6,"character":31}},"#,
            r#"{"path":"**","redirectTo":""}]}}]"#
        ))
    );
}

#[test]
fn root_dir_and_out_dir_shape_the_output_tree() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"compilerOptions\": {\"outDir\": \"out\", \"rootDir\": \".\"}}",
    );
    write(dir.path(), "src/a/x.ts", "export const x = 1;\n");
    write(dir.path(), "src/b/y.tsx", "export const y = 2;\n");
    write(
        dir.path(),
        "src/b/types.d.ts",
        "export declare const z: number;\n",
    );
    ngc(dir.path(), &["build", "--emit-metadata"]).expect_code(0);
    let names: Vec<String> = tree(&dir.path().join("out"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["src/a/x.js", "src/a/x.metadata.json", "src/b/y.js", "src/b/y.metadata.json"]);
    // Without rootDir: the common directory of the sources, src/.
    ngc(
        dir.path(),
        &[
            "build",
            "-p",
            "tsconfig.json",
            "--rootDir",
            "src",
            "--outDir",
            "out2",
            "--emit-metadata",
        ],
    )
    .expect_code(0);
    let names: Vec<String> = tree(&dir.path().join("out2"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["a/x.js", "a/x.metadata.json", "b/y.js", "b/y.metadata.json"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out2/a/x.metadata.json"))
            .ok()
            .as_deref(),
        Some(r#"[{"__symbolic":"module","version":4,"metadata":{"x":1}}]"#)
    );
}

#[test]
fn without_out_dir_outputs_are_written_beside_the_sources() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", "{}");
    write(dir.path(), "src/x.ts", "export const x = 1;\n");
    ngc(dir.path(), &["build", "--emit-metadata"]).expect_code(0);
    assert!(dir.path().join("src/x.metadata.json").is_file());
    assert_eq!(std::fs::read_to_string(dir.path().join("src/x.js")).ok().as_deref(), Some("export const x = 1;\n"));
}

#[test]
fn unwritable_out_dir_is_ngrs0009() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"compilerOptions\": {\"outDir\": \"out\"}}",
    );
    write(dir.path(), "src/x.ts", "export const x = 1;\n");
    write(
        dir.path(),
        "out",
        "a file where the output directory should be",
    );
    ngc(dir.path(), &["build"]).expect_code(1).expect_stderr(&[
        "NGRS0009",
        "cannot write",
        "help:",
    ]);
}

/// A reference to a non-exported class is an error node; ngc 8's expression lowering (which
/// rewrites lambdas in `useFactory` and the like) does not touch it, so strict mode refuses it.
#[test]
fn strict_metadata_emit_from_tsconfig_or_flag_refuses_error_nodes() {
    let dir = tempdir();
    write(
        dir.path(),
        "base.json",
        "{\"angularCompilerOptions\": {\"strictMetadataEmit\": true}}",
    );
    write(
        dir.path(),
        "strict.json",
        "{\"extends\": \"./base.json\", \"include\": [\"src\"], \"compilerOptions\": {\"outDir\": \"out\"}}",
    );
    write(
        dir.path(),
        "loose.json",
        "{\"include\": [\"src\"], \"compilerOptions\": {\"outDir\": \"out\"}}",
    );
    write(
        dir.path(),
        "src/nx.ts",
        "import {Directive} from '@angular/core';\nclass Local {}\n@Directive({providers: [Local]})\nexport class X {}\n",
    );
    write(dir.path(), "src/ok.ts", "export const ok = 1;\n");
    ngc(dir.path(), &["build", "-p", "strict.json"])
        .expect_code(1)
        .expect_stderr(&["[src/nx.ts:"]);
    assert!(
        !dir.path().join("out").exists(),
        "nothing may be written when a file fails"
    );
    ngc(
        dir.path(),
        &["build", "-p", "loose.json", "--strict-metadata-emit"],
    )
    .expect_code(1);
    assert!(
        !dir.path().join("out").exists(),
        "nothing may be written when a file fails"
    );
    ngc(dir.path(), &["build", "-p", "loose.json", "--emit-metadata"]).expect_code(0);
    let text = std::fs::read_to_string(dir.path().join("out/nx.metadata.json")).unwrap_or_default();
    assert!(
        text.contains(r#""message":"Reference to non-exported class""#),
        "{text}"
    );
}

/// A project of many components (templates, host bindings, styles, DI): the output tree must
/// not depend on the thread count.
#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempdir();
    write(
        dir.path(),
        "tsconfig.json",
        "{\"compilerOptions\": {\"outDir\": \"out\"}, \"include\": [\"src\"]}",
    );
    for i in 0..120 {
        write(
            dir.path(),
            &format!("src/m{}/c{i}.ts", i % 7),
            format!(
                "import {{Component, Inject, Input}} from '@angular/core';\nimport {{TOKEN}} from '../token';\nexport const N{i} = {i} * 2;\n@Component({{selector: 'c-{i}', template: '<b [title]=\"x\">{{{{x}}}}</b>@if (x > 1) {{ <i>big</i> }}', host: {{'[class.on]': 'x > 0'}}, styles: ['b {{ color: red }}']}})\nexport class C{i} {{\n  @Input() x = N{i};\n  constructor(@Inject(TOKEN) private a: string) {{}}\n}}\n"
            ),
        );
    }
    write(dir.path(), "src/token.ts", "import {InjectionToken} from '@angular/core';\nexport const TOKEN = new InjectionToken<string>('t');\n");
    let one = ngc_env(
        dir.path(),
        &["build", "--outDir", "one", "--emit-metadata"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    one.expect_code(0);
    let many = ngc_env(
        dir.path(),
        &["build", "--outDir", "many", "--emit-metadata"],
        &[("RAYON_NUM_THREADS", "8")],
    );
    many.expect_code(0);
    let default = ngc(dir.path(), &["build", "--outDir", "default", "--emit-metadata"]);
    default.expect_code(0);
    let one = tree(&dir.path().join("one"));
    assert_eq!(one, tree(&dir.path().join("many")));
    assert_eq!(one, tree(&dir.path().join("default")));
    assert_eq!(one.len(), 2 * 121, "every file has JavaScript and metadata");
}

/// View Engine's metadata restrictions in values Ivy does not need (guards, providers,
/// factories: tests/fixtures/reflector/view-engine-restrictions, which ngc 22 compiles) do not
/// stop a build and are not reported; with `strictMetadataEmit`
/// (tests/fixtures/reflector/view-engine-restrictions-strict) they are errors.
#[test]
fn view_engine_restrictions_fail_a_build_only_with_strict_metadata_emit() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    assert!(
        root.join("tests/oracles/ng22/node_modules/@angular/core").is_dir(),
        "the Angular 22 packages are not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    let out = tempdir();
    let loose = out.path().join("loose");
    let run = ngc(
        &root,
        &["build", "-p", "tests/fixtures/reflector/view-engine-restrictions", "--outDir", &loose.to_string_lossy()],
    );
    run.expect_code(0);
    assert!(!run.stderr.contains("NGRS30"), "restrictions reported:\n{}", run.stderr);
    assert!(loose.join("app.module.js").is_file(), "no output written");

    let strict = out.path().join("strict");
    let run = ngc(
        &root,
        &["build", "-p", "tests/fixtures/reflector/view-engine-restrictions-strict", "--outDir", &strict.to_string_lossy()],
    );
    run.expect_code(1).expect_stderr(&["NGRS3003", "NGRS3001", "NGRS3005", "NGRS3007", "× this function expression"]);
    // A lambda returned by a guard factory is reported where the routes use it.
    assert!(!run.stderr.contains("guards.ts"), "reported inside the guard's file:\n{}", run.stderr);
    assert!(!strict.exists(), "nothing may be written when the build fails");
}
