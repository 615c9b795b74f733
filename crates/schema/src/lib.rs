//! The DOM element schema and the security rules of Angular 22.2's `DomElementSchemaRegistry`,
//! and how the template pipeline turns security contexts into sanitizers.
//!
//! - Schema: [`has_element`] and [`has_property`] (with [`SchemaMetadata`] for
//!   `CUSTOM_ELEMENTS_SCHEMA` / `NO_ERRORS_SCHEMA`), [`all_known_element_names`], property types
//!   and events on [`DomElementSchemaRegistry`], [`mapped_prop_name`] (`class` → `className`),
//!   [`validate_property`] / [`validate_attribute`] (`on*` bindings), the animation style
//!   normalisers and [`default_component_element_name`].
//! - Security contexts: [`security_context`] (Angular's `securityContext`), the lists of
//!   [`possible_security_contexts`] for a selector, what a template binding gets
//!   ([`bound_property_security_context`] for `[href]`, `[attr.src]`, `[style.x]`, …) and what a
//!   host binding gets ([`host_binding_security_contexts`]).
//! - Sanitizers (`resolveSanitizers`): [`sanitizer_for`] for property, attribute, DOM-property and
//!   two-way bindings, [`trusted_constant_fn`] for static attributes in the consts array,
//!   [`i18n_attribute_sanitizer`] for i18n attribute values.
//!
//! The raw data (`SCHEMA`, `_ATTR_TO_PROP`, the `SECURITY_SCHEMA` registrations) lives in
//! `tables.rs`, generated from the installed Angular by `scripts/gen-schema.mjs`; the registry is
//! built from it once, on first use, the way Angular's constructor builds it (quirks included).
//! Every function is total: unknown tags fall back to Angular's `unknown` element, malformed
//! names and selectors are read leniently where Angular would throw, and every list comes back in
//! Angular's order. tests/schema_differential.rs compares all of it with the real registry.

mod selector;
#[rustfmt::skip]
mod tables;

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use selector::{parse_selector_elements, SelectorElements};

/// Angular's `SecurityContext`: how a value bound to a property or attribute must be sanitized.
/// The discriminants are Angular's enum values, which also give the sort order of context lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecurityContext {
    /// No sanitization.
    None = 0,
    /// HTML (`innerHTML`, `iframe.srcdoc`).
    Html = 1,
    /// CSS (`style`).
    Style = 2,
    /// Script (never produced by the DOM schema, kept for completeness).
    Script = 3,
    /// A URL that is navigated to (`a.href`, `img.src`).
    Url = 4,
    /// A URL whose content is loaded as code (`iframe.src`, `script.src`, `link.href`).
    ResourceUrl = 5,
    /// An attribute that must not be bound at all (`iframe.sandbox`, SVG animation targets):
    /// the binding is validated at run time by `ɵɵvalidateAttribute`.
    AttributeNoBinding = 6,
}

impl SecurityContext {
    /// Angular's name of the context (`NONE`, `HTML`, …, `ATTRIBUTE_NO_BINDING`).
    pub fn name(self) -> &'static str {
        match self {
            SecurityContext::None => "NONE",
            SecurityContext::Html => "HTML",
            SecurityContext::Style => "STYLE",
            SecurityContext::Script => "SCRIPT",
            SecurityContext::Url => "URL",
            SecurityContext::ResourceUrl => "RESOURCE_URL",
            SecurityContext::AttributeNoBinding => "ATTRIBUTE_NO_BINDING",
        }
    }
}

/// The type of a DOM property in the schema (`!` boolean, `#` number, `%` object, else string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PropertyType {
    /// `!name` in the schema.
    Boolean,
    /// `#name` in the schema.
    Number,
    /// A plain `name` in the schema.
    String,
    /// `%name` in the schema.
    Object,
}

/// A schema a component or NgModule declares in its `schemas` (Angular's `SchemaMetadata`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchemaMetadata {
    /// `CUSTOM_ELEMENTS_SCHEMA`: any element with a dash, and any property on it, is allowed.
    CustomElements,
    /// `NO_ERRORS_SCHEMA`: every element and property is allowed.
    NoErrors,
}

/// Properties and events of one element type, in Angular's insertion order.
#[derive(Debug, Default, Clone)]
struct ElementType {
    properties: Vec<(String, PropertyType)>,
    property_index: BTreeMap<String, usize>,
    events: Vec<String>,
}

impl ElementType {
    fn set_property(&mut self, name: &str, ty: PropertyType) {
        match self.property_index.get(name) {
            Some(&i) => {
                if let Some(slot) = self.properties.get_mut(i) {
                    slot.1 = ty;
                }
            }
            None => {
                self.property_index
                    .insert(name.to_string(), self.properties.len());
                self.properties.push((name.to_string(), ty));
            }
        }
    }

    fn add_event(&mut self, name: &str) {
        if !self.events.iter().any(|e| e == name) {
            self.events.push(name.to_string());
        }
    }
}

/// Angular's `DomElementSchemaRegistry`, built from the generated tables. Get it with [`registry`].
#[derive(Debug)]
pub struct DomElementSchemaRegistry {
    /// Element types; several tag names may share one (`h1,h2,...`).
    types: Vec<ElementType>,
    /// Lowercased tag name → index into `types` (the last definition of a name wins).
    schema: BTreeMap<String, usize>,
    /// Tag names in the order they were first defined (`allKnownElementNames`).
    known_names: Vec<String>,
    /// All events of all elements, lowercased match keys (`isKnownEventOfAnyElement`).
    all_events: std::collections::BTreeSet<String>,
    /// Lowercased property → namespace ("" for none) → lowercased tag or `*` → context.
    security: BTreeMap<String, BTreeMap<String, BTreeMap<String, SecurityContext>>>,
}

/// The shared registry, built on first use.
pub fn registry() -> &'static DomElementSchemaRegistry {
    static REGISTRY: OnceLock<DomElementSchemaRegistry> = OnceLock::new();
    REGISTRY.get_or_init(DomElementSchemaRegistry::build)
}

/// Angular's `splitNsName(name, false)`: `:ns:name` → `(Some(ns), name)`, anything else → `(None, name)`.
pub fn split_ns_name(name: &str) -> (Option<&str>, &str) {
    if let Some(rest) = name.strip_prefix(':') {
        if let Some(i) = rest.find(':') {
            return (Some(&rest[..i]), &rest[i + 1..]);
        }
    }
    (None, name)
}

/// Angular's `normalizeTagName`: lowercased, with the `:svg:`/`:math:` prefix kept and any other
/// namespace prefix dropped.
fn normalize_tag_name(tag_name: &str) -> String {
    let lower = tag_name.to_lowercase();
    match split_ns_name(&lower) {
        (Some(ns @ ("svg" | "math")), name) => format!(":{ns}:{name}"),
        (_, name) => name.to_string(),
    }
}

impl DomElementSchemaRegistry {
    fn build() -> Self {
        let mut reg = DomElementSchemaRegistry {
            types: Vec::new(),
            schema: BTreeMap::new(),
            known_names: Vec::new(),
            all_events: Default::default(),
            security: BTreeMap::new(),
        };
        for encoded in tables::SCHEMA {
            let (str_type, str_properties) = encoded.split_once('|').unwrap_or((encoded, ""));
            let (type_names, super_name) = match str_type.split_once('^') {
                Some((t, s)) => (t, Some(s)),
                None => (str_type, None),
            };
            let index = reg.types.len();
            reg.types.push(ElementType::default());
            for tag in type_names.split(',') {
                let tag = tag.to_lowercase();
                if !reg.schema.contains_key(&tag) {
                    reg.known_names.push(tag.clone());
                }
                reg.schema.insert(tag, index);
            }
            let super_type = super_name
                .and_then(|s| reg.schema.get(&s.to_lowercase()).copied())
                .and_then(|i| reg.types.get(i).cloned());
            let mut ty = super_type.unwrap_or_default();
            for property in str_properties.split(',') {
                if let Some(event) = property.strip_prefix('*') {
                    ty.add_event(event);
                } else if let Some(p) = property.strip_prefix('!') {
                    ty.set_property(p, PropertyType::Boolean);
                } else if let Some(p) = property.strip_prefix('#') {
                    ty.set_property(p, PropertyType::Number);
                } else if let Some(p) = property.strip_prefix('%') {
                    ty.set_property(p, PropertyType::Object);
                } else if !property.is_empty() {
                    ty.set_property(property, PropertyType::String);
                }
            }
            reg.types[index] = ty;
        }
        // Events of types that are still reachable through a tag name (Angular's `_eventSchema.values()`).
        let live: std::collections::BTreeSet<usize> = reg.schema.values().copied().collect();
        for i in live {
            if let Some(t) = reg.types.get(i) {
                for e in &t.events {
                    reg.all_events.insert(e.clone());
                }
            }
        }
        for &(ctx, ns, element, prop) in tables::SECURITY_REGISTRATIONS {
            reg.security
                .entry(prop.to_lowercase())
                .or_default()
                .entry(ns.to_string())
                .or_default()
                .insert(element.to_lowercase(), ctx);
        }
        reg
    }

    fn element_type(&self, normalized_tag: &str) -> Option<&ElementType> {
        self.schema
            .get(normalized_tag)
            .and_then(|&i| self.types.get(i))
    }

    fn element_type_or_unknown(&self, normalized_tag: &str) -> Option<&ElementType> {
        self.element_type(normalized_tag)
            .or_else(|| self.element_type("unknown"))
    }

    /// `hasProperty`: does `prop_name` (case-sensitive DOM property name) exist on `tag_name`?
    pub fn has_property(
        &self,
        tag_name: &str,
        prop_name: &str,
        schemas: &[SchemaMetadata],
    ) -> bool {
        if schemas.contains(&SchemaMetadata::NoErrors) {
            return true;
        }
        let tag = normalize_tag_name(tag_name);
        if tag.contains('-') {
            let local = split_ns_name(&tag).1;
            if local == "ng-container" || local == "ng-content" {
                return false;
            }
            if schemas.contains(&SchemaMetadata::CustomElements) {
                return true;
            }
        }
        self.element_type_or_unknown(&tag)
            .is_some_and(|t| t.property_index.contains_key(prop_name))
    }

    /// `hasElement`: is `tag_name` a known element (or allowed by the schemas)?
    pub fn has_element(&self, tag_name: &str, schemas: &[SchemaMetadata]) -> bool {
        if schemas.contains(&SchemaMetadata::NoErrors) {
            return true;
        }
        let tag = normalize_tag_name(tag_name);
        if tag.contains('-') {
            let local = split_ns_name(&tag).1;
            if local == "ng-container" || local == "ng-content" {
                return true;
            }
            if schemas.contains(&SchemaMetadata::CustomElements) {
                return true;
            }
        }
        self.schema.contains_key(&tag)
    }

    /// `securityContext(tagName, propName, isAttribute)`. `tag_name` may carry a namespace
    /// (`:svg:a`); for an attribute the name is first mapped with [`mapped_prop_name`].
    pub fn security_context(
        &self,
        tag_name: &str,
        prop_name: &str,
        is_attribute: bool,
    ) -> SecurityContext {
        let prop = if is_attribute {
            mapped_prop_name(prop_name)
        } else {
            prop_name
        };
        let (ns, name) = split_ns_name(tag_name);
        self.check_security_context(name, prop, ns.unwrap_or(""))
    }

    /// Angular's `checkSecurityContext`: namespace schema, then the default one, then (for
    /// elements without a namespace) the SVG one by exact tag.
    fn check_security_context(
        &self,
        tag_name: &str,
        prop_name: &str,
        namespace: &str,
    ) -> SecurityContext {
        let Some(attr_schema) = self.security.get(&prop_name.to_lowercase()) else {
            return SecurityContext::None;
        };
        let tag = tag_name.to_lowercase();
        let lookup = |ns: &str, match_all: bool| {
            attr_schema.get(ns).and_then(|s| {
                s.get(&tag)
                    .or_else(|| if match_all { s.get("*") } else { None })
                    .copied()
            })
        };
        let mut context = None;
        if !namespace.is_empty() {
            context = lookup(namespace, true);
        }
        if context.is_none() {
            context = lookup("", true);
        }
        if context.is_none() && namespace.is_empty() {
            context = lookup("svg", false);
        }
        context.unwrap_or(SecurityContext::None)
    }

    /// `allKnownElementNames`: every tag name of the schema (incl. `:svg:` and `:math:` names
    /// and the abstract `[element]`-style types), in Angular's order.
    pub fn all_known_element_names(&self) -> &[String] {
        &self.known_names
    }

    /// `allKnownAttributesOfElement`: the element's properties (or those of `unknown`), passed
    /// through Angular's `_PROP_TO_ATTR` (which, built with its pairs swapped, changes none of them).
    pub fn all_known_attributes_of_element(&self, tag_name: &str) -> Vec<&str> {
        let tag = normalize_tag_name(tag_name);
        self.element_type_or_unknown(&tag)
            .map(|t| {
                t.properties
                    .iter()
                    .map(|(p, _)| prop_to_attr(p).unwrap_or(p.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The schema type of a property of an element, looked up like [`Self::has_property`] does
    /// (unknown tags use the `unknown` element); `None` when it is not in the schema.
    pub fn property_type(&self, tag_name: &str, prop_name: &str) -> Option<PropertyType> {
        let tag = normalize_tag_name(tag_name);
        Self::type_of(self.element_type_or_unknown(&tag)?, prop_name)
    }

    /// The schema type of a property of a known element only (`None` for unknown tags).
    pub fn declared_property_type(&self, tag_name: &str, prop_name: &str) -> Option<PropertyType> {
        let tag = normalize_tag_name(tag_name);
        Self::type_of(self.element_type(&tag)?, prop_name)
    }

    fn type_of(t: &ElementType, prop_name: &str) -> Option<PropertyType> {
        let &i = t.property_index.get(prop_name)?;
        t.properties.get(i).map(|p| p.1)
    }

    /// `allKnownEventsOfElement`: the DOM events of a known element (empty for unknown ones).
    pub fn all_known_events_of_element(&self, tag_name: &str) -> Vec<&str> {
        let tag = normalize_tag_name(tag_name);
        self.element_type(&tag)
            .map(|t| t.events.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// `isKnownEventOfAnyElement`: is the lowercased name an event of any element?
    pub fn is_known_event_of_any_element(&self, event_name: &str) -> bool {
        self.all_events.contains(&event_name.to_lowercase())
    }
}

/// [`DomElementSchemaRegistry::has_property`] on the shared registry.
pub fn has_property(tag_name: &str, prop_name: &str, schemas: &[SchemaMetadata]) -> bool {
    registry().has_property(tag_name, prop_name, schemas)
}

/// [`DomElementSchemaRegistry::has_element`] on the shared registry.
pub fn has_element(tag_name: &str, schemas: &[SchemaMetadata]) -> bool {
    registry().has_element(tag_name, schemas)
}

/// [`DomElementSchemaRegistry::security_context`] on the shared registry.
pub fn security_context(tag_name: &str, prop_name: &str, is_attribute: bool) -> SecurityContext {
    registry().security_context(tag_name, prop_name, is_attribute)
}

/// [`DomElementSchemaRegistry::all_known_element_names`] on the shared registry.
pub fn all_known_element_names() -> &'static [String] {
    registry().all_known_element_names()
}

/// `getMappedPropName`: the DOM property an attribute name stands for (`class` → `className`,
/// `for` → `htmlFor`, `innerHtml` → `innerHTML`, `readonly` → `readOnly`, `tabindex` →
/// `tabIndex`, `aria-label` → `ariaLabel`, …); other names unchanged. Case-sensitive.
pub fn mapped_prop_name(name: &str) -> &str {
    tables::ATTR_TO_PROP
        .iter()
        .find(|(attr, _)| *attr == name)
        .map(|&(_, prop)| prop)
        .unwrap_or(name)
}

/// `_PROP_TO_ATTR`. Angular builds it by "inverting" `_ATTR_TO_PROP` with the pair names swapped,
/// so it ends up equal to `_ATTR_TO_PROP` (attribute → property) and maps a schema property only
/// when the property name is itself an attribute key. Reproduced as is.
fn prop_to_attr(prop: &str) -> Option<&'static str> {
    tables::ATTR_TO_PROP
        .iter()
        .find(|(a, _)| *a == prop)
        .map(|&(_, p)| p)
}

/// `getDefaultComponentElementName`: the host tag of a component without an element selector.
pub fn default_component_element_name() -> &'static str {
    "ng-component"
}

/// `validateProperty`: binding to an `on*` property is an error; returns its message.
pub fn validate_property(name: &str) -> Result<(), String> {
    match event_suffix(name) {
        Some(rest) => Err(format!(
            "Binding to event property '{name}' is disallowed for security reasons, please use ({rest})=...\nIf '{name}' is a directive input, make sure the directive is imported by the current module."
        )),
        None => Ok(()),
    }
}

/// `validateAttribute`: binding to an `on*` attribute is an error; returns its message.
pub fn validate_attribute(name: &str) -> Result<(), String> {
    match event_suffix(name) {
        Some(rest) => Err(format!(
            "Binding to event attribute '{name}' is disallowed for security reasons, please use ({rest})=..."
        )),
        None => Ok(()),
    }
}

/// The name after its first two characters when it starts with `on` in any case.
fn event_suffix(name: &str) -> Option<&str> {
    if name.to_lowercase().starts_with("on") {
        // Only ASCII `o`/`n` lowercase to `o`/`n`, so the first two characters are two bytes.
        name.get(2..)
    } else {
        None
    }
}

/// `normalizeAnimationStyleProperty`: dash-case → camelCase (`-+([a-z0-9])` → uppercase).
pub fn normalize_animation_style_property(prop_name: &str) -> String {
    let chars: Vec<char> = prop_name.chars().collect();
    let mut out = String::with_capacity(prop_name.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '-' {
            let mut j = i;
            while j < chars.len() && chars[j] == '-' {
                j += 1;
            }
            match chars.get(j) {
                Some(&c) if c.is_ascii_lowercase() || c.is_ascii_digit() => {
                    out.push(c.to_ascii_uppercase());
                    i = j + 1;
                }
                _ => {
                    out.extend(&chars[i..j]);
                    i = j;
                }
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A style value given to [`normalize_animation_style_value`]: Angular accepts numbers and strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StyleValue<'a> {
    /// A number, printed as JavaScript prints it (`px` is added for pixel dimensions).
    Number(f64),
    /// A string, trimmed.
    String(&'a str),
}

/// The result of [`normalize_animation_style_value`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedStyleValue {
    /// The value with its unit (`10px` for the number `10` on `width`).
    pub value: String,
    /// `Please provide a CSS unit value for …` when a pixel dimension got a unitless number string.
    pub error: Option<String>,
}

/// `normalizeAnimationStyleValue(camelCaseProp, userProvidedProp, val)`.
pub fn normalize_animation_style_value(
    camel_case_prop: &str,
    user_provided_prop: &str,
    val: StyleValue<'_>,
) -> NormalizedStyleValue {
    let text = match val {
        StyleValue::Number(n) => js_number_to_string(n),
        StyleValue::String(s) => s.to_string(),
    };
    let trimmed = js_trim(&text).to_string();
    let mut unit = "";
    let mut error = None;
    let is_zero = match val {
        StyleValue::Number(n) => n == 0.0,
        StyleValue::String(s) => s == "0",
    };
    if is_pixel_dimension_style(camel_case_prop) && !is_zero {
        match val {
            StyleValue::Number(_) => unit = "px",
            StyleValue::String(s) => {
                if is_unitless_number(s) {
                    error = Some(format!(
                        "Please provide a CSS unit value for {user_provided_prop}:{s}"
                    ));
                }
            }
        }
    }
    NormalizedStyleValue {
        value: format!("{trimmed}{unit}"),
        error,
    }
}

/// `/^[+-]?[\d\.]+([a-z]*)$/` matches with an empty suffix, i.e. `^[+-]?[\d.]+$`.
fn is_unitless_number(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

fn is_pixel_dimension_style(prop: &str) -> bool {
    matches!(
        prop,
        "width"
            | "height"
            | "minWidth"
            | "minHeight"
            | "maxWidth"
            | "maxHeight"
            | "left"
            | "top"
            | "bottom"
            | "right"
            | "fontSize"
            | "outlineWidth"
            | "outlineOffset"
            | "paddingTop"
            | "paddingLeft"
            | "paddingBottom"
            | "paddingRight"
            | "marginTop"
            | "marginLeft"
            | "marginBottom"
            | "marginRight"
            | "borderRadius"
            | "borderWidth"
            | "borderTopWidth"
            | "borderLeftWidth"
            | "borderRightWidth"
            | "borderBottomWidth"
            | "textIndent"
    )
}

/// JavaScript's `String.prototype.trim` (WhiteSpace and LineTerminator, incl. U+FEFF).
fn js_trim(s: &str) -> &str {
    s.trim_matches(selector::is_js_space)
}

/// `Number.prototype.toString()`: the shortest round-trip digits (Rust and JavaScript agree on
/// them), positional for magnitudes in [1e-6, 1e21), else `1.5e+21` / `1e-7` exponent form.
fn js_number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_string();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if n == 0.0 {
        return "0".to_string();
    }
    let abs = n.abs();
    if (1e-6..1e21).contains(&abs) {
        return format!("{n}");
    }
    let exp = format!("{n:e}");
    match exp.split_once('e') {
        Some((mantissa, e)) if !e.starts_with('-') => format!("{mantissa}e+{e}"),
        _ => exp,
    }
}

/// `calcPossibleSecurityContexts(registry, selector, propName, isAttribute)`: the distinct
/// security contexts of `prop_name` on every element `selector` may match, sorted. `None` means
/// "any known element". A leading `:ns:` on the selector applies that namespace to its elements.
/// The property name is used as given (map it first for properties, as Angular's callers do).
pub fn possible_security_contexts(
    selector: Option<&str>,
    prop_name: &str,
    is_attribute: bool,
) -> Vec<SecurityContext> {
    let reg = registry();
    let (namespace_key, base_selector) = match selector {
        Some(s) => {
            let (ns, base) = split_ns_name(s);
            (ns, Some(base))
        }
        None => (None, None),
    };
    let name_to_context = |el_name: &str| {
        let (ns, name) = split_ns_name(el_name);
        let ns = ns.or(namespace_key);
        let full;
        let full_name = match ns {
            Some(ns) if !ns.is_empty() => {
                full = format!(":{ns}:{name}");
                full.as_str()
            }
            _ => name,
        };
        reg.security_context(full_name, prop_name, is_attribute)
    };
    let mut contexts: Vec<SecurityContext> = Vec::new();
    match base_selector {
        None => contexts.extend(reg.known_names.iter().map(|n| name_to_context(n))),
        Some(base) => {
            for part in parse_selector_elements(base) {
                let mut element_names: Vec<String> = match &part.element {
                    Some(e) => vec![e.clone()],
                    None => reg.known_names.clone(),
                };
                if let Some(e) = &part.element {
                    if !reg.has_element(e, &[]) {
                        let svg = format!(":svg:{e}");
                        let math = format!(":math:{e}");
                        if reg.has_element(&svg, &[]) {
                            element_names = vec![svg];
                        } else if reg.has_element(&math, &[]) {
                            element_names = vec![math];
                        }
                    }
                }
                let not_names: Vec<String> =
                    part.not_elements.iter().map(|n| n.to_lowercase()).collect();
                for el in &element_names {
                    let lower = el.to_lowercase();
                    let local = split_ns_name(&lower).1;
                    if not_names.iter().any(|n| *n == lower || n == local) {
                        continue;
                    }
                    contexts.push(name_to_context(el));
                }
            }
        }
    }
    if contexts.is_empty() {
        return vec![SecurityContext::None];
    }
    contexts.sort();
    contexts.dedup();
    contexts
}

/// The security context a template element's property or attribute binding gets: what
/// Angular's `BindingParser.createBoundElementProperty` stores, i.e. the first (lowest) of
/// [`possible_security_contexts`] for the element name. `name` is the binding name without
/// `attr.` (an attribute) or as written (a property, mapped here with [`mapped_prop_name`]).
pub fn element_binding_security_context(
    element_name: &str,
    name: &str,
    is_attribute: bool,
) -> SecurityContext {
    let prop = if is_attribute {
        name
    } else {
        mapped_prop_name(name)
    };
    possible_security_contexts(Some(element_name), prop, is_attribute)
        .first()
        .copied()
        .unwrap_or(SecurityContext::None)
}

/// The security context `BindingParser.createBoundElementProperty` gives a template binding named
/// `bound_name` (as written inside `[...]`) on the element `element_name` (`:svg:`/`:math:`
/// prefixed where the parser put a namespace): `attr.x` is attribute `x`, `class.x` is `NONE`,
/// `style.x` is `STYLE`, `animate.x` is `NONE`, anything else is a property, mapped with
/// [`mapped_prop_name`].
pub fn bound_property_security_context(element_name: &str, bound_name: &str) -> SecurityContext {
    if let Some((prefix, rest)) = bound_name.split_once('.') {
        match prefix {
            "attr" => return element_binding_security_context(element_name, rest, true),
            "class" | "animate" => return SecurityContext::None,
            "style" => return SecurityContext::Style,
            _ => {}
        }
    }
    element_binding_security_context(element_name, bound_name, false)
}

/// `calcHostBindingSecurityContexts`: the contexts of a host property (`is_attribute` false) or
/// host attribute binding of a directive whose selector is `component_selector`. When the name is
/// sensitive on some concrete elements but not others, or on elements the selector excludes, all
/// contexts of all known elements are kept (Angular then picks `ɵɵsanitizeUrlOrResourceUrl` or
/// reports ambiguity); otherwise the selector's non-`NONE` contexts.
pub fn host_binding_security_contexts(
    component_selector: Option<&str>,
    name: &str,
    is_attribute: bool,
) -> Vec<SecurityContext> {
    let mapped = mapped_prop_name(name);
    let declaring = possible_security_contexts(component_selector, mapped, is_attribute);
    let concrete = possible_security_contexts(None, mapped, is_attribute);
    let concrete_non_none: Vec<SecurityContext> = concrete
        .iter()
        .copied()
        .filter(|c| *c != SecurityContext::None)
        .collect();
    let has_none = concrete_non_none.len() != concrete.len();
    if has_none && !concrete_non_none.is_empty() {
        return concrete;
    }
    if concrete_non_none.iter().any(|c| !declaring.contains(c)) {
        return concrete;
    }
    declaring
        .into_iter()
        .filter(|c| *c != SecurityContext::None)
        .collect()
}

/// A sanitizer function of `@angular/core` that generated code passes to a binding instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sanitizer {
    /// `ɵɵsanitizeHtml`
    Html,
    /// `ɵɵsanitizeStyle`
    Style,
    /// `ɵɵsanitizeScript`
    Script,
    /// `ɵɵsanitizeUrl`
    Url,
    /// `ɵɵsanitizeResourceUrl`
    ResourceUrl,
    /// `ɵɵsanitizeUrlOrResourceUrl` (host bindings whose element is not known statically)
    UrlOrResourceUrl,
    /// `ɵɵvalidateAttribute` (attributes that must not be bound). As a binding's sanitizer it is
    /// passed like the others; for an i18n attribute Angular calls it as
    /// `ɵɵvalidateAttribute(value, "tag", "name")` with the `:svg:`/`:math:`-prefixed tag.
    ValidateAttribute,
}

impl Sanitizer {
    /// The exported name in `@angular/core`.
    pub fn function_name(self) -> &'static str {
        match self {
            Sanitizer::Html => "ɵɵsanitizeHtml",
            Sanitizer::Style => "ɵɵsanitizeStyle",
            Sanitizer::Script => "ɵɵsanitizeScript",
            Sanitizer::Url => "ɵɵsanitizeUrl",
            Sanitizer::ResourceUrl => "ɵɵsanitizeResourceUrl",
            Sanitizer::UrlOrResourceUrl => "ɵɵsanitizeUrlOrResourceUrl",
            Sanitizer::ValidateAttribute => "ɵɵvalidateAttribute",
        }
    }
}

/// The template pipeline's `sanitizerFns` table: the sanitizer of one security context.
pub fn sanitizer_for_context(context: SecurityContext) -> Option<Sanitizer> {
    match context {
        SecurityContext::None => None,
        SecurityContext::Html => Some(Sanitizer::Html),
        SecurityContext::Style => Some(Sanitizer::Style),
        SecurityContext::Script => Some(Sanitizer::Script),
        SecurityContext::Url => Some(Sanitizer::Url),
        SecurityContext::ResourceUrl => Some(Sanitizer::ResourceUrl),
        SecurityContext::AttributeNoBinding => Some(Sanitizer::ValidateAttribute),
    }
}

/// The element namespace of the template pipeline (`Namespace.HTML` / `SVG` / `Math`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElementNamespace {
    /// An HTML element (no prefix).
    Html,
    /// An SVG element (`:svg:` prefix).
    Svg,
    /// A MathML element (`:math:` prefix).
    Math,
}

/// A sanitizer call that wraps a value: `function(value, ...extra_args)`, the extra arguments
/// being string literals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizerCall {
    /// The sanitizer.
    pub sanitizer: Sanitizer,
    /// String arguments after the value (`ɵɵvalidateAttribute(value, ":svg:animate", "to")`).
    pub extra_args: Vec<String>,
}

/// `resolveI18nAttrSanitizers`: the call Angular wraps around the value of an i18n attribute
/// (an extracted attribute with an i18n context and a value) of security context `context` on
/// the element `tag` (without prefix) in `namespace`. `ɵɵvalidateAttribute` also gets the
/// prefixed tag and the attribute name.
pub fn i18n_attribute_sanitizer(
    context: SecurityContext,
    tag: &str,
    namespace: ElementNamespace,
    attr_name: &str,
) -> Option<SanitizerCall> {
    let sanitizer = sanitizer_for_context(context)?;
    let extra_args = if sanitizer == Sanitizer::ValidateAttribute {
        let tag = match namespace {
            ElementNamespace::Html => tag.to_string(),
            ElementNamespace::Svg => format!(":svg:{tag}"),
            ElementNamespace::Math => format!(":math:{tag}"),
        };
        vec![tag, attr_name.to_string()]
    } else {
        Vec::new()
    };
    Some(SanitizerCall {
        sanitizer,
        extra_args,
    })
}

/// A binding could be sanitized in more than one way (Angular's
/// `AssertionError: Ambiguous security context`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousSecurityContext(pub Vec<SecurityContext>);

/// `resolveSanitizers` for property, attribute, DOM-property (host) and two-way property bindings:
/// `contexts` is the binding's security context list (one entry for template bindings, the
/// result of [`host_binding_security_contexts`] for host bindings). URL and resource-URL
/// contexts mixed with each other or with `NONE` give `ɵɵsanitizeUrlOrResourceUrl`; otherwise
/// the single non-`NONE` context decides, and two different ones are ambiguous. (Reification
/// later drops the sanitizer of `aria-*` property bindings, which become `ɵɵariaProperty`.)
pub fn sanitizer_for(
    contexts: &[SecurityContext],
) -> Result<Option<Sanitizer>, AmbiguousSecurityContext> {
    if contexts.len() > 1 && has_composite_url_security_context(contexts) {
        return Ok(Some(Sanitizer::UrlOrResourceUrl));
    }
    Ok(only_security_context(contexts)?.and_then(sanitizer_for_context))
}

/// The constant-tagging function (`trustedValueFns`) of a static attribute in the consts array:
/// `ɵɵtrustConstantHtml` for HTML contexts (`<iframe srcdoc="...">`), `ɵɵtrustConstantResourceUrl`
/// for resource URLs (`<script src="...">`); applied by Angular only to string-literal values
/// and never in host binding jobs.
pub fn trusted_constant_fn(
    contexts: &[SecurityContext],
) -> Result<Option<&'static str>, AmbiguousSecurityContext> {
    Ok(match only_security_context(contexts)? {
        Some(SecurityContext::Html) => Some("ɵɵtrustConstantHtml"),
        Some(SecurityContext::ResourceUrl) => Some("ɵɵtrustConstantResourceUrl"),
        _ => None,
    })
}

/// `hasCompositeUrlSecurityContext`.
fn has_composite_url_security_context(contexts: &[SecurityContext]) -> bool {
    let (mut url, mut resource, mut none) = (false, false, false);
    for c in contexts {
        match c {
            SecurityContext::Url => url = true,
            SecurityContext::ResourceUrl => resource = true,
            SecurityContext::None => none = true,
            _ => return false,
        }
    }
    ((url || resource) && none) || (url && resource)
}

/// `getOnlySecurityContext` for a list; `Ok(None)` stands for an empty list of one element
/// (Angular's `undefined`, which finds no sanitizer).
fn only_security_context(
    contexts: &[SecurityContext],
) -> Result<Option<SecurityContext>, AmbiguousSecurityContext> {
    if contexts.len() < 2 {
        return Ok(Some(
            contexts.first().copied().unwrap_or(SecurityContext::None),
        ));
    }
    let non_none: Vec<SecurityContext> = contexts
        .iter()
        .copied()
        .filter(|c| *c != SecurityContext::None)
        .collect();
    if non_none.len() > 1 {
        return Err(AmbiguousSecurityContext(contexts.to_vec()));
    }
    Ok(Some(
        non_none.first().copied().unwrap_or(SecurityContext::None),
    ))
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
