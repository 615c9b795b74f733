//! Phase 2b of ngc-rs: Angular 22 Ivy code generation.
//!
//! Being built piece by piece (issue "Code generation I"): [`styles`] scopes component CSS
//! as Angular's `ShadowCss` does for `ViewEncapsulation.Emulated`; [`schema`] knows the DOM
//! element schema and the security contexts that decide which sanitizer a binding gets;
//! [`r3_selector`] turns CSS selectors into the arrays definitions carry.

pub mod constant_pool;
pub mod output;
pub mod r3_selector;
pub mod schema;
pub mod styles;
