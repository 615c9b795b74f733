//! Phase 2b of ngc-rs: Angular 22 Ivy definitions.
//!
//! Being built piece by piece (issue "Code generation I"): [`styles`] scopes component CSS
//! as Angular's `ShadowCss` does for `ViewEncapsulation.Emulated`; [`r3_selector`] turns CSS
//! selectors into the arrays definitions carry; [`render3`] compiles R3 metadata into the
//! factories and definitions (`ɵfac`, `ɵcmp`, `ɵdir`, `ɵpipe`, `ɵprov`, `ɵmod`, `ɵinj`) and
//! the class metadata statements. The output AST they build is `ngc-output`'s;
//! the DOM schema and security contexts are `ngc-schema`'s.

pub mod r3_selector;
pub mod render3;
pub mod styles;
