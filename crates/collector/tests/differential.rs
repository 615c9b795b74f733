//! Differential test: the real Angular 8.2.14 collector (`node tests/oracles/ng8/collect.js`),
//! run live over every fixture input, against ngc-rs. Non-strict metadata must be byte-identical
//! compact JSON; strict mode must refuse the same files, with a diagnostic at the oracle's error
//! node. Unlike `fixtures.rs` this cannot be fooled by a stale snapshot. A second pass compares
//! with ngc 8's expression lowering (`LowerMetadataTransform`) on both sides.
//!
//! The oracle is required: without `node` or tests/oracles/ng8/node_modules this test fails
//! (run `scripts/test`, which installs the oracles).

mod common;

use common::*;

#[test]
fn fixtures_match_the_live_oracle() {
    check(false);
}

#[test]
fn fixtures_match_the_live_oracle_with_lowering() {
    check(true);
}

fn check(lower: bool) {
    require_oracle();
    let fixtures = fixtures();
    let files: Vec<String> = fixtures.iter().map(Fixture::rel_path).collect();
    let dir = fixtures_dir();
    let loose = run_oracle_mode(&dir, &files, false, lower, 10_000);
    let strict = run_oracle_mode(&dir, &files, true, lower, 10_000);

    let mut failures = Vec::new();
    for fx in &fixtures {
        let rel = fx.rel_path();
        let mut problems = Vec::new();

        let ours = collect_mode(fx.input_name, &fx.text, false, lower);
        match &loose[&rel] {
            OracleResult::Metadata(expected) => {
                let actual = compact(&ours);
                if &actual != expected {
                    problems
                        .push(format!("non-strict metadata differs:\n    oracle: {expected}\n    ngc-rs: {actual}"));
                }
            }
            OracleResult::Error(e) => problems.push(format!("the oracle threw in non-strict mode: {e}")),
        }

        let ours_strict = collect_mode(fx.input_name, &fx.text, true, lower);
        match &strict[&rel] {
            OracleResult::Metadata(expected) => {
                if refused(&ours_strict) {
                    problems.push(format!(
                        "strict mode refused a file the oracle accepts:\n{}",
                        describe_diagnostics(&fx.text, &ours_strict)
                    ));
                } else if &compact(&ours_strict) != expected {
                    problems.push(format!(
                        "strict metadata differs:\n    oracle: {expected}\n    ngc-rs: {}",
                        compact(&ours_strict)
                    ));
                }
            }
            OracleResult::Error(message) => {
                if !refused(&ours_strict) {
                    problems.push(format!("strict mode accepted a file the oracle refuses with:\n{}", indent(message)));
                } else if let Some((line, col)) = oracle_error_position(message) {
                    if !diagnostic_positions(&fx.text, &ours_strict).contains(&(line, col)) {
                        problems.push(format!(
                            "no diagnostic at the oracle's error node {line}:{col}; ours:\n{}",
                            describe_diagnostics(&fx.text, &ours_strict)
                        ));
                    }
                }
            }
        }

        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", fx.name, problems.join("\n  ")));
        }
    }

    let mode = if lower { "fixtures, lowered" } else { "fixtures" };
    eprintln!("differential ({mode}): {}/{} agree with the oracle", fixtures.len() - failures.len(), fixtures.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from the live Angular 8 oracle:\n\n{}\n",
        failures.len(),
        fixtures.len(),
        failures.join("\n\n")
    );
}
