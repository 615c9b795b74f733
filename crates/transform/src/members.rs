//! The members of a class as ngc's reflection host lists them (`getMembersOfClass`): name,
//! kind, static-ness, access level, decorators and initializer.

use ngc_diagnostics::Span;
use swc_common::Spanned;
use swc_ecma_ast as ast;

use crate::source::Source;
use crate::syntax::{self, DecoratorSyntax};

/// `ClassMemberKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    Property,
    Method,
    Getter,
    Setter,
}

/// `ClassMemberAccessLevel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLevel {
    PublicWritable,
    PublicReadonly,
    Protected,
    Private,
    /// `#name`.
    EcmaScriptPrivate,
}

impl AccessLevel {
    /// `classMemberAccessLevelToString`.
    pub fn describe(self) -> &'static str {
        match self {
            AccessLevel::PublicWritable => "public",
            AccessLevel::PublicReadonly => "public readonly",
            AccessLevel::Protected => "protected",
            AccessLevel::Private => "private",
            AccessLevel::EcmaScriptPrivate => "ES private",
        }
    }
}

/// One class member.
#[derive(Debug, Clone)]
pub struct Member<'m> {
    pub name: String,
    /// The name is a string literal (`'a-b': …`).
    pub quoted: bool,
    pub kind: MemberKind,
    pub is_static: bool,
    pub access: AccessLevel,
    pub decorators: Vec<DecoratorSyntax<'m>>,
    /// A property's initializer.
    pub value: Option<&'m ast::Expr>,
    pub span: Span,
    pub name_span: Span,
    /// The position of this member among the decorated members of the same name (how the
    /// collected metadata lists them).
    pub occurrence: usize,
    /// For methods: the first parameter's type (`ɵngControlCreate` reads it).
    pub function: Option<&'m ast::Function>,
}

fn access(accessibility: Option<ast::Accessibility>, readonly: bool) -> AccessLevel {
    match accessibility {
        Some(ast::Accessibility::Private) => AccessLevel::Private,
        Some(ast::Accessibility::Protected) => AccessLevel::Protected,
        _ if readonly => AccessLevel::PublicReadonly,
        _ => AccessLevel::PublicWritable,
    }
}

/// A member name as `reflectClassMember` reads it: identifiers and string literals only.
fn key_name(key: &ast::PropName) -> Option<(String, bool)> {
    match key {
        ast::PropName::Ident(i) => Some((i.sym.to_string(), false)),
        ast::PropName::Str(s) => Some((syntax::str_value(s), true)),
        _ => None,
    }
}

/// The members of `class`, in source order (constructors excluded).
pub fn members<'m>(class: &'m ast::Class, source: &Source<'m>) -> Vec<Member<'m>> {
    let mut out: Vec<Member<'m>> = Vec::new();
    for member in &class.body {
        let built = match member {
            ast::ClassMember::ClassProp(p) => key_name(&p.key).map(|(name, quoted)| Member {
                name,
                quoted,
                kind: MemberKind::Property,
                is_static: p.is_static,
                access: access(p.accessibility, p.readonly),
                decorators: syntax::decorators(&p.decorators, &source.imports),
                value: p.value.as_deref(),
                span: source.spans.of(p.span),
                name_span: source.spans.of(p.key.span()),
                occurrence: 0,
                function: None,
            }),
            ast::ClassMember::Method(m) => key_name(&m.key).map(|(name, quoted)| Member {
                name,
                quoted,
                kind: match m.kind {
                    ast::MethodKind::Method => MemberKind::Method,
                    ast::MethodKind::Getter => MemberKind::Getter,
                    ast::MethodKind::Setter => MemberKind::Setter,
                },
                is_static: m.is_static,
                access: access(m.accessibility, false),
                decorators: syntax::decorators(&m.function.decorators, &source.imports),
                value: None,
                span: source.spans.of(m.span),
                name_span: source.spans.of(m.key.span()),
                occurrence: 0,
                function: Some(&m.function),
            }),
            ast::ClassMember::PrivateProp(p) => Some(Member {
                name: format!("#{}", p.key.name),
                quoted: false,
                kind: MemberKind::Property,
                is_static: p.is_static,
                access: AccessLevel::EcmaScriptPrivate,
                decorators: syntax::decorators(&p.decorators, &source.imports),
                value: p.value.as_deref(),
                span: source.spans.of(p.span),
                name_span: source.spans.of(p.key.span),
                occurrence: 0,
                function: None,
            }),
            ast::ClassMember::PrivateMethod(m) => Some(Member {
                name: format!("#{}", m.key.name),
                quoted: false,
                kind: MemberKind::Method,
                is_static: m.is_static,
                access: AccessLevel::EcmaScriptPrivate,
                decorators: syntax::decorators(&m.function.decorators, &source.imports),
                value: None,
                span: source.spans.of(m.span),
                name_span: source.spans.of(m.key.span),
                occurrence: 0,
                function: Some(&m.function),
            }),
            ast::ClassMember::AutoAccessor(a) => match &a.key {
                ast::Key::Public(key) => key_name(key).map(|(name, quoted)| Member {
                    name,
                    quoted,
                    kind: MemberKind::Property,
                    is_static: a.is_static,
                    access: access(a.accessibility, false),
                    decorators: syntax::decorators(&a.decorators, &source.imports),
                    value: a.value.as_deref(),
                    span: source.spans.of(a.span),
                    name_span: source.spans.of(key.span()),
                    occurrence: 0,
                    function: None,
                }),
                ast::Key::Private(_) => None,
            },
            _ => None,
        };
        let Some(mut built) = built else { continue };
        if !built.decorators.is_empty() {
            built.occurrence = out.iter().filter(|m| m.name == built.name && !m.decorators.is_empty()).count();
        }
        out.push(built);
    }
    out
}
