//! TypeScript to JavaScript, token for token as `tsc` (TypeScript 6) emits it for ES2022+ and
//! ECMAScript modules.
//!
//! ```text
//! parse(file_name, text) ─► ParsedFile ─► emit(&file, &options, &edits, &facts) ─► Emitted { code, diagnostics }
//!                             └► classes(): what the Angular transform needs to know of each class
//! ```
//!
//! tsc re-prints unchanged code as written (literal text, parentheses, trailing commas, arrow
//! parameter lists), so the emitter edits the source text instead of printing a tree: type
//! syntax and TypeScript-only declarations are deleted, enums, namespaces, parameter properties
//! and `useDefineForClassFields: false` fields are rewritten, semicolons are added where tsc
//! prints them, and the caller's [`Edits`] remove Angular's decorators and splice generated
//! JavaScript in. swc's own printer (`swc_ecma_codegen`) would change those tokens, and swc's
//! TypeScript transform emits enums and namespaces differently from tsc.
//!
//! What tsc decides with its checker and one file cannot know — whether an imported name
//! re-exported with `export {X}` is a type, the values of const enums of other files — is
//! asked of [`ProgramFacts`]; without answers the emitter assumes values.

mod class;
mod class_info;
mod declarations;
mod decorate;
mod diagnostics;
mod edits;
mod emit;
mod exports;
mod expression;
mod facts;
pub(crate) mod lower;
mod options;
mod parse;
mod patch;
mod scope;
mod syntax;
mod walk;

pub use class_info::{
    ClassInfo, ConstructorParam, DecoratorInfo, ImportBinding, ImportKind, MemberDecorators, TypeOrigin, TypeReference,
};
pub use edits::{Edits, LoweredExpression};
pub use emit::{emit, Emitted};
pub use expression::ExpressionEmitter;
pub use facts::{EnumValue, NoProgramFacts, ProgramFacts};
pub use options::{EmitOptions, ModuleKind, Target};
pub use parse::{parse, ParsedFile, MAX_NESTING};
