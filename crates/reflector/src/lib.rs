//! Phase 2a of ngc-rs: the static reflector.
//!
//! Resolves what each component may use, statically, across the program's files and the npm
//! packages they import: module resolution as TypeScript does it ([`resolve`]), the Ivy
//! declarations of precompiled libraries read from their `.d.ts` files ([`dts`]), static
//! evaluation of decorator arguments over collected metadata, NgModule and standalone
//! compilation scopes, Angular's CSS-selector matcher ([`selector`]), and the constructor
//! dependencies factories inject ([`di`]). File access goes
//! through the [`Host`] trait; the reflector itself does no IO.

pub mod analysis;
pub mod declarations;
mod diagnostics;
mod host_directives;
pub mod di;
pub mod dts;
pub mod evaluate;
pub mod host;
mod literal_spans;
pub mod matching;
pub mod members;
pub mod modules;
mod needed;
pub mod resolve;
pub mod scope;
pub mod selector;

pub use analysis::{analyze, analyze_with, is_view_engine_restriction, Analysis, AnalysisOptions, ComponentScope, FileDiagnostic};
pub use host::Host;
pub use modules::{ModuleId, ProgramFile, SymbolId};
