//! The whole-program analysis: every Angular class of the program with its resolved
//! metadata, the compilation scope of every component, and the diagnostics found on the way.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use ngc_diagnostics::{Diagnostic, LineIndex, Severity, Span};

use crate::declarations::{read_library_class, read_program_class, Declaration, DeclarationProblem};
use crate::diagnostics as diag;
use crate::evaluate::{symbolic, EvalProblem, Evaluator, ProblemKind};
use crate::modules::{ModuleId, Modules, ProgramFile, SymbolId};
use crate::resolve::ResolveOptions;
use crate::scope::{Scope, ScopeProblem, Scopes};
use crate::Host;

/// A diagnostic in a program file.
#[derive(Debug, Clone)]
pub struct FileDiagnostic {
    pub path: PathBuf,
    pub diagnostic: Diagnostic,
}

/// A component's scope and the NgModule that declares it (`None` for standalone components).
#[derive(Debug, Clone)]
pub struct ComponentScope {
    pub scope: Scope,
    pub declared_in: Option<SymbolId>,
}

/// The result of [`analyze`].
pub struct Analysis<'h> {
    pub modules: Modules<'h>,
    /// Angular classes of the program, in file order then metadata order.
    pub program: Vec<(SymbolId, Declaration)>,
    /// Library classes the analysis looked at.
    pub library: BTreeMap<SymbolId, Declaration>,
    /// Scopes of the program's components.
    pub component_scopes: BTreeMap<SymbolId, ComponentScope>,
    pub diagnostics: Vec<FileDiagnostic>,
}

impl Analysis<'_> {
    /// The declaration of any class the analysis knows.
    pub fn declaration(&self, symbol: &SymbolId) -> Option<&Declaration> {
        match symbol.module {
            ModuleId::Program(_) => self.program.iter().find(|(s, _)| s == symbol).map(|(_, d)| d),
            ModuleId::Library(_) => self.library.get(symbol),
        }
    }
}

/// Options of [`analyze_with`].
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    pub resolve: ResolveOptions,
    /// `strictMetadataEmit`, View Engine's compatibility flag: its metadata restrictions
    /// ([`is_view_engine_restriction`]) are errors. Without it they are warnings, except where
    /// they make a value Ivy compilation needs unknown.
    pub strict_metadata_emit: bool,
}

/// Whether `code` is one of View Engine's metadata restrictions: calls of functions that are
/// not macros, references to non-exported symbols, lambdas and other expression forms, `new`,
/// unresolved references, decorators on non-public members. Ivy compiles what they forbid
/// unless the value is one it needs; `ngc-rs build` reports them only with
/// `strictMetadataEmit`.
pub fn is_view_engine_restriction(code: &str) -> bool {
    matches!(code, "NGRS3001" | "NGRS3002" | "NGRS3003" | "NGRS3004" | "NGRS3005" | "NGRS3007" | "NGRS3008")
}

/// Analyses the program: declarations, scopes, restrictions (as warnings).
pub fn analyze<'h>(files: Vec<ProgramFile>, resolve: ResolveOptions, host: &'h dyn Host) -> Analysis<'h> {
    analyze_with(files, AnalysisOptions { resolve, ..AnalysisOptions::default() }, host)
}

/// Analyses the program with `options`.
pub fn analyze_with<'h>(files: Vec<ProgramFile>, options: AnalysisOptions, host: &'h dyn Host) -> Analysis<'h> {
    let restriction_severity = if options.strict_metadata_emit { Severity::Error } else { Severity::Warning };
    let mut modules = Modules::new(files, options.resolve, host);
    let mut program = Vec::new();
    let mut declaration_problems = Vec::new();
    let mut library: BTreeMap<SymbolId, Declaration> = BTreeMap::new();
    let eval_problems: Vec<EvalProblem>;
    let scope_problems: Vec<ScopeProblem>;
    let mut component_scopes = BTreeMap::new();
    {
        let mut ev = Evaluator::new(&mut modules);
        for index in 0..ev.modules.program.len() {
            let module = ModuleId::Program(index);
            let entries: Vec<(String, ngc_collector::Json)> = match ev.modules.metadata(module) {
                Some(ngc_collector::Json::Object(entries)) => entries.clone(),
                _ => Vec::new(),
            };
            for (name, entry) in entries {
                if symbolic(&entry) != Some("class") {
                    continue;
                }
                let symbol = SymbolId { module, name };
                let declaration = read_program_class(&mut ev, &symbol, &entry, &mut declaration_problems);
                if declaration != Declaration::Other {
                    program.push((symbol, declaration));
                }
            }
        }

        let program_index: HashMap<SymbolId, Declaration> = program.iter().cloned().collect();
        let mut lookup = |symbol: &SymbolId| declaration_of(&mut ev, &program_index, &mut library, symbol);
        let mut scopes = Scopes::new(&mut lookup);
        let mut module_scopes: BTreeMap<SymbolId, Scope> = BTreeMap::new();
        for (symbol, declaration) in &program {
            if let Declaration::NgModule(_) = declaration {
                let scope = scopes.compilation_scope(symbol);
                module_scopes.insert(symbol.clone(), scope);
                // Checks the exports even when no NgModule imports this one.
                scopes.exported_scope(symbol);
            }
        }
        for (symbol, declaration) in &program {
            let Declaration::Directive(meta) = declaration else { continue };
            if !meta.is_component {
                continue;
            }
            let scope = if meta.standalone {
                Some(ComponentScope { scope: scopes.standalone_scope(symbol, &meta.imports), declared_in: None })
            } else {
                scopes.declared_in.get(symbol).cloned().map(|module| ComponentScope {
                    scope: module_scopes.get(&module).cloned().unwrap_or_default(),
                    declared_in: Some(module),
                })
            };
            if let Some(scope) = scope {
                component_scopes.insert(symbol.clone(), scope);
            }
        }
        scope_problems = std::mem::take(&mut scopes.problems);
        drop(scopes);
        crate::host_directives::check(&mut ev, &program_index, &program, &mut library, &mut declaration_problems);
        eval_problems = std::mem::take(&mut ev.problems);
    }

    let mut diagnostics = Vec::new();
    // A needed value that is unknown is reported once, with what made it unknown; the
    // restrictions found inside it are not reported again on their own.
    let mut consumed = vec![false; eval_problems.len()];
    let mut declaration_diagnostics = Vec::new();
    for problem in declaration_problems {
        let (module, d) = match problem {
            DeclarationProblem::NonPublicMember { module, span, class, member, decorator, accessibility } => {
                let mut d = diag::non_public_member(span, &class, &member, &decorator, accessibility);
                d.severity = restriction_severity;
                (module, d)
            }
            DeclarationProblem::ForeignDecorator { module, span, class, decorator } => {
                (module, diag::foreign_decorator(span, &class, &decorator))
            }
            DeclarationProblem::Diagnostic { module, diagnostic } => (module, diagnostic),
            DeclarationProblem::UnreadableMetadata { module, span } => {
                // The restrictions inside are what made it unreadable: each is an error.
                let mut found = false;
                for (i, problem) in eval_problems.iter().enumerate() {
                    if problem.module == module && contains(span, problem.span) {
                        consumed[i] = true;
                        if let Some(d) = eval_diagnostic(&modules, problem) {
                            declaration_diagnostics.push((module, d));
                            found = true;
                        }
                    }
                }
                if found {
                    continue;
                }
                (module, diag::metadata_error(span, "Decorator metadata cannot be read"))
            }
            DeclarationProblem::NeededValue { module, diagnostic } => {
                match explain_needed(&modules, diagnostic, module, &eval_problems, &mut consumed) {
                    Needed::Explained(d) => (module, d),
                    Needed::NotReadable(limits) => {
                        for d in limits {
                            declaration_diagnostics.push((module, d));
                        }
                        continue;
                    }
                }
            }
        };
        declaration_diagnostics.push((module, d));
    }
    for (problem, consumed) in eval_problems.iter().zip(&consumed) {
        if *consumed {
            continue;
        }
        if let Some(mut d) = eval_diagnostic(&modules, problem) {
            // View Engine never collected what a non-exported class declares.
            if problem.outside_view_engine && is_view_engine_restriction(d.code) {
                continue;
            }
            d.severity = restriction_severity;
            push(&modules, &mut diagnostics, problem.module, d);
        }
    }
    for (module, d) in declaration_diagnostics {
        push(&modules, &mut diagnostics, module, d);
    }
    for problem in scope_problems {
        let (module, d) = match &problem {
            ScopeProblem::InvalidDeclaration { ng_module, entry, span } => {
                (ng_module.module, diag::invalid_declaration(*span, entry, &ng_module.name))
            }
            ScopeProblem::InvalidImport { ng_module, entry, span } => (ng_module.module, diag::invalid_import(*span, entry)),
            ScopeProblem::InvalidExport { ng_module, entry, span } => (ng_module.module, diag::invalid_export(*span, entry)),
            ScopeProblem::DeclaredTwice { class, kind, first, second, span } => match class_name_span(&modules, class) {
                // Where ngc reports it: at the class's name, the second listing as a label.
                Some(name) => {
                    let listing = (class.module == second.module).then_some(*span);
                    (class.module, diag::declared_twice(name, listing, &class.name, kind, &first.name, &second.name))
                }
                None => (second.module, diag::declared_twice(*span, None, &class.name, kind, &first.name, &second.name)),
            },
            ScopeProblem::StandaloneDeclared { ng_module, entry, kind, span } => {
                (ng_module.module, diag::standalone_declared(*span, &entry.name, kind, &ng_module.name))
            }
            ScopeProblem::UnknownComponentImport { component, entry, span } => {
                (component.module, diag::unknown_component_import(*span, entry, &component.name))
            }
            ScopeProblem::ImportNotStandalone { component, entry, kind, declared_in, span } => {
                let declared_in = declared_in.as_ref().map(|(m, exported)| (m.name.as_str(), *exported));
                (component.module, diag::import_not_standalone(*span, &entry.name, kind, declared_in))
            }
        };
        if let ModuleId::Program(_) = module {
            push(&modules, &mut diagnostics, module, d);
        }
    }
    // Problems in the library declaration files the analysis read.
    for library_module in &modules.libraries {
        for d in &library_module.dts.diagnostics {
            diagnostics.push(FileDiagnostic { path: library_module.path.clone(), diagnostic: d.clone() });
        }
    }
    Analysis { modules, program, library, component_scopes, diagnostics }
}

/// The declaration of any class: a program class from `program`, a library class read from
/// its declaration file on first use and cached in `library`.
pub(crate) fn declaration_of(
    ev: &mut Evaluator<'_, '_>,
    program: &HashMap<SymbolId, Declaration>,
    library: &mut BTreeMap<SymbolId, Declaration>,
    symbol: &SymbolId,
) -> Declaration {
    match symbol.module {
        ModuleId::Program(_) => program.get(symbol).cloned().unwrap_or(Declaration::Other),
        ModuleId::Library(_) => {
            if let Some(known) = library.get(symbol) {
                return known.clone();
            }
            let declaration = read_library_class(ev, symbol);
            library.insert(symbol.clone(), declaration.clone());
            declaration
        }
    }
}

/// The span of a program class's name.
fn class_name_span(modules: &Modules<'_>, class: &SymbolId) -> Option<Span> {
    let file = modules.program_file(class.module)?;
    file.facts.declared_names.iter().find(|d| d.name == class.name).map(|d| d.span)
}

/// Whether `inner` (a problem's span) lies within `outer`.
fn contains(outer: Span, inner: Span) -> bool {
    inner != Span::default() && inner.start >= outer.start && inner.end <= outer.end
}

/// A needed-value error with its explanation, or the restrictions that keep ngc-rs from
/// reading a value ngc itself can read.
enum Needed {
    Explained(Diagnostic),
    NotReadable(Vec<Diagnostic>),
}

/// Attaches to `diagnostic` (a needed value that is unknown or of the wrong type) the
/// evaluation problems inside its primary span, marking them consumed. A reference to a
/// non-exported or local symbol, or one that does not resolve, is a limit of the metadata
/// ngc-rs reads rather than of the program (ngc reads such values from the source): it is
/// reported as its own restriction, as an error, instead of ngc's error.
fn explain_needed(
    modules: &Modules<'_>,
    diagnostic: Diagnostic,
    module: ModuleId,
    problems: &[EvalProblem],
    consumed: &mut [bool],
) -> Needed {
    let Some(span) = diagnostic.primary.as_ref().map(|l| l.span) else { return Needed::Explained(diagnostic) };
    let inside: Vec<usize> = problems
        .iter()
        .enumerate()
        .filter(|(_, p)| p.module == module && contains(span, p.span))
        .map(|(i, _)| i)
        .collect();
    for &i in &inside {
        consumed[i] = true;
    }
    let is_limit = |p: &EvalProblem| match &p.kind {
        ProblemKind::Unresolved { .. } => true,
        ProblemKind::MetadataError { message, .. } => {
            message.starts_with("Reference to non-exported") || message.starts_with("Reference to a non-exported") || message == "Reference to a local symbol"
        }
        _ => false,
    };
    let limits: Vec<Diagnostic> = inside
        .iter()
        .filter(|&&i| is_limit(&problems[i]))
        .filter_map(|&i| eval_diagnostic(modules, &problems[i]))
        .collect();
    if !limits.is_empty() {
        return Needed::NotReadable(limits);
    }
    let mut diagnostic = diagnostic;
    for &i in &inside {
        let problem = &problems[i];
        for (at, label) in trace(problem) {
            // At the needed value itself, the reason completes the primary label.
            if let Some(primary) = diagnostic.primary.as_mut().filter(|p| p.span == at) {
                if !primary.message.contains(&label) {
                    primary.message = format!("{}: {label}", primary.message.trim_end_matches('.'));
                }
                continue;
            }
            if !diagnostic.secondary.iter().any(|l| l.span == at && l.message == label) {
                diagnostic = diagnostic.with_secondary(at, label);
            }
        }
    }
    Needed::Explained(diagnostic)
}

/// What an evaluation problem contributes to a needed-value error, as ngc traces a dynamic
/// value: the place and the reason.
fn trace(problem: &EvalProblem) -> Vec<(Span, String)> {
    let span = problem.span;
    match &problem.kind {
        ProblemKind::FunctionCall { name, definition } => {
            let mut out = vec![(span, format!("'{name}' cannot be evaluated: a function must have exactly one return statement"))];
            if let Some((m, at)) = definition {
                if *m == problem.module {
                    out.push((*at, format!("'{name}' is declared here")));
                }
            }
            out
        }
        ProblemKind::MetadataError { message, .. } if message == "Lambda not supported" => {
            vec![(span, "a function expression: not a value the compiler can evaluate here".to_string())]
        }
        ProblemKind::MetadataError { message, .. } => vec![(span, format!("unable to evaluate statically: {message}"))],
        ProblemKind::UnsupportedNew { name } => vec![(span, format!("`new {name}(...)` cannot be evaluated statically"))],
        ProblemKind::Unresolved { name, .. } => vec![(span, format!("'{name}' cannot be resolved"))],
        // Resolved: not what made a value dynamic.
        ProblemKind::LocalReference { .. } => Vec::new(),
    }
}

/// Adds a diagnostic once: the same problem is met again when a value is evaluated twice.
fn push(modules: &Modules<'_>, out: &mut Vec<FileDiagnostic>, module: ModuleId, diagnostic: Diagnostic) {
    let path = modules.path(module).to_path_buf();
    if !out.iter().any(|d| d.path == path && d.diagnostic == diagnostic) {
        out.push(FileDiagnostic { path, diagnostic });
    }
}

fn eval_diagnostic(modules: &Modules<'_>, problem: &EvalProblem) -> Option<Diagnostic> {
    let span = problem.span;
    Some(match &problem.kind {
        ProblemKind::FunctionCall { name, definition } => {
            let same_file = definition.filter(|(m, _)| *m == problem.module).map(|(_, s)| s);
            diag::function_call(span, name, same_file)
        }
        ProblemKind::MetadataError { message, context_name, line, character } => {
            metadata_error(modules, problem, message, context_name.as_deref(), *line, *character)
        }
        ProblemKind::LocalReference { message, name, line, character } => {
            metadata_error(modules, problem, message, Some(name), *line, *character)
        }
        ProblemKind::UnsupportedNew { name } => diag::unsupported_new(span, name),
        ProblemKind::Unresolved { module, name } => diag::unresolved(span, module.as_deref(), name),
    })
}

/// The diagnostic for a View Engine error node `message` (at `line`/`character` of the file
/// that holds it) found at `problem`.
fn metadata_error(
    modules: &Modules<'_>,
    problem: &EvalProblem,
    message: &str,
    context_name: Option<&str>,
    line: Option<u32>,
    character: Option<u32>,
) -> Diagnostic {
    let span = problem.span;
    // Positions of the error node are in the file that holds it; they label this diagnostic
    // only when that is the file it is reported in.
    let holder = modules.program_file(problem.found_in).filter(|_| problem.found_in == problem.module);
    let declared = match (line, character, holder) {
        (Some(l), Some(c), Some(file)) => LineIndex::new(&file.text).offset_of_utf16(&file.text, l, c).map(|start| {
            // A non-exported class is located at its first decorator: label its name.
            let declared =
                file.facts.declared_names.iter().find(|d| Some(d.name.as_str()) == context_name && d.span.start >= start);
            declared.map_or_else(|| Span::new(start, start + context_name.map_or(1, |n| n.len() as u32)), |d| d.span)
        }),
        _ => None,
    };
    let name = context_name.unwrap_or_default();
    match message {
        "Reference to non-exported class" => diag::non_exported(span, "class", name, declared),
        "Reference to a non-exported function" => diag::non_exported(span, "function", name, declared),
        "Reference to a local symbol" => diag::non_exported(span, "symbol", name, declared),
        "Lambda not supported" => diag::lambda(span, declared),
        // The error node's position is the start of the expression; where the problem is
        // located at that expression, its span shows all of it.
        other => diag::metadata_error(declared.filter(|d| d.start != span.start).unwrap_or(span), other),
    }
}
