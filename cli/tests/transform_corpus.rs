//! The Angular transform corpus (tests/fixtures/transform/): decorator forms the example apps
//! do not cover — every provider form and DI flag, inputs, outputs, queries and host bindings in
//! decorator and signal form, NgModule lists with spreads, forward references,
//! `ModuleWithProviders` and ids, encapsulation and change detection, `templateUrl` and
//! `styleUrls`, `@defer` with lazily loaded dependencies, references through tsconfig `paths`
//! aliases, non-exported and default-exported classes — compiled by ngc 22 and by
//! `ngc-rs build`. Every emitted file must be the same, token for token (`ngc_output::js_tokens`).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::repo;

use common::copy_dir;

#[test]
fn corpus_compiles_to_what_ngc_emits() {
    let modules = repo().join("tests/oracles/ng22/node_modules");
    assert!(
        modules.join("@angular/compiler-cli").is_dir(),
        "the Angular 22 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("transform-corpus");
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&repo().join("tests/fixtures/transform"), &work);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&modules, work.join("node_modules")).expect("link node_modules");

    let ngc = modules.join("@angular/compiler-cli/bundles/src/bin/ngc.js");
    let run =
        Command::new("node").arg(&ngc).args(["-p", "tsconfig.json"]).current_dir(&work).output().expect("node must be installed");
    assert!(
        run.status.success(),
        "ngc 22 failed on the corpus:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    common::ngc(&work, &["build", "-p", "tsconfig.json", "--outDir", "ngc-rs-out"]).expect_code(0);

    let expected = common::tree(&work.join("out"));
    let actual = common::tree(&work.join("ngc-rs-out"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&expected), "ngc-rs must emit the files ngc emits");
    let mut failures = Vec::new();
    for ((name, ngc_bytes), (_, ours)) in expected.iter().zip(&actual) {
        let (ngc_text, our_text) = (String::from_utf8_lossy(ngc_bytes), String::from_utf8_lossy(ours));
        if let Some(difference) = ngc_output::js_tokens::first_difference(&ngc_text, &our_text) {
            failures.push(format!("{name}: {difference}"));
        }
    }
    eprintln!("transform corpus: {}/{} files identical", expected.len() - failures.len(), expected.len());
    assert!(failures.is_empty(), "{} files differ from ngc 22:\n{}", failures.len(), failures.join("\n"));
}
