//! The reflector's diagnostics: View Engine's metadata restrictions (NGRS3xxx) and Angular's
//! NgModule and standalone scope errors (Angular's own codes). Listed in docs/diagnostics.md.

use ngc_collector::Accessibility;
use ngc_diagnostics::{Diagnostic, Severity, Span};

/// NGRS3001: a call of a function that is not a macro (a single `return`).
#[cold]
pub(crate) fn function_call(span: Span, name: &str, definition: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::error("NGRS3001", format!("Function calls are not supported in decorators but '{name}' was called"))
        .with_label(span, format!("'{name}' is called here"))
        .with_help(format!(
            "the compiler can only expand functions whose body is a single `return <expression>`; rewrite '{name}' that way, or replace the call with an exported constant holding its result"
        ));
    if let Some(definition) = definition {
        d = d.with_secondary(definition, format!("'{name}' is declared here"));
    }
    d
}

/// NGRS3002: a reference to something the file does not export.
#[cold]
pub(crate) fn non_exported(span: Span, what: &str, name: &str, declaration: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::error("NGRS3002", format!("reference to the non-exported {what} '{name}' in Angular metadata"))
        .with_label(span, format!("'{name}' is used here"))
        .with_help(format!("export '{name}': the generated code refers to it from outside this module"));
    if let Some(declaration) = declaration {
        d = d.with_secondary(declaration, format!("'{name}' is declared here without `export`"));
    }
    d
}

/// NGRS3003: a function expression View Engine could not rewrite into an exported constant
/// (the initializer of an exported constant, a class member, or nested in a rewritten value).
#[cold]
pub(crate) fn lambda(used: Span, lambda: Option<Span>) -> Diagnostic {
    let d = Diagnostic::error("NGRS3003", "this function expression cannot be used in Angular metadata")
        .with_help(
            "lambdas written directly in a decorator are rewritten into exported constants; elsewhere export a named function (`export function factory() { ... }`) and reference it",
        );
    // A lambda used where it is written is located by the one span.
    match lambda {
        Some(lambda) if lambda.start != used.start => d
            .with_label(used, "used here")
            .with_secondary(lambda, "this function cannot be rewritten into an exported constant"),
        _ => d.with_label(used, "this function cannot be rewritten into an exported constant"),
    }
}

/// NGRS3004: another expression form the metadata cannot hold.
#[cold]
pub(crate) fn metadata_error(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error("NGRS3004", format!("{message} (in Angular metadata)"))
        .with_label(span, "not statically analysable")
        .with_help("use literals, references to exported symbols, and calls of functions that return a single expression")
}

/// NGRS3005: `new` of something other than `InjectionToken`.
#[cold]
pub(crate) fn unsupported_new(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("NGRS3005", format!("`new {name}(...)` is not supported in Angular metadata"))
        .with_label(span, "only `new InjectionToken(...)` can be evaluated statically")
        .with_help("create the instance in a factory: `{provide: TOKEN, useFactory: createIt}` with an exported `createIt`")
}

/// NGRS3006 (warning): a class decorator that is not one of Angular's.
#[cold]
pub(crate) fn foreign_decorator(span: Span, class: &str, decorator: &str) -> Diagnostic {
    let mut d = Diagnostic::error("NGRS3006", format!("'{decorator}' on class '{class}' is not an Angular decorator"))
        .with_label(span, "the compiler does not evaluate this decorator")
        .with_help("the decorator is kept as written; only Angular's decorators contribute to compilation");
    d.severity = Severity::Warning;
    d
}

/// NGRS3007: an Angular member decorator on a private or protected member.
#[cold]
pub(crate) fn non_public_member(span: Span, class: &str, member: &str, decorator: &str, accessibility: Accessibility) -> Diagnostic {
    let access = match accessibility {
        Accessibility::Private => "private",
        Accessibility::Protected => "protected",
        Accessibility::Public => "public",
    };
    Diagnostic::error("NGRS3007", format!("@{decorator}() is applied to the {access} member '{class}.{member}'"))
        .with_label(span, format!("'{member}' is {access}"))
        .with_help(format!("remove the `{access}` modifier: Angular reads and writes decorated members from generated code"))
}

/// NGRS3008: a reference the reflector could not resolve.
#[cold]
pub(crate) fn unresolved(span: Span, module: Option<&str>, name: &str) -> Diagnostic {
    let what = match module {
        Some(m) if name == "*" => format!("cannot resolve module '{m}'"),
        Some(m) => format!("cannot resolve '{name}' from '{m}'"),
        None => format!("cannot resolve '{name}'"),
    };
    Diagnostic::error("NGRS3008", what)
        .with_label(span, "referenced here")
        .with_help("check the import path and that the module exports this name (and that its package is installed)")
}

#[cold]
pub(crate) fn invalid_declaration(span: Span, entry: &str, ng_module: &str) -> Diagnostic {
    Diagnostic::error(
        "NG6001",
        format!(
            "The class '{entry}' is listed in the declarations of the NgModule '{ng_module}', but is not a directive, a component, or a pipe. Either remove it from the NgModule's declarations, or add an appropriate Angular decorator."
        ),
    )
    .with_label(span, "not a directive, component or pipe")
    .with_help("remove it from the NgModule's declarations, or add an appropriate Angular decorator")
}

#[cold]
pub(crate) fn invalid_import(span: Span, entry: &str) -> Diagnostic {
    Diagnostic::error("NG6002", format!("'{entry}' does not appear to be an NgModule class."))
        .with_label(span, "imported here")
        .with_help("import NgModules or standalone components, directives and pipes only; is it missing an @NgModule annotation?")
}

#[cold]
pub(crate) fn invalid_export(span: Span, entry: &str) -> Diagnostic {
    Diagnostic::error("NG6003", format!("'{entry}' does not appear to be an NgModule, Component, Directive, or Pipe class."))
        .with_label(span, "exported here")
        .with_help("is it missing an Angular annotation?")
}

#[cold]
pub(crate) fn declared_twice(span: Span, listing: Option<Span>, class: &str, kind: &str, first: &str, second: &str) -> Diagnostic {
    let mut d = Diagnostic::error("NG6007", format!("The {kind} '{class}' is declared by more than one NgModule."));
    match listing {
        Some(listing) => {
            d = d
                .with_label(span, format!("declared in '{first}'"))
                .with_secondary(listing, format!("'{class}' is listed in the declarations of the NgModule '{second}'"));
        }
        None => d = d.with_label(span, format!("declared in '{first}' and in '{second}'")),
    }
    d.with_help(format!("declare '{class}' in one NgModule and export it from there, or make it standalone"))
}

#[cold]
pub(crate) fn standalone_declared(span: Span, entry: &str, kind: &str, ng_module: &str) -> Diagnostic {
    Diagnostic::error(
        "NG6008",
        format!("{kind} {entry} is standalone, and cannot be declared in an NgModule. Did you mean to import it instead?"),
    )
        .with_label(span, format!("declared in '{ng_module}'"))
        .with_help(format!("move '{entry}' from `declarations` to `imports`"))
}

#[cold]
pub(crate) fn unknown_component_import(span: Span, entry: &str, component: &str) -> Diagnostic {
    Diagnostic::error("NG2012", "Component imports must be standalone components, directives, pipes, or must be NgModules.")
        .with_label(span, format!("'{entry}' is none of these"))
        .with_help(format!("remove '{entry}' from the imports of '{component}'"))
}

#[cold]
pub(crate) fn import_not_standalone(span: Span, entry: &str, kind: &str, declared_in: Option<(&str, bool)>) -> Diagnostic {
    let message = format!("The {kind} '{entry}' appears in 'imports', but is not standalone and cannot be imported directly.");
    match declared_in {
        Some((ng_module, true)) => Diagnostic::error("NG2011", message)
            .with_label(span, "not standalone")
            .with_help(format!("It can be imported using its '{ng_module}' NgModule instead.")),
        Some((ng_module, false)) => Diagnostic::error("NG2011", message).with_label(span, "not standalone").with_help(format!(
            "It's declared in the '{ng_module}' NgModule, but is not exported. Consider exporting it and importing the NgModule instead."
        )),
        None => Diagnostic::error("NG2011", format!("{message} It must be imported via an NgModule."))
            .with_label(span, "not standalone")
            .with_help(format!("declare '{entry}' in an NgModule that exports it and import that, or make '{entry}' standalone")),
    }
}

/// NG1010: a value of the wrong type or form where Angular reads it statically (signal API
/// options, query options, host binding arguments).
#[cold]
pub(crate) fn wrong_type(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error("NG1010", message.to_string())
        .with_label(span, "not statically analyzable in this form")
        .with_help("write the value literally here: an object literal, a string literal or `true`/`false`")
}

/// NG1011: a query `read` option that is not a class reference.
#[cold]
pub(crate) fn not_literal(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error("NG1011", message.to_string())
        .with_label(span, "expected a class reference")
        .with_help("name the class or token directly (`read: ElementRef`)")
}

/// NG1050: a member that is both a signal API and decorated with the matching decorator.
#[cold]
pub(crate) fn initializer_with_decorator(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error("NG1050", message.to_string())
        .with_label(span, "remove this decorator")
        .with_help("the initializer already declares the member to Angular")
}

/// NG1051: a signal input or output also listed in the decorator's `inputs`/`outputs`.
#[cold]
pub(crate) fn decorator_metadata_collision(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error("NG1051", message.to_string())
        .with_label(span, "declared here with a signal API")
        .with_help("remove the member from the decorator's `inputs`/`outputs` array")
}

/// NG1052: `output.required()`.
#[cold]
pub(crate) fn output_required(span: Span) -> Diagnostic {
    Diagnostic::error("NG1052", "Output does not support \".required()\".")
        .with_label(span, "outputs cannot be required")
        .with_help("call `output()` without `.required`")
}

/// NG1053: a signal API on a member whose visibility Angular cannot access.
#[cold]
pub(crate) fn initializer_visibility(span: Span, api: &str, access: &str, allowed: &str) -> Diagnostic {
    Diagnostic::error("NG1053", format!("Cannot use \"{api}\" on a class member that is declared as {access}."))
        .with_label(span, format!("'{api}' on a {access} member"))
        .with_help(format!("Update the class field to be either: {allowed}"))
}

/// NG1100: an input, output or query on a static member.
#[cold]
pub(crate) fn static_member(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error("NG1100", message.to_string())
        .with_label(span, "declared on a static member")
        .with_help("remove `static`: inputs, outputs and queries belong to instances")
}

/// NG1010: a value Ivy compilation needs is of the wrong type or cannot be determined
/// statically (ngc's `createValueHasWrongTypeError`); `found` is ngc's second line ("Value
/// could not be determined statically.", "Value is of type 'number'.").
#[cold]
pub(crate) fn value_has_wrong_type(span: Span, message: &str, found: &str) -> Diagnostic {
    Diagnostic::error("NG1010", message.to_string())
        .with_label(span, found.to_string())
        .with_help("the compiler evaluates this value: write it with literals, references to classes and exported constants, and calls of functions that return a single expression")
}

/// NG2012: `Module.forRoot()` in a standalone component's `imports`.
#[cold]
pub(crate) fn module_with_providers_import(span: Span) -> Diagnostic {
    Diagnostic::error(
        "NG2012",
        "Component imports contains a ModuleWithProviders value, likely the result of a 'Module.forRoot()'-style call. These calls are not used to configure components and are not valid in standalone component imports - consider importing them in the application bootstrap instead.",
    )
    .with_label(span, "a ModuleWithProviders value")
    .with_help("import the NgModule itself here, and call `forRoot()` where the application is bootstrapped")
}

#[cold]
pub(crate) fn host_directive_invalid(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("NG2013", format!("{name} must be a standalone directive to be used as a host directive"))
        .with_label(span, "not a directive")
        .with_help(format!("decorate '{name}' with `@Directive()`, or remove it from `hostDirectives`"))
}

#[cold]
pub(crate) fn host_directive_not_standalone(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("NG2014", format!("Host directive {name} must be standalone"))
        .with_label(span, "declared with `standalone: false`")
        .with_help(format!("make '{name}' standalone (remove `standalone: false`)"))
}

#[cold]
pub(crate) fn host_directive_component(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("NG2015", format!("Host directive {name} cannot be a component"))
        .with_label(span, "a component")
        .with_help("only directives can be host directives: use a `@Directive()` here")
}

#[cold]
pub(crate) fn host_directive_undefined_binding(span: Span, class: &str, kind: &str, public: &str) -> Diagnostic {
    Diagnostic::error("NG2017", format!("Directive {class} does not have an {kind} with a public name of {public}."))
        .with_label(span, format!("no {kind} '{public}'"))
        .with_help(format!("expose one of the {kind}s of '{class}' by its public name (its alias, when it has one)"))
}

#[cold]
pub(crate) fn host_directive_conflicting_alias(span: Span, class: &str, kind: &str, public: &str, exposed: &str) -> Diagnostic {
    Diagnostic::error(
        "NG2018",
        format!(
            "Cannot alias {kind} {public} of host directive {class} to {exposed}, because it already has a different {kind} with the same public name."
        ),
    )
    .with_label(span, format!("'{exposed}' is taken"))
    .with_help(format!("choose another name than '{exposed}' in `'{public}: {exposed}'`"))
}

#[cold]
pub(crate) fn host_directive_missing_required(span: Span, class: &str, kind: &str, missing: &[String]) -> Diagnostic {
    let plural = if missing.len() == 1 { "" } else { "s" };
    Diagnostic::error(
        "NG2019",
        format!("Required {kind}{plural} {} from host directive {class} must be exposed.", missing.join(", ")),
    )
    .with_label(span, format!("required {kind}{plural} not exposed"))
    .with_help(format!("add {} to the `{kind}s` of this host directive", missing.join(", ")))
}
