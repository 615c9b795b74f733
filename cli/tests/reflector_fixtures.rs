//! Snapshot tests of `ngc-rs inspect` over the multi-file projects in tests/fixtures/reflector/:
//! each case's `inspect.json` (stdout) and `diagnostics.txt` (exit code and the rendered
//! diagnostics). `UPDATE_SNAPSHOTS=1` rewrites the snapshots from ngc-rs output, to be reviewed
//! as a diff. The projects take Angular 22 from tests/oracles/ng22 (see their tsconfig.base.json).

mod common;

use std::path::PathBuf;

use common::repo;

#[test]
fn inspect_snapshots() {
    let root = repo();
    assert!(
        root.join("tests/oracles/ng22/node_modules/@angular/core").is_dir(),
        "the Angular 22 packages are not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    let fixtures = root.join("tests/fixtures/reflector");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("tsconfig.json").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "too few reflector fixtures");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().expect("name").to_string_lossy().into_owned();
        let project = format!("tests/fixtures/reflector/{name}");
        let run = common::ngc(&root, &["inspect", "-p", &project]);
        run.expect_no_crash();
        let diagnostics = format!("exit: {}\n{}", run.code.unwrap_or(-1), run.stderr);
        for (file, actual) in [("inspect.json", &run.stdout), ("diagnostics.txt", &diagnostics)] {
            let path = case.join(file);
            if update {
                std::fs::write(&path, actual).expect("write snapshot");
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if &expected != actual {
                failures.push(format!("{name}/{file} differs:\n--- expected\n{expected}\n--- actual\n{actual}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} snapshot(s) differ:\n{}", failures.len(), failures.join("\n"));
    eprintln!("reflector fixtures: {} cases", cases.len());
}
