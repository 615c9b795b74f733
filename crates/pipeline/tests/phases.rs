//! Unit tests of phases whose logic is easy to get subtly wrong: op-list editing while walking,
//! chaining limits, temporaries, variable inlining fences, op ordering, host-object sorting and
//! the compilation-mode rule. (The exact output for whole templates is checked against ngc by
//! the differential test.)

use ngc_output::print::PlainImports;
use ngc_pipeline::ir::{Op, OpList, Stmt};
use ngc_pipeline::{
    compile_template, CompilationMode, ConstantPool, HostValue, ParsedHostBindings,
    TemplateCompilationInput,
};

/// Compiles a template and prints the pool statements and the template function.
fn compile(source: &str, mode: CompilationMode, legacy: bool) -> String {
    let mut parsed = ngc_template::parse_template(source, &ngc_template::ParseOptions::default());
    let nodes = std::mem::take(&mut parsed.nodes);
    let mut input = TemplateCompilationInput::new("App", &nodes);
    input.mode = mode;
    input.legacy_optional_chaining = legacy;
    let mut pool = ConstantPool::new();
    let compiled = compile_template(&input, &mut pool).expect("compiles");
    ngc_template::drop_nodes(nodes);
    format!(
        "{}{}",
        ngc_output::print_stmts(&pool.statements, &mut PlainImports),
        ngc_output::print_expr(&compiled.template_fn, &mut PlainImports)
    )
}

fn stmt(n: f64) -> Op {
    Op::Statement(Stmt::Expr(ngc_pipeline::ir::Expr::num(n)))
}

fn numbers(list: &OpList) -> Vec<f64> {
    list.iter()
        .map(|op| match op {
            Op::Statement(Stmt::Expr(ngc_pipeline::ir::Expr::Literal(
                ngc_output::Literal::Number(n),
            ))) => *n,
            _ => -1.0,
        })
        .collect()
}

#[test]
fn op_list_edits_while_walking() {
    let mut list = OpList::new();
    list.extend([stmt(1.0), stmt(2.0), stmt(3.0)]);
    // Angular's iteration: the next op is taken before the current one is handled, so removing
    // the current op is fine and ops inserted after it are not visited.
    let mut visited = Vec::new();
    let mut cursor = list.first();
    while let Some(id) = cursor {
        cursor = list.next(id);
        visited.push(numbers_of(&list, id));
        if numbers_of(&list, id) == 2.0 {
            list.insert_after(id, stmt(2.5));
            list.insert_before(id, stmt(1.5));
            list.remove(id);
        }
    }
    assert_eq!(visited, [1.0, 2.0, 3.0]);
    assert_eq!(numbers(&list), [1.0, 1.5, 2.5, 3.0]);
    list.prepend(vec![stmt(0.0), stmt(0.5)]);
    let last = list.last().expect("non-empty");
    list.replace_with_many(last, vec![stmt(4.0), stmt(5.0)]);
    assert_eq!(numbers(&list), [0.0, 0.5, 1.0, 1.5, 2.5, 4.0, 5.0]);
    assert_eq!(list.len(), 7);
}

fn numbers_of(list: &OpList, id: ngc_pipeline::ir::OpId) -> f64 {
    match &list[id] {
        Op::Statement(Stmt::Expr(ngc_pipeline::ir::Expr::Literal(
            ngc_output::Literal::Number(n),
        ))) => *n,
        _ => -1.0,
    }
}

#[test]
fn chains_stop_at_256_calls() {
    let attrs: String = (0..300).map(|i| format!(" [p{i}]=\"v\"")).collect();
    let out = compile(&format!("<div{attrs}></div>"), CompilationMode::Full, false);
    // One chain of 256 calls and one of 44.
    assert_eq!(out.matches("i0.ɵɵproperty(").count(), 2, "{out}");
    assert!(
        out.contains("(\"p255\", ctx.v);\n        i0.ɵɵproperty(\"p256\", ctx.v)"),
        "{out}"
    );
}

#[test]
fn temporaries_are_named_per_op_and_reused() {
    let out = compile(
        "{{ f()?.a }} {{ g()?.b }}<div [title]=\"h()?.c\"></div>",
        CompilationMode::Full,
        true,
    );
    // Numbered by update op (`tmp_<op>_<n>`); within an op, a number is free again after the
    // last read of its temporary, so both guards of the interpolation use `tmp_0_0`.
    assert!(
        out.contains("let tmp_0_0;\n        let tmp_1_0;\n"),
        "{out}"
    );
    assert!(
        out.contains("(tmp_0_0 = ctx.f()) == null ? null : tmp_0_0.a, \" \", (tmp_0_0 = ctx.g()) == null ? null : tmp_0_0.b"),
        "{out}"
    );
    assert!(
        out.contains("(tmp_1_0 = ctx.h()) == null ? null : tmp_1_0.c"),
        "{out}"
    );
}

#[test]
fn no_temporaries_with_native_optional_chaining() {
    let out = compile("{{ f()?.a?.b }}", CompilationMode::Full, false);
    assert!(out.contains("ctx.f()?.a?.b"), "{out}");
    assert!(!out.contains("tmp_"), "{out}");
}

#[test]
fn variables_read_once_are_inlined_unless_a_fence_is_in_the_way() {
    // A context variable is only inlined into another variable, so a read of the parent
    // context keeps its `nextContext()` variable...
    let out = compile(
        "<div *ngIf=\"a\">{{ b }}</div>",
        CompilationMode::Full,
        false,
    );
    assert!(out.contains("const ctx_r0 = i0.ɵɵnextContext();"), "{out}");
    assert!(out.contains("i0.ɵɵtextInterpolate(ctx_r0.b);"), "{out}");
    // ...but a template variable (an identifier) is kept as a named variable.
    let out = compile(
        "<li *ngFor=\"let x of xs\">{{ x }}</li>",
        CompilationMode::Full,
        false,
    );
    assert!(out.contains("const x_r1 = ctx.$implicit;"), "{out}");
    // A listener that only reads the component drops its restore/reset pair.
    let out = compile(
        "<div *ngIf=\"a\"><button (click)=\"go()\"></button></div>",
        CompilationMode::Full,
        false,
    );
    assert!(out.contains("i0.ɵɵrestoreView("), "{out}");
    assert!(out.contains("return i0.ɵɵresetView(ctx_r"), "{out}");
}

#[test]
fn update_ops_are_grouped_by_kind_per_element() {
    let out = compile("<div [title]=\"t\" [class.a]=\"a\" [style.b]=\"b\" [attr.c]=\"c\" [style]=\"s\" [class]=\"k\"></div>", CompilationMode::Full, false);
    let order: Vec<usize> = [
        "ɵɵstyleMap",
        "ɵɵclassMap",
        "ɵɵstyleProp",
        "ɵɵclassProp",
        "ɵɵproperty",
        "ɵɵattribute",
    ]
    .iter()
    .map(|i| {
        out.find(i)
            .unwrap_or_else(|| panic!("{i} missing in {out}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
}

#[test]
fn dom_only_mode_uses_dom_instructions_and_aria_attributes() {
    let out = compile(
        "<div [aria-label]=\"l\" [title]=\"t\" (click)=\"c()\"><ng-template></ng-template></div>",
        CompilationMode::DomOnly,
        false,
    );
    for instruction in [
        "ɵɵdomElementStart",
        "ɵɵdomListener",
        "ɵɵdomTemplate",
        "ɵɵdomProperty",
        "ɵɵattribute(\"aria-label\"",
    ] {
        assert!(out.contains(instruction), "{instruction} missing in {out}");
    }
    let out = compile(
        "<div [aria-label]=\"l\"></div>",
        CompilationMode::Full,
        false,
    );
    assert!(out.contains("ɵɵariaProperty(\"aria-label\""), "{out}");
}

#[test]
fn compilation_mode_rule() {
    assert_eq!(
        CompilationMode::for_component(true, false),
        CompilationMode::DomOnly
    );
    assert_eq!(
        CompilationMode::for_component(true, true),
        CompilationMode::Full
    );
    assert_eq!(
        CompilationMode::for_component(false, false),
        CompilationMode::Full
    );
}

#[test]
fn host_objects_sort_like_javascript_objects() {
    let s = |v: &str| HostValue::String(v.to_string());
    let entries = vec![
        ("(click)".to_string(), s("a()")),
        ("[title]".to_string(), s("t")),
        ("role".to_string(), s("button")),
        ("(click)".to_string(), s("b()")),
        ("class".to_string(), s("x y")),
    ];
    let parsed = ParsedHostBindings::from_entries(&entries, Default::default()).expect("valid");
    // A repeated key keeps its first place and takes the last value.
    assert_eq!(
        parsed.listeners,
        vec![("click".to_string(), "b()".to_string())]
    );
    assert_eq!(
        parsed.properties,
        vec![("title".to_string(), "t".to_string())]
    );
    assert_eq!(parsed.attributes.len(), 1);
    assert_eq!(parsed.class_attr.as_deref(), Some("x y"));
    let mut parsed = parsed;
    parsed.set_property("title", "u");
    parsed.set_listener("window:resize", "r()");
    assert_eq!(
        parsed.properties,
        vec![("title".to_string(), "u".to_string())]
    );
    assert_eq!(parsed.listeners.len(), 2);
}

#[test]
fn phase_list_is_angulars() {
    let names: Vec<&str> = ngc_pipeline::phases::phase_names().collect();
    assert_eq!(names.len(), 74);
    assert_eq!(names.first(), Some(&"resolveForeignContent"));
    assert_eq!(names.last(), Some(&"chain"));
    let position = |n: &str| names.iter().position(|x| *x == n).unwrap_or(usize::MAX);
    assert!(position("resolveNames") < position("resolveContexts"));
    assert!(position("allocateSlots") < position("nameFunctionsAndVariables"));
    assert!(position("extractPureFunctions") < position("reify"));
}

fn defer_output(
    source: &str,
    defer: impl FnOnce(&[ngc_template::Node]) -> ngc_pipeline::DeferMetadata,
) -> String {
    let mut parsed = ngc_template::parse_template(source, &ngc_template::ParseOptions::default());
    let nodes = std::mem::take(&mut parsed.nodes);
    let mut input = TemplateCompilationInput::new("App", &nodes);
    input.defer = defer(&nodes);
    let mut pool = ConstantPool::new();
    let compiled = compile_template(&input, &mut pool).expect("compiles");
    let out = format!(
        "{}{}",
        ngc_output::print_stmts(&pool.statements, &mut PlainImports),
        ngc_output::print_expr(&compiled.template_fn, &mut PlainImports)
    );
    ngc_template::drop_nodes(nodes);
    out
}

#[test]
fn defer_dependency_functions() {
    let deps = || Some(ngc_output::raw("() => [import(\"./a\").then(m => m.A)]"));
    // Per block: a module-level `<View>_Defer_<slot>_DepsFn` for each block with dependencies.
    let out = defer_output(
        "@defer { a } @defer { b } <div *ngIf=\"x\">@defer { c }</div>",
        |nodes| {
            let spans: Vec<ngc_template::Span> = nodes
                .iter()
                .flat_map(|n| match n {
                    ngc_template::Node::DeferredBlock(b) => vec![b.span],
                    ngc_template::Node::Template(t) => t
                        .children
                        .iter()
                        .flat_map(|c| match c {
                            ngc_template::Node::Element(e) => e
                                .children
                                .iter()
                                .filter_map(|d| match d {
                                    ngc_template::Node::DeferredBlock(b) => Some(b.span),
                                    _ => None,
                                })
                                .collect::<Vec<_>>(),
                            _ => Vec::new(),
                        })
                        .collect(),
                    _ => Vec::new(),
                })
                .collect();
            assert_eq!(spans.len(), 3);
            ngc_pipeline::DeferMetadata::PerBlock(vec![
                ngc_pipeline::DeferBlockDependencies {
                    block_span: spans[0],
                    dependencies_fn: deps(),
                },
                ngc_pipeline::DeferBlockDependencies {
                    block_span: spans[1],
                    dependencies_fn: None,
                },
                ngc_pipeline::DeferBlockDependencies {
                    block_span: spans[2],
                    dependencies_fn: deps(),
                },
            ])
        },
    );
    assert!(
        out.contains("const App_Defer_1_DepsFn = () => [import(\"./a\").then(m => m.A)];"),
        "{out}"
    );
    assert!(
        out.contains("const App_div_6_Defer_2_DepsFn = () => [import(\"./a\").then(m => m.A)];"),
        "{out}"
    );
    assert!(
        out.contains("i0.ɵɵdefer(1, 0, App_Defer_1_DepsFn);"),
        "{out}"
    );
    assert!(out.contains("i0.ɵɵdefer(4, 3);"), "{out}");
    assert!(
        out.contains("i0.ɵɵdefer(2, 1, App_div_6_Defer_2_DepsFn);"),
        "{out}"
    );
    // Per component: one `App_DeferFn`, declared before everything else, used by every block.
    let out = defer_output("@defer { a } @defer { b }", |_| {
        ngc_pipeline::DeferMetadata::PerComponent(deps())
    });
    assert!(
        out.starts_with("const App_DeferFn = () => [import(\"./a\").then(m => m.A)];"),
        "{out}"
    );
    assert_eq!(out.matches(", App_DeferFn)").count(), 2, "{out}");
}
