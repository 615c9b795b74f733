//! The definitions of every class of tests/fixtures/definitions against what ngc 22 emits for
//! them: the fixture is compiled with the real ngc (into a temporary directory), and for each
//! class the R3 metadata the file transform produces is written out here, compiled with
//! `render3::results`, printed as the class tail (`static ɵfac = …; … }` and the statements
//! after the class) and compared token by token with ngc's, `/*@__PURE__*/` and
//! `/* @ts-ignore */` included. The constant pool of each file is compared too.
//!
//! The classes are checked twice: with what the template pipeline produces (template
//! functions, host-binding functions, `decls`/`vars`/`hostAttrs`/`hostVars`) taken from ngc's
//! output as given, which tests the definition compilers alone, and with ngc-pipeline
//! ([`Pipeline`]) compiling the parsed templates and host bindings.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{component, decorator, directive, injectable, input, query, repo, selectors, this, NumberedImports};
use ngc_codegen::render3::metadata::*;
use ngc_codegen::render3::results::*;
use ngc_codegen::render3::template::{CompiledHostBindings, CompiledTemplate, HostBindingsJob, TemplateCompiler, TemplateJob};
use ngc_codegen::render3::Pipeline;
use ngc_output::print::{print_expr, print_stmt};
use ngc_output::{external, raw, str_lit, var, ConstantPool, Expr};

/// Runs ngc over the fixture; returns the output directory.
fn ngc_output() -> (tempfile::TempDir, PathBuf) {
    let node_modules = repo().join("tests/oracles/ng22/node_modules");
    let ngc = node_modules.join("@angular/compiler-cli/bundles/src/bin/ngc.js");
    assert!(ngc.is_file(), "the Angular 22 packages are not installed: run `scripts/test`, which installs tests/oracles/*");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/definitions");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture.join("tsconfig.json"), dir.path().join("tsconfig.json")).expect("copy tsconfig");
    std::fs::create_dir(dir.path().join("src")).expect("src");
    for entry in std::fs::read_dir(fixture.join("src")).expect("fixture sources") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join("src").join(entry.file_name())).expect("copy source");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(&node_modules, dir.path().join("node_modules")).expect("link node_modules");
    let status = Command::new("node").arg(&ngc).arg("-p").arg(dir.path().join("tsconfig.json")).status().expect("node must be installed");
    assert!(status.success(), "ngc failed on the fixture");
    let out = dir.path().join("out");
    (dir, out)
}

/// The text of ngc's output for one class from its first static field to the next class (or the
/// end of the file).
fn class_tail<'a>(js: &'a str, class: &str) -> &'a str {
    let start = js.find(&format!("export class {class} ")).unwrap_or_else(|| panic!("class {class} in ngc's output"));
    let fields = start + js[start..].find("    static ɵ").unwrap_or_else(|| panic!("static fields of {class}"));
    let end = js[fields..].find("\nexport class ").map(|e| fields + e).unwrap_or(js.len());
    &js[fields..end]
}

/// ngc's pool statements: the lines after the imports up to the first export.
fn pool_region(js: &str) -> String {
    let mut lines = js.lines().skip_while(|l| !l.starts_with("import * as i0"));
    let mut out = Vec::new();
    lines.next();
    for line in lines {
        if line.starts_with("import ") {
            continue;
        }
        if line.starts_with("export ") {
            break;
        }
        out.push(line);
    }
    out.join("\n")
}

/// The class tail as the file transform prints it.
fn print_results(results: &[CompileResult], imports: &mut NumberedImports) -> String {
    let mut out = String::new();
    for r in results {
        if let Some(init) = &r.initializer {
            out.push_str(&format!("static {} = {};\n", r.name, print_expr(init, imports)));
        }
    }
    out.push_str("}\n");
    for r in results {
        for s in &r.statements {
            out.push_str(&print_stmt(s, 0, imports));
            out.push('\n');
        }
    }
    out
}

fn visible(text: &str) -> String {
    text.replace("/*@__PURE__*/", " __PURE__ ").replace("/* @ts-ignore */", " __TS_IGNORE__ ")
}

fn assert_same(what: &str, expected: &str, actual: &str) {
    if let Some(diff) = ngc_output::js_tokens::first_difference(&visible(expected), &visible(actual)) {
        panic!("{what}: {diff}\n--- ngc\n{expected}\n--- ngc-rs\n{actual}");
    }
}

/// The template pipeline's output for one class, copied from ngc's.
#[derive(Default)]
struct Given {
    host: CompiledHostBindings,
    template: Option<CompiledTemplate>,
}

impl TemplateCompiler for Given {
    type Error = String;

    fn compile_host_bindings(&mut self, _: &HostBindingsJob<'_>, _: &mut ConstantPool) -> Result<CompiledHostBindings, Self::Error> {
        Ok(self.host.clone())
    }

    fn compile_template(&mut self, _: &TemplateJob<'_>, _: &mut ConstantPool) -> Result<CompiledTemplate, Self::Error> {
        self.template.clone().ok_or_else(|| "no template given".to_string())
    }
}

/// The template compiler a run uses: ngc's output taken as given, or ngc-pipeline.
enum Backend {
    Given(Box<Given>),
    Pipeline(Pipeline),
}

impl Backend {
    fn new(use_pipeline: bool, given: Given) -> Self {
        if use_pipeline {
            Backend::Pipeline(Pipeline)
        } else {
            Backend::Given(Box::new(given))
        }
    }
}

impl TemplateCompiler for Backend {
    type Error = String;

    fn compile_host_bindings(&mut self, job: &HostBindingsJob<'_>, pool: &mut ConstantPool) -> Result<CompiledHostBindings, Self::Error> {
        match self {
            Backend::Given(g) => g.compile_host_bindings(job, pool),
            Backend::Pipeline(p) => p.compile_host_bindings(job, pool).map_err(|e| format!("{e:?}")),
        }
    }

    fn compile_template(&mut self, job: &TemplateJob<'_>, pool: &mut ConstantPool) -> Result<CompiledTemplate, Self::Error> {
        match self {
            Backend::Given(g) => g.compile_template(job, pool),
            Backend::Pipeline(p) => p.compile_template(job, pool).map_err(|e| format!("{e:?}")),
        }
    }
}

/// The template as the file transform parses it.
fn parsed(source: &str) -> R3ComponentTemplate {
    let mut parsed = ngc_template::parse_template(source, &ngc_template::ParseOptions::default());
    assert!(parsed.errors.is_empty(), "template errors: {:?}", parsed.errors);
    R3ComponentTemplate {
        nodes: std::mem::take(&mut parsed.nodes),
        ng_content_selectors: std::mem::take(&mut parsed.ng_content_selectors),
        preserve_whitespaces: false,
    }
}

fn template(decls: u32, vars: u32, function: &str) -> CompiledTemplate {
    CompiledTemplate { template_fn: raw(function), decls, vars, consts: Vec::new(), consts_initializers: Vec::new(), content_selectors: None }
}

// ---------------------------------------------------------------------------------------------
// Metadata builders, as the file transform fills them.

fn dep(token: Expr) -> R3DependencyMetadata {
    R3DependencyMetadata { token: Some(token), ..Default::default() }
}

fn class_metadata(
    name: &str,
    decorators: Vec<R3DecoratorMetadata>,
    ctor: Option<Vec<R3CtorParameter>>,
    props: Vec<R3PropDecorators>,
) -> R3ClassMetadata {
    R3ClassMetadata { type_expr: var(name), decorators, ctor_parameters: ctor, prop_decorators: props }
}

fn param(type_expr: Expr, decorators: Option<Vec<R3DecoratorMetadata>>) -> R3CtorParameter {
    R3CtorParameter { type_expr: Some(type_expr), decorators, suppress_type_errors: false }
}

fn prop(name: &str, decorators: Vec<R3DecoratorMetadata>) -> R3PropDecorators {
    R3PropDecorators { name: name.into(), quoted: false, decorators }
}

fn no_deps() -> Option<R3FactoryDeps> {
    Some(R3FactoryDeps::Valid(Vec::new()))
}

fn debug(name: &str, file: &str, line: u32) -> R3ClassDebugInfo {
    R3ClassDebugInfo {
        type_expr: var(name),
        class_name: name.into(),
        file_path: Some(file.into()),
        line_number: line,
        forbid_orphan_rendering: false,
    }
}

fn of_type(text: &str) -> R3QueryPredicate {
    R3QueryPredicate::Type(MaybeForwardRefExpr::plain(raw(text)))
}

/// Checks one file: each class's results in order, sharing one pool, then the pool.
/// Compiles one class of a file, sharing the file's constant pool.
type ClassCompiler<'a> = Box<dyn FnOnce(&mut ConstantPool, bool) -> Vec<CompileResult> + 'a>;

fn check_file(out: &Path, file: &str, use_pipeline: bool, classes: Vec<(&str, ClassCompiler<'_>)>) -> usize {
    let js = std::fs::read_to_string(out.join(file)).unwrap_or_else(|_| panic!("{file} in ngc's output"));
    let mut pool = ConstantPool::new();
    let mut imports = NumberedImports { modules: vec![ngc_output::CORE.to_string()] };
    let mut tails = Vec::new();
    for (class, compile) in classes {
        let results = compile(&mut pool, use_pipeline);
        tails.push((class, results));
    }
    // Pool statements are printed first in the file, but the import numbering follows the
    // order of first use in the file, which starts with the pool.
    let pool_text: Vec<String> = pool.statements.iter().map(|s| print_stmt(s, 0, &mut imports)).collect();
    assert_same(&format!("{file}: constant pool"), &pool_region(&js), &pool_text.join("\n"));
    let count = tails.len();
    for (class, results) in tails {
        assert_same(&format!("{file}: {class}"), class_tail(&js, class), &print_results(&results, &mut imports));
    }
    count
}

#[test]
fn definitions_equal_ngc() {
    let (_dir, out) = ngc_output();
    let given = check_all(&out, false);
    eprintln!("definitions: {given} classes equal ngc's output (template pipeline output given)");
    // The same classes with templates and host bindings compiled by ngc-pipeline.
    let compiled = check_all(&out, true);
    eprintln!("definitions: {compiled} classes equal ngc's output (with ngc-pipeline)");
}

fn check_all(out: &Path, use_pipeline: bool) -> usize {
    let out = out.to_path_buf();
    let mut classes = 0;

    // services.ts: every provider form.
    classes += check_file(
        &out,
        "services.js",
        use_pipeline,
        vec![
            (
                "Config",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable("Config", Some("'root'"), R3InjectableProvider::None, None),
                        no_deps(),
                        Some(&class_metadata("Config", vec![decorator("Injectable", &["{ providedIn: 'root' }"])], None, vec![])),
                        false,
                    )
                }),
            ),
            (
                "Logger",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable(
                            "Logger",
                            Some("'root'"),
                            R3InjectableProvider::UseClass(MaybeForwardRefExpr {
                                expression: raw("RealLogger"),
                                forward_ref: ForwardRefHandling::Unwrapped,
                            }),
                            None,
                        ),
                        no_deps(),
                        Some(&class_metadata(
                            "Logger",
                            vec![decorator("Injectable", &["{ providedIn: 'root', useClass: forwardRef(() => RealLogger) }"])],
                            None,
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
            (
                "RealLogger",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable("RealLogger", None, R3InjectableProvider::None, None),
                        Some(R3FactoryDeps::Inherited),
                        Some(&class_metadata("RealLogger", vec![decorator("Injectable", &[])], None, vec![])),
                        false,
                    )
                }),
            ),
            (
                "DelegatedLogger",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable(
                            "DelegatedLogger",
                            Some("'root'"),
                            R3InjectableProvider::UseClass(MaybeForwardRefExpr::plain(raw("RealLogger"))),
                            Some(vec![dep(raw("Config")), R3DependencyMetadata { optional: true, ..dep(raw("API_URL")) }]),
                        ),
                        no_deps(),
                        Some(&class_metadata(
                            "DelegatedLogger",
                            vec![decorator(
                                "Injectable",
                                &["{ providedIn: 'root', useClass: RealLogger, deps: [Config, [new Optional(), API_URL]] }"],
                            )],
                            None,
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
            (
                "FactoryConfig",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable("FactoryConfig", Some("'root'"), R3InjectableProvider::UseFactory(raw("() => makeConfig('x')")), None),
                        no_deps(),
                        Some(&class_metadata(
                            "FactoryConfig",
                            vec![decorator("Injectable", &["{ providedIn: 'root', useFactory: () => makeConfig('x') }"])],
                            None,
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
            (
                "FactoryWithDeps",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable(
                            "FactoryWithDeps",
                            Some("'any'"),
                            R3InjectableProvider::UseFactory(raw("makeConfig")),
                            Some(vec![dep(raw("API_URL"))]),
                        ),
                        no_deps(),
                        Some(&class_metadata(
                            "FactoryWithDeps",
                            vec![decorator("Injectable", &["{ providedIn: 'any', useFactory: makeConfig, deps: [API_URL] }"])],
                            None,
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
            (
                "ValueConfig",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable(
                            "ValueConfig",
                            Some("'platform'"),
                            R3InjectableProvider::UseValue(MaybeForwardRefExpr::plain(raw("{ url: 'value' }"))),
                            None,
                        ),
                        no_deps(),
                        Some(&class_metadata(
                            "ValueConfig",
                            vec![decorator("Injectable", &["{ providedIn: 'platform', useValue: { url: 'value' } }"])],
                            None,
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
            (
                "ExistingConfig",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable(
                            "ExistingConfig",
                            Some("'root'"),
                            R3InjectableProvider::UseExisting(MaybeForwardRefExpr::plain(raw("Config"))),
                            None,
                        ),
                        no_deps(),
                        Some(&class_metadata(
                            "ExistingConfig",
                            vec![decorator("Injectable", &["{ providedIn: 'root', useExisting: Config }"])],
                            None,
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
            (
                "Store",
                Box::new(|_, _| {
                    compile_injectable_full(
                        &injectable("Store", None, R3InjectableProvider::None, None),
                        Some(R3FactoryDeps::Valid(vec![
                            dep(var("Config")),
                            R3DependencyMetadata { optional: true, skip_self: true, ..dep(var("Store")) },
                        ])),
                        Some(&class_metadata(
                            "Store",
                            vec![decorator("Injectable", &[])],
                            Some(vec![
                                param(var("Config"), None),
                                param(var("Store"), Some(vec![decorator("Optional", &[]), decorator("SkipSelf", &[])])),
                            ]),
                            vec![],
                        )),
                        false,
                    )
                }),
            ),
        ],
    );

    // pipes.ts: a pipe injecting (ForPipe flag) and a non-standalone pipe.
    classes += check_file(
        &out,
        "pipes.js",
        use_pipeline,
        vec![
            (
                "FormatPipe",
                Box::new(|_, _| {
                    compile_pipe_full(
                        &R3PipeMetadata {
                            name: "FormatPipe".into(),
                            type_ref: this("FormatPipe"),
                            type_argument_count: 0,
                            pipe_name: Some("fmt".into()),
                            deps: R3FactoryDeps::Valid(vec![dep(ngc_output::core("ChangeDetectorRef")), dep(external("./services", "Config"))]),
                            pure: false,
                            is_standalone: true,
                        },
                        Some(&class_metadata(
                            "FormatPipe",
                            vec![decorator("Pipe", &["{ name: 'fmt', pure: false }"])],
                            Some(vec![param(ngc_output::core("ChangeDetectorRef"), None), param(external("./services", "Config"), None)]),
                            vec![],
                        )),
                    )
                }),
            ),
            (
                "LegacyPipe",
                Box::new(|_, _| {
                    compile_pipe_full(
                        &R3PipeMetadata {
                            name: "LegacyPipe".into(),
                            type_ref: this("LegacyPipe"),
                            type_argument_count: 0,
                            pipe_name: Some("legacy".into()),
                            deps: R3FactoryDeps::Valid(vec![]),
                            pure: true,
                            is_standalone: false,
                        },
                        Some(&class_metadata("LegacyPipe", vec![decorator("Pipe", &["{ name: 'legacy', standalone: false }"])], None, vec![])),
                    )
                }),
            ),
        ],
    );

    // directives.ts: inputs of every kind, outputs, host bindings, queries, features.
    classes += check_file(
        &out,
        "directives.js",
        use_pipeline,
        vec![
            (
                "BaseDirective",
                Box::new(|pool, use_pipeline| {
                    let mut meta = directive("BaseDirective", Some("[appBase]"));
                    meta.inputs = vec![input("base", "base")];
                    compile_directive_full(
                        &meta,
                        Some(&class_metadata(
                            "BaseDirective",
                            vec![decorator("Directive", &["{ selector: '[appBase]' }"])],
                            None,
                            vec![prop("base", vec![decorator("Input", &[])])],
                        )),
                        pool,
                        &mut Backend::new(use_pipeline, Given::default()),
                    )
                    .expect("compiles")
                }),
            ),
            (
                "TooltipDirective",
                Box::new(|pool, use_pipeline| {
                    let mut meta = directive("TooltipDirective", Some("[appTip]:not(.off), button[appTip]"));
                    meta.deps = R3FactoryDeps::Inherited;
                    meta.uses_inheritance = true;
                    meta.uses_on_changes = true;
                    meta.providers = Some(raw("[Logger]"));
                    meta.export_as = Some(vec!["tip".into(), "tooltip".into()]);
                    meta.host = R3HostMetadata {
                        attributes: vec![("role".into(), str_lit("tooltip"))],
                        listeners: vec![("mouseenter".into(), "show()".into()), ("keydown.escape".into(), "onEscape()".into())],
                        properties: vec![("attr.aria-label".into(), "text".into()), ("class.active".into(), "active".into())],
                        special_attributes: R3HostSpecialAttributes { style_attr: None, class_attr: Some("tip".into()) },
                    };
                    meta.inputs = vec![
                        input("text", "appTip"),
                        ("disabled".into(), R3InputMetadata { transform_function: Some(raw("booleanAttribute")), ..input("disabled", "disabled").1 }),
                        ("delay".into(), R3InputMetadata { transform_function: Some(raw("numberAttribute")), ..input("delay", "delayMs").1 }),
                        ("size".into(), R3InputMetadata { is_signal: true, ..input("size", "size").1 }),
                        ("label".into(), R3InputMetadata { is_signal: true, required: true, ..input("label", "tipLabel").1 }),
                        ("open".into(), R3InputMetadata { is_signal: true, ..input("open", "open").1 }),
                    ];
                    meta.outputs = vec![
                        ("shown".into(), "shown".into()),
                        ("hidden".into(), "tipHidden".into()),
                        ("open".into(), "openChange".into()),
                        ("closed".into(), "closed".into()),
                    ];
                    let given = Given {
                        host: CompiledHostBindings {
                            host_attrs: Some(raw(r#"["role", "tooltip", 1, "tip"]"#)),
                            host_vars: 3,
                            host_bindings: Some(raw(r#"function TooltipDirective_HostBindings(rf, ctx) { if (rf & 1) {
            i0.ɵɵlistener("mouseenter", function TooltipDirective_mouseenter_HostBindingHandler() { return ctx.show(); })("keydown.escape", function TooltipDirective_keydown_escape_HostBindingHandler() { return ctx.onEscape(); });
        } if (rf & 2) {
            i0.ɵɵattribute("aria-label", ctx.text);
            i0.ɵɵclassProp("active", ctx.active);
        } }"#)),
                        },
                        template: None,
                    };
                    let core_input = |args: &str| R3DecoratorMetadata { type_expr: ngc_output::core("Input"), args: Some(vec![raw(args)]) };
                    let core_output = |args: &str| R3DecoratorMetadata { type_expr: ngc_output::core("Output"), args: Some(vec![raw(args)]) };
                    let metadata = class_metadata("TooltipDirective", vec![decorator("Directive", &["{\n                selector: '[appTip]:not(.off), button[appTip]',\n                exportAs: 'tip, tooltip',\n                inputs: ['text: appTip'],\n                outputs: ['shown'],\n                providers: [Logger],\n                host: { role: 'tooltip', class: 'tip', '[attr.aria-label]': 'text', '(mouseenter)': 'show()' },\n            }"])], None, vec![
                prop("disabled", vec![decorator("Input", &["{ transform: booleanAttribute }"])]),
                prop("delay", vec![decorator("Input", &["{ alias: 'delayMs', transform: numberAttribute }"])]),
                prop("hidden", vec![decorator("Output", &["'tipHidden'"])]),
                prop("size", vec![core_input(r#"{ isSignal: true, alias: "size", required: false }"#)]),
                prop("label", vec![core_input(r#"{ isSignal: true, alias: "tipLabel", required: true }"#)]),
                prop("open", vec![core_input(r#"{ isSignal: true, alias: "open", required: false }"#), core_output(r#""openChange""#)]),
                prop("closed", vec![core_output(r#""closed""#)]),
                prop("active", vec![decorator("HostBinding", &["'class.active'"])]),
                prop("onEscape", vec![decorator("HostListener", &["'keydown.escape'"])]),
            ]);
                    compile_directive_full(&meta, Some(&metadata), pool, &mut Backend::new(use_pipeline, given)).expect("compiles")
                }),
            ),
            (
                "QueriesDirective",
                Box::new(|pool, use_pipeline| {
                    let mut meta = directive("QueriesDirective", Some("[appQueries]"));
                    meta.host_directives = Some(vec![R3HostDirectiveMetadata {
                        directive: this("BaseDirective"),
                        is_forward_reference: false,
                        inputs: Some(vec![("base".into(), "appBase".into())]),
                        outputs: None,
                    }]);
                    // Signal queries come first (they are found among the initializers), then the decorators.
                    meta.queries = vec![
                        R3QueryMetadata { is_signal: true, ..query("sigs", of_type("BaseDirective"), false, false) },
                        query("item", selectors(&["item"]), true, true),
                        R3QueryMetadata { emit_distinct_changes_only: false, ..query("bases", of_type("BaseDirective"), false, true) },
                    ];
                    meta.view_queries = vec![
                        R3QueryMetadata { is_signal: true, ..query("sig", selectors(&["sig"]), true, true) },
                        query("ref", selectors(&["ref"]), true, true),
                        R3QueryMetadata { read: Some(raw("ElementRef")), is_static: true, ..query("tpl", of_type("TemplateRef"), true, true) },
                        query("many", selectors(&["a, b"]), false, true),
                    ];
                    let metadata = class_metadata(
                        "QueriesDirective",
                        vec![decorator(
                            "Directive",
                            &["{ selector: '[appQueries]', hostDirectives: [{ directive: BaseDirective, inputs: ['base: appBase'] }] }"],
                        )],
                        None,
                        vec![
                            prop("ref", vec![decorator("ViewChild", &["'ref'"])]),
                            prop("tpl", vec![decorator("ViewChild", &["TemplateRef", "{ read: ElementRef, static: true }"])]),
                            prop("many", vec![decorator("ViewChildren", &["'a, b'"])]),
                            prop("item", vec![decorator("ContentChild", &["'item'"])]),
                            prop(
                                "bases",
                                vec![decorator("ContentChildren", &["BaseDirective", "{ descendants: true, emitDistinctChangesOnly: false }"])],
                            ),
                            prop(
                                "sig",
                                vec![R3DecoratorMetadata {
                                    type_expr: ngc_output::core("ViewChild"),
                                    args: Some(vec![raw("'sig'"), raw("{ isSignal: true }")]),
                                }],
                            ),
                            prop(
                                "sigs",
                                vec![R3DecoratorMetadata {
                                    type_expr: ngc_output::core("ContentChildren"),
                                    args: Some(vec![raw("i0.forwardRef(() => BaseDirective)"), raw("{ isSignal: true }")]),
                                }],
                            ),
                        ],
                    );
                    compile_directive_full(&meta, Some(&metadata), pool, &mut Backend::new(use_pipeline, Given::default())).expect("compiles")
                }),
            ),
        ],
    );

    // components.ts: styles (a long one shared through the pool), encapsulation, change detection, providers.
    let long_style = ".a .b { color: red; } .a-very-long-selector-name-that-makes-it-long { margin: 0 }";
    classes += check_file(
        &out,
        "components.js",
        use_pipeline,
        vec![
            (
                "StyledComponent",
                Box::new(move |pool, use_pipeline| {
                    let mut meta = component("StyledComponent", "app-styled");
                    meta.template = parsed("<p>styled</p>");
                    meta.styles = vec![":host { display: block; }".into(), "".into(), long_style.into()];
                    meta.change_detection = Some(ChangeDetection::Strategy(1));
                    meta.directive.providers = Some(raw("[Logger]"));
                    meta.view_providers = Some(raw("[{ provide: 'x', useValue: 1 }]"));
                    let given = Given {
                        template: Some(template(
                            2,
                            0,
                            r#"function StyledComponent_Template(rf, ctx) { if (rf & 1) {
            i0.ɵɵdomElementStart(0, "p");
            i0.ɵɵtext(1, "styled");
            i0.ɵɵdomElementEnd();
        } }"#,
                        )),
                        ..Default::default()
                    };
                    let metadata = class_metadata(
                        "StyledComponent",
                        vec![decorator(
                            "Component",
                            &[
                                r#"{ selector: 'app-styled', template: '<p>styled</p>', changeDetection: ChangeDetectionStrategy.Default, providers: [Logger], viewProviders: [{ provide: 'x', useValue: 1 }], styles: [":host { display: block; }", ".a .b { color: red; } .a-very-long-selector-name-that-makes-it-long { margin: 0 }"] }"#,
                            ],
                        )],
                        None,
                        vec![],
                    );
                    compile_component_full(
                        &meta,
                        Some(&metadata),
                        &[],
                        Some(&debug("StyledComponent", "components.ts", 13)),
                        pool,
                        &mut Backend::new(use_pipeline, given),
                    )
                    .expect("compiles")
                }),
            ),
            (
                "ShadowComponent",
                Box::new(|pool, use_pipeline| {
                    let mut meta = component("ShadowComponent", "app-shadow");
                    meta.template = parsed("<p>shadow</p>");
                    meta.styles = vec!["p { color: red }".into()];
                    meta.encapsulation = Some(ViewEncapsulation::ShadowDom);
                    meta.change_detection = Some(ChangeDetection::Strategy(0));
                    let given = Given {
                        template: Some(template(
                            2,
                            0,
                            r#"function ShadowComponent_Template(rf, ctx) { if (rf & 1) {
            i0.ɵɵdomElementStart(0, "p");
            i0.ɵɵtext(1, "shadow");
            i0.ɵɵdomElementEnd();
        } }"#,
                        )),
                        ..Default::default()
                    };
                    let metadata = class_metadata(
                        "ShadowComponent",
                        vec![decorator(
                            "Component",
                            &[
                                r#"{ selector: 'app-shadow', template: '<p>shadow</p>', encapsulation: ViewEncapsulation.ShadowDom, changeDetection: ChangeDetectionStrategy.OnPush, styles: ["p { color: red }"] }"#,
                            ],
                        )],
                        None,
                        vec![],
                    );
                    compile_component_full(
                        &meta,
                        Some(&metadata),
                        &[],
                        Some(&debug("ShadowComponent", "components.ts", 22)),
                        pool,
                        &mut Backend::new(use_pipeline, given),
                    )
                    .expect("compiles")
                }),
            ),
            (
                "UsesComponent",
                Box::new(move |pool, use_pipeline| {
                    let mut meta = component("UsesComponent", "app-uses");
                    meta.template = parsed(r#"<p>{{ "a" | fmt }}</p>"#);
                    meta.styles = vec![long_style.into()];
                    meta.declarations = vec![R3TemplateDependency {
                        kind: R3TemplateDependencyKind::Pipe,
                        type_expr: var("FormatPipe"),
                        selector: None,
                        inputs: vec![],
                        outputs: vec![],
                        export_as: None,
                        is_component: false,
                        pipe_name: Some("fmt".into()),
                    }];
                    let given = Given {
                        template: Some(template(
                            3,
                            3,
                            r#"function UsesComponent_Template(rf, ctx) { if (rf & 1) {
            i0.ɵɵdomElementStart(0, "p");
            i0.ɵɵtext(1);
            i0.ɵɵpipe(2, "fmt");
            i0.ɵɵdomElementEnd();
        } if (rf & 2) {
            i0.ɵɵadvance();
            i0.ɵɵtextInterpolate(i0.ɵɵpipeBind1(2, 1, "a"));
        } }"#,
                        )),
                        ..Default::default()
                    };
                    let metadata = class_metadata(
                        "UsesComponent",
                        vec![decorator(
                            "Component",
                            &[
                                r#"{ selector: 'app-uses', imports: [FormatPipe], template: '<p>{{ "a" | fmt }}</p>', styles: [".a .b { color: red; } .a-very-long-selector-name-that-makes-it-long { margin: 0 }"] }"#,
                            ],
                        )],
                        None,
                        vec![],
                    );
                    compile_component_full(
                        &meta,
                        Some(&metadata),
                        &[],
                        Some(&debug("UsesComponent", "components.ts", 30)),
                        pool,
                        &mut Backend::new(use_pipeline, given),
                    )
                    .expect("compiles")
                }),
            ),
        ],
    );

    // modules.ts: an NgModule with every list, providers and an id, and its declared component.
    classes += check_file(
        &out,
        "modules.js",
        use_pipeline,
        vec![
            (
                "RootComponent",
                Box::new(|pool, use_pipeline| {
                    let mut meta = component("RootComponent", "app-root");
                    meta.template = parsed("");
                    meta.directive.is_standalone = false;
                    let given = Given { template: Some(template(0, 0, "function RootComponent_Template(rf, ctx) { }")), ..Default::default() };
                    let metadata = class_metadata(
                        "RootComponent",
                        vec![decorator("Component", &["{ selector: 'app-root', template: '', standalone: false }"])],
                        None,
                        vec![],
                    );
                    compile_component_full(
                        &meta,
                        Some(&metadata),
                        &[],
                        Some(&debug("RootComponent", "modules.ts", 7)),
                        pool,
                        &mut Backend::new(use_pipeline, given),
                    )
                    .expect("compiles")
                }),
            ),
            (
                "AppModule",
                Box::new(|_, _| {
                    let config = external("./services", "Config");
                    let fac = R3FactoryMetadata {
                        name: "AppModule".into(),
                        type_ref: this("AppModule"),
                        type_argument_count: 0,
                        deps: R3FactoryDeps::Valid(vec![dep(config.clone())]),
                        target: FactoryTarget::NgModule,
                        kind: R3FactoryKind::Constructor,
                    };
                    let module = R3NgModuleMetadata {
                        type_ref: this("AppModule"),
                        bootstrap: vec![this("RootComponent")],
                        declarations: vec![this("RootComponent"), this("LegacyPipe")],
                        public_declaration_types: None,
                        imports: vec![this("CommonModule")],
                        include_import_types: true,
                        exports: vec![this("LegacyPipe")],
                        selector_scope_mode: R3SelectorScopeMode::SideEffect,
                        contains_forward_decls: false,
                        schemas: Some(vec![]),
                        id: Some(raw("'app'")),
                        remote_scopes: vec![],
                        remote_scopes_may_require_cycle_protection: false,
                    };
                    let injector = R3InjectorMetadata {
                        name: "AppModule".into(),
                        type_ref: this("AppModule"),
                        providers: Some(raw("[Config]")),
                        imports: vec![raw("CommonModule")],
                    };
                    let metadata = class_metadata("AppModule", vec![decorator("NgModule", &["{\n                declarations: [RootComponent, LegacyPipe],\n                imports: [CommonModule],\n                exports: [LegacyPipe],\n                providers: [Config],\n                bootstrap: [RootComponent],\n                schemas: [CUSTOM_ELEMENTS_SCHEMA],\n                id: 'app',\n            }"])], Some(vec![param(config, None)]), vec![]);
                    compile_ng_module_full(&fac, &module, &injector, Some(&metadata))
                }),
            ),
        ],
    );
    classes
}
