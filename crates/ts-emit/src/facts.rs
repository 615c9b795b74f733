//! What a file's emit needs to know about other files of the program: tsc asks its checker,
//! the caller answers through [`ProgramFacts`] (the reflector knows the exports of every file).

/// The value of a constant enum member.
#[derive(Debug, Clone, PartialEq)]
pub enum EnumValue {
    Number(f64),
    String(String),
}

/// Answers about imported symbols. Every method may answer `None` (unknown); the emitter then
/// does what is right for values, the common case.
pub trait ProgramFacts {
    /// Whether the export `name` of `module` (a specifier as written in this file; `default` for
    /// default exports) has a value meaning. Decides whether `export { X }` of an imported `X`,
    /// `export { X } from "m"` and `export default X` are kept: tsc elides them for types only.
    fn is_value(&self, module: &str, name: &str) -> Option<bool> {
        let _ = (module, name);
        None
    }

    /// The value of `member` of the const enum exported as `name` by `module`, for inlining
    /// `E.member` as tsc does (without `isolatedModules`). `None` leaves the access as written.
    fn const_enum_member(&self, module: &str, name: &str, member: &str) -> Option<EnumValue> {
        let _ = (module, name, member);
        None
    }

    /// The constant value of `member` of the enum (const or not) exported as `name` by
    /// `module`, for folding enum initializers such as `A = Other.X`.
    fn enum_member(&self, module: &str, name: &str, member: &str) -> Option<EnumValue> {
        self.const_enum_member(module, name, member)
    }
}

/// Knows nothing about other files.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgramFacts;

impl ProgramFacts for NoProgramFacts {}
