//! `ComponentDecoratorHandler.analyze` and `resolve`: the directive part, the template
//! (inline or `templateUrl`, parsed with the component's options), styles (`styles`,
//! `styleUrl(s)`, the template's `<style>` and `<link rel="stylesheet">`), encapsulation,
//! change detection, providers, and the dependencies the template uses of the component's
//! scope, with the loaders of its `@defer` blocks.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ngc_codegen::render3::defer::compile_defer_resolver_function;
use ngc_codegen::render3::metadata::{
    ChangeDetection, DeclarationListEmitMode, R3ClassDebugInfo, R3ClassMetadata, R3ComponentDeferMetadata, R3ComponentMetadata,
    R3ComponentTemplate, R3DeferPerBlockDependency, R3DeferPerComponentDependency, R3TemplateDependency,
    R3TemplateDependencyKind, ViewEncapsulation,
};
use ngc_diagnostics::Span;
use ngc_output::Expr;
use ngc_template::{parse_template, ParseOptions, SourceMap};
use swc_ecma_ast as ast;

use super::class_metadata::{self, ResourceRewrite};
use super::directive::extract_directive_metadata;
use super::usage;
use super::{unwrap_forward_ref, ClassContext};
use crate::defer::{DeferCandidate, DeferralTracker};
use crate::diagnostics::{self as diag, ExternalSource, TransformDiagnostic};
use crate::facts::ScopeDependency;
use crate::syntax::{self, DecoratorSyntax, ObjectLiteral};
use crate::value::{EmitRef, RefKind, Value};

/// What the component handler produced for one class.
pub struct ComponentAnalysis {
    pub meta: R3ComponentMetadata,
    pub class_metadata: Option<R3ClassMetadata>,
    pub debug_info: R3ClassDebugInfo,
    /// The `templateUrl` file, where template errors point.
    pub external_template: Option<ExternalSource>,
    /// The class name's span (where host-binding errors point).
    pub name_span: Span,
    /// Each `@defer` block with its dependencies (by declaration key), before deciding which
    /// are loaded lazily.
    pub defer_blocks: Vec<(ngc_template::Span, Vec<(String, R3DeferPerBlockDependency)>)>,
    /// Dependencies that may be loaded lazily, with the declaration key and the import.
    pub defer_candidates: Vec<LazyCandidate>,
}

/// A dependency imported by name and used only in `@defer` blocks.
#[derive(Debug, Clone)]
pub struct LazyCandidate {
    pub candidate: DeferCandidate,
    pub key: String,
    /// The imported name and module specifier, and whether it is a default import.
    pub imported: String,
    pub specifier: String,
    pub is_default: bool,
}

impl ComponentAnalysis {
    /// Decides the `@defer` loaders now that every candidate of the file is known; returns the
    /// lazily loaded dependencies (for `ɵsetClassMetadataAsync`), in block order.
    pub fn finalize_defer(
        &mut self,
        tracker: &DeferralTracker,
        source: &crate::source::Source<'_>,
    ) -> Vec<R3DeferPerComponentDependency> {
        let mut lazy: Vec<R3DeferPerComponentDependency> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut blocks = Vec::new();
        for (span, deps) in &mut self.defer_blocks {
            for (key, dep) in deps.iter_mut() {
                let Some(candidate) = self.defer_candidates.iter().find(|c| c.key == *key) else { continue };
                if !tracker.can_defer(source, &candidate.candidate.local) {
                    continue;
                }
                dep.is_deferrable = true;
                dep.symbol_name = candidate.imported.clone();
                dep.import_path = Some(candidate.specifier.clone());
                dep.is_default_import = candidate.is_default;
                if !seen.contains(key) {
                    seen.push(key.clone());
                    lazy.push(R3DeferPerComponentDependency {
                        symbol_name: candidate.imported.clone(),
                        import_path: candidate.specifier.clone(),
                        is_default_import: candidate.is_default,
                    });
                }
            }
            let list: Vec<R3DeferPerBlockDependency> = deps.iter().map(|(_, d)| d.clone()).collect();
            blocks.push((*span, if list.is_empty() { None } else { Some(compile_defer_resolver_function(&list)) }));
        }
        self.meta.defer = R3ComponentDeferMetadata::PerBlock { blocks };
        lazy
    }
}

/// Where the template came from.
struct Template {
    nodes: Vec<ngc_template::Node>,
    ng_content_selectors: Vec<String>,
    preserve_whitespaces: bool,
    styles: Vec<String>,
    style_urls: Vec<String>,
    /// The `.html` file of a `templateUrl`, with its text.
    external: Option<ExternalSource>,
}

type Diagnostics = Vec<TransformDiagnostic>;

fn one(d: ngc_diagnostics::Diagnostic) -> Diagnostics {
    vec![d.into()]
}

/// Analyses a `@Component` class. `Ok(None)`: `jit: true`.
pub fn analyze(ctx: &ClassContext<'_, '_>, decorator: &DecoratorSyntax<'_>) -> Result<Option<ComponentAnalysis>, Diagnostics> {
    let Some(directive) = extract_directive_metadata(ctx, decorator, Some("ng-component")).map_err(one)? else { return Ok(None) };
    let object = directive.object;
    let mut diagnostics: Diagnostics = Vec::new();
    let span_of = |name: &str| object.property(name).map(|p| ctx.span_of(&*p.value)).unwrap_or_default();

    let encapsulation = match enum_field(ctx, decorator, &object, "encapsulation", "ViewEncapsulation") {
        Ok(None) => None,
        Ok(Some(member)) => match member.as_str() {
            "Emulated" => Some(ViewEncapsulation::Emulated),
            "None" => Some(ViewEncapsulation::None),
            "ShadowDom" => Some(ViewEncapsulation::ShadowDom),
            "ExperimentalIsolatedShadowDom" => Some(ViewEncapsulation::ExperimentalIsolatedShadowDom),
            _ => None,
        },
        Err(d) => return Err(one(d)),
    };
    let change_detection = match enum_field(ctx, decorator, &object, "changeDetection", "ChangeDetectionStrategy") {
        Ok(None) => None,
        Ok(Some(member)) => Some(ChangeDetection::Strategy(if member == "OnPush" { 0 } else { 1 })),
        Err(d) => return Err(one(d)),
    };
    let animations = object.get("animations").map(|a| ctx.raw(a));
    let view_providers = object.get("viewProviders").map(|v| ctx.raw(v));
    let is_standalone = directive.meta.is_standalone;
    for field in ["imports", "deferredImports", "foreignImports"] {
        if object.has(field) && !is_standalone {
            let d = diag::not_standalone(span_of(field), format!("'{field}' is only valid on a component that is standalone."))
                .with_secondary(ctx.class.name_span, "Did you forget to add 'standalone: true' to this @Component?");
            return Err(one(d));
        }
    }
    if object.has("schemas") && !is_standalone {
        return Err(one(diag::not_standalone(
            span_of("schemas"),
            "'schemas' is only valid on a component that is standalone.".into(),
        )));
    }

    let file_path = PathBuf::from(ctx.source.file_name);
    let template = template(ctx, decorator, &object, &file_path)?;

    // Styles: `styleUrl(s)`, the template's links, then `styles`, then the template's `<style>`s.
    let mut styles = Vec::new();
    if object.has("styleUrls") && object.has("styleUrl") {
        return Err(one(diag::invalid_style_urls(span_of("styleUrl"))));
    }
    let mut style_urls: Vec<(String, Span, bool)> = Vec::new();
    if let Some(value) = ctx.field_value(decorator, &object, "styleUrls") {
        let Some(urls) = value.string_list().filter(|_| matches!(value, Value::Array(_))) else {
            return Err(one(diag::wrong_type(span_of("styleUrls"), "styleUrls must be an array of strings".into(), &value)));
        };
        style_urls.extend(urls.into_iter().map(|u| (u, span_of("styleUrls"), false)));
    }
    if let Some(value) = ctx.field_value(decorator, &object, "styleUrl") {
        let Value::String(url) = &value else {
            return Err(one(diag::wrong_type(span_of("styleUrl"), "styleUrl must be a string".into(), &value)));
        };
        style_urls.push((url.clone(), span_of("styleUrl"), false));
    }
    let template_span = object
        .property("templateUrl")
        .or_else(|| object.property("template"))
        .map(|p| ctx.span_of(&*p.value))
        .unwrap_or_default();
    style_urls.extend(template.style_urls.iter().map(|u| (u.clone(), template_span, true)));
    for (url, span, from_template) in &style_urls {
        match read_resource(ctx, url, &file_path) {
            Some((_, text)) => styles.push(text.to_string()),
            None => {
                let message = if *from_template {
                    format!("Could not find stylesheet file '{url}' linked from the template.")
                } else {
                    format!("Could not find stylesheet file '{url}'.")
                };
                diagnostics.push(diag::resource_not_found(*span, message).into());
            }
        }
    }
    if let Some(value) = ctx.field_value(decorator, &object, "styles") {
        match value.string_list() {
            Some(list) => styles.extend(list),
            None => {
                return Err(one(diag::wrong_type(
                    span_of("styles"),
                    "Failed to resolve @Component.styles to a string or an array of strings".into(),
                    &value,
                )))
            }
        }
    }
    styles.extend(template.styles.iter().cloned());
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    // Resolve: the dependencies the template uses.
    let scope = ctx.facts.and_then(|f| f.scope.as_ref());
    let imports_expr = object.get("imports");
    let identities = imports_expr.map(|i| ctx.identities(i)).unwrap_or_default();
    let emit = |dep: &ScopeDependency| -> EmitRef {
        if let EmitRef::Local(_) = dep.reference.emit {
            return dep.reference.emit.clone();
        }
        if !dep.direct {
            return dep.reference.emit.clone();
        }
        if is_standalone {
            return identities.emit(&dep.reference);
        }
        // Declared by an NgModule of this file: the file's import of it names it.
        ctx.file
            .bindings
            .iter()
            .filter(|(_, key)| **key == dep.reference.key)
            .map(|(local, _)| local.clone())
            .min()
            .map(EmitRef::Local)
            .unwrap_or_else(|| dep.reference.emit.clone())
    };
    let mut declarations: Vec<(Option<String>, R3TemplateDependency, String, Option<usize>)> = Vec::new();
    let mut defer_blocks = Vec::new();
    let mut keyed_blocks: Vec<(ngc_template::Span, Vec<(String, R3DeferPerBlockDependency)>)> = Vec::new();
    let mut defer_candidates: Vec<LazyCandidate> = Vec::new();
    let mut has_directive_dependencies = !is_standalone;
    let mut emit_mode = DeclarationListEmitMode::Direct;
    if let Some(scope) = scope {
        let selectors: Vec<Option<String>> =
            scope.dependencies.iter().map(|d| d.directive.as_ref().and_then(|x| x.selector.clone())).collect();
        let bound = usage::bind(&template.nodes, &selectors);
        // Pipes by name: first position, last declaration.
        let mut pipes: Vec<(String, &ScopeDependency)> = Vec::new();
        for dep in &scope.pipes {
            let Some(name) = &dep.pipe_name else { continue };
            match pipes.iter_mut().find(|(n, _)| n == name) {
                Some(existing) => existing.1 = dep,
                None => pipes.push((name.clone(), dep)),
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for (index, dep) in scope.dependencies.iter().enumerate() {
            if seen.contains(&dep.reference.key) {
                continue;
            }
            let dependency = match (&dep.reference.kind, &dep.directive) {
                (RefKind::NgModule, _) => R3TemplateDependency {
                    kind: R3TemplateDependencyKind::NgModule,
                    type_expr: emit(dep).to_expr(),
                    selector: None,
                    inputs: Vec::new(),
                    outputs: Vec::new(),
                    export_as: None,
                    is_component: false,
                    pipe_name: None,
                },
                (_, Some(directive)) if bound.all.directives.contains(&index) => {
                    has_directive_dependencies = true;
                    R3TemplateDependency {
                        kind: R3TemplateDependencyKind::Directive,
                        type_expr: emit(dep).to_expr(),
                        selector: directive.selector.clone(),
                        inputs: directive.inputs.iter().map(|(_, public)| public.clone()).collect(),
                        outputs: directive.outputs.iter().map(|(_, public)| public.clone()).collect(),
                        export_as: if directive.export_as.is_empty() { None } else { Some(directive.export_as.clone()) },
                        is_component: directive.is_component,
                        pipe_name: None,
                    }
                }
                _ => continue,
            };
            seen.push(dep.reference.key.clone());
            declarations.push((None, dependency, dep.reference.key.clone(), Some(index)));
        }
        for (name, dep) in &pipes {
            if !bound.all.pipes.contains(name) || seen.contains(&dep.reference.key) {
                continue;
            }
            seen.push(dep.reference.key.clone());
            let dependency = R3TemplateDependency {
                kind: R3TemplateDependencyKind::Pipe,
                type_expr: emit(dep).to_expr(),
                selector: None,
                inputs: Vec::new(),
                outputs: Vec::new(),
                export_as: None,
                is_component: false,
                pipe_name: Some(name.clone()),
            };
            declarations.push((Some(name.clone()), dependency, dep.reference.key.clone(), None));
        }
        // `@defer` blocks: what each uses becomes its loader; what only they use is not an
        // eager dependency.
        let mut deferred_keys: Vec<String> = Vec::new();
        for (span, used) in &bound.defer_blocks {
            let mut deps = Vec::new();
            let mut keyed = Vec::new();
            for (pipe_name, dependency, key, index) in &declarations {
                let used_here = match dependency.kind {
                    R3TemplateDependencyKind::NgModule => false,
                    R3TemplateDependencyKind::Directive => index.is_some_and(|i| used.directives.contains(&i)),
                    R3TemplateDependencyKind::Pipe => pipe_name.as_ref().is_some_and(|n| used.pipes.contains(n)),
                };
                if !used_here {
                    continue;
                }
                let symbol_name = key.rsplit('#').next().unwrap_or_default().to_string();
                let dep = R3DeferPerBlockDependency {
                    type_reference: dependency.type_expr.clone(),
                    symbol_name,
                    is_deferrable: false,
                    import_path: None,
                    is_default_import: false,
                };
                keyed.push((key.clone(), dep.clone()));
                deps.push(dep);
                if !deferred_keys.contains(key) {
                    deferred_keys.push(key.clone());
                }
            }
            let loader = if deps.is_empty() { None } else { Some(compile_defer_resolver_function(&deps)) };
            defer_blocks.push((*span, loader));
            keyed_blocks.push((*span, keyed));
        }
        // `registerDeferrableCandidate`: a standalone dependency named in `imports` that only
        // `@defer` blocks use.
        let eagerly_used = |key: &str| {
            declarations.iter().any(|(pipe_name, d, k, index)| {
                k == key
                    && match d.kind {
                        R3TemplateDependencyKind::Directive => index.is_some_and(|i| bound.eager.directives.contains(&i)),
                        R3TemplateDependencyKind::Pipe => pipe_name.as_ref().is_some_and(|n| bound.eager.pipes.contains(n)),
                        R3TemplateDependencyKind::NgModule => false,
                    }
            })
        };
        if is_standalone {
            if let Some(ast::Expr::Array(array)) = imports_expr.map(syntax::unwrap_expression) {
                for element in array.elems.iter().flatten() {
                    let node = unwrap_forward_ref(&element.expr, ctx.source).unwrap_or(&element.expr);
                    let ast::Expr::Ident(ident) = node else { continue };
                    let Some(binding) = ctx.source.imports.get(&ident.sym) else { continue };
                    let (imported, is_default) = match &binding.kind {
                        crate::syntax::ImportKind::Named(name) => (name.clone(), false),
                        crate::syntax::ImportKind::Default => (ident.sym.to_string(), true),
                        crate::syntax::ImportKind::Namespace => continue,
                    };
                    let Some(key) = ctx.file.bindings.get(&*ident.sym) else { continue };
                    if !deferred_keys.contains(key) || eagerly_used(key) {
                        continue;
                    }
                    let standalone =
                        scope.dependencies.iter().chain(&scope.pipes).find(|d| d.reference.key == *key).is_some_and(|d| {
                            d.reference.standalone
                                && matches!(d.reference.kind, RefKind::Component | RefKind::Directive | RefKind::Pipe)
                        });
                    if !standalone {
                        continue;
                    }
                    defer_candidates.push(LazyCandidate {
                        candidate: DeferCandidate { local: ident.sym.to_string(), identifier: ctx.span_of(ident) },
                        key: key.clone(),
                        imported,
                        specifier: binding.specifier.clone(),
                        is_default,
                    });
                }
            }
        }
        let eager_keys: Vec<String> = declarations
            .iter()
            .filter(|(pipe_name, dependency, key, index)| match dependency.kind {
                R3TemplateDependencyKind::NgModule => true,
                R3TemplateDependencyKind::Directive => {
                    index.is_some_and(|i| bound.eager.directives.contains(&i)) || !deferred_keys.contains(key)
                }
                R3TemplateDependencyKind::Pipe => {
                    pipe_name.as_ref().is_some_and(|n| bound.eager.pipes.contains(n)) || !deferred_keys.contains(key)
                }
            })
            .map(|(_, _, key, _)| key.clone())
            .collect();
        declarations.retain(|(_, _, key, _)| eager_keys.contains(key));
        if is_standalone {
            has_directive_dependencies =
                bound.all.directives.iter().any(|i| scope.dependencies.get(*i).is_some_and(|d| d.directive.is_some()));
        }
        let forward = declarations.iter().any(|(_, d, _, _)| match &d.type_expr {
            Expr::Var(name) => is_declared_after(ctx, name),
            _ => false,
        });
        let forward_import = match imports_expr.map(syntax::unwrap_expression) {
            Some(ast::Expr::Array(a)) => a.elems.iter().flatten().any(|e| unwrap_forward_ref(&e.expr, ctx.source).is_some()),
            _ => false,
        };
        if forward || forward_import {
            emit_mode = DeclarationListEmitMode::Closure;
        }
    } else {
        // No scope: `@defer` blocks have no dependencies.
        let bound = usage::bind(&template.nodes, &[]);
        defer_blocks = bound.defer_blocks.iter().map(|(span, _)| (*span, None)).collect();
        keyed_blocks = bound.defer_blocks.iter().map(|(span, _)| (*span, Vec::new())).collect();
    }

    let relative_context_file_path = ctx
        .options
        .root_dirs
        .iter()
        .map(|root| crate::paths::relative(root, &file_path))
        .min_by_key(|p| p.len())
        .unwrap_or_default();
    let template_path = template.external.as_ref().map(|e| e.path.clone()).unwrap_or_else(|| file_path.clone());
    let relative_template_path = crate::paths::project_relative(&template_path, &ctx.options.root_dirs);
    let external_template = template.external.clone();
    let external_text = template.external.as_ref().map(|e| e.text.clone());
    let rewrite = ResourceRewrite { template: external_text.as_deref(), styles: &styles };
    let class_metadata = if ctx.options.include_class_metadata {
        class_metadata::extract_class_metadata(ctx, Some(&rewrite), true).map_err(one)?
    } else {
        None
    };
    let debug_info = class_metadata::extract_class_debug_info(ctx);
    let meta = R3ComponentMetadata {
        directive: directive.meta,
        template: R3ComponentTemplate {
            nodes: template.nodes,
            ng_content_selectors: template.ng_content_selectors,
            preserve_whitespaces: template.preserve_whitespaces,
        },
        declarations: declarations.into_iter().map(|(_, d, _, _)| d).collect(),
        defer: R3ComponentDeferMetadata::PerBlock { blocks: defer_blocks },
        declaration_list_emit_mode: emit_mode,
        styles,
        external_styles: Vec::new(),
        encapsulation,
        animations,
        view_providers,
        relative_context_file_path,
        i18n_use_external_ids: ctx.options.i18n_use_external_ids,
        change_detection,
        relative_template_path,
        has_directive_dependencies,
        raw_imports: None,
        foreign_imports: None,
        enable_template_source_locations: false,
    };
    Ok(Some(ComponentAnalysis {
        meta,
        class_metadata,
        debug_info,
        external_template,
        name_span: ctx.class.name_span,
        defer_blocks: keyed_blocks,
        defer_candidates,
    }))
}

/// `resolveEnumValue`: the member name of an `@angular/core` enum, or `None` when the field
/// is absent.
fn enum_field(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    object: &ObjectLiteral<'_>,
    field: &str,
    enum_name: &str,
) -> Result<Option<String>, ngc_diagnostics::Diagnostic> {
    let Some(expr) = object.get(field) else { return Ok(None) };
    let value = ctx.field_value(decorator, object, field).unwrap_or(Value::Undefined);
    if let Value::EnumMember { enum_name: name, member, from_core: true } = &value {
        if name == enum_name {
            return Ok(Some(member.clone()));
        }
    }
    // The syntax decides it when the reflector did not evaluate the class.
    if let ast::Expr::Member(m) = syntax::unwrap_expression(expr) {
        if let (Some((name, from)), ast::MemberProp::Ident(member)) = (ctx.source.imports.import_of_expr(&m.obj), &m.prop) {
            if name == enum_name && from == "@angular/core" {
                return Ok(Some(member.sym.to_string()));
            }
        }
    }
    Err(diag::wrong_type(ctx.span_of(expr), format!("{field} must be a member of {enum_name} enum from @angular/core"), &value))
}

/// Whether a class of this file named `local` is declared after the class being compiled.
fn is_declared_after(ctx: &ClassContext<'_, '_>, local: &str) -> bool {
    syntax::classes(ctx.source.module, &ctx.source.spans)
        .iter()
        .any(|c| c.name == local && c.name_span.start > ctx.class.name_span.start)
}

/// Reads a resource named by `url` in the component's file.
fn read_resource(ctx: &ClassContext<'_, '_>, url: &str, file: &Path) -> Option<(PathBuf, Arc<str>)> {
    for candidate in crate::resources::candidate_paths(url, file, &ctx.options.root_dirs) {
        if let Some(text) = ctx.resources.read(&candidate) {
            return Some((candidate, text));
        }
    }
    None
}

/// `parseTemplateDeclaration` and `extractTemplate`.
fn template(
    ctx: &ClassContext<'_, '_>,
    decorator: &DecoratorSyntax<'_>,
    object: &ObjectLiteral<'_>,
    file: &Path,
) -> Result<Template, Diagnostics> {
    let mut preserve_whitespaces = ctx.options.preserve_whitespaces;
    if let Some(value) = ctx.field_value(decorator, object, "preserveWhitespaces") {
        let span = object.property("preserveWhitespaces").map(|p| ctx.span_of(&*p.value)).unwrap_or_default();
        let Value::Bool(b) = value else {
            return Err(one(diag::wrong_type(span, "preserveWhitespaces must be a boolean".into(), &value)));
        };
        preserve_whitespaces = b;
    }
    if let Some(property) = object.property("interpolation") {
        // Angular 22's `Component` type has no `interpolation` (ngc stops with TS2353 there).
        return Err(one(diag::removed_interpolation(property.key_span)));
    }
    let options = |url: String, inline: bool| ParseOptions {
        preserve_whitespaces,
        url,
        i18n_normalize_line_endings_in_icus: inline,
        ..ParseOptions::default()
    };
    if let Some(url_expr) = object.get("templateUrl") {
        let value = ctx.field_value(decorator, object, "templateUrl").unwrap_or(Value::Undefined);
        let Value::String(url) = &value else {
            return Err(one(diag::wrong_type(ctx.span_of(url_expr), "templateUrl must be a string".into(), &value)));
        };
        let Some((path, text)) = read_resource(ctx, url, file) else {
            return Err(one(diag::resource_not_found(ctx.span_of(url_expr), format!("Could not find template file '{url}'."))));
        };
        let mut parsed = parse_template(&text, &options(path.to_string_lossy().into_owned(), false));
        let external = ExternalSource { path, text: text.clone() };
        if !parsed.errors.is_empty() {
            return Err(parsed
                .errors
                .iter()
                .map(|e| TransformDiagnostic { diagnostic: template_error(e), external: Some(external.clone()) })
                .collect());
        }
        return Ok(Template {
            nodes: std::mem::take(&mut parsed.nodes),
            ng_content_selectors: parsed.ng_content_selectors.clone(),
            preserve_whitespaces,
            styles: parsed.styles.clone(),
            style_urls: parsed.style_urls.clone(),
            external: Some(external),
        });
    }
    let Some(template_expr) = object.get("template") else {
        return Err(one(diag::missing_template(decorator.span(&ctx.source.spans))));
    };
    let expr = syntax::unwrap_expression(template_expr);
    let literal = matches!(expr, ast::Expr::Lit(ast::Lit::Str(_))) || matches!(expr, ast::Expr::Tpl(t) if t.exprs.is_empty());
    let span = ctx.span_of(expr);
    let cooked = if literal { SourceMap::from_js_string_literal(ctx.source.slice(span), span.start) } else { None };
    let mut parsed = match cooked {
        Some((text, map)) => {
            let mut parsed = parse_template(&text, &options(ctx.source.file_name.to_string(), true));
            parsed.map_to_file(&map);
            parsed
        }
        None => {
            let value = ctx.field_value(decorator, object, "template").unwrap_or(Value::Undefined);
            let Value::String(text) = &value else {
                return Err(one(diag::wrong_type(span, "template must be a string".into(), &value)));
            };
            let mut parsed = parse_template(text, &options(ctx.source.file_name.to_string(), false));
            // The template is not written in the file: its errors point at the expression.
            parsed.map_offsets(&|_| span.start);
            parsed
        }
    };
    if !parsed.errors.is_empty() {
        return Err(parsed.errors.iter().map(|e| template_error(e).into()).collect());
    }
    Ok(Template {
        nodes: std::mem::take(&mut parsed.nodes),
        ng_content_selectors: parsed.ng_content_selectors.clone(),
        preserve_whitespaces,
        styles: parsed.styles.clone(),
        style_urls: parsed.style_urls.clone(),
        external: None,
    })
}

/// NG5002 at the error's span (already in the file the template is written in).
fn template_error(error: &ngc_template::ParseError) -> ngc_diagnostics::Diagnostic {
    let span = Span::new(error.span.start, error.span.end);
    let mut d = diag::template_error(span, error.message.clone());
    if error.code != "NG5002" {
        d.code = error.code;
    }
    d
}
