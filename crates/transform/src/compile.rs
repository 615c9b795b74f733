//! The second step of the transform, for one file (ngc's `IvyCompilationVisitor` and
//! `IvyTransformationVisitor`): every Angular class is analysed and compiled into its static
//! fields and the statements after it; generated code is printed through the file's import
//! manager in the order ngc's translator requests imports (class by class: each field's
//! initializer, then its statements; the constant pool last); and the file is emitted by
//! ngc-ts-emit with the Angular decorators removed and the generated text spliced in — new
//! namespace imports and pool constants after the imports, fields at the end of each class
//! body, statements after each class.

use ngc_codegen::render3::results::{self, CompileResult};
use ngc_codegen::render3::template::TemplateCompiler;
use ngc_diagnostics::Span;
use ngc_output::print::{print_expr, print_stmt};
use ngc_output::ConstantPool;
use ngc_ts_emit::{EmitOptions, Edits, ParsedFile, ProgramFacts};

use crate::diagnostics::{self as diag, TransformDiagnostic};
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
const HANDLERS: &[&str] = &["Component", "Directive", "Pipe", "Injectable", "NgModule"];

/// Member decorators and lifecycle hooks that make an undecorated class an error (NG2007).
const FIELD_DECORATORS: &[&str] = &["Input", "Output", "ViewChild", "ViewChildren", "ContentChild", "ContentChildren", "HostBinding", "HostListener"];
const LIFECYCLE_HOOKS: &[&str] =
    &["ngOnChanges", "ngOnInit", "ngOnDestroy", "ngDoCheck", "ngAfterViewInit", "ngAfterViewChecked", "ngAfterContentInit", "ngAfterContentChecked"];

/// Everything one file's compilation needs.
pub struct FileJob<'a> {
    pub parsed: &'a ParsedFile,
    pub facts: &'a FileFacts,
    pub options: &'a TransformOptions,
    pub emit_options: &'a EmitOptions,
    pub resources: &'a dyn ResourceHost,
    pub program: &'a dyn ProgramFacts,
}

/// The swc positions of a parsed file as byte offsets.
pub fn spans_of(parsed: &ParsedFile) -> Spans {
    let len = parsed.text.len() as u32;
    // `ParsedFile::span` subtracts the file's base position; recover it from any span.
    let lo = parsed.module.span.lo.0;
    let base = lo.saturating_sub(parsed.span(parsed.module.span).start);
    Spans { base, len }
}

/// Source expressions printed as their text (types inside them stay as written).
struct SourceText<'a> {
    source: &'a Source<'a>,
}

impl SourceJs for SourceText<'_> {
    fn expr(&self, expr: &swc_ecma_ast::Expr) -> String {
        self.source.text_of(expr).to_string()
    }
}

/// One compiled class: its results and the decorators to remove.
struct CompiledClass {
    item_index: usize,
    class_span: Span,
    results: Vec<CompileResult>,
}

/// Compiles and emits one file.
pub fn compile_file(job: &FileJob<'_>, templates: &mut dyn TemplateCompiler<Error = Vec<ngc_diagnostics::Diagnostic>>) -> CompiledFile {
    let parsed = job.parsed;
    let spans = spans_of(parsed);
    let source = Source::new(&parsed.file_name, &parsed.text, &parsed.module, spans);
    let js = SourceText { source: &source };
    let mut diagnostics: Vec<TransformDiagnostic> = Vec::new();
    let mut pool = ConstantPool::new();
    let mut compiled: Vec<CompiledClass> = Vec::new();
    let mut edits = Edits::default();

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
        let triggers: Vec<&DecoratorSyntax<'_>> = HANDLERS
            .iter()
            .filter_map(|name| ctx.decorators.iter().find(|d| d.is_angular_core() && d.name == *name))
            .collect();
        if triggers.is_empty() {
            if class.class.decorators.is_empty() {
                if let Some(member) = angular_feature(&ctx) {
                    diagnostics.push(
                        ngc_diagnostics::Diagnostic::error(
                            "NG2007",
                            "Class is using Angular features but is not decorated. Please add an explicit Angular decorator.",
                        )
                        .with_label(class.name_span, "this class is not decorated")
                        .with_secondary(member, "this member uses an Angular feature")
                        .with_help("add `@Directive()` (an abstract base class), `@Injectable()` or another Angular decorator")
                        .into(),
                    );
                }
            }
            continue;
        }
        let mut results: Vec<CompileResult> = Vec::new();
        let mut removed = Vec::new();
        let mut failed = false;
        for decorator in &triggers {
            match compile_trait(&ctx, decorator, &triggers, &mut pool, templates) {
                Ok(Some(class_results)) => {
                    for result in class_results {
                        if !results.iter().any(|r| r.name == result.name) {
                            results.push(result);
                        }
                    }
                    removed.push(decorator.span(&spans));
                }
                Ok(None) => {}
                Err(mut d) => {
                    failed = true;
                    diagnostics.append(&mut d);
                }
            }
        }
        if failed || results.is_empty() {
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
                removed.extend(syntax::decorators(list, &source.imports).iter().filter(|d| d.is_angular_core()).map(|d| d.span(&spans)));
            }
        }
        edits.remove_decorators.extend(removed);
        compiled.push(CompiledClass { item_index: class.item_index, class_span: spans.of(class.class.span), results });
    }
    if diagnostics.iter().any(|d| d.diagnostic.is_error()) {
        return CompiledFile { code: String::new(), diagnostics };
    }

    // Translation, in ngc's order.
    let mut imports = ImportManager::new(source.identifiers());
    let define_fields = job.emit_options.define_class_fields();
    for class in &compiled {
        let mut members_text = String::new();
        let mut after = String::new();
        for result in &class.results {
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
            edits.class_members.push((class.class_span, members_text.trim_end().to_string()));
        }
        if !after.is_empty() {
            edits.after_statement.push((class.item_index, after.trim_end().to_string()));
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
    let emitted = ngc_ts_emit::emit(parsed, job.emit_options, &edits, job.program);
    diagnostics.extend(emitted.diagnostics.into_iter().map(TransformDiagnostic::from));
    CompiledFile { code: emitted.code, diagnostics }
}

/// NG2007: a member that makes an undecorated class use Angular features.
fn angular_feature(ctx: &ClassContext<'_, '_>) -> Option<Span> {
    ctx.members
        .iter()
        .find(|m| {
            (!m.is_static && m.kind == MemberKind::Method && LIFECYCLE_HOOKS.contains(&m.name.as_str()))
                || m.decorators.iter().any(|d| d.is_angular_core() && FIELD_DECORATORS.contains(&d.name.as_str()))
        })
        .map(|m| m.name_span)
}

/// Runs one handler: analysis, resolution and `compileFull`.
fn compile_trait(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    triggers: &[&DecoratorSyntax<'_>],
    pool: &mut ConstantPool,
    templates: &mut dyn TemplateCompiler<Error = Vec<ngc_diagnostics::Diagnostic>>,
) -> Result<Option<Vec<CompileResult>>, Vec<TransformDiagnostic>> {
    let one = |d: ngc_diagnostics::Diagnostic| vec![TransformDiagnostic::from(d)];
    let pipeline = |d: Vec<ngc_diagnostics::Diagnostic>| d.into_iter().map(TransformDiagnostic::from).collect::<Vec<_>>();
    let class_metadata = |ctx: &ClassContext<'_, '_>, signals: bool| {
        if ctx.options.include_class_metadata {
            handlers::class_metadata::extract_class_metadata(ctx, None, signals)
        } else {
            Ok(None)
        }
    };
    match decorator.name.as_str() {
        "Component" => {
            let Some(analysis) = handlers::component::analyze(ctx, decorator)? else { return Ok(None) };
            let results = results::compile_component_full(
                &analysis.meta,
                analysis.class_metadata.as_ref(),
                &[],
                Some(&analysis.debug_info),
                pool,
                templates,
            )
            .map_err(pipeline)?;
            Ok(Some(results))
        }
        "Directive" => {
            let Some(analysis) = handlers::directive::extract_directive_metadata(ctx, decorator, None).map_err(one)? else {
                return Ok(None);
            };
            let metadata = class_metadata(ctx, true).map_err(one)?;
            let results = results::compile_directive_full(&analysis.meta, metadata.as_ref(), pool, templates).map_err(pipeline)?;
            Ok(Some(results))
        }
        "Pipe" => {
            let meta = handlers::pipe::analyze(ctx, decorator).map_err(one)?;
            let metadata = class_metadata(ctx, false).map_err(one)?;
            Ok(Some(results::compile_pipe_full(&meta, metadata.as_ref())))
        }
        "Injectable" => {
            let analysis = handlers::injectable::analyze(ctx, decorator).map_err(one)?;
            let metadata = class_metadata(ctx, false).map_err(one)?;
            // Another Angular decorator makes the factory (and the class metadata).
            let needs_factory = triggers.iter().all(|d| d.name == "Injectable");
            let has_own_prov = ctx.members.iter().any(|m| m.name == "ɵprov");
            if has_own_prov {
                let span = ctx.members.iter().find(|m| m.name == "ɵprov").map(|m| m.name_span).unwrap_or_default();
                return Err(one(diag::duplicate_prov(span)));
            }
            let deps = needs_factory.then_some(analysis.ctor_deps);
            Ok(Some(results::compile_injectable_full(&analysis.meta, deps, metadata.as_ref(), has_own_prov)))
        }
        "NgModule" => {
            let Some(analysis) = handlers::ng_module::analyze(ctx, decorator).map_err(one)? else { return Ok(None) };
            let metadata = class_metadata(ctx, false).map_err(one)?;
            Ok(Some(results::compile_ng_module_full(&analysis.factory, &analysis.module, &analysis.injector, metadata.as_ref())))
        }
        _ => Ok(None),
    }
}
