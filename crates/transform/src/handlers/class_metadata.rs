//! `extractClassMetadata` and `extractClassDebugInfo`: what `ɵsetClassMetadata` and
//! `ɵsetClassDebugInfo` record about a class — its Angular decorators with their arguments as
//! written, the constructor parameters (type and Angular decorators), the decorated members,
//! and where the class is declared.

use ngc_codegen::render3::metadata::{R3ClassDebugInfo, R3ClassMetadata, R3CtorParameter, R3DecoratorMetadata, R3PropDecorators};
use ngc_diagnostics::Diagnostic;
use ngc_output::{Expr, MapEntry};
use swc_ecma_ast as ast;

use super::bindings::initializer_api;
use super::ClassContext;
use crate::di;
use crate::diagnostics as diag;
use crate::members::AccessLevel;
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};

/// `decoratorToMetadata`: `{ type: <identifier>, args: [...] }`.
pub fn decorator_metadata(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>) -> R3DecoratorMetadata {
    let args = decorator.args.as_deref().filter(|a| !a.is_empty()).map(|args| args.iter().map(|a| ctx.raw(a)).collect());
    R3DecoratorMetadata { type_expr: ctx.raw(decorator.identifier), args }
}

/// The replacement a component decorator gets in its metadata (`transformDecoratorResources`):
/// `templateUrl` becomes `template` with the file's text, `styles`/`styleUrl(s)` become
/// `styles` with the style sheets read.
pub struct ResourceRewrite<'s> {
    pub template: Option<&'s str>,
    pub styles: &'s [String],
}

/// `extractClassMetadata`. `rewrite` applies to the `@Component` decorator.
pub fn extract_class_metadata(
    ctx: &ClassContext<'_, '_>,
    rewrite: Option<&ResourceRewrite<'_>>,
    signal_members: bool,
) -> Result<Option<R3ClassMetadata>, Diagnostic> {
    let decorators: Vec<R3DecoratorMetadata> = ctx
        .decorators
        .iter()
        .filter(|d| d.is_angular_core())
        .map(|d| match rewrite {
            Some(rewrite) if d.name == "Component" => component_decorator(ctx, d, rewrite),
            _ => decorator_metadata(ctx, d),
        })
        .collect();
    if decorators.is_empty() {
        return Ok(None);
    }
    let ctor_parameters = di::constructor_params(ctx.class.class, ctx.source, &ctx.file.value_names).map(|params| {
        params
            .iter()
            .map(|p| {
                let angular: Vec<R3DecoratorMetadata> =
                    p.decorators.iter().filter(|d| d.is_angular_core()).map(|d| decorator_metadata(ctx, d)).collect();
                R3CtorParameter {
                    type_expr: p.type_value.to_expr(),
                    decorators: if p.decorators.is_empty() { None } else { Some(angular) },
                    suppress_type_errors: false,
                }
            })
            .collect()
    });
    let mut prop_decorators = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for member in ctx.members.iter().filter(|m| !m.is_static && m.access != AccessLevel::EcmaScriptPrivate) {
        if !member.decorators.is_empty() {
            if seen.contains(&member.name.as_str()) {
                return Err(diag::duplicate_decorated_properties(
                    member.name_span,
                    format!("Duplicate decorated properties found on class '{}': {}", ctx.class.name, member.name),
                ));
            }
            seen.push(&member.name);
            let decorators =
                member.decorators.iter().filter(|d| d.is_angular_core()).map(|d| decorator_metadata(ctx, d)).collect();
            prop_decorators.push(R3PropDecorators { name: member.name.clone(), quoted: member.quoted, decorators });
        } else if signal_members {
            if let Some(decorators) = member.value.and_then(|v| signal_member_metadata(ctx, v)) {
                prop_decorators.push(R3PropDecorators { name: member.name.clone(), quoted: member.quoted, decorators });
            }
        }
    }
    Ok(Some(R3ClassMetadata { type_expr: ctx.class_expr(), decorators, ctor_parameters, prop_decorators }))
}

/// `transformDecoratorResources` for `@Component`.
fn component_decorator(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    rewrite: &ResourceRewrite<'_>,
) -> R3DecoratorMetadata {
    let plain = decorator_metadata(ctx, decorator);
    let Some([arg]) = decorator.args.as_deref() else { return plain };
    let ast::Expr::Object(object) = syntax::unwrap_expression(arg) else { return plain };
    let object = ObjectLiteral::reflect(object, &ctx.source.spans);
    let touched = ["templateUrl", "styleUrls", "styleUrl", "styles"].iter().any(|k| object.has(k));
    if !touched {
        return plain;
    }
    let mut entries: Vec<(String, Expr)> = object.properties.iter().map(|(k, p)| (k.clone(), ctx.raw(&p.value))).collect();
    if object.has("templateUrl") {
        entries.retain(|(k, _)| k != "templateUrl");
        let text = rewrite.template.unwrap_or_default();
        set(&mut entries, "template", ngc_output::str_lit(text));
    }
    if object.has("styleUrls") || object.has("styleUrl") || object.has("styles") {
        entries.retain(|(k, _)| k != "styles" && k != "styleUrls" && k != "styleUrl");
        let styles: Vec<Expr> =
            rewrite.styles.iter().filter(|s| !s.trim().is_empty()).map(|s| ngc_output::str_lit(s.as_str())).collect();
        if !styles.is_empty() {
            set(&mut entries, "styles", ngc_output::array(styles));
        }
    }
    let map = Expr::Map(entries.into_iter().map(|(key, value)| MapEntry::Property { key, quoted: false, value }).collect());
    R3DecoratorMetadata { type_expr: plain.type_expr, args: Some(vec![map]) }
}

fn set(entries: &mut Vec<(String, Expr)>, key: &str, value: Expr) {
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some(existing) => existing.1 = value,
        None => entries.push((key.to_string(), value)),
    }
}

const INPUT_FNS: &[(&str, &str)] = &[("input", "@angular/core")];
const MODEL_FNS: &[(&str, &str)] = &[("model", "@angular/core")];
const OUTPUT_FNS: &[(&str, &str)] = &[("output", "@angular/core"), ("outputFromObservable", "@angular/core/rxjs-interop")];
const QUERY_FNS: &[(&str, &str)] = &[
    ("viewChild", "@angular/core"),
    ("viewChildren", "@angular/core"),
    ("contentChild", "@angular/core"),
    ("contentChildren", "@angular/core"),
];

/// `getDirectiveUndecoratedMetadataExtractor`: signal inputs, outputs, models and queries
/// are described as the decorators they replace.
fn signal_member_metadata(ctx: &ClassContext<'_, '_>, value: &ast::Expr) -> Option<Vec<R3DecoratorMetadata>> {
    let alias_of = |call: &ast::CallExpr, index: usize| -> Option<String> {
        let ast::Expr::Object(o) = &*call.args.get(index)?.expr else { return None };
        ObjectLiteral::reflect(o, &ctx.source.spans).get("alias").and_then(syntax::unwrap_string)
    };
    // `memberMetadataFromSignalInput`: `[{ isSignal: true, alias, required }]`.
    let input_meta = |binding: String, required: bool| {
        vec![ngc_output::map(vec![
            ("isSignal", ngc_output::bool_lit(true)),
            ("alias", ngc_output::str_lit(binding)),
            ("required", ngc_output::bool_lit(required)),
        ])]
    };
    let decorator = |name: &str, args: Vec<Expr>| R3DecoratorMetadata { type_expr: ngc_output::core(name), args: Some(args) };
    let member = ctx.members.iter().find(|m| m.value.is_some_and(|v| std::ptr::eq(v, value)))?;
    if let Some((_, required, call)) = initializer_api(value, INPUT_FNS, ctx) {
        let alias = alias_of(call, if required { 0 } else { 1 }).unwrap_or_else(|| member.name.clone());
        return Some(vec![decorator("Input", input_meta(alias, required))]);
    }
    if let Some((name, _, call)) = initializer_api(value, OUTPUT_FNS, ctx) {
        let alias = alias_of(call, if name == "output" { 0 } else { 1 }).unwrap_or_else(|| member.name.clone());
        return Some(vec![decorator("Output", vec![ngc_output::str_lit(alias)])]);
    }
    if let Some((_, required, call)) = initializer_api(value, MODEL_FNS, ctx) {
        let alias = alias_of(call, if required { 0 } else { 1 }).unwrap_or_else(|| member.name.clone());
        return Some(vec![
            decorator("Input", input_meta(alias.clone(), required)),
            decorator("Output", vec![ngc_output::str_lit(format!("{alias}Change"))]),
        ]);
    }
    if let Some((name, _, call)) = initializer_api(value, QUERY_FNS, ctx) {
        let identifier = match name.as_str() {
            "viewChild" => "ViewChild",
            "viewChildren" => "ViewChildren",
            "contentChild" => "ContentChild",
            _ => "ContentChildren",
        };
        let first = call.args.first()?;
        let first_meta = match &*first.expr {
            ast::Expr::Lit(ast::Lit::Str(_)) | ast::Expr::Tpl(_) | ast::Expr::Call(_) => ctx.raw(&first.expr),
            other => ngc_output::core("forwardRef").call(vec![ngc_output::arrow(Vec::new(), ctx.raw(other))]),
        };
        let mut options = Vec::new();
        if let Some(second) = call.args.get(1) {
            options.push(MapEntry::Spread(ctx.raw(&second.expr)));
        }
        options.push(MapEntry::Property { key: "isSignal".into(), quoted: false, value: ngc_output::bool_lit(true) });
        return Some(vec![decorator(identifier, vec![first_meta, Expr::Map(options)])]);
    }
    None
}

/// `extractClassDebugInfo`: the class name, its file relative to the root directories, and
/// the line of the class name (TypeScript counts from the name's leading trivia).
pub fn extract_class_debug_info(ctx: &ClassContext<'_, '_>) -> R3ClassDebugInfo {
    let path = std::path::Path::new(ctx.source.file_name);
    let file_path = crate::paths::project_relative(path, &ctx.options.root_dirs);
    let name_pos = trivia_start(ctx.source.text, ctx.class.name_span.start);
    R3ClassDebugInfo {
        type_expr: ctx.class_expr(),
        class_name: ctx.class.name.to_string(),
        file_path,
        line_number: ctx.source.line_of(name_pos),
        forbid_orphan_rendering: false,
    }
}

/// The start of the whitespace and comments before `offset` (TypeScript's `node.pos`).
fn trivia_start(text: &str, offset: u32) -> u32 {
    let bytes = text.as_bytes();
    let mut pos = offset as usize;
    loop {
        let before = pos;
        while pos > 0 && bytes.get(pos - 1).is_some_and(|b| b.is_ascii_whitespace()) {
            pos -= 1;
        }
        if pos >= 2 && &text[pos - 2..pos] == "*/" {
            if let Some(start) = text[..pos - 2].rfind("/*") {
                pos = start;
            }
        }
        if pos == before {
            return pos as u32;
        }
    }
}
