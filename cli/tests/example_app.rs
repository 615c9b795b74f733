//! The example app (example/, the app `scripts/example` runs) against ngc 22: both compilers
//! build it in place, through its own `node_modules` link, and
//!
//! - every `.js` file `ngc-rs build` writes has ngc's tokens
//!   (`ngc_output::js_tokens::first_difference`), with no accepted differences;
//! - both outputs, bundled and rendered on the server (tests/oracles/ng22/render-app.mjs), give
//!   the same page, console errors and warnings in every scenario of example/runtime.json.
//!
//! The outputs, bundles and results are left in `<CARGO_TARGET_TMPDIR>/example-app/`.

mod apps_harness;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use apps_harness::{files_with_suffix, oracle_dir, repo};
use ngc_output::js_tokens::first_difference;
use serde_json::Value;

/// The example app's two outputs.
struct Compiled {
    work: PathBuf,
    ngc_out: PathBuf,
    ngc_rs_out: PathBuf,
}

fn example_dir() -> PathBuf {
    repo().join("example")
}

/// Compiles the example app with ngc and ngc-rs once per test run; both must succeed.
fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let oracle = oracle_dir();
        let example = example_dir();
        assert!(
            example
                .join("node_modules/@angular/core/package.json")
                .is_file(),
            "{}/node_modules must be a link to ../tests/oracles/ng22/node_modules",
            example.display()
        );
        let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("example-app");
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).expect("create the work directory");
        // The bundler resolves the outputs' imports from their directory upwards.
        symlink_dir(&oracle.join("node_modules"), &work.join("node_modules"));
        let compiled = Compiled {
            ngc_out: work.join("out-ngc"),
            ngc_rs_out: work.join("out-ngc-rs"),
            work,
        };
        let tsconfig = example.join("tsconfig.json");
        let ngc = Command::new("node")
            .arg(oracle.join("node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js"))
            .arg("-p")
            .arg(&tsconfig)
            .arg("--outDir")
            .arg(&compiled.ngc_out)
            .output()
            .expect("node must be installed: run `scripts/test`");
        assert!(
            ngc.status.success(),
            "ngc 22 failed on example/:\n{}{}",
            String::from_utf8_lossy(&ngc.stdout),
            String::from_utf8_lossy(&ngc.stderr)
        );
        let ours = Command::new(env!("CARGO_BIN_EXE_ngc-rs"))
            .arg("build")
            .arg("-p")
            .arg(&tsconfig)
            .arg("--outDir")
            .arg(&compiled.ngc_rs_out)
            .env("NO_COLOR", "1")
            .output()
            .expect("run ngc-rs");
        assert!(
            ours.status.success(),
            "ngc-rs build failed on example/:\n{}",
            String::from_utf8_lossy(&ours.stderr)
        );
        compiled
    })
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("link node_modules");
}

#[cfg(windows)]
fn symlink_dir(target: &Path, link: &Path) {
    std::os::windows::fs::symlink_dir(target, link).expect("link node_modules");
}

#[test]
fn example_javascript_equals_ngc() {
    let compiled = compiled();
    let expected = files_with_suffix(&compiled.ngc_out, ".js");
    let actual = files_with_suffix(&compiled.ngc_rs_out, ".js");
    assert!(
        expected.len() >= 15,
        "ngc emitted too few files: {expected:?}"
    );
    assert_eq!(actual, expected, "ngc-rs wrote other files than ngc");
    let differences: Vec<String> = expected
        .iter()
        .filter_map(|rel| {
            let read = |dir: &Path| std::fs::read_to_string(dir.join(rel)).expect("read output");
            first_difference(&read(&compiled.ngc_out), &read(&compiled.ngc_rs_out))
                .map(|difference| format!("{rel}: {difference}"))
        })
        .collect();
    assert!(
        differences.is_empty(),
        "{} of {} files differ from ngc's (outputs in {}):\n{}",
        differences.len(),
        expected.len(),
        compiled.work.display(),
        differences.join("\n")
    );
    eprintln!("example: {} files identical to ngc's", expected.len());
}

/// What one compiler's output rendered: render-app.mjs's result.
fn render(compiled: &Compiled, out_dir: &Path, side: &str) -> Value {
    let result_file = compiled.work.join(format!("render-{side}.json"));
    let run = Command::new("node")
        .arg(oracle_dir().join("render-app.mjs"))
        .arg(example_dir())
        .arg(out_dir)
        .arg(compiled.work.join(format!("bundle-{side}.mjs")))
        .arg(&result_file)
        .env("TZ", "UTC")
        .output()
        .expect("node must be installed: run `scripts/test`");
    assert!(
        run.status.success(),
        "render-app.mjs failed on {side}'s output: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&result_file).expect("render-app.mjs writes its result");
    let result: Value = serde_json::from_str(&text).expect("render-app.mjs writes JSON");
    assert!(
        result["bundleError"].is_null(),
        "{side}'s output does not bundle: {}",
        result["bundleError"]
    );
    result
}

/// Whether the page's `<app-root>` element has something inside it.
fn root_has_content(html: &str) -> bool {
    html.find("<app-root ")
        .and_then(|start| html[start..].find('>').map(|end| &html[start + end + 1..]))
        .is_some_and(|inside| !inside.starts_with("</app-root>"))
}

/// Where two pages part, with some context from each.
fn page_difference(expected: &str, actual: &str) -> String {
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
        "pages differ at byte {at}:\n    ngc:    …{}…\n    ngc-rs: …{}…",
        excerpt(expected),
        excerpt(actual)
    )
}

#[test]
fn example_pages_equal_ngc() {
    let compiled = compiled();
    let expected = render(compiled, &compiled.ngc_out, "ngc");
    let actual = render(compiled, &compiled.ngc_rs_out, "ngc-rs");
    let expected = expected["scenarios"].as_array().expect("scenarios");
    let actual = actual["scenarios"].as_array().expect("scenarios");
    assert!(
        expected.len() >= 5,
        "example/runtime.json has too few scenarios"
    );
    assert_eq!(
        actual.len(),
        expected.len(),
        "both sides ran every scenario"
    );
    let mut problems = Vec::new();
    for (ngc, ours) in expected.iter().zip(actual) {
        let name = ngc["name"].as_str().unwrap_or_default();
        // ngc's page validates the app and the scenario.
        if let Some(error) = ngc["error"].as_str() {
            problems.push(format!("{name}: ngc's output does not render: {error}"));
            continue;
        }
        if ngc["errors"]
            .as_array()
            .is_some_and(|errors| !errors.is_empty())
        {
            problems.push(format!(
                "{name}: ngc's output logs errors: {}",
                ngc["errors"]
            ));
        }
        if !ngc["html"].as_str().is_some_and(root_has_content) {
            problems.push(format!(
                "{name}: <app-root> is missing or empty in ngc's page"
            ));
        }
        if ngc["initial"].is_string() && ngc["initial"] == ngc["stepped"] {
            problems.push(format!("{name}: the steps did not change ngc's page"));
        }
        if ours["html"] != ngc["html"] {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
            problems.push(format!(
                "{name}: {}",
                page_difference(&text(&ngc["html"]), &text(&ours["html"]))
            ));
        }
        for field in ["error", "errors", "warnings"] {
            if ours[field] != ngc[field] {
                problems.push(format!(
                    "{name}: {field} differ: ngc {}, ngc-rs {}",
                    ngc[field], ours[field]
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems (results in {}):\n{}",
        problems.len(),
        compiled.work.display(),
        problems.join("\n")
    );
    eprintln!("example: {} scenarios render the same", expected.len());
}
