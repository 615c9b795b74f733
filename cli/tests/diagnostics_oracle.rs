//! Error projects under tests/fixtures/diagnostics/: each is built by ngc 22 and by
//! `ngc-rs build`, and the errors must be the same — code, message, file, line and column, in
//! the same set — with exit status 1 and nothing written by ngc-rs.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, ngc_errors, our_errors, repo, PrintedError};

fn cases() -> Vec<PathBuf> {
    let root = repo().join("tests/fixtures/diagnostics");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures/diagnostics")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("tsconfig.json").is_file())
        .collect();
    cases.sort();
    cases
}

fn check(case: &Path, modules: &Path) -> Result<usize, String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diagnostics-oracle").join(&name);
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(case, &work);
    #[cfg(unix)]
    std::os::unix::fs::symlink(modules, work.join("node_modules")).expect("link node_modules");

    let (_, printed) = common::run_real_ngc(&work);
    let expected = ngc_errors(&printed);
    if expected.is_empty() {
        return Err(format!("{name}: ngc 22 reports no error; a case must fail"));
    }
    let ours = common::ngc(&work, &["build", "-p", "tsconfig.json", "--outDir", "ngc-rs-out"]);
    ours.expect_no_crash();
    let actual = our_errors(&ours.stderr);
    if ours.code != Some(1) || work.join("ngc-rs-out").exists() {
        return Err(format!("{name}: ngc-rs must exit 1 and write nothing\n{}", ours.stderr));
    }
    // ngc lists a class's errors together, in the order of the classes; ngc-rs's order differs
    // where an error found while computing scopes belongs to another class.
    let (mut expected, mut actual) = (expected, actual);
    expected.sort();
    actual.sort();
    if actual != expected {
        let show = |errors: &[PrintedError]| {
            errors.iter().map(|e| format!("{} {} {}", e.position, e.code, e.message)).collect::<Vec<_>>().join("\n    ")
        };
        return Err(format!("{name}:\n  ngc 22:\n    {}\n  ngc-rs:\n    {}", show(&expected), show(&actual)));
    }
    Ok(expected.len())
}

#[test]
fn errors_equal_ngc() {
    let modules = common::oracle_modules();
    let cases = cases();
    assert!(!cases.is_empty(), "no cases under tests/fixtures/diagnostics");
    let mut failures = Vec::new();
    let mut errors = 0;
    for case in &cases {
        match check(case, &modules) {
            Ok(n) => errors += n,
            Err(e) => failures.push(e),
        }
    }
    eprintln!("diagnostics oracle: {} cases, {errors} errors equal to ngc 22's", cases.len() - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
