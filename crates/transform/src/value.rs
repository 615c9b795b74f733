//! Statically evaluated decorator values, as plain data that can cross threads: the result of
//! the reflector's evaluation of a decorator argument (`StaticValue`), with every reference to
//! a declaration replaced by what the file being compiled needs to know about it.

/// How generated code in one file refers to a declaration (ngc's reference emitter).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EmitRef {
    /// A name in scope in the file: the class itself, or the identifier it is imported as.
    Local(String),
    /// `name` exported by `module` (a package entry point or a relative path), imported
    /// through a namespace import.
    Import { module: String, name: String },
}

impl EmitRef {
    /// The output expression for this reference.
    pub fn to_expr(&self) -> ngc_output::Expr {
        match self {
            EmitRef::Local(name) => ngc_output::var(name.clone()),
            EmitRef::Import { module, name } => ngc_output::external(module.clone(), name.clone()),
        }
    }
}

/// What kind of Angular declaration a referenced class is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefKind {
    Component,
    Directive,
    Pipe,
    NgModule,
    /// A class without a definition the compiler knows, or a non-class declaration.
    Other,
}

/// A reference to a declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefValue {
    /// Identity of the declaration across the program (`file#name`).
    pub key: String,
    /// The declaration's name.
    pub name: String,
    pub kind: RefKind,
    pub standalone: bool,
    /// How the file being compiled writes it when no identifier of its own names it.
    pub emit: EmitRef,
    /// Whether the declaration is a class.
    pub is_class: bool,
}

/// An evaluated value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
    Ref(RefValue),
    /// `{ngModule: M, providers}` or a call returning `ModuleWithProviders<M>`.
    ModuleWithProviders(RefValue),
    /// `Enum.Member`; `from_core` when the enum is `@angular/core`'s.
    EnumMember {
        enum_name: String,
        member: String,
        from_core: bool,
    },
    /// Something that is not known statically; the text says what it is.
    Dynamic(String),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// ngc's `describeResolvedType`, for "Value is of type '…'" messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(_) => "boolean".into(),
            Value::Number(_) => "number".into(),
            Value::String(_) => "string".into(),
            Value::Array(items) => format!("Array<{}>", items.iter().map(Value::describe).collect::<Vec<_>>().join(" | ")),
            Value::Object(fields) => {
                let entries: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {}", v.describe())).collect();
                format!("{{ {} }}", entries.join("; "))
            }
            Value::Ref(r) | Value::ModuleWithProviders(r) => r.name.clone(),
            Value::EnumMember { enum_name, member, .. } => format!("{enum_name}.{member}"),
            Value::Dynamic(_) => "(not statically analyzable)".into(),
        }
    }

    /// The strings of a string or an array of strings.
    pub fn string_list(&self) -> Option<Vec<String>> {
        match self {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(items) => items.iter().map(|i| i.as_str().map(str::to_string)).collect(),
            _ => None,
        }
    }
}
