//! The i18n phases of Angular's list (`propagateI18nBlocks`, `wrapI18nIcus`,
//! `createI18nContexts`, `convertI18nText`, `convertI18nBindings`,
//! `removeUnusedI18nAttributesOps`, `assignI18nSlotDependencies`, `applyI18nExpressions`,
//! `resolveI18nElementPlaceholders`, `resolveI18nExpressionPlaceholders`, `extractI18nMessages`,
//! `collectI18nConsts`, `resolveI18nAttrSanitizers`, `removeI18nContexts`).
//!
//! i18n is not compiled yet: ingestion reports every i18n construct (`i18n` and `i18n-*`
//! attributes, ICU expressions) as NGRS5001 and creates no i18n ops, so on the jobs that reach
//! these phases each of Angular's versions finds nothing to do. They are kept in the list so
//! the order stays Angular's when they are ported.

use crate::job::Job;

pub fn propagate_i18n_blocks(_job: &mut Job<'_>) {}
pub fn wrap_i18n_icus(_job: &mut Job<'_>) {}
pub fn create_i18n_contexts(_job: &mut Job<'_>) {}
pub fn convert_i18n_text(_job: &mut Job<'_>) {}
pub fn convert_i18n_bindings(_job: &mut Job<'_>) {}
pub fn remove_unused_i18n_attributes_ops(_job: &mut Job<'_>) {}
pub fn assign_i18n_slot_dependencies(_job: &mut Job<'_>) {}
pub fn apply_i18n_expressions(_job: &mut Job<'_>) {}
pub fn resolve_i18n_element_placeholders(_job: &mut Job<'_>) {}
pub fn resolve_i18n_expression_placeholders(_job: &mut Job<'_>) {}
pub fn extract_i18n_messages(_job: &mut Job<'_>) {}
pub fn collect_i18n_consts(_job: &mut Job<'_>) {}
pub fn resolve_i18n_attr_sanitizers(_job: &mut Job<'_>) {}
pub fn remove_i18n_contexts(_job: &mut Job<'_>) {}
