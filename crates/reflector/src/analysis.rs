//! The whole-program analysis: every Angular class of the program with its resolved
//! metadata, the compilation scope of every component, and the diagnostics found on the way.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use ngc_diagnostics::{Diagnostic, LineIndex, Span};

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

/// Analyses the program: declarations, scopes, restrictions.
pub fn analyze<'h>(files: Vec<ProgramFile>, resolve: ResolveOptions, host: &'h dyn Host) -> Analysis<'h> {
    let mut modules = Modules::new(files, resolve, host);
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
        let mut lookup = |symbol: &SymbolId| -> Declaration {
            match symbol.module {
                ModuleId::Program(_) => program_index.get(symbol).cloned().unwrap_or(Declaration::Other),
                ModuleId::Library(_) => {
                    if let Some(known) = library.get(symbol) {
                        return known.clone();
                    }
                    let declaration = read_library_class(&mut ev, symbol);
                    library.insert(symbol.clone(), declaration.clone());
                    declaration
                }
            }
        };
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
        eval_problems = std::mem::take(&mut ev.problems);
    }

    let mut diagnostics = Vec::new();
    for problem in eval_problems {
        if let Some(d) = eval_diagnostic(&modules, &problem) {
            push(&modules, &mut diagnostics, problem.module, d);
        }
    }
    for problem in declaration_problems {
        let (module, d) = match problem {
            DeclarationProblem::NonPublicMember { module, span, class, member, decorator, accessibility } => {
                (module, diag::non_public_member(span, &class, &member, &decorator, accessibility))
            }
            DeclarationProblem::ForeignDecorator { module, span, class, decorator } => {
                (module, diag::foreign_decorator(span, &class, &decorator))
            }
            DeclarationProblem::Diagnostic { module, diagnostic } => (module, diagnostic),
        };
        push(&modules, &mut diagnostics, module, d);
    }
    for problem in scope_problems {
        let (module, d) = match &problem {
            ScopeProblem::InvalidDeclaration { ng_module, entry, span } => {
                (ng_module.module, diag::invalid_declaration(*span, entry, &ng_module.name))
            }
            ScopeProblem::InvalidImport { ng_module, entry, span } => (ng_module.module, diag::invalid_import(*span, entry)),
            ScopeProblem::InvalidExport { ng_module, entry, span } => (ng_module.module, diag::invalid_export(*span, entry)),
            ScopeProblem::DeclaredTwice { class, first, second, span } => {
                (second.module, diag::declared_twice(*span, &class.name, &first.name, &second.name))
            }
            ScopeProblem::StandaloneDeclared { ng_module, entry, span } => {
                (ng_module.module, diag::standalone_declared(*span, &entry.name, &ng_module.name))
            }
            ScopeProblem::UnknownComponentImport { component, entry, span } => {
                (component.module, diag::unknown_component_import(*span, entry, &component.name))
            }
            ScopeProblem::ImportNotStandalone { component, entry, span } => {
                (component.module, diag::import_not_standalone(*span, &entry.name, &component.name))
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
            // Positions of the error node are in the file that holds it; they label this
            // diagnostic only when that is the file it is reported in.
            let holder = modules.program_file(problem.found_in).filter(|_| problem.found_in == problem.module);
            let declared = match (line, character, holder) {
                (Some(l), Some(c), Some(file)) => LineIndex::new(&file.text).offset_of_utf16(&file.text, *l, *c).map(|start| {
                    // A non-exported class is located at its first decorator: label its name.
                    let name = context_name.as_deref();
                    let declared = file.facts.declared_names.iter().find(|d| Some(d.name.as_str()) == name && d.span.start >= start);
                    declared.map_or_else(|| Span::new(start, start + name.map_or(1, |n| n.len() as u32)), |d| d.span)
                }),
                _ => None,
            };
            let name = context_name.clone().unwrap_or_default();
            match message.as_str() {
                "Reference to non-exported class" => diag::non_exported(span, "class", &name, declared),
                "Reference to a non-exported function" => diag::non_exported(span, "function", &name, declared),
                "Reference to a local symbol" => diag::non_exported(span, "symbol", &name, declared),
                "Lambda not supported" => diag::lambda(span, declared),
                other => diag::metadata_error(declared.unwrap_or(span), other),
            }
        }
        ProblemKind::UnsupportedNew { name } => diag::unsupported_new(span, name),
        ProblemKind::Unresolved { module, name } => diag::unresolved(span, module.as_deref(), name),
    })
}
