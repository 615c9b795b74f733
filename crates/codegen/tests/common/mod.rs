//! Helpers shared by codegen's differential tests: the repository root, ngc's numbering of
//! namespace imports, and builders of R3 metadata with the defaults a plain class has, which
//! the cases then change field by field.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ngc_codegen::render3::metadata::*;
use ngc_diagnostics::Span;
use ngc_output::print::ImportNames;
use ngc_output::{raw, var, ExternalRef};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Namespace imports numbered in the order of first use (`i0`, `i1`, …), as ngc's import
/// manager names them.
#[derive(Default)]
pub struct NumberedImports {
    pub modules: Vec<String>,
}

impl ImportNames for NumberedImports {
    fn reference(&mut self, reference: &ExternalRef) -> String {
        let Some(module) = &reference.module else { return reference.name.clone() };
        let index = self.modules.iter().position(|m| m == module).unwrap_or_else(|| {
            self.modules.push(module.clone());
            self.modules.len() - 1
        });
        format!("i{index}.{}", reference.name)
    }
}

/// The class `name` of the file being compiled.
pub fn this(name: &str) -> R3Reference {
    R3Reference::same(var(name))
}

/// `@name(args…)`; no argument list when `args` is empty.
pub fn decorator(name: &str, args: &[&str]) -> R3DecoratorMetadata {
    R3DecoratorMetadata { type_expr: var(name), args: (!args.is_empty()).then(|| args.iter().map(|a| raw(*a)).collect()) }
}

pub fn injectable(
    name: &str,
    provided_in: Option<&str>,
    provider: R3InjectableProvider,
    deps: Option<Vec<R3DependencyMetadata>>,
) -> R3InjectableMetadata {
    R3InjectableMetadata {
        name: name.into(),
        type_ref: this(name),
        type_argument_count: 0,
        provided_in: provided_in.map(|p| MaybeForwardRefExpr::plain(raw(p))),
        provider,
        deps,
    }
}

/// A standalone directive without members; `selector` `None` for an abstract one.
pub fn directive(name: &str, selector: Option<&str>) -> R3DirectiveMetadata {
    R3DirectiveMetadata {
        name: name.into(),
        type_ref: this(name),
        type_argument_count: 0,
        type_source_span: Span::new(0, 0),
        deps: R3FactoryDeps::Valid(Vec::new()),
        selector: selector.map(str::to_string),
        queries: Vec::new(),
        view_queries: Vec::new(),
        host: R3HostMetadata::default(),
        uses_on_changes: false,
        inputs: Vec::new(),
        outputs: Vec::new(),
        uses_inheritance: false,
        control_create: None,
        export_as: None,
        providers: None,
        is_standalone: true,
        is_signal: false,
        host_directives: None,
        legacy_optional_chaining: false,
    }
}

/// A standalone component with an empty template, no styles and no dependencies.
pub fn component(name: &str, selector: &str) -> R3ComponentMetadata {
    R3ComponentMetadata {
        directive: directive(name, Some(selector)),
        template: R3ComponentTemplate::default(),
        declarations: Vec::new(),
        defer: R3ComponentDeferMetadata::PerBlock { blocks: Vec::new() },
        declaration_list_emit_mode: DeclarationListEmitMode::Direct,
        styles: Vec::new(),
        external_styles: Vec::new(),
        encapsulation: None,
        animations: None,
        view_providers: None,
        relative_context_file_path: String::new(),
        i18n_use_external_ids: false,
        change_detection: None,
        relative_template_path: None,
        has_directive_dependencies: false,
        raw_imports: None,
        foreign_imports: None,
        enable_template_source_locations: false,
    }
}

/// A plain decorator input `member` bound as `public`.
pub fn input(member: &str, public: &str) -> (String, R3InputMetadata) {
    (
        member.into(),
        R3InputMetadata {
            class_property_name: member.into(),
            binding_property_name: public.into(),
            required: false,
            is_signal: false,
            transform_function: None,
        },
    )
}

/// A decorator query (`@ViewChild`, `@ContentChildren`, …).
pub fn query(name: &str, predicate: R3QueryPredicate, first: bool, descendants: bool) -> R3QueryMetadata {
    R3QueryMetadata {
        property_name: name.into(),
        first,
        predicate,
        descendants,
        emit_distinct_changes_only: true,
        read: None,
        is_static: false,
        is_signal: false,
    }
}

/// A query predicate of reference names.
pub fn selectors(names: &[&str]) -> R3QueryPredicate {
    R3QueryPredicate::Selectors(names.iter().map(|s| s.to_string()).collect())
}
