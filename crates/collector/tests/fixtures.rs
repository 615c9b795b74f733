//! Snapshot tests of the collector against `tests/fixtures/collector/<case>/`.
//!
//! Every case holds one input (`input.ts`, `input.d.ts` or `input.tsx`) and two snapshots made
//! by the Angular 8.2.14 oracle with `node tests/oracles/ng8/snapshot.js`:
//! - `expected.json`: the non-strict metadata as `JSON.stringify(metadata, null, 2)` plus a
//!   newline (`null` when the collector returns nothing). Ours must match byte for byte.
//! - `expected-strict.txt`: `accepted`, or the message the oracle throws in strict mode. We must
//!   refuse exactly the files the oracle refuses, with a diagnostic at the line:column of the
//!   error node the message names; files strict mode accepts must give the same metadata.
//!
//! All cases run in one test and every failing case is reported (with a diff), followed by a
//! pass count. `FIXTURE=<substring>` runs only matching cases. `UPDATE_SNAPSHOTS=1` rewrites
//! `expected.json` from ngc-rs output instead of failing on it (review the change with git!);
//! `expected-strict.txt` only ever comes from the oracle.

mod common;

use common::*;

#[test]
fn collector_fixtures() {
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let fixtures = fixtures();
    let mut failures: Vec<String> = Vec::new();
    let mut updated = Vec::new();

    for fx in &fixtures {
        let mut problems: Vec<String> = Vec::new();
        let expected_json = std::fs::read_to_string(fx.dir.join("expected.json"));
        let expected_strict = std::fs::read_to_string(fx.dir.join("expected-strict.txt"));
        let (expected_json, expected_strict) = match (expected_json, expected_strict) {
            (Ok(j), Ok(s)) => (j, s),
            _ => {
                failures.push(format!(
                    "{}: snapshot missing; run `node tests/oracles/ng8/snapshot.js {}`",
                    fx.name, fx.name
                ));
                continue;
            }
        };
        let expected_strict = expected_strict.strip_suffix('\n').unwrap_or(&expected_strict);

        // Non-strict: the pretty JSON must match byte for byte.
        let loose = collect_with(fx.input_name, &fx.text, false);
        let actual_json = match &loose.metadata {
            Some(m) => format!("{}\n", m.to_js_string_pretty()),
            None => "null\n".to_string(),
        };
        if actual_json != expected_json {
            if update {
                std::fs::write(fx.dir.join("expected.json"), &actual_json).expect("write expected.json");
                updated.push(fx.name.clone());
            } else {
                problems.push(format!("non-strict metadata differs:\n{}", line_diff(&expected_json, &actual_json)));
            }
        }
        if !loose.diagnostics.is_empty() {
            problems.push(format!(
                "non-strict collection of a valid file reported diagnostics:\n{}",
                describe_diagnostics(&fx.text, &loose)
            ));
        }

        // Strict: refuse exactly when the oracle refuses, at the oracle's error node.
        let strict = collect_with(fx.input_name, &fx.text, true);
        if expected_strict == "accepted" {
            if refused(&strict) || !strict.diagnostics.is_empty() {
                problems.push(format!(
                    "strict mode refused a file the oracle accepts:\n{}",
                    describe_diagnostics(&fx.text, &strict)
                ));
            } else {
                let strict_json = match &strict.metadata {
                    Some(m) => format!("{}\n", m.to_js_string_pretty()),
                    None => "null\n".to_string(),
                };
                if strict_json != expected_json {
                    problems.push(format!(
                        "strict metadata differs from the non-strict snapshot:\n{}",
                        line_diff(&expected_json, &strict_json)
                    ));
                }
            }
        } else if !refused(&strict) {
            problems.push(format!(
                "strict mode accepted a file the oracle refuses with:\n{}  ngc-rs strict metadata: {}\n",
                indent(expected_strict),
                compact(&strict)
            ));
        } else if let Some((line, col)) = oracle_error_position(expected_strict) {
            let ours = diagnostic_positions(&fx.text, &strict);
            if !ours.contains(&(line, col)) {
                problems.push(format!(
                    "strict mode refused, but no diagnostic sits at the oracle's error node {}:{line}:{col}; ours:\n{}  oracle:\n{}",
                    fx.input_name,
                    describe_diagnostics(&fx.text, &strict),
                    indent(expected_strict)
                ));
            }
        }

        if !problems.is_empty() {
            failures.push(format!(
                "{} (tests/fixtures/collector/{}):\n  {}",
                fx.name,
                fx.rel_path(),
                problems.join("\n  ")
            ));
        }
    }

    let passed = fixtures.len() - failures.len();
    eprintln!("collector fixtures: {passed}/{} passed", fixtures.len());
    if !updated.is_empty() {
        eprintln!("UPDATE_SNAPSHOTS=1 rewrote expected.json of: {}", updated.join(", "));
    }
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|f| f.split(' ').next().unwrap_or("")).collect();
        panic!(
            "{} of {} collector fixtures failed:\n\n{}\n\nfailing cases: {}\n",
            failures.len(),
            fixtures.len(),
            failures.join("\n\n"),
            names.join(" ")
        );
    }
}

/// Sanity of the harness itself: the position parser reads the inner message of the
/// class-level wrapper, and knows messages without a position.
#[test]
fn oracle_message_positions() {
    let wrapped = "input.ts:4:1: Error encountered in metadata generated for exported symbol 'Cmp': \n \
                   input.ts:4:53: Metadata collected contains an error that will be reported at runtime: Lambda not supported.\n  {}";
    assert_eq!(oracle_error_position(wrapped), Some((4, 53)));
    let no_position = "input.ts:5:1: Error encountered in metadata generated for exported symbol 'Cmp': \n \
                       input.ts: Metadata collected contains an error that will be reported at runtime: Unsupported import syntax.";
    assert_eq!(oracle_error_position(no_position), None);
    assert_eq!(oracle_error_position("Maximum call stack size exceeded"), None);
}

/// A file that does not parse yields no metadata and an NGRS1001 diagnostic (the oracle, which
/// lets TypeScript recover, is no reference here, so these are not fixtures).
#[test]
fn syntax_errors_are_ngrs1001() {
    for (name, text) in [
        ("unclosed.ts", "export const A = {a: 1;\n"),
        ("missing-expression.ts", "export const x = ;\n"),
        ("strict.ts", "@Component({) export class X {}\n"),
    ] {
        for strict in [false, true] {
            let c = collect_with(name, text, strict);
            assert!(c.metadata.is_none(), "{name} (strict: {strict}): metadata for a file that does not parse");
            assert!(
                c.diagnostics.iter().any(|d| d.code == "NGRS1001" && d.primary.is_some()),
                "{name} (strict: {strict}): expected an NGRS1001 diagnostic with a position, got {:?}",
                c.diagnostics
            );
        }
    }
}
