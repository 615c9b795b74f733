//! Unit tests of the HTML layer (lexer + tree builder), one line of input each. The expected dumps were taken
//! from Angular 22.2's `HtmlParser` (ml_parser) on the same input, printed in the same format.

use ngc_template::html_ast::Node;
use ngc_template::lexer::{tokenize, LexerOptions, TokenKind};
use ngc_template::tree_builder::build_tree;

fn dump(nodes: &[Node], depth: usize, out: &mut Vec<String>) {
    let ind = "  ".repeat(depth);
    for n in nodes {
        match n {
            Node::Element(e) => {
                let end = e
                    .end_span
                    .map(|s| format!("{}..{}", s.start, s.end))
                    .unwrap_or_else(|| "-".into());
                let attrs: String = e
                    .attrs
                    .iter()
                    .map(|a| format!(" {}={:?}", a.name, a.value))
                    .collect();
                out.push(format!(
                    "{ind}Element {} {}..{} end={end}{attrs}",
                    e.name, e.span.start, e.span.end
                ));
                dump(&e.children, depth + 1, out);
            }
            Node::Text(t) => out.push(format!(
                "{ind}Text {:?} {}..{}",
                t.value, t.span.start, t.span.end
            )),
            Node::Comment(c) => out.push(format!(
                "{ind}Comment {:?} {}..{}",
                c.value.clone().unwrap_or_default(),
                c.span.start,
                c.span.end
            )),
            Node::Block(b) => {
                let params: Vec<&str> =
                    b.parameters.iter().map(|p| p.expression.as_str()).collect();
                out.push(format!(
                    "{ind}Block {} ({}) {}..{}",
                    b.name,
                    params.join(";"),
                    b.span.start,
                    b.span.end
                ));
                dump(&b.children, depth + 1, out);
            }
            Node::LetDeclaration(l) => out.push(format!(
                "{ind}Let {}={:?} {}..{}",
                l.name, l.value, l.span.start, l.span.end
            )),
            Node::Expansion(x) => {
                out.push(format!(
                    "{ind}Expansion {} {} {}..{}",
                    x.switch_value, x.kind, x.span.start, x.span.end
                ));
                for c in &x.cases {
                    out.push(format!("{ind}  Case {}", c.value));
                    dump(&c.expression, depth + 2, out);
                }
            }
        }
    }
}

fn check(src: &str, expected: &str) {
    let toks = tokenize(src, &LexerOptions::default());
    let tree = build_tree(src, toks.tokens);
    let mut out = Vec::new();
    dump(&tree.root_nodes, 0, &mut out);
    for e in toks.errors.iter().chain(tree.errors.iter()) {
        out.push(format!(
            "error {}..{} {}",
            e.span.start, e.span.end, e.message
        ));
    }
    assert_eq!(out.join("\n"), expected.trim(), "input: {src:?}");
}

#[test]
fn p_closed_by_div() {
    check(
        "<p>a<div>b</div>",
        "Element p 0..3 end=-\n  Text \"a\" 3..4\nElement div 4..16 end=10..16\n  Text \"b\" 9..10",
    );
}

#[test]
fn li_closes_li() {
    check(
        "<ul><li>a<li>b</ul>",
        "Element ul 0..19 end=14..19\n  Element li 4..8 end=-\n    Text \"a\" 8..9\n  Element li 9..13 end=-\n    Text \"b\" 13..14",
    );
}

#[test]
fn svg_namespace_and_foreign_object() {
    check(
        "<svg><foreignObject><div></div></foreignObject></svg>",
        "Element :svg:svg 0..53 end=47..53\n  Element :svg:foreignObject 5..47 end=31..47\n    Element div 20..31 end=25..31",
    );
}

#[test]
fn entities_decoded_and_unknown_reported() {
    check(
        "a &amp; &#x41; &bogus;",
        "Text \"a & A \" 0..15\nerror 15..22 Unknown entity \"bogus\" - use the \"&#<decimal>;\" or  \"&#x<hex>;\" syntax",
    );
}

#[test]
fn attribute_forms() {
    check(
        "<div a=\"{{x}}\" b=c d></div>",
        "Element div 0..27 end=21..27 a=\"{{x}}\" b=\"c\" d=\"\"",
    );
}

#[test]
fn blocks_with_parameters() {
    check(
        "@if (a; as b) {x} @else {y}",
        "Block if (a;as b) 0..17\n  Text \"x\" 15..16\nText \" \" 18..18\nBlock else () 18..27\n  Text \"y\" 25..26",
    );
}

#[test]
fn let_declaration() {
    check("@let a = 1;", "Let a=\"1\" 0..11");
}

#[test]
fn icu_expansion() {
    check(
        "{n, plural, =0 {none} other {<b>x</b>}}",
        "Expansion n plural 0..39\n  Case =0\n    Text \"none\" 16..20\n  Case other\n    Element b 29..37 end=33..37\n      Text \"x\" 32..33",
    );
}

#[test]
fn textarea_ignores_first_line_feed() {
    check(
        "<textarea>\n a</textarea>",
        "Element textarea 0..24 end=13..24\n  Text \" a\" 12..13",
    );
}

#[test]
fn comment_and_void_end_tag() {
    check(
        "<!-- c --><br/></br>",
        "Comment \"c\" 0..10\nElement br 10..15 end=10..15\nerror 15..20 Void elements do not have end tags \"br\"",
    );
}

#[test]
fn unclosed_elements_stay_open() {
    check(
        "<div><span>",
        "Element div 0..5 end=-\n  Element span 5..11 end=-",
    );
}

#[test]
fn stray_block_close() {
    check(
        "}",
        "error 0..1 Unexpected closing block. The block may have been closed earlier. If you meant to write the `}` character, you should use the \"&#125;\" HTML entity instead.",
    );
}

#[test]
fn incomplete_block() {
    check(
        "@if (a",
        "Block if (a) 0..6\nerror 0..6 Incomplete block \"if\". If you meant to write the @ character, you should use the \"&#64;\" HTML entity instead.",
    );
}

#[test]
fn token_kinds_of_a_start_tag() {
    let toks = tokenize("<a href=\"x\">t</a>", &LexerOptions::default());
    let kinds: Vec<TokenKind> = toks.tokens.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![
            TokenKind::TagOpenStart,
            TokenKind::AttrName,
            TokenKind::AttrQuote,
            TokenKind::AttrValueText,
            TokenKind::AttrQuote,
            TokenKind::TagOpenEnd,
            TokenKind::Text,
            TokenKind::TagClose,
            TokenKind::Eof
        ]
    );
}

#[test]
fn interpolation_token_parts() {
    let toks = tokenize("a{{ b }}c", &LexerOptions::default());
    let t = &toks.tokens[1];
    assert_eq!(t.kind, TokenKind::Interpolation);
    assert_eq!(t.parts, vec!["{{", " b ", "}}"]);
    assert_eq!((t.span.start, t.span.end), (1, 8));
}
