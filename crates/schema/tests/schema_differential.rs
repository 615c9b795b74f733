//! Differential test of `ngc-schema` against Angular 22.2's real `DomElementSchemaRegistry`
//! and the template pipeline's security functions.
//!
//! tests/fixtures/schema/oracle.mjs (Node) prints the cases with Angular's answers, one JSON object per
//! line: every known element (plus custom, namespaced, mixed-case and malformed tag names) × every
//! property name of the schema plus tricky names (`hasElement`, `hasProperty` under each schema set,
//! property types, `securityContext` as property and as attribute, the trusted-constant function of a static
//! attribute, the security context and sanitizer of template bindings such as `[href]`,
//! `[attr.src]`, `[class.x]`, known attributes and events), every name's `getMappedPropName` and
//! validation messages, animation style normalisation, host binding security contexts and their
//! sanitizer for many directive selectors, the sanitizer call around i18n attribute values, and the sanitizer / trusted-constant choice for every
//! list of security contexts. This test recomputes each answer with ngc-schema from the inputs in
//! the line and compares values exactly. Differences are allowed only when listed with a reason in
//! tests/fixtures/schema/accepted-differences.txt; a listed difference that no longer occurs fails too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_schema as schema;
use ngc_schema::{
    ElementNamespace, PropertyType, SchemaMetadata, SecurityContext, StyleValue,
};
use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

fn ctx_from(n: u64) -> SecurityContext {
    match n {
        0 => SecurityContext::None,
        1 => SecurityContext::Html,
        2 => SecurityContext::Style,
        3 => SecurityContext::Script,
        4 => SecurityContext::Url,
        5 => SecurityContext::ResourceUrl,
        6 => SecurityContext::AttributeNoBinding,
        _ => panic!("oracle printed unknown security context {n}"),
    }
}

fn ctx_list_json(list: &[SecurityContext]) -> Value {
    Value::Array(list.iter().map(|c| Value::from(*c as u64)).collect())
}

fn fn_name_json(name: Option<&str>) -> Value {
    name.map(Value::from).unwrap_or(Value::Null)
}

/// Collects comparisons; a difference is keyed by a stable string naming the case.
#[derive(Default)]
struct Report {
    compared: usize,
    differences: BTreeMap<String, String>,
}

impl Report {
    fn check(&mut self, key: impl FnOnce() -> String, angular: &Value, ours: &Value) {
        self.compared += 1;
        if angular != ours {
            let key = key();
            let detail = format!("angular={} ngc-rs={}", short(angular), short(ours));
            self.differences.entry(key).or_insert(detail);
        }
    }

    /// Compares two equally long per-name strings (one character per name).
    fn check_chars(&mut self, key: &str, names: &[String], angular: &str, ours: &str) {
        let a: Vec<char> = angular.chars().collect();
        let o: Vec<char> = ours.chars().collect();
        assert_eq!(
            a.len(),
            names.len(),
            "oracle line {key} has the wrong length"
        );
        let mut diffs = Vec::new();
        for (i, name) in names.iter().enumerate() {
            self.compared += 1;
            if a.get(i) != o.get(i) {
                diffs.push(format!(
                    "{name:?}: angular={:?} ngc-rs={:?}",
                    a[i],
                    o.get(i)
                ));
            }
        }
        if !diffs.is_empty() {
            let n = diffs.len();
            diffs.truncate(6);
            self.differences.insert(
                key.to_string(),
                format!("{n} names differ, e.g. {}", diffs.join("; ")),
            );
        }
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn run_oracle(root: &Path) -> Vec<Value> {
    let compiler = root.join("tests/oracles/ng22/node_modules/@angular/compiler");
    assert!(
        compiler.exists(),
        "the Angular 22 oracle is not installed (tests/oracles/ng22/node_modules): run scripts/test to install it"
    );
    let output = Command::new("node")
        .arg(root.join("tests/fixtures/schema/oracle.mjs"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): install Node and run scripts/test"));
    assert!(
        output.status.success(),
        "oracle.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("oracle prints JSON lines"))
        .collect()
}

fn read_accepted(root: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root.join("tests/fixtures/schema/accepted-differences.txt"))
        .unwrap_or_default();
    let mut accepted = BTreeMap::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reason) = line.rsplit_once(" | ").unwrap_or((line, ""));
        assert!(
            !reason.trim().is_empty(),
            "accepted difference without a reason: {line}"
        );
        accepted.insert(key.trim().to_string(), reason.trim().to_string());
    }
    accepted
}

#[test]
fn schema_matches_angular() {
    let root = repo_root();
    let lines = run_oracle(&root);
    let reg = schema::registry();
    let mut report = Report::default();
    let mut names: Vec<String> = Vec::new();
    let mut bound_names: Vec<String> = Vec::new();
    let mut fn_table: Vec<Value> = Vec::new();
    let fn_index = |table: &[Value], name: Option<&str>| -> char {
        let v = fn_name_json(name);
        table
            .iter()
            .position(|x| *x == v)
            .and_then(|i| char::from_digit(i as u32, 10))
            .unwrap_or('?')
    };
    let schema_sets: [&[SchemaMetadata]; 3] = [
        &[],
        &[SchemaMetadata::CustomElements],
        &[SchemaMetadata::NoErrors],
    ];
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();

    for line in &lines {
        let kind = line["kind"].as_str().unwrap_or_default();
        *kinds.entry(kind.to_string()).or_default() += 1;
        match kind {
            "knownElements" => {
                let ours: Vec<Value> = reg
                    .all_known_element_names()
                    .iter()
                    .map(|s| Value::from(s.as_str()))
                    .collect();
                report.check(
                    || "allKnownElementNames".into(),
                    &line["result"],
                    &Value::Array(ours),
                );
            }
            "names" => names = strings(&line["names"]),
            "boundNames" => bound_names = strings(&line["names"]),
            "fnTable" => fn_table = line["names"].as_array().cloned().unwrap_or_default(),
            "element" => {
                let tag = line["tag"].as_str().unwrap_or_default();
                for (i, set) in schema_sets.iter().enumerate() {
                    report.check(
                        || format!("element {tag:?} hasElement[{i}]"),
                        &line["hasElement"][i],
                        &Value::Bool(reg.has_element(tag, set)),
                    );
                    let ours: String = names
                        .iter()
                        .map(|n| {
                            if reg.has_property(tag, n, set) {
                                '1'
                            } else {
                                '0'
                            }
                        })
                        .collect();
                    report.check_chars(
                        &format!("element {tag:?} hasProperty[{i}]"),
                        &names,
                        line["hasProperty"][i].as_str().unwrap_or_default(),
                        &ours,
                    );
                }
                let digit = |c: SecurityContext| char::from_digit(c as u32, 10).unwrap_or('?');
                let ours: String = names
                    .iter()
                    .map(|n| digit(reg.security_context(tag, n, false)))
                    .collect();
                report.check_chars(
                    &format!("element {tag:?} securityContext(property)"),
                    &names,
                    line["secProp"].as_str().unwrap_or_default(),
                    &ours,
                );
                let ours: String = names
                    .iter()
                    .map(|n| digit(reg.security_context(tag, n, true)))
                    .collect();
                report.check_chars(
                    &format!("element {tag:?} securityContext(attribute)"),
                    &names,
                    line["secAttr"].as_str().unwrap_or_default(),
                    &ours,
                );
                let ours: String = names
                    .iter()
                    .map(|n| {
                        let ctx = reg.security_context(tag, n, true);
                        match schema::trusted_constant_fn(&[ctx]) {
                            Ok(f) => fn_index(&fn_table, f),
                            Err(_) => 'E',
                        }
                    })
                    .collect();
                report.check_chars(
                    &format!("element {tag:?} trusted constant of static attribute"),
                    &names,
                    line["trustedAttr"].as_str().unwrap_or_default(),
                    &ours,
                );
                let ours: String = bound_names
                    .iter()
                    .map(|n| digit(schema::bound_property_security_context(tag, n)))
                    .collect();
                report.check_chars(
                    &format!("element {tag:?} bound property security context"),
                    &bound_names,
                    line["bound"].as_str().unwrap_or_default(),
                    &ours,
                );
                let ours: String = bound_names
                    .iter()
                    .map(|n| {
                        let ctx = schema::bound_property_security_context(tag, n);
                        match schema::sanitizer_for(&[ctx]) {
                            Ok(s) => fn_index(&fn_table, s.map(|s| s.function_name())),
                            Err(_) => 'E',
                        }
                    })
                    .collect();
                report.check_chars(
                    &format!("element {tag:?} bound property sanitizer"),
                    &bound_names,
                    line["boundSanitizer"].as_str().unwrap_or_default(),
                    &ours,
                );
                let ours: String = names
                    .iter()
                    .map(|n| match reg.declared_property_type(tag, n) {
                        Some(PropertyType::Boolean) => 'b',
                        Some(PropertyType::Number) => 'n',
                        Some(PropertyType::String) => 's',
                        Some(PropertyType::Object) => 'o',
                        None => '-',
                    })
                    .collect();
                report.check_chars(
                    &format!("element {tag:?} property types"),
                    &names,
                    line["types"].as_str().unwrap_or_default(),
                    &ours,
                );
                let attrs: Vec<Value> = reg
                    .all_known_attributes_of_element(tag)
                    .into_iter()
                    .map(Value::from)
                    .collect();
                report.check(
                    || format!("element {tag:?} allKnownAttributesOfElement"),
                    &line["attributes"],
                    &Value::Array(attrs),
                );
                let events: Vec<Value> = reg
                    .all_known_events_of_element(tag)
                    .into_iter()
                    .map(Value::from)
                    .collect();
                report.check(
                    || format!("element {tag:?} allKnownEventsOfElement"),
                    &line["events"],
                    &Value::Array(events),
                );
            }
            "name" => {
                let n = line["name"].as_str().unwrap_or_default();
                report.check(
                    || format!("name {n:?} getMappedPropName"),
                    &line["mapped"],
                    &Value::from(schema::mapped_prop_name(n)),
                );
                let vp = schema::validate_property(n)
                    .err()
                    .map(Value::from)
                    .unwrap_or(Value::Null);
                report.check(
                    || format!("name {n:?} validateProperty"),
                    &line["validateProperty"],
                    &vp,
                );
                let va = schema::validate_attribute(n)
                    .err()
                    .map(Value::from)
                    .unwrap_or(Value::Null);
                report.check(
                    || format!("name {n:?} validateAttribute"),
                    &line["validateAttribute"],
                    &va,
                );
                report.check(
                    || format!("name {n:?} isKnownEventOfAnyElement"),
                    &line["knownEvent"],
                    &Value::Bool(reg.is_known_event_of_any_element(n)),
                );
            }
            "event" => {
                let n = line["name"].as_str().unwrap_or_default();
                report.check(
                    || format!("event {n:?} isKnownEventOfAnyElement"),
                    &line["knownEvent"],
                    &Value::Bool(reg.is_known_event_of_any_element(n)),
                );
            }
            "defaultComponentElementName" => {
                report.check(
                    || "getDefaultComponentElementName".into(),
                    &line["result"],
                    &Value::from(schema::default_component_element_name()),
                );
            }
            "animProp" => {
                let p = line["input"].as_str().unwrap_or_default();
                report.check(
                    || format!("normalizeAnimationStyleProperty {p:?}"),
                    &line["result"],
                    &Value::from(schema::normalize_animation_style_property(p)),
                );
            }
            "animValue" => {
                let prop = line["prop"].as_str().unwrap_or_default();
                let user = line["user"].as_str().unwrap_or_default();
                let val = if line["valType"] == "number" {
                    StyleValue::Number(
                        line["exact"]
                            .as_str()
                            .and_then(|t| t.parse::<f64>().ok())
                            .unwrap_or(f64::NAN),
                    )
                } else {
                    StyleValue::String(line["val"].as_str().unwrap_or_default())
                };
                let r = schema::normalize_animation_style_value(prop, user, val);
                let ours = serde_json::json!({ "value": r.value, "error": r.error });
                report.check(
                    || format!("normalizeAnimationStyleValue {prop:?} {}", line["val"]),
                    &line["result"],
                    &ours,
                );
            }
            "host" => {
                let selector = line["selector"].as_str();
                let name = line["name"].as_str().unwrap_or_default();
                let is_attr = line["isAttr"].as_bool().unwrap_or(false);
                if line["possible"] == "E" {
                    // Angular's CssSelector.parse rejects the selector (a directive with it is never
                    // compiled); ngc-schema reads it leniently. One difference per selector.
                    report.check(
                        || format!("host {selector:?} is an invalid selector"),
                        &Value::from("throws"),
                        &Value::from("lenient"),
                    );
                    continue;
                }
                let id = format!(
                    "host {selector:?} {name:?} {}",
                    if is_attr { "attribute" } else { "property" }
                );
                let possible = schema::possible_security_contexts(
                    selector,
                    schema::mapped_prop_name(name),
                    is_attr,
                );
                report.check(
                    || format!("{id} calcPossibleSecurityContexts"),
                    &line["possible"],
                    &ctx_list_json(&possible),
                );
                let host = schema::host_binding_security_contexts(selector, name, is_attr);
                report.check(
                    || format!("{id} calcHostBindingSecurityContexts"),
                    &line["host"],
                    &ctx_list_json(&host),
                );
                let sanitizer = match schema::sanitizer_for(&host) {
                    Ok(s) => fn_name_json(s.map(|s| s.function_name())),
                    Err(_) => Value::from("E"),
                };
                report.check(|| format!("{id} sanitizer"), &line["sanitizer"], &sanitizer);
            }
            "i18nAttr" => {
                let ctx = ctx_from(line["context"].as_u64().unwrap_or(99));
                let tag = line["tag"].as_str().unwrap_or_default();
                let name = line["name"].as_str().unwrap_or_default();
                let ns = match line["namespace"].as_u64() {
                    Some(1) => ElementNamespace::Svg,
                    Some(2) => ElementNamespace::Math,
                    _ => ElementNamespace::Html,
                };
                let ours = match schema::i18n_attribute_sanitizer(ctx, tag, ns, name) {
                    Some(call) => {
                        serde_json::json!({ "fn": call.sanitizer.function_name(), "args": call.extra_args })
                    }
                    None => Value::Null,
                };
                report.check(
                    || format!("i18n attribute {ctx:?} {tag:?} {ns:?}"),
                    &line["result"],
                    &ours,
                );
            }
            "sanitizer" => {
                let list: Vec<SecurityContext> = match &line["contexts"] {
                    Value::Array(a) => a
                        .iter()
                        .map(|x| ctx_from(x.as_u64().unwrap_or(99)))
                        .collect(),
                    other => vec![ctx_from(other.as_u64().unwrap_or(99))],
                };
                let id = format!("contexts {}", line["contexts"]);
                let s = match schema::sanitizer_for(&list) {
                    Ok(s) => fn_name_json(s.map(|s| s.function_name())),
                    Err(_) => Value::from("E"),
                };
                report.check(|| format!("{id} sanitizer"), &line["sanitizer"], &s);
                let t = match schema::trusted_constant_fn(&list) {
                    Ok(t) => fn_name_json(t),
                    Err(_) => Value::from("E"),
                };
                report.check(|| format!("{id} trusted constant"), &line["trusted"], &t);
            }
            other => panic!("oracle printed an unknown kind {other:?}"),
        }
    }

    let accepted = read_accepted(&root);
    let unexpected: Vec<String> = report
        .differences
        .iter()
        .filter(|(k, _)| !accepted.contains_key(*k))
        .map(|(k, d)| format!("{k}\n    {d}"))
        .collect();
    let gone: Vec<&String> = accepted
        .keys()
        .filter(|k| !report.differences.contains_key(*k))
        .collect();
    let accepted_seen = report.differences.len() - unexpected.len();
    println!(
        "schema differential: {} comparisons in {} oracle lines {:?}; {} accepted differences, {} unexpected",
        report.compared,
        lines.len(),
        kinds,
        accepted_seen,
        unexpected.len()
    );
    assert!(
        report.compared > 100_000,
        "the oracle printed too few cases"
    );
    let mut problems = String::new();
    if !unexpected.is_empty() {
        problems.push_str(&format!(
            "{} differences from Angular:\n{}\n",
            unexpected.len(),
            unexpected.join("\n")
        ));
    }
    if !gone.is_empty() {
        problems.push_str(&format!(
            "accepted differences that no longer occur (remove them from tests/fixtures/schema/accepted-differences.txt): {gone:?}\n"
        ));
    }
    assert!(problems.is_empty(), "{problems}");
}
