//! Errors of the template pipeline: constructs it does not compile yet, template errors Angular
//! reports while compiling (not while parsing), and broken internal invariants.
//!
//! Every error has a stable code (see docs/diagnostics.md, section "Template pipeline") and a
//! byte span into the template (or into the host-binding expression) that the caller maps to
//! the file.

use ngc_template::Span;

/// An error of [`crate::compile_template`] or [`crate::compile_host_bindings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineError {
    /// A stable code (`NGRS50xx`).
    pub code: &'static str,
    pub message: String,
    pub span: Span,
}

impl PipelineError {
    pub fn new(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        PipelineError {
            code,
            message: message.into(),
            span,
        }
    }

    #[cold]
    pub fn i18n_not_supported(what: &str, span: Span) -> Self {
        Self::new(
            codes::I18N,
            format!("i18n is not supported yet: {what}"),
            span,
        )
    }

    #[cold]
    pub fn animation_not_supported(what: &str, span: Span) -> Self {
        Self::new(
            codes::ANIMATION,
            format!("animations are not supported yet: {what}"),
            span,
        )
    }

    #[cold]
    pub fn not_supported(what: &str, span: Span) -> Self {
        Self::new(
            codes::NOT_SUPPORTED,
            format!("not supported yet: {what}"),
            span,
        )
    }

    #[cold]
    pub fn invalid(message: impl Into<String>, span: Span) -> Self {
        Self::new(codes::INVALID, message, span)
    }

    #[cold]
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            codes::INTERNAL,
            format!(
                "internal error in the template pipeline: {}",
                message.into()
            ),
            Span::default(),
        )
    }
}

impl PipelineError {
    /// What to do about the error, when a fix is known.
    pub fn help(&self) -> Option<&'static str> {
        match self.code {
            codes::INVALID => Some("fix the template as the message says"),
            codes::HOST => Some("use string values in `host`, and `(event)` bindings for events"),
            codes::INTERNAL => Some("this is a bug of ngc-rs; please report it with the template"),
            _ => None,
        }
    }
}

impl std::fmt::Display for PipelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for PipelineError {}

/// The codes.
pub mod codes {
    /// i18n (`i18n` attributes, `i18n-*` attributes, ICU expressions) is not compiled yet.
    pub const I18N: &str = "NGRS5001";
    /// Animations (`[@trigger]`, `(@trigger.done)`, `animate.enter`/`animate.leave`) are not
    /// compiled yet.
    pub const ANIMATION: &str = "NGRS5002";
    /// Another construct the pipeline does not compile yet (`@content` blocks of selectorless
    /// components).
    pub const NOT_SUPPORTED: &str = "NGRS5003";
    /// A template Angular rejects while compiling it (e.g. `$any` with two arguments, a pipe in a
    /// `track` expression, an unknown global event target, `ngProjectAs` with a binding).
    pub const INVALID: &str = "NGRS5004";
    /// A host binding Angular rejects (a bad `host` key, an event property binding, an
    /// ambiguous security context).
    pub const HOST: &str = "NGRS5005";
    /// An internal invariant of the pipeline does not hold: a bug of ngc-rs.
    pub const INTERNAL: &str = "NGRS5099";
}
