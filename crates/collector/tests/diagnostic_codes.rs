//! Each collector diagnostic code, triggered by the smallest input that needs it. The
//! differential tests prove *when* strict mode refuses; this pins *which code* it says.

use ngc_collector::{collect, CollectOptions};

fn codes(source: &str, strict: bool) -> Vec<&'static str> {
    let options = CollectOptions { strict, ..CollectOptions::default() };
    collect("input.ts", source, &options).diagnostics.iter().map(|d| d.code).collect()
}

#[track_caller]
fn strict_code(source: &str, code: &str) {
    let found = codes(source, true);
    assert!(found.contains(&code), "expected {code}, got {found:?} for:\n{source}");
    assert!(codes(source, false).is_empty(), "non-strict collection must not report for:\n{source}");
}

const HEAD: &str = "import {Component, Injectable} from '@angular/core';\n";

#[test]
fn syntax_error_is_ngrs1001() {
    assert_eq!(codes("export const = ;", false), vec!["NGRS1001"]);
}

#[test]
fn circular_metadata_is_ngrs1002() {
    let source = format!("{HEAD}@Injectable() export class A {{ constructor(a: Array<Array<string>>) {{}} }}");
    assert_eq!(codes(&source, false), vec!["NGRS1002"]);
}

#[test]
fn excessive_nesting_is_ngrs1003() {
    let source = format!("export const x = {}1{};", "(".repeat(30_001), ")".repeat(30_001));
    assert_eq!(codes(&source, false), vec!["NGRS1003"]);
}

#[test]
fn strict_codes_name_the_error_node() {
    strict_code(&format!("{HEAD}@Component({{template: () => 1}}) export class C {{}}"), "NGRS1101");
    strict_code(&format!("{HEAD}declare const src: any; export const {{a}} = src;\n@Component({{x: a}}) export class C {{}}"), "NGRS1102");
    strict_code(&format!("{HEAD}export let x;\n@Component({{a: x}}) export class C {{}}"), "NGRS1103");
    strict_code(&format!("{HEAD}const x = null;\n@Component({{a: x}}) export class C {{}}"), "NGRS1104");
    strict_code(&format!("{HEAD}class Local {{}}\n@Component({{a: Local}}) export class C {{}}"), "NGRS1105");
    strict_code(&format!("{HEAD}function f() {{}}\n@Component({{a: f}}) export class C {{}}"), "NGRS1106");
    strict_code(&format!("{HEAD}declare const tag: any;\n@Component({{a: tag`x`}}) export class C {{}}"), "NGRS1107");
    strict_code(&format!("{HEAD}@Component({{a: typeof C}}) export class C {{}}"), "NGRS1108");
    strict_code(&format!("{HEAD}@Injectable() export class A {{ constructor(a: Missing) {{}} }}"), "NGRS1109");
    strict_code(&format!("{HEAD}@Component({{1: 'x'}}) export class C {{}}"), "NGRS1110");
    strict_code(&format!("{HEAD}@Injectable() export class A {{ constructor(a: null) {{}} }}"), "NGRS1111");
    strict_code(&format!("{HEAD}export enum E {{ 'a' = 'x', b }}\n@Component({{a: E}}) export class C {{}}"), "NGRS1112");
    strict_code(&format!("{HEAD}declare namespace ns {{ const b: number; }}\nimport x = ns.b;\n@Component({{a: x}}) export class C {{}}"), "NGRS1113");
    strict_code(&format!("{HEAD}export enum E {{ a = 'x', b }}\n@Component({{a: E}}) export class C {{}}"), "NGRS1114");
}
