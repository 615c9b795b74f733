//! `compileComponentFromMetadata`: the `ɵcmp` of a component (`ɵɵdefineComponent({...})`):
//! the directive fields, then the template (through [`TemplateCompiler`]), `dependencies`,
//! scoped `styles`, `encapsulation`, `data`, `changeDetection`.

use ngc_output::{array, arrow, core, num, str_lit, ArrowBody, ConstantPool, Expr, MapEntry, Stmt};

use super::directive::{add_features, base_directive_fields};
use super::metadata::{ChangeDetection, DeclarationListEmitMode, R3ComponentMetadata, ViewEncapsulation};
use super::template::{TemplateCompilationMode, TemplateCompiler, TemplateJob};
use super::R3CompiledExpression;
use crate::styles::{compile_component_styles, Encapsulation};

/// `compileComponentFromMetadata`.
pub fn compile_component_from_metadata<T: TemplateCompiler + ?Sized>(
    meta: &R3ComponentMetadata,
    pool: &mut ConstantPool,
    templates: &mut T,
) -> Result<R3CompiledExpression, T::Error> {
    let dir = &meta.directive;
    let mut def = base_directive_fields(dir, pool, templates)?;
    add_features(&mut def, dir, meta.view_providers.as_ref(), &meta.external_styles);

    let compilation_mode =
        if dir.is_standalone && !meta.has_directive_dependencies { TemplateCompilationMode::DomOnly } else { TemplateCompilationMode::Full };
    let job = TemplateJob {
        component_name: &dir.name,
        nodes: &meta.template.nodes,
        compilation_mode,
        relative_context_file_path: &meta.relative_context_file_path,
        i18n_use_external_ids: meta.i18n_use_external_ids,
        defer: &meta.defer,
        relative_template_path: meta.relative_template_path.as_deref(),
        enable_template_source_locations: meta.enable_template_source_locations,
        legacy_optional_chaining: dir.legacy_optional_chaining,
        foreign_imports: meta.foreign_imports.as_deref(),
    };
    let tpl = templates.compile_template(&job, pool)?;
    def.set_opt("ngContentSelectors", tpl.content_selectors);
    def.set("decls", num(tpl.decls as f64));
    def.set("vars", num(tpl.vars as f64));
    if !tpl.consts.is_empty() {
        if tpl.consts_initializers.is_empty() {
            def.set("consts", array(tpl.consts));
        } else {
            let mut body = tpl.consts_initializers;
            body.push(Stmt::Return(array(tpl.consts)));
            def.set("consts", Expr::Arrow { params: Vec::new(), body: ArrowBody::Block(body) });
        }
    }
    def.set("template", tpl.template_fn);

    match meta.declaration_list_emit_mode {
        DeclarationListEmitMode::RuntimeResolved => {
            let mut args = vec![dir.type_ref.value.clone()];
            args.extend(meta.raw_imports.clone());
            def.set("dependencies", core("ɵɵgetComponentDepsFactory").call(args));
        }
        mode if !meta.declarations.is_empty() => {
            let list = array(meta.declarations.iter().map(|d| d.type_expr.clone()).collect());
            def.set("dependencies", declaration_list(list, mode));
        }
        _ => {}
    }

    let mut encapsulation = meta.encapsulation.unwrap_or(ViewEncapsulation::Emulated);
    let mut has_styles = !meta.external_styles.is_empty();
    if !meta.styles.is_empty() {
        let styles: Vec<&str> = meta.styles.iter().map(String::as_str).collect();
        let mode = match encapsulation {
            ViewEncapsulation::Emulated => Encapsulation::Emulated,
            ViewEncapsulation::None => Encapsulation::None,
            ViewEncapsulation::ShadowDom | ViewEncapsulation::ExperimentalIsolatedShadowDom => Encapsulation::ShadowDom,
        };
        // Empty (whitespace-only) sheets are dropped; long ones become shared constants.
        let nodes: Vec<Expr> = compile_component_styles(&styles, mode).into_iter().map(|s| pool.get_const_literal(str_lit(s), false)).collect();
        if !nodes.is_empty() {
            has_styles = true;
            def.set("styles", array(nodes));
        }
    }
    if !has_styles && encapsulation == ViewEncapsulation::Emulated {
        encapsulation = ViewEncapsulation::None;
    }
    if encapsulation != ViewEncapsulation::Emulated {
        def.set("encapsulation", num(encapsulation as u8 as f64));
    }
    if let Some(animations) = &meta.animations {
        def.set("data", Expr::Map(vec![MapEntry::Property { key: "animation".into(), quoted: false, value: animations.clone() }]));
    }
    match &meta.change_detection {
        Some(ChangeDetection::Strategy(strategy)) if *strategy != 0 => def.set("changeDetection", num(*strategy as f64)),
        Some(ChangeDetection::Expr(e)) => def.set("changeDetection", e.clone()),
        _ => {}
    }
    Ok(R3CompiledExpression::new(core("ɵɵdefineComponent").call_pure(vec![def.into_literal_map()])))
}

/// `compileDeclarationList`.
fn declaration_list(list: Expr, mode: DeclarationListEmitMode) -> Expr {
    match mode {
        DeclarationListEmitMode::Direct | DeclarationListEmitMode::RuntimeResolved => list,
        DeclarationListEmitMode::Closure => arrow(Vec::new(), list),
        DeclarationListEmitMode::ClosureResolved => arrow(Vec::new(), list.prop("map").call(vec![core("resolveForwardRef")])),
    }
}
