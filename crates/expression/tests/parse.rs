//! One-line parser tests: input → s-expression of the AST with spans, then the errors.
//! Every input here is also in tests/fixtures/expressions/corpus.txt, where the differential
//! test proves the same tree, spans and messages against Angular 22.2 itself.

mod common;

use common::sexpr::print_result;
use ngc_expression::*;

fn check(result: ParseResult<AstWithSource>, expect: &str) {
    let actual = print_result(&result.ast.ast, &result.errors, 0);
    assert_eq!(actual, expect, "\nactual:\n{actual}\n");
}

fn check_binding(input: &str, expect: &str) {
    check(parse_binding(input, 0), expect);
}

fn check_action(input: &str, expect: &str) {
    check(parse_action(input, 0), expect);
}

fn check_simple(input: &str, expect: &str) {
    check(parse_simple_binding(input, 0), expect);
}

fn check_interpolation(input: &str, expect: &str) {
    let actual = match parse_interpolation(input, 0, None) {
        None => "none".to_string(),
        Some(r) => print_result(&r.ast.ast, &r.errors, 0),
    };
    assert_eq!(actual, expect, "\nactual:\n{actual}\n");
}

fn check_bindings(key: &str, value: &str, expect: &str) {
    let r = parse_template_bindings(key, value, 0, 0);
    let mut lines = Vec::new();
    for b in &r.template_bindings {
        match b {
            TemplateBinding::Variable(v) => lines.push(format!(
                "let {} = {} {}..{}",
                v.key.source,
                v.value.as_ref().map_or("-", |v| v.source.as_str()),
                v.source_span.start,
                v.source_span.end
            )),
            TemplateBinding::Expression(e) => lines.push(format!(
                "bind {} = {} {}..{}",
                e.key.source,
                e.value
                    .as_ref()
                    .map_or("-".to_string(), |v| common::sexpr::print(&v.ast, 0)),
                e.source_span.start,
                e.source_span.end
            )),
        }
    }
    for e in &r.errors {
        lines.push(format!("error: {} {}", e.message, e.location_text));
    }
    let actual = lines.join("\n");
    assert_eq!(actual, expect, "\nactual:\n{actual}\n");
}

#[test]
fn reads_and_navigation() {
    check_binding("a", "(read a 0..1)");
    check_binding("a.b.c", "(read c 0..5 (read b 0..3 (read a 0..1)))");
    check_binding("this.a", "(read a 0..6 (this 0..4))");
    check_binding("a?.b.c", "(read c 0..6 (safe-read b 0..4 (read a 0..1)))");
    check_binding("a?.[0]", "(safe-keyed 0..6 (read a 0..1) (0 4..5))");
    check_binding("a?.()", "(safe-call 0..5 (read a 0..1))");
    check_binding("a!.b", "(read b 0..4 (non-null 0..2 (read a 0..1)))");
    check_binding(
        "a[b][c]",
        "(keyed 0..7 (keyed 0..4 (read a 0..1) (read b 2..3)) (read c 5..6))",
    );
}

#[test]
fn literals_and_collections() {
    check_binding(
        "f(1, 'x')",
        "(call 0..9 (read f 0..1) (1 2..3) (\"x\" 5..8))",
    );
    check_binding(
        "f(...args)",
        "(call 0..10 (read f 0..1) (... 2..9 (read args 5..9)))",
    );
    check_binding("1.5e3", "(1500 0..5)");
    check_binding("'a\\'b'", "(\"a'b\" 0..6)");
    check_binding("null", "(null 0..4)");
    check_binding("undefined", "(undefined 0..9)");
    check_binding(
        "[1, ...a]",
        "(array 0..9 (1 1..2) (... 4..8 (read a 7..8)))",
    );
    check_binding(
        "{a, 'b-c': 1, ...d}",
        "(map 0..19 a \"b-c\": (1 11..12) ...(read d 17..18))",
    );
}

#[test]
fn operators_and_precedence() {
    check_binding("-a", "(unary- 0..2 (read a 1..2))");
    check_binding("!!a", "(! 0..3 (! 1..3 (read a 2..3)))");
    check_binding(
        "typeof a === 'string'",
        "(=== 0..21 (typeof 0..8 (read a 7..8)) (\"string\" 13..21))",
    );
    check_binding("void 0", "(void 0..6 (0 5..6))");
    check_binding(
        "a + b * c",
        "(+ 0..9 (read a 0..1) (* 4..9 (read b 4..5) (read c 8..9)))",
    );
    check_binding(
        "(a + b) * c",
        "(* 0..11 (paren 0..7 (+ 1..6 (read a 1..2) (read b 5..6))) (read c 10..11))",
    );
    check_binding(
        "a ** b ** c",
        "(** 0..11 (read a 0..1) (** 5..11 (read b 5..6) (read c 10..11)))",
    );
    check_binding(
        "a ?? b || c",
        "(|| 0..11 (?? 0..6 (read a 0..1) (read b 5..6)) (read c 10..11))",
    );
    check_binding("a in b", "(in 0..6 (read a 0..1) (read b 5..6))");
    check_binding(
        "a instanceof B",
        "(instanceof 0..14 (read a 0..1) (read B 13..14))",
    );
    check_binding("a ? b : c ? d : e", "(? 0..17 (read a 0..1) (read b 4..5) (? 8..17 (read c 8..9) (read d 12..13) (read e 16..17)))");
    check_binding(
        "a | p:1:2 | q",
        "(pipe q 0..13 (pipe p 0..9 (read a 0..1) (1 6..7) (2 8..9)))",
    );
}

#[test]
fn pipes_templates_regex_arrows() {
    check_binding("`a${b}c`", "(template 0..8 \"a\" (read b 4..5) \"c\")");
    check_binding(
        "tag`x${y}`",
        "(tagged 0..10 (read tag 0..3) (template 3..10 \"x\" (read y 7..8) \"\"))",
    );
    check_binding("/ab+c/gi", "(regex /ab+c/gi 0..8)");
    check_binding("items.map(x => x.id)", "(call 0..20 (read map 0..9 (read items 0..5)) (=> 10..19 [x] (read id 15..19 (read x 15..16))))");
    check_binding(
        "(a, b) => a + b",
        "(=> 0..15 [a b] (+ 10..15 (read a 10..11) (read b 14..15)))",
    );
}

#[test]
fn actions() {
    check_action(
        "a = b; c()",
        "(chain 0..10 (= 0..5 (read a 0..1) (read b 4..5)) (call 7..10 (read c 7..8)))",
    );
    check_action("a.b += 1", "(+= 0..8 (read b 0..3 (read a 0..1)) (1 7..8))");
    check_action(
        "a[k] ??= v",
        "(??= 0..10 (keyed 0..4 (read a 0..1) (read k 2..3)) (read v 9..10))",
    );
    check_action(
        "onClick($event)",
        "(call 0..15 (read onClick 0..7) (read $event 8..14))",
    );
}

#[test]
fn errors() {
    check_binding(
        "a = b",
        "(empty 0..5)\nerror: Bindings cannot contain assignments at column 5 in",
    );
    check_binding(
        "a; b",
        "(read a 0..1)\nerror: Binding expression cannot contain chained expression at column 4 in",
    );
    check_action("a | p", "(pipe  0..5 (read a 0..1))\nerror: Cannot have a pipe in an action expression at column 5 in\nerror: Unexpected end of input, expected identifier or keyword at the end of the expression");
    check_binding("-a ** b", "(** 0..0 (unary- 0..2 (read a 1..2)) (empty 0..0))\nerror: Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence at column 4 in\nerror: Unexpected end of expression: -a ** b at the end of the expression");
    check_binding("a.", "(read  0..2 (read a 0..1))\nerror: Unexpected end of input, expected identifier or keyword at the end of the expression\nerror: Expected identifier for property access at column 2 in");
    check_binding("f(", "(call 0..2 (read f 0..1) (empty 2..2))\nerror: Unexpected end of expression: f( at the end of the expression\nerror: Missing expected ) at the end of the expression");
    check_binding("'abc", "(empty 4..4)\nerror: Unexpected token Lexer Error: Unterminated quote at column 4 in expression ['abc] at column 5 in\nerror: Lexer Error: Unterminated quote at column 4 in expression ['abc] at the end of the expression");
    check_binding(
        "{a: 1",
        "(map 0..5 a: (1 4..5))\nerror: Missing expected } at the end of the expression",
    );
    check_binding(
        "a b",
        "(read a 0..1)\nerror: Unexpected token 'b' at column 3 in",
    );
    check_binding("", "(empty 0..0)");
    check_binding("#x", "(empty 0..2)\nerror: Private identifiers are not supported. Unexpected private identifier: #x at column 1 in");
    check_binding("a ? b", "(? 0..5 (read a 0..1) (read b 4..5) (empty 0..5))\nerror: Conditional expression a ? b requires all 3 expressions at the end of the expression");
    check_binding("() => {}", "(=> 0..8 [] (empty 0..8))\nerror: Multi-line arrow functions are not supported. If you meant to return an object literal, wrap it with parentheses. at column 7 in");
    check_binding("/a/gg", "(regex /a/gg 0..5)\nerror: Duplicate regular expression flag \"g\" at the end of the expression");
    check_binding("a | ", "(pipe  0..3@0..4 (read a 0..1))\nerror: Unexpected end of input, expected identifier or keyword at the end of the expression");
    check_binding(
        "[1 2]",
        "(array 0..5 (1 1..2))\nerror: Missing expected ] at column 4 in",
    );
    check_simple(
        "a | p",
        "(pipe p 0..5 (read a 0..1))\nerror: Host binding expression cannot contain pipes",
    );
    check_action(
        "a?.b = 1",
        "(empty 0..8)\nerror: The '?.' operator cannot be used in the assignment at column 8 in",
    );
    check_binding("{{a}}", "(map 0..4 )\nerror: Got interpolation ({{}}) where expression was expected at column 0 in\nerror: Unexpected token {, expected identifier, keyword, or string at column 2 in\nerror: Unexpected token '}' at column 5 in");
}

#[test]
fn interpolations() {
    check_interpolation("hello", "none");
    check_interpolation(
        "hello {{ name }}!",
        "(interp 0..17 [\"hello \", \"!\"] (read name 9..13))",
    );
    check_interpolation(
        "{{a}}{{b}}",
        "(interp 0..10 [\"\", \"\", \"\"] (read a 2..3) (read b 7..8))",
    );
    check_interpolation("{{ '}}' }}", "(interp 0..10 [\"\", \"\"] (\"}}\" 3..7))");
    check_interpolation(
        "{{ a // comment }}",
        "(interp 0..18 [\"\", \"\"] (read a 3..4))",
    );
    check_interpolation("{{ // only comment }}", "(interp 0..21 [\"\", \"\"])\nerror: Interpolation expression cannot only contain a comment at column 0 in");
    check_interpolation("a {{ }} b", "(interp 0..9 [\"a \", \" b\"] (empty 4..13))\nerror: Blank expressions are not allowed in interpolated strings at column 2 in");
    check_interpolation("{{ a", "none");
    check_interpolation(
        "a {{ b }} {{ c",
        "(interp 0..14 [\"a \", \" {{ c\"] (read b 5..6))",
    );
    check_interpolation(
        "{{ a | p:1 }} {{ b }}",
        "(interp 0..21 [\"\", \" \", \"\"] (pipe p 3..10 (read a 3..4) (1 9..10)) (read b 17..18))",
    );
    check_interpolation("{{ a; b }}", "(interp 0..10 [\"\", \"\"] (read a 3..4))\nerror: Binding expression cannot contain chained expression at column 5 in");
}

#[test]
fn microsyntax() {
    check_bindings("ngFor", "let item of items; index as i; trackBy: fn", "bind ngFor = - 0..0\nlet item = - 0..9\nbind ngForOf = (read items 12..17) 9..19\nlet i = index 19..31\nbind ngForTrackBy = (read fn 40..42) 31..42");
    check_bindings("ngFor", "let item of items; let i = index", "bind ngFor = - 0..0\nlet item = - 0..9\nbind ngForOf = (read items 12..17) 9..19\nlet i = index 19..32");
    check_bindings(
        "ngFor",
        "let k = $implicit",
        "bind ngFor = - 0..0\nlet k = $implicit 0..17",
    );
    check_bindings("ngIf", "cond; else other as alias", "bind ngIf = (read cond 0..4) 0..6\nbind ngIfElse = (read other 11..16) 6..17\nlet alias = ngIfElse 6..25");
    check_bindings(
        "ngIf",
        "user$ | async as user",
        "bind ngIf = (pipe async 0..13 (read user$ 0..5)) 0..14\nlet user = ngIf 0..21",
    );
    check_bindings("ngIf", "cond; then a; else b", "bind ngIf = (read cond 0..4) 0..6\nbind ngIfThen = (read a 11..12) 6..14\nbind ngIfElse = (read b 19..20) 14..20");
    check_bindings(
        "ngFor",
        "let item of",
        "bind ngFor = - 0..0\nlet item = - 0..9\nbind ngForOf = - 9..11",
    );
    check_bindings("ngFor", "let = x", "bind ngFor = - 0..0\nlet  = - 0..7\nerror: Unexpected token =, expected identifier, keyword, or string at column 5 in");
}

#[test]
fn literal_primitive_wrapping() {
    let w = wrap_literal_primitive(Some("abc"), 10);
    assert_eq!(common::sexpr::print(&w.ast, 10), "(\"abc\" 0..3)");
    assert_eq!(w.source_span, AbsoluteSpan::new(10, 13));
    let w = wrap_literal_primitive(None, 10);
    assert_eq!(common::sexpr::print(&w.ast, 10), "(null 0..0)");
}
