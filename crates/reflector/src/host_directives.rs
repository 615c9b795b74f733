//! Angular's checks of a directive's `hostDirectives` (ngc's `validateHostDirectives`): each
//! entry names a standalone directive that is not a component, and the inputs and outputs it
//! exposes exist on it (its own or inherited from `@Directive` base classes), are not aliased
//! onto another of its bindings, and include every required input.

use std::collections::{BTreeMap, HashMap};

use ngc_collector::Json;

use crate::declarations::{Declaration, DeclarationProblem, DirectiveMeta, HostDirectiveMeta};
use crate::diagnostics as diag;
use crate::evaluate::{escape, Evaluator, Site, StaticValue};
use crate::modules::{ModuleId, SymbolId};

/// A directive with the inputs and outputs of its base classes merged in
/// (`flattenInheritedDirectiveMetadata`), base first, so a subclass's field overrides.
struct Flattened {
    name: String,
    standalone: bool,
    is_component: bool,
    /// `(class property, public name, required)`.
    inputs: Vec<(String, String, bool)>,
    /// `(class property, public name)`.
    outputs: Vec<(String, String)>,
}

/// Reads declarations of program and library classes ([`crate::analysis::declaration_of`]).
struct Declarations<'a, 'e, 'm, 'h> {
    ev: &'e mut Evaluator<'m, 'h>,
    program: &'a HashMap<SymbolId, Declaration>,
    library: &'a mut BTreeMap<SymbolId, Declaration>,
}

impl Declarations<'_, '_, '_, '_> {
    fn directive(&mut self, symbol: &SymbolId) -> Option<DirectiveMeta> {
        match crate::analysis::declaration_of(self.ev, self.program, self.library, symbol) {
            Declaration::Directive(meta) => Some(meta),
            _ => None,
        }
    }

    /// The class `symbol` extends, when it names one the reflector resolves.
    fn base_class(&mut self, symbol: &SymbolId) -> Option<SymbolId> {
        match symbol.module {
            ModuleId::Program(_) => {
                let extends: Json = self.ev.modules.metadata(symbol.module)?.get(&symbol.name)?.get("extends")?.clone();
                let site = Site { module: symbol.module, pointer: format!("/metadata/{}/extends", escape(&symbol.name)) };
                self.ev.reference_symbol(&extends, &site)
            }
            ModuleId::Library(_) => {
                let library = self.ev.modules.library(symbol.module)?;
                let base = library.dts.class(&symbol.name)?.extends.clone()?;
                self.ev.modules.resolve_library_type(symbol.module, base.namespace.as_deref(), &base.name)
            }
        }
    }

    fn flattened(&mut self, symbol: &SymbolId) -> Option<Flattened> {
        let top = self.directive(symbol)?;
        // The chain from the top class down to its last directive base.
        let mut chain = vec![top];
        let mut current = symbol.clone();
        while let Some(base) = self.base_class(&current) {
            if chain.iter().any(|d| d.symbol == base) {
                break;
            }
            let Some(meta) = self.directive(&base) else { break };
            current = base;
            chain.push(meta);
        }
        let top = &chain[0];
        let mut flat = Flattened {
            name: symbol.name.clone(),
            standalone: top.standalone,
            is_component: top.is_component,
            inputs: Vec::new(),
            outputs: Vec::new(),
        };
        for meta in chain.iter().rev() {
            for input in &meta.inputs {
                flat.inputs.retain(|(property, _, _)| *property != input.property);
                flat.inputs.push((input.property.clone(), input.alias.clone(), input.required));
            }
            for output in &meta.outputs {
                flat.outputs.retain(|(property, _)| *property != output.property);
                flat.outputs.push((output.property.clone(), output.alias.clone()));
            }
        }
        Some(flat)
    }
}

/// Checks the `hostDirectives` of every program directive.
pub(crate) fn check(
    ev: &mut Evaluator<'_, '_>,
    program: &HashMap<SymbolId, Declaration>,
    order: &[(SymbolId, Declaration)],
    library: &mut BTreeMap<SymbolId, Declaration>,
    problems: &mut Vec<DeclarationProblem>,
) {
    let mut declarations = Declarations { ev, program, library };
    for (symbol, declaration) in order {
        let Declaration::Directive(meta) = declaration else { continue };
        for host_directive in &meta.host_directives {
            for diagnostic in check_one(&mut declarations, host_directive) {
                problems.push(DeclarationProblem::Diagnostic { module: symbol.module, diagnostic });
            }
        }
    }
}

fn check_one(declarations: &mut Declarations<'_, '_, '_, '_>, host: &HostDirectiveMeta) -> Vec<ngc_diagnostics::Diagnostic> {
    let span = host.span;
    // Entries that are not class references are reported by the checks of needed values.
    let StaticValue::Symbol(directive) = &host.directive else { return Vec::new() };
    let Some(flat) = declarations.flattened(directive) else {
        return vec![diag::host_directive_invalid(span, &directive.name)];
    };
    let mut out = Vec::new();
    if !flat.standalone {
        out.push(diag::host_directive_not_standalone(span, &flat.name));
    }
    if flat.is_component {
        out.push(diag::host_directive_component(span, &flat.name));
    }
    let inputs: Vec<(String, String)> = flat.inputs.iter().map(|(p, n, _)| (p.clone(), n.clone())).collect();
    let required: Vec<String> = flat.inputs.iter().filter(|i| i.2).map(|i| i.0.clone()).collect();
    check_mappings("input", &flat.name, &host.inputs, &inputs, Some(&required), span, &mut out);
    check_mappings("output", &flat.name, &host.outputs, &flat.outputs, None, span, &mut out);
    out
}

/// `validateHostDirectiveMappings`: `mappings` are (public name, name on the host); `bindings`
/// are the directive's (class property, public name).
fn check_mappings(
    kind: &str,
    class: &str,
    mappings: &[(String, String)],
    bindings: &[(String, String)],
    required: Option<&[String]>,
    span: ngc_diagnostics::Span,
    out: &mut Vec<ngc_diagnostics::Diagnostic>,
) {
    // Later entries for the same public name replace earlier ones, as in ngc's object.
    let mut unique: Vec<(&str, &str)> = Vec::new();
    for (public, exposed) in mappings {
        match unique.iter_mut().find(|(p, _)| p == public) {
            Some(entry) => entry.1 = exposed,
            None => unique.push((public, exposed)),
        }
    }
    let mut exposed_required: Vec<&str> = Vec::new();
    for (public, exposed) in &unique {
        let by_public: Vec<&(String, String)> = bindings.iter().filter(|(_, name)| name == public).collect();
        if by_public.is_empty() {
            out.push(diag::host_directive_undefined_binding(span, class, kind, public));
        } else if let Some(required) = required {
            for (property, _) in &by_public {
                if required.contains(property) && !exposed_required.contains(&property.as_str()) {
                    exposed_required.push(property);
                }
            }
        }
        for (_, name) in bindings.iter().filter(|(_, name)| name == exposed) {
            if name != public {
                out.push(diag::host_directive_conflicting_alias(span, class, kind, public, exposed));
            }
        }
    }
    if let Some(required) = required {
        if required.len() != exposed_required.len() {
            let missing: Vec<String> = required
                .iter()
                .filter(|p| !exposed_required.contains(&p.as_str()))
                .filter_map(|p| bindings.iter().find(|(property, _)| property == p))
                .map(|(_, public)| format!("'{public}'"))
                .collect();
            out.push(diag::host_directive_missing_required(span, class, kind, &missing));
        }
    }
}
