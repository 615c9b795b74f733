//! The collector's diagnostics (codes NGRS1xxx, listed in docs/diagnostics.md).

use ngc_diagnostics::{Diagnostic, Span};

/// NGRS1001: the file does not parse.
#[cold]
pub(crate) fn syntax_error(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NGRS1001", format!("syntax error: {message}"))
        .with_label(span, message)
        .with_help("fix the syntax error; metadata is collected only from files that parse")
}

/// NGRS1002: the metadata refers to itself, which JSON cannot hold.
#[cold]
pub(crate) fn circular_metadata(span: Span) -> Diagnostic {
    Diagnostic::error("NGRS1002", "the metadata of this declaration refers to itself")
        .with_label(span, "a generic type argument here refers back to the type it is an argument of")
        .with_help("use a type alias or an interface for the nested generic type so that its metadata stays finite")
}

/// NGRS1003: nesting beyond what the parser can take.
#[cold]
pub(crate) fn nesting_too_deep(span: Span, limit: u32) -> Diagnostic {
    Diagnostic::error("NGRS1003", format!("expression nested more than {limit} levels deep"))
        .with_label(span, "nesting exceeds the limit here")
        .with_help("split the expression into several named constants")
}

/// NGRS1114: a strict-mode cycle between exported entries.
#[cold]
pub(crate) fn metadata_cycle(span: Span, name: &str, symbol: &str) -> Diagnostic {
    Diagnostic::error(
        "NGRS1114",
        format!("the metadata of '{name}' refers back to itself (reached from exported symbol '{symbol}')"),
    )
    .with_label(span, "this reference closes the cycle")
    .with_help(format!(
        "break the cycle; an enum member that follows a string-valued member refers to its enum, so give every member of '{name}' after a string member an explicit initializer"
    ))
}

/// A strict-mode metadata error: the error node's message, with what it means and how to fix it.
#[cold]
pub(crate) fn metadata_error(
    span: Span,
    message: &str,
    context_name: Option<&str>,
    symbol: &str,
) -> Diagnostic {
    let (code, text, label, help): (&str, String, &str, String) = match message {
        "Lambda not supported" => (
            "NGRS1101",
            "function expressions and arrow functions are not supported in metadata".into(),
            "this function is not statically analysable",
            "export a named function (`export function factory() { ... }`) and reference it here by name".into(),
        ),
        "Destructuring not supported" => (
            "NGRS1102",
            "referencing an exported destructured variable is not supported in metadata".into(),
            "declared by destructuring",
            "declare the variable without destructuring: `export const x = source.x;`".into(),
        ),
        "Variable not initialized" => (
            "NGRS1103",
            "only initialized variables and constants can be referenced in metadata".into(),
            "this variable has no initializer",
            "give the variable an initializer that the compiler can evaluate".into(),
        ),
        "Reference to a local symbol" => (
            "NGRS1104",
            format!("reference to a local (non-exported) symbol{}", quoted(context_name)),
            "this symbol is not exported and its value cannot be inlined",
            format!("export the symbol{}, or initialize it with a value the compiler can fold", quoted(context_name)),
        ),
        "Reference to non-exported class" => (
            "NGRS1105",
            format!("reference to a non-exported class{}", quoted(context_name)),
            "this class is not exported",
            format!("export the class{}", quoted(context_name)),
        ),
        "Reference to a non-exported function" => (
            "NGRS1106",
            format!("reference to a non-exported function{}", quoted(context_name)),
            "this function is not exported",
            format!("export the function{}", quoted(context_name)),
        ),
        "Tagged template expressions are not supported in metadata" => (
            "NGRS1107",
            "tagged template expressions are not supported in metadata".into(),
            "a tagged template",
            "use a plain template string or a string constant".into(),
        ),
        "Expression form not supported" => (
            "NGRS1108",
            "this expression form is not supported in metadata".into(),
            "not statically analysable",
            "use only literals, references to exported symbols, calls, `new`, and the operators the compiler can fold".into(),
        ),
        "Could not resolve type" => (
            "NGRS1109",
            format!("could not resolve type{}", quoted(context_name)),
            "this type is neither imported nor declared in this file",
            "import the type, or declare and export it in this file".into(),
        ),
        "Name expected" => (
            "NGRS1110",
            "a property name is expected here".into(),
            "not a name the compiler can read",
            "use an identifier or a string literal as the property name".into(),
        ),
        "Symbol reference expected" => (
            "NGRS1111",
            "a reference to a symbol is expected here".into(),
            "not a symbol reference",
            "reference a class by its (imported or exported) name".into(),
        ),
        "Unsupported enum member name" => (
            "NGRS1112",
            "this enum member name is not supported in metadata".into(),
            "the members after this one have no value the compiler can compute",
            "give the following members explicit initializers, or name this member with an identifier".into(),
        ),
        "Unsupported import syntax" => (
            "NGRS1113",
            "this import syntax is not supported in metadata".into(),
            "an `import x = ...` of a non-module reference",
            "use an ES `import` declaration".into(),
        ),
        // The collector makes no other error nodes; should one appear, it is an unsupported form.
        other => (
            "NGRS1108",
            other.to_string(),
            "not statically analysable",
            "use only literals, references to exported symbols, calls, `new`, and the operators the compiler can fold".into(),
        ),
    };
    Diagnostic::error(code, format!("{text} (in the metadata of exported symbol '{symbol}')"))
        .with_label(span, label)
        .with_help(format!("{help}; strictMetadataEmit rejects metadata with errors"))
}

fn quoted(name: Option<&str>) -> String {
    name.map(|n| format!(" '{n}'")).unwrap_or_default()
}
