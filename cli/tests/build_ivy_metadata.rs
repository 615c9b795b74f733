//! `ngc-rs build` on decorators View Engine's metadata cannot represent, which ngc 22 compiles
//! (tests/fixtures/reflector/ivy-local-references: references to non-exported classes,
//! functions and variables, lambdas lowering cannot rewrite, unsupported expression forms,
//! non-exported decorated classes, a file without exports): the build succeeds and every `.js`
//! file equals ngc 22's, token by token. With strictMetadataEmit the error nodes of exported
//! metadata are errors and nothing is written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ngc, tempdir, write};

use common::repo;

use common::oracle_modules;

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler", "lib": ["ES2022", "dom"],
    "strict": true, "skipLibCheck": true, "experimentalDecorators": true, "rootDir": "src", "outDir": "out"
  },
  "angularCompilerOptions": { "compilationMode": "full" },
  "include": ["src/**/*.ts"]
}"#;

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir).expect("read src").map(|e| e.expect("entry").path()).collect();
    out.retain(|p| p.extension().is_some_and(|e| e == "ts"));
    out.sort();
    out
}

#[test]
fn local_references_build_as_ngc_22_builds_them() {
    let fixture = repo().join("tests/fixtures/reflector/ivy-local-references/src");
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", TSCONFIG);
    let files = sources(&fixture);
    assert!(files.len() >= 3, "too few sources in {}", fixture.display());
    for file in &files {
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        write(dir.path(), &format!("src/{name}"), std::fs::read(file).expect("read source"));
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(oracle_modules(), dir.path().join("node_modules")).expect("link node_modules");

    let ngc22 = oracle_modules().join("@angular/compiler-cli/bundles/src/bin/ngc.js");
    let run = Command::new("node")
        .arg(&ngc22)
        .args(["-p", "tsconfig.json"])
        .current_dir(dir.path())
        .output()
        .expect("node must be installed: run `scripts/test`");
    assert!(
        run.status.success(),
        "ngc 22 failed:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );

    let ours = ngc(dir.path(), &["build", "-p", "tsconfig.json", "--outDir", "out-ngc-rs"]);
    ours.expect_code(0);
    assert!(ours.stderr.is_empty(), "build reported problems:\n{}", ours.stderr);
    for file in &files {
        let js = file.file_name().expect("name").to_string_lossy().replace(".ts", ".js");
        let expected = std::fs::read_to_string(dir.path().join("out").join(&js)).expect("ngc output");
        let actual = std::fs::read_to_string(dir.path().join("out-ngc-rs").join(&js)).expect("ngc-rs output");
        if let Some(difference) = ngc_output::js_tokens::first_difference(&expected, &actual) {
            panic!("{js} differs from ngc 22: {difference}\n--- ngc\n{expected}\n--- ngc-rs\n{actual}");
        }
    }
    eprintln!("ivy-local-references: {} files equal ngc 22's", files.len());
}

#[test]
fn local_references_are_errors_with_strict_metadata_emit() {
    let root = repo();
    let out = tempdir();
    let out_dir = out.path().to_string_lossy().into_owned();
    let run =
        ngc(&root, &["build", "-p", "tests/fixtures/reflector/ivy-local-references-strict", "--outDir", &out_dir]);
    run.expect_code(1).expect_stderr(&[
        "NGRS1105",
        "reference to a non-exported class 'CardComponent' (in the metadata of exported symbol 'AppComponent')",
        "reference to a non-exported class 'LocalService' (in the metadata of exported symbol 'AppComponent')",
        "reference to a non-exported class 'HighlightDirective' (in the metadata of exported symbol 'LegacyModule')",
    ]);
    assert_eq!(std::fs::read_dir(out.path()).expect("out dir").count(), 0, "files were written");
}
