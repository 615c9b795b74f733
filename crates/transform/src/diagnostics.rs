//! Diagnostics of the Angular transform: Angular's own codes (`NGnnnn`, with compiler-cli's
//! messages) for problems ngc reports in decorators, and `NGRS6xxx` for what ngc-rs cannot
//! compile (`NGRS6xxx`). All are listed in docs/diagnostics.md.

use ngc_diagnostics::{Diagnostic, Span};

use crate::value::Value;

/// A diagnostic in a file other than the one being transformed (an external template or
/// style sheet): its path and text travel with it.
#[derive(Debug, Clone)]
pub struct ExternalSource {
    pub path: std::path::PathBuf,
    pub text: std::sync::Arc<str>,
}

/// A diagnostic of the transform with the source it points into (`None`: the `.ts` file).
#[derive(Debug, Clone)]
pub struct TransformDiagnostic {
    pub diagnostic: Diagnostic,
    pub external: Option<ExternalSource>,
}

impl From<Diagnostic> for TransformDiagnostic {
    fn from(diagnostic: Diagnostic) -> Self {
        TransformDiagnostic { diagnostic, external: None }
    }
}

/// ngc's `addDiagnosticDetails` for the codes that have a guide on angular.dev: the link
/// follows the message (Angular 22.2.0 links to the `next` documentation).
fn with_guide(message: String, code: &str) -> String {
    let separator = if message.ends_with(['.', ',', ';', '!', '?', '\n']) { " " } else { ". " };
    format!("{message}{separator}Find more at https://next.angular.dev/errors/{code}")
}

/// NG1001: a decorator argument that must be an object literal.
#[cold]
pub fn arg_not_literal(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG1001", with_guide(message, "NG1001"))
        .with_label(span, "not an object literal")
        .with_help("write the metadata as an object literal in the decorator call")
}

/// NG1002: a decorator called with the wrong number of arguments.
#[cold]
pub fn arity_wrong(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG1002", message)
        .with_label(span, "wrong number of arguments")
        .with_help("check the decorator's signature")
}

/// NG1003: a decorator that must be called (`@Injectable` instead of `@Injectable()`).
#[cold]
pub fn not_called(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("NG1003", format!("@{name} must be called"))
        .with_label(span, "not called")
        .with_help(format!("write `@{name}()`"))
}

/// NG1005: an Angular decorator where it does not belong (a parameter).
#[cold]
pub fn decorator_unexpected(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG1005", message).with_label(span, "unexpected decorator").with_help("remove the decorator")
}

/// NG1006: decorators that cannot be combined.
#[cold]
pub fn decorator_collision(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG1006", message).with_label(span, "conflicting decorators").with_help("keep one of them")
}

/// NG1010: a decorator value of the wrong type (ngc's `createValueHasWrongTypeError`).
#[cold]
pub fn wrong_type(span: Span, message: String, value: &Value) -> Diagnostic {
    let detail = match value {
        Value::Dynamic(_) => "Value could not be determined statically.".to_string(),
        Value::Ref(r) => format!("Value is a reference to '{}'.", r.name),
        other => format!("Value is of type '{}'.", other.describe()),
    };
    Diagnostic::error("NG1010", message).with_label(span, detail).with_help("use a value the compiler can evaluate statically")
}

/// NG1011: a value that must be written literally.
#[cold]
pub fn not_literal(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG1011", message).with_label(span, "not a literal").with_help("write the value literally")
}

/// NG1012: two decorated members with the same name.
#[cold]
pub fn duplicate_decorated_properties(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG1012", message).with_label(span, "declared again here").with_help("rename one of the members")
}

/// NG1050–NG1054, NG1100: misuse of the signal-based initializer APIs and bindings.
#[cold]
pub fn member_api(code: &'static str, span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(code, message).with_label(span, "here").with_help(help.to_string())
}

/// NG2001: a component without `template` or `templateUrl`.
#[cold]
pub fn missing_template(span: Span) -> Diagnostic {
    Diagnostic::error("NG2001", "@Component is missing a template. Add either a `template` or `templateUrl`")
        .with_label(span, "this component has no template")
        .with_help("add `template: '...'` or `templateUrl: './x.html'`")
}

/// NG2002: a pipe without a name.
#[cold]
pub fn pipe_missing_name(span: Span) -> Diagnostic {
    Diagnostic::error("NG2002", "@Pipe decorator is missing name field")
        .with_label(span, "no `name`")
        .with_help("add `name: 'myPipe'`")
}

/// NG2003: a constructor parameter without an injection token.
#[cold]
pub fn param_missing_token(span: Span, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error("NG2003", with_guide(message, "NG2003")).with_label(span, "no injection token").with_help(hint.to_string())
}

/// NG2004: a directive or component without a selector where one is needed.
#[cold]
pub fn missing_selector(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG2004", message).with_label(span, "no selector").with_help("add `selector: '...'` to the decorator")
}

/// NG2008: a `templateUrl` or `styleUrl(s)` file that cannot be read.
#[cold]
pub fn resource_not_found(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG2008", message)
        .with_label(span, "file not found")
        .with_help("the path is relative to the component's file")
}

/// NG2010: `imports` or `schemas` on a component that is not standalone.
#[cold]
pub fn not_standalone(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG2010", message)
        .with_label(span, "only valid on a standalone component")
        .with_help("remove `standalone: false`, or move the imports to the NgModule that declares the component")
}

/// NG2021: both `styleUrl` and `styleUrls`.
#[cold]
pub fn invalid_style_urls(span: Span) -> Diagnostic {
    Diagnostic::error(
        "NG2021",
        "@Component cannot define both `styleUrl` and `styleUrls`. Use `styleUrl` if the component has one stylesheet, or `styleUrls` if it has multiple",
    )
    .with_label(span, "second style declaration")
    .with_help("keep one of `styleUrl` and `styleUrls`")
}

/// NG5002: a template parse error, at its place in the template.
#[cold]
pub fn template_error(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG5002", message).with_label(span, "in this template").with_help("fix the template syntax")
}

/// NG5001: a host binding that cannot be parsed.
#[cold]
pub fn host_binding_error(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("NG5001", message).with_label(span, "in this host binding").with_help("fix the binding")
}

/// NG9001: an injectable that declares its own `ɵprov`.
#[cold]
pub fn duplicate_prov(span: Span) -> Diagnostic {
    Diagnostic::error(
        "NG9001",
        "Injectables cannot contain a static ɵprov property, because the compiler is going to generate one.",
    )
    .with_label(span, "declared here")
    .with_help("remove the static `ɵprov` member")
}

/// NG6001–NG6003: an NgModule list entry that is not a class reference.
#[cold]
pub fn ng_module_list(span: Span, message: String, value: &Value) -> Diagnostic {
    wrong_type(span, message, value)
}

/// NGRS6003: `interpolation` in `@Component`, an option Angular 22 no longer has.
#[cold]
pub fn removed_interpolation(span: Span) -> Diagnostic {
    Diagnostic::error("NGRS6003", "`interpolation` is not an option of @Component in Angular 22")
        .with_label(span, "custom interpolation delimiters were removed from Angular")
        .with_help("remove `interpolation` and write the template's interpolations with `{{ }}`")
}

/// NGRS6001: a construct the transform does not compile yet.
#[cold]
pub fn unsupported(span: Span, what: &str, help: &str) -> Diagnostic {
    Diagnostic::error("NGRS6001", format!("{what} is not supported by ngc-rs yet"))
        .with_label(span, "not supported")
        .with_help(help.to_string())
}

/// NGRS6002: an Angular class declared below the top level of its module (in a function, a
/// block or a namespace), which ngc-rs does not compile.
#[cold]
pub fn nested_class(decorator: Span, name: Span, class: &str, enclosing: &str) -> Diagnostic {
    Diagnostic::error(
        "NGRS6002",
        format!("the Angular class `{class}` is declared {enclosing}: ngc-rs compiles Angular classes only at the top level of a module"),
    )
    .with_label(decorator, "this decorator is not compiled")
    .with_secondary(name, format!("declared {enclosing}"))
    .with_help("move the class to the top level of the module")
}
