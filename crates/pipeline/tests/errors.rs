//! Every pipeline error code, triggered by a template (or host object) that needs it, with the
//! span pointing at the offending construct.

use ngc_pipeline::{
    compile_host_bindings, compile_template, ConstantPool, HostBindingCompilationInput, HostValue,
    ParsedHostBindings, PipelineError, TemplateCompilationInput,
};
use ngc_template::Span;

fn template_errors(source: &str) -> Vec<PipelineError> {
    let mut parsed = ngc_template::parse_template(source, &ngc_template::ParseOptions::default());
    assert!(
        parsed.errors.is_empty(),
        "the template should parse: {:?}",
        parsed.errors
    );
    let nodes = std::mem::take(&mut parsed.nodes);
    let input = TemplateCompilationInput::new("App", &nodes);
    let mut pool = ConstantPool::new();
    let result = compile_template(&input, &mut pool);
    ngc_template::drop_nodes(nodes);
    match result {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

/// Asserts one error with `code` whose span covers `marked` in `source`.
#[track_caller]
fn check(source: &str, code: &str, marked: &str) {
    let errors = template_errors(source);
    let Some(e) = errors.iter().find(|e| e.code == code) else {
        panic!("expected {code} for {source:?}, got {errors:?}");
    };
    let text = e.span.text(source);
    assert!(
        text.contains(marked),
        "the span of {code} covers {text:?}, expected it to contain {marked:?}"
    );
}

#[test]
fn ngrs5001_i18n() {
    check("<div><p i18n>Hello</p></div>", "NGRS5001", "<p i18n>");
    check("<img i18n-title title=\"x\">", "NGRS5001", "title");
    check(
        "<span>{n, plural, =1 {one} other {many}}</span>",
        "NGRS5001",
        "plural",
    );
    check("<ng-template i18n>x</ng-template>", "NGRS5001", "i18n");
}

#[test]
fn ngrs5002_animations() {
    check("<div [@fade]=\"state\"></div>", "NGRS5002", "[@fade]");
    check(
        "<div (@fade.done)=\"done()\"></div>",
        "NGRS5002",
        "(@fade.done)",
    );
    check(
        "<div animate.enter=\"cls\"></div>",
        "NGRS5002",
        "animate.enter",
    );
    check(
        "<div [animate.leave]=\"cls\"></div>",
        "NGRS5002",
        "animate.leave",
    );
}

#[test]
fn ngrs5003_not_supported() {
    check(
        "<div>@content (header) { <b>x</b> }</div>",
        "NGRS5003",
        "@content",
    );
    // Arrow functions compile, in event handlers and in bindings.
    assert!(template_errors("<button (click)=\"list.forEach(i => save(i))\"></button>").is_empty());
    assert!(template_errors("<div [title]=\"list.filter(i => i.ok)\"></div>").is_empty());
}

#[test]
fn ngrs5004_invalid_templates() {
    check(
        "<div [title]=\"$any(a, b)\"></div>",
        "NGRS5004",
        "$any(a, b)",
    );
    check(
        "<div (foo:click)=\"go()\"></div>",
        "NGRS5004",
        "(foo:click)",
    );
    check(
        "<div [ngProjectAs]=\"sel\"></div>",
        "NGRS5004",
        "ngProjectAs",
    );
    check(
        "<ng-content select=\"a:not(b:not(c))\"></ng-content>",
        "NGRS5004",
        "",
    );
}

fn host_errors(entries: &[(&str, HostValue)]) -> Vec<PipelineError> {
    let entries: Vec<(String, HostValue)> = entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let span = Span::new(3, 9);
    let bindings = match ParsedHostBindings::from_entries(&entries, span) {
        Ok(b) => b,
        Err(errors) => return errors,
    };
    let input = HostBindingCompilationInput {
        component_name: "Dir",
        selector: "[dir]",
        bindings: &bindings,
        span,
        legacy_optional_chaining: false,
    };
    let mut pool = ConstantPool::new();
    match compile_host_bindings(&input, &mut pool) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

#[track_caller]
fn check_host(entries: &[(&str, HostValue)], code: &str, message: &str) {
    let errors = host_errors(entries);
    assert!(
        errors
            .iter()
            .any(|e| e.code == code && e.message.contains(message) && e.span == Span::new(3, 9)),
        "expected {code} `{message}`, got {errors:?}"
    );
}

fn s(v: &str) -> HostValue {
    HostValue::String(v.to_string())
}

#[test]
fn ngrs5005_host_bindings() {
    let expr = HostValue::Expr(ngc_output::raw("someConst"));
    check_host(
        &[("(click)", expr.clone())],
        "NGRS5005",
        "Event binding must be string",
    );
    check_host(
        &[("[title]", expr.clone())],
        "NGRS5005",
        "Property binding must be string",
    );
    check_host(
        &[("class", expr.clone())],
        "NGRS5005",
        "Class binding must be string",
    );
    check_host(
        &[("style", expr)],
        "NGRS5005",
        "Style binding must be string",
    );
    check_host(
        &[("[onclick]", s("go()"))],
        "NGRS5005",
        "Binding to event property 'onclick' is disallowed",
    );
    check_host(
        &[("[attr.onload]", s("go()"))],
        "NGRS5005",
        "Binding to event attribute 'onload' is disallowed",
    );
    check_host(
        &[("(click)", s(""))],
        "NGRS5005",
        "Empty expressions are not allowed",
    );
    check_host(
        &[("[]", s("x"))],
        "NGRS5005",
        "Property name is missing in binding",
    );
    // A non-string static attribute is fine.
    assert!(host_errors(&[("role", HostValue::Expr(ngc_output::raw("ROLE")))]).is_empty());
}

#[test]
fn host_expression_errors_keep_expression_codes() {
    check_host(
        &[("[title]", s("a | json"))],
        "NGRS2104",
        "Host binding expression cannot contain pipes",
    );
    check_host(
        &[("[title]", s("a +"))],
        "NGRS2100",
        "Unexpected end of expression",
    );
    check_host(
        &[("[@fade]", s("x"))],
        "NGRS5002",
        "animations are not supported yet",
    );
}

#[test]
fn help_lines() {
    let errors = template_errors("<div [title]=\"$any()\"></div>");
    assert!(errors[0]
        .help()
        .is_some_and(|h| h.contains("fix the template")));
}
