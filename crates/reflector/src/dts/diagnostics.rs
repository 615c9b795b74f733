//! Diagnostics of the `.d.ts` reader (codes NGRS39xx).
//!
//! A library's `.d.ts` is not the user's code, so problems in the shape of its Ivy
//! declarations are warnings: the class is then treated as Angular's own reader treats it
//! (not a directive, or the odd element left out). Only a file that does not parse, or nests
//! too deeply to be parsed safely, is an error.

use ngc_diagnostics::{Diagnostic, Severity, Span};

fn warning(code: &'static str, message: String) -> Diagnostic {
    let mut d = Diagnostic::error(code, message);
    d.severity = Severity::Warning;
    d
}

/// NGRS3901: the `.d.ts` file does not parse.
#[cold]
pub(crate) fn syntax_error(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NGRS3901", format!("syntax error in a declaration file: {message}"))
        .with_label(span, message)
        .with_help("the library's .d.ts must be valid TypeScript; reinstall the package or update it")
}

/// NGRS3902: a static Ivy field whose type is not the declaration type it should be.
#[cold]
pub(crate) fn malformed_declaration(span: Span, class: &str, field: &str, expected: &str) -> Diagnostic {
    warning(
        "NGRS3902",
        format!("'{class}.{field}' is not a valid {expected}; '{class}' is not treated as an Angular declaration"),
    )
    .with_label(span, format!("expected `i0.{expected}<...>` with its type arguments"))
    .with_help("the library was probably built with an incompatible Angular version; update it")
}

/// NGRS3903: one type argument of an Ivy declaration has a shape Angular does not read.
#[cold]
pub(crate) fn unexpected_type_argument(span: Span, class: &str, what: &str, expected: &str) -> Diagnostic {
    warning("NGRS3903", format!("the {what} in the declaration of '{class}' is not {expected}; it is ignored"))
        .with_label(span, format!("expected {expected}"))
        .with_help("the library was probably built with an incompatible Angular version; update it")
}

/// NGRS3904: nesting too deep to parse without risking the stack.
#[cold]
pub(crate) fn nesting_too_deep(span: Span, limit: u32) -> Diagnostic {
    Diagnostic::error("NGRS3904", format!("declaration file nested more than {limit} levels deep"))
        .with_label(span, "nesting exceeds the limit here")
        .with_help("declaration files this deeply nested are not read; split the nested type into named type aliases")
}
