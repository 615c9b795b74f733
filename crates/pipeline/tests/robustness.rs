//! Robustness: deep nesting does not overflow the stack, and random templates (valid or not)
//! never make the pipeline panic; every compile either succeeds or reports errors.

use ngc_pipeline::{compile_template, CompilationMode, ConstantPool, TemplateCompilationInput};

fn compile(source: &str, mode: CompilationMode) -> Result<(), Vec<ngc_pipeline::PipelineError>> {
    let mut parsed = ngc_template::parse_template(source, &ngc_template::ParseOptions::default());
    let nodes = std::mem::take(&mut parsed.nodes);
    let mut input = TemplateCompilationInput::new("App", &nodes);
    input.mode = mode;
    let mut pool = ConstantPool::new();
    let result = compile_template(&input, &mut pool).map(|compiled| {
        // Printing walks the whole output tree too.
        let _ = ngc_output::print_expr(&compiled.template_fn, &mut ngc_output::print::PlainImports);
        let _ = ngc_output::print_stmts(&pool.statements, &mut ngc_output::print::PlainImports);
    });
    ngc_template::drop_nodes(nodes);
    result
}

/// Runs `f` on a thread with a small stack, as a test harness thread or a rayon worker has.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic");
}

#[test]
fn ten_thousand_nested_elements() {
    on_small_stack(|| {
        let depth = 10_000;
        let mut s = String::new();
        for i in 0..depth {
            s.push_str(&format!("<div [title]=\"t{i}\" (click)=\"go({i})\">"));
        }
        s.push_str("{{ x }}");
        for _ in 0..depth {
            s.push_str("</div>");
        }
        assert!(compile(&s, CompilationMode::Full).is_ok());
        assert!(compile(&s, CompilationMode::DomOnly).is_ok());
    });
}

#[test]
fn deeply_nested_views() {
    on_small_stack(|| {
        // Each level is an embedded view with its own variables (quadratic in Angular as here, so
        // the depth is moderate).
        let depth = 300;
        let mut s = String::new();
        for i in 0..depth {
            s.push_str(&format!("@if (c{i}) {{<ng-template let-v{i}>"));
        }
        s.push_str("{{ x }}<button (click)=\"go(v0)\"></button>");
        for _ in 0..depth {
            s.push_str("</ng-template>}");
        }
        assert!(compile(&s, CompilationMode::Full).is_ok());
    });
}

#[test]
fn long_expressions_and_chains() {
    on_small_stack(|| {
        let chain = (0..400)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(" + ");
        let safe = (0..300)
            .map(|i| format!("p{i}"))
            .collect::<Vec<_>>()
            .join("?.");
        let pipes = (0..200).map(|_| "json").collect::<Vec<_>>().join(" | ");
        let template =
            format!("<div [title]=\"{chain}\" [id]=\"{safe}\">{{{{ x | {pipes} }}}}</div>");
        assert!(compile(&template, CompilationMode::Full).is_ok());
    });
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<span [title]=\"a\">",
    "</span>",
    "<ng-template let-x>",
    "</ng-template>",
    "<ng-container *ngIf=\"x\">",
    "</ng-container>",
    "{{ a }}",
    "{{ b | json }}",
    "{{ c?.d }}",
    "text",
    " ",
    "@if (a) {",
    "} @else {",
    "}",
    "@for (i of items; track i) {",
    "} @empty {",
    "@switch (s) { @case (1) {",
    "@default {",
    "@let v = a + 1;",
    "{{ v }}",
    "<input #r (input)=\"go(r.value, $event)\">",
    "<b [class.x]=\"y\" [style.w.px]=\"w\" [attr.a]=\"z\">",
    "</b>",
    "<ng-content select=\"a\">",
    "</ng-content>",
    "@defer (on idle) {",
    "} @placeholder {",
    "<li *ngFor=\"let x of xs; let i = index\">",
    "</li>",
    "<input [(ngModel)]=\"m\">",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "'",
    "{{",
    "}}",
    "<",
    ">",
    "/",
    "=",
    "@",
    "#",
    ";",
    "<svg><circle [attr.r]=\"r\"></circle>",
    "</svg>",
    "{{ [a, {k: b}] }}",
    "<a [href]=\"u\" (click)=\"$any(x).y = 1; z()\">",
    "</a>",
    "{{ $index }}",
    "<ng-template #t>",
    "{{ t }}",
    "@if (a; as b) {{{b}}}",
    "<div i18n>",
    "{x, plural, =1 {one}}",
    "<div [@anim]=\"s\">",
    "{{ (a => a)(1) }}",
    "<p>{{ a ?? b ? c : d }}</p>",
];

#[test]
fn random_templates_never_panic() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..1500 {
        let n = 1 + (rng.next() % 40) as usize;
        let template: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        let full = std::panic::catch_unwind(|| compile(&template, CompilationMode::Full));
        assert!(full.is_ok(), "panic (Full) on {template:?}");
        let dom = std::panic::catch_unwind(|| compile(&template, CompilationMode::DomOnly));
        assert!(dom.is_ok(), "panic (DomOnly) on {template:?}");
    }
}
