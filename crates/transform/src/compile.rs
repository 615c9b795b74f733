//! The second step of the transform, for one file (ngc's `IvyCompilationVisitor` and
//! `IvyTransformationVisitor`): every Angular class is analysed and compiled into its static
//! fields and the statements after it; generated code is printed through the file's import
//! manager in the order ngc's translator requests imports (class by class: each field's
//! initializer, then its statements; the constant pool last); and the file is emitted by
//! ngc-ts-emit with the Angular decorators removed and the generated text spliced in — new
//! namespace imports and pool constants after the imports, fields at the end of each class
//! body, statements after each class.

use ngc_codegen::render3::metadata::{R3ClassMetadata, R3DirectiveMetadata, R3FactoryDeps, R3InjectableMetadata, R3PipeMetadata};
use ngc_codegen::render3::results::{self, CompileResult};
use ngc_codegen::render3::template::TemplateCompiler;
use ngc_diagnostics::Span;
use ngc_output::print::{print_expr, print_stmt};
use ngc_output::ConstantPool;
use ngc_pipeline::PipelineError;
use ngc_ts_emit::{Edits, EmitOptions, ParsedFile, ProgramFacts};

use crate::defer::{DeferCandidate, DeferralTracker};
use crate::diagnostics::{self as diag, ExternalSource, TransformDiagnostic};
use crate::facts::FileFacts;
use crate::handlers::{self, ClassContext, SourceJs};
use crate::imports::ImportManager;
use crate::members::{self, MemberKind};
use crate::options::TransformOptions;
use crate::resources::ResourceHost;
use crate::source::Source;
use crate::syntax::{self, DecoratorSyntax, Spans};

/// The JavaScript of one file, or why it could not be produced.
#[derive(Debug, Default)]
pub struct CompiledFile {
    pub code: String,
    /// Errors mean `code` must not be written.
    pub diagnostics: Vec<TransformDiagnostic>,
}

/// The handlers, in ngc's order (`ComponentDecoratorHandler`, `DirectiveDecoratorHandler`,
/// `PipeDecoratorHandler`, `InjectableDecoratorHandler`, `NgModuleDecoratorHandler`).
pub(crate) const HANDLERS: &[&str] = &["Component", "Directive", "Pipe", "Injectable", "NgModule"];

/// Member decorators and lifecycle hooks that make an undecorated class an error (NG2007).
const FIELD_DECORATORS: &[&str] =
    &["Input", "Output", "ViewChild", "ViewChildren", "ContentChild", "ContentChildren", "HostBinding", "HostListener"];
const LIFECYCLE_HOOKS: &[&str] = &[
    "ngOnChanges",
    "ngOnInit",
    "ngOnDestroy",
    "ngDoCheck",
    "ngAfterViewInit",
    "ngAfterViewChecked",
    "ngAfterContentInit",
    "ngAfterContentChecked",
];

/// Everything one file's compilation needs.
pub struct FileJob<'a> {
    pub parsed: &'a ParsedFile,
    pub facts: &'a FileFacts,
    pub options: &'a TransformOptions,
    pub emit_options: &'a EmitOptions,
    pub resources: &'a dyn ResourceHost,
    pub program: &'a dyn ProgramFacts,
    /// Expressions moved into exported `ɵN` constants ([`Edits::lowered`]): the file's metadata
    /// is emitted and refers to them. Generated code copying source expressions names them too.
    pub lowered: &'a [ngc_ts_emit::LoweredExpression],
}

/// The swc positions of a parsed file as byte offsets.
pub fn spans_of(parsed: &ParsedFile) -> Spans {
    let len = parsed.text.len() as u32;
    // `ParsedFile::span` subtracts the file's base position; recover it from any span.
    let lo = parsed.module.span.lo.0;
    let base = lo.saturating_sub(parsed.span(parsed.module.span).start);
    Spans { base, len }
}

/// Source expressions printed as the file's emit prints them (types removed).
struct SourceExpressions<'a> {
    emitter: std::cell::RefCell<ngc_ts_emit::ExpressionEmitter<'a>>,
}

impl SourceJs for SourceExpressions<'_> {
    fn expr(&self, expr: &swc_ecma_ast::Expr) -> String {
        self.emitter.borrow_mut().emit(expr)
    }
}

/// One analysed class: what each of its handlers produced, and the decorators to remove.
struct AnalyzedClass {
    item_index: usize,
    class_span: Span,
    traits: Vec<Analyzed>,
    removed: Vec<Span>,
}

/// The analysis of one handler (`analyze` and `resolve`), ready for `compileFull`.
enum Analyzed {
    Component(Box<handlers::component::ComponentAnalysis>),
    Directive(Box<R3DirectiveMetadata>, Option<R3ClassMetadata>),
    Pipe(R3PipeMetadata, Option<R3ClassMetadata>),
    Injectable { meta: R3InjectableMetadata, deps: Option<R3FactoryDeps>, class_metadata: Option<R3ClassMetadata> },
    NgModule(Box<handlers::ng_module::NgModuleAnalysis>, Option<R3ClassMetadata>),
}

/// Compiles and emits one file.
pub fn compile_file(job: &FileJob<'_>, templates: &mut dyn TemplateCompiler<Error = Vec<PipelineError>>) -> CompiledFile {
    let parsed = job.parsed;
    let spans = spans_of(parsed);
    let source = Source::new(&parsed.file_name, &parsed.text, &parsed.module, spans);
    let js = SourceExpressions {
        emitter: std::cell::RefCell::new(
            ngc_ts_emit::ExpressionEmitter::new(parsed, job.emit_options, job.program).with_lowered(job.lowered),
        ),
    };
    let mut diagnostics: Vec<TransformDiagnostic> = Vec::new();
    let mut analyzed: Vec<AnalyzedClass> = Vec::new();
    let mut edits = Edits { lowered: job.lowered.to_vec(), ..Edits::default() };

    // Classes declared below the top level: diagnosed, never left to `__decorate`.
    diagnostics.extend(crate::nested::nested_class_diagnostics(&source));

    // Every class is analysed (and resolved) before any is compiled, as in ngc: whether a
    // `@defer` dependency loads lazily depends on all the components of the file.
    for class in syntax::classes(&parsed.module, &spans) {
        let decorators = syntax::decorators(&class.class.decorators, &source.imports);
        let members = members::members(class.class, &source);
        let ctx = ClassContext {
            source: &source,
            file: job.facts,
            facts: job.facts.class(class.name),
            class,
            decorators,
            members,
            js: &js,
            options: job.options,
            resources: job.resources,
        };
        let triggers: Vec<&DecoratorSyntax<'_>> =
            HANDLERS.iter().filter_map(|name| ctx.decorators.iter().find(|d| d.is_angular_core() && d.name == *name)).collect();
        if triggers.is_empty() {
            if class.class.decorators.is_empty() {
                if let Some(member) = angular_feature(&ctx.members) {
                    diagnostics.push(not_decorated(class.name_span, member).into());
                }
            }
            continue;
        }
        let mut traits = Vec::new();
        let mut removed = Vec::new();
        let mut failed = false;
        for decorator in &triggers {
            match analyze_trait(&ctx, decorator, &triggers) {
                Ok(Some(analysis)) => {
                    traits.push(analysis);
                    removed.push(decorator.span(&spans));
                }
                Ok(None) => {}
                Err(mut d) => {
                    failed = true;
                    diagnostics.append(&mut d);
                }
            }
        }
        if failed || traits.is_empty() {
            continue;
        }
        // Angular decorators of members and constructor parameters go too.
        for member in &ctx.members {
            removed.extend(member.decorators.iter().filter(|d| d.is_angular_core()).map(|d| d.span(&spans)));
        }
        if let Some(ctor) = crate::di::constructor(class.class) {
            for param in &ctor.params {
                let list = match param {
                    swc_ecma_ast::ParamOrTsParamProp::Param(p) => &p.decorators,
                    swc_ecma_ast::ParamOrTsParamProp::TsParamProp(p) => &p.decorators,
                };
                removed.extend(
                    syntax::decorators(list, &source.imports).iter().filter(|d| d.is_angular_core()).map(|d| d.span(&spans)),
                );
            }
        }
        analyzed.push(AnalyzedClass { item_index: class.item_index, class_span: spans.of(class.class.span), traits, removed });
    }
    if diagnostics.iter().any(|d| d.diagnostic.is_error()) {
        return CompiledFile { code: String::new(), diagnostics };
    }

    // Lazily loaded `@defer` dependencies, and the imports that go with them.
    let candidates: Vec<DeferCandidate> = analyzed
        .iter()
        .flat_map(|c| c.traits.iter())
        .filter_map(|t| match t {
            Analyzed::Component(a) => Some(a.defer_candidates.iter().map(|c| c.candidate.clone())),
            _ => None,
        })
        .flatten()
        .collect();
    let deferral = DeferralTracker::new(&source, &candidates);
    edits.remove_imports.extend(deferral.deferrable_statements().iter().copied());

    // Compilation; the constant pool fills in ngc's order.
    let mut pool = ConstantPool::new();
    let mut compiled: Vec<(usize, Span, Vec<CompileResult>)> = Vec::new();
    for class in analyzed {
        let mut results: Vec<CompileResult> = Vec::new();
        for analysis in class.traits {
            match compile_trait(analysis, &deferral, &source, &mut pool, templates) {
                Ok(list) => {
                    for result in list {
                        if !results.iter().any(|r| r.name == result.name) {
                            results.push(result);
                        }
                    }
                }
                Err(mut d) => diagnostics.append(&mut d),
            }
        }
        edits.remove_decorators.extend(class.removed);
        compiled.push((class.item_index, class.class_span, results));
    }
    if diagnostics.iter().any(|d| d.diagnostic.is_error()) {
        return CompiledFile { code: String::new(), diagnostics };
    }

    // Translation, in ngc's order.
    let mut imports = ImportManager::new(source.identifiers());
    let define_fields = job.emit_options.define_class_fields();
    for (item_index, class_span, results) in &compiled {
        let mut members_text = String::new();
        let mut after = String::new();
        for result in results {
            if let Some(initializer) = &result.initializer {
                let value = print_expr(initializer, &mut imports);
                if define_fields {
                    members_text.push_str(&format!("static {} = {};\n", result.name, value));
                } else {
                    members_text.push_str(&format!("static {{ this.{} = {}; }}\n", result.name, value));
                }
            }
            for stmt in &result.statements {
                after.push_str(&print_stmt(stmt, 0, &mut imports));
                after.push('\n');
            }
        }
        if !members_text.is_empty() {
            edits.class_members.push((*class_span, members_text.trim_end().to_string()));
        }
        if !after.is_empty() {
            edits.after_statement.push((*item_index, after.trim_end().to_string()));
        }
    }
    let mut constants = String::new();
    for stmt in &pool.statements {
        constants.push_str(&print_stmt(stmt, 0, &mut imports));
        constants.push('\n');
    }
    let namespace_imports = imports.import_statements();
    if !namespace_imports.is_empty() {
        edits.after_imports.push(namespace_imports.trim_end().to_string());
    }
    if !constants.is_empty() {
        edits.after_imports.push(constants.trim_end().to_string());
    }
    edits.insertions.extend(crate::debug_names::debug_name_insertions(&source));
    let emitted = ngc_ts_emit::emit(parsed, job.emit_options, &edits, job.program);
    diagnostics.extend(emitted.diagnostics.into_iter().map(TransformDiagnostic::from));
    CompiledFile { code: emitted.code, diagnostics }
}

/// The template pipeline's errors as diagnostics: at their span in the template's file (the
/// `.ts` file, or `external`).
fn pipeline_diagnostics(errors: Vec<PipelineError>, external: Option<&ExternalSource>) -> Vec<TransformDiagnostic> {
    errors
        .into_iter()
        .map(|e| {
            let label = if e.code == ngc_pipeline::error::codes::INTERNAL { "while compiling this" } else { "here" };
            let diagnostic = ngc_diagnostics::Diagnostic::error(e.code, e.message)
                .with_label(Span::new(e.span.start, e.span.end), label)
                .with_help(pipeline_help(e.code));
            TransformDiagnostic { diagnostic, external: external.cloned() }
        })
        .collect()
}

fn pipeline_help(code: &str) -> &'static str {
    use ngc_pipeline::error::codes;
    match code {
        c if c == codes::INTERNAL => "this is a bug in ngc-rs: please report it with the template",
        c if c == codes::I18N || c == codes::ANIMATION || c == codes::NOT_SUPPORTED => {
            "ngc-rs cannot compile this construct yet; ngc can"
        }
        _ => "fix the template",
    }
}

/// NG2007: a member that makes an undecorated class use Angular features.
pub(crate) fn angular_feature(members: &[members::Member<'_>]) -> Option<Span> {
    members
        .iter()
        .find(|m| {
            (!m.is_static && m.kind == MemberKind::Method && LIFECYCLE_HOOKS.contains(&m.name.as_str()))
                || m.decorators.iter().any(|d| d.is_angular_core() && FIELD_DECORATORS.contains(&d.name.as_str()))
        })
        .map(|m| m.name_span)
}

/// NG2007: an undecorated class that uses Angular features (`member`).
pub(crate) fn not_decorated(name_span: Span, member: Span) -> ngc_diagnostics::Diagnostic {
    ngc_diagnostics::Diagnostic::error(
        "NG2007",
        "Class is using Angular features but is not decorated. Please add an explicit Angular decorator.",
    )
    .with_label(name_span, "this class is not decorated")
    .with_secondary(member, "this member uses an Angular feature")
    .with_help("add `@Directive()` (an abstract base class), `@Injectable()` or another Angular decorator")
}

/// Runs one handler's analysis and resolution.
fn analyze_trait(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    triggers: &[&DecoratorSyntax<'_>],
) -> Result<Option<Analyzed>, Vec<TransformDiagnostic>> {
    let one = |d: ngc_diagnostics::Diagnostic| vec![TransformDiagnostic::from(d)];
    let class_metadata = |ctx: &ClassContext<'_, '_>, signals: bool| {
        if ctx.options.include_class_metadata {
            handlers::class_metadata::extract_class_metadata(ctx, None, signals)
        } else {
            Ok(None)
        }
    };
    match decorator.name.as_str() {
        "Component" => Ok(handlers::component::analyze(ctx, decorator)?.map(|a| Analyzed::Component(Box::new(a)))),
        "Directive" => {
            let Some(analysis) = handlers::directive::extract_directive_metadata(ctx, decorator, None).map_err(one)? else {
                return Ok(None);
            };
            let metadata = class_metadata(ctx, true).map_err(one)?;
            Ok(Some(Analyzed::Directive(Box::new(analysis.meta), metadata)))
        }
        "Pipe" => {
            let meta = handlers::pipe::analyze(ctx, decorator).map_err(one)?;
            Ok(Some(Analyzed::Pipe(meta, class_metadata(ctx, false).map_err(one)?)))
        }
        "Injectable" => {
            let analysis = handlers::injectable::analyze(ctx, decorator).map_err(one)?;
            if let Some(prov) = ctx.members.iter().find(|m| m.name == "ɵprov") {
                return Err(one(diag::duplicate_prov(prov.name_span)));
            }
            // Another Angular decorator makes the factory (and the class metadata).
            let needs_factory = triggers.iter().all(|d| d.name == "Injectable");
            Ok(Some(Analyzed::Injectable {
                meta: analysis.meta,
                deps: needs_factory.then_some(analysis.ctor_deps),
                class_metadata: class_metadata(ctx, false).map_err(one)?,
            }))
        }
        "NgModule" => {
            let Some(analysis) = handlers::ng_module::analyze(ctx, decorator).map_err(one)? else { return Ok(None) };
            Ok(Some(Analyzed::NgModule(Box::new(analysis), class_metadata(ctx, false).map_err(one)?)))
        }
        _ => Ok(None),
    }
}

/// `compileFull` of one handler.
fn compile_trait(
    analysis: Analyzed,
    deferral: &DeferralTracker,
    source: &Source<'_>,
    pool: &mut ConstantPool,
    templates: &mut dyn TemplateCompiler<Error = Vec<PipelineError>>,
) -> Result<Vec<CompileResult>, Vec<TransformDiagnostic>> {
    let pipeline = |errors: Vec<PipelineError>| pipeline_diagnostics(errors, None);
    match analysis {
        Analyzed::Component(mut analysis) => {
            let lazy = analysis.finalize_defer(deferral, source);
            let name_span = analysis.name_span;
            results::compile_component_full(
                &analysis.meta,
                analysis.class_metadata.as_ref(),
                &lazy,
                Some(&analysis.debug_info),
                pool,
                templates,
            )
            .map_err(|errors| {
                // Host-binding errors point at the class; template errors into the template.
                let (host, template): (Vec<_>, Vec<_>) =
                    errors.into_iter().partition(|e| e.span.start == name_span.start && e.span.end == name_span.end);
                let mut out = pipeline_diagnostics(host, None);
                out.extend(pipeline_diagnostics(template, analysis.external_template.as_ref()));
                out
            })
        }
        Analyzed::Directive(meta, metadata) => {
            results::compile_directive_full(&meta, metadata.as_ref(), pool, templates).map_err(pipeline)
        }
        Analyzed::Pipe(meta, metadata) => Ok(results::compile_pipe_full(&meta, metadata.as_ref())),
        Analyzed::Injectable { meta, deps, class_metadata } => {
            Ok(results::compile_injectable_full(&meta, deps, class_metadata.as_ref(), false))
        }
        Analyzed::NgModule(analysis, metadata) => {
            Ok(results::compile_ng_module_full(&analysis.factory, &analysis.module, &analysis.injector, metadata.as_ref()))
        }
    }
}
