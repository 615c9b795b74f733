//! One-line checks of the compilers against ngc 22's output for the same classes (copied from
//! the output of ngc for tests/fixtures/apps/di and tests/fixtures/definitions). The full
//! differential tests are tests/render3_oracle.rs and tests/definitions.rs.

use ngc_output::print::PlainImports;
use ngc_output::{print_expr, raw, var};

use super::metadata::*;
use super::*;

/// Compares token streams, `/*@__PURE__*/` and `/* @ts-ignore */` included.
fn check(actual: &Expr, expected: &str) {
    let visible = |t: &str| t.replace("/*@__PURE__*/", " __PURE__ ").replace("/* @ts-ignore */", " __TS_IGNORE__ ");
    let actual = print_expr(actual, &mut PlainImports);
    if let Some(diff) = ngc_output::js_tokens::first_difference(&visible(expected), &visible(&actual)) {
        panic!("{diff}\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}

fn factory(name: &str, deps: R3FactoryDeps, target: FactoryTarget) -> Expr {
    compile_factory_function(&R3FactoryMetadata {
        name: name.into(),
        type_ref: R3Reference::same(var(name)),
        type_argument_count: 0,
        deps,
        target,
        kind: R3FactoryKind::Constructor,
    })
    .expression
}

fn dep(token: &str) -> R3DependencyMetadata {
    R3DependencyMetadata { token: Some(raw(token)), ..Default::default() }
}

#[test]
fn factory_without_parameters() {
    check(
        &factory("Logger", R3FactoryDeps::Valid(vec![]), FactoryTarget::Injectable),
        "function Logger_Factory(__ngFactoryType__) { return new (__ngFactoryType__ || Logger)(); }",
    );
}

#[test]
fn factory_with_flags() {
    let deps =
        vec![R3DependencyMetadata { optional: true, ..dep("LOCALE") }, R3DependencyMetadata { optional: true, skip_self: true, ..dep("Translator") }];
    check(
        &factory("Translator", R3FactoryDeps::Valid(deps), FactoryTarget::Injectable),
        "function Translator_Factory(__ngFactoryType__) { /* @ts-ignore */\n return new (__ngFactoryType__ || Translator)(i0.ɵɵinject(LOCALE, 8), i0.ɵɵinject(Translator, 12)); }",
    );
}

#[test]
fn directive_factory_with_attribute() {
    let deps = vec![
        dep("i0.ElementRef"),
        R3DependencyMetadata { token: Some(raw("'role'")), attribute_name_type: Some(ngc_output::str_lit("role")), ..Default::default() },
        R3DependencyMetadata { optional: true, self_: true, ..dep("i1.NgControl") },
    ];
    check(
        &factory("TooltipDirective", R3FactoryDeps::Valid(deps), FactoryTarget::Directive),
        "function TooltipDirective_Factory(__ngFactoryType__) { /* @ts-ignore */\n return new (__ngFactoryType__ || TooltipDirective)(i0.ɵɵdirectiveInject(i0.ElementRef), i0.ɵɵinjectAttribute('role'), i0.ɵɵdirectiveInject(i1.NgControl, 10)); }",
    );
}

#[test]
fn inherited_factory() {
    check(
        &factory("UserStore", R3FactoryDeps::Inherited, FactoryTarget::Injectable),
        "/*@__PURE__*/ (() => { let ɵUserStore_BaseFactory; return function UserStore_Factory(__ngFactoryType__) { return (ɵUserStore_BaseFactory || (ɵUserStore_BaseFactory = i0.ɵɵgetInheritedFactory(UserStore)))(__ngFactoryType__ || UserStore); }; })()",
    );
}

#[test]
fn invalid_factory() {
    check(
        &factory("Broken", R3FactoryDeps::Invalid, FactoryTarget::Directive),
        "function Broken_Factory(__ngFactoryType__) { i0.ɵɵinvalidFactory(); }",
    );
}

#[test]
fn pipe_definition() {
    let pipe = R3PipeMetadata {
        name: "RelativeTimePipe".into(),
        type_ref: R3Reference::same(var("RelativeTimePipe")),
        type_argument_count: 0,
        pipe_name: Some("relativeTime".into()),
        deps: R3FactoryDeps::Valid(vec![]),
        pure: false,
        is_standalone: true,
    };
    check(
        &compile_pipe_from_metadata(&pipe).expression,
        r#"/*@__PURE__*/ i0.ɵɵdefinePipe({ name: "relativeTime", type: RelativeTimePipe, pure: false })"#,
    );
}

#[test]
fn debug_info() {
    let info = R3ClassDebugInfo {
        type_expr: var("PanelComponent"),
        class_name: "PanelComponent".into(),
        file_path: Some("widgets.ts".into()),
        line_number: 44,
        forbid_orphan_rendering: false,
    };
    check(
        &compile_class_debug_info(&info),
        r#"(() => { (typeof ngDevMode === "undefined" || ngDevMode) && i0.ɵsetClassDebugInfo(PanelComponent, { className: "PanelComponent", filePath: "widgets.ts", lineNumber: 44 }); })()"#,
    );
}

#[test]
fn remote_scopes_follow_the_module_statements() {
    // What the NgModule handler's `appendRemoteScopingStatements` builds (no `@angular/compiler`
    // function produces it on its own, so the expectation is read from compiler-cli's code).
    let module = R3NgModuleMetadata {
        type_ref: R3Reference::same(var("M")),
        bootstrap: vec![],
        declarations: vec![R3Reference::same(var("Cmp"))],
        public_declaration_types: None,
        imports: vec![],
        include_import_types: true,
        exports: vec![],
        selector_scope_mode: R3SelectorScopeMode::Omit,
        contains_forward_decls: false,
        schemas: Some(vec![]),
        id: None,
        remote_scopes: vec![R3RemoteScope { component: var("Cmp"), directives: vec![var("Dir")], pipes: vec![] }],
        remote_scopes_may_require_cycle_protection: true,
    };
    let compiled = compile_ng_module(&module);
    let statements = ngc_output::print_stmts(&compiled.statements, &mut PlainImports);
    assert!(
        ngc_output::js_tokens::first_difference("i0.ɵɵsetComponentScope(Cmp, function () { return [Dir]; }, []);", &statements).is_none(),
        "{statements}"
    );
}
