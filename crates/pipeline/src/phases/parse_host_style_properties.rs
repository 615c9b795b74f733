//! `parseHostStyleProperties`: host property bindings named `style.x`, `style!x`, `class.x` or
//! `class!x` become style and class bindings (units and `!important` stripped).

use crate::ir::{BindingKind, Op};
use crate::job::Job;

const BANG_IMPORTANT: &str = "!important";

/// `hyphenate`: `fooBar` → `foo-bar`.
pub(crate) fn hyphenate(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if i + 1 < chars.len() && chars[i].is_ascii_lowercase() && chars[i + 1].is_ascii_uppercase()
        {
            out.push(chars[i]);
            out.push('-');
            out.push(chars[i + 1]);
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.to_lowercase()
}

/// `namespaceCssVariable`.
pub(crate) fn namespace_css_variable(name: &str) -> String {
    match name.strip_prefix("--global--") {
        Some(rest) => format!("--{rest}"),
        None => format!("--%NS%{}", name.strip_prefix("--").unwrap_or(name)),
    }
}

/// `parseProperty`: the property and its unit suffix (`width.px`).
fn parse_property(name: &str) -> (String, Option<String>) {
    let mut name = name.to_string();
    if let Some(i) = name.find(BANG_IMPORTANT) {
        name = if i > 0 {
            name[..i].to_string()
        } else {
            String::new()
        };
    }
    match name.rfind('.') {
        Some(i) if i > 0 => (name[..i].to_string(), Some(name[i + 1..].to_string())),
        _ => (name, None),
    }
}

pub fn run(job: &mut Job<'_>) {
    let root = &mut job.units[0];
    root.update.for_each_mut(|op| {
        let Op::Binding(b) = op else { return };
        if b.binding_kind != BindingKind::Property {
            return;
        }
        if let Some(stripped) = b.name.strip_suffix(BANG_IMPORTANT) {
            b.name = stripped.to_string();
        }
        if let Some(rest) = b.name.strip_prefix("style.") {
            let mut name = rest.to_string();
            name = if name.starts_with("--") {
                namespace_css_variable(&name)
            } else {
                hyphenate(&name)
            };
            let (property, suffix) = parse_property(&name);
            b.binding_kind = BindingKind::StyleProperty;
            b.name = property;
            b.unit = suffix;
        } else if b.name.starts_with("style!") {
            b.binding_kind = BindingKind::StyleProperty;
            b.name = "style".to_string();
        } else if let Some(rest) = b.name.strip_prefix("class.") {
            let (property, _) = parse_property(rest);
            b.binding_kind = BindingKind::ClassName;
            b.name = property;
        } else if let Some(rest) = b.name.strip_prefix("class!") {
            let (property, _) = parse_property(rest);
            b.binding_kind = BindingKind::ClassName;
            b.name = property;
        }
    });
}
