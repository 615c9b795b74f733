//! One-line unit tests of the schema registry and the sanitizer rules.

use super::*;
use SecurityContext as C;

#[test] fn div_has_id() { assert!(has_property("div", "id", &[])); }
#[test] fn div_has_no_foo() { assert!(!has_property("div", "foo", &[])); }
#[test] fn property_names_are_case_sensitive() { assert!(!has_property("div", "ID", &[])); }
#[test] fn tag_names_are_not() { assert!(has_property("DIV", "title", &[])); }
#[test] fn unknown_tag_uses_unknown_type() { assert!(has_property("blink", "title", &[])); }
#[test] fn custom_element_needs_schema() { assert!(!has_property("my-el", "foo", &[])); }
#[test] fn custom_elements_schema() { assert!(has_property("my-el", "foo", &[SchemaMetadata::CustomElements])); }
#[test] fn ng_container_has_nothing() { assert!(!has_property("ng-container", "id", &[SchemaMetadata::CustomElements])); }
#[test] fn no_errors_schema() { assert!(has_property("div", "foo", &[SchemaMetadata::NoErrors])); }
#[test] fn svg_element() { assert!(has_element(":svg:circle", &[])); }
#[test] fn svg_needs_namespace() { assert!(!has_element("circle", &[])); }
#[test] fn ng_content_is_element() { assert!(has_element("ng-content", &[])); }
#[test] fn custom_element_unknown() { assert!(!has_element("my-el", &[])); }
#[test] fn input_value_is_string() { assert_eq!(registry().property_type("input", "value"), Some(PropertyType::String)); }
#[test] fn input_checked_is_boolean() { assert_eq!(registry().property_type("input", "checked"), Some(PropertyType::Boolean)); }
#[test] fn map_class() { assert_eq!(mapped_prop_name("class"), "className"); }
#[test] fn map_for() { assert_eq!(mapped_prop_name("for"), "htmlFor"); }
#[test] fn map_inner_html() { assert_eq!(mapped_prop_name("innerHtml"), "innerHTML"); }
#[test] fn map_readonly() { assert_eq!(mapped_prop_name("readonly"), "readOnly"); }
#[test] fn map_tabindex() { assert_eq!(mapped_prop_name("tabindex"), "tabIndex"); }
#[test] fn map_is_case_sensitive() { assert_eq!(mapped_prop_name("Class"), "Class"); }
#[test] fn a_href_is_url() { assert_eq!(security_context("a", "href", false), C::Url); }
#[test] fn iframe_src_is_resource_url() { assert_eq!(security_context("iframe", "src", false), C::ResourceUrl); }
#[test] fn iframe_srcdoc_is_html() { assert_eq!(security_context("iframe", "srcdoc", true), C::Html); }
#[test] fn inner_html_any_element() { assert_eq!(security_context("span", "innerHTML", false), C::Html); }
#[test] fn inner_html_attribute_maps() { assert_eq!(security_context("span", "innerHtml", true), C::Html); }
#[test] fn style_is_style() { assert_eq!(security_context("div", "style", false), C::Style); }
#[test] fn object_data_resource() { assert_eq!(security_context("object", "data", false), C::ResourceUrl); }
#[test] fn svg_a_href() { assert_eq!(security_context(":svg:a", "href", false), C::Url); }
#[test] fn svg_animate_attribute_name() { assert_eq!(security_context(":svg:animate", "attributeName", true), C::AttributeNoBinding); }
#[test] fn plain_animate_falls_back_to_svg() { assert_eq!(security_context("animate", "to", true), C::AttributeNoBinding); }
#[test] fn math_href_is_url() { assert_eq!(security_context(":math:mi", "href", false), C::Url); }
#[test] fn iframe_sandbox_no_binding() { assert_eq!(security_context("iframe", "sandbox", false), C::AttributeNoBinding); }
#[test] fn div_title_none() { assert_eq!(security_context("div", "title", false), C::None); }
#[test] fn validate_onclick() { assert!(validate_property("onClick").is_err()); }
#[test] fn validate_title() { assert!(validate_attribute("title").is_ok()); }
#[test] fn validate_message() { assert_eq!(validate_attribute("onclick").err().as_deref(), Some("Binding to event attribute 'onclick' is disallowed for security reasons, please use (click)=...")); }
#[test] fn camel_case() { assert_eq!(normalize_animation_style_property("border-top-width"), "borderTopWidth"); }
#[test] fn camel_case_keeps_trailing_dash() { assert_eq!(normalize_animation_style_property("a-"), "a-"); }
#[test] fn px_for_numbers() { assert_eq!(normalize_animation_style_value("width", "width", StyleValue::Number(10.0)).value, "10px"); }
#[test] fn zero_has_no_unit() { assert_eq!(normalize_animation_style_value("width", "width", StyleValue::Number(0.0)).value, "0"); }
#[test] fn unitless_string_is_error() { assert!(normalize_animation_style_value("width", "width", StyleValue::String("10")).error.is_some()); }
#[test] fn string_with_unit_is_fine() { assert_eq!(normalize_animation_style_value("width", "width", StyleValue::String(" 10em ")), NormalizedStyleValue { value: "10em".into(), error: None }); }
#[test] fn default_component_name() { assert_eq!(default_component_element_name(), "ng-component"); }
#[test] fn known_names_start_with_element() { assert_eq!(all_known_element_names().first().map(String::as_str), Some("[element]")); }
#[test] fn sanitizer_url() { assert_eq!(sanitizer_for(&[C::Url]), Ok(Some(Sanitizer::Url))); }
#[test] fn sanitizer_none() { assert_eq!(sanitizer_for(&[C::None]), Ok(None)); }
#[test] fn sanitizer_composite() { assert_eq!(sanitizer_for(&[C::None, C::Url]), Ok(Some(Sanitizer::UrlOrResourceUrl))); }
#[test] fn sanitizer_ambiguous() { assert!(sanitizer_for(&[C::Html, C::Url]).is_err()); }
#[test] fn sanitizer_validate_attribute() { assert_eq!(sanitizer_for(&[C::AttributeNoBinding]).map(|s| s.map(Sanitizer::function_name)), Ok(Some("ɵɵvalidateAttribute"))); }
#[test] fn trust_html() { assert_eq!(trusted_constant_fn(&[C::Html]), Ok(Some("ɵɵtrustConstantHtml"))); }
#[test] fn trust_resource_url() { assert_eq!(trusted_constant_fn(&[C::ResourceUrl]), Ok(Some("ɵɵtrustConstantResourceUrl"))); }
#[test] fn trust_url_is_none() { assert_eq!(trusted_constant_fn(&[C::Url]), Ok(None)); }
#[test] fn element_binding_maps_property() { assert_eq!(element_binding_security_context("img", "src", false), C::Url); }
#[test] fn host_href_any_element() { assert_eq!(host_binding_security_contexts(Some("[myDir]"), "href", false), vec![C::None, C::Url, C::ResourceUrl]); }
#[test] fn host_href_on_a() { assert_eq!(host_binding_security_contexts(Some("a[myDir]"), "href", false), vec![C::None, C::Url, C::ResourceUrl]); }
#[test] fn host_inner_html() { assert_eq!(host_binding_security_contexts(Some("my-cmp"), "innerHTML", false), vec![C::Html]); }
#[test] fn selector_not() { assert_eq!(parse_selector_elements(":not(a)"), vec![SelectorElements { element: Some("*".into()), not_elements: vec!["a".into()] }]); }
#[test] fn selector_list() { assert_eq!(parse_selector_elements("a, [x=\"1\"]").len(), 2); }
#[test] fn selector_element_only() { assert_eq!(parse_selector_elements("my-cmp"), vec![SelectorElements { element: Some("my-cmp".into()), not_elements: vec![] }]); }
#[test] fn selector_attribute_only() { assert_eq!(parse_selector_elements("[myDir]"), vec![SelectorElements { element: None, not_elements: vec![] }]); }
#[test] fn selector_not_class_is_not_element() { assert_eq!(parse_selector_elements("a:not(.x)"), vec![SelectorElements { element: Some("a".into()), not_elements: vec![] }]); }
#[test] fn selector_not_class_only() { assert_eq!(parse_selector_elements(":not(.x)")[0].element.as_deref(), Some("*")); }
#[test] fn selector_quoted_value() { assert_eq!(parse_selector_elements("a[x=\"b c\"]")[0].element.as_deref(), Some("a")); }
#[test] fn selector_unclosed_attribute_skips() { assert_eq!(parse_selector_elements("[x=\"y]")[0].element.as_deref(), Some("y")); }
#[test] fn selector_empty() { assert_eq!(parse_selector_elements(""), vec![SelectorElements::default()]); }
#[test] fn selector_non_ascii() { assert_eq!(parse_selector_elements("é-a")[0].element.as_deref(), Some("-a")); }
#[test] fn split_ns() { assert_eq!(split_ns_name(":svg:a"), (Some("svg"), "a")); }
#[test] fn split_ns_malformed() { assert_eq!(split_ns_name(":svg"), (None, ":svg")); }
#[test] fn js_number_exponent() { assert_eq!(normalize_animation_style_value("width", "w", StyleValue::Number(1e21)).value, "1e+21px"); }
#[test] fn js_number_small() { assert_eq!(normalize_animation_style_value("opacity", "o", StyleValue::Number(1.5e-7)).value, "1.5e-7"); }
#[test] fn i18n_validate_attribute_args() { assert_eq!(i18n_attribute_sanitizer(C::AttributeNoBinding, "animate", ElementNamespace::Svg, "to").map(|c| c.extra_args), Some(vec![":svg:animate".to_string(), "to".to_string()])); }
#[test] fn bound_attr_prefix() { assert_eq!(bound_property_security_context("iframe", "attr.src"), C::ResourceUrl); }
#[test] fn bound_style_prefix() { assert_eq!(bound_property_security_context("div", "style.width"), C::Style); }
#[test] fn bound_class_prefix() { assert_eq!(bound_property_security_context("a", "class.href"), C::None); }
#[test] fn search_inherits_html_element() { assert!(has_property("search", "title", &[])); }
