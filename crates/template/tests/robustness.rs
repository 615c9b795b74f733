//! Parsing never fails: deep nesting (explicit stacks / stack growth) and random input (no panic), plus the
//! invariant that every error and node span lies inside the template.

use ngc_template::{parse_template, ParseOptions};

fn check_spans(source: &str, t: &ngc_template::ParsedTemplate) {
    let len = source.len() as u32;
    for e in &t.errors {
        assert!(
            e.span.start <= e.span.end && e.span.end <= len,
            "error span {:?} out of range in {source:?}",
            e.span
        );
    }
    let mut stack: Vec<&ngc_template::Node> = t.nodes.iter().collect();
    while let Some(n) = stack.pop() {
        let s = n.span();
        assert!(
            s.start <= s.end && s.end <= len,
            "node span {s:?} out of range in {source:?}"
        );
        if let ngc_template::Node::Element(e) = n {
            stack.extend(e.children.iter());
        }
    }
}

/// Runs `f` on a thread with a small (512 KiB) stack, so that recursion proportional to the input depth
/// would overflow.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic");
}

#[test]
fn ten_thousand_nested_elements() {
    on_small_stack(|| {
        let depth = 10_000;
        let src = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let t = parse_template(&src, &ParseOptions::default());
        assert!(t.errors.is_empty());
        let mut d = 0;
        let mut n = &t.nodes[0];
        while let ngc_template::Node::Element(e) = n {
            d += 1;
            match e.children.first() {
                Some(c) => n = c,
                None => break,
            }
        }
        assert_eq!(d, depth);
        check_spans(&src, &t);
    });
}

#[test]
fn ten_thousand_unclosed_elements() {
    on_small_stack(|| {
        let src = "<span>".repeat(10_000);
        let t = parse_template(&src, &ParseOptions::default());
        check_spans(&src, &t);
    });
}

#[test]
fn ten_thousand_nested_blocks() {
    on_small_stack(|| {
        let depth = 10_000;
        let src = format!("{}x{}", "@if (a) {".repeat(depth), "}".repeat(depth));
        let t = parse_template(&src, &ParseOptions::default());
        assert!(t.errors.is_empty(), "{:?}", t.errors.first());
        check_spans(&src, &t);
    });
}

#[test]
fn deeply_nested_mixed_constructs() {
    on_small_stack(|| {
        let depth = 3_000;
        let src = format!(
            "{}{{{{a}}}}{}",
            "<div *ngIf=\"a\">@for (x of y; track x) {<ng-template>@switch (a) {@case (1) {@defer {".repeat(depth),
            "}}}</ng-template>}</div>".repeat(depth)
        );
        let t = parse_template(&src, &ParseOptions::default());
        check_spans(&src, &t);
    });
}

#[test]
fn deeply_nested_icus() {
    on_small_stack(|| {
        let depth = 2_000;
        let src = format!("{}x{}", "{a, select, b {".repeat(depth), "}}".repeat(depth));
        let t = parse_template(&src, &ParseOptions::default());
        check_spans(&src, &t);
    });
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_input_never_panics() {
    const PIECES: &[&str] = &[
        "<",
        ">",
        "/",
        "</",
        "<div",
        "<p>",
        "</p>",
        "<input",
        "<ng-template",
        "<ng-content",
        "<svg>",
        "=",
        "\"",
        "'",
        "{{",
        "}}",
        "{",
        "}",
        "@if",
        "@else",
        "@for",
        "@switch",
        "@case",
        "@default",
        "@defer",
        "@placeholder",
        "@let",
        "@error",
        "@boundary",
        "@content",
        "(",
        ")",
        ";",
        "[",
        "]",
        "*ngIf",
        "#r",
        "let-x",
        "i18n",
        "&amp;",
        "&#",
        "&",
        "x",
        " ",
        "\n",
        "\r\n",
        "é",
        "😀",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "plural,",
        "select,",
        "other",
        "=0",
        "on idle",
        "when",
        "track",
        "of",
        "as",
        "|",
        ".",
        ",",
        "`",
        "\\",
        "\u{E500}",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..3_000 {
        let n = (rng.next() % 40) as usize;
        let mut src = String::new();
        for _ in 0..n {
            src.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
        }
        let t = parse_template(&src, &ParseOptions::default());
        check_spans(&src, &t);
        let _ = ngc_template::json::template(&t);
    }
}
