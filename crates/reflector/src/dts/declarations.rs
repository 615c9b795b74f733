//! Reading the type arguments of Ivy declaration types, as Angular's `DtsMetadataReader`
//! (`ngtsc/metadata/src/dts.ts` and `util.ts`) reads them.
//!
//! Angular's rules, which this follows: a directive or component declaration needs at least two
//! type arguments, a pipe declaration two, an NgModule declaration exactly four — otherwise the
//! class is not treated as one (here: with a warning). Missing trailing arguments take their
//! defaults (`never`, `false`). Strings are string literal types; `never` and `null` mean
//! "none"; string lists are tuples of string literals; class lists are tuples of `typeof X`.
//! Input maps are either `{ prop: "alias" }` (before Angular 16) or
//! `{ prop: { alias: "a"; required: boolean; isSignal?: boolean } }`.

use ngc_diagnostics::{Diagnostic, Span};
use swc_ecma_ast::{Expr, Lit, TsEntityName, TsKeywordTypeKind, TsLit, TsType, TsTypeElement, TsTypeQueryExpr};

use super::diagnostics;
use super::{
    span_of, str_value, DirectiveDeclaration, HostDirectiveDeclaration, InputDeclaration, IvyDeclaration,
    NgModuleDeclaration, PipeDeclaration, TypeRef,
};

/// Reads the declaration in the type `ty` of the static field `field` (`ɵcmp`, `ɵdir`,
/// `ɵpipe` or `ɵmod`) of `class`. `None`, with a warning, when the type has the wrong shape.
pub(crate) fn read_declaration(
    class: &str,
    field: &str,
    ty: Option<&TsType>,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<IvyDeclaration> {
    let expected = match field {
        "ɵcmp" => "ɵɵComponentDeclaration",
        "ɵdir" => "ɵɵDirectiveDeclaration",
        "ɵpipe" => "ɵɵPipeDeclaration",
        _ => "ɵɵNgModuleDeclaration",
    };
    let args: Option<Vec<&TsType>> = ty.map(unparen).and_then(|ty| match ty {
        TsType::TsTypeRef(r) => r.type_params.as_ref().map(|p| p.params.iter().map(|t| unparen(t)).collect()),
        _ => None,
    });
    let args = match args {
        Some(args)
            if match field {
                "ɵmod" => args.len() == 4,
                _ => args.len() >= 2,
            } =>
        {
            args
        }
        _ => {
            diags.push(diagnostics::malformed_declaration(span, class, field, expected));
            return None;
        }
    };
    let mut reader = Reader { class, diags };
    Some(match field {
        "ɵcmp" => IvyDeclaration::Component(reader.directive(&args)),
        "ɵdir" => IvyDeclaration::Directive(reader.directive(&args)),
        "ɵpipe" => {
            let name = match args[1] {
                t if is_keyword(t, TsKeywordTypeKind::TsNullKeyword) => None,
                t => match string_literal(t) {
                    Some(name) => Some(name),
                    None => {
                        reader.diags.push(diagnostics::malformed_declaration(span, class, field, expected));
                        return None;
                    }
                },
            };
            let standalone = args.get(2).is_some_and(|t| reader.boolean(t, "standalone flag"));
            IvyDeclaration::Pipe(PipeDeclaration { name, standalone })
        }
        _ => IvyDeclaration::NgModule(NgModuleDeclaration {
            declarations: reader.type_refs(args[1], "declarations"),
            imports: reader.type_refs(args[2], "imports"),
            exports: reader.type_refs(args[3], "exports"),
        }),
    })
}

/// Strips parentheses around a type.
fn unparen(mut ty: &TsType) -> &TsType {
    while let TsType::TsParenthesizedType(p) = ty {
        ty = &p.type_ann;
    }
    ty
}

fn is_keyword(ty: &TsType, kind: TsKeywordTypeKind) -> bool {
    matches!(unparen(ty), TsType::TsKeywordType(k) if k.kind == kind)
}

/// `never` or `null`: "none" wherever a declaration allows leaving something out.
fn is_none(ty: &TsType) -> bool {
    is_keyword(ty, TsKeywordTypeKind::TsNeverKeyword) || is_keyword(ty, TsKeywordTypeKind::TsNullKeyword)
}

/// The value of a string literal type.
pub(crate) fn string_literal(ty: &TsType) -> Option<String> {
    match unparen(ty) {
        TsType::TsLitType(l) => match &l.lit {
            TsLit::Str(s) => Some(str_value(s)),
            TsLit::Tpl(t) if t.types.is_empty() && t.quasis.len() == 1 => {
                t.quasis[0].cooked.as_ref().map(|c| c.to_atom_lossy().to_string())
            }
            _ => None,
        },
        _ => None,
    }
}

fn bool_literal(ty: &TsType) -> Option<bool> {
    match unparen(ty) {
        TsType::TsLitType(l) => match &l.lit {
            TsLit::Bool(b) => Some(b.value),
            _ => None,
        },
        _ => None,
    }
}

/// The members of an object literal type with a literal name: `(name, value type, span)`.
fn map_entries(ty: &TsType) -> Option<Vec<(String, Option<&TsType>, Span)>> {
    let TsType::TsTypeLit(lit) = unparen(ty) else { return None };
    let mut entries = Vec::new();
    for member in &lit.members {
        let TsTypeElement::TsPropertySignature(prop) = member else { continue };
        if prop.computed {
            continue;
        }
        let name = match &*prop.key {
            Expr::Ident(i) => i.sym.to_string(),
            Expr::Lit(Lit::Str(s)) => str_value(s),
            _ => continue,
        };
        entries.push((name, prop.type_ann.as_deref().map(|t| unparen(&t.type_ann)), span_of(prop.span)));
    }
    Some(entries)
}

fn type_span(ty: &TsType) -> Span {
    use swc_common::Spanned;
    span_of(ty.span())
}

struct Reader<'a> {
    class: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn unexpected(&mut self, ty: &TsType, what: &str, expected: &str) {
        self.diags.push(diagnostics::unexpected_type_argument(type_span(ty), self.class, what, expected));
    }

    fn directive(&mut self, args: &[&TsType]) -> DirectiveDeclaration {
        let arg = |i: usize| args.get(i).copied();
        let selector = match arg(1) {
            Some(t) if is_none(t) => None,
            Some(t) => match string_literal(t) {
                Some(s) => Some(s),
                None => {
                    self.unexpected(t, "selector", "a string literal type, `never` or `null`");
                    None
                }
            },
            None => None,
        };
        DirectiveDeclaration {
            selector,
            export_as: arg(2).map(|t| self.strings(t, "exportAs list")).unwrap_or_default(),
            inputs: arg(3).map(|t| self.inputs(t)).unwrap_or_default(),
            outputs: arg(4).map(|t| self.string_map(t, "output map")).unwrap_or_default(),
            queries: arg(5).map(|t| self.strings(t, "query field list")).unwrap_or_default(),
            ng_content_selectors: arg(6).map(|t| self.strings(t, "ng-content selector list")).unwrap_or_default(),
            standalone: arg(7).is_some_and(|t| self.boolean(t, "standalone flag")),
            host_directives: arg(8).map(|t| self.host_directives(t)).unwrap_or_default(),
            is_signal: arg(9).is_some_and(|t| self.boolean(t, "signal flag")),
        }
    }

    /// `true`/`false`; anything else (`boolean`, `never`) is Angular's `false`.
    fn boolean(&mut self, ty: &TsType, what: &str) -> bool {
        match bool_literal(ty) {
            Some(b) => b,
            None => {
                if !is_none(ty) && !is_keyword(ty, TsKeywordTypeKind::TsBooleanKeyword) {
                    self.unexpected(ty, what, "`true` or `false`");
                }
                false
            }
        }
    }

    /// A tuple of string literal types; `never` for none.
    fn strings(&mut self, ty: &TsType, what: &str) -> Vec<String> {
        if is_none(ty) {
            return Vec::new();
        }
        let TsType::TsTupleType(tuple) = unparen(ty) else {
            self.unexpected(ty, what, "a tuple of string literal types or `never`");
            return Vec::new();
        };
        let mut out = Vec::new();
        for el in &tuple.elem_types {
            match string_literal(&el.ty) {
                Some(s) => out.push(s),
                None => self.unexpected(&el.ty, what, "a string literal type"),
            }
        }
        out
    }

    /// `{ "key": "value"; ... }`; `never` or `{}` for none.
    fn string_map(&mut self, ty: &TsType, what: &str) -> Vec<(String, String)> {
        if is_none(ty) {
            return Vec::new();
        }
        let Some(entries) = map_entries(ty) else {
            self.unexpected(ty, what, "an object literal type");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value, span) in entries {
            match value.and_then(string_literal) {
                Some(v) => out.push((key, v)),
                None => self.diags.push(diagnostics::unexpected_type_argument(
                    span,
                    self.class,
                    &format!("entry '{key}' of the {what}"),
                    "a string literal type",
                )),
            }
        }
        out
    }

    fn inputs(&mut self, ty: &TsType) -> Vec<InputDeclaration> {
        if is_none(ty) {
            return Vec::new();
        }
        let Some(entries) = map_entries(ty) else {
            self.unexpected(ty, "input map", "an object literal type");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (class_property, value, span) in entries {
            let Some(value) = value else { continue };
            // Before Angular 16: `{ prop: "alias" }`.
            if let Some(alias) = string_literal(value) {
                out.push(InputDeclaration { class_property, public_name: alias, required: false, is_signal: false });
                continue;
            }
            let Some(config) = map_entries(value) else {
                self.diags.push(diagnostics::unexpected_type_argument(
                    span,
                    self.class,
                    &format!("input '{class_property}'"),
                    "a string literal type or `{ alias: ...; required: ... }`",
                ));
                continue;
            };
            let field = |name: &str| config.iter().find(|(k, _, _)| k == name).and_then(|(_, v, _)| *v);
            let public_name = field("alias").and_then(string_literal).unwrap_or_else(|| class_property.clone());
            let required = field("required").and_then(bool_literal).unwrap_or(false);
            let is_signal = field("isSignal").and_then(bool_literal).unwrap_or(false);
            out.push(InputDeclaration { class_property, public_name, required, is_signal });
        }
        out
    }

    /// A tuple of `typeof X` / `typeof ns.X`; `never` for none. Elements of another kind are
    /// left out with a warning (Angular's reader throws on them).
    fn type_refs(&mut self, ty: &TsType, what: &str) -> Vec<TypeRef> {
        if is_none(ty) {
            return Vec::new();
        }
        let TsType::TsTupleType(tuple) = unparen(ty) else {
            self.unexpected(ty, &format!("NgModule {what} list"), "a tuple of `typeof` class references or `never`");
            return Vec::new();
        };
        let mut out = Vec::new();
        for el in &tuple.elem_types {
            match type_query(&el.ty) {
                Some(r) => out.push(r),
                None => self.unexpected(&el.ty, &format!("element of the NgModule {what}"), "`typeof` of a class"),
            }
        }
        out
    }

    fn host_directives(&mut self, ty: &TsType) -> Vec<HostDirectiveDeclaration> {
        if is_none(ty) {
            return Vec::new();
        }
        let TsType::TsTupleType(tuple) = unparen(ty) else {
            self.unexpected(ty, "host directive list", "a tuple of `{ directive: typeof X; ... }` or `never`");
            return Vec::new();
        };
        let mut out = Vec::new();
        for el in &tuple.elem_types {
            let entries = map_entries(&el.ty).unwrap_or_default();
            let field = |name: &str| entries.iter().find(|(k, _, _)| k == name).and_then(|(_, v, _)| *v);
            let Some(directive) = field("directive").and_then(type_query) else {
                self.unexpected(&el.ty, "host directive", "`{ directive: typeof X; inputs: {...}; outputs: {...} }`");
                continue;
            };
            let inputs = field("inputs").map(|t| self.string_map(t, "host directive inputs")).unwrap_or_default();
            let outputs = field("outputs").map(|t| self.string_map(t, "host directive outputs")).unwrap_or_default();
            out.push(HostDirectiveDeclaration { directive, inputs, outputs });
        }
        out
    }
}

/// `typeof X` or `typeof a.b.X` (type arguments ignored).
fn type_query(ty: &TsType) -> Option<TypeRef> {
    let TsType::TsTypeQuery(q) = unparen(ty) else { return None };
    let TsTypeQueryExpr::TsEntityName(name) = &q.expr_name else { return None };
    let span = span_of(q.span);
    match name {
        TsEntityName::Ident(i) => Some(TypeRef { namespace: None, name: i.sym.to_string(), span }),
        TsEntityName::TsQualifiedName(qn) => {
            Some(TypeRef { namespace: Some(entity_path(&qn.left)), name: qn.right.sym.to_string(), span })
        }
    }
}

fn entity_path(name: &TsEntityName) -> String {
    // Iterative: qualified names nest to the left.
    let mut parts = Vec::new();
    let mut cur = name;
    loop {
        match cur {
            TsEntityName::Ident(i) => {
                parts.push(i.sym.to_string());
                break;
            }
            TsEntityName::TsQualifiedName(q) => {
                parts.push(q.right.sym.to_string());
                cur = &q.left;
            }
        }
    }
    parts.reverse();
    parts.join(".")
}
