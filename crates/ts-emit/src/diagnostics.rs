//! The emitter's diagnostics (codes NGRS7xxx, listed in docs/diagnostics.md).

use ngc_diagnostics::{Diagnostic, Span};

/// NGRS7001: the file does not parse.
#[cold]
pub(crate) fn syntax_error(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NGRS7001", format!("syntax error: {message}"))
        .with_label(span, message)
        .with_help("fix the syntax error; JavaScript is emitted only for files that parse")
}

/// NGRS7002: nesting beyond what the parser can take.
#[cold]
pub(crate) fn nesting_too_deep(span: Span, limit: u32) -> Diagnostic {
    Diagnostic::error("NGRS7002", format!("expression nested more than {limit} levels deep"))
        .with_label(span, "nesting exceeds the limit here")
        .with_help("split the expression into several named constants")
}

/// NGRS7003: `import x = require(...)` or `export = x` in an ECMAScript module (tsc: TS1202/TS1203).
#[cold]
pub(crate) fn commonjs_syntax_in_esm(span: Span, import: bool) -> Diagnostic {
    let (message, help) = if import {
        (
            "import assignment cannot be used when targeting ECMAScript modules",
            "use `import x from \"mod\"`, `import * as ns from \"mod\"` or `import {a} from \"mod\"`",
        )
    } else {
        (
            "export assignment cannot be used when targeting ECMAScript modules",
            "use `export default` or another module format",
        )
    };
    Diagnostic::error("NGRS7003", message).with_label(span, "CommonJS syntax in an ECMAScript module").with_help(help)
}

/// NGRS7004: a compiler option value the emitter does not implement.
#[cold]
pub(crate) fn unsupported_option(option: &str, value: &str, help: &str) -> Diagnostic {
    Diagnostic::error("NGRS7004", format!("`{option}: {value}` is not supported by the TypeScript emitter"))
        .with_help(help.to_string())
}

/// NGRS7005: a construct whose lowering the emitter does not implement for the options.
#[cold]
pub(crate) fn unsupported_construct(span: Span, what: &str, help: &str) -> Diagnostic {
    Diagnostic::error("NGRS7005", format!("{what} is not supported by the TypeScript emitter"))
        .with_label(span, "not supported here")
        .with_help(help.to_string())
}

/// NGRS7006: an edit that names a span or statement the file does not have.
#[cold]
pub(crate) fn invalid_edit(span: Option<Span>, what: String) -> Diagnostic {
    let diagnostic = Diagnostic::error("NGRS7006", format!("invalid emit edit: {what}"))
        .with_help("edits must name decorators, classes and statements of the parsed file they are applied to");
    match span {
        Some(span) => diagnostic.with_label(span, "the edit names this"),
        None => diagnostic,
    }
}
