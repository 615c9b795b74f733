//! The phases of the template pipeline, in Angular's order (the `phases` list of
//! `@angular/compiler`): each transforms the IR of a job a little further, ending with `reify`
//! (IR ops into output statements) and `chain` (chained instruction calls).
//!
//! The i18n phases are listed for completeness; they do nothing because ingestion rejects i18n
//! (see `i18n.rs`). The animation phase (`convert_animations.rs`) and the selectorless-component
//! phase (`resolve_foreign_content.rs`) likewise have nothing to convert.

mod allocate_slots;
mod attach_source_locations;
mod chain;
mod collapse_empty_instructions;
mod collapse_singleton_interpolations;
mod collect_const_expressions;
mod collect_element_consts;
mod configure_defer_instructions;
mod convert_animations;
mod count_variables;
mod create_pipes;
mod create_variadic_pipes;
mod deduplicate_text_bindings;
mod delete_any_casts;
mod disable_bindings;
mod emit_namespace_changes;
mod expand_safe_reads;
mod extract_attributes;
mod extract_pure_functions;
mod generate_advance;
mod generate_arrow_functions;
mod generate_conditional_expressions;
mod generate_local_let_references;
mod generate_ng_container_ops;
mod generate_projection_defs;
mod generate_pure_literal_structures;
mod generate_temporary_variables;
mod generate_track_variables;
mod generate_variables;
pub(crate) mod i18n;
mod insert_incremental_hydration_runtime;
mod lift_local_refs;
mod merge_next_context_expressions;
mod name_functions_and_variables;
mod optimize_regular_expressions;
mod optimize_store_let;
mod optimize_track_fns;
mod optimize_variables;
mod order_ops;
mod parse_extracted_styles;
mod parse_host_style_properties;
pub(crate) mod reify;
mod remove_content_selectors;
mod remove_empty_bindings;
mod remove_illegal_let_references;
mod remove_safe_navigation_migration;
mod resolve_boundaries;
mod resolve_contexts;
mod resolve_defer_deps_fns;
mod resolve_defer_target_names;
mod resolve_dollar_event;
mod resolve_foreign_content;
mod resolve_names;
mod resolve_sanitizers;
mod save_and_restore_view;
mod specialize_bindings;
mod specialize_control_properties;
mod specialize_style_bindings;
mod strip_nonrequired_parentheses;
mod transform_two_way_binding_set;

use crate::job::{Job, JobKind};

/// Which jobs a phase runs for (`CompilationJobKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Runs {
    Template,
    Host,
    Both,
}

type PhaseFn = fn(&mut Job<'_>);

/// The phases, in order.
const PHASES: &[(Runs, &str, PhaseFn)] = &[
    (
        Runs::Template,
        "resolveForeignContent",
        resolve_foreign_content::run,
    ),
    (
        Runs::Template,
        "removeContentSelectors",
        remove_content_selectors::run,
    ),
    (
        Runs::Both,
        "optimizeRegularExpressions",
        optimize_regular_expressions::run,
    ),
    (
        Runs::Host,
        "parseHostStyleProperties",
        parse_host_style_properties::run,
    ),
    (
        Runs::Template,
        "emitNamespaceChanges",
        emit_namespace_changes::run,
    ),
    (
        Runs::Template,
        "propagateI18nBlocks",
        i18n::propagate_i18n_blocks,
    ),
    (Runs::Template, "wrapI18nIcus", i18n::wrap_i18n_icus),
    (
        Runs::Both,
        "deduplicateTextBindings",
        deduplicate_text_bindings::run,
    ),
    (
        Runs::Both,
        "specializeStyleBindings",
        specialize_style_bindings::run,
    ),
    (Runs::Both, "specializeBindings", specialize_bindings::run),
    (
        Runs::Template,
        "specializeControlProperties",
        specialize_control_properties::run,
    ),
    (Runs::Both, "convertAnimations", convert_animations::run),
    (Runs::Both, "extractAttributes", extract_attributes::run),
    (
        Runs::Template,
        "createI18nContexts",
        i18n::create_i18n_contexts,
    ),
    (
        Runs::Both,
        "parseExtractedStyles",
        parse_extracted_styles::run,
    ),
    (
        Runs::Template,
        "removeEmptyBindings",
        remove_empty_bindings::run,
    ),
    (
        Runs::Both,
        "collapseSingletonInterpolations",
        collapse_singleton_interpolations::run,
    ),
    (Runs::Both, "orderOps", order_ops::run),
    (
        Runs::Template,
        "generateConditionalExpressions",
        generate_conditional_expressions::run,
    ),
    (
        Runs::Template,
        "generateBoundaryConditions",
        resolve_boundaries::generate_boundary_conditions,
    ),
    (Runs::Template, "createPipes", create_pipes::run),
    (
        Runs::Template,
        "configureDeferInstructions",
        configure_defer_instructions::run,
    ),
    (
        Runs::Template,
        "insertIncrementalHydrationRuntime",
        insert_incremental_hydration_runtime::run,
    ),
    (
        Runs::Template,
        "createVariadicPipes",
        create_variadic_pipes::run,
    ),
    (
        Runs::Both,
        "generateArrowFunctions",
        generate_arrow_functions::run,
    ),
    (
        Runs::Both,
        "generatePureLiteralStructures",
        generate_pure_literal_structures::run,
    ),
    (
        Runs::Template,
        "generateProjectionDefs",
        generate_projection_defs::run,
    ),
    (
        Runs::Template,
        "generateLocalLetReferences",
        generate_local_let_references::run,
    ),
    (Runs::Template, "generateVariables", generate_variables::run),
    (Runs::Template, "resolveBoundaries", resolve_boundaries::run),
    (
        Runs::Template,
        "saveAndRestoreView",
        save_and_restore_view::run,
    ),
    (Runs::Both, "deleteAnyCasts", delete_any_casts::run),
    (
        Runs::Both,
        "removeSafeNavigationMigration",
        remove_safe_navigation_migration::run,
    ),
    (Runs::Both, "resolveDollarEvent", resolve_dollar_event::run),
    (
        Runs::Template,
        "generateTrackVariables",
        generate_track_variables::run,
    ),
    (
        Runs::Template,
        "removeIllegalLetReferences",
        remove_illegal_let_references::run,
    ),
    (Runs::Both, "resolveNames", resolve_names::run),
    (
        Runs::Template,
        "resolveDeferTargetNames",
        resolve_defer_target_names::run,
    ),
    (
        Runs::Template,
        "transformTwoWayBindingSet",
        transform_two_way_binding_set::run,
    ),
    (Runs::Template, "optimizeTrackFns", optimize_track_fns::run),
    (Runs::Both, "resolveContexts", resolve_contexts::run),
    (Runs::Both, "resolveSanitizers", resolve_sanitizers::run),
    (Runs::Template, "liftLocalRefs", lift_local_refs::run),
    (Runs::Both, "expandSafeReads", expand_safe_reads::run),
    (
        Runs::Both,
        "stripNonrequiredParentheses",
        strip_nonrequired_parentheses::run,
    ),
    (
        Runs::Both,
        "generateTemporaryVariables",
        generate_temporary_variables::run,
    ),
    (Runs::Both, "optimizeVariables", optimize_variables::run),
    (Runs::Both, "optimizeStoreLet", optimize_store_let::run),
    (Runs::Template, "convertI18nText", i18n::convert_i18n_text),
    (
        Runs::Template,
        "convertI18nBindings",
        i18n::convert_i18n_bindings,
    ),
    (
        Runs::Template,
        "removeUnusedI18nAttributesOps",
        i18n::remove_unused_i18n_attributes_ops,
    ),
    (
        Runs::Template,
        "assignI18nSlotDependencies",
        i18n::assign_i18n_slot_dependencies,
    ),
    (
        Runs::Template,
        "applyI18nExpressions",
        i18n::apply_i18n_expressions,
    ),
    (Runs::Template, "allocateSlots", allocate_slots::run),
    (
        Runs::Template,
        "resolveI18nElementPlaceholders",
        i18n::resolve_i18n_element_placeholders,
    ),
    (
        Runs::Template,
        "resolveI18nExpressionPlaceholders",
        i18n::resolve_i18n_expression_placeholders,
    ),
    (
        Runs::Template,
        "extractI18nMessages",
        i18n::extract_i18n_messages,
    ),
    (
        Runs::Template,
        "collectI18nConsts",
        i18n::collect_i18n_consts,
    ),
    (
        Runs::Template,
        "resolveI18nAttrSanitizers",
        i18n::resolve_i18n_attr_sanitizers,
    ),
    (
        Runs::Template,
        "collectConstExpressions",
        collect_const_expressions::run,
    ),
    (
        Runs::Both,
        "collectElementConsts",
        collect_element_consts::run,
    ),
    (
        Runs::Template,
        "removeI18nContexts",
        i18n::remove_i18n_contexts,
    ),
    (Runs::Both, "countVariables", count_variables::run),
    (Runs::Template, "generateAdvance", generate_advance::run),
    (
        Runs::Both,
        "nameFunctionsAndVariables",
        name_functions_and_variables::run,
    ),
    (
        Runs::Template,
        "resolveDeferDepsFns",
        resolve_defer_deps_fns::run,
    ),
    (
        Runs::Template,
        "mergeNextContextExpressions",
        merge_next_context_expressions::run,
    ),
    (
        Runs::Template,
        "generateNgContainerOps",
        generate_ng_container_ops::run,
    ),
    (
        Runs::Template,
        "collapseEmptyInstructions",
        collapse_empty_instructions::run,
    ),
    (
        Runs::Template,
        "attachSourceLocations",
        attach_source_locations::run,
    ),
    (Runs::Template, "disableBindings", disable_bindings::run),
    (
        Runs::Both,
        "extractPureFunctions",
        extract_pure_functions::run,
    ),
    (Runs::Both, "reify", reify::run),
    (Runs::Both, "chain", chain::run),
];

/// The names of the phases, in order (for tests and debugging).
pub fn phase_names() -> impl Iterator<Item = &'static str> {
    PHASES.iter().map(|(_, name, _)| *name)
}

/// Runs every phase for the job's kind (Angular's `transform`). Stops early when a phase
/// reported an error: later phases rely on the invariants earlier ones establish.
pub fn transform(job: &mut Job<'_>) {
    let kind = job.state.kind;
    for (runs, _, phase) in PHASES {
        let applies = match runs {
            Runs::Both => true,
            Runs::Template => kind == JobKind::Template,
            Runs::Host => kind == JobKind::Host,
        };
        if applies {
            phase(job);
            if !job.state.errors.is_empty() {
                return;
            }
        }
    }
}

/// Replaces every call `name(x)` of a template builtin (`$any`, `$safeNavigationMigration`) in
/// the job's expressions with `wrap(x)`; a call with another number of arguments is Angular's
/// error "The {name} builtin function expects exactly one argument.".
fn replace_builtin_calls(
    job: &mut Job<'_>,
    name: &str,
    wrap: fn(crate::ir::Expr) -> crate::ir::Expr,
) {
    use crate::error::PipelineError;
    use crate::ir::{transform_expressions_in_op, Expr, VisitorFlags};
    let errors = &mut job.state.errors;
    for unit in &mut job.units {
        unit.for_each_op_mut(|op| {
            transform_expressions_in_op(
                op,
                &mut |e, _| {
                    if let Expr::Invoke { callee, args, .. } = e {
                        if matches!(&**callee, Expr::LexicalRead(n) if n == name) {
                            if args.len() != 1 {
                                errors.push(PipelineError::invalid(
                                    format!(
                                        "The {name} builtin function expects exactly one argument."
                                    ),
                                    Default::default(),
                                ));
                                return;
                            }
                            let arg = args.remove(0);
                            *e = wrap(arg);
                        }
                    }
                },
                VisitorFlags::NONE,
            )
        });
    }
}
