//! Unit tests of the emitter: import elision, enums, namespaces, parameter properties, class
//! fields, the caller's edits, and diagnostics. Expected outputs are what tsc 6 emits (checked
//! with the oracle when written); comparisons ignore formatting and comments.

use ngc_output::js_tokens::first_difference;
use ngc_ts_emit::{emit, parse, EmitOptions, Edits, NoProgramFacts};

fn js_with(src: &str, options: &EmitOptions, edits: &Edits) -> String {
    let file = parse("input.ts", src).unwrap_or_else(|d| panic!("parse: {d:?}"));
    let out = emit(&file, options, edits, &NoProgramFacts);
    assert!(out.diagnostics.is_empty(), "diagnostics: {:?}", out.diagnostics);
    out.code
}

fn js(src: &str) -> String {
    js_with(src, &EmitOptions::default(), &Edits::default())
}

#[track_caller]
fn check(src: &str, expected: &str) {
    let actual = js(src);
    if let Some(diff) = first_difference(expected, &actual) {
        panic!("{diff}\n--- expected:\n{expected}\n--- actual:\n{actual}");
    }
}

#[test]
fn debug_print() {
    for src in [
        "const enum Level { Low = 1, High = Low * 10 }\nexport const x = Level.High;",
        "namespace Simple { export const a = 1; export function f() { return a; } }",
        "const f = async (x: number, y?: string) => {};",
    ] {
        println!("{}\n=====", js(src));
    }
}

