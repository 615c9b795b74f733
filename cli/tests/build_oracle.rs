//! `ngc-rs build` against ngc 8: every `.metadata.json` written for tests/fixtures/metadata-app
//! (an Angular 8-era NgModule app) equals `[module]` of Angular 8.2.14's collector run the way
//! ngc 8 ran it (strict, with its expression lowering), live from tests/oracles/ng8.

mod common;

use std::process::Command;

use common::repo;

#[test]
fn metadata_app_equals_ngc8() {
    let root = repo();
    let oracle = root.join("tests/oracles/ng8");
    assert!(
        oracle.join("node_modules/@angular/compiler-cli").is_dir(),
        "the Angular 8 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    let out = common::tempdir();
    let out_dir = out.path().to_string_lossy().into_owned();
    common::ngc(&root, &["build", "-p", "tests/fixtures/metadata-app/tsconfig.json", "--outDir", &out_dir, "--metadata-only"]).expect_code(0);

    let mut written = Vec::new();
    let mut stack = vec![out.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read out dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".metadata.json") {
                written.push(path);
            }
        }
    }
    written.sort();
    assert!(written.len() >= 8, "too few metadata files: {written:?}");
    for file in &written {
        let rel = file.strip_prefix(out.path()).expect("under out");
        let source = root.join("tests/fixtures/metadata-app/src").join(rel.to_string_lossy().replace(".metadata.json", ".ts"));
        let run = Command::new("node")
            .arg(oracle.join("collect.js"))
            .args(["--strict", "--lower"])
            .arg(&source)
            .output()
            .expect("node must be installed: run `scripts/test`");
        assert!(run.status.success(), "oracle failed on {}", source.display());
        // The oracle prints `{"<path>":{"metadata":<JSON.stringify(metadata)>}}`: compare bytes.
        let stdout = String::from_utf8(run.stdout).expect("UTF-8");
        let prefix = format!("{{{}:{{\"metadata\":", serde_json::to_string(&source.to_string_lossy()).expect("path"));
        let metadata = stdout
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix("}}"))
            .unwrap_or_else(|| panic!("unexpected oracle output for {}: {stdout}", source.display()));
        let ours = std::fs::read_to_string(file).expect("read metadata");
        assert_eq!(ours, format!("[{metadata}]"), "{} differs from ngc 8", rel.display());
    }
    eprintln!("build: {} metadata files equal ngc 8's", written.len());
}
