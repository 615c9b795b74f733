//! Output differential test: every example app under tests/fixtures/apps/ is compiled by ngc 22
//! and by `ngc-rs build`, and every emitted `.js` file is compared by token stream
//! (`ngc_output::js_tokens::first_difference`: whitespace, comments and quote style do not
//! count). A file only one side emitted is a difference too. Differences must be listed in
//! tests/fixtures/apps/accepted-differences.txt as `<app>/<path>.js: reason`; an unlisted
//! difference fails, and so does a listed file that is now identical. See docs/testing.md.

mod apps_harness;

use std::collections::BTreeMap;

use apps_harness::{
    app_names, check_against_accepted, compile_app, files_with_suffix, for_each_app, Section,
};
use ngc_output::js_tokens::first_difference;

/// Compares the `.js` files of one app: key `<app>/<path>` → `None` when identical. The second
/// value says why `ngc-rs build` failed, if it did.
fn compare_app(app: &str) -> (Vec<(String, Option<String>)>, Option<String>) {
    let compiled = compile_app("apps-output", app);
    let ngc_files = files_with_suffix(&compiled.ngc_out, ".js");
    assert!(
        !ngc_files.is_empty(),
        "ngc emitted no JavaScript for the {app} app"
    );
    let ours = files_with_suffix(&compiled.ngc_rs_out, ".js");
    let mut all: Vec<&String> = ngc_files.iter().chain(&ours).collect();
    all.sort();
    all.dedup();
    let cases = all
        .into_iter()
        .map(|rel| {
            let key = format!("{app}/{rel}");
            let expected = std::fs::read_to_string(compiled.ngc_out.join(rel)).ok();
            let actual = std::fs::read_to_string(compiled.ngc_rs_out.join(rel)).ok();
            let difference = match (expected, actual) {
                (Some(expected), Some(actual)) => first_difference(&expected, &actual),
                (Some(_), None) => Some(match &compiled.ngc_rs_failure {
                    Some(failure) => format!("not emitted: {failure}"),
                    None => "not emitted by ngc-rs".to_string(),
                }),
                (None, Some(_)) => Some("emitted by ngc-rs, not by ngc".to_string()),
                (None, None) => Some("unreadable on both sides".to_string()),
            };
            (key, difference)
        })
        .collect();
    (
        cases,
        compiled
            .ngc_rs_failure
            .as_ref()
            .map(|failure| format!("{app}: {failure}")),
    )
}

#[test]
fn emitted_javascript_equals_ngc() {
    apps_harness::oracle_dir();
    let apps = app_names();
    assert!(
        apps.len() >= 8,
        "expected at least 8 example apps, found {apps:?}"
    );
    let results = for_each_app(&apps, compare_app);
    for failure in results.iter().filter_map(|(_, failure)| failure.as_ref()) {
        eprintln!("{failure}");
    }
    let cases: BTreeMap<String, Option<String>> =
        results.into_iter().flat_map(|(cases, _)| cases).collect();
    let identical = cases.values().filter(|d| d.is_none()).count();
    eprintln!("apps output: {identical}/{} files identical", cases.len());
    let failures = check_against_accepted(Section::Output, &cases);
    assert!(
        failures.is_empty(),
        "{} output problems (see docs/testing.md):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
