//! Diagnostic codes of the template front end.
//!
//! Angular reports every template parse error (HTML, blocks, bindings, i18n attributes, expressions) under one
//! code, `NG5002` (`ErrorCode.TEMPLATE_PARSE_ERROR`); ngc-rs keeps that code for the errors of this crate so
//! users can search for it, and the message text is Angular's. Errors inside binding expressions keep the more
//! specific `NGRS21xx` code given by `ngc-expression` (their message is Angular's `Parser Error: ...` text).

/// `NG5002`: a template could not be parsed.
pub const TEMPLATE_PARSE_ERROR: &str = "NG5002";

/// The code for an error message of this crate.
pub(crate) fn code_for(_message: &str) -> &'static str {
    TEMPLATE_PARSE_ERROR
}
