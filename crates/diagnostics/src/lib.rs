//! Spans, source texts and diagnostics shared by every ngc-rs phase.
//!
//! A [`Diagnostic`] is plain data: a stable code, a message, a primary span with its label,
//! optional secondary labels and a help line. Phases create them through `#[cold]`
//! constructor functions in their own `diagnostics.rs`; the CLI renders them with miette
//! through [`Diagnostic::to_report`].

mod line_index;
pub mod nesting;

pub use line_index::{LineCol, LineIndex};

use std::sync::Arc;

/// A byte range into one source text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Self {
        Span { start, end: end.max(start) }
    }

    pub fn len(&self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A named source text: what a diagnostic points into.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub name: Arc<str>,
    pub text: Arc<str>,
}

impl SourceText {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceText { name: name.into(), text: text.into() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A labelled span of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The source this label points into when it is not the diagnostic's own.
    pub source: Option<SourceTextRef>,
}

/// Identity of a source by name, for labels that point into another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceTextRef(pub Arc<str>);

/// One problem found in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code such as `NGRS1001`; listed in docs/diagnostics.md.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The primary label; `None` only for problems that have no place in a source (a missing file).
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.primary = Some(Label { span, message: message.into(), source: None });
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label { span, message: message.into(), source: None });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders into a miette report with the code frame of `source`, when there is one.
    pub fn to_report(&self, source: Option<&SourceText>) -> miette::Report {
        let labels: Vec<miette::LabeledSpan> = self
            .primary
            .iter()
            .map(|l| miette::LabeledSpan::new_primary_with_span(Some(l.message.clone()), to_miette(l.span)))
            .chain(self.secondary.iter().map(|l| {
                miette::LabeledSpan::new_with_span(Some(l.message.clone()), to_miette(l.span))
            }))
            .collect();
        let severity = match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        };
        let mut diag = miette::MietteDiagnostic::new(self.message.clone())
            .with_code(self.code)
            .with_severity(severity)
            .with_labels(labels);
        if let Some(help) = &self.help {
            diag = diag.with_help(help.clone());
        }
        let report = miette::Report::new(diag);
        match source {
            Some(src) => report.with_source_code(miette::NamedSource::new(&*src.name, src.text.to_string())),
            None => report,
        }
    }
}

fn to_miette(span: Span) -> miette::SourceSpan {
    miette::SourceSpan::new((span.start as usize).into(), span.len() as usize)
}
