//! Phase 2a of ngc-rs: the static reflector.
//!
//! Resolves what each component may use, statically, across the program's files and the npm
//! packages they import: module resolution as TypeScript does it ([`resolve`]), the Ivy
//! declarations of precompiled libraries read from their `.d.ts` files ([`dts`]), static
//! evaluation of decorator arguments over collected metadata, NgModule and standalone
//! compilation scopes, and Angular's CSS-selector matcher ([`selector`]). File access goes
//! through the [`Host`] trait; the reflector itself does no IO.

pub mod dts;
pub mod host;
pub mod resolve;
pub mod selector;

pub use host::Host;
