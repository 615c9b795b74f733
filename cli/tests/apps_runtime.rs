//! Runtime differential test: every example app is compiled by ngc 22 and by `ngc-rs build`,
//! each output is bundled with esbuild and rendered with @angular/platform-server
//! (tests/oracles/ng22/render-app.mjs), and the pages must be the same. The scenarios are the
//! app's `runtime.json`: routes, and steps that click, type, check boxes and submit forms on
//! the server-side document between change-detection ticks.
//!
//! ngc's output must render every scenario without errors, and steps must change the page
//! (this validates the harness). A scenario where ngc-rs's page, console errors or warnings
//! differ, or where its output does not bundle or render, is a difference: it must be listed in
//! tests/fixtures/apps/accepted-differences.txt as `runtime <app> <scenario>: reason`, and a
//! listed scenario that now renders the same fails. See docs/testing.md.

mod apps_harness;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use apps_harness::{
    app_names, check_against_accepted, compile_app, for_each_app, oracle_dir, Section,
};
use serde_json::Value;

/// What one compiler's output did in one scenario.
#[derive(Debug)]
enum Rendered {
    Page {
        html: String,
        /// The document before the first step and after the last (scenarios with steps).
        steps_effect: Option<(String, String)>,
        errors: Vec<String>,
        warnings: Vec<String>,
    },
    Failed(String),
}

/// Bundles and renders `out_dir` (one compiler's output for the app in `work`); one entry per
/// scenario of the app's runtime.json, in order.
fn render(work: &Path, out_dir: &Path, side: &str, scenarios: &[String]) -> Vec<Rendered> {
    let result_file = work.join(format!("render-{side}.json"));
    let _ = std::fs::remove_file(&result_file);
    let run = Command::new("node")
        .arg(oracle_dir().join("render-app.mjs"))
        .arg(work)
        .arg(out_dir)
        .arg(work.join(format!("bundle-{side}.mjs")))
        .arg(&result_file)
        .env("TZ", "UTC")
        .output()
        .expect("node must be installed: run `scripts/test`");
    let failed = |why: String| {
        scenarios
            .iter()
            .map(|_| Rendered::Failed(why.clone()))
            .collect()
    };
    let text = match std::fs::read_to_string(&result_file) {
        Ok(text) if run.status.success() => text,
        _ => {
            return failed(format!(
                "render-app.mjs failed ({:?}): {}",
                run.status.code(),
                String::from_utf8_lossy(&run.stderr).trim()
            ))
        }
    };
    let result: Value = serde_json::from_str(&text).expect("render-app.mjs writes JSON");
    if let Some(error) = result["bundleError"].as_str() {
        return failed(format!(
            "does not bundle: {}",
            error.lines().next().unwrap_or_default()
        ));
    }
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|s| s.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let entries = result["scenarios"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        entries.len(),
        scenarios.len(),
        "render-app.mjs ran every scenario of {}",
        work.display()
    );
    entries
        .iter()
        .map(|entry| match entry["error"].as_str() {
            Some(error) => Rendered::Failed(error.to_string()),
            None => Rendered::Page {
                html: entry["html"].as_str().unwrap_or_default().to_string(),
                steps_effect: entry["initial"]
                    .as_str()
                    .zip(entry["stepped"].as_str())
                    .map(|(before, after)| (before.to_string(), after.to_string())),
                errors: strings(&entry["errors"]),
                warnings: strings(&entry["warnings"]),
            },
        })
        .collect()
}

/// Where two pages part, with some context from each.
fn html_difference(expected: &str, actual: &str) -> String {
    let at = expected
        .bytes()
        .zip(actual.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let excerpt = |text: &str| {
        let mut start = at.saturating_sub(60);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 60).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text[start..end].replace('\n', "⏎")
    };
    format!(
        "pages differ at byte {at}:\n      ngc:    …{}…\n      ngc-rs: …{}…",
        excerpt(expected),
        excerpt(actual)
    )
}

/// The scenario names of an app's runtime.json, and how many have steps.
fn scenarios(app: &str) -> (Vec<String>, usize) {
    let path = apps_harness::apps_dir().join(app).join("runtime.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("the {app} app has no runtime.json"));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list = json["scenarios"].as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty(), "{}: no scenarios", path.display());
    let names: Vec<String> = list
        .iter()
        .map(|s| s["name"].as_str().expect("scenario name").to_string())
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        names.len(),
        "{}: scenario names must be unique",
        path.display()
    );
    assert!(
        names.iter().all(|n| !n.contains(' ')),
        "{}: scenario names have no spaces",
        path.display()
    );
    let with_steps = list
        .iter()
        .filter(|s| s["steps"].as_array().is_some_and(|a| !a.is_empty()))
        .count();
    (names, with_steps)
}

struct AppRun {
    /// `runtime <app> <scenario>` → `None` when ngc-rs renders the same as ngc.
    cases: Vec<(String, Option<String>)>,
    /// Problems with ngc's own rendering: the harness or the app is broken.
    ngc_problems: Vec<String>,
    with_steps: usize,
}

fn run_app(app: &str) -> AppRun {
    let (names, with_steps) = scenarios(app);
    let compiled = compile_app("apps-runtime", app);
    let root_selector = root_selector(&compiled.work);
    let expected = render(&compiled.work, &compiled.ngc_out, "ngc", &names);
    let actual = match &compiled.ngc_rs_failure {
        Some(failure) => names
            .iter()
            .map(|_| Rendered::Failed(failure.clone()))
            .collect(),
        None => render(&compiled.work, &compiled.ngc_rs_out, "ngc-rs", &names),
    };
    let mut ngc_problems = Vec::new();
    let mut cases = Vec::new();
    for ((name, expected), actual) in names.iter().zip(&expected).zip(&actual) {
        let key = format!("runtime {app} {name}");
        let Rendered::Page {
            html,
            steps_effect,
            errors,
            warnings,
        } = expected
        else {
            if let Rendered::Failed(why) = expected {
                ngc_problems.push(format!("{app} {name}: ngc's output does not render: {why}"));
            }
            continue;
        };
        if !errors.is_empty() {
            ngc_problems.push(format!(
                "{app} {name}: ngc's output logs errors: {}",
                errors.join(" | ")
            ));
        }
        let open_tag = format!("<{root_selector} ");
        let rendered_root = html
            .find(&open_tag)
            .map(|i| &html[i..])
            .and_then(|rest| rest.find('>').map(|j| &rest[j + 1..]));
        if !rendered_root.is_some_and(|rest| !rest.starts_with(&format!("</{root_selector}>"))) {
            ngc_problems.push(format!(
                "{app} {name}: <{root_selector}> is missing or empty in ngc's page"
            ));
        }
        if steps_effect
            .as_ref()
            .is_some_and(|(before, after)| before == after)
        {
            ngc_problems.push(format!("{app} {name}: the steps did not change ngc's page"));
        }
        let difference = match actual {
            Rendered::Failed(why) => Some(format!("ngc-rs's output does not render: {why}")),
            Rendered::Page {
                html: ours,
                errors: our_errors,
                warnings: our_warnings,
                ..
            } => {
                if ours != html {
                    Some(html_difference(html, ours))
                } else if our_errors != errors {
                    Some(format!(
                        "console errors differ: ngc {errors:?}, ngc-rs {our_errors:?}"
                    ))
                } else if our_warnings != warnings {
                    Some(format!(
                        "console warnings differ: ngc {warnings:?}, ngc-rs {our_warnings:?}"
                    ))
                } else {
                    None
                }
            }
        };
        cases.push((key, difference));
    }
    AppRun {
        cases,
        ngc_problems,
        with_steps,
    }
}

/// The tag of the element the app bootstraps into: the first element of `src/index.html`'s body.
fn root_selector(work: &Path) -> String {
    let page =
        std::fs::read_to_string(work.join("src/index.html")).expect("every app has src/index.html");
    let body = page
        .find("<body")
        .and_then(|i| page[i..].find('>').map(|j| &page[i + j + 1..]))
        .expect("index.html has a body");
    let tag = body
        .trim_start()
        .strip_prefix('<')
        .expect("the body starts with the root element");
    tag.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[test]
fn rendered_pages_equal_ngc() {
    oracle_dir();
    let apps = app_names();
    assert!(
        apps.len() >= 8,
        "expected at least 8 example apps, found {apps:?}"
    );
    let runs = for_each_app(&apps, run_app);
    let problems: Vec<String> = runs.iter().flat_map(|r| r.ngc_problems.clone()).collect();
    assert!(
        problems.is_empty(),
        "the harness or an app is broken ({} problems):\n{}",
        problems.len(),
        problems.join("\n")
    );
    let interactive = runs.iter().filter(|r| r.with_steps > 0).count();
    assert!(
        interactive >= 2,
        "at least two apps exercise interactions, found {interactive}"
    );
    let cases: BTreeMap<String, Option<String>> = runs.into_iter().flat_map(|r| r.cases).collect();
    let same = cases.values().filter(|d| d.is_none()).count();
    eprintln!(
        "apps runtime: {same}/{} scenarios render the same",
        cases.len()
    );
    let failures = check_against_accepted(Section::Runtime, &cases);
    assert!(
        failures.is_empty(),
        "{} runtime problems (see docs/testing.md):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
