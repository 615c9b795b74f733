//! `Edits::lowered`: ngc 8's expression lowering in the emitted JavaScript (the expected shapes
//! are those of ngc 8's `lower_expressions` transform; cli/tests/build_lowering.rs checks them
//! against ngc 8 itself).

use ngc_diagnostics::Span;
use ngc_output::js_tokens::first_difference;
use ngc_ts_emit::{emit, parse, Edits, EmitOptions, ExpressionEmitter, LoweredExpression, NoProgramFacts};

/// The lowered expression spelled `text` (its `n`th occurrence in `src`).
fn at(src: &str, text: &str, name: &str) -> LoweredExpression {
    let start = src.find(text).unwrap_or_else(|| panic!("{text:?} not in the source"));
    LoweredExpression { name: name.into(), span: Span::new(start as u32, (start + text.len()) as u32) }
}

#[track_caller]
fn check(src: &str, lowered: Vec<LoweredExpression>, expected: &str) {
    let file = parse("input.ts", src).expect("parse");
    let out = emit(&file, &EmitOptions::default(), &Edits { lowered, ..Edits::default() }, &NoProgramFacts);
    assert!(out.diagnostics.is_empty(), "diagnostics: {:?}", out.diagnostics);
    if let Some(diff) = first_difference(expected, &out.code) {
        panic!("{diff}\n--- expected:\n{expected}\n--- actual:\n{}", out.code);
    }
}

#[test]
fn lowered_expressions_become_constants_before_their_statement() {
    let src = "import { provide } from '@angular/core';\nimport { Http } from './http';\nexport class X {}\n// M\nexport const M = provide({providers: [{provide: X, useFactory: (http: Http) => new X()}, {provide: 'a', useValue: {a: 1 as number}}]});\n";
    let lowered = vec![at(src, "(http: Http) => new X()", "ɵ0"), at(src, "{a: 1 as number}", "ɵ1")];
    check(
        src,
        lowered,
        "import { provide } from '@angular/core';\nexport class X {}\nconst ɵ0 = (http) => new X(), ɵ1 = {a: 1};\n// M\nexport const M = provide({providers: [{provide: X, useFactory: ɵ0}, {provide: 'a', useValue: ɵ1}]});\nexport { ɵ0, ɵ1 };\n",
    );
}

#[test]
fn a_whole_variable_initializer_stays_and_is_named_after_the_statement() {
    let src = "export const a = 1;\nconst factory = (n: number) => n;\nconst routes = [{path: '', data: {x: 1}}];\nexport function f() { return factory; }\n";
    let lowered = vec![at(src, "(n: number) => n", "ɵ0"), at(src, "{x: 1}", "ɵ1")];
    check(
        src,
        lowered,
        "export const a = 1;\nconst factory = (n) => n;\nconst ɵ0 = factory;\nconst ɵ1 = {x: 1};\nconst routes = [{path: '', data: ɵ1}];\nexport function f() { return factory; }\nexport { ɵ0, ɵ1 };\n",
    );
}

#[test]
fn the_export_list_follows_the_statements_not_the_numbers() {
    // The collector numbers in evaluation order; ngc 8 exports in statement order.
    let src = "const b = [() => 2];\nconst a = [() => 1];\nexport {};\n";
    let lowered = vec![at(src, "() => 1", "ɵ0"), at(src, "() => 2", "ɵ1")];
    check(src, lowered, "const ɵ1 = () => 2;\nconst b = [ɵ1];\nconst ɵ0 = () => 1;\nconst a = [ɵ0];\nexport { ɵ1, ɵ0 };\n");
}

#[test]
fn expressions_printed_for_generated_code_name_the_constants() {
    let src = "@Dec({useValue: {a: 1}, deps: [() => 2]})\nexport class C {}\n";
    let file = parse("input.ts", src).expect("parse");
    let lowered = vec![at(src, "{a: 1}", "ɵ0"), at(src, "() => 2", "ɵ1")];
    let options = EmitOptions::default();
    let mut js = ExpressionEmitter::new(&file, &options, &NoProgramFacts).with_lowered(&lowered);
    let swc_ecma_ast::ModuleItem::ModuleDecl(swc_ecma_ast::ModuleDecl::ExportDecl(export)) = &file.module.body[0] else {
        panic!("export")
    };
    let swc_ecma_ast::Decl::Class(class) = &export.decl else { panic!("class") };
    let arg = &class.class.decorators[0].expr;
    assert_eq!(js.emit(arg), "Dec({useValue: ɵ0, deps: [ɵ1]})");
    // Twice: each emit starts afresh.
    assert_eq!(js.emit(arg), "Dec({useValue: ɵ0, deps: [ɵ1]})");
}

#[test]
fn nothing_changes_without_lowered_expressions() {
    check("const f = () => 1;\nexport {};\n", Vec::new(), "const f = () => 1;\nexport {};\n");
}

#[test]
fn a_lowered_span_the_file_does_not_have_is_diagnosed() {
    let src = "export function f() { return () => () => 1; }\n";
    let file = parse("input.ts", src).expect("parse");
    // Inside an arrow function: ngc 8's transform does not enter it.
    let edits = Edits { lowered: vec![at(src, "() => 1", "ɵ0")], ..Edits::default() };
    let out = emit(&file, &EmitOptions::default(), &edits, &NoProgramFacts);
    let codes: Vec<_> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["NGRS7006"]);
}

#[test]
fn declarations_get_a_line_of_their_own_before_the_statements_comments() {
    let src = "const a = 1; // one\n/* two */\nconst b = [() => 2];\nexport {};\n";
    let file = parse("input.ts", src).expect("parse");
    let edits = Edits { lowered: vec![at(src, "() => 2", "ɵ0")], ..Edits::default() };
    let out = emit(&file, &EmitOptions::default(), &edits, &NoProgramFacts);
    // (The empty line is where tsc drops `export {};`.)
    assert_eq!(out.code, "const a = 1; // one\nconst ɵ0 = () => 2;\n/* two */\nconst b = [ɵ0];\n\nexport { ɵ0 };\n");
}
