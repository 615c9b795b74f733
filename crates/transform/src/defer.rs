//! Which `@defer` dependencies are loaded lazily (ngc's `DeferredSymbolTracker`): a standalone
//! component, directive or pipe that a component imports by name and uses only inside `@defer`
//! blocks is loaded with a dynamic `import()` when nothing else in the file refers to the
//! import declaration that brings it: every name that declaration imports must be such a
//! candidate, and referred to only from the `imports` arrays that make it one (type positions
//! do not count). Those declarations are removed from the file.

use std::collections::HashMap;

use ngc_diagnostics::Span;
use swc_ecma_ast as ast;
use swc_ecma_visit::{Visit, VisitWith};

use crate::source::Source;

/// A dependency that may be loaded lazily: the identifier in a component's `imports` array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeferCandidate {
    /// The local name of the import binding.
    pub local: String,
    /// The identifier's span in the `imports` array.
    pub identifier: Span,
}

/// The file's references to its import bindings, and the import declarations that can go.
pub struct DeferralTracker {
    /// Local name → spans of the identifiers that refer to it in value positions.
    references: HashMap<String, Vec<Span>>,
    /// Statements (import declarations) whose imports are all loaded lazily.
    deferrable: Vec<usize>,
}

impl DeferralTracker {
    /// Decides deferrability from every candidate of the file's components.
    pub fn new(source: &Source<'_>, candidates: &[DeferCandidate]) -> Self {
        let mut tracker = DeferralTracker { references: HashMap::new(), deferrable: Vec::new() };
        if candidates.is_empty() {
            return tracker;
        }
        let mut finder = References { source, out: HashMap::new() };
        source.module.visit_with(&mut finder);
        tracker.references = finder.out;
        let mut statements: Vec<usize> = Vec::new();
        for candidate in candidates {
            if let Some(binding) = source.imports.get(&candidate.local) {
                if !statements.contains(&binding.statement) {
                    statements.push(binding.statement);
                }
            }
        }
        statements.sort_unstable();
        for statement in statements {
            let bindings = source.imports.bindings.iter().filter(|b| b.statement == statement && !b.type_only);
            let all_deferred = bindings.into_iter().all(|binding| {
                let marked: Vec<Span> = candidates.iter().filter(|c| c.local == binding.local).map(|c| c.identifier).collect();
                !marked.is_empty()
                    && tracker.references.get(&binding.local).is_none_or(|refs| refs.iter().all(|r| marked.contains(r)))
            });
            if all_deferred {
                tracker.deferrable.push(statement);
            }
        }
        tracker
    }

    /// Whether the import of `local` is loaded lazily.
    pub fn can_defer(&self, source: &Source<'_>, local: &str) -> bool {
        source.imports.get(local).is_some_and(|b| self.deferrable.contains(&b.statement))
    }

    /// The import declarations to remove.
    pub fn deferrable_statements(&self) -> &[usize] {
        &self.deferrable
    }
}

/// Identifiers in value positions (types skipped, `extends` kept), by name.
struct References<'s, 'm> {
    source: &'s Source<'m>,
    out: HashMap<String, Vec<Span>>,
}

impl Visit for References<'_, '_> {
    fn visit_import_decl(&mut self, _: &ast::ImportDecl) {}
    fn visit_ts_type(&mut self, _: &ast::TsType) {}
    fn visit_ts_type_ann(&mut self, _: &ast::TsTypeAnn) {}
    fn visit_ts_type_param_instantiation(&mut self, _: &ast::TsTypeParamInstantiation) {}
    fn visit_ts_type_param_decl(&mut self, _: &ast::TsTypeParamDecl) {}
    fn visit_ts_expr_with_type_args(&mut self, _: &ast::TsExprWithTypeArgs) {}
    fn visit_ts_interface_decl(&mut self, _: &ast::TsInterfaceDecl) {}
    fn visit_ts_type_alias_decl(&mut self, _: &ast::TsTypeAliasDecl) {}

    fn visit_ident(&mut self, ident: &ast::Ident) {
        if self.source.imports.get(&ident.sym).is_some() {
            self.out.entry(ident.sym.to_string()).or_default().push(self.source.spans.of(ident.span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_source;

    fn candidate(source: &Source<'_>, name: &str, nth: usize) -> DeferCandidate {
        let at = source.text.match_indices(name).nth(nth).map(|(i, _)| i as u32).expect("name in source");
        DeferCandidate { local: name.to_string(), identifier: Span::new(at, at + name.len() as u32) }
    }

    const FILE: &str = "import { A } from './a';\nimport { B, C } from './b';\nimport { D } from './d';\n@Component({ imports: [A, B, C, D] })\nclass X { d: D = null!; }\nexport const other = D;\n";

    #[test]
    fn an_import_goes_when_all_its_names_are_deferred_and_unused_elsewhere() {
        with_source(FILE, |source| {
            let a = candidate(source, "A", 1);
            let b = candidate(source, "B", 1);
            let d = candidate(source, "D", 1);
            let tracker = DeferralTracker::new(source, &[a, b, d]);
            // `A` only in `imports`; `B` shares its import with `C`, which is not deferred; `D`
            // is used as a value elsewhere (its use as a type does not count).
            assert_eq!(tracker.deferrable_statements(), &[0]);
            assert!(tracker.can_defer(source, "A"));
            assert!(!tracker.can_defer(source, "B"));
            assert!(!tracker.can_defer(source, "D"));
        });
    }

    #[test]
    fn no_candidates_no_deferral() {
        with_source(FILE, |source| assert!(DeferralTracker::new(source, &[]).deferrable_statements().is_empty()));
    }
}
