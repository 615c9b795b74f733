//! Inline templates: a template written as a string literal in a .ts file is parsed cooked, and its spans map
//! back to the file through `SourceMap`.

use ngc_template::{parse_template, ParseOptions, SourceMap, Span};

#[test]
fn identity_map() {
    let m = SourceMap::identity(10, 100);
    assert_eq!(m.to_file(0), 100);
    assert_eq!(m.to_file(7), 107);
    assert_eq!(m.to_file(10), 110);
}

#[test]
fn escapes_map_to_the_escape() {
    //            0123456 7 8 9...
    let file = "tpl = '<b>\\n{{ a }}\\'</b>';";
    let start = file.find('\'').unwrap() as u32;
    let end = file.rfind('\'').unwrap() + 1;
    let (cooked, map) =
        SourceMap::from_js_string_literal(&file[start as usize..end], start).unwrap();
    assert_eq!(cooked, "<b>\n{{ a }}'</b>");
    // `<` is right after the opening quote.
    assert_eq!(map.to_file(0), start + 1);
    // The line feed is the `\n` escape.
    assert_eq!(map.to_file(3), start + 4);
    // `{{` follows the two-character escape.
    assert_eq!(map.to_file(4), start + 6);
    assert_eq!(
        &file[map.to_file(4) as usize..map.to_file(4) as usize + 2],
        "{{"
    );
    // The end of the template is the closing quote.
    assert_eq!(map.to_file(cooked.len() as u32), end as u32 - 1);
}

#[test]
fn spans_of_a_parsed_inline_template_point_into_the_file() {
    let file = "@Component({template: \"<div [title]=\\\"t\\\">\\u00e9 {{ x }}</div>\"})";
    let start = file.find('"').unwrap();
    let end = file.rfind('"').unwrap() + 1;
    let (cooked, map) = SourceMap::from_js_string_literal(&file[start..end], start as u32).unwrap();
    assert_eq!(cooked, "<div [title]=\"t\">é {{ x }}</div>");
    let parsed = parse_template(&cooked, &ParseOptions::default());
    assert!(parsed.errors.is_empty());
    let ngc_template::Node::Element(div) = &parsed.nodes[0] else {
        panic!("element")
    };
    let input = &div.inputs[0];
    let key = map.span_to_file(input.key_span);
    assert_eq!(&file[key.start as usize..key.end as usize], "title");
    let value = map.span_to_file(input.value_span.unwrap());
    assert_eq!(&file[value.start as usize..value.end as usize], "t");
    let ngc_template::Node::BoundText(text) = &div.children[0] else {
        panic!("bound text")
    };
    let s = map.span_to_file(Span::new(
        text.value.source_span.start,
        text.value.source_span.end,
    ));
    assert_eq!(&file[s.start as usize..s.end as usize], "\\u00e9 {{ x }}");
}

#[test]
fn template_literals_and_line_continuations() {
    let (cooked, _) = SourceMap::from_js_string_literal("`a\\\nb\r\nc`", 0).unwrap();
    assert_eq!(cooked, "ab\nc");
    assert!(SourceMap::from_js_string_literal("`${x}`", 0).is_none());
    assert!(SourceMap::from_js_string_literal("'unterminated", 0).is_none());
}

#[test]
fn map_to_file_moves_every_span() {
    let file = "x = '<li *ngFor=\"let a of xs\" [t]=\"\\'q\\'\">{{ a }}</li>@if (b) {\\n<i></i>}';";
    let start = file.find('\'').unwrap();
    let end = file.rfind('\'').unwrap() + 1;
    let (cooked, map) = SourceMap::from_js_string_literal(&file[start..end], start as u32).unwrap();
    let mut parsed = parse_template(&cooked, &ParseOptions::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.map_to_file(&map);
    let text = |s: Span| &file[s.start as usize..s.end as usize];
    let ngc_template::Node::Template(tpl) = &parsed.nodes[0] else {
        panic!("template")
    };
    let ngc_template::Node::Element(li) = &tpl.children[0] else {
        panic!("li")
    };
    assert_eq!(text(li.inputs[0].key_span), "t");
    assert_eq!(text(li.inputs[0].value_span.unwrap()), "\\'q\\'");
    let v = &li.inputs[0].value;
    assert_eq!(
        text(Span::new(v.ast.source_span.start, v.ast.source_span.end)),
        "\\'q\\'"
    );
    assert_eq!(text(tpl.variables[0].key_span), "a");
    let ngc_template::Node::IfBlock(b) = &parsed.nodes[1] else {
        panic!("if")
    };
    assert_eq!(text(b.span), "@if (b) {\\n<i></i>}");
    let ngc_template::Node::Element(i) = &b.branches[0].children[0] else {
        panic!("i")
    };
    assert_eq!(text(i.span), "<i></i>");
}
