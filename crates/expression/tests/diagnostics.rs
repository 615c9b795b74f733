//! Every diagnostic code of the crate is triggered here, with its primary span.

use ngc_expression::*;

fn first(errors: &[ParseError]) -> (&'static str, u32, u32) {
    let e = errors.first().expect("an error");
    (e.code, e.span.start, e.span.end)
}

#[test]
fn every_code_is_triggered_with_its_span() {
    // NGRS2100: syntax errors (unexpected token, missing expected character, ...).
    assert_eq!(
        first(&parse_binding("a b", 10).errors),
        ("NGRS2100", 12, 13)
    );
    assert_eq!(first(&parse_binding("f(", 10).errors), ("NGRS2100", 12, 12));
    // NGRS2101: lexer errors; the span is the error token.
    let r = parse_binding("'abc", 10);
    assert_eq!(r.errors[1].code, "NGRS2101");
    assert_eq!(
        r.errors[1].message,
        "Lexer Error: Unterminated quote at column 4 in expression ['abc]"
    );
    // NGRS2102: depth limit.
    let deep = format!("{}a", "!".repeat(MAX_DEPTH + 10));
    assert_eq!(first(&parse_binding(&deep, 0).errors).0, "NGRS2102");
    // NGRS2103: chain in a binding.
    assert_eq!(
        first(&parse_binding("a; b", 10).errors),
        ("NGRS2103", 13, 14)
    );
    // NGRS2104: pipes where none are allowed.
    assert_eq!(
        first(&parse_action("a | p", 10).errors),
        ("NGRS2104", 14, 15)
    );
    assert_eq!(
        first(&parse_simple_binding("a | p", 10).errors),
        ("NGRS2104", 10, 15)
    );
    // NGRS2105: assignments where none are allowed.
    assert_eq!(
        first(&parse_binding("a = b", 10).errors),
        ("NGRS2105", 14, 15)
    );
    assert_eq!(
        first(&parse_action("a?.b = 1", 10).errors),
        ("NGRS2105", 17, 18)
    );
    // NGRS2106: interpolation where an expression is expected.
    assert_eq!(
        first(&parse_binding("{{a}}", 10).errors),
        ("NGRS2106", 10, 15)
    );
    // NGRS2107: blank or comment-only interpolation.
    let r = parse_interpolation("x {{ }}", 10, None).expect("interpolation");
    assert_eq!(first(&r.errors), ("NGRS2107", 12, 17));
    let r = parse_interpolation("{{ // c }}", 10, None).expect("interpolation");
    assert_eq!(first(&r.errors), ("NGRS2107", 10, 20));
    // NGRS2108: private identifiers.
    assert_eq!(
        first(&parse_binding("a.#b", 10).errors),
        ("NGRS2108", 12, 14)
    );
    // NGRS2109: regular expression flags.
    assert_eq!(first(&parse_binding("/a/gx", 10).errors).0, "NGRS2109");
    // NGRS2110: arrow function with a block body.
    assert_eq!(
        first(&parse_binding("() => {}", 10).errors),
        ("NGRS2110", 16, 17)
    );
    // NGRS2111: unary operator before `**`.
    assert_eq!(
        first(&parse_binding("-a ** 2", 10).errors),
        ("NGRS2111", 13, 15)
    );
}

#[test]
fn angular_text_assembles_the_full_message() {
    let r = parse_binding("a b", 0);
    assert_eq!(
        r.errors[0].angular_text("ng:///App.html@3:4"),
        "Parser Error: Unexpected token 'b' at column 3 in [a b] in ng:///App.html@3:4"
    );
    let r = parse_simple_binding("a | p", 0);
    assert_eq!(
        r.errors[0].angular_text("L"),
        "Parser Error: Host binding expression cannot contain pipes[a | p] in L"
    );
}

#[test]
fn interpolation_offsets_follow_the_index_map() {
    // Template text `&amp;{{ a }}` decoded to `&{{ a }}`: the entity is 5 bytes in the
    // template, 1 in the decoded text. Angular builds the map from the HTML lexer's tokens.
    // Tokens: the entity (decoded 1, encoded 5), then the interpolation `{{ a }}` (7, 7).
    let map = index_map_for_original_template([(1, 5), (7, 7)]);
    assert_eq!(map, vec![(1, 5), (8, 12)]);
    let r = parse_interpolation("&{{ a }}", 100, Some(&map)).expect("interpolation");
    assert!(r.errors.is_empty());
    let AstKind::Interpolation { expressions, .. } = &r.ast.ast.kind else {
        panic!("not an interpolation")
    };
    // The expression `a` sits at template offset 5 + 2 + 1 = 8.
    assert_eq!(expressions[0].span, ParseSpan::new(8, 9));
    assert_eq!(expressions[0].source_span, AbsoluteSpan::new(108, 109));
    let (split, _) = split_interpolation("&{{ a }}", 100, Some(&map));
    assert_eq!(split.offsets, vec![7]);
}

#[test]
fn never_panics_on_odd_input() {
    for input in [
        "", "\0", "\u{a0}", "'\\", "'\\u", "'\\u12", "`${", "`${`${", "a?.[", "((((", "}}}}",
        "{{{{", "..", "1e+", "#", "😀😀", "\\u0041",
    ] {
        for mode in 0..4 {
            let _ = match mode {
                0 => parse_binding(input, 0).errors.len(),
                1 => parse_action(input, 0).errors.len(),
                2 => parse_interpolation(input, 0, None).map_or(0, |r| r.errors.len()),
                _ => parse_template_bindings("ngIf", input, 0, 5).errors.len(),
            };
        }
    }
}
