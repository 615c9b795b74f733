//! `compileDirectiveFromMetadata` and the fields directives and components share
//! (`baseDirectiveFields`, `addFeatures`): selectors, queries, host bindings, inputs,
//! outputs, `exportAs`, `standalone`, `signals` and `features`.

use ngc_output::{array, bool_lit, core, num, str_lit, ConstantPool, Expr, MapEntry, Stmt};

use super::metadata::{R3DirectiveMetadata, R3HostDirectiveMetadata, R3InputMetadata};
use super::query::{create_content_queries_function, create_view_queries_function};
use super::template::{HostBindingsJob, TemplateCompiler};
use super::util::{is_unsafe_object_key, js_object_key_order, DefinitionMap};
use super::R3CompiledExpression;
use crate::r3_selector::{parse_selector_to_r3_selector, R3SelectorPart};

/// `InputFlags` of the runtime.
mod input_flags {
    pub const SIGNAL_BASED: u32 = 1;
    pub const HAS_DECORATOR_INPUT_TRANSFORM: u32 = 2;
}

/// `compileDirectiveFromMetadata`: `ɵɵdefineDirective({...})`.
pub fn compile_directive_from_metadata<T: TemplateCompiler + ?Sized>(
    meta: &R3DirectiveMetadata,
    pool: &mut ConstantPool,
    templates: &mut T,
) -> Result<R3CompiledExpression, T::Error> {
    let mut def = base_directive_fields(meta, pool, templates)?;
    add_features(&mut def, meta, None, &[]);
    Ok(R3CompiledExpression::new(core("ɵɵdefineDirective").call_pure(vec![def.into_literal_map()])))
}

/// The selector list as the nested array literal of the definition.
fn selectors_literal(selector: &str) -> Option<Expr> {
    let lists = parse_selector_to_r3_selector(selector);
    if lists.is_empty() {
        return None;
    }
    Some(array(
        lists
            .into_iter()
            .map(|list| {
                array(
                    list.into_iter()
                        .map(|part| match part {
                            R3SelectorPart::Text(t) => str_lit(t),
                            R3SelectorPart::Flags(f) => num(f as f64),
                        })
                        .collect(),
                )
            })
            .collect(),
    ))
}

/// `baseDirectiveFields`, in Angular's order (which is also the order in which constants
/// reach the pool).
pub(crate) fn base_directive_fields<T: TemplateCompiler + ?Sized>(
    meta: &R3DirectiveMetadata,
    pool: &mut ConstantPool,
    templates: &mut T,
) -> Result<DefinitionMap, T::Error> {
    let mut def = DefinitionMap::new();
    def.set("type", meta.type_ref.value.clone());
    def.set_opt("selectors", meta.selector.as_deref().and_then(selectors_literal));
    if !meta.queries.is_empty() {
        def.set("contentQueries", create_content_queries_function(&meta.queries, pool, &meta.name));
    }
    if !meta.view_queries.is_empty() {
        def.set("viewQuery", create_view_queries_function(&meta.view_queries, pool, &meta.name));
    }
    // `createHostBindingsFunction`: `hostAttrs` and `hostVars` are set before `hostBindings`.
    if !meta.host.is_empty() {
        let job = HostBindingsJob {
            component_name: &meta.name,
            component_selector: meta.selector.as_deref().unwrap_or(""),
            host: &meta.host,
            type_source_span: meta.type_source_span,
            legacy_optional_chaining: meta.legacy_optional_chaining,
        };
        let host = templates.compile_host_bindings(&job, pool)?;
        def.set_opt("hostAttrs", host.host_attrs);
        if host.host_vars > 0 {
            def.set("hostVars", num(host.host_vars as f64));
        }
        def.set_opt("hostBindings", host.host_bindings);
    }
    def.set_opt("inputs", inputs_literal(&meta.inputs));
    def.set_opt("outputs", outputs_literal(&meta.outputs));
    if let Some(export_as) = &meta.export_as {
        def.set("exportAs", array(export_as.iter().map(|e| str_lit(e.clone())).collect()));
    }
    if !meta.is_standalone {
        def.set("standalone", bool_lit(false));
    }
    if meta.is_signal {
        def.set("signals", bool_lit(true));
    }
    Ok(def)
}

/// `conditionallyCreateDirectiveBindingLiteral(inputs, true)`: `{ a: "a", b: [1, "b"],
/// c: [0, "alias", "c"], d: [2, "d", "d", transform] }`, or `None` for no inputs.
fn inputs_literal(inputs: &[(String, R3InputMetadata)]) -> Option<Expr> {
    if inputs.is_empty() {
        return None;
    }
    let keys: Vec<&str> = inputs.iter().map(|(k, _)| k.as_str()).collect();
    let entries = js_object_key_order(&keys)
        .into_iter()
        .map(|i| {
            let (key, input) = &inputs[i];
            let different_name = input.binding_property_name != input.class_property_name;
            let has_transform = input.transform_function.is_some();
            let mut flags = 0;
            if input.is_signal {
                flags |= input_flags::SIGNAL_BASED;
            }
            if has_transform {
                flags |= input_flags::HAS_DECORATOR_INPUT_TRANSFORM;
            }
            let value = if different_name || has_transform || flags != 0 {
                let mut items = vec![num(flags as f64), str_lit(input.binding_property_name.clone())];
                if different_name || has_transform {
                    items.push(str_lit(input.class_property_name.clone()));
                    if let Some(transform) = &input.transform_function {
                        items.push(transform.clone());
                    }
                }
                array(items)
            } else {
                str_lit(input.binding_property_name.clone())
            };
            MapEntry::Property { key: key.clone(), quoted: is_unsafe_object_key(key), value }
        })
        .collect();
    Some(Expr::Map(entries))
}

/// `conditionallyCreateDirectiveBindingLiteral(outputs)`: `{ member: "publicName" }`.
fn outputs_literal(outputs: &[(String, String)]) -> Option<Expr> {
    if outputs.is_empty() {
        return None;
    }
    let keys: Vec<&str> = outputs.iter().map(|(k, _)| k.as_str()).collect();
    let entries = js_object_key_order(&keys)
        .into_iter()
        .map(|i| {
            let (key, public_name) = &outputs[i];
            MapEntry::Property { key: key.clone(), quoted: is_unsafe_object_key(key), value: str_lit(public_name.clone()) }
        })
        .collect();
    Some(Expr::Map(entries))
}

/// `addFeatures`, in Angular's order: providers, host directives, inheritance, `ngOnChanges`,
/// the control hook, external styles.
pub(crate) fn add_features(def: &mut DefinitionMap, meta: &R3DirectiveMetadata, view_providers: Option<&Expr>, external_styles: &[String]) {
    let mut features = Vec::new();
    if meta.providers.is_some() || view_providers.is_some() {
        let mut args = vec![meta.providers.clone().unwrap_or_else(|| array(Vec::new()))];
        if let Some(view_providers) = view_providers {
            args.push(view_providers.clone());
        }
        features.push(core("ɵɵProvidersFeature").call(args));
    }
    if let Some(host_directives) = meta.host_directives.as_deref().filter(|h| !h.is_empty()) {
        features.push(core("ɵɵHostDirectivesFeature").call(vec![host_directives_feature_arg(host_directives)]));
    }
    if meta.uses_inheritance {
        features.push(core("ɵɵInheritDefinitionFeature"));
    }
    if meta.uses_on_changes {
        features.push(core("ɵɵNgOnChangesFeature"));
    }
    if let Some(pass_through) = &meta.control_create {
        let arg = match pass_through {
            Some(name) => str_lit(name.clone()),
            None => ngc_output::null(),
        };
        features.push(core("ɵɵControlFeature").call(vec![arg]));
    }
    if !external_styles.is_empty() {
        features.push(core("ɵɵExternalStylesFeature").call(vec![array(external_styles.iter().map(|s| str_lit(s.clone())).collect())]));
    }
    if !features.is_empty() {
        def.set("features", array(features));
    }
}

/// `createHostDirectivesFeatureArg`: `[A, { directive: B, inputs: ["a", "alias"] }]`, as a
/// function returning it when some host directive is a forward reference.
fn host_directives_feature_arg(host_directives: &[R3HostDirectiveMetadata]) -> Expr {
    let mut expressions = Vec::new();
    let mut has_forward_ref = false;
    for current in host_directives {
        if current.inputs.is_none() && current.outputs.is_none() {
            expressions.push(current.directive.type_expr.clone());
        } else {
            let mut entries = vec![MapEntry::Property { key: "directive".into(), quoted: false, value: current.directive.type_expr.clone() }];
            for (key, mapping) in [("inputs", &current.inputs), ("outputs", &current.outputs)] {
                if let Some(literal) = mapping.as_deref().and_then(host_directive_mapping_array) {
                    entries.push(MapEntry::Property { key: key.into(), quoted: false, value: literal });
                }
            }
            expressions.push(Expr::Map(entries));
        }
        has_forward_ref |= current.is_forward_reference;
    }
    let list = array(expressions);
    if has_forward_ref {
        ngc_output::function(None, Vec::new(), vec![Stmt::Return(list)])
    } else {
        list
    }
}

/// `createHostDirectivesMappingArray`: `["name", "alias", …]` in the mapping object's key order.
fn host_directive_mapping_array(mapping: &[(String, String)]) -> Option<Expr> {
    let keys: Vec<&str> = mapping.iter().map(|(k, _)| k.as_str()).collect();
    let items: Vec<Expr> =
        js_object_key_order(&keys).into_iter().flat_map(|i| [str_lit(mapping[i].0.clone()), str_lit(mapping[i].1.clone())]).collect();
    (!items.is_empty()).then(|| array(items))
}
