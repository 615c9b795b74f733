//! Deep input never overflows the stack: 10,000 levels of every nesting construct give a
//! result or the depth-limit error, in a test thread's default (2 MiB) stack.

use ngc_expression::*;

fn depth_error(errors: &[ParseError]) -> bool {
    errors
        .iter()
        .any(|e| e.message.starts_with("Expression is nested too deeply") && e.code == "NGRS2102")
}

fn check_deep(name: &str, input: &str, action: bool) {
    let result = if action {
        parse_action(input, 0)
    } else {
        parse_binding(input, 0)
    };
    assert!(
        depth_error(&result.errors),
        "{name}: expected the depth-limit error, got {:?}",
        result.errors.first()
    );
    // Dropping and cloning the tree must not overflow either.
    let copy = result.ast.clone();
    drop(copy);
}

const N: usize = 10_000;

#[test]
fn deeply_nested_input_hits_the_depth_limit() {
    check_deep(
        "parens",
        &format!("{}a{}", "(".repeat(N), ")".repeat(N)),
        false,
    );
    check_deep("unclosed parens", &"(".repeat(N), false);
    check_deep("member chain", &format!("a{}", ".b".repeat(N)), false);
    check_deep("safe chain", &format!("a{}", "?.b".repeat(N)), false);
    check_deep("calls", &format!("f{}", "()".repeat(N)), false);
    check_deep(
        "nested calls",
        &format!("{}x{}", "f(".repeat(N), ")".repeat(N)),
        false,
    );
    check_deep("keyed", &format!("a{}", "[0]".repeat(N)), false);
    check_deep(
        "nested keys",
        &format!("{}0{}", "a[".repeat(N), "]".repeat(N)),
        false,
    );
    check_deep("not", &format!("{}a", "!".repeat(N)), false);
    check_deep("minus", &format!("{}a", "-".repeat(N)), false);
    check_deep("typeof", &format!("{}a", "typeof ".repeat(N)), false);
    check_deep("non-null", &format!("a{}", "!".repeat(N)), false);
    check_deep(
        "arrays",
        &format!("{}{}", "[".repeat(N), "]".repeat(N)),
        false,
    );
    check_deep(
        "objects",
        &format!("{}1{}", "{a:".repeat(N), "}".repeat(N)),
        false,
    );
    check_deep("addition", &format!("a{}", " + a".repeat(N)), false);
    check_deep("power", &format!("a{}", " ** a".repeat(N)), false);
    check_deep("conditional", &format!("{}c", "a ? b : ".repeat(N)), false);
    check_deep(
        "nested conditional",
        &format!("{}b{}", "a ? ".repeat(N), " : c".repeat(N)),
        false,
    );
    check_deep("pipes", &format!("a{}", " | p".repeat(N)), false);
    check_deep("pipe args", &format!("a{}", " | p:(b".repeat(N)), false);
    check_deep(
        "template literals",
        &format!("{}a{}", "`${".repeat(N), "}`".repeat(N)),
        false,
    );
    check_deep("tagged templates", &format!("a{}", "`x`".repeat(N)), false);
    check_deep("arrows", &format!("{}a", "x => ".repeat(N)), false);
    check_deep("assignments", &format!("{}1", "a = ".repeat(N)), true);
    check_deep(
        "keyed assignments",
        &format!("{}1", "a[0] = ".repeat(N)),
        true,
    );
    check_deep(
        "spread",
        &format!("{}a{}", "[...".repeat(N), "]".repeat(N)),
        false,
    );
}

#[test]
fn deep_interpolation_and_microsyntax_hit_the_depth_limit() {
    let text = format!("{{{{ {}a{} }}}}", "(".repeat(N), ")".repeat(N));
    let result = parse_interpolation(&text, 0, None).expect("has an interpolation");
    assert!(depth_error(&result.errors));
    let result = parse_template_bindings("ngIf", &format!("{}a", "!".repeat(N)), 0, 6);
    assert!(depth_error(&result.errors));
    let result = parse_simple_binding(&format!("a{}", " | p".repeat(N)), 0);
    assert!(depth_error(&result.errors));
}

#[test]
fn moderate_nesting_is_fine() {
    for input in [
        format!("{}a{}", "(".repeat(100), ")".repeat(100)),
        format!("a{}", ".b".repeat(400)),
        format!("a{}", " + a".repeat(400)),
        format!("{}a", "!".repeat(400)),
        format!("{}1{}", "[".repeat(100), "]".repeat(100)),
    ] {
        let result = parse_binding(&input, 0);
        assert!(result.errors.is_empty(), "{:?}", result.errors.first());
    }
}

#[test]
fn long_flat_input_is_fine() {
    // Chains and arrays are flat: long ones are no problem.
    let args = vec!["a"; N].join(", ");
    let result = parse_binding(&format!("f({args}) + [{args}]"), 0);
    assert!(result.errors.is_empty());
    let result = parse_action(&vec!["a = 1"; N].join("; "), 0);
    assert!(result.errors.is_empty());
}

#[test]
fn long_input_starting_with_interpolation_braces_is_fine() {
    // Angular's interpolation check rescans from every character: quadratic, like Angular.
    let input = format!("{{{{{}", "a ".repeat(5_000));
    let start = std::time::Instant::now();
    let result = parse_binding(&input, 0);
    assert!(!result.errors.is_empty());
    eprintln!("10k chars after {{{{: {:?}", start.elapsed());
}

#[test]
fn many_errors_are_fine() {
    let start = std::time::Instant::now();
    let result = parse_binding(&"@ ".repeat(5_000), 0);
    assert!(result.errors.len() >= 5_000);
    let result = parse_binding(&"a ".repeat(5_000), 0);
    assert!(!result.errors.is_empty());
    eprintln!("5k errors: {:?}", start.elapsed());
}
