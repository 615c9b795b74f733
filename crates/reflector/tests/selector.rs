//! One-line tests of `ngc_reflector::selector`: parsing and printing, element selectors built
//! from template nodes, and match order. The differential test (selector_differential.rs)
//! checks the same behaviour against Angular over a larger corpus; these pin single rules and
//! cover what Angular's template parser never hands to the matcher (e.g. `i18n` attributes).

use ngc_reflector::selector::{is_ng_template, CssSelector, MatchNode, SelectorMatcher};

/// Parses `input` and prints the list as Angular's `toString` does, joined with `,`.
fn parse(input: &str) -> String {
    match CssSelector::parse(input) {
        Ok(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(","),
        Err(e) => format!("error: {e}"),
    }
}

/// Registers each selector list of `selectors` with its position as id and matches the first
/// selector of `element`; returns the ids in callback order.
fn matched(selectors: &[&str], element: &str) -> Vec<usize> {
    let mut m = SelectorMatcher::new();
    for (id, s) in selectors.iter().enumerate() {
        m.add_selectables(&CssSelector::parse(s).expect("valid selector"), id);
    }
    let el = CssSelector::parse(element).expect("valid element");
    m.match_element(&el[0])
        .into_iter()
        .map(|(_, id)| id)
        .collect()
}

fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn element(name: &str, pairs: &[(&str, &str)]) -> String {
    CssSelector::for_element(name, &attrs(pairs)).to_string()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn parse_element() {
    assert_eq!(parse("my-comp"), "my-comp");
}
#[test]
fn parse_keeps_element_case() {
    assert_eq!(parse("My-Comp"), "My-Comp");
}
#[test]
fn parse_lowercases_classes() {
    assert_eq!(parse(".Foo"), ".foo");
}
#[test]
fn parse_id_is_an_attribute() {
    assert_eq!(parse("#Main"), "[id=main]");
}
#[test]
fn parse_attribute_value_unquoted() {
    assert_eq!(parse("[type=Text]"), "[type=text]");
}
#[test]
fn parse_attribute_value_single_quoted() {
    assert_eq!(parse("[a='x y']"), "[a=x y]");
}
#[test]
fn parse_mismatched_quotes_skip_the_attribute() {
    assert_eq!(parse("[a=\"b']"), "b");
}
#[test]
fn parse_list() {
    assert_eq!(
        parse("a[routerLink] , area[routerLink]"),
        "a[routerLink],area[routerLink]"
    );
}
#[test]
fn parse_empty_is_one_empty_selector() {
    assert_eq!(parse(""), "");
}
#[test]
fn parse_not_moves_to_the_end() {
    assert_eq!(parse(":not(.a)[b]"), "[b]:not(.a)");
}
#[test]
fn parse_not_only_gets_star() {
    assert_eq!(parse(":not([a])"), "*:not([a])");
}
#[test]
fn parse_later_element_wins() {
    assert_eq!(parse("a:hover"), "hover");
}
#[test]
fn parse_star_is_skipped() {
    assert_eq!(parse("*.a"), ".a");
}
#[test]
fn parse_backslashes_dropped() {
    assert_eq!(parse("[a\\\\b]"), "[ab]");
}
#[test]
fn parse_escaped_dollar() {
    assert_eq!(parse("[\\$a]"), "[\\$a]");
}
#[test]
fn parse_error_dollar() {
    assert_eq!(parse("[a$]"), "error: Error in attribute selector \"a$\". Unescaped \"$\" is not supported. Please escape with \"\\$\".");
}
#[test]
fn parse_error_nested_not() {
    assert_eq!(
        parse(":not(:not(a))"),
        "error: Nesting :not in a selector is not allowed"
    );
}
#[test]
fn parse_error_list_in_not() {
    assert_eq!(
        parse("a:not(b,c)"),
        "error: Multiple selectors in :not are not supported"
    );
}
#[test]
fn parse_unicode_space_around_comma() {
    assert_eq!(parse("a\u{3000},\u{feff}b"), "a,b");
}

#[test]
fn element_classes_from_class_attr() {
    assert_eq!(
        element("div", &[("class", " A  b ")]),
        "div.a.b[class= a  b ]"
    );
}
#[test]
fn element_empty_class_attr_gives_empty_class() {
    assert_eq!(element("div", &[("class", "")]), "div.[class]");
}
#[test]
fn element_uppercase_class_attr() {
    assert_eq!(element("div", &[("CLASS", "X")]), "div.x[CLASS=x]");
}
#[test]
fn element_repeated_attr_keeps_first_place_last_value() {
    assert_eq!(
        element("div", &[("a", "1"), ("b", ""), ("a", "2")]),
        "div[a=2][b]"
    );
}
#[test]
fn element_index_names_first() {
    assert_eq!(
        element("div", &[("b", ""), ("10", ""), ("2", ""), ("01", "")]),
        "div[2][10][b][01]"
    );
}
#[test]
fn element_proto_dropped() {
    assert_eq!(element("div", &[("__proto__", "x"), ("a", "")]), "div[a]");
}
#[test]
fn element_namespaces_removed() {
    assert_eq!(
        element(":svg:rect", &[(":xlink:href", "X")]),
        "rect[href=x]"
    );
}
#[test]
fn element_odd_namespace_kept() {
    assert_eq!(element(":svg", &[]), ":svg");
}

#[test]
fn node_i18n_attributes_skipped() {
    let a = attrs(&[("i18n", "m"), ("i18n-title", ""), ("title", "T")]);
    let node = MatchNode {
        tag_name: "div",
        is_template: false,
        attributes: &a,
        property_inputs: &[],
        outputs: &[],
        template_attrs: &[],
    };
    assert_eq!(CssSelector::for_node(&node).to_string(), "div[title=t]");
}

#[test]
fn node_inline_template_uses_template_attrs_only() {
    let (a, i, t) = (
        attrs(&[("class", "c")]),
        names(&["x"]),
        names(&["ngIf", "ngIfElse"]),
    );
    let node = MatchNode {
        tag_name: "div",
        is_template: true,
        attributes: &a,
        property_inputs: &i,
        outputs: &[],
        template_attrs: &t,
    };
    assert_eq!(
        CssSelector::for_node(&node).to_string(),
        "ng-template[ngIf][ngIfElse]"
    );
}

#[test]
fn node_explicit_template_uses_attributes_inputs_outputs() {
    let (a, i, o) = (
        attrs(&[("ngFor", "")]),
        names(&["ngForOf"]),
        names(&["out"]),
    );
    let node = MatchNode {
        tag_name: "ng-template",
        is_template: true,
        attributes: &a,
        property_inputs: &i,
        outputs: &o,
        template_attrs: &[],
    };
    assert_eq!(
        CssSelector::for_node(&node).to_string(),
        "ng-template[ngFor][ngForOf][out]"
    );
}

#[test]
fn ng_template_with_namespace() {
    assert!(is_ng_template(":svg:ng-template"));
}
#[test]
fn ng_template_plain() {
    assert!(is_ng_template("ng-template") && !is_ng_template("template"));
}

#[test]
fn match_element_before_attribute() {
    assert_eq!(matched(&["[a]", "div"], "div[a]"), [1, 0]);
}
#[test]
fn match_attribute_without_value_matches_any_value() {
    assert_eq!(matched(&["[a]", "[a=x]"], "[a=x]"), [0, 1]);
}
#[test]
fn match_value_must_equal() {
    assert_eq!(matched(&["[a=x]"], "[a=y]"), [] as [usize; 0]);
}
#[test]
fn match_value_required() {
    assert_eq!(matched(&["[a=x]"], "[a]"), [] as [usize; 0]);
}
#[test]
fn match_star_value_fires_twice_for_a_value() {
    assert_eq!(matched(&["[a=*]"], "[a=x]"), [0, 0]);
}
#[test]
fn match_element_case_sensitive() {
    assert_eq!(matched(&["DIV"], "div"), [] as [usize; 0]);
}
#[test]
fn match_not_excludes() {
    assert_eq!(
        matched(
            &["[ngModel]:not([formControl])"],
            "input[ngModel][formControl]"
        ),
        [] as [usize; 0]
    );
}
#[test]
fn match_not_only_needs_an_element() {
    assert_eq!(matched(&[":not(.a)"], "[b]"), [] as [usize; 0]);
}
#[test]
fn match_list_once() {
    assert_eq!(matched(&["[a],[b]"], "[a][b]"), [0]);
}
#[test]
fn match_list_falls_through_failed_not() {
    assert_eq!(matched(&["[a]:not([c]),[b]", "[c]"], "[a][b][c]"), [0, 1]);
}
#[test]
fn match_duplicate_classes_fire_twice() {
    assert_eq!(matched(&[".a"], ".a.a"), [0, 0]);
}
#[test]
fn match_partial_then_terminal() {
    assert_eq!(
        matched(&["input[type=text][name]"], "input[name][type=text]"),
        [0]
    );
}

/// Registering (and dropping) a selector with 100 000 parts builds no deep structure, and
/// matching an element against a 3 000-level chain needs no deep recursion. (Matching costs
/// parts × element attributes, as in Angular, so the matched element stays smaller.)
#[test]
fn deep_selector_does_not_overflow() {
    let long: String = (0..100_000).map(|i| format!("[a{i}]")).collect();
    let mut m = SelectorMatcher::new();
    m.add_selectables(&CssSelector::parse(&long).expect("valid"), 0);
    let chain: String = (0..3_000).map(|i| format!("[b{i}]")).collect();
    let chain = CssSelector::parse(&chain).expect("valid");
    m.add_selectables(&chain, 1);
    let ids: Vec<usize> = m
        .match_element(&chain[0])
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert_eq!(ids, [1]);
}

#[test]
fn matches_are_deterministic() {
    let mut m = SelectorMatcher::new();
    for (i, s) in ["[z]", "[a]", "[m]", ".q", "div"].iter().enumerate() {
        m.add_selectables(&CssSelector::parse(s).expect("valid"), i);
    }
    let el = CssSelector::parse("div.q[m][z][a]").expect("valid");
    let ids: Vec<usize> = m
        .match_element(&el[0])
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert_eq!(ids, [4, 3, 2, 0, 1]);
}

/// Long runs of characters the scanner skips stay linear.
#[test]
fn long_whitespace_run_is_linear() {
    let selector = format!("a{}b", " ".repeat(200_000));
    assert_eq!(parse(&selector), "b");
}

/// Many attributes on one element stay fast (no quadratic de-duplication).
#[test]
fn many_element_attributes() {
    let pairs: Vec<(String, String)> = (0..50_000)
        .map(|i| (format!("a{i}"), String::new()))
        .collect();
    assert_eq!(CssSelector::for_element("div", &pairs).attrs.len(), 50_000);
}
